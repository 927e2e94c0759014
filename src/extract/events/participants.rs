//! Who takes part in an event: the officials a sentence names or refers to, less those
//! named aside, and the countries taking part.

use super::instances::belongs_here;
use super::kinds::dated_pair_meeting;
use super::story::Story;
use super::{Accession, Instance, Milestone, Scene, Trigger};
use crate::extract::clauses::{DELEGATION_WORD, PLURAL_REFERENCE, SPEECH_VERB};
use crate::extract::officials::Officials;
use crate::extract::things::Things;
use crate::extract::{Doc, Output, Sentence};
use crate::model::PartialDate;

/// "former defence minister Yasukazu Hamada": named here as having held the office, so
/// no counterpart of who holds it now.
pub(super) fn former(s: &Sentence, officials: &Officials, si: usize, o: usize) -> bool {
    officials.refs_in(si).filter(|r| r.official == o).any(|r| {
        (r.first.saturating_sub(4)..r.first).any(|k| s.word(k).eq_ignore_ascii_case("former"))
    })
}

/// The officials a plural reference means, checked against the sentence: none when
/// the sentence names two sides itself ("talks between Son and Ablakwa, when the two
/// ministers agreed"); the last two of different countries who hold the office it
/// names ("the two presidents", "both foreign ministers", "the two heads of state") when
/// the last pair does not.
fn refine_plural(
    doc: &Doc,
    officials: &Officials,
    si: usize,
    direct: &[usize],
    plural: Vec<usize>,
) -> Vec<usize> {
    if plural.is_empty() {
        return plural;
    }
    let country = |o: usize| officials.list[o].country;
    if direct.iter().any(|&a| {
        direct
            .iter()
            .any(|&b| country(a).is_some() && country(b).is_some() && country(a) != country(b))
    }) {
        return Vec::new();
    }
    let s = &doc.sentences[si];
    let office = s.tokens.iter().enumerate().find_map(|(i, t)| {
        let before = if i > 0 { s.word(i - 1) } else { "" };
        match (before, t.text) {
            // "the two heads of state", "both heads of government".
            (_, "heads") if s.word(i + 2) == "state" => Some("head_of_state"),
            (_, "heads") if s.word(i + 2) == "government" => Some("head_of_government"),
            (_, "presidents") => Some("head_of_state"),
            (_, "premiers" | "chancellors") | ("prime", "ministers") => Some("head_of_government"),
            ("foreign", "ministers" | "secretaries") => Some("foreign"),
            ("defence" | "defense", "ministers" | "secretaries") => Some("defence"),
            _ => None,
        }
    });
    let Some(office) = office else { return plural };
    let titles = &doc.lex.gazetteer.titles;
    let holds = |o: usize| {
        officials.list[o]
            .title
            .is_some_and(|t| titles[t].office == office)
    };
    if plural.iter().all(|&o| holds(o)) {
        return plural;
    }
    // The latest two holders of that office named up to here, of different countries.
    let mut found: Vec<usize> = Vec::new();
    for r in officials.refs.iter().rev().filter(|r| r.sentence <= si) {
        let o = r.official;
        if holds(o) && !found.contains(&o) && found.iter().all(|&f| country(f) != country(o)) {
            found.push(o);
            if found.len() == 2 {
                return found;
            }
        }
    }
    plural
}

/// "Meloni met Tebboune, after a trip to Algiers by Tajani in March": official `o` is
/// named only in side clauses (relative, participle, adverbial, a closing attribution)
/// that tell of no event of the sentence, so takes no part in its events.
pub(super) fn named_aside(
    s: &Sentence,
    officials: &Officials,
    si: usize,
    o: usize,
    triggers: &[Trigger],
) -> bool {
    let mut refs = officials.refs_in(si).filter(|r| r.official == o).peekable();
    let aside =
        |k: usize| s.clauses.is_aside(k) && !triggers.iter().any(|t| s.clauses.same_clause(t.0, k));
    refs.peek().is_some() && refs.all(|r| aside(r.first))
}

