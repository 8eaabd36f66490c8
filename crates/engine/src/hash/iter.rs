//! Iteration over a hash's pairs in either encoding.

use super::{FieldTable, FieldValue};
use crate::pack::{Pack, PackItem, PackIter};

type TableIter<'a> = Box<dyn Iterator<Item = (&'a FieldValue, &'a ())> + 'a>;

/// The pairs of a hash, as `(field, value)`.
pub struct HashIter<'a> {
    inner: Inner<'a>,
}

enum Inner<'a> {
    Pack(PackIter<'a>),
    Table(TableIter<'a>),
}

impl<'a> HashIter<'a> {
    pub(super) fn pack(pack: &'a Pack) -> Self {
        HashIter {
            inner: Inner::Pack(pack.iter()),
        }
    }

    pub(super) fn table(table: &'a FieldTable) -> Self {
        HashIter {
            inner: Inner::Table(Box::new(table.iter())),
        }
    }
}

impl<'a> Iterator for HashIter<'a> {
    type Item = (PackItem<'a>, PackItem<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Pack(items) => {
                let field = items.next()?;
                let value = items.next()?;
                Some((field, value))
            }
            Inner::Table(pairs) => pairs
                .next()
                .map(|(pair, ())| (PackItem::Str(pair.field()), PackItem::Str(pair.value()))),
        }
    }
}
