//! Path queries over a [`GraphIndex`], edges taken in either direction:
//! shortest path, all shortest paths (counted without enumerating them, then
//! enumerated lazily), simple paths up to N hops (streamed), and the k
//! shortest paths ranked by length then evidence.
//!
//! A [`Searcher`] owns the work arrays (visit marks, distances, path counts,
//! parents), sized to the graph once and reused by every query: a query
//! starts a new epoch instead of clearing them, so its cost is proportional
//! to the part of the graph it explores, never to the whole graph.
//!
//! Every query is bounded by a hop cap; the enumerations also by a result
//! limit and a work budget (links visited), and say which bound stopped them
//! ([`Outcome`]). A [`Filter`] restricts the relations a path may use, the
//! kinds of entity it may pass through and the dates of what it passes.
//!
//! Outside the crate they are asked through [`crate::query::Reader::paths`]:
//!
//! ```
//! use kg::query::{PathMode, PathsQuery, Reader};
//! # use kg::graph::KnowledgeGraph;
//! # use kg::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};
//! # let mut kg = KnowledgeGraph::new();
//! # for (kind, slug) in [(EntityKind::Country, "india"), (EntityKind::Country, "japan"),
//! #                      (EntityKind::Agreement, "ssgp")] {
//! #     kg.upsert_entity(Entity::new(kind, slug, slug));
//! # }
//! # let ev = Evidence { article: String::new(), sentence: "s".into(), start: 0, end: 1 };
//! # for c in ["country:india", "country:japan"] {
//! #     kg.add_relation(c, RelationKind::PartyTo, "agreement:ssgp", Attrs::new(), ev.clone());
//! # }
//! let reader = Reader::of_graph(&kg);
//! let mut query = PathsQuery {
//!     a: "country:india",
//!     b: "country:japan",
//!     mode: PathMode::Shortest,
//!     max_hops: 4,
//!     limit: 10,
//!     count: false,
//!     relations: &[],
//!     through: &[],
//!     avoid: &[],
//!     from: None,
//!     until: None,
//! };
//! assert_eq!(reader.paths(&query)?.paths[0].hops, 2);
//! query.mode = PathMode::AllShortest;
//! query.count = true;
//! assert_eq!(reader.paths(&query)?.count, Some(1));
//! query.mode = PathMode::Ranked;
//! query.count = false;
//! assert_eq!(reader.paths(&query)?.paths.len(), 1);
//! # Ok::<(), kg::error::QueryError>(())
//! ```

use super::answer::Scope;
use crate::model::{EntityKind, RelationKind};
use crate::store::index::{date_upper, GraphIndex};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::ControlFlow;

const ALL_RELATIONS: u16 = (1 << RelationKind::ALL.len()) - 1;
const ALL_KINDS: u8 = (1 << EntityKind::ALL.len()) - 1;
const NONE: u32 = u32::MAX;

/// Which edges and entities a path may use. Endpoints are never filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter<'s> {
    relations: u16,
    through: u8,
    from: u32,
    until: u32,
    /// Only what this scope keeps (an export's filter, `--as-of`).
    scope: Option<&'s Scope>,
}

impl Default for Filter<'_> {
    fn default() -> Self {
        Filter::any()
    }
}

impl<'s> Filter<'s> {
    /// Every relation, every kind, any date.
    pub fn any() -> Self {
        Filter {
            relations: ALL_RELATIONS,
            through: ALL_KINDS,
            from: 0,
            until: u32::MAX,
            scope: None,
        }
    }

    /// Only the entities and edges `scope` keeps.
    pub fn within(mut self, scope: &'s Scope) -> Self {
        self.scope = (!scope.is_everything()).then_some(scope);
        self
    }

    /// Only these relations (all when empty).
    pub fn relations(mut self, relations: &[RelationKind]) -> Self {
        if !relations.is_empty() {
            self.relations = relations.iter().fold(0, |m, r| m | 1 << *r as u8);
        }
        self
    }

    /// Only these kinds of entity between the endpoints (all when empty).
    pub fn through(mut self, kinds: &[EntityKind]) -> Self {
        if !kinds.is_empty() {
            self.through = kinds.iter().fold(0, |m, k| m | 1 << *k as u8);
        }
        self
    }

    /// Never these kinds of entity between the endpoints.
    pub fn avoid(mut self, kinds: &[EntityKind]) -> Self {
        for k in kinds {
            self.through &= !(1 << *k as u8);
        }
        self
    }

    /// Only edges and milestones dated within `from..=until` (packed dates,
    /// see [`crate::store::index::pack_date`]; a partial date counts as its whole
    /// span). Undated edges and entities always pass: on a graph without dates
    /// (an import from CSV) this filter changes nothing.
    pub fn dated(mut self, from: Option<u32>, until: Option<u32>) -> Self {
        self.from = from.unwrap_or(0);
        self.until = until.map_or(u32::MAX, date_upper);
        self
    }

    /// Whether a path may use edge `e`.
    pub fn allows_edge(&self, g: &GraphIndex, e: u32) -> bool {
        self.edge_ok(g, e)
    }

    /// Whether a path may pass through entity `v` (endpoints always may).
    pub fn allows_node(&self, g: &GraphIndex, v: u32) -> bool {
        self.node_ok(g, v)
    }

    fn restricts_edges(&self) -> bool {
        self.relations != ALL_RELATIONS
            || self.from != 0
            || self.until != u32::MAX
            || self.scope.is_some()
    }

