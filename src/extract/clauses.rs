//! A layer of grammar under the rules: a sentence's clauses, and the status a clause
//! gives the verbs in it.
//!
//! Computed once per sentence over its tokens ([`Clauses::of`]) and kept on
//! `Sentence`, so every stage asks the same questions: is this date in the trigger's
//! clause ([`Clauses::same_clause`]), is this official only the source who speaks
//! ([`ClauseKind::Attribution`]), was this signing done, planned, denied or only hoped
//! for ([`Clauses::status_at`]). The segmenter is rule-based: commas, relative
//! pronouns, participles and verbs of saying from `data/lexicon.ron` (`clauses`).

use super::lexicon::PhraseSet;
use super::text::Token;
use super::things::ThingRef;
use super::{Doc, Sentence};
use crate::gazetteer::ClauseWords;
use crate::model::Attrs;

/// What a clause is to its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// What the sentence asserts ("Kenya and Turkey signed a pact").
    Main,
    /// ", which opened ties in 1990,": about a noun before it.
    Relative,
    /// ", who signed the 2022 accord,": about a person before it, whom it describes.
    PersonRelative,
    /// ", agreed in 2012,": a past participle after a comma, about a noun before it.
    Participle,
    /// ", X said", "according to X", "X said that": who tells the sentence.
    Attribution,
    /// "Recalling the 2015 accord, ...": an opening clause of background.
    Background,
    /// ", after a trip to Algiers by X in March": another time or event.
    Adverbial,
}

impl ClauseKind {
    /// A relative or participle clause: a remark on a noun, not the sentence's story.
    pub fn is_side_remark(self) -> bool {
        matches!(
            self,
            ClauseKind::Relative
                | ClauseKind::PersonRelative
                | ClauseKind::Participle
                | ClauseKind::Adverbial
        )
    }
}

/// A clause: its kind and the tokens it spans (a main clause may be interrupted by
/// side clauses inside its span; [`Clauses::clause_of`] tells token by token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    pub kind: ClauseKind,
    pub first: usize,
    pub last: usize,
}

/// What a clause says of the event its verb tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Done or true: "signed", "met".
    Held,
    /// To come: "will sign", "is set to sign".
    Planned,
    /// Only intended: "agreed to explore signing".
    Explored,
    /// Wished for: "hope to sign".
    Hoped,
    /// Negated: "did not sign", "refused to sign", "has yet to sign".
    Denied,
    /// Possible only: "may sign", "could sign".
    Hypothetical,
}

impl Status {
    /// The name the `status` attribute carries.
    pub fn name(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Planned => "planned",
            Status::Explored => "explored",
            Status::Hoped => "hoped",
            Status::Denied => "denied",
            Status::Hypothetical => "hypothetical",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Status> {
        Some(match name {
            "planned" => Status::Planned,
            "explored" => Status::Explored,
            "hoped" => Status::Hoped,
            "denied" => Status::Denied,
            "hypothetical" => Status::Hypothetical,
            _ => return None,
        })
    }

    /// Held or planned: a fact the text asserts, not a wish, a denial or a possibility.
    pub fn asserted(self) -> bool {
        matches!(self, Status::Held | Status::Planned)
    }
}

/// How many words of its clause before a verb a status marker reaches across:
/// "agreed to explore the possibility of signing".
const STATUS_REACH: usize = 6;

/// The clauses of one sentence, and the status at each token.
#[derive(Debug, Clone, Default)]
pub struct Clauses {
    clauses: Vec<Clause>,
    /// Index into `clauses` per token.
    of_token: Vec<usize>,
    status: Vec<Status>,
    /// Tokens that open a subordinate clause with a subject of its own ("since the two
    /// countries struck a pact"), comma or not.
    new_subject: Vec<bool>,
    /// The word lists each token is in (the bits of [`ClauseGrammar`]), and all of the
    /// sentence's together.
    classes: Vec<u64>,
    all_classes: u64,
}

impl Clauses {
    /// Segments a sentence's tokens into clauses.
    pub fn of(tokens: &[Token], grammar: &ClauseGrammar) -> Clauses {
        let words = grammar.words;
        // The word lists each token is in, looked up once for every rule below.
        let owned: Vec<u64> = tokens.iter().map(|t| grammar.classes_of(t.text)).collect();
        let classes = owned.as_slice();
        let mut side = Vec::new();
        if let Some(c) = background_opening(tokens, words) {
            side.push(c);
        }
        if let Some(c) = opening_attribution(tokens, classes, grammar) {
            side.push(c);
        }
        let mut i = side.iter().map(|c| c.last + 1).max().unwrap_or(0);
        while i < tokens.len() {
            let found = side_clause_after(tokens, classes, i, grammar);
            match found {
                Some(c) => {
                    i = c.last + 1;
                    side.push(c);
                }
                None => i += 1,
            }
        }
        side.sort_by_key(|c| c.first);
        let mut clauses: Vec<Clause> = Vec::new();
        let mut of_token = vec![usize::MAX; tokens.len()];
        for c in &side {
            for slot in &mut of_token[c.first..=c.last.min(tokens.len().saturating_sub(1))] {
                *slot = clauses.len();
            }
            clauses.push(*c);
        }
        main_clauses(classes, &mut clauses, &mut of_token);
        let status = statuses(tokens, classes, &grammar.markers, &of_token);
        let new_subject = (0..tokens.len())
            .map(|k| {
                has(classes, k, SUBORDINATOR)
                    && (has(classes, k + 1, SUBJECT_OPENER)
                        || tokens.get(k + 1).is_some_and(|t| t.is_capitalized()))
            })
            .collect();
        Clauses {
            clauses,
            of_token,
            status,
            new_subject,
            all_classes: classes.iter().fold(0, |all, c| all | c),
            classes: owned,
        }
    }

    /// Whether token `t` is in one of the word lists `bits` ([`EVENT_OPENER`], ...).
    pub fn word_has(&self, t: usize, bits: u64) -> bool {
        has(&self.classes, t, bits)
    }

    /// Whether any token of the sentence is: a rule looking for those words skips a
    /// sentence without them.
    pub fn sentence_has(&self, bits: u64) -> bool {
        self.all_classes & bits != 0
    }

    /// The tokens in one of the word lists `bits`, in order.
    pub fn words_with(&self, bits: u64) -> impl Iterator<Item = usize> + '_ {
        let any = self.sentence_has(bits);
        self.classes
            .iter()
            .enumerate()
            .filter(move |&(_, c)| any && c & bits != 0)
            .map(|(t, _)| t)
    }

    /// The clause token `t` is in.
    pub fn clause_of(&self, t: usize) -> Option<&Clause> {
        self.clauses.get(*self.of_token.get(t)?)
    }

    /// The kind of clause token `t` is in (a main clause past the end).
    pub fn kind_at(&self, t: usize) -> ClauseKind {
        self.clause_of(t).map_or(ClauseKind::Main, |c| c.kind)
    }

    /// Whether two tokens are in the same clause.
    pub fn same_clause(&self, a: usize, b: usize) -> bool {
        matches!((self.of_token.get(a), self.of_token.get(b)), (Some(x), Some(y)) if x == y)
    }

    /// Whether token `t` is in a side clause (relative, participle, attribution,
    /// background) that token `head` is not in: what it tells is not `head`'s.
    pub fn aside_from(&self, t: usize, head: usize) -> bool {
        self.kind_at(t) != ClauseKind::Main && !self.same_clause(t, head)
    }

    /// Whether token `a` is in a relative or participle clause that `b` is not in: a
    /// date at `a` does not date an event told at `b`. "elevated ties from a
    /// Partnership, agreed in 2012, to an Alliance": 2012 dates the Partnership, not the
    /// elevation. (The other way round a side clause often tells the main clause's
    /// time: "Hun Sen, who is on a visit to Laos, on Monday agreed".)
    /// But a side clause right after `b` is about `b` itself: "the first summit, held
    /// in Cairo in 2000".
    /// An adverbial clause is not apart in time: "second visit, after the first in
    /// 2018" speaks of an event of that kind (see [`Clauses::elsewhere`]).
    pub fn apart(&self, a: usize, b: usize) -> bool {
        self.clause_of(a).is_some_and(|c| {
            c.kind != ClauseKind::Adverbial && c.kind.is_side_remark() && !self.about(c, a, b)
        })
    }

