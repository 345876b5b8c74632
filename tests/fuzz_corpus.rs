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

/// PDFs: the seeds, the kept corpus and the crashes, and the producers' fixtures with every
/// byte of their first kilobytes turned, and cut short at many lengths.
#[test]
fn pdf_corpus() {
    let check = |data: &[u8]| isnad::fuzzing::ingest_as("report.pdf", data);
    assert!(replay("pdf", check) >= 4);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/pdf");
    let data = std::fs::read(fixtures.join("libreoffice.pdf")).expect("fixture");
    for cut in (0..data.len()).step_by(997) {
        check(&data[..cut]);
    }
    let mut turned = data.clone();
    for at in (0..2048.min(turned.len())).step_by(7) {
        turned[at] ^= 0x5A;
        check(&turned);
        turned[at] ^= 0x5A;
    }
}

/// The first byte picks the name, as `fuzz/fuzz_targets/office.rs` and `mail.rs` do.
fn ingest_one_of(names: [&str; 2], data: &[u8]) {
    if let Some((&kind, bytes)) = data.split_first() {
        isnad::fuzzing::ingest_as(names[usize::from(kind % 2)], bytes);
    }
}

#[test]
fn office_corpus() {
    let check = |data: &[u8]| ingest_one_of(["report.docx", "report.odt"], data);
    assert!(replay("office", check) >= 8);
}

#[test]
fn mail_corpus() {
    let check = |data: &[u8]| ingest_one_of(["message.eml", "box.mbox"], data);
    assert!(replay("mail", check) >= 7);
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
