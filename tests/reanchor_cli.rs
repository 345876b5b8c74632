//! Annotations that survive edited documents: a paragraph inserted before mentions, a word
//! edited inside a piece of evidence, a passage deleted, a file renamed. After `isnad index`
//! the first two are found again, the third is kept as orphaned and reported, and the
//! renamed file's annotations moved with it.

mod common;

use common::case::{Case, slice_at};

const EDITED: &str = "تنظيم داعش أعلن مسؤوليته عن الهجوم";
const DELETED: &str = "توفي على الأقل 143 شخصا";

/// A workspace with بوتين tagged everywhere, موسكو tagged in note.txt and a claim with two
/// pieces of evidence; then the corpus edited as the issue says.
fn annotated_then_edited() -> Case {
    let case = Case::new("case");
    let root = case.root.clone();
    std::fs::write(
        root.join("corpus/note.txt"),
        "مذكرة\nوصل الوفد إلى موسكو صباحا.\n",
    )
    .expect("write");
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);

    case.ok(&["entity", "add", "بوتين", "--type", "PER", "--all"]);
    case.ok(&[
        "entity",
        "add",
        "موسكو",
        "--type",
        "LOC",
        "--doc",
        "note.txt",
        "--quote",
        "موسكو",
    ]);
    case.ok(&["claim", "add", "ISIS claimed responsibility"]);
    let (edited, deleted) = (EDITED, DELETED);
    case.ok(&[
        "claim", "link", "1", "--doc", a, "--quote", edited, "--stance", "supports",
    ]);
    case.ok(&[
        "claim", "link", "1", "--doc", b, "--quote", deleted, "--stance", "mentions",
    ]);

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
    case
}

#[test]
fn edited_documents_keep_their_annotations_or_say_why_not() {
    let case = annotated_then_edited();
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    let deleted = DELETED;
    let output = case.run(&["index"]);
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
    let entities = case.entities();
    let putin = entities
        .iter()
        .find(|e| e["name"] == "بوتين")
        .expect("بوتين");
    let a_text = case.text(a);
    for mention in putin["mentions"].as_array().expect("mentions") {
        assert_eq!(mention["orphaned"], false);
        let doc = mention["doc"].as_str().expect("doc");
        assert_eq!(slice_at(&case.text(doc), mention), "بوتين");
    }
    // The renamed file's mention moved with it.
    let moscow = entities
        .iter()
        .find(|e| e["name"] == "موسكو")
        .expect("موسكو");
    let mention = &moscow["mentions"][0];
    assert_eq!(mention["doc"], "moved/note.txt");
    assert_eq!(slice_at(&case.text("moved/note.txt"), mention), "موسكو");

    let claims = case.claims();
    let evidence = claims[0]["evidence"].as_array().expect("evidence");
    let in_a = evidence.iter().find(|e| e["doc"] == a).expect("A");
    assert_eq!(in_a["orphaned"], false);
    assert_eq!(
        slice_at(&a_text, in_a),
        "تنظيم داعش أعلن مسئوليته عن الهجوم",
        "found again, as edited"
    );
    let in_b = evidence.iter().find(|e| e["doc"] == b).expect("B is kept");
    assert_eq!(in_b["orphaned"], true);
    assert_eq!(in_b["start"], serde_json::Value::Null);
    assert_eq!(in_b["quote"], deleted, "with its last known quote");
}