/// "..., could follow, Antonio said.", "..., director X announced via the platform": official
/// `o` is named in sentence `si` only as the source who speaks of it (a verb of saying of
/// data/lexicon.ron `speech_verbs` after the name).
pub(super) fn only_reports(doc: &Doc, officials: &Officials, si: usize, o: usize) -> bool {
    let s = &doc.sentences[si];
    // A verb of `speech_verbs` in any case: the clause grammar's bit.
    let speaks = |k: usize| s.clauses.word_has(k, SPEECH_VERB);
    let mut refs = officials.refs_in(si).filter(|r| r.official == o).peekable();
    refs.peek().is_some()
        && refs.all(|r| {
            let said = (r.last + 1..r.last + 5).find(|&k| s.word(k) == "," || speaks(k));
            // The comma opening the attribution, a title between: ", Foreign Minister X
            // said", ", Kremlin aide X told reporters".
            let title_first = s
                .phrases
                .iter()
                .find(|h| h.last + 1 == r.first)
                .map_or(r.first, |h| h.first);
            let opening = (title_first.saturating_sub(4)..title_first)
                .rev()
                .find(|&k| !s.tokens[k].is_capitalized());
            opening.is_some_and(|k| s.word(k) == ",") && said.is_some_and(|k| s.word(k) != ",")
        })
}

/// "S. Jaishankar paid a visit to Riyadh. During the visit, he held talks with ...": a
/// "he" or "she" opening a clause before anyone is named is the official the previous
/// sentence opens with.
fn pronoun_subject(doc: &Doc, officials: &Officials, si: usize) -> Option<usize> {
    let s = &doc.sentences[si];
    let at = (0..s.tokens.len().min(8)).find(|&k| {
        matches!(s.word(k), "he" | "she" | "He" | "She")
            && (k == 0 || s.word(k - 1) == ",")
            && s.tokens.get(k + 1).is_some_and(|t| t.is_word())
    })?;
    if officials.refs_in(si).any(|r| r.first < at) {
        return None;
    }
    let previous = officials.refs_in(si.checked_sub(1)?).next()?;
    (previous.first <= 6).then_some(previous.official)
}

/// "Xi recalled that ...": every mention of official `o` in sentence `si` is the
/// subject of a verb of saying whose "that" clause holds the trigger.
fn tells_of(s: &Sentence, officials: &Officials, si: usize, o: usize, trigger: usize) -> bool {
    let mut refs = officials.refs_in(si).filter(|r| r.official == o).peekable();
    refs.peek().is_some()
        && refs.all(|r| {
            (r.last + 1..(r.last + 4).min(trigger)).any(|k| {
                matches!(
                    s.word(k),
                    "said"
                        | "says"
                        | "stated"
                        | "states"
                        | "explained"
                        | "affirmed"
                        | "reiterated"
                        | "recalled"
                        | "recalls"
                        | "noted"
                        | "notes"
                        | "stressed"
                        | "stresses"
                        | "added"
                        | "adds"
                        | "told"
                        | "pointed"
                        | "remarked"
                        | "reminded"
                        | "underlined"
                        | "emphasised"
                        | "emphasized"
                ) && (k + 1..(k + 4).min(trigger)).any(|j| s.word(j) == "that")
            })
        })
}

/// The plurals that mean officials named before ("the two leaders", "the Secretaries").
const PLURALS: [&str; 9] = [
    "leaders",
    "heads",
    "ministers",
    "presidents",
    "secretaries",
    "premiers",
    "chancellors",
    "sides",
    "counterparts",
];

/// Those and "their" ("their talks"): the words `plural_reference` looks for, marked
/// on every token by the clause grammar (`PLURAL_REFERENCE`).
pub(in crate::extract) const PLURAL_REFERENCES: [&str; 10] = [
    PLURALS[0], PLURALS[1], PLURALS[2], PLURALS[3], PLURALS[4], PLURALS[5], PLURALS[6], PLURALS[7],
    PLURALS[8], "their",
];

