//! The event words of a sentence that tell an event of its own (data/lexicon.ron
//! `triggers`).

use super::sessions::body_sessions;
use super::Trigger;
use crate::extract::clauses::EVENT_OPENER;
use crate::extract::lexicon::with_lower;
use crate::extract::things::Things;
use crate::extract::{Doc, Output, Sentence};

/// "Novak, who signed the 2022 accord, joined talks": a signing or elevation in an
/// undated relative clause about a person describes them; it is no event of its own.
/// Nor is "ties, established by the late king,": an undated participle of elevation.
fn recalled_of_a_person(s: &Sentence, trigger: &Trigger) -> bool {
    let dated = |a: usize, b: usize| {
        s.dates
            .iter()
            .any(|d| !d.attributive && a <= d.first && d.first <= b)
    };
    matches!(trigger.1.as_str(), "signing" | "elevation")
        && s.clauses.describes_person(trigger.0, dated)
        || trigger.1 == "elevation" && s.clauses.describes_a_noun(trigger.0, dated)
}

/// "13th", "2nd", "First": an ordinal opening an event's name.
pub(super) fn is_ordinal(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
        || matches!(w, "First" | "Second" | "Third" | "Fourth" | "Fifth")
}

/// Whether the capitalised words before the trigger at `i` name an event of the
/// countries themselves: an ordinal or a country opens them, and no forum or venue is
/// among them.
fn pair_event_name(
    s: &Sentence,
    i: usize,
    forums: &[crate::extract::things::ThingRef],
    places: &[crate::extract::things::ThingRef],
) -> bool {
    let mut first = i;
    while first > 0 && s.tokens[first - 1].is_word() && s.tokens[first - 1].is_capitalized()
        || first > 0 && s.word(first - 1).ends_with(|c: char| c.is_ascii_digit())
        || first > 0 && is_ordinal(s.word(first - 1))
    {
        first -= 1;
    }
    while first < i && matches!(s.word(first), "The" | "A" | "An" | "This") {
        first += 1;
    }
    let within = |r: &crate::extract::things::ThingRef| r.first >= first && r.first <= i;
    let ordinal = is_ordinal(s.word(first));
    let country = (first..i).any(|k| s.country_at(k).is_some());
    // "Korea-Africa Summit": a region joined to a country is the other side, no venue.
    let partner = |r: &crate::extract::things::ThingRef| s.countries().any(|(k, _)| k == r.first);
    (ordinal || country)
        && !forums.iter().any(within)
        && !places.iter().any(|r| within(r) && !partner(r))
}

/// The event words of sentence `si` (data/lexicon.ron `triggers`) with their token
/// positions, in lexicon order: those that tell an event here (`tells_an_event`), less
/// the words inside a longer one ("talks" in "held talks") and those recalled of a
/// person, with the sessions of recurring bodies added.
pub(super) fn sentence_triggers(
    doc: &Doc,
    out: &mut Output,
    things: &Things,
    si: usize,
) -> Vec<Trigger> {
    let s = &doc.sentences[si];
    // Candidates through the first-word index, at the tokens that open an event word,
    // then in lexicon order as before.
    let mut found: Vec<(usize, usize, &[String], &String)> = Vec::new();
    for i in s.clauses.words_with(EVENT_OPENER) {
        for (lex_index, words, kind) in doc.lex.triggers.starting_at(&s.tokens, i) {
            found.push((lex_index, i, words, kind));
        }
    }
    let mut triggers: Vec<Trigger> = Vec::new();
    if found.is_empty() {
        triggers.extend(body_sessions(doc, out, s, things, si, &triggers));
        return triggers;
    }
    found.sort_by_key(|&(lex_index, i, _, _)| (lex_index, i));
    let spans = agreement_spans(things, s, si);
    for (_, i, words, kind) in found {
        let seen = triggers.iter().any(|(p, _, _)| *p == i && words.len() == 1);
        if !seen && tells_an_event(things, (s, si), (i, words, kind), &spans) {
            triggers.push((i, kind.clone(), words.join(" ")));
        }
    }
    drop_inner_triggers(&mut triggers);
    triggers.retain(|t| !recalled_of_a_person(s, t));
    drop_visits_of_a_person(s, &mut triggers);
    let sessions = body_sessions(doc, out, s, things, si, &triggers);
    triggers.extend(sessions);
    triggers
}

