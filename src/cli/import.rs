//! `kg import --nodes FILE --edges FILE` or `kg import --neo4j DIR`: a graph
//! from CSV into the store, under the store's lock, all or nothing
//! ([`kg::store::import_csv`], [`kg::store::import_neo4j`]); prints what it added.

use super::args::{OutputFormat, SnapshotWhen};
use super::progress::Stderr;
use super::written::{Counts, Written};
use anyhow::Result;
use kg::ingest::Pipeline;
use kg::store;
use kg::store::SnapshotPolicy;
use std::path::Path;

/// `kg import` into the store at `store_path`.
pub fn run(
    store_path: &Path,
    nodes: &Path,
    edges: &Path,
    when: SnapshotWhen,
    format: OutputFormat,
) -> Result<()> {
    let policy = match when {
        SnapshotWhen::Auto => SnapshotPolicy::Auto,
        SnapshotWhen::Always => SnapshotPolicy::Always,
        SnapshotWhen::Never => SnapshotPolicy::Never,
    };
    let summary = store::import_csv(store_path, nodes, edges, policy, &Pipeline, &Stderr::new())?;
    if format == OutputFormat::Json {
        return json(store_path, summary);
    }
    let from = format!("{} and {}", nodes.display(), edges.display());
    if summary.already {
        say!(
            "{from} were imported before: nothing new; {} left as it was",
            store_path.display()
        );
        return Ok(());
    }
    if let Some((path, why)) = &summary.snapshot_failed {
        eprintln!(
            "kg: warning: cannot write {}: {why}; the store holds the import",
            path.display()
        );
    }
    let snapshot = summary
        .snapshot
        .as_ref()
        .map_or_else(String::new, |p| format!(" and {}", p.display()));
    say!(
        "imported {from}: +{} entities, +{} relations, +{} evidence ({} rows); saved {}{snapshot}",
        summary.entities,
        summary.relations,
        summary.evidence,
        summary.rows,
        store_path.display()
    );
    Ok(())
}

/// `kg import --neo4j DIR` into the store at `store_path`.
pub fn run_neo4j(store_path: &Path, dir: &Path, format: OutputFormat) -> Result<()> {
    let summary = store::import_neo4j(store_path, dir, &Pipeline, &Stderr::new())?;
    if format == OutputFormat::Json {
        return json(store_path, summary);
    }
    if summary.already {
        say!(
            "{} was imported before: nothing new; {} left as it was",
            dir.display(),
            store_path.display()
        );
        return Ok(());
    }
    let snapshot = summary
        .snapshot
        .as_ref()
        .map_or_else(String::new, |p| format!(" and {}", p.display()));
    say!(
        "imported {}/: +{} entities, +{} relations, +{} evidence ({} rows); saved {}{snapshot}",
        dir.display(),
        summary.entities,
        summary.relations,
        summary.evidence,
        summary.rows,
        store_path.display()
    );
    Ok(())
}

/// What `kg import --format json` prints; a snapshot that could not be
/// written is still warned of on stderr.
fn json(store_path: &Path, summary: store::ImportSummary) -> Result<()> {
    if let Some((path, why)) = &summary.snapshot_failed {
        eprintln!(
            "kg: warning: cannot write {}: {why}; the store holds the import",
            path.display()
        );
    }
    let mut written = Written::new("import", store_path);
    if !summary.already {
        written = written.saved(summary.snapshot);
    }
    written.articles = summary.articles;
    written.rows = Some(summary.rows);
    written.added = Counts {
        entities: summary.entities,
        relations: summary.relations,
        evidence: summary.evidence,
    };
    super::emit_json(&written)
}
