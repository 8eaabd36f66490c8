//! Error strings of the hash commands, byte-identical to Redis's.
