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
pub(super) const WHOLE_WORD_TIER: f32 = 1000.0;

/// The boost of the prefix reading of the word being typed.
pub(super) const TYPED_PREFIX_BOOST: f32 = 0.5;

/// The score of a document for a prefix (`word*`) it matches: constant, as Elasticsearch's
/// default for prefix queries; about what a common word scores with BM25.
pub(super) const PREFIX_SCORE: f32 = 1.0;

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
    /// The word being typed, once built, when ranking may take it apart (`TypedWord`).
    pub typed_word: Option<TypedWord>,
    /// The query taken apart around the word being typed, when `root` could.
    pub split: Option<TypedSplit>,
}

/// The word being typed, as the ranking while typing takes it apart (`index::typed`): the
/// whole word's term and the terms its prefix expands to, in the one stemmed field searched.
pub(super) struct TypedWord {
    /// `None` when the word is no term of its own (it analyses to nothing).
    pub whole: Option<Term>,
    /// Most frequent first.
    pub prefix: Vec<Term>,
    /// The prefix's terms' document frequencies, summed: how dense its documents may be.
    pub prefix_postings: u64,
}

/// A query being typed, taken apart: the word being typed, and the other clauses of the
/// query, every one of them required or excluded (as the query builds them); or, when `any`,
/// the word is one of the query's optional clauses (`عام OR وأ`) and every other clause is
/// optional or excluded.
pub(super) struct TypedSplit {
    pub word: TypedWord,
    pub rest: Vec<(Occur, Box<dyn Query>)>,
    pub any: bool,
}

