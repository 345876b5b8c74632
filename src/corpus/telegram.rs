//! Telegram Desktop exports (`result.json`, "Export chat history" or "Export Telegram data"
//! in the machine-readable JSON form): one document per message with text, its chat as the
//! source, `from` as the author and, for a forwarded message, who it was forwarded from.
//!
//! An export is a `.json` file recognised by its shape, so that ordinary JSON records are
//! never mistaken for one: a single chat is an object with a `messages` array of objects
//! carrying `id`, `type` and `date` (or a chat `type` Telegram writes); the full export holds
//! its chats under `chats.list` (and `left_chats.list`).

use serde_json::{Map, Value};

use super::document::{Draft, Meta};
use super::{Found, record_id};
use crate::text::terminal::hides_in_a_name;

/// The chat types Telegram Desktop writes, to recognise a chat whose messages are broken.
const CHAT_TYPES: [&str; 9] = [
    "personal_chat",
    "bot_chat",
    "private_group",
    "private_supergroup",
    "public_supergroup",
    "private_channel",
    "public_channel",
    "saved_messages",
    "replies",
];

/// The documents of a Telegram export, or why it cannot be read; `None` when `value` does not
/// have the shape of an export (it is read as JSON records).
pub(super) fn read_export(rel: &str, value: &Value) -> Option<Result<Vec<Found>, String>> {
    let object = value.as_object()?;
    if let Some(chats) = full_export_chats(object) {
        return Some(read_full_export(rel, &chats));
    }
    if is_single_chat(object) {
        let mut export = Export::new(rel);
        return Some(export.read_chat(object, None).map(|()| export.finish()));
    }
    None
}

/// The chat lists of a full export (`chats.list`, `left_chats.list`), when `object` is one.
fn full_export_chats(object: &Map<String, Value>) -> Option<Vec<&Value>> {
    let mut lists = ["chats", "left_chats"]
        .iter()
        .filter_map(|name| object.get(*name)?.get("list"))
        .peekable();
    lists.peek()?;
    Some(lists.collect())
}

/// Whether `object` is one chat: a `messages` array whose first object looks like a Telegram
/// message, or a `messages` field beside a chat `type` Telegram writes.
fn is_single_chat(object: &Map<String, Value>) -> bool {
    let Some(messages) = object.get("messages") else {
        return false;
    };
    let chat_type = object
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|kind| CHAT_TYPES.contains(&kind));
    let looks_like_messages = messages.as_array().is_some_and(|messages| {
        messages
            .iter()
            .find_map(Value::as_object)
            .is_some_and(|first| {
                ["id", "type", "date"]
                    .iter()
                    .all(|field| first.contains_key(*field))
            })
    });
    looks_like_messages || chat_type
}

fn read_full_export(rel: &str, lists: &[&Value]) -> Result<Vec<Found>, String> {
    let mut export = Export::new(rel);
    for list in lists {
        let Some(chats) = list.as_array() else {
            return Err(
                "a Telegram export whose \"chats\" \"list\" is not a list of chats; \
                 export the chats again from Telegram Desktop"
                    .to_owned(),
            );
        };
        for (index, chat) in chats.iter().enumerate() {
            let Some(chat) = chat.as_object() else {
                export.broken_chats += 1;
                continue;
            };
            let key = key(chat, "chat", index);
            if export.read_chat(chat, Some(&key)).is_err() {
                export.broken_chats += 1;
            }
        }
    }
    Ok(export.finish())
}

/// What the chats of one file yielded, and the messages left out.
struct Export<'a> {
    rel: &'a str,
    found: Vec<Found>,
    /// Messages without text: photos, stickers, service messages.
    without_text: usize,
    /// Chats (of a full export) that are not objects or whose messages are not a list.
    broken_chats: usize,
}

impl<'a> Export<'a> {
    fn new(rel: &'a str) -> Self {
        Export {
            rel,
            found: Vec::new(),
            without_text: 0,
            broken_chats: 0,
        }
    }

