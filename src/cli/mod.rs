//! The command-line layer: flags ([`args`]) are validated before any work,
//! then one function per command calls the library and prints the result.
//! Errors carry the file they concern; `main` turns them into exit codes.

/// `println!` for what a command reports, as [`emit`] writes it: a closed
/// stdout (`kg export … | head -1`) ends kg quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::emit(&format!($($arg)*))?
    };
}

pub mod args;
mod bench;
pub mod bench_args;
mod curate;
mod docs;
mod export;
mod forget;
mod import;
mod ingest;
mod paths;
mod progress;
mod reindex;
mod render;
mod written;

use anyhow::{Context, Result};
use args::{Args, Command, ExtractFormat, OutputFormat};
use kg::error::{ArticleError, CurationError, QueryError};
use kg::model::StatusSet;
use kg::query;
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
    let store = kg::store::store_path(args.store)?;
    match args.command {
        Command::Ingest {
            extractions,
            format,
            ..
        } if !extractions.is_empty() => ingest::run_extractions(&store, &extractions, format),
        Command::Ingest {
            paths,
            date,
            format,
            ..
        } => ingest::run(&store, &paths, date.as_deref(), format),
        Command::Extract { jsonl: true, .. } => extract_jsonl(),
        Command::Extract {
            file, format, date, ..
        } => match file {
            Some(file) => extract(&file, format, date.as_deref()),
            None => Err(Usage("give an article FILE, or --jsonl".to_string()).into()),
        },
        Command::Query {
            a,
            b,
            max_hops,
            limit,
            as_of,
            status,
            format,
        } => {
            query::check_hops(max_hops)?;
            let reader = read(&store)?.keeping(StatusSet::of(&status));
            let found = reader
                .query(&a, &b, as_of, max_hops, limit)
                .with_context(|| store.display().to_string())?;
            print_query(found, format)
        }
        Command::Show {
            entity,
            status,
            format,
        } => show(&store, &entity, StatusSet::of(&status), format),
        Command::Timeline {
            a,
            b,
            status,
            format,
            output,
        } => export::timeline(
            &store,
            &a,
            b.as_deref(),
            StatusSet::of(&status),
            format,
            output.as_deref(),
        ),
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
        Command::Articles {
            since,
            until,
            grep,
            format,
        } => articles(
            &store,
            since.as_deref(),
            until.as_deref(),
            grep.as_deref(),
            format,
        ),
        Command::Search { text, format } => search(&store, &text, format),
        Command::Stats { format } => {
            let stats = read(&store)?.stats();
            match format {
                OutputFormat::Text => emit(&query::render_stats_text(&stats)),
                OutputFormat::Json => emit_json(&stats),
            }
        }
        Command::Export {
            focus,
            status,
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
                since: since.map(|d| d.to_string()).as_deref(),
                until: until.map(|d| d.to_string()).as_deref(),
                max_nodes,
                statuses: StatusSet::of(&status),
            },
        ),
        Command::Report {
            a,
            b,
            output,
            max_hops,
            limit,
        } => export::report(&store, &a, &b, output.as_deref(), max_hops, limit),
        Command::Forget { articles, format } => forget::run(&store, &articles, format),
        Command::Reindex { format } => reindex::run(&store, format),
        Command::Curate(decision) => curate::run(&store, decision),
        Command::Compact => compact(&store),
        Command::Import {
            nodes,
            edges,
            neo4j,
            snapshot,
            format,
        } => match (neo4j, nodes, edges) {
            (Some(dir), _, _) => import::run_neo4j(&store, &dir, format),
            (None, Some(nodes), Some(edges)) => {
                import::run(&store, &nodes, &edges, snapshot, format)
            }
            _ => Err(Usage("kg import needs --nodes and --edges, or --neo4j".into()).into()),
        },
        Command::Paths(request) => paths::run(&store, &request),
        Command::Bench(_) => bench::run(),
        // Answered above, before the store is looked for.
        Command::Completions { .. } | Command::Man => Ok(()),
    }
}

