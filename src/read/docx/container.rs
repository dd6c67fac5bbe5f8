//! The OOXML package: a ZIP archive of XML parts tied together by relationship (.rels) parts.
//! Parts are read whole but bounded by [`Limits`], so a ZIP bomb is refused before it is
//! inflated: the entry count and the declared sizes are checked when the archive is opened, the
//! compression ratio before a part is inflated, and the bytes actually inflated while reading
//! (a declared size can lie).

use crate::error::{Error, LimitKind};
use crate::limits::{size, Limits, MB};
use crate::model::Format;
use flate2::{Decompress, FlushDecompress, Status};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::{CompressionMethod, ZipArchive};

/// Below this size the ratio does not matter: such a part cannot exhaust memory.
const RATIO_FLOOR: u64 = MB;

pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// The archive's bytes, from which a part's compressed data is inflated.
    bytes: &'a [u8],
    /// One inflater for all the parts, reset between them (setting one up cost a small part
    /// about as much as inflating it).
    inflater: Option<Decompress>,
    /// Lower-cased part name → the name as stored (OPC part names are case-insensitive).
    names: HashMap<String, String>,
    limits: Limits,
    /// Bytes inflated so far (all parts read).
    inflated: u64,
    /// The most one part may inflate to ([`Limits::part_limit`]): a part's XML holds its text
    /// and more, and the whole part is held while it is read.
    part_cap: u64,
}

fn bomb(kind: LimitKind, limit: u64, actual: Option<u64>, why: String) -> Error {
    Error::limit(kind, limit, actual, format!("a ZIP bomb: {why}"))
}

fn over_text_limit(part: &str, cap: u64) -> Error {
    let why = format!(
        "the part {part} inflates past {}, the limit for one part (--max-text-size; by default 12 times the input plus 32 MB)",
        size(cap)
    );
    Error::limit(LimitKind::TextSize, cap, None, why)
}

