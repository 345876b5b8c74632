//! Word (`.docx`) and ODF text (`.odt`) files: zip archives of XML. The body's
//! paragraphs come out one per line in document order, each table row on one line with its
//! cells separated by ` | `, soft line breaks and tabs kept, footnotes and endnotes after the
//! body under a blank line; page headers and footers (other members) are left out. Text in
//! these files is stored in logical order, right-to-left paragraphs too (`w:bidi`,
//! `style:writing-mode="rl-tb"` only say how to lay them out): nothing is reordered, isnad
//! works out the direction itself. The core properties give title, author, date and language.
//!
//! The XML is streamed (quick-xml): no tree is built, no entity is expanded, nothing
//! recurses, so hostile nesting costs neither stack nor more memory than the text itself.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::archive::{Archive, PASSWORD_PROTECTED, xml_text};
use super::document::{Draft, Meta};

const SOFT_HYPHEN: char = '\u{AD}';

/// The most spaces one `<text:s text:c="…"/>` gives.
const MAX_SPACES: usize = 100;

/// A Word 2007+ file (`.docx`).
pub fn read_docx(bytes: &[u8]) -> Result<Draft, String> {
    const WHAT: &str = "a Word file";
    let mut archive = Archive::open(bytes, WHAT)?;
    let document = archive
        .read("word/document.xml")?
        .ok_or_else(|| format!("not {WHAT}: it has no word/document.xml"))?;
    let mut flow = walk(&xml_text(&document), &DOCX, WHAT)?;
    for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = archive.read(notes)? {
            flow.notes.extend(walk(&xml_text(&xml), &DOCX, WHAT)?.body);
        }
    }
    let properties = match archive.read("docProps/core.xml")? {
        Some(xml) => properties(&xml_text(&xml)),
        None => Vec::new(),
    };
    Ok(flow.into_draft(&properties))
}

/// An ODF text file (`.odt`).
pub fn read_odt(bytes: &[u8]) -> Result<Draft, String> {
    const WHAT: &str = "an OpenDocument text";
    let mut archive = Archive::open(bytes, WHAT)?;
    if let Some(manifest) = archive.read("META-INF/manifest.xml")?
        && xml_text(&manifest).contains("encryption-data")
    {
        return Err(PASSWORD_PROTECTED.to_owned());
    }
    if !archive.has("content.xml") {
        return Err(format!("not {WHAT}: it has no content.xml"));
    }
    let content = archive.read("content.xml")?.unwrap_or_default();
    let flow = walk(&xml_text(&content), &ODT, WHAT)?;
    let properties = match archive.read("meta.xml")? {
        Some(xml) => properties(&xml_text(&xml)),
        None => Vec::new(),
    };
    Ok(flow.into_draft(&properties))
}

/// What an element means for the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// A paragraph or heading: its text is one line (more with soft breaks).
    Para,
    Table,
    Row,
    Cell,
    /// The body of a footnote or endnote, written where it is cited (ODT).
    Note,
    /// Text inside holds words (`w:t`): in Word, only such text counts.
    Run,
    /// Nothing inside is text of the document: properties, deleted text (and the old place of
    /// moved text), field codes, the fallback copy of a text box, note citations, comments,
    /// an ODT table of contents (the headings again).
    Skip,
    /// Characters the element stands for.
    Chars(&'static str),
    /// `text:s`: spaces, as many as `text:c` says.
    Spaces,
    /// Anything else: its content is read, the element itself means nothing.
    Other,
}

