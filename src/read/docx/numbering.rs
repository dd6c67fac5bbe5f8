//! Word auto-numbering (numbering.xml): list definitions (w:abstractNum), list instances (w:num
//! with w:lvlOverride), and the counters that turn a paragraph's (numId, ilvl) into the label
//! Word shows ("一、", "（二）", "3.", "1.2").

use super::{attr, val, NameOf};
use crate::read::numfmt::NumFmt;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

/// What comes between the label and the text (w:suff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of a list definition (w:lvl).
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub start: u32,
    /// The number format (w:numFmt).
    pub format: NumFmt,
    /// The label pattern (w:lvlText) with %1…%9 standing for the level counters.
    pub text: String,
    pub suffix: Suffix,
    /// w:lvlRestart: restart after a use of level N (1-based); 0 never. None: after any higher level.
    pub restart: Option<u32>,
    /// w:isLgl: every number in the label shown as Arabic digits (legal numbering "1.1").
    pub legal: bool,
    /// w:pStyle: the paragraph style tied to this level.
    pub style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: NumFmt::Decimal,
            text: String::new(),
            suffix: Suffix::Tab,
            restart: None,
            legal: false,
            style: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; 9],
    /// w:numStyleLink: the levels live in the definition whose w:styleLink has this name.
    num_style_link: Option<String>,
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// Per level: w:startOverride and a whole replacement w:lvl.
    start_override: [Option<u32>; 9],
    level_override: [Option<Level>; 9],
}

/// The numbering definitions of a document.
#[derive(Debug, Clone, Default)]
pub struct Definitions {
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
}

impl Definitions {
    pub fn parse(xml: &str) -> Definitions {
        let mut defs = Definitions::default();
        let mut reader = Reader::from_str(xml);
        // Where we are: the definition or instance being read, and the level inside it.
        let mut cur_abs: Option<(u32, Abstract)> = None;
        let mut cur_num: Option<(u32, Num)> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        while let Ok(ev) = reader.read_event() {
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => {
                            if let Some((id, a)) = cur_abs.take() {
                                defs.abstracts.insert(id, a);
                            }
                        }
                        "num" => {
                            if let Some((id, n)) = cur_num.take() {
                                defs.nums.insert(id, n);
                            }
                        }
                        "lvlOverride" => override_level = None,
                        "lvl" => finish_level(&mut level, &mut cur_abs, &mut cur_num),
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match e.local() {
                "abstractNum" if !empty => {
                    let id = attr(e, "abstractNumId").and_then(|v| v.trim().parse().ok()).unwrap_or(u32::MAX);
                    cur_abs = Some((id, Abstract::default()));
                }
                "num" if !empty => {
                    let id = attr(e, "numId").and_then(|v| v.trim().parse().ok()).unwrap_or(u32::MAX);
                    cur_num = Some((id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, n)), Some(v)) = (cur_num.as_mut(), val(e).and_then(|v| v.trim().parse().ok())) {
                        n.abstract_id = v;
                    }
                }
                "lvlOverride" => override_level = attr(e, "ilvl").and_then(|v| v.trim().parse().ok()),
                "startOverride" => {
                    if let (Some((_, n)), Some(l)) = (cur_num.as_mut(), override_level) {
                        if l < 9 {
                            n.start_override[l] = val(e).and_then(|v| v.trim().parse().ok());
                        }
                    }
                }
                "numStyleLink" => {
                    if let Some((_, a)) = cur_abs.as_mut() {
                        a.num_style_link = val(e);
                    }
                }
                "styleLink" => {
                    if let Some((_, a)) = cur_abs.as_mut() {
                        a.style_link = val(e);
                    }
                }
                "lvl" => {
                    let ilvl = attr(e, "ilvl").and_then(|v| v.trim().parse().ok()).or(override_level).unwrap_or(0);
                    level = Some((ilvl, Level::default()));
                    if empty {
                        finish_level(&mut level, &mut cur_abs, &mut cur_num);
                    }
                }
                name => {
                    if let Some((_, l)) = level.as_mut() {
                        match name {
                            "start" => l.start = val(e).and_then(|v| v.trim().parse().ok()).unwrap_or(1),
                            "numFmt" => {
                                l.format = val(e).and_then(|v| NumFmt::from_name(&v)).unwrap_or(NumFmt::Decimal)
                            }
                            "lvlText" => l.text = val(e).unwrap_or_default(),
                            "suff" => {
                                l.suffix = match val(e).as_deref() {
                                    Some("space") => Suffix::Space,
                                    Some("nothing") => Suffix::Nothing,
                                    _ => Suffix::Tab,
                                }
                            }
                            "lvlRestart" => l.restart = val(e).and_then(|v| v.trim().parse().ok()),
                            "isLgl" => l.legal = on(e),
                            "pStyle" => l.style = val(e),
                            _ => {}
                        }
                    }
                }
            }
        }
        defs
    }

    /// The level definition a numbered paragraph uses, if any.
    pub fn level(&self, num_id: u32, ilvl: usize) -> Option<&Level> {
        let num = self.nums.get(&num_id)?;
        if let Some(l) = num.level_override.get(ilvl)?.as_ref() {
            return Some(l);
        }
        self.abstract_of(num.abstract_id)?.levels.get(ilvl)?.as_ref()
    }

    /// The definition, following a w:numStyleLink to the definition that holds the levels.
    fn abstract_of(&self, id: u32) -> Option<&Abstract> {
        let a = self.abstracts.get(&id)?;
        if let Some(link) = &a.num_style_link {
            if a.levels.iter().all(Option::is_none) {
                return self.abstracts.values().find(|b| b.style_link.as_deref() == Some(link.as_str())).or(Some(a));
            }
        }
        Some(a)
    }

    /// The level whose w:pStyle names this paragraph style (for a style numPr without w:ilvl).
    pub fn level_for_style(&self, num_id: u32, style: &str) -> Option<usize> {
        let num = self.nums.get(&num_id)?;
        let a = self.abstract_of(num.abstract_id)?;
        a.levels.iter().position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
    }
}

