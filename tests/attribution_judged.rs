//! Attribution against a judged set: 67 Arabic and English sentences written for this test
//! (`tests/data/attribution.jsonl`), each with the reporting phrases it holds and whom
//! each attributes to, as a reader judges them (sentences with none among them). An
//! attribution found is right when its phrase and its target are the judged ones. Prints
//! precision and recall, and the misses; fails below 0.85 either.

use std::collections::BTreeSet;

#[derive(serde::Deserialize)]
struct Judged {
    text: String,
    expect: Vec<(String, String)>,
}

/// Precision and recall on the judged set in `tests/data/NAME`, printed with the misses.
fn score(name: &str) -> (f64, f64, usize, Vec<String>) {
    let data = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .expect("the judged set");
    let judged: Vec<Judged> = data
        .lines()
        .map(|line| serde_json::from_str(line).expect("a judged line"))
        .collect();
    let arabic = judged
        .iter()
        .filter(|j| {
            j.text
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        })
        .count();
    let (mut found, mut expected, mut right) = (0, 0, 0);
    let mut misses = Vec::new();
    for j in &judged {
        let got: BTreeSet<(String, String)> = isnad::attribution::attributions(&j.text)
            .into_iter()
            .map(|a| (a.phrase, a.target))
            .collect();
        let want: BTreeSet<(String, String)> = j.expect.iter().cloned().collect();
        found += got.len();
        expected += want.len();
        right += got.intersection(&want).count();
        if got != want {
            misses.push(format!(
                "{}\n    found {got:?}\n    judged {want:?}",
                j.text
            ));
        }
    }
    let precision = right as f64 / found.max(1) as f64;
    let recall = right as f64 / expected.max(1) as f64;
    println!(
        "{name}: {} sentences ({arabic} Arabic): precision {precision:.3} ({right} of {found} \
         found), recall {recall:.3} ({right} of {expected} judged)",
        judged.len()
    );
    for miss in &misses {
        println!("{miss}");
    }
    (precision, recall, judged.len(), misses)
}

/// The set the rules were written against (and corrected on: `Doctors at the hospital`
/// was first judged `Doctors`, against `Officials in Moscow`).
#[test]
fn attribution_precision_and_recall_on_the_judged_set() {
    let (precision, recall, sentences, misses) = score("attribution.jsonl");
    assert!(sentences >= 60, "at least 60 sentences");
    assert!(precision >= 0.9 && recall >= 0.9, "{}", misses.join("\n"));
}

/// Twenty sentences written after the rules, never tuned on: what to expect of new text.
/// (The first twenty led to one fix, for `للـ`, after they were scored: the second twenty
/// were written after every rule, the conjunction and initials rules included.)
#[test]
fn attribution_on_sentences_the_rules_never_saw() {
    for set in ["attribution_heldout.jsonl", "attribution_heldout2.jsonl"] {
        let (precision, recall, _, misses) = score(set);
        assert!(
            precision >= 0.7 && recall >= 0.7,
            "{set}: {}",
            misses.join("\n")
        );
    }
}
