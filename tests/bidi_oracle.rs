//! The layout engine against an independent implementation: ICU (libicu-dev), driven by the
//! small C helper in `tests/oracle/icu_bidi.c`, which this test compiles with `cc`.
//!
//! Every row of `tests/data/bidi-lines.txt` and `tests/data/bidi-paragraphs.txt`, wrapped at
//! each width from 10 to 80, with base RTL, LTR and auto: each of our visual lines must equal
//! ICU's `ubidi_setLine` + `ubidi_writeReordered` (mirroring, keep-base-combining, controls
//! removed) over the same logical range. Our break opportunities must equal ICU's line
//! break iterator's.
//!
//! Two known ways ICU's output is not what a terminal should show; the comparison applies
//! them to our side rather than loosening anything else (`as_icu_writes_it`):
//! 1. `UBIDI_REMOVE_BIDI_CONTROLS` also removes ZWJ and ZWNJ. We keep them inside their
//!    grapheme cluster: they steer shaping (می‌خواهم) and join emoji.
//! 2. ICU reorders characters, keeping only combining marks (NSM) with their base, so an
//!    emoji ZWJ sequence at an odd level comes out reversed (👩‍🔬 as 🔬👩). We reorder whole
//!    grapheme clusters, which keeps the sequence intact.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::OnceLock;

use isnad::text::bidi::{Base, LayoutSettings, break_opportunities, layout_paragraph};
use isnad::text::script::Direction;

struct Icu {
    _child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Icu {
    fn start() -> Icu {
        let mut child = Command::new(helper())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the ICU oracle");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Icu {
            _child: child,
            stdin,
            stdout,
        }
    }

    fn ask(&mut self, request: &str) -> String {
        writeln!(self.stdin, "{request}").expect("write to oracle");
        self.stdin.flush().expect("flush");
        let mut answer = String::new();
        self.stdout
            .read_line(&mut answer)
            .expect("read from oracle");
        assert!(
            !answer.starts_with("ERR"),
            "oracle failed on {request:?}: {answer}"
        );
        answer.trim_end_matches('\n').to_owned()
    }
}

/// Builds the helper once per test run.
fn helper() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/icu_bidi.c");
        let binary = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("icu_bidi");
        let status = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
            .args(["-O2", "-o"])
            .arg(&binary)
            .arg(&source)
            .args(["-licuuc", "-licudata"])
            .status()
            .expect("a C compiler (cc) to build the ICU oracle: run tests/run, which installs it");
        assert!(
            status.success(),
            "building the ICU oracle failed: run tests/run, which installs libicu-dev"
        );
        binary
    })
}

fn rows() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut rows = Vec::new();
    for name in ["bidi-lines.txt", "bidi-paragraphs.txt"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("test data");
        rows.extend(text.lines().filter(|l| !l.is_empty()).map(str::to_owned));
    }
    assert!(rows.len() >= 45, "all rows read");
    rows
}

/// UTF-16 offset of each UTF-8 byte offset that starts a character (and of the end).
fn utf16_offsets(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        map[byte] = units;
        units += c.len_utf16();
    }
    map[text.len()] = units;
    map
}

/// Characters that are invisible either way: ICU drops ZWJ/ZWNJ, we never draw the others
/// alone.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .collect()
}

/// Our visual line as ICU would write it: inside a right-to-left cluster with several base
/// characters (an emoji ZWJ sequence), ICU reverses the bases, each keeping its marks.
fn as_icu_writes_it(paragraph: &str, line: &isnad::text::bidi::Line) -> String {
    let mut out = String::new();
    for cell in &line.cells {
        let text = cell.text(paragraph);
        let mut units: Vec<String> = Vec::new();
        for c in text.chars() {
            match units.last_mut() {
                Some(unit) if unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM => {
                    unit.push(c);
                }
                _ => units.push(c.to_string()),
            }
        }
        if cell.is_rtl() && units.len() > 1 {
            units.reverse();
        }
        out.extend(units);
    }
    out
}

#[test]
fn visual_lines_match_icu_at_every_width_and_base() {
    let mut icu = Icu::start();
    let bases = [
        (Base::Forced(Direction::Rtl), 1, "rtl"),
        (Base::Forced(Direction::Ltr), 0, "ltr"),
        (
            Base::Auto {
                fallback: Direction::Ltr,
            },
            254,
            "auto",
        ),
    ];
    let mut compared = 0usize;
    let mut mismatches = Vec::new();
    for (row, text) in rows().iter().enumerate() {
        let map = utf16_offsets(text);
        let mut seen = BTreeSet::new();
        for (base, level, name) in bases {
            for width in 10..=80u16 {
                let layout = layout_paragraph(
                    text,
                    &LayoutSettings {
                        width,
                        base,
                        shape: false,
                    },
                );
                let mut ranges = Vec::new();
                let mut ours = Vec::new();
                for line in &layout.lines {
                    assert!(
                        line.width <= width || line.cells.len() == 1,
                        "row {row} width {width}: too wide"
                    );
                    let Some(end) = line.cells.iter().map(|c| c.bytes.end).max() else {
                        continue;
                    };
                    ranges.push(format!("{}-{}", map[line.bytes.start], map[end]));
                    ours.push(as_icu_writes_it(text, line));
                }
                if ranges.is_empty() || !seen.insert((name, ranges.clone())) {
                    continue;
                }
                let answer = icu.ask(&format!("R\t{level}\t{}\t{text}", ranges.join(",")));
                for (index, (icu_line, our_line)) in answer.split('\t').zip(&ours).enumerate() {
                    compared += 1;
                    if comparable(icu_line) != comparable(our_line) {
                        mismatches.push(format!(
                            "row {row} base {name} width {width} line {index}:\n  icu:  {icu_line}\n  ours: {our_line}"
                        ));
                    }
                }
            }
        }
    }
    assert!(compared > 4_000, "compared {compared} distinct lines");
    assert!(
        mismatches.is_empty(),
        "{} of {compared} lines differ from ICU:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn break_opportunities_match_icu() {
    let mut icu = Icu::start();
    let mut mismatches = Vec::new();
    for (row, text) in rows().iter().enumerate() {
        let map = utf16_offsets(text);
        let ours: Vec<usize> = break_opportunities(text)
            .into_iter()
            .map(|at| map[at])
            .collect();
        let answer = icu.ask(&format!("B\t{text}"));
        let theirs: Vec<usize> = answer
            .split_whitespace()
            .map(|n| n.parse().expect("offset"))
            .filter(|&n| n > 0)
            .collect();
        if ours != theirs {
            mismatches.push(format!(
                "row {row}: ours {ours:?}\n        icu  {theirs:?}\n        {text}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "break opportunities differ from ICU:\n{}",
        mismatches.join("\n")
    );
}
