//! The user's corrections of the graph, kept as decisions so that every
//! graph made again from the articles takes them again: two nodes that are
//! one (`kg merge`), a relation that is false (`kg reject`), a name that is
//! not an entity's (`kg unalias`). [`Curation::apply`] is the last step of
//! every load and rebuild of a store (see `store::curation`).
//!
//! Decisions name entities by id. A merge makes its `from` id another name
//! of its `into` id, so a rejection or an alias removal naming either is
//! applied to the node they became, whatever order the decisions came in.

use super::{identity, KnowledgeGraph};
use crate::model::RelationKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Every decision recorded for a store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Curation {
    /// Merges in the order they were made.
    #[serde(default)]
    pub merges: Vec<Merge>,
    /// Relations said to be false.
    #[serde(default)]
    pub rejected: BTreeSet<Rejected>,
    /// Aliases said not to name their entity.
    #[serde(default)]
    pub unaliased: BTreeSet<Unaliased>,
}

/// `from` is `into`: `into` keeps its id and name, `from`'s names become
/// its aliases and `from`'s relations its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Merge {
    pub into: String,
    pub from: String,
    /// `from`'s name when it was merged, for people reading the record.
    #[serde(default)]
    pub name: String,
}

/// `source —relation→ target` is false.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rejected {
    pub source: String,
    pub relation: RelationKind,
    pub target: String,
}

/// `alias` does not name `entity`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Unaliased {
    pub entity: String,
    pub alias: String,
}

impl Curation {
    /// True when nothing was decided.
    pub fn is_empty(&self) -> bool {
        self.merges.is_empty() && self.rejected.is_empty() && self.unaliased.is_empty()
    }

    /// Every id a decision names, as recorded and as it became: what a part
    /// of the graph must hold for the decisions to be taken on it as on
    /// the whole.
    pub fn named_ids(&self) -> Vec<String> {
        let mut ids: BTreeSet<String> = BTreeSet::new();
        for m in &self.merges {
            ids.extend([m.into.clone(), m.from.clone()]);
        }
        ids.extend(self.unaliased.iter().map(|u| u.entity.clone()));
        for r in &self.rejected {
            ids.extend([r.source.clone(), r.target.clone()]);
        }
        let renamed = self.renamed();
        let now: Vec<String> = ids.iter().map(|id| follow(&renamed, id)).collect();
        ids.extend(now);
        ids.into_iter().collect()
    }

    /// Which id each merged id became: a function of the merges alone, so
    /// that a decision naming an id merged away reaches its node even when
    /// the graph no longer holds that id.
    fn renamed(&self) -> BTreeMap<String, String> {
        let mut to: BTreeMap<String, String> = BTreeMap::new();
        for m in &self.merges {
            let (into, from) = (follow(&to, &m.into), follow(&to, &m.from));
            if into != from {
                to.insert(from, into);
            }
        }
        to
    }

    /// The id `id` is known by now, after every merge.
    pub fn current_id(&self, id: &str) -> String {
        follow(&self.renamed(), id)
    }

    /// Takes every decision on `graph`: the merges in their order, then the
    /// alias removals, then the rejections, each on the node its ids became.
    /// A decision whose nodes the graph lacks waits (a merge into an entity
    /// no article names any more); applying twice changes nothing more.
    pub fn apply(&self, graph: &mut KnowledgeGraph) {
        if self.is_empty() {
            return;
        }
        let mut to: BTreeMap<String, String> = BTreeMap::new();
        for m in &self.merges {
            let (into, from) = (follow(&to, &m.into), follow(&to, &m.from));
            if into != from {
                graph.merge_node(&into, &from);
                to.insert(from, into);
            }
        }
        for u in &self.unaliased {
            graph.remove_alias(&follow(&to, &u.entity), &u.alias);
        }
        for r in &self.rejected {
            let (source, target) = (follow(&to, &r.source), follow(&to, &r.target));
            graph.reject_relation(&source, r.relation, &target);
        }
    }

    /// Records that `from` is `into` (ids as the curated graph has them);
    /// false when it already was.
    pub fn record_merge(&mut self, into: &str, from: &str, name: &str) -> bool {
        if self.current_id(from) == self.current_id(into) {
            return false;
        }
        self.merges.push(Merge {
            into: into.to_string(),
            from: from.to_string(),
            name: name.to_string(),
        });
        true
    }

    /// Records that a relation is false, a symmetric one from the smaller
    /// id as the graph keeps it; false when it already was.
    pub fn record_reject(&mut self, source: &str, relation: RelationKind, target: &str) -> bool {
        let (source, target) = ordered(source, relation, target);
        self.rejected.insert(Rejected {
            source: source.to_string(),
            relation,
            target: target.to_string(),
        })
    }

