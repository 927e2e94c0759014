//! One milestone per event: the sentences telling the same event merged, vaguer tellings
//! folded into fuller ones.

use super::dating::days_apart;
use super::{group, Milestone};
use crate::model::PartialDate;

/// "X met Y on Monday. During the meeting, an agreement was signed": those who met take
/// part in the signing told during their meeting of that day.
pub(super) fn join_the_meeting_signed_during(merged: &mut [Milestone]) {
    for i in 0..merged.len() {
        if !merged[i].during {
            continue;
        }
        let date = merged[i].date;
        let met: Vec<usize> = merged
            .iter()
            .filter(|e| matches!(e.kind, "meeting" | "summit") && e.date == date)
            .flat_map(|e| e.officials.iter().copied())
            .collect();
        for o in met {
            if !merged[i].officials.contains(&o) {
                merged[i].officials.push(o);
            }
        }
    }
}

/// "India, Philippines elevate ties to Strategic Partnership": a headline restates the
/// event the article tells with its date.
/// One of long ago ("diplomatic relations established in 1949") is another event.
pub(super) fn drop_restated_headlines(milestones: &mut Vec<Milestone>) {
    let told_below: Vec<(&str, i16)> = milestones
        .iter()
        .filter(|m| !m.headline)
        .map(|m| (group(m.kind), m.date.year))
        .collect();
    milestones.retain(|m| {
        !m.headline
            || !told_below
                .iter()
                .any(|&(g, year)| g == group(m.kind) && year + 1 >= m.date.year)
    });
}

/// One milestone per kind and date: later sentences about the same event add to it
/// ("X met Y on Monday. ... During the talks, the ministers signed ..."). An undated
/// meeting during a visit that began a few days earlier is part of it; "the talks"
/// dated by the talks told before are those talks, though a visit of another day came
/// later; a definite event ("the summit") with nothing to merge into is dropped; one
/// told apart ("prior to the summit") is merged into nothing.
pub(super) fn merge_same_events(milestones: Vec<Milestone>) -> Vec<Milestone> {
    let mut merged: Vec<Milestone> = Vec::new();
    for m in milestones {
        let within_visit = |e: &Milestone| {
            !m.dated
                && group(m.kind) == "meeting"
                && days_apart(m.date, e.date).is_some_and(|d| (0..=3).contains(&d))
        };
        // An event kept apart takes in later sentences of its own kind only: "During the
        // summit" is not the meeting told as before it.
        let takes = |e: &Milestone| !e.apart || e.kind == m.kind;
        let same = |e: &Milestone| {
            takes(e)
                && group(e.kind) == group(m.kind)
                && (e.date == m.date || m.definite || within_visit(e))
        };
        if m.apart {
            merged.push(m);
            continue;
        }
        if m.definite && !merged.iter().any(same) {
            continue;
        }
        let on_its_day = merged
            .iter()
            .rposition(|e| takes(e) && group(e.kind) == group(m.kind) && e.date == m.date);
        match on_its_day.or_else(|| merged.iter().rposition(same)) {
            Some(i) => merge_into(&mut merged[i], m),
            None => merged.push(m),
        }
    }
    merged
}

/// Adds what a later sentence tells of an event to it: a summit word makes it a summit;
/// its officials, agreements, places, forums, blocs and trigger word join.
fn merge_into(e: &mut Milestone, m: Milestone) {
    let otherwise = told_otherwise(e, &m);
    e.told_otherwise.extend(otherwise);
    if m.kind == "summit" {
        e.kind = "summit";
    }
    for o in m.officials {
        if !e.officials.contains(&o) {
            e.officials.push(o);
        }
    }
    for a in m.agreements {
        if !e.agreements.contains(&a) {
            e.agreements.push(a);
        }
    }
    for p in m.places {
        if !e.places.contains(&p) {
            e.places.push(p);
        }
    }
    e.forums.extend(m.forums);
    e.blocs.extend(m.blocs);
    e.also_told.push(m.trigger);
}

/// What a later sentence `m` merged into event `e` tells of agreements `e` has not named,
/// when it tells them otherwise than `e` is told: "X and Y signed a defence pact on
/// Monday. X did not sign the maritime memorandum": the memorandum, denied. The
/// statuses `m` itself carries from its own merges come along.
pub(super) fn told_otherwise(e: &Milestone, m: &Milestone) -> Vec<(usize, &'static str)> {
    let mut out = m.told_otherwise.clone();
    if let Some(status) = m.modality.filter(|_| m.modality != e.modality) {
        for &a in &m.agreements {
            if !e.agreements.contains(&a) && !out.iter().any(|&(x, _)| x == a) {
                out.push((a, status));
            }
        }
    }
    out
}

/// "The partnership was launched 20 years ago ... It was launched on 11 July 1997": an
/// elevation or signing told once with a year (or month) only and once with a fuller date
/// within it, of the same agreement (or, with none, of the same countries), is one event,
/// kept at the fuller date.
pub(super) fn fold_vaguer(merged: Vec<Milestone>) -> Vec<Milestone> {
    let within = |vague: PartialDate, full: PartialDate| {
        vague.year == full.year
            && (vague.month.is_none() && full.month.is_some()
                || vague.month == full.month && vague.day.is_none() && full.day.is_some())
    };
    let same_thing = |a: &Milestone, b: &Milestone| {
        if a.agreements.is_empty() && b.agreements.is_empty() {
            !a.countries.is_empty()
                && a.countries.len() == b.countries.len()
                && a.countries.iter().all(|c| b.countries.contains(c))
        } else {
            a.agreements.iter().any(|x| b.agreements.contains(x))
        }
    };
    let mut out: Vec<Milestone> = Vec::with_capacity(merged.len());
    let mut folded = vec![false; merged.len()];
    for (i, m) in merged.iter().enumerate() {
        let fuller = matches!(m.kind, "elevation" | "signing")
            && merged
                .iter()
                .any(|e| e.kind == m.kind && within(m.date, e.date) && same_thing(m, e));
        folded[i] = fuller;
    }
    for (i, m) in merged.iter().enumerate() {
        if folded[i] {
            continue;
        }
        let mut m = m.clone();
        let vaguer: Vec<&Milestone> = merged
            .iter()
            .enumerate()
            .filter(|&(j, v)| {
                folded[j] && v.kind == m.kind && within(v.date, m.date) && same_thing(v, &m)
            })
            .map(|(_, v)| v)
            .collect();
        for &o in vaguer.iter().flat_map(|v| &v.officials) {
            if !m.officials.contains(&o) {
                m.officials.push(o);
            }
        }
        out.push(m);
    }
    out
}
