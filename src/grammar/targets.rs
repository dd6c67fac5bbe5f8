//! Quantitative targets (指标/目标值): 满意度达90%以上, 不少于5000万元, 控制在5%以内, 新增1000个,
//! 覆盖12.6万户, 达到百分之八十五.
//!
//! A target phrase is `comparator? (gap 的)? quantity (、 quantity)*` or a bare `quantity`, where
//! `quantity = number magnitude? infix? unit ("/" magnitude? denominator)? postfix?`. The phrase
//! grammar is written with nom; a single left-to-right scan proposes starting points (a comparator
//! word, a digit, 百分之), so the whole text is read once.
//!
//! Precision matters more than reach: users read these values as the plan's commitments. So a
//! number counts only with a measure word or percent sign (dates, 文号, item markers, phone and page
//! numbers have none), and numbers are ignored inside brackets (breakdowns such as 省级2个), book
//! titles (《…2018—2022年…》), short quotations (names such as “121人才”), after 第 (ordinals), in
//! ranges (1到2个) and in per-unit standards (每户配置1组).

use std::sync::OnceLock;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::combinator::{opt, recognize};
use nom::error::{Error, ErrorKind};
use nom::multi::many0_count;
use nom::{IResult, Parser};

use super::numerals::{cn_digit, is_cn_numeral, parse_cn_number};
use super::words::{CharBloom, Marks, WordIndex};
use super::{data, Found};
use crate::chars::{digit_value, is_digit};
use crate::model::{Op, Target};

type Res<'a, O> = IResult<&'a str, O>;

/// Every quantitative target stated in `text`, in order, with the byte range of its phrase.
///
/// The range covers the comparator words and the quantity (达90%以上), not the indicator;
/// `raw` is the text of that range.
pub fn scan_targets(text: &str) -> Vec<Found<Target>> {
    scan_targets_in(&Marks::new(text, stops()))
}

/// What [`scan_targets_in`] stops at: what may open a phrase, and the brackets and words of
/// the spans whose numbers are no targets.
pub fn stops() -> CharBloom {
    lexicon().opens.union(BLOCK_STOPS)
}

/// [`scan_targets`] of the text of `marks`, which cover [`stops`].
pub fn scan_targets_in(marks: &Marks) -> Vec<Found<Target>> {
    let text = marks.text();
    let lex = lexicon();
    let blocked = blocked_spans(marks, lex);
    let mut out = Vec::new();
    let mut next_block = 0;
    // Each character is decoded once; `resume` is where the scan goes on after a phrase or a
    // blocked span.
    let mut resume = 0;
    // A phrase opens with a comparator word, a digit or 百分之: other characters are passed
    // without trying the grammar (most of them by the filter of `hits`).
    for (i, c) in marks.hits(&lex.opens) {
        if i < resume {
            continue;
        }
        if !(is_digit(c) || c == '百' || lex.before.may_start(c)) {
            continue;
        }
        // Skip what lies inside brackets, titles, names and per-unit standards.
        while next_block < blocked.len() && blocked[next_block].1 <= i {
            next_block += 1;
        }
        if let Some(&(from, to)) = blocked.get(next_block) {
            if from <= i {
                resume = to;
                continue;
            }
        }
        match try_at(text, i, lex) {
            Step::Found(found, end) => {
                out.extend(found);
                resume = end;
            }
            Step::Skip(to) => resume = to,
            Step::Miss => {}
        }
    }
    out
}

/// The word lists of the grammar, read once from `grammar/*.txt`.
struct Lexicon {
    /// Comparators before the number, longest first, with op and the comparative-adjective flag.
    before: WordIndex<(Op, bool)>,
    after: WordIndex<Op>,
    infix: WordIndex<Op>,
    units: WordIndex<()>,
    unit_stops: WordIndex<()>,
    denominators: WordIndex<()>,
    magnitudes: WordIndex<()>,
    indicators: WordIndex<()>,
    indicator_skip: WordIndex<()>,
    indicator_bounds: WordIndex<()>,
    per_ok: WordIndex<()>,
    /// Units of durations and grades, targets only beside a comparator or limit word.
    bounded: WordIndex<()>,
    /// Nouns of posts whose counts are no targets (职位4个).
    not_counts: WordIndex<()>,
    /// What may open a phrase: digits, 百, the first characters of `before`.
    opens: CharBloom,
}

/// The full-width digits (`is_digit` holds them too).
const FULL_DIGITS: [char; 10] = ['０', '１', '２', '３', '４', '５', '６', '７', '８', '９'];

