//! The line layout's codec: each record of the store (its head, an article,
//! an entity, a relation with its evidence) written and read by one pair of
//! functions side by side, over the same field constants, so the schema of
//! a line is stated once. [`super::ron_out`] writes whole files with it
//! (`write_store` from a graph, `write_import` from CSV columns) and
//! [`super::ron_in`] reads them back with it.
//!
//! The text is what `ron` writes and reads (the serde derives of
//! [`crate::store`] read it the same way when the strict reader declines):
//! fields in their order, empty optional fields left out, strings escaped
//! as `char::escape_debug` escapes them.

use crate::graph::ArticleRecord;
use crate::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};
use crate::store::{StoredArticle, StoredRelation, SCHEMA_VERSION};
use std::collections::BTreeSet;

/// The file up to its first article.
const HEAD: &str = "(\n  version: ";
const DEFAULT_CORPUS: &str = ",\n  default_corpus: ";
const EXTRACTOR: &str = ",\n  extractor: ";
const ARTICLES: &str = ",\n  articles: [\n";
/// Between the articles and the entities, the entities and the relations,
/// and after the relations.
pub(crate) const ENTITIES: &str = "  ],\n  entities: [\n";
pub(crate) const RELATIONS: &str = "  ],\n  relations: [\n";
pub(crate) const END: &str = "  ],\n)\n";
/// Around every record line.
const LINE_START: &str = "    (";
const LINE_END: &str = "),\n";

/// The fields of an article line, in order.
mod article {
    pub const ID: &str = "id: ";
    pub const PATH: &str = ", path: ";
    pub const TITLE: &str = ", title: ";
    pub const DATE: &str = ", date: ";
    pub const EXTRACTOR: &str = ", extractor: ";
    /// Left out when empty.
    pub const ENTITIES: &str = ", entities: ";
    /// Left out when the record has none.
    pub const FINGERPRINT: &str = ", fingerprint: ";
    pub const TEXT: &str = ", text: ";
}

/// The fields of an entity line, in order.
mod entity {
    pub const ID: &str = "id: ";
    pub const KIND: &str = ", kind: ";
    pub const NAME: &str = ", name: ";
    /// Left out when empty.
    pub const ALIASES: &str = ", aliases: ";
    /// Left out when empty.
    pub const ATTRS: &str = ", attrs: ";
}

/// The fields of a relation line, in order, and of each of its evidence.
mod relation {
    pub const SOURCE: &str = "source: ";
    pub const RELATION: &str = ", relation: ";
    pub const TARGET: &str = ", target: ";
    /// Left out when empty.
    pub const ATTRS: &str = ", attrs: ";
    pub const EVIDENCE: &str = ", evidence: [";
    /// Left out when empty, as `ron` leaves it out.
    pub const ARTICLE: &str = "article: ";
    pub const SENTENCE: &str = "sentence: ";
    pub const START: &str = ", start: ";
    pub const END: &str = ", end: ";
}

/// The head of a store: this schema's version, whether it holds only the
/// shipped corpus, which extractor built it; then the articles' opening.
pub(crate) fn write_head(out: &mut Vec<u8>, default_corpus: bool, extractor: &str) {
    out.extend_from_slice(HEAD.as_bytes());
    push_u64(out, u64::from(SCHEMA_VERSION));
    out.extend_from_slice(DEFAULT_CORPUS.as_bytes());
    out.extend_from_slice(if default_corpus { b"true" } else { b"false" });
    out.extend_from_slice(EXTRACTOR.as_bytes());
    push_str(out, extractor);
    out.extend_from_slice(ARTICLES.as_bytes());
}

/// [`write_head`] read back: `(default_corpus, extractor)` and the text
/// after it, or `None` when `text` does not start so (another version too).
pub(crate) fn read_head(text: &str) -> Option<(bool, String, &str)> {
    let mut p = Cursor::new(text.strip_prefix(HEAD)?);
    if p.number()? != u64::from(SCHEMA_VERSION) {
        return None;
    }
    p.lit(DEFAULT_CORPUS)?;
    let default_corpus = p.boolean()?;
    p.lit(EXTRACTOR)?;
    let extractor = p.string()?;
    p.lit(ARTICLES)?;
    Some((default_corpus, extractor, p.rest()))
}

