//! The operators of the query language that tantivy's parser does not build: a prefix
//! (`تنظ*`), fuzzy words (`حكومه~1`) and name variants (`name:ترمب`).
//!
//! tantivy's grammar reads `word*` and `word~1` as words with the operator in their text; the
//! search (`search::Builder`) hands each such word here. Each operator is answered the same
//! way: the terms of the field's dictionary it accepts are found (a key range for a prefix, an
//! automaton for the others, never a scan of every term), the most frequent
//! [`MAX_EXPANSIONS`] of them kept, as Elasticsearch's `max_expansions` does, and the word
//! becomes their union, scored by BM25 like any word. The expanded terms are ordinary terms
//! of the query, so snippets and the reader highlight the words they matched.
//!
//! On the stemmed fields the pairs of frequent stems (`frequent`) are never expanded to.

use std::sync::OnceLock;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use rustc_hash::FxHashMap;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};
use tantivy_fst::Automaton;

use super::frequent;

/// The most terms one operator expands to: the most frequent of those it accepts. Beyond
/// it, the rarest words with that prefix (or spelling) are not searched.
pub const MAX_EXPANSIONS: usize = 64;

/// The fewest letters a written prefix (`word*`) may have: one letter would expand to the
/// most frequent words of the corpus, not to what was meant.
pub const MIN_PREFIX_LETTERS: usize = 2;

/// The fewest letters a typed prefix may keep once clitics are read off it, when the prefix
/// as typed starts some word already: `كات` (the start of كاتب and كاتدرائية) is not also
/// read as ك + `ات`, whose two letters start most words of a corpus (ـات is a plural
/// ending) and would cost that search most of its time. When the prefix as typed starts no
/// word (`وتن`), the two letters left (`تن`) are searched, so results never vanish mid-word.
pub const MIN_CLITIC_READING_LETTERS: usize = 3;

/// The fewest consonants a name-variant word may keep once its vowel letters are dropped:
/// two (`علي` is `عل`) would fold most short words together.
pub const MIN_SKELETON_LETTERS: usize = 3;

/// An operator written on a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// `word*`: every word starting so.
    Prefix,
    /// `word~N`: every word within N edits; `None` (`word~`) chooses by the word's length.
    Fuzzy(Option<u8>),
    /// `name:word`: every spelling of the name (`ترمب`, `ترامب`).
    Variant,
}

/// The word and its operator, when `text` (a bare word of the query) carries one: `تنظ*` is
/// a prefix, `word~`, `word~1`, `word~2` fuzzy, `word~0` the word itself. A tilde followed by
/// anything but digits is not an operator; a distance other than 0, 1 or 2 is an error that
/// says what is allowed.
pub fn operator_of(text: &str) -> Result<Option<(&str, Operator)>, String> {
    if let Some(word) = text.strip_suffix('*') {
        let word = word.trim_end_matches('*');
        return Ok((!word.is_empty() && !word.ends_with('~')).then_some((word, Operator::Prefix)));
    }
    let Some((word, distance)) = text.rsplit_once('~') else {
        return Ok(None);
    };
    if word.is_empty() || word.ends_with('~') {
        return Ok(None);
    }
    if distance.is_empty() {
        return Ok(Some((word, Operator::Fuzzy(None))));
    }
    let digits: Option<String> = distance
        .chars()
        .map(|c| c.to_digit(10).or_else(|| arabic_digit(c)))
        .map(|d| d.and_then(|d| char::from_digit(d, 10)))
        .collect();
    let Some(digits) = digits else {
        return Ok(None);
    };
    match digits.parse::<u8>() {
        Ok(0) => Ok(Some((word, Operator::Fuzzy(Some(0))))),
        Ok(n @ 1..=2) => Ok(Some((word, Operator::Fuzzy(Some(n))))),
        _ => Err(format!(
            "fuzzy search takes 0, 1 or 2 edits, not {distance}: write {word}~1 or {word}~2 \
             ({word}~ chooses by the word's length)"
        )),
    }
}

/// The value of an Arabic-Indic or Persian digit.
fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// The edits `word~` allows, by the length (letters) of the analysed word, as
/// Elasticsearch's `AUTO` fuzziness: none up to 2 letters, 1 up to 5, else 2.
pub fn auto_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// The clitic letters a typed prefix may start with, in order: a conjunction, a preposition,
/// the article; `لل` is ل and ال with its alef dropped.
const CONJUNCTIONS: [&str; 2] = ["و", "ف"];
const PREPOSITIONS: [&str; 3] = ["ب", "ك", "ل"];

