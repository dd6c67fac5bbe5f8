//! gongwen: Chinese government plan documents (实施方案, 工作方案, 行动方案, 工作要点,
//! 任务分解方案, 意见) to structured JSON.
#![forbid(unsafe_code)]

pub mod grammar;
pub mod head;
pub mod model;
pub mod clean;
pub mod error;
pub mod read;
