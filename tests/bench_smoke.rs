//! The benchmark suite at 100 documents, so the harness cannot rot: it generates, indexes,
//! times and writes a report with every section. (The real run is `isnad-bench suite`.)

use assert_cmd::Command;

#[test]
fn the_suite_runs_end_to_end_on_a_tiny_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("RESULTS.md");
    Command::cargo_bin("isnad-bench")
        .expect("isnad-bench")
        .args([
            "suite",
            "--sizes",
            "100",
            "--runs",
            "3",
            "--tantivy-cli",
            "/nonexistent/tantivy",
        ])
        .arg("--work")
        .arg(dir.path().join("work"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let report = std::fs::read_to_string(&out).expect("report written");
    for section in [
        "## Indexing",
        "## Query latency",
        "Fetching 20 hits",
        "## Whole process",
        "## `isnad search` against `rg`",
        "## Incremental",
    ] {
        assert!(report.contains(section), "missing {section}:\n{report}");
    }
    assert!(
        report.contains("| 100 | "),
        "a row for 100 documents:\n{report}"
    );
    assert!(
        report.contains("not installed"),
        "a missing baseline is said, not hidden"
    );
    assert!(report.contains("| stopword phrase | "), "{report}");
}
