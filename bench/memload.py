#!/usr/bin/env python3
"""Writes one memory-benchmark dataset as RESP commands to stdout, for `redis-cli --pipe`.

Usage: bench/memload.py DATASET      (bench/memory.sh lists the datasets)
Every dataset is deterministic (fixed seed), so both servers receive the same bytes.
"""

import random
import sys

out = sys.stdout.buffer
BATCH = 1000


def command(*args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    out.write(b"".join(parts))


def batched(verb, key, items, width):
    """One command per BATCH items; each item contributes `width` arguments."""
    for start in range(0, len(items), BATCH):
        args = []
        for item in items[start:start + BATCH]:
            args.extend(item if width > 1 else (item,))
        command(verb, key, *args)


def main():
    rng = random.Random(7)
    name = sys.argv[1]
    if name == "strings_1m":
        for start in range(0, 10**6, BATCH):
            args = []
            for i in range(start, start + BATCH):
                args.extend(("key:%07d" % i, "value:%07d" % i))
            command("MSET", *args)
    elif name == "zset_1m":
        batched("ZADD", "z", [(rng.random() * 1e6, "member:%07d" % i) for i in range(10**6)], 2)
    elif name == "zset_100k_x10":
        for k in range(10**5):
            command("ZADD", "z:%d" % k, *[x for j in range(10) for x in (j * 1.5, "m%d" % j)])
    elif name == "hash_100k_x10":
        for k in range(10**5):
            command("HSET", "h:%d" % k,
                    *[x for j in range(10) for x in ("field%d" % j, "value-%d" % (k + j))])
    elif name == "hash_1m":
        batched("HSET", "h", [("field:%07d" % i, "value:%07d" % i) for i in range(10**6)], 2)
    elif name == "list_1m":
        batched("RPUSH", "l", ["item:%06d" % i for i in range(10**6)], 1)
    elif name == "list_100k_x10":
        for k in range(10**5):
            command("RPUSH", "l:%d" % k, *["item:%d" % j for j in range(10)])
    elif name == "set_int_1m":
        batched("SADD", "s", [str(i * 7) for i in range(10**6)], 1)
    elif name == "set_str_1m":
        batched("SADD", "s", ["member:%07d" % i for i in range(10**6)], 1)
    elif name == "set_str_100k_x10":
        for k in range(10**5):
            command("SADD", "s:%d" % k, *["tag%d" % j for j in range(10)])
    else:
        sys.exit("unknown dataset %s" % name)


if __name__ == "__main__":
    main()