    /// Whether token `a` is in any side clause (relative, participle, adverbial) that
    /// `b` is not in nor right before: a place there is no venue of an event at `b`.
    /// "Meloni met Tebboune in Rome, after a trip to Algiers by Tajani".
    pub fn elsewhere(&self, a: usize, b: usize) -> bool {
        self.clause_of(a)
            .is_some_and(|c| c.kind.is_side_remark() && !self.about(c, a, b))
    }

    /// Whether side clause `c`, holding `a`, is about `b`: `b` is in it, or it opens
    /// right after `b` ("the first summit, held in Cairo").
    fn about(&self, c: &Clause, a: usize, b: usize) -> bool {
        self.same_clause(a, b) || c.first > b && c.first <= b + 3
    }

    /// Whether token `t` is in a side remark or in an attribution after the sentence's
    /// opening ("..., said Minister X"), where a name is neither agent nor participant.
    /// (An opening attribution's speaker may be: "As X said during her visit, ...".)
    pub fn is_aside(&self, t: usize) -> bool {
        self.clause_of(t).is_some_and(|c| {
            c.kind.is_side_remark() || c.kind == ClauseKind::Attribution && c.first > 0
        })
    }

    /// Whether a name at tokens `first..=last` can be the agent of the verb at
    /// `verb`: it is in the verb's clause, or the verb is in a relative clause right
    /// after it ("Novak, who signed the accord"). "Kenya and Peru signed a pact, Kenyan
    /// Minister X said": X, in the attribution, signed nothing.
    pub fn reaches(&self, first: usize, last: usize, verb: usize) -> bool {
        let antecedent = self.clause_of(verb).is_some_and(|c| {
            matches!(c.kind, ClauseKind::Relative | ClauseKind::PersonRelative)
                && c.first == last + 2
        });
        // "Sogavare arrived for his first visit since the two countries struck a pact":
        // another subject comes between the name and the verb.
        let other_subject = (last + 1..verb).any(|k| self.new_subject.get(k) == Some(&true));
        (first..=last).any(|k| self.same_clause(k, verb)) && !other_subject || antecedent
    }

    /// "Novak, who signed the 2022 accord, joined talks": the verb at `t` describes a
    /// person and tells no event of the sentence's own, unless its clause gives it a
    /// date (`dated`, a token position of a date, if any in its clause).
    pub fn describes_person(&self, t: usize, dated: impl Fn(usize, usize) -> bool) -> bool {
        self.clause_of(t)
            .is_some_and(|c| c.kind == ClauseKind::PersonRelative && !dated(c.first, c.last))
    }

    /// "the fraternal ties between the two nations, established by the late Sheikh": the
    /// verb at `t` opens an undated participle clause that describes a noun.
    pub fn describes_a_noun(&self, t: usize, dated: impl Fn(usize, usize) -> bool) -> bool {
        self.clause_of(t).is_some_and(|c| {
            c.kind == ClauseKind::Participle && c.first == t && !dated(c.first, c.last)
        })
    }

    /// The comma that closes the sentence's opening clause of background ("Recalling
    /// ...,"), if it opens with one.
    pub fn background_end(&self) -> Option<usize> {
        self.clauses
            .iter()
            .find(|c| c.kind == ClauseKind::Background)
            .map(|c| c.last + 1)
    }

    /// The status the clause gives the verb at token `t`.
    pub fn status_at(&self, t: usize) -> Status {
        self.status.get(t).copied().unwrap_or(Status::Held)
    }

    pub fn all(&self) -> &[Clause] {
        &self.clauses
    }
}

/// The attributes a relation gets from the status of what tells it: none when held,
/// else `status`.
pub fn status_attrs(status: &str) -> Attrs {
    let mut attrs = Attrs::new();
    if status != Status::Held.name() {
        attrs.insert("status".into(), status.into());
    }
    attrs
}

/// The attributes of `signed` in a sentence: the status of its signing verbs, the
/// least certain first ("signed ... and will sign": planned).
pub(crate) fn signing_status_attrs(s: &Sentence, triggers: &[(usize, String, String)]) -> Attrs {
    let status = triggers
        .iter()
        .filter(|(_, k, _)| k == "signing")
        .map(|(p, _, _)| s.clauses.status_at(*p))
        .find(|st| *st != Status::Held)
        .unwrap_or(Status::Held);
    status_attrs(status.name())
}

/// "Peru is a member of APEC and Chile of the Pacific Alliance": the country right
/// before the "of" at `of`, coordinated after an earlier "HEAD of" (a head word `head`
/// accepts) in the same clause, whose head the coordination leaves out. Returns the
/// country.
pub(crate) fn gapped_country(
    s: &Sentence,
    of: usize,
    head: impl Fn(&str) -> bool,
) -> Option<usize> {
    if s.word(of) != "of" || of == 0 {
        return None;
    }
    let hit = s.proper_ending_at(of - 1)?;
    let country = match hit.target {
        super::lexicon::ProperTarget::Country {
            country,
            demonym: false,
        } => country,
        _ => return None,
    };
    let and = hit.first.checked_sub(1)?;
    if !matches!(s.word(and), "and" | ",") {
        return None;
    }
    (0..and)
        .any(|k| head(s.word(k)) && s.word(k + 1) == "of" && s.clauses.same_clause(k, of))
        .then_some(country)
}

/// "Brazil may sign a pact next year", "they hope to meet in May": the status of an
/// event its clause makes only possible or wished for, if it does.
pub(crate) fn doubted(s: &Sentence, trigger: usize) -> Option<&'static str> {
    let status = s.clauses.status_at(trigger);
    matches!(status, Status::Hypothetical | Status::Hoped).then(|| status.name())
}

/// How many words a signing or elevation verb may stand before the agreement it
/// governs: "did not sign the Maritime Security Memorandum", "may sign a similar
/// agreement", "might upgrade their ties to a Comprehensive Strategic Partnership".
const OBJECT_REACH: usize = 5;

/// The status of what the sentence says of an agreement named at token `first`: that
/// of the verb that makes it (a signing or an elevation trigger) just before it in its
/// clause ("Kenya did not sign the Maritime Memorandum": denied; "the two countries
/// could establish a Comprehensive Strategic Partnership": hypothetical), else held (a
/// name in any other frame is just named).
pub(crate) fn agreement_status(doc: &Doc, s: &Sentence, first: usize) -> Status {
    let triggers = &doc.lex.gazetteer.lexicon.milestone_triggers;
    let making = |k: usize| {
        triggers
            .iter()
            .filter(|(kind, _)| matches!(kind.as_str(), "signing" | "elevation"))
            .any(|(_, words)| is(&s.tokens, k, words))
    };
    (first.saturating_sub(OBJECT_REACH)..first)
        .rev()
        .filter(|&k| s.clauses.same_clause(k, first) && !modifies_name(s, k, first))
        .find(|&k| making(k))
        .map_or(Status::Held, |k| s.clauses.status_at(k))
}

/// "will examine their upgraded strategic partnership": a participle just before the
/// name describes the agreement as made already; it is not the verb the clause's
/// status is about.
fn modifies_name(s: &Sentence, k: usize, first: usize) -> bool {
    k + 1 == first && s.word(k).ends_with("ed")
}

/// The mention of an agreement that tells its parties, and its status: the first whose
/// signing the text asserts (done or planned), else the first of all. "Kenya did not sign
/// the pact. ... Turkey and Somalia signed the pact in May": the second.
pub(crate) fn party_mention<'r>(
    doc: &Doc,
    mut refs: impl Iterator<Item = &'r ThingRef>,
) -> Option<(&'r ThingRef, Status)> {
    let status = |r: &ThingRef| agreement_status(doc, &doc.sentences[r.sentence], r.first);
    let first = refs.next()?;
    let first_status = status(first);
    if first_status.asserted() {
        return Some((first, first_status));
    }
    refs.map(|r| (r, status(r)))
        .find(|(_, st)| st.asserted())
        .or(Some((first, first_status)))
}

