//! Milestones: elevations, signings, meetings, summits and anniversaries with their
//! dates, participants, places and agreements; and who met and signed what.
//!
//! The flow (`find`): each sentence is read in turn (`read_sentence`) against what the
//! story told before it ([`story`]): its event words ([`triggers`], [`sessions`]), the
//! kinds of event they tell ([`kinds`]), one event per date ([`instances`], dated by
//! [`dating`]), who met and signed ([`meets`]), and for each event its participants
//! ([`participants`]), venue and forum ([`venues`]), agreements ([`agreements`]) and
//! status ([`status`]). Then the events told more than once are merged ([`merge`]),
//! written out ([`emit`]) and linked ([`follows`]).

mod agreements;
mod dating;
mod emit;
mod follows;
mod instances;
mod kinds;
mod meets;
mod merge;
mod participants;
mod sessions;
mod status;
mod story;
mod triggers;
mod venues;

use super::officials::Officials;
use super::things::Things;
use super::{Doc, Output, Sentence};
use crate::model::PartialDate;
use agreements::{deals_told_before, set_agreement_years};
use dating::definite_at;
use emit::{anniversary_ordinal, emit_milestone, Emitted};
use follows::{relate_follows, relate_told_after};
use instances::{
    event_instances, told_after_a_meeting, told_apart_from_another, told_during_a_meeting,
    told_later_that_day,
};
use kinds::{accessions_told, event_kinds, pairs_own_meeting};
use meets::{
    meeting_pairs, plural_signers, relate_counterparts_met, relate_meetings, relate_signers,
    signing_reported,
};
use merge::{
    drop_restated_headlines, fold_vaguer, join_the_meeting_signed_during, merge_same_events,
};
pub(super) use participants::PLURAL_REFERENCES;
use participants::{countries_here, join_delegations, named_officials};
use status::modality;
use story::Story;
use triggers::sentence_triggers;
use venues::share_venue;

