//! Copies in the workbench, without a terminal: the lists say "+2 copies" once the index
//! worker has read the groups, and the claims pane counts copies of one origin as one
//! independent source, each copy's evidence naming whose story it runs and each passage
//! who it is attributed to. Snapshots of both.

mod common;

use common::workbench::{
    Workers, app, perform_with, press, sample_workspace_with, screen, search_with, status,
};
use insta::assert_snapshot;
use isnad::store::{Stance, Status};
use isnad::tui::app::Mode;
use isnad::tui::chain_view::Row;
use isnad::tui::msg::{Effect, IndexJob};
use isnad::tui::runtime::store::StoreWorker;
use isnad::tui::runtime::worker::IndexWorker;

const WIRE: &str = "قالت وزارة الصحة في غزة إن عدد القتلى ارتفع إلى ١٤٤ شخصاً بعد الغارات \
التي استهدفت أحياء سكنية في شمال القطاع فجر اليوم، وأضافت الوزارة في بيان أن فرق الإنقاذ ما \
زالت تبحث عن مفقودين تحت أنقاض المباني المدمرة. وقال شهود عيان إن الطائرات حلقت على ارتفاع \
منخفض قبل القصف الذي استمر ساعتين.";

const OWN: &str = "زار مراسلنا مستشفى الشفاء في غزة اليوم حيث يرقد عشرات الجرحى من الغارات على \
شمال القطاع، وقال مدير المستشفى إن الأطباء يجرون العمليات على ضوء الهواتف بسبب نقص الوقود.";

fn report(source: &str, published: &str, title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\nsource: {source}\npublished: {published}\nlang: ar\n---\n\n{body}\n"
    )
}

/// Reuters' wire story, Al Jazeera's and RT's copies a day later, the BBC's own story; a
/// claim with evidence in both copies and the BBC's story.
fn syndicated(dir: &std::path::Path) -> Workers {
    syndicated_linking(
        dir,
        &[
            ("aj.md", "١٤٤ شخصاً"),
            ("rt.md", "١٤٤ شخصاً"),
            ("bbc.md", "عشرات الجرحى"),
        ],
    )
}

