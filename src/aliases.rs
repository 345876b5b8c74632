//! A tagged entity's names searched together: once the entity says `بوتين` is also `Putin`
//! and `Vladimir Putin`, searching any one of them finds documents that write another,
//! in whatever script. Pure: the table is made from the store's entities by the caller.
//!
//! A query word (or a quoted phrase) is expanded when it is, as a whole, one of an entity's
//! names: the same name by the one rule for names ([`crate::text::names::name_key`]:
//! normalised words, so hamza forms, harakat and case do not matter). It becomes a group of
//! all the entity's names, each quoted: `بوتين` is searched as
//! `(بوتين OR "putin" OR "vladimir putin")`. What is written with an operator of its own is
//! left as written: a field (`title:بوتين`), a prefix (`بوت*`), a fuzzy or boosted word
//! (`بوتين~1`, `بوتين^2`), a phrase with a slop (`"a b"~3`), and `AND`/`OR`/`NOT`.

use crate::text::names::name_key;

/// The names of every entity that has more than one, keyed for matching.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    groups: Vec<Group>,
}

#[derive(Debug, Clone)]
struct Group {
    /// Every name as written, the canonical one first, without repeats (by key).
    names: Vec<String>,
    keys: Vec<String>,
}

/// One expansion made, for saying so to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// The word or phrase as typed (without its quotes).
    pub typed: String,
    /// The entity's other names, as written.
    pub also: Vec<String>,
}

/// A query with its names expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    pub query: String,
    pub expansions: Vec<Expansion>,
}

impl AliasTable {
    /// A table of `entities`, each given as its names (canonical first, then aliases).
    /// Entities with a single name are left out: they have nothing to add.
    pub fn new<I, N>(entities: I) -> Self
    where
        I: IntoIterator<Item = N>,
        N: IntoIterator,
        N::Item: AsRef<str>,
    {
        let mut groups = Vec::new();
        for names in entities {
            let mut group = Group {
                names: Vec::new(),
                keys: Vec::new(),
            };
            for name in names {
                // A quote cannot be searched inside a quoted phrase; it is no part of a name.
                let name = name.as_ref().replace('"', " ");
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                let key = name_key(&name);
                if !key.is_empty() && !group.keys.contains(&key) {
                    group.names.push(name);
                    group.keys.push(key);
                }
            }
            if group.names.len() > 1 {
                groups.push(group);
            }
        }
        AliasTable { groups }
    }

