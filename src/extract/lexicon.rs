//! The gazetteers compiled for matching: Aho-Corasick automata (proper names and known
//! officials case-sensitively; titles, partnership levels and country prefixes
//! case-insensitively), word sequences bucketed for lookup at a token, and word sets.

use super::clauses::{AGREEMENT_HEAD, BODY_HEAD, ORGANIZATION_HEAD};
use super::text::Token;
use crate::gazetteer::{CountryEntry, Gazetteer};
use crate::model::{fold, slugify, EntityKind};
use aho_corasick::MatchKind;
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
    phrases: PhraseMatcher,
    phrase_targets: Vec<PhraseTarget>,
    /// Country names, aliases and demonyms, ASCII-lower-cased: the party prefixes of a
    /// name ("Japan–Philippines Reciprocal Access Agreement").
    country_forms: HashSet<String>,
    /// The length in bytes of the longest of `country_forms`.
    longest_country_form: usize,
    pub places: Vec<PlaceName>,
    /// Forms of address of more than one word ("His Excellency"), in gazetteer order.
    pub multiword_honorifics: Vec<Vec<String>>,
    /// One-word forms of address without their period ("Dr", "Gen"): asked of every
    /// name's first word.
    single_honorifics: HashSet<String>,
    pub particles: HashSet<String>,
    pub suffixes: HashSet<String>,
    pub not_names: HashSet<String>,
    /// Every form of an office (title and variants), ASCII-lower-cased, to the first
    /// office (no form of address) with that form: "foreign minister" -> its index.
    pub office_by_form: HashMap<String, usize>,
    /// The words of those forms, ASCII-lower-cased: a word none of them has is the
    /// word of no office.
    pub office_words: HashSet<String>,
    /// The words of every title and variant, forms of address too, as written.
    pub title_words: HashSet<String>,
    /// The last word of every title and variant, forms of address too,
    /// ASCII-lower-cased: "ambassador" of "the Qatari ambassador to Oman".
    title_last_words: HashSet<String>,
    pub third_party: HashSet<String>,
    pub agreement_heads: PhraseSet<String>,
    pub organization_heads: PhraseSet<()>,
    pub place_heads: PhraseSet<()>,
    /// Head phrases of recurring bilateral bodies ("Joint Commission").
    pub bilateral_body_heads: PhraseSet<()>,
    /// The clause grammar: its word lists by token, and its status markers ("did
    /// not", "may", "hope"): what `clauses::Clauses::of` asks of every token.
    pub clause_grammar: super::clauses::ClauseGrammar,
    /// The one-word place heads as written ("Airbase"), and the bytes they open with:
    /// asked of nearly every token, which the first byte mostly answers.
    one_word_place_heads: HashSet<String>,
    one_word_place_head_openers: [bool; 256],
    pub triggers: PhraseSet<String>,
    /// "the same day", "that day": phrases that mean the day told last (split at
    /// single spaces, as `data/lexicon.ron` writes them).
    pub same_day_phrases: PhraseSet<()>,
    country_by_name: HashMap<String, usize>,
    /// Entity ids of the countries, by index: asked for at every mention.
    country_ids: Vec<String>,
    /// Known officials' folded, lower-cased names and aliases → their country.
    official_countries: HashMap<String, usize>,
    /// Known officials' names and aliases as written, and the country of each.
    official_names: WordStartMatcher,
    official_name_countries: Vec<usize>,
    /// First words of known officials' own names ("Gen" of "Gen Nakatani"): a form of
    /// address that opens a known name there is the name's.
    official_first_words: HashSet<String>,
    /// Known officials by (last name key, country): their own name when no other
    /// known official of that country shares the key, else `None`.
    official_surnames: HashMap<(String, usize), Option<String>>,
    /// Known officials by the last key of each of their forms: (country, own name,
    /// the form's name keys), for [`Lexicon::known_officials_ending`].
    official_by_last_key: HashMap<String, Vec<(usize, String, Vec<String>)>>,
    /// Known officials' folded, lower-cased names and aliases → their own name.
    official_own_names: HashMap<String, String>,
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
    /// The same of the entries' last words.
    last_first_bytes: [u64; 4],
}