fn damaged(e: impl std::fmt::Display) -> Error {
    Error::Damaged { format: Format::Docx, why: e.to_string() }
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, Error> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
        Self::with_archive(zip, bytes, limits)
    }

    /// [`Package::open`] of the archive of `bytes` opened already (by a reader's sniff).
    pub fn with_archive(
        mut zip: ZipArchive<Cursor<&'a [u8]>>,
        bytes: &'a [u8],
        limits: &Limits,
    ) -> Result<Self, Error> {
        if zip.len() > limits.max_zip_entries {
            let why = format!(
                "the ZIP archive lists {} entries, more than the limit of {} (--max-zip-entries)",
                zip.len(),
                limits.max_zip_entries
            );
            return Err(Error::limit(
                LimitKind::ZipEntries,
                limits.max_zip_entries as u64,
                Some(zip.len() as u64),
                why,
            ));
        }
        // The declared sizes, from the central directory: nothing is inflated yet.
        let mut declared = 0u64;
        for i in 0..zip.len() {
            if let Ok(e) = zip.by_index_raw(i) {
                declared = declared.saturating_add(e.size());
            }
        }
        if declared > limits.max_unpacked_bytes {
            return Err(bomb(
                LimitKind::UnpackedSize,
                limits.max_unpacked_bytes,
                Some(declared),
                format!(
                    "its entries would inflate to {}, over the {} limit (--max-unpacked-size)",
                    size(declared),
                    size(limits.max_unpacked_bytes)
                ),
            ));
        }
        let mut names = HashMap::new();
        // A name that is not valid UTF-8 or CP437 cannot be a part we look for: skip it.
        for name in zip.file_names().flatten() {
            names.insert(name.trim_start_matches('/').to_lowercase(), name.into_owned());
        }
        let part_cap = limits.part_limit(bytes.len() as u64);
        Ok(Package { zip, bytes, inflater: None, names, limits: *limits, inflated: 0, part_cap })
    }

    /// True when the package has a part of that name.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.trim_start_matches('/').to_lowercase())
    }

    /// The part as text, or None when it is absent. Errors for a damaged, encrypted or oversized
    /// entry.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, Error> {
        let Some(stored) = self.names.get(&name.trim_start_matches('/').to_lowercase()).cloned() else {
            return Ok(None);
        };
        let mut entry = match self.zip.by_name(&stored) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(format!("{stored}: {e}"))),
        };
        if entry.encrypted() {
            return Err(Error::Encrypted { format: Format::Docx });
        }
        let declared = entry.size();
        let budget = self.limits.max_unpacked_bytes.saturating_sub(self.inflated);
        if declared > budget {
            return Err(bomb(
                LimitKind::UnpackedSize,
                self.limits.max_unpacked_bytes,
                Some(declared),
                format!(
                    "the part {stored} would inflate to {}, over the {} limit (--max-unpacked-size)",
                    size(declared),
                    size(self.limits.max_unpacked_bytes)
                ),
            ));
        }
        let packed = entry.compressed_size().max(1);
        let ratio = self.limits.max_compression_ratio;
        if declared > RATIO_FLOOR && declared / packed > ratio {
            return Err(bomb(
                LimitKind::CompressionRatio,
                ratio,
                Some(declared / packed),
                format!(
                    "the part {stored} inflates {}:1 ({} from {}), over the {ratio}:1 limit (--max-compression-ratio)",
                    declared / packed,
                    size(declared),
                    size(packed)
                ),
            ));
        }
        if declared > self.part_cap {
            return Err(over_text_limit(&stored, self.part_cap));
        }
        // The declared size can lie: inflate at most one byte past what the budget, the ratio
        // and the text limit allow, so a lying entry is caught before its memory is spent.
        let cap = budget.min(packed.saturating_mul(ratio).max(RATIO_FLOOR));
        let text_bound = self.part_cap < cap;
        let cap = cap.min(self.part_cap);
        let plain = matches!(entry.compression(), CompressionMethod::Stored | CompressionMethod::Deflated);
        let raw = match entry.data_start().filter(|_| plain) {
            Some(start) => {
                let end = start.saturating_add(entry.compressed_size()).min(self.bytes.len() as u64);
                let data = self.bytes.get(start as usize..end as usize).unwrap_or_default();
                let deflated = entry.compression() == CompressionMethod::Deflated;
                let inflater = self.inflater.get_or_insert_with(|| Decompress::new(false));
                read_plain(inflater, data, deflated, (declared, cap, entry.crc32()))
                    .map_err(|why| damaged(format!("{stored}: {why}")))?
            }
            None => {
                let mut raw = Vec::with_capacity(declared.min(cap) as usize);
                (&mut entry)
                    .take(cap.saturating_add(1))
                    .read_to_end(&mut raw)
                    .map_err(|e| damaged(format!("{stored}: {e}")))?;
                raw
            }
        };
        if raw.len() as u64 > cap {
            if text_bound {
                return Err(over_text_limit(&stored, cap));
            }
            return Err(bomb(LimitKind::UnpackedSize, cap, None, format!(
                "the part {stored} inflates past its declared size and the limits (--max-unpacked-size, --max-compression-ratio)"
            )));
        }
        self.inflated = self.inflated.saturating_add(raw.len() as u64);
        Ok(Some(decode(raw)))
    }

    /// The relationships of a part: (type, target part name) with targets resolved to absolute
    /// part names. External targets (hyperlinks) are left out.
    pub fn relationships(&mut self, source: &str) -> Result<Vec<(String, String)>, Error> {
        let (dir, file) = match source.rfind('/') {
            Some(i) => (&source[..i], &source[i + 1..]),
            None => ("", source),
        };
        let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let Some(xml) = self.part(&rels_name)? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    if super::attr(&e, "TargetMode").as_deref() == Some("External") {
                        continue;
                    }
                    if let (Some(ty), Some(target)) = (super::attr(&e, "Type"), super::attr(&e, "Target")) {
                        out.push((ty, resolve(dir, &target)));
                    }
                }
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        Ok(out)
    }
}

/// A stored or deflated part's data, as the zip crate's reader gives it through
/// `take(cap + 1)` (its CRC checked at the end, an error as soon as it outgrows its declared
/// size, with the crate's messages) but inflated in one call into a buffer of the right size:
/// at most one byte past `declared` and `cap`. More than `cap` bytes (under the declared size)
/// are returned unchecked, for the caller's limit error.
fn read_plain(
    inflater: &mut Decompress,
    data: &[u8],
    deflated: bool,
    (declared, cap, crc): (u64, u64, u32),
) -> Result<Vec<u8>, &'static str> {
    let most = declared.min(cap).saturating_add(1) as usize;
    let raw = if deflated {
        inflater.reset(false);
        let mut out = Vec::with_capacity(most);
        let status = inflater.decompress_vec(data, &mut out, FlushDecompress::Finish);
        match status.map_err(|_| "corrupt deflate stream")? {
            Status::StreamEnd => {}
            _ if out.len() < most => return Err("incomplete deflate stream"),
            _ => {}
        }
        out
    } else {
        data[..data.len().min(most)].to_vec()
    };
    if raw.len() as u64 > declared {
        return Err("File is larger than its declared uncompressed size");
    }
    if raw.len() as u64 <= cap {
        let mut sum = flate2::Crc::new();
        sum.update(&raw);
        if sum.sum() != crc {
            return Err("Invalid checksum");
        }
    }
    Ok(raw)
}