/// The prefixes a normalised typed prefix stands for on the stemmed fields, whose terms carry
/// no clitics: itself, and itself without each reading of its leading clitics (`والتنظ`:
/// `والتنظ`, `التنظ`, `تنظ`). Those shorter than [`MIN_PREFIX_LETTERS`] are left out. Keeping
/// the prefix as typed matters: `وز` may be the start of `وزير`, whose stem keeps its و.
pub fn clitic_readings(prefix: &str) -> Vec<&str> {
    let mut readings = vec![prefix];
    let mut heads = vec![prefix];
    for group in [&CONJUNCTIONS[..], &PREPOSITIONS[..]] {
        let mut next = heads.clone();
        for head in &heads {
            for clitic in group {
                if let Some(rest) = head.strip_prefix(clitic) {
                    next.push(rest);
                }
            }
        }
        heads = next;
    }
    for head in heads {
        readings.push(head);
        if let Some(rest) = head.strip_prefix("ال") {
            readings.push(rest);
        }
    }
    // ل + ال written لل, after an optional conjunction.
    for conjunction in ["", "و", "ف"] {
        if let Some(rest) = prefix
            .strip_prefix(conjunction)
            .and_then(|rest| rest.strip_prefix("لل"))
        {
            readings.push(rest);
        }
    }
    let mut kept: Vec<&str> = Vec::new();
    for reading in readings {
        if reading.chars().count() >= MIN_PREFIX_LETTERS && !kept.contains(&reading) {
            kept.push(reading);
        }
    }
    kept
}

/// Suffixes of nouns (normalised: ة is ه) whose start a prefix being typed may end with.
const SUFFIXES: [&str; 16] = [
    "ات", "ان", "ين", "ون", "ها", "هم", "هن", "هما", "كم", "كن", "كما", "نا", "يه", "يات", "تان",
    "تين",
];

/// The stems a typed prefix may have run past, into the start of a suffix: `تنظيما`, on its
/// way to `تنظيمات`, whose stem `تنظيم` it does not start. Each is `prefix` without an ending
/// that starts one of [`SUFFIXES`] (one letter only when it is ا، و or ي, a long vowel that
/// starts most of them; one of ه ت ك ن would cut too many words), at least
/// [`MIN_PREFIX_LETTERS`] long. They are looked up as whole terms.
pub fn stems_run_past(prefix: &str) -> Vec<&str> {
    let mut stems = Vec::new();
    for (at, _) in prefix.char_indices().skip(MIN_PREFIX_LETTERS) {
        let (stem, ending) = prefix.split_at(at);
        let one_letter = ending.chars().count() == 1;
        if (one_letter && !matches!(ending, "ا" | "و" | "ي")) || stems.contains(&stem) {
            continue;
        }
        if SUFFIXES.iter().any(|suffix| suffix.starts_with(ending)) {
            stems.push(stem);
        }
    }
    stems
}

/// The clitics a name may be written behind, as the stemmed fields may still hold them (a
/// bare ب or ل is not stripped from a word the stemmer does not know: `لترمب`).
const NAME_CLITICS: [&str; 24] = [
    "", "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "وك", "فب",
    "فل", "فك", "وبال", "ولل", "فلل", "فبال", "وكال", "فكال",
];

/// The forms a name's word is looked for as: itself, and behind each clitic.
pub fn name_forms(word: &str) -> Vec<String> {
    NAME_CLITICS
        .iter()
        .map(|clitic| format!("{clitic}{word}"))
        .collect()
}

/// The letters a name's spellings differ by and fold to one: Persian and Maghrebi letters
/// for sounds Arabic lacks.
fn fold_letter(c: char) -> char {
    match c {
        'ڤ' | 'ڥ' | 'ڨ' => 'ف',
        'پ' => 'ب',
        'چ' => 'ج',
        'گ' | 'ڭ' | 'ک' => 'ك',
        'ژ' => 'ز',
        'ة' => 'ه',
        'ى' => 'ي',
        'أ' | 'إ' | 'آ' => 'ا',
        'ؤ' | 'ئ' => 'ء',
        c => c,
    }
}

