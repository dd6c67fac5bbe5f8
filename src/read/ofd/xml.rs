//! The XML events of a page's content, as quick-xml's `Reader::from_str` gives them in its default
//! configuration, up to its first error, without its costs: quick-xml checks every event's bytes
//! as UTF-8 again (the text is a `str` already) and copies each open element's name. Start, end
//! and empty tags, text and references are read here; the rare comments, CDATA sections,
//! declarations, processing instructions and DOCTYPEs are handed to a quick-xml reader set at
//! them, which reads them as it would have in the whole text (they do not touch the open names).
//! The `events_match_quick_xml` test compares the two on many thousands of mangled inputs.

use quick_xml::events::{BytesEnd, BytesRef, BytesStart, BytesText, Event};

/// Whether quick-xml takes a byte for white space in a tag.
fn space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

pub(crate) struct Reader<'a> {
    xml: &'a str,
    at: usize,
    /// Where the name of each element opened and not yet closed starts and ends in `xml`.
    open: Vec<(usize, usize)>,
}

impl<'a> Reader<'a> {
    pub fn new(xml: &'a str) -> Reader<'a> {
        // A byte order mark is skipped, as quick-xml skips it.
        let at = if xml.starts_with('\u{feff}') { 3 } else { 0 };
        Reader { xml, at, open: Vec::new() }
    }

    /// Reads past the rest of the element just started when all it holds is a `child` element
    /// of plain text — a CGTransform's `<ofd:Glyphs>451 8282 …</ofd:Glyphs></ofd:CGTransform>`,
    /// half the elements of many pages — the start, text and two ends quick-xml would give (the
    /// child's tag bare, its text free of markup and references, both end names the open ones).
    /// For a caller to whom those events mean nothing; false, having read nothing, for anything
    /// else.
    pub fn skip_text_child(&mut self, child: &str) -> bool {
        let b = self.xml.as_bytes();
        let Some(&(from, to)) = self.open.last() else { return false };
        let at = self.at;
        if b.get(at) != Some(&b'<') {
            return false;
        }
        let Some(gt) = memchr::memchr(b'>', &b[at..]).map(|k| at + k) else { return false };
        let name = &b[at + 1..gt];
        let bare = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b':' | b'_' | b'-' | b'.');
        let local = name.iter().position(|&c| c == b':').map_or(name, |k| &name[k + 1..]);
        if name.is_empty() || !name.iter().all(bare) || local != child.as_bytes() {
            return false;
        }
        let Some(lt) = memchr::memchr2(b'<', b'&', &b[gt + 1..]).map(|k| gt + 1 + k) else { return false };
        let ends = [&b"</"[..], name, b">", b"</", &b[from..to], b">"];
        let mut i = lt;
        for part in ends {
            if b.get(i..i + part.len()) != Some(part) {
                return false;
            }
            i += part.len();
        }
        self.at = i;
        self.open.pop();
        true
    }

