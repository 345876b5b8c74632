//! The fuzz targets' seeds (`fuzz/seeds/TARGET/`), kept corpus (`fuzz/corpus/TARGET/`) and
//! every input that ever crashed one (`fuzz/regressions/TARGET/`), replayed through the same checks (`isnad::fuzzing`) on
//! every `cargo test`. A crash found by `cargo +nightly fuzz run TARGET` goes into
//! `fuzz/regressions/TARGET/` with the fix.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = 0;
    for folder in ["seeds", "corpus", "regressions"] {
        let dir = root.join(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.expect("entry").path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).expect("read");
            let caught = std::panic::catch_unwind(|| check(&data));
            assert!(caught.is_ok(), "{} fails {target}", path.display());
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn ingest_corpus() {
    assert!(replay("ingest", isnad::fuzzing::ingest) >= 8);
}

#[test]
fn layout_corpus() {
    assert!(replay("layout", isnad::fuzzing::layout) >= 8);
}

#[test]
fn query_corpus() {
    assert!(replay("query", isnad::fuzzing::query) >= 8);
}

#[test]
fn import_corpus() {
    assert!(replay("import", isnad::fuzzing::import) >= 2);
}

/// The layout check is the oracle for two targets: it must catch a broken layout.
#[test]
fn the_layout_check_catches_a_line_wider_than_the_pane() {
    let text = "ab cd";
    let settings = isnad::text::bidi::LayoutSettings {
        width: 10,
        base: isnad::text::bidi::Base::Forced(isnad::text::script::Direction::Ltr),
        shape: false,
    };
    let layout = isnad::text::bidi::layout_paragraph(text, &settings);
    isnad::fuzzing::check_layout(text, &layout, 10);
    let mut broken = layout.clone();
    broken.lines[0].width = 99;
    let caught = std::panic::catch_unwind(|| isnad::fuzzing::check_layout(text, &broken, 10));
    assert!(caught.is_err(), "a line wider than the pane passed");
}

#[test]
fn telegram_corpus() {
    assert!(
        replay("telegram", |data| isnad::fuzzing::ingest_as(
            "result.json",
            data
        )) >= 6
    );
}

#[test]
fn feed_corpus() {
    assert!(replay("feed", |data| isnad::fuzzing::ingest_as("feed.xml", data)) >= 8);
}

#[test]
fn warc_corpus() {
    assert!(replay("warc", |data| isnad::fuzzing::ingest_as("crawl.warc", data)) >= 8);
}
