//! Trimming a stream from its oldest end (XTRIM, XADD's MAXLEN/MINID), as Redis 7.0's
//! `streamTrim` does it: whole nodes go while they can; an exact trim then flags entries
//! deleted inside the first node left; an approximate one stops at the first node it cannot
//! drop whole, and LIMIT caps the entries one call may remove.

use super::node::{self, FLAG_DELETED};
use super::{StreamId, StreamValue};

/// What a trim keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrimStrategy {
    /// At most this many live entries (MAXLEN).
    MaxLen(u64),
    /// No live entry below this ID (MINID).
    MinId(StreamId),
}

/// A trim request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrimSpec {
    /// What to keep.
    pub strategy: TrimStrategy,
    /// `~`: only whole nodes go.
    pub approx: bool,
    /// At most this many entries removed (0: no limit); Redis applies it per whole node.
    pub limit: u64,
}

impl StreamValue {
    /// Trims the stream; returns the live entries removed. Updates the length and the first
    /// ID (never `max_deleted_id`, as in Redis).
    pub fn trim(&mut self, spec: TrimSpec) -> u64 {
        let mut deleted = 0u64;
        while let Some((&master, lp)) = self.nodes.first_key_value() {
            if let TrimStrategy::MaxLen(max) = spec.strategy {
                if self.length <= max {
                    break;
                }
            }
            let live = node::counts(lp).0.max(0) as u64;
            if spec.limit != 0 && deleted + live > spec.limit {
                break;
            }
            let whole = match spec.strategy {
                TrimStrategy::MaxLen(max) => self.length - live >= max,
                TrimStrategy::MinId(min) => {
                    let last = node::last_id(lp, master, false);
                    last.unwrap_or(master) < min
                }
            };
            if whole {
                self.nodes.remove(&master);
                self.length -= live;
                deleted += live;
                continue;
            }
            if !spec.approx {
                deleted += self.trim_inside(master, spec.strategy);
            }
            break;
        }
        self.first_id = if self.length == 0 {
            StreamId::MIN
        } else {
            self.edge_id(false).unwrap_or(StreamId::MIN)
        };
        deleted
    }

