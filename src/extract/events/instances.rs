//! The events one sentence tells: one per differently dated event word, and which of them a
//! venue or agreement belongs to.

use super::dating::event_phrase;
use super::{Accession, Instance, Scene, Trigger};
use crate::extract::officials::Officials;
use crate::extract::{Doc, Sentence};
use crate::model::PartialDate;

/// "... the World Bank, which also signed it": an undated signing or elevation told in
/// a relative clause or of "it", in a sentence that dates another of its kind, restates
/// that one.
fn restated(
    s: &Sentence,
    pos: usize,
    kind: &str,
    of_kind: &[Trigger],
    date_of: &impl Fn(usize) -> Option<PartialDate>,
) -> bool {
    matches!(kind, "signing" | "elevation")
        && (matches!(s.word(pos + 1), "it" | "them")
            || (pos.saturating_sub(3)..pos).any(|k| s.word(k) == "which"))
        && date_of(pos).is_none()
        && of_kind.iter().any(|o| o.0 != pos && date_of(o.0).is_some())
}

/// "The treaty was signed in 1960 ... after nine years of negotiations": an undated
/// meeting in a sentence that dates another event in a year before the article's is of
/// that past too, not of the article's day.
fn undated_in_the_past(
    doc: &Doc,
    si: usize,
    pos: usize,
    kind: &str,
    triggers: &[Trigger],
    date_of: &impl Fn(usize) -> Option<PartialDate>,
) -> bool {
    let Some(today) = doc.article_date else {
        return false;
    };
    // A noun after the dated event ("... after years of negotiations"), not a verb
    // of its own ("X met Y on the eve of the anniversary of ties set up in 1972").
    let w = doc.sentences.get(si).map_or("", |s| s.word(pos));
    let noun = !(w.ends_with("ed") || matches!(w, "met" | "meet" | "meets" | "held"));
    noun && matches!(kind, "meeting" | "summit")
        && date_of(pos).is_none()
        && triggers
            .iter()
            .any(|t| t.0 < pos && date_of(t.0).is_some_and(|d| d.year < today.year))
}

/// "X met Y in Manila, while Z received W at the palace": undated meetings told by
/// verbs in clauses of their own, each after its own subject. The first meeting verb,
/// and each later one right after an official (no comma between) that a clause word
/// ("while", "and", ";", "whereas") opens: (trigger, no date). Fewer than two: none.
pub(super) fn clause_events(
    s: &Sentence,
    officials: &Officials,
    si: usize,
    triggers: &[Trigger],
) -> Vec<(usize, Option<PartialDate>)> {
    let verb = |w: &str| {
        matches!(
            w,
            "met" | "meets" | "received" | "receives" | "hosted" | "hosts" | "signed"
        ) || w.starts_with("held")
    };
    let mut verbs: Vec<usize> = triggers
        .iter()
        .filter(|(_, k, w)| matches!(k.as_str(), "meeting" | "summit" | "signing") && verb(w))
        .map(|(p, _, _)| *p)
        .collect();
    verbs.sort_unstable();
    let Some(&first) = verbs.first() else {
        return Vec::new();
    };
    let mut events = vec![(first, None)];
    for &v in &verbs[1..] {
        let subject = officials.refs_in(si).find(|r| {
            r.first > first
                && r.last < v
                && v - r.last <= 3
                && (r.last + 1..v).all(|k| s.word(k) != ",")
        });
        let opened = subject.is_some_and(|r| {
            (r.first.saturating_sub(6)..r.first)
                .any(|k| matches!(s.word(k), "while" | "whereas" | ";" | "and"))
        });
        if opened {
            events.push((v, None));
        }
    }
    if events.len() < 2 {
        events.clear();
    }
    events
}

