//! What the loop receives (`Msg`) and the I/O that `App::update` asks for (`Effect`).
//! Update only returns effects; the runtime performs them and answers with messages.

use std::ops::Range;

use super::key::Key;
use crate::annotate::Occurrence;
use crate::corpus::Document;
use crate::index::SearchResults;
use std::collections::BTreeMap;

use crate::review::DocInfo;
use crate::store::{Anchor, Claim, Entity, Evidence, Mention, Stance, Status};
use crate::workspace::BidiMode;

/// An event for `App::update`.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(Key),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// The answer to `IndexJob::Search` number `generation`.
    Searched {
        generation: u64,
        outcome: SearchOutcome,
    },
    /// The answer to `IndexJob::Count` for search number `generation`: how many documents
    /// match, and how many of them are marked reviewed (`None` while none is).
    Counted {
        generation: u64,
        total: usize,
        reviewed: Option<usize>,
    },
    /// The answer to `IndexJob::Load`.
    Loaded(Result<Box<LoadedDocument>, String>),
    /// Every document id, for `:open` completion.
    DocIds(Vec<String>),
    /// A document's copy group, read and compared for the copies overlay; answers
    /// `IndexJob::Copies`.
    CopiesShown(Result<Box<super::copies_view::CopiesView>, String>),
    /// A claim's chain, for the chain view; answers `IndexJob::Chain`.
    ChainShown(Result<Box<crate::export::chain::Chain>, String>),
    /// For each document with copies, how many (`crate::copies`); answers `IndexJob::DocIds`
    /// beside `Msg::DocIds`.
    /// Each document of a copy group: how many others the group holds, and the origin when
    /// it is a copy.
    CopyCounts(std::collections::HashMap<String, (usize, Option<String>)>),
    /// Progress or the end of `IndexJob::Reindex`.
    Reindex(ReindexEvent),
    /// Something the runtime wants shown in the status line.
    Notice(String),
    /// The team has shared documents this workspace has not taken in: a reindex fetches
    /// and indexes them.
    TeamDocuments,
    /// What the terminal answered when asked what it is (`None`: nothing in time).
    Probed(Option<super::probe::Answers>),
    /// The store's entities, after a change (anyone's) or on start.
    Entities(Vec<Entity>),
    /// The mentions in a document.
    Mentions {
        doc: String,
        mentions: Vec<Mention>,
    },
    /// The mentions of one entity, for the entities pane.
    EntityMentions {
        entity: i64,
        mentions: Vec<Mention>,
    },
    /// Every claim with its evidence, after a change (anyone's) or on start.
    Claims(Vec<(Claim, Vec<Evidence>)>),
    /// Source, title and date of documents, for counting a claim's outlets.
    DocInfos(BTreeMap<String, DocInfo>),
    /// Who each piece of evidence (by id) is attributed to (`crate::attribution`), and
    /// which of them are passages their copies added, not in the origin's text
    /// (`DocumentCache::copy_added`); answers `IndexJob::Attributions`.
    Attributions {
        found: BTreeMap<i64, Vec<crate::attribution::Attribution>>,
        copies_added: std::collections::BTreeSet<i64>,
    },
    /// The claim just recorded (it becomes the current claim).
    ClaimCreated(i64),
    /// How an export went: where it was written, or why not.
    Exported(Result<String, String>),
    /// How a change to the store went: what the status line says.
    Stored(Result<String, String>),
    /// Every document note (review state, tags, note), after a change (anyone's) or on
    /// start.
    DocNotes(Vec<crate::store::DocNote>),
    /// The answer to `IndexJob::Facets` number `generation`.
    Facets {
        generation: u64,
        outcome: Result<crate::facets::Facets, String>,
        millis: f64,
    },
    /// The answer to `IndexJob::FindOccurrences`.
    Occurrences {
        request: TagAllRequest,
        /// Each place, and whether the entity has it as a mention already.
        found: Result<Vec<(Occurrence, bool)>, String>,
    },
}

/// What a tag-all is about: the entity to create or add to, and all its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagAllRequest {
    pub name: String,
    pub kind: String,
    /// The name and its aliases.
    pub names: Vec<String>,
}

/// A change to the annotation store, or a read of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreAction {
    /// Tag mentions (one step); `summary` is what undo will say.
    Tag {
        name: String,
        kind: String,
        aliases: Vec<String>,
        mentions: Vec<(String, Anchor)>,
        summary: String,
    },
    Undo,
    Redo,
    /// Rename an entity; when `seen` is given, only if it is still called so.
    Rename {
        id: i64,
        name: String,
        seen: Option<String>,
    },
    AddAlias {
        id: i64,
        alias: String,
    },
    Note {
        id: i64,
        note: String,
    },
    Merge {
        from: i64,
        into: i64,
    },
    Delete {
        id: i64,
    },
    /// The mentions in `doc` (answers `Msg::Mentions`); it also becomes the document whose
    /// mentions are sent again after every change.
    Mentions {
        doc: String,
    },
    /// The mentions of an entity (answers `Msg::EntityMentions`).
    EntityMentions {
        entity: i64,
    },
    /// A change to the claims.
    Claim(ClaimAction),
    /// Mark a document reviewed, or not (one step).
    Review {
        doc: String,
        reviewed: bool,
    },
    /// Add tags to a document (`remove`: take them off), as one step.
    TagDoc {
        doc: String,
        tags: Vec<String>,
        remove: bool,
    },
    /// Set a document's note (empty clears it), as one step.
    DocNote {
        doc: String,
        note: String,
    },
}

