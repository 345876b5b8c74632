//! The W3C Web Annotation Data Model as JSON-LD: one `AnnotationCollection` whose first
//! `AnnotationPage` holds every annotation.
//!
//! - Each mention is an annotation tagging its passage (a `TextualBody` "TYPE: name" with
//!   the purpose `tagging`, and the entity itself, `isnad:entity/ID`, as a body with the
//!   purpose `identifying`).
//! - Each claim is one annotation with a target per piece of evidence (the stance on the
//!   target); its text is a `describing` body, its verdict (when there is one) an
//!   `oa:assessing` body. A claim with no evidence yet targets the collection.
//! - The note of a piece of evidence is an annotation of its own, `commenting` on the same
//!   target (a body would comment on every target of the claim).
//! - Each document note is an annotation on the whole document: a `TextualBody` per tag
//!   (`tagging`), the note (`commenting`) and "reviewed" (`oa:assessing`).
//!
//! Ids are the store's (`isnad:mention/123`, `isnad:claim/5`, `isnad:evidence/45`,
//! `isnad:entity/7`), so an export made after more annotations were added keeps every id
//! it had; a document note is one per document, named by its document. `isnad:` is
//! declared in the context as `urn:isnad:`; a document id is percent-encoded (UTF-8) into
//! the IRI, so a space, `#`, `?` or Arabic letters give a valid IRI (RFC 3987) that is a
//! valid URI too (RFC 3986).
//!
//! `assessing` is written `oa:assessing`: the term is missing from the context published
//! in 2017, so a JSON-LD processor with that copy would drop it. Targets carry a
//! `TextQuoteSelector` and (unless orphaned) a `TextPositionSelector` in code points, and
//! their source the document's `language` and `textDirection`. A target whose passage was
//! not found again is marked `"orphaned": true`, a term the context declares
//! (`isnad:orphaned`), so a processor keeps it; `creator`, `created` and `modified` come
//! from the store's journal.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Bundle, DocumentRef, Place};
use crate::store::Provenance;

/// The id of the collection.
const COLLECTION: &str = "isnad:annotations";

/// The Web Annotation context, and isnad's few terms.
pub fn context() -> Value {
    json!([
        "http://www.w3.org/ns/anno.jsonld",
        {
            "isnad": "urn:isnad:",
            "stance": "isnad:stance",
            "status": "isnad:status",
            "orphaned": "isnad:orphaned",
            "title": "dcterms:title",
        }
    ])
}

/// `text` percent-encoded for a path segment of an IRI: every byte of its UTF-8 but the
/// unreserved ASCII characters (RFC 3986 §2.3) and `/`.
pub fn iri_path(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The IRI of document `doc`: what selectors select in, and a document note's target.
pub fn document_iri(doc: &str) -> String {
    format!("isnad:doc/{}", iri_path(doc))
}

/// The document `doc` as the source of a target: its IRI, language and direction.
fn source(doc: &str, documents: &BTreeMap<&str, &DocumentRef>) -> Value {
    let mut source = Map::new();
    source.insert("id".to_owned(), json!(document_iri(doc)));
    source.insert("type".to_owned(), json!("Text"));
    if let Some(d) = documents.get(doc) {
        if !d.lang.trim().is_empty() {
            source.insert("language".to_owned(), json!(d.lang));
        }
        if matches!(d.dir.as_str(), "ltr" | "rtl" | "auto") {
            source.insert("textDirection".to_owned(), json!(d.dir));
        }
        if !d.title.trim().is_empty() {
            source.insert("title".to_owned(), json!(d.title));
        }
    }
    Value::Object(source)
}

/// The target of a passage: a `SpecificResource` named by the annotation's id in the store
/// (`id`, for evidence) when it has one.
fn target(place: &Place, id: Option<String>, documents: &BTreeMap<&str, &DocumentRef>) -> Value {
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": place.quote,
        "prefix": place.prefix,
        "suffix": place.suffix,
    })];
    if let (Some(start), Some(end)) = (place.start, place.end) {
        selectors.push(json!({ "type": "TextPositionSelector", "start": start, "end": end }));
    }
    let mut target = Map::new();
    if let Some(id) = id {
        target.insert("id".to_owned(), json!(id));
    }
    target.insert("type".to_owned(), json!("SpecificResource"));
    target.insert("source".to_owned(), source(&place.doc, documents));
    target.insert("selector".to_owned(), json!(selectors));
    if place.orphaned {
        target.insert("orphaned".to_owned(), json!(true));
    }
    Value::Object(target)
}

