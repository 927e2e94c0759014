//! When an event happened: the date mentions that can date an event word, and the day a
//! sentence refers back to.

use super::{Scene, Trigger};
use crate::extract::{Doc, Sentence};
use crate::model::PartialDate;

/// "will travel on Thursday to Bogota, where he is due to meet X": the "where" clause
/// at `comma` tells what happens on the trip to that place, on the trip's date.
fn trip_venue(s: &Sentence, comma: usize) -> bool {
    s.word(comma + 1) == "where"
        && comma >= 2
        && s.tokens[comma - 1].is_capitalized()
        && matches!(
            s.word(comma - 2),
            "to" | "in" | "travel" | "visit" | "visits" | "visited" | "visiting"
        )
}

/// The comma that closes a sentence's opening clause of background ("Recalling …,",
/// "Noting …,", "Building on …,"), if the sentence opens with one.
fn background_clause_end(s: &Sentence) -> Option<usize> {
    s.clauses.background_end()
}

/// Days between two day-precise dates.
pub(super) fn days_apart(a: PartialDate, b: PartialDate) -> Option<i64> {
    let day = |p: PartialDate| jiff::civil::Date::new(p.year, p.month?, p.day?).ok();
    let (x, y) = (day(a)?, day(b)?);
    Some((x - y).get_days().into())
}

/// "the same day", "that day", "At the end of the work day": the date the text spoke of
/// last (data/lexicon.ron `same_day_phrases`).
pub(super) fn day_anaphora(doc: &Doc, s: &Sentence) -> bool {
    use crate::extract::clauses::SAME_DAY_CLOSER;
    let phrases = &doc.lex.same_day_phrases;
    s.clauses.sentence_has(SAME_DAY_CLOSER)
        && s.clauses
            .words_with(crate::extract::clauses::SAME_DAY_OPENER)
            .any(|i| phrases.starting_at(&s.tokens, i).next().is_some())
}

/// "During the working dinner", "at the talks": a definite noun names an event told
/// before; "the two leaders signed" (a verb) tells a new one.
pub(super) fn definite_at(s: &Sentence, pos: usize) -> bool {
    let verb = crate::extract::lexicon::with_lower(s.word(pos), |w| {
        w.ends_with("ed")
            || matches!(
                w,
                "sign"
                    | "signs"
                    | "met"
                    | "meet"
                    | "meets"
                    | "host"
                    | "hosts"
                    | "receive"
                    | "ink"
                    | "inks"
                    | "seal"
                    | "issue"
            )
    });
    if verb {
        return false;
    }
    let mut k = pos;
    for _ in 0..4 {
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        let w = s.word(p);
        if matches!(w, "the" | "The" | "this" | "This" | "that" | "upcoming") {
            return !matches!(s.word(pos + 1), "of" | "to" | "between" | "with");
        }
        if !(s.tokens[p].is_word() || w == "-")
            || matches!(w, "a" | "an" | "A" | "An")
            || opens_another_phrase(w)
        {
            return false;
        }
        k = p;
    }
    false
}

/// "on the sidelines of official visit by X": a preposition between an event word and
/// the determiner before it opens the event's own phrase, so "the" is another noun's
/// and the event is not one told before.
fn opens_another_phrase(w: &str) -> bool {
    matches!(
        w,
        "of" | "by" | "for" | "with" | "in" | "at" | "on" | "during" | "after" | "before"
    )
}

