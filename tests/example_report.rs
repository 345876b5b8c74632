//! The example report in `assets/sample-report.md` (shown in the README) is what isnad
//! writes for the sample case with the claims of the claims issue: rebuilt here, compared
//! byte for byte, so it cannot drift from the tool. `ISNAD_WRITE_EXAMPLE=1` rewrites it.

mod common;

/// The analyst's commands, one per line, arguments separated by `|`.
const SESSION: &str = "\
entity|add|بوتين|--type|PER|--alias|Putin|--all
entity|add|داعش|--type|ORG|--alias|ISIS|--alias|تنظيم الدولة الإسلامية|--all
claim|add|death toll|--status|disputed
claim|link|1|--doc|A|--quote|أسفر عن مقتل 144 شخصًا|--stance|supports
claim|link|1|--doc|B|--quote|توفي على الأقل 143 شخصا|--stance|mentions|--note|at least
claim|add|ISIS claimed responsibility|--status|supported
claim|link|2|--doc|A|--quote|تنظيم داعش أعلن مسؤوليته عن الهجوم|--stance|supports
claim|link|2|--doc|B|--quote|أدعى تنظيم الدولة الإسلامية مسؤوليته عن الهجوم|--stance|supports";

#[test]
fn the_readme_example_report_is_what_isnad_writes() {
    let case = common::case::Case::new("sample");
    for line in SESSION.lines() {
        let args: Vec<&str> = line
            .split('|')
            .map(|a| match a {
                "A" => common::SAMPLE_A,
                "B" => common::SAMPLE_B,
                other => other,
            })
            .collect();
        case.ok(&args);
    }
    let report = case.ok(&["export", "--format", "md"]);
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = manifest.join("assets/sample-report.md");
    if std::env::var_os("ISNAD_WRITE_EXAMPLE").is_some() {
        std::fs::write(&path, &report).expect("write the example");
    }
    let committed = std::fs::read_to_string(&path).expect("assets/sample-report.md");
    assert_eq!(
        report, committed,
        "regenerate with ISNAD_WRITE_EXAMPLE=1 cargo test --test example_report"
    );
    let readme = std::fs::read_to_string(manifest.join("README.md")).expect("README.md");
    assert!(
        readme.contains(&committed),
        "the README shows the example report as it is"
    );
}
