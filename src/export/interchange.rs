//! The graph for other tools, in the formats of [`super::Format`] that are
//! not drawings: GraphML (Gephi, yEd, networkx), Cytoscape.js JSON, CSV files
//! for `neo4j-admin database import`, and a Cypher script.
//!
//! There is one row source and one writer per format. The row source is
//! [`Rows`]: the entities and edges a [`Selection`] picks out of the compact
//! index, as [`NodeRow`]s and [`EdgeRow`]s. Each format's writer
//! ([`super::graphml`], [`super::cytoscape`], [`super::neo4j`],
//! [`super::cypher`]) formats them in blocks on every core and streams the
//! blocks in order, so a store of millions of entities is never turned into
//! a [`KnowledgeGraph`] nor its output held whole in memory. A view drawn of
//! a cut (a neighbourhood, the routes between two entities) is written from
//! the same index through [`Selection::of_view`].
//!
//! Every format carries the same facts: per node its id, name, kind, aliases
//! and attributes; per edge its relation, date, the number of articles and
//! sentences behind it, the first sentence and the source articles. Output is
//! sorted (entities by id, edges by source id, relation, target id), so the
//! same graph gives the same bytes.
//!
//! Adding a format: a variant of [`super::Format`], a module with its
//! `write(rows, title, out)` (as `cypher.rs`), its arm in [`write`], and its
//! row in the table test below and in `tests/cli/export.rs`.

use super::view::View;
use super::Format;
use crate::graph::KnowledgeGraph;
use crate::model::{EntityKind, RelationKind};
use crate::query::answer::Scope;
use crate::store::index::GraphIndex;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

pub(crate) use super::graphml::{is_xml_noncharacter, xml_escape};

pub(crate) use crate::model::{EDGE_FIELDS, NODE_FIELDS};

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
    pub(crate) fn id(&self) -> String {
        format!("{}|{}|{}", self.source, self.relation, self.target)
    }

    pub(crate) fn label(&self) -> String {
        match &self.date {
            Some(d) => format!("{} ({d})", self.relation),
            None => self.relation.to_string(),
        }
    }

    /// The attributes but `date`, which has a field of its own.
    pub(crate) fn other_attrs(&self) -> impl Iterator<Item = &(&str, &str)> {
        self.attrs.iter().filter(|(k, _)| *k != "date")
    }

    pub(crate) fn attr(&self, key: &str) -> Option<&str> {
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
pub(crate) fn field_name(key: &str, fixed: &[&str]) -> String {
    if fixed.contains(&key) {
        format!("attr_{key}")
    } else {
        key.to_string()
    }
}

/// The entities and edges of an export, in the order they are written:
/// entities by id, edges by (source id, relation, target id); and the
/// entities a view stresses (its foci).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    nodes: Vec<u32>,
    edges: Vec<u32>,
    /// Sorted.
    focus: Vec<u32>,
}

impl Selection {
    /// The entities `nodes` (in number order) and every edge `scope` keeps
    /// between two of them, self-loops too: what
    /// [`crate::query::answer::whole`] cuts for them.
    pub(crate) fn new(g: &GraphIndex, scope: &Scope, nodes: Vec<u32>) -> Selection {
        let mut inside = vec![false; g.node_count()];
        for &v in &nodes {
            inside[v as usize] = true;
        }
        let mut edges: Vec<u32> = (0..g.edge_count() as u32)
            .into_par_iter()
            .filter(|&e| {
                let edge = g.edge(e);
                inside[edge.src as usize] && inside[edge.dst as usize] && scope.edge(g, e)
            })
            .collect();
        // Entity numbers are in id order, relations in their order.
        edges.par_sort_unstable_by_key(|&e| {
            let edge = g.edge(e);
            (edge.src, edge.relation, edge.dst)
        });
        Selection {
            nodes,
            edges,
            focus: Vec::new(),
        }
    }