/// The token spans of the agreements named in sentence `si` by their full name ("an
/// Agreement on Cultural Centres"): (first, last).
fn agreement_spans(things: &Things, s: &Sentence, si: usize) -> Vec<(usize, usize)> {
    crate::extract::in_sentence(&things.agreement_refs, si, |r| r.sentence)
        .iter()
        .filter_map(|r| {
            let name = &things.agreements[r.agreement?].name;
            let first_word = name.split(' ').next()?;
            s.tokens[r.first].is(first_word).then(|| {
                let words = name.split(' ').filter(|w| !w.is_empty()).count();
                (r.first, r.first + words.saturating_sub(1))
            })
        })
        .collect()
}

/// Whether the trigger word at `i` tells an event of its own: not "the G7 Hiroshima
/// Summit" (a forum's event; "the India-Japan Annual Summit" is the pair's own), "the
/// signed agreement" (an adjective), a reaction to or wish for an event, a word of an
/// agreement's name ("an agreement on the establishment of cultural centres"), or an
/// elevation or anniversary of nothing.
fn tells_an_event(
    things: &Things,
    (s, si): (&Sentence, usize),
    (i, words, kind): (usize, &[String], &str),
    agreement_spans: &[(usize, usize)],
) -> bool {
    let named_event = s.tokens[i].is_capitalized()
        && i > 0
        && s.tokens[i - 1].is_capitalized()
        && s.tokens[i - 1].is_word()
        && !pair_event_name(s, i, things.organizations_in(si), things.places_in(si));
    let adjectival = participle_as_adjective(s, i);
    let in_agreement_name = agreement_spans
        .iter()
        .any(|&(a, b)| a <= i && i <= b && !founding_document(s, i, b));
    !named_event
        && !adjectival
        && !reaction_to_meeting(s, i, kind)
        && !wish_for_event(s, i)
        && !ahead_of_event(s, i)
        && !in_agreement_name
        && !(kind == "elevation" && idle_elevation(s, i, words, agreement_spans))
        && !(kind == "anniversary" && idle_anniversary(s, i, agreement_spans))
        && !(kind == "signing" && marked_by_an_anniversary(s, i))
        && !undated_since(s, i)
}

/// "the progress over the last 37 years since the establishment of diplomatic ties",
/// "Since its launch, the partnership has grown": an event word after "since" (and a
/// determiner or possessive) with no date in the sentence only marks the start of a
/// period; the event is implied, not told.
fn undated_since(s: &Sentence, i: usize) -> bool {
    let since = |k: Option<usize>| k.is_some_and(|k| s.word(k).eq_ignore_ascii_case("since"));
    let before = i.checked_sub(1);
    let determiner = |b: usize| matches!(s.word(b), "the" | "its" | "their");
    let opens = since(before) || before.is_some_and(determiner) && since(i.checked_sub(2));
    opens && s.dates.iter().all(|d| d.attributive)
}

/// "the 15th anniversary of the signing of the Exchange of Letters": the signing an
/// anniversary marks happened long before, not on the anniversary's day.
fn marked_by_an_anniversary(s: &Sentence, i: usize) -> bool {
    i >= 2
        && matches!(s.word(i - 1), "the" | "of")
        && (i.saturating_sub(4)..i).any(|k| s.word(k).starts_with("anniversar"))
}

