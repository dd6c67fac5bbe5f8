//! Word 97–2003 `.doc` and WPS `.wps` (the same binary format, written by Kingsoft WPS): an OLE2
//! compound file whose `WordDocument` stream starts with the FIB (File Information Block).
//!
//! The reading order of the main text comes from the piece table (CLX); paragraph properties
//! (table cells, list membership) come from the PAPX FKP pages; list labels ("一、", "（一）")
//! are rendered from the LST/LFO tables as Word would draw them. Word 6/95 files (8-bit text, an
//! older FIB) are read for their text only, and so are Word for Windows 2.0 files (no OLE2
//! container: the FIB and the 8-bit text are the file itself).
//!
//! Every offset and length read from the file is checked against the stream it points into, so a
//! damaged or hostile file gives an error or less text, never a panic, a hang or a huge allocation.

mod chpx;
mod fib;
mod fields;
mod fonts;
mod lists;
mod pieces;
mod styles;
mod tables;
mod text;

use super::{Paragraph, SourceText};
use crate::error::Error;
use crate::model::Format;
use std::io::{Cursor, Read};

/// The first eight bytes of every OLE2 compound file.
pub const OLE2_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True when the bytes are an OLE2 compound file (the container of .doc, .wps, .xls, .ppt).
pub fn is_ole2(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE2_MAGIC)
}

/// True when the bytes are a Word for Windows 2.0 file: no OLE2 container, the FIB (wIdent
/// 0xA5DB, nFib 45) at the start of the file and the text after it.
pub fn is_word2(bytes: &[u8]) -> bool {
    bytes.len() >= 0x40 && le16(bytes, 0) == Some(0xA5DB) && matches!(le16(bytes, 2), Some(44..=46))
}

/// Reads a .doc/.wps file into its source text ("doc" or "wps" format).
pub fn read(bytes: &[u8]) -> Result<SourceText, Error> {
    let doc = read_paragraphs(bytes)?;
    let format = if doc.wps { Format::Wps } else { Format::Doc };
    let mut src = super::join(&doc.paragraphs, format, "UTF-16LE");
    src.damage = doc.damage;
    Ok(src)
}

/// What the reader found in a .doc/.wps file.
#[derive(Debug, Clone, Default)]
pub struct DocContent {
    /// The main document text, one entry a paragraph, list labels rendered in front.
    pub paragraphs: Vec<Paragraph>,
    /// True when the file was written by WPS Office (Kingsoft).
    pub wps: bool,
    /// Why the text may be incomplete (a truncated container, text past the stream's end).
    pub damage: Option<String>,
}

/// Reads the paragraphs of a .doc/.wps file.
pub fn read_paragraphs(bytes: &[u8]) -> Result<DocContent, Error> {
    // The container parser is a dependency: a panic inside it on a hostile file must still come
    // out as an error, never abort the caller.
    match std::panic::catch_unwind(|| read_inner(bytes)) {
        Ok(r) => r,
        Err(_) => Err(damaged("the container could not be parsed")),
    }
}

/// A container broken beyond use. A .wps file reports ".doc" too: its container is Word's.
pub(crate) fn damaged(why: &str) -> Error {
    Error::Damaged { format: Format::Doc, why: why.to_string() }
}

/// An OLE2 or Word file that is not a Word 97–2003 or Word 6/95 document we read.
fn not_word(why: &str) -> Error {
    Error::Unsupported { format: Format::Doc, why: why.to_string() }
}

fn read_inner(bytes: &[u8]) -> Result<DocContent, Error> {
    if is_word2(bytes) {
        let fib = fib::Fib::parse_word2(bytes)?;
        let (paragraphs, missing) = text::build_word6(bytes, &fib)?;
        let damage = missing.then(|| "the text runs past the end of the file: some text is missing".to_string());
        return Ok(DocContent { paragraphs, wps: false, damage });
    }
    let (mut cf, mut damage) = open_container(bytes)?;
    if damage.is_none() && last_sector_cut(bytes) {
        damage = Some("the file is truncated (its last sector is incomplete); the text in it may be lost".into());
    }
    if cf.is_stream("EncryptionInfo") || cf.is_stream("EncryptedPackage") {
        return Err(Error::Encrypted { format: Format::Doc });
    }
    if !cf.is_stream("WordDocument") {
        if cf.is_stream("Workbook") || cf.is_stream("Book") {
            return Err(not_word("an Excel workbook, not a Word document"));
        }
        if cf.is_stream("PowerPoint Document") {
            return Err(not_word("a PowerPoint file, not a Word document"));
        }
        return Err(not_word("an OLE2 file without a Word document stream"));
    }
    let limit = bytes.len() as u64;
    let word = read_stream(&mut cf, "WordDocument", limit)?;
    let fib = fib::Fib::parse(&word)?;
    if fib.encrypted {
        return Err(Error::Encrypted { format: Format::Doc });
    }
    let wps = summary_says_wps(&mut cf, limit);
    let (paragraphs, missing) = if fib.word6 {
        text::build_word6(&word, &fib)?
    } else {
        let table_name = if fib.which_table { "1Table" } else { "0Table" };
        if !cf.is_stream(table_name) {
            return Err(damaged(&format!("the {table_name} stream is missing")));
        }
        let table = read_stream(&mut cf, table_name, limit)?;
        text::build(&word, &table, &fib)?
    };
    if missing && damage.is_none() {
        damage = Some("the piece table points past the end of the text stream: some text is missing".into());
    }
    Ok(DocContent { paragraphs, wps, damage })
}

