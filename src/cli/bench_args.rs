//! The flags of `kg bench`, one definition for both binaries: `kg` parses
//! them (its help, man page and completions document them) and hands the
//! command line to `kg-bench`, which parses them again to run the bench.

use clap::ValueEnum;
use std::path::PathBuf;

/// `kg bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Graph presets to run (separate with commas): tiny, small, medium, large
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Preset::Small, Preset::Medium])]
    pub preset: Vec<Preset>,

    /// A graph of your own instead: a folder with nodes.csv, edges.csv and queries.csv
    #[arg(long, value_name = "DIR", conflicts_with = "preset")]
    pub graph: Option<PathBuf>,

    /// Where generated presets and growth stores are kept [default: benches/data under the current folder]
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// How many query pairs to time (the first of queries.csv)
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub queries: usize,

    /// Time networkx too: auto when python3 can import it
    #[arg(long, value_enum, default_value_t = PeerMode::Auto)]
    pub peer: PeerMode,

    /// The Python to run the peer with
    #[arg(long, default_value = "python3", value_name = "PROGRAM")]
    pub python: String,

    /// Seconds networkx may spend on one query
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub timeout: f64,

    /// Skip the extraction throughput measurement
    #[arg(long)]
    pub no_extraction: bool,

    /// The Python to run the spaCy NER peer with (benches/peers/spacy_peer.py); timed
    /// beside kg's extraction when it can import spacy and --peer is auto
    #[arg(long, default_value = "python3", value_name = "PROGRAM")]
    pub ner_python: String,

    /// Store sizes (articles) for the growth measurement: one new article ingested into each
    /// (the 1,000 and 10,000; add 100000 for the third: its store takes about 3 minutes and 5 GiB of memory to make on 2 cores)
    #[arg(long, value_delimiter = ',', default_values_t = [1000, 10000], value_name = "N")]
    pub growth: Vec<usize>,

    /// Skip the growth measurement (the stores of --growth and the presets of --grow-presets)
    #[arg(long)]
    pub no_growth: bool,

    /// Presets whose `kg import` store then takes one new article too, timed as the growth
    /// lines, with the snapshot's size and a reader's cost before and after (only those among --preset)
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Preset::Large], value_name = "PRESETS")]
    pub grow_presets: Vec<Preset>,

    /// Skip the ingest into the presets' stores (--grow-presets)
    #[arg(long)]
    pub no_preset_growth: bool,

    /// Articles for the batch line: `kg ingest` of N new articles into an empty store,
    /// on one core (taskset -c 0) and on all cores
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub batch: usize,

    /// Skip the batch line (--batch)
    #[arg(long)]
    pub no_batch: bool,

    /// The articles the growth stores are made of (each repeated with a numbered line) [default: the shipped articles]
    #[arg(long, value_name = "DIR")]
    pub growth_articles: Option<PathBuf>,

    /// Articles to time extraction on as well, repeated to --extraction-mb (the issue's
    /// workload: the 65 real articles of ../shared/corpus)
    #[arg(long, value_name = "DIR")]
    pub extraction_articles: Option<PathBuf>,

    /// Megabytes of text for the extraction measurements (the workload is 5)
    #[arg(long, default_value_t = 5.0, value_name = "MB")]
    pub extraction_mb: f64,

    /// Skip the graph presets
    #[arg(long, conflicts_with = "graph")]
    pub no_graphs: bool,

    /// Also write the results as a Markdown table to this file
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    Tiny,
    Small,
    Medium,
    Large,
}

impl std::fmt::Display for Preset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Preset::Tiny => "tiny",
            Preset::Small => "small",
            Preset::Medium => "medium",
            Preset::Large => "large",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeerMode {
    Auto,
    Off,
}

/// The examples of `kg bench --help`.
pub const EXAMPLES: &str = "\
Examples:
  kg bench --preset tiny --peer off
  kg bench --preset small,medium --python /tmp/nx/bin/python
  kg bench --no-graphs --extraction-mb 1
  kg bench --preset large --peer off --extraction-articles ../shared/corpus";
