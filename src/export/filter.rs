//! Narrowing the graph before a view is taken: keep some entity kinds, keep the
//! milestones and dated relations of a period.

use crate::graph::{Edge, KnowledgeGraph};
pub use crate::model::PartialDate;
use crate::model::{Entity, EntityKind};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::BTreeSet;

/// What a diagram keeps of the graph. The default keeps everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Entity kinds to keep; `None` keeps every kind.
    pub kinds: Option<BTreeSet<EntityKind>>,
    /// Keep milestones and dated relations on or after this date.
    pub since: Option<PartialDate>,
    /// Keep milestones and dated relations on or before this date.
    pub until: Option<PartialDate>,
}

impl Filter {
    /// True when the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_none() && self.since.is_none() && self.until.is_none()
    }

    fn dated(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// Whether a date (as stored) falls in the period: a date that covers a span
    /// (`2014`) is kept when any of the span does. An unreadable date is kept.
    pub fn keeps_date(&self, date: &str) -> bool {
        let Some(d) = PartialDate::lenient(date) else {
            return true;
        };
        let after = self.since.is_none_or(|s| d.last_day() >= s.first_day());
        let before = self.until.is_none_or(|u| d.first_day() <= u.last_day());
        after && before
    }

    /// Whether the entity stays: its kind is kept and, for a milestone under a date
    /// filter, it has a date in the period (undated milestones go).
    pub fn keeps_entity(&self, entity: &Entity) -> bool {
        if self
            .kinds
            .as_ref()
            .is_some_and(|k| !k.contains(&entity.kind))
        {
            return false;
        }
        if entity.kind == EntityKind::Milestone && self.dated() {
            return entity.date().is_some_and(|d| self.keeps_date(d));
        }
        true
    }

    /// Whether the relation stays: undated relations do, dated ones when in the period.
    pub fn keeps_edge(&self, edge: &Edge) -> bool {
        edge.attrs.get("date").is_none_or(|d| self.keeps_date(d))
    }

    /// The part of `kg` the filter keeps, with every article; the entities in `keep`
    /// stay whatever their kind or date (the foci of a diagram).
    pub fn apply(&self, kg: &KnowledgeGraph, keep: &[NodeIndex]) -> KnowledgeGraph {
        let g = kg.petgraph();
        let mut out = KnowledgeGraph::new();
        for article in kg.articles() {
            out.add_article(article.clone());
        }
        for ix in g.node_indices() {
            let entity = &g[ix];
            if keep.contains(&ix) || self.keeps_entity(entity) {
                out.upsert_entity(entity.clone());
            }
        }
        for e in g.edge_references() {
            let edge = e.weight();
            if !self.keeps_edge(edge) {
                continue;
            }
            let (s, t) = (&g[e.source()].id, &g[e.target()].id);
            for evidence in &edge.evidence {
                // An end that was filtered out makes this a no-op.
                out.add_relation(s, edge.relation, t, edge.attrs.clone(), evidence.clone());
            }
        }
        out
    }

    /// The filter in words, for a diagram's subtitle: `officials and countries, 2014 to 2020`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(kinds) = &self.kinds {
            let names: Vec<&str> = kinds.iter().map(|k| k.plural()).collect();
            parts.push(names.join(", "));
        }
        match (self.since, self.until) {
            (Some(s), Some(u)) => parts.push(format!("{s} to {u}")),
            (Some(s), None) => parts.push(format!("since {s}")),
            (None, Some(u)) => parts.push(format!("until {u}")),
            (None, None) => {}
        }
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dot::tests::sample;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn periods_keep_overlapping_dates() {
        let f = Filter {
            since: Some(date("2014-09")),
            until: Some(date("2020")),
            ..Filter::default()
        };
        assert!(f.keeps_date("2014"), "a year overlapping the start");
        assert!(f.keeps_date("2014-09-01"));
        assert!(!f.keeps_date("2014-08-31"));
        assert!(f.keeps_date("2020-12-31"));
        assert!(!f.keeps_date("2021"));
        assert!(f.keeps_date("sometime"), "unreadable dates stay");
        assert_eq!(f.describe(), "2014-09 to 2020");
    }

    #[test]
    fn apply_keeps_kinds_periods_and_the_foci() {
        let kg = sample();
        let japan = kg.index_of("country:japan").unwrap();
        let officials = Filter {
            kinds: Some(BTreeSet::from([EntityKind::Official])),
            ..Filter::default()
        };
        let out = officials.apply(&kg, &[japan]);
        let ids: Vec<&str> = out.entities().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "country:japan",
                "official:rajnath-singh",
                "official:gen-nakatani"
            ]
        );
        // Nakatani represents Japan; Singh meets Nakatani.
        assert_eq!(out.edge_count(), 2);
        assert_eq!(out.articles().count(), kg.articles().count());

        let recent = Filter {
            since: Some(date("2026")),
            ..Filter::default()
        };
        let out = recent.apply(&kg, &[]);
        assert!(out
            .entity("milestone:india-japan-defence-ministers-meeting")
            .is_none());
        assert_eq!(out.node_count(), kg.node_count() - 1);
        assert!(Filter::default().is_empty() && !recent.is_empty());
    }
}
