//! Words the workbench shows, in one place (so a translated interface is one file's work).

use std::fmt::Display;

use super::action::{Action, Context};
use crate::store::Stance;

// The help overlay.

/// What `action` does in `context`, for the help: the general words of `action_help`,
/// except where the context makes them more exact.
pub fn action_help_in(context: Context, action: Action) -> &'static str {
    use Action as A;
    use Context as C;
    match (context, action) {
        (C::Command, A::Execute) => "run what is typed (the commands are listed below)",
        (C::Command, A::Cancel) => "close the command line without running it",
        (C::Command, A::Complete) => "complete a command, value, document id or name (again: next)",
        (C::Command, A::HistoryPrevious) => "the previous command line",
        (C::Command, A::HistoryNext) => "the next command line",
        (C::Preview, A::Execute) => "tag the accepted hits, as one step (u undoes it)",
        (C::Preview, A::Cancel) => "close the preview, tagging nothing",
        (C::Preview, A::MoveDown) => "next hit",
        (C::Preview, A::MoveUp) => "previous hit",
        (C::Help, A::Cancel | A::Help) => "close this help",
        (C::Help, A::First) => "back to the top",
        (C::Help, A::Last) => "to the end",
        (C::Results, A::MoveDown) => "next result",
        (C::Results, A::MoveUp) => "previous result",
        (C::Results, A::First) => "first result",
        (C::Results, A::Last) => "last result",
        (C::Reader | C::Help, A::MoveDown) => "scroll down a line",
        (C::Reader | C::Help, A::MoveUp) => "scroll up a line",
        (C::Reader, A::First) => "top of the document",
        (C::Reader, A::Last) => "end of the document",
        (C::Reader, A::Cancel) => "clear the selection",
        (C::Entities, A::MoveDown) => "next entity or mention",
        (C::Entities, A::MoveUp) => "previous entity or mention",
        (C::Entities, A::Open) => "list its mentions; on a mention, open it in the reader",
        (C::Entities, A::Cancel) => "back from the mentions, or to the search",
        (C::Entities, A::TagAll) => "tag every occurrence of it and its aliases (preview first)",
        (C::Claims, A::MoveDown) => "next claim or piece of evidence",
        (C::Claims, A::MoveUp) => "previous claim or piece of evidence",
        (C::Claims, A::Open) => "show its evidence; on a piece, open it at the passage",
        (C::Claims, A::Cancel) => "back from the evidence, or to the search",
        (C::Claims, A::Delete) => "delete the claim with its evidence (u undoes)",
        (C::Claims, A::TagSelection) => "tag whom the passage is attributed to (then a type)",
        (C::Query, A::MoveDown) => "to the results",
        (C::Stance, A::Cancel) => "link nothing",
        (C::Matrix, A::Cancel) => "close the matrix",
        (C::Copies, A::MoveDown) => "scroll both down a line",
        (C::Copies, A::MoveUp) => "scroll both up a line",
        (C::Copies, A::Cancel) => "close",
        (C::Chain, A::MoveDown) => "next source, passage or name",
        (C::Chain, A::MoveUp) => "previous source, passage or name",
        (C::Chain, A::First) => "the first source",
        (C::Chain, A::Last) => "the last name",
        (C::Chain, A::Open) => "open it in the reader: the passage, the name, the origin's text",
        (C::Chain, A::TagSelection) => "tag the name (on a passage, who reports it), then a type",
        (C::Chain, A::Cancel) => "back to the claims",
        (C::Calibrate, A::Cancel) => "leave the display as it is",
        (C::Facets, A::Toggle) => "pick this value / unpick it (values of one facet: either)",
        (C::Facets, A::Cancel | A::Facets) => "close (the picks stay)",
        _ => action_help(action),
    }
}

/// One line of help per action.
pub fn action_help(action: Action) -> &'static str {
    match action {
        Action::Quit => "quit",
        Action::Help => "this help",
        Action::NextPane => "next pane",
        Action::PreviousPane => "previous pane",
        Action::CommandLine => "command line (:open, :bidi, :shaping, :reindex, :calibrate, :q)",
        Action::FocusSearch => "edit the query",
        Action::SubmitQuery => "search now and go to the results",
        Action::LeaveInput => "leave the query line",
        Action::HistoryPrevious => "previous in history",
        Action::HistoryNext => "next in history",
        Action::ToggleExact => "exact forms only / stems too",
        Action::Execute => "run it",
        Action::Cancel => "close / clear the selection",
        Action::Complete => "complete",
        Action::MoveDown => "down a line or result",
        Action::MoveUp => "up a line or result",
        Action::PageDown => "page down",
        Action::PageUp => "page up",
        Action::First => "first / top",
        Action::Last => "last / end",
        Action::Open => "open in the reader",
        Action::CaretLeft => "caret left (on screen)",
        Action::CaretRight => "caret right (on screen)",
        Action::CaretUp => "caret up a line",
        Action::CaretDown => "caret down a line",
        Action::ExtendLeft => "select to the left",
        Action::ExtendRight => "select to the right",
        Action::WordForward => "next word (reading order)",
        Action::WordBackward => "previous word (reading order)",
        Action::LineStart => "start of the line (reading order)",
        Action::LineEnd => "end of the line (reading order)",
        Action::NextHit => "next search hit",
        Action::PreviousHit => "previous search hit",
        Action::Select => "start / stop selecting",
        Action::Copy => "copy the selection (logical text)",
        Action::Undo => "undo the last change to the annotations",
        Action::Redo => "redo",
        Action::Entities => "entities pane / back to the search",
        Action::TagSelection => "tag the selection or word, then the type's key",
        Action::TagAll => "tag every occurrence in the corpus (preview first)",
        Action::NextMention => "next entity mention",
        Action::PreviousMention => "previous entity mention",
        Action::Rename => "rename (the old name becomes an alias)",
        Action::AddAlias => "add an alias",
        Action::Merge => "merge into another entity",
        Action::Delete => "delete, with its mentions or evidence (u undoes)",
        Action::FilterResults => "search the documents that mention it",
        Action::Toggle => "accept / reject this hit",
        Action::AcceptAll => "accept every hit",
        Action::RejectAll => "reject every hit",
        Action::Claims => "claims pane / back to the search",
        Action::CreateClaim => "new claim from the selection (it becomes its evidence)",
        Action::LinkEvidence => "link the selection to the current claim, then s/r/m",
        Action::SetStatus => "status: unverified/supported/disputed/refuted/true/false",
        Action::SetVerdict => "write the verdict",
        Action::EditText => "edit the claim",
        Action::Unlink => "unlink this evidence",
        Action::Supports => "the passage supports the claim",
        Action::Refutes => "the passage refutes the claim",
        Action::Mentions => "the passage mentions the claim",
        Action::CalibrateApp => "the first line reads right: isnad orders the text",
        Action::CalibrateShaped => "the second: isnad orders the text and joins the letters",
        Action::CalibrateTerminal => "the third: the terminal orders the text itself",
        Action::ToggleReviewed => "mark the document reviewed / not reviewed (u undoes)",
        Action::NextUnreviewed => "open the next document of the list not yet reviewed",
        Action::Documents => "list every document (the query goes to the history)",
        Action::Facets => "facets: counts by outlet, language, date, review, tag",
        Action::Sort => "order: relevance, date (newest first), outlet, title",
        Action::Exclude => "exclude this value / stop excluding it",
        Action::ClearPicks => "clear every pick",
        Action::TagDocument => "tag the document (:tag NAME, Tab completes; :untag)",
        Action::NoteDocument => "the document's note (:note TEXT; empty clears it)",
        Action::Copies => "its copies beside their origin, what differs marked",
        Action::NextCopy => "the next copy beside the origin",
        Action::Chain => "its chain: independent sources, copies folded, who cites whom",
    }
}

