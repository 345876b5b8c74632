//! A syndication corpus and how well isnad finds its copies.
//!
//! `gen --syndication` writes news about many events: for each, agencies' wire stories run
//! by several outlets with edits (headline changed, an attribution line added, sentences
//! added, dropped or reordered, a few words changed, the outlet's own footer), and stories
//! of the outlets' own on the same event, which share its names and phrases but are not
//! copies. The truth (which documents are copies of which origin) is written beside it, and
//! held-out documents to place one at a time.
//!
//! `copies --workspace WS --truth DIR` groups the whole indexed corpus from nothing (timed),
//! scores the groups against the truth by pairs (precision: pairs grouped together that are
//! copies; recall: pairs of copies grouped together), checks each group's origin, and times
//! placing each held-out document into the groups and taking it out again.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::generate::Vocabulary;

const AGENCIES: [&str; 4] = ["رويترز", "وكالة الأنباء الفرنسية", "أسوشيتد برس", "الأناضول"];
/// The outlets that run the wire stories: the generator's sources but the agencies.
fn outlets() -> Vec<&'static str> {
    super::generate::SOURCES
        .into_iter()
        .filter(|s| !["رويترز", "وكالة الأنباء الفرنسية"].contains(s))
        .collect()
}
/// Outlets whose every document ends with a footer of their own (boilerplate).
const FOOTERS: [(&str, &str); 3] = [
    (
        "الجزيرة",
        "تابعوا آخر الأخبار العاجلة على موقعنا وعلى حساباتنا في منصات التواصل الاجتماعي.",
    ),
    (
        "العربية",
        "جميع الحقوق محفوظة لقناة العربية ولا يجوز النقل دون إذن.",
    ),
    (
        "الحرة",
        "للمزيد من الأخبار والتقارير تابعونا على تطبيق الحرة.",
    ),
];

/// One record of the corpus.
#[derive(Serialize, Deserialize)]
struct Record {
    id: String,
    title: String,
    body: String,
    source: String,
    published: String,
    lang: String,
}

/// A group of the truth: an origin and its copies (ids as in the records).
#[derive(Serialize, Deserialize)]
struct Truth {
    origin: String,
    copies: Vec<String>,
}

/// A held-out document and the origin it is a copy of, if any.
#[derive(Serialize, Deserialize)]
struct Held {
    record: Record,
    origin: Option<String>,
}

/// An event: its date and the phrases its stories share.
struct Event {
    day: u32,
    phrases: Vec<String>,
}

fn event(vocabulary: &Vocabulary, rng: &mut fastrand::Rng, day: u32) -> Event {
    let phrases = (0..30)
        .map(|_| {
            let words: Vec<&str> = (0..rng.usize(2..5)).map(|_| vocabulary.draw(rng)).collect();
            words.join(" ")
        })
        .collect();
    Event { day, phrases }
}

/// A sentence about `event`: the vocabulary's words, a third of them in the event's phrases.
fn sentence(vocabulary: &Vocabulary, event: &Event, rng: &mut fastrand::Rng) -> String {
    let mut words: Vec<String> = Vec::new();
    let length = rng.usize(10..22);
    while words.len() < length {
        if rng.f64() < 0.3 {
            words.push(event.phrases[rng.usize(..event.phrases.len())].clone());
            words.extend(std::iter::repeat_n(String::new(), 2));
        } else {
            words.push(vocabulary.draw(rng).to_owned());
        }
    }
    let words: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    format!("{}.", words.join(" "))
}

fn title(vocabulary: &Vocabulary, event: &Event, rng: &mut fastrand::Rng) -> String {
    let mut words = vec![event.phrases[rng.usize(..event.phrases.len())].clone()];
    words.extend((0..rng.usize(3..7)).map(|_| vocabulary.draw(rng).to_owned()));
    words.join(" ")
}

fn date(day: u32) -> String {
    // Day 0 is 2024-01-01; months of 28 days keep every date valid.
    format!("2024-{:02}-{:02}", 1 + (day / 28) % 12, 1 + day % 28)
}

