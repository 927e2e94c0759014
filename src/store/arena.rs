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
