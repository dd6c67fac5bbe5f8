//! Text operators (PDF 32000 §9.3, §9.4): the text state, the text matrix, and each shown code
//! placed as a [`Glyph`] in top-left page coordinates (text matrix × CTM × the page's own
//! transform: crop box, /Rotate, y flipped).

use super::content::Interp;
use super::font::Shown;
use super::lexer::{op, Args, Operand};
use super::matrix::Matrix;
use crate::error::Error;
use crate::read::layout::Glyph;
use crate::read::layout::GlyphText;
use lopdf::Dictionary;
use std::rc::Rc;

impl<'a> Interp<'_, 'a> {
    pub fn text_op(&mut self, code: u32, args: Args, res: Option<&'a Dictionary>) -> Result<(), Error> {
        let n = |i: usize| args.num(i);
        match code {
            op::BT => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            op::Tf => {
                if let Some(Operand::Name(name)) = args.first() {
                    self.gs.font = Some(self.font(&name.bytes(), res)?);
                }
                self.gs.size = n(1);
            }
            op::Tc => self.gs.char_space = n(0),
            op::Tw => self.gs.word_space = n(0),
            op::Tz => self.gs.h_scale = n(0) / 100.0,
            op::TL => self.gs.leading = n(0),
            op::Ts => self.gs.rise = n(0),
            op::Td => self.next_line(n(0), n(1)),
            op::TD => {
                self.gs.leading = -n(1);
                self.next_line(n(0), n(1));
            }
            op::Tm => {
                let m: [f32; 6] = std::array::from_fn(n);
                if let Some(m) = Matrix::from_slice(&m) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            op::T_star => self.next_line(0.0, -self.gs.leading),
            op::Tj => self.show_operand(args.first()),
            op::quote => {
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(args.first());
            }
            op::dquote => {
                self.gs.word_space = n(0);
                self.gs.char_space = n(1);
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(args.get(2));
            }
            op::TJ => {
                if let Some(array @ Operand::Array(_)) = args.first() {
                    for item in args.items(array) {
                        match item {
                            Operand::Number(k) => self.kern(*k),
                            other => self.show_operand(Some(other)),
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).then(self.tlm);
        self.tm = self.tlm;
    }

    /// A TJ adjustment: thousandths of an em, moving left for positive numbers.
    fn kern(&mut self, k: f32) {
        let vertical = self.gs.font.as_ref().is_some_and(|(_, f)| f.vertical);
        let d = -k / 1000.0 * self.gs.size;
        let m = if vertical { Matrix::translate(0.0, d) } else { Matrix::translate(d * self.gs.h_scale, 0.0) };
        self.tm = m.then(self.tm);
    }

    fn show_operand(&mut self, o: Option<&Operand>) {
        let Some(Operand::Str(s)) = o else { return };
        // A short hex string is decoded on the stack, any other into a buffer kept for the page.
        let mut short = [0u8; 32];
        if let Some(bytes) = s.short_bytes(&mut short) {
            return self.show(bytes);
        }
        let mut buf = std::mem::take(&mut self.shown_bytes);
        self.show(s.bytes_in(&mut buf));
        self.shown_bytes = buf;
    }

    fn show(&mut self, bytes: &[u8]) {
        let (font_index, font) = match &self.gs.font {
            Some((i, f)) => (*i, Rc::clone(f)),
            None => (u32::MAX, self.fonts.unknown()),
        };
        let pdf = self.pdf;
        font.decode(pdf, bytes, |s| self.place(s, font_index, font.vertical));
    }

    /// Places one code's glyph and advances the text matrix past it.
    fn place(&mut self, s: Shown, font: u32, vertical: bool) {
        let gs = &self.gs;
        let size = gs.size;
        let spacing = gs.char_space + if s.space { gs.word_space } else { 0.0 };
        let trm = Matrix::new([size * gs.h_scale, 0.0, 0.0, size, 0.0, gs.rise]).then(self.tm).then(gs.ctm);
        if s.text.is_empty() {
            self.out.unmapped += 1;
        } else if size != 0.0 {
            let advance = if vertical { 1.0 } else { s.width };
            if let Some(g) = glyph(trm, advance, s.text, font) {
                self.out.glyphs.push(g);
            }
        }
        let step = if vertical {
            Matrix::translate(0.0, -(size + spacing))
        } else {
            Matrix::translate((s.width * size + spacing) * gs.h_scale, 0.0)
        };
        self.tm = step.then(self.tm);
    }
}

/// The glyph drawn by the text rendering matrix `trm` with `advance` (in em), with the direction
/// its text runs as its rotation — None when it is degenerate (a zero or non-finite size). The
/// box is given from the glyph's origin in page coordinates; [`super::page`] turns it into the
/// upright frame of its rotation.
fn glyph(trm: Matrix, advance: f32, text: GlyphText, font: u32) -> Option<Glyph> {
    let (ox, oy) = trm.apply(0.0, 0.0);
    let (ex, ey) = trm.apply(advance, 0.0);
    let (ux, uy) = trm.apply(0.0, 1.0);
    let em = ((ux - ox).powi(2) + (uy - oy).powi(2)).sqrt();
    // The direction the text runs: along the advance, or the matrix's x axis for a zero width.
    let (mut dx, mut dy) = (ex - ox, ey - oy);
    if dx.abs() + dy.abs() < 1e-3 {
        let (ax, ay) = trm.apply(1.0, 0.0);
        (dx, dy) = (ax - ox, ay - oy);
    }
    if !(em.is_finite() && ox.is_finite() && oy.is_finite() && em > 0.0) {
        return None;
    }
    let rotation = direction(dx, dy);
    let len = (dx * dx + dy * dy).sqrt() * if advance == 0.0 { 0.0 } else { 1.0 };
    Some(Glyph { text, x0: ox, x1: ox + len, top: oy - em, baseline: oy, size: em, font, rotation })
}

/// The direction a run of text goes, in whole degrees clockwise from left-to-right (y grows
/// downward on the page), as `layout::Glyph::rotation` takes it.
fn direction(dx: f32, dy: f32) -> u16 {
    if dx > 0.0 && dy.abs() < dx * 0.008 {
        return 0; // under half a degree: ordinary text, without the arc tangent
    }
    let deg = dy.atan2(dx).to_degrees().round() as i32;
    deg.rem_euclid(360) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions() {
        assert_eq!(direction(1.0, 0.0), 0);
        assert_eq!(direction(0.0, 1.0), 90);
        assert_eq!(direction(-1.0, 0.0), 180);
        assert_eq!(direction(0.0, -1.0), 270);
        assert_eq!(direction(1.0, -1.0), 315);
    }
}
