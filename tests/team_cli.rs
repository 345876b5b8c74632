//! Team mode from the command line, against the throwaway PostgreSQL `tests/run` starts:
//! `team init` and `team join`; what one member does, the others read; many members
//! writing at once lose no acknowledged change; a writer killed at any moment loses
//! nothing acknowledged; a database out of reach refuses changes and keeps reading; no
//! password is ever kept or printed.

mod common;

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::case::Case;
use common::pg::{self, TestDb};
use serde_json::Value;

/// A member's workspace (the sample reports in its corpus) joined to the team in `db`.
struct Member {
    case: Case,
    env: Vec<(String, String)>,
}

impl Member {
    fn join(db: &TestDb, name: &str) -> Member {
        let case = Case::new(name);
        let member = Member {
            case,
            env: db.env(),
        };
        let url = db.url.clone();
        let joined = member.ok(&["team", "join", &url]);
        assert!(joined.contains("now works with the team"), "{joined}");
        member
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_isnad"));
        cmd.args(args)
            .env("ISNAD_DATA_DIR", &self.case.data)
            .env_remove("ISNAD_WORKSPACE")
            .env_remove("PGPASSWORD")
            .env("NO_COLOR", "1")
            .env("USER", self.case.root.file_name().expect("a test step"))
            .current_dir(&self.case.root);
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run isnad")
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    /// The JSON array a listing prints.
    fn listed(&self, args: &[&str]) -> Vec<Value> {
        let out = self.ok(args);
        serde_json::from_str::<Value>(&out)
            .expect("JSON")
            .as_array()
            .expect("array")
            .clone()
    }

    fn claims(&self) -> Vec<Value> {
        self.listed(&["claim", "list", "--json"])
    }

    fn entities(&self) -> Vec<Value> {
        self.listed(&["entity", "list", "--json"])
    }
}

fn init(db: &TestDb) {
    let output = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["team", "init", &db.url])
        .envs(db.env())
        .env_remove("PGPASSWORD")
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("Made the isnad team"), "{said}");
}

/// The password the pgpass file of `db` holds (the last field of its line).
fn password(db: &TestDb) -> String {
    let line = std::fs::read_to_string(&db.passfile).expect("pgpass");
    line.lines()
        .next()
        .and_then(|l| l.rsplit(':').next())
        .expect("a password")
        .to_owned()
}

/// A team made in a database of its own, and Amal and Badr joined to it.
fn team_of_two() -> (TestDb, Member, Member) {
    let db = pg::database();
    init(&db);
    let amal = Member::join(&db, "amal");
    let badr = Member::join(&db, "badr");
    (db, amal, badr)
}

fn texts(claims: &[Value]) -> Vec<String> {
    let mut texts: Vec<String> = claims
        .iter()
        .map(|c| c["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    texts.sort();
    texts
}

#[test]
fn what_one_member_records_the_others_read() {
    let (_db, amal, badr) = team_of_two();
    let toll = amal.ok(&["claim", "add", "death toll"]).trim().to_owned();
    badr.ok(&[
        "claim",
        "link",
        &toll,
        "--doc",
        common::SAMPLE_A,
        "--quote",
        "أسفر عن مقتل 144 شخصًا",
        "--stance",
        "supports",
    ]);
    badr.ok(&["entity", "add", "بوتين", "--type", "PER", "--all"]);
    let claims = amal.claims();
    assert_eq!(texts(&claims), ["death toll"]);
    assert_eq!(
        claims[0]["evidence"].as_array().map(Vec::len),
        Some(1),
        "{claims:?}"
    );
    let entities = amal.entities();
    assert_eq!(entities.len(), 1);
    assert!(
        entities[0]["mentions"]
            .as_array()
            .is_some_and(|m| !m.is_empty())
    );
    // Undo is one's own: amal's undo takes back amal's claim only if nobody built on it;
    // badr's evidence did, so it is refused, and badr's own undo takes the tagging back.
    let refused = amal.run(&["undo"]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("cannot undo"), "{said}");
    badr.ok(&["undo"]);
    assert!(amal.entities().is_empty(), "badr's undo reached amal");
    let status = amal.ok(&["team", "status"]);
    assert!(status.contains("caught up"), "{status}");
    // The test's members all log in as the role that made the team.
    assert!(status.contains("the team's owner"), "{status}");
}

#[test]
fn the_workspace_keeps_no_password_and_no_message_shows_it() {
    let db = pg::database();
    init(&db);
    let secret = password(&db);
    let with_password = db
        .url
        .replacen("://isnad_super@", &format!("://isnad_super:{secret}@"), 1);
    assert_ne!(with_password, db.url, "the test URL names isnad_super");
    let case = Case::new("carol");
    let output = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["team", "join", &with_password])
        .env("ISNAD_DATA_DIR", &case.data)
        .env_remove("PGPASSWORD")
        .env_remove("PGPASSFILE")
        .current_dir(&case.root)
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!said.contains(&secret), "{said}");
    assert!(said.contains("kept nowhere"), "{said}");
    let toml = std::fs::read_to_string(case.root.join("isnad.toml")).expect("isnad.toml");
    assert!(toml.contains("[team]"), "{toml}");
    assert!(!toml.contains(&secret), "{toml}");
    // Without the password the workspace says what to do, and never prints one.
    let refused = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["claim", "add", "x"])
        .env("ISNAD_DATA_DIR", &case.data)
        .env_remove("PGPASSWORD")
        .env("PGPASSFILE", "/nonexistent")
        .current_dir(&case.root)
        .output()
        .expect("run");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!said.contains(&secret), "{said}");
}

