//! A passage on one line with a little of its context, for lists and reports: whole words on
//! each side up to a budget, `…` wherever text was left out, and the passage's place in the
//! line in bytes. Words are split on whitespace, as Arabic separates them too (a clitic stays
//! on its word); nothing is ever cut inside a grapheme cluster, so harakat stay on their
//! letters. Laying the line out (direction, width, marks) is the caller's business.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// What marks text left out.
pub const ELLIPSIS: char = '…';

/// The text on one side of a passage, as far as the caller has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beside<'a> {
    /// All of it, up to the start (before the passage) or the end (after it) of the text.
    All(&'a str),
    /// Only the part nearest the passage: the text goes on beyond it, and its far end may
    /// fall inside a word (an anchor's stored prefix or suffix).
    Part(&'a str),
}

/// A passage with its context on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextLine {
    /// The context before, the passage, the context after; whitespace runs are one space.
    pub text: String,
    /// Where the passage is in `text`, in bytes.
    pub passage_bytes: Range<usize>,
}

impl ContextLine {
    /// The context before the passage, the passage, the context after.
    pub fn parts(&self) -> (&str, &str, &str) {
        let Range { start, end } = self.passage_bytes;
        let part = |bytes: Range<usize>| self.text.get(bytes).unwrap_or_default();
        (part(0..start), part(start..end), part(end..self.text.len()))
    }
}

/// `passage` with whole words of `before` and `after`, at most `side_clusters` grapheme
/// clusters on each side (spaces between the words count, the `…` does not). A side with
/// words left out gets `… ` at its far end; when even the word next to the passage does not
/// fit (or is only part of a word), as many of its clusters as fit are kept, with `…`
/// against them, so that a long word is shortened, never lost.
pub fn context_line(
    before: Beside<'_>,
    passage: &str,
    after: Beside<'_>,
    side_clusters: usize,
) -> ContextLine {
    let (before_text, before_more) = before.parts();
    let (after_text, after_more) = after.parts();
    let before_clusters: Vec<&str> = before_text.graphemes(true).rev().collect();
    let after_clusters: Vec<&str> = after_text.graphemes(true).collect();
    let before = Side::new(&before_clusters, before_more, side_clusters);
    let after = Side::new(&after_clusters, after_more, side_clusters);
    let mut text = String::new();
    match before.cut {
        Cut::None => {}
        Cut::Words => text.extend([ELLIPSIS, ' ']),
        Cut::InWord => text.push(ELLIPSIS),
    }
    text.extend(before.kept.iter().rev().copied());
    if before.gap && !before.kept.is_empty() {
        text.push(' ');
    }
    let start = text.len();
    push_one_line(&mut text, passage);
    let passage_bytes = start..text.len();
    if after.gap && !after.kept.is_empty() {
        text.push(' ');
    }
    text.extend(after.kept.iter().copied());
    match after.cut {
        Cut::None => {}
        Cut::Words => text.extend([' ', ELLIPSIS]),
        Cut::InWord => text.push(ELLIPSIS),
    }
    ContextLine {
        text,
        passage_bytes,
    }
}

impl<'a> Beside<'a> {
    /// The text, and whether more of it lies beyond its far end.
    fn parts(self) -> (&'a str, bool) {
        match self {
            Beside::All(text) => (text, false),
            Beside::Part(text) => (text, true),
        }
    }
}

/// How one side was shortened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    None,
    /// Between words: `… ` before the first kept word.
    Words,
    /// Inside the word next to the passage: `…` against the clusters kept.
    InWord,
}

/// What one side of the passage keeps.
struct Side<'a> {
    /// Grapheme clusters, the one nearest the passage first; words separated by `" "`.
    kept: Vec<&'a str>,
    /// Whitespace between the passage and the nearest word.
    gap: bool,
    cut: Cut,
}

