//! The three forms of a responsibility statement, each parsed at a starting point the scanner
//! found:
//! - labelled: 责任单位：A、B / 牵头单位：A；配合单位：B (labels may follow each other glued);
//! - bracketed: （A牵头，B、C配合） / （A、B负责。列第一位者为牵头单位，下同） / （责任单位：A、B）;
//! - prose: 由A负责 / 由A牵头，B配合落实.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{one_of, satisfy};
use nom::combinator::{not, opt, value};
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};

use super::lexicon::{after_with, is_unit_sep, lexicon, states_first_is_lead, states_no_order, states_onward, Role};
use super::units::{looks_like_organ, plausible_listed, plausible_unit, split_top, strip_unit};
use crate::chars::{is_digit, is_han, is_paren_close, is_paren_open};
use crate::grammar::numerals::is_cn_numeral;

/// A statement parsed at some byte offset: where it ends, its units with their roles, the rule
/// clauses it holds, and whether it is part of a sentence (prose) rather than a line or bracket
/// of its own.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub end: usize,
    pub units: Vec<(String, Role)>,
    pub rule: RuleNote,
    pub prose: bool,
    /// The list runs to the end of the text without punctuation: its last name may be cut off.
    pub open_end: bool,
    /// Prose that says 牵头 (由A牵头，会同B实施): it assigns the task wherever it stands.
    pub says_lead: bool,
}

/// What the rule clauses of a statement say: "列第一位者为牵头单位" (the first unit listed
/// leads), "排名不分先后" (no order), and whether they carry on to later items (下同).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct RuleNote {
    pub first_is_lead: bool,
    pub no_order: bool,
    pub onward: bool,
}

/// Every rule phrase holds one of these (第一位, 首位, 先后, 主次, 下同): most texts are ruled
/// out by one pass.
const RULE_CHARS: [char; 5] = ['第', '首', '先', '主', '同'];

impl RuleNote {
    /// Reads one clause or part of a statement; true when it is a rule clause (no unit list),
    /// which the caller then passes over.
    pub fn read(&mut self, part: &str) -> bool {
        if !part.contains(RULE_CHARS) {
            return false;
        }
        let first = states_first_is_lead(part);
        let none = states_no_order(part);
        let onward = states_onward(part);
        if first || none {
            self.first_is_lead |= first;
            self.no_order |= none;
            self.onward |= onward;
            return true;
        }
        // "下同" as a part of its own, after the rule ("……为牵头单位，下同").
        if onward && part.trim().chars().count() <= 6 {
            self.onward = true;
            return true;
        }
        false
    }

    fn add(&mut self, other: RuleNote) {
        self.first_is_lead |= other.first_is_lead;
        self.no_order |= other.no_order;
        self.onward |= other.onward;
    }
}

/// Longest bracket content (bytes) taken as one statement; longer brackets are prose.
const MAX_BRACKET: usize = 900;
/// Longest unit list (characters) of the prose form 由……负责.
const MAX_PROSE: usize = 30;

fn fail(input: &str) -> nom::Err<Error<&str>> {
    nom::Err::Error(Error::new(input, ErrorKind::Tag))
}

/// A statement label from `grammar/role_labels.txt`, longest first.
fn label(input: &str) -> IResult<&str, Role> {
    let first = input.chars().next().ok_or_else(|| fail(input))?;
    lexicon()
        .labels
        .starting_with(first)
        .iter()
        .find_map(|(l, role)| input.strip_prefix(l).map(|rest| (rest, *role)))
        .ok_or_else(|| fail(input))
}

/// Label and separator: "责任单位：", "责任单位:", and "责任单位。" when `full_stop` allows it
/// (only where a sentence starts, so that "……落实到责任单位。" is no statement).
fn label_sep(input: &str, full_stop: bool) -> IResult<&str, Role> {
    let ws = |i| take_while(char::is_whitespace).parse(i);
    let (rest, role) = label(input)?;
    let (rest, _) = ws(rest)?;
    let (rest, _) = if full_stop {
        alt((tag("："), tag(":"), tag("︰"), tag("。"))).parse(rest)?
    } else {
        alt((tag("："), tag(":"), tag("︰"))).parse(rest)?
    };
    let (rest, _) = ws(rest)?;
    Ok((rest, role))
}

