//! gongwen: Chinese government plan documents (实施方案, 工作方案, 行动方案, 工作要点,
//! 任务分解方案, 意见) to structured JSON: every numbered task, its responsible units (责任单位,
//! 牵头 vs 配合), its deadlines and targets, and the covering notice (发文机关, 文号, 主送, 成文日期).
//!
//! ```
//! let text = "一、总体要求\n（一）目标。到2025年底满意度达90%以上。（责任单位：县委办）\n";
//! let doc = gongwen::parse(text.as_bytes(), &gongwen::Options::default()).unwrap();
//! assert_eq!(doc.items[0].children[0].path, "1.1");
//! let mut json = Vec::new();
//! gongwen::write_json(&doc, false, &mut json).unwrap();
//! ```
//!
//! The pipeline, one private module a step: bytes → `read` (format readers: text, .docx, .doc/.wps,
//! RTF, HTML) → paragraphs, one a line of the source text → `clean` (page furniture, site chrome,
//! conversion artifacts; with an offset map) → cleaned text → `structure` (marker candidates, depth
//! from sequence) and `grammar` (responsibility, dates, targets) → `assemble` (the item tree) and
//! `head` (notice and title) → [`Document`] → `tasks` (task rows, unit views, CSV cells). What a
//! caller needs is re-exported below, in one list: that list is the whole API.
#![forbid(unsafe_code)]

mod assemble;
mod chars;
mod clean;
mod error;
mod grammar;
mod head;
mod limits;
mod lines;
mod model;
mod read;
mod structure;
mod table;
mod tasks;

pub use error::{Error, LimitKind};
pub use grammar::unit_keys::UnitsMap;
pub use limits::{Limits, MB};
pub use model::{
    Attachment, DateFact, DateKind, Document, Format, GlossaryEntry, Item, MarkerStyle, Notice, Op, Responsibility,
    RoleBasis, Source, TableTask, Target, Warning, WarningCode, SCHEMA_VERSION,
};
pub use read::{Cell, SourceText};
pub use tasks::{
    csv_record, role_basis_name, task_cells, task_rows, task_rows_with_spans, task_schema, unit_views, TaskKind,
    TaskRow, UnitTask, UnitView, TASK_COLUMNS, TASK_LIST_JOIN, TASK_SCHEMA_VERSION,
};

use grammar::unit_keys::KeyContext;
use sha2::{Digest, Sha256};

/// How to read an input.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The path to report in `source.path` ("-" for standard input).
    pub path: String,
    /// An encoding label that overrides detection (WHATWG names: "gbk", "utf-16le", …).
    pub encoding: Option<String>,
    /// Resource limits for hostile input (see [`Limits`] for the defaults).
    pub limits: Limits,
    /// The password of an encrypted PDF (not needed when only an owner password is set).
    pub password: Option<String>,
    /// An office's own names for the unit keys (`--units-map`): alias → canonical key.
    pub units_map: Option<std::sync::Arc<UnitsMap>>,
}

/// Parses a document from its bytes. Only unreadable input is an error; everything the parser
/// could not resolve is a warning in the document.
pub fn parse(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let src = read_text(bytes, options)?;
    Ok(parse_source(&src, bytes, options))
}

/// Reads the bytes into the source text the parser reads (what `gongwen text` prints): the format
/// chosen by content, one paragraph a line. Every `span` of the parsed document indexes it.
pub fn read_text(bytes: &[u8], options: &Options) -> Result<SourceText, Error> {
    read::read_with_password(bytes, options.encoding.as_deref(), &options.limits, options.password.as_deref())
}

