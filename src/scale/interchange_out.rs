//! Whole-graph exports for other tools (GraphML, Cytoscape.js JSON, Neo4j CSV)
//! written straight from a [`GraphIndex`]: rows formatted in blocks on every
//! core and streamed to a buffered writer in order, so a store of millions of
//! entities is never turned into a [`crate::graph::KnowledgeGraph`] and the
//! output is never held whole in memory. Each row is formatted by the same
//! code as [`crate::export::to_graphml`] and its kin, from the same facts, so
//! the bytes are those of the whole-graph view of the same graph.

use super::answer::Scope;
use super::index::GraphIndex;
use crate::error::ExportError;
use crate::export::interchange::{
    add_source, attr_names, cytoscape_edge, cytoscape_node, edge_date, graphml_edge, graphml_head,
    graphml_node, label_of, neo4j_node, neo4j_nodes_file, neo4j_nodes_header, neo4j_relation,
    neo4j_relations_header, one_line, EdgeRow, NodeRow, GRAPHML_TAIL,
};
use crate::export::NEO4J_RELATIONS;
use crate::model::EntityKind;
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;

/// The entities and edges of a whole-graph export, in the order they are
/// written: entities by id, edges by (source id, relation, target id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    nodes: Vec<u32>,
    edges: Vec<u32>,
}

impl Selection {
    /// The entities `nodes` (in number order) and every edge `scope` keeps
    /// between two of them, self-loops too: what [`super::answer::whole`]
    /// cuts for them.
    pub fn new(g: &GraphIndex, scope: &Scope, nodes: Vec<u32>) -> Selection {
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
        Selection { nodes, edges }
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }
}

/// Rows of the index as the formats see them.
struct Rows<'g> {
    g: &'g GraphIndex,
    /// The label of each article, as sources name it.
    labels: Vec<String>,
}

impl<'g> Rows<'g> {
    fn new(g: &'g GraphIndex) -> Rows<'g> {
        let labels = g
            .articles()
            .iter()
            .map(|a| label_of(&a.id, &a.title, &a.path))
            .collect();
        Rows { g, labels }
    }

    fn node(&self, v: u32) -> NodeRow<'g> {
        let g = self.g;
        NodeRow {
            id: g.id(v),
            name: g.name(v),
            kind: g.kind(v),
            aliases: g.aliases_of(v),
            attrs: g.attrs(v).collect(),
            focus: false,
        }
    }

