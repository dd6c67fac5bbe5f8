//! The tokenizer of content streams and CMap programs (PDF 32000 §7.2, §7.8): numbers, names,
//! strings, arrays and dictionaries as operands, then an operator. lopdf parses the file's objects;
//! content streams are ours because a damaged one must still give up the text before the damage
//! (lopdf's content parser refuses the whole stream), and because the operator count and the
//! nesting depth are limits we check as we go.
//!
//! Reading an operator allocates nothing: names and strings are kept as the stream writes them
//! and decoded where they are used ([`Name::bytes`], [`PdfStr::bytes_in`]), and the items of
//! arrays and dictionaries are spans of one list the lexer reuses ([`Args::items`]). A page shows
//! thousands of strings, most of them hex, each an allocation when decoded as it was read.

use std::borrow::Cow;

/// An operand of a content-stream operator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand<'a> {
    Number(f32),
    Name(Name<'a>),
    /// A literal or hex string.
    Str(PdfStr<'a>),
    /// An array: its items are [`Args::items`] of the span.
    Array(Span),
    /// A dictionary: its keys and values alternate in [`Args::items`] of the span.
    Dict(Span),
    Bool(bool),
    Null,
}

impl Operand<'_> {
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// Where an array's or a dictionary's items are in the lexer's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: usize,
    len: usize,
}

/// A name as written (after the `/`), `#xx` escapes not yet resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Name<'a> {
    raw: &'a [u8],
    escaped: bool,
}

impl<'a> Name<'a> {
    /// The name's bytes, escapes resolved (borrowed from the stream when it has none).
    pub fn bytes(&self) -> Cow<'a, [u8]> {
        if !self.escaped {
            return Cow::Borrowed(self.raw);
        }
        let mut out = Vec::with_capacity(self.raw.len());
        let mut i = 0;
        while let Some(&b) = self.raw.get(i) {
            i += 1;
            if b == b'#' {
                if let Some(v) = self.raw.get(i..i + 2).and_then(hex_pair) {
                    out.push(v);
                    i += 2;
                    continue;
                }
            }
            out.push(b);
        }
        Cow::Owned(out)
    }
}

/// How a string operand is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A literal string without a backslash: its bytes as they stand.
    Plain,
    /// A literal string with escapes.
    Escaped,
    /// A hex string: the digits (and any white space) between `<` and `>`.
    Hex,
}

/// A string operand as written: the bytes between its delimiters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PdfStr<'a> {
    raw: &'a [u8],
    form: Form,
}

impl<'a> PdfStr<'a> {
    /// The string's bytes, escapes resolved: the stream's own bytes for a plain literal, else
    /// decoded into `buf` (cleared first).
    pub fn bytes_in<'b>(&self, buf: &'b mut Vec<u8>) -> &'b [u8]
    where
        'a: 'b,
    {
        if self.form == Form::Plain {
            return self.raw;
        }
        buf.clear();
        match self.form {
            Form::Hex => hex_into(self.raw, buf),
            _ => unescape_into(self.raw, buf),
        }
        buf
    }

    /// The bytes of a plain literal, or of a hex string of up to 32 bytes written as pairs of
    /// digits (a shown string, most of the time), decoded into `buf`; None for any other string.
    #[inline]
    pub fn short_bytes<'b>(&self, buf: &'b mut [u8; 32]) -> Option<&'b [u8]>
    where
        'a: 'b,
    {
        match self.form {
            Form::Plain => Some(self.raw),
            Form::Hex if self.raw.len() <= 64 && self.raw.len().is_multiple_of(2) => {
                let n = self.raw.len() / 2;
                for (slot, p) in buf.iter_mut().zip(self.raw.chunks_exact(2)) {
                    let (h, l) = (HEX[usize::from(p[0])], HEX[usize::from(p[1])]);
                    if (h | l) > 15 {
                        return None;
                    }
                    *slot = h << 4 | l;
                }
                Some(&buf[..n])
            }
            _ => None,
        }
    }

    /// The string's bytes, escapes resolved (borrowed when there are none).
    pub fn bytes(&self) -> Cow<'a, [u8]> {
        if self.form == Form::Plain {
            return Cow::Borrowed(self.raw);
        }
        let mut buf = Vec::new();
        self.bytes_in(&mut buf);
        Cow::Owned(buf)
    }
}

/// The operands of the last operator, with the items of their arrays and dictionaries.
#[derive(Clone, Copy)]
pub struct Args<'l, 'a> {
    pub list: &'l [Operand<'a>],
    items: &'l [Operand<'a>],
}

