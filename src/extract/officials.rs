//! Officials: title + name in both orders ("Defence Minister Rajnath Singh",
//! "Angela Merkel, German chancellor"), counterparts, surnames and title-only
//! references resolved to one person each, with the country each represents.

use super::lexicon::{Lexicon, PhraseTarget, ProperTarget};
use super::{Doc, Output, Sentence};
use crate::model::{fold, slugify, Attrs, EntityKind, RelationKind};
use rustc_hash::FxHashSet as HashSet;

/// A person found in the article.
#[derive(Debug, Clone)]
pub(crate) struct Official {
    pub id: String,
    pub name: String,
    pub title: Option<usize>,
    pub country: Option<usize>,
    /// "NATO Secretary General": the gazetteer organisation whose office it is.
    pub organization: Option<usize>,
    name_keys: Vec<String>,
}

/// One place in the text that names an official.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OfficialRef {
    pub sentence: usize,
    pub first: usize,
    pub last: usize,
    pub official: usize,
}

pub(crate) struct Officials {
    pub list: Vec<Official>,
    pub refs: Vec<OfficialRef>,
    /// (sentence, official, official) named as each other's counterparts.
    pub counterparts: Vec<(usize, usize, usize)>,
}

impl Officials {
    /// Officials named in a sentence, in order, without repeats.
    pub fn in_sentence(&self, sentence: usize) -> Vec<usize> {
        let mut seen = Vec::new();
        for r in self.refs_in(sentence) {
            if !seen.contains(&r.official) {
                seen.push(r.official);
            }
        }
        seen
    }

    /// The refs of one sentence: `refs` is sorted by sentence, so a binary search finds them.
    pub fn refs_in(&self, sentence: usize) -> impl Iterator<Item = &OfficialRef> {
        super::in_sentence(&self.refs, sentence, |r| r.sentence).iter()
    }

    /// Pairs named as counterparts in one sentence.
    pub fn counterparts_in(&self, sentence: usize) -> &[(usize, usize, usize)] {
        super::in_sentence(&self.counterparts, sentence, |c| c.0)
    }
}

#[derive(Debug, Clone)]
enum MentionKind {
    /// A name, with the title and country the text gives it there.
    Named { name: String },
    /// "the Egyptian president": an official known by title (and country) only.
    TitleOnly,
    /// "his Turkish counterpart" with no name: someone of that country.
    Counterpart,
}

#[derive(Debug, Clone)]
struct Mention {
    sentence: usize,
    first: usize,
    last: usize,
    /// Where the title (and any country before it) starts: the span the country marks.
    title_first: usize,
    kind: MentionKind,
    title: Option<usize>,
    country: Option<usize>,
    /// The gazetteer organisation the title belongs to ("the WTO's Director-General").
    organization: Option<usize>,
    /// Index of the mention this one is the counterpart of.
    counterpart_of: Option<usize>,
    /// "Deputy Prime Minister and Minister of Foreign Affairs": the second office held.
    second_title: Option<usize>,
    /// Named as someone's counterpart ("his Spanish counterpart, X").
    peer: bool,
    official: Option<usize>,
}

impl Mention {
    /// A name at `span` with the title, country and organisation the text gives it there.
    fn titled(
        sentence: usize,
        span: (usize, usize),
        title_first: usize,
        name: String,
        title: usize,
        (country, organization): (Option<usize>, Option<usize>),
    ) -> Mention {
        Mention {
            sentence,
            first: span.0,
            last: span.1,
            title_first,
            kind: MentionKind::Named { name },
            title: Some(title),
            country,
            organization,
            counterpart_of: None,
            second_title: None,
            peer: false,
            official: None,
        }
    }

    /// A name the text gives no title.
    fn untitled(
        sentence: usize,
        first: usize,
        last: usize,
        name: String,
        country: Option<usize>,
    ) -> Mention {
        Mention {
            sentence,
            first,
            last,
            title_first: first,
            kind: MentionKind::Named { name },
            title: None,
            country,
            organization: None,
            counterpart_of: None,
            second_title: None,
            peer: false,
            official: None,
        }
    }
}

/// "Guatemala's agent, Foreign Minister X": the country whose role a title before
/// `i` is set off against by a comma.
fn apposed_country(s: &Sentence, i: usize) -> Option<usize> {
    let comma = i.checked_sub(1)?;
    if s.word(comma) != "," {
        return None;
    }
    let mut k = comma;
    while k > 0 && comma - k < 3 {
        let t = &s.tokens[k - 1];
        if !t.is_word() || t.is_capitalized() || matches!(t.text, "'s" | "s") {
            break;
        }
        k -= 1;
    }
    (k < comma).then(|| country_before(s, k)).flatten()
}

fn country_before(s: &Sentence, i: usize) -> Option<usize> {
    let mut j = i.checked_sub(1)?;
    // "Chile's new ambassador"
    if matches!(s.word(j), "new" | "incoming" | "outgoing") {
        j = j.checked_sub(1)?;
    }
    if matches!(s.word(j), "'" | "\u{2019}" | "'s" | "\u{2019}s") {
        j = j.checked_sub(1)?;
    }
    let hit = s.proper_ending_at(j)?;
    match hit.target {
        ProperTarget::Country { country, .. } => Some(country),
        _ => None,
    }
}

/// "NATO Secretary General", "the WTO's Director-General": the organisation named just
/// before a title holds that office.
fn organization_before(s: &Sentence, i: usize) -> Option<usize> {
    let mut j = i.checked_sub(1)?;
    if s.word(j) == "its" {
        // "the Caribbean Community and its Secretary-General": the body named last.
        return s
            .proper
            .iter()
            .filter(|h| h.last < j)
            .filter_map(|h| match h.target {
                ProperTarget::Organization(o) => Some((h.last, o)),
                _ => None,
            })
            .max_by_key(|&(last, _)| last)
            .map(|(_, o)| o);
    }
    if matches!(s.word(j), "'" | "\u{2019}" | "'s" | "\u{2019}s") {
        j = j.checked_sub(1)?;
    }
    match s.proper_ending_at(j)?.target {
        ProperTarget::Organization(o) => Some(o),
        _ => None,
    }
}

/// "EU chief negotiator Michel Barnier", "the UN's special envoy X": the gazetteer body
/// (no news agency) named right before one to three lower-case words of role before an
/// untitled name, whose office the person holds.
fn body_role_before(doc: &Doc, m: &Mention) -> Option<usize> {
    if m.title.is_some() || !matches!(m.kind, MentionKind::Named { .. }) {
        return None;
    }
    let s = &doc.sentences[m.sentence];
    let mut j = m.first;
    while j > 0 && m.first - j < 3 {
        let t = &s.tokens[j - 1];
        if !t.is_word() || t.is_capitalized() {
            break;
        }
        j -= 1;
    }
    if j == m.first || (j..m.first).any(|k| !s.tokens[k].text.chars().all(char::is_lowercase)) {
        return None;
    }
    let o = organization_before(s, j).or_else(|| role_adjective_body(doc, s, j, m.first))?;
    (!doc.lex.gazetteer.organizations[o].news).then_some(o)
}

/// "European negotiator Ana Ruiz": a bloc's adjective (`role_adjectives` in
/// data/organizations.ron) right before the lower-case role words `role..name` of one
/// person names the body whose office it is. A plural role ("European leaders Ana Ruiz
/// and ...") lists people who each hold their own country's office: no body.
fn role_adjective_body(doc: &Doc, s: &Sentence, role: usize, name: usize) -> Option<usize> {
    let adjective = s.word(role.checked_sub(1)?);
    let noun = s.word(name.checked_sub(1)?);
    if noun.ends_with('s') {
        return None;
    }
    doc.lex
        .gazetteer
        .organizations
        .iter()
        .position(|o| o.role_adjectives.iter().any(|a| a == adjective))
}

/// Nouns of one who serves a leader personally.
const AIDE_NOUNS: [&str; 3] = ["adviser", "advisor", "aide"];

/// ", a senior adviser to Congolese President" before a leader's title at `title_first`:
/// the comma that sets the apposition off and the country the words before the title
/// give (its adjective, or "Chile's").
fn aide_apposition(s: &Sentence, title_first: usize) -> Option<(usize, Option<usize>)> {
    let mut k = title_first;
    let mut country = None;
    let owner = k.checked_sub(1).and_then(|j| {
        let j = if matches!(s.word(j), "'s" | "\u{2019}s") {
            j.checked_sub(1)?
        } else {
            j
        };
        s.proper_ending_at(j)
    });
    if let Some(hit) = owner {
        if let ProperTarget::Country { country: c, .. } = hit.target {
            country = Some(c);
            k = hit.first;
        }
    }
    if k > 0 && s.word(k - 1) == "the" {
        k -= 1;
    }
    if k < 2 || s.word(k - 1) != "to" || !AIDE_NOUNS.contains(&s.word(k - 2)) {
        return None;
    }
    k -= 2;
    // "a senior", "a top foreign-policy": up to two lower-case words of rank.
    let mut extra = 0;
    while k > 0 && extra < 2 && s.word(k - 1).chars().all(|c| c.is_lowercase() || c == '-') {
        if matches!(s.word(k - 1), "a" | "an") {
            break;
        }
        // "a former adviser" holds no office now.
        if s.word(k - 1) == "former" {
            return None;
        }
        k -= 1;
        extra += 1;
    }
    (k >= 2 && matches!(s.word(k - 1), "a" | "an") && s.word(k - 2) == ",")
        .then_some((k - 2, country))
}

/// Two holders of one office named after its plural title.
struct PluralPair {
    title: usize,
    /// Where the title phrase starts.
    title_first: usize,
    names: [(usize, usize, String); 2],
}

/// "foreign ministers, A and B", "Presidents A and B", "the countries' Ministers of
/// Foreign Affairs, A and his counterpart B" at `i` (the plural word): the title and
/// both names.
fn plural_title_pair(doc: &Doc, s: &Sentence, i: usize) -> Option<PluralPair> {
    let (title, title_first, title_last) = plural_title_at(doc, s, i)?;
    let mut k = title_last + 1;
    if s.word(k) == "," {
        k += 1;
    }
    let k1 = skip_honorifics(doc, s, k);
    let (l1, n1) = scan_name(doc, s, k1)?;
    if s.word(l1 + 1) != "and" {
        return None;
    }
    let mut k = l1 + 2;
    if matches!(s.word(k), "his" | "her" | "their") && s.word(k + 1) == "counterpart" {
        k += 2;
        if s.word(k) == "," {
            k += 1;
        }
    }
    let k2 = skip_honorifics(doc, s, k);
    let (l2, n2) = scan_name(doc, s, k2)?;
    // "... and B of the Central Bank": B is named by another office.
    if s.word(l2 + 1) == "of" {
        return None;
    }
    Some(PluralPair {
        title,
        title_first,
        names: [(k1, l1, n1), (k2, l2, n2)],
    })
}

/// The office whose title in the plural is the word at `i`, with the words around it
/// ("foreign ministers", "Ministers of Foreign Affairs", "Presidents"): the title and
/// the span of the phrase.
fn plural_title_at(doc: &Doc, s: &Sentence, i: usize) -> Option<(usize, usize, usize)> {
    let w = s.word(i);
    let (stem, y) = match w.strip_suffix("ies") {
        Some(stem) => (stem, "y"),
        None => (w.strip_suffix('s')?, ""),
    };
    // Asked of every plural word: most are the word of no office, told without
    // making the singular.
    if !doc.lex.is_office_word(stem, y) {
        return None;
    }
    let singular = format!("{stem}{y}");
    let find = |phrase: &str| {
        doc.lex
            .office_by_form
            .get(&phrase.to_ascii_lowercase())
            .copied()
    };
    // A phrase is an office's form only if each of its words is a word of some form:
    // the words after and before that may take part.
    let office_word = |k: usize| {
        s.tokens.get(k).is_some_and(|t| t.is_word()) && doc.lex.is_office_word(s.word(k), "")
    };
    let words_after = (1..=4).take_while(|&a| office_word(i + a)).count();
    let before = i.checked_sub(1).filter(|&p| office_word(p));
    // The longest phrase first: a word before and up to four after.
    for after in (0..=words_after).rev() {
        let tail: String = (i + 1..=i + after)
            .map(|k| format!(" {}", s.word(k)))
            .collect();
        if let Some(prev) = before {
            if let Some(t) = find(&format!("{} {singular}{tail}", s.word(prev))) {
                return Some((t, prev, i + after));
            }
        }
        if let Some(t) = find(&format!("{singular}{tail}")) {
            return Some((t, i, i + after));
        }
    }
    None
}

