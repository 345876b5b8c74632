//! The ranking of a query being typed (`index::typed`) finds the best matches without
//! visiting every one: it must give the order that visiting every match gives
//! (`SearchIndex::rank_as_before`), scores and ties included, on an index of several
//! segments, one of them with deleted documents.

use std::sync::OnceLock;

use isnad::index::{Ranking, SearchIndex, SearchRequest};
use isnad::workspace::Workspace;

/// Words the documents are made of: words sharing their first letters (`كت…`, `سي…`, `بو…`,
/// `tr…`), a two-letter word that is also the start of others (`بو`), and common words.
const WORDS: &[&str] = &[
    "كتاب",
    "كتابة",
    "كتيب",
    "كتلة",
    "كتمان",
    "سيتي",
    "سيارة",
    "سياسة",
    "سيول",
    "بو",
    "بوابة",
    "بوصلة",
    "بولندا",
    "trump",
    "trumpism",
    "truck",
    "trial",
    "حكومة",
    "وزير",
    "مدينة",
    "تقرير",
    "مجلس",
    // Rare (the draw favours the first words): a prefix in few documents.
    "قمر",
    "قمح",
];

/// Documents per file; each file is indexed by an update of its own (a segment).
const PER_FILE: usize = 160;
const FILES: usize = 4;

struct Fixture {
    _dir: tempfile::TempDir,
    index: SearchIndex,
    ids: Vec<String>,
}

