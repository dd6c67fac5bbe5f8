//! HTML: web pages (government sites publish plans as articles), Word's "Web page" output (often
//! saved with a .doc name) and its single-file MHT form (a MIME message whose first text/html part
//! is the page). A small tolerant tokenizer, not a DOM: we only need where paragraphs break, which
//! text is shown, and table cell positions, and it must read any tag soup without failing.
//!
//! Paragraph boundaries: block elements (p, div, li, h1–h6, table, tr…) and `<br>`; `<td>`/`<th>`
//! give table cells. Not shown: comments, `<script>`, `<style>`, `<head>`, `<noscript>`. Word's
//! list labels sit between `<![if !supportLists]>` and `<![endif]>` (or the same in comments):
//! the markers are dropped, the label between them ("一、") is kept.

mod article;
mod mime;

use super::text;
use super::{join, Cell, Paragraph, SourceText};
use crate::error::Error;
use crate::model::Format;
use crate::read::numfmt::NumFmt;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Deepest table nesting tracked; deeper tables are read as plain paragraphs.
const MAX_TABLE_DEPTH: usize = 100;

/// How the HTML is packaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A page: starts with `<!DOCTYPE html`, `<html` or `<?xml …?><html`.
    Page,
    /// A MIME message (MHT, "single file web page"): the page is its first text/html part.
    Mime,
}

/// Says whether the bytes START as HTML (after an optional BOM, whitespace and comments). A text
/// file with stray tags inside is not HTML.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    let prefix: Vec<u8> = match Encoding::for_bom(bytes) {
        Some((enc, bom)) if enc == UTF_16LE || enc == UTF_16BE => {
            let end = bytes.len().min(4096);
            let (s, _) = enc.decode_without_bom_handling(&bytes[bom.min(end)..end]);
            s.into_owned().into_bytes()
        }
        Some((_, bom)) => bytes[bom..bytes.len().min(4096)].to_vec(),
        None => bytes[..bytes.len().min(4096)].to_vec(),
    };
    let mut p: &[u8] = &prefix;
    if mime::is_mime(p) {
        return Some(Kind::Mime);
    }
    for _ in 0..16 {
        p = trim_start(p);
        if starts_ci(p, b"<!--") {
            match find(p, 4, b"-->") {
                Some(k) => p = &p[k + 3..],
                None => return None,
            }
        } else if starts_ci(p, b"<?xml") {
            match find(p, 5, b"?>") {
                Some(k) => p = &p[k + 2..],
                None => return None,
            }
        } else {
            break;
        }
    }
    let tag_end = |n: usize| p.get(n).is_none_or(|c| c.is_ascii_whitespace() || *c == b'>');
    if (starts_ci(p, b"<!doctype") && starts_ci(trim_start(&p[9..]), b"html")) || (starts_ci(p, b"<html") && tag_end(5))
    {
        return Some(Kind::Page);
    }
    None
}

/// Reads an HTML page or MHT message. `forced` is an encoding label that overrides declarations.
pub fn read(bytes: &[u8], kind: Kind, forced: Option<&str>) -> Result<SourceText, Error> {
    let (page, part_charset, complete) = match kind {
        Kind::Page => (std::borrow::Cow::Borrowed(bytes), None, true),
        Kind::Mime => {
            let (body, cs, complete) = mime::html_part(bytes)?;
            (std::borrow::Cow::Owned(body), cs, complete)
        }
    };
    let Decoded { text, encoding, guessed, had_errors, cut } = decode(&page, part_charset.as_deref(), forced)?;
    let paras = article::select(parse(&text));
    if paras.is_empty() {
        return Err(Error::NoText { format: Format::Html, why: "the HTML page holds no text".into() });
    }
    let mut src = join(&paras, Format::Html, encoding.name());
    src.encoding_guessed = guessed;
    src.had_errors = had_errors;
    // A page that opens <html> and never closes it was cut off (a broken download, a truncated
    // file): what was read is kept, marked damaged.
    let t = text.as_bytes();
    if find_ci(t, 0, b"<html").is_some() && find_ci(t, 0, b"</html").is_none() {
        src.damage = Some("the page ends before </html>: the file is truncated".into());
    } else if !complete {
        src.damage = Some("the MHT message ends before its closing boundary: the file is truncated".into());
    } else if cut {
        src.damage = Some("the file ends inside a character: it was cut short".into());
    }
    Ok(src)
}

