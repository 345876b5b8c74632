//! A document's `MinHash` signature over the word shingles of its normalised text, and the
//! bands locality-sensitive hashing looks candidates up by.
//!
//! Written here rather than taken from a crate: the signatures are kept on disk and compared
//! with those of documents added months later, so the hash functions must never change with
//! a dependency's version. gaoya seeds its permutations from `rand`'s `StdRng`, which `rand`
//! documents as free to change between versions, and brings twenty crates (among them a
//! `rand` of 2017 and a pre-release `smallvec`); probminhash brings an optimiser framework
//! and a logger. What is kept here is the classic method (Broder 1997; Leskovec, Rajaraman
//! and Ullman, *Mining of Massive Datasets*, ch. 3), every constant fixed and written down.
//!
//! - **Words**: the search's word boundaries ([`crate::text::words`]) and its normaliser
//!   ([`crate::text::arabic::normalize_into`]: harakat and tatweel deleted, alef, yeh and
//!   teh marbuta forms mapped, Latin lower-cased), so a copy that adds vowel marks or writes
//!   `أ` for `ا` is the same text. No stemming: a rewrite that changes a word's form is an
//!   edit.
//! - **Shingles**: every run of [`SHINGLE_WORDS`] consecutive words, as one 64-bit hash
//!   (FNV-1a over each word's bytes, mixed with the splitmix64 finaliser, the three combined
//!   in order). A text of fewer words is one shingle of all of them.
//! - **Signature**: for each of [`HASHES`] functions `h_i(x) = (a_i·x + b_i) >> 32` (a
//!   multiply-add-shift family over 64-bit words, `a_i` odd, both from splitmix64 seeded
//!   with [`SEED`]), the least value over the shingles. The share of positions where two
//!   signatures agree estimates the Jaccard similarity of the two shingle sets (standard
//!   error below 0.045 at 128 functions).
//! - **Bands**: the signature cut into [`BANDS`] runs of [`ROWS`] values, each hashed to a
//!   key. Two documents that agree on a whole band are candidates, then kept only when their
//!   estimated similarity reaches [`THRESHOLD`]. With 42 bands of 3, a pair at similarity
//!   0.35 becomes a candidate with probability 0.84, at 0.4 with 0.94, at 0.5 with 0.996;
//!   at 0.1, 0.04 (and a copy missed as a candidate is still grouped through any other copy
//!   of the same story it matches).

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;
/// Hash functions in a signature.
pub const HASHES: usize = 128;
/// Bands of the signature that locality-sensitive hashing looks up.
pub const BANDS: usize = 42;
/// Values per band (`BANDS × ROWS ≤ HASHES`; the last two values only refine the estimate).
pub const ROWS: usize = 3;
/// The estimated similarity from which two documents are copies of each other. On the
/// syndication corpus of `isnad-bench gen --syndication`, edited copies fall as low as 0.3
/// and stories of one event that are not copies stay below it (`benches/RESULTS.md`,
/// "Copies").
pub const THRESHOLD: f64 = 0.35;
/// The seed of the hash functions' constants.
pub const SEED: u64 = 0x69_73_6e_61_64_63_70_79; // "isnadcpy"

/// Names everything that decides a signature's values: signatures made under another
/// scheme are not comparable and are made again.
pub const SCHEME: &str =
    "minhash/v1 words=3 hashes=128 bands=42x3 threshold=0.35 seed=isnadcpy fnv1a+splitmix64";

/// A document's `MinHash` signature.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature(Box<[u32; HASHES]>);

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signature({:08x}…)", self.0[0])
    }
}

/// The splitmix64 finaliser: a 64-bit mix in which every input bit moves every output bit.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The `(a_i, b_i)` of each hash function, from splitmix64's sequence.
const COEFFICIENTS: ([u64; HASHES], [u64; HASHES]) = {
    let mut a = [0u64; HASHES];
    let mut b = [0u64; HASHES];
    let mut state = SEED;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        a[i] = mix(state) | 1;
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        b[i] = mix(state);
        i += 1;
    }
    (a, b)
};

/// FNV-1a over a word's bytes, mixed.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in word.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The hashes of the normalised words of `text`, in order.
fn word_hashes(text: &str) -> Vec<u64> {
    let mut words = Vec::new();
    let mut normal = String::new();
    for range in crate::text::words::word_ranges(text) {
        let Some(word) = text.get(range) else {
            continue;
        };
        crate::text::arabic::normalize_into(word, &mut normal);
        if !normal.is_empty() {
            words.push(word_hash(&normal));
        }
    }
    words
}

