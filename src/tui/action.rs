//! Every verb a key can be bound to. The keymap names them in `snake_case`; the help overlay
//! describes them with `strings::action_help`.

use serde::Deserialize;

/// A bindable user verb. Which contexts accept which verbs is `Context::accepts`; what
/// each does is said once, for the help overlay, by `strings::action_help_in`. The keymap
/// names them in `snake_case` (serde and strum agree, which a test checks).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    NextPane,
    PreviousPane,
    CommandLine,
    FocusSearch,
    SubmitQuery,
    LeaveInput,
    HistoryPrevious,
    HistoryNext,
    ToggleExact,
    Execute,
    Cancel,
    Complete,
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    First,
    Last,
    Open,
    CaretLeft,
    CaretRight,
    CaretUp,
    CaretDown,
    ExtendLeft,
    ExtendRight,
    WordForward,
    WordBackward,
    LineStart,
    LineEnd,
    NextHit,
    PreviousHit,
    Select,
    Copy,
    Undo,
    Redo,
    Entities,
    TagSelection,
    TagAll,
    NextMention,
    PreviousMention,
    Rename,
    AddAlias,
    Merge,
    Delete,
    FilterResults,
    Toggle,
    AcceptAll,
    RejectAll,
    Claims,
    CreateClaim,
    LinkEvidence,
    SetStatus,
    SetVerdict,
    EditText,
    Unlink,
    Supports,
    Refutes,
    Mentions,
    CalibrateApp,
    CalibrateShaped,
    CalibrateTerminal,
    ToggleReviewed,
    NextUnreviewed,
    Documents,
    Facets,
    Sort,
    Exclude,
    ClearPicks,
    TagDocument,
    NoteDocument,
    /// The document's copies side by side with its origin.
    Copies,
    /// In the copies overlay: the next copy beside the origin.
    NextCopy,
    /// A claim's chain: its independent sources, copies folded, who each passage cites.
    Chain,
}

impl Action {
    /// Every action, in the order declared.
    pub const ALL: &'static [Action] = <Action as strum::VariantArray>::VARIANTS;

    /// The keymap's name for this action.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// Where a key is pressed: the focused pane, a text field or an overlay; the help lists
/// them in this order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
    /// The key after `link_evidence`: the passage's stance.
    Stance,
    /// The claims × sources matrix (`:matrix`).
    Matrix,
    /// The facets overlay (`facets`): values to pick or exclude.
    Facets,
    /// The copies overlay (`copies`): a copy beside its origin.
    Copies,
    /// The chain view (`chain`): a claim's independent sources as a tree.
    Chain,
    /// The `:` command line (text input).
    Command,
    /// The help overlay.
    Help,
    /// The calibration screen (`:calibrate`): which line reads right.
    Calibrate,
}

/// The motions every list and the reader accept.
fn moves(action: Action) -> bool {
    use Action as A;
    matches!(
        action,
        A::MoveDown | A::MoveUp | A::PageDown | A::PageUp | A::First | A::Last
    )
}

/// The reader's own verbs, beside the motions.
fn reads(action: Action) -> bool {
    use Action as A;
    matches!(
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
            | A::ToggleReviewed
            | A::NextUnreviewed
            | A::Facets
            | A::TagDocument
            | A::NoteDocument
            | A::Copies
    )
}

/// The claims pane's own verbs, beside the motions.
fn claims_verb(action: Action) -> bool {
    use Action as A;
    matches!(
        action,
        A::Open
            | A::Cancel
            | A::SetStatus
            | A::SetVerdict
            | A::EditText
            | A::Unlink
            | A::Delete
            | A::TagSelection
            | A::Chain
    )
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: &'static [Context] = <Context as strum::VariantArray>::VARIANTS;

    /// The keymap's name for this context.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// True for text fields, where printable keys type.
    pub fn is_text_input(self) -> bool {
        matches!(self, Context::Query | Context::Command)
    }

    /// True for the screens that take their own keys only: no global key works there.
    pub fn is_overlay(self) -> bool {
        matches!(self, Context::Help | Context::Copies | Context::Chain) || self.takes_any_key()
    }

    /// True for the contexts that wait for one key, where the keymap may bind `"any"`
    /// other key.
    pub fn takes_any_key(self) -> bool {
        matches!(self, Context::Stance | Context::Matrix | Context::Calibrate)
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
                    | A::Documents
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
                A::MoveDown
                    | A::MoveUp
                    | A::PageDown
                    | A::PageUp
                    | A::First
                    | A::Last
                    | A::Open
                    | A::ToggleReviewed
                    | A::NextUnreviewed
                    | A::Facets
                    | A::Sort
                    | A::TagDocument
                    | A::NoteDocument
                    | A::Copies
            ),
            Context::Reader => moves(action) || reads(action),
            Context::Claims => moves(action) || claims_verb(action),
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
            Context::Stance => matches!(action, A::Supports | A::Refutes | A::Mentions | A::Cancel),
            Context::Matrix => action == A::Cancel,
            Context::Copies => moves(action) || matches!(action, A::NextCopy | A::Cancel),
            Context::Chain => {
                moves(action) || matches!(action, A::Open | A::TagSelection | A::Cancel)
            }
            Context::Facets => {
                moves(action)
                    || matches!(
                        action,
                        A::Toggle | A::Exclude | A::ClearPicks | A::Cancel | A::Facets
                    )
            }
            Context::Calibrate => matches!(
                action,
                A::CalibrateApp | A::CalibrateShaped | A::CalibrateTerminal | A::Cancel
            ),
        }
    }
}
