//! DOT for a view of the graph, built from graphviz-rust's structures: one style per
//! entity kind, a legend, evidence as tooltips, sorted so the same graph gives the same file.

use super::view::View;
use crate::graph::{Edge, KnowledgeGraph};
use crate::model::{Entity, EntityKind, RelationKind, Status};
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::stable_graph::NodeIndex;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

/// The id of the legend cluster; the built-in renderer draws it apart from the layout.
pub(crate) const LEGEND_CLUSTER: &str = "cluster_legend";
/// Country boxes are clusters named `cluster_country:<slug>`.
const CLUSTER_PREFIX: &str = "cluster_";

/// Where a name is wrapped onto a new line in a node label.
const WRAP_AT: usize = 24;
/// Tooltips are cut to this many characters.
const TOOLTIP_MAX: usize = 300;

/// How an entity kind is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindStyle {
    /// A Graphviz shape name.
    pub shape: &'static str,
    pub fill: &'static str,
    pub border: &'static str,
}

/// The shape and colours of a kind: pastel fills with a darker border of the same hue.
pub fn kind_style(kind: EntityKind) -> KindStyle {
    let (shape, fill, border) = match kind {
        EntityKind::Country => ("box", "#a6cee3", "#1f78b4"),
        EntityKind::Official => ("ellipse", "#fdbf6f", "#e07b00"),
        EntityKind::Organization => ("component", "#b2df8a", "#33a02c"),
        EntityKind::Agreement => ("note", "#cab2d6", "#6a3d9a"),
        EntityKind::Milestone => ("hexagon", "#ffed6f", "#b59a00"),
        EntityKind::Place => ("house", "#d9d9d9", "#636363"),
    };
    KindStyle {
        shape,
        fill,
        border,
    }
}

/// The DOT of `view`: nodes sorted by entity id (those in a country's box inside its
/// cluster), edges by (source, relation, target).
pub fn to_dot(kg: &KnowledgeGraph, view: &View) -> String {
    let g = kg.petgraph();
    let nodes: Vec<(NodeIndex, &Entity)> = view
        .sorted_nodes(kg)
        .into_iter()
        .map(|ix| (ix, &g[ix]))
        .collect();
    let emphasized: BTreeSet<NodeIndex> = view.emphasized.iter().copied().collect();
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph_attrs(view))),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            num("fontsize", 11.0),
            attr("style", "filled"),
            num("penwidth", 1.0),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            num("fontsize", 9.0),
            attr("color", "#555555"),
            attr("fontcolor", "#333333"),
            num("arrowsize", 0.7),
        ])),
    ];
    let kinds: BTreeSet<EntityKind> = nodes.iter().map(|(_, e)| e.kind).collect();
    if !kinds.is_empty() {
        stmts.push(legend(&kinds, view.left_to_right));
    }
    // Each node in at most one box: the first country (by id) that claims it.
    let mut boxed: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut countries: Vec<NodeIndex> = view
        .clusters
        .keys()
        .copied()
        .filter(|c| view.nodes.contains(c) && g.contains_node(*c))
        .collect();
    countries.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
    for &country in &countries {
        for &member in &view.clusters[&country] {
            if view.nodes.contains(&member) && g.contains_node(member) {
                boxed.entry(member).or_insert(country);
            }
        }
    }
    for &country in &countries {
        let members: Vec<Stmt> = nodes
            .iter()
            .filter(|(ix, _)| boxed.get(ix) == Some(&country))
            .map(|&(ix, e)| Stmt::Node(node(e, emphasized.contains(&ix))))
            .collect();
        if !members.is_empty() {
            stmts.push(country_cluster(&g[country], members));
        }
    }
    for &(ix, entity) in &nodes {
        if !boxed.contains_key(&ix) {
            stmts.push(Stmt::Node(node(entity, emphasized.contains(&ix))));
        }
    }
    for e in view.drawn_edges(kg) {
        let (s, t) = g.edge_endpoints(e).expect("an edge of the graph");
        let order = match (view.ranks.get(&s), view.ranks.get(&t)) {
            (Some(rs), Some(rt)) => rs.cmp(rt),
            _ => Ordering::Less,
        };
        let stories = kg.story_count(&g[e]);
        stmts.push(Stmt::Edge(edge_stmt(&g[s], &g[e], &g[t], order, stories)));
    }
    let graph = Graph::DiGraph {
        id: Id::Plain("kg".to_string()),
        strict: false,
        stmts,
    };
    graph.print(&mut PrinterContext::default())
}