/// A label in lenticular brackets, "【责任单位】" / "〔牵头单位〕：", which needs no separator.
fn boxed_label(input: &str) -> IResult<&str, Role> {
    let (rest, _) = one_of("【〔[［").parse(input)?;
    let (rest, role) = label(rest)?;
    let (rest, _) = one_of("】〕]］").parse(rest)?;
    let (rest, _) = opt(alt((tag("："), tag(":")))).parse(rest)?;
    let (rest, _) = take_while(char::is_whitespace).parse(rest)?;
    Ok((rest, role))
}

/// Any label head: "【责任单位】" or a label with its separator.
fn label_head(input: &str, full_stop: bool) -> IResult<&str, Role> {
    // Tried at every character of a text and of a unit list: rule out, by the first character
    // alone, the positions where neither form can start.
    let first = input.chars().next().ok_or_else(|| fail(input))?;
    if !matches!(first, '【' | '〔' | '[' | '［') && !lexicon().starts_label(first) {
        return Err(fail(input));
    }
    boxed_label(input).or_else(|_| label_sep(input, full_stop))
}

/// The marker of the next item, where a unit list running on in flattened text must stop:
/// (6) / （二） / 2. / 3、 / 二、 / ①.
fn item_marker(input: &str) -> IResult<&str, ()> {
    alt((
        value((), (one_of("（("), take_while1(|c| is_digit(c) || is_cn_numeral(c)), one_of("）)"))),
        value((), (take_while1(is_digit), one_of(".．、"), not(satisfy(is_digit)))),
        value((), (take_while1(is_cn_numeral), tag("、"))),
        value((), satisfy(|c| ('①'..='⑳').contains(&c))),
    ))
    .parse(input)
}

/// True where a label may take a full stop as its separator: at the start of the text or of a
/// sentence, after whitespace or a bracket.
fn sentence_start(prev: Option<char>) -> bool {
    prev.is_none_or(|c| {
        c.is_whitespace()
            || is_paren_open(c)
            || is_paren_close(c)
            || matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?')
    })
}

/// Why a unit list ended.
enum Stop {
    /// Another label begins at this offset (glued "A、B配合单位:C").
    Label(usize),
    /// A full stop; the statement ends after it (the offset given).
    Period(usize),
    /// A line end, a closing bracket, the next item, or the end of the text.
    Other,
}

/// Walks a unit list from `from` to its end: a 。 or line end, a closing bracket that is not
/// its own, the next item's marker, a gap of whitespace between two names, or the next label.
/// A list goes on over a line end where the line stops after a separator or inside a name
/// (园区党工 / 委); a label on the next line continues the statement (牵头单位：A / 责任单位：B).
fn unit_list_end(s: &str, from: usize) -> (usize, Stop) {
    let mut depth = 0usize;
    let mut prev: Option<char> = None; // last non-space character
    let mut prev_raw: Option<char> = None;
    let mut piece_from = from; // where the piece being read began
    let mut skip_to = from;
    for (k, c) in s[from..].char_indices() {
        let i = from + k;
        if i < skip_to {
            continue;
        }
        let last_raw = prev_raw.replace(c);
        if c == '\n' || c == '\r' {
            match line_end(s, piece_from, i, prev) {
                LineEnd::Stop(stop) => return (i, stop),
                LineEnd::Goes(next) => {
                    skip_to = next;
                    prev_raw = Some(' ');
                    continue;
                }
            }
        }
        if depth > 0 {
            if is_paren_open(c) {
                depth += 1;
            } else if is_paren_close(c) {
                depth -= 1;
            }
            prev = Some(c);
            continue;
        }
        if c == '。' {
            return (i, Stop::Period(i + c.len_utf8()));
        }
        if is_paren_close(c) {
            return (i, Stop::Other);
        }
        if c.is_whitespace() {
            // Decided once per run of spaces.
            if last_raw.is_some_and(char::is_whitespace) {
                continue;
            }
            match space_gap(s, (piece_from, i), prev) {
                Some(stop) => return (i, stop),
                None => continue,
            }
        }
        // A marker starts after a non-numeral: "12." is tried once, at its "1".
        let after_numeral = last_raw.is_some_and(|p| is_digit(p) || is_cn_numeral(p));
        if !after_numeral && item_marker(&s[i..]).is_ok() {
            return (i, Stop::Other);
        }
        if prev.is_some() && label_head(&s[i..], false).is_ok() {
            return (i, Stop::Label(i));
        }
        if is_paren_open(c) {
            depth += 1;
        } else if is_unit_sep(c) {
            piece_from = i + c.len_utf8();
        }
        prev = Some(c);
    }
    (s.len(), Stop::Other)
}

