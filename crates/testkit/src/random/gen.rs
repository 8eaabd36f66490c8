//! The random command generator: weighted command choice, argument pools, mutations.

use super::prng::SplitMix64;
use super::{
    acl_cmds, hash_cmds, hll_cmds, key_cmds, list_cmds, set_cmds, stream_cmds, stream_group_cmds,
    string_cmds, zset_cmds,
};
use crate::compare::Compare;

/// A generated command and how its replies must be compared.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The command and its arguments.
    pub args: Vec<Vec<u8>>,
    /// The comparison rule.
    pub compare: Compare,
}

/// Builds one command's arguments.
pub struct Cmd {
    args: Vec<Vec<u8>>,
    compare: Compare,
}

impl Cmd {
    /// Starts a command.
    pub fn new(name: &str) -> Cmd {
        Cmd {
            args: vec![name.as_bytes().to_vec()],
            compare: Compare::Exact,
        }
    }

    /// Appends an argument.
    pub fn arg(mut self, arg: impl AsRef<[u8]>) -> Cmd {
        self.args.push(arg.as_ref().to_vec());
        self
    }

    /// Appends several arguments.
    pub fn args<A: AsRef<[u8]>>(mut self, args: impl IntoIterator<Item = A>) -> Cmd {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_vec()));
        self
    }

    /// Sets the comparison rule (exact unless changed).
    pub fn compare(mut self, compare: Compare) -> Cmd {
        self.compare = compare;
        self
    }

    /// Finishes the command.
    pub fn done(self) -> Generated {
        Generated {
            args: self.args,
            compare: self.compare,
        }
    }
}

/// Keys: few enough to collide constantly, spread over every shard for 2 and 4 shards, some
/// sharing the `{t}` hash tag so that multi-key commands also run on a single shard.
pub const KEYS: &[&str] = &[
    "a", "b", "c", "d", "{t}a", "{t}b", "{t}c", "k:1", "k:2", "n", "num", "x",
];

/// Values: integers at the i64 edges, floats, text, binary, a long value (raw encoding).
const VALUES: &[&str] = &[
    "",
    "0",
    "1",
    "-1",
    "10",
    "123",
    "007",
    "3.5",
    "-2.25",
    "1e3",
    "abc",
    "hello world",
    "foobar",
    "ohmytext",
    "mynewtext",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    " 1",
    "\u{0}\u{7f}\r\n",
    "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
];

/// Integer arguments, valid and not.
const INTS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "5",
    "17",
    "100",
    "-100",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "abc",
    "1.5",
    "",
    "+1",
    "01",
];

/// Float arguments for INCRBYFLOAT, valid and not.
const FLOATS: &[&str] = &[
    "0", "0.1", "-1.5", "2.5e2", "1e308", "-1e308", "abc", "inf", "-inf", "nan", "5.0e3", "1",
    "-0.0", " 1", "3", "1.1",
];

/// Which commands a run draws from: one family per run, so that every family gets thousands
/// of operations on the same few keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// String and keyspace commands.
    StringsAndKeys,
    /// List commands, with some keyspace and string commands mixed in.
    Lists,
    /// Hash commands, likewise.
    Hashes,
    /// Set commands, likewise.
    Sets,
    /// Sorted set commands, likewise.
    SortedSets,
    /// ACL SETUSER rule sequences read back with GETUSER, LIST and DRYRUN.
    Acl,
    /// Stream entry commands (XADD, XRANGE, XDEL, XTRIM, ...), likewise.
    Streams,
    /// Stream consumer group commands, likewise.
    StreamGroups,
    /// HyperLogLog commands, likewise.
    Hll,
}

impl Mix {
    fn table(self) -> &'static [(usize, Make)] {
        match self {
            Mix::StringsAndKeys => TABLE,
            Mix::Lists => list_cmds::TABLE,
            Mix::Hashes => hash_cmds::TABLE,
            Mix::Sets => set_cmds::TABLE,
            Mix::SortedSets => zset_cmds::TABLE,
            Mix::Acl => acl_cmds::TABLE,
            Mix::Streams => stream_cmds::TABLE,
            Mix::StreamGroups => stream_group_cmds::TABLE,
            Mix::Hll => hll_cmds::TABLE,
        }
    }
}

/// The random source plus the argument pools, shared by the per-family generators.
pub struct Generator {
    rng: SplitMix64,
    table: &'static [(usize, Make)],
}

/// Makes one random command.
pub type Make = fn(&mut Generator) -> Generated;

impl Generator {
    /// A generator whose whole output is determined by `seed`.
    pub fn new(seed: u64) -> Generator {
        Generator::with_mix(seed, Mix::StringsAndKeys)
    }

    /// A generator of `mix`'s commands whose whole output is determined by `seed`.
    pub fn with_mix(seed: u64, mix: Mix) -> Generator {
        Generator {
            rng: SplitMix64::new(seed),
            table: mix.table(),
        }
    }

    /// The next command, occasionally mutated into an arity, syntax or unknown-command error.
    pub fn next_command(&mut self) -> Generated {
        let table = self.table;
        let total: usize = table.iter().map(|(w, _)| *w).sum();
        let mut roll = self.rng.below(total);
        let make = table
            .iter()
            .find(|(weight, _)| {
                let hit = roll < *weight;
                roll = roll.saturating_sub(*weight);
                hit
            })
            .map(|(_, make)| *make)
            .expect("the roll is below the total weight");
        let mut generated = make(self);
        self.mutate(&mut generated);
        generated
    }

