//! `kg merge`, `kg reject`, `kg unalias`: a decision the user names
//! (entities by name, alias or id), resolved against the graph, recorded
//! beside the store ([`crate::store::curation`]) and taken on the store
//! under its lock.

use crate::error::{CurationError, QueryError};
use crate::graph::{Curation, GraphDiff, KnowledgeGraph};
use crate::model::RelationKind;
use crate::observe::Observer;
use crate::query::matches_among;
use crate::store::curation::{path_for, read, write};
use crate::store::{load, lock_observed, save_with_snapshot, up_to_date, Build, Store};
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A decision as the user asks for it, entities by name, alias or id.
#[derive(Debug, Clone, Copy)]
pub enum Request<'a> {
    /// `kg merge INTO FROM`.
    Merge { into: &'a str, from: &'a str },
    /// `kg reject SOURCE RELATION TARGET`.
    Reject {
        source: &'a str,
        relation: RelationKind,
        target: &'a str,
    },
    /// `kg unalias ENTITY ALIAS`.
    Unalias { entity: &'a str, alias: &'a str },
}

/// An entity by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityName {
    pub id: String,
    pub name: String,
}

/// A decision taken, its entities named as the store held them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Merge {
        #[serde(rename = "into_entity")]
        into: EntityName,
        #[serde(rename = "from_entity")]
        from: EntityName,
        /// `from`'s relations (one with `into` aside), and how many of them
        /// `into` had already, now backed by the evidence of both.
        #[serde(rename = "moved_count")]
        moved: usize,
        #[serde(rename = "joined_count")]
        joined: usize,
    },
    Reject {
        #[serde(rename = "source_entity")]
        source: EntityName,
        relation: RelationKind,
        #[serde(rename = "target_entity")]
        target: EntityName,
        /// The sentences and articles that stated it.
        #[serde(rename = "evidence_count")]
        evidence: usize,
        #[serde(rename = "article_count")]
        articles: usize,
    },
    Unalias {
        entity: EntityName,
        alias: String,
    },
}

/// What [`curate`] did.
#[derive(Debug)]
pub struct Curated {
    pub decision: Decision,
    /// The record, written beside the store.
    pub record: PathBuf,
    /// `None` when the decision was taken before and nothing was written;
    /// else the snapshot written beside the store, if one was.
    pub saved: Option<Option<PathBuf>>,
    pub diff: GraphDiff,
}

/// `kg merge`, `kg reject`, `kg unalias`: takes the decision `request` on the
/// store at `store_path` (built from the shipped corpus first when missing
/// or stale, by `build`), under its lock: records it, then writes the store as the
/// decisions make it. A decision taken before changes nothing.
pub fn curate(
    store_path: &Path,
    request: Request<'_>,
    build: &dyn Build,
    observer: &dyn Observer,
) -> Result<Curated, CurationError> {
    let _lock = lock_observed(store_path, observer)?;
    let store = match load(store_path)? {
        Some(own) if !own.default_corpus => own,
        other => up_to_date(store_path, other, build, observer)?,
    };
    let before = read(store_path)?;
    let mut curation = before.clone();
    let graph = &store.graph;
    let (mut decision, new) = decide(graph, &mut curation, request, store_path)?;
    let record = path_for(store_path);
    if !new {
        return Ok(Curated {
            decision,
            record,
            saved: None,
            diff: GraphDiff::default(),
        });
    }
    let mut curated = graph.clone();
    curation.apply(&mut curated);
    if let Decision::Merge {
        into,
        from,
        moved,
        joined,
    } = &mut decision
    {
        // What `into` had, and `from` brought, less what it has now: the
        // relations the two shared, now one each.
        let count =
            |g: &KnowledgeGraph| g.index_of(&into.id).map_or(0, |ix| g.incident(ix).count());
        let between = counts(graph, &into.id, &from.id).map_or(0, |c| c.1);
        *joined = (count(graph) + *moved).saturating_sub(between + count(&curated));
    }
    let diff = GraphDiff::between(graph, &curated);
    write(store_path, &curation)?;
    let new_store = Store {
        graph: curated,
        default_corpus: store.default_corpus,
        extractor: store.extractor.clone(),
    };
    let snapshot = match save_with_snapshot(store_path, &new_store, observer) {
        Ok(snapshot) => snapshot,
        Err(err) => {
            // The store is as it was: so is the record, as far as it can be.
            let _ = if before.is_empty() {
                std::fs::remove_file(&record).map_err(|_| ())
            } else {
                write(store_path, &before).map(|_| ()).map_err(|_| ())
            };
            return Err(err.into());
        }
    };
    Ok(Curated {
        decision,
        record,
        saved: Some(snapshot),
        diff,
    })
}

