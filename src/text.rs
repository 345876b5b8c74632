//! Pure text algorithms: the Arabic normaliser and light stemmer, the word tokenizer they run
//! behind, and script detection. No I/O, no terminal, no index: everything here is a function
//! of its input and is tested on strings.

pub mod arabic;
pub mod bidi;
pub mod context;
pub mod names;
pub mod script;
pub mod terminal;
pub mod words;
