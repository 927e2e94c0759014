//! The command-line layer: flags ([`args`]) are validated before any work,
//! then one function per command calls the library and prints the result.
//! Errors carry the file they concern; `main` turns them into exit codes.

pub mod args;
mod bench;
mod corpus;
mod docs;
mod export;
mod forget;
mod import;
mod ingest;
mod paths;
mod progress;
mod reindex;
mod render;

use anyhow::{Context, Result};
use args::{Args, Command, ExtractFormat, OutputFormat};
use kg::error::{ArticleError, QueryError};
use kg::graph::KnowledgeGraph;
use kg::query;
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;
use std::io::Write as _;
use std::path::Path;

/// Exit code for a bad flag value, as clap uses for usage errors.
const USAGE: u8 = 2;
/// Exit code for every other failure.
const FAILURE: u8 = 1;

/// Runs one command.
pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Completions { shell } => return docs::completions(shell),
        Command::Man => return docs::man(),
        _ => {}
    }
    let store = corpus::store_path(args.store)?;
    match args.command {
        Command::Ingest { paths, date } => ingest::run(&store, &paths, date.as_deref()),
        Command::Extract { file, format, date } => extract(&file, format, date.as_deref()),
        Command::Query {
            a,
            b,
            max_hops,
            limit,
            as_of,
            format,
        } => {
            if !(1..=query::MAX_HOPS).contains(&max_hops) {
                return Err(QueryError::BadHops {
                    got: max_hops,
                    max: query::MAX_HOPS,
                }
                .into());
            }
            if let Some(date) = &as_of {
                let valid = date.len() >= 4
                    && date
                        .split('-')
                        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
                    && kg::export::PartialDate::parse(date).is_some();
                if !valid {
                    return Err(Usage(format!(
                        "invalid --as-of {date:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"
                    ))
                    .into());
                }
            }
            if let Some(index) = snapshot_index(&store)? {
                let scope = match &as_of {
                    Some(date) => kg::scale::answer::Scope::as_of(&index, date),
                    None => kg::scale::answer::Scope::everything(),
                };
                let resolve = |name: &str| {
                    kg::scale::answer::resolve_in_scope(&index, &scope, name)
                        .with_context(|| store.display().to_string())
                };
                let (a, b) = (resolve(&a)?, resolve(&b)?);
                let ans = kg::scale::answer::query(&index, &scope, a, b, max_hops, limit)?;
                let found = !ans.paths.is_empty() || !ans.facts.is_empty();
                match format {
                    OutputFormat::Text => emit(&query::render_paths_text(
                        &ans.graph, ans.a, ans.b, &ans.paths, &ans.facts,
                    )),
                    OutputFormat::Json => emit_json(&query::QueryResult::new(
                        &ans.graph, ans.a, ans.b, ans.paths, ans.facts,
                    )),
                }?;
                return no_match_unless(found);
            }
            let mut graph = corpus::open(&store)?.graph;
            if let Some(date) = as_of {
                graph = query::as_of(&graph, &date);
            }
            let (a, b) = (resolve(&graph, &a, &store)?, resolve(&graph, &b, &store)?);
            let paths = query::distinct_routes(&graph, a, b, max_hops, limit)?;
            let facts = query::direct_facts(&graph, a, b);
            let found = !paths.is_empty() || !facts.is_empty();
            match format {
                OutputFormat::Text => emit(&query::render_paths_text(&graph, a, b, &paths, &facts)),
                OutputFormat::Json => {
                    emit_json(&query::QueryResult::new(&graph, a, b, paths, facts))
                }
            }?;
            no_match_unless(found)
        }
        Command::Show { entity, format } => {
            let (graph, ix) = match snapshot_index(&store)? {
                Some(index) => {
                    let v = resolve_in(&index, &entity, &store)?;
                    kg::scale::answer::around(&index, v)
                }
                None => {
                    let graph = corpus::open(&store)?.graph;
                    let ix = resolve(&graph, &entity, &store)?;
                    (graph, ix)
                }
            };
            let view = query::show(&graph, ix);
            match format {
                OutputFormat::Text => emit(&query::render_show_text(&graph, &view)),
                OutputFormat::Json => emit_json(&view),
            }
        }
        Command::Timeline {
            a,
            b,
            format,
            output,
        } => export::timeline(&store, &a, b.as_deref(), format, output.as_deref()),
        Command::Eval {
            gold_dir,
            article_dirs,
            quiet,
            format,
        } => {
            let report = eval(&gold_dir, &article_dirs)?;
            match format {
                OutputFormat::Text => emit(report.render_text(quiet).trim_end()),
                OutputFormat::Json => emit_json(&report),
            }
        }
        Command::Stats { format } => {
            let stats = match snapshot_index(&store)? {
                Some(index) => kg::scale::answer::stats(&index),
                None => query::stats(&corpus::open(&store)?.graph),
            };
            match format {
                OutputFormat::Text => emit(&query::render_stats_text(&stats)),
                OutputFormat::Json => emit_json(&stats),
            }
        }
        Command::Export {
            focus,
            depth,
            format,
            output,
            kinds,
            since,
            until,
            max_nodes,
        } => export::run(
            &store,
            &export::Options {
                focus: &focus,
                depth,
                format,
                output: output.as_deref(),
                kinds: &kinds,
                since: since.as_deref(),
                until: until.as_deref(),
                max_nodes,
            },
        ),
        Command::Report {
            a,
            b,
            output,
            max_hops,
            limit,
        } => export::report(&store, &a, &b, output.as_deref(), max_hops, limit),
        Command::Forget { articles } => forget::run(&store, &articles),
        Command::Reindex => reindex::run(&store),
        Command::Import {
            nodes,
            edges,
            snapshot,
        } => import::run(&store, &nodes, &edges, snapshot),
        Command::Paths(request) => paths::run(&store, &request),
        Command::Bench(request) => bench::run(&request),
        Command::BenchWorker {
            task,
            dir,
            work,
            pairs,
        } => bench::worker(&task, &dir, &work, pairs),
        // Answered above, before the store is looked for.
        Command::Completions { .. } | Command::Man => Ok(()),
    }
}