/// The letters that may be written or not in a name (long vowels and a bare hamza).
fn is_vowel_letter(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي' | 'ء')
}

/// The skeleton of a normalised word, what the name-variant operator compares: its letters
/// folded ([`fold_letter`]) with the vowel letters dropped, except the first letter, which is
/// kept whatever it is (`اوباما` is `ابم`, `ترامب` and `ترمب` are `ترمب`).
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().map(fold_letter).enumerate() {
        if i == 0 || !is_vowel_letter(c) {
            out.push(c);
        }
    }
    out
}

/// The most vowel letters a spelling variant may add or drop, over the whole word: one for
/// a name of up to 4 consonants (`موسكو` is not `مسك`, musk), two for a longer one.
pub fn max_vowel_changes(consonants: usize) -> usize {
    if consonants <= 4 { 1 } else { 2 }
}

/// A word as consonants, each with the vowel letters written after it (the first letter
/// counts as a consonant whatever it is), letters folded.
fn slots(word: &str) -> Vec<(char, String)> {
    let mut slots: Vec<(char, String)> = Vec::new();
    for c in word.chars().map(fold_letter) {
        match slots.last_mut() {
            Some((_, vowels)) if is_vowel_letter(c) => vowels.push(c),
            _ => slots.push((c, String::new())),
        }
    }
    slots
}

/// True when `a`'s letters appear in `b` in order.
fn is_subsequence(a: &str, b: &str) -> bool {
    let mut letters = b.chars();
    a.chars().all(|c| letters.any(|d| d == c))
}

/// True when `term` spells `word` (both normalised) with vowel letters written or not: the
/// same consonants, and between each two the vowel letters of one are among the other's, in
/// order, at most [`max_vowel_changes`] added or dropped in all (a letter moved to the next
/// consonant counts once). `ترامب` spells `ترمب` and
/// `نتانياهو` `نتنياهو`; `بيتين` (و written ي) and `باتن` do not spell `بوتين`, though their
/// skeletons are its.
pub fn spells(word: &str, term: &str) -> bool {
    let (word, term) = (slots(word), slots(term));
    if word.len() != term.len() {
        return false;
    }
    // Per consonant: the vowel letters added (positive) or dropped (negative), and which.
    let mut changes: Vec<(isize, Option<char>)> = Vec::with_capacity(word.len());
    for ((c, v), (d, w)) in word.iter().zip(&term) {
        if c != d {
            return false;
        }
        let (short, long, sign) = if is_subsequence(v, w) {
            (v, w, 1)
        } else if is_subsequence(w, v) {
            (w, v, -1)
        } else {
            return false;
        };
        let count = long.chars().count() - short.chars().count();
        let letter = (count == 1)
            .then(|| long.chars().find(|c| !short.contains(*c)))
            .flatten();
        changes.push((sign * isize::try_from(count).unwrap_or(isize::MAX), letter));
    }
    let mut total: usize = changes.iter().map(|(n, _)| n.unsigned_abs()).sum();
    // A vowel letter moved to the next consonant (`أمريكا`, `أميركا`) is one change.
    let mut i = 0;
    while let (Some(&(a, x)), Some(&(b, y))) = (changes.get(i), changes.get(i + 1)) {
        if a * b == -1 && x.is_some() && x == y {
            total -= 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    total <= max_vowel_changes(word.len())
}

/// Accepts the terms whose [`skeleton`] is a given one, byte by byte as the term dictionary
/// is walked (a state is how much of the skeleton is matched, and the bytes of a letter not
/// yet complete).
#[derive(Debug, Clone)]
pub struct SkeletonAutomaton {
    target: Vec<char>,
}

impl SkeletonAutomaton {
    pub fn new(skeleton: &str) -> Self {
        SkeletonAutomaton {
            target: skeleton.chars().collect(),
        }
    }

    /// The state after the whole letter `c`, from `at` letters matched.
    fn letter(&self, at: u32, c: char) -> Option<SkeletonState> {
        let c = fold_letter(c);
        if at > 0 && is_vowel_letter(c) {
            return Some(SkeletonState::at(at));
        }
        let expected = self.target.get(usize::try_from(at).ok()?)?;
        (*expected == c).then(|| SkeletonState::at(at + 1))
    }
}

/// Where a [`SkeletonAutomaton`] is; `None` when the term cannot match any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkeletonState(Option<(u32, u32, u8)>);

impl SkeletonState {
    fn at(matched: u32) -> Self {
        SkeletonState(Some((matched, 0, 0)))
    }
}

impl Automaton for SkeletonAutomaton {
    type State = SkeletonState;

    fn start(&self) -> SkeletonState {
        SkeletonState::at(0)
    }

    fn is_match(&self, state: &SkeletonState) -> bool {
        state.0.is_some_and(|(matched, _, pending)| {
            pending == 0 && usize::try_from(matched).is_ok_and(|m| m == self.target.len())
        })
    }

    fn can_match(&self, state: &SkeletonState) -> bool {
        state.0.is_some()
    }

    fn accept(&self, state: &SkeletonState, byte: u8) -> SkeletonState {
        let Some((matched, partial, pending)) = state.0 else {
            return *state;
        };
        let (code, pending) = if pending == 0 {
            match byte {
                0x00..=0x7F => (u32::from(byte), 0),
                0xC0..=0xDF => (u32::from(byte & 0x1F), 1),
                0xE0..=0xEF => (u32::from(byte & 0x0F), 2),
                0xF0..=0xF7 => (u32::from(byte & 0x07), 3),
                _ => return SkeletonState(None),
            }
        } else if byte & 0xC0 == 0x80 {
            ((partial << 6) | u32::from(byte & 0x3F), pending - 1)
        } else {
            return SkeletonState(None);
        };
        if pending > 0 {
            return SkeletonState(Some((matched, code, pending)));
        }
        match char::from_u32(code) {
            Some(c) => SkeletonState(self.letter(matched, c).and_then(|s| s.0)),
            None => SkeletonState(None),
        }
    }
}

/// The Levenshtein automaton of a word (transpositions cost one edit), as the term
/// dictionary walks it.
#[derive(Clone, Copy)]
pub struct Levenshtein<'a>(pub &'a DFA);

impl Automaton for Levenshtein<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// The automaton of `word` within `distance` edits (1 or 2; the builders are made once).
pub fn levenshtein_dfa(word: &str, distance: u8) -> DFA {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 2] =
        [OnceLock::new(), OnceLock::new()];
    let distance = distance.clamp(1, 2);
    let slot = &BUILDERS[usize::from(distance - 1)];
    slot.get_or_init(|| LevenshteinAutomatonBuilder::new(distance, true))
        .build_dfa(word)
}

