//! Error strings of the list commands, byte-identical to Redis's.
