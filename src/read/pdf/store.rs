//! A well-formed file's objects, each parsed when it is first resolved. lopdf's loader parses
//! every object of a file before the first page is drawn: a Chromium printout's structure tree
//! (a hundred /StructElem dictionaries), its link annotations and the fonts' glyph procedures,
//! 40% of what reading the file cost, though the text needs the page tree, the resources, the
//! fonts and the content streams. The store reads the cross-reference data ([`super::xref`]),
//! checks that every entry finds its object's header where it says, and parses an object with
//! [`super::syntax`] (lopdf's grammar) the first time it is asked for.
//!
//! A file whose cross-reference data lopdf would repair is not opened here, and an object that
//! does not parse as lopdf parses a sound one (a stream whose /Length misses `endstream`, a
//! reference loop, a value lopdf would skip) marks the store [`Store::doubtful`]: the reader then
//! reads the file again through lopdf's loader, so what comes out is always what lopdf's
//! objects give.

use super::packed::Packed;
use super::syntax::{Cursor, Item, Lean, LeanFont};
use super::xref::{self, Xref};
use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Object, ObjectId, Stream};
use std::cell::{Cell, OnceCell};

/// The objects of a file read lazily.
pub struct Store<'a> {
    buf: &'a [u8],
    pub trailer: Dictionary,
    /// Object numbers in order, with their entries and parsed objects alongside.
    numbers: Vec<u32>,
    entries: Vec<XrefEntry>,
    parsed: Vec<OnceCell<Option<Object>>>,
    /// Objects being parsed (a stream's /Length that leads back to the stream is a loop).
    busy: Vec<Cell<bool>>,
    packed: Packed,
    doubt: Cell<bool>,
    /// The array stack lent to each object's cursor ([`Cursor::with_stack`]).
    stack: Cell<Vec<Object>>,
    /// Font dictionaries read lean ([`Store::lean_font`]), by index, made at the first.
    lean: OnceCell<Vec<OnceCell<Option<Box<LeanFont>>>>>,
    /// Room for a lean array's items ([`Cursor::lean_font`]).
    items: Cell<Vec<Item>>,
}

impl<'a> Store<'a> {
    /// Opens `bytes` when its cross-reference data is sound and not encrypted (None: use lopdf's
    /// loader). Object streams are inflated within `max` bytes each, as lopdf's loader inflates
    /// them; one over the limit is the error lopdf gives.
    pub fn open(bytes: &'a [u8], max: usize) -> Result<Option<Store<'a>>, lopdf::Error> {
        let Some(at) = memchr::memmem::find(bytes, b"%PDF-") else { return Ok(None) };
        let buf = &bytes[at..];
        if memchr::memchr2(b'\r', b'\n', buf).is_none() {
            return Ok(None);
        }
        let Some(Xref { entries, trailer, .. }) = xref::read(buf, max) else { return Ok(None) };
        let (numbers, entries): (Vec<u32>, Vec<XrefEntry>) = entries.into_iter().unzip();
        let n = numbers.len();
        let mut store = Store {
            buf,
            trailer,
            numbers,
            entries,
            parsed: (0..n).map(|_| OnceCell::new()).collect(),
            busy: (0..n).map(|_| Cell::new(false)).collect(),
            packed: Packed::default(),
            doubt: Cell::new(false),
            stack: Cell::default(),
            lean: OnceCell::new(),
            items: Cell::default(),
        };
        if !store.headers_sound() {
            return Ok(None);
        }
        store.packed = store.object_streams(max)?;
        Ok((!store.doubtful()).then_some(store))
    }

    /// Whether every entry in use finds `N G obj` of its own number and generation at its offset
    /// (within a few KB of white space: many entries pointing into one long run of it must not
    /// cost the run each time).
    fn headers_sound(&self) -> bool {
        self.numbers.iter().zip(&self.entries).all(|(&number, e)| match *e {
            XrefEntry::Normal { offset, generation } => {
                let end = self.buf.len().min(offset as usize + 4096);
                let mut c = Cursor::new(&self.buf[..end], offset as usize);
                c.space();
                c.object_id() == Some((number, generation)) && c.tag(b"obj")
            }
            _ => true,
        })
    }

    /// The object streams lopdf's loader unpacks: every object stored outside streams that is a
    /// stream of /Type /ObjStm (found where the file spells `/ObjStm`), in object order.
    fn object_streams(&self, max: usize) -> Result<Packed, lopdf::Error> {
        let offsets = self.normal_offsets();
        let mut holders: Vec<usize> = memchr::memmem::find_iter(self.buf, b"/ObjStm")
            .filter_map(|at| {
                let i = offsets.partition_point(|&(o, _)| o <= at);
                Some(offsets.get(i.checked_sub(1)?)?.1)
            })
            .collect();
        holders.sort_unstable();
        holders.dedup();
        let streams = holders.into_iter().filter_map(|i| match self.slot(i)? {
            Object::Stream(s) if s.dict.has_type(b"ObjStm") => Some((self.numbers[i], s)),
            _ => None,
        });
        let streams: Vec<(u32, &Stream)> = streams.collect();
        Packed::from_streams(streams.into_iter(), |n| self.entry(n).cloned(), Some(max))
    }

    /// (offset, index) of the objects stored outside streams, by offset.
    fn normal_offsets(&self) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = (self.entries.iter().enumerate())
            .filter_map(|(i, e)| match e {
                XrefEntry::Normal { offset, .. } => Some((*offset as usize, i)),
                _ => None,
            })
            .collect();
        v.sort_unstable();
        v
    }

