//! The workbench as a pure state machine: `update` takes a message and returns the I/O it
//! needs as `Effect`s; it never touches the terminal, the index or the disk. It routes keys
//! through the keymap to the focused pane; the panes own their view state.
//!
//! The state is private, and what takes the keys is one `Mode` plus one `Panes` value, so
//! that what cannot be on screen together cannot be written: the focus is always on a pane
//! that is shown, and a pending tag, a preview, an overlay and the command line exclude
//! one another.

mod annotations;
mod chain;
mod claims;
mod commands;
mod display;
mod documents;
mod mouse;
mod triage;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::action::{Action, Context};
use super::claims_pane::ClaimsPane;
use super::entities_pane::EntitiesPane;
use super::input::{History, TextInput};
use super::key::{Code, Key};
use super::keymap::Keymap;
use super::layout::Areas;
use super::msg::StoreAction;
use super::msg::{Effect, IndexJob, Msg, ReindexEvent};
use super::paint::Painter;
use super::preview::TagPreview;
use super::reader_pane::ReaderPane;
use super::search_pane::SearchPane;
use super::strings;
use super::terminal::{Display, Emulator};
use super::theme::{Palette, Theme};
use crate::review::DocInfo;
use crate::text::bidi::Base;
use crate::text::bidi::base_direction;
use crate::text::script::Direction;
use crate::workspace::{BidiMode, EntityType, ShapingMode, ThemeChoice};

/// Which pane takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Query,
    Results,
    Reader,
    Entities,
    Claims,
}

/// What the left column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Left {
    #[default]
    Search,
    Entities,
    Claims,
}

/// The left column's pane, and for the search whether its query line has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeftPane {
    Search { typing: bool },
    Entities,
    Claims,
}

/// Where the keys go among the panes: the left column's pane, or the reader beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Panes {
    left: LeftPane,
    reader: bool,
}

/// The command line while it is open.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    pub input: TextInput,
    /// `c` opened it: the document and byte range the claim comes from.
    passage: Option<(String, Range<usize>)>,
    /// `S`, `V` or `R` opened it: the claim as it was shown then. The change goes to that
    /// claim, and only if it still reads so (`Store::update_claim_seen`).
    claim: Option<crate::store::Claim>,
    /// `n` (rename) opened it: the entity's id and name as they were shown then.
    entity: Option<(i64, String)>,
    /// What Tab offered last (cycling through values that share no longer prefix).
    offered: Vec<String>,
}

/// What takes the keys before the panes do. One at a time.
#[derive(Debug, Clone)]
pub enum Mode {
    /// The focused pane.
    Panes,
    /// `t` or `T` was pressed in the reader: the next key names the type (the byte range
    /// of the reader's text; whether every occurrence in the corpus is meant).
    TagType {
        range: Range<usize>,
        all: bool,
    },
    /// `e` was pressed: the next key names the stance of the passage (a byte range).
    Stance(Range<usize>),
    /// The tag-all preview.
    Preview(TagPreview),
    /// The `:` command line.
    Command(CommandLine),
    Help {
        scroll: u16,
    },
    Calibrate,
    /// The claims × sources matrix.
    Matrix,
    /// The facets of the search's matches, to pick values that narrow it.
    Facets(super::facets_pane::FacetPicker),
    /// A copy beside its origin.
    Copies(Box<super::copies_view::CopiesView>),
    /// A claim's chain: its independent sources, copies under their origin.
    Chain(Box<super::chain_view::ChainView>),
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// How the workbench starts.
#[derive(Debug, Clone)]
pub struct AppOptions {
    pub keymap: Keymap,
    /// The workspace, as the status line names it.
    pub workspace: String,
    pub bidi: BidiMode,
    pub shaping: ShapingMode,
    /// The terminal, as its environment names it (its answers may correct that).
    pub emulator: Emulator,
    /// A first message (an environment hint, a note about the sample case).
    pub notice: Option<String>,
    /// Whether the user chose the bidi mode (flag, `isnad.toml`, calibration): then what
    /// the terminal says only warns, it never changes the mode.
    pub bidi_chosen: bool,
    /// The workspace's entity types (name, key, colour).
    pub entity_types: Vec<EntityType>,
    /// Colours for a light or dark background, or `auto`: as the terminal says.
    pub theme: ThemeChoice,
    /// `NO_COLOR` is set: no colours at all.
    pub no_color: bool,
    /// What the environment says of the background (`COLORFGBG`), until the terminal
    /// answers.
    pub background: Option<Palette>,
}

/// Where the caret was in a document, and for which query, to come back to it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    caret_byte: usize,
    query: String,
}

