//! SIGKILL at random moments while the real `isnad` binary tags, links, imports and indexes.
//! After every kill the store opens, every action the command acknowledged (it exited 0
//! and said what it did) is there whole, and search answers. `ISNAD_KILL_ROUNDS` sets the
//! rounds per activity (the reliability run, `tests/reliability`, uses 200); each round
//! prints a `TABLE|…` line for the table in `tests/README.md`.
//!
//! A kill lands anywhere in a run: the delay is drawn uniformly up to 1.3 times a typical
//! run (the median of the runs that finished; the first run is never killed), so
//! about a quarter of the commands finish first (and are acknowledged) and the rest die at
//! every stage, commits and index writes included.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::case::Case;
use serde_json::Value;

fn kill_rounds() -> usize {
    std::env::var("ISNAD_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8)
}

/// Runs `isnad ARGS` in `case` and kills it after a random delay.
struct Killer {
    /// How long the runs that finished took.
    took: Vec<Duration>,
    kills: usize,
    finished: usize,
}

impl Killer {
    fn new() -> Killer {
        Killer {
            took: Vec::new(),
            kills: 0,
            finished: 0,
        }
    }

    /// Whether it succeeded and what it printed, when it finished before the kill.
    fn run(&mut self, case: &Case, args: &[&str]) -> Option<(bool, String)> {
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(args)
            .env("ISNAD_DATA_DIR", &case.data)
            .env_remove("ISNAD_WORKSPACE")
            .env("NO_COLOR", "1")
            .current_dir(&case.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn isnad");
        let delay = if self.took.is_empty() {
            Duration::MAX
        } else {
            let mut took = self.took.clone();
            took.sort();
            let limit = took[took.len() / 2].mul_f64(1.3).as_micros();
            Duration::from_micros(fastrand::u64(0..=u64::try_from(limit).unwrap_or(u64::MAX)))
        };
        while start.elapsed() < delay {
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        let exited = child.try_wait().expect("wait");
        if exited.is_none() {
            child.kill().expect("SIGKILL");
        }
        let output = child.wait_with_output().expect("reap");
        if let Some(status) = exited {
            self.finished += 1;
            self.took.push(start.elapsed());
            Some((
                status.success(),
                String::from_utf8_lossy(&output.stdout).into_owned(),
            ))
        } else {
            self.kills += 1;
            None
        }
    }

    fn report(&self, what: &str, checked: &str) {
        println!(
            "TABLE|SIGKILL during {what}|{} runs: {} killed, {} finished|{checked}",
            self.kills + self.finished,
            self.kills,
            self.finished
        );
    }
}

/// A case with both sample reports indexed.
fn case() -> Case {
    let case = Case::new("kills");
    case.ok(&["index"]);
    case
}

/// The store opens (the command line reads it) after a kill: `entity list --json`.
fn entities(case: &Case, round: usize) -> Vec<Value> {
    let output = case.run(&["entity", "list", "--json"]);
    assert!(
        output.status.success(),
        "round {round}: the store does not open: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice::<Value>(&output.stdout)
        .expect("JSON")
        .as_array()
        .expect("array")
        .clone()
}

/// Distinct words of the sample reports, to tag one per round.
fn sample_words(case: &Case) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for doc in [common::SAMPLE_A, common::SAMPLE_B] {
        for word in case.text(doc).split_whitespace() {
            let word: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            if word.chars().count() >= 5 && !words.contains(&word) {
                words.push(word);
            }
        }
    }
    words
}

#[test]
fn tagging_killed_at_any_moment_loses_nothing_acknowledged() {
    let case = case();
    let words = sample_words(&case);
    let mut killer = Killer::new();
    // Name → mentions the command said it tagged.
    let mut acknowledged: Vec<(String, usize)> = Vec::new();
    for round in 0..kill_rounds() {
        let name = words
            .get(round)
            .cloned()
            .unwrap_or_else(|| format!("اسم{round}"));
        let run = killer.run(&case, &["entity", "add", &name, "--type", "PER", "--all"]);
        if let Some((true, said)) = run {
            let count = said
                .split(": ")
                .nth(1)
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            acknowledged.push((name, count));
        }
        let stored = entities(&case, round);
        for (name, count) in &acknowledged {
            let entity = stored
                .iter()
                .find(|e| e["name"] == name.as_str())
                .unwrap_or_else(|| panic!("round {round}: acknowledged {name} is gone"));
            let mentions = entity["mentions"].as_array().expect("mentions").len();
            assert_eq!(mentions, *count, "round {round}: {name} is not whole");
        }
    }
    // Every later command re-reads the documents whose tagged names changed: search
    // answers after all of it.
    assert!(case.ok(&["search", "داعش"]).contains("documents"));
    killer.report(
        "tagging (`entity add NAME --all`)",
        &format!(
            "store opened after every kill; {} acknowledged entities all present with all their mentions",
            acknowledged.len()
        ),
    );
}

#[test]
fn linking_killed_at_any_moment_loses_nothing_acknowledged() {
    let case = case();
    case.ok(&["claim", "add", "the claim"]);
    let text = case.text(common::SAMPLE_A);
    let length = text.chars().count();
    let mut killer = Killer::new();
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..kill_rounds() {
        // A distinct passage each round (linking one again changes its stance).
        let start = (round * 7) % (length - 10);
        let (start, end) = (start.to_string(), (start + 5).to_string());
        let note = format!("round {round}");
        let run = killer.run(
            &case,
            &[
                "claim",
                "link",
                "1",
                "--doc",
                common::SAMPLE_A,
                "--start",
                &start,
                "--end",
                &end,
                "--stance",
                "supports",
                "--note",
                &note,
            ],
        );
        if let Some((true, said)) = run {
            assert!(said.starts_with("claim 1 ←"), "{said}");
            acknowledged.push(note);
        }
        entities(&case, round);
        let claims = case.claims();
        let evidence = claims[0]["evidence"].as_array().expect("evidence");
        for note in &acknowledged {
            assert!(
                evidence.iter().any(|e| e["note"] == note.as_str()),
                "round {round}: acknowledged link {note} is gone"
            );
        }
    }
    killer.report(
        "linking evidence (`claim link`)",
        &format!(
            "store opened after every kill; {} acknowledged links all present",
            acknowledged.len()
        ),
    );
}

#[test]
fn importing_killed_at_any_moment_loses_nothing_acknowledged() {
    let case = case();
    // One export to vary: an entity with its mentions, a claim with two pieces of evidence.
    case.ok(&["entity", "add", "بوتين", "--type", "PER", "--all"]);
    case.ok(&["claim", "add", "seed"]);
    for quote in ["144", "143"] {
        let doc = if quote == "144" {
            common::SAMPLE_A
        } else {
            common::SAMPLE_B
        };
        case.link("1", doc, quote, "supports", &["--occurrence", "1"])
            .expect("link");
    }
    let export = case.export();
    let mut killer = Killer::new();
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..kill_rounds() {
        let mut bundle = export.clone();
        let text = format!("imported claim {round}");
        bundle["claims"][0]["text"] = Value::from(text.clone());
        bundle["entities"][0]["name"] = Value::from(format!("بوتين{round}"));
        let file = case.root.join(format!("import-{round}.json"));
        std::fs::write(&file, bundle.to_string()).expect("write");
        let run = killer.run(&case, &["import", &file.display().to_string()]);
        if let Some((true, said)) = run {
            assert!(said.starts_with("imported"), "{said}");
            acknowledged.push(text);
        }
        entities(&case, round);
        let claims = case.claims();
        for claim in &claims {
            // An import is one step: a claim that came in came with all its evidence.
            if claim["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("imported"))
            {
                assert_eq!(
                    claim["evidence"].as_array().expect("evidence").len(),
                    2,
                    "round {round}: a claim came in without its evidence"
                );
            }
        }
        for text in &acknowledged {
            assert!(
                claims.iter().any(|c| c["text"] == text.as_str()),
                "round {round}: acknowledged import of {text} is gone"
            );
        }
    }
    killer.report(
        "import (`isnad import`)",
        &format!(
            "store opened after every kill; {} acknowledged imports all present, each whole (claim with both pieces of evidence)",
            acknowledged.len()
        ),
    );
}

/// A report of about 40 KB with a word of its own and a word all of them share.
fn write_report(corpus: &Path, round: usize) {
    let line = "قال شهود عيان إن الانفجار وقع قرب السوق المركزي مشتركة ";
    let body = line.repeat(400);
    std::fs::write(
        corpus.join(format!("late-{round}.txt")),
        format!("تقرير متأخر zq{round}x\n{body}\n"),
    )
    .expect("write");
}

/// `isnad search QUERY`: how many documents match, and what stderr said.
fn count(case: &Case, query: &str, round: usize) -> (usize, String) {
    let output = case.run(&["search", "--limit", "1", query]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "round {round}: search fails after a kill: {stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    let number = first
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (number, stderr)
}

#[test]
fn indexing_killed_at_any_moment_leaves_an_index_that_answers() {
    let case = case();
    let corpus = case.root.join("corpus");
    let mut killer = Killer::new();
    let (mut acknowledged, mut rebuilt, mut finished_later) = (0, 0, 0);
    for round in 0..kill_rounds() {
        // Two new reports and one changed each round.
        write_report(&corpus, 2 * round);
        write_report(&corpus, 2 * round + 1);
        if round > 0 {
            write_report(&corpus, round - 1);
        }
        let run = killer.run(&case, &["index"]);
        let ok = matches!(run, Some((true, _)));
        // The next command finds the index whole or rebuilds it; either way it answers,
        // and an acknowledged update is searchable at once.
        let (found, said) = count(&case, &format!("zq{}x", 2 * round + 1), round);
        if ok {
            acknowledged += 1;
            assert_eq!(
                found, 1,
                "round {round}: an acknowledged update is not searchable"
            );
        }
        rebuilt += usize::from(said.contains("Building the index"));
        finished_later += usize::from(said.contains("interrupted"));
    }
    case.ok(&["index"]);
    let (all, _) = count(&case, "مشتركة", usize::MAX);
    assert_eq!(
        all,
        2 * kill_rounds(),
        "every report, once, after `isnad index`"
    );
    killer.report(
        "indexing (`isnad index`, 2 new and 1 changed 40 KB reports per run)",
        &format!(
            "search answered after every kill ({finished_later} interrupted updates checked and finished, {rebuilt} rebuilds); {acknowledged} acknowledged updates searchable at once; after `isnad index` every report found once"
        ),
    );
}