/// Prints what `kg query` found; no match (exit 1) when nothing joins the two.
fn print_query(found: kg::query::Connection, format: OutputFormat) -> Result<()> {
    let connected = !found.paths.is_empty() || !found.facts.is_empty();
    let (graph, a, b) = (&found.graph, found.a, found.b);
    match format {
        OutputFormat::Text => emit(&query::render_paths_text(
            graph,
            a,
            b,
            &found.paths,
            &found.facts,
        )),
        OutputFormat::Json => emit_json(&query::QueryResult::new(
            graph,
            a,
            b,
            found.paths,
            found.facts,
        )),
    }?;
    no_match_unless(connected)
}

/// `kg search`: entities and articles matching `text`; no match (exit 1) when none.
fn search(store: &Path, text: &str, format: OutputFormat) -> Result<()> {
    let found = read(store)?.search(text);
    match format {
        OutputFormat::Text => emit(&query::render_search_text(&found)),
        OutputFormat::Json => emit_json(&found),
    }?;
    no_match_unless(!found.is_empty())
}

/// `kg show`: one entity and its facts.
fn show(store: &Path, entity: &str, statuses: StatusSet, format: OutputFormat) -> Result<()> {
    let reader = read(store)?.keeping(statuses);
    let found = reader
        .show(entity)
        .with_context(|| store.display().to_string())?;
    let (graph, ix) = (&found.graph, found.a);
    let view = query::show(graph, ix);
    match format {
        OutputFormat::Text => emit(&query::render_show_text(graph, &view)),
        OutputFormat::Json => emit_json(&view),
    }
}

/// `kg articles`: the articles in the store, by date and text.
fn articles(
    store: &Path,
    since: Option<&str>,
    until: Option<&str>,
    grep: Option<&str>,
    format: OutputFormat,
) -> Result<()> {
    let dates =
        kg::export::Filter::from_flags(&[], since, until).map_err(|e| Usage(e.to_string()))?;
    let q = query::ArticleQuery { dates, text: grep };
    let rows = read(store)?.articles(&q);
    match format {
        OutputFormat::Text => emit(&query::render_articles_text(&rows)),
        OutputFormat::Json => emit_json(&rows),
    }
}

/// `kg compact`: the journal folded into the store.
fn compact(store: &Path) -> Result<()> {
    let done = kg::store::compact(store, &progress::Stderr::new())?;
    match done.saved {
        Some(snapshot) => println!(
            "folded {} journaled article{} into {}{}",
            done.articles,
            if done.articles == 1 { "" } else { "s" },
            store.display(),
            and_snapshot(snapshot)
        ),
        None => println!("nothing to fold; {} left as it was", store.display()),
    }
    Ok(())
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
                Some(QueryError::BadHops { .. } | QueryError::SameEntity { .. })
            )
            || matches!(
                cause.downcast_ref::<ArticleError>(),
                Some(ArticleError::BadDate { .. })
            )
            || matches!(
                cause.downcast_ref::<CurationError>(),
                Some(CurationError::SameEntity { .. })
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

/// `kg extract --jsonl`: articles as JSON lines on stdin, extractions out.
fn extract_jsonl() -> Result<()> {
    let stdin = std::io::stdin().lock();
    let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    kg::ingest::jsonl::extract_jsonl("stdin", stdin, stdout)?;
    Ok(())
}

/// Extracts the article behind every gold file and scores it like score.py
/// ([`kg::eval::evaluate`]), naming on stderr each gold file without an article.
fn eval(gold_dir: &Path, article_dirs: &[std::path::PathBuf]) -> Result<kg::eval::Report> {
    let (report, unmatched) = kg::eval::evaluate(gold_dir, article_dirs)?;
    for name in unmatched {
        eprintln!("kg: no article for {name} in the given folders; scored as empty");
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

/// The store at `store` opened for reading ([`kg::query::Reader`]).
pub(crate) fn read(store: &Path) -> Result<kg::query::Reader> {
    Ok(kg::query::Reader::open(store, &progress::Stderr::new())?)
}

/// `" and <snapshot>"` when one was written, for the line saying what was saved.
pub(crate) fn and_snapshot(written: Option<std::path::PathBuf>) -> String {
    written.map_or_else(String::new, |p| format!(" and {}", p.display()))
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