/// A page decoded to text.
struct Decoded {
    text: String,
    /// The encoding the bytes were read in.
    encoding: &'static Encoding,
    /// Nothing declared it: it was guessed from the bytes.
    guessed: bool,
    /// Some bytes were not valid in it (replaced by U+FFFD).
    had_errors: bool,
    /// The bytes end inside a character.
    cut: bool,
}

impl Decoded {
    fn new(d: text::Decoded, guessed: bool) -> Decoded {
        Decoded { text: d.text, encoding: d.encoding, guessed, had_errors: d.errors > 0, cut: d.cut }
    }
}

/// Decodes the page: a forced label, else the BOM, the MIME part's charset, a `<meta>` (or XML)
/// declaration, valid UTF-8; else the encoding that explains the bytes best, as for plain text
/// (damaged UTF-8 stays UTF-8; GB18030 for Chinese sites without a declaration), flagged guessed.
fn decode(bytes: &[u8], declared: Option<&str>, forced: Option<&str>) -> Result<Decoded, Error> {
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Error::UnknownEncoding { name: label.to_string() })?;
        let (enc, bom) = Encoding::for_bom(bytes).unwrap_or((enc, 0));
        return Ok(Decoded::new(text::decode(&bytes[bom..], enc), false));
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return Ok(Decoded::new(text::decode(&bytes[bom..], enc), false));
    }
    let declared = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())).or_else(|| meta_charset(bytes));
    if let Some(enc) = declared {
        // A page cannot declare UTF-16 about bytes that were read as ASCII (HTML standard).
        let enc = if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { enc };
        return Ok(Decoded::new(text::decode(bytes, enc), false));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: s.to_string(), encoding: UTF_8, guessed: false, had_errors: false, cut: false });
    }
    let enc = text::guess(bytes, false);
    Ok(Decoded::new(text::decode(bytes, enc), enc != UTF_8))
}

/// The charset a `<meta charset=…>`, `<meta http-equiv=Content-Type content="…; charset=…">` or an
/// XML declaration names, looked for in the first 64 KB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(65536)];
    let mut from = 0;
    if starts_ci(trim_start(head), b"<?xml") {
        if let Some(end) = find(head, 0, b"?>") {
            if let Some(v) = attr_value(&head[..end], b"encoding=") {
                return Encoding::for_label(v);
            }
        }
    }
    while let Some(k) = find_ci(head, from, b"<meta") {
        let end = find(head, k, b">").unwrap_or(head.len());
        if let Some(enc) = attr_value(&head[k..end], b"charset=").and_then(Encoding::for_label) {
            return Some(enc);
        }
        from = end;
    }
    None
}

/// The value after `name` (e.g. `charset=`) in a tag: quoted or up to a delimiter.
fn attr_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let k = find_ci(tag, 0, name)? + name.len();
    let rest = trim_start(&tag[k..]);
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|c| matches!(c, b'"' | b'\'' | b';' | b'>' | b'/') || c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// An open table: its index in the document and where we are in it.
struct Table {
    index: u32,
    row: Option<u32>,
    /// The next free column in the row.
    col: u32,
    /// The open cell's first column and its span, when a cell is open.
    cell: Option<(u32, u32)>,
    /// For each column, the last row a cell merged down (rowspan) still covers: a cell of a
    /// later row starts at the first column not covered, as a browser lays the table out.
    covered: Vec<u32>,
}

