//! Entities in the workbench, without a terminal: tagging in the reader (snapped to whole
//! words), undo and redo, tag-all with its preview (the same 8 occurrences of بوتين as the
//! command line), the entities pane, and snapshots of the pane and the preview.

mod common;

use common::workbench::{
    Workers, app, key, open_with, perform_with, press, screen, search_with, status, workers,
    workers_with,
};
use insta::assert_snapshot;
use isnad::tui::app::{App, Focus, Left};
use isnad::tui::command::Command;
use isnad::tui::msg::{Effect, IndexJob, StoreAction};

fn mention_quotes(app: &App) -> Vec<String> {
    app.reader()
        .open
        .as_ref()
        .map(|o| o.mentions.iter().map(|m| m.anchor.quote.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn t_tags_the_word_at_the_caret_and_u_undoes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    open_with(&mut app, &mut worker, "بوتين", common::SAMPLE_A);
    // The caret is on the first hit; one cell further (left, in right-to-left text) it
    // is inside the word.
    press(&mut app, &mut worker, &["left"]);
    let effects = app.update(key("t"));
    assert!(effects.is_empty());
    assert!(status(&app).contains("p PER"), "{}", status(&app));
    let effects = app.update(key("p"));
    let [
        Effect::Store(StoreAction::Tag {
            name,
            kind,
            mentions,
            ..
        }),
    ] = &effects[..]
    else {
        panic!("a tag: {effects:?}");
    };
    assert_eq!((name.as_str(), kind.as_str()), ("بوتين", "PER"));
    assert_eq!(mentions.len(), 1);
    assert_eq!(
        mentions[0].1.quote, "بوتين",
        "the whole word, not a cut one"
    );
    perform_with(&mut app, &mut worker, effects);
    assert!(
        status(&app).starts_with("tagged بوتين as PER: 1 mention"),
        "{}",
        status(&app)
    );
    assert_eq!(mention_quotes(&app), ["بوتين"]);
    assert_eq!(app.entities().entities.len(), 1);

    press(&mut app, &mut worker, &["u"]);
    assert_eq!(status(&app), "undone: tag بوتين (PER)");
    assert!(mention_quotes(&app).is_empty());
    assert!(app.entities().entities.is_empty());
    press(&mut app, &mut worker, &["ctrl-r"]);
    assert_eq!(status(&app), "redone: tag بوتين (PER)");
    assert_eq!(mention_quotes(&app), ["بوتين"]);

    // `entity:` finds the one report with the mention, though both name him: the index
    // worker resolves the filter with the store.
    press(&mut app, &mut worker, &["/", "ctrl-u"]);
    search_with(&mut app, &mut worker, "entity:بوتين");
    assert_eq!(app.search().error, None);
    let docs: Vec<String> = app
        .search()
        .hits
        .iter()
        .map(|hit| hit.doc.clone())
        .collect();
    assert_eq!(docs, [common::SAMPLE_A], "{}", screen(&mut app));
}

#[test]
fn a_selection_is_snapped_to_whole_words_and_escape_cancels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    open_with(&mut app, &mut worker, "مدير", common::SAMPLE_A);
    // From inside one word to inside the next; esc at the type prompt cancels.
    press(&mut app, &mut worker, &["left", "v", "w", "left", "t"]);
    let effects = app.update(key("esc"));
    assert!(effects.is_empty());
    assert_eq!(status(&app), "tagging cancelled");
    // The selection is still there: tag it.
    press(&mut app, &mut worker, &["t", "m"]);
    assert_eq!(mention_quotes(&app), ["مدير جهاز"], "both words whole");
}

#[test]
fn tag_all_previews_the_eight_putins_and_tags_the_accepted_as_one_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    open_with(&mut app, &mut worker, "بوتين", common::SAMPLE_A);
    press(&mut app, &mut worker, &["T", "p"]);
    let preview = app.preview().expect("a preview");
    assert_eq!(
        preview.items.len(),
        8,
        "the same 8 as `isnad entity add --all`"
    );
    assert_eq!(preview.documents(), 2);
    assert!(
        preview
            .items
            .iter()
            .all(|i| i.occurrence.anchor.quote == "بوتين")
    );
    assert!(
        preview
            .items
            .iter()
            .any(|i| i.occurrence.anchor.prefix.ends_with('ل')),
        "لبوتين is among them, without its lam"
    );
    // Reject the first, keep the rest.
    press(&mut app, &mut worker, &["space"]);
    assert_eq!(app.preview().expect("preview").accepted(), 7);
    press(&mut app, &mut worker, &["enter"]);
    assert!(app.preview().is_none());
    assert!(
        status(&app).starts_with("tagged بوتين as PER: 7 mentions"),
        "{}",
        status(&app)
    );
    assert_eq!(app.entities().entities[0].mentions, 7);
    // One step: one undo removes all seven.
    press(&mut app, &mut worker, &["u"]);
    assert!(app.entities().entities.is_empty());
    assert!(status(&app).contains("7 mentions"), "{}", status(&app));
    // Esc in a preview tags nothing.
    press(&mut app, &mut worker, &["T", "p", "esc"]);
    assert!(app.preview().is_none());
    assert!(app.entities().entities.is_empty());
}

