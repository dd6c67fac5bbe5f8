//! One name per unit: the key that lets a supervision office count one office as one office
//! across plans, however each plan writes it (县住房和城乡建设局 / 县住建局, 区人社局 / 区人力资源和
//! 社会保障局, a document's own "（以下简称“县创建办”）").
//!
//! A key is the place as written (市, 县, 甲县, 乙市…) followed by the full name of the office: the
//! short forms of grammar/unit_aliases.txt and the document's glossary are written out; traditional
//! characters are read as simplified. A name without a place takes the place of the document's
//! issuer when one is known; a bare level (县) takes the issuer's place of that level (甲县). Keys
//! never merge different places or levels (市发改委 ≠ 县发改局) or two offices (县委办 ≠ 县委): a
//! missed merge is better than a wrong one.

use std::collections::HashMap;

use super::data;
use crate::chars::{is_han, strip_space};
use crate::model::{Document, Item, Responsibility};

/// The levels a place name ends with (省 市 县 区 …), longest first.
const LEVELS: [&str; 12] = ["街道", "自治州", "自治县", "自治区", "新区", "省", "市", "县", "区", "州", "镇", "乡"];

/// Words that start with a level character and are no place (市场监管局, 乡村振兴局, 区域).
const WORDS_AT_LEVEL: [&str; 6] = ["市场", "区域", "县域", "乡村", "乡镇", "镇村"];

/// Words whose second character is a level and that end no place (城市管理局, 社区, 城乡). Not
/// 山区 or 城区: 宝山区 and 晋城市城区 are places.
const WORDS_ENDING_LEVEL: [&str; 3] = ["城市", "城乡", "社区"];

/// Starts of the names of national bodies, which take no issuer's place (国家医保局, 中国人民银行).
const NATIONAL: [&str; 5] = ["国家", "中国", "国务院", "中央", "全国"];

/// An office's own names pinned by the user (`--units-map` FILE.csv: alias,canonical), applied
/// before and after the rules: a name or a key listed as an alias gets the canonical key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnitsMap(HashMap<String, String>);

impl UnitsMap {
    /// Reads `alias,canonical` lines (a header line `alias,canonical` and blank lines are skipped;
    /// fields may be quoted as in CSV). Errors name the line.
    pub fn from_csv(text: &str) -> Result<UnitsMap, String> {
        let mut map = HashMap::new();
        for (n, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
            let fields: Vec<String> = line.split(',').map(|f| strip_space(f.trim().trim_matches('"'))).collect();
            match fields.as_slice() {
                [a, c] if a == "alias" && c == "canonical" => {}
                [a, c] if !a.is_empty() && !c.is_empty() => {
                    map.insert(simplified(a), c.clone());
                }
                [a] if a.is_empty() => {}
                _ => return Err(format!("line {}: expected alias,canonical", n + 1)),
            }
        }
        Ok(UnitsMap(map))
    }

    fn get(&self, k: &str) -> Option<&String> {
        self.0.get(k)
    }
}

/// What a key depends on besides the name.
#[derive(Debug, Clone, Default)]
pub struct KeyContext<'a> {
    /// The issuer's place, as its name starts ("甲县" of 甲县人民政府), when it has one.
    pub place: Option<String>,
    /// The document's own short forms: short → full (以下简称).
    pub glossary: HashMap<String, String>,
    /// The user's pinned names.
    pub pinned: Option<&'a UnitsMap>,
}

/// The key of one unit name (see the module doc).
pub fn unit_key(name: &str, cx: &KeyContext) -> String {
    let n = simplified(&strip_space(name));
    let n = n.strip_suffix('等').unwrap_or(&n).to_string();
    let pinned = |k: &str| cx.pinned.and_then(|m| m.get(k)).cloned();
    if let Some(k) = pinned(&n) {
        return k;
    }
    let n = cx.glossary.get(&n).map_or(n, |full| simplified(&strip_space(full)));
    let n = normal_form(&n);
    let (place, body) = split_place(&n);
    let body = full_body(body);
    let place = if place.is_empty() && is_national(&body) { place } else { resolve_place(place, cx.place.as_deref()) };
    let key = format!("{place}{body}");
    pinned(&key).unwrap_or(key)
}

/// The party prefix dropped (中共甲县委组织部 = 甲县委组织部) and the youth league written one way
/// (团县委 = 共青团县委 = 共青团甲县委员会 → 县团委).
fn normal_form(n: &str) -> String {
    let prefixes = ["中国共产党", "中共", "中华人民共和国"];
    let n = prefixes.iter().find_map(|p| n.strip_prefix(p)).filter(|r| r.chars().count() >= 2).unwrap_or(n);
    let league = n.strip_prefix("共青团").or_else(|| n.strip_prefix('团'));
    let committee = league.map(|r| r.strip_suffix("委员会").map_or(r.to_string(), |p| format!("{p}委")));
    match committee.as_deref().and_then(|c| c.strip_suffix('委')) {
        Some(place) if ends_with_level(place) && place.chars().all(is_han) => format!("{place}团委"),
        _ => n.to_string(),
    }
}