    fn edge(&self, e: u32) -> EdgeRow<'g> {
        let g = self.g;
        let edge = g.edge(e);
        let attrs: Vec<(&'g str, &'g str)> = g.edge_attrs_shown(e);
        let own = attrs.iter().find(|(k, _)| *k == "date").map(|(_, v)| *v);
        let evidence = g.evidence(e);
        let mut articles: Vec<Option<u32>> = evidence.iter().map(|(a, _)| *a).collect();
        articles.sort_unstable();
        articles.dedup();
        let mut sources = Vec::new();
        for (a, _) in &evidence {
            // Evidence from an article the store does not list names it by
            // its id, which the index does not keep: empty, as in a cut.
            let label = a.map_or_else(String::new, |a| self.labels[a as usize].clone());
            add_source(&mut sources, label);
        }
        EdgeRow {
            source: g.id(edge.src),
            target: g.id(edge.dst),
            relation: edge.relation,
            date: edge_date(
                own,
                self.g.milestone_date(edge.src),
                self.g.milestone_date(edge.dst),
            ),
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
}

/// Items formatted as one block.
const BLOCK: usize = 4096;

/// Writes `format(0..count)` to `out`, in order, formatted in blocks on
/// every core while a thread of its own writes the blocks already done.
fn write_blocks<W, F>(out: &mut W, count: usize, format: F) -> std::io::Result<()>
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

/// The whole-graph GraphML of [`crate::export::to_graphml`], titled `title`.
pub fn write_graphml<W: Write + Send + ?Sized>(
    g: &GraphIndex,
    sel: &Selection,
    title: &str,
    out: &mut W,
) -> std::io::Result<()> {
    let rows = Rows::new(g);
    let node_attrs = attr_names(
        sel.nodes
            .iter()
            .flat_map(|&v| g.attrs(v))
            .collect::<Vec<_>>()
            .iter(),
        &[],
    );
    let edge_attrs = edge_attr_names(g, sel);
    let mut head = String::new();
    graphml_head(&mut head, title, &node_attrs, &edge_attrs);
    out.write_all(head.as_bytes())?;
    write_blocks(out, sel.nodes.len(), |i, buf| {
        graphml_node(buf, &rows.node(sel.nodes[i]));
    })?;
    write_blocks(out, sel.edges.len(), |i, buf| {
        graphml_edge(buf, &rows.edge(sel.edges[i]));
    })?;
    out.write_all(GRAPHML_TAIL.as_bytes())
}

/// The whole-graph Cypher script of [`crate::export::to_cypher`], titled `title`.
pub fn write_cypher<W: Write + Send + ?Sized>(
    g: &GraphIndex,
    sel: &Selection,
    title: &str,
    out: &mut W,
) -> std::io::Result<()> {
    use crate::export::cypher::{cypher_edge, cypher_head, cypher_node};
    let rows = Rows::new(g);
    let mut head = String::new();
    cypher_head(&mut head, title);
    out.write_all(head.as_bytes())?;
    write_blocks(out, sel.nodes.len(), |i, buf| {
        cypher_node(buf, &rows.node(sel.nodes[i]));
    })?;
    write_blocks(out, sel.edges.len(), |i, buf| {
        cypher_edge(buf, &rows.edge(sel.edges[i]));
    })
}

/// The attribute names of the selected edges but `date`, sorted.
fn edge_attr_names(g: &GraphIndex, sel: &Selection) -> Vec<String> {
    let names: std::collections::BTreeSet<&str> = sel
        .edges
        .par_iter()
        .fold(std::collections::BTreeSet::new, |mut set, &e| {
            set.extend(g.edge_attrs_shown(e).into_iter().map(|(k, _)| k));
            set
        })
        .reduce(std::collections::BTreeSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    let pairs: Vec<(&str, &str)> = names.into_iter().map(|k| (k, "")).collect();
    attr_names(pairs.iter(), &["date"])
}

/// Appends `value` as pretty JSON nested three levels deep, as
/// `serde_json::to_string_pretty` writes an element of
/// `{"elements": {"edges": [...]}}` (no JSON string holds a line break).
fn push_element(buf: &mut String, value: &serde_json::Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            buf.push('\n');
        }
        buf.push_str("      ");
        buf.push_str(line);
    }
}

/// The whole-graph Cytoscape.js JSON of [`crate::export::to_cytoscape`], as
/// `serde_json::to_string_pretty` prints it, with a final line break.
pub fn write_cytoscape<W: Write + Send + ?Sized>(
    g: &GraphIndex,
    sel: &Selection,
    out: &mut W,
) -> std::io::Result<()> {
    let rows = Rows::new(g);
    // Keys in order, as serde_json's map writes them: edges before nodes.
    out.write_all(b"{\n  \"elements\": {\n    \"edges\": ")?;
    write_array(out, sel.edges.len(), |i, buf| {
        push_element(buf, &cytoscape_edge(&rows.edge(sel.edges[i])));
    })?;
    out.write_all(b",\n    \"nodes\": ")?;
    write_array(out, sel.nodes.len(), |i, buf| {
        push_element(buf, &cytoscape_node(&rows.node(sel.nodes[i])));
    })?;
    out.write_all(b"\n  }\n}\n")
}

/// A pretty JSON array of `count` elements at the depth of the element lists.
fn write_array<W, F>(out: &mut W, count: usize, element: F) -> std::io::Result<()>
where
    W: Write + Send + ?Sized,
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