/// Tags بوتين everywhere and داعش (with the alias ISIS) everywhere.
fn tag_sample(app: &mut App, worker: &mut Workers) {
    open_with(app, worker, "بوتين", common::SAMPLE_A);
    press(app, worker, &["T", "p", "enter"]);
    open_with(app, worker, "داعش", common::SAMPLE_A);
    press(app, worker, &["T", "o", "enter"]);
}

#[test]
fn the_entities_pane_lists_opens_renames_and_filters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    tag_sample(&mut app, &mut worker);
    press(&mut app, &mut worker, &["E"]);
    assert_eq!((app.left(), app.focus()), (Left::Entities, Focus::Entities));
    let names: Vec<&str> = app
        .entities()
        .entities
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["بوتين", "داعش"],
        "PER before ORG, the workspace's order"
    );
    // Enter lists the mentions; enter on one opens it with the caret on it.
    press(&mut app, &mut worker, &["enter"]);
    assert_eq!(
        app.entities()
            .mentions
            .as_ref()
            .expect("list")
            .mentions
            .len(),
        8
    );
    press(&mut app, &mut worker, &["j", "enter"]);
    let open = app.reader().open.as_ref().expect("open");
    assert_eq!(
        open.document
            .text()
            .get(open.caret_byte..)
            .map(|t| t.starts_with("بوتين")),
        Some(true)
    );
    // Back to the pane; rename through the command line it opens.
    press(&mut app, &mut worker, &["E", "R"]);
    assert_eq!(
        app.command().map(|c| c.text().to_owned()).as_deref(),
        Some("rename بوتين")
    );
    press(&mut app, &mut worker, &["esc", "esc"]);
    let effects = app.run(Command::Rename("فلاديمير بوتين".to_owned()));
    perform_with(&mut app, &mut worker, effects);
    let putin = app
        .entities()
        .entities
        .iter()
        .find(|e| e.kind == "PER")
        .expect("PER");
    assert_eq!(putin.name, "فلاديمير بوتين");
    assert_eq!(putin.aliases, ["بوتين"]);
    let effects = app.run(Command::Note("رئيس روسيا".to_owned()));
    perform_with(&mut app, &mut worker, effects);
    assert_eq!(
        app.entities()
            .entities
            .iter()
            .find(|e| e.kind == "PER")
            .expect("PER")
            .note,
        "رئيس روسيا"
    );
    // f searches the documents that mention it.
    let effects = app.update(key("f"));
    let [Effect::Index(IndexJob::Search { spec, .. })] = &effects[..] else {
        panic!("a search: {effects:?}");
    };
    assert_eq!(spec.query, "entity:\"فلاديمير بوتين\"");
    assert_eq!(app.left(), Left::Search);
    // The index worker resolves the filter with the store: the two reports his eight
    // mentions are in.
    perform_with(&mut app, &mut worker, effects);
    assert_eq!(app.search().error, None);
    let mut docs: Vec<String> = app
        .search()
        .hits
        .iter()
        .map(|hit| hit.doc.clone())
        .collect();
    docs.sort();
    assert_eq!(
        docs,
        [common::SAMPLE_A, common::SAMPLE_B],
        "{}",
        screen(&mut app)
    );
}

