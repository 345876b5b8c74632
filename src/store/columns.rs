//! How values and anchors sit in the store's columns: one place for the conversions every
//! table with an anchor (mentions, evidence) shares.

use rusqlite::types::Value;

use super::Anchor;

/// The columns that hold an anchor, in the order `anchor_from_row` reads them.
pub(super) const ANCHOR_COLUMNS: &str = "byte_start, byte_end, quote, prefix, suffix, doc_hash";

pub(super) fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

pub(super) fn int(value: usize) -> Value {
    Value::Integer(i64::try_from(value).unwrap_or(i64::MAX))
}

/// An anchor's columns and values, for an insert or an update.
pub(super) fn anchor_values(anchor: &Anchor) -> [(&'static str, Value); 6] {
    [
        ("byte_start", int(anchor.byte_start)),
        ("byte_end", int(anchor.byte_end)),
        ("quote", text(&anchor.quote)),
        ("prefix", text(&anchor.prefix)),
        ("suffix", text(&anchor.suffix)),
        ("doc_hash", text(&anchor.doc_hash)),
    ]
}

/// The anchor in the `ANCHOR_COLUMNS` of `row`, starting at column `first`.
pub(super) fn anchor_from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Anchor> {
    let at = |i| {
        row.get::<_, i64>(i)
            .map(|v| usize::try_from(v).unwrap_or(0))
    };
    Ok(Anchor {
        byte_start: at(first)?,
        byte_end: at(first + 1)?,
        quote: row.get(first + 2)?,
        prefix: row.get(first + 3)?,
        suffix: row.get(first + 4)?,
        doc_hash: row.get(first + 5)?,
    })
}
