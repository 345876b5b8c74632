//! `isnad-bench`: the synthetic corpus generator, the benchmark suite and its parts.
//!
//! - `isnad-bench gen --docs N --out DIR` writes Arabic news-like documents, deterministic
//!   for a seed.
//! - `isnad-bench suite` generates corpora of several sizes, indexes them, times queries,
//!   compares with tantivy-cli and ripgrep, and writes `benches/RESULTS.md`.
//! - `isnad-bench query --workspace WS` times warm queries on an existing workspace.
//! - `isnad-bench extract FILE…` times reading files of every format (MB/s, PDF pages/s).
//! - `isnad-bench triage --workspace WS` times facets, the documents pane and the next
//!   unreviewed document on one.
//! - `isnad-bench team --database URL` times team mode's changes in PostgreSQL beside the
//!   same changes in a plain `SQLite` store.

mod extract;
mod generate;
mod latency;
mod limits;
mod lucene;
mod report;
mod suite;
mod syndication;
mod team;
mod triage;
mod tui;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};

/// A workspace to measure warm, how many timed runs, and the vocabulary its queries use.
#[derive(clap::Args)]
struct Measure {
    #[arg(long)]
    workspace: PathBuf,
    #[arg(long, default_value_t = 200)]
    runs: usize,
    #[arg(long, default_value = HUNSPELL)]
    words: PathBuf,
    /// Only the queries whose kind contains this (`typing`, `2 terms`…).
    #[arg(long)]
    only: Option<String>,
}

#[derive(Parser)]
#[command(
    name = "isnad-bench",
    about = "Generate benchmark corpora and measure isnad"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Txt,
    Jsonl,
}

const HUNSPELL: &str = "/usr/share/hunspell/ar.dic";

#[derive(Subcommand)]
enum Command {
    /// Write a synthetic corpus of Arabic news-like documents (~4–5 KB each).
    Gen {
        #[arg(long)]
        docs: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "txt")]
        format: Format,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A hunspell dictionary whose words extend the vocabulary's long tail.
        #[arg(long, default_value = HUNSPELL)]
        words: PathBuf,
        /// A syndication corpus instead: wire stories and their edited copies, stories of
        /// the outlets' own, the truth and held-out documents (`isnad-bench copies`).
        #[arg(long)]
        syndication: bool,
    },
    /// How well copies are found in a syndication corpus (`gen --syndication`), indexed in
    /// WORKSPACE: precision and recall against the truth, grouping time, placing one
    /// document (a Markdown table).
    Copies {
        #[arg(long)]
        workspace: PathBuf,
        /// The folder `gen --syndication` wrote (truth.jsonl, held.jsonl).
        #[arg(long)]
        truth: PathBuf,
    },
    /// Time warm queries on a workspace's index.
    Query(Measure),
    /// Extraction throughput: each file read as `isnad index` reads it, in this process
    /// (a Markdown table: median ms, MB/s, PDF pages/s).
    Extract {
        files: Vec<PathBuf>,
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// Index a workspace in this process and print one JSON line: seconds, documents,
    /// bytes read, peak memory. (The suite runs it as a child so memory is this run's own.)
    Index {
        #[arg(long)]
        workspace: PathBuf,
        #[arg(long)]
        rebuild: bool,
    },
    /// The workbench's speed through its runtime: start to first frame, keystroke to
    /// results drawn, and frames of a long document (a Markdown table).
    Tui {
        #[arg(long)]
        workspace: PathBuf,
        #[arg(long, default_value_t = 50)]
        runs: usize,
        #[arg(long, default_value = HUNSPELL)]
        words: PathBuf,
    },
    /// Going through documents: facet counts, the documents pane's first page in each
    /// order, the next unreviewed document (a Markdown table).
    Triage(Measure),
    /// Scale limits through the workbench's runtime: a 100 MB report, a million lines, one
    /// 10 MB line, and many files in one folder (a Markdown table and TABLE lines).
    Limits {
        #[arg(long, default_value_t = 100_000)]
        files: usize,
    },
    /// The words the query operators expand to (`تنظ*`, `word~1`, `name:ترمب`) on an
    /// existing workspace, and how many documents the query matches: what they match, to judge.
    Expand {
        #[arg(long)]
        workspace: PathBuf,
        /// Only the exact fields (as `isnad search --exact`).
        #[arg(long)]
        exact: bool,
        queries: Vec<String>,
    },
    /// Query lines as the workbench asks for them while a key is typed (the last word also
    /// a prefix, no count): ranking alone, then ranking with the page of hits fetched and
    /// their snippets made, then the count job, p50 and p99 of each (a Markdown table). To
    /// see which keystrokes of `isnad-bench tui` are slow and why.
    Typed {
        #[arg(long)]
        workspace: PathBuf,
        #[arg(long, default_value_t = 50)]
        runs: usize,
        /// Hits fetched with their snippets, as the workbench's results pane asks.
        #[arg(long, default_value_t = isnad::tui::search_pane::RESULT_PAGE)]
        limit: usize,
        queries: Vec<String>,
    },
    /// Team mode beside the plain store: tagging an entity at 10,000 places, one `claim
    /// link`, and a change reaching another workbench, in a copy of a team database in
    /// PostgreSQL and in a `SQLite` store, alternating (a Markdown table). The team is made in
    /// a schema of its own, dropped at the end.
    Team {
        /// The PostgreSQL database (a libpq URL or `key=value` string); the password from
        /// PGPASSWORD or PGPASSFILE, as libpq.
        #[arg(long)]
        database: Option<String>,
        /// Timed runs of every operation [default: 10 tagging, 200 links, 100 changes].
        #[arg(long)]
        runs: Option<usize>,
        /// Mentions tagged in one step.
        #[arg(long, default_value_t = 10_000)]
        mentions: usize,
        /// Documents one member shares and another's index follows from the database (0:
        /// not measured).
        #[arg(long, default_value_t = 10_000)]
        documents: usize,
        /// A hunspell dictionary whose words the generated documents draw on.
        #[arg(long, default_value = HUNSPELL)]
        words: PathBuf,
    },
    /// The whole suite: writes a Markdown report.
    Suite {
        /// Corpus sizes in documents, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
        sizes: Vec<usize>,
        /// Where corpora and indexes are kept (reused between runs when present).
        #[arg(long, default_value = "target/bench-corpora")]
        work: PathBuf,
        #[arg(long, default_value = "benches/RESULTS.md")]
        out: PathBuf,
        /// Timed runs per query.
        #[arg(long, default_value_t = 300)]
        runs: usize,
        /// The tantivy-cli binary for the baseline (skipped when absent).
        #[arg(long, default_value = "tantivy")]
        tantivy_cli: PathBuf,
        /// Lucene's jars for the `ArabicAnalyzer` baseline (default: the Anserini jar of an
        /// installed `pyserini`; skipped, and said so, when there is none or no JDK).
        #[arg(long)]
        lucene_jar: Option<PathBuf>,
        /// The largest size also measured as one .txt file per document, against `rg`.
        #[arg(long, default_value_t = usize::MAX)]
        txt_up_to: usize,
        #[arg(long, default_value = HUNSPELL)]
        words: PathBuf,
    },
}

