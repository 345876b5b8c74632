//! The tantivy face of `text::arabic`: one tokenizer that splits words, normalises them and,
//! for the `*_stem` fields, stems them. Offsets always point into the original text, so
//! snippets highlight what the document says (`وبالأمنِ` whole).

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::Index;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::frequent::{FrequentStems, pair_into};
use crate::text::arabic::{Stemmer, normalize_into};
use crate::text::words::{WordRanges, word_ranges};

/// Bumped whenever analysis changes in a way that changes indexed terms; an index built with
/// another version is rebuilt.
pub const ANALYZER_VERSION: u32 = 4;
/// The exact analyzer: normalised forms. The version is in the name (`docs/arabic-search.md`).
pub const EXACT: &str = "isnad_ar_exact_v1";
/// The loose analyzer: normalised and light-stemmed forms, and pairs of adjacent frequent
/// stems (`frequent`).
pub const STEM: &str = "isnad_ar_stem_v2";
/// Normalised tokens longer than this (in bytes) are not indexed: they are never words.
const MAX_TOKEN_BYTES: usize = 255;
/// Texts up to this size (bytes) are analysed whole and remembered; a longer one (a report
/// of hundreds of megabytes) is analysed word by word as it is read, keeping nothing.
const REMEMBERED_BYTES: usize = 256 * 1024;

/// Splits, normalises and optionally stems; see the module doc.
///
/// A document's title is indexed three times (exact, stemmed, and in the stemmed text of
/// the whole) and its body twice, each field with its own tokenizer. Normalising is most of
/// the analysis, so each text is analysed once, into both forms, and the last two texts an
/// indexing thread analysed are remembered (compared whole, never by address): the other
/// fields then read their terms from there. The terms are the same as analysing afresh.
///
/// The stemming tokenizer also makes a term of each pair of adjacent stems that are both
/// frequent in the corpus, after the second word and at its position (`frequent`).
#[derive(Clone)]
pub struct ArabicTokenizer {
    stemmer: Arc<Stemmer>,
    stem: bool,
    /// Stems whose adjacent pairs are terms too (stemming only; empty: none).
    frequent: Arc<FrequentStems>,
    pairs: Pairs,
    token: Token,
    /// The words of the text it was last given, when it was short enough to analyse whole.
    words: Arc<Analysis>,
    /// The normalised word at hand, when a long text is analysed word by word.
    normalized: String,
}

impl ArabicTokenizer {
    /// The exact analyzer's tokenizer. It knows the stemmer so that its analysis serves the
    /// stemmed fields too.
    pub fn exact(stemmer: Arc<Stemmer>) -> Self {
        ArabicTokenizer {
            stemmer,
            stem: false,
            frequent: Arc::default(),
            pairs: Pairs::default(),
            token: Token::default(),
            words: Arc::default(),
            normalized: String::new(),
        }
    }

    /// The stemming analyzer's tokenizer, making pairs of the `frequent` stems.
    pub fn stemming(stemmer: Arc<Stemmer>, frequent: Arc<FrequentStems>) -> Self {
        ArabicTokenizer {
            stem: true,
            frequent,
            ..Self::exact(stemmer)
        }
    }
}

/// Where a stream is in making pairs of frequent stems; buffers kept between texts.
#[derive(Clone, Default)]
struct Pairs {
    /// The stem of the last word given, when it is frequent.
    previous: String,
    /// Where that word starts (bytes of the text).
    previous_from: usize,
    /// The last word given was frequent.
    previous_frequent: bool,
    /// The word just given makes a pair with the one before: it comes next.
    pending: bool,
    scratch: String,
}

/// One word of an analysed text: where it is (bytes of the text) and where its normalised
/// and stemmed forms are (bytes of [`Analysis::terms`]).
#[derive(Clone, Debug)]
struct Word {
    at: Range<usize>,
    exact: Range<usize>,
    stem: Range<usize>,
}

/// Every word of one text in both forms.
#[derive(Clone, Debug, Default)]
struct Analysis {
    words: Vec<Word>,
    terms: String,
}

