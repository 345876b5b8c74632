//! Preparing what a user typed for tantivy's query parser.
//!
//! Three rewrites, all outside quotes: for the stemmed side of a search, `title:` and `body:`
//! name their stemmed fields (`title:X` becomes `title_stem:X`, `body:X` becomes
//! `text_stem:X`, the stemmed title and body); `date:` with days as analysts write them
//! becomes a range of instants on the `date` field (below); and a colon after a word that is
//! not a field (`http://…`, `ISIS:`) is escaped so the word is searched instead of matching
//! nothing.
//!
//! `date:` takes a day (`2024-03-22`), a month (`2024-03`) or a year (`2024`), each meaning
//! all its days; a comparison (`date:>=2024-03-01`, `>`, `<`, `<=`: `>2024-03` is after
//! March); or a range (`date:[2024-03-01 TO 2024-03-31]`, `{`/`}` leave an end out, `*` is
//! open). Each becomes `date:[FROM TO UNTIL}` in RFC 3339 midnights, half open. A document
//! without a date matches no `date:` term. A value that is not a date is an error that says
//! what is accepted: a search never silently ignores what the user narrowed by.

use time::Date;

use super::schema::QUERYABLE;
use crate::text::dates::{Period, parse_period};

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

/// Rewrites `query`; see the module doc. The error is a `date:` value that is not a date.
pub fn rewrite(query: &str, forms: Forms) -> Result<String, String> {
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
                rest = if word.eq_ignore_ascii_case("date") {
                    date(&mut out, rest).map_err(|e| format!("in date: {e}"))?
                } else {
                    field(&mut out, word, rest, forms)
                };
            } else {
                out.push_str(word);
            }
            at_start = false;
        }
    }
    Ok(out)
}

/// Emits the `date:` term at the start of `rest` as a half-open range of instants,
/// returning what follows it.
fn date<'a>(out: &mut String, rest: &'a str) -> Result<&'a str, String> {
    let take_word = |text: &'a str| {
        let end = text
            .find(|c: char| c.is_whitespace() || c == ')')
            .unwrap_or(text.len());
        text.split_at(end)
    };
    if let Some(after) = rest.strip_prefix('*')
        && after
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == ')')
    {
        // Any date at all: `-date:*` is the undated.
        out.push_str("date:*");
        return Ok(after);
    }
    let (from, until, after) = if let Some(open) = rest.strip_prefix(['[', '{']) {
        let close = open.find([']', '}']).ok_or_else(|| {
            "a date range ends with ] or }, as in date:[2024-03-01 TO 2024-03-31]".to_owned()
        })?;
        let (inside, after) = open.split_at(close);
        let upper_inclusive = after.starts_with(']');
        let after = after.get(1..).unwrap_or_default();
        let (low, high) = inside.split_once(" TO ").ok_or_else(|| {
            format!("a date range is [FROM TO UNTIL], as in date:[2024-03-01 TO 2024-03-31], not [{inside}]")
        })?;
        let lower_inclusive = rest.starts_with('[');
        let from = match low.trim() {
            "*" => None,
            low => {
                let period = parse_period(low)?;
                Some(if lower_inclusive {
                    period.first
                } else {
                    day_after(period)?
                })
            }
        };
        let until = match high.trim() {
            "*" => None,
            high => {
                let period = parse_period(high)?;
                Some(if upper_inclusive {
                    day_after(period)?
                } else {
                    period.first
                })
            }
        };
        (from, until, after)
    } else if let Some(value) = rest.strip_prefix(">=") {
        let (value, after) = take_word(value);
        (Some(parse_period(value)?.first), None, after)
    } else if let Some(value) = rest.strip_prefix("<=") {
        let (value, after) = take_word(value);
        (None, Some(day_after(parse_period(value)?)?), after)
    } else if let Some(value) = rest.strip_prefix('>') {
        let (value, after) = take_word(value);
        (Some(day_after(parse_period(value)?)?), None, after)
    } else if let Some(value) = rest.strip_prefix('<') {
        let (value, after) = take_word(value);
        (None, Some(parse_period(value)?.first), after)
    } else {
        let (value, after) = take_word(rest);
        let period = parse_period(value)?;
        (Some(period.first), Some(day_after(period)?), after)
    };
    if let (Some(from), Some(until)) = (from, until)
        && from >= until
    {
        return Err(
            "the range ends before it starts: write the earlier day first, as in \
             date:[2024-03-01 TO 2024-03-31]"
                .to_owned(),
        );
    }
    let bound = |day: Option<Date>| {
        day.map_or_else(
            || "*".to_owned(),
            |day| format!("{}T00\\:00\\:00Z", crate::text::dates::day_string(day)),
        )
    };
    out.push_str("date:[");
    out.push_str(&bound(from));
    out.push_str(" TO ");
    out.push_str(&bound(until));
    out.push('}');
    Ok(after)
}

/// The day after a period's last.
fn day_after(period: Period) -> Result<Date, String> {
    period
        .last
        .next_day()
        .ok_or_else(|| "dates end at 9999-12-31".to_owned())
}

/// Emits `word:` (a field, renamed for `forms`, or an escaped word), returning the rest.
fn field<'a>(out: &mut String, word: &str, rest: &'a str, forms: Forms) -> &'a str {
    let name = word.to_ascii_lowercase();
    if name == super::build::NAME_FIELD {
        // The name-variant operator, read by `build`.
        out.push_str(&name);
        out.push(':');
        return rest;
    }
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

