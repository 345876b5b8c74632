//! Team mode beside the plain store: the same changes made in a store that is a copy of a
//! team database in PostgreSQL (pushed in a transaction of its own before the local commit)
//! and in a plain `SQLite` store, alternating run by run. Tagging an entity at 10,000 places,
//! linking one passage to a claim, and a change reaching another workbench: through the
//! team's feed (LISTEN/NOTIFY as wake-up) or through a second connection to the same store
//! file (`Store::version`, `SQLite`'s `data_version`). A Markdown table of medians and 99th
//! percentiles.
//!
//! Everything is made in a schema of its own (`isnad_bench_<pid>`), dropped at the end, and
//! in temporary files.

use std::fmt::Write;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use isnad::store::{Anchor, NewEntity, Stance, Status, Store};
use isnad::team::connect::Target;

use super::latency::percentiles;

/// How many times each operation is timed unless `--runs` says otherwise.
const TAG_RUNS: usize = 10;
const LINK_RUNS: usize = 200;
const REACH_RUNS: usize = 100;

/// How long the other workbench waits between two looks here: short, to time the mechanism
/// rather than the period (the workbench's own periods are added in the note below the table).
const LOOK_EVERY: Duration = Duration::from_millis(1);

/// The workbench's periods (`tui::runtime::store`): a team's copy looks every 200 ms, a plain
/// store's `data_version` every 500 ms.
const WORKBENCH_TEAM_MS: f64 = 200.0;
const WORKBENCH_PLAIN_MS: f64 = 500.0;

/// A change elsewhere not seen within this long is a failure, not a sample.
const GIVE_UP: Duration = Duration::from_secs(30);

/// What `isnad-bench team` was asked for.
pub struct Options<'a> {
    pub database: Option<&'a str>,
    /// Timed runs of every operation; `None`: each its own default.
    pub runs: Option<usize>,
    pub mentions: usize,
    /// Documents one member shares and another's index follows (0: not measured).
    pub documents: usize,
    /// The hunspell word list the generated documents draw on.
    pub words: &'a Path,
}

/// What to do without `--database`.
const NO_DATABASE: &str = "--database is missing: give a PostgreSQL URL \
    (postgres://USER@HOST:PORT/DATABASE; the password from PGPASSWORD or the pgpass file \
    PGPASSFILE names, as libpq). A throwaway server on this machine: \
    d=$(mktemp -d); eval \"$(tests/pg-cluster start $d)\"; then \
    PGPASSFILE=$ISNAD_TEST_PGPASSFILE isnad-bench team --database $ISNAD_TEST_PG, \
    and tests/pg-cluster stop $d when done";

pub fn run(options: &Options<'_>) -> Result<String> {
    let Some(database) = options.database else {
        bail!(NO_DATABASE);
    };
    let schema = format!("isnad_bench_{}", std::process::id());
    let target = Target::parse(database).with_context(|| format!("--database {database}"))?;
    isnad::team::remote(database, &schema)?
        .create()
        .with_context(|| format!("making a team in schema {schema}"))?;
    let dropped = DropSchema {
        target: &target,
        schema: &schema,
    };
    let dir = tempfile::tempdir().context("a temporary folder for the stores")?;
    let mut table = measure(options, database, &schema, dir.path())?;
    if options.documents > 0 {
        table.push_str(&follow_documents(options, database, &schema, dir.path())?);
    }
    drop(dropped);
    Ok(format!(
        "PostgreSQL {} (schema {schema}, dropped), SQLite store in {}\n\n{table}",
        target.describe(),
        std::env::temp_dir().display()
    ))
}

/// Drops the benchmark's schema when the run ends, however it ends.
struct DropSchema<'a> {
    target: &'a Target,
    schema: &'a str,
}

impl Drop for DropSchema<'_> {
    fn drop(&mut self) {
        let dropped = self
            .target
            .connect()
            .map_err(|e| e.to_string())
            .and_then(|mut c| {
                c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema))
                    .map_err(|e| e.to_string())
            });
        if let Err(error) = dropped {
            eprintln!(
                "isnad-bench: could not drop schema {}: {error}; drop it by hand",
                self.schema
            );
        }
    }
}

/// One side: the store changes are made in.
struct Side {
    name: &'static str,
    a: Store,
}

/// How another workbench opens the same annotations as a side's store.
type OpenOther = Box<dyn Fn() -> Result<Store> + Send + Sync>;