/// The same documents, the claim's evidence the passages `links` (document, quote).
fn syndicated_linking(dir: &std::path::Path, links: &[(&str, &str)]) -> Workers {
    let aj = report(
        "الجزيرة",
        "2024-03-02",
        "غارات دامية على شمال غزة",
        &format!("(رويترز) - {WIRE} ولم يصدر تعليق فوري من الجيش."),
    );
    let rt = report(
        "RT",
        "2024-03-02",
        "حصيلة جديدة",
        &format!("{WIRE} تابعونا."),
    );
    let files = [
        (
            "wire.md",
            report("Reuters", "2024-03-01", "ارتفاع عدد القتلى", WIRE),
        ),
        ("aj.md", aj),
        ("rt.md", rt),
        (
            "bbc.md",
            report("BBC", "2024-03-01", "في مستشفى الشفاء", OWN),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(n, c)| (*n, c.as_str())).collect();
    let (workspace, index) = sample_workspace_with(dir, &files);
    let mut store = workspace.open_store().expect("store");
    let claim = store
        .add_claim("the toll rose to 144", Status::Unverified)
        .expect("claim");
    for &(doc, quote) in links {
        let document = index.document(doc).expect("read").expect("indexed");
        let anchor = isnad::annotate::quote_anchors(&document, quote)
            .expect("found")
            .remove(0);
        store
            .link(claim, doc, &anchor, Stance::Supports, "")
            .expect("link");
    }
    Workers {
        index: IndexWorker::new(workspace, index),
        store: StoreWorker::new(store),
    }
}

#[test]
fn lists_say_how_many_copies_and_claims_count_independent_sources() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut workers = syndicated(dir.path());
    let mut app = app(100, 24);
    // As the runtime does at start: the store's state, then the ids for `:open` and the
    // copy counts beside them.
    for msg in workers.store.state() {
        let effects = app.update(msg);
        perform_with(&mut app, &mut workers, effects);
    }
    perform_with(
        &mut app,
        &mut workers,
        vec![Effect::Index(IndexJob::DocIds)],
    );
    assert_eq!(
        (
            app.copies_of("wire.md"),
            app.copies_of("aj.md"),
            app.copies_of("bbc.md")
        ),
        (2, 2, 0)
    );
    search_with(&mut app, &mut workers, "غزة");
    let results = screen(&mut app);
    // The origin counts its copies; a copy names its origin.
    assert!(
        results.contains("Reuters · 2024-03-01 · +2 copies"),
        "{results}"
    );
    assert!(
        results.contains("RT · 2024-03-02 · copy of wire.md"),
        "{results}"
    );
    assert!(results.contains("BBC · 2024-03-01 · bbc.md"), "{results}");
    assert_snapshot!("copies_results_100x24", results);

    press(&mut app, &mut workers, &["enter", "C", "enter"]);
    let view = app.claims().claim(1).expect("claim 1");
    assert_eq!(
        (view.summary.sources, view.summary.independent.sources),
        (3, 2)
    );
    let pane = screen(&mut app);
    assert!(pane.contains("2 independent sources, 3 docs:"), "{pane}");
    assert!(pane.contains("supporting"), "{pane}");
    assert!(pane.contains("RT · copy of…"), "{pane}");
    // Under each passage, who it is attributed to: Reuters (whose credit heads Al
    // Jazeera's copy), then the ministry in the wire's words.
    assert_eq!(
        app.attribution(1)
            .iter()
            .map(|a| a.target.as_str())
            .collect::<Vec<_>>(),
        ["رويترز", "وزارة الصحة"]
    );
    assert!(pane.contains("(officials)"), "{pane}");
    // The BBC's passage comes before "وقال مدير المستشفى", which reports what follows it:
    // no one is named under it.
    assert!(!pane.contains("(person)"), "{pane}");
    assert_snapshot!("copies_claim_evidence_100x24", pane);

    // `t` on Al Jazeera's piece offers who reports it as an entity: its document opens,
    // and the type's key tags Reuters.
    press(&mut app, &mut workers, &["j", "t"]);
    assert!(
        matches!(app.mode(), Mode::TagType { .. }),
        "{}",
        status(&app)
    );
    assert!(status(&app).contains("رويترز"), "named: {}", status(&app));
    assert_eq!(app.reader().selected_text(), Some("رويترز"));
    assert_eq!(
        app.reader().open.as_ref().map(|o| o.document.id.as_str()),
        Some("aj.md")
    );
    press(&mut app, &mut workers, &["o"]);
    let names: Vec<&str> = app
        .entities()
        .entities
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert!(names.contains(&"رويترز"), "{names:?} {}", status(&app));
}

