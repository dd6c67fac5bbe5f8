//! Responsibility. Stub until the grammar lands.
use super::Found;
use crate::model::Responsibility;
#[derive(Debug, Clone, Default)]
pub struct RespRules {
    pub first_is_lead: bool,
}
pub fn scan_responsibility(_text: &str, _rules: &mut RespRules) -> Vec<Found<Responsibility>> {
    Vec::new()
}
pub fn merge(_found: &[Responsibility]) -> Option<Responsibility> {
    None
}
pub fn split_units(_cell: &str) -> Vec<String> {
    Vec::new()
}
