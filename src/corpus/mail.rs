//! E-mail: one message (`.eml`) or a mailbox of them (`.mbox`). MIME is read by mail-parser:
//! RFC 2047 encoded words, charsets (Arabic windows-1256 and ISO-8859-6 among them), base64
//! and quoted-printable. A message's document has the Subject as title, From as author, Date
//! as published and List-Id (else the sender's domain) as source; its text is the text/plain
//! body, else the HTML body read by the HTML reader. Each attachment whose file name isnad
//! reads becomes a document of its own, read by the same path as a file
//! ([`super::parse_file`]), with `part_of` naming the message; attachments inside
//! attachments are read down to [`MAX_DEPTH`].
//!
//! Ids: an `.eml` is its file's id, a message of an `.mbox` is `box.mbox#<Message-ID>` (else
//! `box.mbox#<position>`), an attachment `<message id>#<n>-<file name>` (`/` when the
//! message id already has its `#`), its own records after a `/`.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

use super::document::{Draft, Meta};
use super::{Found, file_id, html, parse_file, record_id};
use crate::text::terminal::hides_in_a_name;

/// How deep attachments are read: a message's attachment is at depth 1, an attachment of
/// that (a forwarded message's) at 2, and so on.
pub const MAX_DEPTH: usize = 3;

/// The longest Message-ID kept as a key, and the longest attachment name in an id.
const MAX_KEY: usize = 200;
const MAX_NAME: usize = 100;

thread_local! {
    /// The attachment depth being read on this thread: parsing an attachment goes back
    /// through `parse_file`, which knows nothing of depth.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// An `.eml` file: the message, then its attachments.
pub fn read_eml(rel: &str, bytes: &[u8]) -> Result<Vec<Found>, String> {
    let message = parse(bytes)?;
    Ok(read_message(&message, &file_id(rel), None))
}

/// An `.mbox` file: every message, each with its attachments. A message that cannot be read
/// is reported on its own line; the others are kept.
pub fn read_mbox(rel: &str, bytes: &[u8]) -> Result<Vec<Found>, String> {
    let messages = split_mbox(bytes)?;
    // Message-IDs are keys only when unique in the file: count them first, from the headers
    // alone, so that one message at a time is parsed whole.
    let keys: Vec<Option<String>> = messages
        .iter()
        .map(|(_, raw)| {
            let headers = MessageParser::default().parse_headers(raw.as_ref())?;
            clean_message_id(&headers).map(str::to_owned)
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for key in keys.iter().flatten() {
        *counts.entry(key).or_default() += 1;
    }
    let mut found = Vec::new();
    for (position, ((line, raw), key)) in messages.iter().zip(&keys).enumerate() {
        let key = key
            .as_deref()
            .filter(|key| counts.get(key) == Some(&1))
            .map_or_else(|| (position + 1).to_string(), str::to_owned);
        let id = record_id(rel, &key);
        match parse(raw) {
            Ok(message) => found.extend(read_message(&message, &id, Some(*line))),
            Err(reason) => found.push(Found {
                id,
                line: Some(*line),
                draft: Err(reason),
            }),
        }
    }
    Ok(found)
}

fn parse(bytes: &[u8]) -> Result<Message<'_>, String> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or("not an e-mail: no mail headers (From, Subject, Date…) could be read")?;
    if message.headers().is_empty() {
        return Err("not an e-mail: no mail headers (From, Subject, Date…) could be read".into());
    }
    Ok(message)
}

/// The Message-ID when it can be a key: clean (nothing that hides in a name), not a bare
/// number (positions are), not too long.
fn clean_message_id<'a>(message: &'a Message<'_>) -> Option<&'a str> {
    let id = message.message_id()?.trim();
    let usable = !id.is_empty()
        && id.chars().count() <= MAX_KEY
        && !id.chars().any(|c| hides_in_a_name(c) || c.is_whitespace())
        && !id.chars().all(|c| c.is_ascii_digit());
    usable.then_some(id)
}

/// One message of a mailbox: its 1-based line and its bytes.
type Raw<'a> = (usize, Cow<'a, [u8]>);

/// Splits a mailbox at its `From ` lines (at the start, or after a blank line), giving each
/// message's 1-based line and its bytes with mboxrd's `>From ` quoting undone.
fn split_mbox(bytes: &[u8]) -> Result<Vec<Raw<'_>>, String> {
    // Each message's line, and where its bytes start and end.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let (mut offset, mut after_blank) = (0, true);
    for (number, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let blank = line.iter().all(|&b| b == b'\n' || b == b'\r');
        let end = offset + line.len();
        if line.starts_with(b"From ") && after_blank {
            spans.push((number + 1, end, end));
        } else if let Some((_, _, last)) = spans.last_mut() {
            *last = end;
        } else if !blank {
            return Err("not a mailbox: it does not start with a \"From \" line".to_owned());
        }
        (offset, after_blank) = (end, blank);
    }
    if spans.is_empty() {
        return Err("empty mailbox: no message in it".to_owned());
    }
    Ok(spans
        .into_iter()
        .map(|(line, start, end)| {
            (
                line,
                unquote_from(bytes.get(start..end).unwrap_or_default()),
            )
        })
        .collect())
}

