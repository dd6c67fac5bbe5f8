//! Assembly: cleaned text + placed markers → the document tree, with each item's own text,
//! responsibility, dates and targets, and the warnings.

use crate::clean::{squeeze, CleanReport, MappedText};
use crate::grammar::dates::{first_year_in, scan_dates, scan_dates_in, DateContext};
use crate::grammar::responsibility::{merge, scan_responsibility, RespRules};
use crate::grammar::targets::scan_targets_in;
use crate::model::{Attachment, Item, TableTask, Warning, WarningCode};
pub use crate::structure::markers::scan;
use crate::structure::markers::Candidate;
use crate::structure::solve::solve;
use crate::structure::unnumbered;
use crate::table::{self, flattened};

/// The body and attachments of a cleaned text.
pub struct Assembled {
    pub items: Vec<Item>,
    /// Tasks of tables in the body.
    pub table_tasks: Vec<TableTask>,
    pub attachments: Vec<Attachment>,
    pub warnings: Vec<Warning>,
    /// Cleaned offset where the first body item starts (text length when there is none).
    pub body_start: usize,
    /// Cleaned offset where the body ends (the first attachment heading, or the text's end).
    pub body_end: usize,
}

/// The candidates outside the `exclude` ranges (the notice, its attachment list).
fn outside(cands: &[Candidate], exclude: &[(usize, usize)]) -> Vec<Candidate> {
    cands.iter().filter(|c| !exclude.iter().any(|&(a, b)| c.start >= a && c.start < b)).cloned().collect()
}

/// Where the first item starts (the text's length when there is none): what the head needs to
/// know before the body is built.
pub fn first_item(text: &str, cands: &[Candidate], exclude: &[(usize, usize)]) -> usize {
    let cands = outside(cands, exclude);
    let (placed, _) = solve(&cands);
    placed.first().map_or(text.len(), |p| cands[p.cand].start)
}

/// The start of the line that holds the plan's title (whitespace ignored; a title may run over two
/// lines), searching the lines from the one `from` is in. A notice's numbered requirements are
/// short, so the search stops after a few hundred lines.
pub fn title_line(text: &str, title: &str, from: usize) -> Option<usize> {
    // Compared as head::title compares titles (〈〉 as 《》, brackets of either width alike).
    let fold = crate::head::title::fold_title_char;
    let want: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).map(fold).collect();
    if want.len() < 4 || from >= text.len() {
        return None;
    }
    let mut pos = from;
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    // How many of the title's characters the previous line matched as its beginning.
    let mut prev: Option<(usize, usize)> = None;
    for raw in crate::lines::split_inclusive(&text[pos..]).take(400) {
        let here = pos;
        pos += raw.len();
        let mut chars = raw.chars().filter(|c| !c.is_whitespace()).peekable();
        if chars.peek().is_none() {
            continue;
        }
        // Continue the previous line's match, or start a new one.
        let starts = [prev.map(|p| p.1), Some(0)];
        let mut matched_prefix = None;
        for (k, start) in starts.into_iter().enumerate() {
            let Some(start) = start else { continue };
            let mut at = start;
            let mut ok = true;
            for c in raw.chars().filter(|c| !c.is_whitespace()).map(fold) {
                if want.get(at) != Some(&c) {
                    ok = false;
                    break;
                }
                at += 1;
            }
            if ok && at == want.len() {
                return Some(if k == 0 { prev.map_or(here, |p| p.0) } else { here });
            }
            if ok && k == 1 {
                matched_prefix = Some(at);
            }
        }
        prev = matched_prefix.map(|n| (here, n));
    }
    title_in_flat_line(text, &want, from)
}

