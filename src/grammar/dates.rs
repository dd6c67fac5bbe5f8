//! Dates (日期/时限). Stub until the grammar lands.
use super::Found;
use crate::model::DateFact;

#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    pub year: Option<i32>,
}
pub fn scan_dates(_text: &str, _ctx: &DateContext) -> Vec<Found<DateFact>> {
    Vec::new()
}
pub fn parse_date(_text: &str, _ctx: &DateContext) -> Option<DateFact> {
    None
}
pub fn first_year(_text: &str) -> Option<i32> {
    None
}