    /// Whether the relation, named by the curated graph's ids, was rejected.
    pub fn is_rejected(&self, source: &str, relation: RelationKind, target: &str) -> bool {
        let to = self.renamed();
        let (source, target) = ordered(source, relation, target);
        self.rejected.iter().any(|r| {
            r.relation == relation
                && ordered(&follow(&to, &r.source), relation, &follow(&to, &r.target))
                    == (source, target)
        })
    }

    /// Records that `alias` does not name `entity`; false when it already was.
    pub fn record_unalias(&mut self, entity: &str, alias: &str) -> bool {
        self.unaliased.insert(Unaliased {
            entity: entity.to_string(),
            alias: alias.trim().to_string(),
        })
    }

    /// Whether `alias` was removed from `entity` (the curated graph's id).
    pub fn is_unaliased(&self, entity: &str, alias: &str) -> bool {
        let to = self.renamed();
        self.unaliased
            .iter()
            .any(|u| follow(&to, &u.entity) == entity && same_alias(&u.alias, alias))
    }

    /// The merge that recorded `name` (an id or the name it had) as merged
    /// into `entity` (the curated graph's id), if one did.
    pub fn merged_into(&self, entity: &str, name: &str) -> Option<&Merge> {
        let to = self.renamed();
        self.merges.iter().find(|m| {
            follow(&to, &m.from) == entity && (m.from == name.trim() || same_alias(&m.name, name))
        })
    }
}

/// Where `id` went through the merges `to`, up to the id it is now.
fn follow(to: &BTreeMap<String, String>, id: &str) -> String {
    let mut id = id;
    // Each merge maps an id to one that was current then: no cycle, but a
    // hand-edited record is bounded all the same.
    for _ in 0..=to.len() {
        match to.get(id) {
            Some(next) => id = next,
            None => break,
        }
    }
    id.to_string()
}

/// A relation's ends as the graph keeps them: a symmetric one from the smaller id.
fn ordered<'a>(source: &'a str, relation: RelationKind, target: &'a str) -> (&'a str, &'a str) {
    if relation.is_symmetric() && target < source {
        (target, source)
    } else {
        (source, target)
    }
}

