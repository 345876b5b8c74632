//! JSON documents: `.jsonl` (one object per line) and `.json` (one object, or an array of
//! objects). Fields: title, body or text or content, source, url, published or date, author,
//! lang, and an optional id that keys the document within its file.

use serde_json::{Map, Value};

use super::document::{Draft, Meta};

/// One record of a JSON file: its key within the file (the `id` field, else the line or
/// position, 1-based) and either a draft or the reason it was skipped.
pub struct Record {
    pub key: String,
    /// The line of the record in a `.jsonl` file, for messages.
    pub line: Option<usize>,
    pub draft: Result<Draft, String>,
}

/// Reads a `.jsonl` file; blank lines are ignored and each malformed line is its own error.
pub fn read_json_lines(text: &str) -> Vec<Record> {
    let mut records = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let (key, draft) = match serde_json::from_str::<Value>(line) {
            Ok(value) => record(&value, number),
            Err(error) => (number.to_string(), Err(format!("malformed JSON: {error}"))),
        };
        records.push(Record {
            key,
            line: Some(number),
            draft,
        });
    }
    records
}

/// What a `.json` file holds: records, or an export of another program that `export`
/// recognised by its shape (a Telegram export) and read.
pub enum Read<T> {
    Records(Vec<Record>),
    Export(T),
}

/// Reads a `.json` file holding one object or an array of objects, unless `export` recognises
/// the parsed value as a program's export and reads it. A file that is not valid JSON is one
/// error for the whole file.
pub fn read_json<T>(
    text: &str,
    export: impl FnOnce(&Value) -> Option<T>,
) -> Result<Read<T>, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|error| format!("malformed JSON: {error}"))?;
    if let Some(read) = export(&value) {
        return Ok(Read::Export(read));
    }
    let items = match value {
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => return Err("expected a JSON object or an array of objects".to_owned()),
    };
    Ok(Read::Records(
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let (key, draft) = record(item, index + 1);
                Record {
                    key,
                    line: None,
                    draft,
                }
            })
            .collect(),
    ))
}

fn record(value: &Value, position: usize) -> (String, Result<Draft, String>) {
    let Value::Object(object) = value else {
        return (
            position.to_string(),
            Err("expected a JSON object".to_owned()),
        );
    };
    let key = match object.get("id") {
        // An id is shown everywhere a document is named, and exported: one that could drive
        // a terminal or reorder a line is an attack, not a key.
        Some(Value::String(id)) if id.chars().any(crate::text::terminal::hides_in_a_name) => {
            return (
                position.to_string(),
                Err(
                    "its \"id\" holds control or bidi control characters; fix the id to read \
                     the record"
                        .to_owned(),
                ),
            );
        }
        Some(Value::String(id)) if !id.trim().is_empty() => id.trim().to_owned(),
        Some(Value::Number(id)) => id.to_string(),
        _ => position.to_string(),
    };
    (key, draft(object))
}

fn draft(object: &Map<String, Value>) -> Result<Draft, String> {
    let text = |names: &[&str]| {
        names.iter().find_map(|name| match object.get(*name) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
    };
    let body = text(&["body", "text", "content"])
        .ok_or_else(|| "no \"body\" or \"text\" field with the document's text".to_owned())?;
    Ok(Draft {
        title: text(&["title", "headline"]),
        body,
        meta: Meta {
            source: text(&["source", "outlet", "publisher"]),
            url: text(&["url", "link"]),
            published: text(&["published", "date"]),
            author: text(&["author"]),
            lang: text(&["lang", "language"]),
            forwarded_from: text(&["forwarded_from"]),
            part_of: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_are_read_one_per_line_and_bad_lines_reported() {
        let records = read_json_lines(
            "{\"title\":\"أ\",\"body\":\"نص\",\"source\":\"BBC\"}\n\n{broken\n{\"id\":\"x9\",\"text\":\"ب\"}\n{\"title\":\"no body\"}\n",
        );
        assert_eq!(records.len(), 4);
        assert_eq!(records[0].key, "1");
        assert_eq!(
            records[0]
                .draft
                .as_ref()
                .expect("draft")
                .meta
                .source
                .as_deref(),
            Some("BBC")
        );
        assert_eq!(records[1].line, Some(3));
        assert!(
            records[1]
                .draft
                .as_ref()
                .expect_err("error")
                .starts_with("malformed JSON")
        );
        assert_eq!(records[2].key, "x9");
        assert!(
            records[3]
                .draft
                .as_ref()
                .expect_err("error")
                .contains("no \"body\"")
        );
    }

    #[test]
    fn an_id_that_could_drive_a_terminal_or_reorder_a_line_is_refused() {
        for id in [
            "\u{1b}]0;pwned\u{7}",
            "a\u{9b}2J",
            "bidi_\u{202e}gpj.txt",
            "x\ny",
        ] {
            let line = serde_json::json!({"id": id, "body": "نص"}).to_string();
            let records = read_json_lines(&format!("{{\"body\":\"أ\"}}\n{line}\n"));
            assert_eq!(records[1].key, "2", "{id:?}");
            let reason = records[1].draft.as_ref().expect_err("refused");
            assert!(reason.contains("control"), "{reason}");
        }
    }

    #[test]
    fn json_holds_an_object_or_an_array() {
        let records = |text: &str| match read_json(text, |_| None::<()>) {
            Ok(Read::Records(records)) => Ok(records.len()),
            Ok(Read::Export(())) => Ok(0),
            Err(reason) => Err(reason),
        };
        assert_eq!(records("{\"body\":\"x\"}"), Ok(1));
        assert_eq!(records("[{\"body\":\"x\"},{\"body\":\"y\"}]"), Ok(2));
        assert!(records("[1,").is_err());
        assert!(records("42").is_err());
    }

    #[test]
    fn an_export_recognised_by_its_shape_is_not_read_as_records() {
        let read = read_json("{\"messages\":[]}", |value| {
            value.get("messages").map(|_| 7)
        });
        assert!(matches!(read, Ok(Read::Export(7))));
    }
}
