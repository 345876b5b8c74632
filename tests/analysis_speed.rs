//! How fast the analyzer normalises and stems words: a micro-measure, not a test of
//! behaviour, so it is ignored unless asked for:
//!
//! ```text
//! ISNAD_SPEED_CORPUS=/work/bench/corpora/10000/jsonl/corpus/gen \
//!     cargo test --release --test analysis_speed -- --ignored --nocapture
//! ```
//!
//! It reads every word of the JSON Lines files in that folder (titles and bodies), adds a
//! share of Latin words with diacritics, Hebrew and Urdu words, and times normalising and
//! stemming each list, best of seven runs, in wall time and in the CPU time of the thread.

use std::time::{Duration, Instant};

use isnad::text::arabic::{Stemmer, normalize_into};
use isnad::text::words::word_ranges;

fn corpus_words() -> Vec<String> {
    corpus_words_within(usize::MAX)
}

/// The words of the corpus's first `limit` bytes of JSON Lines (whole lines, files in order).
fn corpus_words_within(limit: usize) -> Vec<String> {
    let mut read = 0usize;
    let dir = std::env::var("ISNAD_SPEED_CORPUS")
        .unwrap_or_else(|_| "/work/bench/corpora/10000/jsonl/corpus/gen".to_owned());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
        .collect();
    paths.sort();
    let mut words = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("read");
        for line in text.lines() {
            read += line.len() + 1;
            if read > limit {
                return words;
            }
            let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            for field in ["title", "body"] {
                if let Some(text) = record.get(field).and_then(|v| v.as_str()) {
                    words.extend(
                        word_ranges(text)
                            .filter_map(|r| text.get(r))
                            .map(str::to_owned),
                    );
                }
            }
        }
    }
    words
}

/// Words of the other scripts, repeated to a given share of the list.
const OTHER: &[&str] = &[
    "Gülen",
    "Erdoğan",
    "São",
    "Zürich",
    "façade",
    "Đoković",
    "Łódź",
    "Straße",
    "officials",
    "countries",
    "forces",
    "witnesses",
    "Reuters",
    "והממשלה",
    "בירושלים",
    "לישראל",
    "שהצבא",
    "החיילים",
    "کتابوں",
    "عورتیں",
    "لڑکیاں",
    "پاکستان",
    "میں",
    "ہیں",
];

/// The time this thread has run on a CPU (Linux's schedstat), so that other processes
/// on a shared machine count less; wall time where it cannot be read.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn measure(label: &str, words: &[String], stemmer: &Stemmer) {
    let mut normalized = String::new();
    let (mut best_wall, mut best_cpu) = (Duration::MAX, Duration::MAX);
    let mut bytes = 0usize;
    for _ in 0..7 {
        bytes = 0;
        let (wall, cpu) = (Instant::now(), cpu_time());
        for word in words {
            normalize_into(word, &mut normalized);
            bytes += stemmer.stem_str(&normalized).len();
        }
        best_wall = best_wall.min(wall.elapsed());
        if let (Some(start), Some(end)) = (cpu, cpu_time()) {
            best_cpu = best_cpu.min(end.saturating_sub(start));
        }
    }
    let per_word = |d: Duration| d.as_nanos() as f64 / words.len() as f64;
    println!(
        "{label}: {} words, best of 7: wall {:.1} ns/word, cpu {:.1} ns/word ({bytes} stem bytes)",
        words.len(),
        per_word(best_wall),
        per_word(best_cpu),
    );
}

#[test]
#[ignore = "a measure of speed: run with --release --ignored --nocapture"]
fn normalising_and_stemming_speed() {
    let stemmer = Stemmer::with_defaults();
    let corpus = corpus_words();
    assert!(!corpus.is_empty());
    measure("corpus", &corpus, &stemmer);
    let ascii: Vec<String> = corpus.iter().filter(|w| w.is_ascii()).cloned().collect();
    measure("corpus, ASCII words", &ascii, &stemmer);
    let arabic: Vec<String> = corpus.iter().filter(|w| !w.is_ascii()).cloned().collect();
    measure("corpus, other words", &arabic, &stemmer);
    // One word in twenty from the other scripts.
    let mut mixed = corpus.clone();
    let extra = corpus.len() / 20;
    mixed.extend(OTHER.iter().cycle().take(extra).map(|w| (*w).to_owned()));
    measure("corpus + 5% other scripts", &mixed, &stemmer);
}

/// Each word of the corpus's first 8 MB (`ISNAD_SPEED_BYTES`) normalised and stemmed once, for
/// counting the stemmer's instructions under callgrind (docs/arabic-search.md, "Speed"):
///
/// ```text
/// cargo test --release --test analysis_speed --no-run
/// valgrind --tool=callgrind --toggle-collect='*Stemmer*stem_str*' \
///     target/release/deps/analysis_speed-HASH --ignored --exact stemming_once_for_callgrind
/// ```
#[test]
#[ignore = "a measure of cost: run under callgrind"]
fn stemming_once_for_callgrind() {
    let limit = std::env::var("ISNAD_SPEED_BYTES")
        .ok()
        .and_then(|bytes| bytes.parse().ok())
        .unwrap_or(8 << 20);
    let stemmer = Stemmer::with_defaults();
    let words = corpus_words_within(limit);
    let mut normalized = String::new();
    let mut bytes = 0usize;
    for word in &words {
        normalize_into(word, &mut normalized);
        bytes += stemmer.stem_str(&normalized).len();
    }
    println!("{} words, {bytes} stem bytes", words.len());
}
