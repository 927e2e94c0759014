//! The gazetteers compiled for matching: Aho-Corasick automata (proper names and known
//! officials case-sensitively; titles, partnership levels and country prefixes
//! case-insensitively), word sequences bucketed for lookup at a token, and word sets.

use super::text::Token;
use crate::gazetteer::Gazetteer;
use crate::model::{fold, slugify, EntityKind};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a proper-name surface form stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProperTarget {
    /// A country by index; `demonym` when the form is an adjective ("Japanese").
    Country {
        country: usize,
        demonym: bool,
    },
    /// A place inside a country: (country index, place key into `places`).
    Place {
        country: usize,
        place: usize,
    },
    Region(usize),
    Organization(usize),
}

/// What a case-insensitive surface form stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseTarget {
    Title(usize),
    Partnership(usize),
}

/// A match in the text: byte span and target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<T> {
    pub start: usize,
    pub end: usize,
    pub target: T,
}

/// Canonical name of a place entry and its aliases.
#[derive(Debug, Clone)]
pub struct PlaceName {
    pub name: String,
}

pub struct Lexicon {
    pub gazetteer: &'static Gazetteer,
    proper: WordStartMatcher,
    proper_targets: Vec<ProperTarget>,
    phrases: AhoCorasick,
    phrase_targets: Vec<PhraseTarget>,
    /// Country names, aliases and demonyms, case-insensitively: the party prefixes of a
    /// name ("Japan–Philippines Reciprocal Access Agreement").
    country_forms: AhoCorasick,
    pub places: Vec<PlaceName>,
    /// Forms of address of more than one word ("His Excellency"), in gazetteer order.
    pub multiword_honorifics: Vec<Vec<String>>,
    /// One-word forms of address without their period ("Dr", "Gen"): asked of every
    /// name's first word.
    single_honorifics: HashSet<String>,
    pub particles: HashSet<String>,
    pub suffixes: HashSet<String>,
    pub not_names: HashSet<String>,
    pub third_party: HashSet<String>,
    pub agreement_heads: PhraseSet<String>,
    pub organization_heads: PhraseSet<()>,
    pub place_heads: PhraseSet<()>,
    pub triggers: PhraseSet<String>,
    country_by_name: HashMap<String, usize>,
    /// Entity ids of the countries, by index: asked for at every mention.
    country_ids: Vec<String>,
    /// Known officials' folded, lower-cased names and aliases → their country.
    official_countries: HashMap<String, usize>,
    /// Known officials' names and aliases as written, and the country of each.
    official_names: WordStartMatcher,
    official_name_countries: Vec<usize>,
}

/// Word sequences with a value each, compared with tokens ASCII-case-insensitively.
/// They are bucketed by the length and lower-cased first byte of their first and of
/// their last word, so a token is compared only with the few that could match there.
pub struct PhraseSet<T> {
    entries: Vec<(Vec<String>, T)>,
    by_first: Buckets,
    by_last: Buckets,
    /// First bytes of the entries' first words, in both ASCII cases: most tokens are
    /// told apart by one lookup, before their bucket is computed.
    first_bytes: [u64; 4],
}

