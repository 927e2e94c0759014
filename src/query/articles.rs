//! `kg articles`: the articles (and imports) a store holds, with the ids
//! `kg forget` and `kg show` need, their dates, titles, paths and how many
//! relations each states; narrowed by date or by text.

use crate::export::Filter;
use crate::render::clip_line;
use crate::store::index::GraphIndex;
use serde::Serialize;
use std::fmt::Write as _;

/// One stored article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub date: Option<String>,
    pub title: String,
    pub path: String,
    /// Relations it states (with or without other articles).
    #[serde(rename = "relation_count")]
    pub relations: usize,
    /// Id of its story ([`crate::stories`]): the smallest id among the
    /// syndicated copies it is one of; its own id when it is no copy.
    pub story: String,
}

/// Which articles to list: those dated in the filter's period (an undated
/// one only without `since`/`until`) whose id, title or path holds `text`
/// (case aside).
#[derive(Debug, Clone, Default)]
pub struct ArticleQuery<'q> {
    pub dates: Filter,
    pub text: Option<&'q str>,
}

/// The articles of `g` that `q` keeps, by date (undated last), then title.
pub fn articles(g: &GraphIndex, q: &ArticleQuery<'_>) -> Vec<ArticleRow> {
    let mut relations = vec![0usize; g.articles().len()];
    for e in 0..g.edge_count() as u32 {
        for a in g.edge_article_numbers(e) {
            relations[a as usize] += 1;
        }
    }
    let needle = q.text.map(str::to_lowercase);
    let dated = q.dates.since.is_some() || q.dates.until.is_some();
    let mut rows: Vec<ArticleRow> = g
        .articles()
        .iter()
        .enumerate()
        .filter(|(i, _)| match g.article_date(*i) {
            Some(d) => q.dates.keeps_date(d),
            None => !dated,
        })
        .filter(|(_, a)| {
            needle.as_ref().is_none_or(|n| {
                [&a.id, &a.title, &a.path]
                    .iter()
                    .any(|field| field.to_lowercase().contains(n.as_str()))
            })
        })
        .map(|(i, a)| ArticleRow {
            id: a.id.clone(),
            date: g.article_date(i).map(str::to_string),
            title: a.title.clone(),
            path: a.path.clone(),
            relations: relations[i],
            story: g.articles()[g.article_story(i as u32) as usize].id.clone(),
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.title, &a.id).cmp(&(
            b.date.is_none(),
            &b.date,
            &b.title,
            &b.id,
        ))
    });
    rows
}

/// The most characters of a title a line shows.
const TITLE_WIDTH: usize = 90;

/// `kg articles` as text: a count, then per article its id, date, relations
/// and title, and its path on the line below.
pub fn render_articles_text(rows: &[ArticleRow]) -> String {
    let mut out = crate::render::counted(rows.len() as u64, "article", "articles");
    out.push('\n');
    for r in rows {
        let copy = if r.story == r.id {
            String::new()
        } else {
            format!("  (same story as {})", r.story)
        };
        let _ = writeln!(
            out,
            "{}  {:<10}  {:>4} relations  {}\n    {}{copy}",
            r.id,
            r.date.as_deref().unwrap_or("undated"),
            r.relations,
            clip_line(&r.title, TITLE_WIDTH),
            r.path
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ArticleRecord, KnowledgeGraph};
    use crate::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};

    fn graph() -> GraphIndex {
        let mut kg = KnowledgeGraph::new();
        for (id, date, title) in [
            ("a1", Some("2025-05-04"), "Singh meets Nakatani"),
            ("a2", Some("2014-09-01"), "India and Japan elevate ties"),
            ("a3", None, "An undated note"),
        ] {
            kg.add_article(ArticleRecord {
                id: id.into(),
                path: format!("news/{id}.txt"),
                title: title.into(),
                date: date.map(str::to_string),
                text: String::new(),
                fingerprint: None,
            });
        }
        kg.upsert_entity(Entity::new(EntityKind::Country, "india", "India"));
        kg.upsert_entity(Entity::new(EntityKind::Country, "japan", "Japan"));
        kg.upsert_entity(Entity::new(EntityKind::Official, "singh", "Singh"));
        let ev = |a: &str| Evidence {
            article: a.into(),
            sentence: "s".into(),
            start: 0,
            end: 0,
        };
        kg.add_relation(
            "official:singh",
            RelationKind::Represents,
            "country:india",
            Attrs::new(),
            ev("a1"),
        );
        kg.add_relation(
            "country:india",
            RelationKind::CounterpartOf,
            "country:japan",
            Attrs::new(),
            ev("a1"),
        );
        kg.add_relation(
            "country:india",
            RelationKind::CounterpartOf,
            "country:japan",
            Attrs::new(),
            ev("a2"),
        );
        GraphIndex::from_graph(&kg)
    }

    fn ids(rows: &[ArticleRow]) -> Vec<&str> {
        rows.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn articles_come_by_date_with_the_relations_they_state() {
        let rows = articles(&graph(), &ArticleQuery::default());
        assert_eq!(ids(&rows), ["a2", "a1", "a3"]);
        let counts: Vec<usize> = rows.iter().map(|r| r.relations).collect();
        assert_eq!(counts, [1, 2, 0]);
    }

    #[test]
    fn dates_and_text_narrow_the_list() {
        let g = graph();
        let since = ArticleQuery {
            dates: Filter::from_flags(&[], Some("2020"), None).unwrap(),
            text: None,
        };
        assert_eq!(ids(&articles(&g, &since)), ["a1"]);
        let text = ArticleQuery {
            dates: Filter::default(),
            text: Some("JAPAN"),
        };
        assert_eq!(ids(&articles(&g, &text)), ["a2"]);
        let path = ArticleQuery {
            dates: Filter::default(),
            text: Some("news/a3"),
        };
        assert_eq!(ids(&articles(&g, &path)), ["a3"]);
    }
}