impl Analysis {
    /// Analyses `text` with `stemmer`, reusing this analysis's buffers; the forms of words
    /// seen before are taken from `known` (which must hold `stemmer`'s forms only).
    fn analyse(&mut self, text: &str, stemmer: &Stemmer, known: &mut KnownWords) {
        self.words.clear();
        self.terms.clear();
        for at in word_ranges(text) {
            let Some(word) = text.get(at.clone()) else {
                continue;
            };
            let start = self.terms.len();
            let (exact, stem) = known.append(word, stemmer, &mut self.terms);
            let exact = start..start + exact;
            let stem = start + stem.start..start + stem.end;
            self.words.push(Word { at, exact, stem });
        }
    }

    /// An empty analysis with room for `text`'s.
    fn for_text(text: &str) -> Analysis {
        Analysis {
            words: Vec::with_capacity(text.len() / 8),
            terms: String::with_capacity(text.len()),
        }
    }
}

/// The normalised and stemmed forms of one word, as [`Analysis::terms`] holds them: the
/// normalised form, then the stem when it is not a part of it.
#[derive(Debug, Default)]
struct Forms {
    terms: String,
    /// Bytes of `terms` that are the normalised form.
    exact: usize,
    /// Where the stem is in `terms`.
    stem: Range<usize>,
}

impl Forms {
    /// Makes these the forms of `word`, reusing the buffer.
    fn analyse(&mut self, word: &str, stemmer: &Stemmer, normalized: &mut String) {
        normalize_into(word, normalized);
        let root = stemmer.stem_str(normalized);
        self.terms.clear();
        self.terms.push_str(normalized);
        self.exact = normalized.len();
        // Mostly the stem is a part of the normalised word (the stemmer cuts it): found by
        // where it lies, with no second copy. Else it is the stemmer's own word, or one
        // written anew (`countries` → `country`).
        let within = normalized.as_ptr() as usize;
        let offset = (root.as_ptr() as usize).wrapping_sub(within);
        self.stem = if offset
            .checked_add(root.len())
            .is_some_and(|end| end <= normalized.len())
        {
            offset..offset + root.len()
        } else {
            self.terms.push_str(&root);
            self.exact..self.terms.len()
        };
    }

    /// Appends the forms to `terms`; returns the normalised form's length and where the
    /// stem is, from where they were appended.
    fn append_to(&self, terms: &mut String) -> (usize, Range<usize>) {
        terms.push_str(&self.terms);
        (self.exact, self.stem.clone())
    }

    /// The forms in one number and the stem's bounds, when the normalised form has at most
    /// 15 bytes and holds the stem (most words).
    fn packed(&self) -> Option<Known> {
        if self.exact != self.terms.len() {
            return None;
        }
        let exact = short_key(&self.terms)?;
        let from = u8::try_from(self.stem.start).ok()?;
        let to = u8::try_from(self.stem.end).ok()?;
        Some(Known::Packed(exact, from, to))
    }
}

/// Where the forms of a known word are: in the entry itself (the normalised form's bytes
/// as [`short_key`] packs them, and the stem's bounds in it), or at an index of
/// [`KnownWords::forms`].
#[derive(Clone, Copy, Debug)]
enum Known {
    Packed(u128, u8, u8),
    At(u32),
}

/// The forms of the words a thread analysed, by the word as written: news repeats its
/// words (Zipf), and normalising and stemming was half of the analysis. The forms are
/// those of one stemmer (cleared for another). The first [`KnownWords::MAX`] words met
/// are kept, and no more: in news the frequent words come early, and a set that started
/// again when full (or pushed words out) cost more in memory churn than it saved.
#[derive(Default)]
struct KnownWords {
    /// The stemmer the forms are of: held, so that no other can take its place in memory.
    by: Option<Arc<Stemmer>>,
    /// The forms of each word of up to 15 bytes (Arabic words of up to 7 letters), by its
    /// bytes as one number: hashed and compared without a call to `memcmp`, and for most
    /// words the forms are in the entry, one memory access away.
    short: FxHashMap<u128, Known>,
    /// Where the forms of each longer word are in `forms`.
    long: FxHashMap<Box<str>, u32>,
    forms: Vec<Forms>,
    /// Words kept.
    count: usize,
    /// Scratch for one normalised word.
    normalized: String,
    /// The forms of a word not kept (too long to be worth keeping).
    scratch: Forms,
}

