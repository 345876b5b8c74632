//! From the parsed query to tantivy's: the tree tantivy's grammar reads (leniently) is walked
//! here, every ordinary word, phrase, range or field handed to tantivy's `QueryParser`, and
//! the words it cannot build answered by `operators`: a prefix (`تنظ*`), a fuzzy word
//! (`حكومه~1`), a name's spellings (`name:ترمب`), a phrase with slop (`"a b"~3`, whose pairs
//! of frequent stems are left out), and, while typing, the last word also as a prefix.
//!
//! The tree keeps what tantivy's own lenient parse gives: the default occurrence (every word
//! required, or any word enough), `+`/`-`, `AND`/`OR`, groups, boosts and fields; a word that
//! analyses to nothing is dropped; a query of exclusions only (`-غزة`) means every document
//! but those.

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, QueryParser,
    TermQuery, TermSetQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::{Searcher, Term};

use super::operators::{self, Expansion, Operator};
use super::{IndexError, SearchIndex, frequent};
use crate::text::arabic::normalize;

/// The pseudo-field of the name-variant operator (`name:ترمب`).
pub const NAME_FIELD: &str = "name";

/// The score a whole-word match of the word being typed adds: above anything BM25 gives a
/// query, so that documents with the word whole rank above those with a longer word it
/// starts (which are ranked among themselves by BM25).
const WHOLE_WORD_TIER: f32 = 1000.0;

/// The boost of the prefix reading of the word being typed.
const TYPED_PREFIX_BOOST: f32 = 0.5;

/// The score of a document for a prefix (`word*`) it matches: constant, as Elasticsearch's
/// default for prefix queries; about what a common word scores with BM25.
const PREFIX_SCORE: f32 = 1.0;

/// Builds one query; see the module doc.
pub(super) struct Builder<'a> {
    pub index: &'a SearchIndex,
    pub searcher: &'a Searcher,
    pub parser: &'a QueryParser,
    /// The fields a word without a field is searched in, with their boosts.
    pub defaults: &'a [(Field, f32)],
    pub conjunction: bool,
    /// False for the pass that collects exact forms for the ranking bonus: operators are
    /// left out of it.
    pub operators: bool,
    /// The number (in the order written) of the word read as a prefix too, while typing.
    pub typing: Option<usize>,
    /// Words seen so far.
    pub leaves: usize,
}

