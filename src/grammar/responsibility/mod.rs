//! Responsibility statements (责任单位 / 牵头单位 / 配合单位): who is responsible for an item.
//!
//! The scanner walks the text once and tries a statement form at each starting point:
//! an opening bracket (bracketed form), a label such as 责任单位 (labelled form), or 由 (prose form).
//! The forms themselves are in [`forms`], unit splitting in [`units`], the word lists in
//! [`lexicon`] (data in `grammar/role_*.txt`).

mod forms;
mod lexicon;
mod units;

use crate::chars::is_paren_open;
use crate::grammar::Found;
use crate::model::{Responsibility, RoleBasis};
use forms::Parsed;
use lexicon::{first_is_lead_at, is_unit_sep, lexicon, says_lead, Role};

/// Rules stated once in a document that apply to every later statement, e.g. "列第一位者为牵头单位"
/// (the first unit listed is the lead) in a sentence of its own, or in a statement with 下同.
#[derive(Debug, Clone, Default)]
pub struct RespRules {
    pub first_is_lead: bool,
}

/// Every responsibility statement in an item's own text, in order, each with the byte range of the
/// whole statement (label, brackets and trailing 。 included) so the caller can cut it out of the
/// item text. Updates `rules` when a statement states a rule for the following items.
///
/// A rule clause inside a statement ("（A、B负责，列第一位者为牵头单位）") holds for every
/// statement of this text (the item); with 下同 also for the following items, until a statement
/// says the units are listed in no order. A rule in a sentence of its own holds from there on.
///
/// A statement that is part of a sentence (prose such as "……由市创建办负责，……") is reported with
/// an empty range (`start == end`, at the statement's start): it is not to be cut out. Prose
/// counts only where it says 牵头 or closes the text: elsewhere 由A负责 (由A会同B组织实施)
/// describes a duty rather than assigning the task.
pub fn scan_responsibility(text: &str, rules: &mut RespRules) -> Vec<Found<Responsibility>> {
    let found = statements(text);
    let mut rule_at = rule_sentences(text).into_iter().peekable();
    let local = found.iter().any(|(_, p)| p.rule.first_is_lead && !p.rule.onward);
    let mut out = Vec::with_capacity(found.len());
    for (i, p) in found {
        // A rule sentence counts from where it stands, unless it is a clause of a statement.
        while let Some(r) = rule_at.next_if(|&r| r < p.end) {
            if r < i {
                rules.first_is_lead = true;
            }
        }
        if p.rule.onward && p.rule.first_is_lead {
            rules.first_is_lead = true;
        }
        if p.rule.onward && p.rule.no_order {
            rules.first_is_lead = false;
        }
        let first_is_lead = (rules.first_is_lead || local) && !p.rule.no_order;
        let raw = text[i..p.end].trim().to_string();
        let end = if p.prose { i } else { p.end };
        out.push(Found { value: build(raw, p.units, first_is_lead), start: i, end });
    }
    if rule_at.next().is_some() {
        rules.first_is_lead = true;
    }
    out
}

/// The statements of a text with their start offsets, before the rules are applied.
fn statements(text: &str) -> Vec<(usize, Parsed)> {
    let lex = lexicon();
    let mut out = Vec::new();
    // Each character is decoded once; `resume` is where the scan goes on after a statement.
    let mut resume = 0;
    // Every form starts with a bracket, 由, or a label (boxed labels open with a bracket): other
    // characters are passed at once, most of them by the filter of `hits`.
    for (i, c) in lex.openers.hits(text) {
        if i < resume || !(is_paren_open(c) || c == '由' || lex.starts_label(c)) {
            continue;
        }
        let parsed = if is_paren_open(c) { forms::bracketed(text, i) } else { None }
            .or_else(|| forms::labelled(text, i).map(drop_cut_off))
            .or_else(|| if c == '由' { forms::prose(text, i) } else { None });
        let Some(p) = parsed.filter(|p| p.end > i && !p.units.is_empty()) else {
            continue;
        };
        if p.prose && !(p.says_lead || closes_text(text, p.end)) {
            continue;
        }
        resume = p.end;
        out.push((i, p));
    }
    out
}

