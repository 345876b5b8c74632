//! The one-line key hint under the status line: the keys of the pane and mode at hand,
//! read from the keymap (so a rebound key is hinted as bound), most useful first, as
//! lazygit and helix show theirs.

use super::action::{Action, Context};
use super::app::{App, Focus, Mode};
use super::keymap::Keymap;

/// One hint: the keys (as the keymap names them) and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub does: String,
}

fn hint(keys: impl Into<String>, does: impl Into<String>) -> Hint {
    Hint {
        keys: keys.into(),
        does: does.into(),
    }
}

/// Hints for a context that waits for one key, its keys as the keymap names them (every
/// label of each action: "other keys" included).
fn one_key(keymap: &Keymap, context: Context) -> Vec<Hint> {
    use Action as A;
    let rows: &[(&[Action], &'static str)] = match context {
        Context::Stance => &[
            (&[A::Supports], "supports"),
            (&[A::Refutes], "refutes"),
            (&[A::Mentions], "mentions"),
            (&[A::Cancel], "cancel"),
        ],
        Context::Calibrate => &[
            (
                &[A::CalibrateApp, A::CalibrateShaped, A::CalibrateTerminal],
                "the line that reads right",
            ),
            (&[A::Cancel], "leave as is"),
        ],
        _ => &[(&[A::Cancel], "close")],
    };
    rows.iter()
        .filter_map(|(actions, does)| {
            let keys: Vec<String> = actions
                .iter()
                .flat_map(|action| keymap.labels(context, *action))
                .collect();
            (!keys.is_empty()).then(|| hint(keys.join("/"), *does))
        })
        .collect()
}

/// The hints for what takes the keys now, most useful first.
pub fn hints(app: &App) -> Vec<Hint> {
    use Action as A;
    let keymap = app.keymap();
    // In a text field a key that types a character types it: hint another one.
    let typing = app.context().is_text_input();
    let bound = |context: Context, actions: &[Action], does: &'static str| -> Option<Hint> {
        let keys: Vec<String> = actions
            .iter()
            .filter_map(|action| {
                keymap
                    .keys(context, *action)
                    .iter()
                    .find(|key| !typing || context != Context::Global || key.typed().is_none())
            })
            .map(ToString::to_string)
            .collect();
        (!keys.is_empty()).then(|| hint(keys.join("/"), does))
    };
    let of = |context: Context, rows: &[(&[Action], &'static str)]| -> Vec<Hint> {
        rows.iter()
            .filter_map(|(actions, does)| {
                bound(context, actions, does).or_else(|| bound(Context::Global, actions, does))
            })
            .collect()
    };
    let mut list = match app.mode() {
        Mode::TagType { all, .. } => {
            let mut list: Vec<Hint> = app
                .entity_types()
                .iter()
                .map(|t| hint(t.key.to_string(), t.name.clone()))
                .collect();
            list.push(hint(
                "other",
                if *all {
                    "cancel tagging everywhere"
                } else {
                    "cancel"
                },
            ));
            return list;
        }
        Mode::Stance(_) | Mode::Calibrate | Mode::Matrix => {
            return one_key(keymap, app.context());
        }
        Mode::Help { .. } => of(
            Context::Help,
            &[
                (&[A::MoveDown, A::MoveUp], "scroll"),
                (&[A::PageDown, A::PageUp], "page"),
                (&[A::First, A::Last], "top/end"),
                (&[A::Cancel], "close"),
            ],
        ),
        Mode::Command(_) => of(
            Context::Command,
            &[
                (&[A::Execute], "run"),
                (&[A::Complete], "complete (again: next)"),
                (&[A::HistoryPrevious, A::HistoryNext], "history"),
                (&[A::Cancel], "cancel"),
            ],
        ),
        Mode::Preview(_) => of(
            Context::Preview,
            &[
                (&[A::Toggle], "accept/reject"),
                (&[A::AcceptAll], "all"),
                (&[A::RejectAll], "none"),
                (&[A::Execute], "tag the accepted"),
                (&[A::Cancel], "cancel"),
                (&[A::MoveDown, A::MoveUp], "move"),
            ],
        ),
        Mode::Panes => panes(app, keymap, &of),
    };
    // First, so that a narrow row never loses it: where every other key is.
    if let Some(help) = bound(Context::Global, &[A::Help], "all keys")
        && !matches!(app.mode(), Mode::Help { .. } | Mode::Command(_))
    {
        list.insert(0, help);
    }
    list
}

type Of<'a> = dyn Fn(Context, &[(&[Action], &'static str)]) -> Vec<Hint> + 'a;

