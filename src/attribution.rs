//! Who a report attributes a statement to: reporting phrases in Arabic and English (`قال`،
//! `أكد`، `أعلن`، `نقلاً عن`، `وفقاً لـ`، `بحسب`، `ذكرت`; *according to*, *said*, *told*,
//! *citing*) and what they attribute to (a person, an outlet, "officials"). A report
//! "according to CNN, citing US officials" is a chain: CNN ← US officials, in the order
//! written. Pure: the command line, the workbench and the reports read the same answer.
//!
//! Rules, not a model: an Arabic reporting verb (any person and number, with `و`/`ف`
//! before it) is followed by its subject (news Arabic is verb first: `قالت وزارة الصحة إن`),
//! which runs until `إن`/`أن`, a preposition that starts the rest of the sentence
//! (`في بيان`، `خلال`، `لـ`), another reporting phrase, or punctuation; a preposition
//! phrase (`نقلاً عن`، `بحسب`) is followed by what it names, `ل` attached or not. In English
//! the target of *according to* and *citing* follows them; *said* and *told* take the
//! subject before them (`US officials said`), or after them when the verb comes first
//! (`…, said John Kirby`). Targets are cut at five words. Offsets are bytes of the text
//! given.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::text::arabic::normalize;
use crate::text::words::normalized_words;

/// What an attribution names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A news outlet or agency (`رويترز`, `CNN`, `وكالة الأنباء الفرنسية`).
    Outlet,
    /// Officials, a ministry, a spokesman, unnamed sources or witnesses.
    Officials,
    /// A group, party, movement or organisation (`تنظيم داعش`, `حركة حماس`, `the Red
    /// Cross`).
    Organisation,
    /// A named person or anything else.
    Person,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Outlet => "outlet",
            Kind::Officials => "officials",
            Kind::Organisation => "organisation",
            Kind::Person => "person",
        }
    }
}

/// One reporting phrase and what it attributes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The phrase as written (`قالت`, `according to`).
    pub phrase: String,
    /// Who or what, as written (`وزارة الصحة في غزة`, `US officials`).
    pub target: String,
    pub kind: Kind,
    /// Byte ranges in the text given.
    #[serde(skip)]
    pub phrase_at: Range<usize>,
    #[serde(skip)]
    pub target_at: Range<usize>,
}

/// Arabic reporting verbs, normalised (`أ`→`ا`, `ة`→`ه`, `ى`→`ي`), in their third-person
/// past forms.
const AR_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "اكد",
    "اكدت",
    "اكدوا",
    "اعلن",
    "اعلنت",
    "اعلنوا",
    "ذكر",
    "ذكرت",
    "ذكروا",
    "اضاف",
    "اضافت",
    "اضافوا",
    "صرح",
    "صرحت",
    "افاد",
    "افادت",
    "افادوا",
    "اوضح",
    "اوضحت",
    "نقل",
    "نقلت",
    "اشار",
    "اشارت",
    "كشف",
    "كشفت",
    "يقول",
    "تقول",
    "يقولون",
    "روي",
    "روت",
    "رووا",
];

/// Arabic phrases of the form "after X" (`نقلاً عن X`): their words, normalised.
const AR_PHRASES: &[&[&str]] = &[
    &["نقلا", "عن"],
    &["وفقا"],
    &["بحسب"],
    &["حسب"],
    &["طبقا"],
    &["استنادا", "الي"],
    &["علي", "لسان"],
];

/// Words that end an Arabic target: the clause it says, a preposition starting the rest.
const AR_STOPS: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "في",
    "خلال",
    "امس",
    "اليوم",
    "مساء",
    "صباح",
    "عبر",
    "الي",
    "علي",
    "عن",
    "من",
    "بان",
    "بعد",
    "قبل",
    "ل",
    "الذي",
    "التي",
    "حول",
    "نقلا",
    "وفقا",
    "بحسب",
    "مضيفا",
    "مضيفه",
    "مشيرا",
    "مشيره",
    "موضحا",
    "موضحه",
    "لـ",
    "ما",
    "لم",
    "لن",
    "قد",
    "ان",
    "امام",
];

/// English phrases whose target follows.
const EN_BEFORE: &[&[&str]] = &[&["according", "to"], &["citing"], &["quoting"]];

/// English verbs whose subject is the target.
const EN_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "stated",
    "announced",
    "confirmed",
    "reported",
];

