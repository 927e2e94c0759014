//! SVG without Graphviz: reads the DOT back with graphviz-rust's parser and lays it out
//! with the pure-Rust layout-rs crate. Slower and plainer than `dot`, so it is capped.

use super::dot::{unescape, LEGEND_CLUSTER};
use crate::error::ExportError;
use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Vertex};
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::RenderBackend;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use std::collections::HashMap;

/// layout-rs takes 4 s at 200 nodes and minutes beyond: the most nodes it is given.
pub const BUILTIN_MAX_NODES: usize = 150;

type Attrs = HashMap<String, String>;

/// What the DOT says, flattened: layout-rs has no clusters, so the legend is set apart.
#[derive(Default)]
struct Parsed {
    graph: Attrs,
    nodes: Vec<(String, Attrs)>,
    index: HashMap<String, usize>,
    edges: Vec<(String, String, Attrs)>,
    legend: Vec<usize>,
}

impl Parsed {
    fn node(&mut self, name: &str, defaults: &Attrs) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.nodes.push((name.to_string(), defaults.clone()));
        self.index.insert(name.to_string(), self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    /// Adds the nodes `inner` to the legend, each once, in order.
    fn add_to_legend(&mut self, inner: &[usize]) {
        for &i in inner {
            if !self.legend.contains(&i) {
                self.legend.push(i);
            }
        }
    }

    /// An edge with `attrs` from every node of `from` to every node of `to`.
    fn join_all(&mut self, from: &[usize], to: &[usize], attrs: &Attrs) {
        for &f in from {
            for &t in to {
                let (f, t) = (self.nodes[f].0.clone(), self.nodes[t].0.clone());
                self.edges.push((f, t, attrs.clone()));
            }
        }
    }

    /// Reads statements with the node and edge defaults in force; returns the nodes met.
    fn visit(
        &mut self,
        stmts: &[Stmt],
        mut node_defaults: Attrs,
        mut edge_defaults: Attrs,
        top: bool,
    ) -> Vec<usize> {
        let mut seen = Vec::new();
        for stmt in stmts {
            match stmt {
                Stmt::Attribute(Attribute(k, v)) if top => {
                    self.graph.insert(text(k), text(v));
                }
                Stmt::Attribute(_) => {}
                Stmt::GAttribute(ga) => {
                    use graphviz_rust::dot_structures::GraphAttributes as G;
                    let (target, attrs) = match ga {
                        G::Graph(a) if top => (&mut self.graph, a),
                        G::Graph(_) => continue,
                        G::Node(a) => (&mut node_defaults, a),
                        G::Edge(a) => (&mut edge_defaults, a),
                    };
                    for Attribute(k, v) in attrs {
                        target.insert(text(k), text(v));
                    }
                }
                Stmt::Node(n) => {
                    let i = self.node(&text(&n.id.0), &node_defaults);
                    for Attribute(k, v) in &n.attributes {
                        self.nodes[i].1.insert(text(k), text(v));
                    }
                    seen.push(i);
                }
                Stmt::Subgraph(sub) => {
                    let inner = self.visit(
                        &sub.stmts,
                        node_defaults.clone(),
                        edge_defaults.clone(),
                        false,
                    );
                    if text(&sub.id) == LEGEND_CLUSTER {
                        self.add_to_legend(&inner);
                    }
                    seen.extend(inner);
                }
                Stmt::Edge(e) => {
                    let vertices: Vec<&Vertex> = match &e.ty {
                        EdgeTy::Pair(a, b) => vec![a, b],
                        EdgeTy::Chain(vs) => vs.iter().collect(),
                    };
                    let mut ends: Vec<Vec<usize>> = Vec::new();
                    for v in vertices {
                        let group = match v {
                            Vertex::N(id) => vec![self.node(&text(&id.0), &node_defaults)],
                            Vertex::S(sub) => self.visit(
                                &sub.stmts,
                                node_defaults.clone(),
                                edge_defaults.clone(),
                                false,
                            ),
                        };
                        seen.extend(group.iter().copied());
                        ends.push(group);
                    }
                    let mut attrs = edge_defaults.clone();
                    for Attribute(k, v) in &e.attributes {
                        attrs.insert(text(k), text(v));
                    }
                    for pair in ends.windows(2) {
                        self.join_all(&pair[0], &pair[1], &attrs);
                    }
                }
            }
        }
        seen
    }
}

fn text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => unescape(s),
        Id::Plain(s) | Id::Html(s) => s.clone(),
        Id::Anonymous(_) => String::new(),
    }
}

