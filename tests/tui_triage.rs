//! Triage in the workbench, through the runtime's own workers on the sample reports: `r`
//! marks the document at hand reviewed (and back), `R` opens the next result not yet
//! reviewed, the results say how many of them are, `u` undoes, and a `reviewed:no` list
//! loses what is marked.

mod common;

use common::workbench::{Workers, app, key, perform_with, press, screen, search_with, workers};
use isnad::tui::app::{App, Focus};
use isnad::tui::msg::{Effect, StoreAction};

/// The app as the runtime starts it: the store's state first.
fn started(workers: &mut Workers) -> App {
    let mut app = app(110, 32);
    for msg in workers.store.state() {
        let effects = app.update(msg);
        perform_with(&mut app, workers, effects);
    }
    app
}

fn open_doc(app: &App) -> Option<String> {
    app.reader()
        .open
        .as_ref()
        .map(|open| open.document.id.clone())
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn r_marks_reviewed_big_r_opens_the_next_and_the_results_count_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut workers = workers(dir.path());
    let mut app = started(&mut workers);
    search_with(&mut app, &mut workers, "روسيا");
    let hits: Vec<String> = app.search().hits.iter().map(|h| h.doc.clone()).collect();
    assert_eq!(hits.len(), 2, "both sample reports");
    assert_eq!(
        app.search().reviewed,
        None,
        "nothing reviewed yet: nothing said"
    );
    assert!(!screen(&mut app).contains("reviewed"));

    app.update(key("esc"));
    assert_eq!(app.focus(), Focus::Results);
    let effects = app.update(key("r"));
    assert_eq!(
        effects,
        [Effect::Store(StoreAction::Review {
            doc: hits[0].clone(),
            reviewed: true
        })]
    );
    perform_with(&mut app, &mut workers, effects);
    assert!(app.is_reviewed(&hits[0]));
    assert!(status(&app).starts_with(&format!("marked {} reviewed", hits[0])));
    assert_eq!(
        app.search().reviewed,
        Some(1),
        "the results asked for again"
    );
    assert_eq!(app.search().selected, 0, "the selection stays");
    let shown = screen(&mut app);
    assert!(shown.contains("1 of 2 reviewed"), "{shown}");
    assert!(shown.contains("reviewed ✓"), "{shown}");

    // R opens the other one, though the selection is on the reviewed one.
    press(&mut app, &mut workers, &["R"]);
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(open_doc(&app).as_ref(), Some(&hits[1]));
    // In the reader, r marks the open document.
    press(&mut app, &mut workers, &["r"]);
    assert!(app.is_reviewed(&hits[1]));
    assert_eq!(app.search().reviewed, Some(2));
    assert!(screen(&mut app).contains("reviewed ✓"));
    press(&mut app, &mut workers, &["R"]);
    assert_eq!(
        status(&app),
        "every other document of this list is reviewed"
    );
    assert_eq!(
        open_doc(&app).as_ref(),
        Some(&hits[1]),
        "nothing else opened"
    );

    // Undo takes the last mark back; r on a reviewed document unmarks it.
    press(&mut app, &mut workers, &["u"]);
    assert!(!app.is_reviewed(&hits[1]));
    assert_eq!(app.search().reviewed, Some(1));
    // R moved the list's selection to what it opened: back up to the first, and r.
    press(&mut app, &mut workers, &["shift-tab"]);
    assert_eq!(app.search().selected, 1);
    press(&mut app, &mut workers, &["k", "r"]);
    assert_eq!(app.focus(), Focus::Results);
    assert!(!app.is_reviewed(&hits[0]));
    assert_eq!(
        app.search().reviewed,
        None,
        "nothing reviewed any more: nothing said"
    );
    let shown = screen(&mut app);
    assert!(
        !shown.contains("of 2 reviewed") && !shown.contains('✓'),
        "{shown}"
    );
}

#[test]
fn a_reviewed_no_list_loses_what_is_marked_and_the_next_takes_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut workers = workers(dir.path());
    let mut app = started(&mut workers);
    search_with(&mut app, &mut workers, "روسيا reviewed:no");
    let hits: Vec<String> = app.search().hits.iter().map(|h| h.doc.clone()).collect();
    assert_eq!(hits.len(), 2);
    press(&mut app, &mut workers, &["esc", "r"]);
    let left: Vec<String> = app.search().hits.iter().map(|h| h.doc.clone()).collect();
    assert_eq!(left, [hits[1].clone()]);
    assert_eq!(app.search().selected, 0);
    assert_eq!(
        app.search().reviewed,
        Some(0),
        "none of this list is reviewed"
    );
    // Marked elsewhere (the command line, another workbench): the state comes again, and
    // the list follows.
    let mut elsewhere = isnad::workspace::Workspace::open(dir.path())
        .expect("workspace")
        .open_store()
        .expect("store");
    elsewhere.set_reviewed(&hits[1], true).expect("review");
    for msg in workers.store.state() {
        let effects = app.update(msg);
        perform_with(&mut app, &mut workers, effects);
    }
    assert!(app.search().hits.is_empty());
    assert!(screen(&mut app).contains("No documents match."));
    // Nothing to act on: said so.
    press(&mut app, &mut workers, &["r"]);
    assert_eq!(
        status(&app),
        "no document here: open one or select a result"
    );
}

#[test]
fn the_keys_are_in_the_help_as_bound() {
    use isnad::tui::help::{HelpRow, rows};
    let keymap = isnad::tui::keymap::Keymap::default_keys();
    let rows = rows(&keymap, 200);
    let has = |keys: &str, does: &str| {
        rows.iter()
            .any(|row| matches!(row, HelpRow::Keys(k, d) if k == keys && d.starts_with(does)))
    };
    // Under the results and under the reader.
    let marks = rows
        .iter()
        .filter(|row| matches!(row, HelpRow::Keys(k, d) if k == "r" && d.starts_with("mark the document reviewed")))
        .count();
    assert_eq!(marks, 2, "{rows:?}");
    assert!(has(
        "R",
        "open the next document of the list not yet reviewed"
    ));
}
