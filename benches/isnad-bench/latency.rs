//! Warm query latency, in-process: each query runs a few times untimed, then `runs` times
//! timed. Ranking (the query alone) is timed with and without the total count; fetching and
//! snippets for 20 hits are timed separately. Queries being typed are timed as the
//! workbench asks for them: the best matches without the count, then the count alone (its
//! follow-up job), and both together the way they were asked for before (every match
//! visited), with whether the best matches are the same both ways.

use std::time::Instant;

use anyhow::Result;
use isnad::index::{SearchIndex, SearchRequest};

use super::generate::Vocabulary;

/// One measured query.
pub struct Row {
    pub kind: &'static str,
    pub query: String,
    pub matches: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// The same ranking without the total count.
    pub p50_uncounted_ms: f64,
    pub p99_uncounted_ms: f64,
    /// The query was flagged as a slow phrase.
    pub slow: bool,
}

/// Median and 99th percentile (nearest rank) of `times`.
pub fn percentiles(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let pick = |per_mille: usize| {
        let rank = times.len().saturating_sub(1) * per_mille / 1000;
        times.get(rank).copied().unwrap_or(0.0)
    };
    (pick(500), pick(990))
}

/// Times `run`: three untimed runs, then up to `runs` timed ones, fewer for slow queries
/// (about three seconds each, never under 30 runs).
pub fn time_ms(runs: usize, mut run: impl FnMut()) -> (f64, f64) {
    let start = Instant::now();
    for _ in 0..3 {
        run();
    }
    let each = start.elapsed() / 3;
    let budget = std::time::Duration::from_secs(3).as_nanos() / each.as_nanos().max(1);
    let runs = runs.min(usize::try_from(budget).unwrap_or(usize::MAX).max(30));
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    percentiles(times)
}

/// The queries, by kind: words picked by frequency rank from the generator's vocabulary.
pub fn queries(vocabulary: &Vocabulary) -> Vec<(&'static str, String, bool)> {
    let w = |rank: usize| vocabulary.words.get(rank).map_or("الهجوم", String::as_str);
    vec![
        ("1 term", w(300).to_owned(), false),
        ("1 term, exact", w(300).to_owned(), true),
        ("2 terms AND", format!("{} {}", w(40), w(400)), false),
        (
            "3 terms AND",
            format!("{} {} {}", w(20), w(200), w(600)),
            false,
        ),
        ("2 terms OR", format!("{} OR {}", w(100), w(500)), false),
        (
            "3 terms OR",
            format!("{} OR {} OR {}", w(100), w(500), w(1500)),
            false,
        ),
        (
            "phrase, mid-frequency",
            format!("\"{} {}\"", w(150), w(300)),
            false,
        ),
        (
            "phrase, frequent words",
            format!("\"{} {}\"", w(5), w(30)),
            false,
        ),
        ("stopword phrase", format!("\"{} {}\"", w(0), w(1)), false),
    ]
}

/// The first `n` letters of `word`.
fn letters(word: &str, n: usize) -> String {
    word.chars().take(n).collect()
}

/// The queries of the operators Lucene's comparison leaves out, by kind, with whether they
/// are typed (the last word read as a prefix too, as the workbench asks while typing): the
/// word being typed at 2 and 3 letters, alone and after a word; written prefixes; fuzzy
/// words; name variants (names of the sample reports, which the generator draws from).
pub fn operator_queries(vocabulary: &Vocabulary) -> Vec<(&'static str, String, bool)> {
    let w = |rank: usize| vocabulary.words.get(rank).map_or("الهجوم", String::as_str);
    let arabic = |word: &&String| word.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c));
    let five = vocabulary
        .words
        .iter()
        .skip(300)
        .filter(arabic)
        .find(|word| word.chars().count() == 5)
        .map_or("الهجوم", String::as_str);
    vec![
        ("typing, 2 letters", letters(w(300), 2), true),
        ("typing, 3 letters", letters(w(300), 3), true),
        ("typing, 2 letters b", letters(w(1000), 2), true),
        ("typing, 3 letters b", letters(w(1000), 3), true),
        ("typing, 2 letters c", letters(w(60), 2), true),
        ("typing, 3 letters c", letters(w(60), 3), true),
        (
            "typing, word + 2",
            format!("{} {}", w(40), letters(w(400), 2)),
            true,
        ),
        (
            "typing, word + 3",
            format!("{} {}", w(40), letters(w(400), 3)),
            true,
        ),
        (
            "prefix*, 2 letters",
            format!("{}*", letters(w(300), 2)),
            false,
        ),
        (
            "prefix*, 3 letters",
            format!("{}*", letters(w(300), 3)),
            false,
        ),
        ("fuzzy ~1, 5 letters", format!("{five}~1"), false),
        ("fuzzy ~2, 5 letters", format!("{five}~2"), false),
        ("name variant", "name:فلاديمير".to_owned(), false),
        ("name variant b", "name:بوتين".to_owned(), false),
    ]
}