/// A labelled list that runs to the end of the text loses a last name the text cut off
/// ("牵头单位:区商" where the page stops).
fn drop_cut_off(mut p: Parsed) -> Parsed {
    if p.open_end && p.units.last().is_some_and(|(u, _)| forms::cut_off(u)) {
        p.units.pop();
    }
    p
}

/// True when nothing but white space follows the sentence that holds `at`.
fn closes_text(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    match rest.find(['。', '！', '？', '!', '?']) {
        Some(k) => rest[k..].chars().skip(1).all(char::is_whitespace),
        None => true,
    }
}

/// Byte offsets of the rule phrases (列第一位…) in sentences (cut at 。 and line ends) that state
/// the first-is-lead rule.
fn rule_sentences(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    // A rule sentence holds 牵头: one search of the whole text spares testing every sentence.
    if !says_lead(text) {
        return out;
    }
    let mut from = 0;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '\n'))) {
        if matches!(c, '。' | '\n' | '\r') {
            if let Some(k) = first_is_lead_at(&text[from..i]) {
                out.push(from + k);
            }
            from = i + c.len_utf8();
        }
    }
    out
}

/// Pushes `u` unless it is already in `v`.
fn push_new(v: &mut Vec<String>, u: &str) {
    if !v.iter().any(|x| x == u) {
        v.push(u.to_string());
    }
}

/// One statement's units and roles as the output value. Roles count only where the statement
/// names a lead, or names supporters and nothing else; a statement with 指导 and 参与 but no
/// 牵头 does not say who leads. The first-is-lead rule fills in roles the statement leaves out.
fn build(raw: String, units: Vec<(String, Role)>, first_is_lead: bool) -> Responsibility {
    let mut r = Responsibility { raw, ..Responsibility::default() };
    let mut roles = Vec::new();
    for (u, role) in units {
        if !r.units.contains(&u) {
            r.units.push(u);
            roles.push(role);
        }
    }
    let has = |want: Role| roles.contains(&want);
    if has(Role::Lead) {
        for (u, role) in r.units.iter().zip(&roles) {
            match role {
                Role::Lead => r.lead.push(u.clone()),
                Role::Guide => {}
                _ => r.support.push(u.clone()),
            }
        }
    } else if has(Role::Support) && !has(Role::Any) && !has(Role::Guide) {
        // Only helpers named: all support. Beside a guiding unit (商务部指导，供销合作总社参与)
        // there is no lead to support, and the corpus convention leaves both empty.
        r.support = r.units.clone();
    } else if has(Role::Support) && has(Role::Any) {
        // "A负责，B配合" / "责任单位：A；配合单位：B": the text sets the ones who answer for the
        // task against the ones who help, so the first lead (a guiding unit is neither).
        for (u, role) in r.units.iter().zip(&roles) {
            match role {
                Role::Support => r.support.push(u.clone()),
                Role::Any => r.lead.push(u.clone()),
                _ => {}
            }
        }
    } else if !has(Role::Support) && first_is_lead {
        if let Some((first, rest)) = r.units.split_first() {
            r.lead = vec![first.clone()];
            r.support = rest.to_vec();
            r.roles = RoleBasis::Rule;
        }
        return r;
    }
    if !r.lead.is_empty() || !r.support.is_empty() {
        r.roles = RoleBasis::Stated;
    }
    r
}

/// Several statements of one item merged into one (units in order, without repeats).
pub fn merge(found: &[Responsibility]) -> Option<Responsibility> {
    if found.is_empty() {
        return None;
    }
    let mut m = Responsibility {
        raw: found.iter().map(|r| r.raw.as_str()).collect::<Vec<_>>().join(" "),
        ..Responsibility::default()
    };
    for r in found {
        r.units.iter().for_each(|u| push_new(&mut m.units, u));
        r.lead.iter().for_each(|u| push_new(&mut m.lead, u));
        // The strongest basis of the statements: one that states roles says them for the item.
        m.roles = m.roles.max(r.roles);
    }
    for r in found {
        for u in &r.support {
            if !m.lead.contains(u) {
                push_new(&mut m.support, u);
            }
        }
    }
    (!m.units.is_empty()).then_some(m)
}

