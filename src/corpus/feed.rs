//! News feeds: RSS 2.0 (and 0.9x), RSS 1.0 (`rdf:RDF`) and Atom, in `.rss`, `.atom` and `.xml`
//! files. One document per item or entry: its title, its body made readable by the HTML
//! reader (`content:encoded`, `content`, `description` or `summary`), link, date, author and
//! language, with the feed's title as the source.
//!
//! The XML is read by quick-xml, which never expands entities a document type declares (a
//! "billion laughs" file stays as small as it is): `&name;` references other than XML's and
//! HTML's named characters are kept as written. The tree is built and walked without
//! recursion, and nesting deeper than [`MAX_DEPTH`] is refused.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use quick_xml::escape::{resolve_html5_entity, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::decode::{decode_stated, label_after};
use super::document::{Draft, Meta};
use super::html::read_html_fragment;
use super::{Found, record_id};
use crate::text::script::{Direction, guess_language};
use crate::text::terminal::hides_in_a_name;

/// Elements nested deeper than this are refused; real feeds stay under a dozen.
const MAX_DEPTH: usize = 512;

/// Elements kept in all: a real feed of 10,000 items has a few hundred thousand, and each
/// costs memory beyond its bytes in the file.
const MAX_ELEMENTS: usize = 2_000_000;

/// Attributes kept on one element.
const MAX_ATTRIBUTES: usize = 32;

/// The longest `guid` or link kept as a document's key.
const MAX_KEY: usize = 512;

/// The documents of a feed file, or why it cannot be read.
pub(super) fn read_feed(rel: &str, bytes: &[u8]) -> Result<Vec<Found>, String> {
    let text = xml_text(bytes)?;
    let tree = Tree::parse(&text)?;
    let root = tree.root().ok_or("an empty XML file: no feed in it")?;
    let kind = match root.local() {
        "rss" => Kind::Rss,
        "RDF" => Kind::Rdf,
        "feed" => Kind::Atom,
        other => {
            return Err(format!(
                "not a feed: its root element is <{}>, where an RSS feed has <rss> or \
                 <rdf:RDF> and an Atom feed <feed>",
                name_for_message(other)
            ));
        }
    };
    let channel = tree.child(root, "channel");
    let heads: Vec<&Element> = [Some(root), channel].into_iter().flatten().collect();
    let items: Vec<&Element> = heads
        .iter()
        .flat_map(|head| tree.children(head))
        .filter(|child| matches!(child.local(), "item" | "entry"))
        .collect();
    if items.is_empty() {
        return Err("a feed with no items or entries".to_owned());
    }
    let feed = FeedMeta {
        kind,
        title: heads
            .iter()
            .find_map(|head| tree.child_text(head, &["title"])),
        lang: heads.iter().find_map(|head| {
            tree.child_text(head, &["language"])
                .or_else(|| head.attribute("xml:lang").map(str::to_owned))
        }),
    };
    let mut lines = Lines::new(&text);
    let entries: Vec<Entry> = items
        .iter()
        .map(|item| Entry::read(&tree, &text, item, &feed, lines.at(item.start)))
        .collect();
    let keys = keys(&entries);
    Ok(entries
        .into_iter()
        .zip(keys)
        .map(|(entry, key)| Found {
            id: record_id(rel, &key),
            line: Some(entry.line),
            draft: entry.draft,
        })
        .collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rss,
    Rdf,
    Atom,
}

struct FeedMeta {
    kind: Kind,
    title: Option<String>,
    lang: Option<String>,
}

/// One item or entry, read.
struct Entry {
    /// The line where it starts, for messages.
    line: usize,
    guid: Option<String>,
    link: Option<String>,
    draft: Result<Draft, String>,
}

impl Entry {
    fn read(tree: &Tree, source: &str, item: &Element, feed: &FeedMeta, at_line: usize) -> Entry {
        let text = |names: &[&str]| tree.child_text(item, names);
        let link = tree
            .children(item)
            .filter(|child| child.local() == "link")
            .find_map(|link| {
                let text = link.text.trim();
                if !text.is_empty() {
                    return Some(text.to_owned());
                }
                let alternate = link
                    .attribute("rel")
                    .is_none_or(|rel| rel.trim() == "alternate");
                link.attribute("href")
                    .filter(|_| alternate)
                    .map(|href| href.trim().to_owned())
            })
            .filter(|link| !link.is_empty());
        let guid = text(&["guid", "id"]).or_else(|| item.attribute("rdf:about").map(str::to_owned));
        let author = tree
            .children(item)
            .find(|child| matches!(child.local(), "author" | "creator"))
            .and_then(|author| {
                tree.child_text(author, &["name"])
                    .or_else(|| Some(author_name(author.text.trim())))
            });
        let title = tree
            .children(item)
            .find(|child| child.local() == "title")
            .and_then(|title| readable(source, title, feed.kind).ok());
        let body = ["encoded", "content", "description", "summary"]
            .iter()
            .flat_map(|name| {
                tree.children(item)
                    .filter(move |child| child.local() == *name)
            })
            .map(|element| readable(source, element, feed.kind))
            .find(|body| body.as_ref().map_or(true, |body| !body.trim().is_empty()))
            .unwrap_or_else(|| Ok(String::new()));
        let published = text(&[
            "pubDate",
            "published",
            "date",
            "issued",
            "updated",
            "modified",
        ])
        .map(|date| rfc2822_date(&date).unwrap_or(date));
        let draft = body.map(|body| Draft {
            meta: Meta {
                lang: item.attribute("xml:lang").map(str::to_owned).or_else(|| {
                    feed.lang
                        .clone()
                        .filter(|lang| fits_script(lang, title.as_deref().unwrap_or(""), &body))
                }),
                source: feed.title.clone(),
                url: link.clone(),
                published,
                author: author.filter(|author| !author.is_empty()),
                ..Meta::default()
            },
            title,
            body,
        });
        Entry {
            line: at_line,
            guid,
            link,
            draft,
        }
    }
}

/// Each entry's key: its `guid` or `id` when clean and unique in the file, else its link
/// when clean and unique, else its 1-based position.
fn keys(entries: &[Entry]) -> Vec<String> {
    let count = |pick: fn(&Entry) -> Option<&String>| {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for entry in entries {
            if let Some(key) = pick(entry) {
                *counts.entry(key.as_str()).or_default() += 1;
            }
        }
        counts
    };
    let guids = count(|entry| entry.guid.as_ref());
    let links = count(|entry| entry.link.as_ref());
    let usable = |key: &Option<String>, counts: &HashMap<&str, usize>| {
        key.as_deref()
            .map(str::trim)
            .filter(|key| {
                !key.is_empty()
                    && key.len() <= MAX_KEY
                    && !key.chars().any(hides_in_a_name)
                    && counts.get(key).copied() == Some(1)
            })
            .map(str::to_owned)
    };
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            usable(&entry.guid, &guids)
                .or_else(|| usable(&entry.link, &links))
                .unwrap_or_else(|| (index + 1).to_string())
        })
        .collect()
}