/// The plan title inside a line a scraper flattened, right after the notice's signature date or
/// its (此件公开发布): "…合肥市人民政府 2023年8月14日 合肥市…行动方案(2023) 重点群体…". Where it
/// starts; not a title cited in a sentence (《…》, "…方案的通知"). Looked for within 64 KB of `from`.
fn title_in_flat_line(text: &str, want: &[char], from: usize) -> Option<usize> {
    let fold = crate::head::title::fold_title_char;
    let from = crate::head::floor_boundary(text, from);
    let region = &text[from..crate::head::floor_boundary(text, (from + 65_536).min(text.len()))];
    for (i, c) in region.char_indices() {
        let before = || region[..i].trim_end_matches([' ', '\u{3000}']).chars().next_back();
        if fold(c) != want[0] || !matches!(before(), Some('日' | ')' | '）')) {
            continue;
        }
        let mut rest = region[i..].char_indices().filter(|(_, c)| !c.is_whitespace());
        let mut end = i;
        let whole = want.iter().all(|&w| match rest.next() {
            Some((k, c)) if fold(c) == w => {
                end = i + k + c.len_utf8();
                true
            }
            _ => false,
        });
        let cited = matches!(region[end..].trim_start().chars().next(), Some('》' | '〉' | '的'));
        if whole && !cited {
            return Some(from + i);
        }
    }
    None
}

/// Parses the item structure from the marker candidates of `m.text` (see [`scan`]), skipping
/// those inside the `exclude` ranges. `doc_year` is the year for dates written without one.
/// `word_tables` are the task tables a structured format's reader delimited (see
/// `table::word`); tables flattened one cell per line are found here.
pub fn assemble(
    m: &MappedText,
    cands: &[Candidate],
    exclude: &[(usize, usize)],
    word_tables: Vec<flattened::FoundTable>,
    doc_year: Option<i32>,
) -> Assembled {
    let text = m.text.as_str();
    // Task tables: their cells are not items.
    let mut tables = word_tables;
    let flat = flattened::find(text);
    let flat: Vec<_> =
        flat.into_iter().filter(|f| !tables.iter().any(|t| f.start < t.end && t.start < f.end)).collect();
    tables.extend(flat);
    let in_table = |at: usize| tables.iter().any(|t| at >= t.start && at < t.end);
    let cands: Vec<Candidate> = outside(cands, exclude).into_iter().filter(|c| !in_table(c.start)).collect();
    let mut warnings = Vec::new();
    let body_start = first_item(text, &cands, &[]);
    // A table's tasks, with spans mapped back to the source.
    let tasks_in = |a: usize, b: usize| -> Vec<TableTask> {
        let mut out = Vec::new();
        for t in tables.iter().filter(|t| t.start >= a && t.start < b) {
            for mut task in table::tasks(&t.roles, &t.rows, doc_year) {
                task.span = m.span(task.span[0], task.span[1]);
                out.push(task);
            }
        }
        out
    };
    let (headings, list_start) = attachment_headings(text, body_start);
    // The body ends where the attachments begin (a 附件： list after it or the first heading), or
    // at a signature block that closes the document.
    let attachments_at = list_start.into_iter().chain(headings.first().map(|h| h.0)).min().unwrap_or(text.len());
    let body_end = signature_block(text, body_start, attachments_at).unwrap_or(attachments_at);
    let mut rules = RespRules::default();
    // A responsibility statement before the first item belongs to no item.
    for f in scan_responsibility(&text[..body_start], &mut rules) {
        if f.end > f.start {
            warnings.push(Warning {
                code: WarningCode::OrphanResponsibility,
                message: format!(
                    "a responsibility statement before the first item belongs to no item: {}",
                    f.value.raw
                ),
                offset: Some(m.to_source(f.start)),
            });
        }
    }
    let region = |a: usize, b: usize| -> Vec<Candidate> {
        cands.iter().filter(|c| c.start >= a && c.start < b).cloned().collect()
    };
    let mut body = region(0, body_end);
    // Section headings that lost their numbers become the top level (structure::unnumbered).
    let is_title = |l: &str| crate::head::title::title_in(l) == Some(l.len());
    let lost = unnumbered::headings(text, &body, body_start, body_end, is_title);
    if !lost.is_empty() {
        body.extend(lost);
        body.sort_by_key(|c| c.start);
    }
    let items = build(m, &body, body_end, doc_year, &mut rules, &mut warnings);
    let table_tasks = tasks_in(0, body_end);
    let mut attachments = Vec::new();
    for (k, h) in headings.iter().enumerate() {
        let end = headings.get(k + 1).map_or(text.len(), |n| n.0);
        let cs = region(h.1, end);
        let mut w = Vec::new();
        let its = build(m, &cs, end, doc_year, &mut rules, &mut w);
        warnings.extend(w);
        attachments.push(Attachment {
            label: h.2.clone(),
            title: h.3.clone(),
            items: its,
            table_tasks: tasks_in(h.0, end),
            span: m.span(h.0, end),
        });
    }
    Assembled { items, table_tasks, attachments, warnings, body_start, body_end }
}

