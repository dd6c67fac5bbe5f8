//! The way back from cleaned text to the source: cleaning builds its output and this map together,
//! in one pass, so every span in the output points into the original text.

/// One run of cleaned text: either copied verbatim from the source or a replacement.
#[derive(Debug, Clone, Copy)]
struct Segment {
    clean: usize,
    src: usize,
    src_len: usize,
    copied: bool,
}

/// Cleaned text with its offset map.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    pub text: String,
    segments: Vec<Segment>,
}

impl MappedText {
    /// An empty text with room for `bytes` of cleaned text.
    pub fn with_capacity(bytes: usize) -> MappedText {
        MappedText { text: String::with_capacity(bytes), segments: Vec::new() }
    }

    /// Appends `src[range]` verbatim.
    pub fn copy(&mut self, src: &str, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let clean = self.text.len();
        self.text.push_str(&src[start..end]);
        match self.segments.last_mut() {
            // Adjacent copies merge, so the map stays as small as the number of edits.
            Some(last) if last.copied && last.src + last.src_len == start && last.clean + last.src_len == clean => {
                last.src_len += end - start;
            }
            _ => self.segments.push(Segment { clean, src: start, src_len: end - start, copied: true }),
        }
    }

    /// Appends `with` standing for the source bytes `[src_start, src_end)`.
    pub fn replace(&mut self, with: &str, src_start: usize, src_end: usize) {
        if with.is_empty() {
            return;
        }
        let clean = self.text.len();
        self.text.push_str(with);
        self.segments.push(Segment { clean, src: src_start, src_len: src_end - src_start, copied: false });
    }

    /// The source offset of a cleaned offset. Offsets inside a replacement map to its start (or,
    /// for the end of the text, past the last source byte used).
    pub fn to_source(&self, clean: usize) -> usize {
        let i = self.segments.partition_point(|s| s.clean <= clean);
        if i == 0 {
            return self.segments.first().map_or(0, |s| s.src);
        }
        let s = self.segments[i - 1];
        let delta = clean - s.clean;
        if s.copied {
            s.src + delta.min(s.src_len)
        } else if delta == 0 {
            s.src
        } else {
            s.src + s.src_len
        }
    }

    /// The cleaned offset of a source offset: inside a copied run, the same character; inside a
    /// removed or replaced stretch, where the cleaned text continues.
    pub fn to_clean(&self, src: usize) -> usize {
        let i = self.segments.partition_point(|s| s.src <= src);
        if i == 0 {
            return 0;
        }
        let s = self.segments[i - 1];
        if s.copied && src < s.src + s.src_len {
            s.clean + (src - s.src)
        } else {
            let len =
                if s.copied { s.src_len } else { self.segments.get(i).map_or(self.text.len(), |n| n.clean) - s.clean };
            (s.clean + len).min(self.text.len())
        }
    }

    /// Source range of a cleaned range `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> [usize; 2] {
        let a = self.to_source(start);
        let b = if end > start { self.end_source(end) } else { a };
        [a, b.max(a)]
    }

    /// The source offset just past cleaned byte `end - 1`.
    fn end_source(&self, end: usize) -> usize {
        let i = self.segments.partition_point(|s| s.clean < end);
        if i == 0 {
            return 0;
        }
        let s = self.segments[i - 1];
        let delta = end - s.clean;
        if s.copied {
            s.src + delta.min(s.src_len)
        } else {
            s.src + s.src_len
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_copies_and_replacements() {
        let src = "ab<p>cd〞e";
        let mut m = MappedText::default();
        m.copy(src, 0, 2);
        m.replace("\n", 2, 5);
        m.copy(src, 5, 7);
        m.replace("”", 7, 10);
        m.copy(src, 10, 11);
        assert_eq!(m.text, "ab\ncd”e");
        assert_eq!(m.to_source(0), 0);
        assert_eq!(m.to_source(1), 1);
        assert_eq!(m.to_source(2), 2);
        assert_eq!(m.to_source(3), 5);
        assert_eq!(m.to_source(5), 7);
        assert_eq!(m.to_source(8), 10);
        assert_eq!(m.span(3, 5), [5, 7]);
        assert_eq!(m.span(0, m.text.len()), [0, 11]);
        assert_eq!(m.to_clean(5), 3);
        assert_eq!(m.to_clean(3), 3, "inside the removed tag: where the text continues");
        assert_eq!(m.to_clean(10), 8);
    }
}
