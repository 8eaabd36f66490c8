//! Dispatch of one command for one connection: lookup, arity, routing, execution, replies.
//!
//! Checks run in Redis's order (unknown command, unknown subcommand, arity, ...). A command
//! whose keys are all on the home shard runs inline with no message and no await; one bound
//! for another shard joins the current [`Wave`]; anything else flushes the wave first.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use acl::log::Context;

use commands::table::{flag, lookup_subcommand};
use commands::{errors, keys, route, Args, CommandId, CommandSpec, Route, ShardCtx};
use resp::{Protocol, Reply};

use commands::tx::TxId;

use super::client::{ClientInfo, ReplyMode};
use super::multi::{MultiState, WatchedKey};
use super::wave::{batch_job, Blocked, RemoteCommand, Slot, Wave};
use crate::shard::mesh::{Job, JobOutput};
use crate::shard::Shard;
use crate::slot::shard_of;
use crate::{clock, cmd, cross};

/// A connection's state besides its socket and read buffer.
pub struct Session {
    /// The home shard.
    pub shard: Rc<Shard>,
    /// CLIENT LIST fields and settings.
    pub client: Rc<RefCell<ClientInfo>>,
    /// Encoded replies not yet written.
    pub out: Vec<u8>,
    /// Commands waiting for other shards.
    wave: Wave,
    /// Close the connection once `out` is written (QUIT, protocol error, CLIENT KILL).
    pub close_after_reply: bool,
    /// Scratch for key positions.
    key_positions: Vec<usize>,
    /// Protocol, cached from `client` for the encoder.
    pub protocol: Protocol,
    /// AUTH (or HELLO AUTH) succeeded, or the connection opened while the default user
    /// needed no password.
    pub authenticated: bool,
    /// The ACL user commands run as.
    pub user: Arc<acl::User>,
    /// The ACL generation `user` was read at.
    pub acl_generation: u64,
    /// `user` may run anything on any key: the ACL check is skipped.
    pub unrestricted: bool,
    /// The default user is on and needs no password: commands need no AUTH.
    pub default_open: bool,
    /// The AOF loader's session: runs while others get `-LOADING`.
    pub replaying: bool,
    /// A command of the current batch may have written: under `appendfsync always` its
    /// replies wait for the AOF.
    pub wrote: bool,
    /// The clock reading shared by the commands of one read (Redis takes one per command;
    /// one per batch is as precise for millisecond deadlines and much cheaper).
    pub now_ms: u64,
    /// Between MULTI and EXEC: the queued commands.
    pub multi: Option<MultiState>,
    /// The keys this connection WATCHes.
    pub watched: Vec<WatchedKey>,
    /// While EXEC runs a transaction that holds key locks: its id.
    pub tx: Option<TxId>,
    /// While EXEC runs: the replies of its commands, in order, instead of the socket.
    pub capture: Option<Vec<Reply>>,
    /// A blocking command waiting for one of its keys.
    pub pending_block: Option<crate::blocking::PendingBlock>,
}

impl Session {
    /// A session for a new connection.
    pub fn new(shard: Rc<Shard>, client: Rc<RefCell<ClientInfo>>) -> Self {
        let shards = shard.count;
        Session {
            shard,
            client,
            out: Vec::with_capacity(16 * 1024),
            wave: Wave::new(shards),
            close_after_reply: false,
            key_positions: Vec::new(),
            protocol: Protocol::Resp2,
            authenticated: false,
            user: Arc::new(acl::User::new(b"default", false)),
            acl_generation: 0,
            unrestricted: false,
            default_open: false,
            replaying: false,
            wrote: false,
            now_ms: crate::shared::now_ms(),
            multi: None,
            watched: Vec::new(),
            tx: None,
            capture: None,
            pending_block: None,
        }
        .with_auth_state()
    }

