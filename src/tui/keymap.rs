//! The keymap is data: `assets/keymap.toml` is embedded as the default, a user file patches
//! it (each action it lists replaces that action's keys in that context), and both are
//! validated when loaded. The help overlay is generated from the result.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::action::{Action, Context};
use super::key::Key;

/// A context's bindings, as the help lists them: each action with its keys' names.
pub type Section = (Context, Vec<(Action, Vec<String>)>);

/// The key name that stands for every key a context does not bind otherwise (in contexts
/// that wait for one key: `Context::takes_any_key`).
const ANY: &str = "any";

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
    /// Per context, the action every other key does (`"any"` in the file).
    any: BTreeMap<Context, Action>,
    lookup: HashMap<(Context, Key), Action>,
}

impl Keymap {
    /// The embedded default keymap.
    pub fn default_keys() -> Keymap {
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
            any: BTreeMap::new(),
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
                            .map(|a| a.name());
                        error(format!(
                            "[{section}] has no action `{name}`; it has {}",
                            names(valid)
                        ))
                    })?;
                let (keys, any) =
                    parse_keys(keys).map_err(|m| error(format!("[{section}] {name}: {m}")))?;
                if any && !context.takes_any_key() {
                    return Err(error(format!(
                        "[{section}] {name}: \"{ANY}\" stands for every other key, only in [{}]",
                        names_plain(Context::ALL.iter().filter(|c| c.takes_any_key()))
                    )));
                }
                if any {
                    if let Some(other) = self.any.insert(context, action)
                        && other != action
                    {
                        return Err(error(format!(
                            "in [{section}], \"{ANY}\" is bound to both {} and {}; unbind one (`{} = []`)",
                            other.name(),
                            action.name(),
                            other.name(),
                        )));
                    }
                } else if self.any.get(&context) == Some(&action) {
                    self.any.remove(&context);
                }
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
                            other.name(),
                            action.name(),
                            other.name(),
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

    /// What `key` does when `context` has the focus: its own binding, else what every
    /// other key does there, else the global one (in text fields, a key that types a
    /// character is never taken by a global binding; overlays take no global keys).
    pub fn resolve(&self, context: Context, key: Key) -> Option<Action> {
        if let Some(action) = self.get(context, key) {
            return Some(action);
        }
        if let Some(action) = self.any.get(&context) {
            return Some(*action);
        }
        if context.is_text_input() && key.typed().is_some() {
            return None;
        }
        if context.is_overlay() {
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

    /// The names of the keys bound to `action` in `context`, with `strings::OTHER_KEYS` last
    /// when every other key does it.
    pub fn labels(&self, context: Context, action: Action) -> Vec<String> {
        let mut labels: Vec<String> = self
            .keys(context, action)
            .iter()
            .map(ToString::to_string)
            .collect();
        if self.any.get(&context) == Some(&action) {
            let other = if labels.is_empty() {
                super::strings::ANY_KEY
            } else {
                super::strings::OTHER_KEYS
            };
            labels.push(other.to_owned());
        }
        labels
    }

    /// `labels` as one piece of text, as prompts and hints show them (`esc/other keys`).
    pub fn label(&self, context: Context, action: Action) -> String {
        self.labels(context, action).join("/")
    }

    /// Every binding, by context, in the order the help shows them.
    pub fn sections(&self) -> Vec<Section> {
        Context::ALL
            .iter()
            .filter_map(|context| {
                let actions = self.bindings.get(context)?;
                let rows: Vec<(Action, Vec<String>)> = actions
                    .keys()
                    .map(|action| (*action, self.labels(*context, *action)))
                    .filter(|(_, labels)| !labels.is_empty())
                    .collect();
                (!rows.is_empty()).then_some((*context, rows))
            })
            .collect()
    }
}

/// A list of keys, and whether it holds `"any"`.
fn parse_keys(value: &toml::Value) -> Result<(Vec<Key>, bool), String> {
    let toml::Value::Array(items) = value else {
        return Err("write a list of keys, like [\"j\", \"down\"]".to_owned());
    };
    let mut keys = Vec::new();
    let mut any = false;
    for item in items {
        match item {
            toml::Value::String(text) if text == ANY => any = true,
            toml::Value::String(text) => keys.push(Key::parse(text)?),
            other => return Err(format!("{other} is not a key name in quotes")),
        }
    }
    Ok((keys, any))
}

fn names_plain<'a>(items: impl Iterator<Item = &'a Context>) -> String {
    items.map(|c| c.name()).collect::<Vec<_>>().join("], [")
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
            any: BTreeMap::new(),
            lookup: HashMap::new(),
        };
        keymap.patch(DEFAULT, "default").expect("default keymap");
        for &action in Action::ALL {
            let bound = Context::ALL
                .iter()
                .any(|c| !keymap.labels(*c, action).is_empty());
            assert!(bound, "{action:?} has no key");
            // strum's name (the messages) and serde's (the file) agree.
            assert_eq!(
                Action::deserialize(toml::Value::String(action.name().to_owned())).ok(),
                Some(action)
            );
        }
        for &context in Context::ALL {
            assert_eq!(
                Context::deserialize(toml::Value::String(context.name().to_owned())).ok(),
                Some(context)
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
        // "any" stands for every other key, only where one key is awaited.
        let any = error("[reader]\ncopy = [\"any\"]");
        assert!(
            any.contains("only in [stance], [matrix], [calibrate]"),
            "{any}"
        );
        let both = error("[stance]\nsupports = [\"any\"]");
        assert!(
            both.contains("\"any\" is bound to both cancel and supports"),
            "{both}"
        );
    }

    #[test]
    fn any_stands_for_every_other_key_of_its_context() {
        let mut keymap = Keymap::default_keys();
        assert_eq!(
            keymap.resolve(Context::Matrix, key("x")),
            Some(Action::Cancel)
        );
        assert_eq!(
            keymap.resolve(Context::Stance, key("s")),
            Some(Action::Supports)
        );
        assert_eq!(
            keymap.resolve(Context::Stance, key("x")),
            Some(Action::Cancel)
        );
        assert_eq!(
            keymap.labels(Context::Stance, Action::Cancel),
            ["esc", "other keys"]
        );
        assert_eq!(keymap.labels(Context::Matrix, Action::Cancel), ["any key"]);
        // No global key on the calibration page, and unbound keys do nothing there.
        assert_eq!(keymap.resolve(Context::Calibrate, key("?")), None);
        // Rebinding the action without "any" takes it away.
        keymap
            .patch("[stance]\ncancel = [\"esc\"]\n", "user")
            .expect("patch");
        assert_eq!(keymap.resolve(Context::Stance, key("x")), None);
        assert_eq!(keymap.labels(Context::Stance, Action::Cancel), ["esc"]);
    }
}