/// The word lists of `data/lexicon.ron` a word can be in, one bit each: the clause
/// lists, and the words that may open a phrase the event rules look for. Computed once
/// per token ([`Clauses::word_has`]), so that a rule skips the tokens (and sentences:
/// [`Clauses::sentence_has`]) that cannot start what it looks for.
const RELATIVE_PRONOUN: u64 = 1;
const PERSON_PRONOUN: u64 = 1 << 1;
const PRESENT_VERB: u64 = 1 << 2;
const IRREGULAR_PARTICIPLE: u64 = 1 << 3;
const PARTICIPLE_FOLLOWER: u64 = 1 << 4;
pub(crate) const SPEECH_VERB: u64 = 1 << 5;
const SUBORDINATOR: u64 = 1 << 6;
const SUBJECT_OPENER: u64 = 1 << 7;
const COORDINATOR: u64 = 1 << 8;
/// The first word of a status marker ("did" of "did not"): where one may start.
const MARKER_OPENER: u64 = 1 << 9;
/// The first word of an event word (`milestone_triggers`: "held" of "held talks").
pub(crate) const EVENT_OPENER: u64 = 1 << 10;
/// The first word of a phrase meaning the day told last (`same_day_phrases`).
pub(crate) const SAME_DAY_OPENER: u64 = 1 << 11;
/// The last word of one ("day" of "the same day"): a sentence without one has none.
pub(crate) const SAME_DAY_CLOSER: u64 = 1 << 12;
/// A word of a delegation or of attending (`delegation_words`), in any case.
pub(crate) const DELEGATION_WORD: u64 = 1 << 13;
/// A plural that may refer to officials named before ("the two leaders", "their talks":
/// `events::PLURAL_REFERENCES`).
pub(crate) const PLURAL_REFERENCE: u64 = 1 << 14;
/// A noun of unnamed deals ("agreements", "MoUs": `unnamed_deal_words`), in any case.
pub(crate) const DEAL_WORD: u64 = 1 << 15;
/// A word that counts ("three", "several": `count_words`), in any case.
pub(crate) const COUNT_WORD: u64 = 1 << 16;
/// The first word of an agreement head ("treaty", "memorandum" of "memorandum of
/// understanding": `agreement_heads`): where the agreement rules look.
pub(crate) const AGREEMENT_HEAD: u64 = 1 << 17;
/// The first word of an organisation head (`organization_heads`).
pub(crate) const ORGANIZATION_HEAD: u64 = 1 << 18;
/// The first word of a bilateral body's head (`bilateral_body_heads`).
pub(crate) const BODY_HEAD: u64 = 1 << 19;

/// The clause grammar compiled for lookup: the word lists, the word lists each
/// ASCII-lower-cased word is in (as the bits above), and the status markers.
pub struct ClauseGrammar {
    pub words: &'static ClauseWords,
    /// Every word of the lists with the bits of the lists that have it (ASCII case
    /// aside).
    classes: WordTable,
    /// The grammar's status markers ("did not", "may", "hope"), in the order of
    /// data/lexicon.ron.
    pub markers: PhraseSet<Status>,
    /// `words.attribution_openers` and `words.adverbial_openers` split at spaces.
    attribution_openers: Vec<Vec<String>>,
    adverbial_openers: Vec<Vec<String>>,
}

impl ClauseGrammar {
    /// The grammar of `lex`'s clause words and status `markers`, with the openers of
    /// its event words and same-day phrases, and `openers`: the first words of other
    /// phrase sets with their bit ([`AGREEMENT_HEAD`], ...), so that every rule family
    /// reads them from the one lookup per token.
    pub fn new<'w>(
        lex: &'static crate::gazetteer::Lexicon,
        markers: PhraseSet<Status>,
        openers: impl Iterator<Item = (&'w str, u64)>,
    ) -> ClauseGrammar {
        let words = &lex.clauses;
        let mut classes: Vec<(&str, u64)> = Vec::new();
        let lists = [
            (&words.relative_pronouns, RELATIVE_PRONOUN),
            (&words.person_pronouns, PERSON_PRONOUN),
            (&words.present_verbs, PRESENT_VERB),
            (&words.irregular_participles, IRREGULAR_PARTICIPLE),
            (&words.participle_followers, PARTICIPLE_FOLLOWER),
            (&words.speech_verbs, SPEECH_VERB),
            (&words.subordinators, SUBORDINATOR),
            (&words.subject_openers, SUBJECT_OPENER),
            (&words.coordinators, COORDINATOR),
        ];
        for (list, bit) in lists {
            classes.extend(list.iter().map(|w| (w.as_str(), bit)));
        }
        for i in 0..markers.len() {
            let (words, _) = markers.entry(i);
            classes.push((words[0].as_str(), MARKER_OPENER));
        }
        // As `Lexicon` splits them into the words its phrase sets compare.
        let event_words = lex.milestone_triggers.iter().flat_map(|(_, ws)| ws);
        for w in event_words.filter_map(|w| w.split_whitespace().next()) {
            classes.push((w, EVENT_OPENER));
        }
        for phrase in &lex.same_day_phrases {
            let mut words = phrase.split(' ');
            classes.extend(words.next().map(|w| (w, SAME_DAY_OPENER)));
            classes.extend(words.next_back().map(|w| (w, SAME_DAY_CLOSER)));
        }
        let lists = [
            (&lex.delegation_words, DELEGATION_WORD),
            (&lex.unnamed_deal_words, DEAL_WORD),
            (&lex.count_words, COUNT_WORD),
        ];
        for (list, bit) in lists {
            classes.extend(list.iter().map(|w| (w.as_str(), bit)));
        }
        for w in super::events::PLURAL_REFERENCES {
            classes.push((w, PLURAL_REFERENCE));
        }
        for (w, bit) in openers {
            classes.push((w, bit));
        }
        let split = |phrases: &[String]| -> Vec<Vec<String>> {
            phrases
                .iter()
                .map(|p| p.split(' ').map(str::to_string).collect())
                .collect()
        };
        ClauseGrammar {
            words,
            classes: WordTable::new(classes),
            markers,
            attribution_openers: split(&words.attribution_openers),
            adverbial_openers: split(&words.adverbial_openers),
        }
    }

    /// The bits of the lists `word` is in, compared ASCII-case-insensitively.
    #[inline]
    fn classes_of(&self, word: &str) -> u64 {
        self.classes.get(word.as_bytes())
    }
}

/// Words with a set of bits each, found ASCII-case-insensitively: bucketed by length
/// and first and last byte, so a token is compared with the one or two words (mostly
/// none) of its bucket, with no hashing and no lower-cased copy.
struct WordTable {
    /// Where each bucket's words start in `words` (compressed rows).
    offsets: Vec<u32>,
    /// ASCII-lower-cased words, each once, with their bits.
    words: Vec<(Box<[u8]>, u64)>,
    /// The bytes the words open with, in both ASCII cases: a token opening with another
    /// (punctuation, digits, most capitals) is in none.
    first_bytes: [bool; 256],
}

const WORD_BUCKETS: usize = 4096;

fn word_bucket(w: &[u8]) -> usize {
    let (Some(&a), Some(&z)) = (w.first(), w.last()) else {
        return 0;
    };
    let (a, z) = (a.to_ascii_lowercase(), z.to_ascii_lowercase());
    (usize::from(a) * 61 + usize::from(z) * 7 + w.len() * 509) % WORD_BUCKETS
}

