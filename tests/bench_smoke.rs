//! The benchmark suite at 100 documents, so the harness cannot rot: it generates, indexes,
//! times and writes a report with every section, and times the workbench on that corpus.
//! (The real runs are `isnad-bench suite`, `isnad-bench tui` and `isnad-bench triage`.)
//! Team mode's benchmark runs on a fresh database of the throwaway PostgreSQL, with 100
//! mentions instead of 10,000 (`isnad-bench team`).

mod common;

use assert_cmd::Command;
use common::pg;

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
            "--lucene-jar",
            "/nonexistent/lucene.jar",
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
    assert!(
        report
            .contains("Lucene was not measured: the Lucene jar /nonexistent/lucene.jar is missing"),
        "why Lucene is missing is said:\n{report}"
    );
    assert!(report.contains("| CPU seconds |"), "{report}");
    assert!(report.contains("| stopword phrase | "), "{report}");

    // The workbench's timings on the same corpus.
    let workspace = std::fs::read_dir(dir.path().join("work/100"))
        .expect("work/100")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.join("isnad.toml").exists())
        .expect("a workspace");
    let output = Command::cargo_bin("isnad-bench")
        .expect("isnad-bench")
        .args(["tui", "--runs", "2", "--workspace"])
        .arg(&workspace)
        .output()
        .expect("isnad-bench tui");
    assert!(output.status.success(), "{output:?}");
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    for row in [
        "| start to first frame",
        "| keystroke to results drawn",
        "| PageDown to frame drawn",
    ] {
        assert!(table.contains(row), "missing {row}:\n{table}");
    }

    // Going through documents on the same corpus.
    let output = Command::cargo_bin("isnad-bench")
        .expect("isnad-bench")
        .args(["triage", "--runs", "2", "--workspace"])
        .arg(&workspace)
        .output()
        .expect("isnad-bench triage");
    assert!(output.status.success(), "{output:?}");
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    for row in [
        "| facets of a 1-term query |",
        "| documents pane, first 50 by date | 50 of 100 |",
        "| next unreviewed of the documents list (by date) |",
    ] {
        assert!(table.contains(row), "missing {row}:\n{table}");
    }
}

#[test]
fn the_team_benchmark_runs_beside_sqlite_and_drops_its_schema() {
    let db = pg::database();
    let output = Command::cargo_bin("isnad-bench")
        .expect("isnad-bench")
        .args([
            "team",
            "--runs",
            "2",
            "--mentions",
            "100",
            "--documents",
            "20",
        ])
        .arg("--database")
        .arg(&db.url)
        .envs(db.env())
        .output()
        .expect("isnad-bench team");
    assert!(output.status.success(), "{output:?}");
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        table.contains("| operation | SQLite p50 ms | p99 ms | PostgreSQL p50 ms | p99 ms |"),
        "{table}"
    );
    for row in [
        "| tag all: 100 mentions, one step |",
        "| `claim link`: one passage |",
        "| a change reaching another workbench",
        "| another member's workspace fetches them into its corpus folder |",
        "| the same files indexed in a workspace of one's own |",
    ] {
        assert!(table.contains(row), "missing {row}:\n{table}");
    }
    let left: i64 = db
        .connect()
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'isnad_bench_%'",
            &[],
        )
        .expect("count schemas")
        .get(0);
    assert_eq!(left, 0, "the benchmark's schema is dropped");
}

#[test]
fn the_team_benchmark_without_a_database_says_how_to_get_one() {
    let output = Command::cargo_bin("isnad-bench")
        .expect("isnad-bench")
        .args(["team", "--runs", "2"])
        .output()
        .expect("isnad-bench team");
    assert!(!output.status.success(), "{output:?}");
    let message = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(message.contains("--database is missing"), "{message}");
    assert!(message.contains("tests/pg-cluster start"), "{message}");
}

/// The syndication corpus at 400 documents: generated with its truth, indexed, grouped and
/// scored (`isnad-bench gen --syndication`, `isnad-bench copies`).
#[test]
fn the_copies_benchmark_scores_a_small_syndication_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let generated = dir.path().join("syndication");
    Command::cargo_bin("isnad-bench")
        .expect("isnad-bench")
        .args(["gen", "--syndication", "--docs", "400", "--out"])
        .arg(&generated)
        .assert()
        .success();
    let workspace = dir.path().join("ws");
    isnad::workspace::Workspace::init(&workspace).expect("init");
    std::fs::rename(generated.join("corpus"), workspace.join("corpus")).expect("move corpus");
    let opened = isnad::workspace::Workspace::open(&workspace).expect("open");
    let mut index = opened.open_index().expect("index");
    index
        .update(&opened.corpus_roots(), &mut |_| {})
        .expect("update");
    drop(index);
    let output = Command::cargo_bin("isnad-bench")
        .expect("isnad-bench")
        .args(["copies", "--workspace"])
        .arg(&workspace)
        .arg("--truth")
        .arg(&generated)
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    for row in [
        "| pair precision | ",
        "| pair recall | ",
        "| grouping all ",
        "| placing one new document",
        "| held-out placed right | ",
    ] {
        assert!(table.contains(row), "{row}: {table}");
    }
    // At this size the groups are still right: precision, not only a table.
    let precision = table
        .lines()
        .find(|l| l.starts_with("| pair precision | "))
        .and_then(|l| l.split(" | ").nth(1))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse::<f64>().ok())
        .expect("a precision");
    assert!(precision >= 0.95, "{table}");
}