/// How one format names its elements.
struct Dialect {
    tag: fn(&str, &BytesStart<'_>) -> Tag,
    /// Whether text counts only inside [`Tag::Run`] elements (Word), or anywhere in a
    /// paragraph (ODT, whose whitespace then folds as ODF says).
    runs_only: bool,
}

const DOCX: Dialect = Dialect {
    tag: docx_tag,
    runs_only: true,
};

const ODT: Dialect = Dialect {
    tag: odt_tag,
    runs_only: false,
};

fn docx_tag(name: &str, element: &BytesStart<'_>) -> Tag {
    match name {
        "w:p" => Tag::Para,
        "w:tbl" => Tag::Table,
        "w:tr" => Tag::Row,
        "w:tc" => Tag::Cell,
        "w:t" => Tag::Run,
        "w:tab" | "w:ptab" => Tag::Chars("\t"),
        "w:br" | "w:cr" => Tag::Chars("\n"),
        "w:noBreakHyphen" => Tag::Chars("-"),
        "w:pPr" | "w:rPr" | "w:sectPr" | "w:tblPr" | "w:trPr" | "w:tcPr" | "w:tblGrid"
        | "w:delText" | "w:instrText" | "w:delInstrText" | "w:moveFrom" | "mc:Fallback" => {
            Tag::Skip
        }
        "w:footnote" | "w:endnote" => {
            let kind = attribute(element, "w:type");
            if kind.is_some_and(|kind| kind != "normal") {
                Tag::Skip
            } else {
                Tag::Other
            }
        }
        _ => Tag::Other,
    }
}

fn odt_tag(name: &str, _: &BytesStart<'_>) -> Tag {
    match name {
        "text:p" | "text:h" => Tag::Para,
        "table:table" => Tag::Table,
        "table:table-row" => Tag::Row,
        "table:table-cell" => Tag::Cell,
        "text:note-body" => Tag::Note,
        "text:tab" => Tag::Chars("\t"),
        "text:line-break" => Tag::Chars("\n"),
        "text:s" => Tag::Spaces,
        "text:note-citation"
        | "text:tracked-changes"
        | "office:annotation"
        | "table:covered-table-cell"
        | "svg:title"
        | "svg:desc"
        | "office:forms"
        | "text:sequence-decls"
        | "text:table-of-content"
        | "office:automatic-styles"
        | "office:font-face-decls"
        | "office:scripts" => Tag::Skip,
        _ => Tag::Other,
    }
}

/// The unescaped value of attribute `name`, if it has one.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    let value = element.try_get_attribute(name).ok().flatten()?;
    value
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(Cow::into_owned)
}

/// A table being read: its rows so far go out as lines as they end.
#[derive(Default)]
struct Table {
    row: Vec<String>,
    /// The lines of the cell being read, `None` between cells.
    cell: Option<Vec<String>>,
}

/// The text of one XML part as it is read.
#[derive(Default)]
struct Flow {
    /// Finished lines of the body.
    body: Vec<String>,
    /// Finished lines of notes (ODT notes, read where they are cited; Word's, added after).
    notes: Vec<String>,
    /// Open paragraphs, innermost last (a text box or a note opens one inside another).
    paragraphs: Vec<String>,
    tables: Vec<Table>,
    /// How many note bodies are open.
    in_note: usize,
}