    #[inline]
    fn date_ok(&self, d: u32) -> bool {
        d == 0 || (date_upper(d) >= self.from && d <= self.until)
    }

    #[inline]
    fn edge_ok(&self, g: &GraphIndex, e: u32) -> bool {
        g.edge_rel_bit(e) & self.relations != 0
            && self.date_ok(g.edge_date_raw(e))
            && self.scope.is_none_or(|s| s.edge(g, e))
    }

    #[inline]
    fn node_ok(&self, g: &GraphIndex, v: u32) -> bool {
        g.kind_bit(v) & self.through != 0
            && self.date_ok(g.node_date(v))
            && self.scope.is_none_or(|s| s.node(v))
    }
}

/// Bounds on an enumeration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest path, in edges.
    pub max_hops: usize,
    /// How many paths at most.
    pub limit: usize,
    /// How many links the search may visit before it stops.
    pub budget: u64,
}

impl Limits {
    /// `max_hops` and `limit`, with an unbounded budget.
    pub fn new(max_hops: usize, limit: usize) -> Limits {
        Limits {
            max_hops,
            limit,
            budget: u64::MAX,
        }
    }

    pub fn with_budget(mut self, budget: u64) -> Limits {
        self.budget = budget;
        self
    }

    pub fn with_limit(mut self, limit: usize) -> Limits {
        self.limit = limit;
        self
    }
}

/// Why an enumeration ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every path within the hop cap was seen.
    Complete,
    /// The result limit was reached; there may be more.
    Limit,
    /// The work budget was spent; there may be more, and better ones.
    Budget,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Complete => "complete",
            Outcome::Limit => "limit",
            Outcome::Budget => "budget",
        }
    }
}

/// A path: `nodes[0]` to `nodes[hops]`, `edges[i]` joining `nodes[i]` and `nodes[i + 1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path {
    pub nodes: Vec<u32>,
    pub edges: Vec<u32>,
}

impl Path {
    pub fn hops(&self) -> usize {
        self.edges.len()
    }

    /// Stories behind each hop, summed: the ranking weight.
    pub fn evidence(&self, g: &GraphIndex) -> u64 {
        self.edges
            .iter()
            .map(|&e| u64::from(g.edge_weight(e)))
            .sum()
    }
}

/// How many shortest paths join two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortestCount {
    pub hops: usize,
    /// The number of shortest paths (as node sequences), saturating at `u64::MAX`.
    pub paths: u64,
    pub saturated: bool,
}

/// One side of a bidirectional search.
#[derive(Debug, Default)]
struct Side {
    seen: Vec<u32>,
    dist: Vec<u16>,
    parent: Vec<u32>,
    parent_edge: Vec<u32>,
    count: Vec<u64>,
    front: Vec<u32>,
    next: Vec<u32>,
    depth: usize,
}

impl Side {
    fn new(n: usize) -> Side {
        Side {
            seen: vec![0; n],
            dist: vec![0; n],
            parent: vec![NONE; n],
            parent_edge: vec![NONE; n],
            ..Side::default()
        }
    }

    fn start(&mut self, root: u32, epoch: u32, counting: bool) {
        let r = root as usize;
        self.seen[r] = epoch;
        self.dist[r] = 0;
        self.parent[r] = NONE;
        self.parent_edge[r] = NONE;
        if counting {
            if self.count.len() < self.seen.len() {
                self.count = vec![0; self.seen.len()];
            }
            self.count[r] = 1;
        }
        self.front.clear();
        self.front.push(root);
        self.next.clear();
        self.depth = 0;
    }

    #[inline]
    fn has(&self, v: u32, epoch: u32) -> bool {
        self.seen[v as usize] == epoch
    }

    /// Expands this side's front by one level for a shortest-path search,
    /// stopping at the first edge `(u, e, w)` that reaches a node `other` has seen.
    #[inline]
    fn expand_level(
        &mut self,
        other: &Side,
        g: &GraphIndex,
        filter: &Filter,
        epoch: u32,
        visits: &mut u64,
    ) -> Option<(u32, u32, u32)> {
        let d = self.depth as u16 + 1;
        let front = std::mem::take(&mut self.front);
        let mut next = std::mem::take(&mut self.next);
        next.clear();
        let mut meet = None;
        for &u in &front {
            *visits += g.degree(u) as u64;
            let flow = neighbours(g, u, filter, |w, e| {
                if other.has(w, epoch) {
                    return ControlFlow::Break((u, e, w));
                }
                if self.has(w, epoch) || !filter.node_ok(g, w) {
                    return ControlFlow::Continue(());
                }
                let wi = w as usize;
                self.seen[wi] = epoch;
                self.dist[wi] = d;
                self.parent[wi] = u;
                self.parent_edge[wi] = e;
                next.push(w);
                ControlFlow::Continue(())
            });
            if let ControlFlow::Break(m) = flow {
                meet = Some(m);
                break;
            }
        }
        self.front = next;
        self.next = front;
        self.depth += 1;
        meet
    }

