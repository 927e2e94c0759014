//! `kg export`, `kg timeline --format svg` and `kg report`: the views of the
//! graph as files. `kg export` draws the whole graph, one entity's neighbourhood
//! or the paths between two entities (DOT, SVG, PNG, PDF) or writes them for
//! other tools (GraphML, Cytoscape.js JSON, Neo4j CSV).

use super::args::{ExportFormat, TimelineFormat};
use super::{corpus, emit, emit_json, resolve, resolve_in, snapshot_index, TimelineJson, Usage};
use anyhow::{bail, Result};
use kg::export::{self, Filter, Format, PartialDate, View};
use kg::graph::KnowledgeGraph;
use kg::model::EntityKind;
use kg::query;
use petgraph::stable_graph::NodeIndex;
use std::collections::BTreeSet;
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
}

fn usage<T>(message: String) -> Result<T> {
    Err(Usage(message).into())
}

/// The filter the flags ask for, or a usage error.
fn filter(opts: &Options) -> Result<Filter> {
    let mut f = Filter::default();
    if !opts.kinds.is_empty() {
        let mut kinds = BTreeSet::new();
        for name in opts.kinds {
            let name = name.trim().to_ascii_lowercase();
            if name.is_empty() {
                continue;
            }
            match EntityKind::parse(&name) {
                Some(k) => {
                    kinds.insert(k);
                }
                None => {
                    let known: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
                    return usage(format!(
                        "--kinds: unknown kind {name:?}; the kinds are {}",
                        known.join(", ")
                    ));
                }
            }
        }
        if kinds.is_empty() {
            return usage("--kinds needs at least one kind".to_string());
        }
        f.kinds = Some(kinds);
    }
    let date = |flag: &str, value: Option<&str>| -> Result<Option<PartialDate>> {
        match value {
            None => Ok(None),
            Some(v) => match PartialDate::parse(v) {
                Some(d) => Ok(Some(d)),
                None => usage(format!(
                    "invalid {flag} {v:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"
                )),
            },
        }
    };
    f.since = date("--since", opts.since)?;
    f.until = date("--until", opts.until)?;
    if let (Some(s), Some(u)) = (f.since, f.until) {
        if s.first_day() > u.last_day() {
            return usage(format!("--since {s} is after --until {u}"));
        }
    }
    Ok(f)
}

fn diagram_format(format: ExportFormat) -> Option<Format> {
    match format {
        ExportFormat::Dot => Some(Format::Dot),
        ExportFormat::Svg => Some(Format::Svg),
        ExportFormat::Png => Some(Format::Png),
        ExportFormat::Pdf => Some(Format::Pdf),
        ExportFormat::Graphml | ExportFormat::Json | ExportFormat::Neo4j | ExportFormat::Cypher => {
            None
        }
    }
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
    if opts.format == ExportFormat::Neo4j && opts.output == Some(Path::new("-")) {
        return usage("--format neo4j writes a folder of CSV files; -o - is not possible".into());
    }
    let filter = filter(opts)?;
    let index = snapshot_index(store)?;
    let Drawing { graph, mut view } = match index {
        // The whole graph for other tools: streamed from the index, row by row.
        Some(index) if focus.is_empty() && diagram_format(opts.format).is_none() => {
            return whole_from_index(store, opts, &filter, &index);
        }
        Some(index) => from_index(store, opts, &filter, &index)?,
        None => from_store(store, opts, &filter)?,
    };
    if !filter.is_empty() {
        let described = filter.describe();
        view.subtitle = if view.subtitle.is_empty() {
            described
        } else {
            format!("{}; {described}", view.subtitle)
        };
    }
    if view.is_empty() {
        bail!(nothing_to_draw(store, &filter));
    }
    match diagram_format(opts.format) {
        Some(format) => diagram(&graph, &view, format, opts.output),
        None => interchange(&graph, &view, opts.format, opts.output),
    }
}