/// A run of spaces at `i` inside a unit list whose current piece began at `piece_from`: a gap
/// next to a separator is layout ("A、 B"), a label after the gap continues the statement
/// ("牵头单位：A 配合单位：B"), a gap inside a name is a line end a flattening made a space
/// ("园区党工 委、各街道党工委", as [`line_end`] reads it), and a gap between two names ends the
/// list ("县委办。 2.大力…" has a 。 anyway). None where the list goes on.
fn space_gap(s: &str, (piece_from, i): (usize, usize), prev: Option<char>) -> Option<Stop> {
    let next_at = s.len() - s[i..].trim_start().len();
    let next = s[next_at..].chars().next();
    if prev.is_some_and(is_unit_sep) || next.is_some_and(is_unit_sep) {
        return None;
    }
    if label_head(&s[next_at..], true).is_ok() {
        return Some(Stop::Label(next_at));
    }
    if !s[i..next_at].contains('\n') && name_runs_on(s, piece_from, i, next_at) {
        return None;
    }
    Some(Stop::Other)
}

/// What a line end inside a unit list means.
enum LineEnd {
    Stop(Stop),
    /// The list goes on at this offset (the next line's first character).
    Goes(usize),
}

/// A line end at `i` in a unit list whose current piece began at `piece_from`: a label on the
/// next line continues the statement; a line that stops after a separator ("A、" / "B") or
/// inside a name ("园区党工" / "委", the two halves making an organ's name) runs on; anything
/// else ends the list.
fn line_end(s: &str, piece_from: usize, i: usize, prev: Option<char>) -> LineEnd {
    let next_at = s.len() - s[i..].trim_start().len();
    let next = &s[next_at..];
    if next.is_empty() || item_marker(next).is_ok() {
        return LineEnd::Stop(Stop::Other);
    }
    if label_head(next, true).is_ok() {
        return LineEnd::Stop(Stop::Label(next_at));
    }
    // Only the next line break counts: a list runs on over one line end, not over a gap.
    if s[i..next_at].chars().filter(|c| *c == '\n').count() > 1 {
        return LineEnd::Stop(Stop::Other);
    }
    if prev.is_some_and(is_unit_sep) || name_runs_on(s, piece_from, i, next_at) {
        LineEnd::Goes(next_at)
    } else {
        LineEnd::Stop(Stop::Other)
    }
}

/// True when the piece of a unit list that began at `piece_from` and breaks at `i` is half a
/// name whose other half starts at `next_at` ("园区党工" / "委"): the piece alone is no organ,
/// the two together are.
fn name_runs_on(s: &str, piece_from: usize, i: usize, next_at: usize) -> bool {
    let next = &s[next_at..];
    let piece = s[piece_from..i].trim();
    let head_len = next.find(|c: char| is_unit_sep(c) || c.is_whitespace() || c == '。').unwrap_or(next.len());
    let head = &next[..head_len];
    if piece.is_empty() || head.is_empty() || looks_like_organ(piece) || head.chars().count() > 10 {
        return false;
    }
    let joined = format!("{piece}{head}");
    looks_like_organ(&joined) && plausible_unit(&joined)
}