fn has_byte(set: &[u64; 4], b: u8) -> bool {
    set[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

/// Entry indices grouped by a word's bucket, in entry order (compressed rows).
struct Buckets {
    offsets: Vec<u32>,
    entries: Vec<u32>,
}

const BUCKETS: usize = 1024;

/// A word's bucket: its first two letters (any case) and its length, which few
/// other words share.
fn bucket(word: &str) -> usize {
    let letter = |i: usize| word.as_bytes().get(i).map_or(0, u8::to_ascii_lowercase) as usize;
    (letter(0) * 131 + letter(1) * 31 + word.len()) % BUCKETS
}

impl Buckets {
    fn new(keys: impl Iterator<Item = usize> + Clone) -> Buckets {
        let mut offsets = vec![0u32; BUCKETS + 1];
        for k in keys.clone() {
            offsets[k + 1] += 1;
        }
        for b in 0..BUCKETS {
            offsets[b + 1] += offsets[b];
        }
        let mut fill = offsets.clone();
        let mut entries = vec![0u32; offsets[BUCKETS] as usize];
        for (i, k) in keys.enumerate() {
            entries[fill[k] as usize] = i as u32;
            fill[k] += 1;
        }
        Buckets { offsets, entries }
    }

    fn get(&self, word: &str) -> &[u32] {
        let b = bucket(word);
        &self.entries[self.offsets[b] as usize..self.offsets[b + 1] as usize]
    }
}

fn same_words(tokens: &[Token<'_>], at: usize, words: &[String]) -> bool {
    tokens.get(at..at + words.len()).is_some_and(|ts| {
        ts.iter()
            .zip(words)
            .all(|(t, w)| t.text.eq_ignore_ascii_case(w))
    })
}

impl<T> PhraseSet<T> {
    /// Empty word sequences are left out: they would match anywhere.
    pub fn new(entries: impl Iterator<Item = (Vec<String>, T)>) -> PhraseSet<T> {
        let entries: Vec<(Vec<String>, T)> = entries.filter(|(w, _)| !w.is_empty()).collect();
        let by_first = Buckets::new(entries.iter().map(|(w, _)| bucket(&w[0])));
        let by_last = Buckets::new(entries.iter().map(|(w, _)| bucket(&w[w.len() - 1])));
        let mut first_bytes = [0u64; 4];
        for (w, _) in &entries {
            if let Some(&b) = w[0].as_bytes().first() {
                for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                    first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
                }
            }
        }
        PhraseSet {
            entries,
            by_first,
            by_last,
            first_bytes,
        }
    }

    /// Entry `index`: its words and value.
    pub fn entry(&self, index: usize) -> (&[String], &T) {
        let (words, value) = &self.entries[index];
        (words, value)
    }

    /// Entries whose words start at token `at`, in entry order, with their index.
    pub fn starting_at<'s>(
        &'s self,
        tokens: &'s [Token<'_>],
        at: usize,
    ) -> impl Iterator<Item = (usize, &'s [String], &'s T)> + 's {
        let word = tokens.get(at).map_or("", |t| t.text);
        let candidates = match word.as_bytes().first() {
            Some(&b) if has_byte(&self.first_bytes, b) => self.by_first.get(word),
            _ => &[],
        };
        candidates
            .iter()
            .map(|&e| (e as usize, &self.entries[e as usize]))
            .filter(move |(_, (w, _))| same_words(tokens, at, w))
            .map(|(e, (w, v))| (e, w.as_slice(), v))
    }

    /// Entries whose words end at token `last`, in entry order.
    pub fn ending_at<'s>(
        &'s self,
        tokens: &'s [Token<'_>],
        last: usize,
    ) -> impl Iterator<Item = (&'s [String], &'s T)> + 's {
        let word = tokens.get(last).map_or("", |t| t.text);
        self.by_last
            .get(word)
            .iter()
            .map(|&e| &self.entries[e as usize])
            .filter(move |(w, _)| last + 1 >= w.len() && same_words(tokens, last + 1 - w.len(), w))
            .map(|(w, v)| (w.as_slice(), v))
    }
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn is_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let last = text[..end].chars().next_back();
    before.is_none_or(|c| !c.is_alphanumeric())
        && (after.is_none_or(|c| !c.is_alphanumeric())
            || last.is_some_and(|c| !c.is_alphanumeric()))
}

/// A leftmost-longest automaton searched only where a name can start: at word starts
/// whose first byte begins some pattern. Names are short and sparse, so a few anchored
/// searches cost far less than walking the automaton over every byte of the text.
struct WordStartMatcher {
    automaton: AhoCorasick,
    /// Bit `b0 << 8 | b1` is set when some pattern begins with bytes `b0 b1`: a word
    /// start must pass this before the automaton is asked.
    opening_pairs: Box<[u64; 1024]>,
    /// First bytes of one-byte patterns, which have no second byte to test.
    single_bytes: [bool; 256],
    /// First bytes of all patterns: the quick test that skips most of the text.
    first_bytes: [bool; 256],
}