    fn with_auth_state(mut self) -> Self {
        let default = self.shard.shared.acl.user(b"default");
        if let Some(default) = default {
            self.acl_generation = self.shard.shared.acl.generation();
            self.default_open = default.nopass && default.enabled;
            self.authenticated = self.default_open;
            self.set_user(default);
        }
        self
    }

    /// Runs commands as `user` from now on.
    pub fn set_user(&mut self, user: Arc<acl::User>) {
        self.unrestricted = user.root.allows_everything();
        self.client.borrow_mut().user = bytes::Bytes::copy_from_slice(&user.name);
        self.user = user;
    }

    /// Whether commands other than AUTH/HELLO are refused with NOAUTH.
    pub fn auth_required(&self) -> bool {
        !self.authenticated && !self.default_open
    }

    /// Handles one complete command.
    pub async fn handle(&mut self, args: Args<'_>) {
        if !crate::permissions::gate::refresh(self) {
            // The user was deleted (ACL DELUSER, ACL LOAD): its connections close.
            self.close_after_reply = true;
            return;
        }
        let spec = match self.resolve(&args) {
            Ok(spec) => spec,
            Err(reply) => {
                self.flag_transaction();
                let reply = if args.get(0).eq_ignore_ascii_case(b"exec") {
                    crate::cmd::transaction::abort(self, reply).await
                } else {
                    reply
                };
                self.emit(reply);
                return;
            }
        };
        if !self.replaying
            && self
                .shard
                .shared
                .loading
                .load(std::sync::atomic::Ordering::Acquire)
            && !spec.has(flag::LOADING)
        {
            self.flag_transaction();
            self.emit(Reply::error(
                "LOADING Redis is loading the dataset in memory",
            ));
            return;
        }
        if spec.has(flag::WRITE) || spec.has(flag::BLOCKING) || spec.id == CommandId::Exec {
            self.wrote = true;
        }
        if self.auth_required() && !spec.has(flag::NO_AUTH) {
            self.flag_transaction();
            self.emit(Reply::error("NOAUTH Authentication required."));
            return;
        }
        if matches!(spec.id, CommandId::Sort | CommandId::SortRo) {
            let reads_any_key = self.unrestricted
                || crate::permissions::gate::reads_any_key(&self.user, spec, &args);
            self.client.borrow_mut().reads_any_key = reads_any_key;
        }
        // Commands run by EXEC leave CLIENT LIST's `cmd=exec`, as in Redis.
        let in_exec = self.capture.is_some();
        if !self.unrestricted {
            if !in_exec {
                self.client.borrow_mut().last_command = spec.name;
            }
            let context = if self.multi.is_some() || self.capture.is_some() {
                Context::Multi
            } else {
                Context::Toplevel
            };
            if let Err(reply) = crate::permissions::gate::check(self, spec, &args, context) {
                self.flag_transaction();
                self.emit(reply);
                return;
            }
        }
        if self.multi.is_some() && !super::multi::runs_inside_multi(spec.id) {
            let reply = super::multi::queue(self, spec, args);
            self.emit(reply);
            return;
        }
        self.shard.stats.borrow_mut().total_commands_processed += 1;
        if !in_exec {
            let mut client = self.client.borrow_mut();
            client.last_command = spec.name;
        }
        // XREAD and XREADGROUP run as plain keyed reads unless they ask to wait (never
        // inside EXEC, where nothing waits).
        let route = match spec.id {
            CommandId::Xread | CommandId::Xreadgroup
                if self.capture.is_none()
                    && commands::families::blocking::asks_to_block(spec.id, args) =>
            {
                Route::Server
            }
            id => route(id),
        };
        match route {
            Route::Static(handler) => {
                let reply = handler(args);
                self.finish(spec, reply, 0);
            }
            Route::Keyed(handler, split) => self.keyed(spec, args, handler, split).await,
            Route::AllShards(handler, merge) => {
                self.flush_wave().await;
                let reply = cross::all_shards(self, spec, args, handler, merge).await;
                self.finish(spec, reply, 0);
            }
            Route::Server => {
                self.flush_wave().await;
                let started = clock::ticks();
                let reply = cmd::run(self, spec, args).await;
                let usec = clock::elapsed_us(started);
                if let Some(reply) = reply {
                    self.finish(spec, reply, usec);
                }
            }
        }
    }

