//! Finding an anchor again in a changed text, as W3C `TextQuote` selectors are meant to be
//! used (and as Hypothesis does): the quote where it was; else the exact quote nearest its
//! old place, preferring occurrences whose context still matches; else a close match of the
//! quote between its surviving prefix and suffix (a word edited inside it). What cannot be
//! found is `None`: the caller keeps it, marked orphaned.

use std::ops::Range;

/// How alike a changed quote must be to its old self (1 − edit distance / length).
const MIN_SIMILARITY: f64 = 0.75;
/// Characters of context compared when looking for the quote's surroundings.
const CONTEXT: usize = 16;

/// Where `quote` (with `prefix` before it and `suffix` after it, once at `old` bytes) is in
/// `text` now, in bytes; `None` when it is gone.
pub fn reanchor(
    text: &str,
    old: Range<usize>,
    quote: &str,
    prefix: &str,
    suffix: &str,
) -> Option<Range<usize>> {
    if quote.is_empty() {
        return None;
    }
    if text.get(old.clone()) == Some(quote) {
        return Some(old);
    }
    let exact: Vec<usize> = text.match_indices(quote).map(|(at, _)| at).collect();
    if !exact.is_empty() {
        let best = exact.into_iter().max_by_key(|&at| {
            let context = context_score(text, at, at + quote.len(), prefix, suffix);
            // Context first, then nearness to the old place.
            (context, std::cmp::Reverse(at.abs_diff(old.start)))
        })?;
        return Some(best..best + quote.len());
    }
    fuzzy(text, quote, prefix, suffix)
}