/// Gives a unit the role its own words say (A牵头, B（配合）), else the role of its label.
fn unit_role(own: Option<Role>, label: Role) -> Role {
    match own {
        Some(r @ (Role::Lead | Role::Support | Role::Guide)) => r,
        _ => label,
    }
}

/// A remark in brackets closing the last unit of a list: "市卫生健康委（除标注“分别牵头”外，列
/// 第一位为牵头单位，下同）". It is a note, not part of the name, when it reads as a sentence (a
/// comma or a quotation inside) or is long; short brackets stay in names (各县（市、区）政府,
/// 市政府办公室（市外事办）). Returns the piece without the note, and the note.
fn split_note(piece: &str) -> (&str, Option<&str>) {
    let t = piece.trim_end();
    let Some(close) = t.chars().next_back().filter(|c| is_paren_close(*c)) else {
        return (piece, None);
    };
    // The bracket that this closing one matches.
    let mut depth = 0usize;
    let mut open_at = None;
    for (i, c) in t.char_indices().rev() {
        if is_paren_close(c) {
            depth += 1;
        } else if is_paren_open(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                open_at = Some(i);
                break;
            }
        }
    }
    let Some(open_at) = open_at.filter(|&i| i > 0) else {
        return (piece, None);
    };
    let inner = &t[open_at..t.len() - close.len_utf8()];
    let sentence = inner.contains([',', '，', '“', '”', '"', '；', ';']) || inner.chars().count() > 15;
    if sentence {
        (&t[..open_at], Some(inner))
    } else {
        (piece, None)
    }
}

/// A labelled statement at `at`: one or more "label + separator + unit list" glued together or
/// on following lines.
pub(super) fn labelled(s: &str, at: usize) -> Option<Parsed> {
    let prev = s[..at].chars().next_back();
    let (rest, mut role) = label_head(&s[at..], sentence_start(prev)).ok()?;
    let mut pos = s.len() - rest.len();
    let mut out = Parsed::default();
    loop {
        let (list_end, stop) = unit_list_end(s, pos);
        if let Some(c) = read_list(s, pos, list_end, role, &mut out) {
            out.end = c;
            break;
        }
        match stop {
            Stop::Label(j) => match label_head(&s[j..], sentence_start(s[..j].chars().next_back())) {
                Ok((rest, r)) => {
                    role = r;
                    pos = s.len() - rest.len();
                }
                Err(_) => {
                    out.end = j;
                    break;
                }
            },
            Stop::Period(after) => {
                out.end = after;
                break;
            }
            Stop::Other => {
                out.end = list_end;
                out.open_end = s[list_end..].trim().is_empty();
                break;
            }
        }
    }
    (!out.units.is_empty()).then_some(out)
}

/// Reads the units of one label's list `s[pos..end]` into `out`, and the rule clauses among
/// them. Returns where the list must be cut (a piece that is no unit name, such as 完成时限：…).
fn read_list(s: &str, pos: usize, end: usize, role: Role, out: &mut Parsed) -> Option<usize> {
    // (index in out.units, own role word, a comma before it) of this label's units.
    let mut listed: Vec<(usize, Option<Role>, bool)> = Vec::new();
    let mut cut = None;
    for (off, piece) in split_top(&s[pos..end], is_unit_sep) {
        let (piece, note) = split_note(piece);
        if let Some(n) = note {
            out.rule.read(n);
        }
        if out.rule.read(piece) {
            continue;
        }
        let (name, own) = strip_unit(piece);
        if name.is_empty() {
            continue;
        }
        if !plausible_listed(name) {
            cut = Some(pos + off);
            break;
        }
        let comma_before = off > 0 && s[..pos + off].chars().next_back().is_some_and(|c| !matches!(c, '、'));
        listed.push((out.units.len(), own, comma_before));
        out.units.push((one_line(name), unit_role(own, role)));
    }
    group_roles(&mut out.units, &listed, role);
    cut
}

