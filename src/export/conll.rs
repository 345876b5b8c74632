//! CoNLL-style IOB2 for training NER models: per document, a sentence per block, a token
//! and its tag per line (`B-PER`, `I-PER`, `O`). Tokens are the search's words and each
//! punctuation mark; a token is split where a mention starts or ends inside it, so `لبوتين`
//! gives `ل O` and `بوتين B-PER`. Sentences end at `. ! ? ؟ ۔` and at line breaks.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use super::Bundle;
use crate::text::words::is_word_char;

/// Tokens of `text` (byte ranges), split at `cuts`.
fn tokens(text: &str, cuts: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    let push_word = |start: usize, end: usize, out: &mut Vec<Range<usize>>| {
        let mut from = start;
        for &cut in cuts.iter().filter(|&&c| c > start && c < end) {
            out.push(from..cut);
            from = cut;
        }
        out.push(from..end);
    };
    for (at, c) in text.char_indices() {
        if is_word_char(c) {
            word.get_or_insert(at);
            continue;
        }
        if let Some(start) = word.take() {
            push_word(start, at, &mut out);
        }
        if !c.is_whitespace() {
            out.push(at..at + c.len_utf8());
        }
    }
    if let Some(start) = word {
        push_word(start, text.len(), &mut out);
    }
    out
}

fn ends_sentence(token: &str) -> bool {
    matches!(token, "." | "!" | "?" | "؟" | "۔")
}

/// The IOB2 file for the bundle's documents, given their texts.
pub fn render(bundle: &Bundle, texts: &BTreeMap<String, String>) -> String {
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
    for (doc, text) in texts {
        let mut mentions = spans.remove(doc.as_str()).unwrap_or_default();
        mentions.sort_by_key(|(r, _)| r.start);
        let cuts: Vec<usize> = mentions
            .iter()
            .flat_map(|(r, _)| [r.start, r.end])
            .collect();
        let _ = writeln!(out, "# doc = {}", doc.replace(['\n', '\r'], " "));
        let mut sentence = 1;
        let mut open = false;
        let mut previous: Option<(usize, usize)> = None;
        for token in tokens(text, &cuts) {
            let Some(word) = text.get(token.clone()) else {
                continue;
            };
            // A line break between tokens ends the sentence too.
            if open
                && previous.is_some_and(|(_, end)| {
                    text.get(end..token.start)
                        .is_some_and(|gap| gap.contains('\n'))
                })
            {
                out.push('\n');
                sentence += 1;
                open = false;
            }
            if !open {
                let _ = writeln!(out, "# sent_id = {doc}-{sentence}");
                open = true;
            }
            let found = mentions
                .iter()
                .enumerate()
                .find(|(_, (r, _))| r.start <= token.start && token.end <= r.end);
            let tag = if let Some((i, (range, kind))) = found {
                let inside = previous.is_some_and(|(m, end)| m == i && end > range.start);
                previous = Some((i, token.end));
                format!("{}-{kind}", if inside { "I" } else { "B" })
            } else {
                previous = Some((usize::MAX, token.end));
                "O".to_owned()
            };
            let _ = writeln!(out, "{word}\t{tag}");
            if ends_sentence(word) {
                out.push('\n');
                sentence += 1;
                open = false;
            }
        }
        if open {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
