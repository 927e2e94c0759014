//! Which part of the graph a diagram shows: the whole graph, a neighbourhood or a set of paths.

use crate::graph::{Edge, KnowledgeGraph};
use petgraph::stable_graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The subgraph to draw: its nodes (edges between them are drawn too), the nodes to
/// stress, a title and the direction of the layout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    pub nodes: BTreeSet<NodeIndex>,
    pub emphasized: Vec<NodeIndex>,
    pub title: String,
    pub left_to_right: bool,
}

impl View {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }
}

/// Every node of the graph.
pub fn whole(kg: &KnowledgeGraph) -> View {
    View {
        nodes: kg.petgraph().node_indices().collect(),
        emphasized: Vec::new(),
        title: "Knowledge graph".to_string(),
        left_to_right: false,
    }
}

/// The neighbourhood of `focus` up to `depth` hops (edges followed both ways), at most
/// `max_nodes` nodes with `focus` included; also returns how many nodes within `depth`
/// hops were left out.
///
/// The view grows one hop at a time and stays connected: a node enters only next to a
/// node already in. When a hop does not fit, the candidates backed by the most articles
/// (then the most evidence sentences, then the smallest id) go first.
pub fn ego(kg: &KnowledgeGraph, focus: NodeIndex, depth: usize, max_nodes: usize) -> (View, usize) {
    let g = kg.petgraph();
    let mut view = View {
        nodes: BTreeSet::new(),
        emphasized: vec![focus],
        title: String::new(),
        left_to_right: false,
    };
    let Some(entity) = g.node_weight(focus) else {
        return (view, 0);
    };
    view.title = if depth == 1 {
        format!("Neighbourhood of {}", entity.name)
    } else {
        format!("Neighbourhood of {} ({depth} hops)", entity.name)
    };
    let max_nodes = max_nodes.max(1);

    // Everything within `depth` hops, to count what is left out.
    let mut within: HashSet<NodeIndex> = HashSet::from([focus]);
    let mut frontier = vec![focus];
    for _ in 1..=depth {
        let mut next = Vec::new();
        for &ix in &frontier {
            for (_, other, _) in kg.incident(ix) {
                if within.insert(other) {
                    next.push(other);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }

    view.nodes.insert(focus);
    let mut last_hop = vec![focus];
    for _ in 1..=depth {
        if view.nodes.len() >= max_nodes || last_hop.is_empty() {
            break;
        }
        // Candidates next to the nodes that entered last, scored by their edges into the view.
        let mut scores: BTreeMap<NodeIndex, (usize, usize)> = BTreeMap::new();
        for &ix in &last_hop {
            for (edge, other, _) in kg.incident(ix) {
                if view.nodes.contains(&other) {
                    continue;
                }
                let score = scores.entry(other).or_default();
                add_weight(score, edge);
            }
        }
        let mut candidates: Vec<(NodeIndex, (usize, usize))> = scores.into_iter().collect();
        candidates.sort_by(|(a, sa), (b, sb)| sb.cmp(sa).then_with(|| g[*a].id.cmp(&g[*b].id)));
        let room = max_nodes - view.nodes.len();
        last_hop = candidates
            .into_iter()
            .take(room)
            .map(|(ix, _)| ix)
            .collect();
        view.nodes.extend(last_hop.iter().copied());
    }
    let left_out = within.len().saturating_sub(view.nodes.len());
    (view, left_out)
}

fn add_weight(score: &mut (usize, usize), edge: &Edge) {
    score.0 += edge.article_count();
    score.1 += edge.evidence.len();
}

/// The nodes on the given paths (entity ids; unknown ids are skipped) plus both ends,
/// which are emphasized; drawn left to right, from `a` towards `b`.
pub fn from_paths(
    kg: &KnowledgeGraph,
    a: NodeIndex,
    b: NodeIndex,
    node_ids: &[Vec<String>],
) -> View {
    let g = kg.petgraph();
    let mut nodes: BTreeSet<NodeIndex> = node_ids
        .iter()
        .flatten()
        .filter_map(|id| kg.index_of(id))
        .collect();
    let mut emphasized = Vec::new();
    for end in [a, b] {
        if g.node_weight(end).is_some() {
            nodes.insert(end);
            if !emphasized.contains(&end) {
                emphasized.push(end);
            }
        }
    }
    let name = |ix: NodeIndex| g.node_weight(ix).map_or("?", |e| e.name.as_str());
    View {
        nodes,
        emphasized,
        title: format!("Paths between {} and {}", name(a), name(b)),
        left_to_right: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};

    fn ev(article: &str) -> Evidence {
        Evidence {
            article: article.into(),
            sentence: "s".into(),
            start: 0,
            end: 1,
        }
    }

    /// A star around `hub`: `weak` backed by one article, `strong` by three, `far` behind `weak`.
    fn star() -> KnowledgeGraph {
        let mut kg = KnowledgeGraph::new();
        for slug in ["hub", "weak", "strong", "far"] {
            kg.upsert_entity(Entity::new(EntityKind::Country, slug, slug));
        }
        let rel = RelationKind::PartyTo;
        kg.add_relation("country:hub", rel, "country:weak", Attrs::new(), ev("a1"));
        for a in ["a1", "a2", "a3"] {
            kg.add_relation("country:strong", rel, "country:hub", Attrs::new(), ev(a));
        }
        kg.add_relation("country:weak", rel, "country:far", Attrs::new(), ev("a1"));
        kg
    }

    #[test]
    fn ego_keeps_the_most_evidenced_neighbours_and_counts_the_rest() {
        let kg = star();
        let hub = kg.index_of("country:hub").unwrap();
        let strong = kg.index_of("country:strong").unwrap();
        let (view, left_out) = ego(&kg, hub, 2, 2);
        assert_eq!(view.nodes, BTreeSet::from([hub, strong]));
        assert_eq!(view.emphasized, vec![hub]);
        assert_eq!(left_out, 2);

        let (view, left_out) = ego(&kg, hub, 2, 50);
        assert_eq!((view.len(), left_out), (4, 0));
        let (view, left_out) = ego(&kg, hub, 1, 50);
        assert_eq!((view.len(), left_out), (3, 0));
    }

    #[test]
    fn paths_view_holds_path_nodes_and_emphasizes_the_ends() {
        let kg = star();
        let weak = kg.index_of("country:weak").unwrap();
        let strong = kg.index_of("country:strong").unwrap();
        let paths = vec![vec![
            "country:weak".to_string(),
            "country:hub".to_string(),
            "country:nowhere".to_string(),
            "country:strong".to_string(),
        ]];
        let view = from_paths(&kg, weak, strong, &paths);
        assert_eq!(view.len(), 3);
        assert_eq!(view.emphasized, vec![weak, strong]);
        assert!(view.left_to_right);
        assert_eq!(view.title, "Paths between weak and strong");
        assert_eq!(whole(&kg).len(), 4);
    }
}
