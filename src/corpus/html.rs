//! HTML documents: the title, the readable text of the body, and the metadata pages usually
//! carry (`og:site_name`, `article:published_time`, canonical URL, `lang`).

use std::borrow::Cow;
use std::ops::Range;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::document::{Draft, Meta};

/// Elements whose content is never readable text.
const SKIPPED: [&str; 13] = [
    "script", "style", "noscript", "template", "svg", "head", "nav", "footer", "aside", "form",
    "button", "iframe", "object",
];

/// Elements that start a new line of text.
const BLOCKS: [&str; 30] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "header",
    "main",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "figure",
    "address",
    "details",
    "summary",
    "td",
];

/// Nesting deeper than this is refused: html5ever's tree building is quadratic in depth
/// (100,000 nested `<div>`s take minutes), and real pages stay under a few hundred.
pub const MAX_NESTING: usize = 2_000;

/// Elements that never have content, or whose end tag is implied by the next sibling; they
/// do not deepen the tree in the way the depth estimate counts.
const UNNESTED: [&str; 28] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "html", "head", "body",
];

/// Attributes kept on one tag. html5ever checks each attribute against the others of its tag
/// (dropping duplicates), which is quadratic: 50,000 attributes on one tag take 6 s, 300,000
/// over a minute. Real pages stay under a few dozen; those past this limit lose the rest.
pub const MAX_ATTRIBUTES: usize = 256;

/// Reads an HTML page. Parsing is forgiving (html5ever), and the tree is walked without
/// recursion, so deeply nested hostile markup cannot overflow the stack. Both estimates made
/// before parsing (nesting and attributes) are linear in the page's length.
pub fn read_html(text: &str) -> Result<Draft, String> {
    refuse_deep_nesting(text)?;
    let page = Html::parse_document(&with_attributes_capped(text));
    let title = first_text(&page, "title").or_else(|| first_text(&page, "h1"));
    let body = readable_text(&page);
    let body = match &title {
        Some(title) => strip_repeated_title(&body, title),
        None => body,
    };
    Ok(Draft {
        title,
        body,
        meta: Meta {
            source: meta(&page, "meta[property='og:site_name']", "content"),
            url: meta(&page, "link[rel='canonical']", "href")
                .or_else(|| meta(&page, "meta[property='og:url']", "content")),
            published: meta(&page, "meta[property='article:published_time']", "content")
                .or_else(|| meta(&page, "time[datetime]", "datetime")),
            author: meta(&page, "meta[name='author']", "content"),
            lang: meta(&page, "html[lang]", "lang"),
            ..Meta::default()
        },
    })
}

/// The readable text of a piece of HTML that is not a page (a feed item's description or
/// content), with the same limits and the same text as [`read_html`] gives a page's body.
pub fn read_html_fragment(text: &str) -> Result<String, String> {
    refuse_deep_nesting(text)?;
    let fragment = Html::parse_fragment(&with_attributes_capped(text));
    Ok(readable_text(&fragment))
}

fn refuse_deep_nesting(text: &str) -> Result<(), String> {
    let depth = nesting_estimate(text);
    if depth > MAX_NESTING {
        return Err(format!(
            "HTML nested {depth} elements deep (more than {MAX_NESTING}); not read, \
             convert it to text"
        ));
    }
    Ok(())
}

