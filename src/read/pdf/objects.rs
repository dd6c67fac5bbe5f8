//! Object access over lopdf's document: references followed a bounded number of hops, typed
//! getters that answer None for the wrong type (a damaged file is read as far as it goes), and
//! stream decoding within the limits (bytes per stream and in total).

use super::inflate::Inflater;
use super::packed::Packed;
use super::store::Store;
use super::syntax::Lean;
use crate::error::{Error, LimitKind};
use crate::limits::{self, Limits};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::cell::{Cell, RefCell};

/// Most reference hops followed for one value (a chain `1 0 R` → `2 0 R` → … or a loop).
const MAX_HOPS: usize = 32;

/// Where a document's objects come from.
#[derive(Clone, Copy)]
pub enum Objects<'a> {
    /// Loaded by lopdf's loader, object streams kept packed.
    Loaded { doc: &'a Document, packed: &'a Packed },
    /// Parsed when first resolved ([`Store`]).
    Lazy(&'a Store<'a>),
}

/// The document's objects, the limits and the running total of decoded bytes.
pub struct Pdf<'a> {
    objects: Objects<'a>,
    pub trailer: &'a Dictionary,
    pub limits: &'a Limits,
    inflated: Cell<u64>,
    /// One zlib decoder for the document's Flate streams ([`Inflater`]).
    inflater: RefCell<Inflater>,
}

impl<'a> Pdf<'a> {
    pub fn new(objects: Objects<'a>, limits: &'a Limits) -> Self {
        let trailer = match objects {
            Objects::Loaded { doc, .. } => &doc.trailer,
            Objects::Lazy(store) => &store.trailer,
        };
        Pdf { objects, trailer, limits, inflated: Cell::new(0), inflater: RefCell::default() }
    }

