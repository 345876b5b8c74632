//! The exports other tools read as data, checked with their own ecosystems' rules:
//!
//! - `--format w3c` against the JSON Schemas of the W3C Web Annotation test suite (vendored
//!   in `tests/data/w3c-annotation`, see its README for the source and licence): every
//!   "must" assertion for the collection, its page and each annotation; and against the
//!   JSON-LD rules a processor applies (every key a term the context defines, every id an
//!   absolute IRI once expanded, every `@vocab` value a defined term);
//! - `--format claimreview` against the properties Google's fact-check structured data
//!   requires and recommends, with the types schema.org gives them;
//! - `--format csv` for the ids `isnad entity list` shows, the `neutralised` column and
//!   `--excel`;
//! - and the rule for every format: an entity, claim, mention or piece of evidence keeps
//!   its id across exports, whatever is added meanwhile.
//!
//! The mixed fixture: an English/Arabic document whose id has a space, a mention crossing
//! a line break, a mention nested in it, an Arabic entity type, an abbreviation, and text
//! a spreadsheet would take for formulas.

#[path = "formats/claimreview.rs"]
mod claimreview_rules;
mod common;
#[path = "formats/csv.rs"]
mod csv_rules;
#[path = "formats/w3c.rs"]
mod w3c_rules;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::case::{Case, slice};
use serde_json::Value;

/// The document whose id has a space.
const MIXED: &str = "mixed report.md";

/// Its text as offsets count it: title, newline, body.
const MIXED_TITLE: &str = "Crocus: what the U.S. knew";
const MIXED_BODY: &str = "قال الرئيس فلاديمير\nبوتين إن التحذيرات الأمريكية \"استفزاز\".\nThe U.S. embassy warned on March 7.\n-144 dead, said =officials.";

/// A workspace with the sample reports and the mixed document, annotated.
fn mixed() -> Case {
    let case = Case::new("mixed");
    let config = case.root.join("isnad.toml");
    let mut toml = std::fs::read_to_string(&config).expect("isnad.toml");
    toml = toml.replace(
        "[user]\n",
        "[user]\nauthor = \"Rana\"\norganisation = \"Fact Desk\"\nurl = \"https://factdesk.example\"\n",
    );
    toml.push_str(concat!(
        "\n[[entity_types]]\nname = \"PER\"\nkey = \"p\"\ncolour = \"red\"\n",
        "\n[[entity_types]]\nname = \"ORG\"\nkey = \"o\"\ncolour = \"blue\"\n",
        "\n[[entity_types]]\nname = \"LOC\"\nkey = \"l\"\ncolour = \"green\"\n",
        "\n[[entity_types]]\nname = \"شخص\"\nkey = \"s\"\ncolour = \"yellow\"\n",
    ));
    std::fs::write(&config, toml).expect("write isnad.toml");
    std::fs::write(
        case.root.join("corpus").join(MIXED),
        format!(
            "---\ntitle: {MIXED_TITLE}\nsource: Mixed Wire\nurl: https://wire.example/crocus\npublished: 2024-03-20\nlang: ar\n---\n\n{MIXED_BODY}\n"
        ),
    )
    .expect("write the mixed document");
    // Across the line break, with an Arabic type; and nested in it.
    case.ok(&[
        "entity",
        "add",
        "فلاديمير بوتين",
        "--type",
        "شخص",
        "--doc",
        MIXED,
        "--quote",
        "فلاديمير\nبوتين",
    ]);
    case.ok(&[
        "entity",
        "add",
        "Putin",
        "--type",
        "PER",
        "--alias",
        "بوتين",
        "--doc",
        MIXED,
        "--quote",
        "بوتين",
    ]);
    case.ok(&[
        "entity", "add", "U.S.", "--type", "ORG", "--doc", MIXED, "--quote", "U.S.",
    ]);
    case.ok(&["claim", "add", "144 killed", "--status", "disputed"]);
    case.link(
        "1",
        MIXED,
        "-144 dead",
        "supports",
        &["--note", "=officials only"],
    )
    .expect("link");
    case.link(
        "1",
        common::SAMPLE_A,
        "أسفر عن مقتل 144 شخصًا",
        "mentions",
        &[],
    )
    .expect("link");
    case.link(
        "1",
        common::SAMPLE_B,
        "توفي على الأقل 143 شخصا",
        "refutes",
        &[],
    )
    .expect("link");
    case.ok(&["claim", "add", "Putin dismissed the warning"]);
    case
}

