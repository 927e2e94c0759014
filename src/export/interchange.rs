//! A view of the graph for other tools: GraphML (Gephi, yEd), Cytoscape.js JSON
//! elements, and CSV files laid out for `neo4j-admin database import`.
//!
//! All three carry the same facts: per node its id, name, kind, aliases and
//! attributes; per edge its relation, date, the number of articles and sentences
//! behind it, the first sentence and the source articles. Output is sorted, so the
//! same graph gives the same files.

use super::dot::kind_style;
use super::view::View;
use crate::graph::{Edge, KnowledgeGraph};
use crate::model::{Attrs, Entity, EntityKind, RelationKind};
use petgraph::stable_graph::NodeIndex;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Node fields every format has; an entity attribute of the same name is renamed `attr_<name>`.
const NODE_FIELDS: [&str; 7] = ["id", "name", "label", "kind", "aliases", "focus", "color"];
/// Edge fields every format has; an edge attribute of the same name is renamed `attr_<name>`.
const EDGE_FIELDS: [&str; 12] = [
    "id", "source", "target", "relation", "label", "date", "articles", "evidence", "weight",
    "sentence", "sources", "directed",
];

/// One node as the formats see it.
struct NodeRow<'a> {
    entity: &'a Entity,
    focus: bool,
}

/// One edge as the formats see it.
struct EdgeRow<'a> {
    source: &'a Entity,
    target: &'a Entity,
    edge: &'a Edge,
    /// The edge's date, else the date of a milestone at either end.
    date: Option<String>,
    /// Titles (else paths, else ids) of the articles behind the edge, in evidence order.
    sources: Vec<String>,
}

impl EdgeRow<'_> {
    /// `source|relation|target`, unique in the graph.
    fn id(&self) -> String {
        format!(
            "{}|{}|{}",
            self.source.id, self.edge.relation, self.target.id
        )
    }

    fn label(&self) -> String {
        match &self.date {
            Some(d) => format!("{} ({d})", self.edge.relation),
            None => self.edge.relation.to_string(),
        }
    }

    fn sentence(&self) -> String {
        self.edge
            .evidence
            .first()
            .map(|e| one_line(&e.sentence))
            .unwrap_or_default()
    }
}

fn rows<'a>(kg: &'a KnowledgeGraph, view: &View) -> (Vec<NodeRow<'a>>, Vec<EdgeRow<'a>>) {
    let g = kg.petgraph();
    let nodes = view
        .sorted_nodes(kg)
        .into_iter()
        .map(|ix: NodeIndex| NodeRow {
            entity: &g[ix],
            focus: view.emphasized.contains(&ix),
        })
        .collect();
    let edges = view
        .drawn_edges(kg)
        .into_iter()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).expect("an edge of the graph");
            let (source, target, edge) = (&g[s], &g[t], &g[e]);
            let date = edge
                .attrs
                .get("date")
                .map(String::as_str)
                .or_else(|| milestone_date(source))
                .or_else(|| milestone_date(target))
                .filter(|d| !d.trim().is_empty())
                .map(str::to_string);
            let mut sources: Vec<String> = Vec::new();
            for ev in &edge.evidence {
                let label = article_label(kg, &ev.article);
                if !sources.contains(&label) {
                    sources.push(label);
                }
            }
            EdgeRow {
                source,
                target,
                edge,
                date,
                sources,
            }
        })
        .collect();
    (nodes, edges)
}

fn milestone_date(e: &Entity) -> Option<&str> {
    (e.kind == EntityKind::Milestone)
        .then(|| e.date())
        .flatten()
}

/// An article's title, else its path, else its id.
pub(crate) fn article_label(kg: &KnowledgeGraph, id: &str) -> String {
    match kg.article(id) {
        Some(a) if !a.title.trim().is_empty() => a.title.trim().to_string(),
        Some(a) if !a.path.is_empty() => a.path.clone(),
        _ => id.to_string(),
    }
}

