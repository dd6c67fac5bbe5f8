//! The tokenizer of content streams and CMap programs (PDF 32000 §7.2, §7.8): numbers, names,
//! strings, arrays and dictionaries as operands, then an operator. lopdf parses the file's objects;
//! content streams are ours because a damaged one must still give up the text before the damage
//! (lopdf's content parser refuses the whole stream), and because the operator count and the
//! nesting depth are limits we check as we go.

use std::borrow::Cow;

/// An operand of a content-stream operator. Names and strings borrow the stream's bytes unless
/// they hold escapes (`#20`, `\n`, hex): a page shows thousands of strings, each an allocation
/// when copied.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Number(f32),
    Name(Cow<'a, [u8]>),
    /// A literal or hex string, escapes resolved.
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    Dict(Vec<(Cow<'a, [u8]>, Operand<'a>)>),
    Bool(bool),
    Null,
}

impl<'a> Operand<'a> {
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A dictionary operand's value for `key`.
    pub fn get(&self, key: &[u8]) -> Option<&Operand<'a>> {
        match self {
            Operand::Dict(entries) => entries.iter().find(|(k, _)| k.as_ref() == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// One step of the stream: an operator with its operands, or the end.
#[derive(Debug, PartialEq)]
pub enum Step<'a> {
    /// An operator (`Tj`, `cm`, `begincodespacerange`…); the operands are in [`Lexer::operands`].
    Op(&'a [u8]),
    /// Nesting deeper than the limit: the rest of the stream is not read.
    TooDeep,
    End,
}

/// Reads a stream operator by operator.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_depth: usize,
    /// The operands of the last operator returned.
    pub operands: Vec<Operand<'a>>,
}

/// Byte classes (PDF 32000 §7.2.2), looked up once per byte.
const WHITE: u8 = 1;
const DELIM: u8 = 2;
const NUMERIC: u8 = 4;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let white = b" \n\r\t\x0c\0";
    let mut i = 0;
    while i < white.len() {
        t[white[i] as usize] = WHITE;
        i += 1;
    }
    let delim = b"()<>[]{}/%";
    i = 0;
    while i < delim.len() {
        t[delim[i] as usize] = DELIM;
        i += 1;
    }
    let numeric = b"0123456789.+-";
    i = 0;
    while i < numeric.len() {
        t[numeric[i] as usize] = NUMERIC;
        i += 1;
    }
    t
};

fn is_white(b: u8) -> bool {
    CLASS[usize::from(b)] == WHITE
}

fn is_delim(b: u8) -> bool {
    CLASS[usize::from(b)] == DELIM
}

/// Neither white space nor a delimiter: part of a name or keyword.
fn is_regular(b: u8) -> bool {
    CLASS[usize::from(b)] & (WHITE | DELIM) == 0
}

/// What one token was.
enum Token<'a> {
    Operand(Operand<'a>),
    Open(u8),
    Close,
    Keyword(&'a [u8]),
    End,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], max_depth: usize) -> Self {
        Lexer { data, pos: 0, max_depth, operands: Vec::new() }
    }