fn main() -> ExitCode {
    let result: Result<()> = match Args::parse().command {
        Command::Gen {
            docs,
            out,
            format,
            seed,
            words,
            syndication,
        } => {
            if syndication {
                syndication::generate(docs, &out, seed, &words)
            } else {
                generate::run(docs, &out, matches!(format, Format::Jsonl), seed, &words).map(|_| ())
            }
        }
        Command::Copies { workspace, truth } => {
            syndication::measure(&workspace, &truth).map(|table| print!("{table}"))
        }
        Command::Query(Measure {
            workspace,
            runs,
            words,
            only,
        }) => query(&workspace, runs, &words, only.as_deref()),
        Command::Expand {
            workspace,
            exact,
            queries,
        } => expand(&workspace, exact, &queries),
        Command::Typed {
            workspace,
            runs,
            limit,
            queries,
        } => typed(&workspace, runs, limit, &queries),
        Command::Index { workspace, rebuild } => suite::index_here(&workspace, rebuild),
        Command::Extract { files, runs } => {
            extract::run(&files, runs).map(|table| print!("{table}"))
        }
        Command::Tui {
            workspace,
            runs,
            words,
        } => tui::run(&workspace, &words, runs).map(|table| print!("{table}")),
        Command::Triage(Measure {
            workspace,
            runs,
            words,
            ..
        }) => triage::run(&workspace, &words, runs).map(|table| print!("{table}")),
        Command::Limits { files } => limits::run(files).map(|table| print!("{table}")),
        Command::Team {
            database,
            runs,
            mentions,
            documents,
            words,
        } => team::run(&team::Options {
            database: database.as_deref(),
            runs,
            mentions,
            documents,
            words: &words,
        })
        .map(|table| print!("{table}")),
        Command::Suite {
            sizes,
            work,
            out,
            runs,
            tantivy_cli,
            lucene_jar,
            txt_up_to,
            words,
        } => suite::run(&suite::Options {
            sizes,
            work,
            out,
            runs,
            tantivy_cli,
            lucene_jar,
            txt_up_to,
            words,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("isnad-bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn query(
    workspace: &std::path::Path,
    runs: usize,
    words: &std::path::Path,
    only: Option<&str>,
) -> Result<()> {
    let workspace = isnad::workspace::Workspace::open(workspace)?;
    let index = workspace.open_index()?;
    let vocabulary = generate::Vocabulary::load(words, 1);
    println!(
        "{} documents in {}",
        index.document_count(),
        workspace.root().display()
    );
    println!(
        "{:<18} {:>9} {:>9} {:>9}  query",
        "kind", "matches", "p50 ms", "p99 ms"
    );
    for row in latency::measure(&index, &vocabulary, runs, only)? {
        println!(
            "{:<18} {:>9} {:>9.3} {:>9.3}  {}",
            row.kind, row.matches, row.p50_ms, row.p99_ms, row.query
        );
    }
    // While typing: the results the workbench draws at once, the count it asks for next,
    // and both the way they were asked for before (every match visited).
    println!(
        "{:<20} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>5}  query",
        "typing",
        "matches",
        "top p50",
        "top p99",
        "count p50",
        "count p99",
        "before50",
        "before99",
        "same"
    );
    for row in latency::measure_typing(&index, &vocabulary, runs, only)? {
        println!(
            "{:<20} {:>9} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>5}  {}",
            row.kind,
            row.matches,
            row.results.0,
            row.results.1,
            row.count.0,
            row.count.1,
            row.before.0,
            row.before.1,
            if row.same { "yes" } else { "NO" },
            row.query
        );
    }
    // The other operators (`word*`, `word~N`, `name:`), with the ranking alone too (no
    // count).
    println!(
        "{:<20} {:>9} {:>9} {:>9} {:>12}  query",
        "operator", "matches", "p50 ms", "p99 ms", "p50 uncount"
    );
    for row in latency::measure_operators(&index, &vocabulary, runs, only)? {
        println!(
            "{:<20} {:>9} {:>9.3} {:>9.3} {:>12.3}  {}",
            row.kind, row.matches, row.p50_ms, row.p99_ms, row.p50_uncounted_ms, row.query
        );
    }
    if only.is_none() {
        let (p50, p99) = latency::snippets(&index, &vocabulary, runs)?;
        println!("20 hits with snippets: p50 {p50:.3} ms, p99 {p99:.3} ms");
    }
    Ok(())
}

fn typed(workspace: &std::path::Path, runs: usize, limit: usize, queries: &[String]) -> Result<()> {
    let workspace = isnad::workspace::Workspace::open(workspace)?;
    let mut index = workspace.open_index()?;
    // As the workbench searches.
    index.search_on_all_cores()?;
    println!("| typed | ranking p50 / p99 | with {limit} hits and snippets | count job |");
    println!("|---|---:|---:|---:|");
    for query in queries {
        let request = isnad::index::SearchRequest {
            typing: Some(query.as_str()),
            count: false,
            ..isnad::index::SearchRequest::new(query, limit)
        };
        let counted = isnad::index::SearchRequest {
            count: true,
            ..request
        };
        let (rank50, rank99) = latency::time_ms(runs, || {
            let _ = index.rank(request);
        });
        let (search50, search99) = latency::time_ms(runs, || {
            let _ = index.search(request);
        });
        let (count50, count99) = latency::time_ms(runs, || {
            let _ = index.count(counted, &|| false);
        });
        println!(
            "| `{query}` | {rank50:.1} / {rank99:.1} | {search50:.1} / {search99:.1} | {count50:.1} / {count99:.1} |"
        );
    }
    Ok(())
}

fn expand(workspace: &std::path::Path, exact: bool, queries: &[String]) -> Result<()> {
    let workspace = isnad::workspace::Workspace::open(workspace)?;
    let index = workspace.open_index()?;
    for query in queries {
        let words = index.query_words(query, exact, false)?;
        let total = index
            .rank(isnad::index::SearchRequest {
                exact,
                ..isnad::index::SearchRequest::new(query, 1)
            })?
            .total
            .unwrap_or(0);
        println!("{query}: {} words, {total} documents", words.len());
        for word in words {
            println!("  {word}");
        }
    }
    Ok(())
}
