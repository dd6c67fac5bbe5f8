//! The document body (document.xml, and footnotes.xml/endnotes.xml), read as one stream of XML
//! events: paragraphs in reading order, table cells, text boxes, tracked changes as accepted,
//! fields reduced to their results, hidden text and ruby annotations dropped.
//!
//! The reader keeps its whole state in one struct ([`BodyReader`]) and `run` is a short loop that
//! hands each event to a small method, so each element's effect can be read (and changed) alone.

use super::numbering::{Counter, Definitions};
use super::styles::Styles;
use super::{attr, val, NameOf};
use crate::read::{Cell, Paragraph};
use quick_xml::events::{BytesRef, BytesStart, Event};
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

/// The run (w:r) the reader is in, if any.
#[derive(Default, Clone, Copy)]
struct Run {
    open: bool,
    /// The run's text is hidden (w:vanish, or a hidden character style).
    hidden: bool,
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
    outer_run: Run,
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

impl Table {
    fn new(index: u32) -> Table {
        Table { index, row: None, col: 0, cell_col: 0, span: 1, merged_away: false }
    }

    /// w:tr: the next row, from its first column.
    fn start_row(&mut self) {
        self.row = Some(self.row.map_or(0, |r| r.saturating_add(1)));
        self.col = 0;
    }

    /// w:gridBefore: grid columns left empty before the row's first cell (bounded: a hostile
    /// value must not push the column numbers out of range).
    fn skip_columns(&mut self, e: &BytesStart) {
        self.col = self.col.saturating_add(val(e).and_then(|v| v.trim().parse().ok()).unwrap_or(0).min(1000));
    }

    /// w:tc: a cell starts at the next free column, one column wide until w:gridSpan says more.
    fn start_cell(&mut self) {
        self.cell_col = self.col;
        self.span = 1;
        self.merged_away = false;
    }

    fn set_span(&mut self, e: &BytesStart) {
        self.span = val(e).and_then(|v| v.trim().parse().ok()).unwrap_or(1).clamp(1, 1000);
    }

    /// w:vMerge: only "restart" begins a merge; any other value (or none) continues the one above.
    fn set_merge(&mut self, e: &BytesStart) {
        self.merged_away = !matches!(val(e).as_deref(), Some("restart"));
    }

    fn end_cell(&mut self) {
        self.col = self.col.saturating_add(self.span);
        self.merged_away = false;
    }
}

#[derive(PartialEq)]
enum Phase {
    Instruction,
    Result,
}

struct Field {
    instr: String,
    phase: Phase,
    /// A page-number field (PAGE, NUMPAGES…): its result is page furniture, not text.
    drop: bool,
}

impl Field {
    /// True when the field's text at this point is not shown.
    fn hides(&self) -> bool {
        self.phase == Phase::Instruction || self.drop
    }
}

/// The complex fields (w:fldChar begin … separate … end) open at this point, innermost last.
#[derive(Default)]
struct Fields {
    open: Vec<Field>,
    /// How many open fields hide their text (in their instruction, or a page-number result):
    /// counted so that a run's text is kept or dropped in constant time however many are open.
    hiding: usize,
}

impl Fields {
    fn begin(&mut self) {
        self.open.push(Field { instr: String::new(), phase: Phase::Instruction, drop: false });
        self.hiding += 1;
    }

    /// The instruction is complete: from here on the field shows its result, unless it is a
    /// page number.
    fn separate(&mut self) {
        if let Some(f) = self.open.last_mut() {
            let was = f.hides();
            f.phase = Phase::Result;
            f.drop = is_page_field(&f.instr);
            self.hiding = self.hiding - usize::from(was) + usize::from(f.hides());
        }
    }

    fn end(&mut self) {
        if let Some(f) = self.open.pop() {
            self.hiding -= usize::from(f.hides());
        }
    }

    /// Instruction text (w:instrText) of the innermost field.
    fn instruction(&mut self) -> Option<&mut String> {
        self.open.last_mut().map(|f| &mut f.instr)
    }
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

/// The character an entity or character reference stands for (the five XML entities only: a
/// DTD is never read, so no other name is defined).
fn resolve(r: &BytesRef) -> Option<char> {
    match r.resolve_char_ref() {
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
    }
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
    BodyReader::new(xml, ctx, counter, table_base).run()
}

/// The state of reading one part. `out.tables` counts the tables met so far.
struct BodyReader<'a> {
    reader: Reader<&'a [u8]>,
    ctx: &'a Context<'a>,
    counter: &'a mut Counter,
    out: Output,
    /// Open paragraphs, innermost last (a text box's paragraphs sit inside a run of another).
    paras: Vec<Para>,
    /// Open tables, innermost last.
    tables: Vec<Table>,
    fields: Fields,
    /// The footnote/endnote being read (notes parts); `Some("")` for a separator note.
    note: Option<String>,
    /// Depth of open elements, and the depth at which a skipped subtree started.
    depth: usize,
    skip_from: Option<usize>,
    run: Run,
    in_rpr: bool,
    in_ppr: bool,
    in_text: bool,
    in_instr: bool,
}

impl<'a> BodyReader<'a> {
    fn new(xml: &'a str, ctx: &'a Context<'a>, counter: &'a mut Counter, table_base: u32) -> Self {
        BodyReader {
            reader: Reader::from_str(xml),
            ctx,
            counter,
            out: Output {
                paragraphs: Vec::new(),
                notes: Vec::new(),
                note_refs: Vec::new(),
                tables: table_base,
                damage: None,
            },
            paras: Vec::new(),
            tables: Vec::new(),
            fields: Fields::default(),
            note: None,
            depth: 0,
            skip_from: None,
            run: Run::default(),
            in_rpr: false,
            in_ppr: false,
            in_text: false,
            in_instr: false,
        }
    }

