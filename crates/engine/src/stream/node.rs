//! One stream node: a listpack laid out as Redis lays it out, so that node splits, DUMP
//! payloads and RDB files are Redis's byte for byte.
//!
//! The node opens with a master entry: `count | deleted | n | field_1 .. field_n | 0`, where
//! `count` is the live entries, `deleted` the entries flagged deleted but still present, and
//! the fields are those of the node's first entry. Each entry follows as
//! `flags | ms-diff | seq-diff | [n | field_1 value_1 ..] | lp-count`: the diffs are against
//! the node's master ID (its key in the stream), and when the entry has exactly the master
//! fields (flag `SAMEFIELDS`) only the values are stored. `lp-count` is the number of
//! listpack elements of the entry before it, which is what lets a node be walked backwards.

use crate::listpack::{Element, Listpack};

use super::id::StreamId;

/// Entry flag: deleted by XDEL or a trim, still taking its place until the node empties.
pub const FLAG_DELETED: i64 = 1;
/// Entry flag: the entry's fields are the master entry's, so only values are stored.
pub const FLAG_SAMEFIELDS: i64 = 2;

/// Limits on a node's size before a new node starts (`stream-node-max-bytes`,
/// `stream-node-max-entries`; 0 means no limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeLimits {
    /// Bytes a node's listpack may reach.
    pub max_bytes: usize,
    /// Entries, live or deleted, a node may hold.
    pub max_entries: usize,
}

impl Default for NodeLimits {
    fn default() -> Self {
        NodeLimits {
            max_bytes: 4096,
            max_entries: 100,
        }
    }
}

/// Redis never lets a stream listpack grow past 1 GiB, whatever the configuration says.
const HARD_MAX_BYTES: usize = 1 << 30;

/// A new node holding one entry, whose ID becomes the node's master ID.
pub fn new_node(pairs: &[&[u8]]) -> Listpack {
    let mut lp = Listpack::new();
    let n = pairs.len() / 2;
    lp.push_int(1);
    lp.push_int(0);
    lp.push_int(n as i64);
    for field in pairs.iter().step_by(2) {
        lp.push_bytes(field);
    }
    lp.push_int(0);
    push_entry(&mut lp, StreamId::MIN, pairs, true);
    lp
}

/// Whether an entry of these field/value pairs must start a new node after `lp`.
pub fn needs_new_node(lp: &Listpack, pairs: &[&[u8]], limits: NodeLimits) -> bool {
    let payload: usize = pairs.iter().map(|p| p.len()).sum();
    let max_bytes = match limits.max_bytes {
        0 => HARD_MAX_BYTES,
        n => n.min(HARD_MAX_BYTES),
    };
    if lp.total_bytes() + payload >= max_bytes {
        return true;
    }
    let (live, deleted) = counts(lp);
    limits.max_entries != 0 && (live + deleted) as usize >= limits.max_entries
}

/// Appends an entry to a node whose master ID is `master`.
pub fn append(lp: &mut Listpack, master: StreamId, id: StreamId, pairs: &[&[u8]]) {
    let (live, _) = counts(lp);
    if let Some(first) = lp.first() {
        lp.replace_int(first, live + 1);
    }
    let same = same_fields(lp, pairs);
    let diff = StreamId::new(id.ms - master.ms, id.seq.wrapping_sub(master.seq));
    push_entry(lp, diff, pairs, same);
}

/// The node's live and deleted entry counts.
pub fn counts(lp: &Listpack) -> (i64, i64) {
    let live_at = lp.first();
    let live = live_at.and_then(|at| lp.get_int(at)).unwrap_or(0);
    let deleted = live_at
        .and_then(|at| lp.next(at))
        .and_then(|at| lp.get_int(at))
        .unwrap_or(0);
    (live, deleted)
}

/// Flags the entry whose flags sit at `flags_at` deleted and updates the node's counts.
/// Returns the live entries left.
pub fn mark_deleted(lp: &mut Listpack, flags_at: usize) -> i64 {
    let flags = lp.get_int(flags_at).unwrap_or(0);
    lp.replace_int(flags_at, flags | FLAG_DELETED);
    let (live, deleted) = counts(lp);
    if let Some(first) = lp.first() {
        if let Some(second) = lp.replace_int(first, live - 1) {
            lp.replace_int(second, deleted + 1);
        }
    }
    live - 1
}