/// The last word of `query` when, as the query is being typed, it is read as a prefix too
/// (`تنظ` also finds `تنظيم`): the query does not end with a space, a closing quote or
/// parenthesis, and its last word is a bare word of at least two letters that is not
/// excluded (`-word`, `NOT word`), not in quotes, not after a field name and carries no
/// operator of its own (`*`, `~`).
pub fn typing_prefix(query: &str) -> Option<&str> {
    if query.ends_with(|c: char| c.is_whitespace() || matches!(c, '"' | ')'))
        || query.matches('"').count() % 2 == 1
    {
        return None;
    }
    let start = query
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(0, |(at, c)| at + c.len_utf8());
    let word = query.get(start..)?.trim_start_matches('+');
    let before = query.get(..start)?.trim_end_matches('(').trim_end();
    if word.starts_with('-')
        || word.contains(['*', '~', ':', '^', '\\', '"', '\''])
        || OPERATORS.contains(&word)
        || before.ends_with(" NOT")
        || before == "NOT"
        || before.ends_with(':')
    {
        return None;
    }
    let letters = crate::text::arabic::normalize(word)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .count();
    (letters >= super::operators::MIN_PREFIX_LETTERS).then_some(word)
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

/// Splits off a quoted phrase (to its closing quote, or to the end when unclosed); a
/// quote after a backslash is part of the phrase, as tantivy reads it.
fn take_quoted(text: &str) -> (&str, &str) {
    let mut escaped = false;
    for (at, c) in text.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return text.split_at(at + 1),
            _ => escaped = false,
        }
    }
    (text, "")
}

#[cfg(test)]
mod tests {
    use super::Forms::{Exact, Stemmed};
    use super::nesting;

    fn rewrite(query: &str, forms: super::Forms) -> String {
        super::rewrite(query, forms).expect("rewrites")
    }

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
    fn dates_become_half_open_ranges_of_midnights() {
        let at = |day: &str| format!("{day}T00\\:00\\:00Z");
        let range = |from: &str, until: &str| format!("date:[{from} TO {until}}}");
        assert_eq!(
            rewrite("date:2024-03-22 x", Stemmed),
            format!("{} x", range(&at("2024-03-22"), &at("2024-03-23")))
        );
        assert_eq!(
            rewrite("Date:2024-02", Exact),
            range(&at("2024-02-01"), &at("2024-03-01"))
        );
        assert_eq!(
            rewrite("date:1958", Stemmed),
            range(&at("1958-01-01"), &at("1959-01-01"))
        );
        assert_eq!(
            rewrite("date:>=2024-03-01", Stemmed),
            range(&at("2024-03-01"), "*")
        );
        assert_eq!(
            rewrite("date:>2024-03", Stemmed),
            range(&at("2024-04-01"), "*")
        );
        assert_eq!(
            rewrite("date:<2024-03-01", Stemmed),
            range("*", &at("2024-03-01"))
        );
        assert_eq!(
            rewrite("date:<=2024-03-31", Stemmed),
            range("*", &at("2024-04-01"))
        );
        assert_eq!(
            rewrite("-date:[2024-03-01 TO 2024-03-31] غزة", Stemmed),
            format!("-{} غزة", range(&at("2024-03-01"), &at("2024-04-01")))
        );
        assert_eq!(
            rewrite("(date:{2024-03-01 TO 2024-03-31})", Stemmed),
            format!("({})", range(&at("2024-03-02"), &at("2024-03-31")))
        );
        assert_eq!(
            rewrite("date:[* TO 1969]", Stemmed),
            range("*", &at("1970-01-01"))
        );
        assert_eq!(rewrite("\"date:x\"", Stemmed), "\"date:x\"");
        assert_eq!(rewrite("-date:* x", Stemmed), "-date:* x");
        assert_eq!(
            rewrite("outlet:\"a \\\" b\" c:d", Stemmed),
            "outlet:\"a \\\" b\" c\\:d"
        );
        for wrong in [
            "date:yesterday",
            "date:2024-13",
            "date:[2024-03-10 TO 2024-03-01]",
            "date:[2024 2025]",
            "date:[2024 TO",
        ] {
            let error = super::rewrite(wrong, Stemmed).expect_err(wrong);
            assert!(error.contains("date"), "{wrong}: {error}");
        }
    }

    #[test]
    fn the_word_being_typed_is_the_last_bare_word() {
        use super::typing_prefix;
        assert_eq!(typing_prefix("تنظ"), Some("تنظ"));
        assert_eq!(typing_prefix("مجلس الأ"), Some("الأ"));
        assert_eq!(typing_prefix("غزة (تنظ"), Some("تنظ"));
        assert_eq!(typing_prefix("غزة +تنظ"), Some("تنظ"));
        for whole in [
            "تنظيم ",
            "\"مجلس الأ",
            "\"مجلس الأمن\"",
            "(غزة)",
            "غزة -تنظ",
            "غزة NOT تنظ",
            "title:تنظ",
            "تنظ*",
            "تنظ~1",
            "غزة OR",
            "ت",
            "غزة و",
            "",
        ] {
            assert_eq!(typing_prefix(whole), None, "{whole}");
        }
    }

    #[test]
    fn name_passes_through_as_the_variant_operator() {
        assert_eq!(rewrite("name:ترمب Name:x", Stemmed), "name:ترمب name:x");
    }

    #[test]
    fn quotes_and_groups_pass_through() {
        assert_eq!(rewrite("\"a:b\" (c OR d)", Stemmed), "\"a:b\" (c OR d)");
        assert_eq!(rewrite("(غزة", Stemmed), "(غزة");
        assert_eq!(rewrite("title:(a b)", Stemmed), "title_stem:(a b)");
    }
}
