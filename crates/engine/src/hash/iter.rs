//! Iteration over a hash's pairs in either encoding.

use bytes::Bytes;

use crate::pack::{Pack, PackItem, PackIter};
use crate::table::KeyTable;

type TableIter<'a> = Box<dyn Iterator<Item = (&'a Bytes, &'a Box<[u8]>)> + 'a>;

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

    pub(super) fn table(table: &'a KeyTable<Bytes, Box<[u8]>>) -> Self {
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
                .map(|(field, value)| (PackItem::Str(field), PackItem::Str(value))),
        }
    }
}
