//! One node of a list: a [`Pack`] plus the size the same entries would take in a Redis
//! listpack. Node limits, conversions and merges are decided on that emulated size, so that
//! a list changes encoding after exactly the same commands as in Redis 7.2, whatever the
//! size of ringkv's own packed format.

use crate::pack::{Pack, PackItem};
use crate::value::parse_i64;

/// Bytes of an empty listpack: a 6-byte header and the end marker.
pub(crate) const LP_EMPTY_BYTES: usize = 7;

/// Most bytes a Redis listpack entry takes beyond the same entry in a [`Pack`] holding list
/// elements: an integer packs into 2 bytes at least and Redis's takes 10 at most; a string's
/// header and backlen are at most 3 bytes longer in Redis. Floats are never list elements.
const LP_EXTRA_PER_ENTRY: usize = 8;

/// `SIZE_SAFETY_LIMIT`: with a count limit, a node still never grows past this many bytes.
const SIZE_SAFETY_LIMIT: usize = 8192;

/// `SIZE_ESTIMATE_OVERHEAD`: what Redis adds to a string's length to guess its entry's size.
const SIZE_ESTIMATE_OVERHEAD: usize = 8;

/// Node sizes selected by `list-max-listpack-size` -1 to -5.
const SIZE_LEVELS: [usize; 5] = [4096, 8192, 16384, 32768, 65536];

/// Largest per-node fill a quicklist keeps (`FILL_MAX`): larger positive settings are cut.
const FILL_MAX: i64 = (1 << 15) - 1;

/// A run of list entries and their emulated listpack size.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Node {
    /// The entries.
    pub pack: Pack,
    /// What `lpBytes` would report for these entries.
    pub lp_bytes: usize,
}

impl Node {
    /// An empty node.
    pub fn new() -> Node {
        Node {
            pack: Pack::new(),
            lp_bytes: LP_EMPTY_BYTES,
        }
    }

    /// A node holding `pack`, measured once.
    pub fn from_pack(pack: Pack) -> Node {
        Node {
            lp_bytes: lp_size(&pack),
            pack,
        }
    }

    /// A node holding the items of `items`.
    pub fn from_items<'a>(items: impl IntoIterator<Item = PackItem<'a>>) -> Node {
        let mut node = Node::new();
        for item in items {
            node.push_item_back(item);
        }
        node
    }

    /// Number of entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.pack.len()
    }

    /// Appends bytes.
    pub fn push_back(&mut self, bytes: &[u8]) {
        self.lp_bytes += lp_entry_size(bytes);
        self.pack.push_back(bytes);
    }

    /// Prepends bytes.
    pub fn push_front(&mut self, bytes: &[u8]) {
        self.lp_bytes += lp_entry_size(bytes);
        self.pack.push_front(bytes);
    }

    /// Appends an item as it is.
    pub fn push_item_back(&mut self, item: PackItem<'_>) {
        self.lp_bytes += lp_item_size(item);
        self.pack.push_item(item);
    }

    /// Inserts bytes before the entry at `offset` (or at the end).
    pub fn insert(&mut self, offset: usize, bytes: &[u8]) {
        self.lp_bytes += lp_entry_size(bytes);
        self.pack.insert(offset, bytes);
    }

    /// Replaces the entry at `offset`.
    pub fn replace(&mut self, offset: usize, bytes: &[u8]) {
        self.lp_bytes -= lp_item_size(self.pack.get(offset));
        self.lp_bytes += lp_entry_size(bytes);
        self.pack.replace(offset, bytes);
    }

    /// Removes the entry at `offset`; the offset then names the next entry, if any.
    pub fn remove(&mut self, offset: usize) {
        self.lp_bytes -= lp_item_size(self.pack.get(offset));
        self.pack.remove(offset);
    }

    /// Removes `count` entries from entry `offset` on.
    pub fn remove_range(&mut self, offset: usize, count: usize) {
        let mut cursor = Some(offset);
        for _ in 0..count {
            let Some(at) = cursor else { break };
            let (item, next) = self.pack.get_next(at);
            self.lp_bytes -= lp_item_size(item);
            cursor = next;
        }
        self.pack.remove_range(offset, count);
    }

    /// The first entry, removed.
    pub fn pop_front(&mut self) -> Option<bytes::Bytes> {
        let offset = self.pack.first()?;
        let value = self.pack.get(offset).to_bytes();
        self.remove(offset);
        Some(value)
    }

    /// The last entry, removed.
    pub fn pop_back(&mut self) -> Option<bytes::Bytes> {
        let offset = self.pack.last()?;
        let value = self.pack.get(offset).to_bytes();
        self.remove(offset);
        Some(value)
    }

    /// Splits off the entries from index `at` on into a new node.
    pub fn split_off(&mut self, at: usize) -> Node {
        let tail = Node::from_items(self.pack.iter().skip(at));
        if let Some(offset) = self.pack.seek(at as i64) {
            self.remove_range(offset, self.len() - at);
        }
        tail
    }

    /// Moves every entry of `other` to the end of this node.
    pub fn append(&mut self, other: Node) {
        for item in other.pack.iter() {
            self.push_item_back(item);
        }
    }
}

