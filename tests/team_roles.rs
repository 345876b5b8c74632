//! Team roles from the command line, against the throwaway PostgreSQL `tests/run` starts:
//! `isnad team grant` makes login roles readers, annotators or admins; a reader's change is
//! refused and leaves the copy as it was; an annotator changes only their own document
//! notes, an admin anyone's; `team init` upgrades a team made before roles existed.
//!
//! Roles belong to the whole server, so each test names its login roles and its team's
//! schema after its own database, and drops the roles when it ends, failed or not.

mod common;

use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::process::{Command, Output};

use common::case::Case;
use common::pg::{self, TestDb};
use serde_json::Value;

/// The login roles of one test and its team's group roles, dropped when this is.
struct Roles<'a> {
    db: &'a TestDb,
    schema: String,
    /// Login role names by their short name (`reader1`), with their passwords.
    logins: Vec<(String, String, String)>,
    /// The pgpass file with every login role's password (mode 0600), in here.
    dir: tempfile::TempDir,
}

impl<'a> Roles<'a> {
    /// A team in `db` (in a schema named for it) and login roles `short` for it.
    fn new(db: &'a TestDb, short: &[&str]) -> Roles<'a> {
        let schema = db.name().to_owned();
        let dir = tempfile::tempdir().expect("tempdir");
        let mut roles = Roles {
            db,
            schema,
            logins: Vec::new(),
            dir,
        };
        let mut admin = db.connect();
        let mut pgpass = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(roles.passfile())
            .expect("pgpass");
        for name in short {
            let role = format!("{name}_{}", db.name());
            let password = format!("pw{:016x}", fastrand::u64(..));
            // The guard owns the role before it is made: a failure from here drops it too.
            roles
                .logins
                .push(((*name).to_owned(), role.clone(), password.clone()));
            admin
                .batch_execute(&format!("CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
                .expect("create a login role");
            writeln!(pgpass, "*:*:*:{role}:{password}").expect("write pgpass");
        }
        roles
    }

    fn passfile(&self) -> std::path::PathBuf {
        self.dir.path().join("pgpass")
    }

    /// The full name of the login role `short`.
    fn role(&self, short: &str) -> String {
        self.logins
            .iter()
            .find(|(name, _, _)| name == short)
            .map(|(_, role, _)| role.clone())
            .expect("a login role of this test")
    }

    /// The test database's URL, logging in as `role`.
    fn url_as(&self, role: &str) -> String {
        self.db.url.replacen("isnad_super@", &format!("{role}@"), 1)
    }

    /// `isnad ARGS` as the owner (the server's admin), with no workspace.
    fn owner(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(args)
            .envs(self.db.env())
            .env_remove("PGPASSWORD")
            .env_remove("ISNAD_WORKSPACE")
            .env("NO_COLOR", "1")
            .output()
            .expect("run isnad")
    }

    /// `isnad team grant` by the owner.
    fn grant(&self, short: &str, role: &str) {
        let output = self.owner(&[
            "team",
            "grant",
            &self.role(short),
            role,
            "--database",
            &self.db.url,
            "--schema",
            &self.schema,
        ]);
        assert!(output.status.success(), "{output:?}");
    }

    /// A workspace of the login role `short`, joined to the team.
    fn member(&self, short: &str) -> Member {
        let member = Member {
            case: Case::new(short),
            passfile: self.passfile(),
        };
        let joined = member.ok(&[
            "team",
            "join",
            "--schema",
            &self.schema,
            &self.url_as(&self.role(short)),
        ]);
        assert!(joined.contains("now works with the team"), "{joined}");
        member
    }
}

impl Drop for Roles<'_> {
    fn drop(&mut self) {
        // Never panic here: a failing test may be unwinding through it.
        let mut names: Vec<String> = self.logins.iter().map(|(_, r, _)| r.clone()).collect();
        names
            .extend(["reader", "annotator", "admin"].map(|word| format!("{}_{word}", self.schema)));
        let Ok(mut client) = self.db.target().connect() else {
            eprintln!("could not connect to drop the roles {names:?}");
            return;
        };
        for name in &names {
            let dropped = client.batch_execute(&format!(
                "DO $d$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN \
                 DROP OWNED BY {name}; DROP ROLE {name}; END IF; END $d$"
            ));
            if let Err(error) = dropped {
                eprintln!("could not drop the role {name}: {error}");
            }
        }
    }
}

/// A member's workspace (the sample reports in its corpus), logging in with its own role.
struct Member {
    case: Case,
    passfile: std::path::PathBuf,
}

impl Member {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(args)
            .env("ISNAD_DATA_DIR", &self.case.data)
            .env_remove("ISNAD_WORKSPACE")
            .env_remove("PGPASSWORD")
            .env("PGPASSFILE", &self.passfile)
            .env("NO_COLOR", "1")
            .current_dir(&self.case.root)
            .output()
            .expect("run isnad")
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    /// What isnad said on failing (the run must fail).
    fn refused(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            !output.status.success(),
            "{args:?} was not refused: {output:?}"
        );
        String::from_utf8(output.stderr).expect("UTF-8")
    }

    fn claims(&self) -> Vec<Value> {
        let out = self.ok(&["claim", "list", "--json"]);
        serde_json::from_str::<Value>(&out)
            .expect("JSON")
            .as_array()
            .expect("array")
            .clone()
    }

    /// The document `doc` as `doc list --json` shows it.
    fn doc(&self, doc: &str) -> Value {
        self.ok(&["doc", "list", "--json"])
            .lines()
            .map(|line| serde_json::from_str::<Value>(line).expect("JSON"))
            .find(|d| d["doc"] == doc)
            .expect("the document")
    }
}

/// `isnad team init` by the owner, in the team's schema.
fn init(roles: &Roles<'_>) {
    let output = roles.owner(&["team", "init", &roles.db.url, "--schema", &roles.schema]);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("Made the isnad team"), "{said}");
}