impl Table {
    fn new(index: u32) -> Table {
        Table { index, row: None, col: 0, cell: None, covered: Vec::new() }
    }

    /// Places a cell of `span` columns and `rows` rows at the next free column of the row.
    fn place(&mut self, span: u32, rows: u32) {
        let row = *self.row.get_or_insert(0);
        while self.covered.get(self.col as usize).is_some_and(|&last| last >= row) {
            self.col = self.col.saturating_add(1);
        }
        if rows > 1 {
            let end = (self.col.saturating_add(span) as usize).min(MAX_COLUMNS);
            if self.covered.len() < end {
                self.covered.resize(end, 0);
            }
            for c in self.covered.iter_mut().take(end).skip(self.col as usize) {
                *c = row.saturating_add(rows - 1);
            }
        }
        self.cell = Some((self.col, span));
    }
}

/// Columns tracked for merged cells: a real table has a few dozen; a hostile colspan cannot make
/// the reader allocate more.
const MAX_COLUMNS: usize = 256;

/// Builds paragraphs from the tokens.
struct Builder {
    out: Vec<Paragraph>,
    text: String,
    /// An ASCII whitespace run is pending (collapsed to one space before the next character).
    space: bool,
    in_head: bool,
    pre: u32,
    tables: Vec<Table>,
    /// Open lists: an ordered list's next number and style; `None` for unordered lists.
    lists: Vec<Option<(i64, ListStyle)>>,
    /// An `<li>` number waiting for the item's first paragraph (`<li><p>…` is common).
    label: Option<String>,
    /// Tables opened beyond MAX_TABLE_DEPTH, read as paragraphs.
    deep_tables: u32,
    next_table: u32,
    /// Open `<a>` elements: their text is counted as link text (navigation is mostly links).
    links: u32,
    /// Link characters in the paragraph being built.
    link_chars: usize,
    /// Per kept paragraph: its shown characters and how many of them are link text.
    sizes: Vec<(usize, usize)>,
    /// Open `<h1>` elements; paragraphs built inside one are recorded in `h1`.
    in_h1: u32,
    h1: Vec<usize>,
    /// Container elements seen (div, section, article, main, table, td…), and the open ones.
    nodes: Vec<article::Node>,
    open: Vec<usize>,
}

