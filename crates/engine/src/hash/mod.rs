//! The hash value type. TODO(#3): compact and large encodings.

/// A hash.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HashValue {
    len: usize,
}

impl HashValue {
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