#[test]
fn snapshot_the_entities_pane_and_the_tag_all_preview() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    tag_sample(&mut app, &mut worker);
    press(&mut app, &mut worker, &["E"]);
    assert_snapshot!("entities_100x30", screen(&mut app));
    press(&mut app, &mut worker, &["enter"]);
    assert_snapshot!("entity_mentions_100x30", screen(&mut app));
    // A name tagged once, then everywhere: the preview marks the one tagged already.
    open_with(&mut app, &mut worker, "كروكوس", common::SAMPLE_A);
    press(&mut app, &mut worker, &["t", "l", "T", "l"]);
    assert!(app.preview().is_some());
    press(&mut app, &mut worker, &["j", "space"]);
    assert_snapshot!("tag_all_preview_100x30", screen(&mut app));
}

#[test]
fn tag_all_shows_what_is_tagged_already_and_tags_only_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut worker = workers(dir.path());
    let mut app = app(100, 30);
    open_with(&mut app, &mut worker, "بوتين", common::SAMPLE_A);
    // The caret is on the first بوتين: tag it alone, then every occurrence.
    press(&mut app, &mut worker, &["t", "p"]);
    assert_eq!(app.entities().entities[0].mentions, 1);
    press(&mut app, &mut worker, &["T", "p"]);
    let preview = app.preview().expect("a preview");
    assert_eq!((preview.items.len(), preview.tagged()), (8, 1));
    assert_eq!(preview.accepted(), 7, "the tagged one is not offered again");
    let first_tagged = preview.items.iter().position(|i| i.tagged).expect("one");
    assert!(
        status(&app).starts_with("7 new hits in 2 documents"),
        "{}",
        status(&app)
    );
    let shown = screen(&mut app);
    assert!(
        shown.contains("1 tagged already") && shown.contains("[=]"),
        "{shown}"
    );
    // It cannot be rejected or accepted: it is tagged.
    for _ in 0..first_tagged {
        press(&mut app, &mut worker, &["j"]);
    }
    press(&mut app, &mut worker, &["space", "D", "A"]);
    assert_eq!(app.preview().expect("preview").accepted(), 7);
    press(&mut app, &mut worker, &["enter"]);
    assert_eq!(app.entities().entities[0].mentions, 8, "no mention twice");
    // Everything tagged: nothing left to preview, and the message says so.
    press(&mut app, &mut worker, &["T", "p"]);
    assert!(app.preview().is_none());
    assert!(status(&app).contains("tagged already"), "{}", status(&app));
}

/// Once an entity says بوتين is also Putin, the workbench's search finds the document that
/// writes Putin, its title says which names were searched, and the reader highlights Putin.
#[test]
fn a_name_is_searched_with_its_aliases_and_the_title_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wire = "Kremlin talks\n\nPresident Putin met the envoy in Moscow.\n";
    let mut worker = workers_with(dir.path(), &[("wire.txt", wire)]);
    let mut app = app(140, 30);
    search_with(&mut app, &mut worker, "بوتين");
    let docs =
        |app: &App| -> Vec<String> { app.search().hits.iter().map(|h| h.doc.clone()).collect() };
    assert!(!docs(&app).contains(&"wire.txt".to_owned()));
    let workspace = isnad::workspace::Workspace::open(dir.path()).expect("workspace");
    let mut store = workspace.open_store().expect("store");
    store
        .tag(
            &isnad::store::NewEntity {
                name: "بوتين",
                kind: "PER",
                aliases: &["Putin".to_owned()],
                note: "",
            },
            &[],
            "tag",
        )
        .expect("tag");
    // The same query again: a new search, as typing one more space and deleting it does.
    press(&mut app, &mut worker, &["backspace"]);
    search_with(&mut app, &mut worker, "ن");
    assert!(
        docs(&app).contains(&"wire.txt".to_owned()),
        "{:?}",
        docs(&app)
    );
    // The buffer holds the name in visual order (right to left: its letters reversed).
    let shown: String = "بوتين".chars().rev().collect();
    let screen = screen(&mut app);
    assert!(screen.contains(&format!("{shown} = Putin")), "{screen}");
    open_with(&mut app, &mut worker, "بوتين", "wire.txt");
    let open = app.reader().open.as_ref().expect("open");
    let text = open.document.text();
    let marked: Vec<&str> = open
        .hits
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .collect();
    assert_eq!(marked, vec!["Putin"]);
}
