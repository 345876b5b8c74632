//! brat's rules for a standoff folder, re-implemented from brat's server (nlplab/brat,
//! `server/src/annotation.py`, `projectconfig.py` and `verify_annotations.py`; MIT
//! licence): what its parser accepts in `.ann` lines and configuration files, and what its
//! verifier reports. The tests read brat exports with them, not with our own reader.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// brat's reserved configuration strings (`reserved_config_name`): any other `<…>` is an
/// undefined macro and an error.
const RESERVED: [&str; 16] = [
    "ANY",
    "ENTITY",
    "RELATION",
    "EVENT",
    "NONE",
    "EMPTY",
    "REL-TYPE",
    "URL",
    "URLBASE",
    "UNICODE",
    "GLYPH-POS",
    "DEFAULT",
    "NORM",
    "OVERLAP",
    "OVL-TYPE",
    "INHERIT",
];

/// What Python's `readlines` (brat reads `.ann` files with it) splits lines at.
const PYTHON_LINE_BREAKS: [char; 10] = [
    '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// Arguments of a configuration line: `key:value|value`.
pub type Args = Vec<(String, Vec<String>)>;

/// A configuration file as `__parse_configs` and `__read_term_hierarchy` read it.
#[derive(Default, Debug)]
pub struct Conf {
    /// Section → lines, each its terms (`A | B`) and arguments.
    pub sections: BTreeMap<String, Vec<(Vec<String>, Args)>>,
}

/// `normalize_to_storage_form` leaves it as it is: `[a-zA-Z0-9_-]+`.
pub fn storable(term: &str) -> bool {
    !term.is_empty()
        && term
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `__parse_configs`: `[section]` lines; in each section, `#` comments and blank lines
/// skipped, a line of hyphens a separator, `<…>` only reserved strings, terms separated by
/// `|` and arguments by `,` (in `[labels]` only a tab starts the arguments); the first
/// term must be in storage form, or brat renames it and nothing written with the name
/// matches.
pub fn parse_conf(text: &str) -> Conf {
    let mut conf = Conf::default();
    let mut section = "general".to_owned();
    for line in text.split('\n') {
        let trimmed = line.trim();
        if let Some(name) = trimmed
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            name.clone_into(&mut section);
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        assert!(
            !trimmed.chars().all(|c| c == '-'),
            "a separator line, not a type: {line:?}"
        );
        for part in line.split('<').skip(1) {
            let name = part.split('>').next().unwrap_or_default();
            assert!(
                RESERVED.contains(&name),
                "undefined macro <{name}> in {line:?}"
            );
        }
        let (terms, args) = if section == "labels" {
            line.split_once('\t').unwrap_or((line, ""))
        } else {
            line.split_once(char::is_whitespace).unwrap_or((line, ""))
        };
        let terms: Vec<String> = terms
            .split('|')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        assert!(!terms.is_empty(), "empty term: {line:?}");
        assert!(
            terms[0].starts_with('<') || storable(&terms[0]),
            "brat would rename {:?} (storage form [a-zA-Z0-9_-]): {line:?}",
            terms[0]
        );
        let args = args
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                let (key, values) = a
                    .split_once(':')
                    .unwrap_or_else(|| panic!("argument {a:?} in {line:?}"));
                assert!(!key.contains(char::is_whitespace) && !values.contains(' '));
                (
                    key.to_owned(),
                    values.split('|').map(str::to_owned).collect::<Vec<_>>(),
                )
            })
            .collect();
        conf.sections
            .entry(section.clone())
            .or_default()
            .push((terms, args));
    }
    conf
}

fn value<'a>(args: &'a Args, key: &str) -> Option<&'a Vec<String>> {
    args.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

impl Conf {
    /// The storage names of a section.
    pub fn terms(&self, section: &str) -> Vec<String> {
        self.sections
            .get(section)
            .map(|lines| lines.iter().map(|(t, _)| t[0].clone()).collect())
            .unwrap_or_default()
    }

    pub fn args(&self, section: &str, term: &str) -> Option<&Args> {
        self.sections
            .get(section)?
            .iter()
            .find(|(t, _)| t[0] == term)
            .map(|(_, a)| a)
    }

