//! Binds every [`CommandId`] to how and where it runs. The match is exhaustive: a table entry
//! without a route does not compile.

use resp::Reply;

use crate::families::{
    hash, hyperloglog, keyspace, list, set, sort, stream, stream_group, string, zset,
};
use crate::table::CommandId;
use crate::{introspect, Args, ShardCtx};

/// A handler that runs on the shard owning the command's keys.
pub type ShardHandler = fn(&mut ShardCtx<'_>, Args<'_>) -> Reply;

/// A handler that needs neither shard data nor server state.
pub type StaticHandler = fn(Args<'_>) -> Reply;

/// How a keyed command whose keys live on several shards is carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Fetch every key's value, run the command on the copies, write back what changed.
    Gather,
    /// Each key counts on its own: run the command per shard on its keys and add the integers.
    SumInts,
    /// One value per key (MGET): run per shard, reassemble in key order.
    Values,
    /// Key-value pairs (MSET): run per shard on its pairs; OK when all are OK.
    Pairs,
}

/// How a command that runs on every shard combines the shards' replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Add the integers (DBSIZE).
    SumInts,
    /// Concatenate the arrays (KEYS).
    Concat,
    /// OK when every shard said OK, else the first error (FLUSHDB, SWAPDB).
    AllOk,
    /// One non-nil reply chosen at random (RANDOMKEY).
    AnyNonNil,
}

/// Where and how a command runs.
#[derive(Clone, Copy)]
pub enum Route {
    /// On the shard that owns its keys (the home shard when it has none).
    Keyed(ShardHandler, Split),
    /// On every shard, replies merged.
    AllShards(ShardHandler, Merge),
    /// Anywhere, from the table alone.
    Static(StaticHandler),
    /// By the server: connection state, configuration, fan-out with cursors.
    Server,
}

