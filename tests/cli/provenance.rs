//! Provenance: each article records the extractor that made its facts;
//! `kg forget` removes an article and every fact only it supported; `kg
//! reindex` re-extracts the stored text and says what changed.

use crate::util::{seed, shipped, ssgp_2014, stdout_of, Workspace};
use kg::article::Article;
use kg::extract::Extractor;
use kg::graph::{ArticleRecord, GraphDiff, KnowledgeGraph};
use kg::store;

/// The shipped articles, in path order (as `kg ingest data/articles` merges them).
fn shipped_articles() -> Vec<Article> {
    let files = kg::article::collect(&[shipped()]).unwrap();
    files
        .iter()
        .map(|f| kg::article::read(f, None).unwrap())
        .collect()
}

/// A graph of `articles` merged in order, recording the current extractor.
fn graph_of(articles: &[Article]) -> KnowledgeGraph {
    let extractor = Extractor::shared().unwrap();
    let fingerprint = store::extractor_fingerprint();
    let mut graph = KnowledgeGraph::new();
    for a in articles {
        let record = ArticleRecord {
            id: a.id.clone(),
            path: a.path.clone(),
            title: a.title.clone(),
            date: a.date.map(|d| d.to_string()),
            text: a.text.clone(),
            fingerprint: None,
        };
        graph.merge_recorded(extractor.extract(a), record, &fingerprint);
    }
    graph
}

/// Every evidence names a stored article, and every entity has a relation or
/// an article that yielded it.
fn assert_backed(graph: &KnowledgeGraph) {
    for (s, edge, t) in graph.edges() {
        assert!(!edge.evidence.is_empty(), "{} → {}", s.id, t.id);
        for ev in &edge.evidence {
            assert!(
                graph.has_article(&ev.article),
                "{} cites {}",
                s.id,
                ev.article
            );
        }
    }
    for e in graph.entities() {
        let ix = graph.index_of(&e.id).unwrap();
        let related = graph.incident(ix).next().is_some();
        let yielded = graph.articles().any(|a| {
            graph
                .provenance(&a.id)
                .is_some_and(|p| p.entities.contains(&e.id))
        });
        assert!(related || yielded, "{} is backed by nothing", e.id);
    }
}

#[test]
fn forgetting_an_article_leaves_the_facts_of_the_others() {
    let articles = shipped_articles();
    let fingerprint = store::extractor_fingerprint();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.ron");
    for (i, gone) in articles.iter().enumerate() {
        // Evidence and what only it supported, in the graph itself.
        let mut all = graph_of(&articles);
        let summary = all.forget_article(&gone.id).expect("the article is there");
        assert_eq!(summary.articles, 1);
        assert!(all.forget_article(&gone.id).is_none(), "forgotten once");
        assert!(!all.has_article(&gone.id));
        assert_backed(&all);
        // `kg forget`: the store the other articles make, every name and
        // attribute and fold as they make it.
        let full = store::Store {
            graph: graph_of(&articles),
            default_corpus: false,
            extractor: fingerprint.clone(),
        };
        store::save(&path, &full).unwrap();
        kg::store::forget(
            &path,
            std::slice::from_ref(&gone.id),
            &kg::ingest::Pipeline,
            &kg::ingest::Silent,
        )
        .unwrap();
        let forgotten = store::load(&path).unwrap().unwrap().graph;
        assert_backed(&forgotten);
        let mut others = articles.clone();
        others.remove(i);
        let without = graph_of(&others);
        let diff = GraphDiff::between(&without, &forgotten);
        assert!(
            diff.is_empty(),
            "{}: differs from a graph built without it: {diff:?}",
            gone.path
        );
    }
}

#[test]
fn forget_by_id_prefix_and_path() {
    let ws = Workspace::with_store();
    let before = kg::store::load(&ws.store()).unwrap().unwrap();
    let seed_id = kg::article::read(&seed(), None).unwrap().id;
    let ssgp_path = ws.path("articles/ssgp.txt").display().to_string();
    assert!(before.graph.articles().any(|a| a.path == ssgp_path));

    let out = stdout_of(ws.kg().args(["forget", &seed_id[..6]]));
    assert!(out.starts_with("forgot 1 article: -"), "{out}");
    assert!(
        out.contains(&format!("; saved {}", ws.store().display())),
        "{out}"
    );
    assert!(out.contains(&format!("  {seed_id}  ")), "{out}");
    let after = kg::store::load(&ws.store()).unwrap().unwrap();
    assert!(!after.graph.has_article(&seed_id));
    assert_backed(&after.graph);
    assert!(after.graph.edge_count() < before.graph.edge_count());
    assert!(
        after.graph.entity("official:rajnath-singh").is_none(),
        "only the seed names him"
    );
    assert!(
        after.graph.entity("country:japan").is_some(),
        "the other article names Japan"
    );

    let out = stdout_of(ws.kg().args(["forget", &ssgp_path]));
    assert!(out.starts_with("forgot 1 article: -"), "{out}");
    let empty = kg::store::load(&ws.store()).unwrap().unwrap();
    assert_eq!(empty.graph.articles().count(), 0);
    assert_eq!((empty.graph.node_count(), empty.graph.edge_count()), (0, 0));
}

