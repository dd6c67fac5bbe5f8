//! The cross-reference data of a well-formed file (PDF 32000 §7.5.4, §7.5.8), read for
//! [`super::store`] the way lopdf's loader reads it when nothing needs repair: `startxref`, then
//! each section (a table with its trailer, or a cross-reference stream) back along /Prev, newer
//! entries winning. Anything lopdf would repair or treat specially — an offset that misses its
//! section, a malformed entry, an entry count that disagrees, a hybrid file (/XRefStm), an
//! encrypted one — gives None, and the file is left to lopdf's loader, which repairs it.

use super::syntax::Cursor;
use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Object, Stream};
use std::collections::HashSet;

/// One section's entries in the order it gives them (a number given twice: the later wins).
type Entries = Vec<(u32, XrefEntry)>;

/// A file's cross-reference entries, by number, and its (newest) trailer.
pub struct Xref {
    pub entries: Entries,
    pub trailer: Dictionary,
}

/// Reads the cross-reference data of `buf` (the file from its `%PDF-`), streams decoded within
/// `max` bytes. None when lopdf would repair something or the file is encrypted.
pub fn read(buf: &[u8], max: usize) -> Option<Xref> {
    let start = xref_start(buf)?;
    let (entries, mut trailer) = section(buf, start, max)?;
    let mut sections = vec![entries];
    let mut seen = HashSet::from([start]);
    let mut prev = trailer.remove(b"Prev");
    while let Some(Ok(offset)) = prev.as_ref().map(Object::as_i64) {
        let offset = usize::try_from(offset).ok().filter(|&o| o <= buf.len())?;
        if !seen.insert(offset) {
            break;
        }
        let (older, mut older_trailer) = section(buf, offset, max)?;
        sections.push(older);
        prev = older_trailer.remove(b"Prev");
    }
    if trailer.has(b"Encrypt") {
        return None;
    }
    Some(Xref { entries: merge(sections), trailer })
}

/// The entries of `sections` (newest first) by number, as lopdf keeps them: a newer section's
/// entry wins, and within a section the last it gives for a number. A lone section in number
/// order (most files) is taken as it is.
fn merge(mut sections: Vec<Entries>) -> Entries {
    if sections.len() == 1 && sections[0].windows(2).all(|w| w[0].0 < w[1].0) {
        return sections.pop().unwrap_or_default();
    }
    let mut all: Vec<(u32, usize, XrefEntry)> = (sections.into_iter().enumerate())
        .flat_map(|(rank, s)| s.into_iter().map(move |(n, e)| (n, rank, e)))
        .collect();
    // Stable: entries of one number in one section keep their order, the last winning.
    all.sort_by_key(|&(n, rank, _)| (n, rank));
    let mut out = Vec::with_capacity(all.len());
    let mut i = 0;
    while i < all.len() {
        let (number, rank, _) = all[i];
        let mut last = i;
        while all.get(last + 1).is_some_and(|e| e.0 == number && e.1 == rank) {
            last += 1;
        }
        out.push((number, all[last].2.clone()));
        i = last + 1;
        while all.get(i).is_some_and(|e| e.0 == number) {
            i += 1;
        }
    }
    out
}

/// lopdf's `get_xref_start`: the last `%%EOF` within the last 1,024 bytes (white space after it
/// left out), the `startxref` in the 25 bytes before it, and the offset it gives.
fn xref_start(buf: &[u8]) -> Option<usize> {
    let end = buf.iter().rposition(|&c| !super::syntax::is_white(c)).map_or(0, |p| p + 1);
    let seek = end - end.min(1024);
    let eof = seek + memchr::memmem::rfind(&buf[seek..end], b"%%EOF")?;
    if eof <= 25 {
        return None;
    }
    let at = eof - 25 + memchr::memmem::rfind(&buf[eof - 25..eof], b"startxref")?;
    let mut c = Cursor::new(buf, at + b"startxref".len());
    c.tag(b" ");
    if !c.eol() {
        return None;
    }
    while c.tag(b" ") {}
    let offset = usize::try_from(c.digits()?).ok()?;
    while c.tag(b" ") {}
    let closed = c.eol() && c.tag(b"%%EOF");
    (closed && offset <= buf.len()).then_some(offset)
}

/// One section at `offset` with its trailer; a hybrid section (/XRefStm) is None.
fn section(buf: &[u8], offset: usize, max: usize) -> Option<(Entries, Dictionary)> {
    let (entries, trailer) = if buf[offset..].starts_with(b"xref") {
        table(&mut Cursor::new(buf, offset + 4))?
    } else {
        stream(buf, offset, max)?
    };
    (!trailer.has(b"XRefStm")).then_some((entries, trailer))
}