/// For a merge of `from` into `into`: how many relations `from` has, those
/// with `into` aside, and how many it has with `into`.
fn counts(graph: &KnowledgeGraph, into: &str, from: &str) -> Option<(usize, usize)> {
    let (t, f) = (graph.index_of(into)?, graph.index_of(from)?);
    let between = graph
        .incident(f)
        .filter(|(_, other, _)| *other == t)
        .count();
    Some((graph.incident(f).count() - between, between))
}

/// Resolves `request` on the curated `graph` and records it in `curation`:
/// the decision, and whether it is new.
fn decide(
    graph: &KnowledgeGraph,
    curation: &mut Curation,
    request: Request<'_>,
    path: &Path,
) -> Result<(Decision, bool), CurationError> {
    match request {
        Request::Merge { into, from } => decide_merge(graph, curation, into, from, path),
        Request::Reject {
            source,
            relation,
            target,
        } => decide_reject(graph, curation, (source, relation, target), path),
        Request::Unalias { entity, alias } => decide_unalias(graph, curation, entity, alias, path),
    }
}

fn named(graph: &KnowledgeGraph, ix: NodeIndex) -> EntityName {
    let e = graph.entity_at(ix);
    EntityName {
        id: e.id.clone(),
        name: e.name.clone(),
    }
}

fn name_error(path: &Path) -> impl Fn(QueryError) -> CurationError + '_ {
    move |source| CurationError::Name {
        path: path.to_path_buf(),
        source,
    }
}

fn decide_merge(
    graph: &KnowledgeGraph,
    curation: &mut Curation,
    into: &str,
    from: &str,
    path: &Path,
) -> Result<(Decision, bool), CurationError> {
    let t = crate::query::resolve(graph, into).map_err(name_error(path))?;
    let f = crate::query::resolve(graph, from).map_err(name_error(path))?;
    let (into_named, from_named) = (named(graph, t), named(graph, f));
    if t == f {
        if let Some(merge) = curation.merged_into(&into_named.id, from) {
            let decision = Decision::Merge {
                from: EntityName {
                    id: merge.from.clone(),
                    name: merge.name.clone(),
                },
                into: into_named,
                moved: 0,
                joined: 0,
            };
            return Ok((decision, false));
        }
        return Err(CurationError::SameEntity {
            path: path.to_path_buf(),
            a: into.trim().to_string(),
            b: from.trim().to_string(),
            id: into_named.id,
        });
    }
    let (tk, fk) = (graph.entity_at(t).kind, graph.entity_at(f).kind);
    if tk != fk {
        return Err(CurationError::KindsDiffer {
            path: path.to_path_buf(),
            into: format!("{} ({})", into_named.name, into_named.id),
            into_kind: format!("{} {tk}", article_for(tk.as_str())),
            from: format!("{} ({})", from_named.name, from_named.id),
            from_kind: format!("{} {fk}", article_for(fk.as_str())),
        });
    }
    curation.record_merge(&into_named.id, &from_named.id, &from_named.name);
    let moved = counts(graph, &into_named.id, &from_named.id).map_or(0, |c| c.0);
    let decision = Decision::Merge {
        into: into_named,
        from: from_named,
        moved,
        joined: 0,
    };
    Ok((decision, true))
}

