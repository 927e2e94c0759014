//! `kg query`, `kg show`, `kg stats`, `kg timeline` and `kg export --focus
//! A B` answered from a [`GraphIndex`], so a store of millions of entities
//! answers in about a second instead of the minute its RON takes to parse.
//!
//! The answers are those of [`crate::query`] on the full graph: the same name
//! resolution, the same path search (run on the index's adjacency) and the
//! same facts. Show, the direct facts and the timeline are computed by the
//! query functions themselves on a small [`KnowledgeGraph`] cut out of the
//! index around the asked entities, which also serves the renderers.
//!
//! What the index does not keep, and these answers do not print: evidence
//! offsets, the sentences after an edge's first, and edge attributes other
//! than its date (kept packed, so a date not written `YYYY[-MM[-DD]]` comes
//! back normalised). An edge's article that the store does not list is
//! dropped from its articles.

use super::index::{unpack_date, GraphIndex};
use crate::error::QueryError;
use crate::graph::{ArticleRecord, KnowledgeGraph};
use crate::model::{fold, Attrs, Entity, EntityKind, Evidence, RelationKind};
use crate::query::{
    normalize, pick_routes, resolve_among, route_candidates, search_paths, Adjacency,
    ConnectionPath, Fact, Found, Link, Named, PathStep, Stats, MAX_HOPS,
};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

/// [`crate::query::resolve`] on the index: the same rules, the same errors.
pub fn resolve(g: &GraphIndex, name: &str) -> Result<u32, QueryError> {
    let raw_id = fold(name.trim()).to_lowercase();
    if let Some(v) = g.lookup(&raw_id).filter(|_| !normalize(name).is_empty()) {
        return Ok(v);
    }
    let mut aliases: HashMap<u32, Vec<&str>> = HashMap::new();
    for (v, alias) in g.all_aliases() {
        aliases.entry(v).or_default().push(alias);
    }
    let nodes: Vec<Named<'_, u32>> = (0..g.node_count() as u32)
        .map(|v| Named {
            key: v,
            id: g.id(v),
            name: g.name(v),
            kind: g.kind(v),
            aliases: aliases.remove(&v).unwrap_or_default(),
        })
        .collect();
    resolve_among(&nodes, name)
}

/// [`crate::query::stats`] from the index.
pub fn stats(g: &GraphIndex) -> Stats {
    let mut by_kind: BTreeMap<EntityKind, usize> =
        EntityKind::ALL.iter().map(|k| (*k, 0)).collect();
    let mut by_relation: BTreeMap<RelationKind, usize> =
        RelationKind::ALL.iter().map(|r| (*r, 0)).collect();
    for v in 0..g.node_count() as u32 {
        *by_kind.entry(g.kind(v)).or_default() += 1;
    }
    for e in 0..g.edge_count() as u32 {
        *by_relation.entry(g.edge(e).relation).or_default() += 1;
    }
    Stats {
        entities: g.node_count(),
        relations: g.edge_count(),
        articles: g.articles().len(),
        evidence: g.evidence_count() as usize,
        by_kind,
        by_relation,
    }
}

/// A small graph cut out of the index: some entities, some of their edges,
/// and the articles those edges cite.
pub struct Local<'g> {
    g: &'g GraphIndex,
    /// The cut-out graph, for [`crate::query`] and its renderers.
    pub graph: KnowledgeGraph,
    nodes: HashMap<u32, NodeIndex>,
    edges: HashSet<u32>,
    articles: HashSet<u32>,
    /// Self-loops by entity, found by one scan when first needed.
    loops: Option<HashMap<u32, Vec<u32>>>,
}

