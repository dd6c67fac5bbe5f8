//! PDF object syntax (PDF 32000 §7.3), read into lopdf's [`Object`] exactly as lopdf's own parser
//! reads it, for [`super::store`], which parses a file's objects when they are first needed
//! rather than all of them at load. lopdf's parser is written with nom combinators and costs
//! 40,000 instructions for a font dictionary with a /Widths array: these scanners are plain
//! loops over the bytes, about a tenth of that.
//!
//! Every rule here mirrors one of lopdf 0.47's `parser` module (named in each doc comment), so a
//! value reads the same either way; tests/pdf_store.rs checks it on every object of the PDF
//! fixtures. A parse that fails is not an error here: the store then leaves the file to lopdf's
//! loader, which decides what a damaged object becomes.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// lopdf's `MAX_NESTING_DEPTH` and `MAX_BRACKET`: arrays and dictionaries, and parentheses in a
/// literal string, nest at most this deep.
const MAX_DEPTH: usize = 100;

/// lopdf's `is_whitespace`.
pub const fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0 | 0x0C)
}

/// lopdf's `is_regular`: neither white space nor a delimiter.
fn is_regular(c: u8) -> bool {
    REGULAR[usize::from(c)]
}

/// [`is_regular`] for each byte.
const REGULAR: [bool; 256] = {
    let mut t = [true; 256];
    let special = b" \t\n\r\0\x0C()<>[]{}/%";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = false;
        i += 1;
    }
    t
};

/// A cursor over a file's bytes.
pub struct Cursor<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
    /// The members of the arrays being read, innermost last: an array is moved out of here into a
    /// vector of its exact length, not grown by doubling (a Chromium printout's Type3 fonts hold
    /// 250-entry /Widths and /Differences arrays of 120-byte objects, and the doubling and freeing
    /// were a quarter of reading them).
    stack: Vec<Object>,
}

impl<'a> Cursor<'a> {
    pub fn new(buf: &'a [u8], pos: usize) -> Self {
        Cursor { buf, pos, stack: Vec::new() }
    }

    /// A cursor that lends `stack` (empty) for its arrays' members: [`Cursor::into_stack`] gives it
    /// back, so a store reading many objects grows it once.
    pub fn with_stack(buf: &'a [u8], pos: usize, stack: Vec<Object>) -> Self {
        debug_assert!(stack.is_empty());
        Cursor { buf, pos, stack }
    }

