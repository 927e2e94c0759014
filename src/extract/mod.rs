//! Rule-based extraction: one article in, typed entities and evidenced relations out.
//!
//! The flow: sentences and tokens ([`text`]) → gazetteer hits ([`lexicon`]) → dates
//! ([`dates`]) → officials from titles and names ([`officials`]) → agreements,
//! organisations and places ([`things`]) → milestones and their relations ([`events`]).

pub mod clauses;
pub mod dates;
mod events;
pub mod lexicon;
mod officials;
pub mod text;
mod things;

use crate::article::Article;
use crate::gazetteer::{Gazetteer, GazetteerError};
use crate::model::PartialDate;
use crate::model::{
    entity_id, slugify, ArticleMeta, Attrs, Entity, EntityKind, Evidence, Extraction, Relation,
    RelationKind,
};
use dates::DateMention;
use lexicon::{Hit, Lexicon, PhraseTarget, ProperTarget};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;
use text::{Span, Token};

/// The extractor: compiled gazetteers, reusable across articles and threads.
pub struct Extractor {
    lex: Lexicon,
}

/// A gazetteer hit mapped onto a sentence's tokens (inclusive range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokHit<T> {
    pub first: usize,
    pub last: usize,
    pub target: T,
}

/// One sentence with everything found in it.
pub(crate) struct Sentence<'a> {
    pub span: Span,
    pub tokens: Vec<Token<'a>>,
    pub proper: Vec<TokHit<ProperTarget>>,
    pub phrases: Vec<TokHit<PhraseTarget>>,
    /// Officials `data/officials.ron` knows, by full name; the target is their country.
    pub known_officials: Vec<TokHit<usize>>,
    pub dates: Vec<DateMention>,
    /// Its clauses, and the status each gives its verbs.
    pub clauses: clauses::Clauses,
}

impl Sentence<'_> {
    pub fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map(|t| t.text).unwrap_or("")
    }

    pub fn proper_at(&self, first: usize) -> Option<&TokHit<ProperTarget>> {
        self.proper.iter().find(|h| h.first == first)
    }

    pub fn proper_ending_at(&self, last: usize) -> Option<&TokHit<ProperTarget>> {
        self.proper.iter().find(|h| h.last == last)
    }

    pub fn country_at(&self, first: usize) -> Option<(usize, usize)> {
        match self.proper_at(first)?.target {
            ProperTarget::Country { country, .. } => Some((country, self.proper_at(first)?.last)),
            _ => None,
        }
    }

    /// Country mentions (names and demonyms) as (token, country).
    pub fn countries(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.proper.iter().filter_map(|h| match h.target {
            ProperTarget::Country { country, .. } => Some((h.first, country)),
            _ => None,
        })
    }

    pub fn text_of(&self, first: usize, last: usize, text: &str) -> String {
        self.span_text(first, last, text).to_string()
    }

    /// The text of tokens `first..=last`, borrowed from the article (empty for no such
    /// span): what an alias or a comparison reads without a copy.
    pub fn span_text<'t>(&self, first: usize, last: usize, text: &'t str) -> &'t str {
        match (self.tokens.get(first), self.tokens.get(last)) {
            (Some(a), Some(b)) if a.start <= b.end => &text[a.start..b.end],
            _ => "",
        }
    }

    /// Whether the lower-cased token sequence `words` starts at token `i`.
    pub fn matches_at(&self, i: usize, words: &[String]) -> bool {
        words.iter().enumerate().all(|(k, w)| {
            self.tokens
                .get(i + k)
                .is_some_and(|t| t.text.eq_ignore_ascii_case(w))
        })
    }
}

/// Accumulates the entities and relations of one article.
pub(crate) struct Output {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    relations: Vec<Relation>,
    /// (source, relation, target) by entity index: a fact is kept once.
    relation_keys: HashSet<(usize, RelationKind, usize)>,
}

