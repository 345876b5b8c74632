//! The scripts beside Arabic (issue 19's stretch list; `docs/arabic-search.md`, "Other
//! scripts"). The normaliser folds Latin letters to ASCII (`Gülen` is `gulen`, `ß` is `ss`) and
//! deletes Hebrew points; the stemmer cuts English plurals (Lucene's S-stemmer), Hebrew
//! one-letter prefixes and plural endings, and Urdu plural endings in `ں`.
//!
//! `text::arabic` calls in at three points only: the normaliser's last step for a character
//! that is neither ASCII nor Arabic ([`push_normalised`]), the stemmer's branch for a word
//! without Arabic letters ([`stem_other`]) and, for Arabic-script words, [`urdu_plural`]. An
//! ASCII or Arabic word takes the path it took before.

use std::borrow::Cow;

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

// ---------------------------------------------------------------------------------------
// The stemmer

/// The loose form of a normalised word without Arabic letters: an English plural cut
/// ([`english_plural`]), Hebrew prefixes and plural endings cut ([`hebrew`]), anything else
/// as it is. `protected` says whether a word is a tagged name, never cut.
pub fn stem_other(word: &str, protected: impl Fn(&str) -> bool) -> Cow<'_, str> {
    match word.as_bytes().last() {
        Some(b's' | b'e') => {
            let stem = english_plural(word);
            if stem.len() != word.len() && (english_whole(word) || protected(word)) {
                Cow::Borrowed(word)
            } else {
                stem
            }
        }
        // Most Latin words, digits: one byte looked at.
        Some(last) if last.is_ascii() => Cow::Borrowed(word),
        _ if word.starts_with(is_hebrew_letter) => hebrew(word, &protected),
        _ => Cow::Borrowed(word),
    }
}

// English

// The lists of this module decide indexed terms: a change to one bumps
// `index::analyzer::ANALYZER_VERSION` (they are not in the stemmer's fingerprint).

/// Words in `s` that the S-stemmer would cut but are not plurals (names, places, acronyms
/// read as words), sorted; each is left whole. Tagged names are protected without a list.
const ENGLISH_WHOLE: &[&str] = &[
    "abbas",
    "adidas",
    "aids",
    "angeles",
    "arkansas",
    "athens",
    "bahamas",
    "barbados",
    "brussels",
    "carlos",
    "comoros",
    "dallas",
    "emirates",
    "fars",
    "flanders",
    "gas",
    "gps",
    "hamas",
    "hermes",
    "homs",
    "honduras",
    "isis",
    "james",
    "jones",
    "kansas",
    "lagos",
    "las",
    "los",
    "lucas",
    "maldives",
    "marcos",
    "mercedes",
    "mers",
    "netherlands",
    "news",
    "nhs",
    "paris",
    "philippines",
    "reuters",
    "sars",
    "seychelles",
    "sms",
    "texas",
    "thomas",
    "tunis",
    "vegas",
    "wales",
    "williams",
];

/// Endings before which a final `e` is the plural's `-es`, not the word's own: after `ss`,
/// `x`, `ch`, `sh` and `zz`, as in `witnesses`, `boxes`, `churches`, `crashes`, `buzzes`.
const SIBILANT_E: [&str; 5] = ["sse", "xe", "che", "she", "zze"];

