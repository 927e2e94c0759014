//! Compact columns for large graphs: many strings in one buffer ([`Strings`]),
//! and number columns serialised as raw little-endian bytes ([`le`]) so a
//! snapshot loads at memory speed instead of one varint at a time.

use serde::{Deserialize, Serialize};

/// Many strings in one buffer: string `i` is `text[ends[i-1]..ends[i]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strings {
    text: String,
    #[serde(with = "le")]
    ends: Vec<u64>,
}

impl Strings {
    pub fn new() -> Strings {
        Strings::default()
    }

    pub fn with_capacity(strings: usize, bytes: usize) -> Strings {
        Strings {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
        }
    }

    /// Appends a string and returns its index.
    pub fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u64);
        (self.ends.len() - 1) as u32
    }

    /// Appends all of `other`'s strings, in order.
    pub fn append(&mut self, other: &Strings) {
        let base = self.text.len() as u64;
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|e| e + base));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The string at `i`; panics when `i` is out of range, as slices do.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Total bytes of text.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The same strings in the order `order` gives (`order[new] = old`).
    pub fn permuted(&self, order: &[u32]) -> Strings {
        let mut out = Strings::with_capacity(order.len(), self.text.len());
        for &old in order {
            out.push(self.get(old as usize));
        }
        out
    }

    /// Writes the strings as two raw sections, each its length in bytes
    /// (u64 LE) then its bytes: the text, and the ends (u64 LE each); what
    /// [`Strings::read_raw`] reads back without copying through a buffer.
    pub fn write_raw(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(&(self.text.len() as u64).to_le_bytes())?;
        out.write_all(self.text.as_bytes())?;
        out.write_all(&((self.ends.len() * 8) as u64).to_le_bytes())?;
        for chunk in self.ends.chunks(4096) {
            let bytes: Vec<u8> = chunk.iter().flat_map(|e| e.to_le_bytes()).collect();
            out.write_all(&bytes)?;
        }
        Ok(())
    }

    /// Reads what [`Strings::write_raw`] wrote; a section longer than the
    /// `left` bytes the input still holds, or text that is not UTF-8, is
    /// an error (whether the ends fit the text is [`Strings::is_well_formed`]).
    pub fn read_raw(input: &mut impl std::io::Read, left: &mut u64) -> std::io::Result<Strings> {
        let text = String::from_utf8(read_section(input, left)?)
            .map_err(|_| std::io::Error::other("text that is not UTF-8"))?;
        let ends = read_section(input, left)?;
        if ends.len() % 8 != 0 {
            return Err(std::io::Error::other("ends not in whole numbers"));
        }
        let ends = ends
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
            .collect();
        Ok(Strings { text, ends })
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 8
    }

    /// Whether the offsets are in order and fall on character boundaries, so
    /// that [`Strings::get`] cannot panic (a snapshot is checked before use).
    pub fn is_well_formed(&self) -> bool {
        let mut prev = 0u64;
        for &end in &self.ends {
            if end < prev
                || end as usize > self.text.len()
                || !self.text.is_char_boundary(end as usize)
            {
                return false;
            }
            prev = end;
        }
        true
    }
}

/// At most one row in this many may differ from the default for a column
/// to be kept sparse ([`Sparse`], [`SparseStrings`], [`Ragged`]); past it,
/// one value per row is smaller or about as small, and read without a search.
const SPARSE_WHEN: usize = 16;

/// A column of one number per row (an edge), nearly every one a default:
/// kept as the rows that differ and their values (rows ascending), or as
/// every row's value once many differ. A store where all rows but those of
/// one new article share a value so keeps a few numbers, not one per row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: le::Le", deserialize = "T: le::Le"))]
pub struct Sparse<T: le::Le> {
    /// The rows that differ, ascending; empty when `values` holds every
    /// row's value (or, empty too, when every row has the default).
    #[serde(with = "le")]
    rows: Vec<u32>,
    #[serde(with = "le")]
    values: Vec<T>,
}

