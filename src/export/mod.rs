//! Diagrams of the graph: DOT built with graphviz-rust, SVG rendered by Graphviz, or by a
//! pure-Rust layout (layout-rs) when Graphviz is absent; the graph for other tools
//! (GraphML, Cytoscape.js, Neo4j CSV, Cypher; [`interchange`]); a timeline SVG; an HTML report.
//!
//! The flow is [`Filter`] (what of the graph) → [`View`] (which nodes and edges) →
//! [`to_dot`] (the DOT text, deterministic) → [`render`] (bytes in a [`Format`]) →
//! [`write`]. The same view goes to other tools through [`write_view`]. One
//! [`Format`] names every output, drawings and files for other tools alike.
//!
//! ```
//! use kg::export::{self, Format, Renderer};
//! use kg::graph::KnowledgeGraph;
//! use kg::model::{Entity, EntityKind};
//!
//! let mut kg = KnowledgeGraph::new();
//! kg.upsert_entity(Entity::new(EntityKind::Country, "india", "India"));
//! let dot = export::to_dot(&kg, &export::whole(&kg));
//! let svg = export::render_with(&dot, Format::Svg, Renderer::Builtin).unwrap();
//! assert!(String::from_utf8(svg.bytes).unwrap().contains("India"));
//! ```

mod builtin;
mod cypher;
mod cytoscape;
pub(crate) mod dot;
mod filter;
mod graphml;
pub mod interchange;
mod neo4j;
pub mod report;
mod timeline;
mod view;

pub use builtin::BUILTIN_MAX_NODES;
pub use dot::{edge_label, escape, kind_style, node_label, penwidth, to_dot, KindStyle};
pub use filter::{Filter, FilterError, PartialDate};
pub use interchange::{view_text, write_view, write_view_folder};
pub use neo4j::{relation_type, NEO4J_RELATIONS};
pub use timeline::{mark_style, timeline_svg, MarkStyle};
pub use view::{country_clusters, from_paths, from_routes, whole, View};

/// The star graph of the view tests, for tests elsewhere.
#[cfg(test)]
pub(crate) use view::tests::star as star_graph;

use crate::error::ExportError;
use graphviz_rust::cmd::{CommandArg, Format as GvFormat};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The note attached to an SVG drawn without Graphviz.
pub const BUILTIN_NOTE: &str = "Graphviz `dot` not found; rendered with the built-in layout. Install Graphviz (apt-get install graphviz) for better layouts.";

/// Set to anything but `0` or empty, Graphviz is treated as absent (for tests and comparisons).
pub const NO_GRAPHVIZ_ENV: &str = "KG_NO_GRAPHVIZ";

crate::model::vocabulary! {
    /// Every output format: the drawings (DOT, SVG, PNG, PDF; PNG and PDF need
    /// Graphviz) and the files for other tools ([`interchange`]: GraphML,
    /// Cytoscape.js JSON, a Neo4j CSV folder, a Cypher script). The name is
    /// also the file extension (a Neo4j export is a folder).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Format {
        Dot = "dot",
        Svg = "svg",
        Png = "png",
        Pdf = "pdf",
        Graphml = "graphml",
        /// Cytoscape.js elements.
        Json = "json",
        /// A folder of CSV files for `neo4j-admin database import`.
        Neo4j = "neo4j",
        Cypher = "cypher",
    }
}

impl Format {
    /// What the format is, for `--help`.
    pub fn help(self) -> &'static str {
        match self {
            Format::Dot => "Graphviz source",
            Format::Svg => "The drawing (Graphviz, else the built-in layout)",
            Format::Png => "The drawing as an image (needs Graphviz)",
            Format::Pdf => "The drawing as a document (needs Graphviz)",
            Format::Graphml => "GraphML for Gephi and yEd, attributes as keys",
            Format::Json => "Cytoscape.js elements",
            Format::Neo4j => "A folder of CSV files for `neo4j-admin database import`",
            Format::Cypher => {
                "A Cypher script (one MERGE/CREATE a line) for an embedded graph database"
            }
        }
    }

    /// Whether it is a drawing, rendered from DOT ([`render`]); else a file
    /// (or folder) for other tools ([`interchange`]).
    pub fn is_drawing(self) -> bool {
        self.graphviz().is_some() || self == Format::Dot
    }

    /// The name of any format, `gv` for DOT, in any case.
    pub fn of_extension(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "gv" => Some(Format::Dot),
            s => Format::parse(s),
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::of_extension)
    }

    fn graphviz(self) -> Option<GvFormat> {
        match self {
            Format::Svg => Some(GvFormat::Svg),
            Format::Png => Some(GvFormat::Png),
            Format::Pdf => Some(GvFormat::Pdf),
            Format::Dot | Format::Graphml | Format::Json | Format::Neo4j | Format::Cypher => None,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rendered diagram, and a note for the user when it was drawn in a lesser way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub note: Option<String>,
}

/// Who draws the SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Renderer {
    /// Graphviz when `dot` is on PATH (and `KG_NO_GRAPHVIZ` is unset), else the built-in
    /// layout for SVG with [`BUILTIN_NOTE`].
    #[default]
    Auto,
    /// Graphviz or `ExportError::DotMissing`.
    Graphviz,
    /// layout-rs, SVG only, without a note.
    Builtin,
}

