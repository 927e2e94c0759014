//! The kinds of event a sentence tells (elevation, signing, meeting, summit, accession,
//! anniversary), from its event words and what surrounds them.

use super::dating::definite_at;
use super::{Accession, Scene, Trigger};
use crate::extract::clauses::{COUNT_WORD, DEAL_WORD};
use crate::extract::lexicon::{with_lower, ProperTarget};
use crate::extract::{Doc, Sentence};

/// "The first 2+2 meeting was held in Tokyo in April 2023": a meeting held on a date
/// of its own, in an article about one pair of countries, is that pair's.
/// A year will do when the sentence says whose meeting it is ("between the two
/// governments was held in 2015").
pub(super) fn dated_pair_meeting(doc: &Doc, s: &Sentence, pairs_own: bool) -> bool {
    doc.main_pair().len() == 2
        && s.dates
            .iter()
            .any(|d| !d.attributive && (pairs_own || d.date.month.is_some()))
}

/// "at their first high-level meeting", "the meeting between the two governments": a
/// meeting the sentence gives to the pair it speaks of.
pub(super) fn pairs_own_meeting(s: &Sentence, triggers: &[Trigger]) -> bool {
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

/// "Sweden became the 32nd member of NATO", "Finland joined the alliance on April 4": the
/// countries named before the trigger in its clause join the bloc named right after it,
/// or, with none named ("Finland joined on April 4"), the bloc the article saw joined last.
pub(super) fn accession(
    s: &Sentence,
    trigger: usize,
    blocs: &[crate::extract::things::ThingRef],
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

/// The kinds of event a sentence tells, from its trigger words and what surrounds them
/// (`elevation_told`, `signing_told`, `meeting_told`); an anniversary word tells one.
pub(super) fn event_kinds(scene: &Scene) -> Vec<&'static str> {
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
/// to boost ties"), and so does reaching consensus ("reached consensus on relations");
/// opening an embassy is one (the trigger kept only then: `embassy_opened`).
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
    let embassy = triggers
        .iter()
        .any(|(_, k, w)| k == "elevation" && w == "opened");
    scene.has("elevation")
        && (partnership_here
            || embassy
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
            || talks_told_with_venue(scene)
            || dated_body_session(scene))
}

/// "They welcomed the first meeting of the Joint Trade Committee, held in Lima in May
/// 2019": a meeting word right before a recurring body (data/lexicon.ron
/// `body_head_words`) with a date of its own tells a session of that body then.
fn dated_body_session(scene: &Scene) -> bool {
    let (s, heads) = (scene.s, &scene.doc.lex.gazetteer.lexicon.body_head_words);
    let is_body = |id: &str| {
        id.split(['-', ':'])
            .any(|w| heads.iter().any(|h| h.eq_ignore_ascii_case(w)))
    };
    let bodies: Vec<usize> = scene
        .things
        .organizations_in(scene.si)
        .iter()
        .filter(|o| is_body(&o.id))
        .map(|o| o.first)
        .collect();
    let of_a_body = |after: usize| {
        bodies.iter().any(|&b| {
            (after..=after + 2).contains(&b)
                && (after..b).all(|k| matches!(s.word(k), "of" | "the"))
        })
    };
    scene
        .triggers
        .iter()
        .filter(|(_, k, _)| k == "meeting")
        .any(|&(t, _, ref w)| of_a_body(t + w.split(' ').count()) && scene.date_of(t).is_some())
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
pub(super) fn accessions_told(scene: &Scene, last_bloc: Option<&String>) -> Vec<Accession> {
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

/// "We, the Prime Ministers of Canada and Japan, meet today": leaders who speak together
/// of their meeting, in a joint statement.
fn we_the_leaders(s: &Sentence, triggers: &[Trigger]) -> bool {
    let Some(we) = (0..s.tokens.len()).find(|&k| s.word(k) == "We" && s.word(k + 1) == ",") else {
        return false;
    };
    triggers
        .iter()
        .any(|(p, k, _)| k == "meeting" && *p > we && (we + 2..*p).any(|j| s.word(j) == ","))
}

/// "The signing was held between the two ministers and witnessed by the presidents",
/// "were present during the signing": the signing told before, with more who took part.
fn signing_told_before(s: &Sentence, triggers: &[Trigger]) -> bool {
    triggers.iter().any(|(p, k, w)| {
        k == "signing"
            && matches!(w.as_str(), "signing" | "signature")
            && *p > 0
            && matches!(s.word(p - 1), "the" | "The" | "this" | "This")
    })
}

/// "inked eight deals", "Three bilateral agreements were inked", "signed an agreement
/// that allows visa-free travel", "The memorandum on health was signed by X and Y": a
/// signing told of counted or unnamed agreements (or of one told before, with its
/// signers), whose
/// noun (data/lexicon.ron `unnamed_deal_words`) comes within a few words of the signing
/// word with a count or an indefinite article before it.
fn unnamed_deals(doc: &Doc, s: &Sentence, triggers: &[Trigger]) -> bool {
    let lex = &doc.lex.gazetteer.lexicon;
    // "Twenty-seven" counts as its last part does.
    let is = |(list, bit): (&[String], u64), k: usize| {
        // A whole ASCII word the list has in no case it has lower-cased neither: only
        // the tokens the clause grammar marks with its bit (and the hyphened) are
        // compared.
        let word = s.word(k);
        if !s.clauses.word_has(k, bit) && word.is_ascii() && !word.contains('-') {
            return false;
        }
        with_lower(word, |w| {
            let last = w.rsplit('-').next().unwrap_or_default();
            list.iter().any(|x| *x == w || x == last)
        })
    };
    let counted = |k: usize| {
        (k.saturating_sub(3)..k).any(|c| {
            is((&lex.count_words, COUNT_WORD), c)
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
                .filter(|&k| k != p && is((&lex.unnamed_deal_words, DEAL_WORD), k))
                .any(|k| {
                    (counted(k) && k + 8 >= p || signed_by(k) || signing_of(k) || signed_the(k))
                        && (k.min(p)..k.max(p)).all(|j| s.word(j) != ";")
                })
        })
}