    /// What `view` of `kg` shows, found in `g` by id: `kg` is a cut of the
    /// graph `g` indexes (or `g` is built from it). An entity or edge `g`
    /// does not hold is left out.
    pub(crate) fn of_view(g: &GraphIndex, kg: &KnowledgeGraph, view: &View) -> Selection {
        let pg = kg.petgraph();
        let number = |ix: petgraph::stable_graph::NodeIndex| g.lookup(&pg[ix].id);
        let nodes: Vec<u32> = view
            .sorted_nodes(kg)
            .into_iter()
            .filter_map(number)
            .collect();
        let mut focus: Vec<u32> = view
            .emphasized
            .iter()
            .filter_map(|&ix| number(ix))
            .collect();
        focus.sort_unstable();
        let edges = view
            .drawn_edges(kg)
            .into_iter()
            .filter_map(|e| {
                let (s, t) = pg.edge_endpoints(e)?;
                let (s, t, relation) = (number(s)?, number(t)?, pg[e].relation);
                let is_it = |&e: &u32| {
                    let edge = g.edge(e);
                    (edge.src, edge.relation, edge.dst) == (s, relation, t)
                };
                if s == t {
                    // The adjacency leaves self-loops out.
                    return (0..g.edge_count() as u32).find(is_it);
                }
                g.links(s).map(|i| g.link(i).1).find(is_it)
            })
            .collect();
        Selection {
            nodes,
            edges,
            focus,
        }
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }
}

/// The one row source every format is written from: the rows of a
/// [`Selection`] of the index.
pub(crate) struct Rows<'g> {
    g: &'g GraphIndex,
    sel: &'g Selection,
    /// The label of each article, as sources name it.
    labels: Vec<String>,
}

impl<'g> Rows<'g> {
    pub(crate) fn new(g: &'g GraphIndex, sel: &'g Selection) -> Rows<'g> {
        let labels = g
            .articles()
            .iter()
            .map(|a| label_of(&a.id, &a.title, &a.path))
            .collect();
        Rows { g, sel, labels }
    }

    pub(crate) fn node_count(&self) -> usize {
        self.sel.nodes.len()
    }

    pub(crate) fn edge_count(&self) -> usize {
        self.sel.edges.len()
    }

    /// The kind of the `i`-th entity.
    pub(crate) fn kind(&self, i: usize) -> EntityKind {
        self.g.kind(self.sel.nodes[i])
    }

    /// The `i`-th entity.
    pub(crate) fn node(&self, i: usize) -> NodeRow<'g> {
        let (g, v) = (self.g, self.sel.nodes[i]);
        NodeRow {
            id: g.id(v),
            name: g.name(v),
            kind: g.kind(v),
            aliases: g.aliases_of(v),
            attrs: g.attrs(v).collect(),
            focus: self.sel.focus.binary_search(&v).is_ok(),
        }
    }

    /// The `i`-th edge.
    pub(crate) fn edge(&self, i: usize) -> EdgeRow<'g> {
        let (g, e) = (self.g, self.sel.edges[i]);
        let edge = g.edge(e);
        let attrs: Vec<(&'g str, &'g str)> = g.edge_attrs_shown(e);
        let own = attrs.iter().find(|(k, _)| *k == "date").map(|(_, v)| *v);
        let evidence = g.evidence(e);
        let mut articles: Vec<Option<u32>> = evidence.iter().map(|(a, _)| *a).collect();
        articles.sort_unstable();
        articles.dedup();
        // Evidence from an article the store does not list names it by its
        // id, which the index does not keep: empty. By name, so the same set
        // of sources reads the same whatever order the store keeps its
        // evidence in (an import knows no article dates).
        let sources: Vec<String> = evidence
            .iter()
            .map(|(a, _)| a.map_or_else(String::new, |a| self.labels[a as usize].clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        EdgeRow {
            source: g.id(edge.src),
            target: g.id(edge.dst),
            relation: edge.relation,
            date: edge_date(own, g.milestone_date(edge.src), g.milestone_date(edge.dst)),
            attrs,
            articles: articles.len(),
            evidence: evidence.len(),
            sentence: evidence
                .first()
                .map(|(_, s)| one_line(s))
                .unwrap_or_default(),
            sources,
        }
    }

    /// The attribute names of the entities numbered `which` (positions in
    /// the selection), sorted.
    pub(crate) fn node_attr_names(&self, which: &[usize]) -> Vec<String> {
        let names: BTreeSet<&str> = which
            .iter()
            .flat_map(|&i| self.g.attrs(self.sel.nodes[i]).map(|(k, _)| k))
            .collect();
        names.into_iter().map(str::to_string).collect()
    }

    /// The attribute names of the edges but `date`, sorted.
    pub(crate) fn edge_attr_names(&self) -> Vec<String> {
        let g = self.g;
        let names: BTreeSet<&str> = self
            .sel
            .edges
            .par_iter()
            .fold(BTreeSet::new, |mut set, &e| {
                set.extend(g.edge_attrs_shown(e).into_iter().map(|(k, _)| k));
                set
            })
            .reduce(BTreeSet::new, |mut a, b| {
                a.extend(b);
                a
            });
        names
            .into_iter()
            .filter(|k| *k != "date")
            .map(str::to_string)
            .collect()
    }
}

