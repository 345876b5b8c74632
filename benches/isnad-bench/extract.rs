//! Extraction throughput per file: each file read by the same parser `isnad index` uses
//! (`isnad::corpus::parse_file`), in this process, `runs` times; the median time, MB/s, and
//! pages/s for PDFs (a Markdown table).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};

use super::latency::percentiles;

pub fn run(files: &[PathBuf], runs: usize) -> Result<String> {
    let mut table = String::from(
        "| file | KB | documents | skipped | median ms | MB/s | pages | pages/s |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for path in files {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut times = Vec::with_capacity(runs);
        let mut contents = isnad::corpus::parse_file(&name, &bytes);
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            contents = isnad::corpus::parse_file(&name, &bytes);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let (median, _) = percentiles(times);
        let megabytes = bytes.len() as f64 / 1_000_000.0;
        let pages = isnad::corpus::pdf_page_count(&bytes);
        writeln!(
            table,
            "| {name} | {:.0} | {} | {} | {median:.1} | {:.1} | {} | {} |",
            bytes.len() as f64 / 1000.0,
            contents.documents.len(),
            contents.skipped.len(),
            megabytes / (median / 1000.0),
            pages.map_or_else(|| "–".to_owned(), |p| p.to_string()),
            pages.map_or_else(
                || "–".to_owned(),
                |p| format!("{:.0}", p as f64 / (median / 1000.0))
            ),
        )?;
    }
    Ok(table)
}