/// "the signed agreement", "their upgraded strategic partnership", "its newly
/// established embassy": a participle between a determiner (an article or a possessive)
/// and its noun is an adjective, and tells no event.
fn participle_as_adjective(s: &Sentence, i: usize) -> bool {
    let determiner = |k: usize| {
        with_lower(s.word(k), |w| {
            matches!(
                w,
                "the" | "a" | "an" | "their" | "its" | "our" | "his" | "her" | "this" | "these"
            )
        })
    };
    // "the newly established": an adverb between.
    let before = match i.checked_sub(1) {
        Some(b) if s.word(b).ends_with("ly") => b.checked_sub(1),
        b => b,
    };
    let noun_after = s.tokens.get(i + 1).is_some_and(|t| t.is_word())
        && !matches!(s.word(i + 1), "by" | "in" | "on" | "at" | "with" | "to");
    s.word(i).ends_with("ed")
        && before.is_some_and(|b| {
            matches!(s.word(b), "the" | "a" | "an" | "The") || determiner(b) && noun_after
        })
}

/// "X will meet Y, who has been invited to make an official visit": a meeting word in an
/// undated relative clause about a person describes them, when the sentence tells its
/// own meeting outside it; the meeting told is the main clause's.
fn drop_visits_of_a_person(s: &Sentence, triggers: &mut Vec<Trigger>) {
    let dated = |a: usize, b: usize| {
        s.dates
            .iter()
            .any(|d| !d.attributive && a <= d.first && d.first <= b)
    };
    let meeting = |t: &Trigger| matches!(t.1.as_str(), "meeting" | "summit");
    let described = |t: &Trigger| meeting(t) && s.clauses.describes_person(t.0, dated);
    if triggers.iter().any(|t| meeting(t) && !described(t)) {
        triggers.retain(|t| !described(t));
    }
}

/// "Declaration on Establishment of a Strategic Partnership", "Joint Statement on the
/// Elevation of Relations to a Comprehensive Partnership": a document named for the
/// partnership it founds tells that elevation, though its word is in the document's
/// name (which ends at `last`).
fn founding_document(s: &Sentence, i: usize, last: usize) -> bool {
    let w = s.word(i).to_lowercase();
    let founds = w.starts_with("establish") || w.starts_with("elevat") || w.starts_with("upgrad");
    let on = i >= 1 && s.word(i - 1) == "on" || i >= 2 && s.word(i - 2) == "on";
    founds && on && (i + 1..=last).any(|k| s.word(k).eq_ignore_ascii_case("partnership"))
}

/// "held talks" and the "talks" inside it are one trigger: one within a longer one goes.
fn drop_inner_triggers(triggers: &mut Vec<Trigger>) {
    let spans: Vec<(usize, usize)> = triggers
        .iter()
        .map(|(p, _, w)| (*p, *p + w.split(' ').count()))
        .collect();
    triggers.retain(|(p, _, w)| {
        let end = *p + w.split(' ').count();
        !spans
            .iter()
            .any(|&(a, b)| a <= *p && end <= b && b - a > end - *p)
    });
}

/// An elevation word that elevates nothing: "the anniversary of the establishment of
/// relations" (the anniversary's), "further elevating ties" (a wish), "establish more joint
/// projects", "to establish a mechanism" (no ties, partnership or named agreement within
/// a few words); "opened" without an embassy it opens on a given day (`embassy_opened`).
fn idle_elevation(
    s: &Sentence,
    i: usize,
    words: &[String],
    agreement_spans: &[(usize, usize)],
) -> bool {
    let tie_word = |k: usize| {
        let w = s.word(k);
        matches!(w, "relations" | "ties" | "relationship")
            || w.eq_ignore_ascii_case("partnership")
            || w.eq_ignore_ascii_case("partnerships")
    };
    // Before the word only as its subject: "relations were established", not "strengthen
    // relations and establish ...".
    let subject =
        |k: usize| tie_word(k) && (k + 1..i).all(|j| !matches!(s.word(j), "and" | "as" | "to"));
    let near = |from: usize, to: usize| {
        (from..i).any(subject) || (i + 1..to.min(s.tokens.len())).any(tie_word)
    };
    let anniversary = (i.saturating_sub(4)..i).any(|k| s.word(k).starts_with("anniversar"));
    let further = i > 0 && s.word(i - 1) == "further";
    let establish = words.first().is_some_and(|w| w.starts_with("establish"));
    let named = agreement_spans.iter().any(|&(a, _)| a > i && a <= i + 6);
    let opened = words.first().is_some_and(|w| w == "opened");
    anniversary
        || further
        || establish && !named && !near(i.saturating_sub(5), i + 6)
        || opened && !embassy_opened(s, i)
}

