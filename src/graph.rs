//! The knowledge graph: a petgraph graph of typed entities and evidenced relations,
//! merged across articles by entity id; [`identity`] decides which nodes are
//! one thing and what a node says when articles disagree; [`curation`] takes
//! the user's corrections (merges, rejected relations, removed aliases).

mod curation;
mod identity;

pub use curation::{Curation, Merge, Rejected, Unaliased};
pub(crate) use identity::{folds, initials, initials_into, is_acronym};

use crate::model::{Attrs, Entity, EntityKind, Evidence, Extraction, RelationKind, Status};
use crate::stories::Fingerprint;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use petgraph::Direction;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One relation between two nodes, with every sentence that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    pub relation: RelationKind,
    #[serde(default)]
    pub attrs: Attrs,
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// How many distinct articles back this edge.
    pub fn article_count(&self) -> usize {
        let mut ids: Vec<&str> = self.evidence.iter().map(|e| e.article.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// An ingested article: what the store keeps to show sources and detect re-ingests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// Prefix of the SHA-256 of the text: the same text is the same article.
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub text: String,
    /// The MinHash of the text ([`crate::stories`]), by which syndicated
    /// copies count as one story; `None` for a text without words, and until
    /// [`KnowledgeGraph::add_article`] computes it (records of older stores).
    #[serde(default)]
    pub fingerprint: Option<Fingerprint>,
}

/// Where an article's facts came from: the extractor that made them and the
/// entities the article yielded, so that forgetting it can remove what only it
/// supported. Kept beside [`ArticleRecord`], keyed by article id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The [`crate::store::extractor_fingerprint`] of the build that extracted
    /// the article; empty when unrecorded (stores of schema version 1).
    pub extractor: String,
    /// Ids of the entities the article yielded, relation ends or not.
    pub entities: BTreeSet<String>,
}

/// What forgetting articles removed, for `kg forget`'s summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForgetSummary {
    pub articles: usize,
    pub entities: usize,
    pub relations: usize,
    pub evidence: usize,
}

/// What one merge added, for `kg ingest`'s summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub new_entities: usize,
    pub new_relations: usize,
    pub new_evidence: usize,
}

/// Entities as nodes, relations as edges; ids are the model's `kind:slug`, never `NodeIndex`.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Entity, Edge>,
    // Lookups only, never iterated: a fast hash, as a large store holds millions.
    by_id: FxHashMap<String, NodeIndex>,
    edge_by_key: FxHashMap<(NodeIndex, RelationKind, NodeIndex), EdgeIndex>,
    articles: BTreeMap<String, ArticleRecord>,
    provenance: BTreeMap<String, Provenance>,
    /// Article id → the id of its story's first article, for the articles
    /// that share a story: what a cut of the index is given
    /// ([`crate::query::answer::Local`]); empty in a graph read from the
    /// store, whose stories the index groups ([`crate::stories`]).
    stories: BTreeMap<String, String>,
    /// A graph whose stored evidence came without its sentences (a cut of
    /// an index read without them): a rule that must read them does not
    /// act and says so in `wanted_sentences`.
    without_sentences: bool,
    wanted_sentences: bool,
}

/// The edges a batch gave evidence without sorting it, each with its number
/// of pieces before the batch.
type Unsorted = BTreeMap<EdgeIndex, usize>;

/// Where a piece of evidence sorts among an edge's: earliest reported first
/// (undated last), then by article, place and sentence; borrowed, as every
/// merge of a relation stated again asks it about a dozen times.
fn evidence_order<'a>(
    articles: &'a BTreeMap<String, ArticleRecord>,
    ev: &'a Evidence,
) -> (bool, Option<&'a str>, &'a str, usize, usize, &'a str) {
    let date = articles.get(&ev.article).and_then(|a| a.date.as_deref());
    let (start, end) = (ev.start, ev.end);
    (date.is_none(), date, &ev.article, start, end, &ev.sentence)
}

/// Each article's place in [`evidence_order`] (by date, undated last, then
/// by id), by its id: a batch's sort compares two pieces' articles as two
/// numbers, not as two dates and two ids (most of its time was those
/// string comparisons).
type Ranks<'a> = FxHashMap<&'a str, u32>;

/// The [`Ranks`] of `articles`.
fn ranks(articles: &BTreeMap<String, ArticleRecord>) -> Ranks<'_> {
    let mut ordered: Vec<(bool, Option<&str>, &str)> = articles
        .iter()
        .map(|(id, a)| (a.date.is_none(), a.date.as_deref(), id.as_str()))
        .collect();
    ordered.sort_unstable();
    ordered
        .into_iter()
        .enumerate()
        .map(|(rank, (_, _, id))| (id, rank as u32))
        .collect()
}