impl Output {
    fn new() -> Output {
        // Sized for a typical article, which then grows nothing.
        Output {
            entities: Vec::with_capacity(32),
            by_id: HashMap::with_capacity_and_hasher(32, Default::default()),
            relations: Vec::with_capacity(64),
            relation_keys: HashSet::with_capacity_and_hasher(64, Default::default()),
        }
    }

    /// Adds an entity or merges aliases and attributes into the one with its id.
    pub fn entity(&mut self, kind: EntityKind, slug: &str, name: &str) -> String {
        let id = entity_id(kind, slug);
        if !self.by_id.contains_key(&id) {
            self.by_id.insert(id.clone(), self.entities.len());
            self.entities.push(Entity {
                id: id.clone(),
                kind,
                name: name.to_string(),
                aliases: Vec::new(),
                attrs: Attrs::new(),
            });
        }
        id
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Entity> {
        self.by_id.get(id).map(|&i| &mut self.entities[i])
    }

    pub fn alias(&mut self, id: &str, alias: &str) {
        if let Some(e) = self.get_mut(id) {
            e.add_alias(alias);
        }
    }

    pub fn attr(&mut self, id: &str, key: &str, value: &str) {
        if let Some(e) = self.get_mut(id) {
            e.attrs
                .entry(key.to_string())
                .or_insert_with(|| value.to_string());
        }
    }

    pub fn relate(
        &mut self,
        source: &str,
        relation: RelationKind,
        target: &str,
        sentence: &Sentence,
        text: &str,
        attrs: Attrs,
    ) {
        if source == target {
            return;
        }
        let (Some(&si), Some(&ti)) = (self.by_id.get(source), self.by_id.get(target)) else {
            return;
        };
        let ((s, si), (t, ti)) = if relation.is_symmetric() && target < source {
            ((target, ti), (source, si))
        } else {
            ((source, si), (target, ti))
        };
        if !self.relation_keys.insert((si, relation, ti)) {
            return;
        }
        self.relations.push(Relation {
            source: s.to_string(),
            relation,
            target: t.to_string(),
            attrs,
            evidence: Evidence {
                article: String::new(),
                sentence: text[sentence.span.start..sentence.span.end].to_string(),
                start: sentence.span.start,
                end: sentence.span.end,
            },
        });
    }
}

/// What every stage shares: the article, its sentences and the lexicon.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub sentences: Vec<Sentence<'a>>,
    /// Publication date, else the first full date of the lead: what undated events default to.
    pub event_date: Option<PartialDate>,
    /// Publication date only: events after it are still planned.
    pub article_date: Option<PartialDate>,
    pub country_counts: Vec<(usize, usize)>,
    pub home_country: Option<usize>,
    /// The country of the national news agency the lead credits ("(VNA)", "(Bernama)").
    pub outlet_country: Option<usize>,
}

impl<'a> Doc<'a> {
    pub fn country_name(&self, c: usize) -> &str {
        &self.lex.gazetteer.countries[c].name
    }

    /// The id of country `c`, its node added to `out` on first use; borrowed from the
    /// lexicon, which made every country's id once.
    pub fn country_id(&self, out: &mut Output, c: usize) -> &'a str {
        let id = self.lex.country_id(c);
        if !out.by_id.contains_key(id) {
            let name = self.country_name(c);
            let made = out.entity(EntityKind::Country, &slugify(name), name);
            debug_assert_eq!(made, id);
        }
        id
    }

    /// Each mention of an official with a country counts as one of that country; the
    /// order stays most mentioned first, first mentioned among equals.
    fn count_officials_countries(&mut self, officials: &officials::Officials) {
        let mut added = false;
        for r in &officials.refs {
            let Some(c) = officials.list[r.official].country else {
                continue;
            };
            match self.country_counts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => self.country_counts.push((c, 1)),
            }
            added = true;
        }
        if added {
            // Stable: among equals, the first mentioned stays first.
            self.country_counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        }
    }

    /// The two countries the article is most about, most mentioned first.
    pub fn main_pair(&self) -> Vec<usize> {
        self.country_counts
            .iter()
            .take(2)
            .map(|(c, _)| *c)
            .collect()
    }
}

