//! Head. Stub until it lands.
pub struct Head {
    pub title: Option<String>,
    pub notice: Option<crate::model::Notice>,
    pub attachment_list: Option<(usize, usize)>,
}
pub fn extract_head(_text: &str, _body_start: usize) -> Head {
    Head { title: None, notice: None, attachment_list: None }
}
