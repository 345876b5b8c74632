//! Commands that only read never parse the index manifest (a record of every file: 3.4 MB
//! at 20k files, 81 MB at a million documents), or every command costs in proportion to
//! the corpus (issue 24: two thirds of `isnad search`'s time at 100k files). Checked by
//! making the manifest unreadable after indexing: each command must still answer right,
//! say nothing of rebuilding or re-reading, and leave the file as it found it.

mod common;

use common::case::Case;

#[test]
fn reading_commands_answer_without_the_manifest() {
    let case = Case::new("case");
    case.ok(&["index"]);
    // A word the stemmer would cut (المهاجمون, "-ون") and no list protects yet: tagged,
    // it becomes a protected name, and each command checks it against the last index.
    case.ok(&["entity", "add", "المهاجمون", "--type", "MISC", "--all"]);
    case.ok(&["index"]);
    let expected = case.ok(&["search", "داعش", "--json"]);
    let manifest = case.root.join(".isnad/manifest.json");
    assert!(
        manifest.is_file(),
        "the manifest is where this test expects it"
    );
    let garbage = b"{ not a manifest";
    std::fs::write(&manifest, garbage).expect("spoil the manifest");

    let reading: [&[&str]; 8] = [
        &["search", "داعش", "--json"],
        &["search", "entity:المهاجمون"],
        &["show", common::SAMPLE_A, "--width", "60"],
        &["entity", "list", "--json"],
        &["claim", "list"],
        &["export", "--format", "md"],
        &["export", "--format", "json"],
        // `isnad` without a terminal: the workspace's summary.
        &[],
    ];
    for args in reading {
        let output = case.run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Building") && !stderr.contains("Re-reading"),
            "{args:?} touched the index: {stderr}"
        );
        assert_eq!(
            std::fs::read(&manifest).expect("manifest"),
            garbage,
            "{args:?} rewrote the manifest"
        );
    }
    assert_eq!(case.ok(&["search", "داعش", "--json"]), expected);
    // The summary's counts come from the manifest's sidecar, not from the spoiled file.
    let summary = case.ok(&[]);
    assert!(
        summary.contains("2 documents indexed from 2 files."),
        "{summary}"
    );
}

/// An import places a document known by its content under this workspace's id for it:
/// asked of the index, not of the manifest.
#[test]
fn an_import_finds_a_renamed_document_by_content_without_the_manifest() {
    let case = Case::new("case");
    case.ok(&["index"]);
    case.ok(&["claim", "add", "death toll"]);
    case.link(
        "1",
        common::SAMPLE_A,
        "أسفر عن مقتل 144 شخصًا",
        "supports",
        &[],
    )
    .expect("link");
    let bundle = case.ok(&["export", "--format", "json"]);
    // The same report under another name, in another workspace.
    let other = Case::new("other");
    let corpus = other.root.join("corpus");
    std::fs::rename(
        corpus.join(common::SAMPLE_A),
        corpus.join("renamed-report.txt"),
    )
    .expect("rename");
    other.ok(&["index"]);
    std::fs::write(other.root.join(".isnad/manifest.json"), b"{ spoiled").expect("spoil");
    let file = other.root.join("bundle.json");
    std::fs::write(&file, bundle).expect("write the bundle");
    other.ok(&["import", file.to_str().expect("utf-8 path")]);
    let claims = other.claims();
    let evidence = &claims[0]["evidence"][0];
    assert_eq!(evidence["doc"], "renamed-report.txt", "{claims:#?}");
    assert_eq!(evidence["orphaned"], false, "{claims:#?}");
}
