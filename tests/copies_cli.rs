//! Syndicated copies on the command line: `doc copies` groups a wire story with the
//! outlets' edited copies under the earliest published, keeps the groups as documents
//! come, change and go, makes them for an index from before copies existed; `claim list`
//! counts copies of one origin as one independent source and says which were folded.

mod common;

use common::case::Case;
use serde_json::Value;

/// A wire story of some sixty words.
const WIRE: &str = "قالت وزارة الصحة في غزة إن عدد القتلى ارتفع إلى ١٤٤ شخصاً بعد الغارات \
التي استهدفت أحياء سكنية في شمال القطاع فجر اليوم، وأضافت الوزارة في بيان أن فرق الإنقاذ ما \
زالت تبحث عن مفقودين تحت أنقاض المباني المدمرة. وقال شهود عيان إن الطائرات حلقت على ارتفاع \
منخفض قبل القصف الذي استمر ساعتين. وأكدت مصادر طبية أن المستشفيات تعاني نقصاً حاداً في \
الوقود والأدوية وأن الطواقم تعمل منذ يومين دون توقف.";

/// Another story on the same event: its names and words, not its text.
const OWN: &str = "زار مراسلنا مستشفى الشفاء في غزة اليوم حيث يرقد عشرات الجرحى من الغارات على \
شمال القطاع، وقال مدير المستشفى إن الأطباء يجرون العمليات على ضوء الهواتف بسبب نقص الوقود، \
مطالباً المنظمات الدولية بالتدخل العاجل لإدخال الأدوية. وروى أحد الجرحى كيف انهار المبنى \
الذي كان يسكنه مع عائلته فجر اليوم.";

fn report(source: &str, published: &str, title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\nsource: {source}\npublished: {published}\nlang: ar\n---\n\n{body}\n"
    )
}

/// The wire story (Reuters, 1 March), two outlets' copies of it a day later (one with an
/// attribution line and a sentence of its own, one with its paragraphs in another order
/// and a footer), and a story of the BBC's own on the same event.
fn syndicated() -> Case {
    let case = Case::new("copies");
    let write = |name: &str, text: String| {
        std::fs::write(case.root.join("corpus").join(name), text).expect("write a report");
    };
    write(
        "wire.md",
        report("Reuters", "2024-03-01", "ارتفاع عدد القتلى", WIRE),
    );
    write(
        "aj.md",
        report(
            "الجزيرة",
            "2024-03-02",
            "غارات دامية على شمال غزة",
            &format!("(رويترز) - {WIRE} ولم يصدر تعليق فوري من الجيش على هذه الأرقام."),
        ),
    );
    let (first, rest) = WIRE.split_once(" وقال شهود").expect("a cut");
    write(
        "rt.md",
        report(
            "RT",
            "2024-03-02",
            "حصيلة جديدة",
            &format!("وقال شهود{rest} {first}\nتابعونا على قناتنا للمزيد من الأخبار العاجلة."),
        ),
    );
    write(
        "bbc.md",
        report("BBC", "2024-03-01", "في مستشفى الشفاء", OWN),
    );
    case.ok(&["index"]);
    case
}

/// Claim 1, "the toll rose to 144", with evidence in `docs` (the toll's passage in the
/// wire's copies, the wounded in the BBC's story), linked in that order.
fn toll_claim(case: &Case, docs: &[&str]) {
    case.ok(&["claim", "add", "the toll rose to 144"]);
    for doc in docs {
        let quote = if *doc == "bbc.md" {
            "عشرات الجرحى"
        } else {
            "١٤٤ شخصاً"
        };
        case.ok(&[
            "claim", "link", "1", "--doc", doc, "--quote", quote, "--stance", "supports",
        ]);
    }
}