fn w3c(case: &Case) -> Value {
    serde_json::from_str(&case.ok(&["export", "--format", "w3c"])).expect("JSON-LD is JSON")
}

fn claimreview(case: &Case) -> Vec<Value> {
    case.json(&["export", "--format", "claimreview"])
}

/// The annotations of a W3C export.
fn items(collection: &Value) -> Vec<Value> {
    collection["first"]["items"]
        .as_array()
        .expect("items")
        .clone()
}

/// A target or a list of them, as a list.
fn targets(annotation: &Value) -> Vec<Value> {
    match &annotation["target"] {
        Value::Array(list) => list.clone(),
        one => vec![one.clone()],
    }
}

/// `%XX` sequences decoded.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn every_w3c_annotation_passes_the_w3c_test_suite_musts() {
    let case = mixed();
    let collection = w3c(&case);
    // The collection, its page and each annotation given alone, with the context, as the
    // suite's tests expect.
    let errors = w3c_rules::musts(&collection);
    let annotation_musts = w3c_rules::assertions("annotations/annotationMusts.test");
    let items = items(&collection);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(items.len() >= 6, "{}", items.len());

    assert!(annotation_musts.len() > 50, "{}", annotation_musts.len());
    // And the schemas do catch what is wrong: no target, and (what the issue found) an id
    // with a space.
    let mut untargeted = items[0].clone();
    untargeted["@context"] = collection["@context"].clone();
    untargeted.as_object_mut().expect("object").remove("target");
    assert!(
        annotation_musts
            .iter()
            .any(|(_, v)| !v.is_valid(&untargeted))
    );
    let mut bad = items[0].clone();
    bad["@context"] = collection["@context"].clone();
    bad["id"] = Value::String("isnad:doc/mixed report.md".to_owned());
    assert!(
        annotation_musts.iter().any(|(_, v)| !v.is_valid(&bad)),
        "an IRI with a space is refused"
    );
}

