//! The status of every edge and entity of a [`GraphIndex`], derived once when
//! the index is built: what the text says of an edge (its `status`
//! attribute), else what it says of the milestone the edge belongs to, else,
//! for a `party_to` or `signed` of an agreement, whether the agreement was
//! signed or reached at all. A party to an agreement only explored, hoped
//! for, possible or denied is no member of it.

use super::index::GraphIndex;
#[cfg(test)]
use crate::graph::KnowledgeGraph;
use crate::model::{EntityKind, RelationKind, Status};

/// The status of each edge by its code; empty when every edge is held.
pub(crate) fn derive(g: &GraphIndex) -> Vec<u8> {
    let mut agreement: Vec<Option<Status>> = vec![None; g.node_count()];
    let codes: Vec<u8> = (0..g.edge_count() as u32)
        .map(|e| edge(g, e, &mut agreement).code())
        .collect();
    if codes.iter().all(|&c| c == Status::Held.code()) {
        Vec::new()
    } else {
        codes
    }
}

/// [`derive`] for one edge; `agreement` caches the agreements' statuses.
fn edge(g: &GraphIndex, e: u32, agreement: &mut [Option<Status>]) -> Status {
    if let Some((_, v)) = g.edge_attrs(e).find(|(k, _)| *k == "status") {
        return Status::of_attr(Some(v));
    }
    let view = g.edge(e);
    if g.kind(view.src) == EntityKind::Milestone {
        return milestone(g, view.src);
    }
    let joins = matches!(view.relation, RelationKind::PartyTo | RelationKind::Signed);
    if joins && g.kind(view.dst) == EntityKind::Agreement {
        let slot = &mut agreement[view.dst as usize];
        return *slot.get_or_insert_with(|| of_agreement(g, view.dst));
    }
    Status::Held
}

/// A milestone's own `status` attribute; held when it has none.
pub fn milestone(g: &GraphIndex, v: u32) -> Status {
    Status::of_attr(g.attr(v, "status"))
}

/// Whether an agreement was signed or reached: held when a signing or
/// elevation that concerns it happened (the `concerns` edge's own status,
/// else the milestone's), or none tells of it; else the most certain of
/// those that do ("agreed to explore elevating ties to a Special
/// Strategic Partnership": explored).
pub fn of_agreement(g: &GraphIndex, v: u32) -> Status {
    let mut told: Option<Status> = None;
    for i in g.links(v) {
        let (m, e) = g.link(i);
        let edge = g.edge(e);
        let creates = edge.relation == RelationKind::Concerns
            && edge.dst == v
            && g.kind(m) == EntityKind::Milestone
            && matches!(g.attr(m, "kind"), Some("signing" | "elevation"));
        if creates {
            // The concerns edge's own status first: a signing that happened
            // may concern an agreement it did not sign ("signed a defence pact
            // but did not sign the maritime memorandum").
            let s = match g.edge_attrs(e).find(|(k, _)| *k == "status") {
                Some((_, v)) => Status::of_attr(Some(v)),
                None => milestone(g, m),
            };
            told = Some(told.map_or(s, |t| t.most_certain(s)));
        }
    }
    told.unwrap_or(Status::Held)
}

/// The status of an entity as a whole: a milestone's or an agreement's (see
/// [`of_agreement`]); held for the rest.
pub fn of_node(g: &GraphIndex, v: u32) -> Status {
    match g.kind(v) {
        EntityKind::Milestone => milestone(g, v),
        EntityKind::Agreement => of_agreement(g, v),
        _ => Status::Held,
    }
}