/// Parts are UTF-8 by the standard; a few writers use UTF-16 with a BOM.
fn decode(raw: Vec<u8>) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&raw) {
        return enc.decode_without_bom_handling(&raw[bom..]).0.into_owned();
    }
    match String::from_utf8(raw) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Resolves a relationship target against the source part's folder ("../x", "/word/x", "x").
fn resolve(dir: &str, target: &str) -> String {
    super::super::resolve_part(dir, target)
}

#[cfg(test)]
mod tests {
    use super::{read_plain, resolve};
    use flate2::Decompress;
    use std::io::{Cursor, Read, Write};
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipArchive, ZipWriter};

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("word", "numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve("word", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
    }

    /// An archive of a few parts, stored and deflated, short and long, as a ZIP writer makes it.
    fn archive() -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let long: String = (0..3000).map(|i| format!("<t X=\"{i}\">第{i}条</t>")).collect();
        let parts = [("a.xml", "<a/>", CompressionMethod::Deflated), ("b.xml", &long[..], CompressionMethod::Deflated)];
        for (name, text, method) in parts.into_iter().chain([("c.xml", "stored part", CompressionMethod::Stored)]) {
            zip.start_file(name, SimpleFileOptions::default().compression_method(method)).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A part read as the zip crate reads it, through `take(cap + 1)`, and as `read_plain` reads
    /// it: the same bytes or the same error message, on the archive and on thousands of copies
    /// with bytes flipped, cut short, or with sizes, CRCs and methods changed in the headers.
    #[test]
    fn parts_read_as_the_zip_crate_reads_them() {
        let good = archive();
        let mut n: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |m: usize| {
            n ^= n << 13;
            n ^= n >> 7;
            n ^= n << 17;
            (n % m.max(1) as u64) as usize
        };
        let mut inflater = Decompress::new(false);
        let mut compared = 0;
        for round in 0..6000 {
            let mut bytes = good.clone();
            if round > 0 {
                for _ in 0..1 + next(3) {
                    // Half in the headers at the end (the central directory), half anywhere.
                    let len = bytes.len();
                    let at = if next(2) == 0 { len - 1 - next(220) } else { next(len) };
                    match next(3) {
                        0 => bytes[at] ^= 1 << next(8),
                        1 => bytes[at] = bytes[at].wrapping_add(1 + next(3) as u8),
                        _ => bytes[at] = 0,
                    }
                }
            }
            let Ok(mut zip) = ZipArchive::new(Cursor::new(&bytes[..])) else { continue };
            for name in ["a.xml", "b.xml", "c.xml"] {
                let Ok(mut entry) = zip.by_name(name) else { continue };
                let plain = matches!(entry.compression(), CompressionMethod::Stored | CompressionMethod::Deflated);
                let Some(start) = entry.data_start().filter(|_| plain) else { continue };
                let end = start.saturating_add(entry.compressed_size()).min(bytes.len() as u64);
                let data = bytes.get(start as usize..end as usize).unwrap_or_default();
                let deflated = entry.compression() == CompressionMethod::Deflated;
                let (declared, crc) = (entry.size(), entry.crc32());
                let cap = [declared, declared.saturating_sub(1), declared / 2, 1 << 20][round % 4];
                let ours = read_plain(&mut inflater, data, deflated, (declared, cap, crc)).map_err(str::to_string);
                let mut raw = Vec::new();
                let theirs = (&mut entry).take(cap + 1).read_to_end(&mut raw).map(|_| raw).map_err(|e| e.to_string());
                assert_eq!(ours, theirs, "round {round}, {name}, cap {cap}");
                compared += 1;
            }
        }
        assert!(compared > 5000, "{compared}");
    }
}
