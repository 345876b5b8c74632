//! Layout engine benchmarks (issue: RTL layout engine):
//! - throughput on Arabic news paragraphs (the sample reports' paragraphs, width 80), goal
//!   at least 20 MB/s per core; with shaping, and on English text for comparison;
//! - laying out the visible 60 lines of a 10 MB document from a cold cache, goal at most
//!   2 ms, at its start and in its middle; and the one-off paragraph scan of that document.
//!
//! Run: `cargo bench --bench layout`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use isnad::text::bidi::{Base, DocumentLayout, LayoutSettings, layout_paragraph};
use isnad::text::script::Direction;

const SAMPLE: [&str; 2] = [
    include_str!("../assets/sample/000_ff08125e7d15537c.txt"),
    include_str!("../assets/sample/001_1a6e48de951f8d1c.txt"),
];

fn arabic_paragraphs() -> Vec<&'static str> {
    SAMPLE
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

fn rtl(width: u16, shape: bool) -> LayoutSettings {
    LayoutSettings {
        width,
        base: Base::Forced(Direction::Rtl),
        shape,
    }
}

fn throughput(c: &mut Criterion) {
    let paragraphs = arabic_paragraphs();
    let bytes: usize = paragraphs.iter().map(|p| p.len()).sum();
    let english: Vec<String> = (0..paragraphs.len())
        .map(|i| format!("Paragraph {i}: the security services were aware of the threat days before the attack on the concert hall near Moscow, according to documents seen by investigators."))
        .collect();
    let english_bytes: usize = english.iter().map(String::len).sum();
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("arabic news paragraphs, width 80", |b| {
        b.iter(|| {
            for p in &paragraphs {
                black_box(layout_paragraph(black_box(p), &rtl(80, false)));
            }
        });
    });
    group.bench_function("arabic news paragraphs, width 80, shaped", |b| {
        b.iter(|| {
            for p in &paragraphs {
                black_box(layout_paragraph(black_box(p), &rtl(80, true)));
            }
        });
    });
    group.throughput(Throughput::Bytes(english_bytes as u64));
    group.bench_function("english paragraphs, width 80", |b| {
        let ltr = LayoutSettings {
            width: 80,
            base: Base::Auto {
                fallback: Direction::Ltr,
            },
            shape: false,
        };
        b.iter(|| {
            for p in &english {
                black_box(layout_paragraph(black_box(p), &ltr));
            }
        });
    });
    group.finish();
}

fn ten_megabytes() -> String {
    let paragraphs = arabic_paragraphs();
    let mut text = String::with_capacity(10_500_000);
    let mut i = 0;
    while text.len() < 10_000_000 {
        text.push_str(paragraphs[i % paragraphs.len()]);
        text.push('\n');
        i += 1;
    }
    text
}

fn visible_lines(c: &mut Criterion) {
    let document = DocumentLayout::new(ten_megabytes());
    let middle = document.paragraph_ranges().len() / 2;
    let settings = rtl(120, false);
    let mut group = c.benchmark_group("10 MB document");
    for (name, first) in [
        ("visible 60 lines at the start, cold", 0),
        ("visible 60 lines in the middle, cold", middle),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || document.clear_cache(),
                |()| black_box(document.visible(first, 0, 60, &settings)),
                BatchSize::PerIteration,
            );
        });
    }
    let text = ten_megabytes();
    group.sample_size(20);
    group.bench_function("paragraph scan (once per document)", |b| {
        b.iter(|| black_box(isnad::text::bidi::paragraphs(black_box(&text))));
    });
    group.finish();
}

criterion_group!(benches, throughput, visible_lines);
criterion_main!(benches);
