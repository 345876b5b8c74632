//! CommonMark's rules for the `--format md` report, read by pulldown-cmark.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The events of `markdown` with what a reader sees, and the quotes' texts (hard breaks as
/// newlines).
pub fn commonmark(markdown: &str) -> (Vec<Event<'_>>, Vec<String>) {
    let events: Vec<Event> = Parser::new_ext(markdown, Options::empty()).collect();
    let mut quotes = Vec::new();
    let mut depth = 0;
    let mut paragraph = 0;
    for event in &events {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                depth += 1;
                paragraph = 0;
            }
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            Event::Start(Tag::Paragraph) if depth > 0 => {
                paragraph += 1;
                if paragraph == 1 {
                    quotes.push(String::new());
                }
            }
            Event::Text(t) if depth > 0 && paragraph == 1 => {
                quotes.last_mut().expect("a quote").push_str(t);
            }
            Event::HardBreak if depth > 0 && paragraph == 1 => {
                quotes.last_mut().expect("a quote").push('\n');
            }
            _ => {}
        }
    }
    (events, quotes)
}

/// Panics when `report` holds raw HTML anywhere, or a list, heading or code block (or
/// another quote) inside a quote: what a document's text must never make.
pub fn assert_quotes_hold_no_markup(events: &[Event<'_>], report: &str) {
    let mut depth = 0;
    for event in events {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => panic!("raw HTML {event:?}:\n{report}"),
            Event::Start(Tag::BlockQuote(_)) => {
                assert_eq!(depth, 0, "a quote in a quote:\n{report}");
                depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            Event::Start(Tag::List(_) | Tag::Item | Tag::Heading { .. } | Tag::CodeBlock(_))
                if depth > 0 =>
            {
                panic!("{event:?} in a quote:\n{report}")
            }
            _ => {}
        }
    }
}
