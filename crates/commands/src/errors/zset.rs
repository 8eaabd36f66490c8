//! Error strings of the zset commands, byte-identical to Redis's.