/// What `lpBytes` would report for a listpack of the entries of `pack`, by walking them.
pub(crate) fn lp_size(pack: &Pack) -> usize {
    LP_EMPTY_BYTES + pack.iter().map(lp_item_size).sum::<usize>()
}

/// An upper bound of [`lp_size`] for a pack of list elements, in constant time.
pub(crate) fn lp_size_bound(pack: &Pack) -> usize {
    LP_EMPTY_BYTES + pack.byte_len() + LP_EXTRA_PER_ENTRY * pack.len()
}

/// The fill a quicklist keeps from `list-max-listpack-size` (`quicklistSetFill`).
pub(crate) fn node_fill(setting: i64) -> i64 {
    setting.clamp(-5, FILL_MAX)
}

/// The byte and entry limits of `fill` (`quicklistNodeLimit`): `None` where unlimited.
pub(crate) fn node_limits(fill: i64) -> (Option<usize>, Option<usize>) {
    if fill >= 0 {
        // A node holds at least one entry, whatever the setting.
        (None, Some(fill.max(1) as usize))
    } else {
        let level = ((-fill - 1) as usize).min(SIZE_LEVELS.len() - 1);
        (Some(SIZE_LEVELS[level]), None)
    }
}

/// Whether a node of `bytes` and `count` entries breaks `fill` (`quicklistNodeExceedsLimit`).
pub(crate) fn exceeds(fill: i64, bytes: usize, count: usize) -> bool {
    match node_limits(fill) {
        (Some(size_limit), _) => bytes > size_limit,
        (None, Some(count_limit)) => bytes > SIZE_SAFETY_LIMIT || count > count_limit,
        (None, None) => false,
    }
}

/// Whether a string of `len` bytes may join `node` (`_quicklistNodeAllowInsert`).
pub(crate) fn allow_insert(node: &Node, fill: i64, len: usize) -> bool {
    exceeds_not(
        fill,
        node.lp_bytes + len + SIZE_ESTIMATE_OVERHEAD,
        node.len() + 1,
    )
}

/// Whether two nodes may become one (`_quicklistNodeAllowMerge`).
pub(crate) fn allow_merge(a: &Node, b: &Node, fill: i64) -> bool {
    // One header and end marker go away when two listpacks become one.
    exceeds_not(
        fill,
        a.lp_bytes + b.lp_bytes - LP_EMPTY_BYTES,
        a.len() + b.len(),
    )
}

fn exceeds_not(fill: i64, bytes: usize, count: usize) -> bool {
    !exceeds(fill, bytes, count)
}

/// Bytes the entry for `bytes` takes in a Redis listpack.
pub(crate) fn lp_entry_size(bytes: &[u8]) -> usize {
    match parse_i64(bytes) {
        Some(n) => lp_int_size(n),
        None => lp_str_size(bytes.len()),
    }
}

/// Bytes a packed item takes in a Redis listpack.
pub(crate) fn lp_item_size(item: PackItem<'_>) -> usize {
    match item {
        PackItem::Int(n) => lp_int_size(n),
        PackItem::Str(s) => lp_entry_size(s),
        PackItem::Float(_) => item.with_bytes(lp_entry_size),
    }
}

fn lp_int_size(n: i64) -> usize {
    let encoded = match n {
        0..=127 => 1,
        -4096..=4095 => 2,
        -32768..=32767 => 3,
        -8_388_608..=8_388_607 => 4,
        -2_147_483_648..=2_147_483_647 => 5,
        _ => 9,
    };
    encoded + lp_backlen_size(encoded)
}

fn lp_str_size(len: usize) -> usize {
    let encoded = match len {
        0..=63 => 1 + len,
        64..=4095 => 2 + len,
        _ => 5 + len,
    };
    encoded + lp_backlen_size(encoded)
}

fn lp_backlen_size(encoded: usize) -> usize {
    match encoded {
        0..=127 => 1,
        128..=16382 => 2,
        16383..=2_097_150 => 3,
        2_097_151..=268_435_454 => 4,
        _ => 5,
    }
}
