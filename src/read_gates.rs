//! Gates for the read-model work: every read question answered on the graph
//! read from the RON store and on the index read from its snapshot gives the
//! same answer. Two stores: the shipped articles, and a tiny graph imported
//! from CSV. (The gate that `query::paths` equalled `Searcher::ranked_paths`
//! on every pair, at 4 hops × 200, 2 × 10 and 6 × 30, went when the first
//! became a call of the second: there is one path engine.)

use crate::export::Format;
use crate::export::{self, Filter, PartialDate};
use crate::extract::Extractor;
use crate::graph::KnowledgeGraph;
use crate::model::EntityKind;
use crate::query::answer::{self, Scope};
use crate::query::{self, Reader, ViewRequest, Whole};
use crate::store::import_store::{self, SnapshotPolicy};
use crate::store::index::GraphIndex;
use crate::store::ron_out::FileDigest;
use crate::store::snapshot;
use crate::store::{self, Store};
use petgraph::stable_graph::NodeIndex;
use std::path::Path;

/// A fresh folder under the system's temporary one, removed when dropped
/// (each gate reads its stores back whole, so none outlives its reading).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("kg-read-gates-{name}-"))
        .tempdir()
        .expect("temporary folder")
}

/// The store both sides read: the graph as the RON store gives it back, and
/// the index as its snapshot gives it back.
struct Both {
    graph: KnowledgeGraph,
    index: GraphIndex,
}

/// Saves `graph` as a store with a snapshot in `dir`, and reads both back.
fn both(dir: &Path, graph: KnowledgeGraph) -> Both {
    let path = dir.join("store.ron");
    let store = Store {
        graph,
        default_corpus: false,
        extractor: store::extractor_fingerprint(),
    };
    store::save(&path, &store).expect("store saved");
    read_back(&path)
}

fn read_back(path: &Path) -> Both {
    let graph = store::load(path).expect("store read").expect("store").graph;
    let digest = FileDigest::of(path).expect("store hashed");
    snapshot::write(path, &digest, false, &GraphIndex::from_graph(&graph)).expect("snapshot");
    let index = match snapshot::load(path) {
        snapshot::Loaded::Fresh(index) => *index,
        _ => panic!("the snapshot just written is not fresh"),
    };
    // The graph as readers show it: every edge with its status.
    let graph = crate::store::status::annotated(&graph);
    Both { graph, index }
}

/// The shipped articles, extracted and merged.
fn shipped() -> Both {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let files = crate::article::collect(&[dir]).expect("shipped articles");
    let extractor = Extractor::shared().expect("extractor");
    let mut graph = KnowledgeGraph::new();
    for file in files {
        let article = crate::article::read(&file, None).expect("article");
        let extraction = extractor.extract(&article);
        graph.merge(extraction, crate::ingest::record_of(article));
    }
    let dir = scratch("shipped");
    both(dir.path(), graph)
}

/// A tiny graph imported from CSV (no dates, no aliases, one source).
fn imported() -> Both {
    let scratch = scratch("csv");
    let dir = scratch.path();
    let (nodes, edges) = (dir.join("nodes.csv"), dir.join("edges.csv"));
    std::fs::write(
        &nodes,
        "id,kind,label\n\
         country:india,country,India\n\
         country:japan,country,Japan\n\
         country:australia,country,Australia\n\
         official:rajnath-singh,official,Rajnath Singh\n\
         official:nakatani,official,Gen Nakatani\n\
         agreement:india-japan-ssgp,agreement,Special Strategic and Global Partnership\n\
         agreement:quad,agreement,Quad Vaccine Partnership\n\
         milestone:meeting-2025,milestone,India-Japan defence ministers' meeting\n\
         organization:admm-plus,organization,ADMM-Plus\n",
    )
    .expect("nodes.csv");
    std::fs::write(
        &edges,
        "source,target,relation\n\
         official:rajnath-singh,country:india,represents\n\
         official:nakatani,country:japan,represents\n\
         official:rajnath-singh,official:nakatani,meets\n\
         country:india,agreement:india-japan-ssgp,party_to\n\
         country:japan,agreement:india-japan-ssgp,party_to\n\
         country:india,agreement:quad,party_to\n\
         country:japan,agreement:quad,party_to\n\
         country:australia,agreement:quad,party_to\n\
         milestone:meeting-2025,official:rajnath-singh,involves\n\
         milestone:meeting-2025,official:nakatani,involves\n\
         milestone:meeting-2025,agreement:india-japan-ssgp,concerns\n\
         country:india,organization:admm-plus,member_of\n\
         country:japan,organization:admm-plus,member_of\n",
    )
    .expect("edges.csv");
    let path = dir.join("store.ron");
    import_store::import(&path, &nodes, &edges, None, SnapshotPolicy::Never).expect("import");
    read_back(&path)
}