#[test]
fn forget_then_ingest_again_gives_the_same_store() {
    let ws = Workspace::with_store();
    let before = ws.store_bytes();
    let id = kg::article::read(&ssgp_2014(), None).unwrap().id;
    ws.kg().args(["forget", &id]).assert().success();
    // The same file by another name: its text is what identifies it.
    let copy = ws.copy(&ssgp_2014(), "again/ssgp.txt");
    ws.kg().arg("ingest").arg(&copy).assert().success();
    let after = kg::store::load(&ws.store()).unwrap().unwrap();
    let was = kg::store::from_str(&ws.store(), &String::from_utf8(before).unwrap()).unwrap();
    let diff = GraphDiff::between(&was.graph, &after.graph);
    assert!(
        diff.added_relations.is_empty() && diff.removed_relations.is_empty(),
        "{diff:?}"
    );
    assert_eq!((diff.added_evidence, diff.removed_evidence), (0, 0));
}

#[test]
fn forgetting_from_the_shipped_store_makes_it_the_users() {
    let ws = Workspace::new();
    ws.kg().arg("stats").assert().success();
    let store = kg::store::load(&ws.store()).unwrap().unwrap();
    assert!(store.default_corpus);
    let first = store.graph.articles().next().unwrap().id.clone();
    ws.kg().args(["forget", &first]).assert().success();
    let text = String::from_utf8(ws.store_bytes()).unwrap();
    assert!(text.contains("default_corpus: false"));
    // Not rebuilt behind the user's back.
    ws.kg().arg("stats").assert().success().stderr("");
    let store = kg::store::load(&ws.store()).unwrap().unwrap();
    assert!(!store.graph.has_article(&first));
}

#[test]
fn each_article_records_its_extractor() {
    let ws = Workspace::with_store();
    let store = kg::store::load(&ws.store()).unwrap().unwrap();
    let current = kg::store::extractor_fingerprint();
    for a in store.graph.articles() {
        let p = store.graph.provenance(&a.id).expect("provenance recorded");
        assert_eq!(p.extractor, current);
        assert!(!p.entities.is_empty());
    }
    let text = String::from_utf8(ws.store_bytes()).unwrap();
    assert_eq!(
        text.matches(&format!("extractor: \"{current}\"")).count(),
        3,
        "the store's and each article's"
    );
}

#[test]
fn reindex_with_the_same_extractor_changes_nothing() {
    let ws = Workspace::with_store();
    let before = ws.store_bytes();
    let out = stdout_of(ws.kg().arg("reindex"));
    assert!(
        out.starts_with("reindexed 2 articles with extractor "),
        "{out}"
    );
    assert!(out.contains(": nothing changed; "), "{out}");
    assert!(out.trim_end().ends_with("left as it was"), "{out}");
    assert_eq!(ws.store_bytes(), before);
}

#[test]
fn reindex_restores_facts_and_records_the_extractor() {
    let ws = Workspace::with_store();
    let before = ws.store_bytes();
    // As if an older extractor had found nothing in the seed article.
    let mut store = kg::store::load(&ws.store()).unwrap().unwrap();
    let seed_id = kg::article::read(&seed(), None).unwrap().id;
    let record = store.graph.article(&seed_id).unwrap().clone();
    store.graph.forget_article(&seed_id);
    store.graph.add_article(record);
    store.graph.set_provenance(
        &seed_id,
        kg::graph::Provenance {
            extractor: "0.0.1+data.old.code.old".into(),
            entities: Default::default(),
        },
    );
    kg::store::save(&ws.store(), &store).unwrap();

    let out = stdout_of(ws.kg().arg("reindex"));
    let head = out.lines().next().unwrap();
    assert!(
        head.starts_with("reindexed 2 articles with extractor "),
        "{out}"
    );
    assert!(
        head.contains("(1 made by another or an unrecorded one)"),
        "{out}"
    );
    assert!(head.contains("entities +"), "{out}");
    assert!(
        head.ends_with(&format!("; saved {}", ws.store().display())),
        "{out}"
    );
    assert!(
        out.contains("\n  + official:rajnath-singh (Rajnath Singh)"),
        "{out}"
    );
    assert!(out.contains(" —represents→ India"), "{out}");
    assert_eq!(
        String::from_utf8(ws.store_bytes()).unwrap(),
        String::from_utf8(before).unwrap(),
        "re-extracting gives back the store the ingest wrote"
    );
}

#[test]
fn forget_and_reindex_need_a_store() {
    let ws = Workspace::new();
    for args in [vec!["forget", "abcd"], vec!["reindex"]] {
        ws.kg()
            .args(&args)
            .assert()
            .failure()
            .code(1)
            .stderr(predicates::str::contains("store.ron: no store here"));
    }
    assert!(!ws.store().exists());
    assert!(!kg::store::lock_path(&ws.store()).exists());
}