impl KnownWords {
    /// Words kept at most (about 6 MB per indexing thread).
    const MAX: usize = 1 << 16;
    /// Longer words are analysed each time: they are rare, and would fill the set.
    const MAX_WORD_BYTES: usize = 48;

    /// Forgets the forms of another stemmer than `stemmer`.
    fn use_stemmer(&mut self, stemmer: &Arc<Stemmer>) {
        if !self.by.as_ref().is_some_and(|by| Arc::ptr_eq(by, stemmer)) {
            self.short.clear();
            self.long.clear();
            self.forms.clear();
            self.count = 0;
            self.by = Some(Arc::clone(stemmer));
        }
    }

    /// Appends the forms of `word` (stemmed by the stemmer of [`KnownWords::use_stemmer`])
    /// to `terms`; returns the normalised form's length and where the stem is, from where
    /// they were appended.
    fn append(
        &mut self,
        word: &str,
        stemmer: &Stemmer,
        terms: &mut String,
    ) -> (usize, Range<usize>) {
        if word.len() <= Self::MAX_WORD_BYTES {
            let short = short_key(word);
            let known = match short {
                Some(key) => self.short.get(&key).copied(),
                None => self.long.get(word).map(|&at| Known::At(at)),
            };
            match known {
                Some(Known::Packed(exact, from, to)) => {
                    let bytes = exact.to_le_bytes();
                    let len = usize::from(bytes[15]);
                    if let Some(Ok(exact)) = bytes.get(..len).map(std::str::from_utf8) {
                        terms.push_str(exact);
                        return (len, usize::from(from)..usize::from(to));
                    }
                }
                Some(Known::At(at)) => return self.forms[at as usize].append_to(terms),
                None if self.count < Self::MAX => {
                    // The words met first are kept: the frequent ones are among them.
                    self.count += 1;
                    let mut forms = Forms::default();
                    forms.analyse(word, stemmer, &mut self.normalized);
                    let appended = forms.append_to(terms);
                    let packed = short.and_then(|key| Some((key, forms.packed()?)));
                    if let Some((key, packed)) = packed {
                        self.short.insert(key, packed);
                    } else {
                        #[expect(clippy::cast_possible_truncation, reason = "at most MAX words")]
                        let at = self.forms.len() as u32;
                        self.forms.push(forms);
                        match short {
                            Some(key) => self.short.insert(key, Known::At(at)),
                            None => self.long.insert(Box::from(word), at).map(Known::At),
                        };
                    }
                    return appended;
                }
                None => {}
            }
        }
        self.scratch.analyse(word, stemmer, &mut self.normalized);
        self.scratch.append_to(terms)
    }
}

/// `word`'s bytes and length as one number, when it has at most 15 bytes: distinct words
/// give distinct numbers.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = (bytes.len() as u128) << 120;
    for (i, &byte) in bytes.iter().enumerate() {
        key |= u128::from(byte) << (8 * i);
    }
    Some(key)
}

/// The texts a thread analysed last.
#[derive(Default)]
struct Remembered {
    /// Each with the stemmer it was stemmed with: held, so that no other stemmer can take
    /// its place in memory and pass for it.
    slots: [(Option<Arc<Stemmer>>, String, Arc<Analysis>); 2],
    /// The slot to overwrite next.
    older: usize,
    known: KnownWords,
}

thread_local! {
    static REMEMBERED: RefCell<Remembered> = RefCell::new(Remembered::default());
}

/// The analysis of `text` (at most [`REMEMBERED_BYTES`]): remembered when this thread
/// analysed the same text with the same stemmer last or the time before, else made now
/// (and remembered). Shared, not copied, with the tokenizers that asked for it.
fn analysis_of(text: &str, stemmer: &Arc<Stemmer>) -> Arc<Analysis> {
    REMEMBERED.with_borrow_mut(|remembered| {
        let Remembered {
            slots,
            older,
            known,
        } = remembered;
        if let Some(i) = slots.iter().position(|(by, seen, _)| {
            by.as_ref().is_some_and(|by| Arc::ptr_eq(by, stemmer)) && seen == text
        }) {
            *older = 1 - i;
            return Arc::clone(&slots[i].2);
        }
        let mut analysis = Analysis::for_text(text);
        known.use_stemmer(stemmer);
        analysis.analyse(text, stemmer, known);
        let analysis = Arc::new(analysis);
        let (by, seen, remembered) = &mut slots[*older];
        *by = Some(Arc::clone(stemmer));
        seen.clear();
        seen.push_str(text);
        *remembered = Arc::clone(&analysis);
        *older = 1 - *older;
        analysis
    })
}

