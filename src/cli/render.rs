//! Text output that the library does not render itself: one article's
//! extraction, for `kg extract --format text`.

use kg::model::{Attrs, Entity, EntityKind, Extraction};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The longest evidence sentence shown, in characters.
const SENTENCE_WIDTH: usize = 160;

/// The article line, then entities grouped by kind, then relations by name,
/// each with the sentence that states it.
pub fn extraction_text(x: &Extraction) -> String {
    let mut out = String::new();
    let a = &x.article;
    let _ = writeln!(out, "{}", a.title);
    let _ = writeln!(
        out,
        "{} · {} · article {}",
        a.path,
        a.date.as_deref().unwrap_or("undated"),
        a.id
    );
    for kind in EntityKind::ALL {
        let mut of_kind: Vec<&Entity> = x.entities.iter().filter(|e| e.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by(|p, q| (p.date(), &p.name).cmp(&(q.date(), &q.name)));
        let _ = writeln!(out, "\n{} ({})", kind.plural(), of_kind.len());
        for e in of_kind {
            let mut line = format!("  {}", e.name);
            if !e.attrs.is_empty() {
                let _ = write!(line, "  [{}]", attrs_text(&e.attrs));
            }
            if !e.aliases.is_empty() {
                let _ = write!(line, "  aka {}", e.aliases.join(", "));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    let names: HashMap<&str, &str> = x
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let name = |id: &str| names.get(id).copied().unwrap_or(id).to_string();
    let _ = writeln!(out, "\nrelations ({})", x.relations.len());
    for r in &x.relations {
        let mut line = format!("  {} —{}→ {}", name(&r.source), r.relation, name(&r.target));
        if !r.attrs.is_empty() {
            let _ = write!(line, "  [{}]", attrs_text(&r.attrs));
        }
        let _ = writeln!(out, "{line}");
        let _ = writeln!(
            out,
            "      \"{}\"",
            kg::render::clip_line(&r.evidence.sentence, SENTENCE_WIDTH)
        );
    }
    out
}

fn attrs_text(attrs: &Attrs) -> String {
    attrs
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use kg::model::{ArticleMeta, Evidence, Relation, RelationKind};

    #[test]
    fn lists_entities_by_kind_and_relations_by_name() {
        let mut singh = Entity::new(EntityKind::Official, "rajnath-singh", "Rajnath Singh");
        singh
            .attrs
            .insert("title".into(), "Defence Minister".into());
        let india = Entity::new(EntityKind::Country, "india", "India");
        let sentence = "Defence Minister Rajnath Singh of India spoke.";
        let x = Extraction {
            article: ArticleMeta {
                id: "abc".into(),
                path: "a.txt".into(),
                title: "Title".into(),
                date: Some("2025-05-04".into()),
            },
            relations: vec![Relation {
                source: singh.id.clone(),
                relation: RelationKind::Represents,
                target: india.id.clone(),
                attrs: Attrs::new(),
                evidence: Evidence {
                    article: String::new(),
                    sentence: sentence.into(),
                    start: 0,
                    end: sentence.len(),
                },
            }],
            entities: vec![singh, india],
        };
        let text = extraction_text(&x);
        let countries = text.find("countries (1)").unwrap();
        let officials = text.find("officials (1)").unwrap();
        assert!(countries < officials, "{text}");
        assert!(
            text.contains("Rajnath Singh  [title: Defence Minister]"),
            "{text}"
        );
        assert!(text.contains("Rajnath Singh —represents→ India"), "{text}");
        assert!(text.contains(&format!("\"{sentence}\"")), "{text}");
    }
}