/// `creator`, `created` and `modified` of an annotation, when the journal knows them.
fn provenance(annotation: &mut Map<String, Value>, made: Option<&Provenance>) {
    if let Some(made) = made {
        if !made.creator.trim().is_empty() {
            annotation.insert(
                "creator".to_owned(),
                json!({ "type": "Person", "name": made.creator }),
            );
        }
        if !made.created.is_empty() {
            annotation.insert("created".to_owned(), json!(made.created));
        }
        if !made.modified.is_empty() {
            annotation.insert("modified".to_owned(), json!(made.modified));
        }
    }
}

/// An annotation's object from its parts, in the order the model's examples use.
fn annotation(id: &str, motivation: Value, made: Option<&Provenance>) -> Map<String, Value> {
    let mut annotation = Map::new();
    annotation.insert("id".to_owned(), json!(id));
    annotation.insert("type".to_owned(), json!("Annotation"));
    annotation.insert("motivation".to_owned(), motivation);
    provenance(&mut annotation, made);
    annotation
}

/// The annotation of a document note, `None` when nothing is noted.
fn doc_note(note: &crate::store::DocNote) -> Option<Value> {
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
        bodies
            .push(json!({ "type": "TextualBody", "purpose": "oa:assessing", "value": "reviewed" }));
        purposes.push("oa:assessing");
    }
    // One motivation when the note is one thing (as the model advises), else each.
    let motivation = match purposes.as_slice() {
        [] => return None,
        [one] => json!(one),
        many => json!(many),
    };
    let mut annotation = annotation(
        &format!("isnad:docnote/{}", iri_path(&note.doc)),
        motivation,
        None,
    );
    annotation.insert("body".to_owned(), json!(bodies));
    annotation.insert("target".to_owned(), json!(document_iri(&note.doc)));
    Some(Value::Object(annotation))
}

/// Every annotation of the bundle, in the order of the store's export.
pub fn annotations(bundle: &Bundle) -> Vec<Value> {
    let documents: BTreeMap<&str, &DocumentRef> = bundle
        .documents
        .iter()
        .chain(&bundle.noted_documents)
        .map(|d| (d.id.as_str(), d))
        .collect();
    let mut items = Vec::new();
    for (e, entity) in bundle.entities.iter().enumerate() {
        // Ids from the store; positions only for a bundle read from an old export.
        let entity_id = entity
            .id
            .map_or_else(|| (e + 1).to_string(), |id| id.to_string());
        for (m, mention) in entity.mentions.iter().enumerate() {
            let id = mention.id.map_or_else(
                || format!("isnad:mention/{entity_id}-{}", m + 1),
                |id| format!("isnad:mention/{id}"),
            );
            let mut item = annotation(&id, json!("tagging"), mention.provenance.as_ref());
            item.insert(
                "body".to_owned(),
                json!([
                    {
                        "type": "TextualBody",
                        "purpose": "tagging",
                        "value": format!("{}: {}", entity.kind, entity.name),
                    },
                    {
                        "type": "SpecificResource",
                        "purpose": "identifying",
                        "source": format!("isnad:entity/{entity_id}"),
                    },
                ]),
            );
            item.insert("target".to_owned(), target(mention, None, &documents));
            items.push(Value::Object(item));
        }
    }
    for (c, claim) in bundle.claims.iter().enumerate() {
        let claim_id = claim
            .id
            .map_or_else(|| (c + 1).to_string(), |id| id.to_string());
        let mut notes = Vec::new();
        let targets: Vec<Value> = claim
            .evidence
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let id = e.place.id.map_or_else(
                    || format!("isnad:evidence/{claim_id}-{}", n + 1),
                    |id| format!("isnad:evidence/{id}"),
                );
                let mut t = target(&e.place, Some(id.clone()), &documents);
                t["stance"] = json!(e.stance);
                if !e.note.trim().is_empty() {
                    let mut note = annotation(
                        &format!("{id}/note"),
                        json!("commenting"),
                        e.place.provenance.as_ref(),
                    );
                    note.insert(
                        "body".to_owned(),
                        json!({ "type": "TextualBody", "purpose": "commenting", "value": e.note }),
                    );
                    note.insert("target".to_owned(), t.clone());
                    notes.push(Value::Object(note));
                }
                t
            })
            .collect();
        let made = Provenance {
            creator: claim.creator.clone().unwrap_or_default(),
            created: claim.created.clone(),
            modified: claim.updated.clone(),
        };
        let mut item = annotation(
            &format!("isnad:claim/{claim_id}"),
            json!("oa:assessing"),
            Some(&made),
        );
        item.insert("status".to_owned(), json!(claim.status));
        let mut bodies =
            vec![json!({ "type": "TextualBody", "purpose": "describing", "value": claim.text })];
        if !claim.verdict.trim().is_empty() {
            bodies.push(
                json!({ "type": "TextualBody", "purpose": "oa:assessing", "value": claim.verdict }),
            );
        }
        item.insert("body".to_owned(), json!(bodies));
        let target = match targets.len() {
            0 => json!(COLLECTION),
            1 => targets.into_iter().next().unwrap_or_default(),
            _ => json!(targets),
        };
        item.insert("target".to_owned(), target);
        items.push(Value::Object(item));
        items.extend(notes);
    }
    items.extend(bundle.doc_notes.iter().filter_map(doc_note));
    items
}