/// A message's bytes with `>From ` (after any number of `>`) at a line start losing one
/// `>`; borrowed when there is none.
fn unquote_from(message: &[u8]) -> Cow<'_, [u8]> {
    let quoted = |line: &[u8]| {
        let rest = line.iter().position(|&b| b != b'>').unwrap_or(line.len());
        rest > 0 && line.get(rest..).is_some_and(|r| r.starts_with(b"From "))
    };
    let lines = || message.split_inclusive(|&b| b == b'\n');
    if !lines().any(quoted) {
        return Cow::Borrowed(message);
    }
    let mut out = Vec::with_capacity(message.len());
    for line in lines() {
        out.extend_from_slice(if quoted(line) {
            line.get(1..).unwrap_or_default()
        } else {
            line
        });
    }
    Cow::Owned(out)
}

/// The documents of one message: its own (`id`), then its attachments'.
fn read_message(message: &Message<'_>, id: &str, line: Option<usize>) -> Vec<Found> {
    let mut found = vec![Found {
        id: id.to_owned(),
        line,
        draft: Ok(draft_of(message)),
    }];
    for (index, part) in message.attachments().enumerate() {
        let Some(name) = attachment_name(part) else {
            continue;
        };
        if super::Format::of_path(std::path::Path::new(&name)).is_none() {
            continue;
        }
        let key = format!("{}-{name}", index + 1);
        found.extend(read_attachment(&name, part.contents(), id, &key, line));
    }
    found
}