/// "X, the Chairperson of the African Union Commission": the organisation named just
/// after a title's "of [the]" holds that office.
fn organization_after_of(s: &Sentence, last: usize) -> Option<usize> {
    if s.word(last + 1) != "of" {
        return None;
    }
    let j = if s.word(last + 2).eq_ignore_ascii_case("the") {
        last + 3
    } else {
        last + 2
    };
    match s.proper_at(j)?.target {
        ProperTarget::Organization(o) => Some(o),
        _ => None,
    }
}

/// Skips a form of address ("H.E.", "His Majesty", "Dr") at `k`; returns the next index.
fn skip_honorifics(doc: &Doc, s: &Sentence, mut k: usize) -> usize {
    loop {
        // "Gen Nakatani", a name data/officials.ron knows: "Gen" opens it, not "General".
        if known_name_opens_at(doc, s, k) {
            return k;
        }
        let before = k;
        for h in &doc.lex.multiword_honorifics {
            if s.matches_at(k, h) {
                k += h.len();
            }
        }
        if doc.lex.is_single_honorific(s.word(k))
            && s.word(k).chars().next().is_some_and(char::is_uppercase)
        {
            k += 1;
            if s.word(k) == "." {
                k += 1;
            }
        }
        if let Some(end) = honorific_title_end(doc, s, k) {
            k = end + 1;
            if s.word(k) == "." {
                k += 1;
            }
        }
        if k == before {
            return k;
        }
    }
}

/// The last token of a title that is a form of address ("His Excellency") at `k`.
fn honorific_title_end(doc: &Doc, s: &Sentence, k: usize) -> Option<usize> {
    let t = s.phrases.iter().find(|h| h.first == k)?;
    match t.target {
        PhraseTarget::Title(ti) if doc.lex.gazetteer.titles[ti].honorific => Some(t.last),
        _ => None,
    }
}

/// A known official's own name starts at `k` with its first word as the gazetteer
/// writes it ("Gen Nakatani"; not "Prince Faisal bin Farhan", a form with an address).
fn known_name_opens_at(doc: &Doc, s: &Sentence, k: usize) -> bool {
    s.known_officials.iter().any(|h| h.first == k) && doc.lex.opens_known_name(s.word(k))
}

/// "PRIME MINISTER OF MALAYSIA": a word in capitals that is a word no name is ("OF",
/// "AND", "THE", "MINISTER") in its ordinary case. Headlines and letterheads set whole
/// lines in capitals.
fn capitals_of_a_non_name(doc: &Doc, word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if word.len() < 2 || !word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
        return false;
    }
    let title_case: String = std::iter::once(first)
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    doc.lex.not_names.contains(&title_case)
}

fn is_name_word(doc: &Doc, s: &Sentence, i: usize) -> bool {
    let Some(t) = s.tokens.get(i) else {
        return false;
    };
    // "Sheikh Hasina": a known name may open with a word that is otherwise no name.
    if !t.is_word()
        || doc.lex.not_names.contains(t.text)
            && !month_first_name(doc, s, i)
            && !known_name_opens_at(doc, s, i)
    {
        return false;
    }
    if capitals_of_a_non_name(doc, t.text) {
        return false;
    }
    if let Some(h) = s.proper_at(i) {
        if !matches!(h.target, ProperTarget::Place { .. }) {
            return false;
        }
    }
    // A title inside a hyphenated name ("Amir-Abdollahian") is part of the name;
    // "President-elect" stays a title.
    let inside_name = t
        .text
        .split_once('-')
        .is_some_and(|(_, rest)| rest.chars().next().is_some_and(char::is_uppercase));
    if !inside_name
        && s.phrases.iter().any(|h| h.first == i)
        && !known_name_opens_at(doc, s, i)
        && !opens_patronymic(doc, s, i)
        && !after_address(doc, s, i)
    {
        return false;
    }
    if t.is_capitalized() {
        return true;
    }
    // "al-Sisi", "el-Sisi"
    if let Some((pre, rest)) = t.text.split_once('-') {
        return doc.lex.particles.contains(pre)
            && rest.chars().next().is_some_and(char::is_uppercase);
    }
    false
}

/// "Chile's (new) ambassador": the country before the title at `first` is possessive.
fn possessive_country_before(s: &Sentence, first: usize) -> bool {
    let mut j = first;
    if j > 0 && matches!(s.word(j - 1), "new" | "incoming" | "outgoing") {
        j -= 1;
    }
    j > 0 && super::text::is_possessive(s.word(j - 1))
        || j > 1 && matches!(s.word(j - 1), "'" | "\u{2019}" | "'s" | "\u{2019}s")
}

/// One word after a title that nothing confirms as a name: after a mere form of address
/// ("General News of Monday"), with no country, a word the text uses nowhere else;
/// after any title, a word cut off at the very end of the text ("President Ab").
fn unconfirmed_word(
    doc: &Doc,
    si: usize,
    (k, last): (usize, usize),
    title: usize,
    country: Option<usize>,
) -> bool {
    let s = &doc.sentences[si];
    let word = s.word(k);
    let known = known_identity(doc.lex, &name_keys(doc.lex, word)).is_some();
    if last != k || known || s.known_officials.iter().any(|h| h.first == k) {
        return false;
    }
    let cut_off = si + 1 == doc.sentences.len()
        && last + 1 == s.tokens.len()
        && doc.text.trim_end().len() == s.tokens[last].end;
    // Asked only when the rest holds: it reads every token of the article.
    let elsewhere = || {
        doc.sentences.iter().enumerate().any(|(oi, o)| {
            o.tokens
                .iter()
                .enumerate()
                .any(|(ti, t)| (oi, ti) != (si, k) && trim_possessives(t.text, "'s") == word)
        })
    };
    cut_off || doc.lex.gazetteer.titles[title].honorific && country.is_none() && !elsewhere()
}

/// `word.trim_end_matches(suffix)` without building a string searcher: every trailing
/// `suffix` off ("Modi's" → "Modi"), for the per-token comparisons.
fn trim_possessives<'w>(mut word: &'w str, suffix: &str) -> &'w str {
    while let Some(stem) = word.strip_suffix(suffix) {
        word = stem;
    }
    word
}

/// The country of the last title-only mention of `title` ("Chile's new ambassador").
fn title_only_country(mentions: &[Mention], title: usize) -> Option<usize> {
    mentions
        .iter()
        .rev()
        .find(|m| matches!(m.kind, MentionKind::TitleOnly) && m.title == Some(title))
        .and_then(|m| m.country)
}

/// "The new ambassador is Maria Lopez Garcia.": a definite title (`first..=last`) that
/// "is" a full name names its holder; where the name starts, ends, and the name.
fn copular_name(
    doc: &Doc,
    s: &Sentence,
    first: usize,
    last: usize,
) -> Option<(usize, usize, String)> {
    let det = |i: usize| matches!(s.word(i), "the" | "The" | "Its" | "its" | "Their" | "their");
    if !(first >= 1 && det(first - 1) || first >= 2 && det(first - 2)) {
        return None;
    }
    if !matches!(s.word(last + 1), "is" | "was") {
        return None;
    }
    let k = skip_honorifics(doc, s, last + 2);
    let (name_last, name) = scan_name(doc, s, k)?;
    (name_last > k && matches!(s.word(name_last + 1), "." | "," | ""))
        .then_some((k, name_last, name))
}

/// "Deputy Prime Minister and Minister of Foreign Affairs": the office title right after
/// "and" after the title ending at `last`.
fn and_title(s: &Sentence, last: usize) -> Option<usize> {
    if s.word(last + 1) != "and" {
        return None;
    }
    title_hits(s)
        .find(|&(first, _, _)| first == last + 2)
        .map(|(_, _, t)| t)
}

/// "6:40 PM IST": an abbreviation after a number is a time of day, not a title.
fn clock_time(s: &Sentence, first: usize) -> bool {
    first > 0
        && s.word(first).chars().all(|c| c.is_ascii_uppercase())
        && s.word(first - 1).chars().all(|c| c.is_ascii_digit())
}

/// "Ambassador to Indonesia Tran Quoc Hung", "ambassador of Oman to Qatar": the country
/// of the posting at `k` is passed over (it is the host's, not the holder's); returns
/// where the name may start.
fn after_posting(s: &Sentence, k: usize) -> usize {
    if s.word(k) != "to" {
        return k;
    }
    let j = if s.word(k + 1).eq_ignore_ascii_case("the") {
        k + 2
    } else {
        k + 1
    };
    s.country_at(j).map_or(k, |(_, last)| last + 1)
}

/// "the Chinese Ambassador in Colombo, His Excellency Qi Zhenhong": after a diplomat's
/// title, "in" and the place or country of the posting are part of the title; returns
/// where a name may start (`k` when no station follows).
fn diplomatic_station(doc: &Doc, s: &Sentence, k: usize, title: usize) -> usize {
    if s.word(k) != "in" || doc.lex.gazetteer.titles[title].office != "diplomat" {
        return k;
    }
    match s.proper_at(k + 1) {
        Some(h)
            if matches!(
                h.target,
                ProperTarget::Place { .. } | ProperTarget::Country { demonym: false, .. }
            ) =>
        {
            h.last + 1
        }
        _ => k,
    }
}

/// An okina or apostrophe at `i` joined to the capitalised name word after it
/// ("'Akauola"): one part of a Polynesian name.
fn glottal_part(doc: &Doc, s: &Sentence, i: usize) -> bool {
    let (Some(t), Some(next)) = (s.tokens.get(i), s.tokens.get(i + 1)) else {
        return false;
    };
    let quote = |w: &str| matches!(w, "'" | "\u{2018}" | "\u{2019}" | "\u{2bb}");
    // "Thapa 'Comrade'": a quoted nickname closes its quote.
    let closed = s
        .tokens
        .get(i + 2)
        .is_some_and(|c| quote(c.text) && c.start == next.end);
    quote(t.text) && t.end == next.start && !closed && is_name_word(doc, s, i + 1)
}

/// "Investment Authority", "Central Bank" at `k`, after "of Oman": capitalised words
/// ending in the head of a body's name (an organisation head or a word of the
/// not-a-name list), so the title is the body's, held for the country before it.
fn names_a_body(doc: &Doc, s: &Sentence, k: usize) -> bool {
    let mut i = k;
    while s
        .tokens
        .get(i)
        .is_some_and(|t| t.is_capitalized() && t.is_word())
    {
        i += 1;
    }
    let Some(last) = i.checked_sub(1).filter(|&l| l >= k) else {
        return false;
    };
    let head = s.word(last);
    doc.lex.not_names.contains(head)
        || doc
            .lex
            .gazetteer
            .lexicon
            .organization_heads
            .iter()
            .any(|h| h == head)
}

/// "Datuk Seri Amir Hamzah", "Dr Sultan Rashid": a title word right after a form of
/// address is a given name.
fn after_address(doc: &Doc, s: &Sentence, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    let single = doc.lex.is_single_honorific(s.word(prev))
        && s.tokens[prev].is_capitalized()
        && !title_hits(s).any(|(f, l, _)| f <= prev && prev <= l);
    let multi = doc
        .lex
        .multiword_honorifics
        .iter()
        .any(|h| prev + 1 >= h.len() && s.matches_at(prev + 1 - h.len(), h));
    let one_word_office =
        title_hits(s).any(|(f, l, t)| f == i && l == i && !doc.lex.gazetteer.titles[t].honorific);
    (single || multi) && one_word_office && s.tokens.get(i + 1).is_some_and(|t| t.is_capitalized())
}

/// "Sultan bin Nasser Al Rawahi", "Emir bin Khalid": a title word followed by "bin" or
/// "ibn" is a given name, not a title.
fn opens_patronymic(doc: &Doc, s: &Sentence, i: usize) -> bool {
    s.tokens.get(i).is_some_and(|t| t.is_capitalized())
        && matches!(s.word(i + 1), "bin" | "ibn" | "bint" | "binti")
        && doc.lex.particles.contains(s.word(i + 1))
}

/// "January Makamba", "June Ong": a month in title case that is no part of a date
/// and is followed by a title-case word that could be a surname opens a name.
fn month_first_name(doc: &Doc, s: &Sentence, i: usize) -> bool {
    let title_case = |w: &str| {
        let b = w.as_bytes();
        b.len() > 1 && b[0].is_ascii_uppercase() && b[1].is_ascii_lowercase()
    };
    let (Some(t), Some(next)) = (s.tokens.get(i), s.tokens.get(i + 1)) else {
        return false;
    };
    title_case(t.text)
        && super::dates::is_month_name(t.text)
        && title_case(next.text)
        && next.is_word()
        && !doc.lex.not_names.contains(next.text)
        && !super::dates::is_month_name(next.text)
        && s.proper_at(i + 1)
            .is_none_or(|h| matches!(h.target, ProperTarget::Place { .. }))
        && !s.dates.iter().any(|d| d.first <= i && i <= d.last)
}

/// "C", "A.H": a name's initials, which "H.E" and "H.M", forms of address, are not.
fn is_initial(doc: &Doc, word: &str) -> bool {
    super::text::is_initials(word) && !(word.contains('.') && doc.lex.is_single_honorific(word))
}

