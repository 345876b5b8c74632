//! Telegram exports, RSS and Atom feeds and web archives from the command line: the fixtures
//! of `tests/data/formats/{telegram,feed,warc}` (README-feeds.md) indexed beside the sample
//! reports, each message, item and page a document with a stable id, and every file or part
//! of one that is not read named once with its reason.

mod common;

use std::path::Path;

use common::case::Case;
use common::search_ids;
use serde_json::Value;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats")
}

/// A case with the fixtures of `folders` copied into its corpus, indexed into `documents`
/// documents (the two sample reports among them): the case and what `isnad index` printed.
fn indexed(folders: &[&str], documents: usize) -> (Case, String) {
    let case = Case::new("case");
    for folder in folders {
        let to = case.root.join("corpus").join(folder);
        std::fs::create_dir_all(&to).expect("mkdir");
        for entry in std::fs::read_dir(fixtures().join(folder)).expect("fixtures") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let printed = case.ok(&["index"]);
    let count = format!("{documents} documents indexed");
    assert!(printed.starts_with(&count), "{printed}");
    (case, printed)
}

fn listed(case: &Case) -> Vec<Value> {
    case.ok(&["doc", "list", "--json"])
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON line"))
        .collect()
}

fn field<'a>(docs: &'a [Value], doc: &str, name: &str) -> &'a Value {
    let found = docs.iter().find(|d| d["doc"] == doc);
    &found.unwrap_or_else(|| panic!("{doc} listed: {docs:?}"))[name]
}

/// The documents of the fixtures (in folders) `query` finds: the sample reports speak of the
/// same attack.
/// Asserts that `isnad show DOC --logical` prints `text`.
fn shows(case: &Case, doc: &str, text: &str) {
    let shown = case.ok(&["show", doc, "--logical"]);
    assert!(shown.contains(text), "{doc} shows {shown}, not {text:?}");
}

/// Asserts that `printed` (what `isnad index` said) holds `line`.
fn says(printed: &str, line: &str) {
    assert!(printed.contains(line), "{line:?} not in {printed}");
}

fn search(case: &Case, query: &str) -> Vec<String> {
    let mut ids = search_ids(&case.data, &case.root, query);
    ids.retain(|id| id.contains('/'));
    ids
}

#[test]
fn telegram_messages_are_documents_and_media_is_counted_once() {
    // 2 sample reports, 3 messages of the channel, 5 of the full export.
    let (case, printed) = indexed(&["telegram"], 10);
    says(
        &printed,
        "skipped telegram/result.json: 2 messages without text (photos, stickers, \
             service messages) are not documents",
    );
    says(
        &printed,
        "skipped telegram/full-export.json: 3 messages without text",
    );
    says(
        &printed,
        "skipped telegram/broken-messages.json: a Telegram export whose \"messages\" is \
             not a list",
    );
    assert_eq!(
        printed.matches("telegram/result.json").count(),
        1,
        "one line for the file, not one per message: {printed}"
    );
    assert_eq!(
        search(&case, "كروكوس"),
        [
            "telegram/full-export.json#1500000001/2",
            "telegram/full-export.json#1500000001/3",
            "telegram/result.json#2",
            "telegram/result.json#3",
        ]
    );
    assert_eq!(
        search(&case, "Bryansk"),
        [
            "telegram/full-export.json#4242/2",
            "telegram/full-export.json#99/10"
        ]
    );
    let docs = listed(&case);
    let forwarded = "telegram/result.json#3";
    assert_eq!(field(&docs, forwarded, "source"), "قناة الرصد");
    assert_eq!(field(&docs, forwarded, "published"), "2024-03-22");
    let title = "عاجل: ارتفاع حصيلة الضحايا في الهجوم #كروكوس المصدر";
    assert_eq!(field(&docs, forwarded, "title"), title);
    let group = "telegram/full-export.json#4242/2";
    assert_eq!(field(&docs, group, "source"), "Desk chat");
    shows(
        &case,
        "telegram/result.json#5",
        "@kremlin_watch ينقل نفي الكرملين",
    );
}

/// What `doc list` does not print, read from the fixture by the library.
#[test]
fn telegram_keeps_who_a_message_was_forwarded_from_and_who_posted_it() {
    let bytes = std::fs::read(fixtures().join("telegram/result.json")).expect("fixture");
    let read = isnad::corpus::parse_file("result.json", &bytes);
    let forwarded = read
        .documents
        .iter()
        .find(|d| d.id == "result.json#3")
        .expect("message 3");
    assert_eq!(forwarded.forwarded_from.as_deref(), Some("وكالة تاس"));
    assert_eq!(forwarded.author.as_deref(), Some("قناة الرصد"));
    let own = read
        .documents
        .iter()
        .find(|d| d.id == "result.json#2")
        .expect("message 2");
    assert_eq!(own.forwarded_from, None);
}

