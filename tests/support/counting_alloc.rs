//! A global allocator that counts, per thread, the bytes allocated, the allocations made and the
//! peak of live bytes: work measured in allocations rather than seconds, so a bound cannot flake
//! on a busy machine. The library forbids unsafe code; implementing `GlobalAlloc` needs it, so it
//! lives here, in the test and bench harnesses only, as a plain pass-through to `System`.
#![allow(dead_code)] // each harness uses a part of it

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

pub struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static TOTAL: Cell<usize> = const { Cell::new(0) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn grew(n: usize) {
    let _ = LIVE.try_with(|l| {
        let v = l.get() + n;
        l.set(v);
        let _ = PEAK.try_with(|p| p.set(p.get().max(v)));
    });
    let _ = TOTAL.try_with(|t| t.set(t.get() + n));
    let _ = COUNT.try_with(|c| c.set(c.get() + 1));
}

fn shrank(n: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(n)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        System.dealloc(ptr, layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        shrank(layout.size());
        grew(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

/// What one call cost on this thread.
#[derive(Debug, Clone, Copy)]
pub struct Work {
    /// The most bytes live at once above what was live before the call.
    pub peak: usize,
    /// Bytes allocated in all (each growth of a buffer counts its new size).
    pub total: usize,
    /// Allocations made.
    pub count: usize,
}

/// Runs `f` and measures its allocations on this thread.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Work) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let t0 = TOTAL.with(Cell::get);
    let c0 = COUNT.with(Cell::get);
    let out = f();
    let work = Work {
        peak: PEAK.with(Cell::get) - base,
        total: TOTAL.with(Cell::get) - t0,
        count: COUNT.with(Cell::get) - c0,
    };
    (out, work)
}