/// Sorts one edge's `evidence` by [`evidence_order`] and drops pieces given
/// twice (the same key is the same evidence; of pieces alike, the earliest
/// stays), with one look-up of each piece's article: its rank in `ranks`,
/// which orders pieces as their articles' dates and ids do. (A piece of an
/// article the graph does not hold, which no merge makes, is sorted by
/// [`evidence_order`] itself.)
fn sort_pieces(
    ranks: &Ranks,
    articles: &BTreeMap<String, ArticleRecord>,
    evidence: &mut Vec<Evidence>,
) {
    let ranked: Option<Vec<_>> = evidence
        .iter()
        .enumerate()
        .map(|(i, ev)| {
            let rank = *ranks.get(ev.article.as_str())?;
            Some(((rank, ev.start, ev.end, ev.sentence.as_str()), i))
        })
        .collect();
    let order: Vec<usize> = match ranked {
        Some(mut keyed) => {
            // By key, then by place.
            keyed.sort_unstable();
            keyed.dedup_by(|later, kept| later.0 == kept.0);
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        None => {
            let mut keyed: Vec<_> = evidence
                .iter()
                .enumerate()
                .map(|(i, ev)| (evidence_order(articles, ev), i))
                .collect();
            keyed.sort_unstable();
            keyed.dedup_by(|later, kept| later.0 == kept.0);
            keyed.into_iter().map(|(_, i)| i).collect()
        }
    };
    let mut given: Vec<Option<Evidence>> = std::mem::take(evidence).into_iter().map(Some).collect();
    *evidence = order.into_iter().filter_map(|i| given[i].take()).collect();
}

impl KnowledgeGraph {
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    /// Makes room for `nodes` more entities and `edges` more relations.
    pub fn reserve(&mut self, nodes: usize, edges: usize) {
        self.graph.reserve_nodes(nodes);
        self.graph.reserve_edges(edges);
        self.by_id.reserve(nodes);
        self.edge_by_key.reserve(edges);
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The underlying petgraph graph, for algorithms and exports.
    pub fn petgraph(&self) -> &StableDiGraph<Entity, Edge> {
        &self.graph
    }

    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.index_of(id).map(|ix| &self.graph[ix])
    }

    pub fn entity_at(&self, ix: NodeIndex) -> &Entity {
        &self.graph[ix]
    }

    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.graph.node_weights()
    }

    /// Every edge as (source, edge, target).
    pub fn edges(&self) -> impl Iterator<Item = (&Entity, &Edge, &Entity)> {
        self.graph
            .edge_references()
            .map(move |e| (&self.graph[e.source()], e.weight(), &self.graph[e.target()]))
    }

    /// Edges touching `ix` in either direction: (edge, the other node, whether `ix` is the source).
    pub fn incident(&self, ix: NodeIndex) -> impl Iterator<Item = (&Edge, NodeIndex, bool)> {
        let out = self
            .graph
            .edges_directed(ix, Direction::Outgoing)
            .map(|e| (e.weight(), e.target(), true));
        let inc = self
            .graph
            .edges_directed(ix, Direction::Incoming)
            .map(|e| (e.weight(), e.source(), false));
        out.chain(inc)
    }

    /// The edge `source —relation→ target` as stored (a symmetric relation
    /// from the smaller id), if there is one.
    pub fn edge_between(
        &self,
        source: &str,
        relation: RelationKind,
        target: &str,
    ) -> Option<&Edge> {
        let key = (self.index_of(source)?, relation, self.index_of(target)?);
        self.edge_by_key.get(&key).map(|&e| &self.graph[e])
    }

    pub fn articles(&self) -> impl Iterator<Item = &ArticleRecord> {
        self.articles.values()
    }

    pub fn article(&self, id: &str) -> Option<&ArticleRecord> {
        self.articles.get(id)
    }

    pub fn has_article(&self, id: &str) -> bool {
        self.articles.contains_key(id)
    }

    /// Adds the article's record, with its text's fingerprint when it has none.
    pub fn add_article(&mut self, mut record: ArticleRecord) {
        if record.fingerprint.is_none() && !record.text.is_empty() {
            record.fingerprint = Fingerprint::of(&record.text);
        }
        self.articles.insert(record.id.clone(), record);
    }

    /// Puts `article` in the story named `story` (the id of its first article).
    pub fn set_story(&mut self, article: &str, story: &str) {
        if article != story {
            self.stories.insert(article.to_string(), story.to_string());
        }
    }

    /// The story `article` belongs to: the id of its first article, the
    /// article itself when no copy of it was set ([`KnowledgeGraph::set_story`]).
    pub fn story_of<'a>(&'a self, article: &'a str) -> &'a str {
        self.stories.get(article).map_or(article, String::as_str)
    }

    /// How many distinct stories state `edge`: its articles, copies of one
    /// story counted once.
    pub fn story_count(&self, edge: &Edge) -> usize {
        let mut ids: Vec<&str> = edge
            .evidence
            .iter()
            .map(|e| self.story_of(&e.article))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// Adds the entity, or joins it into the node with its id: the better
    /// name, the other names as aliases, each attribute as
    /// [`identity::join_attr`] decides, whichever came first.
    pub fn upsert_entity(&mut self, mut entity: Entity) -> (NodeIndex, bool) {
        if let Some(&ix) = self.by_id.get(&entity.id) {
            identity::join_entity(&mut self.graph[ix], entity);
            (ix, false)
        } else {
            let forms = std::mem::take(&mut entity.aliases);
            entity.aliases = identity::canonical_aliases(&entity.name, forms);
            let id = entity.id.clone();
            let ix = self.graph.add_node(entity);
            self.by_id.insert(id, ix);
            (ix, true)
        }
    }

    /// Adds a relation between two existing ids; a relation seen again keeps both evidences.
    /// Returns `None` when an end is unknown.
    pub fn add_relation(
        &mut self,
        source: &str,
        relation: RelationKind,
        target: &str,
        attrs: Attrs,
        evidence: Evidence,
    ) -> Option<(bool, bool)> {
        self.add_relation_in(source, relation, target, attrs, evidence, None)
    }

    /// [`KnowledgeGraph::add_relation`]; given `unsorted`, the evidence is
    /// only pushed, the edge noted there, and said to be new (see
    /// [`KnowledgeGraph::sort_evidence`]).
    fn add_relation_in(
        &mut self,
        source: &str,
        relation: RelationKind,
        target: &str,
        attrs: Attrs,
        evidence: Evidence,
        unsorted: Option<&mut Unsorted>,
    ) -> Option<(bool, bool)> {
        let mut s = self.index_of(source)?;
        let mut t = self.index_of(target)?;
        if relation.is_symmetric() && self.graph[t].id < self.graph[s].id {
            std::mem::swap(&mut s, &mut t);
        }
        let key = (s, relation, t);
        if let Some(&e) = self.edge_by_key.get(&key) {
            let edge = &mut self.graph[e];
            let status = Status::of_attr(edge.attrs.get("status").map(String::as_str))
                .most_certain(Status::of_attr(attrs.get("status").map(String::as_str)));
            for (k, v) in attrs.into_iter().filter(|(k, _)| k != "status") {
                let joined = match edge.attrs.get(&k) {
                    Some(old) => identity::join_attr(&k, old, &v),
                    None => v,
                };
                edge.attrs.insert(k, joined);
            }
            // An edge without a status states a fact: absent is held.
            match status {
                Status::Held => edge.attrs.remove("status"),
                status => edge.attrs.insert("status".into(), status.as_str().into()),
            };
            if let Some(unsorted) = unsorted {
                unsorted.entry(e).or_insert(edge.evidence.len());
                edge.evidence.push(evidence);
                return Some((false, true));
            }
            // Evidence kept sorted, earliest reported first: the same set is
            // the same list, whatever order the articles came in.
            let articles = &self.articles;
            let wanted = evidence_order(articles, &evidence);
            let found = edge
                .evidence
                .binary_search_by(|ev| evidence_order(articles, ev).cmp(&wanted));
            return match found {
                Ok(_) => Some((false, false)),
                Err(at) => {
                    edge.evidence.insert(at, evidence);
                    Some((false, true))
                }
            };
        }
        let e = self.graph.add_edge(
            s,
            t,
            Edge {
                relation,
                attrs,
                evidence: vec![evidence],
            },
        );
        self.edge_by_key.insert(key, e);
        if let Some(unsorted) = unsorted {
            unsorted.insert(e, 0);
        }
        Some((true, true))
    }

    /// The evidence of each edge in `unsorted` sorted as
    /// [`KnowledgeGraph::add_relation`] keeps it, and pieces given twice
    /// dropped (the same key is the same evidence): the list inserting them
    /// one by one makes, with one look-up of each piece's article (its
    /// [`Ranks`]) instead of a dozen, each edge's on any core. Returns how
    /// many pieces are new.
    fn sort_evidence(&mut self, unsorted: Unsorted) -> usize {
        let mut taken: Vec<(EdgeIndex, Vec<Evidence>, usize)> = unsorted
            .into_iter()
            .filter_map(|(e, before)| {
                let edge = self.graph.edge_weight_mut(e)?;
                Some((e, std::mem::take(&mut edge.evidence), before))
            })
            .collect();
        let articles = &self.articles;
        let ranks = ranks(articles);
        taken
            .par_iter_mut()
            .for_each(|(_, evidence, _)| sort_pieces(&ranks, articles, evidence));
        let mut new = 0;
        for (e, evidence, before) in taken {
            new += evidence.len().saturating_sub(before);
            if let Some(edge) = self.graph.edge_weight_mut(e) {
                edge.evidence = evidence;
            }
        }
        new
    }

    /// Adds a relation with its evidence as given, duplicates kept: an edge
    /// rebuilt from the snapshot, whose evidence has no offsets to tell apart
    /// two statements of the same sentence in one article.
    pub(crate) fn add_relation_verbatim(
        &mut self,
        source: &str,
        relation: RelationKind,
        target: &str,
        attrs: Attrs,
        evidence: Vec<Evidence>,
    ) {
        let (Some(s), Some(t)) = (self.index_of(source), self.index_of(target)) else {
            return;
        };
        let key = (s, relation, t);
        if self.edge_by_key.contains_key(&key) {
            return;
        }
        let e = self.graph.add_edge(
            s,
            t,
            Edge {
                relation,
                attrs,
                evidence,
            },
        );
        self.edge_by_key.insert(key, e);
    }

    /// Merges one article's extraction; the caller decides whether the article is new.
    pub fn merge(&mut self, extraction: Extraction, record: ArticleRecord) -> MergeSummary {
        let mut seeds = BTreeSet::new();
        let summary = self.merge_unsettled(extraction, record, &mut seeds, None);
        identity::settle(self, seeds);
        summary
    }

    /// Adds one article's entities and relations, joined into the nodes of
    /// their ids, before any fold: `seeds` gathers the ids it touched, for
    /// [`identity::settle`] to look around. Given `unsorted`, evidence is
    /// added unsorted ([`KnowledgeGraph::add_relation_in`]).
    fn merge_unsettled(
        &mut self,
        extraction: Extraction,
        record: ArticleRecord,
        seeds: &mut BTreeSet<String>,
        mut unsorted: Option<&mut Unsorted>,
    ) -> MergeSummary {
        let mut summary = MergeSummary::default();
        let article_id = record.id.clone();
        let article_date = record.date.clone();
        self.add_article(record);
        for entity in extraction.entities {
            seeds.insert(entity.id.clone());
            let title = (entity.kind == EntityKind::Official)
                .then(|| entity.attrs.get("title").cloned())
                .flatten();
            let (ix, new) = self.upsert_entity(entity);
            summary.new_entities += usize::from(new);
            if let Some(title) = title {
                self.record_title(ix, &title, article_date.as_deref());
            }
        }
        for relation in extraction.relations {
            let mut evidence = relation.evidence;
            evidence.article = article_id.clone();
            seeds.insert(relation.source.clone());
            seeds.insert(relation.target.clone());
            if let Some((new_edge, new_evidence)) = self.add_relation_in(
                &relation.source,
                relation.relation,
                &relation.target,
                relation.attrs,
                evidence,
                unsorted.as_deref_mut(),
            ) {
                summary.new_relations += usize::from(new_edge);
                summary.new_evidence += usize::from(new_evidence);
            }
        }
        summary
    }

    /// Keeps an official's titles with the date each was first reported, so a
    /// minister who becomes prime minister has both: `titles` lists them,
    /// latest first, `title` is the latest; a vaguer form ("Minister" of
    /// "Foreign Minister") is no new title.
    fn record_title(&mut self, ix: NodeIndex, title: &str, date: Option<&str>) {
        let entry = match date {
            Some(d) => format!("{title} ({d})"),
            None => title.to_string(),
        };
        let node = &mut self.graph[ix];
        let before = [node.attrs.get("titles"), node.attrs.get("title")];
        let (list, current) = identity::join_titles(
            before
                .into_iter()
                .flatten()
                .map(String::as_str)
                .chain([entry.as_str()]),
        );
        node.attrs.insert("title".into(), current);
        node.attrs.insert("titles".into(), list);
    }

    /// Makes node `from` part of node `to`: its names, attributes, titles and
    /// relations (their evidence kept) join `to`'s, and every provenance that
    /// named it names `to`.
    fn fold_into(&mut self, from: &str, to: &str) {
        let (Some(f), Some(t)) = (self.index_of(from), self.index_of(to)) else {
            return;
        };
        let mut moved: Vec<(NodeIndex, RelationKind, NodeIndex, Edge)> = Vec::new();
        let edges: Vec<EdgeIndex> = self
            .graph
            .edges_directed(f, Direction::Outgoing)
            .chain(self.graph.edges_directed(f, Direction::Incoming))
            .map(|e| e.id())
            .collect();
        for e in edges {
            let Some((s, d)) = self.graph.edge_endpoints(e) else {
                continue;
            };
            let Some(edge) = self.graph.remove_edge(e) else {
                continue;
            };
            self.edge_by_key.remove(&(s, edge.relation, d));
            let swap = |n: NodeIndex| if n == f { t } else { n };
            moved.push((swap(s), edge.relation, swap(d), edge));
        }
        let Some(entity) = self.graph.remove_node(f) else {
            return;
        };
        self.by_id.remove(from);
        let titles = entity.attrs.get("titles").cloned();
        let node = &mut self.graph[t];
        identity::join_entity(node, entity);
        if let Some(titles) = titles {
            let before = [node.attrs.get("titles"), node.attrs.get("title")];
            let (list, current) = identity::join_titles(
                before
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .chain([titles.as_str()]),
            );
            node.attrs.insert("title".into(), current);
            node.attrs.insert("titles".into(), list);
        }
        for (s, relation, d, edge) in moved {
            if s == d {
                continue;
            }
            let (s, d) = (self.graph[s].id.clone(), self.graph[d].id.clone());
            for evidence in edge.evidence {
                self.add_relation(&s, relation, &d, edge.attrs.clone(), evidence);
            }
        }
        for p in self.provenance.values_mut() {
            if p.entities.remove(from) {
                p.entities.insert(to.to_string());
            }
        }
    }

    /// Marks the graph's evidence as read without its sentences (see
    /// [`KnowledgeGraph::wanted_sentences`]).
    pub(crate) fn mark_without_sentences(&mut self) {
        self.without_sentences = true;
    }

    /// Whether a merge into a graph marked without sentences needed them
    /// (an official with two countries, told apart by which sentences name
    /// them in full), and left that undecided: the merge must be made again
    /// on the graph with its sentences.
    pub(crate) fn wanted_sentences(&self) -> bool {
        self.wanted_sentences
    }

    /// An official given two countries, one only by sentences that do not
    /// name them in full ("Brazilian Minister Adebayo", read as the Nigerian
    /// Musa Adebayo), keeps the countries their full name is given with.
    fn drop_conflicting_represents(&mut self, id: &str) {
        let Some(ix) = self.index_of(id) else { return };
        let name = self.graph[ix].name.clone();
        if self.graph[ix].kind != EntityKind::Official || name.split_whitespace().count() < 2 {
            return;
        }
        let represents: Vec<(EdgeIndex, bool)> = self
            .graph
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| e.weight().relation == RelationKind::Represents)
            .map(|e| {
                let named = e
                    .weight()
                    .evidence
                    .iter()
                    .any(|ev| ev.sentence.contains(&name));
                (e.id(), named)
            })
            .collect();
        if represents.len() >= 2 && self.without_sentences {
            self.wanted_sentences = true;
            return;
        }
        if represents.len() < 2 || !represents.iter().any(|(_, named)| *named) {
            return;
        }
        for (e, named) in represents {
            if named {
                continue;
            }
            if let Some((s, d)) = self.graph.edge_endpoints(e) {
                self.edge_by_key.remove(&(s, RelationKind::Represents, d));
            }
            self.graph.remove_edge(e);
        }
        let countries: Vec<String> = self
            .graph
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| e.weight().relation == RelationKind::Represents)
            .map(|e| self.graph[e.target()].name.clone())
            .collect();
        if let [country] = countries.as_slice() {
            self.graph[ix]
                .attrs
                .insert("country".into(), country.clone());
        }
    }
}