/// A name that a line end cut in two ("园区党工" / "委", or "园区党工 委" where a flattening made
/// the line end a space) written whole.
fn one_line(name: &str) -> String {
    if !name.contains(char::is_whitespace) {
        return name.to_string();
    }
    let chars: Vec<char> = name.chars().collect();
    let han_gap = chars.windows(3).any(|w| is_han(w[0]) && w[1].is_whitespace() && is_han(w[2]));
    if name.contains(['\n', '\r']) || han_gap {
        name.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        name.to_string()
    }
}

/// "A、B牵头，C、D配合": a role word ends a group joined by 、 and names the role of the whole
/// group, back to the comma before it (as in the bracketed form). Under a lead label, a later
/// group that says 负责 is the rest ("牵头单位：A；B、C按职责分工负责"), not more leads.
fn group_roles(units: &mut [(String, Role)], listed: &[(usize, Option<Role>, bool)], label: Role) {
    let first_break = listed.iter().position(|x| x.2).unwrap_or(listed.len());
    let mut carry: Option<Role> = None;
    for (j, &(k, own, comma_before)) in listed.iter().enumerate().rev() {
        let said = match own {
            Some(r @ (Role::Lead | Role::Support)) if label == Role::Any => Some(r),
            Some(Role::Any) if label == Role::Lead && j >= first_break => Some(Role::Any),
            _ => None,
        };
        if said.is_some() {
            carry = said;
        }
        if let Some(r) = carry {
            units[k].1 = r;
        }
        if comma_before {
            carry = None;
        }
    }
}

/// A unit at the end of a text that stops in the middle of its name: a place prefix alone
/// ("区") or with one character of the name ("区商" of 区商务委). Two characters at most (an
/// item's text always ends where the next begins, so 县公安 or 区城管 must stay names), and not
/// ending like an organ (县委, 县府).
pub(super) fn cut_off(name: &str) -> bool {
    name.chars().count() <= 2 && !looks_like_organ(name)
}

/// The role form of a clause: comma-separated parts, each a unit list ending in a role word
/// ("A牵头，B、C配合"); a part without one takes the role of the next. Every unit must look like
/// a unit name, which keeps ordinary brackets ("（2023年5月-8月）", "（试行）") out. Rule parts
/// ("列第一位者为牵头单位", "下同") are passed over; where the bracket states the first-is-lead
/// rule, a plain list without role words is the units (`bare`).
fn role_form(clause: &str, bare: bool) -> Option<Vec<(String, Role)>> {
    let mut out = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for (_, part) in split_top(clause, |c| matches!(c, ',' | '，' | ';' | '；')) {
        let part = part.trim();
        // "2025年6月底前完成" after the units: the deadline of the task, read by the date
        // grammar from the statement; it names no unit.
        if part.is_empty() || is_deadline_part(part) || RuleNote::default().read(part) {
            continue;
        }
        // "会同B、C组织实施": the units the lead works with support it.
        let (part, with) = match after_with(part) {
            Some(rest) => (rest, true),
            None => (part, false),
        };
        let (body, role) = strip_unit(part);
        let role = if with { Some(Role::Support) } else { role };
        let Some(role) = role else {
            pending.push(part);
            continue;
        };
        let lists = pending.drain(..).chain(std::iter::once(body));
        if !role_lists(lists, role, &mut out) {
            // A part that names no units: a sentence of the statement ("以下各项工作均需要各单位
            // 负责，不再单独列出") after the units ends it; at the start it is no statement at all.
            if out.is_empty() {
                return None;
            }
            break;
        }
    }
    if bare && !pending.is_empty() && !role_lists(pending.drain(..), Role::Any, &mut out) {
        return None;
    }
    let organ = out.iter().any(|(u, _)| looks_like_organ(u));
    (pending.is_empty() && organ).then_some(out)
}