/// An SVG of `dot` laid out by layout-rs; `ExportError::Empty` for a graph without nodes.
pub fn svg(dot: &str) -> Result<String, ExportError> {
    let graph = graphviz_rust::parse(dot).map_err(|message| ExportError::Graphviz {
        message: format!("the built-in renderer cannot read this DOT: {message}"),
    })?;
    let (Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. }) = &graph;
    let mut parsed = Parsed::default();
    parsed.visit(stmts, Attrs::new(), Attrs::new(), true);

    let drawn = parsed.nodes.len() - parsed.legend.len();
    if drawn == 0 {
        return Err(ExportError::Empty {
            message: "the diagram has no nodes".to_string(),
        });
    }
    if drawn > BUILTIN_MAX_NODES {
        return Err(ExportError::TooLarge {
            nodes: drawn,
            max: BUILTIN_MAX_NODES,
        });
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(&parsed))).map_err(|_| {
        ExportError::Graphviz {
            message: "the built-in layout failed on this graph; install Graphviz (apt-get install graphviz) to render it".to_string(),
        }
    })
}

fn draw(parsed: &Parsed) -> String {
    let dir = if parsed.graph.get("rankdir").map(String::as_str) == Some("LR") {
        Orientation::LeftToRight
    } else {
        Orientation::TopToBottom
    };
    let mut vg = VisualGraph::new(dir);
    let mut handles = HashMap::new();
    for (i, (name, attrs)) in parsed.nodes.iter().enumerate() {
        if parsed.legend.contains(&i) {
            continue;
        }
        let element = element(name, attrs, dir);
        handles.insert(name.as_str(), vg.add_node(element));
    }
    for (from, to, attrs) in &parsed.edges {
        if let (Some(&a), Some(&b)) = (handles.get(from.as_str()), handles.get(to.as_str())) {
            vg.add_edge(arrow(attrs), a, b);
        }
    }
    let mut svg = SVGWriter::new();
    vg.do_it(false, false, false, &mut svg);
    // Extents of every placed element, edge-label connectors included.
    let (mut left, mut right, mut bottom) = (f64::MAX, 0.0_f64, 0.0_f64);
    for h in vg.iter_nodes() {
        let (top_left, bottom_right) = vg.pos(h).bbox(false);
        left = left.min(top_left.x);
        right = right.max(bottom_right.x);
        bottom = bottom.max(bottom_right.y);
    }
    let x = left.clamp(10.0, f64::MAX);
    let mut y = bottom + 40.0;

    // The legend: one sample per kind in a row under the drawing.
    if !parsed.legend.is_empty() {
        let heading = StyleAttr::new(Color::fast("#555555"), 1, None, 0, 12);
        svg.draw_text(Point::new(x + 25.0, y), "Legend", &heading);
        let mut cx = x + 60.0;
        for &i in &parsed.legend {
            let (name, attrs) = &parsed.nodes[i];
            let mut sample = element(name, attrs, dir);
            sample.look.font_size = 11;
            let size = label_size(&shape_label(&sample.shape), 11, &sample.shape);
            sample.pos.set_size(size);
            sample.move_to(Point::new(cx + size.x / 2.0, y));
            layout::core::format::Renderable::render(&sample, false, &mut svg);
            cx += size.x + 14.0;
        }
        right = right.max(cx);
        y += 25.0;
    }
    // The title above the drawing, in a band the view box opens at negative y.
    let title = parsed.graph.get("label").filter(|t| !t.trim().is_empty());
    let top = if let Some(title) = title {
        let look = StyleAttr::new(Color::fast("black"), 1, None, 0, 16);
        svg.draw_text(Point::new((x + right) / 2.0, -22.0), title, &look);
        -45.0
    } else {
        0.0
    };
    // layout-rs grows its canvas by ten pixels per character of text: set the size here.
    let (width, height) = ((right + 20.0).ceil(), (y - top).ceil());
    let body = sorted_styles(&svg.finalize());
    match (body.find("<svg "), body.find("xmlns=")) {
        (Some(start), Some(end)) if start < end => format!(
            "{}<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 {top} {width} {height}\" {}",
            &body[..start],
            &body[end..]
        ),
        _ => body,
    }
}

