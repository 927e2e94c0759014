//! `kg forget`: removes the articles named from the store ([`kg::store::forget`])
//! and prints what went.

use super::args::OutputFormat;
use super::progress::Stderr;
use super::written::{ArticleId, Counts, Written};
use anyhow::Result;
use std::path::Path;

/// `kg forget ARTICLE...` from the store at `store_path`.
pub fn run(store_path: &Path, queries: &[String], format: OutputFormat) -> Result<()> {
    let done = kg::store::forget(store_path, queries, &kg::ingest::Pipeline, &Stderr::new())?;
    let total = done.total;
    if format == OutputFormat::Json {
        let mut written = Written::new("forget", store_path).saved(done.snapshot);
        written.articles = total.articles;
        written.removed = Counts {
            entities: total.entities,
            relations: total.relations,
            evidence: total.evidence,
        };
        written.forgotten = done
            .articles
            .into_iter()
            .map(|(id, path)| ArticleId { id, path })
            .collect();
        return super::emit_json(&written);
    }
    say!(
        "forgot {} article{}: -{} entities, -{} relations, -{} evidence; saved {}{}",
        total.articles,
        if total.articles == 1 { "" } else { "s" },
        total.entities,
        total.relations,
        total.evidence,
        store_path.display(),
        super::and_snapshot(done.snapshot)
    );
    for (id, path) in done.articles {
        say!("  {id}  {path}");
    }
    Ok(())
}
