//! Finding a name wherever it occurs in a text, the way an analyst reading Arabic would:
//! whole words compared in normalised form (hamza forms, harakat, tatweel, case), the first
//! word allowed the clitic prefixes و ف ب ك ل ال and their combinations (`لبوتين`,
//! `وبوتين`, `فبالكرملين`, `للكرملين` for ل + الكرملين). The range found covers the name,
//! never the clitics, so a mention is exactly the name.

use std::ops::Range;

use super::arabic::{is_arabic_letter, normalize};
use super::words::word_ranges;

/// A name in the form compared to tell whether two names are the same: each word normalised
/// (hamza forms, harakat, tatweel, case), spaces folded.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(normalize)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `a` and `b` are the same name: the one rule for "the same entity" everywhere
/// (tagging in the workbench, `entity add`, `entity:` in queries).
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// The longest gap allowed between the words of a multi-word name (spaces, a hyphen, the
/// dots of `U.S.`), in bytes; a line break always ends a name.
const MAX_GAP_BYTES: usize = 4;

/// A name prepared for matching: its words, normalised.
#[derive(Debug, Clone)]
struct Name {
    words: Vec<String>,
}

/// Normalised clitic prefixes: [و|ف]? [ب|ك|ل]? [ال]?, with ل + ال written لل.
fn clitic_prefixes() -> Vec<String> {
    let mut forms = Vec::new();
    for conjunction in ["", "و", "ف"] {
        for preposition in ["", "ب", "ك", "ل"] {
            for article in ["", "ال"] {
                let form = if preposition == "ل" && article == "ال" {
                    format!("{conjunction}لل")
                } else {
                    format!("{conjunction}{preposition}{article}")
                };
                if !form.is_empty() {
                    forms.push(form);
                }
            }
        }
    }
    forms
}

/// `word` as it may be written behind clitics (itself first): what a search must look for
/// to find every place a name may occur.
pub fn clitic_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    if word.starts_with(is_arabic_letter) {
        forms.extend(clitic_prefixes().into_iter().map(|p| format!("{p}{word}")));
        if let Some(bare) = word.strip_prefix("ال") {
            forms.extend(["", "و", "ف"].map(|c| format!("{c}لل{bare}")));
        }
    } else if word.starts_with(super::scripts::is_hebrew_letter) {
        // Hebrew one-letter prefixes, one or two of them (`לבנימין`, `ולבנימין`): the
        // stemmer cuts them up to a protected name (`text::scripts::hebrew`).
        let prefixes = super::scripts::HEBREW_PREFIXES;
        forms.extend(prefixes.iter().map(|p| format!("{p}{word}")));
        for first in prefixes {
            forms.extend(prefixes.iter().map(|p| format!("{first}{p}{word}")));
        }
    }
    forms
}

/// Finds names in texts.
#[derive(Debug, Clone)]
pub struct NameFinder {
    /// Longest names first, so `تنظيم الدولة` wins over `تنظيم`.
    names: Vec<Name>,
    prefixes: Vec<String>,
}

