// The hash of the lexicon's tables, shared by `build.rs` (which builds the tables from
// `assets/arabic/lexicon.txt` and `plurals.txt` at compile time) and `text::arabic` (which
// looks words up in them).

/// Slots in the lexicon's open-addressing table: a power of two, about 2.7 per word.
pub const LEXICON_SLOTS: usize = 1 << 18;

/// Slots in the broken plurals' table (`assets/arabic/plurals.txt`, keyed by the plural): a
/// power of two, at least twice the pairs.
pub const PLURAL_SLOTS: usize = 1 << 14;

/// FNV-1a over `stem` then `suffix` (one word), folded so the low bits see the high ones.
pub fn lexicon_hash(stem: &[u8], suffix: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in stem.iter().chain(suffix) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash ^ (hash >> 32)
}

/// Bits in the broken plurals' sketch: one per value of [`plural_sketch`].
pub const PLURAL_SKETCH_BITS: usize = 1 << 17;

/// A 17-bit sketch of a word's shape, `stem` then `suffix` (normalised Arabic, two bytes a
/// letter): its length and its first, second, third and last letters. `None` for a word of
/// other than four to seven two-byte letters, which no listed plural is. The plurals' sketches
/// are set in a bitset (`build.rs`), so that a word looks a plural up only when one listed
/// plural has its length and those letters, or shares their sketch (one Arabic word in 25 of
/// the benchmark corpus).
// Inlined into the stemmer's checks: most words stop here, and a call cost as much as the test
// (callgrind, docs/arabic-search.md "Speed").
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn plural_sketch(stem: &[u8], suffix: &[u8]) -> Option<usize> {
    let len = stem.len() + suffix.len();
    if !(8..=14).contains(&len) || !len.is_multiple_of(2) {
        return None;
    }
    // The second byte of a letter tells it in the Arabic block (ء–غ are D8 A1–BA, ف–ي D9 81–8A).
    let (first, second, third, last) =
        if let ([_, first, _, second, _, third, .., last], []) = (stem, suffix) {
            (*first, *second, *third, *last)
        } else {
            let byte = |at: usize| match stem.get(at) {
                Some(&byte) => byte,
                None => suffix.get(at - stem.len()).copied().unwrap_or(0),
            };
            (byte(1), byte(3), byte(5), byte(len - 1))
        };
    let key = len as u64
        | u64::from(first) << 8
        | u64::from(second) << 16
        | u64::from(third) << 24
        | u64::from(last) << 32;
    #[allow(clippy::cast_possible_truncation)] // the top 17 bits
    Some((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 47) as usize)
}

/// The words of a word-list file: its lines after the `#` header.
pub fn lexicon_body(text: &str) -> &str {
    let mut body = text;
    while body.starts_with('#') {
        body = body.split_once('\n').map_or("", |(_, rest)| rest);
    }
    body
}
