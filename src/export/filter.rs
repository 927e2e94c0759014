//! What an export keeps of the graph: some entity kinds, the milestones and
//! dated relations of a period. The read model applies it
//! ([`crate::query::Reader::view`]).

use crate::model::EntityKind;
pub use crate::model::PartialDate;
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
}
