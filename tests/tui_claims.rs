//! Claims in the workbench, without a terminal: `c` from a selection, `e` + stance from
//! the other report, the claims pane's distinct-source counts and hints, opening evidence,
//! status and verdict, undo; snapshots of the pane, the evidence list and the matrix.

mod common;

use common::workbench::{
    Workers, app, key, open_with, perform_with, press, screen, status, typed, workers,
};
use insta::assert_snapshot;
use isnad::store::{Stance, Status};
use isnad::tui::app::{App, Focus, Left, Mode};
use isnad::tui::command::Command;

/// Selects from the caret `words` words on (in reading order).
fn select_words(app: &mut App, worker: &mut Workers, words: usize) {
    press(app, worker, &["v"]);
    for _ in 0..words {
        press(app, worker, &["w"]);
    }
}

/// The issue's scenario: a claim from the 144 passage of one report, the 143 passage of the
/// other linked as supporting.
fn death_toll(app: &mut App, worker: &mut Workers) {
    open_with(app, worker, "مقتل", common::SAMPLE_A);
    // The caret is on مقتل of "مقتل 144 شخصًا": select the three words.
    select_words(app, worker, 2);
    press(app, worker, &["c"]);
    let line = app.command().expect("the command line").text().to_owned();
    assert_eq!(line, "claim مقتل 144 شخصًا", "pre-filled with the passage");
    // Edit it: the claim's own words.
    let effects = app.update(key("ctrl-u"));
    perform_with(app, worker, effects);
    // Ctrl-u clears the passage and keeps `claim ` (a new user's way to write their own).
    assert_eq!(app.command().expect("the command line").text(), "claim ");
    let effects = typed(app, "death toll");
    perform_with(app, worker, effects);
    press(app, worker, &["enter"]);
    assert!(
        status(app).starts_with("claim 1 recorded"),
        "{}",
        status(app)
    );
    open_with(app, worker, "143", common::SAMPLE_B);
    select_words(app, worker, 1);
    press(app, worker, &["e"]);
    assert!(status(app).contains("s supports"), "{}", status(app));
    press(app, worker, &["s"]);
    assert!(
        status(app).starts_with("linked to claim 1 as supports"),
        "{}",
        status(app)
    );
}

#[test]
fn a_claim_from_one_report_and_evidence_from_the_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    death_toll(&mut app, &mut worker);
    let view = app.claims().claim(1).expect("claim 1");
    assert_eq!(view.claim.text, "death toll");
    assert_eq!(view.evidence.len(), 2);
    assert_eq!(view.evidence[0].anchor.quote, "مقتل 144 شخصًا");
    assert_eq!(view.summary.supporting, 2, "two distinct sources");
    assert!(
        view.summary
            .hints
            .iter()
            .any(|h| h.contains("144") && h.contains("143")),
        "{:?}",
        view.summary.hints
    );
    // The reader marks the evidence, and names the claim with the caret on it.
    let open = app.reader().open.as_ref().expect("open");
    assert_eq!(open.evidence.len(), 1);
    assert_eq!(
        app.reader().evidence_at_caret(None),
        Some((1, Stance::Supports))
    );
    assert!(screen(&mut app).contains("claim 1 (supports): death toll"));
    press(&mut app, &mut worker, &["w", "w"]);
    assert_eq!(
        app.reader().evidence_at_caret(None),
        None,
        "the caret left the passage"
    );
    assert!(!screen(&mut app).contains("claim 1 (supports)"));

    // The claims pane: Enter lists the evidence, Enter on a piece opens it at the passage.
    press(&mut app, &mut worker, &["C"]);
    assert_eq!((app.left(), app.focus()), (Left::Claims, Focus::Claims));
    press(&mut app, &mut worker, &["enter", "enter"]);
    let open = app.reader().open.as_ref().expect("open");
    assert_eq!(open.document.id, common::SAMPLE_A);
    assert!(
        open.document
            .text()
            .get(open.caret_byte..)
            .is_some_and(|t| t.starts_with("مقتل 144"))
    );
    // Status and verdict, then undo.
    press(&mut app, &mut worker, &["C"]);
    let effects = app.run(Command::Status(Status::Disputed));
    perform_with(&mut app, &mut worker, effects);
    let effects = app.run(Command::Verdict(
        "144 (official) vs at least 143".to_owned(),
    ));
    perform_with(&mut app, &mut worker, effects);
    let claim = &app.claims().claim(1).expect("claim").claim;
    assert_eq!(
        (claim.status, claim.verdict.as_str()),
        (Status::Disputed, "144 (official) vs at least 143")
    );
    press(&mut app, &mut worker, &["u", "u"]);
    assert_eq!(
        app.claims().claim(1).expect("claim").claim.status,
        Status::Unverified
    );
    // The evidence list is still open: unlink its selected piece (x), then close it and
    // delete the claim (d). Both undo.
    assert_eq!(app.focus(), Focus::Claims);
    assert!(app.claims().list.is_some());
    press(&mut app, &mut worker, &["x"]);
    assert_eq!(app.claims().claim(1).expect("claim").evidence.len(), 1);
    press(&mut app, &mut worker, &["esc", "d"]);
    assert!(app.claims().claims.is_empty());
    press(&mut app, &mut worker, &["u", "u"]);
    assert_eq!(app.claims().claim(1).expect("claim").evidence.len(), 2);
}

