//! The annotation store: migrations, undo and redo (bulk steps, across reopening), what
//! happens to stores it must not touch, and a writer killed with SIGKILL again and again.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use isnad::store::schema::{MIGRATIONS, current};
use isnad::store::{Anchor, NewEntity, Store, StoreError};

const TEXT: &str = "عنوان\nقال بوتين إن الهجوم، ثم قال لبوتين مسؤول إن بوتين يعلم.";

/// Anchors of every بوتين in `TEXT`.
fn putin_anchors() -> Vec<(String, Anchor)> {
    TEXT.match_indices("بوتين")
        .map(|(at, word)| {
            (
                "doc.txt".to_owned(),
                Anchor::new(TEXT, at..at + word.len(), "hash").expect("anchor"),
            )
        })
        .collect()
}

fn entity<'a>(name: &'a str, kind: &'a str) -> NewEntity<'a> {
    NewEntity {
        name,
        kind,
        aliases: &[],
        note: "",
    }
}

fn open(path: &Path) -> Store {
    Store::open(path, "tester").expect("open")
}

fn version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .expect("sqlite")
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .expect("user_version")
}

#[test]
fn a_new_store_has_the_current_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    drop(open(&path));
    assert_eq!(version(&path), current());
    // Opening again changes nothing, and nothing was backed up (there was nothing).
    drop(open(&path));
    assert_eq!(
        std::fs::read_dir(dir.path())
            .expect("dir")
            .filter(|e| e
                .as_ref()
                .is_ok_and(|e| e.path().to_string_lossy().ends_with(".bak")))
            .count(),
        0
    );
}

#[test]
fn an_older_store_is_backed_up_then_migrated_with_its_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        conn.execute_batch(MIGRATIONS[0]).expect("schema 1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute(
            "INSERT INTO entity (name, type) VALUES ('بوتين', 'PER')",
            [],
        )
        .expect("row");
    }
    let store = open(&path);
    assert_eq!(version(&path), current());
    let entities = store.entities().expect("entities");
    assert_eq!(entities.len(), 1);
    assert_eq!(entities[0].name, "بوتين");
    let backup = dir.path().join("store.sqlite.v1.bak");
    assert!(backup.exists(), "backup before migrating");
    assert_eq!(version(&backup), 1, "the backup is the old store");
}