fn with_footer(source: &str, body: String) -> String {
    match FOOTERS.iter().find(|(outlet, _)| *outlet == source) {
        Some((_, footer)) => format!("{body}\n{footer}"),
        None => body,
    }
}

/// A copy of the wire story `sentences` by `outlet`: its edits drawn at random.
fn copy_of(
    vocabulary: &Vocabulary,
    event: &Event,
    agency: &str,
    sentences: &[String],
    rng: &mut fastrand::Rng,
) -> String {
    let mut kept: Vec<String> = sentences
        .iter()
        .filter(|_| rng.f64() >= 0.1)
        .cloned()
        .collect();
    if kept.len() < sentences.len() / 2 {
        kept = sentences.to_vec();
    }
    for _ in 0..rng.usize(0..3) {
        let at = rng.usize(..=kept.len());
        kept.insert(at, sentence(vocabulary, event, rng));
    }
    if rng.f64() < 0.3 && kept.len() > 3 {
        // A paragraph moved up: the last third first.
        let cut = kept.len() * 2 / 3;
        kept.rotate_left(cut);
    }
    if rng.f64() < 0.4 {
        // A few words changed.
        for sentence in &mut kept {
            let mut words: Vec<String> = sentence.split(' ').map(str::to_owned).collect();
            for word in &mut words {
                if rng.f64() < 0.02 {
                    vocabulary.draw(rng).clone_into(word);
                }
            }
            *sentence = words.join(" ");
        }
    }
    let mut body = kept.join(" ");
    match rng.usize(0..3) {
        0 => body = format!("({agency}) - {body}"),
        1 => body = format!("{body} نقلاً عن وكالة {agency}."),
        _ => {}
    }
    body
}

/// A wire story of the corpus: its id, day, sentences, event and agency.
type Wire = (String, u32, Vec<String>, usize, String);

/// Documents to place one at a time: copies of wire stories already in the corpus, and
/// stories of an outlet's own.
fn held_out(
    vocabulary: &Vocabulary,
    rng: &mut fastrand::Rng,
    wires: &[Wire],
    events: &[Event],
) -> Vec<Held> {
    let mut held = Vec::new();
    for n in 0..40 {
        let outlet = outlets()[rng.usize(..outlets().len())];
        let (body, origin, day, event) = if n % 2 == 0 {
            let (origin, published, sentences, event, agency) = &wires[rng.usize(..wires.len())];
            let event = &events[*event];
            let body = copy_of(vocabulary, event, agency, sentences, rng);
            (body, Some(origin.clone()), *published + 3, event)
        } else {
            let event = &events[rng.usize(..events.len())];
            let body: Vec<String> = (0..rng.usize(5..12))
                .map(|_| sentence(vocabulary, event, rng))
                .collect();
            (body.join(" "), None, event.day + 5, event)
        };
        held.push(Held {
            record: Record {
                id: format!("held{n:03}"),
                title: title(vocabulary, event, rng),
                body: with_footer(outlet, body),
                source: outlet.to_owned(),
                published: date(day),
                lang: "ar".to_owned(),
            },
            origin,
        });
    }
    held
}

