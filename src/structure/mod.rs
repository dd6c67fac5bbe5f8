//! Structure: marker candidates → the item tree.

pub mod markers;
pub mod solve;
pub mod unnumbered;
