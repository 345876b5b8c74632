//! The mixed English/Arabic fixture through every export format, each checked with its own
//! ecosystem's rules: brat's parser and configuration rules (`common::brat`), IOB2 as seqeval
//! and NLTK read it (`formats/iob2.rs`), the W3C Web Annotation test suite's schemas and a
//! JSON-LD processor's rules (`formats/w3c.rs`), Google's and schema.org's rules for
//! `ClaimReview` (`formats/claimreview.rs`), HTML isolation under an HTML5 parser
//! (`formats/html.rs`), CommonMark (`formats/commonmark.rs`), a CSV reader, and isnad's own
//! import for JSON. The fixture: a document id with a space, a mention crossing a line break,
//! abbreviations, a nested mention, an Arabic entity type, a literal `#`, evidence containing
//! mentions and crossing a line.

#[path = "formats/claimreview.rs"]
mod claimreview_rules;
mod common;
#[path = "formats/commonmark.rs"]
mod commonmark;
#[path = "formats/csv.rs"]
mod csv_rules;
#[path = "formats/html.rs"]
mod html_rules;
#[path = "formats/iob2.rs"]
mod iob2;
#[path = "formats/w3c.rs"]
mod w3c_rules;

use std::fmt::Write as _;

use common::brat;
use common::case::Case;
use iob2::check_iob2;

/// The mixed fixture: an English and Arabic report whose id has a space, with a mention
/// crossing a line break (`Vladimir⏎Putin`), abbreviations (`U.S.`, `Dr.`), a decimal, a
/// mention nested in another (`U.S.` in `U.S. State Department`), an entity type named in
/// Arabic (`شخص`), a literal `#`, and a claim whose evidence contains mentions and crosses
/// a line.
const MIXED: &str = "mixed report.txt";
const MIXED_TEXT: &str = "U.S. warns روسيا\n\
The U.S. State Department warned Moscow on 7 March. Vladimir\n\
Putin dismissed it. Dr. Smith said losses rose 3.5 percent.\n\
قال الرئيس فلاديمير بوتين إن التحذيرات استفزازية. Tag #1 stays.\n";

fn mixed() -> Case {
    let case = Case::new("mixed");
    let config = case.root.join("isnad.toml");
    let mut toml = std::fs::read_to_string(&config).expect("isnad.toml");
    for (name, key) in [("PER", "p"), ("ORG", "o"), ("LOC", "l"), ("شخص", "s")] {
        let _ = write!(
            toml,
            "\n[[entity_types]]\nname = \"{name}\"\nkey = \"{key}\"\ncolour = \"red\"\n"
        );
    }
    std::fs::write(&config, toml).expect("write isnad.toml");
    std::fs::write(case.root.join("corpus").join(MIXED), MIXED_TEXT).expect("write");
    case.ok(&["index"]);
    let text = case.text(MIXED);
    // Code points of the `nth` (from 0) occurrence of `quote`.
    let at = |quote: &str, nth: usize| -> (String, String) {
        let byte = text
            .match_indices(quote)
            .nth(nth)
            .unwrap_or_else(|| panic!("{quote:?} #{nth}"))
            .0;
        let start = text.get(..byte).expect("a char boundary").chars().count();
        (
            start.to_string(),
            (start + quote.chars().count()).to_string(),
        )
    };
    let tag = |name: &str, kind: &str, quote: &str, nth: usize| {
        let (start, end) = at(quote, nth);
        case.ok(&[
            "entity", "add", name, "--type", kind, "--doc", MIXED, "--start", &start, "--end", &end,
        ]);
    };
    tag("U.S.", "LOC", "U.S.", 0);
    tag("U.S.", "LOC", "U.S.", 1);
    tag("U.S. State Department", "ORG", "U.S. State Department", 0);
    tag("روسيا", "LOC", "روسيا", 0);
    tag("Putin", "PER", "Vladimir\nPutin", 0);
    tag("Putin", "PER", "فلاديمير بوتين", 0);
    tag("Smith", "شخص", "Dr. Smith", 0);
    case.ok(&["claim", "add", "Moscow was warned", "--status", "disputed"]);
    for (quote, stance) in [
        (
            "The U.S. State Department warned Moscow on 7 March.",
            "supports",
        ),
        ("March. Vladimir\nPutin dismissed it.", "refutes"),
    ] {
        let (start, end) = at(quote, 0);
        case.ok(&[
            "claim",
            "link",
            "1",
            "--doc",
            MIXED,
            "--start",
            &start,
            "--end",
            &end,
            "--stance",
            stance,
            "--note",
            "wire\tcopy",
        ]);
    }
    case
}

