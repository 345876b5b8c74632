//! `date:`, `outlet:` and `annotated:` in queries, and `isnad search --facets`: on a corpus
//! with a date before 1970, undated reports and two outlets, counted as a user narrowing a
//! corpus from the command line sees them.

mod common;

use common::case::Case;
use serde_json::{Value, json};

/// Five dated reports from three outlets, one undated, besides the two sample reports
/// (which have neither date nor outlet).
const WIRE: &str = r#"{"id": "r1", "title": "هجوم على القاعة", "body": "قالت رويترز إن الهجوم أوقع قتلى.", "source": "Reuters", "published": "2024-03-22", "lang": "ar"}
{"id": "r2", "title": "اتهامات", "body": "اتهامات بعد الهجوم على القاعة.", "source": "Reuters", "published": "2024-03-23", "lang": "ar"}
{"id": "b1", "title": "Attack: what we know", "body": "Gunmen attacked the hall.", "source": "BBC News", "published": "2024-03-23", "lang": "en"}
{"id": "b2", "title": "Claim of the attack", "body": "A group claimed the attack.", "source": "BBC News", "published": "2024-04-02", "lang": "en"}
{"id": "j1", "title": "ثورة تموز", "body": "قامت الثورة في بغداد.", "source": "الجزيرة", "published": "1958-07-14", "lang": "ar"}
{"id": "n1", "title": "بيان", "body": "بيان عن الهجوم بلا تاريخ.", "source": "Reuters", "lang": "ar"}
"#;

fn case() -> Case {
    let case = Case::new("case");
    std::fs::write(case.root.join("corpus").join("wire.jsonl"), WIRE).expect("write corpus");
    case.ok(&["index"]);
    case
}

fn lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

/// The ids a query finds, sorted.
fn found(case: &Case, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = lines(&case.ok(&["search", "--json", "--limit", "50", "--", query]))
        .iter()
        .map(|hit| hit["doc"].as_str().expect("doc").to_owned())
        .collect();
    ids.sort();
    ids
}

