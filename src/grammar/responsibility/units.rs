//! Unit lists: splitting at top-level separators (never inside brackets, so 各县(市、区)政府 stays
//! whole), removing role words and a trailing 等, and telling a unit name from prose.

use super::lexicon::{lexicon, Role};
use crate::chars::{is_paren_close, is_paren_open};

/// Splits `s` at the characters accepted by `sep` that stand outside brackets. Returns each piece
/// with its byte offset in `s`, untrimmed; empty pieces are kept (the caller drops them).
pub(super) fn split_top(s: &str, sep: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (i, c) in s.char_indices() {
        if is_paren_open(c) {
            depth += 1;
        } else if is_paren_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && sep(c) {
            out.push((from, &s[from..i]));
            from = i + c.len_utf8();
        }
    }
    out.push((from, &s[from..]));
    out
}

/// Strips one role word (牵头, 配合, 负责…) from the end of `s`, also in brackets: "A（牵头）".
fn strip_role_word(s: &str) -> Option<(&str, Role)> {
    let lex = lexicon();
    // "A（牵头）" / "A(牵头)": a bracketed role word.
    if let Some(last) = s.chars().next_back().filter(|c| is_paren_close(*c)) {
        let inner_end = s.len() - last.len_utf8();
        let inner = &s[..inner_end];
        let roles = inner.chars().next_back().map_or(&[][..], |c| lex.roles.ending_with(c));
        for (w, role) in roles {
            if let Some(head) = s[..inner_end].strip_suffix(w) {
                if let Some(open) = head.chars().next_back().filter(|c| is_paren_open(*c)) {
                    return Some((&head[..head.len() - open.len_utf8()], *role));
                }
            }
        }
    }
    if !lex.may_end_role(s) {
        return None;
    }
    let (w, role) = lex.roles.suffix_of(s)?;
    let head = &s[..s.len() - w.len()];
    // 主办/协办 end as names do (县政协办 is a name, not 县政 + 协办): such a word is a role word
    // only after a name that ends like one (省国税局协办).
    if lex.unit_suffixes.suffix_of(w).is_some() && !looks_like_organ(head.trim_end()) {
        return None;
    }
    Some((head, role))
}

/// A unit name with its role words and trailing 等 removed, and the role those words gave
/// (the word nearest the end wins: "A等负责" is Any). Never strips the whole name away.
pub(super) fn strip_unit(raw: &str) -> (&str, Option<Role>) {
    let lex = lexicon();
    let mut s = raw.trim();
    let mut role = None;
    // A few rounds cover "A等负责", "A（牵头）等"; each round removes at least one word.
    for _ in 0..4 {
        let before = s.len();
        if let Some((head, r)) = strip_role_word(s) {
            if !head.trim().is_empty() {
                s = head.trim_end();
                // "协同推进", "按职责牵头负责": the word that names lead or support decides,
                // whichever end it stands at; 负责/落实 alone name neither.
                role = match role {
                    None | Some(Role::Any) => Some(r),
                    kept => kept,
                };
                // The words that go with it (按职责, 组织, 抓好…), while a name remains.
                // Several may stand together ("按职责组织配合"): the name is cut back to the
                // last point where it still looks like an organ.
                let mut t = s;
                while let Some(h) = lex.modifiers.suffix_of(t).map(|(m, ())| &t[..t.len() - m.len()]) {
                    t = h.trim_end();
                    // The name must end as organ names do (各级党组织 is not 各级党 + 组织).
                    if lex.unit_suffixes.suffix_of(t).is_some() {
                        s = t;
                    }
                }
            }
        }
        if let Some(head) = lex.trailing.suffix_of(s).map(|(w, ())| &s[..s.len() - w.len()]) {
            // 等 only when a real name stays (at least two characters).
            if head.chars().count() >= 2 {
                s = head.trim_end();
            }
        }
        if s.len() == before {
            break;
        }
    }
    // "（由县财政负责）": the 由 of prose is not part of the name.
    if let Some(rest) = s.strip_prefix('由') {
        if rest.chars().count() >= 2 {
            s = rest;
        }
    }
    (s.trim(), role)
}

