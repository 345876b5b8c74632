//! Reading documents: which files are documents, how their bytes become text, and what a
//! document is (`Document`). Every file is untrusted input: decoding, parsing and sanitising
//! never panic, and anything that cannot be read is reported as a [`Skipped`] entry naming
//! the file, the line where it applies, and the reason.

pub(crate) mod archive;
mod decode;
mod document;
mod feed;
mod html;
mod json;
mod mail;
pub mod metadata;
mod office;
mod pdf;
mod plain;
pub mod sanitize;
mod scan;
mod telegram;
mod warc;

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use crate::text::terminal::name_for_terminal;

pub use decode::{DecodeError, decode};
pub use document::{Document, Draft, Meta, content_hash, date_timestamp, read_date};
pub use metadata::{FileMeta, Metadata};
pub use scan::{CorpusFile, refused_name, scan};

/// The largest file isnad reads as one document source.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads at most [`MAX_FILE_BYTES`] from `source`, or says why not: a larger source (a file
/// whose size says so is refused before a byte is read; standard input or a file that grows
/// is refused as soon as it passes the limit), or a read that failed. Memory never grows
/// past the limit, whatever is given.
pub fn read_bounded(source: impl std::io::Read, size: Option<u64>) -> Result<Vec<u8>, String> {
    read_at_most(source, size, MAX_FILE_BYTES)
}

fn read_at_most(
    source: impl std::io::Read,
    size: Option<u64>,
    limit: u64,
) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let too_large = |size: Option<u64>| {
        let size = size.map_or_else(
            || format!("over {}", limit / 1_000_000),
            |size| (size / 1_000_000).to_string(),
        );
        format!(
            "too large ({size} MB; isnad reads files up to {} MB): split it into smaller files",
            limit / 1_000_000
        )
    };
    if size.is_some_and(|size| size > limit) {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size.unwrap_or(0)).unwrap_or(0));
    source
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot read: {error}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// [`read_bounded`] of the file at `path`.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|error| format!("cannot read: {error}"))?;
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    read_bounded(file, size)
}

/// The document formats isnad reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    JsonLines,
    Json,
    Html,
    Pdf,
    Docx,
    Odt,
    Eml,
    Mbox,
    /// RSS 2.0 and 1.0 and Atom feeds: one document per item or entry.
    Feed,
    /// Web archives (gzipped or not): one document per archived HTML page.
    Warc,
}

impl Format {
    /// The format a path's extension names, if isnad reads it.
    pub fn of_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        if extension == "gz" {
            let inner = Path::new(path.file_stem()?).extension()?.to_str()?;
            return inner.eq_ignore_ascii_case("warc").then_some(Format::Warc);
        }
        Some(match extension.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "jsonl" | "ndjson" => Format::JsonLines,
            "json" => Format::Json,
            "html" | "htm" | "xhtml" => Format::Html,
            "pdf" => Format::Pdf,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "eml" => Format::Eml,
            "mbox" => Format::Mbox,
            "rss" | "atom" | "xml" => Format::Feed,
            "warc" => Format::Warc,
            _ => return None,
        })
    }

    /// The extensions isnad reads, for messages.
    pub const SUPPORTED: &'static str =
        ".txt .md .json .jsonl .html .pdf .docx .odt .eml .mbox .rss .atom .xml .warc .warc.gz";
}

/// A file, or one record of a file, that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// The corpus-relative path (or the path as given, outside a corpus).
    pub path: String,
    /// The 1-based line of a JSON Lines record.
    pub line: Option<usize>,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", name_for_terminal(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// What one file yielded: its documents and whatever in it was skipped.
#[derive(Debug, Default)]
pub struct FileContents {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
}