/// `=` on a copy opens it beside its origin, what differs marked; `tab` shows the next
/// copy; `esc` closes; on a document without copies, the status line says so.
#[test]
fn the_copies_overlay_shows_a_copy_beside_its_origin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut workers = syndicated(dir.path());
    let mut app = app(100, 24);
    perform_with(
        &mut app,
        &mut workers,
        vec![Effect::Index(IndexJob::DocIds)],
    );
    search_with(&mut app, &mut workers, "غارات دامية");
    press(&mut app, &mut workers, &["enter"]);
    assert_eq!(
        app.search().hits.first().map(|h| h.doc.as_str()),
        Some("aj.md")
    );
    press(&mut app, &mut workers, &["="]);
    let Mode::Copies(view) = app.mode() else {
        panic!("the copies overlay: {}", status(&app));
    };
    assert_eq!(view.origin.doc, "wire.md");
    assert_eq!(view.beside().map(|b| b.copy.doc.as_str()), Some("aj.md"));
    let beside = view.beside().expect("a copy");
    let marked: Vec<&str> = beside
        .only_copy
        .iter()
        .filter_map(|r| beside.copy.text.get(r.clone()))
        .collect();
    assert!(marked.contains(&"رويترز"), "{marked:?}");
    assert!(
        marked.iter().any(|m| m.contains("تعليق فوري")),
        "the sentence Al Jazeera added: {marked:?}"
    );
    let shown = screen(&mut app);
    assert!(
        shown.contains("origin · Reuters · 2024-03-01 · wire.md"),
        "{shown}"
    );
    assert!(shown.contains("copy 1 of 2 ·"), "{shown}");
    assert_snapshot!("copies_overlay_100x24", shown);
    press(&mut app, &mut workers, &["tab"]);
    let Mode::Copies(view) = app.mode() else {
        panic!("still open");
    };
    assert_eq!(view.beside().map(|b| b.copy.doc.as_str()), Some("rt.md"));
    press(&mut app, &mut workers, &["j", "G", "g"]);
    press(&mut app, &mut workers, &["esc"]);
    assert!(matches!(app.mode(), Mode::Panes));
    press(&mut app, &mut workers, &["/", "ctrl-u"]);
    search_with(&mut app, &mut workers, "مستشفى الشفاء");
    press(&mut app, &mut workers, &["enter", "="]);
    assert!(matches!(app.mode(), Mode::Panes));
    assert!(
        status(&app).contains("bbc.md has no copies"),
        "{}",
        status(&app)
    );
}

