//! Builds the lexicon's hash table (`text::arabic`) from `assets/arabic/lexicon.txt`, so the
//! stemmer starts without hashing 98,000 words: a table of `LEXICON_SLOTS` little-endian
//! `u32`, each 0 (empty) or 1 + the byte offset of a word's line in the file's body.

use std::path::PathBuf;

include!("src/text/lexicon_hash.rs");

fn main() {
    println!("cargo::rerun-if-changed=assets/arabic/lexicon.txt");
    println!("cargo::rerun-if-changed=src/text/lexicon_hash.rs");
    let text = std::fs::read_to_string("assets/arabic/lexicon.txt").expect("lexicon.txt");
    let body = lexicon_body(&text);
    let mask = LEXICON_SLOTS - 1;
    let mut table = vec![0u32; LEXICON_SLOTS];
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let word = line.trim_end_matches('\n');
        let entry = u32::try_from(at + 1).expect("lexicon under 4 GiB");
        at += line.len();
        if word.is_empty() {
            continue;
        }
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
