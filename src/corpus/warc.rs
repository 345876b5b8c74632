//! Web archives (WARC 1.0 and 1.1, `.warc` and `.warc.gz`, gzipped per record or as a whole):
//! one document per archived HTML page, that is per `response` record whose HTTP response
//! has status 200 and an HTML content type, read by the HTML reader in the charset the
//! response or the page states. The page's URL is the record's `WARC-Target-URI`, its date
//! the one the page states or else the capture's `WARC-Date`, its source the one the page
//! states or else the host. Other responses are counted in one line for the file.
//!
//! Everything decompressed (the file, and gzip or deflate content inside an HTTP response)
//! counts against one budget, [`super::MAX_FILE_BYTES`], so a decompression bomb is refused
//! with a message rather than filling memory.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use super::decode::{decode_stated, label_after};
use super::document::Draft;
use super::html::read_html;
use super::{Found, record_id};
use crate::text::terminal::hides_in_a_name;

/// The largest archived page read, decompressed.
const MAX_PAGE: u64 = 64_000_000;

/// The longest header block of a WARC record or an HTTP response.
const MAX_HEAD: usize = 1024 * 1024;

const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

/// The documents of a web archive, or why it cannot be read.
pub(super) fn read_warc(rel: &str, bytes: &[u8]) -> Result<Vec<Found>, String> {
    read_warc_within(rel, bytes, super::MAX_FILE_BYTES)
}

/// [`read_warc`] with at most `limit` bytes decompressed in all.
fn read_warc_within(rel: &str, bytes: &[u8], limit: u64) -> Result<Vec<Found>, String> {
    let mut budget = limit;
    let mut notes = Vec::new();
    let data = if bytes.starts_with(GZIP_MAGIC) {
        let (data, damage) =
            inflate(MultiGzDecoder::new(bytes), &mut budget).map_err(|error| match error {
                Inflate::TooLarge => format!(
                    "decompresses to more than {} MB (a decompression bomb, or an archive too \
                     large to read at once); not read: split it into smaller files",
                    limit / 1_000_000
                ),
                Inflate::Broken(error) => {
                    format!("not a WARC file: its gzip is unreadable ({error})")
                }
            })?;
        if let Some(error) = damage {
            notes.push(format!(
                "the gzip stream is damaged or truncated after {} bytes ({error}); the records \
                 before it are read",
                data.len()
            ));
        }
        Cow::Owned(data)
    } else {
        Cow::Borrowed(bytes)
    };
    let mut archive = Archive {
        rel,
        found: Vec::new(),
        budget,
        responses: 0,
        left_out: BTreeMap::new(),
    };
    let mut position = 0;
    let mut number = 0;
    loop {
        let record = match next_record(&data, &mut position) {
            None => break,
            Some(Ok(record)) => record,
            Some(Err(Broken::NotWarc(found))) if number == 0 => {
                return Err(format!(
                    "not a WARC file: it does not start with a WARC version line ({found})"
                ));
            }
            Some(Err(Broken::Damaged(error))) if number == 0 => {
                return Err(format!("a damaged WARC file: {error}"));
            }
            Some(Err(broken)) => {
                let error = match broken {
                    Broken::NotWarc(found) => format!("where a record should start, {found}"),
                    Broken::Damaged(error) => error,
                };
                notes.push(format!(
                    "the archive is damaged after record {number}: {error}; the records before \
                     it are read"
                ));
                break;
            }
        };
        number += 1;
        archive.read(&record, number);
    }
    if number == 0 {
        return Err("not a WARC file: it is empty".to_owned());
    }
    Ok(archive.finish(notes))
}

/// What the records of one archive yielded so far.
struct Archive<'a> {
    rel: &'a str,
    found: Vec<Found>,
    /// Bytes that may still be decompressed.
    budget: u64,
    /// `response` records seen.
    responses: usize,
    /// Why responses were left out (`status 404`, `image/png`), and how many each.
    left_out: BTreeMap<String, usize>,
}

