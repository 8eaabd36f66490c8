//! The set value type, in Redis 7.2's three encodings:
//!
//! - `intset`: sorted integers at an adaptive width ([`intset`]), while every member is an
//!   integer and there are at most `set-max-intset-entries`;
//! - `listpack`: a [`Pack`] in insertion order, while there are at most
//!   `set-max-listpack-entries` members of at most `set-max-listpack-value` bytes;
//! - `hashtable`: a boxed [`KeyTable`] of boxed byte slices (integers as their decimal text),
//!   whose scan gives SSCAN its cursor guarantees. A slot is a hash and a slice (24 bytes) and
//!   a member one allocation; boxing the table keeps `SetValue` as small as a `Pack`, which
//!   every key of the keyspace pays for in `Value`.
//!
//! A set only ever moves towards `hashtable` as it grows; removals never convert it back. The
//! few places where Redis builds a fresh set (the `*STORE` commands, SPOP of most of a set)
//! choose the encoding of the result as Redis does: see [`algebra`] and [`random`].

pub mod algebra;
mod intset;
pub mod random;
#[cfg(test)]
mod tests;

use std::fmt;

use bytes::Bytes;

use crate::limits::EncodingLimits;
use crate::pack::{Pack, PackItem};
use crate::table::KeyTable;
use crate::value::{format_i64, parse_i64};
use intset::IntSet;

/// Redis caps intsets at 2^30 members whatever `set-max-intset-entries` says.
const INTSET_HARD_MAX: usize = 1 << 30;

/// A set of byte strings.
#[derive(Debug, Clone, PartialEq)]
pub struct SetValue {
    enc: Encoding,
}

/// The three representations.
#[derive(Debug, Clone, PartialEq)]
enum Encoding {
    Ints(IntSet),
    Pack(Pack),
    Table(Box<Members>),
}

/// The `hashtable` encoding: members as keys of a [`KeyTable`].
#[derive(Clone, Default)]
struct Members(KeyTable<Box<[u8]>, ()>);

impl PartialEq for Members {
    /// Equal when they hold the same members: slot order depends on each table's seed.
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().all(|(k, _)| other.0.contains_key(k))
    }
}

impl fmt::Debug for Members {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let members = self.0.iter().map(|(k, _)| String::from_utf8_lossy(k));
        f.debug_set().entries(members).finish()
    }
}

impl Default for SetValue {
    fn default() -> Self {
        SetValue::new()
    }
}

impl SetValue {
    /// An empty set, `intset`-encoded as Redis's `createIntsetObject`.
    pub fn new() -> SetValue {
        SetValue {
            enc: Encoding::Ints(IntSet::new()),
        }
    }

    /// An empty `listpack`-encoded set.
    pub fn new_listpack() -> SetValue {
        SetValue {
            enc: Encoding::Pack(Pack::new()),
        }
    }

    /// An empty set meant to receive about `size_hint` members, the first being `first`: the
    /// encoding Redis's `setTypeCreate` picks.
    pub fn with_hint(first: &[u8], size_hint: usize, limits: &EncodingLimits) -> SetValue {
        if parse_i64(first).is_some() && size_hint <= limits.set_max_intset_entries {
            return SetValue::new();
        }
        if size_hint <= limits.set_max_listpack_entries {
            return SetValue::new_listpack();
        }
        let mut table = KeyTable::new();
        table.reserve(size_hint);
        SetValue {
            enc: Encoding::Table(Box::new(Members(table))),
        }
    }

    /// Converts to `hashtable` at once when `size_hint` more members are about to be added
    /// and they could not fit the compact encoding (Redis's `setTypeMaybeConvert`).
    pub fn reserve_for(&mut self, size_hint: usize, limits: &EncodingLimits) {
        let convert = match &self.enc {
            Encoding::Pack(_) => size_hint > limits.set_max_listpack_entries,
            Encoding::Ints(_) => size_hint > limits.set_max_intset_entries,
            Encoding::Table(_) => false,
        };
        if convert {
            self.convert_to_table(size_hint);
        }
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        match &self.enc {
            Encoding::Ints(s) => s.len(),
            Encoding::Pack(p) => p.len(),
            Encoding::Table(t) => t.0.len(),
        }
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        match &self.enc {
            Encoding::Ints(_) => "intset",
            Encoding::Pack(_) => "listpack",
            Encoding::Table(_) => "hashtable",
        }
    }

