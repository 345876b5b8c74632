//! The command line as scripts and users meet it: the sample case, a fixture corpus with
//! every format and encoding and the files that must be skipped, incremental indexing, JSON
//! output, and errors that say what to do.

mod common;

use common::{SAMPLE_A, SAMPLE_B, isnad, sample_dir, search_ids, write_fixture_corpus};
use predicates::prelude::*;

struct Env {
    data: tempfile::TempDir,
    work: tempfile::TempDir,
}

impl Env {
    /// `isnad init case` in the work folder: the path of the new workspace.
    fn case(&self) -> std::path::PathBuf {
        isnad(self.data.path(), self.work.path())
            .args(["init", "case"])
            .assert()
            .success();
        self.work.path().join("case")
    }
}

fn env() -> Env {
    Env {
        data: tempfile::tempdir().expect("tempdir"),
        work: tempfile::tempdir().expect("tempdir"),
    }
}

fn sample_search(env: &Env, query: &str) -> Vec<String> {
    search_ids(env.data.path(), env.work.path(), query)
}

#[test]
fn sample_case_answers_the_issue_queries() {
    let env = env();
    assert_eq!(sample_search(&env, "داعش"), [SAMPLE_A, SAMPLE_B]);
    assert_eq!(sample_search(&env, "144"), [SAMPLE_A]);
    assert_eq!(sample_search(&env, "\"ولاية خراسان\""), [SAMPLE_A]);
    assert_eq!(sample_search(&env, "ISIS-K"), [SAMPLE_B]);
}

#[test]
fn the_sample_case_is_copied_byte_identical_and_announced() {
    let env = env();
    isnad(env.data.path(), env.work.path())
        .args(["search", "بوتين"])
        .assert()
        .success()
        .stderr(predicate::str::contains("using the sample case"));
    for name in [SAMPLE_A, SAMPLE_B] {
        let copied =
            std::fs::read(env.data.path().join("sample/corpus").join(name)).expect("copied");
        assert_eq!(
            copied,
            std::fs::read(sample_dir().join(name)).expect("asset"),
            "{name}"
        );
    }
}

#[test]
fn bare_isnad_prints_the_status_of_the_sample() {
    let env = env();
    isnad(env.data.path(), env.work.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("the sample case")
                .and(predicate::str::contains("2 documents indexed")),
        );
}

