//! An index that cannot be trusted is found out at open and rebuilt, with a message that
//! says why; one left by an interrupted update is checked file by file before it is used.

mod common;

use std::path::{Path, PathBuf};

use common::case::Case;

/// An indexed case, and the files of its index.
fn indexed() -> Case {
    let case = Case::new("recover");
    case.ok(&["index"]);
    case
}

fn index_files(case: &Case, extension: &str) -> Vec<PathBuf> {
    std::fs::read_dir(case.root.join(".isnad/index"))
        .expect("the index folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect()
}

fn marker(case: &Case) -> PathBuf {
    case.root.join(".isnad/manifest.writing")
}

/// `isnad search داعش`: what it says on stderr; it must succeed and find both reports.
fn search(case: &Case) -> String {
    let output = case.run(&["search", "داعش"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.starts_with("2 documents:"), "{stdout}\n{stderr}");
    stderr
}

fn flip_byte(path: &Path, at: usize) {
    let mut bytes = std::fs::read(path).expect("read");
    bytes[at] ^= 0xFF;
    std::fs::write(path, bytes).expect("write");
}

/// An index written by the analyzer before this one (issue 19 changed the stems) is rebuilt
/// by itself, and the user is told why.
#[test]
fn an_index_from_an_older_analyzer_is_rebuilt() {
    let case = indexed();
    let build = case.root.join(".isnad/manifest.build");
    let current = std::fs::read_to_string(&build).expect("the build id");
    let marker = format!("-analyzer{}-", isnad::index::ANALYZER_VERSION);
    assert!(current.contains(&marker), "{current}");
    let older = format!("-analyzer{}-", isnad::index::ANALYZER_VERSION - 1);
    std::fs::write(&build, current.replace(&marker, &older)).expect("write");
    let said = search(&case);
    assert!(
        said.contains("Building the index (it was built by another version of isnad's analyzer"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&build).expect("rebuilt"), current);
}

#[test]
fn a_damaged_meta_file_is_rebuilt() {
    let case = indexed();
    std::fs::write(case.root.join(".isnad/index/meta.json"), "{ not json").expect("write");
    let said = search(&case);
    assert!(
        said.contains("Building the index (it could not be opened"),
        "{said}"
    );
}

#[test]
fn a_truncated_segment_is_rebuilt() {
    let case = indexed();
    let term = &index_files(&case, "term")[0];
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(term)
        .expect("open");
    file.set_len(100).expect("truncate");
    let said = search(&case);
    assert!(said.contains("Building the index (it is damaged"), "{said}");
    // Rebuilt once, trusted after.
    assert_eq!(search(&case), "");
}

#[test]
fn an_interrupted_update_is_checked_and_a_damaged_file_rebuilt() {
    let case = indexed();
    std::fs::write(marker(&case), "").expect("marker");
    flip_byte(&index_files(&case, "pos")[0], 10);
    let said = search(&case);
    assert!(
        said.contains("the last update was interrupted and left 1 file damaged"),
        "{said}"
    );
    assert!(!marker(&case).exists());
    assert_eq!(search(&case), "");
}

#[test]
fn an_interrupted_update_that_left_the_index_whole_is_finished() {
    let case = indexed();
    std::fs::write(marker(&case), "").expect("marker");
    // The file the interrupted update was reading.
    std::fs::write(case.root.join("corpus/late.txt"), "خبر متأخر عن داعش\n").expect("write");
    let output = case.run(&["search", "داعش"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stderr.contains("The last indexing was interrupted; the index checks out whole"),
        "{stderr}"
    );
    assert!(stdout.starts_with("3 documents:"), "{stdout}");
    assert!(!marker(&case).exists());
}

#[test]
fn without_a_marker_a_damaged_checksum_is_not_looked_for_but_search_still_answers() {
    // The full check reads every byte of the index; it runs only after an interruption.
    // A flipped byte in a positions file at rest is caught by tantivy when read, or not at
    // all; search must not panic either way.
    let case = indexed();
    flip_byte(&index_files(&case, "pos")[0], 10);
    let output = case.run(&["search", "\"داعش\""]);
    // 101 is a Rust panic's exit code; a signal has none.
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "an answer or an error, no crash: {output:?}"
    );
}