/// Lucene's `EnglishMinimalStemmer` (Harman's S-stemmer, "How effective is suffixing?"),
/// written here from its rules, on a word of lower-case ASCII letters, then one rule of ours.
///
/// A word of three letters or more ending in `s`:
/// - `-us`, `-ss`: left (`corpus`, `congress`);
/// - `-ies` not after `a` or `e`: `-y` (`queries` → `query`; `series` → `sery`);
/// - `-aes`, `-ees`, `-ies`, `-oes` otherwise: left (`shoes`, `heroes`);
/// - any other `-s`: cut (`kings`, `phrases` → `phrase`, `forces` → `force`).
///
/// Ours: a stem ending in `sse`, `xe`, `che`, `she`, `zze` (four letters at least) loses its
/// `e`, singular or plural, so `witnesses` and `witness` meet (the S-stemmer alone gives
/// `witnesse`), as do `boxes`/`box`, `churches`/`church`, and `impasse`/`impasses`.
pub fn english_plural(word: &str) -> Cow<'_, str> {
    let bytes = word.as_bytes();
    if !bytes.iter().all(u8::is_ascii_lowercase) {
        return Cow::Borrowed(word);
    }
    // The rules in Lucene's order: the exclusions are apart because `-ies` comes between.
    #[expect(clippy::match_same_arms)]
    let stem = match bytes {
        [_, .., b'u' | b's', b's'] => word,
        [.., p, b'i', b'e', b's'] if !matches!(p, b'a' | b'e') => {
            let mut stem = word.get(..word.len() - 3).unwrap_or(word).to_owned();
            stem.push('y');
            return Cow::Owned(stem);
        }
        [.., b'a' | b'e' | b'i' | b'o', b'e', b's'] => word,
        [_, _, .., b's'] => word.get(..word.len() - 1).unwrap_or(word),
        _ => word,
    };
    if stem.len() >= 4
        && stem.ends_with('e')
        && SIBILANT_E.iter().any(|ending| stem.ends_with(ending))
    {
        return Cow::Borrowed(stem.get(..stem.len() - 1).unwrap_or(stem));
    }
    Cow::Borrowed(stem)
}

/// True when the S-stemmer's word in `s` is one of [`ENGLISH_WHOLE`].
fn english_whole(word: &str) -> bool {
    ENGLISH_WHOLE.binary_search(&word).is_ok()
}

// Hebrew

/// True for the letters of the Hebrew alphabet (final forms included).
pub const fn is_hebrew_letter(c: char) -> bool {
    matches!(c, '\u{05D0}'..='\u{05EA}' | '\u{05F0}'..='\u{05F2}')
}

/// The one-letter prefixes: ו "and", ה "the", ב "in", ל "to", מ "from", ש "that", כ "as".
pub const HEBREW_PREFIXES: [char; 7] = ['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ'];

/// The least a Hebrew rule leaves: three letters, the usual root (`צבא`, `עזה`).
const HEBREW_MIN: usize = 3;

/// Words that begin with a prefix letter of their own, and names, that the rules leave whole
/// (and stop at, once the prefixes before them are gone): the commonest news words where
/// cutting would merge two words (`מלחמה` "war" is not `לחם` "bread", `בחירות` "elections" not
/// `חירות` "freedom", `הודעה` "announcement" not `דעה` "opinion"), and names. Sorted.
const HEBREW_WHOLE: &[&str] = &[
    "בחירה",
    "בחירות",
    "ביטחון",
    "בית",
    "בנימין",
    "ברית",
    "הודעה",
    "הסכם",
    "הפגנה",
    "הפגנות",
    "וושינגטון",
    "ועדה",
    "ועדות",
    "ירושלים",
    "ישראל",
    "כנסת",
    "לבנון",
    "מדינה",
    "מדינות",
    "מוסקבה",
    "מחבל",
    "מחבלים",
    "מלחמה",
    "מלחמות",
    "ממשלה",
    "ממשלות",
    "מפלגה",
    "מפלגות",
    "מצרים",
    "משה",
    "משטרה",
    "משפט",
    "משרד",
    "משרדים",
    "שבוע",
    "שבועות",
    "שלום",
    "שנה",
    "שנים",
    "שר",
];

/// The final forms of the letters that have one, for a stem whose last letter was inside the
/// word: `דרכים` → `דרכ` → `דרך`.
const fn final_form(c: char) -> Option<char> {
    Some(match c {
        'כ' => 'ך',
        'מ' => 'ם',
        'נ' => 'ן',
        'פ' => 'ף',
        'צ' => 'ץ',
        _ => return None,
    })
}

