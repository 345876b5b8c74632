//! `isnad show`: documents laid out by the RTL engine as the reader pane will show them.

mod common;

use common::{SAMPLE_A, isnad};
use predicates::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width, measured cluster by cluster as the engine does.
fn cells(line: &str) -> usize {
    line.graphemes(true)
        .map(|g| g.width().max(usize::from(!g.trim().is_empty())))
        .sum()
}

fn show(args: &[&str], stdin: Option<&str>) -> (String, tempfile::TempDir) {
    let data = tempfile::tempdir().expect("tempdir");
    let mut cmd = isnad(data.path(), data.path());
    cmd.arg("show").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let output = cmd.output().expect("run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (String::from_utf8(output.stdout).expect("utf-8"), data)
}

#[test]
fn a_sample_report_is_right_aligned_in_visual_order() {
    let (out, _data) = show(&[SAMPLE_A, "--width", "60"], None);
    let lines: Vec<&str> = out.lines().collect();
    let title = ".سوكورك موجه يف شعاد طروتب ةرم لوأل فرتعت ايسور";
    assert_eq!(
        lines[0],
        format!("{}{title}", " ".repeat(60 - title.chars().count()))
    );
    assert_eq!(cells(lines[0]), 60);
    assert_eq!(lines[1], "", "one empty line between paragraphs");
    for line in lines.iter().filter(|l| !l.is_empty()) {
        assert_eq!(cells(line), 60, "right-aligned to the width: {line:?}");
    }
    let sample = std::fs::read_to_string(common::sample_dir().join(SAMPLE_A)).expect("sample");
    let paragraphs = sample.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(out.split("\n\n").count(), paragraphs);
}

#[test]
fn logical_output_keeps_the_line_breaks_in_logical_order() {
    let (visual, _a) = show(&[SAMPLE_A, "--width", "50"], None);
    let (logical, _b) = show(&[SAMPLE_A, "--width", "50", "--logical"], None);
    assert_eq!(visual.lines().count(), logical.lines().count());
    let first_paragraph: Vec<&str> = logical
        .split("\n\n")
        .nth(1)
        .expect("body")
        .lines()
        .collect();
    assert!(first_paragraph[0].starts_with("بعد مضي شهرين"));
    let sample = std::fs::read_to_string(common::sample_dir().join(SAMPLE_A)).expect("sample");
    let body_first = sample.lines().nth(1).expect("line");
    assert_eq!(first_paragraph.join(" "), body_first.trim_end());
    assert!(logical.lines().all(|l| !l.starts_with(' ')), "no padding");
}

#[test]
fn standard_input_follows_the_document_direction_unless_told() {
    let text = "CNN: مقتل 144 شخصاً";
    let (rtl, _a) = show(&["-", "--width", "30"], Some(text));
    assert_eq!(rtl, format!("{}اًصخش 144 لتقم :CNN\n", " ".repeat(12)));
    let (auto, _b) = show(&["-", "--width", "30", "--base", "auto"], Some(text));
    assert_eq!(auto, "CNN: اًصخش 144 لتقم\n");
    let (ltr, _c) = show(&["-", "--width", "30", "--base", "ltr"], Some(text));
    assert_eq!(ltr, auto);
}

#[test]
fn a_file_outside_the_workspace_can_be_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("note.md");
    std::fs::write(&path, "---\ntitle: عنوان\n---\nنص (قصير)").expect("write");
    let (out, _data) = show(&[path.to_str().expect("path"), "--width", "20"], None);
    assert_eq!(out, format!("{:>20}\n\n{:>20}\n", "ناونع", "(ريصق) صن"));
}

#[test]
fn shaping_uses_presentation_forms_one_cell_per_letter() {
    let (plain, _a) = show(&["-", "--width", "20"], Some("لا بيت"));
    let (shaped, _b) = show(&["-", "--width", "20", "--shape"], Some("لا بيت"));
    assert_eq!(cells(plain.trim_end()), cells(shaped.trim_end()));
    assert!(
        shaped.contains('\u{FEDF}') && shaped.contains('\u{FE91}'),
        "{shaped:?}"
    );
    let (unshaped, _c) = show(
        &["-", "--width", "20", "--shape", "--no-shape"],
        Some("لا بيت"),
    );
    assert_eq!(unshaped, plain);
}

#[test]
fn no_control_or_escape_reaches_the_output() {
    let hostile =
        "عنوان\u{202E}abc\u{202C}\n\u{1b}]52;c;ZXZpbA==\u{7}نص \u{2067}مخفي\u{2069} \u{200F}x";
    let (out, _data) = show(&["-", "--width", "40"], Some(hostile));
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(
        !out.chars().any(isnad::text::bidi::is_bidi_control),
        "{out:?}"
    );
    assert!(
        out.contains("cba"),
        "the override is applied by the engine: {out:?}"
    );
}

#[test]
fn unknown_documents_and_bad_widths_are_errors() {
    let data = tempfile::tempdir().expect("tempdir");
    isnad(data.path(), data.path())
        .args(["show", "nope.txt"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("no document \"nope.txt\"")
                .and(predicate::str::contains("isnad search")),
        );
    isnad(data.path(), data.path())
        .args(["show", SAMPLE_A, "--width", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--width 1 is out of range"));
}

/// One 50 MB line took 3.3 GB to lay out. A long paragraph is laid out in pieces: shown as
/// one paragraph (no blank line inside it), right-aligned, every word whole and in order.
#[test]
fn a_very_long_line_is_one_right_to_left_paragraph() {
    let words: Vec<String> = (0..12_000).map(|n| format!("كلمة{n}")).collect();
    let input = format!("عنوان\n{}\n", words.join(" "));
    assert!(input.len() > 100_000);
    let (out, _data) = show(&["-", "--width", "70", "--logical"], Some(&input));
    let body = out
        .split("\n\n")
        .nth(1)
        .expect("the body after one blank line");
    assert!(!body.trim_end().contains("\n\n"), "no blank line inside");
    let shown: Vec<&str> = body.split_whitespace().collect();
    assert_eq!(shown, words, "every word, whole, in order");
    let (visual, _data) = show(&["-", "--width", "70"], Some(&input));
    for line in visual.lines().filter(|l| !l.is_empty()) {
        assert_eq!(cells(line), 70, "right-aligned to the width: {line:?}");
    }
}
