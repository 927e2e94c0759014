//! A view of the graph for other tools: GraphML (Gephi, yEd), Cytoscape.js JSON
//! elements, and CSV files laid out for `neo4j-admin database import`.
//!
//! All three carry the same facts: per node its id, name, kind, aliases and
//! attributes; per edge its relation, date, the number of articles and sentences
//! behind it, the first sentence and the source articles. Output is sorted, so the
//! same graph gives the same files.
//!
//! Each format is written row by row from [`NodeRow`]s and [`EdgeRow`]s, so a
//! graph in memory and the index of a large store
//! ([`crate::scale::interchange_out`], which streams them) give the same bytes.

use super::dot::kind_style;
use super::view::View;
use crate::graph::KnowledgeGraph;
use crate::model::{EntityKind, RelationKind};
use petgraph::stable_graph::NodeIndex;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Node fields every format has; an entity attribute of the same name is renamed `attr_<name>`.
const NODE_FIELDS: [&str; 7] = ["id", "name", "label", "kind", "aliases", "focus", "color"];
/// Edge fields every format has; an edge attribute of the same name is renamed `attr_<name>`.
const EDGE_FIELDS: [&str; 13] = [
    "id",
    "source",
    "target",
    "relation",
    "label",
    "date",
    "articles",
    "evidence",
    "weight",
    "sentence",
    "sources",
    "directed",
    "symmetric",
];

/// One node as the formats see it.
pub(crate) struct NodeRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: EntityKind,
    pub aliases: Vec<&'a str>,
    /// In key order.
    pub attrs: Vec<(&'a str, &'a str)>,
    pub focus: bool,
}

/// One edge as the formats see it.
pub(crate) struct EdgeRow<'a> {
    pub source: &'a str,
    pub target: &'a str,
    pub relation: RelationKind,
    /// Every attribute, `date` too, in key order.
    pub attrs: Vec<(&'a str, &'a str)>,
    /// The edge's date, else the date of a milestone at either end.
    pub date: Option<&'a str>,
    /// Distinct articles behind the edge.
    pub articles: usize,
    /// Pieces of evidence behind the edge.
    pub evidence: usize,
    /// The first sentence, on one line.
    pub sentence: String,
    /// Titles (else paths, else ids) of the articles behind the edge, in evidence order.
    pub sources: Vec<String>,
}

impl EdgeRow<'_> {
    /// `source|relation|target`, unique in the graph.
    fn id(&self) -> String {
        format!("{}|{}|{}", self.source, self.relation, self.target)
    }

    fn label(&self) -> String {
        match &self.date {
            Some(d) => format!("{} ({d})", self.relation),
            None => self.relation.to_string(),
        }
    }

    /// The attributes but `date`, which has a field of its own.
    fn other_attrs(&self) -> impl Iterator<Item = &(&str, &str)> {
        self.attrs.iter().filter(|(k, _)| *k != "date")
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

/// The date an edge is shown with: its own, else that of a milestone at
/// either end; never a blank one.
pub(crate) fn edge_date<'a>(
    own: Option<&'a str>,
    source_milestone: Option<&'a str>,
    target_milestone: Option<&'a str>,
) -> Option<&'a str> {
    own.or(source_milestone)
        .or(target_milestone)
        .filter(|d| !d.trim().is_empty())
}

/// Adds `label` to `sources` unless it is there already.
pub(crate) fn add_source(sources: &mut Vec<String>, label: String) {
    if !sources.contains(&label) {
        sources.push(label);
    }
}

pub(crate) fn rows<'a>(
    kg: &'a KnowledgeGraph,
    view: &View,
) -> (Vec<NodeRow<'a>>, Vec<EdgeRow<'a>>) {
    let g = kg.petgraph();
    let nodes = view
        .sorted_nodes(kg)
        .into_iter()
        .map(|ix: NodeIndex| {
            let e = &g[ix];
            NodeRow {
                id: &e.id,
                name: &e.name,
                kind: e.kind,
                aliases: e.aliases.iter().map(String::as_str).collect(),
                attrs: e
                    .attrs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
                focus: view.emphasized.contains(&ix),
            }
        })
        .collect();
    let edges = view
        .drawn_edges(kg)
        .into_iter()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).expect("an edge of the graph");
            let (source, target, edge) = (&g[s], &g[t], &g[e]);
            let mut sources: Vec<String> = Vec::new();
            for ev in &edge.evidence {
                add_source(&mut sources, article_label(kg, &ev.article));
            }
            EdgeRow {
                source: &source.id,
                target: &target.id,
                relation: edge.relation,
                attrs: edge
                    .attrs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
                date: edge_date(
                    edge.attrs.get("date").map(String::as_str),
                    source.milestone_date(),
                    target.milestone_date(),
                ),
                articles: edge.article_count(),
                evidence: edge.evidence.len(),
                sentence: edge
                    .evidence
                    .first()
                    .map(|e| one_line(&e.sentence))
                    .unwrap_or_default(),
                sources,
            }
        })
        .collect();
    (nodes, edges)
}