#[test]
fn claims_are_searched_with_the_analyzer_and_e_needs_a_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    open_with(&mut app, &mut worker, "مقتل", common::SAMPLE_A);
    press(&mut app, &mut worker, &["e"]);
    assert!(
        status(&app).starts_with("no current claim"),
        "{}",
        status(&app)
    );
    for text in ["بوتين رفض التحذيرات", "مقتل 144 شخصا"] {
        let effects = app.run(Command::Claim(text.to_owned()));
        perform_with(&mut app, &mut worker, effects);
    }
    // "التحذير" finds "التحذيرات" as the search would; "وبوتين" finds "بوتين".
    let effects = app.run(Command::Claims("وبوتين التحذير".to_owned()));
    perform_with(&mut app, &mut worker, effects);
    assert_eq!(app.claims().shown.len(), 1);
    assert_eq!(
        app.claims().selected_claim().expect("one").claim.text,
        "بوتين رفض التحذيرات"
    );
    let effects = app.run(Command::Claims(String::new()));
    perform_with(&mut app, &mut worker, effects);
    assert_eq!(app.claims().shown.len(), 2);
}

#[test]
fn snapshot_the_claims_pane_the_evidence_and_the_matrix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    death_toll(&mut app, &mut worker);
    let effects = app.run(Command::Claim("ISIS claimed responsibility".to_owned()));
    perform_with(&mut app, &mut worker, effects);
    open_with(&mut app, &mut worker, "مسؤوليته", common::SAMPLE_A);
    select_words(&mut app, &mut worker, 2);
    press(&mut app, &mut worker, &["e", "s"]);
    open_with(&mut app, &mut worker, "مسؤوليته", common::SAMPLE_B);
    select_words(&mut app, &mut worker, 2);
    press(&mut app, &mut worker, &["e", "r"]);
    press(&mut app, &mut worker, &["C", "g"]);
    assert_snapshot!("claims_100x30", screen(&mut app));
    press(&mut app, &mut worker, &["enter"]);
    assert_snapshot!("claim_evidence_100x30", screen(&mut app));
    let effects = app.run(Command::Matrix);
    perform_with(&mut app, &mut worker, effects);
    assert!(matches!(app.mode(), Mode::Matrix));
    assert_snapshot!("matrix_100x30", screen(&mut app));
    press(&mut app, &mut worker, &["esc"]);
    assert!(matches!(app.mode(), Mode::Panes));
}

