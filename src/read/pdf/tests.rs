//! The reader on small PDFs built with lopdf's writer: one page, one font, a content stream that
//! exercises one feature each (GBK simple fonts, ActualText, page rotation, rules, Identity-H
//! widths, TJ spacing, form XObjects that draw themselves).

use super::read_pages;
use crate::limits::Limits;
use crate::read::layout::Page;
use lopdf::{dictionary, Document, Object, Stream};

/// A one-page PDF: `font` as /F1, `content` as the page's stream, `page_extra` merged into the
/// page dictionary, `xobjects` as /X1…
fn pdf(font: lopdf::Dictionary, content: &[u8], page_extra: lopdf::Dictionary, xobject: Option<Stream>) -> Vec<u8> {
    pdf_with(|_| font, content, page_extra, xobject)
}

/// [`pdf`] with a font that refers to other objects it adds to the document.
fn pdf_with(
    font: impl FnOnce(&mut Document) -> lopdf::Dictionary,
    content: &[u8],
    page_extra: lopdf::Dictionary,
    xobject: Option<Stream>,
) -> Vec<u8> {
    let mut out = Vec::new();
    document(font, content, page_extra, xobject).save_to(&mut out).unwrap();
    out
}

/// The document [`pdf_with`] writes.
fn document(
    font: impl FnOnce(&mut Document) -> lopdf::Dictionary,
    content: &[u8],
    page_extra: lopdf::Dictionary,
    xobject: Option<Stream>,
) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = font(&mut doc);
    let font_id = doc.add_object(font);
    let mut resources = dictionary! { "Font" => dictionary! { "F1" => font_id } };
    if let Some(x) = xobject {
        let id = doc.new_object_id();
        let mut x = x;
        x.dict.set(
            "Resources",
            dictionary! { "Font" => dictionary! { "F1" => font_id }, "XObject" => dictionary! { "X1" => id } },
        );
        doc.objects.insert(id, Object::Stream(x));
        resources.set("XObject", dictionary! { "X1" => id });
    }
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let mut page = dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()], "Resources" => resources,
    };
    for (k, v) in page_extra.iter() {
        page.set(k.clone(), v.clone());
    }
    let page_id = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn helvetica() -> lopdf::Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }
}

fn page(bytes: &[u8]) -> Page {
    read_pages(bytes, &Limits::default(), None).unwrap().pages.remove(0)
}

fn text(p: &Page) -> String {
    p.glyphs.iter().map(|g| &*g.text).collect()
}

#[test]
fn gbk_bytes_in_a_simple_chinese_font() {
    let font = dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "SimSun" };
    let content = b"BT /F1 12 Tf 72 700 Td (\xd6\xd0\xb9\xfa A) Tj ET";
    assert_eq!(text(&page(&pdf(font, content, dictionary! {}, None))), "中国 A");
}

#[test]
fn actual_text_replaces_its_glyphs() {
    let content = b"BT /F1 12 Tf 72 700 Td /Span << /ActualText (\xfe\xff\x4e\x00) >> BDC (xyz) Tj EMC (!) Tj ET";
    let p = page(&pdf(helvetica(), content, dictionary! {}, None));
    assert_eq!(text(&p), "一!");
    assert!(p.glyphs[0].x1 > p.glyphs[0].x0 + 10.0, "the replacement spans the three glyphs");
}

#[test]
fn rotated_page_is_read_upright() {
    let content = b"BT /F1 10 Tf 100 700 Td (Hello) Tj ET";
    let p = page(&pdf(helvetica(), content, dictionary! { "Rotate" => 90 }, None));
    assert_eq!((p.width, p.height), (800.0, 600.0));
    let g = &p.glyphs[0];
    // Drawn along the page's x axis, which /Rotate 90 shows running down: the text runs at 90°
    // and is given in that direction's upright frame.
    assert_eq!(g.rotation, 90);
    assert!(g.x1 > g.x0);
}

