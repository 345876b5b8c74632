//! The synthetic corpus: words drawn with a Zipf distribution from a vocabulary ranked by
//! frequency (the sample reports' words first, then a hunspell word list as the long tail),
//! with clitics, occasional harakat and tatweel, Arabic-Indic and Latin digits, Latin names
//! and acronyms, titles, sources and dates, and a paragraph every few sentences.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

const SAMPLE: [&str; 2] = [
    include_str!("../../assets/sample/000_ff08125e7d15537c.txt"),
    include_str!("../../assets/sample/001_1a6e48de951f8d1c.txt"),
];
const CLITICS: [&str; 8] = ["و", "ف", "ب", "ل", "ال", "وال", "بال", "لل"];
const HARAKAT: [char; 4] = ['\u{064E}', '\u{064F}', '\u{0650}', '\u{0652}'];
const LATIN: [&str; 12] = [
    "ISIS-K", "NATO", "FSB", "UN", "Putin", "Moscow", "CNN", "Reuters", "AFP", "Telegram", "IS",
    "Crocus",
];
pub const SOURCES: [&str; 12] = [
    "الجزيرة",
    "العربية",
    "بي بي سي عربي",
    "سكاي نيوز عربية",
    "روسيا اليوم",
    "فرانس 24",
    "الشرق الأوسط",
    "القدس العربي",
    "الأهرام",
    "رويترز",
    "وكالة الأنباء الفرنسية",
    "الحرة",
];
/// Zipf exponent: close to 1, as in natural-language word frequencies.
const ZIPF_S: f64 = 1.05;
/// Words taken from the hunspell list for the tail.
const TAIL_WORDS: usize = 60_000;

/// The ranked vocabulary and its cumulative Zipf weights.
pub struct Vocabulary {
    pub words: Vec<String>,
    cdf: Vec<f64>,
}

impl Vocabulary {
    /// The sample's words by frequency, then the hunspell words (deterministically shuffled).
    pub fn load(hunspell: &Path, seed: u64) -> Vocabulary {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for text in SAMPLE {
            for word in text
                .split(|c: char| !c.is_alphanumeric() && !('\u{064B}'..='\u{0652}').contains(&c))
            {
                if word.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
                    *counts.entry(word).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut words: Vec<String> = ranked.into_iter().map(|(w, _)| w.to_owned()).collect();
        if let Ok(dic) = std::fs::read_to_string(hunspell) {
            let mut tail: Vec<String> = dic
                .lines()
                .filter_map(|line| line.split('/').next())
                .map(str::trim)
                .filter(|w| {
                    w.chars().count() >= 2
                        && w.chars().all(|c| ('\u{0621}'..='\u{0652}').contains(&c))
                })
                .map(str::to_owned)
                .collect();
            tail.sort_unstable();
            tail.dedup();
            let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
            rng.shuffle(&mut tail);
            words.extend(tail.into_iter().take(TAIL_WORDS));
        } else {
            eprintln!(
                "note: {} not found; the vocabulary is the sample's words only",
                hunspell.display()
            );
        }
        let mut cdf = Vec::with_capacity(words.len());
        let mut total = 0.0;
        for rank in 0..words.len() {
            total += 1.0 / ((rank + 1) as f64).powf(ZIPF_S);
            cdf.push(total);
        }
        Vocabulary { words, cdf }
    }

    pub fn draw<'a>(&'a self, rng: &mut fastrand::Rng) -> &'a str {
        let total = self.cdf.last().copied().unwrap_or(1.0);
        let target = rng.f64() * total;
        let rank = self
            .cdf
            .partition_point(|&c| c < target)
            .min(self.words.len() - 1);
        &self.words[rank]
    }
}

