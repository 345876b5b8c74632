//! CoNLL-style IOB2 for training NER models, as CoNLL-2003 and the readers of that data
//! take it (NLTK's `ConllCorpusReader`, seqeval's IOB2 scheme): per document a
//! `-DOCSTART-` line, then a sentence per block, a token and its tag per line (`B-PER`,
//! `I-PER`, `O`), tab-separated.
//!
//! - Tokens are the search's words and each punctuation mark; a token is split where a
//!   mention starts or ends inside it, so `لبوتين` gives `ل O` and `بوتين B-PER`. A dot
//!   between two digits (`3.5`) or after a single letter followed by a letter (`U.S`)
//!   stays in the word, and an abbreviation keeps its final dot (`U.S.`, `Dr.`, `د.`):
//!   such a dot never ends a sentence.
//! - Sentences end after `. ! ? ؟ ۔ …` (and the closing quotes and brackets after them)
//!   and at line breaks, but never inside a mention: a mention crossing a line is one
//!   `B-`/`I-` run.
//! - IOB2 gives a token one tag: of nested or overlapping mentions the longest is kept;
//!   the others are counted (the command says how many; the other formats keep them).
//! - `-DOCSTART-` lines have as many columns as the rest (`-DOCSTART-\tO`, each a block
//!   of its own as in CoNLL-2003), so readers that split on tabs and readers that split on
//!   whitespace both see two columns.
//! - `#` comment lines (`# newdoc id = …`, `# sent_id = …`, as CoNLL-U writes them) are
//!   off by default: NLTK's reader takes them for rows and fails on the column count.
//!   A `#` in the text is a token like any other (`#\tO`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use super::Bundle;
use crate::text::words::is_word_char;

/// What `render_with` writes besides tokens and tags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// `# newdoc id = …` and `# sent_id = …` lines.
    pub comments: bool,
}

/// Abbreviations written with a final dot that ends no sentence (compared ignoring case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "pres", "rev", "hon", "mt", "ft", "inc", "ltd", "co", "corp", "vs",
    "no", "nos", "vol", "pp", "fig", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
    "nov", "dec", "approx", "dept", "est", "govt", "intl", "univ", "هـ",
];

/// Characters that separate tokens and are none: spaces, controls, and invisible format
/// characters (marks of direction, the zero-width space, the byte-order mark; not the
/// joiners, which Persian and Urdu write inside words).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Whether `word` (without its final dot) is written with a dot that ends no sentence:
/// one letter (`U`, `د`), letters joined by dots (`U.S`, `أ.د`), or a known abbreviation.
fn is_abbreviation(word: &str) -> bool {
    if word.contains('.') {
        return word.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        });
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_alphabetic(),
        _ => ABBREVIATIONS.contains(&word.to_lowercase().as_str()),
    }
}