fn measure(options: &Options<'_>, database: &str, schema: &str, dir: &Path) -> Result<String> {
    let plain = dir.join("plain.sqlite");
    let plain_b = plain.clone();
    let mut sqlite = Side {
        name: "SQLite",
        a: Store::open(&plain, "amal")?,
    };
    let mut postgres = Side {
        name: "PostgreSQL",
        a: Store::open_team(
            &dir.join("a.sqlite"),
            "amal",
            isnad::team::remote(database, schema)?,
        )?,
    };
    let (spec, schema_b, copy_b) = (database.to_owned(), schema.to_owned(), dir.join("b.sqlite"));
    let others: [OpenOther; 2] = [
        Box::new(move || Ok(Store::open(&plain_b, "badr")?)),
        Box::new(move || {
            let remote = isnad::team::remote(&spec, &schema_b)?;
            Ok(Store::open_team(&copy_b, "badr", remote)?)
        }),
    ];
    let runs = |default: usize| options.runs.unwrap_or(default).max(1);
    let mentions = mentions(options.mentions);
    let mut out = String::new();
    writeln!(
        out,
        "| operation | SQLite p50 ms | p99 ms | PostgreSQL p50 ms | p99 ms | PostgreSQL / SQLite (p50) |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|")?;

    let tag = side_by_side(runs(TAG_RUNS), &mut sqlite, &mut postgres, |side, run| {
        let name = format!("entity {run}");
        let entity = NewEntity {
            name: &name,
            kind: "person",
            aliases: &[],
            note: "",
        };
        let start = Instant::now();
        let tagged = side.a.tag(&entity, &mentions, "tag all")?;
        let took = start.elapsed();
        if tagged.added != mentions.len() {
            bail!(
                "{}: {} mentions added of {}",
                side.name,
                tagged.added,
                mentions.len()
            );
        }
        Ok(took)
    })?;
    row(
        &mut out,
        &format!("tag all: {} mentions, one step", mentions.len()),
        tag,
    )?;

    let claims = [
        sqlite
            .a
            .add_claim("a claim to link to", Status::Unverified)?,
        postgres
            .a
            .add_claim("a claim to link to", Status::Unverified)?,
    ];
    let link = side_by_side(runs(LINK_RUNS), &mut sqlite, &mut postgres, |side, run| {
        let claim = if side.name == "SQLite" {
            claims[0]
        } else {
            claims[1]
        };
        let quote = format!("المقطع {run}");
        let doc = format!("linked-{run:06}");
        let start = Instant::now();
        side.a
            .link(claim, &doc, &anchor(&quote), Stance::Supports, "")?;
        Ok(start.elapsed())
    })?;
    row(&mut out, "`claim link`: one passage", link)?;

    let reach = reach(runs(REACH_RUNS), &mut sqlite, &mut postgres, &others)?;
    row(
        &mut out,
        "a change reaching another workbench (looking every 1 ms)",
        reach,
    )?;
    let [(sqlite50, sqlite99), (postgres50, postgres99)] = reach;
    writeln!(
        out,
        "\nWith the workbench's own periods a user sees up to one period more: a team's copy \
         looks every {WORKBENCH_TEAM_MS:.0} ms, so about {:.0} ms typically (p50 plus half a \
         period) and {:.0} ms at worst but one in a hundred (p99 plus a period); a plain store \
         every {WORKBENCH_PLAIN_MS:.0} ms, so {:.0} and {:.0} ms.",
        postgres50 + WORKBENCH_TEAM_MS / 2.0,
        postgres99 + WORKBENCH_TEAM_MS,
        sqlite50 + WORKBENCH_PLAIN_MS / 2.0,
        sqlite99 + WORKBENCH_PLAIN_MS,
    )?;
    Ok(out)
}

/// One row of the table.
fn row(out: &mut String, what: &str, [sqlite, postgres]: [(f64, f64); 2]) -> Result<()> {
    let ratio = postgres.0 / sqlite.0.max(f64::MIN_POSITIVE);
    writeln!(
        out,
        "| {what} | {:.2} | {:.2} | {:.2} | {:.2} | {ratio:.1}× |",
        sqlite.0, sqlite.1, postgres.0, postgres.1
    )?;
    Ok(())
}