/// An article line: its record and its provenance.
pub(crate) fn write_article(
    out: &mut Vec<u8>,
    a: &ArticleRecord,
    extractor: &str,
    entities: &BTreeSet<String>,
) {
    out.extend_from_slice(LINE_START.as_bytes());
    out.extend_from_slice(article::ID.as_bytes());
    push_str(out, &a.id);
    out.extend_from_slice(article::PATH.as_bytes());
    push_str(out, &a.path);
    out.extend_from_slice(article::TITLE.as_bytes());
    push_str(out, &a.title);
    out.extend_from_slice(article::DATE.as_bytes());
    match &a.date {
        Some(d) => {
            out.extend_from_slice(b"Some(");
            push_str(out, d);
            out.push(b')');
        }
        None => out.extend_from_slice(b"None"),
    }
    out.extend_from_slice(article::EXTRACTOR.as_bytes());
    push_str(out, extractor);
    if !entities.is_empty() {
        out.extend_from_slice(article::ENTITIES.as_bytes());
        push_list(out, entities.iter().map(String::as_str));
    }
    if let Some(f) = &a.fingerprint {
        out.extend_from_slice(article::FINGERPRINT.as_bytes());
        push_str(out, &f.to_string());
    }
    out.extend_from_slice(article::TEXT.as_bytes());
    push_str(out, &a.text);
    out.extend_from_slice(LINE_END.as_bytes());
}

/// [`write_article`] read back (without its line's start and end).
fn read_article(p: &mut Cursor<'_>) -> Option<StoredArticle> {
    p.lit(article::ID)?;
    let id = p.string()?;
    p.lit(article::PATH)?;
    let path = p.string()?;
    p.lit(article::TITLE)?;
    let title = p.string()?;
    p.lit(article::DATE)?;
    let date = if p.eat("None") {
        None
    } else {
        p.lit("Some(")?;
        let d = p.string()?;
        p.lit(")")?;
        Some(d)
    };
    p.lit(article::EXTRACTOR)?;
    let extractor = p.string()?;
    let entities = if p.eat(article::ENTITIES) {
        p.strings()?
    } else {
        Vec::new()
    };
    let fingerprint = if p.eat(article::FINGERPRINT) {
        p.string()?
    } else {
        String::new()
    };
    p.lit(article::TEXT)?;
    let text = p.string()?;
    Some(StoredArticle {
        id,
        path,
        title,
        date,
        extractor,
        entities,
        fingerprint,
        text,
    })
}

/// An entity line from its fields (an [`Entity`]'s, or a CSV row's with
/// no aliases or attributes).
pub(crate) fn write_entity(
    out: &mut Vec<u8>,
    id: &str,
    kind: EntityKind,
    name: &str,
    aliases: &[String],
    attrs: &Attrs,
) {
    out.extend_from_slice(LINE_START.as_bytes());
    out.extend_from_slice(entity::ID.as_bytes());
    push_str(out, id);
    out.extend_from_slice(entity::KIND.as_bytes());
    out.extend_from_slice(kind.as_str().as_bytes());
    out.extend_from_slice(entity::NAME.as_bytes());
    push_str(out, name);
    if !aliases.is_empty() {
        out.extend_from_slice(entity::ALIASES.as_bytes());
        push_list(out, aliases.iter().map(String::as_str));
    }
    if !attrs.is_empty() {
        out.extend_from_slice(entity::ATTRS.as_bytes());
        push_map(out, attrs);
    }
    out.extend_from_slice(LINE_END.as_bytes());
}

