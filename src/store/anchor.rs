//! Anchors: where an annotation points in a document's logical text (`Document::text()`,
//! title, newline, body). A byte range for speed and the quoted text with a little context
//! on each side (W3C `TextQuote`), so the place can be found again when the document changes.
//! Code points (`char_`) are what the command line, brat and W3C count; the conversions live
//! here.

use std::ops::Range;

use super::StoreError;
use crate::text::context::{Beside, ContextLine, context_line};

/// Characters of context kept on each side of the quote.
pub const CONTEXT_CHARS: usize = 32;

/// A place in a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Byte range of the quote in the text.
    pub byte_start: usize,
    pub byte_end: usize,
    pub quote: String,
    /// Up to `CONTEXT_CHARS` characters before and after the quote.
    pub prefix: String,
    pub suffix: String,
    /// The content hash of the document the anchor was made in.
    pub doc_hash: String,
}

impl Anchor {
    /// The anchor of `bytes` in `text`; the range must be non-empty and on character
    /// boundaries.
    pub fn new(text: &str, bytes: Range<usize>, doc_hash: &str) -> Result<Anchor, StoreError> {
        let (Some(quote), Some(before), Some(after)) = (
            text.get(bytes.clone()),
            text.get(..bytes.start),
            text.get(bytes.end..),
        ) else {
            return Err(StoreError::Invalid(format!(
                "bytes {}..{} are not a range of characters in a text of {} bytes",
                bytes.start,
                bytes.end,
                text.len()
            )));
        };
        if quote.is_empty() {
            return Err(StoreError::Invalid(
                "an empty range marks nothing".to_owned(),
            ));
        }
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix: String = after.chars().take(CONTEXT_CHARS).collect();
        Ok(Anchor {
            byte_start: bytes.start,
            byte_end: bytes.end,
            quote: quote.to_owned(),
            prefix: before.get(prefix_start..).unwrap_or_default().to_owned(),
            suffix,
            doc_hash: doc_hash.to_owned(),
        })
    }

    pub fn bytes(&self) -> Range<usize> {
        self.byte_start..self.byte_end
    }

    /// The range in code points of `text` (the text the anchor was made in).
    pub fn chars(&self, text: &str) -> Range<usize> {
        char_offset(text, self.byte_start)..char_offset(text, self.byte_end)
    }

    /// The quote on one line with whole words of its context, at most `side_clusters`
    /// grapheme clusters each side, `…` where the text goes on ([`context_line`]).
    pub fn context_line(&self, side_clusters: usize) -> ContextLine {
        context_of(&self.prefix, &self.quote, &self.suffix, side_clusters)
    }
}

/// [`Anchor::context_line`] for an anchor's parts held elsewhere (an export's places). A
/// prefix or suffix shorter than [`CONTEXT_CHARS`] reaches the edge of the text; a full one
/// is taken to be cut out of it (at the very start of a text this drops a whole first word
/// it cannot tell from a cut one).
pub fn context_of<'a>(
    prefix: &'a str,
    quote: &str,
    suffix: &'a str,
    side_clusters: usize,
) -> ContextLine {
    let beside = |text: &'a str| {
        if text.chars().nth(CONTEXT_CHARS - 1).is_some() {
            Beside::Part(text)
        } else {
            Beside::All(text)
        }
    };
    context_line(beside(prefix), quote, beside(suffix), side_clusters)
}

/// Where `anchor` is in `text` now: its byte range if the quote is still there, else
/// wherever re-anchoring finds it (for annotations read before their document's changes
/// were followed, or restored by an undo).
pub fn locate(anchor: &Anchor, text: &str) -> Option<Range<usize>> {
    if text.get(anchor.bytes()) == Some(anchor.quote.as_str()) {
        return Some(anchor.bytes());
    }
    super::reanchor::reanchor(
        text,
        anchor.bytes(),
        &anchor.quote,
        &anchor.prefix,
        &anchor.suffix,
    )
}

/// The code point offset of byte `byte` of `text` (clamped to the text).
pub fn char_offset(text: &str, byte: usize) -> usize {
    let mut end = byte.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).map_or(0, |head| head.chars().count())
}

/// The byte range of code points `chars` in `text`, or an error that says why not.
pub fn byte_range(text: &str, chars: Range<usize>) -> Result<Range<usize>, StoreError> {
    let total = text.chars().count();
    if chars.start >= chars.end || chars.end > total {
        return Err(StoreError::Invalid(format!(
            "code points {}..{} are not a range in this document's {total} code points \
             (start before end, end at most {total})",
            chars.start, chars.end
        )));
    }
    let byte_at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    Ok(byte_at(chars.start)..byte_at(chars.end))
}

/// Every place `quote` occurs in `text` (byte ranges, not overlapping).
pub fn find_quote(text: &str, quote: &str) -> Vec<Range<usize>> {
    if quote.is_empty() {
        return Vec::new();
    }
    text.match_indices(quote)
        .map(|(at, _)| at..at + quote.len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_context_line_says_where_the_stored_context_was_cut() {
        let text = "روسيا تعترف لأول مرة بتورط داعش في هجوم كروكوس على قاعة الحفلات قرب موسكو";
        let line = |quote: &str| {
            let at = text.find(quote).expect("found");
            let anchor = Anchor::new(text, at..at + quote.len(), "h").expect("anchor");
            anchor.context_line(32).text
        };
        // Near the start the prefix is the whole text before: nothing left out there.
        assert_eq!(line("تعترف"), "روسيا تعترف لأول مرة بتورط داعش في هجوم …");
        // Further in, the 32 characters kept lose their partial first word.
        assert_eq!(
            line("قاعة"),
            "… بتورط داعش في هجوم كروكوس على قاعة الحفلات قرب موسكو"
        );
    }

    #[test]
    fn an_anchor_keeps_the_quote_and_its_context() {
        let text = "قال بوتين إن الهجوم";
        let at = text.find("بوتين").expect("found");
        let anchor = Anchor::new(text, at..at + "بوتين".len(), "h").expect("anchor");
        assert_eq!(anchor.quote, "بوتين");
        assert_eq!(anchor.prefix, "قال ");
        assert_eq!(anchor.suffix, " إن الهجوم");
        assert_eq!(anchor.chars(text), 4..9);
        assert_eq!(byte_range(text, 4..9).expect("range"), anchor.bytes());
    }

    #[test]
    fn context_is_cut_to_a_number_of_characters() {
        let text = format!("{}X{}", "ب".repeat(50), "ت".repeat(50));
        let at = text.find('X').expect("X");
        let anchor = Anchor::new(&text, at..at + 1, "h").expect("anchor");
        assert_eq!(anchor.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(anchor.suffix.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn bad_ranges_are_errors_not_panics() {
        let text = "بوتين";
        assert!(Anchor::new(text, 1..4, "h").is_err(), "inside a letter");
        assert!(Anchor::new(text, 2..2, "h").is_err(), "empty");
        assert!(Anchor::new(text, 2..40, "h").is_err(), "past the end");
        let (start, end) = (3, 2);
        assert!(byte_range(text, start..end).is_err());
        assert!(byte_range(text, 0..6).is_err());
        assert_eq!(byte_range(text, 0..5).expect("all"), 0..text.len());
    }
}
