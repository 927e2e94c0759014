//! [`GraphIndex`]: a read-only, compact snapshot of the graph built for path
//! queries on millions of entities.
//!
//! Entities are numbered `0..n` in the order of their ids (`kind:slug`), so a
//! number is also a rank: comparing two paths' number sequences compares their
//! ids. Each entity's links (its edges in either direction) sit in one
//! adjacency array (compressed sparse rows), sorted by the neighbour's number;
//! parallel edges to the same neighbour are consecutive, the preferred one
//! first (most articles, then dated, then the relation's order). Columns that
//! are nearly the same for every edge — one article, weight 1, no date,
//! sentences that are the edge itself as a CSV row, held — keep only the
//! edges that differ ([`Sparse`], [`SparseStrings`], [`Ragged`]), so one
//! article more in a store of millions of edges adds a few rows, not a column.
//!
//! Memory: about 4 + 4 + 1 bytes per edge for the edge columns and 8 per edge
//! for the adjacency (each edge is listed at both ends), plus the id and name
//! text: 1.38 M entities and 6.28 M edges take about 250 MB.

use super::arena::{le, Ragged, Sparse, SparseStrings, Strings};
use crate::error::QueryError;
use crate::graph::KnowledgeGraph;
use crate::model::{fold, EntityKind, RelationKind, Status};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use rayon::slice::ParallelSliceMut;
use serde::{Deserialize, Serialize};
use std::ops::Range;

mod patch;

/// Marks "no article" in the per-edge article column.
pub const NO_ARTICLE: u32 = u32::MAX;

/// An article or import a fact comes from, as paths name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: String,
    pub path: String,
    pub title: String,
}

/// The graph as compact columns and adjacency arrays; see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphIndex {
    ids: Strings,
    names: Strings,
    #[serde(with = "le")]
    kinds: Vec<u8>,
    /// Packed dates ([`pack_date`]) of milestones; 0 (none) by default.
    node_dates: Sparse<u32>,
    #[serde(with = "le")]
    alias_node: Vec<u32>,
    aliases: Strings,
    #[serde(with = "le")]
    edge_src: Vec<u32>,
    #[serde(with = "le")]
    edge_dst: Vec<u32>,
    #[serde(with = "le")]
    edge_rel: Vec<u8>,
    /// Articles behind each edge; 1 by default.
    edge_weight: Sparse<u32>,
    /// Packed `date` attributes; 0 (none) by default.
    edge_date: Sparse<u32>,
    /// The first article stating each edge; `edge_article_default` by default.
    edge_article: Sparse<u32>,
    /// The article most edges' first evidence comes from: `edge_article`'s
    /// default (an import's article, whatever number the articles' ids give it).
    edge_article_default: u32,
    /// The first sentence stating each edge; "" (the edge as a CSV row) by
    /// default. The strings are written apart ([`GraphIndex::write_texts`]).
    sentences: SparseStrings,
    articles: Vec<ArticleRef>,
    #[serde(with = "le")]
    offsets: Vec<u32>,
    #[serde(with = "le")]
    link_node: Vec<u32>,
    #[serde(with = "le")]
    link_edge: Vec<u32>,
    /// Evidence sentences over all edges, for `kg stats`.
    evidence: u64,
    /// Entity attributes, sorted by entity: attribute `i` belongs to `attr_node[i]`.
    #[serde(with = "le")]
    attr_node: Vec<u32>,
    attr_keys: Strings,
    attr_values: Strings,
    /// Publication dates of `articles`, "" when none; empty when no article has one.
    article_dates: Strings,
    /// The distinct articles behind edge `e` after the first are
    /// `more_articles[more_start.range(e)]`; both empty when no edge has
    /// more than one.
    more_start: Ragged,
    #[serde(with = "le")]
    more_articles: Vec<u32>,
    /// Edge attributes as the store writes them (the date too, unpacked),
    /// sorted by edge: attribute `i` belongs to edge `edge_attr_edge[i]`.
    #[serde(with = "le")]
    edge_attr_edge: Vec<u32>,
    edge_attr_keys: Strings,
    edge_attr_values: Strings,
    /// The evidence of edge `e` after its first: articles
    /// `more_evidence_article[more_evidence_start.range(e)]` ([`NO_ARTICLE`]
    /// for one the store does not list) and sentences alike; all three empty
    /// when every edge has one piece of evidence. Exports and reports print
    /// every sentence and count them.
    more_evidence_start: Ragged,
    #[serde(with = "le")]
    more_evidence_article: Vec<u32>,
    /// "" (the edge as a CSV row) by default; the strings are written apart
    /// ([`GraphIndex::write_texts`]).
    more_evidence_sentence: SparseStrings,
    /// The [`Status`] of each edge ([`GraphIndex::edge_status`]) by its code;
    /// held by default.
    edge_status: Sparse<u8>,
    /// The story of each article ([`crate::stories`]): the number of its
    /// story's first article; empty when every article is a story of its own.
    #[serde(with = "le")]
    article_story: Vec<u32>,
    /// Stories behind each edge (syndicated copies count once): the ranking
    /// weight; the number of its articles by default.
    edge_stories: Sparse<u32>,
    /// Each article's fingerprint ([`crate::stories::Fingerprint`], in hex;
    /// empty for none), so the journal's articles are grouped into stories
    /// with the stored ones without the RON; empty when no article has one.
    article_fingerprints: Strings,
}

/// One edge as stored: directed from `src` to `dst`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeView {
    pub src: u32,
    pub dst: u32,
    pub relation: RelationKind,
    /// Distinct stories behind the edge (copies of one story count once):
    /// the ranking weight.
    pub weight: u32,
    /// Distinct articles behind the edge.
    pub articles: u32,
    /// Packed date, 0 when none.
    pub date: u32,
}

/// Dates as numbers that compare like the dates: `2014-09-01` → 20140901,
/// `2014-11` → 20141100, `2014` → 20140000; 0 when the text is not a date.
pub fn pack_date(text: &str) -> u32 {
    let mut parts = text.trim().splitn(3, '-');
    let num = |p: Option<&str>, max: u32| -> Option<u32> {
        let p = p?;
        let digits = p.get(..p.len().min(2 + usize::from(max > 99) * 2))?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|v| *v <= max)
    };
    let Some(year) = num(parts.next(), 9999).filter(|y| *y > 0) else {
        return 0;
    };
    let month = num(parts.next(), 12).unwrap_or(0);
    let day = if month > 0 {
        num(parts.next(), 31).unwrap_or(0)
    } else {
        0
    };
    year * 10_000 + month * 100 + day
}