impl WordTable {
    /// The table of `(word, bits)`; a word given more than once gets the union of its
    /// bits.
    fn new(entries: Vec<(&str, u64)>) -> WordTable {
        let mut merged: Vec<(Box<[u8]>, u64)> = Vec::new();
        for (w, bits) in entries {
            let lower = w.to_ascii_lowercase().into_bytes().into_boxed_slice();
            match merged.iter_mut().find(|(k, _)| *k == lower) {
                Some((_, b)) => *b |= bits,
                None => merged.push((lower, bits)),
            }
        }
        merged.sort_by_key(|(k, _)| word_bucket(k));
        let mut offsets = vec![0u32; WORD_BUCKETS + 1];
        for (k, _) in &merged {
            offsets[word_bucket(k) + 1] += 1;
        }
        for b in 0..WORD_BUCKETS {
            offsets[b + 1] += offsets[b];
        }
        let mut first_bytes = [false; 256];
        for &b in merged.iter().filter_map(|(k, _)| k.first()) {
            first_bytes[usize::from(b.to_ascii_lowercase())] = true;
            first_bytes[usize::from(b.to_ascii_uppercase())] = true;
        }
        WordTable {
            offsets,
            words: merged,
            first_bytes,
        }
    }

    /// The bits of `word` in any ASCII case; none for a word not in the table.
    #[inline]
    fn get(&self, word: &[u8]) -> u64 {
        match word.first() {
            Some(&b) if self.first_bytes[usize::from(b)] => {}
            _ => return 0,
        }
        let b = word_bucket(word);
        let (lo, hi) = (self.offsets[b] as usize, self.offsets[b + 1] as usize);
        self.words
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(word))
            .map_or(0, |&(_, bits)| bits)
    }
}

/// Whether token `i` is in a list of `bits`.
fn has(classes: &[u64], i: usize, bits: u64) -> bool {
    classes.get(i).is_some_and(|&c| c & bits != 0)
}

fn is(tokens: &[Token], i: usize, list: &[String]) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| list.iter().any(|w| t.text.eq_ignore_ascii_case(w)))
}

/// Whether the phrase `words` starts at token `i`: the last token it takes.
fn phrase_at(tokens: &[Token], i: usize, phrase: &[String]) -> Option<usize> {
    let mut k = i;
    for w in phrase {
        if !tokens
            .get(k)
            .is_some_and(|t| t.text.eq_ignore_ascii_case(w))
        {
            return None;
        }
        k += 1;
    }
    Some(k - 1)
}

/// The last token of a side clause opened at `open`: the one before the next comma,
/// semicolon, closing bracket or the sentence's closing mark.
fn clause_end(tokens: &[Token], open: usize) -> usize {
    let stop = (open + 1..tokens.len())
        .find(|&k| matches!(tokens[k].text, "," | ";" | ")" | "\u{2014}"))
        .unwrap_or(tokens.len());
    let mut last = stop.saturating_sub(1);
    while last > open && matches!(tokens[last].text, "." | "!" | "?" | "\"" | "\u{201D}") {
        last -= 1;
    }
    last
}

/// "Recalling the 2015 accord, the two sides ...": the opening clause up to its comma.
fn background_opening(tokens: &[Token], words: &ClauseWords) -> Option<Clause> {
    let first = (0..tokens.len().min(3)).find(|&k| tokens[k].is_word())?;
    if !words
        .background_openers
        .iter()
        .any(|w| tokens[first].text == w)
    {
        return None;
    }
    let comma = (first + 1..tokens.len()).find(|&k| tokens[k].text == ",")?;
    Some(Clause {
        kind: ClauseKind::Background,
        first: 0,
        last: comma.checked_sub(1)?,
    })
}

/// "According to the ministry, ..." or "Defence Secretary X said (that) ...": who tells
/// the sentence, at its opening. The speaker before a verb of saying must be a name or
/// a title: capitalised words and the few small words inside titles.
fn opening_attribution(
    tokens: &[Token],
    classes: &[u64],
    grammar: &ClauseGrammar,
) -> Option<Clause> {
    let opener = grammar
        .attribution_openers
        .iter()
        .find_map(|p| phrase_at(tokens, 0, p));
    if let Some(last) = opener {
        let comma = (last + 1..tokens.len()).find(|&k| tokens[k].text == ",")?;
        return Some(Clause {
            kind: ClauseKind::Attribution,
            first: 0,
            last: comma.checked_sub(1)?,
        });
    }
    let verb = (1..tokens.len().min(12)).find(|&k| has(classes, k, SPEECH_VERB))?;
    let speaker = tokens[..verb].iter().all(|t| {
        t.is_capitalized() || matches!(t.text, "the" | "of" | "for" | "and" | "," | "-" | "'s")
    });
    if !speaker {
        return None;
    }
    let last = if tokens.get(verb + 1).is_some_and(|t| t.text == "that") {
        verb + 1
    } else {
        verb
    };
    Some(Clause {
        kind: ClauseKind::Attribution,
        first: 0,
        last,
    })
}

/// "..., said Foreign Secretary X after the talks": a verb of saying after a comma or
/// a closing quote, and the speaker's capitalised name after it.
fn inverted_attribution(tokens: &[Token], classes: &[u64], i: usize) -> Option<Clause> {
    let opens = matches!(tokens[i].text, "," | "\"" | "\u{201D}");
    let verb = i + 1;
    if !opens || !has(classes, verb, SPEECH_VERB) {
        return None;
    }
    let capital = |k: usize| tokens.get(k).is_some_and(|t| t.is_capitalized());
    if !capital(verb + 1) {
        return None;
    }
    let mut last = verb + 1;
    while capital(last + 1)
        || matches!(
            tokens.get(last + 1).map(|t| t.text),
            Some("of" | "the" | "for" | "and")
        ) && capital(last + 2)
    {
        last += 1;
    }
    Some(Clause {
        kind: ClauseKind::Attribution,
        first: verb,
        last,
    })
}

/// A side clause opened by the comma (or bracket, or dash) at `i`, if one is.
fn side_clause_after(
    tokens: &[Token],
    classes: &[u64],
    i: usize,
    grammar: &ClauseGrammar,
) -> Option<Clause> {
    // Only punctuation opens one: most tokens are words.
    if tokens[i]
        .text
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    if let Some(c) = inverted_attribution(tokens, classes, i) {
        return Some(c);
    }
    if !matches!(tokens[i].text, "," | "(" | "\u{2014}" | ";") {
        return None;
    }
    let j = i + 1;
    tokens.get(j)?;
    let kind = if has(classes, j, RELATIVE_PRONOUN) {
        if has(classes, j + 1, PRESENT_VERB) {
            // "X, who is on a visit to Paris, met Y": the main clause's own time.
            return None;
        }
        if has(classes, j, PERSON_PRONOUN) {
            ClauseKind::PersonRelative
        } else {
            ClauseKind::Relative
        }
    } else if is_participle(tokens, classes, j) {
        ClauseKind::Participle
    } else if tokens[i].text == ","
        && grammar
            .adverbial_openers
            .iter()
            // ", four years after ...": one word of measure may come first.
            .any(|p| phrase_at(tokens, j, p).is_some() || phrase_at(tokens, j + 1, p).is_some())
    {
        ClauseKind::Adverbial
    } else if grammar
        .attribution_openers
        .iter()
        .any(|p| phrase_at(tokens, j, p).is_some())
        || closing_attribution(tokens, classes, j)
    {
        ClauseKind::Attribution
    } else {
        return None;
    };
    Some(Clause {
        kind,
        first: j,
        last: clause_end(tokens, j),
    })
}

/// ", agreed in 2012,", ", signed by both ministers,": a lower-case past participle
/// right after a comma, followed by a preposition or an adverb of time (not an object,
/// as in "met Y, signed the deal", which goes on with the main clause).
fn is_participle(tokens: &[Token], classes: &[u64], j: usize) -> bool {
    let Some(t) = tokens.get(j) else { return false };
    let participle =
        !t.is_capitalized() && (t.text.ends_with("ed") || has(classes, j, IRREGULAR_PARTICIPLE));
    participle && has(classes, j + 1, PARTICIPLE_FOLLOWER)
}