fn stores() -> Vec<(&'static str, Both)> {
    vec![("shipped", shipped()), ("csv", imported())]
}

/// Every entity: its node in the graph and its number in the index.
fn entities(s: &Both) -> Vec<(NodeIndex, u32)> {
    let mut out: Vec<(NodeIndex, u32)> = s
        .graph
        .petgraph()
        .node_indices()
        .map(|ix| {
            let id = &s.graph.entity_at(ix).id;
            let v = s.index.lookup(id).expect("every entity is in the index");
            (ix, v)
        })
        .collect();
    out.sort_by_key(|&(_, v)| v);
    out
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("JSON")
}

/// Pairs of the entities that stand for parties: countries, officials,
/// organizations and agreements (every pair of them when few).
fn party_pairs(s: &Both) -> Vec<((NodeIndex, u32), (NodeIndex, u32))> {
    let parties: Vec<(NodeIndex, u32)> = entities(s)
        .into_iter()
        .filter(|&(ix, _)| {
            matches!(
                s.graph.entity_at(ix).kind,
                EntityKind::Country | EntityKind::Organization | EntityKind::Agreement
            )
        })
        .collect();
    let mut pairs = Vec::new();
    for (i, &x) in parties.iter().enumerate() {
        for &y in &parties[i + 1..] {
            pairs.push((x, y));
        }
    }
    pairs
}

#[test]
fn resolve_agrees_on_every_id_name_and_alias() {
    for (name, s) in stores() {
        let mut names: Vec<String> = vec!["Jpan".into(), "nobody at all".into(), "".into()];
        for entity in s.graph.entities() {
            names.push(entity.id.clone());
            names.push(entity.name.clone());
            names.push(entity.name.to_uppercase());
            names.extend(entity.aliases.iter().cloned());
        }
        for n in &names {
            let on_graph = query::resolve(&s.graph, n).map(|ix| s.graph.entity_at(ix).id.clone());
            let on_index = answer::resolve(&s.index, n).map(|v| s.index.id(v).to_string());
            assert_eq!(
                on_graph.map_err(|e| e.to_string()),
                on_index.map_err(|e| e.to_string()),
                "{name}: {n:?}"
            );
        }
    }
}

#[test]
fn show_agrees_on_every_entity() {
    for (name, s) in stores() {
        for (ix, v) in entities(&s) {
            let full = query::show(&s.graph, ix);
            let (cut, cix) = answer::around(&s.index, &Scope::everything(), v);
            let part = query::show(&cut, cix);
            assert_eq!(json(&full), json(&part), "{name}: {v}");
            assert_eq!(
                query::render_show_text(&s.graph, &full),
                query::render_show_text(&cut, &part),
                "{name}: {v}"
            );
        }
    }
}

/// `kg query A B` on both sides, as JSON and as text.
fn query_both(s: &Both, scope: &Scope, graph: &KnowledgeGraph, a: &str, b: &str) -> [String; 2] {
    let on_graph = match (query::resolve(graph, a), query::resolve(graph, b)) {
        (Ok(x), Ok(y)) => {
            let paths = query::distinct_routes(graph, x, y, 4, 10).expect("routes");
            let facts = query::direct_facts(graph, x, y);
            let text = query::render_paths_text(graph, x, y, &paths, &facts);
            let result = query::QueryResult::new(graph, x, y, paths, facts);
            format!("{}\n{text}", json(&result))
        }
        (x, y) => format!("{:?} {:?}", x.err(), y.err()),
    };
    let on_index = match (
        answer::resolve_in_scope(&s.index, scope, a),
        answer::resolve_in_scope(&s.index, scope, b),
    ) {
        (Ok(x), Ok(y)) => {
            let ans = answer::query(&s.index, scope, x, y, 4, 10).expect("query");
            let text = query::render_paths_text(&ans.graph, ans.a, ans.b, &ans.paths, &ans.facts);
            let result = query::QueryResult::new(&ans.graph, ans.a, ans.b, ans.paths, ans.facts);
            format!("{}\n{text}", json(&result))
        }
        (x, y) => format!("{:?} {:?}", x.err(), y.err()),
    };
    [on_graph, on_index]
}