impl<'l, 'a> Args<'l, 'a> {
    pub fn get(&self, i: usize) -> Option<&'l Operand<'a>> {
        self.list.get(i)
    }

    pub fn first(&self) -> Option<&'l Operand<'a>> {
        self.list.first()
    }

    /// Operand `i` as a number, 0 when it is missing or not a number.
    pub fn num(&self, i: usize) -> f32 {
        match self.list.get(i) {
            Some(Operand::Number(n)) => *n,
            _ => 0.0,
        }
    }

    /// The items of an array (a dictionary's keys and values alternating), none for any other
    /// operand.
    pub fn items(&self, o: &Operand<'a>) -> &'l [Operand<'a>] {
        match o {
            Operand::Array(s) | Operand::Dict(s) => &self.items[s.start..s.start + s.len],
            _ => &[],
        }
    }

    /// A dictionary operand's value for `key`: its entries are the pairs up to the first whose
    /// key is not a name.
    pub fn lookup(&self, dict: &Operand<'a>, key: &[u8]) -> Option<&'l Operand<'a>> {
        let Operand::Dict(_) = dict else { return None };
        for pair in self.items(dict).chunks_exact(2) {
            let Operand::Name(k) = &pair[0] else { return None };
            if k.bytes().as_ref() == key {
                return Some(&pair[1]);
            }
        }
        None
    }
}

/// One step of the stream: an operator with its operands, or the end.
#[derive(Debug, PartialEq)]
pub enum Step<'a> {
    /// An operator (`Tj`, `cm`, `begincodespacerange`…); the operands are [`Lexer::args`].
    Op(&'a [u8]),
    /// Nesting deeper than the limit: the rest of the stream is not read.
    TooDeep,
    End,
}

/// An operator's bytes as one number, to match on: up to three bytes with the length (0 for a
/// longer keyword: no content-stream operator is one).
pub const fn op_code(op: &[u8]) -> u32 {
    match *op {
        [a] => a as u32 | 1 << 24,
        [a, b] => a as u32 | (b as u32) << 8 | 2 << 24,
        [a, b, c] => a as u32 | (b as u32) << 8 | (c as u32) << 16 | 3 << 24,
        _ => 0,
    }
}

/// The content-stream operators by their [`op_code`], named as written.
#[allow(non_upper_case_globals)]
pub mod op {
    use super::op_code;

    macro_rules! ops {
        ($($name:ident = $bytes:literal),* $(,)?) => {
            $(pub const $name: u32 = op_code($bytes);)*
        };
    }

    ops! {
        q = b"q", Q = b"Q", cm = b"cm", Do = b"Do", ID = b"ID", BDC = b"BDC", BMC = b"BMC", EMC = b"EMC",
        m = b"m", l = b"l", c = b"c", v = b"v", y = b"y", re = b"re", h = b"h",
        S = b"S", s = b"s", f = b"f", F = b"F", f_star = b"f*", B = b"B", B_star = b"B*", b = b"b",
        b_star = b"b*", n = b"n",
        BT = b"BT", Tf = b"Tf", Tc = b"Tc", Tw = b"Tw", Tz = b"Tz", TL = b"TL", Ts = b"Ts", Td = b"Td",
        TD = b"TD", Tm = b"Tm", T_star = b"T*", Tj = b"Tj", TJ = b"TJ", quote = b"'", dquote = b"\"",
    }
}

/// Most operands kept without an operator: more are dropped (a damaged stream, not a real one),
/// so memory stays bounded by the stream's size.
const MAX_OPERANDS: usize = 10_000;

/// Reads a stream operator by operator.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_depth: usize,
    /// The operands of the last operator returned.
    operands: Vec<Operand<'a>>,
    /// The items of their arrays and dictionaries (a nested collection's before its parent's).
    items: Vec<Operand<'a>>,
    /// The items of the collections being read.
    open: Vec<Operand<'a>>,
}

