//! `isnad claim add|link|list` on the sample reports: the death toll and responsibility
//! claims of the issue, distinct sources, the numbers hint, and errors that say what to do.

mod common;

use common::case::{Case, slice_at};

#[test]
fn the_death_toll_and_responsibility_claims_of_the_sample() {
    let case = Case::new("case");
    let (a, b) = (common::SAMPLE_A, common::SAMPLE_B);
    let toll = case.ok(&["claim", "add", "death toll"]).trim().to_owned();
    assert_eq!(toll, "1", "the id alone on stdout");
    case.link(&toll, a, "أسفر عن مقتل 144 شخصًا", "supports", &[])
        .expect("link");
    case.link(
        &toll,
        b,
        "توفي على الأقل 143 شخصا",
        "mentions",
        &["--note", "at least"],
    )
    .expect("link");
    let isis = case.ok(&[
        "claim",
        "add",
        "ISIS claimed responsibility",
        "--status",
        "supported",
    ]);
    let isis = isis.trim();
    case.link(
        isis,
        a,
        "تنظيم داعش أعلن مسؤوليته عن الهجوم",
        "supports",
        &[],
    )
    .expect("link");
    case.link(
        isis,
        b,
        "أدعى تنظيم الدولة الإسلامية مسؤوليته عن الهجوم",
        "supports",
        &[],
    )
    .expect("link");

    let claims = case.claims();
    let toll = &claims[0];
    assert_eq!(
        (toll["text"].as_str(), toll["status"].as_str()),
        (Some("death toll"), Some("unverified"))
    );
    assert_eq!(toll["sources"], 2);
    assert_eq!(toll["supporting_sources"], 1);
    assert_eq!(toll["mentioning_sources"], 1);
    let hints = toll["hints"].as_array().expect("hints");
    assert!(
        hints.iter().any(|h| h
            .as_str()
            .is_some_and(|h| h.contains("144") && h.contains("143"))),
        "{hints:?}"
    );
    // Code points slice the document's text back to the quote.
    for piece in toll["evidence"].as_array().expect("evidence") {
        let doc = piece["doc"].as_str().expect("doc");
        let text = std::fs::read_to_string(case.root.join("corpus").join(doc)).expect("read");
        assert_eq!(
            slice_at(&text, piece),
            piece["quote"].as_str().expect("quote")
        );
    }
    assert_eq!(toll["evidence"][1]["note"], "at least");
    let isis = &claims[1];
    assert_eq!(isis["status"], "supported");
    assert_eq!(isis["supporting_sources"], 2);
    assert!(isis["hints"].as_array().expect("hints").is_empty());
    let human = case.ok(&["claim", "list"]);
    assert!(human.contains("numbers differ: 144"), "{human}");
}

#[test]
fn ambiguous_missing_and_wrong_passages_are_errors() {
    let case = Case::new("case");
    let a = common::SAMPLE_A;
    case.ok(&["claim", "add", "x"]);
    let many = case
        .link("1", a, "داعش", "supports", &[])
        .expect_err("ambiguous");
    assert!(
        many.contains("occurs 7 times") && many.contains("--occurrence"),
        "{many}"
    );
    case.link("1", a, "داعش", "refutes", &["--occurrence", "2"])
        .expect("second one");
    let past = case
        .link("1", a, "داعش", "supports", &["--occurrence", "8"])
        .expect_err("past");
    assert!(past.contains("only 7 times"), "{past}");
    let absent = case
        .link("1", a, "لا يوجد هذا", "supports", &[])
        .expect_err("absent");
    assert!(absent.contains("does not occur"), "{absent}");
    let claim = case
        .link("9", a, "داعش", "supports", &[])
        .expect_err("no claim");
    assert!(claim.contains("no claim 9"), "{claim}");
    let stance = case
        .link("1", a, "داعش", "agrees", &[])
        .expect_err("stance");
    assert!(stance.contains("supports, refutes, mentions"), "{stance}");
    let status = case.fails(&["claim", "add", "y", "--status", "maybe"]);
    assert!(status.contains("unverified, supported"), "{status}");
    // Only the one good link was stored.
    let claims = case.claims();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["evidence"].as_array().expect("evidence").len(), 1);
    assert_eq!(claims[0]["refuting_sources"], 1);
    // Linking the same passage again changes its stance; undo brings the old one back.
    case.link("1", a, "داعش", "supports", &["--occurrence", "2"])
        .expect("again");
    assert_eq!(case.claims()[0]["evidence"][0]["stance"], "supports");
    case.ok(&["undo"]);
    assert_eq!(case.claims()[0]["evidence"][0]["stance"], "refutes");
}

/// Free text that starts with `-` (a list item, a negative number) is a value, not an
/// option: claim text, quotes, notes, document ids, entity names and aliases.
#[test]
fn text_that_starts_with_a_hyphen_is_a_value() {
    let case = Case::new("case");
    std::fs::write(
        case.root.join("corpus/-list.txt"),
        "قائمة\n- A: the toll was revised by -6 overnight.\n",
    )
    .expect("write");
    case.ok(&["index"]);
    let id = case.ok(&["claim", "add", "-5 dead"]).trim().to_owned();
    case.link(
        &id,
        "-list.txt",
        "- A",
        "mentions",
        &["--note", "-6 in the draft"],
    )
    .expect("a quote and a note that start with -");
    case.link(&id, "-list.txt", "-6", "refutes", &["--note", "--"])
        .expect("a note that is only dashes");
    let claims = case.claims();
    assert_eq!(claims[0]["text"], "-5 dead");
    let evidence = claims[0]["evidence"].as_array().expect("evidence");
    assert_eq!(
        (&evidence[0]["quote"], &evidence[0]["note"]),
        (&"- A".into(), &"-6 in the draft".into())
    );
    assert_eq!(evidence[1]["note"], "--");

    case.ok(&[
        "entity",
        "add",
        "-A",
        "--type",
        "MISC",
        "--alias",
        "-B",
        "--doc",
        "-list.txt",
        "--quote",
        "- A",
        "--note",
        "-x",
    ]);
    let entities = case.json(&["entity", "list", "--json"]);
    assert_eq!(entities[0]["name"], "-A");
    assert_eq!(entities[0]["aliases"][0], "-B");
    assert_eq!(entities[0]["note"], "-x");
    assert!(
        case.ok(&["show", "-list.txt", "--width", "60"])
            .contains("overnight")
    );
}