fn has_byte(set: &[u64; 4], b: u8) -> bool {
    set[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

/// Entry indices grouped by a word's bucket, in entry order (compressed rows).
struct Buckets {
    /// A fixed size, so that a bucket's bounds need no test.
    offsets: Box<[u32; BUCKETS + 1]>,
    entries: Vec<u32>,
}

const BUCKETS: usize = 1024;

/// A word's bucket: its first two letters (any case) and its length, which few
/// other words share.
fn bucket(word: &str) -> usize {
    let (first, second) = match *word.as_bytes() {
        [] => (0, 0),
        [a] => (a.to_ascii_lowercase(), 0),
        [a, b, ..] => (a.to_ascii_lowercase(), b.to_ascii_lowercase()),
    };
    (usize::from(first) * 131 + usize::from(second) * 31 + word.len()) % BUCKETS
}

impl Buckets {
    fn new(keys: impl Iterator<Item = usize> + Clone) -> Buckets {
        let mut offsets = Box::new([0u32; BUCKETS + 1]);
        for k in keys.clone() {
            offsets[k + 1] += 1;
        }
        for b in 0..BUCKETS {
            offsets[b + 1] += offsets[b];
        }
        let mut fill = *offsets;
        let mut entries = vec![0u32; offsets[BUCKETS] as usize];
        for (i, k) in keys.enumerate() {
            entries[fill[k] as usize] = i as u32;
            fill[k] += 1;
        }
        Buckets { offsets, entries }
    }

    #[inline]
    fn get(&self, word: &str) -> &[u32] {
        let b = bucket(word);
        let (lo, hi) = (self.offsets[b] as usize, self.offsets[b + 1] as usize);
        self.entries.get(lo..hi).unwrap_or_default()
    }
}

fn same_words(tokens: &[Token<'_>], at: usize, words: &[String]) -> bool {
    tokens.get(at..at + words.len()).is_some_and(|ts| {
        ts.iter()
            .zip(words)
            .all(|(t, w)| t.text.eq_ignore_ascii_case(w))
    })
}

/// The first bytes the words may open with, in either case, as a 256-bit set: a
/// token opening with another byte starts no entry ("Minister" with "m" and "M").
fn first_byte_set<'w>(words: impl Iterator<Item = &'w String>) -> [u64; 4] {
    let mut set = [0u64; 4];
    for b in words.filter_map(|w| w.as_bytes().first().copied()) {
        for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
            set[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }
    set
}

impl<T> PhraseSet<T> {
    /// Empty word sequences are left out: they would match anywhere.
    pub fn new(entries: impl Iterator<Item = (Vec<String>, T)>) -> PhraseSet<T> {
        let entries: Vec<(Vec<String>, T)> = entries.filter(|(w, _)| !w.is_empty()).collect();
        let by_first = Buckets::new(entries.iter().map(|(w, _)| bucket(&w[0])));
        let by_last = Buckets::new(entries.iter().map(|(w, _)| bucket(&w[w.len() - 1])));
        let first_bytes = first_byte_set(entries.iter().map(|(w, _)| &w[0]));
        let last_first_bytes = first_byte_set(entries.iter().map(|(w, _)| &w[w.len() - 1]));
        PhraseSet {
            entries,
            by_first,
            by_last,
            first_bytes,
            last_first_bytes,
        }
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entry `index`: its words and value.
    pub fn entry(&self, index: usize) -> (&[String], &T) {
        let (words, value) = &self.entries[index];
        (words, value)
    }

    /// The first word of each entry: what a token must be for one to start there.
    pub fn first_words(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.iter().map(|(w, _)| w[0].as_str())
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
        let candidates = match word.as_bytes().first() {
            Some(&b) if has_byte(&self.last_first_bytes, b) => self.by_last.get(word),
            _ => &[],
        };
        candidates
            .iter()
            .map(|&e| &self.entries[e as usize])
            .filter(move |(w, _)| last + 1 >= w.len() && same_words(tokens, last + 1 - w.len(), w))
            .map(|(w, v)| (w.as_slice(), v))
    }
}

/// The agreement, organisation and bilateral body heads of `lex` as phrase sets.
fn head_sets(lex: &crate::gazetteer::Lexicon) -> (PhraseSet<String>, PhraseSet<()>, PhraseSet<()>) {
    let agreement = lex
        .agreement_heads
        .iter()
        .map(|(h, k)| (words(h), k.clone()));
    let organization = lex.organization_heads.iter().map(|h| (words(h), ()));
    let body = lex.bilateral_body_heads.iter().flat_map(|h| token_forms(h));
    (
        PhraseSet::new(agreement),
        PhraseSet::new(organization),
        PhraseSet::new(body.map(|w| (w, ()))),
    )
}

/// The first words of the head sets with their clause bits ([`AGREEMENT_HEAD`], ...):
/// one lookup per token ([`super::clauses::Clauses::word_has`]) then tells every rule
/// family where a head may start.
fn head_openers<'w>(
    agreement: &'w PhraseSet<String>,
    organization: &'w PhraseSet<()>,
    body: &'w PhraseSet<()>,
) -> impl Iterator<Item = (&'w str, u64)> {
    (agreement.first_words().map(|w| (w, AGREEMENT_HEAD)))
        .chain(organization.first_words().map(|w| (w, ORGANIZATION_HEAD)))
        .chain(body.first_words().map(|w| (w, BODY_HEAD)))
}

/// See [`Lexicon::title_last_words`].
fn title_last_words(titles: &[crate::gazetteer::TitleEntry]) -> HashSet<String> {
    titles
        .iter()
        .flat_map(|t| std::iter::once(&t.title).chain(&t.variants))
        .filter_map(|f| f.rsplit(' ').next())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// See [`Lexicon::office_by_form`].
fn office_by_form(titles: &[crate::gazetteer::TitleEntry]) -> HashMap<String, usize> {
    let mut map = HashMap::default();
    for (i, t) in titles.iter().enumerate().filter(|(_, t)| !t.honorific) {
        for form in std::iter::once(&t.title).chain(&t.variants) {
            map.entry(form.to_ascii_lowercase()).or_insert(i);
        }
    }
    map
}

/// A phrase as the tokenizer splits it in text: "Dato' Seri" is "Dato", "'", "Seri" (an
/// apostrophe before a space is a token of its own, as in "Leaders' Consultation"),
/// with a typographic apostrophe as often as a straight one.
fn token_forms(h: &str) -> Vec<Vec<String>> {
    let split = |apostrophe: &str| {
        let mut out = Vec::new();
        for w in h.split_whitespace() {
            match w.strip_suffix('\'') {
                Some(stem) if !stem.is_empty() => {
                    out.push(stem.to_string());
                    out.push(apostrophe.to_string());
                }
                _ => out.push(w.to_string()),
            }
        }
        out
    };
    let straight = split("'");
    if h.contains("' ") || h.ends_with('\'') {
        vec![straight, split("\u{2019}")]
    } else {
        vec![straight]
    }
}

/// `f` of the concatenated `parts` ASCII-lower-cased: on the stack for the short
/// words it is asked of, so that a lookup that mostly fails allocates nothing.
pub fn with_ascii_lower<R>(parts: &[&str], f: impl FnOnce(&str) -> R) -> R {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut buf = [0u8; 64];
    let Some(lower) = buf.get_mut(..len) else {
        return f(&parts.concat().to_ascii_lowercase());
    };
    let mut at = 0;
    for p in parts {
        lower[at..at + p.len()].copy_from_slice(p.as_bytes());
        at += p.len();
    }
    lower.make_ascii_lowercase();
    // Whole strings joined and lower-cased in ASCII only stay UTF-8.
    match std::str::from_utf8(lower) {
        Ok(w) => f(w),
        Err(_) => f(&parts.concat().to_ascii_lowercase()),
    }
}

/// `f` of `word.to_lowercase()`, made on the stack when `word` is ASCII (which
/// lower-cases in ASCII only): for the per-token comparisons with word lists.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.is_ascii() {
        with_ascii_lower(&[word], f)
    } else {
        f(&word.to_lowercase())
    }
}

/// The first of `items` whose `key` is `word.to_lowercase()`: an ASCII word is
/// compared in place, any other lower-cased once. For the word lists asked of every
/// token.
pub fn find_lower<'i, T>(word: &str, items: &'i [T], key: impl Fn(&T) -> &str) -> Option<&'i T> {
    if word.is_ascii() {
        items.iter().find(|x| {
            let k = key(x);
            k.len() == word.len()
                && word.eq_ignore_ascii_case(k)
                && !k.bytes().any(|b| b.is_ascii_uppercase())
        })
    } else {
        let lower = word.to_lowercase();
        items.iter().find(|x| key(x) == lower)
    }
}

