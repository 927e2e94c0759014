//! Library errors: one `thiserror` enum per concern, each naming the file at fault.

use std::path::PathBuf;

/// Reading an article from disk.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ArticleError {
    #[error("{path}: no such file or directory")]
    Missing { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: the file holds only whitespace, no text")]
    Blank { path: PathBuf },
    #[error("{path}: not a regular file but {what}; articles are read from files")]
    NotRegular { path: PathBuf, what: &'static str },
    #[error("{path}: binary data, not a text article (NUL byte at offset {offset})")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: too large for an article ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: no .txt, .md or .html articles in this folder")]
    NoArticles { path: PathBuf },
    #[error("{path}: cannot be read as HTML: {message}")]
    Html { path: PathBuf, message: String },
    #[error("invalid --date {value:?}: expected YYYY-MM-DD")]
    BadDate { value: String },
}

/// Loading or saving the graph store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{path}: cannot read the store: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: corrupt store at line {line}, column {column}: {message} (the file was left as it is)")]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: store schema version {found} is newer than this kg understands ({supported}); upgrade kg")]
    TooNew {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    #[error("{path}: inconsistent store: {message}")]
    Inconsistent { path: PathBuf, message: String },
    #[error("{path}: cannot write the store: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot lock the store: {source}")]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: store schema version {found} is not one kg ever wrote (1 to {supported})")]
    UnknownVersion {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    #[error("{path}: corrupt curation record at line {line}, column {column}: {message} (the file was left as it is)")]
    CorruptCuration {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: the store is a symlink to {target}, which does not exist; create the store there or point --store at a file")]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error("{path}: no store here; add articles with `kg ingest PATH...`")]
    Missing { path: PathBuf },
    #[error("{path}: no article {query:?} in the store (give an id, an id prefix, or the path it was ingested from){}", suggest(.suggestions))]
    UnknownArticle {
        path: PathBuf,
        query: String,
        suggestions: Vec<String>,
    },
    #[error("{path}: article id prefix {query:?} is too short: give at least {min} hex digits of the id")]
    ShortPrefix {
        path: PathBuf,
        query: String,
        min: usize,
    },
    #[error("{path}: {query:?} names {} articles; give more of the id: {}", .matches.len(), .matches.join(", "))]
    AmbiguousArticle {
        path: PathBuf,
        query: String,
        matches: Vec<String>,
    },
}

/// Reading, extracting and merging articles into a store, also when a store
/// is built from the shipped corpus on opening.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Gazetteer(#[from] crate::gazetteer::GazetteerError),
    #[error("{source_name}:{line}: {message}")]
    Jsonl {
        source_name: String,
        line: usize,
        message: String,
    },
    #[error("cannot write the extractions: {0}")]
    Output(#[source] std::io::Error),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{path}: no store here, and no shipped articles to build it from (looked for data/articles in the current folder and in {source_tree}); add articles with `kg ingest PATH...`")]
    NoCorpus { path: PathBuf, source_tree: PathBuf },
}

pub use crate::store::import::ImportError;

/// Answering a query.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    #[error("unknown entity {name:?}{}", suggest(.suggestions))]
    UnknownEntity {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("{name:?} names {} entities; say which by its id: {}", .candidates.len(), .candidates.join(", "))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("--max-hops must be between 1 and {max}, got {got}")]
    BadHops { got: usize, max: usize },
    #[error("{a:?} and {b:?} are the same entity")]
    SameEntity { a: String, b: String },
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}

/// Writing a diagram.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error("the Graphviz `dot` program is not installed, needed for {format} output; install it with `apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` (macOS)")]
    DotMissing { format: String },
    #[error("the built-in layout draws at most {max} nodes and this diagram has {nodes}; install Graphviz (`apt-get install graphviz`) or narrow it with --focus/--depth")]
    TooLarge { nodes: usize, max: usize },
    #[error("Graphviz failed: {message}")]
    Graphviz { message: String },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("nothing to export: {message}")]
    Empty { message: String },
    #[error("{format} is a file for other tools, not a drawing")]
    NotADrawing { format: String },
}

/// `kg merge`, `kg reject` and `kg unalias`: a decision that names what the
/// store does not hold, or cannot be taken.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CurationError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An unknown or ambiguous name, as `kg query` reports it.
    #[error("{path}")]
    Name {
        path: PathBuf,
        #[source]
        source: QueryError,
    },
    #[error("{path}: {a:?} and {b:?} are the same entity ({id})")]
    SameEntity {
        path: PathBuf,
        a: String,
        b: String,
        id: String,
    },
    #[error("{path}: {from} is {from_kind} and {into} is {into_kind}; only entities of one kind can be merged")]
    KindsDiffer {
        path: PathBuf,
        into: String,
        into_kind: String,
        from: String,
        from_kind: String,
    },
    #[error("{path}: no relation {subject} —{relation}→ {object} in the store{}", list_between(.between))]
    NoRelation {
        path: PathBuf,
        subject: String,
        relation: String,
        object: String,
        /// The relations the two do have, as `—relation→` or `←relation—`.
        between: Vec<String>,
    },
    #[error("{path}: {entity} has no alias {alias:?}{}", list_aliases(.aliases))]
    NoAlias {
        path: PathBuf,
        entity: String,
        alias: String,
        aliases: Vec<String>,
    },
    #[error("{path}: {alias:?} is the name of {entity}, not an alias; merge it into another entity instead, or give the alias to remove")]
    AliasIsName {
        path: PathBuf,
        entity: String,
        alias: String,
    },
}

fn list_between(relations: &[String]) -> String {
    if relations.is_empty() {
        "; nothing joins the two directly".to_string()
    } else {
        format!("; between them: {}", relations.join(", "))
    }
}

fn list_aliases(aliases: &[String]) -> String {
    if aliases.is_empty() {
        "; it has none".to_string()
    } else {
        format!("; its aliases: {}", aliases.join(", "))
    }
}