/// The help overlay's heading for a context.
pub fn context_title(context: Context) -> &'static str {
    match context {
        Context::Global => "Everywhere",
        Context::Query => "Query line (typing edits; ctrl-w, ctrl-u, home, end too)",
        Context::Results => "Results",
        Context::Reader => "Reader",
        Context::Entities => "Entities (enter: mentions, then enter opens one)",
        Context::Claims => "Claims (enter: evidence, then enter opens it; :matrix, :claims Q)",
        Context::Preview => "Tag-all preview (enter tags the accepted hits)",
        Context::Stance => "Linking a passage (after e): its stance",
        Context::Matrix => "Claims × sources matrix (:matrix)",
        Context::Facets => "Facets (f): one outlet or another, and a month, and…",
        Context::Copies => "Copies (=): a copy beside its origin, what differs marked",
        Context::Chain => "Chain (c on a claim): its sources, copies under their origin",
        Context::Command => "Command line",
        Context::Help => "This help",
        Context::Calibrate => "Calibration (:calibrate): the line that reads right",
    }
}

// Panes, the help and the calibration page.

pub const SEARCH: &str = "Search";
/// The search pane's name while it lists the documents (nothing typed).
pub const DOCUMENTS: &str = "Documents";
pub const READER: &str = "Reader";
pub const EXACT: &str = "exact";
pub const SEARCHING: &str = "searching…";
pub const NO_RESULTS: &str = "No documents match.";
pub const TYPE_TO_SEARCH: &str =
    "Type to search: words (all must match), OR, -word, \"phrase\", title:, source:";
pub const SLOW_PHRASE: &str =
    "A phrase of very common words: it takes a while on a large corpus. Press Enter to run it.";
pub const HINT: &str = "? keys · / search · : commands · q quits";
pub const HINT_QUERY: &str = "type to search · enter: results · esc: leave · f1: keys";
pub const NO_DOCUMENT: &str = "No document open: pick a result and press Enter.";
pub const HELP_TITLE: &str = "Keys";
pub const HELP_FOOTER: &str =
    "esc or ? closes · change keys in ~/.config/isnad/keymap.toml (create it) · ctrl-c quits";
pub const HELP_COMMANDS: &str = "Commands (: opens the command line; tab completes)";
pub const PROBE_SWITCHED: &str = "this terminal says it always reorders right-to-left text, \
     so isnad now leaves that to it (bidi terminal); :calibrate checks, :bidi app undoes";
pub const PROBE_ALWAYS_REORDERS: &str = "this terminal says it always reorders right-to-left \
     text: with bidi app Arabic may read backwards; try :bidi terminal (:calibrate checks)";
pub const PROBE_NEVER_REORDERS: &str = "this terminal says it never reorders right-to-left \
     text: with bidi terminal Arabic shows in logical order; try :bidi app";
pub const SELECTING: &str = "selecting from the caret: move it to extend the selection";
pub const NOTHING_SELECTED: &str = "nothing selected: v starts a selection at the caret";
/// The calibration's title: `choices` the keys of the three lines, `leave` the keys that
/// leave.
pub fn calibrate_title(choices: &str, leave: &str) -> String {
    format!("Which line reads correctly? ({choices}; {leave} to leave as is)")
}
/// What a key bound to every other key is called in the help and the hints.
pub const ANY_KEY: &str = "any key";
pub const OTHER_KEYS: &str = "other keys";
pub const CALIBRATE_SAMPLE: &str = "قُتل 144 شخصاً في هجوم (كروكوس) يوم 22 آذار";
pub const CALIBRATE_CHOICES: [&str; 3] = [
    "isnad orders the text, letters as the terminal draws them",
    "isnad orders the text and joins the letters",
    "the terminal orders the text itself (rows where both panes hold Arabic may mix)",
];

// Counts: every plural goes through `count`.

/// `n` and the noun, singular or plural as `n` wants.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `n` mentions, for the status line.
pub fn mentions(n: usize) -> String {
    count(n, "mention", "mentions")
}

/// `n` documents, for the status line and the tag-all preview.
pub fn documents(n: usize) -> String {
    count(n, "document", "documents")
}

/// `n` new hits, for the status line when the tag-all preview opens.
pub fn new_hits(n: usize) -> String {
    count(n, "new hit", "new hits")
}

/// `n` hits, for the reader's metadata line.
pub fn hits(n: usize) -> String {
    count(n, "hit", "hits")
}

/// `n` files, for the status line after an export.
pub fn files(n: usize) -> String {
    count(n, "file", "files")
}

/// A terminal too small to draw in.
pub fn too_small(width: u16, height: u16, min_width: u16, min_height: u16) -> String {
    format!("Terminal too small ({width}×{height}): isnad needs {min_width}×{min_height}.")
}

/// Results count for the pane title, with how many of them are reviewed when known.
pub fn results_count(
    shown: usize,
    total: Option<usize>,
    reviewed: Option<usize>,
    millis: f64,
) -> String {
    let count = match total {
        Some(total) if total > shown => format!("{shown} of {total}"),
        Some(total) => format!("{total}"),
        None => format!("{shown}"),
    };
    match (total, reviewed) {
        (Some(total), Some(reviewed)) => {
            format!("{count} · {reviewed} of {total} reviewed · {millis:.0} ms")
        }
        _ => format!("{count} · {millis:.0} ms"),
    }
}

/// The results' count for the pane title while it is being counted: as many as are shown
/// at least, more to come.
pub fn results_counting(shown: usize, millis: f64) -> String {
    format!("{shown}+ · {COUNTING} · {millis:.0} ms")
}

/// Said in the results' title while they are counted.
pub const COUNTING: &str = "counting…";

/// A word searched with its entity's other names too, in the results' title.
pub fn also_searched(typed: &str, also: &[String]) -> String {
    format!("{typed} = {}", also.join(" = "))
}