/// One word as it might appear in a news text.
fn word(vocabulary: &Vocabulary, rng: &mut fastrand::Rng, out: &mut String) {
    let roll = rng.f64();
    if roll < 0.02 {
        let n = rng.u32(1..3000);
        if rng.bool() {
            out.push_str(&n.to_string());
        } else {
            out.extend(
                n.to_string()
                    .chars()
                    .map(|d| char::from_u32(0x0660 + d.to_digit(10).unwrap_or(0)).unwrap_or(d)),
            );
        }
        return;
    }
    if roll < 0.03 {
        out.push_str(LATIN[rng.usize(..LATIN.len())]);
        return;
    }
    let base = vocabulary.draw(rng);
    if rng.f64() < 0.12 && !base.starts_with("ال") {
        out.push_str(CLITICS[rng.usize(..CLITICS.len())]);
    }
    let vocalise = rng.f64() < 0.03;
    let tatweel = rng.f64() < 0.005;
    for (i, c) in base.chars().enumerate() {
        out.push(c);
        if vocalise && rng.f64() < 0.6 {
            out.push(HARAKAT[rng.usize(..HARAKAT.len())]);
        }
        if tatweel && i == 0 {
            out.push_str("ـــ");
        }
    }
}

fn sentence(vocabulary: &Vocabulary, rng: &mut fastrand::Rng, out: &mut String) {
    let length = rng.usize(8..22);
    for i in 0..length {
        if i > 0 {
            out.push_str(if rng.f64() < 0.06 { "، " } else { " " });
        }
        word(vocabulary, rng, out);
    }
    out.push('.');
}

/// A document: title, source, date and a body of about `target` bytes.
pub struct Doc {
    pub title: String,
    pub body: String,
    pub source: &'static str,
    pub published: String,
}

pub fn document(vocabulary: &Vocabulary, rng: &mut fastrand::Rng) -> Doc {
    let mut title = String::new();
    for i in 0..rng.usize(5..11) {
        if i > 0 {
            title.push(' ');
        }
        word(vocabulary, rng, &mut title);
    }
    let target = rng.usize(4000..5000);
    let mut body = String::with_capacity(target + 200);
    while body.len() < target {
        for s in 0..rng.usize(2..6) {
            if s > 0 {
                body.push(' ');
            }
            sentence(vocabulary, rng, &mut body);
        }
        body.push('\n');
    }
    Doc {
        title,
        body: body.trim_end().to_owned(),
        source: SOURCES[rng.usize(..SOURCES.len())],
        published: format!("2024-{:02}-{:02}", rng.u32(1..13), rng.u32(1..29)),
    }
}

/// Writes `docs` documents under `out` (txt files in folders of 1,000, or JSON Lines files of
/// 10,000 records); returns the bytes of text written (titles and bodies).
pub fn run(docs: usize, out: &Path, jsonl: bool, seed: u64, words: &Path) -> Result<usize> {
    let vocabulary = Vocabulary::load(words, seed);
    let mut rng = fastrand::Rng::with_seed(seed);
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut bytes = 0usize;
    let mut writer: Option<std::io::BufWriter<std::fs::File>> = None;
    for n in 0..docs {
        let doc = document(&vocabulary, &mut rng);
        if jsonl {
            if n % 10_000 == 0 {
                let path = out.join(format!("docs_{:04}.jsonl", n / 10_000));
                writer = Some(std::io::BufWriter::new(std::fs::File::create(&path)?));
            }
            let line = serde_json::json!({
                "id": format!("s{seed}d{n}"), "title": doc.title, "body": doc.body,
                "source": doc.source, "published": doc.published, "lang": "ar",
            });
            if let Some(w) = writer.as_mut() {
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
            }
        } else {
            let dir = out.join(format!("{:04}", n / 1000));
            if n % 1000 == 0 {
                std::fs::create_dir_all(&dir)?;
            }
            let text = format!("{}\n{}\n", doc.title, doc.body);
            std::fs::write(dir.join(format!("doc_{n:07}.txt")), &text)?;
        }
        bytes += doc.title.len() + doc.body.len() + 2;
    }
    if let Some(mut w) = writer {
        w.flush()?;
    }
    eprintln!(
        "wrote {docs} documents, {:.1} MB of text, to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(bytes)
}
