//! OFD's numbers and geometry (GB/T 33190-2016 §7, §9, §11): number lists, the `g` repeat
//! notation of DeltaX/DeltaY, transformation matrices, and the abbreviated path data that draws
//! table borders. Coordinates are millimetres with y growing downward.

/// An affine transformation [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    /// A CTM attribute ("a b c d e f"); the identity when absent or malformed.
    pub fn parse(s: Option<&str>) -> Matrix {
        let mut v = [0.0; 6];
        match s.map(|s| first_numbers(s, &mut v)) {
            Some(6) => {
                let [a, b, c, d, e, f] = v;
                Matrix { a, b, c, d, e, f }
            }
            _ => Matrix::IDENTITY,
        }
    }

    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix { e: x, f: y, ..Matrix::IDENTITY }
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)
    }

    /// A vector through the linear part only.
    pub fn linear(&self, x: f32, y: f32) -> (f32, f32) {
        (self.a * x + self.c * y, self.b * x + self.d * y)
    }

    /// `self` applied after `inner`.
    pub fn then_inner(&self, inner: &Matrix) -> Matrix {
        let o = self;
        Matrix {
            a: o.a * inner.a + o.c * inner.b,
            b: o.b * inner.a + o.d * inner.b,
            c: o.a * inner.c + o.c * inner.d,
            d: o.b * inner.c + o.d * inner.d,
            e: o.a * inner.e + o.c * inner.f + o.e,
            f: o.b * inner.e + o.d * inner.f + o.f,
        }
    }

    /// The transformation of a graphic unit placed with `boundary` and `ctm` inside `self`: its
    /// own coordinates go through the CTM, then are offset by the boundary's origin (§8.3.2).
    pub fn place(&self, boundary: Option<&str>, ctm: Option<&str>) -> Matrix {
        let mut v = [0.0; 2];
        let (x, y) = match boundary.map(|s| leading_numbers(s, &mut v)) {
            Some(2) => (v[0], v[1]),
            _ => (0.0, 0.0),
        };
        self.then_inner(&Matrix::translate(x, y)).then_inner(&Matrix::parse(ctm))
    }
}

/// 10^k, exact in f32 up to 10^10.
const TEN: [f32; 8] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7];

/// `s.parse::<f32>().ok()`, quicker for the plain decimals OFD writes ("12.43", "-0.5", "3"): of
/// up to seven digits, such a number is m / 10^k with m and 10^k exact in f32, and one division
/// (correctly rounded, as IEEE 754 has it) gives the correctly rounded value the standard library
/// gives. Anything else is left to the standard library.
pub(crate) fn parse_f32(s: &str) -> Option<f32> {
    let b = s.as_bytes();
    let (negative, body) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    let mut quick = Quick::default();
    for &c in body {
        if !quick.take(c) {
            return s.parse().ok();
        }
    }
    quick.value(negative).or_else(|| s.parse().ok())
}

/// [`parse_f32`]'s quick reading, a byte at a time.
#[derive(Default)]
struct Quick {
    m: u32,
    digits: usize,
    decimals: Option<usize>,
}

impl Quick {
    /// Takes the next byte after the sign; false when the number is not plain.
    #[inline]
    fn take(&mut self, c: u8) -> bool {
        match c {
            b'0'..=b'9' if self.digits < 7 => {
                self.m = self.m * 10 + u32::from(c - b'0');
                self.digits += 1;
                self.decimals = self.decimals.map(|k| k + 1);
                true
            }
            b'.' if self.decimals.is_none() && self.digits > 0 => {
                self.decimals = Some(0);
                true
            }
            _ => false,
        }
    }

    /// The value of the bytes taken, when they are a plain decimal.
    #[inline]
    fn value(&self, negative: bool) -> Option<f32> {
        if self.digits == 0 {
            return None;
        }
        let v = self.m as f32 / TEN[self.decimals.unwrap_or(0)];
        Some(if negative { -v } else { v })
    }
}

/// Whether a character separates the numbers of a list.
fn separator(c: char) -> bool {
    c.is_whitespace() || c == ','
}

/// A list token's number: its value read while it was scanned, or else [`parse_f32`]'s; None
/// unless finite.
fn value((token, quick): (&str, Option<f32>)) -> Option<f32> {
    quick.or_else(|| parse_f32(token)).filter(|v| v.is_finite())
}

/// The first numbers of a space-separated list into `out`, as [`first_numbers`] reads them, and
/// how many were found: the rest of the list is not read.
pub(crate) fn leading_numbers(s: &str, out: &mut [f32]) -> usize {
    if out.is_empty() {
        return 0;
    }
    let (mut n, room) = (0, out.len());
    let mut fill = |t: (&str, Option<f32>)| {
        if let Some(v) = value(t) {
            out[n] = v;
            n += 1;
        }
        n < room
    };
    if s.is_ascii() {
        ascii_tokens(s, true).all(&mut fill);
    } else {
        s.split(separator).map(|t| (t, None)).all(&mut fill);
    }
    n
}

