//! The Markdown report of a suite run, one function per section.

use std::fmt::{Result, Write as _};
use std::process::Command;

use super::suite::{Options, SizeResult};

pub fn render(
    results: &[SizeResult],
    options: &Options,
) -> std::result::Result<String, std::fmt::Error> {
    let mut out = String::new();
    header(&mut out, options)?;
    indexing(&mut out, results)?;
    queries(&mut out, results, options)?;
    processes(&mut out, results)?;
    Ok(out)
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map_or("unknown CPU", |m| m.trim_start_matches([' ', '\t', ':']));
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .map_or("?".to_owned(), |m| {
            let kb: f64 = m
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .unwrap_or(0.0);
            format!("{:.0} GiB", kb / 1024.0 / 1024.0)
        });
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!(
        "{model}, {cores} cores, {memory} memory; {rustc}; isnad {}, tantivy 0.27",
        env!("CARGO_PKG_VERSION")
    )
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn header(out: &mut String, options: &Options) -> Result {
    let sizes: Vec<String> = options.sizes.iter().map(ToString::to_string).collect();
    writeln!(out, "# isnad benchmark results\n")?;
    writeln!(
        out,
        "Regenerate: `cargo build --release && target/release/isnad-bench suite --sizes {}` \
         (corpora are generated once and kept in `{}`).\n",
        sizes.join(","),
        options.work.display()
    )?;
    writeln!(out, "Machine: {}.\n", machine())?;
    writeln!(
        out,
        "Corpus: `isnad-bench gen`, seed 1: Zipf-distributed words from the sample reports and \
         hunspell-ar, with clitics, harakat, tatweel, Arabic-Indic and Latin digits, Latin names; \
         ~4–5 KB documents. Latencies: median (p50) and 99th percentile of {} warm runs; every \
         ratio below is measured in this same run.\n",
        options.runs
    )
}

fn indexing(out: &mut String, results: &[SizeResult]) -> Result {
    writeln!(out, "## Indexing (JSON Lines, from scratch)\n")?;
    writeln!(
        out,
        "| documents | text MB | seconds | docs/s | MB/s | CPU seconds | index MB | index / text \
         | peak memory MB |"
    )?;
    writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")?;
    for r in results {
        writeln!(
            out,
            "| {} | {:.1} | {:.2} | {:.0} | {:.1} | {:.1} | {:.1} | {:.2} | {:.0} |",
            r.docs,
            mb(r.raw_bytes),
            r.jsonl.seconds,
            r.jsonl.documents as f64 / r.jsonl.seconds,
            mb(r.jsonl.bytes_read) / r.jsonl.seconds,
            r.jsonl.cpu_seconds,
            mb(r.index_bytes),
            r.index_bytes as f64 / r.raw_bytes.max(1) as f64,
            r.jsonl.peak_rss_kb as f64 / 1024.0,
        )?;
    }
    side_by_side(out, results)?;
    writeln!(out, "\nThe same documents as one `.txt` file each:\n")?;
    writeln!(
        out,
        "| documents | seconds | docs/s | peak memory MB |\n|---:|---:|---:|---:|"
    )?;
    for r in results {
        if let Some(txt) = &r.txt {
            let rate = txt.documents as f64 / txt.seconds;
            writeln!(
                out,
                "| {} | {:.2} | {rate:.0} | {:.0} |",
                r.docs,
                txt.seconds,
                txt.peak_rss_kb as f64 / 1024.0
            )?;
        }
    }
    writeln!(
        out,
        "\n## Incremental: 1,000 new documents into the existing index\n"
    )?;
    writeln!(
        out,
        "| documents already indexed | seconds | docs/s |\n|---:|---:|---:|"
    )?;
    for r in results {
        let seconds = r.incremental.seconds;
        writeln!(
            out,
            "| {} | {seconds:.2} | {:.0} |",
            r.docs,
            1000.0 / seconds
        )?;
    }
    Ok(())
}

/// Peak resident memory with the peak anonymous part in parentheses, in MB.
fn megabytes(rss_kb: u64, anon_kb: u64) -> String {
    format!(
        "{:.0} ({:.0})",
        rss_kb as f64 / 1024.0,
        anon_kb as f64 / 1024.0
    )
}

/// isnad, tantivy-cli and Lucene indexing the same records, with the ratios the goals use.
fn side_by_side(out: &mut String, results: &[SizeResult]) -> Result {
    writeln!(
        out,
        "\nThe same records indexed by tantivy-cli (its default tokenizer: title, body and \
         source with positions, all stored) and by Lucene with its ArabicAnalyzer (title, body \
         and their union with positions, title and body stored; `benches/lucene`), each in its \
         own process. CPU seconds count every thread; memory is the peak resident memory, and in \
         parentheses the most anonymous memory (resident memory less mapped files: the index \
         files read while segments merge, which the kernel can drop) seen in readings every \
         50 ms.\n"
    )?;
    writeln!(
        out,
        "| documents | isnad s | isnad CPU s | isnad MB (anon) | tantivy-cli s | CPU s | MB (anon) \
         | Lucene s | CPU s | MB (anon) | isnad CPU / tantivy-cli | isnad wall / Lucene |"
    )?;
    writeln!(
        out,
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )?;
    let na = || "–".to_owned();
    for r in results {
        let (t_s, t_cpu, t_mb, t_ratio) = r.baseline.as_ref().map_or_else(
            || ("not installed".to_owned(), na(), na(), na()),
            |t| {
                (
                    format!("{:.1}", t.seconds),
                    format!("{:.1}", t.cpu_seconds),
                    megabytes(t.peak_rss_kb, t.peak_anon_kb),
                    format!("{:.2}", r.jsonl.cpu_seconds / t.cpu_seconds.max(1e-9)),
                )
            },
        );
        let (l_s, l_cpu, l_mb, l_ratio) = r.lucene.as_ref().map_or_else(
            |_| ("not measured".to_owned(), na(), na(), na()),
            |l| {
                (
                    format!("{:.1} ({} threads)", l.index.seconds, l.threads),
                    format!("{:.1}", l.index.cpu_seconds),
                    megabytes(l.index.peak_rss_kb, l.index.peak_anon_kb),
                    format!("{:.2}", r.jsonl.seconds / l.index.seconds.max(1e-9)),
                )
            },
        );
        writeln!(
            out,
            "| {} | {:.1} | {:.1} | {} | {t_s} | {t_cpu} | {t_mb} | {l_s} | {l_cpu} | {l_mb} \
             | {t_ratio} | {l_ratio} |",
            r.docs,
            r.jsonl.seconds,
            r.jsonl.cpu_seconds,
            megabytes(r.jsonl.peak_rss_kb, r.jsonl.peak_anon_kb),
        )?;
    }
    if let Some(Err(why)) = results.first().map(|r| &r.lucene) {
        writeln!(out, "\nLucene was not measured: {why}.")?;
    }
    Ok(())
}

/// isnad's and Lucene's latencies for the same queries, with the exact count.
fn against_lucene(out: &mut String, results: &[SizeResult]) -> Result {
    if results.iter().all(|r| r.lucene.is_err()) {
        return Ok(());
    }
    writeln!(
        out,
        "\nThe same queries in Lucene (ArabicAnalyzer, classic query parser with AND between \
         words, top 10 and the exact count, one thread, on the field of title and body):\n"
    )?;
    writeln!(
        out,
        "| documents | kind | isnad matches | Lucene matches | isnad p50 | Lucene p50 | isnad p99 \
         | Lucene p99 | Lucene p50 / isnad p50 |"
    )?;
    writeln!(out, "|---:|---|---:|---:|---:|---:|---:|---:|---:|")?;
    for r in results {
        let Ok(lucene) = &r.lucene else { continue };
        for row in &r.rows {
            let Some(theirs) = lucene.rows.iter().find(|l| l.kind == row.kind) else {
                continue;
            };
            writeln!(
                out,
                "| {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2} |",
                r.docs,
                row.kind,
                row.matches,
                theirs.matches,
                row.p50_ms,
                theirs.p50_ms,
                row.p99_ms,
                theirs.p99_ms,
                theirs.p50_ms / row.p50_ms.max(1e-9)
            )?;
        }
    }
    writeln!(
        out,
        "\nThe counts differ: Lucene drops its stopwords and stems more (and differently); \
         isnad keeps every word."
    )
}

fn queries(out: &mut String, results: &[SizeResult], options: &Options) -> Result {
    writeln!(
        out,
        "\n## Query latency (warm, top 10, in-process, {} runs)\n",
        options.runs
    )?;
    writeln!(
        out,
        "| documents | kind | matches | p50 ms | p99 ms | p50 ms, no count | p99 ms, no count \
         | slow phrase | query |"
    )?;
    writeln!(out, "|---:|---|---:|---:|---:|---:|---:|---|---|")?;
    for r in results {
        for row in &r.rows {
            let slow = if row.slow { "detected" } else { "no" };
            writeln!(
                out,
                "| {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {slow} | `{}` |",
                r.docs,
                row.kind,
                row.matches,
                row.p50_ms,
                row.p99_ms,
                row.p50_uncounted_ms,
                row.p99_uncounted_ms,
                row.query
            )?;
        }
    }
    against_lucene(out, results)?;
    writeln!(
        out,
        "\nFetching 20 hits and making their snippets (after ranking):\n"
    )?;
    writeln!(out, "| documents | p50 ms | p99 ms |\n|---:|---:|---:|")?;
    for r in results {
        writeln!(
            out,
            "| {} | {:.3} | {:.3} |",
            r.docs, r.snippets.0, r.snippets.1
        )?;
    }
    Ok(())
}

fn processes(out: &mut String, results: &[SizeResult]) -> Result {
    writeln!(
        out,
        "\n## Whole process: open the index and answer a first query\n"
    )?;
    writeln!(
        out,
        "`isnad search WORD --limit 10`, process start to exit, median of 15.\n"
    )?;
    writeln!(out, "| documents | ms |\n|---:|---:|")?;
    for r in results {
        writeln!(out, "| {} | {:.1} |", r.docs, r.first_query_ms)?;
    }
    writeln!(
        out,
        "\n## `isnad search` against `rg` over the same .txt files\n"
    )?;
    writeln!(
        out,
        "| documents | word | isnad ms | rg ms | isnad speed-up | documents isnad finds | files rg finds |"
    )?;
    writeln!(out, "|---:|---|---:|---:|---:|---:|---:|")?;
    for r in results {
        if let Some(g) = &r.grep {
            let rg = g
                .rg_ms
                .map_or("not installed".to_owned(), |ms| format!("{ms:.1}"));
            let speedup = g
                .rg_ms
                .map_or("–".to_owned(), |ms| format!("{:.1}×", ms / g.isnad_ms));
            let files = g.rg_files.map_or("–".to_owned(), |n| n.to_string());
            writeln!(
                out,
                "| {} | {} | {:.1} | {rg} | {speedup} | {} | {files} |",
                r.docs, g.word, g.isnad_ms, g.isnad_matches
            )?;
        }
    }
    writeln!(
        out,
        "\nThe counts differ both ways: isnad matches whole words in their normalised and stemmed \
         forms (harakat, tatweel, hamza variants, و/ال and other stripped prefixes) that a byte \
         search misses, while rg also counts the word inside longer words (after a bare ف/ب/ل \
         clitic, say), which isnad's stemmer leaves alone."
    )
}
