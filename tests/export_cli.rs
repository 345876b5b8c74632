//! `isnad export --format json` and `isnad import`: the whole store out and back in. A
//! fresh workspace with the same documents gets the same annotations; a workspace where a
//! report was renamed and edited places them by content hash and by quote; what cannot be
//! placed is kept as orphaned and reported; bad files are refused with a reason.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

struct Case {
    _dir: tempfile::TempDir,
    data: PathBuf,
    root: PathBuf,
}

impl Case {
    fn new(name: &str) -> Case {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let root = dir.path().join(name);
        common::isnad(&data, dir.path())
            .args(["init", name])
            .assert()
            .success();
        common::copy_sample_reports(&root.join("corpus"));
        Case {
            _dir: dir,
            data,
            root,
        }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        common::isnad(&self.data, &self.root)
            .args(args)
            .output()
            .expect("isnad")
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    fn export(&self) -> Value {
        serde_json::from_str(&self.ok(&["export", "--format", "json"])).expect("JSON")
    }
}

/// The sample annotated: بوتين everywhere, a claim with evidence in both reports.
fn annotated() -> Case {
    let case = Case::new("first");
    case.ok(&[
        "entity",
        "add",
        "بوتين",
        "--type",
        "PER",
        "--alias",
        "Putin",
        "--all",
    ]);
    case.ok(&["claim", "add", "death toll", "--status", "disputed"]);
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    case.ok(&[
        "claim",
        "link",
        "1",
        "--doc",
        a,
        "--quote",
        "أسفر عن مقتل 144 شخصًا",
        "--stance",
        "supports",
    ]);
    case.ok(&[
        "claim",
        "link",
        "1",
        "--doc",
        b,
        "--quote",
        "توفي على الأقل 143 شخصا",
        "--stance",
        "mentions",
        "--note",
        "at least",
    ]);
    case
}

/// An export without what differs between workspaces by design (nothing, today).
fn annotations(export: &Value) -> (Value, Value) {
    (export["entities"].clone(), export["claims"].clone())
}

#[test]
fn export_then_import_into_a_fresh_workspace_gives_the_same_annotations() {
    let first = annotated();
    let out = first.root.join("notes.json");
    first.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        out.to_str().expect("path"),
    ]);
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("JSON");
    assert_eq!(exported["format"], "isnad-export");
    assert_eq!(exported["version"], 1);
    assert_eq!(
        exported["entities"][0]["mentions"]
            .as_array()
            .expect("m")
            .len(),
        8
    );

    let second = Case::new("second");
    let said = second.ok(&["import", out.to_str().expect("path")]);
    assert!(
        said.contains("imported 1 entity (1 new) with 8 new mentions"),
        "{said}"
    );
    assert_eq!(annotations(&second.export()), annotations(&exported));
    // Importing again doubles nothing.
    second.ok(&["import", out.to_str().expect("path")]);
    assert_eq!(annotations(&second.export()), annotations(&exported));
    // And the import is one step.
    assert!(second.ok(&["undo"]).contains("import"));
}

#[test]
fn a_renamed_and_edited_report_is_placed_by_hash_and_by_quote() {
    let first = annotated();
    let out = first.root.join("notes.json");
    first.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        out.to_str().expect("path"),
    ]);

    let other = Case::new("other");
    let corpus = other.root.join("corpus");
    // A renamed (same content), B edited so the 143 passage is gone.
    std::fs::rename(corpus.join(common::SAMPLE_A), corpus.join("renamed.txt")).expect("rename");
    let b = corpus.join(common::SAMPLE_B);
    let text = std::fs::read_to_string(&b)
        .expect("read")
        .replace("توفي على الأقل 143 شخصا", "");
    std::fs::write(&b, text).expect("write");
    let output = other.run(&["import", out.to_str().expect("path")]);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("توفي على الأقل 143 شخصا") && said.contains("kept as orphaned"),
        "{said}"
    );
    let claims = other.export()["claims"].clone();
    let evidence = claims[0]["evidence"].as_array().expect("evidence");
    let placed = evidence
        .iter()
        .find(|e| e["orphaned"] == false)
        .expect("placed");
    assert_eq!(placed["doc"], "renamed.txt", "found by its content hash");
    let text = std::fs::read_to_string(corpus.join("renamed.txt")).expect("read");
    let (start, end) = (
        usize::try_from(placed["start"].as_u64().expect("s")).expect("usize"),
        usize::try_from(placed["end"].as_u64().expect("e")).expect("usize"),
    );
    assert_eq!(
        text.chars()
            .skip(start)
            .take(end - start)
            .collect::<String>(),
        "أسفر عن مقتل 144 شخصًا"
    );
    assert!(evidence.iter().any(|e| e["orphaned"] == true));
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let case = Case::new("case");
    let write = |name: &str, text: &str| -> PathBuf {
        let path = case.root.join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let arg = |p: &Path| p.to_str().expect("path").to_owned();
    for (file, expected) in [
        (write("not.json", "not json at all"), "not an isnad export"),
        (
            write("other.json", r#"{"format": "something-else"}"#),
            "isnad export --format json",
        ),
        (
            write("newer.json", r#"{"format": "isnad-export", "version": 99}"#),
            "newer isnad",
        ),
    ] {
        let output = case.run(&["import", &arg(&file)]);
        assert!(!output.status.success());
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(expected), "{said}");
    }
    let missing = case.run(&["import", "/nonexistent/x.json"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/x.json"));
    // An export that cannot be written (its folder is a file) fails with the path.
    let target = case.root.join("isnad.toml").join("out.json");
    let output = case.run(&["export", "--format", "json", "-o", &arg(&target)]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write"));
}
