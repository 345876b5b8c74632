//! Every verb a key can be bound to. The keymap names them in `snake_case`; the help overlay
//! describes them with `strings::action_help`.

use serde::Deserialize;

/// A bindable user verb. Which contexts accept which verbs is `Context::accepts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the workbench.
    Quit,
    /// Show or hide the key help.
    Help,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PreviousPane,
    /// Open the `:` command line.
    CommandLine,
    /// Focus the query line.
    FocusSearch,
    /// Run the query now (also a phrase of very common words) and move to the results.
    SubmitQuery,
    /// Leave the text field, keeping what was typed.
    LeaveInput,
    /// The previous query or command of the history.
    HistoryPrevious,
    /// The next query or command of the history.
    HistoryNext,
    /// Search exact forms only, or stems too.
    ToggleExact,
    /// Run the command line.
    Execute,
    /// Close the command line or overlay without running anything.
    Cancel,
    /// Complete the command or argument under the cursor.
    Complete,
    /// Next result, or scroll down a line.
    MoveDown,
    /// Previous result, or scroll up a line.
    MoveUp,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// The first result, or the top of the document.
    First,
    /// The last result, or the end of the document.
    Last,
    /// Open the result in the reader.
    Open,
    /// Move the caret one cell to the left on screen.
    CaretLeft,
    /// Move the caret one cell to the right on screen.
    CaretRight,
    /// Move the caret a line up.
    CaretUp,
    /// Move the caret a line down.
    CaretDown,
    /// Extend the selection a cell to the left on screen.
    ExtendLeft,
    /// Extend the selection a cell to the right on screen.
    ExtendRight,
    /// Move the caret to the next word (in reading order).
    WordForward,
    /// Move the caret to the previous word (in reading order).
    WordBackward,
    /// Move the caret to the start of the line (in reading order).
    LineStart,
    /// Move the caret to the end of the line (in reading order).
    LineEnd,
    /// Jump to the next search hit.
    NextHit,
    /// Jump to the previous search hit.
    PreviousHit,
    /// Start or stop selecting from the caret.
    Select,
    /// Copy the selection (its logical text) to the clipboard.
    Copy,
    /// Undo the last change to the annotations.
    Undo,
    /// Redo the change undone last.
    Redo,
    /// Show the entities pane (again: back to the search).
    Entities,
    /// Tag the selection (or the word at the caret); then the type's key.
    TagSelection,
    /// Tag every occurrence of the selected name in the corpus, after a preview.
    TagAll,
    /// Jump to the next entity mention.
    NextMention,
    /// Jump to the previous entity mention.
    PreviousMention,
    /// Rename the entity (the old name becomes an alias).
    Rename,
    /// Add an alias to the entity.
    AddAlias,
    /// Merge the entity into another one.
    Merge,
    /// Delete the entity with its mentions.
    Delete,
    /// Show only the search results that mention the entity.
    FilterResults,
    /// Accept or reject the hit of the preview.
    Toggle,
    /// Accept every hit of the preview.
    AcceptAll,
    /// Reject every hit of the preview.
    RejectAll,
    /// Show the claims pane (again: back to the search).
    Claims,
    /// A new claim from the selection (its text to edit), the selection its evidence.
    CreateClaim,
    /// Link the selection to the current claim; then s, r or m for the stance.
    LinkEvidence,
    /// Set the claim's status.
    SetStatus,
    /// Write the claim's verdict.
    SetVerdict,
    /// Edit the claim's text.
    EditText,
    /// Unlink this piece of evidence.
    Unlink,
}

impl Action {
    /// Every action, for checks that each is bound and described.
    pub const ALL: [Action; 57] = [
        Action::Quit,
        Action::Help,
        Action::NextPane,
        Action::PreviousPane,
        Action::CommandLine,
        Action::FocusSearch,
        Action::SubmitQuery,
        Action::LeaveInput,
        Action::HistoryPrevious,
        Action::HistoryNext,
        Action::ToggleExact,
        Action::Execute,
        Action::Cancel,
        Action::Complete,
        Action::MoveDown,
        Action::MoveUp,
        Action::PageDown,
        Action::PageUp,
        Action::First,
        Action::Last,
        Action::Open,
        Action::CaretLeft,
        Action::CaretRight,
        Action::CaretUp,
        Action::CaretDown,
        Action::ExtendLeft,
        Action::ExtendRight,
        Action::WordForward,
        Action::WordBackward,
        Action::LineStart,
        Action::LineEnd,
        Action::NextHit,
        Action::PreviousHit,
        Action::Select,
        Action::Copy,
        Action::Undo,
        Action::Redo,
        Action::Entities,
        Action::TagSelection,
        Action::TagAll,
        Action::NextMention,
        Action::PreviousMention,
        Action::Rename,
        Action::AddAlias,
        Action::Merge,
        Action::Delete,
        Action::FilterResults,
        Action::Toggle,
        Action::AcceptAll,
        Action::RejectAll,
        Action::Claims,
        Action::CreateClaim,
        Action::LinkEvidence,
        Action::SetStatus,
        Action::SetVerdict,
        Action::EditText,
        Action::Unlink,
    ];
}