    fn index(&self, number: u32) -> Option<usize> {
        self.numbers.binary_search(&number).ok()
    }

    fn entry(&self, number: u32) -> Option<&XrefEntry> {
        self.index(number).map(|i| &self.entries[i])
    }

    /// Whether an object did not parse as lopdf parses a sound one: the file must be read by
    /// lopdf's loader instead.
    pub fn doubtful(&self) -> bool {
        self.doubt.get()
    }

    /// Whether object `id` is stored outside object streams.
    pub fn stored(&self, id: ObjectId) -> bool {
        matches!(self.entry(id.0), Some(XrefEntry::Normal { generation, .. }) if *generation == id.1)
    }

    /// The object `id` (None when the file has none by that number, or it is doubtful).
    pub fn get(&self, id: ObjectId) -> Option<&Object> {
        if self.stored(id) {
            return self.slot(self.index(id.0)?);
        }
        self.packed.get(id)
    }

    /// The packed object streams.
    pub fn packed(&self) -> &Packed {
        &self.packed
    }

    /// How many objects the file holds (stored outside streams, and packed in them).
    pub fn count(&self) -> usize {
        let normal = self.entries.iter().filter(|e| matches!(e, XrefEntry::Normal { .. })).count();
        normal + self.packed.extra(|n| self.stored((n, 0)))
    }

    /// The object stored outside streams at index `i`, parsed on first use.
    fn slot(&self, i: usize) -> Option<&Object> {
        if let Some(o) = self.parsed[i].get() {
            return o.as_ref();
        }
        if self.busy[i].replace(true) {
            self.doubt.set(true);
            return None;
        }
        let XrefEntry::Normal { offset, .. } = self.entries[i] else { return None };
        let object = self.parse(offset as usize);
        if object.is_none() {
            self.doubt.set(true);
        }
        self.busy[i].set(false);
        self.parsed[i].get_or_init(|| object).as_ref()
    }

    /// The object `id` read as a font dictionary whose long arrays are kept lean ([`LeanFont`]),
    /// when it is stored outside object streams, not yet parsed, and a dictionary that reads so
    /// (it is then left unparsed). None: resolve it as any object. Whatever reads lean reads the
    /// same as [`Store::get`] gives it (`lean_fonts_read_as_objects` below).
    pub fn lean_font(&self, id: ObjectId) -> Option<Lean<'_>> {
        if !self.stored(id) {
            return None;
        }
        let i = self.index(id.0)?;
        if self.parsed[i].get().is_some() {
            return None;
        }
        let XrefEntry::Normal { offset, .. } = self.entries[i] else { return None };
        let slots = self.lean.get_or_init(|| (0..self.numbers.len()).map(|_| OnceCell::new()).collect());
        let font = slots[i].get_or_init(|| self.parse_lean(offset as usize).map(Box::new)).as_deref()?;
        Some(Lean { font, buf: self.buf })
    }

    /// [`Store::parse_at`] of a dictionary that is not a stream's, read lean.
    fn parse_lean(&self, offset: usize) -> Option<LeanFont> {
        let mut c = Cursor::new(self.buf, offset);
        c.space();
        c.object_id()?;
        c.tag(b"obj").then_some(())?;
        c.space();
        if !self.buf[c.pos..].starts_with(b"<<") {
            return None;
        }
        let mut items = self.items.take();
        let font = c.lean_font(&mut items);
        self.items.set(items);
        let font = font?;
        c.space();
        (!c.tag(b"stream")).then_some(font)
    }

    /// lopdf's `_indirect_object` at `offset` (the header was checked at open).
    fn parse(&self, offset: usize) -> Option<Object> {
        let mut c = Cursor::with_stack(self.buf, offset, self.stack.take());
        let object = self.parse_at(&mut c);
        self.stack.set(c.into_stack());
        object
    }

    fn parse_at(&self, c: &mut Cursor) -> Option<Object> {
        c.space();
        c.object_id()?;
        c.tag(b"obj").then_some(())?;
        c.space();
        if !self.buf[c.pos..].starts_with(b"<<") {
            return c.top_value();
        }
        let dict = c.top_dictionary()?;
        let after = c.pos;
        c.space();
        let stream = c.tag(b"stream");
        c.pos = after;
        if !stream {
            return Some(Object::Dictionary(dict));
        }
        let length = match dict.get(b"Length").ok()? {
            Object::Integer(n) => *n,
            Object::Reference(id) => self.get(*id)?.as_i64().ok()?,
            _ => return None,
        };
        let data = xref::stream_data(c, usize::try_from(length).ok()?)?;
        Some(Object::Stream(Stream::new(dict, data.to_vec())))
    }
}