impl Builder {
    fn add_text(&mut self, t: &str) {
        if self.in_head {
            return;
        }
        for c in t.chars() {
            if self.pre > 0 {
                match c {
                    '\n' => self.boundary(),
                    '\r' => {}
                    _ => self.text.push(c),
                }
            } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                self.space = !self.text.is_empty();
            } else {
                if std::mem::take(&mut self.space) {
                    self.text.push(' ');
                }
                self.text.push(c);
                if self.links > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }

    /// Ends the paragraph being built; blank ones are not kept (HTML spacing is layout).
    fn boundary(&mut self) {
        self.space = false;
        let links = std::mem::take(&mut self.link_chars);
        let raw = std::mem::take(&mut self.text);
        let t = raw.trim();
        if t.is_empty() {
            return;
        }
        self.sizes.push((t.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').count(), links));
        if self.in_h1 > 0 {
            self.h1.push(self.out.len());
        }
        let mut text = self.label.take().unwrap_or_default();
        text.extend(t.chars().map(|c| if c == '\u{a0}' { ' ' } else { c }));
        let cell = self.tables.last().and_then(|t| {
            let (col, _) = t.cell?;
            Some(Cell { table: t.index, row: t.row.unwrap_or(0), col })
        });
        self.out.push(Paragraph { text, cell });
    }

    fn close_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            if let Some((col, span)) = t.cell.take() {
                t.col = col.saturating_add(span);
            }
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &str) {
        self.start_tag_text(name, attrs);
        match name {
            "a" => self.links = self.links.saturating_add(1),
            "h1" => self.in_h1 = self.in_h1.saturating_add(1),
            _ => {}
        }
        // After the paragraph break the tag made: a container's paragraphs start here.
        article::open(&mut self.nodes, &mut self.open, name, attrs, self.out.len());
    }

    fn start_tag_text(&mut self, name: &str, attrs: &str) {
        match name {
            "head" => self.in_head = true,
            "body" => self.in_head = false,
            "br" => self.boundary(),
            "pre" | "listing" | "plaintext" => {
                self.in_head = false;
                self.boundary();
                self.pre = self.pre.saturating_add(1);
            }
            "table" => {
                self.in_head = false;
                self.boundary();
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    self.deep_tables = self.deep_tables.saturating_add(1);
                } else {
                    self.tables.push(Table::new(self.next_table));
                    self.next_table = self.next_table.saturating_add(1);
                }
            }
            "tr" => {
                self.boundary();
                self.close_cell();
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(t.row.map_or(0, |r| r.saturating_add(1)));
                    t.col = 0;
                }
            }
            "td" | "th" => {
                self.in_head = false;
                self.boundary();
                self.close_cell();
                if self.tables.is_empty() {
                    // A cell outside any table (tag soup): give it an implicit table.
                    self.tables.push(Table::new(self.next_table));
                    self.next_table = self.next_table.saturating_add(1);
                }
                let (span, rows) = (colspan(attrs), rowspan(attrs));
                if let Some(t) = self.tables.last_mut() {
                    t.place(span, rows);
                }
            }
            "ol" | "ul" => {
                self.in_head = false;
                self.boundary();
                if self.lists.len() < MAX_TABLE_DEPTH {
                    let start = attr_num(attrs, b"start=").unwrap_or(1);
                    self.lists.push((name == "ol").then(|| (start, ListStyle::of(attrs))));
                }
            }
            "li" => {
                self.in_head = false;
                self.boundary();
                self.label = None;
                // An ordered list's number is shown by the browser: render it as a label.
                if let Some(Some((next, style))) = self.lists.last_mut() {
                    let n = attr_num(attrs, b"value=").unwrap_or(*next);
                    *next = n.saturating_add(1);
                    self.label = Some(style.label(n));
                }
            }
            _ if is_block(name) => {
                self.in_head = false;
                self.boundary();
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        self.end_tag_text(name);
        match name {
            "a" => self.links = self.links.saturating_sub(1),
            "h1" => {
                self.boundary();
                self.in_h1 = self.in_h1.saturating_sub(1);
            }
            _ => {}
        }
        article::close(&mut self.nodes, &mut self.open, name, self.out.len());
    }

    fn end_tag_text(&mut self, name: &str) {
        match name {
            "head" => self.in_head = false,
            "pre" | "listing" | "plaintext" => {
                self.boundary();
                self.pre = self.pre.saturating_sub(1);
            }
            "table" => {
                self.boundary();
                if self.deep_tables > 0 {
                    self.deep_tables -= 1;
                } else {
                    self.tables.pop();
                }
            }
            "td" | "th" => {
                self.boundary();
                self.close_cell();
            }
            "tr" => {
                self.boundary();
                self.close_cell();
            }
            "br" => self.boundary(),
            "ol" | "ul" => {
                self.boundary();
                self.label = None;
                self.lists.pop();
            }
            "li" => {
                self.boundary();
                self.label = None;
            }
            _ if is_block(name) => self.boundary(),
            _ => {}
        }
    }
}

/// Elements that start and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "center"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "address"
            | "figure"
            | "figcaption"
            | "caption"
            | "form"
            | "fieldset"
            | "legend"
            | "hr"
            | "body"
            | "html"
            | "tbody"
            | "thead"
            | "tfoot"
            | "option"
            | "details"
            | "summary"
    )
}

/// Elements whose content is never shown as document text, skipped to their end tag.
fn is_raw_skip(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "title"
            | "textarea"
            | "xmp"
            | "template"
            | "iframe"
            | "noembed"
            | "noframes"
            | "xml"
            | "select"
    )
}