/// A Hebrew word's stem. First the prefixes: while the word begins with one of
/// [`HEBREW_PREFIXES`] and [`HEBREW_MIN`] letters would remain, that letter goes, one at a
/// time and whatever their order (`והממשלה` → `ממשלה`, `שהצבא` → `צבא`, `ומהבית` → `בית`),
/// stopping at a word of [`HEBREW_WHOLE`] or a tagged name. Cutting every such letter, also
/// from a bare word, is what makes a word and the word behind a prefix one stem: `מקום` and
/// `במקום` are both `קום`. Then, unless it stopped at a whole word, the plural `ים` or `ות`
/// when three letters remain, the new last letter written in its final form (`חיילים` →
/// `חייל`, `מקומות` → `קום`).
pub fn hebrew<'a>(word: &'a str, protected: &impl Fn(&str) -> bool) -> Cow<'a, str> {
    let mut rest = word;
    let mut left = rest.chars().count();
    let whole = |word: &str| HEBREW_WHOLE.binary_search(&word).is_ok() || protected(word);
    loop {
        if whole(rest) {
            return Cow::Borrowed(rest);
        }
        let mut chars = rest.chars();
        match chars.next() {
            // A whole word of two letters is reached too: `השר` is `שר`.
            Some(first)
                if HEBREW_PREFIXES.contains(&first)
                    && (left > HEBREW_MIN || whole(chars.as_str())) =>
            {
                rest = chars.as_str();
                left -= 1;
            }
            _ => break,
        }
    }
    let Some(bare) = rest
        .strip_suffix("ים")
        .or_else(|| rest.strip_suffix("ות"))
        .filter(|_| left >= HEBREW_MIN + 2)
    else {
        return Cow::Borrowed(rest);
    };
    let mut chars = bare.chars();
    match chars.next_back().and_then(final_form) {
        Some(last) => {
            let mut stem = chars.as_str().to_owned();
            stem.push(last);
            Cow::Owned(stem)
        }
        None => Cow::Borrowed(bare),
    }
}

// Urdu

/// The Urdu plural and oblique endings in noon ghunna `ں` (U+06BA), which only Urdu writes,
/// normalised (`ی` is `ي`): `وں` (oblique plural: `کتابوں` → `کتاب`), `يں` (feminine plural:
/// `عورتیں` → `عورت`) and `اں` (plural of nouns in `ی`: `لڑکیاں` → `لڑکی`). Cut when three letters
/// remain (`ہیں` "are", `میں` "in", `یہاں` "here" are left). `None` for any other word, so an
/// Arabic word costs one comparison.
pub fn urdu_plural(word: &str) -> Option<&str> {
    if !word.ends_with('ں') {
        return None;
    }
    let stem = word
        .strip_suffix("وں")
        .or_else(|| word.strip_suffix("يں"))
        .or_else(|| word.strip_suffix("اں"))?;
    (stem.chars().count() >= HEBREW_MIN).then_some(stem)
}