    /// Expands this side's front by one level while counting shortest paths
    /// from its root; when the level reaches `other`, returns the number of
    /// joined paths (and whether it saturated) and keeps the meeting level as
    /// the front for enumeration.
    #[inline]
    fn count_level(
        &mut self,
        other: &Side,
        g: &GraphIndex,
        filter: &Filter,
        epoch: u32,
        visits: &mut u64,
    ) -> Option<(u64, bool)> {
        let d = self.depth as u16 + 1;
        let front = std::mem::take(&mut self.front);
        let mut next = std::mem::take(&mut self.next);
        next.clear();
        let mut met = false;
        let mut total: u64 = 0;
        let mut saturated = false;
        for &u in &front {
            *visits += g.degree(u) as u64;
            let cu = self.count[u as usize];
            let _ = neighbours::<()>(g, u, filter, |w, _| {
                let wi = w as usize;
                if other.has(w, epoch) {
                    debug_assert_eq!(other.dist[wi] as usize, other.depth);
                    met = true;
                    // Once saturated, the sum stays at u64::MAX.
                    let joined = cu
                        .checked_mul(other.count[wi])
                        .and_then(|p| total.checked_add(p));
                    saturated |= joined.is_none();
                    total = joined.unwrap_or(u64::MAX);
                } else if met {
                    // The meeting level: nothing further is needed.
                } else if self.has(w, epoch) && self.dist[wi] == d {
                    self.count[wi] = self.count[wi].saturating_add(cu);
                } else if !self.has(w, epoch) && filter.node_ok(g, w) {
                    self.seen[wi] = epoch;
                    self.dist[wi] = d;
                    self.count[wi] = cu;
                    next.push(w);
                }
                ControlFlow::Continue(())
            });
        }
        if met {
            // Keep the meeting level as this side's frontier for enumeration.
            self.front = front;
            self.next = next;
            return Some((total, saturated));
        }
        self.front = next;
        self.next = front;
        self.depth += 1;
        None
    }

    /// Grows a ball (see [`Searcher::ball`]) by one level: every node first
    /// reached from the front gets its distance and parent.
    #[inline]
    fn ball_level(&mut self, g: &GraphIndex, filter: &Filter, epoch: u32, visits: &mut u64) {
        let d = self.depth as u16 + 1;
        let front = std::mem::take(&mut self.front);
        let mut next = std::mem::take(&mut self.next);
        next.clear();
        for &u in &front {
            *visits += g.degree(u) as u64;
            let _ = neighbours::<()>(g, u, filter, |w, e| {
                let wi = w as usize;
                // No entity filter: a distance in the larger graph is still a
                // lower bound, and the root (never filtered) stays reachable.
                if self.seen[wi] != epoch {
                    self.seen[wi] = epoch;
                    self.dist[wi] = d;
                    self.parent[wi] = u;
                    self.parent_edge[wi] = e;
                    next.push(w);
                }
                ControlFlow::Continue(())
            });
        }
        self.front = next;
        self.next = front;
        self.depth += 1;
    }

    /// Nodes from `v` back to this side's root, and the edges between them.
    fn chain(&self, mut v: u32, nodes: &mut Vec<u32>, edges: &mut Vec<u32>) {
        nodes.push(v);
        while self.parent[v as usize] != NONE {
            edges.push(self.parent_edge[v as usize]);
            v = self.parent[v as usize];
            nodes.push(v);
        }
    }
}

/// The enumeration of [`Searcher::enumerate_shortest`] past one half: the
/// other side at the meeting level, the buffers, and the caller's sink.
struct Joining<'a, 'f> {
    g: &'a GraphIndex,
    filter: &'a Filter<'f>,
    other: &'a Side,
    epoch: u32,
    forward: bool,
    out: &'a mut Path,
    other_nodes: Vec<u32>,
    other_edges: Vec<u32>,
    emitted: usize,
    limit: usize,
    f: &'a mut dyn FnMut(&Path) -> ControlFlow<()>,
}

impl Joining<'_, '_> {
    /// Emits every path made of the half `tn`/`te` (this side, from the
    /// joining edge `e` down to its root), `e`, and each shortest half from
    /// `w` down the other side; stops at the limit or when the sink asks.
    #[inline]
    fn halves_below(&mut self, w: u32, e: u32, tn: &[u32], te: &[u32]) -> ControlFlow<Stop> {
        self.other_nodes.clear();
        self.other_edges.clear();
        self.other_nodes.push(w);
        let forward = self.forward;
        let out = &mut *self.out;
        let emitted = &mut self.emitted;
        let limit = self.limit;
        let f = &mut *self.f;
        descend(
            self.g,
            self.filter,
            self.other,
            self.epoch,
            &mut self.other_nodes,
            &mut self.other_edges,
            &mut |on, oe| {
                let (fnodes, fedges, bnodes, bedges) = if forward {
                    (tn, te, on, oe)
                } else {
                    (on, oe, tn, te)
                };
                out.nodes.clear();
                out.edges.clear();
                out.nodes.extend(fnodes.iter().rev());
                out.nodes.extend(bnodes.iter());
                out.edges.extend(fedges.iter().rev());
                out.edges.push(e);
                out.edges.extend(bedges.iter());
                *emitted += 1;
                if f(out).is_break() || *emitted >= limit {
                    return ControlFlow::Break(Stop::Limit);
                }
                ControlFlow::Continue(())
            },
        )
    }
}

/// Why a search stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Limit,
    Budget,
}

/// Calls `f(neighbour, edge)` once per distinct neighbour of `v` that an
/// admissible edge reaches, with the preferred such edge; in neighbour order.
#[inline]
fn neighbours<B>(
    g: &GraphIndex,
    v: u32,
    filter: &Filter,
    mut f: impl FnMut(u32, u32) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let range = g.links(v);
    let start = range.start;
    let nodes = g.link_nodes(range);
    if !filter.restricts_edges() {
        let mut prev = NONE;
        for (i, &w) in nodes.iter().enumerate() {
            if w != prev {
                prev = w;
                f(w, g.link(start + i).1)?;
            }
        }
        return ControlFlow::Continue(());
    }
    let mut i = 0;
    while i < nodes.len() {
        let w = nodes[i];
        let mut chosen = NONE;
        while i < nodes.len() && nodes[i] == w {
            let e = g.link(start + i).1;
            if chosen == NONE && filter.edge_ok(g, e) {
                chosen = e;
            }
            i += 1;
        }
        if chosen != NONE {
            f(w, chosen)?;
        }
    }
    ControlFlow::Continue(())
}