fn op_of(s: &str) -> Option<Op> {
    Some(match s {
        ">=" => Op::Ge,
        ">" => Op::Gt,
        "<=" => Op::Le,
        "<" => Op::Lt,
        "=" => Op::Eq,
        "~" => Op::Approx,
        _ => return None,
    })
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut infix = Vec::new();
        for line in data::list("comparators") {
            let cols: Vec<&'static str> = line.split_whitespace().collect();
            let (Some(word), Some(op)) = (cols.first(), cols.get(1).and_then(|o| op_of(o))) else {
                continue;
            };
            match cols.get(2).copied() {
                Some("before") => before.push((*word, (op, cols.get(3) == Some(&"adj")))),
                Some("after") => after.push((*word, op)),
                Some("infix") => infix.push((*word, op)),
                _ => {}
            }
        }
        let plain = |name| WordIndex::plain(data::list(name));
        let before = WordIndex::longest_first(before);
        let digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '百'];
        let opens = before.first_chars().bloom().with_all(&digits).union(CharBloom::EMPTY.with_all(&FULL_DIGITS));
        Lexicon {
            opens,
            before,
            after: WordIndex::longest_first(after),
            infix: WordIndex::longest_first(infix),
            units: plain("target_units"),
            unit_stops: plain("target_unit_stops"),
            denominators: plain("target_denominators"),
            magnitudes: plain("target_magnitudes"),
            indicators: plain("target_indicators"),
            indicator_skip: plain("target_indicator_skip"),
            indicator_bounds: plain("target_indicator_bounds"),
            per_ok: plain("target_per_ok"),
            bounded: WordIndex::longest_first(data::list("target_bounded_units").iter().map(|w| (*w, ()))),
            not_counts: plain("target_not_counts"),
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Phrase grammar (nom)

fn fail<T>(s: &str) -> Res<'_, T> {
    Err(nom::Err::Error(Error::new(s, ErrorKind::Tag)))
}

/// The first entry of `words` (longest first) that `s` starts with, with its payload.
fn word_of<'a, T: Copy>(words: &[(&'static str, T)], s: &'a str) -> Res<'a, (&'a str, T)> {
    for &(w, t) in words {
        if let Some(rest) = s.strip_prefix(w) {
            return Ok((rest, (&s[..w.len()], t)));
        }
    }
    fail(s)
}

/// Skips the few spaces that text extracted from PDF leaves inside a phrase (完成 185 个).
fn ws(s: &str) -> &str {
    let mut rest = s;
    for _ in 0..4 {
        match rest.chars().next() {
            // A line break ends the phrase: "15:53:47\n名称" is a time and a label.
            Some(c) if c.is_whitespace() && c != '\n' && c != '\r' => rest = &rest[c.len_utf8()..],
            _ => break,
        }
    }
    rest
}

/// `s` without the few spaces at its end (the mirror of [`ws`]).
fn ws_back(s: &str) -> &str {
    let mut rest = s;
    for _ in 0..4 {
        match rest.chars().next_back() {
            Some(c) if c.is_whitespace() && c != '\n' && c != '\r' => rest = &rest[..rest.len() - c.len_utf8()],
            _ => break,
        }
    }
    rest
}

/// A postfix comparator (以上, 左右) after optional spaces; the spaces are consumed only with it.
fn postfix<'a>(rest: &'a str, lex: &Lexicon) -> (&'a str, Option<Op>) {
    let rest_ws = ws(rest);
    match word_of(lex.after.at(rest_ws), rest_ws) {
        Ok((r, (_, op))) => (r, Some(op)),
        Err(_) => (rest, None),
    }
}

/// 12, 1.5, １２．６ (half- or full-width).
fn arabic(s: &str) -> Res<'_, &str> {
    recognize((
        take_while1(is_digit),
        // Counted, not collected: many0 would allocate a Vec on every number.
        many0_count(thousands),
        opt((alt((tag("."), tag("．"))), take_while1(is_digit))),
    ))
    .parse(s)
}

/// ",000" in 5,000万元: a comma and exactly three digits (",0001" is no group).
fn thousands(s: &str) -> Res<'_, &str> {
    let (rest, group) = recognize((tag(","), take_while_m_n(3, 3, is_digit))).parse(s)?;
    if rest.chars().next().is_some_and(is_digit) {
        return fail(s);
    }
    Ok((rest, group))
}

/// 八十五, 九十五点五.
fn chinese(s: &str) -> Res<'_, &str> {
    recognize((take_while1(is_cn_numeral), opt((tag("点"), take_while1(|c| cn_digit(c).is_some()))))).parse(s)
}

/// The value of a number recognized by [`arabic`] or [`chinese`].
fn value_of(num: &str) -> Option<f64> {
    if num.chars().next().is_some_and(is_digit) {
        // Plain ASCII digits (the common case) parse as they are, without a copy.
        if num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return if num.len() > 16 { None } else { num.parse().ok().filter(|v: &f64| v.is_finite()) };
        }
        let ascii: String = num
            .chars()
            .filter(|c| *c != ',')
            .map(|c| match digit_value(c) {
                Some(d) => char::from(b'0' + d as u8),
                None => '.',
            })
            .collect();
        // More digits than any planned quantity has: an identifier (证照号, 电话), not a value.
        if ascii.len() > 16 {
            return None;
        }
        return ascii.parse().ok().filter(|v: &f64| v.is_finite());
    }
    let (int, frac) = match num.split_once('点') {
        Some((i, f)) => (i, Some(f)),
        None => (num, None),
    };
    let mut v = f64::from(parse_cn_number(int)?);
    if let Some(f) = frac {
        let mut scale = 0.1;
        for c in f.chars() {
            v += f64::from(cn_digit(c)?) * scale;
            scale /= 10.0;
        }
    }
    Some(v)
}