/// "normalized relations in 1995 and established a partnership in 2013": the events a
/// sentence tells, one per differently dated elevation or signing, and one meeting unless
/// another is told with a date of its own (`own_meeting`). A kind with no trigger of its
/// own (a summit's meeting words) is one undated event.
pub(super) fn event_instances(
    scene: &Scene,
    kinds: &[&'static str],
    accessions: &[Accession],
) -> Vec<Instance> {
    let s = scene.s;
    let date_of = |t: usize| scene.date_of(t);
    let mut instances: Vec<Instance> = Vec::new();
    for &kind in kinds {
        let of_kind: Vec<Trigger> = scene
            .triggers
            .iter()
            .filter(|(p, k, _)| {
                k == kind && (kind != "accession" || accessions.iter().any(|a| a.0 == *p))
                    || (kind == "summit" && k == "meeting")
            })
            .cloned()
            .collect();
        if of_kind.is_empty() {
            instances.push((kind, (0, kind.to_string(), kind.to_string()), None));
            continue;
        }
        let told = of_kind.iter().filter(|t| {
            !restated(s, t.0, kind, &of_kind, &date_of)
                && !undated_in_the_past(scene.doc, scene.si, t.0, kind, &scene.triggers, &date_of)
        });
        for t in told {
            let d = date_of(t.0);
            let repeated = instances.iter().any(|(k, _, od)| *k == kind && *od == d);
            let new = matches!(kind, "elevation" | "signing")
                || own_meeting(s, &instances, kind, t.0, d)
                || !instances.iter().any(|(k, _, _)| *k == kind);
            if !repeated && new {
                instances.push((kind, t.clone(), d));
            }
        }
    }
    instances
}

/// "flew on Tuesday to Doha to meet X, and will visit Abu Dhabi on Wednesday": a meeting
/// told with a date of its own is another meeting. "X's visit came a week after Y
/// travelled for talks": a date that anchors the event after it is that event's own,
/// and the undated event before it another.
fn own_meeting(
    s: &Sentence,
    instances: &[Instance],
    kind: &str,
    trigger: usize,
    d: Option<PartialDate>,
) -> bool {
    let anchored = |d: Option<PartialDate>| {
        s.dates
            .iter()
            .any(|m| m.anchors_following && Some(m.date) == d)
    };
    let others_undated_or_apart = || {
        instances
            .iter()
            .all(|(k, ot, od)| *k != kind || od.is_some() || s.clauses.apart(trigger, ot.0))
    };
    matches!(kind, "meeting" | "summit")
        && (d.is_some()
            && (anchored(d) || event_phrase(s, trigger).is_some() || others_undated_or_apart())
            || d.is_none()
                && instances
                    .iter()
                    .all(|(k, _, od)| *k != kind || anchored(*od)))
}

/// "Earlier on Sunday, X received Y at the palace, prior to the summit", "met Y before
/// the talks": a meeting told as before or after another meeting or summit (another
/// event word after "prior to", "ahead of", "before", "after", "following") is another
/// event than that one, though on its day; not one with a date of its own in its phrase
/// ("met Y, after a trip to Lima by Z in March": `dated_elsewhere`).
pub(super) fn told_apart_from_another(doc: &Doc, s: &Sentence, trigger: usize) -> bool {
    let other_event = |k: usize| {
        k != trigger
            && doc
                .lex
                .triggers
                .starting_at(&s.tokens, k)
                .any(|(_, _, kind)| matches!(kind.as_str(), "meeting" | "summit"))
            && !dated_elsewhere(s, k)
    };
    (0..s.tokens.len()).any(|k| {
        let opens = matches!(
            (s.word(k), s.word(k + 1)),
            ("prior", "to") | ("ahead", "of")
        ) || matches!(s.word(k), "before" | "after" | "following");
        let from = if matches!(s.word(k), "prior" | "ahead") {
            k + 2
        } else {
            k + 1
        };
        opens
            && matches!(s.word(from), "the" | "their" | "a")
            && (from + 1..(from + 4).min(s.tokens.len())).any(other_event)
    })
}

/// "X met Y on Monday. X later held talks with Z": "later" (or "afterwards") just before
/// a meeting word tells another meeting of the day, after the one told before.
pub(super) fn told_later_that_day(s: &Sentence, trigger: usize) -> bool {
    (trigger.saturating_sub(3)..trigger)
        .any(|k| matches!(s.word(k), "later" | "Later" | "afterwards" | "Afterwards"))
}

/// "met Y at the palace, after a trip to Lima by Z in March": the event word at `k` opens
/// a phrase of a new event (`event_phrase`) that holds a date of its own, so that event
/// is on another day than the one told beside it.
fn dated_elsewhere(s: &Sentence, k: usize) -> bool {
    event_phrase(s, k).is_some_and(|(first, last)| {
        s.dates
            .iter()
            .any(|d| !d.attributive && d.first >= first && d.last <= last)
    })
}

/// With several events in one sentence, a venue or agreement at `pos` goes with the
/// events dated like the one nearest to it: "held talks in New Delhi and reviewed the
/// partnership established in 2018" puts New Delhi with the talks only.
pub(super) fn belongs_here(instances: &[Instance], pos: usize, own: Option<PartialDate>) -> bool {
    let nearest = instances
        .iter()
        .min_by_key(|(_, t, _)| (t.0 as isize - pos as isize).unsigned_abs())
        .map(|(_, _, d)| *d);
    instances.len() < 2 || nearest == Some(own)
}

/// "inked eight deals after the talks", "signed ... following their meeting": a meeting
/// word (data/lexicon.ron) right after "after" or "following" and a determiner, past the
/// signing word at `trigger`.
pub(super) fn told_after_a_meeting(doc: &Doc, s: &Sentence, trigger: usize) -> bool {
    (trigger + 1..s.tokens.len()).any(|k| {
        matches!(s.word(k), "after" | "following")
            && matches!(s.word(k + 1), "the" | "their")
            && doc
                .lex
                .triggers
                .starting_at(&s.tokens, k + 2)
                .any(|(_, _, kind)| matches!(kind.as_str(), "meeting" | "summit"))
    })
}

/// "During the meeting, an agreement was signed": the sentence opens by placing its
/// event during a meeting or talks (a meeting word of data/lexicon.ron).
pub(super) fn told_during_a_meeting(doc: &Doc, s: &Sentence) -> bool {
    s.word(0).eq_ignore_ascii_case("during")
        && matches!(s.word(1), "the" | "their" | "this")
        && (2..5).any(|k| {
            doc.lex
                .triggers
                .starting_at(&s.tokens, k)
                .any(|(_, _, kind)| matches!(kind.as_str(), "meeting" | "summit"))
        })
}