/// ", Kenyan Defence Secretary X said." / ", said X.": from `j` to the sentence's end,
/// a short segment with a verb of saying that no complement follows.
fn closing_attribution(tokens: &[Token], classes: &[u64], j: usize) -> bool {
    let end = clause_end(tokens, j);
    let closes = tokens[end + 1..]
        .iter()
        .all(|t| matches!(t.text, "." | "!" | "?" | "\"" | "\u{201D}"));
    if !closes || end + 1 - j > 16 {
        return false;
    }
    let Some(verb) = (j..=end).find(|&k| has(classes, k, SPEECH_VERB)) else {
        return false;
    };
    // "..., and X said the talks went well": a complement follows; not an attribution.
    // After the verb only the speaker ("said Minister X") or an adjunct ("in a
    // statement", "told reporters") may come.
    let adjunct = |k: usize| {
        tokens[k].is_capitalized()
            || matches!(
                tokens[k].text,
                "in" | "on"
                    | "at"
                    | "to"
                    | "during"
                    | "after"
                    | "late"
                    | "earlier"
                    | "later"
                    | "reporters"
                    | "journalists"
            )
    };
    end - verb <= 6 && (verb == end || adjunct(verb + 1))
}

/// Every token not in a side clause is in a main clause; a coordinator (";", "but",
/// "while") starts another.
fn main_clauses(classes: &[u64], clauses: &mut Vec<Clause>, of_token: &mut [usize]) {
    let mut current: Option<usize> = None;
    for (k, slot) in of_token.iter_mut().enumerate() {
        if *slot != usize::MAX {
            continue;
        }
        let opens = has(classes, k, COORDINATOR);
        match current {
            Some(c) if !opens => {
                clauses[c].last = k;
                *slot = c;
            }
            _ => {
                current = Some(clauses.len());
                *slot = clauses.len();
                clauses.push(Clause {
                    kind: ClauseKind::Main,
                    first: k,
                    last: k,
                });
            }
        }
    }
}

/// The status at each token: from the markers among the few words of its clause
/// before it, "denied" first, else the nearest marker.
fn statuses(
    tokens: &[Token],
    classes: &[u64],
    markers: &PhraseSet<Status>,
    of_token: &[usize],
) -> Vec<Status> {
    // The statuses of the markers that end at each token, in the order found; made
    // only for a sentence with a marker, as most have none.
    let mut ending: Vec<Vec<Status>> = Vec::new();
    let mut first_end = usize::MAX;
    for i in (0..tokens.len()).filter(|&i| has(classes, i, MARKER_OPENER)) {
        for (_, phrase, &status) in markers.starting_at(tokens, i) {
            if ending.is_empty() {
                ending = vec![Vec::new(); tokens.len()];
            }
            let end = i + phrase.len() - 1;
            first_end = first_end.min(end);
            ending[end].push(status);
        }
    }
    if ending.is_empty() {
        return vec![Status::Held; tokens.len()];
    }
    let previous = previous_in_clause(of_token);
    (0..tokens.len())
        .map(|t| {
            // No marker ends before the first one does.
            if t <= first_end {
                return Status::Held;
            }
            let mut nearest = None;
            let mut k = previous[t];
            // The few tokens of its clause before it, nearest first.
            for _ in 0..STATUS_REACH {
                let Some(marks) = ending.get(k) else { break };
                for &status in marks {
                    if status == Status::Denied {
                        return Status::Denied;
                    }
                    nearest = nearest.or(Some(status));
                }
                k = previous[k];
            }
            nearest.unwrap_or(Status::Held)
        })
        .collect()
}