impl Archive<'_> {
    fn read(&mut self, record: &Record<'_>, number: usize) {
        let kind = record.header("WARC-Type").unwrap_or("");
        let page = match kind {
            "response" => {
                self.responses += 1;
                match self.http_page(record) {
                    Ok(page) => page,
                    Err(reason) => {
                        *self.left_out.entry(reason).or_default() += 1;
                        return;
                    }
                }
            }
            // A page archived without its HTTP response (`wget --warc` writes responses,
            // other tools resources).
            "resource" if record.header("Content-Type").is_some_and(is_html_type) => Page {
                body: Ok(Cow::Borrowed(record.block)),
                charset: record
                    .header("Content-Type")
                    .and_then(charset)
                    .map(str::to_owned),
            },
            _ => return,
        };
        let key = record
            .header("WARC-Record-ID")
            .and_then(record_key)
            .unwrap_or_else(|| format!("record{number}"));
        let draft = page.body.and_then(|body| {
            let charset = page
                .charset
                .as_deref()
                .or_else(|| label_after(body.get(..1024).unwrap_or(&body), "charset="));
            let (text, _) = decode_stated(&body, charset).map_err(|error| error.to_string())?;
            let mut draft: Draft = read_html(&text)?;
            let uri = record.header("WARC-Target-URI").map(str::trim);
            if let Some(uri) = uri {
                draft.meta.url = Some(uri.to_owned());
            }
            if draft.meta.published.is_none() {
                draft.meta.published = record.header("WARC-Date").map(str::to_owned);
            }
            if draft.meta.source.is_none() {
                draft.meta.source = uri.and_then(host);
            }
            Ok(draft)
        });
        self.found.push(Found {
            id: record_id(self.rel, &key),
            line: None,
            draft,
        });
    }

    /// The HTML page of a `response` record, or why it is left out.
    fn http_page<'r>(&mut self, record: &Record<'r>) -> Result<Page<'r>, String> {
        let http = Http::parse(record.block).ok_or("no readable HTTP response")?;
        if http.status != 200 {
            return Err(format!("status {}", http.status));
        }
        let content_type = http.header("Content-Type");
        match content_type {
            Some(content_type) if !is_html_type(content_type) => {
                return Err(media_type(content_type));
            }
            None if !looks_like_html(http.body) => return Err("no Content-Type".to_owned()),
            _ => {}
        }
        let chunked = http
            .header("Transfer-Encoding")
            .is_some_and(|coding| coding.to_ascii_lowercase().contains("chunked"));
        let body = match chunked.then(|| dechunk(http.body)).flatten() {
            Some(body) => Cow::Owned(body),
            None => Cow::Borrowed(http.body),
        };
        let coding = http
            .header("Content-Encoding")
            .map(|coding| coding.trim().to_ascii_lowercase());
        let body = match coding.as_deref() {
            Some("gzip" | "x-gzip") if body.starts_with(GZIP_MAGIC) => {
                self.inflate_page(MultiGzDecoder::new(body.as_ref()))
            }
            Some("deflate") => self
                .inflate_page(ZlibDecoder::new(body.as_ref()))
                .or_else(|_| self.inflate_page(DeflateDecoder::new(body.as_ref()))),
            // Gzip that is not (tools that archive the decoded page and keep the header).
            None | Some("" | "identity" | "gzip" | "x-gzip") => Ok(body),
            Some(other) => Err(format!(
                "the page is compressed with {:?}, which isnad does not decompress",
                other.chars().take(20).collect::<String>()
            )),
        };
        Ok(Page {
            body,
            charset: content_type.and_then(charset).map(str::to_owned),
        })
    }

    fn inflate_page<'r>(&mut self, decoder: impl Read) -> Result<Cow<'r, [u8]>, String> {
        let mut allowed = self.budget.min(MAX_PAGE);
        let before = allowed;
        let result = inflate(decoder, &mut allowed);
        self.budget = self.budget.saturating_sub(before - allowed);
        match result {
            Ok((page, _)) => Ok(Cow::Owned(page)),
            Err(Inflate::TooLarge) => Err(format!(
                "the compressed page decompresses to more than {} MB (a decompression bomb?); \
                 not read",
                before / 1_000_000
            )),
            Err(Inflate::Broken(error)) => {
                Err(format!("the compressed page is unreadable: {error}"))
            }
        }
    }

    /// The pages found, then one line for the responses left out and one for any damage.
    fn finish(mut self, notes: Vec<String>) -> Vec<Found> {
        let left_out: usize = self.left_out.values().sum();
        let mut lines = Vec::new();
        if left_out > 0 {
            let mut reasons: Vec<(&String, &usize)> = self.left_out.iter().collect();
            reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let shown: Vec<String> = reasons
                .iter()
                .take(6)
                .map(|(reason, count)| format!("{count} {reason}"))
                .collect();
            let more = if reasons.len() > 6 { ", …" } else { "" };
            lines.push(format!(
                "{left_out} of {} archived responses are not HTML pages with status 200 and \
                 are not documents ({}{more})",
                self.responses,
                shown.join(", ")
            ));
        }
        lines.extend(notes);
        for line in lines {
            self.found.push(Found::file(self.rel, Err(line)));
        }
        self.found
    }
}