/// `f` of `fold(text).to_lowercase()`, made without allocating when `text` is ASCII
/// (which folding leaves as it is, and lower-casing only in ASCII).
fn folded_lower<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    if text.is_ascii() {
        with_ascii_lower(&[text], f)
    } else {
        f(&fold(text).to_lowercase())
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

/// A byte trie asked for the longest pattern at a given position (the first pattern of
/// equal ones), as an anchored leftmost-longest Aho-Corasick search answers, without
/// that search's set-up cost per call: most calls fail within a few bytes.
///
/// The trie is a double array: the child of the node in slot `s` by byte class `c` is
/// in slot `slots[s].base + c` when that slot's `check` names `s`, so a step is one
/// lookup whatever the number of children.
struct Trie {
    /// Each byte's class, from 1; the bytes of no pattern are class 0, which no node
    /// has a child by.
    classes: [u8; 256],
    slots: Vec<Slot>,
}

#[derive(Clone, Copy)]
struct Slot {
    base: u32,
    /// The parent's slot, or `NONE` when the slot is free.
    check: u32,
    /// The pattern ending at this node, or `NONE`.
    pattern: u32,
}

const NONE: u32 = u32::MAX;

impl Trie {
    /// Empty patterns are left out: they would match everywhere.
    fn new<P: AsRef<str>>(patterns: &[P]) -> Trie {
        let mut classes = [0u8; 256];
        let mut stride = 1usize;
        for p in patterns {
            for &b in p.as_ref().as_bytes() {
                if classes[usize::from(b)] == 0 {
                    classes[usize::from(b)] = u8::try_from(stride).expect("at most 255 bytes");
                    stride += 1;
                }
            }
        }
        // The trie with a child list per node, then laid out in the double array.
        let mut kids: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut pattern_of = vec![NONE];
        for (p, pattern) in patterns.iter().enumerate() {
            let bytes = pattern.as_ref().as_bytes();
            if bytes.is_empty() {
                continue;
            }
            let mut node = 0usize;
            for &b in bytes {
                let c = classes[usize::from(b)];
                node = match kids[node].iter().find(|&&(l, _)| l == c) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        let child = kids.len();
                        kids[node].push((c, child as u32));
                        kids.push(Vec::new());
                        pattern_of.push(NONE);
                        child
                    }
                };
            }
            if pattern_of[node] == NONE {
                pattern_of[node] = p as u32;
            }
        }
        let free = Slot {
            base: 0,
            check: NONE,
            pattern: NONE,
        };
        // The root is slot 0, marked taken; no step leads there, as classes start at 1.
        let mut slots = vec![Slot {
            base: 0,
            check: NONE - 1,
            pattern: pattern_of[0],
        }];
        let mut first_free = 1;
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]);
        while let Some((node, slot)) = queue.pop_front() {
            let children = &mut kids[node];
            if children.is_empty() {
                continue;
            }
            children.sort_unstable();
            let lowest = usize::from(children[0].0);
            while slots.get(first_free).is_some_and(|s| s.check != NONE) {
                first_free += 1;
            }
            // The first base that puts every child in a free slot.
            let mut base = first_free.saturating_sub(lowest);
            while !children.iter().all(|&(c, _)| {
                slots
                    .get(base + usize::from(c))
                    .is_none_or(|s| s.check == NONE)
            }) {
                base += 1;
            }
            slots[slot].base = base as u32;
            for &(c, child) in children.iter() {
                let t = base + usize::from(c);
                if t >= slots.len() {
                    slots.resize(t + 1, free);
                }
                slots[t] = Slot {
                    base: 0,
                    check: slot as u32,
                    pattern: pattern_of[child as usize],
                };
                queue.push_back((child as usize, t));
            }
        }
        // Room for a step by any class from any slot, so that a step needs no test
        // that it stays inside.
        let top = slots.iter().map(|s| s.base as usize).max().unwrap_or(0) + stride;
        if top >= slots.len() {
            slots.resize(top + 1, free);
        }
        Trie { classes, slots }
    }

    /// The end and pattern of the longest pattern that `bytes[start..]` begins with.
    #[inline(always)]
    fn longest_at(&self, bytes: &[u8], start: usize) -> Option<(usize, usize)> {
        let mut slot = 0usize;
        let mut best = None;
        for (end, &b) in (start + 1..).zip(bytes.get(start..)?) {
            let t = self.slots[slot].base as usize + usize::from(self.classes[usize::from(b)]);
            let next = self.slots[t];
            if next.check != slot as u32 {
                break;
            }
            slot = t;
            if next.pattern != NONE {
                best = Some((end, next.pattern as usize));
            }
        }
        best
    }
}

