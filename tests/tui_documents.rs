//! The documents list, its order, the facets overlay and a document's tags and note, in the
//! workbench through the runtime's own workers: on the sample reports (no date, no outlet)
//! and four dated reports from three outlets, one of them before 1970.

mod common;

use common::workbench::{
    Workers, app, key, perform_with, press, screen, search_with, typed, workers_with,
};
use isnad::facets::{Facet, Picked};
use isnad::index::Sort;
use isnad::tui::app::{App, Focus, Mode};

const WIRE: &str = r#"{"id": "r1", "title": "هجوم على القاعة", "body": "قالت رويترز إن الهجوم على القاعة أوقع قتلى.", "source": "Reuters", "published": "2024-03-22", "lang": "ar"}
{"id": "b1", "title": "Attack on the hall", "body": "Gunmen attacked the hall near Moscow.", "source": "BBC News", "published": "2024-03-23", "lang": "en"}
{"id": "j1", "title": "ثورة تموز", "body": "قامت الثورة في بغداد.", "source": "الجزيرة", "published": "1958-07-14", "lang": "ar"}
{"id": "b2", "title": "Claim of the attack", "body": "A group claimed the attack on the hall.", "source": "BBC News", "published": "2024-04-02", "lang": "en"}
"#;

/// The app as the runtime starts it: the store's state, then what it asks for first.
fn started(workers: &mut Workers) -> App {
    let mut app = app(110, 34);
    for msg in workers.store.state() {
        let effects = app.update(msg);
        perform_with(&mut app, workers, effects);
    }
    let effects = app.start();
    perform_with(&mut app, workers, effects);
    app
}

fn listed(app: &App) -> Vec<String> {
    app.search()
        .hits
        .iter()
        .map(|h| {
            h.doc
                .strip_prefix("wire.jsonl#")
                .unwrap_or(&h.doc)
                .to_owned()
        })
        .collect()
}

/// Moves the facets overlay's selection to `value` of `facet` (headings are no stops).
fn select_value(app: &mut App, facet: Facet, value: &str) {
    use isnad::tui::facets_pane::Row;
    let Mode::Facets(picker) = app.mode() else {
        panic!("the facets overlay");
    };
    let rows = picker.rows(&app.search().picks);
    let values: Vec<&Row> = rows
        .iter()
        .filter(|r| matches!(r, Row::Value { .. }))
        .collect();
    let at = |wanted: &dyn Fn(&Row) -> bool| values.iter().position(|r| wanted(r));
    let target = at(
        &|r| matches!(r, Row::Value { facet: f, count, .. } if *f == facet && count.value == value),
    )
    .expect("the value is listed");
    let selected = &rows[picker.selected];
    let from = at(&|r| r == selected).expect("a value is selected");
    for _ in from..target {
        app.update(key("j"));
    }
    for _ in target..from {
        app.update(key("k"));
    }
}

fn case() -> (tempfile::TempDir, Workers) {
    let dir = tempfile::tempdir().expect("tempdir");
    let workers = workers_with(dir.path(), &[("wire.jsonl", WIRE)]);
    (dir, workers)
}

#[test]
fn the_first_screen_lists_every_document_newest_first_and_the_undated_last() {
    let (_dir, mut workers) = case();
    let mut app = started(&mut workers);
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    assert_eq!(listed(&app), ["b2", "b1", "r1", "j1", b, a]);
    let listing = app.search().listing.clone().expect("a list of documents");
    assert_eq!(listing.undated, 2);
    let shown = screen(&mut app);
    assert!(
        shown.contains("Documents · 6 · 2 undated · by date"),
        "{shown}"
    );
    assert!(shown.contains("BBC News · 2024-04-02 · en ·"), "{shown}");
    assert!(
        shown.contains("no date · ar ·"),
        "the undated say so: {shown}"
    );
    insta::assert_snapshot!("documents_110x34", shown);
}

#[test]
fn s_orders_by_outlet_and_title_and_search_results_by_date() {
    let (_dir, mut workers) = case();
    let mut app = started(&mut workers);
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    app.update(key("esc"));
    assert_eq!(app.focus(), Focus::Results);
    press(&mut app, &mut workers, &["s"]);
    assert_eq!(app.search().order(), Some(Sort::Source));
    assert_eq!(listed(&app), ["b2", "b1", "r1", "j1", b, a]);
    assert!(screen(&mut app).contains("by outlet"));
    press(&mut app, &mut workers, &["s"]);
    assert_eq!(app.search().order(), Some(Sort::Title));
    assert_eq!(listed(&app)[..2], ["b1", "b2"]);
    press(&mut app, &mut workers, &["s"]);
    assert_eq!(app.search().order(), Some(Sort::Date), "around");
    // The order stays when a query is typed; a search's orders go around through
    // relevance.
    search_with(&mut app, &mut workers, "hall");
    assert_eq!(app.search().order(), Some(Sort::Date));
    assert_eq!(listed(&app), ["b2", "b1"], "newest first");
    app.update(key("esc"));
    press(&mut app, &mut workers, &["s", "s", "s"]);
    assert_eq!(app.search().order(), None, "relevance");
    assert!(screen(&mut app).contains("Search · 2 ·"));
    press(&mut app, &mut workers, &["s"]);
    assert_eq!(app.search().order(), Some(Sort::Date));
    assert_eq!(listed(&app), ["b2", "b1"]);
    assert!(app.search().listing.is_none());
    assert!(
        !app.search().hits[0].snippet.is_empty(),
        "a search keeps its snippets"
    );
    // D: every document again; the query waits in the history.
    press(&mut app, &mut workers, &["D"]);
    assert_eq!(app.search().input.text(), "");
    assert_eq!(listed(&app).len(), 6);
    app.update(key("/"));
    app.update(key("up"));
    assert_eq!(app.search().input.text(), "hall");
}