/// An archived page's bytes (or why they cannot be had) and the charset its response states.
struct Page<'r> {
    body: Result<Cow<'r, [u8]>, String>,
    charset: Option<String>,
}

/// One WARC record: its named fields and its content block.
struct Record<'a> {
    fields: Vec<(String, String)>,
    block: &'a [u8],
}

impl Record<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.fields, name)
    }
}

/// The record at `position` (past any blank lines), moving `position` past it; `None` at the
/// end of the data.
fn next_record<'a>(data: &'a [u8], position: &mut usize) -> Option<Result<Record<'a>, Broken>> {
    let rest = data.get(*position..)?;
    let skipped = rest.iter().position(|b| !matches!(b, b'\r' | b'\n'))?;
    let start = *position + skipped;
    let rest = data.get(start..)?;
    Some(record_at(rest, start).map(|(record, length)| {
        *position = start + length;
        record
    }))
}

/// The record at the start of `data` (found at byte `offset` of the archive) and its length.
fn record_at(data: &[u8], offset: usize) -> Result<(Record<'_>, usize), Broken> {
    if !data.starts_with(b"WARC/") {
        return Err(Broken::NotWarc(preview(data)));
    }
    let Some((head, body_start)) = split_head(data) else {
        return Err(Broken::Damaged(format!(
            "the record at byte {offset} has no end to its header (is the file truncated?)"
        )));
    };
    let head = String::from_utf8_lossy(head);
    let fields = fields(head.lines().skip(1));
    let length = header(&fields, "Content-Length")
        .and_then(|length| length.trim().parse::<usize>().ok())
        .ok_or_else(|| {
            Broken::Damaged(format!(
                "the record at byte {offset} has no valid Content-Length"
            ))
        })?;
    let block = body_start
        .checked_add(length)
        .and_then(|end| data.get(body_start..end))
        .ok_or_else(|| {
            Broken::Damaged(format!(
                "the record at byte {offset} is truncated: it declares {length} bytes of \
                 content, and the file ends after {}",
                data.len().saturating_sub(body_start)
            ))
        })?;
    Ok((Record { fields, block }, body_start + length))
}

/// Why no record could be read where one should start.
enum Broken {
    /// Something else than a record, shown as [`preview`] shows it.
    NotWarc(String),
    /// A record cut short or with its header broken.
    Damaged(String),
}

/// The header block (before the first blank line, CRLF or LF) and where what follows starts;
/// `None` when there is no blank line in the first [`MAX_HEAD`] bytes.
fn split_head(data: &[u8]) -> Option<(&[u8], usize)> {
    let window = data.get(..MAX_HEAD).unwrap_or(data);
    let crlf = window
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| (at, at + 4));
    let lf = window
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|at| (at, at + 2));
    let (end, body) = match (crlf, lf) {
        (Some(crlf), Some(lf)) => crlf.min(lf),
        (found, None) | (None, found) => found?,
    };
    Some((data.get(..end)?, body))
}

/// `Name: value` fields, continuation lines (starting with a space or tab) joined to theirs.
fn fields<'l>(lines: impl Iterator<Item = &'l str>) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    fields
}

fn header<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(field, _)| field.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// An HTTP response as archived: status, header fields, body.
struct Http<'a> {
    status: u16,
    fields: Vec<(String, String)>,
    body: &'a [u8],
}

