//! The store thread: it owns the annotation store, performs `StoreAction`s in order, and
//! answers with a status message and the new state (entities, the open document's
//! mentions). Between actions it watches for changes made by other processes (the command
//! line, a second workbench) and sends the new state when there are some.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crate::store::{NewEntity, Status, Store, StoreError};
use crate::tui::msg::{ClaimAction, Msg, StoreAction};
use crate::tui::strings;
use crate::workspace::Workspace;

/// How often the store is checked for changes made elsewhere.
const WATCH: Duration = Duration::from_millis(500);

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
            Err(error) => out.push(Msg::Stored(Err(error.to_string()))),
        }
        out
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
            let message = format!("annotations are unavailable: {error}");
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
    let mut worker = StoreWorker::new(store);
    let deliver = |out: Vec<Msg>| out.into_iter().try_for_each(|msg| messages.send(msg));
    if deliver(worker.state()).is_err() {
        return;
    }
    if full {
        let _ = messages.send(Msg::Notice(
            "the disk holding the annotation store is full: annotations are shown, but no \
             change can be made until some space is freed (`df -h` lists the disks)"
                .to_owned(),
        ));
    }
    loop {
        match actions.recv_timeout(WATCH) {
            Ok(action) => {
                let sent = deliver(worker.handle(action));
                pending.fetch_sub(1, Ordering::SeqCst);
                if sent.is_err() {
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
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
                format!(
                    "nothing new: {} already tagged as {name}",
                    strings::count(tagged.already, "mention", "mentions")
                )
            } else {
                let mut message = format!(
                    "tagged {name} as {kind}: {}",
                    strings::count(tagged.added, "mention", "mentions")
                );
                if tagged.already > 0 {
                    let _ = write!(message, " ({} already were)", tagged.already);
                }
                message.push_str(" · u undoes");
                message
            }
        }
        StoreAction::Undo => store
            .undo()?
            .map_or_else(|| "nothing to undo".to_owned(), |s| format!("undone: {s}")),
        StoreAction::Redo => store
            .redo()?
            .map_or_else(|| "nothing to redo".to_owned(), |s| format!("redone: {s}")),
        StoreAction::Rename { id, name } => {
            store.rename_entity(id, &name)?;
            format!("renamed to {name} (the old name is an alias now) · u undoes")
        }
        StoreAction::AddAlias { id, alias } => {
            store.add_alias(id, &alias)?;
            format!("alias {alias} added · u undoes")
        }
        StoreAction::Note { id, note } => {
            store.set_note(id, &note)?;
            "note saved · u undoes".to_owned()
        }
        StoreAction::Claim(action) => perform_claim(store, action, out)?,
        StoreAction::Merge { from, into } => {
            store.merge(from, into)?;
            if watching.entity == Some(from) {
                watching.entity = Some(into);
            }
            "merged · u undoes".to_owned()
        }
        StoreAction::Delete { id } => {
            store.delete_entity(id)?;
            if watching.entity == Some(id) {
                watching.entity = None;
            }
            "deleted with its mentions · u undoes".to_owned()
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
            format!("claim {id} recorded: {text} · e links more evidence · u undoes")
        }
        ClaimAction::Link {
            claim,
            doc,
            anchor,
            stance,
        } => {
            store.link(claim, &doc, &anchor, stance, "")?;
            format!("linked to claim {claim} as {} · u undoes", stance.as_str())
        }
        ClaimAction::Unlink { evidence } => {
            store.unlink(evidence)?;
            "evidence unlinked · u undoes".to_owned()
        }
        ClaimAction::Update {
            id,
            text,
            status,
            verdict,
        } => {
            store.update_claim(id, text.as_deref(), status, verdict.as_deref())?;
            format!("claim {id} updated · u undoes")
        }
        ClaimAction::Delete { id } => {
            store.delete_claim(id)?;
            format!("claim {id} deleted with its evidence · u undoes")
        }
    })
}
