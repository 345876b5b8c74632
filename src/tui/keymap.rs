//! The keymap is data: `assets/keymap.toml` is embedded as the default, a user file patches
//! it (each action it lists replaces that action's keys in that context), and both are
//! validated when loaded. The help overlay is generated from the result.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::action::{Action, Context};
use super::key::Key;

/// A context's bindings, as the help lists them.
pub type Section<'a> = (Context, Vec<(Action, &'a [Key])>);

/// The default keymap, embedded.
pub const DEFAULT: &str = include_str!("../../assets/keymap.toml");

/// A keymap that failed to load: where, and what to fix.
#[derive(Debug, thiserror::Error)]
#[error("keymap {origin}: {message}")]
pub struct KeymapError {
    pub origin: String,
    pub message: String,
}

/// Keys per action per context, and the reverse lookup.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Context, BTreeMap<Action, Vec<Key>>>,
    lookup: HashMap<(Context, Key), Action>,
}

impl Keymap {
    /// The embedded default keymap.
    pub fn default_keys() -> Keymap {
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
            lookup: HashMap::new(),
        };
        // The embedded file is checked by a test; a failure here would be a build defect.
        if let Err(error) = keymap.patch(DEFAULT, "(built in)") {
            debug_assert!(false, "{error}");
        }
        keymap
    }

    /// The default keymap patched by the user's file at `path`, when it exists.
    pub fn load(path: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default_keys();
        if let Some(path) = path
            && path.exists()
        {
            let origin = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| KeymapError {
                origin: origin.clone(),
                message: format!("cannot read it: {e}"),
            })?;
            keymap.patch(&text, &origin)?;
        }
        Ok(keymap)
    }

    /// Applies a keymap file's text: see the module doc.
    pub fn patch(&mut self, text: &str, origin: &str) -> Result<(), KeymapError> {
        let error = |message: String| KeymapError {
            origin: origin.to_owned(),
            message,
        };
        let table: toml::Table =
            toml::from_str(text).map_err(|e| error(e.to_string().trim_end().to_owned()))?;
        for (section, value) in &table {
            let context =
                Context::deserialize(toml::Value::String(section.clone())).map_err(|_| {
                    error(format!(
                        "unknown section [{section}]; the sections are {}",
                        names(Context::ALL.iter().map(|c| c.name()))
                    ))
                })?;
            let toml::Value::Table(actions) = value else {
                return Err(error(format!(
                    "[{section}] must be a table of `action = [\"key\", …]`"
                )));
            };
            for (name, keys) in actions {
                let action = Action::deserialize(toml::Value::String(name.clone()))
                    .ok()
                    .filter(|a| context.accepts(*a))
                    .ok_or_else(|| {
                        let valid = Action::ALL
                            .iter()
                            .filter(|a| context.accepts(**a))
                            .map(|a| action_name(*a));
                        error(format!(
                            "[{section}] has no action `{name}`; it has {}",
                            names(valid)
                        ))
                    })?;
                let keys =
                    parse_keys(keys).map_err(|m| error(format!("[{section}] {name}: {m}")))?;
                self.bindings
                    .entry(context)
                    .or_default()
                    .insert(action, keys);
            }
        }
        self.rebuild_lookup().map_err(error)
    }

    fn rebuild_lookup(&mut self) -> Result<(), String> {
        self.lookup.clear();
        for (context, actions) in &self.bindings {
            for (action, keys) in actions {
                for key in keys {
                    if let Some(other) = self.lookup.insert((*context, *key), *action)
                        && other != *action
                    {
                        return Err(format!(
                            "in [{}], {key} is bound to both {} and {}; unbind one (`{} = []`)",
                            context.name(),
                            action_name(other),
                            action_name(*action),
                            action_name(other),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// What `key` does in `context` alone (no fallback to global).
    pub fn get(&self, context: Context, key: Key) -> Option<Action> {
        self.lookup.get(&(context, key)).copied()
    }

    /// What `key` does when `context` has the focus: its own binding, else the global one
    /// (in text fields, a key that types a character is never taken by a global binding).
    pub fn resolve(&self, context: Context, key: Key) -> Option<Action> {
        if let Some(action) = self.get(context, key) {
            return Some(action);
        }
        if context.is_text_input() && key.typed().is_some() {
            return None;
        }
        if context == Context::Help {
            return None;
        }
        self.get(Context::Global, key)
    }

    /// The keys bound to `action` in `context`.
    pub fn keys(&self, context: Context, action: Action) -> &[Key] {
        self.bindings
            .get(&context)
            .and_then(|actions| actions.get(&action))
            .map_or(&[], Vec::as_slice)
    }

    /// Every binding, by context, in the order the help shows them.
    pub fn sections(&self) -> Vec<Section<'_>> {
        Context::ALL
            .iter()
            .filter_map(|context| {
                let actions = self.bindings.get(context)?;
                let rows: Vec<(Action, &[Key])> = actions
                    .iter()
                    .filter(|(_, keys)| !keys.is_empty())
                    .map(|(action, keys)| (*action, keys.as_slice()))
                    .collect();
                (!rows.is_empty()).then_some((*context, rows))
            })
            .collect()
    }
}

fn parse_keys(value: &toml::Value) -> Result<Vec<Key>, String> {
    let toml::Value::Array(items) = value else {
        return Err("write a list of keys, like [\"j\", \"down\"]".to_owned());
    };
    items
        .iter()
        .map(|item| match item {
            toml::Value::String(text) => Key::parse(text),
            other => Err(format!("{other} is not a key name in quotes")),
        })
        .collect()
}

/// The keymap's name for an action.
pub fn action_name(action: Action) -> String {
    // The serde name, so the error messages and the file agree.
    let debug = format!("{action:?}");
    let mut name = String::with_capacity(debug.len() + 4);
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

fn names<'a>(items: impl Iterator<Item = impl AsRef<str> + 'a>) -> String {
    items
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::key::Code;

    fn key(text: &str) -> Key {
        Key::parse(text).expect("key")
    }

    #[test]
    fn the_default_keymap_loads_and_binds_every_action() {
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
            lookup: HashMap::new(),
        };
        keymap.patch(DEFAULT, "default").expect("default keymap");
        for action in Action::ALL {
            let bound = Context::ALL
                .iter()
                .any(|c| !keymap.keys(*c, action).is_empty());
            assert!(bound, "{action:?} has no key");
            assert_eq!(
                Action::deserialize(toml::Value::String(action_name(action))).ok(),
                Some(action)
            );
        }
    }

    #[test]
    fn the_defaults_scripts_rely_on() {
        let keymap = Keymap::default_keys();
        let results = Context::Results;
        assert_eq!(keymap.resolve(results, key("/")), Some(Action::FocusSearch));
        assert_eq!(
            keymap.resolve(Context::Query, key("enter")),
            Some(Action::SubmitQuery)
        );
        assert_eq!(keymap.resolve(results, key("enter")), Some(Action::Open));
        assert_eq!(keymap.resolve(results, key("tab")), Some(Action::NextPane));
        assert_eq!(
            keymap.resolve(Context::Reader, key("shift-tab")),
            Some(Action::PreviousPane)
        );
        assert_eq!(
            keymap.resolve(Context::Query, key("esc")),
            Some(Action::LeaveInput)
        );
        assert_eq!(keymap.resolve(results, key("q")), Some(Action::Quit));
        // In a text field, q types.
        assert_eq!(keymap.resolve(Context::Query, key("q")), None);
        assert_eq!(
            keymap.resolve(Context::Query, key("tab")),
            Some(Action::NextPane)
        );
        assert_eq!(Key::plain(Code::Char('q')), key("q"));
    }

    #[test]
    fn a_user_file_patches_and_is_validated() {
        let mut keymap = Keymap::default_keys();
        keymap
            .patch("[reader]\nmove_down = [\"ctrl-n\"]\nselect = []\n", "user")
            .expect("patch");
        assert_eq!(
            keymap.resolve(Context::Reader, key("ctrl-n")),
            Some(Action::MoveDown)
        );
        assert_eq!(keymap.resolve(Context::Reader, key("j")), None);
        assert_eq!(keymap.resolve(Context::Reader, key("v")), None);
        assert_eq!(
            keymap.resolve(Context::Reader, key("k")),
            Some(Action::MoveUp)
        );

        let error = |text: &str| {
            Keymap::default_keys()
                .patch(text, "user.toml")
                .expect_err(text)
                .to_string()
        };
        assert!(error("[raeder]\n").contains("unknown section [raeder]"));
        assert!(error("[reader]\nfly = [\"f\"]").contains("no action `fly`"));
        assert!(error("[reader]\nopen = [\"o\"]").contains("no action `open`"));
        assert!(error("[reader]\ncopy = \"y\"").contains("list of keys"));
        assert!(error("[reader]\ncopy = [\"hyper-y\"]").contains("unknown key"));
        let clash = error("[reader]\ncopy = [\"v\"]");
        assert!(clash.contains("bound to both"), "{clash}");
        assert!(error("[reader\n").starts_with("keymap user.toml: "));
    }
}
