//! Object streams (PDF 32000 §7.5.7) kept packed until an object in them is needed. lopdf parses
//! every member of every object stream while it loads a file, where reading the text needs the
//! page tree, the pages' resources and the fonts: pdf.js's bug1978317 keeps 65,542 link
//! annotations in one stream, 13 MB that lopdf took 1.8G instructions to parse. Here the loader's
//! filter ([`defer`]) marks each object stream so that lopdf keeps it whole; [`Packed`] inflates
//! the marked streams once (where lopdf would have, with the same per-stream limit) and reads
//! their member tables, and a member is parsed when it is first resolved, with lopdf's grammar
//! ([`super::syntax`]), so it reads as it would have read when loaded.
//!
//! Which stream an object is taken from follows lopdf's loader: an object the cross-reference
//! table places in a stream is taken from that stream only; a free one from none; one the table
//! does not place in a stream from the last stream (in object order) that holds it; and an object
//! stored outside streams wins over a copy in one.

use super::syntax::Cursor;
use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::cell::OnceCell;
use std::collections::HashMap;

/// The /Type an object stream is given so that lopdf's loader leaves it packed.
const MARK: &[u8] = b"GongwenPackedObjStm";

/// The load filter (lopdf's `LoadOptions::filter`): renames an object stream's /Type, in place.
/// lopdf keeps the object it passed a filter at the top level, and takes what the filter returns
/// only for the members of object streams, which it no longer unpacks: so Null is returned,
/// rather than a copy of every object.
pub fn defer(id: ObjectId, o: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(s) = o {
        if s.dict.has_type(b"ObjStm") {
            s.dict.set("Type", Object::Name(MARK.to_vec()));
        }
    }
    Some((id, Object::Null))
}

/// Where a member's text lies: the stream (an index into `Packed::streams`) and the bytes from its
/// offset to the next member's (or the stream's end).
#[derive(Debug, Clone, Copy)]
struct Slot {
    stream: usize,
    start: usize,
    end: usize,
}

/// The packed object streams of a document and the members parsed so far.
#[derive(Default)]
pub struct Packed {
    /// Each marked stream's inflated content.
    streams: Vec<Vec<u8>>,
    /// Object number → its slot.
    members: HashMap<u32, usize>,
    slots: Vec<Slot>,
    /// Each slot's object once parsed (None when it does not parse).
    parsed: Vec<OnceCell<Option<Object>>>,
    /// Whether a member was left out because the table calls it free.
    freed: bool,
}

impl Packed {
    /// Inflates the marked object streams of `doc` (each within `max` bytes) and reads their member
    /// tables, admitting members as lopdf's loader admits them.
    pub fn new(doc: &Document, max: Option<usize>) -> Result<Packed, lopdf::Error> {
        let streams = doc.objects.iter().filter_map(|(&(number, _), o)| match o {
            Object::Stream(s) if s.dict.has_type(MARK) => Some((number, s)),
            _ => None,
        });
        Packed::from_streams(streams, |n| doc.reference_table.entries.get(&n).cloned(), max)
    }