/// The whole-graph Neo4j folder of [`crate::export::to_neo4j`] in `dir`,
/// each file streamed and replaced atomically, and earlier `nodes_*.csv`
/// files this export has no entities for removed; returns the file names,
/// in the order written.
pub fn write_neo4j(
    g: &GraphIndex,
    sel: &Selection,
    dir: &Path,
) -> Result<Vec<String>, ExportError> {
    crate::export::make_folder(dir)?;
    let rows = Rows::new(g);
    let mut names = Vec::new();
    for kind in EntityKind::ALL {
        let of_kind: Vec<u32> = sel
            .nodes
            .iter()
            .copied()
            .filter(|&v| g.kind(v) == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let attrs = attr_names(
            of_kind
                .iter()
                .flat_map(|&v| g.attrs(v))
                .collect::<Vec<_>>()
                .iter(),
            &[],
        );
        let name = neo4j_nodes_file(kind);
        crate::export::write_with(&dir.join(&name), |out| {
            out.write_all(neo4j_nodes_header(&attrs).as_bytes())?;
            write_blocks(out, of_kind.len(), |i, buf| {
                neo4j_node(buf, &rows.node(of_kind[i]), &attrs);
            })
        })?;
        names.push(name);
    }
    let attrs = edge_attr_names(g, sel);
    crate::export::write_with(&dir.join(NEO4J_RELATIONS), |out| {
        out.write_all(neo4j_relations_header(&attrs).as_bytes())?;
        write_blocks(out, sel.edges.len(), |i, buf| {
            neo4j_relation(buf, &rows.edge(sel.edges[i]), &attrs);
        })
    })?;
    names.push(NEO4J_RELATIONS.to_string());
    let keep: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::export::remove_other_node_files(dir, &keep)?;
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{to_cytoscape, to_graphml, to_neo4j, Filter};
    use crate::scale::answer;

    /// The sample graph of the export tests (aliases, attributes, dates,
    /// several articles behind an edge, a quoted name) as an index.
    fn index() -> GraphIndex {
        GraphIndex::from_graph(&crate::export::sample_graph())
    }

    /// What the view of the whole graph cut out of the index writes, and what
    /// the streams write, for the given filter and cap.
    fn both(filter: &Filter, max_nodes: Option<usize>) {
        let g = index();
        let scope = Scope::filtered(&g, filter, &[]);
        let (graph, view, _) = answer::whole(&g, &scope, max_nodes);
        let (chosen, _) = answer::whole_choice(&g, &scope, max_nodes);
        let sel = Selection::new(&g, &scope, chosen);
        assert_eq!(sel.node_count(), view.len());
        assert_eq!(sel.edge_count(), view.drawn_edges(&graph).len());

        let mut graphml = Vec::new();
        write_graphml(&g, &sel, &view.title, &mut graphml).unwrap();
        assert_eq!(
            String::from_utf8(graphml).unwrap(),
            to_graphml(&graph, &view)
        );

        let mut json = Vec::new();
        write_cytoscape(&g, &sel, &mut json).unwrap();
        let expected = serde_json::to_string_pretty(&to_cytoscape(&graph, &view)).unwrap() + "\n";
        assert_eq!(String::from_utf8(json).unwrap(), expected);

        let mut cypher = Vec::new();
        write_cypher(&g, &sel, &view.title, &mut cypher).unwrap();
        assert_eq!(
            String::from_utf8(cypher).unwrap(),
            crate::export::to_cypher(&graph, &view)
        );

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("nodes_gone.csv"), "old").unwrap();
        let names = write_neo4j(&g, &sel, dir.path()).unwrap();
        let files = to_neo4j(&graph, &view);
        let expected_names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, expected_names);
        for (name, text) in &files {
            assert_eq!(
                &std::fs::read_to_string(dir.path().join(name)).unwrap(),
                text,
                "{name}"
            );
        }
        assert!(!dir.path().join("nodes_gone.csv").exists());
    }

    #[test]
    fn streams_write_what_the_whole_view_writes() {
        both(&Filter::default(), None);
    }

    #[test]
    fn streams_of_a_capped_or_filtered_graph_too() {
        both(&Filter::default(), Some(3));
        let officials = Filter {
            kinds: Some([EntityKind::Official, EntityKind::Country].into()),
            ..Filter::default()
        };
        both(&officials, None);
        let dated = Filter {
            until: crate::export::PartialDate::parse("2014"),
            ..Filter::default()
        };
        both(&dated, Some(4));
    }

    #[test]
    fn empty_lists_are_written_as_serde_json_writes_them() {
        let g = index();
        let sel = Selection::new(&g, &Scope::everything(), Vec::new());
        let mut json = Vec::new();
        write_cytoscape(&g, &sel, &mut json).unwrap();
        let expected = serde_json::to_string_pretty(
            &serde_json::json!({"elements": {"nodes": [], "edges": []}}),
        )
        .unwrap()
            + "\n";
        assert_eq!(String::from_utf8(json).unwrap(), expected);
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
