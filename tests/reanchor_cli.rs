//! Annotations that survive edited documents: a paragraph inserted before mentions, a word
//! edited inside a piece of evidence, a passage deleted, a file renamed. After `isnad index`
//! the first two are found again, the third is kept as orphaned and reported, and the
//! renamed file's annotations moved with it.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn isnad(data: &Path, root: &Path, args: &[&str]) -> std::process::Output {
    common::isnad(data, root)
        .args(args)
        .output()
        .expect("isnad")
}

fn ok(data: &Path, root: &Path, args: &[&str]) -> String {
    let output = isnad(data, root, args);
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn json(data: &Path, root: &Path, args: &[&str]) -> Vec<Value> {
    let value: Value = serde_json::from_str(&ok(data, root, args)).expect("JSON");
    value.as_array().expect("array").clone()
}

/// The document's text as offsets count it (title, newline, body) from its file.
fn text(root: &Path, doc: &str) -> String {
    std::fs::read_to_string(root.join("corpus").join(doc))
        .expect("read")
        .trim_end()
        .to_owned()
}

fn slice(text: &str, piece: &Value) -> String {
    let start = usize::try_from(piece["start"].as_u64().expect("start")).expect("usize");
    let end = usize::try_from(piece["end"].as_u64().expect("end")).expect("usize");
    text.chars().skip(start).take(end - start).collect()
}

const EDITED: &str = "تنظيم داعش أعلن مسؤوليته عن الهجوم";
const DELETED: &str = "توفي على الأقل 143 شخصا";

/// A workspace with بوتين tagged everywhere, موسكو tagged in note.txt and a claim with two
/// pieces of evidence; then the corpus edited as the issue says.
fn annotated_then_edited() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, root): (PathBuf, PathBuf) = (dir.path().join("data"), dir.path().join("case"));
    common::isnad(&data, dir.path())
        .args(["init", "case"])
        .assert()
        .success();
    common::copy_sample_reports(&root.join("corpus"));
    std::fs::write(
        root.join("corpus/note.txt"),
        "مذكرة\nوصل الوفد إلى موسكو صباحا.\n",
    )
    .expect("write");
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);

    ok(
        &data,
        &root,
        &["entity", "add", "بوتين", "--type", "PER", "--all"],
    );
    ok(
        &data,
        &root,
        &[
            "entity",
            "add",
            "موسكو",
            "--type",
            "LOC",
            "--doc",
            "note.txt",
            "--quote",
            "موسكو",
        ],
    );
    ok(
        &data,
        &root,
        &["claim", "add", "ISIS claimed responsibility"],
    );
    let (edited, deleted) = (EDITED, DELETED);
    ok(
        &data,
        &root,
        &[
            "claim", "link", "1", "--doc", a, "--quote", edited, "--stance", "supports",
        ],
    );
    ok(
        &data,
        &root,
        &[
            "claim", "link", "1", "--doc", b, "--quote", deleted, "--stance", "mentions",
        ],
    );

    // A paragraph before everything in A, a word edited inside the evidence, the passage of
    // B deleted, and note.txt moved to another folder.
    let a_path = root.join("corpus").join(a);
    let original = std::fs::read_to_string(&a_path).expect("read");
    let (title, body) = original.split_once('\n').expect("title");
    let changed = format!("{title}\nفقرة جديدة أضيفت في أول التقرير.\n{body}")
        .replace("أعلن مسؤوليته", "أعلن مسئوليته");
    std::fs::write(&a_path, changed).expect("write");
    let b_path = root.join("corpus").join(b);
    let b_text = std::fs::read_to_string(&b_path)
        .expect("read")
        .replace(deleted, "");
    std::fs::write(&b_path, b_text).expect("write");
    std::fs::create_dir_all(root.join("corpus/moved")).expect("mkdir");
    std::fs::rename(
        root.join("corpus/note.txt"),
        root.join("corpus/moved/note.txt"),
    )
    .expect("rename");
    (dir, data, root)
}

#[test]
fn edited_documents_keep_their_annotations_or_say_why_not() {
    let (_dir, data, root) = annotated_then_edited();
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    let deleted = DELETED;
    let output = isnad(&data, &root, &["index"]);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("1 moved with their file, 1 orphaned"),
        "{said}"
    );
    assert!(
        said.contains(&format!("orphaned evidence in {b}: {deleted}")),
        "{said}"
    );

    // Every mention of بوتين in A is found again, at its new place.
    let entities = json(&data, &root, &["entity", "list", "--json"]);
    let putin = entities
        .iter()
        .find(|e| e["name"] == "بوتين")
        .expect("بوتين");
    let a_text = text(&root, a);
    for mention in putin["mentions"].as_array().expect("mentions") {
        assert_eq!(mention["orphaned"], false);
        let doc = mention["doc"].as_str().expect("doc");
        assert_eq!(slice(&text(&root, doc), mention), "بوتين");
    }
    // The renamed file's mention moved with it.
    let moscow = entities
        .iter()
        .find(|e| e["name"] == "موسكو")
        .expect("موسكو");
    let mention = &moscow["mentions"][0];
    assert_eq!(mention["doc"], "moved/note.txt");
    assert_eq!(slice(&text(&root, "moved/note.txt"), mention), "موسكو");

    let claims = json(&data, &root, &["claim", "list", "--json"]);
    let evidence = claims[0]["evidence"].as_array().expect("evidence");
    let in_a = evidence.iter().find(|e| e["doc"] == a).expect("A");
    assert_eq!(in_a["orphaned"], false);
    assert_eq!(
        slice(&a_text, in_a),
        "تنظيم داعش أعلن مسئوليته عن الهجوم",
        "found again, as edited"
    );
    let in_b = evidence.iter().find(|e| e["doc"] == b).expect("B is kept");
    assert_eq!(in_b["orphaned"], true);
    assert_eq!(in_b["start"], Value::Null);
    assert_eq!(in_b["quote"], deleted, "with its last known quote");
}