/// The numbers of a space-separated list (anything that is not a finite number is skipped): the
/// first ones into `out`, and how many there are in all.
pub(crate) fn first_numbers(s: &str, out: &mut [f32]) -> usize {
    let mut n = 0;
    let mut push = |t: (&str, Option<f32>)| {
        if let Some(v) = value(t) {
            if let Some(slot) = out.get_mut(n) {
                *slot = v;
            }
            n += 1;
        }
    };
    if s.is_ascii() {
        // The separators of an ASCII list by their bytes (tab to carriage return, space, comma).
        ascii_tokens(s, true).for_each(&mut push);
    } else {
        s.split(separator).map(|t| (t, None)).for_each(&mut push);
    }
    n
}

/// Whether a byte separates the tokens of an ASCII list: white space (tab to carriage return and
/// the space, what `char::is_whitespace` is in ASCII) and, with `commas`, a comma.
#[inline(always)]
fn gap(c: u8, commas: bool) -> bool {
    c == b' ' || (b'\t'..=b'\r').contains(&c) || (commas && c == b',')
}

/// The token of an ASCII list that starts at `i` when it is a plain decimal — `[-]digits[.digits]`
/// of seven digits at most, up to a gap or the end — its value as [`parse_f32`] reads it, and
/// where it ends; None for any other token. Two tight loops, before and after the point.
#[inline(always)]
fn plain_decimal(b: &[u8], i: usize, commas: bool) -> Option<(f32, usize)> {
    let negative = b.get(i) == Some(&b'-');
    let mut m = 0u32;
    let digits = |mut j: usize, m: &mut u32| {
        while let Some(d) = b.get(j).map(|c| c.wrapping_sub(b'0')).filter(|d| *d < 10) {
            *m = m.wrapping_mul(10).wrapping_add(u32::from(d));
            j += 1;
        }
        j
    };
    let from = i + usize::from(negative);
    let mut end = digits(from, &mut m);
    let whole = end - from;
    let mut decimals = 0;
    if whole > 0 && b.get(end) == Some(&b'.') {
        let point = end + 1;
        end = digits(point, &mut m);
        decimals = end - point;
    }
    if whole == 0 || whole + decimals > 7 || b.get(end).is_some_and(|&c| !gap(c, commas)) {
        return None;
    }
    let v = m as f32 / TEN[decimals];
    Some((if negative { -v } else { v }, end))
}

/// The tokens of an ASCII list, found by their bytes: the runs between gaps ([`gap`]). What
/// `split` on those characters gives, the empty pieces left out; each with its value when it is a
/// plain decimal ([`plain_decimal`]).
fn ascii_tokens(s: &str, commas: bool) -> AsciiTokens<'_> {
    AsciiTokens { s, i: 0, commas }
}

/// The iterator of [`ascii_tokens`].
struct AsciiTokens<'a> {
    s: &'a str,
    i: usize,
    commas: bool,
}

impl<'a> Iterator for AsciiTokens<'a> {
    type Item = (&'a str, Option<f32>);

    #[inline(always)]
    fn next(&mut self) -> Option<(&'a str, Option<f32>)> {
        let (b, commas) = (self.s.as_bytes(), self.commas);
        let mut i = self.i;
        while i < b.len() && gap(b[i], commas) {
            i += 1;
        }
        if i == b.len() {
            self.i = i;
            return None;
        }
        let start = i;
        if let Some((v, end)) = plain_decimal(b, i, commas) {
            self.i = end;
            return Some((&self.s[start..end], Some(v)));
        }
        while i < b.len() && !gap(b[i], commas) {
            i += 1;
        }
        self.i = i;
        Some((&self.s[start..i], None))
    }
}

/// A box attribute ("x y w h").
pub(crate) fn rect(s: Option<&str>) -> Option<[f32; 4]> {
    let mut v = [0.0; 4];
    (leading_numbers(s?, &mut v) == 4).then_some(v)
}

/// A DeltaX/DeltaY list, with "g N v" standing for N copies of v; at most `max` values (a
/// hostile "g 4000000000 1" costs nothing).
pub(crate) fn deltas(s: &str, max: usize, out: &mut Vec<f32>) {
    if !s.is_ascii() {
        return deltas_of(s.split_whitespace().map(|t| (t, None)), max, out);
    }
    // Plain decimals straight into the list; from the first other token (a "g") on, the tokens.
    let b = s.as_bytes();
    let mut i = 0;
    while out.len() < max {
        while i < b.len() && gap(b[i], false) {
            i += 1;
        }
        if i == b.len() {
            return;
        }
        match plain_decimal(b, i, false) {
            Some((v, end)) => {
                out.push(v);
                i = end;
            }
            None => return deltas_of(ascii_tokens(&s[i..], false), max, out),
        }
    }
}

/// [`deltas`] of the list's tokens.
fn deltas_of<'a>(mut tokens: impl Iterator<Item = (&'a str, Option<f32>)>, max: usize, out: &mut Vec<f32>) {
    while out.len() < max {
        let Some(t) = tokens.next() else { break };
        if t.0 == "g" {
            let n = tokens.next().and_then(|(n, _)| n.parse::<f64>().ok()).unwrap_or(0.0);
            let v = tokens.next().and_then(value).unwrap_or(0.0);
            let n = if n.is_finite() && n > 0.0 { (n as usize).min(max - out.len()) } else { 0 };
            out.extend(std::iter::repeat_n(v, n));
        } else if let Some(v) = value(t) {
            out.push(v);
        }
    }
}