/// Whether some pattern opens with each byte pair, and which one-byte patterns there
/// are: the quick test a position must pass before the trie is walked.
struct OpeningPairs {
    /// Bit `b0 << 8 | b1` is set when some pattern begins with bytes `b0 b1`.
    pairs: Box<[u64; 1024]>,
    /// First bytes of one-byte patterns, which have no second byte to test.
    single_bytes: [bool; 256],
    /// First bytes of all patterns.
    first_bytes: [bool; 256],
}

impl OpeningPairs {
    fn new<P: AsRef<str>>(patterns: &[P]) -> OpeningPairs {
        let mut o = OpeningPairs {
            pairs: Box::new([0u64; 1024]),
            single_bytes: [false; 256],
            first_bytes: [false; 256],
        };
        for p in patterns {
            match *p.as_ref().as_bytes() {
                [b0] => {
                    o.first_bytes[b0 as usize] = true;
                    o.single_bytes[b0 as usize] = true;
                    for b1 in 0..256 {
                        o.set(b0 as usize, b1);
                    }
                }
                [b0, b1, ..] => {
                    o.first_bytes[b0 as usize] = true;
                    o.set(b0 as usize, b1 as usize);
                }
                [] => {}
            }
        }
        o
    }

    fn set(&mut self, b0: usize, b1: usize) {
        let pair = b0 << 8 | b1;
        self.pairs[pair / 64] |= 1 << (pair % 64);
    }

    #[inline]
    fn may_open_at(&self, bytes: &[u8], at: usize) -> bool {
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(&b0), Some(&b1)) => {
                let pair = (b0 as usize) << 8 | b1 as usize;
                self.pairs[pair / 64] & (1 << (pair % 64)) != 0
            }
            (Some(&b0), None) => self.single_bytes[b0 as usize],
            _ => false,
        }
    }
}

/// A leftmost-longest matcher searched only where a name can start: at word starts
/// whose first bytes begin some pattern. Names are short and sparse, so a few trie
/// walks cost far less than walking an automaton over every byte of the text.
struct WordStartMatcher {
    trie: Trie,
    opening: OpeningPairs,
}

/// Byte offsets in `text` where a word may start: the character boundaries whose
/// previous character is not a letter or digit (and 0), ascending. Both name matchers
/// look only there.
///
/// Eight bytes are tested at a time for ASCII lower-case letters, which make up most of
/// English text and are never a word start but after a byte that is not one.
pub fn word_starts(text: &str) -> Vec<u32> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 4 + 1);
    // A lower-case letter that opens the text is a start no visit below reports.
    if bytes.first().is_some_and(u8::is_ascii_lowercase) {
        out.push(0);
    }
    let alnum_before = |i: usize| match i.checked_sub(1).map(|p| bytes[p]) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    };
    // A byte that is no lower-case letter: a start itself if the character before is
    // no letter or digit, and if one follows, that letter's too when this ends such a
    // character.
    let mut visit = |i: usize| {
        if bytes[i] & 0xc0 != 0x80 && !alnum_before(i) {
            out.push(i as u32);
        }
        if bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase) && !alnum_before(i + 1) {
            out.push(i as u32 + 1);
        }
    };
    let mut chunks = bytes.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // Bit 7 of each byte: at least 'a', at least '{', ASCII.
        let from_a = (w & LOW7) + 0x1f1f_1f1f_1f1f_1f1f;
        let from_brace = (w & LOW7) + 0x0505_0505_0505_0505;
        let lower = from_a & !from_brace & !w & HIGH;
        let mut others = !lower & HIGH;
        while others != 0 {
            visit(k * 8 + others.trailing_zeros() as usize / 8);
            others &= others - 1;
        }
    }
    let tail = bytes.len() - chunks.remainder().len();
    for (i, b) in bytes.iter().enumerate().skip(tail) {
        if !b.is_ascii_lowercase() {
            visit(i);
        }
    }
    out
}

impl WordStartMatcher {
    fn new<P: AsRef<str>>(patterns: &[P]) -> WordStartMatcher {
        WordStartMatcher {
            trie: Trie::new(patterns),
            opening: OpeningPairs::new(patterns),
        }
    }

    /// Longest matches on word boundaries, left to right, none overlapping; `starts`
    /// are the text's [`word_starts`].
    fn hits<T: Copy>(&self, targets: &[T], text: &str, starts: &[u32]) -> Vec<Hit<T>> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(16);
        // Where the next match may start: past the last one.
        let mut free = 0;
        for &start in starts {
            let start = start as usize;
            if start < free
                || !self.opening.first_bytes[usize::from(bytes[start])]
                || !self.opening.may_open_at(bytes, start)
            {
                continue;
            }
            if let Some((end, pattern)) = self.trie.longest_at(bytes, start) {
                if is_boundary(text, start, end) {
                    out.push(Hit {
                        start,
                        end,
                        target: targets[pattern],
                    });
                    free = end;
                }
            }
        }
        out
    }
}

/// Case-insensitive leftmost-longest matches, as `AhoCorasick::find_iter` finds them,
/// but walked by a loop of its own: the library's search costs a set-up per match and
/// a prefilter call at every return to the start state, which news text makes at
/// nearly every byte for patterns that open with common letters.
struct PhraseMatcher {
    dfa: aho_corasick::dfa::DFA,
}