/// An article's title, else its path, else its id.
pub(crate) fn article_label(kg: &KnowledgeGraph, id: &str) -> String {
    match kg.article(id) {
        Some(a) => label_of(id, &a.title, &a.path),
        None => id.to_string(),
    }
}

/// The label of an article with this id, title and path: [`article_label`].
pub(crate) fn label_of(id: &str, title: &str, path: &str) -> String {
    if !title.trim().is_empty() {
        title.trim().to_string()
    } else if !path.is_empty() {
        path.to_string()
    } else {
        id.to_string()
    }
}

/// The text with every run of whitespace one space, trimmed.
pub(crate) fn one_line(text: &str) -> String {
    // Most sentences are one line already: copied as they are.
    let plain = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text.is_ascii()
        && !text
            .bytes()
            .any(|b| b != b' ' && char::from(b).is_whitespace());
    if plain {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name an attribute is written under: its own, or `attr_<name>` when a fixed field has it.
fn field_name(key: &str, fixed: &[&str]) -> String {
    if fixed.contains(&key) {
        format!("attr_{key}")
    } else {
        key.to_string()
    }
}

/// Attribute names used by the nodes (or edges), sorted; `skip` names are left out.
pub(crate) fn attr_names<'a>(
    attrs: impl Iterator<Item = &'a (&'a str, &'a str)>,
    skip: &[&str],
) -> Vec<String> {
    let names: BTreeSet<&str> = attrs.map(|(k, _)| *k).collect();
    names
        .into_iter()
        .filter(|k| !skip.contains(k))
        .map(str::to_string)
        .collect()
}

// ---------------------------------------------------------------------------
// GraphML
// ---------------------------------------------------------------------------

/// U+FFFE and U+FFFF: not characters at all to XML 1.0, so a GraphML or SVG file
/// holding one is refused by every parser (Gephi, yEd, browsers).
pub(crate) fn is_xml_noncharacter(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Text escaped for XML content and attribute values; control characters but line
/// breaks and tabs, and the non-characters U+FFFE and U+FFFF, become spaces.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() || is_xml_noncharacter(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// GraphML of `view`, every attribute a `<key>`: nodes have `label` (the name),
/// `kind`, `aliases`, `focus`, `color` and their attributes; edges `relation`,
/// `label`, `date`, `articles`, `evidence`, `weight` (articles, for Gephi),
/// `sentence`, `sources` and theirs. Symmetric relations are undirected edges.
pub fn to_graphml(kg: &KnowledgeGraph, view: &View) -> String {
    let (nodes, edges) = rows(kg, view);
    let node_attrs = attr_names(nodes.iter().flat_map(|n| &n.attrs), &[]);
    let edge_attrs = attr_names(edges.iter().flat_map(|e| &e.attrs), &["date"]);
    let mut out = String::new();
    graphml_head(&mut out, &view.title, &node_attrs, &edge_attrs);
    for n in &nodes {
        graphml_node(&mut out, n);
    }
    for e in &edges {
        graphml_edge(&mut out, e);
    }
    out.push_str(GRAPHML_TAIL);
    out
}

/// What ends a GraphML file.
pub(crate) const GRAPHML_TAIL: &str = "  </graph>\n</graphml>\n";

/// The GraphML up to the first node: the keys of every field and of the
/// attributes named, and the graph's title.
pub(crate) fn graphml_head(
    out: &mut String,
    title: &str,
    node_attrs: &[String],
    edge_attrs: &[String],
) {
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    let mut key = |id: &str, target: &str, name: &str, ty: &str| {
        let _ = writeln!(
            out,
            "  <key id=\"{}\" for=\"{target}\" attr.name=\"{}\" attr.type=\"{ty}\"/>",
            xml_escape(id),
            xml_escape(name)
        );
    };
    for (name, ty) in [
        ("label", "string"),
        ("kind", "string"),
        ("aliases", "string"),
        ("focus", "boolean"),
        ("color", "string"),
    ] {
        key(&format!("n_{name}"), "node", name, ty);
    }
    for name in node_attrs {
        let field = field_name(name, &NODE_FIELDS);
        key(&format!("n_{field}"), "node", &field, "string");
    }
    for (name, ty) in [
        ("relation", "string"),
        ("symmetric", "boolean"),
        ("label", "string"),
        ("date", "string"),
        ("articles", "int"),
        ("evidence", "int"),
        ("weight", "double"),
        ("sentence", "string"),
        ("sources", "string"),
    ] {
        key(&format!("e_{name}"), "edge", name, ty);
    }
    for name in edge_attrs {
        let field = field_name(name, &EDGE_FIELDS);
        key(&format!("e_{field}"), "edge", &field, "string");
    }
    let title = xml_escape(title);
    let _ = writeln!(
        out,
        "  <graph id=\"kg\" edgedefault=\"directed\">\n    <desc>{title}</desc>"
    );
}

fn graphml_data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <data key=\"{}\">{}</data>",
        xml_escape(key),
        xml_escape(value)
    );
}