impl FileContents {
    /// Keeps the document `draft` makes, with `meta` filling in what it does not state, or
    /// records why there is none.
    fn add(
        &mut self,
        rel: &str,
        meta: Option<&FileMeta>,
        id: String,
        line: Option<usize>,
        draft: Result<Draft, String>,
    ) {
        match draft.and_then(|mut draft| {
            if let Some(meta) = meta {
                meta.fill(&mut draft);
            }
            Document::from_draft(id, rel.to_owned(), draft)
        }) {
            Ok(document) => self.documents.push(document),
            Err(reason) => self.skipped.push(Skipped {
                path: rel.to_owned(),
                line,
                reason,
            }),
        }
    }
}

/// One document a reader found in a file: its id (the file's own,
/// [`file_id`], or a record's under it, [`record_id`]), the line where it starts when that
/// means something, and its draft or why it could not be read.
#[derive(Debug)]
struct Found {
    id: String,
    line: Option<usize>,
    draft: Result<Draft, String>,
}

impl Found {
    /// The one document a file is.
    fn file(rel: &str, draft: Result<Draft, String>) -> Found {
        Found {
            id: file_id(rel).into_owned(),
            line: None,
            draft,
        }
    }
}

/// A PDF: one document, and a note of the pages that could not be read.
fn read_pdf(rel: &str, bytes: &[u8]) -> Result<Vec<Found>, String> {
    let read = pdf::read_pdf(bytes)?;
    let mut found = Vec::new();
    let pages = read.pages;
    if read.scanned.len() == pages {
        return Err(format!(
            "scanned PDF: {} without a text layer, and isnad does not read text from \
             images; run OCR on it first (e.g. `ocrmypdf -l ara+eng`)",
            if pages == 1 {
                "its one page is an image".to_owned()
            } else {
                format!("its {pages} pages are images")
            }
        ));
    }
    found.push(Found::file(rel, Ok(read.draft)));
    if !read.scanned.is_empty() {
        found.push(Found::file(
            rel,
            Err(format!(
                "{} {} images without a text layer (scanned): {} not indexed; run OCR on \
                 the file to read them",
                pages_named(&read.scanned),
                if read.scanned.len() == 1 { "is" } else { "are" },
                if read.scanned.len() == 1 {
                    "its text is"
                } else {
                    "their text is"
                },
            )),
        ));
    }
    if read.left_out > 0 {
        found.push(Found::file(
            rel,
            Err(format!(
                "only the first {} of its {pages} pages are read",
                pdf::MAX_PAGES
            )),
        ));
    }
    Ok(found)
}

/// How many pages a PDF has, when it can be read: for progress and benchmarks.
pub fn pdf_page_count(bytes: &[u8]) -> Option<usize> {
    pdf::page_count(bytes)
}

/// "page 3", "pages 3, 5 and 9".
fn pages_named(pages: &[usize]) -> String {
    match pages {
        [one] => format!("page {one}"),
        [head @ .., last] => {
            let head: Vec<String> = head.iter().map(ToString::to_string).collect();
            format!("pages {} and {last}", head.join(", "))
        }
        [] => String::new(),
    }
}

/// Parses the bytes of the file at corpus-relative path `rel` (with `/` separators).
pub fn parse_file(rel: &str, bytes: &[u8]) -> FileContents {
    parse_file_with(rel, bytes, None)
}