/// The start of a signature block (发文机关 lines and the 成文日期) that ends the text before
/// `end`: only closing lines ((此件公开发布), 抄送, 印发) may follow it.
fn signature_block(text: &str, from: usize, end: usize) -> Option<usize> {
    if from >= end {
        return None;
    }
    // Only the last lines matter: walk them from the end (closing lines, the date, up to four
    // organ lines), never the whole body.
    let region = &text[from..end];
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut line_end = region.len();
    for (i, _) in region.rmatch_indices('\n').chain(std::iter::once((0, ""))) {
        let start = if i == 0 && !region.starts_with('\n') { 0 } else { i + 1 };
        if start <= line_end {
            let t = region[start..line_end].trim();
            if !t.is_empty() {
                lines.push((from + start, t));
                if lines.len() >= 12 {
                    break;
                }
            }
        }
        line_end = i;
    }
    lines.reverse();
    let closing = |t: &str| {
        let inner = t.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'));
        inner.starts_with("此件")
            || t.starts_with("抄送")
            || t.ends_with("印发")
            || t.starts_with("联系人")
            || t.starts_with("联系电话")
    };
    // Walk back over closing lines to the date line.
    let mut k = lines.len();
    while k > 0 && closing(lines[k - 1].1) {
        k -= 1;
    }
    let date_line = k.checked_sub(1)?;
    let (_, d) = lines[date_line];
    let whole_date = crate::grammar::dates::full_date(d).ok().is_some_and(|(rest, _)| rest.trim().is_empty());
    if d.chars().count() > 20 || !whole_date {
        return None;
    }
    // Organ names above it: short lines without sentence punctuation.
    let mut start = date_line;
    while start > 0 {
        let t = lines[start - 1].1;
        let is_item = scan(t).first().is_some_and(|c| c.start == 0);
        let organ = t.chars().count() <= 30 && !t.contains(['。', '，', ',', '；', '：', ':']) && !is_item;
        if !organ || date_line - start >= 4 {
            break;
        }
        start -= 1;
    }
    // A block with no organ above the date still ends the body at the date.
    Some(lines[start].0)
}

/// An attachment heading: (line start, content start, label, title).
type Heading = (usize, usize, String, Option<String>);