/// The preferred admissible edge between `v` and `w`, by binary search.
fn link_between(g: &GraphIndex, v: u32, w: u32, filter: &Filter) -> Option<u32> {
    let range = g.links(v);
    let start = range.start;
    let nodes = g.link_nodes(range);
    let mut i = nodes.partition_point(|&x| x < w);
    while i < nodes.len() && nodes[i] == w {
        let e = g.link(start + i).1;
        if filter.edge_ok(g, e) {
            return Some(e);
        }
        i += 1;
    }
    None
}

/// The first admissible edge in the run of links to `w` that starts at
/// position `i` of a list (`nodes[i] == w`).
#[inline]
fn first_admissible(
    g: &GraphIndex,
    start: usize,
    nodes: &[u32],
    mut i: usize,
    filter: &Filter,
) -> Option<u32> {
    let w = nodes[i];
    while i < nodes.len() && nodes[i] == w {
        let e = g.link(start + i).1;
        if filter.edge_ok(g, e) {
            return Some(e);
        }
        i += 1;
    }
    None
}

/// Calls `f(w, edge a–w, edge w–b)` for every entity `w` adjacent to both `a`
/// and `b` that a path may pass through, in order of `w`: the two sorted
/// adjacency lists merged (or the shorter one searched in the longer), so
/// the memory is read in order.
fn common_neighbours(
    g: &GraphIndex,
    a: u32,
    b: u32,
    filter: &Filter,
    mut f: impl FnMut(u32, u32, u32) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let (ra, rb) = (g.links(a), g.links(b));
    let (sa, sb) = (ra.start, rb.start);
    let (na, nb) = (g.link_nodes(ra), g.link_nodes(rb));
    let mut visit = |i: usize, j: usize| -> ControlFlow<()> {
        let w = na[i];
        if w == a || w == b || !filter.node_ok(g, w) {
            return ControlFlow::Continue(());
        }
        match (
            first_admissible(g, sa, na, i, filter),
            first_admissible(g, sb, nb, j, filter),
        ) {
            (Some(e1), Some(e2)) => f(w, e1, e2),
            _ => ControlFlow::Continue(()),
        }
    };
    // Skip to the start of the next run of equal neighbours.
    let next_run = |nodes: &[u32], mut i: usize| {
        let w = nodes[i];
        while i < nodes.len() && nodes[i] == w {
            i += 1;
        }
        i
    };
    let (short, long) = (na.len().min(nb.len()), na.len().max(nb.len()));
    if short * 16 < long {
        // Search each of the shorter list's neighbours in the longer one.
        let a_short = na.len() <= nb.len();
        let (s_nodes, l_nodes) = if a_short { (na, nb) } else { (nb, na) };
        let (mut i, mut lo) = (0, 0);
        while i < s_nodes.len() {
            let w = s_nodes[i];
            lo += l_nodes[lo..].partition_point(|&x| x < w);
            if lo < l_nodes.len() && l_nodes[lo] == w {
                if a_short {
                    visit(i, lo)?;
                } else {
                    visit(lo, i)?;
                }
            }
            i = next_run(s_nodes, i);
        }
        return ControlFlow::Continue(());
    }
    let (mut i, mut j) = (0, 0);
    while i < na.len() && j < nb.len() {
        match na[i].cmp(&nb[j]) {
            std::cmp::Ordering::Less => i = next_run(na, i),
            std::cmp::Ordering::Greater => j = next_run(nb, j),
            std::cmp::Ordering::Equal => {
                visit(i, j)?;
                i = next_run(na, i);
                j = next_run(nb, j);
            }
        }
    }
    ControlFlow::Continue(())
}

/// Reusable state for path queries on one graph; see the module docs.
pub struct Searcher<'g> {
    g: &'g GraphIndex,
    epoch: u32,
    fwd: Side,
    bwd: Side,
    on_path: Vec<u32>,
    visits: u64,
    out: Path,
}

/// What a simple-path enumeration needs besides the searcher's arrays.
struct Walk<'f> {
    filter: Filter<'f>,
    goal: u32,
    max_hops: usize,
    /// Only paths of exactly `max_hops` edges.
    exact: bool,
    radius: usize,
    /// The enumeration started from the query's second entity: reverse paths.
    reversed: bool,
    budget: u64,
    limit: usize,
    emitted: usize,
    nodes: Vec<u32>,
    edges: Vec<u32>,
    sink: &'f mut dyn FnMut(&Path) -> ControlFlow<()>,
}