impl<T: le::Le> Default for Sparse<T> {
    /// Every row the default.
    fn default() -> Sparse<T> {
        Sparse {
            rows: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<T: le::Le + PartialEq> Sparse<T> {
    /// The column of `values` (one per row) where row `i` has the default
    /// when `is_default(i, value)`.
    pub fn from_dense_by(values: Vec<T>, is_default: impl Fn(usize, T) -> bool) -> Sparse<T> {
        let differ = values
            .iter()
            .enumerate()
            .filter(|&(i, &v)| !is_default(i, v))
            .count();
        if differ == 0 {
            return Sparse::default();
        }
        if differ * SPARSE_WHEN > values.len() {
            return Sparse {
                rows: Vec::new(),
                values,
            };
        }
        let (rows, values) = values
            .iter()
            .enumerate()
            .filter(|&(i, &v)| !is_default(i, v))
            .map(|(i, &v)| (i as u32, v))
            .unzip();
        Sparse { rows, values }
    }

    /// The column of `values` (one per row), `default` the common value.
    pub fn from_dense(values: Vec<T>, default: T) -> Sparse<T> {
        Sparse::from_dense_by(values, |_, v| v == default)
    }

    /// Row `row`'s value; `None` for the default.
    #[inline]
    pub fn get(&self, row: u32) -> Option<T> {
        if self.rows.is_empty() {
            return self.values.get(row as usize).copied();
        }
        let i = self.rows.binary_search(&row).ok()?;
        Some(self.values[i])
    }

    /// Whether every row has the default.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The values kept (not the defaults).
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// Whether the column fits `n` rows: so [`Sparse::get`] cannot panic.
    pub fn fits(&self, n: usize) -> bool {
        if self.rows.is_empty() {
            return self.values.is_empty() || self.values.len() == n;
        }
        self.rows.len() == self.values.len()
            && self.rows.windows(2).all(|w| w[0] < w[1])
            && self.rows.last().is_some_and(|&r| (r as usize) < n)
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        4 * self.rows.capacity() + T::WIDTH * self.values.capacity()
    }
}

/// Strings for rows nearly all without one (""): the rows that have one and
/// their strings, or every row's string once many have one. The rows go
/// through serde; the strings are written raw ([`SparseStrings::write_raw`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SparseStrings {
    /// The rows with a string, ascending; empty when `strings` holds every
    /// row's (or, empty too, when no row has one).
    #[serde(with = "le")]
    rows: Vec<u32>,
    #[serde(skip)]
    strings: Strings,
}

impl SparseStrings {
    /// The column of `strings`, one per row.
    pub fn from_strings(strings: Strings) -> SparseStrings {
        let n = strings.len();
        let have = strings.iter().filter(|s| !s.is_empty()).count();
        if have == 0 {
            return SparseStrings::default();
        }
        if have * SPARSE_WHEN > n {
            return SparseStrings {
                rows: Vec::new(),
                strings,
            };
        }
        let mut kept = Strings::with_capacity(have, strings.text_len());
        let mut rows = Vec::with_capacity(have);
        for (i, s) in strings.iter().enumerate().filter(|(_, s)| !s.is_empty()) {
            rows.push(i as u32);
            kept.push(s);
        }
        SparseStrings {
            rows,
            strings: kept,
        }
    }

    /// Row `row`'s string, "" for none.
    pub fn get(&self, row: u32) -> &str {
        if self.rows.is_empty() {
            if self.strings.is_empty() {
                return "";
            }
            return self.strings.get(row as usize);
        }
        match self.rows.binary_search(&row) {
            Ok(i) => self.strings.get(i),
            Err(_) => "",
        }
    }

    /// Whether no row has a string.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Writes the strings ([`Strings::write_raw`]).
    pub fn write_raw(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        self.strings.write_raw(out)
    }

    /// Puts back the strings [`SparseStrings::write_raw`] wrote.
    pub fn read_raw(
        &mut self,
        input: &mut impl std::io::Read,
        left: &mut u64,
    ) -> std::io::Result<()> {
        self.strings = Strings::read_raw(input, left)?;
        Ok(())
    }

    /// Whether the column fits `n` rows: so [`SparseStrings::get`] cannot panic.
    pub fn fits(&self, n: usize) -> bool {
        if !self.strings.is_well_formed() {
            return false;
        }
        if self.rows.is_empty() {
            return self.strings.is_empty() || self.strings.len() == n;
        }
        self.rows.len() == self.strings.len()
            && self.rows.windows(2).all(|w| w[0] < w[1])
            && self.rows.last().is_some_and(|&r| (r as usize) < n)
    }

    /// Bytes of the strings and their rows, as a snapshot holds them.
    pub fn stored_bytes(&self) -> usize {
        4 * self.rows.len() + self.strings.text_len() + 8 * self.strings.len()
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        4 * self.rows.capacity() + self.strings.heap_bytes()
    }
}

/// Where each row's list lies in a column of lists (the articles behind an
/// edge after its first, its evidence after the first), nearly every row's
/// list empty: row `rows[i]`'s list is `start[i]..start[i + 1]`, or, once
/// many rows have one, row `i`'s is (`rows` empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ragged {
    #[serde(with = "le")]
    rows: Vec<u32>,
    #[serde(with = "le")]
    start: Vec<u32>,
}

impl Ragged {
    /// From `start` (one more than the rows, ascending from 0: row `i`'s list
    /// is `start[i]..start[i + 1]`).
    pub fn from_starts(start: Vec<u32>) -> Ragged {
        let n = start.len().saturating_sub(1);
        let have = start.windows(2).filter(|w| w[0] < w[1]).count();
        if have == 0 {
            return Ragged::default();
        }
        if have * SPARSE_WHEN > n {
            return Ragged {
                rows: Vec::new(),
                start,
            };
        }
        let mut rows = Vec::with_capacity(have);
        let mut kept = Vec::with_capacity(have + 1);
        for (i, w) in start.windows(2).enumerate().filter(|(_, w)| w[0] < w[1]) {
            rows.push(i as u32);
            kept.push(w[0]);
        }
        kept.push(start[n]);
        Ragged { rows, start: kept }
    }