/// Writes about `docs` documents under `out/corpus` (JSON Lines), the truth to
/// `out/truth.jsonl` and held-out documents to `out/held.jsonl`.
pub fn generate(docs: usize, out: &Path, seed: u64, words: &Path) -> Result<()> {
    let vocabulary = Vocabulary::load(words, seed);
    let mut rng = fastrand::Rng::with_seed(seed);
    let corpus = out.join("corpus");
    std::fs::create_dir_all(&corpus)
        .with_context(|| format!("cannot create {}", corpus.display()))?;
    let mut records: Vec<Record> = Vec::with_capacity(docs + 100);
    let mut truth: Vec<Truth> = Vec::new();
    // The wire stories, to copy again into the held-out documents.
    let mut wires: Vec<Wire> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut next_id = 0usize;
    let mut id = || {
        next_id += 1;
        format!("d{next_id:07}")
    };
    while records.len() < docs {
        let day = rng.u32(0..330);
        let event = event(&vocabulary, &mut rng, day);
        for _ in 0..rng.usize(1..4) {
            let agency = AGENCIES[rng.usize(..AGENCIES.len())];
            let sentences: Vec<String> = (0..rng.usize(6..14))
                .map(|_| sentence(&vocabulary, &event, &mut rng))
                .collect();
            let published = day + rng.u32(0..2);
            let origin = id();
            records.push(Record {
                id: origin.clone(),
                title: title(&vocabulary, &event, &mut rng),
                body: sentences.join(" "),
                source: agency.to_owned(),
                published: date(published),
                lang: "ar".to_owned(),
            });
            let mut copies = Vec::new();
            for _ in 0..rng.usize(0..6) {
                let outlet = outlets()[rng.usize(..outlets().len())];
                let body = copy_of(&vocabulary, &event, agency, &sentences, &mut rng);
                let copy = id();
                records.push(Record {
                    id: copy.clone(),
                    title: if rng.f64() < 0.7 {
                        title(&vocabulary, &event, &mut rng)
                    } else {
                        records.last().map(|r| r.title.clone()).unwrap_or_default()
                    },
                    body: with_footer(outlet, body),
                    source: outlet.to_owned(),
                    published: date(published + rng.u32(1..3)),
                    lang: "ar".to_owned(),
                });
                copies.push(copy);
            }
            truth.push(Truth {
                origin: origin.clone(),
                copies,
            });
            wires.push((
                origin,
                published,
                sentences,
                events.len(),
                agency.to_owned(),
            ));
        }
        // The outlets' own stories on the event.
        for _ in 0..rng.usize(2..7) {
            let outlet = outlets()[rng.usize(..outlets().len())];
            let body: Vec<String> = (0..rng.usize(5..12))
                .map(|_| sentence(&vocabulary, &event, &mut rng))
                .collect();
            let own = id();
            records.push(Record {
                id: own.clone(),
                title: title(&vocabulary, &event, &mut rng),
                body: with_footer(outlet, body.join(" ")),
                source: outlet.to_owned(),
                published: date(day + rng.u32(0..5)),
                lang: "ar".to_owned(),
            });
            truth.push(Truth {
                origin: own,
                copies: Vec::new(),
            });
        }
        events.push(event);
    }
    let held = held_out(&vocabulary, &mut rng, &wires, &events);
    write_corpus(&corpus, &records)?;
    write_lines(&out.join("truth.jsonl"), &truth)?;
    write_lines(&out.join("held.jsonl"), &held)?;
    let copies: usize = truth.iter().map(|t| t.copies.len()).sum();
    eprintln!(
        "wrote {} documents ({} wire stories with {copies} copies, {} stories of the \
         outlets' own) to {}, the truth to truth.jsonl, {} held-out documents to held.jsonl",
        records.len(),
        wires.len(),
        truth.len() - wires.len(),
        corpus.display(),
        held.len()
    );
    Ok(())
}

/// The records as JSON Lines files of 10,000 each.
fn write_corpus(corpus: &Path, records: &[Record]) -> Result<()> {
    let mut writer: Option<std::io::BufWriter<std::fs::File>> = None;
    for (n, record) in records.iter().enumerate() {
        if n % 10_000 == 0 {
            let path = corpus.join(format!("docs_{:04}.jsonl", n / 10_000));
            writer = Some(std::io::BufWriter::new(std::fs::File::create(&path)?));
        }
        if let Some(w) = writer.as_mut() {
            serde_json::to_writer(&mut *w, record)?;
            w.write_all(b"\n")?;
        }
    }
    if let Some(mut w) = writer {
        w.flush()?;
    }
    Ok(())
}

fn write_lines<T: Serialize>(path: &Path, items: &[T]) -> Result<()> {
    let mut w = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
    );
    for item in items {
        serde_json::to_writer(&mut w, item)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

fn read_lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .map(|line| serde_json::from_str(line).with_context(|| format!("in {}", path.display())))
        .collect()
}

