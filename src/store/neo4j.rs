//! `kg import --neo4j DIR`: a folder of CSV files laid out for
//! `neo4j-admin database import` (what `kg export --format neo4j` writes)
//! read back into the store, all or nothing, so a graph can leave kg and
//! come back.
//!
//! Headers are read by Neo4j's rules, by name, not by position: `name:type`
//! fields, `:ID` (with an optional id space), `:LABEL`, `:START_ID`,
//! `:END_ID`, `:TYPE`, `:IGNORE`, the documented property types and `[]`
//! for arrays split at `;`. Every `nodes*.csv` holds entities (the kind is
//! the label that names one, else the id's `kind:` prefix; `name`,
//! `aliases` and the other properties its name, aliases and attributes);
//! `relations.csv` holds relations (the type in any case; `sentence` and
//! `sources` its evidence; `date` its date unless a milestone at either end
//! gives it; the counts are recomputed; other properties its attributes).
//! An attribute kg renamed `attr_<name>` gets its name back.
//!
//! The CSV carries one sentence per relation: each source article named in
//! `sources` comes back as an article record without text, the sentence as
//! its evidence, so a relation's further sentences are not restored. Like a
//! CSV import, the sources are imports (`kg reindex` keeps them).

use super::{ImportSummary, Store};
use crate::error::{ImportError, IngestError};
use crate::graph::{ArticleRecord, KnowledgeGraph, Provenance};
use crate::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};
use crate::model::{EDGE_FIELDS, NODE_FIELDS};
use crate::observe::Observer;
use crate::store::import::{RowError, ROWS_SHOWN};
use crate::store::import_store::IMPORT_EXTRACTOR;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file of relations in the folder.
const RELATIONS: &str = "relations.csv";

/// The property types a Neo4j header may name (the import tool's
/// documented list); each may end in `[]` for an array.
const PROPERTY_TYPES: [&str; 17] = [
    "int",
    "long",
    "float",
    "double",
    "boolean",
    "byte",
    "short",
    "char",
    "string",
    "point",
    "date",
    "localtime",
    "time",
    "localdatetime",
    "datetime",
    "duration",
    "vector",
];

/// What a header field says its column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Label,
    StartId,
    EndId,
    Type,
    Ignore,
    Property { name: String, array: bool },
}

/// The columns of a header by Neo4j's rules, or why not.
fn columns(header: &csv::StringRecord) -> Result<Vec<Column>, String> {
    header.iter().map(column).collect()
}

fn column(field: &str) -> Result<Column, String> {
    let (name, ty) = field.split_once(':').unwrap_or((field, ""));
    let special = ty.split('(').next().unwrap_or_default();
    let spaced = ty.contains('(');
    match special {
        "ID" => return Ok(Column::Id),
        "START_ID" => return Ok(Column::StartId),
        "END_ID" => return Ok(Column::EndId),
        _ if spaced => {
            return Err(format!(
                "{field:?}: only :ID, :START_ID and :END_ID take an id space"
            ))
        }
        "LABEL" => return Ok(Column::Label),
        "TYPE" => return Ok(Column::Type),
        "IGNORE" => return Ok(Column::Ignore),
        _ => {}
    }
    if name.is_empty() {
        return Err(format!("{field:?}: a property needs a name"));
    }
    let (base, array) = match ty.strip_suffix("[]") {
        Some(base) => (base, true),
        None => (ty, false),
    };
    if !base.is_empty() && !PROPERTY_TYPES.contains(&base.to_ascii_lowercase().as_str()) {
        return Err(format!("{field:?}: {base:?} is no Neo4j property type"));
    }
    Ok(Column::Property {
        name: name.to_string(),
        array,
    })
}

/// An attribute's name as kg keeps it: `attr_kind` written for a fixed field is `kind`.
fn attribute_name(name: &str, fixed: &[&str]) -> String {
    match name.strip_prefix("attr_") {
        Some(rest) if fixed.contains(&rest) => rest.to_string(),
        _ => name.to_string(),
    }
}

/// A relation as the folder states it.
struct RelationRow {
    source: String,
    target: String,
    relation: RelationKind,
    date: String,
    sentence: String,
    sources: Vec<String>,
    attrs: Attrs,
}

