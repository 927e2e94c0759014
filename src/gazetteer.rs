//! Reference data the extractor ships with: the `data/*.ron` gazetteers, parsed once.
//!
//! The files are compiled into the binary so `kg` works from any directory;
//! `KG_DATA_DIR` points at a folder of replacements when a user curates their own.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A sovereign state (UN member or observer) and every way the news names it.
#[derive(Debug, Clone, Deserialize)]
pub struct CountryEntry {
    /// Short English name, the canonical `name` of `country:*` (e.g. "United States").
    pub name: String,
    /// Other names: official long forms, abbreviations, local spellings ("U.S.", "USA").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjectives and plural nouns of nationality ("American", "Americans").
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub capital: Option<PlaceEntry>,
    /// Major cities, regions and well-known venues inside the country.
    #[serde(default)]
    pub places: Vec<PlaceEntry>,
}

/// A place: a city, region, venue, sea or wider region.
#[derive(Debug, Clone, Deserialize)]
pub struct PlaceEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A place that no single country holds (seas, straits, regions of the world).
#[derive(Debug, Clone, Deserialize)]
pub struct RegionEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// An ocean, continent or world region: too broad to be a story's place.
    #[serde(default)]
    pub generic: bool,
}

/// A bloc, forum, international body, agency or news organisation.
#[derive(Debug, Clone, Deserialize)]
pub struct OrganizationEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Member countries where the membership is stable and short enough to list.
    #[serde(default)]
    pub members: Vec<String>,
    /// A news agency or outlet: the source of a story, never an actor in it.
    #[serde(default)]
    pub news: bool,
    /// A national news agency's country (by its `name` in countries.ron): the titles it
    /// leaves unqualified ("Prime Minister X" in a Vietnam News Agency story) are that
    /// country's, wherever the dateline is.
    #[serde(default)]
    pub country: Option<String>,
}

/// A prominent official and the country they represent: what an article that names
/// them without saying whose is taken to mean.
#[derive(Debug, Clone, Deserialize)]
pub struct OfficialEntry {
    /// The full name as the English-language press writes it ("Narendra Modi").
    pub name: String,
    /// Other spellings, fuller forms and nicknames ("Recep Tayyip Erdoğan", "Lula");
    /// never a bare surname, which the extractor resolves within an article.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A country's canonical `name` in countries.ron.
    pub country: String,
}

/// An office title and the words that name it.
#[derive(Debug, Clone, Deserialize)]
pub struct TitleEntry {
    /// Canonical title ("Defence Minister").
    pub title: String,
    /// Surface forms, matched case-insensitively ("Defense Minister", "Minister of Defence").
    #[serde(default)]
    pub variants: Vec<String>,
    /// The office it stands for, so counterparts can be recognised ("defence").
    pub office: String,
    /// A form of address rather than an office (General, Ambassador): kept as title only
    /// when nothing better is known.
    #[serde(default)]
    pub honorific: bool,
    /// The body the office belongs to when it is not a country's ("European Commission").
    #[serde(default)]
    pub organization: Option<String>,
}

/// A level of partnership between two parties ("Comprehensive Strategic Partnership").
#[derive(Debug, Clone, Deserialize)]
pub struct PartnershipLevel {
    pub name: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub acronym: Option<String>,
    /// Higher ranks supersede lower ones.
    #[serde(default)]
    pub rank: u8,
}

/// Word lists that drive the patterns.
#[derive(Debug, Clone, Deserialize)]
pub struct Lexicon {
    /// Abbreviations after which a period does not end a sentence ("Mr", "Gen", "U.S").
    pub abbreviations: Vec<String>,
    /// Forms of address stripped from names ("Mr", "Dr", "H.E.", "His Majesty").
    pub honorifics: Vec<String>,
    /// Name suffixes kept with the name ("Jr.", "III").
    pub name_suffixes: Vec<String>,
    /// Lower-case particles inside names ("bin", "da", "von", "der").
    pub name_particles: Vec<String>,
    /// Capitalised words that never start or continue a person's name.
    pub not_names: Vec<String>,
    /// Head nouns of agreements with the model's `kind` ("Treaty" -> treaty).
    pub agreement_heads: Vec<(String, String)>,
    /// Head nouns of organisations ("Ministry", "Commission").
    pub organization_heads: Vec<String>,
    /// Head nouns of venues and places ("Airbase", "Palace", "Camp").
    pub place_heads: Vec<String>,
    /// Head phrases of recurring bodies two countries hold together ("Joint Commission",
    /// "Bi-National Commission", "Strategic Dialogue"), any case.
    #[serde(default)]
    pub bilateral_body_heads: Vec<String>,
    /// Trigger words per milestone kind.
    pub milestone_triggers: Vec<(String, Vec<String>)>,
    /// Words that make a country a go-between rather than a party: "mediated by the
    /// Vatican", "Qatar brokered", "guarantors of the deal".
    #[serde(default)]
    pub third_party_words: Vec<String>,
    /// Lower-case nouns of agreements told without a name: "inked eight deals".
    #[serde(default)]
    pub unnamed_deal_words: Vec<String>,
    /// Words that count things: "a", "two", "several", "twenty-seven".
    #[serde(default)]
    pub count_words: Vec<String>,
    /// Head words of the names of recurring bilateral bodies, for their sessions:
    /// "Commission", "Dialogue" (the full head phrases are `bilateral_body_heads`).
    #[serde(default)]
    pub body_head_words: Vec<String>,
    /// Verbs that hold a session of a body: "held", "co-chaired", "opens".
    #[serde(default)]
    pub session_verbs: Vec<String>,
    /// Words that tell of a delegation joining the event told before: "accompanied".
    #[serde(default)]
    pub delegation_words: Vec<String>,
    /// Plural nouns of unnamed partners: "signed 26 MoUs with foreign countries".
    #[serde(default)]
    pub generic_partner_words: Vec<String>,
    /// Phrases that mean the day told last: "the same day", "at the end of the work day".
    #[serde(default)]
    pub same_day_phrases: Vec<String>,
    /// Words that open clauses and set the status of what a clause tells.
    #[serde(default)]
    pub clauses: ClauseWords,
}