/// The collection, as pretty JSON.
pub fn render(bundle: &Bundle) -> String {
    let items = annotations(bundle);
    let total = items.len();
    let collection = json!({
        "@context": context(),
        "id": COLLECTION,
        "type": "AnnotationCollection",
        "label": "isnad annotations",
        "total": total,
        "first": {
            "id": format!("{COLLECTION}/page/1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
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
                "id": "isnad:docnote/a.txt",
                "type": "Annotation",
                "motivation": ["tagging", "commenting", "oa:assessing"],
                "body": [
                    { "type": "TextualBody", "purpose": "tagging", "value": "شاهد عيان" },
                    { "type": "TextualBody", "purpose": "tagging", "value": "official" },
                    { "type": "TextualBody", "purpose": "commenting", "value": "مصدر واحد" },
                    { "type": "TextualBody", "purpose": "oa:assessing", "value": "reviewed" },
                ],
                "target": "isnad:doc/a.txt",
            })
        );
        assert_eq!(items[1]["motivation"], "tagging");
        assert_eq!(items[1]["target"], "isnad:doc/b.txt");
    }

    /// A passage not found again is kept, marked with a term the context declares (so a
    /// JSON-LD processor keeps it), and without a position it no longer has.
    #[test]
    fn an_orphaned_target_is_marked() {
        let place = |orphaned: bool| Place {
            doc: "a b.txt".to_owned(),
            doc_hash: "h".to_owned(),
            start: (!orphaned).then_some(0),
            end: (!orphaned).then_some(5),
            byte_start: 0,
            byte_end: 10,
            quote: "بوتين".to_owned(),
            prefix: String::new(),
            suffix: String::new(),
            orphaned,
            id: Some(7),
            provenance: None,
        };
        let bundle = Bundle {
            format: super::super::FORMAT.to_owned(),
            version: super::super::VERSION,
            documents: Vec::new(),
            entities: vec![super::super::EntityOut {
                id: Some(3),
                name: "بوتين".to_owned(),
                kind: "PER".to_owned(),
                aliases: Vec::new(),
                note: String::new(),
                mentions: vec![place(true), place(false)],
                provenance: None,
            }],
            claims: Vec::new(),
            doc_notes: Vec::new(),
            noted_documents: Vec::new(),
        };
        let out: Value = serde_json::from_str(&render(&bundle)).expect("JSON");
        assert_eq!(out["@context"][1]["orphaned"], "isnad:orphaned");
        let items = out["first"]["items"].as_array().expect("items");
        assert_eq!(items[0]["target"]["orphaned"], true);
        assert_eq!(
            items[0]["target"]["selector"].as_array().map(Vec::len),
            Some(1)
        );
        assert!(items[1]["target"].get("orphaned").is_none());
        assert_eq!(items[0]["target"]["source"]["id"], "isnad:doc/a%20b.txt");
        assert_eq!(items[0]["id"], "isnad:mention/7");
        assert_eq!(items[0]["body"][1]["source"], "isnad:entity/3");
    }

    #[test]
    fn document_iris_are_percent_encoded() {
        assert_eq!(
            document_iri("reports/a b.txt"),
            "isnad:doc/reports/a%20b.txt"
        );
        assert_eq!(document_iri("x#1?y%.txt"), "isnad:doc/x%231%3Fy%25.txt");
        assert_eq!(
            document_iri("تقرير.txt"),
            "isnad:doc/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.txt"
        );
    }
}
