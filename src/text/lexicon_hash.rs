// The hash of the lexicon's table, shared by `build.rs` (which builds the table from
// `assets/arabic/lexicon.txt` at compile time) and `text::arabic` (which looks words up in it).

/// Slots in the lexicon's open-addressing table: a power of two, about 2.7 per word.
pub const LEXICON_SLOTS: usize = 1 << 18;

/// The bits of a table entry that hold 1 + the line's byte offset; the flags are above.
pub const OFFSET_BITS: u32 = 24;
/// Flag: the word is a noun in `ة` whose `ة`-less form is another noun (`kept-ta.txt`).
pub const KEPT_TA: u32 = 1 << 30;
/// Flag: and that `ة`-less noun takes the plural `ات` itself (`قرارة ات` in `kept-ta.txt`).
pub const BARE_TAKES_AT: u32 = 1 << 29;

/// FNV-1a over `stem` then `suffix` (one word), folded so the low bits see the high ones.
pub fn lexicon_hash(stem: &[u8], suffix: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in stem.iter().chain(suffix) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash ^ (hash >> 32)
}

/// The words of a lexicon file: its lines after the `#` header, each with its byte offset in
/// that body.
pub fn lexicon_body(text: &str) -> &str {
    let mut body = text;
    while body.starts_with('#') {
        body = body.split_once('\n').map_or("", |(_, rest)| rest);
    }
    body
}
