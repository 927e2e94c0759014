//! Sessions of recurring bodies: "co-chaired the fifth session of the Joint Commission" as
//! an event and as the forum it is held at.

use super::triggers::is_ordinal;
use super::Trigger;
use crate::extract::things::Things;
use crate::extract::{Doc, Output, Sentence};

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
    for r in crate::extract::in_sentence(&things.agreement_refs, si, |r| r.sentence) {
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
pub(super) fn body_sessions(
    doc: &Doc,
    out: &mut Output,
    s: &Sentence,
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
pub(super) fn session_forums(
    doc: &Doc,
    out: &mut Output,
    (s, si): (&Sentence, usize),
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
