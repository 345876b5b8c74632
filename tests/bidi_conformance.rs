//! Unicode's BidiCharacterTest.txt (kept in `tests/data/unicode/`, with its licence and
//! version): for every case, the paragraph level, the resolved levels and the visual order
//! produced by our reordering step (paragraph levels, rule L1 per line, rule L2) over
//! characters.

use std::ops::Range;
use std::path::Path;

use isnad::text::bidi::{Base, line_levels, removed_by_x9, visual_order};
use isnad::text::script::Direction;
use unicode_bidi::bidi_class;

#[test]
fn bidi_character_test_levels_and_order() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/unicode/BidiCharacterTest.txt");
    let data = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; it is part of the repository", path.display()));
    let mut cases = 0;
    let mut failures = Vec::new();
    for (number, row) in data.lines().enumerate() {
        let row = row.split('#').next().unwrap_or("").trim();
        if row.is_empty() {
            continue;
        }
        let fields: Vec<&str> = row.split(';').collect();
        let [codes, direction, para_level, levels, order] = fields[..] else {
            panic!("line {}: {row}", number + 1);
        };
        let text: String = codes
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).expect("hex")).expect("scalar"))
            .collect();
        let base = match direction {
            "0" => Base::Forced(Direction::Ltr),
            "1" => Base::Forced(Direction::Rtl),
            _ => Base::Auto {
                fallback: Direction::Ltr,
            },
        };
        let units: Vec<Range<usize>> = text
            .char_indices()
            .map(|(i, c)| i..i + c.len_utf8())
            .collect();
        let (resolved, ours) = line_levels(&text, base, &units);
        let kept: Vec<usize> = text
            .chars()
            .enumerate()
            .filter(|&(_, c)| !removed_by_x9(bidi_class(c)))
            .map(|(i, _)| i)
            .collect();
        let our_levels: Vec<String> = text
            .chars()
            .zip(&ours)
            .map(|(c, l)| {
                if removed_by_x9(bidi_class(c)) {
                    "x".to_owned()
                } else {
                    l.number().to_string()
                }
            })
            .collect();
        let kept_levels: Vec<_> = kept.iter().map(|&i| ours[i]).collect();
        let our_order: Vec<String> = visual_order(&kept_levels)
            .into_iter()
            .map(|v| kept[v].to_string())
            .collect();
        let expected_level = if para_level == "1" {
            Direction::Rtl
        } else {
            Direction::Ltr
        };
        cases += 1;
        if resolved != expected_level
            || our_levels.join(" ") != levels.trim()
            || our_order.join(" ") != order.trim()
        {
            failures.push(format!(
                "line {}: {codes}\n  levels {levels} / ours {}\n  order  {order} / ours {}",
                number + 1,
                our_levels.join(" "),
                our_order.join(" ")
            ));
        }
    }
    assert!(cases > 90_000, "read {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases fail:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