/// Reads a person's name starting at token `k`: capitalised words, inner particles
/// ("bin", "da", "von der"), initials ("C.") and suffixes ("Jr.", "III").
fn scan_name(doc: &Doc, s: &Sentence, k: usize) -> Option<(usize, String)> {
    // Parts go straight into one string: names are read at most capitalised words.
    let mut name = String::new();
    let (mut parts, mut real) = (0, 0);
    let mut add = |part: &str, dotted: bool| {
        if parts > 0 {
            name.push(' ');
        } else {
            name.reserve(32);
        }
        name.push_str(part);
        if dotted {
            name.push('.');
        }
        parts += 1;
        // Suffix-only or initial-only results are no names.
        if !dotted && !part.ends_with('.') && !doc.lex.suffixes.contains(part) {
            real += 1;
        }
        parts
    };
    let mut i = k;
    let mut last = k;
    let mut count = 0;
    while count < 8 {
        let w = s.word(i);
        // "C. Raja", "K.T. Rahman Khan", "Ramon A. Cruz": initials with their
        // closing period, even one that is a word ("A").
        let initial = is_initial(doc, w) && s.word(i + 1) == ".";
        let suffix = count > 0 && doc.lex.suffixes.contains(w);
        if !suffix && is_name_word(doc, s, i) || initial && count > 0 {
            if let Some(stem) = super::text::owner(w) {
                // "Modi's leadership": the possessive closes the name.
                add(stem, false);
                last = i;
                break;
            } else if initial {
                count = add(w, true);
                last = i + 1;
                i += 2;
            } else {
                count = add(w, false);
                last = i;
                i += 1;
            }
        } else if count > 0 && doc.lex.particles.contains(w) && {
            let mut j = i;
            while doc.lex.particles.contains(s.word(j)) {
                j += 1;
            }
            is_name_word(doc, s, j)
        } {
            count = add(w, false);
            i += 1;
        } else if count > 0
            && doc.lex.is_single_honorific(w)
            && s.tokens.get(i).is_some_and(|t| t.is_capitalized())
            && is_name_word(doc, s, i + 1)
        {
            // "Hassan Sheikh Mohamud": a form of address between two names is part of the name.
            count = add(w, false);
            i += 1;
        } else if count > 0 && glottal_part(doc, s, i) {
            // "Sione 'Akauola": a part that opens with an okina.
            count = add(&format!("{w}{}", s.word(i + 1)), false);
            last = i + 1;
            i += 2;
        } else if count > 0 && w == "," && doc.lex.suffixes.contains(s.word(i + 1)) {
            i += 1;
        } else if count > 0 && doc.lex.suffixes.contains(w) {
            let dotted = s.word(i + 1) == ".";
            add(w, dotted);
            last = if dotted { i + 1 } else { i };
            break;
        } else {
            break;
        }
    }
    (real > 0).then_some((last, name))
}

/// Reads a name that ends at token `end` (inclusive), scanning leftwards.
/// "Dato' Seri Anwar Ibrahim" read leftwards stops at the apostrophe, inside the form
/// of address: where a multi-word form of address that covers `first` ends, if one
/// does.
fn honorific_ending_in(doc: &Doc, s: &Sentence, first: usize) -> Option<usize> {
    doc.lex.multiword_honorifics.iter().find_map(|h| {
        (1..h.len())
            .filter(|&o| first >= o && s.matches_at(first - o, h))
            .map(|o| first - o + h.len())
            .max()
    })
}

fn scan_name_left(doc: &Doc, s: &Sentence, end: usize) -> Option<(usize, String)> {
    let mut first = None;
    let mut i = end as isize;
    let mut count = 0;
    while i >= 0 && count < 8 {
        let iu = i as usize;
        let w = s.word(iu);
        if is_name_word(doc, s, iu) || (count > 0 && doc.lex.particles.contains(w)) {
            first = Some(iu);
            count += 1;
            i -= 1;
        } else if w == "." && iu > 0 && is_initial(doc, s.word(iu - 1)) {
            i -= 1;
        } else if (w == "." || w == "," && count > 0)
            && iu > 0
            && (doc.lex.suffixes.contains(s.word(iu - 1))
                || w == "," && doc.lex.suffixes.contains(s.word(iu + 1)))
        {
            // "Ramon C. Aquino, Jr., Secretary ...": the suffix and its punctuation.
            i -= 1;
        } else {
            break;
        }
    }
    // "Sayyid Fahd bin Ali, Foreign Minister": the form of address is no part of it.
    let first = first?;
    let first = honorific_ending_in(doc, s, first)
        .filter(|&f| f <= end)
        .unwrap_or(first);
    let first = Some(skip_honorifics(doc, s, first))
        .filter(|&f| f <= end)
        .unwrap_or(first);
    if doc.lex.particles.contains(s.word(first)) {
        return None;
    }
    let (last, name) = scan_name(doc, s, first)?;
    (last >= end).then_some((first, name))
}

/// After a title ending at `last`, "and Mineral Resources" completes its portfolio
/// when "of" follows: the token where "of [the] Country" may start.
fn portfolio_end(s: &Sentence, last: usize) -> usize {
    let k = last + 1;
    if s.word(k) != "and" {
        return k;
    }
    let mut j = k + 1;
    while j < k + 5 && s.tokens.get(j).is_some_and(|t| t.is_capitalized()) {
        j += 1;
    }
    if j > k + 1 && s.word(j) == "of" && of_country(s, j).is_some() {
        j
    } else {
        k
    }
}

/// A portfolio listed after a title, before its holder's name: "Minister of Industry,
/// Trade and Investment, Jumoke ...", "Minister for Trade, Agribusiness and Industry,
/// ...", "Minister for Energy and Petroleum Opiyo Wandayi". Returns where the
/// comma before the name, or the name itself, starts; `k` when no portfolio is there.
fn portfolio_list(doc: &Doc, s: &Sentence, k: usize) -> usize {
    // "Minister of State at the Ministry of Foreign Affairs, X": the ministry the title
    // serves in, then the name.
    if matches!(s.word(k), "at" | "in")
        && s.word(k + 1) == "the"
        && matches!(s.word(k + 2), "Ministry" | "Department" | "Office")
    {
        let mut j = k + 3;
        while j < k + 12
            && (s
                .tokens
                .get(j)
                .is_some_and(|t| t.is_capitalized() && t.is_word())
                || matches!(s.word(j), "of" | "for" | "and" | "the"))
        {
            j += 1;
        }
        let closes = s.word(j) == ","
            && scan_name(doc, s, j + 1)
                .is_some_and(|(l, _)| matches!(s.word(l + 1), "," | "." | ""));
        return if closes { j } else { k };
    }
    let opened = matches!(s.word(k), "of" | "for");
    // "Minister for Energy and Petroleum Opiyo ...": the title ended inside the portfolio.
    let mut anded = s.word(k) == "and";
    if !opened && !anded && s.word(k) != "," {
        return k;
    }
    let word_at = |i: usize| {
        s.tokens
            .get(i)
            .is_some_and(|t| t.is_capitalized() && t.is_word())
            && !doc.lex.is_single_honorific(s.word(i))
            && !s
                .known_officials
                .iter()
                .any(|h| h.first <= i && i <= h.last)
            && s.proper_at(i).is_none_or(|h| {
                !matches!(
                    h.target,
                    ProperTarget::Country { .. } | ProperTarget::Organization(_)
                )
            })
    };
    let mut i = k + 1;
    for _ in 0..6 {
        let start = i;
        while i < start + 5 && word_at(i) {
            i += 1;
        }
        let len = i - start;
        if len == 0 {
            return k;
        }
        // "... and National Security Adam Rasheed Omar, and ...": the name ends the run.
        if anded && len >= 3 {
            if let Some(p) = name_after_portfolio(doc, s, start, i) {
                return p;
            }
        }
        if len > 3 && !anded {
            return name_after_portfolio(doc, s, start, i).unwrap_or(k);
        }
        // "Minister of Education Dr Aisha Rahim": a form of address opens the name.
        if doc.lex.is_single_honorific(s.word(i)) && s.tokens[i].is_capitalized() {
            return i;
        }
        match s.word(i) {
            // "Minister of Energy, Jane Doe": one portfolio closes at the comma.
            "," if anded || (opened && start == k + 1) => {
                let closes = scan_name(doc, s, i + 1)
                    .is_some_and(|(l, _)| matches!(s.word(l + 1), "," | "." | ""));
                if !anded && !closes {
                    // "Minister of Energy, Mines and Water, ..." goes on.
                } else {
                    return if closes { i } else { k };
                }
            }
            // "... and Development Ville Tavio": the last two words are the name.
            _ if anded && len >= 3 => {
                return name_after_portfolio(doc, s, start, i).unwrap_or(i - 2)
            }
            "and" if !anded => anded = true,
            "," => {}
            _ => return k,
        }
        i += 1;
    }
    k
}

/// "Minister of Defence and National Security Adam Rasheed Omar", "Secretary of State
/// for Western Hemisphere Affairs Brian K. Walters": in a run of capitalised words
/// `first..end` after a title, the name starts after the last word of a portfolio (a
/// word titles or the not-a-name list use) when the rest reads as a name of two words
/// or more to the run's end.
fn name_after_portfolio(doc: &Doc, s: &Sentence, first: usize, end: usize) -> Option<usize> {
    let portfolio_word = |w: &str| doc.lex.not_names.contains(w) || doc.lex.title_words.contains(w);
    // "Head of State, Prime Minister X": another title is no portfolio.
    if title_hits(s).any(|(f, _, _)| (first..end).contains(&f)) {
        return None;
    }
    let initial = |i: usize| is_initial(doc, s.word(i)) && s.word(i + 1) == ".";
    let p = (first..end)
        .rev()
        .find(|&i| portfolio_word(s.word(i)) && !initial(i))?;
    let (last, name) = scan_name(doc, s, p + 1)?;
    (last + 1 >= end && name.contains(' ')).then_some(p + 1)
}

/// "Kamala Devi Thapa 'Comrade', Prime Minister of Nepal": where the name ends when
/// the token `end` closes a quoted nickname of one word after it.
fn before_nickname(s: &Sentence, end: usize) -> usize {
    let quote = |i: usize| {
        matches!(
            s.word(i),
            "'" | "\u{2018}" | "\u{2019}" | "\"" | "\u{201C}" | "\u{201D}"
        )
    };
    if end >= 3 && quote(end) && quote(end - 2) && s.tokens[end - 1].is_capitalized() {
        end - 3
    } else {
        end
    }
}

/// "President of the Republic of the Philippines": a country name that starts inside
/// the title `first..=last` and runs past it; its country and last token.
fn country_across_title(s: &Sentence, first: usize, last: usize) -> Option<(usize, usize)> {
    let h = s
        .proper
        .iter()
        .find(|h| h.first > first && h.first <= last && h.last > last)?;
    match h.target {
        ProperTarget::Country { country, .. } => Some((country, h.last)),
        _ => None,
    }
}

/// "the President of Chile, H.E. Mr. Y": the title starting at `i` (after an optional
/// article) is followed, after its country, by a form of address and so by its holder.
fn title_names_its_own(doc: &Doc, s: &Sentence, mut i: usize) -> bool {
    if matches!(s.word(i), "the" | "a" | "an") {
        i += 1;
    }
    let Some((_, last, _)) = title_hits(s).find(|&(first, _, _)| first == i) else {
        return false;
    };
    let k = match country_across_title(s, i, last) {
        Some((_, country_last)) => country_last + 1,
        None => of_country(s, last + 1).map_or(last + 1, |(_, next, _)| next),
    };
    s.word(k) == "," && skip_honorifics(doc, s, k + 1) > k + 1
}

/// Whether an office title starts at `i`, after an optional article and country.
fn title_starts(s: &Sentence, mut i: usize) -> bool {
    if matches!(s.word(i), "the" | "a" | "an") {
        i += 1;
    }
    if let Some((_, last)) = s.country_at(i) {
        i = last + 1;
    }
    title_hits(s).any(|(first, _, _)| first == i)
}

fn title_hits<'s>(s: &'s Sentence<'_>) -> impl Iterator<Item = (usize, usize, usize)> + 's {
    s.phrases.iter().filter_map(|h| match h.target {
        PhraseTarget::Title(t) => Some((h.first, h.last, t)),
        PhraseTarget::Partnership(_) => None,
    })
}

