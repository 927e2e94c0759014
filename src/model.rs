//! The knowledge model of `../shared/MODEL.md`: entity kinds, relations, evidence
//! and the per-article extraction that `kg extract` prints.

mod date;
pub mod status;

pub use date::PartialDate;
use serde::{Deserialize, Serialize};
pub use status::{Status, StatusSet};
use std::collections::BTreeMap;
use std::fmt;

/// Declares a closed vocabulary once: the enum, each value's name, and
/// `ALL` (every value, in declaration order), `as_str` and `parse` made from
/// that one list, so a value added is in all of them and every `match` on
/// the enum that does not handle it fails to compile.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The value's name, as the JSON contract and the store write it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value named `s`, if any.
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|k| k.as_str() == s)
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// The six kinds of node; their names are fixed by the model.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum EntityKind {
        Country = "country",
        Official = "official",
        Organization = "organization",
        Agreement = "agreement",
        Milestone = "milestone",
        Place = "place",
    }
}

impl EntityKind {
    /// The kind's name in the plural: "countries", "officials" …
    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Country => "countries",
            EntityKind::Official => "officials",
            EntityKind::Organization => "organizations",
            EntityKind::Agreement => "agreements",
            EntityKind::Milestone => "milestones",
            EntityKind::Place => "places",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

vocabulary! {
    /// The relation vocabulary; directed from source to target.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RelationKind {
        Represents = "represents",
        MemberOf = "member_of",
        CounterpartOf = "counterpart_of",
        Meets = "meets",
        PartyTo = "party_to",
        Signed = "signed",
        Involves = "involves",
        Concerns = "concerns",
        HeldIn = "held_in",
        HeldAt = "held_at",
        LocatedIn = "located_in",
        Follows = "follows",
    }
}

impl RelationKind {
    /// The relation as a reader says it, for labels: `party to`, `held in`.
    pub fn phrase(self) -> String {
        self.as_str().replace('_', " ")
    }

    /// The relation with its date, as a reader says it: `met on 2025-05-05`,
    /// `signed on 2014-09-01`, `concerns (2014)`.
    pub fn dated_phrase(self, date: &str) -> String {
        match self {
            RelationKind::Meets => format!("met on {date}"),
            RelationKind::Signed => format!("signed on {date}"),
            _ => format!("{} ({date})", self.phrase()),
        }
    }

    /// The kinds the relation may join: (sources, targets), as the model has them.
    pub fn endpoints(self) -> (&'static [EntityKind], &'static [EntityKind]) {
        use EntityKind::*;
        use RelationKind::*;
        match self {
            Represents => (&[Official], &[Country]),
            MemberOf => (&[Official, Country], &[Organization]),
            CounterpartOf | Meets => (&[Official], &[Official]),
            PartyTo => (&[Country], &[Agreement]),
            Signed => (&[Official], &[Agreement]),
            Involves => (&[Milestone], &[Country, Official, Organization]),
            Concerns => (&[Milestone], &[Agreement]),
            HeldIn => (&[Milestone], &[Place, Country]),
            HeldAt => (&[Milestone], &[Organization]),
            LocatedIn => (&[Place], &[Country]),
            Follows => (&[Milestone], &[Milestone]),
        }
    }

    /// `meets` and `counterpart_of` hold both ways; the graph keeps one edge.
    pub fn is_symmetric(self) -> bool {
        matches!(self, RelationKind::Meets | RelationKind::CounterpartOf)
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Free-form attributes (`title`, `country`, `date`, `kind`, `acronym`, `year`…).
pub type Attrs = BTreeMap<String, String>;

/// A node of the graph: `id` is `kind:slug`, stable across articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub attrs: Attrs,
}

impl Entity {
    pub fn new(kind: EntityKind, slug: &str, name: &str) -> Entity {
        Entity {
            id: entity_id(kind, slug),
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            attrs: Attrs::new(),
        }
    }

    /// Adds a surface form unless it is the name or already known (case-insensitive).
    pub fn add_alias(&mut self, alias: &str) {
        let alias = alias.trim();
        if alias.is_empty() || alias.eq_ignore_ascii_case(&self.name) {
            return;
        }
        if !self.aliases.iter().any(|a| a.eq_ignore_ascii_case(alias)) {
            self.aliases.push(alias.to_string());
        }
    }

    /// The entity's date attribute (milestones), if any.
    pub fn date(&self) -> Option<&str> {
        self.attrs.get("date").map(String::as_str)
    }

    /// A milestone's date; `None` for the other kinds.
    pub fn milestone_date(&self) -> Option<&str> {
        (self.kind == EntityKind::Milestone)
            .then(|| self.date())
            .flatten()
    }

    /// An agreement's year; `None` for the other kinds.
    pub fn agreement_year(&self) -> Option<&str> {
        (self.kind == EntityKind::Agreement)
            .then(|| self.attrs.get("year").map(String::as_str))
            .flatten()
    }
}

/// The sentence that states a fact: byte offsets into the article text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub article: String,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
}

/// One extracted fact with the sentence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub source: String,
    pub relation: RelationKind,
    pub target: String,
    #[serde(default)]
    pub attrs: Attrs,
    pub evidence: Evidence,
}

/// What `kg extract` knows about the article itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
}

