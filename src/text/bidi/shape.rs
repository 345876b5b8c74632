//! Optional app-side Arabic shaping for terminals that draw isolated letters: each letter
//! becomes its contextual presentation form, one cell per letter, no ligatures (lam-alef
//! stays two cells), harakat kept, so the cell map stays 1:1. For the screen only.
//!
//! The table of forms is derived from Unicode's compatibility data rather than typed in:
//! every presentation form folds (NFKC) to its letter, and the blocks list a letter's forms
//! in the order isolated, final, initial, medial. A letter with four forms is dual-joining,
//! with two right-joining.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A letter's presentation forms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Forms {
    isolated: Option<char>,
    final_: Option<char>,
    initial: Option<char>,
    medial: Option<char>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joining {
    Dual,
    Right,
    /// Tatweel and ZWJ: join on both sides, never change form.
    Causing,
    /// Marks and format characters: skipped when looking for neighbours.
    Transparent,
    None,
}

fn table() -> &'static HashMap<char, Forms> {
    static TABLE: OnceLock<HashMap<char, Forms>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut groups: HashMap<char, Vec<char>> = HashMap::new();
        // Presentation Forms-B first, so its forms lead each group; then Forms-A, which
        // adds Persian and Urdu letters (and initial/medial forms of alef maksura).
        let ranges = ['\u{FE80}'..='\u{FEFC}', '\u{FB50}'..='\u{FBFF}'];
        for form in ranges.into_iter().flatten() {
            let folded: Vec<char> = form.to_string().nfkc().collect();
            if let [letter] = folded[..] {
                groups.entry(letter).or_default().push(form);
            }
        }
        groups
            .into_iter()
            .filter_map(|(letter, forms)| {
                let entry = match forms[..] {
                    [i] => Forms {
                        isolated: Some(i),
                        ..Forms::default()
                    },
                    [i, f] => Forms {
                        isolated: Some(i),
                        final_: Some(f),
                        ..Forms::default()
                    },
                    [i, f, n, m] => Forms {
                        isolated: Some(i),
                        final_: Some(f),
                        initial: Some(n),
                        medial: Some(m),
                    },
                    _ => return None,
                };
                Some((letter, entry))
            })
            .collect()
    })
}

fn joining(c: char) -> Joining {
    match c {
        '\u{0640}' | '\u{200D}' => Joining::Causing,
        '\u{200C}' => Joining::None,
        c if is_combining_mark(c) || is_format(c) => Joining::Transparent,
        c => match table().get(&c) {
            Some(forms) if forms.medial.is_some() => Joining::Dual,
            Some(forms) if forms.final_.is_some() => Joining::Right,
            _ => Joining::None,
        },
    }
}

fn is_format(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn joins_forward(j: Joining) -> bool {
    matches!(j, Joining::Dual | Joining::Causing)
}

fn joins_backward(j: Joining) -> bool {
    matches!(j, Joining::Dual | Joining::Right | Joining::Causing)
}

/// For each unit (a cluster, given by its first character) in logical order, the
/// presentation form that replaces that character, if any.
pub fn shape(bases: &[char]) -> Vec<Option<char>> {
    let kinds: Vec<Joining> = bases.iter().map(|&c| joining(c)).collect();
    let neighbour = |range: &mut dyn Iterator<Item = usize>| {
        range
            .map(|i| kinds[i])
            .find(|&k| k != Joining::Transparent)
            .unwrap_or(Joining::None)
    };
    (0..bases.len())
        .map(|i| {
            let forms = table().get(&bases[i])?;
            let kind = kinds[i];
            let before = neighbour(&mut (0..i).rev());
            let after = neighbour(&mut (i + 1..bases.len()));
            let joined_before = joins_forward(before) && joins_backward(kind);
            let joined_after = joins_forward(kind) && joins_backward(after);
            match (joined_before, joined_after) {
                (true, true) => forms.medial.or(forms.final_),
                (true, false) => forms.final_,
                (false, true) => forms.initial,
                (false, false) => forms.isolated,
            }
            .or(forms.isolated)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(word: &str) -> String {
        let chars: Vec<char> = word.chars().collect();
        shape(&chars)
            .into_iter()
            .zip(chars)
            .map(|(form, c)| form.unwrap_or(c))
            .collect()
    }

    #[test]
    fn letters_take_their_contextual_forms() {
        // بيت: initial beh, medial yeh, final teh.
        assert_eq!(shaped("بيت"), "\u{FE91}\u{FEF4}\u{FE96}");
        // دار: dal and alef do not join forward, so dal is isolated and alef isolated.
        assert_eq!(shaped("دار"), "\u{FEA9}\u{FE8D}\u{FEAD}");
        assert_eq!(shaped("ء"), "\u{FE80}");
    }

    #[test]
    fn lam_alef_stays_two_cells_and_harakat_are_transparent() {
        let out = shaped("لا");
        assert_eq!(out.chars().count(), 2);
        assert_eq!(out, "\u{FEDF}\u{FE8E}");
        let vocalised = shaped("بَيت");
        assert_eq!(vocalised.chars().nth(1), Some('\u{064E}'));
        assert_eq!(
            vocalised.chars().nth(2),
            Some('\u{FEF4}'),
            "yeh still joins through the fatha"
        );
    }

    #[test]
    fn tatweel_joins_and_zwnj_breaks() {
        assert_eq!(shaped("بـ"), "\u{FE91}\u{0640}");
        assert_eq!(shaped("ب\u{200C}ت"), "\u{FE8F}\u{200C}\u{FE95}");
    }

    #[test]
    fn persian_letters_are_shaped_too() {
        assert_eq!(shaped("پی"), "\u{FB58}\u{FBFD}");
    }
}