/// A country's box: its name as the label, a pale fill in the country colour.
fn country_cluster(country: &Entity, members: Vec<Stmt>) -> Stmt {
    let mut stmts = vec![
        Stmt::Attribute(attr("label", &country.name)),
        Stmt::Attribute(attr("style", "rounded,filled")),
        Stmt::Attribute(attr("fillcolor", "#f2f7fb")),
        Stmt::Attribute(attr("color", "#9ecae1")),
        Stmt::Attribute(attr("fontname", "Helvetica-Bold")),
        Stmt::Attribute(num("fontsize", 12.0)),
        Stmt::Attribute(attr(
            "tooltip",
            &format!("{} and what belongs to it", country.name),
        )),
    ];
    stmts.extend(members);
    Stmt::Subgraph(Subgraph {
        id: quoted(&format!("{CLUSTER_PREFIX}{}", country.id)),
        stmts,
    })
}

fn graph_attrs(view: &View) -> Vec<Attribute> {
    let mut attrs = vec![
        attr("fontname", "Helvetica"),
        attr("bgcolor", "white"),
        num("nodesep", 0.35),
        num("ranksep", 0.6),
    ];
    let title = match (view.title.is_empty(), view.subtitle.is_empty()) {
        (_, true) => view.title.clone(),
        (true, false) => view.subtitle.clone(),
        (false, false) => format!("{}\n({})", view.title, view.subtitle),
    };
    if !title.is_empty() {
        attrs.push(attr("label", &title));
        attrs.push(attr("labelloc", "t"));
        attrs.push(num("fontsize", 16.0));
    }
    if view.left_to_right {
        attrs.push(attr("rankdir", "LR"));
    }
    attrs
}

/// What the legend says of lines: their width, dashes and grey.
const LINE_STYLES: &str = "thicker line: stated by more articles\n\
                           dashed: both ways (meets, counterpart of)\n\
                           grey dashed: did not happen (planned, denied…)";

/// A dashed cluster with one sample node per kind present, in a row in the model's order:
/// invisible edges chain the samples, kept on one rank when the graph runs top to bottom.
fn legend(kinds: &BTreeSet<EntityKind>, left_to_right: bool) -> Stmt {
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Legend")),
        Stmt::Attribute(attr("style", "rounded,dashed")),
        Stmt::Attribute(attr("color", "#999999")),
        Stmt::Attribute(num("fontsize", 10.0)),
    ];
    let id = |kind: EntityKind| NodeId(quoted(&format!("legend:{}", kind.as_str())), None);
    let mut samples = Vec::new();
    for &kind in kinds {
        let style = kind_style(kind);
        samples.push(Stmt::Node(Node::new(
            id(kind),
            vec![
                attr("label", kind.as_str()),
                attr("shape", style.shape),
                attr("fillcolor", style.fill),
                attr("color", style.border),
                num("fontsize", 9.0),
                attr("tooltip", &format!("{kind} (legend)")),
            ],
        )));
    }
    samples.push(Stmt::Node(Node::new(
        NodeId(quoted("legend:lines"), None),
        vec![
            attr("label", LINE_STYLES),
            attr("shape", "plaintext"),
            attr("style", ""),
            num("fontsize", 9.0),
        ],
    )));
    if left_to_right {
        stmts.extend(samples);
    } else {
        samples.insert(0, Stmt::Attribute(attr("rank", "same")));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain("legend_row".to_string()),
            stmts: samples,
        }));
    }
    let chain: Vec<NodeId> = kinds
        .iter()
        .map(|&kind| id(kind))
        .chain([NodeId(quoted("legend:lines"), None)])
        .collect();
    for pair in chain.windows(2) {
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(Vertex::N(pair[0].clone()), Vertex::N(pair[1].clone())),
            attributes: vec![attr("style", "invis")],
        }));
    }
    Stmt::Subgraph(Subgraph {
        id: Id::Plain(LEGEND_CLUSTER.to_string()),
        stmts,
    })
}

