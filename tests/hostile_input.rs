//! Hostile input, round two (issue 16): what reached a user's terminal, crashed a process or
//! lost work, driven as the user meets it.

mod common;

use common::workbench::key;

use isnad::tui::msg::Msg;
use isnad::tui::run_script;

/// Runs `script` in the real runtime (index and store threads) on the sample reports; the
/// bytes written.
fn workbench(script: Vec<Msg>, size: (u16, u16)) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace, index) = common::workbench::sample_workspace(dir.path());
    let mut out = Vec::new();
    run_script(
        workspace,
        index,
        common::workbench::options(),
        script,
        &mut out,
        size,
    )
    .expect("the workbench runs the script to its end");
    String::from_utf8(out).expect("UTF-8")
}

/// Thousands of `(` pasted into the query line aborted the search thread on a stack
/// overflow and left the terminal raw. The search is refused with a message; the workbench
/// goes on and answers the next query.
#[test]
fn a_query_nested_thousands_deep_is_refused_and_the_workbench_goes_on() {
    let mut script = vec![key("/")];
    script.push(Msg::Paste(format!("{}داعش", "(".repeat(2_000))));
    script.push(key("ctrl-u"));
    script.extend("داعش".chars().map(|c| key(&c.to_string())));
    script.push(key("esc"));
    script.push(key("q"));
    let out = workbench(script, (200, 30));
    let refused = out
        .find("the query nests parentheses 2000 deep; isnad reads at most 32 levels")
        .expect("the refusal is shown");
    let after = out.get(refused..).unwrap_or_default();
    for report in ["000_ff08125e7d15537c.txt", "001_1a6e48de951f8d1c.txt"] {
        assert!(after.contains(report), "the next query finds {report}");
    }
}

/// A file named with a newline forged a line of `isnad add`'s output (`added a` then a line
/// of the attacker's choosing), and was copied into the corpus only to be refused there; one
/// named with an override was listed as another name. Both are refused before copying, with
/// their names shown as they are, on one line.
#[test]
fn names_that_forge_lines_or_spoof_are_refused_by_add_and_shown_on_one_line() {
    let case = common::case::Case::new("names");
    let outside = case.root.join("../incoming");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(
        outside.join("a\nFAKE: 99 documents indexed.txt"),
        "داعش خبر\n",
    )
    .expect("write");
    std::fs::write(outside.join("bidi_\u{202e}gpj.txt"), "داعش خبر\n").expect("write");
    std::fs::write(outside.join("fine.txt"), "داعش خبر عادي\n").expect("write");
    let output = case.run(&["add", &outside.to_string_lossy()]);
    assert!(
        !output.status.success(),
        "add says some files were not added"
    );
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !printed.lines().any(|line| line.starts_with("FAKE")),
        "no forged line: {printed}"
    );
    assert!(!printed.contains('\u{202e}'), "{printed}");
    assert!(
        printed.contains("a\\u{a}FAKE: 99 documents indexed.txt: its name holds control"),
        "{printed}"
    );
    assert!(
        printed.contains("bidi_\\u{202e}gpj.txt: its name holds bidi control"),
        "{printed}"
    );
    assert!(printed.contains("added incoming/fine.txt"), "{printed}");
    let copied: Vec<String> = std::fs::read_dir(case.root.join("corpus/incoming"))
        .expect("copied folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(copied, ["fine.txt"], "refused names are not copied");
}