    /// Reads events to the end of the part. Malformed XML ends the loop: what was read so far is
    /// kept, as Word's own recovery does, and the output says the part is damaged.
    fn run(mut self) -> Output {
        loop {
            let ev = match self.reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    let at = self.reader.error_position();
                    self.out.damage = Some(format!("the XML breaks off at byte {at} ({e}); the text after it is lost"));
                    break;
                }
            };
            let more = match ev {
                Event::Start(ref e) => self.start(e, false),
                Event::Empty(ref e) => self.start(e, true),
                Event::End(ref e) => {
                    self.end(e.local_name().as_ref());
                    true
                }
                Event::Text(ref t) => {
                    self.text(t);
                    true
                }
                Event::CData(ref t) if self.skip_from.is_none() && self.in_text => {
                    self.push(t);
                    true
                }
                Event::GeneralRef(ref r) => {
                    self.reference(r);
                    true
                }
                Event::Eof => false,
                _ => true,
            };
            if !more {
                break;
            }
        }
        // A truncated part: close what is open, innermost first.
        while let Some(p) = self.paras.pop() {
            self.finish(p);
        }
        self.out
    }

    /// An opening (or empty) element. False when nesting passed the limit: the reading stops.
    fn start(&mut self, e: &BytesStart, empty: bool) -> bool {
        if !empty {
            self.depth += 1;
            if self.depth > self.ctx.max_depth {
                self.out.damage = Some(format!(
                    "elements nest deeper than {} levels (--max-xml-depth); the text after byte {} is lost",
                    self.ctx.max_depth,
                    self.reader.buffer_position()
                ));
                return false;
            }
        }
        if self.skip_from.is_some() {
            return true;
        }
        let name = e.local();
        if skipped(name) || (name == "txbxContent" && !self.ctx.text_boxes) {
            if !empty {
                self.skip_from = Some(self.depth);
            }
            return true;
        }
        self.element(name, e, empty);
        true
    }

    /// What an element that is read (not skipped) does to the state. A guard that fails leaves
    /// the element without effect (an rPr outside a run, a w:t outside a run…).
    fn element(&mut self, name: &str, e: &BytesStart, empty: bool) {
        match name {
            "p" => self.start_paragraph(empty),
            "pPr" if !empty && !self.run.open => self.in_ppr = true,
            "rPr" if !empty => self.in_rpr = true,
            "pStyle" if self.in_ppr => self.with_para(|p| p.style = val(e)),
            "numId" if self.in_ppr => {
                self.with_para(|p| p.num_id = Some(val(e).and_then(|v| v.trim().parse().ok()).unwrap_or(0)))
            }
            "ilvl" if self.in_ppr => self.with_para(|p| p.ilvl = val(e).and_then(|v| v.trim().parse().ok())),
            "vanish" if self.in_rpr => self.vanish(e),
            "rStyle" if self.run.open && self.in_rpr && val(e).is_some_and(|s| self.ctx.styles.char_hidden(&s)) => {
                self.run.hidden = true;
            }
            "r" if !empty => self.run = Run { open: true, hidden: false },
            "t" if !empty && self.run.open => self.in_text = true,
            "instrText" if !empty => self.in_instr = true,
            "tab" | "ptab" if self.run.open && !self.in_rpr => self.push("\t"),
            "br" | "cr" if self.run.open => self.push(" "),
            "noBreakHyphen" if self.run.open => self.push("-"),
            "sym" if self.run.open => self.symbol(e),
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.begin(),
                Some("separate") => self.fields.separate(),
                Some("end") => self.fields.end(),
                _ => {}
            },
            // A simple field keeps its result as text, unless it is a page number.
            "fldSimple" if !empty && is_page_field(&attr(e, "instr").unwrap_or_default()) => {
                self.skip_from = Some(self.depth);
            }
            "footnoteReference" | "endnoteReference" => {
                if let Some(id) = attr(e, "id") {
                    self.out.note_refs.push(format!("{}:{id}", &name[..3]));
                }
            }
            "footnote" | "endnote" if !empty => self.start_note(name, e),
            "tbl" if !empty => {
                self.tables.push(Table::new(self.out.tables));
                self.out.tables = self.out.tables.saturating_add(1);
            }
            "tr" if !empty => self.with_table(Table::start_row),
            "gridBefore" => self.with_table(|t| t.skip_columns(e)),
            "tc" if !empty => self.with_table(Table::start_cell),
            "gridSpan" => self.with_table(|t| t.set_span(e)),
            "vMerge" => self.with_table(|t| t.set_merge(e)),
            _ => {}
        }
    }

    /// A closing element.
    fn end(&mut self, name: &str) {
        let d = self.depth;
        self.depth = self.depth.saturating_sub(1);
        if let Some(s) = self.skip_from {
            if d == s {
                self.skip_from = None;
            }
            return;
        }
        match name {
            "p" => {
                if let Some(p) = self.paras.pop() {
                    self.run = p.outer_run;
                    self.finish(p);
                }
            }
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "r" => self.run = Run::default(),
            "t" => self.in_text = false,
            "instrText" => self.in_instr = false,
            "tc" => self.with_table(Table::end_cell),
            "tbl" => {
                self.tables.pop();
            }
            "footnote" | "endnote" => self.note = None,
            _ => {}
        }
    }

    /// A paragraph opens: it takes its table cell and note from where it stands, and saves the
    /// run it interrupts (a text box's paragraph inside a run of the outer one).
    fn start_paragraph(&mut self, empty: bool) {
        let mut p = Para { note: self.note.clone(), outer_run: self.run, ..Para::default() };
        self.run = Run::default();
        if let Some(t) = self.tables.last() {
            if let Some(row) = t.row {
                p.cell = Some(Cell { table: t.index, row, col: t.cell_col });
            }
            p.merged_away = t.merged_away;
        }
        if let Some(outer) = self.paras.last() {
            p.merged_away |= outer.merged_away;
        }
        if empty {
            self.finish(p);
        } else {
            self.paras.push(p);
        }
    }

    /// w:vanish in a run's properties hides the run; in the paragraph's, its mark.
    fn vanish(&mut self, e: &BytesStart) {
        if self.run.open {
            self.run.hidden = on(e);
        } else if self.in_ppr {
            self.with_para(|p| p.mark_hidden = on(e));
        }
    }

    /// w:sym: a character given by code. Symbol-font glyphs live in the private-use area: they
    /// have no text meaning.
    fn symbol(&mut self, e: &BytesStart) {
        let c = attr(e, "char")
            .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
            .and_then(char::from_u32)
            .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c));
        if let Some(c) = c {
            self.push(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// A footnote or endnote opens (notes parts). Separator notes hold only the rule line Word
    /// draws above the notes.
    fn start_note(&mut self, name: &str, e: &BytesStart) {
        self.note = match attr(e, "type").as_deref() {
            None | Some("normal") => attr(e, "id").map(|id| format!("{}:{id}", &name[..3])),
            Some(_) => Some(String::new()),
        };
    }

    /// Character data: run text (w:t) or a field instruction (w:instrText).
    fn text(&mut self, t: &str) {
        if self.skip_from.is_some() {
            return;
        }
        if self.in_text {
            self.push(t);
        } else if self.in_instr {
            if let Some(instr) = self.fields.instruction() {
                instr.push_str(t);
            }
        }
    }

    /// An entity or character reference inside run text or a field instruction.
    fn reference(&mut self, r: &BytesRef) {
        if self.skip_from.is_some() || !(self.in_text || self.in_instr) {
            return;
        }
        if let Some(c) = resolve(r) {
            if self.in_text {
                self.push(c.encode_utf8(&mut [0; 4]));
            } else if let Some(instr) = self.fields.instruction() {
                instr.push(c);
            }
        }
    }

    fn with_para(&mut self, f: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            f(p);
        }
    }

    fn with_table(&mut self, f: impl FnOnce(&mut Table)) {
        if let Some(t) = self.tables.last_mut() {
            f(t);
        }
    }

    /// Appends run text to the innermost open paragraph unless it is hidden or field furniture.
    fn push(&mut self, s: &str) {
        let Some(p) = self.paras.last_mut() else { return };
        if self.run.hidden {
            p.had_hidden = true;
            return;
        }
        if self.fields.hiding > 0 {
            return;
        }
        p.text.push_str(s);
    }

    /// Renders the paragraph's auto-number and emits it.
    fn finish(&mut self, p: Para) {
        if p.mark_hidden && p.had_hidden && p.text.is_empty() {
            return;
        }
        let ctx = self.ctx;
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
                self.counter.next(ctx.numbering, num_id, ilvl)
            }
        };
        if p.merged_away {
            return;
        }
        let text = if label.is_empty() { p.text } else { label + &p.text };
        self.out.paragraphs.push(Paragraph { text, cell: p.cell });
        self.out.notes.push(p.note);
    }
}
