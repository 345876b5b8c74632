//! The store as a copy of a team database in PostgreSQL: changes reach the other members,
//! a change made on a stale view is refused with who changed what, undo is one's own, and
//! a database out of reach refuses changes without forking.

mod common;

use std::path::Path;

use common::pg;
use isnad::store::{Anchor, Stance, Status, Store};
use isnad::team::{Connector, Remote};

fn connector(db: &pg::TestDb) -> Connector {
    let target = db.target();
    Box::new(move || target.connect().map_err(isnad::team::Unconnected::away))
}

/// A team made in `db`, and a member's copy of it in `dir`.
fn member(db: &pg::TestDb, dir: &Path, author: &str) -> Store {
    let remote = Remote::new(connector(db), "isnad", "test database");
    Store::open_team(&dir.join("store.sqlite"), author, remote).expect("open")
}

/// Amal's and Badr's copies of the team in `db`, in folders of their own (kept alive with
/// the stores).
fn amal_and_badr(db: &pg::TestDb) -> ([tempfile::TempDir; 2], Store, Store) {
    let dirs = [
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    ];
    let amal = member(db, dirs[0].path(), "amal");
    let badr = member(db, dirs[1].path(), "badr");
    (dirs, amal, badr)
}

fn team(db: &pg::TestDb) {
    Remote::new(connector(db), "isnad", "test database")
        .create()
        .expect("create the team");
}

fn anchor(quote: &str) -> Anchor {
    Anchor {
        byte_start: 0,
        byte_end: quote.len(),
        quote: quote.to_owned(),
        prefix: String::new(),
        suffix: String::new(),
        doc_hash: "h".to_owned(),
    }
}

#[test]
fn a_members_change_reaches_the_others() {
    let db = pg::database();
    team(&db);
    let (_dirs, mut amal, mut badr) = amal_and_badr(&db);
    let claim = amal
        .add_claim("أعلن الجيش السيطرة", Status::Unverified)
        .expect("claim");
    assert!(badr.sync().expect("sync"), "badr's copy changed");
    let claims = badr.claims().expect("claims");
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].id, claim);
    badr.link(claim, "a.txt", &anchor("السيطرة"), Stance::Supports, "")
        .expect("link");
    assert!(amal.sync().expect("sync"));
    let evidence = amal.evidence(claim).expect("evidence");
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].anchor.quote, "السيطرة");
    // Who did what is in every copy's journal.
    let made = amal.provenance("evidence").expect("provenance");
    assert_eq!(
        made.values().next().map(|p| p.creator.as_str()),
        Some("badr")
    );
    assert!(
        !amal.sync().expect("sync again"),
        "nothing more to catch up with"
    );
}

#[test]
fn an_edit_on_a_stale_view_is_refused_with_who_changed_it() {
    let db = pg::database();
    team(&db);
    let (_dirs, mut amal, mut badr) = amal_and_badr(&db);
    let claim = amal.add_claim("claim", Status::Unverified).expect("claim");
    badr.sync().expect("sync");
    amal.update_claim(claim, None, Some(Status::Supported), None)
        .expect("amal's edit");
    let refused = badr
        .update_claim(claim, None, Some(Status::Refuted), None)
        .expect_err("badr saw the claim before amal's edit");
    let message = refused.to_string();
    assert!(message.contains("claim"), "{message}");
    assert!(message.contains("amal"), "{message}");
    assert!(
        message.contains("supported"),
        "the current value: {message}"
    );
    // Nothing of the refused change stayed in badr's copy.
    assert_eq!(
        badr.claim(claim).expect("read").expect("the claim").status,
        Status::Unverified
    );
    badr.sync().expect("sync");
    assert_eq!(
        badr.claim(claim).expect("read").expect("the claim").status,
        Status::Supported
    );
    badr.update_claim(claim, None, Some(Status::Refuted), None)
        .expect("made once badr has seen amal's edit");
    amal.sync().expect("sync");
    assert_eq!(
        amal.claim(claim).expect("read").expect("the claim").status,
        Status::Refuted
    );
}

