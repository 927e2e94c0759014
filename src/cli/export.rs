//! `kg export`, `kg timeline --format svg` and `kg report`: the views of the
//! graph as files. `kg export` draws the whole graph, one entity's neighbourhood
//! or the paths between two entities (DOT, SVG, PNG, PDF) or writes them for
//! other tools (GraphML, Cytoscape.js JSON, Neo4j CSV).

use super::args::{ExportFormat, TimelineFormat};
use super::{emit, emit_json, TimelineJson, Usage};
use anyhow::{bail, Context as _, Result};
use kg::export::{self, Filter, Format, View};
use kg::graph::KnowledgeGraph;
use kg::model::StatusSet;
use kg::query;
use kg::query::{Drawing, Reader, ViewRequest, Whole};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Hops drawn around a single focus unless `--depth` says otherwise.
const DEFAULT_DEPTH: usize = 2;
/// The most nodes a neighbourhood drawing holds unless `--max-nodes` says otherwise.
const EGO_MAX_NODES: usize = 40;
/// The paths drawn between two foci: as `kg query`'s defaults.
const PATH_HOPS: usize = 4;
const PATH_LIMIT: usize = 10;

/// The flags of `kg export`.
pub struct Options<'a> {
    pub focus: &'a [String],
    pub depth: Option<usize>,
    pub format: ExportFormat,
    pub output: Option<&'a Path>,
    pub kinds: &'a [String],
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    pub max_nodes: Option<usize>,
    /// Only facts of these statuses (`--status`).
    pub statuses: StatusSet,
}

fn usage<T>(message: String) -> Result<T> {
    Err(Usage(message).into())
}

/// The filter the flags ask for, or a usage error.
fn filter(opts: &Options) -> Result<Filter> {
    Filter::from_flags(opts.kinds, opts.since, opts.until).map_err(|e| Usage(e.to_string()).into())
}

/// The library's format for the flag.
fn library_format(format: ExportFormat) -> Format {
    format.0
}

fn diagram_format(format: ExportFormat) -> Option<Format> {
    Some(library_format(format)).filter(|f| f.is_drawing())
}