fn ids(names: &[&str]) -> Vec<String> {
    let mut ids: Vec<String> = names
        .iter()
        .map(|n| {
            if n.contains('.') {
                (*n).to_owned()
            } else {
                format!("wire.jsonl#{n}")
            }
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn dates_in_queries_are_days_months_years_comparisons_and_ranges() {
    let case = case();
    assert_eq!(found(&case, "date:2024-03-23"), ids(&["r2", "b1"]));
    assert_eq!(found(&case, "date:2024-03"), ids(&["r1", "r2", "b1"]));
    assert_eq!(found(&case, "date:2024"), ids(&["r1", "r2", "b1", "b2"]));
    assert_eq!(found(&case, "date:>=2024-03-23"), ids(&["r2", "b1", "b2"]));
    assert_eq!(found(&case, "date:>2024-03"), ids(&["b2"]));
    assert_eq!(found(&case, "date:<2024-03-23"), ids(&["r1", "j1"]));
    assert_eq!(found(&case, "date:<=2024-03-22"), ids(&["r1", "j1"]));
    assert_eq!(
        found(&case, "date:[2024-03-01 TO 2024-03-22]"),
        ids(&["r1"])
    );
    assert_eq!(
        found(&case, "date:{2024-03-22 TO 2024-04-02]"),
        ids(&["r2", "b1", "b2"])
    );
    // Before 1970, and open ranges.
    assert_eq!(found(&case, "date:1958-07-14"), ids(&["j1"]));
    assert_eq!(found(&case, "date:[* TO 1969]"), ids(&["j1"]));
    // The undated are said to be so: `-date:*` finds them, no date term ever does.
    let a = common::SAMPLE_A;
    let b = common::SAMPLE_B;
    assert_eq!(found(&case, "-date:*"), ids(&["n1", a, b]));
    // Combined with words, OR and outlets.
    assert_eq!(found(&case, "الهجوم date:2024-03"), ids(&["r1", "r2"]));
    assert_eq!(
        found(&case, "date:1958 OR date:2024-04"),
        ids(&["j1", "b2"])
    );
    assert_eq!(found(&case, "outlet:Reuters -date:*"), ids(&["n1"]));
}

#[test]
fn a_date_that_is_not_one_says_what_is_accepted() {
    let case = case();
    for wrong in [
        "date:yesterday",
        "date:2024-02-30",
        "date:[2024 2025]",
        "date:[2024-03-10 TO 2024-03-01]",
    ] {
        let error = case.fails(&["search", "--", wrong]);
        assert!(error.contains("date"), "{wrong}: {error}");
        assert!(
            error.contains("YYYY-MM-DD") || error.contains("TO") || error.contains("has 29 days"),
            "{wrong}: {error}"
        );
    }
}

#[test]
fn outlets_match_exactly_as_written_and_source_by_words() {
    let case = case();
    assert_eq!(found(&case, "outlet:\"BBC News\""), ids(&["b1", "b2"]));
    assert!(found(&case, "outlet:BBC").is_empty(), "not a word of it");
    assert_eq!(found(&case, "source:bbc"), ids(&["b1", "b2"]));
    assert_eq!(found(&case, "outlet:الجزيرة"), ids(&["j1"]));
    assert_eq!(
        found(&case, "outlet:*").len(),
        6,
        "every document with an outlet"
    );
}

#[test]
fn facets_count_the_matches_and_the_whole_corpus() {
    let case = case();
    let a = common::SAMPLE_A;
    case.ok(&["doc", "review", "wire.jsonl#r1", "wire.jsonl#b1"]);
    case.ok(&["doc", "tag", "wire.jsonl#r2", "wire"]);
    case.ok(&["doc", "tag", "wire.jsonl#r1", "Wire", "شاهد"]);
    case.ok(&["entity", "add", "روسيا", "--type", "LOC", "--all"]);
    // The whole corpus: no query.
    let all = lines(&case.ok(&["search", "--facets", "--json"]));
    assert_eq!(all.len(), 1, "only the facets");
    let facets = &all[0]["facets"];
    assert_eq!(facets["total"], 8);
    assert_eq!(
        facets["outlet"],
        json!([
            {"value": "Reuters", "count": 3},
            {"value": "BBC News", "count": 2},
            {"value": "الجزيرة", "count": 1},
            {"value": null, "count": 2},
        ])
    );
    assert_eq!(
        facets["language"],
        json!([{"value": "ar", "count": 6}, {"value": "en", "count": 2}])
    );
    assert_eq!(
        facets["month"],
        json!([
            {"value": "2024-04", "count": 1},
            {"value": "2024-03", "count": 3},
            {"value": "1958-07", "count": 1},
            {"value": null, "count": 3},
        ])
    );
    assert_eq!(facets["day"][0], json!({"value": "2024-04-02", "count": 1}));
    assert_eq!(
        facets["reviewed"],
        json!([{"value": "yes", "count": 2}, {"value": "no", "count": 6}])
    );
    assert_eq!(
        facets["tag"],
        json!([{"value": "Wire", "count": 2}, {"value": "شاهد", "count": 1}]),
        "a tag as first written (by document), compared ignoring case"
    );
    let annotated = facets["annotated"][0]["count"].as_u64().expect("count");
    assert!(annotated >= 1, "روسيا is in a sample report: {facets}");
    assert_eq!(
        found(&case, "annotated:yes").len() as u64,
        annotated,
        "annotated: finds what the facet counts"
    );
    assert!(found(&case, "annotated:yes").contains(&a.to_owned()));
    // Filter terms alone list what they allow (newest first), as the facets count it.
    assert_eq!(found(&case, "reviewed:no").len(), 6);
    assert_eq!(
        found(&case, "annotated:no").len() as u64,
        8 - annotated,
        "annotated:no is the rest"
    );
    let listed = case.ok(&["search", "--", "reviewed:yes"]);
    assert!(listed.starts_with("2 documents:"), "{listed}");
    let none = case.ok(&["search", "--", "tag:wire date:1958"]);
    assert_eq!(none.trim(), "No documents match tag:wire date:1958.");
    // A query's matches: results first, then the facets.
    let out = lines(&case.ok(&["search", "--facets", "--json", "--", "date:2024-03"]));
    assert_eq!(out.len(), 4, "three hits and the facets: {out:?}");
    let facets = &out[3]["facets"];
    assert_eq!(facets["total"], 3);
    assert_eq!(
        facets["reviewed"],
        json!([{"value": "yes", "count": 2}, {"value": "no", "count": 1}])
    );
    assert_eq!(facets["tag"][0], json!({"value": "Wire", "count": 2}));
    // For people: one line per facet, the absent said in words.
    let text = case.ok(&["search", "--facets"]);
    assert!(text.contains("Facets of 8 documents:"), "{text}");
    assert!(
        text.contains("  outlet: Reuters 3 · BBC News 2 · الجزيرة 1 · (no outlet) 2"),
        "{text}"
    );
    assert!(text.contains("(no date) 3"), "{text}");
    assert!(text.contains("  reviewed: yes 2 · no 6"), "{text}");
    // Without --facets a query is still required.
    let error = case.fails(&["search", ""]);
    assert!(error.contains("--facets"), "{error}");
}

#[test]
fn facets_before_anything_is_noted_need_no_store() {
    let case = case();
    let out = lines(&case.ok(&["search", "--facets", "--json", "--", "outlet:Reuters"]));
    let facets = &out.last().expect("facets")["facets"];
    assert_eq!(facets["total"], 3);
    assert_eq!(facets["reviewed"], json!([{"value": "no", "count": 3}]));
    assert_eq!(facets["tag"], json!([]));
}

#[test]
fn picked_facet_values_narrow_a_search_as_the_workbench_asks() {
    use isnad::facets::{Facet, NONE, Picks};
    let case = case();
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    let query = |steps: &[(Facet, &str, bool)], typed: &str| {
        let mut picks = Picks::default();
        for &(facet, value, exclude) in steps {
            if exclude {
                picks.toggle_exclude(facet, value);
            } else {
                picks.toggle_include(facet, value);
            }
        }
        picks.with_query(typed)
    };
    let outlets = query(
        &[
            (Facet::Outlet, "BBC News", false),
            (Facet::Outlet, "الجزيرة", false),
        ],
        "",
    );
    assert_eq!(found(&case, &outlets), ids(&["b1", "b2", "j1"]));
    let no_outlet = query(&[(Facet::Outlet, NONE, false)], "");
    assert_eq!(found(&case, &no_outlet), ids(&[a, b]));
    let not_reuters_in_march = query(
        &[
            (Facet::Outlet, "Reuters", true),
            (Facet::Month, "2024-03", false),
        ],
        "",
    );
    assert_eq!(found(&case, &not_reuters_in_march), ids(&["b1"]));
    let undated_words = query(&[(Facet::Month, NONE, false)], "الهجوم");
    assert_eq!(
        found(&case, &undated_words),
        ids(&["n1", a, b]),
        "not r1 or r2"
    );
    let dated_arabic = query(
        &[(Facet::Month, NONE, true), (Facet::Lang, "ar", false)],
        "",
    );
    assert_eq!(found(&case, &dated_arabic), ids(&["r1", "r2", "j1"]));
    let one_day = query(&[(Facet::Day, "2024-03-23", false)], "attack OR اتهامات");
    assert_eq!(found(&case, &one_day), ids(&["r2", "b1"]));
}
