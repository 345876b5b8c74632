//! Metadata tables: a `metadata.csv` or `metadata.jsonl` in a corpus folder gives title,
//! source, url, published date, author and language to the files of that folder and its
//! subfolders, for files that cannot say it themselves (`.txt` above all).
//!
//! The rules, which `README.md` states for users:
//! - the `file` column names a file relative to the table's folder (`a.txt`,
//!   `2024/march/b.txt`); the other columns are optional, in any order;
//! - what a document states itself wins (front matter, a `# heading`, JSON fields, HTML
//!   metadata): a table only fills in what it lacks. A `.txt` file's first line is not a stated
//!   title, so a table's title replaces it (and that line is not repeated in the body when it
//!   is the same title);
//! - a table nearer the file wins over one in a folder above, value by value;
//! - a bad row is a [`Skipped`] entry with the table's path, the row's line and the reason,
//!   and only that row is skipped; unknown columns are reported once and ignored; an empty
//!   cell is a value not given.
//!
//! This module only reads: finding the tables, and noticing when they change, is the
//! index's update.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::document::{Draft, is_language_tag, read_date};
use super::{Format, Skipped, decode};
use crate::text::terminal::name_for_terminal;

/// The file names of metadata tables (compared without regard to ASCII case).
pub const TABLE_NAMES: [&str; 2] = ["metadata.csv", "metadata.jsonl"];

/// The columns a table may have, for messages.
const COLUMNS: &str = "file, title, source, url, published, author, lang";