/// The mixed fixture in brat, read with brat's own parsing and configuration rules
/// (`common::brat`): spans slice the text (fragments at line breaks), every type and
/// attribute configured, every overlap allowed, ids unique.
#[test]
fn brat_folder_passes_brats_parser_and_configuration_rules() {
    let case = mixed();
    let dir = case.root.join("brat");
    case.ok(&[
        "export",
        "--format",
        "brat",
        "-o",
        dir.to_str().expect("path"),
    ]);
    let folder = brat::read_folder(&dir);
    assert_eq!(folder.len(), 1, "one annotated document");
    let (stem, document) = folder.iter().next().expect("the document");
    assert!(stem.starts_with("mixed_report_txt-"), "{stem}");
    let bounds = &document.textbounds;
    let kinds: Vec<&str> = bounds.values().map(|t| t.kind.as_str()).collect();
    // 7 mentions and 2 pieces of evidence, the Arabic type stored as its code points.
    assert_eq!(kinds.len(), 9, "{bounds:#?}");
    assert!(kinds.contains(&"AR_0634_062E_0635"), "{kinds:?}");
    let visual = std::fs::read_to_string(dir.join("visual.conf")).expect("visual.conf");
    assert!(visual.contains("AR_0634_062E_0635 | شخص\n"), "{visual}");
    assert!(
        visual.contains("Stance\tglyph:[supports]|[refutes]|[mentions]\n"),
        "{visual}"
    );
    // A span across a line: fragments, each on its line.
    let putin = bounds
        .values()
        .find(|t| t.kind == "PER" && t.spans.len() == 2)
        .expect("Vladimir⏎Putin in two fragments");
    assert_eq!(putin.text, "Vladimir Putin");
    let evidence: Vec<&brat::Textbound> =
        bounds.values().filter(|t| t.kind == "Evidence").collect();
    assert_eq!(evidence.len(), 2);
    assert!(evidence.iter().any(|t| t.spans.len() == 2));
    // Evidence contains mentions and a mention is nested in another: the reader checked
    // the <OVERLAP> rule allows both. Stances and claims are attributes of evidence.
    let values = |kind: &str| -> Vec<&str> {
        document
            .attributes
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| a.value.as_str())
            .collect()
    };
    let mut stances = values("Stance");
    stances.sort_unstable();
    assert_eq!(stances, ["refutes", "supports"]);
    assert_eq!(values("Claim"), ["claim-1", "claim-1"]);
    // And the two spans of the claim are tied by a relation brat draws between them.
    let [tie] = document.relations.as_slice() else {
        panic!("one relation: {:?}", document.relations);
    };
    assert_eq!(tie.kind, "Same_claim");
    let mut ends = [
        bounds[&tie.arg1].text.as_str(),
        bounds[&tie.arg2].text.as_str(),
    ];
    ends.sort_unstable();
    let mut expected = [evidence[0].text.as_str(), evidence[1].text.as_str()];
    expected.sort_unstable();
    assert_eq!(ends, expected);
    // Putin and بوتين are one entity: one normalisation reference for both mentions.
    let putin: Vec<&brat::Normalization> = document
        .normalizations
        .iter()
        .filter(|n| n.text == "Putin")
        .collect();
    assert_eq!(putin.len(), 2);
    assert_eq!(putin[0].db_id, putin[1].db_id);
    assert!(putin.iter().all(|n| n.db == "isnad"));
    let mut texts: Vec<&str> = putin
        .iter()
        .map(|n| bounds[&n.target].text.as_str())
        .collect();
    texts.sort_unstable();
    assert_eq!(texts, ["Vladimir Putin", "فلاديمير بوتين"]);
}

/// Identifiers come from the store's ids: adding an entity whose mention comes first in
/// the text, and more evidence, changes no line already exported.
#[test]
fn brat_identifiers_stay_put_when_annotations_are_added() {
    let case = mixed();
    let export = |name: &str| -> brat::Folder {
        let dir = case.root.join(name);
        case.ok(&[
            "export",
            "--format",
            "brat",
            "-o",
            dir.to_str().expect("path"),
        ]);
        brat::read_folder(&dir)
    };
    let before = export("before");
    case.ok(&[
        "entity", "add", "Moscow", "--type", "LOC", "--doc", MIXED, "--quote", "Moscow",
    ]);
    case.ok(&["claim", "add", "losses rose"]);
    case.ok(&[
        "claim",
        "link",
        "2",
        "--doc",
        MIXED,
        "--quote",
        "losses rose 3.5 percent",
        "--stance",
        "supports",
    ]);
    let after = export("after");
    for (stem, document) in &before {
        let now = &after[stem].lines;
        for (id, line) in &document.lines {
            assert_eq!(now.get(id), Some(line), "{id} changed");
        }
        assert_eq!(now.len(), document.lines.len() + 6, "T N, T A A #");
    }
}