/// `c` on a claim opens its chain: each independent source a tree, the BBC's own story
/// first (it holds the first appearance), Reuters' wire story over its two copies (nothing
/// linked in it, though its text carries their passage), each passage's attribution one
/// name a row. Enter opens what is selected; `t` on a name offers it as an entity.
#[test]
fn the_chain_view_draws_each_source_as_a_tree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut workers = syndicated(dir.path());
    let mut app = app(100, 30);
    for msg in workers.store.state() {
        let effects = app.update(msg);
        perform_with(&mut app, &mut workers, effects);
    }
    search_with(&mut app, &mut workers, "غزة");
    press(&mut app, &mut workers, &["enter", "C", "c"]);
    let Mode::Chain(view) = app.mode() else {
        panic!("the chain view: {}", status(&app));
    };
    let chain = &view.chain;
    assert_eq!(chain.independent_sources, 2);
    let origins: Vec<&str> = chain.sources.iter().map(|s| s.origin.as_str()).collect();
    assert_eq!(origins, ["bbc.md", "wire.md"]);
    assert!(chain.sources[0].first && chain.sources[0].origin_linked);
    let wire = &chain.sources[1];
    assert!(!wire.origin_linked);
    assert!(
        wire.carries.as_ref().is_some_and(|c| !c.earlier),
        "{wire:?}"
    );
    let shown = screen(&mut app);
    for line in [
        "Chain of claim 1 [unverified]: the toll rose to 144",
        "2 independent sources · 3 pieces of evidence",
        "BBC · bbc.md · 2024-03-01",
        "Reuters · wire.md · 2024-03-01 · origin, not linked",
        "│  carries the passages linked in aj.md, rt.md",
        "├─ supports · 2024-03-02 · ",
        " · aj.md · copy",
        "└─ supports · 2024-03-02 · RT · rt.md · copy",
    ] {
        assert!(shown.contains(line), "{line}\n{shown}");
    }
    // The ministry is cited by Reuters in Al Jazeera's copy: one step further in. (The
    // screen is in visual order: the names' letters run right to left.)
    let reuters = shown
        .lines()
        .find(|l| l.contains("(outlet, dateline)"))
        .expect("Reuters' row");
    let ministry = shown
        .lines()
        .skip_while(|l| !l.contains("(outlet, dateline)"))
        .find(|l| l.contains("(officials,"))
        .expect("the ministry's row");
    let column = |line: &str| line.chars().position(|c| c == '←');
    assert_eq!(column(ministry), column(reuters).map(|c| c + 2), "{shown}");
    assert_snapshot!("chain_view_100x30", shown);

    // The last name is the ministry under RT's copy: `t` opens rt.md with it selected.
    press(&mut app, &mut workers, &["G", "t"]);
    assert!(
        matches!(app.mode(), Mode::TagType { .. }),
        "{}",
        status(&app)
    );
    assert_eq!(
        app.reader().open.as_ref().map(|o| o.document.id.as_str()),
        Some("rt.md")
    );
    assert_eq!(app.reader().selected_text(), Some("وزارة الصحة"));
    // Back in the chain, on the name it was left on.
    press(&mut app, &mut workers, &["esc", "C", "c"]);
    let Mode::Chain(view) = app.mode() else {
        panic!("the chain again: {}", status(&app));
    };
    assert_eq!(view.selected, view.rows.len() - 1);

    // `t` on a source's head says what it tags instead; Enter on the wire's head opens
    // the wire story at the passage its copies run.
    press(&mut app, &mut workers, &["g", "t"]);
    assert!(status(&app).contains("t tags a name"), "{}", status(&app));
    for _ in 0..10 {
        match app.mode() {
            Mode::Chain(view) if view.row() == Some(Row::Source { source: 1 }) => break,
            _ => press(&mut app, &mut workers, &["j"]),
        }
    }
    press(&mut app, &mut workers, &["enter"]);
    assert!(matches!(app.mode(), Mode::Panes), "{}", status(&app));
    let open = app.reader().open.as_ref().expect("a document open");
    assert_eq!(open.document.id, "wire.md");
    // The passage the copies run is selected, ready for `e` to link to this claim.
    assert_eq!(app.reader().selected_text(), Some("١٤٤ شخصاً"));
    assert_eq!(app.current_claim(), Some(1));
    assert!(
        status(&app).contains("e links it to claim 1 · C then c: back to the chain"),
        "{}",
        status(&app)
    );

    // `C` then `c` comes back to the chain where it was left; esc goes back to the claims.
    press(&mut app, &mut workers, &["esc", "C", "c"]);
    let Mode::Chain(view) = app.mode() else {
        panic!("the chain again: {}", status(&app));
    };
    assert_eq!(view.row(), Some(Row::Source { source: 1 }));
    let shown = screen(&mut app);
    assert!(
        !shown.contains("? all keys"),
        "? does nothing in the view: the hints do not offer it\n{shown}"
    );
    press(&mut app, &mut workers, &["esc"]);
    assert!(matches!(app.mode(), Mode::Panes));
}

/// Linked in RT's copy only: Reuters' story, which it runs, came out the day before and
/// nobody linked it. The evidence list calls RT's piece the first linked one and names
/// Reuters under the claim.
#[test]
fn an_earlier_unlinked_origin_is_named_beside_the_first_linked_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut workers = syndicated_linking(dir.path(), &[("rt.md", "١٤٤ شخصاً")]);
    let mut app = app(100, 24);
    for msg in workers.store.state() {
        let effects = app.update(msg);
        perform_with(&mut app, &mut workers, effects);
    }
    search_with(&mut app, &mut workers, "غزة");
    press(&mut app, &mut workers, &["enter", "C", "enter"]);
    let view = app.claims().claim(1).expect("claim 1");
    assert_eq!(
        view.earlier
            .as_ref()
            .map(|o| (o.doc.as_str(), o.published.as_deref())),
        Some(("wire.md", Some("2024-03-01")))
    );
    let pane = screen(&mut app);
    assert!(pane.contains("first linked"), "{pane}");
    assert!(
        pane.contains("(wire.md) ran the passage on") && pane.contains("2024-03-01, before any"),
        "{pane}"
    );
}