/// Provenance: which extractor made each article's facts, merging with it
/// recorded, and forgetting an article with every fact only it supported.
impl KnowledgeGraph {
    /// The provenance recorded for an article, if any.
    pub fn provenance(&self, article: &str) -> Option<&Provenance> {
        self.provenance.get(article)
    }

    /// Records (or replaces) an article's provenance.
    pub fn set_provenance(&mut self, article: &str, provenance: Provenance) {
        self.provenance.insert(article.to_string(), provenance);
    }

    /// [`KnowledgeGraph::merge`], recording that `extractor` made the article's
    /// facts and which of its entities the graph now holds.
    pub fn merge_recorded(
        &mut self,
        extraction: Extraction,
        record: ArticleRecord,
        extractor: &str,
    ) -> MergeSummary {
        self.merge_all_recorded([(extraction, record)], extractor)
    }

    /// The buckets an entity can fold within ([`identity`]): two entities
    /// that share none are never one thing.
    pub fn fold_buckets(e: &Entity) -> Vec<String> {
        identity::buckets(e)
    }

    /// [`KnowledgeGraph::fold_buckets`] of an entity given by its kind, name
    /// and attributes (`attr` reads one).
    pub fn fold_buckets_of<'a>(
        kind: EntityKind,
        name: &str,
        attr: impl Fn(&str) -> Option<&'a str>,
    ) -> Vec<String> {
        identity::buckets_of(kind, name, attr)
    }

    /// Whether merging `extractions` as a batch could make a fold made
    /// before it ambiguous ([`identity::may_unfold`]), which only merging
    /// every article again as one batch undoes.
    pub fn may_unfold(&self, extractions: &[&Extraction]) -> bool {
        identity::may_unfold(self, extractions)
    }

    /// [`KnowledgeGraph::merge_recorded`] of several articles, folded once
    /// when all are in ([`identity::settle`]): a batch gives the graph of its
    /// set of articles, whatever their order, even where a fold one article
    /// at a time would have been made before its second candidate came.
    pub fn merge_all_recorded(
        &mut self,
        articles: impl IntoIterator<Item = (Extraction, ArticleRecord)>,
        extractor: &str,
    ) -> MergeSummary {
        let mut total = MergeSummary::default();
        let mut seeds = BTreeSet::new();
        let mut unsorted = Unsorted::new();
        let before = (self.graph.node_count(), self.graph.edge_count());
        for (extraction, record) in articles {
            let article = record.id.clone();
            let mut entities: BTreeSet<String> =
                extraction.entities.iter().map(|e| e.id.clone()).collect();
            for r in &extraction.relations {
                entities.insert(r.source.clone());
                entities.insert(r.target.clone());
            }
            let summary = self.merge_unsettled(extraction, record, &mut seeds, Some(&mut unsorted));
            total.new_entities += summary.new_entities;
            total.new_relations += summary.new_relations;
            entities.retain(|id| self.by_id.contains_key(id));
            self.set_provenance(
                &article,
                Provenance {
                    extractor: extractor.to_string(),
                    entities,
                },
            );
        }
        total.new_evidence = self.sort_evidence(unsorted);
        // Folds rename the ids every provenance names.
        identity::settle(self, seeds);
        // What the batch added is what the graph holds now that it did not:
        // a node folded into another was never a new one.
        total.new_entities = self.graph.node_count().saturating_sub(before.0);
        total.new_relations = self.graph.edge_count().saturating_sub(before.1);
        total
    }

    /// Removes an article and every fact only it supported: its evidence, the
    /// relations left without evidence, and the entities it touched that are
    /// left with no relation and no other article. Names, aliases and
    /// attributes it added to entities that stay are kept. `None` when the
    /// graph does not hold the article.
    pub fn forget_article(&mut self, id: &str) -> Option<ForgetSummary> {
        self.articles.remove(id)?;
        self.stories.remove(id);
        let mut summary = ForgetSummary {
            articles: 1,
            ..ForgetSummary::default()
        };
        let mut touched: BTreeSet<NodeIndex> = self
            .provenance
            .remove(id)
            .map(|p| p.entities)
            .unwrap_or_default()
            .iter()
            .filter_map(|e| self.index_of(e))
            .collect();
        let edges: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        for e in edges {
            let edge = &mut self.graph[e];
            let before = edge.evidence.len();
            edge.evidence.retain(|ev| ev.article != id);
            let removed = before - edge.evidence.len();
            if removed == 0 {
                continue;
            }
            summary.evidence += removed;
            if !edge.evidence.is_empty() {
                continue;
            }
            let relation = edge.relation;
            if let Some((s, t)) = self.graph.edge_endpoints(e) {
                touched.insert(s);
                touched.insert(t);
                self.edge_by_key.remove(&(s, relation, t));
            }
            self.graph.remove_edge(e);
            summary.relations += 1;
        }
        for ix in touched {
            let isolated = self.graph.neighbors_undirected(ix).next().is_none();
            let entity_id = self.graph[ix].id.clone();
            let mentioned = self
                .provenance
                .values()
                .any(|p| p.entities.contains(&entity_id));
            if isolated && !mentioned {
                self.graph.remove_node(ix);
                self.by_id.remove(&entity_id);
                summary.entities += 1;
            }
        }
        Some(summary)
    }
}