    /// The object `id`, wherever it is stored.
    fn object(&self, id: ObjectId) -> Option<&'a Object> {
        match self.objects {
            Objects::Loaded { doc, packed } => doc.objects.get(&id).or_else(|| packed.get(id)),
            Objects::Lazy(store) => store.get(id),
        }
    }

    /// The objects lopdf's loader loaded, in object order (none when they are read lazily: the
    /// reader then falls back to the loader where it needs them all).
    pub fn loaded(&self) -> impl Iterator<Item = &'a Object> {
        let doc = match self.objects {
            Objects::Loaded { doc, .. } => Some(doc),
            Objects::Lazy(_) => None,
        };
        doc.into_iter().flat_map(|d| d.objects.values())
    }

    /// The value behind `o` (references followed; a dangling one is Null).
    pub fn resolve(&self, mut o: &'a Object) -> &'a Object {
        for _ in 0..MAX_HOPS {
            match o {
                Object::Reference(id) => match self.object(*id) {
                    Some(next) => o = next,
                    None => return &Object::Null,
                },
                _ => return o,
            }
        }
        &Object::Null
    }

    /// Whether `o` is a reference to a packed object whose text cannot hold the name `name` (it
    /// neither spells it nor escapes a character of a name with `#`): the object need not be
    /// parsed to know that it lacks that key. False when that cannot be told without parsing.
    pub fn surely_lacks(&self, o: &Object, name: &[u8]) -> bool {
        let Object::Reference(id) = o else { return false };
        let (stored, packed) = match self.objects {
            Objects::Loaded { doc, packed } => (doc.objects.contains_key(id), packed),
            Objects::Lazy(store) => (store.stored(*id), store.packed()),
        };
        if stored {
            return false;
        }
        packed.text(*id).is_some_and(|t| memchr::memchr(b'#', t).is_none() && memchr::memmem::find(t, name).is_none())
    }

    /// `d[key]`, resolved.
    pub fn get(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        entry(d, key).map(|o| self.resolve(o)).filter(|o| !matches!(o, Object::Null))
    }

    /// The font dictionary `o` refers to, read lean ([`Store::lean_font`]), when the file is read
    /// lazily and the object has not been parsed; None: read it with [`Pdf::dict`].
    pub fn lean_font(&self, o: &Object) -> Option<Lean<'a>> {
        match (self.objects, o) {
            (Objects::Lazy(store), Object::Reference(id)) => store.lean_font(*id),
            _ => None,
        }
    }

    /// The dictionary behind `o` (a stream's dictionary for a stream).
    pub fn dict(&self, o: &'a Object) -> Option<&'a Dictionary> {
        match self.resolve(o) {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    pub fn get_dict(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
        self.dict(entry(d, key)?)
    }

    pub fn get_array(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
        match self.get(d, key)? {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn get_name(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
        match self.get(d, key)? {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn get_num(&self, d: &'a Dictionary, key: &[u8]) -> Option<f32> {
        self.num(self.get(d, key)?)
    }

    /// A number (integer or real), resolved.
    pub fn num(&self, o: &'a Object) -> Option<f32> {
        match self.resolve(o) {
            Object::Integer(i) => Some(*i as f32),
            Object::Real(r) if r.is_finite() => Some(*r),
            _ => None,
        }
    }

    /// An array of numbers (entries that are not numbers read as 0).
    pub fn nums(&self, o: &'a Object) -> Vec<f32> {
        match self.resolve(o) {
            Object::Array(a) => a.iter().map(|v| self.num(v).unwrap_or(0.0)).collect(),
            _ => Vec::new(),
        }
    }

    /// The stream behind `o`.
    pub fn stream(&self, o: &'a Object) -> Option<&'a Stream> {
        match self.resolve(o) {
            Object::Stream(s) => Some(s),
            _ => None,
        }
    }

    /// A stream's decoded bytes. Over the per-stream or total limit is an error; a filter that is
    /// not a compression (an image codec) or a corrupt stream gives None and the stream is skipped.
    pub fn decode(&self, s: &Stream) -> Result<Option<Vec<u8>>, Error> {
        let per = self.limits.max_pdf_stream_bytes;
        let max = usize::try_from(per).unwrap_or(usize::MAX);
        let decoded = if lone_flate(s) {
            self.inflater.borrow_mut().inflate(&s.content, max)
        } else if ascii85_flate(s) {
            ascii85_then_inflate(&mut self.inflater.borrow_mut(), s, max)
        } else {
            s.decompressed_content_with_limit(max)
        };
        let data = match decoded {
            Ok(d) => d,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                let why = format!(
                    "a PDF stream decompresses to more than the {} limit (--max-pdf-stream-size)",
                    limits::size(per)
                );
                return Err(Error::limit(LimitKind::PdfStreamSize, per, None, why));
            }
            Err(_) => return Ok(None),
        };
        let data = if s.dict.has(b"Filter") { data } else { unmarked_zlib(data, per) };
        self.count(data.len())?;
        Ok(Some(data))
    }

    /// The first `n` bytes of a stream's decoded data: a lone /FlateDecode without parameters is
    /// inflated no further (an embedded Type1 program, of which only the clear-text part is
    /// read: 6 KB of 90 KB), as leniently as lopdf inflates (the bytes before a corrupt part, or
    /// the stream read as raw deflate when nothing inflates); any other stream is decoded whole
    /// by [`Pdf::decode`].
    pub fn decode_prefix(&self, s: &Stream, n: usize) -> Result<Option<Vec<u8>>, Error> {
        if !lone_flate(s) {
            return Ok(self.decode(s)?.map(|mut d| {
                d.truncate(n);
                d
            }));
        }
        let n = n.min(usize::try_from(self.limits.max_pdf_stream_bytes).unwrap_or(usize::MAX));
        let out = self.inflater.borrow_mut().prefix(&s.content, n);
        self.count(out.len())?;
        Ok(Some(out))
    }

    /// Adds `bytes` decoded to the document's total: over the limit is an error.
    fn count(&self, bytes: usize) -> Result<(), Error> {
        let total = self.inflated.get() + bytes as u64;
        self.inflated.set(total);
        let max = self.limits.max_pdf_inflated_bytes;
        if total > max {
            let why = format!(
                "the PDF's streams decompress to more than the {} limit in total (--max-pdf-inflated-size)",
                limits::size(max)
            );
            return Err(Error::limit(LimitKind::PdfInflatedSize, max, Some(total), why));
        }
        Ok(())
    }
}

/// `d[key]` as written. lopdf's `Dictionary::get` builds an error message (two allocations) for
/// every key a dictionary lacks, and the text layer asks for many keys that are usually absent.
pub fn entry<'d>(d: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    d.as_hashmap().get(key)
}

/// Whether a stream's only filter is /FlateDecode, without /DecodeParms.
fn lone_flate(s: &Stream) -> bool {
    matches!(s.filters().as_deref(), Ok([f]) if *f == b"FlateDecode") && !s.dict.has(b"DecodeParms")
}

/// Whether a stream's filters are /ASCII85Decode then /FlateDecode, without /DecodeParms (as
/// reportlab writes every stream).
fn ascii85_flate(s: &Stream) -> bool {
    matches!(s.filters().as_deref(), Ok([a, f]) if *a == b"ASCII85Decode" && *f == b"FlateDecode")
        && !s.dict.has(b"DecodeParms")
}

/// lopdf's decoding of an [`ascii85_flate`] stream, its filters one after the other within
/// `max` bytes each: the ASCII85 step by lopdf, the Flate step by the document's decoder
/// ([`Inflater::inflate`], lopdf's Flate step read the same way) rather than a new one.
fn ascii85_then_inflate(inflater: &mut Inflater, s: &Stream, max: usize) -> lopdf::Result<Vec<u8>> {
    let step = Stream::new(lopdf::dictionary! { "Filter" => "ASCII85Decode" }, s.content.clone());
    inflater.inflate(&step.decompressed_content_with_limit(max)?, max)
}

/// A stream that is zlib data without saying so (no /Filter: some producers forget it, and
/// pdf.js and poppler inflate it anyway): inflated when it starts with a zlib header and
/// inflates, else as it is.
fn unmarked_zlib(data: Vec<u8>, max: u64) -> Vec<u8> {
    let zlib_header = data.len() > 2 && data[0] & 0x0F == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    if !zlib_header {
        return data;
    }
    let mut out = Vec::new();
    let reader = flate2::read::ZlibDecoder::new(data.as_slice());
    match std::io::Read::read_to_end(&mut std::io::Read::take(reader, max), &mut out) {
        Ok(_) if !out.is_empty() => out,
        _ => data,
    }
}

/// A text string of the document (PDF 32000 §7.9.2.2): UTF-16BE with its BOM, UTF-8 with its BOM,
/// else PDFDocEncoding.
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from(c[0]) << 8 | u16::from(c[1])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().filter_map(|&b| super::font::encoding::Base::PdfDoc.char(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::{ascii85_flate, ascii85_then_inflate, Inflater};
    use lopdf::{dictionary, Object, Stream};
    use std::io::Write;

    /// `data` deflated, then written in ASCII85 as reportlab writes it (`~>` at the end).
    fn ascii85_zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        let z = e.finish().unwrap();
        let mut out = Vec::new();
        for chunk in z.chunks(4) {
            let mut word = [0u8; 4];
            word[..chunk.len()].copy_from_slice(chunk);
            let mut n = u32::from_be_bytes(word);
            let mut digits = [0u8; 5];
            for d in digits.iter_mut().rev() {
                *d = b'!' + (n % 85) as u8;
                n /= 85;
            }
            out.extend_from_slice(&digits[..chunk.len() + 1]);
        }
        out.extend_from_slice(b"~>");
        out
    }

    /// ASCII85 and Flate streams decode as lopdf decodes them: whole, cut, with a bad digit,
    /// without their end marker, over the limit.
    #[test]
    fn ascii85_flate_streams_decode_as_lopdf_decodes_them() {
        let text: Vec<u8> =
            (0..20_000u32).flat_map(|i| format!("BT {} {} Td (x) Tj ET\n", i % 577, i % 311).into_bytes()).collect();
        let good = ascii85_zlib(&text);
        let mut inputs = vec![good.clone(), good[..good.len() / 2].to_vec(), good[..good.len() - 2].to_vec()];
        for at in [3, good.len() / 3, good.len() - 4] {
            let mut bad = good.clone();
            bad[at] = b'v';
            inputs.push(bad);
            let mut z = good.clone();
            z[at] = b'z';
            inputs.push(z);
        }
        inputs.push(b"~>".to_vec());
        inputs.push(Vec::new());
        let mut inflater = Inflater::default();
        let filters =
            Object::Array(vec![Object::Name(b"ASCII85Decode".to_vec()), Object::Name(b"FlateDecode".to_vec())]);
        for input in inputs {
            let s = Stream::new(dictionary! { "Filter" => filters.clone() }, input);
            assert!(ascii85_flate(&s));
            for max in [usize::MAX, text.len(), text.len() - 1, 1000] {
                let ours = ascii85_then_inflate(&mut inflater, &s, max);
                let theirs = s.decompressed_content_with_limit(max);
                assert_eq!(ours.as_ref().ok(), theirs.as_ref().ok(), "{} bytes, max {max}", s.content.len());
                assert_eq!(ours.is_err(), theirs.is_err());
            }
        }
        let s = Stream::new(dictionary! { "Filter" => filters.clone() }, good.clone());
        assert_eq!(ascii85_then_inflate(&mut inflater, &s, usize::MAX).unwrap(), text);
        let s = Stream::new(dictionary! { "Filter" => filters, "DecodeParms" => dictionary! {} }, good);
        assert!(!ascii85_flate(&s), "a stream with parameters is left to lopdf");
    }
}
