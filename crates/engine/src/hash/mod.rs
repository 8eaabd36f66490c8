//! The hash value type. TODO(#3): compact and large encodings (placeholder until merged).

use crate::limits::EncodingLimits;
use crate::pack::PackItem;

/// A hash.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HashValue {
    fields: Vec<(Vec<u8>, Vec<u8>)>,
}

impl HashValue {
    /// An empty hash.
    pub fn new() -> Self {
        HashValue::default()
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        "listpack"
    }

    /// Sets a field; true when it is new.
    pub fn insert(&mut self, field: &[u8], value: &[u8], _limits: &EncodingLimits) -> bool {
        match self.fields.iter_mut().find(|(f, _)| f == field) {
            Some((_, v)) => {
                *v = value.to_vec();
                false
            }
            None => {
                self.fields.push((field.to_vec(), value.to_vec()));
                true
            }
        }
    }

    /// The value of a field.
    pub fn get(&self, field: &[u8]) -> Option<PackItem<'_>> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| PackItem::Str(v))
    }
}
