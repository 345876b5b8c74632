//! The HTML and Markdown reports checked by the rules of their own ecosystems, over a mixed
//! English/Arabic workspace: the HTML parsed by an HTML5 parser (scraper, html5ever) and
//! every inline part whose strong characters go against its line's direction found isolated
//! (`<bdi>` or an element with `dir`, W3C's "Inline markup and bidirectional text in HTML");
//! the Markdown rendered by a CommonMark parser (pulldown-cmark) and found to hold no list,
//! heading or raw HTML that a document's text made.

mod common;
#[path = "formats/commonmark.rs"]
mod commonmark;
#[path = "formats/html.rs"]
mod html_rules;

use common::case::Case;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html, Selector};

/// An English wire (its id `wire.jsonl#tass-1`) quoting an Arabic sentence, with lines that
/// look like Markdown and a literal `&lt;` and `<tag>`.
const WIRE: &str = concat!(
    r#"{"id":"tass-1","title":"Moscow attack: toll rises","source":"وكالة تاس","#,
    r#""published":"2024-03-23","url":"https://tass.example/1","lang":"en","body":"#,
    r#""Officials said 143 people died.\n- The FSB said &lt;tag&gt; and <tag> were found.\n"#,
    r#"1. Gunmen fled towards Bryansk.\nقال المتحدث إن المهاجمين فروا.\n"#,
    r#"Vladimir Putin spoke of the U.S. warning."}"#,
    "\n"
);

/// An Arabic report whose id has a space.
const FIELD: &str = "field notes 2024.txt";
const FIELD_TEXT: &str = "تقرير ميداني\nأكد بوتين في زابوروجيا أن 144 شخصا قتلوا.\nذكرت CNN أن العدد 143.\nوغادر بوتين المكان.\n";
/// The passage of the field notes deleted after it was annotated: its evidence and the
/// mention of زابوروجيا are orphaned (بوتين is found again in the next line).
const DELETED: &str = "أكد بوتين في زابوروجيا أن 144 شخصا قتلوا.\n";

const WIRE_ID: &str = "wire.jsonl#tass-1";
const CROSSING: &str = "Officials said 143 people died.\n- The FSB said";
const DASH: &str = "- The FSB said &lt;tag&gt; and <tag> were found.";
const NUMBERED: &str = "1. Gunmen fled towards Bryansk.";
const ARABIC_IN_ENGLISH: &str = "قال المتحدث إن المهاجمين فروا.";

fn mixed() -> Case {
    let case = Case::new("mixed");
    let config = case.root.join("isnad.toml");
    let mut toml = std::fs::read_to_string(&config).expect("isnad.toml");
    toml.push_str(concat!(
        "\n[[entity_types]]\nname = \"PER\"\nkey = \"p\"\ncolour = \"light-red\"\n",
        "\n[[entity_types]]\nname = \"شخص\"\nkey = \"ش\"\ncolour = \"green\"\n",
    ));
    std::fs::write(&config, toml).expect("write isnad.toml");
    std::fs::write(case.root.join("corpus/wire.jsonl"), WIRE).expect("wire");
    std::fs::write(case.root.join("corpus").join(FIELD), FIELD_TEXT).expect("field");
    case.ok(&["index"]);
    // A nested mention: Putin inside Vladimir Putin, of an Arabic type.
    case.ok(&["entity", "add", "Vladimir Putin", "--type", "شخص", "--all"]);
    case.ok(&["entity", "add", "Putin", "--type", "PER", "--all"]);
    case.ok(&["entity", "add", "بوتين", "--type", "PER", "--all"]);
    case.ok(&["entity", "add", "زابوروجيا", "--type", "شخص", "--all"]);
    case.ok(&["claim", "add", "عدد القتلى 143", "--status", "disputed"]);
    for (doc, quote, stance) in [
        (WIRE_ID, CROSSING, "supports"),
        (WIRE_ID, DASH, "mentions"),
        (WIRE_ID, NUMBERED, "mentions"),
        (WIRE_ID, ARABIC_IN_ENGLISH, "mentions"),
        (
            FIELD,
            "أكد بوتين في زابوروجيا أن 144 شخصا قتلوا.",
            "refutes",
        ),
        (FIELD, "ذكرت CNN أن العدد 143.", "supports"),
    ] {
        let mut args = vec![
            "claim", "link", "1", "--doc", doc, "--quote", quote, "--stance", stance,
        ];
        if quote == DASH {
            args.extend(["--note", "<tag> is the FSB's"]);
        }
        case.ok(&args);
    }
    case.ok(&["doc", "note", WIRE_ID, "check <tag> & &lt;"]);
    case.ok(&["doc", "tag", WIRE_ID, "مصدر رسمي"]);
    let path = case.root.join("corpus").join(FIELD);
    std::fs::write(&path, FIELD_TEXT.replace(DELETED, "")).expect("edit");
    case.ok(&["index"]);
    case
}

