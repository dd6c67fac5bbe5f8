//! The corpus acceptance test: parses every document of corpus/docs, scores it against
//! corpus/gold with the measures of ../shared/eval/score.py (item F1 by path and text prefix,
//! unit F1, lead/support, dates, targets, notice/title/truncation), prints the per-document
//! table, and fails below the best scores reached so far (a ratchet: raise FLOOR as scores rise).
//! Issue 2 is resolved at item 0.95, unit 0.93, roles 0.90, dates 0.90, targets 0.85, meta 0.85.

use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The best scores reached so far; a change that lowers one fails.
/// Measured when the 38 documents of issue 11 (100–153) joined the 36, before the parser was
/// changed for them; units, roles and targets since raised by the grammar classes of issue 11;
/// items, dates and meta by the cut of a glued 附件 line (107: its signature, date and first item).
const FLOOR: Floor = [1.0, 0.9982, 1.0, 1.0, 1.0, 0.9946, 1.0, 1.0];

/// [`FLOOR`] for the corpus flattened to one line a document (`flattened_corpus_scores_do_not_fall`),
/// measured when that test was added (items 0.9710, units 0.9791, targets 0.9317, meta 0.7700) and
/// raised since: the plan title found after a notice's signature inside the line, the subject's
/// line cut from what precedes it, page information passed over before the 主送, the 文号 cut from
/// the 主送 it runs into, the end judged on the signature date or before the 附件 list it ends on.
const FLATTENED_FLOOR: Floor = [1.0, 0.9982, 1.0, 1.0, 1.0, 0.9839, 0.0, 0.0];

/// [`FLOOR`] for the corpus glued to one line a document with nothing between the lines
/// (`glued_corpus_scores_do_not_fall`), measured when that test was added (items 0.9677, units
/// 0.9475, roles 0.8904, dates 0.9583, targets 0.9122, meta 0.7620) and raised since: the
/// subjects of a heading printed twice, glued, and 通知 spaced (meta 0.7807); a number glued to
/// its marker after a sentence's end, and a viewer's page counters glued to the text; page
/// information values glued before the 主送 (meta 0.8102); page words glued before the issuer
/// (0.8155); page labels glued after a title (0.8209); a subject glued to its 文号 (0.8342).
const GLUED_FLOOR: Floor = [0.9760, 0.9540, 0.9314, 0.9721, 0.9462, 0.9117, 0.0, 0.0];

/// [`FLOOR`] for the corpus hard-wrapped at 28 characters a line, as text copied out of a PDF
/// (`wrapped_corpus_scores_do_not_fall`). Before wrapped lines were joined in cleaning: items
/// 0.974, units 0.799, roles 0.521, dates 0.958, targets 0.922, meta 0.880, tables 0.392, table
/// units 0.447.
const WRAPPED_FLOOR: Floor = [1.0, 0.9982, 1.0, 1.0, 1.0, 0.9946, 0.7884, 0.8722];

/// [`FLOOR`] for the text poppler's pdftotext copies out of the corpus's LibreOffice PDFs
/// (`pdf_text_copies_score`). Before wrapped lines were joined in cleaning: items 0.992, units
/// 0.866, roles 0.699, dates 0.986, targets 0.956, meta 0.933.
const PDF_TEXT_FLOOR: Floor = [0.9991, 0.9982, 1.0, 0.9860, 1.0, 0.9812, 0.0, 0.0];

/// [`PDF_TEXT_FLOOR`] for pdftotext's copies of the reportlab PDFs (corpus/renderings/
/// pdftotext-reportlab): set at another width, with reportlab's "— N —" footers among the text's
/// own page numbers. When first measured: items 0.9969, units 0.9925, meta 0.9759.
const PDF_TEXT_REPORTLAB_FLOOR: Floor = [0.9976, 0.9982, 1.0, 1.0, 0.9950, 0.9758, 0.0, 0.0];

/// [`FLOOR`] for the hard-wrapped corpus with a blank line after every line
/// (`double_spaced_corpus_scores_do_not_fall`; the double-spaced corpus as it is must meet
/// [`FLOOR`]). Before blank lines were passed over in such a text: items 1.0, units 0.794, roles
/// 0.493, dates 0.958, targets 0.946, meta 0.955 (and the double-spaced corpus: meta 0.960).
const SPACED_WRAPPED_FLOOR: Floor = [1.0, 0.9966, 1.0, 1.0, 1.0, 0.9946, 0.7884, 0.8722];