/// A linear upper estimate of the element nesting depth: open tags minus close tags, leaving
/// out void elements, those with implied end tags, self-closing tags and comments.
fn nesting_estimate(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in Tags::new(html) {
        let name = html
            .get(tag.name.clone())
            .unwrap_or("")
            .to_ascii_lowercase();
        if UNNESTED.contains(&name.as_str()) || tag.self_closing {
            continue;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The page with every tag cut to its first [`MAX_ATTRIBUTES`] attributes; borrowed unchanged
/// when no tag has more (every real page).
fn with_attributes_capped(html: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for tag in Tags::new(html) {
        let Some(kept_end) = tag.kept_end else {
            continue;
        };
        out.push_str(html.get(copied..kept_end).unwrap_or(""));
        if tag.end > html.len() {
            // An unterminated tag at the end of the page: html5ever drops it anyway.
            copied = html.len();
            break;
        }
        out.push_str(if tag.self_closing { "/>" } else { ">" });
        copied = tag.end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(html.get(copied..).unwrap_or(""));
    Cow::Owned(out)
}

/// One tag as html5ever's tokenizer reads it (byte offsets into the page).
struct Tag {
    /// The tag's name.
    name: Range<usize>,
    closing: bool,
    self_closing: bool,
    /// Where the attribute past [`MAX_ATTRIBUTES`] starts, when the tag has more.
    kept_end: Option<usize>,
    /// Just past the tag's `>`; past the page's end when the page ends inside the tag.
    end: usize,
}

/// The tags of a page in one pass, following the tokenizer's rules where they matter for
/// the estimates: a tag name runs to white space, `/` or `>`; a quoted attribute value hides
/// `>` and `<`; comments, `<!…>` and `<?…>` are not tags; the text of `script`, `style` and the
/// other raw-text elements holds no tags up to its end tag.
struct Tags<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// Elements whose content the tokenizer reads as text up to their end tag.
const RAW_TEXT: [&str; 9] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

impl<'a> Tags<'a> {
    fn new(html: &'a str) -> Self {
        Self {
            bytes: html.as_bytes(),
            at: 0,
        }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn next_of(&self, from: usize, needle: &[u8]) -> Option<usize> {
        self.bytes
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| from + p)
    }

    fn past_while(&self, mut at: usize, keep: impl Fn(u8) -> bool) -> usize {
        while self.byte(at).is_some_and(&keep) {
            at += 1;
        }
        at
    }

    /// Past the end tag `</name` of a raw-text element (ASCII case ignored), or the page's end.
    fn past_raw_text(&self, from: usize, name: &[u8]) -> usize {
        let mut at = from;
        while let Some(lt) = self.next_of(at, b"</") {
            let start = lt + 2;
            let candidate = self.bytes.get(start..start + name.len());
            if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
                return lt;
            }
            at = start;
        }
        self.bytes.len()
    }

    /// Reads the attributes from `at` to the tag's end.
    fn attributes(&self, mut at: usize) -> (Option<usize>, bool, usize) {
        let mut count = 0usize;
        let mut kept_end = None;
        loop {
            at = self.past_while(at, |b| is_space(b) || b == b'/');
            match self.byte(at) {
                None => return (kept_end, false, self.bytes.len() + 1),
                Some(b'>') => {
                    let self_closing = at > 0 && self.byte(at - 1) == Some(b'/');
                    return (kept_end, self_closing, at + 1);
                }
                Some(_) => {}
            }
            count += 1;
            if count == MAX_ATTRIBUTES + 1 {
                kept_end = Some(at);
            }
            // The name: its first byte may be anything (even `=`), the rest stops at `=`.
            at = self.past_while(at + 1, |b| {
                !(is_space(b) || matches!(b, b'/' | b'>' | b'='))
            });
            at = self.past_while(at, is_space);
            if self.byte(at) != Some(b'=') {
                continue;
            }
            at = self.past_while(at + 1, is_space);
            at = match self.byte(at) {
                Some(quote @ (b'"' | b'\'')) => self
                    .bytes
                    .get(at + 1..)
                    .and_then(|rest| rest.iter().position(|&b| b == quote))
                    .map_or(self.bytes.len(), |p| at + 1 + p + 1),
                _ => self.past_while(at, |b| !(is_space(b) || b == b'>')),
            };
        }
    }
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        loop {
            let lt = self.next_of(self.at, b"<")?;
            let at = lt + 1;
            self.at = at;
            if self.bytes.get(at..).is_some_and(|r| r.starts_with(b"!--")) {
                self.at = self
                    .next_of(at + 3, b"-->")
                    .map_or(self.bytes.len(), |e| e + 3);
                continue;
            }
            if matches!(self.byte(at), Some(b'!' | b'?')) {
                self.at = self.next_of(at, b">").map_or(self.bytes.len(), |e| e + 1);
                continue;
            }
            let closing = self.byte(at) == Some(b'/');
            let name_start = at + usize::from(closing);
            if !self
                .byte(name_start)
                .is_some_and(|b| b.is_ascii_alphabetic())
            {
                continue;
            }
            let name_end =
                self.past_while(name_start, |b| !(is_space(b) || matches!(b, b'/' | b'>')));
            let (kept_end, self_closing, end) = self.attributes(name_end);
            self.at = end.min(self.bytes.len());
            let name = name_start..name_end;
            if !closing && !self_closing {
                let raw = RAW_TEXT.iter().find(|raw| {
                    self.bytes
                        .get(name.clone())
                        .is_some_and(|n| n.eq_ignore_ascii_case(raw.as_bytes()))
                });
                if let Some(raw) = raw {
                    self.at = self.past_raw_text(self.at, raw.as_bytes());
                }
            }
            return Some(Tag {
                name,
                closing,
                self_closing,
                kept_end,
                end,
            });
        }
    }
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn first_text(page: &Html, css: &str) -> Option<String> {
    let selector = selector(css)?;
    let element = page.select(&selector).next()?;
    let text = element.text().collect::<Vec<_>>().join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn meta(page: &Html, css: &str, attribute: &str) -> Option<String> {
    let selector = selector(css)?;
    let value = page
        .select(&selector)
        .find_map(|e| e.value().attr(attribute))?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn readable_text(page: &Html) -> String {
    let root = selector("body")
        .and_then(|s| page.select(&s).next())
        .unwrap_or_else(|| page.root_element());
    let mut out = String::new();
    let mut skip_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let name = element.name();
                    if skip_depth > 0 || SKIPPED.contains(&name) {
                        skip_depth += 1;
                    } else if BLOCKS.contains(&name) {
                        out.push('\n');
                    }
                }
                Node::Text(text) if skip_depth == 0 => {
                    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !collapsed.is_empty() {
                        let starts_space = text.starts_with(char::is_whitespace);
                        if starts_space && !out.ends_with(['\n', ' ']) && !out.is_empty() {
                            out.push(' ');
                        }
                        out.push_str(&collapsed);
                        if text.ends_with(char::is_whitespace) {
                            out.push(' ');
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Some(element) = ElementRef::wrap(node) {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if BLOCKS.contains(&element.value().name()) {
                        out.push('\n');
                    }
                }
            }
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Pages usually repeat their title as the first heading; drop that first line.
fn strip_repeated_title(body: &str, title: &str) -> String {
    match body.split_once('\n') {
        Some((first, rest)) if first.trim() == title => rest.to_owned(),
        None if body.trim() == title => String::new(),
        _ => body.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_text_and_metadata() {
        let draft = read_html(
            r#"<!doctype html><html lang="ar"><head><title>هجوم &amp; تحقيق</title>
            <meta property="og:site_name" content="الجزيرة">
            <meta property="article:published_time" content="2024-03-23T10:00:00Z">
            <link rel="canonical" href="https://example.org/a">
            <style>p{color:red}</style><script>alert(1)</script></head>
            <body><nav>القائمة</nav><h1>هجوم &amp; تحقيق</h1><p>الفقرة <b>الأولى</b>.</p>
            <p>الثانية<br>سطر</p><script>evil()</script></body></html>"#,
        )
        .expect("draft");
        assert_eq!(draft.title.as_deref(), Some("هجوم & تحقيق"));
        assert_eq!(draft.body, "الفقرة الأولى.\nالثانية\nسطر");
        assert_eq!(draft.meta.source.as_deref(), Some("الجزيرة"));
        assert_eq!(draft.meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(
            draft.meta.published.as_deref(),
            Some("2024-03-23T10:00:00Z")
        );
        assert_eq!(draft.meta.lang.as_deref(), Some("ar"));
    }

    #[test]
    fn moderately_nested_markup_is_read() {
        let html = format!("{}نص{}", "<div><b>".repeat(500), "</b></div>".repeat(500));
        assert_eq!(read_html(&html).expect("draft").body, "نص");
        let paragraphs = "<p>فقرة".repeat(5_000);
        assert_eq!(
            read_html(&paragraphs).expect("draft").body.lines().count(),
            5_000
        );
    }

    #[test]
    fn pathologically_nested_markup_is_refused_quickly() {
        let html = format!("{}نص{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let error = read_html(&html).expect_err("refused");
        assert!(error.contains("100000 elements deep"), "{error}");
    }

    use std::fmt::Write as _;

    fn attributes(count: usize) -> String {
        (0..count).fold(String::new(), |mut out, i| {
            let _ = write!(out, " a{i}=\"v {i}\"");
            out
        })
    }

    #[test]
    fn a_flood_of_attributes_is_cut_and_the_text_read() {
        // 300,000 attributes on one tag took html5ever minutes (each is checked against all
        // the others of its tag); cut to the first MAX_ATTRIBUTES, the page reads at once.
        let html = format!(
            "<html lang=ar><body><p{}>نص <b{}/>الصفحة</p><p>باقي</p></body></html>",
            attributes(300_000),
            attributes(MAX_ATTRIBUTES + 1)
        );
        let draft = read_html(&html).expect("draft");
        assert_eq!(draft.body, "نص الصفحة\nباقي");
        assert_eq!(draft.meta.lang.as_deref(), Some("ar"));
        let page = Html::parse_document(&with_attributes_capped(&html));
        let p = page.select(&selector("p").expect("p")).next().expect("p");
        assert_eq!(p.value().attrs().count(), MAX_ATTRIBUTES);
        assert_eq!(p.value().attr("a255"), Some("v 255"));
    }

    #[test]
    fn pages_within_the_limits_are_parsed_as_written() {
        let html = format!(
            "<meta content='a > b' name=author><p{}>نص</p><script>if (a<b{}) {{}}</script>",
            attributes(MAX_ATTRIBUTES),
            attributes(MAX_ATTRIBUTES + 1)
        );
        assert!(matches!(with_attributes_capped(&html), Cow::Borrowed(_)));
        assert_eq!(
            read_html(&html).expect("draft").meta.author.as_deref(),
            Some("a > b")
        );
    }

    #[test]
    fn tags_are_read_as_the_tokenizer_reads_them() {
        let names = |html: &str| {
            Tags::new(html)
                .map(|t| {
                    format!(
                        "{}{}",
                        if t.closing { "/" } else { "" },
                        html.get(t.name).unwrap_or("?")
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("<p title=\"<b>\">x</p><!-- <i> --><!doctype html><? <u> ?>a < b<a<b>"),
            ["p", "/p", "a<b"]
        );
        assert_eq!(
            names("<STYLE>p<b>{}</b></style ><script><div></SCRIPT><div/>"),
            ["STYLE", "/style", "script", "/SCRIPT", "div"]
        );
    }

    #[test]
    fn unterminated_tags_and_quotes_are_read_in_one_pass() {
        // 300,000 `<a` with no `>`: each scan for the tag's end used to run to the page's
        // end (quadratic); the tokenizer reads it all as one tag name.
        let html = "<a".repeat(300_000);
        assert_eq!(nesting_estimate(&html), 1);
        assert!(read_html(&html).expect("draft").body.is_empty());
        let html = format!("<p x=\"{}", "<div>".repeat(100_000));
        assert_eq!(nesting_estimate(&html), 0);
        assert!(read_html(&html).is_ok());
    }
}
