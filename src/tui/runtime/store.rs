//! The store thread: it owns the annotation store, performs `StoreAction`s in order, and
//! answers with a status message and the new state (entities, the open document's
//! mentions). Between actions it watches for changes made by other processes (the command
//! line, a second workbench) and sends the new state when there are some.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crate::store::{NewEntity, Status, Store, StoreError};
use crate::team::TeamError;
use crate::tui::msg::{ClaimAction, Msg, StoreAction};
use crate::tui::strings;
use crate::workspace::Workspace;

/// How often the store is checked for changes made elsewhere.
const WATCH: Duration = Duration::from_millis(500);

/// How often a team's copy looks for the team's changes: a notification from the database
/// is read at the next look, so another member's change shows within a second.
const WATCH_TEAM: Duration = Duration::from_millis(200);

/// What the thread keeps sending fresh state about.
#[derive(Default)]
struct Watching {
    doc: Option<String>,
    entity: Option<i64>,
}

/// The store and what the app is looking at: performs actions and says what to send back.
/// The thread runs one; tests drive one directly.
pub struct StoreWorker {
    store: Store,
    watching: Watching,
}

impl StoreWorker {
    pub fn new(store: Store) -> StoreWorker {
        StoreWorker {
            store,
            watching: Watching::default(),
        }
    }

    /// The store it keeps, to read.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The messages that answer `action`: a read's answer, or a change's status message
    /// followed by the new state.
    pub fn handle(&mut self, action: StoreAction) -> Vec<Msg> {
        let mut out = Vec::new();
        match perform(&mut self.store, action, &mut self.watching, &mut out) {
            Ok(Some(message)) => {
                out.push(Msg::Stored(Ok(message)));
                out.extend(self.state());
            }
            Ok(None) => {}
            Err(error) => {
                out.push(Msg::Stored(Err(error.to_string())));
                // Refused for a change another member made meanwhile: show what it is now.
                let conflict = matches!(error, StoreError::Team(TeamError::Conflict { .. }))
                    && self.store.sync().is_ok();
                if conflict || matches!(error, StoreError::ChangedMeanwhile { .. }) {
                    out.extend(self.state());
                }
            }
        }
        out
    }

    /// In a team: catches up with the other members' changes, and says when the team's
    /// database stops or starts answering (`offline` is what was last said). The messages to
    /// send.
    pub fn follow_team(&mut self, offline: &mut bool) -> Vec<Msg> {
        match self.store.follow_team() {
            Ok(news) => {
                let mut out = Vec::new();
                if std::mem::take(offline) {
                    out.push(Msg::Notice(strings::team_back(
                        self.store.team_database().unwrap_or_default(),
                    )));
                    // What happened while it was away.
                    let _ = self.store.sync();
                    out.extend(self.state());
                } else if news.annotations {
                    out.extend(self.state());
                }
                if news.documents_waiting {
                    out.push(Msg::TeamDocuments);
                }
                out
            }
            Err(error) if !*offline => {
                *offline = true;
                vec![Msg::Notice(match error {
                    StoreError::Team(TeamError::Offline { database, reason }) => {
                        strings::team_unreachable(&database, &reason)
                    }
                    other => other.to_string(),
                })]
            }
            Err(_) => Vec::new(),
        }
    }

    /// The entities, the watched document's mentions and the watched entity's mentions.
    pub fn state(&self) -> Vec<Msg> {
        let (store, watching) = (&self.store, &self.watching);
        let state = || -> Result<Vec<Msg>, StoreError> {
            let mut out = vec![Msg::Entities(store.entities()?)];
            let mut claims = Vec::new();
            for claim in store.claims()? {
                let evidence = store.evidence(claim.id)?;
                claims.push((claim, evidence));
            }
            out.push(Msg::Claims(claims));
            out.push(Msg::DocNotes(store.doc_notes()?));
            if let Some(doc) = &watching.doc {
                out.push(Msg::Mentions {
                    doc: doc.clone(),
                    mentions: store.mentions_in(doc)?,
                });
            }
            if let Some(entity) = watching.entity {
                out.push(Msg::EntityMentions {
                    entity,
                    mentions: store.mentions(entity)?,
                });
            }
            Ok(out)
        };
        state().unwrap_or_else(|error| vec![Msg::Stored(Err(error.to_string()))])
    }
}