/// [`FLOOR`] for the corpus with every digit full-width (`full_width_corpus_scores_do_not_fall`).
/// Before full-width digits were read as ASCII in cleaning: items 0.989, units 0.965, dates
/// 0.972, targets 0.961, meta 0.952, tables 0.394, table units 0.099. It now scores as the corpus
/// ([`FLOOR`]): the last losses were a viewer's page counters in full-width digits (027, 034).
const FULL_WIDTH_FLOOR: Floor = FLOOR;

/// The lowest scores a test accepts, in the order of [`NAMES`].
type Floor = [f64; 8];

/// The measures of a [`Floor`], in order.
const NAMES: [&str; 8] = ["items", "units", "roles", "dates", "targets", "meta", "tables", "table_units"];

fn norm(s: &str) -> String {
    let pinyin = Regex::new(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)").unwrap();
    let s: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
    let s = pinyin.replace_all(&s, "").into_owned();
    s.replace('〞', "”").replace('〝', "“").replace('"', "”").replace('臵', "置")
}

fn loose(s: &str) -> String {
    let p = Regex::new(r"\p{P}").unwrap();
    p.replace_all(&norm(s), "").into_owned()
}

fn flatten<'a>(items: &'a Value, out: &mut Vec<&'a Value>) {
    for it in items.as_array().into_iter().flatten() {
        out.push(it);
        flatten(&it["children"], out);
    }
}

fn units_of(it: &Value) -> Vec<String> {
    let mut seen = Vec::new();
    for u in it["responsible"]["units"].as_array().into_iter().flatten() {
        let n = norm(u.as_str().unwrap_or(""));
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array().into_iter().flatten().filter_map(|x| x.as_str()).map(norm).collect()
}

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    items: [usize; 3],
    units: [usize; 3],
    roles: [usize; 2],
    dates: [usize; 2],
    targets: [usize; 2],
    meta: [usize; 2],
    tables: [usize; 3],
    table_units: [usize; 2],
}