/// `export -o` onto a FIFO (or a device: as root this replaced `/dev/full`) renamed a
/// regular file over it and said "wrote". The export goes through the FIFO to its reader,
/// and the FIFO stays a FIFO.
#[cfg(unix)]
#[test]
fn an_export_onto_a_fifo_is_written_through_it_not_over_it() {
    use std::os::unix::fs::FileTypeExt;

    let case = common::case::Case::new("fifo");
    case.ok(&["index"]);
    case.ok(&["entity", "add", "داعش", "--type", "ORG", "--all"]);
    let fifo = case.root.join("report.pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the FIFO"))
    };
    let output = case.run(&["export", "--format", "md", "-o", &fifo.to_string_lossy()]);
    assert!(output.status.success(), "{output:?}");
    // Checked before waiting for the reader, which a FIFO replaced would leave waiting.
    let kind = std::fs::symlink_metadata(&fifo).expect("stat").file_type();
    assert!(kind.is_fifo(), "still a FIFO");
    let read = reader.join().expect("reader");
    assert!(read.contains("داعش"), "the report came through: {read}");
    let stray: Vec<_> = std::fs::read_dir(&case.root)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "no temporary file left: {stray:?}");
}

fn claims(store: &isnad::store::Store) -> Vec<String> {
    store
        .claims()
        .expect("claims")
        .into_iter()
        .map(|c| c.text)
        .collect()
}

fn claim(store: &mut isnad::store::Store, text: &str) -> Result<i64, isnad::store::StoreError> {
    store.add_claim(text, isnad::store::Status::Unverified)
}

/// A new store, kept open as the workbench keeps it, with the claim "أول" confirmed.
fn store_with_a_claim() -> (tempfile::TempDir, std::path::PathBuf, isnad::store::Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    let mut open = isnad::store::Store::open(&path, "analyst").expect("open");
    claim(&mut open, "أول").expect("first");
    (dir, path, open)
}

/// Deleting the store's write-ahead log while the workbench had the store open lost every
/// change since it opened, one confirmed afterwards too. The deletion is noticed at the next
/// change: what was confirmed is written into the store, that change is refused with a
/// message, and made when asked again.
#[test]
fn a_deleted_write_ahead_log_loses_nothing_confirmed() {
    let (dir, path, mut open) = store_with_a_claim();
    let log = dir.path().join("store.sqlite-wal");
    assert!(log.exists());
    std::fs::remove_file(&log).expect("delete the log");
    let refused = claim(&mut open, "ثان").expect_err("the deletion is noticed");
    assert!(
        refused.to_string().contains("write-ahead log") && refused.to_string().contains("again"),
        "{refused}"
    );
    claim(&mut open, "ثان").expect("made when asked again");
    // Another process sees both, while the workbench still has the store open, and after.
    let other = isnad::store::Store::open(&path, "other").expect("open");
    assert_eq!(claims(&other), ["أول", "ثان"]);
    drop(open);
    drop(other);
    let after = isnad::store::Store::open(&path, "later").expect("open");
    assert_eq!(claims(&after), ["أول", "ثان"]);
}

/// A store file replaced under an open connection took every later change with the old
/// file. The replacement is noticed: what the connection saw is saved beside it and nothing
/// more is written.
#[test]
fn a_store_replaced_under_the_workbench_is_rescued_not_written_around() {
    let (dir, path, mut open) = store_with_a_claim();
    // Replaced by another store (a backup put back, a sync tool's copy).
    let elsewhere = dir.path().join("other.sqlite");
    drop(isnad::store::Store::open(&elsewhere, "other").expect("other store"));
    std::fs::rename(&elsewhere, &path).expect("replace");
    let refused = claim(&mut open, "ثان").expect_err("the replacement is noticed");
    let isnad::store::StoreError::Replaced { rescued, .. } = &refused else {
        panic!("{refused}");
    };
    assert!(
        refused.to_string().contains("nothing more is written"),
        "{refused}"
    );
    let saved = isnad::store::Store::open(rescued, "check").expect("the rescued store opens");
    assert_eq!(claims(&saved), ["أول"]);
    assert!(claim(&mut open, "ثالث").is_err(), "still refused");
}