/// The first of `words` (longest first) that `s` starts with.
fn plain_word<'a>(words: &WordIndex<()>, s: &'a str) -> Res<'a, &'a str> {
    match words.prefix_of(s) {
        Some((w, ())) => Ok((&s[w.len()..], &s[..w.len()])),
        None => fail(s),
    }
}

/// A measure word or percent sign, with an optional rate denominator (起/万户, 吨/日).
/// Returns the unit as it goes into `Target::unit` (％ written as %), and whether it is a unit of
/// duration or grade (grammar/target_bounded_units.txt).
fn unit<'a>(s: &'a str, lex: &Lexicon) -> Res<'a, (String, bool)> {
    if let Some((u, ())) = lex.bounded.prefix_of(s) {
        return Ok((&s[u.len()..], (u.to_string(), true)));
    }
    let mut found = None;
    for &(u, ()) in lex.units.at(s) {
        if s.starts_with(u) && !lex.unit_stops.at(s).iter().any(|(w, ())| s.starts_with(w)) {
            found = Some(u);
            break;
        }
    }
    let Some(u) = found else { return fail(s) };
    let mut rest = &s[u.len()..];
    let mut out = if u == "％" { "%".to_string() } else { u.to_string() };
    if let Ok((r, (slash, mag, den))) =
        (alt((tag("/"), tag("／"))), opt(|x| plain_word(&lex.magnitudes, x)), |x| plain_word(&lex.denominators, x))
            .parse(rest)
    {
        let _ = slash;
        out.push('/');
        if let Some(m) = mag {
            out.push_str(m);
        }
        out.push_str(den);
        rest = r;
    }
    Ok((rest, (out, false)))
}

/// One parsed quantity.
#[derive(Debug, Clone)]
struct Quantity {
    value: f64,
    unit: String,
    /// Op of an infix (余/多) or postfix (以上/左右) word.
    own_op: Option<Op>,
    /// True when a postfix word closes the quantity (its op may extend to earlier list members).
    postfix: bool,
    /// A duration or grade (个工作日, 级): a target only with a comparator or limit word.
    bounded: bool,
    /// Bytes consumed.
    len: usize,
}

/// What a quantity parse found.
enum Parsed {
    Quantity(Quantity),
    /// A range such as 1到2个 or 30%-50%: no single target; skip this many bytes.
    Range(usize),
    None,
}

const RANGE_MARKS: &[char] = &['到', '至', '-', '－', '—', '～', '~', '–'];

/// If `s` starts with a range mark followed by a number, the length of mark and number.
fn range_after(s: &str, allow_cn: bool) -> Option<usize> {
    let mark = s.chars().next().filter(|c| RANGE_MARKS.contains(c))?;
    let after = &s[mark.len_utf8()..];
    let (rest, _) = arabic(after).or_else(|e| if allow_cn { chinese(after) } else { Err(e) }).ok()?;
    Some(s.len() - rest.len())
}

/// `number magnitude? infix? unit denominator? postfix?`, or `百分之number postfix?`.
fn quantity(s: &str, lex: &Lexicon, allow_cn: bool) -> Parsed {
    if let Ok((rest, num)) = (tag("百分之"), alt((arabic, chinese))).map(|(_, n)| n).parse(s) {
        let Some(value) = value_of(num) else { return Parsed::None };
        let (rest, post) = postfix(rest, lex);
        return Parsed::Quantity(Quantity {
            value,
            unit: "%".into(),
            own_op: post,
            postfix: post.is_some(),
            bounded: false,
            len: s.len() - rest.len(),
        });
    }
    let number = if allow_cn { alt((arabic, chinese)).parse(s) } else { arabic(s) };
    let Ok((after_num, num)) = number else { return Parsed::None };
    let after_num = ws(after_num);
    let Some(value) = value_of(num) else { return Parsed::None };
    // Try each magnitude word, then none: 5千米 reads as 5 千米, 5万千瓦 as 5 万千瓦.
    let mags = lex.magnitudes.at(after_num).iter().map(|(m, ())| *m).filter(|m| after_num.starts_with(m));
    for mag in mags.chain(std::iter::once("")) {
        let rest = ws(&after_num[mag.len()..]);
        if let Some(n) = range_after(rest, allow_cn) {
            return Parsed::Range(s.len() - rest.len() + n);
        }
        let (rest, infix) = match word_of(lex.infix.at(rest), rest) {
            Ok((r, (_, op))) => (r, Some(op)),
            Err(_) => (rest, None),
        };
        let Ok((rest, (u, bounded))) = unit(rest, lex) else { continue };
        if let Some(n) = range_after(rest, false) {
            return Parsed::Range(s.len() - rest.len() + n);
        }
        let (mut rest, mut post) = postfix(rest, lex);
        // 5个工作日内: 内 (traditional 內) after a duration is its limit.
        if bounded && post.is_none() {
            if let Some(r) = rest.strip_prefix(['内', '內']) {
                (rest, post) = (r, Some(Op::Le));
            }
        }
        return Parsed::Quantity(Quantity {
            value,
            unit: format!("{mag}{u}"),
            own_op: post.or(infix),
            postfix: post.is_some(),
            bounded,
            len: s.len() - rest.len(),
        });
    }
    Parsed::None
}

