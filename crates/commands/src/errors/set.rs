//! Error strings of the set commands, byte-identical to Redis's.
