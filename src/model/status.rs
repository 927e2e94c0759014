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
    fn a_set_keeps_what_it_names() {
        let held = StatusSet::of(&[Status::Held]);
        assert!(held.keeps(Status::Held) && !held.keeps(Status::Denied));
        assert!(StatusSet::all().keeps(Status::Denied));
        assert!(StatusSet::of(&Status::ALL).is_all());
    }
}