    /// Flags entries deleted from the front of the node at `master` until the strategy is
    /// met; the node stays even if no live entry is left in it, as in Redis.
    fn trim_inside(&mut self, master: StreamId, strategy: TrimStrategy) -> u64 {
        let Some(lp) = self.nodes.get_mut(&master) else {
            return 0;
        };
        let mut to_flag = Vec::new();
        let mut length = self.length;
        for entry in node::NodeIter::new(lp, master) {
            let stop = match strategy {
                TrimStrategy::MaxLen(max) => length <= max,
                TrimStrategy::MinId(min) => entry.id >= min,
            };
            if stop {
                break;
            }
            if !entry.deleted {
                to_flag.push(entry.flags_at);
                length -= 1;
            }
        }
        // Flags are small integers of one byte before and after, so the offsets hold.
        for &at in &to_flag {
            let flags = lp.get_int(at).unwrap_or(0);
            lp.replace_int(at, flags | FLAG_DELETED);
        }
        let removed = to_flag.len() as i64;
        let (live, marked) = node::counts(lp);
        if let Some(first) = lp.first() {
            if let Some(second) = lp.replace_int(first, live - removed) {
                lp.replace_int(second, marked + removed);
            }
        }
        self.length = length;
        removed as u64
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::stream::NodeLimits;

    fn limits(entries: usize) -> NodeLimits {
        NodeLimits {
            max_bytes: 4096,
            max_entries: entries,
        }
    }

    fn ids(s: &StreamValue) -> Vec<StreamId> {
        s.range(StreamId::MIN, StreamId::MAX, None)
            .iter()
            .map(|e| e.id)
            .collect()
    }

    fn stream_of(n: u64, per_node: usize) -> StreamValue {
        let mut s = StreamValue::new();
        for i in 1..=n {
            s.append(StreamId::new(i, 0), &[b"f", b"v"], limits(per_node));
        }
        s
    }

    #[test]
    fn approximate_trim_drops_only_whole_nodes() {
        let mut s = stream_of(10, 3);
        let spec = TrimSpec {
            strategy: TrimStrategy::MaxLen(5),
            approx: true,
            limit: 0,
        };
        assert_eq!(s.trim(spec), 3);
        assert_eq!(s.len(), 7);
        assert_eq!(s.first_id, StreamId::new(4, 0));
    }

    #[test]
    fn exact_trim_flags_entries_inside_the_first_node_kept() {
        let mut s = stream_of(10, 3);
        let spec = TrimSpec {
            strategy: TrimStrategy::MaxLen(5),
            approx: false,
            limit: 0,
        };
        assert_eq!(s.trim(spec), 5);
        assert_eq!(s.nodes.len(), 3);
        assert_eq!(node::counts(&s.nodes[&StreamId::new(4, 0)]), (1, 2));
        assert_eq!(s.first_id, StreamId::new(6, 0));
    }

    #[test]
    fn limit_stops_before_a_node_that_would_pass_it() {
        let mut s = stream_of(10, 3);
        let spec = TrimSpec {
            strategy: TrimStrategy::MinId(StreamId::new(9, 0)),
            approx: true,
            limit: 5,
        };
        assert_eq!(s.trim(spec), 3);
        assert_eq!(s.first_id, StreamId::new(4, 0));
    }

    #[test]
    fn trimming_everything_resets_the_first_id() {
        let mut s = stream_of(4, 3);
        let spec = TrimSpec {
            strategy: TrimStrategy::MaxLen(0),
            approx: false,
            limit: 0,
        };
        assert_eq!(s.trim(spec), 4);
        assert!(s.nodes.is_empty());
        assert_eq!(s.first_id, StreamId::MIN);
        assert_eq!(s.last_id, StreamId::new(4, 0));
    }

    proptest! {
        #[test]
        fn exact_trims_match_a_model(
            n in 0u64..40,
            per_node in 1usize..6,
            deletes in proptest::collection::vec(1u64..40, 0..10),
            maxlen in proptest::option::of(0u64..40),
            minid in 0u64..45,
        ) {
            let mut s = stream_of(n, per_node);
            let mut model: Vec<u64> = (1..=n).collect();
            for d in deletes {
                if s.delete(StreamId::new(d, 0)) {
                    model.retain(|&x| x != d);
                }
            }
            let strategy = match maxlen {
                Some(m) => {
                    let drop = model.len().saturating_sub(m as usize);
                    model.drain(..drop);
                    TrimStrategy::MaxLen(m)
                }
                None => {
                    model.retain(|&x| x >= minid);
                    TrimStrategy::MinId(StreamId::new(minid, 0))
                }
            };
            let before = s.len();
            let removed = s.trim(TrimSpec { strategy, approx: false, limit: 0 });
            let expected: Vec<StreamId> = model.iter().map(|&x| StreamId::new(x, 0)).collect();
            prop_assert_eq!(ids(&s), expected.clone());
            prop_assert_eq!(s.len(), expected.len() as u64);
            prop_assert_eq!(removed, before - s.len());
            prop_assert_eq!(s.first_id, expected.first().copied().unwrap_or(StreamId::MIN));
        }

        #[test]
        fn approximate_trims_keep_a_suffix_of_whole_nodes(
            n in 0u64..40,
            per_node in 1usize..6,
            maxlen in 0u64..40,
            limit in 0u64..20,
        ) {
            let mut s = stream_of(n, per_node);
            let spec = TrimSpec { strategy: TrimStrategy::MaxLen(maxlen), approx: true, limit };
            let removed = s.trim(spec);
            prop_assert!(s.len() >= maxlen.min(n));
            prop_assert!(s.is_empty() || removed % per_node as u64 == 0);
            if limit != 0 {
                prop_assert!(removed <= limit);
            }
            let kept = ids(&s);
            let expected: Vec<StreamId> = (n - kept.len() as u64 + 1..=n)
                .map(|x| StreamId::new(x, 0))
                .collect();
            prop_assert_eq!(kept, expected);
        }
    }
}
