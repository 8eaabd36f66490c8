//! The hash value type: field-value pairs in one of Redis's two encodings.
//!
//! - `listpack`: one [`Pack`] of `field, value, field, value, ...` in insertion order, while the
//!   hash has at most `hash-max-listpack-entries` fields and no field or value is longer than
//!   `hash-max-listpack-value` bytes. Lookups are linear, which is cheaper than hashing for so
//!   few entries, and the whole hash is one allocation.
//! - `hashtable`: a boxed [`KeyTable`] of [`FieldValue`]s (each pair in one allocation, keyed
//!   by its field), whose resumable scans give HSCAN Redis's cursor guarantees. Boxing keeps
//!   `HashValue` as small as a `Pack`, which every key of the keyspace pays for in `Value`.
//!
//! Architecture Invariant: a hash converts from `listpack` to `hashtable` and never back, as
//! Redis does, so that `OBJECT ENCODING` agrees with Redis after any history of commands.

mod field_value;
mod iter;
mod pairs;
#[cfg(test)]
mod tests;

use crate::limits::EncodingLimits;
use crate::pack::{Pack, PackItem};
use crate::table::KeyTable;

use field_value::FieldValue;
pub use iter::HashIter;

/// The `hashtable` encoding: pairs keyed by their field, with no separate value.
type FieldTable = KeyTable<FieldValue, ()>;

/// A hash: field-value pairs with unique fields.
#[derive(Debug, Clone)]
pub struct HashValue {
    repr: Repr,
}

#[derive(Debug, Clone)]
enum Repr {
    /// `listpack`: fields at even positions, each followed by its value.
    Pack(Pack),
    /// `hashtable`.
    Table(Box<FieldTable>),
}

impl Default for HashValue {
    fn default() -> Self {
        HashValue::new()
    }
}

/// Structural equality: same encoding and the same pairs (in the same order for `listpack`,
/// whose order clients can observe).
impl PartialEq for HashValue {
    fn eq(&self, other: &Self) -> bool {
        match (&self.repr, &other.repr) {
            (Repr::Pack(a), Repr::Pack(b)) => a == b,
            (Repr::Table(a), Repr::Table(b)) => {
                a.len() == b.len()
                    && a.iter().all(|(pair, ())| {
                        b.get_key_value(pair.field())
                            .is_some_and(|(other, ())| other.value() == pair.value())
                    })
            }
            _ => false,
        }
    }
}

