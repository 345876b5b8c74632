//! The index schema and the field handles, built once per open.

use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

use super::analyzer::{EXACT, STEM};

/// Bumped when fields change; an index with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 6;

/// Handles of every field, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Document id (corpus-relative path, `%` and `#` escaped, plus `#key` for records of
    /// multi-document files: `corpus::file_id`).
    pub doc: Field,
    /// Corpus-relative path of the file; deleting by it removes all of a file's documents.
    pub file: Field,
    pub title: Field,
    pub title_stem: Field,
    pub body: Field,
    /// Title and body, stemmed: the field every default search matches on (a stemmed
    /// match covers the exact one), so a query walks one posting list per word.
    pub text_stem: Field,
    pub source: Field,
    /// The outlet as written (trimmed), one untokenised term and a fast column: what facets
    /// count, what narrowing by outlet matches, what a list sorts by.
    pub outlet: Field,
    /// The title as written, a fast column only: what a list sorted by title reads.
    pub title_key: Field,
    /// The title's first 8 bytes as a big-endian number (`title_prefix`): breaks ties of a
    /// list sorted by date or outlet in title order without reading the titles' dictionary,
    /// which only the rare ties of whole prefixes need.
    pub title_prefix: Field,
    pub url: Field,
    pub published: Field,
    pub date: Field,
    pub author: Field,
    pub forwarded_from: Field,
    /// The id of the document this one is attached to: untokenised, so the attachments of a
    /// message are found by its id.
    pub part_of: Field,
    /// Untokenised, stored and a fast column (facets count it).
    pub lang: Field,
    pub direction: Field,
    pub hash: Field,
}

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// The schema of `docs/arabic-search.md`: exact and stemmed forms of title and body, metadata.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        doc: builder.add_text_field("doc", STRING | STORED),
        file: builder.add_text_field("file", STRING | STORED),
        title: builder.add_text_field("title", text(EXACT, true)),
        title_stem: builder.add_text_field("title_stem", text(STEM, false)),
        body: builder.add_text_field("body", text(EXACT, true)),
        text_stem: builder.add_text_field("text_stem", text(STEM, false)),
        source: builder.add_text_field("source", text(EXACT, true)),
        outlet: builder.add_text_field("outlet", STRING | FAST),
        title_key: builder.add_text_field("title_key", TextOptions::from(FAST)),
        title_prefix: builder.add_u64_field("title_prefix", FAST),
        url: builder.add_text_field("url", STORED),
        published: builder.add_text_field("published", STORED),
        date: builder.add_date_field("date", DateOptions::from(INDEXED).set_fast()),
        author: builder.add_text_field("author", STORED),
        forwarded_from: builder.add_text_field("forwarded_from", STORED),
        part_of: builder.add_text_field("part_of", STRING | STORED),
        lang: builder.add_text_field("lang", STRING | STORED | FAST),
        direction: builder.add_text_field("dir", STORED),
        hash: builder.add_text_field("hash", STRING | STORED),
    };
    (builder.build(), fields)
}

/// Field names a query may name before a colon (`title:`, `source:`…; `outlet:` is the
/// outlet exactly as written, `source:` its words). `date:` is read by `query::rewrite`.
pub const QUERYABLE: [&str; 6] = ["title", "body", "source", "outlet", "lang", "doc"];

/// The first 8 bytes of `title` as a big-endian number, zero-padded: numbers compare as
/// the titles' bytes do, up to those 8 bytes.
pub fn title_prefix(title: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (slot, byte) in bytes.iter_mut().zip(title.as_bytes()) {
        *slot = *byte;
    }
    u64::from_be_bytes(bytes)
}