#[test]
fn query_agrees_on_pairs_of_parties() {
    for (name, s) in stores() {
        let everything = Scope::everything();
        for ((x, _), (y, _)) in party_pairs(&s) {
            let (a, b) = (&s.graph.entity_at(x).id, &s.graph.entity_at(y).id);
            let [g, i] = query_both(&s, &everything, &s.graph, a, b);
            assert_eq!(g, i, "{name}: {a} {b}");
        }
    }
}

#[test]
fn timeline_and_levels_agree() {
    for (name, s) in stores() {
        for (ix, v) in entities(&s) {
            let (cut, a, _) = answer::timeline_cut(&s.index, &Scope::everything(), v, None);
            assert_eq!(
                json(&query::timeline(&s.graph, ix, None)),
                json(&query::timeline(&cut, a, None)),
                "{name}: {v}"
            );
        }
        for ((x, v), (y, w)) in party_pairs(&s) {
            let (cut, a, b) = answer::timeline_cut(&s.index, &Scope::everything(), v, Some(w));
            let b = b.expect("second entity");
            assert_eq!(
                json(&query::timeline(&s.graph, x, Some(y))),
                json(&query::timeline(&cut, a, Some(b))),
                "{name}: {v} {w}"
            );
            assert_eq!(
                json(&query::partnership_levels(&s.graph, x, y)),
                json(&query::partnership_levels(&cut, a, b)),
                "{name}: {v} {w}"
            );
        }
    }
}

/// The filters an export's flags make: none, some kinds, a date range.
fn filters() -> Vec<Filter> {
    let kinds = Filter {
        kinds: Some([EntityKind::Country, EntityKind::Official].into()),
        ..Filter::default()
    };
    let dated = Filter {
        since: PartialDate::parse("2014"),
        until: PartialDate::parse("2025-05"),
        ..Filter::default()
    };
    vec![Filter::default(), kinds, dated]
}

#[test]
fn report_agrees() {
    for (name, s) in stores() {
        for ((x, v), (y, w)) in party_pairs(&s).into_iter().take(12) {
            let routes = query::distinct_routes(&s.graph, x, y, 4, 10).expect("routes");
            let entries = query::timeline(&s.graph, x, Some(y));
            let full =
                export::report::html(&s.graph, x, y, &routes, &entries, export::Renderer::Builtin)
                    .expect("report");
            let size = export::report::StoreSize {
                articles: s.index.articles().len(),
                entities: s.index.node_count(),
                relations: s.index.edge_count(),
            };
            let (cut, a, b, cut_routes) =
                answer::report_cut(&s.index, v, w, 4, 10).expect("report cut");
            let cut_entries = query::timeline(&cut, a, Some(b));
            let part = export::report::html_of_part(
                &cut,
                size,
                a,
                b,
                &cut_routes,
                &cut_entries,
                export::Renderer::Builtin,
            )
            .expect("report");
            assert_eq!(full.html, part.html, "{name}: {v} {w}");
        }
    }
}

/// The read facade over the index built from the RON graph, and over the
/// index read back from the snapshot.
fn readers(s: &Both) -> [Reader; 2] {
    [
        Reader::of_graph(&s.graph),
        Reader::of_index(s.index.clone()),
    ]
}