/// The whole state of the workbench.
pub struct App {
    keymap: Keymap,
    panes: Panes,
    mode: Mode,
    search: SearchPane,
    reader: ReaderPane,
    entities: EntitiesPane,
    entity_types: Vec<EntityType>,
    claims: ClaimsPane,
    /// Source, title and date of the documents evidence comes from.
    doc_infos: BTreeMap<String, DocInfo>,
    /// How many copies each document with copies has (`Msg::CopyCounts`).
    copy_counts: std::collections::HashMap<String, (usize, Option<String>)>,
    /// A name to tag once its document is loaded: `t` on a piece of evidence offers whom
    /// it is attributed to (document, byte range of the name).
    tag_after_load: Option<(String, Range<usize>)>,
    /// What to select and say once a document opened from the chain view is loaded
    /// (document, byte range to select, a note for the status line).
    after_load: Option<(String, Option<Range<usize>>, String)>,
    /// Where the chain view was left (claim, selected row, first row shown): reopened on
    /// the same claim, it comes back there.
    chain_back: Option<(i64, usize, usize)>,
    /// Who each piece of evidence is attributed to, by evidence id (`Msg::Attributions`).
    attributions: BTreeMap<i64, Vec<crate::attribution::Attribution>>,
    /// The pieces of evidence whose passage their copy added, not in the origin's text
    /// (`Msg::Attributions`): each counts as its own outlet's.
    copies_added: std::collections::BTreeSet<i64>,
    /// The claim `e` links evidence to: the one made or picked last.
    current_claim: Option<i64>,
    command_history: History,
    bidi: BidiMode,
    bidi_chosen: bool,
    shaping: ShapingMode,
    emulator: Emulator,
    theme_choice: ThemeChoice,
    no_color: bool,
    /// The terminal's background, as far as known, and its colour when it said.
    background: Option<Palette>,
    background_rgb: Option<[u8; 3]>,
    theme: Theme,
    status: Option<Status>,
    workspace: String,
    doc_ids: Vec<String>,
    /// Terminal size and the regions drawn in it (`None` when too small).
    size: (u16, u16),
    areas: Option<Areas>,
    /// Files done and total while reindexing, and whether it is finding copies by then.
    reindexing: Option<(usize, usize, bool)>,
    /// Where the caret was in each document left.
    places: HashMap<String, Place>,
    /// Every document note (review state, tags, note), by document, as the store says.
    doc_notes: BTreeMap<String, crate::store::DocNote>,
}

impl App {
    pub fn new(options: AppOptions) -> App {
        let mut app = App {
            keymap: options.keymap,
            // The query line has the keys: the first screen says "type to search".
            panes: Panes {
                left: LeftPane::Search { typing: true },
                reader: false,
            },
            mode: Mode::Panes,
            search: SearchPane::default(),
            reader: ReaderPane::default(),
            entities: EntitiesPane::new(
                options
                    .entity_types
                    .iter()
                    .map(|t| t.name.clone())
                    .collect(),
            ),
            entity_types: options.entity_types,
            claims: ClaimsPane::default(),
            doc_infos: BTreeMap::new(),
            copy_counts: std::collections::HashMap::new(),
            attributions: BTreeMap::new(),
            copies_added: std::collections::BTreeSet::new(),
            tag_after_load: None,
            after_load: None,
            chain_back: None,
            current_claim: None,
            command_history: History::default(),
            bidi: options.bidi,
            bidi_chosen: options.bidi_chosen,
            shaping: options.shaping,
            emulator: options.emulator,
            theme_choice: options.theme,
            no_color: options.no_color,
            background: options.background,
            background_rgb: None,
            theme: Theme::new(Palette::Dark),
            status: options.notice.map(|text| Status { text, error: false }),
            workspace: options.workspace,
            doc_ids: Vec::new(),
            size: (0, 0),
            areas: None,
            reindexing: None,
            places: HashMap::new(),
            doc_notes: BTreeMap::new(),
        };
        app.reader.shape = app.shapes();
        app.theme = Theme::new(app.palette());
        app
    }