    /// The next operator. Operands over 10,000 without an operator are dropped (a damaged
    /// stream, not a real one), so memory stays bounded by the stream's size.
    pub fn next_op(&mut self) -> Step<'a> {
        self.operands.clear();
        loop {
            // Numbers are most of a page's tokens (path coordinates, positions): read in place.
            self.skip_white();
            if self.data.get(self.pos).is_some_and(|&b| CLASS[usize::from(b)] == NUMERIC) {
                let n = self.number();
                self.push(Operand::Number(n));
                continue;
            }
            match self.token() {
                Token::End => return Step::End,
                Token::Keyword(k) => match k {
                    b"true" => self.push(Operand::Bool(true)),
                    b"false" => self.push(Operand::Bool(false)),
                    b"null" => self.push(Operand::Null),
                    b"ID" => {
                        self.skip_inline_image();
                        return Step::Op(b"ID");
                    }
                    _ => return Step::Op(k),
                },
                Token::Operand(o) => self.push(o),
                Token::Open(b) => match self.collection(b, 1) {
                    Some(o) => self.push(o),
                    None => return Step::TooDeep,
                },
                Token::Close => {}
            }
        }
    }

    fn push(&mut self, o: Operand<'a>) {
        if self.operands.len() >= 10_000 {
            self.operands.clear();
        }
        self.operands.push(o);
    }

    /// An array (`[`) or dictionary (`<<`) up to its closing bracket; None when nested deeper
    /// than the limit.
    fn collection(&mut self, open: u8, depth: usize) -> Option<Operand<'a>> {
        if depth > self.max_depth {
            return None;
        }
        let mut items = Vec::new();
        loop {
            match self.token() {
                Token::End => break,
                Token::Close => break,
                Token::Open(b) => items.push(self.collection(b, depth + 1)?),
                Token::Operand(o) => items.push(o),
                Token::Keyword(b"true") => items.push(Operand::Bool(true)),
                Token::Keyword(b"false") => items.push(Operand::Bool(false)),
                Token::Keyword(_) => items.push(Operand::Null),
            }
        }
        if open == b'[' {
            return Some(Operand::Array(items));
        }
        let mut entries = Vec::new();
        let mut it = items.into_iter();
        while let (Some(Operand::Name(k)), Some(v)) = (it.next(), it.next()) {
            entries.push((k, v));
        }
        Some(Operand::Dict(entries))
    }

    fn skip_white(&mut self) {
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.data.len() && !matches!(self.data[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn token(&mut self) -> Token<'a> {
        self.skip_white();
        let Some(&b) = self.data.get(self.pos) else { return Token::End };
        match b {
            b'/' => {
                self.pos += 1;
                Token::Operand(Operand::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Token::Operand(Operand::Str(self.literal()))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Token::Open(b'<')
            }
            b'<' => {
                self.pos += 1;
                Token::Operand(Operand::Str(Cow::Owned(self.hex())))
            }
            b'>' => {
                self.pos += if self.data.get(self.pos + 1) == Some(&b'>') { 2 } else { 1 };
                Token::Close
            }
            b'[' | b'{' => {
                self.pos += 1;
                Token::Open(b'[')
            }
            b']' | b'}' | b')' => {
                self.pos += 1;
                Token::Close
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => Token::Operand(Operand::Number(self.number())),
            _ => {
                let start = self.pos;
                while self.pos < self.data.len() && is_regular(self.data[self.pos]) {
                    self.pos += 1;
                }
                Token::Keyword(&self.data[start..self.pos])
            }
        }
    }

    fn name(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        while let Some(&b) = self.data.get(self.pos) {
            if !is_regular(b) {
                break;
            }
            if b == b'#' {
                return Cow::Owned(self.escaped_name(start));
            }
            self.pos += 1;
        }
        Cow::Borrowed(&self.data[start..self.pos])
    }

    /// A name with `#xx` escapes, from `start` (the escape at `self.pos`).
    fn escaped_name(&mut self, start: usize) -> Vec<u8> {
        let mut out = self.data[start..self.pos].to_vec();
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                if let Some(v) = self.data.get(self.pos..self.pos + 2).and_then(hex_pair) {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    /// A number token (every byte of `0-9 . + -` from here) read as [`parse_number`] reads it, in
    /// the same pass.
    fn number(&mut self) -> f32 {
        let d = self.data;
        let mut i = self.pos;
        let mut neg = false;
        while i < d.len() && matches!(d[i], b'-' | b'+') {
            neg ^= d[i] == b'-';
            i += 1;
        }
        let (mut value, mut scale, mut done, mut places) = (0f64, 0f64, false, 0usize);
        while i < d.len() && CLASS[usize::from(d[i])] == NUMERIC {
            if !done {
                match d[i] {
                    b @ b'0'..=b'9' if scale == 0.0 => value = value * 10.0 + f64::from(b - b'0'),
                    b @ b'0'..=b'9' => {
                        value += f64::from(b - b'0') * scale;
                        places += 1;
                        scale = SCALES.get(places).copied().unwrap_or(scale / 10.0);
                    }
                    b'.' if scale == 0.0 => scale = 0.1,
                    _ => done = true,
                }
            }
            i += 1;
        }
        self.pos = i;
        finite(if neg { -value } else { value })
    }

    /// A literal string: borrowed up to its closing parenthesis when it holds no backslash.
    fn literal(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        let mut depth = 1usize;
        while let Some(&b) = self.data.get(self.pos) {
            match b {
                b'\\' => {
                    self.pos = start;
                    return Cow::Owned(self.escaped_literal());
                }
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return Cow::Borrowed(&self.data[start..self.pos - 1]);
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        Cow::Borrowed(&self.data[start..])
    }

    fn escaped_literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b'\\' => {
                    if let Some(c) = self.escape() {
                        out.push(c);
                    }
                    continue;
                }
                _ => {}
            }
            out.push(b);
        }
        out
    }

    /// The character after a backslash in a literal string (None for a line continuation).
    fn escape(&mut self) -> Option<u8> {
        let &b = self.data.get(self.pos)?;
        self.pos += 1;
        Some(match b {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'b' => 8,
            b'f' => 12,
            b'\r' => {
                if self.data.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                return None;
            }
            b'\n' => return None,
            b'0'..=b'7' => {
                let mut v = u32::from(b - b'0');
                for _ in 0..2 {
                    match self.data.get(self.pos) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                v as u8
            }
            other => other,
        })
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_digit(b) else { continue };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Skips an inline image's data after `ID`: up to `EI` standing between white space.
    fn skip_inline_image(&mut self) {
        self.pos += 1;
        let d = self.data;
        while self.pos + 2 <= d.len() {
            if d[self.pos] == b'E'
                && d[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(d[self.pos - 1])
                && d.get(self.pos + 2).is_none_or(|&b| is_white(b))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = d.len();
    }
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn hex_pair(p: &[u8]) -> Option<u8> {
    Some(hex_digit(p[0])? << 4 | hex_digit(p[1])?)
}

/// A PDF number, leniently: "--5", "5-" and "." read as far as they make sense (0 when nothing does).
pub fn parse_number(s: &[u8]) -> f32 {
    let mut neg = false;
    let mut i = 0;
    while i < s.len() && matches!(s[i], b'-' | b'+') {
        neg ^= s[i] == b'-';
        i += 1;
    }
    let mut value = 0f64;
    let mut scale = 0f64;
    for &b in &s[i..] {
        match b {
            b'0'..=b'9' if scale == 0.0 => value = value * 10.0 + f64::from(b - b'0'),
            b'0'..=b'9' => {
                value += f64::from(b - b'0') * scale;
                scale /= 10.0;
            }
            b'.' if scale == 0.0 => scale = 0.1,
            _ => break,
        }
    }
    finite(if neg { -value } else { value })
}

/// 0.1 divided by ten again and again, as [`parse_number`] divides it: the scale of each decimal
/// place, without a division per digit.
const SCALES: [f64; 24] = {
    let mut t = [0.1f64; 24];
    let mut i = 1;
    while i < t.len() {
        t[i] = t[i - 1] / 10.0;
        i += 1;
    }
    t
};

fn finite(v: f64) -> f32 {
    if v.is_finite() {
        v as f32
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(src: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(src, 10);
        let mut out = Vec::new();
        while let Step::Op(op) = lx.next_op() {
            out.push((String::from_utf8_lossy(op).into_owned(), lx.operands.clone()));
        }
        out
    }

    #[test]
    fn operators_with_operands() {
        let got = ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)\\101) Tj [<4E2D> -250 (x)] TJ ET");
        assert_eq!(got[1].0, "Tf");
        assert_eq!(got[1].1, vec![Operand::Name(Cow::Borrowed(b"F1")), Operand::Number(12.0)]);
        assert_eq!(got[2].1[5], Operand::Number(-0.5));
        assert_eq!(got[3].1, vec![Operand::Str(Cow::Borrowed(b"a(b)A"))]);
        assert_eq!(
            got[4].1,
            vec![Operand::Array(vec![
                Operand::Str(Cow::Owned(vec![0x4E, 0x2D])),
                Operand::Number(-250.0),
                Operand::Str(Cow::Borrowed(b"x"))
            ])]
        );
    }

    #[test]
    fn inline_image_is_skipped() {
        let got = ops(b"BI /W 1 /H 1 ID \x00EI\xffEI Q\nEI q");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BI", "ID", "q"]);
    }

    #[test]
    fn deep_nesting_stops() {
        let mut src = vec![b'['; 100];
        src.extend_from_slice(b" Tj");
        let mut lx = Lexer::new(&src, 10);
        assert_eq!(lx.next_op(), Step::TooDeep);
    }

    #[test]
    fn numbers_read_in_place_as_parse_number_reads_them() {
        for src in ["0.123456789012345678901234567", "-12.5", "+.5", "--5", "3.5.1", "1e5", ".", "-", "72.0001", "1-2"]
        {
            let mut lx = Lexer::new(src.as_bytes(), 10);
            let end = src.bytes().take_while(|&b| CLASS[usize::from(b)] == NUMERIC).count();
            assert_eq!(lx.number().to_bits(), parse_number(&src.as_bytes()[..end]).to_bits(), "{src}");
        }
    }

    #[test]
    fn lenient_numbers() {
        assert_eq!(parse_number(b"--5"), 5.0);
        assert_eq!(parse_number(b"3.5.1"), 3.5);
        assert_eq!(parse_number(b"."), 0.0);
    }
}