fn node(entity: &Entity, emphasized: bool) -> Node {
    let style = kind_style(entity.kind);
    let mut attrs = vec![
        attr("label", &node_label(entity)),
        attr("shape", style.shape),
        attr("fillcolor", style.fill),
        attr("color", style.border),
        attr("tooltip", &node_tooltip(entity)),
    ];
    if emphasized {
        attrs.push(num("penwidth", 3.0));
        attrs.push(attr("style", "filled,bold"));
        attrs.push(attr("fontname", "Helvetica-Bold"));
    } else if entity.kind == EntityKind::Milestone
        && !Status::of_attr(entity.attrs.get("status").map(String::as_str)).happened()
    {
        // A milestone that did not happen: dashed and grey.
        attrs.push(attr("style", "filled,dashed"));
        attrs[3] = attr("color", NOT_HELD_GREY);
        attrs.push(attr("fontcolor", "#666666"));
    }
    Node::new(NodeId(quoted(&entity.id), None), attrs)
}

/// The name, wrapped; officials add their title, milestones their date.
pub fn node_label(entity: &Entity) -> String {
    let mut label = wrap(&entity.name, WRAP_AT);
    let extra = match entity.kind {
        EntityKind::Official => entity.attrs.get("title").map(String::as_str),
        EntityKind::Milestone => entity.date(),
        _ => None,
    };
    if let Some(extra) = extra.filter(|s| !s.trim().is_empty()) {
        label.push('\n');
        label.push_str(&wrap(extra, WRAP_AT));
    }
    label
}

fn node_tooltip(entity: &Entity) -> String {
    let mut tip = format!("{} ({})", entity.name, entity.id);
    if !entity.aliases.is_empty() {
        tip.push_str("\nalso: ");
        tip.push_str(&entity.aliases.join(", "));
    }
    for (key, value) in &entity.attrs {
        tip.push_str(&format!("\n{key}: {value}"));
    }
    truncate(&tip, TOOLTIP_MAX)
}

/// One edge; `order` compares the places of its ends along the routes: an edge
/// pointing back is drawn from its target with the arrow reversed, so that the
/// layout still reads from the first entity to the second. The line is as
/// thick as the `stories` behind the edge (syndicated copies count once).
fn edge_stmt(
    source: &Entity,
    edge: &Edge,
    target: &Entity,
    order: Ordering,
    stories: usize,
) -> DotEdge {
    let count = edge.article_count();
    let mut attrs = vec![
        attr("label", &edge_label(source, edge)),
        num("penwidth", penwidth(stories)),
    ];
    if let Some(first) = edge.evidence.first() {
        let mut tip = first.sentence.trim().to_string();
        if count > 1 {
            tip = format!("{tip}\n({})", crate::stories::support(count, stories));
        }
        let tip = truncate(&tip, TOOLTIP_MAX);
        attrs.push(attr("tooltip", &tip));
        attrs.push(attr("labeltooltip", &tip));
    }
    let happened = edge_status(edge).happened();
    if edge.relation.is_symmetric() {
        attrs.push(attr("dir", "none"));
    }
    if edge.relation.is_symmetric() || !happened {
        attrs.push(attr("style", "dashed"));
    }
    if !happened {
        // What did not happen (planned, explored, denied…): grey and dashed.
        attrs.push(attr("color", NOT_HELD_GREY));
        attrs.push(attr("fontcolor", NOT_HELD_GREY));
    }
    let (tail, head) = match order {
        Ordering::Greater => {
            if !edge.relation.is_symmetric() {
                attrs.push(attr("dir", "back"));
            }
            (target, source)
        }
        Ordering::Equal => {
            attrs.push(attr("constraint", "false"));
            (source, target)
        }
        Ordering::Less => (source, target),
    };
    DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(&tail.id), None)),
            Vertex::N(NodeId(quoted(&head.id), None)),
        ),
        attributes: attrs,
    }
}

/// The colour of an edge or milestone that did not happen.
const NOT_HELD_GREY: &str = "#999999";

/// What the text says of an edge: its `status` attribute, held without one.
pub fn edge_status(edge: &Edge) -> Status {
    Status::of_attr(edge.attrs.get("status").map(String::as_str))
}

