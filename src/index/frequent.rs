//! The corpus's frequent stems, and the word pairs indexed for them so that a phrase of
//! frequent words is answered from one short posting list.
//!
//! A phrase query walks the documents that hold all its words and checks their positions
//! in each. When every word is frequent (روسيا، الكرملين in a corpus about Russia) that is
//! most of the corpus: 144 ms at a million documents for a phrase found in 2% of them. So,
//! as Lucene's `CommonGrams` filter does, the stemmed fields also index each pair of
//! adjacent frequent stems as one term (`"روسيا كرملين"`, the two stems and a space, which
//! no word holds), at the position of its second word. A quoted phrase is analysed by the
//! same tokenizer, so its query holds the pair too, and tantivy's intersection starts from
//! the pair's short list. The phrase still requires each word at its position: the pair
//! only narrows which documents are looked at, and matches are the same as without it.
//!
//! Which stems are frequent is decided once, when an empty index is first filled, from a
//! sample of its documents, and kept in [`FILE`] in the index folder: a pair in a query
//! must have been indexed for every document, so the set never changes while documents
//! indexed with it remain (`isnad index --rebuild` chooses again). Without the file no pair
//! is made, at indexing or in queries: phrases are then answered word by word, as before.

use std::io;
use std::path::Path;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::analyzer::ArabicTokenizer;
use crate::text::arabic::Stemmer;

/// The file, in the index folder, that lists the frequent stems, one per line.
pub const FILE: &str = "frequent-stems.txt";
/// How many documents (the first the update reads) the choice is made from.
pub const SAMPLE_DOCS: usize = 2_000;
/// Fewer sampled documents than this say nothing about frequency: no stem is chosen.
pub const MIN_SAMPLE_DOCS: usize = 50;
/// A stem is frequent when it is in at least one document in this many. The same share
/// makes a phrase slow (`SearchIndex::is_slow_phrase`): one whose words are all this common
/// is held back while typing, and is the phrase that pairs make fast.
pub const SHARE: u64 = 4;
/// At most this many stems (the most frequent) are chosen: at most this many squared pairs.
pub const MAX_STEMS: usize = 256;

/// The separator of a pair's two stems: words never hold whitespace.
pub(super) const JOIN: char = ' ';

/// A set of frequent stems (empty: no pairs are made).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrequentStems {
    stems: FxHashSet<String>,
}

impl FrequentStems {
    /// The stems as given.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(stems: I) -> Self {
        FrequentStems {
            stems: stems.into_iter().map(Into::into).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    pub fn len(&self) -> usize {
        self.stems.len()
    }

    pub fn contains(&self, stem: &str) -> bool {
        self.stems.contains(stem)
    }

    /// The set kept in `dir` ([`FILE`]); empty when there is none.
    pub fn load(dir: &Path) -> io::Result<Self> {
        match std::fs::read_to_string(dir.join(FILE)) {
            Ok(text) => Ok(Self::new(text.lines().filter(|line| !line.is_empty()))),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(error),
        }
    }

    /// Keeps the set in `dir` ([`FILE`]), sorted, written whole or not at all.
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        let mut stems: Vec<&str> = self.stems.iter().map(String::as_str).collect();
        stems.sort_unstable();
        let mut text = stems.join("\n");
        text.push('\n');
        crate::atomic::write_atomically(&dir.join(FILE), text.as_bytes())
    }