/// How a browser numbers an ordered list (`type` attribute or CSS `list-style-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListStyle {
    Decimal,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    /// 一、二、 (CSS cjk-ideographic, simp-chinese-informal, cjk-decimal is decimal).
    Chinese,
}

impl ListStyle {
    fn of(attrs: &str) -> ListStyle {
        let lower = attrs.to_ascii_lowercase();
        if lower.contains("cjk-ideographic") || lower.contains("chinese-informal") || lower.contains("chinese-formal") {
            return ListStyle::Chinese;
        }
        match attr_value(attrs.as_bytes(), b"type=") {
            Some(b"a") => ListStyle::LowerAlpha,
            Some(b"A") => ListStyle::UpperAlpha,
            Some(b"i") => ListStyle::LowerRoman,
            Some(b"I") => ListStyle::UpperRoman,
            _ if lower.contains("lower-alpha") || lower.contains("lower-latin") => ListStyle::LowerAlpha,
            _ if lower.contains("upper-alpha") || lower.contains("upper-latin") => ListStyle::UpperAlpha,
            _ if lower.contains("lower-roman") => ListStyle::LowerRoman,
            _ if lower.contains("upper-roman") => ListStyle::UpperRoman,
            _ => ListStyle::Decimal,
        }
    }

    fn label(self, n: i64) -> String {
        let alpha = |n: i64, base: u8| {
            let mut s = Vec::new();
            let mut n = n;
            while n > 0 && s.len() < 8 {
                n -= 1;
                s.push(base + (n % 26) as u8);
                n /= 26;
            }
            s.reverse();
            String::from_utf8(s).unwrap_or_default()
        };
        match self {
            ListStyle::Decimal => format!("{n}. "),
            _ if !(1..=3999).contains(&n) => format!("{n}. "),
            ListStyle::LowerAlpha => format!("{}. ", alpha(n, b'a')),
            ListStyle::UpperAlpha => format!("{}. ", alpha(n, b'A')),
            ListStyle::LowerRoman => format!("{}. ", NumFmt::LowerRoman.format(n as u32)),
            ListStyle::UpperRoman => format!("{}. ", NumFmt::UpperRoman.format(n as u32)),
            ListStyle::Chinese => format!("{}、", NumFmt::ChineseCounting.format(n as u32)),
        }
    }
}

fn attr_num(attrs: &str, name: &[u8]) -> Option<i64> {
    let v = attr_value(attrs.as_bytes(), name)?;
    std::str::from_utf8(v).ok()?.trim().parse::<i64>().ok().map(|n| n.clamp(-1_000_000, 1_000_000))
}

fn rowspan(attrs: &str) -> u32 {
    attr_value(attrs.as_bytes(), b"rowspan=")
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, 10_000)
}

fn colspan(attrs: &str) -> u32 {
    attr_value(attrs.as_bytes(), b"colspan=")
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, 1000)
}

/// Splits decoded HTML into paragraphs: all the page shows, chrome included.
pub fn paragraphs(html: &str) -> Vec<Paragraph> {
    parse(html).paras
}