#[test]
fn facets_count_pick_exclude_and_clear() {
    let (_dir, mut workers) = case();
    let mut app = started(&mut workers);
    app.update(key("esc"));
    press(&mut app, &mut workers, &["f"]);
    let Mode::Facets(picker) = app.mode() else {
        panic!("the facets overlay");
    };
    let facets = picker.facets.clone().expect("counted");
    assert_eq!(facets.total, 6);
    let outlets = facets.group(Facet::Outlet).expect("outlets");
    assert_eq!(
        outlets
            .counts
            .iter()
            .map(|c| (c.label(Facet::Outlet), c.count))
            .collect::<Vec<_>>(),
        [
            ("BBC News".to_owned(), 2),
            ("Reuters".to_owned(), 1),
            ("الجزيرة".to_owned(), 1),
            ("(no outlet)".to_owned(), 2)
        ]
    );
    insta::assert_snapshot!("facets_110x34", screen(&mut app));
    // Space picks BBC News (the first value); j j, space: الجزيرة too — either outlet.
    press(&mut app, &mut workers, &["space", "j", "j", "space"]);
    assert_eq!(listed(&app), ["b2", "b1", "j1"]);
    assert_eq!(
        app.search().picks.state(Facet::Outlet, "الجزيرة"),
        Some(Picked::Included)
    );
    let Mode::Facets(picker) = app.mode() else {
        panic!("still open");
    };
    let facets = picker.facets.clone().expect("counted again");
    assert_eq!(facets.total, 3);
    assert_eq!(
        facets.group(Facet::Outlet).expect("outlets").counts.len(),
        4,
        "the other outlets stay, to pick beside"
    );
    // Exclude English: and across facets.
    select_value(&mut app, Facet::Lang, "en");
    press(&mut app, &mut workers, &["x"]);
    assert_eq!(listed(&app), ["j1"]);
    let Mode::Facets(picker) = app.mode() else {
        panic!("still open");
    };
    assert_eq!(
        picker.selected_value(&app.search().picks),
        Some((Facet::Lang, "en".to_owned())),
        "the selection stays on the value excluded, though the counts moved it"
    );
    let shown = screen(&mut app);
    assert!(shown.contains("[-] en"), "{shown}");
    // esc closes; the picks stay and the title says so.
    press(&mut app, &mut workers, &["esc"]);
    assert!(matches!(app.mode(), Mode::Panes));
    let shown = screen(&mut app);
    assert!(
        shown.contains("Documents · 1 · narrowed: outlet BBC News"),
        "{shown}"
    );
    assert_eq!(
        app.search().picks.to_string(),
        "outlet BBC News or الجزيرة · not language en"
    );
    // R looks only in this list: its one document is the one at hand.
    press(&mut app, &mut workers, &["R"]);
    assert!(app.reader().open.is_none());
    assert_eq!(
        common::workbench::status(&app),
        "every other document of this list is reviewed"
    );
    // c in the overlay clears every pick.
    press(&mut app, &mut workers, &["f", "c", "esc"]);
    assert!(app.search().picks.is_empty());
    assert_eq!(listed(&app).len(), 6);
    // Not reviewed, picked: R takes the list's order (newest first), past the one at hand.
    press(&mut app, &mut workers, &["r", "f"]);
    select_value(&mut app, Facet::Reviewed, "no");
    press(&mut app, &mut workers, &["space", "esc"]);
    assert_eq!(
        listed(&app),
        ["b1", "r1", "j1", common::SAMPLE_B, common::SAMPLE_A]
    );
    press(&mut app, &mut workers, &["R"]);
    assert_eq!(
        app.reader().open.as_ref().map(|o| o.document.id.clone()),
        Some("wire.jsonl#r1".to_owned()),
        "b1 is at hand: the next in the list"
    );
}