    /// Whether `member` belongs to the set.
    pub fn contains(&self, member: &[u8]) -> bool {
        match &self.enc {
            Encoding::Ints(s) => parse_i64(member).is_some_and(|n| s.contains(n)),
            Encoding::Pack(p) => p.find(0, member, 0).is_some(),
            Encoding::Table(t) => t.0.contains_key(member),
        }
    }

    /// Adds `member`, converting the encoding as Redis's `setTypeAddAux` does; true when it
    /// was not there before.
    pub fn insert(&mut self, member: &[u8], limits: &EncodingLimits) -> bool {
        match &mut self.enc {
            Encoding::Ints(set) => match parse_i64(member) {
                Some(n) => {
                    let added = set.insert(n);
                    let max = limits.set_max_intset_entries.min(INTSET_HARD_MAX);
                    if added && set.len() > max {
                        self.convert_to_table(0);
                    }
                    added
                }
                None => {
                    if self.intset_can_become_pack(member, limits) {
                        self.convert_to_pack();
                    } else {
                        self.convert_to_table(self.len() + 1);
                    }
                    self.insert_new(member);
                    true
                }
            },
            Encoding::Pack(pack) => {
                if pack.find(0, member, 0).is_some() {
                    return false;
                }
                let fits = pack.len() < limits.set_max_listpack_entries
                    && member.len() <= limits.set_max_listpack_value;
                if !fits {
                    self.convert_to_table(self.len() + 1);
                }
                self.insert_new(member);
                true
            }
            Encoding::Table(table) => {
                if table.0.contains_key(member) {
                    return false;
                }
                table.0.insert(Box::from(member), ());
                true
            }
        }
    }

    /// Removes `member`; true when it was there. The encoding never changes.
    pub fn remove(&mut self, member: &[u8]) -> bool {
        match &mut self.enc {
            Encoding::Ints(set) => parse_i64(member).is_some_and(|n| set.remove(n)),
            Encoding::Pack(pack) => match pack.find(0, member, 0) {
                Some(at) => {
                    pack.remove(at);
                    true
                }
                None => false,
            },
            Encoding::Table(table) => table.0.remove(member).is_some(),
        }
    }

    /// Every member, integers as [`PackItem::Int`] where the encoding holds them so: intsets
    /// in increasing order, listpacks in insertion order, hashtables in table order.
    pub fn iter(&self) -> impl Iterator<Item = PackItem<'_>> + '_ {
        let (ints, pack, table) = match &self.enc {
            Encoding::Ints(s) => (Some(s.iter().map(PackItem::Int)), None, None),
            Encoding::Pack(p) => (None, Some(p.iter()), None),
            Encoding::Table(t) => (None, None, Some(t.0.iter().map(|(k, _)| PackItem::Str(k)))),
        };
        let ints = ints.into_iter().flatten();
        let pack = pack.into_iter().flatten();
        ints.chain(pack).chain(table.into_iter().flatten())
    }

    /// Every member as owned bytes.
    pub fn members(&self) -> Vec<Bytes> {
        self.iter().map(|item| item.to_bytes()).collect()
    }

