//! `isnad.toml`: the workspace's settings.

use serde::Deserialize;

/// The settings of a workspace. Missing sections take their defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub corpus: CorpusConfig,
    #[serde(default)]
    pub user: UserConfig,
    #[serde(default)]
    pub display: DisplayConfig,
    /// The entity types, in the order the workbench offers them.
    #[serde(default = "EntityType::defaults")]
    pub entity_types: Vec<EntityType>,
    /// The team database this workspace's annotations live in (`isnad team join`).
    #[serde(default)]
    pub team: Option<TeamConfig>,
}

/// A workspace's team: where its database is and which schema holds the team. Never a
/// password: that comes from `PGPASSWORD` or the `.pgpass` file, as for `psql`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamConfig {
    /// A libpq connection URL or `key=value` string, without a password.
    pub database: String,
    /// The schema the team's tables are in.
    #[serde(default = "TeamConfig::default_schema")]
    pub schema: String,
}

impl TeamConfig {
    /// The schema `isnad team init` makes unless told otherwise.
    pub const DEFAULT_SCHEMA: &'static str = "isnad";

    fn default_schema() -> String {
        Self::DEFAULT_SCHEMA.to_owned()
    }

    /// The `[team]` section `isnad team join` appends to `isnad.toml`.
    pub fn section(&self) -> String {
        let quote = |text: &str| toml::Value::String(text.to_owned()).to_string();
        format!(
            "\n[team]\n# The team database the annotations live in (`isnad team join`). No password here:\n\
             # it comes from PGPASSWORD or ~/.pgpass, as for psql.\n\
             database = {}\nschema = {}\n",
            quote(&self.database),
            quote(&self.schema)
        )
    }
}

/// A kind of entity: its name (as exports show it), the key that tags it in the reader,
/// and the colour of its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityType {
    pub name: String,
    pub key: char,
    pub colour: String,
}

/// The colour names `isnad.toml` accepts (besides `#rrggbb`).
pub const COLOURS: &[&str] = &[
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "white",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
];

impl EntityType {
    /// PER ORG LOC EVENT DATE NUM MISC, keyed by their first letter (NUM by `n`).
    pub fn defaults() -> Vec<EntityType> {
        [
            ("PER", 'p', "light-red"),
            ("ORG", 'o', "light-blue"),
            ("LOC", 'l', "light-green"),
            ("EVENT", 'e', "light-magenta"),
            ("DATE", 'd', "light-yellow"),
            ("NUM", 'n', "light-cyan"),
            ("MISC", 'm', "gray"),
        ]
        .into_iter()
        .map(|(name, key, colour)| EntityType {
            name: name.to_owned(),
            key,
            colour: colour.to_owned(),
        })
        .collect()
    }
}

fn is_colour(colour: &str) -> bool {
    COLOURS.contains(&colour)
        || colour
            .strip_prefix('#')
            .is_some_and(|hex| hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// How the workbench draws right-to-left text (`docs/rtl.md`); unset means detect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisplayConfig {
    pub bidi: Option<BidiMode>,
    pub shaping: Option<ShapingMode>,
    pub theme: Option<ThemeChoice>,
}

/// Colours for a light or a dark terminal background; `auto` asks the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    Auto,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    pub fn parse(text: &str) -> Option<ThemeChoice> {
        [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark]
            .into_iter()
            .find(|m| m.as_str() == text)
    }
}

/// Who puts right-to-left text in visual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BidiMode {
    /// isnad lays text out and asks the terminal not to reorder it (explicit mode).
    App,
    /// isnad writes logical order and the terminal reorders (Konsole with bidi on, mlterm,
    /// Apple Terminal).
    Terminal,
    /// Raw logical order, for debugging.
    Off,
}

impl BidiMode {
    pub fn as_str(self) -> &'static str {
        match self {
            BidiMode::App => "app",
            BidiMode::Terminal => "terminal",
            BidiMode::Off => "off",
        }
    }

    pub fn parse(text: &str) -> Option<BidiMode> {
        [BidiMode::App, BidiMode::Terminal, BidiMode::Off]
            .into_iter()
            .find(|m| m.as_str() == text)
    }
}

/// Whether isnad joins Arabic letters itself (presentation forms, screen only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShapingMode {
    On,
    Off,
    /// On for terminals known not to shape, off otherwise.
    Auto,
}

impl ShapingMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ShapingMode::On => "on",
            ShapingMode::Off => "off",
            ShapingMode::Auto => "auto",
        }
    }

    pub fn parse(text: &str) -> Option<ShapingMode> {
        [ShapingMode::On, ShapingMode::Off, ShapingMode::Auto]
            .into_iter()
            .find(|m| m.as_str() == text)
    }
}

/// Where the documents are.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusConfig {
    /// Folders of documents, relative to the workspace root. The first receives `isnad add`.
    #[serde(default = "default_roots")]
    pub roots: Vec<String>,
}

impl Default for CorpusConfig {
    fn default() -> Self {
        CorpusConfig {
            roots: default_roots(),
        }
    }
}

fn default_roots() -> Vec<String> {
    vec!["corpus".to_owned()]
}