/// [`write_entity`] read back.
fn read_entity(p: &mut Cursor<'_>) -> Option<Entity> {
    p.lit(entity::ID)?;
    let id = p.string()?;
    p.lit(entity::KIND)?;
    let kind = EntityKind::parse(p.ident()?)?;
    p.lit(entity::NAME)?;
    let name = p.string()?;
    let aliases = if p.eat(entity::ALIASES) {
        p.strings()?
    } else {
        Vec::new()
    };
    let attrs = if p.eat(entity::ATTRS) {
        p.map()?
    } else {
        Attrs::new()
    };
    Some(Entity {
        id,
        kind,
        name,
        aliases,
        attrs,
    })
}

/// One evidence of a relation line, borrowed.
pub(crate) struct EvidenceParts<'a> {
    pub article: &'a str,
    pub sentence: Sentence<'a>,
    pub start: u64,
    pub end: u64,
}

/// An evidence sentence: a string, or the concatenation of parts (a CSV
/// import's row is its columns and commas), written as one string.
#[derive(Clone, Copy)]
pub(crate) enum Sentence<'a> {
    Whole(&'a str),
    Parts(&'a [&'a str]),
}

/// A relation line: its ends, kind and attributes, and every evidence.
pub(crate) fn write_relation<'a>(
    out: &mut Vec<u8>,
    (source, kind, target): (&str, RelationKind, &str),
    attrs: &Attrs,
    evidence: impl IntoIterator<Item = EvidenceParts<'a>>,
) {
    out.extend_from_slice(LINE_START.as_bytes());
    out.extend_from_slice(relation::SOURCE.as_bytes());
    push_str(out, source);
    out.extend_from_slice(relation::RELATION.as_bytes());
    out.extend_from_slice(kind.as_str().as_bytes());
    out.extend_from_slice(relation::TARGET.as_bytes());
    push_str(out, target);
    if !attrs.is_empty() {
        out.extend_from_slice(relation::ATTRS.as_bytes());
        push_map(out, attrs);
    }
    out.extend_from_slice(relation::EVIDENCE.as_bytes());
    for (i, ev) in evidence.into_iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        out.push(b'(');
        if !ev.article.is_empty() {
            out.extend_from_slice(relation::ARTICLE.as_bytes());
            push_str(out, ev.article);
            out.extend_from_slice(b", ");
        }
        out.extend_from_slice(relation::SENTENCE.as_bytes());
        match ev.sentence {
            Sentence::Whole(s) => push_str(out, s),
            Sentence::Parts(parts) => {
                out.push(b'"');
                for part in parts {
                    push_escaped(out, part);
                }
                out.push(b'"');
            }
        }
        out.extend_from_slice(relation::START.as_bytes());
        push_u64(out, ev.start);
        out.extend_from_slice(relation::END.as_bytes());
        push_u64(out, ev.end);
        out.push(b')');
    }
    out.push(b']');
    out.extend_from_slice(LINE_END.as_bytes());
}

/// [`write_relation`] read back.
fn read_relation(p: &mut Cursor<'_>) -> Option<StoredRelation> {
    p.lit(relation::SOURCE)?;
    let source = p.string()?;
    p.lit(relation::RELATION)?;
    let kind = RelationKind::parse(p.ident()?)?;
    p.lit(relation::TARGET)?;
    let target = p.string()?;
    let attrs = if p.eat(relation::ATTRS) {
        p.map()?
    } else {
        Attrs::new()
    };
    p.lit(relation::EVIDENCE)?;
    let mut evidence = Vec::new();
    if !p.eat("]") {
        loop {
            evidence.push(read_evidence(p)?);
            if p.eat("]") {
                break;
            }
            p.lit(", ")?;
        }
    }
    Some(StoredRelation {
        source,
        relation: kind,
        target,
        attrs,
        evidence,
    })
}

/// One `(article: …, sentence: …, start: …, end: …)` of a relation line.
fn read_evidence(p: &mut Cursor<'_>) -> Option<Evidence> {
    p.lit("(")?;
    let article = if p.eat(relation::ARTICLE) {
        let a = p.string()?;
        p.lit(", ")?;
        a
    } else {
        String::new()
    };
    p.lit(relation::SENTENCE)?;
    let sentence = p.string()?;
    p.lit(relation::START)?;
    let start = usize::try_from(p.number()?).ok()?;
    p.lit(relation::END)?;
    let end = usize::try_from(p.number()?).ok()?;
    p.lit(")")?;
    Some(Evidence {
        article,
        sentence,
        start,
        end,
    })
}