    /// The lent stack, emptied.
    pub fn into_stack(mut self) -> Vec<Object> {
        self.stack.clear();
        self.stack
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Consumes `word` when the input starts with it.
    pub fn tag(&mut self, word: &[u8]) -> bool {
        let hit = self.buf[self.pos.min(self.buf.len())..].starts_with(word);
        if hit {
            self.pos += word.len();
        }
        hit
    }

    /// lopdf's `eol`: CR LF, LF or CR.
    pub fn eol(&mut self) -> bool {
        self.tag(b"\r\n") || self.tag(b"\n") || self.tag(b"\r")
    }

    /// lopdf's `space`: white space and comments (a comment counts only when a line end closes it).
    pub fn space(&mut self) {
        loop {
            while self.peek().is_some_and(is_white) {
                self.pos += 1;
            }
            if self.peek() != Some(b'%') {
                return;
            }
            let rest = &self.buf[self.pos..];
            let Some(end) = memchr::memchr2(b'\r', b'\n', rest) else { return };
            self.pos += end;
            self.eol();
        }
    }

    /// lopdf's `digit1` read as `unsigned_int`: a run of digits (consumed whole) whose value fits
    /// `u64`.
    pub fn digits(&mut self) -> Option<u64> {
        let start = self.pos;
        let mut value = Some(0u64);
        while let Some(c @ b'0'..=b'9') = self.peek() {
            value = value.and_then(|v| v.checked_mul(10)?.checked_add(u64::from(c - b'0')));
            self.pos += 1;
        }
        value.filter(|_| self.pos > start)
    }

    /// lopdf's `object_id`: two unsigned integers, each followed by space.
    pub fn object_id(&mut self) -> Option<ObjectId> {
        let number = u32::try_from(self.digits()?).ok()?;
        self.space();
        let generation = u16::try_from(self.digits()?).ok()?;
        self.space();
        Some((number, generation))
    }

    /// lopdf's `_direct_object`: a value and the space after it.
    pub fn object(&mut self, depth: usize) -> Option<Object> {
        if depth == 0 {
            return None;
        }
        let value = self.value(depth - 1)?;
        self.space();
        Some(value)
    }

    /// lopdf's `_direct_objects`: the first byte selects the kinds of value to try.
    pub fn value(&mut self, depth: usize) -> Option<Object> {
        match self.peek()? {
            b'n' => self.tag(b"null").then_some(Object::Null),
            b't' => self.tag(b"true").then_some(Object::Boolean(true)),
            b'f' => self.tag(b"false").then_some(Object::Boolean(false)),
            b'0'..=b'9' => self.unsigned(),
            b'+' | b'-' | b'.' => self.number(),
            b'/' => self.name().map(Object::Name),
            b'(' => self.literal(MAX_DEPTH).map(|s| Object::String(s, StringFormat::Literal)),
            b'<' => self.hex().or_else(|| self.dictionary(depth).map(Object::Dictionary)),
            b'[' => self.array(depth).map(Object::Array),
            _ => None,
        }
    }

    /// lopdf's `direct_object`: a value at the full depth and the space after it (a member of an
    /// object stream).
    pub fn direct_object(&mut self) -> Option<Object> {
        self.object(MAX_DEPTH)
    }

    /// A value at the top of an indirect object: lopdf's `dictionary` or `_direct_objects` at the
    /// full depth.
    pub fn top_value(&mut self) -> Option<Object> {
        self.value(MAX_DEPTH)
    }

    /// lopdf's `dictionary` at the full depth.
    pub fn top_dictionary(&mut self) -> Option<Dictionary> {
        self.dictionary(MAX_DEPTH)
    }

    /// What lopdf's `reference`, `real` and `integer` read, tried in that order, from a digit:
    /// the first run of digits is read once and decides which can match.
    fn unsigned(&mut self) -> Option<Object> {
        let start = self.pos;
        let first = self.digits();
        if self.peek() == Some(b'.') {
            self.pos = start;
            return self.number();
        }
        let after_first = self.pos;
        if let Some(number) = first.and_then(|n| u32::try_from(n).ok()) {
            self.space();
            let second = self.digits().and_then(|g| u16::try_from(g).ok());
            if let Some(generation) = second {
                self.space();
                if self.tag(b"R") {
                    return Some(Object::Reference((number, generation)));
                }
            }
        }
        self.pos = after_first;
        match first.map(i64::try_from) {
            Some(Ok(i)) => Some(Object::Integer(i)),
            _ => {
                self.pos = start;
                None
            }
        }
    }

    /// lopdf's `real`, else its `integer`.
    fn number(&mut self) -> Option<Object> {
        let start = self.pos;
        if let Some(r) = self.real() {
            return Some(Object::Real(r));
        }
        self.pos = start;
        let i = self.integer();
        if i.is_none() {
            self.pos = start;
        }
        i.map(Object::Integer)
    }

    /// lopdf's `sign`: whether a `-` was read.
    fn sign(&mut self) -> bool {
        if self.tag(b"-") {
            return true;
        }
        self.tag(b"+");
        false
    }

    fn integer(&mut self) -> Option<i64> {
        let negative = self.sign();
        let magnitude = self.digits()?;
        if negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
    }

    /// lopdf's `real`: digits with a point (`1.`, `.5`, `1.5`), and then digits and minus signs,
    /// which a minus inside the fraction (`0.00-41`) leaves out of the value.
    fn real(&mut self) -> Option<f32> {
        let start = self.pos;
        self.sign();
        let whole = self.run(|c| c.is_ascii_digit());
        if !self.tag(b".") {
            return None;
        }
        let fraction = self.run(|c| c.is_ascii_digit());
        if whole == 0 && fraction == 0 {
            return None;
        }
        let rest_start = self.pos;
        self.run(|c| c == b'-' || c.is_ascii_digit());
        let text = &self.buf[start..self.pos];
        let text = std::str::from_utf8(text).ok()?;
        if self.buf[rest_start..self.pos].contains(&b'-') {
            let (first, rest) = text.split_at(1);
            let digits: String = first.chars().chain(rest.chars().filter(|&c| c != '-')).collect();
            return digits.parse().ok();
        }
        text.parse().ok()
    }

    /// Consumes the bytes that satisfy `f`; how many.
    fn run(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// lopdf's `name`: `/` and regular characters, `#` with two hexadecimal digits standing for a
    /// byte (any other `#` ends the name).
    fn name(&mut self) -> Option<Vec<u8>> {
        if !self.tag(b"/") {
            return None;
        }
        let start = self.pos;
        self.run(|c| c != b'#' && is_regular(c));
        if self.peek() != Some(b'#') {
            return Some(self.buf[start..self.pos].to_vec());
        }
        let mut bytes = self.buf[start..self.pos].to_vec();
        loop {
            let start = self.pos;
            self.run(|c| c != b'#' && is_regular(c));
            bytes.extend_from_slice(&self.buf[start..self.pos]);
            let escape = self.buf.get(self.pos + 1..self.pos + 3).filter(|_| self.peek() == Some(b'#'));
            match escape.and_then(|h| Some(hex_value(h[0])? << 4 | hex_value(h[1])?)) {
                Some(byte) => {
                    bytes.push(byte);
                    self.pos += 3;
                }
                None => return Some(bytes),
            }
        }
    }

    /// lopdf's `literal_string`: balanced parentheses nested at most `depth` deep, escapes, and
    /// line ends read as LF.
    fn literal(&mut self, depth: usize) -> Option<Vec<u8>> {
        if !self.tag(b"(") {
            return None;
        }
        let mut out = Vec::new();
        loop {
            match self.peek()? {
                b')' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => self.escape(&mut out)?,
                b'\r' | b'\n' => {
                    self.eol();
                    out.push(b'\n');
                }
                b'(' => {
                    if depth == 0 {
                        return None;
                    }
                    let inner = self.literal(depth - 1)?;
                    out.push(b'(');
                    out.extend_from_slice(&inner);
                    out.push(b')');
                }
                _ => {
                    let start = self.pos;
                    self.run(|c| !matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'));
                    out.extend_from_slice(&self.buf[start..self.pos]);
                }
            }
        }
    }

    /// lopdf's `escape_sequence`, after `\`: one to three octal digits, a line end (nothing),
    /// n r t b f, or any other byte as itself.
    fn escape(&mut self, out: &mut Vec<u8>) -> Option<()> {
        self.pos += 1;
        let c = self.peek()?;
        if (b'0'..=b'7').contains(&c) {
            let mut value = 0u16;
            for _ in 0..3 {
                match self.peek() {
                    Some(d @ b'0'..=b'7') => {
                        value = value * 8 + u16::from(d - b'0');
                        self.pos += 1;
                    }
                    _ => break,
                }
            }
            out.push(value as u8);
            return Some(());
        }
        if self.eol() {
            return Some(());
        }
        self.pos += 1;
        out.push(match c {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'b' => 0x08,
            b'f' => 0x0C,
            other => other,
        });
        Some(())
    }

    /// lopdf's `hexadecimal_string`: hexadecimal digits between white space, an odd last digit
    /// read as the high half of a byte. The position is kept when it is not one.
    fn hex(&mut self) -> Option<Object> {
        let start = self.pos;
        self.pos += 1;
        let mut bytes = Vec::new();
        let mut high = true;
        loop {
            self.run(is_white);
            match self.peek().and_then(hex_value) {
                Some(v) if high => bytes.push(v << 4),
                Some(v) => *bytes.last_mut()? |= v,
                None => break,
            }
            self.pos += 1;
            high = !high;
        }
        if self.tag(b">") {
            return Some(Object::String(bytes, StringFormat::Hexadecimal));
        }
        self.pos = start;
        None
    }

    /// lopdf's `_dictionary`: `<<`, keys each with a value, `>>`; a repeated key keeps its first
    /// place and takes the last value.
    fn dictionary(&mut self, depth: usize) -> Option<Dictionary> {
        if !self.tag(b"<<") {
            return None;
        }
        self.space();
        let mut dict = Dictionary::new();
        while self.peek() == Some(b'/') {
            let key = self.name()?;
            self.space();
            let value = self.object(depth)?;
            dict.set(key, value);
        }
        self.tag(b">>").then_some(dict)
    }

    /// lopdf's `array`: `[`, values, `]`.
    fn array(&mut self, depth: usize) -> Option<Vec<Object>> {
        self.pos += 1;
        self.space();
        let base = self.stack.len();
        loop {
            if depth == 0 {
                return None;
            }
            if self.tag(b"]") {
                return Some(self.stack.drain(base..).collect());
            }
            let Some(item) = self.object(depth) else {
                self.stack.truncate(base);
                return None;
            };
            self.stack.push(item);
        }
    }
}

/// A plain member of an array read lean ([`Cursor::lean_font`]): what lopdf reads as an
/// Integer, a Real or a Name written without `#` escapes, the name as where the file spells it
/// (the range of its bytes: a lean font is kept by the store, which holds no borrows of its own).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    Int(i64),
    Real(f32),
    Name(u32, u32),
}

impl Item {
    /// The object lopdf reads for it from the file `buf`.
    pub fn object(self, buf: &[u8]) -> Object {
        match self {
            Item::Int(i) => Object::Integer(i),
            Item::Real(r) => Object::Real(r),
            Item::Name(from, to) => Object::Name(buf[from as usize..to as usize].to_vec()),
        }
    }
}

/// A font read lean and the file it was read from (whose bytes its names are).
#[derive(Debug, Clone, Copy)]
pub struct Lean<'a> {
    pub font: &'a LeanFont,
    pub buf: &'a [u8],
}

/// A font dictionary read with its two long arrays kept as items: a Chromium printout's Type3
/// fonts list 250 /Widths and 250 /Differences names each (show one or two of them), and made
/// into lopdf objects (a 120-byte object and an allocated name each) they were a third of
/// reading the file. `dict` is the dictionary as lopdf reads it without /Widths when `widths`
/// holds it, its /Encoding without /Differences when `differences` holds it.
#[derive(Debug)]
pub struct LeanFont {
    pub dict: Dictionary,
    pub widths: Option<Box<[Item]>>,
    pub differences: Option<Box<[Item]>>,
}

impl<'a> Cursor<'a> {
    /// lopdf's `dictionary` at the full depth, read as a [`LeanFont`]: /Widths, and /Differences
    /// in a direct /Encoding dictionary, are kept as items when they are arrays of plain members.
    /// None when anything else is met there (a reference, a `#` in a name, a comment, a repeated
    /// key), or when lopdf would not read the dictionary: the caller then reads it as any object.
    /// `scratch` is room for an array's items, lent so that each array is allocated once.
    pub fn lean_font(&mut self, scratch: &mut Vec<Item>) -> Option<LeanFont> {
        let mut font = LeanFont { dict: Dictionary::new(), widths: None, differences: None };
        let mut lean = (None, None, scratch);
        font.dict = self.lean_dictionary(MAX_DEPTH, true, &mut lean)?;
        (font.widths, font.differences) = (lean.0, lean.1);
        Some(font)
    }