/// The units of unit lists (split at 、) that share the role word of the last, appended to
/// `out`; false (and nothing appended from the failing list on) when a piece is no unit name.
fn role_lists<'a>(lists: impl Iterator<Item = &'a str>, role: Role, out: &mut Vec<(String, Role)>) -> bool {
    for list in lists {
        let mut names: Vec<(String, Option<Role>)> = Vec::new();
        for (_, piece) in split_top(list, |c| c == '、') {
            let (name, own) = strip_unit(piece);
            if !plausible_unit(name) {
                return false;
            }
            names.push((name.to_string(), own));
        }
        // "A、B牵头负责、C组织落实": a role word inside the list names the units before it
        // (back to the previous one that has its own); the part's role names the rest.
        let mut carry = role;
        let mut roles = vec![role; names.len()];
        for (k, (_, own)) in names.iter().enumerate().rev() {
            if let Some(r @ (Role::Lead | Role::Support)) = own {
                carry = *r;
            }
            roles[k] = if k + 1 == names.len() { unit_role(*own, role) } else { unit_role(*own, carry) };
        }
        out.extend(names.into_iter().map(|(n, _)| n).zip(roles));
    }
    true
}

/// True for a part of a statement that is only a deadline ("2025年6月底前完成", "2024年底前").
fn is_deadline_part(part: &str) -> bool {
    part.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '年' || c == '月')
        && crate::grammar::dates::parse_date(part, &crate::grammar::dates::DateContext { year: None, now: None })
            .is_some()
}

/// A bracketed statement opening at `at`: （…） (…) 〔…〕 【…】. The content is cut into clauses
/// at 。; each clause is a labelled list, a role form, or the first-is-lead rule; other clauses
/// ("以下均需试点城市政府落实，不再列出") are passed over.
pub(super) fn bracketed(s: &str, at: usize) -> Option<Parsed> {
    let open = s[at..].chars().next().filter(|c| is_paren_open(*c))?;
    let start = at + open.len_utf8();
    let mut depth = 1usize;
    let mut close = None;
    for (k, c) in s[start..].char_indices() {
        if k > MAX_BRACKET || c == '\n' || c == '\r' {
            break;
        }
        if is_paren_open(c) {
            depth += 1;
        } else if is_paren_close(c) {
            depth -= 1;
            if depth == 0 {
                close = Some((start + k, c.len_utf8()));
                break;
            }
        }
    }
    let Some((close, close_len)) = close else {
        return cut_off_bracket(s, start);
    };
    let mut out = Parsed { end: close + close_len, ..Parsed::default() };
    let inner = &s[start..close];
    out.rule = bracket_rules(inner);
    for (_, clause) in split_top(inner, |c| c == '。') {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        if let Some(p) = labelled(clause, 0) {
            out.units.extend(p.units);
            out.rule.add(p.rule);
        } else if let Some(units) = role_form(clause, out.rule.first_is_lead) {
            out.units.extend(units);
        }
    }
    (!out.units.is_empty()).then_some(out)
}

/// The rule clauses of a bracket's content, each clause (at 。) and each part (at ，；) read.
fn bracket_rules(inner: &str) -> RuleNote {
    let mut note = RuleNote::default();
    // The test of RuleNote::read, once for the whole bracket: most brackets hold no rule.
    if !inner.contains(RULE_CHARS) {
        return note;
    }
    for (_, clause) in split_top(inner, |c| c == '。') {
        for (_, part) in split_top(clause, |c| matches!(c, ',' | '，' | ';' | '；')) {
            note.read(part);
        }
    }
    note
}

