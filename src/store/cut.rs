//! Parts of the index as a [`KnowledgeGraph`]: an entity, an edge with its
//! evidence, an article as the store records them (what an answer's cut and
//! an ingest's cut are made of), and [`Cut::around`], the part of the graph a
//! batch of new articles can touch, so an ingest merges into that part
//! instead of reading the whole store.

use super::index::GraphIndex;
use crate::graph::{ArticleRecord, KnowledgeGraph};
use crate::model::{Attrs, Entity, EntityKind, Evidence, Extraction};
use petgraph::stable_graph::NodeIndex;
use std::collections::{BTreeSet, HashMap, HashSet};

impl GraphIndex {
    /// Entity `v` as the store holds it: id, kind, name, aliases, attributes.
    pub fn entity_record(&self, v: u32) -> Entity {
        Entity {
            id: self.id(v).to_string(),
            kind: self.kind(v),
            name: self.name(v).to_string(),
            aliases: self.aliases_of(v).into_iter().map(str::to_string).collect(),
            attrs: self
                .attrs(v)
                .map(|(k, value)| (k.to_string(), value.to_string()))
                .collect(),
        }
    }

    /// Article number `a` as the store records it, without its text (which
    /// the index does not keep).
    pub fn article_record(&self, a: u32) -> Option<ArticleRecord> {
        let article = self.articles().get(a as usize)?;
        Some(ArticleRecord {
            id: article.id.clone(),
            path: article.path.clone(),
            title: article.title.clone(),
            date: self.article_date(a as usize).map(str::to_string),
            text: String::new(),
            fingerprint: self.article_fingerprint(a),
        })
    }

    /// The evidence of edge `e` as the store holds it (without offsets, which
    /// the index does not keep), and the numbers of the articles it cites.
    pub fn evidence_records(&self, e: u32) -> (Vec<Evidence>, Vec<u32>) {
        let mut cited = Vec::new();
        let evidence = self
            .evidence(e)
            .into_iter()
            .map(|(a, sentence)| {
                let article = match a {
                    Some(a) => {
                        cited.push(a);
                        self.articles()[a as usize].id.clone()
                    }
                    None => String::new(),
                };
                Evidence {
                    article,
                    sentence,
                    start: 0,
                    end: 0,
                }
            })
            .collect();
        (evidence, cited)
    }

    /// The edges from an entity to itself, by entity (the adjacency leaves
    /// them out): one scan of the edge columns.
    pub fn self_loops(&self) -> HashMap<u32, Vec<u32>> {
        let mut by_node: HashMap<u32, Vec<u32>> = HashMap::new();
        for (e, (src, dst)) in (0u32..).zip(self.edge_ends()) {
            if src == dst {
                by_node.entry(src).or_default().push(e);
            }
        }
        by_node
    }
}

/// A [`KnowledgeGraph`] made of entities and edges of an index, each taken
/// once, with the articles their evidence cites.
pub struct Cut<'g> {
    g: &'g GraphIndex,
    /// The graph cut out so far.
    pub graph: KnowledgeGraph,
    nodes: HashMap<u32, NodeIndex>,
    edges: HashSet<u32>,
    articles: HashSet<u32>,
    /// With the store's own attributes (`true`), or with each edge's derived
    /// status as its `status` (what readers show).
    stored: bool,
    /// Each edge with the evidence of two of its articles at most, without
    /// sentences: what a merge reads of stored evidence (whether an event
    /// was told by more than one article) when the sentences were not read.
    sparse: bool,
}

