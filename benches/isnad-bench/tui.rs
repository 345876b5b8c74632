//! The workbench's own speed, through the real runtime (`run_script`: the index worker
//! thread, the app, the view, and crossterm's escape codes written to a sink):
//! - start to first frame: opening the workspace and its index, then the first frame;
//! - keystroke to results drawn: every key of queries typed one character at a time (and
//!   erased), from the key until its search is answered and drawn. Nothing is coalesced, so
//!   this is the worst case: a real terminal batches keys typed faster than a search. The
//!   count of the results follows in a job of its own: the time until it is drawn too (the
//!   next key waits for it here, where a user's key would drop it) is reported beside;
//! - a frame of a long Arabic document at 200×60: `PageDown` through it, key to frame drawn.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use isnad::index::SearchIndex;
use isnad::tui::key::Key;
use isnad::tui::keymap::Keymap;
use isnad::tui::msg::Msg;
use isnad::tui::{AppOptions, Scripted, run_script};
use isnad::workspace::{BidiMode, ShapingMode, Workspace};

use super::generate::Vocabulary;
use super::latency::{percentiles, queries};

pub(crate) fn options() -> AppOptions {
    AppOptions {
        keymap: Keymap::default_keys(),
        workspace: "bench".to_owned(),
        bidi: BidiMode::App,
        shaping: ShapingMode::Off,
        emulator: isnad::tui::terminal::Emulator::Other,
        notice: None,
        bidi_chosen: true,
        entity_types: isnad::workspace::EntityType::defaults(),
        theme: isnad::workspace::ThemeChoice::Auto,
        no_color: false,
        background: None,
    }
}

pub(crate) fn key(name: &str) -> Msg {
    Msg::Key(Key::parse(name).expect("a key name"))
}

pub(crate) fn ms(duration: std::time::Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Milliseconds from nothing to the first frame, `runs` times, on `isnad open`'s path:
/// the workspace, its index and the check every command makes before using it, then the
/// runtime up to its first frame drawn (not to the end of the run: the worker's work after
/// the first frame is the user's time only once they type).
fn first_frames(root: &Path, runs: usize) -> Result<Vec<f64>> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let workspace = Workspace::open(root)?;
        let mut index = workspace.open_index()?;
        if let Some(pending) = index.pending() {
            anyhow::bail!(
                "{} needs an update before it opens ({pending:?}): run `isnad index` in it",
                root.display()
            );
        }
        let opened = start.elapsed();
        let run = run_script(
            workspace,
            index,
            options(),
            Vec::new(),
            &mut std::io::sink(),
            (120, 40),
        )?;
        times.push(ms(opened + run.first_frame));
    }
    Ok(times)
}

/// Milliseconds from each key to its results drawn and to everything drawn (the count
/// too), with the query line after the key.
fn keystrokes(
    root: &Path,
    vocabulary: &Vocabulary,
    rounds: usize,
) -> Result<Vec<(f64, f64, String)>> {
    let mut script = vec![key("/")];
    let mut lines = Vec::new();
    for _ in 0..rounds {
        for (_, query, _) in queries(vocabulary) {
            if query.contains('"') {
                continue;
            }
            let mut line = String::new();
            for c in query.chars() {
                script.push(Msg::Key(Key::parse(&c.to_string()).expect("a character")));
                line.push(c);
                lines.push(line.clone());
            }
            for _ in query.chars() {
                script.push(key("backspace"));
                line.pop();
                lines.push(line.clone());
            }
        }
    }
    let workspace = Workspace::open(root)?;
    let index = workspace.open_index()?;
    let run = run_script(
        workspace,
        index,
        options(),
        script,
        &mut std::io::sink(),
        (120, 40),
    )?;
    // The first step is `/`.
    Ok(run
        .steps
        .iter()
        .zip(&run.results)
        .skip(1)
        .map(|(all, results)| (ms(results.unwrap_or(*all)), ms(*all)))
        .zip(lines)
        .map(|((results, all), line)| (results, all, line))
        .collect())
}

/// A long Arabic report: the sample reports' paragraphs, again and again.
pub(crate) fn long_document(bytes: usize) -> Result<String> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let mut paragraphs = String::new();
    for name in ["000_ff08125e7d15537c.txt", "001_1a6e48de951f8d1c.txt"] {
        let text = std::fs::read_to_string(sample.join(name)).context("the sample reports")?;
        // Without the title line.
        paragraphs.push_str(text.split_once('\n').map_or("", |(_, body)| body));
        paragraphs.push('\n');
    }
    let mut text = "تقرير طويل للقياس\n".to_owned();
    while text.len() < bytes {
        text.push_str(&paragraphs);
    }
    Ok(text)
}

