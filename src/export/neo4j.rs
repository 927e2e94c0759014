//! CSV files for `neo4j-admin database import full`: `nodes_<kind>.csv` per
//! kind present, headed `id:ID,name,:LABEL,aliases:string[]` and the kind's
//! attributes, labels `Entity;<Kind>`; and [`NEO4J_RELATIONS`], headed
//! `:START_ID,:END_ID,:TYPE,date,articles:int,evidence:int,sentence,sources:string[]`
//! and the edges' attributes, types in upper case (`PARTY_TO`). Arrays use
//! `;`, the import's default array delimiter. `kg import --neo4j DIR` reads
//! such a folder back.

use super::interchange::{
    field_name, one_line, write_blocks, EdgeRow, NodeRow, Rows, EDGE_FIELDS, NODE_FIELDS,
};
use crate::error::ExportError;
use crate::model::{EntityKind, RelationKind};
use std::io::Write as _;
use std::path::Path;

/// The file holding the relations of a Neo4j export.
pub const NEO4J_RELATIONS: &str = "relations.csv";

/// The columns every nodes file starts with.
pub const NODE_COLUMNS: [&str; 4] = ["id:ID", "name", ":LABEL", "aliases:string[]"];

/// The columns the relations file starts with.
pub const RELATION_COLUMNS: [&str; 8] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "date",
    "articles:int",
    "evidence:int",
    "sentence",
    "sources:string[]",
];

/// Writes `rows` as the folder `dir`, each file streamed and replaced
/// atomically, and earlier `nodes_*.csv` files this export has no entities
/// for removed; returns the file names, in the order written.
pub(crate) fn write_folder(rows: &Rows<'_>, dir: &Path) -> Result<Vec<String>, ExportError> {
    super::make_folder(dir)?;
    let mut names = Vec::new();
    for kind in EntityKind::ALL {
        let of_kind: Vec<usize> = (0..rows.node_count())
            .filter(|&i| rows.kind(i) == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let attrs = rows.node_attr_names(&of_kind);
        let name = nodes_file(kind);
        super::write_with(&dir.join(&name), |out| {
            out.write_all(nodes_header(&attrs).as_bytes())?;
            write_blocks(out, of_kind.len(), |i, buf| {
                node_line(buf, &rows.node(of_kind[i]), &attrs);
            })
        })?;
        names.push(name);
    }
    let attrs = rows.edge_attr_names();
    super::write_with(&dir.join(NEO4J_RELATIONS), |out| {
        out.write_all(relations_header(&attrs).as_bytes())?;
        write_blocks(out, rows.edge_count(), |i, buf| {
            relation_line(buf, &rows.edge(i), &attrs);
        })
    })?;
    names.push(NEO4J_RELATIONS.to_string());
    let keep: Vec<&str> = names.iter().map(String::as_str).collect();
    super::remove_other_node_files(dir, &keep)?;
    Ok(names)
}

/// The file holding the entities of one kind: `nodes_<kind>.csv`.
pub(crate) fn nodes_file(kind: EntityKind) -> String {
    format!("nodes_{kind}.csv")
}

/// The header of a nodes file whose entities have the attributes `attrs`.
fn nodes_header(attrs: &[String]) -> String {
    let mut header: Vec<String> = NODE_COLUMNS.map(String::from).to_vec();
    header.extend(attrs.iter().map(|a| field_name(a, &NODE_FIELDS)));
    csv_line(&header)
}

/// One line of a nodes file with the columns `attrs`.
fn node_line(out: &mut String, n: &NodeRow, attrs: &[String]) {
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
fn relations_header(attrs: &[String]) -> String {
    let mut header: Vec<String> = RELATION_COLUMNS.map(String::from).to_vec();
    header.extend(attrs.iter().map(|a| field_name(a, &EDGE_FIELDS)));
    csv_line(&header)
}

/// One line of the relations file with the columns `attrs`.
fn relation_line(out: &mut String, e: &EdgeRow, attrs: &[String]) {
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

/// `official` → `Official`: the second label of an entity of that kind.
pub fn capitalized(word: &str) -> String {
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
pub(crate) fn csv_line(fields: &[String]) -> String {
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