/// The records of one section, each a whole line.
pub(crate) trait Record: Sized + Send {
    fn read(p: &mut Cursor<'_>) -> Option<Self>;
}

impl Record for StoredArticle {
    fn read(p: &mut Cursor<'_>) -> Option<Self> {
        read_article(p)
    }
}

impl Record for Entity {
    fn read(p: &mut Cursor<'_>) -> Option<Self> {
        read_entity(p)
    }
}

impl Record for StoredRelation {
    fn read(p: &mut Cursor<'_>) -> Option<Self> {
        read_relation(p)
    }
}

/// Every record line of `chunk` (whole lines), or `None` at the first that
/// is not one.
pub(crate) fn read_lines<T: Record>(chunk: &str) -> Option<Vec<T>> {
    let mut out = Vec::new();
    let mut p = Cursor::new(chunk);
    while !p.done() {
        p.lit(LINE_START)?;
        out.push(T::read(&mut p)?);
        p.lit(LINE_END)?;
    }
    Some(out)
}

/// Whether `b` stands for itself in a RON string.
#[inline]
fn plain_byte(b: u8) -> bool {
    (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\\' | b'\'')
}

/// Appends `s` as a RON string literal, escaped exactly as `ron` escapes it
/// (`char::escape_debug`, one character at a time), so the file reads back to
/// the same text. Runs of printable ASCII are copied as they are.
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    push_escaped(out, s);
    out.push(b'"');
}

/// Whether all eight bytes of `x` are [`plain_byte`]s, tested together.
#[inline]
fn plain_word(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte is zero: exact for "any", though not for "which".
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(0x20 * ONES) & !x & HIGH;
    let special = has_zero(x ^ (0x7f * ONES))
        | has_zero(x ^ (u64::from(b'"') * ONES))
        | has_zero(x ^ (u64::from(b'\\') * ONES))
        | has_zero(x ^ (u64::from(b'\'') * ONES));
    (below_space | (x & HIGH) | special) == 0
}

/// [`push_str`] without the quotes.
fn push_escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut run = 0;
    let word_at = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[i..i + 8]);
        plain_word(u64::from_le_bytes(w))
    };
    // Plain text eight bytes at a time, then a byte at a time.
    let mut i = 0;
    while i + 8 <= bytes.len() && word_at(i) {
        i += 8;
    }
    // The last bytes of a string of eight or more: checked as the word that
    // ends it (overlapping bytes checked already).
    if i < bytes.len() && bytes.len() >= 8 && i + 8 > bytes.len() && word_at(bytes.len() - 8) {
        out.extend_from_slice(bytes);
        return;
    }
    while i < bytes.len() {
        if plain_byte(bytes[i]) {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        // `i` is a character boundary: only whole ASCII bytes were skipped.
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let mut tmp = [0u8; 4];
        for e in c.escape_debug() {
            out.extend_from_slice(e.encode_utf8(&mut tmp).as_bytes());
        }
        i += c.len_utf8();
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
}

fn push_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// `["a", "b"]`.
fn push_list<'s>(out: &mut Vec<u8>, items: impl Iterator<Item = &'s str>) {
    out.push(b'[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        push_str(out, item);
    }
    out.push(b']');
}

/// `{"k": "v", "l": "w"}`.
fn push_map(out: &mut Vec<u8>, map: &Attrs) {
    out.push(b'{');
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        push_str(out, k);
        out.extend_from_slice(b": ");
        push_str(out, v);
    }
    out.push(b'}');
}