/// Opens the compound file. A truncated file whose FAT still lists the lost sectors is opened
/// again padded with zeros (bounded), so the text that survived can still be read; the second
/// value then says so.
type Container = cfb::CompoundFile<Cursor<Vec<u8>>>;
fn open_container(bytes: &[u8]) -> Result<(Container, Option<String>), Error> {
    match cfb::CompoundFile::open(Cursor::new(bytes.to_vec())) {
        Ok(cf) => Ok((cf, None)),
        Err(e) => {
            let msg = one_line(&e.to_string());
            let entries = msg
                .split_once("FAT has ")
                .filter(|_| msg.contains("but file has only"))
                .and_then(|(_, rest)| rest.split(' ').next()?.parse::<usize>().ok());
            let padded_len = entries.map(|n| (n + 1) * 512).unwrap_or(0);
            if padded_len > bytes.len() && padded_len <= bytes.len() * 4 + (1 << 20) {
                let mut padded = bytes.to_vec();
                padded.resize(padded_len, 0);
                if let Ok(cf) = cfb::CompoundFile::open(Cursor::new(padded)) {
                    let lost = (padded_len - bytes.len()).div_ceil(512);
                    let why = format!(
                        "the file is truncated ({lost} sectors of 512 bytes are missing); the text in them is lost"
                    );
                    return Ok((cf, Some(why)));
                }
            }
            Err(damaged(&format!("its OLE2 container is corrupt ({msg})")))
        }
    }
}

/// True when the file ends inside a sector that the FAT says is in use: the container opens
/// (the missing bytes read as zeros) but the end of some stream is lost. A file with a few
/// bytes appended after its last sector is not cut.
fn last_sector_cut(bytes: &[u8]) -> bool {
    let Some(shift) = le16(bytes, 0x1E).filter(|s| (7..=16).contains(s)) else { return false };
    let ss = 1usize << shift;
    let body = bytes.len().saturating_sub(512.max(ss));
    if bytes.len() < 512 || body % ss == 0 {
        return false;
    }
    let partial = body / ss;
    let per_fat = ss / 4;
    // The FAT sector holding the partial sector's entry, from the header's 109 DIFAT entries.
    let Some(fat_index) = Some(partial / per_fat).filter(|&i| i < 109) else { return false };
    let Some(fat_sector) = le32(bytes, 0x4C + fat_index * 4) else { return false };
    if fat_sector >= 0xFFFF_FFFA {
        return false;
    }
    let at = (fat_sector as usize + 1) * ss + (partial % per_fat) * 4;
    if at + 4 > (fat_sector as usize + 2) * ss || at + 4 > bytes.len() {
        return false;
    }
    // FREESECT: the partial sector is unused.
    le32(bytes, at).is_some_and(|e| e != 0xFFFF_FFFF)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a whole stream, never more bytes than the container itself has.
fn read_stream<F: Read + std::io::Seek>(
    cf: &mut cfb::CompoundFile<F>,
    name: &str,
    limit: u64,
) -> Result<Vec<u8>, Error> {
    let corrupt = |e: std::io::Error| damaged(&format!("its OLE2 container is corrupt ({})", one_line(&e.to_string())));
    let stream = cf.open_stream(name).map_err(corrupt)?;
    let mut buf = Vec::new();
    stream.take(limit).read_to_end(&mut buf).map_err(corrupt)?;
    Ok(buf)
}

/// True when the SummaryInformation property set names WPS Office / Kingsoft as the application.
fn summary_says_wps<F: Read + std::io::Seek>(cf: &mut cfb::CompoundFile<F>, limit: u64) -> bool {
    let name = "\u{5}SummaryInformation";
    if !cf.is_stream(name) {
        return false;
    }
    let Ok(s) = read_stream(cf, name, limit.min(1 << 20)) else { return false };
    match app_name(&s) {
        Some(app) => {
            let a = app.to_ascii_lowercase();
            a.contains("wps") || a.contains("kingsoft")
        }
        None => false,
    }
}

/// PIDSI_APPNAME (0x12) of a SummaryInformation property set.
fn app_name(s: &[u8]) -> Option<String> {
    let section = le32(s, 28 + 16)? as usize;
    let count = le32(s, section + 4)? as usize;
    for i in 0..count.min(256) {
        let id = le32(s, section + 8 + i * 8)?;
        if id != 0x12 {
            continue;
        }
        let at = section + le32(s, section + 12 + i * 8)? as usize;
        let kind = le32(s, at)?;
        let len = le32(s, at + 4)? as usize;
        let data = s.get(at + 8..at.checked_add(8)?.checked_add(len.min(4096) * 2)?.min(s.len()))?;
        return Some(match kind {
            0x1E => data[..len.min(data.len())].iter().take_while(|&&b| b != 0).map(|&b| b as char).collect(),
            0x1F => {
                let units: Vec<u16> = data
                    .chunks_exact(2)
                    .take(len)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .take_while(|&u| u != 0)
                    .collect();
                String::from_utf16_lossy(&units)
            }
            _ => return None,
        });
    }
    None
}

/// Little-endian u16 at `at`, None past the end.
pub(crate) fn le16(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

/// Little-endian u32 at `at`, None past the end.
pub(crate) fn le32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The bytes `[fc, fc+lcb)` of a stream, None when they run past its end.
pub(crate) fn slice(b: &[u8], fc: u32, lcb: u32) -> Option<&[u8]> {
    let start = fc as usize;
    b.get(start..start.checked_add(lcb as usize)?)
}