    /// Calls `visit` for about `count` members from `cursor` and returns the cursor to go on
    /// from, 0 at the end. Compact encodings are visited whole in one call, as Redis does.
    pub fn scan(&self, cursor: u64, count: usize, mut visit: impl FnMut(PackItem<'_>)) -> u64 {
        match &self.enc {
            Encoding::Table(t) => t.0.scan(cursor, count, |k, _| visit(PackItem::Str(k))),
            _ => {
                self.iter().for_each(visit);
                0
            }
        }
    }

    /// Turns a set whose members are all integers into an `intset` when it is small enough
    /// (Redis's `maybeConvertToIntset`, used by SINTERSTORE).
    pub fn compact_integers(&mut self, limits: &EncodingLimits) {
        if matches!(self.enc, Encoding::Ints(_))
            || self.len() > limits.set_max_intset_entries.min(INTSET_HARD_MAX)
        {
            return;
        }
        let mut ints = IntSet::new();
        for item in self.iter() {
            match item.as_int() {
                Some(n) => ints.insert(n),
                None => return,
            };
        }
        self.enc = Encoding::Ints(ints);
    }

    /// Appends a member known to be absent, to the current encoding, which can hold it.
    fn insert_new(&mut self, member: &[u8]) {
        match &mut self.enc {
            Encoding::Ints(set) => {
                if let Some(n) = parse_i64(member) {
                    set.insert(n);
                }
            }
            Encoding::Pack(pack) => pack.push_back(member),
            Encoding::Table(table) => {
                table.0.insert(Box::from(member), ());
            }
        }
    }

    /// Whether an intset may become a listpack to take the non-integer `member` (Redis checks
    /// the count, the new member's length and the longest integer's decimal length).
    fn intset_can_become_pack(&self, member: &[u8], limits: &EncodingLimits) -> bool {
        let Encoding::Ints(set) = &self.enc else {
            return false;
        };
        let digits = |n: Option<i64>| {
            let mut buf = [0u8; 20];
            n.map_or(0, |n| format_i64(n, &mut buf).len())
        };
        let longest = digits(set.min()).max(digits(set.max()));
        set.len() < limits.set_max_listpack_entries
            && member.len() <= limits.set_max_listpack_value
            && longest <= limits.set_max_listpack_value
    }

    /// Re-encodes as a listpack, keeping the iteration order.
    fn convert_to_pack(&mut self) {
        let mut pack = Pack::new();
        for item in self.iter() {
            pack.push_item(item);
        }
        self.enc = Encoding::Pack(pack);
    }

    /// Re-encodes as a hashtable sized for at least `capacity` members.
    fn convert_to_table(&mut self, capacity: usize) {
        let mut table = KeyTable::new();
        table.reserve(capacity.max(self.len()));
        for item in self.iter() {
            item.with_bytes(|member| table.insert(Box::from(member), ()));
        }
        self.enc = Encoding::Table(Box::new(Members(table)));
    }

    /// A member chosen from `seed`, roughly uniformly; `None` when empty.
    pub fn random_member(&self, seed: u64) -> Option<PackItem<'_>> {
        let len = self.len();
        if len == 0 {
            return None;
        }
        let index = (seed % len as u64) as usize;
        match &self.enc {
            Encoding::Ints(s) => s.get(index).map(PackItem::Int),
            Encoding::Pack(p) => p.seek(index as i64).map(|at| p.get(at)),
            Encoding::Table(t) => t.0.random(seed).map(|(k, _)| PackItem::Str(k)),
        }
    }

    /// Whether the set is `hashtable`-encoded.
    fn is_table(&self) -> bool {
        matches!(self.enc, Encoding::Table(_))
    }

    /// Whether the set is `intset`-encoded.
    pub fn is_intset(&self) -> bool {
        matches!(self.enc, Encoding::Ints(_))
    }

    /// Approximate heap bytes held (MEMORY USAGE and friends).
    pub fn heap_size(&self) -> usize {
        match &self.enc {
            Encoding::Ints(s) => s.len() * s.width_bytes(),
            Encoding::Pack(p) => p.heap_size(),
            Encoding::Table(t) => {
                let members: usize = t.0.iter().map(|(member, ())| member.len()).sum();
                std::mem::size_of::<Members>() + t.0.allocated_bytes() + members
            }
        }
    }
}