/// [`parse_file`], with what metadata tables say of the file filling in what each of its
/// documents does not state ([`FileMeta::fill`]).
pub fn parse_file_with(rel: &str, bytes: &[u8], meta: Option<&FileMeta>) -> FileContents {
    let mut contents = FileContents::default();
    let skip = |line, reason: String| Skipped {
        path: rel.to_owned(),
        line,
        reason,
    };
    let Some(format) = Format::of_path(Path::new(rel)) else {
        contents.skipped.push(skip(
            None,
            format!("not a document format isnad reads ({})", Format::SUPPORTED),
        ));
        return contents;
    };
    // Text formats are decoded first (encoding sniffed, NUL bytes refused); the others are
    // read from their bytes.
    let text = |read: &dyn Fn(&str) -> Vec<Found>| {
        decode(bytes)
            .map(|(text, _)| read(&text))
            .map_err(|error| error.to_string())
    };
    let one = |draft| vec![Found::file(rel, draft)];
    let found = match format {
        Format::Text => text(&|text| one(Ok(plain::read_txt(text)))),
        Format::Markdown => text(&|text| one(Ok(plain::read_markdown(text)))),
        Format::Html => text(&|text| one(html::read_html(text))),
        Format::JsonLines => text(&|text| {
            json::read_json_lines(text)
                .into_iter()
                .map(|record| Found {
                    id: record_id(rel, &record.key),
                    line: record.line,
                    draft: record.draft,
                })
                .collect()
        }),
        Format::Json => {
            text(
                &|text| match json::read_json(text, |value| telegram::read_export(rel, value)) {
                    Ok(json::Read::Export(Ok(found))) => found,
                    Ok(json::Read::Records(records)) => records
                        .into_iter()
                        .map(|record| Found {
                            id: record_id(rel, &record.key),
                            line: None,
                            draft: record.draft,
                        })
                        .collect(),
                    Ok(json::Read::Export(Err(reason))) | Err(reason) => one(Err(reason)),
                },
            )
        }
        Format::Pdf => read_pdf(rel, bytes),
        Format::Docx => office::read_docx(bytes).map(|draft| one(Ok(draft))),
        Format::Odt => office::read_odt(bytes).map(|draft| one(Ok(draft))),
        Format::Eml => mail::read_eml(rel, bytes),
        Format::Mbox => mail::read_mbox(rel, bytes),
        Format::Feed => feed::read_feed(rel, bytes),
        Format::Warc => warc::read_warc(rel, bytes),
    };
    match found {
        Ok(found) => {
            for Found { id, line, draft } in found {
                contents.add(rel, meta, id, line, draft);
            }
        }
        Err(reason) => contents.skipped.push(skip(None, reason)),
    }
    dedupe_ids(&mut contents);
    contents
}

/// Why each part of a file that was not read was skipped, for the readers' tests.
#[cfg(test)]
fn skip_reasons(rel: &str, bytes: &[u8]) -> Vec<String> {
    parse_file(rel, bytes)
        .skipped
        .into_iter()
        .map(|skipped| skipped.reason)
        .collect()
}

/// The id of the document the file at corpus-relative path `rel` is, and the part before the
/// first `#` of the ids of the records it holds: the path with `%` written `%25` and `#`
/// written `%23`. Ids are unique by construction: the first `#` of an id always ends its
/// file's part, so no file can take the id of another file's record (a file
/// `a.json#1/x.txt` against the record `1/x.txt` of `a.json`). Paths without `%` and `#`,
/// nearly all, are their own ids.
pub fn file_id(rel: &str) -> Cow<'_, str> {
    if !rel.contains(['%', '#']) {
        return Cow::Borrowed(rel);
    }
    Cow::Owned(rel.replace('%', "%25").replace('#', "%23"))
}

/// The id of the record with key `key` in the file at `rel`: `{file id}#{key}`.
pub fn record_id(rel: &str, key: &str) -> String {
    format!("{}#{key}", file_id(rel))
}

/// Whether `id` is an id this version of isnad gives a document of the file at `rel`: the
/// file's id, or a record id under it. (Versions before ids were escaped gave a file with `%`
/// or `#` in its path other ids; such a file is read again.)
pub fn is_id_of_file(id: &str, rel: &str) -> bool {
    let file = file_id(rel);
    id.strip_prefix(file.as_ref())
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
}