/// The tokens of one text; see [`ArabicTokenizer`].
pub struct ArabicTokenStream<'a> {
    words: Words<'a>,
    stem: bool,
    /// The frequent stems, when pairs are made.
    frequent: Option<&'a FrequentStems>,
    pairs: &'a mut Pairs,
    token: &'a mut Token,
}

/// Where a token stream takes its words from.
enum Words<'a> {
    /// A text analysed whole.
    Analysed { analysis: &'a Analysis, next: usize },
    /// A long text, word by word: only the word at hand is kept.
    Streamed {
        text: &'a str,
        ranges: WordRanges<'a>,
        stemmer: &'a Stemmer,
        normalized: &'a mut String,
    },
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.token.reset();
        let words = if text.len() <= REMEMBERED_BYTES {
            self.words = analysis_of(text, &self.stemmer);
            Words::Analysed {
                analysis: &self.words,
                next: 0,
            }
        } else {
            // Let go of the last analysis: a long text may follow a long text.
            self.words = Arc::default();
            Words::Streamed {
                text,
                ranges: word_ranges(text),
                stemmer: &self.stemmer,
                normalized: &mut self.normalized,
            }
        };
        self.pairs.previous_frequent = false;
        self.pairs.pending = false;
        ArabicTokenStream {
            words,
            stem: self.stem,
            frequent: (self.stem && !self.frequent.is_empty()).then_some(&*self.frequent),
            pairs: &mut self.pairs,
            token: &mut self.token,
        }
    }
}

