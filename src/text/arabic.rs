//! The Arabic-aware analysis of `docs/arabic-search.md`: a normaliser and a light stemmer.
//!
//! Both work on one token's text and return a new string; neither knows about offsets, so the
//! token keeps the byte range of the original text it came from. The normaliser is the exact
//! form used by the `body`/`title` fields, and normaliser + stemmer the loose form used by the
//! `*_stem` fields. Nothing here depends on tantivy; `index::analyzer` wraps it.
//!
//! Past Lucene's light10 the stemmer reads (issue 19; each rule with its examples in
//! `docs/arabic-search.md`, "The light stemmer"): the pronouns `هما كما هم هن كم كن` on nouns
//! (`مواقفهم` → `مواقف`), a construct `ت` as the `ة` it stands for (`حكومتهم`, `محافظتين` →
//! `حكومة`, `محافظة`), a year with its era letter (`١٤٤٥هـ` → `1445`) and Latin behind clitics
//! (`لـBBC` → `bbc`). Each leaves three letters at least; words whose ending is their own
//! (`تفاهم`, `توقيت`) are listed in `assets/arabic/whole.txt`, which a unit test checks against
//! Debian's hunspell-ar lexicon.
//!
//! A shipped lexicon derived from hunspell-ar (`assets/arabic/lexicon.txt`) decides the rest:
//! the pronoun `نا`, the accusative `ا` and the construct `و` come off onto a lexicon word
//! (`سياستنا`, `كتابا`, `مهندسو`), as do a bare `ب` and the future `س` (`بسياسة`, `سيقول`); a
//! word listed with `ان`/`ين`/`ون` keeps it (`بيان`, `ثمانين`); and a noun in `ة` whose `ة`-less
//! form is another word keeps its `ة` (`جامعة` is not `جامع`).

use std::sync::{Arc, OnceLock};

use std::borrow::Cow;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use unicode_normalization::UnicodeNormalization;

use super::scripts;

/// True for the characters the normaliser deletes: harakat and tanween, superscript alef,
/// tatweel, honorific and Quranic annotation marks, and invisible format characters.
pub const fn is_deleted(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{200C}'..='\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// True for Arabic presentation forms (text pasted from PDFs), which are folded with NFKC.
const fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// True for the combining hamza and madda marks that NFC composes onto a base letter.
const fn is_composing_mark(c: char) -> bool {
    matches!(c, '\u{0653}'..='\u{0655}')
}

/// True for letters of the Arabic script (not digits, marks or punctuation).
pub const fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}')
}

/// The single-character mapping of step 3; `None` keeps the character as it is.
const fn map_char(c: char) -> Option<char> {
    Some(match c {
        'آ' | 'أ' | 'إ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ے' | 'ې' => 'ي',
        'ة' | 'ۀ' | 'ہ' | 'ۂ' | 'ە' => 'ه',
        'ؤ' | 'ئ' => 'ء',
        'ک' | 'ڪ' => 'ك',
        '\u{0660}'..='\u{0669}' => digit(c, '\u{0660}'),
        '\u{06F0}'..='\u{06F9}' => digit(c, '\u{06F0}'),
        _ => return None,
    })
}

const fn digit(c: char, zero: char) -> char {
    match char::from_digit(c as u32 - zero as u32, 10) {
        Some(d) => d,
        None => c,
    }
}

/// Normalises one token: NFKC on presentation forms, deletions, letter and digit mapping, and
/// lower-casing. One pass in the common case; the rare tokens with presentation forms or
/// decomposed hamza/madda are composed first.
/// Whether `word` (normalised here) is an entry of the shipped lexicon (hunspell-ar's
/// words without their affixes): for rules that must choose between two readings of a
/// spelling, such as `للجنة` (`ل` + `لجنة`, not `ل` + `الجنة`).
pub fn in_lexicon(word: &str) -> bool {
    Lexicon::shipped().contains(&normalize(word))
}

pub fn normalize(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    normalize_into(token, &mut out);
    out
}

/// [`normalize`] into `out` (cleared first), so a tokenizer can reuse one buffer.
pub fn normalize_into(token: &str, out: &mut String) {
    out.clear();
    if map_and_delete(token, false, out) {
        return;
    }
    // Presentation forms or a decomposed hamza or madda: composed first, then again.
    out.clear();
    let composed: String = if token.chars().any(is_presentation_form) {
        token.nfkc().collect()
    } else {
        token.nfc().collect()
    };
    map_and_delete(&composed, true, out);
}

/// What step 2 and 3 do to each character of the Arabic block U+0600–U+06FF: `Keep`,
/// `Delete`, `Compose` (a mark NFC would compose onto its letter) or the character to write.
#[derive(Clone, Copy)]
enum InBlock {
    Keep,
    Delete,
    Compose,
    Write(char),
}

const ARABIC_BLOCK: [InBlock; 256] = {
    let mut table = [InBlock::Keep; 256];
    let mut i: u32 = 0;
    while i < 256 {
        let c = match char::from_u32(0x0600 + i) {
            Some(c) => c,
            None => '\0',
        };
        table[i as usize] = if is_composing_mark(c) {
            InBlock::Compose
        } else if is_deleted(c) {
            InBlock::Delete
        } else {
            match map_char(c) {
                Some(mapped) => InBlock::Write(mapped),
                // No case in the Arabic block: nothing else changes.
                None => InBlock::Keep,
            }
        };
        i += 1;
    }
    table
};

/// Steps 2 and 3 of the normaliser, appended to `out`. Text not yet `composed` that needs
/// composing gives false (with `out` partly written), for the caller to compose it first;
/// in composed text a mark left over (a hamza on no letter) is deleted.
fn map_and_delete(text: &str, composed: bool, out: &mut String) -> bool {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(action) = ARABIC_BLOCK.get((c as usize).wrapping_sub(0x0600)) {
            match *action {
                InBlock::Keep => out.push(c),
                InBlock::Delete => {}
                InBlock::Compose if composed => {}
                InBlock::Compose => return false,
                InBlock::Write(mapped) => out.push(mapped),
            }
        } else if !composed && is_presentation_form(c) {
            return false;
        } else if is_deleted(c) {
        } else if is_arabic_letter(c) {
            // No case in Arabic: skip the Unicode case table. (Every mapped letter lies in
            // the block, which the table has answered.)
            out.push(c);
        } else {
            // Latin folded, Hebrew points deleted, else lower-cased (`text::scripts`).
            scripts::push_normalised(c, out);
        }
    }
    true
}

/// Multi-letter prefixes, longest first; at most one is stripped.
const PREFIXES: [&str; 12] = [
    "وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
];

/// Suffixes removed in one pass, in this order, each only if two letters remain. `ية` and `ة`
/// appear in their normalised forms (`يه`, `ه`), which are already in the list.
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
/// Positions in [`SUFFIXES`].
const SUFFIX_HA: usize = 0;
const SUFFIX_AN: usize = 1;
const SUFFIX_AT: usize = 2;
const SUFFIX_UN: usize = 3;
const SUFFIX_IN: usize = 4;
const SUFFIX_HA_MARBUTA: usize = 6;
const SUFFIX_YA: usize = 7;

/// Possessive pronouns on nouns beyond `ه`/`ها` (which [`SUFFIXES`] has), longest first: at
/// most one is removed, before the pass, and only when [`MIN_STEM`] letters remain. `نا`
/// ("our") is not here: after a word in `ن` it is as often the accusative `ـنًا` (`مواطنا`) or
/// a verb (`احتضنا`), so only the lexicon may take it off (`Stemmer::strip_lexical_ending`).
const PRONOUNS: [&str; 6] = ["هما", "كما", "هم", "هن", "كم", "كن"];

/// The least a rule that goes past light10 (a pronoun, a construct `ت`) may leave: three
/// letters, the shortest Arabic root. So `مهم`, `حكم`, `بيتها` (بيت) keep what they have.
const MIN_STEM: usize = 3;

/// The endings after which a final `ت` is a `ة` in construct (`مدينتها`, `دولتين`): the
/// pronouns, `ها`, and the dual `ان`/`ين`. Not `ه`: normalised, `ة` is `ه`, and a word in
/// `تة` (`لافتة`, `مباغتة`, `ثابتة`) keeps its `ت` as its plural in `ات` does.
#[cfg(test)]
const BEFORE_TA: [&str; 3] = ["ها", "ان", "ين"];

/// Letters before a final `ت` that make it more often the word's own than a `ة`: `ا` (the
/// plural `ات`, which the pass strips) and `و` (`بيوت`, `سكوت`, `ثبوت`).
const TA_KEPT_AFTER: [char; 2] = ['ا', 'و'];