fn f1(t: [usize; 3]) -> f64 {
    let p = if t[0] + t[1] > 0 { t[0] as f64 / (t[0] + t[1]) as f64 } else { 1.0 };
    let r = if t[0] + t[2] > 0 { t[0] as f64 / (t[0] + t[2]) as f64 } else { 1.0 };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn acc(t: [usize; 2]) -> f64 {
    if t[1] > 0 {
        t[0] as f64 / t[1] as f64
    } else {
        1.0
    }
}

fn score(gold: &Value, out: &Value) -> Counts {
    let mut c = Counts::default();
    let mut pred = Vec::new();
    flatten(&out["items"], &mut pred);
    let mut by_path: HashMap<&str, Vec<&Value>> = HashMap::new();
    for it in &pred {
        by_path.entry(it["path"].as_str().unwrap_or("")).or_default().push(it);
    }
    let mut matched: HashMap<String, &Value> = HashMap::new();
    let gitems = gold["items"].as_array().cloned().unwrap_or_default();
    for g in &gitems {
        let path = g["path"].as_str().unwrap();
        let want = loose(g["text_prefix"].as_str().unwrap());
        let hit = by_path.get(path).and_then(|cs| {
            cs.iter().copied().find(|x| {
                let text = x["text"].as_str().unwrap_or("");
                let heading = x["heading"].as_str().unwrap_or("");
                loose(text).starts_with(&want) || loose(&format!("{heading}{text}")).starts_with(&want)
            })
        });
        if let Some(h) = hit {
            matched.insert(path.to_string(), h);
        }
    }
    c.items = [matched.len(), pred.len() - matched.len(), gitems.len() - matched.len()];
    for g in &gitems {
        let mut gu: Vec<String> = Vec::new();
        for u in strs(&g["units"]) {
            if !gu.contains(&u) {
                gu.push(u);
            }
        }
        let mut rest = matched.get(g["path"].as_str().unwrap()).map(|m| units_of(m)).unwrap_or_default();
        for u in gu {
            if let Some(i) = rest.iter().position(|x| *x == u) {
                rest.remove(i);
                c.units[0] += 1;
            } else {
                c.units[2] += 1;
            }
        }
        c.units[1] += rest.len();
    }
    let matched_ptrs: Vec<*const Value> = matched.values().map(|v| *v as *const Value).collect();
    for it in &pred {
        if !matched_ptrs.contains(&(*it as *const Value)) {
            c.units[1] += units_of(it).len();
        }
    }
    for g in &gitems {
        let m = matched.get(g["path"].as_str().unwrap()).copied();
        if g.get("lead").is_some() {
            c.roles[1] += 1;
            let set = |v: &Value| {
                let mut s = strs(v);
                s.sort();
                s.dedup();
                s
            };
            if let Some(m) = m {
                let r = &m["responsible"];
                if set(&r["lead"]) == set(&g["lead"]) && set(&r["support"]) == set(&g["support"]) {
                    c.roles[0] += 1;
                }
            }
        }
        let ds: Vec<&Value> = m.map(|m| m["dates"].as_array().into_iter().flatten().collect()).unwrap_or_default();
        let s = |d: &Value, k: &str| d[k].as_str().map(str::to_string);
        if let Some(p) = g.get("period").and_then(Value::as_array) {
            c.dates[1] += 1;
            let (a, b) = (p[0].as_str().map(str::to_string), p[1].as_str().map(str::to_string));
            c.dates[0] += ds.iter().any(|d| s(d, "start") == a && s(d, "end") == b) as usize;
        }
        if let Some(dl) = g.get("deadline").and_then(Value::as_str) {
            c.dates[1] += 1;
            let dl = Some(dl.to_string());
            c.dates[0] += ds.iter().any(|d| s(d, "end") == dl || (s(d, "start") == dl && d["end"].is_null())) as usize;
        }
        for p in g["dates"].as_array().into_iter().flatten() {
            c.dates[1] += 1;
            let p = p.as_str().map(str::to_string);
            c.dates[0] += ds.iter().any(|d| s(d, "start") == p || s(d, "end") == p) as usize;
        }
        let mut got: Vec<String> = m
            .map(|m| m["targets"].as_array().into_iter().flatten().collect::<Vec<_>>())
            .unwrap_or_default()
            .iter()
            .map(|t| {
                let v = t["value"].as_f64().unwrap_or(f64::NAN);
                let v = if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}") };
                norm(&format!("{v}{}", t["unit"].as_str().unwrap_or("")))
            })
            .collect();
        for want in strs(&g["targets"]) {
            c.targets[1] += 1;
            if let Some(i) = got.iter().position(|x| *x == want) {
                got.remove(i);
                c.targets[0] += 1;
            }
        }
    }
    let gn = &gold["notice"];
    let pn = &out["notice"];
    if gn.is_object() {
        for k in ["subject", "doc_number", "date"] {
            if let Some(want) = gn[k].as_str() {
                c.meta[1] += 1;
                c.meta[0] += (norm(pn[k].as_str().unwrap_or("")) == norm(want)) as usize;
            }
        }
        for k in ["issuers", "addressees"] {
            if gn[k].as_array().is_some_and(|a| !a.is_empty()) {
                c.meta[1] += 1;
                let (mut a, mut b) = (strs(&pn[k]), strs(&gn[k]));
                a.sort();
                b.sort();
                c.meta[0] += (a == b) as usize;
            }
        }
    }
    if let Some(t) = gold["title"].as_str() {
        c.meta[1] += 1;
        c.meta[0] += (norm(out["title"].as_str().unwrap_or("")) == norm(t)) as usize;
    }
    // Tasks in tables, matched by 序号 and text prefix (body and attachments).
    let mut ptab: Vec<&Value> = out["table_tasks"].as_array().into_iter().flatten().collect();
    for a in out["attachments"].as_array().into_iter().flatten() {
        ptab.extend(a["table_tasks"].as_array().into_iter().flatten());
    }
    let mut used = vec![false; ptab.len()];
    let gtab = gold["table_tasks"].as_array().cloned().unwrap_or_default();
    for g in &gtab {
        let mut gu: Vec<String> = Vec::new();
        for u in strs(&g["units"]) {
            if !gu.contains(&u) {
                gu.push(u);
            }
        }
        c.table_units[1] += gu.len();
        let want = loose(g["text_prefix"].as_str().unwrap_or(""));
        let no = |v: &Value| v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|n| n.to_string()));
        let hit = (0..ptab.len()).find(|&i| {
            !used[i]
                && no(&ptab[i]["no"]) == no(&g["no"])
                && loose(ptab[i]["text"].as_str().unwrap_or("")).starts_with(&want)
        });
        if let Some(i) = hit {
            used[i] = true;
            c.tables[0] += 1;
            let pu = units_of(ptab[i]);
            c.table_units[0] += gu.iter().filter(|u| pu.contains(u)).count();
        }
    }
    c.tables[1] = ptab.len() - c.tables[0];
    c.tables[2] = gtab.len() - c.tables[0];
    if let Some(t) = gold.get("truncated").and_then(Value::as_bool) {
        c.meta[1] += 1;
        let said = out["warnings"].as_array().into_iter().flatten().any(|w| w["code"] == "truncated");
        c.meta[0] += (said == t) as usize;
    }
    c
}