impl<'a> Http<'a> {
    /// Reads the status line (`HTTP/1.1 200 OK`, also `HTTP/2 200` as some crawlers write
    /// it) and the header fields.
    fn parse(block: &'a [u8]) -> Option<Http<'a>> {
        let (head, body_start) = split_head(block)?;
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines();
        let mut status_line = lines.next()?.split_whitespace();
        if !status_line.next()?.starts_with("HTTP/") {
            return None;
        }
        let status = status_line.next()?.parse().ok()?;
        Some(Http {
            status,
            fields: fields(lines),
            body: block.get(body_start..)?,
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        header(&self.fields, name)
    }
}

fn media_type(content_type: &str) -> String {
    let media = content_type.split(';').next().unwrap_or("").trim();
    if media.is_empty() {
        return "no Content-Type".to_owned();
    }
    media
        .chars()
        .filter(|&c| !hides_in_a_name(c))
        .take(60)
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_html_type(content_type: &str) -> bool {
    matches!(
        media_type(content_type).as_str(),
        "text/html" | "application/xhtml+xml"
    )
}

/// A body that starts like an HTML page, for responses that name no type.
fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = body.get(start..start + 14).unwrap_or(&[]);
    head.eq_ignore_ascii_case(b"<!doctype html")
        || head
            .get(..5)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"<html"))
}

fn charset(content_type: &str) -> Option<&str> {
    label_after(content_type.as_bytes(), "charset=")
}

/// A chunked body joined; `None` when the body is not chunked after all (an archive that
/// stored it decoded). A body cut short keeps the chunks it has.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = rest.iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(rest.get(..line_end)?).ok()?;
        let size = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        rest = rest.get(line_end + 1..)?;
        if size == 0 {
            return Some(out);
        }
        let Some(chunk) = rest.get(..size) else {
            out.extend_from_slice(rest);
            return Some(out);
        };
        out.extend_from_slice(chunk);
        rest = rest.get(size..)?;
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
        if rest.is_empty() {
            return Some(out);
        }
    }
}

enum Inflate {
    TooLarge,
    Broken(std::io::Error),
}

/// Decompresses all `decoder` gives, at most `*budget` bytes (which it lowers by what it
/// used); with the error that stopped it when data came out before it (a truncated stream).
fn inflate(
    decoder: impl Read,
    budget: &mut u64,
) -> Result<(Vec<u8>, Option<std::io::Error>), Inflate> {
    let mut out = Vec::new();
    let result = decoder.take(*budget + 1).read_to_end(&mut out);
    let used = out.len() as u64;
    if used > *budget {
        return Err(Inflate::TooLarge);
    }
    *budget -= used;
    match result {
        Ok(_) => Ok((out, None)),
        Err(error) if out.is_empty() => Err(Inflate::Broken(error)),
        Err(error) => Ok((out, Some(error))),
    }
}

/// The key of a record from its `WARC-Record-ID`: the uuid of `<urn:uuid:…>`, or the id
/// without its angle brackets; `None` when it could hide in a name.
fn record_key(id: &str) -> Option<String> {
    let id = id.trim();
    let id = id.strip_prefix('<').unwrap_or(id);
    let id = id.strip_suffix('>').unwrap_or(id);
    let id = id.strip_prefix("urn:uuid:").unwrap_or(id);
    let usable = !id.is_empty()
        && id.len() <= 200
        && !id.chars().any(|c| hides_in_a_name(c) || c.is_whitespace());
    usable.then(|| id.to_owned())
}