/// The hits that start inside `span`, from a list sorted by start; `cursor` moves
/// forward through the list as the sentences do.
fn within<'h, T>(hits: &'h [Hit<T>], cursor: &mut usize, span: Span) -> &'h [Hit<T>] {
    while *cursor < hits.len() && hits[*cursor].start < span.start {
        *cursor += 1;
    }
    let end = hits[*cursor..]
        .iter()
        .position(|h| h.start >= span.end)
        .map_or(hits.len(), |k| *cursor + k);
    &hits[*cursor..end]
}

/// Hits mapped onto the sentence's tokens; one ending past the sentence (a name across
/// a sentence break) is left out.
fn to_token_hits<T: Copy>(tokens: &[Token], hits: &[Hit<T>], span: Span) -> Vec<TokHit<T>> {
    hits.iter()
        .filter(|h| h.end <= span.end)
        .filter_map(|h| {
            // Overlap, not containment: "Malaysia" and "China" both map onto "Malaysia-China".
            // Tokens follow one another without overlap, so those ending after the hit's
            // start are a tail, those starting before its end a head: found by halving.
            let first = tokens.partition_point(|t| t.end <= h.start);
            let after = tokens.partition_point(|t| t.start < h.end);
            (first < after).then_some(TokHit {
                first,
                last: after - 1,
                target: h.target,
            })
        })
        .collect()
}

/// Hits that begin and end with tokens (or end before a possessive "'s"): a full name
/// must not be read out of "attack.Rajnath Singh".
fn aligned_token_hits<T: Copy>(text: &str, tokens: &[Token], hits: &[Hit<T>]) -> Vec<TokHit<T>> {
    hits.iter()
        .filter_map(|h| {
            let first = tokens.iter().position(|t| t.start == h.start)?;
            let last = tokens[first..].iter().position(|t| {
                t.end == h.end
                    || t.start < h.end && matches!(text.get(h.end..t.end), Some("'s" | "\u{2019}s"))
            })? + first;
            Some(TokHit {
                first,
                last,
                target: h.target,
            })
        })
        .collect()
}

impl Extractor {
    /// Compiles a gazetteer for extraction.
    pub fn new(gazetteer: &'static Gazetteer) -> Extractor {
        Extractor {
            lex: Lexicon::new(gazetteer),
        }
    }

