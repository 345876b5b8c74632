//! One document as isnad stores it: clean logical text and its metadata.

use serde::{Deserialize, Serialize};

use super::sanitize::sanitize;
use crate::text::script::{Direction, guess_language};

/// A document of the corpus, in logical order, sanitised and NFC.
///
/// Its full text is the title, a newline, then the body ([`Document::text`]); annotation
/// offsets count in that text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the corpus-relative path with `/` separators (`%` and `#` in it written
    /// `%25` and `%23`, [`crate::corpus::file_id`]), plus `#key` for one record of a
    /// multi-document file (`reports.jsonl#7`).
    pub id: String,
    /// The corpus-relative path of the file the document came from.
    pub file: String,
    pub title: String,
    pub body: String,
    pub source: Option<String>,
    pub url: Option<String>,
    /// `YYYY-MM-DD` when the date could be read, else the value as given.
    pub published: Option<String>,
    pub author: Option<String>,
    /// Who a forwarded message was first posted by (a Telegram export's `forwarded_from`):
    /// the link of the chain of attribution the file states.
    pub forwarded_from: Option<String>,
    /// The id of the document this one was attached to (an e-mail's attachment names its
    /// message).
    pub part_of: Option<String>,
    /// BCP 47 language tag from the metadata, else guessed from the script (`und` if unsure).
    pub lang: String,
    /// Base direction: from the language, else from the script.
    pub direction: Direction,
    /// Hash of the text (32 hex digits), to recognise a moved or unchanged document.
    pub hash: String,
}

/// Metadata as a file states it, before cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
    /// See [`Document::forwarded_from`].
    pub forwarded_from: Option<String>,
    /// The document id of what this one was attached to ([`Document::part_of`]).
    pub part_of: Option<String>,
}

/// A document as a format reader found it: optional title, raw body, metadata.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub title: Option<String>,
    pub body: String,
    pub meta: Meta,
}

impl Document {
    /// Builds a document from a draft: sanitises everything, takes the first non-empty line
    /// as the title when there is none, reads the date and works out language and direction.
    /// Fails with a reason when no text is left.
    pub fn from_draft(id: String, file: String, draft: Draft) -> Result<Document, String> {
        let body = sanitize(&draft.body);
        let title = draft
            .title
            .as_deref()
            .map(one_line)
            .filter(|t| !t.is_empty());
        let (title, body) = match title {
            Some(title) => (title, trim_blank_lines(&body).to_owned()),
            None => split_title(&body),
        };
        if title.is_empty() && body.is_empty() {
            return Err(
                "empty document: no text after removing markup and control characters".to_owned(),
            );
        }
        let meta = draft.meta;
        let lang = meta
            .lang
            .as_deref()
            .map(one_line)
            .filter(|l| is_language_tag(l))
            .unwrap_or_else(|| guess_language(&title, &body).to_owned());
        let direction = if lang == "und" {
            Direction::Ltr
        } else {
            Direction::for_language(&lang)
        };
        let hash = content_hash(&title, &body);
        Ok(Document {
            id,
            file,
            title,
            body,
            source: clean(meta.source),
            url: clean(meta.url),
            published: clean(meta.published).map(|d| normalize_date(&d)),
            author: clean(meta.author),
            forwarded_from: clean(meta.forwarded_from),
            part_of: clean(meta.part_of),
            lang,
            direction,
            hash,
        })
    }

    /// The full logical text: title, newline, body.
    pub fn text(&self) -> String {
        format!("{}\n{}", self.title, self.body)
    }
}

/// The hash of a document's text: the first 16 bytes of BLAKE3, in hex.
pub fn content_hash(title: &str, body: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(title.as_bytes());
    hasher.update(b"\n");
    hasher.update(body.as_bytes());
    let hex = hasher.finalize().to_hex();
    hex.chars().take(32).collect()
}

/// Sanitises a metadata value and folds it onto one trimmed line.
fn one_line(value: &str) -> String {
    sanitize(value)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| one_line(&v)).filter(|v| !v.is_empty())
}

/// Whether `tag` has the shape of a BCP 47 language tag (`ar`, `en-GB`, `zh-Hant-TW`).
pub fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// Drops whitespace-only lines at the start and whitespace at the end.
fn trim_blank_lines(text: &str) -> &str {
    let mut rest = text;
    while let Some((line, after)) = rest.split_once('\n') {
        if !line.trim().is_empty() {
            break;
        }
        rest = after;
    }
    rest.trim_end()
}