#[test]
fn twenty_members_writing_at_once_lose_no_acknowledged_write() {
    let db = pg::database();
    init(&db);
    let members: Vec<Member> = (0..4)
        .map(|n| Member::join(&db, &format!("m{n}")))
        .collect();
    let claim = members[0].ok(&["claim", "add", "shared"]).trim().to_owned();
    let names = ["بوتين", "داعش", "موسكو", "كروكوس", "روسيا"];
    let types = ["PER", "ORG"];
    // 20 processes at once: entity add and claim link, spread over the members.
    let mut children = Vec::new();
    for n in 0..20 {
        let member = &members[n % members.len()];
        let args: Vec<String> = if n % 2 == 0 {
            let k = n / 2;
            vec![
                "entity".into(),
                "add".into(),
                names[k % names.len()].into(),
                "--type".into(),
                types[k / names.len()].into(),
                "--all".into(),
            ]
        } else {
            // Each link a passage of its own (code points of the report).
            vec![
                "claim".into(),
                "link".into(),
                claim.clone(),
                "--doc".into(),
                common::SAMPLE_A.into(),
                "--start".into(),
                (40 * n).to_string(),
                "--end".into(),
                (40 * n + 12).to_string(),
                "--stance".into(),
                if n % 4 == 1 { "supports" } else { "mentions" }.into(),
                "--note".into(),
                format!("n{n}"),
            ]
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let child = member
            .command(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        children.push((n, child));
    }
    let mut acknowledged_types = Vec::new();
    let mut acknowledged_notes = Vec::new();
    for (n, child) in children {
        let output = child.wait_with_output().expect("wait");
        assert!(output.status.success(), "process {n}: {output:?}");
        if n % 2 == 0 {
            let k = n / 2;
            acknowledged_types.push(format!(
                "{} {}",
                names[k % names.len()],
                types[k / names.len()]
            ));
        } else {
            acknowledged_notes.push(format!("n{n}"));
        }
    }
    acknowledged_notes.sort();
    for member in &members {
        let mut types: Vec<String> = member
            .entities()
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["name"].as_str().unwrap_or_default(),
                    e["type"].as_str().unwrap_or_default()
                )
            })
            .collect();
        types.sort();
        let mut expected = acknowledged_types.clone();
        expected.sort();
        assert_eq!(types, expected, "every entity added, in every copy");
        let claims = member.claims();
        let mut notes: Vec<String> = claims[0]["evidence"]
            .as_array()
            .expect("evidence")
            .iter()
            .map(|e| e["note"].as_str().unwrap_or_default().to_owned())
            .collect();
        notes.sort();
        assert_eq!(notes, acknowledged_notes, "every link, in every copy");
    }
}

