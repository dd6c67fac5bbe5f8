//! Resource files (PublicRes, DocumentRes, a page's PageRes): the composite graphic units
//! (CompositeGraphicUnit, 矢量图形单元) that pages draw with CompositeObject. Some writers put
//! all of a page's text in them. A unit is kept as the position of its Content in its file and
//! parsed where it is drawn.

use super::package::{attr, local};
use quick_xml::events::Event;
use std::collections::{HashMap, HashSet};

/// The composite graphic units of a document, by ID (IDs are unique in a document, §7.5).
#[derive(Debug, Default)]
pub(crate) struct Resources {
    files: Vec<String>,
    loaded: HashSet<String>,
    /// ID → (file, start, end) of the unit's Content element's inside.
    units: HashMap<String, (usize, usize, usize)>,
}

impl Resources {
    /// True when the file at `path` was added already.
    pub fn has_file(&self, path: &str) -> bool {
        self.loaded.contains(path)
    }

    /// Adds the units of a resource file.
    pub fn add(&mut self, path: &str, xml: String) {
        self.loaded.insert(path.to_string());
        let file = self.files.len();
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut unit: Option<String> = None;
        let mut start: Option<usize> = None;
        let mut depth = 0usize;
        let mut content_depth = 0usize;
        loop {
            let before = reader.buffer_position() as usize;
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    depth += 1;
                    match local(&e) {
                        "CompositeGraphicUnit" => unit = attr(&e, "ID"),
                        "Content" if unit.is_some() && start.is_none() => {
                            start = Some(reader.buffer_position() as usize);
                            content_depth = depth;
                        }
                        _ => {}
                    }
                }
                Ok(Event::End(e)) => {
                    if depth == content_depth && e.local_name().into_inner() == "Content" {
                        if let (Some(id), Some(s)) = (unit.take(), start.take()) {
                            self.units.insert(id, (file, s, before));
                        }
                        content_depth = 0;
                    }
                    depth = depth.saturating_sub(1);
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        self.files.push(xml);
    }

    /// The XML inside a unit's Content, to be drawn.
    pub fn unit(&self, id: &str) -> Option<&str> {
        let &(file, start, end) = self.units.get(id)?;
        self.files.get(file)?.get(start..end)
    }
}