    // What the view and the tests read.

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The pane that takes the keys (always one that is on screen).
    pub fn focus(&self) -> Focus {
        if self.panes.reader {
            return Focus::Reader;
        }
        match self.panes.left {
            LeftPane::Search { typing: true } => Focus::Query,
            LeftPane::Search { typing: false } => Focus::Results,
            LeftPane::Entities => Focus::Entities,
            LeftPane::Claims => Focus::Claims,
        }
    }

    /// What the left column shows.
    pub fn left(&self) -> Left {
        match self.panes.left {
            LeftPane::Search { .. } => Left::Search,
            LeftPane::Entities => Left::Entities,
            LeftPane::Claims => Left::Claims,
        }
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn search(&self) -> &SearchPane {
        &self.search
    }

    pub fn reader(&self) -> &ReaderPane {
        &self.reader
    }

    pub fn entities(&self) -> &EntitiesPane {
        &self.entities
    }

    pub fn entity_types(&self) -> &[EntityType] {
        &self.entity_types
    }

    pub fn claims(&self) -> &ClaimsPane {
        &self.claims
    }

    /// Who evidence `id` is attributed to, in the order written (empty: none found, or
    /// not looked up yet).
    pub fn attribution(&self, id: i64) -> &[crate::attribution::Attribution] {
        self.attributions.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Whether the passage of piece of evidence `id` is its copy's own, not in the origin's
    /// text (`Msg::Attributions`).
    pub fn copy_added(&self, id: i64) -> bool {
        self.copies_added.contains(&id)
    }

    /// How many other documents are copies of `doc`, or it of them (0: none).
    pub fn copies_of(&self, doc: &str) -> usize {
        self.copy_counts.get(doc).map_or(0, |(others, _)| *others)
    }

    /// The origin `doc` is a copy of, when it is one.
    pub fn copy_origin(&self, doc: &str) -> Option<&str> {
        self.copy_counts
            .get(doc)
            .and_then(|(_, origin)| origin.as_deref())
    }

    pub fn doc_infos(&self) -> &BTreeMap<String, DocInfo> {
        &self.doc_infos
    }

    pub fn current_claim(&self) -> Option<i64> {
        self.current_claim
    }

    /// The command line's text field, while it is open.
    pub fn command(&self) -> Option<&TextInput> {
        match &self.mode {
            Mode::Command(line) => Some(&line.input),
            _ => None,
        }
    }

    /// The tag-all preview, while it is open.
    pub fn preview(&self) -> Option<&TagPreview> {
        match &self.mode {
            Mode::Preview(preview) => Some(preview),
            _ => None,
        }
    }

    pub fn bidi(&self) -> BidiMode {
        self.bidi
    }

    /// How every text is drawn now.
    pub fn painter(&self) -> Painter {
        Painter {
            bidi: self.bidi,
            shape: self.reader.shape,
        }
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn workspace(&self) -> &str {
        &self.workspace
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn areas(&self) -> Option<Areas> {
        self.areas
    }

    pub fn reindexing(&self) -> Option<(usize, usize, bool)> {
        self.reindexing
    }

    /// Whether letters are shaped on screen now (`auto`: where the terminal would show
    /// them isolated).
    pub fn shapes(&self) -> bool {
        match self.shaping {
            ShapingMode::On => true,
            ShapingMode::Off => false,
            ShapingMode::Auto => !self.emulator.joins_letters(self.bidi),
        }
    }

    /// How the terminal is set up.
    pub fn display(&self) -> Display {
        Display {
            emulator: self.emulator,
            bidi: self.bidi,
            background: self.background_rgb,
        }
    }

    /// Whether something covers the panes (an overlay, the tag-all preview): the runtime
    /// redraws the whole screen when that changes, so no piece of a glyph that spilled
    /// over its cell stays behind (xterm keeps them).
    pub fn covered(&self) -> bool {
        matches!(
            self.mode,
            Mode::Help { .. }
                | Mode::Calibrate
                | Mode::Matrix
                | Mode::Preview(_)
                | Mode::Facets(_)
                | Mode::Copies(_)
                | Mode::Chain(_)
        )
    }

    /// The styles the view draws with.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Draws with `palette` whatever was chosen (for tests that check every palette).
    pub fn force_palette(&mut self, palette: Palette) {
        self.theme = Theme::new(palette);
    }

    /// The context keys are resolved in.
    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Help { .. } => Context::Help,
            Mode::Command(_) => Context::Command,
            Mode::Preview(_) => Context::Preview,
            Mode::Stance(_) => Context::Stance,
            Mode::Calibrate => Context::Calibrate,
            Mode::Matrix => Context::Matrix,
            Mode::Facets(_) => Context::Facets,
            Mode::Copies(_) => Context::Copies,
            Mode::Chain(_) => Context::Chain,
            Mode::Panes | Mode::TagType { .. } => match self.focus() {
                Focus::Query => Context::Query,
                Focus::Results => Context::Results,
                Focus::Reader => Context::Reader,
                Focus::Entities => Context::Entities,
                Focus::Claims => Context::Claims,
            },
        }
    }

    /// Handles one message.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.key(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Resize { width, height } => {
                self.resize(width, height);
                Vec::new()
            }
            Msg::Click { column, row } => self.click(column, row),
            Msg::Wheel { column, row, down } => {
                self.wheel(column, row, down);
                Vec::new()
            }
            Msg::Searched {
                generation,
                outcome,
            } => {
                // The results are drawn now; their count, when it did not come with them,
                // is asked for after.
                if self.search.receive(generation, outcome) {
                    self.search.count().into_iter().collect()
                } else {
                    Vec::new()
                }
            }
            Msg::Counted {
                generation,
                total,
                reviewed,
            } => {
                self.search.counted(generation, total, reviewed);
                Vec::new()
            }
            Msg::Loaded(Ok(loaded)) => self.loaded(*loaded),
            Msg::Loaded(Err(message)) | Msg::Exported(Err(message)) => {
                self.error(message);
                Vec::new()
            }
            Msg::DocIds(ids) => {
                self.doc_ids = ids;
                Vec::new()
            }
            msg @ (Msg::CopiesShown(_) | Msg::ChainShown(_)) => {
                self.overlay_shown(msg);
                Vec::new()
            }
            Msg::CopyCounts(counts) => {
                self.copy_counts = counts;
                Vec::new()
            }
            Msg::Reindex(event) => self.reindexed(event),
            Msg::Notice(text) => {
                self.say(text);
                Vec::new()
            }
            // Once at a time: the store thread says so again after the reindex if more came.
            Msg::TeamDocuments if self.reindexing.is_none() => {
                self.reindexing = Some((0, 0, false));
                self.say(strings::TEAM_DOCUMENTS);
                vec![Effect::Index(IndexJob::Reindex)]
            }
            Msg::TeamDocuments => Vec::new(),
            Msg::Probed(answers) => self.probed(answers),
            Msg::Entities(_)
            | Msg::Mentions { .. }
            | Msg::EntityMentions { .. }
            | Msg::Stored(_)
            | Msg::Occurrences { .. } => self.annotations(msg),
            Msg::Claims(_) | Msg::DocInfos(_) | Msg::Attributions { .. } | Msg::ClaimCreated(_) => {
                self.claims_msg(msg)
            }
            Msg::DocNotes(notes) => self.doc_notes_changed(notes),
            Msg::Facets {
                generation,
                outcome,
                millis,
            } => {
                self.facets_counted(generation, outcome, millis);
                Vec::new()
            }
            Msg::Exported(Ok(message)) => {
                self.say(message);
                Vec::new()
            }
        }
    }

    /// How a reindex goes: its progress on the status line, then what it did.
    fn reindexed(&mut self, event: ReindexEvent) -> Vec<Effect> {
        match event {
            ReindexEvent::Progress { done, total } => {
                self.reindexing = Some((done, total, false));
                Vec::new()
            }
            ReindexEvent::Copies { done, total } => {
                self.reindexing = Some((done, total, true));
                Vec::new()
            }
            ReindexEvent::Done(Ok(message)) => {
                self.reindexing = None;
                self.say(message);
                vec![self.search.search(false)]
            }
            ReindexEvent::Done(Err(message)) => {
                self.reindexing = None;
                self.error(message);
                Vec::new()
            }
        }
    }

    /// Gives `focus` the keys, showing its pane in the left column if it lives there. A
    /// message about the pane left behind goes with it (an error stays to be read).
    fn focus_on(&mut self, focus: Focus) {
        if focus != self.focus() && self.status.as_ref().is_some_and(|s| !s.error) {
            self.status = None;
        }
        match focus {
            Focus::Reader => self.panes.reader = true,
            Focus::Query | Focus::Results => {
                self.panes = Panes {
                    left: LeftPane::Search {
                        typing: focus == Focus::Query,
                    },
                    reader: false,
                };
            }
            Focus::Entities => {
                self.panes = Panes {
                    left: LeftPane::Entities,
                    reader: false,
                };
            }
            Focus::Claims => {
                self.panes = Panes {
                    left: LeftPane::Claims,
                    reader: false,
                };
            }
        }
    }

    /// Keeps where the caret is in the open document, to come back to it.
    /// A document loaded: in the reader, focused; then what was asked for when it was
    /// opened (a passage to select, a name to tag).
    fn loaded(&mut self, loaded: super::msg::LoadedDocument) -> Vec<Effect> {
        let doc = loaded.document.id.clone();
        self.remember_place();
        self.reader.show(loaded);
        self.refresh_reader_evidence();
        self.focus_on(Focus::Reader);
        self.say(strings::opened(&doc));
        if let Some((wanted, range, note)) = self.after_load.take()
            && wanted == doc
        {
            if let Some(range) = range {
                self.reader.select_range(range);
            }
            self.say(format!("{} · {note}", strings::opened(&doc)));
        }
        if let Some((wanted, range)) = self.tag_after_load.take()
            && wanted == doc
        {
            self.offer_tag(range);
        }
        vec![Effect::Store(StoreAction::Mentions { doc })]
    }

    fn remember_place(&mut self) {
        if let Some(open) = &self.reader.open {
            self.places.insert(
                open.document.id.clone(),
                Place {
                    caret_byte: open.caret_byte,
                    query: open.query.clone(),
                },
            );
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.areas = Areas::of(width, height);
        if let Some(areas) = self.areas {
            self.reader
                .resize(areas.reader_body.width, areas.reader_body.height);
            let visible = self.visible_results();
            self.search.select(self.search.selected, visible);
        }
    }

    /// Results that fit in the results area (the last one needs no blank row after it).
    fn visible_results(&self) -> usize {
        self.areas.map_or(1, |a| a.visible_results())
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        if key == CTRL_C {
            return vec![Effect::Quit];
        }
        if let Mode::TagType { .. } = self.mode {
            // The workspace's entity types name their own keys.
            return self.tag_type_key(key);
        }
        let context = self.context();
        if context.takes_any_key() {
            let action = self.keymap.resolve(context, key);
            return match self.mode {
                Mode::Calibrate => self.calibrate(action),
                Mode::Stance(_) => self.stance_key(action),
                _ => {
                    if action == Some(Action::Cancel) {
                        self.mode = Mode::Panes;
                    }
                    Vec::new()
                }
            };
        }
        // The empty search pane: a letter or digit no key binding takes starts the query
        // (any Arabic letter, most Latin ones), as the pane says.
        if context == Context::Results
            && self.search.input.text().is_empty()
            && self.keymap.resolve(Context::Results, key).is_none()
            && key.typed().is_some_and(char::is_alphanumeric)
        {
            self.focus_on(Focus::Query);
            return self.edit_query(key);
        }
        // The empty query line: `:`, `?` and `/` start nothing a query could (no query
        // begins with them), so they do what they do elsewhere.
        if context == Context::Query
            && self.search.input.text().is_empty()
            && let Some(action @ (Action::CommandLine | Action::Help | Action::FocusSearch)) =
                self.keymap.get(Context::Global, key)
        {
            return self.act(action);
        }
        if let Some(action) = self.keymap.resolve(context, key) {
            return self.act(action);
        }
        match context {
            Context::Query => self.edit_query(key),
            Context::Command => {
                if let Mode::Command(line) = &mut self.mode {
                    if !clear_argument(&mut line.input, key) {
                        edit(&mut line.input, key);
                    }
                    line.offered.clear();
                }
                Vec::new()
            }
            // The views that take their own keys only: a key bound elsewhere (`?`, `u`,
            // `:`) is not lost without a word.
            Context::Chain | Context::Copies if self.keymap.get(Context::Global, key).is_some() => {
                self.say(strings::OWN_KEYS_ONLY);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn edit_query(&mut self, key: Key) -> Vec<Effect> {
        let before = self.search.input.text().to_owned();
        edit(&mut self.search.input, key);
        if self.search.input.text() == before {
            return Vec::new();
        }
        self.query_changed()
    }

    /// Searches as the query is typed; an empty query lists the documents.
    fn query_changed(&mut self) -> Vec<Effect> {
        vec![self.search.search(false)]
    }

    /// What the workbench asks for as it starts: the list of documents, with the keys on
    /// it (`/` or a letter no key takes starts a query).
    pub fn start(&mut self) -> Vec<Effect> {
        if self.search.input.text().is_empty() && self.focus() == Focus::Query {
            self.focus_on(Focus::Results);
        }
        vec![self.search.search(false)]
    }

    fn paste(&mut self, text: &str) -> Vec<Effect> {
        if let Mode::Command(line) = &mut self.mode {
            line.input.insert(text);
            return Vec::new();
        }
        if !matches!(self.mode, Mode::Panes) {
            return Vec::new();
        }
        self.focus_on(Focus::Query);
        self.search.input.insert(text);
        self.query_changed()
    }

    /// Opens the command line with `text` in it.
    fn open_command(&mut self, text: &str) {
        let mut input = TextInput::default();
        input.set(text);
        self.mode = Mode::Command(CommandLine {
            input,
            ..CommandLine::default()
        });
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        let context = self.context();
        match context {
            Context::Help => return self.act_help(action),
            Context::Command => return self.act_command(action),
            Context::Preview => return self.act_preview(action),
            Context::Facets => return self.act_facets(action),
            Context::Copies => {
                self.act_copies(action);
                return Vec::new();
            }
            Context::Chain => return self.act_chain(action),
            _ => {}
        }
        let page = self.visible_results();
        match (context, action) {
            (_, Action::Quit) => return vec![Effect::Quit],
            (_, Action::Help) => self.mode = Mode::Help { scroll: 0 },
            (_, Action::NextPane) => self.cycle(true),
            (_, Action::PreviousPane) => self.cycle(false),
            (_, Action::CommandLine) => self.open_command(""),
            (_, Action::FocusSearch) => self.focus_on(Focus::Query),
            (_, Action::ToggleExact) => return self.set_exact(!self.search.exact),
            (_, Action::Undo) => return vec![Effect::Store(StoreAction::Undo)],
            (_, Action::Redo) => return vec![Effect::Store(StoreAction::Redo)],
            (_, Action::Entities) => self.toggle_entities(),
            (_, Action::Claims) => self.toggle_claims(),
            (_, Action::Documents) => return self.show_documents(),
            (Context::Claims, _) => return self.act_claims(action),
            (Context::Entities, _) => return self.act_entities(action),
            (Context::Query, Action::SubmitQuery) => {
                self.search.history.push(self.search.input.text());
                self.focus_on(Focus::Results);
                if self.search.slow_phrase || self.search.error.is_some() {
                    return vec![self.search.search(true)];
                }
            }
            (Context::Query, Action::LeaveInput | Action::MoveDown) => {
                self.focus_on(Focus::Results);
            }
            (Context::Query, Action::HistoryPrevious | Action::HistoryNext) => {
                let entry = if action == Action::HistoryPrevious {
                    self.search.history.older()
                } else {
                    self.search.history.newer()
                };
                if let Some(entry) = entry.map(str::to_owned) {
                    self.search.input.set(&entry);
                    return self.query_changed();
                }
            }
            (Context::Results, Action::MoveDown) => self.search.move_by(1, page),
            (Context::Results, Action::MoveUp) => self.search.move_by(-1, page),
            (Context::Results, Action::PageDown) => self.search.move_by(signed(page), page),
            (Context::Results, Action::PageUp) => self.search.move_by(-signed(page), page),
            (Context::Results, Action::First) => self.search.select(0, page),
            (Context::Results, Action::Last) => self.search.select(usize::MAX, page),
            (Context::Results, Action::Open) => return self.open_selected(),
            (Context::Results | Context::Reader, Action::ToggleReviewed) => {
                return self.toggle_reviewed();
            }
            (Context::Results | Context::Reader, Action::NextUnreviewed) => {
                return self.next_unreviewed();
            }
            (Context::Results | Context::Reader, Action::Facets) => return self.open_facets(),
            (Context::Results | Context::Reader, Action::Copies) => return self.open_copies(),
            (Context::Results, Action::Sort) => return self.cycle_sort(),
            (Context::Results | Context::Reader, Action::TagDocument) => {
                self.begin_tag_document();
            }
            (Context::Results | Context::Reader, Action::NoteDocument) => {
                self.begin_note_document();
            }
            (Context::Reader, _) => return self.act_reader(action),
            _ => {}
        }
        if self.context() == Context::Results {
            // Near the end of what was fetched: the next page.
            return self.search.more(page).into_iter().collect();
        }
        Vec::new()
    }

    fn act_reader(&mut self, action: Action) -> Vec<Effect> {
        if self.reader.open.is_none() {
            self.say(strings::NO_DOCUMENT);
            return Vec::new();
        }
        let reader = &mut self.reader;
        match action {
            Action::MoveDown => reader.scroll(1),
            Action::MoveUp => reader.scroll(-1),
            Action::PageDown => reader.page(1),
            Action::PageUp => reader.page(-1),
            Action::First => reader.go_first(),
            Action::Last => reader.go_last(),
            Action::CaretLeft => reader.caret_step(false),
            Action::CaretRight => reader.caret_step(true),
            Action::CaretUp => reader.caret_line(false),
            Action::CaretDown => reader.caret_line(true),
            Action::ExtendLeft => {
                reader.start_selection();
                reader.caret_step(false);
            }
            Action::ExtendRight => {
                reader.start_selection();
                reader.caret_step(true);
            }
            Action::WordForward => reader.word(true),
            Action::WordBackward => reader.word(false),
            Action::LineStart => reader.line_edge(false),
            Action::LineEnd => reader.line_edge(true),
            Action::NextHit | Action::PreviousHit => {
                if let Some(message) = reader.hit(action == Action::NextHit) {
                    self.say(message);
                }
            }
            Action::Select => {
                reader.toggle_selection();
                if reader.selection().is_some() {
                    self.say(strings::SELECTING);
                }
            }
            Action::Cancel => {
                reader.clear_selection();
                if self
                    .status
                    .as_ref()
                    .is_some_and(|s| s.text == strings::SELECTING)
                {
                    self.status = None;
                }
            }
            Action::Copy => {
                let Some(text) = reader.selected_text().map(str::to_owned) else {
                    self.say(strings::NOTHING_SELECTED);
                    return Vec::new();
                };
                let count = text.chars().count();
                reader.clear_selection();
                self.say(strings::copied(count));
                return vec![Effect::Copy(text)];
            }
            Action::TagSelection | Action::TagAll => self.begin_tag(action == Action::TagAll),
            Action::CreateClaim => self.begin_claim(),
            Action::LinkEvidence => self.begin_link(),
            Action::NextMention | Action::PreviousMention => {
                let message = self.reader.mention(action == Action::NextMention);
                self.say(message);
            }
            _ => {}
        }
        Vec::new()
    }

    /// `=`: the copies of the document at hand beside their origin (read on the index
    /// thread), or why not.
    fn open_copies(&mut self) -> Vec<Effect> {
        let Some(doc) = self.triage_doc() else {
            self.say(strings::NO_DOCUMENT_TO_REVIEW);
            return Vec::new();
        };
        if self.copies_of(&doc) == 0 {
            self.say(strings::no_copies(&doc));
            return Vec::new();
        }
        vec![Effect::Index(IndexJob::Copies(doc))]
    }

    /// Keys in the copies overlay: scroll both sides, the next copy, close.
    fn act_copies(&mut self, action: Action) {
        let page = self.size.1.saturating_sub(8).max(1);
        let Mode::Copies(view) = &mut self.mode else {
            return;
        };
        match action {
            Action::Cancel => self.mode = Mode::Panes,
            Action::NextCopy => view.next(),
            Action::MoveDown => view.scroll = view.scroll.saturating_add(1),
            Action::MoveUp => view.scroll = view.scroll.saturating_sub(1),
            Action::PageDown => view.scroll = view.scroll.saturating_add(page),
            Action::PageUp => view.scroll = view.scroll.saturating_sub(page),
            Action::First => view.scroll = 0,
            // The view stops at the end of the longer side.
            Action::Last => view.scroll = u16::MAX,
            _ => {}
        }
    }

    fn act_help(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Help { scroll } = self.mode else {
            return Vec::new();
        };
        let page = self.size.1.saturating_sub(6).max(1);
        let last = super::help::last_scroll(&self.keymap, self.size);
        self.mode = match action {
            Action::Cancel | Action::Help => Mode::Panes,
            Action::MoveDown => Mode::Help {
                scroll: (scroll + 1).min(last),
            },
            Action::MoveUp => Mode::Help {
                scroll: scroll.saturating_sub(1),
            },
            Action::PageDown => Mode::Help {
                scroll: (scroll + page).min(last),
            },
            Action::PageUp => Mode::Help {
                scroll: scroll.saturating_sub(page),
            },
            Action::First => Mode::Help { scroll: 0 },
            Action::Last => Mode::Help { scroll: last },
            _ => Mode::Help { scroll },
        };
        Vec::new()
    }

    fn set_exact(&mut self, exact: bool) -> Vec<Effect> {
        self.search.exact = exact;
        self.say(if exact {
            strings::EXACT_ON
        } else {
            strings::EXACT_OFF
        });
        self.query_changed()
    }

    /// Loads `doc`, with the caret at `caret_byte`, else where the user left it (when the
    /// query is the one it was read with), else on its first hit.
    fn load(&self, doc: String, caret_byte: Option<usize>) -> Effect {
        let query = self.search.input.text().to_owned();
        let caret_byte = caret_byte.or_else(|| {
            self.places
                .get(&doc)
                .filter(|place| place.query == query)
                .map(|place| place.caret_byte)
        });
        Effect::Index(IndexJob::Load {
            doc,
            query,
            exact: self.search.exact,
            caret_byte,
        })
    }

    fn open_selected(&mut self) -> Vec<Effect> {
        let Some(hit) = self.search.selected_hit() else {
            return Vec::new();
        };
        let doc = hit.doc.clone();
        self.search.history.push(self.search.input.text());
        self.remember_place();
        vec![self.load(doc, None)]
    }

    fn cycle(&mut self, forward: bool) {
        let order: &[Focus] = match self.left() {
            Left::Search => &[Focus::Query, Focus::Results, Focus::Reader],
            Left::Entities => &[Focus::Entities, Focus::Reader],
            Left::Claims => &[Focus::Claims, Focus::Reader],
        };
        let index = order.iter().position(|f| *f == self.focus()).unwrap_or(0);
        let next = if forward {
            index + 1
        } else {
            index + order.len() - 1
        };
        self.focus_on(order[next % order.len()]);
    }
}

const CTRL_C: Key = Key {
    code: Code::Char('c'),
    ctrl: true,
    alt: false,
    shift: false,
};

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// Ctrl-u in the command line with the cursor in a command's argument clears the argument
/// and keeps the command (`:claim ` stays, to write the claim anew); again, it clears all.
fn clear_argument(input: &mut TextInput, key: Key) -> bool {
    let ctrl_u = key.code == Code::Char('u') && key.ctrl && !key.alt;
    let text = input.text();
    let Some(space) = text.find(' ') else {
        return false;
    };
    let start = space + 1;
    if !ctrl_u || input.cursor_byte() <= start {
        return false;
    }
    let kept = text.get(..start).unwrap_or_default().to_owned();
    let after = text
        .get(input.cursor_byte()..)
        .unwrap_or_default()
        .to_owned();
    input.set(&format!("{kept}{after}"));
    input.move_to(start);
    true
}

/// Editing keys of a text field, including Left/Right, which move the cursor on screen:
/// in a right-to-left field, Left goes forward in the text.
fn edit(input: &mut TextInput, key: Key) {
    match key.code {
        Code::Left | Code::Right if !key.ctrl && !key.alt => {
            let rtl = base_direction(
                input.text(),
                Base::Auto {
                    fallback: Direction::Ltr,
                },
            ) == Direction::Rtl;
            input.step((key.code == Code::Right) != rtl);
        }
        _ => {
            input.edit(key);
        }
    }
}