/// Words that end an English target.
const EN_STOPS: &[&str] = &[
    "that",
    "on",
    "in",
    "at",
    "who",
    "which",
    "and",
    "but",
    "while",
    "when",
    "after",
    "before",
    "as",
    "to",
    "the",
    "a",
    "an",
    "it",
    "there",
    "this",
    "its",
    "their",
    "his",
    "her",
    "citing",
    "according",
    "said",
    "told",
    "says",
    "late",
    "earlier",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// English words that may open a target before a verb (`the ministry said`).
const EN_DETERMINERS: &[&str] = &["the", "a", "an"];

const OUTLETS: &[&str] = &[
    "رويترز",
    "الجزيره",
    "العربيه",
    "سكاي",
    "بي",
    "فرانس",
    "الاناضول",
    "وكاله",
    "قناه",
    "صحيفه",
    "موقع",
    "تلفزيون",
    "اذاعه",
    "reuters",
    "afp",
    "ap",
    "cnn",
    "bbc",
    "al",
    "jazeera",
    "associated",
    "press",
    "agency",
    "news",
    "times",
    "post",
    "journal",
    "tass",
    "ria",
    "interfax",
    "bloomberg",
    "guardian",
    "newspaper",
    "television",
    "tv",
    "radio",
    "channel",
    "telegram",
];

const OFFICIALS: &[&str] = &[
    "مسؤول",
    "مسؤولون",
    "مسؤولين",
    "مسوول",
    "مسوولون",
    "مسوولين",
    "مصادر",
    "مصدر",
    "وزاره",
    "الوزاره",
    "متحدث",
    "المتحدث",
    "ناطق",
    "الناطق",
    "الجيش",
    "الشرطه",
    "السلطات",
    "شهود",
    "الحكومه",
    "حكومه",
    "البيت",
    "الكرملين",
    "وزير",
    "الوزير",
    "الامم",
    "officials",
    "official",
    "sources",
    "source",
    "ministry",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "police",
    "army",
    "military",
    "authorities",
    "government",
    "witnesses",
    "kremlin",
    "pentagon",
    "white",
    "minister",
    "ministry's",
    "agency's",
];

/// Words that name a group rather than officials or a person (checked before the
/// officials' words: `منظمة الصحة العالمية` is an organisation).
const ORGANISATIONS: &[&str] = &[
    "تنظيم",
    "حركة",
    "حزب",
    "منظمة",
    "جماعة",
    "جبهة",
    "الهلال",
    "الصليب",
    "المرصد",
    "الأمم",
    "organization",
    "organisation",
    "group",
    "party",
    "movement",
    "front",
    "red",
    "cross",
    "un",
    "observatory",
    "hamas",
    "hezbollah",
    "isis",
    "isis-k",
];

/// A word of the text: where it is, and its normalised form.
struct Word {
    at: Range<usize>,
    norm: String,
}

fn words(text: &str) -> Vec<Word> {
    normalized_words(text)
        .map(|(at, norm)| Word { at, norm })
        .collect()
}

/// Whether a boundary between words `a` and `b` (byte ranges) crosses punctuation that
/// ends a target: `,` `.` `:` `؛` `،` `"` quotes, a dash, a parenthesis, a line.
fn broken(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    text.get(a.end..b.start).is_none_or(|gap| {
        gap.chars().any(|c| {
            matches!(
                c,
                ',' | '.'
                    | ':'
                    | ';'
                    | '،'
                    | '؛'
                    | '"'
                    | '«'
                    | '»'
                    | '“'
                    | '”'
                    | '('
                    | ')'
                    | '-'
                    | '—'
                    | '–'
                    | '\n'
                    | '?'
                    | '!'
                    | '؟'
            )
        })
    })
}

/// `word` without the prefixes `و`, `ف` (and `وب`…), for matching a verb or a phrase.
fn without_conjunction(word: &str) -> &str {
    for prefix in ["و", "ف"] {
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.chars().count() >= 2
        {
            return rest;
        }
    }
    word
}

fn is_ar_verb(word: &str) -> bool {
    AR_VERBS.contains(&word) || AR_VERBS.contains(&without_conjunction(word))
}

/// The kind of a target, from its words.
fn kind(words: &[&str]) -> Kind {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    // The lists as the normaliser writes them (`مسؤولين` → its normal form).
    let has = |list: &[&str]| {
        let list: Vec<String> = list.iter().map(|w| normalize(w)).collect();
        lower
            .iter()
            .any(|w| list.iter().any(|l| l == w || l == without_conjunction(w)))
    };
    if has(OUTLETS) {
        Kind::Outlet
    } else if has(ORGANISATIONS) {
        Kind::Organisation
    } else if has(OFFICIALS) {
        Kind::Officials
    } else {
        Kind::Person
    }
}

/// The Arabic target starting at word `from`, the words `ل`/`لل` may be attached to the
/// first (`لوزارة` → `وزارة`): up to five words, cut at a stop, a verb, punctuation.
fn ar_target(text: &str, words: &[Word], from: usize) -> Option<Range<usize>> {
    let first = words.get(from)?;
    let mut start = first.at.start;
    // `لوزارة`، `للجيش`: the target starts after the preposition.
    let raw = text.get(first.at.clone())?;
    if let Some(rest) = raw.strip_prefix("لل") {
        // `للتقرير` is `ل` + `التقرير` with the article's alef dropped: the target is
        // `تقرير` in the text, named `التقرير` (`attribution`). A noun that starts with
        // `ل` is spelled the same way (`للجنة`: `ل` + `لجنة`, `للبنان`): the lexicon
        // tells, and then the target keeps its own `ل`.
        let own_lam = raw
            .strip_prefix('ل')
            .filter(|word| crate::text::arabic::in_lexicon(word));
        start = first.at.end - own_lam.map_or(rest.len(), str::len);
    } else if let Some(rest) = raw.strip_prefix('ل')
        && rest.chars().count() >= 3
    {
        start = first.at.end - rest.len();
    }
    if AR_STOPS.contains(&first.norm.as_str()) || is_ar_verb(&first.norm) {
        return None;
    }
    let mut end = first.at.end;
    let mut previous = &first.at;
    // The subject is a noun and what qualifies it: definite words after a definite one
    // (`الشرطة الروسية`, `وزارة الصحة الفلسطينية`); after an indefinite one, one more
    // indefinite word (`مصادر محلية`, `تنظيم داعش`), unless the head names an outlet,
    // whose name runs on (`صحيفة وول ستريت جورنال`). An indefinite word after a definite
    // one starts what is said (`أعلن الجيش مقتل…`), as does `لل…` (`للصحفيين`) or a word
    // with a pronoun suffix (`مسؤوليته`). `باسم` joins (`المتحدث باسم الجيش`).
    let outlet_head = AR_OUTLET_HEADS.contains(&first.norm.as_str());
    // An outlet's initials spelled out (`شبكة سي إن إن`) run on, `إن` among them.
    let mut previous_letter = false;
    let mut last_definite = definite(raw);
    let mut indefinite_run = usize::from(!last_definite);
    let is_letter = |word: &Word| outlet_head && AR_LETTER_NAMES.contains(&word.norm.as_str());
    for (at, word) in words.iter().enumerate().skip(from + 1).take(4) {
        let raw = text.get(word.at.clone()).unwrap_or("");
        let letter = is_letter(word);
        // `إن` is also "that": one of the initials only before another letter
        // (`إن بي سي`) or as the second of `إن إن` (`سي إن إن`), never alone after them
        // (`بي بي سي إن مراسلها`).
        let letter = if word.norm == "ان" {
            let next_letter = words
                .get(at + 1)
                .is_some_and(|next| is_letter(next) && !broken(text, &word.at, &next.at));
            let second = previous_letter && words.get(at - 1).is_some_and(|p| p.norm == "ان");
            letter && (next_letter || second)
        } else {
            letter
        };
        let joins = word.norm == "باسم" || (letter && (previous_letter || word.norm == "ان"));
        let this_definite = definite(raw);
        if broken(text, previous, &word.at)
            || (AR_STOPS.contains(&word.norm.as_str()) && !joins)
            || is_ar_verb(&word.norm)
            || AR_PHRASES.iter().any(|p| p[0] == word.norm)
            || raw.starts_with("لل")
            || suffixed(raw)
            || (!joins && !outlet_head && !this_definite && last_definite)
            || (!joins && !outlet_head && !this_definite && indefinite_run >= 2)
        {
            break;
        }
        if joins {
            last_definite = false;
            indefinite_run = 0;
        } else {
            indefinite_run = if this_definite { 0 } else { indefinite_run + 1 };
            last_definite = this_definite;
        }
        end = word.at.end;
        previous = &word.at;
        previous_letter = letter;
    }
    Some(start..end)
}

/// Latin letters as Arabic spells them out in an outlet's initials (`سي إن إن`, `بي بي سي`,
/// `إن بي سي`), normalised.
const AR_LETTER_NAMES: &[&str] = &[
    "سي", "بي", "ان", "اي", "ايه", "ام", "تي", "جي", "دي", "اف", "اس", "اكس", "ار", "يو",
];

/// Outlet words whose name runs on after them, indefinite (`صحيفة وول ستريت جورنال`).
const AR_OUTLET_HEADS: &[&str] = &["صحيفه", "شبكه", "وكاله", "قناه", "موقع", "اذاعه"];

/// Whether an Arabic word as written ends in a pronoun (`مسؤوليته`, `هويتها`): an object
/// or a possession, never the start of a subject.
fn suffixed(raw: &str) -> bool {
    raw.chars().count() > 3 && (raw.ends_with('ه') || raw.ends_with("ها") || raw.ends_with("هم"))
}

/// The Arabic subject before the verb at word `verb` (subject first: `تنظيم داعش أعلن`):
/// up to three words back, cut at a stop, a verb or punctuation.
fn ar_target_before(text: &str, words: &[Word], verb: usize) -> Option<Range<usize>> {
    let mut start = None;
    for index in (verb.saturating_sub(3)..verb).rev() {
        let word = &words[index];
        if broken(text, &word.at, &words[index + 1].at)
            || AR_STOPS.contains(&word.norm.as_str())
            || AR_STOPS.contains(&without_conjunction(&word.norm))
            || is_ar_verb(&word.norm)
        {
            break;
        }
        start = Some(index);
    }
    let start = start?;
    Some(words[start].at.start..words[verb - 1].at.end)
}

/// Whether an Arabic word as written carries the article (`ال…`).
fn definite(raw: &str) -> bool {
    raw.starts_with("ال") || raw.starts_with("أل")
}

fn is_en_stop(word: &str) -> bool {
    EN_STOPS.contains(&word.to_lowercase().as_str())
}

/// The English target after word `from`: up to five words, cut at a stop or punctuation.
fn en_target_after(text: &str, words: &[Word], from: usize) -> Option<Range<usize>> {
    let mut at = from;
    // "according to the ministry", "citing a spokesman": the article is part of it.
    let first = words.get(at)?;
    let lower = first.norm.to_lowercase();
    if EN_DETERMINERS.contains(&lower.as_str()) {
        at += 1;
    }
    let head = words.get(at)?;
    if is_en_stop(&head.norm) {
        return None;
    }
    let start = first.at.start;
    let mut end = head.at.end;
    let mut previous = &head.at;
    for word in words.iter().skip(at + 1).take(4) {
        if broken(text, previous, &word.at) || is_en_stop(&word.norm) {
            break;
        }
        end = word.at.end;
        previous = &word.at;
    }
    Some(start..end)
}

/// Words that join a subject's parts (`A spokesman for the Kremlin`, `Officials in
/// Moscow`): they do not end it when it is read back from the verb.
const EN_JOINS: &[&str] = &["of", "for", "in", "at", "the", "a", "an", "from"];

/// The English subject before word `verb`: read back up to seven words, cut at a stop or
/// punctuation, joining words kept inside but not at its start (the article excepted). A
/// clause of attribution between commas before the verb is stepped over (`CNN, citing a
/// senior official, said`: CNN).
fn en_target_before(text: &str, words: &[Word], verb: usize) -> Option<Range<usize>> {
    let mut end = verb;
    let mut stepped = false;
    // `X, citing Y, said`: the subject is before the clause.
    if end >= 2 && broken(text, &words[end - 1].at, &words[end].at) {
        let clause_start = (0..end - 1)
            .rev()
            .find(|&k| broken(text, &words[k].at, &words[k + 1].at))
            .map(|k| k + 1)?;
        let opener = words[clause_start].norm.to_lowercase();
        if !matches!(opener.as_str(), "citing" | "quoting" | "according") || clause_start == 0 {
            return None;
        }
        end = clause_start;
        stepped = true;
    }
    let mut start: Option<usize> = None;
    for index in (0..end).rev() {
        let word = &words[index];
        // The comma before a clause stepped over does not end the subject.
        let edge = stepped && index + 1 == end;
        if (!edge && broken(text, &word.at, &words[index + 1].at)) || end - index > 7 {
            break;
        }
        let lower = word.norm.to_lowercase();
        if is_en_stop(&word.norm) && !EN_JOINS.contains(&lower.as_str()) {
            break;
        }
        start = Some(index);
    }
    // Not beginning with a joining word, the article excepted.
    let mut start = start?;
    while start < end
        && EN_JOINS.contains(&words[start].norm.to_lowercase().as_str())
        && !EN_DETERMINERS.contains(&words[start].norm.to_lowercase().as_str())
    {
        start += 1;
    }
    // An article alone (`The said agreement`) is no subject.
    if start >= end
        || (end - start == 1 && EN_DETERMINERS.contains(&words[start].norm.to_lowercase().as_str()))
    {
        return None;
    }
    Some(words[start].at.start..words[end - 1].at.end)
}

fn attribution(text: &str, phrase: Range<usize>, target: Range<usize>) -> Option<Attribution> {
    let mut target_text = text.get(target.clone())?.trim().to_owned();
    // After `لل` (`وفقاً للتقرير`), the article the spelling dropped is given back.
    if text
        .get(..target.start)
        .is_some_and(|before| before.ends_with("لل"))
    {
        target_text.insert_str(0, "ال");
    }
    if target_text.is_empty() {
        return None;
    }
    let target_words: Vec<&str> = target_text.split_whitespace().collect();
    let normalised: Vec<String> = target_words.iter().map(|w| normalize(w)).collect();
    let normalised: Vec<&str> = normalised.iter().map(String::as_str).collect();
    Some(Attribution {
        phrase: text.get(phrase.clone())?.to_owned(),
        kind: kind(&normalised),
        target: target_text,
        phrase_at: phrase,
        target_at: target,
    })
}

/// Every attribution in `text`, in the order written.
pub fn attributions(text: &str) -> Vec<Attribution> {
    let words = words(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        let bare = without_conjunction(&word.norm);
        // Arabic: a phrase of one or two words, then its target.
        if let Some(phrase) = AR_PHRASES.iter().find(|p| {
            p.iter().enumerate().all(|(k, w)| {
                words.get(i + k).is_some_and(|x| {
                    // `وبحسب`: a conjunction before the phrase's first word.
                    x.norm == *w || (k == 0 && without_conjunction(&x.norm) == *w)
                })
            })
        }) {
            let last = i + phrase.len() - 1;
            let mut from = last + 1;
            if words
                .get(from)
                .is_some_and(|w| w.norm == "ل" || w.norm == "لـ")
            {
                from += 1;
            }
            let at = word.at.start..words[last].at.end;
            if let Some(target) = ar_target(text, &words, from)
                && let Some(a) = attribution(text, at, target)
            {
                found.push(a);
                i = from + 1;
                continue;
            }
            i = last + 1;
            continue;
        }
        if is_ar_verb(&word.norm) && bare.chars().all(|c| !c.is_ascii()) {
            // Verb first (`قالت الوزارة`); else, when what follows is its object
            // (`أعلن مسؤوليته`), the subject before it (`تنظيم داعش أعلن`).
            let object_next = words.get(i + 1).is_some_and(|next| {
                let raw = text.get(next.at.clone()).unwrap_or("");
                suffixed(raw)
            });
            let target = if object_next {
                ar_target_before(text, &words, i)
            } else {
                ar_target(text, &words, i + 1)
            };
            if let Some(target) = target
                && let Some(a) = attribution(text, word.at.clone(), target)
            {
                found.push(a);
            }
            i += 1;
            continue;
        }
        let lower = word.norm.to_lowercase();
        if let Some(phrase) = EN_BEFORE.iter().find(|p| {
            p.iter().enumerate().all(|(k, w)| {
                words
                    .get(i + k)
                    .is_some_and(|x| x.norm.to_lowercase() == *w)
            })
        }) {
            let last = i + phrase.len() - 1;
            let at = word.at.start..words[last].at.end;
            if let Some(target) = en_target_after(text, &words, last + 1)
                && let Some(a) = attribution(text, at, target)
            {
                found.push(a);
            }
            i = last + 1;
            continue;
        }
        if EN_VERBS.contains(&lower.as_str()) {
            // "X said" first; else "…, said X".
            let target = en_target_before(text, &words, i).or_else(|| {
                // `"…," said John Kirby`: the verb after the quote, its subject after it.
                let before = words.get(i.checked_sub(1)?)?;
                let after = words.get(i + 1)?;
                let quoted = text
                    .get(before.at.end..word.at.start)
                    .is_some_and(|gap| gap.contains(['"', '”', '»', '\'']));
                (quoted && !broken(text, &word.at, &after.at))
                    .then(|| en_target_after(text, &words, i + 1))
                    .flatten()
            });
            if let Some(target) = target
                && let Some(a) = attribution(text, word.at.clone(), target)
            {
                found.push(a);
            }
        }
        i += 1;
    }
    found
}

/// The sentence of `text` holding byte `at`: from after the last `.`, `!`, `?`, `؟` or line
/// before it to the next one.
fn sentence_around(text: &str, at: Range<usize>) -> Range<usize> {
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '؟' | '\n');
    let before = text.get(..at.start).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| ends(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = text.get(at.end..).unwrap_or("");
    let end = after
        .char_indices()
        .find(|(_, c)| ends(*c))
        .map_or(text.len(), |(i, _)| at.end + i);
    start..end.max(at.end)
}

/// Whether a reporting verb begins a statement of its own, joined to what comes before it
/// by a conjunction: `وقال`, `فأكد`, `and said`. What precedes it is not what it reports.
fn opens_clause(text: &str, a: &Attribution) -> bool {
    let first = normalize(a.phrase.split_whitespace().next().unwrap_or(""));
    if !AR_VERBS.contains(&first.as_str()) && is_ar_verb(&first) {
        return true;
    }
    // The clause starts with the subject where it comes first (`and police said`).
    let start = a.phrase_at.start.min(a.target_at.start);
    let before = text.get(..start).unwrap_or("");
    let previous = before.split_whitespace().next_back().unwrap_or("");
    matches!(previous.to_lowercase().as_str(), "and" | "but")
}

/// Whether the phrase names whom the one reporting cites (`نقلاً عن`, `citing`), rather
/// than who reports.
fn cites(phrase: &str) -> bool {
    let first = normalize(phrase.split_whitespace().next().unwrap_or(""));
    let first = without_conjunction(&first).to_lowercase();
    matches!(first.as_str(), "نقلا" | "استنادا" | "citing" | "quoting")
        || normalize(phrase).ends_with("لسان")
}

/// Of a sentence's attributions, those of the passage at `at`: who reports it (the last
/// reporting phrase before it, else the first after that does not open a clause of its
/// own), then whom that one cites, in the order written. `X said …, and added …` is two
/// statements of one source, not a chain; in `X…، وقال Y إن …` Y says what follows, not X.
fn chain_of(text: &str, found: Vec<Attribution>, at: &Range<usize>) -> Vec<Attribution> {
    let (citing, reporting): (Vec<Attribution>, Vec<Attribution>) =
        found.into_iter().partition(|a| cites(&a.phrase));
    let head = reporting
        .iter()
        .rposition(|a| a.phrase_at.start < at.start)
        .or_else(|| reporting.iter().position(|a| !opens_clause(text, a)));
    let mut chain: Vec<Attribution> = head.map(|i| reporting[i].clone()).into_iter().collect();
    chain.extend(citing);
    chain
}

/// The attributions governing the passage at bytes `passage` of `text`: who reports it,
/// then whom that one cites ("according to CNN, citing US officials": CNN, then US
/// officials), found in the passage's own sentence. A sentence without a reporting phrase
/// is not given the one before's: news follows "قالت الوزارة إن …." with its own words as
/// often as with more of the ministry's (`ولم يصدر تعليق فوري من الجيش`), and a reporter's
/// sentence credited to a source misleads more than one left unattributed.
pub fn of_passage(text: &str, passage: Range<usize>) -> Vec<Attribution> {
    let sentence = sentence_around(text, passage.clone());
    let found: Vec<Attribution> = text
        .get(sentence.clone())
        .map(attributions)
        .unwrap_or_default()
        .into_iter()
        .map(|mut a| {
            a.phrase_at = a.phrase_at.start + sentence.start..a.phrase_at.end + sentence.start;
            a.target_at = a.target_at.start + sentence.start..a.target_at.end + sentence.start;
            a
        })
        .collect();
    chain_of(text, found, &passage)
}

/// A wire story's credit at the head of a body: `(رويترز) - …`, `موسكو (رويترز) - …`,
/// `MOSCOW (Reuters) - …`: the agency whose story the whole document runs, the outermost
/// link of every passage's chain. `text` is a document's text (title, newline, body);
/// offsets are bytes of it.
pub fn dateline(text: &str) -> Option<Attribution> {
    let body_start = text.find('\n').map_or(0, |i| i + 1);
    let body = text.get(body_start..)?;
    let head_len = body.char_indices().nth(80).map_or(body.len(), |(i, _)| i);
    let head = body.get(..head_len)?;
    let open = head.find('(')?;
    let close = open + head.get(open..)?.find(')')?;
    // A place name at most before the parenthesis, a dash after it.
    if head.get(..open)?.split_whitespace().count() > 3 {
        return None;
    }
    let after = head.get(close + 1..)?.trim_start();
    if !after.starts_with(['-', '–', '—']) {
        return None;
    }
    let inside = head.get(open + 1..close)?;
    let name = inside.trim();
    let words = name.split_whitespace().count();
    if !(1..=4).contains(&words) || name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let start = body_start + open + 1 + (inside.len() - inside.trim_start().len());
    Some(Attribution {
        phrase: "dateline".to_owned(),
        target: name.to_owned(),
        kind: Kind::Outlet,
        phrase_at: body_start + open..body_start + close + 1,
        target_at: start..start + name.len(),
    })
}

/// A forwarded message's attribution: the channel it was first posted by (a Telegram
/// export's `forwarded_from`).
pub fn forwarded(from: &str) -> Attribution {
    Attribution {
        phrase: "forwarded from".to_owned(),
        target: from.to_owned(),
        kind: Kind::Outlet,
        phrase_at: 0..0,
        target_at: 0..0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        attributions(text)
            .into_iter()
            .map(|a| (a.phrase, a.target))
            .collect()
    }

    fn pair(phrase: &str, target: &str) -> (String, String) {
        (phrase.to_owned(), target.to_owned())
    }

    #[test]
    fn arabic_verbs_take_the_subject_after_them() {
        assert_eq!(
            found("قالت وزارة الصحة في غزة إن عدد القتلى ارتفع."),
            [pair("قالت", "وزارة الصحة")]
        );
        assert_eq!(
            found("وأكدت مصادر طبية أن المستشفيات تعاني."),
            [pair("وأكدت", "مصادر طبية")]
        );
        assert!(
            found("نشر المقال أمس").is_empty(),
            "قال inside a word is no verb"
        );
    }

    #[test]
    fn groups_are_organisations() {
        let kinds: Vec<Kind> = attributions(
            "قالت حركة حماس إن المفاوضات مستمرة. وأعلن تنظيم داعش مسؤوليته. \
             وقال مسؤول أمريكي إن القرار اتخذ.",
        )
        .into_iter()
        .map(|a| a.kind)
        .collect();
        assert_eq!(
            kinds,
            [Kind::Organisation, Kind::Organisation, Kind::Officials]
        );
    }

    #[test]
    fn a_wire_credit_heads_the_body() {
        let text = "غارات على غزة\n(رويترز) - قالت وزارة الصحة إن 144 قتلوا.";
        let credit = dateline(text).expect("a dateline");
        assert_eq!(
            (credit.target.as_str(), credit.kind),
            ("رويترز", Kind::Outlet)
        );
        assert_eq!(text.get(credit.target_at.clone()), Some("رويترز"));
        assert_eq!(
            dateline("Title\nMOSCOW (Reuters) - The Kremlin said…").map(|a| a.target),
            Some("Reuters".to_owned())
        );
        assert!(
            dateline("Title\nقتل 144 (حسب الوزارة) في الهجوم").is_none(),
            "no dash"
        );
        assert!(
            dateline("Title\nفي عام (2024) - شيء").is_none(),
            "a year is no credit"
        );
    }

    #[test]
    fn a_subject_before_the_verb_when_its_object_follows() {
        assert_eq!(
            found("من المعروف أن تنظيم داعش أعلن مسؤوليته عن الهجوم."),
            [pair("أعلن", "تنظيم داعش")]
        );
    }

    #[test]
    fn a_chain_in_the_order_written() {
        let text = "ذكرت شبكة CNN نقلاً عن مسؤولين أمريكيين أن الهجوم وقع فجراً.";
        assert_eq!(
            found(text),
            [pair("ذكرت", "شبكة CNN"), pair("نقلاً عن", "مسؤولين أمريكيين")]
        );
        assert_eq!(
            found("The strike killed 12, according to CNN, citing US officials."),
            [pair("according to", "CNN"), pair("citing", "US officials")]
        );
        let a = &attributions(text)[1];
        assert_eq!(a.kind, Kind::Officials);
        assert_eq!(text.get(a.target_at.clone()), Some("مسؤولين أمريكيين"));
    }

    #[test]
    fn english_subjects_before_and_after() {
        assert_eq!(
            found("US officials said the strike was planned."),
            [pair("said", "US officials")]
        );
        assert_eq!(
            found("\"We are ready,\" said John Kirby."),
            [pair("said", "John Kirby")]
        );
        assert_eq!(
            found("A police spokesman told Reuters that two men were held."),
            [pair("told", "A police spokesman")]
        );
    }

    /// Whom the passage `passage` of `text` is attributed to, in order.
    fn chain(text: &str, passage: &str) -> Vec<String> {
        let at = text.find(passage).expect("in");
        of_passage(text, at..at + passage.len())
            .into_iter()
            .map(|a| a.target)
            .collect()
    }

    #[test]
    fn a_passage_has_one_reporter_and_whom_it_cites() {
        let said_and_added = "قالت الوزارة إن ١٤٤ قتلوا، وأضافت الوزارة أن الإنقاذ مستمر.";
        assert_eq!(chain(said_and_added, "١٤٤"), ["الوزارة"]);
        assert_eq!(chain(said_and_added, "الإنقاذ"), ["الوزارة"]);
        assert_eq!(
            chain(
                "The strike killed 12, according to CNN, citing US officials.",
                "killed 12"
            ),
            ["CNN", "US officials"]
        );
        assert_eq!(
            chain(
                "ذكرت شبكة CNN نقلاً عن مسؤولين أمريكيين أن الهجوم وقع فجراً.",
                "الهجوم"
            ),
            ["شبكة CNN", "مسؤولين أمريكيين"]
        );
        assert_eq!(
            chain(
                "CNN, citing a senior official, said the warning was specific.",
                "warning"
            ),
            ["CNN", "a senior official"]
        );
    }

    #[test]
    fn an_outlets_initials_run_on_but_not_into_what_is_said() {
        assert_eq!(
            found("ذكرت شبكة سي إن إن نقلاً عن مسؤولين أن الهجوم وقع."),
            [pair("ذكرت", "شبكة سي إن إن"), pair("نقلاً عن", "مسؤولين")]
        );
        assert_eq!(
            found("قالت قناة إن بي سي إن الصفقة أُلغيت."),
            [pair("قالت", "قناة إن بي سي")]
        );
        assert_eq!(
            found("قالت شبكة بي بي سي إن مراسلها أُفرج عنه."),
            [pair("قالت", "شبكة بي بي سي")]
        );
    }

    #[test]
    fn a_noun_starting_with_lam_keeps_it_after_the_preposition() {
        assert_eq!(
            found("طبقاً للجنة الانتخابات، بلغت المشاركة ستين في المئة."),
            [pair("طبقاً", "لجنة الانتخابات")]
        );
        assert_eq!(found("وفقاً للجيش، انتهت العملية."), [pair("وفقاً", "الجيش")]);
    }

    #[test]
    fn a_verb_after_a_conjunction_reports_what_follows_it_only() {
        let text = "زار مراسلنا المستشفى حيث يرقد عشرات الجرحى، وقال مدير المستشفى إن الوقود نفد.";
        assert!(chain(text, "عشرات الجرحى").is_empty());
        assert_eq!(chain(text, "الوقود"), ["مدير المستشفى"]);
        let english = "Rescuers found 12 bodies, and police said the search would go on.";
        assert!(chain(english, "12 bodies").is_empty());
        // Without a conjunction a verb after the passage reports it.
        assert_eq!(
            chain("\"The toll is 144,\" said John Kirby.", "144"),
            ["John Kirby"]
        );
    }

    #[test]
    fn a_passage_takes_its_own_sentences_reporter_only() {
        let text = "قالت الوزارة إن ١٤٤ شخصاً قتلوا. وتابعت فرق الإنقاذ البحث. ولا كهرباء.";
        let at = text.find("١٤٤").expect("in");
        let found = of_passage(text, at..at + "١٤٤".len());
        assert_eq!(found.len(), 1);
        assert_eq!(text.get(found[0].target_at.clone()), Some("الوزارة"));
        // The reporter's own sentences after it are not the ministry's.
        assert!(chain(text, "كهرباء").is_empty());
        let wire = "وأكدت مصادر طبية أن المستشفيات تعاني. ولم يصدر تعليق فوري من الجيش.";
        assert!(chain(wire, "تعليق فوري").is_empty());
        assert_eq!(
            chain("وروى أحد الجرحى كيف انهار المبنى.", "انهار"),
            ["أحد الجرحى"]
        );
    }
}