/// One `<node>` element.
pub(crate) fn graphml_node(out: &mut String, n: &NodeRow) {
    let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(n.id));
    graphml_data(out, "n_label", n.name);
    graphml_data(out, "n_kind", n.kind.as_str());
    if !n.aliases.is_empty() {
        graphml_data(out, "n_aliases", &n.aliases.join("; "));
    }
    graphml_data(out, "n_focus", if n.focus { "true" } else { "false" });
    graphml_data(out, "n_color", kind_style(n.kind).fill);
    for (k, v) in &n.attrs {
        graphml_data(out, &format!("n_{}", field_name(k, &NODE_FIELDS)), v);
    }
    out.push_str("    </node>\n");
}

/// One `<edge>` element. Every edge is directed, as the graph declares
/// (networkx refuses an undirected edge in a directed graph); a symmetric
/// relation (`meets`, `counterpart_of`) says so in its `symmetric` data.
pub(crate) fn graphml_edge(out: &mut String, e: &EdgeRow) {
    let _ = writeln!(
        out,
        "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
        xml_escape(&e.id()),
        xml_escape(e.source),
        xml_escape(e.target)
    );
    graphml_data(out, "e_relation", e.relation.as_str());
    graphml_data(
        out,
        "e_symmetric",
        if e.relation.is_symmetric() {
            "true"
        } else {
            "false"
        },
    );
    graphml_data(out, "e_label", &e.label());
    if let Some(date) = e.date {
        graphml_data(out, "e_date", date);
    }
    graphml_data(out, "e_articles", &e.articles.to_string());
    graphml_data(out, "e_evidence", &e.evidence.to_string());
    graphml_data(out, "e_weight", &format!("{}.0", e.articles));
    graphml_data(out, "e_sentence", &e.sentence);
    graphml_data(out, "e_sources", &e.sources.join(" | "));
    for (k, v) in e.other_attrs() {
        graphml_data(out, &format!("e_{}", field_name(k, &EDGE_FIELDS)), v);
    }
    out.push_str("    </edge>\n");
}

// ---------------------------------------------------------------------------
// Cytoscape.js
// ---------------------------------------------------------------------------

/// Cytoscape.js elements: `{"elements": {"nodes": [{"data": {id, label, kind, …},
/// "classes": …}], "edges": [{"data": {id, source, target, relation, …}}]}}`.
/// Node classes are the kind, plus `focus` for the emphasized entities.
pub fn to_cytoscape(kg: &KnowledgeGraph, view: &View) -> Value {
    let (nodes, edges) = rows(kg, view);
    let nodes: Vec<Value> = nodes.iter().map(cytoscape_node).collect();
    let edges: Vec<Value> = edges.iter().map(cytoscape_edge).collect();
    json!({"elements": {"nodes": nodes, "edges": edges}})
}

/// One node of [`to_cytoscape`].
pub(crate) fn cytoscape_node(n: &NodeRow) -> Value {
    let mut data = Map::new();
    data.insert("id".into(), json!(n.id));
    data.insert("label".into(), json!(n.name));
    data.insert("name".into(), json!(n.name));
    data.insert("kind".into(), json!(n.kind));
    data.insert("aliases".into(), json!(n.aliases));
    data.insert("focus".into(), json!(n.focus));
    data.insert("color".into(), json!(kind_style(n.kind).fill));
    for (k, v) in &n.attrs {
        data.insert(field_name(k, &NODE_FIELDS), json!(v));
    }
    let mut classes = n.kind.as_str().to_string();
    if n.focus {
        classes.push_str(" focus");
    }
    json!({"data": data, "classes": classes})
}