#[derive(Debug, Clone)]
struct Milestone {
    kind: &'static str,
    date: PartialDate,
    sentence: usize,
    officials: Vec<usize>,
    countries: Vec<usize>,
    agreements: Vec<usize>,
    places: Vec<(String, bool)>,
    forums: Vec<String>,
    /// Told in the headline, without a date of its own.
    headline: bool,
    /// Accessions: the blocs joined.
    blocs: Vec<String>,
    trigger: String,
    /// The trigger words of later sentences merged into this event ("the state visit").
    also_told: Vec<String>,
    /// Agreements a later sentence merged in tells with a status of its own ("Kenya did
    /// not sign the Maritime Memorandum": denied): their `concerns` carries it.
    told_otherwise: Vec<(usize, &'static str)>,
    ordinal: Option<String>,
    /// "the summit", "the upcoming signing" with no date: an event named before.
    definite: bool,
    /// The text gave this event its own date (not the article's by default).
    dated: bool,
    /// "will hold a meeting": a future marker just before the trigger.
    future: bool,
    /// What the text says of it beyond held or planned: "denied", "agreed to explore".
    modality: Option<&'static str>,
    /// "received Y, prior to the summit": told as before or after another event of the
    /// day, so kept apart from it.
    apart: bool,
    /// "During the meeting, an agreement was signed": told as during a meeting of its day.
    during: bool,
    /// "inked eight deals after the talks": told as after a meeting of its day.
    after_meeting: bool,
}

/// The noun a trigger ends with, in lower case: "talks" of "held talks".
fn trigger_head(words: &str) -> String {
    words.rsplit(' ').next().unwrap_or(words).to_lowercase()
}

/// A headline: one of the first lines, standing alone with no closing full stop.
fn is_headline(doc: &Doc, si: usize) -> bool {
    let Some(s) = doc.sentences.get(si).filter(|_| si < 2) else {
        return false;
    };
    let rest = doc.text.get(s.span.end..).unwrap_or("");
    let line_ends = rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
    let last = s.tokens.last().map_or("", |t| t.text);
    line_ends && !matches!(last, "." | "?" | "!" | "\"" | "\u{201D}")
}

/// A trigger word in a sentence: (token, milestone kind, the words).
type Trigger = (usize, String, String);
/// One event a sentence tells: its kind, trigger and own date.
type Instance = (&'static str, Trigger, Option<PartialDate>);

fn group(kind: &str) -> &str {
    match kind {
        "summit" | "meeting" => "meeting",
        k => k,
    }
}

/// The milestone kinds of MODEL.md. Joining a bloc is an elevation of the
/// member's ties with it; its name says "Accession of …".
fn kind_name(kind: &str) -> &'static str {
    match kind {
        "elevation" | "accession" => "elevation",
        "signing" => "signing",
        "summit" => "summit",
        "anniversary" => "anniversary",
        "statement" => "statement",
        _ => "meeting",
    }
}

/// Milestones, and who met and signed what: each sentence read in turn (`read_sentence`),
/// then the events told more than once merged (`merge_same_events`), each written out
/// with its relations (`emit_milestone`), the agreements' years set and the later event
/// of an agreement made to follow the earlier (`relate_follows`).
pub(crate) fn find(doc: &Doc, out: &mut Output, officials: &Officials, things: &Things) {
    let mut story = Story::new(officials);
    for si in 0..doc.sentences.len() {
        read_sentence(doc, out, (officials, things), si, &mut story);
    }
    let mut milestones = story.milestones;
    join_delegations(doc, officials, &mut milestones);
    drop_restated_headlines(&mut milestones);
    let mut merged = fold_vaguer(merge_same_events(milestones));
    share_venue(&mut merged);
    join_the_meeting_signed_during(&mut merged);
    let emitted: Vec<(usize, Emitted)> = merged
        .iter()
        .enumerate()
        .filter_map(|(i, m)| emit_milestone(doc, out, (officials, things), m).map(|e| (i, e)))
        .collect();
    let ids: Vec<Emitted> = emitted.iter().map(|(_, e)| e.clone()).collect();
    set_agreement_years(doc, out, things, &merged);
    relate_follows(doc, out, &ids);
    relate_told_after(doc, out, &merged, &emitted);
}

/// One sentence as the event rules read it: who it names, its event words, its
/// agreements and countries, and the dates it refers back to.
struct Scene<'a> {
    doc: &'a Doc<'a>,
    officials: &'a Officials,
    things: &'a Things,
    si: usize,
    s: &'a Sentence<'a>,
    /// The officials named in it (and the one a pronoun subject means).
    direct: Vec<usize>,
    /// Those and the ones a plural means ("the two leaders").
    named: Vec<usize>,
    triggers: Vec<Trigger>,
    /// The agreements named in it.
    agreements: Vec<usize>,
    /// (agreement, token) of each agreement named in it.
    agreement_positions: Vec<(usize, usize)>,
    countries_here: Vec<usize>,
    context_date: Option<PartialDate>,
    just_before: Option<PartialDate>,
    pairs_own: bool,
    /// "the two foreign ministers signed": the officials a plural subject of signing means.
    signers: Vec<usize>,
}

/// A bloc joined in a sentence: (trigger, the countries joining, the bloc, where the
/// clause telling it starts).
type Accession = (usize, Vec<usize>, String, usize);