impl ArabicTokenStream<'_> {
    /// Turns the token, the second of two adjacent frequent words, into their pair: at the
    /// same position, spanning both words. The second word becomes the one before the next.
    fn give_pair(&mut self) {
        let pairs = &mut *self.pairs;
        pairs.pending = false;
        std::mem::swap(&mut pairs.scratch, &mut self.token.text);
        pair_into(&pairs.previous, &pairs.scratch, &mut self.token.text);
        std::mem::swap(&mut pairs.previous, &mut pairs.scratch);
        let from = std::mem::replace(&mut pairs.previous_from, self.token.offset_from);
        self.token.offset_from = from;
    }

    /// The next word with its term written into the token's text; false at the end.
    fn next_word(&mut self) -> Option<Range<usize>> {
        let text = &mut self.token.text;
        match &mut self.words {
            Words::Analysed { analysis, next } => {
                let word = analysis.words.get(*next)?;
                *next += 1;
                let range = if self.stem { &word.stem } else { &word.exact };
                text.clear();
                text.push_str(analysis.terms.get(range.clone()).unwrap_or(""));
                Some(word.at.clone())
            }
            Words::Streamed {
                text: source,
                ranges,
                stemmer,
                normalized,
            } => {
                let at = ranges.next()?;
                let word = source.get(at.clone()).unwrap_or("");
                if self.stem {
                    normalize_into(word, normalized);
                    text.clear();
                    text.push_str(&stemmer.stem_str(normalized));
                } else {
                    normalize_into(word, text);
                }
                Some(at)
            }
        }
    }
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.pairs.pending {
            self.give_pair();
            return true;
        }
        // No allocation per word: each term is written into the token's own buffer.
        while let Some(at) = self.next_word() {
            let term = &self.token.text;
            if term.is_empty() || term.len() > MAX_TOKEN_BYTES {
                // Not indexed, so the words on either side are not adjacent.
                self.pairs.previous_frequent = false;
                continue;
            }
            self.token.offset_from = at.start;
            self.token.offset_to = at.end;
            self.token.position = self.token.position.wrapping_add(1);
            if let Some(frequent) = self.frequent {
                let pairs = &mut *self.pairs;
                if !frequent.contains(&self.token.text) {
                    pairs.previous_frequent = false;
                } else if pairs.previous_frequent {
                    pairs.pending = true;
                } else {
                    pairs.previous.clear();
                    pairs.previous.push_str(&self.token.text);
                    pairs.previous_from = at.start;
                    pairs.previous_frequent = true;
                }
            }
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Registers both analyzers on `index`, the stemming one with the index's frequent stems.
/// Must run on every open, before any search or write, and again when the stems change.
pub fn register(index: &Index, stemmer: &Arc<Stemmer>, frequent: &Arc<FrequentStems>) {
    let tokenizers = index.tokenizers();
    tokenizers.register(
        EXACT,
        TextAnalyzer::from(ArabicTokenizer::exact(Arc::clone(stemmer))),
    );
    tokenizers.register(
        STEM,
        TextAnalyzer::from(ArabicTokenizer::stemming(
            Arc::clone(stemmer),
            Arc::clone(frequent),
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, &str)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((
                token.text.clone(),
                text.get(token.offset_from..token.offset_to).unwrap_or(""),
            ));
        }
        out
    }

    #[test]
    fn exact_terms_are_normalised_and_offsets_cover_the_original() {
        let analyzer =
            TextAnalyzer::from(ArabicTokenizer::exact(Arc::new(Stemmer::with_defaults())));
        assert_eq!(
            terms(analyzer, "وبالأمنِ، ISIS-K"),
            [
                ("وبالامن".into(), "وبالأمنِ"),
                ("isis".into(), "ISIS"),
                ("k".into(), "K")
            ]
        );
    }

    #[test]
    fn stem_terms_strip_clitics() {
        let analyzer = TextAnalyzer::from(ArabicTokenizer::stemming(
            Arc::new(Stemmer::with_defaults()),
            Arc::default(),
        ));
        let got: Vec<String> = terms(analyzer, "وبالأمنِ لبوتين المدرسة")
            .into_iter()
            .map(|t| t.0)
            .collect();
        // مدرسة keeps its ة: مدرس (teacher) is another word of the lexicon.
        assert_eq!(got, ["امن", "بوتين", "مدرسه"]);
    }

    /// The terms of `text` analysed afresh, word by word, as the tokenizer promises.
    fn afresh(text: &str, stemmer: &Stemmer, stem: bool) -> Vec<String> {
        word_ranges(text)
            .filter_map(|at| {
                let word = crate::text::arabic::normalize(text.get(at)?);
                let term = if stem {
                    stemmer.stem_str(&word).into_owned()
                } else {
                    word
                };
                (!term.is_empty() && term.len() <= MAX_TOKEN_BYTES).then_some(term)
            })
            .collect()
    }

    #[test]
    fn remembered_analyses_give_the_terms_of_a_fresh_one() {
        let stemmer = Arc::new(Stemmer::with_defaults());
        let title = "وبالأمنِ لبوتين المدرسة";
        // With stems written anew (countries → country, דרכים → דרך) among the cut ones.
        let body = "أعلن تنظيم داعش مسؤوليته عن الهجوم، والمدارس مغلقة. ISIS-K countries דרכים";
        let long = body.repeat(REMEMBERED_BYTES / body.len() + 1);
        let mut exact = TextAnalyzer::from(ArabicTokenizer::exact(Arc::clone(&stemmer)));
        let mut stemming = TextAnalyzer::from(ArabicTokenizer::stemming(
            Arc::clone(&stemmer),
            Arc::default(),
        ));
        // In the order a document's fields are indexed, then again out of it, with a text
        // too long to remember among them.
        for text in [title, title, body, title, body, &long, &long, title, body] {
            for (analyzer, stem) in [(&mut exact, false), (&mut stemming, true)] {
                let got: Vec<String> = terms(analyzer.clone(), text)
                    .into_iter()
                    .map(|t| t.0)
                    .collect();
                assert_eq!(got, afresh(text, &stemmer, stem), "{stem} {text:.40}");
            }
        }
    }

    #[test]
    fn another_stemmer_is_never_served_a_remembered_analysis() {
        let text = "قال المهاجمون إن الهجوم";
        let plain = Arc::new(Stemmer::with_defaults());
        let mut named = Stemmer::with_defaults();
        named.protect_names(["المهاجمون"]);
        let named = Arc::new(named);
        let stems = |stemmer: &Arc<Stemmer>| -> Vec<String> {
            let analyzer = TextAnalyzer::from(ArabicTokenizer::stemming(
                Arc::clone(stemmer),
                Arc::default(),
            ));
            terms(analyzer, text).into_iter().map(|t| t.0).collect()
        };
        let before = stems(&plain);
        let after = stems(&named);
        assert_ne!(before, after, "the name is protected from stemming");
        assert_eq!(after, afresh(text, &named, true));
        assert_eq!(stems(&plain), before);
    }

    #[test]
    fn positions_count_words() {
        let mut analyzer =
            TextAnalyzer::from(ArabicTokenizer::exact(Arc::new(Stemmer::with_defaults())));
        let mut stream = analyzer.token_stream("\u{200F} مجلس الأمن");
        let mut positions = Vec::new();
        while let Some(token) = stream.next() {
            positions.push(token.position);
        }
        assert_eq!(positions, [0, 1]);
    }

    /// Each token of `text` as (term, position, the text it spans).
    fn positioned(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, String)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((
                token.text.clone(),
                token.position,
                text.get(token.offset_from..token.offset_to)
                    .unwrap_or("")
                    .to_owned(),
            ));
        }
        out
    }

    fn pairing(frequent: &[&str]) -> TextAnalyzer {
        TextAnalyzer::from(ArabicTokenizer::stemming(
            Arc::new(Stemmer::with_defaults()),
            Arc::new(FrequentStems::new(frequent.iter().copied())),
        ))
    }

    #[test]
    fn adjacent_frequent_stems_make_a_pair_at_the_second_position() {
        let stemmer = Stemmer::with_defaults();
        let russia = stemmer.stem_str("روسيا").into_owned();
        let kremlin = stemmer.stem_str("الكرملين").into_owned();
        let said = stemmer.stem_str("قال").into_owned();
        let got = positioned(
            pairing(&[&russia, &kremlin, &said]),
            "قال الكرملين وروسيا أمس الكرملين",
        );
        let pair = |a: &str, b: &str| format!("{a} {b}");
        assert_eq!(
            got,
            [
                (said.clone(), 0, "قال".into()),
                (kremlin.clone(), 1, "الكرملين".into()),
                (pair(&said, &kremlin), 1, "قال الكرملين".into()),
                (russia.clone(), 2, "وروسيا".into()),
                (pair(&kremlin, &russia), 2, "الكرملين وروسيا".into()),
                (stemmer.stem_str("امس").into_owned(), 3, "أمس".into()),
                (kremlin.clone(), 4, "الكرملين".into()),
            ]
        );
    }

    #[test]
    fn without_frequent_stems_or_across_an_unindexed_word_no_pair_is_made() {
        let text = "روسيا روسيا";
        let plain: Vec<String> = terms(pairing(&[]), text).into_iter().map(|t| t.0).collect();
        assert_eq!(plain, ["روسيا", "روسيا"]);
        // A word too long to index stands between the two: they are not adjacent.
        let long = "ب".repeat(MAX_TOKEN_BYTES);
        let apart = format!("روسيا {long} روسيا");
        let got: Vec<String> = terms(pairing(&["روسيا"]), &apart)
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(got, ["روسيا", "روسيا"]);
        // The exact analyzer never pairs.
        let exact = TextAnalyzer::from(ArabicTokenizer::exact(Arc::new(Stemmer::with_defaults())));
        assert_eq!(terms(exact, text).len(), 2);
    }

    #[test]
    fn long_texts_read_word_by_word_make_the_same_pairs() {
        let text = "روسيا الكرملين قال. ".repeat(REMEMBERED_BYTES / 20 + 1);
        let stemmer = Stemmer::with_defaults();
        let frequent = [&*stemmer.stem_str("روسيا"), &*stemmer.stem_str("الكرملين")];
        let streamed = positioned(pairing(&frequent), &text);
        let cut = text.len() / 2 - text.len() / 2 % "روسيا الكرملين قال. ".len();
        let head = text.get(..cut).expect("a unit boundary");
        let analysed = positioned(pairing(&frequent), head);
        assert!(head.len() <= REMEMBERED_BYTES);
        assert_eq!(streamed.get(..analysed.len()), Some(&analysed[..]));
        assert_eq!(streamed.len(), text.matches("روسيا").count() * 4);
    }
}