/// A copy of `kg` as its readers show it: every edge with its status
/// ([`GraphIndex::edge_status`]) as its `status` attribute: what the read
/// gates compare the index's answers with.
#[cfg(test)]
pub(crate) fn annotated(kg: &KnowledgeGraph) -> KnowledgeGraph {
    let index = GraphIndex::from_graph(kg);
    let mut out = KnowledgeGraph::new();
    for a in kg.articles() {
        out.add_article(a.clone());
    }
    for e in kg.entities() {
        out.upsert_entity(e.clone());
    }
    // The index numbers the edges in the graph's edge order.
    for (e, (s, edge, t)) in kg.edges().enumerate() {
        let mut attrs = edge.attrs.clone();
        attrs.insert("status".into(), index.edge_status(e as u32).as_str().into());
        out.add_relation_verbatim(&s.id, edge.relation, &t.id, attrs, edge.evidence.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::KnowledgeGraph;
    use crate::model::{Attrs, Entity, Evidence};

    fn graph(elevation_status: &str) -> GraphIndex {
        let mut kg = KnowledgeGraph::new();
        let mut m = Entity::new(EntityKind::Milestone, "2024-elevation", "Elevation");
        m.attrs.insert("kind".into(), "elevation".into());
        m.attrs.insert("status".into(), elevation_status.into());
        for e in [
            Entity::new(EntityKind::Country, "kenya", "Kenya"),
            Entity::new(
                EntityKind::Agreement,
                "ssp",
                "Special Strategic Partnership",
            ),
            m,
        ] {
            kg.upsert_entity(e);
        }
        let ev = Evidence {
            article: "a".into(),
            sentence: "s".into(),
            start: 0,
            end: 0,
        };
        let rel = |kg: &mut KnowledgeGraph, s: &str, r, t: &str| {
            kg.add_relation(s, r, t, Attrs::new(), ev.clone());
        };
        rel(
            &mut kg,
            "country:kenya",
            RelationKind::PartyTo,
            "agreement:ssp",
        );
        rel(
            &mut kg,
            "milestone:2024-elevation",
            RelationKind::Concerns,
            "agreement:ssp",
        );
        rel(
            &mut kg,
            "milestone:2024-elevation",
            RelationKind::Involves,
            "country:kenya",
        );
        GraphIndex::from_graph(&kg)
    }

    fn status_of(g: &GraphIndex, relation: RelationKind) -> Status {
        (0..g.edge_count() as u32)
            .find(|&e| g.edge(e).relation == relation)
            .map(|e| g.edge_status(e))
            .unwrap()
    }

    #[test]
    fn a_concerns_edge_that_says_denied_outweighs_its_held_signing() {
        let mut kg = KnowledgeGraph::new();
        let mut m = Entity::new(EntityKind::Milestone, "signing", "Signing");
        m.attrs.insert("kind".into(), "signing".into());
        m.attrs.insert("status".into(), "held".into());
        kg.upsert_entity(m);
        kg.upsert_entity(Entity::new(EntityKind::Country, "kenya", "Kenya"));
        kg.upsert_entity(Entity::new(EntityKind::Agreement, "msm", "Memorandum"));
        let ev = Evidence {
            article: "a".into(),
            sentence: "Kenya did not sign the Memorandum.".into(),
            start: 0,
            end: 0,
        };
        let denied: Attrs = [("status".to_string(), "denied".to_string())].into();
        let (s, t) = ("milestone:signing", "agreement:msm");
        kg.add_relation(s, RelationKind::Concerns, t, denied, ev.clone());
        kg.add_relation("country:kenya", RelationKind::PartyTo, t, Attrs::new(), ev);
        let g = GraphIndex::from_graph(&kg);
        assert_eq!(status_of(&g, RelationKind::PartyTo), Status::Denied);
    }

    #[test]
    fn a_party_to_an_agreement_only_explored_is_explored() {
        let g = graph("agreed to explore");
        assert_eq!(status_of(&g, RelationKind::PartyTo), Status::Explored);
        assert_eq!(status_of(&g, RelationKind::Involves), Status::Explored);
        let g = graph("held");
        assert_eq!(status_of(&g, RelationKind::PartyTo), Status::Held);
        assert!(g.edge_attrs_shown(0).contains(&("status", "held")));
    }
}
