//! Where an event was held: its places and venue countries (`held_in`) and the forums it
//! was held at (`held_at`).

use super::dating::held_then;
use super::instances::belongs_here;
use super::sessions::session_forums;
use super::{Instance, Milestone, Scene, Trigger};
use crate::extract::lexicon::ProperTarget;
use crate::extract::{Doc, Output, Sentence};
use crate::model::PartialDate;

/// "signed on Wednesday at a ceremony at the Carthage Palace", "in a ceremony held in the
/// Hall of Nations": the place at `place` ("the" before it) is where the ceremony of the
/// signing took place.
fn ceremony_venue(s: &Sentence, place: usize) -> bool {
    (place.saturating_sub(5)..place.saturating_sub(2)).any(|k| s.word(k) == "ceremony")
}

/// "Abuja, where he met": a place right before a "where" clause that tells the meeting.
fn where_clause(s: &Sentence, place: usize, trigger: usize) -> bool {
    (place + 1..(place + 5).min(trigger)).any(|k| {
        s.word(k) == ","
            && s.word(k + 1) == "where"
            && (place + 1..k).all(|j| s.tokens[j].is_capitalized())
    })
}

/// "the next GCC summit": the bloc names the event; "Foreign ministers of the GCC met":
/// its members meet in it.
fn names_the_forum(s: &Sentence, org: usize, trigger: usize) -> bool {
    org + 1 == trigger && !s.word(org).contains('-')
        || org < trigger
            && trigger - org <= 4
            && matches!(s.word(org.saturating_sub(1)), "of" | "the")
            && (org.saturating_sub(3)..org).any(|k| {
                matches!(
                    s.word(k),
                    "ministers" | "leaders" | "heads" | "Ministers" | "Leaders"
                )
            })
            && (org + 1..trigger).all(|k| s.tokens[k].is_capitalized())
}

/// "said in a statement to Oman News Agency": a country followed by more capitalised
/// words (not a day or month: "arrived in India Monday") opens another name.
fn opens_a_name(s: &Sentence, last: usize) -> bool {
    s.tokens.get(last + 1).is_some_and(|t| {
        t.is_word()
            && t.is_capitalized()
            && !crate::extract::dates::is_weekday_name(t.text)
            && !crate::extract::dates::is_month_name(t.text)
    })
}

/// "the Qatari ambassador to Oman", "Special Envoy to Sudan": a country after an office
/// (data/titles.ron) and "to" is where the office holder is posted, no venue.
fn posted_to(doc: &Doc, s: &Sentence, first: usize) -> bool {
    let Some(office) = first.checked_sub(2).filter(|&k| s.word(k + 1) == "to") else {
        return false;
    };
    doc.lex.is_title_last_word(s.word(office))
}

/// "in Malaysia-China relations": a country named in a compound names no venue; a
/// country whose own name has a hyphen ("a state visit to Timor-Leste") does.
fn compound_country(doc: &Doc, s: &Sentence, first: usize, last: usize, country: usize) -> bool {
    let own_hyphen = first == last && doc.lex.country_named(s.word(first)) == Some(country);
    s.word(first).contains('-') && !own_hyphen
        || matches!(s.word(last + 1), "-" | "\u{2013}" | "relations" | "ties")
        || first > 0 && matches!(s.word(first - 1), "-" | "\u{2013}")
}

/// "Ana Rojas held talks with Luis Vera in Lima on Monday. ... Both signed the agreement.":
/// an event with no venue of its own, on the day of another that has one, took place
/// there too.
pub(super) fn share_venue(merged: &mut [Milestone]) {
    for i in 0..merged.len() {
        if !merged[i].places.is_empty()
            || merged[i].kind == "anniversary"
            || merged[i].date.day.is_none()
        {
            continue;
        }
        let date = merged[i].date;
        let venue = merged
            .iter()
            .find(|e| e.date == date && e.kind != "anniversary" && !e.places.is_empty())
            .map(|e| e.places.clone());
        if let Some(v) = venue {
            merged[i].places = v;
        }
    }
    share_forum(merged);
}

/// "X met Y on the sidelines of the G20 on Thursday. X later held talks with Z": a meeting
/// held at no forum of its own, on the day of a meeting held at one, was held there too.
fn share_forum(merged: &mut [Milestone]) {
    for i in 0..merged.len() {
        if !merged[i].forums.is_empty()
            || merged[i].kind != "meeting"
            || merged[i].date.day.is_none()
        {
            continue;
        }
        let date = merged[i].date;
        let forums = merged
            .iter()
            .find(|e| e.date == date && e.kind == "meeting" && !e.forums.is_empty())
            .map(|e| e.forums.clone());
        if let Some(f) = forums {
            merged[i].forums = f;
        }
    }
}