/// The relation as a reader says it, with the edge's date, or for
/// `concerns` the milestone's date, and its status when it did not happen:
/// `met on 2025-05-05`, `party to [explored]`.
pub fn edge_label(source: &Entity, edge: &Edge) -> String {
    let status = edge_status(edge);
    let label = dated_relation(source, edge);
    if status.happened() {
        label
    } else {
        format!("{label} [{status}]")
    }
}

/// The relation in words, with the edge's date, or for `concerns` the milestone's date.
fn dated_relation(source: &Entity, edge: &Edge) -> String {
    let date = edge.attrs.get("date").map(String::as_str).or_else(|| {
        (edge.relation == RelationKind::Concerns && source.kind == EntityKind::Milestone)
            .then(|| source.date())
            .flatten()
    });
    match date.filter(|d| !d.trim().is_empty()) {
        Some(date) => edge.relation.dated_phrase(date),
        None => edge.relation.phrase(),
    }
}

/// 1 for one article, growing by 0.8 per further article, at most 5.
pub fn penwidth(article_count: usize) -> f64 {
    (1.0 + 0.8 * article_count.saturating_sub(1) as f64).min(5.0)
}

/// `key="value"` with the value escaped.
fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quoted(value))
}

/// `key=1.5`: numbers need no quotes; two decimals at most, no trailing zeros.
fn num(key: &str, value: f64) -> Attribute {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    Attribute(Id::Plain(key.to_string()), Id::Plain(text.to_string()))
}

/// A double-quoted DOT string; graphviz-rust prints ids verbatim, so the escaping is ours.
pub fn quoted(text: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(text)))
}

/// Escapes text for a quoted DOT string used as a label or tooltip: `\` and `"` are
/// backslash-escaped, a line break becomes `\n`, other control characters (and U+FFFE,
/// U+FFFF, which no XML output may hold) a space, and
/// `&` becomes `&amp;` (Graphviz reads `&name;` in labels as an HTML entity).
pub fn escape(text: &str) -> String {
    use crate::export::interchange::is_xml_noncharacter;
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() || is_xml_noncharacter(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`escape`] for the built-in renderer: the text of a quoted DOT string
/// (with or without its quotes) as it should be shown.
pub(crate) fn unescape(text: &str) -> String {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'l' | 'r') => out.push('\n'),
            // A backslash before a line break continues the line.
            Some('\n') => {}
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out.replace("&amp;", "&")
}

