//! Runs the workbench on a real terminal: an input thread turns crossterm events into
//! messages, a worker thread owns the index (searches, loads, reindexing), and the main
//! thread draws, updates the `App` and performs its effects. The UI thread never waits on
//! the index or the disk.

pub mod store;

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::app::{App, AppOptions};
use super::key::{Code, Key};
use super::msg::{Effect, LoadedDocument, Msg, ReindexEvent, SearchOutcome, StoreAction};
use super::{probe, terminal, view};
use crate::index::{Progress, SearchIndex, SearchRequest};
use crate::store::Store;
use crate::workspace::Workspace;

/// What the worker thread does.
enum Job {
    /// An effect that needs the index: `Search`, `Load` or `Reindex`.
    Index(Effect),
    DocIds,
    Calibrate {
        path: PathBuf,
        identity: String,
        answer: terminal::Calibration,
    },
}

/// Where the calibration answer is remembered, and for which terminal.
pub struct CalibrationStore {
    pub path: PathBuf,
    pub identity: String,
}

/// The worker threads' queues, and how many jobs they have not finished (answered or
/// dropped).
struct Jobs {
    queue: Sender<Job>,
    store: Sender<StoreAction>,
    pending: Arc<AtomicUsize>,
}

impl Jobs {
    fn send(&self, job: Job) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        if self.queue.send(job).is_err() {
            self.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }

