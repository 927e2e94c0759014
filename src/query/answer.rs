//! `kg query` (`--as-of` too), `kg show`, `kg stats`, `kg timeline`, `kg
//! export` and `kg report` answered from a [`GraphIndex`], the one read model
//! behind [`crate::query::Reader`], so a store of millions of entities
//! answers in about a second instead of the minute its RON takes to parse.
//!
//! Name resolution, the path search (run on the index's adjacency) and the
//! facts are those of [`crate::query`]. Show, the direct facts, the
//! timeline, the report and the views of an export are computed by the
//! library's own functions on a small [`KnowledgeGraph`] cut out of the index
//! around what they show ([`Local`]); what the graph is first narrowed to
//! (an export's filter, `--as-of`) is a [`Scope`] on the index.
//! Neighbourhoods and the whole graph choose their entities on the index.
//!
//! What the index does not keep, and these answers do not print: evidence
//! offsets, and the id of an article an edge cites that the store does not
//! list (its evidence keeps its sentence under an empty article id).

use super::searcher::{self, Limits, Path, Searcher};
use crate::error::QueryError;
use crate::export::{Filter, View};
use crate::graph::KnowledgeGraph;
use crate::model::{fold, EntityKind, RelationKind, StatusSet};
use crate::query::{
    after, matches_among, normalize, pick_routes, resolve_among, route_candidates, ConnectionPath,
    Fact, Named, PathStep, Stats,
};
use crate::store::cut::Cut;
use crate::store::index::{unpack_date, GraphIndex};
use petgraph::stable_graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// [`crate::query::resolve`] on the index: the same rules, the same errors.
pub fn resolve(g: &GraphIndex, name: &str) -> Result<u32, QueryError> {
    resolve_in_scope(g, &EVERYTHING, name)
}

/// [`resolve`] among the entities `scope` keeps.
pub fn resolve_in_scope(g: &GraphIndex, scope: &Scope, name: &str) -> Result<u32, QueryError> {
    let raw_id = fold(name.trim()).to_lowercase();
    if let Some(v) = g
        .lookup(&raw_id)
        .filter(|&v| !normalize(name).is_empty() && scope.node(v))
    {
        return Ok(v);
    }
    resolve_among(&named_in_scope(g, scope), name)
}

/// The entities `scope` keeps, as name resolution sees them.
fn named_in_scope<'g>(g: &'g GraphIndex, scope: &Scope) -> Vec<Named<'g, u32>> {
    let mut aliases: HashMap<u32, Vec<&str>> = HashMap::new();
    for (v, alias) in g.all_aliases() {
        aliases.entry(v).or_default().push(alias);
    }
    (0..g.node_count() as u32)
        .filter(|&v| scope.node(v))
        .map(|v| Named {
            key: v,
            id: g.id(v),
            name: g.name(v),
            kind: g.kind(v),
            aliases: aliases.remove(&v).unwrap_or_default(),
        })
        .collect()
}

/// The entities `a` and `b` name among those `scope` keeps; a name several
/// entities answer to is the one among them linked to the other entity
/// ("Kenya" and "Comprehensive Strategic Partnership": Kenya's own), and
/// [`QueryError::Ambiguous`] when that is not exactly one.
pub fn resolve_pair_in_scope(
    g: &GraphIndex,
    scope: &Scope,
    a: &str,
    b: &str,
) -> Result<(u32, u32), QueryError> {
    let (ra, rb) = (resolve_in_scope(g, scope, a), resolve_in_scope(g, scope, b));
    let near = |other: u32, name: &str, err: QueryError| -> Result<u32, QueryError> {
        let QueryError::Ambiguous { .. } = err else {
            return Err(err);
        };
        let candidates = matches_among(&named_in_scope(g, scope), name)?;
        let linked: BTreeSet<u32> = g
            .link_nodes(g.links(other))
            .iter()
            .copied()
            .filter(|v| candidates.contains(v))
            .collect();
        let linked: Vec<u32> = linked.into_iter().collect();
        match linked.as_slice() {
            [one] => Ok(*one),
            _ => Err(err),
        }
    };
    match (ra, rb) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Ok(a), Err(e)) => Ok((a, near(a, b, e)?)),
        (Err(e), Ok(b)) => Ok((near(b, a, e)?, b)),
        (Err(e), Err(_)) => Err(e),
    }
}

