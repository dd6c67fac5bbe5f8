//! MHT ("single file web page", Word's .mht, sometimes renamed .doc): a MIME multipart/related
//! message. We take its first text/html part, undo the transfer encoding (quoted-printable or
//! base64) and return the bytes with the part's declared charset.

use crate::error::Error;

/// Longest header block looked at, and longest boundary accepted (RFC 2046: 70).
const MAX_HEADER: usize = 16 * 1024;
const MAX_BOUNDARY: usize = 200;

/// True when the bytes start with a MIME header block that has `MIME-Version:` and a
/// `Content-Type: multipart/related`.
pub fn is_mime(b: &[u8]) -> bool {
    // The first line must be a header ("Name: value"), so text that merely quotes one is not MIME.
    let first = b.iter().position(|&c| c == b':').unwrap_or(0);
    if first == 0 || first > 64 || !b[..first].iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-') {
        return false;
    }
    let (head, _) = split_headers(&b[..b.len().min(MAX_HEADER)]);
    let h = head.to_ascii_lowercase();
    let has = |name: &str| h.split(|&c| c == b'\n').any(|l| l.trim_ascii_start().starts_with(name.as_bytes()));
    has("mime-version:") && header(&h, "content-type").is_some_and(|v| v.trim_ascii().starts_with(b"multipart/related"))
}

/// The first text/html part: its decoded bytes, its charset label if any, and whether the
/// message is complete (it ends with the closing delimiter `--boundary--`; a cut-off message
/// does not).
pub fn html_part(b: &[u8]) -> Result<(Vec<u8>, Option<String>, bool), Error> {
    let (head, body) = split_headers(b);
    let ctype = header(head, "content-type").unwrap_or_default();
    let boundary = param(&ctype, "boundary")
        .filter(|v| !v.is_empty() && v.len() <= MAX_BOUNDARY)
        .ok_or_else(|| Error::not_a_document("MHT message without a usable boundary"))?;
    let mut delim = b"--".to_vec();
    delim.extend_from_slice(&boundary);
    // Delimiter lines: the boundary at the start of a line.
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(k) = find(body, from, &delim) {
        if k == 0 || body[k - 1] == b'\n' {
            starts.push(k);
        }
        from = k + delim.len();
    }
    let complete = starts.last().is_some_and(|&k| body[k + delim.len()..].starts_with(b"--"));
    for (n, &k) in starts.iter().enumerate() {
        let after = k + delim.len();
        if body[after..].starts_with(b"--") {
            break;
        }
        let part_start = body[after..].iter().position(|&c| c == b'\n').map_or(body.len(), |e| after + e + 1);
        let part_end = starts.get(n + 1).copied().unwrap_or(body.len()).max(part_start);
        let part = &body[part_start..part_end];
        let (ph, pbody) = split_headers(part);
        let pl = ph.to_ascii_lowercase();
        let ptype = header(&pl, "content-type").unwrap_or_default();
        if !ptype.trim_ascii().starts_with(b"text/html") {
            continue;
        }
        // The charset value keeps its case from the original headers.
        let charset = header(ph, "content-type")
            .and_then(|v| param(&v, "charset"))
            .map(|v| String::from_utf8_lossy(&v).into_owned());
        let cte = header(&pl, "content-transfer-encoding").unwrap_or_default();
        let data = match cte.trim_ascii() {
            b"quoted-printable" => quoted_printable(pbody),
            b"base64" => base64(pbody),
            _ => pbody.to_vec(),
        };
        return Ok((data, charset, complete));
    }
    Err(Error::not_a_document("MHT message without an HTML part"))
}

/// Splits a header block from its body at the first empty line.
fn split_headers(b: &[u8]) -> (&[u8], &[u8]) {
    let mut k = 0;
    while k < b.len() {
        let end = b[k..].iter().position(|&c| c == b'\n').map_or(b.len(), |e| k + e);
        let line = &b[k..end];
        if line.trim_ascii().is_empty() {
            return (&b[..k], &b[(end + 1).min(b.len())..]);
        }
        k = end + 1;
    }
    (b, &[])
}