/// "of [the] Country" at `k`: the country and the token after it. "of Iran's
/// Supreme National Security Council" names a body of the country: `possessive`.
fn of_country(s: &Sentence, k: usize) -> Option<(usize, usize, bool)> {
    if s.word(k) != "of" {
        return None;
    }
    let j = if s.word(k + 1).eq_ignore_ascii_case("the") {
        k + 2
    } else {
        k + 1
    };
    let (c, last) = s.country_at(j)?;
    // "Chairman of the Chinese People's Political Consultative Conference": an
    // adjective before a capitalised word names a body of the country, as "Iran's" does.
    let adjective = s.proper_at(j).is_some_and(|h| {
        matches!(h.target, ProperTarget::Country { demonym: true, .. })
            && s.tokens.get(last + 1).is_some_and(|t| t.is_capitalized())
    });
    Some((
        c,
        last + 1,
        adjective || super::text::is_possessive(s.word(last)),
    ))
}

/// "Afterwards, the President of Chile visited ...": one capitalised word that opens
/// its sentence is no name unless the text also writes it inside a sentence ("Sato,
/// the defence minister, said" after "... told Sato").
fn sentence_opener_only(doc: &Doc, s: &Sentence, first: usize, last: usize) -> bool {
    if first != 0 || last != first {
        return false;
    }
    let word = s.word(first);
    !doc.sentences
        .iter()
        .any(|o| o.tokens.iter().skip(1).any(|t| t.text == word))
}

/// "the Prime Minister" at `first`: an office (no mere form of address) with the
/// definite article, which one person holds.
fn definite_office(doc: &Doc, s: &Sentence, first: usize, title: usize) -> bool {
    first > 1
        && s.word(first - 1).eq_ignore_ascii_case("the")
        // "the office of the President, Casa Verde": the office, not its holder.
        && s.word(first - 2) != "of"
        && !doc.lex.gazetteer.titles[title].honorific
}

/// "President of Egypt Abdel Fattah al-Sisi": the country, and where a name may follow.
fn country_after_of(s: &Sentence, k: usize) -> Option<(usize, usize)> {
    of_country(s, k)
        .filter(|&(_, _, possessive)| !possessive)
        .map(|(c, next, _)| (c, next))
}

/// Every mention of an official in the article, in text order: titled names, plural
/// titles before two names, pairs of full names acting together, counterparts and
/// officials the gazetteer knows by name.
fn collect_mentions(doc: &Doc) -> Vec<Mention> {
    let mut mentions = Vec::new();
    for si in 0..doc.sentences.len() {
        let mut scan = MentionScan {
            doc,
            si,
            s: &doc.sentences[si],
            start: mentions.len(),
            covered: Vec::new(),
            mentions: &mut mentions,
        };
        scan.titled_names();
        scan.plural_title_pairs();
        scan.name_pairs();
        scan.counterparts();
        scan.aides();
        scan.known_officials();
    }
    sort_mentions(mentions)
}

/// One sentence scanned for mentions of officials: the spans taken so far, and where
/// the sentence's mentions start in `mentions`.
struct MentionScan<'a, 'd> {
    doc: &'a Doc<'d>,
    si: usize,
    s: &'a Sentence<'d>,
    start: usize,
    covered: Vec<(usize, usize)>,
    mentions: &'a mut Vec<Mention>,
}

/// A title in a sentence and what it tells around it: the country and organisation it
/// belongs to, where a name after it may start (`k`), where the title with its country
/// ends, and whether a comma sets the name off.
struct TitleSite {
    first: usize,
    last: usize,
    title: usize,
    country: Option<usize>,
    organization: Option<usize>,
    k: usize,
    title_end: usize,
    bare_apposition: bool,
    after_comma: bool,
}

impl MentionScan<'_, '_> {
    fn is_covered(&self, i: usize) -> bool {
        self.covered.iter().any(|&(a, b)| i >= a && i <= b)
    }

    /// Every title of the sentence with the name it gives, or the office alone.
    fn titled_names(&mut self) {
        for (first, last, title) in title_hits(self.s) {
            self.titled_name(first, last, title);
        }
    }

    /// The mention a title at `first..=last` makes: a name after it ("Foreign Minister
    /// X"), before it ("X, German chancellor"), after a copula ("The new ambassador is
    /// X"), or the office alone ("the Egyptian president").
    fn titled_name(&mut self, first: usize, last: usize, title: usize) {
        let (doc, s) = (self.doc, self.s);
        if self.is_covered(first)
            || first == last && opens_patronymic(doc, s, first)
            || clock_time(s, first)
        {
            return;
        }
        let after = s.tokens.get(last).map(|t| &doc.text[t.end..]).unwrap_or("");
        if after.starts_with("'s")
            || after.starts_with("\u{2019}s")
            || super::text::is_possessive(s.word(last))
        {
            return;
        }
        let site = self.title_site(first, last, title);
        if self.name_after_title(&site) || self.name_before_title(&site) {
            return;
        }
        if let Some((k, name_last, name)) = copular_name(doc, s, first, site.title_end) {
            // "Chile's new ambassador ... The new ambassador is X": the one told before.
            let country = site
                .country
                .or_else(|| title_only_country(self.mentions, title));
            self.covered.push((first, name_last));
            let holder = (country, site.organization);
            let title_first = first.saturating_sub(3);
            let m = Mention::titled(self.si, (k, name_last), title_first, name, title, holder);
            self.mentions.push(m);
            return;
        }
        self.office_alone(&site);
    }

    /// What a title at `first..=last` tells: its country ("the President of India",
    /// "Minister of Energy and Mineral Resources of Indonesia"), its organisation, and
    /// where a name after it may start, past a posting, a comma and forms of address.
    fn title_site(&self, first: usize, last: usize, title: usize) -> TitleSite {
        let (doc, s) = (self.doc, self.s);
        let mut country = country_before(s, first);
        let organization = organization_before(s, first).or_else(|| organization_after_of(s, last));
        // "Minister of Energy and Mineral Resources of Indonesia": the rest of a
        // portfolio before the country.
        let mut k = portfolio_end(s, last);
        // "the President of India": the country is part of the reference.
        let mut title_end = last;
        if let Some((c, country_last)) = country_across_title(s, first, last) {
            country = country.or(Some(c));
            k = country_last + 1;
            title_end = country_last;
        }
        match of_country(s, k) {
            // "Chairman of Oman Development Fund": a body of the country.
            Some((c, next, false)) if names_a_body(doc, s, next) => {
                country = country.or(Some(c));
            }
            Some((c, next, false)) => {
                country = country.or(Some(c));
                k = next;
                title_end = next - 1;
            }
            // "Ali Shamkhani, secretary of Iran's Supreme National Security Council"
            Some((c, _, true)) => country = country.or(Some(c)),
            None => k = portfolio_list(doc, s, k),
        }
        k = after_posting(s, k);
        k = diplomatic_station(doc, s, k, title);
        if country.is_none() {
            country = apposed_country(s, first);
        }
        let mut site = TitleSite {
            first,
            last,
            title,
            country,
            organization,
            k,
            title_end,
            bare_apposition: false,
            after_comma: false,
        };
        self.comma_apposition(&mut site);
        site.after_comma = site.k > last + 1 && (last + 1..site.k).any(|i| s.word(i) == ",");
        site.k = skip_honorifics(doc, s, site.k);
        site
    }

    /// "The Foreign Minister of Indonesia, Sugiono, said": a name set off by commas
    /// after a title with its country. Without a form of address it must close the
    /// apposition, so "the Prime Minister of Japan, Tokyo's ..." names no one. "she met
    /// the Prime Minister, Ana Maria Reyes, in ...": a definite office alone may be set
    /// off before a full name.
    fn comma_apposition(&self, site: &mut TitleSite) {
        let (doc, s, k) = (self.doc, self.s, site.k);
        if s.word(k) != "," {
            return;
        }
        let definite = definite_office(doc, s, site.first, site.title);
        let j = skip_honorifics(doc, s, k + 1);
        if j > k + 1 {
            site.k = j;
        } else if (site.country.is_some() || site.organization.is_some() || definite)
            && s.proper_at(k + 1).is_none_or(|h| {
                // A first name that is also a town ("Ngozi") still opens a name.
                matches!(h.target, ProperTarget::Place { .. })
                    && s.tokens.get(k + 2).is_some_and(|t| t.is_capitalized())
            })
        {
            site.k = k + 1;
            site.bare_apposition = true;
        }
    }

    /// "Foreign Minister Penny Wong": the name after the title, pushed; whether there
    /// was one.
    fn name_after_title(&mut self, site: &TitleSite) -> bool {
        let (doc, s, k) = (self.doc, self.s, site.k);
        let forward =
            scan_name(doc, s, k).filter(|&(name_last, _)| self.accepts_name_after(site, name_last));
        let Some((name_last, name)) = forward else {
            return false;
        };
        let country = site
            .country
            .or_else(|| country_after_of(s, name_last + 1).map(|(c, _)| c));
        self.covered.push((site.first, name_last));
        let holder = (country, site.organization);
        let title_first = site.first.saturating_sub(3);
        let mut m = Mention::titled(
            self.si,
            (k, name_last),
            title_first,
            name,
            site.title,
            holder,
        );
        m.second_title = and_title(s, site.last);
        self.mentions.push(m);
        true
    }

    /// Whether a name at `site.k..=name_last` after a title is the title's: not one
    /// with its own title after it ("…Prime Minister of Saudi Arabia, H.E. Prabowo
    /// Subianto, President of Indonesia"; "..., H.E. X, the President of Chile, H.E.
    /// Y": that title has its own), an apposition that closes, and a word the
    /// gazetteer does not contradict.
    fn accepts_name_after(&self, site: &TitleSite, name_last: usize) -> bool {
        let (doc, s, k) = (self.doc, self.s, site.k);
        let closes = matches!(s.word(name_last + 1), "," | "." | ")" | "and" | "");
        let own_title = s.word(name_last + 1) == ","
            && title_starts(s, name_last + 2)
            && !title_names_its_own(doc, s, name_last + 2);
        let bare_office =
            site.bare_apposition && site.country.is_none() && site.organization.is_none();
        let country_after = country_after_of(s, name_last + 1).map(|c| c.0);
        let unconfirmed = unconfirmed_word(
            doc,
            self.si,
            (k, name_last),
            site.title,
            site.country.or(country_after),
        );
        let rejected = site.bare_apposition && !closes
            || site.after_comma && own_title
            || bare_office && name_last <= k;
        !rejected && !unconfirmed
    }

    /// "Angela Merkel, German chancellor" / "Xi Jinping, President of China": the name
    /// before the title, pushed; whether there was one.
    fn name_before_title(&mut self, site: &TitleSite) -> bool {
        let (doc, s) = (self.doc, self.s);
        let mut j = site.first;
        if country_before(s, j).is_some() {
            j = s.proper_ending_at(j - 1).map_or(j, |h| h.first);
        }
        if j > 0 && matches!(s.word(j - 1), "the" | "a") {
            j -= 1;
        }
        if j < 2 || s.word(j - 1) != "," {
            return false;
        }
        let name_end = before_nickname(s, j - 2);
        let name_left = scan_name_left(doc, s, name_end)
            .filter(|&(name_first, _)| !sentence_opener_only(doc, s, name_first, name_end))
            .filter(|&(name_first, _)| !self.is_covered(name_first));
        let Some((name_first, name)) = name_left else {
            return false;
        };
        let second_title = and_title(s, site.last);
        let title_last = second_title
            .and_then(|_| title_hits(s).find(|h| h.0 == site.last + 2))
            .map_or(site.last, |h| h.1);
        // "X, State Councilor and Minister for Foreign Affairs of China"
        let country = site
            .country
            .or_else(|| country_after_of(s, title_last + 1).map(|(c, _)| c));
        self.covered.push((name_first, title_last));
        let span = (name_first, name_end);
        let holder = (country, site.organization);
        let mut m = Mention::titled(self.si, span, name_first, name, site.title, holder);
        m.second_title = second_title;
        self.mentions.push(m);
        true
    }

    /// "the Egyptian president", "an Israeli prime minister", "Chile's new ambassador"
    /// (a possessive country is a determiner): the office alone, named later or not.
    fn office_alone(&mut self, site: &TitleSite) {
        let (doc, s, first, country) = (self.doc, self.s, site.first, site.country);
        let det = first.checked_sub(if country.is_some() { 2 } else { 1 });
        let has_det = det
            .is_some_and(|d| matches!(s.word(d), "the" | "The" | "an" | "a" | "An" | "A"))
            || country.is_some() && possessive_country_before(s, first);
        if has_det && (country.is_some() || !doc.lex.gazetteer.titles[site.title].honorific) {
            self.mentions.push(Mention {
                sentence: self.si,
                first,
                last: site.title_end,
                title_first: first.saturating_sub(3),
                kind: MentionKind::TitleOnly,
                title: Some(site.title),
                country,
                organization: site.organization,
                counterpart_of: None,
                second_title: None,
                peer: false,
                official: None,
            });
        }
    }