/// Reads one sentence into the story: its events, with who met whom (`meets`,
/// `counterpart_of`) and who signed what (`signed`) told right away, and a milestone per
/// event it tells ("X and Y held talks in Rome on Monday and signed a trade accord":
/// a meeting and a signing).
fn read_sentence(
    doc: &Doc,
    out: &mut Output,
    (officials, things): (&Officials, &Things),
    si: usize,
    story: &mut Story,
) {
    let s = &doc.sentences[si];
    let (direct, plural, named) = named_officials(doc, officials, si, story);
    let (previous_date, just_before) = story.advance_dates(doc, s);
    let triggers = sentence_triggers(doc, out, things, si);
    if triggers.is_empty() {
        // No event told: only who it names carries on ("the two leaders" later).
        story.remember_named(officials, &named);
        return;
    }
    let context_date = story.context_date(doc, s, &triggers, previous_date);
    let agreement_positions: Vec<(usize, usize)> =
        super::in_sentence(&things.agreement_refs, si, |r| r.sentence)
            .iter()
            .filter_map(|r| r.agreement.map(|a| (a, r.first)))
            .collect();
    let scene = Scene {
        doc,
        officials,
        things,
        si,
        s,
        signers: plural_signers(doc, s, &triggers, &plural),
        direct,
        named,
        agreements: things.agreements_in(si),
        agreement_positions,
        countries_here: countries_here(doc, s),
        context_date,
        just_before,
        pairs_own: pairs_own_meeting(s, &triggers),
        triggers,
    };
    let mut kinds = event_kinds(&scene);
    let accessions = accessions_told(&scene, story.last_bloc.as_ref());
    if !accessions.is_empty() {
        kinds.push("accession");
    }
    // When they met: the sentence's own date, the event it refers to, or the article's.
    let meet_date = scene.meet_date();
    let meet_attrs = scene.meet_attrs(meet_date);
    relate_counterparts_met(&scene, out, &meet_attrs);
    let meeting_like = scene.has("meeting") || scene.has("summit") || kinds.contains(&"signing");
    let meet_pairs = if meeting_like {
        meeting_pairs(&scene, out, story, meet_date)
    } else {
        Vec::new()
    };
    story.remember_named(officials, &scene.named);
    if kinds.contains(&"signing") && signing_reported(&scene) {
        relate_signers(&scene, out, &deals_told_before(&scene, story));
    }
    let instances = event_instances(&scene, &kinds, &accessions);
    relate_meetings(
        doc,
        out,
        officials,
        si,
        (&instances, &scene.triggers),
        &meet_pairs,
        &meet_attrs,
    );
    for instance in &instances {
        let joined = accessions.iter().find(|a| a.0 == instance.1 .0);
        if let Some(m) = scene.milestone(out, &instances, instance, joined) {
            story.record(doc, m);
        }
    }
}

impl Scene<'_> {
    /// Whether an event word of `kind` is in the sentence ("held talks": a meeting).
    fn has(&self, kind: &str) -> bool {
        self.triggers.iter().any(|(_, k, _)| k == kind)
    }

    /// "was held", "were convened", "took place".
    fn held(&self) -> bool {
        self.s.tokens.windows(2).any(|w| {
            matches!(w[0].text, "was" | "were" | "is" | "are" | "be" | "been")
                && matches!(w[1].text, "held" | "convened" | "hosted")
                || w[0].text == "took" && w[1].text == "place"
        })
    }
}

impl Scene<'_> {
    /// The milestone one event of the sentence makes: its date (its own, the one referred
    /// back to, or the article's), and who, where, at which forum and about what.
    fn milestone(
        &self,
        out: &mut Output,
        instances: &[Instance],
        (kind, trigger, own_date): &Instance,
        joined: Option<&Accession>,
    ) -> Option<Milestone> {
        let (kind, own_date, s) = (*kind, *own_date, self.s);
        let agreements = self.event_agreements(instances, (kind, trigger, own_date));
        let definite = own_date.is_none() && kind != "anniversary" && definite_at(s, trigger.0);
        let date = own_date
            .or(self.context_date)
            .or(self.just_before)
            .or(self.doc.event_date)?;
        let places = self.event_places(out, instances, (kind, trigger, own_date));
        let forums = self.event_forums(out, kind, trigger.0);
        let ordinal = (kind == "anniversary")
            .then(|| anniversary_ordinal(s))
            .flatten();
        let countries = self.event_countries(kind, joined, &agreements);
        let blocs: Vec<String> = joined.map(|a| a.2.clone()).into_iter().collect();
        let people = self.event_people(instances, (kind, trigger, own_date), date, joined);
        Some(Milestone {
            kind,
            date,
            sentence: self.si,
            officials: people,
            countries,
            agreements,
            places,
            forums,
            blocs,
            headline: own_date.is_none() && is_headline(self.doc, self.si),
            trigger: trigger.2.clone(),
            also_told: Vec::new(),
            told_otherwise: Vec::new(),
            ordinal,
            definite,
            dated: own_date.is_some(),
            future: (trigger.0.saturating_sub(6)..trigger.0)
                .any(|k| super::dates::is_future_marker(s.word(k))),
            modality: modality(s, trigger.0).or(super::clauses::doubted(s, trigger.0)),
            apart: kind == "meeting"
                && (told_apart_from_another(self.doc, s, trigger.0)
                    || told_later_that_day(s, trigger.0)),
            during: kind == "signing" && told_during_a_meeting(self.doc, s),
            after_meeting: kind == "signing" && told_after_a_meeting(self.doc, s, trigger.0),
        })
    }
}

#[cfg(test)]
mod tests;