/// `kg export [--focus A [B]] [--depth N] [--kinds …] [--since D] [--until D]
/// [--max-nodes N] --format F [-o FILE]`.
pub fn run(store: &Path, opts: &Options) -> Result<()> {
    let focus = opts.focus;
    if focus.len() > 2 {
        return usage(format!(
            "--focus takes one or two entities, got {}",
            focus.len()
        ));
    }
    if let Some(d) = opts.depth {
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
    if let Some(n) = opts.max_nodes {
        if focus.len() == 2 {
            return usage(
                "--max-nodes applies to a neighbourhood or the whole graph, not to paths"
                    .to_string(),
            );
        }
        if n == 0 {
            return usage("--max-nodes must be at least 1".to_string());
        }
    }
    if opts.format == ExportFormat::NEO4J && opts.output == Some(Path::new("-")) {
        return usage("--format neo4j writes a folder of CSV files; -o - is not possible".into());
    }
    let filter = filter(opts)?;
    let reader = super::read(store)?.keeping(opts.statuses);
    let req = ViewRequest {
        foci: focus,
        filter: &filter,
        depth: opts.depth.unwrap_or(DEFAULT_DEPTH),
        ego_max: ego_cap(opts),
        whole_max: opts.max_nodes,
        max_hops: PATH_HOPS,
        limit: PATH_LIMIT,
    };
    let Some(format) = diagram_format(opts.format) else {
        if focus.is_empty() {
            // The whole graph for other tools: streamed from the index, row by row.
            let whole = reader.whole(&req);
            let (entities, _) = whole.counts();
            say_left_out_of_graph(whole.left_out(), entities);
            if entities == 0 {
                bail!(nothing_to_draw(store, &filter));
            }
            return interchange(&whole, opts.format, opts.output);
        }
        let drawing = described(draw(store, opts, &reader, &req)?, &filter);
        if drawing.view.is_empty() {
            bail!(nothing_to_draw(store, &filter));
        }
        return interchange(&reader.drawn(&drawing), opts.format, opts.output);
    };
    let mut drawing = described(draw(store, opts, &reader, &req)?, &filter);
    if drawing.view.is_empty() {
        bail!(nothing_to_draw(store, &filter));
    }
    if focus.is_empty() {
        drawing.view = drawing.view.connected_only(&drawing.graph);
    }
    diagram(&drawing.graph, &drawing.view, format, opts.output)
}

/// The view `req` asks for, with what was left out of it said on stderr;
/// the whole graph too large to draw is refused before it is laid out.
fn draw(store: &Path, opts: &Options, reader: &Reader, req: &ViewRequest<'_>) -> Result<Drawing> {
    if req.foci.is_empty() {
        refuse_large_drawing(store, opts, reader.entities_in(req.filter))?;
    }
    let drawing = reader
        .view(req)
        .with_context(|| store.display().to_string())?;
    match req.foci.len() {
        1 => say_left_out_of_neighbourhood(drawing.left_out, req.depth, &drawing.view),
        2 => say_no_path(&drawing.routes),
        _ => say_left_out_of_graph(drawing.left_out, drawing.view.len()),
    }
    Ok(drawing)
}

/// `drawing` with the filter described in its subtitle.
fn described(mut drawing: Drawing, filter: &Filter) -> Drawing {
    if !filter.is_empty() {
        let described = filter.describe();
        let view = &mut drawing.view;
        view.subtitle = if view.subtitle.is_empty() {
            described
        } else {
            format!("{described}; {}", view.subtitle)
        };
    }
    drawing
}

/// The most entities a drawing of the whole graph holds unless `--max-nodes`
/// says otherwise: Graphviz takes minutes on a few thousand nodes, and a
/// drawing of more would not be read anyway.
pub const WHOLE_DRAWING_MAX: usize = 2_000;

/// Refuses to draw the whole graph of `entities` entities when it is too
/// large and no `--max-nodes` caps it, before anything is laid out (and,
/// from the snapshot, before the store is read).
fn refuse_large_drawing(store: &Path, opts: &Options, entities: usize) -> Result<()> {
    if opts.focus.is_empty()
        && opts.max_nodes.is_none()
        && diagram_format(opts.format).is_some()
        && entities > WHOLE_DRAWING_MAX
    {
        return usage(format!(
            "{}: the whole graph has {entities} entities, too many to draw (at most \
             {WHOLE_DRAWING_MAX} without --max-nodes); draw the best-evidenced with \
             --max-nodes N, a neighbourhood with --focus ENTITY, or narrow it with \
             --kinds, --since or --until; --format graphml, json or neo4j write all of it",
            store.display()
        ));
    }
    Ok(())
}

/// The most entities a neighbourhood keeps: `--max-nodes`, else
/// [`EGO_MAX_NODES`] for a drawing (a larger one cannot be read), and all of
/// them for a file other tools read (GraphML, JSON, CSV).
fn ego_cap(opts: &Options) -> usize {
    match (opts.max_nodes, diagram_format(opts.format)) {
        (Some(max), _) => max,
        (None, Some(_)) => EGO_MAX_NODES,
        (None, None) => usize::MAX,
    }
}

fn say_left_out_of_neighbourhood(left_out: usize, depth: usize, view: &View) {
    if left_out > 0 {
        eprintln!(
            "kg: {left_out} more entities lie within {depth} hops; \
             the drawing keeps the {} best-evidenced",
            view.len()
        );
    }
}

fn say_left_out_of_graph(left_out: usize, kept: usize) {
    if left_out > 0 {
        eprintln!(
            "kg: {left_out} more entities in the graph; \
             the drawing keeps the {kept} best-evidenced"
        );
    }
}

fn say_no_path(paths: &[query::ConnectionPath]) {
    if paths.is_empty() {
        eprintln!("kg: no path within {PATH_HOPS} hops; drawing the two entities alone");
    }
}

/// Why an export of no entities fails.
fn nothing_to_draw(store: &Path, filter: &Filter) -> String {
    if filter.is_empty() {
        format!(
            "{}: nothing to draw, the store holds no entities",
            store.display()
        )
    } else {
        format!(
            "{}: nothing to draw: no entity is left after the filter ({})",
            store.display(),
            filter.describe()
        )
    }
}

/// What a Neo4j export prints: the folder, and the command that imports it.
fn say_neo4j(dir: &Path, files: &[String], summary: &str) -> Result<()> {
    say!(
        "wrote {}/ ({summary}; {} CSV files)",
        dir.display(),
        files.len()
    );
    let mut import = String::from("neo4j-admin database import full");
    for name in files {
        let flag = if name == export::NEO4J_RELATIONS {
            "--relationships"
        } else {
            "--nodes"
        };
        import.push_str(&format!(" {flag}={}", dir.join(name).display()));
    }
    say!("import with: {import} neo4j");
    Ok(())
}

fn diagram(
    graph: &KnowledgeGraph,
    view: &View,
    format: Format,
    output: Option<&Path>,
) -> Result<()> {
    let rendered = export::render(&export::to_dot(graph, view), format)?;
    if let Some(note) = &rendered.note {
        eprintln!("kg: {note}");
    }
    if output == Some(Path::new("-")) {
        return match format {
            Format::Dot | Format::Svg => emit(&String::from_utf8_lossy(&rendered.bytes)),
            _ => emit_bytes(&rendered.bytes),
        };
    }
    let path: PathBuf = output.map_or_else(
        || export::default_path(&view.title, format),
        Path::to_path_buf,
    );
    export::write(&path, &rendered.bytes)?;
    say!(
        "wrote {} ({}, {} entities)",
        path.display(),
        view.title,
        view.len()
    );
    Ok(())
}

/// GraphML, Cytoscape.js JSON or a Neo4j folder.
fn interchange(whole: &Whole<'_>, format: ExportFormat, output: Option<&Path>) -> Result<()> {
    let (entities, relations) = whole.counts();
    let summary = format!(
        "{}, {entities} entities, {relations} relations",
        whole.title()
    );
    let slug = match kg::model::slugify(whole.title()) {
        s if s.is_empty() => "graph".to_string(),
        s => s,
    };
    if format == ExportFormat::NEO4J {
        let dir = output.map_or_else(
            || PathBuf::from("exports").join(format!("{slug}-neo4j")),
            Path::to_path_buf,
        );
        let files = whole.write_neo4j(&dir)?;
        say_neo4j(&dir, &files, &summary)?;
        return Ok(());
    }
    let kind = library_format(format);
    let extension = kind.as_str();
    if output == Some(Path::new("-")) {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout());
        whole.write(kind, &mut out)?;
        out.flush()?;
        return Ok(());
    }
    let path = output.map_or_else(
        || PathBuf::from("exports").join(format!("{slug}.{extension}")),
        Path::to_path_buf,
    );
    export::write_with(&path, |out| whole.write(kind, out))?;
    say!("wrote {} ({summary})", path.display());
    Ok(())
}

