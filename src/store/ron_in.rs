//! Reading a store written one item per line ([`super::ron_out`]), fast: a
//! strict parser for exactly that layout, run on every core, each line read
//! by the record codec that wrote it ([`super::record`]). It accepts only
//! text that the `ron` crate reads to the same value (the schema of
//! [`crate::store`], its fields in their order, strings escaped as `ron`
//! escapes them); anything else, a file edited by hand or written in the
//! pretty layout, is left to `ron` ([`crate::store::from_str`] falls back),
//! which reads it or says where it is broken.

use crate::store::record::{self, Record, END, ENTITIES, RELATIONS};
use crate::store::StoreFile;
use rayon::prelude::*;

/// The store in `text` when it is in the line layout of the current schema,
/// else `None`.
pub(crate) fn parse(text: &str) -> Option<StoreFile> {
    let (default_corpus, extractor, rest) = record::read_head(text)?;
    let (articles, rest) = rest.split_once(ENTITIES)?;
    let (entities, rest) = rest.split_once(RELATIONS)?;
    let relations = rest.strip_suffix(END)?;
    Some(StoreFile {
        version: crate::store::SCHEMA_VERSION,
        default_corpus,
        extractor,
        articles: lines(articles)?,
        entities: lines(entities)?,
        relations: lines(relations)?,
    })
}

/// Text split into chunks of whole lines, about this many bytes each.
const CHUNK: usize = 4 << 20;