/// A relation's identity: source id, relation, target id.
pub type RelationKey = (String, RelationKind, String);

/// How one graph differs from another, for `kg reindex`: entities by id,
/// relations by (source, relation, target), evidence by its article and span.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphDiff {
    pub added_entities: Vec<String>,
    pub removed_entities: Vec<String>,
    /// Same id, another name, other aliases or other attributes.
    pub changed_entities: Vec<String>,
    pub added_relations: Vec<RelationKey>,
    pub removed_relations: Vec<RelationKey>,
    pub added_evidence: usize,
    pub removed_evidence: usize,
}

impl GraphDiff {
    /// What `new` has that `old` has not, and the reverse.
    pub fn between(old: &KnowledgeGraph, new: &KnowledgeGraph) -> GraphDiff {
        let mut diff = GraphDiff::default();
        let shape = |e: &Entity| {
            let mut aliases: Vec<String> = e.aliases.iter().map(|a| a.to_lowercase()).collect();
            aliases.sort();
            (e.name.clone(), aliases, e.attrs.clone())
        };
        for e in new.entities() {
            match old.entity(&e.id) {
                None => diff.added_entities.push(e.id.clone()),
                Some(before) if shape(before) != shape(e) => {
                    diff.changed_entities.push(e.id.clone())
                }
                Some(_) => {}
            }
        }
        for e in old.entities() {
            if new.entity(&e.id).is_none() {
                diff.removed_entities.push(e.id.clone());
            }
        }
        // Edge by edge, each looked up in the other graph by its key: no map
        // of every fact of both (a store of millions of relations held a copy
        // of each piece of evidence twice over).
        let (added, added_evidence) = relations_beyond(new, old);
        let (removed, removed_evidence) = relations_beyond(old, new);
        diff.added_relations = added;
        diff.added_evidence = added_evidence;
        diff.removed_relations = removed;
        diff.removed_evidence = removed_evidence;
        for list in [
            &mut diff.added_entities,
            &mut diff.removed_entities,
            &mut diff.changed_entities,
        ] {
            list.sort();
        }
        diff
    }

