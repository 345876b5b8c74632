//! Warm query latency, measured in-process on a workspace's index: each query runs a few
//! times untimed, then `runs` times timed; medians and p99s are printed per query.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use isnad::index::SearchRequest;
use isnad::workspace::Workspace;

use super::generate::Vocabulary;

pub fn run(workspace: &Path, runs: usize, words: &Path) -> Result<()> {
    let workspace = Workspace::open(workspace)?;
    let index = workspace.open_index()?;
    let vocabulary = Vocabulary::load(words, 1);
    let w = |rank: usize| vocabulary.words.get(rank).map_or("الهجوم", String::as_str);
    let queries = [
        ("1 term, frequent", w(3).to_owned()),
        ("1 term, mid", w(300).to_owned()),
        ("1 term, rare", w(3000).to_owned()),
        ("2 terms AND", format!("{} {}", w(40), w(400))),
        ("3 terms AND", format!("{} {} {}", w(20), w(200), w(600))),
        (
            "3 terms OR",
            format!("{} OR {} OR {}", w(100), w(500), w(1500)),
        ),
        ("phrase, mid", format!("\"{} {}\"", w(50), w(60))),
        ("phrase, stopwords", format!("\"{} {}\"", w(0), w(1))),
        ("exact 1 term", w(300).to_owned()),
    ];
    println!(
        "{} documents in {}",
        index.document_count(),
        workspace.root().display()
    );
    println!(
        "{:<20} {:>9} {:>10} {:>10}  query",
        "kind", "matches", "p50 ms", "p99 ms"
    );
    for (kind, query) in &queries {
        let exact = kind.starts_with("exact");
        let request = SearchRequest {
            query,
            limit: 10,
            exact,
        };
        let mut total = 0;
        for _ in 0..5 {
            total = index.search(request)?.total;
        }
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let _ = index.search(request);
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        // Nearest-rank percentile, in per mille so the index stays an integer.
        let pick = |per_mille: usize| {
            let rank = times.len().saturating_sub(1) * per_mille / 1000;
            times.get(rank).copied().unwrap_or(0.0)
        };
        println!(
            "{kind:<20} {total:>9} {:>10.3} {:>10.3}  {query}",
            pick(500),
            pick(990)
        );
    }
    Ok(())
}