/// Lines that open an attachment (附件, 附件1, 附件2：标题, 附表1) after the body has begun, and the start
/// of the first list of attachments ("附件：1.XXX") there, if any.
fn attachment_headings(text: &str, after: usize) -> (Vec<Heading>, Option<usize>) {
    let mut out = Vec::new();
    let mut list = None;
    let mut pos = 0;
    for line in crate::lines::split_inclusive(text) {
        let start = pos;
        pos += line.len();
        if pos <= after {
            continue;
        }
        if start < after {
            // The body starts inside this line (a flattened text): a list after that point.
            list = text.get(after..pos).and_then(list_in_line).map(|at| after + at);
            continue;
        }
        let t = line.trim();
        // 附表 (attached table) opens an attachment as 附件 does.
        let Some((word, rest)) = ["附件", "附表"].iter().find_map(|w| t.strip_prefix(w).map(|r| (*w, r))) else {
            if let Some(at) = list.is_none().then(|| list_in_line(line)).flatten() {
                list = Some(start + at);
            }
            continue;
        };
        let num: String = rest.chars().take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).collect();
        let colon = rest[num.len()..].trim_start().starts_with([':', '：']);
        let rest = rest[num.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
        // "附件：" alone, its numbered titles on the next lines: a list too.
        if num.is_empty() && colon && rest.is_empty() {
            let next = text[pos..].lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
            let digits = next.chars().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && next[digits..].starts_with(['.', '．', '、']) {
                list.get_or_insert(start);
                continue;
            }
        }
        // "附件：1.XXX 2.YYY" is a list of attachments, not a heading; a heading stands alone or
        // carries a short title.
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        if rest[digits..].starts_with(['.', '．', '、']) && digits > 0 {
            list.get_or_insert(start);
            continue;
        }
        if rest.chars().count() > 60 {
            continue;
        }
        let label = format!("{word}{num}");
        let title = if rest.is_empty() { None } else { Some(squeeze(rest)) };
        out.push((start, pos, label, title));
    }
    // A title on the line after a bare heading.
    for h in out.iter_mut() {
        if h.3.is_none() {
            let next = text[h.1..].lines().map(str::trim).find(|l| !l.is_empty());
            if let Some(l) = next.filter(|l| l.chars().count() <= 60) {
                h.3 = Some(squeeze(l));
            }
        }
    }
    (out, list)
}

/// Where a list of attachments starts inside a line, after a sentence's end: a flattened text's
/// "……有效期5年。 附件：1．甲表 2．乙书" (on lines, the list opens its own line).
fn list_in_line(line: &str) -> Option<usize> {
    line.match_indices("附件").find_map(|(i, _)| {
        let ended = line[..i].trim_end().chars().last().is_some_and(|c| "。！？!?；;）)”".contains(c));
        let rest = line[i + "附件".len()..].trim_start();
        let rest = rest.strip_prefix([':', '：'])?.trim_start();
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        (ended && digits > 0 && rest[digits..].starts_with(['.', '．', '、'])).then_some(i)
    })
}