/// The host of a URL (`https://user@www.example.org:8080/a` gives `www.example.org`).
fn host(uri: &str) -> Option<String> {
    let (_, rest) = uri.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next()?
    } else {
        authority.split(':').next()?
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The first bytes of what was found instead of a WARC record, safe to show.
fn preview(data: &[u8]) -> String {
    let head = String::from_utf8_lossy(data.get(..24).unwrap_or(data)).into_owned();
    let shown: String = head
        .chars()
        .map(|c| if hides_in_a_name(c) { '·' } else { c })
        .collect();
    format!("found {shown:?}")
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use flate2::Compression;
    use flate2::write::{GzEncoder, ZlibEncoder};

    use super::*;
    use crate::corpus::{parse_file, skip_reasons};

    pub(super) fn record(kind: &str, uri: &str, id: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2024-03-23T08:15:00Z\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
             Content-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(status: &str, head: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n{head}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(data).expect("gzip");
        encoder.finish().expect("gzip")
    }

    fn archive() -> Vec<u8> {
        let arabic = "<html><head><title>بيان الكرملين</title></head><body><p>نفى الكرملين أي صلة بالهجوم.</p></body></html>";
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
        let english = b"<html lang=en><head><title>Toll</title><meta property='og:site_name' content='Wire'></head><body><p>The toll rose.</p></body></html>";
        let chunked = {
            let mut body = b"a\r\n".to_vec();
            body.extend_from_slice(english.get(..10).expect("head"));
            body.extend_from_slice(format!("\r\n{:x}\r\n", english.len() - 10).as_bytes());
            body.extend_from_slice(english.get(10..).expect("rest"));
            body.extend_from_slice(b"\r\n0\r\n\r\n");
            body
        };
        let mut warc =
            b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n".to_vec();
        warc.extend(record(
            "response",
            "https://arabic.example.org/kremlin",
            "11111111-1111-1111-1111-111111111111",
            &response(
                "200 OK",
                "Content-Type: text/html; charset=windows-1256\r\nContent-Encoding: gzip\r\n",
                &gzip(&cp1256),
            ),
        ));
        warc.extend(record(
            "response",
            "https://wire.example.com:8443/toll?x=1",
            "22222222-2222-2222-2222-222222222222",
            &response(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                &chunked,
            ),
        ));
        warc.extend(record(
            "response",
            "https://wire.example.com/gone",
            "33333333-3333-3333-3333-333333333333",
            &response(
                "404 Not Found",
                "Content-Type: text/html\r\n",
                b"<p>not here</p>",
            ),
        ));
        warc.extend(record(
            "response",
            "https://wire.example.com/logo.png",
            "44444444-4444-4444-4444-444444444444",
            &response(
                "200 OK",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n",
            ),
        ));
        warc.extend(record(
            "request",
            "https://wire.example.com/",
            "5",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        warc
    }

    fn check(read: &crate::corpus::FileContents, rel: &str) {
        let [kremlin, toll] = read.documents.as_slice() else {
            panic!("two pages: {:?} {:?}", read.documents, read.skipped);
        };
        assert_eq!(
            kremlin.id,
            format!("{rel}#11111111-1111-1111-1111-111111111111")
        );
        assert_eq!(kremlin.title, "بيان الكرملين");
        assert_eq!(kremlin.body, "نفى الكرملين أي صلة بالهجوم.");
        assert_eq!(
            kremlin.url.as_deref(),
            Some("https://arabic.example.org/kremlin")
        );
        assert_eq!(kremlin.source.as_deref(), Some("arabic.example.org"));
        assert_eq!(kremlin.published.as_deref(), Some("2024-03-23"));
        assert_eq!(toll.body, "The toll rose.");
        assert_eq!(toll.source.as_deref(), Some("Wire"));
        assert_eq!(toll.lang, "en");
        let skipped: Vec<_> = read.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            skipped,
            [format!(
                "{rel}: 2 of 4 archived responses are not HTML pages with status 200 and are not \
                 documents (1 image/png, 1 status 404)"
            )]
        );
    }

    #[test]
    fn html_responses_become_documents_and_the_rest_is_counted() {
        check(&parse_file("crawl.warc", &archive()), "crawl.warc");
    }

    #[test]
    fn gzip_per_record_or_whole_file() {
        check(
            &parse_file("whole.warc.gz", &gzip(&archive())),
            "whole.warc.gz",
        );
        let data = archive();
        let mut per_record = Vec::new();
        let mut position = 0;
        while let Some(Ok(())) = next_record(&data, &mut position).map(|r| r.map(|_| ())) {
            per_record.push(position);
        }
        let mut members = Vec::new();
        let mut start = 0;
        for end in per_record {
            members.extend(gzip(data.get(start..end).expect("record")));
            start = end;
        }
        check(&parse_file("each.warc.gz", &members), "each.warc.gz");
    }

    #[test]
    fn decompression_bombs_are_refused() {
        let bomb = gzip(&vec![0u8; 3_000_000]);
        let refused = read_warc_within("b.warc.gz", &bomb, 2_000_000).expect_err("bomb");
        assert!(
            refused.starts_with("decompresses to more than 2 MB"),
            "{refused}"
        );
        let page = response(
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gzip(&vec![b' '; 3_000_000]),
        );
        let warc = record("response", "https://e/", "6", &page);
        let found = read_warc_within("p.warc", &warc, 2_000_000).expect("archive");
        let reason = found[0].draft.as_ref().expect_err("bomb in the page");
        assert!(
            reason.contains("decompresses to more than 2 MB"),
            "{reason}"
        );
    }

    #[test]
    fn broken_archives_are_named() {
        let html = skip_reasons("page.warc", b"<html><body>hello</body></html>");
        assert!(
            html[0].starts_with("not a WARC file: it does not start with a WARC version line"),
            "{html:?}"
        );
        let data = archive();
        let cut = data.get(..data.len() - 200).expect("cut");
        assert_eq!(parse_file("cut.warc", cut).documents.len(), 2);
        let reasons = skip_reasons("cut.warc", cut).join("\n");
        assert!(reasons.contains("is the file truncated?"), "{reasons}");
        let one = record(
            "response",
            "https://e/",
            "7",
            b"HTTP/1.1 200 OK\r\n\r\n<p>x</p>",
        );
        let cut = one.get(..one.len() - 8).expect("cut");
        let reason = read_warc("one.warc", cut).expect_err("truncated");
        assert!(
            reason.starts_with(
                "a damaged WARC file: the record at byte 0 is truncated: it declares 27 bytes"
            ),
            "{reason}"
        );
        let gz = gzip(&data);
        let cut = gz.get(..gz.len() / 2).expect("cut");
        let reasons = skip_reasons("cut.warc.gz", cut).join("\n");
        assert!(
            reasons.contains("gzip stream is damaged or truncated"),
            "{reasons}"
        );
        let garbage = skip_reasons("g.warc.gz", b"\x1f\x8bnot really gzip");
        assert!(
            garbage[0].starts_with("not a WARC file: its gzip"),
            "{garbage:?}"
        );
        assert!(
            parse_file("e.warc", b"").skipped[0]
                .reason
                .contains("empty")
        );
    }

    #[test]
    fn resources_deflate_http2_and_bare_newlines_are_read() {
        let mut deflated = ZlibEncoder::new(Vec::new(), Compression::fast());
        deflated
            .write_all(b"<p>deflated page</p>")
            .expect("deflate");
        let mut http2 =
            b"HTTP/2 200\r\ncontent-type: text/html\r\ncontent-encoding: deflate\r\n\r\n".to_vec();
        http2.extend(deflated.finish().expect("deflate"));
        let (iso, _, _) = encoding_rs::ISO_8859_6.encode(
            "<html><head><meta charset='iso-8859-6'></head><body><p>نص الصفحة</p></body></html>",
        );
        let mut warc = format!(
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://r.example/\r\n\
             Content-Type: text/html\r\nContent-Length: {}\r\n\r\n",
            iso.len()
        )
        .into_bytes();
        warc.extend_from_slice(&iso);
        warc.extend(record("response", "https://d.example/", "d1", &http2));
        warc.extend(record(
            "response",
            "https://b.example/",
            "b1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx",
        ));
        warc.extend(b"WARC/1.0\nWARC-Type: response\nContent-Length: 50\n\nHTTP/1.0 200 OK\nContent-Type: text/html\n\n<p>lf</p>\n\n");
        let read = parse_file("m.warc", &warc);
        let bodies: Vec<_> = read.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(
            bodies,
            ["نص الصفحة", "deflated page", "lf"],
            "{:?}",
            read.skipped
        );
        assert_eq!(read.documents[2].id, "m.warc#record4");
        assert!(
            read.skipped
                .iter()
                .any(|s| s.reason.contains("compressed with \"br\"")),
            "{:?}",
            read.skipped
        );
    }

    #[test]
    fn small_parts() {
        assert_eq!(
            host("https://user@www.Example.org:8080/a").as_deref(),
            Some("www.example.org")
        );
        assert_eq!(host("http://[::1]:80/").as_deref(), Some("[::1]"));
        assert_eq!(host("nonsense"), None);
        assert_eq!(record_key("<urn:uuid:abc-1>").as_deref(), Some("abc-1"));
        assert_eq!(record_key("<urn:uuid:a\u{202e}b>"), None);
        assert_eq!(
            dechunk(b"3\r\nabc\r\n0\r\n\r\n").as_deref(),
            Some(&b"abc"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b"5\r\nab").as_deref(), Some(&b"ab"[..]));
    }
}