/// Edits between two words (optimal string alignment: a transposition is one edit), in
/// letters: what orders fuzzy expansions, nearest first.
pub fn edits(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The terms of `field` an operator accepts, summed over the segments with their document
/// frequencies: those in `[from, until)` for each prefix, or those `automaton` accepts.
/// Pairs of frequent stems are skipped.
#[derive(Default)]
pub struct Expansion {
    found: FxHashMap<Vec<u8>, u64>,
}

impl Expansion {
    /// Adds the terms of `field` starting with `prefix`.
    pub fn prefix(
        &mut self,
        searcher: &Searcher,
        field: Field,
        prefix: &str,
    ) -> tantivy::Result<()> {
        let from = prefix.as_bytes();
        let until = next_prefix(from);
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut range = inverted.terms().range().ge(from);
            if let Some(until) = &until {
                range = range.lt(until);
            }
            let mut stream = range.into_stream()?;
            while let Some((key, info)) = stream.next() {
                self.add(key, info.doc_freq);
            }
        }
        Ok(())
    }

    /// True when no term was added yet.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Adds `term` of `field` when some segment holds it.
    pub fn term(&mut self, searcher: &Searcher, field: Field, term: &str) -> tantivy::Result<()> {
        for segment in searcher.segment_readers() {
            if let Some(info) = segment.inverted_index(field)?.terms().get(term)? {
                self.add(term.as_bytes(), info.doc_freq);
            }
        }
        Ok(())
    }

    /// Adds the terms of `field` that `automaton` accepts and `keep` keeps.
    pub fn automaton<A>(
        &mut self,
        searcher: &Searcher,
        field: Field,
        automaton: &A,
        keep: impl Fn(&str) -> bool,
    ) -> tantivy::Result<()>
    where
        A: Automaton,
        A::State: Clone,
    {
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().search(automaton).into_stream()?;
            while let Some((key, info)) = stream.next() {
                if std::str::from_utf8(key).is_ok_and(&keep) {
                    self.add(key, info.doc_freq);
                }
            }
        }
        Ok(())
    }

    fn add(&mut self, key: &[u8], doc_freq: u32) {
        // A pair of frequent stems holds a space; no word does.
        if key.contains(&(frequent::JOIN as u8)) {
            return;
        }
        // Most keys were found in another segment already: no copy for them.
        match self.found.get_mut(key) {
            Some(found) => *found += u64::from(doc_freq),
            None => {
                self.found.insert(key.to_vec(), u64::from(doc_freq));
            }
        }
    }

    /// The kept terms: the [`MAX_EXPANSIONS`] first by `order` (smaller first) then by
    /// document frequency (larger first), then by the term; each with its document frequency
    /// (summed over the segments).
    pub fn counted_terms(self, field: Field, order: impl Fn(&str) -> usize) -> Vec<(Term, u64)> {
        let mut found: Vec<(usize, u64, String)> = self
            .found
            .into_iter()
            .filter_map(|(key, freq)| String::from_utf8(key).ok().map(|t| (order(&t), freq, t)))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        found.truncate(MAX_EXPANSIONS);
        found
            .into_iter()
            .map(|(_, freq, text)| (Term::from_field_text(field, &text), freq))
            .collect()
    }
}