/// Word beginnings where `و` is part of the root, so a leading `و` is not the conjunction;
/// the last are broken plurals of `plurals.txt` (`وزراؤهم` is `وزراء` + `هم`).
const WAW_ROOTS: [&str; 22] = [
    "وزير",
    "وزار",
    "ولاي",
    "وطن",
    "وقت",
    "وفد",
    "وجه",
    "وحد",
    "وسط",
    "وصف",
    "واشنطن",
    "وهران",
    "والي",
    "وزراء",
    "وسائل",
    "وثائق",
    "وظائف",
    "وقائع",
    "وجوه",
    "وفود",
    "وكلاء",
    "وسطاء",
];

/// Clitic letters that may precede a protected word (`وبوتين`, `لبوتين`, `وللبنان`).
const CLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// The light stemmer: protected words, overrides, glued tokens, one prefix, a pronoun, a pass
/// of suffixes, and a construct `ت` read as `ة`.
///
/// Protected words and overrides are compared in normalised form; the stemmer is given
/// normalised tokens.
#[derive(Debug, Clone, Default)]
pub struct Stemmer {
    protected: HashSet<String>,
    /// The words of tagged entities' names: protected like the shipped list, but not part
    /// of the fingerprint (a new tag re-indexes only the documents that hold the name).
    names: HashSet<String>,
    overrides: HashMap<String, String>,
    /// Words whose ending looks like a pronoun or whose final `ت` looks like a construct
    /// `ة` but belongs to the word (`تفاهم`, `توقيت`): the rules past light10 leave them.
    whole: HashSet<String>,
    /// The shipped lexicon (empty in `Stemmer::default()`, which is light10 and the lists).
    lexicon: Arc<Lexicon>,
}

/// The words of `assets/arabic/lexicon.txt` (hunspell-ar's entries, normalised) and of
/// `assets/arabic/kept-ta.txt`: the lexicon-decided rules ask it whether a shorter reading
/// of a word is a word, and only once they found an ending to strip.
///
/// The words are looked up in an open-addressing hash table that `build.rs` makes from the
/// list at compile time (`LEXICON_TABLE`), so nothing is hashed at start-up: building a hash
/// set of the 98,000 words took 15 ms, and a binary search over the sorted list made the
/// stemmer twice as slow.
#[derive(Debug, Default)]
struct Lexicon {
    /// The lines of `lexicon.txt` after its header.
    body: &'static str,
    /// `LEXICON_SLOTS` little-endian `u32`: 0, or 1 + a line's byte offset in `body`.
    table: &'static [u8],
    /// The nouns of `kept-ta.txt` (with their `ة`, normalised `ه`), and whether their
    /// `ة`-less noun takes the plural `ات` itself (`قراره` → true). A small set, built at
    /// start-up (3,041 words, a fraction of a millisecond), so the look-up every word in `ة`
    /// makes stays in the cache.
    kept_ta: HashMap<&'static str, bool>,
    /// The lines of `plurals.txt` after its header: `plural singular pattern`, normalised.
    plurals: &'static str,
    /// `PLURAL_SLOTS` little-endian `u32`, keyed by the plural: 0, or 1 + a line's byte
    /// offset in `plurals`.
    plural_table: &'static [u8],
    /// `PLURAL_SKETCH_BITS` bits, set at the plurals' `plural_sketch`.
    plural_sketch: &'static [u8],
}

/// The table `build.rs` makes of `assets/arabic/lexicon.txt`.
const LEXICON_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon-table.bin"));
/// The table `build.rs` makes of `assets/arabic/plurals.txt`, by plural.
const PLURAL_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/plural-table.bin"));
/// The bitset of the listed plurals' `plural_sketch`, made by `build.rs`.
const PLURAL_SKETCH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/plural-sketch.bin"));

mod lexicon_hash {
    include!("lexicon_hash.rs");
}
use lexicon_hash::{
    LEXICON_SLOTS, PLURAL_SKETCH_BITS, PLURAL_SLOTS, lexicon_body, lexicon_hash, plural_sketch,
};

impl Lexicon {
    /// The shipped lexicon, read once per process.
    fn shipped() -> Arc<Lexicon> {
        static SHIPPED: OnceLock<Arc<Lexicon>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                let kept_ta = lexicon_body(KEPT_TA_WORDS)
                    .split('\n')
                    .filter(|line| !line.is_empty())
                    .map(|line| match line.split_once(' ') {
                        Some((word, _)) => (word, true),
                        None => (line, false),
                    })
                    .collect();
                Arc::new(Lexicon {
                    body: lexicon_body(LEXICON_WORDS),
                    table: LEXICON_TABLE,
                    kept_ta,
                    plurals: lexicon_body(PLURAL_PAIRS),
                    plural_table: PLURAL_TABLE,
                    plural_sketch: PLURAL_SKETCH,
                })
            })
            .clone()
    }

    fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The lexicon's own copy of `word`.
    fn get(&self, word: &str) -> Option<&'static str> {
        self.find(word, "")
    }

    /// The lexicon's line equal to `stem` + `suffix`.
    fn find(&self, stem: &str, suffix: &str) -> Option<&'static str> {
        let start = probe(self.table, LEXICON_SLOTS, self.body, (stem, suffix), b'\n')?;
        self.body.get(start..start + stem.len() + suffix.len())
    }

    /// The singular of the broken plural `stem` + `suffix` (`مصانع` → `مصنع`), and its stem,
    /// from `plurals.txt`. Only a word whose sketch a listed plural has is looked up.
    #[allow(clippy::inline_always)] // as `plural_sketch`
    #[inline(always)]
    fn singular(&self, stem: &str, suffix: &str) -> Option<(&'static str, &'static str)> {
        let bit = plural_sketch(stem.as_bytes(), suffix.as_bytes())?;
        if self.plural_sketch.len() * 8 < PLURAL_SKETCH_BITS
            || self.plural_sketch.get(bit / 8)? & (1 << (bit % 8)) == 0
        {
            return None;
        }
        self.listed_singular(stem, suffix)
    }

    /// [`Lexicon::singular`] past the sketch: the table's line, and its singular's stem.
    #[inline(never)]
    fn listed_singular(&self, stem: &str, suffix: &str) -> Option<(&'static str, &'static str)> {
        let start = probe(
            self.plural_table,
            PLURAL_SLOTS,
            self.plurals,
            (stem, suffix),
            b' ',
        )?;
        // The rest of the line, `singular pattern stem`, read by its bytes (short: no searcher).
        let rest = self.plurals.get(start + stem.len() + suffix.len() + 1..)?;
        let field = |from: usize, end: u8| {
            let bytes = rest.as_bytes().get(from..)?;
            let len = bytes.iter().position(|&b| b == end)?;
            Some((rest.get(from..from + len)?, from + len + 1))
        };
        let (singular, next) = field(0, b' ')?;
        let (_pattern, next) = field(next, b' ')?;
        let (singular_stem, _) = field(next, b'\n')?;
        Some((singular, singular_stem))
    }

    /// The listed word `stem` + `suffix`, as the lexicon holds it. Allocates: only on the
    /// rare paths that rebuild a word (a construct `ت` under `نا`).
    fn listed_with(&self, stem: &str, suffix: &str) -> Option<&'static str> {
        self.find(stem, suffix)
    }

    /// The noun in `ة` (normalised `ه`) that keeps it, by its `ة`-less form.
    fn kept_ta(&self, bare: &str) -> Option<&'static str> {
        self.kept_ta_entry(bare).map(|(word, _)| word)
    }

    /// The kept-`ة` noun `bare` + `ه`, and whether `bare` takes the plural `ات` itself.
    fn kept_ta_entry(&self, bare: &str) -> Option<(&'static str, bool)> {
        if self.kept_ta.is_empty() || bare.len() > 60 {
            return None;
        }
        let mut word = [0u8; 64];
        let ta = "ه".as_bytes();
        let len = bare.len() + ta.len();
        word.get_mut(..bare.len())?.copy_from_slice(bare.as_bytes());
        word.get_mut(bare.len()..len)?.copy_from_slice(ta);
        let word = std::str::from_utf8(word.get(..len)?).ok()?;
        self.kept_ta
            .get_key_value(word)
            .map(|(&word, &takes_at)| (word, takes_at))
    }

    /// The noun in `ة` whose plural in `ات` is `bare` + `ات`: `جامعات` → `جامعه`, but not
    /// `قرارات`, which `قرار` takes.
    fn kept_ta_plural(&self, bare: &str) -> Option<&'static str> {
        match self.kept_ta_entry(bare)? {
            (word, false) => Some(word),
            (_, true) => None,
        }
    }
}

