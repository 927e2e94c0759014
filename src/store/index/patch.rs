//! The index of a graph of which a part changed: the old index's entities,
//! edges and articles the part does not hold, copied column by column, and
//! the part (a [`crate::store::cut::Cut`] the journal's batches were merged
//! into) in place of what it was cut from. What a reader after an ingest
//! builds instead of indexing the whole graph again.

use super::{ArticleRef, Columns, GraphIndex, NodeIn, NO_ARTICLE};
use crate::graph::KnowledgeGraph;
use crate::stories::Fingerprint;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use std::collections::BTreeMap;

/// One article of the patched index: its record as the index keeps it.
struct ArticleIn {
    reference: ArticleRef,
    date: String,
    fingerprint: Option<Fingerprint>,
}

impl GraphIndex {
    /// This index with `part` in place of its entities `cut_nodes` and
    /// edges `cut_edges` (by number; `part` was cut out of this index with
    /// them and merged into since): the index [`GraphIndex::from_graph`]
    /// gives of the whole graph with the part merged, with entities, edges
    /// and articles numbered anew, and the articles' stories, the edges'
    /// stories and statuses derived again over the whole. `None` when the
    /// part cannot be laid in: it holds an entity the index holds outside
    /// the cut, or it dropped one an edge outside the cut still names.
    pub(crate) fn patched(
        &self,
        cut_nodes: &[bool],
        cut_edges: &[bool],
        part: &KnowledgeGraph,
    ) -> Option<GraphIndex> {
        let mut cols = Columns::default();
        let (article, article_number) = self.patched_articles(part, &mut cols);
        let g = part.petgraph();
        // The kept entities and the part's, pushed in id order (so they are
        // numbered without sorting them again); old numbers and the part's
        // node indices to column numbers.
        let mut theirs: Vec<(&str, petgraph::stable_graph::NodeIndex)> =
            g.node_indices().map(|ix| (g[ix].id.as_str(), ix)).collect();
        theirs.sort_unstable();
        let mut theirs = theirs.into_iter().peekable();
        let mut node = vec![u32::MAX; self.node_count()];
        let mut number = vec![u32::MAX; g.node_bound()];
        let kept = (0..self.node_count() as u32).filter(|&v| !cut_nodes[v as usize]);
        for v in kept.map(Some).chain(std::iter::once(None)) {
            while let Some(&(id, ix)) = theirs.peek() {
                if v.is_some_and(|v| self.id(v) < id) {
                    break;
                }
                theirs.next();
                let pushed = cols.push_entity(&g[ix]);
                number[ix.index()] = pushed;
                match self.lookup(id) {
                    Some(old) if !cut_nodes[old as usize] => return None,
                    Some(old) => node[old as usize] = pushed,
                    None => {}
                }
            }
            if let Some(v) = v {
                node[v as usize] = self.push_kept_node(v, &mut cols);
            }
        }
        cols.more_start.push(0);
        cols.more_evidence_start.push(0);
        for e in (0..self.edge_count() as u32).filter(|&e| !cut_edges[e as usize]) {
            let ends = self.edge(e);
            let (s, d) = (node[ends.src as usize], node[ends.dst as usize]);
            if s == u32::MAX || d == u32::MAX {
                return None;
            }
            self.push_kept_edge(e, (s, d), &article, &mut cols);
        }
        for er in g.edge_references() {
            let ends = (number[er.source().index()], number[er.target().index()]);
            let (s, t) = (&g[er.source()], &g[er.target()]);
            cols.push_graph_edge(s, er.weight(), t, ends, &article_number);
        }
        Some(GraphIndex::from_columns(cols))
    }