/// Keys for `text`, one character at a time.
pub(crate) fn typed(text: &str) -> Vec<Msg> {
    text.chars()
        .map(|c| Msg::Key(Key::parse(&c.to_string()).expect("a character")))
        .collect()
}

/// A new workspace in a temporary folder, its corpus written by `write`, then indexed: the
/// folder (kept alive by the caller), the workspace, its index, and the seconds indexing took.
pub(crate) fn indexed(
    write: impl FnOnce(&Path) -> Result<()>,
) -> Result<(tempfile::TempDir, Workspace, SearchIndex, f64)> {
    let dir = tempfile::tempdir()?;
    let workspace = Workspace::init(dir.path())?;
    write(&dir.path().join("corpus"))?;
    let start = Instant::now();
    let mut index = workspace.open_index()?;
    index.update(&workspace.corpus_roots(), &mut |_| {})?;
    let seconds = start.elapsed().as_secs_f64();
    Ok((dir, workspace, index, seconds))
}

/// `script` through the runtime at 200×60, drawn to a sink.
pub(crate) fn drive(
    workspace: Workspace,
    index: SearchIndex,
    script: Vec<Msg>,
) -> Result<Scripted> {
    run_script(
        workspace,
        index,
        options(),
        script,
        &mut std::io::sink(),
        (200, 60),
    )
}

/// Milliseconds from `PageDown` to the frame drawn, through a long document at 200×60.
fn long_frames(bytes: usize, pages: usize) -> Result<(Vec<f64>, usize)> {
    let text = long_document(bytes)?;
    let (_dir, workspace, index, _) =
        indexed(|corpus| Ok(std::fs::write(corpus.join("long.txt"), &text)?))?;
    let mut script = vec![key(":")];
    script.extend(typed("open long.txt"));
    script.push(key("enter"));
    let skip = script.len();
    for page in 0..pages {
        // Back to the top now and then, so every frame has new text to lay out.
        script.push(key(if page % 100 == 99 { "g" } else { "pagedown" }));
    }
    let run = drive(workspace, index, script)?;
    Ok((
        run.steps.iter().skip(skip).copied().map(ms).collect(),
        text.len(),
    ))
}

pub fn run(root: &Path, words: &Path, runs: usize) -> Result<String> {
    let vocabulary = Vocabulary::load(words, 1);
    let documents = Workspace::open(root)?.open_index()?.document_count();
    let mut out = String::new();
    writeln!(
        out,
        "Workbench on {} ({documents} documents), {runs} runs\n",
        root.display()
    )?;
    writeln!(out, "| measure | samples | p50 ms | p99 ms |")?;
    writeln!(out, "|---|---:|---:|---:|")?;
    let (p50, p99) = percentiles(first_frames(root, runs)?);
    writeln!(
        out,
        "| start to first frame (`isnad open`'s path: workspace, index and its check; 120×40) | {runs} | {p50:.2} | {p99:.2} |"
    )?;
    let rounds = (runs / 10).max(1);
    let mut keys = keystrokes(root, &vocabulary, rounds)?;
    let samples = keys.len();
    let (p50, p99) = percentiles(keys.iter().map(|(ms, _, _)| *ms).collect());
    writeln!(
        out,
        "| keystroke to results drawn (typed and erased, uncoalesced) | {samples} | {p50:.2} | {p99:.2} |"
    )?;
    let (p50, p99) = percentiles(keys.iter().map(|(_, ms, _)| *ms).collect());
    writeln!(
        out,
        "| keystroke to results and their count drawn | {samples} | {p50:.2} | {p99:.2} |"
    )?;
    // The first round reads the index as the system's page cache left it (on a machine that
    // reclaims idle pages, from disk); the later rounds find it in memory.
    if rounds > 1 {
        let first = samples / rounds;
        for (label, part) in [
            (
                "the first round, index pages as the system left them",
                &keys[..first],
            ),
            ("the later rounds", &keys[first..]),
        ] {
            let (p50, p99) = percentiles(part.iter().map(|(ms, _, _)| *ms).collect());
            writeln!(
                out,
                "| keystroke to results drawn: {label} | {} | {p50:.2} | {p99:.2} |",
                part.len()
            )?;
        }
    }
    keys.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<String> = keys
        .iter()
        .take(5)
        .map(|(ms, all, line)| format!("`{line}` {ms:.1} ms ({all:.1} with the count)"))
        .collect();
    let (frames, bytes) = long_frames(3_000_000, runs * 20)?;
    let samples = frames.len();
    let (p50, p99) = percentiles(frames);
    writeln!(
        out,
        "| PageDown to frame drawn, {:.1} MB Arabic document, 200×60 | {samples} | {p50:.2} | {p99:.2} |",
        bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "\nThe slowest keystrokes, with the query line after them: {}.",
        slowest.join(", ")
    )?;
    Ok(out)
}