/// The results title while the last word typed is also read as a prefix
/// (`index::typing_prefix`): results do not vanish mid-word, and the user knows why a
/// longer word matched.
pub fn typing_prefix(word: &str) -> String {
    format!("{word}… as prefix")
}

/// The status line after `r` changed a document's review state.
pub fn marked_reviewed(doc: &str, reviewed: bool) -> String {
    if reviewed {
        format!("marked {doc} reviewed (u undoes; R opens the next unreviewed)")
    } else {
        format!("marked {doc} not reviewed")
    }
}

/// The status line when `r` found the document so already (another isnad changed it).
pub fn already_reviewed(doc: &str, reviewed: bool) -> String {
    if reviewed {
        format!("{doc} was reviewed already")
    } else {
        format!("{doc} was not reviewed")
    }
}

/// The status line after `:tag` or `:untag`.
pub fn retagged(doc: &str, retagged: &crate::store::Retagged, removed: bool) -> String {
    let verb = if removed { "untagged" } else { "tagged" };
    match (retagged.changed.is_empty(), retagged.unchanged.is_empty()) {
        (false, true) => format!("{verb} {doc}: {} (u undoes)", retagged.changed.join(", ")),
        (false, false) => format!(
            "{verb} {doc}: {} (u undoes); {} {}",
            retagged.changed.join(", "),
            if removed {
                "was not tagged"
            } else {
                "already had"
            },
            retagged.unchanged.join(", ")
        ),
        (true, _) if removed => format!("{doc} has no tag {}", retagged.unchanged.join(", ")),
        (true, _) => format!("{doc} has {} already", retagged.unchanged.join(", ")),
    }
}

/// The status line after `:note` on a document.
pub fn doc_note_saved(doc: &str, cleared: bool) -> String {
    if cleared {
        format!("cleared the note on {doc} (u undoes)")
    } else {
        format!("noted on {doc} (u undoes)")
    }
}

/// The status line when `:note` on a document changed nothing.
pub fn doc_note_unchanged(doc: &str) -> String {
    format!("{doc} has that note already")
}

/// The status line when `:tag` names no tag.
pub const TAG_WHAT: &str =
    "name a tag: :tag NAME (several: :tag A, B; :untag takes them off; Tab completes)";

/// The status line when `:tag`, `:untag` or `:note` has no document to act on.
pub const NO_DOCUMENT_TO_NOTE: &str =
    "no document here: select a result or open a document, then :tag or :note";

/// The documents list's title after its name: how many, how many reviewed and undated,
/// in what order; what matters most first, as a narrow pane cuts the end.
pub fn listing_count(
    shown: usize,
    total: usize,
    narrowed: Option<&str>,
    reviewed: Option<usize>,
    sort: &str,
    undated: usize,
    millis: f64,
) -> String {
    let mut parts = vec![if total > shown {
        format!("{shown} of {total}")
    } else {
        total.to_string()
    }];
    parts.extend(narrowed.map(str::to_owned));
    if let Some(reviewed) = reviewed {
        parts.push(format!("{reviewed} of {total} reviewed"));
    }
    if undated > 0 {
        parts.push(format!("{undated} undated"));
    }
    parts.push(format!("by {sort}"));
    parts.push(format!("{millis:.0} ms"));
    parts.join(" · ")
}

/// The results' title when they are sorted, not ranked.
pub fn sorted_by(sort: &str) -> String {
    format!("by {sort}")
}

/// The status line after `s`.
pub fn sorted(sort: &str) -> String {
    format!("sorted by {sort} (s: next order)")
}

/// The status line after `s` on results ranked by relevance again.
pub const SORTED_BY_RELEVANCE: &str = "sorted by relevance (s: next order)";

/// The line above the results while facet values narrow them.
pub fn narrowed(picks: &str) -> String {
    format!("narrowed: {picks} (f changes, c in it clears)")
}

/// The search pane's title while facet values narrow it.
pub fn narrowed_short(picks: &str) -> String {
    format!("narrowed: {picks}")
}

pub const NO_DOCUMENTS: &str = "No documents yet: add some with `isnad add FOLDER`, then :reindex.";
pub const NO_DOCUMENTS_PICKED: &str =
    "No document has every value picked: f opens the facets, c there clears the picks.";

/// The facets overlay's title.
pub fn facets_title(total: usize, millis: f64) -> String {
    format!(
        "Facets of {} · space picks · x excludes · c clears · esc closes · {millis:.0} ms",
        count(total, "document", "documents")
    )
}

pub const FACETS_COUNTING: &str = "Facets · counting…";
pub const NO_FACETS: &str = "Nothing to count: no document matches.";

/// A listed document without a readable date.
pub const NO_DATE: &str = "no date";

/// The status line when `R` finds nothing left to review.
pub const ALL_REVIEWED: &str = "every other document of this list is reviewed";

/// The status line when `r` or `R` has no document to act on.
pub const NO_DOCUMENT_TO_REVIEW: &str = "no document here: open one or select a result";

/// Shown before a reviewed document's details.
/// Starts with a word: in a right-to-left line the mark stays beside it.
pub const REVIEWED_MARK: &str = "reviewed ✓";

/// The reader's header for a forwarded message: who first posted it.
pub fn forwarded_from(who: &str) -> String {
    format!("forwarded from {who}")
}

/// The reader's header for an attachment: the id of the message it came with.
pub fn attached_to(id: &str) -> String {
    format!("attached to {id}")
}

// Status line: what an action did, or why it did nothing.

pub const EXACT_ON: &str = "exact: normalised forms only, no stemming";
pub const EXACT_OFF: &str = "stems: every form of a word matches";
pub const NOTHING_TO_COMPLETE: &str = "nothing to complete here";
pub const ALREADY_REINDEXING: &str = "already reindexing";
pub const REINDEXING: &str = "reindexing…";
pub const BIDI_TERMINAL: &str = "bidi terminal: the terminal orders the text; rows where both \
     panes hold Arabic may mix (:bidi app undoes)";
pub const NO_COLOR_SET: &str = "NO_COLOR is set: no colours, whatever the theme";
pub const TMUX_HINT: &str = "tmux does not pass bidi settings to the terminal it runs in: if \
     Arabic reads backwards there, run :calibrate";
pub const APPLE_TERMINAL_HINT: &str = "Apple Terminal always reorders right-to-left text \
     itself, so isnad leaves the order to it (bidi terminal); iTerm2 shows isnad's own layout";

/// The status line once a document is open in the reader.
pub fn opened(doc: &str) -> String {
    format!("opened {doc}")
}

/// The status line while `:open` loads a document.
pub fn opening(doc: &str) -> String {
    format!("opening {doc}…")
}

/// The status line after the selection is copied (`count` characters).
pub fn copied(count: usize) -> String {
    format!(
        "copied {} (logical order)",
        self::count(count, "character", "characters")
    )
}

