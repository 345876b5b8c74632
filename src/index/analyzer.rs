//! The tantivy face of `text::arabic`: one tokenizer that splits words, normalises them and,
//! for the `*_stem` fields, stems them. Offsets always point into the original text, so
//! snippets highlight what the document says (`وبالأمنِ` whole).

use std::sync::Arc;

use tantivy::Index;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use crate::text::arabic::{Stemmer, normalize_into};
use crate::text::words::{WordRanges, word_ranges};

/// Bumped whenever analysis changes in a way that changes indexed terms; an index built with
/// another version is rebuilt.
pub const ANALYZER_VERSION: u32 = 1;
/// The exact analyzer: normalised forms. The version is in the name, per the design.
pub const EXACT: &str = "isnad_ar_exact_v1";
/// The loose analyzer: normalised and light-stemmed forms.
pub const STEM: &str = "isnad_ar_stem_v1";
/// Normalised tokens longer than this (in bytes) are not indexed: they are never words.
const MAX_TOKEN_BYTES: usize = 255;

/// Splits, normalises and optionally stems; see the module doc.
#[derive(Clone)]
pub struct ArabicTokenizer {
    stemmer: Option<Arc<Stemmer>>,
    token: Token,
    /// The normalised word before stemming, reused from token to token.
    normalized: String,
}

impl ArabicTokenizer {
    /// The exact analyzer's tokenizer.
    pub fn exact() -> Self {
        ArabicTokenizer {
            stemmer: None,
            token: Token::default(),
            normalized: String::new(),
        }
    }

    /// The stemming analyzer's tokenizer.
    pub fn stemming(stemmer: Arc<Stemmer>) -> Self {
        ArabicTokenizer {
            stemmer: Some(stemmer),
            token: Token::default(),
            normalized: String::new(),
        }
    }
}

/// The tokens of one text; see [`ArabicTokenizer`].
pub struct ArabicTokenStream<'a> {
    text: &'a str,
    words: WordRanges<'a>,
    stemmer: Option<&'a Stemmer>,
    token: &'a mut Token,
    normalized: &'a mut String,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.token.reset();
        ArabicTokenStream {
            text,
            words: word_ranges(text),
            stemmer: self.stemmer.as_deref(),
            token: &mut self.token,
            normalized: &mut self.normalized,
        }
    }
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for range in self.words.by_ref() {
            let Some(word) = self.text.get(range.clone()) else {
                continue;
            };
            // No allocation per word: the term is written into the token's own buffer.
            match self.stemmer {
                Some(stemmer) => {
                    normalize_into(word, self.normalized);
                    self.token.text.clear();
                    self.token.text.push_str(stemmer.stem_str(self.normalized));
                }
                None => normalize_into(word, &mut self.token.text),
            }
            let term = &self.token.text;
            if term.is_empty() || term.len() > MAX_TOKEN_BYTES {
                continue;
            }
            self.token.offset_from = range.start;
            self.token.offset_to = range.end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Registers both analyzers on `index`. Must run on every open, before any search or write.
pub fn register(index: &Index, stemmer: &Arc<Stemmer>) {
    let tokenizers = index.tokenizers();
    tokenizers.register(EXACT, TextAnalyzer::from(ArabicTokenizer::exact()));
    tokenizers.register(
        STEM,
        TextAnalyzer::from(ArabicTokenizer::stemming(Arc::clone(stemmer))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, &str)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((
                token.text.clone(),
                text.get(token.offset_from..token.offset_to).unwrap_or(""),
            ));
        }
        out
    }

    #[test]
    fn exact_terms_are_normalised_and_offsets_cover_the_original() {
        let analyzer = TextAnalyzer::from(ArabicTokenizer::exact());
        assert_eq!(
            terms(analyzer, "وبالأمنِ، ISIS-K"),
            [
                ("وبالامن".into(), "وبالأمنِ"),
                ("isis".into(), "ISIS"),
                ("k".into(), "K")
            ]
        );
    }

    #[test]
    fn stem_terms_strip_clitics() {
        let analyzer = TextAnalyzer::from(ArabicTokenizer::stemming(Arc::new(
            Stemmer::with_defaults(),
        )));
        let got: Vec<String> = terms(analyzer, "وبالأمنِ لبوتين المدرسة")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(got, ["امن", "بوتين", "مدرس"]);
    }

    #[test]
    fn positions_count_words() {
        let mut analyzer = TextAnalyzer::from(ArabicTokenizer::exact());
        let mut stream = analyzer.token_stream("\u{200F} مجلس الأمن");
        let mut positions = Vec::new();
        while let Some(token) = stream.next() {
            positions.push(token.position);
        }
        assert_eq!(positions, [0, 1]);
    }
}