/// The most entities a drawing of the whole graph holds unless `--max-nodes`
/// says otherwise: Graphviz takes minutes on a few thousand nodes, and a
/// drawing of more would not be read anyway.
pub const WHOLE_DRAWING_MAX: usize = 2_000;

/// A graph and the view of it to write.
struct Drawing {
    graph: KnowledgeGraph,
    view: View,
}

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

fn say_left_out_of_graph(left_out: usize, view: &View) {
    if left_out > 0 {
        eprintln!(
            "kg: {left_out} more entities in the graph; \
             the drawing keeps the {} best-evidenced",
            view.len()
        );
    }
}

fn say_no_path(paths: &[query::ConnectionPath]) {
    if paths.is_empty() {
        eprintln!("kg: no path within {PATH_HOPS} hops; drawing the two entities alone");
    }
}

/// The view from the store's snapshot: the part of the graph it shows is cut
/// out of the index, and the view is taken of that cut as of the whole graph.
fn from_index(
    store: &Path,
    opts: &Options,
    filter: &Filter,
    index: &kg::scale::index::GraphIndex,
) -> Result<Drawing> {
    use kg::scale::answer;
    let foci: Vec<u32> = opts
        .focus
        .iter()
        .map(|name| resolve_in(index, name, store))
        .collect::<Result<_>>()?;
    let scope = answer::Scope::filtered(index, filter, &foci);
    let (graph, view) = match *foci.as_slice() {
        [a] => {
            let depth = opts.depth.unwrap_or(DEFAULT_DEPTH);
            let max = ego_cap(opts);
            let (graph, view, left_out) = answer::ego(index, &scope, a, depth, max);
            say_left_out_of_neighbourhood(left_out, depth, &view);
            (graph, view)
        }
        [a, b] => {
            let (graph, a, b, paths) =
                answer::routes_cut(index, &scope, a, b, PATH_HOPS, PATH_LIMIT)?;
            say_no_path(&paths);
            let view = export::from_routes(&graph, a, b, &paths);
            (graph, view)
        }
        _ => {
            refuse_large_drawing(store, opts, scope.node_count(index))?;
            let (graph, view, left_out) = answer::whole(index, &scope, opts.max_nodes);
            say_left_out_of_graph(left_out, &view);
            (graph, view)
        }
    };
    Ok(Drawing { graph, view })
}

/// `kg export` of the whole graph (filtered, capped) as GraphML, JSON or a
/// Neo4j folder, written straight from the index without a graph in memory:
/// what [`from_index`] and [`interchange`] write, with the same messages.
fn whole_from_index(
    store: &Path,
    opts: &Options,
    filter: &Filter,
    index: &kg::scale::index::GraphIndex,
) -> Result<()> {
    use kg::scale::{answer, interchange_out as stream};
    let scope = answer::Scope::filtered(index, filter, &[]);
    let (chosen, total) = answer::whole_choice(index, &scope, opts.max_nodes);
    let title = "Knowledge graph";
    if total > chosen.len() {
        eprintln!(
            "kg: {} more entities in the graph; the drawing keeps the {} best-evidenced",
            total - chosen.len(),
            chosen.len()
        );
    }
    if chosen.is_empty() {
        bail!(nothing_to_draw(store, filter));
    }
    let sel = stream::Selection::new(index, &scope, chosen);
    let summary = format!(
        "{title}, {} entities, {} relations",
        sel.node_count(),
        sel.edge_count()
    );
    let slug = kg::model::slugify(title);
    if opts.format == ExportFormat::Neo4j {
        let dir = opts.output.map_or_else(
            || PathBuf::from("exports").join(format!("{slug}-neo4j")),
            Path::to_path_buf,
        );
        let files = stream::write_neo4j(index, &sel, &dir)?;
        say_neo4j(&dir, &files, &summary);
        return Ok(());
    }
    let extension = match opts.format {
        ExportFormat::Graphml => "graphml",
        ExportFormat::Cypher => "cypher",
        _ => "json",
    };
    let write = |out: &mut (dyn WriteSend + '_)| match opts.format {
        ExportFormat::Graphml => stream::write_graphml(index, &sel, title, out),
        ExportFormat::Cypher => stream::write_cypher(index, &sel, title, out),
        _ => stream::write_cytoscape(index, &sel, out),
    };
    if opts.output == Some(Path::new("-")) {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout());
        return write(&mut out)
            .and_then(|()| out.flush())
            .map_err(super::stdout_error);
    }
    let path = opts.output.map_or_else(
        || PathBuf::from("exports").join(format!("{slug}.{extension}")),
        Path::to_path_buf,
    );
    export::write_with(&path, |out| write(out))?;
    println!("wrote {} ({summary})", path.display());
    Ok(())
}