impl<'a> Side<'a> {
    /// `clusters` starts next to the passage; `more` says the text goes on past its end.
    fn new(clusters: &[&'a str], more: bool, budget: usize) -> Side<'a> {
        let is_space = |cluster: &&str| cluster.starts_with(char::is_whitespace);
        let gap = clusters.first().is_some_and(is_space);
        let words: Vec<&[&str]> = clusters
            .split(is_space)
            .filter(|word| !word.is_empty())
            .collect();
        // The far word is whole only where whitespace or the text's edge ends it.
        let far_word_partial = more && clusters.last().is_some_and(|c| !is_space(c));
        let mut kept = Vec::new();
        let mut used = 0;
        let mut whole = 0;
        for (i, word) in words.iter().enumerate() {
            let separator = usize::from(!kept.is_empty());
            if (far_word_partial && i + 1 == words.len()) || used + separator + word.len() > budget
            {
                break;
            }
            if separator == 1 {
                kept.push(" ");
            }
            kept.extend_from_slice(word);
            used += separator + word.len();
            whole += 1;
        }
        let cut = match words.first() {
            Some(nearest) if whole == 0 => {
                kept.extend(nearest.iter().take(budget));
                Cut::InWord
            }
            _ if whole < words.len() || more => Cut::Words,
            _ => Cut::None,
        };
        Side { kept, gap, cut }
    }
}

/// Appends `text` with each run of whitespace as one space.
fn push_one_line(out: &mut String, text: &str) {
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line's text, once checked that it marks the passage (whitespace made single
    /// spaces) and that its three parts make it up.
    fn line(before: Beside, passage: &str, after: Beside, budget: usize) -> String {
        let line = context_line(before, passage, after, budget);
        let (head, marked, tail) = line.parts();
        assert_eq!(
            marked,
            passage.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert_eq!(format!("{head}{marked}{tail}"), line.text);
        line.text
    }

    #[test]
    fn whole_words_fit_and_nothing_is_cut() {
        assert_eq!(
            line(
                Beside::All("قال المتحدث "),
                "بوتين",
                Beside::All(" إن الهجوم"),
                20
            ),
            "قال المتحدث بوتين إن الهجوم"
        );
    }

    /// In English and in Arabic: between words, never inside one, `…` on each cut side.
    #[test]
    fn words_left_out_are_marked_on_each_side() {
        for (before, passage, after, budget, expected) in [
            (
                "the spokesman of the Kremlin said that ",
                "Putin",
                " spoke on Saturday evening about the attack",
                12,
                "… said that Putin spoke on …",
            ),
            (
                "أعلنت وزارة الدفاع الروسية أن ",
                "تنظيم داعش",
                " أعلن مسؤوليته عن الهجوم على قاعة الحفلات",
                14,
                "… الروسية أن تنظيم داعش أعلن مسؤوليته …",
            ),
        ] {
            let text = line(Beside::All(before), passage, Beside::All(after), budget);
            assert_eq!(text, expected);
        }
    }

    #[test]
    fn a_cut_out_part_loses_its_partial_far_word() {
        // As an anchor stores them: 32 characters each side, cut mid-word.
        let (before, after) = (Beside::Part("ركة الدفاع "), Beside::Part(" أعلن مسؤوليت"));
        assert_eq!(line(before, "داعش", after, 32), "… الدفاع داعش أعلن …");
        // Cut at a space, the far word is whole, but the text still goes on.
        let (before, after) = (Beside::Part(" الدفاع "), Beside::Part(" أعلن "));
        assert_eq!(line(before, "داعش", after, 32), "… الدفاع داعش أعلن …");
    }

    #[test]
    fn a_passage_at_the_very_start_or_end() {
        let nothing = Beside::All("");
        assert_eq!(
            line(nothing, "روسيا", Beside::All(" تعترف"), 20),
            "روسيا تعترف"
        );
        assert_eq!(
            line(Beside::All("هجوم "), "كروكوس", nothing, 20),
            "هجوم كروكوس"
        );
        assert_eq!(line(nothing, "كل النص", nothing, 0), "كل النص");
    }

    #[test]
    fn harakat_stay_on_their_letters() {
        // Each letter carries a mark: clusters, not code points, are counted and kept.
        let before = Beside::All("قَالَ الْمُتَحَدِّثُ ");
        let after = Beside::All(" يَوْمَ السَّبْتِ الْمَاضِي");
        assert_eq!(
            line(before, "بُوتِين", after, 10),
            "… الْمُتَحَدِّثُ بُوتِين يَوْمَ السَّبْتِ …"
        );
        let text = line(Beside::All("الْمُتَحَدِّثُ "), "بُوتِين", Beside::All(""), 4);
        assert_eq!(text, "…تَحَدِّثُ بُوتِين");
        let first = text.chars().nth(1).expect("a letter after the ellipsis");
        assert!(
            !unicode_normalization::char::is_combining_mark(first),
            "no mark without its letter"
        );
    }

    #[test]
    fn an_over_long_word_is_shortened_not_lost() {
        let before = Beside::All("supercalifragilistic");
        let after = Beside::All("expialidocious and more");
        assert_eq!(line(before, "X", after, 5), "…isticXexpia…");
        // A clitic glued to the passage is kept with it when it fits.
        assert_eq!(
            line(Beside::All("قال ل"), "بوتين", Beside::All("ه"), 20),
            "قال لبوتينه"
        );
    }

    #[test]
    fn whitespace_becomes_single_spaces_on_one_line() {
        let (before, after) = (Beside::All("عنوان\n\nنص  "), Beside::All("\tشخصا\r\n"));
        assert_eq!(
            line(before, "مقتل\n144", after, 20),
            "عنوان نص مقتل 144 شخصا"
        );
    }
}