/// "on the sidelines of [a meeting of] ORG" before the organisation at `first`: "the
/// sidelines of the G20", "the margins of a meeting of Group of 20 foreign ministers".
fn on_sidelines_of(s: &Sentence, first: usize) -> bool {
    let mut k = first;
    while k > 0 && first - k < 6 {
        k -= 1;
        match s.word(k) {
            "sidelines" | "margins" | "margin" | "sideline" => return k + 1 < first,
            "of" | "a" | "an" | "the" | "meeting" | "summit" | "gathering" | "conference"
            | "session" => {}
            _ => return false,
        }
    }
    false
}

impl Scene<'_> {
    /// Where an event took place (`venue_places`, `venue_countries`): (id, whether a
    /// place rather than a country).
    pub(super) fn event_places(
        &self,
        out: &mut Output,
        instances: &[Instance],
        (kind, trigger, own_date): (&str, &Trigger, Option<PartialDate>),
    ) -> Vec<(String, bool)> {
        // "visited Riyadh": the place the visit went to is the venue, when the sentence
        // tells of no other meeting ("will host Y in Washington, and visit Japan").
        let meetings_told = self
            .triggers
            .iter()
            .filter(|(_, k, _)| matches!(k.as_str(), "meeting" | "summit"))
            .count();
        let visited = |first: usize| {
            meetings_told == 1 && trigger.0 + 1 == first && trigger.2.starts_with("visit")
        };
        let mine = |pos: usize| belongs_here(instances, pos, own_date);
        let mut places = self.venue_places(kind, trigger.0, &visited, &mine);
        self.venue_countries(out, &visited, &mine, &mut places);
        places
    }

    /// "met in Lima", "held talks at the Meseberg Palace", "from Abuja, where he met
    /// Tinubu" (the place a "where" clause opens is the meeting's venue, not the trip's
    /// other ends), "the first summit, held in Cairo" (`held_then`): the places an event
    /// was held in. (An agreement's "at the White House"
    /// is often a later ceremony's, so "at the" is a meeting's only, or a signing's
    /// ceremony's: `ceremony_venue`.)
    fn venue_places(
        &self,
        kind: &str,
        trigger: usize,
        visited: &dyn Fn(usize) -> bool,
        mine: &dyn Fn(usize) -> bool,
    ) -> Vec<(String, bool)> {
        let s = self.s;
        let meeting = matches!(kind, "meeting" | "summit");
        let here = self.things.places_in(self.si);
        let where_venue = meeting && here.iter().any(|p| where_clause(s, p.first, trigger));
        let mut places = Vec::new();
        for p in here {
            if where_venue && !where_clause(s, p.first, trigger)
                || s.clauses.elsewhere(p.first, trigger) && !held_then(s, trigger, p.first)
            {
                continue;
            }
            let the_prep = (meeting || kind == "signing" && ceremony_venue(s, p.first))
                && p.first > 1
                && s.word(p.first - 1) == "the"
                && matches!(s.word(p.first - 2), "in" | "at");
            let prep = p.first > 0
                && (matches!(s.word(p.first - 1), "in" | "at" | "to" | "of")
                    || the_prep
                    || visited(p.first));
            if where_venue || prep && mine(p.first) {
                places.push((p.id.clone(), true));
            }
        }
        places
    }

    /// "held talks in Ghana", "a state visit to Timor-Leste": a country named after "in",
    /// "at" or "to" (or visited) is the venue; "in Malaysia-China relations" names none.
    fn venue_countries(
        &self,
        out: &mut Output,
        visited: &dyn Fn(usize) -> bool,
        mine: &dyn Fn(usize) -> bool,
        places: &mut Vec<(String, bool)>,
    ) {
        let (doc, s) = (self.doc, self.s);
        for h in &s.proper {
            let ProperTarget::Country {
                country,
                demonym: false,
            } = h.target
            else {
                continue;
            };
            let compound = compound_country(doc, s, h.first, h.last, country);
            let possessive = crate::extract::text::is_possessive(s.word(h.last));
            let located = !possessive
                && h.first > 0
                && (matches!(s.word(h.first - 1), "in" | "at" | "to") || visited(h.first))
                || h.first > 1
                    && s.word(h.first - 1) == "the"
                    && matches!(s.word(h.first - 2), "in" | "at" | "to");
            let venue = !compound && !posted_to(doc, s, h.first) && !opens_a_name(s, h.last);
            if located && venue && mine(h.first) {
                places.push((doc.country_id(out, country).to_string(), false));
            }
        }
    }

    /// "on the sidelines of the G20", "at the ASEAN summit", "the fifth session of the
    /// Joint Commission": the forums an event was held at.
    pub(super) fn event_forums(&self, out: &mut Output, kind: &str, trigger: usize) -> Vec<String> {
        let s = self.s;
        let mut forums: Vec<String> = self
            .things
            .organizations_in(self.si)
            .iter()
            .filter(|o| {
                o.first > 0
                    && (on_sidelines_of(s, o.first)
                        || matches!(s.word(o.first - 1), "at" | "during"))
                    || names_the_forum(s, o.first, trigger)
            })
            .map(|o| o.id.clone())
            .collect();
        let at = (s, self.si);
        session_forums(self.doc, out, at, self.things, (kind, trigger), &mut forums);
        forums
    }
}