/// The JSON contract of `kg extract --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub article: ArticleMeta,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
}

/// `kind:slug`, the id scheme of the model.
pub fn entity_id(kind: EntityKind, slug: &str) -> String {
    let kind = kind.as_str();
    let mut id = String::with_capacity(kind.len() + 1 + slug.len());
    id.push_str(kind);
    id.push(':');
    id.push_str(slug);
    id
}

/// Lower-case ASCII slug: accents folded, every other run of symbols one dash.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    let mut emit = |f: char, out: &mut String| {
        if f.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(f.to_ascii_lowercase());
        } else if f != '\'' && f != '\u{2019}' {
            dash = true;
        }
    };
    let mut folded = String::with_capacity(4);
    for c in text.chars() {
        // Names are mostly ASCII, which folds to itself.
        if c.is_ascii() {
            emit(c, &mut out);
            continue;
        }
        folded.clear();
        push_folded(c, &mut folded);
        for f in folded.chars() {
            emit(f, &mut out);
        }
    }
    out
}

/// Appends `c` to `out`, a Latin letter with diacritics that news text carries folded to ASCII.
pub fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ'
        | 'ậ' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' | 'Ạ' | 'Ả' | 'Ấ' | 'Ầ' | 'Ẩ' | 'Ẫ'
        | 'Ậ' | 'Ắ' | 'Ằ' | 'Ẳ' | 'Ẵ' | 'Ặ' => "A",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'Ç' | 'Ć' | 'Č' | 'Ĉ' | 'Ċ' => "C",
        'đ' | 'ď' => "d",
        'Đ' | 'Ď' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ'
        | 'ệ' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' | 'Ẹ' | 'Ẻ' | 'Ẽ' | 'Ế' | 'Ề' | 'Ể' | 'Ễ'
        | 'Ệ' => "E",
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => "g",
        'Ğ' | 'Ĝ' | 'Ġ' | 'Ģ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'ị' | 'ỉ' | 'ĩ' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' | 'Ị' | 'Ỉ' | 'Ĩ' => "I",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'Ł' | 'Ľ' | 'Ĺ' | 'Ļ' => "L",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'Ñ' | 'Ń' | 'Ň' | 'Ņ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'ơ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ'
        | 'ộ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' | 'Ơ' | 'Ọ' | 'Ỏ' | 'Ố' | 'Ồ' | 'Ổ' | 'Ỗ'
        | 'Ộ' | 'Ớ' | 'Ờ' | 'Ở' | 'Ỡ' | 'Ợ' => "O",
        'ř' | 'ŕ' => "r",
        'Ř' | 'Ŕ' => "R",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'ư' | 'ụ' | 'ủ' | 'ũ' | 'ứ' | 'ừ' | 'ử'
        | 'ữ' | 'ự' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' | 'Ư' | 'Ụ' | 'Ủ' | 'Ũ' | 'Ứ' | 'Ừ' | 'Ử'
        | 'Ữ' | 'Ự' => "U",
        'ý' | 'ÿ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
        'Ý' | 'Ÿ' | 'Ỳ' | 'Ỵ' | 'Ỷ' | 'Ỹ' => "Y",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        '\u{2019}' | '\u{2018}' => "'",
        '\u{201C}' | '\u{201D}' => "\"",
        '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}' => "-",
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(s);
}

/// The text with diacritics and typographic punctuation folded to ASCII.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Node fields every interchange format has (written by `export`, read
/// back by `kg import --neo4j`); an entity attribute of the same name is renamed `attr_<name>`.
pub(crate) const NODE_FIELDS: [&str; 7] =
    ["id", "name", "label", "kind", "aliases", "focus", "color"];
/// Edge fields every format has; an edge attribute of the same name is renamed `attr_<name>`.
pub(crate) const EDGE_FIELDS: [&str; 13] = [
    "id",
    "source",
    "target",
    "relation",
    "label",
    "date",
    "articles",
    "evidence",
    "weight",
    "sentence",
    "sources",
    "directed",
    "symmetric",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_read_as_words_in_labels() {
        for (relation, date, label) in [
            (RelationKind::PartyTo, None, "party to"),
            (RelationKind::CounterpartOf, None, "counterpart of"),
            (RelationKind::Meets, Some("2025-05-05"), "met on 2025-05-05"),
            (
                RelationKind::Signed,
                Some("2014-09-01"),
                "signed on 2014-09-01",
            ),
            (RelationKind::Concerns, Some("2014"), "concerns (2014)"),
            (RelationKind::HeldIn, None, "held in"),
        ] {
            let said = match date {
                Some(date) => relation.dated_phrase(date),
                None => relation.phrase(),
            };
            assert_eq!(said, label);
        }
    }

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slugify("Côte d'Ivoire"), "cote-divoire");
        assert_eq!(slugify("Tô Lâm"), "to-lam");
        assert_eq!(
            slugify("ASEAN Defence Ministers' Meeting-Plus"),
            "asean-defence-ministers-meeting-plus"
        );
        assert_eq!(slugify("  Rajnath   Singh "), "rajnath-singh");
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::parse(k.as_str()), Some(k));
        }
        for r in RelationKind::ALL {
            assert_eq!(RelationKind::parse(r.as_str()), Some(r));
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
    }
}
