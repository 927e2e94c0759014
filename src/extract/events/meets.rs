//! Who met whom (`meets`, `counterpart_of`) and who signed what (`signed`), told sentence
//! by sentence.

use super::dating::meet_anchor;
use super::instances::clause_events;
use super::participants::{former, named_aside, only_reports};
use super::status::modality;
use super::story::Story;
use super::{Instance, Scene, Trigger};
use crate::extract::officials::Officials;
use crate::extract::{Doc, Output, Sentence};
use crate::model::{Attrs, PartialDate, RelationKind};

/// `meets` for the pairs of a meeting sentence. With two meetings or signings told in
/// it ("X met Y on Monday, while Z met W on Tuesday"), a pair meets only when both are
/// named nearest the same one, on that one's date.
pub(super) fn relate_meetings(
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
        let verb_after = |r: &crate::extract::officials::OfficialRef| {
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
                crate::extract::text::is_possessive(s.word(r.last))
                    && (r.last + 1..r.last + 4).any(|k| {
                        matches!(
                            s.word(k),
                            "envoy" | "emissary" | "representative" | "message" | "letter"
                        )
                    })
            })
    };
    let only_reports = |o: usize| only_reports(doc, officials, si, o);
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

/// "the two foreign ministers signed", "The two ministers reviewed the accord, which they
/// signed in 2022": the officials a plural names sign when it (or "they") is the subject
/// right before the signing verb.
pub(super) fn plural_signers(s: &Sentence, triggers: &[Trigger], plural: &[usize]) -> Vec<usize> {
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
                        | "they"
                )
            })
        });
    if subject {
        plural.to_vec()
    } else {
        Vec::new()
    }
}

/// "Kenya and Peru signed a pact, Kenyan Minister X said": official `o` signs only when
/// named in the clause of a signing verb (or as the person a relative clause with one
/// is about), not as the source who tells of it.
fn signs_in_its_clause(
    s: &Sentence,
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
pub(super) fn signed_as_participle(
    s: &Sentence,
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

/// "X met Y": `meets` for the counterpart pairs the officials module found in a sentence
/// that tells an event (other than an accession).
pub(super) fn relate_counterparts_met(scene: &Scene, out: &mut Output, meet_attrs: &Attrs) {
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
pub(super) fn meeting_pairs(
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
pub(super) fn signing_reported(scene: &Scene) -> bool {
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

/// "a tariff deal first signed in 2002": a passive with no agent names no signer ("which
/// they signed in 2022" has one).
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
                    s.tokens[b].is_word()
                        && !s.tokens[b].is_capitalized()
                        && !in_a_name(b)
                        && !matches!(s.word(b), "they" | "we" | "he" | "she")
                })
        })
}

/// `signed` from who signs in the sentence to each agreement (not partnership) in it.
/// Signers are named: "the two ministers welcomed the agreement, which the countries
/// signed in 2022" does not make the ministers its signatories; "the two foreign
/// ministers signed" does.
pub(super) fn relate_signers(scene: &Scene, out: &mut Output) {
    let (s, si, officials, things) = (scene.s, scene.si, scene.officials, scene.things);
    let signs = |o: usize| {
        !scene.bystander(o)
            && !scene.in_presence(o)
            && signs_in_its_clause(s, officials, si, o, &scene.triggers)
    };
    // "The two ministers ... signed it during the visit by President X": when a plural
    // subject signs, it is who signs.
    let signers: Vec<usize> = if scene.signers.is_empty() {
        scene.direct.iter().copied().filter(|&o| signs(o)).collect()
    } else {
        scene.signers.clone()
    };
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
                crate::extract::clauses::signing_status_attrs(s, &scene.triggers),
            );
        }
    }
}

impl Scene<'_> {
    /// The attributes of a `meets`: its date and status ("will meet": planned).
    pub(super) fn meet_attrs(&self, meet_date: Option<PartialDate>) -> Attrs {
        let mut attrs = Attrs::new();
        if let Some(d) = meet_date.filter(|_| !self.triggers.is_empty()) {
            attrs.insert("date".into(), d.iso());
            let status = self.s.clauses.status_at(meet_anchor(&self.triggers));
            attrs.extend(crate::extract::clauses::status_attrs(status.name()));
        }
        attrs
    }
}
