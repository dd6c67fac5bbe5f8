//! The OOXML package: a ZIP archive of XML parts tied together by relationship (.rels) parts.
//! Parts are read whole but bounded by [`Limits`], so a ZIP bomb is refused before it is
//! inflated: the entry count and the declared sizes are checked when the archive is opened, the
//! compression ratio before a part is inflated, and the bytes actually inflated while reading
//! (a declared size can lie).

use crate::error::{Error, LimitKind};
use crate::limits::{size, Limits, MB};
use crate::model::Format;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Below this size the ratio does not matter: such a part cannot exhaust memory.
const RATIO_FLOOR: u64 = MB;

pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
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
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
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
        Ok(Package { zip, names, limits: *limits, inflated: 0, part_cap })
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
        let mut raw = Vec::with_capacity(declared.min(cap) as usize);
        (&mut entry)
            .take(cap.saturating_add(1))
            .read_to_end(&mut raw)
            .map_err(|e| damaged(format!("{stored}: {e}")))?;
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
    use super::resolve;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("word", "numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve("word", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
    }
}
