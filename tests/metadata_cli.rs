//! Metadata tables for plain-text files (`metadata.csv`, `metadata.jsonl`): what they give
//! the documents in `isnad doc list`, `isnad search` and `isnad show`, how a bad row is
//! reported, and how `isnad index` follows a table that is added, changed or removed
//! without reading again documents nothing changed for.

mod common;

use common::case::Case;
use serde_json::Value;

/// Four reports as bare text, in a folder of the corpus. The first lines are what a scraper
/// leaves: not the titles an analyst wants.
const REPORTS: [(&str, &str); 4] = [
    (
        "raid.txt",
        "scraped line 1\nقالت المصادر إن الغارة أصابت المدينة.",
    ),
    ("july.txt", "scraped line 2\nسقط النظام الملكي في بغداد."),
    (
        "undated.txt",
        "scraped line 3\nA note whose date nobody knows.",
    ),
    (
        "baddate.txt",
        "Baddate own title\nA note with a date in the wrong form.",
    ),
];

/// The table: a 2024 date, one before 1970, one row without a date, one with a date in a
/// form isnad does not read (line 5), one naming a file that is not there (line 6).
const CSV: &str = "file,title,source,published,lang,notes\n\
raid.txt,غارة على المدينة,BBC Arabic,2024-03-22,ar,checked\n\
july.txt,ثورة تموز,Reuters,1958-07-14,ar,\n\
undated.txt,Undated note,Reuters,,en,\n\
baddate.txt,Bad date title,AFP,22/03/2024,en,\n\
ghost.txt,Ghost,AFP,2024-01-01,en,\n";

/// The same rows as JSON Lines: no header, so each row is one line earlier.
const JSONL: &str = r#"{"file": "raid.txt", "title": "غارة على المدينة", "source": "BBC Arabic", "published": "2024-03-22", "lang": "ar", "notes": "checked"}
{"file": "july.txt", "title": "ثورة تموز", "source": "Reuters", "published": "1958-07-14", "lang": "ar"}
{"file": "undated.txt", "title": "Undated note", "source": "Reuters", "published": "", "lang": "en"}
{"file": "baddate.txt", "title": "Bad date title", "source": "AFP", "published": "22/03/2024", "lang": "en"}
{"file": "ghost.txt", "title": "Ghost", "source": "AFP", "published": "2024-01-01", "lang": "en"}
"#;

/// The sample reports, and the four reports in `corpus/notes/` with `table` beside them.
fn case(table_name: &str, table: &str) -> Case {
    let case = Case::new("case");
    let folder = case.root.join("corpus").join("notes");
    std::fs::create_dir_all(&folder).expect("mkdir");
    for (name, text) in REPORTS {
        std::fs::write(folder.join(name), text).expect("write report");
    }
    std::fs::write(folder.join(table_name), table).expect("write table");
    case
}

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

/// `doc list --json`, by document id.
fn list(case: &Case) -> Vec<(String, Value)> {
    json_lines(&case.ok(&["doc", "list", "--json"]))
        .into_iter()
        .map(|d| (d["doc"].as_str().expect("doc").to_owned(), d))
        .collect()
}

fn doc<'a>(listed: &'a [(String, Value)], id: &str) -> &'a Value {
    &listed
        .iter()
        .find(|(doc, _)| doc == id)
        .unwrap_or_else(|| panic!("{id} is not listed: {listed:?}"))
        .1
}

/// What `isnad index` prints about the table: its skipped rows, one line each.
fn table_lines<'a>(out: &'a str, table: &str) -> Vec<&'a str> {
    out.lines()
        .filter(|line| line.contains(&format!("skipped notes/{table}")))
        .collect()
}

/// The summary line of `isnad index`: "N documents indexed (a new, c changed, …)".
fn summary(out: &str) -> &str {
    out.lines().next().unwrap_or_default()
}