/// What a folder holds: its entities, relations and the bad rows.
#[derive(Default)]
struct Folder {
    entities: BTreeMap<String, Entity>,
    relations: Vec<RelationRow>,
    rows: usize,
    errors: Vec<RowError>,
    bad: usize,
}

impl Folder {
    fn bad_row(&mut self, path: &Path, line: u64, message: String) {
        self.bad += 1;
        if self.errors.len() < ROWS_SHOWN {
            self.errors.push(RowError {
                path: path.to_path_buf(),
                line,
                message,
            });
        }
    }
}

/// A CSV reader of `path` and its columns by Neo4j's header rules.
fn open_csv(path: &Path) -> Result<(csv::Reader<std::fs::File>, Vec<Column>), ImportError> {
    let read_err = |source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(file);
    let header = reader
        .headers()
        .map_err(|e| read_err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?
        .clone();
    let cols = columns(&header).map_err(|why| ImportError::Header {
        path: path.to_path_buf(),
        expected: "Neo4j import fields (name:type, :ID, :LABEL, :START_ID, :END_ID, :TYPE)".into(),
        found: why,
    })?;
    Ok((reader, cols))
}

/// The records of `reader` with their line numbers; a record that does not
/// parse (a field count other than the header's) is a bad row.
fn records(
    folder: &mut Folder,
    path: &Path,
    reader: &mut csv::Reader<std::fs::File>,
) -> Vec<(u64, csv::StringRecord)> {
    let mut out = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => out.push((r.position().map_or(0, |p| p.line()), r)),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                folder.bad_row(path, line, e.to_string());
            }
        }
    }
    folder.rows += out.len();
    out
}

/// The entities of one nodes file.
fn read_nodes(folder: &mut Folder, path: &Path) -> Result<(), ImportError> {
    let (mut reader, cols) = open_csv(path)?;
    if cols.iter().filter(|c| **c == Column::Id).count() != 1 {
        return Err(header_error(path, ":ID once", &cols));
    }
    for (line, record) in records(folder, path, &mut reader) {
        match entity(&cols, &record) {
            Ok(e) if folder.entities.contains_key(&e.id) => {
                folder.bad_row(path, line, format!("{} is given twice", e.id));
            }
            Ok(e) => {
                folder.entities.insert(e.id.clone(), e);
            }
            Err(why) => folder.bad_row(path, line, why),
        }
    }
    Ok(())
}

fn header_error(path: &Path, expected: &str, cols: &[Column]) -> ImportError {
    ImportError::Header {
        path: path.to_path_buf(),
        expected: expected.to_string(),
        found: format!("{cols:?}"),
    }
}

