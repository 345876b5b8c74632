//! `isnad doc list|review|tag|note`, and the `reviewed:` and `tag:` query fields, on a
//! corpus with dates before 1970, a missing date and one that cannot be read: what a user
//! going through reports from the command line does, and the errors that say what to do.

mod common;

use common::case::Case;
use serde_json::Value;

/// Four reports from two outlets, besides the two sample reports (which have no date).
const WIRE: &str = r#"{"id": "moon", "title": "Moon landing", "body": "Apollo 11 landed on the moon.", "source": "Reuters", "published": "1969-07-20"}
{"id": "raid", "title": "غارة على المدينة", "body": "قالت المصادر إن الغارة أصابت المدينة.", "source": "BBC Arabic", "published": "2024-03-22"}
{"id": "toll", "title": "حصيلة الضحايا", "body": "ارتفعت حصيلة الضحايا في المدينة.", "source": "reuters ", "published": "2024-03-23"}
{"id": "odd", "title": "Undated wire", "body": "A report whose date cannot be read.", "source": "Reuters", "published": "sometime in spring"}
"#;

fn case() -> Case {
    let case = Case::new("case");
    std::fs::write(case.root.join("corpus").join("wire.jsonl"), WIRE).expect("write corpus");
    case
}

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

fn docs(case: &Case, args: &[&str]) -> Vec<String> {
    let mut all = vec!["doc", "list", "--json"];
    all.extend(args);
    json_lines(&case.ok(&all))
        .iter()
        .map(|d| d["doc"].as_str().expect("doc").to_owned())
        .collect()
}