/// Renders DOT text with [`Renderer::Auto`].
pub fn render(dot: &str, format: Format) -> Result<Rendered, ExportError> {
    render_with(dot, format, Renderer::Auto)
}

/// Renders DOT text in `format`; [`Format::Dot`] returns the text itself, a
/// format that is no drawing is refused.
pub fn render_with(dot: &str, format: Format, renderer: Renderer) -> Result<Rendered, ExportError> {
    let graphviz_allowed = !graphviz_disabled(std::env::var_os(NO_GRAPHVIZ_ENV));
    render_inner(dot, format, renderer, graphviz_allowed)
}

fn graphviz_disabled(value: Option<std::ffi::OsString>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "0")
}

fn render_inner(
    dot: &str,
    format: Format,
    renderer: Renderer,
    graphviz_allowed: bool,
) -> Result<Rendered, ExportError> {
    if !format.is_drawing() {
        return Err(ExportError::NotADrawing {
            format: format.as_str().to_string(),
        });
    }
    let Some(gv_format) = format.graphviz() else {
        return Ok(plain(dot.as_bytes().to_vec()));
    };
    let missing = || ExportError::DotMissing {
        format: format.as_str().to_uppercase(),
    };
    match renderer {
        Renderer::Builtin if format == Format::Svg => Ok(plain(builtin::svg(dot)?.into_bytes())),
        Renderer::Builtin => Err(missing()),
        Renderer::Graphviz if !graphviz_allowed => Err(missing()),
        Renderer::Graphviz => run_dot(dot, gv_format)?.map(plain).ok_or_else(missing),
        Renderer::Auto => {
            let from_dot = if graphviz_allowed {
                run_dot(dot, gv_format)?
            } else {
                None
            };
            match from_dot {
                Some(bytes) => Ok(plain(bytes)),
                None if format == Format::Svg => Ok(Rendered {
                    bytes: builtin::svg(dot)?.into_bytes(),
                    note: Some(BUILTIN_NOTE.to_string()),
                }),
                None => Err(missing()),
            }
        }
    }
}

fn plain(bytes: Vec<u8>) -> Rendered {
    Rendered { bytes, note: None }
}

/// Runs `dot -T<format>`; `Ok(None)` when the program is not on PATH.
fn run_dot(dot: &str, format: GvFormat) -> Result<Option<Vec<u8>>, ExportError> {
    match graphviz_rust::exec_dot(dot.to_string(), vec![CommandArg::Format(format)]) {
        Ok(bytes) if format == GvFormat::Pdf => Ok(Some(pin_pdf_dates(bytes))),
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ExportError::Graphviz {
            message: e.to_string().trim().to_string(),
        }),
    }
}

/// The PDF with its creation and modification dates (Cairo writes the time
/// of rendering) set to the Unix epoch, so the same diagram is the same
/// bytes, as the other formats are. The dates are overwritten in place, digit
/// by digit, so the cross-reference offsets stay right.
fn pin_pdf_dates(mut pdf: Vec<u8>) -> Vec<u8> {
    const EPOCH: &[u8] = b"19700101000000";
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], key) {
            let start = from + at + key.len();
            let mut digit = 0;
            for byte in pdf[start..].iter_mut().take_while(|b| **b != b')') {
                if byte.is_ascii_digit() {
                    *byte = EPOCH.get(digit).copied().unwrap_or(b'0');
                    digit += 1;
                }
            }
            from = start;
        }
    }
    pdf
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Writes `bytes` to `path`, creating its folders; the file is replaced whole or not at all.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_with(path, |out| out.write_all(bytes))
}