/// The latest packed date a partial date stands for: `2014` → 20149999.
pub fn date_upper(packed: u32) -> u32 {
    if packed == 0 {
        0
    } else if packed.is_multiple_of(10_000) {
        packed + 9_999
    } else if packed.is_multiple_of(100) {
        packed + 99
    } else {
        packed
    }
}

/// The text of a packed date: 20140900 → `2014-09`.
pub fn unpack_date(packed: u32) -> Option<String> {
    if packed == 0 {
        return None;
    }
    let (y, m, d) = (packed / 10_000, packed / 100 % 100, packed % 100);
    Some(match (m, d) {
        (0, _) => format!("{y:04}"),
        (m, 0) => format!("{y:04}-{m:02}"),
        (m, d) => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// An entity before indexing.
#[derive(Debug, Clone)]
pub(crate) struct NodeIn<'a> {
    pub id: &'a str,
    pub kind: EntityKind,
    pub name: &'a str,
    pub date: u32,
    pub aliases: Vec<&'a str>,
}

/// Entity columns in any order, for [`GraphIndex::from_columns`].
#[derive(Debug, Default)]
pub(crate) struct Columns {
    pub ids: Strings,
    pub names: Strings,
    pub kinds: Vec<u8>,
    pub node_dates: Vec<u32>,
    pub alias_node: Vec<u32>,
    pub aliases: Strings,
    pub edge_src: Vec<u32>,
    pub edge_dst: Vec<u32>,
    pub edge_rel: Vec<u8>,
    pub edge_weight: Vec<u32>,
    pub edge_date: Vec<u32>,
    pub edge_article: Vec<u32>,
    pub sentences: Strings,
    pub articles: Vec<ArticleRef>,
    pub evidence: u64,
    pub attr_node: Vec<u32>,
    pub attr_keys: Strings,
    pub attr_values: Strings,
    pub article_dates: Strings,
    pub more_start: Vec<u32>,
    pub more_articles: Vec<u32>,
    pub edge_attr_edge: Vec<u32>,
    pub edge_attr_keys: Strings,
    pub edge_attr_values: Strings,
    pub more_evidence_start: Vec<u32>,
    pub more_evidence_article: Vec<u32>,
    pub more_evidence_sentence: Strings,
    pub article_story: Vec<u32>,
    pub edge_stories: Vec<u32>,
    pub article_fingerprints: Strings,
}

impl Columns {
    pub fn push_node(&mut self, node: &NodeIn<'_>) -> u32 {
        let ix = self.ids.push(node.id);
        self.names.push(node.name);
        self.kinds.push(node.kind as u8);
        self.node_dates.push(node.date);
        for alias in &node.aliases {
            self.alias_node.push(ix);
            self.aliases.push(alias);
        }
        ix
    }
}

impl Columns {
    /// Pushes a graph's entity with its aliases and attributes (a
    /// milestone with its packed date); its number.
    pub(crate) fn push_entity(&mut self, e: &crate::model::Entity) -> u32 {
        let date = if e.kind == EntityKind::Milestone {
            e.date().map_or(0, pack_date)
        } else {
            0
        };
        let ix = self.push_node(&NodeIn {
            id: &e.id,
            kind: e.kind,
            name: &e.name,
            date,
            aliases: e.aliases.iter().map(String::as_str).collect(),
        });
        for (key, value) in &e.attrs {
            self.attr_node.push(ix);
            self.attr_keys.push(key);
            self.attr_values.push(value);
        }
        ix
    }

    /// Pushes a graph's edge from `s` to `t` (entities numbered `ends`)
    /// with its attributes and evidence, its articles numbered by
    /// `article_number`, its stories counted with `self.article_story`.
    pub(crate) fn push_graph_edge(
        &mut self,
        s: &crate::model::Entity,
        edge: &crate::graph::Edge,
        t: &crate::model::Entity,
        ends: (u32, u32),
        article_number: &rustc_hash::FxHashMap<&str, u32>,
    ) {
        let e = self.edge_src.len() as u32;
        for (key, value) in &edge.attrs {
            self.edge_attr_edge.push(e);
            self.edge_attr_keys.push(key);
            self.edge_attr_values.push(value);
        }
        for ev in edge.evidence.iter().skip(1) {
            self.more_evidence_article.push(
                article_number
                    .get(ev.article.as_str())
                    .copied()
                    .unwrap_or(NO_ARTICLE),
            );
            // A repeated CSV row is the edge as a row again: stored empty.
            let sentence = if is_csv_row(&ev.sentence, &s.id, &t.id, edge.relation) {
                ""
            } else {
                &ev.sentence
            };
            self.more_evidence_sentence.push(sentence);
        }
        self.more_evidence_start
            .push(self.more_evidence_article.len() as u32);
        self.evidence += edge.evidence.len() as u64;
        // The distinct articles, in evidence order: as many as `Edge::article_count`.
        let mut weight = edge.evidence.len().min(1);
        if edge.evidence.len() > 1 {
            weight = push_more_articles(edge, article_number, &mut self.more_articles);
        }
        self.more_start.push(self.more_articles.len() as u32);
        self.edge_src.push(ends.0);
        self.edge_dst.push(ends.1);
        self.edge_rel.push(edge.relation as u8);
        self.edge_weight.push(weight as u32);
        self.edge_stories.push(if weight > 1 {
            story_count(edge, article_number, &self.article_story) as u32
        } else {
            weight as u32
        });
        self.edge_date
            .push(edge.attrs.get("date").map_or(0, |d| pack_date(d)));
        let first = edge.evidence.first();
        self.edge_article.push(
            first
                .and_then(|ev| article_number.get(ev.article.as_str()).copied())
                .unwrap_or(NO_ARTICLE),
        );
        let sentence = first.map_or("", |ev| ev.sentence.as_str());
        if is_csv_row(sentence, &s.id, &t.id, edge.relation) {
            self.sentences.push("");
        } else {
            self.sentences.push(sentence);
        }
    }
}

/// `source,target,relation`: what an edge's sentence is when it came from a CSV row.
pub fn csv_row(source: &str, target: &str, relation: RelationKind) -> String {
    format!("{source},{target},{relation}")
}

/// Whether `sentence` is [`csv_row`] of the edge, without writing the row out.
fn is_csv_row(sentence: &str, source: &str, target: &str, relation: RelationKind) -> bool {
    let relation = relation.as_str();
    sentence.len() == source.len() + target.len() + relation.len() + 2
        && sentence.starts_with(source)
        && sentence[source.len()..].starts_with(',')
        && sentence.ends_with(relation)
        && sentence[..sentence.len() - relation.len()].ends_with(',')
        && sentence.get(source.len() + 1..source.len() + 1 + target.len()) == Some(target)
}

impl GraphIndex {
    /// Indexes a [`KnowledgeGraph`]: every entity and edge, each edge with its
    /// first evidence.
    pub fn from_graph(kg: &KnowledgeGraph) -> GraphIndex {
        let mut cols = Columns::default();
        let g = kg.petgraph();
        // Numbers by node index: no lookup by id for the millions of edge ends.
        let mut number = vec![u32::MAX; g.node_bound()];
        for node in g.node_indices() {
            number[node.index()] = cols.push_entity(&g[node]);
        }
        let mut article_number: rustc_hash::FxHashMap<&str, u32> = Default::default();
        for a in kg.articles() {
            article_number.insert(&a.id, cols.articles.len() as u32);
            cols.articles.push(ArticleRef {
                id: a.id.clone(),
                path: a.path.clone(),
                title: a.title.clone(),
            });
            cols.article_dates.push(a.date.as_deref().unwrap_or(""));
            let fingerprint = a.fingerprint.map(|f| f.to_string());
            cols.article_fingerprints
                .push(fingerprint.as_deref().unwrap_or(""));
        }
        let fingerprints: Vec<(&str, Option<&crate::stories::Fingerprint>)> = kg
            .articles()
            .map(|a| (a.id.as_str(), a.fingerprint.as_ref()))
            .collect();
        cols.article_story = crate::stories::group(&fingerprints);
        cols.more_start.push(0);
        cols.more_evidence_start.push(0);
        for er in g.edge_references() {
            let ends = (number[er.source().index()], number[er.target().index()]);
            let (s, t) = (&g[er.source()], &g[er.target()]);
            cols.push_graph_edge(s, er.weight(), t, ends, &article_number);
        }
        GraphIndex::from_columns(cols)
    }

    /// Numbers the entities in id order, drops the columns that hold nothing,
    /// and builds the adjacency. Edge endpoints are numbers into `cols` order.
    pub(crate) fn from_columns(mut cols: Columns) -> GraphIndex {
        let n = cols.ids.len();
        let mut order: Vec<u32> = (0..n as u32).collect();
        let sorted = (1..n).all(|i| cols.ids.get(i - 1) <= cols.ids.get(i));
        if !sorted {
            let ids = &cols.ids;
            order.par_sort_unstable_by(|&x, &y| ids.get(x as usize).cmp(ids.get(y as usize)));
            let mut rank = vec![0u32; n];
            for (new, &old) in order.iter().enumerate() {
                rank[old as usize] = new as u32;
            }
            cols.ids = cols.ids.permuted(&order);
            cols.names = cols.names.permuted(&order);
            cols.kinds = order.iter().map(|&o| cols.kinds[o as usize]).collect();
            if !cols.node_dates.is_empty() {
                cols.node_dates = order.iter().map(|&o| cols.node_dates[o as usize]).collect();
            }
            for v in cols
                .edge_src
                .iter_mut()
                .chain(cols.edge_dst.iter_mut())
                .chain(cols.alias_node.iter_mut())
                .chain(cols.attr_node.iter_mut())
            {
                *v = rank[*v as usize];
            }
        }
        drop(order);
        // Aliases by entity (each entity's in their order), so that one
        // entity's are found by binary search.
        if let Some(order) = sort_by_node(&mut cols.alias_node) {
            cols.aliases = cols.aliases.permuted(&order);
        }
        if let Some(order) = sort_by_node(&mut cols.attr_node) {
            cols.attr_keys = cols.attr_keys.permuted(&order);
            cols.attr_values = cols.attr_values.permuted(&order);
        }
        if cols.article_dates.iter().all(str::is_empty) {
            cols.article_dates = Strings::new();
        }
        let e = cols.edge_src.len();
        let weight = |i: usize| cols.edge_weight.get(i).copied().unwrap_or(1);
        let edge_stories = if cols.edge_stories.len() == e {
            Sparse::from_dense_by(std::mem::take(&mut cols.edge_stories), |i, s| {
                s == weight(i)
            })
        } else {
            Sparse::default()
        };
        if cols
            .article_story
            .iter()
            .enumerate()
            .all(|(i, &s)| s as usize == i)
        {
            cols.article_story = Vec::new();
        }
        if cols.article_fingerprints.iter().all(str::is_empty) {
            cols.article_fingerprints = Strings::new();
        }
        debug_assert!(cols.edge_weight.is_empty() || cols.edge_weight.len() == e);
        let article_default = most_common(&cols.edge_article, cols.articles.len());
        let mut index = GraphIndex {
            ids: cols.ids,
            names: cols.names,
            kinds: cols.kinds,
            node_dates: Sparse::from_dense(cols.node_dates, 0),
            alias_node: cols.alias_node,
            aliases: cols.aliases,
            edge_src: cols.edge_src,
            edge_dst: cols.edge_dst,
            edge_rel: cols.edge_rel,
            edge_weight: Sparse::from_dense(cols.edge_weight, 1),
            edge_date: Sparse::from_dense(cols.edge_date, 0),
            edge_article_default: article_default,
            edge_article: Sparse::from_dense(cols.edge_article, article_default),
            sentences: SparseStrings::from_strings(cols.sentences),
            articles: cols.articles,
            offsets: Vec::new(),
            link_node: Vec::new(),
            link_edge: Vec::new(),
            evidence: cols.evidence,
            attr_node: cols.attr_node,
            attr_keys: cols.attr_keys,
            attr_values: cols.attr_values,
            article_dates: cols.article_dates,
            more_start: Ragged::from_starts(cols.more_start),
            more_articles: cols.more_articles,
            edge_attr_edge: cols.edge_attr_edge,
            edge_attr_keys: cols.edge_attr_keys,
            edge_attr_values: cols.edge_attr_values,
            more_evidence_start: Ragged::from_starts(cols.more_evidence_start),
            more_evidence_article: cols.more_evidence_article,
            more_evidence_sentence: SparseStrings::from_strings(cols.more_evidence_sentence),
            edge_status: Sparse::default(),
            article_story: cols.article_story,
            edge_stories,
            article_fingerprints: cols.article_fingerprints,
        };
        index.build_adjacency();
        index.edge_status = Sparse::from_dense(super::status::derive(&index), Status::Held.code());
        index
    }

    /// Fills `offsets`, `link_node` and `link_edge`: each edge at both ends
    /// (self-loops nowhere), every list sorted by neighbour then preference.
    fn build_adjacency(&mut self) {
        let n = self.node_count();
        let mut offsets = vec![0u32; n + 1];
        for (&s, &d) in self.edge_src.iter().zip(&self.edge_dst) {
            if s != d {
                offsets[s as usize + 1] += 1;
                offsets[d as usize + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] = offsets[i]
                .checked_add(offsets[i + 1])
                .expect("fewer than 2^32 links");
        }
        let total = offsets[n] as usize;
        // Two threads, each for the lists of the nodes on its side of where
        // half the links are: it files their links, sorts and writes them.
        let half = offsets
            .partition_point(|&o| (o as usize) < total / 2)
            .min(n);
        let split = offsets[half] as usize;
        let mut link_node = vec![0u32; total];
        let mut link_edge = vec![0u32; total];
        let (node_lo, node_hi) = link_node.split_at_mut(split);
        let (edge_lo, edge_hi) = link_edge.split_at_mut(split);
        let this = &*self;
        let offsets_ref = &offsets;
        std::thread::scope(|scope| {
            scope.spawn(move || this.fill_lists(offsets_ref, 0..half, node_lo, edge_lo));
            this.fill_lists(offsets_ref, half..n, node_hi, edge_hi);
        });
        self.link_node = link_node;
        self.link_edge = link_edge;
        self.offsets = offsets;
    }

    /// Files the links of `nodes` (each edge at both ends, self-loops
    /// nowhere), sorts each list, and writes them to `link_node` and
    /// `link_edge`, which start at link `offsets[nodes.start]`.
    fn fill_lists(
        &self,
        offsets: &[u32],
        nodes: Range<usize>,
        link_node: &mut [u32],
        link_edge: &mut [u32],
    ) {
        let base = offsets[nodes.start] as usize;
        let mut links = vec![0u64; link_node.len()];
        let mut fill: Vec<u32> = offsets[nodes.clone()].to_vec();
        let mut add = |v: u32, link: u64| {
            if nodes.contains(&(v as usize)) {
                let f = &mut fill[v as usize - nodes.start];
                links[*f as usize - base] = link;
                *f += 1;
            }
        };
        for (e, (&s, &d)) in self.edge_src.iter().zip(&self.edge_dst).enumerate() {
            if s != d {
                add(s, (u64::from(d) << 32) | e as u64);
                add(d, (u64::from(s) << 32) | e as u64);
            }
        }
        self.sort_lists(&mut links, offsets, nodes, base);
        for ((l, node), edge) in links.iter().zip(link_node).zip(link_edge) {
            *node = (l >> 32) as u32;
            *edge = *l as u32;
        }
    }

    /// Sorts the lists of `nodes` inside `links` (which starts at link `base`).
    fn sort_lists(&self, links: &mut [u64], offsets: &[u32], nodes: Range<usize>, base: usize) {
        for v in nodes {
            let range = offsets[v] as usize - base..offsets[v + 1] as usize - base;
            let list = &mut links[range];
            list.sort_unstable();
            // Parallel edges: the preferred one first.
            let mut i = 0;
            while i < list.len() {
                let nb = list[i] >> 32;
                let mut j = i + 1;
                while j < list.len() && list[j] >> 32 == nb {
                    j += 1;
                }
                if j - i > 1 {
                    list[i..j].sort_by_key(|&l| self.preference(v as u32, l as u32));
                }
                i = j;
            }
        }
    }

    /// Orders parallel edges: more articles, dated, relation order, outgoing, edge number.
    fn preference(&self, v: u32, e: u32) -> (std::cmp::Reverse<u32>, bool, u8, bool, u32) {
        let edge = self.edge(e);
        (
            std::cmp::Reverse(edge.weight),
            edge.date == 0,
            edge.relation as u8,
            edge.src != v,
            e,
        )
    }

    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edge_src.len()
    }

    pub fn id(&self, v: u32) -> &str {
        self.ids.get(v as usize)
    }

    pub fn name(&self, v: u32) -> &str {
        self.names.get(v as usize)
    }

    pub fn kind(&self, v: u32) -> EntityKind {
        EntityKind::ALL[self.kinds[v as usize] as usize]
    }

    #[inline]
    pub(crate) fn kind_bit(&self, v: u32) -> u8 {
        1 << self.kinds[v as usize]
    }

    /// A milestone's packed date, 0 when none.
    #[inline]
    pub fn node_date(&self, v: u32) -> u32 {
        self.node_dates.get(v).unwrap_or(0)
    }

    pub fn has_dates(&self) -> bool {
        !self.node_dates.is_empty() || !self.edge_date.is_empty()
    }

    /// The entity with this id, by binary search.
    pub fn lookup(&self, id: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0usize, self.node_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.ids.get(mid).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// The links of `v`: indices into [`GraphIndex::link`].
    #[inline]
    pub fn links(&self, v: u32) -> Range<usize> {
        self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize
    }

    /// Link `i`: (neighbour, edge).
    #[inline]
    pub fn link(&self, i: usize) -> (u32, u32) {
        (self.link_node[i], self.link_edge[i])
    }

    /// The ends (source, target) of every edge, in edge order.
    pub(crate) fn edge_ends(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.edge_src
            .iter()
            .copied()
            .zip(self.edge_dst.iter().copied())
    }

    #[inline]
    pub(crate) fn link_nodes(&self, range: Range<usize>) -> &[u32] {
        &self.link_node[range]
    }

    pub fn degree(&self, v: u32) -> usize {
        self.links(v).len()
    }

    #[inline]
    pub fn edge(&self, e: u32) -> EdgeView {
        let e = e as usize;
        EdgeView {
            src: self.edge_src[e],
            dst: self.edge_dst[e],
            relation: RelationKind::ALL[self.edge_rel[e] as usize],
            weight: self.edge_weight(e as u32),
            articles: self.edge_weight.get(e as u32).unwrap_or(1),
            date: self.edge_date.get(e as u32).unwrap_or(0),
        }
    }

    /// What the text says of edge `e`: its `status` attribute; else, for an
    /// edge of a milestone, the milestone's; else, for `party_to` or `signed`
    /// to an agreement, the agreement's ([`super::status`]); else held.
    #[inline]
    pub fn edge_status(&self, e: u32) -> Status {
        self.edge_status
            .get(e)
            .map_or(Status::Held, Status::from_code)
    }

    /// The edge's attributes as the store writes them, with its status
    /// ([`GraphIndex::edge_status`]) as `status`: what readers and exports show.
    pub fn edge_attrs_shown(&self, e: u32) -> Vec<(&str, &str)> {
        let mut attrs: Vec<(&str, &str)> =
            self.edge_attrs(e).filter(|(k, _)| *k != "status").collect();
        let at = attrs.partition_point(|(k, _)| *k < "status");
        attrs.insert(at, ("status", self.edge_status(e).as_str()));
        attrs
    }

    #[inline]
    pub(crate) fn edge_rel_bit(&self, e: u32) -> u16 {
        1 << self.edge_rel[e as usize]
    }

    #[inline]
    pub(crate) fn edge_date_raw(&self, e: u32) -> u32 {
        self.edge_date.get(e).unwrap_or(0)
    }

    /// The ranking weight of edge `e`: the stories behind it.
    #[inline]
    pub(crate) fn edge_weight(&self, e: u32) -> u32 {
        match self.edge_stories.get(e) {
            Some(s) => s,
            None => self.edge_weight.get(e).unwrap_or(1),
        }
    }

    pub(crate) fn uniform_weights(&self) -> bool {
        self.edge_weight.is_empty()
    }

    /// Writes the evidence sentences, which serde leaves out of the index,
    /// as raw sections ([`Strings::write_raw`]): a snapshot keeps them after
    /// the rest, so they are read into their place without a copy.
    pub fn write_texts(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        self.sentences.write_raw(out)?;
        self.more_evidence_sentence.write_raw(out)
    }

    /// Puts back the sentences [`GraphIndex::write_texts`] wrote, from an
    /// input holding `left` more bytes.
    pub fn read_texts(
        &mut self,
        input: &mut impl std::io::Read,
        mut left: u64,
    ) -> std::io::Result<()> {
        self.sentences.read_raw(input, &mut left)?;
        self.more_evidence_sentence.read_raw(input, &mut left)?;
        Ok(())
    }

    /// The fingerprint of article number `a`, if it has one.
    pub fn article_fingerprint(&self, a: u32) -> Option<crate::stories::Fingerprint> {
        if (a as usize) >= self.article_fingerprints.len() {
            return None;
        }
        self.article_fingerprints.get(a as usize).parse().ok()
    }

    /// The story of article number `a`: the number of its story's first
    /// article ([`crate::stories`]).
    pub fn article_story(&self, a: u32) -> u32 {
        self.article_story.get(a as usize).copied().unwrap_or(a)
    }

    /// The distinct stories among article numbers `articles`.
    pub fn story_count(&self, articles: &[u32]) -> usize {
        let mut stories: Vec<u32> = articles.iter().map(|&a| self.article_story(a)).collect();
        stories.sort_unstable();
        stories.dedup();
        stories.len()
    }

    /// The number of the article the edge's first evidence comes from
    /// ([`NO_ARTICLE`] or past the articles for one the store does not list).
    #[inline]
    fn first_article(&self, e: u32) -> u32 {
        self.edge_article
            .get(e)
            .unwrap_or(self.edge_article_default)
    }

    /// The article the edge's first evidence comes from.
    pub fn edge_article(&self, e: u32) -> Option<&ArticleRef> {
        self.articles.get(self.first_article(e) as usize)
    }

    /// The article or import with this id.
    pub fn article(&self, id: &str) -> Option<&ArticleRef> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The edge's first sentence (for an imported edge, its CSV row).
    pub fn sentence(&self, e: u32) -> String {
        let stored = self.sentences.get(e);
        if stored.is_empty() {
            let edge = self.edge(e);
            csv_row(self.id(edge.src), self.id(edge.dst), edge.relation)
        } else {
            stored.to_string()
        }
    }

    /// Evidence sentences over all edges.
    pub fn evidence_count(&self) -> u64 {
        self.evidence
    }

    /// Every article or import, in store order.
    pub fn articles(&self) -> &[ArticleRef] {
        &self.articles
    }

    /// The publication date of article number `i`, if it has one.
    pub fn article_date(&self, i: usize) -> Option<&str> {
        if i >= self.article_dates.len() {
            return None;
        }
        Some(self.article_dates.get(i)).filter(|d| !d.is_empty())
    }

    /// Numbers of the distinct articles behind edge `e`, in evidence order
    /// (those the store lists; the first is [`GraphIndex::edge_article`]).
    pub fn edge_article_numbers(&self, e: u32) -> Vec<u32> {
        let first = self.first_article(e);
        let mut out = Vec::new();
        if (first as usize) < self.articles.len() {
            out.push(first);
        }
        out.extend_from_slice(&self.more_articles[self.more_start.range(e)]);
        out
    }

    /// The attributes of entity `v`, in key order.
    pub fn attrs(&self, v: u32) -> impl Iterator<Item = (&str, &str)> + '_ {
        let lo = self.attr_node.partition_point(|&x| x < v);
        let hi = self.attr_node.partition_point(|&x| x <= v);
        (lo..hi).map(|i| (self.attr_keys.get(i), self.attr_values.get(i)))
    }

    /// The attributes of edge `e` as stored, in key order.
    pub fn edge_attrs(&self, e: u32) -> impl Iterator<Item = (&str, &str)> + '_ {
        let lo = self.edge_attr_edge.partition_point(|&x| x < e);
        let hi = self.edge_attr_edge.partition_point(|&x| x <= e);
        (lo..hi).map(|i| (self.edge_attr_keys.get(i), self.edge_attr_values.get(i)))
    }

    /// The articles of edge `e`'s evidence, first to last, as
    /// [`GraphIndex::evidence`] gives them, without making the sentences.
    pub fn evidence_articles(&self, e: u32) -> Vec<Option<u32>> {
        let first = self.first_article(e);
        let more = &self.more_evidence_article[self.more_evidence_start.range(e)];
        let known = |a: u32| ((a as usize) < self.articles.len()).then_some(a);
        std::iter::once(first)
            .chain(more.iter().copied())
            .map(known)
            .collect()
    }

    /// The evidence of edge `e`, first to last: the number of its article
    /// (`None` when the store does not list it) and its sentence.
    pub fn evidence(&self, e: u32) -> Vec<(Option<u32>, String)> {
        let first = self.first_article(e);
        let known = |a: u32| ((a as usize) < self.articles.len()).then_some(a);
        let mut out = vec![(known(first), self.sentence(e))];
        out.extend(self.more_evidence_start.range(e).map(|i| {
            let stored = self.more_evidence_sentence.get(i as u32);
            let sentence = if stored.is_empty() {
                let edge = self.edge(e);
                csv_row(self.id(edge.src), self.id(edge.dst), edge.relation)
            } else {
                stored.to_string()
            };
            (known(self.more_evidence_article[i]), sentence)
        }));
        out
    }

    /// Records that edge `e` of an index built from CSV was stated by
    /// `1 + repeats[e]` rows of its only article (number 0): the evidence a
    /// store holds for a row given more than once.
    pub(crate) fn with_repeated_rows(mut self, repeats: &[u32]) -> GraphIndex {
        if repeats.len() != self.edge_count() || repeats.iter().all(|&r| r == 0) {
            return self;
        }
        let mut start = Vec::with_capacity(repeats.len() + 1);
        start.push(0u32);
        for &r in repeats {
            start.push(start[start.len() - 1] + r);
        }
        let total = start[repeats.len()] as usize;
        self.more_evidence_start = Ragged::from_starts(start);
        self.more_evidence_article = vec![0; total];
        self.more_evidence_sentence = SparseStrings::default();
        self
    }

    /// How many pieces of evidence edge `e` has.
    pub fn evidence_len(&self, e: u32) -> usize {
        1 + self.more_evidence_start.range(e).len()
    }

    /// A milestone's date; `None` for the other kinds.
    pub fn milestone_date(&self, v: u32) -> Option<&str> {
        (self.kind(v) == EntityKind::Milestone)
            .then(|| self.attr(v, "date"))
            .flatten()
    }

    /// One attribute of entity `v`.
    pub fn attr(&self, v: u32, key: &str) -> Option<&str> {
        self.attrs(v)
            .find(|(k, _)| *k == key)
            .map(|(_, value)| value)
    }

    /// The aliases of entity `v`, in their order.
    pub fn aliases_of(&self, v: u32) -> Vec<&str> {
        let lo = self.alias_node.partition_point(|&x| x < v);
        let hi = self.alias_node.partition_point(|&x| x <= v);
        (lo..hi).map(|i| self.aliases.get(i)).collect()
    }

    /// Every alias with its entity.
    pub fn all_aliases(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        self.alias_node
            .iter()
            .enumerate()
            .map(|(i, &v)| (v, self.aliases.get(i)))
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.ids.heap_bytes()
            + self.names.heap_bytes()
            + self.aliases.heap_bytes()
            + self.sentences.heap_bytes()
            + self.edge_weight.heap_bytes()
            + self.edge_date.heap_bytes()
            + self.edge_article.heap_bytes()
            + self.edge_stories.heap_bytes()
            + self.edge_status.heap_bytes()
            + self.more_start.heap_bytes()
            + self.more_evidence_start.heap_bytes()
            + self.attr_keys.heap_bytes()
            + self.attr_values.heap_bytes()
            + self.article_dates.heap_bytes()
            + self.edge_attr_keys.heap_bytes()
            + self.edge_attr_values.heap_bytes()
            + self.more_evidence_sentence.heap_bytes()
            + 4 * (self.edge_attr_edge.capacity()
                + self.article_story.capacity()
                + self.more_evidence_article.capacity())
            + 4 * (self.attr_node.capacity() + self.more_articles.capacity())
            + self.kinds.capacity()
            + self.edge_rel.capacity()
            + self.node_dates.heap_bytes()
            + 4 * (self.alias_node.capacity()
                + self.edge_src.capacity()
                + self.edge_dst.capacity()
                + self.offsets.capacity()
                + self.link_node.capacity()
                + self.link_edge.capacity())
    }

    /// Each column's size in a snapshot, in bytes (numbers at their
    /// width, strings as their text and one 8-byte end each), largest first:
    /// what tells where a snapshot's bytes go.
    pub fn column_bytes(&self) -> Vec<(&'static str, usize)> {
        let s = |x: &Strings| x.text_len() + 8 * x.len();
        let mut out = vec![
            ("ids", s(&self.ids)),
            ("names", s(&self.names)),
            ("kinds", self.kinds.len()),
            ("node_dates", self.node_dates.heap_bytes()),
            ("alias_node", 4 * self.alias_node.len()),
            ("aliases", s(&self.aliases)),
            ("edge_src", 4 * self.edge_src.len()),
            ("edge_dst", 4 * self.edge_dst.len()),
            ("edge_rel", self.edge_rel.len()),
            ("edge_weight", self.edge_weight.heap_bytes()),
            ("edge_date", self.edge_date.heap_bytes()),
            ("edge_article", self.edge_article.heap_bytes()),
            ("sentences", self.sentences.stored_bytes()),
            ("offsets", 4 * self.offsets.len()),
            ("link_node", 4 * self.link_node.len()),
            ("link_edge", 4 * self.link_edge.len()),
            ("attr_node", 4 * self.attr_node.len()),
            ("attr_keys", s(&self.attr_keys)),
            ("attr_values", s(&self.attr_values)),
            ("article_dates", s(&self.article_dates)),
            ("more_start", self.more_start.stored_bytes()),
            ("more_articles", 4 * self.more_articles.len()),
            ("edge_attr_edge", 4 * self.edge_attr_edge.len()),
            ("edge_attr_keys", s(&self.edge_attr_keys)),
            ("edge_attr_values", s(&self.edge_attr_values)),
            (
                "more_evidence_start",
                self.more_evidence_start.stored_bytes(),
            ),
            (
                "more_evidence_article",
                4 * self.more_evidence_article.len(),
            ),
            (
                "more_evidence_sentence",
                self.more_evidence_sentence.stored_bytes(),
            ),
            ("edge_status", self.edge_status.heap_bytes()),
            ("article_story", 4 * self.article_story.len()),
            ("edge_stories", self.edge_stories.heap_bytes()),
            ("article_fingerprints", s(&self.article_fingerprints)),
        ];
        out.sort_by_key(|c| std::cmp::Reverse(c.1));
        out
    }

    /// Checks what a snapshot read from disk must satisfy before any query
    /// indexes into it: column lengths, numbers in range, sorted lists.
    /// Linear in the size of the index, with sequential reads only.
    pub fn validate(&self) -> Result<(), String> {
        let n = self.node_count();
        let e = self.edge_count();
        let bad = |what: &str| Err(format!("inconsistent {what}"));
        if !self.ids.is_well_formed()
            || !self.names.is_well_formed()
            || !self.aliases.is_well_formed()
        {
            return bad("strings");
        }
        if self.names.len() != n || self.kinds.len() != n {
            return bad("entity columns");
        }
        if self
            .kinds
            .iter()
            .any(|&k| k as usize >= EntityKind::ALL.len())
        {
            return bad("entity kinds");
        }
        if !self.node_dates.fits(n) {
            return bad("entity dates");
        }
        if self.alias_node.len() != self.aliases.len()
            || self.alias_node.iter().any(|&v| v as usize >= n)
            || self.alias_node.windows(2).any(|w| w[0] > w[1])
        {
            return bad("aliases");
        }
        if !self.attr_keys.is_well_formed()
            || !self.attr_values.is_well_formed()
            || !self.article_dates.is_well_formed()
            || self.attr_keys.len() != self.attr_node.len()
            || self.attr_values.len() != self.attr_node.len()
            || self.attr_node.iter().any(|&v| v as usize >= n)
            || self.attr_node.windows(2).any(|w| w[0] > w[1])
        {
            return bad("attributes");
        }
        if !(self.article_dates.is_empty() || self.article_dates.len() == self.articles.len()) {
            return bad("article dates");
        }
        let fingerprints = self.article_fingerprints.len();
        if !(fingerprints == 0 || fingerprints == self.articles.len())
            || !self.article_fingerprints.is_well_formed()
        {
            return bad("article fingerprints");
        }
        let more_ok = self.more_start.fits(e, self.more_articles.len())
            && self
                .more_articles
                .iter()
                .all(|&a| (a as usize) < self.articles.len());
        if !more_ok {
            return bad("edge articles");
        }
        if !self.edge_attr_keys.is_well_formed()
            || !self.edge_attr_values.is_well_formed()
            || self.edge_attr_keys.len() != self.edge_attr_edge.len()
            || self.edge_attr_values.len() != self.edge_attr_edge.len()
            || self.edge_attr_edge.iter().any(|&x| x as usize >= e)
            || self.edge_attr_edge.windows(2).any(|w| w[0] > w[1])
        {
            return bad("edge attributes");
        }
        let extra = self.more_evidence_article.len();
        let evidence_ok =
            self.more_evidence_start.fits(e, extra) && self.more_evidence_sentence.fits(extra);
        if !evidence_ok {
            return bad("edge evidence");
        }
        let stories_ok = self.article_story.is_empty()
            || self.article_story.len() == self.articles.len()
                && self
                    .article_story
                    .iter()
                    .all(|&s| (s as usize) < self.articles.len());
        if !stories_ok {
            return bad("article stories");
        }
        if (1..n).any(|i| self.ids.get(i - 1) >= self.ids.get(i)) {
            return bad("entity order");
        }
        if self.edge_dst.len() != e
            || self.edge_rel.len() != e
            || !self.edge_weight.fits(e)
            || !self.edge_stories.fits(e)
            || !self.edge_date.fits(e)
            || !self.edge_article.fits(e)
            || !self.edge_status.fits(e)
            || !self.sentences.fits(e)
        {
            return bad("edge columns");
        }
        if self
            .edge_src
            .iter()
            .chain(&self.edge_dst)
            .any(|&v| v as usize >= n)
            || self
                .edge_rel
                .iter()
                .any(|&r| r as usize >= RelationKind::ALL.len())
            || self
                .edge_article
                .values()
                .iter()
                .any(|&a| a != NO_ARTICLE && a as usize >= self.articles.len())
        {
            return bad("edges");
        }
        if self.offsets.len() != n + 1
            || self.offsets.first() != Some(&0)
            || self.offsets.windows(2).any(|w| w[0] > w[1])
            || self.offsets[n] as usize != self.link_node.len()
            || self.link_edge.len() != self.link_node.len()
        {
            return bad("adjacency");
        }
        // Ranges and order only: enough that no query can index out of
        // bounds. (The snapshot's checksum guards against damage.)
        if self.link_node.iter().any(|&w| w as usize >= n)
            || self.link_edge.iter().any(|&x| x as usize >= e)
        {
            return bad("adjacency");
        }
        for v in 0..n as u32 {
            if self
                .link_nodes(self.links(v))
                .windows(2)
                .any(|w| w[0] > w[1])
            {
                return bad("adjacency order");
            }
        }
        Ok(())
    }

    /// Finds the entity a user means: its id, else its name or an alias
    /// (case- and accent-insensitive), countries before officials before the
    /// rest. An unknown name lists up to five similar names.
    pub fn resolve(&self, name: &str) -> Result<u32, QueryError> {
        if let Some(v) = self.lookup(name.trim()) {
            return Ok(v);
        }
        let wanted = normalize(name);
        let rank = |v: u32| (kind_rank(self.kind(v)), v);
        let mut best: Option<u32> = None;
        let mut consider = |v: u32| {
            if best.is_none_or(|b| rank(v) < rank(b)) {
                best = Some(v);
            }
        };
        for v in 0..self.node_count() as u32 {
            if same_name(self.name(v), &wanted) || same_name(self.id(v), &wanted) {
                consider(v);
            }
        }
        for (i, &v) in self.alias_node.iter().enumerate() {
            if same_name(self.aliases.get(i), &wanted) {
                consider(v);
            }
        }
        if let Some(v) = best {
            return Ok(v);
        }
        let mut scored: Vec<(f64, u32)> = (0..self.node_count() as u32)
            .filter_map(|v| {
                let score = strsim::jaro_winkler(&normalize(self.name(v)), &wanted);
                (score >= 0.85).then_some((score, v))
            })
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let mut suggestions: Vec<String> = Vec::new();
        for (_, v) in scored {
            let n = self.name(v).to_string();
            if !suggestions.contains(&n) {
                suggestions.push(n);
            }
            if suggestions.len() == 5 {
                break;
            }
        }
        Err(QueryError::UnknownEntity {
            name: name.to_string(),
            suggestions,
        })
    }
}

/// The most common of `articles` (numbers below `count`, or [`NO_ARTICLE`]
/// for any other), the smallest of those as common.
fn most_common(articles: &[u32], count: usize) -> u32 {
    let mut seen = vec![0usize; count + 1];
    for &a in articles {
        seen[(a as usize).min(count)] += 1;
    }
    let (best, _) = seen.iter().enumerate().fold(
        (0, 0),
        |(b, n), (a, &m)| if m > n { (a, m) } else { (b, n) },
    );
    if best == count {
        NO_ARTICLE
    } else {
        best as u32
    }
}

/// The distinct stories among the articles stating `edge` (an article the
/// store does not list is a story of its own).
fn story_count(
    edge: &crate::graph::Edge,
    article_number: &rustc_hash::FxHashMap<&str, u32>,
    story: &[u32],
) -> usize {
    let mut seen: Vec<Result<u32, &str>> = edge
        .evidence
        .iter()
        .map(|ev| match article_number.get(ev.article.as_str()) {
            Some(&a) => Ok(story[a as usize]),
            None => Err(ev.article.as_str()),
        })
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// Pushes the numbers of `edge`'s distinct articles after the first, in
/// evidence order, onto `more`; returns how many distinct articles it has.
fn push_more_articles(
    edge: &crate::graph::Edge,
    article_number: &rustc_hash::FxHashMap<&str, u32>,
    more: &mut Vec<u32>,
) -> usize {
    // A set, not a list: an edge stated by thousands of articles asked a
    // list of them about each of its pieces of evidence.
    let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
    for ev in &edge.evidence {
        if !seen.insert(&ev.article) {
            continue;
        }
        if seen.len() > 1 {
            if let Some(&a) = article_number.get(ev.article.as_str()) {
                more.push(a);
            }
        }
    }
    seen.len()
}

fn kind_rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Country => 0,
        EntityKind::Official => 1,
        _ => 2,
    }
}