    /// `overlap_types` with `span_can_contain`, `spans_can_be_equal` and
    /// `spans_can_cross`: may an `inner` and an `outer` span overlap as `how` (`contain`:
    /// outer holds inner; `equal`; `cross`)?
    pub fn overlap_allowed(&self, inner: &str, outer: &str, how: &str) -> bool {
        let entities = self.terms("entities");
        let fits = |allowed: &Vec<String>, t: &str| {
            allowed.iter().any(|x| {
                x == t || x == "<ANY>" || (x == "<ENTITY>" && entities.iter().any(|e| e == t))
            })
        };
        let rules: Vec<&Args> = self
            .sections
            .get("relations")
            .map(|lines| {
                lines
                    .iter()
                    .filter(|(t, _)| t[0] == "<OVERLAP>")
                    .map(|(_, a)| a)
                    .collect()
            })
            .unwrap_or_default();
        let allows = |a: &str, b: &str, kinds: &[&str]| {
            rules.iter().any(|args| {
                value(args, "Arg1").is_some_and(|v| fits(v, a))
                    && value(args, "Arg2").is_some_and(|v| fits(v, b))
                    && value(args, "<OVL-TYPE>")
                        .is_some_and(|v| v.iter().any(|x| kinds.contains(&x.as_str())))
            })
        };
        if how == "contain" {
            allows(inner, outer, &["contain", "<ANY>"]) || allows(outer, inner, &["<ANY>"])
        } else {
            allows(inner, outer, &[how, "<ANY>"]) || allows(outer, inner, &[how, "<ANY>"])
        }
    }
}

/// A text-bound annotation: its type, fragments (code points) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Textbound {
    pub kind: String,
    pub spans: Vec<(usize, usize)>,
    pub text: String,
}

impl Textbound {
    fn first_start(&self) -> usize {
        self.spans.first().map_or(0, |s| s.0)
    }

    fn last_end(&self) -> usize {
        self.spans.last().map_or(0, |s| s.1)
    }
}

/// An `A` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub kind: String,
    pub target: String,
    pub value: String,
}

/// An `N` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalization {
    pub target: String,
    pub db: String,
    pub db_id: String,
    pub text: String,
}

/// An `R` line: a binary relation between two text-bound annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub kind: String,
    pub arg1: String,
    pub arg2: String,
}

/// One document's annotations.
#[derive(Debug, Default)]
pub struct Document {
    /// Every line by its id.
    pub lines: BTreeMap<String, String>,
    pub textbounds: BTreeMap<String, Textbound>,
    pub attributes: Vec<Attribute>,
    pub normalizations: Vec<Normalization>,
    pub relations: Vec<Relation>,
}

/// A folder's documents, by file stem.
pub type Folder = BTreeMap<String, Document>;