/// Whether date mention `d` can date the event word at `trigger`: not an attribute of
/// another noun, not a side clause's ("from a Partnership, agreed in 2012, to ..."), not
/// "since 2021" (the previous one's), not in another event's phrase, not background an
/// opening clause recalls ("Recalling the partnership of 2015, the two sides agreed"),
/// and near enough (`near_enough`).
fn dates_the_trigger(
    s: &Sentence,
    triggers: &[Trigger],
    d: &crate::extract::dates::DateMention,
    trigger: usize,
) -> bool {
    (!d.attributive || d.last + 2 >= trigger && d.last < trigger)
        && (!d.anchors_following || d.last < trigger)
        && (!s.clauses.apart(d.first, trigger) || held_then(s, trigger, d.first))
        && (d.first == 0 || s.word(d.first - 1) != "since")
        && !in_since_phrase(s, d.first, trigger)
        && !in_an_earlier_event(s, triggers, d.first, trigger)
        && background_clause_end(s).is_none_or(|end| (d.last < end) == (trigger < end))
        && !dates_the_telling(s, d.first, trigger)
        && near_enough(s, d, trigger)
}

/// "his first visit to Seoul since the inauguration of the new government in August":
/// a date closing a "since" phrase after the event word dates the earlier event.
fn in_since_phrase(s: &Sentence, date: usize, trigger: usize) -> bool {
    (trigger + 1..date)
        .rev()
        .take_while(|&k| s.tokens[k].is_word() && date - k <= 10)
        .any(|k| s.word(k) == "since")
}

/// "X will arrive on Monday for talks, officials confirmed Sunday": a date in the clause
/// that says who tells the sentence dates the telling, not the event told.
fn dates_the_telling(s: &Sentence, date: usize, trigger: usize) -> bool {
    s.clauses.kind_at(date) == crate::extract::clauses::ClauseKind::Attribution
        && !s.clauses.same_clause(date, trigger)
}

/// "In 2023, ..." frames the whole sentence; ", also liberated ... in 2020" is a side
/// clause whose date is not the event's; "in 2000, when X visited": a "when" clause right
/// after a date tells what happened then; "held talks with the Foreign Minister of X,
/// H.H. Y, on 10 September.": a day set off at the close of the sentence is its event's.
fn near_enough(s: &Sentence, d: &crate::extract::dates::DateMention, trigger: usize) -> bool {
    let distance = (d.first as isize - trigger as isize).unsigned_abs();
    let (a, b) = if d.first < trigger {
        (d.last, trigger)
    } else {
        (trigger, d.first)
    };
    let dates_the_clause =
        |k: usize| d.last + 1 == k && d.first < trigger && s.word(k + 1) == "when";
    let side_clause = (a..b).any(|k| {
        clause_comma(s, k)
            && !trip_venue(s, k)
            && !dates_the_clause(k)
            && !held_then(s, trigger, d.first)
            && (matches!(
                s.word(k + 1),
                "also" | "which" | "who" | "where" | "when" | "whose"
            ) || s.word(k + 1).ends_with("ed")
                && !s.tokens.get(k + 1).is_some_and(|t| t.is_capitalized()))
    });
    let comma = (a..b).any(|k| clause_comma(s, k));
    let closing_day = d.first > trigger
        && d.date.day.is_some()
        && d.first >= 2
        && s.word(d.first - 1) == "on"
        && s.word(d.first - 2) == ","
        && s.tokens.get(d.last + 1).is_none_or(|t| !t.is_word());
    d.first <= 2 || distance <= 6 || closing_day || !side_clause && (distance <= 15 || !comma)
}

/// "the first meeting of the Joint Trade Committee, held in Lima in May 2019": the first
/// comma after the event word at `trigger` opens a participle of holding that tells where
/// and when that event took place, so the date (or place) at `date` in it is the event's
/// own.
pub(super) fn held_then(s: &Sentence, trigger: usize, date: usize) -> bool {
    let Some(k) = (trigger + 1..date).find(|&k| clause_comma(s, k)) else {
        return false;
    };
    matches!(s.word(k + 1), "held" | "convened" | "hosted")
        && !(k + 1..date).any(|j| clause_comma(s, j))
}

/// A comma at `k` that can close a clause: not one inside a number ("50,000 jobs").
fn clause_comma(s: &Sentence, k: usize) -> bool {
    let digit_before = k
        .checked_sub(1)
        .is_some_and(|b| s.word(b).ends_with(|c: char| c.is_ascii_digit()));
    let digit_after = s.word(k + 1).starts_with(|c: char| c.is_ascii_digit());
    s.word(k) == "," && !(digit_before && digit_after && s.word(k + 1).len() == 3)
}