/// A damaged page inside the store was written around: `entity list` failed while
/// `claim add` and `undo` went on writing. The first change of a connection checks the
/// store; a damaged one is refused with how to recover.
#[test]
fn a_store_with_a_damaged_page_is_not_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    {
        let mut store = isnad::store::Store::open(&path, "analyst").expect("open");
        for n in 0..400 {
            claim(&mut store, &format!("ادعاء رقم {n} {}", "نص ".repeat(20))).expect("claim");
        }
    }
    // Garbage over a page in the middle of the file (not the header, not the schema).
    let mut bytes = std::fs::read(&path).expect("read");
    let page = 4096;
    let at = (bytes.len() / page / 2) * page;
    assert!(at >= 2 * page, "a store of several pages");
    bytes[at..at + page].fill(0x5a);
    std::fs::write(&path, &bytes).expect("damage");
    let mut store = isnad::store::Store::open(&path, "analyst").expect("opens for reading");
    for (what, result) in [
        ("claim add", claim(&mut store, "جديد").map(|_| ())),
        ("undo", store.undo().map(|_| ())),
    ] {
        let refused = result.expect_err(what);
        let message = refused.to_string();
        assert!(
            message.contains("is damaged") && message.contains("nothing was written"),
            "{what}: {message}"
        );
        assert!(
            message.contains("isnad export"),
            "says how to recover: {message}"
        );
    }
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "left as it was");
}

/// Copying `store.sqlite` while the workbench had it open (the README's advice) made a
/// backup without the changes still in the write-ahead log. `isnad backup` copies them too.
#[test]
fn a_backup_taken_while_the_workbench_writes_holds_every_confirmed_change() {
    let case = common::case::Case::new("backup");
    case.ok(&["claim", "add", "قديم"]);
    let store_path = case.root.join(".isnad/store.sqlite");
    // The workbench: a connection kept open, with changes confirmed since it opened.
    let mut open = isnad::store::Store::open(&store_path, "analyst").expect("open");
    for text in ["أول", "ثان", "ثالث"] {
        claim(&mut open, text).expect("claim");
    }
    let by_hand = case.root.join("copied.sqlite");
    std::fs::copy(&store_path, &by_hand).expect("copy");
    let copied = isnad::store::Store::open(&by_hand, "check").expect("open the copy");
    assert_eq!(claims(&copied), ["قديم"], "a copy by hand misses the log");

    let target = case.root.join("backup.sqlite");
    let said = case.ok(&["backup", &target.to_string_lossy()]);
    assert!(said.contains("(0 entities, 4 claims)"), "{said}");
    let backup = isnad::store::Store::open(&target, "check").expect("open the backup");
    assert_eq!(claims(&backup), ["قديم", "أول", "ثان", "ثالث"]);
    // Never over an existing file.
    let refused = case.fails(&["backup", &target.to_string_lossy()]);
    assert!(refused.contains("exists already"), "{refused}");
}

/// Interrupted `add` and export left `.tmpXXXX` files in `corpus/` and in the export
/// folder. The next index and the next export clear what a write cut short left (older than
/// ten minutes: a file being written now is seconds old), and nothing else.
#[test]
fn leftovers_of_cut_writes_are_cleared_by_the_next_run() {
    let case = common::case::Case::new("leftovers");
    let aged = |path: &std::path::Path| {
        std::fs::write(path, "half").expect("write");
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
        std::fs::File::options()
            .write(true)
            .open(path)
            .expect("open")
            .set_modified(long_ago)
            .expect("age");
    };
    let sub = case.root.join("corpus/reports");
    std::fs::create_dir_all(&sub).expect("mkdir");
    let cut_add = sub.join(".tmpAb12Cd");
    aged(&cut_add);
    let cut_new = sub.join(".isnad-tmp-Zx9Yw8");
    aged(&cut_new);
    let being_written = sub.join(".isnad-tmp-now000");
    std::fs::write(&being_written, "now").expect("write");
    case.ok(&["index"]);
    assert!(
        !cut_add.exists() && !cut_new.exists(),
        "cleared by the next index"
    );
    assert!(being_written.exists(), "a write in progress is left alone");

    let exports = case.root.join("out");
    std::fs::create_dir_all(&exports).expect("mkdir");
    let cut_export = exports.join(".isnad-tmp-Qq1Ww2");
    aged(&cut_export);
    let theirs = exports.join(".tmpAb12Cd");
    aged(&theirs);
    case.ok(&[
        "export",
        "--format",
        "md",
        "-o",
        &exports.join("report.md").to_string_lossy(),
    ]);
    assert!(!cut_export.exists(), "cleared by the next export");
    assert!(
        theirs.exists(),
        "outside the corpus only isnad's own names go"
    );
}