/// The readable text of a title or body element: HTML (RSS descriptions, Atom `type="html"`)
/// through the HTML reader, XHTML (Atom `type="xhtml"`) from its markup as written, plain
/// text as it is.
fn readable(source: &str, element: &Element, kind: Kind) -> Result<String, String> {
    let declared = element.attribute("type").map(str::trim);
    let is_html = match (kind, declared) {
        (Kind::Atom, None | Some("text" | "text/plain")) => false,
        (Kind::Atom, Some("xhtml" | "application/xhtml+xml")) => {
            let inner = source.get(element.inner.clone()).unwrap_or("");
            return read_html_fragment(inner);
        }
        (Kind::Atom, Some("html" | "text/html")) => true,
        (Kind::Atom, Some(_)) => return Ok(String::new()),
        // RSS elements hold escaped HTML, or text that reads the same as HTML.
        (Kind::Rss | Kind::Rdf, _) => element.text.contains(['<', '&']),
    };
    if is_html {
        read_html_fragment(&element.text)
    } else {
        Ok(element.text.trim().to_owned())
    }
}

/// Whether the feed's language can be an item's: feeds that mix Arabic and English items
/// state one language for all, and an English item read right to left is worse than a
/// language left to the guess. The language fits when its direction is the script's.
fn fits_script(lang: &str, title: &str, body: &str) -> bool {
    let right_to_left_text = guess_language(title, body) != "und";
    right_to_left_text == (Direction::for_language(lang) == Direction::Rtl)
}

