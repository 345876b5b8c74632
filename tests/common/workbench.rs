//! The workbench driven without a terminal, for the TUI tests: the sample reports indexed
//! once, an app at a size, keys, and the runtime's work done in place (searches and loads
//! on the fixture index, store actions by a `StoreWorker`, as the threads would).

use std::sync::OnceLock;

use isnad::index::{SearchIndex, SearchRequest};
use isnad::store::Store;
use isnad::tui::app::{App, AppOptions, Focus};
use isnad::tui::key::Key;
use isnad::tui::keymap::Keymap;
use isnad::tui::msg::{Effect, LoadedDocument, Msg, SearchOutcome};
use isnad::tui::runtime::store::StoreWorker;
use isnad::tui::theme::Palette;
use isnad::tui::view;
use isnad::workspace::{BidiMode, ShapingMode, Workspace};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub index: SearchIndex,
}

/// The sample reports, indexed once.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let (_, index) = sample_workspace(dir.path());
        Fixture { _dir: dir, index }
    })
}

/// A workspace in `dir` holding the sample reports, and its index, up to date.
pub fn sample_workspace(dir: &std::path::Path) -> (Workspace, SearchIndex) {
    let workspace = Workspace::init(dir).expect("init");
    super::copy_sample_reports(&dir.join("corpus"));
    let mut index = workspace.open_index().expect("index");
    index
        .update(&workspace.corpus_roots(), &mut |_| {})
        .expect("update");
    (workspace, index)
}

/// How the tests start the workbench: default keys, app-side bidi, no shaping, a terminal
/// isnad knows nothing of.
pub fn options() -> AppOptions {
    AppOptions {
        keymap: Keymap::default_keys(),
        workspace: "sample".to_owned(),
        bidi: BidiMode::App,
        shaping: ShapingMode::Off,
        emulator: isnad::tui::terminal::Emulator::Other,
        notice: None,
        bidi_chosen: false,
        entity_types: isnad::workspace::EntityType::defaults(),
        theme: isnad::workspace::ThemeChoice::Auto,
        no_color: false,
        background: None,
    }
}

pub fn app(width: u16, height: u16) -> App {
    let mut app = App::new(options());
    app.update(Msg::Resize { width, height });
    app
}

pub fn key(text: &str) -> Msg {
    Msg::Key(Key::parse(text).expect("key"))
}

pub fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(app.update(Msg::Key(Key::parse(&c.to_string()).expect("char"))));
    }
    effects
}

/// Performs a Search or Load effect against the fixture index, as the runtime does.
pub fn perform(app: &mut App, effects: Vec<Effect>) {
    perform_with(app, None, effects);
}

/// A store worker on a fresh store in `dir`, as the store thread has.
pub fn store_worker(dir: &std::path::Path) -> StoreWorker {
    StoreWorker::new(Store::open(&dir.join("store.sqlite"), "tester").expect("store"))
}

/// `perform`, with store actions done by `store` and occurrences found in the fixture.
pub fn perform_with(app: &mut App, mut store: Option<&mut StoreWorker>, effects: Vec<Effect>) {
    for effect in effects {
        let msg = match effect {
            Effect::FindOccurrences(request) => {
                let names: Vec<&str> = request.names.iter().map(String::as_str).collect();
                let found =
                    isnad::annotate::occurrences(&fixture().index, &names).expect("occurrences");
                let tagged = match store.as_deref() {
                    Some(worker) => isnad::annotate::already_tagged(
                        worker.store(),
                        &request.name,
                        &request.kind,
                        &found,
                    )
                    .expect("tagged"),
                    None => vec![false; found.len()],
                };
                let found = Ok(found.into_iter().zip(tagged).collect());
                Msg::Occurrences { request, found }
            }
            Effect::DocInfos(docs) => Msg::DocInfos(isnad::annotate::doc_infos(
                &fixture().index,
                docs.iter().map(String::as_str),
            )),
            Effect::Store(action) => {
                let Some(worker) = store.as_deref_mut() else {
                    continue;
                };
                for msg in worker.handle(action) {
                    let more = app.update(msg);
                    perform_with(app, store.as_deref_mut(), more);
                }
                continue;
            }
            Effect::Search {
                generation,
                query,
                exact,
                limit,
                ..
            } => {
                let results = fixture()
                    .index
                    .search(SearchRequest {
                        exact,
                        ..SearchRequest::new(&query, limit)
                    })
                    .expect("search");
                Msg::Searched {
                    generation,
                    outcome: SearchOutcome::Done {
                        results,
                        millis: 1.0,
                    },
                }
            }
            Effect::Load {
                doc,
                query,
                exact,
                caret_byte,
            } => {
                let index = &fixture().index;
                let document = index.document(&doc).expect("read").expect("exists");
                let hits = index
                    .highlights(&query, exact, &document.text())
                    .expect("highlights");
                Msg::Loaded(Ok(Box::new(LoadedDocument {
                    document,
                    query,
                    hits,
                    caret_byte,
                })))
            }
            _ => continue,
        };
        let more = app.update(msg);
        perform_with(app, store.as_deref_mut(), more);
    }
}

/// The screen as text, one line per row, after checking that no cell holds an escape, a
/// control or a bidi control, and that every cell can be read on a dark terminal, a light
/// one and one without colours (`contrast`).
pub fn screen(app: &mut App) -> String {
    let (width, height) = app.size();
    let draw = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal.draw(|f| view::draw(app, f)).expect("draw");
        terminal.backend().buffer().clone()
    };
    let shown = app.theme().palette;
    for palette in [Palette::Dark, Palette::Light, Palette::Plain] {
        app.force_palette(palette);
        super::contrast::assert_readable(&draw(app), palette);
    }
    app.force_palette(shown);
    let buffer = draw(app);
    let mut out = String::new();
    for y in 0..height {
        let mut row = String::new();
        for x in 0..width {
            let symbol = buffer.cell((x, y)).map_or(" ", |c| c.symbol());
            for c in symbol.chars() {
                assert!(
                    !c.is_control() && !isnad::text::bidi::is_bidi_control(c),
                    "cell ({x},{y}) holds {c:?}"
                );
            }
            row.push_str(symbol);
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

pub fn search(app: &mut App, query: &str) {
    if app.focus() != Focus::Query {
        app.update(key("/"));
    }
    let effects = typed(app, query);
    perform(app, effects);
}

pub fn open(app: &mut App, query: &str, doc: &str) {
    search(app, query);
    let effects = app.run(isnad::tui::command::Command::Open(doc.to_owned()));
    perform(app, effects);
    assert_eq!(app.focus(), Focus::Reader);
}

/// Opens `doc` from a fresh search for `query`, with the store answering.
pub fn open_with(app: &mut App, worker: &mut StoreWorker, query: &str, doc: &str) {
    // A fresh query: the query line, emptied as a user does (ctrl-u).
    if app.focus() != Focus::Query {
        app.update(key("/"));
    }
    app.update(key("ctrl-u"));
    search(app, query);
    let effects = app.run(isnad::tui::command::Command::Open(doc.to_owned()));
    perform_with(app, Some(worker), effects);
    assert_eq!(app.focus(), Focus::Reader);
}

/// Presses `keys` one by one, the store answering each.
pub fn press(app: &mut App, worker: &mut StoreWorker, keys: &[&str]) {
    for name in keys {
        let effects = app.update(key(name));
        perform_with(app, Some(worker), effects);
    }
}

/// The status line's message.
pub fn status(app: &App) -> String {
    app.status()
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}