    /// "the two countries' foreign ministers, Ana Reyes and Ola Berg, signed": a plural
    /// title set off before two names gives each the title, and the two countries
    /// named before it, in order.
    fn plural_title_pairs(&mut self) {
        let (doc, s, si) = (self.doc, self.s, self.si);
        // A pair's first name ends before an "and", at least a word after the title's
        // own word: a title after the last "and" but one pairs no names.
        let Some(last_and) = s.tokens.iter().rposition(|t| t.text == "and") else {
            return;
        };
        for i in 0..last_and.saturating_sub(1) {
            let Some(pair) = plural_title_pair(doc, s, i) else {
                continue;
            };
            let l2 = pair.names[1].1;
            if self
                .covered
                .iter()
                .any(|&(a, b)| b >= pair.title_first && a <= l2)
            {
                continue;
            }
            let mut countries: Vec<usize> = Vec::new();
            for (k, c) in s.countries() {
                if k < pair.title_first && !countries.contains(&c) {
                    countries.push(c);
                }
            }
            let two = (countries.len() == 2).then(|| [countries[0], countries[1]]);
            let first_mention = self.mentions.len();
            for (n, (first, last, name)) in pair.names.into_iter().enumerate() {
                let holder = (two.map(|c| c[n]), None);
                let span = (first, last);
                let mut m = Mention::titled(si, span, pair.title_first, name, pair.title, holder);
                // "A and B" hold the office for two sides.
                m.counterpart_of = (n == 1).then_some(first_mention);
                self.mentions.push(m);
            }
            self.covered.push((pair.title_first, l2));
        }
    }

    /// "Konrad Adenauer and Charles de Gaulle signed": two full names acting together.
    fn name_pairs(&mut self) {
        let s = self.s;
        // A pair acts together by a verb the sentence must have (most have none), after
        // the "and" that joins the two names, each of two words or more: a start later
        // than two words before the last such "and" opens no pair. The "and" is sought
        // first, the cheaper test: verbs before it need no look.
        let Some(first_and) = s.tokens.iter().position(|t| t.text == "and") else {
            return;
        };
        let after_and = &s.tokens[first_and + 1..];
        let Some(last_act) = after_and.iter().rposition(|t| acts_together(t.text)) else {
            return;
        };
        let last_act = first_and + 1 + last_act;
        let Some(last_and) = s.tokens[..last_act].iter().rposition(|t| t.text == "and") else {
            return;
        };
        let mut i = 0;
        while i + 2 <= last_and {
            let starts = !self.is_covered(i)
                && s.tokens[i].is_capitalized()
                && (i == 0 || !s.tokens[i - 1].is_capitalized());
            let pair = starts.then(|| acting_pair(self.doc, s, i)).flatten();
            let Some((l1, n1, l2, n2)) = pair else {
                i += 1;
                continue;
            };
            for (first, last, name) in [(i, l1, n1), (l1 + 2, l2, n2)] {
                self.mentions
                    .push(Mention::untitled(self.si, first, last, name, None));
            }
            self.covered.push((i, l2));
            i = l2 + 1;
        }
    }

    /// "his Japanese counterpart General Nakatani", "his Brazilian peer Lula".
    fn counterparts(&mut self) {
        for (i, t) in self.s.tokens.iter().enumerate() {
            if matches!(t.text, "counterpart" | "counterparts" | "peer") {
                self.counterpart_at(i);
            }
        }
    }

    /// The counterpart told at `i`: a name after it (already a mention, or a new one),
    /// else, with a country, the office alone or the name the next sentence gives.
    fn counterpart_at(&mut self, i: usize) {
        let (doc, s, si, start) = (self.doc, self.s, self.si, self.start);
        let country = country_before(s, i);
        // The name closest before, whichever rule found it first.
        let subject = (start..self.mentions.len())
            .filter(|&k| {
                self.mentions[k].last < i
                    && matches!(self.mentions[k].kind, MentionKind::Named { .. })
            })
            .max_by_key(|&k| self.mentions[k].last);
        let mut k = i + 1;
        if s.word(k) == "," {
            k += 1;
        }
        k = skip_honorifics(doc, s, k);
        let named = scan_name(doc, s, k);
        // The name may already be a mention (a title preceded it).
        let existing = named.as_ref().and_then(|(last, _)| {
            self.mentions[start..]
                .iter()
                .position(|m| m.first >= k && m.last <= *last)
                .map(|p| start + p)
        });
        let (first, last, kind, peer) = match (existing, named) {
            (Some(m), _) => {
                let m = &mut self.mentions[m];
                m.country = m.country.or(country);
                m.counterpart_of = subject;
                return;
            }
            (None, Some((last, name))) => (k, last, MentionKind::Named { name }, true),
            (None, None) if country.is_some() => {
                let kind = named_in_next_sentence(doc, si, i, country)
                    .map_or(MentionKind::Counterpart, |name| MentionKind::Named { name });
                (i, i, kind, false)
            }
            _ => return,
        };
        self.mentions.push(Mention {
            sentence: si,
            first,
            last,
            title_first: i.saturating_sub(2),
            kind,
            title: None,
            country,
            organization: None,
            counterpart_of: subject,
            second_title: None,
            peer,
            official: None,
        });
    }

    /// "Ana Ruiz, a senior adviser to Chilean President X": one set off as an adviser or
    /// aide to a head of state or government is that leader's aide, of the country the
    /// words before the leader's title give.
    fn aides(&mut self) {
        let (doc, s) = (self.doc, self.s);
        let titles = &doc.lex.gazetteer.titles;
        let Some(aide) = titles.iter().position(|t| t.office == "presidential_aide") else {
            return;
        };
        for h in &s.phrases {
            let PhraseTarget::Title(t) = h.target else {
                continue;
            };
            if !matches!(
                titles[t].office.as_str(),
                "head_of_state" | "head_of_government"
            ) {
                continue;
            }
            let Some((comma, country)) = aide_apposition(s, h.first) else {
                continue;
            };
            let Some((first, name)) = comma
                .checked_sub(1)
                .and_then(|end| scan_name_left(doc, s, end))
            else {
                continue;
            };
            let taken = (first..comma).any(|k| self.is_covered(k))
                || self.mentions[self.start..]
                    .iter()
                    .any(|m| m.first < comma && m.last >= first);
            if taken {
                continue;
            }
            self.covered.push((first, comma - 1));
            self.mentions.push(Mention::titled(
                self.si,
                (first, comma - 1),
                first,
                name,
                aide,
                (country, None),
            ));
        }
    }

    /// "Sergei Lavrov", "Chinese diplomat Wang Yi": a prominent official the gazetteer
    /// knows, named without a title. One word ("Lula") is a surname or nickname: the
    /// surname rules resolve it.
    fn known_officials(&mut self) {
        let (doc, s) = (self.doc, self.s);
        for hit in &s.known_officials {
            let (first, last) = (hit.first, hit.last);
            let taken = |k: usize| {
                self.is_covered(k)
                    || self.mentions[self.start..]
                        .iter()
                        .any(|m| k >= m.first && k <= m.last)
            };
            if first == last || (first..=last).any(taken) {
                continue;
            }
            let name = s.text_of(first, last, doc.text);
            let name = super::text::owner(&name).unwrap_or(&name).to_string();
            self.mentions.push(Mention::untitled(
                self.si,
                first,
                last,
                name,
                Some(hit.target),
            ));
        }
    }
}

/// Two full names joined by "and" at `i` and followed by a verb of acting together
/// ("Konrad Adenauer and Charles de Gaulle signed"): each name's last token and text.
fn acting_pair(doc: &Doc, s: &Sentence, i: usize) -> Option<(usize, String, usize, String)> {
    let (l1, n1) = scan_name(doc, s, i).filter(|(_, n)| n.split_whitespace().count() >= 2)?;
    (s.word(l1 + 1) == "and").then_some(())?;
    let (l2, n2) = scan_name(doc, s, l1 + 2).filter(|(_, n)| n.split_whitespace().count() >= 2)?;
    acts_together(s.word(l2 + 1)).then_some((l1, n1, l2, n2))
}

/// What the verb after two names acting together opens with, lower-cased: "signed",
/// "met", "inked".
const ACTING_VERBS: [&str; 8] = [
    "sign", "met", "meet", "held", "seal", "agreed", "ink", "hold",
];

/// Whether `word`, lower-cased, opens with one of [`ACTING_VERBS`]: an ASCII word is
/// compared in place, any other lower-cased first.
fn acts_together(word: &str) -> bool {
    /// The first bytes of the verbs, in both ASCII cases: most words open otherwise.
    const OPENERS: [bool; 256] = {
        let mut set = [false; 256];
        let mut i = 0;
        while i < ACTING_VERBS.len() {
            let b = ACTING_VERBS[i].as_bytes()[0];
            set[b.to_ascii_lowercase() as usize] = true;
            set[b.to_ascii_uppercase() as usize] = true;
            i += 1;
        }
        set
    };
    // A word opening with an ASCII byte no verb opens with is none, in any case.
    match word.as_bytes().first() {
        Some(&b) if b.is_ascii() && !OPENERS[usize::from(b)] => return false,
        None => return false,
        _ => {}
    }
    if word.is_ascii() {
        let w = word.as_bytes();
        ACTING_VERBS.iter().any(|v| {
            w.get(..v.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(v.as_bytes()))
        })
    } else {
        let lower = word.to_lowercase();
        ACTING_VERBS.iter().any(|v| lower.starts_with(v))
    }
}

/// Mentions in text order, with each `counterpart_of` still pointing at its mention.
fn sort_mentions(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (mentions[i].sentence, mentions[i].first));
    let mut new_index = vec![0; mentions.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    order
        .iter()
        .map(|&old| {
            let mut m = mentions[old].clone();
            m.counterpart_of = m.counterpart_of.map(|c| new_index[c]);
            m
        })
        .collect()
}

/// "Wong held talks with her Chinese counterpart. Wang Yi said ...": a counterpart
/// that closes its sentence is the person the next sentence opens with, after any form
/// of address and title, when the name is not another country's known official.
fn named_in_next_sentence(
    doc: &Doc,
    si: usize,
    counterpart: usize,
    country: Option<usize>,
) -> Option<String> {
    let s = &doc.sentences[si];
    if !matches!(s.word(counterpart + 1), "." | "") {
        return None;
    }
    let next = doc.sentences.get(si + 1)?;
    let mut k = skip_honorifics(doc, next, 0);
    if let Some((_, last, _)) = title_hits(next).find(|&(first, _, _)| first == k) {
        k = skip_honorifics(doc, next, last + 1);
    }
    if next.proper_at(k).is_some() {
        return None;
    }
    let (last, name) = scan_name(doc, next, k)?;
    let speaks = matches!(
        next.word(last + 1),
        "said" | "says" | "told" | "added" | "noted" | "stressed" | "welcomed" | ","
    );
    let other_country = next
        .known_officials
        .iter()
        .any(|h| h.first == k && Some(h.target) != country);
    (name.contains(' ') || speaks)
        .then_some(name)
        .filter(|_| !other_country)
}

/// Lower-case, accent-free name parts without particles, initials and suffixes.
pub(crate) fn name_keys(lex: &Lexicon, name: &str) -> Vec<String> {
    // An ASCII name is its own fold, and lower-cases byte by byte.
    let folded = if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(fold(name))
    };
    let mut keys: Vec<String> = folded
        .split_whitespace()
        .filter(|w| !w.ends_with('.') && !lex.suffixes.contains(*w))
        .map(|w| {
            let w = if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.to_lowercase()
            };
            match w.split_once('-') {
                Some((pre, rest)) if lex.particles.contains(pre) => rest.to_string(),
                _ => w,
            }
        })
        .collect();
    // "Mohammed bin Salman": the word after "bin" is a father's name, no surname that
    // "King Salman" could be called by; it stays joined to its particle.
    for k in (1..keys.len()).rev() {
        if matches!(keys[k - 1].as_str(), "bin" | "ibn" | "bint" | "binti") {
            let father = keys.remove(k);
            keys[k - 1] = format!("{} {father}", keys[k - 1]);
        }
    }
    keys.retain(|w| !lex.particles.contains(w.as_str()));
    keys
}

fn same_person(a: &[String], b: &[String]) -> bool {
    match (a, b) {
        ([], _) | (_, []) => false,
        // "Lula" for Luiz Inácio Lula da Silva: a middle name too.
        ([x], other) | (other, [x]) => other.contains(x),
        // "Costa Ximenes" for Ana Lucia da Costa Ximenes: the last names of the full name.
        _ if a.len() != b.len() && {
            let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
            long.ends_with(short)
        } =>
        {
            true
        }
        _ => {
            a.first() == b.first()
                && a.last().map(|k| patronym_free(k)) == b.last().map(|k| patronym_free(k))
        }
    }
}

