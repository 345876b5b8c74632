//! The W3C Web Annotation Data Model as JSON-LD: one `AnnotationCollection`; each mention
//! an annotation tagging its passage, each claim one annotation with a target per piece of
//! evidence. Targets carry a `TextQuoteSelector` and (unless orphaned) a
//! `TextPositionSelector` in code points, as the model defines them. Each document note is
//! an annotation on the whole document (its IRI as the target, no selector): a
//! `TextualBody` per tag with the purpose `tagging`, the note with `commenting`, and
//! "reviewed" with `assessing` (the vocabulary's "an assessment about the Target").

use serde_json::{Value, json};

use super::{Bundle, Place};

/// The Web Annotation context, and isnad's few terms.
fn context() -> Value {
    json!([
        "http://www.w3.org/ns/anno.jsonld",
        { "isnad": "urn:isnad:", "stance": "isnad:stance", "status": "isnad:status" }
    ])
}

/// The target of a passage.
fn target(place: &Place) -> Value {
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": place.quote,
        "prefix": place.prefix,
        "suffix": place.suffix,
    })];
    if let (Some(start), Some(end)) = (place.start, place.end) {
        selectors.push(json!({ "type": "TextPositionSelector", "start": start, "end": end }));
    }
    json!({ "source": document_iri(&place.doc), "selector": selectors })
}

/// The IRI of document `doc`: what selectors select in, and a document note's target.
fn document_iri(doc: &str) -> String {
    format!("isnad:doc/{doc}")
}

/// The annotation of a document note, `None` when nothing is noted.
fn doc_note(n: usize, note: &crate::store::DocNote) -> Option<Value> {
    let mut bodies = Vec::new();
    let mut purposes = Vec::new();
    for tag in note.tag_list() {
        bodies.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": tag }));
    }
    if !bodies.is_empty() {
        purposes.push("tagging");
    }
    if !note.note.trim().is_empty() {
        bodies.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": note.note }));
        purposes.push("commenting");
    }
    if note.reviewed {
        bodies.push(json!({ "type": "TextualBody", "purpose": "assessing", "value": "reviewed" }));
        purposes.push("assessing");
    }
    // One motivation when the note is one thing (as the model advises), else each.
    let motivation = match purposes.as_slice() {
        [] => return None,
        [one] => json!(one),
        many => json!(many),
    };
    Some(json!({
        "id": format!("isnad:docnote/{n}"),
        "type": "Annotation",
        "motivation": motivation,
        "body": bodies,
        "target": document_iri(&note.doc),
    }))
}

/// The collection, as pretty JSON.
pub fn render(bundle: &Bundle) -> String {
    let mut items = Vec::new();
    for (e, entity) in bundle.entities.iter().enumerate() {
        for (m, mention) in entity.mentions.iter().enumerate() {
            items.push(json!({
                "id": format!("isnad:mention/{}/{}", e + 1, m + 1),
                "type": "Annotation",
                "motivation": "tagging",
                "body": {
                    "type": "TextualBody",
                    "purpose": "tagging",
                    "value": format!("{}: {}", entity.kind, entity.name),
                },
                "target": target(mention),
            }));
        }
    }
    for (c, claim) in bundle.claims.iter().enumerate() {
        let targets: Vec<Value> = claim
            .evidence
            .iter()
            .map(|e| {
                let mut t = target(&e.place);
                t["stance"] = json!(e.stance);
                t
            })
            .collect();
        items.push(json!({
            "id": format!("isnad:claim/{}", c + 1),
            "type": "Annotation",
            "motivation": "assessing",
            "status": claim.status,
            "body": [
                { "type": "TextualBody", "purpose": "describing", "value": claim.text },
                { "type": "TextualBody", "purpose": "assessing", "value": claim.verdict },
            ],
            "target": targets,
        }));
    }
    items.extend(
        bundle
            .doc_notes
            .iter()
            .enumerate()
            .filter_map(|(n, note)| doc_note(n + 1, note)),
    );
    let total = items.len();
    let collection = json!({
        "@context": context(),
        "id": "isnad:annotations",
        "type": "AnnotationCollection",
        "label": "isnad annotations",
        "total": total,
        "first": { "type": "AnnotationPage", "items": items },
    });
    let mut text = serde_json::to_string_pretty(&collection).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DocNote;

    fn note(doc: &str, reviewed: bool, tags: &str, text: &str) -> DocNote {
        DocNote {
            doc: doc.to_owned(),
            reviewed,
            tags: tags.to_owned(),
            note: text.to_owned(),
        }
    }

    #[test]
    fn a_document_note_is_an_annotation_on_the_whole_document() {
        let bundle = Bundle {
            format: super::super::FORMAT.to_owned(),
            version: super::super::VERSION,
            documents: Vec::new(),
            entities: Vec::new(),
            claims: Vec::new(),
            doc_notes: vec![
                note("a.txt", true, "شاهد عيان\nofficial", "مصدر واحد"),
                note("b.txt", false, "later", ""),
                note("c.txt", false, "", ""),
            ],
            noted_documents: Vec::new(),
        };
        let out: Value = serde_json::from_str(&render(&bundle)).expect("JSON");
        let items = out["first"]["items"].as_array().expect("items");
        assert_eq!(items.len(), 2, "an empty note says nothing");
        assert_eq!(out["total"], 2);
        assert_eq!(
            items[0],
            json!({
                "id": "isnad:docnote/1",
                "type": "Annotation",
                "motivation": ["tagging", "commenting", "assessing"],
                "body": [
                    { "type": "TextualBody", "purpose": "tagging", "value": "شاهد عيان" },
                    { "type": "TextualBody", "purpose": "tagging", "value": "official" },
                    { "type": "TextualBody", "purpose": "commenting", "value": "مصدر واحد" },
                    { "type": "TextualBody", "purpose": "assessing", "value": "reviewed" },
                ],
                "target": "isnad:doc/a.txt",
            })
        );
        assert_eq!(items[1]["motivation"], "tagging");
        assert_eq!(items[1]["target"], "isnad:doc/b.txt");
    }
}
