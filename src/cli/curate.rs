//! `kg merge`, `kg reject` and `kg unalias`: one decision taken on the store
//! and recorded beside it ([`kg::curate::curate`]), and what it did.

use super::args::{Decision as Asked, OutputFormat};
use super::progress::Stderr;
use super::written::Written;
use anyhow::Result;
use kg::curate::{Curated, Decision, Request};
use std::path::Path;

/// `kg merge`, `kg reject` or `kg unalias` on the store at `store_path`.
pub fn run(store_path: &Path, asked: Asked) -> Result<()> {
    match asked {
        Asked::Merge { into, from, format } => take(
            store_path,
            Request::Merge {
                into: &into,
                from: &from,
            },
            format,
        ),
        Asked::Reject {
            source,
            relation,
            target,
            format,
        } => take(
            store_path,
            Request::Reject {
                source: &source,
                relation,
                target: &target,
            },
            format,
        ),
        Asked::Unalias {
            entity,
            alias,
            format,
        } => take(
            store_path,
            Request::Unalias {
                entity: &entity,
                alias: &alias,
            },
            format,
        ),
    }
}

/// Takes `request` on the store at `store_path` and prints what it did.
fn take(store_path: &Path, request: Request<'_>, format: OutputFormat) -> Result<()> {
    let done = kg::curate::curate(store_path, request, &kg::ingest::Pipeline, &Stderr::new())?;
    if format == OutputFormat::Json {
        return super::emit_json(&as_written(store_path, done));
    }
    let what = describe(&done.decision, done.saved.is_some());
    match done.saved {
        None => say!(
            "{what}: decided before; {} left as it was",
            store_path.display()
        ),
        Some(snapshot) => say!(
            "{what}; recorded in {}, saved {}{}",
            done.record.display(),
            store_path.display(),
            super::and_snapshot(snapshot)
        ),
    }
    Ok(())
}

/// The decision in words: as taken now, or as taken before.
fn describe(decision: &Decision, now: bool) -> String {
    match decision {
        Decision::Merge {
            into,
            from,
            moved,
            joined,
        } if now => format!(
            "merged {} ({}) into {} ({}): {moved} relation{} moved, {joined} of them joined with one it had",
            from.name,
            from.id,
            into.name,
            into.id,
            if *moved == 1 { "" } else { "s" },
        ),
        Decision::Merge { into, from, .. } => format!(
            "{} ({}) is merged into {} ({})",
            from.name, from.id, into.name, into.id
        ),
        Decision::Reject {
            source,
            relation,
            target,
            evidence,
            articles,
        } if now => format!(
            "rejected {} —{relation}→ {} ({evidence} sentence{}, {articles} article{})",
            source.name,
            target.name,
            if *evidence == 1 { "" } else { "s" },
            if *articles == 1 { "" } else { "s" },
        ),
        Decision::Reject {
            source,
            relation,
            target,
            ..
        } => format!("{} —{relation}→ {} is rejected", source.name, target.name),
        Decision::Unalias { entity, alias } if now => {
            format!("removed alias {alias:?} from {} ({})", entity.name, entity.id)
        }
        Decision::Unalias { entity, alias } => {
            format!("alias {alias:?} is removed from {} ({})", entity.name, entity.id)
        }
    }
}

/// What `--format json` prints: the writers' shape, with the decision.
fn as_written(store_path: &Path, done: Curated) -> Written {
    let command = match done.decision {
        Decision::Merge { .. } => "merge",
        Decision::Reject { .. } => "reject",
        Decision::Unalias { .. } => "unalias",
    };
    let mut written = Written::new(command, store_path);
    if let Some(snapshot) = done.saved {
        written = written.saved(snapshot);
    }
    written = written.with_diff(&done.diff);
    written.record = Some(done.record.display().to_string());
    written.decision = Some(done.decision);
    written
}