fn groups(case: &Case) -> Vec<Value> {
    case.ok(&["doc", "copies", "--json"])
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// (origin, copies in order), similarities checked on the way.
fn shape(groups: &[Value]) -> Vec<(String, Vec<String>)> {
    groups
        .iter()
        .map(|group| {
            let copies = group["copies"].as_array().expect("copies");
            for copy in copies {
                let similarity = copy["similarity"].as_f64().expect("a similarity");
                assert!((0.35..1.0).contains(&similarity), "{group}");
            }
            (
                group["origin"].as_str().expect("origin").to_owned(),
                copies
                    .iter()
                    .map(|c| c["doc"].as_str().expect("doc").to_owned())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn copies_group_under_the_earliest_and_follow_the_corpus() {
    let case = syndicated();
    let found = groups(&case);
    assert_eq!(
        shape(&found),
        [(
            "wire.md".to_owned(),
            vec!["aj.md".to_owned(), "rt.md".to_owned()]
        )]
    );
    assert_eq!(found[0]["published"], "2024-03-01");
    assert_eq!(found[0]["copies"][0]["published"], "2024-03-02");
    let text = case.ok(&["doc", "copies"]);
    assert!(
        text.starts_with("1 copy group (2 copies folded into 1 origin):"),
        "{text}"
    );
    assert!(
        text.contains("origin  2024-03-01 · Reuters · ارتفاع عدد القتلى"),
        "{text}"
    );
    assert!(
        text.contains("%  2024-03-02 · الجزيرة · غارات دامية على شمال غزة"),
        "{text}"
    );
    // Search results carry the same marks.
    let hits: Vec<Value> = case
        .ok(&["search", "غزة", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let hit = |doc: &str| hits.iter().find(|h| h["doc"] == doc).expect(doc).clone();
    assert_eq!(
        (
            hit("wire.md")["copies"].clone(),
            hit("wire.md").get("copy_of").cloned()
        ),
        (2.into(), None)
    );
    assert_eq!(hit("rt.md")["copy_of"], "wire.md");
    assert_eq!(hit("bbc.md")["copies"], 0);
    let text = case.ok(&["search", "غزة"]);
    assert!(
        text.contains("wire.md · Reuters · 2024-03-01 · +2 copies\n"),
        "{text}"
    );
    assert!(
        text.contains("rt.md · RT · 2024-03-02 · copy of wire.md\n"),
        "{text}"
    );

    // A new copy joins; the origin's text changes to another story: the copies stay
    // together under the earliest of them left.
    std::fs::write(
        case.root.join("corpus/late.md"),
        report(
            "AFP",
            "2024-03-05",
            "late",
            &format!("{WIRE} وهذا ما أكدته الوكالة."),
        ),
    )
    .expect("write");
    case.ok(&["index"]);
    assert_eq!(shape(&groups(&case))[0].1, ["aj.md", "rt.md", "late.md"]);
    std::fs::write(
        case.root.join("corpus/wire.md"),
        report(
            "Reuters",
            "2024-03-01",
            "other",
            OWN.replace("الشفاء", "الأهلي").as_str(),
        ),
    )
    .expect("write");
    case.ok(&["index"]);
    let now = shape(&groups(&case));
    assert!(
        now.contains(&(
            "aj.md".to_owned(),
            vec!["rt.md".to_owned(), "late.md".to_owned()]
        )),
        "{now:?}"
    );
    // The rewritten wire is now a near copy of the BBC's story (one word differs).
    assert!(
        now.contains(&("bbc.md".to_owned(), vec!["wire.md".to_owned()])),
        "{now:?}"
    );
    // Gone from the corpus, gone from the groups.
    std::fs::remove_file(case.root.join("corpus/bbc.md")).expect("remove");
    case.ok(&["index"]);
    assert_eq!(
        shape(&groups(&case)),
        [(
            "aj.md".to_owned(),
            vec!["rt.md".to_owned(), "late.md".to_owned()]
        )]
    );
}

#[test]
fn an_index_from_before_copies_gets_them() {
    let case = syndicated();
    let copies = case.root.join(".isnad/copies.sqlite");
    assert!(copies.is_file());
    std::fs::remove_file(&copies).expect("remove the copies file");
    let output = case.run(&["doc", "copies", "--json"]);
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Finding the copies among the documents"),
        "{stderr}"
    );
    assert_eq!(groups(&case).len(), 1);
    // A file that is not a database is made again, not an error.
    std::fs::write(&copies, "not a database").expect("write");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(case.root.join(format!(".isnad/copies.sqlite{suffix}")));
    }
    case.ok(&["index"]);
    assert_eq!(groups(&case).len(), 1);
}

#[test]
fn no_copies_says_so() {
    let case = Case::new("alone");
    case.ok(&["index"]);
    assert_eq!(case.ok(&["doc", "copies", "--json"]), "");
    let text = case.ok(&["doc", "copies"]);
    assert!(
        text.starts_with("No copies: no two of the 2 documents"),
        "{text}"
    );
}

#[test]
fn copies_of_one_origin_are_one_independent_source() {
    let case = syndicated();
    toll_claim(&case, &["aj.md", "rt.md", "bbc.md"]);
    let claim = &case.claims()[0];
    assert_eq!(claim["sources"], 3, "{claim}");
    assert_eq!(claim["independent_sources"], 2, "{claim}");
    assert_eq!(claim["supporting_independent"], 2, "{claim}");
    assert_eq!(claim["documents"], 3, "{claim}");
    let origins: Vec<(&str, &Value)> = claim["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .map(|e| (e["doc"].as_str().expect("doc"), &e["origin"]))
        .collect();
    assert_eq!(
        origins,
        [
            ("aj.md", &Value::from("wire.md")),
            ("bbc.md", &Value::Null),
            ("rt.md", &Value::from("wire.md"))
        ]
    );
    // Who each passage is attributed to: Reuters, whose credit heads Al Jazeera's copy,
    // then the ministry in the wire's words.
    let attribution = &claim["evidence"][0]["attribution"];
    assert_eq!(
        attribution,
        &serde_json::json!([
            {"phrase": "dateline", "target": "رويترز", "kind": "outlet"},
            {"phrase": "قالت", "target": "وزارة الصحة", "kind": "officials"}
        ]),
        "{claim}"
    );
    let text = case.ok(&["claim", "list"]);
    assert!(
        text.contains("attributed to رويترز (outlet, dateline) ← وزارة الصحة (officials, قالت)"),
        "{text}"
    );
    assert!(
        text.contains(
            "2 independent sources (3 documents from 3 outlets): supported by 2 independent sources"
        ),
        "{text}"
    );
    assert!(
        text.contains("aj.md is a copy of wire.md: counted as one source with it"),
        "{text}"
    );
}

/// The reports count independent sources and say which copies were folded; the JSON
/// export names each cited copy's origin.
#[test]
fn reports_fold_copies_into_their_origin() {
    let case = syndicated();
    toll_claim(&case, &["aj.md", "rt.md", "bbc.md"]);
    let md = case.ok(&["export", "--format", "md"]);
    assert!(
        md.contains(
            "2 supporting, 0 refuting, 0 mentioning (independent sources: 2 in all, from 3 \
             outlets and 3 documents; copies counted with their origin: `aj.md` of `wire.md`, \
             `rt.md` of `wire.md`)."
        ),
        "{md}"
    );
    // The chain: the BBC's story first (its passage comes before "وقال مدير المستشفى", so
    // no one is named), then Reuters' with its two copies, each passage attributed.
    assert!(
        md.contains(
            "1. BBC: bbc.md (2024-03-01, first report)\n2. Reuters (wire.md): \
             aj.md (الجزيرة, 2024-03-02, copy) ← رويترز ← وزارة الصحة; rt.md (RT, 2024-03-02, copy) ← \
             وزارة الصحة\n"
        ),
        "{md}"
    );
    let html = case.ok(&["export", "--format", "html"]);
    assert!(html.contains("<ol class=\"chain\">"), "{html}");
    assert!(
        html.contains("copies counted with their origin: <bdi>aj.md</bdi> of <bdi>wire.md</bdi>"),
        "{html}"
    );
    let export = case.export();
    let documents = export["documents"].as_array().expect("documents");
    let copy_of = |id: &str| {
        documents
            .iter()
            .find(|d| d["id"] == id)
            .map(|d| d["copy_of"].clone())
            .expect("cited")
    };
    assert_eq!(copy_of("aj.md")["doc"], "wire.md");
    assert_eq!(copy_of("aj.md")["source"], "Reuters");
    assert_eq!(copy_of("bbc.md"), Value::Null);
    let evidence = &export["claims"][0]["evidence"];
    assert_eq!(
        evidence[0]["attribution"][1]["target"], "وزارة الصحة",
        "{export}"
    );
    assert!(
        !documents.iter().any(|d| d["id"] == "wire.md"),
        "an origin no annotation cites stays out"
    );
}

/// `claim chain`: the evidence by date, copies under their origin, attribution beside.
#[test]
fn a_claims_chain_folds_copies_and_shows_attribution() {
    let case = syndicated();
    toll_claim(&case, &["rt.md", "bbc.md", "aj.md"]);
    let chain: Value =
        serde_json::from_str(&case.ok(&["claim", "chain", "1", "--json"])).expect("JSON");
    assert_eq!(chain["independent_sources"], 2, "{chain}");
    let sources = chain["sources"].as_array().expect("sources");
    // The BBC's own story (1 March) holds the first appearance; Reuters' copies come after.
    assert_eq!(sources[0]["origin"], "bbc.md");
    assert_eq!(sources[0]["first"], true);
    assert_eq!(sources[1]["origin"], "wire.md");
    assert_eq!(sources[1]["source"], "Reuters");
    assert_eq!(sources[1]["published"], "2024-03-01");
    let copies: Vec<&str> = sources[1]["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .map(|e| e["doc"].as_str().expect("doc"))
        .collect();
    // Both on 2 March: in the order the store keeps evidence (by document).
    assert_eq!(copies, ["aj.md", "rt.md"]);
    assert_eq!(sources[1]["evidence"][0]["copy"], true);
    assert_eq!(
        sources[1]["evidence"][0]["attribution"][1]["target"],
        "وزارة الصحة"
    );
    // Nothing is linked in the wire story itself, yet its text tells the copies' passage;
    // published the same day as the BBC's, so not before the first linked report.
    assert_eq!(sources[1]["origin_linked"], false);
    let carried = sources[1]["evidence"][0]["id"].clone();
    assert_eq!(sources[1]["carries"]["evidence"], carried, "{chain}");
    assert_eq!(sources[1]["carries"]["earlier"], false, "{chain}");
    assert_eq!(
        sources[1]["carries"]["copies"],
        serde_json::json!(["aj.md", "rt.md"]),
        "both copies' passages are Reuters' text: {chain}"
    );
    assert_eq!(sources[0]["origin_linked"], true);
    assert!(sources[0].get("carries").is_none(), "{chain}");
    let text = case.ok(&["claim", "chain", "1"]);
    assert!(
        text.contains(
            "Reuters · wire.md · 2024-03-01\n  not linked, but its text carries the passages \
             linked in aj.md, rt.md\n"
        ),
        "{text}"
    );
    assert!(
        text.starts_with(
            "claim 1 — the toll rose to 144: 2 independent sources (3 pieces of evidence)"
        ),
        "{text}"
    );
    assert!(text.contains("Reuters · wire.md · 2024-03-01\n"), "{text}");
    assert!(
        text.contains("      ← وزارة الصحة (officials, قالت)"),
        "{text}"
    );
    let missing = case.fails(&["claim", "chain", "9"]);
    assert!(missing.contains("no claim 9"), "{missing}");
}

/// A sentence Al Jazeera added to its copy of Reuters' story is Al Jazeera's own: it counts
/// as its own independent source, the chain puts it under Al Jazeera, not Reuters, and
/// both say so.
#[test]
fn a_sentence_a_copy_added_is_its_own_source() {
    let case = syndicated();
    case.ok(&["claim", "add", "the army has not commented"]);
    for (doc, quote) in [("aj.md", "تعليق فوري من الجيش"), ("rt.md", "١٤٤ شخصاً")]
    {
        case.ok(&[
            "claim", "link", "1", "--doc", doc, "--quote", quote, "--stance", "mentions",
        ]);
    }
    let listed: Value = serde_json::from_str(&case.ok(&["claim", "list", "--json"])).expect("JSON");
    let claim = &listed[0];
    // Al Jazeera's own sentence and Reuters' story (through RT): two independent sources.
    assert_eq!(claim["independent_sources"], 2, "{claim}");
    let aj = claim["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .find(|e| e["doc"] == "aj.md")
        .expect("aj.md's piece");
    assert_eq!(aj["origin"], Value::Null, "{aj}");
    assert_eq!(aj["added_to_copy_of"], "wire.md", "{aj}");
    let text = case.ok(&["claim", "list"]);
    assert!(
        text.contains("aj.md copies wire.md, but its passage \"تعليق فوري من الجيش\" is not in wire.md: counted as الجزيرة's own"),
        "{text}"
    );
    let chain: Value =
        serde_json::from_str(&case.ok(&["claim", "chain", "1", "--json"])).expect("JSON");
    let origins: Vec<&str> = chain["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["origin"].as_str().expect("origin"))
        .collect();
    // Both on 2 March: in the order the store keeps evidence.
    assert_eq!(origins, ["aj.md", "wire.md"], "{chain}");
    let own = &chain["sources"][0]["evidence"][0];
    assert_eq!(own["copy"], false);
    assert_eq!(own["added_to_copy_of"], "wire.md");
    // Reuters' credit heads Al Jazeera's copy, but this sentence is not Reuters'.
    assert!(
        own["attribution"].as_array().is_some_and(Vec::is_empty),
        "{own}"
    );
    let text = case.ok(&["claim", "chain", "1"]);
    assert!(text.contains("aj.md · own text, not in wire.md"), "{text}");
}

/// An origin nobody linked that ran a copy's linked passage a day before it: `claim
/// chain`, `claim list` (text and JSON) and the md report all call the copy the first
/// linked report and name the origin beside it.
#[test]
fn an_earlier_unlinked_origin_is_named_everywhere() {
    let case = syndicated();
    // Claim 1 has the BBC's report of 1 March, as early as the wire: nothing earlier.
    toll_claim(&case, &["rt.md", "bbc.md", "aj.md"]);
    // Linked in a copy only: the copy of 2 March is the first linked report, and the
    // wire story it runs came out the day before.
    case.ok(&["claim", "add", "144 dead"]);
    case.ok(&[
        "claim",
        "link",
        "2",
        "--doc",
        "aj.md",
        "--quote",
        "١٤٤ شخصاً",
        "--stance",
        "mentions",
    ]);
    let chain: Value =
        serde_json::from_str(&case.ok(&["claim", "chain", "2", "--json"])).expect("JSON");
    assert_eq!(chain["sources"][0]["origin"], "wire.md", "{chain}");
    assert_eq!(chain["sources"][0]["carries"]["earlier"], true, "{chain}");
    // Every view says the same: the first linked report, and the unlinked origin before it.
    let listed: Value = serde_json::from_str(&case.ok(&["claim", "list", "--json"])).expect("JSON");
    let first = &listed[1]["first_reported"];
    assert_eq!(first["doc"], "aj.md", "{first}");
    assert_eq!(first["earlier_unlinked"]["doc"], "wire.md", "{first}");
    assert_eq!(
        first["earlier_unlinked"]["published"], "2024-03-01",
        "{first}"
    );
    assert!(
        listed[0]["first_reported"]
            .get("earlier_unlinked")
            .is_none()
    );
    let text = case.ok(&["claim", "list"]);
    assert!(
        text.contains(
            "first linked report by الجزيرة on 2024-03-02 (aj.md); Reuters (wire.md) ran the \
             passage on 2024-03-01, not linked"
        ),
        "{text}"
    );
    let md = case.ok(&["export", "--format", "md"]);
    assert!(
        md.contains(
            "First linked report by الجزيرة on 2024-03-02; Reuters (wire.md) ran the passage \
             on 2024-03-01, not linked."
        ),
        "{md}"
    );
    assert!(md.contains("2024-03-02, copy, first linked report"), "{md}");
    let text = case.ok(&["claim", "chain", "2"]);
    assert!(
        text.contains(", and it was published before the first linked report\n")
            && text.contains("aj.md · copy · first linked · mentions"),
        "{text}"
    );
}
