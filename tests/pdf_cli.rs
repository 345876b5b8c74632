//! PDFs as analysts hold them, through the command line: the same Arabic and English report
//! typeset by three producers (LibreOffice, Chromium, XeLaTeX: `tests/data/formats/`) must
//! come out as the text that was typeset, word for word and in logical order; scanned,
//! password-protected, damaged and false PDFs are skipped with their reason.

mod common;

use std::path::{Path, PathBuf};

use common::isnad;
use unicode_normalization::UnicodeNormalization;

fn formats() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats")
}

/// A workspace whose corpus holds the given fixture PDFs and the `other` files (name,
/// bytes); `isnad index`'s output.
fn index(names: &[&str], other: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf, String) {
    let data = tempfile::tempdir().expect("tempdir");
    isnad(data.path(), data.path())
        .args(["init", "case"])
        .assert()
        .success();
    let ws = data.path().join("case");
    for name in names {
        std::fs::copy(
            formats().join("pdf").join(name),
            ws.join("corpus").join(name),
        )
        .expect("copy");
    }
    for (name, bytes) in other {
        std::fs::write(ws.join("corpus").join(name), bytes).expect("write");
    }
    let output = isnad(data.path(), &ws).arg("index").output().expect("run");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    (data, ws, stdout)
}

/// Words after the normalisation search applies anyway: compatibility forms folded (NFKC),
/// tatweel and harakat dropped, punctuation at the edges of words stripped.
fn words(text: &str, harakat: bool) -> Vec<String> {
    text.nfkc()
        .filter(|&c| c != '\u{640}')
        .filter(|&c| harakat || !matches!(c, '\u{64B}'..='\u{65F}' | '\u{670}'))
        .collect::<String>()
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| c.is_ascii_punctuation() || "«»“”،؛".contains(c))
                .to_owned()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The share of the source's words found in the extracted text in the same order (the
/// longest common subsequence of the two word lists).
fn in_order(source: &[String], extracted: &[String]) -> f64 {
    let mut row = vec![0usize; extracted.len() + 1];
    for word in source {
        let mut diagonal = 0;
        for (j, other) in extracted.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if word == other {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[extracted.len()] as f64 / source.len() as f64
}

fn shown(data: &Path, ws: &Path, id: &str) -> String {
    let output = isnad(data, ws)
        .args(["show", id, "--logical", "--width", "2000"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn every_producer_gives_the_typeset_words_in_reading_order() {
    let producers = ["libreoffice.pdf", "chromium.pdf", "xelatex.pdf"];
    let (data, ws, stdout) = index(&producers, &[]);
    assert!(stdout.contains("3 documents indexed"), "{stdout}");
    let source = std::fs::read_to_string(formats().join("source.txt")).expect("source");
    let paragraphs: Vec<&str> = source.lines().filter(|l| !l.trim().is_empty()).collect();
    for producer in producers {
        let text = shown(data.path(), &ws, producer);
        let accuracy = in_order(&words(&source, false), &words(&text, false));
        assert!(
            accuracy >= 0.99,
            "{producer}: {:.1}% of words in order\n{text}",
            accuracy * 100.0
        );
        // Lines of both directions, with Latin, digits and brackets inside Arabic, each
        // whole and in logical order.
        for line in [
            "قال مسؤول في CNN إن 144 شخصاً (على الأقل) قتلوا في الهجوم الذي تبناه تنظيم ISIS-K يوم الجمعة.",
            "The spokesman said that \"الوضع تحت السيطرة\" and that 3 people (بينهم طفلان) were injured near the border.",
            "بوتين يرفض الإنذارات الأمريكية كـ\"مستفزة\".",
        ] {
            assert!(text.contains(line), "{producer}: no line {line:?}\n{text}");
        }
        // One paragraph a line, as typeset: no page header, footer or page number left.
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            lines.len() <= paragraphs.len() + 1,
            "{producer}: {} paragraphs for {}\n{text}",
            lines.len(),
            paragraphs.len()
        );
        assert!(
            !text.contains("isnad —"),
            "{producer}: running head\n{text}"
        );
        assert!(!text.contains("صفحة"), "{producer}: page footer\n{text}");
        // A word hyphenated at a line's end is whole again.
        assert!(
            text.contains("comprehensive") || producer == "xelatex.pdf",
            "{producer}\n{text}"
        );
    }
    // Harakat where the producer's map of glyphs to text keeps them: Chromium's does.
    let chromium = shown(data.path(), &ws, "chromium.pdf");
    assert!(chromium.contains("بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ"), "{chromium}");
    // Search finds words of every producer's text.
    let output = isnad(data.path(), &ws)
        .args(["search", "بورتنيكوف", "--json"])
        .output()
        .expect("run");
    let found = String::from_utf8(output.stdout).expect("utf-8");
    for producer in producers {
        assert!(found.contains(producer), "{producer} not found:\n{found}");
    }
}

#[test]
fn pdfs_that_cannot_be_read_are_skipped_with_their_reason() {
    let (_data, _ws, stdout) = index(
        &["scanned.pdf", "encrypted.pdf", "truncated.pdf"],
        &[("notes.pdf", b"plain text named .pdf"), ("empty.pdf", b"")],
    );
    for expected in [
        "skipped scanned.pdf: scanned PDF: its one page is an image without a text layer",
        "skipped encrypted.pdf: password-protected PDF",
        "skipped truncated.pdf: damaged PDF",
        "skipped notes.pdf: not a PDF file",
        "skipped empty.pdf: empty file",
    ] {
        assert!(stdout.contains(expected), "no {expected:?} in\n{stdout}");
    }
}