/// layout-rs writes its font classes in hash order: sorted, the same graph gives
/// the same file.
fn sorted_styles(svg: &str) -> String {
    let (Some(open), Some(close)) = (svg.find("<style>\n"), svg.find("</style>")) else {
        return svg.to_string();
    };
    let start = open + "<style>\n".len();
    if close < start {
        return svg.to_string();
    }
    let mut rules: Vec<&str> = svg[start..close].lines().collect();
    rules.sort_unstable();
    let mut out = String::with_capacity(svg.len());
    out.push_str(&svg[..start]);
    for rule in rules {
        out.push_str(rule);
        out.push('\n');
    }
    out.push_str(&svg[close..]);
    out
}

fn shape_label(shape: &ShapeKind) -> String {
    match shape {
        ShapeKind::Box(t) | ShapeKind::Circle(t) | ShapeKind::DoubleCircle(t) => t.clone(),
        _ => String::new(),
    }
}

fn number(attrs: &Attrs, key: &str) -> Option<f64> {
    attrs.get(key).and_then(|v| v.trim().parse::<f64>().ok())
}

fn color(attrs: &Attrs, key: &str, default: &str) -> Color {
    attrs
        .get(key)
        .map(|c| c.split(':').next().unwrap_or(c).trim())
        .and_then(Color::from_name)
        .unwrap_or_else(|| Color::fast(default))
}

fn element(name: &str, attrs: &Attrs, dir: Orientation) -> Element {
    let label = attrs
        .get("label")
        .cloned()
        .unwrap_or_else(|| name.to_string());
    let shape_name = attrs.get("shape").map(String::as_str).unwrap_or("ellipse");
    let mut rounded = 0;
    let shape = match shape_name {
        "box" | "rect" | "rectangle" | "square" | "box3d" | "component" | "note" | "tab"
        | "folder" | "house" | "invhouse" | "cylinder" | "plain" | "plaintext" | "underline" => {
            ShapeKind::Box(label)
        }
        "hexagon" | "octagon" | "doubleoctagon" | "tripleoctagon" | "cds" | "septagon"
        | "pentagon" | "parallelogram" | "trapezium" | "diamond" => {
            rounded = 12;
            ShapeKind::Box(label)
        }
        "doublecircle" => ShapeKind::DoubleCircle(label),
        _ => ShapeKind::Circle(label),
    };
    let font = number(attrs, "fontsize").map_or(14, |f| f.round().clamp(6.0, 72.0) as usize);
    let width = number(attrs, "penwidth").map_or(1, |w| w.round().clamp(1.0, 8.0) as usize);
    let filled = attrs.get("style").is_some_and(|s| s.contains("filled"));
    let fill = if filled {
        color(attrs, "fillcolor", "lightgray")
    } else {
        Color::fast("white")
    };
    let look = StyleAttr::new(
        color(attrs, "color", "black"),
        width,
        Some(fill),
        rounded,
        font,
    );
    let size = label_size(&shape_label(&shape), font, &shape);
    // layout-rs builds its own shapes in the flipped orientation (it matters for records only).
    Element::create(shape, look, dir.flip(), size)
}