/// Byte classes (PDF 32000 §7.2.2), looked up once per byte.
const REGULAR: u8 = 0;
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
        Lexer { data, pos: 0, max_depth, operands: Vec::new(), items: Vec::new(), open: Vec::new() }
    }

    /// The operands of the last operator returned.
    pub fn args(&self) -> Args<'_, 'a> {
        Args { list: &self.operands, items: &self.items }
    }

    /// The next operator. Operands over [`MAX_OPERANDS`] without an operator are dropped.
    pub fn next_op(&mut self) -> Step<'a> {
        self.operands.clear();
        self.items.clear();
        let d = self.data;
        loop {
            let Some(&b) = d.get(self.pos) else { return Step::End };
            match CLASS[usize::from(b)] {
                WHITE => self.pos += 1,
                // Numbers are most of a page's tokens (path coordinates, positions).
                NUMERIC => {
                    let n = self.number();
                    self.push(Operand::Number(n), self.items.len());
                }
                REGULAR => {
                    let k = self.keyword();
                    match k {
                        b"true" => self.push(Operand::Bool(true), self.items.len()),
                        b"false" => self.push(Operand::Bool(false), self.items.len()),
                        b"null" => self.push(Operand::Null, self.items.len()),
                        b"ID" => {
                            self.skip_inline_image();
                            return Step::Op(b"ID");
                        }
                        _ => return Step::Op(k),
                    }
                }
                // Shown strings and names (font, marked content), read without a token's detour.
                _ if b == b'<' && d.get(self.pos + 1) != Some(&b'<') => {
                    self.pos += 1;
                    let s = self.hex();
                    self.push(Operand::Str(s), self.items.len());
                }
                _ if b == b'/' => {
                    self.pos += 1;
                    let n = self.name();
                    self.push(Operand::Name(n), self.items.len());
                }
                _ if b == b'(' => {
                    self.pos += 1;
                    let s = self.literal();
                    self.push(Operand::Str(s), self.items.len());
                }
                _ => {
                    let mark = self.items.len();
                    match self.token() {
                        Token::End => return Step::End,
                        Token::Keyword(k) => return Step::Op(k),
                        Token::Operand(o) => self.push(o, mark),
                        Token::Open(b) => match self.collection(b, 1) {
                            Some(o) => self.push(o, mark),
                            None => return Step::TooDeep,
                        },
                        Token::Close => {}
                    }
                }
            }
        }
    }

    /// Adds an operand whose items (if it is a collection) are `items[mark..]`. At
    /// [`MAX_OPERANDS`] the operands before it are dropped, with their items.
    #[inline(always)]
    fn push(&mut self, o: Operand<'a>, mark: usize) {
        if self.operands.len() < MAX_OPERANDS {
            self.operands.push(o);
            return;
        }
        self.drop_operands(o, mark);
    }

    fn drop_operands(&mut self, o: Operand<'a>, mark: usize) {
        self.operands.clear();
        self.items.drain(..mark);
        for item in &mut self.items {
            shift(item, mark);
        }
        let mut o = o;
        shift(&mut o, mark);
        self.operands.push(o);
    }

    /// An array (`[`) or dictionary (`<<`) up to its closing bracket; None when nested deeper
    /// than the limit.
    fn collection(&mut self, open: u8, depth: usize) -> Option<Operand<'a>> {
        if depth > self.max_depth {
            return None;
        }
        let base = self.open.len();
        loop {
            let item = match self.token() {
                Token::End | Token::Close => break,
                Token::Open(b) => self.collection(b, depth + 1)?,
                Token::Operand(o) => o,
                Token::Keyword(b"true") => Operand::Bool(true),
                Token::Keyword(b"false") => Operand::Bool(false),
                Token::Keyword(_) => Operand::Null,
            };
            self.open.push(item);
        }
        let span = Span { start: self.items.len(), len: self.open.len() - base };
        self.items.extend(self.open.drain(base..));
        Some(if open == b'[' { Operand::Array(span) } else { Operand::Dict(span) })
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
                Token::Operand(Operand::Str(self.hex()))
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
            _ => Token::Keyword(self.keyword()),
        }
    }

    /// The regular bytes from here: a keyword.
    fn keyword(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// A name: the regular bytes from here (`#xx` escapes are resolved by [`Name::bytes`]).
    fn name(&mut self) -> Name<'a> {
        let start = self.pos;
        let mut escaped = false;
        while let Some(&b) = self.data.get(self.pos) {
            if !is_regular(b) {
                break;
            }
            escaped |= b == b'#';
            self.pos += 1;
        }
        Name { raw: &self.data[start..self.pos], escaped }
    }

    /// A number token (every byte of `0-9 . + -` from here) read as [`parse_number`] reads it, in
    /// the same pass: the signs, the whole digits, a point and its digits, then the rest of the
    /// run (a second point or a sign ends the number). The same operations on the same values as
    /// parse_number, so the same bits.
    #[inline(always)]
    fn number(&mut self) -> f32 {
        let d = &self.data[self.pos..];
        let mut i = 0;
        let mut neg = false;
        while let Some(&s @ (b'-' | b'+')) = d.get(i) {
            neg ^= s == b'-';
            i += 1;
        }
        let mut value = 0f64;
        while let Some(digit) = d.get(i).map(|b| b.wrapping_sub(b'0')).filter(|&v| v <= 9) {
            value = value * 10.0 + f64::from(digit);
            i += 1;
        }
        if d.get(i) == Some(&b'.') {
            i += 1;
            let mut places = 0;
            while let Some(digit) = d.get(i).map(|b| b.wrapping_sub(b'0')).filter(|&v| v <= 9) {
                if places == SCALES.len() {
                    // Past the table: the scale goes on dividing (and may reach 0).
                    return self.long_fraction(neg, value, self.pos + i, SCALES[places - 1] / 10.0);
                }
                value += f64::from(digit) * SCALES[places];
                places += 1;
                i += 1;
            }
        }
        while d.get(i).is_some_and(|&b| CLASS[usize::from(b)] == NUMERIC) {
            i += 1;
        }
        self.pos += i;
        finite(if neg { -value } else { value })
    }

    /// The rest of a number from `i`, a fraction digit whose scale is `scale`: [`parse_number`]'s
    /// own loop, which reads digits as whole digits again once the scale has run down to 0, where
    /// a point starts a new fraction.
    fn long_fraction(&mut self, neg: bool, mut value: f64, mut i: usize, mut scale: f64) -> f32 {
        let d = self.data;
        let mut done = false;
        while i < d.len() && CLASS[usize::from(d[i])] == NUMERIC {
            if !done {
                match d[i] {
                    b @ b'0'..=b'9' if scale == 0.0 => value = value * 10.0 + f64::from(b - b'0'),
                    b @ b'0'..=b'9' => {
                        value += f64::from(b - b'0') * scale;
                        scale /= 10.0;
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

    /// A literal string, from after its `(` to its closing parenthesis (or the end of the data).
    fn literal(&mut self) -> PdfStr<'a> {
        let start = self.pos;
        let d = self.data;
        let (mut depth, mut form) = (1usize, Form::Plain);
        while let Some(&b) = d.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => {
                    // The escaped byte is never a delimiter of the string.
                    form = Form::Escaped;
                    self.pos += 1;
                }
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return PdfStr { raw: &d[start..self.pos - 1], form };
                    }
                }
                _ => {}
            }
        }
        self.pos = d.len();
        PdfStr { raw: &d[start..], form }
    }

    /// A hex string, from after its `<` to its `>` (or the end of the data).
    fn hex(&mut self) -> PdfStr<'a> {
        let rest = &self.data[self.pos..];
        // Short: a loop beats memchr's set-up.
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        self.pos += (end + 1).min(rest.len());
        PdfStr { raw: &rest[..end], form: Form::Hex }
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

