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
}

/// How the workbench draws right-to-left text (`rtl.md`); unset means detect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisplayConfig {
    pub bidi: Option<BidiMode>,
    pub shaping: Option<ShapingMode>,
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

[display]
# Who orders right-to-left text: \"app\" (isnad, the default), \"terminal\" (Konsole with
# bidi on, mlterm, Apple Terminal) or \"off\". `:calibrate` in the workbench helps choose.
# bidi = \"app\"
# Join Arabic letters for terminals that do not: \"on\", \"off\" or \"auto\".
# shaping = \"auto\"
";

    /// Parses the text of an `isnad.toml`; the error says where and what is wrong.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config =
            toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
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
        assert!(Config::parse("[display]\nbidi = \"rtl\"\n").is_err());
        assert_eq!(Config::parse("").expect("empty").corpus.roots, ["corpus"]);
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