/// A size that fits the text in a proportional font (layout-rs assumes one em per character).
fn label_size(label: &str, font: usize, shape: &ShapeKind) -> Point {
    let font = font as f64;
    let columns = label
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(3) as f64;
    let rows = label.lines().count().max(1) as f64;
    let (w, h) = (columns * font * 0.6 + 20.0, rows * font * 1.2 + 14.0);
    match shape {
        ShapeKind::Circle(_) | ShapeKind::DoubleCircle(_) => Point::new(w * 1.2 + 10.0, h * 1.3),
        _ => Point::new(w, h),
    }
}

fn arrow(attrs: &Attrs) -> Arrow {
    let label = attrs.get("label").cloned().unwrap_or_default();
    let (start, end) = match attrs.get("dir").map(String::as_str) {
        Some("none") => (LineEndKind::None, LineEndKind::None),
        Some("both") => (LineEndKind::Arrow, LineEndKind::Arrow),
        Some("back") => (LineEndKind::Arrow, LineEndKind::None),
        _ => (LineEndKind::None, LineEndKind::Arrow),
    };
    let style = match attrs.get("style").map(String::as_str) {
        Some(s) if s.contains("invis") => LineStyleKind::None,
        Some(s) if s.contains("dashed") => LineStyleKind::Dashed,
        Some(s) if s.contains("dotted") => LineStyleKind::Dotted,
        _ => LineStyleKind::Normal,
    };
    let font = number(attrs, "fontsize").map_or(11, |f| f.round().clamp(6.0, 72.0) as usize);
    let width = number(attrs, "penwidth").map_or(1, |w| w.round().clamp(1.0, 8.0) as usize);
    let look = StyleAttr::new(color(attrs, "color", "black"), width, None, 0, font);
    Arrow::new(start, end, style, &label, &look, &None, &None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dot::{tests::sample, to_dot};
    use crate::export::view::whole;

    #[test]
    fn builtin_svg_shows_the_labels_and_the_legend() {
        let kg = sample();
        let svg = svg(&to_dot(&kg, &whole(&kg))).unwrap();
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"));
        assert!(svg.contains("<svg"));
        for label in [
            "India",
            "Japan",
            "Rajnath Singh",
            "Defence Minister",
            "2025-05-05",
            "Việt Nam",
            "Élysée Palace",
        ] {
            assert!(svg.contains(label), "{label} missing");
        }
        assert!(
            svg.contains("The &quot;Quoted&quot; \\ Backslash"),
            "escaped name missing"
        );
        assert!(svg.contains(">Legend<"));
        assert!(svg.contains(">milestone<"));
        assert!(svg.contains(">Knowledge graph<"));
    }

    #[test]
    fn builtin_svg_is_the_same_every_time() {
        let kg = sample();
        let dot = to_dot(&kg, &whole(&kg));
        let first = svg(&dot).unwrap();
        for _ in 0..5 {
            assert_eq!(first, svg(&dot).unwrap());
        }
        assert_eq!(
            sorted_styles("<style>\n.b {}\n.a {}\n</style>"),
            "<style>\n.a {}\n.b {}\n</style>"
        );
    }

    #[test]
    fn builtin_refuses_empty_and_oversized_graphs() {
        assert!(matches!(
            svg("digraph kg {}"),
            Err(ExportError::Empty { .. })
        ));
        let mut big = String::from("digraph kg {\n");
        for i in 0..=BUILTIN_MAX_NODES {
            big.push_str(&format!("  n{i} -> n{}\n", i + 1));
        }
        big.push('}');
        let err = svg(&big).unwrap_err();
        assert!(matches!(err, ExportError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("apt-get install graphviz"));
        assert!(matches!(svg("not dot"), Err(ExportError::Graphviz { .. })));
    }
}