    /// Inflates the given object streams (in object order, each within `max` bytes) and reads
    /// their member tables; `entry` gives an object's cross-reference entry. Only a stream over
    /// the limit is an error, as in lopdf's loader; a stream that does not inflate or whose table
    /// does not read holds nothing.
    pub fn from_streams<'s>(
        streams: impl Iterator<Item = (u32, &'s Stream)>,
        entry: impl Fn(u32) -> Option<XrefEntry>,
        max: Option<usize>,
    ) -> Result<Packed, lopdf::Error> {
        let mut packed = Packed::default();
        for (number, s) in streams {
            let content = match max {
                Some(max) => s.get_plain_content_with_limit(max),
                None => s.get_plain_content(),
            };
            let content = match content {
                Ok(c) => c,
                Err(e @ lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => return Err(e),
                Err(_) => continue,
            };
            let Some(table) = member_table(&s.dict, &content) else { continue };
            packed.add(&entry, number, content, table);
        }
        Ok(packed)
    }

    /// Adds one stream's members, as lopdf's loader admits them (see the module doc).
    fn add(
        &mut self,
        entry: &impl Fn(u32) -> Option<XrefEntry>,
        container: u32,
        content: Vec<u8>,
        table: Vec<(u32, usize)>,
    ) {
        let stream = self.streams.len();
        let mut starts: Vec<usize> = table.iter().map(|m| m.1).collect();
        starts.sort_unstable();
        starts.dedup();
        for (number, start) in table {
            let admitted = match entry(number) {
                Some(XrefEntry::Compressed { container: c, .. }) => c == container,
                Some(XrefEntry::Free | XrefEntry::UnusableFree) => {
                    self.freed = true;
                    false
                }
                _ => true,
            };
            if !admitted {
                continue;
            }
            let next = starts.partition_point(|&s| s <= start);
            let end = starts.get(next).copied().unwrap_or(content.len());
            self.members.insert(number, self.slots.len());
            self.slots.push(Slot { stream, start, end });
            self.parsed.push(OnceCell::new());
        }
        self.streams.push(content);
    }

    /// The packed object `id`, parsed on first use (None when no stream holds it or it does not
    /// parse).
    pub fn get(&self, id: ObjectId) -> Option<&Object> {
        if id.1 != 0 {
            return None; // members have generation 0
        }
        let &slot = self.members.get(&id.0)?;
        self.parsed[slot].get_or_init(|| self.parse(self.slots[slot])).as_ref()
    }

    /// The text of the packed object `id` as stored, unparsed (None when it is not packed).
    pub fn text(&self, id: ObjectId) -> Option<&[u8]> {
        if id.1 != 0 {
            return None;
        }
        let slot = self.slots[*self.members.get(&id.0)?];
        Some(&self.streams[slot.stream][slot.start..slot.end])
    }

    /// Parses one member as lopdf's object-stream parser does (white space and comments, then a
    /// direct object), with lopdf's grammar ([`super::syntax`]).
    fn parse(&self, slot: Slot) -> Option<Object> {
        let mut c = Cursor::new(&self.streams[slot.stream][slot.start..slot.end], 0);
        c.space();
        if c.pos >= c.buf.len() {
            return None;
        }
        c.direct_object()
    }

    /// How many objects the packed streams add to those stored outside them (`stored` tells
    /// whether object `(n, 0)` is).
    pub fn extra(&self, stored: impl Fn(u32) -> bool) -> usize {
        self.members.keys().filter(|&&n| !stored(n)).count()
    }

    /// Whether a member was left out because the cross-reference table calls it free.
    pub fn freed(&self) -> bool {
        self.freed
    }
}

/// The member table of an object stream: (object number, offset in `content`) pairs, read as lopdf
/// reads them (a stream without /First or /N, or whose table is not text, holds nothing; an entry
/// that is not a number, or an offset past the end, is skipped). None when it holds nothing.
fn member_table(dict: &Dictionary, content: &[u8]) -> Option<Vec<(u32, usize)>> {
    if content.is_empty() {
        return None;
    }
    let first = usize::try_from(dict.get(b"First").and_then(Object::as_i64).ok()?).ok()?;
    let numbers = std::str::from_utf8(content.get(..first)?).ok()?;
    dict.get(b"N").and_then(Object::as_i64).ok()?;
    let numbers: Vec<Option<u32>> = numbers
        .split(['\r', '\n'])
        .flat_map(|line| line.split('%').next().unwrap_or_default().split_whitespace())
        .map(|n| n.parse::<u32>().ok())
        .collect();
    let pairs = numbers.chunks_exact(2).filter_map(|c| {
        let start = first + c[1]? as usize;
        (start < content.len()).then_some((c[0]?, start))
    });
    Some(pairs.collect())
}