    /// The articles of this index and of `part`, by id (the part's record
    /// where both have one), into `cols` with their stories; returns each old
    /// article's new number, and every article's by id.
    fn patched_articles<'a>(
        &'a self,
        part: &'a KnowledgeGraph,
        cols: &mut Columns,
    ) -> (Vec<u32>, rustc_hash::FxHashMap<&'a str, u32>) {
        let mut all: BTreeMap<&'a str, ArticleIn> = BTreeMap::new();
        for (a, old) in self.articles.iter().enumerate() {
            all.insert(
                &old.id,
                ArticleIn {
                    reference: old.clone(),
                    date: self.article_date(a).unwrap_or("").to_string(),
                    fingerprint: self.article_fingerprint(a as u32),
                },
            );
        }
        for a in part.articles() {
            all.insert(
                &a.id,
                ArticleIn {
                    reference: ArticleRef {
                        id: a.id.clone(),
                        path: a.path.clone(),
                        title: a.title.clone(),
                    },
                    date: a.date.clone().unwrap_or_default(),
                    fingerprint: a.fingerprint,
                },
            );
        }
        let renumber: rustc_hash::FxHashMap<&str, u32> = all
            .keys()
            .enumerate()
            .map(|(i, id)| (*id, i as u32))
            .collect();
        let article: Vec<u32> = self
            .articles
            .iter()
            .map(|a| renumber[a.id.as_str()])
            .collect();
        let fingerprints: Vec<(&str, Option<&Fingerprint>)> = all
            .iter()
            .map(|(id, a)| (*id, a.fingerprint.as_ref()))
            .collect();
        cols.article_story = crate::stories::group(&fingerprints);
        for a in all.values() {
            cols.articles.push(a.reference.clone());
            cols.article_dates.push(&a.date);
            let fingerprint = a.fingerprint.map(|f| f.to_string());
            cols.article_fingerprints
                .push(fingerprint.as_deref().unwrap_or(""));
        }
        (article, renumber)
    }

    /// Pushes entity `v` with its aliases and attributes; its column number.
    fn push_kept_node(&self, v: u32, cols: &mut Columns) -> u32 {
        let ix = cols.push_node(&NodeIn {
            id: self.id(v),
            kind: self.kind(v),
            name: self.name(v),
            date: self.node_date(v),
            aliases: self.aliases_of(v),
        });
        for (key, value) in self.attrs(v) {
            cols.attr_node.push(ix);
            cols.attr_keys.push(key);
            cols.attr_values.push(value);
        }
        ix
    }

    /// Pushes edge `e` between column entities `ends`, its articles
    /// renumbered by `article` (old number to new), its stories counted
    /// with `cols`' article stories.
    fn push_kept_edge(&self, e: u32, ends: (u32, u32), article: &[u32], cols: &mut Columns) {
        let new = cols.edge_src.len() as u32;
        let renumber = |a: u32| article.get(a as usize).copied().unwrap_or(NO_ARTICLE);
        for (key, value) in self.edge_attrs(e) {
            cols.edge_attr_edge.push(new);
            cols.edge_attr_keys.push(key);
            cols.edge_attr_values.push(value);
        }
        for i in self.more_evidence_start.range(e) {
            cols.more_evidence_article
                .push(renumber(self.more_evidence_article[i]));
            cols.more_evidence_sentence
                .push(self.more_evidence_sentence.get(i as u32));
        }
        cols.more_evidence_start
            .push(cols.more_evidence_article.len() as u32);
        cols.evidence += self.evidence_len(e) as u64;
        let first = renumber(self.first_article(e));
        let more = &self.more_articles[self.more_start.range(e)];
        cols.more_articles.extend(more.iter().map(|&a| renumber(a)));
        cols.more_start.push(cols.more_articles.len() as u32);
        let view = self.edge(e);
        let stories = if view.articles > 1 {
            // The stories of the articles the index lists, and each it does
            // not list a story of its own (as `from_graph` counts them).
            let mut known: Vec<u32> = more.iter().map(|&a| renumber(a)).collect();
            if (first as usize) < cols.articles.len() {
                known.push(first);
            }
            let unlisted = (view.articles as usize).saturating_sub(known.len());
            let mut stories: Vec<u32> = known
                .iter()
                .map(|&a| cols.article_story[a as usize])
                .collect();
            stories.sort_unstable();
            stories.dedup();
            (stories.len() + unlisted) as u32
        } else {
            view.articles
        };
        cols.edge_src.push(ends.0);
        cols.edge_dst.push(ends.1);
        cols.edge_rel.push(self.edge_rel[e as usize]);
        cols.edge_weight.push(view.articles);
        cols.edge_stories.push(stories);
        cols.edge_date.push(view.date);
        cols.edge_article.push(first);
        cols.sentences.push(self.sentences.get(e));
    }
}
