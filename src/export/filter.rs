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

/// Why the flags of a filter do not make one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FilterError {
    #[error("--kinds: unknown kind {name:?}; the kinds are {}", known_kinds())]
    UnknownKind { name: String },
    #[error("--kinds needs at least one kind")]
    NoKinds,
    #[error("invalid {flag} {value:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate { flag: &'static str, value: String },
    #[error("--since {since} is after --until {until}")]
    Reversed {
        since: PartialDate,
        until: PartialDate,
    },
}

fn known_kinds() -> String {
    let known: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
    known.join(", ")
}

impl Filter {
    /// The filter `--kinds`, `--since` and `--until` ask for, checked once:
    /// kinds by name (any case; blank names skipped, at least one needed),
    /// dates as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the period not reversed.
    pub fn from_flags(
        kinds: &[String],
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Filter, FilterError> {
        let mut f = Filter::default();
        if !kinds.is_empty() {
            let mut chosen = BTreeSet::new();
            for name in kinds {
                let name = name.trim().to_ascii_lowercase();
                if name.is_empty() {
                    continue;
                }
                let kind = EntityKind::parse(&name).ok_or(FilterError::UnknownKind { name })?;
                chosen.insert(kind);
            }
            if chosen.is_empty() {
                return Err(FilterError::NoKinds);
            }
            f.kinds = Some(chosen);
        }
        let date = |flag: &'static str, value: Option<&str>| match value {
            None => Ok(None),
            Some(v) => PartialDate::parse(v)
                .map(Some)
                .ok_or_else(|| FilterError::BadDate {
                    flag,
                    value: v.to_string(),
                }),
        };
        f.since = date("--since", since)?;
        f.until = date("--until", until)?;
        if let (Some(since), Some(until)) = (f.since, f.until) {
            if since.first_day() > until.last_day() {
                return Err(FilterError::Reversed { since, until });
            }
        }
        Ok(f)
    }

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
    fn flags_make_a_filter_or_say_why_not() {
        let kinds = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let f = Filter::from_flags(&kinds(&["Official", " country "]), Some("2014"), None);
        let f = f.expect("a filter");
        assert_eq!(
            f.kinds,
            Some(BTreeSet::from([EntityKind::Country, EntityKind::Official]))
        );
        assert_eq!(f.since, Some(date("2014")));
        let err = |k: &[&str], s: Option<&str>, u: Option<&str>| {
            Filter::from_flags(&kinds(k), s, u)
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            err(&["treaty"], None, None),
            "--kinds: unknown kind \"treaty\"; the kinds are \
             country, official, organization, agreement, milestone, place"
        );
        assert_eq!(err(&[" "], None, None), "--kinds needs at least one kind");
        assert_eq!(
            err(&[], Some("2014-13"), None),
            "invalid --since \"2014-13\": expected YYYY, YYYY-MM or YYYY-MM-DD"
        );
        assert_eq!(
            err(&[], Some("2020"), Some("2019")),
            "--since 2020 is after --until 2019"
        );
        assert!(Filter::from_flags(&[], None, None)
            .expect("empty")
            .is_empty());
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
