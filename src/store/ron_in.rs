//! Reading a store written one item per line ([`super::ron_out`]), fast: a
//! strict parser for exactly that layout, run on every core. It accepts only
//! text that the `ron` crate reads to the same value (the schema of
//! [`crate::store`], its fields in their order, strings escaped as `ron`
//! escapes them); anything else, a file edited by hand or written in the
//! pretty layout, is left to `ron` ([`crate::store::from_str`] falls back),
//! which reads it or says where it is broken.

use crate::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};
use crate::store::{StoreFile, StoredArticle, StoredRelation};
use rayon::prelude::*;

/// The store in `text` when it is in the line layout of the current schema,
/// else `None`.
pub(crate) fn parse(text: &str) -> Option<StoreFile> {
    let head = "(\n  version: ";
    let rest = text.strip_prefix(head)?;
    let mut p = Cursor::new(rest);
    let version = p.number()?;
    if version != u64::from(crate::store::SCHEMA_VERSION) {
        return None;
    }
    p.lit(",\n  default_corpus: ")?;
    let default_corpus = p.boolean()?;
    p.lit(",\n  extractor: ")?;
    let extractor = p.string()?;
    p.lit(",\n  articles: [\n")?;
    let rest = p.rest();
    let (articles, rest) = rest.split_once("  ],\n  entities: [\n")?;
    let (entities, rest) = rest.split_once("  ],\n  relations: [\n")?;
    let relations = rest.strip_suffix("  ],\n)\n")?;
    Some(StoreFile {
        version: crate::store::SCHEMA_VERSION,
        default_corpus,
        extractor,
        articles: lines(articles, article)?,
        entities: lines(entities, entity)?,
        relations: lines(relations, relation)?,
    })
}

/// Text split into chunks of whole lines, about this many bytes each.
const CHUNK: usize = 4 << 20;