#[test]
fn tj_spacing_and_standard_widths() {
    let content = b"BT /F1 10 Tf 100 700 Td [(A) -1000 (B)] TJ ET";
    let p = page(&pdf(helvetica(), content, dictionary! {}, None));
    let (a, b) = (&p.glyphs[0], &p.glyphs[1]);
    assert!((a.x1 - a.x0 - 6.67).abs() < 0.01, "Helvetica A is 667/1000 em");
    assert!((b.x0 - a.x1 - 10.0).abs() < 0.01, "-1000 moves one em right");
    assert!((a.baseline - 100.0).abs() < 0.01, "y flipped: 800 - 700");
}

#[test]
fn identity_h_with_widths_and_to_unicode() {
    let font = |doc: &mut Document| {
        let cmap =
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0001> <0002> <4E2D> endbfrange";
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
        let cid_font = dictionary! { "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "X",
        "W" => vec![1.into(), vec![Object::Integer(500), Object::Integer(1000)].into()] };
        dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(cid_font)], "ToUnicode" => to_unicode }
    };
    let p = page(&pdf_with(font, b"BT /F1 20 Tf 0 700 Td <00010002> Tj ET", dictionary! {}, None));
    assert_eq!(text(&p), "中丮");
    assert!((p.glyphs[0].x1 - 10.0).abs() < 0.01 && (p.glyphs[1].x1 - 30.0).abs() < 0.01);
}

#[test]
fn rules_from_strokes_and_thin_fills() {
    let content = b"0 0 m 0 100 l S 10 10 200 0.5 re f 10 10 200 50 re f BT /F1 9 Tf 20 20 Td (x) Tj ET";
    let p = page(&pdf(helvetica(), content, dictionary! {}, None));
    assert_eq!(p.rules.len(), 2, "{:?}", p.rules);
}

#[test]
fn a_form_that_draws_itself_is_drawn_once() {
    let form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 600.into(), 800.into()] },
        b"BT /F1 10 Tf 72 600 Td (loop) Tj ET /X1 Do".to_vec(),
    );
    let p = page(&pdf(helvetica(), b"/X1 Do", dictionary! {}, Some(form)));
    assert_eq!(text(&p), "loop");
}

/// A page with 300 link annotations (no appearance) and one stamp whose appearance draws text,
/// as written with and without object streams.
fn annotated(object_streams: bool) -> Vec<u8> {
    let font = helvetica();
    let mut doc = document(|_| font, b"BT /F1 10 Tf 72 700 Td (body) Tj ET", dictionary! {}, None);
    let font_id = doc.add_object(helvetica());
    let ap = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 100.into(), 20.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } } },
        b"BT /F1 10 Tf 2 5 Td (stamp) Tj ET".to_vec(),
    );
    let ap = doc.add_object(ap);
    let rect = || Object::from(vec![100.into(), 100.into(), 200.into(), 120.into()]);
    let mut annots: Vec<Object> = (0..300)
        .map(|i| {
            doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(),
            "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal(format!("https://example.com/{i}")) } })
                .into()
        })
        .collect();
    annots.push(
        doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Stamp", "Rect" => rect(), "AP" => dictionary! { "N" => ap } })
            .into(),
    );
    let page_id = doc.page_iter().next().unwrap();
    doc.get_dictionary_mut(page_id).unwrap().set("Annots", annots);
    let mut out = Vec::new();
    let options =
        lopdf::SaveOptions::builder().use_object_streams(object_streams).use_xref_streams(object_streams).build();
    doc.save_with_options(&mut out, options).unwrap();
    out
}

#[test]
fn objects_in_object_streams_read_as_stored_outside() {
    let (packed, plain) = (annotated(true), annotated(false));
    assert!(memchr::memmem::find(&packed, b"/ObjStm").is_some(), "the writer packed objects");
    let (a, b) = (page(&packed), page(&plain));
    assert_eq!(text(&a), "bodystamp");
    assert_eq!(a, b);
}
