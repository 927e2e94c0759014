//! `kg forget`: removes the articles named from the store ([`kg::store::forget`])
//! and prints what went.

use super::progress::Stderr;
use anyhow::Result;
use std::path::Path;

/// `kg forget ARTICLE...` from the store at `store_path`.
pub fn run(store_path: &Path, queries: &[String]) -> Result<()> {
    let done = kg::store::forget(store_path, queries, &Stderr::new())?;
    let total = done.total;
    println!(
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
        println!("  {id}  {path}");
    }
    Ok(())
}
