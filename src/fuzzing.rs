//! What the fuzz targets run (`fuzz/`), and what `tests/fuzz_corpus.rs` replays over the
//! kept corpus and every crash found: each function takes arbitrary bytes, feeds them to one
//! part of isnad the way untrusted input reaches it, and asserts what must hold whatever the
//! input. A panic, from isnad or from an assertion here, is a finding.
//!
//! Not part of the API: the checks are public only so the fuzz crate can call them.
#![allow(clippy::missing_panics_doc)]

use std::sync::{Mutex, OnceLock};

use unicode_segmentation::UnicodeSegmentation;

pub use crate::corpus::archive::zip_of;
use crate::corpus::{self, Document};
use crate::index::{SearchIndex, SearchRequest};
use crate::store::Store;
use crate::text::bidi::{
    Base, LayoutSettings, ParagraphLayout, is_bidi_control, is_lone_mark, layout_paragraph,
};
use crate::text::script::Direction;
use crate::workspace::Workspace;

/// The file names `ingest` gives its input, chosen by the first byte.
const NAMES: &[&str] = &[
    "report.txt",
    "report.md",
    "reports.json",
    "reports.jsonl",
    "page.html",
    "page.htm",
    "notes.markdown",
];

/// Decoding and parsing a file of any bytes, as `isnad index` and `isnad add` read one.
/// Every document that comes out is clean: no control but newline in the text, none at all
/// in the metadata, composed (NFC), with a non-empty id under its file.
pub fn ingest(data: &[u8]) {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    ingest_as(NAMES[usize::from(kind) % NAMES.len()], bytes);
    // The same bytes as a metadata table: whatever rows it keeps, each filling in a plain
    // file, give a clean document.
    for table in corpus::metadata::TABLE_NAMES {
        let read = corpus::metadata::read_table(table, bytes, &|_| true);
        for skipped in &read.skipped {
            assert_eq!(skipped.path, table, "a skipped row names its table");
            assert!(!skipped.reason.is_empty(), "a skipped row says why");
            let shown = skipped.to_string();
            assert!(
                !shown.chars().any(char::is_control),
                "a message about a row is safe to print: {shown:?}"
            );
        }
        for (_, meta) in read.rows.values() {
            let described = corpus::parse_file_with("a.txt", b"a plain report", Some(meta));
            for document in &described.documents {
                check_document("a.txt", document);
            }
        }
    }
}

/// Parsing `data` as a file named `name` (its extension chooses the reader), as `isnad
/// index` reads one: whatever is skipped names the file and says why, and every document
/// that comes out is clean ([`ingest`]'s checks).
pub fn ingest_as(name: &str, data: &[u8]) {
    let contents = corpus::parse_file(name, data);
    for skipped in &contents.skipped {
        assert_eq!(skipped.path, name, "a skipped file names itself");
        assert!(!skipped.reason.is_empty(), "a skipped file says why");
    }
    for document in &contents.documents {
        check_document(name, document);
    }
}

fn check_document(name: &str, document: &Document) {
    assert!(
        document.id == name || document.id.starts_with(&format!("{name}#")),
        "id {:?} is not under {name}",
        document.id
    );
    assert_eq!(document.file, name);
    let text = document.text();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a control in the text: {text:?}"
    );
    assert!(
        unicode_normalization::is_nfc(&text),
        "text not composed: {text:?}"
    );
    let metadata = [
        Some(&document.title),
        document.source.as_ref(),
        document.url.as_ref(),
        document.published.as_ref(),
        document.author.as_ref(),
        document.forwarded_from.as_ref(),
        document.part_of.as_ref(),
        Some(&document.lang),
    ];
    for field in metadata.into_iter().flatten() {
        assert!(
            !field.chars().any(char::is_control),
            "a control in metadata: {field:?}"
        );
    }
    assert_eq!(document.hash.len(), 32);
}

/// The layout engine on one paragraph of any text, at a width, base and shaping chosen by
/// the first two bytes; then the invariants of `check_layout`.
pub fn layout(data: &[u8]) {
    let [width, mode, rest @ ..] = data else {
        return;
    };
    let width = 2 + u16::from(*width) % 120;
    let base = match mode % 3 {
        0 => Base::Forced(Direction::Rtl),
        1 => Base::Forced(Direction::Ltr),
        _ => Base::Auto {
            fallback: Direction::Rtl,
        },
    };
    let text = String::from_utf8_lossy(rest);
    // Paragraphs reach the engine without their newline.
    let text: String = text.lines().next().unwrap_or_default().to_owned();
    let settings = LayoutSettings {
        width,
        base,
        shape: mode & 4 != 0,
    };
    let laid = layout_paragraph(&text, &settings);
    check_layout(&text, &laid, width);
}

