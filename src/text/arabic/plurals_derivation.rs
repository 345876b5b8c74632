//! The derivation of `assets/arabic/plurals.txt` from hunspell-ar (docs/arabic-search.md,
//! "Broken plurals"), and the tests of the plural rule.
//!
//! A pair is kept when the plural is a word `ar.dic` lists with the flags of a plural (a noun
//! that takes the article and pronouns but no dual, no feminine `ة` and no sound plural), the
//! singular one it lists with the flags of a singular (a noun with a dual), the plural has the
//! shape of one of [`PATTERNS`] and the singular the shape the pattern gives it, and the
//! plural's declension is the pattern's (the diptote patterns `مفاعل`, `فواعل`, `فعلاء`… take
//! no tanween: `ar.aff`'s `JA` flag). Ambiguous plurals, plurals that are also other words,
//! and the pairs of `plural-review.txt` are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::*;

/// A broken-plural pattern: its name, the plural's template, the singular's templates in
/// tiers (the first tier with a listed word wins), and whether its plurals are diptotes.
/// In a template `1` `2` `3` `4` are the root's letters, in order, and the rest is written
/// as it is (normalised: `ة` is `ه`, hamza seats `ء`, `أ` `ا`).
pub(super) struct Pattern {
    pub name: &'static str,
    pub plural: &'static str,
    pub singular: &'static [&'static [&'static str]],
    pub diptote: bool,
    /// Its singulars are adjectives (participles), which `ar.dic` lists with a feminine.
    pub adjective: bool,
}

/// The patterns, tried in this order (the first whose singular is listed decides). `فِعال`
/// (رجال ← رجل) and `فُعّال` (تجار ← تاجر) read no singular: their shape is as often a
/// singular's (masdars, nouns: كتاب, حساب, نشاز), and samples of their pairs were 4 and 2 in
/// 10 right; their common plurals are given by hand in `plural-review.txt`.
pub(super) const PATTERNS: &[Pattern] = &[
    Pattern {
        name: "مفاعيل",
        plural: "م1ا2ي3",
        singular: &[&["م12و3", "م12ا3", "م12ي3"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "مفاعل",
        plural: "م1ا23",
        singular: &[&["م123", "م123ه"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "تفاعيل",
        plural: "ت1ا2ي3",
        singular: &[&["ت12ي3", "ت12ا3"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "أفاعيل",
        plural: "ا1ا2ي3",
        singular: &[&["ا12و3"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "أفاعل",
        plural: "ا1ا23",
        singular: &[&["ا123"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "أفعلاء",
        plural: "ا123اء",
        singular: &[&["12ي3"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "أفعلة",
        plural: "ا123ه",
        singular: &[&["12ا3", "12ي3", "12و3"]],
        diptote: false,
        adjective: false,
    },
    Pattern {
        name: "أفعال",
        plural: "ا12ا3",
        singular: &[&["123"]],
        diptote: false,
        adjective: false,
    },
    Pattern {
        name: "فواعيل",
        plural: "1وا3ي4",
        singular: &[&["1ا3و4", "1ا3ي4"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "فواعل",
        plural: "1وا23",
        singular: &[&["1ا23", "1ا23ه"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "فعائل",
        plural: "12اء3",
        singular: &[&["12ي3ه"], &["12ا3ه", "12و3ه", "12ي3"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "فعاليل",
        plural: "12ا3ي4",
        singular: &[&["123و4", "123ي4", "123ا4"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "فعالى",
        plural: "12ايا",
        singular: &[&["12يه"], &["1ا2يه"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "فعلاء",
        plural: "123اء",
        singular: &[&["12ي3"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "فعالل",
        plural: "12ا34",
        singular: &[&["1234", "1234ه"]],
        diptote: true,
        adjective: false,
    },
    Pattern {
        name: "فعول",
        plural: "12و3",
        singular: &[&["123"]],
        diptote: false,
        adjective: false,
    },
    Pattern {
        name: "فعاة",
        plural: "12اه",
        singular: &[&["1ا2ي"]],
        diptote: false,
        adjective: false,
    },
    Pattern {
        name: "فالة",
        plural: "1ا3ه",
        singular: &[&["1اء3"]],
        diptote: false,
        adjective: false,
    },
    Pattern {
        name: "فعال",
        plural: "12ا3",
        singular: &[],
        diptote: false,
        adjective: false,
    },
    Pattern {
        name: "فعّال",
        plural: "12ا3",
        singular: &[],
        diptote: false,
        adjective: false,
    },
    Pattern {
        name: "فعلى",
        plural: "123ي",
        singular: &[&["12ي3"]],
        diptote: true,
        adjective: true,
    },
];

/// The root letters of `word` read by `template`, or `None` when it does not fit.
fn read_template(template: &str, word: &str) -> Option<[char; 4]> {
    let mut root = ['\0'; 4];
    let (mut t, mut w) = (template.chars(), word.chars());
    loop {
        match (t.next(), w.next()) {
            (None, None) => return Some(root),
            (Some(slot @ '1'..='4'), Some(letter)) => {
                let at = slot as usize - '1' as usize;
                if root[at] != '\0' && root[at] != letter {
                    return None;
                }
                root[at] = letter;
            }
            (Some(fixed), Some(letter)) if fixed == letter => {}
            _ => return None,
        }
    }
}

/// `template` written with the root letters `root`.
fn fill_template(template: &str, root: [char; 4]) -> String {
    template
        .chars()
        .map(|c| match c {
            '1'..='4' => root[c as usize - '1' as usize],
            c => c,
        })
        .collect()
}

/// Where a singular may write on alef a hamza its plural writes otherwise.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seat {
    /// Its last letter (`خطأ`, `مبدأ`, `مرفأ`: after a fatha).
    Last,
    /// Its second (`رأس`, `شأن`, `كأس`).
    Second,
}

/// `word` with its hamza at `seat` written on alef (normalised, `أ` is `ا`).
fn seated_hamza(word: &str, seat: Seat) -> Option<String> {
    let letters: Vec<char> = word.chars().collect();
    let at = match seat {
        Seat::Last => letters.len().checked_sub(1)?,
        Seat::Second => 1,
    };
    (letters.get(at) == Some(&'ء')).then(|| {
        letters
            .iter()
            .enumerate()
            .map(|(i, &c)| if i == at { 'ا' } else { c })
            .collect()
    })
}

/// What `ar.dic` says of a normalised word, from the flags of its entries.
#[derive(Default)]
struct Readings {
    /// Its spellings listed with a plural's flags.
    plurals: BTreeSet<String>,
    /// Listed as a plural without tanween (a diptote), and with it.
    diptote: bool,
    triptote: bool,
    /// Listed otherwise too: a noun with a dual, a participle, a name, a verb, a particle.
    other: bool,
    /// As a singular: its spellings with a rank (0 a noun whose plural is broken, 1 a noun
    /// that also takes `ات`, 2 a participle or adjective).
    singular: BTreeMap<String, u8>,
}

/// The affix flags of `ar.aff`'s aliases (`AF` lines, named by number from 1 in `ar.dic`).
fn aliases(aff: &str) -> Vec<Vec<[u8; 2]>> {
    aff.lines()
        .filter_map(|line| line.strip_prefix("AF "))
        .skip(1)
        .map(|flags| {
            let flags = flags.split_whitespace().next().unwrap_or("");
            flags
                .as_bytes()
                .chunks(2)
                .filter_map(|flag| flag.try_into().ok())
                .collect()
        })
        .collect()
}

/// Every normalised word of `ar.dic` with what its entries' flags say. In `ar.aff`, a noun's
/// flags are two letters: `AA`–`AD` the article and pronouns, `B*` the feminine `ة`, `C*`–`G*`
/// the dual, `H*` the plural `ات`, `I*` the plural `ون`, `J*`/`K*` tanween (which a diptote
/// never takes). A noun with the first and none of `B`–`I` is a plural (or a mass noun); one
/// with a dual is a singular; a word with `B*` also gives a singular in `ة` (`قاعد` → `قاعدة`).
fn readings(dic: &str, aff: &str) -> BTreeMap<String, Readings> {
    let aliases = aliases(aff);
    let mut words: BTreeMap<String, Readings> = BTreeMap::new();
    let mut section = "";
    for line in dic.lines() {
        let line = line.trim();
        if std::path::Path::new(line)
            .extension()
            .is_some_and(|extension| extension == "dic")
        {
            section = line;
            continue;
        }
        let mut fields = line.split(['/', '\t', ' ']);
        let Some(word) = fields.next() else { continue };
        if word.is_empty() || !word.chars().all(|c| is_arabic_letter(c) || is_deleted(c)) {
            continue;
        }
        let normal = normalize(word);
        let flags: &[[u8; 2]] = if line.contains('/') {
            fields
                .next()
                .and_then(|alias| alias.parse::<usize>().ok())
                .and_then(|alias| aliases.get(alias.wrapping_sub(1)))
                .map_or(&[], Vec::as_slice)
        } else {
            &[]
        };
        let has = |groups: &[u8]| flags.iter().any(|flag| groups.contains(&flag[0]));
        let entry = words.entry(normal).or_default();
        if section != "names.dic" {
            entry.other = true;
            continue;
        }
        if flags.contains(b"AA") && !has(b"BCDEFGHI") {
            if flags.iter().any(|flag| matches!(flag, b"JA" | b"KA")) {
                entry.triptote = true;
            } else {
                entry.diptote = true;
            }
            entry.plurals.insert(word.to_owned());
            continue;
        }
        entry.other = true;
        if has(b"CDEFGB") {
            let rank = if !has(b"BHI") {
                0
            } else if !has(b"BI") {
                1
            } else {
                2
            };
            let slot = entry.singular.entry(word.to_owned()).or_insert(rank);
            *slot = (*slot).min(rank);
        }
        if has(b"B") && !word.ends_with('ة') {
            let feminine = format!("{word}ة");
            let entry = words.entry(normalize(&feminine)).or_default();
            entry.singular.entry(feminine).or_insert(2);
        }
    }
    words
}

/// The hand review of `plural-review.txt`, normalised.
#[derive(Default)]
struct Review {
    /// Plurals kept though `ar.dic` lists them otherwise too.
    keep: BTreeSet<String>,
    /// Pairs left out.
    drop: BTreeSet<(String, String)>,
    /// Pairs given by hand: plural → (singular, pattern).
    pairs: BTreeMap<String, (String, &'static str)>,
}

fn review(text: &str) -> Review {
    let mut review = Review::default();
    for line in word_lines(text) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            ["+", plural] => {
                review.keep.insert(normalize(plural));
            }
            ["-", plural, singular] => {
                review.drop.insert((normalize(plural), normalize(singular)));
            }
            ["=", plural, singular, pattern] => {
                let pattern = PATTERNS
                    .iter()
                    .find(|p| p.name == *pattern)
                    .unwrap_or_else(|| panic!("plural-review.txt: no pattern {pattern}"))
                    .name;
                review
                    .pairs
                    .insert(normalize(plural), (normalize(singular), pattern));
            }
            _ => panic!("plural-review.txt: {line:?}"),
        }
    }
    review
}

/// One plural's reading by the patterns.
pub(super) struct Derived {
    pub pattern: &'static str,
    pub singular: String,
    /// Why the pair is left out, if it is.
    pub dropped: Option<&'static str>,
}

/// Every plural of `ar.dic` that a pattern reads, with its singular and whether it is kept.
/// `stemmer` (without plurals) tells when two singulars are one.
pub(super) fn derive(
    dic: &str,
    aff: &str,
    review_text: &str,
    stemmer: &Stemmer,
) -> BTreeMap<String, Derived> {
    let words = readings(dic, aff);
    let review = review(review_text);
    let mut derived = BTreeMap::new();
    // The review's lines that changed the list: each must (a line that changes nothing is a
    // typo, or stale).
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (plural, readings) in &words {
        let given = review.pairs.get(plural).map(|(singular, pattern)| {
            assert!(
                words.get(singular).is_some_and(|w| !w.singular.is_empty()),
                "plural-review.txt: {singular} is no singular of ar.dic"
            );
            Derived {
                pattern,
                singular: singular.clone(),
                dropped: None,
            }
        });
        let read = || {
            (!readings.plurals.is_empty())
                .then(|| read_plural(plural, readings, &words, stemmer))
                .flatten()
        };
        if let Some(mut found) = given.or_else(read) {
            let pair = (plural.clone(), found.singular.clone());
            if review.drop.contains(&pair) {
                used.insert(format!("- {} {}", pair.0, pair.1));
                found.dropped = Some("reviewed");
            }
            if found.dropped.is_none() {
                if readings.other && review.keep.contains(plural) {
                    used.insert(format!("+ {plural}"));
                }
                found.dropped = if stemmer.lookup(plural).is_some() {
                    // A protected word or an override decides first (أربعة is four).
                    Some("protected or overridden")
                } else if readings.other
                    && !review.keep.contains(plural)
                    && !review.pairs.contains_key(plural)
                {
                    Some("also another word")
                } else if stemmer.stem(plural) == stemmer.stem(&found.singular) {
                    Some("one stem already")
                } else {
                    None
                };
            }
            derived.insert(plural.clone(), found);
        }
    }
    // A singular that is itself a kept plural would be read again: leave the pair out.
    let keys: BTreeSet<String> = derived
        .iter()
        .filter(|(_, found)| found.dropped.is_none())
        .map(|(plural, _)| plural.clone())
        .collect();
    for found in derived.values_mut() {
        if found.dropped.is_none() && keys.contains(&found.singular) {
            found.dropped = Some("singular is a plural");
        }
    }
    let unused: Vec<String> = review
        .keep
        .iter()
        .map(|plural| format!("+ {plural}"))
        .chain(review.drop.iter().map(|(p, s)| format!("- {p} {s}")))
        .filter(|line| !used.contains(line))
        .collect();
    assert!(
        unused.is_empty(),
        "plural-review.txt changes nothing: {unused:?}"
    );
    for plural in review.pairs.keys() {
        assert!(
            derived.contains_key(plural),
            "plural-review.txt: {plural} unread"
        );
    }
    derived
}

/// The first pattern that reads `plural` onto a listed singular.
fn read_plural(
    plural: &str,
    readings: &Readings,
    words: &BTreeMap<String, Readings>,
    stemmer: &Stemmer,
) -> Option<Derived> {
    let spelled = |test: &dyn Fn(&str) -> bool| readings.plurals.iter().any(|p| test(p));
    for pattern in PATTERNS {
        let Some(root) = read_template(pattern.plural, plural) else {
            continue;
        };
        // Quadriliteral patterns begin with a root letter (أفاعل, أفاعيل are their own);
        // فعالى is not فعالل, and فعلى, فعالى are written with their final ى, ا.
        match pattern.name {
            "فعاليل" | "فعالل" if root[0] == 'ا' => continue,
            "فعالل" if matches!(root[3], 'ي' | 'ا') => continue,
            "فعلى" if !spelled(&|p| p.ends_with('ى')) => continue,
            "فعالى" if !spelled(&|p| p.ends_with('ا')) => continue,
            _ => {}
        }
        // Each tier as written and with a final hamza seated on alef (مبادئ: مبدأ, normalised
        // مبدا), then with a hamza after the first letter seated (رؤوس: رأس).
        let tiers = pattern
            .singular
            .iter()
            .map(|tier| (tier, Seat::Last))
            .chain(pattern.singular.iter().map(|tier| (tier, Seat::Second)));
        for (tier, seat) in tiers {
            // (rank, in ة, normalised singular).
            let mut found: Vec<(u8, bool, String)> = Vec::new();
            let written = tier.iter().map(|template| fill_template(template, root));
            let singulars: Vec<String> = match seat {
                Seat::Last => written
                    .flat_map(|word| {
                        let seated = seated_hamza(&word, seat);
                        std::iter::once(word).chain(seated)
                    })
                    .collect(),
                Seat::Second => written
                    .filter_map(|word| seated_hamza(&word, seat))
                    .collect(),
            };
            for singular in singulars {
                if singular == plural {
                    continue;
                }
                let Some(listed) = words.get(&singular) else {
                    continue;
                };
                for (spelling, &rank) in &listed.singular {
                    if !pattern.adjective || rank == 2 {
                        found.push((rank, spelling.ends_with('ة'), singular.clone()));
                    }
                }
            }
            found.sort();
            found.dedup();
            let Some((rank, in_ta, singular)) = found.first().cloned() else {
                continue;
            };
            let stem = stemmer.stem(&singular);
            let ambiguous = found
                .iter()
                .any(|(r, t, other)| (*r, *t) == (rank, in_ta) && stemmer.stem(other) != stem);
            // A plural in ي (مقاهي, manqus) takes the tanween of its ي whatever its pattern.
            let declined = plural.ends_with('ي')
                || if pattern.diptote {
                    readings.diptote
                } else {
                    readings.triptote
                };
            let dropped = if ambiguous {
                Some("ambiguous")
            } else if !declined {
                Some("declension")
            } else {
                None
            };
            return Some(Derived {
                pattern: pattern.name,
                singular,
                dropped,
            });
        }
    }
    None
}

/// The text of `plurals.txt`: the kept pairs, one `plural singular pattern stem` a line (the
/// singular's stem by `stemmer`, which has no plurals, so the stemmer need not stem it again),
/// sorted by bytes, under a header.
pub(super) fn plurals_text(derived: &BTreeMap<String, Derived>, stemmer: &Stemmer) -> String {
    let kept: Vec<(&String, &Derived)> = derived
        .iter()
        .filter(|(_, found)| found.dropped.is_none())
        .collect();
    let mut text = format!(
        "# Broken plurals and their singulars for isnad's stemmer (docs/arabic-search.md, \
         \"Broken plurals\"), derived from\n# Ayaspell 3.2 (Debian's hunspell-ar 3.2-1.2, \
         /usr/share/hunspell/ar.dic and ar.aff), (c) 2006-2008 Mohamed Kebdani,\n\
         # tri-licensed GPL-2.0 / LGPL-2.1 / MPL-1.1 and used here under the MPL-1.1 \
         (https://www.mozilla.org/MPL/1.1/).\n\
         # Derived by assets/arabic/derive-lexicon.sh with plural-review.txt; do not edit by \
         hand.\n# `plural singular pattern stem` (the singular's stem), normalised by \
         text::arabic::normalize, sorted by bytes: {} pairs.\n",
        kept.len()
    );
    for (plural, found) in kept {
        let stem = stemmer.stem(&found.singular);
        let (singular, pattern) = (&found.singular, found.pattern);
        let _ = writeln!(text, "{plural} {singular} {pattern} {stem}");
    }
    text
}

/// The plural rule's review list, shipped beside the pairs.
pub(super) const PLURAL_REVIEW: &str = include_str!("../../../assets/arabic/plural-review.txt");

/// The shipped stemmer without its plurals: what the derivation stems singulars with.
pub(super) fn without_plurals() -> Stemmer {
    let mut stemmer = Stemmer::with_defaults();
    let lexicon = &stemmer.lexicon;
    stemmer.lexicon = Arc::new(Lexicon {
        body: lexicon.body,
        table: lexicon.table,
        kept_ta: lexicon.kept_ta.clone(),
        plurals: "",
        plural_table: &[],
        plural_sketch: &[],
    });
    stemmer
}

fn stem(word: &str) -> String {
    Stemmer::with_defaults().stem(&normalize(word))
}

/// Every listed plural passes the sketch and is found in the table; its singular's stem is
/// the one a query for the singular gets, and no plural of the list.
#[test]
fn every_listed_plural_is_found_and_reads_as_its_singular() {
    let stemmer = Stemmer::with_defaults();
    let plain = without_plurals();
    let pairs: Vec<(&str, &str)> = listed(PLURAL_PAIRS)
        .filter_map(|line| {
            let mut fields = line.split(' ');
            Some((fields.next()?, fields.next()?))
        })
        .collect();
    assert!(pairs.len() > 3000, "{} pairs", pairs.len());
    for (plural, singular) in pairs {
        assert_eq!(
            stemmer.lexicon.singular(plural, "").map(|(word, _)| word),
            Some(singular),
            "{plural}"
        );
        assert_eq!(stemmer.stem(singular), plain.stem(singular), "{singular}");
        assert_eq!(stemmer.stem(plural), stemmer.stem(singular), "{plural}");
        assert_ne!(plain.stem(plural), plain.stem(singular), "{plural}");
    }
}

/// A seeded sample of the shipped pairs, ten of each pattern, for judging by hand
/// (docs/arabic-search.md, "Broken plurals": the precision measured on it).
///
/// `cargo test --lib text::arabic::plurals_derivation::sample_of_pairs -- --ignored --nocapture`
#[test]
#[ignore = "prints a sample to judge"]
fn sample_of_pairs() {
    let mut by_pattern: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in listed(PLURAL_PAIRS) {
        let pattern = line.split(' ').nth(2).unwrap_or("");
        by_pattern.entry(pattern).or_default().push(line);
    }
    for (pattern, lines) in by_pattern {
        let mut lines = lines;
        fastrand::Rng::with_seed(19).shuffle(&mut lines);
        println!("{pattern} ({} pairs):", lines.len());
        for line in lines.iter().take(10) {
            println!("  {line}");
        }
    }
}

/// What the derivation made of each word of a list of common news plurals (the recall list
/// of docs/arabic-search.md).
#[test]
#[ignore = "prints the recall list"]
fn recall_of_news_plurals() {
    let path = std::env::var("ISNAD_HUNSPELL_AR")
        .unwrap_or_else(|_| "/usr/share/hunspell/ar.dic".to_owned());
    let dic = std::fs::read_to_string(&path).expect("ar.dic");
    let aff = std::fs::read_to_string(path.replace(".dic", ".aff")).expect("ar.aff");
    let derived = derive(&dic, &aff, PLURAL_REVIEW, &without_plurals());
    let mut found = 0;
    for (plural, singular) in NEWS_PLURALS {
        let hit = stem(plural) == stem(singular);
        found += usize::from(hit);
        let why = derived
            .get(&normalize(plural))
            .map_or("no pattern or not a listed plural".to_owned(), |d| {
                format!("{} {} {:?}", d.pattern, d.singular, d.dropped)
            });
        println!(
            "{} {plural} {singular}: {why}",
            if hit { "found" } else { "MISS " }
        );
    }
    println!("{found} of {}", NEWS_PLURALS.len());
}

/// Common plurals of news text and their singulars, chosen by hand (not from the list).
const NEWS_PLURALS: &[(&str, &str)] = &[
    ("وزراء", "وزير"),
    ("مشاريع", "مشروع"),
    ("مدارس", "مدرسة"),
    ("قواعد", "قاعدة"),
    ("أسلحة", "سلاح"),
    ("أطفال", "طفل"),
    ("دول", "دولة"),
    ("رجال", "رجل"),
    ("قادة", "قائد"),
    ("مصانع", "مصنع"),
    ("عقود", "عقد"),
    ("شوارع", "شارع"),
    ("مساجد", "مسجد"),
    ("مناطق", "منطقة"),
    ("مراكز", "مركز"),
    ("مواقع", "موقع"),
    ("حقائق", "حقيقة"),
    ("رسائل", "رسالة"),
    ("وسائل", "وسيلة"),
    ("قضايا", "قضية"),
    ("ضحايا", "ضحية"),
    ("أسعار", "سعر"),
    ("أخبار", "خبر"),
    ("أحزاب", "حزب"),
    ("أسواق", "سوق"),
    ("أشخاص", "شخص"),
    ("علماء", "عالم"),
    ("خبراء", "خبير"),
    ("رؤساء", "رئيس"),
    ("زعماء", "زعيم"),
    ("شركاء", "شريك"),
    ("قتلى", "قتيل"),
    ("جرحى", "جريح"),
    ("أسرى", "أسير"),
    ("مجالس", "مجلس"),
    ("محاكم", "محكمة"),
    ("مكاتب", "مكتب"),
    ("جيوش", "جيش"),
    ("شعوب", "شعب"),
    ("تقارير", "تقرير"),
    ("أسابيع", "أسبوع"),
    ("صواريخ", "صاروخ"),
    ("قوانين", "قانون"),
    ("عناوين", "عنوان"),
    ("قضاة", "قاضي"),
    ("أموال", "مال"),
    ("نساء", "امرأة"),
    ("حقوق", "حق"),
    ("بيوت", "بيت"),
    ("مباني", "مبنى"),
];

/// The shipped stemmer with the plurals of `text` (a `plurals.txt`) instead of its own: the
/// table is built as `build.rs` builds it.
pub(super) fn with_plurals(text: &str) -> Stemmer {
    let body: &'static str = Box::leak(lexicon_body(text).to_owned().into_boxed_str());
    let mut table = vec![0u8; PLURAL_SLOTS * 4];
    let mask = PLURAL_SLOTS - 1;
    let mut at = 0usize;
    for line in body.split_inclusive('\n') {
        let entry = u32::try_from(at + 1).expect("small");
        at += line.len();
        let Some(word) = line.split(' ').next().filter(|word| !word.is_empty()) else {
            continue;
        };
        #[allow(clippy::cast_possible_truncation)]
        let mut slot = (lexicon_hash(word.as_bytes(), b"") & mask as u64) as usize;
        while table[slot * 4..slot * 4 + 4] != [0; 4] {
            slot = (slot + 1) & mask;
        }
        table[slot * 4..slot * 4 + 4].copy_from_slice(&entry.to_le_bytes());
    }
    let mut sketch = vec![0u8; PLURAL_SKETCH_BITS / 8];
    for plural in body.lines().filter_map(|line| line.split(' ').next()) {
        if let Some(bit) = plural_sketch(plural.as_bytes(), b"") {
            sketch[bit / 8] |= 1 << (bit % 8);
        }
    }
    let mut stemmer = without_plurals();
    let lexicon = &stemmer.lexicon;
    stemmer.lexicon = Arc::new(Lexicon {
        body: lexicon.body,
        table: lexicon.table,
        kept_ta: lexicon.kept_ta.clone(),
        plurals: body,
        plural_table: Box::leak(table.into_boxed_slice()),
        plural_sketch: Box::leak(sketch.into_boxed_slice()),
    });
    stemmer
}

#[test]
#[ignore = "prints the lexicon words the plural rule changes"]
fn lexicon_words_the_plurals_change() {
    let plain = without_plurals();
    let stemmer = with_plurals(PLURAL_PAIRS);
    let keys: BTreeSet<&str> = listed(PLURAL_PAIRS)
        .filter_map(|line| line.split(' ').next())
        .collect();
    let mut changed = 0;
    for word in listed(LEXICON_WORDS) {
        if keys.contains(word) {
            continue;
        }
        let (old, new) = (plain.stem(word), stemmer.stem(word));
        if old != new {
            changed += 1;
            println!("{word}: {old} -> {new}");
        }
    }
    println!("{changed} changed");
}

/// Each pair stems as one, and each plural is listed under `pattern`.
fn assert_plurals(pattern: &str, pairs: &[(&str, &str)]) {
    for (plural, singular) in pairs {
        assert_eq!(stem(plural), stem(singular), "{plural} / {singular}");
        let line = listed(PLURAL_PAIRS)
            .find(|line| line.split(' ').next() == Some(normalize(plural).as_str()))
            .unwrap_or_else(|| panic!("{plural} is not listed"));
        assert_eq!(line.split(' ').nth(2), Some(pattern), "{line}");
    }
}

#[test]
fn mafa_il_plurals_of_nouns_of_place_and_instrument() {
    assert_plurals(
        "مفاعل",
        &[
            ("مصانع", "مصنع"),
            ("مساجد", "مسجد"),
            ("مناطق", "منطقة"),
            ("مراكز", "مركز"),
            ("مواقع", "موقع"),
            ("مطاعم", "مطعم"),
        ],
    );
    assert_plurals(
        "مفاعيل",
        &[
            ("مشاريع", "مشروع"),
            ("مفاتيح", "مفتاح"),
            ("مواضيع", "موضوع"),
            ("ملايين", "مليون"),
            ("مقاييس", "مقياس"),
        ],
    );
}

#[test]
fn tafa_il_and_afa_il_plurals() {
    assert_plurals(
        "تفاعيل",
        &[
            ("تقارير", "تقرير"),
            ("تفاصيل", "تفصيل"),
            ("تصاريح", "تصريح"),
            ("تقاليد", "تقليد"),
        ],
    );
    assert_plurals(
        "أفاعيل",
        &[
            ("أسابيع", "أسبوع"),
            ("أساليب", "أسلوب"),
            ("أساطيل", "أسطول"),
            ("أنابيب", "أنبوب"),
        ],
    );
    assert_plurals(
        "أفاعل",
        &[("أصابع", "إصبع"), ("أرانب", "أرنب"), ("أرامل", "أرمل")],
    );
}

#[test]
fn af_al_af_ila_and_af_ila_plurals() {
    assert_plurals(
        "أفعال",
        &[
            ("أطفال", "طفل"),
            ("أسعار", "سعر"),
            ("أحزاب", "حزب"),
            ("أسواق", "سوق"),
            ("أخبار", "خبر"),
        ],
    );
    assert_plurals(
        "أفعلة",
        &[
            ("أسلحة", "سلاح"),
            ("أجهزة", "جهاز"),
            ("أسئلة", "سؤال"),
            ("أنظمة", "نظام"),
            ("أزمنة", "زمان"),
        ],
    );
    assert_plurals("أفعلاء", &[("أصدقاء", "صديق"), ("أقرباء", "قريب")]);
}

#[test]
fn fawa_il_and_fawa_il_plurals() {
    assert_plurals(
        "فواعل",
        &[
            ("شوارع", "شارع"),
            ("قواعد", "قاعدة"),
            ("عواصم", "عاصمة"),
            ("حوادث", "حادث"),
            ("جوائز", "جائزة"),
        ],
    );
    assert_plurals(
        "فواعيل",
        &[
            ("صواريخ", "صاروخ"),
            ("قوانين", "قانون"),
            ("جواسيس", "جاسوس"),
            ("طوابير", "طابور"),
        ],
    );
}

#[test]
fn fa_a_il_and_fa_ala_plurals() {
    assert_plurals(
        "فعائل",
        &[
            ("حقائق", "حقيقة"),
            ("رسائل", "رسالة"),
            ("وسائل", "وسيلة"),
            ("جرائم", "جريمة"),
            ("وثائق", "وثيقة"),
        ],
    );
    assert_plurals(
        "فعالى",
        &[
            ("قضايا", "قضية"),
            ("ضحايا", "ضحية"),
            ("هدايا", "هدية"),
            ("زوايا", "زاوية"),
        ],
    );
}

#[test]
fn quadriliteral_plurals() {
    assert_plurals(
        "فعاليل",
        &[
            ("عناوين", "عنوان"),
            ("صناديق", "صندوق"),
            ("براكين", "بركان"),
            ("جماهير", "جمهور"),
        ],
    );
    assert_plurals(
        "فعالل",
        &[
            ("فنادق", "فندق"),
            ("تجارب", "تجربة"),
            ("عناصر", "عنصر"),
            ("دفاتر", "دفتر"),
        ],
    );
}

#[test]
fn fu_ala_plurals_of_people() {
    assert_plurals(
        "فعلاء",
        &[
            ("وزراء", "وزير"),
            ("خبراء", "خبير"),
            ("رؤساء", "رئيس"),
            ("زعماء", "زعيم"),
            ("شركاء", "شريك"),
            ("سفراء", "سفير"),
        ],
    );
    assert_plurals(
        "فعاة",
        &[("قضاة", "قاضي"), ("رعاة", "راعي"), ("غزاة", "غازي")],
    );
    assert_plurals(
        "فالة",
        &[("قادة", "قائد"), ("ساسة", "سائس"), ("باعة", "بائع")],
    );
    assert_plurals(
        "فعّال",
        &[("تجار", "تاجر"), ("حراس", "حارس"), ("ضباط", "ضابط")],
    );
    assert_plurals(
        "فعلى",
        &[("قتلى", "قتيل"), ("جرحى", "جريح"), ("غرقى", "غريق")],
    );
}

#[test]
fn fu_ul_and_fi_al_plurals_of_three_letter_nouns() {
    assert_plurals(
        "فعول",
        &[
            ("عقود", "عقد"),
            ("بيوت", "بيت"),
            ("جيوش", "جيش"),
            ("شعوب", "شعب"),
            ("بنوك", "بنك"),
        ],
    );
    assert_plurals(
        "فعال",
        &[
            ("رجال", "رجل"),
            ("جبال", "جبل"),
            ("بحار", "بحر"),
            ("رماح", "رمح"),
        ],
    );
}

/// The plural is read behind clitics and before suffixes, and in ة written ت.
#[test]
fn plurals_are_read_behind_clitics_and_before_suffixes() {
    for (form, singular) in [
        ("والمصانع", "مصنع"),
        ("مصانعها", "مصنع"),
        ("للمصانع", "مصنع"),
        ("بمصانع", "مصنع"),
        ("مصانعهم", "مصنع"),
        ("وأسلحتهم", "سلاح"),
        ("أسلحتها", "سلاح"),
        ("أسلحتنا", "سلاح"),
        ("قضاتها", "قاضي"),
        ("قادتهم", "قائد"),
        ("قضاياهم", "قضية"),
        ("أطفالنا", "طفل"),
        ("عقودا", "عقد"),
        ("وزراؤهم", "وزير"),
        ("والوزراء", "وزير"),
        ("وزراء", "وزير"),
        ("وسائل", "وسيلة"),
        ("آلاف", "ألف"),
    ] {
        assert_eq!(stem(form), stem(singular), "{form}");
    }
}

/// The singular keeps what sets it apart from another word: جامعة is not جامع, and جوامع is
/// جامع's (plural-review.txt gives it), not جامعة's.
#[test]
fn plurals_keep_the_precision_rules() {
    assert_eq!(stem("جوامع"), stem("جامع"));
    assert_ne!(stem("جوامع"), stem("جامعة"));
    assert_eq!(stem("مدارس"), stem("مدرسة"));
    assert_ne!(stem("مدارس"), stem("مدرس"));
    // A masdar of the plural's letters is no plural (دخول, قبول are listed as singulars).
    assert_ne!(stem("دخول"), stem("دخل"));
    assert_ne!(stem("قبول"), stem("قبل"));
    // كتاب is a book before it is a plural of كاتب; أيام is يوم's, not أيم's.
    assert_ne!(stem("كتاب"), stem("كاتب"));
    assert_ne!(stem("أيام"), stem("أيم"));
    // Wednesday is not spring, Hamas not حمس, the population not a knife.
    assert_ne!(stem("الأربعاء"), stem("ربيع"));
    assert_ne!(stem("حماس"), stem("حمس"));
    assert_ne!(stem("سكان"), stem("سكين"));
}

/// Broken plurals the list does not read, each for its reason.
#[test]
fn known_plural_misses_stay_misses() {
    // Hollow roots: the singular's middle letter is an alef (مال, باب), the plural's a و
    // or ي: no pattern letter matches.
    assert_ne!(stem("أموال"), stem("مال"));
    assert_ne!(stem("أبواب"), stem("باب"));
    // Doubled roots: the singular writes its doubled letter once (حق, فن).
    assert_ne!(stem("حقوق"), stem("حق"));
    // Suppletive and irregular plurals: نساء / امرأة, أيام / يوم.
    assert_ne!(stem("نساء"), stem("امرأة"));
    assert_ne!(stem("أيام"), stem("يوم"));
    // Normalised, أسرى is أسري ("familial"): a plural that is also another word is left.
    assert_ne!(stem("أسرى"), stem("أسير"));
    // علماء is read as عليم's (the first tier of فعلاء), not عالم's (world, scholar).
    assert_ne!(stem("علماء"), stem("عالم"));
    // A bare ب before a plural with a suffix, as before a singular (بسيارته).
    assert_ne!(stem("بمصانعها"), stem("مصنع"));
    // "His X" beside a kept ة: normalised, مصانعه ("his factories") is مصانعة (flattery),
    // a noun of the lexicon beside مصانع, and keeps its ة.
    assert_ne!(stem("مصانعه"), stem("مصنع"));
}

/// A listed plural that `strip_prefix` cuts is one `begins_like_a_prefix` lets through.
#[test]
fn every_plural_that_looks_prefixed_is_looked_up_whole() {
    for plural in listed(PLURAL_PAIRS).filter_map(|line| line.split(' ').next()) {
        let rest = strip_prefix(plural);
        assert!(
            rest == plural || begins_like_a_prefix(plural, rest),
            "{plural}"
        );
    }
}