#[test]
fn the_stance_and_calibration_keys_are_the_keymaps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut keymap = isnad::tui::keymap::Keymap::default_keys();
    keymap
        .patch(
            "[stance]\nsupports = [\"1\"]\nrefutes = [\"2\"]\nmentions = [\"3\"]\ncancel = [\"esc\"]\n\
             [calibrate]\ncalibrate_shaped = [\"j\"]\n",
            "user.toml",
        )
        .expect("keymap");
    let mut app = isnad::tui::app::App::new(isnad::tui::app::AppOptions {
        keymap,
        ..common::workbench::options()
    });
    app.update(isnad::tui::msg::Msg::Resize {
        width: 100,
        height: 30,
    });
    open_with(&mut app, &mut worker, "مقتل", common::SAMPLE_A);
    select_words(&mut app, &mut worker, 2);
    press(&mut app, &mut worker, &["c", "enter"]);
    assert!(
        status(&app).starts_with("claim 1 recorded"),
        "{}",
        status(&app)
    );
    open_with(&mut app, &mut worker, "143", common::SAMPLE_B);
    select_words(&mut app, &mut worker, 1);
    press(&mut app, &mut worker, &["e"]);
    // The prompt and the hint row name the user's keys.
    assert!(
        status(&app).contains("1 supports · 2 refutes · 3 mentions · esc: cancel"),
        "{}",
        status(&app)
    );
    assert!(
        screen(&mut app).contains("1 supports"),
        "{}",
        screen(&mut app)
    );
    // `s` is no stance key any more, and no longer cancels: only esc does.
    press(&mut app, &mut worker, &["s"]);
    assert!(matches!(app.mode(), Mode::Stance(_)));
    press(&mut app, &mut worker, &["2"]);
    assert!(
        status(&app).starts_with("linked to claim 1 as refutes"),
        "{}",
        status(&app)
    );
    // The calibration page labels its lines with the keys that choose them.
    let effects = app.run(Command::Calibrate);
    perform_with(&mut app, &mut worker, effects);
    let page = screen(&mut app);
    assert!(page.contains("(1, j, 3; esc/q to leave as is)"), "{page}");
    assert!(page.contains(" j. "), "{page}");
    press(&mut app, &mut worker, &["2"]);
    assert!(
        matches!(app.mode(), Mode::Calibrate),
        "2 chooses nothing now"
    );
    let effects = app.update(key("j"));
    assert!(
        effects.iter().any(|e| matches!(
            e,
            isnad::tui::msg::Effect::SaveCalibration { shaping: true, .. }
        )),
        "{effects:?}"
    );
    assert!(matches!(app.mode(), Mode::Panes));
}

