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
}
