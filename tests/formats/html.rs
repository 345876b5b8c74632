//! HTML's rules for the `--format html` report: an HTML5 parser (scraper, html5ever) reads
//! it, and every inline part whose strong characters go against its line's direction must be
//! isolated (`<bdi>` or an element with `dir`, W3C's "Inline markup and bidirectional text in
//! HTML").
#![allow(dead_code)]

use scraper::{ElementRef, Html, Node, Selector};
use unicode_bidi::BidiClass;

/// The direction of a character's strong class, if it has one.
pub fn strong(c: char) -> Option<&'static str> {
    match unicode_bidi::bidi_class(c) {
        BidiClass::L => Some("ltr"),
        BidiClass::R | BidiClass::AL => Some("rtl"),
        _ => None,
    }
}

/// The direction `element` lays its content out in: its `dir` (`auto`, and `<bdi>` without
/// one: its first strong character, HTML's rule), else its parent's.
pub fn direction(element: ElementRef) -> &'static str {
    let own = element.value().attr("dir").map(str::to_ascii_lowercase);
    match own.as_deref() {
        Some("ltr") => "ltr",
        Some("rtl") => "rtl",
        Some(_) => auto(element),
        None if element.value().name() == "bdi" => auto(element),
        None => element
            .parent()
            .and_then(ElementRef::wrap)
            .map_or("ltr", direction),
    }
}

pub fn auto(element: ElementRef) -> &'static str {
    element
        .text()
        .flat_map(str::chars)
        .find_map(strong)
        .unwrap_or("ltr")
}

/// Elements that isolate their content: `<bdi>` and any with `dir` (HTML's rendering rules
/// give both `unicode-bidi: isolate`).
pub fn isolates(element: ElementRef) -> bool {
    element.value().name() == "bdi" || element.value().attr("dir").is_some()
}

/// HTML elements that are blocks here: each is its own bidi paragraph.
pub const BLOCKS: [&str; 10] = [
    "body",
    "section",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "li",
    "blockquote",
];

/// Every inline part with strong characters against its block's direction is isolated (its
/// nearest element with `dir`, or `<bdi>`, is inside the block), or is a document's own text
/// (a block with `lang` and `dir`), laid out in that block's own direction.
pub fn assert_parts_isolated(html: &Html) {
    let select = |s: &str| Selector::parse(s).expect("selector");
    let body = html.select(&select("body")).next().expect("body");
    let mut checked = 0;
    for node in body.descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let parent = ElementRef::wrap(node.parent().expect("parent")).expect("element");
        if matches!(parent.value().name(), "style" | "title") {
            continue;
        }
        let block = std::iter::once(parent)
            .chain(parent.ancestors().filter_map(ElementRef::wrap))
            .find(|e| BLOCKS.contains(&e.value().name()))
            .expect("a block");
        let base = direction(block);
        let against: Vec<char> = text
            .chars()
            .filter(|&c| strong(c).is_some_and(|d| d != base))
            .collect();
        if against.is_empty() {
            continue;
        }
        checked += 1;
        let mut up = std::iter::once(parent)
            .chain(parent.ancestors().filter_map(ElementRef::wrap))
            .take_while(|e| e.id() != block.id());
        let isolated = up.any(isolates);
        let own_text = block.value().attr("lang").is_some() && block.value().attr("dir").is_some();
        assert!(
            isolated || own_text,
            "{:?} goes against its {} <{}> and is not isolated:\n{}",
            &**text,
            base,
            block.value().name(),
            block.html()
        );
    }
    assert!(checked > 10, "{checked} parts checked");
}

/// Citation and document lines: everything from a document is inside a `<bdi>`; what is
/// left is the report's own words and separators.
pub fn assert_citations_isolated(html: &Html) {
    let select = |s: &str| Selector::parse(s).expect("selector");
    let fixed = [
        "first report",
        "undated",
        "reviewed",
        "tags:",
        "note:",
        "orphaned: no longer found in the document",
    ];
    for line in html.select(&select("p.cite, body > ul > li:not([dir])")) {
        let mut outside = String::new();
        for node in line.descendants() {
            if let Node::Text(t) = node.value() {
                let in_bdi = node
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .take_while(|e| e.id() != line.id())
                    .any(|e| e.value().name() == "bdi");
                if !in_bdi {
                    outside.push_str(t);
                }
            }
        }
        let mut rest = outside.clone();
        for words in fixed {
            rest = rest.replace(words, "");
        }
        assert!(
            !rest.chars().any(char::is_alphanumeric),
            "{outside:?} outside <bdi> in {}",
            line.html()
        );
    }
}