/// Counts over the whole graph (`kg stats`).
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
        stories: (0..g.articles().len() as u32)
            .filter(|&a| g.article_story(a) == a)
            .count(),
        evidence: g.evidence_count() as usize,
        by_kind,
        by_relation,
    }
}

/// A small graph cut out of the index: some entities, some of their edges,
/// and the articles those edges cite, as readers show them
/// ([`Cut::shown`]), within a [`Scope`].
pub struct Local<'g> {
    g: &'g GraphIndex,
    scope: &'g Scope,
    /// The cut-out graph, for [`crate::query`] and its renderers.
    pub cut: Cut<'g>,
    /// Self-loops by entity, found by one scan when first needed.
    loops: Option<HashMap<u32, Vec<u32>>>,
}

impl<'g> Local<'g> {
    pub fn new(g: &'g GraphIndex) -> Local<'g> {
        Local::scoped(g, &EVERYTHING)
    }

    /// A cut that takes only what `scope` keeps.
    pub fn scoped(g: &'g GraphIndex, scope: &'g Scope) -> Local<'g> {
        Local {
            g,
            scope,
            cut: Cut::shown(g),
            loops: None,
        }
    }

    /// Adds entity `v` (id, kind, name, aliases, attributes); its node.
    pub fn add_node(&mut self, v: u32) -> NodeIndex {
        self.cut.add_node(v)
    }

    fn add_article(&mut self, a: u32) {
        self.cut.add_article(a);
    }

    /// Adds edge `e`, its ends, its articles and its evidence as the store
    /// holds them (without offsets), when the scope keeps it.
    pub fn add_edge(&mut self, e: u32) {
        if self.scope.edge(self.g, e) {
            self.cut.add_edge(e);
        }
    }

    /// Adds every edge of `v`, self-loops included.
    pub fn add_edges_of(&mut self, v: u32) {
        if !self.scope.node(v) {
            return;
        }
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
        let loops = self.loops.get_or_insert_with(|| g.self_loops());
        loops.get(&v).cloned().unwrap_or_default()
    }
}

/// Entity `v` and every edge touching it, for [`crate::query::show`].
pub fn around(g: &GraphIndex, scope: &Scope, v: u32) -> (KnowledgeGraph, NodeIndex) {
    let mut local = Local::scoped(g, scope);
    local.add_edges_of(v);
    let ix = local.add_node(v);
    (local.cut.graph, ix)
}

/// Entity `a` (and `b`) with everything [`crate::query::timeline`] and
/// [`crate::query::partnership_levels`] read around them: their edges, those
/// of the officials who represent them and of the agreements they are party
/// to, and those of every milestone linked to any of these.
pub fn timeline_cut(
    g: &GraphIndex,
    scope: &Scope,
    a: u32,
    b: Option<u32>,
) -> (KnowledgeGraph, NodeIndex, Option<NodeIndex>) {
    let mut local = Local::scoped(g, scope);
    add_timeline(&mut local, a, b);
    let la = local.add_node(a);
    let lb = b.map(|b| local.add_node(b));
    (local.cut.graph, la, lb)
}

/// What [`timeline_cut`] cuts, into `local`.
fn add_timeline(local: &mut Local<'_>, a: u32, b: Option<u32>) {
    let g = local.g;
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
}