    /// Where row `row`'s list lies.
    #[inline]
    pub fn range(&self, row: u32) -> std::ops::Range<usize> {
        let at = if self.rows.is_empty() {
            if self.start.is_empty() {
                return 0..0;
            }
            row as usize
        } else {
            match self.rows.binary_search(&row) {
                Ok(i) => i,
                Err(_) => return 0..0,
            }
        };
        self.start[at] as usize..self.start[at + 1] as usize
    }

    /// Whether no row has a list.
    pub fn is_empty(&self) -> bool {
        self.start.is_empty()
    }

    /// Whether the lists of `n` rows fit a column of `total` values: so
    /// [`Ragged::range`] cannot panic nor reach past the column.
    pub fn fits(&self, n: usize, total: usize) -> bool {
        if self.start.is_empty() {
            return self.rows.is_empty() && total == 0;
        }
        let rows_ok = if self.rows.is_empty() {
            self.start.len() == n + 1
        } else {
            self.start.len() == self.rows.len() + 1
                && self.rows.windows(2).all(|w| w[0] < w[1])
                && self.rows.last().is_some_and(|&r| (r as usize) < n)
        };
        rows_ok
            && self.start.first() == Some(&0)
            && self.start.windows(2).all(|w| w[0] <= w[1])
            && self.start.last().is_some_and(|&t| t as usize == total)
    }

    /// Bytes held in a snapshot.
    pub fn stored_bytes(&self) -> usize {
        4 * (self.rows.len() + self.start.len())
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        4 * (self.rows.capacity() + self.start.capacity())
    }
}

/// One section of [`Strings::read_raw`]: its length, then that many bytes,
/// read straight into the buffer that keeps them.
fn read_section(input: &mut impl std::io::Read, left: &mut u64) -> std::io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    input.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    *left = left.saturating_sub(8);
    if len > *left {
        return Err(std::io::Error::other("a section longer than the file"));
    }
    *left -= len;
    let mut bytes = vec![0u8; len as usize];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// Serde for `Vec<u8>`, `Vec<u32>` and `Vec<u64>` as one byte string, little-endian.
pub mod le {
    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    /// A fixed-width number stored little-endian.
    pub trait Le: Copy + Sized {
        const WIDTH: usize;
        fn put(self, out: &mut Vec<u8>);
        fn take(bytes: &[u8]) -> Self;
    }

    impl Le for u8 {
        const WIDTH: usize = 1;
        fn put(self, out: &mut Vec<u8>) {
            out.push(self);
        }
        fn take(bytes: &[u8]) -> u8 {
            bytes[0]
        }
    }

    impl Le for u32 {
        const WIDTH: usize = 4;
        fn put(self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.to_le_bytes());
        }
        fn take(bytes: &[u8]) -> u32 {
            u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
        }
    }

