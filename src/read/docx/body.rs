//! The document body (document.xml, and footnotes.xml/endnotes.xml), read as one stream of XML
//! events: paragraphs in reading order, table cells, text boxes, tracked changes as accepted,
//! fields reduced to their results, hidden text and ruby annotations dropped.

use super::numbering::{Counter, Definitions};
use super::styles::Styles;
use super::{attr, val, NameOf};
use crate::read::{Cell, Paragraph};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Everything the body needs to render numbering.
pub struct Context<'a> {
    pub numbering: &'a Definitions,
    pub styles: &'a Styles,
    /// Read text boxes (w:txbxContent) or leave them out.
    pub text_boxes: bool,
    /// Deepest element nesting read; deeper is treated as damage (the rest of the part is lost).
    pub max_depth: usize,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<u32>,
    ilvl: Option<usize>,
    style: Option<String>,
    cell: Option<Cell>,
    /// In a vertically merged continuation cell: Word shows nothing of it.
    merged_away: bool,
    /// The paragraph mark is hidden (w:pPr/w:rPr/w:vanish).
    mark_hidden: bool,
    /// Some run was hidden.
    had_hidden: bool,
    /// The footnote/endnote the paragraph belongs to (notes parts only).
    note: Option<String>,
    /// The run state of the enclosing paragraph (a text box sits inside a run), restored at the end.
    outer_run: (bool, bool),
}

struct Table {
    index: u32,
    row: Option<u32>,
    /// The next free grid column in the current row.
    col: u32,
    /// The current cell: its first grid column, its span, and whether it continues a merge.
    cell_col: u32,
    span: u32,
    merged_away: bool,
}

#[derive(PartialEq)]
enum Phase {
    Instruction,
    Result,
}

impl Field {
    /// True when the field's text at this point is not shown.
    fn hides(&self) -> bool {
        self.phase == Phase::Instruction || self.drop
    }
}

struct Field {
    instr: String,
    phase: Phase,
    /// A page-number field (PAGE, NUMPAGES…): its result is page furniture, not text.
    drop: bool,
}

/// Subtrees whose text Word does not show or that repeat other content.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "Fallback"
            | "pPrChange"
            | "rPrChange"
            | "sectPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "tblGridChange"
            | "numberingChange"
            | "sdtPr"
            | "customXmlPr"
            | "rt"
            | "delText"
            | "delInstrText"
            | "hdr"
            | "ftr"
    )
}

fn is_page_field(instr: &str) -> bool {
    let word = instr.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    matches!(word.as_str(), "PAGE" | "NUMPAGES" | "SECTIONPAGES" | "PAGEREF")
}

fn on(e: &BytesStart) -> bool {
    !matches!(val(e).as_deref(), Some("0" | "false" | "off"))
}

/// The output of one part: paragraphs in order, and (notes parts) the note each belongs to.
pub struct Output {
    pub paragraphs: Vec<Paragraph>,
    pub notes: Vec<Option<String>>,
    /// Footnote/endnote ids in the order the body refers to them.
    pub note_refs: Vec<String>,
    /// The table count after this part (the next part numbers its tables on from it).
    pub tables: u32,
    /// Why the part was not read to its end (malformed XML, nesting past the limit), if it was not.
    pub damage: Option<String>,
}