/// The answer to `kg query A B` from the index (with `--as-of`, in the
/// scope of [`Scope::as_of`]).
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
    scope: &Scope,
    a: u32,
    b: u32,
    max_hops: usize,
    limit: usize,
) -> Result<QueryAnswer, QueryError> {
    crate::query::check_hops(max_hops)?;
    let mut local = Local::scoped(g, scope);
    let paths = routes(g, &mut local, a, b, max_hops, limit)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    // The facts: the edges between a and b, and those to an agreement or
    // milestone both touch; direct_facts picks them out of this cut.
    let of_b: HashSet<u32> = g
        .links(b)
        .map(|i| g.link(i))
        .filter(|&(_, e)| scope.edge(g, e))
        .map(|(w, _)| w)
        .collect();
    for i in g.links(a) {
        let (w, e) = g.link(i);
        if !scope.edge(g, e) {
            continue;
        }
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
    let facts = crate::query::direct_facts(&local.cut.graph, la, lb);
    Ok(QueryAnswer {
        graph: local.cut.graph,
        a: la,
        b: lb,
        paths,
        facts,
    })
}

/// Links a route search may visit before it answers with the routes found
/// (a bound on the work behind one `kg query` between two hubs).
const PATH_BUDGET: u64 = 2_000_000;

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
    let filter = searcher::Filter::any().within(local.scope);
    let limits = Limits::new(max_hops, route_candidates(limit)).with_budget(PATH_BUDGET);
    let (found, _) = Searcher::new(g).ranked_paths(a, b, &filter, limits);
    // One link per neighbour: a path's entities name its edges.
    let mut edges_of: HashMap<Vec<String>, Vec<u32>> = HashMap::new();
    let candidates: Vec<ConnectionPath> = found
        .iter()
        .map(|f| {
            let path = connection_path(g, local, f);
            edges_of.insert(path.nodes.clone(), f.edges.clone());
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

/// The `limit` best simple paths between `a` and `b` of at most `max_hops`
/// edges, edges taken in either direction: shortest first, then those whose
/// hops more articles state, then by the entities' ids ([`crate::query::paths`]).
pub(crate) fn ranked(
    g: &GraphIndex,
    a: u32,
    b: u32,
    max_hops: usize,
    limit: usize,
) -> Vec<ConnectionPath> {
    let mut local = Local::new(g);
    let limits = Limits::new(max_hops, limit).with_budget(PATH_BUDGET);
    let (found, _) = Searcher::new(g).ranked_paths(a, b, &searcher::Filter::any(), limits);
    found
        .iter()
        .map(|f| connection_path(g, &mut local, f))
        .collect()
}

/// What `kg export --focus A B` draws, from the index: the routes of
/// [`crate::query::distinct_routes`] and a graph of their entities and edges.
pub fn routes_cut(
    g: &GraphIndex,
    scope: &Scope,
    a: u32,
    b: u32,
    max_hops: usize,
    limit: usize,
) -> Result<(KnowledgeGraph, NodeIndex, NodeIndex, Vec<ConnectionPath>), QueryError> {
    crate::query::check_hops(max_hops)?;
    let mut local = Local::scoped(g, scope);
    let mut paths = Vec::new();
    for (path, edges) in routes(g, &mut local, a, b, max_hops, limit) {
        for e in edges {
            local.add_edge(e);
        }
        paths.push(path);
    }
    let (la, lb) = (local.add_node(a), local.add_node(b));
    Ok((local.cut.graph, la, lb, paths))
}

/// A found path as ids; its entities and articles go into `local` for the renderers.
fn connection_path(g: &GraphIndex, local: &mut Local<'_>, found: &Path) -> ConnectionPath {
    let nodes = &found.nodes;
    let steps = nodes
        .windows(2)
        .zip(&found.edges)
        .map(|(pair, &e)| {
            let edge = g.edge(e);
            let numbers = g.edge_article_numbers(e);
            for &a in &numbers {
                local.add_article(a);
            }
            PathStep {
                from: g.id(pair[0]).to_string(),
                to: g.id(pair[1]).to_string(),
                relation: edge.relation,
                status: g.edge_status(e),
                forward: edge.src == pair[0] || edge.relation.is_symmetric(),
                date: unpack_date(edge.date)
                    .or_else(|| g.milestone_date(pair[0]).map(str::to_string))
                    .or_else(|| g.milestone_date(pair[1]).map(str::to_string)),
                articles: numbers
                    .iter()
                    .map(|&a| g.articles()[a as usize].id.clone())
                    .collect(),
                article_count: numbers.len(),
                story_count: g.story_count(&numbers),
                sentence: g.sentence(e),
            }
        })
        .collect::<Vec<PathStep>>();
    for &v in nodes {
        local.add_node(v);
    }
    ConnectionPath {
        nodes: nodes.iter().map(|&v| g.id(v).to_string()).collect(),
        status: ConnectionPath::status_of(&steps),
        steps,
    }
}

/// The scope that keeps everything.
static EVERYTHING: Scope = Scope {
    nodes: None,
    edges: None,
};

/// Which entities and edges of the index a question sees: all of them, those
/// an export's filter keeps ([`Scope::filtered`]), or the graph as it stood
/// on a date ([`Scope::as_of`]). An edge is seen when it and both its ends are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Kept entities by number; `None` keeps all.
    nodes: Option<Vec<bool>>,
    /// Kept edges by number; `None` keeps all.
    edges: Option<Vec<bool>>,
}

impl Scope {
    /// Everything.
    pub fn everything() -> Scope {
        Scope::default()
    }

    pub fn is_everything(&self) -> bool {
        self.nodes.is_none() && self.edges.is_none()
    }

    /// Whether entity `v` is in scope.
    pub fn node(&self, v: u32) -> bool {
        self.nodes.as_ref().is_none_or(|k| k[v as usize])
    }

    /// Whether edge `e` and both its ends are in scope.
    pub fn edge(&self, g: &GraphIndex, e: u32) -> bool {
        if self.is_everything() {
            return true;
        }
        if self.edges.as_ref().is_some_and(|k| !k[e as usize]) {
            return false;
        }
        let edge = g.edge(e);
        self.node(edge.src) && self.node(edge.dst)
    }

    /// What `filter` keeps of the graph, the entities of `keep` whatever
    /// their kind or date: entities of its kinds (a milestone under a date
    /// filter only with a date in the period), and relations undated or
    /// dated in the period, between two entities kept.
    pub fn filtered(g: &GraphIndex, filter: &Filter, keep: &[u32]) -> Scope {
        if filter.is_empty() {
            return Scope::everything();
        }
        let dated = filter.since.is_some() || filter.until.is_some();
        let nodes = (0..g.node_count() as u32)
            .map(|v| {
                if keep.contains(&v) {
                    return true;
                }
                if filter
                    .kinds
                    .as_ref()
                    .is_some_and(|k| !k.contains(&g.kind(v)))
                {
                    return false;
                }
                if dated && g.kind(v) == EntityKind::Milestone {
                    return g.attr(v, "date").is_some_and(|d| filter.keeps_date(d));
                }
                true
            })
            .collect();
        let edges = dated.then(|| {
            (0..g.edge_count() as u32)
                .map(|e| edge_date(g, e).is_none_or(|d| filter.keeps_date(d)))
                .collect()
        });
        Scope {
            nodes: Some(nodes),
            edges,
        }
    }

    /// The graph as it stood on `as_of` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`):
    /// no milestone, dated relation or partnership from after it, and no
    /// partnership level a newer one had superseded by then.
    pub fn as_of(g: &GraphIndex, as_of: &str) -> Scope {
        let mut nodes = vec![true; g.node_count()];
        let mut partnerships: Vec<u32> = Vec::new();
        for v in 0..g.node_count() as u32 {
            let start = match g.kind(v) {
                EntityKind::Milestone => g.attr(v, "date").map(str::to_string),
                EntityKind::Agreement => partnership_start(g, v),
                _ => None,
            };
            if start.is_some_and(|d| after(&d, as_of)) {
                nodes[v as usize] = false;
            }
            if g.attr(v, "kind") == Some("partnership") {
                partnerships.push(v);
            }
        }
        // The pairs of countries party to the same partnerships in force:
        // each pair's levels begun by then, all but the one in force
        // superseded (the highest rank, the latest among equals). A level
        // only explored or planned supersedes nothing.
        let mut shared: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
        for &p in &partnerships {
            let mut parties: Vec<u32> = g
                .links(p)
                .map(|i| g.link(i))
                .filter(|&(c, e)| {
                    let edge = g.edge(e);
                    edge.relation == RelationKind::PartyTo
                        && edge.src == c
                        && g.kind(c) == EntityKind::Country
                        && g.edge_status(e).happened()
                })
                .map(|(c, _)| c)
                .collect();
            parties.sort_unstable();
            parties.dedup();
            for (i, &x) in parties.iter().enumerate() {
                for &y in &parties[i + 1..] {
                    shared.entry((x, y)).or_default().push(p);
                }
            }
        }
        for levels in shared.values() {
            let mut begun: Vec<(u8, String, &str, u32)> = levels
                .iter()
                .filter_map(|&p| {
                    partnership_start(g, p)
                        .filter(|from| !after(from, as_of))
                        .map(|from| (crate::query::partnership_rank(g.name(p)), from, g.id(p), p))
                })
                .collect();
            begun.sort();
            for &(_, _, _, p) in begun.iter().take(begun.len().saturating_sub(1)) {
                nodes[p as usize] = false;
            }
        }
        // What was known then: a fact dated by then (its own date, or that
        // of the milestone or agreement it ties, which the entities above
        // already judged), an undated one reported by then (by an article
        // dated on or before it).
        let dated_end = |v: u32| match g.kind(v) {
            EntityKind::Milestone => g.attr(v, "date").is_some(),
            EntityKind::Agreement => g.attr(v, "year").is_some(),
            _ => false,
        };
        let edges = (0..g.edge_count() as u32)
            .map(|e| match edge_date(g, e) {
                Some(d) => !after(d, as_of),
                None if dated_end(g.edge(e).src) || dated_end(g.edge(e).dst) => true,
                None => !first_reported(g, e).is_some_and(|d| after(d, as_of)),
            })
            .collect();
        Scope {
            nodes: Some(nodes),
            edges: Some(edges),
        }
    }

    /// This scope narrowed to the facts whose status `keep` keeps
    /// (`--status held`): edges of other statuses go, and so do milestones
    /// and agreements of other statuses.
    pub fn with_statuses(self, g: &GraphIndex, keep: StatusSet) -> Scope {
        if keep.is_all() {
            return self;
        }
        let mut nodes = self.nodes.unwrap_or_else(|| vec![true; g.node_count()]);
        // Countries, officials, places and bodies have no status: they stay.
        for (v, kept) in nodes.iter_mut().enumerate() {
            let v = v as u32;
            let told = matches!(g.kind(v), EntityKind::Milestone | EntityKind::Agreement);
            *kept = *kept && (!told || keep.keeps(crate::store::status::of_node(g, v)));
        }
        let mut edges = self.edges.unwrap_or_else(|| vec![true; g.edge_count()]);
        for (e, kept) in edges.iter_mut().enumerate() {
            *kept = *kept && keep.keeps(g.edge_status(e as u32));
        }
        Scope {
            nodes: Some(nodes),
            edges: Some(edges),
        }
    }

    /// How many entities are in scope.
    pub fn node_count(&self, g: &GraphIndex) -> usize {
        match &self.nodes {
            None => g.node_count(),
            Some(k) => k.iter().filter(|&&x| x).count(),
        }
    }
}

/// The earliest publication date among the articles stating edge `e`.
fn first_reported(g: &GraphIndex, e: u32) -> Option<&str> {
    g.edge_article_numbers(e)
        .into_iter()
        .filter_map(|a| g.article_date(a as usize))
        .min()
}

fn edge_date(g: &GraphIndex, e: u32) -> Option<&str> {
    g.edge_attrs(e).find(|(k, _)| *k == "date").map(|(_, v)| v)
}

/// When a partnership began: its earliest elevation, else its year (as
/// [`crate::query::partnership_levels`] has it).
fn partnership_start(g: &GraphIndex, v: u32) -> Option<String> {
    let elevated = g
        .links(v)
        .map(|i| g.link(i))
        .filter(|&(m, e)| {
            let edge = g.edge(e);
            edge.relation == RelationKind::Concerns && edge.dst == v && edge.src == m
        })
        .filter(|&(m, _)| g.attr(m, "kind") == Some("elevation"))
        .filter_map(|(m, _)| g.attr(m, "date"))
        .min();
    elevated.or_else(|| g.attr(v, "year")).map(str::to_string)
}

/// What `kg export --focus A` draws: the neighbourhood of `focus` up to
/// `depth` hops (edges followed both ways) in the part of the graph `scope`
/// keeps, at most `max_nodes` entities with `focus` included, and the cut it
/// draws from (the view's entities and every edge between them). Also how
/// many entities within `depth` hops were left out.
///
/// The view grows one hop at a time and stays connected: an entity enters
/// only next to one already in. When a hop does not fit, the candidates
/// backed by the most articles (then the most evidence sentences, then the
/// smallest id) go first. It is laid out left to right, `focus` first, then
/// one column per hop.
pub fn ego(
    g: &GraphIndex,
    scope: &Scope,
    focus: u32,
    depth: usize,
    max_nodes: usize,
) -> (KnowledgeGraph, View, usize) {
    let max_nodes = max_nodes.max(1);
    let kept_links = |v: u32| {
        g.links(v)
            .map(|i| g.link(i))
            .filter(|&(_, e)| scope.edge(g, e))
    };
    // Everything within `depth` hops, to count what is left out.
    let mut seen = vec![false; g.node_count()];
    seen[focus as usize] = true;
    let mut within = 1usize;
    let mut frontier = vec![focus];
    for _ in 1..=depth {
        let mut next = Vec::new();
        for &v in &frontier {
            for (w, _) in kept_links(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    next.push(w);
                }
            }
        }
        within += next.len();
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    drop(seen);

    let mut chosen: BTreeSet<u32> = BTreeSet::from([focus]);
    let mut ranks: BTreeMap<u32, usize> = BTreeMap::from([(focus, 0)]);
    let mut last_hop = vec![focus];
    for hop in 1..=depth {
        if chosen.len() >= max_nodes || last_hop.is_empty() {
            break;
        }
        // Candidates next to the entities that entered last, scored by their edges into the view.
        let mut scores: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
        for &v in &last_hop {
            for (w, e) in kept_links(v) {
                if chosen.contains(&w) {
                    continue;
                }
                let score = scores.entry(w).or_default();
                score.0 += g.edge(e).weight as usize;
                score.1 += g.evidence_len(e);
            }
        }
        let mut candidates: Vec<(u32, (usize, usize))> = scores.into_iter().collect();
        // Entity numbers are in id order: the smaller number, the smaller id.
        candidates.sort_by(|(a, sa), (b, sb)| sb.cmp(sa).then(a.cmp(b)));
        let room = max_nodes - chosen.len();
        last_hop = candidates.into_iter().take(room).map(|(v, _)| v).collect();
        chosen.extend(last_hop.iter().copied());
        ranks.extend(last_hop.iter().map(|&v| (v, hop)));
    }
    let mut local = Local::scoped(g, scope);
    add_between(&mut local, &chosen);
    let mut view = View {
        emphasized: vec![local.add_node(focus)],
        nodes: chosen.iter().map(|&v| local.add_node(v)).collect(),
        ranks: ranks
            .iter()
            .map(|(&v, &r)| (local.add_node(v), r))
            .collect(),
        left_to_right: true,
        ..View::default()
    };
    let name = g.name(focus);
    view.title = if depth == 1 {
        format!("Neighbourhood of {name}")
    } else {
        format!("Neighbourhood of {name} ({depth} hops)")
    };
    let left_out = within.saturating_sub(chosen.len());
    if left_out > 0 {
        view.subtitle = format!(
            "the {} best-evidenced of {within} entities within {depth} hop{}",
            chosen.len(),
            if depth == 1 { "" } else { "s" }
        );
    }
    (local.cut.graph, view, left_out)
}

/// Adds the entities of `nodes` and every edge in scope between two of
/// them (self-loops too) to `local`.
fn add_between(local: &mut Local<'_>, nodes: &BTreeSet<u32>) {
    let g = local.g;
    // A bitmap: a cut of the whole graph tests millions of links.
    let mut inside = vec![false; g.node_count()];
    for &v in nodes {
        inside[v as usize] = true;
    }
    for &v in nodes {
        local.add_node(v);
        for i in g.links(v) {
            let (w, e) = g.link(i);
            if inside[w as usize] {
                local.add_edge(e);
            }
        }
        for e in local.self_loops(v) {
            local.add_edge(e);
        }
    }
}

/// The entities [`whole`] draws, in number (so id) order: every entity in
/// `scope`, or the `max_nodes` best-evidenced of them (those whose edges in
/// scope are backed by most articles, then most sentences, then the smallest
/// id); also how many `scope` holds.
pub fn whole_choice(g: &GraphIndex, scope: &Scope, max_nodes: Option<usize>) -> (Vec<u32>, usize) {
    let in_scope: Vec<u32> = (0..g.node_count() as u32)
        .filter(|&v| scope.node(v))
        .collect();
    let total = in_scope.len();
    let chosen = match max_nodes {
        Some(max) if total > max => {
            // Every edge drawn counts at both ends (a self-loop twice at its one).
            let mut scores = vec![(0usize, 0usize); g.node_count()];
            for e in 0..g.edge_count() as u32 {
                if !scope.edge(g, e) {
                    continue;
                }
                let edge = g.edge(e);
                let (w, n) = (edge.weight as usize, g.evidence_len(e));
                for end in [edge.src, edge.dst] {
                    scores[end as usize].0 += w;
                    scores[end as usize].1 += n;
                }
            }
            let mut ranked = in_scope;
            ranked.sort_by(|a, b| scores[*b as usize].cmp(&scores[*a as usize]).then(a.cmp(b)));
            ranked.truncate(max.max(1));
            ranked.sort_unstable();
            ranked
        }
        _ => in_scope,
    };
    (chosen, total)
}

/// What `kg export` without a focus draws, from the index: every entity in
/// `scope` (at most `max_nodes`, as [`whole_choice`] keeps them), in
/// boxes by country as [`crate::export::whole`] puts them, and the cut it
/// draws from. Also how many entities were left out.
pub fn whole(
    g: &GraphIndex,
    scope: &Scope,
    max_nodes: Option<usize>,
) -> (KnowledgeGraph, View, usize) {
    let (chosen, total) = whole_choice(g, scope, max_nodes);
    let chosen: BTreeSet<u32> = chosen.into_iter().collect();
    let capped = chosen.len() < total;
    // Each official, place and organization goes to the country it belongs to
    // by most articles (then smallest id) among all in scope; when that country
    // was left out, to none.
    let mut clusters: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for &v in &chosen {
        let relation = match g.kind(v) {
            EntityKind::Official => RelationKind::Represents,
            EntityKind::Place => RelationKind::LocatedIn,
            EntityKind::Organization => RelationKind::MemberOf,
            _ => continue,
        };
        let best = g
            .links(v)
            .map(|i| g.link(i))
            .filter(|&(c, e)| {
                let edge = g.edge(e);
                edge.src == v
                    && edge.relation == relation
                    && g.kind(c) == EntityKind::Country
                    && scope.edge(g, e)
            })
            .map(|(c, e)| (std::cmp::Reverse(g.edge(e).weight), c))
            .min();
        if let Some((_, country)) = best {
            if chosen.contains(&country) {
                clusters.entry(country).or_default().insert(v);
            }
        }
    }
    let mut local = Local::scoped(g, scope);
    add_between(&mut local, &chosen);
    let mut view = View {
        nodes: chosen.iter().map(|&v| local.add_node(v)).collect(),
        clusters: clusters
            .iter()
            .map(|(&country, members)| {
                let mut boxed: BTreeSet<NodeIndex> =
                    members.iter().map(|&m| local.add_node(m)).collect();
                boxed.insert(local.add_node(country));
                (local.add_node(country), boxed)
            })
            .collect(),
        title: "Knowledge graph".to_string(),
        left_to_right: true,
        ..View::default()
    };
    if capped {
        view.subtitle = format!("the {} best-evidenced of {total} entities", chosen.len());
    }
    (local.cut.graph, view, total - chosen.len())
}

/// What `kg report A B` reads, from the index: the routes between `a` and
/// `b`, their timeline, and every edge between two entities of either; the
/// report is then made from this cut as from the whole graph.
pub fn report_cut(
    g: &GraphIndex,
    a: u32,
    b: u32,
    max_hops: usize,
    limit: usize,
) -> Result<(KnowledgeGraph, NodeIndex, NodeIndex, Vec<ConnectionPath>), QueryError> {
    crate::query::check_hops(max_hops)?;
    let mut local = Local::new(g);
    let mut paths = Vec::new();
    let mut nodes: BTreeSet<u32> = BTreeSet::from([a, b]);
    for (path, edges) in routes(g, &mut local, a, b, max_hops, limit) {
        for e in edges {
            local.add_edge(e);
        }
        nodes.extend(path.nodes.iter().filter_map(|id| g.lookup(id)));
        paths.push(path);
    }
    add_timeline(&mut local, a, Some(b));
    // The timeline's milestones are among the entities of the facts table.
    let (la, lb) = (local.add_node(a), local.add_node(b));
    let entries = crate::query::timeline(&local.cut.graph, la, Some(lb));
    nodes.extend(entries.iter().filter_map(|t| g.lookup(&t.id)));
    add_between(&mut local, &nodes);
    Ok((local.cut.graph, la, lb, paths))
}