/// `__split_annotation_id`: `^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$`.
fn valid_id(id: &str) -> bool {
    let rest = id.strip_prefix('#').map_or_else(
        || {
            let letters = id.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            (letters.len() < id.len()).then_some(letters)
        },
        |rest| Some(rest.trim_start_matches(|c: char| c.is_ascii_alphabetic())),
    );
    rest.is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// `_split_textbound_data` and `TextAnnotations._parse_textbound_annotation`: `TYPE START
/// END;START END…`, each fragment within the text, fragments not overlapping, the text
/// after the tab exactly the fragments' texts joined by `DISCONT_SEP` (a space).
fn textbound(line: &str, data: &str, tail: &str, text: &[char]) -> Textbound {
    let (kind, rest) = data.split_once(' ').expect("TYPE START END");
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for span in rest.split(';') {
        let (start, end) = span.split_once(' ').expect("START END");
        let (start, end): (usize, usize) =
            (start.parse().expect("start"), end.parse().expect("end"));
        assert!(start <= end && end <= text.len(), "{line:?}");
        for &(s, e) in &spans {
            assert!(!(end >= s && start < e), "fragments overlap: {line:?}");
        }
        spans.push((start, end));
    }
    let fragments: Vec<String> = spans
        .iter()
        .map(|&(s, e)| text.iter().skip(s).take(e - s).collect())
        .collect();
    for fragment in &fragments {
        assert!(
            !fragment.contains(PYTHON_LINE_BREAKS),
            "a fragment crosses a line: {line:?}"
        );
    }
    assert_eq!(tail, fragments.join(" "), "{line:?}");
    Textbound {
        kind: kind.to_owned(),
        spans,
        text: tail.to_owned(),
    }
}

/// The configuration files of a folder.
pub struct Config {
    pub annotation: Conf,
    pub visual: Conf,
    /// `[normalization]` resources with a `<URL>` (`get_normalization_config` drops the
    /// others).
    pub normalization: Vec<String>,
}

impl Config {
    pub fn read(dir: &Path) -> Config {
        let read = |name: &str| parse_conf(&std::fs::read_to_string(dir.join(name)).expect(name));
        let tools = read("tools.conf");
        let normalization = tools
            .sections
            .get("normalization")
            .map(|lines| {
                lines
                    .iter()
                    .filter(|(_, args)| value(args, "<URL>").is_some())
                    .map(|(t, _)| t[0].clone())
                    .collect()
            })
            .unwrap_or_default();
        Config {
            annotation: read("annotation.conf"),
            visual: read("visual.conf"),
            normalization,
        }
    }
}

/// Reads one `.ann` with `_parse_ann_lines` (ID TAB DATA [TAB TAIL], ids unique) and the
/// parsers of `T`, `A`, `R`, `N` and `#` lines, then `verify_annotation_types`,
/// `verify_attributes` and `verify_entity_overlap` against `config`.
pub fn read_ann(ann: &str, text: &[char], config: &Config) -> Document {
    let entities = config.annotation.terms("entities");
    let mut document = Document::default();
    let mut later = Vec::new();
    for line in ann.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap_or(line);
        assert!(
            !line.contains(PYTHON_LINE_BREAKS),
            "a line break Python's readlines splits at: {line:?}"
        );
        let (id, rest) = line.split_once('\t').expect("ID TAB …");
        assert!(valid_id(id), "invalid id: {line:?}");
        let previous = document.lines.insert(id.to_owned(), line.to_owned());
        assert!(previous.is_none(), "duplicate id {id}");
        let (data, tail) = rest.split_once('\t').unwrap_or((rest, ""));
        if id.starts_with('T') {
            let bound = textbound(line, data, tail, text);
            assert!(
                entities.contains(&bound.kind),
                "{} not configured",
                bound.kind
            );
            document.textbounds.insert(id.to_owned(), bound);
        } else {
            later.push((id.to_owned(), data.to_owned(), tail.to_owned()));
        }
    }
    for (id, data, tail) in later {
        let parts: Vec<&str> = data.split(' ').collect();
        if id.starts_with('A') {
            // (.+?) (.+?) (.+?)$
            let [kind, target, value] = parts[..] else {
                panic!("TYPE TARGET VALUE: {data:?}");
            };
            let on = &document
                .textbounds
                .get(target)
                .expect("a known target")
                .kind;
            let args = config
                .annotation
                .args("attributes", kind)
                .expect("attribute configured");
            assert!(
                self::value(args, "Arg").is_some_and(|v| v.contains(on)),
                "{kind} on {on}"
            );
            assert!(
                self::value(args, "Value").is_some_and(|v| v.iter().any(|x| x == value)),
                "{kind} value {value} configured"
            );
            document.attributes.push(Attribute {
                kind: kind.to_owned(),
                target: target.to_owned(),
                value: value.to_owned(),
            });
        } else if id.starts_with('N') {
            // (\S+) (\S+) (\S+?):(\S+)
            let [kind, target, reference] = parts[..] else {
                panic!("TYPE TARGET DB:ID: {data:?}");
            };
            assert_eq!(kind, "Reference");
            let (db, db_id) = reference.split_once(':').expect("DB:ID");
            assert!(!db.is_empty() && !db_id.is_empty());
            assert!(document.textbounds.contains_key(target), "a known target");
            assert!(
                config.normalization.iter().any(|d| d == db),
                "{db} in tools.conf [normalization] with a <URL>"
            );
            document.normalizations.push(Normalization {
                target: target.to_owned(),
                db: db.to_owned(),
                db_id: db_id.to_owned(),
                text: tail,
            });
        } else if id.starts_with('R') {
            let relation = relation(&parts, &data, &document, config);
            document.relations.push(relation);
        } else if id.starts_with('#') {
            let [kind, target] = parts[..] else {
                panic!("TYPE TARGET: {data:?}");
            };
            assert_eq!(kind, "AnnotatorNotes");
            assert!(document.textbounds.contains_key(target), "a known target");
        } else {
            panic!("not written by isnad: {id} {data}");
        }
    }
    check_overlaps(&document, &config.annotation);
    document
}

