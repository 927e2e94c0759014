//! The searches agree with brute force on small random graphs: every simple
//! path enumerated naively, then filtered, counted and ranked.

use super::searcher::{Filter, Limits, Outcome, Path, Searcher};
use crate::model::{EntityKind, RelationKind};
use crate::store::index::{Columns, GraphIndex, NodeIn};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::ops::ControlFlow;

#[derive(Debug, Clone)]
struct RawGraph {
    kinds: Vec<usize>,
    dates: Vec<u32>,
    edges: Vec<(usize, usize, usize, u32, u32)>,
}

fn raw_graph() -> impl Strategy<Value = RawGraph> {
    (2..10usize).prop_flat_map(|n| {
        (
            proptest::collection::vec(0..EntityKind::ALL.len(), n),
            proptest::collection::vec(
                prop_oneof![Just(0u32), Just(20_100_000), Just(20_200_101)],
                n,
            ),
            proptest::collection::vec(
                (
                    0..n,
                    0..n,
                    0..4usize,
                    1..4u32,
                    prop_oneof![Just(0u32), Just(20_050_000), Just(20_150_600)],
                ),
                0..26,
            ),
        )
            .prop_map(|(kinds, dates, edges)| RawGraph {
                kinds,
                dates,
                edges,
            })
    })
}

fn filter() -> impl Strategy<Value = Filter<'static>> {
    (
        proptest::collection::vec(0..4usize, 0..3),
        proptest::collection::vec(0..EntityKind::ALL.len(), 0..2),
        proptest::option::of(Just(20_100_000u32)),
        proptest::option::of(Just(20_160_000u32)),
    )
        .prop_map(|(rels, avoid, from, until)| {
            let rels: Vec<RelationKind> = rels.into_iter().map(|r| RelationKind::ALL[r]).collect();
            let avoid: Vec<EntityKind> = avoid.into_iter().map(|k| EntityKind::ALL[k]).collect();
            Filter::any()
                .relations(&rels)
                .avoid(&avoid)
                .dated(from, until)
        })
}

/// Node numbers in `raw` become ids in reverse order, so indexing reorders them.
fn index_of(raw: &RawGraph) -> GraphIndex {
    let mut cols = Columns::default();
    let n = raw.kinds.len();
    let ids: Vec<String> = (0..n).map(|i| format!("x:{:02}", n - i)).collect();
    for (i, id) in ids.iter().enumerate() {
        cols.push_node(&NodeIn {
            id,
            kind: EntityKind::ALL[raw.kinds[i]],
            name: id,
            date: raw.dates[i],
            aliases: Vec::new(),
        });
    }
    for &(s, d, r, w, date) in &raw.edges {
        cols.edge_src.push(s as u32);
        cols.edge_dst.push(d as u32);
        cols.edge_rel.push(r as u8);
        cols.edge_weight.push(w);
        cols.edge_date.push(date);
        cols.edge_article.push(0);
        cols.sentences.push("");
    }
    GraphIndex::from_columns(cols)
}