    /// The process-wide extractor over the built-in (or `KG_DATA_DIR`) gazetteers.
    pub fn shared() -> Result<&'static Extractor, GazetteerError> {
        static SHARED: OnceLock<Extractor> = OnceLock::new();
        if let Some(x) = SHARED.get() {
            return Ok(x);
        }
        let gazetteer = Gazetteer::shared()?;
        Ok(SHARED.get_or_init(|| Extractor::new(gazetteer)))
    }

    /// Extracts one article: the JSON contract of `kg extract`.
    pub fn extract(&self, article: &Article) -> Extraction {
        let text = article.text.as_str();
        let lex = &self.lex;
        let starts = lexicon::word_starts(text);
        let mut proper = lex.proper_hits(text, &starts);
        // "Trans-Pacific": a name glued to an unknown word by a hyphen is part of that word.
        let hit_ends: HashSet<usize> = proper.iter().map(|h| h.end).collect();
        proper.retain(|h| {
            let before = &text[..h.start];
            let Some(prev_end) = before.strip_suffix('-').map(str::len) else {
                return true;
            };
            let prev_is_word = before[..prev_end]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            !prev_is_word || hit_ends.contains(&prev_end)
        });
        // "US$8.2 billion", "NZ$40 million": a country's letters before a dollar sign
        // name a currency, not the country.
        proper.retain(|h| !text[h.end..].starts_with('$'));
        let phrases = lex.phrase_hits(text);
        let marker_end = crate::article::dateline_marker_end(text).unwrap_or(0);
        let spans: Vec<Span> = text::sentences(text, &lex.gazetteer.lexicon)
            .into_iter()
            .filter(|s| s.end > marker_end)
            .map(|s| {
                let start = s.start.max(marker_end);
                let lead = text[start..s.end].len() - text[start..s.end].trim_start().len();
                Span {
                    start: start + lead,
                    end: s.end,
                }
            })
            .collect();
        let known = lex.known_official_hits(text, &starts);
        let mut sentences = Vec::with_capacity(spans.len());
        let (mut pi, mut qi, mut ki) = (0, 0, 0);
        for span in spans {
            let tokens = text::tokenize(text, span);
            let dates = dates::find(&tokens, article.date);
            let clauses = clauses::Clauses::of(&tokens, &lex.clause_grammar);
            sentences.push(Sentence {
                clauses,
                proper: to_token_hits(&tokens, within(&proper, &mut pi, span), span),
                phrases: to_token_hits(&tokens, within(&phrases, &mut qi, span), span),
                known_officials: aligned_token_hits(text, &tokens, within(&known, &mut ki, span)),
                dates,
                tokens,
                span,
            });
        }
        for s in &mut sentences {
            shouted_dateline_place(lex, text, s);
        }
        let event_date = article.date.map(PartialDate::day).or_else(|| {
            sentences
                .iter()
                .take(6)
                .flat_map(|s| s.dates.iter())
                .find(|d| d.date.day.is_some())
                .map(|d| d.date)
        });
        let mut counts: HashMap<usize, (usize, usize)> = HashMap::default();
        let mut order = 0;
        for s in &sentences {
            for (_, c) in s.countries() {
                order += 1;
                let e = counts.entry(c).or_insert((0, order));
                e.0 += 1;
            }
        }
        let mut country_counts: Vec<(usize, usize, usize)> = counts
            .into_iter()
            .map(|(c, (n, first))| (c, n, first))
            .collect();
        country_counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let home_country = dateline_country(lex, text, &sentences);
        let outlet_country = agency_country(lex, &sentences);
        let doc = Doc {
            text,
            lex,
            sentences,
            event_date,
            article_date: article.date.map(PartialDate::day),
            country_counts: country_counts.into_iter().map(|(c, n, _)| (c, n)).collect(),
            home_country,
            outlet_country,
        };
        let mut out = Output::new();
        for s in &doc.sentences {
            for h in &s.proper {
                if let ProperTarget::Country { country, .. } = h.target {
                    let id = doc.country_id(&mut out, country);
                    out.alias(id, s.span_text(h.first, h.last, text));
                }
            }
        }
        let officials = officials::find(&doc, &mut out);
        // "President Yoon Suk Yeol held talks with Kazakh President ...": a country told
        // only through its officials is among those the article is about.
        let mut doc = doc;
        doc.count_officials_countries(&officials);
        let things = things::find(&doc, &mut out, &officials);
        events::find(&doc, &mut out, &officials, &things);

        Extraction {
            article: ArticleMeta {
                id: article.id.clone(),
                path: article.path.clone(),
                title: article.title.clone(),
                date: article.date.map(|d| d.to_string()),
            },
            entities: out.entities,
            relations: out.relations,
        }
    }
}

/// The items of one sentence in a list sorted by sentence, found by binary search so
/// that per-sentence lookups stay logarithmic however long the article.
pub(crate) fn in_sentence<T>(items: &[T], sentence: usize, key: impl Fn(&T) -> usize) -> &[T] {
    let lo = items.partition_point(|x| key(x) < sentence);
    let hi = items.partition_point(|x| key(x) <= sentence);
    &items[lo..hi]
}

