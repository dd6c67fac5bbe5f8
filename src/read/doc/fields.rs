//! Fields: `0x13 instruction 0x14 result 0x15`. Word shows the result, so the instruction is
//! dropped and the result kept; fields nest (a result or an instruction may hold fields).

/// Nesting deeper than this is not tracked (only counted), so memory stays bounded.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Default)]
pub struct Fields {
    /// One entry an open field: true once its separator (0x14) was seen.
    stack: Vec<bool>,
    /// Open fields still in their instruction part.
    in_instruction: usize,
    /// Fields opened beyond MAX_DEPTH.
    overflow: usize,
}

impl Fields {
    /// Feeds a field character; returns true when `c` was one (and so is not text).
    pub fn feed(&mut self, c: char) -> bool {
        match c {
            '\u{13}' => {
                if self.stack.len() < MAX_DEPTH {
                    self.stack.push(false);
                    self.in_instruction += 1;
                } else {
                    self.overflow += 1;
                }
                true
            }
            '\u{14}' => {
                if self.overflow == 0 {
                    if let Some(top) = self.stack.last_mut() {
                        if !*top {
                            *top = true;
                            self.in_instruction -= 1;
                        }
                    }
                }
                true
            }
            '\u{15}' => {
                if self.overflow > 0 {
                    self.overflow -= 1;
                } else if let Some(top) = self.stack.pop() {
                    if !top {
                        self.in_instruction -= 1;
                    }
                }
                true
            }
            _ => false,
        }
    }

    /// True while text is hidden: inside some field's instruction.
    pub fn hidden(&self) -> bool {
        self.in_instruction > 0 || self.overflow > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(s: &str) -> String {
        let mut f = Fields::default();
        s.chars().filter(|&c| !f.feed(c) && !f.hidden()).collect()
    }

    #[test]
    fn keeps_results_drops_instructions() {
        assert_eq!(visible("第\u{13} PAGE \u{14}3\u{15}页"), "第3页");
        assert_eq!(visible("a\u{13}IF \u{13}REF x\u{14}1\u{15} = 1 \u{14}yes\u{15}b"), "ayesb");
        assert_eq!(visible("a\u{13}HYPERLINK \"x\"\u{14}链接\u{13}P\u{14}2\u{15}\u{15}b"), "a链接2b");
        // A field without a separator shows nothing; an unbalanced end is ignored.
        assert_eq!(visible("a\u{13}TOC\u{15}b\u{15}c"), "abc");
    }
}