/// Writes raw bytes (an image, a PDF) to stdout.
fn emit_bytes(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(super::stdout_error)
}

/// Writes `text` to `output` (`-` or none: stdout), saying where it went.
fn deliver_text(text: &str, output: Option<&Path>, what: &str) -> Result<()> {
    match output {
        None => emit(text),
        Some(p) if p == Path::new("-") => emit(text),
        Some(path) => {
            let mut text = text.to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            export::write(path, text.as_bytes())?;
            say!("wrote {} ({what})", path.display());
            Ok(())
        }
    }
}

/// `kg timeline A [B] [--format text|json|svg] [-o FILE]`.
pub fn timeline(
    store: &Path,
    a: &str,
    b: Option<&str>,
    statuses: StatusSet,
    format: TimelineFormat,
    output: Option<&Path>,
) -> Result<()> {
    let reader = super::read(store)?.keeping(statuses);
    let found = reader
        .timeline(a, b)
        .with_context(|| store.display().to_string())?;
    let (graph, a, b) = (&found.graph, found.a, found.b);
    let entries = query::timeline(graph, a, b);
    let who = match b {
        Some(b) => format!("{} ⇄ {}", graph.entity_at(a).name, graph.entity_at(b).name),
        None => graph.entity_at(a).name.clone(),
    };
    let what = format!("Timeline: {who}, {} milestones", entries.len());
    let levels = b
        .map(|b| query::partnership_levels(graph, a, b))
        .unwrap_or_default();
    match format {
        TimelineFormat::Text => deliver_text(
            &format!(
                "{}{}",
                query::render_timeline_text(graph, a, b, &entries),
                if levels.is_empty() {
                    String::new()
                } else {
                    format!("\n{}", query::render_levels_text(&levels))
                }
            ),
            output,
            &what,
        ),
        TimelineFormat::Json => {
            let json = TimelineJson {
                partnership_levels: levels,
                entities: std::iter::once(a)
                    .chain(b)
                    .map(|ix| query::EntityRef::of(graph.entity_at(ix)))
                    .collect(),
                milestones: entries,
            };
            match output {
                None => emit_json(&json),
                Some(_) => deliver_text(&serde_json::to_string_pretty(&json)?, output, &what),
            }
        }
        TimelineFormat::Svg => {
            let svg = export::timeline_svg(&who, &entries, &levels);
            if output == Some(Path::new("-")) {
                return emit(&svg);
            }
            let path = output.map_or_else(
                || export::default_path(&format!("Timeline: {who}"), Format::Svg),
                Path::to_path_buf,
            );
            export::write(&path, svg.as_bytes())?;
            say!("wrote {} ({what})", path.display());
            Ok(())
        }
    }
}

/// `kg report A B [-o FILE] [--max-hops N] [--limit K]`.
pub fn report(
    store: &Path,
    a: &str,
    b: &str,
    output: Option<&Path>,
    max_hops: usize,
    limit: usize,
) -> Result<()> {
    query::check_hops(max_hops)?;
    let reader = super::read(store)?;
    let found = reader
        .report(a, b, max_hops, limit)
        .with_context(|| store.display().to_string())?;
    let (graph, size, a, b, routes) = (&found.graph, found.size, found.a, found.b, &found.routes);
    let entries = query::timeline(graph, a, Some(b));
    let report =
        export::report::html_of_part(graph, size, a, b, routes, &entries, export::Renderer::Auto)?;
    if let Some(note) = &report.note {
        eprintln!("kg: {note}");
    }
    if output == Some(Path::new("-")) {
        return emit(&report.html);
    }
    let (na, nb) = (&graph.entity_at(a).name, &graph.entity_at(b).name);
    let path = output.map_or_else(
        || {
            PathBuf::from("exports").join(format!(
                "{}-{}.html",
                kg::model::slugify(na),
                kg::model::slugify(nb)
            ))
        },
        Path::to_path_buf,
    );
    export::write(&path, report.html.as_bytes())?;
    say!(
        "wrote {} (report on {na} and {nb}: {} routes, {} milestones, {} facts)",
        path.display(),
        routes.len(),
        entries.len(),
        report.facts
    );
    Ok(())
}