/// "Chile opened its first embassy in Peru on Friday": opening an embassy (or consulate)
/// on a day the sentence gives is a step in the ties; "opened the summit", "opened a
/// new chapter" or an undated "when we opened our embassy" is none.
fn embassy_opened(s: &Sentence, i: usize) -> bool {
    let mission = (i + 1..(i + 5).min(s.tokens.len()))
        .any(|k| matches!(s.word(k), "embassy" | "Embassy" | "consulate" | "Consulate"));
    mission && s.dates.iter().any(|d| !d.attributive && d.first > i)
}

/// "Y welcomed the talks in a statement": Y comments on a meeting, not in it.
fn reaction_to_meeting(s: &Sentence, i: usize, kind: &str) -> bool {
    matches!(kind, "meeting" | "summit")
        && (i.saturating_sub(4)..i).any(|k| {
            matches!(
                s.word(k),
                "welcomed"
                    | "welcomes"
                    | "hailed"
                    | "hails"
                    | "praised"
                    | "lauded"
                    | "applauded"
                    | "commended"
                    | "criticised"
                    | "criticized"
                    | "condemned"
            ) && (k + 1..i).all(|j| {
                matches!(
                    s.word(j),
                    "the" | "this" | "these" | "outcome" | "of" | "'s"
                )
            })
        })
}

/// "hoped for its early signing", "looks forward to meeting": a wish, not an
/// event, unless the sentence dates it ("hope to sign in early 2022").
fn wish_for_event(s: &Sentence, i: usize) -> bool {
    s.dates.is_empty()
        && (i > 0 && matches!(s.word(i - 1), "early" | "speedy" | "swift" | "prompt")
            || (i.saturating_sub(4)..i).any(|k| {
                matches!(
                    s.word(k),
                    "hope"
                        | "hopes"
                        | "hoped"
                        | "hoping"
                        | "push"
                        | "pushes"
                        | "pushed"
                        | "pushing"
                        | "urge"
                        | "urged"
                        | "urges"
                        | "urging"
                        | "forward"
                        | "wish"
                        | "wished"
                )
            }))
}

/// "met on Thursday ahead of the bloc's summit": a later event the meeting
/// prepares, not the one told.
fn ahead_of_event(s: &Sentence, i: usize) -> bool {
    (i.saturating_sub(6)..i).any(|k| {
        matches!(
            (s.word(k), s.word(k + 1)),
            ("ahead", "of") | ("prior", "to") | ("preparation", "for")
        )
    })
}

/// "Mexico celebrated its 206th anniversary of independence", "the 70th anniversary of
/// the founding of the republic": an anniversary of no relationship (no ties,
/// partnership or named agreement within a few words) is no milestone of one.
fn idle_anniversary(s: &Sentence, i: usize, agreement_spans: &[(usize, usize)]) -> bool {
    if s.word(i) != "anniversary" {
        return false;
    }
    let window = i.saturating_sub(6)..(i + 9).min(s.tokens.len());
    let ties = window.clone().any(|k| {
        with_lower(s.word(k), |w| {
            matches!(
                w,
                "relations" | "ties" | "relationship" | "partnership" | "friendship" | "treaty"
            )
        })
    });
    let named = agreement_spans
        .iter()
        .any(|&(a, b)| window.contains(&a) || window.contains(&b));
    !ties && !named
}
