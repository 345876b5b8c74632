//! brat standoff: per document `NAME.txt` (its text) and `NAME.ann` with a `T` line per
//! mention (type, code-point offsets, text) and per piece of evidence (`Evidence-supports`,
//! … with the claim in an `AnnotatorNotes` line). File names are made safe whatever the
//! document ids hold (no folders, no `..`), and kept apart by a hash of the id.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Bundle, Place};

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

/// One line of text for a `.ann` field (brat fields cannot hold tabs or newlines).
fn field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// `(file name, contents)` of every file, given each document's text.
pub fn render(bundle: &Bundle, texts: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut ann: BTreeMap<String, String> = BTreeMap::new();
    let mut next: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut add = |place: &Place, kind: &str, note: Option<String>| {
        let (Some(start), Some(end)) = (place.start, place.end) else {
            return;
        };
        if !texts.contains_key(&place.doc) {
            return;
        }
        let counters = next.entry(place.doc.clone()).or_insert((0, 0));
        counters.0 += 1;
        let t = counters.0;
        let out = ann.entry(place.doc.clone()).or_default();
        let _ = writeln!(out, "T{t}\t{kind} {start} {end}\t{}", field(&place.quote));
        if let Some(note) = note {
            counters.1 += 1;
            let _ = writeln!(
                out,
                "#{}\tAnnotatorNotes T{t}\t{}",
                counters.1,
                field(&note)
            );
        }
    };
    for entity in &bundle.entities {
        let kind = field(&entity.kind).replace(' ', "_");
        for mention in &entity.mentions {
            add(
                mention,
                &kind,
                (!entity.note.is_empty()).then(|| entity.note.clone()),
            );
        }
    }
    for claim in &bundle.claims {
        for piece in &claim.evidence {
            let mut note = format!("claim: {} [{}]", claim.text, claim.status);
            if !piece.note.is_empty() {
                note.push_str(" · ");
                note.push_str(&piece.note);
            }
            add(
                &piece.place,
                &format!("Evidence-{}", piece.stance),
                Some(note),
            );
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
    files
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
}
