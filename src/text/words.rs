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

impl Iterator for WordRanges<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.cursor..)?;
        let (offset, _) = rest.char_indices().find(|&(_, c)| is_word_char(c))?;
        let start = self.cursor + offset;
        let tail = self.text.get(start..)?;
        let len = tail
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(tail.len(), |(i, _)| i);
        self.cursor = start + len;
        Some(start..start + len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn empty_and_punctuation_only_text_has_no_words() {
        assert!(words("").is_empty());
        assert!(words(" ،. !").is_empty());
    }
}