/// For each token, the token of its clause right before it (`usize::MAX` for the
/// first of its clause): a clause's tokens walked back without the others between.
fn previous_in_clause(of_token: &[usize]) -> Vec<usize> {
    let mut last: Vec<(usize, usize)> = Vec::new();
    of_token
        .iter()
        .enumerate()
        .map(
            |(t, &clause)| match last.iter_mut().find(|(c, _)| *c == clause) {
                Some((_, before)) => std::mem::replace(before, t),
                None => {
                    last.push((clause, t));
                    usize::MAX
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{tokenize, Span};

    fn clauses(text: &str) -> (Vec<Token<'_>>, Clauses) {
        let lex = &crate::extract::Extractor::shared().expect("extractor").lex;
        let tokens = tokenize(
            text,
            Span {
                start: 0,
                end: text.len(),
            },
        );
        let c = Clauses::of(&tokens, &lex.clause_grammar);
        (tokens, c)
    }

    fn at(tokens: &[Token], word: &str) -> usize {
        tokens
            .iter()
            .position(|t| t.text == word)
            .unwrap_or_else(|| panic!("no {word}"))
    }

    /// The head sets' openers carry their bits in any ASCII case, and only theirs: a
    /// token without the bit starts no entry of the set, which the rules skip by it.
    #[test]
    fn every_head_opens_with_a_word_of_its_bit() {
        let lex = &crate::extract::Extractor::shared().expect("extractor").lex;
        let grammar = &lex.clause_grammar;
        let sets = [
            (lex.agreement_heads.first_words().collect(), AGREEMENT_HEAD),
            (
                lex.organization_heads.first_words().collect(),
                ORGANIZATION_HEAD,
            ),
            (
                lex.bilateral_body_heads.first_words().collect::<Vec<_>>(),
                BODY_HEAD,
            ),
        ];
        for (words, bit) in &sets {
            assert!(!words.is_empty());
            for w in words {
                for form in [
                    w.to_string(),
                    w.to_ascii_uppercase(),
                    w.to_ascii_lowercase(),
                ] {
                    assert_ne!(grammar.classes_of(&form) & bit, 0, "{form}");
                }
            }
        }
        for w in ["economy", "the", "said"] {
            let heads = AGREEMENT_HEAD | ORGANIZATION_HEAD | BODY_HEAD;
            assert_eq!(grammar.classes_of(w) & heads, 0, "{w}");
        }
        let (tokens, c) = clauses("They signed the Treaty of Aachen and a defence pact.");
        assert!(c.word_has(at(&tokens, "Treaty"), AGREEMENT_HEAD));
        assert!(c.word_has(at(&tokens, "pact"), AGREEMENT_HEAD));
        assert!(!c.word_has(at(&tokens, "Aachen"), AGREEMENT_HEAD));
    }

    fn grammar_lexicon() -> &'static crate::gazetteer::Lexicon {
        &crate::gazetteer::Gazetteer::shared()
            .expect("gazetteer")
            .lexicon
    }

    /// Each token gets the bits of exactly the lists that hold it, in any ASCII case.
    #[test]
    fn grammar_classes_are_the_lists_a_word_is_in() {
        let lex = &crate::extract::Extractor::shared().expect("extractor").lex;
        let grammar = &lex.clause_grammar;
        let w = grammar.words;
        let lists = [
            (&w.relative_pronouns, RELATIVE_PRONOUN),
            (&w.person_pronouns, PERSON_PRONOUN),
            (&w.present_verbs, PRESENT_VERB),
            (&w.irregular_participles, IRREGULAR_PARTICIPLE),
            (&w.participle_followers, PARTICIPLE_FOLLOWER),
            (&w.speech_verbs, SPEECH_VERB),
            (&w.subordinators, SUBORDINATOR),
            (&w.subject_openers, SUBJECT_OPENER),
            (&w.coordinators, COORDINATOR),
        ];
        let words = lists.iter().flat_map(|(l, _)| l.iter());
        for word in words.chain([&"signed".to_string(), &"Who".to_string()]) {
            for form in [word.clone(), word.to_ascii_uppercase()] {
                let expected = lists
                    .iter()
                    .filter(|(l, _)| l.iter().any(|x| x.eq_ignore_ascii_case(&form)))
                    .fold(0, |bits, (_, bit)| bits | bit);
                // The clause lists' bits, below the marker openers' and the event rules'.
                let clause_lists = MARKER_OPENER - 1;
                assert_eq!(grammar.classes_of(&form) & clause_lists, expected, "{form}");
            }
        }
        assert_ne!(grammar.classes_of("NOT") & MARKER_OPENER, 0);
        assert_eq!(grammar.classes_of("economy"), 0);
        // "held talks", "Signed", "phone call": the first word of each event word.
        for w in ["held", "Signed", "PHONE", "letters", "talks"] {
            assert_ne!(grammar.classes_of(w) & EVENT_OPENER, 0, "{w}");
        }
        assert_eq!(grammar.classes_of("call") & EVENT_OPENER, 0);
        assert_ne!(grammar.classes_of("That") & SAME_DAY_OPENER, 0);
        assert_eq!(grammar.classes_of("day") & SAME_DAY_OPENER, 0);
        assert_ne!(grammar.classes_of("day") & SAME_DAY_CLOSER, 0);
        assert_eq!(grammar.classes_of("same") & SAME_DAY_CLOSER, 0);
        let lex = grammar_lexicon();
        let lists = [
            (&lex.delegation_words, DELEGATION_WORD),
            (&lex.unnamed_deal_words, DEAL_WORD),
            (&lex.count_words, COUNT_WORD),
        ];
        for (list, bit) in lists {
            for w in list {
                assert_ne!(grammar.classes_of(&w.to_uppercase()) & bit, 0, "{w}");
            }
        }
        assert_eq!(grammar.classes_of("MoU") & COUNT_WORD, 0);
        for w in ["Leaders", "their", "COUNTERPARTS"] {
            assert_ne!(grammar.classes_of(w) & PLURAL_REFERENCE, 0, "{w}");
        }
        assert_eq!(grammar.classes_of("leader") & PLURAL_REFERENCE, 0);
    }

    proptest::proptest! {
        /// Walking a clause back through `previous_in_clause` meets the same tokens as
        /// scanning every earlier token for those of the clause.
        #[test]
        fn previous_in_clause_is_the_nearest_earlier_token_of_its_clause(
            of_token in proptest::collection::vec(0usize..4, 0..40)
        ) {
            let previous = previous_in_clause(&of_token);
            for (t, clause) in of_token.iter().enumerate() {
                let scanned = (0..t).rev().find(|&k| of_token[k] == *clause);
                proptest::prop_assert_eq!(previous[t], scanned.unwrap_or(usize::MAX));
            }
        }
    }

    /// The table finds each word in any ASCII case, with the union of the bits it was
    /// given, and nothing else.
    #[test]
    fn word_table_finds_words_in_any_case() {
        let table = WordTable::new(vec![("who", 1), ("Said", 2), ("who", 4), ("s", 8)]);
        assert_eq!(table.get(b"WHO"), 5);
        assert_eq!(table.get(b"said"), 2);
        assert_eq!(table.get(b"S"), 8);
        assert_eq!(table.get(b"whom"), 0);
        assert_eq!(table.get(b""), 0);
        assert_eq!(table.get(b","), 0);
    }

    /// A sentence's tokens carry the lists they are in: the event words' openers where
    /// "held talks" and "talks" start; none in a sentence without one.
    #[test]
    fn tokens_carry_their_word_lists() {
        let (tokens, c) = clauses("The two leaders held talks that day.");
        let openers: Vec<&str> = c.words_with(EVENT_OPENER).map(|t| tokens[t].text).collect();
        assert_eq!(openers, ["held", "talks"]);
        assert!(c.word_has(at(&tokens, "that"), SAME_DAY_OPENER));
        assert!(c.sentence_has(EVENT_OPENER | SAME_DAY_OPENER));
        let (_, c) = clauses("Trade grew by 5 percent.");
        assert!(!c.sentence_has(EVENT_OPENER));
        assert_eq!(c.words_with(EVENT_OPENER).count(), 0);
    }

    /// (sentence, word, kind of its clause)
    #[test]
    fn clause_kinds() {
        let table = [
            (
                "Oslo and Lima, which opened ties in 1990, held talks.",
                "1990",
                ClauseKind::Relative,
            ),
            (
                "Oslo and Lima, which opened ties in 1990, held talks.",
                "talks",
                ClauseKind::Main,
            ),
            (
                "Novak, who signed the 2019 accord, joined talks in Lima.",
                "signed",
                ClauseKind::PersonRelative,
            ),
            (
                "Novak, who signed the 2019 accord, joined talks in Lima.",
                "joined",
                ClauseKind::Main,
            ),
            // A relative clause in the present is the main clause's own time.
            (
                "Novak, who is on a visit to Lima, met Ruiz.",
                "Lima",
                ClauseKind::Main,
            ),
            (
                "They moved from a Partnership, agreed in 2011, to an Alliance.",
                "2011",
                ClauseKind::Participle,
            ),
            (
                "They moved from a Partnership, agreed in 2011, to an Alliance.",
                "Alliance",
                ClauseKind::Main,
            ),
            (
                "Peru and Chile signed a Fisheries Pact, Peruvian Minister Ana Soto said.",
                "Soto",
                ClauseKind::Attribution,
            ),
            (
                "Peru and Chile signed a Fisheries Pact, Peruvian Minister Ana Soto said.",
                "Pact",
                ClauseKind::Main,
            ),
            (
                "Peru and Chile signed a pact, according to the Peruvian ministry.",
                "ministry",
                ClauseKind::Attribution,
            ),
            (
                "According to Lima, Peru and Chile signed a pact.",
                "signed",
                ClauseKind::Main,
            ),
            (
                "According to Lima, Peru and Chile signed a pact.",
                "Lima",
                ClauseKind::Attribution,
            ),
            (
                "Minister Ana Soto said that Peru signed a pact.",
                "Soto",
                ClauseKind::Attribution,
            ),
            (
                "Minister Ana Soto said that Peru signed a pact.",
                "Peru",
                ClauseKind::Main,
            ),
            (
                "Recalling the 2015 accord, the two sides met in Quito.",
                "2015",
                ClauseKind::Background,
            ),
            (
                "Recalling the 2015 accord, the two sides met in Quito.",
                "Quito",
                ClauseKind::Main,
            ),
            // "met Y, signed the deal": a verb with an object goes on with the main clause.
            (
                "Soto met Ruiz, signed the deal and left.",
                "deal",
                ClauseKind::Main,
            ),
            (
                "\u{201C}It went well,\u{201D} said Minister Ana Soto after talks with Ruiz.",
                "Soto",
                ClauseKind::Attribution,
            ),
            (
                "\u{201C}It went well,\u{201D} said Minister Ana Soto after talks with Ruiz.",
                "Ruiz",
                ClauseKind::Main,
            ),
            (
                "Soto met Ruiz in Lima, after a trip to Quito by Vega in March.",
                "Vega",
                ClauseKind::Adverbial,
            ),
            (
                "Soto met Ruiz in Lima, after a trip to Quito by Vega in March.",
                "Lima",
                ClauseKind::Main,
            ),
            (
                "Peru signed the pact, four years after it cut ties with Quito.",
                "Quito",
                ClauseKind::Adverbial,
            ),
            // A complement after "said" makes it no closing attribution.
            (
                "They met, and Soto said the talks went well.",
                "talks",
                ClauseKind::Main,
            ),
        ];
        for (text, word, kind) in table {
            let (tokens, c) = clauses(text);
            assert_eq!(c.kind_at(at(&tokens, word)), kind, "{word} in {text}");
        }
    }

    /// A name reaches a verb in its clause, unless a subordinate clause with another
    /// subject comes between.
    #[test]
    fn names_reach_the_verbs_of_their_clause() {
        let text =
            "Soto arrived in Lima for his first visit since the two countries signed a pact.";
        let (tokens, c) = clauses(text);
        let soto = at(&tokens, "Soto");
        assert!(!c.reaches(soto, soto, at(&tokens, "signed")));
        assert!(c.reaches(soto, soto, at(&tokens, "arrived")));
        let (tokens, c) = clauses("Soto signed the pact after the talks.");
        let soto = at(&tokens, "Soto");
        assert!(c.reaches(soto, soto, at(&tokens, "signed")));
        let (tokens, c) = clauses("Soto, who signed the pact, met Ruiz.");
        let soto = at(&tokens, "Soto");
        assert!(c.reaches(soto, soto, at(&tokens, "signed")));
        let (tokens, c) = clauses("Peru and Chile signed the pact, Minister Ana Soto said.");
        let soto = at(&tokens, "Soto");
        assert!(!c.reaches(soto - 1, soto, at(&tokens, "signed")));
    }

    /// A side clause's date is apart from a verb outside it, unless the clause opens
    /// right after that word, about it.
    #[test]
    fn side_clause_dates_are_apart() {
        let (tokens, c) = clauses("They moved from a Partnership, agreed in 2011, to an Alliance.");
        assert!(c.apart(at(&tokens, "2011"), at(&tokens, "moved")));
        assert!(!c.apart(at(&tokens, "moved"), at(&tokens, "2011")));
        let (tokens, c) = clauses("It was 25 years since the first summit, held in Cairo in 2000.");
        assert!(!c.apart(at(&tokens, "2000"), at(&tokens, "summit")));
    }

    /// "X is a member of A, but Y of B": a coordinator starts another main clause.
    #[test]
    fn coordination_splits_main_clauses() {
        let (tokens, c) = clauses("Peru signed the pact in 2019, but Chile joined it in 2021.");
        assert!(!c.same_clause(at(&tokens, "2019"), at(&tokens, "joined")));
        assert!(c.same_clause(at(&tokens, "2021"), at(&tokens, "joined")));
        assert!(c.same_clause(at(&tokens, "Peru"), at(&tokens, "2019")));
    }

    fn extract(text: &str) -> crate::model::Extraction {
        let x = crate::extract::Extractor::shared().expect("gazetteer");
        x.extract(&crate::article::Article::from_text(
            "t.txt",
            text.to_string(),
            None,
        ))
    }

    fn milestone_dates(x: &crate::model::Extraction) -> Vec<(String, String)> {
        x.entities
            .iter()
            .filter(|e| e.kind.as_str() == "milestone")
            .map(|e| {
                let attr = |k: &str| e.attrs.get(k).cloned().unwrap_or_default();
                (attr("kind"), attr("date"))
            })
            .collect()
    }

    /// Issue 14, bug 1: a year in a participle or relative clause dates what that
    /// clause is about, not the main clause's talks or elevation.
    #[test]
    fn a_side_clause_year_does_not_date_the_main_event() {
        let table = [
            " date 2025-05-04 Chile and Peru elevated their ties from a Strategic Partnership, agreed in 2012, to a Comprehensive Strategic Partnership after talks between President Gabriel Boric and Peruvian President Dina Boluarte in Lima.",
            " date 2025-05-04 Chile and Peru, which established a Strategic Partnership in 2012, held talks between President Gabriel Boric and Peruvian President Dina Boluarte in Lima.",
        ];
        for text in table {
            let dates = milestone_dates(&extract(text));
            assert!(
                dates.contains(&("meeting".into(), "2025-05-04".into())),
                "{dates:?} in {text}"
            );
            assert!(
                !dates.contains(&("meeting".into(), "2012".into())),
                "{dates:?} in {text}"
            );
        }
    }

    fn relations(x: &crate::model::Extraction, relation: &str) -> Vec<(String, String)> {
        x.relations
            .iter()
            .filter(|r| r.relation.as_str() == relation)
            .map(|r| (r.source.clone(), r.target.clone()))
            .collect()
    }

    /// Issue 14, bug 2: a relative clause about a past signing makes no new signing,
    /// and no one else in the sentence signs.
    #[test]
    fn a_relative_clause_about_a_person_makes_no_signing() {
        let x = extract(" date 2025-05-04 Polish Deputy Foreign Minister Jan Novak, who signed the 2022 Framework Agreement with Chile, joined talks with Chilean Foreign Minister Alberto van Klaveren in Santiago.");
        let dates = milestone_dates(&x);
        assert!(!dates.iter().any(|(k, _)| k == "signing"), "{dates:?}");
        assert!(dates.iter().any(|(k, _)| k == "meeting"), "{dates:?}");
        // Nor are the talks about the agreement the relative clause names.
        assert!(
            relations(&x, "concerns").is_empty(),
            "{:?}",
            relations(&x, "concerns")
        );
        assert!(
            relations(&x, "signed").is_empty(),
            "{:?}",
            relations(&x, "signed")
        );
    }

    /// Issue 14, bug 5: the source an attribution names is no signatory.
    #[test]
    fn the_attributed_speaker_signs_nothing() {
        let x = extract(" date 2025-05-04 Kenya and Turkey signed a Maritime Security Agreement on Saturday, Kenyan Defence Cabinet Secretary Daniel Mwangi said.");
        assert!(
            relations(&x, "signed").is_empty(),
            "{:?}",
            relations(&x, "signed")
        );
        assert!(
            relations(&x, "party_to").contains(&(
                "country:kenya".into(),
                "agreement:turkey-kenya-maritime-security-agreement".into()
            )),
            "{:?}",
            relations(&x, "party_to")
        );
        // Named in the signing's own clause, a minister does sign.
        let x = extract(" date 2025-05-04 Kenyan Defence Cabinet Secretary Daniel Mwangi signed a Maritime Security Agreement with Turkey on Saturday, officials said.");
        assert_eq!(
            relations(&x, "signed").len(),
            1,
            "{:?}",
            relations(&x, "signed")
        );
    }

    /// Issue 15: a country is no party to what it did not sign; one that only may sign
    /// is a party with that status.
    #[test]
    fn parties_carry_the_status_of_their_signing() {
        let x = extract(" date 2025-05-04 Kenya did not sign the Maritime Security Memorandum with Turkey. Brazil may sign a similar Fisheries Agreement with Ghana next year.");
        let parties: Vec<(String, Option<String>)> = x
            .relations
            .iter()
            .filter(|r| r.relation.as_str() == "party_to")
            .map(|r| (r.source.clone(), r.attrs.get("status").cloned()))
            .collect();
        assert!(
            !parties.iter().any(|(c, _)| c == "country:kenya"),
            "{parties:?}"
        );
        assert!(
            parties.contains(&("country:brazil".into(), Some("hypothetical".into()))),
            "{parties:?}"
        );
        // Told as done later, the agreement has its parties without a status.
        let x = extract(" date 2025-05-04 Peru may sign the Andean Water Accord. Chile and Bolivia signed the Andean Water Accord on Friday.");
        let bolivia = x
            .relations
            .iter()
            .find(|r| r.relation.as_str() == "party_to" && r.source == "country:bolivia");
        assert!(
            bolivia.is_some_and(|r| !r.attrs.contains_key("status")),
            "{:?}",
            x.relations
        );
    }

    /// The status of each `relation` of `x` from `source` to a target whose id holds
    /// `target`: "" when it has none.
    fn statuses_of(x: &crate::model::Extraction, relation: &str, target: &str) -> Vec<String> {
        x.relations
            .iter()
            .filter(|r| r.relation.as_str() == relation && r.target.contains(target))
            .map(|r| r.attrs.get("status").cloned().unwrap_or_default())
            .collect()
    }

    /// Issue 15: a partnership a clause makes only possible, wished for or explored is
    /// no membership: its `party_to` carries that status. A participle describing one
    /// made already ("their upgraded strategic partnership") says nothing of it.
    #[test]
    fn parties_carry_the_status_of_an_elevation() {
        let table = [
            (" date 2025-05-04 Chile and Peru signed a Fisheries Agreement on Friday. The two countries could establish a Comprehensive Strategic Partnership if the accord is ratified.", "hypothetical"),
            (" date 2025-05-04 Chile and Peru might upgrade their ties to a Comprehensive Strategic Partnership next year.", "hypothetical"),
            (" date 2025-05-04 Chile and Peru agreed to explore elevating ties to a Comprehensive Strategic Partnership.", "explored"),
            (" date 2025-05-04 Chile and Peru established a Comprehensive Strategic Partnership on Friday.", ""),
            (" date 2025-05-04 Chile and Peru will examine every part of their upgraded Comprehensive Strategic Partnership in May.", ""),
        ];
        for (text, status) in table {
            let x = extract(text);
            let parties = statuses_of(&x, "party_to", "comprehensive-strategic-partnership");
            assert_eq!(parties, [status, status], "{text}");
        }
    }

    /// Issue 15: an event a later sentence tells again with an agreement it did not
    /// sign, or only may sign, does not concern that agreement as done: its `concerns`
    /// carries what that sentence says ("denied", "hypothetical").
    #[test]
    fn concerns_carry_the_status_of_the_sentence_merged_in() {
        let table = [
            (" date 2025-05-04 Chile and Peru signed a Fisheries Agreement on Friday. Chile did not sign the Andean Water Memorandum with Peru, officials said.", "andean-water-memorandum", "denied"),
            (" date 2025-05-04 Chile and Peru signed a Fisheries Agreement on Friday. The two countries could establish a Comprehensive Strategic Partnership if the accord is concluded.", "comprehensive-strategic-partnership", "hypothetical"),
            (" date 2025-05-04 Chile and Peru signed a Fisheries Agreement on Friday. Chile also signed the Andean Water Memorandum with Peru.", "andean-water-memorandum", ""),
        ];
        for (text, target, status) in table {
            let x = extract(text);
            assert_eq!(statuses_of(&x, "concerns", target), [status], "{text}");
            assert_eq!(
                statuses_of(&x, "concerns", "fisheries-agreement"),
                [""],
                "{text}"
            );
        }
    }

    /// A signing a clause makes only possible or wished for carries that status.
    #[test]
    fn doubted_signings_say_so() {
        let table = [
            (" date 2025-05-04 Brazil may sign a Fisheries Agreement with Ghana next year.", "hypothetical"),
            (" date 2025-05-04 Brazil and Ghana hope to sign a Fisheries Agreement in March 2026.", "hoped"),
            (" date 2025-05-04 Brazil will sign a Fisheries Agreement with Ghana next year.", "planned"),
        ];
        for (text, status) in table {
            let x = extract(text);
            let statuses: Vec<&str> = x
                .entities
                .iter()
                .filter(|e| e.kind.as_str() == "milestone")
                .filter_map(|e| e.attrs.get("status").map(String::as_str))
                .collect();
            assert_eq!(statuses, [status], "{text}");
        }
    }

    /// Issue 15: relations of a planned event say so; those of a held one carry none.
    #[test]
    fn relations_carry_their_events_status() {
        let status_of = |x: &crate::model::Extraction, relation: &str| {
            x.relations
                .iter()
                .filter(|r| r.relation.as_str() == relation)
                .map(|r| r.attrs.get("status").cloned().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        let x = extract(" date 2025-05-04 Portuguese Foreign Minister Ana Costa will meet Spanish Foreign Minister Jose Ruiz in Madrid on Friday.");
        assert_eq!(status_of(&x, "meets"), ["planned"]);
        assert!(status_of(&x, "involves").iter().all(|s| s == "planned"));
        assert!(!status_of(&x, "involves").is_empty());
        let x = extract(" date 2025-05-04 Portuguese Foreign Minister Ana Costa met Spanish Foreign Minister Jose Ruiz in Madrid on Friday.");
        assert_eq!(status_of(&x, "meets"), [""]);
        assert!(status_of(&x, "involves").iter().all(String::is_empty));
    }

    /// Coordination with a gap: "X is a member of A and Y of B" makes Y a member of B
    /// (and not of A).
    #[test]
    fn a_gapped_coordination_keeps_each_member_with_its_bloc() {
        let x = extract(" date 2025-05-04 Peru and Chile held talks in Lima on Friday. Peru is a member of APEC and Chile of the Pacific Alliance.");
        let members = relations(&x, "member_of");
        assert!(
            members.contains(&(
                "country:chile".into(),
                "organization:pacific-alliance".into()
            )),
            "{members:?}"
        );
        assert!(
            !members.contains(&(
                "country:chile".into(),
                "organization:asia-pacific-economic-cooperation".into()
            )),
            "{members:?}"
        );
        assert!(
            !members.contains(&(
                "country:peru".into(),
                "organization:pacific-alliance".into()
            )),
            "{members:?}"
        );
    }

    /// An undated participle of elevation describes the ties; it is no elevation of
    /// the article's day.
    #[test]
    fn a_participle_describing_ties_is_no_elevation() {
        let x = extract(" date 2025-05-04 Peruvian Foreign Minister Elmer Schialer welcomed Chilean Foreign Minister Alberto van Klaveren, praising the ties between the two nations, established by their founding fathers, as a model.");
        let dates = milestone_dates(&x);
        assert!(!dates.iter().any(|(k, _)| k == "elevation"), "{dates:?}");
        // Dated, the participle tells an elevation of its own.
        let x = extract(
            " date 2025-05-04 Peru hailed its ties with Chile, established in 1822, as a model.",
        );
        let dates = milestone_dates(&x);
        assert!(
            dates.contains(&("elevation".into(), "1822".into())),
            "{dates:?}"
        );
    }

    /// One named only in an adverbial clause of another trip neither meets nor takes
    /// part, and the trip's city is no venue.
    #[test]
    fn an_adverbial_clause_tells_another_event() {
        let x = extract(" date 2025-05-04 Peruvian President Dina Boluarte met Chilean President Gabriel Boric at the Palacio de la Moneda on Friday, after a trip to Quito by Peruvian Foreign Minister Elmer Schialer in March.");
        let meets = relations(&x, "meets");
        assert!(
            !meets
                .iter()
                .any(|(a, b)| a.contains("schialer") || b.contains("schialer")),
            "{meets:?}"
        );
        assert!(!meets.is_empty(), "{meets:?}");
        // The trip is an event of its own (events' `in_an_earlier_event`); the
        // Friday meeting is not joined by its traveller, nor held at its place.
        let friday = |(m, _): &(String, String)| m.starts_with("milestone:2025-05-02");
        let involves = relations(&x, "involves");
        assert!(
            !involves
                .iter()
                .filter(|r| friday(r))
                .any(|(_, b)| b.contains("schialer")),
            "{involves:?}"
        );
        assert!(involves.iter().any(friday), "{involves:?}");
        let held_in = relations(&x, "held_in");
        assert!(
            !held_in
                .iter()
                .filter(|r| friday(r))
                .any(|(_, p)| p.contains("quito")),
            "{held_in:?}"
        );
    }

    /// (sentence, verb, status)
    #[test]
    fn statuses_of_verbs() {
        let table = [
            ("Peru signed a pact with Chile.", "signed", Status::Held),
            (
                "Peru did not sign the Fisheries Pact with Chile.",
                "sign",
                Status::Denied,
            ),
            ("Peru has yet to sign the pact.", "sign", Status::Denied),
            ("Peru refused to sign the pact.", "sign", Status::Denied),
            (
                "Peru may sign a similar pact with Chile next year.",
                "sign",
                Status::Hypothetical,
            ),
            ("Peru will sign the pact in May.", "sign", Status::Planned),
            ("Peru is set to sign the pact.", "sign", Status::Planned),
            (
                "They agreed to explore the possibility of signing a pact.",
                "signing",
                Status::Explored,
            ),
            ("They hope to sign a pact soon.", "sign", Status::Hoped),
            (
                "They look forward to signing a pact.",
                "signing",
                Status::Hoped,
            ),
            (
                "If talks go well, Peru could sign in May.",
                "sign",
                Status::Hypothetical,
            ),
            // A marker in another clause does not reach: the relative clause's "not".
            (
                "Peru, which did not attend, signed the pact.",
                "signed",
                Status::Held,
            ),
            // Too far before the verb.
            (
                "Peru will host the fair in the old port town and signed a pact.",
                "signed",
                Status::Held,
            ),
        ];
        for (text, word, status) in table {
            let (tokens, c) = clauses(text);
            assert_eq!(c.status_at(at(&tokens, word)), status, "{word} in {text}");
        }
    }
}
