//! Builds the lexicon's hash table (`text::arabic`) from `assets/arabic/lexicon.txt`, so the
//! stemmer starts without hashing 98,000 words: a table of `LEXICON_SLOTS` little-endian
//! `u32`, each 0 (empty) or 1 + the byte offset of a word's line in the file's body, with the
//! flags of `assets/arabic/kept-ta.txt` (`KEPT_TA`, `BARE_TAKES_AT`) in its high bits.

use std::path::PathBuf;

include!("src/text/lexicon_hash.rs");

fn main() {
    println!("cargo::rerun-if-changed=assets/arabic/lexicon.txt");
    println!("cargo::rerun-if-changed=assets/arabic/kept-ta.txt");
    println!("cargo::rerun-if-changed=src/text/lexicon_hash.rs");
    let text = std::fs::read_to_string("assets/arabic/lexicon.txt").expect("lexicon.txt");
    let kept = std::fs::read_to_string("assets/arabic/kept-ta.txt").expect("kept-ta.txt");
    let flags: std::collections::HashMap<&str, u32> = lexicon_body(&kept)
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let word = fields.next()?;
            let takes_at = if fields.next().is_some() {
                BARE_TAKES_AT
            } else {
                0
            };
            Some((word, KEPT_TA | takes_at))
        })
        .collect();
    let body = lexicon_body(&text);
    let mask = LEXICON_SLOTS - 1;
    let mut table = vec![0u32; LEXICON_SLOTS];
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let word = line.trim_end_matches('\n');
        let offset = u32::try_from(at + 1).expect("lexicon under 4 GiB");
        assert!(
            offset < 1 << OFFSET_BITS,
            "lexicon.txt outgrew the table's offsets"
        );
        at += line.len();
        if word.is_empty() {
            continue;
        }
        let entry = offset | flags.get(word).copied().unwrap_or(0);
        let hash = lexicon_hash(word.as_bytes(), b"");
        let mut slot = usize::try_from(hash & (mask as u64)).expect("masked");
        while table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        table[slot] = entry;
    }
    let bytes: Vec<u8> = table.iter().flat_map(|entry| entry.to_le_bytes()).collect();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("lexicon-table.bin"), bytes).expect("write the lexicon table");
}
