//! Affine matrices as PDF writes them (`[a b c d e f]`, row vectors: `[x y 1] × M`).

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    pub fn new(v: [f32; 6]) -> Matrix {
        Matrix { a: v[0], b: v[1], c: v[2], d: v[3], e: v[4], f: v[5] }
    }

    /// From six operands or array entries (None when there are not six finite numbers).
    pub fn from_slice(v: &[f32]) -> Option<Matrix> {
        let v: [f32; 6] = v.get(..6)?.try_into().ok()?;
        v.iter().all(|x| x.is_finite()).then(|| Matrix::new(v))
    }

    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix { e: x, f: y, ..Matrix::IDENTITY }
    }

    /// `self × other`: first self, then other.
    pub fn then(self, o: Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    pub fn apply(self, x: f32, y: f32) -> (f32, f32) {
        (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)
    }

    /// The area scale (|determinant|).
    pub fn area(self) -> f32 {
        (self.a * self.d - self.b * self.c).abs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_in_pdf_order() {
        let scale = Matrix::new([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let m = Matrix::translate(10.0, 5.0).then(scale);
        assert_eq!(m.apply(1.0, 1.0), (22.0, 12.0));
        assert_eq!(Matrix::from_slice(&[1.0, 0.0, 0.0, f32::NAN, 0.0, 0.0]), None);
    }
}