    /// Text up to the next markup or reference.
    fn text(&mut self) -> Event<'a> {
        let rest = &self.xml.as_bytes()[self.at..];
        let end = memchr::memchr2(b'<', b'&', rest).map_or(self.xml.len(), |i| self.at + i);
        let text = &self.xml[self.at..end];
        self.at = end;
        Event::Text(BytesText::from_escaped(text))
    }

    /// A reference (`&name;`): an error unless its `;` comes before any `&` or `<`.
    fn reference(&mut self) -> Option<Event<'a>> {
        let start = self.at + 1;
        let i = memchr::memchr3(b';', b'&', b'<', &self.xml.as_bytes()[start..])?;
        if self.xml.as_bytes()[start + i] != b';' {
            return None;
        }
        self.at = start + i + 1;
        Some(Event::GeneralRef(BytesRef::new(&self.xml[start..start + i])))
    }

    /// The markup at a `<`.
    fn markup(&mut self) -> Option<Event<'a>> {
        match *self.xml.as_bytes().get(self.at + 1)? {
            b'!' | b'?' => self.by_quick_xml(),
            b'/' => self.end(),
            _ => self.start(),
        }
    }

    /// The end of the tag that starts at `at`: its first `>` outside quoted values (quick-xml's
    /// `ElementParser`, which quotes open and close alike in start and end tags). Mostly the
    /// first `>` of all: when the tag before it holds quotes of one kind only, and an even number
    /// of them, that `>` is outside them (counted 32 bytes at a time, in vector instructions);
    /// otherwise the quotes are followed one by one.
    fn tag_end(&self) -> Option<usize> {
        let b = self.xml.as_bytes();
        let gt = self.at + memchr::memchr(b'>', &b[self.at..])?;
        let (mut double, mut single) = (0usize, 0usize);
        for chunk in b[self.at..gt].chunks(32) {
            double += usize::from(chunk.iter().map(|&c| u8::from(c == b'"')).sum::<u8>());
            single += usize::from(chunk.iter().map(|&c| u8::from(c == b'\'')).sum::<u8>());
        }
        match (double, single) {
            (n, 0) | (0, n) if n % 2 == 0 => Some(gt),
            _ => self.quoted_tag_end(),
        }
    }

    /// [`Reader::tag_end`] by following the quotes.
    fn quoted_tag_end(&self) -> Option<usize> {
        let b = self.xml.as_bytes();
        let mut i = self.at;
        loop {
            let k = i + memchr::memchr3(b'>', b'"', b'\'', &b[i..])?;
            if b[k] == b'>' {
                return Some(k);
            }
            i = k + 1 + memchr::memchr(b[k], &b[k + 1..])? + 1;
        }
    }

    fn start(&mut self) -> Option<Event<'a>> {
        let gt = self.tag_end()?;
        let inside = &self.xml[self.at + 1..gt];
        self.at = gt + 1;
        let name_len = inside.bytes().position(space).unwrap_or(inside.len());
        if let Some(content) = inside.strip_suffix('/') {
            return Some(Event::Empty(BytesStart::from_content(content, name_len.min(content.len()))));
        }
        let from = gt - inside.len();
        self.open.push((from, from + name_len));
        Some(Event::Start(BytesStart::from_content(inside, name_len)))
    }

    /// An end tag: an error unless it closes the element opened last (its name compared with
    /// trailing white space left out).
    fn end(&mut self) -> Option<Event<'a>> {
        // Mostly the tag is `</` and the open name: no quote in that name, and its `>` next.
        let b = self.xml.as_bytes();
        if let Some(&(from, to)) = self.open.last() {
            let (open, at) = (&b[from..to], self.at + 2);
            let quoted = |c: &u8| matches!(c, b'"' | b'\'' | b'>');
            if b.get(at..at + open.len()) == Some(open)
                && b.get(at + open.len()) == Some(&b'>')
                && !open.iter().any(quoted)
            {
                self.at = at + open.len() + 1;
                self.open.pop();
                return Some(Event::End(BytesEnd::new(&self.xml[at..at + open.len()])));
            }
        }
        let gt = self.tag_end()?;
        let inside = &self.xml[self.at + 2..gt];
        self.at = gt + 1;
        let name = match inside.bytes().rposition(|b| !space(b)) {
            Some(last) => &inside[..=last],
            None => inside,
        };
        let (from, to) = self.open.pop()?;
        (name == &self.xml[from..to]).then(|| Event::End(BytesEnd::new(name)))
    }

    /// A comment, CDATA section, DOCTYPE, declaration or processing instruction, read by quick-xml.
    fn by_quick_xml(&mut self) -> Option<Event<'a>> {
        let mut reader = quick_xml::Reader::from_str(&self.xml[self.at..]);
        let event = reader.read_event().ok()?;
        self.at += reader.buffer_position() as usize;
        Some(event)
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Event<'a>;

    /// The next event; None at the end of the text or where quick-xml gives an error (after
    /// which nothing is read).
    #[inline]
    fn next(&mut self) -> Option<Event<'a>> {
        let event = match *self.xml.as_bytes().get(self.at)? {
            b'<' => self.markup(),
            b'&' => self.reference(),
            _ => Some(self.text()),
        };
        if event.is_none() {
            self.at = self.xml.len();
        }
        event
    }
}

#[cfg(test)]
mod tests {
    use super::Reader;
    use quick_xml::events::Event;

    /// Both readers' events up to the first error or the end.
    fn both(xml: &str) -> (Vec<Event<'_>>, Vec<Event<'_>>) {
        let mut quick = quick_xml::Reader::from_str(xml);
        let mut want = Vec::new();
        while let Ok(e) = quick.read_event() {
            if e == Event::Eof {
                break;
            }
            want.push(e);
        }
        (want, Reader::new(xml).collect())
    }