impl Flow {
    /// A finished line goes to the innermost open cell, else to the notes or the body.
    fn emit(&mut self, line: String) {
        if line.trim().is_empty() {
            return;
        }
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.push(line);
        } else if self.in_note > 0 {
            self.notes.push(line);
        } else {
            self.body.push(line);
        }
    }

    fn open(&mut self, tag: Tag) {
        match tag {
            Tag::Para => self.paragraphs.push(String::new()),
            Tag::Table => self.tables.push(Table::default()),
            Tag::Row => {
                if let Some(table) = self.tables.last_mut() {
                    table.row.clear();
                }
            }
            Tag::Cell => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell = Some(Vec::new());
                }
            }
            Tag::Note => self.in_note += 1,
            Tag::Run | Tag::Skip | Tag::Chars(_) | Tag::Spaces | Tag::Other => {}
        }
    }

    fn close(&mut self, tag: Tag) {
        match tag {
            Tag::Para => {
                if let Some(paragraph) = self.paragraphs.pop() {
                    self.emit(paragraph);
                }
            }
            Tag::Cell => {
                if let Some(table) = self.tables.last_mut() {
                    let lines = table.cell.take().unwrap_or_default();
                    table.row.push(lines.join(" "));
                }
            }
            Tag::Row => {
                // The row is a line of whatever holds its table: pop the table meanwhile.
                if let Some(mut table) = self.tables.pop() {
                    let cells: Vec<_> = table.row.drain(..).map(|c| c.trim().to_owned()).collect();
                    self.emit(cells.join(" | "));
                    self.tables.push(table);
                }
            }
            Tag::Table => {
                self.tables.pop();
            }
            Tag::Note => self.in_note = self.in_note.saturating_sub(1),
            Tag::Run | Tag::Skip | Tag::Chars(_) | Tag::Spaces | Tag::Other => {}
        }
    }

    /// Text goes to the innermost open paragraph; outside one it is not the document's.
    /// Soft hyphens (U+00AD) only say where a word may break: they would split it for search.
    fn push(&mut self, text: &str) {
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.extend(text.chars().filter(|&c| c != SOFT_HYPHEN));
        }
    }

    fn into_draft(self, properties: &[(String, String)]) -> Draft {
        let property = |names: &[&str]| {
            names.iter().find_map(|name| {
                properties
                    .iter()
                    .find(|(key, value)| key == name && !value.trim().is_empty())
                    .map(|(_, value)| value.clone())
            })
        };
        let mut body = self.body.join("\n");
        if !self.notes.is_empty() {
            body.push_str("\n\n");
            body.push_str(&self.notes.join("\n"));
        }
        Draft {
            title: property(&["title"]),
            body,
            meta: Meta {
                author: property(&["creator", "initial-creator"]),
                published: property(&["created", "creation-date", "date"]),
                lang: property(&["language"]),
                ..Meta::default()
            },
        }
    }
}