/// Lower-case, accents folded, runs of spaces one space.
fn normalize(text: &str) -> String {
    fold(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `candidate` normalises to `wanted`, without allocating for the
/// common case of plain ASCII text.
fn same_name(candidate: &str, wanted: &str) -> bool {
    // Folding keeps an ASCII first letter: most candidates fail here, cheaply.
    let first = candidate.trim_start().bytes().next();
    if let (Some(c), Some(w)) = (first, wanted.bytes().next()) {
        if c.is_ascii() && !c.eq_ignore_ascii_case(&w) {
            return false;
        }
    }
    if candidate.is_ascii() && !candidate.contains("  ") {
        let c = candidate.trim();
        c.len() == wanted.len() && c.eq_ignore_ascii_case(wanted)
    } else {
        normalize(candidate) == wanted
    }
}

/// Sorts `nodes` stably and returns the order it took them in, for the columns
/// beside them to follow; `None` when they were sorted already.
fn sort_by_node(nodes: &mut Vec<u32>) -> Option<Vec<u32>> {
    if nodes.windows(2).all(|w| w[0] <= w[1]) {
        return None;
    }
    let mut order: Vec<u32> = (0..nodes.len() as u32).collect();
    order.sort_by_key(|&i| nodes[i as usize]);
    *nodes = order.iter().map(|&i| nodes[i as usize]).collect();
    Some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prints the column sizes of the snapshot of the store `KG_COLUMNS_STORE`.
    #[test]
    #[ignore = "a measurement: KG_COLUMNS_STORE=path cargo test column_sizes -- --ignored --nocapture"]
    fn column_sizes() {
        let Ok(store) = std::env::var("KG_COLUMNS_STORE") else {
            return;
        };
        let base = crate::store::snapshot::load_base(std::path::Path::new(&store), true)
            .expect("a snapshot");
        for (name, bytes) in base.index.column_bytes() {
            println!("{name:24} {bytes:>12}");
        }
    }

    /// Edges nearly all from one article keep their articles as the few
    /// that differ, whatever number the articles' ids give that one.
    #[test]
    fn the_article_most_edges_come_from_is_the_columns_default() {
        use crate::model::{Entity, Evidence};
        let mut kg = KnowledgeGraph::new();
        for (id, title) in [("b-import", "Imported"), ("a-article", "One article")] {
            kg.add_article(crate::graph::ArticleRecord {
                id: id.into(),
                path: format!("{id}.txt"),
                title: title.into(),
                date: None,
                text: String::new(),
                fingerprint: None,
            });
        }
        kg.upsert_entity(Entity::new(EntityKind::Country, "india", "India"));
        for i in 0..40 {
            let slug = format!("a{i}");
            kg.upsert_entity(Entity::new(EntityKind::Agreement, &slug, &slug));
            let article = if i == 7 { "a-article" } else { "b-import" };
            let evidence = Evidence {
                article: article.into(),
                sentence: format!("India is party to {slug}."),
                start: 0,
                end: 0,
            };
            let target = format!("agreement:{slug}");
            kg.add_relation(
                "country:india",
                RelationKind::PartyTo,
                &target,
                Default::default(),
                evidence,
            );
        }
        let g = GraphIndex::from_graph(&kg);
        assert_eq!(g.edge_article.values(), &[0], "one edge from article a");
        let from: Vec<&str> = (0..g.edge_count() as u32)
            .filter_map(|e| g.edge_article(e).map(|a| a.id.as_str()))
            .collect();
        assert_eq!(from.iter().filter(|&&a| a == "b-import").count(), 39);
        assert_eq!(from.iter().filter(|&&a| a == "a-article").count(), 1);
    }

    #[test]
    fn a_csv_row_is_told_without_writing_it() {
        let r = RelationKind::PartyTo;
        for (sentence, yes) in [
            ("country:a,agreement:x,party_to", true),
            ("country:a,agreement:x,party_tox", false),
            ("country:a,agreement:y,party_to", false),
            ("country:a;agreement:x,party_to", false),
            ("country:a,agreement:x;party_to", false),
            ("country:a,agreement:xparty_to", false),
            ("", false),
        ] {
            assert_eq!(
                is_csv_row(sentence, "country:a", "agreement:x", r),
                yes,
                "{sentence}"
            );
            assert_eq!(sentence == csv_row("country:a", "agreement:x", r), yes);
        }
        assert!(!is_csv_row("é,b,party_to", "é", "bb", r));
    }

    #[test]
    fn dates_pack_and_compare() {
        assert_eq!(pack_date("2014-09-01"), 20140901);
        assert_eq!(pack_date("2014-11"), 20141100);
        assert_eq!(pack_date("2014"), 20140000);
        assert_eq!(pack_date("someday"), 0);
        assert_eq!(pack_date("2014-13"), 20140000);
        assert_eq!(date_upper(20140000), 20149999);
        assert_eq!(date_upper(20141100), 20141199);
        assert_eq!(unpack_date(20141100).as_deref(), Some("2014-11"));
        assert_eq!(unpack_date(20140901).as_deref(), Some("2014-09-01"));
    }
}
