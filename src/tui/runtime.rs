//! Runs the workbench on a real terminal (or, for tests and benchmarks, on any writer fed
//! a script): an input thread turns crossterm events into messages, the index thread
//! (`worker`) runs searches, loads, reindexing and exports, the store thread (`store`) owns
//! the annotations, and the main thread draws, updates the `App` and performs its effects.
//! The UI thread never waits on the index or the disk.

mod screen;
pub mod store;
pub mod worker;

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::app::{App, AppOptions};
use super::key::{Code, Key};
use super::msg::{Effect, IndexJob, Msg, StoreAction};
use super::{probe, terminal};
use crate::index::SearchIndex;
use crate::workspace::Workspace;
use screen::Screen;
use worker::{IndexWorker, Job, worker};

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
    /// The newest search's generation, kept as it is sent: the index worker drops a count
    /// for an older one, even while it runs.
    newest_search: Arc<AtomicU64>,
}

impl Jobs {
    fn send(&self, job: Job) {
        if let Job::Index(IndexJob::Search { generation, .. }) = &job {
            self.newest_search.fetch_max(*generation, Ordering::SeqCst);
        }
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
    let index_worker = IndexWorker::new(workspace, index);
    let newest_search = index_worker.newest_search();
    std::thread::Builder::new()
        .name("isnad-index".to_owned())
        .spawn(move || {
            let mut index_worker = index_worker;
            // Off the UI thread, after the first frame's work: a search that cannot use
            // every core still runs on this one.
            let _ = index_worker.search_on_all_cores();
            worker(index_worker, &jobs, &messages, &done);
        })
        .context("cannot start the search thread")?;
    std::thread::Builder::new()
        .name("isnad-store".to_owned())
        .spawn(move || store::run(&store_workspace, &actions, &store_messages, &store_done))
        .context("cannot start the store thread")?;
    Ok(Jobs {
        queue,
        store,
        pending,
        newest_search,
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
    let height = ratatui::crossterm::terminal::size().map_or(0, |(_, rows)| rows);
    terminal::install_panic_hook();
    terminal::enter(&mut stdout, app.display(), height).context("cannot set up the terminal")?;
    // Ask before the input thread starts: it reads the answer before crossterm does.
    stdout.write_all(probe::QUERY.as_bytes())?;
    stdout.flush()?;
    std::thread::Builder::new()
        .name("isnad-input".to_owned())
        .spawn(move || {
            let (answers, typed) = probe::read_answers(probe::TIMEOUT);
            let typed = probe::typed_keys(&typed).into_iter().map(Msg::Key);
            if std::iter::once(Msg::Probed(answers))
                .chain(typed)
                .all(|msg| msg_tx.send(msg).is_ok())
            {
                input(&msg_tx);
            }
        })
        .context("cannot start the input thread")?;

    // A frame goes out in one write: through `Stdout`'s line buffer it left in pieces of
    // 1 KB, and a terminal (or tmux) could show the top of a new frame over the bottom of
    // the old one. Every draw, switch and copy flushes through the backend.
    let frames = io::BufWriter::with_capacity(1 << 16, io::stdout());
    let result = Terminal::new(CrosstermBackend::new(frames))
        .map_err(anyhow::Error::from)
        .and_then(|terminal| {
            let size = terminal.size()?;
            let mut screen = Screen::new(terminal);
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
    /// started (searches, loads, the count that follows a search) was answered.
    pub steps: Vec<Duration>,
    /// Per script message: from feeding it to the first frame drawn with the results of the
    /// search it started, when it started one (before their count, which may follow).
    pub results: Vec<Option<Duration>>,
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
    terminal::set_up(out, app.display(), height)?;
    let mut screen = Screen::new(Terminal::with_options(
        CrosstermBackend::new(&mut *out),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )?);
    let mut steps = Vec::new();
    let mut results = Vec::new();
    let mut first_frame = None;
    let mut drawn = None;
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
            Timing::Results(took) => {
                drawn.get_or_insert(took);
            }
            Timing::Step(took) => {
                steps.push(took);
                results.push(drawn.take());
            }
        },
    )?;
    drop(screen);
    terminal::restore(out)?;
    Ok(Scripted {
        steps,
        results,
        first_frame: first_frame.unwrap_or_default(),
    })
}

enum Timing {
    FirstFrame,
    /// A frame with the answer of the newest search drawn, this long into the step.
    Results(Duration),
    Step(Duration),
}

fn session<W: Write>(
    app: &mut App,
    screen: &mut Screen<W>,
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
    screen: &mut Screen<W>,
    (width, height): (u16, u16),
    messages: &Receiver<Msg>,
    jobs: &Jobs,
    source: &mut Source,
    calibration: Option<&CalibrationStore>,
    timing: &mut dyn FnMut(Timing),
) -> Result<()> {
    app.update(Msg::Resize { width, height });
    jobs.send(Job::Index(IndexJob::DocIds));

    let mut step_started: Option<Instant> = None;
    let mut first = true;
    // How the terminal is set up now, and whether its rows need it again (VTE keeps the
    // bidi mode per row: rows a resize makes are new).
    let mut display = app.display();
    let mut set_up_rows = false;
    let mut covered = app.covered();
    // The first screen lists the documents.
    for effect in app.start() {
        let height = app.size().1;
        let mut output = Output {
            screen: &mut *screen,
            display: &mut display,
            height,
        };
        if perform(effect, &mut output, jobs, calibration)? {
            return Ok(());
        }
    }
    // A search's answer was taken since the last frame.
    let mut answered = false;
    loop {
        if app.covered() != covered {
            covered = app.covered();
            screen.repaint()?;
        }
        screen.draw(app, display)?;
        if std::mem::take(&mut answered)
            && let Some(started) = step_started
        {
            timing(Timing::Results(started.elapsed()));
        }
        if set_up_rows {
            set_up_rows = false;
            terminal::apply(screen.backend_mut(), display, app.size().1)?;
        }
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
                    terminal::suspend(screen.backend_mut(), display, app.size().1)?;
                    screen.repaint()?;
                    continue;
                }
                (Msg::Resize { width, height }, Source::Script(_)) => {
                    screen.resize(Rect::new(0, 0, *width, *height))?;
                }
                (Msg::Resize { .. }, Source::Terminal) => set_up_rows = true,
                _ => {}
            }
            let height = app.size().1;
            let searched = match msg {
                Msg::Searched { generation, .. } => Some(generation),
                _ => None,
            };
            let effects = app.update(msg);
            answered |=
                searched.is_some_and(|g| g == app.search().shown && !app.search().pending());
            for effect in effects {
                let mut output = Output {
                    screen: &mut *screen,
                    display: &mut display,
                    height,
                };
                if perform(effect, &mut output, jobs, calibration)? {
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

/// Where effects that touch the terminal go: the screen, how it is set up, its height.
struct Output<'a, W: Write> {
    screen: &'a mut Screen<W>,
    display: &'a mut terminal::Display,
    height: u16,
}

/// Performs one effect; true to quit.
fn perform<W: Write>(
    effect: Effect,
    output: &mut Output<'_, W>,
    jobs: &Jobs,
    calibration: Option<&CalibrationStore>,
) -> Result<bool> {
    match effect {
        Effect::Quit => return Ok(true),
        Effect::Index(job) => jobs.send(Job::Index(job)),
        Effect::Store(action) => jobs.store(action),
        Effect::Copy(text) => {
            let backend = output.screen.backend_mut();
            backend.write_all(terminal::osc52(&text).as_bytes())?;
            Write::flush(backend)?;
        }
        Effect::Display(next) => {
            terminal::switch(
                output.screen.backend_mut(),
                *output.display,
                next,
                output.height,
            )?;
            *output.display = next;
            output.screen.repaint()?;
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
