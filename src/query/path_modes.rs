//! `kg paths`: the four path questions — the best-ranked paths, one
//! shortest path, all shortest paths, simple paths (each countable) —
//! between two entities, narrowed by relation, entity kind and date, asked
//! of the compact index with a work budget.

use crate::error::QueryError;
use crate::model::{EntityKind, PartialDate, RelationKind};
use crate::query::answer::Scope;
use crate::query::paths_report::{Mode, PathsResult, Route};
use crate::query::searcher::{Filter, Limits, Outcome, Path as Found, Searcher};
use crate::store::index::GraphIndex;
use std::ops::ControlFlow;

/// Links one query may visit before it stops with what it has (about a second).
pub const WORK_BUDGET: u64 = 100_000_000;

/// What `kg paths` asks.
#[derive(Debug, Clone, Copy)]
pub struct PathsQuery<'q> {
    pub a: &'q str,
    pub b: &'q str,
    pub mode: Mode,
    /// The longest path, in hops (checked: 1 to [`super::MAX_HOPS`]).
    pub max_hops: usize,
    /// How many paths at most.
    pub limit: usize,
    /// Count the paths instead of listing them (all shortest, simple).
    pub count: bool,
    /// Only these relations (none: all).
    pub relations: &'q [RelationKind],
    /// Only through entities of these kinds (none: all).
    pub through: &'q [EntityKind],
    /// Never through entities of these kinds.
    pub avoid: &'q [EntityKind],
    /// Only edges and milestones dated then or later (undated ones pass).
    pub from: Option<PartialDate>,
    /// Only edges and milestones dated then or earlier (undated ones pass).
    pub until: Option<PartialDate>,
}

/// Answers `q` on `g`.
pub(crate) fn answer(
    g: &GraphIndex,
    scope: &Scope,
    q: &PathsQuery<'_>,
) -> Result<PathsResult, QueryError> {
    super::check_hops(q.max_hops)?;
    let (a, b) = (g.resolve(q.a)?, g.resolve(q.b)?);
    if a == b {
        return Err(QueryError::SameEntity {
            a: q.a.to_string(),
            b: q.b.to_string(),
        });
    }
    let filter = Filter::any()
        .within(scope)
        .relations(q.relations)
        .through(q.through)
        .avoid(q.avoid)
        .dated(
            q.from.map(PartialDate::packed),
            q.until.map(PartialDate::packed),
        );
    Ok(search(g, a, b, q, &filter))
}

/// Runs the search `q` asks for between `a` and `b`.
fn search(g: &GraphIndex, a: u32, b: u32, q: &PathsQuery<'_>, filter: &Filter) -> PathsResult {
    let max_hops = q.max_hops;
    let mut result = PathsResult::new(g, a, b, q.mode, max_hops);
    let mut s = Searcher::new(g);
    let limits = Limits::new(max_hops, q.limit).with_budget(WORK_BUDGET);
    let mut found: Vec<Found> = Vec::new();
    let outcome = match q.mode {
        Mode::Ranked => {
            let (paths, outcome) = s.ranked_paths(a, b, filter, limits);
            found = paths;
            outcome
        }
        Mode::Shortest => {
            found.extend(s.shortest_path(a, b, filter, max_hops));
            Outcome::Complete
        }
        Mode::AllShortest => {
            let limit = if q.count { 0 } else { q.limit };
            let answer = s.all_shortest(a, b, filter, max_hops, limit, &mut |p| {
                found.push(p.clone());
                ControlFlow::Continue(())
            });
            match answer {
                Some((count, outcome)) => {
                    result.count = Some(count.paths);
                    result.shortest_hops = Some(count.hops);
                    if q.count {
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
        Mode::Simple if q.count => {
            let (n, outcome) = s.count_simple(a, b, filter, limits.with_limit(usize::MAX));
            result.count = Some(n);
            outcome
        }
        Mode::Simple => {
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