/// Items formatted as one block.
const BLOCK: usize = 4096;

/// Writes `format(0..count)` to `out`, in order, formatted in blocks on
/// every core while a thread of its own writes the blocks already done.
pub(crate) fn write_blocks<W, F>(out: &mut W, count: usize, format: F) -> std::io::Result<()>
where
    W: Write + Send + ?Sized,
    F: Fn(usize, &mut String) + Sync,
{
    let blocks = count.div_ceil(BLOCK);
    let batch = 4 * rayon::current_num_threads().max(1);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<String>(batch);
        let writer = scope.spawn(move || -> std::io::Result<()> {
            for buf in rx {
                out.write_all(buf.as_bytes())?;
            }
            Ok(())
        });
        let mut first = 0;
        'batches: while first < blocks {
            let last = (first + batch).min(blocks);
            let bufs: Vec<String> = (first..last)
                .into_par_iter()
                .map(|b| {
                    let mut buf = String::new();
                    for i in b * BLOCK..((b + 1) * BLOCK).min(count) {
                        format(i, &mut buf);
                    }
                    buf
                })
                .collect();
            for buf in bufs {
                // The writer stopped on an error, which its join returns.
                if tx.send(buf).is_err() {
                    break 'batches;
                }
            }
            first = last;
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Writes `rows` in `format`, titled `title`, to `out`. A drawing, or the
/// Neo4j folder ([`write_folder`]), is no single interchange file: refused.
pub(crate) fn write(
    format: Format,
    rows: &Rows<'_>,
    title: &str,
    out: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    match format {
        Format::Graphml => super::graphml::write(rows, title, out),
        Format::Json => super::cytoscape::write(rows, title, out),
        Format::Cypher => super::cypher::write(rows, title, out),
        Format::Neo4j | Format::Dot | Format::Svg | Format::Png | Format::Pdf => {
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{format} is not written as one file for other tools"),
            ))
        }
    }
}

/// Writes `rows` as the Neo4j folder `dir`; the files' names.
pub(crate) fn write_folder(
    rows: &Rows<'_>,
    dir: &Path,
) -> Result<Vec<String>, crate::error::ExportError> {
    super::neo4j::write_folder(rows, dir)
}

/// Writes `view` of `kg` in `format` (GraphML, JSON or Cypher) to `out`:
/// the graph is indexed and the view's entities and edges written from it.
pub fn write_view(
    format: Format,
    kg: &KnowledgeGraph,
    view: &View,
    out: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    let g = GraphIndex::from_graph(kg);
    let sel = Selection::of_view(&g, kg, view);
    write(format, &Rows::new(&g, &sel), &view.title, out)
}

/// Writes `view` of `kg` as a folder of Neo4j CSV files in `dir`; the files' names.
pub fn write_view_folder(
    kg: &KnowledgeGraph,
    view: &View,
    dir: &Path,
) -> Result<Vec<String>, crate::error::ExportError> {
    let g = GraphIndex::from_graph(kg);
    let sel = Selection::of_view(&g, kg, view);
    write_folder(&Rows::new(&g, &sel), dir)
}