fn search(case: &Case, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = json_lines(&case.ok(&["search", query, "--json", "--limit", "50"]))
        .iter()
        .map(|d| d["doc"].as_str().expect("doc").to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn documents_are_listed_newest_first_with_undated_ones_last_and_said_so() {
    let case = case();
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    assert_eq!(
        docs(&case, &[]),
        [
            "wire.jsonl#toll",
            "wire.jsonl#raid",
            "wire.jsonl#moon",
            "wire.jsonl#odd",
            b,
            a
        ],
        "dated newest first (1969 too), then the undated by title"
    );
    let human = case.ok(&["doc", "list"]);
    assert!(
        human.starts_with("6 documents (0 of 6 reviewed), by date:"),
        "{human}"
    );
    assert!(
        human.contains("3 documents have no readable publication date, listed last."),
        "{human}"
    );
    assert!(
        human.contains("[ ] 1969-07-20 · Reuters · Moon landing"),
        "{human}"
    );
    assert!(
        human.contains("[ ] no date · Reuters · Undated wire"),
        "{human}"
    );
    let listed = json_lines(&case.ok(&["doc", "list", "--json"]));
    let moon = &listed[2];
    assert_eq!(moon["published"], "1969-07-20");
    assert_eq!(moon["source"], "Reuters");
    assert_eq!(moon["reviewed"], false);
    assert_eq!(moon["tags"], serde_json::json!([]));
    assert!(
        moon["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("wire.jsonl")),
        "{moon}"
    );
    assert_eq!(
        listed[3]["published"], "sometime in spring",
        "kept as given"
    );

    assert_eq!(
        docs(&case, &["--source", "REUTERS", "--sort", "title"]),
        ["wire.jsonl#moon", "wire.jsonl#odd", "wire.jsonl#toll"],
        "sources compared ignoring case and spaces"
    );
    assert_eq!(
        docs(&case, &["--until", "1969"]),
        ["wire.jsonl#moon"],
        "a year is its last day; dates before 1970 compare as dates"
    );
    assert_eq!(
        docs(&case, &["--since", "2024-03", "--until", "2024-03-22"]),
        ["wire.jsonl#raid"]
    );
    assert_eq!(
        docs(&case, &["--sort", "source"]),
        [
            "wire.jsonl#raid",
            "wire.jsonl#toll",
            "wire.jsonl#moon",
            "wire.jsonl#odd",
            b,
            a
        ],
        "by outlet, newest first within one, documents without an outlet last"
    );
}

#[test]
fn reviewing_tagging_and_noting_are_undoable_and_narrow_lists_and_searches() {
    let case = case();
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    let out = case.ok(&["doc", "review", "wire.jsonl#raid", a]);
    assert_eq!(
        out,
        format!("marked wire.jsonl#raid reviewed\nmarked {a} reviewed\n")
    );
    assert_eq!(
        case.ok(&["doc", "review", a]),
        format!("{a} was reviewed already\n")
    );
    assert_eq!(docs(&case, &["--reviewed"]), ["wire.jsonl#raid", a]);
    assert_eq!(
        docs(&case, &["--unreviewed"]),
        ["wire.jsonl#toll", "wire.jsonl#moon", "wire.jsonl#odd", b]
    );
    assert!(
        case.ok(&["doc", "list"])
            .starts_with("6 documents (2 of 6 reviewed), by date:")
    );

    let out = case.ok(&["doc", "tag", "wire.jsonl#toll", "Casualties", "شاهد عيان"]);
    assert!(
        out.contains("tagged wire.jsonl#toll: Casualties, شاهد عيان"),
        "{out}"
    );
    case.ok(&["doc", "tag", a, "casualties"]);
    let out = case.ok(&["doc", "tag", a, "CASUALTIES"]);
    assert!(out.contains("was tagged CASUALTIES already"), "{out}");
    assert_eq!(
        docs(&case, &["--tag", "casualties"]),
        ["wire.jsonl#toll", a]
    );
    case.ok(&[
        "doc",
        "note",
        "wire.jsonl#toll",
        "the toll differs from the BBC's",
    ]);

    let listed = json_lines(&case.ok(&["doc", "list", "--json"]));
    let toll = &listed[0];
    assert_eq!(toll["tags"], serde_json::json!(["Casualties", "شاهد عيان"]));
    assert_eq!(toll["note"], "the toll differs from the BBC's");

    // The query fields, alone and with words.
    let mut reviewed = vec![a.to_owned(), "wire.jsonl#raid".to_owned()];
    reviewed.sort();
    assert_eq!(search(&case, "reviewed:yes"), reviewed);
    assert_eq!(search(&case, "المدينة reviewed:yes"), ["wire.jsonl#raid"]);
    assert_eq!(search(&case, "المدينة reviewed:no"), ["wire.jsonl#toll"]);
    assert_eq!(
        search(&case, "المدينة -tag:casualties"),
        ["wire.jsonl#raid"]
    );
    let mut tagged = vec![a.to_owned(), "wire.jsonl#toll".to_owned()];
    tagged.sort();
    assert_eq!(search(&case, "tag:Casualties"), tagged);
    let error = case.fails(&["search", "tag:nosuch"]);
    assert!(
        error.contains("no document is tagged nosuch") && error.contains("isnad doc list"),
        "{error}"
    );
    let error = case.fails(&["search", "reviewed:maybe"]);
    assert!(error.contains("reviewed: takes yes or no"), "{error}");

    // Every change is a step of its own, undone in turn.
    assert_eq!(case.ok(&["undo"]), "undone: note on wire.jsonl#toll\n");
    assert_eq!(case.ok(&["undo"]), format!("undone: tag {a}: casualties\n"));
    case.ok(&[
        "doc",
        "tag",
        "--remove",
        "wire.jsonl#toll",
        "casualties",
        "absent",
    ]);
    assert_eq!(docs(&case, &["--tag", "شاهد عيان"]), ["wire.jsonl#toll"]);
    assert!(docs(&case, &["--tag", "casualties"]).is_empty());
    assert_eq!(
        case.ok(&["doc", "review", "--undo", a]),
        format!("marked {a} not reviewed\n")
    );
    assert_eq!(docs(&case, &["--reviewed"]), ["wire.jsonl#raid"]);
    // As the usage line writes it: `--undo` after the ids.
    case.ok(&["doc", "review", a]);
    assert_eq!(
        case.ok(&["doc", "review", a, "--undo"]),
        format!("marked {a} not reviewed\n")
    );
}

#[test]
fn wrong_documents_dates_and_tags_are_refused_with_what_to_do() {
    let case = case();
    let error = case.fails(&["doc", "review", "wire.jsonl#raid", "nosuch.txt"]);
    assert!(
        error.contains("no document \"nosuch.txt\"") && error.contains("isnad search"),
        "{error}"
    );
    assert!(
        docs(&case, &["--reviewed"]).is_empty(),
        "one unknown id marks nothing"
    );
    let error = case.fails(&["doc", "list", "--since", "22/03/2024"]);
    assert!(
        error.contains("--since") && error.contains("YYYY-MM-DD"),
        "{error}"
    );
    let error = case.fails(&["doc", "list", "--since", "2024-04-01", "--until", "2024-03"]);
    assert!(error.contains("is after --until 2024-03-31"), "{error}");
    let error = case.fails(&["doc", "tag", "wire.jsonl#raid", "  "]);
    assert!(error.contains("at least one tag"), "{error}");
    let error = case.fails(&["doc", "list", "--reviewed", "--unreviewed"]);
    assert!(error.contains("cannot be used with"), "{error}");
    // Nothing listed is said so, not printed as an empty page.
    let out = case.ok(&["doc", "list", "--source", "nobody"]);
    assert!(out.contains("No documents are listed"), "{out}");
}

#[test]
fn reports_say_what_was_reviewed_tagged_and_noted() {
    let case = case();
    case.ok(&["doc", "review", "wire.jsonl#raid", "wire.jsonl#toll"]);
    case.ok(&["doc", "tag", "wire.jsonl#toll", "Casualties", "شاهد عيان"]);
    case.ok(&["doc", "note", "wire.jsonl#moon", "archive <b>copy</b>"]);
    let claim = case
        .ok(&["claim", "add", "the toll rose"])
        .trim()
        .to_owned();
    case.link(
        &claim,
        "wire.jsonl#toll",
        "ارتفعت حصيلة الضحايا",
        "supports",
        &[],
    )
    .expect("link");
    let md = case.ok(&["export", "--format", "md"]);
    let cited = md
        .lines()
        .find(|l| l.starts_with("- ") && l.contains("wire.jsonl\\#toll"))
        .expect("the cited document");
    assert!(
        cited.ends_with("wire.jsonl\\#toll · reviewed · tags: Casualties, شاهد عيان"),
        "{cited}"
    );
    let others = md
        .split("## Other documents noted")
        .nth(1)
        .expect("a section for documents noted but not cited");
    assert!(
        others
            .contains("wire.jsonl\\#raid · BBC Arabic · 2024-03-22 · غارة على المدينة · reviewed"),
        "with its outlet, date and title: {others}"
    );
    assert!(others.contains("note: archive"), "{others}");
    assert!(
        !others.contains("toll"),
        "the cited one is not listed twice: {others}"
    );
    let html = case.ok(&["export", "--format", "html"]);
    assert!(html.contains("<h2>Other documents noted</h2>"), "{html}");
    assert!(
        html.contains("note: <bdi>archive &lt;b&gt;copy&lt;/b&gt;</bdi>"),
        "document text is escaped: {html}"
    );
    assert!(html.trim_end().ends_with("</html>"));
    // The JSON export carries every note, tags one per line, and imports back.
    let export = case.export();
    let notes = export["doc_notes"].as_array().expect("doc_notes");
    assert_eq!(notes.len(), 3, "{notes:?}");
}
