//! brat standoff, as brat's own server reads it (`server/src/annotation.py`,
//! `projectconfig.py` of nlplab/brat): per document `NAME.txt` (its text) and `NAME.ann`,
//! and for the folder an `annotation.conf`, a `visual.conf` and a `tools.conf` configuring
//! every type used.
//!
//! - A mention is a `T` line of its entity's type; a span that crosses a line break is
//!   written as fragments split at the break (`T4\tPER 47 60;61 69\tname1 name2`), each
//!   slicing the text exactly, their texts joined by a space as brat does.
//! - Mentions of one entity share an `N` line target: `N7\tReference T14 isnad:entity-3\tبوتين`
//!   (the `isnad` resource is declared in `tools.conf`'s `[normalization]`).
//! - A piece of evidence is a `T` line of type `Evidence` with two attributes, its stance
//!   (`A6\tStance T7 supports`) and its claim (`A7\tClaim T7 claim-1`), and an
//!   `AnnotatorNotes` line with the claim's text, status and verdict and the evidence's
//!   note. brat shows attributes and notes on the span. Within a document, the evidence
//!   spans of one claim are tied by `Same_claim` relations, each to the one before
//!   (`R9\tSame_claim Arg1:T7 Arg2:T19`, in the order they were linked); brat's relations stay
//!   within a document, so the claim attribute is what ties evidence across documents.
//! - Identifiers come from the store's ids, not positions: mention `n` is `T{2n}` (its
//!   `N{n}`, its entity's note `#{2n}`), evidence `n` is `T{2n+1}` (`A{2n}` stance,
//!   `A{2n+1}` claim, `R{n}` its tie to the claim's previous span, `#{2n+1}` note). Adding an annotation renumbers no other; brat accepts
//!   any number after the letter.
//! - Type names brat can store are `[A-Za-z0-9_-]`: a name with a space gets `_`; a name
//!   with any other character becomes `AR_` (Arabic script in it) or `U_` followed by its
//!   code points in hex (`شخص` → `AR_0634_062E_0635`), its own name the label in
//!   `visual.conf`.
//!
//! File names are made safe whatever the document ids hold (no folders, no `..`), and kept
//! apart by a hash of the id.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Bundle, Place};

/// The type of evidence passages.
pub const EVIDENCE: &str = "Evidence";

/// The relation between two evidence spans of one claim in one document.
pub const SAME_CLAIM: &str = "Same_claim";

/// A file name for document `id`: its letters, digits, `.`, `-` and `_`, then a short
/// hash of the whole id (so `a/b` and `a_b` stay apart).
pub fn safe_name(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let hash = blake3::hash(id.as_bytes()).to_hex();
    let short: String = cleaned.chars().take(80).collect();
    format!("{short}-{}", hash.as_str().get(..8).unwrap_or_default())
}

/// The characters brat's server takes for line ends: it reads `.ann` files with Python's
/// `readlines`, which splits at each of these, and shows the text a line per `\n`.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// One line of text for a `.ann` field after the span text: no tab, no line break.
fn field(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\t' || is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The name brat stores for entity type `kind` (see the module's notes).
pub fn type_name(kind: &str) -> String {
    let spaced = kind.trim().replace(' ', "_");
    let storable = spaced
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    // A line of hyphens is a separator in brat's configuration, not a type.
    if storable && spaced.chars().any(|c| c != '-') {
        return if spaced == EVIDENCE {
            format!("{EVIDENCE}_entity")
        } else {
            spaced
        };
    }
    if spaced.is_empty() {
        return "Entity".to_owned();
    }
    let arabic = kind
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c));
    let hex: Vec<String> = kind
        .trim()
        .chars()
        .map(|c| format!("{:04X}", u32::from(c)))
        .collect();
    format!("{}_{}", if arabic { "AR" } else { "U" }, hex.join("_"))
}