/// Everything a table gives, as the commands show it, and its bad rows, reported with their
/// line and reason: the same for both kinds of table.
fn assert_table_applies(table_name: &str, table: &str, bad_date_line: usize) {
    let case = case(table_name, table);
    let out = case.ok(&["index"]);
    let lines = table_lines(&out, table_name);
    assert_eq!(
        lines,
        [
            format!(
                "  skipped notes/{table_name}:1: column \"notes\" is not one isnad reads (file, title, source, url, published, author, lang); its values are ignored"
            ),
            format!(
                "  skipped notes/{table_name}:{bad_date_line}: published date \"22/03/2024\" cannot be read: write it as YYYY-MM-DD (1958-07-14), or leave the cell empty; the row is skipped"
            ),
            format!(
                "  skipped notes/{table_name}:{}: it names \"ghost.txt\", which does not exist in the corpus: fix the name, or add the file; the row is skipped",
                bad_date_line + 1
            ),
        ],
        "{out}"
    );
    assert!(
        summary(&out).starts_with("6 documents indexed"),
        "the table is not a document: {out}"
    );

    let listed = list(&case);
    let ids: Vec<&str> = listed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        &ids[..2],
        ["notes/raid.txt", "notes/july.txt"],
        "newest first, 1958 after 2024: {ids:?}"
    );
    assert!(!ids.iter().any(|id| id.contains("metadata")), "{ids:?}");
    let raid = doc(&listed, "notes/raid.txt");
    assert_eq!(raid["title"], "غارة على المدينة");
    assert_eq!(raid["source"], "BBC Arabic");
    assert_eq!(raid["published"], "2024-03-22");
    assert_eq!(raid["lang"], "ar");
    let july = doc(&listed, "notes/july.txt");
    assert_eq!(july["title"], "ثورة تموز");
    assert_eq!(july["published"], "1958-07-14");
    assert_eq!(july["source"], "Reuters");
    let undated = doc(&listed, "notes/undated.txt");
    assert_eq!(undated["title"], "Undated note");
    assert_eq!(undated["source"], "Reuters");
    assert_eq!(undated["published"], Value::Null);
    assert_eq!(undated["lang"], "en");
    let bad = doc(&listed, "notes/baddate.txt");
    assert_eq!(
        bad["title"], "Baddate own title",
        "the bad row is not applied"
    );
    assert_eq!(bad["source"], Value::Null);
    assert_eq!(bad["published"], Value::Null);

    let human = case.ok(&["doc", "list"]);
    assert!(
        human.contains("[ ] 1958-07-14 · Reuters · ثورة تموز"),
        "{human}"
    );
    assert!(
        human.contains("[ ] no date · Reuters · Undated note"),
        "{human}"
    );
    assert!(
        human.contains("4 documents have no readable publication date, listed last."),
        "{human}"
    );

    let hits = json_lines(&case.ok(&["search", "الغارة", "--json"]));
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["doc"], "notes/raid.txt");
    assert_eq!(hits[0]["title"], "غارة على المدينة");
    let shown = case.ok(&["show", "notes/undated.txt", "--logical"]);
    assert!(
        shown.starts_with("Undated note\n") && shown.contains("scraped line 3"),
        "the table's title, and the first line kept in the text: {shown}"
    );
    // The source is searchable like any other document's.
    let hits = json_lines(&case.ok(&["search", "source:reuters", "--json"]));
    let mut ids: Vec<&str> = hits.iter().filter_map(|h| h["doc"].as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["notes/july.txt", "notes/undated.txt"]);
}

#[test]
fn a_metadata_csv_gives_plain_text_files_titles_sources_dates_and_languages() {
    assert_table_applies("metadata.csv", CSV, 5);
}

#[test]
fn a_metadata_jsonl_does_the_same() {
    assert_table_applies("metadata.jsonl", JSONL, 4);
}

