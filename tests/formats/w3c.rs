//! The W3C Web Annotation ecosystem's rules, for `--format w3c`: the JSON Schemas of the
//! W3C Web Annotation test suite (vendored in `tests/data/w3c-annotation`, see its README
//! for the source and licence) and the rules a JSON-LD processor applies.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

// --- The W3C test suite's schemas ---------------------------------------------------------

/// Where the vendored schemas are.
pub fn suite() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/w3c-annotation")
}

/// A made-up base all the suite's schemas are placed under: they name each other by file
/// name alone (`"$ref": "id.json#/definitions/…"`), relative to one folder.
pub const BASE: &str = "https://web-annotation-tests.invalid/";

pub fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read a schema")).expect("JSON")
}

/// A schema with its `id` placed under [`BASE`]. An assertion that is only a `$ref` is
/// wrapped, since draft 4 ignores the `id` beside a `$ref`.
pub fn placed(mut schema: Value, name: &str) -> Value {
    let id = Value::String(format!("{BASE}{name}"));
    if schema.get("$ref").is_some() {
        if let Some(map) = schema.as_object_mut() {
            map.remove("id");
        }
        return serde_json::json!({ "id": id, "allOf": [schema] });
    }
    schema["id"] = id;
    schema
}

/// The validators of every assertion a `.test` file of the suite lists.
pub fn assertions(test: &str) -> Vec<(String, jsonschema::Validator)> {
    let list = read_json(&suite().join(test));
    let definitions: Vec<(String, Value)> = std::fs::read_dir(suite().join("definitions"))
        .expect("definitions")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name.clone(), placed(read_json(&p), &name))
        })
        .collect();
    list["assertions"]
        .as_array()
        .expect("assertions")
        .iter()
        .map(|path| {
            let path = path.as_str().expect("a path");
            let name = path.rsplit('/').next().expect("name");
            let schema = read_json(&suite().join(path));
            assert_eq!(schema["expectedResult"], "valid", "{path}");
            let mut options = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft4)
                .should_validate_formats(true);
            for (file, definition) in &definitions {
                options = options.with_resource(
                    format!("{BASE}{file}"),
                    jsonschema::Resource::from_contents(definition.clone()),
                );
            }
            let validator = options
                .build(&placed(schema, name))
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            (path.to_owned(), validator)
        })
        .collect()
}

/// Every error of `instance` against the assertions of `test`.
pub fn failures(test: &str, instance: &Value, what: &str) -> Vec<String> {
    assertions(test)
        .iter()
        .flat_map(|(path, validator)| {
            validator
                .iter_errors(instance)
                .map(move |e| format!("{what}: {path}: {e}"))
        })
        .collect()
}

/// Every failure of a W3C export against the suite's "must" assertions: for the
/// collection, its first page, and each annotation (each given alone with the context).
pub fn musts(collection: &Value) -> Vec<String> {
    let mut errors = failures("collections/collectionMusts.test", collection, "collection");
    let mut page = collection["first"].clone();
    page["@context"] = collection["@context"].clone();
    errors.extend(failures("collections/pages/pageMusts.test", &page, "page"));
    let annotation_musts = assertions("annotations/annotationMusts.test");
    for item in collection["first"]["items"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let mut alone = item.clone();
        alone["@context"] = collection["@context"].clone();
        for (path, validator) in &annotation_musts {
            for error in validator.iter_errors(&alone) {
                errors.push(format!("{}: {path}: {error}", item["id"]));
            }
        }
    }
    errors
}

// --- JSON-LD -------------------------------------------------------------------------------

