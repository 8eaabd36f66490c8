#!/usr/bin/env python3
"""Generates the command table, crates/commands/src/table/<family>.rs, from a live redis.

The facts of every entry (arity, flags, ACL categories, legacy key positions, tips, key specs,
`since`, `group`, `complexity`, doc flags, deprecation, history and the argument tree) come
from a real redis-server (the oracle, Redis 7.0) through COMMAND INFO and COMMAND DOCS over a
raw socket. Which commands to emit comes from the `CommandId` enum in table/id.rs: a command
or subcommand is emitted when its CamelCase name is a variant there. Command summaries are
ringkv's own words and live in SUMMARIES below; history entries are Redis's change notes, kept
verbatim because the reply must match. An argument `summary` is prose: the generator stops on
one so that a person decides whether Redis's phrase may be kept. Commands that Redis 7.0 lacks
(added in 7.2) are described by hand in ADDED_IN_7_2, from Redis 7.2's documentation.

Usage: scripts/gen/command_table.py [--port PORT] [--check]
  Without --port a redis-server is started on a free port and shut down afterwards.
  With --check nothing is written; the exit status says whether the files are up to date.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TABLE = os.path.join(ROOT, "crates", "commands", "src", "table")

# Redis command group -> family file.
FAMILY_OF_GROUP = {
    "connection": "connection",
    "string": "string",
    "generic": "keyspace",
    "server": "server",
    "list": "list",
    "hash": "hash",
    "set": "set",
    "sorted-set": "zset",
    "transactions": "transaction",
    "stream": "stream",
    "hyperloglog": "hyperloglog",
}

FAMILY_DOC = {
    "stream": (
        "Stream commands: appends, reads, ranges, deletes and trims.",
        "Stream command table.",
    ),
    "stream_group": (
        "Stream consumer groups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM.",
        "Consumer group command table.",
    ),
    "stream_info": ("Stream introspection: XINFO and its subcommands.", "XINFO command table."),
    "hyperloglog": ("HyperLogLog commands: PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST.", "HyperLogLog command table."),
    "server_acl": ("Server commands: ACL and its subcommands.", "ACL command table."),
    "server_persistence": (
        "Server commands for persistence: AOF rewrites and WAITAOF, RDB saves.",
        "Persistence command table.",
    ),
    "connection_client": (
        "Connection commands: CLIENT and its subcommands.",
        "CLIENT command table.",
    ),
    "transaction": ("Transaction commands: MULTI, EXEC, DISCARD, WATCH, UNWATCH.", "Transaction command table."),
    "list": ("List commands: pushes, pops, reads and moves.", "List command table."),
    "list_edit": (
        "List commands that edit or search inside a list: LSET, LINSERT, LREM, LTRIM, LPOS.",
        "List editing command table.",
    ),
    "list_blocking": (
        "Blocking list commands: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP.",
        "Blocking list command table.",
    ),
    "hash": ("Hash commands.", "Hash command table."),
    "set": ("Set commands on one set.", "Set command table."),
    "set_algebra": (
        "Set algebra: intersections, unions and differences of several sets.",
        "Set algebra command table.",
    ),
    "zset": ("Sorted set commands on members and scores.", "Sorted set command table."),
    "zset_blocking": (
        "Blocking sorted set commands: BZPOPMIN, BZPOPMAX, BZMPOP.",
        "Blocking sorted set command table.",
    ),
    "zset_range": (
        "Sorted set range commands: by rank, score and lexical order.",
        "Sorted set range command table.",
    ),
    "zset_algebra": (
        "Sorted set algebra: unions, intersections and differences of several sorted sets.",
        "Sorted set algebra command table.",
    ),
    "keyspace_sort": ("Keyspace commands that sort: SORT and SORT_RO.", "Sort command table."),
    "connection": ("Connection commands.", "Connection command table."),
    "string": ("String commands.", "String command table."),
    "keyspace": (
        "Keyspace commands (Redis's `generic` group).",
        "Keyspace command table.",
    ),
    "server": ("Server commands.", "Server command table."),
    "keyspace_expire": (
        "Keyspace commands about deadlines: EXPIRE and TTL families, PERSIST.",
        "Deadline command table.",
    ),
    "string_counters": ("String counters: the INCR family.", "Counter command table."),
    "string_ranges": (
        "String byte ranges: APPEND, STRLEN, GETRANGE, SETRANGE, SUBSTR, LCS.",
        "Byte-range command table.",
    ),
}

# Families split by theme so each generated file stays under the house cap of 800 lines.
THEME_OF_COMMAND = {
    **{c: "stream_group" for c in ("xgroup", "xreadgroup", "xack", "xpending", "xclaim", "xautoclaim")},
    "xinfo": "stream_info",
    "client": "connection_client",
    "acl": "server_acl",
    **{c: "server_persistence" for c in ("bgrewriteaof", "waitaof", "save", "bgsave", "lastsave")},
    **{c: "keyspace_sort" for c in ("sort", "sort_ro")},
    **{c: "list_edit" for c in ("lset", "linsert", "lrem", "ltrim", "lpos")},
    **{c: "list_blocking" for c in ("blpop", "brpop", "blmove", "brpoplpush", "blmpop")},
    **{c: "zset_blocking" for c in ("bzpopmin", "bzpopmax", "bzmpop")},
    **{c: "set_algebra" for c in ("sinter", "sintercard", "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore")},
    **{c: "zset_algebra" for c in ("zunion", "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore", "zintercard")},
    **{c: "zset_range" for c in ("zcount", "zlexcount", "zrange", "zrangestore", "zrangebyscore", "zrevrangebyscore", "zrangebylex", "zrevrangebylex", "zrevrange", "zremrangebyrank", "zremrangebyscore", "zremrangebylex")},
    **{c: "keyspace_expire" for c in (
        "expire", "pexpire", "expireat", "pexpireat", "expiretime", "pexpiretime", "ttl",
        "pttl", "persist",
    )},
    **{c: "string_counters" for c in ("incr", "decr", "incrby", "decrby", "incrbyfloat")},
    **{c: "string_ranges" for c in (
        "append", "strlen", "getrange", "setrange", "substr", "lcs",
    )},
}

# One sentence per command, in ringkv's own words (never Redis's summaries).
SUMMARIES = {
    "xadd": "Appends an entry to a stream, creating the stream when needed, and may trim it.",
    "xlen": "Returns the number of entries in a stream.",
    "xrange": "Returns the entries of a stream with IDs in a range, oldest first.",
    "xrevrange": "Returns the entries of a stream with IDs in a range, newest first.",
    "xdel": "Deletes entries from a stream by ID.",
    "xtrim": "Trims a stream to a length or to IDs from a minimum on.",
    "xsetid": "Sets a stream's last ID and its counters, as replication and rewrites need.",
    "xread": "Returns entries after given IDs from one or more streams, waiting for some when asked.",
    "xgroup": "Groups the subcommands that manage consumer groups and their consumers.",
    "xgroup|create": "Creates a consumer group on a stream.",
    "xgroup|createconsumer": "Creates a consumer in a consumer group.",
    "xgroup|delconsumer": "Deletes a consumer from a consumer group, with its pending entries.",
    "xgroup|destroy": "Deletes a consumer group.",
    "xgroup|help": "Lists the XGROUP subcommands with a short description of each.",
    "xgroup|setid": "Moves a consumer group's last delivered ID.",
    "xreadgroup": "Reads entries for a consumer of a group, new ones or its own pending ones.",
    "xack": "Acknowledges entries, removing them from a group's pending list.",
    "xpending": "Returns a summary or the details of a group's pending entries.",
    "xclaim": "Gives ownership of pending entries to another consumer.",
    "xautoclaim": "Gives ownership of entries pending for long enough to another consumer, scanning.",
    "xinfo": "Groups the subcommands that describe streams, their groups and consumers.",
    "xinfo|consumers": "Describes the consumers of a consumer group.",
    "xinfo|groups": "Describes the consumer groups of a stream.",
    "xinfo|help": "Lists the XINFO subcommands with a short description of each.",
    "xinfo|stream": "Describes a stream, in summary or in full.",
    "pfadd": "Adds elements to a HyperLogLog, creating it when needed.",
    "pfcount": "Estimates the number of distinct elements added to one or more HyperLogLogs.",
    "pfmerge": "Stores the union of HyperLogLogs at a key.",
    "pfdebug": "Inspects a HyperLogLog's internal representation.",
    "pfselftest": "Runs the HyperLogLog implementation's self test.",
    "bgrewriteaof": "Rewrites the append-only files in the background, compacted.",
    "waitaof": "Waits until this connection's writes are fsynced to the append-only files.",
    "acl": "Groups the subcommands that manage users and their permissions.",
    "acl|cat": "Lists the ACL categories, or the commands in one category.",
    "acl|deluser": "Deletes users and closes the connections authenticated as them.",
    "acl|dryrun": "Tells whether a user may run a command, without running it.",
    "acl|genpass": "Returns a random password from the system's secure random source.",
    "acl|getuser": "Returns a user's flags, password hashes and permissions.",
    "acl|help": "Describes the ACL subcommands.",
    "acl|list": "Returns every user as a rule line of the ACL file format.",
    "acl|load": "Replaces the users with those of the ACL file.",
    "acl|log": "Returns recent refused commands and logins, or clears them.",
    "acl|save": "Writes the users to the ACL file.",
    "acl|setuser": "Creates a user or changes its rules.",
    "acl|users": "Returns the names of all users.",
    "acl|whoami": "Returns the user name of this connection.",
    "multi": "Starts a transaction: later commands are queued until EXEC.",
    "exec": "Runs the queued commands of a transaction as one atomic unit.",
    "discard": "Drops the queued commands of a transaction and leaves it.",
    "watch": "Makes the next EXEC fail if any of the given keys changes first.",
    "unwatch": "Forgets every key this connection watches.",
    "lpush": "Adds elements to the head of a list, creating it when missing.",
    "rpush": "Adds elements to the tail of a list, creating it when missing.",
    "lpushx": "Adds elements to the head of a list only when the list exists.",
    "rpushx": "Adds elements to the tail of a list only when the list exists.",
    "lpop": "Removes and returns elements from the head of a list.",
    "rpop": "Removes and returns elements from the tail of a list.",
    "llen": "Replies with the number of elements in a list.",
    "lrange": "Returns the elements of a list between two indexes.",
    "lindex": "Returns the element of a list at an index.",
    "lmove": "Pops an element from one list and pushes it onto another.",
    "rpoplpush": "Pops the tail of one list and pushes it onto the head of another.",
    "lmpop": "Pops elements from the first non-empty list among several keys.",
    "blpop": "Pops the head of the first non-empty list, waiting for one when all are empty.",
    "brpop": "Pops the tail of the first non-empty list, waiting for one when all are empty.",
    "blmove": "Moves an element from one list to another, waiting for the source to fill.",
    "brpoplpush": "Moves the tail of one list to the head of another, waiting for the source.",
    "blmpop": "Pops elements from the first non-empty list, waiting when every list is empty.",
    "lset": "Overwrites the element of a list at an index.",
    "linsert": "Inserts an element before or after a pivot element of a list.",
    "lrem": "Removes occurrences of an element from a list.",
    "ltrim": "Keeps only the elements of a list between two indexes.",
    "lpos": "Finds the indexes of elements equal to a value in a list.",
    "hset": "Sets fields of a hash to values, creating the hash when missing.",
    "hsetnx": "Sets a field of a hash only when the field does not exist.",
    "hmset": "Sets several fields of a hash (the old form of HSET).",
    "hget": "Returns the value of a field of a hash.",
    "hmget": "Returns the values of several fields of a hash.",
    "hgetall": "Returns every field and value of a hash.",
    "hdel": "Removes fields from a hash.",
    "hexists": "Tells whether a field exists in a hash.",
    "hlen": "Replies with the number of fields in a hash.",
    "hstrlen": "Replies with the length of the value of a field of a hash.",
    "hkeys": "Returns every field name of a hash.",
    "hvals": "Returns every value of a hash.",
    "hincrby": "Adds an integer to the number stored in a field of a hash.",
    "hincrbyfloat": "Adds a floating-point amount to the number in a field of a hash.",
    "hrandfield": "Returns random fields of a hash, optionally with their values.",
    "hscan": "Iterates over the fields and values of a hash with a cursor.",
    "sadd": "Adds members to a set, creating it when missing.",
    "srem": "Removes members from a set.",
    "smembers": "Returns every member of a set.",
    "sismember": "Tells whether a value is a member of a set.",
    "smismember": "Tells, for each of several values, whether it is a member of a set.",
    "scard": "Replies with the number of members of a set.",
    "spop": "Removes and returns random members of a set.",
    "srandmember": "Returns random members of a set without removing them.",
    "smove": "Moves a member from one set to another.",
    "sscan": "Iterates over the members of a set with a cursor.",
    "sinter": "Returns the members common to every given set.",
    "sintercard": "Counts the members common to every given set, up to a limit.",
    "sunion": "Returns the members found in any of the given sets.",
    "sdiff": "Returns the members of the first set found in none of the others.",
    "sinterstore": "Stores the intersection of the given sets at a key.",
    "sunionstore": "Stores the union of the given sets at a key.",
    "sdiffstore": "Stores the difference of the first set and the others at a key.",
    "zadd": "Adds members with scores to a sorted set, or updates their scores.",
    "zincrby": "Adds an amount to the score of a member of a sorted set.",
    "zrem": "Removes members from a sorted set.",
    "zcard": "Replies with the number of members of a sorted set.",
    "zscore": "Returns the score of a member of a sorted set.",
    "zmscore": "Returns the scores of several members of a sorted set.",
    "zrank": "Returns the position of a member in a sorted set, lowest score first.",
    "zrevrank": "Returns the position of a member in a sorted set, highest score first.",
    "zpopmin": "Removes and returns the members with the lowest scores.",
    "zpopmax": "Removes and returns the members with the highest scores.",
    "zmpop": "Pops lowest- or highest-scored members from the first non-empty sorted set.",
    "bzpopmin": "Pops the lowest-scored member of the first non-empty sorted set, or waits.",
    "bzpopmax": "Pops the highest-scored member of the first non-empty sorted set, or waits.",
    "bzmpop": "Pops members from the first non-empty sorted set, waiting when all are empty.",
    "zrandmember": "Returns random members of a sorted set, optionally with scores.",
    "zscan": "Iterates over the members and scores of a sorted set with a cursor.",
    "zcount": "Counts the members of a sorted set with scores in a range.",
    "zlexcount": "Counts the members of a sorted set in a lexicographical range.",
    "zrange": "Returns members of a sorted set by rank, score or lexical range.",
    "zrangestore": "Stores a range of a sorted set at another key.",
    "zrangebyscore": "Returns members of a sorted set with scores in a range.",
    "zrevrangebyscore": "Returns members with scores in a range, highest first.",
    "zrangebylex": "Returns members of a sorted set in a lexicographical range.",
    "zrevrangebylex": "Returns members in a lexicographical range, in reverse.",
    "zrevrange": "Returns members of a sorted set by rank, highest score first.",
    "zremrangebyrank": "Removes the members of a sorted set between two ranks.",
    "zremrangebyscore": "Removes the members of a sorted set with scores in a range.",
    "zremrangebylex": "Removes the members of a sorted set in a lexicographical range.",
    "zunion": "Returns the union of sorted sets, scores combined.",
    "zinter": "Returns the intersection of sorted sets, scores combined.",
    "zdiff": "Returns the members of the first sorted set absent from the others.",
    "zunionstore": "Stores the union of sorted sets at a key.",
    "zinterstore": "Stores the intersection of sorted sets at a key.",
    "zdiffstore": "Stores the difference of sorted sets at a key.",
    "zintercard": "Counts the members common to every given sorted set, up to a limit.",
    "sort": "Sorts the elements of a list, set or sorted set, maybe storing them.",
    "sort_ro": "Sorts the elements of a list, set or sorted set; never writes.",
    "auth": "Authenticates the connection with a password or a user and password.",
    "client": "Groups the subcommands that inspect and control client connections.",
    "client|getname": "Returns the name this connection was given, if any.",
    "client|help": "Lists the CLIENT subcommands with a short description of each.",
    "client|id": "Returns the unique numeric id of this connection.",
    "client|info": "Describes this connection in the format of one CLIENT LIST line.",
    "client|kill": "Closes the client connections that match the given filters.",
    "client|list": "Describes every open client connection, one line each.",
    "client|no-evict": "Exempts this connection from client eviction, or stops doing so.",
    "client|no-touch": "Makes reads on this connection leave access times as they were.",
    "client|reply": "Turns replies to this client on, off, or off for one command.",
    "client|setinfo": "Records the client library's name or version on this connection.",
    "client|setname": "Gives this connection a name that CLIENT LIST shows.",
    "client|unblock": "Ends the wait of a client blocked in a blocking command.",
    "echo": "Replies with the message it was sent.",
    "hello": "Picks the protocol version; may also authenticate and name the client.",
    "ping": "Checks that the server answers, replying PONG or the given message.",
    "quit": "Closes the connection once the reply is sent.",
    "reset": "Returns the connection to the state it had when it was opened.",
    "select": "Switches the connection to another numbered database.",
    "append": "Adds bytes to the end of a string, creating the key when it is missing.",
    "decr": "Subtracts one from the integer stored at a key.",
    "decrby": "Subtracts a given amount from the integer stored at a key.",
    "get": "Reads the string stored at a key.",
    "getdel": "Reads the string stored at a key and removes the key.",
    "getex": "Reads the string stored at a key and changes or clears its expiry.",
    "getrange": "Reads a byte range of the string stored at a key.",
    "getset": "Stores a new string at a key and replies with the one it replaced.",
    "incr": "Adds one to the integer stored at a key.",
    "incrby": "Adds a given amount to the integer stored at a key.",
    "incrbyfloat": "Adds a floating-point amount to the number stored at a key.",
    "lcs": "Finds the longest common subsequence of the strings at two keys.",
    "mget": "Reads the strings stored at several keys at once.",
    "mset": "Stores several key-value pairs at once.",
    "msetnx": "Stores several key-value pairs only when none of the keys exists yet.",
    "psetex": "Stores a string at a key with a time to live in milliseconds.",
    "set": "Stores a string at a key; options add expiry, conditions, old value.",
    "setex": "Stores a string at a key with a time to live in seconds.",
    "setnx": "Stores a string at a key only when the key does not exist.",
    "setrange": "Overwrites part of the string at a key, starting at a byte offset.",
    "strlen": "Replies with the length in bytes of the string at a key.",
    "substr": "Reads a byte range of the string at a key (the old name of GETRANGE).",
    "copy": "Duplicates a key's value under another key, maybe in another database.",
    "dump": "Serialises a key's value in the RDB format, for RESTORE here or in Redis.",
    "del": "Removes the given keys.",
    "exists": "Counts how many of the given keys exist.",
    "expire": "Sets a key's time to live in seconds.",
    "expireat": "Sets the moment a key expires, as a Unix time in seconds.",
    "expiretime": "Replies with the Unix time in seconds at which a key expires.",
    "keys": "Lists every key whose name matches a glob-style pattern.",
    "move": "Moves a key to another database.",
    "restore": "Creates a key from a DUMP payload, optionally replacing it and setting its TTL.",
    "object": "Groups the subcommands that inspect how a key's value is stored.",
    "object|encoding": "Names the internal representation of the value at a key.",
    "object|freq": "Replies with the logarithmic access-frequency counter of a key.",
    "object|help": "Lists the OBJECT subcommands with a short description of each.",
    "object|idletime": "Replies with the seconds since a key was last read or written.",
    "object|refcount": "Replies with how many references point at the value of a key.",
    "persist": "Removes a key's expiry so that it lives until deleted.",
    "pexpire": "Sets a key's time to live in milliseconds.",
    "pexpireat": "Sets the moment a key expires, as a Unix time in milliseconds.",
    "pexpiretime": "Replies with the Unix time in milliseconds at which a key expires.",
    "pttl": "Replies with a key's remaining time to live in milliseconds.",
    "randomkey": "Replies with a key picked at random from the database.",
    "rename": "Gives a key a new name, replacing any key that already has it.",
    "renamenx": "Gives a key a new name only when no key has that name yet.",
    "scan": "Walks the keyspace a few keys at a time with a cursor.",
    "touch": "Marks keys as just accessed and counts how many exist.",
    "ttl": "Replies with a key's remaining time to live in seconds.",
    "type": "Names the type of the value stored at a key.",
    "unlink": "Removes keys, reclaiming their memory in the background.",
    "command": "Describes every command the server knows.",
    "command|count": "Replies with the number of commands the server knows.",
    "command|docs": "Gives the documentation of the given commands, or of all.",
    "command|getkeys": "Finds which arguments of a full command line are keys.",
    "command|getkeysandflags": "Finds the keys of a full command line and how each is used.",
    "command|help": "Lists the COMMAND subcommands with a short description of each.",
    "command|info": "Describes the given commands, or all of them.",
    "command|list": "Lists command names, maybe filtered by ACL category or pattern.",
    "config": "Groups the subcommands that read and change the server's configuration.",
    "config|get": "Reads the configuration parameters whose names match patterns.",
    "config|help": "Lists the CONFIG subcommands with a short description of each.",
    "config|resetstat": "Zeroes the statistics that INFO reports.",
    "config|rewrite": "Writes the running configuration back to the configuration file.",
    "config|set": "Changes configuration parameters while the server runs.",
    "dbsize": "Replies with the number of keys in the selected database.",
    "debug": "Runs diagnostic and testing operations on the server.",
    "flushall": "Deletes every key of every database.",
    "flushdb": "Deletes every key of the selected database.",
    "info": "Reports server information and statistics, section by section.",
    "save": "Writes a snapshot of the dataset to the RDB file and replies when it is done.",
    "bgsave": "Starts writing a snapshot of the dataset to the RDB file in the background.",
    "lastsave": "Replies with the Unix time of the last successful snapshot.",
    "shutdown": "Stops the server, optionally saving the data first.",
    "swapdb": "Exchanges the contents of two databases.",
    "time": "Replies with the server's clock as seconds and microseconds.",
}

# Subcommands added in Redis 7.2, which the 7.0 oracle does not know. Facts from Redis 7.2's
# src/commands/*.json: the hidden SENTINEL flag of CLIENT SETINFO is not printed, so left out.
# Arguments Redis 7.2 added to commands that 7.0 has, from Redis 7.2's documentation.
CHANGED_IN_7_2 = {
    name: {
        "arity": -3,
        "argument": [
            "name", "withscore", "type", "pure-token", "token", "WITHSCORE", "since", "7.2.0",
            "flags", ["optional"],
        ],
        "history": ("7.2.0", "Added the optional `WITHSCORE` argument."),
    }
    for name in ("zrank", "zrevrank")
}

ADDED_IN_7_2 = {
    "waitaof": {
        "arity": 4,
        "flags": ["noscript"],
        "first": 0,
        "last": 0,
        "step": 0,
        "acl": ["@slow", "@connection"],
        "tips": ["request_policy:all_shards", "response_policy:agg_min"],
        "key_specs": [],
        "docs": {
            "since": "7.2.0",
            "group": "generic",
            "complexity": "O(1)",
            "arguments": [
                ["name", "numlocal", "type", "integer"],
                ["name", "numreplicas", "type", "integer"],
                ["name", "timeout", "type", "integer"],
            ],
        },
    },
    "client|setinfo": {
        "arity": 4,
        "flags": ["noscript", "loading", "stale"],
        "first": 0,
        "last": 0,
        "step": 0,
        "acl": ["@slow", "@connection"],
        "tips": [],
        "key_specs": [],
        "docs": {
            "since": "7.2.0",
            "group": "connection",
            "complexity": "O(1)",
            "arguments": [
                ["name", "attr", "type", "oneof", "arguments", [
                    ["name", "libname", "type", "string", "token", "lib-name"],
                    ["name", "libver", "type", "string", "token", "lib-ver"],
                ]],
            ],
        },
    },
    "client|no-touch": {
        "arity": 3,
        "flags": ["noscript", "loading", "stale"],
        "first": 0,
        "last": 0,
        "step": 0,
        "acl": ["@slow", "@connection"],
        "tips": [],
        "key_specs": [],
        "docs": {
            "since": "7.2.0",
            "group": "connection",
            "complexity": "O(1)",
            "arguments": [
                ["name", "enabled", "type", "oneof", "arguments", [
                    ["name", "on", "type", "pure-token", "token", "ON"],
                    ["name", "off", "type", "pure-token", "token", "OFF"],
                ]],
            ],
        },
    },
}


# ---------------------------------------------------------------------------------------------
# RESP over a raw socket.


class Resp:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.buf = b""

    def call(self, *args):
        parts = [a.encode() if isinstance(a, str) else a for a in args]
        frame = b"*%d\r\n" % len(parts)
        for p in parts:
            frame += b"$%d\r\n%s\r\n" % (len(p), p)
        self.sock.sendall(frame)
        return self._value()

    def _line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise EOFError("server closed the connection")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n + 2:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise EOFError("server closed the connection")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n + 2 :]
        return data

    def _value(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind in (b"+",):
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self._exact(n).decode()
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self._value() for _ in range(n)]
        raise ValueError("unexpected RESP type %r" % kind)


def pairs(flat):
    """A RESP2 flat map as a dict."""
    return {flat[i]: flat[i + 1] for i in range(0, len(flat), 2)}


# ---------------------------------------------------------------------------------------------
# Reading the oracle.


def camel(name):
    return "".join(p.capitalize() for p in re.split(r"[|_-]", name))


def command_ids():
    text = open(os.path.join(TABLE, "id.rs")).read()
    body = text[text.index("pub enum CommandId") :]
    return set(re.findall(r"^\s+([A-Z][A-Za-z0-9]*),", body, re.M))


def parse_docs(flat):
    """A COMMAND DOCS entry as a dict; history entries become (version, description) pairs."""
    doc = pairs(flat)
    if "history" in doc:
        doc["history"] = [tuple(h) for h in doc["history"]]
    return doc


def parse_info(info):
    name, arity, flags, first, last, step, acl, tips, key_specs, subs = info
    return {
        "name": name,
        "arity": arity,
        "flags": flags,
        "first": first,
        "last": last,
        "step": step,
        "acl": acl,
        "tips": tips,
        "key_specs": [parse_key_spec(pairs(ks)) for ks in key_specs],
        "subcommands": [parse_info(s) for s in subs],
    }


def parse_key_spec(ks):
    begin = pairs(ks["begin_search"])
    find = pairs(ks["find_keys"])
    return {
        "notes": ks.get("notes", ""),
        "flags": ks["flags"],
        "begin": (begin["type"], pairs(begin["spec"])),
        "find": (find["type"], pairs(find["spec"])),
    }


def collect(conn, ids):
    """Every entry to emit, grouped by family: {family: [entry, ...]}."""
    docs = pairs(conn.call("COMMAND", "DOCS"))
    families = {f: [] for f in FAMILY_DOC}
    seen = set()
    for name in sorted(docs):
        if camel(name) not in ids:
            continue
        doc = parse_docs(docs[name])
        family = THEME_OF_COMMAND.get(name, FAMILY_OF_GROUP[doc["group"]])
        entry = parse_info(conn.call("COMMAND", "INFO", name)[0])
        entry["docs"] = doc
        patch = CHANGED_IN_7_2.get(name)
        if patch:
            entry["arity"] = patch["arity"]
            arguments = doc.pop("arguments") + [patch["argument"]]
            doc["history"] = doc.get("history", []) + [patch["history"]]
            doc["arguments"] = arguments
        sub_docs = pairs(doc.get("subcommands", []))
        subs = []
        for sub in entry["subcommands"]:
            if camel(sub["name"]) in ids:
                sub["docs"] = parse_docs(sub_docs[sub["name"]])
                subs.append(sub)
        for sub_name, extra in ADDED_IN_7_2.items():
            if sub_name.split("|")[0] == name and camel(sub_name) in ids:
                subs.append(dict(extra, name=sub_name, subcommands=[]))
        entry["subcommands"] = sorted(subs, key=lambda s: s["name"])
        seen.add(camel(name))
        seen.update(camel(s["name"]) for s in subs)
        families[family].append(entry)
    for name, extra in ADDED_IN_7_2.items():
        if "|" in name or camel(name) not in ids:
            continue
        family = THEME_OF_COMMAND.get(name, FAMILY_OF_GROUP[extra["docs"]["group"]])
        families[family].append(dict(extra, name=name, subcommands=[]))
        families[family].sort(key=lambda e: e["name"])
        seen.add(camel(name))
    missing = ids - seen
    if missing:
        sys.exit("no oracle entry for CommandId variants: %s" % ", ".join(sorted(missing)))
    return families


# ---------------------------------------------------------------------------------------------
# Checks that the table's model can express what the oracle printed.

FLAG_ORDER = [
    "write", "readonly", "denyoom", "module", "admin", "pubsub", "noscript", "blocking",
    "loading", "stale", "skip_monitor", "skip_slowlog", "asking", "fast", "no_auth",
    "may_replicate", "sentinel", "only_sentinel", "no_mandatory_keys", "protected",
    "module_getkeys", "module_no_cluster", "no_async_loading", "no_multi", "movablekeys",
    "allow_busy", "module_getchannels", "touches_arbitrary_keys",
]
ACL_ORDER = [
    "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap",
    "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous",
    "connection", "transaction", "scripting",
]
KEY_FLAG_ORDER = [
    "RO", "RW", "OW", "RM", "access", "update", "insert", "delete", "not_key", "incomplete",
    "variable_flags",
]


def check_order(what, printed, order, name):
    idx = [order.index(p) for p in printed]
    if idx != sorted(idx):
        sys.exit("%s of %s printed out of table order: %s" % (what, name, printed))


def implicit(flags, explicit):
    cats = set(explicit)
    if "write" in flags:
        cats.add("write")
    if "readonly" in flags and "scripting" not in explicit:
        cats.add("read")
    if "admin" in flags:
        cats.update(("admin", "dangerous"))
    if "pubsub" in flags:
        cats.add("pubsub")
    if "fast" in flags:
        cats.add("fast")
    if "blocking" in flags:
        cats.add("blocking")
    if "fast" not in cats:
        cats.add("slow")
    return cats


def explicit_acl(entry):
    """The categories the table must name: the printed ones the flags do not imply."""
    printed = [c.lstrip("@") for c in entry["acl"]]
    check_order("ACL categories", printed, ACL_ORDER, entry["name"])
    check_order("flags", entry["flags"], FLAG_ORDER, entry["name"])
    implied = implicit(entry["flags"], set()) - {"slow"}
    explicit = [c for c in printed if c not in implied and c != "slow"]
    if implicit(entry["flags"], set(explicit)) != set(printed):
        sys.exit("implicit ACL rule cannot reproduce %s: %s" % (entry["name"], printed))
    return explicit


# ---------------------------------------------------------------------------------------------
# Emitting Rust.


def rust_str(s, indent=0, width=100):
    """A Rust string literal; past `width` columns it continues on further lines with `\\`,
    which Rust's lexer joins back, skipping the next line's indentation."""
    text = s.replace("\\", "\\\\").replace('"', '\\"')
    room = width - indent - 16
    if len(text) <= room:
        return '"%s"' % text
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) + 3 > room:
            lines.append(line + " ")
            line = word
        else:
            line = word if not line else line + " " + word
    lines.append(line)
    pad = " " * (indent + 4)
    return '"' + ("\\\n" + pad).join(lines) + '"'


def bits(prefix, names):
    if not names:
        return "0"
    return " | ".join("%s::%s" % (prefix, n.upper()) for n in names)


def flag_bits(names):
    return bits("flag", ["movable_keys" if n == "movablekeys" else n for n in names])


def begin_rust(begin, used):
    kind, spec = begin
    if kind == "index":
        return "BeginSearch::Index(%d)" % spec["index"]
    if kind == "keyword":
        return "BeginSearch::Keyword { keyword: %s, start_from: %d }" % (
            rust_str(spec["keyword"]),
            spec["startfrom"],
        )
    return "BeginSearch::Unknown"


def find_rust(find):
    kind, spec = find
    if kind == "range":
        return "FindKeys::Range { last_key: %d, step: %d, limit: %d }" % (
            spec["lastkey"],
            spec["keystep"],
            spec["limit"],
        )
    if kind == "keynum":
        return "FindKeys::KeyNum { key_num_idx: %d, first_key: %d, step: %d }" % (
            spec["keynumidx"],
            spec["firstkey"],
            spec["keystep"],
        )
    return "FindKeys::Unknown"


def key_spec_rust(ks, used, indent):
    check_order("key-spec flags", ks["flags"], KEY_FLAG_ORDER, str(ks))
    kflags = bits("kf", ks["flags"])
    if not ks["notes"] and ks["begin"][0] == "index" and ks["find"][0] == "range":
        used.add("range_spec")
        spec = ks["find"][1]
        return "range_spec(%s, %d, %d, %d, %d)" % (
            kflags,
            ks["begin"][1]["index"],
            spec["lastkey"],
            spec["keystep"],
            spec["limit"],
        )
    used.update(("KeySpec", "BeginSearch", "FindKeys"))
    pad = " " * (indent + 4)
    return "KeySpec {\n%snotes: %s,\n%sflags: %s,\n%sbegin: %s,\n%sfind: %s,\n%s}" % (
        pad, rust_str(ks["notes"]), pad, kflags, pad, begin_rust(ks["begin"], used), pad,
        find_rust(ks["find"]), " " * indent,
    )


def entry_rust(entry, indent, used):
    pad = " " * indent
    inner = " " * (indent + 4)
    name = entry["name"]
    acl = explicit_acl(entry)
    if acl:
        used.add("acl")
    if entry["flags"]:
        used.add("flag")
    if entry["key_specs"]:
        used.add("kf")
    out = [pad + "CommandSpec {"]
    out.append(inner + "id: CommandId::%s," % camel(name))
    out.append(inner + "name: %s," % rust_str(name))
    out.append(inner + "arity: %d," % entry["arity"])
    out.append(inner + "flags: %s," % flag_bits(entry["flags"]))
    out.append(inner + "acl: %s," % bits("acl", acl))
    out.append(inner + "first_key: %d," % entry["first"])
    out.append(inner + "last_key: %d," % entry["last"])
    out.append(inner + "key_step: %d," % entry["step"])
    out.append(inner + "tips: &[%s]," % ", ".join(rust_str(t) for t in entry["tips"]))
    specs = [key_spec_rust(ks, used, indent + 8) for ks in entry["key_specs"]]
    one_line = inner + "key_specs: &[%s]," % ", ".join(specs)
    if len(specs) > 1 or len(one_line) > 100:
        out.append(inner + "key_specs: &[")
        out.extend(inner + "    " + s + "," for s in specs)
        out.append(inner + "],")
    else:
        out.append(one_line)
    if entry["subcommands"]:
        out.append(inner + "subcommands: &[")
        for sub in entry["subcommands"]:
            out.append(entry_rust(sub, indent + 8, used))
        out.append(inner + "],")
    else:
        out.append(inner + "subcommands: &[],")
    docs = entry["docs"]
    out.append(inner + "docs: Docs {")
    field = indent + 8
    out.append(inner + "    summary: %s," % rust_str(SUMMARIES[name], field))
    out.append(inner + "    since: %s," % rust_str(docs["since"]))
    out.append(inner + "    group: %s," % rust_str(docs["group"]))
    out.append(inner + "    complexity: %s," % rust_str(docs["complexity"], field))
    out.extend(docs_extra_rust(docs, name, inner + "    ", used))
    out.append(inner + "},")
    out.append(pad + "},")
    return "\n".join(out)


DOC_FLAGS = ["deprecated", "syscmd"]
ARG_FLAGS = ["optional", "multiple", "multiple_token"]
ARG_KINDS = {
    "string": "String", "integer": "Integer", "double": "Double", "key": "Key",
    "pattern": "Pattern", "unix-time": "UnixTime", "pure-token": "PureToken", "oneof": "OneOf",
    "block": "Block",
}
DOC_FIELDS = [
    "summary", "since", "group", "complexity", "doc_flags", "deprecated_since", "replaced_by",
    "history", "arguments", "subcommands",
]
ARG_FIELDS = [
    "name", "type", "key_spec_index", "token", "summary", "since", "deprecated_since", "flags",
    "arguments",
]


def check_fields(what, printed, known, name):
    """The table models these fields only, in this order; anything new must fail loudly."""
    idx = [known.index(f) if f in known else -1 for f in printed]
    if -1 in idx or idx != sorted(idx):
        sys.exit("%s of %s has fields the table cannot model: %s" % (what, name, printed))


def docs_extra_rust(docs, name, pad, used):
    """The `Docs` fields past `complexity`: doc flags, deprecation, history and arguments."""
    check_fields("COMMAND DOCS", list(docs), DOC_FIELDS, name)
    doc_flags = docs.get("doc_flags", [])
    check_order("doc flags", doc_flags, DOC_FLAGS, name)
    if doc_flags:
        used.add("doc_flag")
    out = [pad + "doc_flags: %s," % bits("doc_flag", doc_flags)]
    out.append(pad + "deprecated_since: %s," % rust_str(docs.get("deprecated_since", "")))
    out.append(pad + "replaced_by: %s," % rust_str(docs.get("replaced_by", ""), len(pad)))
    history = [
        "(%s, %s)" % (rust_str(v), rust_str(d, len(pad) + 8)) for v, d in docs.get("history", [])
    ]
    out.append(pad + "history: &[%s]," % ", ".join(history))
    args = [arg_rust(pairs(a), name, used) for a in docs.get("arguments", [])]
    out.append(pad + "arguments: &[%s]," % ", ".join(args))
    return out


def arg_rust(arg, name, used):
    """One documented argument as an `Arg` literal; absent fields come from `Arg::EMPTY`."""
    check_fields("argument", list(arg), ARG_FIELDS, name)
    if "summary" in arg:
        sys.exit("argument %s of %s has a summary (prose): decide by hand" % (arg["name"], name))
    used.update(("Arg", "ArgKind"))
    fields = ["name: %s" % rust_str(arg["name"]), "kind: ArgKind::%s" % ARG_KINDS[arg["type"]]]
    if "key_spec_index" in arg:
        fields.append("key_spec_index: %d" % arg["key_spec_index"])
    for key in ("token", "since", "deprecated_since"):
        if key in arg:
            fields.append("%s: %s" % (key, rust_str(arg[key])))
    if arg.get("flags"):
        check_order("argument flags", arg["flags"], ARG_FLAGS, name)
        used.add("arg_flag")
        fields.append("flags: %s" % bits("arg_flag", arg["flags"]))
    if "arguments" in arg:
        nested = [arg_rust(pairs(a), name, used) for a in arg["arguments"]]
        fields.append("args: &[%s]" % ", ".join(nested))
    return "Arg { %s, ..Arg::EMPTY }" % ", ".join(fields)


def family_rust(family, entries):
    used = set()
    body = "\n".join(entry_rust(e, 4, used) for e in entries)
    imports = sorted(used | {"CommandId", "CommandSpec", "Docs"}, key=lambda s: (s[0].isupper(), s))
    imports = [("key_flag as kf" if i == "kf" else i) for i in imports]
    head, table_doc = FAMILY_DOC[family]
    return (
        "//! %s\n"
        "//!\n"
        "//! Generated by `scripts/gen/command_table.py` from Redis 7.0's `COMMAND INFO` and\n"
        "//! `COMMAND DOCS`; summaries are ours. Regenerate rather than edit by hand.\n"
        "\n"
        "use super::{%s};\n"
        "\n"
        "/// %s\n"
        "pub const SPECS: &[CommandSpec] = &[\n%s\n];\n"
    ) % (head, ", ".join(imports), table_doc, body)


def rustfmt(path):
    subprocess.run(["rustfmt", "--edition", "2021", path], check=True, cwd=ROOT)


# ---------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("redis-server did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, help="a running redis-server to ask")
    parser.add_argument("--check", action="store_true", help="only check the files are current")
    args = parser.parse_args()
    proc = None
    port = args.port
    if port is None:
        proc, port = start_server()
    try:
        families = collect(Resp(port), command_ids())
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait()
    stale = []
    for family, entries in families.items():
        path = os.path.join(TABLE, family + ".rs")
        tmp = path + ".gen.tmp"
        with open(tmp, "w") as f:
            f.write(family_rust(family, entries))
        rustfmt(tmp)
        new = open(tmp).read()
        old = open(path).read() if os.path.exists(path) else ""
        if args.check:
            os.remove(tmp)
            if new != old:
                stale.append(path)
        else:
            os.replace(tmp, path)
    if stale:
        sys.exit("out of date: %s" % ", ".join(stale))


if __name__ == "__main__":
    main()
