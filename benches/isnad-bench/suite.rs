//! The benchmark suite: for each corpus size, generate (once), index in a child process,
//! index the same records with tantivy-cli, time warm queries, time whole `isnad search`
//! processes against ripgrep over the same files, time opening plus a first query, and an
//! incremental update of 1,000 new documents; then write the report with every ratio
//! measured in the same run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use isnad::workspace::Workspace;

use super::generate::{self, Vocabulary};
use super::latency::{self, Row};
use super::lucene::{self, LuceneRun};

pub struct Options {
    pub sizes: Vec<usize>,
    pub work: PathBuf,
    pub out: PathBuf,
    pub runs: usize,
    pub tantivy_cli: PathBuf,
    /// Lucene's jars (a fat jar holding lucene-core, -analysis-common, -queryparser and
    /// Jackson, such as Anserini's inside `pyserini`); found in an installed `pyserini`
    /// when not given.
    pub lucene_jar: Option<PathBuf>,
    /// The largest size also measured as one `.txt` file per document.
    pub txt_up_to: usize,
    pub words: PathBuf,
}

/// What one indexing run reports (printed by `isnad-bench index` as JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexRun {
    pub seconds: f64,
    pub documents: usize,
    pub bytes_read: u64,
    pub peak_rss_kb: u64,
    /// User and system CPU seconds of every thread (filled in by the suite).
    #[serde(default)]
    pub cpu_seconds: f64,
    /// Peak anonymous memory, sampled (filled in by the suite): resident memory less the
    /// index files mapped while segments merge, which the kernel can drop at any time.
    #[serde(default)]
    pub peak_anon_kb: u64,
}

/// `isnad-bench index`: index in this process and print the run as JSON.
pub fn index_here(workspace: &Path, rebuild: bool) -> Result<()> {
    let workspace = Workspace::open(workspace)?;
    let mut index = if rebuild {
        workspace.rebuild_index()?
    } else {
        workspace.open_index()?
    };
    let start = Instant::now();
    let report = index.update(&workspace.corpus_roots(), &mut |_| {})?;
    let run = IndexRun {
        seconds: start.elapsed().as_secs_f64(),
        documents: report.documents,
        bytes_read: report.bytes_read,
        peak_rss_kb: peak_rss_kb(),
        cpu_seconds: 0.0,
        peak_anon_kb: 0,
    };
    println!("{}", serde_json::to_string(&run)?);
    Ok(())
}

/// This process's peak resident memory (Linux), in KiB; 0 when unknown.
fn peak_rss_kb() -> u64 {
    status_kb(
        &std::fs::read_to_string("/proc/self/status").unwrap_or_default(),
        "VmHWM:",
    )
}

fn sibling(name: &str) -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    Ok(exe.with_file_name(name))
}

fn child_index(workspace: &Path, rebuild: bool) -> Result<IndexRun> {
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.arg("index").arg("--workspace").arg(workspace);
    if rebuild {
        cmd.arg("--rebuild");
    }
    let measured = measure(&mut cmd)?;
    if !measured.success {
        bail!("indexing {} failed", workspace.display());
    }
    let mut run: IndexRun = serde_json::from_slice(&measured.stdout)?;
    run.cpu_seconds = measured.cpu_seconds;
    run.peak_anon_kb = measured.peak_anon_kb;
    Ok(run)
}

/// What a child process cost.
pub struct Measured {
    pub seconds: f64,
    /// User and system CPU seconds of all its threads.
    pub cpu_seconds: f64,
    /// Its peak resident memory, read from `/proc` every 50 ms while it ran.
    pub peak_rss_kb: u64,
    /// The most anonymous memory (heap, stacks) seen in those readings: resident memory
    /// less mapped files.
    pub peak_anon_kb: u64,
    pub stdout: Vec<u8>,
    pub success: bool,
}

/// Runs `cmd` to its end (stdout captured, stderr shown) and measures it. The CPU time is
/// what the kernel adds to this process's children's account when it is reaped.
pub fn measure(cmd: &mut Command) -> Result<Measured> {
    measure_fed(cmd, None)
}

/// What writes a child's standard input, on a thread of its own.
type Feed = Box<dyn FnOnce(std::process::ChildStdin) -> std::io::Result<()> + Send>;

