//! Paragraph styles (styles.xml): a style may carry list numbering (w:numPr) and hidden text
//! (w:vanish), directly or through its w:basedOn chain.

use super::{attr, val, NameOf};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<usize>,
    hidden: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct Styles {
    paragraph: HashMap<String, Style>,
    character: HashMap<String, Style>,
    /// The style of a paragraph without w:pStyle (w:default="1").
    pub default_paragraph: Option<String>,
}

/// A chain longer than this is a loop or garbage.
const MAX_CHAIN: usize = 32;

impl Styles {
    pub fn parse(xml: &str) -> Styles {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        // (kind, id, style) of the style being read; rPr/pPr depth to tell run from paragraph props.
        let mut cur: Option<(String, String, Style)> = None;
        let mut in_rpr = false;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        "style" => {
                            if let Some((kind, id, st)) = cur.take() {
                                match kind.as_str() {
                                    "paragraph" => {
                                        styles.paragraph.insert(id, st);
                                    }
                                    "character" => {
                                        styles.character.insert(id, st);
                                    }
                                    _ => {}
                                }
                            }
                        }
                        "rPr" => in_rpr = false,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            match e.local() {
                "style" if !empty => {
                    let kind = attr(&e, "type").unwrap_or_else(|| "paragraph".into());
                    let id = attr(&e, "styleId").unwrap_or_default();
                    if kind == "paragraph" && matches!(attr(&e, "default").as_deref(), Some("1" | "true" | "on")) {
                        styles.default_paragraph = Some(id.clone());
                    }
                    cur = Some((kind, id, Style::default()));
                }
                "rPr" if !empty => in_rpr = true,
                name => {
                    let Some((_, _, st)) = cur.as_mut() else { continue };
                    match name {
                        "basedOn" => st.based_on = val(&e),
                        "numId" => st.num_id = val(&e).and_then(|v| v.trim().parse().ok()),
                        "ilvl" => st.ilvl = val(&e).and_then(|v| v.trim().parse().ok()),
                        "vanish" if in_rpr => {
                            st.hidden = Some(!matches!(val(&e).as_deref(), Some("0" | "false" | "off")))
                        }
                        _ => {}
                    }
                }
            }
        }
        styles
    }

    /// The numbering a paragraph style gives: (numId, ilvl), each from the nearest style in the
    /// w:basedOn chain that sets it.
    pub fn numbering(&self, id: &str) -> (Option<u32>, Option<usize>) {
        let (mut num, mut lvl) = (None, None);
        let mut cur = Some(id);
        for _ in 0..MAX_CHAIN {
            let Some(st) = cur.and_then(|i| self.paragraph.get(i)) else { break };
            num = num.or(st.num_id);
            lvl = lvl.or(st.ilvl);
            if num.is_some() && lvl.is_some() {
                break;
            }
            cur = st.based_on.as_deref();
        }
        (num, lvl)
    }

    /// Whether a character style hides its text.
    pub fn char_hidden(&self, id: &str) -> bool {
        let mut cur = Some(id);
        for _ in 0..MAX_CHAIN {
            let Some(st) = cur.and_then(|i| self.character.get(i)) else { break };
            if let Some(h) = st.hidden {
                return h;
            }
            cur = st.based_on.as_deref();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_comes_through_based_on() {
        let s = Styles::parse(
            r#"<w:styles xmlns:w="x">
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
            <w:style w:type="character" w:styleId="Hid"><w:rPr><w:vanish/></w:rPr></w:style>
            </w:styles>"#,
        );
        assert_eq!(s.default_paragraph.as_deref(), Some("Normal"));
        assert_eq!(s.numbering("H1"), (Some(4), None));
        assert_eq!(s.numbering("H1b"), (Some(4), Some(1)));
        assert_eq!(s.numbering("Loop"), (None, None));
        assert!(s.char_hidden("Hid"));
    }
}
