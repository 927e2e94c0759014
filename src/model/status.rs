//! The status of a fact: whether what a relation or milestone tells happened
//! (`held`), is to come (`planned`), was only explored, hoped for or possible,
//! or was denied; how two reports of one fact merge, and the `--status` filter.

use std::fmt;

/// What the text says of a fact. A relation without a `status` attribute is
/// `held`: the text states it as done or true.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Done or true, in force: "signed", "elevated", "met".
    Held,
    /// To come: "will sign", "plan to sign".
    Planned,
    /// Only intended: "agreed to explore elevating ties".
    Explored,
    /// Wished for: "hope to sign".
    Hoped,
    /// Possible only: "may sign", "could establish".
    Hypothetical,
    /// Negated: "did not sign".
    Denied,
}

impl Status {
    /// Every status, the most certain first.
    pub const ALL: [Status; 6] = [
        Status::Held,
        Status::Planned,
        Status::Explored,
        Status::Hoped,
        Status::Hypothetical,
        Status::Denied,
    ];

    /// The name the `status` attribute and the `--status` flag use.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Planned => "planned",
            Status::Explored => "explored",
            Status::Hoped => "hoped",
            Status::Hypothetical => "hypothetical",
            Status::Denied => "denied",
        }
    }

    /// A status by its name, or as the extractor words it on milestones
    /// ("agreed to explore"; "in force" is held).
    pub fn parse(text: &str) -> Option<Status> {
        let text = text.trim().to_ascii_lowercase();
        Some(match text.as_str() {
            "held" | "in force" | "in_force" => Status::Held,
            "planned" => Status::Planned,
            "explored" | "agreed to explore" => Status::Explored,
            "hoped" => Status::Hoped,
            "hypothetical" => Status::Hypothetical,
            "denied" => Status::Denied,
            _ => return None,
        })
    }

    /// The status a `status` attribute gives: held when there is none (or it
    /// is not a status this version knows).
    pub fn of_attr(value: Option<&str>) -> Status {
        value.and_then(Status::parse).unwrap_or(Status::Held)
    }

    /// Whether the fact happened (or holds): only `held`.
    pub fn happened(self) -> bool {
        self == Status::Held
    }

    /// The more certain of two reports of one fact: an article that says it
    /// was signed outweighs one that says it may be.
    pub fn most_certain(self, other: Status) -> Status {
        self.min(other)
    }

    /// Its number in the compact index.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The status with this [`Status::code`]; held for an unknown one.
    pub fn from_code(code: u8) -> Status {
        Status::ALL
            .get(usize::from(code))
            .copied()
            .unwrap_or(Status::Held)
    }
}

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Merges the attributes of a relation stated again into those it has: the
/// first value of each attribute stays, but the status becomes the most
/// certain of the two (no attribute is held), whatever order the reports come in.
pub fn merge_attrs(into: &mut super::Attrs, incoming: super::Attrs) {
    let had = Status::of_attr(into.get("status").map(String::as_str));
    let new = Status::of_attr(incoming.get("status").map(String::as_str));
    for (k, v) in incoming {
        into.entry(k).or_insert(v);
    }
    match had.most_certain(new) {
        Status::Held => into.remove("status"),
        status => into.insert("status".into(), status.as_str().into()),
    };
}

/// Merges the attributes of an entity reported again (a milestone two articles
/// tell) into those it has: the first value of each attribute stays, but when
/// both give a status the more certain one wins ("will meet on Monday", then
/// "met on Monday": held), whatever order the articles come in.
pub fn merge_entity_attrs(into: &mut super::Attrs, incoming: super::Attrs) {
    let both = into
        .get("status")
        .zip(incoming.get("status"))
        .map(|(a, b)| Status::of_attr(Some(a)).most_certain(Status::of_attr(Some(b))));
    for (k, v) in incoming {
        into.entry(k).or_insert(v);
    }
    if let Some(status) = both {
        into.insert("status".into(), status.as_str().into());
    }
}

/// Which statuses a question keeps (`--status held,planned`); all when empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StatusSet(u8);

impl StatusSet {
    /// Every status: no filter.
    pub fn all() -> StatusSet {
        StatusSet(0)
    }

    /// These statuses only; all of them when `statuses` is empty.
    pub fn of(statuses: &[Status]) -> StatusSet {
        StatusSet(statuses.iter().fold(0, |bits, s| bits | (1 << s.code())))
    }

    /// Whether it keeps everything.
    pub fn is_all(self) -> bool {
        self.0 == 0 || self.0 == (1 << Status::ALL.len()) - 1
    }

    /// Whether a fact of this status is kept.
    pub fn keeps(self, status: Status) -> bool {
        self.is_all() || self.0 & (1 << status.code()) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attrs;

    #[test]
    fn names_round_trip_and_the_extractor_wording_is_read() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(Status::from_code(s.code()), s);
        }
        assert_eq!(Status::parse("agreed to explore"), Some(Status::Explored));
        assert_eq!(Status::of_attr(None), Status::Held);
        assert_eq!(Status::parse("maybe"), None);
    }

    #[test]
    fn the_most_certain_report_wins_in_either_order() {
        let attrs = |s: Option<&str>| -> Attrs {
            s.map(|s| [("status".to_string(), s.to_string())].into())
                .unwrap_or_default()
        };
        for (a, b, want) in [
            (None, Some("planned"), None),
            (Some("denied"), Some("hypothetical"), Some("hypothetical")),
            (Some("explored"), Some("planned"), Some("planned")),
        ] {
            for (x, y) in [(a, b), (b, a)] {
                let mut into = attrs(x);
                merge_attrs(&mut into, attrs(y));
                assert_eq!(into.get("status").map(String::as_str), want, "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn a_milestone_told_twice_keeps_the_more_certain_status() {
        let attrs = |s: &str| -> Attrs {
            [
                ("status".to_string(), s.to_string()),
                ("kind".to_string(), "meeting".to_string()),
            ]
            .into()
        };
        for (x, y) in [("planned", "held"), ("held", "planned")] {
            let mut into = attrs(x);
            merge_entity_attrs(&mut into, attrs(y));
            assert_eq!(into["status"], "held");
        }
        let mut into = Attrs::new();
        merge_entity_attrs(&mut into, attrs("planned"));
        assert_eq!(into["status"], "planned");
    }

    #[test]
    fn a_set_keeps_what_it_names() {
        let held = StatusSet::of(&[Status::Held]);
        assert!(held.keeps(Status::Held) && !held.keeps(Status::Denied));
        assert!(StatusSet::all().keeps(Status::Denied));
        assert!(StatusSet::of(&Status::ALL).is_all());
    }
}