/// A claim whose evidence is in four documents: the store lists them by id (the undated
/// sample report first); the pane lists them by publication date, the 1969 archive first
/// and badged, the undated report last and said to be so. The selected piece stays
/// selected when the dates arrive after the list was opened.
#[test]
fn the_evidence_list_is_a_timeline() {
    use isnad::review::DocInfo;
    use isnad::store::{Anchor, Claim, Evidence};
    use isnad::tui::msg::Msg;
    let mut app = app(100, 30);
    let piece = |id: i64, doc: &str, quote: &str, stance: Stance| Evidence {
        id,
        claim: 1,
        doc: doc.to_owned(),
        anchor: Anchor {
            byte_start: 0,
            byte_end: quote.len(),
            quote: quote.to_owned(),
            prefix: String::new(),
            suffix: String::new(),
            doc_hash: String::new(),
        },
        stance,
        note: String::new(),
        orphaned: false,
    };
    let claim = Claim {
        id: 1,
        text: "death toll".to_owned(),
        status: Status::Unverified,
        verdict: String::new(),
        created: String::new(),
        updated: String::new(),
    };
    let evidence = vec![
        piece(
            10,
            common::SAMPLE_A,
            "أسفر عن مقتل 144 شخصًا",
            Stance::Supports,
        ),
        piece(11, "bbc.md", "At least 60 people", Stance::Mentions),
        piece(12, "old.md", "وثيقة من الأرشيف", Stance::Mentions),
        piece(13, "rt.md", "مقتل 144 شخصا", Stance::Supports),
    ];
    app.update(Msg::Claims(vec![(claim, evidence)]));
    app.run(Command::Claims(String::new()));
    app.update(key("enter"));
    // Before the dates are known: the store's order; select RT's piece.
    app.update(key("j"));
    app.update(key("j"));
    app.update(key("j"));
    let selected = |app: &App| app.claims().selected_evidence().map(|e| e.id);
    assert_eq!(selected(&app), Some(13));
    let infos = [
        (
            common::SAMPLE_A,
            None,
            "روسيا تعترف لأول مرة بتورط داعش",
            None,
        ),
        ("bbc.md", Some("BBC"), "Crocus attack", Some("2024-03-22")),
        ("old.md", None, "أرشيف قديم", Some("1969-07-20")),
        (
            "rt.md",
            Some("RT عربي"),
            "حصيلة هجوم كروكوس",
            Some("2024-03-23"),
        ),
    ]
    .into_iter()
    .map(|(id, source, title, date)| (id.to_owned(), DocInfo::new(id, source, title, date)))
    .collect();
    app.update(Msg::DocInfos(infos));
    let view = app.claims().claim(1).expect("claim 1");
    let order: Vec<i64> = view.listed().map(|(e, _)| e.id).collect();
    assert_eq!(order, [12, 11, 13, 10], "oldest first, undated last");
    assert_eq!(selected(&app), Some(13), "RT's piece, where it moved");
    assert_eq!(app.claims().list.map(|l| l.selected), Some(2));
    let shown = screen(&mut app);
    let rows: Vec<&str> = shown.lines().collect();
    let row_of = |text: &str| {
        rows.iter()
            .position(|r| r.contains(text))
            .unwrap_or_else(|| panic!("{text:?} in\n{shown}"))
    };
    let first = rows[row_of("mentions · 1969-07-20 · old.md")];
    assert!(
        first
            .split('│')
            .next()
            .is_some_and(|r| r.trim_end().ends_with("first")),
        "{shown}"
    );
    assert_eq!(shown.matches("first").count(), 1, "{shown}");
    assert!(row_of("2024-03-22 · BBC") < row_of("2024-03-23 · RT"));
    assert!(row_of("2024-03-23 · RT") < row_of("supports · undated"));
    assert_snapshot!("claim_timeline_100x30", shown);
}

/// `V` begins a verdict on the selected claim; another member (or process) deletes that
/// claim before Enter, and the list moves the selection to another: the verdict is refused
/// for the claim it was begun on, never written on the other.
#[test]
fn a_verdict_goes_to_the_claim_it_was_begun_on_or_nowhere() {
    use isnad::tui::msg::{ClaimAction, StoreAction};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    for text in ["first", "second"] {
        let effects = app.run(Command::Claim(text.to_owned()));
        perform_with(&mut app, &mut worker, effects);
    }
    press(&mut app, &mut worker, &["esc", "C", "g", "j"]);
    press(&mut app, &mut worker, &["V"]);
    assert!(
        app.command().is_some(),
        "the command line is open: {} {:?}",
        status(&app),
        app.focus()
    );
    // Meanwhile claim 2 goes; the workbench is told, as the store thread tells it.
    for msg in worker
        .store
        .handle(StoreAction::Claim(ClaimAction::Delete { id: 2 }))
    {
        let effects = app.update(msg);
        perform_with(&mut app, &mut worker, effects);
    }
    let effects = typed(&mut app, "a verdict");
    perform_with(&mut app, &mut worker, effects);
    press(&mut app, &mut worker, &["enter"]);
    let said = status(&app);
    assert!(said.contains("claim 2 was changed by"), "{said}");
    assert!(said.contains("it was deleted"), "{said}");
    let first = app.claims().claim(1).expect("claim 1");
    assert_eq!(first.claim.verdict, "", "the other claim is untouched");
}