/// `Jane Doe` from RSS's `jane@example.org (Jane Doe)`; anything else as written.
fn author_name(author: &str) -> String {
    author
        .strip_suffix(')')
        .and_then(|rest| rest.split_once('('))
        .filter(|(email, _)| email.contains('@'))
        .map_or(author, |(_, name)| name)
        .trim()
        .to_owned()
}

/// `YYYY-MM-DD` from an RFC 2822 date as RSS writes them (`Fri, 22 Mar 2024 19:04:11 +0300`,
/// the weekday optional, two-digit years read as RFC 2822 says), in the date's own offset.
fn rfc2822_date(value: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let tokens: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|token| !token.is_empty())
        .collect();
    tokens.windows(3).find_map(|window| {
        let [day, month, year] = window else {
            return None;
        };
        let day: u8 = day.parse().ok()?;
        let month = month.get(..3)?.to_ascii_lowercase();
        let month = MONTHS.iter().position(|name| *name == month)?;
        let month = time::Month::try_from(u8::try_from(month + 1).ok()?).ok()?;
        let year: i32 = year.parse().ok()?;
        let year = match year {
            0..=49 => year + 2000,
            50..=99 => year + 1900,
            _ => year,
        };
        let date = time::Date::from_calendar_date(year, month, day).ok()?;
        let format = time::macros::format_description!("[year]-[month]-[day]");
        date.format(format).ok()
    })
}

/// The feed's text: a byte order mark wins, then UTF-8, then the encoding its XML declaration
/// names, then the legacy Arabic encodings [`super::decode`] tells apart.
fn xml_text(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if !bytes.starts_with(b"\xEF\xBB\xBF")
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        return Ok(Cow::Borrowed(text));
    }
    let head = bytes.get(..200).unwrap_or(bytes);
    let declaration = head
        .windows(2)
        .position(|window| window == b"?>")
        .and_then(|end| head.get(..end))
        .filter(|declaration| declaration.starts_with(b"<?xml"));
    let stated = declaration.and_then(|declaration| label_after(declaration, "encoding="));
    decode_stated(bytes, stated)
        .map(|(text, _)| Cow::Owned(text))
        .map_err(|error| error.to_string())
}

/// An element of the feed: its name as written (`content:encoded`), attributes, the text
/// directly inside it, and where its content lies in the source.
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<usize>,
    /// Byte offset of its start tag.
    start: usize,
    /// Byte range of its content (between its tags).
    inner: Range<usize>,
}

impl Element {
    /// The name without its namespace prefix.
    fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The elements of an XML file, parents before children.
struct Tree {
    elements: Vec<Element>,
}

impl Tree {
    fn parse(text: &str) -> Result<Tree, String> {
        let mut reader = Reader::from_str(text);
        let mut elements: Vec<Element> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let malformed = |reader: &Reader<&[u8]>, error: &dyn std::fmt::Display| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            format!(
                "the feed's XML is malformed at line {}: {error}",
                line_of(text, at)
            )
        };
        loop {
            let before = offset(&reader);
            let event = reader
                .read_event()
                .map_err(|error| malformed(&reader, &error))?;
            let after = offset(&reader);
            match event {
                Event::Start(ref tag) | Event::Empty(ref tag) => {
                    let closed = matches!(event, Event::Empty(_));
                    let index = elements.len();
                    if index >= MAX_ELEMENTS {
                        return Err(format!(
                            "more than {MAX_ELEMENTS} XML elements; not read, split the feed \
                             into smaller files"
                        ));
                    }
                    elements.push(element(tag, before, after));
                    if let Some(parent) = open.last().and_then(|&p| elements.get_mut(p)) {
                        parent.children.push(index);
                    } else if index != 0 {
                        // A second root: not well-formed XML, and nothing a feed has.
                        return Err(format!(
                            "the feed's XML is malformed at line {}: a second root element \
                             after the first one closed",
                            line_of(text, before)
                        ));
                    }
                    if !closed {
                        open.push(index);
                        if open.len() > MAX_DEPTH {
                            return Err(format!(
                                "XML nested more than {MAX_DEPTH} elements deep; not a feed \
                                 isnad reads"
                            ));
                        }
                    }
                }
                Event::End(_) => {
                    if let Some(element) = open.pop().and_then(|index| elements.get_mut(index)) {
                        element.inner.end = before;
                    }
                }
                Event::Text(content) => push_text(&mut elements, &open, &content.xml10_content()),
                Event::CData(content) => push_text(&mut elements, &open, &content.xml10_content()),
                Event::GeneralRef(reference) => {
                    let name = reference.xml10_content();
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => Cow::Owned(c.to_string()),
                        Ok(None) => resolve_predefined_entity(&name)
                            .or_else(|| resolve_html5_entity(&name))
                            .map_or_else(|| Cow::Owned(format!("&{name};")), Cow::Borrowed),
                        Err(error) => return Err(malformed(&reader, &error)),
                    };
                    push_text(&mut elements, &open, &resolved);
                }
                Event::Eof => break,
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
        if let Some(unclosed) = open.last().and_then(|&index| elements.get(index)) {
            return Err(format!(
                "the feed's XML is malformed at line {}: <{}> is never closed (is the file \
                 truncated?)",
                line_of(text, unclosed.start),
                name_for_message(&unclosed.name)
            ));
        }
        Ok(Tree { elements })
    }