/// The words between a comparator and its number that name the base of a share:
/// 不低于[采购金额的]30%. At most ten characters, no digits or punctuation.
fn share_gap(s: &str) -> Res<'_, &str> {
    recognize((take_while_m_n(1, 10, |c: char| c != '的' && is_ideograph(c)), tag("的"))).parse(s)
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

// ---------------------------------------------------------------------------------------------
// Scan

enum Step {
    /// Targets found; continue after this byte.
    Found(Vec<Found<Target>>, usize),
    /// Nothing here, and nothing up to this byte either (a range).
    Skip(usize),
    Miss,
}

fn target(text: &str, start: usize, end: usize, q: &Quantity, op: Op, lex: &Lexicon) -> Found<Target> {
    Found {
        value: Target {
            raw: text[start..end].to_string(),
            indicator: indicator(text, start, lex),
            op,
            value: q.value,
            unit: q.unit.clone(),
        },
        start,
        end,
    }
}

/// `rest` after a comparator `word`, past the words that name the base of the quantity: a share's
/// base with 的 (不低于[采购金额的]30%), or, after a comparator of two characters or more, a noun
/// before an Arabic number (不低于[城镇常住人口]10天市场供应量). `rest` where none stands.
fn skip_base<'a>(rest: &'a str, word: &str, lex: &Lexicon) -> &'a str {
    if let Ok((r, _)) = share_gap(rest) {
        if !matches!(quantity(r, lex, true), Parsed::None) {
            return r;
        }
    }
    if word.chars().count() >= 2 {
        let gap = rest.char_indices().take(9).find(|(_, c)| *c == '的' || !is_ideograph(*c)).map(|(k, _)| k);
        // A text layer's space before the number ("城镇常住人口 10 天") is no gap of its own.
        if let Some(r) = gap.filter(|&k| k > 0).map(|k| ws(&rest[k..])) {
            if r.starts_with(|c: char| c.is_ascii_digit()) && !matches!(quantity(r, lex, false), Parsed::None) {
                return r;
            }
        }
    }
    rest
}

/// Tries a target phrase starting at byte `i` (a char boundary).
fn try_at(text: &str, i: usize, lex: &Lexicon) -> Step {
    let s = &text[i..];
    // A phrase opens with a comparator word, a digit or 百分之: any other character is a miss,
    // known without trying the grammar.
    match s.chars().next() {
        Some(c) if !lex.before.starting_with(c).is_empty() || is_digit(c) || c == '百' => {}
        _ => return Step::Miss,
    }
    if let Ok((rest, (word, (op, adj)))) = word_of(lex.before.at(s), s) {
        let rest = skip_base(ws(rest), word, lex);
        let mut pos = text.len() - rest.len();
        let mut list: Vec<(usize, usize, Quantity)> = Vec::new();
        loop {
            match quantity(&text[pos..], lex, true) {
                Parsed::Quantity(q) => {
                    let end = pos + q.len;
                    let from = if list.is_empty() { i } else { pos };
                    list.push((from, end, q));
                    pos = end;
                }
                Parsed::Range(n) if list.is_empty() => return Step::Skip(pos + n),
                _ => break,
            }
            // 分别达到80％、50％以上: members of a list share the comparator.
            // 、 和 及 与 join the members ("分别不低于13%和8%").
            match ["、", "和", "及", "与"].iter().find_map(|j| text[pos..].strip_prefix(j)) {
                Some(r) if !matches!(quantity(r, lex, true), Parsed::None) => pos = text.len() - r.len(),
                _ => break,
            }
        }
        if let Some(&(_, end, _)) = list.last() {
            // 厚度低于0.01毫米的地膜: a description, not a target.
            if (adj && text[end..].starts_with('的')) || condition_follows(&text[end..]) {
                return Step::Skip(end);
            }
            let shared = list.last().and_then(|(_, _, q)| if q.postfix { q.own_op } else { None });
            let found = list
                .iter()
                .map(|(from, to, q)| target(text, *from, *to, q, q.own_op.or(shared).unwrap_or(op), lex))
                .collect();
            return Step::Found(found, end);
        }
    }

    let first = s.chars().next();
    let bare_start = first.is_some_and(is_digit) || s.starts_with("百分之");
    if !bare_start {
        return Step::Miss;
    }
    let before = ws_back(&text[..i]);
    let prev = before.chars().next_back();
    // Not the middle of a number, a code (5G, S221), an ordinal (第3届) or a range's second end.
    if let Some(p) = prev {
        if is_digit(p) || p.is_ascii_alphabetic() || matches!(p, '.' | '．' | '第' | ':' | '/') {
            return Step::Miss;
        }
        let before = before[..before.len() - p.len_utf8()].chars().next_back();
        if RANGE_MARKS.contains(&p) && before.is_some_and(|b| is_digit(b) || b == '%' || b == '％') {
            return Step::Miss;
        }
        // 1,0000: not a thousands group, and its tail is no number of its own.
        if p == ',' && before.is_some_and(is_digit) {
            return Step::Miss;
        }
    }
    match quantity(s, lex, false) {
        Parsed::Quantity(q) => {
            let end = i + q.len;
            // 24小时开放: a duration without a limit word sets nothing.
            let unbounded = q.bounded && q.own_op.is_none();
            if unbounded || condition_follows(&text[end..]) || !bare_count_stands(text, i, end, &q, lex) {
                return Step::Skip(end);
            }
            let op = q.own_op.unwrap_or(Op::Eq);
            Step::Found(vec![target(text, i, end, &q, op, lex)], end)
        }
        Parsed::Range(n) => Step::Skip(i + n),
        Parsed::None => Step::Miss,
    }
}