/// A collection's span moved down by `by` (the items before it dropped).
fn shift(o: &mut Operand, by: usize) {
    if let Operand::Array(s) | Operand::Dict(s) = o {
        s.start -= by;
    }
}

/// A literal string's bytes with its escapes resolved (PDF 32000 §7.3.4.2).
fn unescape_into(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = raw.get(i) else { break };
        i += 1;
        out.push(match e {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'b' => 8,
            b'f' => 12,
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
                continue;
            }
            b'\n' => continue,
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match raw.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                v as u8
            }
            other => other,
        });
    }
}

/// A hex string's bytes: pairs of digits, anything else skipped, an odd last digit as if followed
/// by 0.
fn hex_into(raw: &[u8], out: &mut Vec<u8>) {
    out.reserve(raw.len() / 2 + 1);
    // Most hex strings are digits only: pairs, read in a straight loop.
    let mut pairs = raw.chunks_exact(2);
    for (i, p) in pairs.by_ref().enumerate() {
        let (h, l) = (HEX[usize::from(p[0])], HEX[usize::from(p[1])]);
        if (h | l) > 15 {
            return hex_slow(&raw[2 * i..], out);
        }
        out.push(h << 4 | l);
    }
    hex_slow(pairs.remainder(), out);
}

/// [`hex_into`] for a string with white space (or anything else) between its digits.
fn hex_slow(raw: &[u8], out: &mut Vec<u8>) {
    let mut high: Option<u8> = None;
    for &b in raw {
        let Some(v) = hex_digit(b) else { continue };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
}

/// Each byte's value as a hex digit, 0xFF for a byte that is not one.
static HEX: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

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

    /// An operand as a value the test can compare: numbers, names and strings decoded, arrays and
    /// dictionaries as their items.
    #[derive(Debug, PartialEq)]
    enum V {
        N(f32),
        Name(Vec<u8>),
        S(Vec<u8>),
        A(Vec<V>),
        D(Vec<V>),
        B(bool),
        Null,
    }

    fn value(args: Args, o: &Operand) -> V {
        match o {
            Operand::Number(n) => V::N(*n),
            Operand::Name(n) => V::Name(n.bytes().into_owned()),
            Operand::Str(s) => V::S(s.bytes().into_owned()),
            Operand::Array(_) => V::A(args.items(o).iter().map(|i| value(args, i)).collect()),
            Operand::Dict(_) => V::D(args.items(o).iter().map(|i| value(args, i)).collect()),
            Operand::Bool(b) => V::B(*b),
            Operand::Null => V::Null,
        }
    }

    fn ops(src: &[u8]) -> Vec<(String, Vec<V>)> {
        let mut lx = Lexer::new(src, 10);
        let mut out = Vec::new();
        while let Step::Op(op) = lx.next_op() {
            let args = lx.args();
            out.push((String::from_utf8_lossy(op).into_owned(), args.list.iter().map(|o| value(args, o)).collect()));
        }
        out
    }

    #[test]
    fn operators_with_operands() {
        let got = ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)\\101) Tj [<4E2D> -250 (x)] TJ ET");
        assert_eq!(got[1].0, "Tf");
        assert_eq!(got[1].1, vec![V::Name(b"F1".to_vec()), V::N(12.0)]);
        assert_eq!(got[2].1[5], V::N(-0.5));
        assert_eq!(got[3].1, vec![V::S(b"a(b)A".to_vec())]);
        assert_eq!(got[4].1, vec![V::A(vec![V::S(vec![0x4E, 0x2D]), V::N(-250.0), V::S(b"x".to_vec())])]);
    }

    #[test]
    fn strings_names_and_collections_as_written() {
        let got = ops(b"(a(b)c\\\r\nd\\0123\\q) <4 e2D 7> /A#20B#2 [[1] <</K /V#41 /L [2]>> true x] op (open\\");
        assert_eq!(got[0].1[0], V::S(b"a(b)cd\n3q".to_vec()));
        assert_eq!(got[0].1[1], V::S(vec![0x4E, 0x2D, 0x70]));
        assert_eq!(got[0].1[2], V::Name(b"A B#2".to_vec()));
        let nested =
            V::D(vec![V::Name(b"K".to_vec()), V::Name(b"VA".to_vec()), V::Name(b"L".to_vec()), V::A(vec![V::N(2.0)])]);
        assert_eq!(got[0].1[3], V::A(vec![V::A(vec![V::N(1.0)]), nested, V::B(true), V::Null]));
        let mut lx = Lexer::new(b"<</A 1 2 3 /B 4>> BDC (x\\", 10);
        assert_eq!(lx.next_op(), Step::Op(b"BDC"));
        let args = lx.args();
        assert_eq!(args.lookup(&args.list[0], b"A"), Some(&Operand::Number(1.0)));
        assert_eq!(args.lookup(&args.list[0], b"B"), None, "entries end at a key that is not a name");
        assert_eq!(lx.next_op(), Step::End);
        assert_eq!(value(lx.args(), &lx.args().list[0]), V::S(b"x".to_vec()));
    }

    #[test]
    fn operands_past_the_cap_are_dropped_with_their_items() {
        let mut src = Vec::new();
        for i in 0..MAX_OPERANDS + 5 {
            src.extend_from_slice(format!("[{i} [{i}]] ").as_bytes());
        }
        src.extend_from_slice(b"op");
        let got = ops(&src);
        assert_eq!(got[0].1.len(), 5);
        let n = (MAX_OPERANDS + 4) as f32;
        assert_eq!(got[0].1[4], V::A(vec![V::N(n), V::A(vec![V::N(n)])]));
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
        let long = format!("1.{}5.5", "0".repeat(400));
        let longer = format!("-.{}71.25-3", "3".repeat(500));
        for src in ["0.123456789012345678901234567", "-12.5", "+.5", "--5", "3.5.1", "1e5", ".", "-", "72.0001", "1-2"]
            .into_iter()
            .chain([long.as_str(), longer.as_str(), "3..5", "-0", "12345678901234567890123", "+-+7.5+"])
        {
            let mut lx = Lexer::new(src.as_bytes(), 10);
            let end = src.bytes().take_while(|&b| CLASS[usize::from(b)] == NUMERIC).count();
            assert_eq!(lx.number().to_bits(), parse_number(&src.as_bytes()[..end]).to_bits(), "{src}");
            assert_eq!(lx.pos, end, "{src}");
        }
    }

    #[test]
    fn lenient_numbers() {
        assert_eq!(parse_number(b"--5"), 5.0);
        assert_eq!(parse_number(b"3.5.1"), 3.5);
        assert_eq!(parse_number(b"."), 0.0);
    }
}