    /// [`Cursor::dictionary`] with its /Widths (`top`) or /Differences (not `top`) array kept in
    /// `lean`, and at the top a direct /Encoding dictionary read the same way.
    fn lean_dictionary(&mut self, depth: usize, top: bool, lean: &mut LeanParts) -> Option<Dictionary> {
        if !self.tag(b"<<") {
            return None;
        }
        self.space();
        let mut dict = Dictionary::new();
        while self.peek() == Some(b'/') {
            let key = self.name()?;
            self.space();
            let slot = match (top, key.as_slice()) {
                (true, b"Widths") => Some(&mut lean.0),
                (false, b"Differences") => Some(&mut lean.1),
                _ => None,
            };
            let encoding = top && key == b"Encoding";
            if (slot.is_some() || encoding) && dict.has(&key) {
                return None;
            }
            let buf = self.buf;
            let rest = &buf[self.pos.min(buf.len())..];
            match slot {
                Some(slot) if rest.starts_with(b"[") => {
                    // lopdf's `_direct_object` at `depth`, then its `array` one level down.
                    if depth == 0 || slot.is_some() {
                        return None;
                    }
                    lean.2.clear();
                    self.items(depth - 1, lean.2)?;
                    *slot = Some(lean.2.as_slice().into());
                    self.space();
                    continue;
                }
                Some(slot) if slot.is_some() => return None,
                _ => {}
            }
            let value = if encoding && rest.starts_with(b"<<") {
                // `_direct_object`, whose `_direct_objects` tries a hex string first (never
                // one at `<<`), then the dictionary one level down.
                if depth == 0 {
                    return None;
                }
                let inner = self.lean_dictionary(depth - 1, false, lean)?;
                self.space();
                Object::Dictionary(inner)
            } else {
                self.object(depth)?
            };
            dict.set(key, value);
        }
        self.tag(b">>").then_some(dict)
    }