/// Everything the facade answers about `a` and `b`, rendered.
fn facade_answers(r: &Reader, a: &str, b: &str) -> String {
    let mut out = String::new();
    for as_of in [
        None,
        PartialDate::parse("2010"),
        PartialDate::parse("2025-05"),
    ] {
        match r.query(a, b, as_of, 4, 10) {
            Ok(c) => {
                out += &query::render_paths_text(&c.graph, c.a, c.b, &c.paths, &c.facts);
                out += &json(&query::QueryResult::new(
                    &c.graph, c.a, c.b, c.paths, c.facts,
                ));
            }
            Err(e) => out += &e.to_string(),
        }
    }
    for name in [a, b] {
        match r.show(name) {
            Ok(s) => out += &json(&query::show(&s.graph, s.a)),
            Err(e) => out += &e.to_string(),
        }
    }
    match r.timeline(a, Some(b)) {
        Ok(t) => {
            let b = t.b.expect("second entity");
            out += &json(&query::timeline(&t.graph, t.a, Some(b)));
            out += &json(&query::partnership_levels(&t.graph, t.a, b));
        }
        Err(e) => out += &e.to_string(),
    }
    match r.report(a, b, 4, 10) {
        Ok(p) => {
            let entries = query::timeline(&p.graph, p.a, Some(p.b));
            let html = export::report::html_of_part(
                &p.graph,
                p.size,
                p.a,
                p.b,
                &p.routes,
                &entries,
                export::Renderer::Builtin,
            );
            out += &html.expect("report").html;
        }
        Err(e) => out += &e.to_string(),
    }
    out
}

#[test]
fn the_facade_answers_alike_from_graph_and_index() {
    for (name, s) in stores() {
        let [on_graph, on_index] = readers(&s);
        assert_eq!(json(&on_graph.stats()), json(&on_index.stats()), "{name}");
        for ((x, _), (y, _)) in party_pairs(&s).into_iter().take(30) {
            let (a, b) = (&s.graph.entity_at(x).id, &s.graph.entity_at(y).id);
            assert_eq!(
                facade_answers(&on_graph, a, b),
                facade_answers(&on_index, a, b),
                "{name}: {a} {b}"
            );
        }
        assert_eq!(
            facade_answers(&on_graph, "India", "Jpan"),
            facade_answers(&on_index, "India", "Jpan"),
            "{name}"
        );
    }
}

#[test]
fn the_facade_draws_and_writes_alike_from_graph_and_index() {
    for (name, s) in stores() {
        let [on_graph, on_index] = readers(&s);
        let ids: Vec<String> = s.graph.entities().map(|e| e.id.clone()).collect();
        for filter in filters() {
            let mut requests: Vec<Vec<String>> = vec![Vec::new()];
            requests.extend(ids.iter().take(12).map(|id| vec![id.clone()]));
            requests.extend(ids.windows(2).take(12).map(<[String]>::to_vec));
            for foci in &requests {
                for whole_max in [None, Some(5)] {
                    let req = ViewRequest {
                        foci,
                        filter: &filter,
                        depth: 2,
                        ego_max: 12,
                        whole_max,
                        max_hops: 4,
                        limit: 10,
                    };
                    let drawn = |r: &Reader| {
                        let d = r.view(&req).expect("view");
                        (
                            export::to_dot(&d.graph, &d.view),
                            d.left_out,
                            d.routes.len(),
                        )
                    };
                    assert_eq!(drawn(&on_graph), drawn(&on_index), "{name}: {foci:?}");
                    assert_eq!(
                        on_graph.entities_in(&filter),
                        on_index.entities_in(&filter),
                        "{name}"
                    );
                    if !foci.is_empty() {
                        continue;
                    }
                    let written = |whole: Whole<'_>| {
                        let mut bytes = Vec::new();
                        for format in [Format::Graphml, Format::Json] {
                            whole.write(format, &mut bytes).expect("written");
                        }
                        let counts = whole.counts();
                        (bytes, counts, whole.left_out(), whole.title().to_string())
                    };
                    // Streamed from the index as written from the view of the whole graph.
                    let drawing = on_graph.view(&req).expect("view");
                    let drawn = on_graph.drawn(&drawing);
                    assert_eq!(
                        written(on_index.whole(&req)),
                        written(drawn),
                        "{name}: whole"
                    );
                }
            }
        }
    }
}