/// Who is working: recorded with every change to the annotations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    pub author: Option<String>,
    /// The organisation that publishes fact checks (`ClaimReview`'s `author`), and its site.
    pub organisation: Option<String>,
    pub url: Option<String>,
}

impl Config {
    /// The `isnad.toml` written by `isnad init`.
    pub const TEMPLATE: &'static str = "\
# isnad workspace settings

[corpus]
# Folders of documents, relative to this file. `isnad add` copies into the first one.
roots = [\"corpus\"]

[user]
# Recorded with every annotation you make; defaults to your login name.
# author = \"\"
# The fact-checking organisation publishing `isnad export --format claimreview`, and
# its site; without them a review's author is the person who recorded the claim.
# organisation = \"\"
# url = \"https://\"

[display]
# Who orders right-to-left text: \"app\" (isnad, the default), \"terminal\" (Konsole with
# bidi on, mlterm, Apple Terminal) or \"off\". `:calibrate` in the workbench helps choose.
# bidi = \"app\"
# Join Arabic letters for terminals that do not: \"on\", \"off\" or \"auto\".
# shaping = \"auto\"
# Colours for a \"light\" or \"dark\" background, or \"auto\" (ask the terminal).
# NO_COLOR in the environment turns colours off.
# theme = \"auto\"

# Entity types: name, the key that tags a selection with it (after t), and a colour
# (red green yellow blue magenta cyan gray white, light-…, or #rrggbb). Listing any
# replaces the defaults: PER ORG LOC EVENT DATE NUM MISC.
# [[entity_types]]
# name = \"PER\"
# key = \"p\"
# colour = \"light-red\"
";

    /// Parses the text of an `isnad.toml`; the error says where and what is wrong.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config =
            toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
        let mut seen_names = std::collections::HashSet::new();
        let mut seen_keys = std::collections::HashSet::new();
        for kind in &config.entity_types {
            if kind.name.trim().is_empty() || kind.name.chars().any(char::is_whitespace) {
                return Err(format!(
                    "[[entity_types]] name {:?}: a name is one word, e.g. \"PER\"",
                    kind.name
                ));
            }
            if !seen_names.insert(kind.name.as_str()) {
                return Err(format!("[[entity_types]] {:?} is listed twice", kind.name));
            }
            if !kind.key.is_alphanumeric() || !seen_keys.insert(kind.key) {
                return Err(format!(
                    "[[entity_types]] {:?}: key {:?} must be a letter or digit no other type uses",
                    kind.name, kind.key
                ));
            }
            if !is_colour(&kind.colour) {
                return Err(format!(
                    "[[entity_types]] {:?}: colour {:?} is not one of {} or #rrggbb",
                    kind.name,
                    kind.colour,
                    COLOURS.join(", ")
                ));
            }
        }
        if config.corpus.roots.is_empty() {
            return Err(
                "[corpus] roots is empty: name at least one folder, e.g. roots = [\"corpus\"]"
                    .to_owned(),
            );
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_to_the_defaults() {
        let config = Config::parse(Config::TEMPLATE).expect("template");
        assert_eq!(config.corpus.roots, ["corpus"]);
        assert_eq!(config.user.author, None);
        assert_eq!(config.display, DisplayConfig::default());
        let display = Config::parse("[display]\nbidi = \"terminal\"\nshaping = \"on\"\n")
            .expect("display")
            .display;
        assert_eq!(display.bidi, Some(BidiMode::Terminal));
        assert_eq!(display.shaping, Some(ShapingMode::On));
        let theme = Config::parse("[display]\ntheme = \"light\"\n").expect("theme");
        assert_eq!(theme.display.theme, Some(ThemeChoice::Light));
        assert!(Config::parse("[display]\ntheme = \"pink\"\n").is_err());
        assert!(Config::parse("[display]\nbidi = \"rtl\"\n").is_err());
        assert_eq!(Config::parse("").expect("empty").corpus.roots, ["corpus"]);
        let types = Config::parse("").expect("empty").entity_types;
        assert_eq!(
            types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["PER", "ORG", "LOC", "EVENT", "DATE", "NUM", "MISC"]
        );
    }

    #[test]
    fn entity_types_are_checked() {
        let one = "[[entity_types]]\nname = \"WEAPON\"\nkey = \"w\"\ncolour = \"#ff8800\"\n";
        let config = Config::parse(one).expect("one type");
        assert_eq!(config.entity_types.len(), 1);
        assert_eq!(config.entity_types[0].key, 'w');
        let twice = format!("{one}{one}");
        assert!(Config::parse(&twice).expect_err("twice").contains("twice"));
        let bad_colour = one.replace("#ff8800", "orange");
        assert!(
            Config::parse(&bad_colour)
                .expect_err("colour")
                .contains("orange")
        );
        let bad_key = one.replace("\"w\"", "\"ww\"");
        assert!(Config::parse(&bad_key).is_err());
    }

    #[test]
    fn mistakes_are_reported_with_their_place() {
        let error = Config::parse("[corpus]\nroot = [\"x\"]\n").expect_err("typo");
        assert!(error.contains("root"), "{error}");
        assert!(
            Config::parse("[corpus]\nroots = []\n")
                .expect_err("empty")
                .contains("roots is empty")
        );
    }
}