impl PhraseMatcher {
    /// Patterns must not be empty: an empty match would need the library's care for
    /// empty matches, which this loop does not take.
    fn new<P: AsRef<[u8]>>(patterns: &[P]) -> PhraseMatcher {
        let dfa = aho_corasick::dfa::DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(aho_corasick::StartKind::Unanchored)
            .prefilter(false)
            .build(patterns)
            .expect("phrase automaton builds");
        PhraseMatcher { dfa }
    }

    /// Matches on word boundaries, each with its pattern's target; a match off a
    /// boundary is dropped but still hides what it overlaps, as before.
    fn hits<T: Copy>(&self, targets: &[T], text: &str) -> Vec<Hit<T>> {
        use aho_corasick::{automaton::Automaton, Anchored};
        let dfa = &self.dfa;
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let Ok(start) = dfa.start_state(Anchored::No) else {
            return out;
        };
        let mut push = |pattern: aho_corasick::PatternID, end: usize| {
            let begin = end - dfa.pattern_len(pattern);
            if is_boundary(text, begin, end) {
                out.push(Hit {
                    start: begin,
                    end,
                    target: targets[pattern.as_usize()],
                });
            }
        };
        let mut sid = start;
        // The longest match of the current search so far: (pattern, end).
        let mut found = None;
        let mut at = 0;
        while at < bytes.len() {
            sid = dfa.next_state(Anchored::No, sid, bytes[at]);
            at += 1;
            if !dfa.is_special(sid) {
                continue;
            }
            if dfa.is_dead(sid) {
                // A leftmost-longest search dies only once it has a match: report
                // it and search on from its end.
                let Some((pattern, end)) = found.take() else {
                    return out;
                };
                push(pattern, end);
                at = end;
                sid = start;
            } else if dfa.is_match(sid) {
                found = Some((dfa.match_pattern(sid, 0), at));
            }
        }
        if let Some((pattern, end)) = found {
            push(pattern, end);
        }
        out
    }
}

/// The forms of the proper names the gazetteer knows (regions, countries with their
/// demonyms, capitals and places, organisations) with their targets, in the order the
/// matcher prefers them: for equal forms the first pattern wins.
struct ProperForms {
    forms: Vec<String>,
    targets: Vec<ProperTarget>,
    places: Vec<PlaceName>,
    country_by_name: HashMap<String, usize>,
    /// Every surface form of a country, for the quick country scan.
    country_forms: Vec<String>,
}

impl ProperForms {
    fn of(gazetteer: &Gazetteer) -> ProperForms {
        let mut p = ProperForms {
            forms: Vec::new(),
            targets: Vec::new(),
            places: Vec::new(),
            country_by_name: HashMap::default(),
            country_forms: Vec::new(),
        };
        // Regions and organisations first: for equal forms the first pattern wins.
        for (i, r) in gazetteer.regions.iter().enumerate() {
            for form in std::iter::once(&r.name).chain(&r.aliases) {
                p.add(form, ProperTarget::Region(i));
            }
        }
        for (i, c) in gazetteer.countries.iter().enumerate() {
            p.add_country(i, c);
        }
        for (i, o) in gazetteer.organizations.iter().enumerate() {
            for form in std::iter::once(&o.name).chain(&o.aliases) {
                p.add(form, ProperTarget::Organization(i));
            }
        }
        p
    }

    /// "the UK" would swallow the article that precedes other names' matches: forms
    /// opening with "the" are left out, as are empty ones.
    fn add(&mut self, form: &str, t: ProperTarget) {
        if !form.trim().is_empty() && !form.starts_with("the ") {
            self.forms.push(form.to_string());
            self.targets.push(t);
        }
    }

    /// Country `i`: its name and aliases, its demonyms, its capital and places.
    fn add_country(&mut self, i: usize, c: &CountryEntry) {
        self.country_by_name.insert(c.name.to_lowercase(), i);
        self.country_forms.extend(
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .chain(&c.demonyms)
                .filter(|f| !f.trim().is_empty())
                .cloned(),
        );
        for form in std::iter::once(&c.name).chain(&c.aliases) {
            let country = ProperTarget::Country {
                country: i,
                demonym: false,
            };
            self.add(form, country);
            self.country_by_name.insert(form.to_lowercase(), i);
        }
        for form in &c.demonyms {
            let demonym = ProperTarget::Country {
                country: i,
                demonym: true,
            };
            self.add(form, demonym);
        }
        for p in c.capital.iter().chain(&c.places) {
            let place = self.places.len();
            self.places.push(PlaceName {
                name: p.name.clone(),
            });
            for form in std::iter::once(&p.name).chain(&p.aliases) {
                self.add(form, ProperTarget::Place { country: i, place });
            }
        }
    }
}

/// The forms of titles and partnership levels, with their targets.
fn phrase_forms(gazetteer: &Gazetteer) -> (Vec<String>, Vec<PhraseTarget>) {
    let titles = gazetteer.titles.iter().enumerate().flat_map(|(i, t)| {
        std::iter::once(&t.title)
            .chain(&t.variants)
            .map(move |f| (f, PhraseTarget::Title(i)))
    });
    let levels = gazetteer
        .partnerships
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            std::iter::once(&p.name)
                .chain(&p.variants)
                .map(move |f| (f, PhraseTarget::Partnership(i)))
        });
    titles
        .chain(levels)
        .filter(|(f, _)| !f.is_empty())
        .map(|(f, t)| (f.clone(), t))
        .unzip()
}