#[test]
fn a_newer_or_damaged_store_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    drop(open(&path));
    rusqlite::Connection::open(&path)
        .expect("sqlite")
        .pragma_update(None, "user_version", 99)
        .expect("version");
    let before = std::fs::read(&path).expect("read");
    let error = Store::open(&path, "t").err().expect("newer");
    assert!(
        matches!(error, StoreError::Newer { found: 99, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("upgrade isnad"), "{error}");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    let garbage = dir.path().join("garbage.sqlite");
    let bytes = b"this is not a database, it is an analyst's only copy of something".repeat(100);
    std::fs::write(&garbage, &bytes).expect("write");
    let error = Store::open(&garbage, "t").err().expect("damaged");
    assert!(matches!(error, StoreError::Damaged { .. }), "{error}");
    assert!(error.to_string().contains("left untouched"), "{error}");
    assert_eq!(std::fs::read(&garbage).expect("read"), bytes);
}

#[test]
fn undo_and_redo_go_step_by_step_and_survive_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    let mut store = open(&path);
    // A bulk tagging: three mentions, one step.
    let tagged = store
        .tag(&entity("بوتين", "PER"), &putin_anchors(), "tag بوتين")
        .expect("tag");
    assert_eq!((tagged.added, tagged.created), (3, true));
    let putin = tagged.entity;
    let isis = store
        .tag(
            &NewEntity {
                aliases: &["ISIS".to_owned()],
                ..entity("داعش", "ORG")
            },
            &[],
            "tag داعش",
        )
        .expect("tag")
        .entity;
    store.rename_entity(putin, "فلاديمير بوتين").expect("rename");
    assert_eq!(
        store.undo().expect("undo").as_deref(),
        Some("rename بوتين to فلاديمير بوتين")
    );
    assert_eq!(
        store
            .entities()
            .expect("e")
            .iter()
            .find(|e| e.id == putin)
            .expect("putin")
            .name,
        "بوتين"
    );
    assert!(
        store
            .entities()
            .expect("e")
            .iter()
            .find(|e| e.id == putin)
            .expect("putin")
            .aliases
            .is_empty(),
        "the alias the rename made is gone too"
    );
    assert_eq!(store.undo().expect("undo").as_deref(), Some("tag داعش"));
    assert!(store.entities().expect("e").iter().all(|e| e.id != isis));
    drop(store);

    // Reopened: the redo stack is still there.
    let mut store = open(&path);
    assert_eq!(store.redo().expect("redo").as_deref(), Some("tag داعش"));
    let isis_again = store
        .entities()
        .expect("e")
        .into_iter()
        .find(|e| e.id == isis)
        .expect("back");
    assert_eq!(isis_again.aliases, ["ISIS"]);
    // A new action: the rename can no longer be redone.
    store.add_alias(isis, "تنظيم الدولة").expect("alias");
    assert_eq!(store.redo().expect("redo"), None);
    // The bulk step undoes as one: all three mentions at once.
    assert_eq!(
        store.undo().expect("undo").as_deref(),
        Some("alias تنظيم الدولة")
    );
    assert_eq!(store.undo().expect("undo").as_deref(), Some("tag داعش"));
    assert_eq!(store.mentions(putin).expect("m").len(), 3);
    assert_eq!(store.undo().expect("undo").as_deref(), Some("tag بوتين"));
    assert!(store.entities().expect("e").is_empty());
    assert!(store.mentions_in("doc.txt").expect("m").is_empty());
    assert_eq!(store.undo().expect("undo"), None, "nothing left");
    drop(store);
    let mut store = open(&path);
    assert_eq!(store.redo().expect("redo").as_deref(), Some("tag بوتين"));
    assert_eq!(
        store.mentions(putin).expect("m").len(),
        3,
        "same ids, same mentions"
    );
    drop(store);
    // The journal records who did each step, and the step redo can no longer reach.
    let journal = rusqlite::Connection::open(&path).expect("journal");
    let newest: String = journal
        .query_row(
            "SELECT author FROM journal ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("newest");
    assert_eq!(newest, "tester");
    let dropped: i64 = journal
        .query_row(
            "SELECT count(*) FROM journal WHERE state = 'dropped'",
            [],
            |r| r.get(0),
        )
        .expect("dropped");
    assert!(dropped > 0);
}

#[test]
fn merge_and_delete_undo_to_exactly_what_was_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&dir.path().join("store.sqlite"));
    let anchors = putin_anchors();
    let a = store
        .tag(&entity("بوتين", "PER"), &anchors[..2], "a")
        .expect("a")
        .entity;
    let b = store
        .tag(
            &NewEntity {
                aliases: &["Putin".to_owned()],
                ..entity("فلاديمير بوتين", "PER")
            },
            &anchors[1..],
            "b",
        )
        .expect("b")
        .entity;
    let before = store.entities().expect("e");
    store.merge(b, a).expect("merge");
    let merged = store.entities().expect("e");
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].mentions, 3, "the shared mention is not doubled");
    assert_eq!(merged[0].aliases, ["فلاديمير بوتين", "Putin"]);
    assert!(store.undo().expect("undo").is_some());
    assert_eq!(store.entities().expect("e"), before);
    store.delete_entity(a).expect("delete");
    assert_eq!(store.entities().expect("e").len(), 1);
    store.undo().expect("undo");
    assert_eq!(store.entities().expect("e"), before);
    assert_eq!(store.mentions(a).expect("m").len(), 2);
}