#[test]
fn a_readers_change_is_refused_and_their_copy_stays_as_it_was() {
    let db = pg::database();
    let roles = Roles::new(&db, &["reader1", "annotator1"]);
    init(&roles);
    roles.grant("reader1", "reader");
    roles.grant("annotator1", "annotator");
    let annotator = roles.member("annotator1");
    annotator.ok(&["claim", "add", "death toll"]);
    let reader = roles.member("reader1");
    let before = reader.claims();
    assert_eq!(before.len(), 1, "{before:?}");

    let said = reader.refused(&["claim", "add", "a reader's claim"]);
    let role = roles.role("reader1");
    assert!(
        said.contains("refused this, so nothing was changed")
            && said.contains(&format!("{role} is a reader of the team"))
            && said.contains(&format!("isnad team grant {role} annotator")),
        "{said}"
    );
    assert_eq!(reader.claims(), before);
    // A reader's add is not kept on their side alone.
    let outside = tempfile::tempdir().expect("tempdir");
    let extra = outside.path().join("reader.txt");
    std::fs::write(&extra, "عنوان\n\nنص.\n").expect("write");
    let said = reader.refused(&["add", extra.to_str().expect("a UTF-8 path")]);
    assert!(said.contains("nothing was added"), "{said}");
    assert!(!reader.case.root.join("corpus/reader.txt").exists());
    let said = reader.refused(&["doc", "note", common::SAMPLE_A, "a reader's note"]);
    assert!(said.contains("is a reader of the team"), "{said}");
    assert_eq!(reader.doc(common::SAMPLE_A)["note"], "");
    // Nothing reached the others either.
    assert_eq!(annotator.claims().len(), 1);
}

