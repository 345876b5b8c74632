//! The command line as clap parses it: raw arguments, each as typed (ripgrep's low-level
//! arguments). `settings` validates them into what the commands run on.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use isnad::store::{Stance, Status};

/// isnad — review many news reports about one event: search, read right-to-left text
/// correctly, tag, link claims to evidence, export.
#[derive(Debug, Parser)]
#[command(name = "isnad", version, about, long_about = None)]
pub struct Args {
    /// The workspace folder (default: the nearest folder at or above the current one with an
    /// isnad.toml; without one, the bundled sample case).
    #[arg(long, global = true, env = "ISNAD_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    #[command(flatten)]
    pub display: DisplayArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How the workbench draws right-to-left text (over `[display]` in isnad.toml).
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct DisplayArgs {
    /// Who orders right-to-left text: app (isnad; the default), terminal (Konsole with bidi
    /// on, mlterm, Apple Terminal) or off.
    #[arg(long, value_enum, value_name = "app|terminal|off")]
    pub bidi: Option<BidiArg>,
    /// Join Arabic letters on screen: on, off, or auto (on for terminals known not to).
    #[arg(long, value_enum, value_name = "on|off|auto")]
    pub shaping: Option<ShapingArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    W3c,
    Brat,
    Csv,
    Md,
    Html,
    Conll,
    Claimreview,
}

/// A claim's status as typed (`store::Status` knows nothing of the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Unverified,
    Supported,
    Disputed,
    Refuted,
    True,
    False,
}

impl From<StatusArg> for Status {
    fn from(status: StatusArg) -> Status {
        match status {
            StatusArg::Unverified => Status::Unverified,
            StatusArg::Supported => Status::Supported,
            StatusArg::Disputed => Status::Disputed,
            StatusArg::Refuted => Status::Refuted,
            StatusArg::True => Status::True,
            StatusArg::False => Status::False,
        }
    }
}

/// A stance as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StanceArg {
    Supports,
    Refutes,
    Mentions,
}