/// Two records of one file with the same `id` field would share a document id; the later
/// ones are skipped with a message rather than silently shadowing the first.
fn dedupe_ids(contents: &mut FileContents) {
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(contents.documents.len());
    for document in contents.documents.drain(..) {
        if seen.insert(document.id.clone()) {
            kept.push(document);
        } else {
            contents.skipped.push(Skipped {
                path: document.file.clone(),
                line: None,
                reason: format!(
                    "duplicate id {:?}: only the first record with it is kept",
                    document.id
                ),
            });
        }
    }
    contents.documents = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_by_construction() {
        assert_eq!(file_id("reports/a.txt"), "reports/a.txt");
        assert_eq!(file_id("a.json#1/x.txt"), "a.json%231/x.txt");
        assert_eq!(file_id("50%23.txt"), "50%2523.txt");
        assert_eq!(record_id("a.json", "1/x.txt"), "a.json#1/x.txt");
        assert_ne!(file_id("a.json#1/x.txt"), record_id("a.json", "1/x.txt"));
        assert_ne!(file_id("a%23b.txt"), file_id("a#b.txt"));
        assert!(is_id_of_file("a%23b.json#7", "a#b.json"));
        assert!(is_id_of_file("a%23b.txt", "a#b.txt"));
        assert!(
            !is_id_of_file("a#b.txt", "a#b.txt"),
            "the id before escaping"
        );
        assert!(!is_id_of_file("a%23b.txt2", "a#b.txt"));
        let planted = parse_file("a.json#1/x.txt", "نص".as_bytes());
        let records = parse_file("a.json", br#"[{"id": "1/x.txt", "body": "aa"}]"#);
        assert_eq!(planted.documents[0].id, "a.json%231/x.txt");
        assert_eq!(records.documents[0].id, "a.json#1/x.txt");
    }

    /// `isnad add` and `show` read a whole file before refusing it (8 GB for a sparse
    /// file), and `yes | isnad show -` grew to 15 GB.
    #[test]
    fn reading_stops_at_the_limit_whatever_the_source() {
        struct Unread;
        impl std::io::Read for Unread {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                panic!("a source whose size is known to be too large is not read");
            }
        }
        let refused = read_at_most(Unread, Some(8_000_000_001), 2_000_000).expect_err("size");
        assert!(refused.starts_with("too large (8000 MB;"), "{refused}");
        let endless = std::io::repeat(b'y');
        let refused = read_at_most(endless, None, 2_000_000).expect_err("endless");
        assert!(refused.starts_with("too large (over 2 MB;"), "{refused}");
        let fits = read_at_most(&b"abc"[..], None, 3).expect("fits");
        assert_eq!(fits, b"abc");
    }

    #[test]
    fn every_format_yields_documents() {
        let txt = parse_file("a.txt", "عنوان\nنص".as_bytes());
        assert_eq!(txt.documents[0].title, "عنوان");
        let md = parse_file("b.md", b"# T\n\nbody");
        assert_eq!(md.documents[0].title, "T");
        let jsonl = parse_file(
            "c.jsonl",
            b"{\"title\":\"x\",\"body\":\"y\"}\n{\"body\":\"z\"}\n",
        );
        let ids: Vec<_> = jsonl.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["c.jsonl#1", "c.jsonl#2"]);
        let html = parse_file("d.html", b"<title>T</title><p>x</p>");
        assert_eq!(html.documents[0].body, "x");
    }

    #[test]
    fn unreadable_input_is_skipped_with_a_reason() {
        let bin = parse_file("x.txt", b"\0\x01\x02");
        assert!(bin.documents.is_empty());
        assert_eq!(
            bin.skipped[0].to_string(),
            "x.txt: binary file (it contains NUL bytes), not text"
        );
        let empty = parse_file("e.txt", b"  \n ");
        assert!(empty.skipped[0].reason.starts_with("empty document"));
        let other = parse_file("f.png", b"\x89PNG");
        assert!(other.skipped[0].reason.contains(".txt .md"));
        let bad = parse_file("g.jsonl", b"{\"body\":\"ok\"}\n{oops\n");
        assert_eq!(bad.documents.len(), 1);
        assert!(
            bad.skipped[0]
                .to_string()
                .starts_with("g.jsonl:2: malformed JSON")
        );
    }

    #[test]
    fn duplicate_record_ids_are_reported() {
        let dup = parse_file(
            "h.jsonl",
            b"{\"id\":1,\"body\":\"a\"}\n{\"id\":1,\"body\":\"b\"}\n",
        );
        assert_eq!(dup.documents.len(), 1);
        assert!(dup.skipped[0].reason.contains("duplicate id"));
    }
}
