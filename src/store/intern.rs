//! [`IdTable`]: id → number for millions of short ids, built for lookups that
//! miss the cache. Open addressing with 32-byte slots that hold the id itself
//! when it is at most 23 bytes (`official:o1234567` is 17), so a lookup costs
//! one memory access instead of the three of a general map (control byte,
//! bucket, then the key's bytes elsewhere). Slots are aligned to 32 bytes so
//! none straddles two cache lines, and [`IdTable::touch`] lets a caller start
//! the misses of a batch of lookups together instead of one after another.

use super::arena::Strings;

const INLINE: usize = 23;
const LONG: u8 = u8::MAX;
const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    tag: u32,
    node: u32,
    /// [`key`] of the id: compared whole, in three words, with no call.
    key: [u64; 3],
}

const FREE: Slot = Slot {
    tag: 0,
    node: EMPTY,
    key: [0; 3],
};

/// An id as a slot holds it: its length, then its bytes, then zeros; only the
/// length byte ([`LONG`]) when it does not fit.
#[inline]
fn key(b: &[u8]) -> [u64; 3] {
    let mut k = [0u8; 24];
    if b.len() <= INLINE {
        k[0] = b.len() as u8;
        k[1..=b.len()].copy_from_slice(b);
    } else {
        k[0] = LONG;
    }
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&k[i * 8..i * 8 + 8]);
        u64::from_le_bytes(w)
    };
    [word(0), word(1), word(2)]
}

/// A 64-bit hash of a short byte string: FxHash's word loop, then murmur3's
/// finaliser so both the high bits (the tag) and the low bits (the slot) mix.
#[inline]
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Numbers of the ids in a [`Strings`], looked up by text.
pub struct IdTable {
    slots: Vec<Slot>,
    mask: usize,
}

impl IdTable {
    /// A table for up to `n` ids (load at most two thirds).
    pub fn with_capacity(n: usize) -> IdTable {
        let cap = (n.max(8) * 3 / 2).next_power_of_two();
        IdTable {
            slots: vec![FREE; cap],
            mask: cap - 1,
        }
    }

    /// Adds `id` as number `node`; when the id is already there, returns the
    /// number it has and changes nothing. `ids` resolves numbers of long ids.
    pub fn insert(&mut self, id: &str, node: u32, ids: &Strings) -> Option<u32> {
        self.insert_hashed(id, hash(id.as_bytes()), node, ids)
    }

    /// [`IdTable::insert`] with `h`, the [`hash`] of `id`, already known.
    pub fn insert_hashed(&mut self, id: &str, h: u64, node: u32, ids: &Strings) -> Option<u32> {
        let key = key(id.as_bytes());
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask;
        loop {
            let slot = self.slots[i];
            if slot.node == EMPTY {
                self.slots[i] = Slot { tag, node, key };
                return None;
            }
            if slot.tag == tag && matches(&slot, &key, id, ids) {
                return Some(slot.node);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The number of `id`, if it is in the table (the tests' way in; the
    /// importer hashes once and calls [`IdTable::get_hashed`]).
    #[cfg(test)]
    pub fn get(&self, id: &str, ids: &Strings) -> Option<u32> {
        self.get_hashed(id, hash(id.as_bytes()), ids)
    }

    /// The number of `id`, if it is in the table, with `h`, the [`hash`] of
    /// `id`, already known.
    #[inline]
    pub fn get_hashed(&self, id: &str, h: u64, ids: &Strings) -> Option<u32> {
        let key = key(id.as_bytes());
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.node == EMPTY {
                return None;
            }
            if slot.tag == tag && matches(slot, &key, id, ids) {
                return Some(slot.node);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Reads the first slot of each hash so that the lookups which follow
    /// find them in cache: independent loads issued together overlap their
    /// misses, where a lookup at a time waits for each in turn.
    #[inline]
    pub fn touch(&self, hashes: &[u64]) {
        let mut seen = 0u32;
        for &h in hashes {
            seen ^= self.slots[h as usize & self.mask].tag;
        }
        // Keeps the loads: their values are otherwise unused.
        std::hint::black_box(seen);
    }
}

/// Whether `slot` holds `id`, whose [`key`] is `key`.
#[inline]
fn matches(slot: &Slot, key: &[u64; 3], id: &str, ids: &Strings) -> bool {
    slot.key == *key && (id.len() <= INLINE || ids.get(slot.node as usize) == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_short_and_long_ids_and_refuses_duplicates() {
        let mut ids = Strings::new();
        let names = [
            "country:india",
            "country:saint-vincent-and-the-grenadines",
            "official:o1",
            "",
        ];
        let mut t = IdTable::with_capacity(2);
        for n in names {
            let i = ids.push(n);
            assert_eq!(t.insert(n, i, &ids), None);
        }
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.get(n, &ids), Some(i as u32));
        }
        assert_eq!(t.get("country:indi", &ids), None);
        assert_eq!(
            t.get("country:saint-vincent-and-the-grenadinez", &ids),
            None
        );
        assert_eq!(t.insert("official:o1", 9, &ids), Some(2));
        // Many ids: the table grows nowhere, it was sized up front.
        let mut many = Strings::new();
        let mut t = IdTable::with_capacity(10_000);
        for i in 0..10_000u32 {
            let id = format!("milestone:m{i}");
            many.push(&id);
            assert_eq!(t.insert(&id, i, &many), None);
        }
        assert!((0..10_000u32).all(|i| t.get(&format!("milestone:m{i}"), &many) == Some(i)));
        // Slots are whole cache-line halves.
        assert_eq!(std::mem::size_of::<Slot>(), 32);
        assert_eq!(t.slots.as_ptr() as usize % 32, 0);
    }
}
