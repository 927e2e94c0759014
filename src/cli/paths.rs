//! `kg paths A B`: path queries on the compact index, opened from the store's
//! snapshot when it is current, else built from the store (and the snapshot
//! written anew when the graph is large).

use super::args::{OutputFormat, PathMode, PathsArgs};
use super::{corpus, emit, emit_json, no_match_unless, Usage};
use anyhow::{Context, Result};
use kg::error::QueryError;
use kg::query::MAX_HOPS;
use kg::scale::index::GraphIndex;
use kg::scale::report::{render_text, Mode, PathsResult, Route};
use kg::scale::ron_out::{modified_ns, FileDigest};
use kg::scale::search::{Filter, Limits, Outcome, Path as Found, Searcher};
use kg::scale::snapshot::{self, Loaded};
use std::ops::ControlFlow;
use std::path::Path;

/// Links one query may visit before it stops with what it has (about a second).
pub const WORK_BUDGET: u64 = 100_000_000;

/// `kg paths` on the store at `store`.
pub fn run(store: &Path, req: &PathsArgs) -> Result<()> {
    let max_hops = req.max_hops.unwrap_or(match req.mode {
        PathMode::Shortest | PathMode::AllShortest => MAX_HOPS,
        PathMode::Ranked | PathMode::Simple => 4,
    });
    if !(1..=MAX_HOPS).contains(&max_hops) {
        return Err(QueryError::BadHops {
            got: max_hops,
            max: MAX_HOPS,
        }
        .into());
    }
    if req.count && !matches!(req.mode, PathMode::AllShortest | PathMode::Simple) {
        return Err(Usage("--count counts paths of --mode all-shortest or simple".into()).into());
    }
    let index = open_index(store)?;
    let resolve = |name: &str| {
        index
            .resolve(name)
            .with_context(|| store.display().to_string())
    };
    let (a, b) = (resolve(&req.a)?, resolve(&req.b)?);
    if a == b {
        return Err(Usage(format!("{:?} and {:?} are the same entity", req.a, req.b)).into());
    }
    let filter = Filter::any()
        .relations(&req.relation)
        .through(&req.through)
        .avoid(&req.avoid)
        .dated(req.from, req.until);
    let result = answer(&index, a, b, req, max_hops, &filter);
    let found = !result.paths.is_empty() || result.count.is_some_and(|n| n > 0);
    match req.format {
        OutputFormat::Text => emit(&render_text(&index, &result)),
        OutputFormat::Json => emit_json(&result),
    }?;
    no_match_unless(found)
}

/// Runs the query `req` asks for between `a` and `b`.
fn answer(
    g: &GraphIndex,
    a: u32,
    b: u32,
    req: &PathsArgs,
    max_hops: usize,
    filter: &Filter,
) -> PathsResult {
    let mode = match req.mode {
        PathMode::Ranked => Mode::Ranked,
        PathMode::Shortest => Mode::Shortest,
        PathMode::AllShortest => Mode::AllShortest,
        PathMode::Simple => Mode::Simple,
    };
    let mut result = PathsResult::new(g, a, b, mode, max_hops);
    let mut s = Searcher::new(g);
    let limits = Limits::new(max_hops, req.limit).with_budget(WORK_BUDGET);
    let mut found: Vec<Found> = Vec::new();
    let outcome = match req.mode {
        PathMode::Ranked => {
            let (paths, outcome) = s.ranked_paths(a, b, filter, limits);
            found = paths;
            outcome
        }
        PathMode::Shortest => {
            found.extend(s.shortest_path(a, b, filter, max_hops));
            Outcome::Complete
        }
        PathMode::AllShortest => {
            let limit = if req.count { 0 } else { req.limit };
            let answer = s.all_shortest(a, b, filter, max_hops, limit, &mut |p| {
                found.push(p.clone());
                ControlFlow::Continue(())
            });
            match answer {
                Some((count, outcome)) => {
                    result.count = Some(count.paths);
                    result.shortest_hops = Some(count.hops);
                    if req.count {
                        Outcome::Complete
                    } else {
                        outcome
                    }
                }
                None => {
                    result.count = Some(0);
                    Outcome::Complete
                }
            }
        }
        PathMode::Simple if req.count => {
            let (n, outcome) = s.count_simple(a, b, filter, limits.with_limit(usize::MAX));
            result.count = Some(n);
            outcome
        }
        PathMode::Simple => {
            let outcome = s.simple_paths(a, b, filter, limits, &mut |p| {
                found.push(p.clone());
                ControlFlow::Continue(())
            });
            found.sort_by(|x, y| (x.hops(), &x.nodes).cmp(&(y.hops(), &y.nodes)));
            outcome
        }
    };
    result.outcome = outcome.as_str();
    result.paths = found.iter().map(|p| Route::of(g, p)).collect();
    result
}

/// The index of the store at `store`: from its snapshot when current, else
/// built from the store, writing a new snapshot when the graph is large or
/// the old one was stale.
pub fn open_index(store: &Path) -> Result<GraphIndex> {
    if let Loaded::Fresh(index) = snapshot::load(store) {
        return Ok(*index);
    }
    // Stale or missing: a writer may be between its two renames (store, then
    // snapshot). Under the store's lock no writer is: wait for it, look
    // again, and write a snapshot only while holding it. Without the lock (a
    // read-only folder) the store is read and no snapshot written.
    let lock = store
        .exists()
        .then(|| kg::store::lock(store, |_| {}).ok())
        .flatten();
    let stale = match snapshot::load(store) {
        Loaded::Fresh(index) => return Ok(*index),
        Loaded::Missing => false,
        Loaded::Stale(why) => {
            eprintln!(
                "kg: {} {why}; reading {} instead",
                snapshot::path_for(store).display(),
                store.display()
            );
            true
        }
    };
    // Read the bytes ourselves, so the snapshot names exactly what was indexed.
    let modified = modified_ns(store);
    let bytes = match std::fs::read(store) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(e).with_context(|| format!("{}: cannot read the store", store.display()))
        }
    };
    let own = match &bytes {
        Some(bytes) => {
            let text = std::str::from_utf8(bytes).ok();
            match text.map(|t| kg::store::from_str(store, t)) {
                Some(Ok(s)) if !s.default_corpus => Some(s),
                _ => None,
            }
        }
        None => None,
    };
    let Some(own) = own else {
        // Missing, shipped-corpus or damaged: the usual way, with its messages
        // (which takes the lock itself to build).
        drop(lock);
        return Ok(GraphIndex::from_graph(&corpus::open(store)?.graph));
    };
    let index = GraphIndex::from_graph(&own.graph);
    let wanted = stale || snapshot::worth_it(own.graph.node_count(), own.graph.edge_count());
    if wanted && lock.is_some() {
        let digest = FileDigest::of_bytes(bytes.as_deref().unwrap_or_default(), modified);
        match snapshot::write(store, &digest, false, &index) {
            Ok(path) => eprintln!("kg: wrote {} for fast opening", path.display()),
            Err(e) => eprintln!(
                "kg: warning: cannot write {}: {e}",
                snapshot::path_for(store).display()
            ),
        }
    }
    Ok(index)
}