/// True when a stemmer should remember `word` (normalised) as a name it must not cut: a word
/// with a letter of any script.
pub fn is_nameable(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
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

    /// Lucene's `TestEnglishMinimalStemFilter`, every expectation.
    #[test]
    fn lucene_english_minimal_stemmer_expectations_hold() {
        for (input, expected) in [
            ("queries", "query"),
            ("phrases", "phrase"),
            ("corpus", "corpus"),
            ("stress", "stress"),
            ("kings", "king"),
            ("panels", "panel"),
            ("aerodynamics", "aerodynamic"),
            ("congress", "congress"),
            ("serious", "serious"),
            ("", ""),
        ] {
            assert_eq!(english_plural(input), expected, "{input}");
            assert_eq!(stem(input), expected, "{input}");
        }
    }

    #[test]
    fn english_plurals_meet_their_singulars() {
        for (plural, singular) in [
            ("officials", "official"),
            ("countries", "country"),
            ("forces", "force"),
            ("witnesses", "witness"),
            ("boxes", "box"),
            ("churches", "church"),
            ("crashes", "crash"),
            ("impasses", "impasse"),
            ("Israelis", "Israeli"),
            ("Houthis", "Houthi"),
            ("MPs", "MP"),
            ("days", "day"),
        ] {
            assert_eq!(stem(plural), stem(singular), "{plural}");
        }
        // The rules' own exclusions and the short words.
        for word in ["bus", "us", "as", "shoes", "heroes", "stress", "she", "axe"] {
            assert_eq!(stem(word), word, "{word}");
        }
    }

    #[test]
    fn names_that_look_plural_are_left() {
        assert!(ENGLISH_WHOLE.is_sorted());
        for name in [
            "Reuters", "Paris", "Hamas", "Texas", "Kansas", "Brussels", "news", "ISIS",
        ] {
            assert_eq!(stem(name), name.to_ascii_lowercase(), "{name}");
        }
        assert_eq!(stem("Mercedes"), "mercedes");
        // A tagged name is left without a list.
        let mut stemmer = Stemmer::with_defaults();
        assert_eq!(stemmer.stem("rogers"), "roger");
        stemmer.protect_names(["Nile Rogers"]);
        assert_eq!(stemmer.stem("rogers"), "rogers");
    }

    #[test]
    fn hebrew_prefixes_come_off() {
        assert!(HEBREW_WHOLE.is_sorted());
        for (form, bare) in [
            ("והממשלה", "ממשלה"),
            ("בירושלים", "ירושלים"),
            ("לישראל", "ישראל"),
            ("שהצבא", "צבא"),
            ("ובעזה", "עזה"),
            ("כשהשר", "שר"),
            ("מהבית", "בית"),
            ("במקום", "מקום"),
            ("לביטחון", "ביטחון"),
        ] {
            assert_eq!(stem(form), stem(bare), "{form}");
        }
        assert_eq!(stem("ישראל"), "ישראל");
        assert_eq!(stem("והממשלה"), "ממשלה");
        assert_eq!(stem("שהצבא"), "צבא");
        // Three letters stay: עזה, צבא, and short words are left.
        assert_eq!(stem("של"), "של");
        assert_eq!(stem("שלה"), "שלה");
        // The whole words are not cut to another word.
        assert_ne!(stem("מלחמה"), stem("לחם"));
        assert_ne!(stem("בחירות"), stem("חירות")); // A tagged name is a whole word too.
        let mut stemmer = Stemmer::with_defaults();
        assert_eq!(stemmer.stem("מרים"), "רים");
        stemmer.protect_names(["מרים רגב"]);
        assert_eq!(stemmer.stem("מרים"), "מרים");
        assert_eq!(stemmer.stem("ולמרים"), "מרים");
    }

    #[test]
    fn hebrew_plurals_meet_their_singulars_with_final_letters() {
        for (plural, singular) in [
            ("חיילים", "חייל"),
            ("החיילים", "חייל"),
            ("ישראלים", "ישראל"),
            ("דרכים", "דרך"),
            ("מקומות", "מקום"),
        ] {
            assert_eq!(stem(plural), stem(singular), "{plural}");
        }
        // Final letters are never changed by a prefix: the word ends as it did.
        assert!(stem("ובדרך").ends_with('ך'));
        // Under three letters left the ending stays: מים, שנים.
        assert_eq!(stem("מים"), "מים");
        assert_eq!(stem("שנים"), "שנים");
    }

    #[test]
    fn urdu_endings_in_noon_ghunna_come_off() {
        for (form, bare) in [
            ("کتابوں", "کتاب"),
            ("عورتیں", "عورت"),
            ("لڑکیاں", "لڑکی"),
            ("گاڑیاں", "گاڑی"),
            ("شہروں", "شہر"),
            ("باتیں", "بات"),
        ] {
            assert_eq!(stem(form), stem(bare), "{form}");
        }
        for short in ["ہیں", "میں", "یہاں", "کیوں", "ماں"] {
            assert_eq!(stem(short), normalize(short), "{short}");
        }
        // لڑکا / لڑکے / لڑکوں: the oblique of a noun in ا loses the ا; not reached.
        assert_ne!(stem("لڑکوں"), stem("لڑکا"));
        // A tagged name keeps its ending.
        let mut stemmer = Stemmer::with_defaults();
        stemmer.protect_names(["کتابوں"]);
        assert_eq!(stemmer.stem(&normalize("کتابوں")), normalize("کتابوں"));
    }

    #[test]
    fn no_input_panics() {
        let stemmer = Stemmer::with_defaults();
        for word in [
            "",
            "s",
            "es",
            "ies",
            "ses",
            "e",
            "ב",
            "בב",
            "בבב",
            "בבבב",
            "ים",
            "וים",
            "ں",
            "وں",
            "اں",
            "\u{0308}",
            "a\u{0308}\u{0308}",
            "ß",
            "ǿ",
            "\u{FB1D}",
            "\u{05C7}",
        ] {
            let _ = stemmer.stem(&normalize(word));
        }
    }
}