/// The smallest key greater than every key starting with `prefix`; `None` when there is none
/// (all bytes 0xFF).
fn next_prefix(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut next = prefix.to_vec();
    while let Some(last) = next.pop() {
        if last < 0xFF {
            next.push(last + 1);
            return Some(next);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_read_off_the_end_of_a_word() {
        assert_eq!(operator_of("تنظ*"), Ok(Some(("تنظ", Operator::Prefix))));
        assert_eq!(operator_of("تنظ**"), Ok(Some(("تنظ", Operator::Prefix))));
        assert_eq!(
            operator_of("حكومه~"),
            Ok(Some(("حكومه", Operator::Fuzzy(None))))
        );
        assert_eq!(
            operator_of("حكومه~1"),
            Ok(Some(("حكومه", Operator::Fuzzy(Some(1)))))
        );
        assert_eq!(
            operator_of("حكومه~٢"),
            Ok(Some(("حكومه", Operator::Fuzzy(Some(2)))))
        );
        assert_eq!(
            operator_of("حكومه~0"),
            Ok(Some(("حكومه", Operator::Fuzzy(Some(0)))))
        );
        for plain in ["حكومه", "*", "~", "~1", "a~b", "a~~", "a~*", "**"] {
            assert_eq!(operator_of(plain), Ok(None), "{plain}");
        }
        let error = operator_of("حكومه~3").expect_err("3 edits");
        assert!(error.contains("0, 1 or 2"), "{error}");
        assert!(error.contains("حكومه~1"), "{error}");
        assert!(operator_of("x~12").is_err());
    }

    #[test]
    fn auto_fuzziness_grows_with_the_word() {
        assert_eq!(auto_distance("من"), 0);
        assert_eq!(auto_distance("حكم"), 1);
        assert_eq!(auto_distance("حكومه"), 1);
        assert_eq!(auto_distance("الحكومه"), 2);
    }

    #[test]
    fn clitics_typed_before_a_prefix_are_read_both_ways() {
        assert_eq!(clitic_readings("والتنظ"), ["والتنظ", "التنظ", "تنظ"]);
        assert_eq!(clitic_readings("بالتنظ"), ["بالتنظ", "التنظ", "تنظ"]);
        assert_eq!(clitic_readings("للتنظ"), ["للتنظ", "لتنظ", "تنظ"]);
        assert_eq!(
            clitic_readings("وللتنظ"),
            ["وللتنظ", "للتنظ", "لتنظ", "تنظ"]
        );
        assert_eq!(clitic_readings("تنظ"), ["تنظ"]);
        // `وز` may be the start of `وزير`; `ز` alone is too short.
        assert_eq!(clitic_readings("وز"), ["وز"]);
        assert_eq!(clitic_readings("ال"), ["ال"]);
    }

    #[test]
    fn a_prefix_typed_into_a_suffix_reads_the_stem_before_it() {
        assert_eq!(stems_run_past("تنظيما"), ["تنظيم"]);
        assert_eq!(stems_run_past("تنظيمات"), ["تنظيم"]);
        assert_eq!(stems_run_past("مهندسو"), ["مهندس"]);
        assert!(stems_run_past("ترامب").is_empty());
        // A lone ه or ت after a word is too often its own last letter.
        assert!(stems_run_past("جامعه").is_empty());
        assert!(stems_run_past("شركت").is_empty());
    }

    #[test]
    fn spelling_variants_add_or_drop_vowel_letters_and_nothing_else() {
        for (word, term) in [
            ("ترمب", "ترامب"),
            ("ترامب", "ترمب"),
            ("نتنياهو", "نتانياهو"),
            ("فلاديمير", "ڤلاديمير"),
            ("فلاديمير", "فلادمير"),
            ("بوتين", "بتين"),
            ("فلاديمير", "فلدمير"),
            ("امريكا", "اميركا"),
            ("اوباما", "أوباما"),
            ("لترمب", "لترامب"),
        ] {
            assert!(spells(word, term), "{term} spells {word}");
        }
        for (word, term) in [
            ("بوتين", "بيتين"),
            ("بوتين", "باتن"),
            ("بوتين", "بتناوءوا"),
            ("لبوتين", "لابتن"),
            ("بوتين", "بتن"),
            ("موسكو", "مسك"),
            ("ترمب", "ترامبوني"),
        ] {
            assert!(!spells(word, term), "{term} does not spell {word}");
        }
        assert_eq!(name_forms("ترمب").len(), NAME_CLITICS.len());
        assert!(name_forms("ترمب").contains(&"لترمب".to_owned()));
    }

    #[test]
    fn skeletons_drop_vowel_letters_but_the_first_and_fold_letters() {
        assert_eq!(skeleton("ترامب"), "ترمب");
        assert_eq!(skeleton("ترمب"), "ترمب");
        assert_eq!(skeleton("نتنياهو"), skeleton("نتانياهو"));
        assert_eq!(skeleton("ڤلاديمير"), skeleton("فلاديمير"));
        assert_eq!(skeleton("اوباما"), "ابم");
        assert_eq!(skeleton("يوسف"), "يسف");
        assert_ne!(skeleton("بوتين"), skeleton("بنت"));
    }

    /// Runs `automaton` over `word`'s bytes.
    fn accepts<A: Automaton>(automaton: &A, word: &str) -> bool {
        let mut state = automaton.start();
        for &byte in word.as_bytes() {
            if !automaton.can_match(&state) {
                return false;
            }
            state = automaton.accept(&state, byte);
        }
        automaton.is_match(&state)
    }

    #[test]
    fn the_skeleton_automaton_accepts_exactly_the_words_of_its_skeleton() {
        let trump = SkeletonAutomaton::new(&skeleton("ترمب"));
        for yes in ["ترمب", "ترامب", "تريمب", "ترومب", "ترامبا"] {
            assert!(accepts(&trump, yes), "{yes}");
        }
        for no in [
            "ترم",
            "ترمبو ت",
            "اترمب",
            "تربم",
            "ترمبي ",
            "trump",
            "ترمبك",
        ] {
            assert!(!accepts(&trump, no), "{no}");
        }
        let vladimir = SkeletonAutomaton::new(&skeleton("فلاديمير"));
        assert!(accepts(&vladimir, "ڤلاديمير"));
        assert!(accepts(&vladimir, "فلادمير"));
        // Agrees with `skeleton` on every word, whatever its script.
        for word in ["اوباما", "يوسف", "Gülen", "نتانياهو", "a", "ءاسيا"] {
            let automaton = SkeletonAutomaton::new(&skeleton(word));
            assert!(accepts(&automaton, word), "{word}");
        }
    }

    #[test]
    fn the_levenshtein_automaton_counts_a_transposition_as_one_edit() {
        let dfa = levenshtein_dfa("حكومه", 1);
        let automaton = Levenshtein(&dfa);
        assert!(accepts(&automaton, "حكومه"));
        assert!(accepts(&automaton, "حكومة"));
        assert!(accepts(&automaton, "حكمه"));
        assert!(accepts(&automaton, "حوكمه"));
        assert!(!accepts(&automaton, "حكم"));
        assert_eq!(edits("حكومه", "حوكمه"), 1);
    }

    #[test]
    fn prefix_ranges_end_after_the_last_key_with_the_prefix() {
        assert_eq!(next_prefix(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(next_prefix(&[b'a', 0xFF]), Some(b"b".to_vec()));
        assert_eq!(next_prefix(&[0xFF]), None);
    }
}
