//! `isnad-bench`: the synthetic corpus generator and the in-process query timer.
//!
//! `isnad-bench gen --docs 5000 --out DIR` writes Arabic news-like documents, deterministic
//! for a seed; `isnad-bench query --workspace WS` times warm queries against that
//! workspace's index and prints medians and p99s.

mod generate;
mod query;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "isnad-bench",
    about = "Generate benchmark corpora and time isnad's search"
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
        #[arg(long, default_value = "/usr/share/hunspell/ar.dic")]
        words: PathBuf,
    },
    /// Time warm queries (1–3 terms, AND, OR, phrases) on a workspace's index.
    Query {
        #[arg(long)]
        workspace: PathBuf,
        /// Timed runs per query.
        #[arg(long, default_value_t = 200)]
        runs: usize,
        #[arg(long, default_value = "/usr/share/hunspell/ar.dic")]
        words: PathBuf,
    },
}

fn main() -> ExitCode {
    let result = match Args::parse().command {
        Command::Gen {
            docs,
            out,
            format,
            seed,
            words,
        } => generate::run(docs, &out, matches!(format, Format::Jsonl), seed, &words),
        Command::Query {
            workspace,
            runs,
            words,
        } => query::run(&workspace, runs, &words),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("isnad-bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}