    /// Finds the command (and subcommand) and checks arity, as Redis's processCommand.
    fn resolve(&mut self, args: &Args<'_>) -> Result<&'static CommandSpec, Reply> {
        let Some(base) = self.shard.shared.renames.lookup(args.get(0)) else {
            return Err(self.reject(None, errors::unknown_command(args)));
        };
        let spec = if !base.subcommands.is_empty() && args.len() >= 2 {
            match lookup_subcommand(base, args.get(1)) {
                Some(sub) => sub,
                None => {
                    let reply = errors::unknown_subcommand(base.name, args.get(1));
                    return Err(self.reject(None, reply));
                }
            }
        } else {
            base
        };
        if !spec.arity_ok(args.len()) {
            return Err(self.reject(Some(spec), errors::wrong_arity(spec.name)));
        }
        Ok(spec)
    }

    fn reject(&mut self, spec: Option<&'static CommandSpec>, reply: Reply) -> Reply {
        if let Some(spec) = spec {
            self.shard
                .stats
                .borrow_mut()
                .record_rejected(spec.id, spec.name);
        }
        reply
    }

    async fn keyed(
        &mut self,
        spec: &'static CommandSpec,
        args: Args<'_>,
        handler: commands::ShardHandler,
        split: commands::Split,
    ) {
        let home = self.shard.id;
        let target = self.target_shard(spec, &args);
        let write = spec.has(flag::WRITE);
        match target {
            Some(shard) if shard == home => {
                if !self.wave.admits(home, write) {
                    self.flush_wave().await;
                }
                if write && !self.wave.is_empty() {
                    self.wave.note_write(home);
                }
                self.wait_for_locks(spec, &args, write).await;
                let started = clock::ticks();
                let reply = {
                    let client = self.client.borrow();
                    let mut state = self.shard.state.borrow_mut();
                    let mut ctx = ShardCtx::new(&mut state, client.db, self.now_ms)
                        .with_caller(client.caller());
                    crate::exec::call_tracked(spec, handler, &mut ctx, args)
                };
                self.finish(spec, reply, clock::elapsed_us(started));
            }
            Some(shard) => {
                if !self.wave.admits(shard, write) {
                    self.flush_wave().await;
                }
                if write {
                    self.wave.note_write(shard);
                }
                let (db, caller) = {
                    let client = self.client.borrow();
                    (client.db, client.caller())
                };
                let command = RemoteCommand {
                    spec,
                    args: args.to_owned(),
                    handler,
                    db,
                    caller,
                    tx: self.tx,
                };
                self.wave.push_remote(shard, command);
                self.shard
                    .stats
                    .borrow_mut()
                    .record_call(spec.id, spec.name, 0, false);
                self.shard.stats.borrow_mut().remote_commands += 1;
            }
            None => {
                self.flush_wave().await;
                self.shard.stats.borrow_mut().multi_shard_commands += 1;
                let positions = std::mem::take(&mut self.key_positions);
                let reply = cross::multi_shard(self, spec, args, &positions, handler, split).await;
                self.key_positions = positions;
                self.finish(spec, reply, 0);
            }
        }
    }

    /// The one shard owning every key of the command (home when it has none), or `None` when
    /// the keys span shards.
    fn target_shard(&mut self, spec: &CommandSpec, args: &Args<'_>) -> Option<usize> {
        let count = self.shard.count;
        if count == 1 {
            return Some(0);
        }
        keys::key_positions(spec, args, &mut self.key_positions);
        let mut positions = self.key_positions.iter();
        let Some(&first) = positions.next() else {
            return Some(self.shard.id);
        };
        let shard = shard_of(args.get(first), count);
        positions
            .all(|&p| shard_of(args.get(p), count) == shard)
            .then_some(shard)
    }

    /// Records a finished command and emits its reply.
    pub fn finish(&mut self, spec: &'static CommandSpec, reply: Reply, usec: u64) {
        let failed = reply.is_error();
        self.shard
            .stats
            .borrow_mut()
            .record_call(spec.id, spec.name, usec, failed);
        self.emit(reply);
    }

    /// Queues a reply in command order (after replies still expected from other shards).
    pub fn emit(&mut self, reply: Reply) {
        if self.wave.is_empty() {
            self.encode(&reply);
        } else {
            self.wave.push_local(reply);
        }
    }

    fn encode(&mut self, reply: &Reply) {
        if let Reply::Error(e) = reply {
            self.shard.stats.borrow_mut().record_error(e.code());
        }
        if let Some(captured) = self.capture.as_mut() {
            captured.push(reply.clone());
            return;
        }
        let mut client = self.client.borrow_mut();
        match client.reply_mode {
            ReplyMode::On => resp::encode(reply, self.protocol, &mut self.out),
            ReplyMode::Off => {}
            ReplyMode::Skip => client.reply_mode = ReplyMode::SkipNext,
            ReplyMode::SkipNext => client.reply_mode = ReplyMode::On,
        }
    }

    /// Sends the queued commands to their shards, waits, and encodes every reply in order. A
    /// shard that finds a key of its batch locked by a transaction runs none of it; the batch
    /// goes again once the lock may be gone.
    pub async fn flush_wave(&mut self) {
        if self.wave.is_empty() {
            return;
        }
        let (mut jobs, slots) = self.wave.take();
        let mut replies: Vec<Option<std::vec::IntoIter<Reply>>> =
            (0..self.shard.count).map(|_| None).collect();
        while !jobs.is_empty() {
            let shard_ids: Vec<usize> = jobs.iter().map(|(s, _)| *s).collect();
            let outputs = self.shard.run_on_each(jobs).await;
            let mut retry: Vec<(usize, Job)> = Vec::new();
            for (shard, output) in shard_ids.into_iter().zip(outputs) {
                match output {
                    Some(JobOutput::Replies(r)) => replies[shard] = Some(r.into_iter()),
                    Some(JobOutput::Other(any)) => {
                        if let Ok(blocked) = any.downcast::<Blocked>() {
                            retry.push((shard, batch_job(blocked.0)));
                        }
                    }
                    _ => {}
                }
            }
            if !retry.is_empty() {
                glommio::timer::sleep(crate::tx::LOCKED_KEY_RETRY).await;
            }
            jobs = retry;
        }
        for slot in slots {
            let reply = match slot {
                Slot::Local(reply) => reply,
                Slot::Remote { shard, .. } => replies[shard]
                    .as_mut()
                    .and_then(Iterator::next)
                    .unwrap_or_else(|| Reply::error("ERR shard unavailable")),
            };
            self.encode(&reply);
        }
    }

    /// Waits while a transaction other than this connection's holds a key the command touches
    /// on the home shard. Free when no key of the shard is locked.
    async fn wait_for_locks(&mut self, spec: &'static CommandSpec, args: &Args<'_>, write: bool) {
        if self.shard.state.borrow().locks.is_empty() {
            return;
        }
        keys::key_positions(spec, args, &mut self.key_positions);
        let db = self.client.borrow().db;
        loop {
            let locked = crate::tx::keys_locked(
                &self.shard.state.borrow(),
                db,
                self.key_positions.iter().map(|&p| args.get(p)),
                write,
                self.tx,
            );
            if !locked {
                return;
            }
            glommio::timer::sleep(crate::tx::LOCKED_KEY_RETRY).await;
        }
    }

    /// Marks the transaction being queued as failed (Redis's `flagTransaction`): its EXEC
    /// will answer EXECABORT.
    pub fn flag_transaction(&mut self) {
        if let Some(multi) = self.multi.as_mut() {
            multi.aborted = true;
        }
    }
}