    impl Le for u64 {
        const WIDTH: usize = 8;
        fn put(self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.to_le_bytes());
        }
        fn take(bytes: &[u8]) -> u64 {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[..8]);
            u64::from_le_bytes(b)
        }
    }

    pub fn serialize<T: Le, S: Serializer>(values: &[T], s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(values.len() * T::WIDTH);
        for &v in values {
            v.put(&mut bytes);
        }
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, T: Le, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        struct Bytes<T>(std::marker::PhantomData<T>);
        impl<T: Le> Visitor<'_> for Bytes<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a byte string of {}-byte numbers", T::WIDTH)
            }
            fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Vec<T>, E> {
                if !bytes.len().is_multiple_of(T::WIDTH) {
                    return Err(E::custom("truncated number column"));
                }
                Ok(bytes.chunks_exact(T::WIDTH).map(T::take).collect())
            }
            fn visit_byte_buf<E: Error>(self, bytes: Vec<u8>) -> Result<Vec<T>, E> {
                self.visit_bytes(&bytes)
            }
        }
        d.deserialize_bytes(Bytes(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_keep_order_and_content() {
        let mut s = Strings::new();
        assert_eq!(s.push("India"), 0);
        assert_eq!(s.push(""), 1);
        assert_eq!(s.push("Côte d'Ivoire"), 2);
        assert_eq!(s.get(0), "India");
        assert_eq!(s.get(1), "");
        assert_eq!(s.get(2), "Côte d'Ivoire");
        assert_eq!(
            s.permuted(&[2, 0]).iter().collect::<Vec<_>>(),
            ["Côte d'Ivoire", "India"]
        );
        assert!(s.is_well_formed());
        let mut t = Strings::new();
        t.push("Japan");
        t.append(&s);
        assert_eq!(
            t.iter().collect::<Vec<_>>(),
            ["Japan", "India", "", "Côte d'Ivoire"]
        );
    }

    proptest::proptest! {
        /// A sparse column reads as the one value per row it was made from,
        /// whichever way it keeps them, and so after a trip through postcard
        /// (the strings through their raw sections); it fits its rows.
        #[test]
        fn sparse_columns_read_as_the_dense_ones(
            values in proptest::collection::vec(
                proptest::prop_oneof![8 => proptest::strategy::Just(0u32), 1 => 1u32..5],
                0..200,
            ),
        ) {
            let n = values.len();
            let sparse = Sparse::from_dense(values.clone(), 0);
            let bytes = postcard::to_stdvec(&sparse).unwrap();
            let back: Sparse<u32> = postcard::from_bytes(&bytes).unwrap();
            proptest::prop_assert!(back.fits(n));
            let mut strings = Strings::new();
            let mut start = vec![0u32];
            for &v in &values {
                strings.push(if v == 0 { "" } else { "said" });
                start.push(start[start.len() - 1] + v);
            }
            let texts = SparseStrings::from_strings(strings.clone());
            let mut raw = Vec::new();
            texts.write_raw(&mut raw).unwrap();
            let mut texts_back: SparseStrings =
                postcard::from_bytes(&postcard::to_stdvec(&texts).unwrap()).unwrap();
            let mut left = raw.len() as u64;
            texts_back.read_raw(&mut raw.as_slice(), &mut left).unwrap();
            proptest::prop_assert!(texts_back.fits(n));
            let total = start[n] as usize;
            let lists = Ragged::from_starts(start.clone());
            proptest::prop_assert!(lists.fits(n, total));
            for (row, &v) in values.iter().enumerate() {
                let r = row as u32;
                proptest::prop_assert_eq!(back.get(r).unwrap_or(0), v);
                proptest::prop_assert_eq!(texts_back.get(r), strings.get(row));
                let want = start[row] as usize..start[row + 1] as usize;
                proptest::prop_assert_eq!(lists.range(r).len(), want.len());
                if !want.is_empty() {
                    proptest::prop_assert_eq!(lists.range(r), want);
                }
            }
        }
    }

    /// Few rows that differ are kept as rows, many as one value per row.
    #[test]
    fn a_column_is_sparse_while_few_rows_differ() {
        let mut values = vec![0u32; 1000];
        values[7] = 3;
        let few = Sparse::from_dense(values.clone(), 0);
        assert_eq!(
            (few.rows.as_slice(), few.values()),
            (&[7u32][..], &[3u32][..])
        );
        for v in values.iter_mut().step_by(2) {
            *v = 1;
        }
        assert_eq!(Sparse::from_dense(values, 0).values().len(), 1000);
        assert!(Sparse::from_dense(vec![0u32; 10], 0).is_empty());
        let mut bad = few.clone();
        bad.rows = vec![1000];
        assert!(!bad.fits(1000), "a row past the column");
    }

    #[test]
    fn columns_round_trip_through_postcard() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Cols {
            #[serde(with = "le")]
            a: Vec<u32>,
            #[serde(with = "le")]
            b: Vec<u8>,
            s: Strings,
        }
        let mut s = Strings::new();
        s.push("x");
        s.push("yz");
        let cols = Cols {
            a: vec![0, 1, u32::MAX, 70_000],
            b: vec![3, 0, 255],
            s,
        };
        let bytes = postcard::to_stdvec(&cols).unwrap();
        let back: Cols = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, cols);
    }
}