impl<'g> Local<'g> {
    pub fn new(g: &'g GraphIndex) -> Local<'g> {
        Local {
            g,
            graph: KnowledgeGraph::new(),
            nodes: HashMap::new(),
            edges: HashSet::new(),
            articles: HashSet::new(),
            loops: None,
        }
    }

    /// Adds entity `v` (id, kind, name, aliases, attributes); its node.
    pub fn add_node(&mut self, v: u32) -> NodeIndex {
        if let Some(&ix) = self.nodes.get(&v) {
            return ix;
        }
        let g = self.g;
        let entity = Entity {
            id: g.id(v).to_string(),
            kind: g.kind(v),
            name: g.name(v).to_string(),
            aliases: g.aliases_of(v).into_iter().map(str::to_string).collect(),
            attrs: g
                .attrs(v)
                .map(|(k, value)| (k.to_string(), value.to_string()))
                .collect(),
        };
        let (ix, _) = self.graph.upsert_entity(entity);
        self.nodes.insert(v, ix);
        ix
    }

    fn add_article(&mut self, a: u32) {
        if !self.articles.insert(a) {
            return;
        }
        let Some(article) = self.g.articles().get(a as usize) else {
            return;
        };
        self.graph.add_article(ArticleRecord {
            id: article.id.clone(),
            path: article.path.clone(),
            title: article.title.clone(),
            date: self.g.article_date(a as usize).map(str::to_string),
            text: String::new(),
        });
    }

    /// Adds edge `e`, its ends, its articles and its evidence as the store
    /// holds them (without offsets).
    pub fn add_edge(&mut self, e: u32) {
        if !self.edges.insert(e) {
            return;
        }
        let g = self.g;
        let edge = g.edge(e);
        self.add_node(edge.src);
        self.add_node(edge.dst);
        let attrs: Attrs = g
            .edge_attrs(e)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let evidence: Vec<Evidence> = g
            .evidence(e)
            .into_iter()
            .map(|(a, sentence)| {
                let article = match a {
                    Some(a) => {
                        self.add_article(a);
                        g.articles()[a as usize].id.clone()
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
        let (s, t) = (g.id(edge.src), g.id(edge.dst));
        self.graph
            .add_relation_verbatim(s, edge.relation, t, attrs, evidence);
    }

    /// Adds every edge of `v`, self-loops included.
    pub fn add_edges_of(&mut self, v: u32) {
        self.add_node(v);
        for i in self.g.links(v) {
            let (_, e) = self.g.link(i);
            self.add_edge(e);
        }
        for e in self.self_loops(v) {
            self.add_edge(e);
        }
    }

    /// The edges from `v` to itself (the adjacency leaves them out).
    fn self_loops(&mut self, v: u32) -> Vec<u32> {
        let g = self.g;
        let loops = self.loops.get_or_insert_with(|| {
            let mut by_node: HashMap<u32, Vec<u32>> = HashMap::new();
            for e in 0..g.edge_count() as u32 {
                let edge = g.edge(e);
                if edge.src == edge.dst {
                    by_node.entry(edge.src).or_default().push(e);
                }
            }
            by_node
        });
        loops.get(&v).cloned().unwrap_or_default()
    }
}

/// Entity `v` and every edge touching it, for [`crate::query::show`].
pub fn around(g: &GraphIndex, v: u32) -> (KnowledgeGraph, NodeIndex) {
    let mut local = Local::new(g);
    local.add_edges_of(v);
    let ix = local.add_node(v);
    (local.graph, ix)
}

/// Entity `a` (and `b`) with everything [`crate::query::timeline`] and
/// [`crate::query::partnership_levels`] read around them: their edges, those
/// of the officials who represent them and of the agreements they are party
/// to, and those of every milestone linked to any of these.
pub fn timeline_cut(
    g: &GraphIndex,
    a: u32,
    b: Option<u32>,
) -> (KnowledgeGraph, NodeIndex, Option<NodeIndex>) {
    let mut local = Local::new(g);
    let mut milestones: Vec<u32> = Vec::new();
    let milestone = |v: u32| g.kind(v) == EntityKind::Milestone;
    for x in std::iter::once(a).chain(b) {
        local.add_edges_of(x);
        if milestone(x) {
            milestones.push(x);
        }
        for i in g.links(x) {
            let (w, e) = g.link(i);
            let edge = g.edge(e);
            let via = match edge.relation {
                RelationKind::Represents => edge.dst == x && g.kind(w) == EntityKind::Official,
                RelationKind::PartyTo => edge.src == x && g.kind(w) == EntityKind::Agreement,
                _ => false,
            };
            if milestone(w) {
                milestones.push(w);
            }
            if via {
                local.add_edges_of(w);
                milestones.extend(g.link_nodes(g.links(w)).iter().filter(|&&m| milestone(m)));
            }
        }
    }
    for m in milestones {
        local.add_edges_of(m);
    }
    let la = local.add_node(a);
    let lb = b.map(|b| local.add_node(b));
    (local.graph, la, lb)
}

/// The answer to `kg query A B` from the index.
pub struct QueryAnswer {
    /// The entities and edges the answer names, for the renderers.
    pub graph: KnowledgeGraph,
    pub a: NodeIndex,
    pub b: NodeIndex,
    pub paths: Vec<ConnectionPath>,
    pub facts: Vec<Fact>,
}

/// [`crate::query::distinct_routes`] and [`crate::query::direct_facts`] on the index.
pub fn query(
    g: &GraphIndex,
    a: u32,
    b: u32,
    max_hops: usize,
    limit: usize,
) -> Result<QueryAnswer, QueryError> {
    if !(1..=MAX_HOPS).contains(&max_hops) {
        return Err(QueryError::BadHops {
            got: max_hops,
            max: MAX_HOPS,
        });
    }
    let mut local = Local::new(g);
    let paths = routes(g, &mut local, a, b, max_hops, limit)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    // The facts: the edges between a and b, and those to an agreement or
    // milestone both touch; direct_facts picks them out of this cut.
    let of_b: HashSet<u32> = g.links(b).map(|i| g.link(i).0).collect();
    for i in g.links(a) {
        let (w, e) = g.link(i);
        let shared =
            matches!(g.kind(w), EntityKind::Agreement | EntityKind::Milestone) && of_b.contains(&w);
        if w == b {
            local.add_edge(e);
        } else if shared {
            local.add_edge(e);
            for j in g.links(b) {
                let (x, f) = g.link(j);
                if x == w {
                    local.add_edge(f);
                }
            }
        }
    }
    for e in local.self_loops(a).into_iter().chain(local.self_loops(b)) {
        local.add_edge(e);
    }
    let (la, lb) = (local.add_node(a), local.add_node(b));
    let facts = crate::query::direct_facts(&local.graph, la, lb);
    Ok(QueryAnswer {
        graph: local.graph,
        a: la,
        b: lb,
        paths,
        facts,
    })
}

/// [`crate::query::distinct_routes`] on the index, each route with its edges;
/// the entities and articles of every candidate go into `local`.
fn routes(
    g: &GraphIndex,
    local: &mut Local<'_>,
    a: u32,
    b: u32,
    max_hops: usize,
    limit: usize,
) -> Vec<(ConnectionPath, Vec<u32>)> {
    let adj = IndexLinks {
        g,
        cache: RefCell::new(HashMap::new()),
    };
    let found = search_paths(
        &adj,
        NodeIndex::new(a as usize),
        NodeIndex::new(b as usize),
        max_hops,
        route_candidates(limit),
    );
    // One link per neighbour: a path's entities name its edges.
    let mut edges_of: HashMap<Vec<String>, Vec<u32>> = HashMap::new();
    let candidates: Vec<ConnectionPath> = found
        .iter()
        .map(|f| {
            let path = connection_path(g, local, f);
            let edges = f.links.iter().map(|l| l.edge.index() as u32).collect();
            edges_of.insert(path.nodes.clone(), edges);
            path
        })
        .collect();
    pick_routes(candidates, limit)
        .into_iter()
        .map(|path| {
            let edges = edges_of.remove(&path.nodes).unwrap_or_default();
            (path, edges)
        })
        .collect()
}

/// What `kg export --focus A B` draws, from the index: the routes of
/// [`crate::query::distinct_routes`] and a graph of their entities and edges.
pub fn routes_cut(
    g: &GraphIndex,
    a: u32,
    b: u32,
    max_hops: usize,
    limit: usize,
) -> Result<(KnowledgeGraph, NodeIndex, NodeIndex, Vec<ConnectionPath>), QueryError> {
    if !(1..=MAX_HOPS).contains(&max_hops) {
        return Err(QueryError::BadHops {
            got: max_hops,
            max: MAX_HOPS,
        });
    }
    let mut local = Local::new(g);
    let mut paths = Vec::new();
    for (path, edges) in routes(g, &mut local, a, b, max_hops, limit) {
        for e in edges {
            local.add_edge(e);
        }
        paths.push(path);
    }
    let (la, lb) = (local.add_node(a), local.add_node(b));
    Ok((local.graph, la, lb, paths))
}

fn milestone_date(g: &GraphIndex, v: u32) -> Option<String> {
    (g.kind(v) == EntityKind::Milestone)
        .then(|| g.attr(v, "date").map(str::to_string))
        .flatten()
}

/// A found path as ids; its entities and articles go into `local` for the renderers.
fn connection_path(g: &GraphIndex, local: &mut Local<'_>, found: &Found) -> ConnectionPath {
    let nodes: Vec<u32> = found.nodes.iter().map(|n| n.index() as u32).collect();
    let steps = nodes
        .windows(2)
        .zip(&found.links)
        .map(|(pair, link)| {
            let e = link.edge.index() as u32;
            let numbers = g.edge_article_numbers(e);
            for &a in &numbers {
                local.add_article(a);
            }
            PathStep {
                from: g.id(pair[0]).to_string(),
                to: g.id(pair[1]).to_string(),
                relation: link.relation,
                forward: link.forward || link.relation.is_symmetric(),
                date: unpack_date(g.edge(e).date)
                    .or_else(|| milestone_date(g, pair[0]))
                    .or_else(|| milestone_date(g, pair[1])),
                articles: numbers
                    .iter()
                    .map(|&a| g.articles()[a as usize].id.clone())
                    .collect(),
                sentence: g.sentence(e),
            }
        })
        .collect();
    for &v in &nodes {
        local.add_node(v);
    }
    ConnectionPath {
        nodes: nodes.iter().map(|&v| g.id(v).to_string()).collect(),
        steps,
    }
}

/// The index's adjacency as [`crate::query::paths`] walks it, each list built
/// when first visited.
struct IndexLinks<'g> {
    g: &'g GraphIndex,
    cache: RefCell<HashMap<u32, Rc<[Link]>>>,
}

impl Adjacency for IndexLinks<'_> {
    fn bound(&self) -> usize {
        self.g.node_count()
    }

    fn rank(&self, v: NodeIndex) -> usize {
        v.index()
    }

    fn links(&self, v: NodeIndex) -> Rc<[Link]> {
        let v = v.index() as u32;
        if let Some(list) = self.cache.borrow().get(&v) {
            return Rc::clone(list);
        }
        let g = self.g;
        let mut list: Vec<Link> = Vec::new();
        // Sorted by neighbour, the preferred parallel edge first.
        for i in g.links(v) {
            let (w, e) = g.link(i);
            if list.last().is_some_and(|l| l.to.index() as u32 == w) {
                continue;
            }
            let edge = g.edge(e);
            list.push(Link {
                to: NodeIndex::new(w as usize),
                edge: EdgeIndex::new(e as usize),
                forward: edge.src == v,
                relation: edge.relation,
                weight: edge.weight as usize,
                dated: edge.date != 0,
            });
        }
        list.sort_by_key(|l| std::cmp::Reverse(l.weight));
        let list: Rc<[Link]> = Rc::from(list);
        self.cache.borrow_mut().insert(v, Rc::clone(&list));
        list
    }

    fn for_each_neighbour(&self, v: NodeIndex, f: &mut dyn FnMut(NodeIndex)) {
        let g = self.g;
        for &w in g.link_nodes(g.links(v.index() as u32)) {
            f(NodeIndex::new(w as usize));
        }
    }
}
