//! What the story carries from one sentence to the next: the last pair named, the last
//! event of each kind, the dates told last.

use super::dating::{day_anaphora, days_apart, definite_at};
use super::{group, trigger_head, Milestone, Trigger};
use crate::extract::officials::Officials;
use crate::extract::{Doc, Sentence};
use crate::model::PartialDate;

/// What the story has told so far, carried from one sentence to the next: "the two
/// leaders" are the last pair named together, "the summit" the last summit told, "the
/// same day" the date told last.
pub(super) struct Story {
    pub(super) milestones: Vec<Milestone>,
    pub(super) last_pair: Vec<usize>,
    pub(super) last_trio: Vec<usize>,
    /// How often each official is named; the most named is the article's protagonist.
    pub(super) protagonist_counts: Vec<usize>,
    pub(super) protagonist: Option<usize>,
    pub(super) last_date_seen: Option<PartialDate>,
    pub(super) last_recent: Option<PartialDate>,
    pub(super) last_bloc: Option<String>,
    /// The latest event of each group so far, for "the summit" to refer back to.
    pub(super) last_of_group: rustc_hash::FxHashMap<&'static str, PartialDate>,
    /// And of each trigger's head noun: "the talks" are the last talks told, even when a
    /// visit or summit was told after them.
    pub(super) last_of_head: rustc_hash::FxHashMap<String, PartialDate>,
    /// The groups the article's own story has an event of, on its day: "the summit" after
    /// a summit years ago recalled in passing is still the story's.
    pub(super) current_groups: Vec<&'static str>,
}

impl Story {
    /// A story before its first sentence; its protagonist is the official named most.
    pub(super) fn new(officials: &Officials) -> Story {
        let mut protagonist_counts = vec![0usize; officials.list.len()];
        for r in &officials.refs {
            protagonist_counts[r.official] += 1;
        }
        let protagonist = protagonist_counts
            .iter()
            .enumerate()
            .max_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        Story {
            milestones: Vec::new(),
            last_pair: Vec::new(),
            last_trio: Vec::new(),
            protagonist_counts,
            protagonist,
            last_date_seen: None,
            last_recent: None,
            last_bloc: None,
            last_of_group: rustc_hash::FxHashMap::default(),
            last_of_head: rustc_hash::FxHashMap::default(),
            current_groups: Vec::new(),
        }
    }

    /// "... co-chaired the session on Tuesday. Their ministers signed a memorandum.": an
    /// undated event told after one of the last few days, with no other date between,
    /// happened then, not on the article's date. Returns the date told last before this
    /// sentence and that recent day, and moves both past the sentence ("who began on
    /// Wednesday her visit, held on Thursday talks": the day told last).
    pub(super) fn advance_dates(
        &mut self,
        doc: &Doc,
        s: &Sentence,
    ) -> (Option<PartialDate>, Option<PartialDate>) {
        let previous_date = self.last_date_seen;
        let just_before = self.last_recent;
        let recent = |d: PartialDate| {
            doc.article_date
                .and_then(|today| days_apart(today, d))
                .is_some_and(|n| (1..=7).contains(&n))
        };
        let dated: Vec<PartialDate> = s
            .dates
            .iter()
            .filter(|d| !d.attributive)
            .map(|d| d.date)
            .collect();
        // "..., which were established in January 1973": a year long past is background
        // and does not break the story's run of days.
        let long_past = |d: &PartialDate| {
            doc.article_date
                .is_some_and(|today| d.year < today.year - 1)
        };
        if !dated.iter().all(long_past) {
            self.last_recent = dated.iter().rev().copied().find(|&d| recent(d));
        }
        if let Some(d) = s.dates.iter().rev().find(|d| !d.attributive) {
            self.last_date_seen = Some(d.date);
        }
        (previous_date, just_before)
    }

    /// The date of an event the sentence refers back to: "the same day" is the date told
    /// last; "During the working dinner", "at the talks" (a definite noun, no date in the
    /// sentence) the date of the last event of that head noun or group, or the story's
    /// own day when that one was long past and the story has such an event on its day.
    pub(super) fn context_date(
        &self,
        doc: &Doc,
        s: &Sentence,
        triggers: &[Trigger],
        previous_date: Option<PartialDate>,
    ) -> Option<PartialDate> {
        // The day of the event told last, not a date told in passing since ("will turn 37
        // in November").
        let last_event = self.milestones.last().map(|m| m.date);
        let mut context_date = if !triggers.is_empty() && day_anaphora(doc, s) {
            last_event.or(previous_date)
        } else {
            None
        };
        let background = |d: PartialDate| {
            doc.article_date
                .is_some_and(|today| d.year < today.year - 1)
        };
        for (pos, kind, words) in triggers {
            if context_date.is_some() || !definite_at(s, *pos) || !s.dates.is_empty() {
                continue;
            }
            context_date = self
                .last_of_head
                .get(&trigger_head(words))
                .or_else(|| self.last_of_group.get(group(kind)))
                .copied();
            let current = self.current_groups.iter().any(|g| *g == group(kind));
            if context_date.is_some_and(background) && current {
                context_date = doc.event_date;
            }
        }
        context_date
    }

    /// "the two leaders" later means the last pair of officials of different countries
    /// named together here; "the three leaders" the last three of three countries.
    pub(super) fn remember_named(&mut self, officials: &Officials, named: &[usize]) {
        if named.len() < 2 {
            return;
        }
        let differ = |a: usize, b: usize| officials.list[a].country != officials.list[b].country;
        if named.iter().any(|&a| named.iter().any(|&b| differ(a, b))) {
            self.last_pair = named.iter().copied().take(2).collect();
        }
        let mut countries: Vec<Option<usize>> =
            named.iter().map(|&o| officials.list[o].country).collect();
        countries.sort_unstable();
        countries.dedup();
        if named.len() == 3 && countries.len() == 3 && !countries.contains(&None) {
            self.last_trio = named.to_vec();
        }
    }

    /// Keeps a sentence's milestone, and its date as the last of its group and head
    /// noun, for "the summit" and "the talks" in later sentences to refer back to (and
    /// its bloc, for "Finland joined on April 4").
    pub(super) fn record(&mut self, doc: &Doc, m: Milestone) {
        if let Some(b) = m.blocs.first() {
            self.last_bloc = Some(b.clone());
        }
        self.last_of_group.insert(group(m.kind), m.date);
        self.last_of_head.insert(trigger_head(&m.trigger), m.date);
        let current = self.current_groups.iter().any(|g| *g == group(m.kind));
        if Some(m.date) == doc.event_date && !current {
            self.current_groups.push(group(m.kind));
        }
        self.milestones.push(m);
    }
}
