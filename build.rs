//! Builds the lexicon's hash tables (`text::arabic`) at compile time, so the stemmer starts
//! without hashing 98,000 words: for `assets/arabic/lexicon.txt`, a table of `LEXICON_SLOTS`
//! little-endian `u32`, each 0 (empty) or 1 + the byte offset of a word's line in the file's
//! body; for `assets/arabic/plurals.txt`, the same with `PLURAL_SLOTS`, keyed by each line's
//! first word (the broken plural), and a bitset of the plurals' `plural_sketch`.

use std::path::PathBuf;

include!("src/text/lexicon_hash.rs");

/// The open-addressing table of `slots` entries for the lines of `body`, each hashed by
/// `key` (the line without its newline; `None` skips it).
fn table(body: &str, slots: usize, key: fn(&str) -> Option<&str>) -> Vec<u8> {
    let mask = slots - 1;
    let mut table = vec![0u32; slots];
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let entry = u32::try_from(at + 1).expect("word list under 4 GiB");
        at += line.len();
        let Some(word) = key(line.trim_end_matches('\n')).filter(|word| !word.is_empty()) else {
            continue;
        };
        let hash = lexicon_hash(word.as_bytes(), b"");
        let mut slot = usize::try_from(hash & (mask as u64)).expect("masked");
        while table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        table[slot] = entry;
    }
    table.iter().flat_map(|entry| entry.to_le_bytes()).collect()
}

fn main() {
    println!("cargo::rerun-if-changed=assets/arabic/lexicon.txt");
    println!("cargo::rerun-if-changed=assets/arabic/plurals.txt");
    println!("cargo::rerun-if-changed=src/text/lexicon_hash.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let lexicon = std::fs::read_to_string("assets/arabic/lexicon.txt").expect("lexicon.txt");
    let lexicon = table(lexicon_body(&lexicon), LEXICON_SLOTS, |line| Some(line));
    std::fs::write(out.join("lexicon-table.bin"), lexicon).expect("write the lexicon table");
    let plurals = std::fs::read_to_string("assets/arabic/plurals.txt").expect("plurals.txt");
    let lines = lexicon_body(&plurals).lines().count();
    assert!(
        lines * 2 < PLURAL_SLOTS,
        "plurals.txt: {lines} lines, raise PLURAL_SLOTS"
    );
    let body = lexicon_body(&plurals);
    let mut sketch = vec![0u8; PLURAL_SKETCH_BITS / 8];
    for plural in body.lines().filter_map(|line| line.split(' ').next()) {
        let bit = plural_sketch(plural.as_bytes(), b"").expect("a plural of 4 to 7 letters");
        sketch[bit / 8] |= 1 << (bit % 8);
    }
    let plurals = table(body, PLURAL_SLOTS, |line| line.split(' ').next());
    std::fs::write(out.join("plural-table.bin"), plurals).expect("write the plural table");
    std::fs::write(out.join("plural-sketch.bin"), sketch).expect("write the plural sketch");
}