fn finish_level(level: &mut Option<(usize, Level)>, abs: &mut Option<(u32, Abstract)>, num: &mut Option<(u32, Num)>) {
    let Some((i, l)) = level.take() else { return };
    if i >= 9 {
        return;
    }
    if let Some((_, n)) = num.as_mut() {
        n.level_override[i] = Some(l);
    } else if let Some((_, a)) = abs.as_mut() {
        a.levels[i] = Some(l);
    }
}

/// A toggle property: present means on unless w:val says 0/false/off.
fn on(e: &quick_xml::events::BytesStart) -> bool {
    !matches!(val(e).as_deref(), Some("0" | "false" | "off"))
}

/// The running counters of every list while the body is read in order.
///
/// Instances (w:num) of one definition continue one list, and an instance with a
/// w:startOverride restarts that shared list where it is first used: later paragraphs of the
/// older instance go on from the restarted count. This is what LibreOffice shows for WPS
/// documents that restart a level by switching to a new numId (公文样章.wps: 1. 1. 2.).
#[derive(Debug, Default)]
pub struct Counter {
    /// Per definition: the counters of the nine levels and the start values in force.
    lists: HashMap<u32, List>,
    /// Instances already met (their start overrides have been applied).
    seen: std::collections::HashSet<u32>,
}

#[derive(Debug, Default, Clone, Copy)]
struct List {
    counters: [Option<u32>; 9],
    starts: [Option<u32>; 9],
}

impl Counter {
    /// Advances the list of (num_id, ilvl) and returns the label with its suffix, e.g. "一、" or
    /// "1.\t". Bullets and unknown lists give an empty label.
    pub fn next(&mut self, defs: &Definitions, num_id: u32, ilvl: usize) -> String {
        let ilvl = ilvl.min(8);
        let Some(num) = defs.nums.get(&num_id) else { return String::new() };
        let Some(level) = defs.level(num_id, ilvl) else { return String::new() };
        let list = self.lists.entry(num.abstract_id).or_default();
        if self.seen.insert(num_id) {
            for (l, s) in num.start_override.iter().enumerate() {
                if s.is_some() {
                    list.counters[l] = None;
                    list.starts[l] = *s;
                }
            }
        }
        let start_of = |list: &List, l: usize| -> u32 {
            list.starts[l].or_else(|| defs.level(num_id, l).map(|d| d.start)).unwrap_or(1)
        };
        list.counters[ilvl] = Some(match list.counters[ilvl] {
            Some(n) => n.saturating_add(1),
            None => start_of(list, ilvl),
        });
        for lower in ilvl + 1..9 {
            let restart = defs.level(num_id, lower).and_then(|l| l.restart);
            let reset = match restart {
                None => true,
                Some(0) => false,
                Some(r) => (ilvl as u32) < r,
            };
            if reset {
                list.counters[lower] = None;
            }
        }
        let list = *list;
        if level.format == NumFmt::Bullet
            || level.format == NumFmt::None && !level.text.contains('%') && level.text.is_empty()
        {
            return String::new();
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    if (1..=9).contains(&d) {
                        let l = d as usize - 1;
                        let n = list.counters[l].unwrap_or_else(|| start_of(&list, l));
                        let fmt = if level.legal && l != ilvl {
                            NumFmt::Decimal
                        } else {
                            defs.level(num_id, l).map_or(NumFmt::Decimal, |d| d.format)
                        };
                        label.push_str(&fmt.format(n));
                    }
                    continue;
                }
            }
            label.push(c);
        }
        if label.is_empty() {
            return label;
        }
        match level.suffix {
            Suffix::Tab => label.push('\t'),
            Suffix::Space => label.push(' '),
            Suffix::Nothing => {}
        }
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A counter in a w:numFmt named format (the name must be known).
    fn format_number(n: u32, name: &str) -> String {
        NumFmt::from_name(name).expect(name).format(n)
    }

    #[test]
    fn chinese_counting_as_word_writes_it() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(f(1), "一");
        assert_eq!(f(10), "十");
        assert_eq!(f(11), "十一");
        assert_eq!(f(20), "二十");
        assert_eq!(f(21), "二十一");
        assert_eq!(f(100), "一百");
        assert_eq!(f(105), "一百零五");
        assert_eq!(f(110), "一百一十");
        assert_eq!(f(1005), "一千零五");
        assert_eq!(format_number(11, "chineseLegalSimplified"), "壹拾壹");
    }

    #[test]
    fn other_formats() {
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(2, "ideographZodiac"), "丑");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(30, "decimalEnclosedCircle"), "30");
    }

    const XML: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn levels_restart_and_instances_share_a_list() {
        let d = Definitions::parse(XML);
        let mut c = Counter::default();
        assert_eq!(c.next(&d, 1, 0), "一、");
        assert_eq!(c.next(&d, 1, 1), "（一）");
        assert_eq!(c.next(&d, 1, 1), "（二）");
        assert_eq!(c.next(&d, 1, 2), "一.1\t");
        assert_eq!(c.next(&d, 2, 0), "二、");
        assert_eq!(c.next(&d, 1, 1), "（一）");
        assert_eq!(c.next(&d, 3, 0), "五、");
        // The older instance goes on from the restarted count.
        assert_eq!(c.next(&d, 1, 0), "六、");
        assert_eq!(c.next(&d, 9, 0), "");
    }
}
