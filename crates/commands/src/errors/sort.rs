//! Error strings of the sort commands, byte-identical to Redis's.