    /// Reads the messages of one chat; `chat_key` prefixes their keys in a full export.
    fn read_chat(
        &mut self,
        chat: &Map<String, Value>,
        chat_key: Option<&str>,
    ) -> Result<(), String> {
        let Some(messages) = chat.get("messages").and_then(Value::as_array) else {
            return Err(
                "a Telegram export whose \"messages\" is not a list of messages; export the \
                 chat again from Telegram Desktop (Export chat history, JSON)"
                    .to_owned(),
            );
        };
        let source = string(chat.get("name"));
        for (index, message) in messages.iter().enumerate() {
            let Some(message) = message.as_object() else {
                self.without_text += 1;
                continue;
            };
            let Some(body) = message_text(message) else {
                self.without_text += 1;
                continue;
            };
            let key = key(message, "n", index);
            let key = match chat_key {
                Some(chat) => format!("{chat}/{key}"),
                None => key,
            };
            self.found.push(Found {
                id: record_id(self.rel, &key),
                line: None,
                draft: Ok(Draft {
                    title: None,
                    body,
                    meta: Meta {
                        source: source.clone(),
                        published: string(message.get("date")),
                        author: string(message.get("from")),
                        forwarded_from: string(message.get("forwarded_from")),
                        ..Meta::default()
                    },
                }),
            });
        }
        Ok(())
    }

    /// The documents found, then one line for everything left out.
    fn finish(mut self) -> Vec<Found> {
        let mut left_out = Vec::new();
        if self.without_text > 0 {
            let count = self.without_text;
            left_out.push(format!(
                "{count} {} without text (photos, stickers, service messages) {} not documents",
                if count == 1 { "message" } else { "messages" },
                if count == 1 { "is" } else { "are" },
            ));
        }
        if self.broken_chats > 0 {
            left_out.push(format!(
                "{} {} of the export could not be read (not a chat with a list of messages)",
                self.broken_chats,
                if self.broken_chats == 1 {
                    "chat"
                } else {
                    "chats"
                },
            ));
        }
        if !left_out.is_empty() {
            self.found
                .push(Found::file(self.rel, Err(left_out.join("; "))));
        }
        self.found
    }
}

/// The text of a message, its pieces joined: `text` is a string or an array of strings and
/// entity objects (`{"type": "bold", "text": "…"}`); `text_entities` is the same as an
/// array. `None` when there is no text (a photo without caption, a sticker, a service
/// message).
fn message_text(message: &Map<String, Value>) -> Option<String> {
    if message.get("type").and_then(Value::as_str) == Some("service") {
        return None;
    }
    ["text", "text_entities"]
        .iter()
        .filter_map(|field| message.get(*field))
        .map(joined)
        .find(|text| !text.trim().is_empty())
}

fn joined(text: &Value) -> String {
    match text {
        Value::String(text) => text.clone(),
        Value::Array(pieces) => pieces
            .iter()
            .filter_map(|piece| match piece {
                Value::String(text) => Some(text.as_str()),
                Value::Object(entity) => entity.get("text").and_then(Value::as_str),
                _ => None,
            })
            .collect(),
        _ => String::new(),
    }
}

/// A string field, or a number written out (`from` is sometimes a number in old exports).
fn string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The key of the chat or message at 0-based `index`: its `id`, else `fallback` and its
/// 1-based position.
fn key(object: &Map<String, Value>, fallback: &str, index: usize) -> String {
    object
        .get("id")
        .and_then(clean_key)
        .unwrap_or_else(|| format!("{fallback}{}", index + 1))
}

/// An id usable in a document id: a number, or a short string with no control, bidi control,
/// `/` or space in it.
fn clean_key(value: &Value) -> Option<String> {
    let key = match value {
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.trim().to_owned(),
        _ => return None,
    };
    let usable = !key.is_empty()
        && key.len() <= 64
        && !key
            .chars()
            .any(|c| hides_in_a_name(c) || c == '/' || c.is_whitespace());
    usable.then_some(key)
}

#[cfg(test)]
mod tests {
    use crate::corpus::parse_file;