/// Builds the item tree of one region from its candidates.
fn build(
    m: &MappedText,
    cands: &[Candidate],
    region_end: usize,
    doc_year: Option<i32>,
    rules: &mut RespRules,
    warnings: &mut Vec<Warning>,
) -> Vec<Item> {
    let text = m.text.as_str();
    let (mut placed, notes) = solve(cands);
    // A bare item number closing the region (a text cut off right after "(一)", before its
    // attachments) opens an item that is not there.
    if placed.last().is_some_and(|p| text[cands[p.cand].end..region_end].trim().is_empty()) {
        placed.pop();
    }
    for n in &notes {
        let c = &cands[n.cand];
        warnings.push(Warning {
            code: n.code,
            message: if n.code == WarningCode::NumberingRestart {
                format!("the numbering starts again at {} where {} was expected", c.number, n.expected)
            } else {
                format!("item {} found where {} was expected", c.number, n.expected)
            },
            offset: Some(m.to_source(c.start)),
        });
    }
    // The tree is built as the items come, in document order: `open` holds the path from a root
    // to the last item (the solver only ever gives a parent on that path), and an item moves
    // into its parent's children when the path leaves it. Each item is moved once, and no flat
    // copy of the whole list is kept, which matters for the memory of large plans.
    let mut open: Vec<(usize, Item)> = Vec::new();
    let mut roots: Vec<Item> = Vec::new();
    let mut years: Vec<Option<i32>> = Vec::with_capacity(placed.len());
    let mut numbers: Vec<String> = Vec::with_capacity(placed.len());
    let mut seen_paths: std::collections::HashSet<String> = Default::default();
    for (k, p) in placed.iter().enumerate() {
        let c = &cands[p.cand];
        let own_end = placed.get(k + 1).map_or(region_end, |n| cands[n.cand].start);
        let own = &text[c.end..own_end];
        let path = match p.parent {
            Some(q) => format!("{}.{}", numbers[q], c.number),
            None => c.number.to_string(),
        };
        if !seen_paths.insert(path.clone()) && !notes.iter().any(|n| n.cand == p.cand) {
            // Two items with one path that the solver did not already explain (a fragment whose
            // shallower level turned up after items of a deeper one, numbered alike).
            warnings.push(Warning {
                code: WarningCode::NumberingDuplicate,
                message: format!("a second item has the path {path}"),
                offset: Some(m.to_source(c.start)),
            });
        }
        numbers.push(path.clone());
        let resp_found = scan_responsibility(own, rules);
        let resp = merge(&resp_found.iter().map(|f| f.value.clone()).collect::<Vec<_>>());
        let kept = cut(own, resp_found.iter().map(|f| (f.start, f.end)));
        let marks = crate::grammar::item_marks(&kept);
        let year = first_year_in(&marks).or_else(|| p.parent.and_then(|q| years[q])).or(doc_year);
        years.push(year);
        let ctx = DateContext { year, now: doc_year };
        // A deadline may stand inside the responsibility statement, which is cut from the text
        // ("（牵头单位：…；完成时限：2025年6月底前）"): its dates are read there.
        let dates = scan_dates_in(&marks, &ctx)
            .into_iter()
            .filter(|f| !takes_effect(&kept, f.start, f.end))
            .chain(resp_found.iter().filter(|f| f.end > f.start).flat_map(|f| scan_dates(&own[f.start..f.end], &ctx)))
            .map(|f| f.value)
            .collect();
        let targets = scan_targets_in(&marks).into_iter().map(|f| f.value).collect();
        let body = squeeze(&kept);
        let item = Item {
            path,
            marker: text[c.start..c.end].trim().to_string(),
            style: c.style,
            level: p.level,
            number: c.number,
            heading: heading(&kept),
            text: body,
            responsible: resp,
            dates,
            targets,
            span: [m.to_source(c.start), m.span(c.start, own_end)[1]],
            children: Vec::new(),
        };
        close_until(&mut open, &mut roots, p.parent);
        open.push((k, item));
    }
    close_until(&mut open, &mut roots, None);
    roots
}

/// Closes the open items above `parent` (all of them for None), each into the one below it, or
/// into `roots` at the bottom. A child's span widens its parent's to cover it.
fn close_until(open: &mut Vec<(usize, Item)>, roots: &mut Vec<Item>, parent: Option<usize>) {
    // A parent that is not on the path would break the tree; the solver never gives one, and
    // should it, its items become roots rather than being dropped.
    let keep = parent.and_then(|q| open.iter().position(|(k, _)| *k == q)).map_or(0, |at| at + 1);
    debug_assert!(parent.is_none() || keep > 0, "parent off the open path");
    while open.len() > keep {
        let Some((_, item)) = open.pop() else { break };
        match open.last_mut() {
            Some((_, up)) => {
                up.span[1] = up.span[1].max(item.span[1]);
                up.children.push(item);
            }
            None => roots.push(item),
        }
    }
}

/// True for the date of a closing clause, "本方案自2022年1月1日起施行": when the document takes
/// effect, not a time of the task it ends up in.
fn takes_effect(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start();
    let effect =
        ["起施行", "起实施", "起执行", "施行", "起生效", "起實施", "起執行"].iter().any(|w| after.starts_with(w));
    // The sentence so far names the document itself (本方案, 本实施意见, 本办法…).
    let sentence = text[..start].rsplit(['。', '；', '\n']).next().unwrap_or("");
    effect && sentence.trim_start().starts_with('本') && sentence.chars().count() <= 12
}