    /// True when the two graphs hold the same facts.
    pub fn is_empty(&self) -> bool {
        *self == GraphDiff::default()
    }
}

/// The relations of `g` that `other` has not (sorted by key), and the
/// pieces of evidence of `g` that `other` has not on the same relation
/// (each distinct piece once).
fn relations_beyond(g: &KnowledgeGraph, other: &KnowledgeGraph) -> (Vec<RelationKey>, usize) {
    // Each node of `g` as `other` numbers it: looked up once, not per edge.
    let mut there: Vec<Option<NodeIndex>> = vec![None; g.graph.node_bound()];
    for ix in g.graph.node_indices() {
        there[ix.index()] = other.index_of(&g.graph[ix].id);
    }
    let mut missing: Vec<RelationKey> = Vec::new();
    let mut evidence = 0;
    for e in g.graph.edge_references() {
        let edge = e.weight();
        let theirs = match (there[e.source().index()], there[e.target().index()]) {
            (Some(s), Some(t)) => other
                .edge_by_key
                .get(&(s, edge.relation, t))
                .map(|&x| &other.graph[x]),
            _ => None,
        };
        if theirs.is_some_and(|t| t.evidence == edge.evidence) {
            continue;
        }
        if theirs.is_none() {
            let (s, t) = (&g.graph[e.source()].id, &g.graph[e.target()].id);
            missing.push((s.clone(), edge.relation, t.clone()));
        }
        let theirs: BTreeSet<&Evidence> = theirs
            .map(|t| t.evidence.iter().collect())
            .unwrap_or_default();
        let ours: BTreeSet<&Evidence> = edge.evidence.iter().collect();
        evidence += ours.difference(&theirs).count();
    }
    missing.sort();
    (missing, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Relation};

    fn status_attrs(status: Option<&str>) -> Attrs {
        let mut attrs: Attrs = [("kind".to_string(), "meeting".to_string())].into();
        if let Some(s) = status {
            attrs.insert("status".into(), s.into());
        }
        attrs
    }

    /// The status a relation keeps when two reports give two, in either
    /// order: the more certain; no status is held.
    #[test]
    fn a_relation_keeps_the_most_certain_status_in_either_order() {
        for (a, b, want) in [
            (None, Some("planned"), None),
            (Some("denied"), Some("hypothetical"), Some("hypothetical")),
            (Some("explored"), Some("planned"), Some("planned")),
        ] {
            for (x, y) in [(a, b), (b, a)] {
                let mut kg = KnowledgeGraph::new();
                let ruto = Entity::new(EntityKind::Official, "ruto", "Ruto");
                let fidan = Entity::new(EntityKind::Official, "fidan", "Fidan");
                let (a_id, b_id) = (ruto.id.clone(), fidan.id.clone());
                kg.upsert_entity(ruto);
                kg.upsert_entity(fidan);
                for (n, s) in [(0, x), (1, y)] {
                    let ev = Evidence {
                        article: format!("a{n}"),
                        sentence: format!("sentence {n}"),
                        start: 0,
                        end: 10,
                    };
                    kg.add_relation(
                        &a_id,
                        RelationKind::CounterpartOf,
                        &b_id,
                        status_attrs(s),
                        ev,
                    );
                }
                let edge = kg
                    .graph
                    .edge_weights()
                    .next()
                    .map(|e| e.attrs.get("status").cloned());
                assert_eq!(edge, Some(want.map(str::to_string)), "{x:?} then {y:?}");
            }
        }
    }

    /// A milestone two articles tell keeps the more certain status ("will
    /// meet on Monday", then "met on Monday": held), in either order.
    #[test]
    fn a_milestone_told_twice_keeps_the_more_certain_status() {
        for (x, y) in [("planned", "held"), ("held", "planned")] {
            let mut kg = KnowledgeGraph::new();
            for s in [x, y] {
                let mut m = Entity::new(EntityKind::Milestone, "meeting-x", "Meeting");
                m.attrs = status_attrs(Some(s));
                kg.upsert_entity(m);
            }
            let node = kg
                .graph
                .node_weights()
                .next()
                .map(|n| n.attrs["status"].clone());
            assert_eq!(node.as_deref(), Some("held"), "{x} then {y}");
        }
    }

    fn extraction(article: &str, sentence: &str) -> (Extraction, ArticleRecord) {
        let india = Entity::new(EntityKind::Country, "india", "India");
        let mut singh = Entity::new(EntityKind::Official, "rajnath-singh", "Rajnath Singh");
        singh.add_alias("Singh");
        let rel = Relation {
            source: singh.id.clone(),
            relation: RelationKind::Represents,
            target: india.id.clone(),
            attrs: Attrs::new(),
            evidence: Evidence {
                article: String::new(),
                sentence: sentence.into(),
                start: 0,
                end: sentence.len(),
            },
        };
        let meta = ArticleMeta {
            id: article.into(),
            path: format!("{article}.txt"),
            title: String::new(),
            date: None,
        };
        let record = ArticleRecord {
            id: article.into(),
            path: meta.path.clone(),
            title: String::new(),
            date: None,
            text: sentence.into(),
            fingerprint: None,
        };
        (
            Extraction {
                article: meta,
                entities: vec![india, singh],
                relations: vec![rel],
            },
            record,
        )
    }

    /// Rajnath Singh given a second country by a sentence that does not name
    /// him in full: with its sentences the graph drops that one; read without
    /// them it keeps both and asks for the sentences.
    #[test]
    fn an_official_with_two_countries_asks_for_sentences_it_lacks() {
        let second = |kg: &mut KnowledgeGraph| {
            let (mut x, record) = extraction("b", "Japanese minister Singh spoke.");
            let japan = Entity::new(EntityKind::Country, "japan", "Japan");
            x.relations[0].target = japan.id.clone();
            x.entities.push(japan);
            kg.merge(x, record);
        };
        let countries = |kg: &KnowledgeGraph| {
            kg.edges()
                .filter(|(_, e, _)| e.relation == RelationKind::Represents)
                .count()
        };
        let (x, record) = extraction("a", "Rajnath Singh of India spoke.");
        let mut full = KnowledgeGraph::new();
        full.merge(x.clone(), record.clone());
        let mut lean = full.clone();
        second(&mut full);
        assert_eq!((countries(&full), full.wanted_sentences()), (1, false));
        lean.mark_without_sentences();
        second(&mut lean);
        assert_eq!((countries(&lean), lean.wanted_sentences()), (2, true));
    }

    /// [`extraction`] dated, with one `represents` for each sentence.
    fn dated(article: &str, date: Option<&str>, sentences: &[&str]) -> (Extraction, ArticleRecord) {
        let (mut x, mut r) = extraction(article, sentences.first().copied().unwrap_or("."));
        r.date = date.map(str::to_string);
        let rel = x.relations[0].clone();
        x.relations = sentences
            .iter()
            .map(|s| Relation {
                evidence: Evidence {
                    sentence: s.to_string(),
                    end: s.len(),
                    ..rel.evidence.clone()
                },
                ..rel.clone()
            })
            .collect();
        (x, r)
    }

    proptest::proptest! {
        /// A batch, whose evidence is sorted once at its end, gives each edge
        /// the list (and counts the new pieces) that adding the pieces one
        /// at a time gives, after articles merged one at a time or none.
        #[test]
        fn a_batch_sorts_its_evidence_as_one_by_one(
            articles in proptest::collection::vec(
                (0usize..3, proptest::collection::vec(0usize..3, 1..4)),
                1..12,
            ),
            stored in 0usize..12,
        ) {
            let dates = [None, Some("2024-01-01"), Some("2023-05-05")];
            let sentences = ["Singh of India.", "Indian minister Singh.", "India's Singh."];
            // Ids out of the order merged: 5 is prime to 12.
            let made: Vec<_> = articles
                .iter()
                .enumerate()
                .map(|(i, (d, ss))| {
                    let ss: Vec<&str> = ss.iter().map(|&s| sentences[s]).collect();
                    dated(&format!("a{:02}", (i * 5) % 12), dates[*d], &ss)
                })
                .collect();
            let stored = stored.min(made.len());
            let mut one = KnowledgeGraph::new();
            let one_new: usize = made.iter().cloned().map(|(x, r)| one.merge(x, r).new_evidence).sum();
            let mut batch = KnowledgeGraph::new();
            let mut batch_new = 0;
            for (x, r) in made[..stored].iter().cloned() {
                batch_new += batch.merge(x, r).new_evidence;
            }
            batch_new += batch.merge_all_recorded(made[stored..].iter().cloned(), "x").new_evidence;
            let evidence = |kg: &KnowledgeGraph| {
                kg.edges().map(|(_, e, _)| e.evidence.clone()).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(evidence(&batch), evidence(&one));
            proptest::prop_assert_eq!(batch_new, one_new);
        }
    }

    #[test]
    fn same_id_from_two_articles_is_one_node_with_both_evidences() {
        let mut kg = KnowledgeGraph::new();
        let (x1, r1) = extraction("a1", "Indian minister Singh.");
        let (x2, r2) = extraction("a2", "Singh of India.");
        let s1 = kg.merge(x1, r1);
        let s2 = kg.merge(x2, r2);
        assert_eq!((s1.new_entities, s1.new_relations), (2, 1));
        assert_eq!(
            (s2.new_entities, s2.new_relations, s2.new_evidence),
            (0, 0, 1)
        );
        assert_eq!(kg.node_count(), 2);
        assert_eq!(kg.edge_count(), 1);
        let (_, edge, _) = kg.edges().next().unwrap();
        assert_eq!(edge.article_count(), 2);
    }

    #[test]
    fn symmetric_relations_keep_one_edge() {
        let mut kg = KnowledgeGraph::new();
        kg.upsert_entity(Entity::new(EntityKind::Official, "a", "A"));
        kg.upsert_entity(Entity::new(EntityKind::Official, "b", "B"));
        let ev = |s: &str| Evidence {
            article: "x".into(),
            sentence: s.into(),
            start: 0,
            end: 1,
        };
        kg.add_relation(
            "official:a",
            RelationKind::Meets,
            "official:b",
            Attrs::new(),
            ev("1"),
        );
        kg.add_relation(
            "official:b",
            RelationKind::Meets,
            "official:a",
            Attrs::new(),
            ev("2"),
        );
        assert_eq!(kg.edge_count(), 1);
        assert!(kg
            .add_relation(
                "official:a",
                RelationKind::Meets,
                "official:zz",
                Attrs::new(),
                ev("3")
            )
            .is_none());
    }

    #[test]
    fn a_surname_alone_joins_the_known_official() {
        let mut kg = KnowledgeGraph::new();
        let (x1, r1) = extraction("a1", "Indian minister Singh.");
        kg.merge(x1, r1);
        let (mut x2, r2) = extraction("a2", "Singh of India.");
        for e in &mut x2.entities {
            if e.id == "official:rajnath-singh" {
                e.id = "official:singh".into();
                e.name = "Singh".into();
            }
        }
        for r in &mut x2.relations {
            r.source = "official:rajnath-singh".replace("rajnath-singh", "singh");
        }
        kg.merge(x2, r2);
        assert!(kg.entity("official:singh").is_none());
        assert_eq!(kg.node_count(), 2);
    }

    #[test]
    fn titles_are_kept_with_their_dates() {
        let mut kg = KnowledgeGraph::new();
        let mut modi = Entity::new(EntityKind::Official, "narendra-modi", "Narendra Modi");
        modi.attrs.insert("title".into(), "Chief Minister".into());
        let (ix, _) = kg.upsert_entity(modi.clone());
        kg.record_title(ix, "Chief Minister", Some("2010-01-01"));
        kg.record_title(ix, "Prime Minister", Some("2014-05-26"));
        // A vaguer title later is no new title.
        kg.record_title(ix, "Minister", Some("2015-01-01"));
        let node = kg.entity("official:narendra-modi").unwrap();
        assert_eq!(node.attrs["title"], "Prime Minister");
        assert_eq!(
            node.attrs["titles"],
            "Prime Minister (2014-05-26); Chief Minister (2010-01-01)"
        );
    }

    #[test]
    fn an_acronym_joins_the_agreement_with_the_same_parties() {
        let ev = || Evidence {
            article: String::new(),
            sentence: "s".into(),
            start: 0,
            end: 1,
        };
        let party = |country: &str, agreement: &str| Relation {
            source: country.into(),
            relation: RelationKind::PartyTo,
            target: agreement.into(),
            attrs: Attrs::new(),
            evidence: ev(),
        };
        let meta = ArticleMeta {
            id: "x".into(),
            path: String::new(),
            title: String::new(),
            date: None,
        };
        let record = |id: &str| ArticleRecord {
            id: id.into(),
            path: String::new(),
            title: String::new(),
            date: None,
            text: String::new(),
            fingerprint: None,
        };
        let countries = || {
            vec![
                Entity::new(EntityKind::Country, "japan", "Japan"),
                Entity::new(EntityKind::Country, "philippines", "Philippines"),
            ]
        };
        let mut full = Entity::new(
            EntityKind::Agreement,
            "japan-philippines-reciprocal-access-agreement",
            "Reciprocal Access Agreement",
        );
        full.attrs.insert("acronym".into(), "RAA".into());
        let mut first = Extraction {
            article: meta.clone(),
            entities: countries(),
            relations: Vec::new(),
        };
        first.entities.push(full.clone());
        first.relations = vec![
            party("country:japan", &full.id),
            party("country:philippines", &full.id),
        ];
        let mut kg = KnowledgeGraph::new();
        kg.merge(first, record("a"));
        let short = Entity::new(EntityKind::Agreement, "japan-philippines-raa", "RAA");
        let mut second = Extraction {
            article: meta,
            entities: countries(),
            relations: Vec::new(),
        };
        second.entities.push(short.clone());
        second.relations = vec![
            party("country:japan", &short.id),
            party("country:philippines", &short.id),
        ];
        kg.merge(second, record("b"));
        assert!(kg.entity("agreement:japan-philippines-raa").is_none());
        assert_eq!(kg.edges().count(), 2);
    }

    #[test]
    fn forgetting_removes_only_what_the_article_alone_supported() {
        let mut kg = KnowledgeGraph::new();
        let (x1, r1) = extraction("a1", "Indian minister Singh.");
        let (mut x2, r2) = extraction("a2", "Singh of India.");
        let japan = Entity::new(EntityKind::Country, "japan", "Japan");
        x2.entities.push(japan);
        kg.merge_recorded(x1, r1, "v1");
        kg.merge_recorded(x2, r2, "v2");
        assert_eq!(
            kg.provenance("a2").map(|p| p.extractor.as_str()),
            Some("v2")
        );
        assert!(kg
            .provenance("a2")
            .unwrap()
            .entities
            .contains("country:japan"));

        let gone = kg.forget_article("a1").unwrap();
        assert_eq!((gone.entities, gone.relations, gone.evidence), (0, 0, 1));
        let (_, edge, _) = kg.edges().next().unwrap();
        assert_eq!(edge.article_count(), 1);

        let gone = kg.forget_article("a2").unwrap();
        assert_eq!((gone.entities, gone.relations, gone.evidence), (3, 1, 1));
        assert_eq!((kg.node_count(), kg.edge_count()), (0, 0));
        assert!(kg.forget_article("a2").is_none());
        // The ids are free again.
        let (x1, r1) = extraction("a1", "Indian minister Singh.");
        assert_eq!(kg.merge_recorded(x1, r1, "v1").new_relations, 1);
    }

    #[test]
    fn the_diff_of_two_graphs_counts_what_changed() {
        let mut old = KnowledgeGraph::new();
        let (x1, r1) = extraction("a1", "Indian minister Singh.");
        old.merge_recorded(x1, r1, "v1");
        let mut new = old.clone();
        assert!(GraphDiff::between(&old, &new).is_empty());
        let (x2, r2) = extraction("a2", "Singh of India.");
        new.merge_recorded(x2, r2, "v1");
        new.upsert_entity(Entity::new(EntityKind::Country, "japan", "Japan"));
        let diff = GraphDiff::between(&old, &new);
        assert_eq!(diff.added_entities, ["country:japan"]);
        assert_eq!((diff.added_evidence, diff.removed_evidence), (1, 0));
        assert!(diff.added_relations.is_empty());
        let back = GraphDiff::between(&new, &old);
        assert_eq!(back.removed_entities, ["country:japan"]);
        assert_eq!(back.removed_evidence, 1);
    }

    /// Every relation of a graph by its key, with its distinct evidence.
    fn facts(g: &KnowledgeGraph) -> BTreeMap<RelationKey, BTreeSet<Evidence>> {
        g.edges()
            .map(|(s, edge, t)| {
                let key = (s.id.clone(), edge.relation, t.id.clone());
                (key, edge.evidence.iter().cloned().collect())
            })
            .collect()
    }

    #[test]
    fn the_diff_of_relations_is_that_of_every_fact_by_key() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        let mut files = crate::article::collect(&[dir]).expect("shipped articles");
        files.sort();
        let extractor = crate::extract::Extractor::shared().expect("extractor");
        let graph_of = |take: &[usize]| {
            let mut g = KnowledgeGraph::new();
            for &i in take {
                let a = crate::article::read(&files[i], None).expect("article");
                let extraction = extractor.extract(&a);
                g.merge_recorded(extraction, crate::ingest::record_of(a), "v1");
            }
            g
        };
        let beyond = |x: &BTreeMap<RelationKey, BTreeSet<Evidence>>,
                      y: &BTreeMap<RelationKey, BTreeSet<Evidence>>| {
            let keys: Vec<RelationKey> =
                x.keys().filter(|k| !y.contains_key(*k)).cloned().collect();
            let none = BTreeSet::new();
            let pieces: usize = x
                .iter()
                .map(|(k, ev)| ev.difference(y.get(k).unwrap_or(&none)).count())
                .sum();
            (keys, pieces)
        };
        for (a, b) in [
            (vec![0, 1], vec![1, 2, 3]),
            (vec![0, 1, 2, 3, 4], vec![2]),
            (vec![], vec![0, 4]),
        ] {
            let (old, new) = (graph_of(&a), graph_of(&b));
            let diff = GraphDiff::between(&old, &new);
            let (added, added_evidence) = beyond(&facts(&new), &facts(&old));
            let (removed, removed_evidence) = beyond(&facts(&old), &facts(&new));
            assert!(!added.is_empty() || !removed.is_empty());
            assert_eq!(diff.added_relations, added);
            assert_eq!(diff.removed_relations, removed);
            assert_eq!(
                (diff.added_evidence, diff.removed_evidence),
                (added_evidence, removed_evidence)
            );
        }
    }

    /// Pieces sorted by their articles' ranks come in the order of
    /// `evidence_order` (undated articles last, then by id), pieces given
    /// twice dropped; an edge with a piece of an article the graph does
    /// not hold is sorted by `evidence_order` itself.
    #[test]
    fn pieces_sorted_by_rank_come_in_evidence_order() {
        let record = |id: &str, date: Option<&str>| ArticleRecord {
            id: id.into(),
            path: format!("{id}.txt"),
            title: String::new(),
            date: date.map(str::to_string),
            text: String::new(),
            fingerprint: None,
        };
        let articles: BTreeMap<String, ArticleRecord> = [
            record("b", Some("2024-01-02")),
            record("a", None),
            record("c", Some("2023-05-06")),
            record("d", Some("2024-01-02")),
            record("e", None),
        ]
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
        let piece = |article: &str, start: usize, sentence: &str| Evidence {
            article: article.into(),
            sentence: sentence.into(),
            start,
            end: start + 3,
        };
        let given = vec![
            piece("e", 0, "x"),
            piece("b", 4, "y"),
            piece("a", 0, "x"),
            piece("d", 0, "z"),
            piece("b", 0, "y"),
            piece("c", 9, "x"),
            piece("b", 4, "y"),
            piece("b", 4, "w"),
        ];
        let expected = |given: &[Evidence]| {
            let mut keyed: Vec<_> = given
                .iter()
                .map(|ev| evidence_order(&articles, ev))
                .collect();
            keyed.sort();
            keyed.dedup();
            keyed
                .into_iter()
                .map(|(_, _, a, start, _, sentence)| (a.to_string(), start, sentence.to_string()))
                .collect::<Vec<_>>()
        };
        let found = |sorted: &[Evidence]| {
            sorted
                .iter()
                .map(|ev| (ev.article.clone(), ev.start, ev.sentence.clone()))
                .collect::<Vec<_>>()
        };
        let ranks = ranks(&articles);
        let mut sorted = given.clone();
        sort_pieces(&ranks, &articles, &mut sorted);
        assert_eq!(found(&sorted), expected(&given));
        assert_eq!(sorted.len(), 7);
        let mut with_unknown = given.clone();
        with_unknown.push(piece("0", 1, "q"));
        let mut sorted = with_unknown.clone();
        sort_pieces(&ranks, &articles, &mut sorted);
        assert_eq!(found(&sorted), expected(&with_unknown));
    }
}