/// `view` of `kg` in `format`, as text ([`write_view`]).
pub fn view_text(format: Format, kg: &KnowledgeGraph, view: &View) -> std::io::Result<String> {
    let mut out = Vec::new();
    write_view(format, kg, view, &mut out)?;
    String::from_utf8(out).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dot::tests::sample;
    use crate::export::view::whole;
    use crate::export::Filter;
    use crate::graph::ArticleRecord;
    use crate::query::answer;

    /// The sample graph, its articles listed as a store lists them.
    fn graph() -> KnowledgeGraph {
        let mut kg = sample();
        for id in ["a1", "a2", "a3"] {
            kg.add_article(ArticleRecord {
                id: id.to_string(),
                path: String::new(),
                title: String::new(),
                date: None,
                text: String::new(),
                fingerprint: None,
            });
        }
        kg
    }

    fn text(format: Format, kg: &KnowledgeGraph, view: &View) -> String {
        view_text(format, kg, view).unwrap()
    }

    /// Each format's reader: what it makes of a file, as (entity ids, edge count).
    type Read = fn(&str) -> (Vec<String>, usize);

    fn read_graphml(text: &str) -> (Vec<String>, usize) {
        let doc = roxmltree::Document::parse(text).expect("well-formed XML");
        let ids = doc
            .descendants()
            .filter(|n| n.has_tag_name("node"))
            .map(|n| n.attribute("id").unwrap().to_string())
            .collect();
        let edges = doc.descendants().filter(|n| n.has_tag_name("edge")).count();
        (ids, edges)
    }

    fn read_json(text: &str) -> (Vec<String>, usize) {
        let v: serde_json::Value = serde_json::from_str(text).expect("JSON");
        let ids = v["elements"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["data"]["id"].as_str().unwrap().to_string())
            .collect();
        (ids, v["elements"]["edges"].as_array().unwrap().len())
    }

    fn read_cypher(text: &str) -> (Vec<String>, usize) {
        let mut ids = Vec::new();
        let mut edges = 0;
        for line in text.lines().filter(|l| !l.starts_with("//")) {
            assert!(line.ends_with(';'), "{line}");
            if let Some(rest) = line.strip_prefix("MERGE (n:Entity {id: '") {
                ids.push(rest[..rest.find('\'').unwrap()].to_string());
            }
            edges += usize::from(line.contains(") CREATE (a)-[:Relation"));
        }
        (ids, edges)
    }

    /// The one-file formats for other tools and their readers: adding a
    /// format is one row here.
    const FORMATS: [(Format, Read); 3] = [
        (Format::Graphml, read_graphml),
        (Format::Json, read_json),
        (Format::Cypher, read_cypher),
    ];

    #[test]
    fn every_format_writes_every_entity_and_edge_of_a_view_deterministically() {
        let kg = graph();
        let (view, focus) = {
            let japan = kg.index_of("country:japan").unwrap();
            let mut v = whole(&kg);
            v.emphasized = vec![japan];
            (v, japan)
        };
        let mut ids: Vec<String> = kg.petgraph().node_weights().map(|e| e.id.clone()).collect();
        ids.sort();
        for (format, read) in FORMATS {
            let written = text(format, &kg, &view);
            assert_eq!(written, text(format, &kg, &view), "{format}: deterministic");
            assert_eq!(read(&written), (ids.clone(), kg.edge_count()), "{format}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&text(Format::Json, &kg, &view)).unwrap();
        let focused: Vec<&serde_json::Value> = json["elements"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["data"]["focus"] == true)
            .collect();
        assert_eq!(focused.len(), 1);
        assert_eq!(focused[0]["data"]["id"], kg.petgraph()[focus].id);
        assert_eq!(focused[0]["classes"], "country focus");
        // A drawing or a folder is no one-file format.
        for format in [Format::Svg, Format::Neo4j] {
            assert!(view_text(format, &kg, &view).is_err(), "{format}");
        }
    }

    #[test]
    fn a_view_and_the_whole_graph_select_the_same_rows() {
        let g = GraphIndex::from_graph(&graph());
        let officials = Filter {
            kinds: Some([EntityKind::Official, EntityKind::Country].into()),
            ..Filter::default()
        };
        let dated = Filter {
            until: crate::export::PartialDate::parse("2014"),
            ..Filter::default()
        };
        for (filter, max) in [
            (Filter::default(), None),
            (Filter::default(), Some(3)),
            (officials, None),
            (dated, Some(4)),
        ] {
            let scope = Scope::filtered(&g, &filter, &[]);
            let (cut, view, _) = answer::whole(&g, &scope, max);
            let (chosen, _) = answer::whole_choice(&g, &scope, max);
            let streamed = Selection::new(&g, &scope, chosen);
            assert_eq!(
                Selection::of_view(&g, &cut, &view),
                streamed,
                "{filter:?} {max:?}"
            );
            assert_eq!(streamed.edge_count(), view.drawn_edges(&cut).len());
        }
    }

    #[test]
    fn graphml_escapes_and_declares_every_key() {
        let kg = graph();
        let xml = text(Format::Graphml, &kg, &whole(&kg));
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
    }

    #[test]
    fn cytoscape_elements_carry_data_and_classes() {
        let kg = graph();
        let json: serde_json::Value =
            serde_json::from_str(&text(Format::Json, &kg, &whole(&kg))).unwrap();
        let nodes = json["elements"]["nodes"].as_array().unwrap();
        let edges = json["elements"]["edges"].as_array().unwrap();
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
        assert_eq!(held["data"]["sources"], serde_json::json!(["a1"]));
    }

    #[test]
    fn empty_lists_are_written_as_serde_json_writes_them() {
        let g = GraphIndex::from_graph(&graph());
        let sel = Selection::new(&g, &Scope::everything(), Vec::new());
        let mut json = Vec::new();
        write(Format::Json, &Rows::new(&g, &sel), "", &mut json).unwrap();
        let expected = serde_json::to_string_pretty(
            &serde_json::json!({"elements": {"nodes": [], "edges": []}}),
        )
        .unwrap()
            + "\n";
        assert_eq!(String::from_utf8(json).unwrap(), expected);
    }

    #[test]
    fn neo4j_files_have_import_headers_and_quoted_fields() {
        let kg = graph();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("nodes_gone.csv"), "old").unwrap();
        let names = write_view_folder(&kg, &whole(&kg), dir.path()).unwrap();
        assert!(!dir.path().join("nodes_gone.csv").exists());
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
        let file = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        let officials = file("nodes_official.csv");
        assert!(officials.starts_with("id:ID,name,:LABEL,aliases:string[],title\n"));
        assert!(officials
            .contains("official:rajnath-singh,Rajnath Singh,Entity;Official,,Defence Minister\n"));
        let orgs = file("nodes_organization.csv");
        assert!(
            orgs.contains(r#""The ""Quoted"" \ Backslash Forum""#),
            "{orgs}"
        );
        let relations = file("relations.csv");
        assert!(relations.starts_with(
            ":START_ID,:END_ID,:TYPE,date,articles:int,evidence:int,sentence,sources:string[],status\n"
        ));
        assert!(relations.contains("official:gen-nakatani,official:rajnath-singh,MEETS,,3,3,Singh met Nakatani.,a1;a2;a3,held\n"), "{relations}");
        assert_eq!(
            super::super::neo4j::csv_line(&["a,b".into(), " c".into(), "d".into()]),
            "\"a,b\",\" c\",d\n"
        );
    }

    #[test]
    fn many_blocks_land_in_order() {
        let count = 3 * BLOCK + 17;
        let mut out = Vec::new();
        write_blocks(&mut out, count, |i, buf| {
            buf.push_str(&i.to_string());
            buf.push('\n');
        })
        .unwrap();
        let expected: String = (0..count).map(|i| format!("{i}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn a_failing_writer_stops_the_stream_with_its_error() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let err = write_blocks(&mut Broken, 100 * BLOCK, |i, buf| {
            buf.push_str(&i.to_string())
        })
        .unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    }
}
