//! Which part of the graph a diagram shows: the whole graph clustered by country, a
//! neighbourhood, or the routes between two entities laid out from one to the other.

use crate::graph::KnowledgeGraph;
use crate::model::{EntityKind, RelationKind};
use crate::query::ConnectionPath;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeMap, BTreeSet};

/// The subgraph to draw: its nodes and edges, the nodes to stress, a title and how
/// to lay it out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    pub nodes: BTreeSet<NodeIndex>,
    /// The edges to draw; `None` draws every edge between two nodes of the view.
    pub edges: Option<BTreeSet<EdgeIndex>>,
    pub emphasized: Vec<NodeIndex>,
    pub title: String,
    /// A second line under the title: what was left out, which filter is in force.
    pub subtitle: String,
    pub left_to_right: bool,
    /// Places along the routes (0 for the first entity): edges are drawn from the lower
    /// place to the higher, so the layout reads from one end to the other.
    pub ranks: BTreeMap<NodeIndex, usize>,
    /// Boxes to draw: a country and the entities drawn inside its box.
    pub clusters: BTreeMap<NodeIndex, BTreeSet<NodeIndex>>,
}

impl View {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The nodes, sorted by entity id.
    pub fn sorted_nodes(&self, kg: &KnowledgeGraph) -> Vec<NodeIndex> {
        let g = kg.petgraph();
        let mut nodes: Vec<NodeIndex> = self
            .nodes
            .iter()
            .copied()
            .filter(|&ix| g.contains_node(ix))
            .collect();
        nodes.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
        nodes
    }

    /// The view without its entities that no drawn edge touches (a country
    /// box keeps its country while it holds a connected member), and how
    /// many were dropped: a drawing of the whole graph shows connections,
    /// and a column of lone boxes only pushes them apart.
    pub fn without_isolated(mut self, kg: &KnowledgeGraph) -> (View, usize) {
        let g = kg.petgraph();
        let mut touched: BTreeSet<NodeIndex> = BTreeSet::new();
        for e in self.drawn_edges(kg) {
            if let Some((s, t)) = g.edge_endpoints(e) {
                touched.extend([s, t]);
            }
        }
        for (country, members) in &mut self.clusters {
            members.retain(|m| m == country || touched.contains(m));
            if members.len() > 1 {
                touched.insert(*country);
            }
        }
        self.clusters.retain(|_, members| members.len() > 1);
        let before = self.nodes.len();
        self.nodes.retain(|n| touched.contains(n));
        self.emphasized.retain(|n| touched.contains(n));
        let dropped = before - self.nodes.len();
        (self, dropped)
    }

    /// [`View::without_isolated`] for a drawing, saying in the subtitle how
    /// many entities without a connection were left out.
    pub fn connected_only(self, kg: &KnowledgeGraph) -> View {
        let (mut view, lone) = self.without_isolated(kg);
        if lone > 0 {
            let note = format!(
                "{lone} entit{} without a connection left out",
                if lone == 1 { "y" } else { "ies" }
            );
            view.subtitle = match view.subtitle.is_empty() {
                true => note,
                false => format!("{}; {note}", view.subtitle),
            };
        }
        view
    }

    /// The edges drawn, sorted by (source id, relation, target id).
    pub fn drawn_edges(&self, kg: &KnowledgeGraph) -> Vec<EdgeIndex> {
        let g = kg.petgraph();
        let mut edges: Vec<EdgeIndex> = Vec::new();
        for &ix in &self.nodes {
            if !g.contains_node(ix) {
                continue;
            }
            for e in g.edges_directed(ix, Direction::Outgoing) {
                let wanted = match &self.edges {
                    Some(set) => set.contains(&e.id()),
                    None => true,
                };
                if wanted && self.nodes.contains(&e.target()) {
                    edges.push(e.id());
                }
            }
        }
        let key = |e: &EdgeIndex| {
            let (s, t) = g.edge_endpoints(*e).expect("an edge of the graph");
            (&g[s].id, g[*e].relation, &g[t].id)
        };
        edges.sort_by(|a, b| key(a).cmp(&key(b)));
        edges
    }
}

/// Every node of the graph, officials, places and organizations in boxes with the
/// country they belong to; laid out left to right, which keeps the boxes apart.
pub fn whole(kg: &KnowledgeGraph) -> View {
    let nodes: BTreeSet<NodeIndex> = kg.petgraph().node_indices().collect();
    View {
        clusters: country_clusters(kg, &nodes),
        nodes,
        title: "Knowledge graph".to_string(),
        left_to_right: true,
        ..View::default()
    }
}

/// Which country each official (`represents`), place (`located_in`) and
/// organization (`member_of`) among `nodes` belongs to, grouped by country; one
/// country per entity, the one backed by most articles (then the smallest id).
/// Countries with no such entity get no box.
pub fn country_clusters(
    kg: &KnowledgeGraph,
    nodes: &BTreeSet<NodeIndex>,
) -> BTreeMap<NodeIndex, BTreeSet<NodeIndex>> {
    let g = kg.petgraph();
    let mut clusters: BTreeMap<NodeIndex, BTreeSet<NodeIndex>> = BTreeMap::new();
    for &ix in nodes {
        let Some(entity) = g.node_weight(ix) else {
            continue;
        };
        let relation = match entity.kind {
            EntityKind::Official => RelationKind::Represents,
            EntityKind::Place => RelationKind::LocatedIn,
            EntityKind::Organization => RelationKind::MemberOf,
            _ => continue,
        };
        let best = g
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| {
                e.weight().relation == relation
                    && nodes.contains(&e.target())
                    && g[e.target()].kind == EntityKind::Country
            })
            .map(|e| {
                (
                    std::cmp::Reverse(kg.story_count(e.weight())),
                    &g[e.target()].id,
                    e.target(),
                )
            })
            .min();
        if let Some((_, _, country)) = best {
            clusters.entry(country).or_default().insert(ix);
        }
    }
    for (country, members) in &mut clusters {
        members.insert(*country);
    }
    clusters
}