/// The status line while Tab goes through what fits (`offers` joined).
pub fn tab_offers(offers: &str) -> String {
    format!("tab: {offers}")
}

/// The status line while `:export` writes `format`.
pub fn exporting(format: &str) -> String {
    format!("exporting {format}…")
}

/// The status line after `:bidi` (other than `terminal`, which has `BIDI_TERMINAL`).
pub fn bidi_set(mode: &str) -> String {
    format!("bidi {mode}")
}

/// The status line after `:shaping`: the mode, and whether letters are joined now.
pub fn shaping_set(mode: &str, joined: bool) -> String {
    let how = if joined {
        "letters joined"
    } else {
        "as the terminal draws them"
    };
    format!("shaping {mode} ({how})")
}

/// The status line after a line of the calibration page is chosen.
pub fn calibrated(bidi: &str, shaping: &str) -> String {
    format!("calibrated: bidi {bidi}, shaping {shaping} (remembered for this terminal)")
}

/// The status line after `:theme` chose colours for another background than the terminal's.
pub fn theme_mismatch(choice: &str, palette: &str, background: Option<&str>) -> String {
    let background = background.unwrap_or("unknown");
    format!(
        "theme {choice}: colours for a {palette} background, but this terminal's is \
         {background} (:theme auto)"
    )
}

/// The status line after `:theme auto` when the terminal did not say its background.
pub fn theme_auto_unknown(palette: &str) -> String {
    format!("theme auto: the terminal did not say its background, so {palette}")
}

/// The status line after `:theme`.
pub fn theme_set(choice: &str, palette: &str) -> String {
    format!("theme {choice} ({palette})")
}

// Reader: where `n`/`N` and the mention keys landed (status line).

pub const NO_HITS_HERE: &str = "no search hits in this document";
pub const NO_MENTIONS_HERE: &str = "no tagged mentions in this document (t tags the selection)";

/// The status line after `n`/`N`: the hit the caret is on (`n` from 1), and whether the
/// search wrapped round (going `forward`).
pub fn hit_of(n: usize, count: usize, wrapped: bool, forward: bool) -> String {
    format!("hit {n} of {count}{}", wrapped_from(wrapped, forward))
}

/// The status line after the mention keys: the mention the caret is on (`n` from 1), and
/// whether it wrapped round (going `forward`).
pub fn mention_of(n: usize, count: usize, wrapped: bool, forward: bool) -> String {
    format!("mention {n} of {count}{}", wrapped_from(wrapped, forward))
}

/// What `hit_of` and `mention_of` add when the move wrapped round.
fn wrapped_from(wrapped: bool, forward: bool) -> &'static str {
    match (wrapped, forward) {
        (false, _) => "",
        (true, true) => " (from the top)",
        (true, false) => " (from the bottom)",
    }
}

// Entities: tagging, the tag-all preview and the entities pane (status line).

pub const NO_ENTITIES_YET: &str =
    "no entities yet: select a name in the reader and press t, then its type's key";
pub const NOTHING_TO_TAG: &str = "nothing to tag here: put the caret on a word or select with v";
pub const TAGGING_CANCELLED: &str = "tagging cancelled";
pub const NO_ENTITY_SELECTED: &str = "no entity selected";
pub const NOTHING_TAGGED: &str = "nothing tagged";
pub const NOTHING_ACCEPTED: &str = "nothing accepted, nothing tagged";
pub const SELECT_AN_ENTITY: &str = "select an entity in the entities pane first (E shows it)";

/// The status line when tag-all finds no occurrence of `name`.
pub fn occurs_nowhere(name: &str) -> String {
    format!("{name} occurs nowhere in the corpus (as a whole word)")
}

/// The status line when tag-all finds `name` tagged at every one of its `mentions`.
pub fn all_tagged_already(name: &str, mentions: usize) -> String {
    format!(
        "every place {name} occurs is tagged already ({})",
        self::mentions(mentions)
    )
}

/// The status line when the tag-all preview opens.
pub fn preview_opened(new: usize, documents: usize) -> String {
    format!(
        "{} in {}: accept or reject each, then enter",
        new_hits(new),
        self::documents(documents)
    )
}

/// The status line after `t` or `T`: the types' keys (`keys` joined), for everywhere if
/// `all`.
pub fn tag_as(all: bool, keys: &str) -> String {
    let what = if all { "tag everywhere" } else { "tag" };
    format!("{what} as: {keys} (esc cancels)")
}

/// The status line when a name is offered to tag (`t` on a piece of evidence).
pub fn tag_name_as(name: &str, keys: &str) -> String {
    format!("tag \u{2068}{name}\u{2069} as: {keys} (esc cancels)")
}

/// The status line while tag-all looks for `names` (joined).
pub fn finding_every(names: &str) -> String {
    format!("finding every {names} in the corpus…")
}

/// The status line when `:merge` names no other entity.
pub fn no_entity_called(name: &str) -> String {
    format!("no other entity is called {name} (tab completes names)")
}

/// What tagging `name` as `kind` is called where undo and redo name it.
pub fn tag_summary(name: &str, kind: &str) -> String {
    format!("tag {name} ({kind})")
}

/// What a tag-all of `mentions` is called where undo and redo name it.
pub fn tag_all_summary(name: &str, kind: &str, mentions: usize) -> String {
    format!("tag all {name} ({kind}): {}", self::mentions(mentions))
}

// Claims: writing, linking and picking claims (status line).

pub const NO_CLAIMS_YET: &str = "no claims yet: select a passage in the reader and press c";
pub const SELECT_CLAIM_PASSAGE: &str =
    "select the passage the claim comes from (v and motions), then c";
pub const EDIT_THE_CLAIM: &str =
    "edit the claim, Enter records it with this passage as supporting evidence";
pub const NO_CURRENT_CLAIM: &str =
    "no current claim: c makes one from a selection, or pick one in the claims pane (C)";
pub const SELECT_PASSAGE_TO_LINK: &str = "select the passage to link (v and motions), then e";
pub const LINKING_CANCELLED: &str = "linking cancelled";
pub const NO_CLAIM_SELECTED: &str = "no claim selected";
pub const NO_CLAIM_TO_UPDATE: &str = "no claim selected: the claims pane (C) lists them";
pub const PICK_EVIDENCE_TO_UNLINK: &str =
    "open a claim's evidence (Enter) and pick the piece to unlink";
pub const NO_CLAIMS_FOR_MATRIX: &str = "no claims yet: the matrix shows claims against sources";

/// The status line after `e`: the claim, and the keys of each stance and of cancelling.
pub fn link_as(claim: &str, supports: &str, refutes: &str, mentions: &str, cancel: &str) -> String {
    format!(
        "link to \"{claim}\" as: {supports} supports · {refutes} refutes · {mentions} mentions \
         · {cancel}: cancel"
    )
}

