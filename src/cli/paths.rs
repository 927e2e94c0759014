//! `kg paths A B`: path queries on the compact index, opened from the store's
//! snapshot when it is current, else built from the store (and the snapshot
//! written anew when the graph is large).

use super::args::{OutputFormat, PathMode, PathsArgs};
use super::{emit, emit_json, open_index, Usage};
use anyhow::{Context, Result};
use kg::query::MAX_HOPS;
use kg::scale::index::GraphIndex;
use kg::scale::report::{render_text, Mode, PathsResult, Route};
use kg::scale::search::{Filter, Limits, Outcome, Path as Found, Searcher};
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
    kg::query::check_hops(max_hops)?;
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
    match req.format {
        OutputFormat::Text => emit(&render_text(&index, &result)),
        OutputFormat::Json => emit_json(&result),
    }
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
