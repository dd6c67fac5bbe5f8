//! FlateDecode with one zlib decoder per document. lopdf inflates each stream with a new
//! `flate2::read::ZlibDecoder`, whose set-up (the decoder's state and window, a zeroed 32 KB input
//! buffer) cost more than inflating a page's ToUnicode map. [`Inflater`] resets one decoder for
//! each stream and reads it exactly as that reader does (flate2's `zio::read` over its 32 KB
//! buffered chunks), so a corrupt or truncated stream gives the same bytes and the same error.

use flate2::{Decompress, FlushDecompress, Status};
use std::io::{self, Read};

/// flate2's input buffer: input is handed to the decoder in chunks of this size.
const CHUNK: usize = 32 * 1024;

/// A reusable zlib decoder.
pub struct Inflater(Decompress);

impl Default for Inflater {
    fn default() -> Self {
        Inflater(Decompress::new(true))
    }
}

impl Inflater {
    /// Inflates the zlib stream `input` as lopdf does (`Stream::decompressed_content_with_limit`
    /// of a stream whose only filter is /FlateDecode, without parameters): read to its end or to
    /// the first corrupt byte, else (nothing read) the bytes after the two-byte header as raw
    /// deflate; over `max` bytes is lopdf's limit error.
    pub fn inflate(&mut self, input: &[u8], max: usize) -> lopdf::Result<Vec<u8>> {
        if let Some(result) = self.whole(input, max) {
            return result;
        }
        let mut output = Vec::with_capacity(input.len().saturating_mul(2).min(max.saturating_add(1)));
        let cap = (max as u64).saturating_add(1);
        if !input.is_empty() {
            self.0.reset(true);
            let reader = Reader { input, pos: 0, end: 0, z: &mut self.0 };
            if reader.take(cap).read_to_end(&mut output).is_err() && output.is_empty() && input.len() > 2 {
                let raw = flate2::read::DeflateDecoder::new(&input[2..]);
                let _ = raw.take(cap).read_to_end(&mut output);
            }
        }
        if output.len() > max {
            return Err(lopdf::DecompressError::MemoryLimitExceeded { limit: max }.into());
        }
        Ok(output)
    }
}

impl Inflater {
    /// The first `n` bytes of the zlib stream `input`, as `flate2::read::ZlibDecoder` reads them
    /// with `take(n)` and `read_to_end` (to `n`, the stream's end or the first corrupt chunk), else
    /// (nothing read) as raw deflate after the two-byte header: what the text layer reads of an
    /// embedded Type1 program (its clear-text part), without a new decoder and its 32 KB buffer
    /// for each. A stream that inflates to `n` bytes or to its end without a fault is inflated
    /// in one call.
    pub fn prefix(&mut self, input: &[u8], n: usize) -> Vec<u8> {
        if let Some(out) = self.whole_prefix(input, n) {
            return out;
        }
        let mut out = Vec::new();
        self.0.reset(true);
        let reader = Reader { input, pos: 0, end: 0, z: &mut self.0 };
        if reader.take(n as u64).read_to_end(&mut out).is_err() && out.is_empty() && input.len() > 2 {
            let raw = flate2::read::DeflateDecoder::new(&input[2..]);
            let _ = raw.take(n as u64).read_to_end(&mut out);
        }
        out
    }

    /// [`Inflater::prefix`] of a stream whose first `n` bytes (or all, to its checksum) inflate
    /// without a fault; None otherwise.
    fn whole_prefix(&mut self, input: &[u8], n: usize) -> Option<Vec<u8>> {
        if input.is_empty() {
            return None;
        }
        self.0.reset(true);
        let mut out = Vec::with_capacity(input.len().saturating_mul(4).saturating_add(512).min(n));
        loop {
            let consumed = self.0.total_in() as usize;
            match self.0.decompress_vec(&input[consumed..], &mut out, FlushDecompress::Finish) {
                Ok(Status::StreamEnd) => return Some(out),
                Ok(_) if out.len() == n => return Some(out),
                Ok(_) if out.len() == out.capacity() => out.reserve_exact(out.len().min(n - out.len()).max(1)),
                _ => return None,
            }
        }
    }

    /// A well-formed stream inflated in one go, or None for a corrupt or cut one, which
    /// [`Inflater::inflate`] then reads as flate2's reader does: a stream's bytes are the same
    /// however the output is cut, and one call with room to spare keeps zlib on its fast path,
    /// which needs 258 bytes free. Past `max` bytes inflated without a fault, the reader would
    /// have read `max` + 1 of them and stopped: the limit error, without reading them again.
    fn whole(&mut self, input: &[u8], max: usize) -> Option<lopdf::Result<Vec<u8>>> {
        if input.is_empty() {
            return None;
        }
        self.0.reset(true);
        let mut output =
            Vec::with_capacity(input.len().saturating_mul(4).saturating_add(512).min(max.saturating_add(1)));
        loop {
            let consumed = self.0.total_in() as usize;
            match self.0.decompress_vec(&input[consumed..], &mut output, FlushDecompress::Finish) {
                Ok(_) if output.len() > max => {
                    return Some(Err(lopdf::DecompressError::MemoryLimitExceeded { limit: max }.into()))
                }
                Ok(Status::StreamEnd) => return Some(Ok(output)),
                Ok(_) if output.len() == output.capacity() => {
                    // Double, but never past one byte over the limit.
                    output.reserve_exact(output.len().min(max.saturating_add(1) - output.len()).max(1));
                }
                _ => return None,
            }
        }
    }
}

/// `flate2::read::ZlibDecoder` over a slice: its buffered reader's chunks, its read loop.
struct Reader<'i, 'z> {
    input: &'i [u8],
    /// The next byte to hand the decoder, and the end of the chunk it is in.
    pos: usize,
    end: usize,
    z: &'z mut Decompress,
}