/// The route of `id`.
pub fn route(id: CommandId) -> Route {
    use CommandId::*;
    use Route::{AllShards, Keyed, Server, Static};
    use Split::{Gather, Pairs, SumInts, Values};
    match id {
        Auth | ClientGetname | ClientHelp | ClientId | ClientInfo | ClientKill | ClientList
        | ClientNoEvict | ClientNoTouch | ClientReply | ClientSetinfo | ClientSetname
        | ClientUnblock | Echo | Hello | Ping | Quit | Reset | Select => Server,
        Append => Keyed(string::append, Gather),
        Decr => Keyed(string::decr, Gather),
        Decrby => Keyed(string::decrby, Gather),
        Get => Keyed(string::get, Gather),
        Getdel => Keyed(string::getdel, Gather),
        Getex => Keyed(string::getex, Gather),
        Getrange => Keyed(string::getrange, Gather),
        Getset => Keyed(string::getset, Gather),
        Incr => Keyed(string::incr, Gather),
        Incrby => Keyed(string::incrby, Gather),
        Incrbyfloat => Keyed(string::incrbyfloat, Gather),
        Lcs => Keyed(string::lcs, Gather),
        Mget => Keyed(string::mget, Values),
        Mset => Keyed(string::mset, Pairs),
        Msetnx => Keyed(string::msetnx, Gather),
        Psetex => Keyed(string::psetex, Gather),
        Set => Keyed(string::set, Gather),
        Setex => Keyed(string::setex, Gather),
        Setnx => Keyed(string::setnx, Gather),
        Setrange => Keyed(string::setrange, Gather),
        Strlen => Keyed(string::strlen, Gather),
        Substr => Keyed(string::getrange, Gather),
        Copy => Keyed(keyspace::copy, Gather),
        Dump => Keyed(keyspace::dump, Gather),
        Del => Keyed(keyspace::del, SumInts),
        Exists => Keyed(keyspace::exists, SumInts),
        Expire => Keyed(keyspace::expire, Gather),
        Expireat => Keyed(keyspace::expireat, Gather),
        Expiretime => Keyed(keyspace::expiretime, Gather),
        Keys => AllShards(keyspace::keys, Merge::Concat),
        Move => Keyed(keyspace::move_, Gather),
        Object => Static(introspect::container_without_subcommand),
        ObjectEncoding => Keyed(keyspace::object_encoding, Gather),
        ObjectFreq => Keyed(keyspace::object_freq, Gather),
        ObjectHelp => Static(keyspace::object_help),
        ObjectIdletime => Keyed(keyspace::object_idletime, Gather),
        ObjectRefcount => Keyed(keyspace::object_refcount, Gather),
        Persist => Keyed(keyspace::persist, Gather),
        Pexpire => Keyed(keyspace::pexpire, Gather),
        Pexpireat => Keyed(keyspace::pexpireat, Gather),
        Pexpiretime => Keyed(keyspace::pexpiretime, Gather),
        Pttl => Keyed(keyspace::pttl, Gather),
        Randomkey => AllShards(keyspace::randomkey, Merge::AnyNonNil),
        Rename => Keyed(keyspace::rename, Gather),
        Renamenx => Keyed(keyspace::renamenx, Gather),
        Restore => Keyed(keyspace::restore, Gather),
        Scan => Server,
        Touch => Keyed(keyspace::touch, SumInts),
        Ttl => Keyed(keyspace::ttl, Gather),
        Type => Keyed(keyspace::type_, Gather),
        Unlink => Keyed(keyspace::del, SumInts),
        Command => Static(introspect::command),
        CommandCount => Static(introspect::command_count),
        CommandDocs => Static(introspect::command_docs),
        CommandGetkeys => Static(introspect::command_getkeys),
        CommandGetkeysandflags => Static(introspect::command_getkeysandflags),
        CommandHelp => Static(introspect::command_help),
        CommandInfo => Static(introspect::command_info),
        CommandList => Static(introspect::command_list),
        Acl | Config | Client => Static(introspect::container_without_subcommand),
        AclCat | AclDeluser | AclDryrun | AclGenpass | AclGetuser | AclHelp | AclList | AclLoad
        | AclLog | AclSave | AclSetuser | AclUsers | AclWhoami => Server,
        ConfigGet | ConfigHelp | ConfigResetstat | ConfigRewrite | ConfigSet => Server,
        Dbsize => AllShards(keyspace::dbsize, Merge::SumInts),
        Debug => Server,
        Bgrewriteaof | Waitaof => Server,
        Flushall => AllShards(keyspace::flushall, Merge::AllOk),
        Flushdb => AllShards(keyspace::flushdb, Merge::AllOk),
        Info => Server,
        Shutdown => Server,
        Save => Server,
        Bgsave => Server,
        Lastsave => Server,
        Swapdb => AllShards(keyspace::swapdb, Merge::AllOk),
        Time => Server,
        Discard | Exec | Multi | Unwatch | Watch => Server,
        // Waiting for a key is the server's business; it parses and serves through
        // `families::blocking`.
        Blmove | Blmpop | Blpop | Brpop | Brpoplpush | Bzmpop | Bzpopmax | Bzpopmin => Server,
        Lindex => Keyed(list::lindex, Gather),
        Linsert => Keyed(list::linsert, Gather),
        Llen => Keyed(list::llen, Gather),
        Lmove => Keyed(list::lmove, Gather),
        Lmpop => Keyed(list::lmpop, Gather),
        Lpop => Keyed(list::lpop, Gather),
        Lpos => Keyed(list::lpos, Gather),
        Lpush => Keyed(list::lpush, Gather),
        Lpushx => Keyed(list::lpushx, Gather),
        Lrange => Keyed(list::lrange, Gather),
        Lrem => Keyed(list::lrem, Gather),
        Lset => Keyed(list::lset, Gather),
        Ltrim => Keyed(list::ltrim, Gather),
        Rpop => Keyed(list::rpop, Gather),
        Rpoplpush => Keyed(list::rpoplpush, Gather),
        Rpush => Keyed(list::rpush, Gather),
        Rpushx => Keyed(list::rpushx, Gather),
        Hdel => Keyed(hash::hdel, Gather),
        Hexists => Keyed(hash::hexists, Gather),
        Hget => Keyed(hash::hget, Gather),
        Hgetall => Keyed(hash::hgetall, Gather),
        Hincrby => Keyed(hash::hincrby, Gather),
        Hincrbyfloat => Keyed(hash::hincrbyfloat, Gather),
        Hkeys => Keyed(hash::hkeys, Gather),
        Hlen => Keyed(hash::hlen, Gather),
        Hmget => Keyed(hash::hmget, Gather),
        Hmset => Keyed(hash::hmset, Gather),
        Hrandfield => Keyed(hash::hrandfield, Gather),
        Hscan => Keyed(hash::hscan, Gather),
        Hset => Keyed(hash::hset, Gather),
        Hsetnx => Keyed(hash::hsetnx, Gather),
        Hstrlen => Keyed(hash::hstrlen, Gather),
        Hvals => Keyed(hash::hvals, Gather),
        Sadd => Keyed(set::sadd, Gather),
        Scard => Keyed(set::scard, Gather),
        Sdiff => Keyed(set::sdiff, Gather),
        Sdiffstore => Keyed(set::sdiffstore, Gather),
        Sinter => Keyed(set::sinter, Gather),
        Sintercard => Keyed(set::sintercard, Gather),
        Sinterstore => Keyed(set::sinterstore, Gather),
        Sismember => Keyed(set::sismember, Gather),
        Smembers => Keyed(set::smembers, Gather),
        Smismember => Keyed(set::smismember, Gather),
        Smove => Keyed(set::smove, Gather),
        Spop => Keyed(set::spop, Gather),
        Srandmember => Keyed(set::srandmember, Gather),
        Srem => Keyed(set::srem, Gather),
        Sscan => Keyed(set::sscan, Gather),
        Sunion => Keyed(set::sunion, Gather),
        Sunionstore => Keyed(set::sunionstore, Gather),
        Zadd => Keyed(zset::zadd, Gather),
        Zcard => Keyed(zset::zcard, Gather),
        Zcount => Keyed(zset::zcount, Gather),
        Zdiff => Keyed(zset::zdiff, Gather),
        Zdiffstore => Keyed(zset::zdiffstore, Gather),
        Zincrby => Keyed(zset::zincrby, Gather),
        Zinter => Keyed(zset::zinter, Gather),
        Zintercard => Keyed(zset::zintercard, Gather),
        Zinterstore => Keyed(zset::zinterstore, Gather),
        Zlexcount => Keyed(zset::zlexcount, Gather),
        Zmpop => Keyed(zset::zmpop, Gather),
        Zmscore => Keyed(zset::zmscore, Gather),
        Zpopmax => Keyed(zset::zpopmax, Gather),
        Zpopmin => Keyed(zset::zpopmin, Gather),
        Zrandmember => Keyed(zset::zrandmember, Gather),
        Zrange => Keyed(zset::zrange, Gather),
        Zrangebylex => Keyed(zset::zrangebylex, Gather),
        Zrangebyscore => Keyed(zset::zrangebyscore, Gather),
        Zrangestore => Keyed(zset::zrangestore, Gather),
        Zrank => Keyed(zset::zrank, Gather),
        Zrem => Keyed(zset::zrem, Gather),
        Zremrangebylex => Keyed(zset::zremrangebylex, Gather),
        Zremrangebyrank => Keyed(zset::zremrangebyrank, Gather),
        Zremrangebyscore => Keyed(zset::zremrangebyscore, Gather),
        Zrevrange => Keyed(zset::zrevrange, Gather),
        Zrevrangebylex => Keyed(zset::zrevrangebylex, Gather),
        Zrevrangebyscore => Keyed(zset::zrevrangebyscore, Gather),
        Zrevrank => Keyed(zset::zrevrank, Gather),
        Zscan => Keyed(zset::zscan, Gather),
        Zscore => Keyed(zset::zscore, Gather),
        Zunion => Keyed(zset::zunion, Gather),
        Zunionstore => Keyed(zset::zunionstore, Gather),
        Sort => Keyed(sort::sort, Gather),
        SortRo => Keyed(sort::sort_ro, Gather),
        Xadd => Keyed(stream::xadd, Gather),
        Xlen => Keyed(stream::xlen, Gather),
        Xrange => Keyed(stream::xrange, Gather),
        Xrevrange => Keyed(stream::xrevrange, Gather),
        Xdel => Keyed(stream::xdel, Gather),
        Xtrim => Keyed(stream::xtrim, Gather),
        Xsetid => Keyed(stream::xsetid, Gather),
        Xread => Keyed(stream::xread, Gather),
        Xgroup | Xinfo => Static(introspect::container_without_subcommand),
        XgroupCreate => Keyed(stream_group::xgroup_create, Gather),
        XgroupCreateconsumer => Keyed(stream_group::xgroup_createconsumer, Gather),
        XgroupDelconsumer => Keyed(stream_group::xgroup_delconsumer, Gather),
        XgroupDestroy => Keyed(stream_group::xgroup_destroy, Gather),
        XgroupHelp => Static(stream_group::xgroup_help),
        XgroupSetid => Keyed(stream_group::xgroup_setid, Gather),
        Xreadgroup => Keyed(stream_group::xreadgroup, Gather),
        Xack => Keyed(stream_group::xack, Gather),
        Xpending => Keyed(stream_group::xpending, Gather),
        Xclaim => Keyed(stream_group::xclaim, Gather),
        Xautoclaim => Keyed(stream_group::xautoclaim, Gather),
        XinfoConsumers => Keyed(stream_group::xinfo_consumers, Gather),
        XinfoGroups => Keyed(stream_group::xinfo_groups, Gather),
        XinfoHelp => Static(stream_group::xinfo_help),
        XinfoStream => Keyed(stream_group::xinfo_stream, Gather),
        Pfadd => Keyed(hyperloglog::pfadd, Gather),
        Pfcount => Keyed(hyperloglog::pfcount, Gather),
        Pfmerge => Keyed(hyperloglog::pfmerge, Gather),
        Pfdebug => Keyed(hyperloglog::pfdebug, Gather),
        Pfselftest => Static(hyperloglog::pfselftest),
    }
}
