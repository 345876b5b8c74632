//! Properties over arbitrary text, where a fuzzer would be overkill: sanitising, the
//! terminal filters, the Arabic normaliser, word snapping and anchoring. 256 cases each by
//! default; `PROPTEST_CASES=20000` for a long run (the reliability run does).

use isnad::corpus::sanitize::sanitize;
use isnad::store::Anchor;
use isnad::store::anchor::locate;
use isnad::text::arabic::{Stemmer, normalize};
use isnad::text::bidi::is_bidi_control;
use isnad::text::terminal::{for_terminal, json_for_terminal};
use isnad::text::words::snap_to_words;
use proptest::prelude::*;

static STEMMER: std::sync::LazyLock<Stemmer> = std::sync::LazyLock::new(Stemmer::with_defaults);

/// Words of the scripts `text::scripts` handles: Latin with accents and decomposed marks,
/// English plural endings, Hebrew letters, points and presentation forms, Urdu endings.
fn other_scripts() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z\u{00C0}-\u{024F}\u{1E00}-\u{1EFF}\u{0300}-\u{036F}\u{212A}\u{212B}]{0,8}",
        "[a-z]{0,5}(s|es|ies|sses|ches|xe|us|ss)",
        "[\u{0591}-\u{05F4}\u{FB1D}-\u{FB4F}]{0,8}",
        "[והבלמשכ]{0,4}[\u{05D0}-\u{05EA}]{0,4}(ים|ות)?",
        "[\u{0620}-\u{064A}\u{06BA}\u{06CC}\u{06D2}]{0,5}(وں|یں|اں|ں)?",
        Just(" ".to_owned()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Text with a good share of what hostile input holds: escapes, C1, bidi controls, Arabic
/// with harakat, line separators, and anything else.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}]0;t\u{7}".to_owned()),
        Just("\u{1b}[31m".to_owned()),
        Just("\u{9b}2J".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\u{2067}".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{2028}".to_owned()),
        Just("\t".to_owned()),
        Just("بِسْمِ".to_owned()),
        Just("الأمن ".to_owned()),
        any::<char>().prop_map(String::from),
        "[ -~]{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn sanitised_text_is_clean_composed_and_stable(text in hostile()) {
        let clean = sanitize(&text);
        prop_assert!(!clean.chars().any(|c| c.is_control() && c != '\n'), "{clean:?}");
        prop_assert!(!clean.contains('\u{1b}'), "an escape survived");
        prop_assert!(unicode_normalization::is_nfc(&clean));
        prop_assert_eq!(sanitize(&clean), clean.clone());
    }

    #[test]
    fn terminal_text_has_no_control_but_newline_and_tab_and_no_bidi_control(text in hostile()) {
        let shown = for_terminal(&text);
        prop_assert!(!shown.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)));
        let again = for_terminal(&shown).into_owned();
        prop_assert_eq!(again, shown.into_owned());
    }

    #[test]
    fn json_for_the_terminal_means_the_same_json(text in hostile()) {
        let value = serde_json::json!({ "text": text });
        let json = serde_json::to_string(&value).expect("json");
        let safe = json_for_terminal(&json);
        prop_assert!(!safe.chars().any(|c| c.is_control() || is_bidi_control(c)));
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        prop_assert_eq!(back, value);
    }

    #[test]
    fn other_scripts_normalise_twice_the_same_and_stem_without_panicking(text in other_scripts()) {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
        for word in isnad::text::words::word_ranges(&once).filter_map(|r| once.get(r)) {
            let _ = STEMMER.stem(word);
        }
    }

    #[test]
    fn normalising_twice_changes_nothing(text in hostile()) {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
    }

    #[test]
    fn snapped_ranges_are_whole_words_inside_the_text(text in hostile(), a in 0usize..400, b in 0usize..400) {
        let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
        if let Some(range) = snap_to_words(&text, start..end) {
            prop_assert!(text.get(range.clone()).is_some(), "{range:?} splits a character");
            prop_assert!(range.start < range.end);
        }
    }

    #[test]
    fn an_anchor_is_found_again_where_it_was(text in hostile(), a in 0usize..400, b in 0usize..400) {
        let text = sanitize(&text);
        let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
        if let (Some(_), true) = (text.get(start..end), start < end) {
            let anchor = Anchor::new(&text, start..end, "hash").expect("anchor");
            prop_assert_eq!(locate(&anchor, &text), Some(start..end));
            // Text inserted before a passage found once: found again, moved by the
            // insertion, quote intact. (A passage found several times is matched by its
            // context, which arbitrary text does not make unique.)
            let moved = format!("مقدمة جديدة\n{text}");
            let quote = text.get(start..end).unwrap_or_default();
            prop_assume!(moved.matches(quote).count() == 1);
            let shift = moved.len() - text.len();
            let found = locate(&anchor, &moved);
            prop_assert!(found.is_some());
            let found = found.expect("found");
            prop_assert_eq!(moved.get(found.clone()), text.get(start..end));
            prop_assert!(found.start >= shift);
        }
    }
}