/// A bracket cut off by the end of the text, "(市行政审批服务局": a statement only when what
/// follows the bracket up to the end is a short list of organ names.
fn cut_off_bracket(s: &str, start: usize) -> Option<Parsed> {
    // Checked before trimming, so that a long tail is never walked again for every bracket.
    if s.len() - start > 300 {
        return None;
    }
    let rest = s[start..].trim_end();
    if rest.len() > 150 || rest.contains(['\n', '\r', '。']) {
        return None;
    }
    let pieces = split_top(rest, is_unit_sep);
    let mut units = Vec::new();
    for (k, (_, piece)) in pieces.iter().enumerate() {
        let (name, own) = strip_unit(piece);
        // "(市政府辦公室、市": the text stops inside the last name.
        if k + 1 == pieces.len() && k > 0 && cut_off(name) {
            break;
        }
        if !(plausible_unit(name) && looks_like_organ(name)) {
            return None;
        }
        units.push((name.to_string(), unit_role(own, Role::Any)));
    }
    (!units.is_empty()).then_some(Parsed { end: s.len(), units, ..Parsed::default() })
}

/// One prose part: its units, where it ends, and the role its role word says.
type ProsePart = (Vec<(String, Role)>, usize, Role);

/// One part of the prose form after 由 (or after the comma that continues it): a short unit list,
/// a role word, and then the end of the clause. Units are split at 、 and 与 ("A与B落实").
fn prose_part(s: &str, from: usize) -> Option<ProsePart> {
    let lex = lexicon();
    let mut depth = 0usize;
    for (n, (k, c)) in s[from..].char_indices().enumerate() {
        if n > MAX_PROSE {
            return None;
        }
        let j = from + k;
        if depth == 0 && k > 0 && lex.roles.starts(c) {
            let hit = lex.roles.starting_with(c).iter().find_map(|(w, role)| {
                let after = j + w.len();
                let ends = s[j..].starts_with(w)
                    && s[after..]
                        .chars()
                        .next()
                        .is_none_or(|t| matches!(t, '。' | '，' | ',' | '；' | ';' | '！' | '\n' | '\r' | '）' | ')'));
                ends.then_some((*role, after))
            });
            if let Some((role, after)) = hit {
                return prose_units(&s[from..after], role).map(|units| (units, after, role));
            }
        }
        if is_paren_open(c) {
            depth += 1;
        } else if is_paren_close(c) {
            depth = depth.checked_sub(1)?;
        } else if depth == 0
            && (c.is_whitespace() || c == '由' || (c.is_ascii_punctuation() || is_cjk_punct(c)) && c != '、')
        {
            return None;
        }
    }
    None
}

/// The units of one prose part up to and with its role word ("市住建局与市财政局落实",
/// "会同B、C组织实施", "A会同B负责"), split at 、 and 与. Units after 会同 support the ones
/// before it. Every unit must end as an organ's name: the names stop at the verb, and a clause
/// such as "市财政局联合报省住建厅审核后实施" names no owner.
fn prose_units(span: &str, role: Role) -> Option<Vec<(String, Role)>> {
    let (head, with) = split_with(span);
    let mut units = Vec::new();
    let head_role = if with.is_some() && role == Role::Any { Role::Lead } else { role };
    for (list, role) in [(head, head_role), (with.unwrap_or(""), Role::Support)] {
        for (_, piece) in split_top(list, |c| matches!(c, '、' | '与')) {
            if list.is_empty() {
                break;
            }
            let (name, own) = strip_unit(piece);
            if !(plausible_unit(name) && looks_like_organ(name)) {
                return None;
            }
            units.push((name.to_string(), unit_role(own, role)));
        }
    }
    (!units.is_empty()).then_some(units)
}

/// `span` split at a word that opens supporting units (会同): the part before (empty when the
/// span opens with it) and the part after.
fn split_with(span: &str) -> (&str, Option<&str>) {
    for w in &lexicon().with {
        if let Some(k) = span.find(w) {
            return (&span[..k], Some(&span[k + w.len()..]));
        }
    }
    (span, None)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '“' | '”' | '《' | '》' | '‘' | '’')
}