#[test]
fn the_w3c_export_is_json_ld_a_processor_keeps_whole() {
    let case = mixed();
    let collection = w3c(&case);
    let context = w3c_rules::Context::of(&collection);
    let mut problems = Vec::new();
    context.problems("", &collection, "", &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The check itself catches what the issue found.
    let mut found = Vec::new();
    context.problems("motivation", &Value::from("assessing"), "m", &mut found);
    context.problems("id", &Value::from("isnad:doc/a b.txt"), "i", &mut found);
    context.problems(
        "",
        &serde_json::json!({ "orphaned2": true }),
        "o",
        &mut found,
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn w3c_annotations_carry_who_when_language_direction_and_notes() {
    let case = mixed();
    let collection = w3c(&case);
    assert_eq!(collection["id"], "isnad:annotations");
    assert_eq!(collection["first"]["id"], "isnad:annotations/page/1");
    let items = items(&collection);
    assert_eq!(collection["total"], items.len());
    let text = format!("{MIXED_TITLE}\n{MIXED_BODY}");
    let mut quotes = Vec::new();
    for item in &items {
        let id = item["id"].as_str().expect("id");
        if id.starts_with("isnad:mention/") || id.starts_with("isnad:claim/") {
            assert_eq!(item["creator"]["type"], "Person", "{item}");
            assert_eq!(item["creator"]["name"], "Rana", "{item}");
            for key in ["created", "modified"] {
                let time = item[key].as_str().expect(key);
                assert!(
                    time::OffsetDateTime::parse(
                        time,
                        &time::format_description::well_known::Rfc3339
                    )
                    .is_ok(),
                    "{key} {time}"
                );
            }
        }
        for target in targets(item) {
            let Some(source) = target["source"].as_object() else {
                continue;
            };
            let doc = percent_decoded(
                source["id"]
                    .as_str()
                    .expect("source id")
                    .trim_start_matches("isnad:doc/"),
            );
            assert_eq!(source["language"], "ar", "{doc}");
            assert_eq!(source["textDirection"], "rtl", "{doc}");
            if doc == MIXED {
                let selectors = target["selector"].as_array().expect("selectors");
                let position = selectors
                    .iter()
                    .find(|s| s["type"] == "TextPositionSelector")
                    .expect("position");
                let (start, end) = (
                    usize::try_from(position["start"].as_u64().expect("start")).expect("n"),
                    usize::try_from(position["end"].as_u64().expect("end")).expect("n"),
                );
                quotes.push(slice(&text, start, end));
            }
        }
    }
    quotes.sort();
    quotes.dedup();
    assert_eq!(
        quotes,
        ["-144 dead", "U.S.", "بوتين", "فلاديمير\nبوتين"],
        "the span across a line, the nested one, the abbreviation and the evidence"
    );
    let mention = items
        .iter()
        .find(|i| i["body"][0]["value"] == "شخص: فلاديمير بوتين")
        .expect("the Arabic type");
    assert_eq!(mention["body"][1]["purpose"], "identifying");
    // The claim: oa:assessing, no empty verdict body, stances on targets, the note kept.
    let claim = items
        .iter()
        .find(|i| i["body"][0]["value"] == "144 killed")
        .expect("the claim");
    assert_eq!(claim["motivation"], "oa:assessing");
    assert_eq!(claim["status"], "disputed");
    assert_eq!(
        claim["body"].as_array().expect("bodies").len(),
        1,
        "no verdict"
    );
    let stances: BTreeSet<String> = targets(claim)
        .iter()
        .map(|t| t["stance"].as_str().expect("stance").to_owned())
        .collect();
    assert_eq!(
        stances,
        BTreeSet::from(["mentions", "refutes", "supports"].map(String::from))
    );
    let note = items
        .iter()
        .find(|i| {
            i["motivation"] == "commenting" && i["id"].as_str().unwrap_or("").ends_with("/note")
        })
        .expect("the evidence note");
    assert_eq!(note["body"]["value"], "=officials only");
    assert_eq!(note["body"]["purpose"], "commenting");
    assert_eq!(
        format!("{}/note", note["target"]["id"].as_str().expect("target id")),
        note["id"].as_str().expect("id")
    );
    // A claim with no evidence targets the collection, never nothing.
    let bare = items
        .iter()
        .find(|i| i["body"][0]["value"] == "Putin dismissed the warning")
        .expect("the bare claim");
    assert_eq!(bare["target"], "isnad:annotations");
}

#[test]
fn claimreview_has_what_google_requires_with_schema_org_types() {
    let case = mixed();
    let reviews = claimreview(&case);
    assert_eq!(reviews.len(), 2, "one per claim");
    let problems: Vec<String> = reviews
        .iter()
        .flat_map(claimreview_rules::claimreview_problems)
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let first = &reviews[0];
    assert_eq!(first["@id"], "urn:isnad:claim/1");
    assert_eq!(first["claimReviewed"], "144 killed");
    assert_eq!(first["reviewRating"]["alternateName"], "Disputed");
    assert_eq!(first["reviewRating"]["ratingValue"], 3);
    assert_eq!(
        first["author"],
        serde_json::json!({ "@type": "Organization", "name": "Fact Desk", "url": "https://factdesk.example" })
    );
    // Where it appears: the supporting and the mentioning documents, not the refuting one;
    // the first is the earliest by date (the mixed document, 2024-03-20).
    let appearances = first["itemReviewed"]["appearance"]
        .as_array()
        .expect("list");
    assert_eq!(appearances.len(), 2, "{appearances:?}");
    let first_seen = &first["itemReviewed"]["firstAppearance"];
    assert_eq!(first_seen["url"], "https://wire.example/crocus");
    assert_eq!(first_seen["headline"], MIXED_TITLE);
    assert_eq!(first_seen["datePublished"], "2024-03-20");
    assert_eq!(first_seen["publisher"]["name"], "Mixed Wire");
    assert_eq!(first_seen["@id"], "urn:isnad:doc/mixed%20report.md");
    // Unverified has no place on the scale: no number.
    let second = &reviews[1];
    assert_eq!(second["reviewRating"]["alternateName"], "Unverified");
    assert!(second["reviewRating"]["ratingValue"].is_null());
    assert!(second["itemReviewed"]["appearance"].is_null());
}

// --- CSV -----------------------------------------------------------------------------------

fn table(dir: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    csv_rules::rows(&dir.join(name))
}

#[test]
fn csv_numbers_as_the_store_and_says_which_cells_were_neutralised() {
    let case = mixed();
    let dir = case.root.join("tables");
    case.ok(&[
        "export",
        "--format",
        "csv",
        "-o",
        dir.to_str().expect("path"),
    ]);
    let listed: BTreeMap<String, String> = case
        .entities()
        .iter()
        .map(|e| {
            (
                e["id"].to_string(),
                e["name"].as_str().expect("name").to_owned(),
            )
        })
        .collect();
    let entities: BTreeMap<String, String> = table(&dir, "entities.csv")
        .into_iter()
        .map(|r| (r["entity"].clone(), r["name"].clone()))
        .collect();
    assert_eq!(entities, listed, "the numbers of `isnad entity list`");
    let text = format!("{MIXED_TITLE}\n{MIXED_BODY}");
    for row in table(&dir, "evidence.csv")
        .iter()
        .chain(&table(&dir, "mentions.csv"))
    {
        if row["doc"] != MIXED {
            continue;
        }
        let quote_column = if row.contains_key("quote") {
            "quote"
        } else {
            "text"
        };
        let neutralised: Vec<&str> = row["neutralised"].split_whitespace().collect();
        let mut quote = row[quote_column].clone();
        if neutralised.contains(&quote_column) {
            quote.remove(0);
        }
        let (start, end) = (
            row["start"].parse().expect("start"),
            row["end"].parse().expect("end"),
        );
        assert_eq!(slice(&text, start, end), quote, "{row:?}");
        if let Some(note) = row.get("note") {
            assert_eq!(
                neutralised.contains(&"note"),
                note.starts_with("'="),
                "{row:?}"
            );
        }
    }
    let evidence = table(&dir, "evidence.csv");
    let mixed_row = evidence.iter().find(|r| r["doc"] == MIXED).expect("row");
    assert_eq!(mixed_row["neutralised"], "quote note");
    assert!(mixed_row["evidence"].parse::<i64>().is_ok());

    // --excel: a byte order mark and CRLF, the same cells.
    let excel = case.root.join("excel");
    case.ok(&[
        "export",
        "--format",
        "csv",
        "--excel",
        "-o",
        excel.to_str().expect("path"),
    ]);
    let bytes = std::fs::read(excel.join("entities.csv")).expect("read");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte order mark"
    );
    let body = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(body.lines().count() > 1 && body.split("\r\n").count() == body.lines().count() + 1);
    let plain = std::fs::read_to_string(dir.join("entities.csv")).expect("read");
    assert_eq!(body.replace("\r\n", "\n"), plain);
    let said = case.fails(&["export", "--format", "json", "--excel"]);
    assert!(said.contains("--excel is for --format csv"), "{said}");
}

// --- Stable identifiers ----------------------------------------------------------------------

/// Every identified thing of every format, id → what it is (its quote or name), so that
/// two exports can be compared.
fn identified(case: &Case) -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    for item in items(&w3c(case)) {
        let id = item["id"].as_str().expect("id").to_owned();
        let what = if id.starts_with("isnad:mention/") {
            targets(&item)[0]["selector"][0]["exact"].to_string()
        } else if item["body"].is_array() {
            item["body"][0]["value"].to_string()
        } else {
            item["body"]["value"].to_string()
        };
        if let Some(entity) = item["body"][1]["source"].as_str() {
            ids.insert(
                format!("w3c {entity}"),
                item["body"][0]["value"].to_string(),
            );
        }
        for target in targets(&item) {
            if let Some(evidence) = target["id"].as_str() {
                ids.insert(
                    format!("w3c {evidence}"),
                    target["selector"][0]["exact"].to_string(),
                );
            }
        }
        ids.insert(format!("w3c {id}"), what);
    }
    for review in claimreview(case) {
        ids.insert(
            format!("claimreview {}", review["@id"].as_str().expect("@id")),
            review["claimReviewed"].to_string(),
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    case.ok(&[
        "export",
        "--format",
        "csv",
        "-o",
        dir.path().to_str().expect("path"),
    ]);
    for (file, id, what) in [
        ("entities.csv", "entity", "name"),
        ("mentions.csv", "mention", "text"),
        ("claims.csv", "claim", "text"),
        ("evidence.csv", "evidence", "quote"),
    ] {
        for row in table(dir.path(), file) {
            ids.insert(format!("csv {file} {}", row[id]), row[what].clone());
        }
    }
    let json = case.export();
    for entity in json["entities"].as_array().expect("entities") {
        ids.insert(
            format!("json entity {}", entity["id"]),
            entity["name"].to_string(),
        );
        for mention in entity["mentions"].as_array().expect("mentions") {
            ids.insert(
                format!("json mention {}", mention["id"]),
                mention["quote"].to_string(),
            );
        }
    }
    for claim in json["claims"].as_array().expect("claims") {
        ids.insert(
            format!("json claim {}", claim["id"]),
            claim["text"].to_string(),
        );
        for piece in claim["evidence"].as_array().expect("evidence") {
            ids.insert(
                format!("json evidence {}", piece["id"]),
                piece["quote"].to_string(),
            );
        }
    }
    ids
}

#[test]
fn ids_stay_the_same_when_annotations_are_added() {
    let case = mixed();
    let before = identified(&case);
    // An entity that sorts first (LOC before PER and شخص), a mention in the first document,
    // evidence before the others of claim 1, a new claim.
    case.ok(&[
        "entity",
        "add",
        "موسكو",
        "--type",
        "LOC",
        "--doc",
        common::SAMPLE_A,
        "--quote",
        "موسكو",
    ]);
    case.ok(&[
        "entity",
        "add",
        "Putin",
        "--type",
        "PER",
        "--doc",
        common::SAMPLE_A,
        "--quote",
        "بوتين",
    ]);
    case.link(
        "1",
        common::SAMPLE_A,
        "هجوم كروكوس",
        "mentions",
        &["--occurrence", "1"],
    )
    .or_else(|_| case.link("1", common::SAMPLE_A, "داعش", "mentions", &[]))
    .expect("link");
    case.ok(&["claim", "add", "a third claim"]);
    let after = identified(&case);
    let kept: Vec<_> = before
        .iter()
        .filter(|(id, what)| after.get(*id) != Some(*what))
        .collect();
    assert!(kept.is_empty(), "ids that changed or vanished: {kept:?}");
    assert!(
        after.len() > before.len() + 5,
        "{} then {}",
        before.len(),
        after.len()
    );
    // Each format names every kind of thing.
    for prefix in [
        "w3c isnad:entity/",
        "w3c isnad:mention/",
        "w3c isnad:claim/",
        "w3c isnad:evidence/",
        "claimreview urn:isnad:claim/",
        "csv mentions.csv",
        "csv evidence.csv",
        "json mention",
        "json evidence",
    ] {
        assert!(before.keys().any(|k| k.starts_with(prefix)), "{prefix}");
    }
}

#[test]
fn document_text_of_any_kind_never_breaks_an_export() {
    let case = Case::new("hostile");
    std::fs::write(
        case.root.join("corpus").join("odd #1?.txt"),
        "=cmd|' /C calc'!A0\n\u{202e}+1 \"quoted\" <b>&amp; \u{200f}\t-2\r\n@x ﷺ 🇸🇦\n",
    )
    .expect("write");
    case.ok(&[
        "entity",
        "add",
        "=cmd",
        "--type",
        "MISC",
        "--doc",
        "odd #1?.txt",
        "--quote",
        "=cmd",
    ]);
    case.ok(&["claim", "add", "@x"]);
    case.link(
        "1",
        "odd #1?.txt",
        "\"quoted\"",
        "refutes",
        &["--note", "<b>"],
    )
    .expect("link");
    for format in ["w3c", "claimreview", "json"] {
        let out: Value = serde_json::from_str(&case.ok(&["export", "--format", format]))
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(!out.is_null());
    }
    let collection = w3c(&case);
    let mut problems = Vec::new();
    w3c_rules::Context::of(&collection).problems("", &collection, "", &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The corpus writes `#` in an id as `%23`; the IRI encodes that `%` again.
    let json = case.export();
    let id = json["documents"][0]["id"].as_str().expect("the id");
    let encoded: String = id
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    assert!(encoded.starts_with("odd%20"), "{encoded}");
    assert_eq!(percent_decoded(&encoded), id);
    assert!(
        collection
            .to_string()
            .contains(&format!("\"isnad:doc/{encoded}\"")),
        "{collection}"
    );
    case.ok(&["export", "--format", "csv", "--table"]);
}
