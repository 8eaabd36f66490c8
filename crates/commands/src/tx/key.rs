//! The (database, key) pair both tables are keyed by, looked up without allocating.

use std::hash::{Hash, Hasher};

use engine::DbIndex;

/// An owned (database, key) pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct DbKey(pub(super) usize, pub(super) Box<[u8]>);

impl DbKey {
    pub(super) fn new(db: DbIndex, key: &[u8]) -> Self {
        DbKey(db.0, key.into())
    }
}

/// A borrowed (database, key) pair that finds a [`DbKey`].
pub(super) struct DbKeyRef<'a>(pub(super) usize, pub(super) &'a [u8]);

impl Hash for DbKeyRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Must hash exactly as the derived `Hash` of `DbKey` does: the fields in order, the
        // boxed slice as a slice.
        self.0.hash(state);
        self.1.hash(state);
    }
}

impl hashbrown::Equivalent<DbKey> for DbKeyRef<'_> {
    fn equivalent(&self, key: &DbKey) -> bool {
        self.0 == key.0 && *self.1 == *key.1
    }
}