/// A deterministic document: its words drawn by a linear congruential generator, every
/// seventh document the same as the one seven before (ties: equal texts score the same).
fn body(n: usize) -> String {
    let n = if n % 7 == 6 { n - 6 } else { n };
    let mut state = (n as u64).wrapping_mul(6_364_136_223_846_793_005) ^ 0x9E37_79B9;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0)
    };
    let length = 3 + next() % 10;
    (0..length)
        .map(|_| {
            // Skewed: the first words are the most frequent.
            let pick = next() % WORDS.len();
            WORDS[pick.min(next() % WORDS.len())]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn file(at: usize, changed: bool) -> String {
    (0..PER_FILE)
        .map(|i| {
            let n = at * PER_FILE + i;
            let text = if changed && i % 3 == 0 {
                format!("{} تقرير", body(n + 1000))
            } else {
                body(n)
            };
            serde_json::json!({"id": format!("d{n}"), "title": "تقرير", "body": text}).to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let workspace = Workspace::init(dir.path()).expect("init");
        let mut index = workspace.open_index().expect("index");
        let corpus = dir.path().join("corpus");
        for at in 0..FILES {
            std::fs::write(corpus.join(format!("f{at}.jsonl")), file(at, false)).expect("write");
            index
                .update(&workspace.corpus_roots(), &mut |_| {})
                .expect("update");
        }
        // Documents changed in one file: deleted from its segment, added in a new one.
        std::fs::write(corpus.join("f1.jsonl"), file(1, true)).expect("write");
        index
            .update(&workspace.corpus_roots(), &mut |_| {})
            .expect("update");
        let ids = index.doc_ids().expect("ids");
        assert_eq!(ids.len(), FILES * PER_FILE);
        Fixture {
            _dir: dir,
            index,
            ids,
        }
    })
}

/// Both rankings of `request`, typed.
fn both(request: SearchRequest<'_>) -> (Ranking, Ranking) {
    let index = &fixture().index;
    let request = SearchRequest {
        typing: Some(request.query),
        ..request
    };
    let new = index.rank(request).expect("rank");
    let old = index.rank_as_before(request).expect("rank as before");
    (new, old)
}

const QUERIES: &[&str] = &[
    // The whole word in many documents, the prefix in more.
    "بو",
    "كت",
    "سي",
    "tr",
    "tru",
    "trump",
    // Only the prefix (no such whole word).
    "كتا",
    "سيا",
    // No match at all.
    "زز",
    // Beside other words: required, excluded.
    "سيتي كت",
    "سيتي كتا",
    "حكومة بو",
    "مجلس tr",
    "-حكومة كت",
    "مدينة -سيتي بو",
    "-مجلس -وزير سيا",
    // A prefix in few documents, alone and beside a word.
    "قم",
    "سيتي قم",
    "حكومة قم",
    // One of optional words (OR), beside optional and excluded words.
    "حكومة OR بو",
    "حكومة OR كتا",
    "مجلس OR tr",
    "قمر OR كت",
    "سيتي OR قم",
    "حكومة OR مدينة OR سي",
    "-وزير حكومة OR سيتي OR كتا",
];

/// The queries of [`QUERIES`] that rank typed: every one, the last word being typed.
#[test]
fn every_query_compared_is_ranked_typed() {
    let index = &fixture().index;
    for query in QUERIES {
        let request = SearchRequest {
            typing: Some(query),
            ..SearchRequest::new(query, 10)
        };
        assert!(index.ranks_typed(request).expect("parse"), "{query}");
    }
}

#[test]
fn the_typed_ranking_is_the_ranking_that_visits_every_match() {
    let mut segments = std::collections::BTreeSet::new();
    let mut tiers = 0;
    let mut prefix_only = 0;
    for query in QUERIES {
        for limit in [1, 7, 50, 250, 1000] {
            let (new, old) = both(SearchRequest::new(query, limit));
            assert_eq!(new.top, old.top, "{query} (limit {limit})");
            assert_eq!(new.total, old.total, "{query} (limit {limit})");
            segments.extend(old.top.iter().map(|(_, address)| address.segment_ord));
            tiers += old.top.iter().filter(|(score, _)| *score >= 1000.0).count();
            prefix_only += old.top.iter().filter(|(score, _)| *score < 1000.0).count();
        }
    }
    // What was compared: matches from several segments, above and under the tier.
    assert!(segments.len() > 1, "{segments:?}");
    assert!(tiers > 500 && prefix_only > 500, "{tiers} {prefix_only}");
}

#[test]
fn ties_are_in_index_order_as_before() {
    // Alone, every document with only a word of the prefix scores the same: the window is
    // filled with the first of them.
    let (new, old) = both(SearchRequest::new("كتا", 300));
    let scores: std::collections::BTreeSet<u32> =
        old.top.iter().map(|(score, _)| score.to_bits()).collect();
    assert!(
        old.top.len() > 200 && scores.len() < 10,
        "{} matches, {} scores",
        old.top.len(),
        scores.len()
    );
    assert_eq!(new.top, old.top);
    for pair in new.top.windows(2) {
        if let [(a, first), (b, second)] = pair
            && a.to_bits() == b.to_bits()
        {
            assert!(first < second, "{first:?} before {second:?}");
        }
    }
}

#[test]
fn restricted_searches_rank_as_before() {
    let ids = &fixture().ids;
    let only: Vec<String> = ids.iter().step_by(3).cloned().collect();
    let except: Vec<String> = ids.iter().step_by(5).cloned().collect();
    for query in QUERIES {
        for limit in [1, 50, 300] {
            let request = SearchRequest::new(query, limit);
            let (new, old) = both(SearchRequest {
                docs: Some(&only),
                ..request
            });
            assert_eq!(new.top, old.top, "{query} only (limit {limit})");
            let (new, old) = both(SearchRequest {
                except: &except,
                ..request
            });
            assert_eq!(new.top, old.top, "{query} except (limit {limit})");
            let (new, old) = both(SearchRequest {
                docs: Some(&only),
                except: &except,
                ..request
            });
            assert_eq!(new.top, old.top, "{query} only and except (limit {limit})");
        }
    }
}

#[test]
fn with_two_other_words_the_order_is_the_same_up_to_rounding() {
    // tantivy adds three required clauses' scores in the order of their costs; the typed
    // ranking adds the other two's sum to the typed word's: the last bit may differ.
    for query in ["حكومة وزير كت", "مجلس تقرير بو", "سيتي مدينة tr"]
    {
        for limit in [1, 50, 300] {
            let (new, old) = both(SearchRequest::new(query, limit));
            assert_eq!(new.top.len(), old.top.len(), "{query}");
            for (a, b) in new.top.iter().zip(&old.top) {
                assert!((a.0 - b.0).abs() < 1e-3, "{query}: {a:?} {b:?}");
                if a.1 != b.1 {
                    // Only documents whose scores differ by rounding trade places.
                    let other = old.top.iter().find(|(_, address)| *address == a.1);
                    assert!(
                        other.is_some_and(|(score, _)| (score - a.0).abs() < 1e-3),
                        "{query}: {a:?} {b:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_count_is_the_number_of_matches_unless_cancelled() {
    let index = &fixture().index;
    for query in QUERIES {
        let request = SearchRequest {
            typing: Some(query),
            ..SearchRequest::new(query, 10)
        };
        let total = index.rank_as_before(request).expect("rank").total;
        assert_eq!(
            index.count(request, &|| false).expect("count"),
            total,
            "{query}"
        );
        assert_eq!(
            index.count(request, &|| true).expect("count"),
            None,
            "{query}"
        );
    }
}
