//! The OFD package: a ZIP archive of XML files that point at one another by path (GB/T 33190 §7.5:
//! absolute from the package root, or relative to the file that names them). The ZIP itself is
//! read by the .docx reader's container, with the same limits (entries, inflated size, ratio).

use crate::error::Error;
use crate::limits::Limits;
use crate::model::Format;
use crate::read::docx::container::Package as Zip;
use quick_xml::events::BytesStart;
use std::borrow::Cow;

/// A ZIP archive read from memory.
pub(crate) type Archive<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

pub(crate) struct Package<'a> {
    zip: Zip<'a>,
}

/// The container reports its errors as .docx's: they are the OFD's here.
fn as_ofd(e: Error) -> Error {
    match e {
        Error::Damaged { why, .. } => Error::Damaged { format: Format::Ofd, why },
        Error::Encrypted { .. } => Error::Encrypted { format: Format::Ofd },
        other => other,
    }
}

impl<'a> Package<'a> {
    /// The package of `bytes`, its archive opened here or already (by [`super::sniffed`]).
    pub fn open(bytes: &'a [u8], archive: Option<Archive<'a>>, limits: &Limits) -> Result<Package<'a>, Error> {
        let zip = match archive {
            Some(zip) => Zip::with_archive(zip, bytes, limits),
            None => Zip::open(bytes, limits),
        };
        Ok(Package { zip: zip.map_err(as_ofd)? })
    }

    /// A file's text, or None when the package has no such file.
    pub fn file(&mut self, path: &str) -> Result<Option<String>, Error> {
        self.zip.part(path).map_err(as_ofd)
    }
}

/// The folder of a file path ("Doc_0/Document.xml" → "Doc_0").
pub(crate) fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Resolves a path named in a file of folder `dir`: "/Doc_0/x" from the root, "x" or "../x"
/// from `dir`; backslashes as slashes (some Windows writers use them).
pub(crate) fn resolve(dir: &str, target: &str) -> String {
    crate::read::resolve_part(dir, &target.trim().replace('\\', "/"))
}

/// An attribute by its local name, unescaped.
pub(crate) fn attr(e: &BytesStart, local: &str) -> Option<String> {
    attr_ref(e, local).map(Cow::into_owned)
}

/// [`attr`], borrowed from the element when the value needs no unescaping (a page's thousands of
/// coordinates).
pub(crate) fn attr_ref<'a>(e: &'a BytesStart, local: &str) -> Option<Cow<'a, str>> {
    let [v] = attrs(e, [local]);
    v
}

/// Several attributes by their local names in one pass over the element's attributes (each the
/// first of its name, as [`attr_ref`] finds it): a TextObject's five looked up one by one cost
/// five parses of all its attributes.
pub(crate) fn attrs<'a, const N: usize>(e: &'a BytesStart, names: [&str; N]) -> [Option<Cow<'a, str>>; N] {
    let mut out: [Option<Cow<'a, str>>; N] = std::array::from_fn(|_| None);
    if simple_attrs(e.attributes_raw(), &names, &mut out) {
        return out;
    }
    quick_xml_attrs(e, names)
}

/// [`attrs`] as quick-xml's attribute reader gives them.
fn quick_xml_attrs<'a, const N: usize>(e: &'a BytesStart, names: [&str; N]) -> [Option<Cow<'a, str>>; N] {
    let mut out: [Option<Cow<'a, str>>; N] = std::array::from_fn(|_| None);
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name().into_inner();
        if let Some(k) = names.iter().position(|n| *n == key) {
            if out[k].is_none() {
                out[k] = Some(value(&a));
            }
        }
    }
    out
}

/// Bytes that end a key: `=` and white space.
const KEY_END: [bool; 256] = table(b"= \t\r\n");
/// Bytes that end a value or make it one quick-xml would change: quotes, tab, line breaks, `&`.
const VALUE_STOP: [bool; 256] = table(b"\"'\t\r\n&");

const fn table(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
}

/// [`attrs`] read straight from the element's text when its attributes are written plainly, as
/// nearly every writer writes them: `name="value"` or `name='value'` after XML white space, no
/// white space around the `=`, no reference, tab or line break in a value (which quick-xml's
/// normalisation would change). For such markup quick-xml's reader gives the same names and
/// values; false for anything else, which is left to it.
fn simple_attrs<'a, const N: usize>(raw: &'a str, names: &[&str; N], out: &mut [Option<Cow<'a, str>>; N]) -> bool {
    // Byte loops over tables: keys and most values are a few bytes long.
    let (b, n) = (raw.as_bytes(), raw.len());
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    let mut i = 0;
    loop {
        while i < n && space(b[i]) {
            i += 1;
        }
        if i == n {
            return true;
        }
        let key_at = i;
        while i < n && !KEY_END[b[i] as usize] {
            i += 1;
        }
        let quote = b.get(i + 1).copied().unwrap_or(0);
        if i == n || i == key_at || b[i] != b'=' || !matches!(quote, b'"' | b'\'') {
            return false;
        }
        let (key, value_at) = (&b[key_at..i], i + 2);
        let Some(end) = value_end(b, value_at, quote) else { return false };
        let value = &raw[value_at..end];
        i = end + 1;
        // The local name: after the first colon, as quick-xml's QName has it.
        let local = key.iter().position(|&c| c == b':').map_or(key, |k| &key[k + 1..]);
        let same = |name: &str| name.len() == local.len() && name.bytes().zip(local).all(|(x, &y)| x == y);
        if let Some(k) = names.iter().position(|name| same(name)) {
            if out[k].is_none() {
                out[k] = Some(Cow::Borrowed(value));
            }
        }
    }
}