#[test]
fn feed_items_are_documents_and_other_xml_is_named() {
    // 2 sample reports, 2 RSS items, 2 Atom entries, the billion-laughs item.
    let (case, printed) = indexed(&["feed"], 7);
    says(
        &printed,
        "skipped feed/logo.xml: not a feed: its root element is <svg>, where an RSS feed \
             has <rss> or <rdf:RDF> and an Atom feed <feed>",
    );
    says(
        &printed,
        "skipped feed/malformed.rss: the feed's XML is malformed at line 5",
    );
    assert_eq!(search(&case, "بريانسك"), ["feed/east.rss#east-2024-0001"]);
    assert_eq!(
        search(&case, "Kremlin"),
        ["feed/east.rss#https://east.example/en/2"]
    );
    assert_eq!(
        search(&case, "victims"),
        ["feed/wire.atom#tag:wire.example,2024:toll"]
    );
    assert!(
        search(&case, "track").is_empty(),
        "script text is not indexed"
    );
    assert!(
        search(&case, "ملخص").is_empty(),
        "content:encoded wins over the description"
    );
    let docs = listed(&case);
    let arabic = "feed/east.rss#east-2024-0001";
    assert_eq!(field(&docs, arabic, "source"), "أخبار المشرق");
    assert_eq!(field(&docs, arabic, "published"), "2024-03-23");
    assert_eq!(field(&docs, arabic, "lang"), "ar");
    let english = "feed/east.rss#https://east.example/en/2";
    assert_eq!(
        field(&docs, english, "lang"),
        "und",
        "not the Arabic feed's"
    );
    assert_eq!(field(&docs, english, "published"), "2024-03-25");
    let atom = "feed/wire.atom#tag:wire.example,2024:toll";
    assert_eq!(
        field(&docs, atom, "title"),
        "Death toll revised & names released"
    );
    assert_eq!(field(&docs, atom, "published"), "2024-03-24");
    assert_eq!(field(&docs, atom, "lang"), "en");
    assert_eq!(
        field(&docs, "feed/wire.atom#tag:wire.example,2024:ar-1", "lang"),
        "ar"
    );
    // An entity a DTD declares is kept as written, never expanded.
    shows(&case, "feed/laughs.rss#1", "before &lol9; after");
}

#[test]
fn warc_pages_are_documents_and_the_rest_is_counted() {
    // 2 sample reports, 2 pages from each of crawl.warc, crawl.warc.gz and truncated.warc.
    let (case, printed) = indexed(&["warc"], 8);
    for file in ["crawl.warc", "crawl.warc.gz"] {
        says(
            &printed,
            &format!(
                "skipped warc/{file}: 2 of 4 archived responses are not HTML pages with status \
                 200 and are not documents (1 image/png, 1 status 404)"
            ),
        );
    }
    says(
        &printed,
        "skipped warc/truncated.warc: the archive is damaged after record 5: the record \
             at byte",
    );
    says(
        &printed,
        "skipped warc/bomb.warc.gz: the compressed page decompresses to more than 64 MB",
    );
    let kremlin = "10000000-0000-4000-8000-000000000002";
    assert_eq!(
        search(&case, "الكرملين"),
        [
            format!("warc/crawl.warc#{kremlin}"),
            format!("warc/crawl.warc.gz#{kremlin}"),
            format!("warc/truncated.warc#{kremlin}"),
        ]
    );
    assert!(
        search(&case, "القائمة").is_empty(),
        "navigation is not text"
    );
    let docs = listed(&case);
    let arabic = format!("warc/crawl.warc#{kremlin}");
    assert_eq!(field(&docs, &arabic, "title"), "نفي الكرملين");
    assert_eq!(field(&docs, &arabic, "source"), "arabic.example.org");
    assert_eq!(
        field(&docs, &arabic, "published"),
        "2024-03-23",
        "WARC-Date"
    );
    let english = "warc/crawl.warc.gz#10000000-0000-4000-8000-000000000003";
    assert_eq!(field(&docs, english, "source"), "Wire Example");
    assert_eq!(
        field(&docs, english, "published"),
        "2024-03-22",
        "the page's own"
    );
    // The chunked body joined.
    shows(&case, english, "Gunmen opened fire");
}

#[test]
fn ids_survive_a_second_index_and_a_rebuild() {
    let (case, _) = indexed(&["telegram", "feed", "warc"], 21);
    let before: Vec<_> = listed(&case)
        .into_iter()
        .map(|d| d["doc"].clone())
        .collect();
    let again = case.ok(&["index"]);
    assert!(again.contains("0 new, 0 changed, 0 removed"), "{again}");
    case.ok(&["index", "--rebuild"]);
    let after: Vec<_> = listed(&case)
        .into_iter()
        .map(|d| d["doc"].clone())
        .collect();
    assert_eq!(before.len(), 21);
    let mut before = before.iter().map(ToString::to_string).collect::<Vec<_>>();
    let mut after = after.iter().map(ToString::to_string).collect::<Vec<_>>();
    before.sort();
    after.sort();
    assert_eq!(before, after);
}

/// A forwarded Telegram message is an attribution too: a passage of it names, last in its
/// chain, the channel it was first posted by.
#[test]
fn a_forwarded_message_is_attributed_to_the_channel_it_came_from() {
    let (case, _) = indexed(&["telegram"], 10);
    case.ok(&["claim", "add", "the toll rose"]);
    case.ok(&[
        "claim",
        "link",
        "1",
        "--doc",
        "telegram/result.json#3",
        "--quote",
        "ارتفاع حصيلة الضحايا",
        "--stance",
        "supports",
    ]);
    let claims: Value = serde_json::from_str(&case.ok(&["claim", "list", "--json"])).expect("JSON");
    let chain = claims[0]["evidence"][0]["attribution"]
        .as_array()
        .expect("attribution")
        .clone();
    assert_eq!(
        chain.last(),
        Some(
            &serde_json::json!({"phrase": "forwarded from", "target": "وكالة تاس", "kind": "outlet"})
        ),
        "{claims}"
    );
}
