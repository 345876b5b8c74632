//! What differs between a copy and its origin, word by word: the words of each that the
//! other does not have, in order (a longest common subsequence of their normalised words,
//! by `similar`'s Myers diff), so vowel marks or an alef written otherwise are no
//! difference, and a moved paragraph shows as taken out here and put in there.

use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::text::words::normalized_words;

/// The byte ranges of `left` and of `right` (runs of words, the space between words of a
/// run included) that the other text does not have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compared {
    pub only_left: Vec<Range<usize>>,
    pub only_right: Vec<Range<usize>>,
}

/// Each word of `text`: its byte range and normalised form.
fn words(text: &str) -> (Vec<Range<usize>>, Vec<String>) {
    normalized_words(text).unzip()
}

/// Words `range` of `at` as runs of byte ranges: words apart by one space joined.
fn runs(at: &[Range<usize>], range: Range<usize>, out: &mut Vec<Range<usize>>) {
    for word in at.get(range).unwrap_or_default() {
        match out.last_mut() {
            Some(previous) if previous.end <= word.start && word.start - previous.end <= 1 => {
                previous.end = word.end;
            }
            _ => out.push(word.clone()),
        }
    }
}

/// What `left` has that `right` has not, and the other way round.
pub fn compare(left: &str, right: &str) -> Compared {
    let (left_at, left_words) = words(left);
    let (right_at, right_words) = words(right);
    let mut compared = Compared::default();
    for op in capture_diff_slices(Algorithm::Myers, &left_words, &right_words) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => runs(
                &left_at,
                old_index..old_index + old_len,
                &mut compared.only_left,
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => runs(
                &right_at,
                new_index..new_index + new_len,
                &mut compared.only_right,
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                runs(
                    &left_at,
                    old_index..old_index + old_len,
                    &mut compared.only_left,
                );
                runs(
                    &right_at,
                    new_index..new_index + new_len,
                    &mut compared.only_right,
                );
            }
        }
    }
    compared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges
            .iter()
            .map(|r| text.get(r.clone()).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn added_words_and_a_changed_one_are_marked_marks_are_not() {
        let origin = "قالت الوزارة إن 144 شخصاً قتلوا في الهجوم.";
        let copy = "(رويترز) - قالَت الوزارة إنّ 144 شخصاً لقوا حتفهم في الهجوم.";
        let compared = compare(origin, copy);
        assert_eq!(shown(origin, &compared.only_left), ["قتلوا"]);
        assert_eq!(shown(copy, &compared.only_right), ["رويترز", "لقوا حتفهم"]);
        assert_eq!(compare(origin, origin), Compared::default());
    }
}