/// The shingle hashes of a text whose word hashes are `words`.
fn shingles(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    let short = (words.len() < SHINGLE_WORDS).then(|| {
        words.iter().enumerate().fold(0u64, |acc, (i, w)| {
            acc ^ w.rotate_left(if i == 0 {
                0
            } else {
                21 * (1 + u32::from(i > 1))
            })
        })
    });
    words
        .windows(SHINGLE_WORDS)
        .map(|w| mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42)))
        .chain(short.map(mix))
}

/// The signature of `text`; `None` when it has no words.
pub fn signature(text: &str) -> Option<Signature> {
    let words = word_hashes(text);
    if words.is_empty() {
        return None;
    }
    let (a, b) = &COEFFICIENTS;
    let mut mins = Box::new([u32::MAX; HASHES]);
    for shingle in shingles(&words) {
        for ((min, a), b) in mins.iter_mut().zip(a).zip(b) {
            let value = (a.wrapping_mul(shingle).wrapping_add(*b) >> 32) as u32;
            *min = (*min).min(value);
        }
    }
    Some(Signature(mins))
}

impl Signature {
    /// The estimated Jaccard similarity of the two texts' shingle sets, 0 to 1.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// The band keys: band `i`'s values hashed with `i`, so equal values in different bands
    /// never meet. As `i64`, what `SQLite` keeps.
    pub fn bands(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (i, key) in keys.iter_mut().enumerate() {
            let band = &self.0[i * ROWS..(i + 1) * ROWS];
            let mut h = mix(i as u64 ^ 0xba4d);
            for value in band {
                h = mix(h ^ u64::from(*value));
            }
            *key = i64::from_ne_bytes(h.to_ne_bytes());
        }
        keys
    }

    /// Little-endian bytes, [`HASHES`] × 4 of them.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Back from [`Signature::to_bytes`]; `None` when the length is not a signature's.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut values = Box::new([0u32; HASHES]);
        for (value, chunk) in values.iter_mut().zip(bytes.chunks_exact(4)) {
            *value = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(values))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "قالت وزارة الصحة في غزة إن عدد القتلى ارتفع إلى ١٤٤ شخصاً بعد الغارات \
        التي استهدفت أحياء في شمال القطاع فجر اليوم، وأضافت أن فرق الإنقاذ ما زالت تبحث عن \
        مفقودين تحت الأنقاض. وقال شهود عيان إن الطائرات حلقت على ارتفاع منخفض قبل القصف.";

    /// The scheme is fixed: a signature kept on disk today must equal the one made of the
    /// same text by any later version. If this fails, `SCHEME` must change with it.
    #[test]
    fn the_scheme_is_fixed() {
        let sig = signature("the quick brown fox jumps over the lazy dog").expect("test");
        assert_eq!(
            (sig.0[0], sig.0[1], sig.0[127]),
            (FIXED[0], FIXED[1], FIXED[2]),
            "{:?}",
            (sig.0[0], sig.0[1], sig.0[127])
        );
        assert_eq!(sig.bands()[0], FIXED_BAND);
    }
    const FIXED: [u32; 3] = [1_071_007_026, 405_197_911, 36_462_286];
    const FIXED_BAND: i64 = -8_722_434_415_886_662_960;

    #[test]
    fn normalised_text_is_the_same_text() {
        let plain = signature(WIRE).expect("test");
        let marked = WIRE.replace("قالت", "قَالَتْ").replace("إن", "ان");
        assert_eq!(plain, signature(&marked).expect("test"));
        assert_eq!(
            plain,
            Signature::from_bytes(&plain.to_bytes()).expect("test")
        );
        assert!(Signature::from_bytes(&[0; 7]).is_none());
    }

    #[test]
    fn an_edited_copy_is_similar_and_another_story_is_not() {
        let wire = signature(WIRE).expect("test");
        let copy = format!("(رويترز) - {WIRE} ولم يصدر تعليق من الجيش حتى الآن.");
        let copy = signature(&copy).expect("test");
        let other = signature(
            "أعلنت وزارة الصحة في غزة عن افتتاح مستشفى ميداني جديد في جنوب القطاع بدعم من \
             منظمات دولية، وقال مدير المستشفى إن الطاقة الاستيعابية تبلغ مئة سرير.",
        )
        .expect("test");
        assert!(
            wire.similarity(&copy) >= THRESHOLD,
            "{}",
            wire.similarity(&copy)
        );
        assert!(wire.similarity(&other) < 0.2, "{}", wire.similarity(&other));
        let shared = wire
            .bands()
            .iter()
            .filter(|k| copy.bands().contains(k))
            .count();
        assert!(shared > 0, "a copy shares a band");
    }

    #[test]
    fn short_and_empty_texts() {
        assert!(signature("").is_none());
        assert!(signature(" ،. ").is_none());
        let two = signature("عاجل انفجار").expect("test");
        assert_eq!(two, signature("عاجل: انفجار!").expect("test"));
        assert!(two.similarity(&signature("انفجار عاجل").expect("test")) < 1.0);
    }
}