impl HashValue {
    /// An empty hash in the compact encoding.
    pub fn new() -> HashValue {
        HashValue {
            repr: Repr::Pack(Pack::new()),
        }
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Pack(pack) => pack.len() / 2,
            Repr::Table(table) => table.len(),
        }
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        match &self.repr {
            Repr::Pack(_) => "listpack",
            Repr::Table(_) => "hashtable",
        }
    }

    /// Sets `field` to `value`; true when the field is new. Leaves the compact encoding first
    /// when either is longer than the limit, and after adding when there are too many fields.
    pub fn insert(&mut self, field: &[u8], value: &[u8], limits: &EncodingLimits) -> bool {
        if !fits_compact(field, value, limits) {
            self.convert_to_table();
        }
        let added = match &mut self.repr {
            Repr::Pack(pack) => pairs::set(pack, field, value),
            Repr::Table(table) => {
                // The table keeps an existing key object on insert, and the value lives in the
                // key: replacing a value is a removal and a fresh insertion, at the same hash.
                let replaced = table.remove(field).is_some();
                table.insert(FieldValue::new(field, value), ());
                !replaced
            }
        };
        if matches!(self.repr, Repr::Pack(_)) && self.len() > limits.hash_max_listpack_entries {
            self.convert_to_table();
        }
        added
    }

    /// The value of `field`.
    pub fn get(&self, field: &[u8]) -> Option<PackItem<'_>> {
        match &self.repr {
            Repr::Pack(pack) => pairs::value_offset(pack, field).map(|at| pack.get(at)),
            Repr::Table(table) => table
                .get_key_value(field)
                .map(|(pair, ())| PackItem::Str(pair.value())),
        }
    }

    /// Whether `field` is present.
    pub fn contains(&self, field: &[u8]) -> bool {
        match &self.repr {
            Repr::Pack(pack) => pairs::field_offset(pack, field).is_some(),
            Repr::Table(table) => table.contains_key(field),
        }
    }

    /// Removes `field`; true when it was present. The encoding stays, as in Redis.
    pub fn remove(&mut self, field: &[u8]) -> bool {
        match &mut self.repr {
            Repr::Pack(pack) => match pairs::field_offset(pack, field) {
                Some(at) => {
                    pack.remove_range(at, 2);
                    true
                }
                None => false,
            },
            Repr::Table(table) => table.remove(field).is_some(),
        }
    }

    /// Every pair: in insertion order for `listpack`, in no useful order for `hashtable`.
    pub fn iter(&self) -> HashIter<'_> {
        match &self.repr {
            Repr::Pack(pack) => HashIter::pack(pack),
            Repr::Table(table) => HashIter::table(table),
        }
    }

    /// One step of HSCAN: calls `visit` for about `count` pairs from `cursor` and returns the
    /// cursor to continue from, 0 when done. The compact encoding is visited whole in one
    /// step whatever the cursor, as Redis does.
    pub fn scan(
        &self,
        cursor: u64,
        count: usize,
        mut visit: impl FnMut(PackItem<'_>, PackItem<'_>),
    ) -> u64 {
        match &self.repr {
            Repr::Pack(_) => {
                self.iter().for_each(|(field, value)| visit(field, value));
                0
            }
            Repr::Table(table) => table.scan(cursor, count, |pair, ()| {
                visit(PackItem::Str(pair.field()), PackItem::Str(pair.value()))
            }),
        }
    }

    /// A pair chosen from `seed` (a random number), about uniformly; `None` when empty.
    pub fn random_pair(&self, seed: u64) -> Option<(PackItem<'_>, PackItem<'_>)> {
        match &self.repr {
            Repr::Pack(pack) => {
                let pairs = (pack.len() / 2) as u64;
                if pairs == 0 {
                    return None;
                }
                let index = (seed % pairs) as i64;
                let field_at = pack.seek(index * 2)?;
                let (field, value_at) = pack.get_next(field_at);
                Some((field, pack.get(value_at?)))
            }
            Repr::Table(table) => table
                .random(seed)
                .map(|(pair, ())| (PackItem::Str(pair.field()), PackItem::Str(pair.value()))),
        }
    }

    /// Heap bytes held, for memory accounting (approximate for `hashtable`).
    pub fn heap_size(&self) -> usize {
        match &self.repr {
            Repr::Pack(pack) => pack.heap_size(),
            Repr::Table(table) => {
                let pairs: usize = table.iter().map(|(pair, ())| pair.heap_size()).sum();
                std::mem::size_of::<FieldTable>() + table.allocated_bytes() + pairs
            }
        }
    }

    /// Moves every pair into a table (`hashTypeConvert`); nothing when already there.
    fn convert_to_table(&mut self) {
        let Repr::Pack(pack) = &self.repr else {
            return;
        };
        let mut table = Box::new(FieldTable::new());
        table.reserve(pack.len() / 2);
        for (field, value) in HashIter::pack(pack) {
            field.with_bytes(|field| {
                value.with_bytes(|value| table.insert(FieldValue::new(field, value), ()))
            });
        }
        self.repr = Repr::Table(table);
    }
}

/// Whether a pair may live in the compact encoding (`hash-max-listpack-value`).
fn fits_compact(field: &[u8], value: &[u8], limits: &EncodingLimits) -> bool {
    field.len() <= limits.hash_max_listpack_value && value.len() <= limits.hash_max_listpack_value
}