#[test]
fn conll_is_valid_iob2_with_abbreviations_lines_and_nesting() {
    let case = mixed();
    let output = case.run(&["export", "--format", "conll"]);
    assert!(output.status.success(), "{output:?}");
    let out = String::from_utf8(output.stdout).expect("UTF-8");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("left out 1 mention nested in or overlapping a longer one")
            && said.contains("json, brat and w3c keep them"),
        "{said}"
    );
    assert!(
        !out.lines().any(|l| l.starts_with("# ")),
        "no comments by default"
    );
    assert_eq!(out.lines().filter(|l| *l == "-DOCSTART-\tO").count(), 1);
    let sentences = check_iob2(&out);
    let pairs = |s: &[(String, String)]| -> Vec<(String, String)> { s.to_vec() };
    let words =
        |s: &[(String, String)]| -> Vec<String> { s.iter().map(|(t, _)| t.clone()).collect() };
    let texts: Vec<String> = sentences.iter().map(|s| words(s).join(" ")).collect();
    assert_eq!(
        texts,
        [
            "U.S. warns روسيا",
            "The U.S. State Department warned Moscow on 7 March .",
            "Vladimir Putin dismissed it .",
            "Dr. Smith said losses rose 3.5 percent .",
            "قال الرئيس فلاديمير بوتين إن التحذيرات استفزازية .",
            "Tag # 1 stays .",
        ],
        "{out}"
    );
    let tag = |s: usize, token: &str| -> String {
        pairs(&sentences[s])
            .into_iter()
            .find(|(t, _)| t == token)
            .unwrap_or_else(|| panic!("{token}"))
            .1
    };
    assert_eq!(tag(0, "U.S."), "B-LOC");
    assert_eq!(tag(0, "روسيا"), "B-LOC");
    // The outer mention kept.
    assert_eq!(tag(1, "U.S."), "B-ORG");
    assert_eq!(tag(1, "Department"), "I-ORG");
    // Across the line break: one run.
    assert_eq!(tag(2, "Vladimir"), "B-PER");
    assert_eq!(tag(2, "Putin"), "I-PER");
    assert_eq!(tag(3, "Dr."), "B-شخص");
    assert_eq!(tag(3, "Smith"), "I-شخص");
    assert_eq!(tag(4, "فلاديمير"), "B-PER");
    assert_eq!(tag(4, "بوتين"), "I-PER");
    assert_eq!(tag(5, "#"), "O");
}

#[test]
fn conll_comments_are_optional_and_keep_a_hash_token() {
    let case = mixed();
    let out = case.ok(&["export", "--format", "conll", "--comments"]);
    assert!(out.contains("# newdoc id = mixed report.txt\n# sent_id = mixed report.txt-1\n"));
    assert!(out.contains("\n#\tO\n"), "{out}");
    // Without the comment lines, the rest is the default export.
    let plain = case.ok(&["export", "--format", "conll"]);
    let stripped: String = out
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("# "))
        .collect();
    assert_eq!(stripped, plain);
    let said = case.fails(&["export", "--format", "md", "--comments"]);
    assert!(said.contains("--comments is for --format conll"), "{said}");
}

/// json: isnad's own import takes everything back into a workspace with the document.
fn json_comes_back_whole(case: &Case) {
    // json: isnad's own import takes everything back into a workspace with the document.
    let json = case.root.join("all.json");
    case.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        json.to_str().expect("path"),
    ]);
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("read")).expect("JSON");
    let fresh = Case::new("fresh");
    std::fs::write(fresh.root.join("corpus").join(MIXED), MIXED_TEXT).expect("write");
    fresh.ok(&["index"]);
    fresh.ok(&["import", json.to_str().expect("path")]);
    let quotes = |export: &serde_json::Value| -> Vec<String> {
        let mut all: Vec<String> = export["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|e| e["mentions"].as_array().cloned().unwrap_or_default())
            .chain(
                export["claims"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|c| c["evidence"].as_array().cloned().unwrap_or_default()),
            )
            .map(|p| p["quote"].as_str().unwrap_or_default().to_owned())
            .collect();
        all.sort();
        all
    };
    assert_eq!(quotes(&fresh.export()), quotes(&exported));
    assert_eq!(
        quotes(&exported).len(),
        9,
        "7 mentions and 2 pieces of evidence"
    );
}

