//! The output document, schema version 1. Every name here is part of the public JSON contract:
//! downstream trackers rely on it, so fields are only ever added, never renamed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema version written into every document.
pub const SCHEMA_VERSION: &str = "1";

/// A parsed plan document (实施方案/工作方案/…), with its covering notice (通知) when present.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Document {
    /// Always "1" for this layout.
    pub schema_version: String,
    pub source: Source,
    /// The plan's own title (方案/意见/要点…), whitespace removed; null when the text has none.
    pub title: Option<String>,
    /// The covering notice (关于印发……的通知), or the document's own head and signature when it is
    /// itself the official text (an 意见 with 文号 and 主送); null when neither is present.
    pub notice: Option<Notice>,
    /// The numbered items of the plan body, as a tree.
    pub items: Vec<Item>,
    /// Tasks that stand in a table of the body (任务分工表).
    pub table_tasks: Vec<TableTask>,
    /// Parts headed 附件/附件N that follow the body.
    pub attachments: Vec<Attachment>,
    /// Everything the parser noticed but could not resolve cleanly.
    pub warnings: Vec<Warning>,
    /// The document's own short forms (以下简称), in order: what `unit_keys` expand.
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
}

/// A short form a document declares: "县创建全国文明城市工作领导小组办公室（以下简称“县创建办”）".
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct GlossaryEntry {
    /// The short form (县创建办).
    pub short: String,
    /// The full name it stands for.
    pub full: String,
    /// Byte offsets [start, end) into the decoded source text: the full name and its bracket.
    pub span: [usize; 2],
}

/// Where the document came from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Source {
    /// The path as given on the command line; "-" for standard input.
    pub path: String,
    /// The format that was read, chosen by the bytes (never by the file name).
    pub format: Format,
    /// The character encoding used to decode the bytes ("UTF-8", "UTF-16LE", "GB18030", …).
    pub encoding: String,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the input bytes.
    pub sha256: String,
    /// True when the PDF or OFD carries a digital signature (present only then).
    #[serde(default, skip_serializing_if = "is_false")]
    pub signed: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The formats gongwen reads. Serialized in lower case ("txt", "docx", …).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// Plain text in any encoding (UTF-8, UTF-16, GB18030/GBK, or the one given).
    Txt,
    /// Word OOXML (.docx/.docm/.dotx, WPS-written OOXML).
    Docx,
    /// Word 97–2003 and Word 6/95/2.0 binary files.
    Doc,
    /// WPS Office's own OLE2 files (.wps).
    Wps,
    /// Rich Text Format.
    Rtf,
    /// HTML pages, MHT and "Word HTML".
    Html,
    /// PDF (fixed layout: laid out into paragraphs).
    Pdf,
    /// OFD, GB/T 33190-2016 (fixed layout: laid out into paragraphs).
    Ofd,
}

impl Format {
    /// The name as serialized ("docx").
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Wps => "wps",
            Format::Rtf => "rtf",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Ofd => "ofd",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The covering notice (通知) or the official head of the document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Notice {
    /// 标题: the notice's subject as printed, e.g. 关于印发……的通知, without the issuer prefix.
    pub subject: Option<String>,
    /// 发文机关: the issuing organs, from the head or the signature.
    pub issuers: Vec<String>,
    /// 文号: the document number exactly as printed, e.g. X办发〔2023〕12号.
    pub doc_number: Option<String>,
    /// 主送: the addressees, split at top-level commas.
    pub addressees: Vec<String>,
    /// 成文日期: the signature date, ISO partial (2023-05 or 2023-05-10).
    pub date: Option<String>,
    /// 附件: the titles listed in the notice's attachment list.
    pub attachments: Vec<String>,
}

/// One numbered item (一、 （一） 1. （1） ① 第一条 …) with its children.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Item {
    /// The numbers of the item and its ancestors joined by ".", as written ("2.2.2.9").
    pub path: String,
    /// The marker as written, e.g. "（一）" or "1."
    pub marker: String,
    /// The marker family.
    pub style: MarkerStyle,
    /// Depth in the tree, 1 = top.
    pub level: u32,
    /// The item's number (一 = 1, ⑨ = 9).
    pub number: u32,
    /// The opening words up to the first 。 or ： when they form a short title (小标题), else null.
    pub heading: Option<String>,
    /// Everything after the marker (heading included), without children, page furniture or the
    /// responsibility line.
    pub text: String,
    /// 责任单位: who is responsible for this item.
    pub responsible: Option<Responsibility>,
    /// Dates stated in the item's own text.
    pub dates: Vec<DateFact>,
    /// Quantitative targets stated in the item's own text.
    pub targets: Vec<Target>,
    /// Byte offsets [start, end) into the decoded source text, covering the item and its children.
    pub span: [usize; 2],
    pub children: Vec<Item>,
}

/// Marker families, named after their typical form.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum MarkerStyle {
    /// 一、
    CnComma,
    /// （一） or (一)
    CnParen,
    /// 1. or 1．
    NumDot,
    /// 1、
    NumComma,
    /// （1） (1) ⑴
    NumParen,
    /// ①
    Circled,
    /// 第一条
    Article,
    /// 第一章
    Chapter,
    /// 第一部分
    Part,
    /// 第一阶段
    Stage,
    /// A section heading printed without its number (the marker is empty; `number` counts the
    /// headings in order).
    Unnumbered,
}