#[test]
fn undo_is_ones_own_and_refused_once_someone_else_changed_the_row() {
    let db = pg::database();
    team(&db);
    let (_dirs, mut amal, mut badr) = amal_and_badr(&db);
    let first = amal.add_claim("first", Status::Unverified).expect("claim");
    badr.sync().expect("sync");
    badr.update_claim(first, Some("first, edited"), None, None)
        .expect("edit");
    // amal's last step made the claim badr has since changed.
    amal.sync().expect("sync");
    let refused = amal.undo().expect_err("overtaken");
    assert!(refused.to_string().contains("badr"), "{refused}");
    assert_eq!(amal.claims().expect("claims").len(), 1, "nothing undone");
    // badr's undo is badr's own edit.
    assert_eq!(
        badr.undo().expect("undo").as_deref(),
        Some("claim 1: text")
            .map(|s| s.replace('1', &first.to_string()))
            .as_deref()
    );
    assert_eq!(
        badr.claim(first).expect("read").expect("the claim").text,
        "first"
    );
    let second = amal.add_claim("second", Status::Unverified).expect("claim");
    amal.sync().expect("sync");
    assert!(amal.undo().expect("undo").is_some());
    assert!(amal.claim(second).expect("read").is_none());
    badr.sync().expect("sync");
    assert!(
        badr.claim(second).expect("read").is_none(),
        "the undo reached badr"
    );
    assert!(amal.redo().expect("redo").is_some());
    badr.sync().expect("sync");
    assert_eq!(
        badr.claim(second).expect("read").expect("the claim").text,
        "second"
    );
}

#[test]
fn a_database_out_of_reach_refuses_changes_and_keeps_the_copy() {
    let db = pg::database();
    team(&db);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut amal = member(&db, dir.path(), "amal");
    amal.add_claim("kept", Status::Unverified).expect("claim");
    drop(amal);
    let gone = Remote::new(
        Box::new(|| Err(isnad::team::Unconnected::away("connection refused"))),
        "isnad",
        "db.example:5432/team",
    );
    let mut offline =
        Store::open_team(&dir.path().join("store.sqlite"), "amal", gone).expect("open");
    let refused = offline
        .add_claim("lost?", Status::Unverified)
        .expect_err("offline");
    let message = refused.to_string();
    assert!(message.contains("cannot be reached"), "{message}");
    assert!(message.contains("db.example:5432/team"), "{message}");
    let texts: Vec<String> = offline
        .claims()
        .expect("a test step")
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(texts, ["kept"], "reading goes on; nothing forked");
}

#[test]
fn members_writing_at_once_get_distinct_ids_and_lose_nothing() {
    let db = pg::database();
    team(&db);
    let dirs: Vec<_> = (0..4)
        .map(|_| tempfile::tempdir().expect("tempdir"))
        .collect();
    std::thread::scope(|scope| {
        for (n, dir) in dirs.iter().enumerate() {
            let db = &db;
            scope.spawn(move || {
                let mut store = member(db, dir.path(), &format!("m{n}"));
                for i in 0..25 {
                    store
                        .add_claim(&format!("m{n} {i}"), Status::Unverified)
                        .expect("claim");
                }
            });
        }
    });
    for dir in &dirs {
        let mut store = member(&db, dir.path(), "reader");
        store.sync().expect("sync");
        let claims = store.claims().expect("claims");
        assert_eq!(claims.len(), 100);
        let mut ids: Vec<i64> = claims.iter().map(|c| c.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), 100);
    }
}

/// The workbench's copy catches up while an analyst types: the change they began is checked
/// against the claim as it was shown when they began, not as it is once caught up.
#[test]
fn a_change_begun_before_another_members_edit_is_refused_after_catching_up() {
    let db = pg::database();
    team(&db);
    let (_dirs, mut amal, mut badr) = amal_and_badr(&db);
    let first = amal.add_claim("first", Status::Unverified).expect("claim");
    let second = amal.add_claim("second", Status::Unverified).expect("claim");
    badr.sync().expect("sync");
    let shown = badr.claim(first).expect("read").expect("the claim");
    amal.update_claim(first, Some("first [amal]"), None, None)
        .expect("amal's edit");
    badr.sync()
        .expect("badr's copy catches up while badr types");
    let refused = badr
        .update_claim_seen(&shown, Some("first [badr]"), None, None)
        .expect_err("badr began on the old text");
    let message = refused.to_string();
    assert!(message.contains("amal"), "{message}");
    assert!(message.contains("first [amal]"), "{message}");
    assert_eq!(
        badr.claim(first).expect("read").expect("the claim").text,
        "first [amal]"
    );
    // A claim deleted meanwhile: refused too, and no other claim is touched.
    let shown = badr.claim(second).expect("read").expect("the claim");
    amal.delete_claim(second).expect("delete");
    badr.sync().expect("sync");
    let refused = badr
        .update_claim_seen(&shown, None, None, Some("a verdict"))
        .expect_err("deleted");
    assert!(refused.to_string().contains("deleted"), "{refused}");
    assert!(
        badr.claims()
            .expect("claims")
            .iter()
            .all(|c| c.verdict.is_empty())
    );
}
