//! Cypher: the graph as a script of parameter-free statements, one a line,
//! that an embedded graph database runs as it is.
//!
//! The script opens with the two statements a schema-full engine (Kùzu,
//! LadybugDB) needs, `CREATE NODE TABLE` and `CREATE REL TABLE`; a
//! schema-free one (Neo4j, Memgraph) skips them. Then every entity is one
//! `MERGE (n:Entity {id: …}) SET …` and every relation one `MATCH … CREATE
//! (a)-[:Relation {…}]->(b)`, so the same script loaded twice leaves one node
//! per entity. Entities keep their kind, name, aliases and attributes (as
//! JSON text), relations their kind, date, articles, first sentence and
//! sources; `symmetric` marks `meets` and `counterpart_of`.
//!
//! ```text
//! MERGE (n:Entity {id: 'country:india'}) SET n.kind = 'country', n.name = 'India', …;
//! MATCH (a:Entity {id: 'country:india'}), (b:Entity {id: 'agreement:…'}) CREATE (a)-[:Relation {relation: 'party_to', …}]->(b);
//! ```

use super::interchange::{write_blocks, EdgeRow, NodeRow, Rows};
use std::fmt::Write as _;
use std::io::Write;

/// The Cypher script of `rows`, titled `title`: schema, entities, then relations.
pub(crate) fn write(
    rows: &Rows<'_>,
    title: &str,
    out: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    let mut head = String::new();
    cypher_head(&mut head, title);
    out.write_all(head.as_bytes())?;
    write_blocks(out, rows.node_count(), |i, buf| {
        cypher_node(buf, &rows.node(i))
    })?;
    write_blocks(out, rows.edge_count(), |i, buf| {
        cypher_edge(buf, &rows.edge(i))
    })
}

/// The schema statements and a comment naming the graph.
fn cypher_head(out: &mut String, title: &str) {
    let _ = writeln!(out, "// {}", one_line(title));
    out.push_str(
        "// Kùzu and LadybugDB need the two table statements; Neo4j and Memgraph skip them.\n\
         CREATE NODE TABLE IF NOT EXISTS Entity(id STRING, kind STRING, name STRING, \
         aliases STRING, date STRING, attrs STRING, PRIMARY KEY(id));\n\
         CREATE REL TABLE IF NOT EXISTS Relation(FROM Entity TO Entity, relation STRING, \
         date STRING, articles INT64, evidence INT64, symmetric BOOLEAN, sentence STRING, \
         sources STRING, attrs STRING);\n",
    );
}

/// One entity: `MERGE` on its id, then its fields.
fn cypher_node(out: &mut String, n: &NodeRow) {
    let date = n
        .attrs
        .iter()
        .find(|(k, _)| *k == "date")
        .map_or("", |(_, v)| v);
    let _ = writeln!(
        out,
        "MERGE (n:Entity {{id: {}}}) SET n.kind = {}, n.name = {}, n.aliases = {}, \
         n.date = {}, n.attrs = {};",
        quote(n.id),
        quote(n.kind.as_str()),
        quote(n.name),
        quote(&n.aliases.join("; ")),
        quote(date),
        quote(&attrs_json(&n.attrs)),
    );
}

/// One relation between two entities already merged.
fn cypher_edge(out: &mut String, e: &EdgeRow) {
    let other: Vec<(&str, &str)> = e
        .attrs
        .iter()
        .copied()
        .filter(|(k, _)| *k != "date")
        .collect();
    let _ = writeln!(
        out,
        "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) CREATE (a)-[:Relation {{\
         relation: {}, date: {}, articles: {}, evidence: {}, symmetric: {}, sentence: {}, \
         sources: {}, attrs: {}}}]->(b);",
        quote(e.source),
        quote(e.target),
        quote(e.relation.as_str()),
        quote(e.date.unwrap_or("")),
        e.articles,
        e.evidence,
        e.relation.is_symmetric(),
        quote(&e.sentence),
        quote(&e.sources.join(" | ")),
        quote(&attrs_json(&other)),
    );
}

/// `pairs` as a JSON object's text.
fn attrs_json(pairs: &[(&str, &str)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// `text` on one line: a comment must not end early.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A single-quoted Cypher string: `\` and `'` backslash-escaped, a line
/// break as `\n`, other control characters (and U+FFFE, U+FFFF) dropped, so
/// every statement stays on its line.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_merges_every_entity_and_creates_every_relation() {
        let kg = crate::export::dot::tests::sample();
        let view = crate::export::whole(&kg);
        let to_cypher =
            |kg, view| crate::export::view_text(crate::export::Format::Cypher, kg, view).unwrap();
        let script = to_cypher(&kg, &view);
        assert_eq!(script.matches("\nMERGE (n:Entity").count(), kg.node_count());
        assert_eq!(
            script.matches(") CREATE (a)-[:Relation").count(),
            kg.edge_count()
        );
        assert!(script.contains("symmetric: true"), "meets is symmetric");
        assert_eq!(script, to_cypher(&kg, &view), "deterministic");
    }

    #[test]
    fn strings_are_quoted_on_one_line() {
        for (text, quoted) in [
            ("India", "'India'"),
            ("O'Brien", r"'O\'Brien'"),
            (r"a\b", r"'a\\b'"),
            ("two\nlines", r"'two\nlines'"),
            ("bell\u{7}", "'bell'"),
        ] {
            assert_eq!(quote(text), quoted, "{text:?}");
        }
    }

    #[test]
    fn every_statement_is_one_line_ending_in_a_semicolon() {
        let mut out = String::new();
        cypher_head(&mut out, "Knowledge\ngraph");
        for line in out.lines().filter(|l| !l.starts_with("//")) {
            assert!(line.ends_with(';'), "{line}");
        }
        assert!(out.starts_with("// Knowledge graph\n"));
    }
}