/// Greedy word wrap at `width` characters; a longer word keeps its own line.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines.join("\n")
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::export::view::{from_paths, whole};
    use crate::model::{Attrs, Evidence};

    fn ev(article: &str, sentence: &str) -> Evidence {
        Evidence {
            article: article.into(),
            sentence: sentence.into(),
            start: 0,
            end: sentence.len(),
        }
    }

    /// India and Japan, their defence ministers, an agreement, a dated milestone and a
    /// few names that need escaping.
    pub(crate) fn sample() -> KnowledgeGraph {
        let mut kg = KnowledgeGraph::new();
        let mut add = |kind, slug: &str, name: &str, attrs: &[(&str, &str)]| {
            let mut e = Entity::new(kind, slug, name);
            for (k, v) in attrs {
                e.attrs.insert(k.to_string(), v.to_string());
            }
            kg.upsert_entity(e);
        };
        add(EntityKind::Country, "india", "India", &[]);
        add(EntityKind::Country, "japan", "Japan", &[]);
        add(EntityKind::Country, "viet-nam", "Việt Nam", &[]);
        add(
            EntityKind::Official,
            "rajnath-singh",
            "Rajnath Singh",
            &[("title", "Defence Minister")],
        );
        add(
            EntityKind::Official,
            "gen-nakatani",
            "Gen Nakatani",
            &[("title", "Defense Minister")],
        );
        add(
            EntityKind::Agreement,
            "india-japan-sgp",
            "Special Strategic and Global Partnership",
            &[],
        );
        add(
            EntityKind::Milestone,
            "india-japan-defence-ministers-meeting",
            "India–Japan defence ministers' meeting",
            &[("date", "2025-05-05"), ("kind", "meeting")],
        );
        add(EntityKind::Place, "elysee", "Élysée Palace", &[]);
        add(
            EntityKind::Organization,
            "odd",
            r#"The "Quoted" \ Backslash Forum"#,
            &[],
        );
        let rel = |kg: &mut KnowledgeGraph, s: &str, r, t: &str, a: &str, sentence: &str| {
            kg.add_relation(s, r, t, Attrs::new(), ev(a, sentence))
                .unwrap();
        };
        use RelationKind::*;
        rel(
            &mut kg,
            "official:rajnath-singh",
            Represents,
            "country:india",
            "a1",
            "Defence Minister Rajnath Singh of India said \"we are ready\".",
        );
        rel(
            &mut kg,
            "official:gen-nakatani",
            Represents,
            "country:japan",
            "a1",
            "Japan's Gen Nakatani.",
        );
        rel(
            &mut kg,
            "official:rajnath-singh",
            Meets,
            "official:gen-nakatani",
            "a1",
            "Singh met Nakatani.",
        );
        rel(
            &mut kg,
            "official:rajnath-singh",
            Meets,
            "official:gen-nakatani",
            "a2",
            "They met again.",
        );
        rel(
            &mut kg,
            "official:rajnath-singh",
            Meets,
            "official:gen-nakatani",
            "a3",
            "And again.",
        );
        rel(
            &mut kg,
            "country:india",
            PartyTo,
            "agreement:india-japan-sgp",
            "a1",
            "India and Japan are partners.",
        );
        rel(
            &mut kg,
            "country:japan",
            PartyTo,
            "agreement:india-japan-sgp",
            "a1",
            "India and Japan are partners.",
        );
        rel(
            &mut kg,
            "milestone:india-japan-defence-ministers-meeting",
            Involves,
            "official:rajnath-singh",
            "a1",
            "The ministers met.",
        );
        rel(
            &mut kg,
            "milestone:india-japan-defence-ministers-meeting",
            Concerns,
            "agreement:india-japan-sgp",
            "a1",
            "They reviewed the partnership.",
        );
        rel(
            &mut kg,
            "milestone:india-japan-defence-ministers-meeting",
            HeldIn,
            "place:elysee",
            "a1",
            "At the Élysée.",
        );
        rel(
            &mut kg,
            "country:viet-nam",
            MemberOf,
            "organization:odd",
            "a1",
            "Việt Nam joined the \"Quoted\" \\ forum.",
        );
        kg
    }

    #[test]
    fn dot_has_legend_styles_escaped_labels_and_rankdir() {
        let kg = sample();
        // Top to bottom, the legend is one rank.
        let view = View {
            left_to_right: false,
            ..whole(&kg)
        };
        let dot = to_dot(&kg, &view);
        assert!(dot.starts_with("digraph kg {"), "{dot}");
        assert!(dot.contains("subgraph cluster_legend {"));
        assert!(dot.contains(r#""legend:milestone"[label="milestone""#));
        assert!(
            dot.contains(r#""legend:agreement" -> "legend:milestone" [style="invis"]"#),
            "{dot}"
        );
        assert!(dot.contains(r#"rank="same""#));
        for kind in EntityKind::ALL {
            assert!(dot.contains(&format!("\"legend:{kind}\"")), "{kind}");
        }
        assert!(
            dot.contains(r#"label="Rajnath Singh\nDefence Minister""#),
            "{dot}"
        );
        assert!(
            dot.contains(r#"label="India–Japan defence\nministers' meeting\n2025-05-05""#),
            "{dot}"
        );
        assert!(
            dot.contains(r#"label="The \"Quoted\" \\ Backslash\nForum""#),
            "{dot}"
        );
        assert!(dot.contains(r#"label="Việt Nam""#));
        assert!(dot.contains(r#"label="Élysée Palace""#));
        assert!(
            dot.contains(r#"tooltip="Việt Nam joined the \"Quoted\" \\ forum.""#),
            "{dot}"
        );
        assert!(dot.contains(r#"label="concerns (2025-05-05)""#));
        assert!(dot.contains(r#""official:gen-nakatani" -> "country:japan""#));
        // Three articles back the meeting: a thicker line and a count in the tooltip.
        assert!(dot.contains("penwidth=2.6"), "{dot}");
        assert!(dot.contains(r#"(3 articles)""#));
        assert!(!dot.contains("rankdir"));

        let paths = vec![vec![
            "country:india".to_string(),
            "country:japan".to_string(),
        ]];
        let (india, japan) = (
            kg.index_of("country:india").unwrap(),
            kg.index_of("country:japan").unwrap(),
        );
        let lr = to_dot(&kg, &from_paths(&kg, india, japan, &paths));
        assert!(lr.contains(r#"rankdir="LR""#));
        assert!(lr.contains(r#"label="Paths between India and Japan""#));
        let india_line = lr
            .lines()
            .find(|l| l.contains(r#""country:india"["#))
            .unwrap();
        assert!(
            india_line.contains("penwidth=3") && india_line.contains("filled,bold"),
            "{india_line}"
        );
        let singh_line = lr
            .lines()
            .find(|l| l.contains(r#""official:rajnath-singh"["#));
        assert!(singh_line.is_none(), "only path nodes are drawn");
        assert!(!lr.contains("legend:official"));
    }

    #[test]
    fn dot_is_deterministic_and_parses_back() {
        let kg = sample();
        let view = View {
            left_to_right: false,
            ..whole(&kg)
        };
        let first = to_dot(&kg, &view);
        assert_eq!(first, to_dot(&kg, &view));
        // A graph built in another order gives the same file.
        let mut reversed = KnowledgeGraph::new();
        let mut entities: Vec<Entity> = kg.entities().cloned().collect();
        entities.reverse();
        for e in entities {
            reversed.upsert_entity(e);
        }
        let mut edges: Vec<_> = kg
            .edges()
            .map(|(s, e, t)| (s.id.clone(), e.clone(), t.id.clone()))
            .collect();
        edges.reverse();
        for (s, e, t) in edges {
            for evidence in e.evidence {
                reversed.add_relation(&s, e.relation, &t, e.attrs.clone(), evidence);
            }
        }
        let reversed_view = View {
            left_to_right: false,
            ..whole(&reversed)
        };
        assert_eq!(first, to_dot(&reversed, &reversed_view));
        assert!(to_dot(&kg, &whole(&kg)).contains(r#"rankdir="LR""#));

        let parsed = graphviz_rust::parse(&first).expect("the DOT parses");
        let Graph::DiGraph { stmts, .. } = parsed else {
            panic!("not a digraph")
        };
        let is_node = |s: &&Stmt| matches!(s, Stmt::Node(_));
        let mut nodes = stmts.iter().filter(is_node).count();
        let edges = stmts.iter().filter(|s| matches!(s, Stmt::Edge(_))).count();
        assert!(matches!(&stmts[3], Stmt::Subgraph(legend) if legend.stmts.len() == 4 + 1 + 6));
        // India's and Japan's boxes hold their ministers.
        let mut boxes = Vec::new();
        for s in &stmts[4..] {
            if let Stmt::Subgraph(sub) = s {
                if let Id::Escaped(id) | Id::Plain(id) = &sub.id {
                    boxes.push(id.clone());
                }
                nodes += sub.stmts.iter().filter(is_node).count();
            }
        }
        assert_eq!(
            boxes,
            vec![r#""cluster_country:india""#, r#""cluster_country:japan""#]
        );
        assert_eq!((nodes, edges), (kg.node_count(), kg.edge_count()));
    }

    #[test]
    fn escaping_round_trips() {
        for text in [
            "plain",
            r#"a "b" \c"#,
            "line\nbreak",
            "Việt Nam & Élysée",
            r"\N \\",
        ] {
            assert_eq!(unescape(&format!("\"{}\"", escape(text))), text);
        }
        assert_eq!(escape("a\r\nb\tc"), "a\\nb c");
        assert_eq!(
            wrap("Special Strategic and Global Partnership", 24),
            "Special Strategic and\nGlobal Partnership"
        );
        assert_eq!(truncate("abcdef", 3), "abc…");
        assert_eq!(penwidth(0), 1.0);
        assert_eq!(penwidth(100), 5.0);
    }

    #[test]
    fn empty_view_is_an_empty_digraph() {
        let kg = KnowledgeGraph::new();
        let dot = to_dot(&kg, &View::default());
        assert!(graphviz_rust::parse(&dot).is_ok(), "{dot}");
        assert!(!dot.contains("cluster_legend"));
    }
}