/// The routes `kg query` finds between `a` and `b`: their nodes and only the edges
/// they take, `a` on the left and `b` on the right, both emphasized.
pub fn from_routes(
    kg: &KnowledgeGraph,
    a: NodeIndex,
    b: NodeIndex,
    routes: &[ConnectionPath],
) -> View {
    let node_ids: Vec<Vec<String>> = routes.iter().map(|r| r.nodes.clone()).collect();
    let mut view = from_paths(kg, a, b, &node_ids);
    let g = kg.petgraph();
    let mut edges = BTreeSet::new();
    for step in routes.iter().flat_map(|r| &r.steps) {
        let (Some(from), Some(to)) = (kg.index_of(&step.from), kg.index_of(&step.to)) else {
            continue;
        };
        let found = g
            .edges_connecting(from, to)
            .chain(g.edges_connecting(to, from))
            .filter(|e| e.weight().relation == step.relation)
            .max_by_key(|e| (kg.story_count(e.weight()), std::cmp::Reverse(e.id())));
        if let Some(e) = found {
            edges.insert(e.id());
        }
    }
    view.edges = Some(edges);
    view
}

/// The nodes on the given paths (entity ids; unknown ids are skipped) plus both ends,
/// which are emphasized; drawn left to right, from `a` towards `b`, each node placed
/// by how soon a path reaches it from `a`.
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
    let mut ranks: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    for path in node_ids {
        for (place, id) in path.iter().enumerate() {
            if let Some(ix) = kg.index_of(id) {
                let rank = ranks.entry(ix).or_insert(place);
                *rank = (*rank).min(place);
            }
        }
    }
    ranks.insert(b, usize::MAX);
    ranks.insert(a, 0);
    ranks.retain(|ix, _| nodes.contains(ix));
    let name = |ix: NodeIndex| g.node_weight(ix).map_or("?", |e| e.name.as_str());
    View {
        nodes,
        emphasized,
        title: format!("Paths between {} and {}", name(a), name(b)),
        left_to_right: true,
        ranks,
        ..View::default()
    }
}

#[cfg(test)]
pub(crate) mod tests {
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
    pub(crate) fn star() -> KnowledgeGraph {
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
    fn routes_draw_only_their_hops_from_one_end_to_the_other() {
        let kg = crate::export::dot::tests::sample();
        let india = kg.index_of("country:india").unwrap();
        let japan = kg.index_of("country:japan").unwrap();
        let routes = crate::query::distinct_routes(&kg, india, japan, 4, 10).unwrap();
        let view = from_routes(&kg, india, japan, &routes);
        let hops: usize = routes.iter().map(|r| r.hops()).sum();
        assert_eq!(view.edges.as_ref().map(BTreeSet::len), Some(hops));
        assert_eq!(view.drawn_edges(&kg).len(), hops);
        assert_eq!(view.ranks[&india], 0);
        assert_eq!(view.ranks[&japan], usize::MAX);
        let dot = crate::export::to_dot(&kg, &view);
        // Japan → agreement is drawn from the agreement with the arrow turned back.
        assert!(
            dot.contains(r#""agreement:india-japan-sgp" -> "country:japan" [label="party to""#),
            "{dot}"
        );
        assert!(dot.contains(r#"dir="back""#));
        assert!(!dot.contains("cluster_country"), "no boxes on paths");
    }

    #[test]
    fn without_isolated_drops_only_lone_entities() {
        let mut kg = star();
        let (lone, _) = kg.upsert_entity(Entity::new(EntityKind::Country, "lone", "Lone Island"));
        let view = whole(&kg);
        let all = view.len();
        let (kept, dropped) = view.without_isolated(&kg);
        assert_eq!((kept.len(), dropped), (all - 1, 1));
        assert!(!kept.nodes.contains(&lone));
        // Nothing lone: nothing dropped.
        let (again, none) = kept.clone().without_isolated(&kg);
        assert_eq!((again, none), (kept, 0));
    }

    #[test]
    fn whole_graph_boxes_countries_and_cap_keeps_the_best() {
        let kg = crate::export::dot::tests::sample();
        let view = whole(&kg);
        let boxes: Vec<(&str, Vec<&str>)> = view
            .clusters
            .iter()
            .map(|(c, members)| {
                (
                    kg.entity_at(*c).id.as_str(),
                    members
                        .iter()
                        .map(|m| kg.entity_at(*m).id.as_str())
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            boxes,
            vec![
                (
                    "country:india",
                    vec!["country:india", "official:rajnath-singh"]
                ),
                (
                    "country:japan",
                    vec!["country:japan", "official:gen-nakatani"]
                ),
            ]
        );
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