    fn store(&self, action: StoreAction) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        if self.store.send(action).is_err() {
            self.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Whether every job sent so far is finished, its answer (if any) already queued.
    fn idle(&self) -> bool {
        self.pending.load(Ordering::SeqCst) == 0
    }
}

/// Starts the index and store threads; they answer on `messages`.
fn spawn_worker(workspace: Workspace, index: SearchIndex, messages: Sender<Msg>) -> Result<Jobs> {
    let (queue, jobs) = mpsc::channel::<Job>();
    let (store, actions) = mpsc::channel::<StoreAction>();
    let pending = Arc::new(AtomicUsize::new(0));
    let done = Arc::clone(&pending);
    let store_done = Arc::clone(&pending);
    let store_messages = messages.clone();
    let store_workspace = workspace.clone();
    std::thread::Builder::new()
        .name("isnad-index".to_owned())
        .spawn(move || worker(&workspace, index, &jobs, &messages, &done))
        .context("cannot start the search thread")?;
    std::thread::Builder::new()
        .name("isnad-store".to_owned())
        .spawn(move || store::run(&store_workspace, &actions, &store_messages, &store_done))
        .context("cannot start the store thread")?;
    Ok(Jobs {
        queue,
        store,
        pending,
    })
}

/// Where the loop's own messages come from.
enum Source {
    /// The terminal, read on the input thread.
    Terminal,
    /// A script, fed one message at a time.
    Script(VecDeque<Msg>),
}

/// Runs until the user quits.
pub fn run(
    workspace: Workspace,
    index: SearchIndex,
    options: AppOptions,
    calibration: Option<&CalibrationStore>,
) -> Result<()> {
    let (msg_tx, msg_rx) = mpsc::channel::<Msg>();
    let jobs = spawn_worker(workspace, index, msg_tx.clone())?;
    let mut app = App::new(options);
    let mut stdout = io::stdout();
    terminal::install_panic_hook();
    terminal::enter(&mut stdout, app.bidi).context("cannot set up the terminal")?;
    // Ask before the input thread starts: it reads the answer before crossterm does.
    stdout.write_all(probe::QUERY.as_bytes())?;
    stdout.flush()?;
    std::thread::Builder::new()
        .name("isnad-input".to_owned())
        .spawn(move || {
            let answer = probe::read_answer(probe::TIMEOUT);
            if msg_tx.send(Msg::Probed(answer)).is_ok() {
                input(&msg_tx);
            }
        })
        .context("cannot start the input thread")?;

    let result = Terminal::new(CrosstermBackend::new(io::stdout()))
        .map_err(anyhow::Error::from)
        .and_then(|mut screen| {
            let size = screen.size()?;
            session(
                &mut app,
                &mut screen,
                (size.width, size.height),
                &msg_rx,
                &jobs,
                Source::Terminal,
                calibration,
            )
        });
    let restored = terminal::leave(&mut io::stdout());
    result?;
    restored.context("cannot restore the terminal")?;
    Ok(())
}

/// What a scripted run leaves behind.
pub struct Scripted {
    /// Per script message: from feeding it to the first frame drawn after everything it
    /// started (searches, loads) was answered.
    pub steps: Vec<Duration>,
    /// From the call to the first frame drawn.
    pub first_frame: Duration,
}

/// Runs the workbench on `out` at a fixed size, fed `script` instead of a terminal (for
/// tests that read every byte written, set-up and restore included, and for benchmarks). Each message is fed once the
/// previous one's work is done and drawn; the run ends after the last, or on quit.
pub fn run_script<W: Write>(
    workspace: Workspace,
    index: SearchIndex,
    options: AppOptions,
    script: Vec<Msg>,
    out: &mut W,
    (width, height): (u16, u16),
) -> Result<Scripted> {
    let start = Instant::now();
    let (msg_tx, msg_rx) = mpsc::channel::<Msg>();
    let jobs = spawn_worker(workspace, index, msg_tx)?;
    let mut app = App::new(options);
    terminal::set_up(out, app.bidi)?;
    let mut screen = Terminal::with_options(
        CrosstermBackend::new(&mut *out),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )?;
    let mut steps = Vec::new();
    let mut first_frame = None;
    session_with(
        &mut app,
        &mut screen,
        (width, height),
        &msg_rx,
        &jobs,
        &mut Source::Script(script.into()),
        None,
        &mut |step| match step {
            Timing::FirstFrame => {
                first_frame.get_or_insert(start.elapsed());
            }
            Timing::Step(took) => steps.push(took),
        },
    )?;
    drop(screen);
    terminal::restore(out)?;
    Ok(Scripted {
        steps,
        first_frame: first_frame.unwrap_or_default(),
    })
}

enum Timing {
    FirstFrame,
    Step(Duration),
}

fn session<W: Write>(
    app: &mut App,
    screen: &mut Terminal<CrosstermBackend<W>>,
    size: (u16, u16),
    messages: &Receiver<Msg>,
    jobs: &Jobs,
    mut source: Source,
    calibration: Option<&CalibrationStore>,
) -> Result<()> {
    session_with(
        app,
        screen,
        size,
        messages,
        jobs,
        &mut source,
        calibration,
        &mut |_| {},
    )
}

/// The loop: draw, take what is waiting, update, perform the effects.
#[allow(clippy::too_many_arguments)]
fn session_with<W: Write>(
    app: &mut App,
    screen: &mut Terminal<CrosstermBackend<W>>,
    (width, height): (u16, u16),
    messages: &Receiver<Msg>,
    jobs: &Jobs,
    source: &mut Source,
    calibration: Option<&CalibrationStore>,
    timing: &mut dyn FnMut(Timing),
) -> Result<()> {
    app.update(Msg::Resize { width, height });
    jobs.send(Job::DocIds);
    let mut step_started: Option<Instant> = None;
    let mut first = true;
    loop {
        screen.draw(|frame| view::draw(app, frame))?;
        if first {
            first = false;
            timing(Timing::FirstFrame);
        }
        let batch = match source {
            Source::Terminal => {
                let Ok(first) = messages.recv() else {
                    return Ok(());
                };
                // Take everything that is waiting before drawing again: typing fast costs
                // one frame, not one per key.
                let mut batch = vec![first];
                batch.extend(messages.try_iter());
                batch
            }
            Source::Script(script) => {
                // Idle first: the worker queues its answer before it counts a job done.
                let idle = jobs.idle();
                let mut batch: Vec<Msg> = messages.try_iter().collect();
                if batch.is_empty() {
                    if idle {
                        if let Some(started) = step_started.take() {
                            timing(Timing::Step(started.elapsed()));
                        }
                        let Some(next) = script.pop_front() else {
                            return Ok(());
                        };
                        step_started = Some(Instant::now());
                        batch.push(next);
                    } else if let Ok(msg) = messages.recv_timeout(Duration::from_millis(5)) {
                        batch.push(msg);
                    }
                }
                batch
            }
        };
        for msg in batch {
            match (&msg, &*source) {
                (Msg::Key(key), Source::Terminal) if *key == CTRL_Z => {
                    terminal::suspend(screen.backend_mut(), app.bidi)?;
                    screen.clear()?;
                    continue;
                }
                (Msg::Resize { width, height }, Source::Script(_)) => {
                    screen.resize(Rect::new(0, 0, *width, *height))?;
                }
                _ => {}
            }
            for effect in app.update(msg) {
                if perform(effect, screen, jobs, calibration)? {
                    return Ok(());
                }
            }
        }
    }
}

const CTRL_Z: Key = Key {
    code: Code::Char('z'),
    ctrl: true,
    alt: false,
    shift: false,
};

/// Performs one effect; true to quit.
fn perform<W: Write>(
    effect: Effect,
    screen: &mut Terminal<CrosstermBackend<W>>,
    jobs: &Jobs,
    calibration: Option<&CalibrationStore>,
) -> Result<bool> {
    match effect {
        Effect::Quit => return Ok(true),
        Effect::Search { .. }
        | Effect::Load { .. }
        | Effect::Reindex
        | Effect::FindOccurrences(_) => {
            jobs.send(Job::Index(effect));
        }
        Effect::Store(action) => jobs.store(action),
        Effect::DocInfos(_) | Effect::Export { .. } => jobs.send(Job::Index(effect)),
        Effect::Copy(text) => {
            let backend = screen.backend_mut();
            backend.write_all(terminal::osc52(&text).as_bytes())?;
            backend.flush()?;
        }
        Effect::SetBidi(mode) => {
            let backend = screen.backend_mut();
            backend.write_all(terminal::mode_sequence(mode).as_bytes())?;
            backend.flush()?;
            screen.clear()?;
        }
        Effect::SaveCalibration { bidi, shaping } => {
            if let Some(store) = calibration {
                jobs.send(Job::Calibrate {
                    path: store.path.clone(),
                    identity: store.identity.clone(),
                    answer: terminal::Calibration { bidi, shaping },
                });
            }
        }
    }
    Ok(false)
}

/// Turns terminal events into messages until the app stops listening.
fn input(messages: &Sender<Msg>) {
    loop {
        let msg = match event::read() {
            Ok(Event::Key(key)) => Key::from_event(&key).map(Msg::Key),
            Ok(Event::Paste(text)) => Some(Msg::Paste(text)),
            Ok(Event::Resize(width, height)) => Some(Msg::Resize { width, height }),
            Ok(Event::Mouse(mouse)) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                    column: mouse.column,
                    row: mouse.row,
                }),
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Msg::Wheel {
                    column: mouse.column,
                    row: mouse.row,
                    down: mouse.kind == MouseEventKind::ScrollDown,
                }),
                _ => None,
            },
            Ok(_) => None,
            Err(_) => return,
        };
        if let Some(msg) = msg
            && messages.send(msg).is_err()
        {
            return;
        }
    }
}