/// Every record line of `section` (each ending in `\n`), read on every core.
fn lines<T: Record>(section: &str) -> Option<Vec<T>> {
    let mut chunks = Vec::new();
    let mut rest = section;
    while !rest.is_empty() {
        let cut = match rest.get(CHUNK..) {
            // A chunk ends at the end of a line; a string never holds a raw line break.
            Some(after) => after.find('\n').map_or(rest.len(), |i| CHUNK + i + 1),
            None => rest.len(),
        };
        let (chunk, tail) = rest.split_at(cut);
        chunks.push(chunk);
        rest = tail;
    }
    let parts: Vec<Vec<T>> = chunks
        .into_par_iter()
        .map(record::read_lines)
        .collect::<Option<_>>()?;
    Some(parts.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ArticleRecord, KnowledgeGraph, Provenance};
    use crate::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};
    use crate::store::{self, Store};
    use std::path::Path;

    fn evidence(article: &str, sentence: &str, start: usize) -> Evidence {
        Evidence {
            article: article.into(),
            sentence: sentence.into(),
            start,
            end: start + sentence.len(),
        }
    }

    /// Aliases, attributes, dates and their absence, evidence without an
    /// article, symmetric relations, and text that needs every escape.
    fn awkward() -> Store {
        let mut graph = KnowledgeGraph::new();
        graph.add_article(ArticleRecord {
            id: "a1".into(),
            path: "x/\"quoted\" O'Brien.txt".into(),
            title: "Tab\there, zero\0, \u{301}accent first, é, \u{7f}, \u{85}".into(),
            date: Some("2025-05-04".into()),
            text: "line\nbreak \\ back\r\n{[(,:)]} \u{200b}".into(),
            fingerprint: None,
        });
        graph.add_article(ArticleRecord {
            id: "a2".into(),
            path: String::new(),
            title: String::new(),
            date: None,
            text: String::new(),
            fingerprint: None,
        });
        graph.set_provenance(
            "a1",
            Provenance {
                extractor: "0.1.0+x".into(),
                entities: ["country:india".to_string(), "official:o".to_string()]
                    .into_iter()
                    .collect(),
            },
        );
        let mut india = Entity::new(EntityKind::Country, "india", "India");
        india.aliases = vec!["Bharat".into(), "India's".into()];
        india.attrs.insert("capital".into(), "New \"Delhi\"".into());
        india.attrs.insert("a".into(), String::new());
        graph.upsert_entity(india);
        graph.upsert_entity(Entity::new(EntityKind::Official, "o", "Seán O'Brien"));
        graph.upsert_entity(Entity::new(EntityKind::Place, "nowhere", "Nowhere"));
        let attrs: Attrs = [("date", "2025"), ("title", "Minister")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        let rel = RelationKind::Represents;
        graph.add_relation(
            "official:o",
            rel,
            "country:india",
            attrs,
            evidence("a1", "S", 0),
        );
        graph.add_relation(
            "official:o",
            rel,
            "country:india",
            Attrs::new(),
            evidence("", "none", 3),
        );
        graph.add_relation(
            "official:o",
            rel,
            "country:india",
            Attrs::new(),
            evidence("a2", "S", 0),
        );
        graph.upsert_entity(Entity::new(EntityKind::Official, "p", "P"));
        let meets = RelationKind::Meets;
        graph.add_relation(
            "official:o",
            meets,
            "official:p",
            Attrs::new(),
            evidence("a1", "m", 9),
        );
        graph.add_relation(
            "official:o",
            meets,
            "official:o",
            Attrs::new(),
            evidence("a2", "", 0),
        );
        Store {
            graph,
            default_corpus: true,
            extractor: "kg \"1\"".into(),
        }
    }

    fn written(store: &Store) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        let digest = crate::store::ron_out::write_store(&path, store).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            digest,
            crate::store::ron_out::FileDigest::of(&path).unwrap(),
            "the digest names what was written"
        );
        text
    }

    #[test]
    fn the_line_layout_is_read_fast_and_as_ron_reads_it() {
        let store = awkward();
        let text = written(&store);
        assert_eq!(text.lines().count(), 5 + 2 + 2 + 4 + 2 + 3 + 2, "{text}");
        let fast = parse(&text).expect("the line layout is read fast");
        let slow: StoreFile = ron::from_str(&text).unwrap();
        assert_eq!(fast, slow);
        let back = store::from_str(Path::new("g.ron"), &text).unwrap();
        assert_eq!(store::to_string(&back), store::to_string(&store));
        assert!(store::same_content(&back, &store));
    }

    #[test]
    fn an_empty_store_too() {
        let store = Store::default();
        let text = written(&store);
        assert_eq!(parse(&text), Some(ron::from_str(&text).unwrap()));
    }

    #[test]
    fn anything_else_is_left_to_ron() {
        let store = awkward();
        let text = written(&store);
        let pretty = store::to_string(&store);
        let edits = [
            pretty.clone(),
            format!("// a note\n{text}"),
            text.replacen(
                "    (id: \"country:india\", ",
                "    ( id: \"country:india\", ",
                1,
            ),
            text.replacen("\"Bharat\"", "\"\\x42harat\"", 1),
            text.replacen("version: 2", "version: 1", 1),
            text.replacen("start: 3", "start: 03", 1),
            text.replacen(
                "{\"a\": \"\", \"capital\"",
                "{\"capital\": \"\", \"capital\"",
                1,
            ),
            text.replacen(")\n", ")\n\n", 1),
            text[..text.len() / 2].to_string(),
        ];
        for edit in &edits {
            assert!(parse(edit).is_none(), "{edit}");
        }
        // ron reads what it can, the same either way, and says where the rest is broken.
        let back = store::from_str(Path::new("g.ron"), &edits[1]).unwrap();
        assert!(store::same_content(&back, &store));
        let err = store::from_str(Path::new("g.ron"), &edits[8]).unwrap_err();
        assert!(err.to_string().contains("line"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_back_as_ron_reads_it(
            name in "\\PC*|.*",
            sentence in "\\PC*|.*",
            alias in ".*",
        ) {
            let mut store = awkward();
            let mut entity = Entity::new(EntityKind::Organization, "x", &name);
            entity.aliases.push(alias.clone());
            entity.attrs.insert(alias, sentence.clone());
            store.graph.upsert_entity(entity);
            store.graph.add_relation(
                "country:india",
                RelationKind::MemberOf,
                "organization:x",
                Attrs::new(),
                evidence("a1", &sentence, 1),
            );
            let text = written(&store);
            let fast = parse(&text);
            proptest::prop_assert!(fast.is_some());
            let slow: StoreFile = ron::from_str(&text).unwrap();
            proptest::prop_assert_eq!(fast.unwrap(), slow);
        }
    }
}