/// All simple paths of at most `max` hops by naive depth-first search, with
/// the evidence of each (the best admissible edge per hop).
fn brute(g: &GraphIndex, f: &Filter, a: u32, b: u32, max: usize) -> Vec<(Vec<u32>, u64)> {
    let n = g.node_count() as u32;
    let best_edge = |u: u32, w: u32| -> Option<u32> {
        g.links(u)
            .map(|i| g.link(i))
            .filter(|&(x, e)| x == w && admissible_edge(g, f, e))
            .map(|(_, e)| e)
            .next()
    };
    let mut out = Vec::new();
    let mut path = vec![a];
    #[allow(clippy::too_many_arguments)]
    fn go(
        g: &GraphIndex,
        f: &Filter,
        n: u32,
        b: u32,
        max: usize,
        path: &mut Vec<u32>,
        out: &mut Vec<(Vec<u32>, u64)>,
        best_edge: &dyn Fn(u32, u32) -> Option<u32>,
    ) {
        let v = *path.last().unwrap();
        if path.len() > max {
            return;
        }
        for w in 0..n {
            if path.contains(&w) {
                continue;
            }
            let Some(_) = best_edge(v, w) else { continue };
            if w == b {
                let mut p = path.clone();
                p.push(w);
                let ev = p
                    .windows(2)
                    .map(|x| u64::from(g.edge(best_edge(x[0], x[1]).unwrap()).weight))
                    .sum();
                out.push((p, ev));
                continue;
            }
            if !admissible_node(g, f, w) {
                continue;
            }
            path.push(w);
            go(g, f, n, b, max, path, out, best_edge);
            path.pop();
        }
    }
    if a != b {
        go(g, f, n, b, max, &mut path, &mut out, &best_edge);
    }
    out
}

fn admissible_edge(g: &GraphIndex, f: &Filter, e: u32) -> bool {
    f.allows_edge(g, e)
}

fn admissible_node(g: &GraphIndex, f: &Filter, v: u32) -> bool {
    f.allows_node(g, v)
}