/// Times `run` on both sides, alternating which goes first, after one untimed run each:
/// the p50 and p99 of each side in milliseconds, `SQLite`'s first.
fn side_by_side(
    runs: usize,
    sqlite: &mut Side,
    postgres: &mut Side,
    mut run: impl FnMut(&mut Side, usize) -> Result<Duration>,
) -> Result<[(f64, f64); 2]> {
    let (mut plain, mut team) = (Vec::new(), Vec::new());
    let ms = |took: Duration| took.as_secs_f64() * 1e3;
    for n in 0..=runs {
        let (first, second) = if n % 2 == 0 {
            (run(sqlite, n)?, run(postgres, n)?)
        } else {
            let team_took = run(postgres, n)?;
            (run(sqlite, n)?, team_took)
        };
        // Run 0 warms both up: statements prepared, the connection made, ids taken.
        if n > 0 {
            plain.push(ms(first));
            team.push(ms(second));
        }
    }
    Ok([percentiles(plain), percentiles(team)])
}

/// Mentions in `count` synthetic documents, one each, as `isnad tag --all` finds them.
fn mentions(count: usize) -> Vec<(String, Anchor)> {
    (0..count)
        .map(|n| (format!("doc-{n:06}"), anchor("محمد بن سلمان")))
        .collect()
}

fn anchor(quote: &str) -> Anchor {
    Anchor {
        byte_start: 120,
        byte_end: 120 + quote.len(),
        quote: quote.to_owned(),
        prefix: "قال ولي العهد السعودي ".to_owned(),
        suffix: " في مؤتمر صحفي".to_owned(),
        doc_hash: "0123456789abcdef".to_owned(),
    }
}

/// A claim's status set by `a`, timed until another workbench (`b`, on a thread of its own
/// as the workbench's store thread is) has it in its copy.
fn reach(
    runs: usize,
    sqlite: &mut Side,
    postgres: &mut Side,
    others: &[OpenOther; 2],
) -> Result<[(f64, f64); 2]> {
    let claims = [
        sqlite
            .a
            .add_claim("a claim others watch", Status::Unverified)?,
        postgres
            .a
            .add_claim("a claim others watch", Status::Unverified)?,
    ];
    std::thread::scope(|scope| {
        let watchers = [
            Watcher::start(scope, others[0].as_ref(), claims[0])?,
            Watcher::start(scope, others[1].as_ref(), claims[1])?,
        ];
        side_by_side(runs, sqlite, postgres, |side, n| {
            let (watcher, claim) = if side.name == "SQLite" {
                (&watchers[0], claims[0])
            } else {
                (&watchers[1], claims[1])
            };
            let status = if n % 2 == 0 {
                Status::Supported
            } else {
                Status::Refuted
            };
            watcher.arm(status)?;
            let start = Instant::now();
            side.a.update_claim(claim, None, Some(status), None)?;
            let seen = watcher.seen()?;
            Ok(seen.saturating_duration_since(start))
        })
    })
}

/// Another workbench on a thread of its own, looking for a claim's status on request.
struct Watcher {
    arm: mpsc::Sender<Status>,
    armed: mpsc::Receiver<Result<Instant, String>>,
}

impl Watcher {
    /// Opens the other workbench's store on its thread and catches it up with everything
    /// made so far (untimed).
    fn start<'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        open: &'scope (dyn Fn() -> Result<Store> + Send + Sync),
        claim: i64,
    ) -> Result<Watcher> {
        let (arm, requests) = mpsc::channel::<Status>();
        let (answer, armed) = mpsc::channel();
        scope.spawn(move || {
            let watch = || -> Result<()> {
                let mut store = open()?;
                store.sync()?;
                // The first look starts listening.
                store.follow_team()?;
                answer.send(Ok(Instant::now()))?;
                while let Ok(status) = requests.recv() {
                    // What a plain store has seen is read before the change can be made.
                    let seen_version = store.version()?;
                    answer.send(Ok(Instant::now()))?;
                    let seen = wait_for(&mut store, seen_version, claim, status)?;
                    answer.send(Ok(seen))?;
                }
                Ok(())
            };
            if let Err(error) = watch() {
                let _ = answer.send(Err(format!("{error:#}")));
            }
        });
        let watcher = Watcher { arm, armed };
        watcher
            .seen()
            .context("opening the other workbench's store")?;
        Ok(watcher)
    }

    /// Tells the watcher which status to wait for, and waits until it is looking.
    fn arm(&self, status: Status) -> Result<()> {
        self.arm
            .send(status)
            .map_err(|_| anyhow::anyhow!("the other workbench's thread stopped"))?;
        self.seen().map(|_| ())
    }

    /// When the watcher saw what it was armed for.
    fn seen(&self) -> Result<Instant> {
        match self.armed.recv() {
            Ok(Ok(seen)) => Ok(seen),
            Ok(Err(error)) => bail!("the other workbench: {error}"),
            Err(_) => bail!("the other workbench's thread stopped"),
        }
    }
}