impl NameFinder {
    /// A finder for `names` (a canonical name and its aliases, in any spelling).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameFinder {
        let mut names: Vec<Name> = names
            .into_iter()
            .map(|name| Name {
                words: word_ranges(name)
                    .filter_map(|r| name.get(r))
                    .map(normalize)
                    .filter(|w| !w.is_empty())
                    .collect(),
            })
            .filter(|name| !name.words.is_empty())
            .collect();
        names.sort_by_key(|name| std::cmp::Reverse(name.words.len()));
        NameFinder {
            names,
            prefixes: clitic_prefixes(),
        }
    }

    /// How many letters of the normalised `token` come before `first` (0 when the token is
    /// the word itself), or `None` when the token is not the word behind clitics.
    fn prefix_letters(&self, token: &str, first: &str) -> Option<usize> {
        if token == first {
            return Some(0);
        }
        if !first.starts_with(is_arabic_letter) {
            return None;
        }
        let rest_of = |prefix: &str| token.strip_prefix(prefix);
        for prefix in &self.prefixes {
            if rest_of(prefix) == Some(first) {
                return Some(prefix.chars().count());
            }
        }
        // ل + a name that starts with ال: للكرملين, وللكرملين.
        if let Some(bare) = first.strip_prefix("ال") {
            for conjunction in ["", "و", "ف"] {
                let prefix = format!("{conjunction}لل");
                if rest_of(&prefix) == Some(bare) {
                    // The mention starts at the second ل, which stands for the article.
                    return Some(prefix.chars().count() - 1);
                }
            }
        }
        None
    }

    /// Every occurrence in `text`, as byte ranges in order, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let words: Vec<Range<usize>> = word_ranges(text).collect();
        let normalised: Vec<String> = words
            .iter()
            .map(|r| text.get(r.clone()).map(normalize).unwrap_or_default())
            .collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let matched = self.names.iter().find_map(|name| {
                let count = name.words.len();
                if i + count > words.len() {
                    return None;
                }
                let skip = self.prefix_letters(&normalised[i], &name.words[0])?;
                for k in 1..count {
                    let gap = text.get(words[i + k - 1].end..words[i + k].start)?;
                    if gap.len() > MAX_GAP_BYTES
                        || gap.contains('\n')
                        || normalised[i + k] != name.words[k]
                    {
                        return None;
                    }
                }
                let start = skip_letters(text, words[i].clone(), skip);
                Some((start..words[i + count - 1].end, count))
            });
            match matched {
                Some((range, count)) => {
                    found.push(range);
                    i += count;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// The byte where the word at `word` starts once `letters` letters (in normalised form) are
/// skipped, with the marks that follow them.
fn skip_letters(text: &str, word: Range<usize>, letters: usize) -> usize {
    let Some(token) = text.get(word.clone()) else {
        return word.start;
    };
    let mut seen = 0;
    for (at, c) in token.char_indices() {
        if seen >= letters {
            let counts = normalize(&c.to_string()).chars().count();
            if counts > 0 {
                return word.start + at;
            }
            continue;
        }
        seen += normalize(&c.to_string()).chars().count();
    }
    word.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, names: &[&str]) -> Vec<&'a str> {
        NameFinder::new(names.iter().copied())
            .find(text)
            .into_iter()
            .map(|r| text.get(r).expect("a range of characters"))
            .collect()
    }

    #[test]
    fn hebrew_names_are_looked_for_behind_one_or_two_prefixes() {
        let forms = clitic_forms("מרים");
        assert_eq!(forms.len(), 1 + 7 + 49);
        for form in ["מרים", "למרים", "ולמרים", "שהמרים"] {
            assert!(forms.iter().any(|f| f == form), "{form}");
        }
        assert_eq!(clitic_forms("Rogers"), ["Rogers"]);
    }

    #[test]
    fn clitics_are_allowed_and_left_out_of_the_mention() {
        let text = "قال بوتين ثم قيل لبوتين ووبوتين وبوتين فبوتين وَلِبوتين. بوتينات";
        assert_eq!(
            found(text, &["بوتين"]),
            ["بوتين", "بوتين", "بوتين", "بوتين", "بوتين"],
            "ووبوتين is not a clitic form and بوتينات is another word"
        );
        // With harakat on the clitics the mention still starts at the name's first letter.
        assert!(found("وَلِبوتين", &["بوتين"]) == ["بوتين"]);
    }

    #[test]
    fn the_article_merges_with_lam() {
        let text = "في الكرملين وللكرملين بالكرملين فالكرملين";
        assert_eq!(
            found(text, &["الكرملين"]),
            ["الكرملين", "لكرملين", "الكرملين", "الكرملين"]
        );
    }

    #[test]
    fn spelling_variants_and_aliases_match() {
        let text = "أعلن تنظيمُ الدولة الإسلامية، وقالت داعش (isis) وISIS إن";
        assert_eq!(
            found(text, &["داعش", "ISIS", "تنظيم الدولة الاسلامية"]),
            ["تنظيمُ الدولة الإسلامية", "داعش", "isis"],
            "clitics are Arabic: وISIS is another word"
        );
        assert_eq!(found("ISIS and Isis", &["isis"]), ["ISIS", "Isis"]);
    }

    #[test]
    fn multi_word_names_do_not_cross_lines_or_sentences() {
        assert!(found("تنظيم\nالدولة", &["تنظيم الدولة"]).is_empty());
        assert!(found("تنظيم. ثم الدولة", &["تنظيم الدولة"]).is_empty());
        assert_eq!(found("U.S. forces", &["U.S."]), ["U.S"]);
    }
}