#[test]
fn isnad_index_follows_a_table_that_changes_and_reads_nothing_else_again() {
    let case = case("metadata.csv", CSV);
    let table = case.root.join("corpus/notes/metadata.csv");
    let out = case.ok(&["index"]);
    assert!(
        summary(&out).contains("(7 new, 0 changed, 0 removed, 0 unchanged files)"),
        "{out}"
    );

    let again = case.run(&["index"]);
    let (out, err) = (
        String::from_utf8_lossy(&again.stdout),
        String::from_utf8_lossy(&again.stderr),
    );
    assert!(
        summary(&out).contains("(0 new, 0 changed, 0 removed, 7 unchanged files)"),
        "{out}"
    );
    assert!(!err.contains("Indexed"), "nothing read again: {err}");
    assert_eq!(
        table_lines(&out, "metadata.csv").len(),
        3,
        "its bad rows are still reported: {out}"
    );

    // The same bytes written again: the table is read, no document is.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&table, CSV).expect("rewrite");
    let out = case.ok(&["index"]);
    assert!(
        summary(&out).contains("(0 new, 1 changed, 0 removed, 6 unchanged files)"),
        "{out}"
    );

    // One value changed: that document alone is read again.
    std::fs::write(&table, CSV.replace("BBC Arabic", "Al Jazeera")).expect("change");
    let out = case.ok(&["index"]);
    assert!(
        summary(&out).contains("(0 new, 2 changed, 0 removed, 5 unchanged files)"),
        "the table and raid.txt: {out}"
    );
    let listed = list(&case);
    assert_eq!(doc(&listed, "notes/raid.txt")["source"], "Al Jazeera");
    assert_eq!(doc(&listed, "notes/july.txt")["source"], "Reuters");

    // The file a row named appears: the row applies, and is no longer reported.
    std::fs::write(case.root.join("corpus/notes/ghost.txt"), "a line\nmore").expect("add");
    let out = case.ok(&["index"]);
    let lines = table_lines(&out, "metadata.csv");
    assert_eq!(lines.len(), 2, "{out}");
    assert!(!out.contains("ghost.txt"), "{out}");
    let listed = list(&case);
    assert_eq!(doc(&listed, "notes/ghost.txt")["title"], "Ghost");
    assert_eq!(doc(&listed, "notes/ghost.txt")["published"], "2024-01-01");

    // The table removed: the documents are as their files say, and nothing is reported.
    std::fs::remove_file(&table).expect("remove");
    let out = case.ok(&["index"]);
    assert!(
        summary(&out).contains("(0 new, 4 changed, 1 removed, 3 unchanged files)"),
        "raid, july, undated and ghost read again; baddate had no row: {out}"
    );
    assert!(!out.contains("metadata.csv"), "{out}");
    let listed = list(&case);
    let raid = doc(&listed, "notes/raid.txt");
    assert_eq!(raid["title"], "scraped line 1");
    assert_eq!(raid["source"], Value::Null);
    assert_eq!(raid["published"], Value::Null);
    assert_eq!(doc(&listed, "notes/ghost.txt")["title"], "a line");

    // And back: a table added later applies on the next index.
    std::fs::write(case.root.join("corpus/notes/metadata.jsonl"), JSONL).expect("jsonl");
    case.ok(&["index"]);
    let listed = list(&case);
    assert_eq!(doc(&listed, "notes/july.txt")["published"], "1958-07-14");
    assert!(
        !listed.iter().any(|(id, _)| id.contains("metadata")),
        "a metadata.jsonl is a table, not documents: {listed:?}"
    );
}

#[test]
fn isnad_add_copies_a_folder_with_its_table() {
    let case = Case::new("case");
    let outside = case.root.parent().expect("parent").join("incoming");
    std::fs::create_dir_all(&outside).expect("mkdir");
    for (name, text) in REPORTS {
        std::fs::write(outside.join(name), text).expect("write report");
    }
    std::fs::write(outside.join("metadata.csv"), CSV).expect("write table");
    let out = case.ok(&["add", outside.to_str().expect("path")]);
    assert!(out.contains("added incoming/metadata.csv"), "{out}");
    assert!(
        out.contains("  skipped incoming/metadata.csv:6: it names \"ghost.txt\""),
        "{out}"
    );
    let listed = list(&case);
    assert_eq!(doc(&listed, "incoming/july.txt")["published"], "1958-07-14");

    // A table without a `file` column is refused, with what to do.
    let broken = case.root.parent().expect("parent").join("broken");
    std::fs::create_dir_all(&broken).expect("mkdir");
    std::fs::write(broken.join("metadata.csv"), "name,title\na.txt,x\n").expect("write");
    let output = case.run(&["add", broken.to_str().expect("path")]);
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("metadata.csv: its first row names no \"file\" column"),
        "{err}"
    );
}
