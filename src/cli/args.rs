//! The command line as clap derive structs; the doc comments are the help text.
//! Commands and flags are a contract: scripts and the README rely on them.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns news articles about international relations into a typed knowledge
/// graph (countries, officials, organizations, agreements, milestones, places),
/// every fact backed by the sentence that states it.
///
/// Commands that read the graph build it from the shipped articles in
/// data/articles/ the first time, so `kg query India Japan` works at once.
#[derive(Debug, Parser)]
#[command(name = "kg", version)]
pub struct Args {
    /// The graph store, a RON file [default: data/graph.ron]
    ///
    /// Without this flag, data/graph.ron under the current folder when it has
    /// a data/ folder, else under the kg source tree.
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
    Ingest {
        /// Article files or folders of them
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,

        /// Publication date for articles whose dateline has none
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },

    /// Print what one article yields, without touching the store
    Extract {
        /// The article (.txt or .md)
        #[arg(value_name = "FILE")]
        file: PathBuf,

        /// json is the contract the scorer reads; text is for reading
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,

        /// Publication date, when the dateline has none
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },

    /// How two entities are connected: paths, each hop with its source sentence
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
        #[arg(long, default_value_t = 10, value_name = "K")]
        limit: usize,

        /// The graph as it stood then: nothing dated later, and each pair's
        /// partnership at the level it had reached
        #[arg(long, value_name = "YYYY[-MM[-DD]]")]
        as_of: Option<String>,

        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// Everything the graph holds about one entity
    Show {
        /// A name, an alias or an id
        #[arg(value_name = "ENTITY")]
        entity: String,

        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },

    /// The milestones of an entity, or those two entities share, by date
    ///
    /// text and json go to standard output unless -o says otherwise; svg draws
    /// the milestones on a time axis, written to exports/ unless -o says otherwise.
    Timeline {
        /// A name, an alias or an id
        #[arg(value_name = "A")]
        a: String,

        /// Keep only the milestones connected to this entity too
        #[arg(value_name = "B")]
        b: Option<String>,

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

    /// Counts of entities, relations, evidence and articles
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
    Export {
        /// One or two entities to centre the drawing on
        #[arg(long, num_args = 1..=2, value_name = "ENTITY")]
        focus: Vec<String>,

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
        #[arg(long, value_name = "DATE")]
        since: Option<String>,

        /// Only milestones and dated relations on or before this date
        #[arg(long, value_name = "DATE")]
        until: Option<String>,

        /// With one focus or none: at most N entities, the best-evidenced kept
        /// [default: 40 with one focus, all without]
        #[arg(long, value_name = "N")]
        max_nodes: Option<usize>,
    },

    /// One self-contained HTML page about two entities: the diagram of their
    /// connections, their timeline, and every fact between and around them
    /// with its source article and sentence
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
        #[arg(long, default_value_t = 10, value_name = "K")]
        limit: usize,
    },

    /// Remove articles from the store, with every fact only they supported
    ///
    /// Their evidence goes; so do relations left without evidence, and
    /// entities left with no relation and no other article. The store is
    /// written once, atomically; on any error it is left as it was.
    Forget {
        /// An article id, a prefix of one (4 digits or more), or the path it was ingested from
        #[arg(required = true, value_name = "ARTICLE")]
        articles: Vec<String>,
    },

    /// Re-extract every stored article with this kg's extractor
    ///
    /// Rebuilds the graph from the text the store keeps of each article,
    /// prints what changed, and writes the store once, atomically.
    Reindex,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz source
    Dot,
    /// The drawing (Graphviz, else the built-in layout)
    Svg,
    /// The drawing as an image (needs Graphviz)
    Png,
    /// The drawing as a document (needs Graphviz)
    Pdf,
    /// GraphML for Gephi and yEd, attributes as keys
    Graphml,
    /// Cytoscape.js elements
    Json,
    /// A folder of CSV files for `neo4j-admin database import`
    Neo4j,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Args::command().debug_assert();
    }
}