    /// lopdf's `array` at `depth` into `out` when its members are plain ([`Item`]) and no comment
    /// comes between them; None otherwise. An integer is a reference's first number when two
    /// numbers and `R` follow it: the number after it is read once, when looking for the `R`.
    fn items(&mut self, depth: usize, out: &mut Vec<Item>) -> Option<()> {
        if depth == 0 {
            return None;
        }
        let buf = self.buf;
        let mut pos = self.pos + 1;
        // The integer read while looking for an `R`: (start, end, value).
        let mut ahead: Option<(usize, usize, u64)> = None;
        loop {
            pos = skip_white(buf, pos);
            match *buf.get(pos)? {
                b']' => {
                    self.pos = pos + 1;
                    return Some(());
                }
                b'/' => {
                    let start = pos + 1;
                    pos = start;
                    while pos < buf.len() && CLASS[usize::from(buf[pos])] == NAME {
                        pos += 1;
                    }
                    if buf.get(pos) == Some(&b'#') {
                        return None;
                    }
                    out.push(Item::Name(u32::try_from(start).ok()?, u32::try_from(pos).ok()?));
                }
                b'0'..=b'9' => {
                    let (end, value) = match ahead.take() {
                        Some((start, end, value)) if start == pos => (end, value),
                        _ => digits_at(buf, pos)?,
                    };
                    if buf.get(end) == Some(&b'.') {
                        self.pos = pos;
                        out.push(number_item(self.number()?)?);
                        pos = self.pos;
                        continue;
                    }
                    let next = skip_white(buf, end);
                    if buf.get(next).is_some_and(u8::is_ascii_digit) {
                        let (after, second) = digits_at(buf, next)?;
                        if buf.get(skip_white(buf, after)) == Some(&b'R') {
                            return None;
                        }
                        ahead = Some((next, after, second));
                    }
                    out.push(Item::Int(i64::try_from(value).ok()?));
                    pos = end;
                }
                b'+' | b'-' | b'.' => {
                    self.pos = pos;
                    out.push(number_item(self.number()?)?);
                    pos = self.pos;
                }
                _ => return None,
            }
        }
    }
}

/// What [`Cursor::lean_dictionary`] keeps: /Widths, /Differences, and room for an array's items.
type LeanParts<'s> = (Option<Box<[Item]>>, Option<Box<[Item]>>, &'s mut Vec<Item>);

