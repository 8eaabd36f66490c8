//! The set value type. TODO(#3): compact and large encodings (placeholder until merged).

use crate::limits::EncodingLimits;
use crate::pack::PackItem;

/// A set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetValue {
    members: Vec<Vec<u8>>,
}

impl SetValue {
    /// An empty set.
    pub fn new() -> Self {
        SetValue::default()
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        "listpack"
    }

    /// Adds a member; true when it is new.
    pub fn insert(&mut self, member: &[u8], _limits: &EncodingLimits) -> bool {
        if self.contains(member) {
            return false;
        }
        self.members.push(member.to_vec());
        true
    }

    /// Whether `member` belongs to the set.
    pub fn contains(&self, member: &[u8]) -> bool {
        self.members.iter().any(|m| m == member)
    }

    /// Every member.
    pub fn iter(&self) -> impl Iterator<Item = PackItem<'_>> + '_ {
        self.members.iter().map(|m| PackItem::Str(m))
    }
}