/// [`measure`], with `feed` writing the child's standard input.
fn measure_fed(cmd: &mut Command, feed: Option<Feed>) -> Result<Measured> {
    let cpu_before = children_cpu_seconds();
    let start = Instant::now();
    let mut child = cmd
        .stdin(if feed.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let feeder = match (feed, child.stdin.take()) {
        (Some(feed), Some(stdin)) => Some(std::thread::spawn(move || feed(stdin))),
        _ => None,
    };
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut stdout = child.stdout.take().context("the child's stdout")?;
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    let mut peak_rss_kb = 0;
    let mut peak_anon_kb = 0;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let status_text = std::fs::read_to_string(&status_file).unwrap_or_default();
        peak_rss_kb = peak_rss_kb.max(status_kb(&status_text, "VmHWM:"));
        peak_anon_kb = peak_anon_kb.max(status_kb(&status_text, "RssAnon:"));
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let seconds = start.elapsed().as_secs_f64();
    if let Some(feeder) = feeder {
        feeder
            .join()
            .map_err(|_| anyhow::anyhow!("feeding the child failed"))??;
    }
    let stdout = reader
        .join()
        .map_err(|_| anyhow::anyhow!("reading the child's output failed"))??;
    Ok(Measured {
        seconds,
        cpu_seconds: children_cpu_seconds() - cpu_before,
        peak_rss_kb,
        peak_anon_kb,
        stdout,
        success: status.success(),
    })
}

/// The `field` (`VmHWM:`, `RssAnon:`) of a `/proc/PID/status` text, in KiB; 0 when absent.
fn status_kb(status: &str, field: &str) -> u64 {
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// CPU seconds of this process's reaped children (`cutime` + `cstime` of
/// `/proc/self/stat`, in the kernel's fixed 100 ticks a second).
fn children_cpu_seconds() -> f64 {
    stat_seconds(16, 17)
}

/// CPU seconds of this process itself, all its threads (`utime` + `stime`).
pub fn own_cpu_seconds() -> f64 {
    stat_seconds(14, 15)
}

/// The sum of two tick fields of `/proc/self/stat`, in seconds.
fn stat_seconds(a: usize, b: usize) -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces:
    // state is field 3, cutime 16 and cstime 17.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |field: usize| -> f64 {
        fields
            .get(field - 3)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(a) + ticks(b)) / 100.0
}

/// Makes `root` a workspace whose corpus holds `docs` generated documents (kept between
/// runs: a marker records what was generated). Returns the bytes of text.
fn prepare(root: &Path, docs: usize, jsonl: bool, words: &Path) -> Result<u64> {
    if !root.join("isnad.toml").exists() {
        Workspace::init(root)?;
    }
    let marker = root.join(".generated");
    let wanted = format!("{docs} {}", if jsonl { "jsonl" } else { "txt" });
    if let Ok(text) = std::fs::read_to_string(&marker)
        && let Some((what, bytes)) = text.rsplit_once(' ')
        && what == wanted
    {
        return Ok(bytes.trim().parse()?);
    }
    let corpus = root.join("corpus/gen");
    let _ = std::fs::remove_dir_all(&corpus);
    let bytes = generate::run(docs, &corpus, jsonl, 1, words)?;
    std::fs::write(&marker, format!("{wanted} {bytes}"))?;
    Ok(bytes as u64)
}

fn dir_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum()
}

