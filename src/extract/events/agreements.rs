//! What an event is about: the agreements and partnerships it concerns, and the years they
//! were made.

use super::instances::belongs_here;
use super::meets::signed_as_participle;
use super::{Instance, Milestone, Scene, Trigger};
use crate::extract::things::Things;
use crate::extract::{Doc, Output, Sentence};
use crate::model::PartialDate;

/// "Novak, who signed the 2022 Framework Agreement, joined talks with Ruiz": the
/// agreements named only in a side clause that the event word at `trigger` is not in
/// are not the event's.
fn told_with(
    s: &Sentence,
    positions: &[(usize, usize)],
    agreements: Vec<usize>,
    trigger: usize,
) -> Vec<usize> {
    agreements
        .into_iter()
        .filter(|&a| {
            let mut at = positions.iter().filter(|&&(x, _)| x == a).peekable();
            at.peek().is_none() || !at.all(|&(_, pos)| s.clauses.elsewhere(pos, trigger))
        })
        .collect()
}

/// "elevated ties from a Strategic Partnership to ...": the level named at `first` is
/// the one left behind.
fn elevated_from(s: &Sentence, first: usize) -> bool {
    let determiner = |k: usize| matches!(s.word(k), "a" | "an" | "the" | "their" | "its");
    first > 0 && s.word(first - 1) == "from"
        || first > 1 && determiner(first - 1) && s.word(first - 2) == "from"
}

/// "a Strategic Partnership, agreed in 2009,": the year a participle clause right after
/// the agreement named at `first` dates it to.
fn participle_year(s: &Sentence, first: usize) -> Option<i16> {
    let comma = (first + 1..first + 8).find(|&k| s.word(k) == ",")?;
    let participle = matches!(
        s.word(comma + 1),
        "agreed"
            | "signed"
            | "established"
            | "launched"
            | "concluded"
            | "forged"
            | "adopted"
            | "inked"
            | "reached"
            | "elevated"
            | "upgraded"
    );
    let prep = matches!(s.word(comma + 2), "in" | "on");
    let date_at = |k: usize| s.dates.iter().find(|d| d.first == k).map(|d| d.date.year);
    (participle && prep)
        .then(|| date_at(comma + 3).or_else(|| date_at(comma + 2)))
        .flatten()
}

/// With several events of one kind in a sentence ("signed a trade deal in 2019 and a
/// visa accord in 2021"), each agreement goes to the nearest of their triggers: those
/// that go to `trigger`.
fn nearest_agreements(
    positions: &[(usize, usize)],
    siblings: &[usize],
    trigger: usize,
) -> Vec<usize> {
    let mut mine = Vec::new();
    for &(a, pos) in positions {
        let nearest = siblings
            .iter()
            .copied()
            .min_by_key(|&t| (t as isize - pos as isize).unsigned_abs());
        if nearest == Some(trigger) && !mine.contains(&a) {
            mine.push(a);
        }
    }
    mine
}

/// "since the normalization of diplomatic relations in 1998, ... the comprehensive
/// strategic partnership": the event founds relations, not the partnership named beside
/// it (its object, right after "of", is relations or ties).
fn founds_relations(s: &Sentence, trigger: usize) -> bool {
    let w = s.word(trigger).to_lowercase();
    let founding = w.starts_with("establish") || w.starts_with("normali");
    let object = |k: usize| matches!(s.word(k), "relations" | "ties");
    founding
        && s.word(trigger + 1) == "of"
        && (object(trigger + 2) || s.word(trigger + 2) == "diplomatic" && object(trigger + 3))
}

/// "from a Strategic Partnership to a Comprehensive one": an elevation reaches the
/// second level only; the one it was elevated from is left behind (unless nothing else
/// is left).
fn reached_agreements(
    s: &Sentence,
    positions: &[(usize, usize)],
    agreements: Vec<usize>,
) -> Vec<usize> {
    let left_behind = |a: usize| {
        let mut at = positions.iter().filter(|&&(x, _)| x == a);
        at.clone().next().is_some() && at.all(|&(_, pos)| elevated_from(s, pos))
    };
    let reached: Vec<usize> = agreements
        .iter()
        .copied()
        .filter(|&a| !left_behind(a))
        .collect();
    if reached.is_empty() {
        agreements
    } else {
        reached
    }
}