/// Splits decoded HTML into paragraphs, with what `article::select` needs to find the article.
fn parse(html: &str) -> article::Page {
    let b = html.as_bytes();
    let mut bd = Builder {
        links: 0,
        link_chars: 0,
        sizes: Vec::new(),
        in_h1: 0,
        h1: Vec::new(),
        nodes: Vec::new(),
        open: Vec::new(),
        out: Vec::new(),
        text: String::new(),
        space: false,
        in_head: false,
        pre: 0,
        tables: Vec::new(),
        lists: Vec::new(),
        label: None,
        deep_tables: 0,
        next_table: 0,
    };
    let mut i = 0;
    while i < b.len() {
        // Plain text up to the next markup or entity ('<' and '&' are ASCII: char boundaries).
        let j = b[i..].iter().position(|&c| c == b'<' || c == b'&').map_or(b.len(), |k| i + k);
        if j > i {
            bd.add_text(&html[i..j]);
            i = j;
            continue;
        }
        if b[i] == b'&' {
            let (s, n) = entity(&html[i..]);
            bd.add_text(&s);
            i += n;
            continue;
        }
        // b[i] == b'<'
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = find(b, i + 4, b"-->").map_or(b.len(), |k| k + 3);
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            // DOCTYPE, processing instructions, and Word's <![if …]> / <![endif]> markers.
            i = find(b, i, b">").map_or(b.len(), |k| k + 1);
        } else if rest.len() > 2 && rest[1] == b'/' && rest[2].is_ascii_alphabetic() {
            let (name, _, end) = tag(html, i + 2);
            bd.end_tag(&name);
            i = end;
        } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
            let (name, attrs, end) = tag(html, i + 1);
            i = end;
            if is_raw_skip(&name) {
                // Skip to the matching end tag (or the end of the page if it never comes).
                let close = format!("</{name}");
                i = find_ci(b, i, close.as_bytes()).map_or(b.len(), |k| find(b, k, b">").map_or(b.len(), |e| e + 1));
            } else {
                bd.start_tag(&name, attrs);
            }
        } else {
            bd.add_text("<");
            i += 1;
        }
    }
    bd.boundary();
    let word = article::is_word_html(html);
    article::Page { paras: bd.out, sizes: bd.sizes, h1: bd.h1, nodes: bd.nodes, word }
}

/// Reads a tag's name (lower-cased, namespace prefix kept: "o:p") from `start`, its attribute
/// text, and the index after its `>` (quoted `>` in attributes do not end it).
fn tag(html: &str, start: usize) -> (String, &str, usize) {
    let b = html.as_bytes();
    let mut k = start;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || matches!(b[k], b':' | b'-' | b'_')) && k - start < 64 {
        k += 1;
    }
    let name = html[start..k].to_ascii_lowercase();
    let attrs_start = k;
    let mut quote = 0u8;
    while k < b.len() {
        let c = b[k];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            // Only a quote that opens a value (after '='), not a stray apostrophe.
            if b[attrs_start..k].iter().rev().find(|c| !c.is_ascii_whitespace()) == Some(&b'=') {
                quote = c;
            }
        } else if c == b'>' {
            return (name, &html[attrs_start..k], k + 1);
        }
        k += 1;
    }
    (name, &html[attrs_start..], b.len())
}

/// Decodes the character reference at the start of `s` (which starts with '&'): the text and
/// how many bytes it used. Unknown references stay as written.
fn entity(s: &str) -> (String, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let mut k = start;
        while k < b.len() && k - start < 8 && (if hex { b[k].is_ascii_hexdigit() } else { b[k].is_ascii_digit() }) {
            k += 1;
        }
        if k == start {
            return ("&".into(), 1);
        }
        let v = u32::from_str_radix(&s[start..k], if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
        if b.get(k) == Some(&b';') {
            k += 1;
        }
        return (numeric_char(v).to_string(), k);
    }
    let mut k = 1;
    while k < b.len() && k < 33 && b[k].is_ascii_alphanumeric() {
        k += 1;
    }
    let name = &s[1..k];
    let semi = b.get(k) == Some(&b';');
    match named(name) {
        Some(c) if semi => (c.to_string(), k + 1),
        // A few names are read without ';' by every browser.
        Some(c) if matches!(name, "nbsp" | "amp" | "lt" | "gt" | "quot" | "copy" | "reg") => (c.to_string(), k),
        _ => ("&".into(), 1),
    }
}