/// An entry's place and ID, read without decoding its fields (see [`NodeIter::pairs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryHead {
    /// Where the entry's flags sit in the listpack.
    pub flags_at: usize,
    /// The entry's ID.
    pub id: StreamId,
    /// Whether the entry is flagged deleted.
    pub deleted: bool,
    /// Where its values (`SAMEFIELDS`) or its field/value pairs start.
    body_at: Option<usize>,
    /// Whether only values are stored.
    same: bool,
    /// Its number of fields.
    fields: usize,
}

/// The entries of a node, oldest first, deleted ones included; fields are decoded only when
/// asked for, so scans by ID (ranges, trims, lookups) allocate nothing per entry.
#[derive(Debug, Clone)]
pub struct NodeIter<'a> {
    lp: &'a Listpack,
    master: StreamId,
    master_fields: Vec<Element<'a>>,
    at: Option<usize>,
}

impl<'a> NodeIter<'a> {
    /// The entries of the node at `master`.
    pub fn new(lp: &'a Listpack, master: StreamId) -> NodeIter<'a> {
        let mut iter = NodeIter {
            lp,
            master,
            master_fields: Vec::new(),
            at: lp.first(),
        };
        // Master entry: count, deleted, n, fields, terminator.
        iter.skip_elements(2);
        let n = iter.take_int().max(0) as usize;
        for _ in 0..n {
            match iter.take_element() {
                Some(field) => iter.master_fields.push(field),
                None => break,
            }
        }
        iter.skip_elements(1);
        iter
    }

    /// The entry's field, value, field, value, ...
    pub fn pairs(&self, head: &EntryHead) -> Vec<Element<'a>> {
        let mut pairs = Vec::with_capacity(2 * head.fields);
        let mut at = head.body_at;
        let mut next = || {
            let here = at?;
            at = self.lp.next(here);
            self.lp.get(here)
        };
        if head.same {
            for field in &self.master_fields {
                pairs.push(*field);
                pairs.push(next().unwrap_or(Element::Str(b"")));
            }
        } else {
            for _ in 0..2 * head.fields {
                pairs.push(next().unwrap_or(Element::Str(b"")));
            }
        }
        pairs
    }

    fn take_element(&mut self) -> Option<Element<'a>> {
        let here = self.at?;
        self.at = self.lp.next(here);
        self.lp.get(here)
    }

    fn take_int(&mut self) -> i64 {
        self.take_element().and_then(|e| e.as_int()).unwrap_or(0)
    }

    fn skip_elements(&mut self, n: usize) {
        for _ in 0..n {
            match self.at {
                Some(here) => self.at = self.lp.next(here),
                None => return,
            }
        }
    }
}

impl Iterator for NodeIter<'_> {
    type Item = EntryHead;

    fn next(&mut self) -> Option<EntryHead> {
        let flags_at = self.at?;
        let flags = self.take_int();
        let ms = self.take_int() as u64;
        let seq = self.take_int() as u64;
        let id = StreamId::new(
            self.master.ms.wrapping_add(ms),
            self.master.seq.wrapping_add(seq),
        );
        let same = flags & FLAG_SAMEFIELDS != 0;
        let (fields, elements) = if same {
            (self.master_fields.len(), self.master_fields.len())
        } else {
            let k = self.take_int().max(0) as usize;
            (k, 2 * k)
        };
        let body_at = self.at;
        self.skip_elements(elements + 1);
        Some(EntryHead {
            flags_at,
            id,
            deleted: flags & FLAG_DELETED != 0,
            body_at,
            same,
            fields,
        })
    }
}

/// The ID of the node's last entry (a live one only, when `live`), walking back from the end
/// with each entry's `lp-count` as Redis does, without reading the node from its start.
pub fn last_id(lp: &Listpack, master: StreamId, live: bool) -> Option<StreamId> {
    let (count, deleted) = counts(lp);
    let mut tail = lp.last();
    for _ in 0..(count + deleted).max(0) {
        let lp_count_at = tail?;
        let back = lp.get_int(lp_count_at)?;
        let mut flags_at = lp_count_at;
        for _ in 0..back {
            flags_at = lp.prev(flags_at)?;
        }
        let flags = lp.get_int(flags_at)?;
        if !live || flags & FLAG_DELETED == 0 {
            let ms_at = lp.next(flags_at)?;
            let seq_at = lp.next(ms_at)?;
            let ms = lp.get_int(ms_at)? as u64;
            let seq = lp.get_int(seq_at)? as u64;
            return Some(StreamId::new(
                master.ms.wrapping_add(ms),
                master.seq.wrapping_add(seq),
            ));
        }
        tail = lp.prev(flags_at);
    }
    None
}