/// The full form of an office's name after its place: short forms written out (住建局 →
/// 住房和城乡建设局), 委员会… read as 委… (甲县委员会办公室 = 甲县委办公室), a party committee's
/// office after 委 (委编办 → 委机构编制委员会办公室), and 人民政府 before a government body's full
/// name dropped (市人民政府国有资产监督管理委员会 = 市国资委).
fn full_body(body: &str) -> String {
    if let Some(full) = national_full(body).filter(|_| NATIONAL.iter().any(|p| body.starts_with(p))) {
        return full;
    }
    let body = match body.strip_prefix("委员会") {
        Some(rest) if !rest.is_empty() => format!("委{rest}"),
        _ => body.to_string(),
    };
    if let Some(full) = full_form(&body) {
        return full.to_string();
    }
    if let Some(rest) = body.strip_prefix('委').filter(|r| r.chars().count() >= 2) {
        return format!("委{}", full_form(rest).unwrap_or(rest));
    }
    match body.strip_prefix("人民政府") {
        Some(rest) if is_full_form(rest) && !is_full_form(&body) => rest.to_string(),
        _ => body,
    }
}

/// A national body's name with a short form after its prefix (国务院国资委 → 国务院国有资产监督管理
/// 委员会), or the short form of the whole.
fn national_full(n: &str) -> Option<String> {
    if let Some(full) = full_form(n) {
        return Some(full.to_string());
    }
    if is_full_form(n) {
        return Some(n.to_string());
    }
    let prefix = NATIONAL.iter().find(|p| n.starts_with(*p))?;
    let rest = full_form(&n[prefix.len()..])?;
    Some(if rest.starts_with(prefix) { rest.to_string() } else { format!("{prefix}{rest}") })
}

/// A national body: its name starts with 国家/中国/国务院…, or it is a ministry (…部) of the list.
fn is_national(body: &str) -> bool {
    NATIONAL.iter().any(|p| body.starts_with(p)) || (body.ends_with('部') && is_full_form(body) && !body.contains('委'))
}

fn ends_with_level(place: &str) -> bool {
    LEVELS.iter().any(|l| place.ends_with(l))
}

/// Fills `unit_keys` of every responsibility of the document (items, table tasks, attachments).
pub fn key_document(doc: &mut Document, cx: &KeyContext) {
    // A plan names the same few offices on hundreds of items: each name is keyed once.
    let mut keys = Keys { cx, seen: HashMap::new() };
    keys.items(&mut doc.items);
    doc.table_tasks.iter_mut().filter_map(|t| t.responsible.as_mut()).for_each(|r| keys.fill(r));
    for a in &mut doc.attachments {
        keys.items(&mut a.items);
        a.table_tasks.iter_mut().filter_map(|t| t.responsible.as_mut()).for_each(|r| keys.fill(r));
    }
}

/// The keys of one document's names, remembered by name.
struct Keys<'a, 'm> {
    cx: &'a KeyContext<'m>,
    seen: HashMap<String, String>,
}

impl Keys<'_, '_> {
    fn items(&mut self, list: &mut [Item]) {
        for it in list {
            if let Some(r) = it.responsible.as_mut() {
                self.fill(r);
            }
            self.items(&mut it.children);
        }
    }

    fn fill(&mut self, r: &mut Responsibility) {
        let cx = self.cx;
        r.unit_keys =
            r.units.iter().map(|u| self.seen.entry(u.clone()).or_insert_with(|| unit_key(u, cx)).clone()).collect();
    }
}

/// The issuer's place: the start of its name up to its level ("甲县人民政府" → "甲县"), or the
/// whole name when it is a place ("广州市"); of several issuers (A、B), the first.
pub fn issuer_place(issuer: &str) -> Option<String> {
    let n = simplified(&strip_space(issuer));
    let n = normal_form(n.split('、').next().unwrap_or(""));
    if ends_with_level(&n) && n.chars().all(is_han) && n.chars().count() >= 2 {
        return Some(n);
    }
    let (place, _) = split_place(&n);
    (!place.is_empty()).then(|| place.to_string())
}

