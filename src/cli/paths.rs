//! `kg paths A B`: path queries on the compact index ([`kg::query::Reader::paths`]),
//! opened from the store's snapshot when it is current, else built from the
//! store (and the snapshot written anew when the graph is large).

use super::args::{OutputFormat, PathMode, PathsArgs};
use super::{emit, emit_json, progress::Stderr, Usage};
use anyhow::Result;
use kg::error::QueryError;
use kg::query::{PathsQuery, Reader, MAX_HOPS};
use std::path::Path;

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
    let reader =
        Reader::open_indexed(store, &Stderr::new())?.keeping(kg::model::StatusSet::of(&req.status));
    let query = PathsQuery {
        a: &req.a,
        b: &req.b,
        mode: match req.mode {
            PathMode::Ranked => kg::query::PathMode::Ranked,
            PathMode::Shortest => kg::query::PathMode::Shortest,
            PathMode::AllShortest => kg::query::PathMode::AllShortest,
            PathMode::Simple => kg::query::PathMode::Simple,
        },
        max_hops,
        limit: req.limit,
        count: req.count,
        relations: &req.relation,
        through: &req.through,
        avoid: &req.avoid,
        from: req.from,
        until: req.until,
    };
    let result = reader.paths(&query).map_err(|e| match e {
        // Said of the flags, not of the store.
        QueryError::SameEntity { .. } => anyhow::Error::new(e),
        e => anyhow::Error::new(e).context(store.display().to_string()),
    })?;
    let found = !result.paths.is_empty() || result.count.is_some_and(|n| n > 0);
    match req.format {
        OutputFormat::Text => emit(&reader.render_paths(&result)),
        OutputFormat::Json => emit_json(&result),
    }?;
    super::no_match_unless(found)
}