    fn mutate(&mut self, generated: &mut Generated) {
        match self.rng.below(100) {
            0..=2 if generated.args.len() > 1 => {
                let keep = 1 + self.rng.below(generated.args.len() - 1);
                generated.args.truncate(keep);
                // A cursor scan cut before its COUNT pages a hash table at the default COUNT,
                // and table pages (even their sizes) differ from Redis's by design.
                if generated.compare == Compare::Scan {
                    generated.compare = Compare::Skip;
                }
            }
            3..=4 => generated.args.push(b"junk".to_vec()),
            5 => generated.args[0] = b"nosuchcmd".to_vec(),
            6..=8 => generated.args[0].make_ascii_lowercase(),
            _ => {}
        }
    }

    /// The random source.
    pub fn rng(&mut self) -> &mut SplitMix64 {
        &mut self.rng
    }

    /// A key from [`KEYS`].
    pub fn key(&mut self) -> &'static str {
        self.rng.pick_copy(KEYS)
    }

    /// 1..=max keys, repeats allowed.
    pub fn keys(&mut self, max: usize) -> Vec<&'static str> {
        let count = 1 + self.rng.below(max);
        (0..count).map(|_| self.key()).collect()
    }

    /// A value from the value pool.
    pub fn value(&mut self) -> &'static str {
        self.rng.pick_copy(VALUES)
    }

    /// An integer argument, sometimes invalid.
    pub fn int(&mut self) -> &'static str {
        self.rng.pick_copy(INTS)
    }

    /// A float argument, sometimes invalid.
    pub fn float(&mut self) -> &'static str {
        self.rng.pick_copy(FLOATS)
    }

    /// A relative number of seconds far enough out that nothing expires during a run.
    pub fn rel_secs(&mut self) -> &'static str {
        self.rng.pick_copy(&["1000", "5000", "100000"])
    }

    /// A relative number of milliseconds far enough out that nothing expires during a run.
    pub fn rel_ms(&mut self) -> &'static str {
        self.rng.pick_copy(&["1000000", "5000000", "100000000"])
    }

    /// An absolute Unix time in seconds: far future (2065, 2100) or long past.
    pub fn abs_secs(&mut self) -> &'static str {
        self.rng.pick_copy(&["3000000000", "4102444800", "1"])
    }

    /// An absolute Unix time in milliseconds: far future or long past.
    pub fn abs_ms(&mut self) -> &'static str {
        self.rng.pick_copy(&["3000000000000", "4102444800000", "1"])
    }

    /// An absolute Unix time in seconds in the far future. SET takes only these: a key SET
    /// with a past deadline lingers until expired lazily or by the background cycle, so
    /// DBSIZE would depend on timing.
    pub fn future_secs(&mut self) -> &'static str {
        self.rng.pick_copy(&["3000000000", "4102444800"])
    }

    /// An absolute Unix time in milliseconds in the far future (see [`Self::future_secs`]).
    pub fn future_ms(&mut self) -> &'static str {
        self.rng.pick_copy(&["3000000000000", "4102444800000"])
    }

    /// A time argument that is zero, negative, not a number or overflows.
    pub fn bad_time(&mut self) -> &'static str {
        self.rng.pick_copy(&[
            "0",
            "-1",
            "abc",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775",
        ])
    }

    /// One of `items`.
    pub fn pick(&mut self, items: &[&'static str]) -> &'static str {
        self.rng.pick_copy(items)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.rng.percent(percent)
    }
}

/// Weighted command makers; weights are relative frequencies.
const TABLE: &[(usize, Make)] = &[
    (6, string_cmds::get),
    (10, string_cmds::set),
    (2, string_cmds::setnx),
    (2, string_cmds::setex),
    (2, string_cmds::getset),
    (2, string_cmds::getdel),
    (3, string_cmds::getex),
    (3, string_cmds::mget),
    (3, string_cmds::mset),
    (3, string_cmds::append),
    (2, string_cmds::strlen),
    (6, string_cmds::incr_family),
    (3, string_cmds::incrbyfloat),
    (3, string_cmds::getrange),
    (3, string_cmds::setrange),
    (2, string_cmds::lcs),
    (4, key_cmds::del),
    (3, key_cmds::exists),
    (2, key_cmds::type_of),
    (5, key_cmds::expire),
    (4, key_cmds::expire_at),
    (5, key_cmds::ttl),
    (2, key_cmds::persist),
    (2, key_cmds::keys),
    (1, key_cmds::randomkey),
    (3, key_cmds::rename),
    (2, key_cmds::copy),
    (1, key_cmds::move_key),
    (1, key_cmds::swapdb),
    (1, key_cmds::select),
    (2, key_cmds::touch),
    (2, key_cmds::dbsize),
    (1, key_cmds::object),
    (1, key_cmds::flush),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slot::shard_of;

    #[test]
    fn keys_cover_every_shard_for_two_and_four_shards() {
        for shards in [2, 4] {
            for shard in 0..shards {
                assert!(
                    KEYS.iter().any(|k| shard_of(k.as_bytes(), shards) == shard),
                    "no key on shard {shard} of {shards}"
                );
            }
        }
    }

    #[test]
    fn same_seed_generates_the_same_commands() {
        let mut a = Generator::new(3);
        let mut b = Generator::new(3);
        assert!((0..500).all(|_| a.next_command().args == b.next_command().args));
    }
}