/// A flag value that is well-formed but not acceptable, found before any work.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// A query that ran and printed its answer, which is that nothing connects
/// the two entities: exit code 1, as grep's "no match", and no message.
#[derive(Debug, thiserror::Error)]
#[error("no connection found")]
pub struct NoMatch;

/// `Err(NoMatch)` when a query found nothing.
pub(crate) fn no_match_unless(found: bool) -> Result<()> {
    if found {
        Ok(())
    } else {
        Err(NoMatch.into())
    }
}

/// True when the error is only [`NoMatch`]: the answer was printed.
pub fn is_no_match(err: &anyhow::Error) -> bool {
    err.is::<NoMatch>()
}

/// The exit code for an error: 2 for a bad flag value, 1 otherwise.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    let usage = err.chain().any(|cause| {
        cause.is::<Usage>()
            || matches!(
                cause.downcast_ref::<QueryError>(),
                Some(QueryError::BadHops { .. })
            )
            || matches!(
                cause.downcast_ref::<ArticleError>(),
                Some(ArticleError::BadDate { .. })
            )
    });
    if usage {
        USAGE
    } else {
        FAILURE
    }
}

/// True when the error is only that stdout was closed (`kg … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `kg extract FILE`: one article's extraction; never opens the store.
fn extract(file: &Path, format: ExtractFormat, date: Option<&str>) -> Result<()> {
    let date = date.map(kg::article::parse_date_option).transpose()?;
    let article = kg::article::read(file, date)?;
    let extraction = kg::extract::Extractor::shared()?.extract(&article);
    match format {
        ExtractFormat::Json => emit_json(&extraction),
        ExtractFormat::Text => emit(&render::extraction_text(&extraction)),
    }
}