/// Median wall time of a whole process, in milliseconds, after two warm-up runs.
fn time_process(program: &Path, args: &[&std::ffi::OsStr], runs: usize) -> Result<f64> {
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs + 2 {
        let start = Instant::now();
        let status = Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        if !status.success() && status.code() != Some(1) {
            bail!("{} failed", program.display());
        }
        if i >= 2 {
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    Ok(latency::percentiles(times).0)
}

fn available(program: &Path) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The same JSON Lines records indexed by tantivy-cli with its default tokenizer.
fn tantivy_cli(program: &Path, dir: &Path, corpus: &Path) -> Result<Option<Measured>> {
    if !available(program) {
        return Ok(None);
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let text = |stored: bool| serde_json::json!({"indexing": {"record": "position", "fieldnorms": true, "tokenizer": "default"}, "stored": stored});
    let raw = serde_json::json!({"indexing": {"record": "basic", "fieldnorms": false, "tokenizer": "raw"}, "stored": true});
    let schema = serde_json::json!([
        {"name": "id", "type": "text", "options": raw},
        {"name": "title", "type": "text", "options": text(true)},
        {"name": "body", "type": "text", "options": text(true)},
        {"name": "source", "type": "text", "options": text(true)},
        {"name": "published", "type": "text", "options": {"stored": true}},
        {"name": "lang", "type": "text", "options": raw},
    ]);
    let meta = serde_json::json!({"segments": [], "schema": schema, "opstamp": 0});
    std::fs::write(dir.join("meta.json"), serde_json::to_vec_pretty(&meta)?)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    // tantivy-cli reads the records on its standard input.
    let mut cmd = Command::new(program);
    cmd.arg("index").arg("-i").arg(dir);
    let measured = measure_fed(
        &mut cmd,
        Some(Box::new(move |mut stdin| {
            for file in &files {
                std::io::copy(&mut std::fs::File::open(file)?, &mut stdin)?;
            }
            Ok(())
        })),
    )?;
    if !measured.success {
        bail!("tantivy-cli failed on {}", dir.display());
    }
    Ok(Some(measured))
}

/// Everything measured for one corpus size.
pub struct SizeResult {
    pub docs: usize,
    pub raw_bytes: u64,
    pub jsonl: IndexRun,
    pub index_bytes: u64,
    /// tantivy-cli on the same records, when installed.
    pub baseline: Option<Measured>,
    /// Lucene on the same records, or why it was not measured.
    pub lucene: Result<LuceneRun, String>,
    pub txt: Option<IndexRun>,
    pub rows: Vec<Row>,
    pub snippets: (f64, f64),
    pub first_query_ms: f64,
    pub incremental: IndexRun,
    pub grep: Option<Grep>,
}

pub struct Grep {
    pub word: String,
    pub isnad_ms: f64,
    pub rg_ms: Option<f64>,
    pub isnad_matches: usize,
    pub rg_files: Option<usize>,
}

pub fn run(options: &Options) -> Result<()> {
    let vocabulary = Vocabulary::load(&options.words, 1);
    let isnad = sibling("isnad")?;
    let lucene = lucene::find(options.lucene_jar.as_deref(), &options.work);
    if let Err(why) = &lucene {
        eprintln!("Lucene is not measured: {why}");
    }
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let mut results = Vec::new();
    for &docs in &options.sizes {
        eprintln!("== {docs} documents");
        let base = options.work.join(docs.to_string());
        let ws = base.join("jsonl");
        let raw_bytes = prepare(&ws, docs, true, &options.words)?;
        let corpus = ws.join("corpus/gen");
        let jsonl = child_index(&ws, true)?;
        let index_bytes = dir_bytes(&ws.join(".isnad/index"));
        let baseline = tantivy_cli(&options.tantivy_cli, &base.join("tantivy-cli"), &corpus)?;
        let queries = latency::queries(&vocabulary);
        let lucene = match &lucene {
            Ok(lucene) => {
                eprintln!("   Lucene");
                // Lucene has no exact form: the stemmed queries only.
                let stemmed: Vec<(&str, String)> = queries
                    .iter()
                    .filter(|(_, _, exact)| !exact)
                    .map(|(kind, query, _)| (*kind, query.clone()))
                    .collect();
                let run = lucene.run(
                    &base.join("lucene"),
                    &corpus,
                    threads,
                    &stemmed,
                    options.runs,
                )?;
                // Its index is only needed while it is measured.
                let _ = std::fs::remove_dir_all(base.join("lucene"));
                Ok(run)
            }
            Err(why) => Err(why.clone()),
        };
        let _ = std::fs::remove_dir_all(base.join("tantivy-cli"));
        let (rows, snippets) = {
            let index = Workspace::open(&ws)?.open_index()?;
            (
                latency::measure(&index, &vocabulary, options.runs, None)?,
                latency::snippets(&index, &vocabulary, options.runs)?,
            )
        };
        let word = vocabulary
            .words
            .get(300)
            .cloned()
            .unwrap_or_else(|| "الهجوم".into());
        let ws_arg = ws.as_os_str();
        let first_query_ms = time_process(
            &isnad,
            &[
                "--workspace".as_ref(),
                ws_arg,
                "search".as_ref(),
                word.as_ref(),
                "--limit".as_ref(),
                "10".as_ref(),
            ],
            15,
        )?;
        // 1,000 new documents into the index, then back to the corpus as generated.
        let extra = ws.join("corpus/incremental");
        generate::run(1000, &extra, true, 2, &options.words)?;
        let incremental = child_index(&ws, false)?;
        std::fs::remove_dir_all(&extra)?;
        child_index(&ws, false)?;
        let (txt, grep) = if docs <= options.txt_up_to {
            txt_and_grep(&base, docs, &word, &isnad, options)?
        } else {
            (None, None)
        };
        results.push(SizeResult {
            docs,
            raw_bytes,
            jsonl,
            index_bytes,
            baseline,
            lucene,
            txt,
            rows,
            snippets,
            first_query_ms,
            incremental,
            grep,
        });
    }
    let report = super::report::render(&results, options)?;
    if let Some(parent) = options.out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&options.out, report)?;
    eprintln!("wrote {}", options.out.display());
    Ok(())
}

/// The corpus as .txt files: indexed, then `isnad search` against `rg` on the same files.
fn txt_and_grep(
    base: &Path,
    docs: usize,
    word: &str,
    isnad: &Path,
    options: &Options,
) -> Result<(Option<IndexRun>, Option<Grep>)> {
    let ws = base.join("txt");
    prepare(&ws, docs, false, &options.words)?;
    let run = child_index(&ws, true)?;
    let corpus = ws.join("corpus");
    let search_args = [
        "--workspace".as_ref(),
        ws.as_os_str(),
        "search".as_ref(),
        word.as_ref(),
        "--limit".as_ref(),
        "10".as_ref(),
    ];
    let isnad_ms = time_process(isnad, &search_args, 15)?;
    let human = Command::new(isnad).args(search_args).output()?;
    let first_line = String::from_utf8_lossy(&human.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    let isnad_matches = first_line
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let rg = Path::new("rg");
    let (rg_ms, rg_files) = if available(rg) {
        let args = ["-l".as_ref(), word.as_ref(), corpus.as_os_str()];
        let ms = time_process(rg, &args, 15)?;
        let listed = Command::new(rg).args(args).output()?;
        (
            Some(ms),
            Some(String::from_utf8_lossy(&listed.stdout).lines().count()),
        )
    } else {
        (None, None)
    };
    Ok((
        Some(run),
        Some(Grep {
            word: word.to_owned(),
            isnad_ms,
            rg_ms,
            isnad_matches,
            rg_files,
        }),
    ))
}