/// Whether the file at corpus-relative path `rel` is a metadata table, not a document.
pub fn is_table(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    TABLE_NAMES.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// The folder a table at `rel` describes, corpus-relative (`""` for a root).
pub fn table_folder(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// The folders whose tables may describe the file at `rel`, nearest first (ending with `""`).
pub fn folders_above(rel: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(rel);
    std::iter::from_fn(move || {
        let current = rest?;
        let folder = current.rsplit_once('/').map(|(folder, _)| folder);
        rest = folder;
        Some(folder.unwrap_or(""))
    })
}

/// What the tables say of one file: each value as written, `None` when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileMeta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Already checked, as `YYYY-MM-DD`.
    pub published: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
}

impl FileMeta {
    /// These values, with what `farther` gives filling in the ones not given.
    fn or(mut self, farther: &FileMeta) -> FileMeta {
        let pairs = [
            (&mut self.title, &farther.title),
            (&mut self.source, &farther.source),
            (&mut self.url, &farther.url),
            (&mut self.published, &farther.published),
            (&mut self.author, &farther.author),
            (&mut self.lang, &farther.lang),
        ];
        for (near, far) in pairs {
            if near.is_none() {
                near.clone_from(far);
            }
        }
        self
    }

    /// A short hash of the values: a file is read again when what applies to it changes.
    pub fn fingerprint(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        blake3::hash(&json).to_hex().chars().take(16).collect()
    }

    /// Fills in what a document's draft does not state. A title from the table replaces a
    /// plain first line, which is then dropped from the body when it is the same title.
    pub fn fill(&self, draft: &mut Draft) {
        let missing = |value: &Option<String>| value.as_deref().is_none_or(|v| v.trim().is_empty());
        if missing(&draft.title)
            && let Some(title) = &self.title
        {
            let body = draft.body.trim_start_matches('\u{FEFF}');
            let first = body.lines().find(|line| !line.trim().is_empty());
            if first.is_some_and(|line| line.trim() == title.trim()) {
                let start = body.find(title.trim()).unwrap_or(0) + title.trim().len();
                draft.body = body.get(start..).unwrap_or_default().to_owned();
            }
            draft.title = Some(title.clone());
        }
        let meta = &mut draft.meta;
        let pairs = [
            (&mut meta.source, &self.source),
            (&mut meta.url, &self.url),
            (&mut meta.published, &self.published),
            (&mut meta.author, &self.author),
            (&mut meta.lang, &self.lang),
        ];
        for (stated, given) in pairs {
            if missing(stated) {
                stated.clone_from(given);
            }
        }
    }
}

/// One table as read: its rows by the corpus-relative path of the file each describes, with
/// the row's line, and what was skipped in it.
#[derive(Debug, Default)]
pub struct Table {
    pub rows: BTreeMap<String, (usize, FileMeta)>,
    pub skipped: Vec<Skipped>,
}

/// The tables of a corpus (or of the part of it an update looks at), by folder.
#[derive(Debug, Default)]
pub struct Metadata {
    folders: BTreeMap<String, BTreeMap<String, (usize, FileMeta)>>,
}

impl Metadata {
    /// Adds the table at `rel`. A file a table of the same folder already describes (a
    /// `metadata.csv` and a `metadata.jsonl` side by side) keeps its first row; the later row
    /// is reported in `table.skipped`.
    pub fn add(&mut self, rel: &str, table: &mut Table) {
        let folder = self
            .folders
            .entry(table_folder(rel).to_owned())
            .or_default();
        for (file, (line, meta)) in std::mem::take(&mut table.rows) {
            if let Some((first, _)) = folder.get(&file) {
                table.skipped.push(Skipped {
                    path: rel.to_owned(),
                    line: Some(line),
                    reason: format!(
                        "{} is already described by another table of this folder (line \
                         {first}); the row is skipped: keep one row per file",
                        quoted(&file)
                    ),
                });
            } else {
                folder.insert(file, (line, meta));
            }
        }
    }

    /// What the tables say of the file at `rel`, nearest table first; `None` when no table
    /// names it.
    pub fn for_file(&self, rel: &str) -> Option<FileMeta> {
        folders_above(rel)
            .filter_map(|folder| self.folders.get(folder)?.get(rel))
            .fold(None, |near: Option<FileMeta>, (_, far)| {
                Some(near.map_or_else(|| far.clone(), |near| near.or(far)))
            })
    }
}

/// Reads the table at corpus-relative path `rel`. `is_document` says whether a
/// corpus-relative path is a document of the corpus: a row naming another file is skipped.
/// Never fails: a table that cannot be read at all is one skipped entry.
pub fn read_table(rel: &str, bytes: &[u8], is_document: &dyn Fn(&str) -> bool) -> Table {
    let mut reader = TableReader {
        rel,
        folder: table_folder(rel),
        is_document,
        table: Table::default(),
        lines: BTreeMap::new(),
    };
    match check_table(rel, bytes) {
        Ok((text, Kind::Csv)) => reader.read_csv(&text),
        Ok((text, Kind::JsonLines)) => reader.read_json_lines(&text),
        Err(reason) => reader.skip(None, reason),
    }
    reader.table
}

/// Whether the table at `rel` can be read at all (its text decodes, and a CSV table's header
/// names a `file` column); what `isnad add` asks before copying one.
pub fn check_table(rel: &str, bytes: &[u8]) -> Result<(String, Kind), String> {
    let (text, _) = decode(bytes).map_err(|error| error.to_string())?;
    if rel.to_ascii_lowercase().ends_with(".jsonl") {
        return Ok((text, Kind::JsonLines));
    }
    let mut csv = csv_reader(&text);
    let header = csv
        .records()
        .next()
        .and_then(Result::ok)
        .unwrap_or_default();
    if !header.iter().any(|name| column(name) == Some(Column::File)) {
        return Err(format!(
            "its first row names no \"file\" column, so the table is not read: the first row \
             must name the columns ({COLUMNS})"
        ));
    }
    Ok((text, Kind::Csv))
}

/// The two kinds of table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    JsonLines,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    File,
    Title,
    Source,
    Url,
    Published,
    Author,
    Lang,
}

/// The column a header cell (or JSON key) names; the same aliases as Markdown front matter.
fn column(name: &str) -> Option<Column> {
    let name = name
        .trim()
        .trim_start_matches('\u{FEFF}')
        .to_ascii_lowercase();
    Some(match name.as_str() {
        "file" | "path" => Column::File,
        "title" => Column::Title,
        "source" | "outlet" | "publisher" => Column::Source,
        "url" | "link" => Column::Url,
        "published" | "date" => Column::Published,
        "author" => Column::Author,
        "lang" | "language" => Column::Lang,
        _ => return None,
    })
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// A value for a message: quoted, and safe to print.
fn quoted(value: &str) -> String {
    format!("\"{}\"", name_for_terminal(value))
}

struct TableReader<'a> {
    rel: &'a str,
    folder: &'a str,
    is_document: &'a dyn Fn(&str) -> bool,
    table: Table,
    /// The line of the row already given for each file.
    lines: BTreeMap<String, usize>,
}