/// Pairs of documents that share a group, as (smaller, larger) ids.
fn pairs<'a>(groups: impl IntoIterator<Item = Vec<&'a str>>) -> BTreeSet<(&'a str, &'a str)> {
    let mut out = BTreeSet::new();
    for mut group in groups {
        group.sort_unstable();
        for i in 0..group.len() {
            for j in i + 1..group.len() {
                out.insert((group[i], group[j]));
            }
        }
    }
    out
}

/// The record key of a document id (`corpus/docs_0000.jsonl#d0000001` → `d0000001`).
fn key(doc: &str) -> &str {
    doc.rsplit_once('#').map_or(doc, |(_, key)| key)
}

/// How the groups found compare with the truth.
struct Score {
    /// Pairs grouped together, pairs of copies, and both.
    found: usize,
    expected: usize,
    right: usize,
    /// Groups wholly within one true group, and those whose origin is right.
    origins_judged: usize,
    origins_right: usize,
}

/// Scores `groups` against `truth` by pairs; judges each group's origin.
fn score(groups: &[isnad::copies::Group], truth: &[Truth]) -> (Score, BTreeSet<(String, String)>) {
    let found = pairs(
        groups
            .iter()
            .map(|g| g.members().map(|m| key(&m.doc)).collect()),
    );
    let expected = pairs(truth.iter().map(|t| {
        std::iter::once(t.origin.as_str())
            .chain(t.copies.iter().map(String::as_str))
            .collect()
    }));
    let right = found.intersection(&expected).count();
    // The origin: right when it is the truth's origin or published the same day.
    let published: HashMap<&str, &str> = groups
        .iter()
        .flat_map(isnad::copies::Group::members)
        .filter_map(|m| Some((key(&m.doc), m.published.as_deref()?)))
        .collect();
    let origin_of: HashMap<&str, &str> = truth
        .iter()
        .flat_map(|t| {
            t.copies
                .iter()
                .map(move |c| (c.as_str(), t.origin.as_str()))
                .chain(std::iter::once((t.origin.as_str(), t.origin.as_str())))
        })
        .collect();
    let (mut origins_judged, mut origins_right) = (0, 0);
    for group in groups {
        let origin = key(&group.origin.doc);
        let Some(true_origin) = origin_of.get(origin) else {
            continue;
        };
        if !group
            .members()
            .all(|m| origin_of.get(key(&m.doc)) == Some(true_origin))
        {
            continue;
        }
        origins_judged += 1;
        if origin == *true_origin || published.get(origin) == published.get(true_origin) {
            origins_right += 1;
        }
    }
    let found_owned = found
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    (
        Score {
            found: found.len(),
            expected: expected.len(),
            right,
            origins_judged,
            origins_right,
        },
        found_owned,
    )
}

/// The similarity to its origin of each copy not grouped with it: how far below the
/// threshold the misses are.
fn missed(
    index: &isnad::index::SearchIndex,
    found: &BTreeSet<(String, String)>,
    truth: &[Truth],
) -> Result<Vec<f64>> {
    let doc_ids = index.doc_ids()?;
    let full: HashMap<&str, &str> = doc_ids.iter().map(|d| (key(d), d.as_str())).collect();
    let signature = |k: &str| -> Option<isnad::copies::Signature> {
        let document = index.document(full.get(k)?).ok()??;
        isnad::copies::document_signature(&document.title, &document.body)
    };
    let mut missed = Vec::new();
    for t in truth {
        for copy in &t.copies {
            let pair = if copy < &t.origin {
                (copy.clone(), t.origin.clone())
            } else {
                (t.origin.clone(), copy.clone())
            };
            if found.contains(&pair) {
                continue;
            }
            if let (Some(x), Some(y)) = (signature(copy), signature(&t.origin)) {
                missed.push(x.similarity(&y));
            }
        }
    }
    missed.sort_by(f64::total_cmp);
    Ok(missed)
}