/// A numeric reference's character: C1 controls as Windows-1252 (as browsers do), invalid → U+FFFD.
fn numeric_char(v: u32) -> char {
    if (0x80..=0x9F).contains(&v) {
        let byte = [v as u8];
        let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return s.chars().next().unwrap_or('\u{FFFD}');
    }
    match v {
        0 => '\u{FFFD}',
        _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

/// Named references that occur in Chinese pages and Word HTML.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "sect" => '§',
        "para" => '¶',
        "laquo" => '«',
        "raquo" => '»',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "shy" => '\u{ad}',
        "yen" => '¥',
        "euro" => '€',
        "pound" => '£',
        "cent" => '¢',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "micro" => 'µ',
        "alpha" => 'α',
        "beta" => 'β',
        "Delta" => 'Δ',
        "radic" => '√',
        "infin" => '∞',
        "asymp" => '≈',
        "minus" => '−',
        "lowast" => '∗',
        "loz" => '◊',
        "hearts" => '♥',
        _ => return None,
    })
}

fn trim_start(b: &[u8]) -> &[u8] {
    let k = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[k..]
}

fn starts_ci(b: &[u8], prefix: &[u8]) -> bool {
    b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The first index ≥ `from` where `needle` occurs.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() || needle.is_empty() {
        return None;
    }
    b[from..].windows(needle.len()).position(|w| w == needle).map(|k| k + from)
}