/// "The ministers signed a memorandum": a plural opening the sentence as its subject
/// (not "The ministers of the bloc") means the last pair named.
fn opens_sentence_as_subject(s: &Sentence, i: usize) -> bool {
    i == 1 && s.word(0) == "The" && !matches!(s.word(2), "of" | "from" | "," | "and")
}

/// Officials that "the two leaders", "both ministers", "the two heads of government" or
/// "the Secretaries" mean:
/// the last pair of officials of different countries named together; "the three
/// leaders": the last three of three countries named together.
fn plural_reference(doc: &Doc, si: usize, last_pair: &[usize], last_trio: &[usize]) -> Vec<usize> {
    let s = &doc.sentences[si];
    // Only the tokens that are a plural reference or "their" in some case.
    let candidates = || s.clauses.words_with(PLURAL_REFERENCE);
    for i in candidates() {
        let t = &s.tokens[i];
        let Some(&w) = PLURALS.iter().find(|p| t.text.eq_ignore_ascii_case(p)) else {
            continue;
        };
        let both = (i.saturating_sub(3)..i).any(|k| {
            s.word(k).eq_ignore_ascii_case("two") || s.word(k).eq_ignore_ascii_case("both")
        }) || (i > 0
            && s.word(i - 1) == "The"
            && t.text.chars().next().is_some_and(char::is_uppercase))
            || opens_sentence_as_subject(s, i);
        if both && w != "sides" {
            return last_pair.to_vec();
        }
        let three = (i.saturating_sub(3)..i).any(|k| s.word(k).eq_ignore_ascii_case("three"));
        if three && last_trio.len() == 3 {
            return last_trio.to_vec();
        }
    }
    if both_as_subject(s) {
        return last_pair.to_vec();
    }
    // "The meeting followed their talks in May": with no pair of countries named before
    // it as their subject, "their" talks are the last pair's.
    for (i, t) in candidates().map(|i| (i, &s.tokens[i])) {
        let talks = matches!(
            s.word(i + 1),
            "talks" | "meeting" | "meetings" | "discussions" | "summit"
        );
        if t.text.eq_ignore_ascii_case("their")
            && talks
            && s.countries().filter(|&(at, _)| at < i).count() < 2
        {
            return last_pair.to_vec();
        }
    }
    Vec::new()
}

/// "Both signed a Joint Declaration", "Both also agreed ...": "Both" alone as the subject
/// of a verb is the pair named last.
fn both_as_subject(s: &Sentence) -> bool {
    let verb = |w: &str| w.ends_with("ed") || matches!(w, "met" | "said" | "held" | "will");
    s.word(0) == "Both"
        && (verb(s.word(1)) || matches!(s.word(1), "also" | "have" | "had") && verb(s.word(2)))
}

/// Who a sentence names: the officials in it (and the one a pronoun subject means), and
/// those a plural means ("the two leaders"). Returns (direct, plural, both).
pub(super) fn named_officials(
    doc: &Doc,
    officials: &Officials,
    si: usize,
    story: &Story,
) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let mut direct = officials.in_sentence(si);
    if let Some(o) = pronoun_subject(doc, officials, si).filter(|o| !direct.contains(o)) {
        direct.push(o);
    }
    let plural = plural_reference(doc, si, &story.last_pair, &story.last_trio);
    let plural = refine_plural(doc, officials, si, &direct, plural);
    let mut named = direct.clone();
    for &o in &plural {
        if !named.contains(&o) {
            named.push(o);
        }
    }
    (direct, plural, named)
}

/// The countries a sentence names as actors: not "terrorism from X", "sanctions against
/// X", nor a go-between ("talks mediated by Qatar").
pub(super) fn countries_here(doc: &Doc, s: &Sentence) -> Vec<usize> {
    let mut v = Vec::new();
    for (i, c) in s.countries() {
        if i > 0 && matches!(s.word(i - 1), "against" | "from")
            || crate::extract::things::go_between(doc, s, i)
        {
            continue;
        }
        if !v.contains(&c) {
            v.push(c);
        }
    }
    v
}

