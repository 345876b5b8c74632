//! The W3C Web Annotation Data Model as JSON-LD: one `AnnotationCollection`; each mention
//! an annotation tagging its passage, each claim one annotation with a target per piece of
//! evidence. Targets carry a `TextQuoteSelector` and (unless orphaned) a
//! `TextPositionSelector` in code points, as the model defines them.

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
    json!({ "source": format!("isnad:doc/{}", place.doc), "selector": selectors })
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
