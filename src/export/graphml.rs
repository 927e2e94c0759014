//! GraphML for Gephi, yEd and networkx: every field and attribute a `<key>`,
//! every edge directed, as the graph declares (networkx refuses an
//! undirected edge in a directed graph), a symmetric relation (`meets`,
//! `counterpart_of`) saying so in its `symmetric` data.

use super::dot::kind_style;
use super::interchange::{
    field_name, write_blocks, EdgeRow, NodeRow, Rows, EDGE_FIELDS, NODE_FIELDS,
};
use std::fmt::Write as _;
use std::io::Write;

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

/// The GraphML of `rows`, titled `title`: nodes have `label` (the name),
/// `kind`, `aliases`, `focus`, `color` and their attributes; edges
/// `relation`, `symmetric`, `label`, `date`, `articles`, `evidence`, `weight`
/// (articles, for Gephi), `sentence`, `sources` and theirs.
pub(crate) fn write(
    rows: &Rows<'_>,
    title: &str,
    out: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    let all: Vec<usize> = (0..rows.node_count()).collect();
    let mut head = String::new();
    graphml_head(
        &mut head,
        title,
        &rows.node_attr_names(&all),
        &rows.edge_attr_names(),
    );
    out.write_all(head.as_bytes())?;
    write_blocks(out, rows.node_count(), |i, buf| {
        graphml_node(buf, &rows.node(i))
    })?;
    write_blocks(out, rows.edge_count(), |i, buf| {
        graphml_edge(buf, &rows.edge(i))
    })?;
    out.write_all(b"  </graph>\n</graphml>\n")
}

/// The GraphML up to the first node: the keys of every field and of the
/// attributes named, and the graph's title.
fn graphml_head(out: &mut String, title: &str, node_attrs: &[String], edge_attrs: &[String]) {
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
fn graphml_node(out: &mut String, n: &NodeRow) {
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
fn graphml_edge(out: &mut String, e: &EdgeRow) {
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