/// Where the value that starts at `from` ends (its closing `quote`), or None when it does not or
/// holds a byte quick-xml's normalisation would change.
fn value_end(b: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    // Short values byte by byte, the rest of a long one (a DeltaX list) with memchr.
    let short = b.len().min(from + 24);
    while i < short {
        if VALUE_STOP[b[i] as usize] {
            if b[i] == quote {
                return Some(i);
            }
            if !matches!(b[i], b'"' | b'\'') {
                return None;
            }
        }
        i += 1;
    }
    let end = i + memchr::memchr(quote, &b[i..])?;
    let rest = &b[i..end];
    let normalised = memchr::memchr3(b'\t', b'\r', b'\n', rest).is_some() || memchr::memchr(b'&', rest).is_some();
    (!normalised).then_some(end)
}

/// An attribute's value, unescaped (as written when it does not unescape).
pub(crate) fn value<'a>(a: &quick_xml::events::attributes::Attribute<'a>) -> Cow<'a, str> {
    match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
        Ok(v) => v,
        Err(_) => a.value.clone(),
    }
}

/// An element's local name (after any namespace prefix: OFD files use "ofd:", a few none).
pub(crate) fn local<'b>(e: &'b BytesStart) -> &'b str {
    local_of(e.name().into_inner())
}

/// An end tag's local name.
pub(crate) fn local_end<'b>(e: &'b quick_xml::events::BytesEnd) -> &'b str {
    local_of(e.name().into_inner())
}

/// The part of a name after its first colon, as quick-xml's `QName::local_name` has it (by a
/// byte loop: names are short).
fn local_of(name: &str) -> &str {
    name.bytes().position(|c| c == b':').map_or(name, |k| &name[k + 1..])
}

/// The character an entity reference stands for (&#x4E00;, &amp;…); None for an unknown entity,
/// which is dropped (no DTD is ever read).
pub(crate) fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        Ok(None) => match &**r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
        Err(_) => None,
    }
}

/// The text of the named elements of a small XML file (OFD.xml, Annotations.xml), in document
/// order, as (element local name, its text).
pub(crate) fn texts(xml: &str, wanted: &[&str]) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = local(&e).to_string();
                open = wanted.contains(&name.as_str()).then(|| (name, String::new()));
            }
            Ok(Event::Text(t)) => {
                if let Some(o) = &mut open {
                    o.1.push_str(&t);
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(o) = &mut open {
                    o.1.push_str(&t);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let (Some(o), Some(c)) = (&mut open, entity(&r)) {
                    o.1.push(c);
                }
            }
            Ok(Event::End(_)) => {
                if let Some((name, text)) = open.take() {
                    out.push((name, text.trim().to_string()));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{quick_xml_attrs, simple_attrs};
    use quick_xml::events::BytesStart;

    /// Where the quick reading takes a tag for plain, it finds what quick-xml's reader finds: on
    /// tags written every way, and on thousands of copies with bytes inserted and deleted.
    #[test]
    fn plain_attributes_read_as_quick_xml_reads_them() {
        let tags = [
            r#"ofd:TextObject ID="96" Font="3" Size="3.7041687965393066" Boundary="39.16 25.4 5.47 4.42" LineWidth="0.09""#,
            r#"ofd:TextCode X="0.0" Y='3.88' DeltaX="g 24 3.88 3.53 3.88 3.53 3.88 3.53 3.88 3.53 3.88 3.53 3.88 3.53 3.88""#,
            "a ofd:x=\"1\" x='2' y = \"3\"  b=\"a&amp;b\" ID='\"'\tX=\"4\" c=\"\t\"d='5' a:b:X=\"6\" DeltaX=\"1 2\n3\" ",
        ];
        let names = ["X", "Y", "ID", "x", "y", "b", "DeltaX", "Boundary", "Size", "Font", ""];
        let pieces = ["\"", "'", "=", " ", "\t", "\n", "&", ":", "x", "X=\"1\"", "中"];
        let mut n: u64 = 0x1234_5678_9abc_def1;
        let mut next = |m: usize| {
            n ^= n << 13;
            n ^= n >> 7;
            n ^= n << 17;
            (n % m as u64) as usize
        };
        let mut plain = 0;
        for round in 0..30_000 {
            let mut t = tags[round % tags.len()].to_string();
            if round >= tags.len() {
                for _ in 0..1 + next(3) {
                    let mut at = next(t.len() + 1);
                    while !t.is_char_boundary(at) {
                        at -= 1;
                    }
                    if next(2) == 0 {
                        t.insert_str(at, pieces[next(pieces.len())]);
                    } else {
                        let mut end = (at + 1 + next(4)).min(t.len());
                        while !t.is_char_boundary(end) {
                            end += 1;
                        }
                        t.replace_range(at..end, "");
                    }
                }
            }
            let name_len = t.bytes().position(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')).unwrap_or(t.len());
            let e = BytesStart::from_content(t.as_str(), name_len);
            let mut quick = std::array::from_fn(|_| None);
            if simple_attrs(e.attributes_raw(), &names, &mut quick) {
                assert_eq!(quick, quick_xml_attrs(&e, names), "{t:?}");
                plain += 1;
            }
        }
        assert!(plain > 5_000, "{plain}");
    }
}
