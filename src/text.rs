//! Pure text algorithms: the Arabic normaliser and light stemmer (`arabic`), with
//! the other scripts' rules (`scripts`: Latin folding, English plurals, Hebrew and Urdu), the word
//! tokenizer they run behind (`words`), script and direction detection (`script`), the
//! right-to-left layout engine (`bidi`), finding names in text and the one rule for "the same
//! name" (`names`), context snippets cut at words (`context`), days as analysts write them (`dates`),
//! and what may reach a terminal (`terminal`). No I/O, no terminal, no index: everything here is a function of its input and
//! is tested on strings.

pub mod arabic;
pub mod bidi;
pub mod context;
pub mod dates;
pub mod names;
pub mod script;
pub mod scripts;
pub mod terminal;
pub mod words;
