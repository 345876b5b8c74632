// The hash of the lexicon's table, shared by `build.rs` (which builds the table from
// `assets/arabic/lexicon.txt` at compile time) and `text::arabic` (which looks words up in it).

/// Slots in the lexicon's open-addressing table: a power of two, about 2.7 per word.
pub const LEXICON_SLOTS: usize = 1 << 18;

/// FNV-1a over `stem` then `suffix` (one word), folded so the low bits see the high ones.
pub fn lexicon_hash(stem: &[u8], suffix: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in stem.iter().chain(suffix) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash ^ (hash >> 32)
}

/// The words of a word-list file: its lines after the `#` header.
pub fn lexicon_body(text: &str) -> &str {
    let mut body = text;
    while body.starts_with('#') {
        body = body.split_once('\n').map_or("", |(_, rest)| rest);
    }
    body
}