/// The byte offset in `body` of the line that begins with `stem` + `suffix` followed by `end`,
/// found in `table` (`slots` little-endian `u32`, each 0 or 1 + a line's offset, made by
/// `build.rs`): its slots from the word's hash on, up to an empty one.
fn probe(
    table: &[u8],
    slots: usize,
    body: &str,
    (stem, suffix): (&str, &str),
    end: u8,
) -> Option<usize> {
    if table.len() < slots * 4 {
        return None;
    }
    let (stem, suffix) = (stem.as_bytes(), suffix.as_bytes());
    let len = stem.len() + suffix.len();
    let mask = slots - 1;
    let hash = lexicon_hash(stem, suffix);
    #[allow(clippy::cast_possible_truncation)] // masked to the table's size
    let mut slot = (hash & mask as u64) as usize;
    let body = body.as_bytes();
    for _ in 0..slots {
        let entry = table.get(slot * 4..slot * 4 + 4)?;
        let entry = u32::from_le_bytes(entry.try_into().ok()?);
        if entry == 0 {
            return None;
        }
        let start = entry as usize - 1;
        if body.get(start + len) == Some(&end)
            && body.get(start..start + stem.len()) == Some(stem)
            && body.get(start + stem.len()..start + len) == Some(suffix)
        {
            return Some(start);
        }
        slot = (slot + 1) & mask;
    }
    None
}

