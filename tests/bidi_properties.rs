//! Properties of the layout engine over random mixed text (rtl.md, "Independent oracles"):
//! every visible cluster appears exactly once; no line is wider than the pane; no bidi
//! control or other control reaches a cell; LTR-only text lays out like plain wrapped text;
//! the cell <-> logical maps round-trip. And no panic on hostile input.

use isnad::text::bidi::{
    Base, LayoutSettings, ParagraphLayout, is_bidi_control, is_lone_mark, layout_paragraph,
    line_text,
};
use isnad::text::script::Direction;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

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

fn check_invariants(text: &str, layout: &ParagraphLayout, width: u16) {
    // Lines cover the paragraph in order, without gaps or overlaps.
    let mut expected_start = 0;
    for line in &layout.lines {
        assert_eq!(line.bytes.start, expected_start, "lines are contiguous");
        expected_start = line.bytes.end;
    }
    assert_eq!(expected_start, text.len(), "lines cover the paragraph");

    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut seen = Vec::new();
    for (index, line) in layout.lines.iter().enumerate() {
        assert!(
            line.width <= width || line.cells.len() == 1,
            "line {index} is {} wide in {width}",
            line.width
        );
        let mut x = line.x;
        for cell in &line.cells {
            assert_eq!(cell.x, x, "cells are adjacent, left to right");
            x += u16::from(cell.width);
            assert!(x <= width.max(2), "cell beyond the pane");
            assert!(
                boundaries.contains(&cell.bytes.start) && boundaries.contains(&cell.bytes.end),
                "a cell is a whole cluster"
            );
            assert!(
                line.bytes.start <= cell.bytes.start && cell.bytes.end <= line.bytes.end,
                "a cell belongs to its line"
            );
            let drawn = cell.text(text);
            assert!(!drawn.is_empty());
            assert!(
                !drawn.chars().any(|c| is_bidi_control(c) || c.is_control()),
                "control in a cell: {drawn:?}"
            );
            // Maps round-trip.
            assert_eq!(layout.locate(cell.bytes.start), Some((index, cell.x)));
            for dx in 0..u16::from(cell.width) {
                assert_eq!(layout.hit(index, cell.x + dx), Some(cell.bytes.clone()));
            }
            seen.push(cell.bytes.clone());
        }
        assert_eq!(x, line.x + line.width);
    }
    // Every cluster is drawn exactly once, unless it has nothing to draw or is a space
    // hanging at the end of its line.
    seen.sort_by_key(|r| r.start);
    assert!(
        seen.windows(2).all(|w| w[0].end <= w[1].start),
        "no cluster drawn twice"
    );
    for (start, cluster) in text.grapheme_indices(true) {
        let drawn = seen.iter().any(|r| r.start == start);
        if drawn {
            continue;
        }
        let visible: String = cluster
            .chars()
            .filter(|&c| !is_bidi_control(c) && !c.is_control())
            .collect();
        let line = layout
            .lines
            .iter()
            .find(|l| l.bytes.contains(&start))
            .expect("in a line");
        let rest = text.get(start..line.bytes.end).unwrap_or_default();
        let nothing_to_draw = |s: &str| {
            let kept: String = s
                .chars()
                .filter(|&c| !is_bidi_control(c) && !c.is_control())
                .collect();
            unicode_width::UnicodeWidthStr::width(kept.as_str()) == 0 && !is_lone_mark(&kept)
        };
        let hanging = rest
            .graphemes(true)
            .all(|g| g.chars().all(char::is_whitespace) || nothing_to_draw(g));
        let invisible = nothing_to_draw(&visible);
        assert!(
            hanging || invisible,
            "cluster {cluster:?} at {start} was not drawn"
        );
    }
}

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