/// An agreement's year: that of its earliest elevation or signing, or of a participle
/// ("the accord, signed in 2016,"), or the year its name gives ("the 1951 Treaty").
pub(super) fn set_agreement_years(
    doc: &Doc,
    out: &mut Output,
    things: &Things,
    merged: &[Milestone],
) {
    let mut years: std::collections::BTreeMap<usize, i16> = std::collections::BTreeMap::new();
    let made = merged
        .iter()
        .filter(|m| matches!(m.kind, "elevation" | "signing"));
    for m in made {
        for &a in &m.agreements {
            let y = years.entry(a).or_insert(m.date.year);
            *y = (*y).min(m.date.year);
        }
    }
    for r in &things.agreement_refs {
        let Some(a) = r.agreement else { continue };
        if let Some(y) = participle_year(&doc.sentences[r.sentence], r.first) {
            let year = years.entry(a).or_insert(y);
            *year = (*year).min(y);
        }
    }
    for (a, agreement) in things.agreements.iter().enumerate() {
        if let Some(y) = agreement.named_year() {
            years.insert(a, y);
        }
    }
    for (a, y) in years {
        out.attr(&things.agreements[a].id, "year", &y.to_string());
    }
}

/// "the 15th anniversary of the signing of the Exchange of Letters", "20 years of the
/// Strategic Partnership": agreement `a` is what anniversary `m` marks when its sentence
/// names it within a few words after its first anniversary word, with no "relations" or
/// "ties" between ("the 50th anniversary of diplomatic ties and the new Partnership"
/// marks the ties).
pub(super) fn marked_by_the_anniversary(
    doc: &Doc,
    things: &Things,
    m: &Milestone,
    a: usize,
) -> bool {
    let s = &doc.sentences[m.sentence];
    // The sentence's first anniversary word is the event's; a later one is another's.
    let Some(k) = (0..s.tokens.len())
        .find(|&k| matches!(s.word(k), "anniversary" | "years") && s.word(k + 1) == "of")
    else {
        return false;
    };
    let clear = |first: usize| {
        (k + 1..first).all(|j| !matches!(s.word(j), "relations" | "ties" | "and" | "," | ";"))
    };
    crate::extract::in_sentence(&things.agreement_refs, m.sentence, |r| r.sentence)
        .iter()
        .filter(|r| r.agreement == Some(a))
        .any(|r| r.first > k && r.first <= k + 8 && clear(r.first))
}

/// The agreements an event is about: an elevation reaches its partnership, not the deals
/// signed as part of it ("signed a police deal as part of an upgrade of their relations
/// to a comprehensive strategic partnership").
pub(super) fn concerned(m: &Milestone, things: &Things) -> Vec<usize> {
    let partnerships: Vec<usize> = m
        .agreements
        .iter()
        .copied()
        .filter(|&a| things.agreements[a].partnership)
        .collect();
    if m.kind == "elevation" && !partnerships.is_empty() {
        partnerships
    } else {
        m.agreements.clone()
    }
}

impl Scene<'_> {
    /// The agreements an event is about: "the Treaty signed on 11 July 1952, the MoU
    /// signed on 28 November 2000": the one each participle tells; with several events of
    /// one kind, those nearest its trigger; a meeting beside other events, those that
    /// belong with it ("held talks and reviewed the partnership established in 2018": the
    /// partnership is the other event's); an elevation "from a Strategic Partnership to a
    /// Comprehensive one": the second only.
    pub(super) fn event_agreements(
        &self,
        instances: &[Instance],
        (kind, trigger, own_date): (&str, &Trigger, Option<PartialDate>),
    ) -> Vec<usize> {
        let (s, positions) = (self.s, &self.agreement_positions);
        let siblings: Vec<usize> = instances
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, t, _)| t.0)
            .collect();
        let participle = (kind == "signing")
            .then(|| signed_as_participle(s, trigger.0, positions))
            .flatten();
        let agreements: Vec<usize> = if let Some(a) = participle {
            vec![a]
        } else if siblings.len() > 1 {
            nearest_agreements(positions, &siblings, trigger.0)
        } else if matches!(kind, "meeting" | "summit") && instances.len() > 1 {
            let mut v = Vec::new();
            for &(a, pos) in positions {
                if belongs_here(instances, pos, own_date) && !v.contains(&a) {
                    v.push(a);
                }
            }
            v
        } else {
            self.agreements.clone()
        };
        let agreements = if kind == "elevation" && founds_relations(s, trigger.0) {
            Vec::new()
        } else if kind == "elevation" {
            reached_agreements(s, positions, agreements)
        } else {
            agreements
        };
        told_with(s, positions, agreements, trigger.0)
    }
}
