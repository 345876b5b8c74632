//! Who may do what, as the remote sees it: granting team roles, listing the members, and
//! saying in words why the database refused a change (see `team::roles` for the rules).

use postgres::Transaction;

use super::{Remote, TeamError};
use crate::team::roles::{self, TeamRole};
use crate::team::schema;

/// The members of a team: who made it, and each role with its team role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Members {
    /// The role that made the team and owns its tables (it may do anything).
    pub owner: String,
    /// Each member role and its team role (the highest, if it was given several), by name.
    pub members: Vec<(String, TeamRole)>,
}

impl Remote {
    /// Makes `member` (a role the database's administrator made) a member of the team with
    /// `role`, taking back the other team roles it had. Only a team admin or the team's
    /// owner may; the member must exist.
    pub fn grant(&mut self, member: &str, role: TeamRole) -> Result<(), TeamError> {
        self.require_roles()?;
        let sql = format!("SELECT {}($1, $2)", roles::grant_function(&self.schema));
        let client = self.client()?;
        match client.execute(&sql, &[&member, &role.word()]) {
            Ok(_) => Ok(()),
            Err(error) => Err(self.failed(&error)),
        }
    }

    /// The team's members.
    pub fn members(&mut self) -> Result<Members, TeamError> {
        self.require_roles()?;
        let schema = self.schema.clone();
        let names: Vec<String> = TeamRole::ALL
            .iter()
            .filter_map(|role| role.role_name(&schema))
            .collect();
        let client = self.client()?;
        let outcome = (|| -> Result<Members, postgres::Error> {
            let owner: String = client
                .query_one(
                    "SELECT pg_catalog.pg_get_userbyid(nspowner)::text \
                     FROM pg_catalog.pg_namespace WHERE nspname = $1",
                    &[&schema],
                )?
                .get(0);
            let mut members: Vec<(String, TeamRole)> = Vec::new();
            for row in client.query(
                "SELECT r.rolname::text, g.rolname::text FROM pg_catalog.pg_auth_members m \
                 JOIN pg_catalog.pg_roles r ON r.oid = m.member \
                 JOIN pg_catalog.pg_roles g ON g.oid = m.roleid \
                 WHERE g.rolname::text = ANY($1) AND NOT r.rolname::text = ANY($1) \
                 ORDER BY 1",
                &[&names],
            )? {
                let member: String = row.get(0);
                let group: String = row.get(1);
                let Some(role) = TeamRole::ALL
                    .into_iter()
                    .find(|role| role.role_name(&schema).as_deref() == Some(group.as_str()))
                else {
                    continue;
                };
                match members.last_mut() {
                    Some((last, highest)) if *last == member => *highest = (*highest).max(role),
                    _ => members.push((member, role)),
                }
            }
            Ok(Members { owner, members })
        })();
        outcome.map_err(|error| self.failed(&error))
    }

    /// The role this connection logs in as, and its team role (`None`: none; the owner has
    /// none and may do anything).
    pub fn whoami(&mut self) -> Result<(String, Option<TeamRole>), TeamError> {
        self.client()?;
        let role = self.role().unwrap_or_else(|| "?".to_owned());
        Ok((role, self.team_role()))
    }

    /// A team made before team roles existed must be upgraded by its owner first.
    fn require_roles(&mut self) -> Result<(), TeamError> {
        self.client()?;
        let found = self.schema_version()?;
        if found < schema::current() {
            return Err(TeamError::Older {
                database: self.database.clone(),
                schema: self.schema.clone(),
                found,
            });
        }
        Ok(())
    }

    /// The highest team role of the connection's role, if it has one.
    fn team_role(&mut self) -> Option<TeamRole> {
        let schema = self.schema.clone();
        let client = self.client.as_mut()?;
        let mut highest = None;
        for role in TeamRole::ALL {
            let name = role.role_name(&schema)?;
            let member = client
                .query_one(
                    "SELECT COALESCE((SELECT pg_catalog.pg_has_role(oid, 'MEMBER') \
                     FROM pg_catalog.pg_roles WHERE rolname = $1), false)",
                    &[&name],
                )
                .ok()?
                .get::<_, bool>(0);
            if member {
                highest = Some(role);
            }
        }
        highest
    }

    /// Why `role` was refused, in words, from what PostgreSQL `said`.
    pub(super) fn refusal(&mut self, role: &str, said: &str) -> String {
        match self.team_role() {
            Some(TeamRole::Reader) => format!(
                "{role} is a reader of the team, and readers change nothing (PostgreSQL said: \
                 {said}); a team admin can make {role} an annotator: `isnad team grant {role} \
                 annotator`"
            ),
            Some(TeamRole::Annotator) => format!(
                "{role} is an annotator of the team, and this needs a team admin (PostgreSQL \
                 said: {said})"
            ),
            Some(TeamRole::Admin) => format!(
                "{role} is an admin of the team, and PostgreSQL still said: {said}; the team's \
                 owner may need to run `isnad team init` on it again to upgrade it"
            ),
            None => format!(
                "{role} has no role in the team (PostgreSQL said: {said}); a team admin can \
                 give it one: `isnad team grant {role} reader|annotator|admin`"
            ),
        }
    }
}

/// When row `id` of `table` exists but could not be locked for a change, the refusal of
/// row-level security (see `team::roles`): a document note made by another role. `None`
/// when the row is truly gone. Works on a team of any version (`created_role` is read
/// through `to_jsonb`, which has no column to miss).
pub(super) fn hidden_by_policy(
    tx: &mut Transaction<'_>,
    schema: &str,
    table: &str,
    id: i64,
) -> Result<Option<TeamError>, postgres::Error> {
    if table != "doc_note" {
        return Ok(None);
    }
    let row = tx.query_opt(
        &format!(
            "SELECT to_jsonb(t) ->> 'created_role', t.doc, current_user::text \
             FROM {schema}.doc_note t WHERE t.id = $1"
        ),
        &[&id],
    )?;
    Ok(row.and_then(|row| {
        let maker: Option<String> = row.get(0);
        let doc: String = row.get(1);
        let role: String = row.get(2);
        maker.map(|maker| TeamError::NotAllowed {
            reason: format!(
                "the note on document {doc} was made by {maker}; only {maker} or a team admin \
                 can change it (you are {role})"
            ),
            role,
        })
    }))
}