/// Runs until the app stops sending actions.
pub fn run(
    workspace: &Workspace,
    actions: &Receiver<StoreAction>,
    messages: &Sender<Msg>,
    pending: &AtomicUsize,
) {
    let store = match workspace.open_store() {
        Ok(store) => store,
        Err(error) => {
            let message = strings::annotations_unavailable(error);
            let _ = messages.send(Msg::Stored(Err(message.clone())));
            // Answer every action with the reason, so nothing waits.
            while actions.recv().is_ok() {
                let _ = messages.send(Msg::Stored(Err(message.clone())));
                pending.fetch_sub(1, Ordering::SeqCst);
            }
            return;
        }
    };
    let mut seen = store.version().unwrap_or_default();
    let full = store.read_only_on_full_disk();
    let team = store.is_team();
    let watch = if team { WATCH_TEAM } else { WATCH };
    let mut offline = false;
    let mut worker = StoreWorker::new(store);
    let deliver = |out: Vec<Msg>| out.into_iter().try_for_each(|msg| messages.send(msg));
    if deliver(worker.state()).is_err() {
        return;
    }
    if full {
        let _ = messages.send(Msg::Notice(strings::DISK_FULL.to_owned()));
    }
    if team && deliver(worker.follow_team(&mut offline)).is_err() {
        return;
    }
    loop {
        match actions.recv_timeout(watch) {
            Ok(action) => {
                let sent = deliver(worker.handle(action));
                pending.fetch_sub(1, Ordering::SeqCst);
                if sent.is_err() {
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                if team && deliver(worker.follow_team(&mut offline)).is_err() {
                    return;
                }
                let now = worker.store.version().unwrap_or(seen);
                if now != seen {
                    seen = now;
                    if deliver(worker.state()).is_err() {
                        return;
                    }
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Does one action; a change answers with its status message (then the state is sent),
/// a read answers directly and returns `None`.
fn perform(
    store: &mut Store,
    action: StoreAction,
    watching: &mut Watching,
    out: &mut Vec<Msg>,
) -> Result<Option<String>, StoreError> {
    let message = match action {
        StoreAction::Mentions { doc } => {
            let mentions = store.mentions_in(&doc)?;
            watching.doc = Some(doc.clone());
            out.push(Msg::Mentions { doc, mentions });
            return Ok(None);
        }
        StoreAction::EntityMentions { entity } => {
            let mentions = store.mentions(entity)?;
            watching.entity = Some(entity);
            out.push(Msg::EntityMentions { entity, mentions });
            return Ok(None);
        }
        StoreAction::Tag {
            name,
            kind,
            aliases,
            mentions,
            summary,
        } => {
            let tagged = store.tag(
                &NewEntity {
                    name: &name,
                    kind: &kind,
                    aliases: &aliases,
                    note: "",
                },
                &mentions,
                &summary,
            )?;
            if tagged.added == 0 && tagged.aliases_added == 0 && !tagged.created {
                strings::nothing_new(tagged.already, &name)
            } else {
                strings::tagged(&name, &kind, tagged.added, tagged.already)
            }
        }
        StoreAction::Undo => store.undo()?.map_or_else(
            || strings::NOTHING_TO_UNDO.to_owned(),
            |s| strings::undone(&s),
        ),
        StoreAction::Redo => store.redo()?.map_or_else(
            || strings::NOTHING_TO_REDO.to_owned(),
            |s| strings::redone(&s),
        ),
        StoreAction::Rename { id, name, seen } => {
            match seen {
                Some(seen) => store.rename_entity_seen(id, &seen, &name)?,
                None => store.rename_entity(id, &name)?,
            }
            strings::renamed(&name)
        }
        StoreAction::AddAlias { id, alias } => {
            store.add_alias(id, &alias)?;
            strings::alias_added(&alias)
        }
        StoreAction::Note { id, note } => {
            store.set_note(id, &note)?;
            strings::NOTE_SAVED.to_owned()
        }
        StoreAction::Claim(action) => perform_claim(store, action, out)?,
        StoreAction::Review { doc, reviewed } => {
            if store.set_reviewed(&doc, reviewed)? {
                strings::marked_reviewed(&doc, reviewed)
            } else {
                strings::already_reviewed(&doc, reviewed)
            }
        }
        StoreAction::TagDoc { doc, tags, remove } => {
            let retagged = if remove {
                store.untag_doc(&doc, &tags)?
            } else {
                store.tag_doc(&doc, &tags)?
            };
            strings::retagged(&doc, &retagged, remove)
        }
        StoreAction::DocNote { doc, note } => {
            if store.set_doc_text(&doc, &note)? {
                strings::doc_note_saved(&doc, note.trim().is_empty())
            } else {
                strings::doc_note_unchanged(&doc)
            }
        }
        StoreAction::Merge { from, into } => {
            store.merge(from, into)?;
            if watching.entity == Some(from) {
                watching.entity = Some(into);
            }
            strings::MERGED.to_owned()
        }
        StoreAction::Delete { id } => {
            store.delete_entity(id)?;
            if watching.entity == Some(id) {
                watching.entity = None;
            }
            strings::ENTITY_DELETED.to_owned()
        }
    };
    Ok(Some(message))
}

/// The claim actions of `perform`.
fn perform_claim(
    store: &mut Store,
    action: ClaimAction,
    out: &mut Vec<Msg>,
) -> Result<String, StoreError> {
    Ok(match action {
        ClaimAction::Add { text, evidence } => {
            let passage = evidence
                .as_ref()
                .map(|(doc, anchor)| (doc.as_str(), anchor));
            let id = store.add_claim_from(&text, Status::Unverified, passage)?;
            out.push(Msg::ClaimCreated(id));
            strings::claim_recorded(id, &text)
        }
        ClaimAction::Link {
            claim,
            doc,
            anchor,
            stance,
        } => {
            store.link(claim, &doc, &anchor, stance, "")?;
            strings::linked(claim, stance.as_str())
        }
        ClaimAction::Unlink { evidence } => {
            store.unlink(evidence)?;
            strings::EVIDENCE_UNLINKED.to_owned()
        }
        ClaimAction::Update {
            id,
            text,
            status,
            verdict,
            seen,
        } => {
            match &seen {
                Some(seen) => {
                    store.update_claim_seen(seen, text.as_deref(), status, verdict.as_deref())?;
                }
                None => store.update_claim(id, text.as_deref(), status, verdict.as_deref())?,
            }
            strings::claim_updated(id)
        }
        ClaimAction::Delete { id } => {
            store.delete_claim(id)?;
            strings::claim_deleted(id)
        }
    })
}