impl Builder<'_> {
    /// The query of `ast` as a whole. While typing, when the word being typed is the query
    /// or one of its required clauses beside others that are required or excluded, and
    /// nothing is boosted, the query is also taken apart around it (`split`).
    pub fn root(&mut self, mut ast: UserInputAst) -> Result<Box<dyn Query>, IndexError> {
        if all_negative(&ast) {
            make_non_negative(&mut ast);
        }
        let split = self.typing.is_some() && self.operators && !has_boost(&ast);
        let query = match ast {
            UserInputAst::Clause(children) if split => self.top_clause(children)?,
            ast => {
                let literal = is_literal(&ast);
                let query = self.build(ast)?;
                if let Some(word) = self.typed_word.take()
                    && split
                    && literal
                {
                    self.split = Some(TypedSplit {
                        word,
                        rest: Vec::new(),
                        any: false,
                    });
                }
                query
            }
        };
        Ok(query.unwrap_or_else(|| Box::new(EmptyQuery)))
    }

    /// The top clause of a typed query, built as `build` builds a clause, taken apart when
    /// one of its children is the word being typed, required, and no other is optional; or
    /// optional, and no other is required.
    fn top_clause(
        &mut self,
        children: Vec<(Option<Occur>, UserInputAst)>,
    ) -> Result<Option<Box<dyn Query>>, IndexError> {
        let default = if self.conjunction {
            Occur::Must
        } else {
            Occur::Should
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(children.len());
        let mut typed_at = None;
        for (occur, child) in children {
            let literal = is_literal(&child);
            let before = self.typed_word.is_some();
            if let Some(query) = self.build(child)? {
                if literal && !before && self.typed_word.is_some() {
                    typed_at = Some(clauses.len());
                }
                clauses.push((occur.unwrap_or(default), query));
            }
        }
        if let (Some(at), Some(word)) = (typed_at, self.typed_word.take())
            && let Some(&(occur, _)) = clauses.get(at)
            && occur != Occur::MustNot
            && clauses.iter().all(|(other, _)| match occur {
                Occur::Must => *other != Occur::Should,
                _ => *other != Occur::Must,
            })
        {
            let rest = clauses
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != at)
                .map(|(_, (occur, query))| (*occur, query.box_clone()))
                .collect();
            self.split = Some(TypedSplit {
                word,
                rest,
                any: occur == Occur::Should,
            });
        }
        Ok((!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
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
        &mut self,
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
        let Ok(Some(expanded)) = self.operator_terms(&phrase, Operator::Prefix, &fields) else {
            return Ok(whole);
        };
        self.typed_word = typed_word(
            &fields,
            whole.as_deref(),
            &expanded,
            self.index.fields.text_stem,
        );
        let prefix = operator_query(Operator::Prefix, expanded);
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
        Ok(self
            .operator_terms(word, operator, fields)?
            .map(|per_field| operator_query(operator, per_field)))
    }

    /// The terms `operator` expands `word` to in each of `fields` (those of words), with
    /// the field's boost and each term's document frequency, most frequent first; `None`
    /// when `word` has no letters.
    fn operator_terms(
        &self,
        word: &str,
        operator: Operator,
        fields: &[(Field, f32)],
    ) -> Result<Option<Vec<FieldTerms>>, IndexError> {
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
        let mut per_field = Vec::new();
        for &(field, boost) in fields {
            let Some(stemmed) = self.kind(field) else {
                continue;
            };
            let terms = self
                .expand(&normalized, operator, field, stemmed)
                .map_err(|e| self.index.error(e))?;
            per_field.push(FieldTerms {
                field,
                boost,
                terms,
            });
        }
        Ok(Some(per_field))
    }

    /// The terms of `field` that `operator` accepts for the normalised `word`.
    fn expand(
        &self,
        word: &str,
        operator: Operator,
        field: Field,
        stemmed: bool,
    ) -> tantivy::Result<Vec<(Term, u64)>> {
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
                for (at, prefix) in readings.into_iter().enumerate() {
                    // The first reading is the prefix as typed.
                    if at > 0
                        && prefix.chars().count() < operators::MIN_CLITIC_READING_LETTERS
                        && !expansion.is_empty()
                    {
                        continue;
                    }
                    expansion.prefix(self.searcher, field, prefix)?;
                    if stemmed {
                        for stem in operators::stems_run_past(prefix) {
                            expansion.term(self.searcher, field, stem)?;
                        }
                    }
                }
                Ok(expansion.counted_terms(field, |_| 0))
            }
            Operator::Fuzzy(distance) => {
                let distance = distance.unwrap_or_else(|| operators::auto_distance(stem));
                if distance == 0 {
                    return Ok(vec![(Term::from_field_text(field, stem), 0)]);
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
                Ok(expansion.counted_terms(field, |term| {
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
                Ok(expansion.counted_terms(field, |_| 0))
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

/// The terms an operator expanded a word to in one field.
struct FieldTerms {
    field: Field,
    boost: f32,
    /// With their document frequencies, most frequent first.
    terms: Vec<(Term, u64)>,
}

/// The query of an operator's terms: in each field their union, boosted as the field is.
fn operator_query(operator: Operator, per_field: Vec<FieldTerms>) -> Box<dyn Query> {
    let mut per_field: Vec<(Occur, Box<dyn Query>)> = per_field
        .into_iter()
        .map(|FieldTerms { boost, terms, .. }| {
            let terms = terms.into_iter().map(|(term, _)| term);
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
                        .map(|term| {
                            let query: Box<dyn Query> =
                                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                            (Occur::Should, query)
                        })
                        .collect(),
                ))
            };
            let query: Box<dyn Query> = if (boost - 1.0).abs() > f32::EPSILON {
                Box::new(BoostQuery::new(union, boost))
            } else {
                union
            };
            (Occur::Should, query)
        })
        .collect();
    if per_field.len() == 1 {
        per_field.swap_remove(0).1
    } else {
        Box::new(BooleanQuery::new(per_field))
    }
}

/// The word being typed as ranking takes it apart, when it is searched in the stemmed field
/// alone, unboosted, and its whole word is one term of it (or none).
fn typed_word(
    fields: &[(Field, f32)],
    whole: Option<&dyn Query>,
    expanded: &[FieldTerms],
    stemmed: Field,
) -> Option<TypedWord> {
    let [(field, boost)] = fields else {
        return None;
    };
    let [terms] = expanded else {
        return None;
    };
    if *field != stemmed || terms.field != stemmed || (boost - 1.0).abs() > f32::EPSILON {
        return None;
    }
    let whole = match whole {
        None => None,
        Some(query) => {
            let term = query.downcast_ref::<TermQuery>()?.term();
            if term.field() != stemmed {
                return None;
            }
            Some(term.clone())
        }
    };
    Some(TypedWord {
        whole,
        prefix: terms.terms.iter().map(|(term, _)| term.clone()).collect(),
        prefix_postings: terms.terms.iter().map(|(_, freq)| freq).sum(),
    })
}

/// True when `ast` is one word (a literal).
fn is_literal(ast: &UserInputAst) -> bool {
    matches!(ast, UserInputAst::Leaf(leaf) if matches!(**leaf, UserInputLeaf::Literal(_)))
}

/// True when some part of `ast` is boosted (`word^2`).
fn has_boost(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Leaf(_) => false,
        UserInputAst::Boost(..) => true,
        UserInputAst::Clause(children) => children.iter().any(|(_, child)| has_boost(child)),
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