fn one_line(text: &str) -> String {
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
fn attr_names<'a>(attrs: impl Iterator<Item = &'a Attrs>, skip: &[&str]) -> Vec<String> {
    let names: BTreeSet<&String> = attrs.flat_map(|a| a.keys()).collect();
    names
        .into_iter()
        .filter(|k| !skip.contains(&k.as_str()))
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------
// GraphML
// ---------------------------------------------------------------------------

/// Text escaped for XML content and attribute values; control characters but line
/// breaks and tabs become spaces.
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
            c if c.is_control() => out.push(' '),
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
    let node_attrs = attr_names(nodes.iter().map(|n| &n.entity.attrs), &[]);
    let edge_attrs = attr_names(edges.iter().map(|e| &e.edge.attrs), &["date"]);

    let mut out = String::from(
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
    for name in &node_attrs {
        let field = field_name(name, &NODE_FIELDS);
        key(&format!("n_{field}"), "node", &field, "string");
    }
    for (name, ty) in [
        ("relation", "string"),
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
    for name in &edge_attrs {
        let field = field_name(name, &EDGE_FIELDS);
        key(&format!("e_{field}"), "edge", &field, "string");
    }
    let title = xml_escape(&view.title);
    let _ = writeln!(
        out,
        "  <graph id=\"kg\" edgedefault=\"directed\">\n    <desc>{title}</desc>"
    );
    let data = |out: &mut String, key: &str, value: &str| {
        let _ = writeln!(
            out,
            "      <data key=\"{}\">{}</data>",
            xml_escape(key),
            xml_escape(value)
        );
    };
    for n in &nodes {
        let e = n.entity;
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(&e.id));
        data(&mut out, "n_label", &e.name);
        data(&mut out, "n_kind", e.kind.as_str());
        if !e.aliases.is_empty() {
            data(&mut out, "n_aliases", &e.aliases.join("; "));
        }
        data(&mut out, "n_focus", if n.focus { "true" } else { "false" });
        data(&mut out, "n_color", kind_style(e.kind).fill);
        for (k, v) in &e.attrs {
            data(&mut out, &format!("n_{}", field_name(k, &NODE_FIELDS)), v);
        }
        out.push_str("    </node>\n");
    }
    for e in &edges {
        let directed = if e.edge.relation.is_symmetric() {
            " directed=\"false\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\"{directed}>",
            xml_escape(&e.id()),
            xml_escape(&e.source.id),
            xml_escape(&e.target.id)
        );
        data(&mut out, "e_relation", e.edge.relation.as_str());
        data(&mut out, "e_label", &e.label());
        if let Some(date) = &e.date {
            data(&mut out, "e_date", date);
        }
        let articles = e.edge.article_count();
        data(&mut out, "e_articles", &articles.to_string());
        data(&mut out, "e_evidence", &e.edge.evidence.len().to_string());
        data(&mut out, "e_weight", &format!("{articles}.0"));
        data(&mut out, "e_sentence", &e.sentence());
        data(&mut out, "e_sources", &e.sources.join(" | "));
        for (k, v) in e.edge.attrs.iter().filter(|(k, _)| k.as_str() != "date") {
            data(&mut out, &format!("e_{}", field_name(k, &EDGE_FIELDS)), v);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

// ---------------------------------------------------------------------------
// Cytoscape.js
// ---------------------------------------------------------------------------

/// Cytoscape.js elements: `{"elements": {"nodes": [{"data": {id, label, kind, …},
/// "classes": …}], "edges": [{"data": {id, source, target, relation, …}}]}}`.
/// Node classes are the kind, plus `focus` for the emphasized entities.
pub fn to_cytoscape(kg: &KnowledgeGraph, view: &View) -> Value {
    let (nodes, edges) = rows(kg, view);
    let nodes: Vec<Value> = nodes
        .iter()
        .map(|n| {
            let e = n.entity;
            let mut data = Map::new();
            data.insert("id".into(), json!(e.id));
            data.insert("label".into(), json!(e.name));
            data.insert("name".into(), json!(e.name));
            data.insert("kind".into(), json!(e.kind));
            data.insert("aliases".into(), json!(e.aliases));
            data.insert("focus".into(), json!(n.focus));
            data.insert("color".into(), json!(kind_style(e.kind).fill));
            for (k, v) in &e.attrs {
                data.insert(field_name(k, &NODE_FIELDS), json!(v));
            }
            let mut classes = e.kind.as_str().to_string();
            if n.focus {
                classes.push_str(" focus");
            }
            json!({"data": data, "classes": classes})
        })
        .collect();
    let edges: Vec<Value> = edges
        .iter()
        .map(|e| {
            let mut data = Map::new();
            data.insert("id".into(), json!(e.id()));
            data.insert("source".into(), json!(e.source.id));
            data.insert("target".into(), json!(e.target.id));
            data.insert("relation".into(), json!(e.edge.relation));
            data.insert("label".into(), json!(e.label()));
            data.insert("date".into(), json!(e.date));
            data.insert("articles".into(), json!(e.edge.article_count()));
            data.insert("evidence".into(), json!(e.edge.evidence.len()));
            data.insert("weight".into(), json!(e.edge.article_count()));
            data.insert("sentence".into(), json!(e.sentence()));
            data.insert("sources".into(), json!(e.sources));
            data.insert("directed".into(), json!(!e.edge.relation.is_symmetric()));
            for (k, v) in e.edge.attrs.iter().filter(|(k, _)| k.as_str() != "date") {
                data.insert(field_name(k, &EDGE_FIELDS), json!(v));
            }
            json!({"data": data})
        })
        .collect();
    json!({"elements": {"nodes": nodes, "edges": edges}})
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
        let of_kind: Vec<&NodeRow> = nodes.iter().filter(|n| n.entity.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let attrs = attr_names(of_kind.iter().map(|n| &n.entity.attrs), &[]);
        let mut header: Vec<String> = ["id:ID", "name", ":LABEL", "aliases:string[]"]
            .map(String::from)
            .to_vec();
        header.extend(attrs.iter().map(|a| field_name(a, &NODE_FIELDS)));
        let mut csv = csv_line(&header);
        let label = format!("Entity;{}", capitalized(kind.as_str()));
        for n in of_kind {
            let e = n.entity;
            let mut row = vec![
                e.id.clone(),
                e.name.clone(),
                label.clone(),
                array(&e.aliases),
            ];
            row.extend(
                attrs
                    .iter()
                    .map(|a| e.attrs.get(a).cloned().unwrap_or_default()),
            );
            csv.push_str(&csv_line(&row));
        }
        files.push((format!("nodes_{kind}.csv"), csv));
    }
    let attrs = attr_names(edges.iter().map(|e| &e.edge.attrs), &["date"]);
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
    let mut csv = csv_line(&header);
    for e in &edges {
        let mut row = vec![
            e.source.id.clone(),
            e.target.id.clone(),
            relation_type(e.edge.relation),
            e.date.clone().unwrap_or_default(),
            e.edge.article_count().to_string(),
            e.edge.evidence.len().to_string(),
            e.sentence(),
            array(&e.sources),
        ];
        row.extend(
            attrs
                .iter()
                .map(|a| e.edge.attrs.get(a).cloned().unwrap_or_default()),
        );
        csv.push_str(&csv_line(&row));
    }
    files.push((NEO4J_RELATIONS.to_string(), csv));
    files
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
        assert!(xml.contains(
            r#"source="official:gen-nakatani" target="official:rajnath-singh" directed="false""#
        ));
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