impl WordStartMatcher {
    fn new<P: AsRef<str>>(patterns: &[P]) -> WordStartMatcher {
        let mut opening_pairs = Box::new([0u64; 1024]);
        let mut single_bytes = [false; 256];
        let mut first_bytes = [false; 256];
        for p in patterns {
            if let Some(&b0) = p.as_ref().as_bytes().first() {
                first_bytes[b0 as usize] = true;
            }
            match *p.as_ref().as_bytes() {
                [b0] => {
                    single_bytes[b0 as usize] = true;
                    for b1 in 0..256 {
                        let pair = (b0 as usize) << 8 | b1;
                        opening_pairs[pair / 64] |= 1 << (pair % 64);
                    }
                }
                [b0, b1, ..] => {
                    let pair = (b0 as usize) << 8 | b1 as usize;
                    opening_pairs[pair / 64] |= 1 << (pair % 64);
                }
                [] => {}
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(patterns.iter().map(|p| p.as_ref()))
            .expect("gazetteer automaton builds");
        WordStartMatcher {
            automaton,
            opening_pairs,
            single_bytes,
            first_bytes,
        }
    }

    fn may_open_at(&self, bytes: &[u8], at: usize) -> bool {
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(&b0), Some(&b1)) => {
                let pair = (b0 as usize) << 8 | b1 as usize;
                self.opening_pairs[pair / 64] & (1 << (pair % 64)) != 0
            }
            (Some(&b0), None) => self.single_bytes[b0 as usize],
            _ => false,
        }
    }

    /// Longest matches on word boundaries, left to right, none overlapping.
    fn hits<T: Copy>(&self, targets: &[T], text: &str) -> Vec<Hit<T>> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(16);
        let mut at = 0;
        while at < bytes.len() {
            let Some(k) = bytes[at..]
                .iter()
                .position(|&b| self.first_bytes[b as usize])
            else {
                break;
            };
            let start = at + k;
            at = start + 1;
            if !self.may_open_at(bytes, start) {
                continue;
            }
            let word_start = match start.checked_sub(1).map(|p| bytes[p]) {
                None => true,
                Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
                Some(_) => text[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric()),
            };
            if !word_start {
                continue;
            }
            let input = aho_corasick::Input::new(text)
                .range(start..)
                .anchored(aho_corasick::Anchored::Yes);
            if let Some(m) = self.automaton.find(input) {
                if is_boundary(text, m.start(), m.end()) {
                    out.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        target: targets[m.pattern().as_usize()],
                    });
                    at = m.end();
                }
            }
        }
        out
    }
}

/// Matches of `automaton` in `text` on word boundaries, each with its pattern's target.
fn hits_of<T: Copy>(automaton: &AhoCorasick, targets: &[T], text: &str) -> Vec<Hit<T>> {
    automaton
        .find_iter(text)
        .filter(|m| is_boundary(text, m.start(), m.end()))
        .map(|m| Hit {
            start: m.start(),
            end: m.end(),
            target: targets[m.pattern().as_usize()],
        })
        .collect()
}