/// "a" or "an" before a kind's name.
fn article_for(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Every node `name` may mean: one when it is unique.
fn candidates(graph: &KnowledgeGraph, name: &str) -> Result<Vec<NodeIndex>, QueryError> {
    if let Ok(ix) = crate::query::resolve(graph, name) {
        return Ok(vec![ix]);
    }
    matches_among(&crate::query::named_nodes(graph), name)
}

/// The edge `s —relation→ t` as the graph keeps it (a symmetric one either way round).
fn edge(
    graph: &KnowledgeGraph,
    s: NodeIndex,
    relation: RelationKind,
    t: NodeIndex,
) -> Option<&crate::graph::Edge> {
    let (s, t) = (&graph.entity_at(s).id, &graph.entity_at(t).id);
    graph.edge_between(s, relation, t).or_else(|| {
        relation
            .is_symmetric()
            .then(|| graph.edge_between(t, relation, s))?
    })
}

fn decide_reject(
    graph: &KnowledgeGraph,
    curation: &mut Curation,
    (source, relation, target): (&str, RelationKind, &str),
    path: &Path,
) -> Result<(Decision, bool), CurationError> {
    let ss = candidates(graph, source).map_err(name_error(path))?;
    let ts = candidates(graph, target).map_err(name_error(path))?;
    // A name several entities answer to means the one with that relation.
    let pairs: Vec<(NodeIndex, NodeIndex)> = ss
        .iter()
        .flat_map(|&s| ts.iter().map(move |&t| (s, t)))
        .filter(|&(s, t)| edge(graph, s, relation, t).is_some())
        .collect();
    let (s, t) = match pairs.as_slice() {
        [one] => *one,
        _ => {
            // None or several: each name must then be unique by itself.
            let s = crate::query::resolve(graph, source).map_err(name_error(path))?;
            let t = crate::query::resolve(graph, target).map_err(name_error(path))?;
            (s, t)
        }
    };
    let (source_named, target_named) = (named(graph, s), named(graph, t));
    let Some(found) = edge(graph, s, relation, t) else {
        let decision = Decision::Reject {
            source: source_named.clone(),
            relation,
            target: target_named.clone(),
            evidence: 0,
            articles: 0,
        };
        if curation.is_rejected(&source_named.id, relation, &target_named.id) {
            return Ok((decision, false));
        }
        return Err(CurationError::NoRelation {
            path: path.to_path_buf(),
            subject: source_named.name,
            relation: relation.to_string(),
            object: target_named.name,
            between: relations_between(graph, s, t),
        });
    };
    let decision = Decision::Reject {
        evidence: found.evidence.len(),
        articles: found.article_count(),
        source: source_named.clone(),
        relation,
        target: target_named.clone(),
    };
    let new = curation.record_reject(&source_named.id, relation, &target_named.id);
    Ok((decision, new))
}

/// The relations `s` and `t` have, as `—relation→` (from `s`) or `←relation—`.
fn relations_between(graph: &KnowledgeGraph, s: NodeIndex, t: NodeIndex) -> Vec<String> {
    let mut out: Vec<String> = graph
        .incident(s)
        .filter(|(_, other, _)| *other == t)
        .map(|(edge, _, outgoing)| {
            if outgoing || edge.relation.is_symmetric() {
                format!("—{}→", edge.relation)
            } else {
                format!("←{}—", edge.relation)
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn decide_unalias(
    graph: &KnowledgeGraph,
    curation: &mut Curation,
    entity: &str,
    alias: &str,
    path: &Path,
) -> Result<(Decision, bool), CurationError> {
    let ix = crate::query::resolve(graph, entity).map_err(name_error(path))?;
    let e = graph.entity_at(ix);
    let decision = Decision::Unalias {
        entity: named(graph, ix),
        alias: alias.trim().to_string(),
    };
    let same = |a: &str| a.trim().to_lowercase() == alias.trim().to_lowercase();
    if let Some(found) = e.aliases.iter().find(|a| same(a)) {
        let new = curation.record_unalias(&e.id, found);
        let decision = Decision::Unalias {
            entity: named(graph, ix),
            alias: found.clone(),
        };
        return Ok((decision, new));
    }
    if curation.is_unaliased(&e.id, alias) {
        return Ok((decision, false));
    }
    if same(&e.name) {
        return Err(CurationError::AliasIsName {
            path: path.to_path_buf(),
            entity: format!("{} ({})", e.name, e.id),
            alias: alias.trim().to_string(),
        });
    }
    Err(CurationError::NoAlias {
        path: path.to_path_buf(),
        entity: format!("{} ({})", e.name, e.id),
        alias: alias.trim().to_string(),
        aliases: e.aliases.clone(),
    })
}
