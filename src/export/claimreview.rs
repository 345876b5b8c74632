//! schema.org `ClaimReview` as JSON-LD, what fact-checkers publish and Google's Fact Check
//! tools read: a JSON array of one `ClaimReview` per claim, each with its own
//! `"@context": "https://schema.org"` (Google reads a page's several reviews as such an
//! array, and only that context).
//!
//! - `claimReviewed`: the claim's text.
//! - `reviewRating`: a `Rating` whose `alternateName` (the textual rating, the one Google
//!   shows) is the claim's status; the verdict, when there is one, is its
//!   `ratingExplanation`. A decided status also has a number on a documented scale (false
//!   1, refuted 2, disputed 3, supported 4, true 5; `worstRating` 1, `bestRating` 5);
//!   "unverified" has none, since it is no point on that scale.
//! - `itemReviewed`: a `Claim` whose `appearance` lists the documents of the evidence that
//!   supports or mentions it (a refuting passage is not where the claim was made), each a
//!   `CreativeWork` with its `url`, `headline`, `datePublished`, `inLanguage` and
//!   `publisher` (the outlet) when the index knows them; `firstAppearance` is the earliest
//!   of them by date.
//! - `author`: the organisation of `[user] organisation` in `isnad.toml` (with `[user]
//!   url`), else the person who recorded the claim (the journal's author).
//! - `dateCreated`, `dateModified`: the claim's times; `datePublished`: its last change
//!   (the review as published is that version).
//! - `@id`: `urn:isnad:claim/ID`, the store's id, as in the W3C export (`isnad:claim/ID`
//!   there). Google also requires the `url` of the fact-check article; isnad does not know
//!   one, so none is written: add it where the review is published.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Bundle, ClaimOut, DocumentRef};

/// Who publishes the reviews: `[user] organisation` and `url` in `isnad.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reviewer {
    pub organisation: Option<String>,
    pub url: Option<String>,
}

/// The rating of a status: its name, and its place on the scale when it has one.
pub fn rating(status: &str) -> (&'static str, Option<u8>) {
    match status {
        "false" => ("False", Some(1)),
        "refuted" => ("Refuted", Some(2)),
        "disputed" => ("Disputed", Some(3)),
        "supported" => ("Supported", Some(4)),
        "true" => ("True", Some(5)),
        _ => ("Unverified", None),
    }
}

/// A document as a `CreativeWork`.
fn creative_work(doc: &str, known: Option<&DocumentRef>) -> Value {
    let mut work = Map::new();
    work.insert("@type".to_owned(), json!("CreativeWork"));
    work.insert(
        "@id".to_owned(),
        json!(format!("urn:isnad:doc/{}", super::w3c::iri_path(doc))),
    );
    if let Some(d) = known {
        let mut put = |key: &str, value: Option<&str>| {
            if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
                work.insert(key.to_owned(), json!(value));
            }
        };
        put("url", d.url.as_deref());
        put("headline", Some(&d.title));
        put("datePublished", d.published.as_deref());
        put("inLanguage", Some(&d.lang));
        if let Some(outlet) = d.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            work.insert(
                "publisher".to_owned(),
                json!({ "@type": "Organization", "name": outlet }),
            );
        }
    }
    Value::Object(work)
}

/// The `ClaimReview` of one claim.
fn review(
    claim: &ClaimOut,
    number: usize,
    documents: &BTreeMap<&str, &DocumentRef>,
    reviewer: &Reviewer,
) -> Value {
    let id = claim
        .id
        .map_or_else(|| number.to_string(), |id| id.to_string());
    let (name, value) = rating(&claim.status);
    let mut rating = Map::new();
    rating.insert("@type".to_owned(), json!("Rating"));
    rating.insert("alternateName".to_owned(), json!(name));
    if let Some(value) = value {
        rating.insert("ratingValue".to_owned(), json!(value));
        rating.insert("worstRating".to_owned(), json!(1));
        rating.insert("bestRating".to_owned(), json!(5));
    }
    if !claim.verdict.trim().is_empty() {
        rating.insert("ratingExplanation".to_owned(), json!(claim.verdict));
    }
    // Where the claim appears, each document once, in the order of the evidence.
    let mut seen = Vec::new();
    for piece in &claim.evidence {
        if piece.stance != "refutes" && !seen.contains(&piece.place.doc.as_str()) {
            seen.push(piece.place.doc.as_str());
        }
    }
    let appearances: Vec<Value> = seen
        .iter()
        .map(|doc| creative_work(doc, documents.get(doc).copied()))
        .collect();
    let first = seen
        .iter()
        .filter_map(|doc| {
            let published = documents.get(doc)?.published.as_deref()?.trim();
            (!published.is_empty()).then_some((published, *doc))
        })
        .min()
        .map(|(_, doc)| creative_work(doc, documents.get(doc).copied()));
    let mut item = Map::new();
    item.insert("@type".to_owned(), json!("Claim"));
    if !appearances.is_empty() {
        item.insert("appearance".to_owned(), json!(appearances));
    }
    if let Some(first) = first {
        if let Some(date) = first.get("datePublished") {
            item.insert("datePublished".to_owned(), date.clone());
        }
        item.insert("firstAppearance".to_owned(), first);
    }
    let author = match reviewer.organisation.as_deref().map(str::trim) {
        Some(organisation) if !organisation.is_empty() => {
            let mut org = json!({ "@type": "Organization", "name": organisation });
            if let Some(url) = reviewer.url.as_deref().filter(|u| !u.trim().is_empty()) {
                org["url"] = json!(url.trim());
            }
            Some(org)
        }
        _ => claim
            .creator
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .map(|c| json!({ "@type": "Person", "name": c })),
    };
    let mut out = Map::new();
    out.insert("@context".to_owned(), json!("https://schema.org"));
    out.insert("@type".to_owned(), json!("ClaimReview"));
    out.insert("@id".to_owned(), json!(format!("urn:isnad:claim/{id}")));
    out.insert("claimReviewed".to_owned(), json!(claim.text));
    out.insert("reviewRating".to_owned(), Value::Object(rating));
    out.insert("itemReviewed".to_owned(), Value::Object(item));
    if let Some(author) = author {
        out.insert("author".to_owned(), author);
    }
    for (key, value) in [
        ("dateCreated", &claim.created),
        ("dateModified", &claim.updated),
        ("datePublished", &claim.updated),
    ] {
        if !value.trim().is_empty() {
            out.insert(key.to_owned(), json!(value));
        }
    }
    Value::Object(out)
}

/// Every claim's review, as values.
pub fn reviews(bundle: &Bundle, reviewer: &Reviewer) -> Vec<Value> {
    let documents: BTreeMap<&str, &DocumentRef> = bundle
        .documents
        .iter()
        .chain(&bundle.noted_documents)
        .map(|d| (d.id.as_str(), d))
        .collect();
    bundle
        .claims
        .iter()
        .enumerate()
        .map(|(n, claim)| review(claim, n + 1, &documents, reviewer))
        .collect()
}

/// The reviews, as pretty JSON.
pub fn render(bundle: &Bundle, reviewer: &Reviewer) -> String {
    let mut text =
        serde_json::to_string_pretty(&Value::Array(reviews(bundle, reviewer))).unwrap_or_default();
    text.push('\n');
    text
}