/// The straight segments of abbreviated path data (§9.3.2: S/M move, L line, Q/B/A curves, C
/// close), in the path's own coordinates. Curves move the pen but draw no segment: only straight
/// lines can be table borders. At most `max` segments.
pub(crate) fn segments(data: &str, max: usize) -> Vec<[f32; 4]> {
    let mut out = Vec::new();
    let mut tokens = Tokens { s: data, i: 0 };
    let (mut pen, mut start) = ((0.0f32, 0.0f32), (0.0f32, 0.0f32));
    let mut v = [0.0f32; 7];
    while let Some(op) = tokens.op() {
        let args = match op {
            'S' | 'M' | 'L' => 2,
            'Q' => 4,
            'B' => 6,
            'A' => 7,
            _ => 0,
        };
        if tokens.numbers(args, &mut v).is_none() {
            break;
        }
        match op {
            'S' | 'M' => {
                pen = (v[0], v[1]);
                start = pen;
            }
            'L' => {
                out.push([pen.0, pen.1, v[0], v[1]]);
                pen = (v[0], v[1]);
            }
            'Q' | 'B' | 'A' => pen = (v[args - 2], v[args - 1]),
            'C' => {
                out.push([pen.0, pen.1, start.0, start.1]);
                pen = start;
            }
            _ => {}
        }
        if out.len() >= max {
            break;
        }
    }
    out.truncate(max);
    out
}

/// A tokenizer over path data: operator letters and numbers, read by their bytes (the data is
/// ASCII but for stray characters, which are skipped as before an operator or end the path as
/// before a number).
struct Tokens<'a> {
    s: &'a str,
    i: usize,
}