/// A change to the claims and their evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimAction {
    /// A new claim, with the passage it came from as supporting evidence.
    Add {
        text: String,
        evidence: Option<(String, Anchor)>,
    },
    /// Link a passage to a claim (or change its stance).
    Link {
        claim: i64,
        doc: String,
        anchor: Anchor,
        stance: Stance,
    },
    Unlink {
        evidence: i64,
    },
    /// Change a claim's text, status or verdict; when `seen` is given, only if the claim
    /// still reads as it did then.
    Update {
        id: i64,
        text: Option<String>,
        status: Option<Status>,
        verdict: Option<String>,
        seen: Option<crate::store::Claim>,
    },
    Delete {
        id: i64,
    },
}

/// How a search ended.
#[derive(Debug, Clone)]
pub enum SearchOutcome {
    Done {
        /// Without the total when more match than were fetched: the app asks for the
        /// count next (`IndexJob::Count`), so that the results are drawn first.
        results: SearchResults,
        millis: f64,
        /// How many of every match are marked reviewed (when the total was counted).
        reviewed: Option<usize>,
        /// Nothing to search for was typed: the hits are a list of documents (their
        /// snippets empty), with what a list says of each.
        listing: Option<Listing>,
        /// Words searched with a tagged entity's other names too (boxed: a message stays
        /// small).
        also: Box<[crate::aliases::Expansion]>,
    },
    /// A phrase of words so common that it was not run while typing.
    SlowPhrase,
    Failed(String),
}

/// What a list of documents says beside each: counts of its annotations, and how many
/// of the whole list have no date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Mentions and passages of evidence, by hit.
    pub counts: Vec<(usize, usize)>,
    /// Documents of the whole list without a readable date (they come last by date).
    pub undated: usize,
}

/// What a search asks for: the query as typed, whether exact, the facet values picked,
/// and the order (`None`: by relevance; a list of documents, newest first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchSpec {
    pub query: String,
    pub exact: bool,
    pub picks: crate::facets::Picks,
    pub sort: Option<crate::index::Sort>,
}

/// A document ready for the reader.
#[derive(Debug, Clone)]
pub struct LoadedDocument {
    pub document: Document,
    /// The query its hits are of.
    pub query: String,
    /// Byte ranges of `document.text()` matching the query it was opened from.
    pub hits: Vec<Range<usize>>,
    /// Open with the caret on this byte of the text, when given.
    pub caret_byte: Option<usize>,
}

/// Reindexing news.
#[derive(Debug, Clone)]
pub enum ReindexEvent {
    Progress {
        done: usize,
        total: usize,
    },
    /// Finding the copies among the documents read: `done` of `total` placed.
    Copies {
        done: usize,
        total: usize,
    },
    Done(Result<String, String>),
}

/// I/O requested by `App::update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Work on the index (on its own thread); each job says which message answers it.
    Index(IndexJob),
    /// Change or read the annotation store (on its own thread).
    Store(StoreAction),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Set the terminal up anew: another emulator identified, or another bidi mode.
    Display(super::terminal::Display),
    /// Remember the calibration answer for this terminal.
    SaveCalibration { bidi: BidiMode, shaping: bool },
    /// Leave.
    Quit,
}

/// What the index thread does for the app (`runtime::worker::IndexWorker::handle`).
#[derive(Debug, Clone, PartialEq)]
pub enum IndexJob {
    /// Run a search; answers `Msg::Searched` with the same generation. `force` runs even a
    /// phrase of very common words.
    Search {
        generation: u64,
        spec: SearchSpec,
        limit: usize,
        force: bool,
    },
    /// Count the matches of search number `generation` (its `spec`), and how many of them
    /// are reviewed; answers `Msg::Counted` with the same generation. Dropped, unanswered,
    /// when a newer search is asked for before it is done.
    Count { generation: u64, spec: SearchSpec },
    /// Count the facets of a search's matches; answers `Msg::Facets` with the same
    /// generation.
    Facets { generation: u64, spec: SearchSpec },
    /// Load a document, with the hits of `query`; answers `Msg::Loaded`.
    Load {
        doc: String,
        query: String,
        exact: bool,
        caret_byte: Option<usize>,
    },
    /// Bring the index up to date; answers `Msg::Reindex` (progress, then the end) and
    /// `Msg::DocIds`.
    Reindex,
    /// Open the next document of the list `spec` makes (by rank, or in its order) that is
    /// not reviewed, after those `passed`; answers `Msg::Loaded`, or `Msg::Notice` when
    /// every other one is reviewed.
    NextUnreviewed {
        spec: SearchSpec,
        /// The documents of the list up to the one at hand, passed over.
        passed: Vec<String>,
        /// The one at hand: when nothing unreviewed comes after it, the list is gone
        /// through again from the top, without it.
        current: Option<String>,
    },
    /// Every document id, for `:open` completion; answers `Msg::DocIds`.
    DocIds,
    /// Find every occurrence of the names in the corpus; answers `Msg::Occurrences`.
    FindOccurrences(TagAllRequest),
    /// Look up the source, title and date of documents; answers `Msg::DocInfos`.
    DocInfos(Vec<String>),
    /// Read the copy group of a document and compare each copy with the origin; answers
    /// `Msg::CopiesShown`.
    Copies(String),
    /// Build the chain of claim `id` (`crate::export::chain`); answers `Msg::ChainShown`.
    Chain(i64),
    /// Find who each piece of evidence (id, document, anchor) is attributed to, and
    /// whether its copy added it; answers `Msg::Attributions`.
    Attributions(Vec<(i64, String, crate::store::Anchor)>),
    /// Export the annotations; answers `Msg::Exported`.
    Export {
        format: crate::export::Format,
        path: Option<String>,
    },
}