impl<'g> Cut<'g> {
    /// An empty cut whose edges carry the attributes the store holds.
    pub fn stored(g: &'g GraphIndex) -> Cut<'g> {
        Cut::new(g, true)
    }

    /// An empty cut whose edges carry the status readers show
    /// ([`GraphIndex::edge_attrs_shown`]).
    pub fn shown(g: &'g GraphIndex) -> Cut<'g> {
        Cut::new(g, false)
    }

    fn new(g: &'g GraphIndex, stored: bool) -> Cut<'g> {
        Cut {
            g,
            graph: KnowledgeGraph::new(),
            nodes: HashMap::new(),
            edges: HashSet::new(),
            articles: HashSet::new(),
            stored,
            sparse: false,
        }
    }

    /// Adds entity `v`; its node in the cut.
    pub fn add_node(&mut self, v: u32) -> NodeIndex {
        if let Some(&ix) = self.nodes.get(&v) {
            return ix;
        }
        let (ix, _) = self.graph.upsert_entity(self.g.entity_record(v));
        self.nodes.insert(v, ix);
        ix
    }

    /// Adds edge `e`, its ends, its evidence and the articles it cites;
    /// whether it was new to the cut.
    pub fn add_edge(&mut self, e: u32) -> bool {
        if !self.edges.insert(e) {
            return false;
        }
        let g = self.g;
        let edge = g.edge(e);
        self.add_node(edge.src);
        self.add_node(edge.dst);
        let attrs: Attrs = if self.stored {
            g.edge_attrs(e)
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        } else {
            g.edge_attrs_shown(e)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let (evidence, cited) = match self.sparse {
            true => sparse_evidence(g, e),
            false => g.evidence_records(e),
        };
        for a in cited {
            self.add_article(a);
        }
        let (s, t) = (g.id(edge.src), g.id(edge.dst));
        self.graph
            .add_relation_verbatim(s, edge.relation, t, attrs, evidence);
        true
    }

    /// Adds article number `a` with its story (named by its first article).
    pub fn add_article(&mut self, a: u32) {
        if !self.articles.insert(a) {
            return;
        }
        let Some(record) = self.g.article_record(a) else {
            return;
        };
        let id = record.id.clone();
        self.graph.add_article(record);
        let story = self.g.article_story(a);
        if let Some(first) = self.g.articles().get(story as usize) {
            self.graph.set_story(&id, &first.id);
        }
    }

    /// The graph cut out, and which entities and edges of the index it took
    /// (by number).
    pub fn into_parts(self) -> (KnowledgeGraph, Vec<bool>, Vec<bool>) {
        let mut nodes = vec![false; self.g.node_count()];
        for &v in self.nodes.keys() {
            nodes[v as usize] = true;
        }
        let mut edges = vec![false; self.g.edge_count()];
        for &e in &self.edges {
            edges[e as usize] = true;
        }
        (self.graph, nodes, edges)
    }

    /// The whole index as a graph: every entity, edge and article, as the
    /// store holds them (without evidence offsets and article texts), which
    /// is what a merge and the index read of a graph.
    pub fn whole(g: &'g GraphIndex) -> KnowledgeGraph {
        let mut cut = Cut::stored(g);
        for v in 0..g.node_count() as u32 {
            cut.add_node(v);
        }
        for e in 0..g.edge_count() as u32 {
            cut.add_edge(e);
        }
        for a in 0..g.articles().len() as u32 {
            cut.add_article(a);
        }
        cut.graph
    }

    /// The part of the index that merging `extractions` can touch, as a
    /// graph to merge them into: the entities they name, every entity that
    /// shares a fold bucket with one of those (a surname with its official,
    /// an acronym with its agreement, a milestone with those of its kind and
    /// year, [`KnowledgeGraph::fold_buckets`]), every edge of those that
    /// fold (officials, agreements, milestones) with its other end, and the
    /// edges among all of them. What a merge reads of the graph (a node by
    /// id, an edge by its ends, the shapes folds compare, the edges a fold
    /// moves, the articles an event was told by) lies within it, so the merge
    /// adds to the cut what it would add to the whole graph; a country's
    /// tens of thousands of edges to entities the batch does not name stay
    /// out. `more` names further entities to take with every edge (those the
    /// user's curation decisions name, which may move a country's edges).
    ///
    /// Without `sentences` (an index read without them) each edge keeps the
    /// evidence of two of its articles at most, without sentences: all a
    /// merge reads of stored evidence is whether an event was told by more
    /// than one article, and a rule that needs the sentences asks for them
    /// ([`KnowledgeGraph::wanted_sentences`]).
    pub fn around(
        g: &'g GraphIndex,
        extractions: &[&Extraction],
        more: &[String],
        sentences: bool,
    ) -> Cut<'g> {
        let mut named: BTreeSet<&str> = more.iter().map(String::as_str).collect();
        let mut wanted: BTreeSet<String> = BTreeSet::new();
        for x in extractions {
            for e in &x.entities {
                named.insert(&e.id);
                wanted.extend(KnowledgeGraph::fold_buckets(e));
            }
            for r in &x.relations {
                named.insert(&r.source);
                named.insert(&r.target);
            }
        }
        let mut seeds: Vec<u32> = named.iter().filter_map(|id| g.lookup(id)).collect();
        for &v in &seeds {
            wanted.extend(KnowledgeGraph::fold_buckets(&g.entity_record(v)));
        }
        seeds.extend(bucket_mates(g, &wanted));
        let taken: HashSet<u32> = seeds.iter().copied().collect();
        let whole: HashSet<u32> = more.iter().filter_map(|id| g.lookup(id)).collect();
        let loops = g.self_loops();
        let mut cut = Cut::stored(g);
        cut.sparse = !sentences;
        for v in seeds {
            cut.add_node(v);
            let all = whole.contains(&v) || crate::graph::folds(g.kind(v));
            for i in g.links(v) {
                let (other, e) = g.link(i);
                if all || taken.contains(&other) {
                    cut.add_edge(e);
                }
            }
            for &e in loops.get(&v).into_iter().flatten() {
                cut.add_edge(e);
            }
        }
        cut
    }
}

/// The evidence of edge `e` from two of its articles at most (the first
/// two distinct, in order), without sentences, and those articles.
fn sparse_evidence(g: &GraphIndex, e: u32) -> (Vec<Evidence>, Vec<u32>) {
    let mut kept: Vec<Option<u32>> = Vec::with_capacity(2);
    for a in g.evidence_articles(e) {
        if kept.len() == 2 {
            break;
        }
        if !kept.contains(&a) {
            kept.push(a);
        }
    }
    let evidence = kept
        .iter()
        .map(|a| Evidence {
            article: a.map_or_else(String::new, |a| g.articles()[a as usize].id.clone()),
            sentence: String::new(),
            start: 0,
            end: 0,
        })
        .collect();
    (evidence, kept.into_iter().flatten().collect())
}

/// The entities of the index in one of the fold buckets `wanted`: one pass
/// over the entities, each asked first by what its bucket key would be made
/// of (an official's first and last word, a milestone's kind and year)
/// without making the key, so a store of millions is scanned in a blink.
fn bucket_mates(g: &GraphIndex, wanted: &BTreeSet<String>) -> Vec<u32> {
    if wanted.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = wanted.iter().filter_map(|b| b.strip_prefix("o:")).collect();
    let events: Vec<(&str, &str)> = wanted
        .iter()
        .filter_map(|b| b.strip_prefix("m:")?.rsplit_once(':'))
        .collect();
    let acronyms: BTreeSet<&str> = wanted.iter().filter_map(|b| b.strip_prefix("a:")).collect();
    let shares = |v: u32| {
        KnowledgeGraph::fold_buckets_of(g.kind(v), g.name(v), |key| g.attr(v, key))
            .iter()
            .any(|b| wanted.contains(b))
    };
    let mut initials = String::new();
    (0..g.node_count() as u32)
        .filter(|&v| match g.kind(v) {
            EntityKind::Official => may_share_a_word(g.name(v), &words) && shares(v),
            EntityKind::Milestone => {
                let kind = g.attr(v, "kind").unwrap_or("");
                let date = g.attr(v, "date").unwrap_or("");
                events
                    .iter()
                    .any(|&(k, y)| k == kind && date.chars().take(4).eq(y.chars()))
            }
            EntityKind::Agreement => {
                !acronyms.is_empty() && agreement_shares(g, v, &acronyms, &mut initials)
            }
            _ => false,
        })
        .collect()
}

/// Whether agreement `v` has one of `acronyms` among its buckets (its
/// initials, its acronym, or its name when that is an acronym), as
/// [`KnowledgeGraph::fold_buckets_of`] makes them, with no allocation per
/// agreement: `initials` is a buffer for the scan to reuse.
fn agreement_shares(
    g: &GraphIndex,
    v: u32,
    acronyms: &BTreeSet<&str>,
    initials: &mut String,
) -> bool {
    let name = g.name(v);
    crate::graph::initials_into(name, initials);
    acronyms.contains(initials.as_str())
        || g.attr(v, "acronym").is_some_and(|a| acronyms.contains(a))
        || (crate::graph::is_acronym(name) && acronyms.contains(name.trim()))
}

/// Whether an official's name may share a bucket with one of `words` (the
/// lower-cased first or last words of names): false only when it surely
/// does not (an ASCII name, which folding leaves as it is, whose first and
/// last words are none of them).
fn may_share_a_word(name: &str, words: &[&str]) -> bool {
    if !name.is_ascii() {
        return true;
    }
    let mut parts = name.split_whitespace();
    let ends = [parts.next(), parts.next_back()];
    ends.into_iter()
        .flatten()
        .any(|end| words.iter().any(|w| end.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The graph of the shipped articles and the own test articles.
    fn articles_graph() -> KnowledgeGraph {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [root.join("data/articles"), root.join("tests/fixtures/eval")];
        let files = crate::article::collect(&dirs).expect("articles");
        let extractor = crate::extract::Extractor::shared().expect("extractor");
        let mut kg = KnowledgeGraph::new();
        for file in files {
            let a = crate::article::read(&file, None).expect("article");
            let extraction = extractor.extract(&a);
            kg.merge(extraction, crate::ingest::record_of(a));
        }
        kg
    }

    /// The quick scan finds exactly the entities whose buckets, made in
    /// full, meet the wanted ones: for each entity's own buckets, and for
    /// a non-ASCII name.
    #[test]
    fn bucket_mates_are_those_a_full_scan_finds() {
        let mut kg = articles_graph();
        let mut eluard = Entity::new(EntityKind::Official, "paul-eluard", "Paul Éluard");
        eluard.add_alias("Éluard");
        kg.upsert_entity(eluard);
        let g = GraphIndex::from_graph(&kg);
        let full = |wanted: &BTreeSet<String>| -> Vec<u32> {
            (0..g.node_count() as u32)
                .filter(|&v| {
                    KnowledgeGraph::fold_buckets(&g.entity_record(v))
                        .iter()
                        .any(|b| wanted.contains(b))
                })
                .collect()
        };
        let mut asked = 0;
        for v in 0..g.node_count() as u32 {
            let wanted: BTreeSet<String> = KnowledgeGraph::fold_buckets(&g.entity_record(v))
                .into_iter()
                .collect();
            if wanted.is_empty() {
                continue;
            }
            asked += 1;
            assert_eq!(bucket_mates(&g, &wanted), full(&wanted), "{}", g.id(v));
        }
        assert!(asked > 50, "{asked} entities with buckets");
        let eluard: BTreeSet<String> = ["o:eluard".to_string()].into();
        assert_eq!(bucket_mates(&g, &eluard).len(), 1);
    }
}
