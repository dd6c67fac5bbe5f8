//! The package's entry files: OFD.xml (the documents: DocBody → DocRoot, Signatures) and each
//! document's Document.xml (the page size, the resource files, the template pages, the pages in
//! order, the annotations).

use super::geometry::rect;
use super::package::{attr, folder, local, local_end, resolve, texts};
use quick_xml::events::Event;
use std::collections::HashMap;

/// One document of the package (a DocBody).
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    /// The Document.xml path.
    pub root: Option<String>,
    /// The Signatures.xml path.
    pub signatures: Option<String>,
}

/// The documents listed in OFD.xml, in order.
pub(crate) fn bodies(ofd_xml: &str) -> Vec<Body> {
    let mut out: Vec<Body> = Vec::new();
    for (name, text) in texts(ofd_xml, &["DocBody", "DocRoot", "Signatures"]) {
        match name.as_str() {
            // A DocBody ends after its children: its own text is empty.
            "DocBody" => {}
            "DocRoot" => out.push(Body { root: Some(resolve("", &text)), signatures: None }),
            "Signatures" => {
                if let Some(b) = out.last_mut() {
                    b.signatures = Some(resolve("", &text));
                }
            }
            _ => {}
        }
    }
    out
}

/// A template page (模板页) as Document.xml defines it.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub path: String,
    /// "Foreground" draws it over the page's own content; anything else under it.
    pub z_order: Option<String>,
}

/// What Document.xml says.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    /// The default page box (x y w h, millimetres).
    pub page_box: Option<[f32; 4]>,
    /// PublicRes and DocumentRes files.
    pub res: Vec<String>,
    pub templates: HashMap<String, Template>,
    /// The pages in order: (ID, Content.xml path).
    pub pages: Vec<(String, String)>,
    /// The Annotations.xml path.
    pub annotations: Option<String>,
}

/// Reads Document.xml at `path`.
pub(crate) fn document(xml: &str, path: &str) -> Document {
    let dir = folder(path);
    let mut doc = Document::default();
    let mut reader = quick_xml::Reader::from_str(xml);
    // The element whose text is being read, and the text so far.
    let mut open: Option<(String, String)> = None;
    let mut in_page_area = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = local(&e).to_string();
                match name.as_str() {
                    "PageArea" => in_page_area = true,
                    "Page" => {
                        if let Some(loc) = attr(&e, "BaseLoc") {
                            doc.pages.push((attr(&e, "ID").unwrap_or_default(), resolve(dir, &loc)));
                        }
                    }
                    "TemplatePage" => {
                        if let (Some(id), Some(loc)) = (attr(&e, "ID"), attr(&e, "BaseLoc")) {
                            let t = Template { path: resolve(dir, &loc), z_order: attr(&e, "ZOrder") };
                            doc.templates.insert(id, t);
                        }
                    }
                    "PublicRes" | "DocumentRes" | "Annotations" | "PhysicalBox" => {
                        open = Some((name, String::new()));
                    }
                    _ => {}
                }
            }
            Ok(Event::Text(t)) => {
                if let Some(o) = &mut open {
                    o.1.push_str(&t);
                }
            }
            Ok(Event::End(e)) => {
                if local_end(&e) == "PageArea" {
                    in_page_area = false;
                }
                if let Some((name, text)) = open.take() {
                    match name.as_str() {
                        "PublicRes" | "DocumentRes" => doc.res.push(resolve(dir, &text)),
                        "Annotations" => doc.annotations = Some(resolve(dir, &text)),
                        "PhysicalBox" if in_page_area => doc.page_box = rect(Some(&text)),
                        _ => {}
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    doc
}

/// The annotation files of each page, by page ID, from Annotations.xml at `path`.
pub(crate) fn annotations(xml: &str, path: &str) -> HashMap<String, Vec<String>> {
    let dir = folder(path);
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut page: Option<String> = None;
    let mut loc: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(&e) {
                "Page" => page = attr(&e, "PageID"),
                "FileLoc" => loc = Some(String::new()),
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some(l) = &mut loc {
                    l.push_str(&t);
                }
            }
            Ok(Event::End(e)) if local_end(&e) == "FileLoc" => {
                if let (Some(p), Some(l)) = (&page, loc.take()) {
                    out.entry(p.clone()).or_default().push(resolve(dir, &l));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// True when a Signatures.xml lists at least one signature.
pub(crate) fn lists_signature(xml: &str) -> bool {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(&e) == "Signature" => return true,
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}
