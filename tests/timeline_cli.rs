//! A claim's timeline on the command line and in the reports: evidence in publication
//! order (undated last, said to be so), the first report named by its source (else its
//! title) and date, dates before 1970 included; `claim list --json` carries
//! `first_reported`.

mod common;

use common::case::Case;

/// The sample reports (undated) plus three dated reports with front matter: BBC on
/// 2024-03-22, RT عربي the day after, and an archive with no source from 1969 (named
/// `zz-` so the store lists it after RT's).
fn dated() -> Case {
    let case = Case::new("timeline");
    let write = |name: &str, text: &str| {
        std::fs::write(case.root.join("corpus").join(name), text).expect("write a report");
    };
    write(
        "rt.md",
        "---\ntitle: حصيلة هجوم كروكوس\nsource: RT عربي\npublished: 2024-03-23\nlang: ar\n---\n\nأعلنت السلطات مقتل 144 شخصا في الهجوم.\n",
    );
    write(
        "bbc.md",
        "---\ntitle: Crocus attack\nsource: BBC\npublished: 2024-03-22\nlang: en\n---\n\nAt least 60 people were killed at Crocus City Hall.\n",
    );
    write(
        "zz-archive.md",
        "---\ntitle: أرشيف قديم\npublished: 1969-07-20\nlang: ar\n---\n\nوثيقة من الأرشيف عن الهجوم.\n",
    );
    case.ok(&["index"]);
    case.ok(&["claim", "add", "death toll"]);
    // The store lists evidence by document id: the undated sample report first, so the
    // timeline has to move it.
    case.ok(&[
        "claim",
        "link",
        "1",
        "--doc",
        "rt.md",
        "--quote",
        "مقتل 144 شخصا",
        "--stance",
        "supports",
    ]);
    case.ok(&[
        "claim",
        "link",
        "1",
        "--doc",
        common::SAMPLE_A,
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
        "bbc.md",
        "--quote",
        "At least 60 people",
        "--stance",
        "supports",
    ]);
    case.ok(&["claim", "add", "an old story"]);
    case.ok(&[
        "claim",
        "link",
        "2",
        "--doc",
        "rt.md",
        "--quote",
        "في الهجوم",
        "--stance",
        "mentions",
    ]);
    case.ok(&[
        "claim",
        "link",
        "2",
        "--doc",
        "zz-archive.md",
        "--quote",
        "وثيقة من الأرشيف",
        "--stance",
        "mentions",
    ]);
    case.ok(&["claim", "add", "undated only"]);
    case.ok(&[
        "claim",
        "link",
        "3",
        "--doc",
        common::SAMPLE_B,
        "--quote",
        "توفي على الأقل 143 شخصا",
        "--stance",
        "supports",
    ]);
    case
}

/// The text of `report` from `start` up to the next `end` (or its end).
fn section<'a>(report: &'a str, start: &str, end: &str) -> &'a str {
    let (_, rest) = report
        .split_once(start)
        .unwrap_or_else(|| panic!("{start:?} in\n{report}"));
    rest.split_once(end).map_or(rest, |(before, _)| before)
}

fn position(text: &str, part: &str) -> usize {
    text.find(part)
        .unwrap_or_else(|| panic!("{part:?} in\n{text}"))
}

#[test]
fn the_markdown_report_lists_evidence_by_date_and_names_the_first_report() {
    let case = dated();
    let report = case.ok(&["export", "--format", "md"]);
    let claim = section(&report, "### 1. death toll", "### 2.");
    assert!(
        claim.contains("First reported by BBC on 2024-03-22."),
        "{claim}"
    );
    let (bbc, rt, undated) = (
        position(claim, "> At least 60 people"),
        position(claim, "> مقتل 144 شخصا"),
        position(claim, "> أسفر عن مقتل 144 شخصًا"),
    );
    assert!(
        bbc < rt && rt < undated,
        "date order, undated last:\n{claim}"
    );
    assert!(
        claim.contains("· 2024-03-22 · bbc.md · first report"),
        "{claim}"
    );
    assert!(
        claim.contains(&format!("· {} · undated", md_id(common::SAMPLE_A))),
        "{claim}"
    );
    // No source: the title names it; 1969 comes before 2024.
    let old = section(&report, "### 2. an old story", "### 3.");
    assert!(
        old.contains("First reported by أرشيف قديم on 1969-07-20."),
        "{old}"
    );
    assert!(position(old, "> وثيقة من الأرشيف") < position(old, "> في الهجوم"));
    let none = section(&report, "### 3. undated only", "## Entities");
    assert!(
        none.contains("First reported: not known (no evidence is dated)."),
        "{none}"
    );
    assert!(
        !none.contains("· undated"),
        "said once for the claim:\n{none}"
    );
}

/// An id as the Markdown report escapes it.
fn md_id(id: &str) -> String {
    id.replace('_', "\\_")
}

#[test]
fn the_html_report_isolates_who_reported_first() {
    let case = dated();
    let page = case.ok(&["export", "--format", "html"]);
    assert!(
        page.contains(
            "<p class=\"first\">First reported by <bdi>BBC</bdi> on <time dir=\"auto\" datetime=\"2024-03-22\">2024-03-22</time>.</p>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "First reported by <bdi>أرشيف قديم</bdi> on <time dir=\"auto\" datetime=\"1969-07-20\">"
        ),
        "{page}"
    );
    let claim = section(&page, "1. <bdi>death toll</bdi>", "<section>");
    assert!(
        position(claim, ">At least 60 people<") < position(claim, ">مقتل 144 شخصا<"),
        "{claim}"
    );
}

#[test]
fn claim_list_names_the_first_report() {
    let case = dated();
    let claims = case.claims();
    assert_eq!(
        claims[0]["first_reported"],
        serde_json::json!({"doc": "bbc.md", "source": "BBC", "published": "2024-03-22", "by": ["BBC"]})
    );
    assert_eq!(
        claims[1]["first_reported"],
        serde_json::json!({"doc": "zz-archive.md", "source": "أرشيف قديم", "published": "1969-07-20", "by": ["أرشيف قديم"]})
    );
    assert!(claims[2]["first_reported"].is_null());
    // The keys scripts use are still there.
    assert_eq!(claims[0]["evidence"].as_array().map(Vec::len), Some(3));
    assert_eq!(claims[0]["supporting_sources"], 3);
    let text = case.ok(&["claim", "list"]);
    assert!(
        text.contains("first reported by BBC on 2024-03-22 (bbc.md)"),
        "{text}"
    );
}
