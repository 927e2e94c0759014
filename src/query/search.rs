//! `kg search TEXT`: the entities whose name or an alias holds the text
//! (case and accents aside), with their kind, id and how many articles state
//! something about them: how a user finds the names `kg show` and `kg query`
//! take.

use crate::model::{fold, EntityKind};
use crate::store::index::GraphIndex;
use serde::Serialize;
use std::fmt::Write as _;

/// One entity found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    /// The aliases that hold the text.
    pub aliases: Vec<String>,
    /// Distinct articles behind its relations.
    #[serde(rename = "article_count")]
    pub articles: usize,
    /// Distinct stories among them: syndicated copies count once.
    pub story_count: usize,
}

/// The entities of `g` whose name or an alias holds `text`: those whose
/// whole name or alias it is first, then those whose name holds it, each by articles (most
/// first), then by name.
pub fn search(g: &GraphIndex, text: &str) -> Vec<Found> {
    let needle = fold(&text.trim().to_lowercase());
    if needle.is_empty() {
        return Vec::new();
    }
    let holds = |s: &str| fold(&s.to_lowercase()).contains(&needle);
    let mut hits: Vec<u32> = (0..g.node_count() as u32)
        .filter(|&v| holds(g.name(v)))
        .collect();
    hits.extend(g.all_aliases().filter(|(_, a)| holds(a)).map(|(v, _)| v));
    hits.sort_unstable();
    hits.dedup();
    let mut found: Vec<((bool, bool), Found)> = hits
        .into_iter()
        .map(|v| {
            let mut articles: Vec<u32> = g
                .links(v)
                .flat_map(|i| g.edge_article_numbers(g.link(i).1))
                .collect();
            articles.sort_unstable();
            articles.dedup();
            let name = fold(&g.name(v).to_lowercase());
            let aliases: Vec<String> = g
                .aliases_of(v)
                .into_iter()
                .filter(|a| holds(a))
                .map(str::to_string)
                .collect();
            let whole = name == needle || aliases.iter().any(|a| fold(&a.to_lowercase()) == needle);
            let rank = (whole, name.contains(&needle));
            let entity = Found {
                id: g.id(v).to_string(),
                kind: g.kind(v),
                name: g.name(v).to_string(),
                aliases,
                articles: articles.len(),
                story_count: g.story_count(&articles),
            };
            (rank, entity)
        })
        .collect();
    found.sort_by(|(wa, a), (wb, b)| {
        wb.cmp(wa)
            .then(b.articles.cmp(&a.articles))
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    found.into_iter().map(|(_, f)| f).collect()
}

/// `kg search` as text: a count, then one entity a line.
pub fn render_search_text(found: &[Found]) -> String {
    let mut out = crate::render::counted(found.len() as u64, "entity", "entities");
    out.push('\n');
    for f in found {
        let aka = if f.aliases.is_empty() {
            String::new()
        } else {
            format!("  aka {}", f.aliases.join(", "))
        };
        let _ = writeln!(
            out,
            "{:<13} {}  ({}, {}){aka}",
            f.kind.as_str(),
            f.name,
            f.id,
            crate::stories::support(f.articles, f.story_count)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_are_found_case_and_accents_aside() {
        let g = GraphIndex::from_graph(&crate::export::star_graph());
        let all = search(&g, "");
        assert!(all.is_empty(), "an empty text finds nothing");
        let some = search(&g, &g.name(0).to_uppercase());
        assert!(some.iter().any(|f| f.id == g.id(0)));
        assert_eq!(
            some[0].name.to_lowercase(),
            g.name(0).to_lowercase(),
            "a whole name first"
        );
    }
}
