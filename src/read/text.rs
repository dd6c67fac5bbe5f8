//! Plain text: UTF-8 (with or without BOM), UTF-16LE/BE (with BOM, or detected), GB18030/GBK
//! (detected when the bytes are not UTF-8). `--encoding` overrides.
//!
//! Damage never changes the encoding: a file that is UTF-8 but for a few bad bytes is still read
//! as UTF-8 (the bad bytes become U+FFFD and the document says so), and a lost byte in GB18030 or
//! UTF-16 costs the characters beside it, not the rest of the file ([`decode`]). Which encoding
//! explains the bytes best is decided by how much the decoded text looks like a Chinese document
//! ([`plausible`]), on a sample from the start.

mod decode;
mod plausible;

pub(crate) use decode::{decode, Decoded};

use super::SourceText;
use crate::error::Error;
use crate::model::Format;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// The bytes the encoding is chosen on: enough for any real document's first pages.
const SAMPLE: usize = 64 * 1024;

/// The most a UTF-16 reading may cost per code unit to be taken without a byte-order mark or
/// NUL bytes: Chinese text costs about 2, misread bytes 6 and more (see [`plausible`]).
const UTF16_MAX_COST: u64 = 4;

/// Decodes a text file. `forced` is an encoding label (WHATWG names: "gbk", "utf-16le", …).
pub fn read(bytes: &[u8], forced: Option<&str>) -> Result<SourceText, Error> {
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Error::UnknownEncoding { name: label.to_string() })?;
        // A BOM still wins over the label, as in every browser: it cannot be wrong about itself.
        let (enc, bom) = Encoding::for_bom(bytes).unwrap_or((enc, 0));
        return finish(decode(&bytes[bom..], enc), false);
    }
    if bytes.is_empty() {
        return Err(Error::not_a_document("the file is empty"));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(decode(&bytes[bom_len..], enc), false);
    }
    if sniff_utf16(bytes).is_some() {
        // Which side the zero bytes are on says UTF-16, but a lost byte swaps the sides: the
        // byte order is the one that reads the sample best.
        let sample = &bytes[..bytes.len().min(SAMPLE)];
        let le = decode::path_cost(sample, UTF_16LE);
        let enc = if decode::path_cost(sample, UTF_16BE) < le { UTF_16BE } else { UTF_16LE };
        return finish(decode(bytes, enc), true);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(Decoded { text: s.to_string(), encoding: UTF_8, errors: 0, cut: false }, false);
    }
    let enc = guess(bytes, true);
    // UTF-8 with a few bad bytes is not a guess: it is the default, damaged.
    finish(decode(bytes, enc), enc != UTF_8)
}

/// The encoding of bytes that are not valid UTF-8 and carry no byte-order mark: UTF-8 (damaged),
/// GB18030, or (with `utf16`, and only when the sample has NUL bytes, as UTF-16 text with line
/// breaks or digits has) UTF-16LE/BE — whichever reading of a sample costs least.
pub(crate) fn guess(bytes: &[u8], utf16: bool) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let utf8 = decode::text_cost(&decode(sample, UTF_8).text);
    let gb = decode::text_cost(&GB18030.decode_without_bom_handling(sample).0);
    let mut best = if gb < utf8 { (gb, GB18030) } else { (utf8, UTF_8) };
    if utf16 && memchr::memchr(0, sample).is_some() {
        let units = (sample.len() / 2).max(1) as u64;
        for enc in [UTF_16LE, UTF_16BE] {
            let cost = decode::path_cost(sample, enc);
            if cost < best.0 && cost <= units * UTF16_MAX_COST {
                best = (cost, enc);
            }
        }
    }
    best.1
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

fn finish(decoded: Decoded, guessed: bool) -> Result<SourceText, Error> {
    let Decoded { text, encoding: enc, errors, cut } = decoded;
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
        had_errors: errors > 0,
        cells: Vec::new(),
        damage: cut.then(|| "the file ends inside a character: it was cut short".to_string()),
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
