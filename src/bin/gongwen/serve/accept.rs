//! The connection loop: axum's router on hyper's HTTP/1 connections, with what `axum::serve`
//! leaves out. A client must send a request's headers within the header deadline (a client
//! trickling a byte a second is closed, not kept forever), and at most `max_connections` are
//! open at once: past that the server stops accepting, so further clients wait in the kernel's
//! accept queue instead of taking file descriptors the process needs (a flood of slow clients
//! cannot starve /healthz for longer than the deadline). Under pressure (fewer than a quarter of
//! the connections free) a new connection gets a fifth of the header deadline (at least 1 s): a
//! real client sends its headers in milliseconds, and slots held by slow clients turn over five
//! times faster, so the queue behind them drains in seconds.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

/// How connections are bounded.
pub struct Bounds {
    pub header_timeout: Duration,
    pub max_connections: usize,
}

/// The default connection cap: three quarters of the process's open-file limit (the rest is for
/// the files and pipes the server itself opens), 768 when the limit cannot be read.
pub fn default_max_connections() -> usize {
    let soft = std::fs::read_to_string("/proc/self/limits").ok().and_then(|l| {
        l.lines().find(|l| l.starts_with("Max open files"))?.split_whitespace().nth(3)?.parse::<usize>().ok()
    });
    (soft.unwrap_or(1024) / 4 * 3).max(1)
}

/// Serves until `shutdown` completes, then lets the open connections finish their requests.
pub async fn serve(listener: TcpListener, router: Router, bounds: Bounds, shutdown: impl Future<Output = ()>) {
    let slots = Arc::new(Semaphore::new(bounds.max_connections));
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        // A free slot first: until one is, new clients wait in the accept queue.
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((s, _)) => s,
                // Out of file descriptors or a connection reset while queued: try again shortly.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let mut stop = stop_rx.clone();
        let pressed = slots.available_permits() < bounds.max_connections / 4;
        let header_timeout =
            if pressed { (bounds.header_timeout / 5).max(Duration::from_secs(1)) } else { bounds.header_timeout };
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(permit);
        });
    }
    let _ = stop_tx.send(true);
    // Every connection gives its slot back when it ends.
    let _ = slots.acquire_many(bounds.max_connections as u32).await;
}