fn check_path(g: &GraphIndex, f: &Filter, p: &Path, a: u32, b: u32) {
    assert_eq!(p.nodes.first(), Some(&a));
    assert_eq!(p.nodes.last(), Some(&b));
    assert_eq!(p.nodes.len(), p.edges.len() + 1);
    let distinct: BTreeSet<u32> = p.nodes.iter().copied().collect();
    assert_eq!(distinct.len(), p.nodes.len(), "simple: {p:?}");
    for (i, &e) in p.edges.iter().enumerate() {
        let edge = g.edge(e);
        let (x, y) = (p.nodes[i], p.nodes[i + 1]);
        assert!((edge.src == x && edge.dst == y) || (edge.src == y && edge.dst == x));
        assert!(admissible_edge(g, f, e));
    }
    for &v in &p.nodes[1..p.nodes.len() - 1] {
        assert!(admissible_node(g, f, v));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn searches_agree_with_brute_force(raw in raw_graph(), f in filter(), a in 0..10u32, b in 0..10u32, max in 1..5usize) {
        let g = index_of(&raw);
        let n = g.node_count() as u32;
        let a = a % n;
        let b = (a + 1 + b % (n - 1)) % n;
        let all = brute(&g, &f, a, b, max);
        let mut s = Searcher::new(&g);

        // Simple paths: the same set, each valid.
        let mut got = BTreeSet::new();
        let outcome = s.simple_paths(a, b, &f, Limits::new(max, usize::MAX), &mut |p| {
            check_path(&g, &f, p, a, b);
            assert!(p.hops() <= max);
            assert!(got.insert(p.nodes.clone()), "duplicate {p:?}");
            ControlFlow::Continue(())
        });
        prop_assert_eq!(outcome, Outcome::Complete);
        let want: BTreeSet<Vec<u32>> = all.iter().map(|(p, _)| p.clone()).collect();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(s.count_simple(a, b, &f, Limits::new(max, usize::MAX)).0, want.len() as u64);

        // Shortest path and the count of shortest paths.
        let shortest = all.iter().map(|(p, _)| p.len() - 1).min();
        let sp = s.shortest_path(a, b, &f, max);
        prop_assert_eq!(sp.as_ref().map(Path::hops), shortest);
        if let Some(p) = &sp {
            check_path(&g, &f, p, a, b);
        }
        let count = s.count_shortest(a, b, &f, max);
        let want_short: BTreeSet<Vec<u32>> =
            want.iter().filter(|p| Some(p.len() - 1) == shortest).cloned().collect();
        prop_assert_eq!(count.map(|c| (c.hops, c.paths)), shortest.map(|h| (h, want_short.len() as u64)));

        // All shortest paths, enumerated.
        let mut listed = BTreeSet::new();
        let r = s.all_shortest(a, b, &f, max, usize::MAX, &mut |p| {
            check_path(&g, &f, p, a, b);
            assert!(listed.insert(p.nodes.clone()));
            ControlFlow::Continue(())
        });
        prop_assert_eq!(r.is_some(), shortest.is_some());
        prop_assert_eq!(&listed, &want_short);

        // Ranked: by length, then evidence, then ids (numbers).
        for k in [1usize, 3, 100] {
            let (ranked, _) = s.ranked_paths(a, b, &f, Limits::new(max, k));
            let mut expect: Vec<(usize, std::cmp::Reverse<u64>, Vec<u32>)> =
                all.iter().map(|(p, ev)| (p.len() - 1, std::cmp::Reverse(*ev), p.clone())).collect();
            expect.sort();
            expect.truncate(k);
            let got: Vec<Vec<u32>> = ranked.iter().map(|p| p.nodes.clone()).collect();
            let expect: Vec<Vec<u32>> = expect.into_iter().map(|x| x.2).collect();
            prop_assert_eq!(got, expect);
        }
    }
}

#[test]
fn limits_and_budget_stop_enumeration() {
    // A complete bipartite middle: 6 * 6 three-hop paths between 0 and 13.
    let mut raw = RawGraph {
        kinds: vec![0; 14],
        dates: vec![0; 14],
        edges: Vec::new(),
    };
    for i in 1..=6 {
        raw.edges.push((0, i, 0, 1, 0));
        for j in 7..=12 {
            raw.edges.push((i, j, 0, 1, 0));
        }
    }
    for j in 7..=12 {
        raw.edges.push((j, 13, 0, 1, 0));
    }
    let g = index_of(&raw);
    // Ids were reversed: node i is number 13 - i.
    let (a, b) = (13, 0);
    let mut s = Searcher::new(&g);
    assert_eq!(
        s.count_simple(a, b, &Filter::any(), Limits::new(3, usize::MAX)),
        (36, Outcome::Complete)
    );
    assert_eq!(
        s.count_simple(a, b, &Filter::any(), Limits::new(3, 5)),
        (5, Outcome::Limit)
    );
    let (n, outcome) = s.count_simple(
        a,
        b,
        &Filter::any(),
        Limits::new(5, usize::MAX).with_budget(3),
    );
    assert_eq!(outcome, Outcome::Budget);
    assert!(n < 36);
    let c = s.count_shortest(a, b, &Filter::any(), 3).unwrap();
    assert_eq!((c.hops, c.paths), (3, 36));
    assert!(s.count_shortest(a, b, &Filter::any(), 2).is_none());
    let mut seen = 0;
    let (_, outcome) = s
        .all_shortest(a, b, &Filter::any(), 3, 4, &mut |_| {
            seen += 1;
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!((seen, outcome), (4, Outcome::Limit));
    let (ranked, outcome) = s.ranked_paths(a, b, &Filter::any(), Limits::new(4, 3));
    assert_eq!(ranked.len(), 3);
    assert_eq!(outcome, Outcome::Limit);
    // Lowest numbers first among equals.
    assert_eq!(ranked[0].nodes, vec![13, 7, 1, 0]);
}

#[test]
fn the_work_arrays_survive_many_queries() {
    let raw = RawGraph {
        kinds: vec![0; 3],
        dates: vec![0; 3],
        edges: vec![(0, 1, 0, 1, 0), (1, 2, 0, 1, 0)],
    };
    let g = index_of(&raw);
    let mut s = Searcher::new(&g);
    for _ in 0..10_000 {
        assert_eq!(
            s.shortest_path(0, 2, &Filter::any(), 4).map(|p| p.hops()),
            Some(2)
        );
        assert_eq!(
            s.count_simple(0, 2, &Filter::any(), Limits::new(4, 10)).0,
            1
        );
    }
}