#[cfg(test)]
pub mod tests {
    use super::{Store, XrefEntry};
    use crate::read::pdf::syntax::Lean;
    use lopdf::{Dictionary, Document, Object};
    use std::path::{Path, PathBuf};

    /// The PDFs of a folder.
    fn pdfs(dir: &Path) -> Vec<PathBuf> {
        let Ok(d) = std::fs::read_dir(dir) else { return Vec::new() };
        d.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect()
    }

    /// The PDF fixtures the store is checked on: pdf.js's suite (when ../shared is there), the
    /// corpus renderings, the made and the hostile fixtures, the bombs left out.
    pub fn fixtures() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = pdfs(&root.join("../shared/fixtures/pdfjs"));
        for dir in ["corpus/renderings/pdf-chromium", "corpus/renderings/pdf-lo", "corpus/renderings/pdf-reportlab"] {
            files.extend(pdfs(&root.join(dir)));
        }
        files.extend(pdfs(&root.join("tests/fixtures/pdf/made")));
        files.extend(pdfs(&root.join("tests/hostile/pdf")));
        files.retain(|p| !p.to_string_lossy().contains("bomb"));
        files.sort();
        files
    }

    /// A lean font made whole again: its items put back as lopdf's objects.
    pub fn whole(lean: Lean) -> Dictionary {
        let array = |items: &[_]| {
            Object::Array(items.iter().map(|i: &crate::read::pdf::syntax::Item| i.object(lean.buf)).collect())
        };
        let mut dict = lean.font.dict.clone();
        if let Some(w) = &lean.font.widths {
            dict.set("Widths", array(w));
        }
        if let Some(d) = &lean.font.differences {
            match dict.get_mut(b"Encoding") {
                Ok(Object::Dictionary(e)) => e.set("Differences", array(d)),
                _ => panic!("lean /Differences without a direct /Encoding"),
            }
        }
        dict
    }

    /// The objects of `store` stored outside object streams.
    pub fn stored_ids(store: &Store) -> Vec<lopdf::ObjectId> {
        (store.numbers.iter().zip(&store.entries))
            .filter_map(|(&n, e)| match e {
                XrefEntry::Normal { generation, .. } => Some((n, *generation)),
                _ => None,
            })
            .collect()
    }

    /// Every object that reads lean ([`Store::lean_font`]: any dictionary stored outside object
    /// streams, fonts or not) is, made whole again, the object the store parses otherwise, and so
    /// lopdf's; and the store then parses it without doubt.
    #[test]
    fn lean_fonts_read_as_objects() {
        let (mut lean_read, mut with_arrays) = (0, 0);
        for path in fixtures() {
            let bytes = std::fs::read(&path).unwrap();
            let Ok(Some(store)) = Store::open(&bytes, 64 << 20) else { continue };
            for id in stored_ids(&store) {
                let Some(lean) = store.lean_font(id) else { continue };
                let full = store.get(id);
                assert!(!store.doubtful(), "{}: {id:?} reads lean but not whole", path.display());
                let Some(Object::Dictionary(full)) = full else {
                    panic!("{}: {id:?} is not a dictionary", path.display())
                };
                assert!(whole(lean) == *full, "{}: {id:?} reads lean otherwise", path.display());
                lean_read += 1;
                with_arrays += usize::from(lean.font.widths.is_some() || lean.font.differences.is_some());
            }
        }
        eprintln!("{lean_read} dictionaries read lean, {with_arrays} with arrays");
        assert!(lean_read > 10_000 && with_arrays > 2_000, "{lean_read} read lean, {with_arrays} with arrays");
    }

    /// Every object the store parses, stored outside object streams or packed in them, is the
    /// object lopdf's loader loads: on pdf.js's 969 files
    /// (when ../shared is there), the corpus renderings and the made fixtures.
    #[test]
    fn store_reads_objects_as_lopdf_loads_them() {
        let (mut opened, mut objects) = (0, 0);
        for path in &fixtures() {
            let bytes = std::fs::read(path).unwrap();
            let Ok(Some(store)) = Store::open(&bytes, 64 << 20) else { continue };
            let Ok(doc) = Document::load_mem(&bytes) else { continue };
            opened += 1;
            for (&id, object) in &doc.objects {
                if let Some(parsed) = store.get(id) {
                    assert!(parsed == object, "{}: object {id:?} reads otherwise than lopdf loads it", path.display());
                    objects += 1;
                }
            }
        }
        eprintln!("store: {opened} files opened, {objects} objects compared");
        assert!(opened >= 222 && objects > 10_000, "{opened} files, {objects} objects compared");
    }
}