/// A name's place and the rest: the longest start ending with a level (县, 甲县, 上海市崇明区…)
/// whose rest is an office, unless the whole name is itself a known office (市场监管局 has no
/// place) or a known office follows a shorter place (市 + 城市管理局). A level inside a word
/// (城市, 社区, 市场) ends no place.
fn split_place(n: &str) -> (&str, &str) {
    if full_form(n).is_some() || is_full_form(n) || NATIONAL.iter().any(|p| n.starts_with(p)) {
        return ("", n);
    }
    let known = |b: &str| full_form(b).is_some() || is_full_form(b);
    let mut last = None;
    let mut prev: Option<char> = None;
    for (i, c) in n.char_indices().take(16) {
        let rest = &n[i..];
        let level = LEVELS.iter().find(|l| rest.starts_with(*l));
        let inside_word = prev.is_some_and(|p| {
            WORDS_ENDING_LEVEL.iter().any(|w| w.starts_with(p) && rest.starts_with(&w[p.len_utf8()..]))
        });
        prev = Some(c);
        let Some(level) = level.filter(|_| !inside_word && !WORDS_AT_LEVEL.iter().any(|w| rest.starts_with(w))) else {
            continue;
        };
        let at = i + level.len();
        let (place, body) = (&n[..at], &n[at..]);
        if !place.chars().all(is_han) {
            continue;
        }
        if known(body) {
            return (place, body);
        }
        if !is_office(body) {
            continue;
        }
        last = Some((place, body));
    }
    last.unwrap_or(("", n))
}

/// What may follow a place: two characters or more that do not start another place (甲 + 县住建局
/// is no split), or 委 alone (县委).
fn is_office(body: &str) -> bool {
    let starts_place =
        LEVELS.iter().any(|l| body.starts_with(l)) && !WORDS_AT_LEVEL.iter().any(|w| body.starts_with(w));
    body == "委" || (body.chars().count() >= 2 && !starts_place)
}

/// A bare level, or a shorter form of the issuer's place (崇明区 of 上海市崇明区), takes the
/// issuer's place; no place takes the issuer's place.
fn resolve_place<'a>(place: &'a str, issuer: Option<&'a str>) -> &'a str {
    let Some(ip) = issuer else { return place };
    if place.is_empty() || (LEVELS.contains(&place) && ip.ends_with(place)) {
        return ip;
    }
    // 雄安新区 of 河北雄安新区, or 重庆市渝中区 in a document of 渝中区: one place named at two
    // lengths (two characters or more) is keyed as the issuer names it.
    let names_the_same = |short: &str, long: &str| short.chars().count() >= 2 && long.ends_with(short);
    if names_the_same(place, ip) || names_the_same(ip, place) {
        return ip;
    }
    place
}

/// The full form of a short form (住建局 → 住房和城乡建设局).
fn full_form(body: &str) -> Option<&'static str> {
    data::unit_alias(body)
}

/// True when `body` is the full form of some short form.
fn is_full_form(body: &str) -> bool {
    data::is_alias_target(body)
}

/// Traditional characters read as simplified (縣 → 县), by the character table of the grammar.
fn simplified(s: &str) -> String {
    data::simplified_text(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        unit_key(name, &KeyContext::default())
    }

    fn key_in(name: &str, issuer: &str) -> String {
        unit_key(name, &KeyContext { place: issuer_place(issuer), ..KeyContext::default() })
    }

    #[test]
    fn short_and_full_forms_meet() {
        assert_eq!(key("县住建局"), key("县住房和城乡建设局"));
        assert_eq!(key("区人社局"), key("区人力资源和社会保障局"));
        assert_eq!(key("市发展改革委"), key("市发改委"));
        assert_eq!(key("縣住建局"), key("县住建局"));
        assert_eq!(key("市场监管局"), "市场监督管理局");
        assert_eq!(key("市市场监管局"), "市市场监督管理局");
        assert_eq!(key("县委办"), "县委办公室");
        assert_eq!(key("县政府办"), key("县人民政府办公室"));
    }

    #[test]
    fn places_levels_and_offices_stay_apart() {
        assert_ne!(key("市发改委"), key("县发改局"));
        assert_ne!(key("甲县住建局"), key("乙县住建局"));
        assert_ne!(key("县委办"), key("县委"));
        assert_ne!(key("县政府办"), key("县政府"));
        assert_ne!(key("县教育局"), key("县教育局办公室"));
    }

    #[test]
    fn a_name_without_a_place_takes_the_issuers() {
        assert_eq!(key_in("住建局", "甲县人民政府"), "甲县住房和城乡建设局");
        assert_eq!(key_in("县住建局", "甲县人民政府"), "甲县住房和城乡建设局");
        assert_eq!(key_in("市住建局", "甲县人民政府"), "市住房和城乡建设局");
        assert_eq!(key("住建局"), "住房和城乡建设局");
    }

    #[test]
    fn the_glossary_and_pinned_names_apply() {
        let mut cx = KeyContext::default();
        cx.glossary.insert("县创建办".into(), "县创建全国文明城市工作领导小组办公室".into());
        assert_eq!(unit_key("县创建办", &cx), "县创建全国文明城市工作领导小组办公室");
        let map = UnitsMap::from_csv("alias,canonical\n县文明办,县委精神文明建设办公室\n").unwrap();
        let cx = KeyContext { pinned: Some(&map), ..cx };
        assert_eq!(unit_key("县文明办", &cx), "县委精神文明建设办公室");
        assert!(UnitsMap::from_csv("a,b,c").is_err());
    }
}