/// Times the operator queries that are not typed as [`measure`] times the others.
pub fn measure_operators(
    index: &SearchIndex,
    vocabulary: &Vocabulary,
    runs: usize,
    only: Option<&str>,
) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (kind, query, typing) in operator_queries(vocabulary) {
        if typing || only.is_some_and(|only| !kind.contains(only)) {
            continue;
        }
        let counted = SearchRequest::new(&query, 10);
        rows.push(measure_one(index, kind, &query, counted, runs)?);
    }
    Ok(rows)
}

/// One query measured as the workbench asks while it is typed.
pub struct TypingRow {
    pub kind: &'static str,
    pub query: String,
    pub matches: usize,
    /// The best 10, without the count: the workbench's search, drawn at once.
    pub results: (f64, f64),
    /// The count alone: the workbench's follow-up job.
    pub count: (f64, f64),
    /// The best 10 and the count as the workbench asked before, visiting every match
    /// (`SearchIndex::rank_as_before`), in this build.
    pub before: (f64, f64),
    /// The best 10 (documents and scores) are the same both ways.
    pub same: bool,
}

/// Times the typed operator queries (`operator_queries`): the results, the count, and both
/// as they were asked before, p50 and p99 of each.
pub fn measure_typing(
    index: &SearchIndex,
    vocabulary: &Vocabulary,
    runs: usize,
    only: Option<&str>,
) -> Result<Vec<TypingRow>> {
    let mut rows = Vec::new();
    for (kind, query, typing) in operator_queries(vocabulary) {
        if !typing || only.is_some_and(|only| !kind.contains(only)) {
            continue;
        }
        let counted = SearchRequest {
            typing: Some(query.as_str()),
            ..SearchRequest::new(&query, 10)
        };
        let uncounted = SearchRequest {
            count: false,
            ..counted
        };
        let before = index.rank_as_before(counted)?;
        let same = index.rank(uncounted)?.top == before.top;
        rows.push(TypingRow {
            kind,
            matches: before.total.unwrap_or(0),
            results: time_ms(runs, || {
                let _ = index.rank(uncounted);
            }),
            count: time_ms(runs, || {
                let _ = index.count(counted, &|| false);
            }),
            before: time_ms(runs, || {
                let _ = index.rank_as_before(counted);
            }),
            same,
            query,
        });
    }
    Ok(rows)
}

/// Times one request, counted and not.
fn measure_one(
    index: &SearchIndex,
    kind: &'static str,
    query: &str,
    counted: SearchRequest<'_>,
    runs: usize,
) -> Result<Row> {
    let uncounted = SearchRequest {
        count: false,
        ..counted
    };
    let matches = index.rank(counted)?.total.unwrap_or(0);
    let (p50_ms, p99_ms) = time_ms(runs, || {
        let _ = index.rank(counted);
    });
    let (p50_uncounted_ms, p99_uncounted_ms) = time_ms(runs, || {
        let _ = index.rank(uncounted);
    });
    Ok(Row {
        kind,
        query: query.to_owned(),
        matches,
        p50_ms,
        p99_ms,
        p50_uncounted_ms,
        p99_uncounted_ms,
        slow: index.is_slow_phrase(query, counted.exact)?,
    })
}

pub fn measure(
    index: &SearchIndex,
    vocabulary: &Vocabulary,
    runs: usize,
    only: Option<&str>,
) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (kind, query, exact) in queries(vocabulary) {
        if only.is_some_and(|only| !kind.contains(only)) {
            continue;
        }
        let counted = SearchRequest {
            exact,
            ..SearchRequest::new(&query, 10)
        };
        let uncounted = SearchRequest {
            count: false,
            ..counted
        };
        let matches = index.rank(counted)?.total.unwrap_or(0);
        let (p50_ms, p99_ms) = time_ms(runs, || {
            let _ = index.rank(counted);
        });
        let (p50_uncounted_ms, p99_uncounted_ms) = time_ms(runs, || {
            let _ = index.rank(uncounted);
        });
        let slow = index.is_slow_phrase(&query, exact)?;
        rows.push(Row {
            kind,
            query,
            matches,
            p50_ms,
            p99_ms,
            p50_uncounted_ms,
            p99_uncounted_ms,
            slow,
        });
    }
    Ok(rows)
}

/// Fetching 20 hits and making their snippets, beyond ranking them.
pub fn snippets(index: &SearchIndex, vocabulary: &Vocabulary, runs: usize) -> Result<(f64, f64)> {
    let word = vocabulary.words.get(300).map_or("الهجوم", String::as_str);
    let request = SearchRequest {
        count: false,
        ..SearchRequest::new(word, 20)
    };
    index.search(request)?;
    Ok(time_ms(runs, || {
        let _ = index.search(request);
    }))
}
