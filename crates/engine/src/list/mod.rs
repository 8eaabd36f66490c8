//! The list value type. TODO(#3): compact and large encodings (placeholder until merged).

use crate::limits::EncodingLimits;
use crate::pack::PackItem;

/// A list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListValue {
    items: Vec<Vec<u8>>,
}

impl ListValue {
    /// An empty list.
    pub fn new() -> Self {
        ListValue::default()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        "listpack"
    }

    /// Appends an element.
    pub fn push_back(&mut self, element: &[u8], _limits: &EncodingLimits) {
        self.items.push(element.to_vec());
    }

    /// Prepends an element.
    pub fn push_front(&mut self, element: &[u8], _limits: &EncodingLimits) {
        self.items.insert(0, element.to_vec());
    }

    /// Every element, head to tail.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = PackItem<'_>> + '_ {
        self.items.iter().map(|e| PackItem::Str(e))
    }
}