/// The status line when the status of a claim is to be set: the current one, and all
/// (`all` joined).
pub fn status_now(current: &str, all: &str) -> String {
    format!("status now {current}; type one or tab through: {all}")
}

/// The status line after `:claims` with no query: `shown` claims.
pub fn all_claims(shown: usize) -> String {
    if shown == 1 {
        "the one claim".to_owned()
    } else {
        format!("all {shown} claims")
    }
}

/// The status line after `:claims QUERY`.
pub fn claims_match(shown: usize, query: &str) -> String {
    format!("{} {query}", count(shown, "claim matches", "claims match"))
}

// Workers: what the index and store threads answer (status line).

pub const DISK_FULL: &str = "the disk holding the annotation store is full: annotations are \
     shown, but no change can be made until some space is freed (`df -h` lists the disks)";
pub const NOTHING_TO_UNDO: &str = "nothing to undo";
pub const TEAM_DOCUMENTS: &str = "the team shared new documents: fetching and indexing them…";

/// The notice when a team's database stops answering: which, and why.
pub fn team_unreachable(database: &str, reason: &str) -> String {
    format!(
        "the team database ({database}) cannot be reached: reading goes on with this \
         machine's copy; changes are refused until it is back ({reason})"
    )
}

/// What the status line adds after a reindex that took in `written` documents from the team
/// and took out `removed` the team took out.
pub fn from_team(written: usize, removed: usize) -> String {
    match (written, removed) {
        (_, 0) => format!("; {} from the team", documents(written)),
        (0, _) => format!("; {} taken out by the team", documents(removed)),
        _ => format!(
            "; {} from the team, {} taken out by it",
            documents(written),
            documents(removed)
        ),
    }
}

/// What the status line adds when the team's documents could not be followed.
pub fn team_documents_not_followed(error: impl Display) -> String {
    format!("; the team's new documents could not be fetched: {error}")
}

/// The notice when a team's database answers again.
pub fn team_back(database: &str) -> String {
    format!(
        "the team database ({database}) answers again: annotating works, and what the team did meanwhile is shown"
    )
}
pub const NOTHING_TO_REDO: &str = "nothing to redo";
pub const NOTE_SAVED: &str = "note saved · u undoes";
pub const MERGED: &str = "merged · u undoes";
pub const ENTITY_DELETED: &str = "deleted with its mentions · u undoes";
pub const EVIDENCE_UNLINKED: &str = "evidence unlinked · u undoes";
pub const FOLLOW_NOT_OPENED: &str = "; the annotations could not be opened to follow the changes";

/// The status line when the calibration could not be saved at `path`.
pub fn calibration_not_saved(path: impl Display, error: impl Display) -> String {
    format!("could not remember the calibration in {path}: {error}")
}

/// The status line when `:open` names a document the index does not hold.
pub fn no_document(doc: &str) -> String {
    format!("no document {doc:?} in this workspace (tab after :open completes ids)")
}

/// The status line after a reindex: documents in the index, files added, changed, removed
/// and skipped (what the annotations did follows it).
pub fn index_up_to_date(
    documents: usize,
    added: usize,
    changed: usize,
    removed: usize,
    skipped: usize,
) -> String {
    format!(
        "index up to date: {} ({added} new, {changed} changed, {removed} removed files, \
         {skipped} skipped)",
        self::documents(documents)
    )
}

/// What the status line adds after a reindex when the annotations followed the documents.
pub fn annotations_followed(found_again: usize, moved: usize, orphaned: usize) -> String {
    format!(
        "; annotations: {found_again} found again, {moved} moved, {orphaned} orphaned (isnad \
         claim list / entity list name them)"
    )
}

/// What the status line adds after a reindex when the annotations could not follow.
pub fn annotations_not_followed(error: impl Display) -> String {
    format!("; the annotations could not follow the changes: {error}")
}

/// The search pane's error when an `entity:` filter names no entity.
pub fn unknown_entity(error: impl Display) -> String {
    format!("{error} (the entities pane, E, lists them)")
}

/// The status line when `tag:NAME` names a tag no document carries.
pub fn unknown_tag(error: impl Display) -> String {
    format!("{error} (`isnad doc list --json` shows every document's tags)")
}

/// The status line after `:export` wrote `files` at `target`.
pub fn wrote(target: impl Display, files: usize) -> String {
    format!("wrote {target} ({})", self::files(files))
}

/// The status line when the annotation store cannot be opened.
pub fn annotations_unavailable(error: impl Display) -> String {
    format!("annotations are unavailable: {error}")
}

/// The status line after a tag that added nothing: `already` mentions of `name` were.
pub fn nothing_new(already: usize, name: &str) -> String {
    format!(
        "nothing new: {} already tagged as {name}",
        mentions(already)
    )
}

/// The status line after a tag: mentions `added`, and those tagged `already`.
pub fn tagged(name: &str, kind: &str, added: usize, already: usize) -> String {
    let already = if already > 0 {
        format!(" ({already} already were)")
    } else {
        String::new()
    };
    format!(
        "tagged {name} as {kind}: {}{already} · u undoes",
        mentions(added)
    )
}

/// The status line after undo: what was undone (its summary).
pub fn undone(summary: &str) -> String {
    format!("undone: {summary}")
}

/// The status line after redo: what was redone (its summary).
pub fn redone(summary: &str) -> String {
    format!("redone: {summary}")
}

/// The status line after `:rename`.
pub fn renamed(name: &str) -> String {
    format!("renamed to {name} (the old name is an alias now) · u undoes")
}

/// The status line after `:alias`.
pub fn alias_added(alias: &str) -> String {
    format!("alias {alias} added · u undoes")
}

/// The status line after a claim is recorded.
pub fn claim_recorded(id: i64, text: &str) -> String {
    format!("claim {id} recorded: {text} · e links more evidence · u undoes")
}

/// The status line after a passage is linked to a claim with a stance.
pub fn linked(claim: i64, stance: &str) -> String {
    format!("linked to claim {claim} as {stance} · u undoes")
}

/// The status line after `:status`, `:verdict` or `:text`.
pub fn claim_updated(id: i64) -> String {
    format!("claim {id} updated · u undoes")
}

/// The status line after a claim is deleted.
pub fn claim_deleted(id: i64) -> String {
    format!("claim {id} deleted with its evidence · u undoes")
}

// Views: pane titles, pane messages and the overlays' headings.

pub const READING_ANNOTATIONS: &str = "Reading the annotations…";
pub const NO_ENTITIES_PANE: &str = "No entities yet. In the reader: select a name (v and \
     motions), press t, then its type's key; T tags every occurrence.";
pub const NO_CLAIMS_PANE: &str = "No claims yet. In the reader: select a passage (v and \
     motions) and press c; then e links more passages to it.";