    const CHAT: &str = r##"{
      "name": "قناة الأخبار",
      "type": "public_channel",
      "id": 1234567890,
      "messages": [
        {"id": 1, "type": "service", "date": "2024-03-22T18:00:00", "actor": "قناة الأخبار",
         "action": "create_channel", "text": "", "text_entities": []},
        {"id": 2, "type": "message", "date": "2024-03-22T19:04:11", "from": "قناة الأخبار",
         "text": "هجوم على قاعة الحفلات في ضواحي موسكو",
         "text_entities": [{"type": "plain", "text": "هجوم على قاعة الحفلات في ضواحي موسكو"}]},
        {"id": 3, "type": "message", "date": "2024-03-22T19:30:00", "from": "قناة الأخبار",
         "forwarded_from": "وكالة تاس",
         "text": ["عاجل: ", {"type": "bold", "text": "ارتفاع الحصيلة"}, " ",
                  {"type": "hashtag", "text": "#موسكو"}, " ",
                  {"type": "text_link", "text": "المصدر", "href": "https://tass.ru/x"}]},
        {"id": 4, "type": "message", "date": "2024-03-22T19:31:00", "from": "قناة الأخبار",
         "photo": "photos/photo_1.jpg", "text": "", "text_entities": []},
        {"id": 5, "type": "message", "date": "2024-03-22T19:32:00", "from": "قناة الأخبار",
         "media_type": "sticker", "sticker_emoji": "😢", "text": ""}
      ]
    }"##;

    #[test]
    fn a_single_chat_gives_one_document_per_message_with_text() {
        let read = parse_file("tg/result.json", CHAT.as_bytes());
        let ids: Vec<_> = read.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["tg/result.json#2", "tg/result.json#3"]);
        let first = &read.documents[0];
        assert_eq!(first.title, "هجوم على قاعة الحفلات في ضواحي موسكو");
        assert_eq!(first.source.as_deref(), Some("قناة الأخبار"));
        assert_eq!(first.author.as_deref(), Some("قناة الأخبار"));
        assert_eq!(first.published.as_deref(), Some("2024-03-22"));
        assert_eq!(first.forwarded_from, None);
        let forwarded = &read.documents[1];
        assert_eq!(forwarded.title, "عاجل: ارتفاع الحصيلة #موسكو المصدر");
        assert_eq!(forwarded.forwarded_from.as_deref(), Some("وكالة تاس"));
        assert_eq!(read.skipped.len(), 1, "{:?}", read.skipped);
        assert_eq!(
            read.skipped[0].to_string(),
            "tg/result.json: 3 messages without text (photos, stickers, service messages) \
             are not documents"
        );
    }

    #[test]
    fn a_full_export_keys_messages_by_chat_and_message() {
        let full = format!(
            r#"{{"about": "Here is the data you requested.",
                "chats": {{"about": "", "list": [{CHAT}, {{"name": "x", "type": "personal_chat",
                  "id": 77, "messages": [{{"id": 2, "type": "message", "date": "2024-01-01T00:00:00",
                  "from": "Sam", "text": "see you"}}]}}]}},
                "left_chats": {{"list": [{{"name": "old", "id": 9, "messages": "broken"}}]}}}}"#
        );
        let read = parse_file("export/result.json", full.as_bytes());
        let ids: Vec<_> = read.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "export/result.json#1234567890/2",
                "export/result.json#1234567890/3",
                "export/result.json#77/2"
            ]
        );
        assert_eq!(read.skipped.len(), 1, "{:?}", read.skipped);
        assert!(
            read.skipped[0].reason.contains("3 messages without text")
                && read.skipped[0].reason.contains("1 chat of the export"),
            "{}",
            read.skipped[0]
        );
    }

    #[test]
    fn ordinary_json_records_are_not_taken_for_an_export() {
        let read = parse_file(
            "a.json",
            br#"[{"id": 1, "type": "news", "date": "2024-03-22", "body": "x"}]"#,
        );
        assert_eq!(read.documents[0].id, "a.json#1");
        let record = parse_file(
            "b.json",
            br#"{"title": "t", "body": "b", "messages": ["hello"]}"#,
        );
        assert_eq!(record.documents[0].id, "b.json#1");
        assert_eq!(record.documents[0].body, "b");
    }

    #[test]
    fn broken_exports_say_what_is_wrong() {
        let read = parse_file(
            "r.json",
            br#"{"name": "c", "type": "public_channel", "id": 1, "messages": {"id": 1}}"#,
        );
        assert!(read.documents.is_empty());
        assert!(
            read.skipped[0]
                .reason
                .starts_with("a Telegram export whose \"messages\" is not a list"),
            "{}",
            read.skipped[0]
        );
        let read = parse_file("s.json", br#"{"chats": {"list": 5}}"#);
        assert!(read.skipped[0].reason.contains("\"list\" is not a list"));
    }

    #[test]
    fn ids_that_could_hide_in_a_name_fall_back_to_the_position() {
        let read = parse_file(
            "t.json",
            "{\"name\":\"c\",\"type\":\"public_channel\",\"id\":1,\"messages\":[\
             {\"id\":\"a\\u202eb\",\"type\":\"message\",\"date\":\"2024-01-01T00:00:00\",\"text\":\"x\"},\
             {\"id\":\"../x\",\"type\":\"message\",\"date\":\"2024-01-01T00:00:00\",\"text\":\"y\"}]}"
                .as_bytes(),
        );
        let ids: Vec<_> = read.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["t.json#n1", "t.json#n2"]);
    }
}