/// Clause punctuation: a look-back for context stops here.
fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '？' | '!' | '?' | '\n')
}

/// The text of the clause before byte `i`, at most `max` characters.
fn clause_before(text: &str, i: usize, max: usize) -> &str {
    let mut from = i;
    for (b, c) in text[..i].char_indices().rev().take(max) {
        if is_clause_break(c) {
            break;
        }
        from = b;
    }
    &text[from..i]
}

/// `s` after a short bracketed note right at its start ("(不含6亩)的土地" → "的土地").
fn skip_note(s: &str) -> &str {
    let Some(inner) = s.strip_prefix(['(', '（']) else { return s };
    match inner.char_indices().take(12).find(|(_, c)| matches!(c, ')' | '）')) {
        Some((k, c)) => &inner[k + c.len_utf8()..],
        None => s,
    }
}

/// 入围生产企业为2家的，……: a quantity that ends in 的 before punctuation names a condition.
fn condition_follows(rest: &str) -> bool {
    let mut it = rest.chars();
    it.next() == Some('的') && it.next().is_none_or(is_clause_break)
}

/// Whether a bare count (no comparator word) reads as a commitment rather than a description:
/// - 北京、天津……西安11个城市, 纳税、获得电力……企业开办4项指标, ……等8个方面: a count summing up a
///   list of names just before it (as opposed to 服务点670个、中转站12座, where the list holds
///   quantities, or 新建学校、幼儿园15所。 at the end of the clause);
/// - 各派1名代表: one per unit, a standard like 每户1组;
/// - 25户以下未建新农村村庄: a size class (以下 + noun), not a limit.
fn bare_count_stands(text: &str, start: usize, end: usize, q: &Quantity, lex: &Lexicon) -> bool {
    let before = ws_back(&text[..start]);
    let prev: Vec<char> = before.chars().rev().take(2).collect();
    let after = ws(&text[end..]);
    let noun_follows = after.chars().next().is_some_and(is_ideograph);
    // 新增了34个指标: 了 tells what has been done, not what is planned.
    if matches!(prev.first(), Some('等' | '了')) || prev.contains(&'各') {
        return false;
    }
    // 单笔金额500万元以下的项目, 6亩以下(不含6亩)的土地: a size class, not a limit (while
    // 5个工作日内办结 is a time limit).
    if q.postfix
        && !q.bounded
        && matches!(q.own_op, Some(Op::Le))
        && skip_note(after).chars().next().is_some_and(is_ideograph)
    {
        return false;
    }
    // 5级以上地震: a grade or duration with 以上 before a noun is a class, not a target.
    if q.bounded && q.own_op == Some(Op::Ge) && after.chars().next().is_some_and(is_ideograph) {
        return false;
    }
    // 招聘职位4个, 限报1个职位: the scope of a notice.
    if lex.not_counts.suffix_of(before).is_some() || lex.not_counts.prefix_of(after).is_some() {
        return false;
    }
    // 围绕“十四五”10个市级示范村: a count owned by a quoted name describes that plan, not this one.
    if q.own_op.is_none() && noun_follows && matches!(prev.first(), Some('”' | '》')) {
        return false;
    }
    // 实行“1+2+3”理念，即1名“黄马夹”与2名居委干部配合: 即 opens an explanation.
    if clause_before(text, start, 60).starts_with('即') {
        return false;
    }
    if q.own_op.is_none() && q.unit != "%" && noun_follows && prev.first() != Some(&'、') {
        let clause = clause_before(text, start, 60);
        if let Some(last) = clause.rfind('、') {
            // 重点引进、培养和扶持100名: a list of verbs closed by 和 is no list of names.
            if clause[last..].contains(['和', '及']) {
                return true;
            }
            let head = &clause[..last];
            let element = head.rsplit('、').next().unwrap_or(head);
            if !element.chars().any(is_digit) {
                return false;
            }
        }
    }
    true
}