/// The lines of a shipped word list, its `#` header skipped.
#[cfg(test)]
fn listed(text: &'static str) -> impl Iterator<Item = &'static str> {
    // Split on '\n' alone (the files are written by the derivation): `lines` is much slower.
    text.split('\n')
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The protected words shipped with isnad, one per line (`#` starts a comment).
const PROTECTED_WORDS: &str = include_str!("../../assets/arabic/protected.txt");
/// The stem overrides shipped with isnad: `word<TAB or space>stem` per line.
const STEM_OVERRIDES: &str = include_str!("../../assets/arabic/overrides.txt");
/// Words whose ending is their own, though it looks like a pronoun or a construct `ت`.
const WHOLE_WORDS: &str = include_str!("../../assets/arabic/whole.txt");
/// The lexicon: hunspell-ar's entries, normalised, sorted (`assets/arabic/derive-lexicon.sh`).
const LEXICON_WORDS: &str = include_str!("../../assets/arabic/lexicon.txt");
/// The nouns in `ة` whose `ة`-less form is another noun (`جامعة` / `جامع`), from the lexicon.
const KEPT_TA_WORDS: &str = include_str!("../../assets/arabic/kept-ta.txt");
/// Broken plurals and their singulars (`مصانع مصنع مفاعل`), derived from the lexicon.
const PLURAL_PAIRS: &str = include_str!("../../assets/arabic/plurals.txt");

fn word_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

impl Stemmer {
    /// The stemmer with isnad's shipped protected words and overrides.
    pub fn with_defaults() -> Self {
        let mut stemmer = Stemmer::default();
        stemmer.protect(word_lines(PROTECTED_WORDS));
        for line in word_lines(STEM_OVERRIDES) {
            let mut parts = line.split_whitespace();
            if let (Some(word), Some(stem)) = (parts.next(), parts.next()) {
                stemmer.overrides.insert(normalize(word), normalize(stem));
            }
        }
        for line in word_lines(WHOLE_WORDS) {
            stemmer.whole.extend(line.split_whitespace().map(normalize));
        }
        stemmer.lexicon = Lexicon::shipped();
        stemmer
    }

    /// Adds words (in any spelling; they are normalised here) that must never be stemmed,
    /// such as the names of tagged entities. Multi-word names protect each word.
    pub fn protect<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for name in words {
            for word in name.split_whitespace() {
                let word = normalize(word);
                if scripts::is_nameable(&word) {
                    self.protected.insert(word);
                }
            }
        }
    }

    /// Protects the words of entity names (tagged in the store), in any spelling.
    pub fn protect_names<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            for word in name.split_whitespace() {
                let word = normalize(word);
                if scripts::is_nameable(&word) && !self.protected.contains(&word) {
                    self.names.insert(word);
                }
            }
        }
    }

    /// The entity-name words protected, sorted.
    pub fn names(&self) -> std::collections::BTreeSet<String> {
        self.names.iter().cloned().collect()
    }

    /// True when the normalised `word` is protected.
    pub fn is_protected(&self, word: &str) -> bool {
        self.protected.contains(word) || self.names.contains(word)
    }

    /// A fingerprint of the protected words and overrides, so an index can tell when it was
    /// built with a different list.
    pub fn fingerprint(&self) -> String {
        let mut words: Vec<&str> = self.protected.iter().map(String::as_str).collect();
        words.sort_unstable();
        let mut overrides: Vec<(&String, &String)> = self.overrides.iter().collect();
        overrides.sort_unstable();
        let mut hasher = blake3::Hasher::new();
        for word in words {
            hasher.update(word.as_bytes());
            hasher.update(b"\n");
        }
        for (word, stem) in overrides {
            hasher.update(word.as_bytes());
            hasher.update(b"\t");
            hasher.update(stem.as_bytes());
            hasher.update(b"\n");
        }
        let mut whole: Vec<&str> = self.whole.iter().map(String::as_str).collect();
        whole.sort_unstable();
        for word in whole {
            hasher.update(b"=");
            hasher.update(word.as_bytes());
            hasher.update(b"\n");
        }
        if !self.lexicon.body.is_empty() {
            hasher.update(LEXICON_WORDS.as_bytes());
            hasher.update(KEPT_TA_WORDS.as_bytes());
            hasher.update(PLURAL_PAIRS.as_bytes());
        }
        hasher.finalize().to_hex().chars().take(16).collect()
    }

    /// Stems one normalised token.
    pub fn stem(&self, word: &str) -> String {
        self.stem_str(word).into_owned()
    }

    /// [`Stemmer::stem`], mostly without allocating: the stem is a slice of `word` or of the
    /// stemmer's own lists, but for the few stems the other scripts write anew (`countries`
    /// → `country`, `דרכים` → `דרך`). A word without Arabic letters goes to
    /// `text::scripts` (English plurals, Hebrew prefixes); an Arabic-script word loses its
    /// Urdu plural ending in `ں` first.
    pub fn stem_str<'a>(&'a self, word: &'a str) -> Cow<'a, str> {
        if !word.chars().any(is_arabic_letter) {
            return scripts::stem_other(word, |w| self.is_protected(w));
        }
        let word = scripts::urdu_plural(word)
            .filter(|_| !self.is_protected(word))
            .unwrap_or(word);
        Cow::Borrowed(self.stem_arabic(word))
    }

    /// The Arabic rules on a word with Arabic letters.
    fn stem_arabic<'a>(&'a self, word: &'a str) -> &'a str {
        if let Some(bare) = glued_to_digits_or_latin(word) {
            return bare;
        }
        if let Some(known) = self.lookup(word) {
            return known;
        }
        // A protected word behind clitics (`وبوتين`, `لبوتين`): the lexicon says where the
        // word starts, so even the bare ب/ل/ك/ف prefixes are safe to strip here.
        if let Some(known) = self.protected_after_clitics(word) {
            return known;
        }
        let rest = strip_prefix(word);
        if begins_like_a_prefix(word, rest)
            && let Some(singular) = self.plural(word, "")
        {
            // A listed plural that begins like a prefix (`وزراء`, `وسائل`, `آلاف`).
            return singular;
        }
        // (A word without a prefix was looked up above: a second look-up of three hash sets
        // was a tenth of the stemmer's instructions.)
        if rest.len() < word.len()
            && let Some(known) = self.lookup(rest)
        {
            return known;
        }
        let rest = self.strip_bare_prefix(rest);
        self.strip_suffixes(rest)
    }

    /// The stem of the singular of the broken plural `stem` + `suffix` (`مصانع` → `مصنع`,
    /// `اسلح` + `ه` → `سلاح`), when `plurals.txt` lists it: the singular stemmed as a query
    /// for it is, which the list gives (its derivation stems each singular, and checks it).
    /// Only a word of a listed plural's shape is looked up (`plural_sketch`).
    #[allow(clippy::inline_always)] // as `plural_sketch`: most words stop at its first test
    #[inline(always)]
    fn plural<'a>(&'a self, stem: &str, suffix: &str) -> Option<&'a str> {
        // Four to seven letters, as every listed plural (`plural_sketch` says it again).
        if !(8..=14).contains(&(stem.len() + suffix.len())) {
            return None;
        }
        let (singular, singular_stem) = self.lexicon.singular(stem, suffix)?;
        Some(self.protected_singular(singular, singular_stem))
    }

    /// The stem of a listed plural's singular: the list's, but a word protected since (a
    /// tagged name) is its own.
    #[inline(never)]
    fn protected_singular<'a>(&'a self, singular: &'a str, stem: &'a str) -> &'a str {
        if self.is_protected(singular) {
            singular
        } else {
            stem
        }
    }

    /// [`Stemmer::plural`] of a word in `ة` written `ت` before a suffix (`اسلحت` of
    /// `أسلحتهم`, `قضات` of `قضاتها`): the `ت` read as the `ة` of a listed plural.
    fn plural_in_ta<'a>(&'a self, bare: &str) -> Option<&'a str> {
        let before = bare.strip_suffix('ت')?;
        self.plural(before, "ه")
    }

    /// A bare `ب` (`بسياسة`) or the future `س` before an imperfect prefix `ي ت ن`
    /// (`سيقول`, `ستعلن`), taken off only when what remains is a lexicon word of
    /// [`MIN_STEM`] letters and the word itself is not one, bare or under light10's
    /// suffixes or without a final `ت` (`بيت`, `سيارة`, `ستة`, `بلدية` and `بلغت` stay).
    fn strip_bare_prefix<'a>(&self, word: &'a str) -> &'a str {
        let rest = if let Some(rest) = word.strip_prefix('ب') {
            rest
        } else if let Some(rest) = word.strip_prefix('س')
            && rest.starts_with(['ي', 'ت', 'ن'])
        {
            rest
        } else {
            return word;
        };
        // The remainder first: most are no word, and a miss costs one probe. Then the word,
        // and the word under light10's suffixes: `بلدية` is no listed word, but `بلد` is, so
        // its ب is the word's own (`لديه` is another word).
        if letters(rest) >= MIN_STEM
            && self.lexicon.contains(rest)
            && !self.lexicon.contains(word)
            && !self.lexicon.contains(light10_suffixes(word))
            && !word
                .strip_suffix('ت')
                .is_some_and(|verb| self.lexicon.contains(verb))
        {
            rest
        } else {
            word
        }
    }

    /// The endings only the lexicon can tell from a word's own letters: the pronoun `نا`
    /// (`سياستنا`, `بيوتنا`), the accusative `ا` whose tanween the normaliser deleted
    /// (`كتابا`), which is also the `ا` of a dual in construct (`مهندسا`), and the `و` of a
    /// plural in construct (`مهندسو`). Each comes off when the word is not a lexicon word and
    /// what remains (a construct `ت` read as `ة` under `نا`) is one of [`MIN_STEM`] letters:
    /// `هنا`, `أثينا`, `أمريكا`, `دنيا` and `نحو` are words, and stay.
    fn strip_lexical_ending<'a>(&'a self, word: &'a str) -> &'a str {
        // Not ا after ه: a ة takes its tanween without an alef, so ها is the pronoun.
        if !(word.ends_with('ا') || word.ends_with('و')) || word.ends_with("ها") {
            return word;
        }
        // The word first: most words in ا or و that have a reading are listed themselves
        // (adverbs in ـاً: `حاليا`, `مثلا`), so this saves the reading's look-ups.
        if self.lexicon.contains(word) {
            return word;
        }
        self.lexical_reading(word).unwrap_or(word)
    }

    /// [`Stemmer::strip_lexical_ending`]'s reading of `word`, which is not a lexicon word.
    fn lexical_reading<'a>(&'a self, word: &'a str) -> Option<&'a str> {
        if let Some(bare) = word.strip_suffix("نا")
            && letters(bare) >= MIN_STEM
        {
            if let Some(before) = bare.strip_suffix('ت')
                && letters(before) >= MIN_STEM
                && let Some(listed) = self.lexicon.listed_with(before, "ه")
            {
                // A construct ت, read as the ة the lexicon lists (`سياستنا` → `سياسة`),
                // before the bare reading (`قضيتنا` is `قضية`, not the verb `قضيت`).
                return Some(listed);
            }
            if self.lexicon.contains(bare) {
                return Some(bare);
            }
            if let Some(singular) = bare.strip_suffix("ات")
                && (self.lexicon.contains(singular)
                    || self.lexicon.listed_with(singular, "ه").is_some())
            {
                // A plural in ات under نا (`قراراتنا`): the pass takes the ات.
                return Some(bare);
            }
        }
        // The construct و needs four letters before it: the nouns that take the plural ون are
        // participles and agents (مهندس, موظف, لاعب), and three letters are as often a name's
        // (ناتو is not نات).
        [('ا', MIN_STEM), ('و', MIN_STEM + 1)]
            .into_iter()
            .find_map(|(ending, least)| {
                word.strip_suffix(ending)
                    .filter(|bare| letters(bare) >= least && self.lexicon.contains(bare))
            })
    }

    /// The suffixes: an ending only the lexicon can tell (`نا`, the accusative `ا`, a
    /// construct `و`), a pronoun of [`PRONOUNS`], then light10's pass over [`SUFFIXES`]. A
    /// final `ت` that a pronoun, `ها` or a dual ending uncovered is read as the `ة` it
    /// stands for (`مدينتها` is `مدينة` + `ها`), and the pass goes on as after `ه`.
    ///
    /// The lexicon keeps two things apart that light10 merges: a word it lists with `ان`,
    /// `ون` or `ين` (`بيان`, `سلطان`, `تعيين`, `ثمانين`) or with `ات` (`نبات`) keeps the ending;
    /// and a noun in `ة` whose `ة`-less form is another noun (`جامعة` / `جامع`, `عملة` / `عمل`)
    /// keeps its `ة`, also when its plural `ات` or a construct `ت` is read.
    ///
    /// A broken plural listed in `plurals.txt` is read as its singular wherever a step leaves
    /// it: bare (`مصانع`), under `نا`, the accusative `ا`, a pronoun or a suffix of the pass
    /// (`مصانعهم`, `مصانعها`, `اطفالا`), and in `ة` written `ت` before one (`اسلحتهم`).
    fn strip_suffixes<'a>(&'a self, word: &'a str) -> &'a str {
        if let Some(singular) = self.plural(word, "") {
            return singular;
        }
        if self.whole.contains(word) {
            return light10_suffixes(word);
        }
        let mut rest = self.strip_lexical_ending(word);
        if rest.len() < word.len()
            && let Some(singular) = self.plural(rest, "")
        {
            return singular;
        }
        if let Some(bare) = self.strip_pronoun(rest) {
            if let Some(singular) = self.plural(bare, "").or_else(|| self.plural_in_ta(bare)) {
                return singular;
            }
            if let Some(before) = self.construct_ta(bare) {
                return self.ta_marbuta(before);
            }
            rest = bare;
        }
        // Every suffix ends in one of these letters; most words end in another.
        if !rest.ends_with(['ا', 'ن', 'ت', 'ه', 'ي']) {
            return rest;
        }
        // By position in SUFFIXES, not by text, and with a byte loop: in this loop (which the
        // compiler does not unroll) each string comparison was a call to memcmp.
        for (at, suffix) in SUFFIXES.iter().enumerate() {
            let Some(stripped) = strip_ending(rest, suffix) else {
                continue;
            };
            if letters(stripped) < 2 {
                continue;
            }
            match at {
                SUFFIX_AN | SUFFIX_UN | SUFFIX_IN if self.lexicon.contains(rest) => continue,
                SUFFIX_AT => {
                    if let Some(kept) = self.lexicon.kept_ta_plural(stripped) {
                        return kept;
                    }
                    // A word listed in ات whose ات reads as no plural of a listed word
                    // (`نبات`, `أوقات`) keeps it.
                    if self.lexicon.contains(rest)
                        && !(letters(stripped) >= MIN_STEM && self.lexicon.contains(stripped))
                        && self.lexicon.listed_with(stripped, "ه").is_none()
                    {
                        continue;
                    }
                }
                SUFFIX_HA_MARBUTA if self.lexicon.kept_ta.contains_key(rest) => return rest,
                _ => {}
            }
            rest = stripped;
            // A plural takes no dual nor sound plural: only these endings can follow one.
            if matches!(at, SUFFIX_HA | SUFFIX_AT | SUFFIX_HA_MARBUTA | SUFFIX_YA)
                && let Some(singular) = self.plural(rest, "")
            {
                return singular;
            }
            if matches!(at, SUFFIX_HA | SUFFIX_HA_MARBUTA)
                && let Some(singular) = self.plural_in_ta(rest)
            {
                return singular;
            }
            if matches!(at, SUFFIX_HA | SUFFIX_AN | SUFFIX_IN)
                && let Some(before) = self.construct_ta(rest)
            {
                return self.ta_marbuta(before);
            }
        }
        rest
    }

    /// The stem of a word in `ة` read from its construct form (`before` is the word without
    /// its `ت`): the word with its `ة` when the lexicon keeps it (`جامعتها` → `جامعه`), else
    /// what light10's pass leaves after `ه` (a final `ي` goes: `قضيتها` → `قض`).
    fn ta_marbuta<'a>(&self, before: &'a str) -> &'a str {
        match self.lexicon.kept_ta(before) {
            Some(kept) => kept,
            None => strip_final_ya(before),
        }
    }

    /// `word` without its pronoun of [`PRONOUNS`], when it has one, is not a whole word and
    /// keeps [`MIN_STEM`] letters.
    fn strip_pronoun<'a>(&self, word: &'a str) -> Option<&'a str> {
        if self.whole.contains(word) {
            return None;
        }
        PRONOUNS
            .iter()
            .find_map(|pronoun| word.strip_suffix(pronoun))
            .filter(|bare| letters(bare) >= MIN_STEM)
    }

    /// `word` without a final `ت` that stands for a construct `ة`: one with [`MIN_STEM`]
    /// letters before it, not after `ا`, `و`, `س` (`ستان`) or `ت`, in a word not known whole.
    fn construct_ta<'a>(&self, word: &'a str) -> Option<&'a str> {
        let before = word.strip_suffix('ت')?;
        if before.ends_with(['س', 'ت']) {
            // -ستان is a place (تركستان), not a dual; in -تتان the ان is the pattern's
            // (اختتان, افتتان).
            return None;
        }
        let last = before.chars().next_back()?;
        (letters(before) >= MIN_STEM
            && !TA_KEPT_AFTER.contains(&last)
            && !self.whole.contains(word))
        .then_some(before)
    }

    /// What the rules past light10 read `word` (normalised) as: the word without the
    /// pronoun or dual ending they strip, with a construct `ت` written `ه` as the
    /// normaliser writes `ة`; `None` when only light10 applies. For the lexicon check.
    #[cfg(test)]
    fn reading(&self, word: &str) -> Option<String> {
        if !word.chars().any(is_arabic_letter)
            || self.lookup(word).is_some()
            || self.protected_after_clitics(word).is_some()
        {
            return None;
        }
        let rest = strip_prefix(word);
        if self.lookup(rest).is_some() || self.whole.contains(rest) {
            return None;
        }
        if let Some(bare) = self.strip_pronoun(rest) {
            return Some(match self.construct_ta(bare) {
                Some(before) => format!("{before}ه"),
                None => bare.to_owned(),
            });
        }
        let mut rest = rest;
        for suffix in SUFFIXES {
            if let Some(stripped) = rest.strip_suffix(suffix)
                && letters(stripped) >= 2
            {
                rest = stripped;
                if BEFORE_TA.contains(&suffix)
                    && let Some(before) = self.construct_ta(rest)
                {
                    return Some(format!("{before}ه"));
                }
            }
        }
        None
    }

    fn lookup<'a>(&'a self, word: &'a str) -> Option<&'a str> {
        if self.is_protected(word) {
            return Some(word);
        }
        self.overrides.get(word).map(String::as_str)
    }

    fn protected_after_clitics<'a>(&self, word: &'a str) -> Option<&'a str> {
        let mut rest = word;
        for _ in 0..3 {
            let mut chars = rest.chars();
            let first = chars.next()?;
            if !CLITICS.contains(&first) {
                break;
            }
            rest = chars.as_str();
            if letters(rest) < 4 {
                // Short names (علي, دبي) behind a bare clitic are too often other words
                // (فعلي "actually"); the ordinary و rule still finds وعلي.
                break;
            }
            let unarticled = rest.strip_prefix("ال").unwrap_or(rest);
            for candidate in [rest, unarticled] {
                if self.is_protected(candidate) {
                    return Some(candidate);
                }
            }
        }
        None
    }
}