/// Splits sanitised text into its first non-empty line (the title) and the rest.
fn split_title(text: &str) -> (String, String) {
    let text = trim_blank_lines(text);
    match text.split_once('\n') {
        Some((first, rest)) => (first.trim().to_owned(), trim_blank_lines(rest).to_owned()),
        None => (text.trim().to_owned(), String::new()),
    }
}

/// `YYYY-MM-DD` from the common date forms (`2024-03-22`, `2024-03-22T19:00:00Z`,
/// `2024/03/22`); anything else is kept as written.
fn normalize_date(value: &str) -> String {
    read_date(value).unwrap_or_else(|| value.to_owned())
}

/// `YYYY-MM-DD` when `value` is one of the date forms isnad reads (`2024-03-22`,
/// `2024-03-22T19:00:00Z`, `2024/03/22`; any year, 1958 as well as 2024), else `None`.
pub fn read_date(value: &str) -> Option<String> {
    let head: String = value
        .trim()
        .chars()
        .take(10)
        .map(|c| if c == '/' { '-' } else { c })
        .collect();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(&head, format).ok()?;
    Some(date.format(format).unwrap_or(head))
}

/// The date as a UTC timestamp (seconds), when it is a `YYYY-MM-DD` date.
pub fn date_timestamp(date: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(date, format).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(title: Option<&str>, body: &str, meta: Meta) -> Result<Document, String> {
        let draft = Draft {
            title: title.map(str::to_owned),
            body: body.to_owned(),
            meta,
        };
        Document::from_draft("a.txt".into(), "a.txt".into(), draft)
    }

    #[test]
    fn first_non_empty_line_is_the_title() {
        let doc = build(
            None,
            "\n\n  عنوان الخبر  \n\nالفقرة الأولى\nالثانية\n\n",
            Meta::default(),
        )
        .expect("document");
        assert_eq!(doc.title, "عنوان الخبر");
        assert_eq!(doc.body, "الفقرة الأولى\nالثانية");
        assert_eq!(doc.lang, "ar");
        assert_eq!(doc.direction, Direction::Rtl);
        assert_eq!(doc.text(), "عنوان الخبر\nالفقرة الأولى\nالثانية");
    }

    #[test]
    fn metadata_is_cleaned_and_dates_normalised() {
        let meta = Meta {
            source: Some(" Al\u{1b}[2J Jazeera\n".into()),
            published: Some("2024/03/22".into()),
            lang: Some("en".into()),
            ..Meta::default()
        };
        let doc = build(Some("Title"), "Body", meta).expect("document");
        assert_eq!(doc.source.as_deref(), Some("Al Jazeera"));
        assert_eq!(doc.published.as_deref(), Some("2024-03-22"));
        assert_eq!(doc.direction, Direction::Ltr);
        assert_eq!(date_timestamp("2024-03-22"), Some(1_711_065_600));
    }

    #[test]
    fn attribution_and_attachment_are_cleaned_like_any_metadata() {
        let meta = Meta {
            forwarded_from: Some(" قناة\u{1b}[2J الأخبار\n".into()),
            part_of: Some("mail.eml".into()),
            ..Meta::default()
        };
        let doc = build(None, "نص", meta).expect("document");
        assert_eq!(doc.forwarded_from.as_deref(), Some("قناة الأخبار"));
        assert_eq!(doc.part_of.as_deref(), Some("mail.eml"));
    }

    #[test]
    fn unknown_date_forms_are_kept_as_written() {
        assert_eq!(normalize_date("الجمعة 22 مارس"), "الجمعة 22 مارس");
        assert_eq!(normalize_date("2024-03-22T19:00:00+03:00"), "2024-03-22");
        assert_eq!(read_date("1958/07/14").as_deref(), Some("1958-07-14"));
        assert_eq!(read_date("14/07/1958"), None);
        assert_eq!(read_date("2024-02-30"), None);
    }

    #[test]
    fn empty_documents_are_refused() {
        assert!(build(None, " \n\u{1b}[0m\n", Meta::default()).is_err());
    }

    #[test]
    fn hash_depends_on_text_only() {
        let a = build(None, "t\nb", Meta::default()).expect("document");
        let b = build(
            Some("t"),
            "b",
            Meta {
                source: Some("x".into()),
                ..Meta::default()
            },
        )
        .expect("document");
        assert_eq!(a.hash, b.hash);
    }
}
