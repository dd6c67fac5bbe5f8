//! The words of responsibility statements, loaded once from `grammar/*.txt`: labels (责任单位…),
//! role words (牵头/配合/负责…), the trailing 等, the first-is-lead rule phrases, unit endings.

use std::sync::OnceLock;

use crate::grammar::data;
use crate::grammar::words::{CharBloom, WordIndex};

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
    /// Statement labels with their role, longest first.
    pub labels: WordIndex<Role>,
    /// Every character a statement can open with (brackets, 由, the first characters of the
    /// labels): the scan tests it at every character of every item, and it rules out nearly all
    /// of them with one bit test.
    pub openers: CharBloom,
    /// Role words that may end a unit, longest first.
    pub roles: WordIndex<Role>,
    /// Words that go with a role word before it (按职责, 组织, 抓好…), longest first.
    pub modifiers: WordIndex<()>,
    /// Words dropped from the end of a unit (等), longest first.
    pub trailing: WordIndex<()>,
    /// Phrases of the rule 列第一位者为牵头单位.
    pub first_lead: Vec<&'static str>,
    /// Words that carry a rule clause on to the following items (下同).
    pub onward: Vec<&'static str>,
    /// Clauses that say the units are listed in no order (排名不分先后).
    pub no_order: Vec<&'static str>,
    /// Words that open a part of supporting units after the lead (会同).
    pub with: Vec<&'static str>,
    /// Endings of unit names (局, 委, 办…).
    pub unit_suffixes: WordIndex<()>,
    /// Words that stand where a unit would but name none (此, 其…).
    pub non_units: Vec<&'static str>,
    /// Words never inside a unit name (以下, 需要…): a piece holding one is a sentence.
    pub non_unit_words: Vec<&'static str>,
}

/// The role a label of grammar/role_labels.txt gives (all, lead, support); a misspelt role fails
/// the test `every_label_names_a_role`.
fn role_of(name: &str) -> Option<Role> {
    match name {
        "lead" => Some(Role::Lead),
        "support" => Some(Role::Support),
        "all" => Some(Role::Any),
        _ => None,
    }
}

/// The brackets a statement opens with, besides the labels: （…牵头） and 由…负责.
const OPENERS: [char; 7] = ['（', '(', '〔', '【', '[', '［', '由'];

pub(super) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let labels = data::pairs("role_labels").into_iter().map(|(l, r)| (l, role_of(r).unwrap_or(Role::Any)));
        let labels = WordIndex::longest_first(labels);
        let roles = data::list("role_lead")
            .iter()
            .map(|w| (*w, Role::Lead))
            .chain(data::list("role_support").iter().map(|w| (*w, Role::Support)))
            .chain(data::list("role_any").iter().map(|w| (*w, Role::Any)))
            .chain(data::list("role_guide").iter().map(|w| (*w, Role::Guide)));
        Lexicon {
            openers: labels.first_chars().bloom().with_all(&OPENERS),
            labels,
            roles: WordIndex::longest_first(roles),
            modifiers: WordIndex::plain(data::list("role_modifiers")),
            trailing: WordIndex::plain(data::list("role_trailing")),
            first_lead: data::list("role_first_lead").to_vec(),
            onward: data::list("role_rule_onward").to_vec(),
            no_order: data::list("role_no_order").to_vec(),
            with: data::list("role_with").to_vec(),
            unit_suffixes: WordIndex::plain(data::list("unit_suffixes")),
            non_units: data::list("non_units").to_vec(),
            non_unit_words: data::list("non_unit_words").to_vec(),
        }
    })
}

impl Lexicon {
    /// True when `c` is the first character of some label.
    pub fn starts_label(&self, c: char) -> bool {
        self.labels.starts(c)
    }

    /// True when `s` may end with a role word (its last character ends one).
    pub fn may_end_role(&self, s: &str) -> bool {
        s.chars().next_back().is_some_and(|c| self.roles.ends(c))
    }
}

/// Separators between units in a list.
pub(super) fn is_unit_sep(c: char) -> bool {
    matches!(c, '、' | ',' | '，' | ';' | '；')
}

/// True when a sentence states the rule "the first unit listed is the lead" (列第一位者为牵头单位).
pub(super) fn states_first_is_lead(sentence: &str) -> bool {
    first_is_lead_at(sentence).is_some()
}

/// True when `s` holds 牵头 (牽頭): every rule of the first unit leading does. By memchr's
/// searchers, made once (`str::contains` builds its searcher on every call).
pub(super) fn says_lead(s: &str) -> bool {
    static LEAD: OnceLock<[memchr::memmem::Finder<'static>; 2]> = OnceLock::new();
    let lead = LEAD.get_or_init(|| ["牵头", "牽頭"].map(memchr::memmem::Finder::new));
    lead.iter().any(|f| f.find(s.as_bytes()).is_some())
}

/// Where a sentence states the first-is-lead rule: the offset of its phrase (列第一位).
pub(super) fn first_is_lead_at(sentence: &str) -> Option<usize> {
    if !says_lead(sentence) {
        return None;
    }
    lexicon().first_lead.iter().filter_map(|p| sentence.find(p)).min()
}

/// True when a clause carries a rule on to the following items (下同, 以下同).
pub(super) fn states_onward(clause: &str) -> bool {
    lexicon().onward.iter().any(|p| clause.contains(p))
}

/// True when a clause says the units are listed in no order (排名不分先后).
pub(super) fn states_no_order(clause: &str) -> bool {
    lexicon().no_order.iter().any(|p| clause.contains(p))
}

/// The part after a word that opens supporting units ("会同B、C组织实施" → "B、C组织实施").
pub(super) fn after_with(part: &str) -> Option<&str> {
    lexicon().with.iter().find_map(|w| part.strip_prefix(w))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_label_names_a_role() {
        for (label, role) in crate::grammar::data::pairs("role_labels") {
            assert!(super::role_of(role).is_some(), "{label}: unknown role {role:?}");
        }
    }
}
