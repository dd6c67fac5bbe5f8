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
use std::sync::OnceLock;

use super::data;
use crate::chars::{is_han, strip_space};
use crate::model::{Document, Item, Responsibility};

/// The levels a place name ends with (省 市 县 区 …), longest first.
const LEVELS: [&str; 10] = ["街道", "自治州", "自治县", "省", "市", "县", "区", "州", "镇", "乡"];

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
    let (place, body) = split_place(&n);
    let body = full_form(body).unwrap_or(body);
    let place = resolve_place(place, cx.place.as_deref());
    let key = format!("{place}{body}");
    pinned(&key).unwrap_or(key)
}

/// Fills `unit_keys` of every responsibility of the document (items, table tasks, attachments).
pub fn key_document(doc: &mut Document, cx: &KeyContext) {
    fn items(list: &mut [Item], cx: &KeyContext) {
        for it in list {
            if let Some(r) = it.responsible.as_mut() {
                key(r, cx);
            }
            items(&mut it.children, cx);
        }
    }
    fn key(r: &mut Responsibility, cx: &KeyContext) {
        r.unit_keys = r.units.iter().map(|u| unit_key(u, cx)).collect();
    }
    items(&mut doc.items, cx);
    doc.table_tasks.iter_mut().filter_map(|t| t.responsible.as_mut()).for_each(|r| key(r, cx));
    for a in &mut doc.attachments {
        items(&mut a.items, cx);
        a.table_tasks.iter_mut().filter_map(|t| t.responsible.as_mut()).for_each(|r| key(r, cx));
    }
}

/// The issuer's place: the start of its name up to its level ("甲县人民政府" → "甲县"), when the
/// name starts with one.
pub fn issuer_place(issuer: &str) -> Option<String> {
    let n = simplified(&strip_space(issuer));
    let (place, _) = split_place(&n);
    (!place.is_empty()).then(|| place.to_string())
}

/// A name's place and the rest: the shortest start ending with a level (县, 甲县, 乙市…) whose rest
/// is an office, unless the whole name is itself a known office (市场监管局 has no place).
fn split_place(n: &str) -> (&str, &str) {
    if full_form(n).is_some() || is_full_form(n) {
        return ("", n);
    }
    let known = |b: &str| full_form(b).is_some() || is_full_form(b);
    let mut first = None;
    for (i, _) in n.char_indices().take(8) {
        let rest = &n[i..];
        let Some(level) = LEVELS.iter().find(|l| rest.starts_with(*l)) else { continue };
        let at = i + level.len();
        let (place, body) = (&n[..at], &n[at..]);
        if !place.chars().all(is_han) || body.chars().count() < 2 {
            continue;
        }
        // A known office after the place settles it (市 + 市场监管局); else the first place whose
        // rest does not go on with another level (甲县 + 住建局, not 甲 + 县住建局).
        if known(body) {
            return (place, body);
        }
        if first.is_none() && !LEVELS.iter().any(|l| body.starts_with(l)) {
            first = Some((place, body));
        }
    }
    first.unwrap_or(("", n))
}

/// A bare level takes the issuer's place of that level; no place takes the issuer's place.
fn resolve_place<'a>(place: &'a str, issuer: Option<&'a str>) -> &'a str {
    match issuer {
        Some(ip) if place.is_empty() => ip,
        Some(ip) if LEVELS.contains(&place) && ip.ends_with(place) => ip,
        _ => place,
    }
}

fn aliases() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| data::pairs("unit_aliases").into_iter().collect())
}

/// The full form of a short form (住建局 → 住房和城乡建设局).
fn full_form(body: &str) -> Option<&'static str> {
    aliases().get(body).copied()
}

/// True when `body` is the full form of some short form.
fn is_full_form(body: &str) -> bool {
    static FULL: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    FULL.get_or_init(|| aliases().values().copied().collect()).contains(body)
}

/// Traditional characters read as simplified (縣 → 县), by the character table of the grammar.
fn simplified(s: &str) -> String {
    static T2S: OnceLock<HashMap<char, char>> = OnceLock::new();
    let map = T2S.get_or_init(data::simplified_table);
    s.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
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