#[test]
fn html_report_isolates_every_part_and_lays_quotes_out_by_their_own_direction() {
    let case = mixed();
    let page = case.ok(&["export", "--format", "html"]);
    let html = Html::parse_document(&page);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    let select = |s: &str| Selector::parse(s).expect("selector");

    html_rules::assert_parts_isolated(&html);
    html_rules::assert_citations_isolated(&html);
    let cites: Vec<String> = html
        .select(&select("p.cite"))
        .map(|p| p.text().collect())
        .collect();
    assert!(
        cites
            .iter()
            .any(|c| c.contains(WIRE_ID) && c.contains("وكالة تاس") && c.contains("2024-03-23"))
    );

    // Each quote is laid out by its own first strong character, in its document's language.
    let quotes: Vec<ElementRef> = html.select(&select("blockquote")).collect();
    assert_eq!(quotes.len(), 6);
    for quote in &quotes {
        let text: String = quote.text().collect();
        let first = text
            .chars()
            .find_map(html_rules::strong)
            .expect("a strong character");
        assert_eq!(quote.value().attr("dir"), Some(first), "{}", quote.html());
    }
    let arabic = quotes
        .iter()
        .find(|q| q.text().collect::<String>() == ARABIC_IN_ENGLISH)
        .expect("the Arabic quote of the English wire");
    assert_eq!(arabic.value().attr("dir"), Some("rtl"));
    assert_eq!(arabic.value().attr("lang"), Some("en"));
    // A mention's line goes by its own paragraph: Putin's is English, although its context
    // begins with the end of the Arabic line before.
    let putin = html
        .select(&select("li[dir]"))
        .find(|li| li.text().any(|t| t.contains("spoke of the U.S. warning")))
        .expect("the mention of Putin");
    assert_eq!(putin.value().attr("dir"), Some("ltr"), "{}", putin.html());
    // A quote crossing a line keeps it; every document string is text, never markup.
    assert!(
        quotes
            .iter()
            .any(|q| q.text().collect::<String>() == CROSSING)
    );
    assert!(quotes.iter().any(|q| q.text().collect::<String>() == DASH));
    assert!(
        html.select(&select("tag")).next().is_none(),
        "<tag> stays text"
    );
    assert!(page.contains("&amp;lt;tag&amp;gt;"), "&lt; stays &lt;");

    // Orphans: marked, counted apart.
    let orphaned: Vec<ElementRef> = html.select(&select("blockquote.orphaned")).collect();
    assert_eq!(orphaned.len(), 1);
    assert!(
        orphaned[0].text().collect::<String>().contains("144"),
        "{}",
        orphaned[0].html()
    );
    assert!(
        page.contains(
            "1 piece of evidence orphaned (no longer found in its document), not counted."
        )
    );
    // The refuting source is orphaned: it counts no more.
    assert!(
        page.contains("<p>2 supporting, 0 refuting, 1 mentioning (distinct sources)."),
        "{page}"
    );
    let orphan_mentions: Vec<String> = html
        .select(&select("li.orphaned"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(orphan_mentions.len(), 1, "{orphan_mentions:?}");
    assert!(orphan_mentions[0].contains(FIELD) && orphan_mentions[0].contains("orphaned"));
    assert!(
        page.contains("0 mentions · <strong class=\"orphaned\">1 orphaned</strong>"),
        "{page}"
    );
}

#[test]
fn markdown_report_keeps_quotes_as_quotes_by_commonmark() {
    let case = mixed();
    let report = case.ok(&["export", "--format", "md"]);
    let (events, quotes) = commonmark::commonmark(&report);
    // No raw HTML anywhere; no list, heading or code block inside a quote.
    commonmark::assert_quotes_hold_no_markup(&events, &report);
    // Each quote reads as its text, lines and all.
    for expected in [CROSSING, DASH, NUMBERED, ARABIC_IN_ENGLISH] {
        assert!(
            quotes.iter().any(|q| q == expected),
            "{expected:?} not in {quotes:#?}"
        );
    }
    // The headings are the report's own.
    let mut headings = Vec::new();
    let mut in_heading = false;
    for event in &events {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                headings.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if in_heading => {
                headings.last_mut().expect("heading").push_str(t);
            }
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            "isnad report: mixed",
            "Claims",
            "1. عدد القتلى 143 — disputed",
            "Entities",
            "PER",
            "شخص",
            "Documents cited",
        ]
    );
    // `&lt;` in a document reads `&lt;`, `<tag>` reads `<tag>`.
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, Parser::new_ext(&report, Options::empty()));
    assert!(
        rendered.contains("&amp;lt;tag&amp;gt; and &lt;tag&gt; were found"),
        "{rendered}"
    );
    assert!(
        rendered.contains("check &lt;tag&gt; &amp; &amp;lt;"),
        "{rendered}"
    );
    // The document id with a space, whole in a code span.
    assert!(events.contains(&Event::Code(FIELD.into())), "{report}");
    // Orphans counted apart and marked.
    assert!(
        report.contains(
            "1 piece of evidence orphaned (no longer found in its document), not counted."
        )
    );
    assert!(
        report.contains("· **orphaned: no longer found in the document**"),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "- **زابوروجيا**: **orphaned** (no longer found): `{FIELD}` ×1\n"
        )),
        "{report}"
    );
    assert!(report.contains(&format!("- **بوتين**: `000_ff08125e7d15537c.txt` ×2, `001_1a6e48de951f8d1c.txt` ×6, `{FIELD}` ×2\n")), "{report}");
}
