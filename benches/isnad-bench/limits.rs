//! Scale limits, through the real runtime at 200×60: a 100 MB report, a report of a million
//! lines, a report that is one 10 MB line, and 100,000 files in one folder. For each: the
//! time to index it, to open it in the reader, `PageDown` frames (p50/p99), the jump to
//! its end, and the process's peak memory (reset before each case).

use std::fmt::Write as _;

use anyhow::Result;

use super::latency::percentiles;
use super::tui::{drive, indexed, key, long_document, ms, typed};

/// One row of the table: what was tried and how it went.
struct Row {
    what: String,
    index_s: f64,
    open_ms: f64,
    page_p50: f64,
    page_p99: f64,
    end_ms: f64,
    peak_mb: f64,
}

/// Resets the peak-memory counter (Linux; harmless elsewhere).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident memory since the last reset, in MB (0 when unknown).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Indexes a workspace holding `name` with `text`, opens it, pages through it and jumps to
/// its end.
fn document_case(what: &str, name: &str, text: &str, pages: usize) -> Result<Row> {
    reset_peak();
    let (_dir, workspace, index, index_s) =
        indexed(|corpus| Ok(std::fs::write(corpus.join(name), text)?))?;
    let mut script = vec![key(":")];
    script.extend(typed(&format!("open {name}")));
    script.push(key("enter"));
    let open_step = script.len() - 1;
    script.extend(std::iter::repeat_n(key("pagedown"), pages));
    script.push(key("G"));
    let run = drive(workspace, index, script)?;
    let pages: Vec<f64> = run.steps[open_step + 1..open_step + 1 + pages]
        .iter()
        .copied()
        .map(ms)
        .collect();
    let (page_p50, page_p99) = percentiles(pages);
    Ok(Row {
        what: what.to_owned(),
        index_s,
        open_ms: ms(run.steps[open_step]),
        page_p50,
        page_p99,
        end_ms: run.steps.last().copied().map_or(0.0, ms),
        peak_mb: peak_mb(),
    })
}

/// 100,000 small reports in one folder: index them, start the workbench, search, open one.
fn many_files_case(files: usize) -> Result<Row> {
    reset_peak();
    let (_dir, workspace, index, index_s) = indexed(|corpus| {
        for n in 0..files {
            std::fs::write(
                corpus.join(format!("r{n:06}.txt")),
                format!("تقرير رقم {n}\nقال شاهد إن الهجوم وقع قرب السوق، والتقرير رقم {n}.\n"),
            )?;
        }
        Ok(())
    })?;
    let mut script = vec![key("/")];
    script.extend(typed("الهجوم"));
    script.extend([key("enter"), key("enter")]);
    let first_move = script.len();
    let moves = 50;
    script.extend(std::iter::repeat_n(key("j"), moves));
    script.push(key("G"));
    let run = drive(workspace, index, script)?;
    let times: Vec<f64> = run.steps[first_move..first_move + moves]
        .iter()
        .copied()
        .map(ms)
        .collect();
    let (page_p50, page_p99) = percentiles(times);
    Ok(Row {
        what: format!(
            "{files} files in one folder (open = first frame; pages = `j` in the results)"
        ),
        index_s,
        open_ms: ms(run.first_frame),
        page_p50,
        page_p99,
        end_ms: run.steps.last().copied().map_or(0.0, ms),
        peak_mb: peak_mb(),
    })
}

/// Runs every case: a Markdown table, then one `TABLE|…` line per case for the
/// reliability table.
pub fn run(files: usize) -> Result<String> {
    let mut rows = Vec::new();
    let report = long_document(100_000_000)?;
    rows.push(document_case(
        &format!("a {:.0} MB report", report.len() as f64 / 1e6),
        "huge.txt",
        &report,
        200,
    )?);
    drop(report);
    let mut lines = String::from("مليون سطر\n");
    for n in 0..1_000_000 {
        let _ = writeln!(lines, "سطر رقم {n} عن الهجوم");
    }
    rows.push(document_case(
        &format!(
            "a report of 1,000,000 lines ({:.0} MB)",
            lines.len() as f64 / 1e6
        ),
        "lines.txt",
        &lines,
        200,
    )?);
    drop(lines);
    let word = "كلمة عربية طويلة جدا ";
    let line = format!(
        "سطر واحد طويل\n{}\n",
        word.repeat(10_000_000 / word.len() + 1)
    );
    rows.push(document_case(
        &format!("a single {:.0} MB line", line.len() as f64 / 1e6),
        "oneline.txt",
        &line,
        200,
    )?);
    drop(line);
    rows.push(many_files_case(files)?);

    let mut out = String::new();
    writeln!(
        out,
        "| case | index s | open ms | PageDown p50 ms | PageDown p99 ms | to the end ms | peak memory MB |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
    for r in &rows {
        writeln!(
            out,
            "| {} | {:.1} | {:.0} | {:.2} | {:.2} | {:.1} | {:.0} |",
            r.what, r.index_s, r.open_ms, r.page_p50, r.page_p99, r.end_ms, r.peak_mb
        )?;
    }
    for r in &rows {
        writeln!(
            out,
            "TABLE|scale: {}|1 run, 200×60|indexed in {:.1} s; opened in {:.0} ms; PageDown p50 {:.2} ms, p99 {:.2} ms; to the end {:.1} ms; peak memory {:.0} MB",
            r.what, r.index_s, r.open_ms, r.page_p50, r.page_p99, r.end_ms, r.peak_mb
        )?;
    }
    Ok(out)
}