/// The brackets of the spans whose numbers are no targets: (opener, closer, longest span in
/// chars that is still taken as one unit).
const PAIRS: &[(&[char], &[char], usize)] = &[
    (&['（', '('], &['）', ')'], 150),
    (&['《'], &['》'], 100),
    (&['“', '「'], &['”', '」'], 20),
    (&['【', '['], &['】', ']'], 60),
    (&['〔'], &['〕'], 10),
];

/// Every opener and closer of PAIRS in one Bloom word: most characters skip the table.
const BRACKETS: CharBloom = {
    let mut bits = CharBloom::EMPTY;
    let mut k = 0;
    while k < PAIRS.len() {
        bits = bits.with_all(PAIRS[k].0).with_all(PAIRS[k].1);
        k += 1;
    }
    bits
};

/// What [`blocked_spans`] stops at: the brackets, 每 and the ends of a per-unit standard.
const BLOCK_STOPS: CharBloom =
    BRACKETS.union(CharBloom::EMPTY.with_all(&['每', '。', '；', ';', '！', '？', '!', '?', '\n']));

/// Byte spans whose numbers are not targets: bracketed text (（省级2个、州级7个）, 责任单位 lines),
/// book titles, short quotations (names: “121人才梯队项目”), 〔2023〕, and per-unit standards
/// (每户配置1组 … up to the end of the sentence). Sorted and merged. One pass over the text.
fn blocked_spans(marks: &Marks, lex: &Lexicon) -> Vec<(usize, usize)> {
    let text = marks.text();
    let mut spans = Vec::new();
    let mut open: Vec<Vec<usize>> = vec![Vec::new(); PAIRS.len()];
    let mut per_from: Option<usize> = None;
    for (b, c) in marks.hits(&BLOCK_STOPS) {
        if BRACKETS.may_hold(c) {
            for (k, (openers, closers, limit)) in PAIRS.iter().enumerate() {
                if openers.contains(&c) {
                    open[k].push(b);
                } else if closers.contains(&c) {
                    if let Some(ob) = open[k].pop() {
                        // At most `limit` characters from the opener to the closer (counted no
                        // further than that).
                        let inner = &text[ob..b];
                        if inner.len() <= *limit || inner.chars().take(limit + 1).count() <= *limit {
                            spans.push((ob, b + c.len_utf8()));
                        }
                    }
                }
            }
        }
        if c == '每' {
            let after = &text[b + c.len_utf8()..];
            if per_from.is_none() && lex.per_ok.prefix_of(after).is_none() {
                per_from = Some(b);
            }
        } else if matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?' | '\n') {
            if let Some(from) = per_from.take() {
                spans.push((from, b));
            }
        }
    }
    if let Some(from) = per_from {
        spans.push((from, text.len()));
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// The indicator just before a phrase starting at `start`: the noun phrase that the clause ends
/// with (研发投入强度 in 研发投入强度达到2.5%, 群众满意度 in 确保群众满意度达90%以上). The clause runs
/// back to the last punctuation or non-Han character; adverbs and verbs of change before the
/// number are passed over (日均, 增长, 压减); it must end with an indicator ending (率, 度, 比例,
/// 时间…), and the phrase starts after the last bounding word (的, 对, 确保, 全市…) or at the
/// clause's start, when that is at most 12 characters back (else: the ending and two characters).
fn indicator(text: &str, start: usize, lex: &Lexicon) -> Option<String> {
    let mut from = start;
    for (b, c) in text[..start].char_indices().rev().take(24) {
        if !is_ideograph(c) {
            break;
        }
        from = b;
    }
    let mut clause = &text[from..start];
    // "6个月销量": after a number the clause opens with its measure word, not the indicator.
    if text[..from].chars().next_back().is_some_and(is_digit) {
        clause = clause.trim_start_matches(['个', '月', '年', '日', '天', '周', '季', '度', '时']);
    }
    while let Some((w, ())) = lex.indicator_skip.suffix_of(clause) {
        clause = &clause[..clause.len() - w.len()];
    }
    let (ending, ()) = lex.indicators.suffix_of(clause)?;
    // Back from the end, a character at a time, until a bounding word ends right before it.
    let mut take = Some(0);
    for (n, (b, _)) in clause.char_indices().rev().enumerate() {
        if n == 12 {
            take = None;
            break;
        }
        // A bounding word never cuts into the ending (公园占比 is not 公园占 + 比).
        if b + ending.len() <= clause.len() && lex.indicator_bounds.suffix_of(&clause[..b]).is_some() {
            take = Some(b);
            break;
        }
    }
    // No start within reach (a long description): the ending and two characters before it.
    let take = take.unwrap_or_else(|| {
        let head = &clause[..clause.len() - ending.len()];
        head.char_indices().rev().nth(1).map_or(0, |(b, _)| b)
    });
    let ind = &clause[take..];
    (ind.chars().count() >= 2).then(|| ind.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, unit) of every target in `text`, value printed as the scorer does (90, 1.5).
    fn vu(text: &str) -> Vec<String> {
        scan_targets(text).iter().map(|f| format!("{}{}", f.value.value, f.value.unit)).collect()
    }

    fn one(text: &str) -> Target {
        let found = scan_targets(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0].value.clone()
    }

    #[test]
    fn a_comparator_shared_over_a_list_joined_by_he() {
        let f = scan_targets("力争分别不低于13%和8%");
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|t| t.value.op == Op::Ge));
    }

    #[test]
    fn comparators_and_ops() {
        let t = one("群众对党政机关行政效能的满意度达90%以上");
        assert_eq!((t.op, t.value, t.unit.as_str()), (Op::Ge, 90.0, "%"));
        assert_eq!(t.indicator.as_deref(), Some("满意度"));
        assert_eq!(t.raw, "达90%以上");
        assert_eq!(one("发生率低于2起/万户").op, Op::Lt);
        assert_eq!(one("不低于采购金额的30%").op, Op::Ge);
        assert_eq!(one("增长7.5%左右").op, Op::Approx);
        assert_eq!(one("超过1亿元").unit, "亿元");
        assert_eq!(one("全区干垃圾日均控制量不高于1610吨").op, Op::Le);
        let t = one("湿垃圾分类量日均高于407吨");
        // The whole noun phrase before the adverb (issue 11), not its last three characters.
        assert_eq!((t.op, t.indicator.as_deref()), (Op::Gt, Some("湿垃圾分类量")));
    }

    #[test]
    fn full_width_and_chinese_numerals() {
        let t = one("达到百分之八十五");
        assert_eq!((t.op, t.value, t.unit.as_str()), (Op::Ge, 85.0, "%"));
        let t = one("应用比例达到８０％");
        assert_eq!((t.value, t.unit.as_str()), (80.0, "%"));
        assert_eq!(one("至少三个").value, 3.0);
        // Traditional characters: 個工作日內.
        assert_eq!(vu("開辦企業0.5個工作日內完成"), ["0.5個工作日"]);
    }

    #[test]
    fn lists_share_the_comparator() {
        let found = scan_targets("应用比例分别达到80％、50％以上，打造60个以上的乡土适生树种");
        let got: Vec<_> = found.iter().map(|f| (f.value.value, f.value.op)).collect();
        assert_eq!(got, vec![(80.0, Op::Ge), (50.0, Op::Ge), (60.0, Op::Ge)]);
        assert_eq!(found[0].value.indicator.as_deref(), Some("应用比例"));
    }

    #[test]
    fn corpus_counts() {
        // 004: counts of people, items and organisations are targets; 5年内 and 35岁 are not.
        assert_eq!(
            vu("5年内重点引进100名市管企业中高级经营管理人才，选拔100名正职后备人才、200名副职后备人才，培养100名优秀企业家。"),
            ["100名", "100名", "200名", "100名"]
        );
        assert_eq!(vu("加大对35岁以下青年科技人员扶持培养力度，每年选拔资助不少于100名青年科技人员，连续3年每年给予科研经费资助"), ["100名"]);
        assert_eq!(
            vu("5年内重点培训15万名紧跟科技发展前沿的人才，重点扶持50个市级示范性高级研修班和50场次知识更新名家讲座"),
            ["15万名", "50个", "50场次"]
        );
        assert_eq!(vu("5年内引进和培养文化创意产业领军人才不少于100名，建设1到2个大型的人才培养基地。"), ["100名"]);
        assert_eq!(vu("11.121人才梯队项目。重点培养不少于10名站在世界科技前沿的院士后备人才"), ["10名"]);
        // 027: 2023亩 is an area, not a year; 高度2、高残农药 has no unit.
        assert_eq!(vu("深化农村改革,实现土地流转2023亩,推广规模经营,新培育农场主3家"), ["2023亩", "3家"]);
        assert_eq!(vu("坚决禁用高度2、高残农药,实现无公害茶叶;完成低改品改3000亩"), ["3000亩"]);
        assert_eq!(vu("改造完善前锋村、金花村高标准根本农田项目9754.38亩"), ["9754.38亩"]);
        assert_eq!(vu("力争路段7.8公里全线绿化美化"), ["7.8公里"]);
        // 031: 5G is a name, 2022年 a date.
        assert_eq!(vu("主要目标2022年,全市新建5G基站2600个以上,新建市级及以上创新平台15个以上"), ["2600个", "15个"]);
        // 037: rates with a denominator; 12.6万户 keeps its magnitude word.
        assert_eq!(vu("分类及绿色账户累计达到67.4万户。"), ["67.4万户"]);
        assert_eq!(
            vu("宝山区成立15支志愿者队伍，宣传覆盖约500个居（村）委，发放宣传海报及资料覆盖面达到100%"),
            ["15支", "500个", "100%"]
        );
        assert_eq!(
            vu("要求每户配置1组干湿垃圾投放桶，每村配置1辆专用收集车，设置集中投放的四分类垃圾桶（240升）至少1组，并设置干湿垃圾储存点1处。对全区1918个垃圾箱房进行升级改造"),
            ["1918个"]
        );
        // 041: the breakdown in brackets is not counted again.
        assert_eq!(
            vu("建设1个省级乡村振兴示范乡镇、9个精品示范村(省级2个、州级7个)、352个美丽村庄(省级16个、州级12个、市级25个、乡镇级299个)"),
            ["1个", "9个", "352个"]
        );
        // 002: a thickness limit describes a thing.
        assert_eq!(
            vu("禁止生产和使用厚度低于0.01毫米的地膜。到2020年，重点用膜区当季地膜回收率达到80%以上。"),
            ["80%"]
        );
    }

    #[test]
    fn not_targets() {
        assert!(scan_targets("2023年5月10日前完成").is_empty());
        assert!(scan_targets("X办发〔2023〕12号").is_empty());
        assert!(scan_targets("1.目标。2、任务 3．保障").is_empty());
        assert!(scan_targets("联系电话：0791-88888888，—7—").is_empty());
        assert!(scan_targets("依据《条例》第五条、第3条和《规划（2018—2022年）》").is_empty());
        assert!(scan_targets("第3届、第14次常务会").is_empty());
        assert!(scan_targets("24小时开放，连续3年").is_empty());
    }

    #[test]
    fn spaces_commas_and_boundaries() {
        // PDF text: 完成 185 个 (039); a line break ends a phrase (008: a time, then a label).
        assert_eq!(vu("2022 年,全县完成 185 个新农村点建设"), ["185个"]);
        assert_eq!(vu("发布日期:2022-04-22 15:53:47  \n名  称:宝鸡市"), Vec::<String>::new());
        assert_eq!(vu("满意度达 90% 以上"), ["90%"]);
        assert_eq!(vu("建立不低于城镇常住人口 10 天市场供应量的储备"), ["10天"]);
        assert_eq!(one("满意度达 90% 以上").op, Op::Ge);
        assert_eq!(vu("投入不少于5,000万元"), ["5000万元"]);
        assert_eq!(vu("编号1,0000个"), Vec::<String>::new());
        assert_eq!(vu(&format!("{}个", "9".repeat(400))), Vec::<String>::new());
        assert_eq!(vu("分别为80%,90%"), ["80%", "90%"]);
        assert_eq!(one("达到百分之百").value, 100.0);
        assert_eq!(one("达到百分之九十五点五").value, 95.5);
    }

    #[test]
    fn descriptions_are_not_targets() {
        // 001/003/010/017: a count summing up a list of names.
        assert!(vu("确定北京、吉林、安徽、重庆、贵州10个省（区、市）和西藏自治区拉萨市作为试点地区").is_empty());
        assert!(vu("推动纳税、获得电力、登记财产、企业开办4项指标进入全国一流水平").is_empty());
        assert!(vu("从生态宜居、健康舒适、创新活力等8个方面开展评估").is_empty());
        // …but a list of quantities is kept (037), and so is a list of verbs (004).
        assert_eq!(vu("建成“两网融合”服务点670个、中转站12座、集散场1个。"), ["670个", "12座", "1个"]);
        assert_eq!(vu("5年内在社会管理、文化艺术等领域重点引进、培养和扶持100名杰出青年人才"), ["100名"]);
        // 003: conditions; 各派1名: one per unit; 015: what has been done.
        assert!(vu("入围生产企业为2家的，采取议价采购的方式；入围生产企业只有1家的，采取谈判采购").is_empty());
        assert!(vu("联合采购办公室由试点城市各派1名代表组成").is_empty());
        assert!(vu("N是市级层面结合上海市实际，新增了34个指标").is_empty());
        // 039: a size class; counts of a quoted plan's parts. 037: an explanation.
        assert!(vu("推进25户以下未建新农村村庄整治").is_empty());
        assert_eq!(vu("全县完成185个新农村点建设,并围绕“十四五”10个市级乡村振兴示范村"), ["185个"]);
        assert!(vu("实行“1+2+3”理念，即1名“黄马夹”与2名居委干部配合").is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["", "达", "百分之", "不低于的", "1.", "１．", "%", "达到1到", "每", "（", "》", "5万", "约一"]
        {
            let _ = scan_targets(s);
        }
    }

    proptest::proptest! {
        /// Any text: no panic, phrases in order, not overlapping, on char boundaries, raw = slice.
        #[test]
        fn well_formed_on_any_text(text in "[0-9０-９.,，、%％达到不少于以上左右约百分之八十五万亿个名吨/日户起第每（）“”《》的年 \n]{0,40}") {
            let mut last = 0;
            for f in scan_targets(&text) {
                proptest::prop_assert!(f.start >= last && f.start < f.end && f.end <= text.len());
                proptest::prop_assert_eq!(text.get(f.start..f.end), Some(f.value.raw.as_str()));
                proptest::prop_assert!(f.value.value.is_finite());
                last = f.end;
            }
        }
    }
}
