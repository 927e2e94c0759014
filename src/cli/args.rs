//! The command line as clap derive structs; the doc comments are the help text.
//! Commands and flags are a contract: scripts and the README rely on them.

use super::bench_args::BenchArgs;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns news articles about international relations into a typed knowledge
/// graph (countries, officials, organizations, agreements, milestones, places),
/// every fact backed by the sentence that states it.
///
/// Commands that read the graph build it from the shipped articles in
/// data/articles/ the first time, so `kg query India Japan` works at once.
#[derive(Debug, Parser)]
#[command(name = "kg", version, after_long_help = TOP_EXAMPLES)]
pub struct Args {
    /// The graph store, a RON file [default: data/graph.ron, or ~/.local/share/kg/graph.ron]
    ///
    /// Without this flag: data/graph.ron when the current folder has a data/
    /// folder (a kg checkout, a project of yours), else graph.ron in kg's
    /// folder of the platform's data directory, made on first use
    /// ($XDG_DATA_HOME/kg or ~/.local/share/kg on Linux, ~/Library/Application
    /// Support/kg on macOS, %APPDATA%\kg\data on Windows): an installed kg
    /// never writes into the tree it was built in. Beside the store lie its
    /// lock, snapshot, journal and curation record (graph.curation.ron).
    #[arg(long, global = true, env = "KG_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract articles and merge them into the store
    ///
    /// Takes .txt and .md files, and folders searched recursively. Every
    /// article is read and extracted before the store is written, once,
    /// atomically; on any error the store is left as it was. The same text
    /// ingested twice changes nothing.
    #[command(after_long_help = INGEST_EXAMPLES)]
    Ingest {
        /// Article files (.txt, .md, .html; - reads one from stdin) or folders of them
        #[arg(required_unless_present = "extractions", value_name = "PATH")]
        paths: Vec<PathBuf>,

        /// Publication date for articles whose dateline has none
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,

        /// Merge extractions made elsewhere instead (the JSON lines `kg extract
        /// --jsonl` writes, each with its article's text): the store is the one
        /// ingesting those articles here makes
        #[arg(long, value_name = "FILE.jsonl", num_args = 1.., conflicts_with_all = ["paths", "date"])]
        extractions: Vec<PathBuf>,

        /// text for reading; json: the counts, in the shape every writing command prints
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Print what one article yields, without touching the store
    #[command(after_long_help = EXTRACT_EXAMPLES)]
    Extract {
        /// The article (.txt, .md or .html; - reads it from stdin)
        #[arg(value_name = "FILE", required_unless_present = "jsonl")]
        file: Option<PathBuf>,

        /// Read articles as JSON lines on stdin (`{"text": …, "path"?, "date"?,
        /// "id"?}`) and write one extraction a line on stdout, streaming, on
        /// every core: a stage for a cluster (Spark's `rdd.pipe`, say)
        #[arg(long, conflicts_with_all = ["file", "format", "date"])]
        jsonl: bool,

        /// json is the contract the scorer reads; text is for reading
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,

        /// Publication date, when the dateline has none
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },

    /// How two entities are connected: paths, each hop with its source sentence
    #[command(after_long_help = QUERY_EXAMPLES)]
    Query {
        /// An entity: a name, an alias or an id (India, PM Modi, country:india)
        #[arg(value_name = "A")]
        a: String,

        /// The other entity
        #[arg(value_name = "B")]
        b: String,

        /// Longest path, in hops (1 to 10)
        #[arg(long, default_value_t = 4, value_name = "N")]
        max_hops: usize,

        /// How many paths to print at most
        #[arg(long, default_value_t = 10, value_name = "K", value_parser = parse_limit)]
        limit: usize,

        /// The graph as it was known then: nothing dated later or first
        /// reported later, and each pair's partnership at the level in force
        #[arg(long, value_name = "YYYY[-MM[-DD]]", value_parser = parse_date)]
        as_of: Option<kg::model::PartialDate>,

        /// Only facts of these statuses (held, planned, explored, hoped,
        /// hypothetical, denied; repeat or separate with commas) [default: all]
        #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
        status: Vec<kg::model::Status>,

        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Everything the graph holds about one entity
    #[command(after_long_help = SHOW_EXAMPLES)]
    Show {
        /// A name, an alias or an id
        #[arg(value_name = "ENTITY")]
        entity: String,

        /// Only facts of these statuses (held, planned, explored, hoped,
        /// hypothetical, denied; repeat or separate with commas) [default: all]
        #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
        status: Vec<kg::model::Status>,

        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// The milestones of an entity, or those two entities share, by date
    ///
    /// text and json go to standard output unless -o says otherwise; svg draws
    /// the milestones on a time axis, written to exports/ unless -o says otherwise.
    #[command(after_long_help = TIMELINE_EXAMPLES)]
    Timeline {
        /// A name, an alias or an id
        #[arg(value_name = "A")]
        a: String,

        /// Keep only the milestones connected to this entity too
        #[arg(value_name = "B")]
        b: Option<String>,

        /// Only facts of these statuses (held, planned, explored, hoped,
        /// hypothetical, denied; repeat or separate with commas) [default: all]
        #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
        status: Vec<kg::model::Status>,

        #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
        format: TimelineFormat,

        /// Where to write, `-` for standard output [default: standard output for
        /// text and json, exports/timeline-<names>.svg for svg]
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Score extraction against gold annotations, as ../shared/tools/score.py does
    ///
    /// Every GOLD_DIR/NAME.json is scored against the extraction of NAME.txt
    /// (or .md) found in the article folders; precision, recall and F1 per kind
    /// and overall, with what was missed and what was extra per article.
    #[command(after_long_help = EVAL_EXAMPLES)]
    Eval {
        /// Folder of gold annotation files (*.json)
        #[arg(value_name = "GOLD_DIR")]
        gold_dir: PathBuf,

        /// Folders holding the articles the gold files name
        #[arg(required = true, value_name = "ARTICLE_DIR")]
        article_dirs: Vec<PathBuf>,

        /// Only the totals, not each article's misses
        #[arg(long)]
        quiet: bool,

        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// The stored articles: id, date, title, path and the relations each states
    ///
    /// By date, undated ones last. The ids are what `kg forget` takes.
    /// --since/--until keep the articles dated in that period; --grep those
    /// whose id, title or path holds the text (case aside).
    #[command(after_long_help = ARTICLES_EXAMPLES)]
    Articles {
        /// Articles dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,

        /// Articles dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        until: Option<String>,

        /// Articles whose id, title or path holds this text
        #[arg(long, value_name = "TEXT")]
        grep: Option<String>,

        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Entities whose name or an alias holds TEXT, with kind, id and articles
    ///
    /// Case and accents aside. A whole-name match comes first, then the
    /// entities most articles state something about. The names and ids it
    /// prints are what `kg show` and `kg query` take.
    #[command(after_long_help = SEARCH_EXAMPLES)]
    Search {
        /// Part of a name or alias
        text: String,

        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Counts of entities, relations, evidence and articles
    #[command(after_long_help = STATS_EXAMPLES)]
    Stats {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Draw the graph, or part of it, as Graphviz DOT, SVG, PNG or PDF, or
    /// write it for other tools (GraphML, Cytoscape.js JSON, Neo4j CSV)
    ///
    /// Two foci: the paths between them, from the first on the left to the
    /// second on the right. One focus: its neighbourhood. None: the whole
    /// graph, each country in a box with its officials, places and
    /// organizations. SVG uses Graphviz's `dot` when it is installed, else a
    /// built-in layout; PNG and PDF need Graphviz.
    #[command(after_long_help = EXPORT_EXAMPLES)]
    Export {
        /// One or two entities to centre the drawing on
        #[arg(long, num_args = 1..=2, value_name = "ENTITY")]
        focus: Vec<String>,

        /// Only facts of these statuses (held, planned, explored, hoped,
        /// hypothetical, denied; repeat or separate with commas) [default: all]
        #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
        status: Vec<kg::model::Status>,

        /// With one focus: how many hops around it to draw (1 to 10) [default: 2]
        #[arg(long, value_name = "N")]
        depth: Option<usize>,

        /// The file format
        #[arg(long, value_enum)]
        format: ExportFormat,

        /// Where to write, `-` for standard output [default: exports/<title>.<format>;
        /// a folder exports/<title>-neo4j/ for neo4j]
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,

        /// Only these entity kinds, comma-separated (country, official,
        /// organization, agreement, milestone, place); the foci always stay
        #[arg(long, value_delimiter = ',', value_name = "KIND,...")]
        kinds: Vec<String>,

        /// Only milestones and dated relations on or after this date
        /// (YYYY, YYYY-MM or YYYY-MM-DD); undated milestones go, undated relations stay
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<kg::model::PartialDate>,

        /// Only milestones and dated relations on or before this date
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        until: Option<kg::model::PartialDate>,

        /// With one focus or none: at most N entities, the best-evidenced kept
        /// [default: 40 with one focus, all without]
        #[arg(long, value_name = "N")]
        max_nodes: Option<usize>,
    },

    /// One self-contained HTML page about two entities: the diagram of their
    /// connections, their timeline, and every fact between and around them
    /// with its source article and sentence
    #[command(after_long_help = REPORT_EXAMPLES)]
    Report {
        /// An entity: a name, an alias or an id
        #[arg(value_name = "A")]
        a: String,

        /// The other entity
        #[arg(value_name = "B")]
        b: String,

        /// Where to write, `-` for standard output [default: exports/<a>-<b>.html]
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,

        /// Longest path drawn, in hops (1 to 10)
        #[arg(long, default_value_t = 4, value_name = "N")]
        max_hops: usize,

        /// How many paths to draw at most
        #[arg(long, default_value_t = 10, value_name = "K", value_parser = parse_limit)]
        limit: usize,
    },

    /// Remove articles from the store, with every fact only they supported
    ///
    /// Their evidence goes; so do relations left without evidence, and
    /// entities left with no relation and no other article. The store is
    /// written once, atomically; on any error it is left as it was.
    #[command(after_long_help = FORGET_EXAMPLES)]
    Forget {
        /// An article id, a prefix of one (4 digits or more), or the path it was ingested from
        #[arg(required = true, value_name = "ARTICLE")]
        articles: Vec<String>,

        /// text for reading; json: the counts, in the shape every writing command prints
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Re-extract every stored article with this kg's extractor
    ///
    /// Rebuilds the graph from the text the store keeps of each article,
    /// prints what changed, and writes the store once, atomically.
    #[command(after_long_help = REINDEX_EXAMPLES)]
    Reindex {
        /// text for reading; json: the counts, in the shape every writing command prints
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    #[command(flatten)]
    Curate(Decision),

    /// Fold the articles ingested since the store was last written whole into it
    ///
    /// An ingest into a large store appends its new articles to a journal
    /// beside it (data/graph.journal) instead of rewriting the store; the
    /// journal is folded in by itself once it reaches an eighth of the store.
    /// This writes the store (and its snapshot) whole now, atomically.
    #[command(after_long_help = COMPACT_EXAMPLES)]
    Compact,

    /// Import a graph from CSV: entities (id,kind,label) and relations (source,target,relation)
    ///
    /// Kinds and relations are those of the model; ids are kind:slug (a bare
    /// slug gets the kind's prefix). With --neo4j DIR, the folder of CSV files
    /// `kg export --format neo4j` writes (Neo4j's header rules: columns by
    /// name) comes back with names, aliases, attributes, dates and each
    /// relation's sentence and sources. Every row is checked before anything is
    /// written: bad rows are reported with their file and line, and nothing is
    /// imported. Into a missing store the graph is written as it is; into an
    /// existing one it is merged. A large graph gets a binary snapshot beside
    /// the store (data/graph.snapshot) so that `kg paths`, `query`, `show`,
    /// `stats` and `timeline` open it in a second.
    #[command(after_long_help = IMPORT_EXAMPLES)]
    Import {
        /// The entities: a CSV file with the header id,kind,label
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "neo4j",
            requires = "edges"
        )]
        nodes: Option<PathBuf>,

        /// The relations: a CSV file with the header source,target,relation
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "neo4j",
            requires = "nodes"
        )]
        edges: Option<PathBuf>,

        /// A folder of Neo4j import CSV files (nodes_*.csv, relations.csv), as
        /// `kg export --format neo4j` writes it
        #[arg(long, value_name = "DIR", conflicts_with_all = ["nodes", "edges"])]
        neo4j: Option<PathBuf>,

        /// text for reading; json: the counts, in the shape every writing command prints
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,

        /// Write the binary snapshot beside the store: for large graphs, always or never
        #[arg(long, value_enum, default_value_t = SnapshotWhen::Auto)]
        snapshot: SnapshotWhen,
    },

    /// Paths between two entities, fast on graphs of millions: ranked, shortest, all shortest, simple
    ///
    /// Opens the store's snapshot when it has a current one, else the store.
    /// ranked: the shortest paths first, then those more articles state.
    /// shortest: one shortest path. all-shortest: every shortest path, counted
    /// first. simple: every path of at most --max-hops with no entity twice.
    /// Searches stop at the hop cap, the result limit or a work budget, and
    /// say so.
    #[command(after_long_help = PATHS_EXAMPLES)]
    Paths(PathsArgs),

    /// Time kg on generated graphs beside networkx, and extraction speed
    ///
    /// Generates the presets with benches/peers/graph_peer.py (python3), times
    /// kg on them (CSV build, import, snapshot load and save, each query kind
    /// over the query pairs), and when python3 can import networkx, times
    /// networkx on the same files and prints both side by side.
    #[command(after_long_help = super::bench_args::EXAMPLES)]
    Bench(BenchArgs),

    /// Print a shell completion script for kg to standard output
    ///
    /// The script completes subcommands, flags and flag values; source it or
    /// put it where the shell looks for completions.
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell to complete in
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },

    /// Print kg's manual page (roff) to standard output
    #[command(after_long_help = MAN_EXAMPLES)]
    Man,
}

/// `kg paths A B`.
#[derive(Debug, clap::Args)]
pub struct PathsArgs {
    /// An entity: a name, an alias or an id (India, country:india)
    #[arg(value_name = "A")]
    pub a: String,

    /// The other entity
    #[arg(value_name = "B")]
    pub b: String,

    #[arg(long, value_enum, default_value_t = PathMode::Ranked)]
    pub mode: PathMode,

    /// Longest path, in hops (1 to 10) [default: 4; 10 for shortest and all-shortest]
    #[arg(long, value_name = "N")]
    pub max_hops: Option<usize>,

    /// How many paths to print at most
    #[arg(long, default_value_t = 10, value_name = "K", value_parser = parse_limit)]
    pub limit: usize,

    /// Only print how many paths there are (all-shortest, simple)
    #[arg(long)]
    pub count: bool,

    /// Only these relations (repeat or separate with commas)
    #[arg(long, value_name = "RELATION", value_delimiter = ',', value_parser = parse_relation)]
    pub relation: Vec<kg::model::RelationKind>,

    /// Only facts of these statuses (held, planned, explored, hoped,
    /// hypothetical, denied; repeat or separate with commas) [default: all]
    #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<kg::model::Status>,

    /// Pass only through these kinds of entity (repeat or separate with commas)
    #[arg(long, value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    pub through: Vec<kg::model::EntityKind>,

    /// Never pass through these kinds of entity
    #[arg(long, value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    pub avoid: Vec<kg::model::EntityKind>,

    /// Only edges and milestones dated then or later (undated ones always pass)
    #[arg(long, value_name = "YYYY[-MM[-DD]]", value_parser = parse_date)]
    pub from: Option<kg::model::PartialDate>,

    /// Only edges and milestones dated then or earlier (undated ones always pass)
    #[arg(long, value_name = "YYYY[-MM[-DD]]", value_parser = parse_date)]
    pub until: Option<kg::model::PartialDate>,

    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SnapshotWhen {
    /// For graphs of 100,000 entities and relations or more, or when the store had one
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathMode {
    Ranked,
    Shortest,
    AllShortest,
    Simple,
}

/// A result limit: a whole number of at least 1 (`--limit 0` would ask for nothing).
fn parse_limit(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("expected a whole number of at least 1".to_string()),
    }
}

fn parse_relation(s: &str) -> Result<kg::model::RelationKind, String> {
    kg::model::RelationKind::parse(s.trim()).ok_or_else(|| {
        format!(
            "expected one of {}",
            kg::model::RelationKind::ALL.map(|r| r.as_str()).join(", ")
        )
    })
}

fn parse_kind(s: &str) -> Result<kg::model::EntityKind, String> {
    kg::model::EntityKind::parse(s.trim()).ok_or_else(|| {
        format!(
            "expected one of {}",
            kg::model::EntityKind::ALL.map(|k| k.as_str()).join(", ")
        )
    })
}

/// A `--status` value.
fn parse_status(s: &str) -> Result<kg::model::Status, String> {
    kg::model::Status::parse(s).ok_or_else(|| {
        format!(
            "expected one of {}",
            kg::model::Status::ALL.map(|s| s.as_str()).join(", ")
        )
    })
}

/// Every date flag (`--as-of`, `--from`, `--until`, `--since`): one parser, one error.
fn parse_date(s: &str) -> Result<kg::model::PartialDate, String> {
    kg::model::PartialDate::parse(s)
        .filter(|d| d.year > 0 && s.trim() == s)
        .ok_or_else(|| "expected YYYY, YYYY-MM or YYYY-MM-DD".into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Text,
    Json,
    /// The milestones on a time axis
    Svg,
}

/// `--format` of `kg export`: every library [`Format`](kg::export::Format),
/// named and described by the library, so a format added there is a value
/// here without a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportFormat(pub kg::export::Format);

impl ExportFormat {
    pub const NEO4J: ExportFormat = ExportFormat(kg::export::Format::Neo4j);
}

impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::LazyLock<Vec<ExportFormat>> = std::sync::LazyLock::new(|| {
            kg::export::Format::ALL
                .into_iter()
                .map(ExportFormat)
                .collect()
        });
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.as_str()).help(self.0.help()))
    }
}

/// `kg merge`, `kg reject`, `kg unalias`: the user's corrections of the graph.
#[derive(Debug, Subcommand)]
pub enum Decision {
    /// Merge two entities that are one: FROM folds into INTO
    ///
    /// INTO keeps its id and name; FROM's name and aliases become its
    /// aliases, FROM's relations become its own (a relation both had is kept
    /// once, with the sentences of both). Entities are named as `kg show`
    /// takes them (name, alias or id) and must be of one kind. The decision
    /// is recorded beside the store (data/graph.curation.ron) and taken again
    /// whenever the graph is rebuilt: `kg reindex`, `kg forget`, later
    /// ingests, the rebuild of the shipped corpus.
    #[command(after_long_help = MERGE_EXAMPLES)]
    Merge {
        /// The entity that stays
        #[arg(value_name = "INTO")]
        into: String,

        /// The entity that becomes part of it
        #[arg(value_name = "FROM")]
        from: String,

        /// text for reading; json: the counts, in the shape every writing command prints
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Reject a relation as false: SOURCE RELATION TARGET
    ///
    /// The relation goes with all its sentences, and stays gone: the decision
    /// is recorded beside the store (data/graph.curation.ron), so neither
    /// `kg reindex` nor an article stating it again brings it back. A fact
    /// is named by its three parts, as `kg show` prints them: the source and
    /// target by name, alias or id, the relation by its name (a symmetric
    /// one, meets or counterpart_of, either way round). A name several
    /// entities answer to means the one that has the relation.
    #[command(after_long_help = REJECT_EXAMPLES)]
    Reject {
        /// The entity the relation goes from
        #[arg(value_name = "SOURCE")]
        source: String,

        /// The relation: represents, member_of, counterpart_of, meets, party_to, signed, involves, concerns, held_in, held_at, located_in or follows
        #[arg(value_name = "RELATION", value_parser = parse_relation)]
        relation: kg::model::RelationKind,

        /// The entity the relation goes to
        #[arg(value_name = "TARGET")]
        target: String,

        /// text for reading; json: the counts, in the shape every writing command prints
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Remove an alias that does not name the entity
    ///
    /// The entity no longer answers to ALIAS (whatever its case), and the
    /// alias stays removed when the graph is rebuilt: the decision is
    /// recorded beside the store (data/graph.curation.ron).
    #[command(after_long_help = UNALIAS_EXAMPLES)]
    Unalias {
        /// The entity, by name, alias or id
        #[arg(value_name = "ENTITY")]
        entity: String,

        /// The alias to remove, as `kg show` lists it
        #[arg(value_name = "ALIAS")]
        alias: String,

        /// text for reading; json: the counts, in the shape every writing command prints
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

// The examples each command's long help (`--help`) ends with: real commands
// on the shipped corpus in data/articles/, which the commands that read the
// graph build the default store from.

const TOP_EXAMPLES: &str = "\
Examples:
  kg query India Japan --max-hops 3
  kg show \"Rajnath Singh\"
  kg timeline India Japan
  kg export --focus India Japan --format svg -o exports/india-japan.svg
  kg --store my.ron ingest data/articles/
  kg completions bash > ~/.local/share/bash-completion/completions/kg
  kg man > kg.1

Exit status:
  0  Success.
  1  A query found no connection (kg query, kg paths: what they print says so),
     or the command failed: a missing or unreadable file, a damaged store, an
     unknown entity. The message on standard error names the file and the problem.
  2  A usage error: an unknown command or flag, a missing argument, or a bad
     flag value (--as-of yesterday, --max-hops 0); nothing was done.";

const INGEST_EXAMPLES: &str = "\
Examples:
  kg --store my.ron ingest data/articles/
  kg --store my.ron ingest data/articles/india_japan_defence_2025-05-04.txt
  kg --store my.ron ingest --date 2025-05-04 undated-note.txt";

const EXTRACT_EXAMPLES: &str = "\
Examples:
  kg extract data/articles/india_japan_defence_2025-05-04.txt --format text
  kg extract data/articles/india_japan_defence_2025-05-04.txt > seed.json
  kg extract --date 2025-05-04 undated-note.txt";

const QUERY_EXAMPLES: &str = "\
Examples:
  kg query India Japan --max-hops 3
  kg query \"Rajnath Singh\" Nakatani --format json
  kg query India Japan --as-of 2010
  kg query country:india country:australia --limit 3

Exits with 1 when nothing connects the two: no path within --max-hops
and no direct fact.";

const SHOW_EXAMPLES: &str = "\
Examples:
  kg show \"Rajnath Singh\"
  kg show Japan --format json
  kg show country:australia";

const TIMELINE_EXAMPLES: &str = "\
Examples:
  kg timeline India Japan
  kg timeline Japan --format json
  kg timeline India Japan --format svg -o exports/india-japan-timeline.svg";

const EVAL_EXAMPLES: &str = "\
Examples:
  kg eval tests/fixtures/eval/q7c/gold tests/fixtures/eval/q7c/articles --quiet
  kg eval tests/fixtures/eval/q7c/gold tests/fixtures/eval/q7c/articles --format json";

const STATS_EXAMPLES: &str = "\
Examples:
  kg stats
  kg stats --format json
  kg --store my.ron stats";

const EXPORT_EXAMPLES: &str = "\
Examples:
  kg export --focus India Japan --format svg -o exports/india-japan.svg
  kg export --focus Japan --depth 2 --kinds country,official,milestone --since 2024 --format svg
  kg export --focus Japan --depth 1 --format dot
  kg export --focus Japan --format graphml
  kg export --format svg -o exports/knowledge-graph.svg
  kg export --format neo4j -o exports/neo4j";

const REPORT_EXAMPLES: &str = "\
Examples:
  kg report India Japan -o exports/india-japan.html
  kg report Japan Australia --max-hops 3 -o - > japan-australia.html";

const FORGET_EXAMPLES: &str = "\
Examples:
  kg --store my.ron forget data/articles/india_australia_mlsa_2020-06-04.txt
  kg --store my.ron forget f0463489";

const REINDEX_EXAMPLES: &str = "\
Examples:
  kg reindex
  kg --store my.ron reindex";

const MERGE_EXAMPLES: &str = "\
Examples:
  kg merge milestone:2006-elevation-india-japan \"India meeting\"
  kg --store my.ron merge \"Narendra Modi\" \"Shri Narendra Modi\" --format json";

const REJECT_EXAMPLES: &str = "\
Examples:
  kg reject \"Yoshiro Mori\" counterpart_of \"Manmohan Singh\"
  kg --store my.ron reject \"Vuong Dinh Hue\" represents Canada --format json";

const UNALIAS_EXAMPLES: &str = "\
Examples:
  kg unalias Japan India-Japan
  kg --store my.ron unalias country:japan \"Japan-Australia\"";

const ARTICLES_EXAMPLES: &str = "\
Examples:
  kg articles
  kg articles --since 2020 --grep japan
  kg articles --format json";

const SEARCH_EXAMPLES: &str = "\
Examples:
  kg search japan
  kg search \"defence minister\" --format json";

const COMPACT_EXAMPLES: &str = "\
Examples:
  kg compact
  kg --store my.ron compact";

const IMPORT_EXAMPLES: &str = "\
Examples:
  kg --store big.ron import --nodes nodes.csv --edges edges.csv
  kg --store big.ron import --nodes nodes.csv --edges edges.csv --snapshot never
  kg --store copy.ron import --neo4j exports/knowledge-graph-neo4j";

const PATHS_EXAMPLES: &str = "\
Examples:
  kg paths India Japan
  kg paths India Japan --mode shortest
  kg paths India Japan --mode all-shortest --count
  kg paths India Japan --mode simple --max-hops 3
  kg paths India Japan --relation party_to,meets --avoid organization --from 2014 --format json

Exits with 1 when no path is found.";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  kg completions bash > ~/.local/share/bash-completion/completions/kg
  kg completions zsh > ~/.zfunc/_kg
  kg completions fish > ~/.config/fish/completions/kg.fish
  kg completions powershell >> $PROFILE";

const MAN_EXAMPLES: &str = "\
Examples:
  kg man > kg.1
  kg man | man -l -";

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Args::command().debug_assert();
    }
}
