//! Milestones: elevations, signings, meetings, summits and anniversaries with their
//! dates, participants, places and agreements; and who met and signed what.

use super::dates::PartialDate;
use super::lexicon::ProperTarget;
use super::officials::Officials;
use super::things::Things;
use super::{Doc, Output, Sentence};
use crate::model::{slugify, Attrs, EntityKind, RelationKind};

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

/// `meets` for the pairs of a meeting sentence. With two meetings or signings told in
/// it ("X met Y on Monday, while Z met W on Tuesday"), a pair meets only when both are
/// named nearest the same one, on that one's date.
fn relate_meetings(
    doc: &Doc,
    out: &mut Output,
    officials: &Officials,
    si: usize,
    (instances, triggers): (&[Instance], &[Trigger]),
    pairs: &[(usize, usize)],
    attrs: &Attrs,
) {
    if pairs.is_empty() {
        return;
    }
    let s = &doc.sentences[si];
    let mut events: Vec<(usize, Option<PartialDate>)> = instances
        .iter()
        .filter(|(k, _, _)| matches!(*k, "meeting" | "summit" | "signing"))
        .map(|(_, t, d)| (t.0, *d))
        .collect();
    if events.len() < 2 {
        events = clause_events(s, officials, si, triggers);
    }
    let first_event = events.iter().map(|e| e.0).min().unwrap_or(0);
    // "Singh met Marles": an event whose clause names its own subject right before it;
    // "a visit to Tokyo by Prime Minister Singh": or its agent right after it.
    let own_subject = |e: usize| {
        let t = events[e].0;
        let no_comma = |a: usize, b: usize| (a..b).all(|k| s.word(k) != ",");
        // "... after Foreign Minister Y travelled to Addis Ababa for talks": a subject
        // with its own verb, further back.
        let verb_after = |r: &super::officials::OfficialRef| {
            s.tokens.get(r.last + 1).is_some_and(|w| {
                w.is_word()
                    && !w.is_capitalized()
                    && !matches!(
                        w.text,
                        "in" | "at" | "on" | "and" | "of" | "for" | "to" | "with" | "from" | "or"
                    )
            })
        };
        t > first_event
            && officials.refs_in(si).any(|r| {
                r.first > first_event
                    && r.last < t
                    && (t - r.last <= 4 || t - r.last <= 8 && verb_after(r))
                    && no_comma(r.last + 1, t)
                    || r.first > t
                        && r.first - t <= 8
                        && no_comma(t + 1, r.first)
                        && (t + 1..r.first).any(|k| s.word(k) == "by")
                        && events.iter().all(|&(o, _)| o <= t || o > r.first)
            })
    };
    // The events (by index) an official is named nearest to; none named here: any. The
    // subject before the first event also does the later ones that name no subject of
    // their own ("X flew to Doha to meet Y, and will visit Abu Dhabi for talks with Z").
    let nearest = |o: usize| -> Vec<usize> {
        let mut mine = Vec::new();
        for r in officials.refs_in(si).filter(|r| r.official == o) {
            if r.last < first_event {
                mine.extend((0..events.len()).filter(|&e| !own_subject(e)));
            }
            mine.extend(
                (0..events.len())
                    .min_by_key(|&e| (events[e].0 as isize - r.first as isize).unsigned_abs()),
            );
        }
        mine
    };
    // "Ishiba's special envoy": one named for whom another came is not there.
    let sent_someone = |o: usize| {
        let mut refs = officials.refs_in(si).filter(|r| r.official == o).peekable();
        refs.peek().is_some()
            && refs.all(|r| {
                super::text::is_possessive(s.word(r.last))
                    && (r.last + 1..r.last + 4).any(|k| {
                        matches!(
                            s.word(k),
                            "envoy" | "emissary" | "representative" | "message" | "letter"
                        )
                    })
            })
    };
    let only_reports = |o: usize| only_reports(s, officials, si, o);
    for &(a, b) in pairs {
        if sent_someone(a) || sent_someone(b) || only_reports(a) || only_reports(b) {
            continue;
        }
        let mut attrs = attrs.clone();
        if events.len() >= 2 {
            let (na, nb) = (nearest(a), nearest(b));
            let shared = (0..events.len())
                .find(|e| (na.is_empty() || na.contains(e)) && (nb.is_empty() || nb.contains(e)));
            let Some(e) = shared else { continue };
            if let Some(d) = events[e].1 {
                attrs.insert("date".into(), d.iso());
            }
        }
        out.relate(
            &officials.list[a].id,
            RelationKind::Meets,
            &officials.list[b].id,
            s,
            doc.text,
            attrs,
        );
    }
}

/// "The first 2+2 meeting was held in Tokyo in April 2023": a meeting held on a date
/// of its own, in an article about one pair of countries, is that pair's.
/// A year will do when the sentence says whose meeting it is ("between the two
/// governments was held in 2015").
fn dated_pair_meeting(doc: &Doc, s: &super::Sentence, pairs_own: bool) -> bool {
    doc.main_pair().len() == 2
        && s.dates
            .iter()
            .any(|d| !d.attributive && (pairs_own || d.date.month.is_some()))
}

/// "at their first high-level meeting", "the meeting between the two governments": a
/// meeting the sentence gives to the pair it speaks of.
fn pairs_own_meeting(s: &super::Sentence, triggers: &[Trigger]) -> bool {
    triggers
        .iter()
        .filter(|(_, k, _)| matches!(k.as_str(), "meeting" | "summit"))
        .any(|&(p, _, _)| {
            let their = (p.saturating_sub(4)..p)
                .rev()
                .take_while(|&k| s.tokens[k].is_word())
                .any(|k| s.word(k) == "their");
            let between = s.word(p + 1) == "between"
                && s.word(p + 2) == "the"
                && matches!(s.word(p + 3), "two" | "both");
            their || between
        })
}