/// lopdf's `xref` and `trailer`: subsections of 20-byte entries (19 with a bare line end), every
/// one as many entries as it says, then `trailer` and a dictionary with an integer /Size.
fn table(c: &mut Cursor) -> Option<(Entries, Dictionary)> {
    c.tag(b" ");
    if !c.eol() {
        return None;
    }
    let mut entries = Vec::new();
    let mut subsections = 0;
    while c.buf.get(c.pos).is_some_and(u8::is_ascii_digit) {
        subsections += 1;
        let first = c.digits()?;
        let count = c.tag(b" ").then(|| c.digits())??;
        c.tag(b" ");
        if !c.eol() {
            return None;
        }
        // An entry takes 19 bytes at least: a count the file cannot hold reserves no more.
        entries.reserve(usize::try_from(count).unwrap_or(0).min((c.buf.len() - c.pos) / 19));
        for i in 0..count {
            let (offset, generation, used) = entry(c)?;
            let id = u32::try_from(first.checked_add(i)?).ok()?;
            let entry = if used {
                XrefEntry::Normal { offset: u32::try_from(offset).ok()?, generation: u16::try_from(generation).ok()? }
            } else {
                XrefEntry::Free
            };
            entries.push((id, entry));
        }
    }
    c.space();
    if subsections == 0 || !c.tag(b"trailer") {
        return None;
    }
    c.space();
    let trailer = c.top_dictionary()?;
    trailer.get(b"Size").and_then(Object::as_i64).ok()?;
    Some((entries, trailer))
}

/// One table entry: offset, generation, whether in use (`n`), and its line end.
fn entry(c: &mut Cursor) -> Option<(u64, u64, bool)> {
    let offset = c.digits()?;
    let generation = c.tag(b" ").then(|| c.digits())??;
    if !c.tag(b" ") {
        return None;
    }
    let used = match c.buf.get(c.pos)? {
        b'n' => true,
        b'f' => false,
        _ => return None,
    };
    c.pos += 1;
    let ends = c.tag(b" \r") || c.tag(b" \n") || c.tag(b"\r\n") || c.tag(b"\n") || c.tag(b"\r");
    ends.then_some((offset, generation, used))
}

/// A cross-reference stream at `offset` (`N G obj << … /Type /XRef … >> stream … endstream`,
/// with a direct /Length), decoded as lopdf's `decode_xref_stream_with_limit` decodes it.
fn stream(buf: &[u8], offset: usize, max: usize) -> Option<(Entries, Dictionary)> {
    let mut c = Cursor::new(buf, offset);
    c.space();
    c.object_id()?;
    if !c.tag(b"obj") {
        return None;
    }
    c.space();
    let dict = c.top_dictionary()?;
    let length = usize::try_from(dict.get(b"Length").ok()?.as_i64().ok()?).ok()?;
    let data = stream_data(&mut c, length)?;
    let stream = Stream::new(dict, data.to_vec());
    let content =
        if stream.is_compressed() { stream.decompressed_content_with_limit(max).ok()? } else { data.to_vec() };
    let mut dict = stream.dict;
    let entries = stream_entries(&dict, &content)?;
    for key in [&b"Length"[..], b"W", b"Index", b"Filter", b"DecodeParms"] {
        dict.remove(key);
    }
    Some((entries, dict))
}

/// After a stream's dictionary: the `stream` keyword and its line end, `length` bytes, an
/// optional line end and `endstream` (lopdf's `stream_keyword` and `stream`). None when the
/// length misses `endstream`: lopdf then recovers the length, which is left to it.
pub fn stream_data<'a>(c: &mut Cursor<'a>, length: usize) -> Option<&'a [u8]> {
    c.space();
    if !c.tag(b"stream") {
        return None;
    }
    while c.tag(b" ") || c.tag(b"\t") {}
    if !c.eol() {
        return None;
    }
    let data = c.buf.get(c.pos..c.pos.checked_add(length)?)?;
    c.pos += length;
    c.eol();
    c.tag(b"endstream").then_some(data)
}

/// The entries of a decoded cross-reference stream: /W field widths (at most 4 bytes here),
/// /Index subsections (default `[0 Size]`).
fn stream_entries(dict: &Dictionary, content: &[u8]) -> Option<Entries> {
    let ints = |o: &Object| -> Option<Vec<i64>> { o.as_array().ok()?.iter().map(|n| n.as_i64().ok()).collect() };
    let size = dict.get(b"Size").ok()?.as_i64().ok()?;
    let index = match dict.get(b"Index") {
        Ok(o) => ints(o)?,
        Err(_) => vec![0, size],
    };
    let w = ints(dict.get(b"W").ok()?)?;
    if w.len() != 3 || w.iter().any(|&x| !(0..=4).contains(&x)) {
        return None;
    }
    let w: Vec<usize> = w.iter().map(|&x| x as usize).collect();
    let width = w.iter().sum::<usize>();
    let count = index.chunks(2).fold(0i64, |n, p| n.saturating_add(p.get(1).copied().unwrap_or(0)));
    if width == 0 || index.len() % 2 != 0 || count < 0 || count as usize > content.len() / width.max(3) {
        return None;
    }
    let mut entries = Vec::new();
    let mut rows = content.chunks_exact(width);
    for pair in index.chunks_exact(2) {
        let first = u32::try_from(pair[0]).ok()?;
        for i in 0..u32::try_from(pair[1]).ok()? {
            let row = rows.next()?;
            let field = |k: usize| -> u32 {
                let from: usize = w[..k].iter().sum();
                row[from..from + w[k]].iter().fold(0u32, |v, &b| (v << 8) + u32::from(b))
            };
            let kind = if w[0] == 0 { 1 } else { field(0) };
            let entry = match kind {
                0 => XrefEntry::Free,
                1 => XrefEntry::Normal { offset: field(1), generation: if w[2] == 0 { 0 } else { field(2) as u16 } },
                2 => XrefEntry::Compressed { container: field(1), index: field(2) as u16 },
                _ => continue,
            };
            entries.push((first.checked_add(i)?, entry));
        }
    }
    Some(entries)
}