/// Whether the pairs' fields are the node's master fields, in order.
fn same_fields(lp: &Listpack, pairs: &[&[u8]]) -> bool {
    let Some(at) = lp.first().and_then(|a| lp.next(a)).and_then(|a| lp.next(a)) else {
        return false;
    };
    if lp.get_int(at) != Some((pairs.len() / 2) as i64) {
        return false;
    }
    let mut cursor = lp.next(at);
    for field in pairs.iter().step_by(2) {
        match cursor.and_then(|c| lp.get(c)) {
            Some(master_field) if master_field.eq_bytes(field) => {
                cursor = cursor.and_then(|c| lp.next(c))
            }
            _ => return false,
        }
    }
    true
}

/// Appends `flags | ms-diff | seq-diff | [n | fields and values | values] | lp-count`.
fn push_entry(lp: &mut Listpack, diff: StreamId, pairs: &[&[u8]], same: bool) {
    let n = pairs.len() / 2;
    lp.push_int(if same { FLAG_SAMEFIELDS } else { 0 });
    lp.push_int(diff.ms as i64);
    lp.push_int(diff.seq as i64);
    if same {
        for value in pairs.iter().skip(1).step_by(2) {
            lp.push_bytes(value);
        }
        lp.push_int(n as i64 + 3);
    } else {
        lp.push_int(n as i64);
        for item in pairs {
            lp.push_bytes(item);
        }
        lp.push_int(2 * n as i64 + 4);
    }
}

/// Checks a node read from a file or a RESTORE payload: the master entry, every entry's
/// flags, field counts, `lp-count`, IDs increasing from the master ID, and the live and
/// deleted counts. Returns the live entries and the first and last live IDs.
pub fn validate(
    lp: &Listpack,
    master: StreamId,
) -> Option<(i64, Option<StreamId>, Option<StreamId>)> {
    let mut at = lp.first();
    let mut elements = std::iter::from_fn(|| {
        let here = at?;
        at = lp.next(here);
        lp.get(here)
    });
    let int = |e: Option<Element<'_>>| e.and_then(|e| e.as_int());
    let live = int(elements.next())?;
    let deleted = int(elements.next())?;
    let n = usize::try_from(int(elements.next())?).ok()?;
    for _ in 0..n {
        elements.next()?;
    }
    if int(elements.next())? != 0 {
        return None;
    }
    let (mut seen_live, mut seen_deleted) = (0i64, 0i64);
    let (mut first, mut last, mut previous) = (None, None, None::<StreamId>);
    while let Some(flags) = elements.next() {
        let flags = flags.as_int()?;
        if !(0..=3).contains(&flags) {
            return None;
        }
        let ms = int(elements.next())? as u64;
        let seq = int(elements.next())? as u64;
        let id = StreamId::new(master.ms.checked_add(ms)?, master.seq.wrapping_add(seq));
        if id < master || previous.is_some_and(|p| id <= p) {
            return None;
        }
        previous = Some(id);
        let fields = if flags & FLAG_SAMEFIELDS != 0 {
            for _ in 0..n {
                elements.next()?;
            }
            n
        } else {
            let k = usize::try_from(int(elements.next())?).ok()?;
            for _ in 0..2 * k {
                elements.next()?;
            }
            k
        };
        let expected = if flags & FLAG_SAMEFIELDS != 0 {
            fields + 3
        } else {
            2 * fields + 4
        };
        if int(elements.next())? != expected as i64 {
            return None;
        }
        if flags & FLAG_DELETED != 0 {
            seen_deleted += 1;
        } else {
            seen_live += 1;
            first.get_or_insert(id);
            last = Some(id);
        }
    }
    (seen_live == live && seen_deleted == deleted && live > 0).then_some((live, first, last))
}
