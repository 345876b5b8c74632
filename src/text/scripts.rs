//! The scripts beside Arabic (issue 19's stretch list; `docs/arabic-search.md`, "Other
//! scripts"). The normaliser folds Latin letters to ASCII (`Gülen` is `gulen`, `ß` is `ss`) and
//! deletes Hebrew points.
//!
//! `text::arabic` calls in at the normaliser's last step, for a character that is neither
//! ASCII nor Arabic ([`push_normalised`]). An ASCII or Arabic word takes the path it took
//! before.

use unicode_normalization::char::decompose_canonical;

// ---------------------------------------------------------------------------------------
// The normaliser

/// Appends the normalised form of `c`, a character that is neither ASCII nor of the Arabic
/// script, to `out`: a Latin letter folded to ASCII, a combining accent after a Latin letter
/// and a Hebrew point deleted, a Hebrew presentation form decomposed, anything else
/// lower-cased as before.
pub fn push_normalised(c: char, out: &mut String) {
    match c {
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => push_latin(c, out),
        // A decomposed accent (`u` + U+0308): deleted after a Latin letter, which has been
        // folded to ASCII by now.
        '\u{0300}'..='\u{036F}' if out.as_bytes().last().is_some_and(u8::is_ascii_alphabetic) => {}
        c if is_hebrew_point(c) => {}
        '\u{FB1D}'..='\u{FB4F}' => decompose_canonical(c, |part| {
            if !is_hebrew_point(part) {
                out.push(part);
            }
        }),
        // Lower-cased, and folded if that gives a Latin letter (the Ångström sign is `å`),
        // so that the normaliser gives the same once more.
        _ => {
            for lower in c.to_lowercase() {
                if matches!(lower, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') {
                    push_latin(lower, out);
                } else {
                    out.push(lower);
                }
            }
        }
    }
}

/// True for the Hebrew points and cantillation marks (niqqud, dagesh, shin and sin dots,
/// te'amim): the combining marks of U+0591–U+05C7. Not the maqaf, paseq, sof pasuq or nun
/// hafukha, which are punctuation (and separate words).
pub const fn is_hebrew_point(c: char) -> bool {
    matches!(
        c,
        '\u{0591}'
            ..='\u{05BD}'
                | '\u{05BF}'
                | '\u{05C1}'
                | '\u{05C2}'
                | '\u{05C4}'
                | '\u{05C5}'
                | '\u{05C7}'
    )
}

/// Latin letters that do not decompose into an ASCII letter and an accent, with what they
/// fold to (as Lucene's `ASCIIFoldingFilter` and ICU folding write them).
const fn latin_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' | 'ŀ' | 'Ŀ' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        'ŋ' | 'Ŋ' => "n",
        'ſ' => "s",
        'ĳ' | 'Ĳ' => "ij",
        _ => return None,
    })
}

/// A letter of Latin-1, Latin Extended-A/B or Latin Extended Additional, folded: its
/// canonical decomposition without the accents when it starts with an ASCII letter
/// (`ü` → `u`, `ğ` → `g`, `ệ` → `e`, `İ` → `i`), the table's letters for the few that do not
/// decompose (`ø` → `o`, `ß` → `ss`), or else lower-cased as it is (`×`, `ƒ`).
fn push_latin(c: char, out: &mut String) {
    if let Some(folded) = latin_special(c) {
        out.push_str(folded);
        return;
    }
    let mut base = None;
    decompose_canonical(c, |part| {
        base.get_or_insert(part);
    });
    match base {
        Some(b) if b.is_ascii_alphabetic() => out.push(b.to_ascii_lowercase()),
        // `ǿ` is `ø` + acute.
        Some(b) => match latin_special(b) {
            Some(folded) => out.push_str(folded),
            None => out.extend(c.to_lowercase()),
        },
        None => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use crate::text::arabic::{Stemmer, normalize};

    fn stem(word: &str) -> String {
        Stemmer::with_defaults().stem(&normalize(word))
    }

    #[test]
    fn latin_letters_fold_to_ascii_in_both_forms() {
        for (written, folded) in [
            ("Gülen", "gulen"),
            ("Erdoğan", "erdogan"),
            ("São", "sao"),
            ("Zürich", "zurich"),
            ("façade", "facade"),
            ("naïve", "naive"),
            ("Đoković", "dokovic"),
            ("Łódź", "lodz"),
            ("Straße", "strasse"),
            ("Æsir", "aesir"),
            ("Øresund", "oresund"),
            ("Işık", "isik"),
            ("İstanbul", "istanbul"),
            ("Þór", "thor"),
            ("Nguyễn", "nguyen"),
            ("ǾLAND", "oland"),
        ] {
            assert_eq!(normalize(written), folded, "{written}");
            assert_eq!(stem(written), stem(folded), "{written}");
        }
        // Decomposed accents (NFD text) fold the same.
        assert_eq!(normalize("Gu\u{0308}len"), "gulen");
        assert_eq!(normalize("Erdog\u{0306}an"), "erdogan");
        // Other scripts keep their letters; only Latin is folded.
        assert_eq!(normalize("Путин"), "путин");
        assert_eq!(normalize("Ελλάδα"), "ελλάδα");
        assert_eq!(normalize("×"), "×");
        // A sign that lower-cases to a Latin letter is folded too, so normalising twice
        // changes nothing.
        assert_eq!(normalize("\u{212B}ngstr\u{F6}m"), "angstrom");
        for text in [
            "\u{212B}\u{0308}",
            "\u{01C5}",
            "a\u{200F}\u{0308}",
            "1\u{0308}",
        ] {
            let once = normalize(text);
            assert_eq!(normalize(&once), once, "{text:?}");
        }
    }

    #[test]
    fn hebrew_points_and_cantillation_are_deleted() {
        assert_eq!(normalize("שָׁלוֹם"), "שלום");
        assert_eq!(normalize("יְרוּשָׁלַיִם"), "ירושלים");
        assert_eq!(normalize("בְּרֵאשִׁ֖ית"), "בראשית");
        // Presentation forms with points are the letters.
        assert_eq!(normalize("\u{FB2A}לום"), "שלום");
        assert_eq!(normalize("\u{FB4B}"), "ו");
    }
}