#[test]
fn an_annotator_changes_only_their_own_notes_and_an_admin_anyones() {
    let db = pg::database();
    let roles = Roles::new(&db, &["annotator1", "annotator2", "admin1"]);
    init(&roles);
    roles.grant("annotator1", "annotator");
    roles.grant("annotator2", "annotator");
    roles.grant("admin1", "admin");
    let first = roles.member("annotator1");
    let second = roles.member("annotator2");
    let admin = roles.member("admin1");

    let toll = first.ok(&["claim", "add", "death toll"]).trim().to_owned();
    second.ok(&[
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
    first.ok(&["doc", "note", common::SAMPLE_A, "first's note"]);

    let maker = roles.role("annotator1");
    let rule = format!("was made by {maker}; only {maker} or a team admin can change it");
    for change in [
        vec!["doc", "note", common::SAMPLE_A, "second's note"],
        vec!["doc", "note", common::SAMPLE_A, ""],
    ] {
        let said = second.refused(&change);
        assert!(said.contains(&rule), "{change:?}: {said}");
        assert!(!said.contains("deleted"), "{said}");
    }
    let note = second.doc(common::SAMPLE_A);
    assert_eq!(note["note"], "first's note", "{note}");
    // Review marks and tags are the team's triage: anyone's to change.
    second.ok(&["doc", "tag", common::SAMPLE_A, "disputed"]);
    second.ok(&["doc", "review", common::SAMPLE_A]);
    second.ok(&["doc", "review", "--undo", common::SAMPLE_A]);
    let note = first.doc(common::SAMPLE_A);
    assert_eq!(note["note"], "first's note", "{note}");
    assert_eq!(note["reviewed"], false, "{note}");
    assert!(note["tags"].to_string().contains("disputed"), "{note}");

    // Their own notes are theirs to change.
    second.ok(&["doc", "note", common::SAMPLE_B, "second's note"]);
    second.ok(&["doc", "tag", common::SAMPLE_B, "checked"]);
    second.ok(&["doc", "review", common::SAMPLE_B]);
    assert_eq!(second.doc(common::SAMPLE_B)["note"], "second's note");

    // An admin may change anyone's, and the maker sees it.
    admin.ok(&["doc", "note", common::SAMPLE_A, "the admin's note"]);
    admin.ok(&["doc", "review", common::SAMPLE_A]);
    let note = first.doc(common::SAMPLE_A);
    assert_eq!(note["note"], "the admin's note", "{note}");
    assert_eq!(note["reviewed"], true, "{note}");
    // And the maker still may.
    first.ok(&["doc", "note", common::SAMPLE_A, "first's again"]);
    assert_eq!(admin.doc(common::SAMPLE_A)["note"], "first's again");
}

#[test]
fn an_admin_grants_roles_and_the_members_list_shows_them() {
    let db = pg::database();
    let roles = Roles::new(&db, &["admin1", "annotator1", "reader1", "outsider1"]);
    init(&roles);
    // A role with no team role reads nothing, and is told who can change that.
    let outsider = Member {
        case: Case::new("outsider1"),
        passfile: roles.passfile(),
    };
    let said = outsider.refused(&[
        "team",
        "join",
        "--schema",
        &roles.schema,
        &roles.url_as(&roles.role("outsider1")),
    ]);
    assert!(
        said.contains(&format!(
            "{} has no role in the team",
            roles.role("outsider1")
        )) && said.contains("isnad team grant"),
        "{said}"
    );
    roles.grant("admin1", "admin");
    roles.grant("annotator1", "reader");
    let admin = roles.member("admin1");
    let member = roles.member("annotator1");
    assert!(
        member
            .refused(&["claim", "add", "too soon"])
            .contains("is a reader")
    );

    let annotator1 = roles.role("annotator1");
    let said = admin.ok(&["team", "grant", &annotator1, "annotator"]);
    assert!(said.contains("is now an annotator"), "{said}");
    member.ok(&["claim", "add", "now allowed"]);
    let status = member.ok(&["team", "status"]);
    assert!(
        status.contains(&format!(
            "you log in as {annotator1}; your team role: annotator"
        )),
        "{status}"
    );

    // A non-admin cannot grant; a role that does not exist is named.
    let reader1 = roles.role("reader1");
    let said = member.refused(&["team", "grant", &reader1, "admin"]);
    assert!(said.contains("this needs a team admin"), "{said}");
    let said = admin.refused(&["team", "grant", "nobody_at_all_here", "reader"]);
    assert!(
        said.contains("there is no role nobody_at_all_here"),
        "{said}"
    );
    let said = admin.refused(&["team", "grant", &reader1, "owner"]);
    assert!(said.contains("is not a team role"), "{said}");

    let members = admin.ok(&["team", "members"]);
    assert!(members.contains("isnad_super owner"), "{members}");
    assert!(
        members.contains(&format!("{} admin", roles.role("admin1"))),
        "{members}"
    );
    assert!(
        members.contains(&format!("{annotator1} annotator")),
        "{members}"
    );
    assert!(
        !members.contains(&format!("{annotator1} reader")),
        "{members}"
    );
    assert!(!members.contains(&reader1), "{members}");
}

/// A team made by isnad before roles existed (schema version 1) is upgraded by `team init`;
/// its rows become the owner's.
#[test]
fn team_init_upgrades_a_team_made_before_roles() {
    let db = pg::database();
    let roles = Roles::new(&db, &["annotator1"]);
    let schema = &roles.schema;
    let first = isnad::team::schema::migrations(schema)
        .expect("a valid schema")
        .remove(0);
    let mut owner = db.connect();
    owner
        .batch_execute(&format!(
            "CREATE SCHEMA {schema}; {first}
             INSERT INTO {schema}.meta (key, value) VALUES ('schema_version', '1');
             INSERT INTO {schema}.doc_note (id, doc, reviewed, tags, note, version, created_by,
                 changed_by) VALUES (1, '{doc}', 0, '', 'an old note', 1, 'amal', 'amal');",
            doc = common::SAMPLE_A
        ))
        .expect("a team at schema version 1");
    let refused = roles.owner(&[
        "team",
        "grant",
        &roles.role("annotator1"),
        "annotator",
        "--database",
        &db.url,
        "--schema",
        schema,
    ]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("upgrades it by running `isnad team init`"),
        "{said}"
    );

    let output = roles.owner(&["team", "init", &db.url, "--schema", schema]);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("from schema version 1 to 3"), "{output:?}");
    let again = roles.owner(&["team", "init", &db.url, "--schema", schema]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("up to date"),
        "{again:?}"
    );

    let made: String = owner
        .query_one(&format!("SELECT created_role FROM {schema}.doc_note"), &[])
        .expect("the old note")
        .get(0);
    assert_eq!(made, "isnad_super");
    // The rule holds for rows made before it: an annotator's change touches none of them.
    roles.grant("annotator1", "annotator");
    let mut member = isnad::team::connect::Target::parse(&format!(
        "{}?passfile={}",
        roles.url_as(&roles.role("annotator1")),
        roles.passfile().display()
    ))
    .expect("a URL")
    .connect()
    .expect("connect as annotator1");
    let refused = member
        .execute(
            &format!("UPDATE {schema}.doc_note SET note = 'mine now'"),
            &[],
        )
        .expect_err("another's note text is kept");
    assert!(
        refused
            .as_db_error()
            .is_some_and(|e| e.message().contains("was made by isnad_super")),
        "{refused}"
    );
    // Its review mark is the team's to change.
    let changed = member
        .execute(&format!("UPDATE {schema}.doc_note SET reviewed = 1"), &[])
        .expect("triage");
    assert_eq!(changed, 1);
    let seen = member
        .query(&format!("SELECT note FROM {schema}.doc_note"), &[])
        .expect("every member reads every note");
    assert_eq!(seen.len(), 1);
}

/// A DBA's login role named like a team role is never taken for it: granting `admin` would
/// hand out membership of that role.
#[test]
fn a_login_role_is_never_taken_for_a_team_role() {
    let db = pg::database();
    let roles = Roles::new(&db, &[]);
    let taken = format!("{}_admin", roles.schema);
    db.connect()
        .batch_execute(&format!("CREATE ROLE {taken} LOGIN"))
        .expect("a login role named like the team's admin role");
    let output = roles.owner(&["team", "init", &db.url, "--schema", &roles.schema]);
    assert!(!output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains(&format!("the role {taken} exists already and can log in")),
        "{said}"
    );
    let made: i64 = db
        .connect()
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = $1",
            &[&roles.schema],
        )
        .expect("count")
        .get(0);
    assert_eq!(made, 0, "the refused team was left half made");
}