/// True when `strip_prefix` took from `word` what may be the first letters of a listed plural:
/// a bare `و` (`وزراء`, `وحوش`), or `ال` leaving three letters or fewer (`آلاف`, `ألوان`).
#[inline]
fn begins_like_a_prefix(word: &str, rest: &str) -> bool {
    let taken = word.len() - rest.len();
    (taken == 'و'.len_utf8() && word.starts_with('و'))
        || (taken > 0 && rest.len() <= 3 * 'ا'.len_utf8() && word.starts_with('ا'))
}

/// `word` without `ending`, compared byte by byte (short endings: no call to memcmp).
#[inline]
fn strip_ending<'a>(word: &'a str, ending: &str) -> Option<&'a str> {
    let start = word.len().checked_sub(ending.len())?;
    let tail = word.as_bytes().get(start..)?;
    if tail.iter().zip(ending.as_bytes()).all(|(a, b)| a == b) {
        word.get(..start)
    } else {
        None
    }
}

fn letters(word: &str) -> usize {
    word.chars().count()
}

/// Strips at most one prefix: the longest multi-letter one that leaves two letters, else a
/// conjunction `و` on a word of four letters or more whose root does not start with `و`.
fn strip_prefix(word: &str) -> &str {
    for prefix in PREFIXES {
        if let Some(rest) = word.strip_prefix(prefix)
            && letters(rest) >= 2
        {
            return rest;
        }
    }
    if let Some(rest) = word.strip_prefix('و')
        && letters(word) >= 4
        && !WAW_ROOTS.iter().any(|root| word.starts_with(root))
    {
        return rest;
    }
    word
}

/// The era letters written after a year: `هـ` (hijri; its tatweel is gone once normalised)
/// and `م` (miladi).
const ERA_LETTERS: [&str; 2] = ["ه", "م"];

/// The number or Latin word in a token glued to Arabic: a year with its era letter
/// (`١٤٤٥هـ`, `1990م` → the digits) or a name behind clitics (`لـBBC`, `والـCNN`, `ب2024` →
/// the rest). Only the clitics `[و|ف]? [ب|ك|ل]? [ال]?` (and `لل`) come off, and only when
/// what follows has no Arabic letter, so an Arabic word is never cut here.
fn glued_to_digits_or_latin(word: &str) -> Option<&str> {
    let first_arabic = word.find(|c: char| is_arabic_letter(c))?;
    if first_arabic > 0 {
        let (number, era) = word.split_at(first_arabic);
        return (number.bytes().all(|b| b.is_ascii_digit()) && ERA_LETTERS.contains(&era))
            .then_some(number);
    }
    let end = word
        .find(|c: char| !is_arabic_letter(c))
        .filter(|&end| end > 0)?;
    let (clitics, rest) = word.split_at(end);
    (is_clitic_run(clitics) && !rest.chars().any(is_arabic_letter)).then_some(rest)
}

/// True for `[و|ف]? [ب|ك|ل]? [ال]?`, not empty, and the same with `لل` for `ل` + `ال`.
fn is_clitic_run(text: &str) -> bool {
    let rest = text.strip_prefix(['و', 'ف']).unwrap_or(text);
    if matches!(rest, "لل") {
        return true;
    }
    let rest = rest.strip_prefix(['ب', 'ك', 'ل']).unwrap_or(rest);
    let rest = rest.strip_prefix("ال").unwrap_or(rest);
    rest.is_empty() && !text.is_empty()
}

/// Light10's pass over [`SUFFIXES`], each removed when two letters remain.
fn light10_suffixes(word: &str) -> &str {
    let mut rest = word;
    for suffix in SUFFIXES {
        if let Some(stripped) = rest.strip_suffix(suffix)
            && letters(stripped) >= 2
        {
            rest = stripped;
        }
    }
    rest
}

/// The end of light10's pass after `ه`: a final `ي` removed when two letters remain (the
/// `ي` of `ية`, so `حريتهم` stems as `حرية` does).
fn strip_final_ya(word: &str) -> &str {
    match word.strip_suffix('ي') {
        Some(stripped) if letters(stripped) >= 2 => stripped,
        _ => word,
    }
}