/// Importing 100,000 entities took 232 s (10,000: 2.7 s) while holding the store's lock:
/// each entity and claim was looked up by name or text with a scan of its table. The
/// lookups use indexes now (100,000 entities import in about 2 s); the plan says so, which
/// no timing on a shared machine could.
#[test]
fn lookups_by_name_and_text_use_an_index_not_a_scan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    drop(isnad::store::Store::open(&path, "analyst").expect("open"));
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    for lookup in [
        "SELECT id FROM entity WHERE name = ?1 AND type = ?2",
        "SELECT id FROM claim WHERE text = ?1",
    ] {
        let mut plan = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {lookup}"))
            .expect("plan");
        let steps: Vec<String> = plan
            .query_map(
                rusqlite::params_from_iter(["x", "y"].iter().take(lookup.matches('?').count())),
                |row| row.get(3),
            )
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert!(
            steps
                .iter()
                .any(|step| step.contains("USING") && step.contains("INDEX")),
            "{lookup}: {steps:?}"
        );
    }
}

/// A file `a.json#1/x.txt` and the record `1/x.txt` of `a.json` both had the id
/// `a.json#1/x.txt`, and `show` and `claim link` took the planted file for the record. A `#`
/// or `%` in a path is now escaped in ids, so the first `#` always ends the file's part.
#[test]
fn a_planted_file_cannot_take_the_id_of_a_record() {
    let case = common::case::Case::new("ids");
    let corpus = case.root.join("corpus");
    let record = r#"[{"id": "1/x.txt", "title": "حقيقي", "body": "النص الحقيقي"}]"#;
    std::fs::write(corpus.join("a.json"), record).expect("write");
    std::fs::create_dir_all(corpus.join("a.json#1")).expect("mkdir");
    std::fs::write(corpus.join("a.json#1/x.txt"), "النص المزروع\n").expect("write");
    case.ok(&["index"]);
    let ids: Vec<String> = case
        .ok(&["search", "النص", "--json"])
        .lines()
        .map(|line| {
            let hit: serde_json::Value = serde_json::from_str(line).expect("JSON");
            hit["doc"].as_str().expect("doc").to_owned()
        })
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, ["a.json#1/x.txt", "a.json%231/x.txt"]);
    let show = |doc: &str| case.ok(&["show", doc, "--logical"]);
    assert!(show("a.json#1/x.txt").contains("النص الحقيقي"));
    assert!(show("a.json%231/x.txt").contains("النص المزروع"));
    let claim = case.ok(&["claim", "add", "نص"]);
    let claim = claim.trim();
    case.ok(&[
        "claim",
        "link",
        claim,
        "--doc",
        "a.json#1/x.txt",
        "--quote",
        "الحقيقي",
        "--stance",
        "supports",
    ]);
    assert_eq!(case.claims()[0]["evidence"][0]["doc"], "a.json#1/x.txt");
}

