//! Properties of the layout engine over random mixed text (`docs/rtl.md`, "Independent
//! oracles"): every visible cluster appears exactly once; no line is wider than the pane; no
//! bidi control or other control reaches a cell; LTR-only text lays out like plain wrapped
//! text; the cell <-> logical maps round-trip. And no panic on hostile input.

use isnad::text::bidi::{Base, LayoutSettings, layout_paragraph, line_text};
use isnad::text::script::Direction;
use proptest::prelude::*;

/// Pieces of text the generator strings together.
const PIECES: &[&str] = &[
    "ب",
    "ت",
    "س",
    "م",
    "ل",
    "ا",
    "ة",
    "ى",
    "لا",
    "شخصاً",
    "الأمنِ",
    "ـ",
    "\u{064B}",
    "\u{0651}",
    "a",
    "b",
    "Z",
    "ISIS-K",
    "1",
    "144",
    "٢٠٢٤",
    "3.5%",
    "-5",
    " ",
    " ",
    " ",
    "  ",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "“",
    "”",
    ".",
    "،",
    ":",
    "/",
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200E}",
    "\u{200F}",
    "\u{061C}",
    "\u{200C}",
    "\u{200D}",
    "🔴",
    "👩\u{200D}🔬",
    "你好",
    "\u{00A0}",
    "https://x.org/a?b=1",
    "\u{05D0}\u{05D1}",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|pieces| pieces.concat())
}

fn base() -> impl Strategy<Value = Base> {
    prop_oneof![
        Just(Base::Forced(Direction::Rtl)),
        Just(Base::Forced(Direction::Ltr)),
        Just(Base::Auto {
            fallback: Direction::Rtl
        }),
    ]
}

use isnad::fuzzing::check_layout as check_invariants;

proptest! {
    // 256 cases by default; PROPTEST_CASES=20000 for a long run.
    #[test]
    fn layout_invariants_hold(text in text(), width in 2u16..60, base in base(), shape in any::<bool>()) {
        let layout = layout_paragraph(&text, &LayoutSettings { width, base, shape });
        check_invariants(&text, &layout, width);
    }

    #[test]
    fn ltr_only_text_lays_out_like_plain_wrapped_text(
        words in prop::collection::vec("[a-z]{1,12}", 0..30),
        width in 12u16..60,
    ) {
        let text = words.join(" ");
        let layout = layout_paragraph(&text, &LayoutSettings { width, base: Base::Forced(Direction::Ltr), shape: false });
        let mut rebuilt = Vec::new();
        for line in &layout.lines {
            prop_assert_eq!(line.x, 0);
            let logical = text.get(line.bytes.clone()).unwrap_or_default().trim_end();
            prop_assert_eq!(line_text(&text, line, true), logical);
            rebuilt.push(logical.to_owned());
        }
        prop_assert_eq!(rebuilt.join(" "), text.clone());
        // Greedy: no line could have taken the next word.
        for pair in rebuilt.windows(2) {
            let next_word = pair[1].split(' ').next().unwrap_or("");
            prop_assert!(pair[0].len() + 1 + next_word.len() > usize::from(width));
        }
    }
}

#[test]
fn hostile_input_does_not_panic() {
    let cases = [
        String::new(),
        "\u{202B}".repeat(125) + "x" + &"\u{202C}".repeat(125),
        "\u{2067}".repeat(200) + "نص",
        "\u{202E}".repeat(300),
        "\u{2069}\u{202C}\u{2069}".repeat(50),
        "\u{202E}txt.exe\u{202C}".to_owned(),
        "\u{064B}\u{064C}\u{0651}".to_owned(),
        " ".repeat(500),
        "ـ".repeat(1000),
        "x".repeat(5000),
    ];
    for text in &cases {
        for width in [1, 2, 3, 80] {
            for base in [
                Base::Forced(Direction::Rtl),
                Base::Forced(Direction::Ltr),
                Base::Auto {
                    fallback: Direction::Rtl,
                },
            ] {
                for shape in [false, true] {
                    let layout = layout_paragraph(text, &LayoutSettings { width, base, shape });
                    if width >= 2 {
                        check_invariants(text, &layout, width);
                    }
                }
            }
        }
    }
}

#[test]
fn rlo_spoofing_is_laid_out_not_obeyed_by_the_terminal() {
    // "exe.txt" spoofed with RLO: the engine applies the override itself and no RLO reaches
    // the screen, so the terminal cannot apply it a second time.
    let text = "invoice\u{202E}txt.exe";
    let layout = layout_paragraph(
        text,
        &LayoutSettings {
            width: 40,
            base: Base::Forced(Direction::Ltr),
            shape: false,
        },
    );
    let shown = line_text(text, &layout.lines[0], false);
    assert_eq!(shown, "invoiceexe.txt");
    assert!(!shown.contains('\u{202E}'));
}
