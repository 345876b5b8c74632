//! `isnad export --format json` and `isnad import`: the whole store out and back in. A
//! fresh workspace with the same documents gets the same annotations; a workspace where a
//! report was renamed and edited places them by content hash and by quote; what cannot be
//! placed is kept as orphaned and reported; bad files are refused with a reason.

mod common;

use std::path::{Path, PathBuf};

use common::brat;
use common::case::{Case, slice, slice_at};
use serde_json::Value;

/// The sample annotated: بوتين everywhere, a claim with evidence in both reports.
fn annotated() -> Case {
    let case = Case::new("first");
    case.ok(&[
        "entity",
        "add",
        "بوتين",
        "--type",
        "PER",
        "--alias",
        "Putin",
        "--all",
    ]);
    case.ok(&["claim", "add", "death toll", "--status", "disputed"]);
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    case.ok(&[
        "claim",
        "link",
        "1",
        "--doc",
        a,
        "--quote",
        "أسفر عن مقتل 144 شخصًا",
        "--stance",
        "supports",
    ]);
    case.ok(&[
        "claim",
        "link",
        "1",
        "--doc",
        b,
        "--quote",
        "توفي على الأقل 143 شخصا",
        "--stance",
        "mentions",
        "--note",
        "at least",
    ]);
    case
}

/// An export without what differs between workspaces by design: the store's ids and who
/// made each annotation when.
fn annotations(export: &Value) -> (Value, Value) {
    fn strip(value: &Value) -> Value {
        match value {
            Value::Object(map) => map
                .iter()
                .filter(|(k, _)| !["id", "provenance", "creator"].contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), strip(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
            Value::Array(list) => list.iter().map(strip).collect(),
            other => other.clone(),
        }
    }
    (strip(&export["entities"]), strip(&export["claims"]))
}

#[test]
fn export_then_import_into_a_fresh_workspace_gives_the_same_annotations() {
    let first = annotated();
    // A note on a document travels too.
    isnad::store::Store::open(&first.root.join(".isnad/store.sqlite"), "tester")
        .expect("store")
        .set_doc_note(&isnad::store::DocNote {
            doc: common::SAMPLE_A.to_owned(),
            reviewed: true,
            tags: "official".to_owned(),
            note: "FSB figures".to_owned(),
        })
        .expect("note");
    let out = first.root.join("notes.json");
    first.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        out.to_str().expect("path"),
    ]);
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("JSON");
    assert_eq!(exported["format"], "isnad-export");
    assert_eq!(exported["version"], 1);
    assert_eq!(
        exported["entities"][0]["mentions"]
            .as_array()
            .expect("m")
            .len(),
        8
    );

    let second = Case::new("second");
    let said = second.ok(&["import", out.to_str().expect("path")]);
    assert!(
        said.contains("imported 1 entity (1 new) with 8 new mentions"),
        "{said}"
    );
    assert_eq!(annotations(&second.export()), annotations(&exported));
    assert_eq!(second.export()["doc_notes"], exported["doc_notes"]);
    assert_eq!(exported["doc_notes"][0]["note"], "FSB figures");
    // Importing again doubles nothing.
    second.ok(&["import", out.to_str().expect("path")]);
    assert_eq!(annotations(&second.export()), annotations(&exported));
    // And the import is one step.
    assert!(second.ok(&["undo"]).contains("import"));
}