/// Where a key is pressed: the focused pane, a text field or an overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Everywhere, unless the focused context binds the key (in text fields, only keys
    /// that do not type a character).
    Global,
    /// The query line (text input).
    Query,
    /// The results list.
    Results,
    /// The reader pane.
    Reader,
    /// The entities pane.
    Entities,
    /// The claims pane.
    Claims,
    /// The preview of a tag-all: each hit to accept or reject.
    Preview,
    /// The `:` command line (text input).
    Command,
    /// The help overlay.
    Help,
}

/// The motions every list and the reader accept.
fn moves(action: Action) -> bool {
    use Action as A;
    matches!(
        action,
        A::MoveDown | A::MoveUp | A::PageDown | A::PageUp | A::First | A::Last
    )
}

impl Context {
    /// All contexts, in the order the help lists them.
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::Query,
        Context::Results,
        Context::Reader,
        Context::Entities,
        Context::Claims,
        Context::Preview,
        Context::Command,
        Context::Help,
    ];

    /// The keymap's name for this context.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Query => "query",
            Context::Results => "results",
            Context::Reader => "reader",
            Context::Entities => "entities",
            Context::Claims => "claims",
            Context::Preview => "preview",
            Context::Command => "command",
            Context::Help => "help",
        }
    }

    /// True for text fields, where printable keys type.
    pub fn is_text_input(self) -> bool {
        matches!(self, Context::Query | Context::Command)
    }

    /// Whether `action` means something here.
    pub fn accepts(self, action: Action) -> bool {
        use Action as A;
        match self {
            Context::Global => matches!(
                action,
                A::Quit
                    | A::Help
                    | A::NextPane
                    | A::PreviousPane
                    | A::CommandLine
                    | A::FocusSearch
                    | A::ToggleExact
                    | A::Undo
                    | A::Redo
                    | A::Entities
                    | A::Claims
            ),
            Context::Query => matches!(
                action,
                A::SubmitQuery
                    | A::LeaveInput
                    | A::HistoryPrevious
                    | A::HistoryNext
                    | A::ToggleExact
                    | A::MoveDown
            ),
            Context::Results => matches!(
                action,
                A::MoveDown | A::MoveUp | A::PageDown | A::PageUp | A::First | A::Last | A::Open
            ),
            Context::Reader => {
                moves(action)
                    || matches!(
                        action,
                        A::CaretLeft
                            | A::CaretRight
                            | A::CaretUp
                            | A::CaretDown
                            | A::ExtendLeft
                            | A::ExtendRight
                            | A::WordForward
                            | A::WordBackward
                            | A::LineStart
                            | A::LineEnd
                            | A::NextHit
                            | A::PreviousHit
                            | A::Select
                            | A::Copy
                            | A::Cancel
                            | A::TagSelection
                            | A::TagAll
                            | A::NextMention
                            | A::PreviousMention
                            | A::CreateClaim
                            | A::LinkEvidence
                    )
            }
            Context::Claims => {
                moves(action)
                    || matches!(
                        action,
                        A::Open
                            | A::Cancel
                            | A::SetStatus
                            | A::SetVerdict
                            | A::EditText
                            | A::Unlink
                            | A::Delete
                    )
            }
            Context::Entities => {
                moves(action)
                    || matches!(
                        action,
                        A::Open
                            | A::Cancel
                            | A::Rename
                            | A::AddAlias
                            | A::Merge
                            | A::Delete
                            | A::FilterResults
                            | A::TagAll
                    )
            }
            Context::Preview => {
                moves(action)
                    || matches!(
                        action,
                        A::Toggle | A::AcceptAll | A::RejectAll | A::Execute | A::Cancel
                    )
            }
            Context::Command => matches!(
                action,
                A::Execute | A::Cancel | A::Complete | A::HistoryPrevious | A::HistoryNext
            ),
            Context::Help => moves(action) || matches!(action, A::Cancel | A::Help),
        }
    }
}