/// `s` without the given byte ranges.
fn cut(s: &str, ranges: impl Iterator<Item = (usize, usize)>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (a, b) in ranges {
        // Statements in running prose ("由市创建办负责") have an empty range: nothing to cut.
        if a < at || b > s.len() || a == b {
            continue;
        }
        out.push_str(&s[at..a]);
        out.push(' ');
        at = b;
    }
    out.push_str(&s[at..]);
    out
}

/// The item's short title (小标题): its opening words up to the first 。 ： or line end, when
/// they are short enough to be one.
fn heading(own: &str) -> Option<String> {
    let t = own.trim_start();
    let end = t.find(['。', '：', ':', '\n', '！', '；', '?', '？']).unwrap_or(t.len());
    let h = squeeze(&t[..end]);
    let n = h.chars().count();
    ((2..=30).contains(&n) && end < t.len()).then_some(h)
}

/// The `truncated` warning when the text stops in the middle of the plan: a viewer said so, or
/// the body (or, without items, the whole text) ends mid-sentence or on a bare item number.
pub fn truncation(
    text: &str,
    body_start: usize,
    body_end: usize,
    items: &[Item],
    report: &CleanReport,
) -> Option<Warning> {
    let region = if body_start < body_end { &text[body_start..body_end] } else { text };
    let last_line = without_attachment_list(region.trim_end().lines().next_back().unwrap_or("").trim());
    let cut = report.cut_short || ends_mid_sentence(last_line) || lone_first_at_end(items);
    cut.then(|| Warning {
        code: WarningCode::Truncated,
        message: "the text ends in the middle of the plan".into(),
        offset: None,
    })
}

/// True when the text ends in a list of one: the last item is a first child ("（一）") with no
/// sibling. A numbered list has at least two items, so the rest of it was cut off. Only under a later section ("三、工作步骤"): a text that is one section long is a fragment
/// whatever it ends on, and says nothing here.
fn lone_first_at_end(items: &[Item]) -> bool {
    let mut level = items;
    let mut parent_number = 0;
    while let Some(last) = level.last() {
        if last.children.is_empty() {
            return parent_number > 1 && level.len() == 1 && last.number == 1;
        }
        parent_number = last.number;
        level = &last.children;
    }
    false
}

/// A flattened text's last line without the 附件： list it ends on ("…贯彻执行。 附件：XX清单"): on
/// a line of its own the list is not part of the body; what comes before it is what ended.
fn without_attachment_list(line: &str) -> &str {
    let Some(i) = line.rfind("附件") else { return line };
    let before = line[..i].trim_end();
    let label = line[i + "附件".len()..].trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let ended = before.chars().last().is_some_and(|c| "。！？!?；;）)”".contains(c));
    if ended && label.starts_with(['：', ':']) {
        before
    } else {
        line
    }
}

/// True when a last line cannot be the end of a document.
fn ends_mid_sentence(line: &str) -> bool {
    let Some(last) = line.chars().last() else { return false };
    // A bare item number ("(一)") at the very end opens an item that is not there.
    let cands = scan(&format!("{line}x"));
    if cands.last().is_some_and(|c| c.end == line.len()) {
        return true;
    }
    if "。！？!?；;…）)”」』】".contains(last) {
        return false;
    }
    // A signature ends on its date (2023年5月10日, 2023年5月 日) or an organ's name; in a flattened
    // text the date is the last word of the one line.
    let word = line.rsplit(|c: char| c.is_whitespace()).next().unwrap_or(line);
    let date = |w: &str| w.ends_with('日') && w.contains('年') && w.chars().count() <= 16;
    !(date(line) || (line.chars().count() > 16 && date(word)) || signed_after_last_sentence(line))
}