    fn root(&self) -> Option<&Element> {
        self.elements.first()
    }

    fn children<'a>(&'a self, element: &'a Element) -> impl Iterator<Item = &'a Element> + 'a {
        element
            .children
            .iter()
            .filter_map(|&index| self.elements.get(index))
    }

    fn child<'a>(&'a self, element: &'a Element, local: &str) -> Option<&'a Element> {
        self.children(element).find(|child| child.local() == local)
    }

    /// The trimmed text of the first child with one of the local `names` that has any.
    fn child_text(&self, element: &Element, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| {
            self.children(element)
                .filter(|child| child.local() == *name)
                .map(|child| child.text.trim())
                .find(|text| !text.is_empty())
                .map(str::to_owned)
        })
    }
}

fn offset(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

fn element(tag: &BytesStart<'_>, start: usize, after: usize) -> Element {
    let mut attributes = tag.attributes();
    // The check for repeated names compares each attribute with those before it: quadratic
    // in a hostile tag. Feeds use a handful; the rest are dropped.
    attributes.with_checks(false);
    let attributes = attributes
        .take(MAX_ATTRIBUTES)
        .filter_map(Result::ok)
        .map(|attribute| {
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| attribute.value.to_string(), Cow::into_owned);
            (attribute.key.into_inner().to_owned(), value)
        })
        .collect();
    Element {
        name: tag.name().into_inner().to_owned(),
        attributes,
        text: String::new(),
        children: Vec::new(),
        start,
        inner: after..after,
    }
}

fn push_text(elements: &mut [Element], open: &[usize], text: &str) {
    if let Some(element) = open.last().and_then(|&index| elements.get_mut(index)) {
        element.text.push_str(text);
    }
}