fn panes(app: &App, keymap: &Keymap, of: &Of<'_>) -> Vec<Hint> {
    use Action as A;
    let mut list = match app.focus() {
        Focus::Query => of(
            Context::Query,
            &[
                (&[A::SubmitQuery], "results"),
                (&[A::HistoryPrevious], "history"),
                (&[A::ToggleExact], "exact/stems"),
                (&[A::LeaveInput], "leave the query"),
                (&[A::NextPane], "next pane"),
            ],
        ),
        Focus::Results if app.search().input.text().is_empty() => {
            let mut list = vec![hint("letters", "type to search")];
            list.extend(of(
                Context::Results,
                &[
                    (&[A::Entities], "entities"),
                    (&[A::Claims], "claims"),
                    (&[A::CommandLine], "commands"),
                ],
            ));
            list
        }
        Focus::Results => of(
            Context::Results,
            &[
                (&[A::MoveDown, A::MoveUp], "move"),
                (&[A::Open], "open"),
                (&[A::FocusSearch], "edit the query"),
                (&[A::Entities], "entities"),
                (&[A::Claims], "claims"),
                (&[A::CommandLine], "commands"),
            ],
        ),
        Focus::Reader if app.reader().open.is_none() => of(
            Context::Reader,
            &[(&[A::FocusSearch], "search"), (&[A::NextPane], "next pane")],
        ),
        Focus::Reader if app.reader().selection().is_some() => of(
            Context::Reader,
            &[
                (&[A::WordForward, A::WordBackward], "extend by word"),
                (&[A::TagSelection], "tag"),
                (&[A::TagAll], "tag everywhere"),
                (&[A::CreateClaim], "new claim"),
                (&[A::LinkEvidence], "link to the claim"),
                (&[A::Copy], "copy"),
                (&[A::Cancel], "cancel"),
            ],
        ),
        Focus::Reader => of(
            Context::Reader,
            &[
                (&[A::Select], "select"),
                (&[A::WordForward, A::WordBackward], "word"),
                (&[A::TagSelection], "tag word"),
                (&[A::NextHit, A::PreviousHit], "hits"),
                (&[A::NextMention], "mentions"),
                (&[A::PageDown, A::PageUp], "page"),
                (&[A::FocusSearch], "search"),
            ],
        ),
        Focus::Entities => of(
            Context::Entities,
            &[
                (&[A::Open], "mentions/open"),
                (&[A::Rename], "rename"),
                (&[A::AddAlias], "alias"),
                (&[A::Merge], "merge"),
                (&[A::FilterResults], "find documents"),
                (&[A::TagAll], "tag everywhere"),
                (&[A::Delete], "delete"),
                (&[A::Cancel], "back"),
            ],
        ),
        Focus::Claims => of(
            Context::Claims,
            &[
                (&[A::Open], "evidence/open"),
                (&[A::SetStatus], "status"),
                (&[A::SetVerdict], "verdict"),
                (&[A::EditText], "edit"),
                (&[A::Unlink], "unlink"),
                (&[A::Delete], "delete"),
                (&[A::Cancel], "back"),
            ],
        ),
    };
    // Second, after the help: how to leave.
    if app.focus() != Focus::Query
        && let Some(quit) = keymap.keys(Context::Global, A::Quit).first()
    {
        list.insert(0, hint(quit.to_string(), "quit"));
    } else {
        list.insert(0, hint("ctrl-c", "quit"));
    }
    list
}