impl TableReader<'_> {
    fn skip(&mut self, line: Option<usize>, reason: String) {
        self.table.skipped.push(Skipped {
            path: self.rel.to_owned(),
            line,
            reason,
        });
    }

    fn unknown_column(&mut self, line: usize, name: &str) {
        self.skip(
            Some(line),
            format!(
                "column {} is not one isnad reads ({COLUMNS}); its values are ignored",
                quoted(name.trim())
            ),
        );
    }

    fn read_csv(&mut self, text: &str) {
        let mut records = csv_reader(text).into_records();
        let Some(Ok(header)) = records.next() else {
            return;
        };
        let columns: Vec<Option<Column>> = header.iter().map(column).collect();
        let mut seen = Vec::new();
        for (name, column) in header.iter().zip(&columns) {
            match column {
                None => self.unknown_column(1, name),
                Some(column) if seen.contains(column) => self.skip(
                    Some(1),
                    format!(
                        "column {} is named twice; only the first is read",
                        quoted(name.trim())
                    ),
                ),
                Some(column) => seen.push(*column),
            }
        }
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    let line = error.position().map(|p| line_number(p.line()));
                    self.skip(
                        line,
                        format!("cannot read the row: {error}; the row is skipped"),
                    );
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| line_number(p.line()));
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            if record.len() != columns.len() {
                self.skip(
                    Some(line),
                    format!(
                        "{} fields where the header has {}; the row is skipped: put \
                         quotes around a value that holds a comma",
                        record.len(),
                        columns.len()
                    ),
                );
                continue;
            }
            let mut cells = Vec::new();
            let mut taken = Vec::new();
            for (cell, column) in record.iter().zip(&columns) {
                if let Some(column) = column.filter(|c| !taken.contains(c)) {
                    taken.push(column);
                    cells.push((column, cell.to_owned()));
                }
            }
            self.row(line, cells);
        }
    }

    fn read_json_lines(&mut self, text: &str) {
        let mut unknown = BTreeSet::new();
        for (index, line_text) in text.lines().enumerate() {
            let line = index + 1;
            if line_text.trim().is_empty() {
                continue;
            }
            let object = match serde_json::from_str::<Value>(line_text) {
                Ok(Value::Object(object)) => object,
                Ok(_) => {
                    self.skip(
                        Some(line),
                        "expected a JSON object with a \"file\" key; the row is skipped".into(),
                    );
                    continue;
                }
                Err(error) => {
                    self.skip(
                        Some(line),
                        format!("malformed JSON: {error}; the row is skipped"),
                    );
                    continue;
                }
            };
            let mut cells = Vec::new();
            let mut wrong = None;
            for (key, value) in &object {
                let Some(column) = column(key) else {
                    if unknown.insert(key.clone()) {
                        self.unknown_column(line, key);
                    }
                    continue;
                };
                if cells.iter().any(|(c, _)| *c == column) {
                    continue;
                }
                match value {
                    Value::String(text) => cells.push((column, text.clone())),
                    Value::Null => {}
                    _ => wrong = Some(key.clone()),
                }
            }
            if let Some(key) = wrong {
                self.skip(
                    Some(line),
                    format!(
                        "the value of {} is not a string; the row is skipped: write it in \
                         quotes",
                        quoted(&key)
                    ),
                );
                continue;
            }
            self.row(line, cells);
        }
    }

    /// Checks one row's values and keeps it, or says why not.
    fn row(&mut self, line: usize, cells: Vec<(Column, String)>) {
        let mut file = None;
        let mut meta = FileMeta::default();
        for (column, value) in cells {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let value = Some(value.to_owned());
            match column {
                Column::File => file = value,
                Column::Title => meta.title = value,
                Column::Source => meta.source = value,
                Column::Url => meta.url = value,
                Column::Published => meta.published = value,
                Column::Author => meta.author = value,
                Column::Lang => meta.lang = value,
            }
        }
        match self.check(file.as_deref(), &mut meta) {
            Ok(rel) => {
                if let Some(first) = self.lines.get(&rel) {
                    let reason = format!(
                        "a second row for {} (the first is on line {first}); the row is \
                         skipped: keep one row per file",
                        quoted(&rel)
                    );
                    self.skip(Some(line), reason);
                } else {
                    self.lines.insert(rel.clone(), line);
                    self.table.rows.insert(rel, (line, meta));
                }
            }
            Err(reason) => self.skip(Some(line), format!("{reason}; the row is skipped")),
        }
    }

    /// The corpus-relative path the row names, once its values are checked.
    fn check(&self, file: Option<&str>, meta: &mut FileMeta) -> Result<String, String> {
        let Some(file) = file else {
            return Err("no file named in its \"file\" column".to_owned());
        };
        let mut parts = Vec::new();
        for part in file.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    return Err(format!(
                        "{} leads out of the table's folder: name files in its folder or below",
                        quoted(file)
                    ));
                }
                part => parts.push(part),
            }
        }
        let named = parts.join("/");
        let rel = if self.folder.is_empty() {
            named
        } else {
            format!("{}/{named}", self.folder)
        };
        if !(self.is_document)(&rel) {
            let what = if is_table(&rel) || Format::of_path(std::path::Path::new(&rel)).is_none() {
                format!("is not a document isnad reads ({})", Format::SUPPORTED)
            } else {
                "does not exist in the corpus".to_owned()
            };
            return Err(format!(
                "it names {}, which {what}: fix the name, or add the file",
                quoted(file)
            ));
        }
        if let Some(published) = &meta.published {
            meta.published = Some(read_date(published).ok_or_else(|| {
                format!(
                    "published date {} cannot be read: write it as YYYY-MM-DD (1958-07-14), \
                     or leave the cell empty",
                    quoted(published)
                )
            })?);
        }
        if let Some(lang) = &meta.lang
            && !is_language_tag(lang)
        {
            return Err(format!(
                "lang {} is not a language tag: write it like ar, en or fa-IR, or leave the \
                 cell empty",
                quoted(lang)
            ));
        }
        Ok(rel)
    }
}