impl Builder<'_> {
    /// The query of `ast` as a whole.
    pub fn root(&mut self, mut ast: UserInputAst) -> Result<Box<dyn Query>, IndexError> {
        if all_negative(&ast) {
            make_non_negative(&mut ast);
        }
        Ok(self.build(ast)?.unwrap_or_else(|| Box::new(EmptyQuery)))
    }

    /// The query of a part of the tree; `None` when it holds no word (dropped).
    fn build(&mut self, ast: UserInputAst) -> Result<Option<Box<dyn Query>>, IndexError> {
        match ast {
            UserInputAst::Clause(children) => {
                let default = if self.conjunction {
                    Occur::Must
                } else {
                    Occur::Should
                };
                let mut clauses = Vec::with_capacity(children.len());
                for (occur, child) in children {
                    if let Some(query) = self.build(child)? {
                        clauses.push((occur.unwrap_or(default), query));
                    }
                }
                Ok((!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
            }
            UserInputAst::Boost(ast, boost) => Ok(self.build(*ast)?.map(|query| {
                #[expect(clippy::cast_possible_truncation, reason = "a boost as typed")]
                let boost = boost.into_inner() as f32;
                Box::new(BoostQuery::new(query, boost)) as Box<dyn Query>
            })),
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(literal) => {
                    let number = self.leaves;
                    self.leaves += 1;
                    self.literal(literal, self.typing == Some(number))
                }
                leaf => Ok(self.tantivy(leaf)),
            },
        }
    }

    /// What tantivy makes of a leaf; `None` when nothing (a word of punctuation).
    fn tantivy(&self, leaf: UserInputLeaf) -> Option<Box<dyn Query>> {
        let (query, _ignored) = self
            .parser
            .build_query_from_user_input_ast_lenient(UserInputAst::Leaf(Box::new(leaf)));
        (!query.is::<EmptyQuery>()).then_some(query)
    }

    fn literal(
        &self,
        literal: UserInputLiteral,
        typing: bool,
    ) -> Result<Option<Box<dyn Query>>, IndexError> {
        let fields = self.fields(literal.field_name.as_deref());
        if literal.field_name.as_deref() == Some(NAME_FIELD) {
            if !self.operators {
                return Ok(None);
            }
            let words: Vec<&str> = literal.phrase.split_whitespace().collect();
            if words.len() > 1 || literal.delimiter != Delimiter::None {
                return Err(IndexError::Query(format!(
                    "name: takes one word at a time: write name:({}) for every word of the name",
                    literal.phrase
                )));
            }
            let word = words.first().copied().unwrap_or_default();
            return self.operator(word, Operator::Variant, &self.fields(None));
        }
        if literal.delimiter == Delimiter::None
            && let Some((word, operator)) =
                operators::operator_of(&literal.phrase).map_err(IndexError::Query)?
        {
            if !self.operators {
                return Ok(None);
            }
            if operator == Operator::Fuzzy(Some(0)) {
                return Ok(self.tantivy(
                    UserInputLiteral {
                        phrase: word.to_owned(),
                        ..literal
                    }
                    .into(),
                ));
            }
            if fields.iter().any(|&(field, _)| self.kind(field).is_none()) {
                // Not a field of words (`lang:`, `doc:`): as tantivy reads it.
                return Ok(self.tantivy(literal.into()));
            }
            return self.operator(word, operator, &fields);
        }
        if literal.slop > 0 && literal.delimiter == Delimiter::DoubleQuotes {
            return Ok(self.sloppy_phrase(&literal, &fields));
        }
        let phrase = literal.phrase.clone();
        let whole = self.tantivy(literal.into());
        if !typing || !self.operators {
            return Ok(whole);
        }
        // A word that cannot be a prefix (one letter) is only the word.
        let Ok(Some(prefix)) = self.operator(&phrase, Operator::Prefix, &fields) else {
            return Ok(whole);
        };
        let prefix = Box::new(BoostQuery::new(prefix, TYPED_PREFIX_BOOST));
        Ok(Some(match whole {
            None => prefix,
            Some(whole) => Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(whole.box_clone(), WHOLE_WORD_TIER)),
                ),
                (Occur::Should, whole),
                (Occur::Should, prefix),
            ])),
        }))
    }

    /// The fields a literal is searched in, with their boosts: its own, or the defaults.
    fn fields(&self, name: Option<&str>) -> Vec<(Field, f32)> {
        match name {
            None | Some(NAME_FIELD) => self.defaults.to_vec(),
            Some(name) => {
                let Ok(field) = self.index.index.schema().get_field(name) else {
                    return Vec::new();
                };
                let boost = self
                    .defaults
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or(1.0, |&(_, boost)| boost);
                vec![(field, boost)]
            }
        }
    }

    /// Whether `field` holds stemmed words (`Some(true)`), normalised words (`Some(false)`),
    /// or no words operators apply to (`None`).
    fn kind(&self, field: Field) -> Option<bool> {
        let fields = &self.index.fields;
        if field == fields.text_stem || field == fields.title_stem {
            Some(true)
        } else if field == fields.title || field == fields.body || field == fields.source {
            Some(false)
        } else {
            None
        }
    }

    /// The union of the terms `operator` expands `word` to, in each of `fields`; an empty
    /// query when it expands to none, `None` when `word` has no letters.
    fn operator(
        &self,
        word: &str,
        operator: Operator,
        fields: &[(Field, f32)],
    ) -> Result<Option<Box<dyn Query>>, IndexError> {
        let normalized = normalize(word);
        let letters = normalized.chars().filter(|c| c.is_alphanumeric()).count();
        if letters == 0 {
            return Ok(None);
        }
        match operator {
            Operator::Prefix if letters < operators::MIN_PREFIX_LETTERS => {
                return Err(IndexError::Query(format!(
                    "a prefix needs at least {} letters: {word}* would match most words; type \
                     another letter",
                    operators::MIN_PREFIX_LETTERS
                )));
            }
            Operator::Variant
                if operators::skeleton(&normalized).chars().count()
                    < operators::MIN_SKELETON_LETTERS =>
            {
                return Err(IndexError::Query(format!(
                    "name:{word} has fewer than {} letters besides ا و ي: its spellings would \
                     match too many words; search {word} itself",
                    operators::MIN_SKELETON_LETTERS
                )));
            }
            _ => {}
        }
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost) in fields {
            let Some(stemmed) = self.kind(field) else {
                continue;
            };
            let terms = self
                .expand(&normalized, operator, field, stemmed)
                .map_err(|e| self.index.error(e))?;
            let union: Box<dyn Query> = if operator == Operator::Prefix {
                // A prefix is scored as Elasticsearch scores one by default, constantly: its
                // terms' documents are gathered into a bitset from their postings (doc ids
                // only), which at a million documents costs a fraction of scoring every
                // posting of 64 frequent words (a 2-letter prefix took 40–80 ms with BM25).
                Box::new(ConstScoreQuery::new(
                    Box::new(TermSetQuery::new(terms)),
                    PREFIX_SCORE,
                ))
            } else {
                Box::new(BooleanQuery::new(
                    terms
                        .into_iter()
                        .map(|term| {
                            let query: Box<dyn Query> =
                                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                            (Occur::Should, query)
                        })
                        .collect(),
                ))
            };
            per_field.push((
                Occur::Should,
                if (boost - 1.0).abs() > f32::EPSILON {
                    Box::new(BoostQuery::new(union, boost))
                } else {
                    union
                },
            ));
        }
        Ok(Some(if per_field.len() == 1 {
            per_field.swap_remove(0).1
        } else {
            Box::new(BooleanQuery::new(per_field))
        }))
    }

    /// The terms of `field` that `operator` accepts for the normalised `word`.
    fn expand(
        &self,
        word: &str,
        operator: Operator,
        field: Field,
        stemmed: bool,
    ) -> tantivy::Result<Vec<Term>> {
        let mut expansion = Expansion::default();
        let stem = if stemmed {
            self.index.stemmer.stem_str(word)
        } else {
            std::borrow::Cow::Borrowed(word)
        };
        let stem: &str = &stem;
        match operator {
            Operator::Prefix => {
                let readings = if stemmed {
                    operators::clitic_readings(word)
                } else {
                    vec![word]
                };
                for prefix in readings {
                    expansion.prefix(self.searcher, field, prefix)?;
                    if stemmed {
                        for stem in operators::stems_run_past(prefix) {
                            expansion.term(self.searcher, field, stem)?;
                        }
                    }
                }
                Ok(expansion.terms(field, |_| 0))
            }
            Operator::Fuzzy(distance) => {
                let distance = distance.unwrap_or_else(|| operators::auto_distance(stem));
                if distance == 0 {
                    return Ok(vec![Term::from_field_text(field, stem)]);
                }
                // The stem, and the word with its clitics read off but its ending kept when
                // the stemmer took the ending off: a misspelt word may lose an ending its
                // correct spelling keeps (`نودة` stems to `نود`, `ندوة` keeps its `ة`, as
                // `ندو` is another word), so the distance is measured to both.
                let mut forms = vec![stem];
                if stemmed
                    && let Some(whole) = operators::clitic_readings(word)
                        .into_iter()
                        .filter(|r| r.len() > stem.len() && r.starts_with(stem))
                        .min_by_key(|r| r.len())
                {
                    forms.push(whole);
                }
                for form in &forms {
                    let dfa = operators::levenshtein_dfa(form, distance);
                    expansion.automaton(
                        self.searcher,
                        field,
                        &operators::Levenshtein(&dfa),
                        |_| true,
                    )?;
                }
                Ok(expansion.terms(field, |term| {
                    forms
                        .iter()
                        .map(|form| operators::edits(form, term))
                        .min()
                        .unwrap_or(usize::MAX)
                }))
            }
            Operator::Variant => {
                let mut forms = operators::name_forms(word);
                if stem != word && stem.chars().count() >= operators::MIN_SKELETON_LETTERS {
                    forms.extend(operators::name_forms(stem));
                }
                // The skeleton automaton finds the candidates in the term dictionary; only
                // those that spell the form with vowel letters added or dropped are kept.
                for form in &forms {
                    let automaton = operators::SkeletonAutomaton::new(&operators::skeleton(form));
                    expansion.automaton(self.searcher, field, &automaton, |term| {
                        operators::spells(form, term)
                    })?;
                }
                Ok(expansion.terms(field, |_| 0))
            }
        }
    }

    /// A phrase with slop (`"a b"~3`), analysed as its field is, without the pairs of
    /// frequent stems: a pair is indexed only where its two words are adjacent.
    fn sloppy_phrase(
        &self,
        literal: &UserInputLiteral,
        fields: &[(Field, f32)],
    ) -> Option<Box<dyn Query>> {
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost) in fields {
            let Ok(mut analyzer) = self.index.index.tokenizer_for_field(field) else {
                continue;
            };
            let mut terms: Vec<(usize, Term)> = Vec::new();
            let mut stream = analyzer.token_stream(&literal.phrase);
            while stream.advance() {
                let token = stream.token();
                if !frequent::is_pair(&token.text) {
                    terms.push((token.position, Term::from_field_text(field, &token.text)));
                }
            }
            let query: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms.swap_remove(0).1,
                    IndexRecordOption::WithFreqs,
                )),
                _ => {
                    // Positions counted from the first word.
                    let first = terms.first().map_or(0, |(at, _)| *at);
                    let terms = terms.into_iter().map(|(at, t)| (at - first, t)).collect();
                    Box::new(PhraseQuery::new_with_offset_and_slop(terms, literal.slop))
                }
            };
            per_field.push((Occur::Should, Box::new(BoostQuery::new(query, boost))));
        }
        match per_field.len() {
            0 => None,
            1 => Some(per_field.swap_remove(0).1),
            _ => Some(Box::new(BooleanQuery::new(per_field))),
        }
    }
}