/// A table cell of units (牵头单位 column, 配合单位 column) split into unit names.
pub fn split_units(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (_, piece) in units::split_top(cell, |c| is_unit_sep(c) || matches!(c, '\n' | '\r')) {
        let (name, _) = units::strip_unit(piece);
        if !name.is_empty() {
            push_new(&mut out, name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<Found<Responsibility>> {
        scan_responsibility(text, &mut RespRules::default())
    }

    fn merged(text: &str) -> Option<Responsibility> {
        let found: Vec<Responsibility> = scan(text).into_iter().map(|f| f.value).collect();
        merge(&found)
    }

    fn units(text: &str) -> Vec<String> {
        merged(text).map(|r| r.units).unwrap_or_default()
    }

    /// Found on unseen real plans (上海 燃气安全, 城市更新, 交通 task lists).
    #[test]
    fn role_phrases_of_task_lists() {
        let lu = |t: &str| {
            let r = merged(t).unwrap();
            (r.units, r.lead, r.support)
        };
        // Words that go with a role word (组织, 按职责, 抓好…) leave the name with it.
        assert_eq!(lu("（市住建委牵头负责，各区政府组织落实）").2, ["各区政府"]);
        assert_eq!(lu("（市住建委牵头负责，市民政局按职责组织配合）").2, ["市民政局"]);
        assert_eq!(lu("（市住建委牵头，各区政府组织实施）").2, ["各区政府"]);
        // 组织 stays where the name needs it.
        assert_eq!(lu("（各级党组织负责）").0, ["各级党组织"]);
        // The word that says lead or support decides: 协同推进 is support.
        assert_eq!(lu("（市住建委牵头，市财政局协同推进）").2, ["市财政局"]);
        // A role word inside a 、 list names the units before it.
        let (_, lead, support) = lu("（市住建委、市财政局牵头负责、各区政府组织落实）");
        assert_eq!(
            (lead, support),
            (vec!["市住建委".to_string(), "市财政局".to_string()], vec!["各区政府".to_string()])
        );
        // A deadline closing the statement names no unit.
        assert_eq!(lu("（市住建委牵头，市公安局配合，2025年6月底前完成）").0, ["市住建委", "市公安局"]);
        // More labels: 支撑单位, 主办/协办单位.
        assert_eq!(lu("（牵头单位：经开区、九里亭街道，支撑单位：区规划资源局）").2, ["区规划资源局"]);
        let (_, lead, support) = lu("（主办单位：区经委，协办单位：区财政局）");
        assert_eq!((lead, support), (vec!["区经委".to_string()], vec!["区财政局".to_string()]));
        // 负责 beside 配合 is the lead; 指导 is neither.
        let (_, lead, support) = lu("（区经委负责，区财政局配合）");
        assert_eq!((lead, support), (vec!["区经委".to_string()], vec!["区财政局".to_string()]));
        let (_, lead, support) = lu("（商务部指导，供销合作总社参与）");
        assert!(lead.is_empty() && support.is_empty());
        // Divisions (处) of a bureau are units; a sentence after the units ends the statement.
        assert_eq!(lu("（市质监处牵头）").1, ["市质监处"]);
        let (units, lead, _) =
            lu("（市局特种设备安全监察处牵头，各单位按职责分工负责，以下各项工作均需要各单位负责，不再单独列出）");
        assert_eq!(units, ["市局特种设备安全监察处", "各单位"]);
        assert_eq!(lead, ["市局特种设备安全监察处"]);
    }

    /// Found on unseen real plans (丽水 2023 重点工作责任分解, 东莞 实施意见).
    #[test]
    fn role_word_names_its_group_and_notes_are_not_names() {
        // A labelled list: the role word ends the 、-group back to the comma.
        let r = merged("责任单位：市财政局、市发改委牵头，市统计局、各县区配合").unwrap();
        assert_eq!(r.lead, ["市财政局", "市发改委"]);
        assert_eq!(r.support, ["市统计局", "各县区"]);
        // 分别牵头: each of them leads.
        let r = merged("责任单位：市人力社保局、市农业农村局分别牵头").unwrap();
        assert_eq!(r.units, ["市人力社保局", "市农业农村局"]);
        assert_eq!(r.lead, ["市人力社保局", "市农业农村局"]);
        // A bracketed remark closing the list is a note (stating the first-is-lead rule), not
        // part of the last name; short brackets stay in names.
        let mut rules = RespRules::default();
        let f = scan_responsibility("责任单位：市发改委、各县（市、区）政府、市卫生健康委（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）", &mut rules);
        assert_eq!(f[0].value.units, ["市发改委", "各县（市、区）政府", "市卫生健康委"]);
        assert!(rules.first_is_lead);
        // Traditional characters match the simplified lists.
        let r = merged("（市政府辦公室、市審改辦牽頭，市級各有關部門按職責分工負責）").unwrap();
        assert_eq!(r.units, ["市政府辦公室", "市審改辦", "市級各有關部門"]);
        assert_eq!(r.lead, ["市政府辦公室", "市審改辦"]);
    }

    #[test]
    fn line_after_item_in_flattened_text() {
        // 000: the statement is a line of its own, and the next item follows on the same line.
        let t = "各乡镇、各部门、各单位要分别召开创立工作部署会议。 责任单位。县委办、县政府办、县文明办、各乡镇、各单位。 2.大力开展创立省文明城市工作";
        let f = scan(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].value.units, ["县委办", "县政府办", "县文明办", "各乡镇", "各单位"]);
        assert_eq!(&t[f[0].start..f[0].end], "责任单位。县委办、县政府办、县文明办、各乡镇、各单位。");
    }

    #[test]
    fn runs_into_next_item_without_punctuation() {
        let t = "实现政务信息资源共享,政府网站运行正常。 责任单位。县委办、县政府办、县政务信息中心(6)建立党政领导接待群众来访制度";
        assert_eq!(units(t), ["县委办", "县政府办", "县政务信息中心"]);
        // The text stops inside a name (县纪委): a place prefix with a cut word is no unit.
        assert!(units("无乱摊派等行为。 责任单位。县纪").is_empty());
        assert!(units("增长6%左右。\n牵头单位:区商").is_empty());
        assert_eq!(units("责任单位:区发改委、区").len(), 1);
        // A last name that ends like an organ, or is longer than a prefix and a character, stays.
        assert_eq!(units("责任单位:县委办、县妇联"), ["县委办", "县妇联"]);
        assert_eq!(units("责任单位:县委办、县城管\n"), ["县委办", "县城管"]);
        assert_eq!(units("责任单位:县委办、县府\n"), ["县委办", "县府"]);
    }

    #[test]
    fn guangzhou_lead_support_brackets() {
        // 004: 配合单位 list mixes 、 and ，, and 各项目牵头单位 is a unit name.
        let t = "紧缺人才目录发布制度，定期向社会公布。（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）";
        let r = merged(t).unwrap();
        assert_eq!(r.units, ["市发展改革委", "市委组织部", "市人力资源和社会保障局", "各区", "县级市"]);
        assert_eq!(r.lead, ["市发展改革委"]);
        assert_eq!(r.support, ["市委组织部", "市人力资源和社会保障局", "各区", "县级市"]);
        let t = "各项目牵头单位对项目组织实施负总责。（牵头单位：市委组织部，配合单位：各项目牵头单位，各区、县级市）";
        let r = merged(t).unwrap();
        assert_eq!(r.units, ["市委组织部", "各项目牵头单位", "各区", "县级市"]);
        assert_eq!(r.lead, ["市委组织部"]);
        let r = merged("给予相应的项目资助。（牵头单位：市人力资源和社会保障局）").unwrap();
        assert_eq!(r.lead, ["市人力资源和社会保障局"]);
        assert!(r.support.is_empty());
    }

    #[test]
    fn ministries_with_guidance_brackets() {
        // 002: several brackets in one item; only the first says 牵头; 指导 is neither lead nor
        // support; the rule-like tail "以下均需……不再列出" is not a unit.
        let t = "建立综合管理制度（生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国家统计局参与）。\
                 编制实施方案（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）。\
                 建立指标体系（生态环境部、国家发展改革委、财政部指导）。";
        let r = merged(t).unwrap();
        assert_eq!(
            r.units,
            [
                "生态环境部",
                "国家发展改革委",
                "工业和信息化部",
                "住房城乡建设部",
                "农业农村部",
                "国家统计局",
                "试点城市政府",
                "财政部"
            ]
        );
        assert_eq!(r.lead, ["生态环境部"]);
        assert_eq!(r.support, ["国家发展改革委", "工业和信息化部", "住房城乡建设部", "农业农村部", "国家统计局"]);
        let r = merged("（商务部指导，供销合作总社参与）").unwrap();
        assert!(r.lead.is_empty() && r.support.is_empty());
    }

    #[test]
    fn line_with_etc_and_brackets_in_names() {
        // 030
        let t = "坚持“外防输入、内防反弹”。\n责任单位:市疫情防控指挥部办公室、市卫生健康委等,各县(市、区)政府(管委会)\n2.坚持必要的人员管控";
        assert_eq!(units(t), ["市疫情防控指挥部办公室", "市卫生健康委", "各县(市、区)政府(管委会)"]);
    }

    #[test]
    fn park_plan_brackets() {
        // 051
        let t = "打造一批标志性公园。（责任单位：市绿化市容局、市发展改革委、市财政局、市规划资源局、市住房城乡建设管理委、市生态环境局、各区政府）";
        let f = scan(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].value.units.len(), 7);
        assert_eq!(f[0].value.units[6], "各区政府");
        assert!(t[f[0].start..].starts_with('（') && f[0].end == t.len());
    }

    #[test]
    fn prose_statements() {
        // 023
        let t = "宣传单张、画报和宣传手册的设计制作由市创建办负责,宣传单张、画报、发放、张贴、维护工作由各镇街及相关部门负责。";
        let f = scan(t);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].start, f[0].end, "prose is not cut out");
        assert_eq!(units(t), ["市创建办", "各镇街及相关部门"]);
        // 037
        let t = "党政机关等公共机构生活垃圾分类推进由区机管局与区绿化市容局落实，其余单位生活垃圾分类推进由街镇（园区）牵头，区绿化市容局配合落实。";
        assert_eq!(units(t), ["区机管局", "区绿化市容局", "街镇（园区）"]);
    }

    #[test]
    fn truncated_bracket() {
        // 011: the text is cut off inside the bracket.
        let t = "实现“一套材料、一次填报”。(市行政审批服务局";
        assert_eq!(units(t), ["市行政审批服务局"]);
    }

    #[test]
    fn first_is_lead_rule_carries_on() {
        let mut rules = RespRules::default();
        let f = scan_responsibility("（教育部、财政部负责。列第一位者为牵头单位，下同）", &mut rules);
        assert_eq!(f[0].value.lead, ["教育部"]);
        assert!(rules.first_is_lead);
        let f = scan_responsibility("（民政部、财政部负责）", &mut rules);
        assert_eq!(f[0].value.lead, ["民政部"]);
        assert_eq!(f[0].value.support, ["财政部"]);
        // A rule stated in a sentence of its own.
        let mut rules = RespRules::default();
        let f = scan_responsibility("各项任务中列第一位的为牵头单位。（民政部、财政部负责）", &mut rules);
        assert_eq!(f[0].value.lead, ["民政部"]);
    }

    #[test]
    fn precision() {
        for t in [
            "（以下简称《方案》）",
            "（2023年5月-8月）",
            "关于印发XX县实施方案（试行）的通知",
            "成立领导小组，由县政府负责同志任组长。",
            "明确时间节点、责任领导、主要措施，各责任单位要尽快制定具体落实方案。",
            "主要责任单位要切实履行主职主责，主动对接其他责任单位。",
            "建立健全各级党委统一领导、组织部门牵头抓总、社会力量广泛参与的工作格局。",
            "由党委或政府主要负责同志担任领导小组组长。",
            "由联合采购办公室负责拟定采购文件。",
            "各项目牵头单位对项目组织实施负总责，会同配合单位于2012年10月底前牵头制定完成具体实施细则。",
        ] {
            assert!(scan(t).is_empty(), "{t}: {:?}", scan(t));
        }
    }

    #[test]
    fn list_stops_before_other_fields() {
        assert_eq!(units("责任单位：县委办、县政府办；完成时限：2023年6月底前。"), ["县委办", "县政府办"]);
    }

    #[test]
    fn table_cells() {
        assert_eq!(split_units("市发展改革委、市财政局\n各区政府等"), ["市发展改革委", "市财政局", "各区政府"]);
        assert_eq!(split_units("区发改委（牵头）、区财政局"), ["区发改委", "区财政局"]);
        assert!(split_units(" 、").is_empty());
    }

    #[test]
    fn main_and_other_labels() {
        let r = merged("主要责任单位：县发改局；其他责任单位：县财政局、县统计局").unwrap();
        assert_eq!(r.lead, ["县发改局"]);
        assert_eq!(r.support, ["县财政局", "县统计局"]);
        // Separated by a space, the two labels still make one lead/support pair.
        let r = merged("牵头单位：区发改局 配合单位：区财政局").unwrap();
        assert_eq!((r.lead, r.support), (vec!["区发改局".to_string()], vec!["区财政局".to_string()]));
        let r = merged("（责任单位：区发改局牵头，区财政局、区审计局配合）").unwrap();
        assert_eq!(r.lead, ["区发改局"]);
        assert_eq!(r.support, ["区财政局", "区审计局"]);
        // 县政协办 ends in 协办, which is no role word.
        assert_eq!(units("责任单位。县委办、县政协办、县纪委。"), ["县委办", "县政协办", "县纪委"]);
    }

    #[test]
    fn boxed_labels() {
        let r = merged("【牵头单位】县发改局【配合单位】县财政局、县统计局").unwrap();
        assert_eq!(r.lead, ["县发改局"]);
        assert_eq!(r.support, ["县财政局", "县统计局"]);
        assert_eq!(units("〔责任单位〕：县委办、县政府办。"), ["县委办", "县政府办"]);
        // A label spilled onto the next line.
        assert_eq!(units("责任单位：\n县委办、县政府办\n"), ["县委办", "县政府办"]);
    }

    #[test]
    fn table_cells_from_037() {
        assert_eq!(
            split_units("区委宣传部（区文明办、区政府新闻办、区委网信办）、\n区民政局"),
            ["区委宣传部（区文明办、区政府新闻办、区委网信办）", "区民政局"]
        );
    }

    proptest::proptest! {
        #[test]
        fn ranges_are_sound(t in "[责任单位牵头配合参与负责（）()〔〕、，,。：:由等县局1.2一 \n]{0,60}") {
            let found = scan(&t);
            let mut last = 0;
            for f in &found {
                proptest::prop_assert!(f.start >= last && f.start <= f.end && f.end <= t.len());
                proptest::prop_assert!(t.is_char_boundary(f.start) && t.is_char_boundary(f.end));
                proptest::prop_assert!(f.value.units.iter().all(|u| !u.is_empty()));
                last = f.end;
            }
            let _ = split_units(&t);
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "（",
            "责任单位：",
            "由",
            "（（（（",
            "责任单位。）",
            "牵头单位:配合单位:",
            "(1",
            "由（负责",
            "1.",
            "责任单位：A（",
        ] {
            let _ = scan(t);
        }
    }
}

#[cfg(test)]
mod perf {
    use super::*;

    /// Pathological texts stay fast: each starting point looks only a bounded way ahead.
    #[test]
    fn long_odd_texts() {
        for unit in ["（", "责任单位：县委办、", "由县委办", "一一一一", "（县委办牵头，", "        "]
        {
            let t = unit.repeat(20_000 / unit.chars().count());
            let start = std::time::Instant::now();
            let _ = scan_responsibility(&t, &mut RespRules::default());
            assert!(start.elapsed().as_secs() < 5, "{unit}: {:?}", start.elapsed());
        }
    }
}
