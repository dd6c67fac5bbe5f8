//! One direction of one page, as the layout stage works on it: its lines outside tables and its
//! tables (a page with a rotated stamp or a landscape table has more than one view).

use super::lines::Line;
use super::tables::{Separator, Table};

/// One page's text in one direction, in that direction's upright frame.
#[derive(Debug, Clone)]
pub(crate) struct View {
    /// The 0-based page.
    pub page: u32,
    /// True for the page's main direction: the quarter turn that holds most of its text.
    pub main: bool,
    /// The frame's size.
    pub width: f32,
    pub height: f32,
    /// The lines outside tables, top to bottom.
    pub lines: Vec<Line>,
    /// The tables, top to bottom.
    pub tables: Vec<Table>,
    pub separators: Vec<Separator>,
}