#[test]
fn a_renamed_and_edited_report_is_placed_by_hash_and_by_quote() {
    let first = annotated();
    let out = first.root.join("notes.json");
    first.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        out.to_str().expect("path"),
    ]);

    let other = Case::new("other");
    let corpus = other.root.join("corpus");
    // A renamed (same content), B edited so the 143 passage is gone.
    std::fs::rename(corpus.join(common::SAMPLE_A), corpus.join("renamed.txt")).expect("rename");
    let b = corpus.join(common::SAMPLE_B);
    let text = std::fs::read_to_string(&b)
        .expect("read")
        .replace("توفي على الأقل 143 شخصا", "");
    std::fs::write(&b, text).expect("write");
    let output = other.run(&["import", out.to_str().expect("path")]);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("توفي على الأقل 143 شخصا") && said.contains("kept as orphaned"),
        "{said}"
    );
    let claims = other.export()["claims"].clone();
    let evidence = claims[0]["evidence"].as_array().expect("evidence");
    let placed = evidence
        .iter()
        .find(|e| e["orphaned"] == false)
        .expect("placed");
    assert_eq!(placed["doc"], "renamed.txt", "found by its content hash");
    let text = std::fs::read_to_string(corpus.join("renamed.txt")).expect("read");
    assert_eq!(slice_at(&text, placed), "أسفر عن مقتل 144 شخصًا");
    assert!(evidence.iter().any(|e| e["orphaned"] == true));
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let case = Case::new("case");
    let write = |name: &str, text: &str| -> PathBuf {
        let path = case.root.join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let arg = |p: &Path| p.to_str().expect("path").to_owned();
    for (file, expected) in [
        (write("not.json", "not json at all"), "not an isnad export"),
        (
            write("other.json", r#"{"format": "something-else"}"#),
            "isnad export --format json",
        ),
        (
            write("newer.json", r#"{"format": "isnad-export", "version": 99}"#),
            "newer isnad",
        ),
    ] {
        let output = case.run(&["import", &arg(&file)]);
        assert!(!output.status.success());
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(expected), "{said}");
    }
    let missing = case.run(&["import", "/nonexistent/x.json"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/x.json"));
    // An export that cannot be written (its folder is a file) fails with the path.
    let target = case.root.join("isnad.toml").join("out.json");
    let output = case.run(&["export", "--format", "json", "-o", &arg(&target)]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write"));
}

#[test]
fn w3c_selectors_slice_the_text_back_to_each_annotation() {
    let case = annotated();
    let out: Value =
        serde_json::from_str(&case.ok(&["export", "--format", "w3c"])).expect("JSON-LD is JSON");
    assert_eq!(out["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(out["type"], "AnnotationCollection");
    let items = out["first"]["items"].as_array().expect("items");
    assert_eq!(out["total"], items.len());
    let mut targets = 0;
    for item in items {
        assert_eq!(item["type"], "Annotation");
        let list = match &item["target"] {
            Value::Array(list) => list.clone(),
            one => vec![one.clone()],
        };
        for target in list {
            // Document ids are percent-encoded into the IRI; the samples' need none.
            let doc = target["source"]["id"]
                .as_str()
                .expect("source")
                .trim_start_matches("isnad:doc/")
                .to_owned();
            let text = std::fs::read_to_string(case.root.join("corpus").join(&doc)).expect("read");
            let selectors = target["selector"].as_array().expect("selectors");
            let quote = selectors
                .iter()
                .find(|s| s["type"] == "TextQuoteSelector")
                .expect("quote");
            let position = selectors
                .iter()
                .find(|s| s["type"] == "TextPositionSelector")
                .expect("position");
            let (start, end) = (
                usize::try_from(position["start"].as_u64().expect("start")).expect("usize"),
                usize::try_from(position["end"].as_u64().expect("end")).expect("usize"),
            );
            assert_eq!(
                slice(&text, start, end),
                quote["exact"].as_str().expect("exact")
            );
            targets += 1;
        }
    }
    // 8 mentions, one claim with a target per piece of evidence, and the note of one
    // piece ("at least") commenting on that target.
    assert_eq!(items.len(), 10);
    assert_eq!(targets, 11);
    let claim = items
        .iter()
        .find(|i| i["motivation"] == "oa:assessing")
        .expect("claim");
    assert_eq!(claim["target"][1]["stance"], "mentions");
}

#[test]
fn csv_tables_neutralise_formulas() {
    let case = annotated();
    case.ok(&[
        "entity",
        "add",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "--type",
        "MISC",
        "--note",
        "@SUM(A1:A9)",
    ]);
    let dir = case.root.join("tables");
    case.ok(&[
        "export",
        "--format",
        "csv",
        "-o",
        dir.to_str().expect("path"),
    ]);
    let mut cells = 0;
    for name in [
        "entities.csv",
        "mentions.csv",
        "claims.csv",
        "evidence.csv",
        "documents.csv",
    ] {
        let mut reader = csv::Reader::from_path(dir.join(name)).expect(name);
        for record in reader.records() {
            for cell in &record.expect("a row") {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{name}: {cell}");
                cells += 1;
            }
        }
    }
    assert!(cells > 50);
    let entities = std::fs::read_to_string(dir.join("entities.csv")).expect("read");
    assert!(entities.contains("'=HYPERLINK"), "{entities}");
    assert!(entities.contains("'@SUM"), "{entities}");
    let mentions = std::fs::read_to_string(dir.join("mentions.csv")).expect("read");
    assert_eq!(mentions.lines().filter(|l| l.contains("بوتين")).count(), 8);

    // --table: the five as one, told apart by the first column.
    let table = case.ok(&["export", "--format", "csv", "--table"]);
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let kinds: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[0].to_owned())
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "mention").count(), 8);
    assert_eq!(kinds.iter().filter(|k| *k == "evidence").count(), 2);
    assert!(table.contains("'=HYPERLINK"));
    assert!(
        case.run(&["export", "--format", "md", "--table"])
            .status
            .code()
            == Some(2)
    );
}

#[test]
fn the_markdown_report_has_claims_quotes_entities_and_documents() {
    let case = annotated();
    let report = case.ok(&["export", "--format", "md"]);
    for part in [
        "### 1. death toll — disputed",
        "**Supports**",
        "> أسفر عن مقتل 144 شخصًا",
        "**Mentions**",
        "> توفي على الأقل 143 شخصا",
        "numbers differ: 144",
        "## Entities",
        "**بوتين** (Putin)",
        "## Documents cited",
        "روسيا تعترف لأول مرة بتورط داعش في هجوم كروكوس.",
    ] {
        assert!(report.contains(part), "missing {part:?}:\n{report}");
    }
}

#[test]
fn the_html_report_escapes_every_document_string_and_sets_direction() {
    let case = annotated();
    std::fs::write(
        case.root.join("corpus/hostile.txt"),
        "<script>alert('title')</script>\nقال المصدر <script>alert(1)</script> إن بوتين غادر.\n",
    )
    .expect("write");
    case.ok(&["index"]);
    case.ok(&["entity", "add", "بوتين", "--type", "PER", "--all"]);
    case.ok(&["claim", "add", "<b>bold</b> claim"]);
    case.ok(&[
        "claim",
        "link",
        "2",
        "--doc",
        "hostile.txt",
        "--quote",
        "المصدر <script>alert(1)</script> إن",
        "--stance",
        "refutes",
        "--note",
        "<img src=x onerror=alert(2)>",
    ]);
    let page = case.ok(&["export", "--format", "html"]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.contains("<script>") && !page.contains("<img") && !page.contains("<b>bold"),
        "{page}"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(
        page.contains("<blockquote lang=\"ar\" dir=\"rtl\">أسفر عن مقتل 144 شخصًا</blockquote>")
    );
    assert!(page.contains("<style>"), "self-contained");
    assert!(
        !page.contains("<link") && !page.contains("src=\"http"),
        "no outside resources"
    );
}

/// Each mention's context is one line of whole words, with `…` where the text goes on.
#[test]
fn the_html_report_shows_mentions_in_whole_words() {
    let case = annotated();
    let page = case.ok(&["export", "--format", "html"]);
    let mentions: Vec<&str> = page
        .split("<li dir=")
        .skip(1)
        .map(|item| item.split("</li>").next().expect("an item"))
        .collect();
    assert_eq!(mentions.len(), 8, "{page}");
    assert!(
        mentions.iter().all(|m| !m.contains('\n')),
        "one line each: {mentions:#?}"
    );
    let colour = "<mark style=\"color:#d9534f\">";
    assert!(
        mentions[0].contains(&format!(
            ">… استخف الرئيس الروسي فلاديمير {colour}بوتين</mark> بالتحذيرات الأمريكية، معتبراً …</span> <span"
        )),
        "{}",
        mentions[0]
    );
}

#[test]
fn conll_tags_every_token_in_iob2() {
    let case = annotated();
    case.ok(&[
        "entity",
        "add",
        "تنظيم الدولة الإسلامية",
        "--type",
        "ORG",
        "--all",
    ]);
    let out = case.ok(&["export", "--format", "conll", "--comments"]);
    let lines: Vec<&str> = out.lines().collect();
    let tagged: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .map(|l| l.split_once('\t').expect("token TAB tag"))
        .collect();
    for (_, tag) in &tagged {
        assert!(
            *tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
            "{tag}"
        );
    }
    assert_eq!(
        tagged
            .iter()
            .filter(|(t, tag)| *tag == "B-PER" && *t == "بوتين")
            .count(),
        8
    );
    // لبوتين: the clitic is its own token, outside the name.
    assert!(
        tagged
            .windows(2)
            .any(|w| w[0] == ("ل", "O") && w[1] == ("بوتين", "B-PER"))
    );
    // A three-word name: B then I, I.
    assert!(tagged.windows(3).any(|w| w[0] == ("تنظيم", "B-ORG")
        && w[1] == ("الدولة", "I-ORG")
        && w[2] == ("الإسلامية", "I-ORG")));
    assert!(lines.iter().any(|l| l.starts_with("# sent_id = ")));
}

/// A status or stance this version does not know (an export from a newer isnad, or edited by
/// hand) was turned into `unverified` or `mentions` without a word. It still is, and said.
#[test]
fn unknown_statuses_and_stances_are_imported_as_the_mildest_and_said() {
    let first = annotated();
    let mut exported = first.export();
    exported["claims"][0]["status"] = Value::from("confirmed");
    exported["claims"][0]["evidence"][0]["stance"] = Value::from("agrees");
    let out = first.root.join("edited.json");
    std::fs::write(&out, exported.to_string()).expect("write");
    let second = Case::new("second");
    let output = second.run(&["import", out.to_str().expect("path")]);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("claim \"death toll\": unknown status \"confirmed\", imported as unverified"),
        "{said}"
    );
    assert!(
        said.contains(
            "evidence of claim \"death toll\": unknown stance \"agrees\", imported as mentions"
        ),
        "{said}"
    );
    let claim = &second.claims()[0];
    assert_eq!(claim["status"], "unverified");
    assert_eq!(claim["evidence"][0]["stance"], "mentions");
}

/// Mentions an import cannot place are kept, orphaned, but they were kept again at each
/// import of the same export: importing twice doubled them.
#[test]
fn importing_an_export_twice_keeps_its_orphaned_mentions_once() {
    let first = annotated();
    std::fs::write(first.root.join("corpus/extra.txt"), "قال بوتين إن الهجوم\n").expect("write");
    first.ok(&["index"]);
    first.ok(&["entity", "add", "بوتين", "--type", "PER", "--all"]);
    let out = first.root.join("notes.json");
    first.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        out.to_str().expect("path"),
    ]);
    let second = Case::new("second");
    for _ in 0..2 {
        second.ok(&["import", out.to_str().expect("path")]);
    }
    let mentions = second.entities()[0]["mentions"].clone();
    let mentions = mentions.as_array().expect("mentions");
    let orphaned = mentions.iter().filter(|m| m["orphaned"] == true).count();
    assert_eq!(orphaned, 1, "{mentions:#?}");
    assert_eq!(mentions.len(), 9);
}

/// Review state, tags (as written, in order, Arabic and punctuation included) and notes go
/// out with `export --format json` and come back exactly with `import`: on the documents
/// the annotations cite and on one they do not; an imported note replaces the one the
/// document had; the import, notes included, is one undoable step.
#[test]
fn document_notes_round_trip_through_json_exactly() {
    let uncited = "c.txt";
    let with_third = |case: &Case| {
        std::fs::write(
            case.root.join("corpus").join(uncited),
            "تقرير ثالث\nلا شيء هنا.\n",
        )
        .expect("write");
        case.ok(&["index"]);
    };
    let first = annotated();
    with_third(&first);
    let a = common::SAMPLE_A;
    first.ok(&["doc", "review", a, uncited]);
    first.ok(&["doc", "tag", a, "شاهد عيان", "Official", "-dup, a; \"b\""]);
    first.ok(&["doc", "note", a, "أرقام جهاز الأمن الفيدرالي · FSB"]);
    first.ok(&["doc", "tag", common::SAMPLE_B, "later"]);
    let out = first.root.join("notes.json");
    first.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        out.to_str().expect("path"),
    ]);
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("JSON");
    let notes = exported["doc_notes"].as_array().expect("doc_notes").clone();
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert_eq!(
        notes[0],
        serde_json::json!({
            "doc": a,
            "reviewed": true,
            "tags": "شاهد عيان\nOfficial\n-dup, a; \"b\"",
            "note": "أرقام جهاز الأمن الفيدرالي · FSB",
        })
    );

    let second = Case::new("second");
    with_third(&second);
    // A note of its own, which the import replaces.
    second.ok(&["doc", "tag", a, "mine"]);
    second.ok(&["import", out.to_str().expect("path")]);
    assert_eq!(second.export()["doc_notes"], exported["doc_notes"]);
    let listed = |case: &Case| -> Vec<(String, bool, String, String)> {
        case.ok(&["doc", "list", "--json"])
            .lines()
            .map(|line| {
                let row: Value = serde_json::from_str(line).expect("a JSON line");
                (
                    row["doc"].as_str().expect("doc").to_owned(),
                    row["reviewed"].as_bool().expect("reviewed"),
                    row["tags"].to_string(),
                    row["note"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let mut before = listed(&first);
    let mut after = listed(&second);
    before.sort();
    after.sort();
    assert_eq!(after, before);
    // One step: undo takes every imported note away (the local tag is back), redo returns
    // them.
    assert!(second.ok(&["undo"]).contains("import"));
    let undone = second.export()["doc_notes"].clone();
    assert_eq!(
        undone,
        serde_json::json!([{ "doc": a, "reviewed": false, "tags": "mine", "note": "" }])
    );
    second.ok(&["redo"]);
    assert_eq!(second.export()["doc_notes"], exported["doc_notes"]);
}

#[test]
fn brat_accepts_the_sample_too() {
    let case = annotated();
    let dir = case.root.join("brat");
    let output = case.run(&["export", "--format", "brat"]);
    assert!(!output.status.success(), "brat needs a folder");
    assert!(String::from_utf8_lossy(&output.stderr).contains("-o DIR"));
    case.ok(&[
        "export",
        "--format",
        "brat",
        "-o",
        dir.to_str().expect("path"),
    ]);
    let folder = brat::read_folder(&dir);
    let spans: usize = folder.values().map(|d| d.textbounds.len()).sum();
    assert_eq!(spans, 10, "8 mentions and 2 pieces of evidence");
    for name in folder.keys() {
        assert!(!name.contains(".txt.") && !name.contains('/'), "{name}");
    }
}