/// "met Y at the palace, after a trip to Algiers by X in March": the phrase in which an
/// event word opened by "after a", "following a" or "before a" tells another, new event,
/// from the preposition to the next comma. Returns its first and last token.
pub(super) fn event_phrase(s: &Sentence, trigger: usize) -> Option<(usize, usize)> {
    let start = (trigger.saturating_sub(3)..trigger)
        .rev()
        .take_while(|&k| s.tokens[k].is_word() && !s.tokens[k].is_capitalized())
        .find(|&k| {
            matches!(s.word(k), "after" | "following" | "before")
                && matches!(s.word(k + 1), "a" | "an")
        })?;
    let end = (trigger..s.tokens.len())
        .find(|&k| s.word(k) == ",")
        .map_or(s.tokens.len().saturating_sub(1), |k| k.saturating_sub(1));
    Some((start, end))
}

/// Whether the date at `pos` lies in the phrase of another event than the one at
/// `trigger` ("met on Monday, after a trip ... in March": March is the trip's).
fn in_an_earlier_event(s: &Sentence, triggers: &[Trigger], pos: usize, trigger: usize) -> bool {
    triggers.iter().any(|&(t, _, _)| {
        t != trigger
            && event_phrase(s, t)
                .is_some_and(|(a, b)| a <= pos && pos <= b && !(a <= trigger && trigger <= b))
    })
}

/// Where in the sentence the meeting of a `meets` is told, to date it by the nearest date:
/// the first meeting word, else the first signing word. "Oslo, March 14 (NTB) X and Y on
/// Thursday signed the agreement": they met on Thursday, not on the dateline's day.
pub(super) fn meet_anchor(triggers: &[Trigger]) -> usize {
    let first = |kinds: &[&str]| {
        triggers
            .iter()
            .find(|(_, k, _)| kinds.contains(&k.as_str()))
            .map(|(p, _, _)| *p)
    };
    first(&["meeting", "summit"])
        .or_else(|| first(&["signing"]))
        .unwrap_or(0)
}

impl Scene<'_> {
    /// When the officials of a meeting sentence met: the date nearest its meeting word
    /// in the same clause ("X and Y on Thursday signed": Thursday), else the event it
    /// refers back to, the recent day told before it, or the article's.
    pub(super) fn meet_date(&self) -> Option<PartialDate> {
        let s = self.s;
        let anchor = meet_anchor(&self.triggers);
        s.dates
            .iter()
            .filter(|d| !d.attributive && !s.clauses.apart(d.first, anchor))
            .min_by_key(|d| (d.first as isize - anchor as isize).unsigned_abs())
            .map(|d| d.date)
            .or(self.context_date)
            .or(self.just_before)
            .or(self.doc.event_date)
    }

    /// The date a trigger speaks of: the nearest date that can date it
    /// (`dates_the_trigger`); "established a partnership in 2013": a date after the verb,
    /// before the next event word, belongs to it; "the Aug. 13 normalization": a date
    /// right before its noun is its own.
    pub(super) fn date_of(&self, trigger: usize) -> Option<PartialDate> {
        let distance = |d: &crate::extract::dates::DateMention| {
            (d.first as isize - trigger as isize).unsigned_abs()
        };
        let next_trigger = self
            .triggers
            .iter()
            .map(|(p, _, _)| *p)
            .filter(|&p| p > trigger)
            .min();
        self.s
            .dates
            .iter()
            .filter(|d| dates_the_trigger(self.s, &self.triggers, d, trigger))
            .min_by_key(|d| {
                let follows = d.first > trigger && next_trigger.is_none_or(|n| d.first < n);
                let adjacent = d.attributive && d.last + 2 >= trigger && d.last < trigger;
                (!adjacent, !follows, distance(d))
            })
            .map(|d| d.date)
    }
}