/// "Anwar bin Ibrahim" is "Anwar Ibrahim": a name key joined to its patronymic particle
/// ("bin ibrahim") without the particle, for comparing full names.
fn patronym_free(key: &str) -> &str {
    ["bin ", "ibn ", "bint ", "binti "]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(key)
}

pub(crate) fn find(doc: &Doc, out: &mut Output) -> Officials {
    let mut mentions = collect_mentions(doc);
    let titles = &doc.lex.gazetteer.titles;
    let mut list = people_of(doc, &mut mentions);
    settle_titles(doc, &mentions, &mut list);
    // Countries: explicit markers first.
    for m in &mentions {
        let body = m.organization.or_else(|| body_role_before(doc, m));
        if let (Some(oi), Some(o)) = (m.official, body) {
            list[oi].organization.get_or_insert(o);
        }
    }
    for m in &mentions {
        let Some(oi) = m.official else { continue };
        // An untitled name's country is the gazetteer's: not for one named by a body's role.
        let country = m
            .country
            .filter(|_| m.title.is_some() || list[oi].organization.is_none());
        if let Some(c) = country {
            list[oi].country.get_or_insert(c);
        }
    }
    known_countries(doc.lex, &mut list);
    // Countries first, so "his Indian counterpart" can find the Indian official; then
    // again for whoever the references newly tied to a counterpart.
    infer_countries(doc, &mentions, &mut list);
    resolve_references(doc, &mut mentions, &list);
    infer_countries(doc, &mentions, &mut list);
    full_names_of_surnames(doc, &mut list);
    let mut refs = surname_refs(doc, &mentions, &list);
    refs.sort_by_key(|r| (r.sentence, r.first));
    let mut surname_counterparts = surname_counterparts(doc, &mut mentions, &mut refs, &list);
    refs.sort_by_key(|r| (r.sentence, r.first));
    peer_subjects(
        &mentions,
        &refs,
        &mut list,
        titles,
        &mut surname_counterparts,
    );
    official_entities(doc, out, &mut list);
    let mut counterparts = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        let Some(oi) = m.official else { continue };
        mention_relations(doc, out, m, &list[oi]);
        let surname_subject = surname_counterparts
            .iter()
            .find(|&&(k, _)| k == mi)
            .map(|&(_, so)| so);
        if let Some(other) = m
            .counterpart_of
            .and_then(|c| mentions[c].official)
            .or(surname_subject)
        {
            counterparts.push((m.sentence, oi, other));
            let other_id = list[other].id.clone();
            out.relate(
                &list[oi].id,
                RelationKind::CounterpartOf,
                &other_id,
                &doc.sentences[m.sentence],
                doc.text,
                Attrs::new(),
            );
        }
    }
    counterparts.sort_by_key(|c| c.0);
    same_office_counterparts(doc, out, &list, &refs, &mentions);
    Officials {
        list,
        refs,
        counterparts,
    }
}

/// The people the named mentions name, one per person: full names first, so a later
/// surname joins the right person. Each mention gets its official.
fn people_of(doc: &Doc, mentions: &mut [Mention]) -> Vec<Official> {
    let mut list: Vec<Official> = Vec::new();
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| match &mentions[i].kind {
        MentionKind::Named { name } => (usize::MAX - name.split_whitespace().count(), i),
        _ => (usize::MAX, i),
    });
    for &mi in &order {
        let Some(name) = person_name(doc, &mentions[mi]) else {
            continue;
        };
        let keys = name_keys(doc.lex, &name);
        if keys.is_empty() {
            continue;
        }
        let found = list.iter().position(|o| same_person(&o.name_keys, &keys));
        let oi = found.unwrap_or_else(|| {
            list.push(Official {
                id: String::new(),
                name,
                title: None,
                country: None,
                organization: None,
                name_keys: keys,
            });
            list.len() - 1
        });
        mentions[mi].official = Some(oi);
    }
    list
}

/// The name a named mention gives its person. "Mohammed bin Salman bin Abdulaziz Al
/// Saud": the shorter name the gazetteer knows inside it is the one other articles
/// use, so the ids agree; a form of address is left out.
fn person_name(doc: &Doc, m: &Mention) -> Option<String> {
    let MentionKind::Named { name } = &m.kind else {
        return None;
    };
    let s = &doc.sentences[m.sentence];
    let known = s
        .known_officials
        .iter()
        .find(|h| h.first >= m.first && h.last <= m.last && h.last > h.first)
        .filter(|h| h.first > m.first || h.last < m.last)
        .map(|h| s.text_of(h.first, h.last, doc.text));
    let name = known
        .as_deref()
        .map(|k| super::text::owner(k).unwrap_or(k))
        .unwrap_or(name);
    Some(own_name_if_addressed(doc.lex, name).to_string())
}

/// Titles: an office beats a form of address; counterparts hold the matching office.
fn settle_titles(doc: &Doc, mentions: &[Mention], list: &mut [Official]) {
    let titles = &doc.lex.gazetteer.titles;
    for m in mentions {
        let (Some(oi), Some(t)) = (m.official, m.title) else {
            continue;
        };
        let o = &mut list[oi];
        match o.title {
            Some(cur) if !titles[cur].honorific || titles[t].honorific => {}
            _ => o.title = Some(t),
        }
    }
    for m in mentions {
        let (Some(oi), Some(subject)) = (m.official, m.counterpart_of) else {
            continue;
        };
        if let Some(so) = mentions[subject].official {
            let subject_title = list[so].title;
            let o = &mut list[oi];
            if o.title.is_none_or(|t| titles[t].honorific) {
                o.title = subject_title.or(o.title);
            }
        }
    }
}

/// "General Nakatani": a surname alone, of the one official of that country the
/// gazetteer knows by it, is that official, under the name other articles use.
fn full_names_of_surnames(doc: &Doc, list: &mut [Official]) {
    for o in list {
        let ([key], Some(c)) = (o.name_keys.as_slice(), o.country) else {
            continue;
        };
        if let Some(full) = doc.lex.known_official_by_surname(key, c) {
            o.name = full.to_string();
            o.name_keys = name_keys(doc.lex, full);
        }
    }
}

/// The places that name officials: every mention with its official, then surnames and
/// short forms alone ("Singh", "Kishida") that fit one official.
fn surname_refs(doc: &Doc, mentions: &[Mention], list: &[Official]) -> Vec<OfficialRef> {
    let mut refs: Vec<OfficialRef> = mentions
        .iter()
        .filter_map(|m| {
            m.official.map(|official| OfficialRef {
                sentence: m.sentence,
                first: m.first,
                last: m.last,
                official,
            })
        })
        .collect();
    // Mentions came sorted by sentence; the surname refs found below follow them.
    let named_refs = refs.len();
    // Every name key a word could be matched on, so that most words are passed over
    // without making their keys.
    let keys: HashSet<&str> = list
        .iter()
        .filter(|o| o.name_keys.len() > 1)
        .flat_map(|o| o.name_keys.iter().map(String::as_str))
        .collect();
    // No official of two name keys or more: no word names one.
    if keys.is_empty() {
        return refs;
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        let named_here = super::in_sentence(&refs[..named_refs], si, |r| r.sentence).to_vec();
        for i in 0..s.tokens.len() {
            if named_here.iter().any(|r| i >= r.first && i <= r.last) {
                continue;
            }
            if let Some(official) = surname_at(doc, s, i, (list, &keys)) {
                refs.push(OfficialRef {
                    sentence: si,
                    first: i,
                    last: i,
                    official,
                });
            }
        }
    }
    refs
}

/// The one official whose first or last name is the capitalised word at `i` ("Lula"
/// for Luiz Inácio Lula da Silva: a short form the gazetteer knows may be any part of
/// the full name).
fn surname_at(
    doc: &Doc,
    s: &Sentence,
    i: usize,
    (list, keys): (&[Official], &HashSet<&str>),
) -> Option<usize> {
    let t = &s.tokens[i];
    if !t.is_capitalized() || s.proper_at(i).is_some() || doc.lex.not_names.contains(t.text) {
        return None;
    }
    let word = trim_possessives(trim_possessives(t.text, "'s"), "\u{2019}s");
    if doc.lex.not_names.contains(word) || word.is_ascii() && !may_be_key(word, keys) {
        return None;
    }
    let keys = name_keys(doc.lex, word);
    let [key] = keys.as_slice() else { return None };
    if key.len() < 2 {
        return None;
    }
    let known_short = s
        .known_officials
        .iter()
        .any(|h| h.first == i && h.last == i);
    let matches: Vec<usize> = list
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            o.name_keys.len() > 1
                && (o.name_keys.first() == Some(key)
                    || o.name_keys.last() == Some(key)
                    || known_short && o.name_keys.contains(key))
        })
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [oi] => Some(*oi),
        _ => None,
    }
}

/// Whether the one name key an ASCII word can make ([`name_keys`]: the word, or what
/// follows its first hyphen, lower-cased) is among `keys`.
fn may_be_key(word: &str, keys: &HashSet<&str>) -> bool {
    super::lexicon::with_ascii_lower(&[word], |w| {
        keys.contains(w)
            || w.split_once('-')
                .is_some_and(|(_, rest)| keys.contains(rest))
    })
}

/// "Werthein met his Uruguayan counterpart": a nameless counterpart of one named by
/// surname alone is whoever of that country holds the same office. Returns (mention,
/// subject official) pairs; the mentions and refs get the official.
fn surname_counterparts(
    doc: &Doc,
    mentions: &mut [Mention],
    refs: &mut Vec<OfficialRef>,
    list: &[Official],
) -> Vec<(usize, usize)> {
    let titles = &doc.lex.gazetteer.titles;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (mi, m) in mentions.iter_mut().enumerate() {
        if m.official.is_some()
            || m.counterpart_of.is_some()
            || !matches!(m.kind, MentionKind::Counterpart)
        {
            continue;
        }
        let Some(country) = m.country else { continue };
        let Some(subject) = super::in_sentence(refs, m.sentence, |r| r.sentence)
            .iter()
            .rfind(|r| r.last < m.first)
            .map(|r| r.official)
        else {
            continue;
        };
        let Some(office) = list[subject].title.map(|t| titles[t].office.as_str()) else {
            continue;
        };
        let same: Vec<usize> = (0..list.len())
            .filter(|&oi| {
                oi != subject
                    && list[oi].country == Some(country)
                    && list[oi].title.map(|t| titles[t].office.as_str()) == Some(office)
            })
            .collect();
        if let [one] = same.as_slice() {
            m.official = Some(*one);
            pairs.push((mi, subject));
            refs.push(OfficialRef {
                sentence: m.sentence,
                first: m.first,
                last: m.last,
                official: *one,
            });
        }
    }
    pairs
}

/// Each official as a node, with its title and country.
fn official_entities(doc: &Doc, out: &mut Output, list: &mut [Official]) {
    let titles = &doc.lex.gazetteer.titles;
    for o in list.iter_mut() {
        o.id = out.entity(EntityKind::Official, &slugify(&o.name), &o.name);
        if let Some(t) = o.title {
            out.attr(&o.id, "title", &titles[t].title);
        }
        if let Some(c) = o.country {
            out.attr(&o.id, "country", doc.country_name(c));
        }
    }
}

/// What mention `m` of official `o` says: its names as aliases, `represents` its
/// country (with the title) and `member_of` the organisation whose office it holds.
fn mention_relations(doc: &Doc, out: &mut Output, m: &Mention, o: &Official) {
    let titles = &doc.lex.gazetteer.titles;
    let s = &doc.sentences[m.sentence];
    if let MentionKind::Named { name } = &m.kind {
        out.alias(&o.id, name);
        if let Some(t) = m.title {
            out.alias(&o.id, &format!("{} {}", titles[t].title, name));
        }
    }
    if let Some(c) = o.country {
        let country = doc.country_id(out, c);
        let mut attrs = Attrs::new();
        if let Some(t) = o.title {
            attrs.insert("title".into(), titles[t].title.clone());
        }
        out.relate(&o.id, RelationKind::Represents, country, s, doc.text, attrs);
    }
    let held_in = m
        .organization
        .or_else(|| body_role_before(doc, m))
        .map(|o| &doc.lex.gazetteer.organizations[o].name)
        .or_else(|| m.title.and_then(|t| titles[t].organization.as_ref()));
    if let Some(org) = held_in {
        let org_id = out.entity(EntityKind::Organization, &slugify(org), org);
        out.relate(
            &o.id,
            RelationKind::MemberOf,
            &org_id,
            s,
            doc.text,
            Attrs::new(),
        );
    }
}

