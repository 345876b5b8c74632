//! Preparing what a user typed for tantivy's query parser.
//!
//! Two rewrites, both outside quotes: for the stemmed side of a search, `title:` and `body:`
//! name their stemmed fields (`title:X` becomes `title_stem:X`, `body:X` becomes
//! `text_stem:X`, the stemmed title and body), and a colon after a word that is not a field
//! (`http://…`, `ISIS:`) is escaped so the word is searched instead of matching nothing.

use super::schema::QUERYABLE;

/// The deepest nesting of parentheses a query may have. tantivy's parser and the query it
/// builds recurse once per level: thousands of `(` overflow a thread's stack and abort the
/// process, while no one writes more than a few levels by hand.
pub const MAX_NESTING: usize = 32;

/// How deep `query`'s parentheses nest, outside quotes (an unclosed `(` counts).
pub fn nesting(query: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Characters that end a bare word in the query language.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | ':')
}

/// Which fields `title:` and `body:` name in a rewritten query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forms {
    /// The exact (normalised, unstemmed) fields, as typed.
    Exact,
    /// Their stemmed counterparts.
    Stemmed,
}

/// Rewrites `query`; see the module doc.
pub fn rewrite(query: &str, forms: Forms) -> String {
    let query = trim_dangling_operators(query);
    let mut out = String::with_capacity(query.len() + 16);
    let mut rest = query;
    let mut at_start = true;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let (quoted, after) = take_quoted(rest);
            out.push_str(quoted);
            rest = after;
            at_start = false;
        } else if ends_word(c) {
            if c == ':' {
                out.push_str("\\:");
            } else {
                out.push(c);
            }
            at_start = c != ')' && c != ':';
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        } else if at_start && (c == '+' || c == '-') {
            out.push(c);
            rest = rest.get(1..).unwrap_or_default();
        } else {
            let len = rest.find(ends_word).unwrap_or(rest.len());
            let (word, after) = rest.split_at(len);
            rest = after;
            if at_start && after.starts_with(':') {
                rest = after.get(1..).unwrap_or_default();
                rest = field(&mut out, word, rest, forms);
            } else {
                out.push_str(word);
            }
            at_start = false;
        }
    }
    out
}

/// Emits `word:` (a field, renamed for `forms`, or an escaped word), returning the rest.
fn field<'a>(out: &mut String, word: &str, rest: &'a str, forms: Forms) -> &'a str {
    let name = word.to_ascii_lowercase();
    if !QUERYABLE.contains(&name.as_str()) {
        out.push_str(word);
        out.push_str("\\:");
        return rest;
    }
    let name = match (forms, name.as_str()) {
        (Forms::Stemmed, "title") => "title_stem",
        (Forms::Stemmed, "body") => "text_stem",
        _ => name.as_str(),
    };
    out.push_str(name);
    out.push(':');
    rest
}

/// Operators a query can be left with while it is being typed.
const OPERATORS: [&str; 5] = ["AND", "OR", "NOT", "+", "-"];

/// Drops operators left dangling at either end (`الأمن AND`, `OR غزة`), which would
/// otherwise make the whole query match nothing. Inside an open quote nothing is dropped.
fn trim_dangling_operators(query: &str) -> &str {
    let mut text = query.trim();
    loop {
        let before = text;
        if let Some((head, last)) = text.rsplit_once(char::is_whitespace)
            && OPERATORS.contains(&last)
            && head.matches('"').count() % 2 == 0
        {
            text = head.trim_end();
        }
        if let Some((first, tail)) = text.split_once(char::is_whitespace)
            && ["AND", "OR"].contains(&first)
        {
            text = tail.trim_start();
        }
        if OPERATORS.contains(&text) {
            text = "";
        }
        if text == before {
            return text;
        }
    }
}

/// Splits off a quoted phrase (to its closing quote, or to the end when unclosed).
fn take_quoted(text: &str) -> (&str, &str) {
    let close = text
        .get(1..)
        .and_then(|t| t.find('"'))
        .map_or(text.len(), |i| i + 2);
    text.split_at(close)
}

#[cfg(test)]
mod tests {
    use super::Forms::{Exact, Stemmed};
    use super::{nesting, rewrite};

    #[test]
    fn nesting_counts_open_parentheses_outside_quotes() {
        assert_eq!(nesting("a b"), 0);
        assert_eq!(nesting("(a (b) (c (d)))"), 3);
        assert_eq!(nesting("((\"(((\" x"), 2);
        assert_eq!(nesting(")))(("), 2);
        assert_eq!(nesting(&"(".repeat(3000)), 3000);
    }

    #[test]
    fn title_and_body_name_their_stemmed_fields_for_the_stemmed_side() {
        assert_eq!(rewrite("title:هجوم", Stemmed), "title_stem:هجوم");
        assert_eq!(
            rewrite("-Title:\"مجلس الأمن\" x", Stemmed),
            "-title_stem:\"مجلس الأمن\" x"
        );
        assert_eq!(rewrite("body:(أ OR ب)", Stemmed), "text_stem:(أ OR ب)");
        assert_eq!(rewrite("Title:هجوم", Exact), "title:هجوم");
        assert_eq!(rewrite("source:BBC داعش", Stemmed), "source:BBC داعش");
        assert_eq!(rewrite("body_stem:x", Exact), "body_stem\\:x");
    }

    #[test]
    fn colons_that_are_not_fields_are_escaped() {
        assert_eq!(rewrite("http://x.org", Stemmed), "http\\://x.org");
        assert_eq!(rewrite("CNN: مقتل", Stemmed), "CNN\\: مقتل");
        assert_eq!(rewrite(": a", Stemmed), "\\: a");
    }

    #[test]
    fn dangling_operators_are_dropped() {
        assert_eq!(rewrite("الأمن AND", Stemmed), "الأمن");
        assert_eq!(rewrite("OR غزة -", Stemmed), "غزة");
        assert_eq!(rewrite("a OR b", Stemmed), "a OR b");
        assert_eq!(rewrite("\"x AND", Stemmed), "\"x AND");
        assert_eq!(rewrite("AND", Stemmed), "");
    }

    #[test]
    fn quotes_and_groups_pass_through() {
        assert_eq!(rewrite("\"a:b\" (c OR d)", Stemmed), "\"a:b\" (c OR d)");
        assert_eq!(rewrite("(غزة", Stemmed), "(غزة");
        assert_eq!(rewrite("title:(a b)", Stemmed), "title_stem:(a b)");
    }
}