/// True when what follows the last sentence of `line` is a signature: organ names, then the date
/// ("…不得擅自处理。国务院办公厅　中央军委办公厅一九九六年六月二十九日", a text glued together with
/// nothing between its lines).
fn signed_after_last_sentence(line: &str) -> bool {
    let closing = line.rsplit(['。', '！', '？', '；', '!', '?', ';']).next().unwrap_or(line);
    let Some(year) = closing.rfind('年') else { return false };
    // The year's digits, in figures or in Chinese numerals (一九九六).
    let digits = closing[..year]
        .chars()
        .rev()
        .take_while(|&c| crate::chars::is_digit(c) || crate::grammar::numerals::cn_digit(c).is_some_and(|d| d < 10));
    let start = year - digits.map(char::len_utf8).take(4).sum::<usize>();
    let date = &closing[start..];
    let organs = closing[..start].trim_end();
    date.ends_with('日')
        && date.contains('月')
        && date.chars().count() <= 16
        && closing.chars().count() <= 80
        && crate::grammar::data::list("org_suffixes").iter().any(|x| organs.ends_with(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_text_ends_on_its_signature_or_attachment_list() {
        assert!(!ends_mid_sentence("……请批转各地贯彻执行。 国家地震局 一九九六年一月二十五日"));
        assert!(!ends_mid_sentence(without_attachment_list("……及时请示报告。 附件：首批改革举措清单")));
        assert!(!ends_mid_sentence(without_attachment_list("加强激励引导。 附件:")));
        // Cut off inside a sentence, or a 附件 that is a word of it: still mid-sentence.
        assert!(ends_mid_sentence(without_attachment_list("各地要按照附件：要求，及时")));
        assert!(ends_mid_sentence("……要加强宣传 2023年起每年"));
        // Glued: the signature runs on from the last sentence.
        assert!(!ends_mid_sentence("……不得擅自处理。国务院办公厅　中央军委办公厅一九九六年六月二十九日"));
        assert!(!ends_mid_sentence("……认真贯彻执行。甲市人民政府办公室2023年5月10日"));
        // A sentence cut at a date is no signature.
        assert!(ends_mid_sentence("……认真贯彻执行。各单位要在2023年5月10日"));
    }

    #[test]
    fn attachment_list_inside_a_flattened_line() {
        let line = "第十五条 本细则自发布之日起施行。 附件：1．甲审批表 2．乙通知书 附件1 甲审批表";
        assert_eq!(list_in_line(line), line.find("附件"));
        // A 附件 a sentence names, or one with no numbered titles, is no list.
        assert_eq!(list_in_line("按照附件：1.要求填报。"), None);
        assert_eq!(list_in_line("加强激励引导。 附件：甲清单"), None);
    }

    #[test]
    fn title_after_the_signature_in_a_flattened_line() {
        let t = "各区人民政府： 《甲市行动方案》已经市政府同意，现予印发。 一、提高认识。 二、加强领导。 甲市人民政府 2023年8月14日 甲市行动方案 一、总体要求";
        let at = title_line(t, "甲市行动方案", t.find("一、").unwrap()).unwrap();
        assert!(t[at..].starts_with("甲市行动方案 一、总体要求"));
        // Cited in a sentence (《…》) or not after a signature: no title line.
        let t = "各区人民政府： 现将《甲市行动方案》印发给你们。一、提高认识。甲市行动方案的通知";
        assert_eq!(title_line(t, "甲市行动方案", t.find("一、").unwrap()), None);
    }

    #[test]
    fn effective_date_clause() {
        let t = "成立领导小组。本实施方案自2022年1月1日起施行。";
        let at = t.find("自").unwrap();
        assert!(takes_effect(t, at, t.find("施行").unwrap()));
        let t = "2022年1月1日起施行新的考核办法";
        assert!(!takes_effect(t, 0, t.find("起").unwrap()));
    }

    #[test]
    fn headings() {
        assert_eq!(heading("指导思想\n坚持以…"), Some("指导思想".into()));
        assert_eq!(heading("召开发动大会。2023年5月,成立"), Some("召开发动大会".into()));
        assert_eq!(heading("加强领导"), None);
    }
}