/// A known official's surname key per country, when it is one person's: "Nakatani" of
/// Japan is Gen Nakatani.
fn official_surnames(lexicon: &Lexicon) -> HashMap<(String, usize), Option<String>> {
    let mut surnames: HashMap<(String, usize), Option<String>> = HashMap::default();
    for o in &lexicon.gazetteer.officials {
        let (Some(&c), Some(key)) = (
            lexicon.country_by_name.get(&o.country.to_lowercase()),
            super::officials::name_keys(lexicon, &o.name).pop(),
        ) else {
            continue;
        };
        surnames
            .entry((key, c))
            .and_modify(|e| {
                if e.as_deref() != Some(o.name.as_str()) {
                    *e = None;
                }
            })
            .or_insert_with(|| Some(o.name.clone()));
    }
    surnames
}

/// Known officials (country, own name, name keys of the form) by the last name key of
/// each form they go by.
fn officials_by_last_key(lexicon: &Lexicon) -> HashMap<String, Vec<(usize, String, Vec<String>)>> {
    let mut by_last: HashMap<String, Vec<(usize, String, Vec<String>)>> = HashMap::default();
    for o in &lexicon.gazetteer.officials {
        let Some(&c) = lexicon.country_by_name.get(&o.country.to_lowercase()) else {
            continue;
        };
        for form in std::iter::once(&o.name).chain(&o.aliases) {
            let keys = super::officials::name_keys(lexicon, form);
            if let Some(last) = keys.last() {
                by_last
                    .entry(last.clone())
                    .or_default()
                    .push((c, o.name.clone(), keys));
            }
        }
    }
    by_last
}

impl Lexicon {
    pub fn new(gazetteer: &'static Gazetteer) -> Lexicon {
        let ProperForms {
            forms,
            targets,
            places,
            country_by_name,
            country_forms,
        } = ProperForms::of(gazetteer);
        let proper = WordStartMatcher::new(&forms);

        let (phrase_forms, phrase_targets) = phrase_forms(gazetteer);
        let phrases = PhraseMatcher::new(&phrase_forms);
        let country_forms: HashSet<String> = country_forms
            .iter()
            .map(|f| f.to_ascii_lowercase())
            .collect();
        let longest_country_form = country_forms.iter().map(String::len).max().unwrap_or(0);
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
        let official_first_words = gazetteer
            .officials
            .iter()
            .filter_map(|o| o.name.split_whitespace().next())
            .map(str::to_string)
            .collect();
        let lex = &gazetteer.lexicon;
        let one_word_place_heads: Vec<&str> = lex
            .place_heads
            .iter()
            .map(|h| h.trim())
            .filter(|h| !h.is_empty() && !h.contains(char::is_whitespace))
            .collect();
        let mut one_word_place_head_openers = [false; 256];
        for h in &one_word_place_heads {
            one_word_place_head_openers[usize::from(h.as_bytes()[0])] = true;
        }
        let status_markers = PhraseSet::new(lex.clauses.status_markers.iter().flat_map(
            |(name, phrases)| {
                let status = super::clauses::Status::from_name(name);
                phrases
                    .iter()
                    .filter_map(move |p| Some((words(p), status?)))
            },
        ));
        let (agreement_heads, organization_heads, bilateral_body_heads) = head_sets(lex);
        let mut lexicon = Lexicon {
            official_surnames: HashMap::default(),
            official_by_last_key: HashMap::default(),
            official_own_names: gazetteer
                .officials
                .iter()
                .flat_map(|o| {
                    std::iter::once(&o.name)
                        .chain(&o.aliases)
                        .map(move |f| (fold(f).to_lowercase(), o.name.clone()))
                })
                .collect(),
            official_names,
            official_first_words,
            official_name_countries,
            official_countries,
            gazetteer,
            proper,
            proper_targets: targets,
            phrases,
            phrase_targets,
            country_forms,
            longest_country_form,
            places,
            multiword_honorifics: lex
                .honorifics
                .iter()
                .flat_map(|h| token_forms(h))
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
            office_by_form: office_by_form(&gazetteer.titles),
            office_words: office_by_form(&gazetteer.titles)
                .keys()
                .flat_map(|f| f.split(' ').map(str::to_string).collect::<Vec<_>>())
                .collect(),
            title_words: gazetteer
                .titles
                .iter()
                .flat_map(|t| std::iter::once(&t.title).chain(&t.variants))
                .flat_map(|f| f.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .collect(),
            title_last_words: title_last_words(&gazetteer.titles),
            third_party: lex.third_party_words.iter().cloned().collect(),
            clause_grammar: super::clauses::ClauseGrammar::new(
                lex,
                status_markers,
                head_openers(&agreement_heads, &organization_heads, &bilateral_body_heads),
            ),
            agreement_heads,
            organization_heads,
            place_heads: PhraseSet::new(lex.place_heads.iter().map(|h| (words(h), ()))),
            bilateral_body_heads,
            one_word_place_heads: one_word_place_heads.iter().map(|h| h.to_string()).collect(),
            one_word_place_head_openers,
            triggers: PhraseSet::new(
                lex.milestone_triggers
                    .iter()
                    .flat_map(|(kind, ws)| ws.iter().map(move |w| (words(w), kind.clone()))),
            ),
            same_day_phrases: PhraseSet::new(
                lex.same_day_phrases
                    .iter()
                    .map(|p| (p.split(' ').map(str::to_string).collect(), ())),
            ),
            country_by_name,
            country_ids: gazetteer
                .countries
                .iter()
                .map(|c| crate::model::entity_id(EntityKind::Country, &slugify(&c.name)))
                .collect(),
        };
        // Keyed as the officials stage keys names, which needs the word sets above.
        lexicon.official_surnames = official_surnames(&lexicon);
        lexicon.official_by_last_key = officials_by_last_key(&lexicon);
        lexicon
    }

    /// Known officials (country, own name, name keys of the form) with a form whose
    /// last name key is `last`.
    pub fn known_officials_ending(&self, last: &str) -> &[(usize, String, Vec<String>)] {
        self.official_by_last_key
            .get(last)
            .map_or(&[], Vec::as_slice)
    }

    /// The one known official of `country` whose name ends with the name key
    /// `surname` ("nakatani": "Gen Nakatani"); none when several share it.
    pub fn known_official_by_surname(&self, surname: &str, country: usize) -> Option<&str> {
        self.official_surnames
            .get(&(surname.to_string(), country))?
            .as_deref()
    }

    /// Whether `word` is the last word of some title or variant (ASCII case aside).
    pub fn is_title_last_word(&self, word: &str) -> bool {
        with_ascii_lower(&[word], |w| self.title_last_words.contains(w))
    }

    /// Whether `stem` followed by `ending`, ASCII-lower-cased, is a word of some
    /// office's form ([`Lexicon::office_words`]).
    pub fn is_office_word(&self, stem: &str, ending: &str) -> bool {
        with_ascii_lower(&[stem, ending], |w| self.office_words.contains(w))
    }

    /// Proper names in `text` on word boundaries, leftmost-longest; `starts` are the
    /// text's [`word_starts`].
    pub fn proper_hits(&self, text: &str, starts: &[u32]) -> Vec<Hit<ProperTarget>> {
        self.proper.hits(&self.proper_targets, text, starts)
    }

    /// Titles and partnership levels in `text`, case-insensitively, on word boundaries.
    pub fn phrase_hits(&self, text: &str) -> Vec<Hit<PhraseTarget>> {
        self.phrases.hits(&self.phrase_targets, text)
    }

    /// Lengths of the country forms (ASCII case aside) `text` starts with that a hyphen,
    /// an en dash or a space follows, longest first: a name's party prefixes.
    pub fn country_prefixes(&self, text: &str) -> Vec<usize> {
        let mut lengths: Vec<usize> = text
            .char_indices()
            .take_while(|&(at, _)| at <= self.longest_country_form)
            .filter(|&(at, c)| at > 0 && matches!(c, '-' | '\u{2013}' | ' '))
            .filter(|&(at, _)| with_ascii_lower(&[&text[..at]], |w| self.country_forms.contains(w)))
            .map(|(at, _)| at)
            .collect();
        lengths.reverse();
        lengths
    }

    pub fn country_id(&self, country: usize) -> &str {
        &self.country_ids[country]
    }

    /// Known officials named in `text` on word boundaries: the hit's target is their
    /// country. `starts` are the text's [`word_starts`].
    pub fn known_official_hits(&self, text: &str, starts: &[u32]) -> Vec<Hit<usize>> {
        self.official_names
            .hits(&self.official_name_countries, text, starts)
    }

    /// The country of an official the gazetteer knows by this full name.
    pub fn known_official_country(&self, name: &str) -> Option<usize> {
        folded_lower(name, |key| self.official_countries.get(key).copied())
    }

    /// The own name of the known official written `form` ("Sheikh Tamim bin Hamad Al
    /// Thani": "Tamim bin Hamad Al Thani").
    pub fn known_own_name(&self, form: &str) -> Option<&str> {
        folded_lower(form, |key| {
            self.official_own_names.get(key).map(String::as_str)
        })
    }

    pub fn country_named(&self, name: &str) -> Option<usize> {
        // Lower-cased without folding: ASCII on the stack, the rest as before.
        if name.is_ascii() {
            with_ascii_lower(&[name], |key| self.country_by_name.get(key).copied())
        } else {
            self.country_by_name.get(&name.to_lowercase()).copied()
        }
    }

    /// Whether `word` is, exactly as written, a place head of one word ("Airbase").
    pub fn is_one_word_place_head(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| self.one_word_place_head_openers[usize::from(b)])
            && self.one_word_place_heads.contains(word)
    }