fn kill_rounds() -> usize {
    std::env::var("ISNAD_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

#[test]
fn a_member_killed_at_any_moment_loses_nothing_acknowledged() {
    let db = pg::database();
    init(&db);
    let amal = Member::join(&db, "amal");
    let mut acknowledged: Vec<String> = Vec::new();
    let mut took: Vec<Duration> = Vec::new();
    let (mut kills, mut finished) = (0, 0);
    for round in 0..kill_rounds() {
        let text = format!("claim {round}");
        let start = Instant::now();
        let mut child = amal
            .command(&["claim", "add", &text])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let delay = if took.is_empty() {
            Duration::MAX
        } else {
            let mut sorted = took.clone();
            sorted.sort();
            let limit = sorted[sorted.len() / 2].mul_f64(1.3).as_micros();
            Duration::from_micros(fastrand::u64(0..=u64::try_from(limit).unwrap_or(u64::MAX)))
        };
        while start.elapsed() < delay && child.try_wait().expect("wait").is_none() {
            std::thread::sleep(Duration::from_micros(500));
        }
        let exited = child.try_wait().expect("wait");
        if exited.is_none() {
            child.kill().expect("SIGKILL");
            kills += 1;
        }
        let output = child.wait_with_output().expect("reap");
        if let Some(status) = exited {
            finished += 1;
            took.push(start.elapsed());
            if status.success() && !output.stdout.is_empty() {
                acknowledged.push(text);
            }
        }
        // The copy opens, and holds every acknowledged claim, after every kill.
        let claims = texts(&amal.claims());
        for text in &acknowledged {
            assert!(claims.contains(text), "round {round}: {text} lost");
        }
    }
    // A second member's fresh copy agrees with the team database.
    let badr = Member::join(&db, "badr");
    assert_eq!(texts(&badr.claims()), texts(&amal.claims()));
    println!(
        "TABLE|SIGKILL of a team member writing to PostgreSQL|{} runs: {kills} killed, {finished} finished|no acknowledged claim lost; every copy agrees",
        kills + finished
    );
}

#[test]
fn a_database_out_of_reach_refuses_changes_and_keeps_reading() {
    let db = pg::database();
    init(&db);
    let amal = Member::join(&db, "amal");
    amal.ok(&["claim", "add", "kept"]);
    // Point the workspace at a port nobody listens on.
    let toml_path = amal.case.root.join("isnad.toml");
    let toml = std::fs::read_to_string(&toml_path).expect("toml");
    let port = db
        .url
        .rsplit_once(':')
        .expect("a test step")
        .1
        .split('/')
        .next()
        .expect("a test step")
        .to_owned();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a test step")
        .local_addr()
        .expect("a test step")
        .port();
    std::fs::write(
        &toml_path,
        toml.replace(&format!(":{port}/"), &format!(":{closed}/")),
    )
    .expect("a test step");
    let refused = amal.run(&["claim", "add", "lost?"]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("cannot be reached"), "{said}");
    assert!(said.contains("nothing was changed"), "{said}");
    let listed = amal.run(&["claim", "list", "--json"]);
    assert!(listed.status.success(), "{listed:?}");
    let note = String::from_utf8_lossy(&listed.stderr);
    assert!(note.contains("this machine's copy"), "{note}");
    let claims: Value = serde_json::from_slice(&listed.stdout).expect("a test step");
    assert_eq!(texts(claims.as_array().expect("a test step")), ["kept"]);
    // Back again: the change goes through.
    std::fs::write(&toml_path, toml).expect("a test step");
    amal.ok(&["claim", "add", "made"]);
    assert_eq!(texts(&amal.claims()), ["kept", "made"]);
}

#[test]
fn a_document_one_member_adds_reaches_the_others_index() {
    let (_db, amal, badr) = team_of_two();
    let outside = tempfile::tempdir().expect("tempdir");
    let report = outside.path().join("تقرير جديد.txt");
    std::fs::write(
        &report,
        "عنوان التقرير\n\nأعلنت الوزارة عن زلزال في المنطقة الشمالية.\n",
    )
    .expect("write");
    let added = amal.ok(&["add", report.to_str().expect("a UTF-8 path")]);
    assert!(added.contains("shared with the team: 1 new"), "{added}");
    // Twice: the team has it already, nothing is sent again.
    let again = amal.ok(&["add", report.to_str().expect("a UTF-8 path")]);
    assert!(again.contains("1 it had already (0 B sent)"), "{again}");
    let indexed = badr.run(&["index"]);
    assert!(indexed.status.success(), "{indexed:?}");
    let said = String::from_utf8_lossy(&indexed.stderr);
    assert!(said.contains("From the team: 1 document"), "{said}");
    let found = badr.ok(&["search", "زلزال"]);
    assert!(found.contains("تقرير جديد.txt"), "{found}");
    // The bytes are the same in both corpus folders.
    assert_eq!(
        std::fs::read(amal.case.root.join("corpus/تقرير جديد.txt")).expect("amal's copy"),
        std::fs::read(badr.case.root.join("corpus/تقرير جديد.txt")).expect("badr's copy"),
    );
    // Nothing more the next time.
    let quiet = badr.run(&["index"]);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("From the team"));
}

#[test]
fn a_document_path_that_would_leave_the_corpus_folder_is_refused() {
    let db = pg::database();
    init(&db);
    let badr = Member::join(&db, "badr");
    let bytes = b"pwned".to_vec();
    let hash = isnad::team::content_hash(&bytes);
    let mut client = db.connect();
    client
        .execute(
            "INSERT INTO isnad.blob (hash, content, size) VALUES ($1, $2, 5)",
            &[&hash, &bytes],
        )
        .expect("blob");
    for path in ["../evil.txt", "/tmp/evil.txt"] {
        client
            .execute(
                "INSERT INTO isnad.document (path, hash, added_by, seq) VALUES ($1, $2, 'x', 1)",
                &[&path, &hash],
            )
            .expect("document");
    }
    client
        .execute("UPDATE isnad.document_head SET seq = 1", &[])
        .expect("head");
    let indexed = badr.run(&["index"]);
    assert!(indexed.status.success(), "{indexed:?}");
    let said = String::from_utf8_lossy(&indexed.stderr);
    assert!(
        said.contains("not taken from the team: ../evil.txt"),
        "{said}"
    );
    assert!(said.contains("would leave the corpus folder"), "{said}");
    assert!(!badr.case.root.join("evil.txt").exists());
    assert!(!std::path::Path::new("/tmp/evil.txt").exists());
}

/// The export of a workspace with its volatile parts left out (none so far: the JSON export
/// holds no time or path of its own).
fn export_json(case_root: &std::path::Path, run: impl Fn(&[&str]) -> String) -> Value {
    let out = case_root.join("export.json");
    run(&[
        "export",
        "--format",
        "json",
        "-o",
        out.to_str().expect("a UTF-8 path"),
    ]);
    serde_json::from_slice(&std::fs::read(&out).expect("the export")).expect("JSON")
}

#[test]
fn a_workspace_pushed_into_a_team_and_exported_back_exports_the_same() {
    let db = pg::database();
    // A workspace of one's own, annotated, with undone and redone steps in its journal.
    let solo = Member {
        case: Case::new("solo"),
        env: db.env(),
    };
    solo.ok(&["entity", "add", "روسيا", "--type", "LOC", "--all"]);
    solo.ok(&["entity", "add", "داعش", "--type", "ORG", "--all"]);
    let claim = solo.ok(&["claim", "add", "death toll"]).trim().to_owned();
    solo.ok(&[
        "claim",
        "link",
        &claim,
        "--doc",
        common::SAMPLE_A,
        "--quote",
        "أسفر عن مقتل 144 شخصًا",
        "--stance",
        "supports",
    ]);
    solo.ok(&["doc", "tag", common::SAMPLE_A, "checked"]);
    solo.ok(&["doc", "note", common::SAMPLE_B, "ملاحظة"]);
    solo.ok(&["undo"]);
    solo.ok(&["redo"]);
    solo.ok(&["doc", "review", common::SAMPLE_B]);
    solo.ok(&["undo"]);
    let before = export_json(&solo.case.root, |args| solo.ok(args));

    let pushed = solo.ok(&["team", "push", &db.url]);
    assert!(pushed.contains("2 entities, 1 claim"), "{pushed}");
    assert!(pushed.contains("2 files"), "{pushed}");
    // The pushing workspace works with the team now, and a new member finds it all.
    let badr = Member::join(&db, "badr");
    assert_eq!(export_json(&badr.case.root, |args| badr.ok(args)), before);
    // Undo in the team: the last step in force of the pusher is the note's redo.
    solo.ok(&["undo"]);
    solo.ok(&["redo"]);

    // And back to a workspace of one's own.
    let back = badr.case.root.parent().expect("a parent").join("back");
    badr.ok(&["team", "export", back.to_str().expect("a UTF-8 path")]);
    let alone = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(args)
            .env("ISNAD_WORKSPACE", &back)
            .env("ISNAD_DATA_DIR", &badr.case.data)
            .env_remove("PGPASSFILE")
            .output()
            .expect("run");
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    assert_eq!(export_json(&back, alone), before);
    let toml = std::fs::read_to_string(back.join("isnad.toml")).expect("isnad.toml");
    assert!(!toml.contains("[team]"), "{toml}");
    // Its journal came along: undo works there, alone.
    alone(&["undo"]);
}

#[test]
fn a_share_of_more_files_than_the_list_gives_at_once_reaches_the_others_whole() {
    let (_db, amal, badr) = team_of_two();
    // One `isnad add` numbers all its files alike; the list gives 1,000 at a time.
    let outside = tempfile::tempdir().expect("tempdir");
    let folder = outside.path().join("batch");
    std::fs::create_dir(&folder).expect("folder");
    for n in 0..1_234 {
        std::fs::write(
            folder.join(format!("r{n:04}.txt")),
            format!("تقرير {n}\n\nنص التقرير رقم {n}.\n"),
        )
        .expect("write");
    }
    let added = amal.ok(&["add", folder.to_str().expect("a UTF-8 path")]);
    assert!(added.contains("shared with the team: 1234 new"), "{added}");
    let indexed = badr.run(&["index"]);
    let said = String::from_utf8_lossy(&indexed.stderr);
    assert!(said.contains("From the team: 1234 documents"), "{said}");
    let files = std::fs::read_dir(badr.case.root.join("corpus/batch"))
        .expect("the team's folder")
        .count();
    assert_eq!(files, 1_234);
}