    /// Chooses the stems in at least one of [`SHARE`] of `documents` (each its title and
    /// body), the [`MAX_STEMS`] most frequent of them; none from fewer than
    /// [`MIN_SAMPLE_DOCS`]. The stems are the stemmed fields' own terms, from their
    /// tokenizer (without pairs).
    pub fn choose<'a>(
        documents: impl IntoIterator<Item = [&'a str; 2]>,
        stemmer: &Arc<Stemmer>,
    ) -> Self {
        let mut analyzer = TextAnalyzer::from(ArabicTokenizer::stemming(
            Arc::clone(stemmer),
            Arc::default(),
        ));
        let mut frequency: FxHashMap<String, u64> = FxHashMap::default();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut sampled: u64 = 0;
        for document in documents.into_iter().take(SAMPLE_DOCS) {
            sampled += 1;
            seen.clear();
            for text in document {
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    let stem = &stream.token().text;
                    if !seen.contains(stem) {
                        seen.insert(stem.clone());
                    }
                }
            }
            for stem in seen.drain() {
                *frequency.entry(stem).or_default() += 1;
            }
        }
        if sampled < MIN_SAMPLE_DOCS as u64 {
            return Self::default();
        }
        let mut frequent: Vec<(String, u64)> = frequency
            .into_iter()
            .filter(|&(_, count)| count * SHARE >= sampled)
            .collect();
        frequent.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        frequent.truncate(MAX_STEMS);
        Self::new(frequent.into_iter().map(|(stem, _)| stem))
    }
}

/// Writes the pair term of `first` and `second` into `out`.
pub fn pair_into(first: &str, second: &str, out: &mut String) {
    out.clear();
    out.push_str(first);
    out.push(JOIN);
    out.push_str(second);
}

/// Whether `term` (of a stemmed field) is a pair, not a word.
pub fn is_pair(term: &str) -> bool {
    term.contains(JOIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(bodies: &[String]) -> impl Iterator<Item = [&str; 2]> {
        bodies.iter().map(|body| ["", body.as_str()])
    }

    #[test]
    fn stems_in_a_quarter_of_the_sample_are_chosen() {
        let stemmer = Arc::new(Stemmer::with_defaults());
        let mut documents = Vec::new();
        for i in 0..100 {
            // روسيا in every document (in two forms), الكرملين in one of four, نادر in one of
            // five: the last is not frequent.
            let mut body = String::from("وروسيا روسيا");
            if i % 4 == 0 {
                body.push_str(" الكرملين");
            }
            if i % 5 == 0 {
                body.push_str(" نادر");
            }
            documents.push(body);
        }
        let chosen = FrequentStems::choose(sample(&documents), &stemmer);
        assert!(chosen.contains(&stemmer.stem_str("روسيا")));
        assert!(chosen.contains(&stemmer.stem_str("الكرملين")));
        assert!(!chosen.contains("نادر"));
        assert_eq!(chosen.len(), 2, "{chosen:?}");
        assert!(
            FrequentStems::choose(sample(&documents[..MIN_SAMPLE_DOCS - 1]), &stemmer).is_empty()
        );
    }

    #[test]
    fn at_most_max_stems_the_most_frequent_first() {
        let stemmer = Arc::new(Stemmer::with_defaults());
        let words: Vec<String> = (0..MAX_STEMS + 10).map(|i| format!("w{i}")).collect();
        let mut documents = Vec::new();
        for i in 0..100 {
            // w0 … w9 in every document, the rest in half of them.
            let body: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|(n, _)| *n < 10 || i % 2 == 0)
                .map(|(_, w)| w.as_str())
                .collect();
            documents.push(body.join(" "));
        }
        let chosen = FrequentStems::choose(sample(&documents), &stemmer);
        assert_eq!(chosen.len(), MAX_STEMS);
        assert!((0..10).all(|i| chosen.contains(&format!("w{i}"))));
    }

    #[test]
    fn the_set_is_kept_and_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(FrequentStems::load(dir.path()).expect("load").is_empty());
        let set = FrequentStems::new(["روسيا", "كرملين"]);
        set.save(dir.path()).expect("save");
        assert_eq!(FrequentStems::load(dir.path()).expect("load"), set);
    }

    #[test]
    fn pairs_hold_a_space_that_no_word_holds() {
        let mut out = String::from("old");
        pair_into("روسيا", "كرملين", &mut out);
        assert_eq!(out, "روسيا كرملين");
        assert!(is_pair(&out));
        assert!(!is_pair("روسيا"));
    }
}
