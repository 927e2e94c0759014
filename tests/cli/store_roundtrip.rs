//! `kg::store` round-trips any small graph: to_string → from_str → to_string
//! gives the same text, with every entity, edge, article and article
//! provenance kept.

use kg::graph::{ArticleRecord, KnowledgeGraph, Provenance};
use kg::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};
use kg::store::{self, Store};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::path::Path;

/// Text with quotes, backslashes, newlines and non-ASCII letters among the rest.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "[a-zA-Z0-9 \"'\\\\\\n()éñ–—→:,{{}}\\[\\]]{{0,{max}}}"
    ))
    .expect("valid regex")
}

fn entity() -> impl Strategy<Value = Entity> {
    (
        0..EntityKind::ALL.len(),
        "[a-z0-9]{1,6}(-[a-z0-9]{1,6})?",
        text(16),
        vec(text(10), 0..3),
        btree_map("[a-z_]{1,8}", text(12), 0..3),
    )
        .prop_map(|(kind, slug, name, aliases, attrs)| {
            let mut e = Entity::new(EntityKind::ALL[kind], &slug, &name);
            for alias in aliases {
                e.add_alias(&alias);
            }
            e.attrs = attrs.into_iter().collect();
            e
        })
}

fn article() -> impl Strategy<Value = ArticleRecord> {
    (
        "[0-9a-f]{16}",
        text(20),
        text(20),
        proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        text(60),
    )
        .prop_map(|(id, path, title, date, text)| ArticleRecord {
            id,
            path,
            title,
            date,
            text,
            fingerprint: None,
        })
}

/// (source index, target index, relation index, attrs, evidence sentence, start, article index)
type RawRelation = (usize, usize, usize, Attrs, String, usize, usize);

fn relation() -> impl Strategy<Value = RawRelation> {
    (
        0..8usize,
        0..8usize,
        0..RelationKind::ALL.len(),
        btree_map("[a-z]{1,5}", text(8), 0..2),
        text(40),
        0..500usize,
        0..4usize,
    )
}

/// Per article: whether it has provenance, its extractor, which entities it yielded.
type RawProvenance = (bool, String, Vec<usize>);

fn provenance() -> impl Strategy<Value = RawProvenance> {
    (any::<bool>(), text(12), vec(0..8usize, 0..4))
}

fn store() -> impl Strategy<Value = Store> {
    (
        vec(entity(), 1..8),
        vec(relation(), 0..16),
        vec(article(), 1..4),
        any::<bool>(),
        text(12),
        vec(provenance(), 4),
    )
        .prop_map(
            |(entities, relations, articles, default_corpus, extractor, provenance)| {
                let mut graph = KnowledgeGraph::new();
                let ids: Vec<String> = entities.iter().map(|e| e.id.clone()).collect();
                let article_ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
                let text_lens: Vec<usize> = articles.iter().map(|a| a.text.len()).collect();
                for a in articles {
                    graph.add_article(a);
                }
                for e in entities {
                    graph.upsert_entity(e);
                }
                for (s, t, r, attrs, sentence, start, a) in relations {
                    // Only what the model allows: a loader refuses the rest.
                    let (s, t, relation) = (
                        &ids[s % ids.len()],
                        &ids[t % ids.len()],
                        RelationKind::ALL[r],
                    );
                    let (sources, targets) = relation.endpoints();
                    let kind = |id: &String| EntityKind::parse(id.split(':').next().unwrap_or(""));
                    if !kind(s).is_some_and(|k| sources.contains(&k))
                        || !kind(t).is_some_and(|k| targets.contains(&k))
                    {
                        continue;
                    }
                    // Nor evidence past the end of its article's text.
                    let text_len = text_lens[a % text_lens.len()];
                    let start = match text_len.checked_sub(sentence.len()) {
                        _ if text_len == 0 => start,
                        Some(room) => start % (room + 1),
                        None => continue,
                    };
                    let evidence = Evidence {
                        article: article_ids[a % article_ids.len()].clone(),
                        end: start + sentence.len(),
                        sentence,
                        start,
                    };
                    graph.add_relation(s, relation, t, attrs, evidence);
                }
                for (article, (recorded, extractor, yielded)) in article_ids.iter().zip(provenance)
                {
                    if recorded {
                        graph.set_provenance(
                            article,
                            Provenance {
                                extractor,
                                entities: yielded
                                    .iter()
                                    .map(|i| ids[i % ids.len()].clone())
                                    .collect(),
                            },
                        );
                    }
                }
                Store {
                    graph,
                    default_corpus,
                    extractor,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_small_graphs_round_trip(original in store()) {
        let text = store::to_string(&original);
        let back = store::from_str(Path::new("prop.ron"), &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(store::to_string(&back), text);
        prop_assert_eq!(back.graph.node_count(), original.graph.node_count());
        prop_assert_eq!(back.graph.edge_count(), original.graph.edge_count());
        prop_assert_eq!(back.graph.articles().count(), original.graph.articles().count());
        prop_assert_eq!(back.default_corpus, original.default_corpus);
        for a in original.graph.articles() {
            let kept = back.graph.provenance(&a.id);
            match original.graph.provenance(&a.id) {
                Some(p) => prop_assert_eq!(kept, Some(p)),
                // Unrecorded provenance is written as empty and read back so.
                None => prop_assert!(kept.is_none_or(|k| k == &Provenance::default())),
            }
        }
        prop_assert_eq!(back.extractor, original.extractor);
    }
}

#[test]
fn saving_and_loading_a_file_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.ron");
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..16 {
        let original = store().new_tree(&mut runner).unwrap().current();
        store::save(&path, &original).unwrap();
        let loaded = store::load(&path).unwrap().expect("saved");
        assert_eq!(store::to_string(&loaded), store::to_string(&original));
    }
}