/// The position of the first byte from `pos` that is not white space.
fn skip_white(buf: &[u8], mut pos: usize) -> usize {
    while pos < buf.len() && CLASS[usize::from(buf[pos])] == WHITE {
        pos += 1;
    }
    pos
}

/// [`Cursor::digits`] at `pos`: where the run of digits ends and its value (None past `u64`).
fn digits_at(buf: &[u8], pos: usize) -> Option<(usize, u64)> {
    let mut value = 0u64;
    let mut end = pos;
    while end < buf.len() && buf[end].is_ascii_digit() {
        value = value.wrapping_mul(10).wrapping_add(u64::from(buf[end] - b'0'));
        end += 1;
    }
    // 19 digits always fit; longer runs are read again with overflow checked.
    if end - pos < 20 {
        return Some((end, value));
    }
    let mut value = 0u64;
    for &c in &buf[pos..end] {
        value = value.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    Some((end, value))
}

/// How [`Cursor::items`] sees a byte: white space, a byte a name goes on with (regular, not
/// `#`), or neither.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = if is_white(c as u8) {
            WHITE
        } else if REGULAR[c] && c != b'#' as usize {
            NAME
        } else {
            0
        };
        c += 1;
    }
    t
};
const WHITE: u8 = 1;
const NAME: u8 = 2;