/// The csv crate counts lines from 1 at the first line; a position of 0 means unknown.
fn line_number(line: u64) -> usize {
    usize::try_from(line).unwrap_or(usize::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_file_with;

    /// What `read_table` asks of the corpus, for a corpus of `rels`.
    fn docs(rels: &'static [&'static str]) -> impl Fn(&str) -> bool {
        |rel| rels.contains(&rel)
    }

    fn reasons(table: &Table) -> Vec<String> {
        table.skipped.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn tables_are_found_by_name_and_describe_their_folder_and_below() {
        assert!(is_table("metadata.csv"));
        assert!(is_table("2024/Metadata.CSV"));
        assert!(is_table("a/metadata.jsonl"));
        assert!(!is_table("metadata.json"));
        assert!(!is_table("a/my-metadata.csv"));
        assert_eq!(table_folder("a/b/metadata.csv"), "a/b");
        assert_eq!(table_folder("metadata.csv"), "");
        let above: Vec<_> = folders_above("a/b/x.txt").collect();
        assert_eq!(above, ["a/b", "a", ""]);
        assert_eq!(folders_above("x.txt").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn a_csv_row_per_file_in_any_column_order_with_subpaths() {
        let csv = "lang,file,published,title,notes\n\
                   ar,a.txt,1958-07-14,ثورة تموز,x\n\
                   ,sub/b.txt,,,\n\
                   en,./c.txt,2024/03/22 10:00,\"Title, with comma\",\n";
        let table = read_table(
            "r/metadata.csv",
            csv.as_bytes(),
            &docs(&["r/a.txt", "r/sub/b.txt", "r/c.txt"]),
        );
        assert_eq!(
            reasons(&table),
            [
                "r/metadata.csv:1: column \"notes\" is not one isnad reads (file, title, source, \
              url, published, author, lang); its values are ignored"
            ]
        );
        let (line, a) = &table.rows["r/a.txt"];
        assert_eq!(*line, 2);
        assert_eq!(a.published.as_deref(), Some("1958-07-14"));
        assert_eq!(a.title.as_deref(), Some("ثورة تموز"));
        assert_eq!(
            table.rows["r/sub/b.txt"].1,
            FileMeta::default(),
            "empty = not given"
        );
        let c = &table.rows["r/c.txt"].1;
        assert_eq!(c.published.as_deref(), Some("2024-03-22"));
        assert_eq!(c.title.as_deref(), Some("Title, with comma"));
    }

    #[test]
    fn bad_rows_are_skipped_with_line_and_reason_and_the_rest_is_read() {
        let csv = "file,published,lang\n\
                   a.txt,22/03/2024,\n\
                   gone.txt,2024-03-22,\n\
                   b.txt,2024-03-22\n\
                   c.txt,2024-03-22,ar\n\
                   c.txt,2024-03-23,ar\n\
                   d.txt,,not a tag\n\
                   ../x.txt,,\n\
                   ,2024-01-01,\n\
                   e.png,,\n\
                   ,,\n";
        let table = read_table(
            "metadata.csv",
            csv.as_bytes(),
            &docs(&["a.txt", "b.txt", "c.txt", "d.txt"]),
        );
        let reasons = reasons(&table);
        let expected = [
            "metadata.csv:2: published date \"22/03/2024\" cannot be read",
            "metadata.csv:3: it names \"gone.txt\", which does not exist in the corpus",
            "metadata.csv:4: 2 fields where the header has 3; the row is skipped",
            "metadata.csv:6: a second row for \"c.txt\" (the first is on line 5)",
            "metadata.csv:7: lang \"not a tag\" is not a language tag",
            "metadata.csv:8: \"../x.txt\" leads out of the table's folder",
            "metadata.csv:9: no file named",
            "metadata.csv:10: it names \"e.png\", which is not a document isnad reads",
        ];
        assert_eq!(reasons.len(), expected.len(), "{reasons:#?}");
        for (reason, start) in reasons.iter().zip(expected) {
            assert!(reason.starts_with(start), "{reason}\n  expected {start}");
            assert!(reason.contains("the row is skipped"), "{reason}");
        }
        let kept: Vec<_> = table.rows.keys().map(String::as_str).collect();
        assert_eq!(kept, ["c.txt"]);
        assert_eq!(
            table.rows["c.txt"].1.published.as_deref(),
            Some("2024-03-22")
        );
    }

    #[test]
    fn a_table_without_a_file_column_is_refused_whole() {
        let table = read_table("metadata.csv", b"name,title\na.txt,x\n", &docs(&["a.txt"]));
        assert!(table.rows.is_empty());
        assert_eq!(table.skipped.len(), 1);
        assert_eq!(table.skipped[0].line, None);
        assert!(table.skipped[0].reason.contains("no \"file\" column"));
        assert!(check_table("metadata.csv", b"").is_err());
        assert!(check_table("metadata.csv", b"\xEF\xBB\xBFFile,Title\n").is_ok());
        assert!(check_table("metadata.csv", b"\0\x01").is_err());
    }

    #[test]
    fn json_lines_tables_read_the_same_keys() {
        let jsonl = "{\"file\": \"a.txt\", \"title\": \"T\", \"source\": \"S\", \"extra\": 1}\n\
                     \n\
                     {\"file\": \"b.txt\", \"published\": \"1958-07-14\", \"lang\": null, \"extra\": 2}\n\
                     {\"file\": \"a.txt\"}\n\
                     {oops\n\
                     [1]\n\
                     {\"file\": \"b.txt\", \"published\": 1958}\n";
        let table = read_table(
            "metadata.jsonl",
            jsonl.as_bytes(),
            &docs(&["a.txt", "b.txt"]),
        );
        let reasons = reasons(&table);
        assert_eq!(reasons.len(), 5, "{reasons:#?}");
        assert!(
            reasons[0].starts_with("metadata.jsonl:1: column \"extra\""),
            "once"
        );
        assert!(reasons[1].starts_with("metadata.jsonl:4: a second row for \"a.txt\""));
        assert!(reasons[2].starts_with("metadata.jsonl:5: malformed JSON"));
        assert!(reasons[3].starts_with("metadata.jsonl:6: expected a JSON object"));
        assert!(
            reasons[4].starts_with("metadata.jsonl:7: the value of \"published\" is not a string"),
            "{}",
            reasons[4]
        );
        assert_eq!(table.rows["a.txt"].1.source.as_deref(), Some("S"));
        assert_eq!(
            table.rows["b.txt"].1.published.as_deref(),
            Some("1958-07-14")
        );
    }

    #[test]
    fn the_nearest_table_wins_value_by_value_and_one_folder_keeps_one_row_per_file() {
        let all = docs(&["sub/a.txt"]);
        let mut top = read_table(
            "metadata.csv",
            b"file,title,source\nsub/a.txt,Far title,Far source\n",
            &all,
        );
        let mut near = read_table("sub/metadata.csv", b"file,title\na.txt,Near title\n", &all);
        let mut beside = read_table(
            "sub/metadata.jsonl",
            br#"{"file": "a.txt", "author": "X"}"#,
            &all,
        );
        let mut metadata = Metadata::default();
        metadata.add("metadata.csv", &mut top);
        metadata.add("sub/metadata.csv", &mut near);
        metadata.add("sub/metadata.jsonl", &mut beside);
        let meta = metadata.for_file("sub/a.txt").expect("described");
        assert_eq!(meta.title.as_deref(), Some("Near title"));
        assert_eq!(meta.source.as_deref(), Some("Far source"));
        assert_eq!(meta.author, None, "the second row of a folder is skipped");
        assert!(beside.skipped[0].to_string().starts_with(
            "sub/metadata.jsonl:1: \"sub/a.txt\" is already described by another table"
        ));
        assert_eq!(metadata.for_file("sub/b.txt"), None);
    }

    #[test]
    fn what_a_document_states_wins_and_the_table_fills_the_rest() {
        let meta = FileMeta {
            title: Some("From the table".into()),
            source: Some("Table source".into()),
            published: Some("1958-07-14".into()),
            lang: Some("en".into()),
            ..FileMeta::default()
        };
        let txt = parse_file_with("a.txt", "First line\nBody".as_bytes(), Some(&meta));
        let doc = &txt.documents[0];
        assert_eq!(doc.title, "From the table");
        assert_eq!(doc.body, "First line\nBody", "a different first line stays");
        assert_eq!(doc.source.as_deref(), Some("Table source"));
        assert_eq!(doc.published.as_deref(), Some("1958-07-14"));
        assert_eq!(doc.lang, "en");
        let same = parse_file_with("a.txt", "\n From the table \nBody".as_bytes(), Some(&meta));
        assert_eq!(same.documents[0].body, "Body", "the title is not repeated");
        let md = parse_file_with(
            "b.md",
            b"---\nsource: Own\n---\n# Own title\n\nBody",
            Some(&meta),
        );
        assert_eq!(md.documents[0].title, "Own title");
        assert_eq!(md.documents[0].source.as_deref(), Some("Own"));
        assert_eq!(md.documents[0].published.as_deref(), Some("1958-07-14"));
        let json = parse_file_with(
            "c.jsonl",
            b"{\"body\": \"x\", \"title\": \"J\", \"published\": \"2024-01-01\"}\n",
            Some(&meta),
        );
        assert_eq!(json.documents[0].title, "J");
        assert_eq!(json.documents[0].published.as_deref(), Some("2024-01-01"));
        assert_eq!(json.documents[0].source.as_deref(), Some("Table source"));
    }

    #[test]
    fn table_values_are_sanitised_like_the_documents() {
        let csv = "file,title,source\na.txt,\"Ti\x1b[2Jtle\",\"Al\x1b]0;pwn\x07 Jazeera\"\n";
        let table = read_table("metadata.csv", csv.as_bytes(), &docs(&["a.txt"]));
        let meta = table.rows["a.txt"].1.clone();
        let doc = &parse_file_with("a.txt", b"body", Some(&meta)).documents[0];
        assert_eq!(doc.title, "Title");
        assert_eq!(doc.source.as_deref(), Some("Al Jazeera"));
        let bad = read_table("metadata.csv", b"file\n\x1b[31mx.txt\n", &docs(&[]));
        assert!(!bad.skipped[0].to_string().contains('\x1b'));
    }

    #[test]
    fn fingerprints_follow_the_values() {
        let a = FileMeta {
            title: Some("x".into()),
            ..FileMeta::default()
        };
        let b = FileMeta {
            source: Some("x".into()),
            ..FileMeta::default()
        };
        assert_eq!(a.fingerprint(), a.clone().fingerprint());
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint().len(), 16);
    }
}