/// "OTTAWA, March 10 (VNA) -": the country of a national news agency credited in
/// parentheses in one of the first lines.
fn agency_country(lex: &Lexicon, sentences: &[Sentence]) -> Option<usize> {
    let organizations = &lex.gazetteer.organizations;
    sentences.iter().take(4).find_map(|s| {
        s.proper.iter().find_map(|h| {
            let ProperTarget::Organization(o) = h.target else {
                return None;
            };
            let credited = h.first > 0 && s.word(h.first - 1) == "(" && s.word(h.last + 1) == ")";
            let entry = &organizations[o];
            let country = entry
                .country
                .as_deref()
                .filter(|_| entry.news && credited)?;
            lex.country_named(country)
        })
    })
}

/// "New Delhi [India], May 4 (ANI):", "Perth, Australia, Oct. 22" or "WARSAW, Jan 30
/// (AP)": the country of a place that opens one of the first lines, followed by
/// punctuation.
fn dateline_country(lex: &Lexicon, text: &str, sentences: &[Sentence]) -> Option<usize> {
    // A headline of its own ("India, France agree roadmap") is no dateline.
    let headline = |s: &Sentence| {
        text[..s.span.start].trim().is_empty()
            && text[s.span.end..]
                .trim_start_matches([' ', '\t'])
                .starts_with('\n')
            && s.dates.is_empty()
    };
    for s in sentences.iter().take(4).filter(|s| !headline(s)) {
        let (target, last) = match s.proper.iter().find(|h| h.first <= 2) {
            Some(h) => (h.target, h.last),
            None => match shouted_place(lex, s) {
                Some(found) => found,
                None => continue,
            },
        };
        let next = s.word(last + 1);
        if !matches!(next, "," | "[" | "(" | "\u{2014}" | "-" | ":") {
            continue;
        }
        match target {
            ProperTarget::Place { country, .. } => return Some(country),
            ProperTarget::Country {
                country,
                demonym: false,
            } => return Some(country),
            _ => {}
        }
    }
    None
}

/// "BANDAR SERI BEGAWAN, BRUNEI DARUSSALAM": a line that opens with a gazetteer place
/// in capitals and punctuation is a dateline, and names that place; the sentence gets
/// it as a hit of its own (the case-sensitive gazetteer missed it).
fn shouted_dateline_place(lex: &Lexicon, text: &str, s: &mut Sentence) {
    let before = text[..s.span.start].trim_end_matches([' ', '\t']);
    if !(before.is_empty() || before.ends_with('\n')) {
        return;
    }
    let Some((target @ ProperTarget::Place { .. }, last)) = shouted_place(lex, s) else {
        return;
    };
    if !matches!(s.word(last + 1), "," | "\u{2014}" | "-" | "(" | ":")
        || s.proper.iter().any(|h| h.first <= last)
    {
        return;
    }
    s.proper.insert(
        0,
        TokHit {
            first: 0,
            last,
            target,
        },
    );
}

/// A dateline's place in capitals ("NEW DELHI"), which the case-sensitive gazetteer
/// does not match: its words title-cased and looked up. Returns the last token.
fn shouted_place(lex: &Lexicon, s: &Sentence) -> Option<(ProperTarget, usize)> {
    let shouted = |t: &Token| {
        t.is_word()
            && t.text.chars().any(char::is_alphabetic)
            && !t.text.chars().any(char::is_lowercase)
    };
    let words = s.tokens.iter().take(4).take_while(|t| shouted(t)).count();
    if words == 0 {
        return None;
    }
    let mut title_cased = String::new();
    let mut ends = Vec::new();
    for t in &s.tokens[..words] {
        if !title_cased.is_empty() {
            title_cased.push(' ');
        }
        let mut chars = t.text.chars();
        title_cased.extend(chars.next());
        title_cased.extend(chars.flat_map(char::to_lowercase));
        ends.push(title_cased.len());
    }
    let hit = lex
        .proper_hits(&title_cased, &lexicon::word_starts(&title_cased))
        .into_iter()
        .find(|h| h.start == 0)?;
    let last = ends.iter().position(|&e| e == hit.end)?;
    Some((hit.target, last))
}

#[cfg(test)]
mod tests;