#[cfg(test)]
mod plurals_derivation;

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        Stemmer::with_defaults().stem(&normalize(word))
    }

    #[test]
    fn normalises_letters_marks_and_digits() {
        assert_eq!(normalize("الأمنُ"), "الامن");
        assert_eq!(normalize("عـــاجل"), "عاجل");
        assert_eq!(normalize("مسؤول"), normalize("مسئول"));
        assert_eq!(normalize("٢٠٢٤"), "2024");
        assert_eq!(normalize("۲۰۲۴"), "2024");
        assert_eq!(normalize("کتاب"), "كتاب");
        assert_eq!(normalize("ﺍﻟﺴﻼﻡ"), "السلام");
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("ISIS-K"), "isis-k");
        assert_eq!(normalize("مسؤ\u{200F}ول"), normalize("مسؤول"));
    }

    #[test]
    fn decomposed_hamza_normalises_like_the_composed_letter() {
        // و + combining hamza above is ؤ once composed.
        assert_eq!(normalize("مسو\u{0654}ول"), normalize("مسؤول"));
        assert_eq!(normalize("ا\u{0653}"), "ا");
    }

    /// The normaliser as first written (a test per character class, two passes): the
    /// block table must give the same answer for every character.
    fn reference(token: &str) -> String {
        fn steps(text: &str, out: &mut String) {
            for c in text.chars() {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else if is_deleted(c) {
                } else if let Some(mapped) = map_char(c) {
                    out.push(mapped);
                } else if is_arabic_letter(c) {
                    out.push(c);
                } else {
                    scripts::push_normalised(c, out);
                }
            }
        }
        let mut out = String::new();
        if token
            .chars()
            .any(|c| is_presentation_form(c) || is_composing_mark(c))
        {
            let composed: String = if token.chars().any(is_presentation_form) {
                token.nfkc().collect()
            } else {
                token.nfc().collect()
            };
            steps(&composed, &mut out);
        } else {
            steps(token, &mut out);
        }
        out
    }

    #[test]
    fn the_block_table_normalises_as_the_reference_does() {
        let chars = (0x20..0x0900)
            .chain(0x2000..0x2070)
            .chain(0xFB50..0xFF00)
            .filter_map(char::from_u32);
        for c in chars {
            for token in [
                c.to_string(),
                format!("ب{c}ت"),
                format!("{c}و\u{0654}"),
                format!("\u{FEFB}{c}"),
                format!("A{c}"),
            ] {
                assert_eq!(normalize(&token), reference(&token), "{token:?}");
            }
        }
    }

    #[test]
    fn plain_words_come_back_unchanged() {
        assert_eq!(normalize("الامن"), "الامن");
        assert_eq!(normalize("abc123"), "abc123");
    }

    #[test]
    fn clitics_and_articles_reduce_to_one_stem() {
        for form in ["الأمن", "الامن", "امن", "الأمنُ", "وبالأمن", "للأمن", "والأمن"]
        {
            assert_eq!(stem(form), "امن", "{form}");
        }
        assert_eq!(stem("مدرسة"), stem("المدرسة"));
        assert_eq!(stem("مدرسه"), stem("مدرسة"));
    }

    #[test]
    fn roots_beginning_with_waw_keep_it() {
        assert_eq!(stem("وزير"), "وزير");
        assert_eq!(stem("الوزير"), "وزير");
        assert_ne!(stem("وزارة"), stem("زار"));
    }

    #[test]
    fn protected_words_keep_their_endings() {
        assert_eq!(stem("بوتين"), "بوتين");
        assert_eq!(stem("فلسطين"), "فلسطين");
        assert_eq!(stem("حسين"), "حسين");
        assert_ne!(stem("لبنان"), stem("لبن"));
        assert_ne!(stem("الله"), stem("له"));
        assert_eq!(stem("وبوتين"), "بوتين");
        assert_eq!(stem("لبوتين"), "بوتين");
    }

    #[test]
    fn overrides_win_over_rules() {
        assert_eq!(stem("الولايات"), "ولاي");
        assert_eq!(stem("ولايات"), "ولاي");
        assert_eq!(stem("الولاية"), "ولاي");
        assert_ne!(stem("ولايات"), stem("ولا"));
    }

    #[test]
    fn tagged_names_become_protected() {
        let mut stemmer = Stemmer::with_defaults();
        assert_eq!(stemmer.stem("بورتنيكوف"), "بورتنيكوف");
        assert_eq!(stemmer.stem("زيلينسكي"), "زيلينسك");
        stemmer.protect(["فولوديمير زيلينسكي"]);
        assert_eq!(stemmer.stem("زيلينسكي"), "زيلينسكي");
        assert_eq!(stemmer.stem("لزيلينسكي"), "زيلينسكي");
    }

    /// Each pair: a suffixed form and the bare word it must stem with.
    fn assert_same_stem(pairs: &[(&str, &str)]) {
        for (form, bare) in pairs {
            assert_eq!(stem(form), stem(bare), "{form} should stem as {bare}");
        }
    }

    #[test]
    fn pronoun_suffixes_on_nouns_reach_the_bare_noun() {
        assert_same_stem(&[
            ("مواقفهم", "مواقف"),
            ("حقوقهن", "حقوق"),
            ("أموالكم", "أموال"),
            ("منازلكن", "منازل"),
            ("مشاريعهما", "مشاريع"),
            ("جيوشكما", "جيوش"),
            ("وحقوقهم", "حقوق"),
            ("قواتهم", "قوات"),
            ("مطالبهم", "مطالب"),
        ]);
        // The pronoun goes before light10's pass, so a plural under it goes too.
        assert_eq!(stem("ملفاتهم"), stem("ملف"));
    }

    #[test]
    fn a_construct_ta_is_the_ta_marbuta() {
        assert_same_stem(&[
            ("حكومتهم", "حكومة"),
            ("جامعتكم", "جامعة"),
            ("وزارتكم", "وزارة"),
            ("قضيتها", "قضية"),
            ("منطقتين", "منطقة"),
            ("الجامعتان", "الجامعة"),
            ("بلديتين", "بلدية"),
        ]);
    }

    #[test]
    fn the_new_rules_keep_short_words_whole_words_and_names() {
        // Under three letters left, nothing more is cut.
        for word in ["مهم", "حكم", "فهم", "سهم"] {
            assert_eq!(stem(word), normalize(word), "{word}");
        }
        assert_ne!(stem("متهم"), "مت");
        assert_same_stem(&[("بيتها", "بيت"), ("صوتهم", "صوت")]);
        // سنة has two letters before its ت: its dual is an override.
        assert_same_stem(&[("السنتين", "سنة"), ("سنتان", "سنة")]);
        // A final ت after و is the word's own (بيوت), as after ا (the plural ات).
        assert_same_stem(&[("بيوتهم", "بيوت"), ("سكوتهم", "سكوت")]);
        // Whole words (assets/arabic/whole.txt): the ending is part of the word.
        assert_eq!(stem("تفاهم"), "تفاهم");
        assert_eq!(light10_suffixes(&normalize("مساكن")), "مساكن");
        // (A whole word may be a broken plural too: مساكن is مسكن's.)
        assert_eq!(stem("مساكن"), stem("مسكن"));
        assert_same_stem(&[("توقيتهم", "توقيت"), ("ثابتين", "ثابت")]);
        // ثابتة is its own lexicon word beside ثابت: it keeps its ة (kept-ta.txt).
        assert_eq!(stem("ثابتة"), "ثابته");
        // Protected names keep their endings, also the ones that look like the new suffixes.
        assert_eq!(stem("عدنان"), "عدنان");
        assert_eq!(stem("سلمان"), "سلمان");
        assert_eq!(stem("بنيامين"), "بنيامين");
    }

    #[test]
    fn the_pronoun_na_comes_off_when_the_lexicon_knows_the_rest() {
        assert_same_stem(&[
            ("حقوقنا", "حقوق"),
            ("شعبنا", "شعب"),
            ("مطالبنا", "مطالب"),
            ("قضيتنا", "قضية"),
            ("رسالتنا", "رسالة"),
            ("قراراتنا", "قرار"),
            ("وصوتنا", "صوت"),
        ]);
        // Words in نا of their own: too short, or lexicon words themselves.
        for word in ["هنا", "لنا", "معنا", "علينا", "أثينا", "فيينا"] {
            assert_eq!(stem(word), normalize(word), "{word}");
        }
    }

    #[test]
    fn duals_and_construct_plurals_reach_the_bare_noun_and_listed_words_stay() {
        assert_same_stem(&[
            ("موظفا", "موظف"),
            ("موظفو", "موظف"),
            ("معلمو", "معلم"),
            ("لاعبان", "لاعب"),
            ("مراسلين", "مراسل"),
            ("والمراسلون", "مراسل"),
        ]);
        // Listed with the ending: names, numbers, nouns in ان/ين.
        for word in ["سلطان", "بنيان", "عنوان", "ميدان", "ثمانين", "تعيين"]
        {
            assert_eq!(stem(word), normalize(word), "{word}");
        }
        assert_same_stem(&[
            ("عناوين", "عناوين"),
            ("تعيينات", "تعيين"),
            ("بيانات", "بيان"),
        ]);
        assert_ne!(stem("بيان"), stem("بي"));
        // The construct و needs four letters before it; foreign names in و are protected.
        assert_eq!(stem("الناتو"), "ناتو");
        assert_eq!(stem("طوكيو"), "طوكيو");
    }

    #[test]
    fn the_accusative_alef_comes_off_indefinite_nouns_only() {
        assert_same_stem(&[
            ("قراراً", "قرار"),
            ("اتفاقا", "اتفاق"),
            ("مسؤولاً", "مسؤول"),
            ("رئيسا", "رئيس"),
        ]);
        for word in ["أمريكا", "دنيا", "كندا", "روسيا", "أوروبا", "أيضا"]
        {
            assert_eq!(stem(word), normalize(word), "{word}");
        }
        // After ه the ا is the pronoun ها (a ة takes its tanween without an alef).
        assert_eq!(stem("وجهها"), stem("وجه"));
    }

    #[test]
    fn the_stem_does_not_cross_into_another_lexicon_word() {
        for (word, other) in [
            ("جامعة", "جامع"),
            ("عملة", "عمل"),
            ("أربعين", "أربعة"),
            ("سلامة", "سلام"),
            ("كتابة", "كتاب"),
            ("منطقة", "منطق"),
        ] {
            assert_ne!(stem(word), stem(other), "{word} / {other}");
        }
        // Recall within the word: its plural, its article, its construct forms.
        assert_same_stem(&[
            ("جامعات", "جامعة"),
            ("الجامعة", "جامعة"),
            ("جامعتها", "جامعة"),
            ("جامعتين", "جامعة"),
            ("عملات", "عملة"),
            ("عملتهم", "عملة"),
            ("المناطق", "مناطق"),
            ("منطقتنا", "منطقة"),
            // A noun that takes ات itself keeps its plural: قرارات is قرار's.
            ("قرارات", "قرار"),
            ("الدول", "دولة"),
            // Overrides: a number with and without ة, a broken plural listed whole.
            ("ثلاثة", "ثلاث"),
            ("الخمسة", "خمس"),
            ("البلدان", "بلد"),
        ]);
        assert_ne!(stem("قرارات"), stem("قرارة"));
    }

    #[test]
    fn a_bare_ba_and_the_future_sin_come_off_onto_lexicon_words() {
        assert_same_stem(&[
            ("بشكل", "شكل"),
            ("بسياسات", "بسياسات"),
            ("سيعلن", "يعلن"),
            ("ستكون", "تكون"),
            ("سنواصل", "نواصل"),
            ("وسيقول", "يقول"),
        ]);
        // The ب or س is the word's own: the word, or its light stem, is a lexicon word.
        for word in [
            "بيت",
            "بحث",
            "سيارة",
            "ستة",
            "سنة",
            "بلدية",
            "بلغت",
            "سيناء",
            "بسام",
        ] {
            let first = normalize(word).chars().next().unwrap_or(' ');
            assert!(stem(word).starts_with(first), "{word}: {}", stem(word));
        }
        assert_eq!(stem("بيت"), "بيت");
        assert_eq!(stem("بحث"), "بحث");
        assert_eq!(stem("سيارة"), stem("السيارة"));
        assert_eq!(stem("سيناء"), "سيناء");
    }

    #[test]
    fn names_that_look_affixed_keep_their_letters_behind_clitics_too() {
        for (form, name) in [
            ("سلمان", "سلمان"),
            ("وسلمان", "سلمان"),
            ("لعدنان", "عدنان"),
            ("بعدنان", "عدنان"),
            ("لمروان", "مروان"),
            ("وغسان", "غسان"),
            ("بسام", "بسام"),
            ("وسام", "وسام"),
            ("عرفات", "عرفات"),
            ("البغدادي", "بغدادي"),
            ("والحوثي", "حوثي"),
            ("وأسوان", "اسوان"),
        ] {
            assert_eq!(stem(form), normalize(name), "{form}");
        }
        assert_ne!(stem("عدنان"), stem("عدن"));
    }

    /// The lexicon-decided rules never cut a word the lexicon lists: the bare ب, the future
    /// س, نا, the accusative ا and the construct و leave every lexicon word as it is.
    #[test]
    fn the_lexicon_rules_leave_every_lexicon_word_alone() {
        let stemmer = Stemmer::with_defaults();
        let mut cut = Vec::new();
        for word in listed(LEXICON_WORDS) {
            if stemmer.strip_bare_prefix(word) != word || stemmer.strip_lexical_ending(word) != word
            {
                cut.push(word);
            }
        }
        assert!(cut.is_empty(), "{cut:?}");
        // And each kept-ta noun stems apart from its ة-less word.
        for word in listed(KEPT_TA_WORDS) {
            let word = word.split(' ').next().unwrap_or(word);
            let bare = word.strip_suffix('ه').unwrap_or(word);
            // (A listed word with its article, الامة, is read without it: امة is too short.)
            if stemmer.lookup(word).is_none()
                && stemmer.lookup(bare).is_none()
                && strip_prefix(word) == word
            {
                assert_ne!(stemmer.stem(word), stemmer.stem(bare), "{word}");
            }
        }
    }

    /// Lucene's `TestArabicNormalizationFilter`, `TestPersianNormalizationFilter` and
    /// `TestArabicStemFilter` (light10) expectations; the Persian ones through our normaliser.
    #[test]
    fn lucene_normalisation_and_light10_expectations_hold() {
        for (input, expected) in [
            ("آجن", "اجن"),
            ("أحمد", "احمد"),
            ("إعاذ", "اعاذ"),
            ("بنى", "بني"),
            ("فاطمة", "فاطمه"),
            ("روبرـــــت", "روبرت"),
            ("مَبنا", "مبنا"),
            ("علِي", "علي"),
            ("بُوات", "بوات"),
            ("ولداً", "ولدا"),
            ("ولدٍ", "ولد"),
            ("ولدٌ", "ولد"),
            ("نلْسون", "نلسون"),
            ("هتميّ", "هتمي"),
            ("های", "هاي"),
            ("هاے", "هاي"),
            ("کشاندن", "كشاندن"),
            ("كتابۀ", "كتابه"),
            ("كتابهٔ", "كتابه"),
            ("زادہ", "زاده"),
        ] {
            assert_eq!(normalize(input), expected, "{input}");
        }
        let stemmer = Stemmer::default();
        for (input, expected) in [
            ("الحسن", "حسن"),
            ("والحسن", "حسن"),
            ("بالحسن", "حسن"),
            ("كالحسن", "حسن"),
            ("فالحسن", "حسن"),
            ("للاخر", "اخر"),
            ("وحسن", "حسن"),
            ("زوجها", "زوج"),
            ("ساهدان", "ساهد"),
            ("ساهدات", "ساهد"),
            ("ساهدون", "ساهد"),
            ("ساهدين", "ساهد"),
            ("ساهديه", "ساهد"),
            ("ساهدية", "ساهد"),
            ("ساهده", "ساهد"),
            ("ساهدة", "ساهد"),
            ("ساهدي", "ساهد"),
            ("وساهدون", "ساهد"),
            ("ساهدهات", "ساهد"),
            ("الو", "الو"),
            ("english", "english"),
        ] {
            assert_eq!(stemmer.stem(&normalize(input)), expected, "{input}");
        }
    }

    /// Debian's hunspell-ar word list, normalised: the lexicon the rules past light10 are
    /// checked against (the benchmark corpus draws on it too).
    fn lexicon() -> HashSet<String> {
        let path = std::env::var("ISNAD_HUNSPELL_AR")
            .unwrap_or_else(|_| "/usr/share/hunspell/ar.dic".to_owned());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{path}: {e} (install hunspell-ar, or point ISNAD_HUNSPELL_AR at ar.dic)")
        });
        text.lines()
            .filter_map(|line| line.split('/').next())
            .map(|word| normalize(word.trim()))
            .filter(|word| !word.is_empty() && word.chars().all(is_arabic_letter))
            .collect()
    }

    /// A rule past light10 reads a word as a shorter word plus a pronoun or dual ending. On
    /// a word the lexicon lists, when that shorter word is not in the lexicon the ending is
    /// the word's own, and the rule may not then give it the stem of another lexicon word,
    /// one the new rules leave alone (`مساكن` must not join `مسا…`). Such words go in
    /// `assets/arabic/whole.txt`.
    #[test]
    fn new_rules_merge_no_words_the_lexicon_keeps_apart() {
        let lexicon = lexicon();
        assert!(lexicon.len() > 50_000, "{} words", lexicon.len());
        let stemmer = Stemmer::with_defaults();
        let light10 = |word: &str| light10_suffixes(strip_prefix(word)).to_owned();
        // The stems the new rules leave alone: a lexicon word's own, light10's.
        let kept: HashSet<String> = lexicon
            .iter()
            .filter(|word| stemmer.reading(word).is_none())
            .map(|word| stemmer.stem(word))
            .collect();
        let mut merged: Vec<String> = Vec::new();
        let mut read = 0;
        for word in &lexicon {
            let Some(reading) = stemmer.reading(word) else {
                continue;
            };
            read += 1;
            if lexicon.contains(&reading) {
                continue;
            }
            let new = stemmer.stem(word);
            let old = light10(word);
            if new != old && kept.contains(&new) {
                merged.push(format!("{word} (read as {reading}, stem {new})"));
            }
        }
        merged.sort();
        assert!(read > 1000, "the rules read only {read} lexicon words");
        assert!(
            merged.is_empty(),
            "{} lexicon words merged with others:\n{}",
            merged.len(),
            merged.join("\n")
        );
    }

    /// For each affix alias of `ar.aff` (the numeric flags of `ar.dic`, from 1), whether it
    /// gives a noun the plural `ات` without making its feminine in `ة`.
    fn plural_at_aliases(aff: &str) -> Vec<bool> {
        // ar.aff: `AF <flags>` lines are the aliases the .dic's numeric flags name (from 1);
        // the flags are two letters each; `SFX <flag> 0 ات…` adds ات to a word, and
        // `SFX <flag> 0 ة…` makes its feminine (an adjective, an agent noun: جامع → جامعة,
        // whose ات plural is the feminine's, not the bare noun's).
        let adding = |ending: &'static str| -> HashSet<&str> {
            aff.lines()
                .filter_map(|line| {
                    let mut fields = line.split_whitespace();
                    (fields.next() == Some("SFX")).then_some(())?;
                    let flag = fields.next()?;
                    (fields.next() == Some("0") && fields.next()?.split('/').next() == Some(ending))
                        .then_some(flag)
                })
                .collect()
        };
        let (at_flags, ta_flags) = (adding("ات"), adding("ة"));
        aff.lines()
            .filter_map(|line| line.strip_prefix("AF "))
            .skip(1)
            .map(|flags| {
                let flags = flags.split_whitespace().next().unwrap_or("");
                let has = |set: &HashSet<&str>| {
                    flags
                        .as_bytes()
                        .chunks(2)
                        .any(|flag| std::str::from_utf8(flag).is_ok_and(|f| set.contains(f)))
                };
                has(&at_flags) && !has(&ta_flags)
            })
            .collect()
    }

    /// The shipped lexicon's words and its kept-`ة` list, derived from hunspell-ar's `ar.dic`:
    /// every entry without its affix flags (`word/flags<TAB>morphology`), normalised; and the
    /// nouns written with `ة` whose `ة`-less form is another noun (or number word) of the
    /// list, such as `جامعة` beside `جامع`. Returns the two files' texts, headers included.
    ///
    /// A kept-`ة` noun is followed by ` ات` when its `ة`-less noun takes the plural `ات`
    /// itself (`قرار`, whose flags in `ar.aff` add `ات` and not `ة`): then `قرارات` is
    /// `قرار`'s plural, while `جامعات` is `جامعة`'s (`جامع`'s flags make a feminine, whose
    /// plural that is).
    fn derive_lexicon(dic: &str, aff: &str) -> (String, String) {
        let aliases = plural_at_aliases(aff);
        let mut takes_at: HashSet<String> = HashSet::default();
        let mut section = "";
        let mut words: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        let mut nouns: Vec<&str> = Vec::new();
        let mut noun_forms: HashSet<String> = HashSet::default();
        for line in dic.lines() {
            let line = line.trim();
            if std::path::Path::new(line)
                .extension()
                .is_some_and(|extension| extension == "dic")
            {
                section = line;
                continue;
            }
            let Some(word) = line.split(['/', '\t', ' ']).next() else {
                continue;
            };
            if word.is_empty() || !word.chars().all(|c| is_arabic_letter(c) || is_deleted(c)) {
                continue;
            }
            let normal = normalize(word);
            if normal.is_empty() {
                continue;
            }
            if matches!(section, "names.dic" | "tools.dic") {
                nouns.push(word);
                noun_forms.insert(normal.clone());
                let alias = line
                    .split(['/', '\t', ' '])
                    .nth(1)
                    .and_then(|flags| flags.parse::<usize>().ok());
                if alias.is_some_and(|a| a > 0 && aliases.get(a - 1) == Some(&true)) {
                    takes_at.insert(normal.clone());
                }
            }
            words.insert(normal);
        }
        let mut kept_ta: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        for noun in nouns {
            // Not the nisba ية: the pass reads يه as one ending (عربية is عربي's feminine).
            if let Some(bare) = noun.strip_suffix('ة')
                && !bare.ends_with('ي')
                && letters(bare) >= MIN_STEM
                && noun_forms.contains(&normalize(bare))
            {
                let plural = if takes_at.contains(&normalize(bare)) {
                    " ات"
                } else {
                    ""
                };
                kept_ta.insert(format!("{}{plural}", normalize(noun)));
            }
        }
        let source = "Ayaspell 3.2 (Debian's hunspell-ar 3.2-1.2, /usr/share/hunspell/ar.dic), \
                      (c) 2006-2008 Mohamed Kebdani,\n# tri-licensed GPL-2.0 / LGPL-2.1 / MPL-1.1 and \
                      used here under the MPL-1.1 (https://www.mozilla.org/MPL/1.1/).\n\
                      # Derived by assets/arabic/derive-lexicon.sh; do not edit by hand.\n";
        let mut lexicon = format!(
            "# The Arabic lexicon of isnad's stemmer: every entry of {source}\
             # Each entry without its affix flags, normalised by text::arabic::normalize, one a \
             line, sorted by bytes: {} words.\n",
            words.len()
        );
        let mut kept = format!(
            "# Nouns in ta marbuta whose form without it is another noun of the lexicon \
             (جامعة / جامع):\n# the stemmer keeps their ة. From the nouns of {source}\
             # Normalised (ة is written ه), sorted by bytes: {} words. A word followed by ات: \
             its ة-less noun takes the plural ات\n# itself (قرارة ات: قرارات is قرار's plural).\n",
            kept_ta.len()
        );
        for word in words {
            lexicon.push_str(&word);
            lexicon.push('\n');
        }
        for word in kept_ta {
            kept.push_str(&word);
            kept.push('\n');
        }
        (lexicon, kept)
    }

    /// The shipped `assets/arabic/lexicon.txt` and `kept-ta.txt` are what `derive_lexicon`
    /// makes of Debian's `ar.dic`. `ISNAD_WRITE_LEXICON=1` writes them instead
    /// (`assets/arabic/derive-lexicon.sh`).
    #[test]
    fn the_shipped_lexicon_is_derived_from_hunspell_ar() {
        let path = std::env::var("ISNAD_HUNSPELL_AR")
            .unwrap_or_else(|_| "/usr/share/hunspell/ar.dic".to_owned());
        let dic = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{path}: {e} (install hunspell-ar, or point ISNAD_HUNSPELL_AR at ar.dic)")
        });
        let aff_path = path.replace(".dic", ".aff");
        let aff = std::fs::read_to_string(&aff_path).unwrap_or_else(|e| panic!("{aff_path}: {e}"));
        let (lexicon, kept) = derive_lexicon(&dic, &aff);
        // The plurals are read with the stemmer built from the shipped lexicon: after a new
        // lexicon, derive-lexicon.sh runs this test again.
        let derived = plurals_derivation::derive(
            &dic,
            &aff,
            plurals_derivation::PLURAL_REVIEW,
            &plurals_derivation::without_plurals(),
        );
        let plurals =
            plurals_derivation::plurals_text(&derived, &plurals_derivation::without_plurals());
        if std::env::var_os("ISNAD_WRITE_LEXICON").is_some() {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/arabic");
            std::fs::write(format!("{dir}/lexicon.txt"), &lexicon).expect("write lexicon");
            std::fs::write(format!("{dir}/kept-ta.txt"), &kept).expect("write kept-ta");
            std::fs::write(format!("{dir}/plurals.txt"), &plurals).expect("write plurals");
            return;
        }
        assert!(
            lexicon == LEXICON_WORDS,
            "lexicon.txt is stale: run derive-lexicon.sh"
        );
        assert!(
            kept == KEPT_TA_WORDS,
            "kept-ta.txt is stale: run derive-lexicon.sh"
        );
        assert!(
            plurals == PLURAL_PAIRS,
            "plurals.txt is stale: run derive-lexicon.sh"
        );
    }

    #[test]
    fn years_with_an_era_letter_and_latin_behind_clitics_come_apart() {
        for (glued, bare) in [
            ("١٩٤٨م", "1948"),
            ("1443هـ", "1443"),
            ("١٤٠٠ه", "1400"),
            ("لـCNN", "cnn"),
            ("لCNN", "cnn"),
            ("والـNATO", "nato"),
            ("وللـUN", "un"),
            ("بـ2023", "2023"),
            ("كـG7", "g7"),
        ] {
            assert_eq!(stem(glued), bare, "{glued}");
        }
        // Not a clitic run, not an era letter, or Arabic on both sides: left to the rules.
        assert_ne!(stem("مثلCNN"), "cnn");
        assert_eq!(stem("2023ب"), "2023ب");
        assert!(stem("12مليون").starts_with("12مل"));
        assert_eq!(stem("ل"), "ل");
    }

    #[test]
    fn latin_and_digits_pass_through() {
        let stemmer = Stemmer::with_defaults();
        assert_eq!(stemmer.stem("isis"), "isis");
        assert_eq!(stemmer.stem("144"), "144");
    }
}