/// A position in the text being read.
pub(crate) struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, at: 0 }
    }

    fn done(&self) -> bool {
        self.at >= self.text.len()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// Skips `lit` if the text goes on with it.
    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.at += lit.len();
            true
        } else {
            false
        }
    }

    fn lit(&mut self, lit: &str) -> Option<()> {
        self.eat(lit).then_some(())
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.eat("true") {
            Some(true)
        } else if self.eat("false") {
            Some(false)
        } else {
            None
        }
    }

    /// Decimal digits, no sign, no leading zero, no overflow.
    fn number(&mut self) -> Option<u64> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        let text = &self.rest()[..digits];
        if digits == 0 || (digits > 1 && text.starts_with('0')) {
            return None;
        }
        let value = text.parse().ok()?;
        self.at += digits;
        Some(value)
    }

    /// A lower-case name: a kind or a relation.
    fn ident(&mut self) -> Option<&'a str> {
        let len = self
            .rest()
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        let name = &self.rest()[..len];
        self.at += len;
        (len > 0).then_some(name)
    }

    /// A string literal as `ron` writes it: printable characters as they are,
    /// the rest escaped as `char::escape_debug` escapes them.
    fn string(&mut self) -> Option<String> {
        self.lit("\"")?;
        let bytes = self.text.as_bytes();
        let start = self.at;
        // Most strings have no escape: one copy.
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\\' {
            if bytes[i] == b'\n' || bytes[i] == b'\r' {
                return None;
            }
            i += 1;
        }
        if bytes.get(i) == Some(&b'"') {
            self.at = i + 1;
            return Some(self.text[start..i].to_string());
        }
        let mut out = String::from(&self.text[start..i]);
        self.at = i;
        loop {
            let c = self.rest().chars().next()?;
            match c {
                '"' => {
                    self.at += 1;
                    return Some(out);
                }
                '\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                '\n' | '\r' => return None,
                c => {
                    self.at += c.len_utf8();
                    out.push(c);
                }
            }
        }
    }

    /// The character an escape after its `\` stands for.
    fn escape(&mut self) -> Option<char> {
        let e = self.rest().chars().next()?;
        self.at += e.len_utf8();
        Some(match e {
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            'u' => self.unicode_escape()?,
            _ => return None,
        })
    }

    /// The `{XXXX}` of a `\u{XXXX}` escape (1 to 6 hex digits), as its char.
    fn unicode_escape(&mut self) -> Option<char> {
        self.lit("{")?;
        let hex = self.rest().split_once('}')?.0;
        if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += hex.len() + 1;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// `["a", "b"]`, or `[]`.
    fn strings(&mut self) -> Option<Vec<String>> {
        self.lit("[")?;
        let mut out = Vec::new();
        if self.eat("]") {
            return Some(out);
        }
        loop {
            out.push(self.string()?);
            if self.eat("]") {
                return Some(out);
            }
            self.lit(", ")?;
        }
    }

    /// `{"k": "v", "l": "w"}`, or `{}`; keys in order and distinct, as a map writes them.
    fn map(&mut self) -> Option<Attrs> {
        self.lit("{")?;
        let mut out = Attrs::new();
        if self.eat("}") {
            return Some(out);
        }
        let mut last: Option<String> = None;
        loop {
            let key = self.string()?;
            if last.as_ref().is_some_and(|l| *l >= key) {
                return None;
            }
            self.lit(": ")?;
            let value = self.string()?;
            last = Some(key.clone());
            out.insert(key, value);
            if self.eat("}") {
                return Some(out);
            }
            self.lit(", ")?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(write: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut buf = Vec::new();
        write(&mut buf);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn each_record_reads_back_as_written_and_as_ron_reads_it() {
        let a = ArticleRecord {
            id: "a1".into(),
            path: "x/\"q\".txt".into(),
            title: "Tab\there".into(),
            date: Some("2025".into()),
            text: "line\nbreak".into(),
            fingerprint: crate::stories::Fingerprint::of(
                "the two ministers met in the capital on monday",
            ),
        };
        let ends: BTreeSet<String> = ["country:x".to_string()].into();
        let text = line(|b| write_article(b, &a, "kg 1", &ends));
        let back: Vec<StoredArticle> = read_lines(&text).unwrap();
        let inner = &text[LINE_START.len()..text.len() - LINE_END.len()];
        let by_ron: StoredArticle = ron::from_str(&format!("({inner})")).unwrap();
        assert_eq!(back, [by_ron]);
        assert_eq!(back[0].entities, ["country:x"]);

        let mut e = Entity::new(EntityKind::Country, "x", "X");
        e.aliases.push("Ex".into());
        e.attrs.insert("k".into(), "v".into());
        let text = line(|b| write_entity(b, &e.id, e.kind, &e.name, &e.aliases, &e.attrs));
        let back: Vec<Entity> = read_lines(&text).unwrap();
        let inner = &text[LINE_START.len()..text.len() - LINE_END.len()];
        let by_ron: Entity = ron::from_str(&format!("({inner})")).unwrap();
        assert_eq!(back, [by_ron]);
        assert_eq!(back, [e]);

        let parts = ["s", ",", "t\"", ",", "meets"];
        let evidence = [
            EvidenceParts {
                article: "a1",
                sentence: Sentence::Parts(&parts),
                start: 3,
                end: 9,
            },
            EvidenceParts {
                article: "",
                sentence: Sentence::Whole("whole"),
                start: 0,
                end: 5,
            },
        ];
        let ends = ("s", RelationKind::Meets, "t");
        let text = line(|b| write_relation(b, ends, &Attrs::new(), evidence));
        let back: Vec<StoredRelation> = read_lines(&text).unwrap();
        let inner = &text[LINE_START.len()..text.len() - LINE_END.len()];
        let by_ron: StoredRelation = ron::from_str(&format!("({inner})")).unwrap();
        assert_eq!(back, [by_ron]);
        assert_eq!(back[0].evidence[0].sentence, "s,t\",meets");
        assert_eq!(back[0].evidence[1].article, "");
    }

    #[test]
    fn the_head_reads_back_and_names_this_schema() {
        let text = line(|b| write_head(b, true, "kg \"1\""));
        let (default_corpus, extractor, rest) = read_head(&text).unwrap();
        assert!(default_corpus);
        assert_eq!(extractor, "kg \"1\"");
        assert_eq!(rest, "");
        let older = text.replacen(&SCHEMA_VERSION.to_string(), "1", 1);
        assert!(read_head(&older).is_none());
    }

    #[test]
    fn strings_escape_as_ron_does() {
        for s in [
            "plain",
            "quote \" and \\ slash",
            "tab\tnew\nline",
            "Côte d'Ivoire",
            "O'Brien",
            "zero\u{200b}width",
            "\u{301}accent first, \u{7f} delete, \u{85} next line",
            "",
        ] {
            let ours = line(|b| push_str(b, s));
            assert_eq!(ours, ron::to_string(&s).unwrap(), "{s:?}");
            let back = Cursor::new(&ours).string().unwrap();
            assert_eq!(back, s);
        }
        for v in [0, 7, 10, 12_345_678_901, u64::MAX] {
            assert_eq!(line(|b| push_u64(b, v)), v.to_string());
        }
    }

    proptest::proptest! {
        #[test]
        fn eight_bytes_are_plain_together_as_they_are_one_by_one(w in proptest::prelude::any::<[u8; 8]>(), plain in proptest::prelude::any::<[bool; 8]>()) {
            // Half the bytes made plain, so that all-plain words are common.
            let w: Vec<u8> = w.iter().zip(plain).map(|(&b, p)| if p { b' ' + b % 90 } else { b }).collect();
            let mut a = [0u8; 8];
            a.copy_from_slice(&w);
            let plain = a.iter().all(|&b| plain_byte(b));
            proptest::prop_assert_eq!(plain_word(u64::from_le_bytes(a)), plain, "{:?}", a);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_escapes_as_ron_does(s in "\\PC*|[ -~]*|.*") {
            let ours = line(|b| push_str(b, &s));
            proptest::prop_assert_eq!(&ours, &ron::to_string(&s).unwrap());
            let back: String = ron::from_str(&ours).unwrap();
            proptest::prop_assert_eq!(&back, &s);
            proptest::prop_assert_eq!(Cursor::new(&ours).string(), Some(s));
        }
    }
}
