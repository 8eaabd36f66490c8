//! The one harness behind every family's handler tests: a shard, a selected database and a
//! clock that only moves when a test moves it. Commands are found by name through the real
//! command table and route, so a test exercises exactly the handler a client would reach and no
//! family keeps its own name-to-handler list.

use engine::{DbIndex, EncodingLimits, Entry};
use resp::Reply;

use crate::table::lookup_subcommand;
use crate::{lookup, route, OwnedArgs, Route, ShardCtx, ShardHandler, ShardState};

/// The clock's start: a plausible unix time in ms, so that seconds and milliseconds differ.
pub(crate) const T0_MS: u64 = 1_700_000_000_000;

/// One shard driven by tests. Fields are open so that a test can set what CONFIG SET, SELECT
/// or CLIENT NO-TOUCH would set before running a command.
pub(crate) struct TestShard {
    /// The shard's data, settings and counters.
    pub(crate) state: ShardState,
    /// The database commands run in (SELECT).
    pub(crate) db: DbIndex,
    /// The time every command sees.
    pub(crate) now_ms: u64,
    /// Whether commands run for a client in CLIENT NO-TOUCH mode.
    pub(crate) no_touch: bool,
}

impl TestShard {
    /// An empty shard whose random choices start from `seed`, in database 0 at [`T0_MS`].
    pub(crate) fn new(seed: u64) -> Self {
        TestShard {
            state: ShardState::new(seed),
            db: DbIndex(0),
            now_ms: T0_MS,
            no_touch: false,
        }
    }

    /// The same shard with its encoding thresholds replaced, as CONFIG SET would.
    pub(crate) fn with_limits(mut self, limits: EncodingLimits) -> Self {
        self.state.settings.limits = limits;
        self
    }

    /// Runs a command given as space-separated words.
    pub(crate) fn run(&mut self, line: &str) -> Reply {
        let words: Vec<&[u8]> = line.split_whitespace().map(str::as_bytes).collect();
        self.run_args(&words)
    }

    /// Runs a command given as raw arguments, the name (and subcommand) first.
    pub(crate) fn run_args(&mut self, argv: &[&[u8]]) -> Reply {
        match route_of(argv) {
            Route::Keyed(handler, _) | Route::AllShards(handler, _) => {
                self.run_handler(handler, argv)
            }
            Route::Static(handler) => {
                let args = OwnedArgs::from_slices(argv.iter().copied());
                handler(args.view())
            }
            Route::Server => panic!(
                "{} is run by the server, not a shard: the test harness cannot run it",
                String::from_utf8_lossy(argv[0])
            ),
        }
    }

    /// Runs a command for a client in CLIENT NO-TOUCH mode.
    pub(crate) fn run_no_touch(&mut self, line: &str) -> Reply {
        let was = std::mem::replace(&mut self.no_touch, true);
        let reply = self.run(line);
        self.no_touch = was;
        reply
    }

    /// Runs `handler` itself with `argv`, for tests that pick the handler rather than the name.
    pub(crate) fn run_handler<A: AsRef<[u8]>>(
        &mut self,
        handler: ShardHandler,
        argv: &[A],
    ) -> Reply {
        let args = OwnedArgs::from_slices(argv.iter().map(AsRef::as_ref));
        let mut ctx = ShardCtx::new(&mut self.state, self.db, self.now_ms);
        ctx.no_touch = self.no_touch;
        handler(&mut ctx, args.view())
    }

    /// Runs a command and returns how many changes it counted.
    pub(crate) fn dirty_of(&mut self, line: &str) -> u64 {
        let before = self.state.dirty;
        self.run(line);
        self.state.dirty - before
    }

    /// How many changes the shard has counted so far.
    pub(crate) fn dirty(&self) -> u64 {
        self.state.dirty
    }

    /// Moves the clock forward by `ms`.
    pub(crate) fn advance(&mut self, ms: u64) {
        self.now_ms += ms;
    }

    /// `OBJECT ENCODING key` (Redis 7.2's names), for a key the test knows exists.
    pub(crate) fn encoding(&mut self, key: &str) -> &'static str {
        self.object_encoding(key).expect("key exists")
    }

    /// `OBJECT ENCODING key`, `None` without the key.
    pub(crate) fn object_encoding(&mut self, key: &str) -> Option<&'static str> {
        Some(self.peek(key)?.value.encoding())
    }

    /// Whether the key exists now.
    pub(crate) fn exists(&mut self, key: &str) -> bool {
        self.peek(key).is_some()
    }

    /// The entry under `key` in the selected database, read without recording an access.
    pub(crate) fn peek(&mut self, key: &str) -> Option<&Entry> {
        self.peek_in(self.db, key)
    }

    /// The entry under `key` in database `db`, read without recording an access.
    pub(crate) fn peek_in(&mut self, db: DbIndex, key: &str) -> Option<&Entry> {
        let now_ms = self.now_ms;
        let entry = self
            .state
            .data
            .db(db)
            .lookup_no_touch(key.as_bytes(), now_ms)?;
        Some(entry)
    }
}

/// How the command named by `argv` runs, found as the dispatcher finds it: by name, then by
/// subcommand for a container such as OBJECT.
fn route_of(argv: &[&[u8]]) -> Route {
    let name = argv.first().expect("a command name");
    let spec = lookup(name)
        .unwrap_or_else(|| panic!("no command named {}", String::from_utf8_lossy(name)));
    let spec = match argv.get(1) {
        Some(sub) if !spec.subcommands.is_empty() => lookup_subcommand(spec, sub).unwrap_or(spec),
        _ => spec,
    };
    route(spec.id)
}

mod tests {
    use super::*;

    #[test]
    fn a_subcommand_reaches_its_own_handler() {
        let mut shard = TestShard::new(7);
        shard.run("SET k 12345");
        assert_eq!(shard.run("object encoding k"), Reply::bulk(b"int"));
        assert_eq!(shard.object_encoding("k"), Some("int"));
    }

    #[test]
    fn an_unknown_subcommand_gets_the_container_s_error() {
        let mut shard = TestShard::new(7);
        assert_eq!(
            shard.run("OBJECT NOPE k"),
            crate::errors::unknown_subcommand("object", b"NOPE")
        );
    }

    #[test]
    #[should_panic(expected = "run by the server")]
    fn a_server_command_is_refused_loudly() {
        TestShard::new(7).run("PING");
    }

    #[test]
    fn no_touch_lasts_one_command() {
        let mut shard = TestShard::new(7);
        shard.run("SET k v");
        let set_s = shard.peek("k").expect("key exists").access_s;
        shard.advance(10_000);
        shard.run_no_touch("GET k");
        assert_eq!(shard.peek("k").expect("key exists").access_s, set_s);
        shard.run("GET k");
        assert_eq!(shard.peek("k").expect("key exists").access_s, set_s + 10);
    }
}