/// CSV: every table read by an RFC 4180 reader; each mention's cells give back its text;
/// `--excel` has a byte order mark and CRLF.
fn csv_tables_read_back(case: &Case, tables: &std::path::Path, excel: &std::path::Path) {
    // CSV: every table read by an RFC 4180 reader; each mention's cells give back its text.
    let text = case.text(MIXED);
    let mentions = csv_rules::rows(&tables.join("mentions.csv"));
    assert_eq!(mentions.len(), 7);
    for row in &mentions {
        let number = |key: &str| row[key].parse::<usize>().expect("an offset");
        assert_eq!(
            common::case::slice(&text, number("start"), number("end")),
            row["text"],
            "{row:?}"
        );
    }
    for name in ["entities", "claims", "evidence", "documents"] {
        assert!(
            !csv_rules::rows(&tables.join(format!("{name}.csv"))).is_empty(),
            "{name}"
        );
    }
    let excel = std::fs::read(excel.join("mentions.csv")).expect("read");
    assert!(
        excel.starts_with("\u{feff}".as_bytes()),
        "a byte order mark"
    );
    assert!(excel.windows(2).any(|w| w == b"\r\n"), "CRLF");
}

/// The one fixture through all eight formats, each read by its own ecosystem's rules (the
/// issue's acceptance: "a mixed English/Arabic fixture … goes through every format").
#[test]
fn the_mixed_fixture_passes_every_formats_own_rules() {
    let case = mixed();
    let out = |format: &str| case.ok(&["export", "--format", format]);
    let folder = |format: &str, extra: &[&str]| {
        let dir = case.root.join(format!("out-{format}{}", extra.join("")));
        let mut args = vec![
            "export",
            "--format",
            format,
            "-o",
            dir.to_str().expect("path"),
        ];
        args.extend_from_slice(extra);
        case.ok(&args);
        dir
    };

    json_comes_back_whole(&case);
    // brat: its parser's and configuration's rules.
    let documents = brat::read_folder(&folder("brat", &[]));
    assert_eq!(documents.len(), 1);

    // CoNLL: IOB2 by seqeval's strict scheme, in blocks NLTK reads; with and without comments.
    let sentences = check_iob2(&out("conll"));
    assert_eq!(sentences.len(), 6);
    let commented = case.ok(&["export", "--format", "conll", "--comments"]);
    let plain: String = commented
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("# "))
        .collect();
    assert_eq!(check_iob2(&plain), sentences);

    // W3C: the test suite's musts and a JSON-LD processor's rules.
    let collection: serde_json::Value = serde_json::from_str(&out("w3c")).expect("JSON-LD");
    let mut problems = w3c_rules::musts(&collection);
    problems.extend(w3c_rules::json_ld_problems(&collection));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        collection["first"]["items"].as_array().map(Vec::len),
        Some(10),
        "an annotation per mention (7), the claim (its evidence its targets), a note per \
         piece of evidence (2)"
    );

    // ClaimReview: what Google requires, with schema.org's types.
    let reviews = case.json(&["export", "--format", "claimreview"]);
    assert_eq!(reviews.len(), 1, "one review per claim");
    let problems: Vec<String> = reviews
        .iter()
        .flat_map(claimreview_rules::claimreview_problems)
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    csv_tables_read_back(&case, &folder("csv", &[]), &folder("csv", &["--excel"]));
    // HTML: an HTML5 parser reads it without an error, every part isolated.
    let page = out("html");
    let html = scraper::Html::parse_document(&page);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    html_rules::assert_parts_isolated(&html);
    html_rules::assert_citations_isolated(&html);

    // Markdown: CommonMark reads no markup out of a quote; each quote reads as its text.
    let report = out("md");
    let (events, quotes) = commonmark::commonmark(&report);
    commonmark::assert_quotes_hold_no_markup(&events, &report);
    for quote in [
        "The U.S. State Department warned Moscow on 7 March.",
        "March. Vladimir\nPutin dismissed it.",
    ] {
        assert!(
            quotes.iter().any(|q| q == quote),
            "{quote:?} in {quotes:#?}"
        );
    }
}