/// A writer the streams can hand to a thread of their own.
trait WriteSend: std::io::Write + Send {}
impl<W: std::io::Write + Send> WriteSend for W {}

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
fn say_neo4j(dir: &Path, files: &[String], summary: &str) {
    println!(
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
    println!("import with: {import} neo4j");
}

/// The view from the store itself, read whole.
fn from_store(store: &Path, opts: &Options, filter: &Filter) -> Result<Drawing> {
    let focus = opts.focus;
    let full = corpus::open(store)?.graph;
    let foci: Vec<NodeIndex> = focus
        .iter()
        .map(|name| resolve(&full, name, store))
        .collect::<Result<_>>()?;
    let (graph, foci) = if filter.is_empty() {
        (full, foci)
    } else {
        let narrowed = filter.apply(&full, &foci);
        let foci = foci
            .iter()
            .filter_map(|&ix| narrowed.index_of(&full.entity_at(ix).id))
            .collect();
        (narrowed, foci)
    };
    let view: View = match *foci.as_slice() {
        [a] => {
            let depth = opts.depth.unwrap_or(DEFAULT_DEPTH);
            let max = ego_cap(opts);
            let (view, left_out) = export::ego(&graph, a, depth, max);
            say_left_out_of_neighbourhood(left_out, depth, &view);
            view
        }
        [a, b] => {
            let paths = query::distinct_routes(&graph, a, b, PATH_HOPS, PATH_LIMIT)?;
            say_no_path(&paths);
            export::from_routes(&graph, a, b, &paths)
        }
        _ => {
            refuse_large_drawing(store, opts, graph.node_count())?;
            let mut view = export::whole(&graph);
            if let Some(max) = opts.max_nodes {
                let left_out = export::cap(&graph, &mut view, max);
                say_left_out_of_graph(left_out, &view);
                if left_out > 0 {
                    view.subtitle = format!(
                        "the {} best-evidenced of {} entities",
                        view.len(),
                        view.len() + left_out
                    );
                }
            }
            view
        }
    };
    Ok(Drawing { graph, view })
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
            Format::Png | Format::Pdf => emit_bytes(&rendered.bytes),
        };
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

/// GraphML, Cytoscape.js JSON or a Neo4j folder.
fn interchange(
    graph: &KnowledgeGraph,
    view: &View,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<()> {
    let relations = view.drawn_edges(graph).len();
    let summary = format!(
        "{}, {} entities, {relations} relations",
        view.title,
        view.len()
    );
    let slug = match kg::model::slugify(&view.title) {
        s if s.is_empty() => "graph".to_string(),
        s => s,
    };
    if format == ExportFormat::Neo4j {
        let dir = output.map_or_else(
            || PathBuf::from("exports").join(format!("{slug}-neo4j")),
            Path::to_path_buf,
        );
        let files = export::to_neo4j(graph, view);
        export::write_folder(&dir, &files)?;
        let names: Vec<String> = files.into_iter().map(|(name, _)| name).collect();
        say_neo4j(&dir, &names, &summary);
        return Ok(());
    }
    let (text, extension) = match format {
        ExportFormat::Graphml => (export::to_graphml(graph, view), "graphml"),
        ExportFormat::Cypher => (export::to_cypher(graph, view), "cypher"),
        _ => (
            serde_json::to_string_pretty(&export::to_cytoscape(graph, view))? + "\n",
            "json",
        ),
    };
    if output == Some(Path::new("-")) {
        return emit(&text);
    }
    let path = output.map_or_else(
        || PathBuf::from("exports").join(format!("{slug}.{extension}")),
        Path::to_path_buf,
    );
    export::write(&path, text.as_bytes())?;
    println!("wrote {} ({summary})", path.display());
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
            println!("wrote {} ({what})", path.display());
            Ok(())
        }
    }
}