#[test]
fn tags_and_a_note_from_the_keyboard_with_completion_and_undo() {
    let (_dir, mut workers) = case();
    let mut app = started(&mut workers);
    app.update(key("esc"));
    // # on the first document: the command line, ready to tag.
    press(&mut app, &mut workers, &["#"]);
    assert!(matches!(app.mode(), Mode::Command(_)));
    let effects = typed(&mut app, "wire, شاهد عيان");
    perform_with(&mut app, &mut workers, effects);
    press(&mut app, &mut workers, &["enter"]);
    let first = app.search().hits[0].doc.clone();
    let note = app.doc_note(&first).cloned().expect("noted");
    assert_eq!(note.tag_list(), ["wire", "شاهد عيان"]);
    // Tab completes a tag in use on the next document.
    press(&mut app, &mut workers, &["j", "#"]);
    let effects = typed(&mut app, "w");
    perform_with(&mut app, &mut workers, effects);
    press(&mut app, &mut workers, &["tab", "enter"]);
    let second = app.search().hits[1].doc.clone();
    assert_eq!(app.doc_note(&second).expect("noted").tag_list(), ["wire"]);
    // a: the note, with what it says already.
    press(&mut app, &mut workers, &["a"]);
    let effects = typed(&mut app, "seen on the wire first");
    perform_with(&mut app, &mut workers, effects);
    press(&mut app, &mut workers, &["enter"]);
    assert_eq!(
        app.doc_note(&second).expect("noted").note,
        "seen on the wire first"
    );
    let shown = screen(&mut app);
    assert!(
        shown.contains("tags: wire · note: seen on the wire first"),
        "{shown}"
    );
    // The facets count the tag.
    press(&mut app, &mut workers, &["f"]);
    let Mode::Facets(picker) = app.mode() else {
        panic!("the facets overlay");
    };
    let tags = picker
        .facets
        .as_ref()
        .and_then(|f| f.group(Facet::Tag))
        .expect("tags")
        .counts
        .clone();
    assert_eq!(tags[0].value, "wire");
    assert_eq!(tags[0].count, 2);
    press(&mut app, &mut workers, &["esc"]);
    // u undoes the note, then the tag.
    press(&mut app, &mut workers, &["u"]);
    assert_eq!(
        app.doc_note(&second).map(|n| n.note.clone()),
        Some(String::new())
    );
    press(&mut app, &mut workers, &["u"]);
    assert!(
        app.doc_note(&second)
            .is_none_or(|n| n.tag_list().is_empty())
    );
    // :untag takes one off.
    press(&mut app, &mut workers, &["k", ":"]);
    let effects = typed(&mut app, "untag wire");
    perform_with(&mut app, &mut workers, effects);
    press(&mut app, &mut workers, &["enter"]);
    assert_eq!(
        app.doc_note(&first).expect("noted").tag_list(),
        ["شاهد عيان"]
    );
}

#[test]
fn big_r_goes_forward_through_the_list_past_what_is_skipped() {
    let (_dir, mut workers) = case();
    let mut app = started(&mut workers);
    let open = |app: &App| {
        app.reader().open.as_ref().map(|o| {
            o.document
                .id
                .strip_prefix("wire.jsonl#")
                .unwrap_or(&o.document.id)
                .to_owned()
        })
    };
    app.update(key("esc"));
    // From the first row (b2, not reviewed), R opens the next: b1; again: r1, skipping
    // none and never going back to b2.
    press(&mut app, &mut workers, &["R"]);
    assert_eq!(open(&app).as_deref(), Some("b1"));
    assert_eq!(app.search().selected, 1, "the list's selection follows");
    press(&mut app, &mut workers, &["R"]);
    assert_eq!(open(&app).as_deref(), Some("r1"));
    // r marks it; R goes on to j1.
    press(&mut app, &mut workers, &["r", "R"]);
    assert_eq!(open(&app).as_deref(), Some("j1"));
    press(&mut app, &mut workers, &["R", "R"]);
    assert_eq!(open(&app).as_deref(), Some(common::SAMPLE_A));
    // Past the end: the top again, b2 first (skipped, not reviewed).
    press(&mut app, &mut workers, &["R"]);
    assert_eq!(open(&app).as_deref(), Some("b2"));
}

#[test]
fn a_short_terminal_says_more_facets_are_below() {
    let (_dir, mut workers) = case();
    let mut app = started(&mut workers);
    press(&mut app, &mut workers, &["f"]);
    assert!(
        !screen(&mut app).contains("↓ more below"),
        "all fit at 34 rows"
    );
    app.update(isnad::tui::msg::Msg::Resize {
        width: 80,
        height: 20,
    });
    let shown = screen(&mut app);
    assert!(shown.contains("↓ more below"), "{shown}");
    // Going down to the last value shows it, and nothing is below it any more.
    press(&mut app, &mut workers, &["G"]);
    let shown = screen(&mut app);
    assert!(!shown.contains("↓ more below"), "{shown}");
    assert!(shown.contains("annotated"), "{shown}");
}
