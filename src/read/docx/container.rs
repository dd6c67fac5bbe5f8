//! The OOXML package: a ZIP archive of XML parts tied together by relationship (.rels) parts.
//! Parts are read whole but bounded, so a ZIP bomb is refused before it is inflated.

use crate::error::Error;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// No part of a real document comes near this; a larger one is refused rather than inflated.
const MAX_PART: u64 = 200 * 1024 * 1024;
/// Deflate rarely compresses XML beyond 20:1; past 100:1 the entry is a bomb, not a document.
const MAX_RATIO: u64 = 100;
/// Below this size the ratio does not matter: such a part cannot exhaust memory.
const RATIO_FLOOR: u64 = 1024 * 1024;

pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased part name → the name as stored (OPC part names are case-insensitive).
    names: HashMap<String, String>,
}

fn damaged(e: impl std::fmt::Display) -> Error {
    Error::NotADocument(format!("damaged .docx: {e}"))
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, Error> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
        let mut names = HashMap::new();
        // A name that is not valid UTF-8 or CP437 cannot be a part we look for: skip it.
        for name in zip.file_names().flatten() {
            names.insert(name.trim_start_matches('/').to_lowercase(), name.into_owned());
        }
        Ok(Package { zip, names })
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
            return Err(Error::NotADocument("the document is encrypted (password-protected)".into()));
        }
        let size = entry.size();
        if size > MAX_PART {
            return Err(Error::NotADocument(format!(
                "the part {stored} would inflate to {size} bytes, over the 200 MB limit"
            )));
        }
        let packed = entry.compressed_size().max(1);
        if size > RATIO_FLOOR && size / packed > MAX_RATIO {
            return Err(Error::NotADocument(format!(
                "the part {stored} has a compression ratio over {MAX_RATIO}:1 (a ZIP bomb?)"
            )));
        }
        // The declared size can lie: read at most one byte past the limit to find out.
        let mut raw = Vec::with_capacity(size.min(MAX_PART) as usize);
        (&mut entry).take(MAX_PART + 1).read_to_end(&mut raw).map_err(|e| damaged(format!("{stored}: {e}")))?;
        if raw.len() as u64 > MAX_PART {
            return Err(Error::NotADocument(format!("the part {stored} inflates past the 200 MB limit")));
        }
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
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { dir.split('/').filter(|s| !s.is_empty()).collect() };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
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