/// The entity of one nodes row.
fn entity(cols: &[Column], record: &csv::StringRecord) -> Result<Entity, String> {
    let (mut id, mut name, mut kind) = (String::new(), String::new(), None);
    let mut aliases = Vec::new();
    let mut attrs = Attrs::new();
    for (col, value) in cols.iter().zip(record.iter()) {
        match col {
            Column::Id => id = value.to_string(),
            Column::Label => {
                kind = value
                    .split(';')
                    .find_map(|l| EntityKind::parse(&l.to_ascii_lowercase()));
            }
            Column::Property { name: n, array } if n == "name" && !array => {
                name = value.to_string()
            }
            Column::Property { name: n, .. } if n == "aliases" => {
                aliases = value
                    .split(';')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            Column::Property { name: n, .. } if !value.is_empty() => {
                attrs.insert(attribute_name(n, &NODE_FIELDS), value.to_string());
            }
            _ => {}
        }
    }
    if id.is_empty() {
        return Err("no id".to_string());
    }
    let prefixed = id.split_once(':').and_then(|(k, _)| EntityKind::parse(k));
    let kind = kind.or(prefixed).ok_or_else(|| {
        format!("{id}: no label names a kind (country, official, organization, agreement, milestone, place)")
    })?;
    if prefixed != Some(kind) {
        id = format!("{kind}:{id}");
    }
    if name.is_empty() {
        name = id.clone();
    }
    Ok(Entity {
        id,
        kind,
        name,
        aliases,
        attrs,
    })
}

/// The relations of the relations file.
fn read_relations(folder: &mut Folder, path: &Path) -> Result<(), ImportError> {
    let (mut reader, cols) = open_csv(path)?;
    for needed in [Column::StartId, Column::EndId, Column::Type] {
        if cols.iter().filter(|c| **c == needed).count() != 1 {
            return Err(header_error(
                path,
                ":START_ID, :END_ID and :TYPE once each",
                &cols,
            ));
        }
    }
    for (line, record) in records(folder, path, &mut reader) {
        match relation(&cols, &record, &folder.entities) {
            Ok(r) => folder.relations.push(r),
            Err(why) => folder.bad_row(path, line, why),
        }
    }
    Ok(())
}

/// The relation of one relations row, between entities of the folder.
fn relation(
    cols: &[Column],
    record: &csv::StringRecord,
    entities: &BTreeMap<String, Entity>,
) -> Result<RelationRow, String> {
    let mut row = RelationRow {
        source: String::new(),
        target: String::new(),
        relation: RelationKind::Meets,
        date: String::new(),
        sentence: String::new(),
        sources: Vec::new(),
        attrs: Attrs::new(),
    };
    let mut ty = String::new();
    for (col, value) in cols.iter().zip(record.iter()) {
        match col {
            Column::StartId => row.source = value.to_string(),
            Column::EndId => row.target = value.to_string(),
            Column::Type => ty = value.to_ascii_lowercase(),
            Column::Property { name, array } => match name.as_str() {
                "date" => row.date = value.to_string(),
                "sentence" => row.sentence = value.to_string(),
                "sources" if *array => {
                    row.sources = value
                        .split(';')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect();
                }
                "articles" | "evidence" => {}
                _ if !value.is_empty() => {
                    row.attrs
                        .insert(attribute_name(name, &EDGE_FIELDS), value.to_string());
                }
                _ => {}
            },
            _ => {}
        }
    }
    row.relation =
        RelationKind::parse(&ty).ok_or_else(|| format!("{ty:?} is no relation kg knows"))?;
    let kind = |id: &str| {
        entities
            .get(id)
            .map(|e| e.kind)
            .ok_or_else(|| format!("{id} is no entity of the folder's nodes files"))
    };
    let (s, t) = (kind(&row.source)?, kind(&row.target)?);
    let (sources, targets) = row.relation.endpoints();
    if !sources.contains(&s) || !targets.contains(&t) {
        return Err(format!(
            "{} joins {s} to {t}, which the model does not allow",
            row.relation
        ));
    }
    Ok(row)
}

/// Reads the folder `dir`: every `nodes*.csv`, then `relations.csv`.
fn read_folder(dir: &Path) -> Result<Folder, ImportError> {
    let read_err = |source| ImportError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut nodes: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("nodes") && n.ends_with(".csv"))
        })
        .collect();
    nodes.sort();
    let mut folder = Folder::default();
    for path in &nodes {
        read_nodes(&mut folder, path)?;
    }
    read_relations(&mut folder, &dir.join(RELATIONS))?;
    if folder.bad > 0 {
        return Err(ImportError::Rows {
            errors: folder.errors,
            total: folder.bad,
        });
    }
    Ok(folder)
}

/// The article record standing for a source named `label` in a folder.
fn source_record(label: &str, dir: &Path) -> ArticleRecord {
    ArticleRecord {
        id: crate::article::content_id(&format!("neo4j source\n{label}")),
        path: dir.display().to_string(),
        title: label.to_string(),
        date: None,
        text: String::new(),
        fingerprint: None,
    }
}