/// "President Ana Reyes ... President Tomas Varga of Chile": the holders of one office
/// for the two countries the article is about are counterparts, told in the first
/// sentence that names both. Offices as generic as "Minister" pair no one.
fn same_office_counterparts(
    doc: &Doc,
    out: &mut Output,
    list: &[Official],
    refs: &[OfficialRef],
    mentions: &[Mention],
) {
    let titles = &doc.lex.gazetteer.titles;
    let pair = doc.main_pair();
    // Every office each holds: "Deputy Prime Minister and Minister of Foreign Affairs".
    // A rank or form of address ("General", "Ambassador") is no office two sides match.
    let office = |t: usize| (!titles[t].honorific).then(|| titles[t].office.as_str());
    let mut offices: Vec<Vec<&str>> = vec![Vec::new(); list.len()];
    for (oi, o) in list.iter().enumerate() {
        offices[oi].extend(o.title.and_then(office));
    }
    for m in mentions {
        if let Some(oi) = m.official {
            offices[oi].extend(
                m.title
                    .iter()
                    .chain(&m.second_title)
                    .filter_map(|&t| office(t)),
            );
        }
    }
    for o in &mut offices {
        o.retain(|o| !matches!(*o, "minister" | "secretary"));
    }
    for a in 0..list.len() {
        for b in a + 1..list.len() {
            let (oa, ob) = (&list[a], &list[b]);
            let (Some(ca), Some(cb)) = (oa.country, ob.country) else {
                continue;
            };
            if ca == cb
                || !offices[a].iter().any(|o| offices[b].contains(o))
                || former_holder(doc, refs, a)
                || former_holder(doc, refs, b)
            {
                continue;
            }
            if pair.len() == 2 && !(pair.contains(&ca) && pair.contains(&cb)) {
                continue;
            }
            // Both in one sentence, or in two sentences running on: the later one.
            let named =
                |o: usize, si: usize| refs.iter().any(|r| r.sentence == si && r.official == o);
            let both = refs.iter().map(|r| r.sentence).find(|&si| {
                named(a, si) && named(b, si)
                    || si > 0
                        && !doc.text[doc.sentences[si - 1].span.end..doc.sentences[si].span.start]
                            .contains('\n')
                        && (named(a, si - 1) && named(b, si) || named(b, si - 1) && named(a, si))
            });
            if let Some(si) = both {
                let s = &doc.sentences[si];
                out.relate(
                    &oa.id,
                    RelationKind::CounterpartOf,
                    &ob.id,
                    s,
                    doc.text,
                    Attrs::new(),
                );
            }
        }
    }
}

/// "former Kenyan defence minister Luis Ortega": one the text calls a former holder of
/// an office holds it no longer.
fn former_holder(doc: &Doc, refs: &[OfficialRef], o: usize) -> bool {
    refs.iter().filter(|r| r.official == o).any(|r| {
        let s = &doc.sentences[r.sentence];
        (r.first.saturating_sub(4)..r.first)
            .any(|k| s.word(k).eq_ignore_ascii_case("former") || s.word(k) == "late")
    })
}

/// "According to the office, Al-Hashimi, and his Spanish counterpart, Carlos Ruiz Vega,
/// chaired ...": one named as a counterpart after a surname alone is that person's
/// counterpart, and holds the same office when the text gives them none.
fn peer_subjects(
    mentions: &[Mention],
    refs: &[OfficialRef],
    list: &mut [Official],
    titles: &[crate::gazetteer::TitleEntry],
    pairs: &mut Vec<(usize, usize)>,
) {
    for (mi, m) in mentions.iter().enumerate() {
        let Some(oi) = m.official else { continue };
        if !m.peer || m.counterpart_of.is_some() || pairs.iter().any(|p| p.0 == mi) {
            continue;
        }
        let subject = refs
            .iter()
            .filter(|r| r.sentence == m.sentence && r.last < m.first && r.official != oi)
            .max_by_key(|r| r.last)
            .map(|r| r.official);
        let Some(so) = subject else { continue };
        if list[so].country.is_some() && list[so].country == list[oi].country {
            continue;
        }
        pairs.push((mi, so));
        if list[oi].title.is_none_or(|t| titles[t].honorific) {
            list[oi].title = list[so].title.or(list[oi].title);
        }
    }
}

/// The one known official a name points at, and their country: "Joseph R. Biden Jr"
/// (every key of a known form, the last the same) or a surname alone, "Foreign Minister
/// Fidan", that only one known official bears.
fn known_identity<'l>(lex: &'l Lexicon, keys: &[String]) -> Option<(usize, &'l str)> {
    let last = keys.last()?;
    let mut found: Option<(usize, &str)> = None;
    for (c, name, form) in lex.known_officials_ending(last) {
        let fits = keys.len() == 1 || form.len() >= 2 && form.iter().all(|k| keys.contains(k));
        if !fits {
            continue;
        }
        match found {
            Some((_, n)) if n != name => return None,
            _ => found = Some((*c, name)),
        }
    }
    found
}

/// "Foreign Minister Fidan signed with Kenya": an official the text gives no country but
/// the gazetteer knows is of the country it knows, before any guess from words nearby
/// or the dateline.
fn known_countries(lex: &Lexicon, list: &mut [Official]) {
    // "NATO Secretary General X": one who speaks for a body, not for the home country.
    let free = |o: &&mut Official| o.country.is_none() && o.organization.is_none();
    for o in list.iter_mut().filter(free) {
        if let Some((c, _)) = known_identity(lex, &o.name_keys) {
            o.country = Some(c);
        }
    }
}

/// Title-only and nameless-counterpart mentions become the official they point at.
fn resolve_references(doc: &Doc, mentions: &mut [Mention], list: &[Official]) {
    let titles = &doc.lex.gazetteer.titles;
    for i in 0..mentions.len() {
        if mentions[i].official.is_some() {
            continue;
        }
        let m = mentions[i].clone();
        let wanted_office = match (&m.kind, m.title, m.counterpart_of) {
            (MentionKind::TitleOnly, Some(t), _) => Some(titles[t].office.clone()),
            (MentionKind::Counterpart, _, Some(s)) => mentions[s]
                .official
                .and_then(|o| list[o].title)
                .map(|t| titles[t].office.clone()),
            _ => None,
        };
        let candidates: Vec<usize> = list
            .iter()
            .enumerate()
            .filter(|(oi, o)| {
                m.country.is_none_or(|c| o.country == Some(c))
                    && m.counterpart_of.and_then(|s| mentions[s].official) != Some(*oi)
            })
            .map(|(oi, _)| oi)
            .collect();
        let same_office: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&oi| {
                let office = list[oi].title.map(|t| titles[t].office.as_str());
                wanted_office.as_deref().is_some_and(|w| office == Some(w))
                    || matches!(m.kind, MentionKind::TitleOnly)
                        && m.title.is_some_and(|t| {
                            titles[t].honorific
                                && list[oi]
                                    .title
                                    .is_some_and(|ot| titles[ot].title.contains(&titles[t].title))
                        })
            })
            .collect();
        // "Modi thanked his Russian counterpart": a head of government's counterpart may
        // be the other country's head of state, its one leader named.
        let leader =
            |office: Option<&str>| matches!(office, Some("head_of_state" | "head_of_government"));
        let leaders: Vec<usize> = match m.kind {
            MentionKind::Counterpart if leader(wanted_office.as_deref()) => candidates
                .iter()
                .copied()
                .filter(|&oi| leader(list[oi].title.map(|t| titles[t].office.as_str())))
                .collect(),
            _ => Vec::new(),
        };
        let pick = match (same_office.as_slice(), candidates.as_slice(), &m.kind) {
            ([one], _, _) => Some(*one),
            (_, [one], MentionKind::Counterpart) => Some(*one),
            ([], _, MentionKind::Counterpart) if leaders.len() == 1 => Some(leaders[0]),
            _ => None,
        };
        mentions[i].official = pick;
    }
}

/// "X signed with Brazil", "X says the partnership with the US", "X flew to Chile", "X
/// thanked India", "X and his Mongolian counterpart": a country after these words (or
/// after a possessive pronoun) is the other side or the destination.
fn names_other_side(s: &Sentence, first: usize) -> bool {
    let mut k = first;
    if k > 0 && s.word(k - 1).eq_ignore_ascii_case("the") {
        k -= 1;
    }
    k > 0
        && matches!(
            s.word(k - 1).to_ascii_lowercase().as_str(),
            "with"
                | "to"
                | "towards"
                | "toward"
                | "against"
                | "and"
                | "visit"
                | "visiting"
                | "visited"
                | "thanked"
                | "thanks"
                | "urged"
                | "praised"
                | "congratulated"
                | "invited"
                | "told"
                | "his"
                | "her"
                | "their"
        )
}

/// An official the text gives no country: not the country of their counterpart; the
/// one the gazetteer knows them by; a coordinated neighbour's; a country named just
/// before them or where they are; the host's of a visit told before them; the
/// dateline's; the article's most mentioned.
fn infer_countries(doc: &Doc, mentions: &[Mention], list: &mut [Official]) {
    let (sides, excluded) = opposite_sides(doc, mentions, list);
    let claimed = claimed_countries(doc, mentions);
    let mut fallbacks: Vec<Option<usize>> = vec![None; list.len()];
    for (mi, m) in mentions.iter().enumerate() {
        let Some(oi) = m.official else { continue };
        if list[oi].country.is_some() {
            continue;
        }
        let (country, fallback) = infer_country(doc, mentions, mi, list, &excluded[oi], &claimed);
        list[oi].country = country;
        fallbacks[oi] = fallbacks[oi].or(fallback);
    }
    // "Prime Minister X ... said Timor-Leste values the help": the words
    // around any mention beat the article's main country at the first one.
    assign_fallbacks(doc, mentions, list, &fallbacks, (&sides, &excluded));
}

/// Who is on the other side of whom (counterparts, and the two ends of "X met Y", "X
/// received Y"), and the countries each is therefore not from. Only the two ends of one
/// short clause: "X met with leaders, including Y" lists Y's side.
fn opposite_sides(
    doc: &Doc,
    mentions: &[Mention],
    list: &[Official],
) -> (Vec<Vec<usize>>, Vec<HashSet<usize>>) {
    let mut excluded: Vec<HashSet<usize>> = vec![HashSet::default(); list.len()];
    let mut sides: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
    let mut oppose = |a: usize, b: usize| {
        sides[a].push(b);
        sides[b].push(a);
        if let Some(c) = list[a].country {
            excluded[b].insert(c);
        }
        if let Some(c) = list[b].country {
            excluded[a].insert(c);
        }
    };
    for m in mentions {
        let (Some(oi), Some(s)) = (m.official, m.counterpart_of) else {
            continue;
        };
        if let Some(so) = mentions[s].official.filter(|&so| so != oi) {
            oppose(oi, so);
        }
    }
    for pair in mentions.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (Some(oa), Some(ob)) = (a.official, b.official) else {
            continue;
        };
        if a.sentence != b.sentence || oa == ob || b.first <= a.last {
            continue;
        }
        if met_between(&doc.sentences[a.sentence], a.last, b.first) {
            oppose(oa, ob);
        }
    }
    (sides, excluded)
}

/// The (sentence, token) of every country a mention with a country already uses: no
/// other official may take it from the words around.
fn claimed_countries(doc: &Doc, mentions: &[Mention]) -> HashSet<(usize, usize)> {
    mentions
        .iter()
        .filter(|m| m.country.is_some())
        .flat_map(|m| {
            let s = &doc.sentences[m.sentence];
            s.proper
                .iter()
                .filter(move |h| h.first >= m.title_first && h.first <= m.last)
                .map(move |h| (m.sentence, h.first))
        })
        .collect()
}

/// The country the text around mention `mi` gives its official (none of `excluded`),
/// and the fallback (dateline's, most mentioned) should nothing else give one.
fn infer_country(
    doc: &Doc,
    mentions: &[Mention],
    mi: usize,
    list: &[Official],
    excluded: &HashSet<usize>,
    claimed: &HashSet<(usize, usize)>,
) -> (Option<usize>, Option<usize>) {
    let m = &mentions[mi];
    let Some(oi) = m.official else {
        return (None, None);
    };
    let ok = |c: usize| !excluded.contains(&c);
    // A prominent official the gazetteer knows: surer than any guess from the text.
    if let Some(c) = doc
        .lex
        .known_official_country(&list[oi].name)
        .filter(|&c| ok(c) && list[oi].organization.is_none())
    {
        return (Some(c), None);
    }
    // No office known, or an office of an organisation: no country to infer.
    let titles = &doc.lex.gazetteer.titles;
    if list[oi].organization.is_some()
        || list[oi]
            .title
            .is_none_or(|t| titles[t].organization.is_some())
    {
        return (None, None);
    }
    if let Some(c) = coordinated_country(doc, mentions, mi, list).filter(|&c| ok(c)) {
        return (Some(c), None);
    }
    let s = &doc.sentences[m.sentence];
    if let Some(c) = delegation_country(s, m).filter(|&c| ok(c)) {
        return (Some(c), None);
    }
    let near = country_near(s, m, claimed, &ok);
    let after = country_after(s, m, claimed, &ok);
    // A visitor is not from where the visit happens.
    let visit = s
        .tokens
        .iter()
        .any(|t| t.text.starts_with("visit") || t.text == "trip");
    let located = located_country(s, m, &ok).filter(|_| !visit);
    // "X will visit Berlin for talks with Chancellor Y": one named after the place
    // visited is the host, from there; "a visit to Tokyo by Y" names the visitor.
    let by_visitor = (m.title_first..m.first).any(|k| s.word(k) == "by");
    let host = visited_country(s, m);
    let (host, visited_by) = if by_visitor {
        (None, host)
    } else {
        (host.filter(|&c| ok(c)), None)
    };
    let ok = |c: usize| ok(c) && visited_by != Some(c);
    let fallback = article_country(doc, &ok, claimed);
    (near.or(after).or(located).or(host), fallback)
}