/// The value of a header (case-insensitive name), with folded continuation lines unfolded.
fn header(head: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut value: Option<Vec<u8>> = None;
    for line in head.split(|&c| c == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if let Some(v) = value.as_mut() {
            if line.first().is_some_and(|c| *c == b' ' || *c == b'\t') {
                v.push(b' ');
                v.extend_from_slice(line.trim_ascii());
                continue;
            }
            break;
        }
        if line.len() > name.len()
            && line[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && line[name.len()] == b':'
        {
            value = Some(line[name.len() + 1..].trim_ascii().to_vec());
        }
    }
    value
}

/// A `name=value` parameter of a header value (quoted or not).
fn param(value: &[u8], name: &str) -> Option<Vec<u8>> {
    for piece in value.split(|&c| c == b';') {
        let piece = piece.trim_ascii();
        let Some(eq) = piece.iter().position(|&c| c == b'=') else { continue };
        if !piece[..eq].trim_ascii().eq_ignore_ascii_case(name.as_bytes()) {
            continue;
        }
        let v = piece[eq + 1..].trim_ascii();
        let v = v.strip_prefix(b"\"").map_or(v, |q| q.split(|&c| c == b'"').next().unwrap_or(q));
        return Some(v.to_vec());
    }
    None
}

fn quoted_printable(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'=' {
            out.push(c);
            i += 1;
            continue;
        }
        let hex = b.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            out.push(v);
            i += 3;
            continue;
        }
        // A soft line break: '=' then optional blanks then the end of the line.
        let mut k = i + 1;
        while k < b.len() && (b[k] == b' ' || b[k] == b'\t') {
            k += 1;
        }
        if b.get(k) == Some(&b'\r') {
            k += 1;
        }
        if b.get(k) == Some(&b'\n') {
            i = k + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn base64(b: &[u8]) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in b {
        if c == b'=' {
            break;
        }
        let Some(v) = val(c) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() || needle.is_empty() {
        return None;
    }
    b[from..].windows(needle.len()).position(|w| w == needle).map(|k| k + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MHT: &str = "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"----=_NextPart_01DA\"\r\n\r\nThis document is a Single File Web Page.\r\n\r\n------=_NextPart_01DA\r\nContent-Location: file:///C:/x.htm\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"us-ascii\"\r\n\r\n<html><body><p class=3DMsoNormal>=\r\nPlan A</p></body></html>\r\n\r\n------=_NextPart_01DA\r\nContent-Type: image/png\r\n\r\nxx\r\n------=_NextPart_01DA--\r\n";

    #[test]
    fn mht_first_html_part() {
        assert!(is_mime(MHT.as_bytes()));
        let (html, cs, complete) = html_part(MHT.as_bytes()).unwrap();
        assert!(complete);
        let cut = &MHT.as_bytes()[..MHT.len() - 8];
        assert!(!html_part(cut).unwrap().2, "no closing boundary: truncated");
        assert_eq!(String::from_utf8(html).unwrap(), "<html><body><p class=MsoNormal>Plan A</p></body></html>\r\n\r\n");
        assert_eq!(cs.as_deref(), Some("us-ascii"));
        assert!(!is_mime(b"Subject: MIME-Version: 1.0\n\nx"));
        assert!(!is_mime("发文机关: x\nMIME-Version: 1.0".as_bytes()));
    }

    #[test]
    fn decoders() {
        assert_eq!(base64(b"5LiA44CB\r\n5oC75L2T"), "一、总体".as_bytes());
        assert_eq!(quoted_printable(b"=D2=BB=A1=A2 a=3Db= \r\nc=zz"), b"\xD2\xBB\xA1\xA2 a=bc=zz");
        assert!(html_part(b"MIME-Version: 1.0\nContent-Type: multipart/related\n\nx").is_err());
    }
}