/// The words of the clause grammar (`extract::clauses`): what opens a relative,
/// participle, attribution or background clause, and what makes a fact denied,
/// hypothetical, explored, hoped for or planned.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ClauseWords {
    /// "who", "which": a relative clause runs from these to the next comma.
    #[serde(default)]
    pub relative_pronouns: Vec<String>,
    /// "who", "whose": a relative clause about a person, which describes them.
    #[serde(default)]
    pub person_pronouns: Vec<String>,
    /// "who is on a visit to Paris": a relative clause opening with these tells of the
    /// main clause's own time.
    #[serde(default)]
    pub present_verbs: Vec<String>,
    /// Past participles not ending in "-ed" ("held", "struck") that open a clause.
    #[serde(default)]
    pub irregular_participles: Vec<String>,
    /// Words after a participle that make ", agreed in 2012," a clause ("in", "by").
    #[serde(default)]
    pub participle_followers: Vec<String>,
    /// Verbs of saying: ", X said." attributes the sentence to X.
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// ", after a trip to Algiers by X": words that, after a comma, open a clause of
    /// another time or event.
    #[serde(default)]
    pub adverbial_openers: Vec<String>,
    /// "since", "after", "when": before a new subject ("since the two countries struck
    /// a pact") they open a clause of another subject, even without a comma.
    #[serde(default)]
    pub subordinators: Vec<String>,
    /// Words that open a subject: "the", "they", "both".
    #[serde(default)]
    pub subject_openers: Vec<String>,
    /// "according to": opens an attribution.
    #[serde(default)]
    pub attribution_openers: Vec<String>,
    /// "Recalling", "Noting": a sentence's opening clause of background.
    #[serde(default)]
    pub background_openers: Vec<String>,
    /// ";", "but", "while": they start another main clause.
    #[serde(default)]
    pub coordinators: Vec<String>,
    /// Status name ("denied", "hypothetical", "explored", "hoped", "planned") and the
    /// words or phrases that give it to a verb shortly after them in its clause.
    #[serde(default)]
    pub status_markers: Vec<(String, Vec<String>)>,
}

/// Every gazetteer, loaded.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub countries: Vec<CountryEntry>,
    pub regions: Vec<RegionEntry>,
    pub organizations: Vec<OrganizationEntry>,
    pub titles: Vec<TitleEntry>,
    pub partnerships: Vec<PartnershipLevel>,
    pub lexicon: Lexicon,
    pub officials: Vec<OfficialEntry>,
}

/// A gazetteer file that does not parse.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: cannot read gazetteer: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: invalid gazetteer: {source}")]
    Parse {
        path: PathBuf,
        source: Box<ron::error::SpannedError>,
    },
}

const BUILTIN: [(&str, &str); 7] = [
    ("countries.ron", include_str!("../data/countries.ron")),
    ("regions.ron", include_str!("../data/regions.ron")),
    (
        "organizations.ron",
        include_str!("../data/organizations.ron"),
    ),
    ("titles.ron", include_str!("../data/titles.ron")),
    ("partnerships.ron", include_str!("../data/partnerships.ron")),
    ("lexicon.ron", include_str!("../data/lexicon.ron")),
    ("officials.ron", include_str!("../data/officials.ron")),
];