/// The writer [`write_with`] hands out: buffered, over a file it opened.
pub type StreamOut<'f> = std::io::BufWriter<&'f mut std::fs::File>;

/// Writes `path` with what `fill` writes, creating its folders.
///
/// A regular file (or a new one) is replaced whole or not at all: a temporary
/// file beside it is renamed over it, so a large export is streamed without
/// being held in memory. A symlink is followed, so the file it points at is
/// written and the link stays. Anything else that exists (a character device
/// such as `/dev/null`, a FIFO) is written through, as `cp` does, never
/// replaced; a write error there (`/dev/full`) is reported.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut StreamOut<'_>) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let err = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a folder, not a file",
        ))),
        Ok(meta) if !meta.is_file() => write_through(path, fill).map_err(err),
        // A symlink to a regular file: replace the file it points at, keep the link.
        Ok(_) => write_replacing(&std::fs::canonicalize(path).map_err(err)?, fill).map_err(err),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(err(e)),
        Err(_) if is_symlink(path) => Err(err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "a symlink to nothing (its target does not exist); not replacing it",
        ))),
        Err(_) => write_replacing(path, fill).map_err(err),
    }
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Writes into an existing special file (a device, a FIFO) in place.
fn write_through(
    path: &Path,
    fill: impl FnOnce(&mut StreamOut<'_>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut file);
    fill(&mut out)?;
    out.flush()
}

/// Replaces a regular file whole or not at all, through a temporary file beside it.
fn write_replacing(
    path: &Path,
    fill: impl FnOnce(&mut StreamOut<'_>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        fill(&mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    crate::store::keep_permissions(path, tmp.as_file());
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `files` (name, contents) into the folder `dir`, creating it; earlier
/// `nodes_*.csv` files there that are not among them are removed, so the folder
/// holds one export.
pub fn write_folder(dir: &Path, files: &[(String, String)]) -> Result<(), ExportError> {
    make_folder(dir)?;
    for (name, contents) in files {
        write(&dir.join(name), contents.as_bytes())?;
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    remove_other_node_files(dir, &names)
}

/// Creates the folder of a [`write_folder`] export.
pub(crate) fn make_folder(dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// Removes the `nodes_*.csv` files of `dir` not named in `keep`: what an
/// earlier export left that this one did not write.
pub(crate) fn remove_other_node_files(dir: &Path, keep: &[&str]) -> Result<(), ExportError> {
    let err = |path: &Path, source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| err(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| err(dir, e))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let stale =
            name.starts_with("nodes_") && name.ends_with(".csv") && !keep.contains(&name.as_str());
        if stale {
            std::fs::remove_file(entry.path()).map_err(|e| err(&entry.path(), e))?;
        }
    }
    Ok(())
}

/// `exports/<slug of the title>.<extension>`; `exports/graph.<extension>` for an empty title.
pub fn default_path(view_title: &str, format: Format) -> PathBuf {
    let mut slug = crate::model::slugify(view_title);
    if slug.is_empty() {
        slug = "graph".to_string();
    }
    PathBuf::from("exports").join(format!("{slug}.{}", format.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dot::tests::sample;

    fn sample_dot() -> String {
        let kg = sample();
        to_dot(&kg, &whole(&kg))
    }

    #[test]
    fn dot_format_is_the_text_itself() {
        let dot = sample_dot();
        for renderer in [Renderer::Auto, Renderer::Graphviz, Renderer::Builtin] {
            let out = render_inner(&dot, Format::Dot, renderer, false).unwrap();
            assert_eq!(out, plain(dot.as_bytes().to_vec()));
        }
    }

    #[test]
    fn without_graphviz_svg_falls_back_with_a_note_and_png_fails() {
        let dot = sample_dot();
        let out = render_inner(&dot, Format::Svg, Renderer::Auto, false).unwrap();
        assert_eq!(out.note.as_deref(), Some(BUILTIN_NOTE));
        let svg = String::from_utf8(out.bytes).unwrap();
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"));
        assert!(svg.contains("Rajnath Singh"));

        for format in [Format::Png, Format::Pdf] {
            let err = render_inner(&dot, format, Renderer::Auto, false).unwrap_err();
            assert!(matches!(err, ExportError::DotMissing { .. }), "{err}");
            assert!(
                err.to_string().contains("apt-get install graphviz"),
                "{err}"
            );
        }
        let err = render_inner(&dot, Format::Svg, Renderer::Graphviz, false).unwrap_err();
        assert!(matches!(err, ExportError::DotMissing { .. }));
        let forced = render_inner(&dot, Format::Svg, Renderer::Builtin, true).unwrap();
        assert_eq!(forced.note, None);
    }

    #[test]
    fn the_environment_switch_reads_zero_and_empty_as_off() {
        assert!(!graphviz_disabled(None));
        assert!(!graphviz_disabled(Some("".into())));
        assert!(!graphviz_disabled(Some("0".into())));
        assert!(graphviz_disabled(Some("1".into())));
    }

    #[test]
    fn graphviz_renders_svg_and_png_when_installed() {
        let dot = sample_dot();
        let out = match render_inner(&dot, Format::Svg, Renderer::Graphviz, true) {
            Err(ExportError::DotMissing { .. }) => {
                eprintln!("skipped: Graphviz `dot` is not installed");
                return;
            }
            other => other.unwrap(),
        };
        assert_eq!(out.note, None);
        let svg = String::from_utf8(out.bytes).unwrap();
        assert!(svg.contains("<svg"));
        for label in [
            "Rajnath Singh",
            "Defence Minister",
            "Việt Nam",
            "Élysée Palace",
            "Legend",
        ] {
            assert!(svg.contains(label), "{label} missing");
        }
        assert!(
            svg.contains("The &quot;Quoted&quot; \\ Backslash"),
            "escaped name missing"
        );
        assert!(svg.contains("2025&#45;05&#45;05"), "milestone date missing");
        assert!(
            svg.contains("xlink:title=\"Singh met Nakatani."),
            "edge tooltip missing"
        );
        let png = render_inner(&dot, Format::Png, Renderer::Auto, true).unwrap();
        assert!(png.bytes.starts_with(b"\x89PNG"));
        let bad = render_inner("digraph { a -> }", Format::Svg, Renderer::Graphviz, true);
        assert!(matches!(bad, Err(ExportError::Graphviz { .. })));
    }

    #[test]
    fn pdf_dates_are_pinned_in_place() {
        let pdf = b"%PDF /CreationDate (D:20261207110608+01'00) x /ModDate (D:20261207110608Z)>>"
            .to_vec();
        let pinned = pin_pdf_dates(pdf.clone());
        assert_eq!(pinned.len(), pdf.len());
        assert_eq!(
            String::from_utf8(pinned).unwrap(),
            "%PDF /CreationDate (D:19700101000000+00'00) x /ModDate (D:19700101000000Z)>>"
        );
    }

    #[test]
    fn graphviz_pdf_is_the_same_bytes_every_time() {
        let dot = sample_dot();
        let Ok(first) = render_inner(&dot, Format::Pdf, Renderer::Graphviz, true) else {
            eprintln!("skipped: Graphviz `dot` is not installed");
            return;
        };
        // Cairo stamps the second it renders in.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let again = render_inner(&dot, Format::Pdf, Renderer::Graphviz, true).unwrap();
        assert!(first.bytes.starts_with(b"%PDF"));
        assert!(first.bytes == again.bytes, "two renderings differ");
    }

    #[test]
    fn formats_and_paths() {
        assert_eq!(Format::of_extension("SVG"), Some(Format::Svg));
        assert_eq!(Format::of_extension("gv"), Some(Format::Dot));
        assert_eq!(Format::of_extension("jpeg"), None);
        assert_eq!(Format::from_path(Path::new("out/x.pdf")), Some(Format::Pdf));
        assert_eq!(
            default_path("Paths between India and Việt Nam", Format::Svg),
            PathBuf::from("exports/paths-between-india-and-viet-nam.svg")
        );
        assert_eq!(
            default_path("—", Format::Png),
            PathBuf::from("exports/graph.png")
        );
    }

    #[test]
    fn write_creates_folders_and_replaces_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/graph.svg");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let blocked = dir.path().join("a/b/graph.svg/inside.svg");
        assert!(matches!(
            write(&blocked, b"x"),
            Err(ExportError::Write { .. })
        ));
    }
}