impl<'g> Searcher<'g> {
    /// Work arrays for `g`: about 30 bytes per entity, allocated once.
    pub fn new(g: &'g GraphIndex) -> Searcher<'g> {
        let n = g.node_count();
        Searcher {
            g,
            epoch: 0,
            fwd: Side::new(n),
            bwd: Side::new(n),
            on_path: vec![0; n],
            visits: 0,
            out: Path::default(),
        }
    }

    /// Links visited by the last query: its work.
    pub fn visits(&self) -> u64 {
        self.visits
    }

    fn begin(&mut self) -> u32 {
        if self.epoch == u32::MAX - 1 {
            self.fwd.seen.fill(0);
            self.bwd.seen.fill(0);
            self.on_path.fill(0);
            self.epoch = 0;
        }
        self.epoch += 1;
        self.visits = 0;
        self.epoch
    }

    /// Expand the side whose frontier has fewer links to visit.
    fn forward_is_cheaper(&self) -> bool {
        let cost = |s: &Side| -> usize { s.front.iter().map(|&v| self.g.degree(v)).sum() };
        cost(&self.fwd) <= cost(&self.bwd)
    }

    /// A shortest path from `a` to `b` of at most `max_hops` edges.
    ///
    /// Bidirectional breadth-first search, each step expanding whole the level
    /// of the side with fewer links to visit; the first edge that joins the
    /// two sides closes a shortest path. Work: the links of the two balls it
    /// grows, typically far fewer than the graph's.
    pub fn shortest_path(
        &mut self,
        a: u32,
        b: u32,
        filter: &Filter,
        max_hops: usize,
    ) -> Option<Path> {
        if a == b {
            return Some(Path {
                nodes: vec![a],
                edges: Vec::new(),
            });
        }
        let epoch = self.begin();
        let g = self.g;
        // Most questions are answered in one or two hops: an edge between
        // the two, or a neighbour they share, found by reading their lists in order.
        self.visits = (g.degree(a) + g.degree(b)) as u64;
        if let Some(e) = link_between(g, a, b, filter) {
            return Some(Path {
                nodes: vec![a, b],
                edges: vec![e],
            });
        }
        if max_hops >= 2 {
            let mut found = None;
            let _ = common_neighbours(g, a, b, filter, |w, e1, e2| {
                found = Some(Path {
                    nodes: vec![a, w, b],
                    edges: vec![e1, e2],
                });
                ControlFlow::Break(())
            });
            if found.is_some() {
                return found;
            }
        }
        self.fwd.start(a, epoch, false);
        self.bwd.start(b, epoch, false);
        loop {
            if self.fwd.depth + self.bwd.depth >= max_hops
                || self.fwd.front.is_empty()
                || self.bwd.front.is_empty()
            {
                return None;
            }
            let forward = self.forward_is_cheaper();
            let (this, other) = if forward {
                (&mut self.fwd, &self.bwd)
            } else {
                (&mut self.bwd, &self.fwd)
            };
            let meet = this.expand_level(other, g, filter, epoch, &mut self.visits);
            if let Some((u, e, w)) = meet {
                let (f_end, b_end) = if forward { (u, w) } else { (w, u) };
                return Some(self.joined_path(f_end, e, b_end));
            }
        }
    }

    /// The path through the meeting edge `e` between `f_end` (reached from
    /// the forward root) and `b_end` (reached from the backward root).
    fn joined_path(&self, f_end: u32, e: u32, b_end: u32) -> Path {
        let mut path = Path::default();
        self.fwd.chain(f_end, &mut path.nodes, &mut path.edges);
        path.nodes.reverse();
        path.edges.reverse();
        path.edges.push(e);
        let mut rest = Path::default();
        self.bwd.chain(b_end, &mut rest.nodes, &mut rest.edges);
        path.nodes.extend(rest.nodes);
        path.edges.extend(rest.edges);
        path
    }

    /// How many shortest paths join `a` and `b` within `max_hops`, without
    /// enumerating them; `None` when none does.
    ///
    /// Bidirectional breadth-first search that carries, for every node it
    /// reaches, the number of shortest paths from its side's root; at the
    /// level where the sides meet, the count is the sum over joining edges of
    /// the product of the counts at their ends. Work: as [`Self::shortest_path`]
    /// plus the rest of the meeting level.
    pub fn count_shortest(
        &mut self,
        a: u32,
        b: u32,
        filter: &Filter,
        max_hops: usize,
    ) -> Option<ShortestCount> {
        self.all_shortest(
            a,
            b,
            filter,
            max_hops,
            0,
            &mut |_| ControlFlow::Continue(()),
        )
        .map(|(count, _)| count)
    }

    /// Counts the shortest paths, as [`Self::count_shortest`], then calls `f`
    /// on each of them, up to `limit`, built lazily from the two
    /// breadth-first layerings: each path costs its length times the degrees
    /// along it, and none is stored.
    pub fn all_shortest(
        &mut self,
        a: u32,
        b: u32,
        filter: &Filter,
        max_hops: usize,
        limit: usize,
        f: &mut dyn FnMut(&Path) -> ControlFlow<()>,
    ) -> Option<(ShortestCount, Outcome)> {
        let g = self.g;
        let epoch = self.begin();
        if a == b {
            let path = Path {
                nodes: vec![a],
                edges: Vec::new(),
            };
            return Some(the_only_path(&path, limit, f));
        }
        // One hop, or two through shared neighbours: counted and listed from
        // the two adjacency lists alone.
        self.visits = (g.degree(a) + g.degree(b)) as u64;
        if let Some(e) = link_between(g, a, b, filter) {
            let path = Path {
                nodes: vec![a, b],
                edges: vec![e],
            };
            return Some(the_only_path(&path, limit, f));
        }
        if max_hops >= 2 {
            let mut n = 0u64;
            let mut listed = 0usize;
            let mut out = Path::default();
            let _ = common_neighbours(g, a, b, filter, |w, e1, e2| {
                n += 1;
                if listed < limit {
                    listed += 1;
                    out.nodes.clear();
                    out.edges.clear();
                    out.nodes.extend([a, w, b]);
                    out.edges.extend([e1, e2]);
                    let _ = f(&out);
                }
                ControlFlow::Continue(())
            });
            if n > 0 {
                let count = ShortestCount {
                    hops: 2,
                    paths: n,
                    saturated: false,
                };
                let outcome = if (listed as u64) < n {
                    Outcome::Limit
                } else {
                    Outcome::Complete
                };
                return Some((count, outcome));
            }
        }
        self.fwd.start(a, epoch, true);
        self.bwd.start(b, epoch, true);
        let (forward, total, saturated) = loop {
            if self.fwd.depth + self.bwd.depth >= max_hops
                || self.fwd.front.is_empty()
                || self.bwd.front.is_empty()
            {
                return None;
            }
            let forward = self.forward_is_cheaper();
            let (this, other) = if forward {
                (&mut self.fwd, &self.bwd)
            } else {
                (&mut self.bwd, &self.fwd)
            };
            if let Some((total, saturated)) =
                this.count_level(other, g, filter, epoch, &mut self.visits)
            {
                break (forward, total, saturated);
            }
        };
        let hops = self.fwd.depth + self.bwd.depth + 1;
        let count = ShortestCount {
            hops,
            paths: total,
            saturated,
        };
        if limit == 0 {
            return Some((count, Outcome::Limit));
        }
        let outcome = self.enumerate_shortest(forward, filter, limit, f);
        Some((count, outcome))
    }

    /// Walks every joining edge of the meeting level, and from its two ends
    /// down the layers to the roots.
    fn enumerate_shortest(
        &mut self,
        forward: bool,
        filter: &Filter,
        limit: usize,
        f: &mut dyn FnMut(&Path) -> ControlFlow<()>,
    ) -> Outcome {
        let g = self.g;
        let epoch = self.epoch;
        let (this, other) = if forward {
            (&self.fwd, &self.bwd)
        } else {
            (&self.bwd, &self.fwd)
        };
        let mut join = Joining {
            g,
            filter,
            other,
            epoch,
            forward,
            out: &mut self.out,
            other_nodes: Vec::new(),
            other_edges: Vec::new(),
            emitted: 0,
            limit,
            f,
        };
        let mut this_nodes = Vec::new();
        let mut this_edges = Vec::new();
        for &u in &this.front {
            let flow = neighbours(g, u, filter, |w, e| {
                if !other.has(w, epoch) {
                    return ControlFlow::Continue(());
                }
                this_nodes.clear();
                this_edges.clear();
                this_nodes.push(u);
                descend(
                    g,
                    filter,
                    this,
                    epoch,
                    &mut this_nodes,
                    &mut this_edges,
                    &mut |tn, te| join.halves_below(w, e, tn, te),
                )
            });
            if flow.is_break() {
                return Outcome::Limit;
            }
        }
        Outcome::Complete
    }

    /// Calls `f` on every simple path (no entity twice) from `a` to `b` of at
    /// most `limits.max_hops` edges, until `limits.limit` paths or the budget.
    ///
    /// Meet in the middle: a breadth-first ball of radius `max_hops / 2` is
    /// grown around one end, giving exact distances to it inside the ball and
    /// a lower bound outside; a depth-first walk from the other end extends a
    /// partial path only while its length plus that bound fits the cap, so it
    /// never wanders away from the goal. Its last two hops are joins: the
    /// neighbours of the current node (or of the goal, whichever list is
    /// shorter) looked up in the ball. The walk starts from the end with fewer
    /// links; paths come out in no particular order, none is stored.
    pub fn simple_paths(
        &mut self,
        a: u32,
        b: u32,
        filter: &Filter,
        limits: Limits,
        f: &mut dyn FnMut(&Path) -> ControlFlow<()>,
    ) -> Outcome {
        let reversed = self.g.degree(b) < self.g.degree(a);
        let (root, goal) = if reversed { (b, a) } else { (a, b) };
        self.walk(root, goal, filter, limits, false, reversed, f)
    }

    /// The number of simple paths of at most `limits.max_hops` edges, as
    /// [`Self::simple_paths`] enumerates them (so bounded by the same limits).
    pub fn count_simple(
        &mut self,
        a: u32,
        b: u32,
        filter: &Filter,
        limits: Limits,
    ) -> (u64, Outcome) {
        let mut n = 0u64;
        let outcome = self.simple_paths(a, b, filter, limits, &mut |_| {
            n += 1;
            ControlFlow::Continue(())
        });
        (n, outcome)
    }

    /// The `limits.limit` best simple paths of at most `limits.max_hops`
    /// edges: shortest first, then those whose hops more articles state, then
    /// by the entities' ids.
    ///
    /// Finds the shortest distance, then enumerates paths of each length in
    /// turn (as [`Self::simple_paths`], walking from `a` in id order), keeping
    /// the best `limit` in a heap; it stops after the first length that fills
    /// the heap. When every edge has the same weight, paths of one length come
    /// out already ranked, so it stops after `limit` of them.
    pub fn ranked_paths(
        &mut self,
        a: u32,
        b: u32,
        filter: &Filter,
        limits: Limits,
    ) -> (Vec<Path>, Outcome) {
        if a == b || limits.limit == 0 {
            return (Vec::new(), Outcome::Complete);
        }
        let Some(shortest) = self.shortest_path(a, b, filter, limits.max_hops) else {
            return (Vec::new(), Outcome::Complete);
        };
        let g = self.g;
        let k = limits.limit;
        let uniform = g.uniform_weights();
        let mut heap: BinaryHeap<Ranked> = BinaryHeap::new();
        let mut outcome = Outcome::Complete;
        let mut spent = 0u64;
        let mut seen = 0usize;
        for length in shortest.hops()..=limits.max_hops {
            let budget = limits.budget.saturating_sub(spent);
            let walk_limits = Limits {
                max_hops: length,
                limit: usize::MAX,
                budget,
            };
            let mut full = false;
            let result = self.walk(a, b, filter, walk_limits, true, false, &mut |p| {
                seen += 1;
                offer_ranked(&mut heap, k, length, Reverse(p.evidence(g)), p);
                if uniform && heap.len() == k {
                    full = true;
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            });
            spent = spent.saturating_add(self.visits);
            if result == Outcome::Budget {
                outcome = Outcome::Budget;
                break;
            }
            if full || seen > k || (heap.len() >= k && length < limits.max_hops) {
                outcome = Outcome::Limit;
            }
            if heap.len() >= k {
                break;
            }
        }
        let mut ranked: Vec<Ranked> = heap.into_vec();
        ranked.sort();
        let paths = ranked
            .into_iter()
            .map(|(_, _, nodes, edges)| Path { nodes, edges })
            .collect();
        (paths, outcome)
    }

    /// The depth-first walk of [`Self::simple_paths`] from `root` to `goal`.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &mut self,
        root: u32,
        goal: u32,
        filter: &Filter,
        limits: Limits,
        exact: bool,
        reversed: bool,
        sink: &mut dyn FnMut(&Path) -> ControlFlow<()>,
    ) -> Outcome {
        let epoch = self.begin();
        if root == goal || limits.max_hops == 0 || limits.limit == 0 {
            return Outcome::Complete;
        }
        let radius = limits.max_hops / 2;
        self.ball(goal, filter, radius, epoch);
        let mut walk = Walk {
            filter: *filter,
            goal,
            max_hops: limits.max_hops,
            exact,
            radius,
            reversed,
            budget: limits.budget,
            limit: limits.limit,
            emitted: 0,
            nodes: vec![root],
            edges: Vec::new(),
            sink,
        };
        self.on_path[root as usize] = epoch;
        let flow = self.step(&mut walk, root, epoch);
        self.on_path[root as usize] = 0;
        match flow {
            ControlFlow::Continue(()) => Outcome::Complete,
            ControlFlow::Break(Stop::Limit) => Outcome::Limit,
            ControlFlow::Break(Stop::Budget) => Outcome::Budget,
        }
    }

    /// Breadth-first distances to `goal` up to `radius`, on the backward side.
    fn ball(&mut self, goal: u32, filter: &Filter, radius: usize, epoch: u32) {
        let g = self.g;
        let side = &mut self.bwd;
        side.start(goal, epoch, false);
        while side.depth < radius && !side.front.is_empty() {
            side.ball_level(g, filter, epoch, &mut self.visits);
        }
    }

    /// Emits the current path extended by `tail` (nodes after the last, and
    /// the edges to them).
    fn emit(&mut self, walk: &mut Walk<'_>, tail: &[(u32, u32)]) -> ControlFlow<Stop> {
        let out = &mut self.out;
        out.nodes.clear();
        out.edges.clear();
        out.nodes.extend_from_slice(&walk.nodes);
        out.edges.extend_from_slice(&walk.edges);
        for &(v, e) in tail {
            out.nodes.push(v);
            out.edges.push(e);
        }
        if walk.reversed {
            out.nodes.reverse();
            out.edges.reverse();
        }
        walk.emitted += 1;
        if (walk.sink)(out).is_break() || walk.emitted >= walk.limit {
            return ControlFlow::Break(Stop::Limit);
        }
        ControlFlow::Continue(())
    }

    /// The two-hop ends of a walk at `v`: every `(w, e1, e2)` with `w` a
    /// usable neighbour of both `v` (by `e1`) and `goal` (by `e2`), read from
    /// the shorter adjacency list.
    #[inline]
    fn two_hop_joins(
        &mut self,
        v: u32,
        goal: u32,
        filter: &Filter,
        epoch: u32,
    ) -> Vec<(u32, u32, u32)> {
        let g = self.g;
        let (dv, dg) = (g.degree(v), g.degree(goal));
        self.visits += dv.min(dg) as u64;
        let mut found: Vec<(u32, u32, u32)> = Vec::new();
        let bwd = &self.bwd;
        let on_path = &self.on_path;
        let usable = |w: u32| {
            w != goal
                && on_path[w as usize] != epoch
                && bwd.has(w, epoch)
                && bwd.dist[w as usize] == 1
                && filter.node_ok(g, w)
        };
        if dv <= dg {
            let _ = neighbours::<()>(g, v, filter, |w, e| {
                if usable(w) {
                    found.push((w, e, bwd.parent_edge[w as usize]));
                }
                ControlFlow::Continue(())
            });
        } else {
            let _ = neighbours::<()>(g, goal, filter, |w, e2| {
                if !usable(w) {
                    return ControlFlow::Continue(());
                }
                if let Some(e1) = link_between(g, v, w, filter) {
                    found.push((w, e1, e2));
                }
                ControlFlow::Continue(())
            });
        }
        found
    }

    /// The admissible next hops of a walk at `v`: neighbours off the path
    /// whose distance bound still lets the walk reach the goal in time (the
    /// goal itself unless only exact lengths are wanted), with their edges.
    #[inline]
    fn next_steps(&self, walk: &Walk<'_>, v: u32, epoch: u32) -> Vec<(u32, u32)> {
        let g = self.g;
        let filter = walk.filter;
        let goal = walk.goal;
        let k = walk.edges.len();
        let unknown = walk.radius as u16 + 1;
        let mut next: Vec<(u32, u32)> = Vec::new();
        let bwd = &self.bwd;
        let on_path = &self.on_path;
        let _ = neighbours::<()>(g, v, &filter, |w, e| {
            if w == goal {
                if !walk.exact {
                    next.push((w, e));
                }
                return ControlFlow::Continue(());
            }
            if on_path[w as usize] == epoch {
                return ControlFlow::Continue(());
            }
            let bound = if bwd.has(w, epoch) {
                bwd.dist[w as usize]
            } else {
                unknown
            };
            if k + 1 + bound as usize <= walk.max_hops && filter.node_ok(g, w) {
                next.push((w, e));
            }
            ControlFlow::Continue(())
        });
        next
    }

    /// Extends the walk from `v`, which it reached in `walk.edges.len()` hops.
    fn step(&mut self, walk: &mut Walk<'_>, v: u32, epoch: u32) -> ControlFlow<Stop> {
        let g = self.g;
        let filter = walk.filter;
        let goal = walk.goal;
        let k = walk.edges.len();
        let left = walk.max_hops - k;
        if self.visits > walk.budget {
            return ControlFlow::Break(Stop::Budget);
        }
        // One hop left, or exactly one wanted: only the goal will do.
        if left == 1 {
            let e = if walk.radius >= 1 {
                let bwd = &self.bwd;
                (bwd.has(v, epoch) && bwd.dist[v as usize] == 1)
                    .then(|| bwd.parent_edge[v as usize])
            } else {
                self.visits += 1;
                link_between(g, v, goal, &filter)
            };
            return match e {
                Some(e) => self.emit(walk, &[(goal, e)]),
                None => ControlFlow::Continue(()),
            };
        }
        // Two hops left: join with the goal's neighbours in the ball.
        if left == 2 && walk.radius >= 1 {
            if !walk.exact {
                let bwd = &self.bwd;
                if bwd.has(v, epoch) && bwd.dist[v as usize] == 1 {
                    let e = bwd.parent_edge[v as usize];
                    self.emit(walk, &[(goal, e)])?;
                }
            }
            let found = self.two_hop_joins(v, goal, &filter, epoch);
            for (w, e1, e2) in found {
                self.emit(walk, &[(w, e1), (goal, e2)])?;
            }
            return ControlFlow::Continue(());
        }
        self.visits += g.degree(v) as u64;
        let next = self.next_steps(walk, v, epoch);
        for (w, e) in next {
            if w == goal {
                self.emit(walk, &[(goal, e)])?;
                continue;
            }
            self.on_path[w as usize] = epoch;
            walk.nodes.push(w);
            walk.edges.push(e);
            let flow = self.step(walk, w, epoch);
            walk.nodes.pop();
            walk.edges.pop();
            self.on_path[w as usize] = 0;
            flow?;
        }
        ControlFlow::Continue(())
    }
}

/// A path ranked by [`Searcher::ranked_paths`]: length, evidence (more
/// first), nodes, edges; smaller is better.
type Ranked = (usize, Reverse<u64>, Vec<u32>, Vec<u32>);

/// Puts `p` (of `length` hops) into `heap`, which keeps the best `k`, if it
/// is better than the worst kept.
#[inline]
fn offer_ranked(
    heap: &mut BinaryHeap<Ranked>,
    k: usize,
    length: usize,
    evidence: Reverse<u64>,
    p: &Path,
) {
    let better = heap.len() < k
        || heap
            .peek()
            .is_some_and(|worst| (length, &evidence, &p.nodes) < (worst.0, &worst.1, &worst.2));
    if better {
        if heap.len() == k {
            heap.pop();
        }
        heap.push((length, evidence, p.nodes.clone(), p.edges.clone()));
    }
}

/// A callback on a half path: its nodes and edges.
type Route<'f> = dyn FnMut(&[u32], &[u32]) -> ControlFlow<Stop> + 'f;

/// From the last node of `nodes` down its side's layers to the root, calling
/// `f` with each route (`nodes` from that node to the root, `edges` between).
fn descend(
    g: &GraphIndex,
    filter: &Filter,
    side: &Side,
    epoch: u32,
    nodes: &mut Vec<u32>,
    edges: &mut Vec<u32>,
    f: &mut Route<'_>,
) -> ControlFlow<Stop> {
    let Some(&v) = nodes.last() else {
        return ControlFlow::Continue(());
    };
    let d = side.dist[v as usize];
    if d == 0 {
        return f(nodes, edges);
    }
    neighbours(g, v, filter, |p, e| {
        if side.has(p, epoch) && side.dist[p as usize] + 1 == d {
            nodes.push(p);
            edges.push(e);
            let flow = descend(g, filter, side, epoch, nodes, edges, f);
            nodes.pop();
            edges.pop();
            flow
        } else {
            ControlFlow::Continue(())
        }
    })
}

/// The answer of [`Searcher::all_shortest`] when `path` is the one shortest
/// path: counted, and given to `f` unless `limit` is 0.
fn the_only_path(
    path: &Path,
    limit: usize,
    f: &mut dyn FnMut(&Path) -> ControlFlow<()>,
) -> (ShortestCount, Outcome) {
    let outcome = if limit == 0 {
        Outcome::Limit
    } else {
        let _ = f(path);
        Outcome::Complete
    };
    let count = ShortestCount {
        hops: path.edges.len(),
        paths: 1,
        saturated: false,
    };
    (count, outcome)
}