/// The terms of the Web Annotation context as the W3C published it in 2017
/// (<http://www.w3.org/ns/anno.jsonld>, Web Annotation Vocabulary, Appendix A of the
/// Recommendation): the copy a processor may have cached, which lacks `assessing` (added
/// later). Keys whose value is `@id`-typed or `@vocab`-typed are marked.
pub const ANNO_PREFIXES: &[(&str, &str)] = &[
    ("oa", "http://www.w3.org/ns/oa#"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("dctypes", "http://purl.org/dc/dcmitype/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("iana", "http://www.iana.org/assignments/relation/"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("as", "http://www.w3.org/ns/activitystreams#"),
    ("schema", "http://schema.org/"),
];

/// Class and individual terms of the 2017 context (values of `type`, `motivation`,
/// `purpose`, `textDirection`).
pub const ANNO_VALUES: &[&str] = &[
    "Annotation",
    "Dataset",
    "Image",
    "Video",
    "Audio",
    "Text",
    "TextualBody",
    "ResourceSelection",
    "SpecificResource",
    "FragmentSelector",
    "CssSelector",
    "XPathSelector",
    "TextQuoteSelector",
    "TextPositionSelector",
    "DataPositionSelector",
    "SvgSelector",
    "RangeSelector",
    "TimeState",
    "HttpRequestState",
    "CssStylesheet",
    "Choice",
    "Person",
    "Software",
    "Organization",
    "AnnotationCollection",
    "AnnotationPage",
    "Audience",
    "Motivation",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "reviewing",
    "tagging",
    "auto",
    "ltr",
    "rtl",
];

/// Property terms of the 2017 context.
pub const ANNO_PROPERTIES: &[&str] = &[
    "id",
    "type",
    "body",
    "target",
    "source",
    "selector",
    "state",
    "scope",
    "refinedBy",
    "startSelector",
    "endSelector",
    "renderedVia",
    "creator",
    "generator",
    "rights",
    "homepage",
    "via",
    "canonical",
    "stylesheet",
    "cached",
    "conformsTo",
    "items",
    "partOf",
    "first",
    "last",
    "next",
    "prev",
    "audience",
    "motivation",
    "purpose",
    "textDirection",
    "accessibility",
    "bodyValue",
    "format",
    "language",
    "processingLanguage",
    "value",
    "exact",
    "prefix",
    "suffix",
    "styleClass",
    "name",
    "email",
    "email_sha1",
    "nickname",
    "label",
    "created",
    "modified",
    "generated",
    "sourceDate",
    "sourceDateStart",
    "sourceDateEnd",
    "start",
    "end",
    "total",
    "startIndex",
];

/// Keys whose values a processor expands as vocabulary terms (`"@type": "@vocab"`, and
/// `type` itself).
pub const VOCAB_KEYS: &[&str] = &["type", "motivation", "purpose", "textDirection"];

/// Whether `iri` is an absolute IRI by RFC 3987: a scheme, then only characters the IRI
/// grammar allows (no space, none of the characters RFC 3987 excludes, no control), `%`
/// always followed by two hex digits.
pub fn is_absolute_iri(iri: &str) -> bool {
    let Some((scheme, rest)) = iri.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let bytes = rest.as_bytes();
    let percent_ok = bytes.iter().enumerate().all(|(i, b)| {
        *b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    scheme_ok
        && percent_ok
        && !rest
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
}

/// The context of an export: the prefixes and terms its extension declares, with the
/// 2017 Web Annotation context under it.
pub struct Context {
    prefixes: BTreeMap<String, String>,
    terms: BTreeSet<String>,
}

impl Context {
    pub fn of(collection: &Value) -> Context {
        let list = collection["@context"]
            .as_array()
            .expect("a list of contexts");
        assert_eq!(list[0], "http://www.w3.org/ns/anno.jsonld");
        let mut prefixes: BTreeMap<String, String> = ANNO_PREFIXES
            .iter()
            .map(|(p, i)| ((*p).to_owned(), (*i).to_owned()))
            .collect();
        let mut terms: BTreeSet<String> = ANNO_PROPERTIES
            .iter()
            .chain(ANNO_VALUES)
            .map(|t| (*t).to_owned())
            .collect();
        for (term, definition) in list[1].as_object().expect("the extension") {
            let iri = match definition {
                Value::String(s) => s.clone(),
                other => other["@id"].as_str().expect("@id").to_owned(),
            };
            if iri.ends_with(':') || iri.ends_with('/') || iri.ends_with('#') {
                prefixes.insert(term.clone(), iri);
            } else {
                terms.insert(term.clone());
            }
        }
        Context { prefixes, terms }
    }

    /// `value` expanded as an IRI (JSON-LD 1.1 API, IRI Expansion): a compact IRI whose
    /// prefix is declared becomes the prefix's IRI and the suffix; anything else with a
    /// colon stays as it is.
    pub fn expand(&self, value: &str) -> Option<String> {
        let (prefix, suffix) = value.split_once(':')?;
        Some(match self.prefixes.get(prefix) {
            Some(iri) if !suffix.starts_with("//") => format!("{iri}{suffix}"),
            _ => value.to_owned(),
        })
    }

    /// Every problem a JSON-LD processor would have with `value` under `key`: a key that
    /// is no term and no IRI (dropped), an id that is no absolute IRI (its triples
    /// dropped), a vocabulary value that is no term (expanded against the document's base,
    /// not the vocabulary).
    pub fn problems(&self, key: &str, value: &Value, at: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    if k == "@context" {
                        continue;
                    }
                    let known = k.starts_with('@')
                        || self.terms.contains(k)
                        || self.expand(k).is_some_and(|i| is_absolute_iri(&i));
                    if !known {
                        out.push(format!("{at}: key {k:?} is no term of the context"));
                    }
                    self.problems(k, v, &format!("{at}/{k}"), out);
                }
            }
            Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    self.problems(key, v, &format!("{at}/{i}"), out);
                }
            }
            Value::String(s) if key == "id" || key == "@id" || key == "source" && !s.is_empty() => {
                if key == "source" && !s.contains(':') {
                    out.push(format!("{at}: source {s:?} is no IRI"));
                } else if !self.expand(s).is_some_and(|i| is_absolute_iri(&i)) {
                    out.push(format!("{at}: {s:?} is no absolute IRI once expanded"));
                }
            }
            Value::String(s) if VOCAB_KEYS.contains(&key) => {
                let term = self.terms.contains(s);
                let iri = s.contains(':') && self.expand(s).is_some_and(|i| is_absolute_iri(&i));
                if !term && !iri {
                    out.push(format!("{at}: {s:?} is no term of the context"));
                }
            }
            _ => {}
        }
    }
}

/// Every problem a JSON-LD processor would have with a W3C export ([`Context::problems`]).
pub fn json_ld_problems(collection: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    Context::of(collection).problems("", collection, "", &mut problems);
    problems
}