/// The countries that take part in an event, without the one that only hosts it: "the
/// U.S.-Japan-South Korea summit in Cambodia" involves three countries, not Cambodia. A
/// venue country stays when the event would be left with fewer than two (a state visit's
/// host takes part in it) or when it is a party to the event's agreement.
pub(super) fn taking_part(
    doc: &Doc,
    out: &mut Output,
    m: &Milestone,
    things: &Things,
) -> Vec<usize> {
    let party = |c: usize| {
        m.agreements
            .iter()
            .any(|&a| things.agreements[a].parties.contains(&c))
    };
    let venue = |out: &mut Output, c: usize| {
        let id = doc.country_id(out, c);
        !party(c) && m.places.iter().any(|(p, is_place)| !is_place && *p == id)
    };
    let guests: Vec<usize> = m
        .countries
        .iter()
        .copied()
        .filter(|&c| !venue(out, c))
        .collect();
    if guests.len() >= 2 {
        guests
    } else {
        m.countries.clone()
    }
}

/// "The Sultan will be accompanied by a delegation comprising X, Minister of Finance, and
/// Y, Foreign Minister": the officials of a sentence that tells of no event of its own but
/// of a delegation or of attending (data/lexicon.ron `delegation_words`) take part in the
/// visit, meeting or signing told last before it ("Trump will attend the ceremony").
pub(super) fn join_delegations(doc: &Doc, officials: &Officials, milestones: &mut [Milestone]) {
    let words = &doc.lex.gazetteer.lexicon.delegation_words;
    for (si, s) in doc.sentences.iter().enumerate() {
        // Asked only of the tokens that are one in some case.
        let delegation = s
            .clauses
            .words_with(DELEGATION_WORD)
            .any(|k| words.iter().any(|w| w == s.word(k)));
        if !delegation || milestones.iter().any(|m| m.sentence == si) {
            continue;
        }
        let last = milestones
            .iter_mut()
            .rev()
            .find(|m| m.sentence < si && matches!(m.kind, "meeting" | "summit" | "signing"));
        if let Some(m) = last {
            for o in officials.in_sentence(si) {
                if !m.officials.contains(&o) {
                    m.officials.push(o);
                }
            }
        }
    }
}

/// "President X's state visit to Y": a meeting where only one side has a named official
/// involves the countries too, the host's being otherwise unnamed.
pub(super) fn one_side_named(m: &Milestone, officials: &Officials) -> bool {
    let mut sides = m.officials.iter().map(|&o| officials.list[o].country);
    let Some(Some(first)) = sides.next() else {
        return false;
    };
    matches!(m.kind, "meeting" | "summit")
        && sides.all(|c| c == Some(first))
        && m.countries.contains(&first)
        && m.countries.iter().any(|&c| c != first)
}