/// Adds what `folder` holds to `graph`, counting what is new in `summary`.
fn merge(graph: &mut KnowledgeGraph, folder: Folder, dir: &Path, summary: &mut ImportSummary) {
    let milestone_dates: BTreeMap<String, String> = folder
        .entities
        .values()
        .filter(|e| e.kind == EntityKind::Milestone)
        .filter_map(|e| Some((e.id.clone(), e.attrs.get("date")?.clone())))
        .collect();
    for entity in folder.entities.into_values() {
        summary.entities += usize::from(graph.upsert_entity(entity).1);
    }
    let untitled = source_record("", dir);
    for mut row in folder.relations {
        // A date only a milestone at either end gave the relation is the milestone's.
        let given = |id: &str| milestone_dates.get(id) == Some(&row.date);
        if !row.date.is_empty() && !given(&row.source) && !given(&row.target) {
            row.attrs.insert("date".to_string(), row.date.clone());
        }
        let records: Vec<ArticleRecord> = if row.sources.is_empty() {
            vec![untitled.clone()]
        } else {
            row.sources.iter().map(|l| source_record(l, dir)).collect()
        };
        for record in records {
            let article = record.id.clone();
            if !graph.has_article(&article) {
                summary.articles += 1;
                graph.add_article(record);
                graph.set_provenance(
                    &article,
                    Provenance {
                        extractor: IMPORT_EXTRACTOR.to_string(),
                        entities: Default::default(),
                    },
                );
            }
            let evidence = Evidence {
                article,
                sentence: row.sentence.clone(),
                start: 0,
                end: 0,
            };
            let added = graph.add_relation(
                &row.source,
                row.relation,
                &row.target,
                row.attrs.clone(),
                evidence,
            );
            if let Some((new_edge, new_evidence)) = added {
                summary.relations += usize::from(new_edge);
                summary.evidence += usize::from(new_evidence);
            }
        }
    }
}

/// `kg import --neo4j DIR` into the store at `store_path`, under its lock:
/// every row is checked before the store is touched; a store of the shipped
/// corpus is brought up to date first, as for a CSV import.
pub fn import_neo4j(
    store_path: &Path,
    dir: &Path,
    build: &dyn super::Build,
    observer: &dyn Observer,
) -> Result<ImportSummary, IngestError> {
    let started = std::time::Instant::now();
    let folder = read_folder(dir)?;
    let mut summary = ImportSummary {
        rows: folder.rows,
        read: started.elapsed(),
        ..ImportSummary::default()
    };
    let _lock = super::lock_observed(store_path, observer)?;
    let mut store = match super::load(store_path)? {
        Some(shipped) if shipped.default_corpus => {
            super::up_to_date(store_path, Some(shipped), build, observer)?
        }
        Some(own) => own,
        None => Store::default(),
    };
    let t = std::time::Instant::now();
    merge(&mut store.graph, folder, dir, &mut summary);
    super::curation::apply_recorded(store_path, &mut store.graph)?;
    summary.already =
        summary.articles + summary.entities + summary.relations + summary.evidence == 0;
    store.default_corpus = false;
    store.extractor = super::extractor_fingerprint();
    summary.snapshot = super::save_with_snapshot(store_path, &store, observer)?;
    summary.save = t.elapsed();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_follow_neo4j_rules() {
        for (field, col) in [
            ("id:ID", Column::Id),
            (":ID(Country)", Column::Id),
            (":LABEL", Column::Label),
            (":START_ID", Column::StartId),
            (":END_ID(Country)", Column::EndId),
            (":TYPE", Column::Type),
            ("x:IGNORE", Column::Ignore),
            (
                "name",
                Column::Property {
                    name: "name".into(),
                    array: false,
                },
            ),
            (
                "articles:int",
                Column::Property {
                    name: "articles".into(),
                    array: false,
                },
            ),
            (
                "sources:string[]",
                Column::Property {
                    name: "sources".into(),
                    array: true,
                },
            ),
        ] {
            assert_eq!(column(field), Ok(col), "{field}");
        }
        for bad in [":int", "x:number", "x:LABEL(Space)", "x:strings[]"] {
            assert!(column(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn renamed_attributes_get_their_names_back() {
        assert_eq!(attribute_name("attr_kind", &NODE_FIELDS), "kind");
        assert_eq!(attribute_name("attr_title", &NODE_FIELDS), "attr_title");
        assert_eq!(attribute_name("title", &NODE_FIELDS), "title");
        assert_eq!(attribute_name("attr_date", &EDGE_FIELDS), "date");
    }
}