/// Places each held-out document into the groups and takes it out again: the times (ms,
/// sorted) and how many joined the group they should have (or none, as they should).
fn place_held(store: &mut isnad::copies::CopyStore, held: &[Held]) -> Result<(Vec<f64>, usize)> {
    let mut times = Vec::new();
    let mut placed_right = 0;
    for held in held {
        let started = Instant::now();
        let placed = isnad::copies::Placed {
            id: held.record.id.clone(),
            hash: format!("held-{}", held.record.id),
            published: Some(held.record.published.clone()),
            signature: isnad::copies::document_signature(&held.record.title, &held.record.body),
        };
        store.apply(&[], &[placed])?;
        let group = store.group_of(&held.record.id)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        let joined = group.as_ref().map(|g| {
            g.members()
                .map(|m| key(&m.doc).to_owned())
                .filter(|m| m != &held.record.id)
                .collect::<Vec<_>>()
        });
        let right = match (&held.origin, &joined) {
            (Some(origin), Some(members)) => members.iter().any(|m| m == origin),
            (None, None) => true,
            _ => false,
        };
        placed_right += usize::from(right);
        store.apply(std::slice::from_ref(&held.record.id), &[])?;
    }
    times.sort_by(f64::total_cmp);
    Ok((times, placed_right))
}

/// Groups the indexed corpus of `workspace` from nothing and scores it against the truth
/// in `truth_dir`; places each held-out document. A Markdown table.
pub fn measure(workspace: &Path, truth_dir: &Path) -> Result<String> {
    use std::fmt::Write as _;
    let workspace = isnad::workspace::Workspace::open(workspace)?;
    let mut index = workspace.open_index()?;
    let documents = index.document_count();
    let path = index.copies_path();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let cpu = crate::suite::own_cpu_seconds();
    let started = Instant::now();
    let refresh = index.update_copies(&mut |_| {})?;
    let group_wall = started.elapsed().as_secs_f64();
    let group_cpu = crate::suite::own_cpu_seconds() - cpu;
    let mut store = index.copies()?.context("no copies file after grouping")?;
    let groups = store.groups()?;
    let truth: Vec<Truth> = read_lines(&truth_dir.join("truth.jsonl"))?;
    let (scored, grouped_pairs) = score(&groups, &truth);
    let missed: Vec<String> = missed(&index, &grouped_pairs, &truth)?
        .iter()
        .map(|s| format!("{s:.2}"))
        .collect();
    let held: Vec<Held> = read_lines(&truth_dir.join("held.jsonl"))?;
    let (times, placed_right) = place_held(&mut store, &held)?;
    let (p50, p99) = crate::latency::percentiles(times.clone());
    let slowest = times.last().copied().unwrap_or(0.0);
    let copies: usize = groups.iter().map(|g| g.copies.len()).sum();
    let true_copies: usize = truth.iter().map(|t| t.copies.len()).sum();
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{documents} documents; {} groups holding {copies} copies found (truth: {} groups \
         with copies, {true_copies} copies)\n",
        groups.len(),
        truth.iter().filter(|t| !t.copies.is_empty()).count()
    );
    let _ = writeln!(
        table,
        "copies not grouped with their origin, by similarity to it: {}\n",
        missed.join(" ")
    );
    let _ = writeln!(table, "| measure | value | goal |\n|---|---|---|");
    let _ = writeln!(
        table,
        "| pair precision | {:.4} ({} of {} pairs found) | ≥ 0.95 |",
        ratio(scored.right, scored.found),
        scored.right,
        scored.found
    );
    let _ = writeln!(
        table,
        "| pair recall | {:.4} ({} of {} true pairs) | ≥ 0.95 |",
        ratio(scored.right, scored.expected),
        scored.right,
        scored.expected
    );
    let _ = writeln!(
        table,
        "| origin right (or same day) | {} of {} groups | |",
        scored.origins_right, scored.origins_judged
    );
    let _ = writeln!(
        table,
        "| grouping all {} documents | {group_wall:.2} s wall, {group_cpu:.2} s CPU | ≤ 60 s on 2 cores |",
        refresh.placed
    );
    let _ = writeln!(
        table,
        "| placing one new document (p50 / p99 / max of {}) | {:.2} / {:.2} / {:.2} ms | ≤ 50 ms |",
        times.len(),
        p50,
        p99,
        slowest
    );
    let _ = writeln!(
        table,
        "| held-out placed right | {placed_right} of {} | |",
        held.len()
    );
    Ok(table)
}
