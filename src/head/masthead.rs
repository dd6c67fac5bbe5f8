//! The 发文机关标志 (masthead: the issuing organ's name + 文件, set in red above the 文号, GB/T
//! 9704 7.2.1) and what it settles about the issuers:
//! - a test copy prints a mark before the organ's name ("测试符路桥区卫生局"): no part of the name
//!   when what follows starts with the place the 文号's abbreviation starts with (路卫发);
//! - when the notice's heading names no issuer and the signature is the masthead organ's own office
//!   (路桥区卫生局办公室: the 印发机关 set where the 署名 goes), the issuer is the masthead's organ.

use super::organs::split_organs;
use super::Line;
use crate::chars::{is_han, strip_space};

/// How many of the first non-empty lines are looked at for the masthead.
const WINDOW: usize = 4;

/// The masthead's organ name ("XX市人民政府" of "XX市人民政府文件"), among the first lines before `end`.
pub fn find(text: &str, lines: &[Line], end: usize) -> Option<String> {
    lines
        .iter()
        .take_while(|l| l.start < end)
        .map(|l| strip_space(l.text(text)))
        .filter(|t| !t.is_empty())
        .take(WINDOW)
        .find_map(|t| {
            let name = t.strip_suffix("文件")?;
            split_organs(name).is_some().then(|| name.to_string())
        })
}

/// The marks a test copy prints before the organ's name.
const TEST_MARKS: &[&str] = &["测试符", "测试用", "測試符", "測試用", "测试", "測試"];

/// `name` without a test copy's mark in front (see the module doc): only when the rest starts
/// with the place its 文号's abbreviation starts with (路卫发 for 路桥区卫生局) and is an organ name.
pub fn unmarked(name: &str, doc_number: Option<&str>) -> String {
    let Some(place) = doc_number.and_then(|d| d.chars().next()).filter(|&c| is_han(c)) else {
        return name.to_string();
    };
    TEST_MARKS
        .iter()
        .find_map(|m| name.strip_prefix(m))
        .filter(|rest| rest.starts_with(place) && split_organs(rest).is_some())
        .map_or_else(|| name.to_string(), str::to_string)
}

/// The issuers once the masthead is taken into account (see the module doc). `from_heading`: the
/// issuers were read from the notice's heading, which names them as the document does.
pub fn settle(
    issuers: Vec<String>,
    masthead: Option<&str>,
    doc_number: Option<&str>,
    from_heading: bool,
) -> Vec<String> {
    let issuers: Vec<String> = issuers.iter().map(|i| unmarked(i, doc_number)).collect();
    let Some(organ) = masthead.map(|m| unmarked(m, doc_number)) else { return issuers };
    let own_office = |s: &String| {
        s.strip_prefix(organ.as_str()).is_some_and(|r| matches!(r, "办公室" | "辦公室" | "办公厅" | "辦公廳"))
    };
    if !from_heading && issuers.len() == 1 && own_office(&issuers[0]) {
        return vec![organ];
    }
    issuers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_before_the_place_the_doc_number_names_is_dropped() {
        assert_eq!(unmarked("测试符路桥区卫生局", Some("路卫发〔2011〕76号")), "路桥区卫生局");
        // Other prefixes, another place, or no 文号: the name stays as printed.
        assert_eq!(unmarked("北京市人民政府办公厅", Some("京政办发〔2016〕26号")), "北京市人民政府办公厅");
        assert_eq!(unmarked("湘西自治州人民政府", Some("州政发〔2020〕5号")), "湘西自治州人民政府");
        assert_eq!(unmarked("测试符路桥区卫生局", Some("台卫发〔2011〕1号")), "测试符路桥区卫生局");
        assert_eq!(unmarked("测试符路桥区卫生局", None), "测试符路桥区卫生局");
    }

    #[test]
    fn the_masthead_organ_issues_what_its_office_signs() {
        let text = "测试符路桥区卫生局文件\n路卫发〔2011〕76号\n关于同意张阿三同志辞职的批复\n";
        let lines = super::super::lines(text);
        let m = find(text, &lines, text.len());
        assert_eq!(m.as_deref(), Some("测试符路桥区卫生局"));
        let n = Some("路卫发〔2011〕76号");
        let signed = vec!["测试符路桥区卫生局办公室".to_string()];
        assert_eq!(settle(signed.clone(), m.as_deref(), n, false), ["路桥区卫生局"]);
        // Issuers named by the heading stay.
        assert_eq!(settle(signed, m.as_deref(), n, true), ["路桥区卫生局办公室"]);
        // Another organ's signature stays.
        let other = vec!["路桥区人民政府".to_string()];
        assert_eq!(settle(other, m.as_deref(), n, false), ["路桥区人民政府"]);
    }
}