/// What any layout of `text` at `width` must be (`docs/rtl.md`, "Independent oracles"): lines
/// cover the paragraph in order; no line is wider than the pane; cells are whole clusters,
/// adjacent, inside their line, with no control or bidi control; the maps between cells
/// and logical offsets round-trip; every visible cluster is drawn exactly once.
pub fn check_layout(text: &str, layout: &ParagraphLayout, width: u16) {
    let mut expected_start = 0;
    for line in &layout.lines {
        assert_eq!(line.bytes.start, expected_start, "lines are contiguous");
        expected_start = line.bytes.end;
    }
    assert_eq!(expected_start, text.len(), "lines cover the paragraph");

    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut seen = Vec::new();
    for (index, line) in layout.lines.iter().enumerate() {
        assert!(
            line.width <= width || line.cells.len() == 1,
            "line {index} is {} wide in {width}",
            line.width
        );
        let mut x = line.x;
        for cell in &line.cells {
            assert_eq!(cell.x, x, "cells are adjacent, left to right");
            x += u16::from(cell.width);
            assert!(x <= width.max(2), "cell beyond the pane");
            assert!(
                boundaries.binary_search(&cell.bytes.start).is_ok()
                    && boundaries.binary_search(&cell.bytes.end).is_ok(),
                "a cell is a whole cluster"
            );
            assert!(
                line.bytes.start <= cell.bytes.start && cell.bytes.end <= line.bytes.end,
                "a cell belongs to its line"
            );
            let drawn = cell.text(text);
            assert!(!drawn.is_empty());
            assert!(
                !drawn.chars().any(|c| is_bidi_control(c) || c.is_control()),
                "control in a cell: {drawn:?}"
            );
            assert_eq!(layout.locate(cell.bytes.start), Some((index, cell.x)));
            for dx in 0..u16::from(cell.width) {
                assert_eq!(layout.hit(index, cell.x + dx), Some(cell.bytes.clone()));
            }
            seen.push(cell.bytes.clone());
        }
        assert_eq!(x, line.x + line.width);
    }
    seen.sort_by_key(|r| r.start);
    assert!(
        seen.windows(2).all(|w| w[0].end <= w[1].start),
        "no cluster drawn twice"
    );
    check_all_drawn(text, layout, &seen);
}

/// Every cluster not drawn has nothing to draw, or hangs as space at the end of its line.
fn check_all_drawn(text: &str, layout: &ParagraphLayout, seen: &[std::ops::Range<usize>]) {
    let nothing_to_draw = |s: &str| {
        let kept: String = s
            .chars()
            .filter(|&c| !is_bidi_control(c) && !c.is_control())
            .collect();
        unicode_width::UnicodeWidthStr::width(kept.as_str()) == 0 && !is_lone_mark(&kept)
    };
    for (start, cluster) in text.grapheme_indices(true) {
        if seen.binary_search_by_key(&start, |r| r.start).is_ok() {
            continue;
        }
        let line = layout
            .lines
            .iter()
            .find(|l| l.bytes.contains(&start))
            .expect("in a line");
        let rest = text.get(start..line.bytes.end).unwrap_or_default();
        let hanging = rest
            .graphemes(true)
            .all(|g| g.chars().all(char::is_whitespace) || nothing_to_draw(g));
        assert!(
            hanging || nothing_to_draw(cluster),
            "cluster {cluster:?} at {start} was not drawn"
        );
    }
}

/// A workspace holding the sample reports, made once per process in the temporary folder
/// (`TMPDIR`; a tmpfs keeps the store's syncs cheap), with its index and store.
struct Sample {
    _dir: tempfile::TempDir,
    index: SearchIndex,
    store: Store,
}

fn sample() -> &'static Mutex<Sample> {
    static SAMPLE: OnceLock<Mutex<Sample>> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let workspace = Workspace::sample(dir.path()).expect("the sample workspace");
        let mut index = workspace.open_index().expect("the index");
        index
            .update(&workspace.corpus_roots(), &mut |_| {})
            .expect("indexing the sample");
        let store = workspace.open_store().expect("the store");
        Mutex::new(Sample {
            _dir: dir,
            index,
            store,
        })
    })
}

/// A query as typed into the search line, on the sample reports: stemmed and exact, with
/// and without `entity:`, `tag:` and `reviewed:` terms taken out. It is an answer or an error, never a panic, and
/// every highlight is a range of its snippet.
pub fn query(data: &[u8]) {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let sample = sample()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (rest, _filters) = crate::annotate::split_filter_terms(query);
    for text in [query, rest.as_str()] {
        for exact in [false, true] {
            let request = SearchRequest {
                exact,
                ..SearchRequest::new(text, 5)
            };
            // Every way a query is read answers or refuses; none may overflow the stack.
            let _ = sample.index.is_slow_phrase(text, exact);
            let _ = sample.index.highlights(text, exact, "مجلس الأمن في غزة");
            let Ok(results) = sample.index.search(request) else {
                continue;
            };
            for hit in &results.hits {
                for range in &hit.highlights {
                    assert!(
                        hit.snippet.get(range.clone()).is_some(),
                        "highlight {range:?} outside {:?}",
                        hit.snippet
                    );
                }
            }
        }
    }
}

/// `isnad import` of any file into the sample workspace: an error or a report, never a
/// panic; afterwards the store reads back, and every placed anchor lies on its document's
/// character boundaries. The import is undone, so each input starts from the same store.
pub fn import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut guard = sample()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let sample = &mut *guard;
    let Ok(report) = crate::export::import("fuzz.json", text, &mut sample.index, &mut sample.store)
    else {
        return;
    };
    let entities = sample.store.entities().expect("the store reads back");
    let claims = sample.store.claims().expect("the store reads back");
    let mut documents = crate::export::DocumentCache::new(&sample.index);
    for entity in &entities {
        for mention in sample
            .store
            .mentions(entity.id)
            .expect("mentions read back")
        {
            if let Some((_, text)) = documents.get(&mention.doc) {
                check_anchor(text, &mention.anchor, mention.orphaned);
            }
        }
    }
    for claim in &claims {
        for evidence in sample
            .store
            .evidence(claim.id)
            .expect("evidence reads back")
        {
            if let Some((_, text)) = documents.get(&evidence.doc) {
                check_anchor(text, &evidence.anchor, evidence.orphaned);
            }
        }
    }
    if report.imported != crate::store::import::Imported::default() {
        sample.store.undo().expect("the import undoes");
    }
}

fn check_anchor(text: &str, anchor: &crate::store::Anchor, orphaned: bool) {
    if orphaned {
        return;
    }
    let range = anchor.byte_start..anchor.byte_end;
    assert!(
        text.get(range.clone()).is_some(),
        "a placed anchor {range:?} is not on the document's character boundaries"
    );
}
