//! Agreements (partnership levels per pair, named instruments, quoted names,
//! acronyms, "a defence co-operation agreement"), organisations and places.

use super::clauses::{AGREEMENT_HEAD, BODY_HEAD, ORGANIZATION_HEAD};
use super::lexicon::{find_lower, with_lower, PhraseTarget, ProperTarget};
use super::officials::Officials;
use super::{Doc, Output, Sentence};
use crate::model::{fold, slugify, Attrs, EntityKind, RelationKind};
use rustc_hash::FxHashSet as HashSet;

/// An agreement found in the article, after merging its mentions.
#[derive(Debug, Clone)]
pub(crate) struct Agreement {
    pub id: String,
    pub name: String,
    pub parties: Vec<usize>,
    pub partnership: bool,
    /// The year its name opened with, which the name itself leaves out.
    pub year: Option<i16>,
    /// Its name gave fewer than two countries as its parties because a bloc or a
    /// non-state body is the other ("EU-Egypt Joint Statement"): later mentions keep them.
    pub fixed_parties: bool,
}

impl Agreement {
    /// The year its name opens with: "the 1951 Mutual Defense Treaty" (not the
    /// target year of a "Vision Statement ... towards 2030").
    pub fn named_year(&self) -> Option<i16> {
        self.year
    }
}

/// A gazetteer place of `country`, located in it when the article is about that
/// country (geography of the story, not every capital's). Returns its id.
fn place_of(doc: &Doc, out: &mut Output, s: &Sentence, name: &str, country: usize) -> String {
    let id = out.entity(EntityKind::Place, &slugify(name), name);
    if doc.country_counts.iter().any(|(c, _)| *c == country) {
        let cid = doc.country_id(out, country);
        out.relate(&id, RelationKind::LocatedIn, cid, s, doc.text, Attrs::new());
    }
    id
}

/// "1963 Elysee Treaty", "a 2017 security treaty with Australia": the year a name
/// opens with, and the name without it.
fn split_leading_year(name: &str) -> (Option<i16>, &str) {
    let Some((w, rest)) = name.split_once(' ') else {
        return (None, name);
    };
    let year = (w.len() == 4)
        .then(|| w.parse::<i16>().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y));
    match year {
        // "2017 security treaty with Australia", not "2020 agreement".
        Some(y) if rest.chars().next().is_some_and(char::is_uppercase) || rest.contains(' ') => {
            (Some(y), rest)
        }
        _ => (None, name),
    }
}

/// A thing named at a position in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct ThingRef {
    pub sentence: usize,
    pub first: usize,
    pub id: String,
    /// For agreements: index into `Things::agreements`.
    pub agreement: Option<usize>,
}

pub(crate) struct Things {
    pub agreements: Vec<Agreement>,
    pub agreement_refs: Vec<ThingRef>,
    pub organizations: Vec<ThingRef>,
    pub places: Vec<ThingRef>,
}