    /// Where [`Reader::skip_text_child`] skips, quick-xml gives a bare start of the child, its text
    /// if any, the child's end and the parent's end; elsewhere the same events as the reader.
    fn skips_what_quick_xml_reads(xml: &str) {
        let (want, _) = both(xml);
        let mut reader = Reader::new(xml);
        let mut j = 0;
        while let Some(e) = reader.next() {
            assert_eq!(Some(&e), want.get(j), "{xml:?}");
            j += 1;
            let Event::Start(parent) = &e else { continue };
            if local(parent.name().into_inner()) != "CGTransform" || !reader.skip_text_child("Glyphs") {
                continue;
            }
            let Some(Event::Start(child)) = want.get(j) else { panic!("{xml:?}") };
            assert_eq!(local(child.name().into_inner()), "Glyphs", "{xml:?}");
            assert!(child.attributes_raw().is_empty(), "{xml:?}");
            j += 1 + usize::from(matches!(want.get(j + 1), Some(Event::Text(_))));
            assert_eq!(want.get(j), Some(&Event::End(child.to_end())), "{xml:?}");
            assert_eq!(want.get(j + 1), Some(&Event::End(parent.to_end())), "{xml:?}");
            j += 2;
        }
        assert_eq!(j, want.len(), "{xml:?}");
    }

    fn local(name: &str) -> &str {
        name.split_once(':').map_or(name, |(_, l)| l)
    }

    const SAMPLES: [&str; 5] = [
        r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="0"><ofd:TextObject ID="96" Font="3" Size="3.70" Boundary="39.16 25.4 5.47 4.42"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0.0" Y="3.88" DeltaX="g 2 1.76">关于&amp;印发&#x4E00;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#,
        "\u{feff}<a x='1>2' y=\"'\" >t<b/>\r\n<![CDATA[x<y]]><!-- c --><?pi x?></a >tail",
        "<!DOCTYPE x [<!ENTITY e \"v\">]><x a=\"&lt;\">&e;&#20;&;<y></x>",
        "<r><p:Path Stroke=\"true\"><p:AbbreviatedData>M 0 0 L 1 1 C</p:AbbreviatedData></p:Path>< q/><>x</></r>",
        r#"<ofd:TextObject ID="9"><ofd:CGTransform CodePosition="0" CodeCount="2"><ofd:Glyphs>451 7299</ofd:Glyphs></ofd:CGTransform><CGTransform><Glyphs></Glyphs></CGTransform><ofd:CGTransform><ofd:Glyphs>1</ofd:Glyphs><ofd:Glyphs/></ofd:CGTransform><ofd:TextCode X="0.0">、晓</ofd:TextCode></ofd:TextObject>"#,
    ];

    #[test]
    fn events_match_quick_xml() {
        for s in SAMPLES {
            let (want, got) = both(s);
            assert_eq!(got, want, "{s:?}");
            skips_what_quick_xml_reads(s);
        }
        // Each sample mangled many ways: bytes of markup inserted, deleted and repeated.
        let pieces = [
            "<", ">", "/", "\"", "'", "&", ";", "!", "?", "-", "[", "]", " ", "\t", "x", "a:", "中", "\u{feff}",
            "Glyphs", "</",
        ];
        let mut n: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |m: usize| {
            n ^= n << 13;
            n ^= n >> 7;
            n ^= n << 17;
            (n % m as u64) as usize
        };
        for round in 0..40_000 {
            let mut s = SAMPLES[round % SAMPLES.len()].to_string();
            for _ in 0..1 + next(4) {
                let mut at = next(s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                match next(3) {
                    0 => s.insert_str(at, pieces[next(pieces.len())]),
                    1 => {
                        let mut end = (at + 1 + next(8)).min(s.len());
                        while !s.is_char_boundary(end) {
                            end += 1;
                        }
                        s.replace_range(at..end, "");
                    }
                    _ => {
                        let copy = s[at..].chars().take(1 + next(12)).collect::<String>();
                        s.insert_str(at, &copy);
                    }
                }
            }
            let (want, got) = both(&s);
            assert_eq!(got, want, "{s:?}");
            skips_what_quick_xml_reads(&s);
        }
    }
}
