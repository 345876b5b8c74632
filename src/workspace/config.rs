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