/// The lines of offsets asked in increasing order, counted once: a line number for each of
/// 30,000 items counted from the start took minutes in a 70 MB feed.
struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset`.
    fn at(&mut self, offset: usize) -> usize {
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        let between = self.text.get(self.offset..offset).unwrap_or_default();
        self.line += between.split(|&b| b == b'\n').count() - 1;
        self.offset = offset.max(self.offset);
        self.line
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let head = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    head.split(|&b| b == b'\n').count()
}

/// An element name safe to show in a message, cut short.
fn name_for_message(name: &str) -> String {
    name.chars()
        .filter(|&c| !hides_in_a_name(c))
        .take(40)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{parse_file, skip_reasons};

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>أخبار الشرق</title>
    <link>https://example.org/</link>
    <language>ar</language>
    <atom:link href="https://example.org/rss" rel="self"/>
    <item>
      <title>هجوم على قاعة الحفلات</title>
      <link>https://example.org/a/1</link>
      <guid isPermaLink="false">east-1</guid>
      <pubDate>Fri, 22 Mar 2024 19:04:11 +0300</pubDate>
      <dc:creator>مراسلنا</dc:creator>
      <description>&lt;p&gt;ملخص &amp;amp; قصير&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>قال مسؤول إن <b>الهجوم</b> وقع مساء الجمعة.</p><script>x()</script><p>الفقرة&nbsp;الثانية</p>]]></content:encoded>
    </item>
    <item>
      <title>Death toll rises</title>
      <link>https://example.org/a/2</link>
      <description>The toll rose to 144.</description>
      <pubDate>23 Mar 2024 08:00 GMT</pubDate>
      <author>desk@example.org (News Desk)</author>
    </item>
  </channel>
</rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Wire Watch</title>
  <entry>
    <title type="html">Kremlin &amp;lt;statement&amp;gt;</title>
    <id>tag:example.org,2024:1</id>
    <link rel="alternate" type="text/html" href="https://example.org/k"/>
    <link rel="enclosure" href="https://example.org/k.mp3"/>
    <published>2024-03-23T10:00:00+03:00</published>
    <updated>2024-03-24T10:00:00Z</updated>
    <author><name>Jane Doe</name><email>j@example.org</email></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The Kremlin denied <em>any</em> link.</p></div></content>
  </entry>
  <entry xml:lang="ar">
    <title>بيان</title>
    <id>tag:example.org,2024:2</id>
    <link href="https://example.org/b"/>
    <updated>2024-03-25T00:00:00Z</updated>
    <summary>نص البيان كاملا</summary>
  </entry>
</feed>"#;

    #[test]
    fn rss_items_become_documents() {
        let read = parse_file("feeds/east.rss", RSS.as_bytes());
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
        let [first, second] = read.documents.as_slice() else {
            panic!("two items: {:?}", read.documents);
        };
        assert_eq!(first.id, "feeds/east.rss#east-1");
        assert_eq!(first.title, "هجوم على قاعة الحفلات");
        assert_eq!(
            first.body,
            "قال مسؤول إن الهجوم وقع مساء الجمعة.\nالفقرة الثانية"
        );
        assert_eq!(first.source.as_deref(), Some("أخبار الشرق"));
        assert_eq!(first.url.as_deref(), Some("https://example.org/a/1"));
        assert_eq!(first.published.as_deref(), Some("2024-03-22"));
        assert_eq!(first.author.as_deref(), Some("مراسلنا"));
        assert_eq!(first.lang, "ar");
        assert_eq!(second.id, "feeds/east.rss#https://example.org/a/2");
        assert_eq!(second.body, "The toll rose to 144.");
        assert_eq!(second.lang, "und", "an English item of an Arabic feed");
        assert_eq!(second.published.as_deref(), Some("2024-03-23"));
        assert_eq!(second.author.as_deref(), Some("News Desk"));
    }

    #[test]
    fn atom_entries_become_documents() {
        let read = parse_file("wire.atom", ATOM.as_bytes());
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
        let [first, second] = read.documents.as_slice() else {
            panic!("two entries: {:?}", read.documents);
        };
        assert_eq!(first.id, "wire.atom#tag:example.org,2024:1");
        assert_eq!(first.title, "Kremlin <statement>");
        assert_eq!(first.body, "The Kremlin denied any link.");
        assert_eq!(first.url.as_deref(), Some("https://example.org/k"));
        assert_eq!(first.published.as_deref(), Some("2024-03-23"));
        assert_eq!(first.author.as_deref(), Some("Jane Doe"));
        assert_eq!(first.source.as_deref(), Some("Wire Watch"));
        assert_eq!(first.lang, "en");
        assert_eq!(second.lang, "ar");
        assert_eq!(second.body, "نص البيان كاملا");
        assert_eq!(second.published.as_deref(), Some("2024-03-25"));
    }

    #[test]
    fn rss_1_0_items_are_siblings_of_the_channel() {
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
            xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://example.org/"><title>Old</title></channel>
          <item rdf:about="https://example.org/1"><title>One</title>
            <description>First</description><dc:date>2003-05-01</dc:date></item>
        </rdf:RDF>"#;
        let read = parse_file("old.xml", rdf.as_bytes());
        assert_eq!(read.documents[0].id, "old.xml#https://example.org/1");
        assert_eq!(read.documents[0].source.as_deref(), Some("Old"));
        assert_eq!(read.documents[0].published.as_deref(), Some("2003-05-01"));
    }

    #[test]
    fn keys_fall_back_when_guids_repeat_or_hide_characters() {
        let rss = "<rss><channel><title>t</title>\
            <item><guid>same</guid><link>https://e/1</link><description>a</description></item>\
            <item><guid>same</guid><description>b</description></item>\
            <item><guid>x\u{202e}y</guid><description>c</description></item>\
            </channel></rss>";
        let read = parse_file("k.rss", rss.as_bytes());
        let ids: Vec<_> = read.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["k.rss#https://e/1", "k.rss#2", "k.rss#3"]);
    }

    #[test]
    fn other_xml_and_broken_feeds_are_named() {
        let svg = skip_reasons("logo.xml", b"<svg xmlns='http://www.w3.org/2000/svg'/>");
        assert!(
            svg[0].starts_with("not a feed: its root element is <svg>"),
            "{svg:?}"
        );
        let broken = skip_reasons("b.rss", b"<rss>\n<channel>\n<item></channel>\n</rss>");
        assert!(
            broken[0].starts_with("the feed's XML is malformed at line 3"),
            "{broken:?}"
        );
        let truncated = skip_reasons("t.rss", b"<rss><channel><item><title>x</title>");
        assert!(truncated[0].contains("never closed"), "{truncated:?}");
        let empty = parse_file("e.rss", b"<rss><channel><title>x</title></channel></rss>");
        assert_eq!(empty.skipped[0].reason, "a feed with no items or entries");
        let nothing = parse_file("n.xml", b"  ");
        assert!(nothing.skipped[0].reason.contains("empty XML"));
    }

    #[test]
    fn entities_a_doctype_declares_are_never_expanded() {
        let mut laughs =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        for level in 1..10 {
            let previous = if level == 1 {
                "lol".to_owned()
            } else {
                format!("lol{}", level - 1)
            };
            let expansion = format!("&{previous};").repeat(10);
            laughs.push_str("<!ENTITY lol");
            laughs.push_str(&level.to_string());
            laughs.push_str(" \"");
            laughs.push_str(&expansion);
            laughs.push_str("\">\n");
        }
        laughs.push_str("]>\n<rss><channel><title>t</title><item><title>x</title><description>&lol9;</description></item></channel></rss>");
        let read = parse_file("lol.rss", laughs.as_bytes());
        assert_eq!(read.documents[0].body, "&lol9;");
    }

    #[test]
    fn a_declared_legacy_encoding_is_read() {
        let rss = "<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss><channel><title>قناة</title><item><title>خبر</title><description>نص الخبر</description></item></channel></rss>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(rss);
        let read = parse_file("w.rss", &bytes);
        assert_eq!(read.documents[0].title, "خبر");
        assert_eq!(read.documents[0].source.as_deref(), Some("قناة"));
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let deep = format!("<rss>{}", "<x>".repeat(100_000));
        let read = parse_file("d.rss", deep.as_bytes());
        assert!(read.skipped[0].reason.contains("nested more than"));
    }

    #[test]
    fn a_tag_with_many_attributes_is_read_in_linear_time() {
        let attributes = (0..200_000).fold(String::new(), |mut out, n| {
            out.push_str(" a");
            out.push_str(&n.to_string());
            out.push_str("=\"x\"");
            out
        });
        let rss = format!(
            "<rss><channel><item{attributes}><title>t</title><description>d</description>\
             </item></channel></rss>"
        );
        let started = std::time::Instant::now();
        let read = parse_file("a.rss", rss.as_bytes());
        assert_eq!(read.documents[0].body, "d");
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn utf16_feeds_are_read() {
        let rss = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><title>ق</title>\
                   <item><description>نص</description></item></channel></rss>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(rss.encode_utf16().flat_map(u16::to_le_bytes));
        let read = parse_file("u.rss", &bytes);
        assert_eq!(read.documents[0].title, "نص", "{:?}", read.skipped);
    }

    #[test]
    fn an_empty_item_is_named_by_its_line() {
        let rss = "<rss><channel><title>t</title>\n<item><title>a</title></item>\n\n<item/>\n\
                   <item><title>b</title></item>\n<item> </item></channel></rss>";
        let read = parse_file("l.rss", rss.as_bytes());
        assert_eq!(read.documents.len(), 2);
        let lines: Vec<_> = read.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [Some(4), Some(6)], "{:?}", read.skipped);
    }

    #[test]
    fn rfc2822_dates() {
        assert_eq!(
            rfc2822_date("Fri, 22 Mar 2024 19:04:11 +0300").as_deref(),
            Some("2024-03-22")
        );
        assert_eq!(
            rfc2822_date("1 jan 99 00:00 GMT").as_deref(),
            Some("1999-01-01")
        );
        assert_eq!(rfc2822_date("31 Feb 2024"), None);
        assert_eq!(rfc2822_date("2024-03-22T10:00:00Z"), None);
    }
}