/// "... the World Bank, which also signed it": an undated signing or elevation told in
/// a relative clause or of "it", in a sentence that dates another of its kind, restates
/// that one.
fn restated(
    s: &super::Sentence,
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

/// "will travel on Thursday to Bogota, where he is due to meet X": the "where" clause
/// at `comma` tells what happens on the trip to that place, on the trip's date.
fn trip_venue(s: &super::Sentence, comma: usize) -> bool {
    s.word(comma + 1) == "where"
        && comma >= 2
        && s.tokens[comma - 1].is_capitalized()
        && matches!(
            s.word(comma - 2),
            "to" | "in" | "travel" | "visit" | "visits" | "visited" | "visiting"
        )
}

/// "Abuja, where he met": a place right before a "where" clause that tells the meeting.
fn where_clause(s: &super::Sentence, place: usize, trigger: usize) -> bool {
    (place + 1..(place + 5).min(trigger)).any(|k| {
        s.word(k) == ","
            && s.word(k + 1) == "where"
            && (place + 1..k).all(|j| s.tokens[j].is_capitalized())
    })
}

/// "former defence minister Yasukazu Hamada": named here as having held the office, so
/// no counterpart of who holds it now.
fn former(s: &super::Sentence, officials: &Officials, si: usize, o: usize) -> bool {
    officials.refs_in(si).filter(|r| r.official == o).any(|r| {
        (r.first.saturating_sub(4)..r.first).any(|k| s.word(k).eq_ignore_ascii_case("former"))
    })
}

/// "X met Y in Manila, while Z received W at the palace": undated meetings told by
/// verbs in clauses of their own, each after its own subject. The first meeting verb,
/// and each later one right after an official (no comma between) that a clause word
/// ("while", "and", ";", "whereas") opens: (trigger, no date). Fewer than two: none.
fn clause_events(
    s: &super::Sentence,
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

/// "the two foreign ministers signed": the officials a plural names sign when it is
/// the subject right before the signing verb.
fn plural_signers(s: &super::Sentence, triggers: &[Trigger], plural: &[usize]) -> Vec<usize> {
    if plural.is_empty() {
        return Vec::new();
    }
    let subject = triggers
        .iter()
        .filter(|(_, k, w)| k == "signing" && (w.starts_with("sign") || w.starts_with("ink")))
        .any(|(p, _, _)| {
            p.checked_sub(1).is_some_and(|b| {
                matches!(
                    s.word(b),
                    "leaders"
                        | "ministers"
                        | "presidents"
                        | "secretaries"
                        | "premiers"
                        | "counterparts"
                        | "Both"
                )
            })
        });
    if subject {
        plural.to_vec()
    } else {
        Vec::new()
    }
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

/// "did not sign", "denied signing": the event is negated. "agreed to explore a
/// partnership": it is only intended. Looks at the few words before the trigger.
fn modality(s: &super::Sentence, trigger: usize) -> Option<&'static str> {
    let has = |ws: &[&str]| {
        (trigger.saturating_sub(4)..trigger)
            .any(|k| ws.iter().any(|w| s.word(k).eq_ignore_ascii_case(w)))
    };
    if has(&[
        "not", "never", "no", "denied", "denies", "deny", "rejected", "refused", "declined", "n't",
    ]) {
        Some("denied")
    } else if has(&[
        "explore",
        "exploring",
        "consider",
        "considering",
        "study",
        "discuss",
        "discussing",
        "towards",
        "toward",
    ]) {
        Some("agreed to explore")
    } else {
        None
    }
}

/// "Novak, who signed the 2022 accord, joined talks": a signing or elevation in an
/// undated relative clause about a person describes them; it is no event of its own.
/// Nor is "ties, established by the late king,": an undated participle of elevation.
fn recalled_of_a_person(s: &super::Sentence, trigger: &Trigger) -> bool {
    let dated = |a: usize, b: usize| {
        s.dates
            .iter()
            .any(|d| !d.attributive && a <= d.first && d.first <= b)
    };
    matches!(trigger.1.as_str(), "signing" | "elevation")
        && s.clauses.describes_person(trigger.0, dated)
        || trigger.1 == "elevation" && s.clauses.describes_a_noun(trigger.0, dated)
}

/// "Novak, who signed the 2022 Framework Agreement, joined talks with Ruiz": the
/// agreements named only in a side clause that the event word at `trigger` is not in
/// are not the event's.
fn told_with(
    s: &super::Sentence,
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

/// "Meloni met Tebboune, after a trip to Algiers by Tajani in March": official `o` is
/// named only in side clauses (relative, participle, adverbial, a closing attribution)
/// that tell of no event of the sentence, so takes no part in its events.
fn named_aside(
    s: &super::Sentence,
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

/// "Kenya and Peru signed a pact, Kenyan Minister X said": official `o` signs only when
/// named in the clause of a signing verb (or as the person a relative clause with one
/// is about), not as the source who tells of it.
fn signs_in_its_clause(
    s: &super::Sentence,
    officials: &Officials,
    si: usize,
    o: usize,
    triggers: &[Trigger],
) -> bool {
    let verbs: Vec<usize> = triggers
        .iter()
        .filter(|(_, k, _)| k == "signing")
        .map(|(p, _, _)| *p)
        .collect();
    officials
        .refs_in(si)
        .filter(|r| r.official == o)
        .any(|r| verbs.iter().any(|&v| s.clauses.reaches(r.first, r.last, v)))
}

/// "The pact builds on the Treaty of Good Neighbourship signed by the two countries in
/// 1991": a participle right after a name signs that agreement, not every one the
/// sentence names.
fn signed_as_participle(
    s: &super::Sentence,
    trigger: usize,
    agreement_positions: &[(usize, usize)],
) -> Option<usize> {
    let verb = s.word(trigger);
    let after_name = trigger > 0
        && (s.tokens[trigger - 1].is_capitalized() || s.word(trigger - 1) == ")")
        && s.proper_ending_at(trigger - 1).is_none();
    let passive = matches!(s.word(trigger + 1), "by" | "in" | "on" | "at");
    if !(verb.ends_with("ed") && after_name && passive) {
        return None;
    }
    agreement_positions
        .iter()
        .filter(|&&(_, pos)| pos < trigger)
        .max_by_key(|&&(_, pos)| pos)
        .map(|&(a, _)| a)
}

/// "Sweden became the 32nd member of NATO", "Finland joined the alliance on April 4": the
/// countries named before the trigger in its clause join the bloc named right after it,
/// or, with none named ("Finland joined on April 4"), the bloc the article saw joined last.
fn accession(
    s: &super::Sentence,
    trigger: usize,
    blocs: &[super::things::ThingRef],
    last_bloc: Option<&String>,
) -> Option<(Vec<usize>, String, usize)> {
    let w = s.word(trigger).to_lowercase();
    // "a member of the ruling party" is no accession; "became a member of" is.
    let became = (trigger.saturating_sub(5)..trigger).any(|k| {
        matches!(
            s.word(k).to_lowercase().as_str(),
            "became" | "become" | "becomes" | "becoming"
        )
    });
    if w.starts_with("member") && !became {
        return None;
    }
    let mut countries = Vec::new();
    let mut clause = 0;
    for k in (0..trigger).rev() {
        if matches!(
            s.word(k),
            "," | ";" | ":" | "when" | "which" | "after" | "before" | "while" | "that" | "whose"
        ) {
            clause = k + 1;
            break;
        }
        if let Some(ProperTarget::Country {
            country,
            demonym: false,
        }) = s.proper_at(k).map(|h| h.target)
        {
            if !countries.contains(&country) {
                countries.push(country);
            }
        }
    }
    if countries.is_empty() {
        return None;
    }
    countries.reverse();
    let named = blocs
        .iter()
        .find(|o| o.first > trigger && o.first <= trigger + 4)
        .map(|o| o.id.clone());
    let intransitive = w == "joined"
        && matches!(
            s.word(trigger + 1),
            "on" | "in" | "last" | "earlier" | "," | "." | ""
        );
    let bloc = named.or_else(|| last_bloc.filter(|_| intransitive).cloned())?;
    Some((countries, bloc, clause))
}

/// "elevated ties from a Strategic Partnership to ...": the level named at `first` is
/// the one left behind.
fn elevated_from(s: &super::Sentence, first: usize) -> bool {
    let determiner = |k: usize| matches!(s.word(k), "a" | "an" | "the" | "their" | "its");
    first > 0 && s.word(first - 1) == "from"
        || first > 1 && determiner(first - 1) && s.word(first - 2) == "from"
}

/// "a Strategic Partnership, agreed in 2009,": the year a participle clause right after
/// the agreement named at `first` dates it to.
fn participle_year(s: &super::Sentence, first: usize) -> Option<i16> {
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

/// "..., could follow, Antonio said.": official `o` is named in sentence `si` only as
/// the source who speaks of it.
fn only_reports(s: &super::Sentence, officials: &Officials, si: usize, o: usize) -> bool {
    let mut refs = officials.refs_in(si).filter(|r| r.official == o).peekable();
    refs.peek().is_some()
        && refs.all(|r| {
            let said = (r.last + 1..r.last + 5)
                .find(|&k| matches!(s.word(k), "said" | "says" | "told" | "added" | ","));
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
fn tells_of(
    s: &super::Sentence,
    officials: &Officials,
    si: usize,
    o: usize,
    trigger: usize,
) -> bool {
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

/// The noun a trigger ends with, in lower case: "talks" of "held talks".
fn trigger_head(words: &str) -> String {
    words.rsplit(' ').next().unwrap_or(words).to_lowercase()
}

/// "13th", "2nd", "First": an ordinal opening an event's name.
fn is_ordinal(w: &str) -> bool {
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
    s: &super::Sentence,
    i: usize,
    forums: &[super::things::ThingRef],
    places: &[super::things::ThingRef],
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
    let within = |r: &super::things::ThingRef| r.first >= first && r.first <= i;
    let ordinal = is_ordinal(s.word(first));
    let country = (first..i).any(|k| s.country_at(k).is_some());
    // "Korea-Africa Summit": a region joined to a country is the other side, no venue.
    let partner = |r: &super::things::ThingRef| s.countries().any(|(k, _)| k == r.first);
    (ordinal || country)
        && !forums.iter().any(within)
        && !places.iter().any(|r| within(r) && !partner(r))
}

/// "the next GCC summit": the bloc names the event; "Foreign ministers of the GCC met":
/// its members meet in it.
fn names_the_forum(s: &super::Sentence, org: usize, trigger: usize) -> bool {
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

/// A headline: one of the first lines, standing alone with no closing full stop.
/// The comma that closes a sentence's opening clause of background ("Recalling …,",
/// "Noting …,", "Building on …,"), if the sentence opens with one.
fn background_clause_end(s: &super::Sentence) -> Option<usize> {
    s.clauses.background_end()
}

fn is_headline(doc: &Doc, si: usize) -> bool {
    let Some(s) = doc.sentences.get(si).filter(|_| si < 2) else {
        return false;
    };
    let rest = doc.text.get(s.span.end..).unwrap_or("");
    let line_ends = rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
    let last = s.tokens.last().map_or("", |t| t.text);
    line_ends && !matches!(last, "." | "?" | "!" | "\"" | "\u{201D}")
}

/// Whether `date`, at its precision, reaches `today` or later ("May 2024" on May 2).
fn not_over(date: PartialDate, today: PartialDate) -> bool {
    let last_day = |d: PartialDate| (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31));
    last_day(date) >= last_day(today)
}

/// A trigger word in a sentence: (token, milestone kind, the words).
type Trigger = (usize, String, String);
/// One event a sentence tells: its kind, trigger and own date.
type Instance = (&'static str, Trigger, Option<PartialDate>);

/// Days between two day-precise dates.
fn days_apart(a: PartialDate, b: PartialDate) -> Option<i64> {
    let day = |p: PartialDate| jiff::civil::Date::new(p.year, p.month?, p.day?).ok();
    let (x, y) = (day(a)?, day(b)?);
    Some((x - y).get_days().into())
}

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

/// "The ministers signed a memorandum": a plural opening the sentence as its subject
/// (not "The ministers of the bloc") means the last pair named.
fn opens_sentence_as_subject(s: &super::Sentence, i: usize) -> bool {
    i == 1 && s.word(0) == "The" && !matches!(s.word(2), "of" | "from" | "," | "and")
}

/// Officials that "the two leaders", "both ministers", "the two heads of government" or
/// "the Secretaries" mean:
/// the last pair of officials of different countries named together; "the three
/// leaders": the last three of three countries named together.
fn plural_reference(doc: &Doc, si: usize, last_pair: &[usize], last_trio: &[usize]) -> Vec<usize> {
    let s = &doc.sentences[si];
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
    for (i, t) in s.tokens.iter().enumerate() {
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
    for (i, t) in s.tokens.iter().enumerate() {
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
fn both_as_subject(s: &super::Sentence) -> bool {
    let verb = |w: &str| w.ends_with("ed") || matches!(w, "met" | "said" | "held" | "will");
    s.word(0) == "Both"
        && (verb(s.word(1)) || matches!(s.word(1), "also" | "have" | "had") && verb(s.word(2)))
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

/// "The two sides also inked eight deals after the talks": a signing told as after the
/// meeting of its day follows it.
fn relate_told_after(
    doc: &Doc,
    out: &mut Output,
    merged: &[Milestone],
    emitted: &[(usize, Emitted)],
) {
    for (i, later) in emitted.iter().filter(|(i, _)| merged[*i].after_meeting) {
        let m = &merged[*i];
        let meeting = emitted.iter().find(|(j, _)| {
            j != i && matches!(merged[*j].kind, "meeting" | "summit") && merged[*j].date == m.date
        });
        if let Some((_, earlier)) = meeting {
            let s = &doc.sentences[m.sentence];
            out.relate(
                &later.0,
                RelationKind::Follows,
                &earlier.0,
                s,
                doc.text,
                Attrs::new(),
            );
        }
    }
}

/// What the story has told so far, carried from one sentence to the next: "the two
/// leaders" are the last pair named together, "the summit" the last summit told, "the
/// same day" the date told last.
struct Story {
    milestones: Vec<Milestone>,
    last_pair: Vec<usize>,
    last_trio: Vec<usize>,
    /// How often each official is named; the most named is the article's protagonist.
    protagonist_counts: Vec<usize>,
    protagonist: Option<usize>,
    last_date_seen: Option<PartialDate>,
    last_recent: Option<PartialDate>,
    last_bloc: Option<String>,
    /// The latest event of each group so far, for "the summit" to refer back to.
    last_of_group: rustc_hash::FxHashMap<&'static str, PartialDate>,
    /// And of each trigger's head noun: "the talks" are the last talks told, even when a
    /// visit or summit was told after them.
    last_of_head: rustc_hash::FxHashMap<String, PartialDate>,
    /// The groups the article's own story has an event of, on its day: "the summit" after
    /// a summit years ago recalled in passing is still the story's.
    current_groups: Vec<&'static str>,
}

impl Story {
    /// A story before its first sentence; its protagonist is the official named most.
    fn new(officials: &Officials) -> Story {
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
    fn advance_dates(
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
    fn context_date(
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
    fn remember_named(&mut self, scene: &Scene) {
        let officials = scene.officials;
        let named = &scene.named;
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
            self.last_trio = named.clone();
        }
    }

    /// Keeps a sentence's milestone, and its date as the last of its group and head
    /// noun, for "the summit" and "the talks" in later sentences to refer back to (and
    /// its bloc, for "Finland joined on April 4").
    fn record(&mut self, doc: &Doc, m: Milestone) {
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
        signers: plural_signers(s, &triggers, &plural),
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
    story.remember_named(&scene);
    if kinds.contains(&"signing") && signing_reported(&scene) {
        relate_signers(&scene, out);
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

/// Who a sentence names: the officials in it (and the one a pronoun subject means), and
/// those a plural means ("the two leaders"). Returns (direct, plural, both).
fn named_officials(
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

/// The event words of sentence `si` (data/lexicon.ron `triggers`) with their token
/// positions, in lexicon order: those that tell an event here (`tells_an_event`), less
/// the words inside a longer one ("talks" in "held talks") and those recalled of a
/// person, with the sessions of recurring bodies added.
fn sentence_triggers(doc: &Doc, out: &mut Output, things: &Things, si: usize) -> Vec<Trigger> {
    let s = &doc.sentences[si];
    // Candidates through the first-word index, then in lexicon order as before.
    let mut found: Vec<(usize, usize, &[String], &String)> = Vec::new();
    for i in 0..s.tokens.len() {
        for (lex_index, words, kind) in doc.lex.triggers.starting_at(&s.tokens, i) {
            found.push((lex_index, i, words, kind));
        }
    }
    found.sort_by_key(|&(lex_index, i, _, _)| (lex_index, i));
    let spans = agreement_spans(things, s, si);
    let mut triggers: Vec<Trigger> = Vec::new();
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
    super::in_sentence(&things.agreement_refs, si, |r| r.sentence)
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

/// "the progress over the last 37 years since the establishment of diplomatic ties": an
/// event word after "since" with no date in the sentence only marks the start of a
/// period; the event is implied, not told.
fn undated_since(s: &Sentence, i: usize) -> bool {
    let since = |k: Option<usize>| k.is_some_and(|k| s.word(k).eq_ignore_ascii_case("since"));
    let before = i.checked_sub(1);
    let opens =
        since(before) || before.is_some_and(|b| s.word(b) == "the") && since(i.checked_sub(2));
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
        matches!(
            s.word(k).to_lowercase().as_str(),
            "the" | "a" | "an" | "their" | "its" | "our" | "his" | "her" | "this" | "these"
        )
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

/// "the same day", "that day", "At the end of the work day": the date the text spoke of
/// last (data/lexicon.ron `same_day_phrases`).
fn day_anaphora(doc: &Doc, s: &Sentence) -> bool {
    let phrases = &doc.lex.gazetteer.lexicon.same_day_phrases;
    phrases.iter().any(|p| {
        let words: Vec<String> = p.split(' ').map(str::to_string).collect();
        (0..s.tokens.len()).any(|i| s.matches_at(i, &words))
    })
}

/// "During the working dinner", "at the talks": a definite noun names an event told
/// before; "the two leaders signed" (a verb) tells a new one.
fn definite_at(s: &Sentence, pos: usize) -> bool {
    let w = s.word(pos).to_lowercase();
    let verb = w.ends_with("ed")
        || matches!(
            w.as_str(),
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
        );
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

/// The countries a sentence names as actors: not "terrorism from X", "sanctions against
/// X", nor a go-between ("talks mediated by Qatar").
fn countries_here(doc: &Doc, s: &Sentence) -> Vec<usize> {
    let mut v = Vec::new();
    for (i, c) in s.countries() {
        if i > 0 && matches!(s.word(i - 1), "against" | "from")
            || super::things::go_between(doc, s, i)
        {
            continue;
        }
        if !v.contains(&c) {
            v.push(c);
        }
    }
    v
}

/// The kinds of event a sentence tells, from its trigger words and what surrounds them
/// (`elevation_told`, `signing_told`, `meeting_told`); an anniversary word tells one.
fn event_kinds(scene: &Scene) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = Vec::new();
    let elevation = elevation_told(scene);
    if elevation {
        kinds.push("elevation");
    }
    if signing_told(scene, elevation) {
        kinds.push("signing");
    }
    if scene.has("anniversary") {
        kinds.push("anniversary");
    }
    if scene.has("summit") {
        kinds.push("summit");
    } else if meeting_told(scene, kinds.is_empty()) {
        kinds.push("meeting");
    }
    kinds
}

/// "elevated ties to a Strategic Partnership", "established diplomatic relations": only
/// ties, partnerships, or an agreement that normalises or establishes relations are
/// elevated ("agreed to upgrade their dialogue" is no elevation); and announcing makes an
/// elevation only of a partnership ("announced a Comprehensive Partnership", not "plans
/// to boost ties"), and so does reaching consensus ("reached consensus on relations").
fn elevation_told(scene: &Scene) -> bool {
    let (s, triggers) = (scene.s, &scene.triggers);
    let diplomatic = || {
        s.tokens
            .iter()
            .any(|t| matches!(t.text, "relations" | "ties"))
    };
    let partnership_here = scene
        .agreements
        .iter()
        .any(|&a| scene.things.agreements[a].partnership);
    let founding = triggers.iter().any(|(_, k, w)| {
        k == "elevation" && (w.starts_with("normali") || w.starts_with("establish"))
    });
    let announced_only = triggers
        .iter()
        .filter(|(_, k, _)| k == "elevation")
        .all(|(_, _, w)| {
            w.starts_with("announc") || w.starts_with("launch") || w.starts_with("consensus")
        });
    scene.has("elevation")
        && (partnership_here
            || !announced_only && (diplomatic() || founding && !scene.agreements.is_empty()))
}

/// "signed a trade agreement", "signed five deals": a signing word with an agreement,
/// with unnamed deals (not those signed with many: `signed_with_many`) or after a signing
/// told before; not the partnership an elevation
/// in the same sentence reaches ("signed a Strategic Partnership" is its elevation).
fn signing_told(scene: &Scene, elevation: bool) -> bool {
    let (doc, s, triggers) = (scene.doc, scene.s, &scene.triggers);
    let things = scene.things;
    scene.has("signing")
        && (!scene.agreements.is_empty()
            || unnamed_deals(doc, s, triggers)
                && !signed_with_many(doc, s)
                && !signed_with_no_state(s, triggers)
            || signing_told_before(s, triggers))
        && !(elevation
            && scene
                .agreements
                .iter()
                .all(|&a| things.agreements[a].partnership))
}

/// "X held talks with Y": a meeting word with two officials named, or one when nothing
/// else is told; "negotiations on the agreement"; "The 13th Annual Consultation between
/// Malaysia and Indonesia was held in Bogor" (two countries, no one named); "at their
/// first high-level meeting", "We, the leaders of A and B, meet today".
fn meeting_told(scene: &Scene, nothing_else: bool) -> bool {
    let (doc, s, triggers) = (scene.doc, scene.s, &scene.triggers);
    let named = scene.named.len();
    let countries = scene.countries_here.len();
    let negotiation = triggers
        .iter()
        .any(|(_, _, w)| w.starts_with("negotiation") || w == "talks");
    scene.has("meeting")
        && (named >= 2
            || named > 0 && nothing_else
            || negotiation && !scene.agreements.is_empty() && nothing_else
            || nothing_else && countries >= 2 && scene.held()
            || countries >= 2 && (scene.pairs_own || we_the_leaders(s, triggers))
            || nothing_else && scene.held() && dated_pair_meeting(doc, s, scene.pairs_own)
            || talks_told_with_venue(scene))
}

/// "The two sides also inked eight deals after the talks in Thimphu": a meeting told
/// before ("the talks") with its venue right after it is told again, with that venue.
fn talks_told_with_venue(scene: &Scene) -> bool {
    let s = scene.s;
    let places = scene.things.places_in(scene.si);
    scene
        .triggers
        .iter()
        .filter(|(_, k, _)| k == "meeting")
        .any(|&(p, _, ref w)| {
            let after = p + w.split(' ').count();
            definite_at(s, p)
                && matches!(s.word(after), "in" | "at")
                && places.iter().any(|pl| pl.first == after + 1)
        })
}

/// "Sweden joined NATO": the accessions the sentence's accession words tell.
fn accessions_told(scene: &Scene, last_bloc: Option<&String>) -> Vec<Accession> {
    let (s, si) = (scene.s, scene.si);
    scene
        .triggers
        .iter()
        .filter(|(_, k, _)| k == "accession")
        .filter_map(|(pos, _, _)| {
            accession(s, *pos, scene.things.organizations_in(si), last_bloc)
                .map(|(c, b, clause)| (*pos, c, b, clause))
        })
        .collect()
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

    /// When the officials of a meeting sentence met: the date nearest its meeting word
    /// in the same clause ("X and Y on Thursday signed": Thursday), else the event it
    /// refers back to, the recent day told before it, or the article's.
    fn meet_date(&self) -> Option<PartialDate> {
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

    /// The attributes of a `meets`: its date and status ("will meet": planned).
    fn meet_attrs(&self, meet_date: Option<PartialDate>) -> Attrs {
        let mut attrs = Attrs::new();
        if let Some(d) = meet_date.filter(|_| !self.triggers.is_empty()) {
            attrs.insert("date".into(), d.iso());
            let status = self.s.clauses.status_at(meet_anchor(&self.triggers));
            attrs.extend(super::clauses::status_attrs(status.name()));
        }
        attrs
    }

    /// "signed by X and Y, in the presence of President Z": Z is there, no signatory.
    fn in_presence(&self, o: usize) -> bool {
        let s = self.s;
        self.officials
            .refs_in(self.si)
            .filter(|r| r.official == o)
            .all(|r| {
                (r.first.saturating_sub(8)..r.first)
                    .any(|k| s.word(k) == "presence" && s.word(k + 1) == "of")
            })
    }

    /// "... at a meeting of the Commission, chaired by Trade Minister Y": one named in a
    /// participle clause after the signing neither signs nor takes part in it.
    fn bystander(&self, o: usize) -> bool {
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

    /// The date a trigger speaks of: the nearest date that can date it
    /// (`dates_the_trigger`); "established a partnership in 2013": a date after the verb,
    /// before the next event word, belongs to it; "the Aug. 13 normalization": a date
    /// right before its noun is its own.
    fn date_of(&self, trigger: usize) -> Option<PartialDate> {
        let distance =
            |d: &super::dates::DateMention| (d.first as isize - trigger as isize).unsigned_abs();
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

/// Whether date mention `d` can date the event word at `trigger`: not an attribute of
/// another noun, not a side clause's ("from a Partnership, agreed in 2012, to ..."), not
/// "since 2021" (the previous one's), not in another event's phrase, not background an
/// opening clause recalls ("Recalling the partnership of 2015, the two sides agreed"),
/// and near enough (`near_enough`).
fn dates_the_trigger(
    s: &Sentence,
    triggers: &[Trigger],
    d: &super::dates::DateMention,
    trigger: usize,
) -> bool {
    (!d.attributive || d.last + 2 >= trigger && d.last < trigger)
        && (!d.anchors_following || d.last < trigger)
        && !s.clauses.apart(d.first, trigger)
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
    s.clauses.kind_at(date) == super::clauses::ClauseKind::Attribution
        && !s.clauses.same_clause(date, trigger)
}

/// "In 2023, ..." frames the whole sentence; ", also liberated ... in 2020" is a side
/// clause whose date is not the event's; "in 2000, when X visited": a "when" clause right
/// after a date tells what happened then; "held talks with the Foreign Minister of X,
/// H.H. Y, on 10 September.": a day set off at the close of the sentence is its event's.
fn near_enough(s: &Sentence, d: &super::dates::DateMention, trigger: usize) -> bool {
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

/// A comma at `k` that can close a clause: not one inside a number ("50,000 jobs").
fn clause_comma(s: &Sentence, k: usize) -> bool {
    let digit_before = k
        .checked_sub(1)
        .is_some_and(|b| s.word(b).ends_with(|c: char| c.is_ascii_digit()));
    let digit_after = s.word(k + 1).starts_with(|c: char| c.is_ascii_digit());
    s.word(k) == "," && !(digit_before && digit_after && s.word(k + 1).len() == 3)
}

/// "X met Y": `meets` for the counterpart pairs the officials module found in a sentence
/// that tells an event (other than an accession).
fn relate_counterparts_met(scene: &Scene, out: &mut Output, meet_attrs: &Attrs) {
    if !scene.triggers.iter().any(|(_, k, _)| k != "accession") {
        return;
    }
    let list = &scene.officials.list;
    for &(cs, a, b) in scene.officials.counterparts_in(scene.si) {
        if cs == scene.si {
            let (s, text) = (scene.s, scene.doc.text);
            out.relate(
                &list[a].id,
                RelationKind::Meets,
                &list[b].id,
                s,
                text,
                meet_attrs.clone(),
            );
        }
    }
}

/// Who met in a meeting sentence: each pair of officials of different countries named
/// (`meeting_people`), the pairs holding one office made counterparts. Remembers the last
/// pair for "the two leaders".
fn meeting_pairs(
    scene: &Scene,
    out: &mut Output,
    story: &mut Story,
    meet_date: Option<PartialDate>,
) -> Vec<(usize, usize)> {
    let people = meeting_people(scene, story, meet_date);
    let list = &scene.officials.list;
    let mut pairs = Vec::new();
    for (i, &a) in people.iter().enumerate() {
        for &b in &people[i + 1..] {
            if list[a].country.is_some() && list[a].country == list[b].country {
                continue;
            }
            pairs.push((a, b));
            relate_counterparts(scene, out, a, b);
            story.last_pair = vec![a, b];
        }
    }
    pairs
}

/// The officials of a meeting sentence who met, less those named aside; "X received the
/// visiting minister Y" with Y alone named: the article's protagonist (named three times
/// or more, of another country) met Y, in the article's own time.
fn meeting_people(scene: &Scene, story: &Story, meet_date: Option<PartialDate>) -> Vec<usize> {
    let (s, si, officials) = (scene.s, scene.si, scene.officials);
    let mut people = scene.named.clone();
    people.retain(|&o| !named_aside(s, officials, si, o, &scene.triggers));
    let recent = match (meet_date, scene.doc.article_date) {
        (Some(d), Some(today)) => d.year + 1 >= today.year,
        _ => true,
    };
    let meeting = scene.has("meeting") || scene.has("summit");
    let Some(p) = story
        .protagonist
        .filter(|_| people.len() == 1 && meeting && recent)
    else {
        return people;
    };
    let differs = officials.list[p].country != officials.list[people[0]].country;
    if differs && !people.contains(&p) && story.protagonist_counts[p] >= 3 {
        people.push(p);
    }
    people
}

/// "Foreign Minister X met Foreign Minister Y": two who met holding the same office (no
/// honorific, both with a country, neither "former") are counterparts.
fn relate_counterparts(scene: &Scene, out: &mut Output, a: usize, b: usize) {
    let (s, si, officials) = (scene.s, scene.si, scene.officials);
    let (oa, ob) = (&officials.list[a], &officials.list[b]);
    let titles = &scene.doc.lex.gazetteer.titles;
    let office = |t: Option<usize>| {
        t.filter(|&t| !titles[t].honorific)
            .map(|t| titles[t].office.as_str())
    };
    if office(oa.title).is_some()
        && office(oa.title) == office(ob.title)
        && oa.country.is_some()
        && ob.country.is_some()
        && !former(s, officials, si, a)
        && !former(s, officials, si, b)
    {
        let text = scene.doc.text;
        out.relate(
            &oa.id,
            RelationKind::CounterpartOf,
            &ob.id,
            s,
            text,
            Attrs::new(),
        );
    }
}

/// Whether a sentence's signing was done, so that who is named signed: not "to sign",
/// "will sign", "hope to sign" (`hypothetical_signing`), "did not sign" (negated), "The
/// two presidents witnessed the signing" (`witnessed_signing`), nor "a tariff deal first
/// signed in 2002" (`agentless_signing`).
fn signing_reported(scene: &Scene) -> bool {
    let (s, triggers) = (scene.s, &scene.triggers);
    let negated = triggers
        .iter()
        .filter(|(_, k, _)| k == "signing")
        .any(|(pos, _, _)| modality(s, *pos).is_some());
    !hypothetical_signing(s, triggers)
        && !negated
        && !witnessed_signing(s, triggers)
        && !agentless_signing(scene)
}

/// "are expected to sign", "will sign", "hope to sign": every signing word has a word of
/// intent or plan among the three before it.
fn hypothetical_signing(s: &Sentence, triggers: &[Trigger]) -> bool {
    triggers
        .iter()
        .filter(|(_, k, _)| k == "signing")
        .all(|(pos, _, _)| {
            (pos.saturating_sub(3)..*pos).any(|k| {
                matches!(
                    s.word(k),
                    "to" | "will"
                        | "would"
                        | "could"
                        | "may"
                        | "might"
                        | "hope"
                        | "plan"
                        | "should"
                        | "expected"
                        | "scheduled"
                )
            })
        })
}

/// "The two presidents witnessed the signing": they are there, not signatories.
fn witnessed_signing(s: &Sentence, triggers: &[Trigger]) -> bool {
    triggers
        .iter()
        .filter(|(_, k, _)| k == "signing")
        .all(|(pos, _, _)| (pos.saturating_sub(3)..*pos).any(|k| s.word(k).starts_with("witness")))
}

/// "a tariff deal first signed in 2002": a passive with no agent names no signer.
fn agentless_signing(scene: &Scene) -> bool {
    let (s, si, officials) = (scene.s, scene.si, scene.officials);
    let in_a_name = |b: usize| officials.refs_in(si).any(|r| b >= r.first && b <= r.last);
    scene
        .triggers
        .iter()
        .filter(|(_, k, _)| k == "signing")
        .all(|(pos, _, _)| {
            let before = pos.checked_sub(1);
            s.word(*pos).ends_with("ed")
                && matches!(s.word(pos + 1), "in" | "on")
                && before.is_some_and(|b| {
                    s.tokens[b].is_word() && !s.tokens[b].is_capitalized() && !in_a_name(b)
                })
        })
}

/// `signed` from who signs in the sentence to each agreement (not partnership) in it.
/// Signers are named: "the two ministers welcomed the agreement, which the countries
/// signed in 2022" does not make the ministers its signatories; "the two foreign
/// ministers signed" does.
fn relate_signers(scene: &Scene, out: &mut Output) {
    let (s, si, officials, things) = (scene.s, scene.si, scene.officials, scene.things);
    let signs = |o: usize| {
        !scene.bystander(o)
            && !scene.in_presence(o)
            && signs_in_its_clause(s, officials, si, o, &scene.triggers)
    };
    let signers: Vec<usize> = scene
        .direct
        .iter()
        .copied()
        .filter(|&o| signs(o))
        .chain(scene.signers.iter().copied())
        .collect();
    let deals = scene
        .agreements
        .iter()
        .filter(|&&a| !things.agreements[a].partnership);
    for &a in deals {
        for &o in &signers {
            out.relate(
                &officials.list[o].id,
                RelationKind::Signed,
                &things.agreements[a].id,
                s,
                scene.doc.text,
                super::clauses::signing_status_attrs(s, &scene.triggers),
            );
        }
    }
}

/// "normalized relations in 1995 and established a partnership in 2013": the events a
/// sentence tells, one per differently dated elevation or signing, and one meeting unless
/// another is told with a date of its own (`own_meeting`). A kind with no trigger of its
/// own (a summit's meeting words) is one undated event.
fn event_instances(
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
/// event than that one, though on its day.
fn told_apart_from_another(doc: &Doc, s: &Sentence, trigger: usize) -> bool {
    let other_event = |k: usize| {
        k != trigger
            && doc
                .lex
                .triggers
                .starting_at(&s.tokens, k)
                .any(|(_, _, kind)| matches!(kind.as_str(), "meeting" | "summit"))
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
            && (from + 1..from + 4).any(other_event)
    })
}

/// With several events in one sentence, a venue or agreement at `pos` goes with the
/// events dated like the one nearest to it: "held talks in New Delhi and reviewed the
/// partnership established in 2018" puts New Delhi with the talks only.
fn belongs_here(instances: &[Instance], pos: usize, own: Option<PartialDate>) -> bool {
    let nearest = instances
        .iter()
        .min_by_key(|(_, t, _)| (t.0 as isize - pos as isize).unsigned_abs())
        .map(|(_, _, d)| *d);
    instances.len() < 2 || nearest == Some(own)
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
            apart: kind == "meeting" && told_apart_from_another(self.doc, s, trigger.0),
            during: kind == "signing" && told_during_a_meeting(self.doc, s),
            after_meeting: kind == "signing" && told_after_a_meeting(self.doc, s, trigger.0),
        })
    }

    /// The agreements an event is about: "the Treaty signed on 11 July 1952, the MoU
    /// signed on 28 November 2000": the one each participle tells; with several events of
    /// one kind, those nearest its trigger; a meeting beside other events, those that
    /// belong with it ("held talks and reviewed the partnership established in 2018": the
    /// partnership is the other event's); an elevation "from a Strategic Partnership to a
    /// Comprehensive one": the second only.
    fn event_agreements(
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

    /// Where an event took place (`venue_places`, `venue_countries`): (id, whether a
    /// place rather than a country).
    fn event_places(
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
    /// other ends): the places an event was held in. (An agreement's "at the White House"
    /// is often a later ceremony's, so "at the" is a meeting's only.)
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
                || s.clauses.elsewhere(p.first, trigger)
            {
                continue;
            }
            let the_prep = meeting
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
            let possessive = super::text::is_possessive(s.word(h.last));
            let located = !possessive
                && h.first > 0
                && (matches!(s.word(h.first - 1), "in" | "at" | "to") || visited(h.first))
                || h.first > 1
                    && s.word(h.first - 1) == "the"
                    && matches!(s.word(h.first - 2), "in" | "at" | "to");
            let venue = !compound && !posted_to(doc, s, h.first) && !opens_a_name(s, h.last);
            if located && venue && mine(h.first) {
                places.push((doc.country_id(out, country), false));
            }
        }
    }

    /// "on the sidelines of the G20", "at the ASEAN summit", "the fifth session of the
    /// Joint Commission": the forums an event was held at.
    fn event_forums(&self, out: &mut Output, kind: &str, trigger: usize) -> Vec<String> {
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

    /// The countries of an event: those joining, for an accession; else those named in
    /// the sentence and the parties to its agreements; an anniversary, elevation, a
    /// pair's meeting with no one named or a signing of unnamed deals with fewer than two
    /// takes the article's main pair.
    fn event_countries(
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
    fn event_people(
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
            .filter(|o| current || meeting || self.direct.contains(o))
            .filter(|&o| kind != "signing" || self.signers.contains(&o) || !self.bystander(o))
            .filter(|&o| joined.is_none_or(|a| refs_of(o).any(|r| r.first >= a.3)))
            .filter(|&o| current || !tells_of(s, officials, si, o, trigger.0))
            .filter(|&o| !only_reports(s, officials, si, o))
            .filter(|&o| !named_aside(s, officials, si, o, &self.triggers))
            .filter(|&o| !self.direct.contains(&o) || refs_of(o).any(|r| mine(r.first)))
            .collect()
    }
}

/// "has signed 26 MoUs with foreign countries and agencies in the last year": deals
/// signed with unnamed partners (data/lexicon.ron `generic_partner_words`, not "the two
/// countries") sum up many signings: no signing of their own.
fn signed_with_many(doc: &Doc, s: &Sentence) -> bool {
    let words = &doc.lex.gazetteer.lexicon.generic_partner_words;
    let generic = |k: usize| words.iter().any(|w| w == s.word(k));
    let pair = |k: usize| matches!(s.word(k), "two" | "both" | "three");
    (0..s.tokens.len()).any(|k| {
        s.word(k) == "with"
            && (k + 1..k + 4)
                .take_while(|&j| s.tokens.get(j).is_some_and(|t| t.is_word()) && !pair(j))
                .any(generic)
    })
}

/// "Nigeria signed an MoU with Lab Four", "signed two agreements with the United Nations
/// Office on Drugs": unnamed deals whose partner after "with" is named and no country are
/// no signing between two states.
fn signed_with_no_state(s: &Sentence, triggers: &[Trigger]) -> bool {
    let partner = |p: usize| {
        let with = (p + 1..p + 9).find(|&k| s.word(k) == "with")?;
        let first = if s.word(with + 1) == "the" {
            with + 2
        } else {
            with + 1
        };
        s.tokens.get(first).filter(|t| t.is_capitalized())?;
        Some(first)
    };
    triggers
        .iter()
        .filter(|(_, k, _)| k == "signing")
        .filter_map(|t| partner(t.0))
        .any(|first| s.country_at(first).is_none())
}

/// "said in a statement to Oman News Agency": a country followed by more capitalised
/// words (not a day or month: "arrived in India Monday") opens another name.
fn opens_a_name(s: &Sentence, last: usize) -> bool {
    s.tokens.get(last + 1).is_some_and(|t| {
        t.is_word()
            && t.is_capitalized()
            && !super::dates::is_weekday_name(t.text)
            && !super::dates::is_month_name(t.text)
    })
}

/// "inked eight deals after the talks", "signed ... following their meeting": a meeting
/// word (data/lexicon.ron) right after "after" or "following" and a determiner, past the
/// signing word at `trigger`.
fn told_after_a_meeting(doc: &Doc, s: &Sentence, trigger: usize) -> bool {
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
fn told_during_a_meeting(doc: &Doc, s: &Sentence) -> bool {
    s.word(0).eq_ignore_ascii_case("during")
        && matches!(s.word(1), "the" | "their" | "this")
        && (2..5).any(|k| {
            doc.lex
                .triggers
                .starting_at(&s.tokens, k)
                .any(|(_, _, kind)| matches!(kind.as_str(), "meeting" | "summit"))
        })
}

/// "X met Y on Monday. During the meeting, an agreement was signed": those who met take
/// part in the signing told during their meeting of that day.
fn join_the_meeting_signed_during(merged: &mut [Milestone]) {
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

/// "the Qatari ambassador to Oman", "Special Envoy to Sudan": a country after an office
/// (data/titles.ron) and "to" is where the office holder is posted, no venue.
fn posted_to(doc: &Doc, s: &Sentence, first: usize) -> bool {
    let Some(office) = first.checked_sub(2).filter(|&k| s.word(k + 1) == "to") else {
        return false;
    };
    let w = s.word(office);
    doc.lex.gazetteer.titles.iter().any(|t| {
        std::iter::once(&t.title).chain(&t.variants).any(|form| {
            form.rsplit(' ')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(w))
        })
    })
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

/// "the 50th anniversary", "marking 30 years of ties": the ordinal of an anniversary.
fn anniversary_ordinal(s: &Sentence) -> Option<String> {
    s.tokens
        .iter()
        .find(|t| {
            t.text.ends_with("th") && t.text.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .map(|t| t.text.to_string())
        .or_else(|| {
            s.tokens
                .windows(2)
                .find(|w| w[1].text == "years" && w[0].text.chars().all(|c| c.is_ascii_digit()))
                .map(|w| format!("{}th", w[0].text))
        })
}

/// "India, Philippines elevate ties to Strategic Partnership": a headline restates the
/// event the article tells with its date.
/// One of long ago ("diplomatic relations established in 1949") is another event.
fn drop_restated_headlines(milestones: &mut Vec<Milestone>) {
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
fn merge_same_events(milestones: Vec<Milestone>) -> Vec<Milestone> {
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
fn told_otherwise(e: &Milestone, m: &Milestone) -> Vec<(usize, &'static str)> {
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

/// A milestone written out: (id, ISO date, officials, agreements), for `follows`.
type Emitted = (String, String, Vec<usize>, Vec<usize>);

/// Writes one milestone out with its attributes (date, kind, status) and relations
/// (`involves`, `concerns`, `held_in`, `held_at`, a bloc's `member_of`), named by
/// `milestone_name`. "The NATO summit will be held in The Hague on June 24": a bloc's own
/// dated meeting at a named venue needs no member named; any other event with no one,
/// no country and no agreement is dropped.
fn emit_milestone(
    doc: &Doc,
    out: &mut Output,
    (officials, things): (&Officials, &Things),
    m: &Milestone,
) -> Option<Emitted> {
    let bloc_meeting = matches!(m.kind, "meeting" | "summit")
        && m.dated
        && !m.forums.is_empty()
        && !m.places.is_empty();
    if m.officials.is_empty() && m.countries.is_empty() && m.agreements.is_empty() && !bloc_meeting
    {
        return None;
    }
    let name = milestone_name(doc, out, (officials, things), m);
    let pair = name.1;
    let name = name.0;
    let iso = m.date.iso();
    let slug = [&iso, "-", kind_name(m.kind), "-", &slugify(&pair)].concat();
    let id = out.entity(EntityKind::Milestone, &slug, name.trim());
    out.attr(&id, "date", &iso);
    out.attr(&id, "kind", kind_name(m.kind));
    out.alias(&id, &[name.trim(), " (", &m.trigger, ")"].concat());
    told_as(out, &id, name.trim(), m);
    named_after_participants(out, &id, m, officials);
    named_after_forum(out, &id, m);
    let status = milestone_status(doc, m);
    out.attr(&id, "status", status);
    relate_participants(doc, out, (officials, things), (&id, m), status);
    relate_setting(doc, out, things, &id, m);
    Some((id, iso, m.officials.clone(), m.agreements.clone()))
}

/// "the session of the Joint Commission", "at a Benelux meeting": a meeting held at a
/// forum or a recurring body is also known by it ("Joint Commission meeting").
fn named_after_forum(out: &mut Output, id: &str, m: &Milestone) {
    if !matches!(m.kind, "meeting" | "summit") {
        return;
    }
    let forum = m
        .forums
        .first()
        .and_then(|f| out.get_mut(f).map(|e| e.name.clone()));
    if let Some(f) = forum {
        out.alias(id, &[&f, " ", kind_name(m.kind)].concat());
    }
}

/// "Signing of the India-Japan Reciprocal Access Agreement", "Elevation to India-Japan
/// Special Strategic Partnership", "India-Japan meeting", "NATO summit": a milestone's
/// name, after its kind, the countries taking part (or the bloc meeting) and its
/// agreement. Returns (name, the parties' part of it).
fn milestone_name(
    doc: &Doc,
    out: &mut Output,
    (officials, things): (&Officials, &Things),
    m: &Milestone,
) -> (String, String) {
    let mut party_countries: Vec<usize> = m
        .officials
        .iter()
        .filter_map(|&o| officials.list[o].country)
        .collect();
    if party_countries.is_empty() || matches!(m.kind, "elevation" | "anniversary") {
        party_countries.extend(m.countries.iter().copied());
    }
    let mut seen = Vec::new();
    party_countries.retain(|c| {
        let new = !seen.contains(c);
        seen.push(*c);
        new
    });
    let pair = party_countries
        .iter()
        .take(3)
        .map(|&c| doc.country_name(c))
        .collect::<Vec<_>>()
        .join("-");
    // A bloc's own meeting is named after the bloc: "NATO summit".
    let pair = if pair.is_empty() {
        m.forums
            .first()
            .and_then(|f| out.get_mut(f).map(|e| e.name.clone()))
            .unwrap_or_default()
    } else {
        pair
    };
    let agreement_name = concerned(m, things)
        .first()
        .map(|&a| things.agreements[a].name.clone());
    let bloc_name = m
        .blocs
        .first()
        .and_then(|b| out.get_mut(b).map(|e| e.name.clone()));
    let joining = m
        .countries
        .iter()
        .map(|&c| doc.country_name(c))
        .collect::<Vec<_>>()
        .join(" and ");
    let pair = if m.kind == "accession" {
        joining.replace(" and ", "-")
    } else {
        pair
    };
    let name = match (m.kind, &agreement_name) {
        ("accession", _) => format!(
            "Accession of {joining} to {}",
            bloc_name.unwrap_or_default()
        ),
        ("elevation", Some(a)) => ["Elevation to ", &pair, " ", a].concat(),
        ("elevation", None) => ["Establishment of ", &pair, " diplomatic relations"].concat(),
        ("signing", Some(a)) => ["Signing of the ", &pair, " ", a].concat(),
        ("signing", None) => ["Signing of ", &pair, " agreements"].concat(),
        ("anniversary", _) => format!(
            "{} anniversary of {pair} diplomatic relations",
            m.ordinal.clone().unwrap_or_default()
        )
        .trim()
        .to_string(),
        ("summit", _) => [&pair, " summit"].concat(),
        (_, Some(a)) if m.trigger.starts_with("negotiat") => {
            [&pair, " ", a, " negotiations"].concat()
        }
        _ => [&pair, " meeting"].concat(),
    };
    (name, pair)
}

/// A date after the article's is still to come; an undated event is planned when a
/// future marker ("will hold", "is scheduled to") comes just before its trigger; "will
/// meet next week": a month that has not ended, told in the future; "did not sign":
/// what the text says of it.
fn milestone_status(doc: &Doc, m: &Milestone) -> &'static str {
    match (m.dated, doc.article_date) {
        _ if m.modality.is_some() => m.modality.unwrap_or_default(),
        (true, Some(today)) if m.date > today => "planned",
        (true, Some(today)) if m.future && not_over(m.date, today) => "planned",
        (true, Some(_)) => "held",
        _ if m.future => "planned",
        _ => "held",
    }
}

/// `involves` from an event to its officials (not for an anniversary) and, for an event
/// of states (elevation, anniversary, signing, accession), one with no one named or
/// only one side named, to the countries taking part; to the bloc joined, whose member
/// each joining country becomes.
fn relate_participants(
    doc: &Doc,
    out: &mut Output,
    (officials, things): (&Officials, &Things),
    (id, m): (&str, &Milestone),
    status: &str,
) {
    let s = &doc.sentences[m.sentence];
    let status_attrs = super::clauses::status_attrs(status);
    if m.kind != "anniversary" {
        for &o in &m.officials {
            let oid = &officials.list[o].id;
            out.relate(
                id,
                RelationKind::Involves,
                oid,
                s,
                doc.text,
                status_attrs.clone(),
            );
        }
    }
    let of_states = matches!(
        m.kind,
        "elevation" | "anniversary" | "signing" | "accession"
    );
    if m.officials.is_empty() || of_states || one_side_named(m, officials) {
        for c in taking_part(doc, out, m, things) {
            let cid = doc.country_id(out, c);
            out.relate(
                id,
                RelationKind::Involves,
                &cid,
                s,
                doc.text,
                status_attrs.clone(),
            );
        }
    }
    for b in &m.blocs {
        out.relate(id, RelationKind::Involves, b, s, doc.text, Attrs::new());
        // A country that has joined a bloc is its member, from then on.
        for &c in m.countries.iter().filter(|_| m.modality.is_none()) {
            let cid = doc.country_id(out, c);
            out.relate(&cid, RelationKind::MemberOf, b, s, doc.text, Attrs::new());
        }
    }
}

/// `concerns` to the agreements an event is about (not of an anniversary, nor one named
/// with another year: "The EDCA was signed in 2014 and builds on the 1951 Mutual Defense
/// Treaty"); `held_in` its places (a country only when no place is known); `held_at` its
/// forums.
fn relate_setting(doc: &Doc, out: &mut Output, things: &Things, id: &str, m: &Milestone) {
    let s = &doc.sentences[m.sentence];
    for a in concerned(m, things) {
        let other_year = matches!(m.kind, "elevation" | "signing")
            && things.agreements[a]
                .named_year()
                .is_some_and(|y| y != m.date.year);
        if m.kind == "anniversary" || other_year {
            continue;
        }
        let aid = &things.agreements[a].id;
        let attrs = m
            .told_otherwise
            .iter()
            .find(|&&(x, _)| x == a)
            .map_or_else(Attrs::new, |&(_, st)| super::clauses::status_attrs(st));
        out.relate(id, RelationKind::Concerns, aid, s, doc.text, attrs);
    }
    let has_place = m.places.iter().any(|(_, is_place)| *is_place);
    for (p, is_place) in m.places.iter().filter(|_| m.kind != "anniversary") {
        if *is_place || !has_place {
            out.relate(id, RelationKind::HeldIn, p, s, doc.text, Attrs::new());
        }
    }
    for f in &m.forums {
        out.relate(id, RelationKind::HeldAt, f, s, doc.text, Attrs::new());
    }
}

/// An agreement's year: that of its earliest elevation or signing, or of a participle
/// ("the accord, signed in 2016,"), or the year its name gives ("the 1951 Treaty").
fn set_agreement_years(doc: &Doc, out: &mut Output, things: &Things, merged: &[Milestone]) {
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

/// "announced in March ... signed the agreement on Monday": the later event of the same
/// agreement follows the earlier one, when no event between them shares its agreement or
/// two of its officials (anniversaries follow nothing).
fn relate_follows(doc: &Doc, out: &mut Output, ids: &[Emitted]) {
    let anniversary = |e: &Emitted| e.0.contains("anniversary");
    for a in ids {
        for b in ids {
            if a.1 <= b.1 || anniversary(a) || anniversary(b) {
                continue;
            }
            let shared_agreement = a.3.iter().any(|x| b.3.contains(x));
            if shared_agreement && !ids.iter().any(|c| between(c, b, a)) {
                let s = &doc.sentences[0];
                out.relate(&a.0, RelationKind::Follows, &b.0, s, doc.text, Attrs::new());
            }
        }
    }
}

/// Whether event `c` comes between `earlier` and `later` in their relationship: dated
/// between them, with the earlier one's agreement or two of its officials.
fn between(c: &Emitted, earlier: &Emitted, later: &Emitted) -> bool {
    c.1 > earlier.1
        && c.1 < later.1
        && (c.3.iter().any(|x| earlier.3.contains(x))
            || c.2.iter().filter(|o| earlier.2.contains(o)).count() >= 2)
}

/// An elevation word that elevates nothing: "the anniversary of the establishment of
/// relations" (the anniversary's), "further elevating ties" (a wish), "establish more joint
/// projects", "to establish a mechanism" (no ties, partnership or named agreement within
/// a few words).
fn idle_elevation(
    s: &super::Sentence,
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
    anniversary || further || establish && !named && !near(i.saturating_sub(5), i + 6)
}

/// The recurring bodies named in a sentence ("the Joint Commission for Cooperation", "the
/// Annual Bilateral Dialogue": a head word of data/lexicon.ron `body_head_words` in the name): where each name opens,
/// and the organization it is, if the article has one by that id. A body named as an
/// agreement of kind dialogue is the organization of the same slug.
fn bodies_in(
    doc: &Doc,
    out: &mut Output,
    things: &Things,
    si: usize,
) -> Vec<(usize, Option<String>)> {
    let heads = &doc.lex.gazetteer.lexicon.body_head_words;
    let is_body = |name: &str| name.split(' ').any(|w| heads.iter().any(|h| h == w));
    let mut found = Vec::new();
    for o in things.organizations_in(si) {
        if out.get_mut(&o.id).is_some_and(|e| is_body(&e.name)) {
            found.push((o.first, Some(o.id.clone())));
        }
    }
    for r in super::in_sentence(&things.agreement_refs, si, |r| r.sentence) {
        let Some(a) = r.agreement.map(|a| &things.agreements[a]) else {
            continue;
        };
        if is_body(&a.name) && !found.iter().any(|(f, _)| *f == r.first) {
            let twin = a.id.replacen("agreement:", "organization:", 1);
            found.push((r.first, out.get_mut(&twin).is_some().then_some(twin)));
        }
    }
    found
}

/// Words that may stand between a session's word and the body it is of: "held *their
/// second* Dialogue", "co-chaired *the fifth session of the* Joint Committee".
fn between_session_and_body(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "their"
            | "its"
            | "a"
            | "an"
            | "of"
            | "new"
            | "inaugural"
            | "annual"
            | "first"
            | "session"
            | "meeting"
    ) || is_ordinal(w)
        || is_ordinal(&capitalized(w))
}

fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "The two countries held their second Annual Bilateral Dialogue", "co-chaired the
/// Joint Commission", "a new Strategic Dialogue opens in London": a session of a
/// recurring body told by a verb of holding (data/lexicon.ron `session_verbs`) before or
/// after its name is a meeting, told at the name.
fn body_sessions(
    doc: &Doc,
    out: &mut Output,
    s: &super::Sentence,
    things: &Things,
    si: usize,
    triggers: &[Trigger],
) -> Vec<Trigger> {
    let verbs = &doc.lex.gazetteer.lexicon.session_verbs;
    let verb = |k: usize| verbs.iter().any(|v| v == s.word(k));
    let mut found = Vec::new();
    for (first, _) in bodies_in(doc, out, things, si) {
        if triggers.iter().any(|t| t.0 == first) {
            continue;
        }
        let mut k = first;
        while k > 0 && between_session_and_body(s.word(k - 1)) {
            k -= 1;
        }
        let held_before = k > 0 && k < first && verb(k - 1);
        let mut end = first;
        while end + 1 < s.tokens.len() && s.tokens[end + 1].is_capitalized() {
            end += 1;
        }
        let held_after = verb(end + 1) || s.word(end + 1) == "was" && verb(end + 2);
        if held_before || held_after {
            found.push((first, "meeting".to_string(), "session".to_string()));
        }
    }
    found
}

/// The bodies a meeting at `trigger` is a session of: the body its trigger stands at, or
/// one named right after it ("the fifth session of the Joint Committee").
fn session_forums(
    doc: &Doc,
    out: &mut Output,
    (s, si): (&super::Sentence, usize),
    things: &Things,
    (kind, trigger): (&str, usize),
    forums: &mut Vec<String>,
) {
    if !matches!(kind, "meeting" | "summit") {
        return;
    }
    for (first, id) in bodies_in(doc, out, things, si) {
        let of_it = first == trigger
            || trigger < first && (trigger + 1..first).all(|k| between_session_and_body(s.word(k)));
        if let Some(id) = id.filter(|id| of_it && !forums.contains(id)) {
            forums.push(id);
        }
    }
}

/// "in Malaysia-China relations": a country named in a compound names no venue; a
/// country whose own name has a hyphen ("a state visit to Timor-Leste") does.
fn compound_country(
    doc: &Doc,
    s: &super::Sentence,
    first: usize,
    last: usize,
    country: usize,
) -> bool {
    let own_hyphen = first == last && doc.lex.country_named(s.word(first)) == Some(country);
    s.word(first).contains('-') && !own_hyphen
        || matches!(s.word(last + 1), "-" | "\u{2013}" | "relations" | "ties")
        || first > 0 && matches!(s.word(first - 1), "-" | "\u{2013}")
}

/// "met Y at the palace, after a trip to Algiers by X in March": the phrase in which an
/// event word opened by "after a", "following a" or "before a" tells another, new event,
/// from the preposition to the next comma. Returns its first and last token.
fn event_phrase(s: &super::Sentence, trigger: usize) -> Option<(usize, usize)> {
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
fn in_an_earlier_event(
    s: &super::Sentence,
    triggers: &[Trigger],
    pos: usize,
    trigger: usize,
) -> bool {
    triggers.iter().any(|&(t, _, _)| {
        t != trigger
            && event_phrase(s, t)
                .is_some_and(|(a, b)| a <= pos && pos <= b && !(a <= trigger && trigger <= b))
    })
}

/// "The partnership was launched 20 years ago ... It was launched on 11 July 1997": an
/// elevation or signing told once with a year (or month) only and once with a fuller date
/// within it, of the same agreement (or, with none, of the same countries), is one event,
/// kept at the fuller date.
fn fold_vaguer(merged: Vec<Milestone>) -> Vec<Milestone> {
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

/// "Ana Rojas held talks with Luis Vera in Lima on Monday. ... Both signed the agreement.":
/// an event with no venue of its own, on the day of another that has one, took place
/// there too.
fn share_venue(merged: &mut [Milestone]) {
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
}

/// The countries that take part in an event, without the one that only hosts it: "the
/// U.S.-Japan-South Korea summit in Cambodia" involves three countries, not Cambodia. A
/// venue country stays when the event would be left with fewer than two (a state visit's
/// host takes part in it) or when it is a party to the event's agreement.
fn taking_part(doc: &Doc, out: &mut Output, m: &Milestone, things: &Things) -> Vec<usize> {
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

/// An event told again in later sentences in other words ("the talks", then "the state
/// visit") is known by those too: one alias per other trigger word.
fn told_as(out: &mut Output, id: &str, name: &str, m: &Milestone) {
    let mut seen = vec![m.trigger.as_str()];
    for t in &m.also_told {
        if !seen.contains(&t.as_str()) {
            seen.push(t);
            out.alias(id, &[name, " (", t, ")"].concat());
        }
    }
}

/// The agreements an event is about: an elevation reaches its partnership, not the deals
/// signed as part of it ("signed a police deal as part of an upgrade of their relations
/// to a comprehensive strategic partnership").
fn concerned(m: &Milestone, things: &Things) -> Vec<usize> {
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

/// "We, the Prime Ministers of Canada and Japan, meet today": leaders who speak together
/// of their meeting, in a joint statement.
fn we_the_leaders(s: &super::Sentence, triggers: &[Trigger]) -> bool {
    let Some(we) = (0..s.tokens.len()).find(|&k| s.word(k) == "We" && s.word(k + 1) == ",") else {
        return false;
    };
    triggers
        .iter()
        .any(|(p, k, _)| k == "meeting" && *p > we && (we + 2..*p).any(|j| s.word(j) == ","))
}

/// "Y welcomed the talks in a statement": Y comments on a meeting, not in it.
fn reaction_to_meeting(s: &super::Sentence, i: usize, kind: &str) -> bool {
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
fn wish_for_event(s: &super::Sentence, i: usize) -> bool {
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
fn ahead_of_event(s: &super::Sentence, i: usize) -> bool {
    (i.saturating_sub(6)..i).any(|k| {
        matches!(
            (s.word(k), s.word(k + 1)),
            ("ahead", "of") | ("prior", "to") | ("preparation", "for")
        )
    })
}

/// "The signing was held between the two ministers and witnessed by the presidents",
/// "were present during the signing": the signing told before, with more who took part.
fn signing_told_before(s: &super::Sentence, triggers: &[Trigger]) -> bool {
    triggers.iter().any(|(p, k, w)| {
        k == "signing"
            && matches!(w.as_str(), "signing" | "signature")
            && *p > 0
            && matches!(s.word(p - 1), "the" | "The" | "this" | "This")
    })
}

/// "The Sultan will be accompanied by a delegation comprising X, Minister of Finance, and
/// Y, Foreign Minister": the officials of a sentence that tells of no event of its own but
/// of a delegation or of attending (data/lexicon.ron `delegation_words`) take part in the
/// visit, meeting or signing told last before it ("Trump will attend the ceremony").
fn join_delegations(doc: &Doc, officials: &Officials, milestones: &mut [Milestone]) {
    let words = &doc.lex.gazetteer.lexicon.delegation_words;
    for (si, s) in doc.sentences.iter().enumerate() {
        let delegation = s.tokens.iter().any(|t| words.iter().any(|w| w == t.text));
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

/// A meeting is also known by who met: "Droupadi Murmu-José Ramos-Horta meeting", which
/// tells apart two meetings of one day.
fn named_after_participants(out: &mut Output, id: &str, m: &Milestone, officials: &Officials) {
    // A summit or state visit is the occasion of the meetings in it, not one of them.
    if m.kind != "meeting" || m.officials.len() < 2 {
        return;
    }
    let names: Vec<&str> = m
        .officials
        .iter()
        .take(4)
        .map(|&o| officials.list[o].name.as_str())
        .collect();
    out.alias(id, &[&names.join("-"), " meeting"].concat());
}

/// "Mexico celebrated its 206th anniversary of independence", "the 70th anniversary of
/// the founding of the republic": an anniversary of no relationship (no ties,
/// partnership or named agreement within a few words) is no milestone of one.
fn idle_anniversary(s: &super::Sentence, i: usize, agreement_spans: &[(usize, usize)]) -> bool {
    if s.word(i) != "anniversary" {
        return false;
    }
    let window = i.saturating_sub(6)..(i + 9).min(s.tokens.len());
    let ties = window.clone().any(|k| {
        let w = s.word(k).to_lowercase();
        matches!(
            w.as_str(),
            "relations" | "ties" | "relationship" | "partnership" | "friendship" | "treaty"
        )
    });
    let named = agreement_spans
        .iter()
        .any(|&(a, b)| window.contains(&a) || window.contains(&b));
    !ties && !named
}

/// "inked eight deals", "Three bilateral agreements were inked", "signed an agreement
/// that allows visa-free travel", "The memorandum on health was signed by X and Y": a
/// signing told of counted or unnamed agreements (or of one told before, with its
/// signers), whose
/// noun (data/lexicon.ron `unnamed_deal_words`) comes within a few words of the signing
/// word with a count or an indefinite article before it.
fn unnamed_deals(doc: &Doc, s: &super::Sentence, triggers: &[Trigger]) -> bool {
    let lex = &doc.lex.gazetteer.lexicon;
    // "Twenty-seven" counts as its last part does.
    let is = |list: &[String], k: usize| {
        let w = s.word(k).to_lowercase();
        let last = w.rsplit('-').next().unwrap_or_default();
        list.iter().any(|x| *x == w || x == last)
    };
    let counted = |k: usize| {
        (k.saturating_sub(3)..k).any(|c| {
            is(&lex.count_words, c)
                || s.word(c).starts_with(|ch: char| ch.is_ascii_digit())
                    && !s.dates.iter().any(|d| d.first <= c && c <= d.last)
        })
    };
    triggers
        .iter()
        .filter(|(_, k, _)| k == "signing")
        // "want to sign several deals": a wish for deals not yet named.
        .filter(|&&(p, _, _)| p == 0 || s.word(p - 1) != "to")
        .any(|&(p, _, _)| {
            let window = p.saturating_sub(8)..(p + 6).min(s.tokens.len());
            // "The memorandum on health was signed by X and Y": one told before, whose
            // signers the sentence names.
            // "witnessed the signing of the MoUs": the signing of those told before.
            let definite = |k: usize| {
                k > 0 && matches!(s.word(k - 1), "The" | "the" | "This" | "this" | "these")
            };
            let signed_by = |k: usize| k < p && definite(k) && s.word(p + 1) == "by";
            let signing_of = |k: usize| k == p + 3 && s.word(p + 1) == "of" && definite(k);
            // "X and Y signed the documents": those told before, with their signers.
            let signed_the = |k: usize| k == p + 2 && definite(k);
            let passive = p.saturating_sub(16)..p;
            window
                .chain(passive)
                .filter(|&k| k != p && is(&lex.unnamed_deal_words, k))
                .any(|k| {
                    (counted(k) && k + 8 >= p || signed_by(k) || signing_of(k) || signed_the(k))
                        && (k.min(p)..k.max(p)).all(|j| s.word(j) != ";")
                })
        })
}

/// "President X's state visit to Y": a meeting where only one side has a named official
/// involves the countries too, the host's being otherwise unnamed.
fn one_side_named(m: &Milestone, officials: &Officials) -> bool {
    let mut sides = m.officials.iter().map(|&o| officials.list[o].country);
    let Some(Some(first)) = sides.next() else {
        return false;
    };
    matches!(m.kind, "meeting" | "summit")
        && sides.all(|c| c == Some(first))
        && m.countries.contains(&first)
        && m.countries.iter().any(|&c| c != first)
}

/// Where in the sentence the meeting of a `meets` is told, to date it by the nearest date:
/// the first meeting word, else the first signing word. "Oslo, March 14 (NTB) X and Y on
/// Thursday signed the agreement": they met on Thursday, not on the dateline's day.
fn meet_anchor(triggers: &[Trigger]) -> usize {
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

/// "on the sidelines of [a meeting of] ORG" before the organisation at `first`: "the
/// sidelines of the G20", "the margins of a meeting of Group of 20 foreign ministers".
fn on_sidelines_of(s: &super::Sentence, first: usize) -> bool {
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

#[cfg(test)]
mod tests;