/// The prose form at a 由: "由市创建办负责", "由街镇（园区）牵头，区绿化市容局配合落实".
/// Not 由于/自由/理由, and not "由县政府负责同志任组长" (the role word must end the clause).
pub(super) fn prose(s: &str, at: usize) -> Option<Parsed> {
    let rest = s[at..].strip_prefix('由')?;
    if rest.starts_with(['于', '此']) || s[..at].ends_with(['自', '理', '缘', '经', '因']) {
        return None;
    }
    let (mut units, mut end, role) = prose_part(s, s.len() - rest.len())?;
    // "……牵头，B配合落实": continuation parts after a comma.
    while let Some(c) = s[end..].chars().next().filter(|c| matches!(c, '，' | ',')) {
        match prose_part(s, end + c.len_utf8()) {
            Some((more, e, _)) => {
                units.extend(more);
                end = e;
            }
            None => break,
        }
    }
    Some(Parsed { end, units, prose: true, says_lead: role == Role::Lead, ..Parsed::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &Parsed) -> Vec<&str> {
        p.units.iter().map(|(u, _)| u.as_str()).collect()
    }

    #[test]
    fn markers() {
        assert!(item_marker("(6)建立党").is_ok());
        assert!(item_marker("（二）任务").is_ok());
        assert!(item_marker("2.大力").is_ok());
        assert!(item_marker("1.5倍").is_err());
        assert!(item_marker("县委办").is_err());
    }

    #[test]
    fn labelled_stops_at_next_item() {
        let s = "责任单位。县委办、县政府办、县政务信息中心(6)建立党政领导接待群众来访制度";
        let p = labelled(s, 0).unwrap();
        assert_eq!(names(&p), ["县委办", "县政府办", "县政务信息中心"]);
        assert!(s[p.end..].starts_with("(6)"));
    }

    /// A flattening turned the line end inside "园区党工" / "委" into a space: the name runs on
    /// over it, as over the line end; a space between two whole names still ends the list.
    #[test]
    fn name_broken_by_a_space() {
        for s in [
            "协办单位:区委编办、园区党工 委、各街道党工委 2.以区域化党建",
            "协办单位:区委编办、园区党工\n委、各街道党工委\n2.以区域化党建",
        ] {
            let p = labelled(s, 0).unwrap();
            assert_eq!(names(&p), ["区委编办", "园区党工委", "各街道党工委"], "{s:?}");
        }
        let p = labelled("责任单位:县委办 县政府办负责督促", 0).unwrap();
        assert_eq!(names(&p), ["县委办"]);
    }

    #[test]
    fn full_stop_label_only_at_sentence_start() {
        assert!(labelled("落实到责任单位。各乡镇要", 9).is_none());
        assert!(labelled("责任单位。县委宣传部、县创立办。", 0).is_some());
    }

    #[test]
    fn prose_forms() {
        let s = "设计制作由市创建办负责,宣传工作由各镇街及相关部门负责。";
        let p = prose(s, s.find('由').unwrap()).unwrap();
        assert_eq!(names(&p), ["市创建办"]);
        assert!(prose("由县政府负责同志任组长", 0).is_none());
        assert!(prose("由于各部门负责，", 0).is_none());
        assert!(prose("由分管副区长牵头统筹协调", 0).is_none());
        let s = "由街镇（园区）牵头，区绿化市容局配合落实。";
        let p = prose(s, 0).unwrap();
        assert_eq!(p.units, [("街镇（园区）".to_string(), Role::Lead), ("区绿化市容局".to_string(), Role::Support)]);
    }

    #[test]
    fn ordinary_brackets_are_not_statements() {
        for s in [
            "（谁主管谁负责）",
            "（以下简称《方案》）",
            "（2023年5月-8月）",
            "（试行）",
            "（负责）",
            "（由县政府负责同志任组长）",
        ] {
            assert!(bracketed(s, 0).is_none(), "{s}");
        }
    }

    #[test]
    fn cut_off_bracket_at_end() {
        let s = "实现“一套材料、一次填报”。(市行政审批服务局";
        let p = bracketed(s, s.find('(').unwrap()).unwrap();
        assert_eq!(names(&p), ["市行政审批服务局"]);
        assert!(bracketed("(详见附件", 0).is_none());
    }
}