pub const NO_CLAIM_MATCHES: &str = "No claim matches (:claims without a query shows all).";
pub const ORPHANED: &str = "orphaned: not found since the document changed";
/// The first appearance of a claim in its evidence list (earliest published date).
pub const FIRST_BADGE: &str = "first";
/// In place of the date of evidence whose document has no readable published date.
pub const UNDATED: &str = "undated";
pub const TAGGED_ALREADY: &str = "tagged already";
pub const MATRIX_TITLE: &str = "Claims × sources: S supports · R refutes · M mentions · · silent";
pub const MORE_BELOW: &str = "↓ more below";
pub const MORE_ABOVE: &str = "↑ more above";

// The mode at the left of the status line, padded: it shows as a block.
pub const MODE_TAG_AS: &str = " TAG AS ";
pub const MODE_STANCE: &str = " STANCE ";
pub const MODE_TAG_ALL: &str = " TAG ALL ";
pub const MODE_COMMAND: &str = " COMMAND ";
pub const MODE_HELP: &str = " HELP ";
pub const MODE_CALIBRATE: &str = " CALIBRATE ";
pub const MODE_MATRIX: &str = " MATRIX ";
pub const MODE_COPIES: &str = " COPIES ";
pub const MODE_CHAIN: &str = " CHAIN ";
pub const HINT_CHAIN: &str = "chain";
pub const HINT_TAG_NAME: &str = "tag the name";
pub const HINT_NEXT_COPY: &str = "next copy";
pub const HINT_COPIES: &str = "copies";

/// Said when `t` is pressed on a piece of evidence attributed to no one.
pub const NOTHING_ATTRIBUTED: &str =
    "no reporting phrase names who this passage is from: pick a piece with a ← line";

/// The chain view's heading.
pub fn chain_title(claim: i64, status: &str, text: &str) -> String {
    format!("Chain of claim {claim} [{status}]: \u{2068}{text}\u{2069}")
}

/// Under a claim whose linked evidence an unlinked origin ran before.
pub fn told_earlier(source: &str, doc: &str, published: &str) -> String {
    format!(
        "\u{2068}{source}\u{2069} ({doc}) ran the passage on {published}, before any linked report, \
         and is not linked: c shows the chain"
    )
}

/// The first appearance's badge where an unlinked origin told the story before it.
pub const FIRST_LINKED_BADGE: &str = "first linked";

/// The chain view's counts.
pub fn chain_counts(sources: usize, pieces: usize) -> String {
    let sources = if sources == 1 {
        "1 independent source".to_owned()
    } else {
        format!("{sources} independent sources")
    };
    let pieces = if pieces == 1 {
        "1 piece".to_owned()
    } else {
        format!("{pieces} pieces")
    };
    format!("{sources} · {pieces} of evidence · oldest first")
}

/// Said when a key that works elsewhere is pressed in the chain or copies view.
pub const OWN_KEYS_ONLY: &str =
    "this view takes its own keys only (the row below): esc closes it, then ? lists every key";

/// Said when a passage opened from the chain view is loaded.
pub const BACK_TO_CHAIN: &str = "C then c: back to the chain";

/// Said when an origin opened from the chain view is loaded with the passage a copy runs
/// selected.
pub fn carried_selected(copy: &str, claim: i64) -> String {
    format!(
        "the passage {copy} runs is selected: e links it to claim {claim} · C then c: back to the chain"
    )
}

/// The chain view of a claim without evidence.
pub const CHAIN_EMPTY: &str =
    "no evidence yet: select a passage in the reader and press e to link it";

/// An independent source's head in the chain view: "Reuters · wire.md · 2024-03-01",
/// "· not linked" when no passage is linked in the origin itself.
pub fn chain_source(source: &str, origin: &str, published: Option<&str>, linked: bool) -> String {
    let mut head = if source == origin {
        format!("\u{2068}{origin}\u{2069}")
    } else {
        format!("\u{2068}{source}\u{2069} · {origin}")
    };
    head.push_str(" · ");
    head.push_str(published.unwrap_or(UNDATED));
    if !linked {
        head.push_str(" · origin, not linked");
    }
    head
}

/// Under an origin nothing is linked in, whose text carries the passages linked in
/// `copies`.
pub fn chain_carries(copies: &[String], earlier: bool) -> String {
    let (what, which) = match copies {
        [one] => ("the passage", one.clone()),
        _ => ("the passages", copies.join(", ")),
    };
    if earlier {
        format!("carries {what} linked in {which}; published before any linked one")
    } else {
        format!("carries {what} linked in {which}")
    }
}

/// A passage in the chain view: "supports · 2024-03-02 · الجزيرة · aj.md · copy".
pub fn chain_piece(
    stance: &str,
    published: Option<&str>,
    source: &str,
    doc: &str,
    (copy, added_to): (bool, Option<&str>),
    orphaned: bool,
) -> String {
    let mut parts = vec![stance.to_owned(), published.unwrap_or(UNDATED).to_owned()];
    if source != doc {
        parts.push(format!("\u{2068}{source}\u{2069}"));
    }
    parts.push(doc.to_owned());
    if copy {
        parts.push("copy".to_owned());
    }
    if let Some(origin) = added_to {
        parts.push(format!("own text, not in {origin}"));
    }
    if orphaned {
        parts.push(ORPHANED.to_owned());
    }
    parts.join(" · ")
}

/// One attribution in the chain view: "← وزارة الصحة (officials, قالت)".
pub fn chain_named(name: &str, kind: &str, phrase: &str) -> String {
    format!("← \u{2068}{name}\u{2069} ({kind}, \u{2068}{phrase}\u{2069})")
}

/// Said when `t` is pressed in the chain view on a source's head.
pub const PICK_A_NAME: &str =
    "t tags a name: pick a passage or one of the ← names under it, not a source";

/// Said when `t` is pressed on a forwarded message's channel.
pub fn not_in_text(name: &str) -> String {
    format!(
        "\u{2068}{name}\u{2069} is the channel the message was forwarded from, not written in \
         its text: nothing there to select"
    )
}

/// Said when a claim asked for is gone (deleted elsewhere).
pub fn no_claim(claim: i64) -> String {
    format!("claim {claim} is gone: deleted since the list was read")
}

/// Said when `=` is pressed on a document that has no copies.
pub fn no_copies(doc: &str) -> String {
    format!("{doc} has no copies: no other document shares most of its text")
}