/// The corpus's totals (item F1, unit F1, roles, dates, targets, meta, table F1, table units), each
/// document's text passed through `text` first; the per-document table printed.
fn totals(text: impl Fn(Vec<u8>) -> Vec<u8>) -> [f64; 8] {
    totals_in("docs", text)
}

/// [`totals`] for the documents' copies in `dir` (under corpus/, named as in corpus/docs).
fn totals_in(dir: &str, text: impl Fn(Vec<u8>) -> Vec<u8>) -> [f64; 8] {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut names: Vec<_> =
        std::fs::read_dir(root.join("gold")).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    let mut total = Counts::default();
    println!("{:<8} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7}", "doc", "items", "units", "roles", "dates", "targets", "meta");
    for g in names.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(g).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let bytes = text(std::fs::read(root.join(dir).join(file)).unwrap());
        let doc = gongwen::parse(&bytes, &gongwen::Options { path: file.into(), ..Default::default() })
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let out = serde_json::to_value(&doc).unwrap();
        let c = score(&gold, &out);
        println!(
            "{:<8} {:>6.3} {:>6.3} {:>3}/{:<3} {:>3}/{:<3} {:>3}/{:<3} {:>3}/{:<3}",
            file,
            f1(c.items),
            f1(c.units),
            c.roles[0],
            c.roles[1],
            c.dates[0],
            c.dates[1],
            c.targets[0],
            c.targets[1],
            c.meta[0],
            c.meta[1]
        );
        for k in 0..3 {
            total.items[k] += c.items[k];
            total.units[k] += c.units[k];
            total.tables[k] += c.tables[k];
        }
        for k in 0..2 {
            total.table_units[k] += c.table_units[k];
            total.roles[k] += c.roles[k];
            total.dates[k] += c.dates[k];
            total.targets[k] += c.targets[k];
            total.meta[k] += c.meta[k];
        }
    }
    let got = [
        f1(total.items),
        f1(total.units),
        acc(total.roles),
        acc(total.dates),
        acc(total.targets),
        acc(total.meta),
        f1(total.tables),
        acc(total.table_units),
    ];
    println!(
        "TOTAL item_f1={:.4} unit_f1={:.4} role_acc={:.4} date_acc={:.4} target_acc={:.4} meta_acc={:.4} table_f1={:.4} table_unit_acc={:.4}",
        got[0], got[1], got[2], got[3], got[4], got[5], got[6], got[7]
    );
    got
}

fn assert_at_least(got: [f64; 8], floor: &Floor) {
    for k in 0..8 {
        assert!(got[k] + 1e-9 >= floor[k], "{} fell to {:.4}, below the floor {:.4}", NAMES[k], got[k], floor[k]);
    }
}

#[test]
fn corpus_scores_do_not_fall() {
    assert_at_least(totals(|b| b), &FLOOR);
}