/// Parses an already decoded source text (from [`read_text`]); `bytes` are the original input
/// (for `source.bytes` and `source.sha256`).
pub fn parse_source(src: &SourceText, bytes: &[u8], options: &Options) -> Document {
    let (cleaned, report) = clean::clean_source(src);
    let mut warnings = Vec::new();
    if src.encoding_guessed {
        warnings.push(Warning {
            code: WarningCode::EncodingGuessed,
            message: format!("no byte-order mark or declaration: the text was read as {}", src.encoding),
            offset: None,
        });
    }
    if let Some(why) = &src.damage {
        warnings.push(Warning { code: WarningCode::Damaged, message: why.clone(), offset: None });
    }
    if !src.pages_without_text.is_empty() {
        warnings.push(pages_without_text(&src.pages_without_text));
    }
    if src.other_documents > 0 {
        let message = format!("the package holds {} documents: only the first was read", src.other_documents + 1);
        warnings.push(Warning { code: WarningCode::OtherDocuments, message, offset: None });
    }
    if src.had_errors {
        warnings.push(Warning {
            code: WarningCode::EncodingErrors,
            message: format!("some bytes are not valid {} and were replaced by U+FFFD", src.encoding),
            offset: None,
        });
    }
    // Where the body starts, so the head knows where to look; the notice's list of attachments
    // ("附件：1.XXX") is not part of the body.
    let text = cleaned.text.as_str();
    let cands = assemble::scan(text);
    let mut exclude: Vec<(usize, usize)> = Vec::new();
    let mut first = assemble::first_item(text, &cands, &exclude);
    let mut head = head::extract_head(text, first);
    if let Some(list) = head.attachment_list {
        exclude.push(list);
        // The head is read again only when the list held what looked like the first item.
        let again = assemble::first_item(text, &cands, &exclude);
        if again != first {
            first = again;
            head = head::extract_head(text, first);
        }
    }
    // A number at the very top that hides the head (a list number left by a page's markup,
    // "1. <th>"): when nothing of a head stands before it but a notice's heading follows it, the
    // body starts at the next item.
    if head.notice.is_none() && head.title.is_none() && first < text.len() {
        let next = assemble::first_item(text, &cands, &[(0, first + 1)]);
        let again = head::extract_head(text, next);
        if next > first && again.notice.as_ref().is_some_and(|n| n.subject.is_some()) {
            exclude.push((0, next));
            first = next;
            head = again;
        }
    }
    // A notice whose own requirements are numbered (一、提高认识…) before the plan it covers: the
    // body starts at the plan's title line, and the notice's numbers are not the plan's items.
    if let Some(at) = head.title.as_deref().and_then(|t| assemble::title_line(text, t, first)) {
        if at > first {
            exclude.push((0, at));
            let title = head.title.clone();
            head = head::extract_head(text, assemble::first_item(text, &cands, &exclude));
            head.title = head.title.or(title);
        }
    }
    let doc_year = head
        .notice
        .as_ref()
        .and_then(|n| n.date.as_deref())
        .and_then(|d| d.get(..4)?.parse().ok())
        .or_else(|| head.title.as_deref().and_then(grammar::dates::first_year))
        .or_else(|| grammar::dates::first_year(text));
    let word_tables = table::word::tables(src, &cleaned);
    let body = assemble::assemble(&cleaned, &cands, &exclude, word_tables, doc_year);
    warnings.extend(body.warnings);
    if let Some(w) = assemble::truncation(&cleaned.text, body.body_start, body.body_end, &body.items, &report) {
        warnings.push(w);
    }
    let glossary: Vec<GlossaryEntry> = grammar::glossary::glossary(&cleaned.text)
        .into_iter()
        .map(|mut e| {
            e.span = cleaned.span(e.span[0], e.span[1]);
            e
        })
        .collect();
    let keys = KeyContext {
        place: head.notice.as_ref().and_then(|n| n.issuers.first()).and_then(|i| grammar::unit_keys::issuer_place(i)),
        glossary: glossary.iter().map(|e| (e.short.clone(), e.full.clone())).collect(),
        pinned: options.units_map.as_deref(),
    };
    let mut doc = Document {
        schema_version: SCHEMA_VERSION.into(),
        source: Source {
            path: options.path.clone(),
            format: src.format,
            encoding: src.encoding.clone(),
            bytes: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
            signed: src.signed,
        },
        title: head.title,
        notice: head.notice,
        items: body.items,
        table_tasks: body.table_tasks,
        attachments: body.attachments,
        warnings,
        glossary,
    };
    grammar::unit_keys::key_document(&mut doc, &keys);
    doc
}

/// The `pages_without_text` warning: which pages of a PDF or OFD were images only.
fn pages_without_text(pages: &[u32]) -> Warning {
    let list: Vec<String> = pages.iter().map(u32::to_string).collect();
    let noun = if pages.len() == 1 { "page" } else { "pages" };
    let verb = if pages.len() == 1 { "holds" } else { "hold" };
    let message =
        format!("{noun} {} {verb} no text (scanned images?): only the other pages were read", list.join(", "));
    Warning { code: WarningCode::PagesWithoutText, message, offset: None }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `doc` as `gongwen parse` prints it: one JSON value (indented with `pretty`) and a
/// newline. It streams: a large document never sits in memory a second time as text (the CLI
/// passes a buffered file or stdout; `Vec<u8>` collects the bytes).
pub fn write_json<W: std::io::Write>(doc: &Document, pretty: bool, mut w: W) -> std::io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut w, doc)?;
    } else {
        serde_json::to_writer(&mut w, doc)?;
    }
    w.write_all(b"\n")?;
    w.flush()
}

/// The JSON Schema of [`Document`] (schema version 1), generated from the Rust types; the
/// committed copy is schema/document.schema.json.
pub fn document_schema() -> String {
    let schema = schemars::schema_for!(Document);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    s.push('\n');
    s
}

/// The pipeline's inner steps, for this crate's own tests, benches, examples and fuzz targets. Not
/// part of the API: anything here may change in any release.
#[doc(hidden)]
pub mod testing {
    pub use crate::assemble::{assemble, first_item};
    pub use crate::clean::clean;
    pub use crate::grammar::dates::{parse_date, scan_dates, DateContext};
    pub use crate::grammar::pattern::set_lite_limit;
    pub use crate::grammar::responsibility::{merge, scan_responsibility, RespRules};
    pub use crate::grammar::targets::scan_targets;
    pub use crate::grammar::unit_keys::{issuer_place, unit_key, KeyContext};
    pub use crate::head::extract_head;
    pub use crate::read::{
        doc, docx, html, join, layout, ofd, pdf, read_with, read_with_password, rtf, text, Paragraph,
    };
    pub use crate::structure::markers::scan;

    /// [`crate::read_text`] with default limits and an optional encoding label.
    pub fn read(bytes: &[u8], encoding: Option<&str>) -> Result<crate::SourceText, crate::Error> {
        crate::read::read_with(bytes, encoding, &crate::Limits::default())
    }
}