/// Aliases compare trimmed and whatever the case, as the graph keeps them.
fn same_alias(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The three corrections, on the graph itself.
impl KnowledgeGraph {
    /// Folds node `from` into node `into` (of one kind): `into` keeps its id
    /// and its name, `from`'s names join its aliases, its attributes and
    /// titles are joined as articles join them, and `from`'s relations
    /// become `into`'s, a relation both had kept once with the evidence of
    /// both (one between the two is dropped). False when either is missing,
    /// they are one node, or their kinds differ.
    pub fn merge_node(&mut self, into: &str, from: &str) -> bool {
        let (Some(t), Some(f)) = (self.index_of(into), self.index_of(from)) else {
            return false;
        };
        if t == f || self.graph[t].kind != self.graph[f].kind {
            return false;
        }
        let name = self.graph[t].name.clone();
        self.fold_into(from, into);
        let node = &mut self.graph[t];
        if node.name != name {
            let mut forms = std::mem::take(&mut node.aliases);
            forms.push(std::mem::replace(&mut node.name, name));
            node.aliases = identity::canonical_aliases(&node.name, forms);
        }
        true
    }

    /// Removes the relation `source —relation→ target` (either way round
    /// when symmetric) with all its evidence, and an official's `country`
    /// that named the country a rejected `represents` went to. The nodes
    /// stay. `None` when there is no such relation.
    pub fn reject_relation(
        &mut self,
        source: &str,
        relation: RelationKind,
        target: &str,
    ) -> Option<super::Edge> {
        let (source, target) = ordered(source, relation, target);
        let (s, t) = (self.index_of(source)?, self.index_of(target)?);
        let e = self.edge_by_key.remove(&(s, relation, t))?;
        let edge = self.graph.remove_edge(e)?;
        if relation == RelationKind::Represents {
            let country = self.graph[t].name.clone();
            let node = &mut self.graph[s];
            if node.attrs.get("country") == Some(&country) {
                node.attrs.remove("country");
            }
        }
        Some(edge)
    }

    /// Removes `alias` (whatever its case) from the aliases of entity `id`;
    /// false when it has no such alias.
    pub fn remove_alias(&mut self, id: &str, alias: &str) -> bool {
        let Some(ix) = self.index_of(id) else {
            return false;
        };
        let aliases = &mut self.graph[ix].aliases;
        let before = aliases.len();
        aliases.retain(|a| !same_alias(a, alias));
        aliases.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ArticleRecord;
    use crate::model::{Attrs, Entity, EntityKind, Evidence};
    use proptest::prelude::*;

    const OFFICIALS: usize = 5;
    const COUNTRIES: usize = 3;

    fn official(i: usize) -> String {
        format!("official:o{i}")
    }

    fn country(i: usize) -> String {
        format!("country:c{i}")
    }

    /// Five officials (each with an alias and a title), three countries,
    /// who represents which and who met whom, stated by two articles.
    fn raw() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        for id in ["a1", "a2"] {
            g.add_article(ArticleRecord {
                id: id.into(),
                path: format!("{id}.txt"),
                title: String::new(),
                date: Some(if id == "a1" { "2020-01-01" } else { "2021" }.into()),
                text: String::new(),
                fingerprint: None,
            });
        }
        for i in 0..OFFICIALS {
            let mut e = Entity::new(
                EntityKind::Official,
                &format!("o{i}"),
                &format!("Official {i}"),
            );
            e.aliases = vec![format!("O{i}"), format!("Minister {i}")];
            e.attrs.insert(
                "title".into(),
                ["Minister", "Foreign Minister"][i % 2].into(),
            );
            g.upsert_entity(e);
        }
        for i in 0..COUNTRIES {
            let mut e = Entity::new(
                EntityKind::Country,
                &format!("c{i}"),
                &format!("Country {i}"),
            );
            e.aliases = vec![format!("C{i}")];
            g.upsert_entity(e);
        }
        let evidence = |article: &str, n: usize| Evidence {
            article: article.into(),
            sentence: format!("sentence {n}"),
            start: n,
            end: n + 1,
        };
        for i in 0..OFFICIALS {
            let article = if i % 2 == 0 { "a1" } else { "a2" };
            let c = country(i % COUNTRIES);
            g.add_relation(
                &official(i),
                RelationKind::Represents,
                &c,
                Attrs::new(),
                evidence(article, i),
            );
            let j = (i + 1) % OFFICIALS;
            g.add_relation(
                &official(i),
                RelationKind::Meets,
                &official(j),
                Attrs::new(),
                evidence("a2", 10 + i),
            );
        }
        g
    }

    /// The graph as text: entities and edges sorted.
    fn dump(g: &KnowledgeGraph) -> String {
        let mut entities: Vec<String> = g.entities().map(|e| format!("{e:?}")).collect();
        entities.sort();
        let mut edges: Vec<String> = g
            .edges()
            .map(|(s, e, t)| format!("{} {e:?} {}", s.id, t.id))
            .collect();
        edges.sort();
        format!("{entities:#?}\n{edges:#?}")
    }

    /// A decision as a user names it: by the ids of the graph before any.
    #[derive(Debug, Clone)]
    enum Asked {
        Merge(String, String),
        Reject(String, RelationKind, String),
        Unalias(String, String),
    }

    /// Merges into officials 0 and 1 and country 0, each other entity into
    /// at most one of them (two users merging one entity into two others,
    /// or one that stays into one merged away, ask for different graphs);
    /// rejections and alias removals of anything.
    fn asked() -> impl Strategy<Value = Vec<Asked>> {
        let merges = (
            proptest::collection::vec(0..3usize, OFFICIALS - 2),
            proptest::collection::vec(any::<bool>(), COUNTRIES - 1),
        )
            .prop_map(|(officials, countries)| {
                let mut out = Vec::new();
                for (i, keeper) in officials.into_iter().enumerate() {
                    if keeper < 2 {
                        out.push(Asked::Merge(official(keeper), official(i + 2)));
                    }
                }
                for (i, merged) in countries.into_iter().enumerate() {
                    if merged {
                        out.push(Asked::Merge(country(0), country(i + 1)));
                    }
                }
                out
            });
        let other = prop_oneof![
            (0..OFFICIALS).prop_map(|i| Asked::Reject(
                official(i),
                RelationKind::Represents,
                country(i % COUNTRIES)
            )),
            (0..OFFICIALS).prop_map(|i| Asked::Reject(
                official((i + 1) % OFFICIALS),
                RelationKind::Meets,
                official(i)
            )),
            (0..OFFICIALS, any::<bool>()).prop_map(|(i, which)| Asked::Unalias(
                official(i),
                if which {
                    format!("O{i}")
                } else {
                    format!("minister {i}")
                }
            )),
        ];
        (merges, proptest::collection::vec(other, 0..6)).prop_map(|(mut merges, other)| {
            merges.extend(other);
            merges
        })
    }

    /// Takes the decisions one by one as the commands do (names resolved on
    /// the graph as it is, recorded, the record applied); returns the graph
    /// and the record.
    fn take(decisions: &[Asked]) -> (KnowledgeGraph, Curation) {
        let mut live = raw();
        let mut curation = Curation::default();
        for d in decisions {
            match d {
                Asked::Merge(into, from) => {
                    let (into, from) = (curation.current_id(into), curation.current_id(from));
                    curation.record_merge(&into, &from, "");
                }
                Asked::Reject(s, r, t) => {
                    curation.record_reject(&curation.current_id(s), *r, &curation.current_id(t));
                }
                Asked::Unalias(e, a) => {
                    curation.record_unalias(&curation.current_id(e), a);
                }
            }
            curation.apply(&mut live);
        }
        (live, curation)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The graph decisions make is the one their record makes of the
        /// graph before them (what every rebuild does), whatever order they
        /// were taken in, and applying the record again changes nothing.
        #[test]
        fn decisions_in_any_order_give_one_graph(
            decisions in asked(),
            seed in any::<u64>(),
        ) {
            let (live, curation) = take(&decisions);
            let mut replayed = raw();
            curation.apply(&mut replayed);
            prop_assert_eq!(dump(&live), dump(&replayed));
            let mut again = live.clone();
            curation.apply(&mut again);
            prop_assert_eq!(dump(&again), dump(&live));

            let mut shuffled = decisions.clone();
            let mut state = seed;
            for i in (1..shuffled.len()).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (state >> 33) as usize % (i + 1));
            }
            let (other, _) = take(&shuffled);
            prop_assert_eq!(dump(&other), dump(&live));
        }
    }

    #[test]
    fn two_merges_in_either_order_give_one_graph() {
        let ab = [
            Asked::Merge(official(0), official(1)),
            Asked::Merge(official(0), official(2)),
        ];
        let ba = [ab[1].clone(), ab[0].clone()];
        let (one, _) = take(&ab);
        let (other, _) = take(&ba);
        assert_eq!(dump(&one), dump(&other));
        let kept = one.entity(&official(0)).unwrap();
        assert_eq!(kept.name, "Official 0");
        assert!(kept.aliases.contains(&"Official 1".to_string()), "{kept:?}");
        assert!(one.entity(&official(1)).is_none());
    }

    #[test]
    fn a_merge_keeps_the_name_moves_the_relations_and_joins_shared_ones() {
        let mut g = raw();
        // o1 meets o2 and o0 meets o1: after o1 folds into o0, o0 meets o2
        // and the meeting between the two is gone.
        assert!(g.merge_node(&official(0), &official(1)));
        let o0 = g.entity(&official(0)).unwrap();
        assert_eq!(o0.name, "Official 0");
        for alias in ["Official 1", "O1", "Minister 1"] {
            assert!(o0.aliases.contains(&alias.to_string()), "{alias}: {o0:?}");
        }
        assert!(g
            .edge_between(&official(0), RelationKind::Meets, &official(2))
            .is_some());
        assert!(g
            .edge_between(&official(0), RelationKind::Meets, &official(0))
            .is_none());
        assert!(g
            .edge_between(&official(0), RelationKind::Represents, &country(1))
            .is_some());
        // Entities of two kinds are never one.
        assert!(!g.merge_node(&official(0), &country(0)));
    }

    #[test]
    fn a_rejection_names_the_node_a_later_merge_made() {
        let mut curation = Curation::default();
        curation.record_reject(&official(1), RelationKind::Represents, &country(1));
        curation.record_merge(&official(0), &official(1), "Official 1");
        let mut g = raw();
        curation.apply(&mut g);
        assert!(g
            .edge_between(&official(0), RelationKind::Represents, &country(1))
            .is_none());
        assert!(curation.is_rejected(&official(0), RelationKind::Represents, &country(1)));
        // A symmetric relation is one fact either way round.
        assert!(curation.record_reject(&official(3), RelationKind::Meets, &official(2)));
        assert!(!curation.record_reject(&official(2), RelationKind::Meets, &official(3)));
    }

    #[test]
    fn the_record_round_trips_through_ron() {
        let mut curation = Curation::default();
        curation.record_merge(&official(0), &official(1), "Official 1");
        curation.record_reject(&official(2), RelationKind::CounterpartOf, &official(3));
        curation.record_unalias(&country(0), "C0");
        let text = ron::ser::to_string_pretty(&curation, Default::default()).unwrap();
        assert!(text.contains("counterpart_of"), "{text}");
        let back: Curation = ron::from_str(&text).unwrap();
        assert_eq!(back, curation);
    }
}