/// An attachment's file name, clean for an id: its last path component, without anything
/// that hides in a name. A forwarded message without one is `message.eml`.
fn attachment_name(part: &mail_parser::MessagePart<'_>) -> Option<String> {
    let given = part
        .attachment_name()
        .or_else(|| matches!(part.body, PartType::Message(_)).then_some("message.eml"))?;
    let last = given.rsplit(['/', '\\']).next().unwrap_or(given);
    let name: String = last
        .chars()
        .filter(|&c| !hides_in_a_name(c))
        .take(MAX_NAME)
        .collect();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// `key` under the document id `parent`: after its `#`, or after `/` when it has one.
fn under(parent: &str, key: &str) -> String {
    if parent.contains('#') {
        format!("{parent}/{key}")
    } else {
        format!("{parent}#{key}")
    }
}

/// Restores the depth when an attachment has been read, whatever happens.
struct Deeper(usize);

impl Deeper {
    fn enter() -> Deeper {
        let depth = DEPTH.get();
        DEPTH.set(depth + 1);
        Deeper(depth)
    }
}

impl Drop for Deeper {
    fn drop(&mut self) {
        DEPTH.set(self.0);
    }
}

/// The documents of the attachment `name`, read as a file of that name, with ids under the
/// message `parent` and `part_of` naming it.
fn read_attachment(
    name: &str,
    bytes: &[u8],
    parent: &str,
    key: &str,
    line: Option<usize>,
) -> Vec<Found> {
    let base = under(parent, key);
    if DEPTH.get() >= MAX_DEPTH {
        return vec![Found {
            id: base,
            line,
            draft: Err(format!(
                "attachment {name} not read: attachments nested more than {MAX_DEPTH} deep"
            )),
        }];
    }
    let contents = {
        let _deeper = Deeper::enter();
        parse_file(name, bytes)
    };
    let own = file_id(name);
    // An id the nested read gave, as an id under the message.
    let full_id = |nested: &str| -> String {
        match nested.strip_prefix(own.as_ref()) {
            Some(rest) if !rest.is_empty() => {
                format!("{base}/{}", rest.strip_prefix('#').unwrap_or(rest))
            }
            _ => base.clone(),
        }
    };
    let mut found = Vec::new();
    for document in contents.documents {
        let part_of = document
            .part_of
            .as_deref()
            .map_or_else(|| parent.to_owned(), &full_id);
        found.push(Found {
            id: full_id(&document.id),
            line,
            draft: Ok(Draft {
                title: Some(document.title),
                body: document.body,
                meta: Meta {
                    source: document.source,
                    url: document.url,
                    published: document.published,
                    author: document.author,
                    lang: Some(document.lang),
                    forwarded_from: document.forwarded_from,
                    part_of: Some(part_of),
                },
            }),
        });
    }
    for skipped in contents.skipped {
        let at = skipped.line.map(|l| format!(":{l}")).unwrap_or_default();
        found.push(Found {
            id: base.clone(),
            line,
            draft: Err(format!("attachment {name}{at}: {}", skipped.reason)),
        });
    }
    found
}

/// The message's own document: headers as metadata, the text body (else the HTML one).
fn draft_of(message: &Message<'_>) -> Draft {
    let mut title = message.subject().map(str::to_owned);
    let mut texts = Vec::new();
    for part in message.text_bodies() {
        match &part.body {
            PartType::Text(text) => texts.push(text.to_string()),
            PartType::Html(page) => {
                if let Ok(draft) = html::read_html(page) {
                    if title.is_none() {
                        title = draft.title;
                    }
                    texts.push(draft.body);
                }
            }
            _ => {}
        }
    }
    let mut body = texts.join("\n\n");
    // The reader of a message sees what came with it: the attachments isnad reads are
    // documents of their own (`attached to` this message), the others are named here only.
    let names: Vec<_> = message.attachments().filter_map(attachment_name).collect();
    if !names.is_empty() {
        if !body.trim().is_empty() {
            body.push_str("\n\n");
        }
        body.push_str("Attachments: ");
        body.push_str(&names.join(", "));
    }
    let from = message.from().and_then(|from| from.first());
    let author = from.and_then(|a| a.name().or(a.address()).map(str::to_owned));
    let domain = from
        .and_then(|a| a.address())
        .and_then(|a| a.rsplit_once('@'))
        .map(|(_, domain)| domain.to_owned());
    let list = message.header_raw("List-Id").map(|list| {
        list.split_once('<')
            .and_then(|(_, rest)| rest.split_once('>'))
            .map_or(list, |(inside, _)| inside)
            .to_owned()
    });
    // The date as the sender wrote it (its own offset), not moved to UTC.
    let published = message
        .date()
        .filter(|date| date.is_valid())
        .map(mail_parser::DateTime::to_rfc3339)
        .or_else(|| message.header_raw("Date").map(|raw| raw.trim().to_owned()));
    let language = message.root_part().content_language();
    let lang = language
        .as_text()
        .or_else(|| {
            language
                .as_text_list()
                .and_then(|l| l.first())
                .map(AsRef::as_ref)
        })
        .map(str::to_owned);
    Draft {
        title,
        body,
        meta: Meta {
            source: list.or(domain),
            published,
            author,
            lang,
            ..Meta::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{is_id_of_file, parse_file};

    #[test]
    fn headers_become_metadata_and_encoded_words_are_read() {
        let eml = "From: =?UTF-8?B?2YjZg9in2YTYqSDYp9mE2KPZhtio2KfYoQ==?= <desk@news.example>\r\n\
                   Subject: =?windows-1256?Q?=E3=D1=CD=C8=C7?=\r\n\
                   Date: Thu, 15 Aug 2024 10:30:00 +0300\r\n\
                   Message-ID: <a1@news.example>\r\n\
                   Content-Type: text/plain; charset=utf-8\r\n\r\nنص الرسالة\r\n";
        let contents = parse_file("in/a.eml", eml.as_bytes());
        assert!(contents.skipped.is_empty(), "{:?}", contents.skipped);
        let doc = &contents.documents[0];
        assert_eq!(doc.id, "in/a.eml");
        assert_eq!(doc.title, "مرحبا");
        assert_eq!(doc.body, "نص الرسالة");
        assert_eq!(doc.author.as_deref(), Some("وكالة الأنباء"));
        assert_eq!(doc.published.as_deref(), Some("2024-08-15"));
        assert_eq!(doc.source.as_deref(), Some("news.example"));
        let odd = parse_file("b.eml", b"Date: 31 Feb 2024 25:00\r\nSubject: s\r\n\r\nx");
        let kept = odd.documents[0].published.as_deref();
        assert!(kept.is_some_and(|d| !d.starts_with("0000")), "{kept:?}");
        let listed =
            "List-Id: Arab News <news.lists.example>\r\nFrom: a@b.example\r\nSubject: s\r\n\r\nx";
        let list = parse_file("c.eml", listed.as_bytes());
        assert_eq!(
            list.documents[0].source.as_deref(),
            Some("news.lists.example")
        );
    }

    #[test]
    fn arabic_charsets_and_transfer_encodings() {
        let mut cp1256 = b"Subject: x\r\nContent-Type: text/plain; charset=windows-1256\r\n\
                           Content-Transfer-Encoding: 8bit\r\n\r\n"
            .to_vec();
        cp1256.extend(b"\xe3\xd1\xcd\xc8\xc7");
        assert_eq!(parse_file("a.eml", &cp1256).documents[0].body, "مرحبا");
        let iso = b"Subject: x\r\nContent-Type: text/plain; charset=iso-8859-6\r\n\
                    Content-Transfer-Encoding: quoted-printable\r\n\r\n=E5=D1=CD=C8=C7";
        assert_eq!(parse_file("a.eml", iso).documents[0].body, "مرحبا");
        let html = b"Subject: x\r\nContent-Type: text/html; charset=utf-8\r\n\
                     Content-Transfer-Encoding: base64\r\n\r\nPHA+2YbYtTwvcD48c2NyaXB0PngoKTwvc2NyaXB0Pg==";
        assert_eq!(parse_file("a.eml", html).documents[0].body, "نص");
    }

    fn with_attachment(name: &str, payload: &[u8]) -> Vec<u8> {
        use base64::Engine as _;
        let encoded = base64::engine::general_purpose::STANDARD.encode(payload);
        format!(
            "Subject: cover\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
             --b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n\
             --b\r\nContent-Type: application/octet-stream\r\n\
             Content-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n--b--\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn attachments_isnad_reads_are_documents_of_the_message() {
        let jsonl = br#"{"id":"k","body":"record"}"#;
        let contents = parse_file("m.eml", &with_attachment("data.jsonl", jsonl));
        let ids: Vec<_> = contents.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["m.eml", "m.eml#1-data.jsonl/k"]);
        assert_eq!(contents.documents[1].part_of.as_deref(), Some("m.eml"));
        let unknown = parse_file("m.eml", &with_attachment("photo.bin", b"\x00\x01"));
        assert_eq!(unknown.documents.len(), 1);
        assert!(unknown.skipped.is_empty());
        // The message says what came with it, read or not.
        assert!(
            contents.documents[0]
                .body
                .ends_with("Attachments: data.jsonl")
        );
        assert!(
            unknown.documents[0]
                .body
                .ends_with("Attachments: photo.bin")
        );
    }

    #[test]
    fn nesting_stops_at_the_limit_and_says_so() {
        let mut message = b"Subject: innermost\r\n\r\ntext".to_vec();
        for level in 0..5 {
            message = with_attachment(&format!("level{level}.eml"), &message);
        }
        let contents = parse_file("deep.eml", &message);
        assert_eq!(contents.documents.len(), 1 + MAX_DEPTH);
        assert!(
            contents.skipped[0]
                .reason
                .contains("nested more than 3 deep"),
            "{:?}",
            contents.skipped
        );
        let deepest = contents.documents.last().expect("documents");
        assert_eq!(
            deepest.id,
            "deep.eml#1-level4.eml/1-level3.eml/1-level2.eml"
        );
        assert_eq!(
            deepest.part_of.as_deref(),
            Some("deep.eml#1-level4.eml/1-level3.eml")
        );
        for document in &contents.documents {
            assert!(is_id_of_file(&document.id, "deep.eml"), "{}", document.id);
        }
    }

    #[test]
    fn a_mailbox_gives_one_document_per_message() {
        let mbox = "From a@b Thu Aug 15 10:30:00 2024\nMessage-ID: <one@x>\nSubject: first\n\nbody\n>From here\n\n\
                    From c@d Thu Aug 15 10:31:00 2024\n\n\x01\x02 no headers\n\n\
                    From e@f Thu Aug 15 10:32:00 2024\nMessage-ID: <one@x>\nSubject: third\n\nthird body\n\n\
                    From g@h Thu Aug 15 10:33:00 2024\nMessage-ID: <two\u{202E}@x>\nSubject: fourth\n\nfourth\n";
        let contents = parse_file("box.mbox", mbox.as_bytes());
        let ids: Vec<_> = contents.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["box.mbox#1", "box.mbox#3", "box.mbox#4"]);
        assert_eq!(contents.documents[0].body, "body\nFrom here");
        assert_eq!(contents.skipped.len(), 1);
        assert_eq!(contents.skipped[0].line, Some(8));
        let unique = "From a\nMessage-ID: <u@x>\nSubject: s\n\nb\n";
        assert_eq!(
            parse_file("u.mbox", unique.as_bytes()).documents[0].id,
            "u.mbox#u@x"
        );
        let not = parse_file("n.mbox", b"Subject: x\n\nno envelope");
        assert!(
            not.skipped[0].reason.starts_with("not a mailbox"),
            "{:?}",
            not.skipped
        );
    }
}