/// Reads one story part. `counter` carries list counters across parts (body, then notes).
pub fn read(xml: &str, ctx: &Context, counter: &mut Counter, table_base: u32) -> Output {
    let mut reader = Reader::from_str(xml);
    let mut out =
        Output { paragraphs: Vec::new(), notes: Vec::new(), note_refs: Vec::new(), tables: table_base, damage: None };
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut table_count = table_base;
    let mut fields: Vec<Field> = Vec::new();
    let mut note: Option<String> = None;
    // Depth of open elements, and the depth at which a skipped subtree started.
    let mut depth = 0usize;
    let mut skip_from: Option<usize> = None;
    let mut in_run = false;
    let mut run_hidden = false;
    let mut in_rpr = false;
    let mut in_ppr = false;
    let mut in_text = false;
    let mut in_instr = false;

    // Fields whose text is not shown (in their instruction, or a page-number result): counted so
    // that a run's text is kept or dropped in constant time however many fields are open.
    let mut fields_hiding = 0usize;
    // Malformed XML ends the loop: what was read so far is kept, as Word's own recovery does, and
    // the document says it is damaged.
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                out.damage = Some(format!(
                    "the XML breaks off at byte {} ({e}); the text after it is lost",
                    reader.error_position()
                ));
                break;
            }
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                if !empty {
                    depth += 1;
                    if depth > ctx.max_depth {
                        out.damage = Some(format!(
                            "elements nest deeper than {} levels (--max-xml-depth); the text after byte {} is lost",
                            ctx.max_depth,
                            reader.buffer_position()
                        ));
                        break;
                    }
                }
                if skip_from.is_some() {
                    continue;
                }
                let name = e.local();
                if skipped(name) || (name == "txbxContent" && !ctx.text_boxes) {
                    if !empty {
                        skip_from = Some(depth);
                    }
                    continue;
                }
                match name {
                    "p" => {
                        let mut p = Para { note: note.clone(), outer_run: (in_run, run_hidden), ..Para::default() };
                        in_run = false;
                        run_hidden = false;
                        if let Some(t) = tables.last() {
                            if let Some(row) = t.row {
                                p.cell = Some(Cell { table: t.index, row, col: t.cell_col });
                            }
                            p.merged_away = t.merged_away;
                        }
                        if let Some(outer) = paras.last() {
                            p.merged_away |= outer.merged_away;
                        }
                        if empty {
                            finish(p, ctx, counter, &mut out);
                        } else {
                            paras.push(p);
                        }
                    }
                    "pPr" if !empty && !in_run => in_ppr = true,
                    "rPr" if !empty => in_rpr = true,
                    "pStyle" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.style = val(e);
                        }
                    }
                    "numId" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.num_id = Some(val(e).and_then(|v| v.trim().parse().ok()).unwrap_or(0));
                        }
                    }
                    "ilvl" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.ilvl = val(e).and_then(|v| v.trim().parse().ok());
                        }
                    }
                    "vanish" if in_rpr => {
                        if in_run {
                            run_hidden = on(e);
                        } else if in_ppr {
                            if let Some(p) = paras.last_mut() {
                                p.mark_hidden = on(e);
                            }
                        }
                    }
                    "rStyle" if in_run && in_rpr && val(e).is_some_and(|s| ctx.styles.char_hidden(&s)) => {
                        run_hidden = true;
                    }
                    "r" if !empty => {
                        in_run = true;
                        run_hidden = false;
                    }
                    "t" if !empty && in_run => in_text = true,
                    "instrText" if !empty => in_instr = true,
                    "tab" | "ptab" if in_run && !in_rpr => push(&mut paras, "\t", run_hidden, fields_hiding > 0),
                    "br" | "cr" if in_run => push(&mut paras, " ", run_hidden, fields_hiding > 0),
                    "noBreakHyphen" if in_run => push(&mut paras, "-", run_hidden, fields_hiding > 0),
                    "sym" if in_run => {
                        // Symbol-font glyphs live in the private-use area: they have no text meaning.
                        let c = attr(e, "char")
                            .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                            .and_then(char::from_u32)
                            .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c));
                        if let Some(c) = c {
                            push(&mut paras, c.encode_utf8(&mut [0; 4]), run_hidden, fields_hiding > 0);
                        }
                    }
                    "fldChar" => match attr(e, "fldCharType").as_deref() {
                        Some("begin") => {
                            fields.push(Field { instr: String::new(), phase: Phase::Instruction, drop: false });
                            fields_hiding += 1;
                        }
                        Some("separate") => {
                            if let Some(f) = fields.last_mut() {
                                let was = f.hides();
                                f.phase = Phase::Result;
                                f.drop = is_page_field(&f.instr);
                                fields_hiding = fields_hiding - usize::from(was) + usize::from(f.hides());
                            }
                        }
                        Some("end") => {
                            if let Some(f) = fields.pop() {
                                fields_hiding -= usize::from(f.hides());
                            }
                        }
                        _ => {}
                    },
                    "fldSimple" if !empty => {
                        let instr = attr(e, "instr").unwrap_or_default();
                        if is_page_field(&instr) {
                            skip_from = Some(depth);
                        }
                    }
                    "footnoteReference" | "endnoteReference" => {
                        if let Some(id) = attr(e, "id") {
                            out.note_refs.push(format!("{}:{id}", &name[..3]));
                        }
                    }
                    "footnote" | "endnote" if !empty => {
                        // Separator notes hold only the rule line Word draws above the notes.
                        note = match attr(e, "type").as_deref() {
                            None | Some("normal") => attr(e, "id").map(|id| format!("{}:{id}", &name[..3])),
                            Some(_) => Some(String::new()),
                        };
                    }
                    "tbl" if !empty => {
                        tables.push(Table {
                            index: table_count,
                            row: None,
                            col: 0,
                            cell_col: 0,
                            span: 1,
                            merged_away: false,
                        });
                        table_count = table_count.saturating_add(1);
                    }
                    "tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(t.row.map_or(0, |r| r.saturating_add(1)));
                            t.col = 0;
                        }
                    }
                    "gridBefore" => {
                        if let Some(t) = tables.last_mut() {
                            t.col =
                                t.col.saturating_add(val(e).and_then(|v| v.trim().parse().ok()).unwrap_or(0).min(1000));
                        }
                    }
                    "tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.cell_col = t.col;
                            t.span = 1;
                            t.merged_away = false;
                        }
                    }
                    "gridSpan" => {
                        if let Some(t) = tables.last_mut() {
                            t.span = val(e).and_then(|v| v.trim().parse().ok()).unwrap_or(1).clamp(1, 1000);
                        }
                    }
                    "vMerge" => {
                        if let Some(t) = tables.last_mut() {
                            t.merged_away = !matches!(val(e).as_deref(), Some("restart"));
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let d = depth;
                depth = depth.saturating_sub(1);
                if let Some(s) = skip_from {
                    if d == s {
                        skip_from = None;
                    }
                    continue;
                }
                match e.local_name().as_ref() {
                    "p" => {
                        if let Some(p) = paras.pop() {
                            (in_run, run_hidden) = p.outer_run;
                            finish(p, ctx, counter, &mut out);
                        }
                    }
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "r" => {
                        in_run = false;
                        run_hidden = false;
                    }
                    "t" => in_text = false,
                    "instrText" => in_instr = false,
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.col = t.col.saturating_add(t.span);
                            t.merged_away = false;
                        }
                    }
                    "tbl" => {
                        tables.pop();
                    }
                    "footnote" | "endnote" => note = None,
                    _ => {}
                }
            }
            Event::Text(ref t) if skip_from.is_none() => {
                if in_text {
                    push(&mut paras, t, run_hidden, fields_hiding > 0);
                } else if in_instr {
                    if let Some(f) = fields.last_mut() {
                        f.instr.push_str(t);
                    }
                }
            }
            Event::CData(ref t) if skip_from.is_none() && in_text => push(&mut paras, t, run_hidden, fields_hiding > 0),
            Event::GeneralRef(ref r) if skip_from.is_none() && (in_text || in_instr) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let Some(c) = c {
                    let mut buf = [0; 4];
                    if in_text {
                        push(&mut paras, c.encode_utf8(&mut buf), run_hidden, fields_hiding > 0);
                    } else if let Some(f) = fields.last_mut() {
                        f.instr.push(c);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated part: close what is open, innermost first.
    while let Some(p) = paras.pop() {
        finish(p, ctx, counter, &mut out);
    }
    out.tables = table_count;
    out
}

/// Appends run text to the innermost open paragraph unless it is hidden or field furniture.
fn push(paras: &mut [Para], s: &str, hidden: bool, in_hidden_field: bool) {
    let Some(p) = paras.last_mut() else { return };
    if hidden {
        p.had_hidden = true;
        return;
    }
    if in_hidden_field {
        return;
    }
    p.text.push_str(s);
}

/// Renders the paragraph's auto-number and emits it.
fn finish(p: Para, ctx: &Context, counter: &mut Counter, out: &mut Output) {
    if p.mark_hidden && p.had_hidden && p.text.is_empty() {
        return;
    }
    let style = p.style.as_deref().or(ctx.styles.default_paragraph.as_deref());
    let (style_num, style_lvl) = style.map(|s| ctx.styles.numbering(s)).unwrap_or((None, None));
    let label = match p.num_id.or(style_num) {
        Some(0) | None => String::new(),
        Some(num_id) => {
            let ilvl = p
                .ilvl
                .or(style_lvl)
                .or_else(|| style.and_then(|s| ctx.numbering.level_for_style(num_id, s)))
                .unwrap_or(0);
            counter.next(ctx.numbering, num_id, ilvl)
        }
    };
    if p.merged_away {
        return;
    }
    let text = if label.is_empty() { p.text } else { label + &p.text };
    out.paragraphs.push(Paragraph { text, cell: p.cell });
    out.notes.push(p.note);
}