    /// True when no entity has another name.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    fn group_of(&self, key: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.keys.iter().any(|k| k == key))
    }

    /// `query` with each word or phrase that names an entity searched as all its names;
    /// see the module doc.
    pub fn expand(&self, query: &str) -> Expanded {
        let mut expanded = Expanded {
            query: String::with_capacity(query.len()),
            expansions: Vec::new(),
        };
        if self.is_empty() {
            expanded.query.push_str(query);
            return expanded;
        }
        let mut rest = query;
        while let Some(c) = rest.chars().next() {
            if c.is_whitespace() || c == '(' || c == ')' || c == '+' || c == '-' {
                expanded.query.push(c);
                rest = rest.get(c.len_utf8()..).unwrap_or_default();
                continue;
            }
            let (piece, after, phrase) = if c == '"' {
                let inner = rest.get(1..).unwrap_or_default();
                match inner.find('"') {
                    Some(close) => {
                        let (quoted, after) = rest.split_at(close + 2);
                        (quoted, after, true)
                    }
                    // An unclosed quote runs to the end, as the parser reads it.
                    None => (rest, "", true),
                }
            } else {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '"')
                    .unwrap_or(rest.len());
                let (word, after) = rest.split_at(end);
                (word, after, false)
            };
            rest = after;
            // An operator right behind the piece (`"a b"~2`, `"a b"^2`) is its own.
            let operated = rest.starts_with(['~', '^', '*']);
            let text = if phrase {
                piece.trim_start_matches('"').trim_end_matches('"')
            } else {
                piece
            };
            let plain = !operated
                && (phrase
                    || !(text.contains([':', '*', '~', '^', '\\'])
                        || matches!(text, "AND" | "OR" | "NOT")));
            match plain.then(|| self.group_of(&name_key(text))).flatten() {
                Some(group) => {
                    let key = name_key(text);
                    expanded.query.push('(');
                    expanded.query.push_str(piece);
                    if phrase && (piece.len() == 1 || !piece.ends_with('"')) {
                        expanded.query.push('"');
                    }
                    let mut also = Vec::new();
                    for (name, name_key) in group.names.iter().zip(&group.keys) {
                        if *name_key != key {
                            expanded.query.push_str(" OR \"");
                            expanded.query.push_str(name);
                            expanded.query.push('"');
                            also.push(name.clone());
                        }
                    }
                    expanded.query.push(')');
                    expanded.expansions.push(Expansion {
                        typed: text.to_owned(),
                        also,
                    });
                }
                None => expanded.query.push_str(piece),
            }
        }
        expanded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> AliasTable {
        AliasTable::new([
            vec!["بوتين", "Putin", "Vladimir Putin"],
            vec!["نيويورك"],
            vec!["الأمم المتحدة", "UN", "United Nations"],
        ])
    }

    #[test]
    fn a_name_is_searched_as_all_the_entity_names() {
        let expanded = table().expand("بوتين زيارة");
        assert_eq!(
            expanded.query,
            "(بوتين OR \"Putin\" OR \"Vladimir Putin\") زيارة"
        );
        assert_eq!(
            expanded.expansions,
            vec![Expansion {
                typed: "بوتين".into(),
                also: vec!["Putin".into(), "Vladimir Putin".into()],
            }]
        );
        // Another script, another case, harakat: the same name.
        assert_eq!(
            table().expand("putin").query,
            "(putin OR \"بوتين\" OR \"Vladimir Putin\")"
        );
        assert_eq!(
            table().expand("بُوتِين").query,
            "(بُوتِين OR \"Putin\" OR \"Vladimir Putin\")"
        );
    }

    #[test]
    fn a_quoted_name_of_several_words_is_expanded_whole() {
        assert_eq!(
            table().expand("-\"united nations\" قرار").query,
            "-(\"united nations\" OR \"الأمم المتحدة\" OR \"UN\") قرار"
        );
        // Its words alone are not names.
        assert_eq!(table().expand("united nations").query, "united nations");
    }

    #[test]
    fn words_with_operators_and_entities_without_aliases_stay_as_written() {
        for query in [
            "title:بوتين",
            "بوتين~1",
            "بوت*",
            "بوتين^2",
            "\"بوتين\"~2",
            "نيويورك",
            "entity:بوتين",
            "OR",
        ] {
            let expanded = table().expand(query);
            assert_eq!(expanded.query, query);
            assert!(expanded.expansions.is_empty(), "{query}");
        }
        assert_eq!(
            table().expand("(putin OR x)").query,
            "((putin OR \"بوتين\" OR \"Vladimir Putin\") OR x)"
        );
    }

    #[test]
    fn an_unclosed_quote_is_closed_inside_the_group() {
        assert_eq!(
            table().expand("\"putin").query,
            "(\"putin\" OR \"بوتين\" OR \"Vladimir Putin\")"
        );
        // A lone quote names nothing.
        assert_eq!(table().expand("\"").query, "\"");
    }

    #[test]
    fn quotes_in_names_do_not_break_the_query() {
        let table = AliasTable::new([vec!["Abu \"the\" X", "أبو إكس"]]);
        assert_eq!(
            table.expand("أبو إكس").query,
            "أبو إكس",
            "two bare words are two words"
        );
        assert_eq!(
            table.expand("\"أبو إكس\"").query,
            "(\"أبو إكس\" OR \"Abu the X\")"
        );
    }
}
