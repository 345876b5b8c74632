//! schema.org and Google's fact-check rules, for `--format claimreview`.

use serde_json::Value;

// --- ClaimReview ---------------------------------------------------------------------------

/// Whether `value` is an ISO 8601 date or date-time (schema.org `Date` or `DateTime`).
pub fn is_date(value: &Value) -> bool {
    let Some(text) = value.as_str() else {
        return false;
    };
    let date = time::macros::format_description!("[year]-[month]-[day]");
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).is_ok()
        || time::Date::parse(text, &date).is_ok()
}

/// The rules of Google's fact-check structured data (Search Central, "Fact Check
/// (`ClaimReview`) structured data": required `claimReviewed` Text, `reviewRating` Rating
/// with `alternateName` Text; recommended `author` Organization or Person, `datePublished`
/// Date, `itemReviewed` Claim with `appearance` and `firstAppearance` URL or `CreativeWork`,
/// Rating `ratingValue`, `bestRating`, `worstRating` Number) and schema.org's ranges for
/// them; `url`, also required by Google, isnad cannot know (the README says so).
pub fn claimreview_problems(review: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut need = |ok: bool, what: &str| {
        if !ok {
            problems.push(format!("{what}: {review}"));
        }
    };
    need(review["@context"] == "https://schema.org", "@context");
    need(review["@type"] == "ClaimReview", "@type");
    need(
        review["claimReviewed"]
            .as_str()
            .is_some_and(|t| !t.trim().is_empty()),
        "claimReviewed is Text",
    );
    let rating = &review["reviewRating"];
    need(rating["@type"] == "Rating", "reviewRating is a Rating");
    need(
        rating["alternateName"]
            .as_str()
            .is_some_and(|t| !t.is_empty()),
        "Rating alternateName is Text",
    );
    let numbers = ["ratingValue", "bestRating", "worstRating"];
    let given = numbers.iter().filter(|k| !rating[**k].is_null()).count();
    need(given == 0 || given == 3, "a rating's numbers come together");
    if given == 3 {
        let n = |k: &str| rating[k].as_f64().unwrap_or(f64::NAN);
        need(
            n("worstRating") <= n("ratingValue") && n("ratingValue") <= n("bestRating"),
            "worstRating ≤ ratingValue ≤ bestRating",
        );
    }
    let author = &review["author"];
    need(
        ["Organization", "Person"].contains(&author["@type"].as_str().unwrap_or("")),
        "author is an Organization or a Person",
    );
    need(author["name"].is_string(), "author has a name");
    for key in ["datePublished", "dateCreated", "dateModified"] {
        need(is_date(&review[key]), key);
    }
    let item = &review["itemReviewed"];
    need(item["@type"] == "Claim", "itemReviewed is a Claim");
    for work in item["appearance"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(std::iter::once(&item["firstAppearance"]).filter(|w| !w.is_null()))
    {
        need(
            work["@type"] == "CreativeWork",
            "an appearance is a CreativeWork",
        );
        for key in ["url", "headline"] {
            need(work[key].is_null() || work[key].is_string(), key);
        }
        need(
            work["datePublished"].is_null() || is_date(&work["datePublished"]),
            "an appearance's datePublished",
        );
        need(
            work["publisher"].is_null() || work["publisher"]["@type"] == "Organization",
            "a publisher is an Organization",
        );
    }
    problems
}
