//! The words of responsibility statements, loaded once from `grammar/*.txt`: labels (责任单位…),
//! role words (牵头/配合/负责…), the trailing 等, the first-is-lead rule phrases, unit endings.

use std::sync::OnceLock;

use crate::grammar::data;

/// What a statement says a unit does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Responsible, without saying lead or support (责任单位, 负责, 指导).
    Any,
    /// 牵头: the lead unit.
    Lead,
    /// 配合/参与: a supporting unit.
    Support,
    /// 指导: guides the work; listed, but neither lead nor support.
    Guide,
}

pub(super) struct Lexicon {
    /// Statement labels with their role, grouped by first character (sorted by it), each group
    /// longest first: a label is looked for only among those that start with the character.
    pub labels_by_first: Vec<(char, Vec<(&'static str, Role)>)>,
    /// The first characters of the labels, sorted: most positions of a text start no label, and
    /// this test rules them out without comparing every label.
    pub label_firsts: Vec<char>,
    /// A one-word Bloom filter of `label_firsts` (bit `c mod 64`), so that the usual character
    /// is ruled out with one test.
    pub label_bloom: u64,
    /// A 1024-bit Bloom filter of every character a statement can open with (brackets, 由, label
    /// firsts): the scan tests it at every character of every item, and it rules out nearly all
    /// of them with one bit test.
    pub opener_bits: [u64; 16],
    /// Role words that may end a unit, longest first.
    pub roles: Vec<(&'static str, Role)>,
    /// The first and the last characters of the role words, sorted: a role word can only start
    /// or end at one of them, and the test spares comparing every word at every position.
    pub role_firsts: Vec<char>,
    pub role_lasts: Vec<char>,
    /// Words that go with a role word before it (按职责, 组织, 抓好…), longest first.
    pub modifiers: Vec<&'static str>,
    /// Words dropped from the end of a unit (等), longest first.
    pub trailing: Vec<&'static str>,
    /// Phrases of the rule 列第一位者为牵头单位.
    pub first_lead: Vec<&'static str>,
    /// Endings of unit names (局, 委, 办…).
    pub unit_suffixes: Vec<&'static str>,
    /// Words that stand where a unit would but name none (此, 其…).
    pub non_units: Vec<&'static str>,
    /// Words never inside a unit name (以下, 需要…): a piece holding one is a sentence.
    pub non_unit_words: Vec<&'static str>,
}

fn role_of(name: &str) -> Role {
    match name {
        "lead" => Role::Lead,
        "support" => Role::Support,
        _ => Role::Any,
    }
}

fn longest_first<T>(mut v: Vec<(&'static str, T)>) -> Vec<(&'static str, T)> {
    v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    v
}

pub(super) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let labels = data::pairs("role_labels").into_iter().map(|(l, r)| (l, role_of(r))).collect();
        let roles = data::list("role_lead")
            .iter()
            .map(|w| (*w, Role::Lead))
            .chain(data::list("role_support").iter().map(|w| (*w, Role::Support)))
            .chain(data::list("role_any").iter().map(|w| (*w, Role::Any)))
            .chain(data::list("role_guide").iter().map(|w| (*w, Role::Guide)))
            .collect();
        let labels: Vec<(&'static str, Role)> = labels;
        let mut label_firsts: Vec<char> = labels.iter().filter_map(|(l, _)| l.chars().next()).collect();
        label_firsts.sort_unstable();
        label_firsts.dedup();
        let label_bloom = label_firsts.iter().fold(0, |b, c| b | bloom_bit(*c));
        let roles: Vec<(&'static str, Role)> = roles;
        let edge = |pick: fn(&str) -> Option<char>| {
            let mut v: Vec<char> = roles.iter().filter_map(|(w, _)| pick(w)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let role_firsts = edge(|w| w.chars().next());
        let role_lasts = edge(|w| w.chars().next_back());
        let mut opener_bits = [0u64; 16];
        for c in label_firsts.iter().copied().chain(['（', '(', '〔', '【', '[', '［', '由']) {
            let h = c as usize % 1024;
            opener_bits[h / 64] |= 1 << (h % 64);
        }
        let mut modifiers = data::list("role_modifiers").to_vec();
        modifiers.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut trailing = data::list("role_trailing").to_vec();
        trailing.sort_by_key(|w| std::cmp::Reverse(w.len()));
        Lexicon {
            labels_by_first: {
                let mut groups: Vec<(char, Vec<(&'static str, Role)>)> = Vec::new();
                for (l, r) in longest_first(labels) {
                    let Some(c) = l.chars().next() else { continue };
                    match groups.iter_mut().find(|(g, _)| *g == c) {
                        Some((_, v)) => v.push((l, r)),
                        None => groups.push((c, vec![(l, r)])),
                    }
                }
                groups.sort_by_key(|(c, _)| *c);
                groups
            },
            label_firsts,
            label_bloom,
            opener_bits,
            roles: longest_first(roles),
            role_firsts,
            role_lasts,
            modifiers,
            trailing,
            first_lead: data::list("role_first_lead").to_vec(),
            unit_suffixes: data::list("unit_suffixes").to_vec(),
            non_units: data::list("non_units").to_vec(),
            non_unit_words: data::list("non_unit_words").to_vec(),
        }
    })
}

fn bloom_bit(c: char) -> u64 {
    1 << (c as u32 % 64)
}

impl Lexicon {
    /// True when `c` is the first character of some label.
    pub fn starts_label(&self, c: char) -> bool {
        self.label_bloom & bloom_bit(c) != 0 && self.label_firsts.binary_search(&c).is_ok()
    }

    /// False when no statement can open with `c` (true only means "maybe").
    #[inline]
    pub fn may_open(&self, c: char) -> bool {
        let h = c as usize % 1024;
        self.opener_bits[h / 64] & (1 << (h % 64)) != 0
    }

    /// The labels that start with `c`, longest first.
    pub fn labels_at(&self, c: char) -> &[(&'static str, Role)] {
        match self.labels_by_first.binary_search_by_key(&c, |(g, _)| *g) {
            Ok(k) => &self.labels_by_first[k].1,
            Err(_) => &[],
        }
    }

    /// True when some role word may start with `c`.
    pub fn starts_role(&self, c: char) -> bool {
        self.role_firsts.binary_search(&c).is_ok()
    }

    /// True when `s` may end with a role word (its last character ends one).
    pub fn may_end_role(&self, s: &str) -> bool {
        s.chars().next_back().is_some_and(|c| self.role_lasts.binary_search(&c).is_ok())
    }
}

/// Characters that open and close brackets inside statements and unit names.
pub(super) fn is_open(c: char) -> bool {
    matches!(c, '（' | '(' | '〔' | '【' | '[' | '［')
}

pub(super) fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '〕' | '】' | ']' | '］')
}

/// Separators between units in a list.
pub(super) fn is_unit_sep(c: char) -> bool {
    matches!(c, '、' | ',' | '，' | ';' | '；')
}

/// True when a sentence states the rule "the first unit listed is the lead" (列第一位者为牵头单位).
pub(super) fn states_first_is_lead(sentence: &str) -> bool {
    (sentence.contains("牵头") || sentence.contains("牽頭"))
        && lexicon().first_lead.iter().any(|p| sentence.contains(p))
}