impl Scene<'_> {
    /// "signed by X and Y, in the presence of President Z": Z is there, no signatory.
    pub(super) fn in_presence(&self, o: usize) -> bool {
        let s = self.s;
        self.officials
            .refs_in(self.si)
            .filter(|r| r.official == o)
            .all(|r| {
                (r.first.saturating_sub(8)..r.first)
                    .any(|k| s.word(k) == "presence" && s.word(k + 1) == "of")
                    || self.present_by_long_title(r.first)
            })
    }

    /// "in the presence of Chile's Minister of State at the Ministry of Foreign Affairs,
    /// Ana Rojas": a name after a long title of one present (up to 20 words back to
    /// "presence of", no one else named, no signing word and no comma but the one before
    /// the name) is of one present too.
    fn present_by_long_title(&self, first: usize) -> bool {
        let s = self.s;
        let Some(k) = (first.saturating_sub(20)..first)
            .rev()
            .find(|&k| s.word(k) == "presence" && s.word(k + 1) == "of")
        else {
            return false;
        };
        let between = k + 2..first;
        let someone_else = self
            .officials
            .refs_in(self.si)
            .any(|r| between.contains(&r.first) || between.contains(&r.last));
        let signing = self
            .triggers
            .iter()
            .any(|(p, kind, _)| kind == "signing" && between.contains(p));
        let stray_comma = between.clone().any(|j| s.word(j) == "," && j + 1 != first);
        !someone_else && !signing && !stray_comma
    }

    /// "... at a meeting of the Commission, chaired by Trade Minister Y": one named in a
    /// participle clause after the signing neither signs nor takes part in it.
    pub(super) fn bystander(&self, o: usize) -> bool {
        let s = self.s;
        let first_sign = self
            .triggers
            .iter()
            .filter(|(_, k, _)| k == "signing")
            .map(|(p, _, _)| *p)
            .min();
        let Some(t) = first_sign else { return false };
        let participle_by = |k: usize| {
            s.word(k) == ","
                && s.word(k + 1).ends_with("ed")
                && s.word(k + 2) == "by"
                && !self
                    .doc
                    .lex
                    .triggers
                    .starting_at(&s.tokens, k + 1)
                    .any(|(_, _, kind)| kind == "signing")
        };
        self.officials
            .refs_in(self.si)
            .filter(|r| r.official == o)
            .all(|r| r.first > t && (t..r.first).any(participle_by))
    }

    /// The countries of an event: those joining, for an accession; else those named in
    /// the sentence and the parties to its agreements; an anniversary, elevation, a
    /// pair's meeting with no one named or a signing of unnamed deals with fewer than two
    /// takes the article's main pair.
    pub(super) fn event_countries(
        &self,
        kind: &str,
        joined: Option<&Accession>,
        agreements: &[usize],
    ) -> Vec<usize> {
        let mut countries = match joined {
            Some((_, joining, _, _)) => joining.clone(),
            None => self.countries_here.clone(),
        };
        for &a in agreements.iter().filter(|_| joined.is_none()) {
            for &p in &self.things.agreements[a].parties {
                if !countries.contains(&p) {
                    countries.push(p);
                }
            }
        }
        let pair_meeting = kind == "meeting"
            && self.named.is_empty()
            && self.held()
            && dated_pair_meeting(self.doc, self.s, self.pairs_own);
        let deals_only = kind == "signing" && agreements.is_empty();
        let pair_event = kind == "anniversary" || kind == "elevation" || pair_meeting || deals_only;
        if countries.len() < 2 && pair_event {
            for c in self.doc.main_pair() {
                if !countries.contains(&c) && countries.len() < 2 {
                    countries.push(c);
                }
            }
        }
        countries
    }

    /// The officials who took part in an event: those named, less bystanders of a
    /// signing, those who only tell of a past event or of an accession ("Xi recalled that
    /// the two countries upgraded their ties in 2019"), who only report, who are named
    /// aside, and, with several events, those named nearer another ("Wong met Wang on the
    /// eve of the anniversary of relations established in 1972").
    pub(super) fn event_people(
        &self,
        instances: &[Instance],
        (kind, trigger, own_date): (&str, &Trigger, Option<PartialDate>),
        date: PartialDate,
        joined: Option<&Accession>,
    ) -> Vec<usize> {
        let (s, si, officials) = (self.s, self.si, self.officials);
        let current = Some(date) == self.doc.event_date
            || Some(date) == self.context_date
            || Some(date) == self.just_before;
        let meeting = matches!(kind, "meeting" | "summit");
        let mine = |pos: usize| belongs_here(instances, pos, own_date);
        let refs_of = |o: usize| officials.refs_in(si).filter(move |r| r.official == o);
        self.named
            .iter()
            .copied()
            .filter(|o| current || meeting || self.direct.contains(o) || self.signers.contains(o))
            .filter(|&o| kind != "signing" || self.signers.contains(&o) || !self.bystander(o))
            .filter(|&o| joined.is_none_or(|a| refs_of(o).any(|r| r.first >= a.3)))
            .filter(|&o| current || !tells_of(s, officials, si, o, trigger.0))
            .filter(|&o| !only_reports(self.doc, officials, si, o))
            .filter(|&o| !named_aside(s, officials, si, o, &self.triggers))
            .filter(|&o| !self.direct.contains(&o) || refs_of(o).any(|r| mine(r.first)))
            .collect()
    }
}