/// Every line of `section` (each ending in `\n`) read by `item`, on every core.
fn lines<T: Send>(section: &str, item: fn(&mut Cursor<'_>) -> Option<T>) -> Option<Vec<T>> {
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
        .map(|chunk| {
            let mut out = Vec::new();
            let mut p = Cursor::new(chunk);
            while !p.done() {
                p.lit("    (")?;
                out.push(item(&mut p)?);
                p.lit("),\n")?;
            }
            Some(out)
        })
        .collect::<Option<_>>()?;
    Some(parts.into_iter().flatten().collect())
}

fn article(p: &mut Cursor<'_>) -> Option<StoredArticle> {
    p.lit("id: ")?;
    let id = p.string()?;
    p.lit(", path: ")?;
    let path = p.string()?;
    p.lit(", title: ")?;
    let title = p.string()?;
    p.lit(", date: ")?;
    let date = if p.eat("None") {
        None
    } else {
        p.lit("Some(")?;
        let d = p.string()?;
        p.lit(")")?;
        Some(d)
    };
    p.lit(", extractor: ")?;
    let extractor = p.string()?;
    let entities = if p.eat(", entities: ") {
        p.strings()?
    } else {
        Vec::new()
    };
    let fingerprint = if p.eat(", fingerprint: ") {
        p.string()?
    } else {
        String::new()
    };
    p.lit(", text: ")?;
    let text = p.string()?;
    Some(StoredArticle {
        fingerprint,
        id,
        path,
        title,
        date,
        extractor,
        entities,
        text,
    })
}

fn entity(p: &mut Cursor<'_>) -> Option<Entity> {
    p.lit("id: ")?;
    let id = p.string()?;
    p.lit(", kind: ")?;
    let kind = EntityKind::parse(p.ident()?)?;
    p.lit(", name: ")?;
    let name = p.string()?;
    let aliases = if p.eat(", aliases: ") {
        p.strings()?
    } else {
        Vec::new()
    };
    let attrs = if p.eat(", attrs: ") {
        p.map()?
    } else {
        Attrs::new()
    };
    Some(Entity {
        id,
        kind,
        name,
        aliases,
        attrs,
    })
}

fn relation(p: &mut Cursor<'_>) -> Option<StoredRelation> {
    p.lit("source: ")?;
    let source = p.string()?;
    p.lit(", relation: ")?;
    let relation = RelationKind::parse(p.ident()?)?;
    p.lit(", target: ")?;
    let target = p.string()?;
    let attrs = if p.eat(", attrs: ") {
        p.map()?
    } else {
        Attrs::new()
    };
    p.lit(", evidence: [")?;
    let mut evidence = Vec::new();
    if !p.eat("]") {
        loop {
            p.lit("(")?;
            // An evidence without an article is written without the field, as `ron` does.
            let article = if p.eat("article: ") {
                let a = p.string()?;
                p.lit(", ")?;
                a
            } else {
                String::new()
            };
            p.lit("sentence: ")?;
            let sentence = p.string()?;
            p.lit(", start: ")?;
            let start = usize::try_from(p.number()?).ok()?;
            p.lit(", end: ")?;
            let end = usize::try_from(p.number()?).ok()?;
            p.lit(")")?;
            evidence.push(Evidence {
                article,
                sentence,
                start,
                end,
            });
            if p.eat("]") {
                break;
            }
            p.lit(", ")?;
        }
    }
    Some(StoredRelation {
        source,
        relation,
        target,
        attrs,
        evidence,
    })
}

/// A position in the text being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, at: 0 }
    }

    fn done(&self) -> bool {
        self.at >= self.text.len()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// Skips `lit` if the text goes on with it.
    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.at += lit.len();
            true
        } else {
            false
        }
    }

    fn lit(&mut self, lit: &str) -> Option<()> {
        self.eat(lit).then_some(())
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.eat("true") {
            Some(true)
        } else if self.eat("false") {
            Some(false)
        } else {
            None
        }
    }

    /// Decimal digits, no sign, no leading zero, no overflow.
    fn number(&mut self) -> Option<u64> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        let text = &self.rest()[..digits];
        if digits == 0 || (digits > 1 && text.starts_with('0')) {
            return None;
        }
        let value = text.parse().ok()?;
        self.at += digits;
        Some(value)
    }

    /// A lower-case name: a kind or a relation.
    fn ident(&mut self) -> Option<&'a str> {
        let len = self
            .rest()
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        let name = &self.rest()[..len];
        self.at += len;
        (len > 0).then_some(name)
    }

    /// A string literal as `ron` writes it: printable characters as they are,
    /// the rest escaped as `char::escape_debug` escapes them.
    fn string(&mut self) -> Option<String> {
        self.lit("\"")?;
        let bytes = self.text.as_bytes();
        let start = self.at;
        // Most strings have no escape: one copy.
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\\' {
            if bytes[i] == b'\n' || bytes[i] == b'\r' {
                return None;
            }
            i += 1;
        }
        if bytes.get(i) == Some(&b'"') {
            self.at = i + 1;
            return Some(self.text[start..i].to_string());
        }
        let mut out = String::from(&self.text[start..i]);
        self.at = i;
        loop {
            let c = self.rest().chars().next()?;
            match c {
                '"' => {
                    self.at += 1;
                    return Some(out);
                }
                '\\' => {
                    self.at += 1;
                    let e = self.rest().chars().next()?;
                    self.at += e.len_utf8();
                    out.push(match e {
                        '\\' => '\\',
                        '"' => '"',
                        '\'' => '\'',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        '0' => '\0',
                        'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                '\n' | '\r' => return None,
                c => {
                    self.at += c.len_utf8();
                    out.push(c);
                }
            }
        }
    }

    /// The `{XXXX}` of a `\u{XXXX}` escape (1 to 6 hex digits), as its char.
    fn unicode_escape(&mut self) -> Option<char> {
        self.lit("{")?;
        let hex = self.rest().split_once('}')?.0;
        if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += hex.len() + 1;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// `["a", "b"]`, or `[]`.
    fn strings(&mut self) -> Option<Vec<String>> {
        self.lit("[")?;
        let mut out = Vec::new();
        if self.eat("]") {
            return Some(out);
        }
        loop {
            out.push(self.string()?);
            if self.eat("]") {
                return Some(out);
            }
            self.lit(", ")?;
        }
    }

    /// `{"k": "v", "l": "w"}`, or `{}`; keys in order and distinct, as a map writes them.
    fn map(&mut self) -> Option<Attrs> {
        self.lit("{")?;
        let mut out = Attrs::new();
        if self.eat("}") {
            return Some(out);
        }
        let mut last: Option<String> = None;
        loop {
            let key = self.string()?;
            if last.as_ref().is_some_and(|l| *l >= key) {
                return None;
            }
            self.lit(": ")?;
            let value = self.string()?;
            last = Some(key.clone());
            out.insert(key, value);
            if self.eat("}") {
                return Some(out);
            }
            self.lit(", ")?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ArticleRecord, KnowledgeGraph, Provenance};
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