/// Like `find`, ignoring ASCII case.
fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() || needle.is_empty() {
        return None;
    }
    b[from..].windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|k| k + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph as (text, (table, row, col)).
    type Row = (String, Option<(u32, u32, u32)>);

    fn texts(html: &str) -> Vec<String> {
        paragraphs(html).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn blocks_breaks_and_dropped_parts() {
        let html = "<html><head><title>T</title><style>p{x:1}</style><script>var a='<p>x</p>';</script></head>
<body><div class=nav>首页 &gt; 通知</div><!-- 注释 --><p style=\"text-indent:2em\">一、总体要求<br/>&nbsp;&nbsp;（一）指导思想</p>
<p><span>&#12288;&#12288;1.加强</span><span>领导。</span></p><noscript>请启用</noscript><h2>二、 主要任务</h2><p>&nbsp;</p></body></html>";
        assert_eq!(texts(html), ["首页 > 通知", "一、总体要求", "（一）指导思想", "1.加强领导。", "二、 主要任务"]);
    }

    #[test]
    fn word_html_list_labels_kept() {
        let html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>一、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>总体要求<o:p></o:p></p>
<p class=MsoNormal><!--[if !supportLists]--><span style='mso-list:Ignore'>（一）</span><!--[endif]-->指导思想</p></body></html>";
        // The label's padding is non-breaking spaces (Word's stand-in for the tab): kept as spaces.
        assert_eq!(texts(html), ["一、   总体要求", "（一）指导思想"]);
    }

    #[test]
    fn ordered_lists_numbered_as_a_browser_shows() {
        let html = "<ol><li>甲<li><p>乙</p><ol type=a><li></li><li>x</ol><li value=7>丙</ol><ol start=10 style='list-style-type:cjk-ideographic'><li>丁<li>戊</ol><ul><li>点</ul>";
        assert_eq!(texts(html), ["1. 甲", "2. 乙", "b. x", "7. 丙", "十、丁", "十一、戊", "点"]);
        assert_eq!(ListStyle::Chinese.label(105), "一百零五、");
        assert_eq!(ListStyle::Chinese.label(20), "二十、");
        assert_eq!(ListStyle::UpperRoman.label(14), "XIV. ");
        assert_eq!(ListStyle::LowerAlpha.label(28), "ab. ");
    }

    #[test]
    fn table_cells() {
        let html = "<p>前</p><table><tr><th>序号</th><th colspan=2>任务</th><td>单位</td></tr>
<tr><td>1<td><p>甲</p><p>乙</p></td><td>丙</td></tr></table><p>后</p><table><tr><td>X</td></tr></table>";
        let got: Vec<Row> =
            paragraphs(html).into_iter().map(|p| (p.text, p.cell.map(|c| (c.table, c.row, c.col)))).collect();
        let want = [
            ("前", None),
            ("序号", Some((0, 0, 0))),
            ("任务", Some((0, 0, 1))),
            ("单位", Some((0, 0, 3))),
            ("1", Some((0, 1, 0))),
            ("甲", Some((0, 1, 1))),
            ("乙", Some((0, 1, 1))),
            ("丙", Some((0, 1, 2))),
            ("后", None),
            ("X", Some((1, 0, 0))),
        ];
        let want: Vec<Row> = want.iter().map(|(t, c)| (t.to_string(), *c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn entities_and_pre() {
        assert_eq!(
            texts("a&amp;b &lt;c&gt; &#x4E00;&#20108; &copy &unknown; &#150; &#0; &"),
            ["a&b <c> 一二 © &unknown; – \u{FFFD} &"]
        );
        assert_eq!(texts("<pre>一、目标\n\n  二、任务\r\n</pre>"), ["一、目标", "二、任务"]);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"<!DOCTYPE html PUBLIC \"-//W3C\"><html>"), Some(Kind::Page));
        assert_eq!(sniff(b"\xEF\xBB\xBF\r\n<html lang=zh>"), Some(Kind::Page));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<!-- saved -->\n<html xmlns=\"x\">"), Some(Kind::Page));
        assert_eq!(sniff("发文机关:山西省人民政府\n<p>各市</p>".as_bytes()), None);
        assert_eq!(sniff(b"<htmlx>"), None);
        assert_eq!(sniff(b"<p>x</p>"), None);
        let mut u16 = vec![0xFF, 0xFE];
        for u in "<html><body>一</body></html>".encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(sniff(&u16), Some(Kind::Page));
        assert_eq!(read(&u16, Kind::Page, None).unwrap().text, "一\n");
    }

    #[test]
    fn charset_declarations() {
        let page = "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"></head><body><p>一、总体要求</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let r = read(&bytes, Kind::Page, None).unwrap();
        assert_eq!((r.text.as_str(), r.encoding.as_str(), r.encoding_guessed), ("一、总体要求\n", "GBK", false));
        let page = page.replace("<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">", "");
        let (bytes, _, _) = encoding_rs::GBK.encode(&page);
        let r = read(&bytes, Kind::Page, None).unwrap();
        assert_eq!((r.text.as_str(), r.encoding_guessed), ("一、总体要求\n", true));
        let r = read(page.as_bytes(), Kind::Page, None).unwrap();
        assert_eq!((r.encoding.as_str(), r.encoding_guessed), ("UTF-8", false));
        assert!(read(b"<html><body> </body></html>", Kind::Page, None).is_err());
    }

    #[test]
    fn tag_soup_never_fails() {
        for s in [
            "<",
            "<p",
            "<p class='x",
            "<!--",
            "<![if",
            "&#",
            "&#x;",
            "&#99999999;",
            "<script>",
            "</",
            "<td>x",
            "</table></table><tr><td>a</td>",
            "<a href=\"x>y\">z</a>",
            "<p title=it's>x</p>",
        ] {
            let _ = paragraphs(s);
        }
        let base = "<html><head><meta charset=gbk><title>t</title></head><body><ol start=3><li><p>一&nbsp;&#x4e8c;</p><table><tr><td colspan=2>a<![if !x]>b<![endif]><!--c--></td></tr></table><pre>x\ny</pre></body></html>";
        let mut seed = 0x9E37_79B9u32;
        for _ in 0..3000 {
            let mut b = base.as_bytes().to_vec();
            for _ in 0..4 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let k = (seed >> 8) as usize % b.len();
                b[k] = (seed >> 3) as u8;
            }
            let _ = paragraphs(&String::from_utf8_lossy(&b));
            let _ = read(&b, Kind::Page, None);
            let _ = read(&b, Kind::Mime, None);
        }
        let deep = "<table><tr><td>".repeat(5000) + "x";
        assert_eq!(texts(&deep), ["x"]);
    }
}