/// How many times the writer is killed (`ISNAD_KILL_ROUNDS`; the reliability run uses 200+).
fn kill_rounds() -> usize {
    std::env::var("ISNAD_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(25)
}

/// Not a test on its own: the child that `a_writer_killed_at_any_moment_loses_nothing_acknowledged`
/// runs. It tags entities with three mentions each, printing `ack N` after each returns.
#[test]
fn writer_child() {
    let Ok(path) = std::env::var("ISNAD_WRITER_STORE") else {
        return;
    };
    let mut store = Store::open(Path::new(&path), "writer").expect("open");
    let first = store.entities().expect("entities").len();
    let anchors = putin_anchors();
    for n in first.. {
        let name = format!("e{n}");
        store
            .tag(&entity(&name, "PER"), &anchors, &name)
            .expect("tag");
        println!("ack {n}");
    }
}

#[test]
fn a_writer_killed_at_any_moment_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    drop(open(&path));
    let exe = std::env::current_exe().expect("test binary");
    let mut acknowledged = Vec::new();
    for round in 0..kill_rounds() {
        let mut child = Command::new(&exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env("ISNAD_WRITER_STORE", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| {
                    line.strip_prefix("ack ")
                        .and_then(|n| n.parse::<usize>().ok())
                })
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(fastrand::u64(20..120)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        acknowledged.extend(reader.join().expect("reader"));
        // After every kill the store opens, and holds every acknowledged action whole.
        let store = Store::open(&path, "checker").unwrap_or_else(|e| panic!("round {round}: {e}"));
        let entities = store.entities().expect("entities");
        for n in &acknowledged {
            let name = format!("e{n}");
            assert!(
                entities.iter().any(|e| e.name == name),
                "round {round}: lost {name}"
            );
        }
        for entity in &entities {
            assert_eq!(
                entity.mentions, 3,
                "round {round}: {} is half-written",
                entity.name
            );
        }
    }
    println!(
        "TABLE|SIGKILL of a writer tagging in a loop (in process, 3 mentions per entity)|{} kills|store opened after every kill; {} acknowledged actions, none lost, none half-written",
        kill_rounds(),
        acknowledged.len()
    );
    assert!(
        acknowledged.len() > kill_rounds(),
        "the writer got to write: {}",
        acknowledged.len()
    );
}

#[test]
fn a_reader_sees_that_another_connection_changed_the_store() {
    // How the workbench notices what `isnad entity add` wrote while it was open.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    let workbench = open(&path);
    let mut command_line = open(&path);
    let before = workbench.version().expect("version");
    command_line
        .tag(&entity("موسكو", "LOC"), &[], "tag موسكو")
        .expect("tag");
    assert_ne!(workbench.version().expect("version"), before);
    assert_eq!(workbench.entities().expect("entities").len(), 1);
    // Its own changes do not count as someone else's.
    let mut workbench = workbench;
    let own = workbench.version().expect("version");
    workbench.add_alias(1, "Moscow").expect("alias");
    assert_eq!(workbench.version().expect("version"), own);
}

#[test]
fn claims_and_evidence_undo_like_everything_else() {
    use isnad::store::{Stance, Status};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&dir.path().join("store.sqlite"));
    let claim = store
        .add_claim("  Putin   dismissed the warnings ", Status::Unverified)
        .expect("claim");
    assert_eq!(
        store.claim(claim).expect("read").expect("there").text,
        "Putin dismissed the warnings"
    );
    let anchors = putin_anchors();
    let first = store
        .link(claim, "doc.txt", &anchors[0].1, Stance::Supports, "")
        .expect("link");
    store
        .link(claim, "doc.txt", &anchors[1].1, Stance::Refutes, "وفق مصدر")
        .expect("link");
    assert_eq!(store.evidence(claim).expect("evidence").len(), 2);
    store
        .update_claim(
            claim,
            None,
            Some(Status::Disputed),
            Some("two sources differ"),
        )
        .expect("update");
    let before = store.evidence(claim).expect("evidence");
    store.delete_claim(claim).expect("delete");
    assert!(store.claims().expect("claims").is_empty());
    assert!(store.evidence(claim).expect("evidence").is_empty());
    store.undo().expect("undo");
    assert_eq!(
        store.evidence(claim).expect("evidence"),
        before,
        "the evidence is back whole"
    );
    let back = store.claim(claim).expect("read").expect("there");
    assert_eq!(
        (back.status, back.verdict.as_str()),
        (Status::Disputed, "two sources differ")
    );
    store.unlink(first).expect("unlink");
    assert_eq!(store.evidence(claim).expect("evidence").len(), 1);
    assert!(
        store
            .link(99, "doc.txt", &anchors[0].1, Stance::Supports, "")
            .is_err()
    );
    assert!(store.add_claim("   ", Status::Unverified).is_err());
}

/// Another process holds the store's write lock past the busy timeout (10 s): the command
/// line says the store is busy and to try again, and the store is not harmed.
#[test]
fn a_locked_store_gives_a_clear_error_and_is_left_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("locked");
    let status = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .arg("init")
        .arg(&root)
        .stdout(Stdio::null())
        .status()
        .expect("init");
    assert!(status.success());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(args)
            .env("ISNAD_WORKSPACE", &root)
            .env("ISNAD_DATA_DIR", dir.path().join("data"))
            .output()
            .expect("isnad")
    };
    assert!(run(&["claim", "add", "before the lock"]).status.success());
    let holder = rusqlite::Connection::open(root.join(".isnad/store.sqlite")).expect("open");
    holder.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    let output = run(&["claim", "add", "while locked"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        said.contains("the annotation store is busy") && said.contains("try again"),
        "{said}"
    );
    holder.execute_batch("ROLLBACK").expect("unlock");
    drop(holder);
    let listed = run(&["claim", "list", "--json"]);
    let claims: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let texts: Vec<&str> = claims
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert_eq!(texts, ["before the lock"]);
}