impl Lexicon {
    pub fn new(gazetteer: &'static Gazetteer) -> Lexicon {
        let mut forms: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut places = Vec::new();
        let mut country_by_name = HashMap::default();
        let mut country_forms = Vec::new();
        let add = |forms: &mut Vec<String>, targets: &mut Vec<ProperTarget>, form: &str, t| {
            // "the UK" would swallow the article that precedes other names' matches.
            if !form.trim().is_empty() && !form.starts_with("the ") {
                forms.push(form.to_string());
                targets.push(t);
            }
        };
        // Regions and organisations first: for equal forms the first pattern wins.
        for (i, r) in gazetteer.regions.iter().enumerate() {
            for form in std::iter::once(&r.name).chain(&r.aliases) {
                add(&mut forms, &mut targets, form, ProperTarget::Region(i));
            }
        }
        for (i, c) in gazetteer.countries.iter().enumerate() {
            country_by_name.insert(c.name.to_lowercase(), i);
            country_forms.extend(
                std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .chain(&c.demonyms)
                    .filter(|f| !f.trim().is_empty())
                    .cloned(),
            );
            for form in std::iter::once(&c.name).chain(&c.aliases) {
                add(
                    &mut forms,
                    &mut targets,
                    form,
                    ProperTarget::Country {
                        country: i,
                        demonym: false,
                    },
                );
                country_by_name.insert(form.to_lowercase(), i);
            }
            for form in &c.demonyms {
                add(
                    &mut forms,
                    &mut targets,
                    form,
                    ProperTarget::Country {
                        country: i,
                        demonym: true,
                    },
                );
            }
            for p in c.capital.iter().chain(&c.places) {
                let place = places.len();
                places.push(PlaceName {
                    name: p.name.clone(),
                });
                for form in std::iter::once(&p.name).chain(&p.aliases) {
                    add(
                        &mut forms,
                        &mut targets,
                        form,
                        ProperTarget::Place { country: i, place },
                    );
                }
            }
        }
        for (i, o) in gazetteer.organizations.iter().enumerate() {
            for form in std::iter::once(&o.name).chain(&o.aliases) {
                add(
                    &mut forms,
                    &mut targets,
                    form,
                    ProperTarget::Organization(i),
                );
            }
        }
        let proper = WordStartMatcher::new(&forms);

        let mut phrase_forms = Vec::new();
        let mut phrase_targets = Vec::new();
        for (i, t) in gazetteer.titles.iter().enumerate() {
            for form in std::iter::once(&t.title).chain(&t.variants) {
                phrase_forms.push(form.clone());
                phrase_targets.push(PhraseTarget::Title(i));
            }
        }
        for (i, p) in gazetteer.partnerships.iter().enumerate() {
            for form in std::iter::once(&p.name).chain(&p.variants) {
                phrase_forms.push(form.clone());
                phrase_targets.push(PhraseTarget::Partnership(i));
            }
        }
        let phrases = AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&phrase_forms)
            .expect("title automaton builds");
        let country_forms = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&country_forms)
            .expect("country automaton builds");
        let (official_forms, official_name_countries): (Vec<&String>, Vec<usize>) = gazetteer
            .officials
            .iter()
            .filter_map(|o| Some((o, *country_by_name.get(&o.country.to_lowercase())?)))
            .flat_map(|(o, c)| {
                std::iter::once(&o.name)
                    .chain(&o.aliases)
                    .map(move |f| (f, c))
            })
            .unzip();
        let official_countries = official_forms
            .iter()
            .zip(&official_name_countries)
            .map(|(form, &c)| (fold(form).to_lowercase(), c))
            .collect();
        let official_names = WordStartMatcher::new(&official_forms);
        let lex = &gazetteer.lexicon;
        Lexicon {
            official_names,
            official_name_countries,
            official_countries,
            gazetteer,
            proper,
            proper_targets: targets,
            phrases,
            phrase_targets,
            country_forms,
            places,
            multiword_honorifics: lex
                .honorifics
                .iter()
                .map(|h| words(h))
                .filter(|h| h.len() > 1)
                .collect(),
            single_honorifics: lex
                .honorifics
                .iter()
                .map(|h| words(h))
                .filter(|h| h.len() == 1)
                .map(|h| h[0].trim_end_matches('.').to_string())
                .collect(),
            particles: lex.name_particles.iter().cloned().collect(),
            suffixes: lex.name_suffixes.iter().cloned().collect(),
            not_names: lex.not_names.iter().cloned().collect(),
            third_party: lex.third_party_words.iter().cloned().collect(),
            agreement_heads: PhraseSet::new(
                lex.agreement_heads
                    .iter()
                    .map(|(h, k)| (words(h), k.clone())),
            ),
            organization_heads: PhraseSet::new(
                lex.organization_heads.iter().map(|h| (words(h), ())),
            ),
            place_heads: PhraseSet::new(lex.place_heads.iter().map(|h| (words(h), ()))),
            triggers: PhraseSet::new(
                lex.milestone_triggers
                    .iter()
                    .flat_map(|(kind, ws)| ws.iter().map(move |w| (words(w), kind.clone()))),
            ),
            country_by_name,
            country_ids: gazetteer
                .countries
                .iter()
                .map(|c| crate::model::entity_id(EntityKind::Country, &slugify(&c.name)))
                .collect(),
        }
    }

    /// Proper names in `text` on word boundaries, leftmost-longest.
    pub fn proper_hits(&self, text: &str) -> Vec<Hit<ProperTarget>> {
        self.proper.hits(&self.proper_targets, text)
    }

    /// Titles and partnership levels in `text`, case-insensitively, on word boundaries.
    pub fn phrase_hits(&self, text: &str) -> Vec<Hit<PhraseTarget>> {
        hits_of(&self.phrases, &self.phrase_targets, text)
    }

    /// Lengths of the country forms `text` starts with, longest first.
    pub fn country_prefixes(&self, text: &str) -> Vec<usize> {
        let mut lengths: Vec<usize> = self
            .country_forms
            .find_overlapping_iter(text)
            .filter(|m| m.start() == 0)
            .map(|m| m.end())
            .collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        lengths
    }

    pub fn country_id(&self, country: usize) -> &str {
        &self.country_ids[country]
    }

    /// Known officials named in `text` on word boundaries: the hit's target is their country.
    pub fn known_official_hits(&self, text: &str) -> Vec<Hit<usize>> {
        self.official_names
            .hits(&self.official_name_countries, text)
    }

    /// The country of an official the gazetteer knows by this full name.
    pub fn known_official_country(&self, name: &str) -> Option<usize> {
        self.official_countries
            .get(&fold(name).to_lowercase())
            .copied()
    }

    pub fn country_named(&self, name: &str) -> Option<usize> {
        self.country_by_name.get(&name.to_lowercase()).copied()
    }

    /// Whether `word` (without a final period) is a form of address.
    pub fn is_single_honorific(&self, word: &str) -> bool {
        self.single_honorifics.contains(word.trim_end_matches('.'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{tokenize, Span};

    #[test]
    fn word_start_matcher_finds_longest_names_on_word_boundaries_only() {
        let patterns = [
            "India",
            "Indian Ocean",
            "Ōsaka",
            "X",
            "South Korea",
            "Korea",
        ];
        let m = WordStartMatcher::new(&patterns);
        fn found<'t>(m: &WordStartMatcher, text: &'t str) -> Vec<&'t str> {
            m.hits(&[0usize, 1, 2, 3, 4, 5], text)
                .iter()
                .map(|h| &text[h.start..h.end])
                .collect()
        }
        assert_eq!(
            found(
                &m,
                "India, the Indian Ocean and Ōsaka; Indiana, xIndia, North Korea. X"
            ),
            vec!["India", "Indian Ocean", "Ōsaka", "Korea", "X"]
        );
        assert_eq!(found(&m, "(South Korea)"), vec!["South Korea"]);
        assert_eq!(found(&m, "éIndia"), Vec::<&str>::new());
        assert_eq!(found(&m, ""), Vec::<&str>::new());
    }

    fn tokens(text: &str) -> Vec<Token<'_>> {
        tokenize(
            text,
            Span {
                start: 0,
                end: text.len(),
            },
        )
    }

    #[test]
    fn phrase_sets_match_words_in_any_ascii_case_in_entry_order() {
        let set = PhraseSet::new(
            [
                (words("Joint Statement"), 'a'),
                (words("Statement"), 'b'),
                (words("Treaty"), 'c'),
                (words("Tready"), 'd'),
            ]
            .into_iter(),
        );
        let ts = tokens("the joint STATEMENT and the Treaty");
        let at = |i| {
            set.starting_at(&ts, i)
                .map(|(_, _, v)| *v)
                .collect::<Vec<_>>()
        };
        assert_eq!(at(1), vec!['a']);
        assert_eq!(at(2), vec!['b']);
        assert_eq!(at(5), vec!['c'], "same bucket as Tready, told apart");
        assert!(at(0).is_empty() && at(9).is_empty());
        let ending: Vec<char> = set.ending_at(&ts, 2).map(|(_, v)| *v).collect();
        assert_eq!(ending, vec!['a', 'b']);
        assert!(set.ending_at(&ts, 0).next().is_none());
    }
}