/// Tokens of `text` (byte ranges), split at `cuts`.
fn tokens(text: &str, cuts: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let push_word = |start: usize, end: usize, out: &mut Vec<Range<usize>>| {
        let mut from = start;
        for &cut in cuts.iter().filter(|&&c| c > start && c < end) {
            // Cuts are sorted; two mentions may share an edge.
            if cut > from {
                out.push(from..cut);
                from = cut;
            }
        }
        out.push(from..end);
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut word: Option<usize> = None;
    let mut i = 0;
    while let Some(&(at, c)) = chars.get(i) {
        i += 1;
        if is_word_char(c) && !is_separator(c) {
            word.get_or_insert(at);
            continue;
        }
        if c == '.'
            && let Some(start) = word
        {
            let before = chars.get(i.wrapping_sub(2)).map(|&(_, c)| c);
            let after = chars.get(i).map(|&(_, c)| c);
            let part = text
                .get(start..at)
                .and_then(|w| w.rsplit('.').next())
                .unwrap_or_default();
            let digits = before.is_some_and(char::is_numeric)
                && after.is_some_and(char::is_numeric)
                && part.chars().all(char::is_numeric);
            let letters = part.chars().count() == 1
                && before.is_some_and(char::is_alphabetic)
                && after.is_some_and(char::is_alphabetic);
            if digits || letters {
                continue;
            }
            if text.get(start..at).is_some_and(is_abbreviation) {
                // The dot is the abbreviation's.
                push_word(start, at + 1, &mut out);
                word = None;
                continue;
            }
        }
        if let Some(start) = word.take() {
            push_word(start, at, &mut out);
        }
        if !is_separator(c) {
            out.push(at..at + c.len_utf8());
        }
    }
    if let Some(start) = word {
        push_word(start, text.len(), &mut out);
    }
    out
}

fn ends_sentence(token: &str) -> bool {
    matches!(token, "." | "!" | "?" | "؟" | "۔" | "…" | "‼")
}

fn closes(token: &str) -> bool {
    matches!(
        token,
        "\"" | "'" | ")" | "]" | "}" | "»" | "”" | "’" | "›" | "﴿"
    )
}

/// The mentions of one document IOB2 can tag: no two overlapping, the longest kept of
/// those that do; and how many were left out.
fn outermost(mut mentions: Vec<(Range<usize>, &str)>) -> (Vec<(Range<usize>, &str)>, usize) {
    mentions.retain(|(r, _)| r.start < r.end);
    mentions.sort_by_key(|(r, _)| (std::cmp::Reverse(r.end - r.start), r.start));
    let mut kept: Vec<(Range<usize>, &str)> = Vec::new();
    let mut left_out = 0;
    for (range, kind) in mentions {
        if kept
            .iter()
            .any(|(k, _)| k.start < range.end && range.start < k.end)
        {
            left_out += 1;
        } else {
            kept.push((range, kind));
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    (kept, left_out)
}

/// Whether a sentence ends after token `i`: after terminal punctuation (and the closing
/// marks after it) that is not an abbreviation's dot, or at a line break; never inside a
/// mention.
fn sentence_ends(
    text: &str,
    tokens: &[Range<usize>],
    i: usize,
    mentions: &[(Range<usize>, &str)],
) -> bool {
    let (Some(token), Some(following)) = (tokens.get(i), tokens.get(i + 1)) else {
        return false;
    };
    let word = text.get(token.clone()).unwrap_or_default();
    let gap = text.get(token.end..following.start).unwrap_or_default();
    let next_word = text.get(following.clone()).unwrap_or_default();
    // A dot cut from its abbreviation by a mention's edge (`U.S` tagged) is still the
    // abbreviation's.
    let abbreviation_dot = word == "."
        && i > 0
        && tokens[i - 1].end == token.start
        && text.get(tokens[i - 1].clone()).is_some_and(is_abbreviation);
    let at_end =
        ends_sentence(word) && !abbreviation_dot && !ends_sentence(next_word) && !closes(next_word);
    let after_end = closes(word)
        && !closes(next_word)
        && !ends_sentence(next_word)
        && tokens[..i]
            .iter()
            .rev()
            .filter_map(|t| text.get(t.clone()))
            .find(|w| !closes(w))
            .is_some_and(ends_sentence);
    let line_break = gap.contains(['\n', '\r', '\u{2028}', '\u{2029}']);
    let inside_mention = mentions
        .iter()
        .any(|(r, _)| r.start < token.end && following.start < r.end);
    (at_end || after_end || line_break) && !inside_mention
}

/// One line of a comment's value.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if is_separator(c) && c != ' ' { ' ' } else { c })
        .collect()
}

/// The IOB2 file for the bundle's documents, given their texts, without comments.
pub fn render(bundle: &Bundle, texts: &BTreeMap<String, String>) -> String {
    render_with(bundle, texts, Options::default()).0
}

/// The IOB2 file, and how many nested or overlapping mentions it left out.
pub fn render_with(
    bundle: &Bundle,
    texts: &BTreeMap<String, String>,
    options: Options,
) -> (String, usize) {
    // Mentions per document: byte range and type.
    let mut spans: BTreeMap<&str, Vec<(Range<usize>, &str)>> = BTreeMap::new();
    for entity in &bundle.entities {
        for mention in entity.mentions.iter().filter(|m| !m.orphaned) {
            spans
                .entry(mention.doc.as_str())
                .or_default()
                .push((mention.byte_start..mention.byte_end, entity.kind.as_str()));
        }
    }
    let mut out = String::new();
    let mut left_out = 0;
    for (doc, text) in texts {
        let mut mentions = spans.remove(doc.as_str()).unwrap_or_default();
        mentions.retain(|(r, _)| {
            r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        });
        let (mentions, dropped) = outermost(mentions);
        left_out += dropped;
        let mut cuts: Vec<usize> = mentions
            .iter()
            .flat_map(|(r, _)| [r.start, r.end])
            .collect();
        cuts.sort_unstable();
        out.push_str("-DOCSTART-\tO\n\n");
        let tokens = tokens(text, &cuts);
        // Which mention each token is in.
        let mut next = 0;
        let within: Vec<Option<usize>> = tokens
            .iter()
            .map(|token| {
                while mentions
                    .get(next)
                    .is_some_and(|(r, _)| r.end <= token.start)
                {
                    next += 1;
                }
                mentions
                    .get(next)
                    .is_some_and(|(r, _)| r.start <= token.start && token.end <= r.end)
                    .then_some(next)
            })
            .collect();
        let mut sentence = 0;
        let mut open = false;
        for (i, token) in tokens.iter().enumerate() {
            let Some(word) = text.get(token.clone()) else {
                continue;
            };
            if !open {
                sentence += 1;
                if options.comments {
                    let doc = one_line(doc);
                    if sentence == 1 {
                        let _ = writeln!(out, "# newdoc id = {doc}");
                    }
                    let _ = writeln!(out, "# sent_id = {doc}-{sentence}");
                }
                open = true;
            }
            let tag = match within[i] {
                Some(m) => {
                    let first = i == 0 || within[i - 1] != Some(m);
                    let kind = one_line(mentions[m].1).trim().replace(' ', "_");
                    let kind = if kind.is_empty() { "ENTITY" } else { &kind };
                    format!("{}-{kind}", if first { "B" } else { "I" })
                }
                None => "O".to_owned(),
            };
            let _ = writeln!(out, "{word}\t{tag}");
            if sentence_ends(text, &tokens, i, &mentions) {
                out.push('\n');
                open = false;
            }
        }
        if open {
            out.push('\n');
        }
    }
    (out, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, &[])
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect()
    }

    #[test]
    fn tokens_split_at_mention_edges_and_punctuation() {
        let text = "قال لبوتين: نعم.";
        let start = text.find("بوتين").expect("name");
        let words: Vec<&str> = tokens(text, &[start, start + "بوتين".len()])
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect();
        assert_eq!(words, ["قال", "ل", "بوتين", ":", "نعم", "."]);
    }

    #[test]
    fn abbreviations_and_decimals_keep_their_dots() {
        assert_eq!(
            words("The U.S. and Dr. Smith saw 3.5 of e.g. this."),
            [
                "The", "U.S.", "and", "Dr.", "Smith", "saw", "3.5", "of", "e.g.", "this", "."
            ]
        );
        assert_eq!(
            words("قال د. محمد ١٢.٥ أ.د. علي."),
            ["قال", "د.", "محمد", "١٢.٥", "أ.د.", "علي", "."]
        );
        // A sentence's last word stays apart from its dot.
        assert_eq!(words("It ended. Then"), ["It", "ended", ".", "Then"]);
        assert_eq!(words("#1 ##"), ["#", "1", "#", "#"]);
        assert_eq!(words("a\u{200f}\u{feff} b"), ["a", "b"]);
        assert_eq!(words("..."), [".", ".", "."]);
        assert_eq!(words(". .5 5. a."), [".", ".", "5", "5", ".", "a."]);
        assert_eq!(words("rose 3.5."), ["rose", "3.5", "."]);
    }

    #[test]
    fn the_longest_of_nested_mentions_is_kept() {
        let (kept, left_out) = outermost(vec![
            (4..9, "PER"),
            (0..20, "ORG"),
            (30..35, "LOC"),
            (33..40, "LOC"),
            (50..50, "X"),
        ]);
        assert_eq!(kept, [(0..20, "ORG"), (33..40, "LOC")]);
        assert_eq!(left_out, 2);
    }

    /// Every `I-X` follows a `B-X` or `I-X` in its sentence; no token is empty or holds a
    /// space or a tab.
    fn valid_iob2(out: &str) -> Result<(), String> {
        let mut previous = "O".to_owned();
        for line in out.split('\n') {
            if line.is_empty() {
                previous = "O".to_owned();
                continue;
            }
            let Some((token, tag)) = line.split_once('\t') else {
                return Err(format!("no tab: {line:?}"));
            };
            if token.is_empty() || token.contains(char::is_whitespace) || tag.contains('\t') {
                return Err(format!("bad token: {line:?}"));
            }
            if let Some(kind) = tag.strip_prefix("I-")
                && previous != format!("B-{kind}")
                && previous != tag
            {
                return Err(format!("{tag} after {previous}"));
            }
            tag.clone_into(&mut previous);
        }
        Ok(())
    }

    fn bundle(doc: &str, mentions: &[(Range<usize>, &str)]) -> Bundle {
        let place = |range: &Range<usize>| super::super::Place {
            doc: doc.to_owned(),
            doc_hash: String::new(),
            start: None,
            end: None,
            byte_start: range.start,
            byte_end: range.end,
            quote: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            orphaned: false,
            id: None,
            provenance: None,
        };
        Bundle {
            format: String::new(),
            version: 1,
            documents: Vec::new(),
            entities: mentions
                .iter()
                .map(|(range, kind)| super::super::EntityOut {
                    id: None,
                    provenance: None,
                    name: String::new(),
                    kind: (*kind).to_owned(),
                    aliases: Vec::new(),
                    note: String::new(),
                    mentions: vec![place(range)],
                })
                .collect(),
            claims: Vec::new(),
            doc_notes: Vec::new(),
            noted_documents: Vec::new(),
        }
    }

    /// Hostile texts, every mention a text can hold and every pair of them (nested,
    /// crossing, across lines and abbreviations), and ranges that are no char boundary
    /// or past the end: valid IOB2 and no panic, whatever the text.
    #[test]
    fn any_text_and_mentions_give_valid_iob2() {
        for text in [
            "U.S.\nDr. د.\r\n3.5 «#»?!",
            "a\u{200f}\u{feff}b\u{2028}c\u{7}.\u{85}\tـ",
            "\u{301}.\u{200d}x. .",
        ] {
            let texts = BTreeMap::from([("d d".to_owned(), text.to_owned())]);
            let mut bounds: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            bounds.push(text.len());
            let mut ranges: Vec<Range<usize>> = Vec::new();
            for (i, &start) in bounds.iter().enumerate() {
                for &end in &bounds[i + 1..] {
                    ranges.push(start..end);
                }
            }
            ranges.push(1..2);
            ranges.push(0..text.len() + 5);
            for a in &ranges {
                for b in &ranges {
                    let mentions = [(a.clone(), "PER"), (b.clone(), "LOC")];
                    let (out, _) = render_with(
                        &bundle("d d", &mentions),
                        &texts,
                        Options { comments: true },
                    );
                    let plain: String = out
                        .split_inclusive('\n')
                        .filter(|l| !l.starts_with("# ") && !l.starts_with("-DOCSTART-"))
                        .collect();
                    if let Err(error) = valid_iob2(&plain) {
                        panic!("{text:?} {a:?} {b:?}: {error}\n{out}");
                    }
                }
            }
        }
    }
}
