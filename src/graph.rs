//! The knowledge graph: a petgraph graph of typed entities and evidenced relations,
//! merged across articles by entity id.

use crate::model::{fold, Attrs, Entity, EntityKind, Evidence, Extraction, RelationKind};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

    pub fn add_article(&mut self, record: ArticleRecord) {
        self.articles.insert(record.id.clone(), record);
    }

    /// Adds the entity, or merges names, aliases and missing attributes into the node with its id.
    pub fn upsert_entity(&mut self, entity: Entity) -> (NodeIndex, bool) {
        if let Some(&ix) = self.by_id.get(&entity.id) {
            let node = &mut self.graph[ix];
            if entity.name != node.name {
                let name = entity.name.clone();
                node.add_alias(&name);
            }
            for alias in &entity.aliases {
                node.add_alias(alias);
            }
            crate::model::status::merge_entity_attrs(&mut node.attrs, entity.attrs);
            (ix, false)
        } else {
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
        let mut s = self.index_of(source)?;
        let mut t = self.index_of(target)?;
        if relation.is_symmetric() && self.graph[t].id < self.graph[s].id {
            std::mem::swap(&mut s, &mut t);
        }
        let key = (s, relation, t);
        if let Some(&e) = self.edge_by_key.get(&key) {
            let edge = &mut self.graph[e];
            crate::model::status::merge_attrs(&mut edge.attrs, attrs);
            if edge.evidence.contains(&evidence) {
                return Some((false, false));
            }
            edge.evidence.push(evidence);
            return Some((false, true));
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
        Some((true, true))
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
    pub fn merge(&mut self, mut extraction: Extraction, record: ArticleRecord) -> MergeSummary {
        self.resolve_short_names(&mut extraction);
        self.resolve_acronyms(&mut extraction);
        let mut summary = MergeSummary::default();
        let article_id = record.id.clone();
        let article_date = record.date.clone();
        self.add_article(record);
        for entity in extraction.entities {
            if entity.kind == EntityKind::Official {
                self.record_title(&entity, article_date.as_deref());
            }
            if self.upsert_entity(entity).1 {
                summary.new_entities += 1;
            }
        }
        for relation in extraction.relations {
            let mut evidence = relation.evidence;
            evidence.article = article_id.clone();
            if let Some((new_edge, new_evidence)) = self.add_relation(
                &relation.source,
                relation.relation,
                &relation.target,
                relation.attrs,
                evidence,
            ) {
                summary.new_relations += usize::from(new_edge);
                summary.new_evidence += usize::from(new_evidence);
            }
        }
        summary
    }

    /// Keeps an official's titles with the date each was reported, so a minister
    /// who becomes prime minister has both: `titles` lists them, `title` is the latest.
    fn record_title(&mut self, incoming: &Entity, date: Option<&str>) {
        let Some(title) = incoming.attrs.get("title") else {
            return;
        };
        let entry = match date {
            Some(d) => format!("{title} ({d})"),
            None => title.clone(),
        };
        let Some(ix) = self.index_of(&incoming.id) else {
            return;
        };
        let node = &mut self.graph[ix];
        let mut titles: Vec<String> = node
            .attrs
            .get("titles")
            .map(|t| t.split("; ").map(str::to_string).collect())
            .unwrap_or_else(|| node.attrs.get("title").cloned().into_iter().collect());
        if titles
            .iter()
            .any(|t| t == title || t.starts_with(&format!("{title} (")))
        {
            return;
        }
        titles.push(entry);
        // Latest reported first; undated entries keep their place at the end.
        titles.sort_by(|a, b| {
            let date_of = |t: &str| {
                t.rsplit_once(" (")
                    .map(|(_, d)| d.trim_end_matches(')').to_string())
            };
            date_of(b).cmp(&date_of(a))
        });
        if let Some(latest) = titles.first() {
            let name = latest.rsplit_once(" (").map_or(latest.as_str(), |(t, _)| t);
            node.attrs.insert("title".into(), name.to_string());
        }
        node.attrs.insert("titles".into(), titles.join("; "));
    }

    /// An agreement one article names by its acronym ("RAA") and another in full is
    /// one node, when the same parties are party to it.
    fn resolve_acronyms(&self, extraction: &mut Extraction) {
        let parties_in = |id: &str| -> Vec<String> {
            let mut p: Vec<String> = extraction
                .relations
                .iter()
                .filter(|r| r.relation == RelationKind::PartyTo && r.target == id)
                .map(|r| r.source.clone())
                .collect();
            p.sort();
            p
        };
        let mut renames: HashMap<String, String> = HashMap::new();
        for entity in extraction
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Agreement)
        {
            if self.by_id.contains_key(&entity.id) {
                continue;
            }
            let acronym = entity.attrs.get("acronym").cloned().or_else(|| {
                let n = entity.name.trim();
                (n.len() >= 2 && n.chars().all(|c| c.is_ascii_uppercase() || c == '-'))
                    .then(|| n.to_string())
            });
            let Some(acronym) = acronym else { continue };
            let parties = parties_in(&entity.id);
            let known = self.entities().find(|e| {
                e.kind == EntityKind::Agreement
                    && (e.attrs.get("acronym") == Some(&acronym) || e.name == acronym)
                    && {
                        let mut p: Vec<String> = self
                            .index_of(&e.id)
                            .map(|ix| {
                                self.incident(ix)
                                    .filter(|(edge, _, src)| {
                                        edge.relation == RelationKind::PartyTo && !src
                                    })
                                    .map(|(_, o, _)| self.graph[o].id.clone())
                                    .collect()
                            })
                            .unwrap_or_default();
                        p.sort();
                        p == parties
                    }
            });
            if let Some(known) = known {
                renames.insert(entity.id.clone(), known.id.clone());
            }
        }
        apply_renames(extraction, &renames);
    }

    /// An official an article names only by surname ("Modi") is the one official the
    /// store knows by that surname or given name, when there is exactly one.
    fn resolve_short_names(&self, extraction: &mut Extraction) {
        let mut renames: HashMap<String, String> = HashMap::new();
        for entity in &extraction.entities {
            if entity.kind != EntityKind::Official || self.by_id.contains_key(&entity.id) {
                continue;
            }
            let short = fold(&entity.name).to_lowercase();
            if short.split_whitespace().count() != 1 {
                continue;
            }
            let matches: Vec<&Entity> = self
                .entities()
                .filter(|e| e.kind == EntityKind::Official)
                .filter(|e| {
                    let parts: Vec<String> = fold(&e.name)
                        .to_lowercase()
                        .split_whitespace()
                        .map(str::to_string)
                        .collect();
                    parts.len() > 1
                        && (parts.first() == Some(&short) || parts.last() == Some(&short))
                })
                .collect();
            if let [known] = matches.as_slice() {
                renames.insert(entity.id.clone(), known.id.clone());
            }
        }
        apply_renames(extraction, &renames);
    }
}

/// Points an extraction's entities and relations at the ids they resolved to.
fn apply_renames(extraction: &mut Extraction, renames: &HashMap<String, String>) {
    if renames.is_empty() {
        return;
    }
    for entity in &mut extraction.entities {
        if let Some(new_id) = renames.get(&entity.id) {
            // The node keeps its name; upserting makes this article's form an alias.
            entity.id = new_id.clone();
        }
    }
    for relation in &mut extraction.relations {
        if let Some(new_id) = renames.get(&relation.source) {
            relation.source = new_id.clone();
        }
        if let Some(new_id) = renames.get(&relation.target) {
            relation.target = new_id.clone();
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
        mut extraction: Extraction,
        record: ArticleRecord,
        extractor: &str,
    ) -> MergeSummary {
        let article = record.id.clone();
        // The ids as the merge will store them ("Modi" joins "Narendra Modi",
        // "RAA" the agreement in full): the same steps as `merge` takes first,
        // which then find nothing left to rename.
        self.resolve_short_names(&mut extraction);
        self.resolve_acronyms(&mut extraction);
        let mut entities: BTreeSet<String> =
            extraction.entities.iter().map(|e| e.id.clone()).collect();
        for r in &extraction.relations {
            entities.insert(r.source.clone());
            entities.insert(r.target.clone());
        }
        let summary = self.merge(extraction, record);
        entities.retain(|id| self.by_id.contains_key(id));
        self.set_provenance(
            &article,
            Provenance {
                extractor: extractor.to_string(),
                entities,
            },
        );
        summary
    }

    /// Removes an article and every fact only it supported: its evidence, the
    /// relations left without evidence, and the entities it touched that are
    /// left with no relation and no other article. Names, aliases and
    /// attributes it added to entities that stay are kept. `None` when the
    /// graph does not hold the article.
    pub fn forget_article(&mut self, id: &str) -> Option<ForgetSummary> {
        self.articles.remove(id)?;
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
        let facts = |g: &KnowledgeGraph| -> BTreeMap<RelationKey, BTreeSet<Evidence>> {
            g.edges()
                .map(|(s, edge, t)| {
                    (
                        (s.id.clone(), edge.relation, t.id.clone()),
                        edge.evidence.iter().cloned().collect(),
                    )
                })
                .collect()
        };
        let (before, after) = (facts(old), facts(new));
        let empty = BTreeSet::new();
        for (key, evidence) in &after {
            let was = before.get(key);
            if was.is_none() {
                diff.added_relations.push(key.clone());
            }
            diff.added_evidence += evidence.difference(was.unwrap_or(&empty)).count();
        }
        for (key, evidence) in &before {
            let now = after.get(key);
            if now.is_none() {
                diff.removed_relations.push(key.clone());
            }
            diff.removed_evidence += evidence.difference(now.unwrap_or(&empty)).count();
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Relation};

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
        kg.upsert_entity(modi.clone());
        kg.record_title(&modi, Some("2010-01-01"));
        modi.attrs.insert("title".into(), "Prime Minister".into());
        kg.record_title(&modi, Some("2014-05-26"));
        let node = kg.entity("official:narendra-modi").unwrap();
        assert_eq!(node.attrs["title"], "Prime Minister");
        assert_eq!(
            node.attrs["titles"],
            "Prime Minister (2014-05-26); Chief Minister"
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
}
