//! `kg export`: draws the whole graph, one entity's neighbourhood or the
//! paths between two entities, as DOT or SVG.

use super::args::ExportFormat;
use super::{corpus, emit, resolve, Usage};
use anyhow::{bail, Result};
use kg::export::{self, Format, View};
use kg::query;
use std::path::{Path, PathBuf};

/// Hops drawn around a single focus unless `--depth` says otherwise.
const DEFAULT_DEPTH: usize = 2;
/// The most nodes a neighbourhood drawing holds; the best-evidenced stay.
const EGO_MAX_NODES: usize = 80;
/// The paths drawn between two foci: as `kg query`'s defaults.
const PATH_HOPS: usize = 4;
const PATH_LIMIT: usize = 10;

/// `kg export [--focus A [B]] [--depth N] --format dot|svg [-o FILE]`.
pub fn run(
    store: &Path,
    focus: &[String],
    depth: Option<usize>,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<()> {
    let usage = |message: String| Err(Usage(message).into());
    if focus.len() > 2 {
        return usage(format!(
            "--focus takes one or two entities, got {}",
            focus.len()
        ));
    }
    if let Some(d) = depth {
        if focus.len() != 1 {
            return usage("--depth applies to a single --focus entity".to_string());
        }
        if !(1..=query::MAX_HOPS).contains(&d) {
            return usage(format!(
                "--depth must be between 1 and {}, got {d}",
                query::MAX_HOPS
            ));
        }
    }
    let format = match format {
        ExportFormat::Dot => Format::Dot,
        ExportFormat::Svg => Format::Svg,
    };
    let graph = corpus::open(store)?.graph;
    let view: View = match focus {
        [a] => {
            let depth = depth.unwrap_or(DEFAULT_DEPTH);
            let (view, left_out) =
                export::ego(&graph, resolve(&graph, a, store)?, depth, EGO_MAX_NODES);
            if left_out > 0 {
                eprintln!(
                    "kg: {left_out} more entities lie within {depth} hops; \
                     the drawing keeps the {} best-evidenced",
                    view.len()
                );
            }
            view
        }
        [a, b] => {
            let (a, b) = (resolve(&graph, a, store)?, resolve(&graph, b, store)?);
            let paths = query::distinct_routes(&graph, a, b, PATH_HOPS, PATH_LIMIT)?;
            if paths.is_empty() {
                eprintln!("kg: no path within {PATH_HOPS} hops; drawing the two entities alone");
            }
            let nodes: Vec<Vec<String>> = paths.into_iter().map(|p| p.nodes).collect();
            export::from_paths(&graph, a, b, &nodes)
        }
        _ => export::whole(&graph),
    };
    if view.is_empty() {
        bail!(
            "{}: nothing to draw, the store holds no entities",
            store.display()
        );
    }
    let rendered = export::render(&export::to_dot(&graph, &view), format)?;
    if let Some(note) = &rendered.note {
        eprintln!("kg: {note}");
    }
    if output == Some(Path::new("-")) {
        return emit(&String::from_utf8_lossy(&rendered.bytes));
    }
    let path: PathBuf = output.map_or_else(
        || export::default_path(&view.title, format),
        Path::to_path_buf,
    );
    export::write(&path, &rendered.bytes)?;
    println!(
        "wrote {} ({}, {} entities)",
        path.display(),
        view.title,
        view.len()
    );
    Ok(())
}