#[test]
fn human_output_has_rank_title_path_and_snippet() {
    let env = env();
    isnad(env.data.path(), env.work.path())
        .args(["search", "144"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("1. روسيا تعترف لأول مرة بتورط داعش في هجوم كروكوس.")
                .and(predicate::str::contains(SAMPLE_A))
                .and(predicate::str::contains("مقتل 144 شخصًا")),
        );
    isnad(env.data.path(), env.work.path())
        .args(["search", "كلمةغيرموجودة"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No documents match"));
}

#[test]
fn json_output_has_the_contract_fields_and_byte_highlights() {
    let env = env();
    let output = isnad(env.data.path(), env.work.path())
        .args(["search", "الإنذارات", "--json"])
        .output()
        .expect("run");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let line = stdout.lines().next().expect("one hit");
    let hit: serde_json::Value = serde_json::from_str(line).expect("json");
    let mut keys: Vec<&str> = hit
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    // The contract's fields, and the copy count it was extended with (a copy adds
    // `copy_of`; the sample has none).
    assert_eq!(
        keys,
        [
            "copies",
            "doc",
            "highlights",
            "path",
            "score",
            "snippet",
            "title"
        ]
    );
    assert_eq!(hit["copies"], 0);
    assert_eq!(hit["doc"], SAMPLE_B);
    assert!(std::path::Path::new(hit["path"].as_str().expect("path")).is_file());
    let snippet = hit["snippet"].as_str().expect("snippet");
    let ranges = hit["highlights"].as_array().expect("highlights");
    assert!(!ranges.is_empty());
    for range in ranges {
        let start = usize::try_from(range[0].as_u64().expect("start")).expect("fits");
        let end = usize::try_from(range[1].as_u64().expect("end")).expect("fits");
        let word = snippet
            .get(start..end)
            .expect("byte range on char boundaries");
        assert!(word.contains("الإنذارات"), "{word}");
    }
}

#[test]
fn fixture_corpus_reads_every_format_and_reports_every_skip() {
    let env = env();
    let ws = env.case();
    write_fixture_corpus(&ws.join("corpus"));
    let output = isnad(env.data.path(), &ws)
        .arg("index")
        .output()
        .expect("run");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    // 7 single-document files + 2 JSON Lines records + 2 JSON array records.
    assert!(stdout.contains("11 documents indexed (12 new"), "{stdout}");
    assert!(
        stdout.contains("skipped image.txt: binary file"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped empty.txt: empty document"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped latin1.txt: not valid UTF-8"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped wire.jsonl:3: malformed JSON"),
        "{stdout}"
    );

    let data = env.data.path();
    assert_eq!(search_ids(data, &ws, "مسؤول"), ["plain.txt"]);
    assert_eq!(search_ids(data, &ws, "الكرملين"), ["bom.txt"]);
    assert_eq!(search_ids(data, &ws, "الاستخبارات"), ["utf16.txt"]);
    assert_eq!(
        search_ids(data, &ws, "الاعتقالات"),
        ["reports/legacy-1256.txt", "reports/legacy-iso.txt"]
    );
    assert_eq!(search_ids(data, &ws, "source:مرصد"), ["reports/front.md"]);
    assert_eq!(
        search_ids(data, &ws, "144"),
        ["wire.jsonl#w1", "wire.jsonl#w2"]
    );
    assert_eq!(
        search_ids(data, &ws, "التحقيقات"),
        ["batch.json#1", "batch.json#2"]
    );
    assert_eq!(search_ids(data, &ws, "المشتبه"), ["page.html"]);
    assert!(
        search_ids(data, &ws, "alert").is_empty(),
        "script text is not indexed"
    );
    assert_eq!(search_ids(data, &ws, "title:تحليل"), ["reports/front.md"]);
}

#[test]
fn add_copies_readable_files_and_fails_naming_the_rest() {
    let env = env();
    let ws = env.case();
    let inbox = env.work.path().join("inbox");
    write_fixture_corpus(&inbox);
    isnad(env.data.path(), &ws)
        .arg("add")
        .arg(&inbox)
        .assert()
        .failure()
        .stdout(
            predicate::str::contains("added inbox/reports/front.md")
                .and(predicate::str::contains("11 documents indexed (9 new")),
        )
        .stderr(
            predicate::str::contains("isnad: error: not added: ")
                .and(predicate::str::contains("image.txt: binary file"))
                .and(predicate::str::contains("empty.txt: empty document"))
                .and(predicate::str::contains("latin1.txt: not valid UTF-8")),
        );
    assert!(ws.join("corpus/inbox/utf16.txt").is_file());
    assert!(!ws.join("corpus/inbox/image.txt").exists());
    assert_eq!(
        search_ids(env.data.path(), &ws, "مسؤول"),
        ["inbox/plain.txt"]
    );
    // A single file lands at the corpus root; adding it again changes nothing.
    for expected in ["added plain.txt", "already in the corpus: plain.txt"] {
        isnad(env.data.path(), &ws)
            .arg("add")
            .arg(inbox.join("plain.txt"))
            .assert()
            .success()
            .stdout(predicate::str::contains(expected));
    }
}

#[test]
fn index_picks_up_new_changed_and_removed_files_only() {
    let env = env();
    let ws = env.case();
    let corpus = ws.join("corpus");
    std::fs::write(corpus.join("a.txt"), "أ\nالنص الأول عن الهجوم").expect("write");
    std::fs::write(corpus.join("b.txt"), "ب\nالنص الثاني عن التحقيق").expect("write");
    std::fs::write(corpus.join("c.txt"), "ج\nالنص الثالث").expect("write");
    isnad(env.data.path(), &ws)
        .arg("index")
        .assert()
        .success()
        .stdout(predicate::str::contains("3 new"));
    isnad(env.data.path(), &ws)
        .arg("index")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(0 new, 0 changed, 0 removed, 3 unchanged files)",
        ));

    std::fs::write(
        corpus.join("b.txt"),
        "ب\nالنص الثاني بعد التعديل عن الاعتقال",
    )
    .expect("write");
    std::fs::remove_file(corpus.join("c.txt")).expect("remove");
    std::fs::write(corpus.join("d.txt"), "د\nنص جديد عن الاعتقال").expect("write");
    isnad(env.data.path(), &ws)
        .arg("index")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3 documents indexed (1 new, 1 changed, 1 removed, 1 unchanged files)",
        ));
    let data = env.data.path();
    assert_eq!(search_ids(data, &ws, "الاعتقال"), ["b.txt", "d.txt"]);
    assert!(
        search_ids(data, &ws, "التحقيق").is_empty(),
        "the old text of b.txt is gone"
    );
    assert!(search_ids(data, &ws, "الثالث").is_empty(), "c.txt is gone");

    isnad(env.data.path(), &ws)
        .args(["index", "--rebuild"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 documents indexed (3 new"));
    assert_eq!(search_ids(data, &ws, "الاعتقال"), ["b.txt", "d.txt"]);
}

#[test]
fn a_damaged_index_is_rebuilt_with_a_message() {
    let env = env();
    let ws = env.case();
    std::fs::write(ws.join("corpus/a.txt"), "أ\nنص عن الهجوم").expect("write");
    isnad(env.data.path(), &ws).arg("index").assert().success();
    std::fs::write(ws.join(".isnad/index/meta.json"), "{ damaged").expect("damage");
    isnad(env.data.path(), &ws)
        .args(["search", "الهجوم"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Building the index (it could not be opened",
        ))
        .stdout(predicate::str::contains("a.txt"));
}

#[test]
fn documents_cannot_send_escape_sequences_to_the_terminal() {
    let env = env();
    let ws = env.case();
    std::fs::write(
        ws.join("corpus/evil.txt"),
        "عنوان\u{1b}]0;pwned\u{7}\nنص \u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}خبيث \u{9b}31m عن الهجوم",
    )
    .expect("write");
    for args in [vec!["search", "الهجوم"], vec!["search", "الهجوم", "--json"]] {
        let output = isnad(env.data.path(), &ws)
            .args(&args)
            .output()
            .expect("run");
        assert!(output.status.success());
        assert!(!output.stdout.contains(&0x1b), "ESC in output of {args:?}");
        assert!(
            !String::from_utf8_lossy(&output.stdout).contains('\u{9b}'),
            "CSI in output of {args:?}"
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains("نص خبيث"));
    }
}

#[test]
fn errors_name_the_problem_and_the_fix() {
    let env = env();
    let missing = env.work.path().join("nowhere");
    isnad(env.data.path(), env.work.path())
        .arg("--workspace")
        .arg(&missing)
        .args(["search", "x"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("no workspace at").and(predicate::str::contains("isnad init")),
        );
    isnad(env.data.path(), env.work.path())
        .args(["search", "x", "--limit", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--limit 0 is out of range"));
    isnad(env.data.path(), env.work.path())
        .args(["init", "case"])
        .assert()
        .success();
    isnad(env.data.path(), env.work.path())
        .args(["init", "case"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already an isnad workspace"));
    std::fs::write(
        env.work.path().join("case/isnad.toml"),
        "[corpus]\nroots = 3\n",
    )
    .expect("write");
    isnad(env.data.path(), &env.work.path().join("case"))
        .arg("index")
        .assert()
        .failure()
        .stderr(predicate::str::contains("isnad.toml is not valid"));
}

#[test]
fn workspace_env_variable_overrides_discovery() {
    let env = env();
    let ws = env.case();
    std::fs::write(ws.join("corpus/x.txt"), "عنوان\nنص فريد جدا").expect("write");
    isnad(env.data.path(), env.data.path())
        .env("ISNAD_WORKSPACE", &ws)
        .args(["search", "فريد"])
        .assert()
        .success()
        .stdout(predicate::str::contains("x.txt"));
}

#[test]
fn a_missing_corpus_folder_removes_nothing_from_the_index() {
    let env = env();
    let ws = env.case();
    std::fs::write(ws.join("corpus/a.txt"), "أ\nنص عن الهجوم").expect("write");
    isnad(env.data.path(), &ws).arg("index").assert().success();
    std::fs::rename(ws.join("corpus"), ws.join("elsewhere")).expect("move");
    isnad(env.data.path(), &ws)
        .arg("index")
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("is missing")
                .and(predicate::str::contains("nothing was removed")),
        );
    std::fs::rename(ws.join("elsewhere"), ws.join("corpus")).expect("move back");
    assert_eq!(search_ids(env.data.path(), &ws, "الهجوم"), ["a.txt"]);
}

/// One message for any width or limit outside its range, whatever the number.
#[test]
fn out_of_range_numbers_name_the_accepted_range() {
    let env = env();
    let fails_with = |args: &[&str], message: &str| {
        isnad(env.data.path(), env.work.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(format!("isnad: error: {message}\n"));
    };
    for width in [
        "0",
        "1",
        "10001",
        "65536",
        "100000",
        "-1",
        "99999999999999999999999",
    ] {
        fails_with(
            &["show", SAMPLE_A, "--width", width],
            &format!("--width {width} is out of range: give 2 to 10000 cells"),
        );
    }
    fails_with(
        &["show", SAMPLE_A, "--width", "wide"],
        "--width \"wide\" is not a number: give 2 to 10000 cells",
    );
    for limit in ["0", "10001", "-3", "18446744073709551616"] {
        fails_with(
            &["search", "x", "--limit", limit],
            &format!("--limit {limit} is out of range: give 1 to 10000"),
        );
    }
    isnad(env.data.path(), env.work.path())
        .args(["show", SAMPLE_A, "--width", "10000"])
        .assert()
        .success();
}

/// Every error, clap's own included, starts `isnad: error: ` and says what to do.
#[test]
fn every_error_starts_with_isnad_error() {
    let env = env();
    let missing = env.work.path().join("nowhere");
    let missing = missing.to_str().expect("UTF-8 path");
    for args in [
        vec!["search", "x", "--bogus"],
        vec!["search"],
        vec!["entity"],
        vec!["--bidi", "sideways"],
        vec!["claim", "link", "1"],
        vec!["show", SAMPLE_A, "--width", "0"],
        vec!["search", "x", "--limit", "0"],
        vec!["export", "--format", "md", "--table"],
        vec!["--workspace", missing, "search", "x"],
    ] {
        let output = isnad(env.data.path(), env.work.path())
            .args(&args)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(
            stderr.starts_with("isnad: error: "),
            "{args:?} printed:\n{stderr}"
        );
    }
    // Version (like help) is not an error: stdout, success.
    let version = isnad(env.data.path(), env.work.path())
        .arg("--version")
        .output()
        .expect("run");
    assert!(
        version.status.success() && version.stdout.starts_with(b"isnad "),
        "{version:?}"
    );
}

/// `search --help` tells the query language, and how to give a word that starts with -.
#[test]
fn search_help_describes_the_query_syntax() {
    let env = env();
    let help = isnad(env.data.path(), env.work.path())
        .args(["search", "--help"])
        .output()
        .expect("run");
    let help = String::from_utf8(help.stdout).expect("UTF-8");
    for syntax in [
        " OR ",
        "-word",
        "+word",
        "\"a phrase\"",
        "title:",
        "source:",
        "lang:ar",
        "entity:NAME",
        "entity:\"TWO WORDS\"",
        "--exact",
        "-- ",
    ] {
        assert!(help.contains(syntax), "{syntax:?} is not in:\n{help}");
    }
    // What the help says about a leading - works.
    assert_eq!(sample_search(&env, "داعش"), [SAMPLE_A, SAMPLE_B]);
    let output = isnad(env.data.path(), env.work.path())
        .args(["search", "--json", "داعش", "--", "-تعترف"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let ids = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(!ids.contains(SAMPLE_A) && ids.contains(SAMPLE_B), "{ids}");
}

/// A workspace with reports written for the query operators: the ids of its documents are
/// their file names.
fn operators_case(env: &Env) -> std::path::PathBuf {
    let ws = env.case();
    for (name, text) in [
        ("org.txt", "بيان\nأعلن التنظيم مسؤوليته عن التفجير"),
        ("orgs.txt", "فصائل\nوالتنظيمات المسلحة انسحبت"),
        ("weather.txt", "طقس\nأمطار غزيرة على الساحل"),
        ("trump_a.txt", "واشنطن\nصرح ترامب للصحفيين"),
        ("trump_b.txt", "البيت الأبيض\nأكد ترمب موقفه"),
        (
            "committee.txt",
            "اجتماع\nاللجنة العليا عقدت اليوم جلسة مغلقة",
        ),
        ("seminar.txt", "جامعة\nعقدت الجامعة ندوة علمية"),
    ] {
        std::fs::write(ws.join("corpus").join(name), text).expect("write");
    }
    isnad(env.data.path(), &ws).arg("index").assert().success();
    ws
}

/// The ids `isnad search QUERY --json` prints, and the words its snippets highlight.
fn ids_and_marks(env: &Env, ws: &std::path::Path, query: &str) -> (Vec<String>, Vec<String>) {
    let output = isnad(env.data.path(), ws)
        .args(["search", query, "--json"])
        .output()
        .expect("run");
    assert!(
        output.status.success(),
        "{query}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut ids = Vec::new();
    let mut marks = Vec::new();
    for line in String::from_utf8(output.stdout).expect("utf-8").lines() {
        let hit: serde_json::Value = serde_json::from_str(line).expect("json");
        ids.push(hit["doc"].as_str().expect("doc").to_owned());
        let snippet = hit["snippet"].as_str().expect("snippet");
        for range in hit["highlights"].as_array().expect("highlights") {
            let at = |i: usize| usize::try_from(range[i].as_u64().expect("bound")).expect("fits");
            marks.push(snippet.get(at(0)..at(1)).expect("range").to_owned());
        }
    }
    ids.sort();
    marks.sort();
    (ids, marks)
}

#[test]
fn search_reads_prefix_fuzzy_proximity_and_name_operators() {
    let env = env();
    let ws = operators_case(&env);
    // The command line reads whole words: a part of one finds nothing without `*`.
    assert_eq!(ids_and_marks(&env, &ws, "تنظ").0, Vec::<String>::new());
    assert_eq!(
        ids_and_marks(&env, &ws, "تنظ*"),
        (
            vec!["org.txt".to_owned(), "orgs.txt".to_owned()],
            vec!["التنظيم".to_owned(), "والتنظيمات".to_owned()]
        )
    );
    assert_eq!(
        ids_and_marks(&env, &ws, "والتنظ*").0,
        ["org.txt", "orgs.txt"]
    );
    // `نودة` is `ندوة` with two letters swapped.
    assert_eq!(
        ids_and_marks(&env, &ws, "نودة~1"),
        (vec!["seminar.txt".to_owned()], vec!["ندوة".to_owned()])
    );
    assert_eq!(
        ids_and_marks(&env, &ws, "\"اللجنة جلسة\"~3").0,
        ["committee.txt"]
    );
    assert!(ids_and_marks(&env, &ws, "\"اللجنة جلسة\"").0.is_empty());
    assert_eq!(
        ids_and_marks(&env, &ws, "name:ترمب"),
        (
            vec!["trump_a.txt".to_owned(), "trump_b.txt".to_owned()],
            vec!["ترامب".to_owned(), "ترمب".to_owned()]
        )
    );
    assert_eq!(ids_and_marks(&env, &ws, "ترمب").0, ["trump_b.txt"]);
}

#[test]
fn operators_used_wrongly_are_refused_with_what_to_write() {
    let env = env();
    let ws = operators_case(&env);
    for (query, says) in [
        ("ندوة~3", "0, 1 or 2 edits"),
        ("ت*", "at least 2 letters"),
        ("name:علي", "search علي itself"),
        ("name:\"دونالد ترمب\"", "name:(دونالد ترمب)"),
    ] {
        isnad(env.data.path(), &ws)
            .args(["search", query])
            .assert()
            .code(1)
            .stderr(
                predicate::str::starts_with("isnad: error: ").and(predicate::str::contains(says)),
            );
    }
}