impl From<StanceArg> for Stance {
    fn from(stance: StanceArg) -> Stance {
        match stance {
            StanceArg::Supports => Stance::Supports,
            StanceArg::Refutes => Stance::Refutes,
            StanceArg::Mentions => Stance::Mentions,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BidiArg {
    App,
    Terminal,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShapingArg {
    On,
    Off,
    Auto,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the workbench on the workspace (the default command).
    Open {
        #[command(flatten)]
        display: DisplayArgs,
    },
    /// Create a workspace: isnad.toml and an empty corpus/ folder.
    Init {
        /// Where to create it (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// Copy documents (files, or folders of them) into the corpus, then index them.
    Add {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Bring the index up to date with the corpus: new, changed and removed files.
    Index {
        /// Discard the index and build it again from the whole corpus.
        #[arg(long)]
        rebuild: bool,
    },
    /// Search the corpus, Arabic-aware (hamza forms, harakat, clitics and light stemming).
    ///
    /// The query language (as in Lucene):
    ///
    ///   word word        both words (AND)
    ///   word OR word     either
    ///   -word  +word     without / must have the word
    ///   "a phrase"       the words in this order
    ///   "a b"~3          both words, at most 3 positions out of that order
    ///   تنظ*             words starting so, behind any clitic (والتنظ* too);
    ///                    the 64 most frequent such words; 2 letters at least
    ///   word~1  word~2   words within 1 or 2 edits (word~: 0 edits up to 2
    ///                    letters, 1 up to 5, else 2)
    ///   name:ترمب        every spelling of a name: ا و ي written or not,
    ///                    ڤ/ف, clitics (ترامب, لترمب); 3 consonants at least
    ///   (a OR b) c       groups
    ///   title:word       in the title (also source:word, body:word)
    ///   lang:ar          documents in a language
    ///   entity:NAME      documents mentioning a tagged entity (or an alias;
    ///                    entity:"TWO WORDS" for a name of several words)
    ///   tag:NAME         documents tagged NAME (`isnad doc tag`)
    ///   reviewed:yes     documents marked reviewed (reviewed:no, the others)
    ///   annotated:yes    documents with a mention or evidence (annotated:no)
    ///   -tag:NAME        not tagged NAME (also -entity:NAME)
    ///   outlet:"Al Jazeera"  the outlet exactly as written (outlet:* any)
    ///   date:2024-03-22  published that day (date:2024-03 a month,
    ///                    date:2024 a year; date:>=2024-03-01, date:<2024,
    ///                    date:[2024-03-01 TO 2024-03-31]; -date:* undated)
    ///
    /// A word that starts with - goes after --, so it is not read as an option:
    /// isnad search داعش -- -موسكو
    #[command(verbatim_doc_comment)]
    Search {
        /// The query; several words are joined with spaces (--help shows the syntax).
        /// With --facets it may be left out: the whole corpus is counted.
        #[arg(required_unless_present = "facets", value_name = "QUERY")]
        query: Vec<String>,
        /// How many results to show (1 to 10000).
        #[arg(
            long,
            default_value = "10",
            value_name = "N",
            allow_negative_numbers = true
        )]
        limit: String,
        /// Match normalised forms only, without light stemming.
        #[arg(long)]
        exact: bool,
        /// One JSON object per result: doc, path, title, score, snippet, highlights (UTF-8
        /// byte ranges into snippet); with --facets, then one object {"facets": …}.
        #[arg(long)]
        json: bool,
        /// Also count the matches by outlet, language, month, day (when few), review
        /// state, document tag and whether annotated.
        #[arg(long)]
        facets: bool,
    },
    /// Print a document laid out exactly as the reader pane lays it out: wrapped, each line
    /// in visual order, right-to-left paragraphs right-aligned. Also how to read Arabic in a
    /// terminal that does not reorder it.
    Show {
        /// A document id (its corpus-relative path), a file path, or - for standard input.
        #[arg(allow_hyphen_values = true)]
        doc: String,
        /// Width in cells, 2 to 10000 (default: the terminal's width, else 80).
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        width: Option<String>,
        /// Print the same line breaks in logical order, without padding.
        #[arg(long)]
        logical: bool,
        /// Paragraph direction (default: right-to-left for documents in a right-to-left
        /// language, else auto).
        #[arg(long, value_enum, value_name = "auto|rtl|ltr")]
        base: Option<BaseArg>,
        /// Join Arabic letters with presentation forms, for terminals that do not shape.
        #[arg(long, overrides_with = "no_shape")]
        shape: bool,
        /// Do not shape (the default).
        #[arg(long)]
        no_shape: bool,
    },
    /// Tag and list entities (people, organisations, places…).
    #[command(subcommand)]
    Entity(EntityCommand),
    /// Record claims and link them to the passages that support, refute or mention them.
    #[command(subcommand)]
    Claim(ClaimCommand),
    /// Go through the documents: list them with their review state, mark them reviewed,
    /// tag them, write a note on one.
    #[command(subcommand)]
    Doc(DocCommand),
    /// Write the annotations out: json is the whole store, re-importable.
    Export {
        /// json: everything, versioned, for `isnad import`; w3c: Web Annotation JSON-LD;
        /// brat: NAME.txt and NAME.ann per document, with annotation.conf, visual.conf and
        /// tools.conf, in the folder -o names; csv:
        /// entities, mentions, claims, evidence and documents (reviewed, tags, note)
        /// tables in the folder -o names.
        /// md and html: a readable report (claims with evidence, entities, documents).
        /// conll: IOB2 tags per token and sentence, for training NER.
        /// claimreview: schema.org fact checks, one review of each claim (JSON-LD), what
        /// fact-checkers publish.
        #[arg(
            long,
            value_enum,
            value_name = "md|html|json|csv|brat|w3c|conll|claimreview"
        )]
        format: ExportFormat,
        /// Where to write (default: standard output; a folder for brat and csv). Each file is
        /// written to a temporary file first, then renamed: a failed export never replaces
        /// a good file.
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: Option<PathBuf>,
        /// csv: one table (a `table` column tells entity, mention, claim, evidence and
        /// document rows apart) instead of a folder of five.
        #[arg(long)]
        table: bool,
        /// conll: `# newdoc id = …` and `# sent_id = …` comment lines (CoNLL-U style);
        /// off by default, as NLTK's `ConllCorpusReader` and CoNLL-2003 tools read none.
        #[arg(long)]
        comments: bool,
        /// csv: for spreadsheets (Excel, Calc), which read a file without a byte order mark
        /// as a legacy code page (Arabic becomes mojibake): a UTF-8 byte order mark and CRLF
        /// line ends. Leave it off for scripts and other tools (plain UTF-8, LF).
        #[arg(long)]
        excel: bool,
    },
    /// Bring annotations in from an `isnad export --format json` file.
    Import {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// Copy the annotation store whole and consistent, even while the workbench or another
    /// isnad writes to it (copying store.sqlite by hand misses the changes still in its
    /// write-ahead log). Restore by putting the copy in place of .isnad/store.sqlite while no
    /// isnad runs.
    Backup {
        /// Where to write the copy, a new file (default:
        /// .isnad/backups/store-YYYYMMDD-HHMMSS.sqlite).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Work as a team: annotations kept in a PostgreSQL database every member's workspace
    /// copies and follows.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Undo the last change to the annotations (a bulk tagging as a whole).
    Undo,
    /// Redo the change undone last.
    Redo,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Make a team in a PostgreSQL database: its tables, in a schema of their own. The
    /// database is a libpq URL or `key=value` string (`postgres://analyst@db.example/news`);
    /// PG* variables, ~/.pgpass and sslmode work as for psql.
    Init {
        #[arg(value_name = "DATABASE")]
        database: String,
        /// The schema the team's tables go in.
        #[arg(long, default_value = "isnad")]
        schema: String,
    },
    /// Make a workspace (in DIR, default the current folder) work with a team: its
    /// annotations become a copy of the team's, kept up to date. The workspace must have no
    /// annotations of its own. isnad.toml keeps the database without a password.
    Join {
        #[arg(value_name = "DATABASE")]
        database: String,
        /// The schema the team's tables are in.
        #[arg(long, default_value = "isnad")]
        schema: String,
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Say which team this workspace works with, whether its database answers, and how far
    /// this copy has caught up with it.
    Status,
    /// Take documents out of the team (a team admin's right): every member's workspace takes
    /// them out of its corpus folder and index. PATH is the file's path in the corpus folder,
    /// as `isnad doc list --json` gives it. Their annotations stay, orphaned.
    Remove {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
    },
    /// Copy this workspace (annotations with their journal, and the corpus folder's files)
    /// into a new team in a PostgreSQL database, and work with that team from now on.
    Push {
        #[arg(value_name = "DATABASE")]
        database: String,
        /// The schema the team's tables go in.
        #[arg(long, default_value = "isnad")]
        schema: String,
    },
    /// Make a workspace of one's own in DIR (a new folder) from this team's workspace: the
    /// corpus files, and the annotations with their journal as the team has them.
    Export {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Make ROLE, a PostgreSQL login role the database's administrator made, a member of
    /// this workspace's team as a reader (reads everything), an annotator (adds and changes
    /// annotations; changes only their own document notes) or an admin (changes anything,
    /// grants roles); its other team role is taken back. Needs a team admin or the team's
    /// owner.
    Grant {
        #[arg(value_name = "ROLE")]
        member: String,
        #[arg(value_name = "reader|annotator|admin")]
        role: String,
        #[command(flatten)]
        team: TeamArg,
    },
    /// List the team's members: who made it, and each role with its team role.
    Members {
        #[command(flatten)]
        team: TeamArg,
    },
}

/// Which team: this workspace's, or one named before any workspace joins it.
#[derive(Debug, clap::Args)]
pub struct TeamArg {
    /// The team's database, instead of this workspace's (for its owner, who need not have a
    /// workspace).
    #[arg(long, value_name = "DATABASE")]
    pub database: Option<String>,
    /// The schema of the team given with --database.
    #[arg(long, requires = "database", default_value = "isnad")]
    pub schema: String,
}

#[derive(Debug, Subcommand)]
pub enum EntityCommand {
    /// Create an entity (or add to the one of that name and type) and tag its mentions.
    Add(EntityAdd),
    /// List the entities with their aliases and mentions.
    List {
        /// One JSON array: each entity with id, name, type, aliases, note and mentions (doc,
        /// start and end in code points, text).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// List the documents (newest first; those without a date last, and said so): reviewed
    /// or not, published date, source, title, id, counts of mentions and evidence, tags.
    List {
        /// One JSON object per line: doc, path, title, source, published, lang, reviewed,
        /// tags, note, mentions, evidence.
        #[arg(long)]
        json: bool,
        /// Only documents not yet reviewed.
        #[arg(long, conflicts_with = "reviewed")]
        unreviewed: bool,
        /// Only documents marked reviewed.
        #[arg(long)]
        reviewed: bool,
        /// Only documents from this source (outlet), ignoring case.
        #[arg(long, value_name = "S", allow_hyphen_values = true)]
        source: Option<String>,
        /// Only documents published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
        #[arg(long, value_name = "D")]
        since: Option<String>,
        /// Only documents published on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
        #[arg(long, value_name = "D")]
        until: Option<String>,
        /// Only documents carrying this tag, ignoring case.
        #[arg(long, value_name = "T", allow_hyphen_values = true)]
        tag: Option<String>,
        /// The order: date (newest first), source, or title.
        #[arg(long, value_enum, default_value_t = SortArg::Date, value_name = "date|source|title")]
        sort: SortArg,
    },
    /// The copy groups: documents whose text is largely the same (syndicated wire stories,
    /// light rewrites), each under its origin, the earliest published, with each copy's
    /// similarity to it.
    Copies {
        /// One JSON object per group: origin, published, and copies (each doc, similarity
        /// from 0 to 1, published).
        #[arg(long)]
        json: bool,
    },
    /// Mark documents reviewed (with --undo, not reviewed); each is one undoable step.
    Review {
        /// Document ids (`isnad doc list` shows them).
        #[arg(required = true, value_name = "DOC", allow_hyphen_values = true)]
        docs: Vec<String>,
        /// Mark them not reviewed again.
        #[arg(long)]
        undo: bool,
    },
    /// Tag a document (free text, several at once; a tag of several words in quotes).
    Tag {
        #[arg(value_name = "DOC", allow_hyphen_values = true)]
        doc: String,
        #[arg(required = true, value_name = "TAG", allow_hyphen_values = true)]
        tags: Vec<String>,
        /// Take these tags off instead.
        #[arg(long)]
        remove: bool,
    },
    /// Write the note on a document (an empty TEXT removes it).
    Note {
        #[arg(value_name = "DOC", allow_hyphen_values = true)]
        doc: String,
        #[arg(value_name = "TEXT", allow_hyphen_values = true)]
        text: String,
    },
}

/// How `doc list` orders the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Date,
    Source,
    Title,
}

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Record a claim; prints its id.
    Add {
        /// What is claimed ("144 killed"; it may start with -: "-5 dead").
        #[arg(allow_hyphen_values = true)]
        text: String,
        /// What is known of it.
        #[arg(long, value_enum, default_value_t = StatusArg::Unverified, value_name = "S")]
        status: StatusArg,
    },
    /// Link a passage of a document to a claim, with its stance.
    Link {
        /// The claim's id (`isnad claim list`).
        claim: i64,
        /// The document's id.
        #[arg(long, value_name = "DOC", allow_hyphen_values = true)]
        doc: String,
        /// The passage, exactly as in the document's text.
        #[arg(
            long,
            value_name = "Q",
            allow_hyphen_values = true,
            conflicts_with_all = ["start", "end"]
        )]
        quote: Option<String>,
        /// Which occurrence of --quote, when it occurs more than once (1 is the first).
        #[arg(long, value_name = "N", requires = "quote")]
        occurrence: Option<usize>,
        /// Start of the passage, in code points of the document's text.
        #[arg(long, value_name = "S", requires = "end")]
        start: Option<usize>,
        /// End of the passage (exclusive), in code points.
        #[arg(long, value_name = "E", requires = "start")]
        end: Option<usize>,
        /// How the passage bears on the claim.
        #[arg(long, value_enum, value_name = "supports|refutes|mentions")]
        stance: StanceArg,
        /// A note on this piece of evidence.
        #[arg(long, value_name = "N", default_value = "", allow_hyphen_values = true)]
        note: String,
    },
    /// A claim's chain: its evidence by published date, the first appearance marked,
    /// copies folded under their origin, each passage's attribution (outlet ← citing).
    Chain {
        /// The claim's id (`isnad claim list`).
        #[arg(value_name = "CLAIM")]
        claim: i64,
        /// One JSON object: claim, text, and sources (each origin with its outlet, whether
        /// it holds the first appearance, and its evidence: doc, source, published, first,
        /// stance, quote, attribution).
        #[arg(long)]
        json: bool,
    },
    /// List the claims with their evidence and distinct-source counts.
    List {
        /// One JSON array: each claim with id, text, status, verdict, the distinct sources
        /// supporting, refuting and mentioning it, hints, and its evidence (doc, start and end
        /// in code points, quote, stance, note, source).
        #[arg(long)]
        json: bool,
    },
}

/// `isnad entity add`.
#[derive(Debug, clap::Args)]
pub struct EntityAdd {
    /// The canonical name.
    #[arg(allow_hyphen_values = true)]
    pub(super) name: String,
    /// Its type, one of the workspace's entity types (default PER ORG LOC EVENT DATE NUM
    /// MISC).
    #[arg(long = "type", value_name = "T")]
    pub(super) kind: String,
    /// Another name for it, in any script (repeatable): داعش, ISIS.
    #[arg(long = "alias", value_name = "A", allow_hyphen_values = true)]
    pub(super) aliases: Vec<String>,
    /// Tag every occurrence of the name and aliases in the corpus (clitics allowed:
    /// لبوتين, وبوتين; the mention covers the name only).
    #[arg(long, conflicts_with = "doc")]
    pub(super) all: bool,
    /// Tag in this document (its id).
    #[arg(long, value_name = "DOC", allow_hyphen_values = true)]
    pub(super) doc: Option<String>,
    /// Tag every exact occurrence of this text in --doc.
    #[arg(
        long,
        value_name = "Q",
        allow_hyphen_values = true,
        requires = "doc",
        conflicts_with_all = ["start", "end"]
    )]
    pub(super) quote: Option<String>,
    /// Start of the mention in --doc, in code points of the document's text.
    #[arg(long, value_name = "S", requires_all = ["doc", "end"])]
    pub(super) start: Option<usize>,
    /// End of the mention (exclusive), in code points.
    #[arg(long, value_name = "E", requires_all = ["doc", "start"])]
    pub(super) end: Option<usize>,
    /// A note about the entity.
    #[arg(long, value_name = "N", default_value = "", allow_hyphen_values = true)]
    pub(super) note: String,
}

/// A paragraph base direction as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BaseArg {
    /// The first strong character of each paragraph; the document's direction if none.
    Auto,
    Rtl,
    Ltr,
}