#[test]
fn only_an_admin_takes_a_document_out_and_every_member_follows() {
    let db = pg::database();
    let roles = Roles::new(&db, &["annotator1", "admin1"]);
    init(&roles);
    roles.grant("annotator1", "annotator");
    roles.grant("admin1", "admin");
    let annotator = roles.member("annotator1");
    let admin = roles.member("admin1");
    let outside = tempfile::tempdir().expect("tempdir");
    let extra = outside.path().join("extra.txt");
    std::fs::write(&extra, "بلاغ إضافي\n\nزلزال قوي ضرب المنطقة.\n").expect("write");
    annotator.ok(&["add", extra.to_str().expect("a UTF-8 path")]);
    assert!(admin.ok(&["search", "زلزال"]).contains("extra.txt"));

    let said = annotator.refused(&["team", "remove", "extra.txt"]);
    assert!(
        said.contains("refused this, so nothing was changed"),
        "{said}"
    );
    assert!(annotator.case.root.join("corpus/extra.txt").exists());

    let removed = admin.ok(&["team", "remove", "extra.txt"]);
    assert!(
        removed.contains("taken out of the team: extra.txt"),
        "{removed}"
    );
    assert!(!admin.case.root.join("corpus/extra.txt").exists());
    let indexed = annotator.run(&["index"]);
    assert!(indexed.status.success(), "{indexed:?}");
    let said = String::from_utf8_lossy(&indexed.stderr);
    assert!(said.contains("Taken out by the team: 1 document"), "{said}");
    assert!(!annotator.case.root.join("corpus/extra.txt").exists());
    assert!(!annotator.ok(&["search", "زلزال"]).contains("extra.txt"));
    // Shared again, it comes back, an admin's right too.
    let said = annotator.refused(&["add", extra.to_str().expect("a UTF-8 path")]);
    assert!(said.contains("nothing was added"), "{said}");
    assert!(!annotator.case.root.join("corpus/extra.txt").exists());
    admin.ok(&["add", extra.to_str().expect("a UTF-8 path")]);
    assert!(annotator.ok(&["search", "زلزال"]).contains("extra.txt"));
}