/// "President X and Secretary Y": Y shares the country of X, the titled mention with a
/// country right before `mi`, joined by "and" or a comma.
fn coordinated_country(
    doc: &Doc,
    mentions: &[Mention],
    mi: usize,
    list: &[Official],
) -> Option<usize> {
    let m = &mentions[mi];
    let prev = &mentions[mi.checked_sub(1)?];
    let s = &doc.sentences[m.sentence];
    let between: Vec<&str> = (prev.last + 1..m.first.saturating_sub(1).max(prev.last + 1))
        .map(|k| s.word(k))
        .collect();
    let joined = prev.sentence == m.sentence
        && prev.country.is_some()
        && prev.title.is_some()
        && between.iter().all(|w| matches!(*w, "and" | "," | "."));
    joined
        .then(|| prev.official.and_then(|p| list[p].country))
        .flatten()
}

/// Nouns of a group a person leads for a country: "the Sri Lankan delegation led by".
const DELEGATION_NOUNS: [&str; 5] = ["delegation", "team", "mission", "contingent", "side"];

/// "Sri Lankan delegation led by Defence Secretary Gen. Kamal Gunaratne": the country
/// of the delegation, team or mission that mention `m` leads ("led by", "headed by"),
/// read back over the title and forms of address before the name.
fn delegation_country(s: &Sentence, m: &Mention) -> Option<usize> {
    let mut k = m.first;
    while k > 0 && k + 14 > m.first && s.word(k - 1) != "by" {
        let w = s.word(k - 1);
        if !(s.tokens[k - 1].is_capitalized() || matches!(w, "." | "of" | "and")) {
            return None;
        }
        k -= 1;
    }
    // k is just after "by".
    if k < 5 || !matches!(s.word(k - 2), "led" | "headed") {
        return None;
    }
    // "the Ghanaian delegation, led by ...": a comma may set the participle off.
    let noun = if s.word(k - 3) == "," { k - 4 } else { k - 3 };
    if !DELEGATION_NOUNS.contains(&s.word(noun).to_lowercase().as_str()) {
        return None;
    }
    let mut j = noun - 1;
    if matches!(s.word(j), "'s" | "\u{2019}s" | "'" | "\u{2019}") {
        j = j.checked_sub(1)?;
    }
    match s.proper_ending_at(j)?.target {
        ProperTarget::Country { country, .. } => Some(country),
        _ => None,
    }
}

/// A country named within eight words before mention `m`, not another mention's and
/// not a possessive ("Vietnam's defence capabilities" is about the country, not the
/// person).
fn country_near(
    s: &Sentence,
    m: &Mention,
    claimed: &HashSet<(usize, usize)>,
    ok: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let window_start = m.first.saturating_sub(8);
    s.proper
        .iter()
        .filter(|h| {
            h.last < m.first && h.first >= window_start && !claimed.contains(&(m.sentence, h.first))
        })
        .filter(|h| !super::text::is_possessive(s.word(h.last)))
        .filter_map(|h| match h.target {
            ProperTarget::Country { country, .. } => Some(country),
            _ => None,
        })
        .rfind(|&c| ok(c))
}

/// "Modi's vision of 'Make in India'": a country named just after the name, not the
/// other side's.
fn country_after(
    s: &Sentence,
    m: &Mention,
    claimed: &HashSet<(usize, usize)>,
    ok: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    s.proper
        .iter()
        .filter(|h| h.first > m.last && h.first <= m.last + 8)
        .filter(|h| !claimed.contains(&(m.sentence, h.first)))
        .filter(|h| !names_other_side(s, h.first))
        .filter(|h| !super::text::is_possessive(s.word(h.last)))
        .filter_map(|h| match h.target {
            ProperTarget::Country { country, .. } => Some(country),
            _ => None,
        })
        .find(|&c| ok(c))
}

/// "in Manila, Defence Secretary X said": the country of a place told with "in" or
/// "at" before the mention ("X signed the protocol in Auckland": a place told after the
/// name is where the event happened, not whom X serves).
fn located_country(s: &Sentence, m: &Mention, ok: &dyn Fn(usize) -> bool) -> Option<usize> {
    s.proper
        .iter()
        .filter(|h| h.first > 0 && matches!(s.word(h.first - 1), "in" | "at"))
        .filter(|h| h.last < m.first)
        .filter_map(|h| match h.target {
            ProperTarget::Place { country, .. } => Some(country),
            _ => None,
        })
        .find(|&c| ok(c))
}

/// "X will visit Berlin for talks with Chancellor Y": the country of the place or
/// country visited before mention `m`.
fn visited_country(s: &Sentence, m: &Mention) -> Option<usize> {
    s.proper
        .iter()
        .filter(|h| h.last < m.first && h.first > 0)
        .rfind(|h| {
            let before = s.word(h.first - 1);
            before.starts_with("visit")
                || before == "to"
                    && h.first > 1
                    && (s.word(h.first - 2).starts_with("visit") || s.word(h.first - 2) == "trip")
        })
        .and_then(|h| match h.target {
            ProperTarget::Place { country, .. } => Some(country),
            ProperTarget::Country {
                country,
                demonym: false,
            } => Some(country),
            _ => None,
        })
}

/// The country of the national news agency credited in the lead, if the article names
/// it; else the dateline's, unless the article names another at least twice as often
/// ("AUCKLAND - Britain signed ..." is a British story told from New Zealand); else the
/// most mentioned. Mentions that qualify another official ("his Mongolian counterpart",
/// "Mongolian President X") do not count against the dateline: the press qualifies the
/// foreign side's officials and leaves the home side's bare.
fn article_country(
    doc: &Doc,
    ok: &dyn Fn(usize) -> bool,
    claimed: &HashSet<(usize, usize)>,
) -> Option<usize> {
    let most = doc.country_counts.iter().find(|&&(c, _)| ok(c));
    let count = |c: usize| {
        doc.country_counts
            .iter()
            .find(|x| x.0 == c)
            .map_or(0, |x| x.1)
    };
    let qualifying = |c: usize| {
        claimed
            .iter()
            .filter(|&&(si, k)| {
                doc.sentences[si].proper.iter().any(|h| {
                    h.first == k
                        && matches!(h.target, ProperTarget::Country { country, .. } if country == c)
                })
            })
            .count()
    };
    let home = doc.home_country.filter(|&c| ok(c)).filter(|&h| {
        most.is_none_or(|&(m, n)| m == h || 2 * count(h) > n.saturating_sub(qualifying(m)))
    });
    // A national agency's unqualified titles are its country's, wherever it reports from.
    let outlet = doc.outlet_country.filter(|&c| ok(c) && count(c) > 0);
    outlet.or(home).or_else(|| most.map(|&(c, _)| c))
}

/// Officials still without a country take the fallback (dateline's, most mentioned) in
/// the order the text names them, the first named the main country; "A and his
/// counterpart B", neither given a country, do not both get the same one.
fn assign_fallbacks(
    doc: &Doc,
    mentions: &[Mention],
    list: &mut [Official],
    fallbacks: &[Option<usize>],
    (sides, excluded): (&[Vec<usize>], &[HashSet<usize>]),
) {
    let mut named_order: Vec<usize> = Vec::new();
    for oi in mentions.iter().filter_map(|m| m.official) {
        if !named_order.contains(&oi) {
            named_order.push(oi);
        }
    }
    for oi in named_order {
        if list[oi].country.is_some() {
            continue;
        }
        let taken: Vec<usize> = sides[oi].iter().filter_map(|&p| list[p].country).collect();
        // Another holder of the same office has the fallback country: no guess is left.
        if fallbacks[oi].is_some_and(|c| office_taken(doc, mentions, list, oi).contains(&c)) {
            continue;
        }
        list[oi].country = match fallbacks[oi] {
            Some(c) if taken.contains(&c) => doc
                .country_counts
                .iter()
                .map(|&(c, _)| c)
                .find(|c| !taken.contains(c) && !excluded[oi].contains(c)),
            fallback => fallback,
        };
    }
}

/// Offices a country gives one person at a time: two holders in one article are of two
/// countries.
const SINGLE_HOLDER_OFFICES: [&str; 5] = [
    "head_of_government",
    "head_of_state",
    "monarch",
    "foreign",
    "defence",
];

/// "Luxembourg's Prime Minister X joined the meeting. Prime Minister Y spoke first.":
/// the countries whose office of official `oi` (a prime minister's, a president's, a
/// foreign minister's) another official of the article, not called former, already
/// holds; a fallback must not give Y the same country.
fn office_taken(doc: &Doc, mentions: &[Mention], list: &[Official], oi: usize) -> Vec<usize> {
    let titles = &doc.lex.gazetteer.titles;
    let office = |o: usize| list[o].title.map(|t| titles[t].office.as_str());
    let Some(own) = office(oi).filter(|o| SINGLE_HOLDER_OFFICES.contains(o)) else {
        return Vec::new();
    };
    let former = |o: usize| {
        mentions.iter().filter(|m| m.official == Some(o)).any(|m| {
            let s = &doc.sentences[m.sentence];
            (m.title_first.saturating_sub(3)..m.title_first)
                .any(|k| s.word(k).eq_ignore_ascii_case("former") || s.word(k) == "late")
        })
    };
    (0..list.len())
        .filter(|&p| p != oi && office(p) == Some(own) && !former(p) && !former(oi))
        .filter_map(|p| list[p].country)
        .collect()
}

/// "Sheikh Tamim bin Hamad Al Thani", a known name's form with a form of address: the
/// known own name, which other articles use.
fn own_name_if_addressed<'n>(lex: &'n Lexicon, name: &'n str) -> &'n str {
    let addressed = name
        .split_whitespace()
        .next()
        .is_some_and(|w| lex.is_single_honorific(w));
    match lex.known_own_name(name) {
        Some(own) if addressed => own,
        _ => name,
    }
}

/// "X met Y", "X, who arrived on Monday, ..." no; "X, met with the Cabinet Secretary of
/// Kenya, Y": a meeting verb right after the mention ending at `a_last` (after a comma
/// or an auxiliary at most) whose object is the mention starting at `b_first`, with no
/// list ("and", "including") between.
fn met_between(s: &Sentence, a_last: usize, b_first: usize) -> bool {
    let between = a_last + 1..b_first;
    let verb = between.clone().take(3).find(|&k| {
        matches!(
            s.word(k),
            "met" | "meets" | "received" | "receives" | "hosted" | "hosts" | "welcomed"
        )
    });
    let Some((verb_at, v)) = verb
        .map(|v| (v, v))
        .or_else(|| talked_with(s, a_last, b_first))
    else {
        return false;
    };
    let lead_in = (a_last + 1..verb_at).all(|k| {
        matches!(
            s.word(k),
            "," | "also" | "has" | "had" | "will" | "then" | "held" | "holds"
        )
    });
    let commas: Vec<usize> = (v + 1..b_first).filter(|&k| s.word(k) == ",").collect();
    // One comma at most, the one that sets off Y's name after a long title.
    let commas_ok = commas.is_empty() || commas == [b_first - 1];
    let short = b_first - v <= if commas.is_empty() { 8 } else { 20 };
    lead_in
        && commas_ok
        && short
        && !(v + 1..b_first).any(|k| matches!(s.word(k), "and" | "including" | ";"))
}

/// "X spoke by phone with Vice Minister Y", "X held talks with Y": the "with" of a verb
/// of talking (at most two words after it) among the three words after X, ending at
/// `a_last`, and before Y, starting at `b_first`; Y is the other side. Gives the verb's
/// place and the "with"'s.
fn talked_with(s: &Sentence, a_last: usize, b_first: usize) -> Option<(usize, usize)> {
    let verb = (a_last + 1..b_first).take(3).find(|&k| {
        matches!(
            s.word(k),
            "spoke" | "speaks" | "talked" | "talks" | "conferred" | "telephoned" | "phoned"
        )
    })?;
    (verb + 1..b_first.min(verb + 4))
        .find(|&k| s.word(k) == "with")
        .map(|w| (verb, w))
}

#[cfg(test)]
#[path = "officials_tests.rs"]
mod tests;