/// Looks as the workbench's store thread does, every [`LOOK_EVERY`], until the claim has
/// `status` in `store`'s copy: a team's copy follows the team (`follow_team`), a plain store
/// watches `data_version` for another connection's commit. When it was seen.
fn wait_for(
    store: &mut Store,
    mut seen_version: i64,
    claim: i64,
    status: Status,
) -> Result<Instant> {
    let since = Instant::now();
    loop {
        let changed = if store.is_team() {
            store.follow_team()?.annotations
        } else {
            let now = store.version()?;
            let changed = now != seen_version;
            seen_version = now;
            changed
        };
        if changed && store.claim(claim)?.is_some_and(|c| c.status == status) {
            return Ok(Instant::now());
        }
        if since.elapsed() > GIVE_UP {
            bail!("the change was not seen within {GIVE_UP:?}");
        }
        std::thread::sleep(LOOK_EVERY);
    }
}

/// The files under `root`, corpus-relative and `/`-separated.
fn files_under(root: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(root)?;
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(files)
}

/// Copies the files under `from` into `to`, keeping their folders.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for relative in files_under(from)? {
        let target = to.join(&relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from.join(&relative), &target)?;
    }
    Ok(())
}

/// One member shares `options.documents` generated reports; another member's workspace
/// fetches them from the team database and indexes them, timed beside indexing the same
/// files copied into a workspace of one's own. One run each (minutes at 10,000 documents);
/// a Markdown table of seconds and documents a second.
fn follow_documents(
    options: &Options<'_>,
    database: &str,
    schema: &str,
    dir: &Path,
) -> Result<String> {
    use isnad::workspace::{TeamConfig, Workspace};
    let count = options.documents;
    let generated = dir.join("generated");
    super::generate::run(count, &generated, false, 11, options.words)?;
    let team = || TeamConfig {
        database: database.to_owned(),
        schema: schema.to_owned(),
    };
    let mut amal = Workspace::init(&dir.join("amal"))?;
    copy_tree(&generated, &amal.root().join("corpus"))?;
    amal.join_team(team())?;
    let mut store = amal.open_store()?;
    let paths = files_under(&amal.root().join("corpus"))?;
    let start = Instant::now();
    let shared = amal.share_documents(&mut store, &paths)?;
    let share = start.elapsed();
    if shared.new != count {
        bail!("{} of {count} documents shared", shared.new);
    }
    drop(store);

    let mut badr = Workspace::init(&dir.join("badr"))?;
    badr.join_team(team())?;
    let mut store = badr.open_store()?;
    let start = Instant::now();
    let followed = badr.follow_team_documents(&mut store)?;
    let fetch = start.elapsed();
    if followed.written.len() != count {
        bail!("{} of {count} documents fetched", followed.written.len());
    }
    drop(store);
    let start = Instant::now();
    let mut index = badr.open_index()?;
    let report = index.update(&badr.corpus_roots(), &mut |_| {})?;
    let indexed = start.elapsed();

    let alone = Workspace::init(&dir.join("alone"))?;
    copy_tree(&generated, &alone.root().join("corpus"))?;
    let start = Instant::now();
    let mut index = alone.open_index()?;
    let local = index.update(&alone.corpus_roots(), &mut |_| {})?;
    let local_took = start.elapsed();
    if report.documents != count || local.documents != count {
        bail!(
            "indexed {} and {} documents of {count}",
            report.documents,
            local.documents
        );
    }
    let rate = |took: Duration| count as f64 / took.as_secs_f64();
    let mut out = String::new();
    writeln!(
        out,
        "\nThe index following {count} new documents (generated reports, {:.1} MB) from the \
         team database, one run:\n",
        shared.bytes_sent as f64 / 1e6
    )?;
    writeln!(out, "| step | seconds | documents/s |")?;
    writeln!(out, "|---|---:|---:|")?;
    for (what, took) in [
        ("one member shares them (`isnad add`'s upload)", share),
        (
            "another member's workspace fetches them into its corpus folder",
            fetch,
        ),
        ("and indexes them", indexed),
        ("fetching and indexing, together", fetch + indexed),
        (
            "the same files indexed in a workspace of one's own",
            local_took,
        ),
    ] {
        writeln!(
            out,
            "| {what} | {:.2} | {:.0} |",
            took.as_secs_f64(),
            rate(took)
        )?;
    }
    Ok(out)
}
