//! Cytoscape.js elements: `{"elements": {"nodes": [{"data": {id, label,
//! kind, …}, "classes": …}], "edges": [{"data": {id, source, target,
//! relation, …}}]}}`, pretty-printed as `serde_json::to_string_pretty`
//! prints them (keys sorted) with a final line break. Node classes are the
//! kind, plus `focus` for the emphasized entities.

use super::dot::kind_style;
use super::interchange::{
    field_name, write_blocks, EdgeRow, NodeRow, Rows, EDGE_FIELDS, NODE_FIELDS,
};
use serde_json::{json, Map, Value};
use std::io::Write;

/// The Cytoscape.js JSON of `rows` (the title is not written).
pub(crate) fn write(
    rows: &Rows<'_>,
    _title: &str,
    out: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    // Keys in order, as serde_json's map writes them: edges before nodes.
    out.write_all(b"{\n  \"elements\": {\n    \"edges\": ")?;
    write_array(out, rows.edge_count(), |i, buf| {
        push_element(buf, &cytoscape_edge(&rows.edge(i)));
    })?;
    out.write_all(b",\n    \"nodes\": ")?;
    write_array(out, rows.node_count(), |i, buf| {
        push_element(buf, &cytoscape_node(&rows.node(i)));
    })?;
    out.write_all(b"\n  }\n}\n")
}

/// A pretty JSON array of `count` elements at the depth of the element lists.
fn write_array<F>(out: &mut (dyn Write + Send), count: usize, element: F) -> std::io::Result<()>
where
    F: Fn(usize, &mut String) + Sync,
{
    if count == 0 {
        return out.write_all(b"[]");
    }
    out.write_all(b"[\n")?;
    write_blocks(out, count, |i, buf| {
        if i > 0 {
            buf.push_str(",\n");
        }
        element(i, buf);
    })?;
    out.write_all(b"\n    ]")
}

/// Appends `value` as pretty JSON nested three levels deep, as
/// `serde_json::to_string_pretty` writes an element of
/// `{"elements": {"edges": [...]}}` (no JSON string holds a line break).
fn push_element(buf: &mut String, value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            buf.push('\n');
        }
        buf.push_str("      ");
        buf.push_str(line);
    }
}

/// One node element.
fn cytoscape_node(n: &NodeRow) -> Value {
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

/// One edge element.
fn cytoscape_edge(e: &EdgeRow) -> Value {
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
