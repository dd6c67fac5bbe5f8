//! Plain text: UTF-8 (with or without BOM), UTF-16LE/BE (with BOM, or detected from NUL bytes),
//! GB18030/GBK (detected when the bytes are not UTF-8). `--encoding` overrides.

use super::SourceText;
use crate::error::Error;
use crate::model::Format;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Decodes a text file. `forced` is an encoding label (WHATWG names: "gbk", "utf-16le", …).
pub fn read(bytes: &[u8], forced: Option<&str>) -> Result<SourceText, Error> {
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Error::UnknownEncoding { name: label.to_string() })?;
        // A BOM still wins over the label, as in every browser: it cannot be wrong about itself.
        let (text, used, had_errors) = enc.decode(bytes);
        return finish(text.into_owned(), used, false, had_errors);
    }
    if bytes.is_empty() {
        return Err(Error::not_a_document("the file is empty"));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), enc, false, had_errors);
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return finish(text.into_owned(), enc, true, had_errors);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_string(), UTF_8, false, false);
    }
    // Not UTF-8: Chinese text from Windows and old sites is GBK, read as its superset GB18030.
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    // If GB18030 also fails badly, a lossy UTF-8 reading keeps the most text.
    if had_errors && replacement_share(&text) > 0.05 {
        let lossy = String::from_utf8_lossy(bytes).into_owned();
        return finish(lossy, UTF_8, true, true);
    }
    finish(text.into_owned(), GB18030, true, had_errors)
}

fn replacement_share(s: &str) -> f64 {
    let total = s.chars().count().max(1);
    s.chars().filter(|&c| c == '\u{FFFD}').count() as f64 / total as f64
}

/// UTF-16 without BOM: most code units of CJK or ASCII text have a zero byte on one side.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes[..n].chunks_exact(2) {
        even += (pair[0] == 0) as usize;
        odd += (pair[1] == 0) as usize;
    }
    let pairs = n / 2;
    if odd * 10 > pairs * 3 && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 10 > pairs * 3 && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn finish(text: String, enc: &'static Encoding, guessed: bool, had_errors: bool) -> Result<SourceText, Error> {
    if text.trim().is_empty() {
        return Err(Error::NoText { format: Format::Txt, why: "the file holds no text".into() });
    }
    // Control characters other than layout ones mean binary data, not a text document.
    // Counted on the UTF-8 bytes: C0 controls and DEL are single bytes, C1 controls are C2 80–9F.
    // The counts are written so that the compiler vectorizes them (no branches, no state carried
    // between bytes), and C1 controls are found from their rare C2 lead byte with memchr: this
    // runs on every text input.
    let b = text.as_bytes();
    let total = text.chars().count();
    // Byte counters per chunk of 255: sixteen lanes to a vector register, where usize would fit two.
    let c0: usize = b
        .chunks(255)
        .map(|chunk| {
            usize::from(chunk.iter().fold(0u8, |n, &x| n + u8::from((x < 9) | ((x > 13) & (x < 0x20)) | (x == 0x7F))))
        })
        .sum();
    let c1 = memchr::memchr_iter(0xC2, b).filter(|&i| b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n))).count();
    let control = c0 + c1;
    if control * 20 > total {
        return Err(Error::not_a_document("binary data, not text (and not a format gongwen reads)"));
    }
    Ok(SourceText {
        text,
        format: Format::Txt,
        encoding: enc.name().to_string(),
        encoding_guessed: guessed,
        had_errors,
        cells: Vec::new(),
        damage: None,
        signed: false,
        pages_without_text: Vec::new(),
        other_documents: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let r = read("一、总体要求".as_bytes(), None).unwrap();
        assert_eq!((r.encoding.as_str(), r.encoding_guessed), ("UTF-8", false));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("一、总体要求".as_bytes());
        let r = read(&b, None).unwrap();
        assert_eq!(r.text, "一、总体要求");
    }

    #[test]
    fn gbk_is_detected_and_flagged() {
        let (bytes, _, _) = encoding_rs::GBK.encode("一、指导思想\n（一）宣传发动");
        let r = read(&bytes, None).unwrap();
        assert_eq!(r.text, "一、指导思想\n（一）宣传发动");
        assert_eq!(r.encoding, "gb18030");
        assert!(r.encoding_guessed);
    }

    #[test]
    fn utf16_with_bom_and_sniffed() {
        let mut le = vec![0xFF, 0xFE];
        for u in "一、目标 1.".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(read(&le, None).unwrap().text, "一、目标 1.");
        let mut be = Vec::new();
        for u in "Plan 1. text".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let r = read(&be, None).unwrap();
        assert_eq!((r.text.as_str(), r.encoding.as_str()), ("Plan 1. text", "UTF-16BE"));
    }

    #[test]
    fn forced_encoding_and_errors() {
        let (bytes, _, _) = encoding_rs::GBK.encode("责任单位");
        assert_eq!(read(&bytes, Some("gbk")).unwrap().text, "责任单位");
        assert!(matches!(read(b"x", Some("nope")), Err(Error::UnknownEncoding { .. })));
        assert!(matches!(read(b"", None), Err(Error::NotADocument { .. })));
        assert!(matches!(read(b"  \n ", None), Err(Error::NoText { .. })));
        let bin: Vec<u8> = (0u8..=255).cycle().take(3000).collect();
        assert!(read(&bin, None).is_err());
    }
}
