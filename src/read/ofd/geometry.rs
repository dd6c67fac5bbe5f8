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
        let v = s.map(numbers).unwrap_or_default();
        match v[..] {
            [a, b, c, d, e, f] => Matrix { a, b, c, d, e, f },
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
        let (x, y) = match boundary.map(numbers).as_deref() {
            Some([x, y, ..]) => (*x, *y),
            _ => (0.0, 0.0),
        };
        self.then_inner(&Matrix::translate(x, y)).then_inner(&Matrix::parse(ctm))
    }
}

/// The numbers of a space-separated list; anything that is not a finite number is skipped.
pub(crate) fn numbers(s: &str) -> Vec<f32> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|t| t.parse::<f32>().ok())
        .filter(|v| v.is_finite())
        .collect()
}

/// A box attribute ("x y w h").
pub(crate) fn rect(s: Option<&str>) -> Option<[f32; 4]> {
    match numbers(s?)[..] {
        [x, y, w, h, ..] => Some([x, y, w, h]),
        _ => None,
    }
}

/// A DeltaX/DeltaY list, with "g N v" standing for N copies of v; at most `max` values (a
/// hostile "g 4000000000 1" costs nothing).
pub(crate) fn deltas(s: &str, max: usize) -> Vec<f32> {
    let mut out = Vec::new();
    let mut tokens = s.split_whitespace();
    while out.len() < max {
        let Some(t) = tokens.next() else { break };
        if t == "g" {
            let n = tokens.next().and_then(|n| n.parse::<f64>().ok()).unwrap_or(0.0);
            let v = tokens.next().and_then(|v| v.parse::<f32>().ok()).filter(|v| v.is_finite()).unwrap_or(0.0);
            let n = if n.is_finite() && n > 0.0 { (n as usize).min(max - out.len()) } else { 0 };
            out.extend(std::iter::repeat_n(v, n));
        } else if let Some(v) = t.parse::<f32>().ok().filter(|v| v.is_finite()) {
            out.push(v);
        }
    }
    out
}

/// The straight segments of abbreviated path data (§9.3.2: S/M move, L line, Q/B/A curves, C
/// close), in the path's own coordinates. Curves move the pen but draw no segment: only straight
/// lines can be table borders. At most `max` segments.
pub(crate) fn segments(data: &str, max: usize) -> Vec<[f32; 4]> {
    let mut out = Vec::new();
    let mut tokens = Tokens { s: data, i: 0 };
    let (mut pen, mut start) = ((0.0f32, 0.0f32), (0.0f32, 0.0f32));
    while let Some(op) = tokens.op() {
        let args = match op {
            'S' | 'M' | 'L' => 2,
            'Q' => 4,
            'B' => 6,
            'A' => 7,
            _ => 0,
        };
        let Some(v) = tokens.numbers(args) else { break };
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

/// A tokenizer over path data: operator letters and numbers.
struct Tokens<'a> {
    s: &'a str,
    i: usize,
}

impl Tokens<'_> {
    fn skip_space(&mut self) {
        let rest = &self.s[self.i..];
        self.i += rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',').len();
    }

    /// The next operator, skipping anything else before it.
    fn op(&mut self) -> Option<char> {
        loop {
            self.skip_space();
            let c = self.s[self.i..].chars().next()?;
            self.i += c.len_utf8();
            if c.is_ascii_alphabetic() {
                return Some(c.to_ascii_uppercase());
            }
        }
    }

    /// `n` numbers, or None when the data ends or an operator comes first.
    fn numbers(&mut self, n: usize) -> Option<Vec<f32>> {
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            self.skip_space();
            let rest = &self.s[self.i..];
            let len = rest
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
                .unwrap_or(rest.len());
            // An 'e' may only be an exponent inside a number: "1e3", not the start of a token.
            let x = rest[..len].parse::<f32>().ok().filter(|x| x.is_finite())?;
            self.i += len;
            v.push(x);
        }
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_notation() {
        assert_eq!(deltas("g 3 5.5 2 g 2 1", 10), vec![5.5, 5.5, 5.5, 2.0, 1.0, 1.0]);
        assert_eq!(deltas("g 4000000000 1", 4), vec![1.0; 4]);
        assert_eq!(deltas("1 x 2 g", 10), vec![1.0, 2.0]);
    }

    #[test]
    fn path_segments() {
        let s = segments("S 0 0 L 156 0 C", 10);
        assert_eq!(s, vec![[0.0, 0.0, 156.0, 0.0], [156.0, 0.0, 0.0, 0.0]]);
        let s = segments("M 0 0 B 1 1 2 2 3 3 L 3 10 M 5 5 L 6 5", 10);
        assert_eq!(s, vec![[3.0, 3.0, 3.0, 10.0], [5.0, 5.0, 6.0, 5.0]]);
        assert!(segments("L L L 1", 10).is_empty());
    }

    #[test]
    fn placing() {
        let m = Matrix::IDENTITY.place(Some("10 20 5 5"), Some("2 0 0 2 1 1"));
        assert_eq!(m.apply(1.0, 1.0), (13.0, 23.0));
    }
}
