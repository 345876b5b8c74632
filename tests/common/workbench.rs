//! The workbench driven without a terminal, for the TUI tests: an app at a size, keys, and
//! the runtime's work done in place by the runtime's own workers (an `IndexWorker` on the
//! sample reports, a `StoreWorker` on the workspace's store), answered as the threads would.

use std::cell::RefCell;

use isnad::index::SearchIndex;
use isnad::tui::app::{App, AppOptions, Focus};
use isnad::tui::key::Key;
use isnad::tui::keymap::Keymap;
use isnad::tui::msg::{Effect, Msg, SearchOutcome};
use isnad::tui::runtime::store::StoreWorker;
use isnad::tui::runtime::worker::{IndexWorker, Sink};
use isnad::tui::theme::Palette;
use isnad::tui::view;
use isnad::workspace::{BidiMode, ShapingMode, Workspace};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A workspace in `dir` holding the sample reports, and its index, up to date.
pub fn sample_workspace(dir: &std::path::Path) -> (Workspace, SearchIndex) {
    sample_workspace_with(dir, &[])
}

/// The sample workspace with `files` (name, contents) beside the sample reports.
pub fn sample_workspace_with(
    dir: &std::path::Path,
    files: &[(&str, &str)],
) -> (Workspace, SearchIndex) {
    let workspace = Workspace::init(dir).expect("init");
    super::copy_sample_reports(&dir.join("corpus"));
    for (name, contents) in files {
        std::fs::write(dir.join("corpus").join(name), contents).expect("write corpus file");
    }
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

/// The runtime's two workers on one workspace of the sample reports: what the index and
/// store threads run.
pub struct Workers {
    pub index: IndexWorker,
    pub store: StoreWorker,
}

/// The workers of a fresh workspace in `dir`, its sample reports indexed.
pub fn workers(dir: &std::path::Path) -> Workers {
    workers_with(dir, &[])
}

/// `workers`, with `files` (name, contents) in the corpus beside the sample reports.
pub fn workers_with(dir: &std::path::Path, files: &[(&str, &str)]) -> Workers {
    let (workspace, index) = sample_workspace_with(dir, files);
    let store = workspace.open_store().expect("store");
    Workers {
        index: IndexWorker::new(workspace, index),
        store: StoreWorker::new(store),
    }
}

/// An index worker's answers, in order; work the thread would do aside is done in place.
#[derive(Default)]
struct Answers(Vec<Msg>);

impl Sink for Answers {
    fn send(&mut self, msg: Msg) -> bool {
        self.0.push(msg);
        true
    }

    fn aside(&mut self, work: Box<dyn FnOnce() -> Msg + Send>) {
        self.0.push(work());
    }
}

thread_local! {
    /// The workers of the test running on this thread, for `perform`.
    static WORKERS: RefCell<Option<(tempfile::TempDir, Workers)>> = const { RefCell::new(None) };
}

/// Performs `effects` with this test's own workers, made on first use.
pub fn perform(app: &mut App, effects: Vec<Effect>) {
    WORKERS.with_borrow_mut(|slot| {
        let (_, workers) = slot.get_or_insert_with(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let workers = workers(dir.path());
            (dir, workers)
        });
        perform_with(app, workers, effects);
    });
}

/// Performs `effects` as the runtime does: index jobs by the index worker, store actions by
/// the store worker, every answer given to the app and what it asks for performed in turn.
/// Terminal effects (clipboard, display, calibration, quit) are left to the tests that
/// look at the effects themselves.
pub fn perform_with(app: &mut App, workers: &mut Workers, effects: Vec<Effect>) {
    for effect in effects {
        let answers = match effect {
            Effect::Index(job) => {
                let mut answers = Answers::default();
                workers.index.handle(job, &mut answers);
                answers.0
            }
            Effect::Store(action) => workers.store.handle(action),
            Effect::Copy(_)
            | Effect::Display(_)
            | Effect::SaveCalibration { .. }
            | Effect::Quit => continue,
        };
        for msg in answers {
            let more = app.update(steady(msg));
            perform_with(app, workers, more);
        }
    }
}

/// The message with the search's time pinned to 1 ms: the screen shows it, and the
/// snapshots must not depend on the machine's speed.
fn steady(msg: Msg) -> Msg {
    match msg {
        Msg::Searched {
            generation,
            outcome:
                SearchOutcome::Done {
                    results,
                    reviewed,
                    listing,
                    also,
                    ..
                },
        } => Msg::Searched {
            generation,
            outcome: SearchOutcome::Done {
                results,
                millis: 1.0,
                reviewed,
                listing,
                also,
            },
        },
        Msg::Facets {
            generation,
            outcome,
            ..
        } => Msg::Facets {
            generation,
            outcome,
            millis: 1.0,
        },
        other => other,
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

/// Types `query` into the query line (focusing it first), this test's workers answering.
pub fn search(app: &mut App, query: &str) {
    if app.focus() != Focus::Query {
        app.update(key("/"));
    }
    let effects = typed(app, query);
    perform(app, effects);
}

/// `search`, with `workers` answering.
pub fn search_with(app: &mut App, workers: &mut Workers, query: &str) {
    if app.focus() != Focus::Query {
        app.update(key("/"));
    }
    let effects = typed(app, query);
    perform_with(app, workers, effects);
}

pub fn open(app: &mut App, query: &str, doc: &str) {
    search(app, query);
    let effects = app.run(isnad::tui::command::Command::Open(doc.to_owned()));
    perform(app, effects);
    assert_eq!(app.focus(), Focus::Reader);
}

/// Opens `doc` from a fresh search for `query`, with `workers` answering.
pub fn open_with(app: &mut App, workers: &mut Workers, query: &str, doc: &str) {
    // A fresh query: the query line, emptied as a user does (ctrl-u).
    if app.focus() != Focus::Query {
        app.update(key("/"));
    }
    app.update(key("ctrl-u"));
    search_with(app, workers, query);
    let effects = app.run(isnad::tui::command::Command::Open(doc.to_owned()));
    perform_with(app, workers, effects);
    assert_eq!(app.focus(), Focus::Reader);
}

/// Presses `keys` one by one, `workers` answering each.
pub fn press(app: &mut App, workers: &mut Workers, keys: &[&str]) {
    for name in keys {
        let effects = app.update(key(name));
        perform_with(app, workers, effects);
    }
}

/// The status line's message.
pub fn status(app: &App) -> String {
    app.status()
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}