/// The text of a page a scraper flattened: every line's content joined by one space, so the head's
/// parts, the markers and the site's chrome all stand inside one line. (A text not in UTF-8 is left
/// as it is.)
fn flattened(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(t) => t.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ").into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// The corpus flattened to one line a document ([`flattened`]), as scrapers hand such pages over:
/// a ratchet of its own. Tables do not survive the flattening (no table is read), and the head's
/// fields are harder to tell apart when the page's chrome runs into them.
#[test]
fn flattened_corpus_scores_do_not_fall() {
    assert_at_least(totals(flattened), &FLATTENED_FLOOR);
}

/// A page whose scraper joined the lines' contents with nothing between them (the text of each
/// paragraph element run together): the head's parts, markers and sentences glued.
fn glued(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(t) => t.lines().map(str::trim).collect::<String>().into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// The corpus glued to one line a document ([`glued`]): a ratchet of its own.
#[test]
fn glued_corpus_scores_do_not_fall() {
    assert_at_least(totals(glued), &GLUED_FLOOR);
}

/// A character's width in a printed line: 2 for Chinese characters, full-width forms and the
/// quotes, dashes and ellipses of a Chinese font, else 1.
fn print_width(c: char) -> usize {
    let wide = ('\u{2E80}'..='\u{9FFF}').contains(&c)
        || "“”‘’—…".contains(c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{FF01}'..='\u{FF60}').contains(&c)
        || ('\u{20000}'..='\u{3FFFF}').contains(&c);
    if wide {
        2
    } else {
        1
    }
}

/// One paragraph set in lines of `columns` (its first line indented two characters), as a PDF's
/// text layer gives it back: a comma or stop that would open a line hangs at the end of the one
/// before (避头尾).
fn set_lines(paragraph: &str, columns: usize, out: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 4;
    for c in paragraph.chars() {
        if used + print_width(c) > columns && !line.is_empty() {
            if "，。、；：？！）》”".contains(c) {
                line.push(c);
                out.push(std::mem::take(&mut line));
                used = 0;
                continue;
            }
            out.push(std::mem::take(&mut line));
            used = 0;
        }
        line.push(c);
        used += print_width(c);
    }
    if !line.is_empty() {
        out.push(line);
    }
}

/// The text as copied out of a PDF of the document set at 28 characters a line (A4, 三号 仿宋: a
/// 公文's line): each printed line a line, so sentences, unit lists and dates run over line breaks.
/// Lines of a table (tab-separated cells) and of a page's markup are left whole.
fn wrapped(bytes: Vec<u8>) -> Vec<u8> {
    let Ok(t) = String::from_utf8(bytes) else { return Vec::new() };
    let mut out = Vec::new();
    for line in t.lines().map(str::trim) {
        if line.contains('\t') || line.starts_with('<') || line.is_empty() {
            out.push(line.to_string());
        } else {
            set_lines(line, 56, &mut out);
        }
    }
    out.join("\n").into_bytes()
}

/// The corpus hard-wrapped ([`wrapped`]): a ratchet of its own.
#[test]
fn wrapped_corpus_scores_do_not_fall() {
    assert_at_least(totals(wrapped), &WRAPPED_FLOOR);
}

/// The corpus's LibreOffice and reportlab PDFs as text copied out of them by poppler's pdftotext
/// (corpus/renderings/pdftotext-lo and -reportlab, tools/make_pdf_text_copies.sh): hard-wrapped,
/// with page numbers and the PDF's own line breaks. A ratchet of its own.
#[test]
fn pdf_text_copies_score() {
    assert_at_least(totals_in("renderings/pdftotext-lo", |b| b), &PDF_TEXT_FLOOR);
    assert_at_least(totals_in("renderings/pdftotext-reportlab", |b| b), &PDF_TEXT_REPORTLAB_FLOOR);
}

/// A copy that doubled its line breaks (a web page's paragraphs, each followed by an empty one):
/// a blank line after every line.
fn double_spaced(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(t) => t.lines().collect::<Vec<_>>().join("\n\n").into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// The corpus double-spaced ([`double_spaced`]), as it is and hard-wrapped ([`wrapped`]): each
/// must score as the same text single-spaced.
#[test]
fn double_spaced_corpus_scores_do_not_fall() {
    assert_at_least(totals(double_spaced), &FLOOR);
    assert_at_least(totals(|b| double_spaced(wrapped(b))), &SPACED_WRAPPED_FLOOR);
}

/// The text typed in full-width mode: every digit full-width ("２０２３年", "９０％").
fn full_width_digits(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(t) => t
            .chars()
            .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
            .collect::<String>()
            .into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// The corpus with full-width digits ([`full_width_digits`]): a ratchet of its own.
#[test]
fn full_width_corpus_scores_do_not_fall() {
    assert_at_least(totals(full_width_digits), &FULL_WIDTH_FLOOR);
}
