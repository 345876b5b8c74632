//! HTML documents: the title, the readable text of the body, and the metadata pages usually
//! carry (`og:site_name`, `article:published_time`, canonical URL, `lang`).

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

/// Reads an HTML page. Parsing is forgiving (html5ever), and the tree is walked without
/// recursion, so deeply nested hostile markup cannot overflow the stack.
pub fn read_html(text: &str) -> Result<Draft, String> {
    let depth = nesting_estimate(text);
    if depth > MAX_NESTING {
        return Err(format!(
            "HTML nested {depth} elements deep (more than {MAX_NESTING}); not read, \
             convert it to text"
        ));
    }
    let page = Html::parse_document(text);
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
        },
    })
}

/// A linear upper estimate of the element nesting depth: open tags minus close tags, leaving
/// out void elements, those with implied end tags, self-closing tags and comments.
fn nesting_estimate(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        i += offset + 1;
        let rest = bytes.get(i..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            let end = html
                .get(i..)
                .and_then(|r| r.find("-->"))
                .map_or(bytes.len(), |e| i + e);
            i = end;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html
            .get(name_start..name_start + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        let tag_end = bytes
            .get(i..)
            .and_then(|r| r.iter().position(|&b| b == b'>'))
            .map(|e| i + e);
        let self_closing = tag_end.is_some_and(|e| e > 0 && bytes.get(e - 1) == Some(&b'/'));
        if UNNESTED.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
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
}