/// True when every clause of `ast` excludes (as tantivy's parser decides it).
fn all_negative(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Leaf(_) => false,
        UserInputAst::Boost(child, _) => all_negative(child),
        UserInputAst::Clause(children) => children
            .iter()
            .all(|(occur, child)| *occur == Some(Occur::MustNot) || all_negative(child)),
    }
}

/// Lets an all-negative query match every other document, as tantivy's parser does: every
/// document is added to its top clause (`-date:*` is every undated document).
fn make_non_negative(ast: &mut UserInputAst) {
    match ast {
        UserInputAst::Leaf(_) => {}
        UserInputAst::Boost(child, _) => make_non_negative(child),
        UserInputAst::Clause(children) => children.push((
            Some(Occur::Should),
            UserInputAst::Leaf(Box::new(UserInputLeaf::All)),
        )),
    }
}

/// The words (literals) of `ast`, in the order written.
pub(super) fn literals(ast: &UserInputAst) -> Vec<&UserInputLiteral> {
    fn walk<'a>(ast: &'a UserInputAst, out: &mut Vec<&'a UserInputLiteral>) {
        match ast {
            UserInputAst::Leaf(leaf) => {
                if let UserInputLeaf::Literal(literal) = &**leaf {
                    out.push(literal);
                }
            }
            UserInputAst::Boost(child, _) => walk(child, out),
            UserInputAst::Clause(children) => {
                for (_, child) in children {
                    walk(child, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(ast, &mut out);
    out
}
