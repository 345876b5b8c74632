//! IOB2's rules for `--format conll`, as seqeval and NLTK read it.

/// IOB2 as seqeval's strict scheme defines it (`seqeval/scheme.py`, class `IOB2`: prefixes
/// `B`, `I`, `O`; inside only after `B` or `I` of the same tag, within one sentence) and
/// CoNLL-2003 writes it, in a file NLTK's
/// `ConllCorpusReader._read_grid_block` reads: blocks at blank lines, a `-DOCSTART-` row
/// only first in its block, every row of a block with the same number of columns, the
/// columns split at whitespace as Python's `str.split` splits. Returns the sentences.
pub fn check_iob2(out: &str) -> Vec<Vec<(String, String)>> {
    let python_space = |c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
    let mut sentences = Vec::new();
    for block in out.split("\n\n") {
        let rows: Vec<&str> = block.split('\n').filter(|l| !l.is_empty()).collect();
        if rows.is_empty() {
            continue;
        }
        let mut sentence = Vec::new();
        let mut previous = "O".to_owned();
        for (i, row) in rows.iter().enumerate() {
            let columns: Vec<&str> = row.split(python_space).filter(|c| !c.is_empty()).collect();
            assert_eq!(columns.len(), 2, "two columns: {row:?}");
            assert_eq!(row.split('\t').count(), 2, "one tab: {row:?}");
            let (token, tag) = (columns[0], columns[1]);
            if token == "-DOCSTART-" {
                assert_eq!(i, 0, "-DOCSTART- first in its block");
                assert_eq!(rows.len(), 1, "-DOCSTART- a block of its own");
                continue;
            }
            if let Some(kind) = tag.strip_prefix("I-") {
                assert!(
                    previous == format!("B-{kind}") || previous == tag,
                    "{tag} after {previous}: {block}"
                );
            } else {
                assert!(
                    tag == "O" || tag.len() > 2 && tag.starts_with("B-"),
                    "{tag}"
                );
            }
            tag.clone_into(&mut previous);
            sentence.push((token.to_owned(), tag.to_owned()));
        }
        if !sentence.is_empty() {
            sentences.push(sentence);
        }
    }
    sentences
}