/// How many characters of context around `start..end` agree with `prefix` and `suffix`.
fn context_score(text: &str, start: usize, end: usize, prefix: &str, suffix: &str) -> usize {
    let before = text.get(..start).unwrap_or_default();
    let after = text.get(end..).unwrap_or_default();
    let left = before
        .chars()
        .rev()
        .zip(prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let right = after
        .chars()
        .zip(suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    left + right
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let skip = s.chars().count().saturating_sub(n);
    s.char_indices()
        .nth(skip)
        .map_or("", |(i, _)| s.get(i..).unwrap_or_default())
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    s.char_indices()
        .nth(n)
        .map_or(s, |(i, _)| s.get(..i).unwrap_or_default())
}

/// A changed quote between its surviving context: the candidate spans that start after the
/// prefix and/or end before the suffix, the most similar if similar enough.
fn fuzzy(text: &str, quote: &str, prefix: &str, suffix: &str) -> Option<Range<usize>> {
    let quote_chars: Vec<char> = quote.chars().collect();
    let before = tail(prefix, CONTEXT);
    let after = head(suffix, CONTEXT);
    let starts: Vec<usize> = if before.chars().count() >= 4 {
        text.match_indices(before)
            .map(|(at, s)| at + s.len())
            .collect()
    } else {
        Vec::new()
    };
    let ends: Vec<usize> = if after.chars().count() >= 4 {
        text.match_indices(after).map(|(at, _)| at).collect()
    } else {
        Vec::new()
    };
    let mut candidates: Vec<Range<usize>> = Vec::new();
    for &start in &starts {
        // The nearest end after it, or a span as long as the quote.
        match ends.iter().find(|&&end| end > start) {
            Some(&end) => candidates.push(start..end),
            None => candidates.push(start..char_end(text, start, quote_chars.len())),
        }
    }
    for &end in &ends {
        if !starts.iter().any(|&s| s < end) {
            candidates.push(char_start(text, end, quote_chars.len())..end);
        }
    }
    candidates
        .into_iter()
        .filter(|r| r.start < r.end)
        .filter_map(|r| {
            let span: Vec<char> = text.get(r.clone())?.chars().collect();
            // Far longer or shorter spans are not the quote.
            if span.len() > quote_chars.len() * 2 + 8 || span.len() * 2 + 8 < quote_chars.len() {
                return None;
            }
            let score = similarity(&quote_chars, &span);
            (score >= MIN_SIMILARITY).then_some((score, r))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| trim(text, r))
}

/// The byte `n` characters after `start` (or the end).
fn char_end(text: &str, start: usize, n: usize) -> usize {
    text.get(start..)
        .and_then(|rest| rest.char_indices().nth(n).map(|(i, _)| start + i))
        .unwrap_or(text.len())
}

/// The byte `n` characters before `end` (or 0).
fn char_start(text: &str, end: usize, n: usize) -> usize {
    let before = text.get(..end).unwrap_or_default();
    before
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// Without spaces at either end.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let span = text.get(range.clone()).unwrap_or_default();
    let start = range.start + (span.len() - span.trim_start().len());
    let end = range.end - (span.len() - span.trim_end().len());
    start..end.max(start)
}

/// 1 − Levenshtein distance / the longer length, on characters.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    1.0 - previous[b.len()] as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The anchor of `quote` in `text` (its first occurrence), as stored.
    fn anchor(text: &str, quote: &str) -> (Range<usize>, String, String) {
        let at = text.find(quote).expect("the quote");
        let end = at + quote.len();
        let prefix = tail(text.get(..at).expect("prefix"), 32).to_owned();
        let suffix = head(text.get(end..).expect("suffix"), 32).to_owned();
        (at..end, prefix, suffix)
    }

    fn found<'a>(
        text: &'a str,
        old: &(Range<usize>, String, String),
        quote: &str,
    ) -> Option<&'a str> {
        reanchor(text, old.0.clone(), quote, &old.1, &old.2).and_then(|r| text.get(r))
    }

    const TEXT: &str = "عنوان التقرير\nقال بوتين إن الهجوم نفذه متطرفون. وأعلن التنظيم مسؤوليته عن الهجوم على القاعة.\nثم قتل 144 شخصا في الهجوم.";

    #[test]
    fn an_unchanged_text_keeps_the_place() {
        let old = anchor(TEXT, "بوتين");
        assert_eq!(
            reanchor(TEXT, old.0.clone(), "بوتين", &old.1, &old.2),
            Some(old.0)
        );
    }

    #[test]
    fn text_inserted_before_moves_the_anchor_with_it() {
        let old = anchor(TEXT, "بوتين");
        let changed = TEXT.replace(
            "عنوان التقرير\n",
            "عنوان التقرير\nفقرة جديدة أضيفت هنا قبل كل شيء.\n",
        );
        let range = reanchor(&changed, old.0.clone(), "بوتين", &old.1, &old.2).expect("found");
        assert_eq!(changed.get(range.clone()), Some("بوتين"));
        assert!(range.start > old.0.start);
    }

    #[test]
    fn of_several_occurrences_the_one_in_its_context_wins() {
        // الهجوم occurs three times; the anchor is the second (before على القاعة).
        let at = TEXT.match_indices("الهجوم").nth(1).expect("second").0;
        let quote = "الهجوم";
        let prefix = tail(TEXT.get(..at).expect("p"), 32).to_owned();
        let suffix = head(TEXT.get(at + quote.len()..).expect("s"), 32).to_owned();
        let changed = format!("مقدمة عن الهجوم.\n{TEXT}");
        let range =
            reanchor(&changed, at..at + quote.len(), quote, &prefix, &suffix).expect("found");
        assert!(
            changed
                .get(range.end..)
                .expect("after")
                .starts_with(" على القاعة")
        );
    }

    #[test]
    fn a_word_edited_inside_the_quote_is_still_found() {
        let quote = "وأعلن التنظيم مسؤوليته عن الهجوم";
        let old = anchor(TEXT, quote);
        let changed = TEXT.replace("مسؤوليته", "مسئوليته الكاملة");
        assert_eq!(
            found(&changed, &old, quote),
            Some("وأعلن التنظيم مسئوليته الكاملة عن الهجوم")
        );
    }

    #[test]
    fn a_deleted_passage_is_gone() {
        let quote = "وأعلن التنظيم مسؤوليته عن الهجوم على القاعة.";
        let old = anchor(TEXT, quote);
        let changed = TEXT.replace(quote, "");
        assert_eq!(found(&changed, &old, quote), None);
        // And a text about something else entirely has nothing like it.
        assert_eq!(found("نص آخر تماما لا علاقة له.", &old, quote), None);
    }
}