/// Reads one XML part of the document into lines.
fn walk(xml: &str, dialect: &Dialect, what: &str) -> Result<Flow, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut flow = Flow::default();
    // The meaning of every open element, innermost last.
    let mut open: Vec<Tag> = Vec::new();
    // How many open elements are (inside) a skipped one, and inside a run.
    let (mut skipping, mut in_run) = (0usize, 0usize);
    loop {
        let event = reader.read_event().map_err(|error| {
            format!(
                "not {what}: its XML is damaged at byte {} ({error})",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(element) => {
                let tag = if skipping > 0 {
                    Tag::Skip
                } else {
                    (dialect.tag)(element.name().as_ref(), &element)
                };
                match tag {
                    Tag::Skip => skipping += 1,
                    Tag::Run => in_run += 1,
                    Tag::Chars(chars) => flow.push(chars),
                    Tag::Spaces => flow.push(&spaces(&element)),
                    _ => flow.open(tag),
                }
                open.push(tag);
            }
            Event::Empty(element) if skipping == 0 => {
                match (dialect.tag)(element.name().as_ref(), &element) {
                    Tag::Chars(chars) => flow.push(chars),
                    Tag::Spaces => flow.push(&spaces(&element)),
                    _ => {}
                }
            }
            Event::End(_) => match open.pop() {
                Some(Tag::Skip) => skipping = skipping.saturating_sub(1),
                Some(Tag::Run) => in_run = in_run.saturating_sub(1),
                Some(tag) => flow.close(tag),
                None => {}
            },
            Event::Text(text) if skipping == 0 && (in_run > 0 || !dialect.runs_only) => {
                let text = text.xml10_content();
                if dialect.runs_only {
                    flow.push(&text);
                } else {
                    flow.push(&fold_space(&text));
                }
            }
            Event::CData(text) if skipping == 0 && (in_run > 0 || !dialect.runs_only) => {
                flow.push(&text);
            }
            Event::GeneralRef(reference) if skipping == 0 && (in_run > 0 || !dialect.runs_only) => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    flow.push(c.encode_utf8(&mut [0; 4]));
                } else if let Some(entity) =
                    quick_xml::escape::resolve_predefined_entity(&reference)
                {
                    flow.push(entity);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A part cut short still gives what it had.
    while let Some(tag) = open.pop() {
        flow.close(tag);
    }
    Ok(flow)
}

/// ODF folds whitespace in text: newlines and tabs of the XML are spaces, and a run of
/// spaces is one (`text:s` writes more).
fn fold_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let space = matches!(c, ' ' | '\t' | '\n' | '\r');
        if !(space && last_space) {
            out.push(if space { ' ' } else { c });
        }
        last_space = space;
    }
    out
}

fn spaces(element: &BytesStart<'_>) -> String {
    let count = attribute(element, "text:c")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .unwrap_or(1);
    " ".repeat(count.clamp(1, MAX_SPACES))
}

/// The text of every leaf element of a properties part (`docProps/core.xml`, `meta.xml`),
/// by local name, in order.
fn properties(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut found = Vec::new();
    let mut current: Option<(String, String)> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(element) => {
                let name = element.local_name().as_ref().to_owned();
                current = Some((name, String::new()));
            }
            Event::Text(text) => {
                if let Some((_, value)) = current.as_mut() {
                    value.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some((_, value)) = current.as_mut() {
                    if let Ok(Some(c)) = reference.resolve_char_ref() {
                        value.push(c);
                    } else if let Some(entity) =
                        quick_xml::escape::resolve_predefined_entity(&reference)
                    {
                        value.push_str(entity);
                    }
                }
            }
            Event::End(_) => found.extend(current.take()),
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::archive::zip_of;
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(body: &str) -> Vec<u8> {
        let document =
            format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
        zip_of(&[("word/document.xml", document.as_bytes())])
    }

    #[test]
    fn docx_paragraphs_tables_breaks_and_tabs() {
        let body = r#"<w:p><w:pPr><w:bidi/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
            <w:r><w:rPr><w:rtl/></w:rPr><w:t>قال </w:t></w:r><w:r><w:t>CNN</w:t></w:r>
            <w:r><w:t xml:space="preserve"> إن</w:t></w:r></w:p>
            <w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c&amp;d</w:t></w:r>
            <w:del><w:r><w:delText>gone</w:delText></w:r></w:del>
            <w:r><w:instrText>PAGE</w:instrText></w:r>
            <w:moveFrom><w:r><w:t>moved</w:t></w:r></w:moveFrom></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>المدينة</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>City</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p/><w:sectPr><w:t>no</w:t></w:sectPr>"#;
        let draft = read_docx(&docx(body)).expect("docx");
        assert_eq!(draft.body, "قال CNN إن\na\tb\nc&d\nالمدينة | City");
    }

    #[test]
    fn docx_notes_come_after_the_body_and_properties_are_metadata() {
        let document = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>نص</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p></w:body></w:document>"#
        );
        let notes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/><w:t>-</w:t></w:r></w:p></w:footnote>
            <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>المصدر</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let core = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d" xmlns:dcterms="t"><dc:title>عنوان</dc:title><dc:creator>Test Author</dc:creator><dcterms:created>2024-08-15T10:30:00Z</dcterms:created><dc:language>ar-SY</dc:language></cp:coreProperties>"#;
        let bytes = zip_of(&[
            ("word/document.xml", document.as_bytes()),
            ("word/footnotes.xml", notes.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
        ]);
        let draft = read_docx(&bytes).expect("docx");
        assert_eq!(draft.body, "نص\n\nالمصدر");
        assert_eq!(draft.title.as_deref(), Some("عنوان"));
        assert_eq!(draft.meta.author.as_deref(), Some("Test Author"));
        assert_eq!(
            draft.meta.published.as_deref(),
            Some("2024-08-15T10:30:00Z")
        );
        assert_eq!(draft.meta.lang.as_deref(), Some("ar-SY"));
    }

    #[test]
    fn odt_notes_spaces_and_tables() {
        let content = r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="b"><office:body><office:text>
            <text:h>عنوان</text:h>
            <text:p>نص  <text:span>مع</text:span><text:s text:c="2"/>فراغ<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>حاشية</text:p></text:note-body></text:note></text:p>
            <table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p><text:p>c</text:p></table:table-cell></table:table-row></table:table>
            <text:p>x<text:line-break/>y<text:tab/>z &amp; &#1575;</text:p>
            <text:tracked-changes><text:p>gone</text:p></text:tracked-changes>
            </office:text></office:body></office:document-content>"#;
        let meta = r#"<office:document-meta xmlns:office="o" xmlns:meta="m" xmlns:dc="d"><office:meta><meta:initial-creator>First</meta:initial-creator><meta:creation-date>2024-08-15T10:30:00</meta:creation-date></office:meta></office:document-meta>"#;
        let bytes = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
            ("meta.xml", meta.as_bytes()),
        ]);
        let draft = read_odt(&bytes).expect("odt");
        assert_eq!(
            draft.body,
            "عنوان\nنص مع  فراغ\na | b c\nx\ny\tz & ا\n\nحاشية"
        );
        assert_eq!(draft.meta.author.as_deref(), Some("First"));
        assert_eq!(draft.title, None);
    }

    #[test]
    fn hostile_parts_are_refused_with_a_reason() {
        let broken = read_docx(&docx("<w:p><w:t>a</w:t></w:p><!-- cut")).expect_err("xml");
        assert!(
            broken.starts_with("not a Word file: its XML is damaged"),
            "{broken}"
        );
        let missing = read_docx(&zip_of(&[("x.xml", b"<a/>")])).expect_err("no part");
        assert_eq!(missing, "not a Word file: it has no word/document.xml");
        let manifest = b"<manifest:manifest><manifest:file-entry><manifest:encryption-data/></manifest:file-entry></manifest:manifest>";
        let locked = read_odt(&zip_of(&[
            ("META-INF/manifest.xml", manifest),
            ("content.xml", b"\x01\x02"),
        ]))
        .expect_err("encrypted");
        assert!(locked.starts_with("password-protected"), "{locked}");
        let deep = "<w:p>".repeat(100_000);
        assert!(
            read_docx(&docx(&deep)).is_ok(),
            "deep nesting is only slow text"
        );
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/formats/office")
            .join(name);
        std::fs::read(path).expect("fixture")
    }

    /// The `LibreOffice` fixtures give the expected text (`expected.txt`), table rows aside.
    #[test]
    fn libreoffice_fixtures_read_as_expected() {
        let expected = String::from_utf8(fixture("expected.txt")).expect("utf-8");
        let words = |text: &str| -> Vec<String> {
            super::super::sanitize::sanitize(text)
                .split_whitespace()
                .filter(|w| *w != "|")
                .map(str::to_owned)
                .collect()
        };
        for (name, draft) in [
            ("mixed.docx", read_docx(&fixture("mixed.docx"))),
            ("mixed.odt", read_odt(&fixture("mixed.odt"))),
        ] {
            let draft = draft.expect(name);
            assert_eq!(words(&draft.body), words(&expected), "{name}");
            assert_eq!(draft.title.as_deref(), Some("تقرير اختبار"), "{name}");
            assert_eq!(draft.meta.author.as_deref(), Some("Test Author"), "{name}");
            assert_eq!(draft.meta.lang.as_deref(), Some("ar-SY"), "{name}");
            let published = draft.meta.published.as_deref().unwrap_or_default();
            assert!(published.starts_with("2024-08-15"), "{name}: {published}");
        }
    }
}