/// Annotations on a document of a file with `#` or `%` in its path, made before ids were
/// escaped, follow the document to its new id at the next index update, as they follow a
/// moved file: nothing is orphaned.
#[test]
fn annotations_follow_a_document_to_its_escaped_id() {
    let case = common::case::Case::new("old-ids");
    let corpus = case.root.join("corpus");
    std::fs::write(corpus.join("r#1 50%.txt"), "بيان داعش الأول\n").expect("write");
    case.ok(&["index"]);
    case.ok(&["entity", "add", "داعش", "--type", "ORG", "--all"]);
    // What an earlier version left: the old id in the manifest and in the store.
    let (new, old) = ("r%231 50%25.txt", "r#1 50%.txt");
    let state = case.root.join(".isnad");
    let manifest = state.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    assert!(text.contains(new), "{text}");
    std::fs::write(&manifest, text.replace(new, old)).expect("manifest");
    let store = rusqlite::Connection::open(state.join("store.sqlite")).expect("store");
    let changed = store
        .execute("UPDATE mention SET doc = ?1 WHERE doc = ?2", [old, new])
        .expect("old id");
    assert_eq!(changed, 1);
    drop(store);
    let output = case.run(&["index"]);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("1 moved with their file, 0 orphaned"),
        "{said}"
    );
    let entities = case.entities();
    let docs: Vec<&str> = entities[0]["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| m["doc"].as_str().expect("doc"))
        .collect();
    assert!(docs.contains(&new), "{docs:?}");
    assert!(!docs.contains(&old), "{docs:?}");
}

/// Runs `isnad ARGS` for each of `runs` at once in `case`; the failures, with what they said.
fn at_once(case: &common::case::Case, runs: &[Vec<String>]) -> Vec<String> {
    let children: Vec<_> = runs
        .iter()
        .map(|args| {
            std::process::Command::new(env!("CARGO_BIN_EXE_isnad"))
                .env("ISNAD_DATA_DIR", &case.data)
                .env_remove("ISNAD_WORKSPACE")
                .current_dir(&case.root)
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn isnad")
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().expect("wait"))
        .filter(|output| !output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stderr).into_owned())
        .collect()
}

/// Words of the sample reports, each a name to tag.
const NAMES: [&str; 16] = [
    "داعش",
    "بوتين",
    "موسكو",
    "كروكوس",
    "روسيا",
    "هجوم",
    "أوكرانيا",
    "الكرملين",
    "تنظيم",
    "ولاية",
    "خراسان",
    "قاعة",
    "الحفلات",
    "الضحايا",
    "المسلحين",
    "الرئيس",
];

/// Of 20 `entity add --all` run at once, 7 to 16 failed: each re-reads the index for the
/// names tagged by the others, and all but one were refused as "another isnad process is
/// writing the index" (and told to delete that folder), while others said the last
/// indexing "was interrupted" though it was running. Writers now wait their turn, on a
/// workspace being indexed for the first time as on one already indexed.
#[test]
fn writers_at_once_wait_their_turn() {
    for indexed in [true, false] {
        let case = common::case::Case::new("at-once");
        if indexed {
            case.ok(&["index"]);
        }
        let runs: Vec<Vec<String>> = NAMES
            .iter()
            .map(|name| {
                ["entity", "add", name, "--type", "ORG", "--all"]
                    .map(str::to_owned)
                    .to_vec()
            })
            .collect();
        let failures = at_once(&case, &runs);
        assert!(
            failures.is_empty(),
            "indexed first: {indexed}: {failures:#?}"
        );
        assert_eq!(case.entities().len(), NAMES.len());
    }
}

/// Claims recorded at once on a store none has made yet: some failed at once as "busy", and
/// others upgraded it over one another ("table entity already exists" while backing it up).
#[test]
fn the_first_writers_of_a_new_store_wait_their_turn() {
    let case = common::case::Case::new("new-store");
    let runs: Vec<Vec<String>> = (0..16)
        .map(|n| vec!["claim".to_owned(), "add".to_owned(), format!("ادعاء {n}")])
        .collect();
    let failures = at_once(&case, &runs);
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(case.claims().len(), 16);
}