    /// Whether some known official's own name opens with `word`, as written.
    pub fn opens_known_name(&self, word: &str) -> bool {
        self.official_first_words.contains(word)
    }

    /// Whether `word` (without a final period) is a form of address.
    pub fn is_single_honorific(&self, word: &str) -> bool {
        self.single_honorifics.contains(word.trim_end_matches('.'))
    }
}

#[cfg(test)]
#[allow(clippy::excessive_nesting)]
mod tests {
    use super::*;
    use crate::extract::text::{tokenize, Span};
    use aho_corasick::AhoCorasick;

    /// One-word place heads match as written, as the phrase set's one-word entries do.
    #[test]
    fn one_word_place_heads_match_exactly_as_the_phrase_set_does() {
        let gazetteer = Gazetteer::shared().expect("built-in gazetteers load");
        let lex = Lexicon::new(gazetteer);
        let text = "Airbase airbase Air Base Camp camp Palace the Naval Base House of Sea";
        let span = Span {
            start: 0,
            end: text.len(),
        };
        let tokens = tokenize(text, span);
        for (k, t) in tokens.iter().enumerate() {
            let by_set = lex
                .place_heads
                .starting_at(&tokens, k)
                .any(|(_, h, _)| h.len() == 1 && h[0] == t.text);
            assert_eq!(lex.is_one_word_place_head(t.text), by_set, "{}", t.text);
        }
        assert!(lex.is_one_word_place_head("Airbase"));
        assert!(!lex.is_one_word_place_head("airbase"));
        assert!(!lex.is_one_word_place_head(""));
    }

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
            m.hits(&[0usize, 1, 2, 3, 4, 5], text, &word_starts(text))
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

