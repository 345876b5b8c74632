//! Runs the workbench on a real terminal: an input thread turns crossterm events into
//! messages, a worker thread owns the index (searches, loads, reindexing), and the main
//! thread draws, updates the `App` and performs its effects. The UI thread never waits on
//! the index or the disk.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};

use super::app::{App, AppOptions};
use super::key::{Code, Key};
use super::msg::{Effect, LoadedDocument, Msg, ReindexEvent, SearchOutcome};
use super::{terminal, view};
use crate::index::{Progress, SearchIndex, SearchRequest};
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

/// Runs until the user quits.
pub fn run(
    workspace: Workspace,
    index: SearchIndex,
    options: AppOptions,
    calibration: Option<&CalibrationStore>,
) -> Result<()> {
    let (msg_tx, msg_rx) = mpsc::channel::<Msg>();
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let worker_tx = msg_tx.clone();
    std::thread::Builder::new()
        .name("isnad-index".to_owned())
        .spawn(move || worker(&workspace, index, &job_rx, &worker_tx))
        .context("cannot start the search thread")?;
    let input_tx = msg_tx.clone();
    std::thread::Builder::new()
        .name("isnad-input".to_owned())
        .spawn(move || input(&input_tx))
        .context("cannot start the input thread")?;
    drop(msg_tx);

    let mut app = App::new(options);
    let mut stdout = io::stdout();
    terminal::install_panic_hook();
    terminal::enter(&mut stdout, app.bidi).context("cannot set up the terminal")?;
    let result = main_loop(&mut app, &msg_rx, &job_tx, calibration);
    let restored = terminal::leave(&mut io::stdout());
    result?;
    restored.context("cannot restore the terminal")?;
    Ok(())
}

fn main_loop(
    app: &mut App,
    messages: &Receiver<Msg>,
    jobs: &Sender<Job>,
    calibration: Option<&CalibrationStore>,
) -> Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    app.update(Msg::Resize {
        width: size.width,
        height: size.height,
    });
    let _ = jobs.send(Job::DocIds);
    loop {
        terminal.draw(|frame| view::draw(app, frame))?;
        let Ok(first) = messages.recv() else {
            return Ok(());
        };
        // Take everything that is waiting before drawing again: typing fast costs one
        // frame, not one per key.
        let mut batch = vec![first];
        while let Ok(more) = messages.try_recv() {
            batch.push(more);
        }
        for msg in batch {
            if let Msg::Key(key) = &msg
                && *key == CTRL_Z
            {
                terminal::suspend(terminal.backend_mut(), app.bidi)?;
                terminal.clear()?;
                continue;
            }
            for effect in app.update(msg) {
                if perform(effect, &mut terminal, jobs, calibration)? {
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
fn perform(
    effect: Effect,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    jobs: &Sender<Job>,
    calibration: Option<&CalibrationStore>,
) -> Result<bool> {
    match effect {
        Effect::Quit => return Ok(true),
        Effect::Search { .. } | Effect::Load { .. } | Effect::Reindex => {
            let _ = jobs.send(Job::Index(effect));
        }
        Effect::Copy(text) => {
            let backend = terminal.backend_mut();
            backend.write_all(terminal::osc52(&text).as_bytes())?;
            backend.flush()?;
        }
        Effect::SetBidi(mode) => {
            let backend = terminal.backend_mut();
            backend.write_all(terminal::mode_sequence(mode).as_bytes())?;
            backend.flush()?;
            terminal.clear()?;
        }
        Effect::SaveCalibration { bidi, shaping } => {
            if let Some(store) = calibration {
                let _ = jobs.send(Job::Calibrate {
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
) {
    let mut queue: VecDeque<Job> = VecDeque::new();
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
            continue;
        }
        let msg = run_job(workspace, &mut index, job, messages);
        if let Some(msg) = msg
            && messages.send(msg).is_err()
        {
            return;
        }
    }
}

fn run_job(
    workspace: &Workspace,
    index: &mut SearchIndex,
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
        }) => {
            let start = Instant::now();
            let outcome = match index.is_slow_phrase(&query, exact) {
                Ok(true) if !force => SearchOutcome::SlowPhrase,
                Err(e) => SearchOutcome::Failed(e.to_string()),
                Ok(_) => match index.search(SearchRequest {
                    exact,
                    ..SearchRequest::new(&query, limit)
                }) {
                    Ok(results) => SearchOutcome::Done {
                        results,
                        millis: start.elapsed().as_secs_f64() * 1e3,
                    },
                    Err(e) => SearchOutcome::Failed(e.to_string()),
                },
            };
            Some(Msg::Searched {
                generation,
                outcome,
            })
        }
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
                    format!(
                        "index up to date: {} documents ({} new, {} changed, {} removed files, {} skipped)",
                        report.documents,
                        report.added,
                        report.changed,
                        report.removed,
                        report.skipped.len()
                    )
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

fn doc_ids(index: &mut SearchIndex) -> Vec<String> {
    index
        .manifest()
        .files
        .values()
        .flat_map(|entry| entry.docs.iter().map(|d| d.id.clone()))
        .collect()
}