/// True when `u` (already stripped) can be a unit name in a bracket or prose statement, where
/// nothing but the role words says that units are meant: short, no digits, no quotes, no
/// sentence words. Labels (责任单位：) are trusted more, see [`plausible_listed`].
pub(super) fn plausible_unit(u: &str) -> bool {
    let n = u.chars().count();
    (2..=30).contains(&n)
        && !lexicon().non_units.contains(&u)
        && !lexicon().non_unit_words.iter().any(|w| u.contains(w))
        && !u.chars().any(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || c.is_whitespace()
                || matches!(
                    c,
                    '的' | '由'
                        | '《'
                        | '》'
                        | '“'
                        | '”'
                        | '〝'
                        | '〞'
                        | '"'
                        | '\''
                        | '‘'
                        | '’'
                        | '：'
                        | ':'
                        | '。'
                        | '%'
                        | '％'
                )
        })
}

/// True when `u` can be a unit of a labelled list (责任单位：…). A list that runs on into other
/// matter (完成时限：…, 2023年底前完成, 各乡镇要……) is cut at the first piece that fails.
pub(super) fn plausible_listed(u: &str) -> bool {
    let dated = u.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && u.chars().any(|c| matches!(c, '年' | '月' | '日' | '前' | '底'));
    u.chars().count() <= 40
        && !dated
        && !u.chars().any(|c| matches!(c, '：' | ':' | '《' | '》' | '“' | '”' | '。' | '的' | '要'))
        // A number alone: a deadline that a text layer spaced ("6 月底完成").
        && u.chars().any(char::is_alphabetic)
}

/// True when a unit name looks like an organ: it ends like one (局, 委, 办, 政府, 部门…; a
/// bracketed tail such as 街镇（园区） aside) or addresses a group (各区, 各有关单位). Bracket and
/// prose statements need at least one such unit, so "（谁主管谁负责）" is no statement.
pub(super) fn looks_like_organ(u: &str) -> bool {
    let mut name = u;
    if name.ends_with(is_paren_close) {
        if let Some(k) = name.rfind(is_paren_open) {
            name = &name[..k];
        }
    }
    name.starts_with('各') || lexicon().unit_suffixes.suffix_of(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_brackets_whole() {
        let parts: Vec<&str> =
            split_top("各县(市、区)政府(管委会)、市卫生健康委等", |c| c == '、').into_iter().map(|p| p.1).collect();
        assert_eq!(parts, ["各县(市、区)政府(管委会)", "市卫生健康委等"]);
    }

    #[test]
    fn strips_role_words() {
        assert_eq!(strip_unit("区发改委（牵头）"), ("区发改委", Some(Role::Lead)));
        assert_eq!(strip_unit("市卫生健康委等"), ("市卫生健康委", None));
        assert_eq!(strip_unit("省自然资源厅按职责分工负责"), ("省自然资源厅", Some(Role::Any)));
        assert_eq!(strip_unit("国家统计局参与"), ("国家统计局", Some(Role::Support)));
        assert_eq!(strip_unit("各項目牽頭"), ("各項目", Some(Role::Lead)));
        // A unit whose name holds 牵头 is not cut.
        assert_eq!(strip_unit("各项目牵头单位"), ("各项目牵头单位", None));
        assert_eq!(strip_unit("牵头"), ("牵头", None));
        assert_eq!(strip_unit("等"), ("等", None));
    }

    #[test]
    fn plausibility() {
        assert!(plausible_unit("街镇（园区）"));
        assert!(!plausible_unit("每年1次"));
        assert!(!plausible_unit("以下简称《方案》"));
        assert!(!plausible_unit("其"));
        assert!(plausible_listed("各县(市、区)政府(管委会)"));
        assert!(looks_like_organ("街镇（园区）"));
        assert!(looks_like_organ("各镇街及相关部门"));
        assert!(looks_like_organ("各地"));
        assert!(!looks_like_organ("谁主管谁"));
        assert!(!plausible_listed("2023年底前完成"));
        assert!(!plausible_listed("完成时限：2023年"));
        assert!(!plausible_listed("各乡镇要加强领导"));
        assert!(!plausible_listed("6"), "a deadline spaced apart: 6 月底完成");
    }
}