impl Things {
    pub fn agreements_in(&self, sentence: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for r in super::in_sentence(&self.agreement_refs, sentence, |r| r.sentence) {
            if let Some(a) = r.agreement {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }

    pub fn places_in(&self, sentence: usize) -> &[ThingRef] {
        super::in_sentence(&self.places, sentence, |r| r.sentence)
    }

    pub fn organizations_in(&self, sentence: usize) -> &[ThingRef] {
        super::in_sentence(&self.organizations, sentence, |r| r.sentence)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Form {
    Partnership(usize),
    Named,
    Generic,
    Placeholder,
}

#[derive(Debug, Clone)]
struct Candidate {
    sentence: usize,
    first: usize,
    last: usize,
    name: String,
    head: String,
    kind: String,
    acronym: Option<String>,
    form: Form,
    parties: Vec<usize>,
    explicit_parties: bool,
    /// "a Mutual Defence Treaty, called the Pukpuk Treaty": one agreement, two names.
    same_as_previous: bool,
}

const DETERMINERS: [&str; 6] = ["a", "an", "A", "An", "the", "The"];
const VAGUE: [&str; 8] = [
    "new",
    "historic",
    "landmark",
    "bilateral",
    "formal",
    "first",
    "key",
    "mutually",
];
const CONNECTORS: [&str; 6] = ["of", "on", "for", "and", "towards", "between"];

/// Plural nouns that tell parties without naming them ("the Central Asian states").
const COLLECTIVE_PARTIES: [&str; 8] = [
    "states",
    "countries",
    "nations",
    "governments",
    "sides",
    "partners",
    "members",
    "ministries",
];

/// Premodifiers that compare an agreement with another rather than name one: "a
/// similar agreement", "such a deal".
const COMPARISONS: [&str; 6] = [
    "similar",
    "such",
    "comparable",
    "equivalent",
    "analogous",
    "identical",
];

/// Whether the words before an agreement's head (`first..head`) compare it with
/// another ("Ecuador hopes to sign a similar agreement"): it names none of its own.
fn points_elsewhere(s: &Sentence, first: usize, head: usize) -> bool {
    let from = first.saturating_sub(1);
    (from..head).any(|k| with_lower(s.word(k), |w| COMPARISONS.contains(&w)))
}

/// Verbs of working for an agreement that does not exist yet: "to conclude a free trade
/// agreement".
const HOPED_VERBS: [&str; 12] = [
    "achieve",
    "reach",
    "conclude",
    "negotiate",
    "seek",
    "pursue",
    "explore",
    "draft",
    "finalise",
    "finalize",
    "forge",
    "work",
];

/// "The two sides will work towards a trade pact", "an initiative to achieve a uniform
/// border protocol for the whole region": the lower-case instrument whose determiner is
/// at `det` is only hoped for, the object (alone or coordinated) of "to" + a verb of
/// working for it, or of "towards", within eight words of its clause before it.
fn hoped_for(s: &Sentence, det: usize) -> bool {
    for k in (det.saturating_sub(8)..det).rev() {
        let w = s.word(k);
        if !s.tokens[k].is_word() || w.starts_with("sign") {
            return false;
        }
        if matches!(w, "towards" | "toward")
            || w == "to" && k + 1 < det && HOPED_VERBS.contains(&s.word(k + 1))
        {
            return true;
        }
    }
    false
}

/// Verbs whose object "the XYZ" is an instrument named by an acronym.
const INSTRUMENT_VERBS: [&str; 9] = [
    "signed", "sign", "signs", "signing", "ratified", "ratify", "ratifies", "inked", "renewed",
];

/// An acronym: two to eight capital letters or digits, starting with a letter, at least
/// two letters ("TIFA", "CEPA", "RCEP", "JCPOA").
fn is_acronym(w: &str) -> bool {
    (2..=8).contains(&w.len())
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

fn content_keys(name: &str) -> HashSet<String> {
    let folded = fold(name);
    // A folded ASCII name lower-cases in place, as `to_lowercase` would.
    let lower = if folded.is_ascii() {
        let mut folded = folded;
        folded.make_ascii_lowercase();
        folded
    } else {
        folded.to_lowercase()
    };
    lower
        .split(|c: char| !c.is_alphanumeric())
        // "New Atlantic Charter" is not the "Atlantic Charter".
        .filter(|w| {
            (w.len() > 3 || *w == "new")
                && !matches!(
                    *w,
                    "agreement"
                        | "treaty"
                        | "memorandum"
                        | "understanding"
                        | "with"
                        | "between"
                        | "their"
                        | "countries"
                        | "joint"
                )
        })
        .map(|w| match w.get(..5) {
            // Five ASCII letters are the first five characters, copied at once.
            Some(five) if five.is_ascii() => five.to_string(),
            _ => w.chars().take(5).collect(),
        })
        .collect()
}

fn countries_in_span(s: &Sentence, first: usize, last: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for h in &s.proper {
        if h.first >= first && h.last <= last {
            if let ProperTarget::Country { country, .. } = h.target {
                if !out.contains(&country) {
                    out.push(country);
                }
            }
        }
    }
    out
}

/// Words that end a lower-case subject complement: prepositions that open where, when
/// or with whom, clause words and auxiliaries ("the MoU on health was signed ...").
const ENDS_SUBJECT: [&str; 40] = [
    "between", "with", "that", "which", "who", "whose", "where", "when", "while", "to", "at", "by",
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "should", "must", "as", "from", "after", "before", "during", "under", "since", "until", "this",
    "these", "those", "into", "also", "not",
];

/// Determiners a subject complement may open with or contain ("on the establishment of
/// their strategic partnership").
const SUBJECT_DETERMINERS: [&str; 6] = ["the", "a", "an", "their", "its", "both"];

/// Whether the words after a head's preposition at `k` tell when, where or for whom it
/// was done rather than what it is about: "on the sidelines of", "on behalf of", "for
/// the first time", "for years".
fn tells_circumstance(s: &Sentence, k: usize) -> bool {
    let w = if s.word(k) == "the" {
        s.word(k + 1)
    } else {
        s.word(k)
    };
    matches!(
        w,
        "sidelines"
            | "margins"
            | "margin"
            | "occasion"
            | "eve"
            | "behalf"
            | "day"
            | "years"
            | "decades"
            | "months"
            | "time"
            | "way"
            | "basis"
    ) || is_ordinal(w)
}

/// A year or a span of years: "2016", "2023-2027".
fn is_years(w: &str) -> bool {
    is_year(w)
        || w.split_once(['-', '\u{2013}'])
            .is_some_and(|(a, b)| is_year(a) && is_year(b))
}

/// The last token of an instrument's subject after its head at `head_last`, when the
/// text names it by what it is about: "a memorandum on cooperation in the field of
/// health", "the agreement on military cooperation of 2016" (not "of 2016"), "an action
/// plan for the comprehensive strategic partnership for 2023-2027", "an agreement to
/// establish a joint committee for cooperation", "a treaty on the two countries' shared
/// border". The subject ends at a clause word, a date, punctuation, "between" (the
/// parties), "in" + a place, or "of" + a year; an "(MoU)" right after the head is
/// skipped.
fn subject_complement(s: &Sentence, head_last: usize) -> Option<usize> {
    let mut k = head_last + 1;
    // "a Memorandum of Understanding (MoU) on economic and trade cooperation"
    if s.word(k) == "(" && s.word(k + 2) == ")" {
        k += 3;
    }
    let opener = s.word(k);
    let to_verb = opener == "to" && matches!(s.word(k + 1), "establish" | "set" | "create");
    if !(matches!(opener, "on" | "of" | "for" | "regarding" | "concerning") || to_verb) {
        return None;
    }
    k += if to_verb { 2 } else { 1 };
    if to_verb && s.word(k) == "up" {
        k += 1;
    }
    if tells_circumstance(s, k) {
        return None;
    }
    let stop = head_last + 16;
    let in_date = |k: usize| s.dates.iter().any(|d| d.first <= k && k <= d.last);
    let (mut end, mut before_end) = (None, None);
    while k < s.tokens.len().min(stop) {
        let w = s.word(k);
        let t = &s.tokens[k];
        let prev = s.word(k - 1);
        let next = s.word(k + 1);
        let word_next = s.tokens.get(k + 1).is_some_and(|t| t.is_word())
            && !ENDS_SUBJECT.contains(&next)
            && !in_date(k + 1);
        if in_date(k) || ENDS_SUBJECT.contains(&w) || !(t.is_word() || w == "'" || w == "\u{2019}")
        {
            break;
        }
        let ok = match w {
            "'" | "\u{2019}" => prev.ends_with('s') && word_next,
            // "of 2016": when, not what.
            "of" => !is_years(next) && word_next,
            // "for 2023-2027" ends it; "for cooperation" continues it.
            "for" => {
                is_years(next)
                    || word_next
                        && !SUBJECT_DETERMINERS.contains(&next)
                        && !next.starts_with(|c: char| c.is_ascii_digit())
            }
            // "in the field of health", "cooperation in higher education"; not "in Lima".
            "in" => {
                matches!(next, "the" | "a")
                    && matches!(
                        s.word(k + 2),
                        "field" | "fields" | "area" | "areas" | "sphere" | "spheres" | "domain"
                    )
                    || matches!(prev, "cooperation" | "collaboration")
                        && s.tokens.get(k + 1).is_some_and(|t| !t.is_capitalized())
                        && word_next
            }
            // "political and diplomatic consultations", "terrorism and its financing"
            "and" | "or" => {
                word_next
                    && (!SUBJECT_DETERMINERS.contains(&next) || matches!(next, "its" | "their"))
                    && s.country_at(k + 1).is_none()
            }
            // "signed yesterday": a participle after the subject; "shared border" after
            // a determiner or possessive is a modifier.
            _ if w.ends_with("ed") && !t.is_capitalized() => {
                SUBJECT_DETERMINERS.contains(&prev) || matches!(prev, "'" | "\u{2019}")
            }
            _ => true,
        };
        if !ok {
            break;
        }
        // "the agreement on energy cooperation follows a similar one": an article right
        // after a content word opens a verb's object, and that word was the verb.
        if matches!(w, "a" | "an" | "the") && end == Some(k - 1) {
            end = before_end;
            break;
        }
        if t.is_word()
            && !SUBJECT_DETERMINERS.contains(&w)
            && !CONNECTORS.contains(&w)
            && !matches!(w, "in" | "or")
        {
            before_end = end;
            end = Some(k);
        }
        k += 1;
    }
    end
}

/// Where a capitalised name that went on past "between" ends: with its parties
/// ("Declaration ... between the Government of X and the Government of Y") when they
/// come as "X and Y", else before "between" ("MoU for Cooperation in Broadcasting
/// between Rádio e Televisão ...": the parties' names were cut, so are no part of it).
fn unfinished_between(s: &Sentence, before: usize, end: Option<usize>) -> Option<usize> {
    let Some(e) = end else {
        return Some(before);
    };
    match (before + 1..=e).find(|&k| s.word(k).eq_ignore_ascii_case("between")) {
        Some(b) if (b + 1..e).any(|k| s.word(k) == "and") => end,
        _ => Some(before),
    }
}

/// "between Japan and Australia" after `last`.
fn between_parties(s: &Sentence, last: usize) -> Vec<usize> {
    let Some(mut k) = (last + 1..(last + 7).min(s.tokens.len())).find(|&k| s.word(k) == "between")
    else {
        return Vec::new();
    };
    k += 1;
    let mut out = Vec::new();
    while k < s.tokens.len() && out.len() < 2 {
        if matches!(s.word(k), "the" | "and" | ",") && s.proper_at(k).is_none() {
            k += 1;
            continue;
        }
        match s.proper_at(k).map(|h| (h.target, h.last)) {
            Some((ProperTarget::Country { country, .. }, l)) => {
                out.push(country);
                k = l + 1;
            }
            Some((ProperTarget::Place { country, .. }, l)) => {
                out.push(country);
                k = l + 1;
            }
            _ => break,
        }
    }
    out
}

/// Whether "between [the] X" after `last` opens with an organisation.
fn between_blocs(s: &Sentence, last: usize) -> bool {
    let Some(k) = (last + 1..(last + 7).min(s.tokens.len())).find(|&k| s.word(k) == "between")
    else {
        return false;
    };
    let k = if s.word(k + 1).eq_ignore_ascii_case("the") {
        k + 2
    } else {
        k + 1
    };
    s.proper_at(k)
        .is_some_and(|h| matches!(h.target, ProperTarget::Organization(_)))
}

/// The parties the sentence gives an agreement: named in it, "between X and Y", the
/// officials' countries, the sentence's countries, else the article's two main countries.
fn parties_for(
    doc: &Doc,
    si: usize,
    first: usize,
    last: usize,
    officials: &Officials,
) -> (Vec<usize>, bool) {
    let s = &doc.sentences[si];
    let prefix_start = first.saturating_sub(4);
    let mut named = countries_in_span(s, first, last);
    if named.is_empty() {
        // "India-Vietnam Comprehensive Strategic Partnership"
        let prefix: Vec<usize> = s
            .proper
            .iter()
            .filter(|h| h.last < first && h.first >= prefix_start)
            .filter(|h| {
                (h.last + 1..first).all(|k| matches!(s.word(k), "-" | "\u{2013}" | "and" | "the"))
                    || h.last + 1 == first
            })
            .filter_map(|h| match h.target {
                ProperTarget::Country { country, .. } => Some(country),
                _ => None,
            })
            .collect();
        named = prefix;
    }
    if named.len() >= 2 {
        return (named, true);
    }
    // "EU-Egypt Joint Statement", "Joint Statement for an EU-Egypt Partnership": a bloc
    // before or inside the name is the other party.
    let org_prefix = s.proper.iter().any(|h| {
        (h.last + 1 >= first && h.first + 4 >= first || h.first >= first)
            && h.last <= last
            && matches!(h.target, ProperTarget::Organization(_))
    });
    if org_prefix && named.len() == 1 {
        return (named, true);
    }
    let between = between_parties(s, last);
    if between.len() == 2 {
        return (between, true);
    }
    // "the trade agreement between the European Union and the Mercosur bloc": blocs are
    // the parties, and no country of the article stands in for them.
    if named.is_empty() && between_blocs(s, last) {
        return (named, true);
    }
    let mut from_officials: Vec<usize> = Vec::new();
    for o in officials.in_sentence(si) {
        if let Some(c) = officials.list[o].country {
            if !from_officials.contains(&c) {
                from_officials.push(c);
            }
        }
    }
    if from_officials.len() >= 2 {
        from_officials.truncate(2);
        return (from_officials, true);
    }
    let mut in_sentence: Vec<usize> = Vec::new();
    for (i, c) in s.countries() {
        if i > 0 && matches!(s.word(i - 1), "against" | "from" | "to") || go_between(doc, s, i) {
            continue;
        }
        if !in_sentence.contains(&c) {
            in_sentence.push(c);
        }
    }
    for c in named.iter().chain(&from_officials) {
        if !in_sentence.contains(c) {
            in_sentence.insert(0, *c);
        }
    }
    if in_sentence.len() >= 2 {
        in_sentence.truncate(2);
        return (in_sentence, true);
    }
    let mut pair = in_sentence;
    // A summit of two blocs: the article's most named countries are no parties.
    if pair.is_empty() && blocs_lead(doc) {
        return (pair, false);
    }
    for c in doc.main_pair() {
        if pair.len() < 2 && !pair.contains(&c) {
            pair.push(c);
        }
    }
    (pair, false)
}

/// "Leaders of the European Union and the African Union ended a summit ...": the lead
/// (first three sentences) names two bodies, no news outlets, joined by "and" ("the EU
/// and ASEAN"), in a sentence naming at most one country ("Poland and Lithuania,
/// members of the EU and NATO, signed a pact" is the two countries' story).
fn blocs_lead(doc: &Doc) -> bool {
    let orgs = &doc.lex.gazetteer.organizations;
    let body = |t: ProperTarget| match t {
        ProperTarget::Organization(x) if !orgs[x].news => Some(x),
        _ => None,
    };
    let few_countries = |s: &Sentence| {
        let mut seen: Vec<usize> = Vec::new();
        for (_, c) in s.countries() {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        seen.len() <= 1
    };
    doc.sentences
        .iter()
        .take(3)
        .filter(|s| few_countries(s))
        .any(|s| {
            s.proper.windows(2).any(|w| {
                let (a, b) = (&w[0], &w[1]);
                let bodies = body(a.target)
                    .zip(body(b.target))
                    .is_some_and(|(x, y)| x != y);
                let joined: Vec<&str> = (a.last + 1..b.first).map(|k| s.word(k)).collect();
                bodies && matches!(joined.as_slice(), ["and"] | ["and", "the"])
            })
        })
}

/// Whether the country named at `i` is a go-between of the sentence's deal rather
/// than a party: "mediated by the Vatican", "with the mediation of Qatar", "Qatar
/// brokered", "Egypt, Qatar and the United States are guarantors of".
pub(crate) fn go_between(doc: &Doc, s: &Sentence, i: usize) -> bool {
    let third = |k: usize| doc.lex.third_party.contains(s.word(k));
    // "mediated by [the] X", "the mediation of X"
    let mut b = i;
    if b > 0 && s.word(b - 1).eq_ignore_ascii_case("the") {
        b -= 1;
    }
    if b >= 2 && matches!(s.word(b - 1), "by" | "of") && third(b - 2) {
        return true;
    }
    // "X brokered", "X, Y and Z are guarantors of": past the list of countries.
    let mut k = i;
    loop {
        if let Some(h) = s.proper_at(k) {
            k = h.last + 1;
        } else if matches!(s.word(k), "," | "and" | "the") {
            k += 1;
        } else {
            break;
        }
    }
    if third(k) {
        return true;
    }
    matches!(
        s.word(k),
        "are" | "were" | "is" | "was" | "acted" | "served"
    ) && (k + 1..=k + 3)
        .take_while(|&j| {
            j == k + 1
                || matches!(
                    s.word(j - 1),
                    "as" | "the" | "a" | "its" | "their" | "key" | "joint"
                )
        })
        .any(third)
}

/// An agreement head found at a token: its last token and its `agreement_heads` entry.
#[derive(Clone, Copy)]
struct Head {
    last: usize,
    entry: usize,
}

/// The agreement heads of a sentence, looked up once per token: what a capitalised name
/// may end in (`named`) and what a lower-case mention may (`common`).
struct Heads {
    named: Vec<Option<Head>>,
    common: Vec<Option<Head>>,
}

impl Heads {
    fn of(doc: &Doc, s: &Sentence) -> Heads {
        let n = s.tokens.len();
        let (mut named, mut common) = (vec![None; n], vec![None; n]);
        // Only a token whose word opens some head starts one: the clause bits tell them.
        let opens = s.clauses.words_with(AGREEMENT_HEAD);
        for i in opens {
            let first_cap = s.tokens[i].is_capitalized();
            for (entry, words, _) in doc.lex.agreement_heads.starting_at(&s.tokens, i) {
                let head = Some(Head {
                    last: i + words.len() - 1,
                    entry,
                });
                let all_upper = words.iter().all(|w| w.chars().all(|c| c.is_uppercase()));
                // "North Atlantic Treaty Organization", "Collective Security Treaty
                // Organization": the head names a body, not an instrument.
                let next = i + words.len();
                let names_body = s.tokens.get(next).is_some_and(|t| t.is_capitalized())
                    && s.clauses.word_has(next, ORGANIZATION_HEAD)
                    && doc
                        .lex
                        .organization_heads
                        .starting_at(&s.tokens, next)
                        .next()
                        .is_some();
                if named[i].is_none() && !names_body && (first_cap || all_upper) {
                    named[i] = head;
                }
                if common[i].is_none() && (!first_cap || all_upper) {
                    common[i] = head;
                }
                if named[i].is_some() && common[i].is_some() {
                    break;
                }
            }
        }
        Heads { named, common }
    }

    /// The head at token `i` as (last token, lower-cased head words, kind).
    fn at(&self, doc: &Doc, i: usize, capitalized: bool) -> Option<(usize, String, String)> {
        let list = if capitalized {
            &self.named
        } else {
            &self.common
        };
        let head = (*list.get(i)?)?;
        let (words, kind) = doc.lex.agreement_heads.entry(head.entry);
        Some((head.last, words.join(" ").to_lowercase(), kind.clone()))
    }

    fn last_at(&self, i: usize) -> Option<usize> {
        self.named.get(i).copied().flatten().map(|h| h.last)
    }
}

/// Words that open clauses or sentences rather than continue a proper name.
const NOT_IN_NAMES: [&str; 22] = [
    "The", "A", "An", "This", "That", "These", "Under", "In", "On", "With", "By", "And", "Both",
    "Its", "Their", "His", "Her", "During", "After", "Before", "While", "As",
];

fn is_cap_word(doc: &Doc, s: &Sentence, i: usize) -> bool {
    s.tokens.get(i).is_some_and(|t| {
        t.is_word()
            && (t.is_capitalized() || t.text.chars().next().is_some_and(|c| c.is_ascii_digit()))
    }) && !NOT_IN_NAMES.contains(&s.word(i))
        && !super::dates::is_month_name(s.word(i))
        && !super::dates::is_weekday_name(s.word(i)) && !s.phrases.iter().any(|h| {
        i >= h.first
            && i <= h.last
            && matches!(h.target, PhraseTarget::Title(t) if !doc.lex.gazetteer.titles[t].honorific)
    })
}

fn is_place_word(doc: &Doc, s: &Sentence, i: usize) -> bool {
    let w = s.word(i);
    s.tokens.get(i).is_some_and(|t| t.is_capitalized())
        && !w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && !super::text::is_possessive(w)
        && !super::dates::is_month_name(w)
        && !doc.lex.not_names.contains(w)
}

/// Agreement candidates of the whole article: per sentence, quoted names, capitalised
/// names around a head, lower-case mentions, ellipses, listed subjects and partnership
/// levels; then the second names of one agreement ("a Mutual Defence Treaty, called
/// the Pukpuk Treaty") marked as such.
fn collect_candidates(doc: &Doc, officials: &Officials) -> Vec<Candidate> {
    let mut out = Vec::new();
    for si in 0..doc.sentences.len() {
        let mut scan = Scan::new(doc, si, officials);
        scan.quoted_names();
        scan.cover_known_forums();
        scan.capitalised_names();
        scan.acronym_objects();
        scan.common_mentions();
        let Scan { found, covered, .. } = scan;
        // "that on cooperation in higher education", "including one on fighting terrorism"
        let elliptic = elliptic_candidates(doc, si, officials, &found, &covered);
        out.extend(found);
        out.extend(elliptic);
        // "The four MoUs signed were on health, education and tourism."
        out.extend(listed_instruments(doc, si, officials));
        out.extend(partnership_candidates(doc, si, officials));
    }
    out.sort_by_key(|c| (c.sentence, c.first));
    mark_second_names(doc, &mut out);
    out
}

/// One sentence scanned for agreement candidates: those found so far and the token
/// spans they take, which later rules leave alone.
struct Scan<'a, 'd> {
    doc: &'a Doc<'d>,
    si: usize,
    s: &'a Sentence<'d>,
    heads: Heads,
    officials: &'a Officials,
    found: Vec<Candidate>,
    covered: Vec<(usize, usize)>,
}

impl<'a, 'd> Scan<'a, 'd> {
    fn new(doc: &'a Doc<'d>, si: usize, officials: &'a Officials) -> Self {
        let s = &doc.sentences[si];
        Scan {
            doc,
            si,
            s,
            heads: Heads::of(doc, s),
            officials,
            found: Vec::new(),
            covered: Vec::new(),
        }
    }

    fn is_covered(&self, i: usize) -> bool {
        self.covered.iter().any(|&(a, b)| i >= a && i <= b)
    }

    fn push(&mut self, c: Candidate) {
        self.covered.push((c.first, c.last));
        self.found.push(c);
    }

    /// A named candidate at `first..=last` with the parties the sentence gives it.
    fn candidate(
        &self,
        (first, last): (usize, usize),
        name: String,
        head: String,
        kind: String,
    ) -> Candidate {
        let (parties, explicit) = parties_for(self.doc, self.si, first, last, self.officials);
        Candidate {
            sentence: self.si,
            first,
            last,
            name,
            head,
            kind,
            acronym: None,
            form: Form::Named,
            parties,
            explicit_parties: explicit,
            same_as_previous: false,
        }
    }

    /// Quoted names with a head noun: “Joint Vision Statement on …”, "Abraham Accord".
    fn quoted_names(&mut self) {
        let s = self.s;
        let mut i = 0;
        while i < s.tokens.len() {
            let close = matches!(s.word(i), "\u{201C}" | "\"")
                .then(|| {
                    (i + 1..s.tokens.len().min(i + 30))
                        .find(|&k| matches!(s.word(k), "\u{201D}" | "\""))
                })
                .flatten();
            let Some(close) = close else {
                i += 1;
                continue;
            };
            self.quoted_name(i, close);
            i = close + 1;
        }
    }

    /// The quoted name between `open` and `close`: an agreement when a head ends it or
    /// when it is a document's title ('issued a joint statement, "The Spirit of Camp
    /// David"'), which needs no head noun of its own.
    fn quoted_name(&mut self, open: usize, close: usize) {
        let (doc, s, i) = (self.doc, self.s, open);
        let inner_last = (i + 1..close)
            .rev()
            .find(|&k| !matches!(s.word(k), "," | "." | ";"))
            .unwrap_or(i);
        let before = |k: usize| {
            i >= k
                && with_lower(s.word(i - k), |w| {
                    matches!(
                        w,
                        "statement" | "declaration" | "communique" | "titled" | "entitled"
                    )
                })
        };
        let titled = before(1) || s.word(i.wrapping_sub(1)) == "," && before(2);
        let head = (i + 1..=inner_last)
            .find_map(|k| self.heads.at(doc, k, true))
            .or_else(|| titled.then(|| (inner_last, "statement".into(), "agreement".into())));
        let Some((_, head, kind)) = head else {
            return;
        };
        if !(inner_last > i && s.tokens[i + 1].is_capitalized()) {
            return;
        }
        let full = s.text_of(i + 1, inner_last, doc.text);
        let name = full.split(':').next().unwrap_or(&full).trim();
        let name = name.strip_prefix("The ").unwrap_or(name).to_string();
        let c = self.candidate((i + 1, inner_last), name, head, kind);
        self.push(c);
    }

    /// Forums the gazetteer knows ("Shangri-La Dialogue") are organisations, not
    /// agreements: their spans are taken.
    fn cover_known_forums(&mut self) {
        for h in &self.s.proper {
            let ends_in_head = (h.first..=h.last).any(|k| self.heads.last_at(k) == Some(h.last));
            if matches!(h.target, ProperTarget::Organization(_)) && ends_in_head {
                self.covered.push((h.first, h.last));
            }
        }
    }

    /// "Chile and Peru ratified the TPA in 2009": an acronym the text never spells out,
    /// right after "the" and a verb of signing or ratifying, and followed by no other
    /// capitalised word ("signed the ASEAN Charter"), is an instrument named by it. No
    /// gazetteer name (a bloc, a country) and no head ("the MOU") is one.
    fn acronym_objects(&mut self) {
        let (doc, s) = (self.doc, self.s);
        for i in 2..s.tokens.len() {
            let w = s.word(i);
            // The acronym first: a test of its bytes, before the verb is lower-cased.
            let object = || {
                s.word(i - 1) == "the"
                    && with_lower(s.word(i - 2), |w| INSTRUMENT_VERBS.contains(&w))
            };
            if !is_acronym(w) || !object() || self.is_covered(i) {
                continue;
            }
            let known = s.proper.iter().any(|h| h.first <= i && i <= h.last)
                || self.heads.at(doc, i, true).is_some()
                || self
                    .officials
                    .refs_in(self.si)
                    .any(|r| r.first <= i && i <= r.last);
            let longer = s.tokens.get(i + 1).is_some_and(|t| t.is_capitalized());
            if known || longer || doc.text.contains(&format!("({w})")) {
                continue;
            }
            let mut c = self.candidate(
                (i, i),
                w.to_string(),
                "agreement".into(),
                "agreement".into(),
            );
            c.acronym = Some(w.to_string());
            self.push(c);
        }
    }

    /// Capitalised names around a head: "General Security of Military Information
    /// Agreement (GSOMIA)".
    fn capitalised_names(&mut self) {
        let mut i = 0;
        while i < self.s.tokens.len() {
            // A name is sought where a head starts: no other token opens one.
            i = if self.s.clauses.word_has(i, AGREEMENT_HEAD) {
                self.capitalised_name_at(i).unwrap_or(i + 1)
            } else {
                i + 1
            };
        }
    }

    /// The capitalised name whose head starts at `i`, pushed; where the scan goes on. A
    /// head alone is a placeholder for an agreement named elsewhere, unless it is a name
    /// of several words said to be between two states ("the Exchange of Letters between
    /// the President of Chile and the Prime Minister of Norway").
    fn capitalised_name_at(&mut self, i: usize) -> Option<usize> {
        let (doc, s) = (self.doc, self.s);
        if self.is_covered(i) {
            return None;
        }
        let (head_last, head, kind) = self.heads.at(doc, i, true)?;
        if names_a_venue(doc, s, head_last) {
            return Some(head_last + 1);
        }
        let first = self.name_start(i);
        let mut last = complement_end(doc, s, head_last).unwrap_or(head_last);
        // "The MoU on cooperation in the field of health": a lower-case subject.
        // (Only after a determiner: a headline's "Pact on trade lacks substance" is
        // a sentence.)
        if last == head_last && first > 0 && DETERMINERS.contains(&s.word(first - 1)) {
            last = subject_complement(s, head_last).unwrap_or(last);
        }
        let acronym = acronym_after(s, last);
        let name = s.text_of(first, last, doc.text);
        let single_head = first == i && last == head_last;
        if dialogue_topic(s, first, &kind) {
            return Some(last + 1);
        }
        let between_states = single_head && head.contains(' ') && between_two_states(s, last);
        // "Chile and Peru issued a Joint Statement": the two states' own document.
        let issued = single_head && joint_document_of_two_states(s, &head, first, last);
        let mut c = self.candidate((first, last), name, head, kind);
        c.acronym = acronym;
        if single_head && !between_states && !issued {
            c.form = Form::Placeholder;
        }
        self.push(c);
        Some(last + 1)
    }

    /// Where a capitalised name ending in the head at `i` starts: capitalised words
    /// before it, joined by "of", "and", "on" or a dash ("Treaty of Friendship and
    /// Cooperation"), none taken by another candidate.
    fn name_start(&self, i: usize) -> usize {
        let (doc, s) = (self.doc, self.s);
        let mut first = i;
        while first > 0 {
            let p = first - 1;
            let capital = is_cap_word(doc, s, p) && !self.is_covered(p);
            let connector = p > 0
                && matches!(s.word(p), "of" | "and" | "on" | "-" | "\u{2013}")
                && is_cap_word(doc, s, p - 1)
                && first < i;
            if capital || connector {
                first = p;
            } else {
                break;
            }
        }
        while first < i && !is_cap_word(doc, s, first) {
            first += 1;
        }
        first
    }

    /// Lower-case: "a defence co-operation agreement", "the Aachen treaty", "a
    /// declaration of alliance".
    fn common_mentions(&mut self) {
        let s = self.s;
        for i in s.clauses.words_with(AGREEMENT_HEAD) {
            if self.is_covered(i) {
                continue;
            }
            if let Some(c) = self.common_mention_at(i) {
                self.push(c);
            }
        }
    }

    /// The lower-case mention whose head starts at `i`: only a determiner opens an
    /// agreement's noun phrase ("signed a defence pact"), and a generic one counts
    /// only near a verb of agreeing or when it is specific.
    fn common_mention_at(&self, i: usize) -> Option<Candidate> {
        let (doc, s) = (self.doc, self.s);
        let (head_last, head, kind) = self.heads.at(doc, i, false)?;
        let (mut first, det) = self.determiner_start(i);
        if !det || points_elsewhere(s, first, i) || hoped_for(s, first.saturating_sub(1)) {
            return None;
        }
        let mut last = head_last;
        let premodified =
            (first..i).any(|k| s.tokens[k].is_capitalized() && !DETERMINERS.contains(&s.word(k)));
        if !premodified {
            last = subject_complement(s, last).unwrap_or(last);
        }
        let dated = (first..i).any(|k| is_year(s.word(k)));
        while first < i && VAGUE.contains(&s.word(first)) {
            first += 1;
        }
        // A date before the head belongs to it ("the Aug. 13 normalization agreement").
        while first < i && s.dates.iter().any(|d| first >= d.first && first <= d.last) {
            first += 1;
        }
        while first < i && s.word(first) == "." {
            first += 1;
        }
        let capital = (first..=last).any(|k| s.tokens[k].is_capitalized());
        let relative = (first == i && last == head_last)
            .then(|| named_by_relative(doc, s, first, last))
            .flatten();
        let form = if first == i && last == head_last && relative.is_none() {
            Form::Placeholder
        } else if capital {
            Form::Named
        } else {
            Form::Generic
        };
        let name = relative.unwrap_or_else(|| s.text_of(first, last, doc.text));
        let agreed = near_agreeing_verb(s, first, last);
        if form == Form::Generic && !agreed && !specific_instrument(s, dated, last > head_last) {
            return None;
        }
        let issued =
            form == Form::Placeholder && joint_document_of_two_states(s, &head, first, last);
        let mut c = self.candidate((first, last), name, head, kind);
        c.form = if issued { Form::Named } else { form };
        if let Some((end, name)) = non_state_instrument(doc, s, first, last) {
            (c.last, c.name, c.parties, c.explicit_parties) = (end, name, Vec::new(), true);
        }
        Some(c)
    }

    /// The first word of a lower-case mention whose head is at `i`, up to five words
    /// back, and whether a determiner opens it ("The ministers were in agreement": the
    /// determiner is another phrase's).
    fn determiner_start(&self, i: usize) -> (usize, bool) {
        let s = self.s;
        let mut first = i;
        for back in 1..=5 {
            let Some(p) = i.checked_sub(back) else { break };
            let w = s.word(p);
            if DETERMINERS.contains(&w) {
                return (first, true);
            }
            if !s.tokens[p].is_word()
                || self.is_covered(p)
                || matches!(w, "and" | "or" | "to" | "with" | "signed" | "sign" | "of")
                || matches!(
                    w,
                    "in" | "at" | "by" | "from" | "is" | "are" | "was" | "were" | "be"
                )
            {
                break;
            }
            first = p;
        }
        (first, false)
    }
}

/// "between Chile and Norway", "between the President of Chile and the Prime Minister
/// of Norway": a "between" right after `last` whose complement (up to a clause mark)
/// names exactly two states, directly or through their offices.
fn between_two_states(s: &Sentence, last: usize) -> bool {
    if !s.word(last + 1).eq_ignore_ascii_case("between") {
        return false;
    }
    let limit = (last + 24).min(s.tokens.len());
    let end = (last + 2..limit)
        .find(|&k| matches!(s.word(k), ";" | "." | ":" | "," | "which" | "that"))
        .unwrap_or(limit);
    let mut states: Vec<usize> = Vec::new();
    for (k, c) in s.countries() {
        if k > last + 1 && k < end && !states.contains(&c) {
            states.push(c);
        }
    }
    states.len() == 2 && (last + 2..end).any(|k| s.word(k) == "and")
}

/// Verbs by which states put out a document of their own.
const ISSUING_VERBS: [&str; 4] = ["issued", "adopted", "released", "signed"];

/// "Jordan and Turkey issued a joint statement on Saturday", "the joint press
/// communique between China and Vanuatu": a bare joint document (head `head`, its noun
/// phrase `first..=last`) that two states named before the verb put out, or that is
/// said to be between two states, is their own instrument, though named by its kind.
fn joint_document_of_two_states(s: &Sentence, head: &str, first: usize, last: usize) -> bool {
    if !head.starts_with("joint ") {
        return false;
    }
    if between_parties(s, last).len() == 2 {
        return true;
    }
    let Some(verb) = (first.saturating_sub(3)..first).find(|&k| ISSUING_VERBS.contains(&s.word(k)))
    else {
        return false;
    };
    let mut states: Vec<usize> = Vec::new();
    for (k, c) in s.countries() {
        if k < verb && !states.contains(&c) {
            states.push(c);
        }
    }
    states.len() == 2
}

/// "the State Department's Treaty Room", "Charter Hall": a head followed by a
/// capitalised place head, or by "Room", names a venue, not an instrument.
fn names_a_venue(doc: &Doc, s: &Sentence, head_last: usize) -> bool {
    s.tokens
        .get(head_last + 1)
        .is_some_and(|t| t.is_capitalized())
        && (s.word(head_last + 1) == "Room"
            || doc
                .lex
                .place_heads
                .starting_at(&s.tokens, head_last + 1)
                .next()
                .is_some())
}

/// Where the complement of a capitalised name's head at `head_last` ends: "Agreement
/// on Cooperation in the Field of Energy", "Joint Press Communiqué Between the Republic
/// of X and the Republic of Y"; `None` when none follows.
fn complement_end(doc: &Doc, s: &Sentence, head_last: usize) -> Option<usize> {
    let opens_between = s.word(head_last + 1).eq_ignore_ascii_case("between");
    if !(matches!(s.word(head_last + 1), "of" | "on" | "for") || opens_between) {
        return None;
    }
    let mut k = head_last + 2;
    if matches!(s.word(k), "an" | "a" | "the") {
        k += 1;
    }
    let (mut end, before_between) = complement_words(doc, s, k);
    // "between the GCC and the Central Asian states": parties told by a common noun
    // are no part of the name, nor is the complement they end.
    if before_between.is_some() && end.is_some_and(|e| COLLECTIVE_PARTIES.contains(&s.word(e + 1)))
    {
        end = before_between;
    }
    if let Some(b) = before_between {
        end = unfinished_between(s, b, end);
    }
    if opens_between {
        end = end.filter(|_| unfinished_between(s, head_last, end) == end);
    }
    end
}

/// The capitalised words of a name's complement from `k` on, joined by connectors:
/// its last token, and where it stood before a "between" ("on the Elevation of
/// Malaysia–Viet Nam Relations to a Comprehensive Strategic Partnership").
fn complement_words(doc: &Doc, s: &Sentence, mut k: usize) -> (Option<usize>, Option<usize>) {
    let mut end = None;
    let mut before_between = None;
    loop {
        if is_cap_word(doc, s, k) {
            end = Some(k);
            k += 1;
            continue;
        }
        // "Joint Action Plan 2023–2027": a span of years ends the name.
        if end == Some(k - 1)
            && matches!(s.word(k), "-" | "\u{2013}" | "\u{2014}")
            && is_year(s.word(k - 1))
            && is_year(s.word(k + 1))
        {
            end = Some(k + 1);
            k += 2;
            continue;
        }
        // "on the Elevation of Malaysia–Viet Nam Relations": a dash between names
        // joins them.
        if end == Some(k - 1)
            && matches!(s.word(k), "\u{2013}" | "\u{2014}")
            && is_cap_word(doc, s, k + 1)
        {
            k += 1;
            continue;
        }
        if s.word(k) == "between" && before_between.is_none() {
            before_between = end;
        }
        match complement_connector(s, k, end.is_some()) {
            Some(next) if is_cap_word(doc, s, next) && !inner_proper(s, k, next) => k = next,
            _ => break,
        }
    }
    (end, before_between)
}

/// "on Cooperation in the Field of Energy", "of the Territorial Sea": a connector at
/// `k`, maybe an article, then where more of the name would start. "in" only before
/// "the" or after "Cooperation" ("on Cooperation in Digital Trade"), and "to" only
/// before an article ("of X Relations to a Comprehensive Strategic Partnership").
fn complement_connector(s: &Sentence, k: usize, started: bool) -> Option<usize> {
    let (in_the, to_a) = connector_kinds(s, k);
    if !started || !(CONNECTORS.contains(&s.word(k)) || in_the || to_a) {
        return None;
    }
    // "an MoU on Tourism and a Memorandum on Health": "and a" opens another name.
    if s.word(k) == "and" && matches!(s.word(k + 1), "a" | "an") {
        return None;
    }
    // "of a Strategic Partnership", "of the Republic of India"
    Some(if matches!(s.word(k + 1), "the" | "a" | "an") {
        k + 2
    } else {
        k + 1
    })
}

/// Whether the connector at `k` is a name-internal "in" or "to" (see
/// [`complement_connector`]).
fn connector_kinds(s: &Sentence, k: usize) -> (bool, bool) {
    let in_the = s.word(k) == "in"
        && (s.word(k + 1) == "the" || matches!(s.word(k - 1), "Cooperation" | "Collaboration"));
    let to_a = s.word(k) == "to" && matches!(s.word(k + 1), "a" | "an" | "the");
    (in_the, to_a)
}

/// After "in" or "to" at `k`, a name the gazetteer knows at `next` is a place or a
/// party, not more of the name: "in the Philippines", "in Manila".
fn inner_proper(s: &Sentence, k: usize, next: usize) -> bool {
    let (in_the, to_a) = connector_kinds(s, k);
    (in_the || to_a) && s.proper.iter().any(|h| h.first <= next && next <= h.last)
}

/// The acronym in brackets right after a name ending at `last`: "(GSOMIA)".
fn acronym_after(s: &Sentence, last: usize) -> Option<String> {
    if s.word(last + 1) != "(" || s.word(last + 3) != ")" {
        return None;
    }
    let a = s.word(last + 2);
    (a.len() >= 2
        && a.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-'))
    .then(|| a.to_string())
}

/// Whether a verb of agreeing stands near a mention at `first..=last`: "signed a
/// defence pact", "the agreement was concluded".
fn near_agreeing_verb(s: &Sentence, first: usize, last: usize) -> bool {
    let near = first.saturating_sub(5)..(last + 9).min(s.tokens.len());
    s.tokens[near].iter().any(|t| {
        with_lower(t.text, |w| {
            w.starts_with("sign")
                || w.starts_with("seal")
                || w.starts_with("ink")
                || w.starts_with("conclud")
                || w.starts_with("agree")
                || w == "struck"
                || w.starts_with("establish")
                || w.starts_with("normali")
        })
    })
}

/// Partnership levels, one agreement per pair of parties: "a Comprehensive Strategic
/// Partnership". A level inside a longer name is still a partnership of its own.
fn partnership_candidates(doc: &Doc, si: usize, officials: &Officials) -> Vec<Candidate> {
    let s = &doc.sentences[si];
    let mut out = Vec::new();
    for h in &s.phrases {
        let PhraseTarget::Partnership(p) = h.target else {
            continue;
        };
        if names_a_body(s, h.last) {
            continue;
        }
        let (parties, explicit) = parties_for(doc, si, h.first, h.last, officials);
        let name = doc.lex.gazetteer.partnerships[p].name.clone();
        out.push(Candidate {
            sentence: si,
            first: h.first,
            last: h.last,
            name,
            head: "partnership".into(),
            kind: "partnership".into(),
            acronym: doc.lex.gazetteer.partnerships[p].acronym.clone(),
            form: Form::Partnership(p),
            parties,
            explicit_parties: explicit,
            same_as_previous: false,
        });
    }
    out
}

/// Nouns of standing bodies that a partnership level may open the name of.
const BODY_NOUNS: [&str; 5] = [
    "Dialogue",
    "Council",
    "Commission",
    "Committee",
    "Mechanism",
];

/// "the U.S.-Angola Strategic Partnership Dialogue", "the Strategic Partnership
/// Council": a level ending at `last` and followed by the noun of a standing body names
/// that body, not a partnership.
fn names_a_body(s: &Sentence, last: usize) -> bool {
    BODY_NOUNS.contains(&s.word(last + 1))
}

/// "a Mutual Defence Treaty, called the Pukpuk Treaty": a candidate right after
/// another of its sentence, joined to it by "called", "named", "known as", "or", a
/// dash or a bracket, is a second name of the same agreement. `out` is sorted.
fn mark_second_names(doc: &Doc, out: &mut [Candidate]) {
    for k in 1..out.len() {
        let (prev, cur) = (&out[k - 1], &out[k]);
        if prev.sentence != cur.sentence || prev.last >= cur.first {
            continue;
        }
        let s = &doc.sentences[cur.sentence];
        let between: Vec<&str> = (prev.last + 1..cur.first).map(|i| s.word(i)).collect();
        if renames(&between)
            && !matches!(cur.form, Form::Partnership(_))
            && !matches!(prev.form, Form::Partnership(_))
        {
            out[k].same_as_previous = true;
        }
    }
}

/// Whether the words between two names say the second renames the first: ", called
/// the", "(", ", known as".
fn renames(between: &[&str]) -> bool {
    between.len() <= 4
        && between.iter().any(|w| {
            matches!(
                *w,
                "called" | "named" | "dubbed" | "known" | "or" | "\u{2014}" | "("
            )
        })
        && between.iter().all(|w| {
            matches!(
                *w,
                "," | "called"
                    | "named"
                    | "dubbed"
                    | "known"
                    | "as"
                    | "or"
                    | "the"
                    | "\u{2014}"
                    | "("
                    | "\u{201C}"
                    | "\""
            )
        })
}

/// Whether a lower-case instrument far from its signing verb is still a specific one:
/// dated ("a 2017 security treaty with Australia") or told by its subject in a
/// sentence that reports a signing ("The two sides signed two documents, including a
/// treaty on the shared border; and an action plan for the partnership for 2023-2027").
fn specific_instrument(s: &Sentence, dated: bool, subject: bool) -> bool {
    dated
        || subject
            && s.tokens.iter().any(|t| {
                with_lower(t.text, |w| {
                    w.starts_with("sign") || w.starts_with("ink") || w == "concluded"
                })
            })
}

/// Whether "between X and Y" after `last` opens with a name that is no state, bloc or
/// government body: "a cooperation agreement between Wasit Governorate and Imathia
/// Construction Company" binds a province and a firm, not two countries.
fn between_non_states(doc: &Doc, s: &Sentence, last: usize) -> bool {
    if s.word(last + 1) != "between" {
        return false;
    }
    let mut k = last + 2;
    if s.word(k) == "the" {
        k += 1;
    }
    s.tokens.get(k).is_some_and(|t| t.is_capitalized())
        && !s.proper_at(k).is_some_and(|h| {
            matches!(
                h.target,
                ProperTarget::Country { .. } | ProperTarget::Organization(_)
            )
        })
        && !doc.lex.organization_heads.starting_at(&s.tokens, k).any(|_| true)
        && !matches!(
            s.word(k),
            "Government" | "Governments" | "Republic" | "Kingdom" | "State" | "People's"
        )
        // "between President X and ...": a title tells a state's official.
        && !s.phrases.iter().any(|h| h.first == k)
}

/// The last token of "between X and Y" after `last` when both are capitalised names
/// ("between Wasit Governorate and Spain's Imathia Construction Company").
fn between_names_end(doc: &Doc, s: &Sentence, last: usize) -> Option<usize> {
    let mut k = last + 2;
    let (mut end, mut and) = (None, false);
    while k < s.tokens.len() {
        let w = s.word(k);
        let joins = matches!(
            w,
            "and" | "the" | "of" | "'s" | "\u{2019}s" | "'" | "\u{2019}"
        );
        if is_cap_word(doc, s, k) || s.tokens[k].is_capitalized() && end.is_some() {
            end = Some(k);
        } else if !(joins
            && s.tokens
                .get(k + 1)
                .is_some_and(|t| t.is_capitalized() || t.text == "the")
            || matches!(w, "'s" | "\u{2019}s"))
        {
            break;
        }
        and |= w == "and";
        k += 1;
    }
    end.filter(|_| and)
}

/// "signed an agreement that allows mutual visa-exempt entry for ...": a bare head at
/// `first..=last` named by what it does, "mutual visa-exempt entry agreement".
fn named_by_relative(doc: &Doc, s: &Sentence, first: usize, last: usize) -> Option<String> {
    let (a, b) = relative_subject(s, last)?;
    Some(format!(
        "{} {}",
        s.text_of(a, b, doc.text),
        s.text_of(first, last, doc.text)
    ))
}

/// "a cooperation agreement between Wasit Governorate and Imathia Construction
/// Company": an instrument between bodies that are no states, named with them (its
/// last token and name); no country is its party.
fn non_state_instrument(
    doc: &Doc,
    s: &Sentence,
    first: usize,
    last: usize,
) -> Option<(usize, String)> {
    if !between_non_states(doc, s, last) {
        return None;
    }
    let end = between_names_end(doc, s, last)?;
    Some((end, s.text_of(first, end, doc.text)))
}

/// "a ministers' meeting for Strategic Dialogue": a dialogue named as a topic is no
/// framework.
fn dialogue_topic(s: &Sentence, first: usize, kind: &str) -> bool {
    kind == "dialogue" && first > 0 && matches!(s.word(first - 1), "for" | "on" | "about")
}

/// Verbs of a relative clause that tell what an instrument does.
const DOES: [&str; 8] = [
    "allows",
    "grants",
    "provides",
    "establishes",
    "enables",
    "permits",
    "regulates",
    "sets",
];

/// The object of "that allows ..." after a bare head at `last` ("an agreement that
/// allows mutual visa-exempt entry for regular passport holders"), as its first and
/// last token: lower-case words up to a preposition or punctuation.
fn relative_subject(s: &Sentence, last: usize) -> Option<(usize, usize)> {
    if !matches!(s.word(last + 1), "that" | "which") || !DOES.contains(&s.word(last + 2)) {
        return None;
    }
    let first = last + 3;
    let mut k = first;
    while k < s.tokens.len()
        && k < first + 5
        && s.tokens[k].is_word()
        && !s.tokens[k].is_capitalized()
        && !ENDS_SUBJECT.contains(&s.word(k))
        && !matches!(
            s.word(k),
            "for" | "of" | "in" | "on" | "and" | "the" | "a" | "an"
        )
    {
        k += 1;
    }
    (k > first).then_some((first, k - 1))
}

/// Plural agreement heads and their singular, for "13 agreements ..., including one on
/// fighting terrorism".
const PLURAL_HEADS: [(&str, &str, &str); 8] = [
    ("agreements", "agreement", "agreement"),
    ("deals", "deal", "agreement"),
    ("accords", "accord", "agreement"),
    ("treaties", "treaty", "treaty"),
    ("mous", "MoU", "mou"),
    ("memorandums", "memorandum", "mou"),
    ("memoranda", "memorandum", "mou"),
    ("documents", "document", "agreement"),
];

/// Whether `word` may be one of [`PLURAL_HEADS`] in some case: an ASCII word of
/// another length or first letter is none (a lower-cased word of any other script is
/// no ASCII head either, but is left to the full comparison).
fn may_be_plural_head(word: &str) -> bool {
    let Some(&b0) = word.as_bytes().first() else {
        return false;
    };
    !word.is_ascii()
        || PLURAL_HEADS
            .iter()
            .any(|p| p.0.len() == word.len() && p.0.as_bytes()[0] == b0.to_ascii_lowercase())
}

/// Words between a plural instrument and the list of its subjects: "the four MoUs
/// signed were on ...".
const BEFORE_SUBJECTS: [&str; 10] = [
    "signed",
    "were",
    "are",
    "inked",
    "concluded",
    "today",
    "also",
    "both",
    "respectively",
    "cover",
];

/// The subjects of a list after `k` ("health, higher education and tourism"), each as
/// its first and last token; the list ends at a clause word, punctuation other than a
/// comma, or the comma after its last item.
fn subject_list(s: &Sentence, mut k: usize) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut first = k;
    let mut last_item = false;
    while k < s.tokens.len() {
        let w = s.word(k);
        // After "and", the next comma closes the list: "..., fisheries and tourism, the
        // ministry said".
        if w == "," && last_item {
            break;
        }
        if matches!(w, "," | "and" | "or") {
            if k > first {
                items.push((first, k - 1));
            }
            last_item |= w != ",";
            first = k + 1;
        } else if !s.tokens[k].is_word() || ENDS_SUBJECT.contains(&w) {
            break;
        }
        k += 1;
    }
    if k > first {
        items.push((first, k - 1));
    }
    items
        .into_iter()
        .map(|(a, b)| {
            if matches!(s.word(a), "the" | "a" | "an") {
                (a + 1, b)
            } else {
                (a, b)
            }
        })
        .filter(|&(a, b)| a <= b)
        .collect()
}

/// Instruments listed by subject after a plural head: "the four MoUs signed were on
/// health, higher education and tourism" are three MoUs ("MoU on health", ...), each
/// with the parties of the sentence.
fn listed_instruments(doc: &Doc, si: usize, officials: &Officials) -> Vec<Candidate> {
    let s = &doc.sentences[si];
    let mut out = Vec::new();
    // The subjects follow an "on": most sentences have none.
    if !s.tokens.iter().any(|t| t.text == "on") {
        return out;
    }
    for j in 0..s.tokens.len() {
        if !may_be_plural_head(s.word(j)) {
            continue;
        }
        let plural = find_lower(s.word(j), &PLURAL_HEADS, |p| p.0);
        let Some(&(_, singular, kind)) = plural else {
            continue;
        };
        let Some(on) = (j + 1..(j + 5).min(s.tokens.len()))
            .take_while(|&k| BEFORE_SUBJECTS.contains(&s.word(k)) || s.word(k) == "on")
            .find(|&k| s.word(k) == "on")
        else {
            continue;
        };
        // "signed agreements on trade, energy and ..." lists fields in bulk; "the MoUs
        // signed were on ..." tells each instrument.
        let items = subject_list(s, on + 1);
        if on == j + 1 || items.len() < 2 {
            continue;
        }
        for (first, last) in items {
            let name = format!("{singular} on {}", s.span_text(first, last, doc.text));
            let (parties, explicit) = parties_for(doc, si, first, last, officials);
            out.push(Candidate {
                sentence: si,
                first,
                last,
                name,
                head: singular.to_lowercase(),
                kind: kind.to_string(),
                acronym: None,
                form: Form::Generic,
                parties,
                explicit_parties: explicit,
                same_as_previous: false,
            });
        }
    }
    out
}

/// Instruments told by an ellipsis after another of their kind in the sentence: "The
/// MoU on health was signed by A, while that on higher education was signed by B",
/// "13 agreements were signed, including one on fighting terrorism". Each is an
/// instrument of its own, named by the earlier head and its own subject.
fn elliptic_candidates(
    doc: &Doc,
    si: usize,
    officials: &Officials,
    found: &[Candidate],
    covered: &[(usize, usize)],
) -> Vec<Candidate> {
    let s = &doc.sentences[si];
    let mut out = Vec::new();
    for k in 1..s.tokens.len() {
        if !matches!(s.word(k), "that" | "one" | "those")
            || covered.iter().any(|&(a, b)| a <= k && k <= b)
        {
            continue;
        }
        // The nearest head before: a candidate of this sentence, or a plural head.
        let earlier = found
            .iter()
            .rev()
            .filter(|c| c.sentence == si && c.last < k && !matches!(c.form, Form::Partnership(_)))
            .map(|c| {
                let at = c.name.to_lowercase().find(&c.head).unwrap_or(0);
                let head = c.name.get(at..at + c.head.len()).unwrap_or(&c.head);
                (head.to_string(), c.head.clone(), c.kind.clone())
            })
            .next();
        let plural = || {
            (0..k).rev().find_map(|j| {
                may_be_plural_head(s.word(j)).then_some(())?;
                find_lower(s.word(j), &PLURAL_HEADS, |p| p.0)
                    .map(|p| (p.1.to_string(), p.1.to_lowercase(), p.2.to_string()))
            })
        };
        let Some((head_text, head, kind)) = earlier.or_else(plural) else {
            continue;
        };
        // "one of the agreements" is a part, not a subject.
        if s.word(k + 1) == "of" {
            continue;
        }
        let Some(last) = subject_complement(s, k) else {
            continue;
        };
        let name = format!("{head_text} {}", s.span_text(k + 1, last, doc.text));
        let (parties, explicit) = parties_for(doc, si, k, last, officials);
        out.push(Candidate {
            sentence: si,
            first: k,
            last,
            name,
            head,
            kind,
            acronym: None,
            form: Form::Generic,
            parties,
            explicit_parties: explicit,
            same_as_previous: false,
        });
    }
    out
}

/// "ACE 53, a tariff deal first signed in 2002", "the Meseberg Agenda, a joint
/// statement on ...": an appositive that describes an agreement is no agreement of its
/// own. It refers to the agreement named before it, or makes the capitalised name
/// before it one.
fn appositions(doc: &Doc, officials: &Officials, candidates: &mut Vec<Candidate>) {
    let mut added = Vec::new();
    for k in 0..candidates.len() {
        let c = &candidates[k];
        let s = &doc.sentences[c.sentence];
        if matches!(c.form, Form::Partnership(_)) || s.tokens[c.first].is_capitalized() {
            continue;
        }
        // ", a [new] tariff deal": the comma and the indefinite article before it.
        let mut d = c.first;
        while d > 0 && VAGUE.contains(&s.word(d - 1)) {
            d -= 1;
        }
        if d < 3 || !matches!(s.word(d - 1), "a" | "an") || s.word(d - 2) != "," {
            continue;
        }
        let end = d - 3;
        let prev = k
            .checked_sub(1)
            .map(|p| &candidates[p])
            .filter(|p| p.sentence == c.sentence && p.last <= end);
        // "a memorandum on defence, an agreement on taxation and a treaty on ...": two
        // instruments told by their subjects are items of a list, not one described.
        if prev.is_some_and(|p| has_subject(&p.name, &p.head) && has_subject(&c.name, &c.head)) {
            continue;
        }
        // The agreement right before, maybe with its acronym: "(ACE 53)".
        if let Some(p) = prev {
            let between = p.last + 1..=end;
            if between.clone().count() <= 8
                && between.clone().all(|i| {
                    let w = s.word(i);
                    s.tokens[i].is_capitalized()
                        || w.starts_with(|ch: char| ch.is_ascii_digit())
                        || matches!(w, "(" | ")" | ".")
                })
            {
                candidates[k].form = Form::Placeholder;
                candidates[k].same_as_previous = true;
                continue;
            }
        }
        // A capitalised name no other rule took, when the appositive says what it is
        // ("a tariff deal", not just "a deal").
        if c.form == Form::Placeholder {
            continue;
        }
        let mut first = end + 1;
        while first > 0 && end + 1 - first < 6 {
            let p = first - 1;
            let connector = p > 0
                && p < end
                && matches!(s.word(p), "of" | "on" | "and")
                && is_cap_word(doc, s, p - 1);
            if is_cap_word(doc, s, p) || connector {
                first = p;
            } else {
                break;
            }
        }
        if first > end || !is_cap_word(doc, s, first) {
            continue;
        }
        let words = &s.tokens[first..=end];
        let distinct = words.len() >= 2
            || words.iter().any(|t| {
                t.text.len() >= 2
                    && t.text
                        .chars()
                        .all(|ch| ch.is_uppercase() || ch.is_ascii_digit())
            });
        // A town may name it ("the Meseberg Agenda"); a country or body may not.
        let taken = s.proper.iter().any(|h| {
            h.first <= end
                && h.last >= first
                && (!matches!(h.target, ProperTarget::Place { .. })
                    || h.first == first && h.last == end)
        }) || officials
            .refs_in(c.sentence)
            .any(|r| r.first <= end && r.last >= first)
            || prev.is_some_and(|p| p.last >= first);
        if !distinct || taken {
            continue;
        }
        let (parties, explicit) = parties_for(doc, c.sentence, first, end, officials);
        added.push(Candidate {
            sentence: c.sentence,
            first,
            last: end,
            name: s.text_of(first, end, doc.text),
            head: c.head.clone(),
            kind: c.kind.clone(),
            acronym: None,
            form: Form::Named,
            parties,
            explicit_parties: explicit,
            same_as_previous: false,
        });
        candidates[k].form = Form::Placeholder;
        candidates[k].same_as_previous = true;
    }
    if !added.is_empty() {
        candidates.extend(added);
        candidates.sort_by_key(|c| (c.sentence, c.first));
    }
}

/// "Kenya and Tanzania are members of the EAC", "Both countries are members of
/// Mercosur": the countries of the clause before "member(s) of" belong to the body
/// named after it; "both" or "the two countries" alone are the article's pair.
fn memberships(doc: &Doc, out: &mut Output, organizations: &[ThingRef]) {
    for r in organizations {
        let s = &doc.sentences[r.sentence];
        let mut of = r.first.saturating_sub(1);
        if matches!(s.word(of), "the" | "The") {
            of = of.saturating_sub(1);
        }
        let member_word = |w: &str| matches!(w, "member" | "members");
        if let Some(c) = super::clauses::gapped_country(s, of, member_word) {
            let cid = doc.country_id(out, c);
            out.relate(
                cid,
                RelationKind::MemberOf,
                &r.id,
                s,
                doc.text,
                Attrs::new(),
            );
            continue;
        }
        if of < 2 || s.word(of) != "of" || !matches!(s.word(of - 1), "member" | "members") {
            continue;
        }
        let member = of - 1;
        let start = membership_clause_start(s, member);
        let clause = start..member;
        if clause.clone().any(|k| {
            matches!(
                s.word(k),
                "not" | "became" | "become" | "becomes" | "joined"
            )
        }) {
            continue;
        }
        let mut members: Vec<usize> = Vec::new();
        for (k, c) in s.countries() {
            if clause.contains(&k) && !members.contains(&c) {
                members.push(c);
            }
        }
        let both = clause.clone().any(|k| {
            s.word(k).eq_ignore_ascii_case("both")
                || s.word(k) == "two"
                    && matches!(
                        s.word(k + 1),
                        "countries" | "neighbours" | "neighbors" | "nations"
                    )
        });
        if members.is_empty() && both {
            members = doc.main_pair();
        }
        for c in members {
            let cid = doc.country_id(out, c);
            out.relate(
                cid,
                RelationKind::MemberOf,
                &r.id,
                s,
                doc.text,
                Attrs::new(),
            );
        }
    }
}

/// Nouns a grouping names its member states with: "the Benelux countries".
const MEMBER_NOUNS: [&str; 6] = [
    "countries",
    "states",
    "nations",
    "members",
    "partners",
    "governments",
];

/// "good coordination between the Benelux countries", "the Visegrad states": a
/// grouping the gazetteer knows the members of, used to name its member states, makes
/// each member the article mentions `member_of` it.
fn group_members(doc: &Doc, out: &mut Output) {
    for s in &doc.sentences {
        for h in &s.proper {
            let ProperTarget::Organization(o) = h.target else {
                continue;
            };
            let entry = &doc.lex.gazetteer.organizations[o];
            let next = if s.word(h.last + 1) == "member" {
                h.last + 2
            } else {
                h.last + 1
            };
            if entry.members.is_empty() || !MEMBER_NOUNS.contains(&s.word(next)) {
                continue;
            }
            let id = out.entity(EntityKind::Organization, &slugify(&entry.name), &entry.name);
            for &(c, _) in &doc.country_counts {
                if entry.members.iter().any(|m| m == doc.country_name(c)) {
                    let cid = doc.country_id(out, c);
                    out.relate(cid, RelationKind::MemberOf, &id, s, doc.text, Attrs::new());
                }
            }
        }
    }
}

/// Verbs that make a clause of their own words: "Norway is a member of NATO".
const CLAUSE_VERBS: [&str; 8] = [
    "is", "are", "was", "were", "remains", "remain", "became", "has",
];

/// Where the clause that ends at `member` ("member(s)") opens: after a clause mark,
/// or after an "and" / "but" that joins two clauses, each with its verb: in "Norway
/// is a member of NATO and Chile is a member of the Pacific Alliance", Chile's clause
/// opens after "and"; in "Kenya and Tanzania are members of the EAC", "and" joins
/// two subjects of one clause.
fn membership_clause_start(s: &Sentence, member: usize) -> usize {
    let mut start = (0..member)
        .rev()
        .find(|&k| matches!(s.word(k), ";" | ":" | "," | "which" | "that" | "while"))
        .map_or(0, |k| k + 1);
    let has_verb = |a: usize, b: usize| (a..b).any(|k| CLAUSE_VERBS.contains(&s.word(k)));
    if let Some(k) = (start..member)
        .rev()
        .find(|&k| matches!(s.word(k), "and" | "but" | "whereas") && has_verb(start, k))
    {
        if has_verb(k + 1, member) {
            start = k + 1;
        }
    }
    start
}

/// Whether a mention is followed by "with" and a country that is no party of the
/// agreement `a`: "the free trade agreement with Singapore" is not the free trade
/// agreement with the United Arab Emirates named before.
fn with_another_party(doc: &Doc, c: &Candidate, a: &Agreement) -> bool {
    let s = &doc.sentences[c.sentence];
    s.word(c.last + 1) == "with"
        && s.country_at(c.last + 2)
            .is_some_and(|(country, _)| !a.parties.contains(&country))
}

/// The mention with the country it is made with, as written: "free trade agreement
/// with Singapore", a surface form of the agreement.
fn with_country_name(doc: &Doc, c: &Candidate) -> Option<String> {
    let s = &doc.sentences[c.sentence];
    if s.word(c.last + 1) != "with" {
        return None;
    }
    let (_, last) = s.country_at(c.last + 2)?;
    Some(s.text_of(c.first, last, doc.text))
}

/// Whether a name tells its instrument by a subject after the head `head` ("the MoU
/// on health"): between two such, one word of its own tells another instrument.
fn has_subject(name: &str, head: &str) -> bool {
    let name = name.to_lowercase();
    name.find(head).is_some_and(|at| {
        let rest = &name[at + head.len()..];
        [" on ", " of ", " for ", " to ", " ("]
            .iter()
            .any(|p| rest.starts_with(p))
    })
}

/// How many content words of a mention (`content`, from `content_keys`) an agreement's
/// keys lack, its head words aside: "the memorandum on firefighting and rescue
/// training" has three that "the MoU on health" lacks, "a military logistic support
/// pact" one that "the MoU on Mutual Logistics Support" lacks.
fn own_subject(content: &HashSet<String>, keys: &HashSet<String>, head: &str) -> usize {
    let head = content_keys(head);
    let head_words: HashSet<String> = head
        .into_iter()
        .chain(std::iter::once("pact".to_string()))
        .collect();
    content
        .difference(keys)
        .filter(|w| !head_words.contains(*w))
        .count()
}

/// "signed it": the object pronoun of a signing verb.
fn signed_it(s: &Sentence, i: usize) -> bool {
    s.word(i) == "it"
        && i > 0
        && matches!(s.word(i - 1), "signed" | "ratified" | "inked" | "sealed")
}

/// "the agricultural agreement": a definite, lower-case agreement with a generic head,
/// which names one told before when its words are all in that one's name.
fn definite_generic(doc: &Doc, c: &Candidate) -> bool {
    let s = &doc.sentences[c.sentence];
    let mut d = c.first;
    while d > 0 && VAGUE.contains(&s.word(d - 1)) {
        d -= 1;
    }
    c.form == Form::Generic
        && matches!(c.head.as_str(), "agreement" | "deal" | "pact" | "accord")
        && d > 0
        && matches!(s.word(d - 1), "the" | "The" | "this" | "This")
}

/// Strips a leading "Japan-UK " / "Papua New Guinea-Australia " from an agreement name.
/// A name that is the parties and a bare head ("United States-Mexico-Canada
/// Agreement") keeps them: without them it names nothing.
fn strip_party_prefix(doc: &Doc, name: &str) -> String {
    let stripped = strip_countries(doc, name);
    if stripped.contains(char::is_whitespace) || stripped.len() == name.trim().len() {
        stripped
    } else {
        name.trim().to_string()
    }
}

fn strip_countries(doc: &Doc, name: &str) -> String {
    let mut rest = name.trim();
    'strip: loop {
        for len in doc.lex.country_prefixes(rest) {
            let after = &rest[len..];
            if let Some(r) = after
                .strip_prefix('-')
                .or_else(|| after.strip_prefix('\u{2013}'))
                .or_else(|| after.strip_prefix(' '))
            {
                if r.chars().next().is_some_and(char::is_uppercase)
                    || after.starts_with('-')
                    || after.starts_with('\u{2013}')
                {
                    rest = r.trim_start();
                    continue 'strip;
                }
            }
        }
        return rest.to_string();
    }
}

pub(crate) fn find(doc: &Doc, out: &mut Output, officials: &Officials) -> Things {
    let mut candidates = collect_candidates(doc, officials);
    appositions(doc, officials, &mut candidates);
    let Merge {
        agreements,
        keys,
        assigned,
    } = Merge::of(doc, out, &candidates);
    let mut refs: Vec<ThingRef> = Vec::new();
    for (ci, c) in candidates.iter().enumerate() {
        if let Some(ai) = assigned[ci] {
            refs.push(ThingRef {
                sentence: c.sentence,
                first: c.first,
                id: agreements[ai].id.clone(),
                agreement: Some(ai),
            });
        }
    }
    later_references(doc, &agreements, &keys, &mut refs);
    refs.sort_by_key(|r| (r.sentence, r.first));
    party_relations(doc, out, &agreements, &refs);
    let bodies = find_bilateral_bodies(doc, out, officials);
    let mut organizations = find_organizations(doc, out, officials, &bodies);
    organizations.extend(bodies.into_iter().map(|(r, _)| r));
    organizations.sort_by_key(|r| (r.sentence, r.first));
    memberships(doc, out, &organizations);
    group_members(doc, out);
    // (sentence, first, last) of every agreement's name, in text order.
    let names: Vec<(usize, usize, usize)> = candidates
        .iter()
        .zip(&assigned)
        .filter(|(c, a)| a.is_some() && c.form != Form::Placeholder)
        .map(|(c, _)| (c.sentence, c.first, c.last))
        .collect();
    let places = find_places(doc, out, officials, &organizations, &refs, &names);
    Things {
        agreements,
        agreement_refs: refs,
        organizations,
        places,
    }
}

/// What later mentions of a known agreement are matched on: its folded name, its head,
/// the content words of every name it went by, and its acronym.
type Key = (String, String, HashSet<String>, Option<String>);

/// A candidate's name made ready for matching: without a party prefix ("India-Japan")
/// or leading year ("1951"), folded, and as content words.
struct Names {
    stripped: String,
    norm: String,
    content: HashSet<String>,
    named_year: Option<i16>,
}

/// The agreements the candidates make, merged: named and partnership forms create
/// agreements, the rest attach to them (`assigned[candidate]`).
struct Merge {
    agreements: Vec<Agreement>,
    keys: Vec<Key>,
    assigned: Vec<Option<usize>>,
}

impl Merge {
    fn of(doc: &Doc, out: &mut Output, candidates: &[Candidate]) -> Merge {
        let mut m = Merge {
            agreements: Vec::new(),
            keys: Vec::new(),
            assigned: vec![None; candidates.len()],
        };
        for pass in 0..2 {
            for (ci, c) in candidates.iter().enumerate() {
                if m.assigned[ci].is_some() {
                    continue;
                }
                let creates = match (&c.form, pass) {
                    (Form::Named | Form::Partnership(_), 0) => true,
                    (Form::Generic, 1) => true,
                    _ => continue,
                };
                m.place(doc, out, candidates, ci, creates);
            }
        }
        m
    }

    /// Candidate `ci` joins the agreement it names again, or (when `creates`) makes a
    /// new one.
    fn place(
        &mut self,
        doc: &Doc,
        out: &mut Output,
        candidates: &[Candidate],
        ci: usize,
        creates: bool,
    ) {
        let c = &candidates[ci];
        let names = self.names(doc, c);
        let existing = match (self.existing_for(doc, candidates, ci, &names), &c.form) {
            (None, Form::Placeholder) => self.placeholder_target(doc, c),
            (e, _) => e,
        };
        if let Some(ai) = existing {
            self.attach(out, c, ai, names);
            self.assigned[ci] = Some(ai);
        } else if creates {
            self.create(doc, out, c, names);
            self.assigned[ci] = Some(self.agreements.len() - 1);
        }
    }

    /// "the free trade agreement with Singapore": a lower-case mention is named with
    /// the country it is made with when an agreement of its kind and words is already
    /// known ("the Free Trade Agreement between Mercosur and the UAE").
    fn names(&self, doc: &Doc, c: &Candidate) -> Names {
        // Only a lower-case mention asks for its bare name's keys; they are the keys
        // of what is left when nothing is stripped.
        let bare = (c.form == Form::Generic).then(|| content_keys(&c.name));
        let known_kind = bare.as_ref().is_some_and(|bare| {
            self.keys
                .iter()
                .any(|(_, head, k, _)| *head == c.head && k.intersection(bare).count() > 0)
        });
        let with = known_kind.then(|| with_country_name(doc, c)).flatten();
        let stripped = strip_party_prefix(doc, with.as_deref().unwrap_or(&c.name));
        let (named_year, rest) = split_leading_year(&stripped);
        let stripped = rest.to_string();
        let content = match bare {
            Some(bare) if stripped == c.name => bare,
            _ => content_keys(&stripped),
        };
        Names {
            norm: fold(&stripped).to_lowercase(),
            content,
            stripped,
            named_year,
        }
    }

    /// The known agreement candidate `ci` names again, if any.
    fn existing_for(
        &self,
        doc: &Doc,
        candidates: &[Candidate],
        ci: usize,
        names: &Names,
    ) -> Option<usize> {
        let c = &candidates[ci];
        if c.same_as_previous && ci > 0 && self.assigned[ci - 1].is_some() {
            return self.assigned[ci - 1];
        }
        // "a Mutual Defence Treaty, called the Pukpuk Treaty": when the second name is
        // one the article already used, the first joins that agreement.
        let next_known = candidates
            .get(ci + 1)
            .filter(|n| n.same_as_previous)
            .and_then(|n| {
                let next = strip_party_prefix(doc, &n.name);
                let next_norm = fold(split_leading_year(&next).1).to_lowercase();
                self.keys.iter().position(|(k, _, _, _)| *k == next_norm)
            });
        if next_known.is_some() {
            return next_known;
        }
        if matches!(c.form, Form::Partnership(_)) {
            return self.known_partnership(doc, c, names);
        }
        self.keys.iter().enumerate().position(|(ai, key)| {
            let a = &self.agreements[ai];
            !a.partnership && names_instrument(doc, c, a, key, names)
        })
    }

    /// The partnership a level names again: same name and parties, or, named without
    /// its parties ("the strategic partnership"), the one the article already spoke of.
    fn known_partnership(&self, doc: &Doc, c: &Candidate, names: &Names) -> Option<usize> {
        let s = &doc.sentences[c.sentence];
        let anaphoric = !c.explicit_parties
            && !s.tokens[c.first].is_capitalized()
            && (1..=2).any(|b| {
                c.first >= b && matches!(s.word(c.first - b), "the" | "this" | "our" | "their")
            });
        self.keys
            .iter()
            .enumerate()
            .rposition(|(ai, (n, _, _, _))| {
                let a = &self.agreements[ai];
                a.partnership && (*n == names.norm && same_parties(doc, c, a) || anaphoric)
            })
    }

    /// "a new treaty": the one named treaty whose name the sentence also mentions.
    fn placeholder_target(&self, doc: &Doc, c: &Candidate) -> Option<usize> {
        let span = doc.sentences[c.sentence].span;
        let sentence = fold(&doc.text[span.start..span.end]).to_lowercase();
        let same_head: Vec<usize> = self
            .keys
            .iter()
            .enumerate()
            .filter(|(ai, (_, head, _, _))| {
                same_head(head, &c.head) && !self.agreements[*ai].partnership
            })
            .map(|(ai, _)| ai)
            .collect();
        match same_head.as_slice() {
            [one] => Some(*one),
            many => many.iter().copied().find(|&ai| {
                self.keys[ai]
                    .2
                    .iter()
                    .any(|k| sentence.contains(k.as_str()))
            }),
        }
    }

    /// Candidate `c` names agreement `ai` again: its year, names, acronym and parties
    /// join it.
    fn attach(&mut self, out: &mut Output, c: &Candidate, ai: usize, names: Names) {
        let a = &mut self.agreements[ai];
        if a.year.is_none() && c.form == Form::Named {
            a.year = names.named_year;
        }
        if c.form != Form::Placeholder {
            out.alias(&a.id, &c.name);
        }
        if c.form == Form::Named && !a.partnership {
            // Every name it goes by helps recognise a later short form.
            self.keys[ai].2.extend(names.content);
        }
        if let Some(acronym) = &c.acronym {
            out.alias(&a.id, acronym);
            out.attr(&a.id, "acronym", acronym);
            self.keys[ai].3.get_or_insert(acronym.clone());
        }
        // "The agreement ... shared with Tajikistan": a reference back keeps the
        // parties its name was given with.
        if a.fixed_parties {
            // The parties its name gave stay.
        } else if a.parties.len() < 2 && c.parties.len() >= 2
            || c.explicit_parties
                && (c.form != Form::Placeholder || a.parties.len() < 2)
                && !a.parties.is_empty()
                && a.parties != c.parties
                && c.parties.len() >= 2
        {
            a.parties = c.parties.clone();
        }
    }

    /// A new agreement from candidate `c`; every pair gets its own node: two
    /// countries' GSOMIA is not another pair's.
    fn create(&mut self, doc: &Doc, out: &mut Output, c: &Candidate, names: Names) {
        let Names {
            stripped,
            norm,
            content,
            named_year,
        } = names;
        let mut parties = c.parties.clone();
        parties.sort_unstable();
        parties.dedup();
        let party_slugs: Vec<String> = parties
            .iter()
            .map(|&p| slugify(doc.country_name(p)))
            .collect();
        let slug = if parties.len() == 2 {
            format!("{}-{}", party_slugs.join("-"), slugify(&stripped))
        } else {
            slugify(&stripped)
        };
        let id = out.entity(EntityKind::Agreement, &slug, &stripped);
        out.alias(&id, &c.name);
        out.attr(&id, "kind", &c.kind);
        if parties.len() == 2 {
            let pair = format!(
                "{}-{}",
                doc.country_name(c.parties[0]),
                doc.country_name(*c.parties.get(1).unwrap_or(&c.parties[0]))
            );
            out.alias(&id, &format!("{pair} {stripped}"));
        }
        if let Some(a) = &c.acronym {
            out.alias(&id, a);
            out.attr(&id, "acronym", a);
        }
        self.agreements.push(Agreement {
            id,
            name: stripped.clone(),
            parties: c.parties.clone(),
            partnership: matches!(c.form, Form::Partnership(_)),
            year: named_year,
            fixed_parties: c.explicit_parties && c.parties.len() < 2,
        });
        self.keys
            .push((norm, c.head.clone(), content, c.acronym.clone()));
    }
}

/// Whether candidate `c` and agreement `a` (with its `key`) share their parties, or
/// one of them has fewer than two.
fn same_parties(doc: &Doc, c: &Candidate, a: &Agreement) -> bool {
    let mut x = a.parties.clone();
    let mut y = c.parties.clone();
    x.sort_unstable();
    y.sort_unstable();
    (a.parties.len() < 2 || c.parties.len() < 2 || x == y) && !with_another_party(doc, c, a)
}

/// Whether candidate `c` names instrument `a` again: the same name or acronym, or
/// (with the same parties) the same head and words. "the MoU on health" is not "the
/// memorandum on firefighting and rescue training": a subject of its own makes
/// another instrument.
fn names_instrument(doc: &Doc, c: &Candidate, a: &Agreement, key: &Key, names: &Names) -> bool {
    let (n, head, k, acro) = key;
    let content = &names.content;
    if *n == names.norm
        || c.acronym.is_some() && c.acronym == *acro
        || acro.as_deref() == Some(names.stripped.as_str())
    {
        return true;
    }
    if !same_parties(doc, c, a) {
        return false;
    }
    let overlap = k.intersection(content).count();
    let subset = !content.is_empty() && content.is_subset(k);
    if c.form == Form::Named {
        return same_head(head, &c.head) && (subset || content == k && overlap > 0);
    }
    let allowed = if has_subject(&c.name, &c.head) && has_subject(n, head) {
        1
    } else {
        2
    };
    (same_head(head, &c.head) && overlap >= 1 || overlap >= 2 || subset && definite_generic(doc, c))
        && own_subject(content, k, &c.head) < allowed
}

/// Acronyms and definite references ("the treaty", "CEPA", "signed it") in later
/// sentences, added to `refs`. `refs` is in text order; the walk goes alongside the
/// text, keeping the agreements mentioned so far by recency, so each lookup costs the
/// number of agreements.
fn later_references(doc: &Doc, agreements: &[Agreement], keys: &[Key], refs: &mut Vec<ThingRef>) {
    let named_refs = refs.len();
    let taken: HashSet<(usize, usize)> = refs.iter().map(|r| (r.sentence, r.first)).collect();
    let mut recent: Vec<usize> = Vec::new();
    let mut next = 0;
    let acronyms: Vec<(usize, &str)> = keys
        .iter()
        .enumerate()
        .filter_map(|(ai, k)| Some((ai, k.3.as_deref()?)))
        .collect();
    // Without an agreement there is nothing to refer back to.
    let sentences = if keys.is_empty() {
        &doc.sentences[..0]
    } else {
        &doc.sentences[..]
    };
    for (si, s) in sentences.iter().enumerate() {
        for (i, t) in s.tokens.iter().enumerate() {
            while next < named_refs && (refs[next].sentence, refs[next].first) < (si, i) {
                if let Some(a) = refs[next].agreement {
                    recent.retain(|&x| x != a);
                    recent.push(a);
                }
                next += 1;
            }
            let by_acronym = acronyms
                .iter()
                .find(|(_, a)| *a == t.text)
                .map(|&(ai, _)| ai);
            let definite = i > 0 && matches!(s.word(i - 1), "the" | "The" | "this" | "This");
            if by_acronym.is_none() && !definite && !signed_it(s, i) || taken.contains(&(si, i)) {
                continue;
            }
            let by_definite = definite
                .then(|| by_definite_head(agreements, keys, &recent, t))
                .flatten();
            let by_pronoun = || {
                signed_it(s, i)
                    .then(|| {
                        recent
                            .iter()
                            .rev()
                            .copied()
                            .find(|&ai| !agreements[ai].partnership)
                    })
                    .flatten()
            };
            if let Some(ai) = by_acronym.or(by_definite).or_else(by_pronoun) {
                recent.retain(|&x| x != ai);
                recent.push(ai);
                refs.push(ThingRef {
                    sentence: si,
                    first: i,
                    id: agreements[ai].id.clone(),
                    agreement: Some(ai),
                });
            }
        }
    }
}

/// The agreement a definite head ("the treaty" after a determiner) refers back to,
/// most recent first: the same head, the first word of its head ("the memorandum" is
/// the Memorandum of Understanding named before), or any for a generic one ("signed
/// the document").
fn by_definite_head(
    agreements: &[Agreement],
    keys: &[Key],
    recent: &[usize],
    t: &super::text::Token,
) -> Option<usize> {
    // Nothing told yet to refer to: the word need not be lower-cased.
    if recent.is_empty() {
        return None;
    }
    // Lower-cased on the stack: most words after a determiner refer to nothing.
    with_lower(t.text, |head| {
        let generic = matches!(head, "deal" | "pact" | "agreement" | "accord" | "document");
        let opens =
            |ai: usize| !t.is_capitalized() && keys[ai].1.split_whitespace().next() == Some(head);
        recent.iter().rev().copied().find(|&ai| {
            !agreements[ai].partnership && (same_head(&keys[ai].1, head) || opens(ai) || generic)
        })
    })
}

/// Heads that name one kind of instrument: "Memorandum of Understanding on Tourism ...
/// signed the MoU" is one memorandum.
const MEMORANDUM_HEADS: [&str; 3] = ["memorandum of understanding", "mou", "memorandum"];

/// Whether two lower-case heads are one head: the same words, or two forms of a
/// memorandum ("mou", "memorandum of understanding").
fn same_head(a: &str, b: &str) -> bool {
    a == b || MEMORANDUM_HEADS.contains(&a) && MEMORANDUM_HEADS.contains(&b)
}

/// `party_to` for every agreement's parties, from the mention that asserts it: "Kenya
/// did not sign the pact" makes no party.
fn party_relations(doc: &Doc, out: &mut Output, agreements: &[Agreement], refs: &[ThingRef]) {
    for a in agreements {
        let mine = refs.iter().filter(|x| x.id == a.id);
        let Some((r, status)) = super::clauses::party_mention(doc, mine) else {
            continue;
        };
        if status == super::clauses::Status::Denied {
            continue;
        }
        let s = &doc.sentences[r.sentence];
        for &p in &a.parties {
            let country = doc.country_id(out, p);
            out.relate(
                country,
                RelationKind::PartyTo,
                &a.id,
                s,
                doc.text,
                super::clauses::status_attrs(status.name()),
            );
        }
    }
}

/// The end of a body that a body's name opens ("Air Force Officers Training School"):
/// up to four capitalised words after `last` that end in another organization head.
/// "Committee on Political, Security, Social and Cultural Cooperation": the comma at
/// `k` lists capitalised words that an "and" before another capitalised word closes,
/// with nothing else between (not "the Committee on Trade, Japan and Chile").
fn closed_name_list(doc: &Doc, s: &Sentence, k: usize) -> bool {
    let mut j = k + 1;
    while j < s.tokens.len() && j < k + 12 {
        let w = s.word(j);
        if w == "and" {
            return is_cap_word(doc, s, j + 1) && s.country_at(j + 1).is_none();
        }
        if !(w == "," || is_cap_word(doc, s, j) && s.country_at(j).is_none()) {
            return false;
        }
        j += 1;
    }
    false
}

fn inner_body_end(doc: &Doc, s: &Sentence, last: usize) -> Option<usize> {
    let mut k = last + 1;
    while k <= last + 4 && is_cap_word(doc, s, k) && s.country_at(k).is_none() {
        if let Some((_, head, _)) = doc.lex.organization_heads.starting_at(&s.tokens, k).next() {
            return Some(k + head.len() - 1);
        }
        k += 1;
    }
    None
}

/// The end of "of the Republic of Kenya" after a body's name at `last`: a country's
/// formal name, as statements write it, is part of the name ("Ministry of Foreign
/// Affairs of the Kingdom of Bahrain"), and any country a national body is of ("Ministry
/// of Foreign Affairs of Viet Nam", "National Bank of Poland"); after a party ("Communist
/// Party of Viet Nam") only a formal one.
fn formal_country_end(s: &Sentence, last: usize, ministry: bool) -> Option<usize> {
    if s.word(last + 1) != "of" {
        return None;
    }
    let k = if s.word(last + 2) == "the" {
        last + 3
    } else {
        last + 2
    };
    let (_, end) = s.country_at(k)?;
    (ministry || (k..end).any(|j| s.word(j) == "of")).then_some(end)
}

/// The id of a recurring bilateral body: `organization:` and the slugs of its two
/// countries' names in alphabetical order, then the slug of the body's name without
/// them, e.g. `organization:ghana-south-africa-bi-national-commission` for the
/// "South Africa–Ghana Bi-National Commission". Callers naming a body's session (the
/// events rules) can build the same id from the pair and the name.
pub(crate) fn bilateral_body_id(country_a: &str, country_b: &str, name: &str) -> String {
    let (mut a, mut b) = (slugify(country_a), slugify(country_b));
    if b < a {
        std::mem::swap(&mut a, &mut b);
    }
    format!("organization:{a}-{b}-{}", slugify(name))
}

/// Words before a bilateral body's head that are part of its name ("the second Annual
/// Bilateral Inter-Ministerial Dialogue").
const BODY_MODIFIERS: [&str; 6] = [
    "annual",
    "bilateral",
    "permanent",
    "high-level",
    "inaugural",
    "joint",
];

/// Whether a word is an ordinal ("7th", "fifth"): which session, not which body.
fn is_ordinal(w: &str) -> bool {
    let w = w.to_lowercase();
    w.starts_with(|c: char| c.is_ascii_digit())
        && ["st", "nd", "rd", "th"].iter().any(|x| w.ends_with(x))
        || matches!(
            w.as_str(),
            "first"
                | "second"
                | "third"
                | "fourth"
                | "fifth"
                | "sixth"
                | "seventh"
                | "eighth"
                | "ninth"
                | "tenth"
                | "eleventh"
                | "twelfth"
        )
}

/// Whether a body's name at `first` comes after a determiner or a possessive, maybe
/// or right after an ordinal: "the 7th Joint Commission", "their second Annual
/// ... Dialogue", "Ghana's bi-national commission". Not "a meeting for Strategic
/// Dialogue" (a topic), "to assess strategic dialogue" (an activity) or "Turkic
/// Cooperation Council" (another word names another body).
fn determined(s: &Sentence, first: usize) -> bool {
    if first > 0 && is_ordinal(s.word(first - 1)) {
        // "Conclude 7th Joint Commission": a numbered session tells a standing body.
        return true;
    }
    // "hold fourth session of Joint Permanent Commission": a body that sits in sessions.
    if first > 1
        && s.word(first - 1) == "of"
        && matches!(
            s.word(first - 2).to_lowercase().as_str(),
            "session" | "sessions" | "meeting" | "meetings" | "sitting"
        )
    {
        return true;
    }
    let mut k = first;
    while k > 0 && matches!(s.word(k - 1), "new" | "upcoming" | "inaugural") {
        k -= 1;
    }
    k > 0
        && (matches!(
            s.word(k - 1).to_lowercase().as_str(),
            "the" | "a" | "an" | "their" | "its" | "this" | "our" | "his" | "her"
        ) || super::text::is_possessive(s.word(k - 1))
            || matches!(s.word(k - 1), "'s" | "\u{2019}s"))
}

/// A recurring bilateral body found in a sentence: its span and its two countries.
struct Body {
    first: usize,
    last: usize,
    name_first: usize,
    parties: Vec<usize>,
}

/// A recurring body two countries hold together, around a head of
/// `bilateral_body_heads` at `i`: "the 7th Philippines-Indonesia Joint Commission for
/// Bilateral Cooperation", "their second Annual Bilateral Inter-Ministerial Dialogue",
/// "the bi-national commission". Its parties are the countries before the head, else
/// "between X and Y" after it, else the sentence's two countries, else the article's.
fn bilateral_body_at(doc: &Doc, s: &Sentence, i: usize) -> Option<Body> {
    let (_, head, _) = doc
        .lex
        .bilateral_body_heads
        .starting_at(&s.tokens, i)
        .next()?;
    let mut last = i + head.len() - 1;
    // "for (Bilateral) Cooperation", "for Economic and Trade Cooperation"
    if matches!(s.word(last + 1), "for" | "on") {
        if let Some(k) = (last + 2..(last + 7).min(s.tokens.len()))
            .take_while(|&k| s.tokens[k].is_word())
            .find(|&k| s.word(k).eq_ignore_ascii_case("cooperation"))
        {
            last = k;
        }
    }
    let mut name_first = i;
    while name_first > 0 && with_lower(s.word(name_first - 1), |w| BODY_MODIFIERS.contains(&w)) {
        name_first -= 1;
    }
    // The countries before it: "UAE-Kuwait Joint Higher Committee".
    let mut first = name_first;
    while first > 0 {
        let p = first - 1;
        if matches!(s.word(p), "-" | "\u{2013}" | "\u{2014}" | "/") {
            first = p;
            continue;
        }
        match s.proper_ending_at(p).map(|h| (h.target, h.first)) {
            Some((ProperTarget::Country { .. }, f)) => first = f,
            _ => break,
        }
    }
    while first < name_first && !s.tokens[first].is_word() {
        first += 1;
    }
    let mut prefix = if first < name_first {
        countries_in_span(s, first, name_first - 1)
    } else {
        Vec::new()
    };
    if prefix.is_empty() && !determined(s, first) {
        return None;
    }
    prefix.dedup();
    let parties = if prefix.len() >= 2 {
        prefix
    } else {
        let between = between_parties(s, last);
        if between.len() == 2 {
            between
        } else {
            let mut here: Vec<usize> = Vec::new();
            for (_, c) in s.countries() {
                if !here.contains(&c) {
                    here.push(c);
                }
            }
            if here.len() == 2 {
                here
            } else {
                doc.main_pair()
            }
        }
    };
    (parties.len() == 2 && parties[0] != parties[1]).then_some(Body {
        first,
        last,
        name_first,
        parties,
    })
}

/// Recurring bilateral bodies: organizations whose id names both parties (see
/// `bilateral_body_id`), with both countries `member_of` them. A shorter mention of one
/// found before ("the Joint Committee" after "the UAE-Kuwait Joint Higher Committee")
/// is the same body. Returns the references and their spans.
fn find_bilateral_bodies(
    doc: &Doc,
    out: &mut Output,
    officials: &Officials,
) -> Vec<(ThingRef, usize)> {
    let mut found: Vec<(ThingRef, usize)> = Vec::new();
    // (sorted parties, content words, id) of the bodies found so far.
    let mut known: Vec<(Vec<usize>, HashSet<String>, String)> = Vec::new();
    let sentences = doc.sentences.iter().enumerate();
    for (si, s) in sentences.filter(|(_, s)| s.clauses.sentence_has(BODY_HEAD)) {
        let mut i = 0;
        while i < s.tokens.len() {
            // Most tokens open no body's head: told apart before the spans are asked.
            if !s.clauses.word_has(i, BODY_HEAD)
                || doc
                    .lex
                    .bilateral_body_heads
                    .starting_at(&s.tokens, i)
                    .next()
                    .is_none()
            {
                i += 1;
                continue;
            }
            let taken = s.proper.iter().any(|h| {
                h.first <= i && i <= h.last && matches!(h.target, ProperTarget::Organization(_))
            }) || officials.refs_in(si).any(|r| r.first <= i && i <= r.last);
            let Some(b) = (!taken).then(|| bilateral_body_at(doc, s, i)).flatten() else {
                i += 1;
                continue;
            };
            let name = s.text_of(b.name_first, b.last, doc.text);
            let words: HashSet<String> = name
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            let mut pair = b.parties.clone();
            pair.sort_unstable();
            let same = known
                .iter()
                .find(|(p, w, _)| *p == pair && words.is_subset(w))
                .map(|k| k.2.clone());
            let id = match same {
                Some(id) => {
                    out.alias(&id, &name);
                    id
                }
                None => {
                    let (a, c) = (doc.country_name(pair[0]), doc.country_name(pair[1]));
                    let full = bilateral_body_id(a, c, &name);
                    let slug = full.trim_start_matches("organization:").to_string();
                    let id = out.entity(EntityKind::Organization, &slug, &name);
                    let (x, y) = (
                        doc.country_name(b.parties[0]),
                        doc.country_name(b.parties[1]),
                    );
                    out.alias(&id, &format!("{x}-{y} {name}"));
                    out.alias(&id, &format!("{y}-{x} {name}"));
                    known.push((pair.clone(), words, id.clone()));
                    id
                }
            };
            out.alias(&id, s.span_text(b.first, b.last, doc.text));
            for &c in &pair {
                let cid = doc.country_id(out, c);
                out.relate(cid, RelationKind::MemberOf, &id, s, doc.text, Attrs::new());
            }
            found.push((
                ThingRef {
                    sentence: si,
                    first: b.first,
                    id,
                    agreement: None,
                },
                b.last,
            ));
            i = b.last + 1;
        }
    }
    found
}

fn find_organizations(
    doc: &Doc,
    out: &mut Output,
    officials: &Officials,
    bodies: &[(ThingRef, usize)],
) -> Vec<ThingRef> {
    let mut found = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let officials_here: Vec<(usize, usize)> =
            officials.refs_in(si).map(|r| (r.first, r.last)).collect();
        let in_official = |i: usize| officials_here.iter().any(|&(a, b)| i >= a && i <= b);
        let mut covered: Vec<(usize, usize)> = bodies
            .iter()
            .filter(|(r, _)| r.sentence == si)
            .map(|(r, last)| (r.first, *last))
            .collect();
        known_organizations(doc, out, si, &mut covered, &mut found);
        found.extend(office_of_a_title(doc, out, si));
        for i in s.clauses.words_with(ORGANIZATION_HEAD) {
            if !s.tokens[i].is_capitalized()
                || covered.iter().any(|&(a, b)| i >= a && i <= b)
                || in_official(i)
                || in_known_place(s, i)
            {
                continue;
            }
            let Some((first, last)) = organization_span(doc, s, i, &in_official) else {
                continue;
            };
            let id = national_body(doc, out, s, i, (first, last));
            covered.push((first, last));
            found.push(ThingRef {
                sentence: si,
                first,
                id,
                agreement: None,
            });
        }
    }
    found
}

/// Offices that speak for an office holder: "the PM's media office", "the President's
/// press office".
const SPEAKING_OFFICES: [(&str, &str); 3] = [
    ("media", "office"),
    ("press", "office"),
    ("press", "service"),
];

/// "According to a statement by the PM's media office": the office that speaks for a
/// title's holder, named with the title, is an organisation (the source of the
/// statement).
fn office_of_a_title(doc: &Doc, out: &mut Output, si: usize) -> Vec<ThingRef> {
    let s = &doc.sentences[si];
    let mut found = Vec::new();
    for h in &s.phrases {
        let PhraseTarget::Title(_) = h.target else {
            continue;
        };
        let owner = s.word(h.last);
        let possessive =
            super::text::is_possessive(owner) || matches!(s.word(h.last + 1), "'s" | "\u{2019}s");
        let next = if super::text::is_possessive(owner) {
            h.last + 1
        } else {
            h.last + 2
        };
        if !possessive {
            continue;
        }
        let office = (s.word(next).to_lowercase(), s.word(next + 1).to_lowercase());
        if !SPEAKING_OFFICES
            .iter()
            .any(|&(a, b)| office.0 == a && office.1 == b)
        {
            continue;
        }
        let name = s.text_of(h.first, next + 1, doc.text);
        let id = out.entity(EntityKind::Organization, &slugify(&name), &name);
        found.push(ThingRef {
            sentence: si,
            first: h.first,
            id,
            agreement: None,
        });
    }
    found
}

/// Organisations the gazetteer knows in sentence `si` ("ASEAN", "the Quad"); news
/// agencies ("Reuters") take their span but are no organisation of the story.
fn known_organizations(
    doc: &Doc,
    out: &mut Output,
    si: usize,
    covered: &mut Vec<(usize, usize)>,
    found: &mut Vec<ThingRef>,
) {
    let s = &doc.sentences[si];
    for h in &s.proper {
        let ProperTarget::Organization(o) = h.target else {
            continue;
        };
        let entry = &doc.lex.gazetteer.organizations[o];
        covered.push((h.first, h.last));
        if entry.news {
            continue;
        }
        let id = out.entity(EntityKind::Organization, &slugify(&entry.name), &entry.name);
        out.alias(&id, s.span_text(h.first, h.last, doc.text));
        found.push(ThingRef {
            sentence: si,
            first: h.first,
            id,
            agreement: None,
        });
    }
}

/// "the West Bank": whether token `i` is inside a place or region the gazetteer knows.
fn in_known_place(s: &Sentence, i: usize) -> bool {
    s.proper.iter().any(|h| {
        h.first <= i
            && i <= h.last
            && matches!(
                h.target,
                ProperTarget::Place { .. } | ProperTarget::Region(_)
            )
    })
}

/// The span of an organisation whose head starts at `i`: capitalised words before it
/// ("Australian Defence Force", "Nigeria–Germany Bi-National Commission") and its
/// complement after ("Ministry of Defence", "Cabinet Committee on Security"). A bare
/// head is none.
fn organization_span(
    doc: &Doc,
    s: &Sentence,
    i: usize,
    in_official: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let (_, head, _) = doc
        .lex
        .organization_heads
        .starting_at(&s.tokens, i)
        .next()?;
    let head_last = i + head.len() - 1;
    let mut first = i;
    while first > 0 && !in_official(first - 1) {
        let p = first - 1;
        let word_ok = is_cap_word(doc, s, p) && !super::text::is_possessive(s.word(p));
        let dash = p > 0
            && matches!(s.word(p), "-" | "\u{2013}")
            && is_cap_word(doc, s, p - 1)
            && s.tokens[p].start == s.tokens[p - 1].end;
        if word_ok || dash {
            first = p;
        } else {
            break;
        }
    }
    if first > 0
        && s.proper_ending_at(first - 1)
            .is_some_and(|h| matches!(h.target, ProperTarget::Country { demonym: true, .. }))
    {
        first = s.proper_ending_at(first - 1).map_or(first, |h| h.first);
    }
    let last = organization_end(doc, s, i, head_last);
    (first != i || last != head_last).then_some((first, last))
}

/// Where an organisation's name that ends its head at `head_last` ends: "Ministry of
/// Defence", "Council for Trade and Investment", a body inside it ("Air Force Officers
/// Training School") and a formal country name ("Ministry of Foreign Affairs of the
/// Republic of Korea"; a party "of Viet Nam" is often the country's name inside a
/// longer one).
fn organization_end(doc: &Doc, s: &Sentence, i: usize, head_last: usize) -> usize {
    let mut last = head_last;
    if matches!(s.word(last + 1), "of" | "on" | "for") && is_cap_word(doc, s, last + 2) {
        let mut k = last + 2;
        while is_cap_word(doc, s, k)
            && !super::text::is_possessive(s.word(k))
            && s.country_at(k).is_none()
            || (matches!(s.word(k), "and" | "&" | "for" | "of")
                || s.word(k) == "," && closed_name_list(doc, s, k))
                && is_cap_word(doc, s, k + 1)
                && !super::text::is_possessive(s.word(k + 1))
                && s.country_at(k + 1).is_none()
        {
            last = k;
            k += 1;
        }
    }
    last = inner_body_end(doc, s, last).unwrap_or(last);
    let ministry = s.word(i) != "Party";
    formal_country_end(s, last, ministry).unwrap_or(last)
}

/// The organisation at `first..=last` (head at `i`) as a node, its id. A national
/// ministry named without its country ("the Ministry of Defence") is the country's
/// told before it ("Japan's") or the article's; only a body two named countries share
/// has members (MODEL.md has no organization → country membership).
fn national_body(
    doc: &Doc,
    out: &mut Output,
    s: &Sentence,
    i: usize,
    (first, last): (usize, usize),
) -> String {
    let name_text = s.text_of(first, last, doc.text);
    let national = s.word(i) == "Ministry" || s.word(i) == "Department";
    let country = countries_in_span(s, first, last)
        .first()
        .copied()
        .or_else(|| owner_before(doc, s, first));
    let generic_name = countries_in_span(s, first, last).is_empty() && national;
    let country = country.or(if national {
        doc.home_country.or(doc.main_pair().first().copied())
    } else {
        None
    });
    let slug = match (generic_name, country) {
        (true, Some(c)) => [slugify(doc.country_name(c)), slugify(&name_text)].join("-"),
        _ => slugify(&name_text),
    };
    let id = out.entity(EntityKind::Organization, &slug, &name_text);
    if country.is_some() {
        let nationals = countries_in_span(s, first, last);
        if nationals.len() >= 2 {
            for &n in &nationals {
                let nid = doc.country_id(out, n);
                out.relate(nid, RelationKind::MemberOf, &id, s, doc.text, Attrs::new());
            }
        }
    }
    id
}

/// The country that owns a name starting at `first`: "Japan's Ministry of Defence",
/// "the Kenyan Ministry", "Indonesian Navy" (an owner word before it wins).
fn owner_before(doc: &Doc, s: &Sentence, first: usize) -> Option<usize> {
    if first == 0 {
        return None;
    }
    let mut country = None;
    let mut j = first - 1;
    if matches!(s.word(j), "'s" | "\u{2019}s" | "'" | "\u{2019}") && j > 0 {
        j -= 1;
    }
    if let Some(h) = s.proper_ending_at(j) {
        if let ProperTarget::Country { country: c, .. } = h.target {
            country = Some(c);
        }
    }
    let w = s.word(first - 1);
    if let Some(c) = super::text::owner(w).and_then(|c| doc.lex.country_named(c)) {
        country = Some(c);
    }
    country
}

/// Whether the token before `first` reads as a given name: a title-case word no
/// gazetteer knows and no function word ("Anthony Rota", not "In Rota" or "Visiting
/// Rota").
fn after_given_name(doc: &Doc, s: &Sentence, first: usize) -> bool {
    let Some(p) = first.checked_sub(1) else {
        return false;
    };
    let w = s.word(p);
    let title_case = w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).all(char::is_lowercase)
        && w.chars().count() > 2;
    title_case
        && p > 0
        && !s.proper.iter().any(|h| h.first <= p && p <= h.last)
        && !s.phrases.iter().any(|h| h.first <= p && p <= h.last)
        && !doc.lex.not_names.contains(w)
        && !NOT_IN_NAMES.contains(&w)
        && !w.ends_with("ing")
        && !super::dates::is_month_name(w)
        && !PLACE_QUALIFIERS.contains(&w)
}

/// Words that qualify a place rather than name a person: "North Jakarta", "Greater
/// Tokyo", "Metro Manila".
const PLACE_QUALIFIERS: [&str; 16] = [
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Greater",
    "Metro", "Old", "New", "Upper", "Lower", "Downtown", "Inner",
];

/// Event nouns a venue hosts.
const HOSTED_EVENTS: [&str; 9] = [
    "summit",
    "meeting",
    "seminar",
    "session",
    "talks",
    "forum",
    "conference",
    "dialogue",
    "consultations",
];

/// Whether a name ending at `last` hosts an event: "On 17 September, Valmiermuiža hosted
/// the sixth informal seminar of ..." (a person hosts a guest, a venue an event).
fn hosts_an_event(s: &Sentence, last: usize) -> bool {
    matches!(s.word(last + 1), "hosted" | "hosts")
        && matches!(s.word(last + 2), "the" | "a" | "an" | "this")
        && (last + 3..(last + 8).min(s.tokens.len()))
            .any(|k| with_lower(s.word(k), |w| HOSTED_EVENTS.contains(&w)))
}

fn find_places(
    doc: &Doc,
    out: &mut Output,
    officials: &Officials,
    orgs: &[ThingRef],
    agreements: &[ThingRef],
    agreement_names: &[(usize, usize, usize)],
) -> Vec<ThingRef> {
    let mut found = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        // "the Treaty of Aachen": a city in an agreement's name is no place of the story.
        let names_here = super::in_sentence(agreement_names, si, |n| n.0);
        for h in &s.proper {
            if let Some(id) = gazetteer_place(doc, out, officials, si, h, names_here) {
                found.push(ThingRef {
                    sentence: si,
                    first: h.first,
                    id,
                    agreement: None,
                });
            }
        }
        capitals_by_adjective(doc, out, si, &mut found);
        // Unknown places: "at Camp Aguinaldo", "visited Antonio Bautista Airbase", "the town of Aachen".
        let orgs_here = super::in_sentence(orgs, si, |r| r.sentence);
        let agreements_here = super::in_sentence(agreements, si, |r| r.sentence);
        let officials_here: Vec<(usize, usize)> =
            officials.refs_in(si).map(|r| (r.first, r.last)).collect();
        let taken = |i: usize| {
            s.proper.iter().any(|h| i >= h.first && i <= h.last)
                || s.phrases.iter().any(|h| i >= h.first && i <= h.last)
                || officials_here.iter().any(|&(a, b)| i >= a && i <= b)
                || orgs_here
                    .iter()
                    .chain(agreements_here)
                    .any(|r| r.first == i)
                // "on Cooperation in Digital Trade": a word of an agreement's name.
                || names_here.iter().any(|n| i >= n.1 && i <= n.2)
        };
        let mut i = 0;
        while i < s.tokens.len() {
            // Most tokens start no place: test that before the context around them.
            if !starts_place(doc, s, i) || taken(i) {
                i += 1;
                continue;
            }
            let last = place_end(doc, s, i, &taken);
            let last = lower_case_venue_end(doc, s, last);
            if let Some(id) = unknown_place(doc, out, s, i, last) {
                found.push(ThingRef {
                    sentence: si,
                    first: i,
                    id,
                    agreement: None,
                });
            }
            i = last + 1;
        }
    }
    found.sort_by_key(|r| (r.sentence, r.first));
    found
}

/// Nouns that newspapers are named with after their city: "The Brussels Times".
const OUTLET_NOUNS: [&str; 12] = [
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Gazette",
    "Chronicle",
    "Observer",
    "Inquirer",
    "Courier",
    "Telegraph",
    "Daily",
    "Journal",
];

/// The place or region gazetteer hit `h` of sentence `si` as a node (its id), unless it
/// is part of a name: an agreement's ("the Atlantic Charter"), a newspaper's ("The
/// Brussels Times"), a person's ("Foreign
/// Minister January Makamba"; "the late Sheikh Sabah Al-Salem" after a form of address;
/// "Speaker Anthony Rota" after a given name), or a region too broad to be the place of
/// the story ("the Pacific", "Europe").
fn gazetteer_place(
    doc: &Doc,
    out: &mut Output,
    officials: &Officials,
    si: usize,
    h: &super::TokHit<ProperTarget>,
    names_here: &[(usize, usize, usize)],
) -> Option<String> {
    let s = &doc.sentences[si];
    let in_agreement = || {
        names_here
            .iter()
            .any(|&(_, first, last)| first <= h.first && h.last <= last)
    };
    // "The Brussels Times", "the Bangkok Post": a place in a newspaper's name.
    let in_outlet = || OUTLET_NOUNS.contains(&s.word(h.last + 1));
    let in_person = || {
        officials
            .refs_in(si)
            .any(|r| r.first <= h.first && h.last <= r.last)
            || h.first > 0 && doc.lex.is_single_honorific(s.word(h.first - 1))
            || after_given_name(doc, s, h.first)
    };
    let id = match h.target {
        ProperTarget::Place { .. } | ProperTarget::Region(_) if in_agreement() || in_outlet() => {
            return None
        }
        ProperTarget::Place { .. } if in_person() => return None,
        ProperTarget::Place { country, place } => {
            place_of(doc, out, s, &doc.lex.places[place].name, country)
        }
        ProperTarget::Region(r) if doc.lex.gazetteer.regions[r].generic => return None,
        ProperTarget::Region(r) => {
            let name = doc.lex.gazetteer.regions[r].name.clone();
            out.entity(EntityKind::Place, &slugify(&name), &name)
        }
        _ => return None,
    };
    out.alias(&id, s.span_text(h.first, h.last, doc.text));
    Some(id)
}

/// "in the Angolan capital": the country's capital, told by its adjective.
fn capitals_by_adjective(doc: &Doc, out: &mut Output, si: usize, found: &mut Vec<ThingRef>) {
    let s = &doc.sentences[si];
    for h in &s.proper {
        let ProperTarget::Country {
            country,
            demonym: true,
        } = h.target
        else {
            continue;
        };
        if s.word(h.last + 1) != "capital" || h.first == 0 || s.word(h.first - 1) != "the" {
            continue;
        }
        let Some(capital) = doc.lex.gazetteer.countries[country].capital.as_ref() else {
            continue;
        };
        let id = place_of(doc, out, s, &capital.name, country);
        found.push(ThingRef {
            sentence: si,
            first: h.first,
            id,
            agreement: None,
        });
    }
}

/// Whether token `i` may start or continue an unknown place's name: a capitalised word
/// no gazetteer rules out, or a one-word place head ("Airbase").
fn starts_place(doc: &Doc, s: &Sentence, i: usize) -> bool {
    is_place_word(doc, s, i) || doc.lex.is_one_word_place_head(s.word(i))
}

/// The last token of an unknown place's name from `i`: place words, and particles
/// between them ("Benque Viejo del Carmen", "Sao Jose dos Campos").
fn place_end(doc: &Doc, s: &Sentence, i: usize, taken: &dyn Fn(usize) -> bool) -> usize {
    let mut last = i;
    loop {
        if starts_place(doc, s, last + 1) && !taken(last + 1) {
            last += 1;
            continue;
        }
        let particle = matches!(
            s.word(last + 1),
            "del" | "de" | "dos" | "das" | "do" | "da" | "di" | "des" | "du"
        );
        let more = if matches!(s.word(last + 2), "la" | "las" | "los") {
            last + 3
        } else {
            last + 2
        };
        if particle && is_place_word(doc, s, more) && !taken(more) {
            last = more;
        } else {
            return last;
        }
    }
}

/// "a meeting at Al-Ittihadiya palace": a place head in lower case right after an
/// unknown place's name ending at `last` is part of it; where the name ends.
fn lower_case_venue_end(doc: &Doc, s: &Sentence, last: usize) -> usize {
    let Some(t) = s.tokens.get(last + 1) else {
        return last;
    };
    let mut chars = t.text.chars();
    let is_head = match chars.next() {
        // An ASCII word title-cased on the stack: its first byte upper-cased.
        Some(c) if c.is_ascii_lowercase() && t.text.len() <= 32 => {
            let mut buf = [0u8; 32];
            let word = &mut buf[..t.text.len()];
            word.copy_from_slice(t.text.as_bytes());
            word[0] = word[0].to_ascii_uppercase();
            std::str::from_utf8(word).is_ok_and(|w| doc.lex.is_one_word_place_head(w))
        }
        Some(c) if c.is_lowercase() => {
            let title_case: String = c.to_uppercase().chain(chars).collect();
            doc.lex.is_one_word_place_head(&title_case)
        }
        _ => return last,
    };
    if is_head {
        last + 1
    } else {
        last
    }
}

/// Words of motion a few words before "to": "travelled to Aachen" makes "to" a
/// preposition of place.
const MOTION_WORDS: [&str; 14] = [
    "traveled",
    "travelled",
    "visit",
    "visited",
    "trip",
    "arrived",
    "went",
    "came",
    "returned",
    "flew",
    "headed",
    "departure",
    "journey",
    "visiting",
];

/// The unknown place at `i..=last` as a node (its id, located in the country after a
/// comma or the article's), when its context makes it one: a preposition of place ("at
/// Camp Aguinaldo"), "the town of Aachen", a place head ("Antonio Bautista Airbase"),
/// or hosting an event.
fn unknown_place(
    doc: &Doc,
    out: &mut Output,
    s: &Sentence,
    i: usize,
    last: usize,
) -> Option<String> {
    let motion = (2..=4).any(|b| i >= b && MOTION_WORDS.contains(&s.word(i - b)));
    let prep =
        i > 0 && (matches!(s.word(i - 1), "in" | "at" | "near") || s.word(i - 1) == "to" && motion);
    let of_town = i > 1
        && s.word(i - 1) == "of"
        && matches!(
            s.word(i - 2),
            "town" | "city" | "village" | "province" | "region"
        );
    let has_head = last > i
        && (doc
            .lex
            .place_heads
            .ending_at(&s.tokens, last)
            .any(|(h, _)| h.len() <= last + 1 - i)
            || matches!(s.word(i), "Camp" | "Fort" | "Port" | "Mount" | "Lake"));
    let bad_end = matches!(
        s.word(last),
        "Summit" | "Meeting" | "Forum" | "Conference" | "Dialogue" | "Initiative" | "Group"
    ) || s.word(last + 1).starts_with('\'')
        || super::text::is_possessive(s.word(last));
    let words_ok = (i..=last).all(|k| {
        !doc.lex.not_names.contains(s.word(k)) || doc.lex.is_one_word_place_head(s.word(k))
    });
    let host = hosts_an_event(s, last);
    let ok = (prep || of_town || has_head || host)
        && !bad_end
        && words_ok
        && (has_head || prep && s.word(i).len() > 2 || of_town || host)
        && !s.tokens[i].text.chars().all(|c| c.is_uppercase());
    if !ok {
        return None;
    }
    let name = s.text_of(i, last, doc.text);
    let country = if s.word(last + 1) == "," {
        s.country_at(last + 2).map(|(c, _)| c)
    } else {
        None
    }
    .or(doc.home_country)
    .or(doc.main_pair().first().copied());
    let id = out.entity(EntityKind::Place, &slugify(&name), &name);
    if let Some(c) = country {
        let cid = doc.country_id(out, c);
        out.relate(&id, RelationKind::LocatedIn, cid, s, doc.text, Attrs::new());
    }
    Some(id)
}

#[cfg(test)]
#[path = "things_tests.rs"]
mod tests;