/// `kg timeline A [B] [--format text|json|svg] [-o FILE]`.
pub fn timeline(
    store: &Path,
    a: &str,
    b: Option<&str>,
    format: TimelineFormat,
    output: Option<&Path>,
) -> Result<()> {
    let (graph, a, b) = match snapshot_index(store)? {
        Some(index) => {
            let a = resolve_in(&index, a, store)?;
            let b = b.map(|b| resolve_in(&index, b, store)).transpose()?;
            kg::scale::answer::timeline_cut(&index, a, b)
        }
        None => {
            let graph = corpus::open(store)?.graph;
            let a = resolve(&graph, a, store)?;
            let b = b.map(|b| resolve(&graph, b, store)).transpose()?;
            (graph, a, b)
        }
    };
    let entries = query::timeline(&graph, a, b);
    let who = match b {
        Some(b) => format!("{} ⇄ {}", graph.entity_at(a).name, graph.entity_at(b).name),
        None => graph.entity_at(a).name.clone(),
    };
    let what = format!("Timeline: {who}, {} milestones", entries.len());
    let levels = b
        .map(|b| query::partnership_levels(&graph, a, b))
        .unwrap_or_default();
    match format {
        TimelineFormat::Text => deliver_text(
            &format!(
                "{}{}",
                query::render_timeline_text(&graph, a, b, &entries),
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
            let svg = export::timeline_svg(&who, &entries);
            if output == Some(Path::new("-")) {
                return emit(&svg);
            }
            let path = output.map_or_else(
                || export::default_path(&format!("Timeline: {who}"), Format::Svg),
                Path::to_path_buf,
            );
            export::write(&path, svg.as_bytes())?;
            println!("wrote {} ({what})", path.display());
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
    if !(1..=query::MAX_HOPS).contains(&max_hops) {
        return Err(kg::error::QueryError::BadHops {
            got: max_hops,
            max: query::MAX_HOPS,
        }
        .into());
    }
    let (graph, size, a, b, routes) = match snapshot_index(store)? {
        Some(index) => {
            let (a, b) = (resolve_in(&index, a, store)?, resolve_in(&index, b, store)?);
            let size = export::report::StoreSize {
                articles: index.articles().len(),
                entities: index.node_count(),
                relations: index.edge_count(),
            };
            let (graph, a, b, routes) =
                kg::scale::answer::report_cut(&index, a, b, max_hops, limit)?;
            (graph, size, a, b, routes)
        }
        None => {
            let graph = corpus::open(store)?.graph;
            let (a, b) = (resolve(&graph, a, store)?, resolve(&graph, b, store)?);
            let routes = query::distinct_routes(&graph, a, b, max_hops, limit)?;
            let size = export::report::StoreSize::of(&graph);
            (graph, size, a, b, routes)
        }
    };
    let entries = query::timeline(&graph, a, Some(b));
    let report = export::report::html_of_part(
        &graph,
        size,
        a,
        b,
        &routes,
        &entries,
        export::Renderer::Auto,
    )?;
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
    println!(
        "wrote {} (report on {na} and {nb}: {} routes, {} milestones, {} facts)",
        path.display(),
        routes.len(),
        entries.len(),
        report.facts
    );
    Ok(())
}