/// A short hash (8 hex digits) of the gazetteer data the shared extractor
/// uses: the built-in files, or `KG_DATA_DIR`'s where it has them. It changes
/// whenever the data does, so a store can tell which data built it.
pub fn data_fingerprint() -> String {
    use sha2::{Digest, Sha256};
    let dir = std::env::var_os("KG_DATA_DIR").map(PathBuf::from);
    let mut hasher = Sha256::new();
    for (name, builtin) in BUILTIN {
        let own = dir.as_ref().and_then(|d| std::fs::read(d.join(name)).ok());
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(own.as_deref().unwrap_or(builtin.as_bytes()));
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn parse<T: serde::de::DeserializeOwned>(
    dir: Option<&Path>,
    file: &str,
) -> Result<T, GazetteerError> {
    let builtin = BUILTIN
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| *text)
        .unwrap_or_default();
    let (path, text) = match dir {
        Some(dir) if dir.join(file).exists() => {
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path).map_err(|source| GazetteerError::Read {
                path: path.clone(),
                source,
            })?;
            (path, text)
        }
        _ => (PathBuf::from("data").join(file), builtin.to_string()),
    };
    ron::from_str(&text).map_err(|source| GazetteerError::Parse {
        path,
        source: Box::new(source),
    })
}

impl Gazetteer {
    /// Loads the built-in data, with files in `dir` taking precedence.
    pub fn load(dir: Option<&Path>) -> Result<Gazetteer, GazetteerError> {
        Ok(Gazetteer {
            countries: parse(dir, "countries.ron")?,
            regions: parse(dir, "regions.ron")?,
            organizations: parse(dir, "organizations.ron")?,
            titles: parse(dir, "titles.ron")?,
            partnerships: parse(dir, "partnerships.ron")?,
            lexicon: parse(dir, "lexicon.ron")?,
            officials: parse(dir, "officials.ron")?,
        })
    }

    /// The process-wide gazetteer: built-in data, or `KG_DATA_DIR`'s files.
    pub fn shared() -> Result<&'static Gazetteer, GazetteerError> {
        static SHARED: OnceLock<Result<Gazetteer, String>> = OnceLock::new();
        let loaded = SHARED.get_or_init(|| {
            let dir = std::env::var_os("KG_DATA_DIR").map(PathBuf::from);
            Gazetteer::load(dir.as_deref()).map_err(|e| e.to_string())
        });
        match loaded {
            Ok(g) => Ok(g),
            Err(message) => Err(GazetteerError::Read {
                path: PathBuf::from("KG_DATA_DIR"),
                source: std::io::Error::other(message.clone()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_gazetteers_parse() {
        let g = Gazetteer::load(None).expect("built-in data parses");
        assert!(g.countries.len() >= 190, "every UN member and observer");
        assert!(g.titles.iter().any(|t| t.title == "Defence Minister"));
    }

    #[test]
    fn country_names_are_unique() {
        let g = Gazetteer::load(None).unwrap();
        let mut names: Vec<String> = g.countries.iter().map(|c| c.name.to_lowercase()).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }

    #[test]
    fn country_surface_forms_map_to_one_country() {
        let g = Gazetteer::load(None).unwrap();
        let mut owner: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
        let mut clashes = Vec::new();
        for c in &g.countries {
            let mut forms: Vec<&str> = vec![c.name.as_str()];
            forms.extend(c.aliases.iter().map(String::as_str));
            forms.extend(c.demonyms.iter().map(String::as_str));
            for p in c.capital.iter().chain(c.places.iter()) {
                forms.push(p.name.as_str());
                forms.extend(p.aliases.iter().map(String::as_str));
            }
            for form in forms {
                let previous = owner.entry(form.to_lowercase()).or_insert(c.name.as_str());
                if *previous != c.name.as_str() {
                    clashes.push(format!("{form:?}: {previous} / {}", c.name));
                }
            }
        }
        assert!(
            clashes.is_empty(),
            "surface forms shared by countries: {clashes:?}"
        );
    }

    #[test]
    fn known_officials_have_known_countries_and_one_entry_each() {
        let g = Gazetteer::load(None).unwrap();
        assert!(g.officials.len() >= 100, "{} officials", g.officials.len());
        let mut names = std::collections::HashSet::new();
        for o in &g.officials {
            assert!(
                g.countries.iter().any(|c| c.name == o.country),
                "{}: unknown country {}",
                o.name,
                o.country
            );
            for form in std::iter::once(&o.name).chain(&o.aliases) {
                assert!(names.insert(form.to_lowercase()), "{form} listed twice");
            }
        }
    }

    #[test]
    fn organization_members_are_known_countries() {
        let g = Gazetteer::load(None).unwrap();
        for o in &g.organizations {
            for m in &o.members {
                assert!(
                    g.countries.iter().any(|c| &c.name == m),
                    "{}: unknown member {m}",
                    o.name
                );
            }
        }
    }
}