/// One edge of [`to_cytoscape`].
pub(crate) fn cytoscape_edge(e: &EdgeRow) -> Value {
    let mut data = Map::new();
    data.insert("id".into(), json!(e.id()));
    data.insert("source".into(), json!(e.source));
    data.insert("target".into(), json!(e.target));
    data.insert("relation".into(), json!(e.relation));
    data.insert("label".into(), json!(e.label()));
    data.insert("date".into(), json!(e.date));
    data.insert("articles".into(), json!(e.articles));
    data.insert("evidence".into(), json!(e.evidence));
    data.insert("weight".into(), json!(e.articles));
    data.insert("sentence".into(), json!(e.sentence));
    data.insert("sources".into(), json!(e.sources));
    data.insert("directed".into(), json!(!e.relation.is_symmetric()));
    for (k, v) in e.other_attrs() {
        data.insert(field_name(k, &EDGE_FIELDS), json!(v));
    }
    json!({"data": data})
}

// ---------------------------------------------------------------------------
// Neo4j
// ---------------------------------------------------------------------------

/// The file holding the relations of a Neo4j export.
pub const NEO4J_RELATIONS: &str = "relations.csv";

/// CSV files for `neo4j-admin database import full`, as (file name, contents):
/// `nodes_<kind>.csv` per kind present, headed `id:ID,name,:LABEL,aliases:string[]`
/// and the kind's attributes, labels `Entity;<Kind>`; and [`NEO4J_RELATIONS`], headed
/// `:START_ID,:END_ID,:TYPE,date,articles:int,evidence:int,sentence,sources:string[]`
/// and the edges' attributes, types in upper case (`PARTY_TO`). Arrays use `;`.
pub fn to_neo4j(kg: &KnowledgeGraph, view: &View) -> Vec<(String, String)> {
    let (nodes, edges) = rows(kg, view);
    let mut files = Vec::new();
    for kind in EntityKind::ALL {
        let of_kind: Vec<&NodeRow> = nodes.iter().filter(|n| n.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let attrs = attr_names(of_kind.iter().flat_map(|n| &n.attrs), &[]);
        let mut csv = neo4j_nodes_header(&attrs);
        for n in of_kind {
            neo4j_node(&mut csv, n, &attrs);
        }
        files.push((neo4j_nodes_file(kind), csv));
    }
    let attrs = attr_names(edges.iter().flat_map(|e| &e.attrs), &["date"]);
    let mut csv = neo4j_relations_header(&attrs);
    for e in &edges {
        neo4j_relation(&mut csv, e, &attrs);
    }
    files.push((NEO4J_RELATIONS.to_string(), csv));
    files
}

/// The file holding the entities of one kind: `nodes_<kind>.csv`.
pub(crate) fn neo4j_nodes_file(kind: EntityKind) -> String {
    format!("nodes_{kind}.csv")
}

/// The header of a nodes file whose entities have the attributes `attrs`.
pub(crate) fn neo4j_nodes_header(attrs: &[String]) -> String {
    let mut header: Vec<String> = ["id:ID", "name", ":LABEL", "aliases:string[]"]
        .map(String::from)
        .to_vec();
    header.extend(attrs.iter().map(|a| field_name(a, &NODE_FIELDS)));
    csv_line(&header)
}

/// One line of a nodes file with the columns `attrs`.
pub(crate) fn neo4j_node(out: &mut String, n: &NodeRow, attrs: &[String]) {
    let aliases: Vec<String> = n.aliases.iter().map(|a| a.to_string()).collect();
    let mut row = vec![
        n.id.to_string(),
        n.name.to_string(),
        format!("Entity;{}", capitalized(n.kind.as_str())),
        array(&aliases),
    ];
    row.extend(attrs.iter().map(|a| {
        n.attrs
            .iter()
            .find(|(k, _)| *k == a.as_str())
            .map_or_else(String::new, |(_, v)| v.to_string())
    }));
    out.push_str(&csv_line(&row));
}

/// The header of the relations file whose edges have the attributes `attrs`.
pub(crate) fn neo4j_relations_header(attrs: &[String]) -> String {
    let mut header: Vec<String> = [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "date",
        "articles:int",
        "evidence:int",
        "sentence",
        "sources:string[]",
    ]
    .map(String::from)
    .to_vec();
    header.extend(attrs.iter().map(|a| field_name(a, &EDGE_FIELDS)));
    csv_line(&header)
}

/// One line of the relations file with the columns `attrs`.
pub(crate) fn neo4j_relation(out: &mut String, e: &EdgeRow, attrs: &[String]) {
    let mut row = vec![
        e.source.to_string(),
        e.target.to_string(),
        relation_type(e.relation),
        e.date.unwrap_or_default().to_string(),
        e.articles.to_string(),
        e.evidence.to_string(),
        e.sentence.clone(),
        array(&e.sources),
    ];
    row.extend(
        attrs
            .iter()
            .map(|a| e.attr(a).unwrap_or_default().to_string()),
    );
    out.push_str(&csv_line(&row));
}

/// `party_to` → `PARTY_TO`.
pub fn relation_type(relation: RelationKind) -> String {
    relation.as_str().to_ascii_uppercase()
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Elements joined by `;`, the import's array delimiter (a `;` inside one becomes `,`).
fn array(items: &[String]) -> String {
    items
        .iter()
        .map(|i| one_line(i).replace(';', ","))
        .collect::<Vec<_>>()
        .join(";")
}

/// One CSV record: fields quoted when they hold a comma, a quote or a space at either
/// end, quotes doubled; line breaks become spaces.
fn csv_line(fields: &[String]) -> String {
    let mut line = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let field = field.replace(['\r', '\n'], " ");
        if field.contains([',', '"']) || field.trim() != field {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(&field);
        }
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dot::tests::sample;
    use crate::export::view::whole;

    #[test]
    fn graphml_escapes_and_declares_every_key() {
        let kg = sample();
        let xml = to_graphml(&kg, &whole(&kg));
        assert!(xml.starts_with("<?xml"));
        assert!(
            xml.contains(r#"<key id="n_title" for="node" attr.name="title" attr.type="string"/>"#)
        );
        assert!(
            xml.contains(r#"<key id="n_attr_kind" for="node" attr.name="attr_kind""#),
            "{xml}"
        );
        assert!(xml.contains("The &quot;Quoted&quot; \\ Backslash Forum"));
        assert!(xml.contains(r#"source="official:gen-nakatani" target="official:rajnath-singh">"#));
        assert!(
            !xml.contains("directed=\"false\""),
            "an undirected edge in a directed graph"
        );
        assert!(xml.contains(r#"<data key="e_symmetric">true</data>"#));
        assert!(xml.contains(r#"<data key="e_articles">3</data>"#));
        assert_eq!(xml, to_graphml(&kg, &whole(&kg)), "deterministic");
    }

    #[test]
    fn cytoscape_elements_carry_data_and_classes() {
        let kg = sample();
        let json = to_cytoscape(&kg, &whole(&kg));
        let nodes = json["elements"]["nodes"].as_array().unwrap();
        let edges = json["elements"]["edges"].as_array().unwrap();
        assert_eq!(
            (nodes.len(), edges.len()),
            (kg.node_count(), kg.edge_count())
        );
        let meeting = nodes
            .iter()
            .find(|n| n["data"]["id"] == "milestone:india-japan-defence-ministers-meeting")
            .unwrap();
        assert_eq!(meeting["data"]["date"], "2025-05-05");
        assert_eq!(meeting["data"]["attr_kind"], "meeting");
        assert_eq!(meeting["data"]["kind"], "milestone");
        assert_eq!(meeting["classes"], "milestone");
        let held = edges
            .iter()
            .find(|e| e["data"]["relation"] == "held_in")
            .unwrap();
        assert_eq!(held["data"]["date"], "2025-05-05");
        assert_eq!(held["data"]["label"], "held_in (2025-05-05)");
        assert_eq!(held["data"]["sources"], json!(["a1"]));
    }

    #[test]
    fn neo4j_files_have_import_headers_and_quoted_fields() {
        let kg = sample();
        let files = to_neo4j(&kg, &whole(&kg));
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "nodes_country.csv",
                "nodes_official.csv",
                "nodes_organization.csv",
                "nodes_agreement.csv",
                "nodes_milestone.csv",
                "nodes_place.csv",
                "relations.csv"
            ]
        );
        let officials = &files[1].1;
        assert!(officials.starts_with("id:ID,name,:LABEL,aliases:string[],title\n"));
        assert!(officials
            .contains("official:rajnath-singh,Rajnath Singh,Entity;Official,,Defence Minister\n"));
        let orgs = &files[2].1;
        assert!(
            orgs.contains(r#""The ""Quoted"" \ Backslash Forum""#),
            "{orgs}"
        );
        let relations = &files[6].1;
        assert!(relations.starts_with(
            ":START_ID,:END_ID,:TYPE,date,articles:int,evidence:int,sentence,sources:string[]\n"
        ));
        assert!(relations.contains("official:gen-nakatani,official:rajnath-singh,MEETS,,3,3,Singh met Nakatani.,a1;a2;a3\n"), "{relations}");
        assert_eq!(
            csv_line(&["a,b".into(), " c".into(), "d".into()]),
            "\"a,b\",\" c\",d\n"
        );
    }
}