/// An Integer or a Real read by [`Cursor::unsigned`] or [`Cursor::number`] as an item (a
/// reference is not one).
fn number_item(o: Object) -> Option<Item> {
    match o {
        Object::Integer(i) => Some(Item::Int(i)),
        Object::Real(r) => Some(Item::Real(r)),
        _ => None,
    }
}

/// The value of an ASCII hexadecimal digit.
pub fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Object> {
        Cursor::new(text.as_bytes(), 0).top_value()
    }

    #[test]
    fn numbers_references_and_names() {
        assert_eq!(format!("{:?}", read("12 0 R")), format!("{:?}", Some(Object::Reference((12, 0)))));
        assert_eq!(format!("{:?}", read("-.5")), format!("{:?}", Some(Object::Real(-0.5))));
        assert_eq!(format!("{:?}", read("0.00-41")), format!("{:?}", Some(Object::Real(0.0041))));
        assert_eq!(format!("{:?}", read("12 5")), format!("{:?}", Some(Object::Integer(12))));
        assert_eq!(format!("{:?}", read("/A#42C")), format!("{:?}", Some(Object::Name(b"ABC".to_vec()))));
    }

    #[test]
    fn strings_and_containers() {
        let s = read("(a\\101\\\nb\r\nc(d))").unwrap();
        assert_eq!(s.as_str().unwrap(), b"aAb\nc(d)");
        assert_eq!(read("<4 1 4>").unwrap().as_str().unwrap(), b"A@");
        let d = read("<< /K [1 2.5 /N] /K 3 >>").unwrap();
        assert_eq!(d.as_dict().unwrap().get(b"K").unwrap().as_i64().unwrap(), 3);
        assert!(read("<< /K >>").is_none());
        assert!(read("(open").is_none());
    }

    /// A lean font put back together ([`LeanFont`]'s items as objects).
    fn whole(font: &LeanFont, buf: &[u8]) -> Dictionary {
        let array = |items: &[Item]| Object::Array(items.iter().map(|i| i.object(buf)).collect());
        let mut dict = font.dict.clone();
        if let Some(w) = &font.widths {
            dict.set("Widths", array(w));
        }
        if let Some(d) = &font.differences {
            if let Ok(Object::Dictionary(e)) = dict.get_mut(b"Encoding") {
                e.set("Differences", array(d));
            }
        }
        dict
    }

    fn lean(text: &str) -> Option<Dictionary> {
        let font = Cursor::new(text.as_bytes(), 0).lean_font(&mut Vec::new())?;
        Some(whole(&font, text.as_bytes()))
    }

    #[test]
    fn lean_fonts_keep_plain_arrays_and_give_up_on_the_rest() {
        let d = "<< /Type /Font /Widths [250 0 -1 .5 1.5] /Encoding << /Differences [0 /g0 /g1 32 /space] >> >>";
        let font = Cursor::new(d.as_bytes(), 0).lean_font(&mut Vec::new()).unwrap();
        assert_eq!(font.widths.as_deref().map(<[Item]>::len), Some(5));
        assert_eq!(font.differences.as_deref().map(<[Item]>::len), Some(5));
        assert!(font.dict.get(b"Encoding").unwrap().as_dict().unwrap().get(b"Differences").is_err());
        for doubtful in [
            "<< /Widths [1 0 R] >>",
            "<< /Widths [1 0 5 R] >>",
            "<< /Widths [1 % a comment\n 2] >>",
            "<< /Widths [1 2] /Widths [3] >>",
            "<< /Widths 4 0 R /Widths [3] >>",
            "<< /Encoding << /Differences [0 /A#42] >> >>",
            "<< /Encoding << /Differences [0 (a)] >> >>",
            "<< /Widths [1 2 >>",
        ] {
            assert!(lean(doubtful).is_none(), "{doubtful}");
        }
    }

    /// Dictionaries made of random tokens read lean as [`Cursor::dictionary`] reads them, or not
    /// lean at all; never otherwise.
    #[test]
    fn lean_fonts_read_as_dictionaries() {
        const TOKENS: [&str; 30] = [
            "0",
            "12",
            "1.5",
            "-3",
            ".5",
            "+7",
            "1.",
            "0.00-41",
            "/g0",
            "/A#42",
            "/",
            "//",
            "/a#",
            "R",
            "%c\n",
            " ",
            "\n",
            "\r\n",
            "\0",
            "(s)",
            "<41>",
            "18446744073709551616",
            "9223372036854775808",
            "4294967296",
            "65536",
            " 0 R",
            "true",
            "[1 2]",
            "<< /K 1 >>",
            "12abc",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut read_lean, mut read) = (0, 0);
        for _ in 0..20_000 {
            let array = |next: &mut dyn FnMut(usize) -> usize| {
                let n = next(8);
                let tokens: Vec<&str> = (0..n).map(|_| TOKENS[next(TOKENS.len())]).collect();
                format!("[{}]", tokens.join(if next(3) == 0 { "" } else { " " }))
            };
            let widths = array(&mut next);
            let differences = array(&mut next);
            let text = match next(3) {
                0 => format!("<< /Widths {widths} /Encoding << /Differences {differences} >> >>"),
                1 => format!("<</FirstChar 0/Widths{widths}/Encoding<</Type/Encoding/Differences{differences}>>>>"),
                _ => format!("<< /Encoding << /Differences {differences} /BaseEncoding /WinAnsiEncoding >> /Widths {widths} /Widths [1] >>"),
            };
            let full = Cursor::new(text.as_bytes(), 0).top_dictionary();
            read += usize::from(full.is_some());
            if let Some(lean) = lean(&text) {
                assert_eq!(Some(lean), full, "{text}");
                read_lean += 1;
            }
        }
        assert!(read_lean > 1_000 && read > read_lean, "{read_lean} of {read} read lean");
    }
}
