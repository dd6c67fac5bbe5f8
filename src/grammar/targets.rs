//! Targets. Stub until the grammar lands.
use super::Found;
use crate::model::Target;
pub fn scan_targets(_text: &str) -> Vec<Found<Target>> {
    Vec::new()
}