impl Tokens<'_> {
    /// Past white space (any Unicode white space, as `char::is_whitespace`) and commas.
    fn skip_space(&mut self) {
        let b = self.s.as_bytes();
        while let Some(&c) = b.get(self.i) {
            if gap(c, true) {
                self.i += 1;
            } else if c >= 0x80 {
                match self.s[self.i..].chars().next().filter(|c| c.is_whitespace()) {
                    Some(ws) => self.i += ws.len_utf8(),
                    None => return,
                }
            } else {
                return;
            }
        }
    }

    /// The next operator, skipping anything else before it (a byte that is not an ASCII letter
    /// never starts one, so non-ASCII characters are passed a byte at a time).
    fn op(&mut self) -> Option<char> {
        let b = self.s.as_bytes();
        let at = b[self.i..].iter().position(u8::is_ascii_alphabetic)?;
        self.i += at + 1;
        Some(char::from(b[self.i - 1].to_ascii_uppercase()))
    }

    /// `n` (at most 7) numbers into `out`, or None when the data ends or an operator comes first.
    fn numbers(&mut self, n: usize, out: &mut [f32; 7]) -> Option<()> {
        let b = self.s.as_bytes();
        for slot in out.iter_mut().take(n) {
            self.skip_space();
            if let Some((v, end)) = plain_decimal(b, self.i, true) {
                *slot = v;
                self.i = end;
                continue;
            }
            let len = b[self.i..]
                .iter()
                .position(|c| !(c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E')))
                .unwrap_or(b.len() - self.i);
            // An 'e' may only be an exponent inside a number: "1e3", not the start of a token.
            *slot = parse_f32(&self.s[self.i..self.i + len]).filter(|x| x.is_finite())?;
            self.i += len;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_standard_library_reads_them() {
        let mut cases: Vec<String> = [
            "",
            "-",
            ".",
            "-.",
            ".5",
            "5.",
            "-5.",
            "-0",
            "0",
            "-0.0",
            "+1",
            "1e3",
            "1.2.3",
            "12345678",
            "1234567",
            "0.1234567",
            "9999999",
            "99999999",
            "3.7041687965393066",
            "inf",
            "-inf",
            "NaN",
            " 1",
            "1 ",
            "0x1",
            "1,5",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every decimal of up to seven digits with the point anywhere, signed or not, on a sample.
        let mut n: u64 = 1;
        for _ in 0..200_000 {
            n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let digits = format!("{}", (n >> 33) % 10u64.pow(1 + (n >> 20) as u32 % 8));
            let point = (n >> 8) as usize % (digits.len() + 2);
            let mut t = digits.clone();
            if point <= digits.len() {
                t.insert(point, '.');
            }
            if n & 1 == 1 {
                t.insert(0, '-');
            }
            cases.push(t);
        }
        for t in &cases {
            let want = t.parse::<f32>().ok();
            assert_eq!(parse_f32(t).map(f32::to_bits), want.map(f32::to_bits), "{t:?}");
            // The value a list token is given as it is scanned.
            if !t.is_empty() && t.is_ascii() && !t.contains([' ', ',']) {
                let scanned = ascii_tokens(t, true).next().and_then(value);
                assert_eq!(scanned.map(f32::to_bits), want.filter(|v| v.is_finite()).map(f32::to_bits), "{t:?}");
            }
        }
        let mut v = [0.0; 2];
        assert_eq!(first_numbers("1, 2\u{3000}3 x 4", &mut v), 4);
        assert_eq!(v, [1.0, 2.0]);
        let mut w = [0.0; 2];
        assert_eq!(leading_numbers("7 x, 8\u{3000}3 4", &mut w), 2);
        assert_eq!(w, [7.0, 8.0]);
        assert_eq!(leading_numbers("5 x", &mut w), 1);
    }

    #[test]
    fn repeat_notation() {
        let list = |s: &str, max: usize| {
            let mut out = Vec::new();
            deltas(s, max, &mut out);
            out
        };
        assert_eq!(list("g 3 5.5 2 g 2 1", 10), vec![5.5, 5.5, 5.5, 2.0, 1.0, 1.0]);
        assert_eq!(list("g 4000000000 1", 4), vec![1.0; 4]);
        assert_eq!(list("1 x 2 g", 10), vec![1.0, 2.0]);
        assert_eq!(list("1\u{3000}2\u{a0}g 2 3", 10), vec![1.0, 2.0, 3.0, 3.0]);
        // Read straight or token by token, a list gives the same numbers.
        let words = ["3.88", "-1", "g", "2", "1e3", ".5", "12345678", "1234567", "5.", "-", "x", "1,5", "0.0000001"];
        let mut n: u64 = 0x853c_49e6_748f_ea9b;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..1 + n % 12 {
                n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(words[(n >> 33) as usize % words.len()]);
                s.push_str([" ", "  ", "\t", "\n "][(n >> 40) as usize % 4]);
            }
            let max = (n >> 50) as usize % 30;
            let mut by_tokens = Vec::new();
            deltas_of(ascii_tokens(&s, false), max, &mut by_tokens);
            assert_eq!(list(&s, max), by_tokens, "{s:?}");
        }
    }

    #[test]
    fn path_segments() {
        let s = segments("S 0 0 L 156 0 C", 10);
        assert_eq!(s, vec![[0.0, 0.0, 156.0, 0.0], [156.0, 0.0, 0.0, 0.0]]);
        let s = segments("M 0 0 B 1 1 2 2 3 3 L 3 10 M 5 5 L 6 5", 10);
        assert_eq!(s, vec![[3.0, 3.0, 3.0, 10.0], [5.0, 5.0, 6.0, 5.0]]);
        assert!(segments("L L L 1", 10).is_empty());
        // Numbers glued to the next operator, commas, exponents, Unicode white space before a
        // number; a stray non-ASCII character before an operator is skipped, before a number it
        // ends the path.
        let s = segments("M0,0L1e1 5L\u{3000}20 5C", 10);
        assert_eq!(s, vec![[0.0, 0.0, 10.0, 5.0], [10.0, 5.0, 20.0, 5.0], [20.0, 5.0, 0.0, 0.0]]);
        assert_eq!(segments("M 0 0 ×L 4 4", 10), vec![[0.0, 0.0, 4.0, 4.0]]);
        assert_eq!(segments("M 0 0 L 4 4 L 5 ×", 10), vec![[0.0, 0.0, 4.0, 4.0]]);
    }

    #[test]
    fn placing() {
        let m = Matrix::IDENTITY.place(Some("10 20 5 5"), Some("2 0 0 2 1 1"));
        assert_eq!(m.apply(1.0, 1.0), (13.0, 23.0));
    }
}
