//! The list value type. TODO(#3): compact and large encodings.

/// A list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListValue {
    len: usize,
}

impl ListValue {
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        "listpack"
    }
}