/// The index thread: runs jobs in order, except that only the newest waiting search runs.
fn worker(
    workspace: &Workspace,
    mut index: SearchIndex,
    jobs: &Receiver<Job>,
    messages: &Sender<Msg>,
    pending: &AtomicUsize,
) {
    let mut queue: VecDeque<Job> = VecDeque::new();
    // A reading connection for `entity:` filters, opened when a query first names one.
    let mut store: Option<Store> = None;
    loop {
        if queue.is_empty() {
            match jobs.recv() {
                Ok(job) => queue.push_back(job),
                Err(_) => return,
            }
        }
        while let Ok(job) = jobs.try_recv() {
            queue.push_back(job);
        }
        // A search is stale when a newer one waits behind it.
        let newest_search = queue
            .iter()
            .rposition(|job| matches!(job, Job::Index(Effect::Search { .. })));
        let Some(job) = queue.pop_front() else {
            continue;
        };
        if matches!(job, Job::Index(Effect::Search { .. })) && newest_search.is_some_and(|i| i > 0)
        {
            pending.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let msg = run_job(workspace, &mut index, &mut store, job, messages);
        let sent = msg.is_none_or(|msg| messages.send(msg).is_ok());
        // After the answer is queued, so that idle means every answer is waiting.
        pending.fetch_sub(1, Ordering::SeqCst);
        if !sent {
            return;
        }
    }
}

fn run_job(
    workspace: &Workspace,
    index: &mut SearchIndex,
    store: &mut Option<Store>,
    job: Job,
    messages: &Sender<Msg>,
) -> Option<Msg> {
    match job {
        Job::Index(Effect::Search {
            generation,
            query,
            exact,
            limit,
            force,
        }) => Some(Msg::Searched {
            generation,
            outcome: search(workspace, index, store, &query, exact, limit, force),
        }),
        Job::Index(Effect::Load {
            doc,
            query,
            exact,
            caret_byte,
        }) => {
            let loaded = match index.document(&doc) {
                Ok(Some(document)) => index
                    .highlights(&query, exact, &document.text())
                    .map(|hits| {
                        Box::new(LoadedDocument {
                            document,
                            hits,
                            caret_byte,
                        })
                    })
                    .map_err(|e| e.to_string()),
                Ok(None) => Err(format!(
                    "no document {doc:?} in this workspace (tab after :open completes ids)"
                )),
                Err(e) => Err(e.to_string()),
            };
            Some(Msg::Loaded(loaded))
        }
        Job::DocIds => Some(Msg::DocIds(doc_ids(index))),
        Job::Index(Effect::Export { format, path }) => {
            Some(Msg::Exported(export(workspace, index, store, format, path)))
        }
        Job::Index(Effect::DocInfos(docs)) => Some(Msg::DocInfos(crate::annotate::doc_infos(
            index,
            docs.iter().map(String::as_str),
        ))),
        Job::Index(Effect::FindOccurrences(request)) => {
            let names: Vec<&str> = request.names.iter().map(String::as_str).collect();
            let found = crate::annotate::occurrences(index, &names).map_err(|e| e.to_string());
            Some(Msg::Occurrences { request, found })
        }
        Job::Index(Effect::Reindex) => {
            let mut last = Instant::now();
            let mut done = 0;
            let mut total = 0;
            let result = index.update(&workspace.corpus_roots(), &mut |progress| {
                match progress {
                    Progress::Start { total: t, .. } => total = t,
                    Progress::File { done: d, .. } => done = d,
                    Progress::Committing => {}
                }
                if last.elapsed() > Duration::from_millis(100) {
                    last = Instant::now();
                    let _ = messages.send(Msg::Reindex(ReindexEvent::Progress { done, total }));
                }
            });
            let result = result
                .map(|report| {
                    let mut message = format!(
                        "index up to date: {} documents ({} new, {} changed, {} removed files, {} skipped)",
                        report.documents,
                        report.added,
                        report.changed,
                        report.removed,
                        report.skipped.len()
                    );
                    message.push_str(&follow(workspace, index, store, &report));
                    message
                })
                .map_err(|e| e.to_string());
            let _ = messages.send(Msg::DocIds(doc_ids(index)));
            Some(Msg::Reindex(ReindexEvent::Done(result)))
        }
        Job::Calibrate {
            path,
            identity,
            answer,
        } => terminal::remember(&path, &identity, answer).err().map(|e| {
            Msg::Notice(format!(
                "could not remember the calibration in {}: {e}",
                path.display()
            ))
        }),
        // `perform` sends only the effects above to this thread.
        Job::Index(_) => None,
    }
}

/// Runs one search: `entity:` terms resolved with the store, a phrase of very common words
/// only when `force`d.
fn search(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    query: &str,
    exact: bool,
    limit: usize,
    force: bool,
) -> SearchOutcome {
    let start = Instant::now();
    let resolved = crate::annotate::resolve_query(query, store, || {
        workspace.open_store().map_err(|e| e.to_string())
    });
    let (query, docs) = match resolved {
        Ok(resolved) => resolved,
        Err(message) => return SearchOutcome::Failed(message),
    };
    match index.is_slow_phrase(&query, exact) {
        Ok(true) if !force => SearchOutcome::SlowPhrase,
        Err(e) => SearchOutcome::Failed(e.to_string()),
        Ok(_) => match index.search(SearchRequest {
            exact,
            docs: docs.as_deref(),
            ..SearchRequest::new(&query, limit)
        }) {
            Ok(results) => SearchOutcome::Done {
                results,
                millis: start.elapsed().as_secs_f64() * 1e3,
            },
            Err(e) => SearchOutcome::Failed(e.to_string()),
        },
    }
}

/// `:export`: the store rendered in `format`, written to `path` (relative to the
/// workspace) or to a new name in `exports/`.
fn export(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    format: crate::export::Format,
    path: Option<String>,
) -> Result<String, String> {
    if store.is_none() {
        *store = Some(workspace.open_store().map_err(|e| e.to_string())?);
    }
    let store = store.as_ref().ok_or("the annotations are not open")?;
    let bundle = crate::export::collect(store, index).map_err(|e| e.to_string())?;
    let rendered = crate::export::render(
        format,
        &bundle,
        index,
        &crate::export::style_for(workspace),
        false,
    );
    let target = if let Some(path) = path {
        workspace.root().join(path)
    } else {
        let stamp = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "[year][month][day]-[hour][minute][second]"
            ))
            .unwrap_or_default();
        let name = if format.is_folder() {
            format!("isnad-{stamp}-{}", format.as_str())
        } else {
            format!("isnad-{stamp}.{}", format.extension())
        };
        workspace.root().join("exports").join(name)
    };
    let files = crate::export::save(&rendered, &target).map_err(|e| e.to_string())?;
    Ok(format!(
        "wrote {} ({} file{})",
        target.display(),
        files,
        if files == 1 { "" } else { "s" }
    ))
}

/// The annotations follow the documents an update changed; what the status line adds.
fn follow(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    report: &crate::index::UpdateReport,
) -> String {
    if report.documents_changed.is_empty() || !workspace.store_path().exists() {
        return String::new();
    }
    if store.is_none() {
        *store = workspace.open_store().ok();
    }
    let Some(store) = store.as_mut() else {
        return "; the annotations could not be opened to follow the changes".to_owned();
    };
    match crate::annotate::follow(index, store, &report.documents_changed) {
        Ok(f) if f.moved + f.reanchored + f.orphaned.len() == 0 => String::new(),
        Ok(f) => format!(
            "; annotations: {} found again, {} moved, {} orphaned (isnad claim list / entity list name them)",
            f.reanchored,
            f.moved,
            f.orphaned.len()
        ),
        Err(e) => format!("; the annotations could not follow the changes: {e}"),
    }
}

fn doc_ids(index: &mut SearchIndex) -> Vec<String> {
    index
        .manifest()
        .files
        .values()
        .flat_map(|entry| entry.docs.iter().map(|d| d.id.clone()))
        .collect()
}