/// The copies overlay's heading over the origin: "origin · Reuters · 2024-03-01 · wire.md".
pub fn copies_origin(parts: &[&str]) -> String {
    let mut all = vec!["origin"];
    all.extend_from_slice(parts);
    all.iter()
        .map(|p| format!("\u{2068}{p}\u{2069}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Over the copy: "copy 1 of 2 · 88% similar · الجزيرة · 2024-03-02 · aj.md".
pub fn copies_copy(at: usize, of: usize, similarity: f64, parts: &[&str]) -> String {
    let head = format!(
        "copy {} of {of} · {:.0}% similar",
        at + 1,
        similarity * 100.0
    );
    std::iter::once(head)
        .chain(parts.iter().map(|p| format!("\u{2068}{p}\u{2069}")))
        .collect::<Vec<_>>()
        .join(" · ")
}
pub const MODE_FACETS: &str = " FACETS ";
pub const MODE_QUERY: &str = " QUERY ";
pub const MODE_RESULTS: &str = " RESULTS ";
pub const MODE_SELECT: &str = " SELECT ";
pub const MODE_READER: &str = " READER ";
pub const MODE_ENTITIES: &str = " ENTITIES ";
pub const MODE_CLAIMS: &str = " CLAIMS ";

/// The settings at the right of the status line.
pub fn settings(bidi: &str, shaping: bool) -> String {
    format!(
        "bidi {bidi} · shaping {}",
        if shaping { "on" } else { "off" }
    )
}

/// A result's mark in a copy group: on the origin "+3 copies", on a copy "copy of
/// wire.md" (`None` outside any group).
pub fn copies_mark(copies: usize, origin: Option<&str>) -> Option<String> {
    match (copies, origin) {
        (0, _) => None,
        (_, Some(origin)) => Some(format!("copy of {origin}")),
        (1, None) => Some("+1 copy".to_owned()),
        (n, None) => Some(format!("+{n} copies")),
    }
}

/// The status line's progress while reindexing finds the copies among the documents read.
pub fn copies_progress(done: usize, total: usize) -> String {
    format!("finding copies {done}/{total}")
}

/// The status line's progress while reindexing.
pub fn reindexing_progress(done: usize, total: usize) -> String {
    format!("reindexing {done}/{total}")
}

/// The reader's metadata line while the caret is on evidence of claim `id`.
pub fn evidence_of_claim(id: i64, stance: &str, text: &str) -> String {
    format!("evidence of claim {id} ({stance}): {text}")
}

/// The entities pane's title.
pub fn entities_title(entities: usize) -> String {
    format!("Entities · {entities}")
}

/// An entity's counts at the right of its row in the entities pane.
pub fn entity_counts(mentions: usize, docs: usize) -> String {
    format!("{mentions} · {docs} docs")
}

/// The heading of one entity's mentions in the entities pane.
pub fn mentions_heading(name: &str, kind: &str, mentions: usize) -> String {
    format!("{name} ({kind}) · {} · esc: back", self::mentions(mentions))
}

/// The claims pane's title, with the query it is narrowed to.
pub fn claims_title(shown: usize, query: Option<&str>) -> String {
    match query {
        Some(query) => format!("Claims · {shown} matching {query}"),
        None => format!("Claims · {shown}"),
    }
}

/// A claim's counts with copies folded into their origins: the independent sources, the
/// documents, then the independent sources by stance, as [`claim_counts`] gives them.
pub fn independent_counts(
    sources: usize,
    documents: usize,
    (supporting, refuting, mentioning): (usize, usize, usize),
) -> String {
    format!(
        "{}, {}: {}",
        count(sources, "independent source", "independent sources"),
        count(documents, "doc", "docs"),
        by_stance(supporting, refuting, mentioning)
    )
}

/// Who a piece of evidence is attributed to, under it in the claims pane: "← وزارة الصحة
/// (officials) ← …", each name isolated so an Arabic one keeps the line's order.
pub fn attributed(chain: &[crate::attribution::Attribution]) -> String {
    chain
        .iter()
        .map(|a| format!("← \u{2068}{}\u{2069} ({})", a.target, a.kind.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A piece of evidence in a copy whose passage the origin's text lacks: a sentence the
/// copy added, counted as its own outlet's.
pub fn added_to_copy(origin: &str) -> String {
    format!("own text, not in \u{2068}{origin}\u{2069}'s")
}

/// A piece of evidence whose document copies another: whose story it runs.
pub fn copy_of(origin: &str) -> String {
    format!("copy of \u{2068}{origin}\u{2069}")
}

/// A claim's distinct sources by stance, in the claims pane: the total first, then only
/// the stances that have any.
pub fn claim_counts(
    sources: usize,
    supporting: usize,
    refuting: usize,
    mentioning: usize,
) -> String {
    if sources == 0 {
        return "no evidence yet".to_owned();
    }
    format!(
        "{}: {}",
        count(sources, "source", "sources"),
        by_stance(supporting, refuting, mentioning)
    )
}

/// "2 supporting · 1 refuting": only the stances that have any.
fn by_stance(supporting: usize, refuting: usize, mentioning: usize) -> String {
    [
        (supporting, "supporting"),
        (refuting, "refuting"),
        (mentioning, "mentioning"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, stance)| format!("{n} {stance}"))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// A claim's verdict, under it in the claims pane.
pub fn verdict(verdict: &str) -> String {
    format!("verdict: {verdict}")
}

/// The letter of a stance in the claims × sources matrix (as `MATRIX_TITLE` explains).
pub fn stance_letter(stance: Stance) -> char {
    match stance {
        Stance::Supports => 'S',
        Stance::Refutes => 'R',
        Stance::Mentions => 'M',
    }
}

/// The tag-all preview's title: hits accepted of the new ones, in how many documents, and
/// how many were tagged already.
pub fn preview_title(
    name: &str,
    kind: &str,
    accepted: usize,
    new: usize,
    documents: usize,
    tagged: usize,
) -> String {
    let title = format!(
        "Tag all {name} ({kind}): {accepted} of {new} new hits accepted, in {}",
        self::documents(documents)
    );
    if tagged > 0 {
        format!("{title} · {tagged} tagged already")
    } else {
        title
    }
}

/// Where the help overlay is scrolled to, after its title.
pub fn help_position(first: usize, last: usize, total: usize) -> String {
    format!("lines {first}–{last} of {total} (j/k, space, g/G scroll)")
}

// Hints: what a key does, in the row under the status line (`hints.rs`); a few name the
// keys themselves.

pub const HINT_SUPPORTS: &str = "supports";
pub const HINT_REFUTES: &str = "refutes";
pub const HINT_STANCE_MENTIONS: &str = "mentions";
pub const HINT_CANCEL: &str = "cancel";
pub const HINT_CALIBRATE: &str = "the line that reads right";
pub const HINT_LEAVE_AS_IS: &str = "leave as is";
pub const HINT_CLOSE: &str = "close";
/// The keys that cancel choosing an entity type: every key but the types' own.
pub const HINT_OTHER_KEY: &str = "other";
pub const HINT_CANCEL_TAG_ALL: &str = "cancel tagging everywhere";
pub const HINT_SCROLL: &str = "scroll";
pub const HINT_PAGE: &str = "page";
pub const HINT_TOP_END: &str = "top/end";
pub const HINT_RUN: &str = "run";
pub const HINT_COMPLETE: &str = "complete (again: next)";
pub const HINT_HISTORY: &str = "history";
pub const HINT_ACCEPT_REJECT: &str = "accept/reject";
pub const HINT_ACCEPT_ALL: &str = "all";
pub const HINT_REJECT_ALL: &str = "none";
pub const HINT_TAG_ACCEPTED: &str = "tag the accepted";
pub const HINT_MOVE: &str = "move";
pub const HINT_ALL_KEYS: &str = "all keys";
pub const HINT_RESULTS: &str = "results";
pub const HINT_EXACT_STEMS: &str = "exact/stems";
pub const HINT_LEAVE_QUERY: &str = "leave the query";
pub const HINT_NEXT_PANE: &str = "next pane";
/// The keys that start a query from the empty search pane: any letter or digit.
pub const HINT_LETTERS: &str = "letters";
pub const HINT_PICK: &str = "pick";
pub const HINT_EXCLUDE: &str = "exclude";
pub const HINT_CLEAR: &str = "clear";
pub const HINT_FACETS: &str = "facets";
pub const HINT_SORT: &str = "order";
pub const HINT_DOC_TAG: &str = "tag";
pub const HINT_DOC_NOTE: &str = "note";
pub const HINT_DOCUMENTS: &str = "documents";
pub const HINT_TYPE_TO_SEARCH: &str = "type to search";
pub const HINT_ENTITIES: &str = "entities";
pub const HINT_CLAIMS: &str = "claims";
pub const HINT_COMMANDS: &str = "commands";
pub const HINT_OPEN: &str = "open";
pub const HINT_REVIEWED: &str = "reviewed";
pub const HINT_NEXT_UNREVIEWED: &str = "next unreviewed";
pub const HINT_EDIT_QUERY: &str = "edit the query";
pub const HINT_SEARCH: &str = "search";
pub const HINT_EXTEND_BY_WORD: &str = "extend by word";
pub const HINT_TAG: &str = "tag";
pub const HINT_TAG_EVERYWHERE: &str = "tag everywhere";
pub const HINT_NEW_CLAIM: &str = "new claim";
pub const HINT_LINK: &str = "link to the claim";
pub const HINT_COPY: &str = "copy";
pub const HINT_SELECT: &str = "select";
pub const HINT_WORD: &str = "word";
pub const HINT_TAG_WORD: &str = "tag word";
pub const HINT_HITS: &str = "hits";
pub const HINT_MENTIONS: &str = "mentions";
pub const HINT_MENTIONS_OPEN: &str = "mentions/open";
pub const HINT_RENAME: &str = "rename";
pub const HINT_ALIAS: &str = "alias";
pub const HINT_MERGE: &str = "merge";
pub const HINT_FIND_DOCUMENTS: &str = "find documents";
pub const HINT_DELETE: &str = "delete";
pub const HINT_BACK: &str = "back";
pub const HINT_EVIDENCE_OPEN: &str = "evidence/open";
pub const HINT_STATUS: &str = "status";
pub const HINT_VERDICT: &str = "verdict";
pub const HINT_EDIT: &str = "edit";
pub const HINT_UNLINK: &str = "unlink";
pub const HINT_QUIT: &str = "quit";

// Command line: what each `:` command does (the help lists them), and why a line cannot
// be run (status line).

pub const COMMAND_OPEN: &str = "open a document by its id";
pub const COMMAND_BIDI: &str = "who orders right-to-left text";
pub const COMMAND_SHAPING: &str = "join Arabic letters on screen";
pub const COMMAND_THEME: &str = "colours for a light or dark background (auto: ask the terminal)";
pub const COMMAND_EXACT: &str = "exact forms only";
pub const COMMAND_REINDEX: &str = "bring the index up to date with the corpus";
pub const COMMAND_CALIBRATE: &str = "find the right bidi and shaping for this terminal";
pub const COMMAND_ENTITIES: &str = "the entities pane";
pub const COMMAND_UNDO: &str = "undo the last change to the annotations";
pub const COMMAND_REDO: &str = "redo the change undone last";
pub const COMMAND_RENAME: &str = "rename the selected entity";
pub const COMMAND_ALIAS: &str = "add an alias to the selected entity";
pub const COMMAND_MERGE: &str = "merge the selected entity into ENTITY";
pub const COMMAND_NOTE: &str = "note on the selected entity or document (empty clears)";
pub const COMMAND_TAG: &str = "tag the document at hand (# starts it; Tab completes)";
pub const COMMAND_UNTAG: &str = "take tags off the document at hand";
pub const COMMAND_CLAIM: &str = "record a claim (c starts one from the selection)";
pub const COMMAND_CLAIMS: &str = "the claims pane, narrowed to those matching QUERY";
pub const COMMAND_STATUS: &str = "the selected claim's status";
pub const COMMAND_VERDICT: &str = "the selected claim's verdict";
pub const COMMAND_TEXT: &str = "the selected claim's text";
pub const COMMAND_MATRIX: &str = "claims against sources: who supports, refutes, mentions";
pub const COMMAND_EXPORT: &str = "write the annotations out (default: exports/ in the workspace)";
pub const COMMAND_HELP: &str = "the keys";
pub const COMMAND_QUIT: &str = "leave (also :q)";
pub const COMMAND_Q: &str = "leave";
pub const TYPE_A_COMMAND: &str =
    "type a command: :open, :bidi, :shaping, :exact, :reindex, :calibrate, :q";

/// The status line when a command's argument is missing or wrong: what `:name` takes.
pub fn takes(name: &str, args: &str) -> String {
    format!(":{name} takes {args}")
}

/// The status line when `:open` has no document id (`takes` says what it takes).
pub fn open_takes(takes: &str) -> String {
    format!("{takes} (tab completes ids)")
}

/// The status line when a command that takes no argument is given one.
pub fn takes_no_argument(name: &str) -> String {
    format!(":{name} takes no argument")
}

/// The status line when no command is called `name`, but `near` is spelt nearly so.
pub fn no_command_near(name: &str, near: &str) -> String {
    format!("no command :{name}; did you mean :{near}? (:help lists them)")
}

/// The status line when no command is called `name`.
pub fn no_command(name: &str) -> String {
    format!("no command :{name}; :help lists the commands")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_are_singular() {
        assert_eq!(copied(1), "copied 1 character (logical order)");
        assert_eq!(copied(2), "copied 2 characters (logical order)");
        assert!(index_up_to_date(1, 1, 0, 0, 0).starts_with("index up to date: 1 document ("));
        assert_eq!(claims_match(1, "x"), "1 claim matches x");
        assert_eq!(claims_match(3, "x"), "3 claims match x");
        assert_eq!(all_claims(1), "the one claim");
        assert_eq!(
            mentions_heading("a", "PER", 1),
            "a (PER) · 1 mention · esc: back"
        );
        assert_eq!(tag_all_summary("a", "PER", 1), "tag all a (PER): 1 mention");
    }
}