    /// The gazetteer's names (as the proper and official matchers see them) and its
    /// titles and partnership levels (as the phrase matcher does).
    fn gazetteer_forms() -> (Vec<String>, Vec<String>) {
        let g = Gazetteer::load(None).expect("data parses");
        let mut names = Vec::new();
        for c in &g.countries {
            names.extend(
                [&c.name]
                    .into_iter()
                    .chain(&c.aliases)
                    .chain(&c.demonyms)
                    .cloned(),
            );
            for p in c.capital.iter().chain(&c.places) {
                names.extend(std::iter::once(&p.name).chain(&p.aliases).cloned());
            }
        }
        for r in &g.regions {
            names.extend(std::iter::once(&r.name).chain(&r.aliases).cloned());
        }
        for o in &g.organizations {
            names.extend(std::iter::once(&o.name).chain(&o.aliases).cloned());
        }
        for o in &g.officials {
            names.extend(std::iter::once(&o.name).chain(&o.aliases).cloned());
        }
        names.retain(|n| !n.trim().is_empty());
        let mut phrases = Vec::new();
        for t in &g.titles {
            phrases.extend(std::iter::once(&t.title).chain(&t.variants).cloned());
        }
        for p in &g.partnerships {
            phrases.extend(std::iter::once(&p.name).chain(&p.variants).cloned());
        }
        (names, phrases)
    }

    /// The articles of `data/articles`, in their own case, lower-cased and upper-cased,
    /// and a few sentences with names run together or off word boundaries.
    fn sample_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        let mut texts = vec![
            "xPrime Minister Modi, the prime ministerial PRIME MINISTER. Vice-President".into(),
            "IndiaJapan India-Japan New Delhi's Ōsaka (South Korea) Defence Ministers' meeting"
                .into(),
            "Special Strategic and Global Partnershipx; strategic partnership".into(),
            "Ōsaka éIndia é India, Côte d'Ivoire’s Türkiye—Japan".into(),
            String::new(),
        ];
        for entry in std::fs::read_dir(dir).expect("articles folder") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("article");
            texts.push(text.to_lowercase());
            texts.push(text.to_uppercase());
            texts.push(text);
        }
        texts
    }

    fn spans<T>(hits: &[Hit<T>]) -> Vec<(usize, usize)> {
        hits.iter().map(|h| (h.start, h.end)).collect()
    }

    #[test]
    fn word_start_matcher_agrees_with_an_anchored_automaton() {
        let (names, _) = gazetteer_forms();
        let ids: Vec<usize> = (0..names.len()).collect();
        let m = WordStartMatcher::new(&names);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&names)
            .expect("builds");
        for text in sample_texts() {
            // The automaton asked at every word start, as the matcher did before.
            let mut expected = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let start = at;
                at = text[at..]
                    .chars()
                    .next()
                    .map_or(at + 1, |c| at + c.len_utf8());
                if text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                let input = aho_corasick::Input::new(&text)
                    .range(start..)
                    .anchored(aho_corasick::Anchored::Yes);
                if let Some(found) = automaton.find(input) {
                    if is_boundary(&text, found.start(), found.end()) {
                        expected.push((found.start(), found.end(), found.pattern().as_usize()));
                        at = found.end();
                    }
                }
            }
            let got: Vec<(usize, usize, usize)> = m
                .hits(&ids, &text, &word_starts(&text))
                .iter()
                .map(|h| (h.start, h.end, h.target))
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn word_starts_follow_what_is_no_letter_or_digit() {
        let mut texts = sample_texts();
        texts.extend(
            [
                "a",
                "A",
                "ab",
                "é",
                "éa",
                "—a",
                "a—b c",
                "abcdefgh ijklmnop—qrstuvwx",
            ]
            .map(String::from),
        );
        for text in texts {
            let expected: Vec<u32> = text
                .char_indices()
                .filter(|&(i, _)| {
                    !text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                })
                .map(|(i, _)| i as u32)
                .collect();
            assert_eq!(word_starts(&text), expected, "{text}");
        }
    }

    /// The stack lower-casing agrees with `to_lowercase` on every word, the Kelvin
    /// sign (which lower-cases to an ASCII "k") and a word past the stack buffer too.
    #[test]
    fn lower_casing_on_the_stack_agrees_with_to_lowercase() {
        let long = "Memorandum".repeat(8);
        let words = [
            "Agreements",
            "AGREEMENTS",
            "agreements",
            "Ägreements",
            "MoUs",
            "K",
            "\u{212A}",
            "\u{130}",
            "",
            "Deals.",
            &long,
        ];
        let keys = [
            "agreements",
            "mous",
            "k",
            "i\u{307}",
            "Agreements",
            "",
            "deals.",
        ];
        for w in words {
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase(), "{w}");
            for key in keys {
                let found = find_lower(w, &[key], |k| k).is_some();
                assert_eq!(found, w.to_lowercase() == key, "{w} {key}");
            }
        }
        assert!(with_ascii_lower(&["Foreign Minister", "Y"], |w| w == "foreign ministery"));
        assert!(with_ascii_lower(&[&long], |w| w == long.to_lowercase()));
    }

    #[test]
    fn phrase_matcher_agrees_with_an_unanchored_case_insensitive_automaton() {
        let (_, phrases) = gazetteer_forms();
        let ids: Vec<usize> = (0..phrases.len()).collect();
        let m = PhraseMatcher::new(&phrases);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&phrases)
            .expect("builds");
        for text in sample_texts() {
            let expected: Vec<(usize, usize, usize)> = automaton
                .find_iter(&text)
                .filter(|f| is_boundary(&text, f.start(), f.end()))
                .map(|f| (f.start(), f.end(), f.pattern().as_usize()))
                .collect();
            let got: Vec<(usize, usize, usize)> = m
                .hits(&ids, &text)
                .iter()
                .map(|h| (h.start, h.end, h.target))
                .collect();
            assert_eq!(got, expected, "{text}");
        }
        let hits = m.hits(&ids, "the PM and Prime Minister");
        assert_eq!(spans(&hits), [(4, 6), (11, 25)]);
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