/// A label for `visual.conf`: one line, without what its parser reads as syntax (`|`
/// separates labels, `<…>` is a macro, a tab starts arguments).
fn label(text: &str) -> String {
    let cleaned: String = field(text)
        .chars()
        .map(|c| if matches!(c, '|' | '<' | '>') { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fragments of code points `start..end` of `text`, split at line breaks (which no
/// fragment holds), with their text joined by a space as brat joins them.
pub fn fragments(text: &[char], start: usize, end: usize) -> (Vec<(usize, usize)>, String) {
    let end = end.min(text.len());
    let mut spans = Vec::new();
    let mut from = None;
    for (at, &c) in text.iter().enumerate().take(end).skip(start) {
        if is_line_break(c) {
            if let Some(from) = from.take() {
                spans.push((from, at));
            }
        } else if from.is_none() {
            from = Some(at);
        }
    }
    if let Some(from) = from {
        spans.push((from, end));
    }
    let quote = spans
        .iter()
        .map(|&(a, b)| text[a..b].iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    (spans, quote)
}

/// The `T` line of `id` with `kind` over `place`, if it is placed in a document of `texts`.
fn textbound(id: u128, kind: &str, place: &Place, text: &[char]) -> Option<String> {
    let (Some(start), Some(end)) = (place.start, place.end) else {
        return None;
    };
    let (spans, quote) = fragments(text, start, end);
    if spans.is_empty() {
        return None;
    }
    let offsets: Vec<String> = spans.iter().map(|(a, b)| format!("{a} {b}")).collect();
    Some(format!("T{id}\t{kind} {}\t{quote}\n", offsets.join(";")))
}

/// `(file name, contents)` of every file, given each document's text.
pub fn render(bundle: &Bundle, texts: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let chars: BTreeMap<&str, Vec<char>> = texts
        .iter()
        .map(|(doc, text)| (doc.as_str(), text.chars().collect()))
        .collect();
    let mut ann: BTreeMap<&str, String> = BTreeMap::new();
    // Storage name → label, for the types used.
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    let mut claims_used: BTreeSet<u128> = BTreeSet::new();
    // Store ids (every bundle collected from a store has them; one read back from a file
    // made before ids were has none, and brat numbers its lines from 0 then).
    let id = |n: Option<i64>| n.and_then(|n| u128::try_from(n).ok()).unwrap_or_default();
    for entity in &bundle.entities {
        let kind = type_name(&entity.kind);
        for mention in &entity.mentions {
            let Some(text) = chars.get(mention.doc.as_str()) else {
                continue;
            };
            let t = 2 * id(mention.id);
            let Some(line) = textbound(t, &kind, mention, text) else {
                continue;
            };
            types
                .entry(kind.clone())
                .or_insert_with(|| label(&entity.kind));
            let out = ann.entry(mention.doc.as_str()).or_default();
            out.push_str(&line);
            let _ = writeln!(
                out,
                "N{}\tReference T{t} isnad:entity-{}\t{}",
                id(mention.id),
                id(entity.id),
                field(&entity.name)
            );
            if !entity.note.is_empty() {
                let _ = writeln!(out, "#{t}\tAnnotatorNotes T{t}\t{}", field(&entity.note));
            }
        }
    }
    for claim in &bundle.claims {
        // The claim's last evidence span so far in each document: the next is tied to it.
        let mut last: BTreeMap<&str, u128> = BTreeMap::new();
        for piece in &claim.evidence {
            let Some(text) = chars.get(piece.place.doc.as_str()) else {
                continue;
            };
            let t = 2 * id(piece.place.id) + 1;
            let Some(line) = textbound(t, EVIDENCE, &piece.place, text) else {
                continue;
            };
            claims_used.insert(id(claim.id));
            let out = ann.entry(piece.place.doc.as_str()).or_default();
            out.push_str(&line);
            let a = 2 * id(piece.place.id);
            if let Some(previous) = last.insert(piece.place.doc.as_str(), t) {
                let _ = writeln!(
                    out,
                    "R{}\t{SAME_CLAIM} Arg1:T{previous} Arg2:T{t}",
                    id(piece.place.id)
                );
            }
            let _ = writeln!(out, "A{a}\tStance T{t} {}", piece.stance);
            let _ = writeln!(out, "A{}\tClaim T{t} claim-{}", a + 1, id(claim.id));
            let mut note = format!("claim {}: {} [{}]", id(claim.id), claim.text, claim.status);
            if !claim.verdict.is_empty() {
                let _ = write!(note, " verdict: {}", claim.verdict);
            }
            if !piece.note.is_empty() {
                let _ = write!(note, " · {}", piece.note);
            }
            let _ = writeln!(out, "#{t}\tAnnotatorNotes T{t}\t{}", field(&note));
        }
    }
    let mut files = Vec::new();
    for (doc, text) in texts {
        let name = safe_name(doc);
        files.push((format!("{name}.txt"), text.clone()));
        files.push((
            format!("{name}.ann"),
            ann.remove(doc.as_str()).unwrap_or_default(),
        ));
    }
    files.push((
        "annotation.conf".to_owned(),
        annotation_conf(&types, &claims_used),
    ));
    files.push(("visual.conf".to_owned(), visual_conf(&types, &claims_used)));
    files.push(("tools.conf".to_owned(), TOOLS_CONF.to_owned()));
    files
}

/// `[normalization]` declares the `isnad` resource the `N` lines refer to (brat requires
/// its `<URL>`).
const TOOLS_CONF: &str = "# Written by `isnad export --format brat`.\n\
[options]\n\
Sentences\tsplitter:newline\n\
\n\
[normalization]\n\
# N lines `Reference Tn isnad:entity-ID`: the mentions of one isnad entity. brat requires\n\
# a <URL>; the entities have no web page, so it is about:blank.\n\
isnad\t<URL>:about:blank\n";

fn annotation_conf(types: &BTreeMap<String, String>, claims: &BTreeSet<u128>) -> String {
    let mut out = String::from("# Written by `isnad export --format brat`.\n[entities]\n");
    for kind in types.keys() {
        let _ = writeln!(out, "{kind}");
    }
    let _ = writeln!(out, "{EVIDENCE}");
    // Evidence holds mentions, and mentions of two entities may nest: every overlap is
    // allowed, as the store allows it.
    out.push_str("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    let _ = writeln!(out, "{SAME_CLAIM}\tArg1:{EVIDENCE}, Arg2:{EVIDENCE}");
    out.push_str("\n[events]\n\n[attributes]\n");
    let stances: Vec<&str> = crate::store::Stance::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let _ = writeln!(out, "Stance\tArg:{EVIDENCE}, Value:{}", stances.join("|"));
    if !claims.is_empty() {
        let values: Vec<String> = claims.iter().map(|c| format!("claim-{c}")).collect();
        let _ = writeln!(out, "Claim\tArg:{EVIDENCE}, Value:{}", values.join("|"));
    }
    out
}

/// Labels for every type; a glyph per attribute value (brat matches `glyph:a|b` to
/// `Value:a|b` by position), so the stance and the claim show on the span.
fn visual_conf(types: &BTreeMap<String, String>, claims: &BTreeSet<u128>) -> String {
    let mut out = String::from("# Written by `isnad export --format brat`.\n[labels]\n");
    for (kind, name) in types {
        if name.is_empty() || name == kind {
            let _ = writeln!(out, "{kind} | {kind}");
        } else {
            let _ = writeln!(out, "{kind} | {name}");
        }
    }
    let _ = writeln!(out, "{EVIDENCE} | {EVIDENCE} | Ev");
    let _ = writeln!(out, "{SAME_CLAIM} | Same claim | =");
    out.push_str(
        "\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n\
         ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n\
         ATTRIBUTE_DEFAULT\tglyph:*\n\
         Evidence\tbgColor:#ffe08a, borderColor:darken\n",
    );
    let stances: Vec<String> = crate::store::Stance::ALL
        .iter()
        .map(|s| format!("[{}]", s.as_str()))
        .collect();
    let _ = writeln!(out, "Stance\tglyph:{}", stances.join("|"));
    if !claims.is_empty() {
        let glyphs: Vec<String> = claims.iter().map(|c| format!("[claim-{c}]")).collect();
        let _ = writeln!(out, "Claim\tglyph:{}", glyphs.join("|"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        let a = safe_name("../../etc/passwd");
        assert!(!a.contains('/') && !a.contains(".."), "{a}");
        assert_ne!(safe_name("a/b.txt"), safe_name("a_b.txt"));
        assert!(safe_name("تقارير/خبر.txt").starts_with("تقارير_خبر_txt-"));
    }

    #[test]
    fn type_names_are_storable_and_deterministic() {
        assert_eq!(type_name("PER"), "PER");
        assert_eq!(type_name("Armed group"), "Armed_group");
        assert_eq!(type_name("شخص"), "AR_0634_062E_0635");
        assert_eq!(type_name("Lieu é"), "U_004C_0069_0065_0075_0020_00E9");
        assert_eq!(type_name("---"), "U_002D_002D_002D");
        assert_eq!(type_name("Evidence"), "Evidence_entity");
        assert_eq!(type_name(""), "Entity");
        for kind in ["شخص", "a|b", "<ANY>", "!x", "#c"] {
            let name = type_name(kind);
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
                "{name}"
            );
        }
    }

    #[test]
    fn spans_across_line_breaks_become_fragments() {
        let text: Vec<char> = "ab\ncd\r\n\nef".chars().collect();
        let (spans, quote) = fragments(&text, 1, 10);
        assert_eq!(spans, [(1, 2), (3, 5), (8, 10)]);
        assert_eq!(quote, "b cd ef");
        assert_eq!(fragments(&text, 2, 3).0, []);
        // Past the end (a text shorter than the store thinks): cut, no panic.
        assert_eq!(fragments(&text, 9, 99).0, [(9, 10)]);
        assert_eq!(fragments(&text, 20, 30).0, []);
    }

    #[test]
    fn labels_hold_no_configuration_syntax() {
        assert_eq!(label("a|b <ANY>\tc\nd"), "a b ANY c d");
    }

    /// Fragments of any range of hostile text: within the text, no line break inside, no
    /// panic.
    #[test]
    fn fragments_of_any_range_hold_no_line_break() {
        let text: Vec<char> = "a\u{2028}b\u{85}\r\n\u{1c}c\u{301}\u{200f}d\n"
            .chars()
            .collect();
        for start in 0..=text.len() + 1 {
            for end in 0..=text.len() + 2 {
                let (spans, quote) = fragments(&text, start, end);
                for &(a, b) in &spans {
                    assert!(a < b && b <= text.len());
                    assert!(!text[a..b].iter().any(|&c| is_line_break(c)));
                }
                assert!(!quote.contains(is_line_break));
            }
        }
    }
}
