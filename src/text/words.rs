//! Word boundaries for search: a word is a run of letters, digits and combining marks, and the
//! invisible characters the normaliser deletes (RLM, ZWNJ, tatweel…) never split one.

use unicode_normalization::char::is_combining_mark;

use super::arabic;

/// True for characters that belong inside a word.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The Arabic block by ranges: std's alphabetic test takes its slow table path for every
    // Arabic letter, which was a quarter of indexing time. Same answer (tested below).
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return arabic::is_arabic_letter(c)
            || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
            || arabic::is_deleted(c);
    }
    is_general_word_char(c)
}

fn is_general_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || arabic::is_deleted(c)
}

/// The byte ranges of the words of `text`, in order.
pub fn word_ranges(text: &str) -> WordRanges<'_> {
    WordRanges { text, cursor: 0 }
}

/// Iterator returned by [`word_ranges`]; yields `start..end` byte ranges into the text.
pub struct WordRanges<'a> {
    text: &'a str,
    cursor: usize,
}

/// [`is_word_char`] for each character of the Arabic block U+0600–U+06FF.
const ARABIC_WORD_CHARS: [bool; 256] = {
    let mut table = [false; 256];
    let mut i: u32 = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x0600 + i) {
            table[i as usize] = arabic::is_arabic_letter(c)
                || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
                || arabic::is_deleted(c);
        }
        i += 1;
    }
    table
};

/// Whether the character at byte `at` of `text` (a character boundary) belongs inside a
/// word, and its length in bytes; `None` at the end. ASCII and the Arabic block are read
/// from their bytes: decoding every character was a tenth of indexing's instructions.
fn word_char_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(at)?;
    if lead.is_ascii() {
        return Some((lead.is_ascii_alphanumeric(), 1));
    }
    if (0xD8..=0xDB).contains(&lead)
        && let Some(&next) = bytes.get(at + 1)
    {
        // Two bytes: 110xxxxx 10yyyyyy, U+0600 + (xx yyyyyy).
        let offset = usize::from(lead & 0x03) << 6 | usize::from(next & 0x3F);
        return Some((ARABIC_WORD_CHARS.get(offset).copied().unwrap_or(false), 2));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((is_word_char(c), c.len_utf8()))
}

impl Iterator for WordRanges<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut at = self.cursor;
        let start = loop {
            let Some((word, len)) = word_char_at(self.text, at) else {
                self.cursor = at;
                return None;
            };
            if word {
                break at;
            }
            at += len;
        };
        at += word_char_at(self.text, at).map_or(0, |(_, len)| len);
        while let Some((true, len)) = word_char_at(self.text, at) {
            at += len;
        }
        self.cursor = at;
        Some(start..at)
    }
}

/// Each word of `text` with its byte range and its normalised form
/// ([`arabic::normalize`]), words the normaliser empties (marks or tatweel alone) left out:
/// what copy comparison and attribution compare words by.
pub fn normalized_words(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
    word_ranges(text).filter_map(|at| {
        let normal = arabic::normalize(text.get(at.clone())?);
        (!normal.is_empty()).then_some((at, normal))
    })
}

/// `range` (bytes) widened to whole words, so a tag never cuts a word and its letters stay
/// joined: an edge inside a word moves to the word's edge; spaces and punctuation at the
/// edges are dropped. `None` when no word is left (only spaces or punctuation).
pub fn snap_to_words(text: &str, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let mut first: Option<std::ops::Range<usize>> = None;
    let mut last: Option<std::ops::Range<usize>> = None;
    for word in word_ranges(text) {
        if word.start >= range.end {
            break;
        }
        if word.end > range.start {
            first.get_or_insert_with(|| word.clone());
            last = Some(word);
        }
    }
    Some(first?.start..last?.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_snap_to_whole_words() {
        let text = "قال بوتين، إن الهجوم";
        let at = |s: &str| text.find(s).expect("in the text");
        // From inside بوتين to inside الهجوم: both words whole.
        let snapped = snap_to_words(text, at("وتين")..at("هجوم") + 2).expect("words");
        assert_eq!(text.get(snapped), Some("بوتين، إن الهجوم"));
        // A word and the punctuation after it: the word alone.
        let snapped = snap_to_words(text, at("بوتين")..at("إن")).expect("a word");
        assert_eq!(text.get(snapped), Some("بوتين"));
        // Only spaces and punctuation: nothing.
        assert_eq!(snap_to_words(text, at("،")..at("،") + 3), None);
    }

    fn words(text: &str) -> Vec<&str> {
        word_ranges(text).filter_map(|r| text.get(r)).collect()
    }

    #[test]
    fn splits_on_spaces_and_punctuation_only() {
        assert_eq!(
            words("قال: «الأمنُ»، ISIS-K 144."),
            ["قال", "الأمنُ", "ISIS", "K", "144"]
        );
    }

    #[test]
    fn invisible_marks_stay_inside_a_word() {
        assert_eq!(words("مسؤ\u{200F}ول عـــاجل"), ["مسؤ\u{200F}ول", "عـــاجل"]);
    }

    #[test]
    fn the_arabic_fast_path_agrees_with_the_general_rule() {
        for c in ('\u{0600}'..='\u{06FF}').chain('\u{0000}'..='\u{007F}') {
            assert_eq!(
                is_word_char(c),
                is_general_word_char(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    /// The words as the general rule splits them, character by character.
    fn split_by_chars(text: &str) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(from)) => {
                    out.push(from..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = start {
            out.push(from..text.len());
        }
        out
    }

    #[test]
    fn reading_bytes_splits_as_the_general_rule() {
        let texts = [
            "قال: «الأمنُ»، ISIS-K 144.",
            "مسؤ\u{200F}ول عـــاجل ١٢٣ ۴۵ ؟؛،",
            "Gülen Ñandú 東京 עברית ﻻ ﷲ x\u{0301}y",
            "ـ\u{0610}\u{06DD}\u{06FF}\u{0700}ab\u{0600}cd",
            "",
            "   ",
            "a",
        ];
        for text in texts {
            assert_eq!(
                word_ranges(text).collect::<Vec<_>>(),
                split_by_chars(text),
                "{text:?}"
            );
        }
        let every: String = ('\u{0590}'..='\u{0700}').collect();
        assert_eq!(
            word_ranges(&every).collect::<Vec<_>>(),
            split_by_chars(&every)
        );
    }

    #[test]
    fn empty_and_punctuation_only_text_has_no_words() {
        assert!(words("").is_empty());
        assert!(words(" ،. !").is_empty());
    }
}
