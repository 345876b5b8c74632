//! The one-line key hint under the status line: the keys of the pane and mode at hand,
//! read from the keymap (so a rebound key is hinted as bound), most useful first, as
//! lazygit and helix show theirs.

use super::action::{Action, Context};
use super::app::{App, Focus, Mode};
use super::keymap::Keymap;
use super::strings;

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
            (&[A::Supports], strings::HINT_SUPPORTS),
            (&[A::Refutes], strings::HINT_REFUTES),
            (&[A::Mentions], strings::HINT_STANCE_MENTIONS),
            (&[A::Cancel], strings::HINT_CANCEL),
        ],
        Context::Calibrate => &[
            (
                &[A::CalibrateApp, A::CalibrateShaped, A::CalibrateTerminal],
                strings::HINT_CALIBRATE,
            ),
            (&[A::Cancel], strings::HINT_LEAVE_AS_IS),
        ],
        _ => &[(&[A::Cancel], strings::HINT_CLOSE)],
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
                strings::HINT_OTHER_KEY,
                if *all {
                    strings::HINT_CANCEL_TAG_ALL
                } else {
                    strings::HINT_CANCEL
                },
            ));
            return list;
        }
        Mode::Stance(_) | Mode::Calibrate | Mode::Matrix => {
            return one_key(keymap, app.context());
        }
        Mode::Help { .. }
        | Mode::Command(_)
        | Mode::Copies(_)
        | Mode::Chain(_)
        | Mode::Facets(_)
        | Mode::Preview(_) => of(app.context(), overlay_rows(app.context())),
        Mode::Panes => panes(app, keymap, &of),
    };
    // First, so that a narrow row never loses it: where every other key is.
    // Not where the key does nothing: the help itself, the command line, and the overlays
    // that take their own keys only (their rows list every key they have).
    if let Some(help) = bound(Context::Global, &[A::Help], strings::HINT_ALL_KEYS)
        && !matches!(
            app.mode(),
            Mode::Help { .. } | Mode::Command(_) | Mode::Copies(_) | Mode::Chain(_)
        )
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
                (&[A::SubmitQuery], strings::HINT_RESULTS),
                (&[A::HistoryPrevious], strings::HINT_HISTORY),
                (&[A::ToggleExact], strings::HINT_EXACT_STEMS),
                (&[A::LeaveInput], strings::HINT_LEAVE_QUERY),
                (&[A::NextPane], strings::HINT_NEXT_PANE),
            ],
        ),
        Focus::Results if app.search().hits.is_empty() => {
            let mut list = vec![hint(strings::HINT_LETTERS, strings::HINT_TYPE_TO_SEARCH)];
            list.extend(of(
                Context::Results,
                &[
                    (&[A::Facets], strings::HINT_FACETS),
                    (&[A::Entities], strings::HINT_ENTITIES),
                    (&[A::Claims], strings::HINT_CLAIMS),
                    (&[A::CommandLine], strings::HINT_COMMANDS),
                ],
            ));
            list
        }
        Focus::Results => {
            // `=` only where it does something: on a document with copies.
            let copies = app
                .search()
                .hits
                .get(app.search().selected)
                .is_some_and(|hit| app.copies_of(&hit.doc) > 0);
            let mut keys: Vec<(&[Action], &'static str)> = vec![
                (&[A::MoveDown, A::MoveUp], strings::HINT_MOVE),
                (&[A::Open], strings::HINT_OPEN),
            ];
            if copies {
                keys.push((&[A::Copies], strings::HINT_COPIES));
            }
            keys.extend([
                (&[A::ToggleReviewed][..], strings::HINT_REVIEWED),
                (&[A::NextUnreviewed], strings::HINT_NEXT_UNREVIEWED),
                (&[A::Facets], strings::HINT_FACETS),
                (&[A::Sort], strings::HINT_SORT),
                (&[A::TagDocument], strings::HINT_DOC_TAG),
                (&[A::NoteDocument], strings::HINT_DOC_NOTE),
                (&[A::FocusSearch], strings::HINT_EDIT_QUERY),
                (&[A::Documents], strings::HINT_DOCUMENTS),
                (&[A::Entities], strings::HINT_ENTITIES),
                (&[A::Claims], strings::HINT_CLAIMS),
                (&[A::CommandLine], strings::HINT_COMMANDS),
            ]);
            of(Context::Results, &keys)
        }
        Focus::Reader => reader(app, of),
        Focus::Entities => of(
            Context::Entities,
            &[
                (&[A::Open], strings::HINT_MENTIONS_OPEN),
                (&[A::Rename], strings::HINT_RENAME),
                (&[A::AddAlias], strings::HINT_ALIAS),
                (&[A::Merge], strings::HINT_MERGE),
                (&[A::FilterResults], strings::HINT_FIND_DOCUMENTS),
                (&[A::TagAll], strings::HINT_TAG_EVERYWHERE),
                (&[A::Delete], strings::HINT_DELETE),
                (&[A::Cancel], strings::HINT_BACK),
            ],
        ),
        Focus::Claims => of(
            Context::Claims,
            &[
                (&[A::Open], strings::HINT_EVIDENCE_OPEN),
                (&[A::Chain], strings::HINT_CHAIN),
                (&[A::SetStatus], strings::HINT_STATUS),
                (&[A::SetVerdict], strings::HINT_VERDICT),
                (&[A::EditText], strings::HINT_EDIT),
                (&[A::Unlink], strings::HINT_UNLINK),
                (&[A::Delete], strings::HINT_DELETE),
                (&[A::Cancel], strings::HINT_BACK),
            ],
        ),
    };
    // Second, after the help: how to leave.
    if app.focus() != Focus::Query
        && let Some(quit) = keymap.keys(Context::Global, A::Quit).first()
    {
        list.insert(0, hint(quit.to_string(), strings::HINT_QUIT));
    } else {
        list.insert(0, hint("ctrl-c", strings::HINT_QUIT));
    }
    list
}