impl Read for Reader<'_, '_> {
    fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.pos == self.end {
                self.end = (self.pos + CHUNK).min(self.input.len());
            }
            let chunk = &self.input[self.pos..self.end];
            let eof = chunk.is_empty();
            let (before_out, before_in) = (self.z.total_out(), self.z.total_in());
            let flush = if eof { FlushDecompress::Finish } else { FlushDecompress::None };
            let ret = self.z.decompress(chunk, dst, flush);
            let read = (self.z.total_out() - before_out) as usize;
            self.pos = (self.pos + (self.z.total_in() - before_in) as usize).min(self.end);
            match ret {
                Ok(Status::Ok | Status::BufError) if read == 0 && !eof && !dst.is_empty() => continue,
                Ok(Status::Ok | Status::BufError) if read == 0 && eof && !dst.is_empty() => {
                    return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "incomplete deflate stream"))
                }
                Ok(_) => return Ok(read),
                Err(_) => return Err(io::Error::new(io::ErrorKind::InvalidInput, "corrupt deflate stream")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// What lopdf gives for the same stream.
    fn lopdf(input: &[u8], max: usize) -> lopdf::Result<Vec<u8>> {
        let s = lopdf::Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, input.to_vec());
        s.decompressed_content_with_limit(max)
    }

    #[test]
    fn same_bytes_as_lopdf_whole_cut_corrupt_and_over_the_limit() {
        let text: Vec<u8> = (0..200_000u32).flat_map(|i| format!("{} {} l\n", i % 977, i % 313).into_bytes()).collect();
        let z = zlib(&text);
        let mut corrupt = z.clone();
        corrupt[z.len() / 2] ^= 0x55;
        let mut inflater = Inflater::default();
        for (input, max) in [
            (&z[..], usize::MAX),
            (&z[..z.len() / 3], usize::MAX),
            (&corrupt[..], usize::MAX),
            (&z[..], 1000),
            (&corrupt[..], 1000),
        ] {
            let ours = inflater.inflate(input, max);
            let theirs = lopdf(input, max);
            assert_eq!(ours.as_ref().ok(), theirs.as_ref().ok());
            assert_eq!(ours.is_err(), theirs.is_err());
        }
        assert_eq!(inflater.inflate(&z, usize::MAX).unwrap(), text, "the decoder is reset between streams");
        // Small streams (inflated whole when well-formed): a bad checksum, bytes after the end,
        // exactly at the limit and one over, a stream cut before its checksum.
        let small = zlib(b"1 beginbfchar <F5> <85CF> endbfchar");
        let mut bad_sum = small.clone();
        *bad_sum.last_mut().unwrap() ^= 1;
        let mut trailing = small.clone();
        trailing.extend_from_slice(b"garbage");
        let n = 35;
        for (input, max) in [
            (&small[..], usize::MAX),
            (&bad_sum[..], usize::MAX),
            (&trailing[..], usize::MAX),
            (&small[..], n),
            (&small[..], n - 1),
            (&small[..small.len() - 2], usize::MAX),
            (&small[..3], usize::MAX),
        ] {
            let ours = inflater.inflate(input, max);
            let theirs = lopdf(input, max);
            assert_eq!(ours.as_ref().ok(), theirs.as_ref().ok());
            assert_eq!(ours.is_err(), theirs.is_err());
        }
        assert_eq!(inflater.inflate(b"\x78\x9c", usize::MAX).unwrap(), lopdf(b"\x78\x9c", usize::MAX).unwrap());
    }

    /// What `Pdf::decode_prefix` read before [`Inflater::prefix`]: flate2's reader.
    fn flate2_prefix(input: &[u8], n: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let inflate = |r: &mut dyn Read, out: &mut Vec<u8>| r.take(n as u64).read_to_end(out);
        if inflate(&mut flate2::read::ZlibDecoder::new(input), &mut out).is_err() && out.is_empty() && input.len() > 2 {
            let _ = inflate(&mut flate2::read::DeflateDecoder::new(&input[2..]), &mut out);
        }
        out
    }

    /// Prefixes of whole, cut, corrupt and raw streams, short and long, read as flate2's reader
    /// reads them, every byte of the stream flipped in turn for the short one.
    #[test]
    fn prefixes_read_as_flate2_reads_them() {
        let text: Vec<u8> =
            (0..60_000u32).flat_map(|i| format!("dup {} /g{} put\n", i % 256, i % 977).into_bytes()).collect();
        let z = zlib(&text);
        let mut corrupt = z.clone();
        corrupt[z.len() / 2] ^= 0x55;
        let raw = {
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(&text[..5000]).unwrap();
            let mut v = b"xx".to_vec();
            v.extend(e.finish().unwrap());
            v
        };
        let small = zlib(b"%!PS-AdobeFont-1.0 /Encoding 256 array dup 65 /A put readonly def currentfile eexec");
        let mut inflater = Inflater::default();
        let mut inputs: Vec<Vec<u8>> =
            vec![z.clone(), z[..z.len() / 3].to_vec(), corrupt, raw, small.clone(), Vec::new()];
        for i in 0..small.len() {
            for bit in [0x01, 0x80] {
                let mut m = small.clone();
                m[i] ^= bit;
                inputs.push(m);
            }
            inputs.push(small[..i].to_vec());
        }
        let mut compared = 0;
        for input in &inputs {
            for n in [0, 1, 40, 85, 86, 200, 6000, 100_000, text.len(), text.len() + 1, usize::MAX >> 1] {
                assert_eq!(inflater.prefix(input, n), flate2_prefix(input, n), "{} bytes, n = {n}", input.len());
                compared += 1;
            }
        }
        assert!(compared > 1000);
    }
}