/// Extracts the article behind every gold file and scores it like score.py.
fn eval(gold_dir: &Path, article_dirs: &[std::path::PathBuf]) -> Result<kg::eval::Report> {
    let mut gold_files: Vec<std::path::PathBuf> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("{}: cannot read the gold folder", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    gold_files.sort();
    if gold_files.is_empty() {
        anyhow::bail!(
            "{}: no gold files (*.json) in this folder",
            gold_dir.display()
        );
    }
    let extractor = kg::extract::Extractor::shared()?;
    let mut report = kg::eval::Report::default();
    for gold_path in gold_files {
        let text = std::fs::read_to_string(&gold_path)
            .with_context(|| format!("{}: cannot read", gold_path.display()))?;
        let gold: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{}: not valid JSON", gold_path.display()))?;
        let stem = gold_path.file_stem().unwrap_or_default();
        let article_path = article_dirs
            .iter()
            .flat_map(|d| ["txt", "md"].map(|ext| d.join(stem).with_extension(ext)))
            .collect::<Vec<_>>()
            .into_iter()
            .find(|p| p.is_file());
        let name = gold_path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let extraction = match article_path {
            // As `kg extract` sees it: no date beyond the article's own dateline.
            Some(p) => extractor.extract(&kg::article::read(&p, None)?),
            None => {
                eprintln!("kg: no article for {name} in the given folders; scored as empty");
                kg::model::Extraction {
                    article: kg::model::ArticleMeta {
                        id: String::new(),
                        path: String::new(),
                        title: String::new(),
                        date: None,
                    },
                    entities: Vec::new(),
                    relations: Vec::new(),
                }
            }
        };
        report.add(kg::eval::score(&name, &gold, &extraction));
    }
    Ok(report)
}

/// What `kg timeline --format json` prints.
#[derive(Serialize)]
struct TimelineJson {
    /// The entity, and the second one when given.
    entities: Vec<query::EntityRef>,
    milestones: Vec<query::TimelineEntry>,
    /// Between two parties: their partnership levels, each superseded by the next.
    partnership_levels: Vec<query::LevelSpan>,
}

/// Resolves a name, naming the store in the error (which lists suggestions).
fn resolve(graph: &KnowledgeGraph, name: &str, store: &Path) -> Result<NodeIndex> {
    query::resolve(graph, name).with_context(|| store.display().to_string())
}

/// The store's index from its snapshot when the snapshot is current. A stale
/// one is said and rebuilt from the store, as `kg paths` does, so the next
/// command is fast again; `None` without a snapshot: the caller reads the RON.
pub(crate) fn snapshot_index(store: &Path) -> Result<Option<kg::scale::index::GraphIndex>> {
    match kg::scale::snapshot::load(store) {
        kg::scale::snapshot::Loaded::Fresh(index) => Ok(Some(*index)),
        kg::scale::snapshot::Loaded::Missing => Ok(None),
        kg::scale::snapshot::Loaded::Stale(_) => paths::open_index(store).map(Some),
    }
}

/// Saves `store` at `path` and, when the graph is large or the store had a
/// snapshot, writes the snapshot anew, so the next command opens it instead
/// of reading the RON. The index is built while the store is written (the
/// write mostly waits on the disk). Returns the snapshot's path when written;
/// a snapshot that cannot be written is a warning, as the store is saved,
/// and a store that cannot be saved writes none.
pub(crate) fn save_with_snapshot(
    path: &Path,
    store: &kg::store::Store,
) -> Result<Option<std::path::PathBuf>> {
    use kg::scale::{index::GraphIndex, snapshot};
    let graph = &store.graph;
    let had = snapshot::path_for(path).exists();
    // A store of the shipped corpus is rebuilt by its own rules, never from a snapshot.
    let wanted = !store.default_corpus
        && (had || snapshot::worth_it(graph.node_count(), graph.edge_count()));
    let (saved, index) = std::thread::scope(|scope| {
        let index = wanted.then(|| scope.spawn(|| GraphIndex::from_graph(graph)));
        let saved = kg::store::save(path, store);
        let index = index.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (saved, index)
    });
    let digest = saved?;
    let Some(index) = index else {
        return Ok(None);
    };
    match snapshot::write(path, &digest, false, &index) {
        Ok(written) => Ok(Some(written)),
        Err(e) => {
            eprintln!(
                "kg: warning: cannot write {}: {e}",
                snapshot::path_for(path).display()
            );
            Ok(None)
        }
    }
}

/// `" and <snapshot>"` when one was written, for the line saying what was saved.
pub(crate) fn and_snapshot(written: Option<std::path::PathBuf>) -> String {
    written.map_or_else(String::new, |p| format!(" and {}", p.display()))
}

/// [`resolve`] on the index.
pub(crate) fn resolve_in(
    index: &kg::scale::index::GraphIndex,
    name: &str,
    store: &Path,
) -> Result<u32> {
    kg::scale::answer::resolve(index, name).with_context(|| store.display().to_string())
}

/// Writes `text` to stdout, ending it with a newline; terminal control
/// sequences that article text may carry are not passed to the terminal.
fn emit(text: &str) -> Result<()> {
    let text = strip_terminal_controls(text);
    let mut out = std::io::stdout().lock();
    let mut write = || -> std::io::Result<()> {
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        out.flush()
    };
    write().map_err(stdout_error)
}

/// An error writing stdout, saying so (a full disk behind a redirect, say).
pub(crate) fn stdout_error(e: std::io::Error) -> anyhow::Error {
    anyhow::Error::new(e).context("stdout: cannot write")
}

/// `text` without terminal escape sequences (CSI `ESC [ … final`, OSC
/// `ESC ] … BEL` or `ESC \`) and other control characters but line breaks and
/// tabs: text from an article must not recolour, retitle or clear a terminal.
pub(crate) fn strip_terminal_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let clean = |c: char| !c.is_control() || c == '\n' || c == '\t';
    if text.chars().all(clean) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            c if clean(c) => out.push(c),
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Passes over the rest of an escape sequence whose `ESC` was just read.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        // CSI: parameters and intermediates, then one final byte in @..~.
        Some('[') => {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        // OSC, DCS and the like: up to BEL or the string terminator ESC \.
        Some(']' | 'P' | 'X' | '^' | '_') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        _ => {}
    }
}

/// What `kg` prints for an error: each cause once, joined by `: ` as
/// anyhow's `{:#}` joins them, but a cause whose text the message already
/// holds (an OS error that a library error quotes) is not repeated.
pub fn error_message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Writes `value` to stdout as pretty JSON.
fn emit_json<T: Serialize>(value: &T) -> Result<()> {
    emit(&serde_json::to_string_pretty(value)?)
}