/// The reader's hints: with no document open, while selecting, or else.
fn reader(app: &App, of: &Of<'_>) -> Vec<Hint> {
    use Action as A;
    if app.reader().open.is_none() {
        return of(
            Context::Reader,
            &[
                (&[A::FocusSearch], strings::HINT_SEARCH),
                (&[A::NextPane], strings::HINT_NEXT_PANE),
            ],
        );
    }
    if app.reader().selection().is_some() {
        return of(
            Context::Reader,
            &[
                (
                    &[A::WordForward, A::WordBackward],
                    strings::HINT_EXTEND_BY_WORD,
                ),
                (&[A::TagSelection], strings::HINT_TAG),
                (&[A::TagAll], strings::HINT_TAG_EVERYWHERE),
                (&[A::CreateClaim], strings::HINT_NEW_CLAIM),
                (&[A::LinkEvidence], strings::HINT_LINK),
                (&[A::Copy], strings::HINT_COPY),
                (&[A::Cancel], strings::HINT_CANCEL),
            ],
        );
    }
    of(
        Context::Reader,
        &[
            (&[A::Select], strings::HINT_SELECT),
            (&[A::WordForward, A::WordBackward], strings::HINT_WORD),
            (&[A::TagSelection], strings::HINT_TAG_WORD),
            (&[A::NextHit, A::PreviousHit], strings::HINT_HITS),
            (&[A::NextMention], strings::HINT_MENTIONS),
            (&[A::ToggleReviewed], strings::HINT_REVIEWED),
            (&[A::NextUnreviewed], strings::HINT_NEXT_UNREVIEWED),
            (&[A::TagDocument], strings::HINT_DOC_TAG),
            (&[A::NoteDocument], strings::HINT_DOC_NOTE),
            (&[A::PageDown, A::PageUp], strings::HINT_PAGE),
            (&[A::FocusSearch], strings::HINT_SEARCH),
        ],
    )
}

/// The hint rows of an overlay's context (the keys to press there, what they do).
fn overlay_rows(context: Context) -> &'static [(&'static [Action], &'static str)] {
    use Action as A;
    match context {
        Context::Help => &[
            (&[A::MoveDown, A::MoveUp], strings::HINT_SCROLL),
            (&[A::PageDown, A::PageUp], strings::HINT_PAGE),
            (&[A::First, A::Last], strings::HINT_TOP_END),
            (&[A::Cancel], strings::HINT_CLOSE),
        ],
        Context::Command => &[
            (&[A::Execute], strings::HINT_RUN),
            (&[A::Complete], strings::HINT_COMPLETE),
            (&[A::HistoryPrevious, A::HistoryNext], strings::HINT_HISTORY),
            (&[A::Cancel], strings::HINT_CANCEL),
        ],
        Context::Copies => &[
            (&[A::NextCopy], strings::HINT_NEXT_COPY),
            (&[A::Cancel], strings::HINT_CLOSE),
            (&[A::MoveDown, A::MoveUp], strings::HINT_SCROLL),
            (&[A::PageDown, A::PageUp], strings::HINT_PAGE),
        ],
        Context::Chain => &[
            (&[A::Open], strings::HINT_OPEN),
            (&[A::TagSelection], strings::HINT_TAG_NAME),
            (&[A::Cancel], strings::HINT_CLOSE),
            (&[A::MoveDown, A::MoveUp], strings::HINT_MOVE),
            (&[A::PageDown, A::PageUp], strings::HINT_PAGE),
        ],
        Context::Facets => &[
            (&[A::Toggle], strings::HINT_PICK),
            (&[A::Exclude], strings::HINT_EXCLUDE),
            (&[A::ClearPicks], strings::HINT_CLEAR),
            (&[A::MoveDown, A::MoveUp], strings::HINT_MOVE),
            (&[A::Cancel], strings::HINT_CLOSE),
        ],
        Context::Preview => &[
            (&[A::Toggle], strings::HINT_ACCEPT_REJECT),
            (&[A::AcceptAll], strings::HINT_ACCEPT_ALL),
            (&[A::RejectAll], strings::HINT_REJECT_ALL),
            (&[A::Execute], strings::HINT_TAG_ACCEPTED),
            (&[A::Cancel], strings::HINT_CANCEL),
            (&[A::MoveDown, A::MoveUp], strings::HINT_MOVE),
        ],
        _ => &[],
    }
}
