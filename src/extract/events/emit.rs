//! Writing a milestone out: its name, attributes and relations (`involves`, `concerns`,
//! `held_in`, `held_at`).

use super::agreements::{concerned, marked_by_the_anniversary};
use super::participants::{one_side_named, taking_part};
use super::status::milestone_status;
use super::{kind_name, Milestone};
use crate::extract::officials::Officials;
use crate::extract::things::Things;
use crate::extract::{Doc, Output, Sentence};
use crate::model::{slugify, Attrs, EntityKind, RelationKind};

/// "the 50th anniversary", "marking 30 years of ties": the ordinal of an anniversary.
pub(super) fn anniversary_ordinal(s: &Sentence) -> Option<String> {
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

/// A milestone written out: (id, ISO date, officials, agreements), for `follows`.
pub(super) type Emitted = (String, String, Vec<usize>, Vec<usize>);

/// Writes one milestone out with its attributes (date, kind, status) and relations
/// (`involves`, `concerns`, `held_in`, `held_at`, a bloc's `member_of`), named by
/// `milestone_name`. "The NATO summit will be held in The Hague on June 24": a bloc's own
/// dated meeting at a named venue needs no member named; any other event with no one,
/// no country and no agreement is dropped.
pub(super) fn emit_milestone(
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
        ("elevation", None) if m.trigger == "opened" => {
            ["Opening of the ", &pair, " embassy"].concat()
        }
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
    let status_attrs = crate::extract::clauses::status_attrs(status);
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
                cid,
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
            out.relate(cid, RelationKind::MemberOf, b, s, doc.text, Attrs::new());
        }
    }
}

/// `concerns` to the agreements an event is about (for an anniversary, only the one it
/// marks: `marked_by_the_anniversary`; not one named
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
        let unmarked = m.kind == "anniversary" && !marked_by_the_anniversary(doc, things, m, a);
        if unmarked || other_year {
            continue;
        }
        let aid = &things.agreements[a].id;
        let attrs = m
            .told_otherwise
            .iter()
            .find(|&&(x, _)| x == a)
            .map_or_else(Attrs::new, |&(_, st)| {
                crate::extract::clauses::status_attrs(st)
            });
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