/// 责任单位: a responsibility statement and the units it names.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Responsibility {
    /// The statement as written.
    pub raw: String,
    /// All units, in order, role words and a trailing 等 removed.
    pub units: Vec<String>,
    /// 牵头单位: lead units, when the text distinguishes them.
    pub lead: Vec<String>,
    /// 配合单位/参与: supporting units, when the text distinguishes them.
    pub support: Vec<String>,
    /// How `lead` and `support` are known: said by the text (a label or role word), by a stated
    /// rule (列第一位者为牵头单位, a 牵头 column of a table), or not at all (then both are empty).
    #[serde(default)]
    pub roles: RoleBasis,
    /// One key per unit of `units`, in the same order: the place and the full name of the office,
    /// so that 县住建局 and 县住房和城乡建设局 are counted as one office across plans.
    #[serde(default)]
    pub unit_keys: Vec<String>,
}

/// Where the lead/support split of a responsibility comes from.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RoleBasis {
    /// The text does not tell lead from support: every unit is responsible (责任单位：A、B).
    #[default]
    None,
    /// A stated rule gives the roles: 列第一位者为牵头单位, or a 牵头单位 column of a task table.
    Rule,
    /// A label or role word says each unit's role (牵头单位：A；配合单位：B, A牵头、B配合).
    Stated,
}

/// The kind of a date statement.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// A point in time: 2023年5月.
    Point,
    /// A period: 2023年5月-8月, 上半年, 第三季度.
    Range,
    /// A completion deadline: ……前, 底前, 完成时限.
    Deadline,
    /// 长期坚持, 持续推进.
    Ongoing,
    /// 每年, 每季度.
    Recurring,
}

/// A date statement normalized to ISO partial dates ("2023", "2023-05", "2023-05-10").
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct DateFact {
    pub raw: String,
    pub kind: DateKind,
    pub start: Option<String>,
    pub end: Option<String>,
    /// True when the year was not written and came from the enclosing phase or the document.
    pub year_inferred: bool,
}

/// Comparison of a target.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
    /// 约/左右: approximately.
    #[serde(rename = "~")]
    Approx,
}

/// A quantitative target: 满意度达90%以上 → {indicator 满意度, op >=, value 90, unit %}.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Target {
    pub raw: String,
    /// What is measured (满意度, 普及率), where it can be told.
    pub indicator: Option<String>,
    pub op: Op,
    pub value: f64,
    /// The unit as written, magnitude words kept (万户, 亿元, %, 起/万户).
    pub unit: String,
}

/// A task that stands in a table row (任务分工表).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct TableTask {
    /// 序号 as written.
    pub no: Option<String>,
    pub text: String,
    pub responsible: Option<Responsibility>,
    pub dates: Vec<DateFact>,
    pub targets: Vec<Target>,
    pub span: [usize; 2],
}

/// A part headed 附件/附件N after the body.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Attachment {
    /// "附件1", "附件" …
    pub label: String,
    pub title: Option<String>,
    pub items: Vec<Item>,
    pub table_tasks: Vec<TableTask>,
    pub span: [usize; 2],
}

/// Something noticed while parsing; the document is still returned.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Warning {
    /// Stable code (see [`WarningCode`]).
    pub code: WarningCode,
    pub message: String,
    /// Byte offset into the decoded source text, when the warning has a place.
    pub offset: Option<usize>,
}

/// The stable codes of [`Warning`], serialized in snake_case ("numbering_gap"). New codes may be
/// added; a code is never renamed.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// The text ends inside the plan (mid-sentence, on a bare item number, or a viewer said so).
    Truncated,
    /// An item's number skips the expected one (kept, with the number as written).
    NumberingGap,
    /// An item repeats the previous number (kept: two items share a path).
    NumberingDuplicate,
    /// The top level starts again at 1 on a line of its own.
    NumberingRestart,
    /// A responsibility statement stands before the first item and belongs to none.
    OrphanResponsibility,
    /// No byte-order mark or given encoding: the encoding was detected from the bytes.
    EncodingGuessed,
    /// Some bytes were not valid in the encoding and were replaced by U+FFFD.
    EncodingErrors,
    /// The container was damaged; the document is what could be read.
    Damaged,
    /// Some pages of a PDF or OFD hold no text (scanned images): the other pages were read.
    PagesWithoutText,
    /// An OFD package holds several documents: only the first was read.
    OtherDocuments,
}

impl WarningCode {
    /// The code as serialized ("numbering_gap").
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::Truncated => "truncated",
            WarningCode::NumberingGap => "numbering_gap",
            WarningCode::NumberingDuplicate => "numbering_duplicate",
            WarningCode::NumberingRestart => "numbering_restart",
            WarningCode::OrphanResponsibility => "orphan_responsibility",
            WarningCode::EncodingGuessed => "encoding_guessed",
            WarningCode::EncodingErrors => "encoding_errors",
            WarningCode::Damaged => "damaged",
            WarningCode::PagesWithoutText => "pages_without_text",
            WarningCode::OtherDocuments => "other_documents",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