/// An `R` line's data (`BinaryRelationAnnotation`, then `verify_annotation_types`).
fn relation(parts: &[&str], data: &str, document: &Document, config: &Config) -> Relation {
    // BinaryRelationAnnotation: (\S+) (\S+):(\S+) (\S+):(\S+); then
    // verify_annotation_types: the type is in [relations] and each argument's type
    // is one its role allows.
    let [kind, first, second] = parts[..] else {
        panic!("TYPE Arg1:ID Arg2:ID: {data:?}");
    };
    let args = config
        .annotation
        .args("relations", kind)
        .unwrap_or_else(|| panic!("relation {kind} configured"));
    let mut ends = Vec::new();
    for (role, arg) in [("Arg1", first), ("Arg2", second)] {
        let (named, target) = arg.split_once(':').expect("ROLE:ID");
        assert_eq!(named, role, "{data:?}");
        let on = &document
            .textbounds
            .get(target)
            .unwrap_or_else(|| panic!("a known {role}: {data:?}"))
            .kind;
        assert!(
            self::value(args, role).is_some_and(|v| v.contains(on)),
            "{kind} {role} may not be {on}"
        );
        ends.push(target.to_owned());
    }
    assert_ne!(ends[0], ends[1], "a relation ties two spans: {data:?}");
    Relation {
        kind: kind.to_owned(),
        arg1: ends[0].clone(),
        arg2: ends[1].clone(),
    }
}

/// `verify_entity_overlap` with `check_textbound_overlap`: every overlapping pair of
/// text-bound annotations (first start to last end) is one the configuration allows.
fn check_overlaps(document: &Document, annotation: &Conf) {
    let all: Vec<&Textbound> = document.textbounds.values().collect();
    for (i, a) in all.iter().enumerate() {
        for b in all.iter().skip(i + 1) {
            let (a0, a1) = (a.first_start(), a.last_end());
            let (b0, b1) = (b.first_start(), b.last_end());
            if !(b0 < a1 && b1 > a0) {
                continue;
            }
            let (allowed, how) = if (a0, a1) == (b0, b1) {
                (
                    annotation.overlap_allowed(&a.kind, &b.kind, "equal"),
                    "equal",
                )
            } else if a0 <= b0 && b1 <= a1 {
                (
                    annotation.overlap_allowed(&b.kind, &a.kind, "contain"),
                    "contain",
                )
            } else if b0 <= a0 && a1 <= b1 {
                (
                    annotation.overlap_allowed(&a.kind, &b.kind, "contain"),
                    "contain",
                )
            } else {
                (
                    annotation.overlap_allowed(&a.kind, &b.kind, "cross"),
                    "cross",
                )
            };
            assert!(
                allowed,
                "{} and {} may not {how}: {a:?} {b:?}",
                a.kind, b.kind
            );
        }
    }
}

/// Every `.ann` of `dir` (each beside its `.txt`), read with brat's rules; every entity
/// type has a label in `visual.conf`.
pub fn read_folder(dir: &Path) -> Folder {
    let config = Config::read(dir);
    let labelled = config.visual.terms("labels");
    for kind in config.annotation.terms("entities") {
        assert!(
            labelled.contains(&kind),
            "no label for {kind} in visual.conf"
        );
    }
    // document.py matches `glyph:a|b` to `Value:a|b` by position and warns when a list is
    // shorter than the values.
    for (name, args) in config
        .annotation
        .sections
        .get("attributes")
        .into_iter()
        .flatten()
    {
        let values = value(args, "Value").map_or(0, Vec::len);
        for (key, drawn) in config
            .visual
            .args("drawing", &name[0])
            .into_iter()
            .flatten()
        {
            assert!(
                drawn.len() == 1 || drawn.len() >= values,
                "{} {key}: {} visuals for {values} values",
                name[0],
                drawn.len()
            );
        }
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            let text: Vec<char> = std::fs::read_to_string(path.with_extension("txt"))
                .expect("a .txt beside each .ann")
                .chars()
                .collect();
            let ann = std::fs::read_to_string(&path).expect("ann");
            (stem, read_ann(&ann, &text, &config))
        })
        .collect()
}
