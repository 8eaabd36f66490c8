//! Redis's RDB format for ringkv: snapshot files and DUMP/RESTORE payloads.
//!
//! - Writing ([`Encoder`], [`key_record`]): the file Redis 7.0 writes, version 10, with each
//!   value in the RDB type Redis would pick for an object in the same encoding (listpacks and
//!   intsets for compact collections, quicklists of listpacks for lists), Redis's string
//!   encodings (small integers, LZF above 20 bytes) and a CRC-64 trailer.
//! - Reading ([`Decoder`]): files of versions 1 to 11, key by key, including the encodings
//!   older versions wrote (ziplists, zipmaps, plain lists, text scores) and 7.2's set
//!   listpacks, and streams of every format. Module values are refused with an error naming
//!   the key.
//! - Payloads ([`dump`]): DUMP's `<type><body><version><crc>` and RESTORE's checks.
//!
//! Architecture Invariants: no sockets, no files of its own, no clock: callers hand in a
//! `Read` or `Write` and the times to record; values are `engine` values, built with the
//! caller's encoding limits.

pub mod crc64;
pub mod dump;
pub mod error;
pub mod format;
pub mod intset;
pub mod listpack;
pub mod lzf;
pub mod read;
pub mod write;
pub mod ziplist;

#[cfg(test)]
mod tests;

pub use error::RdbError;
pub use read::{Decoder, Item, KeyEntry};
pub use write::{key_record, Encoder, SnapshotInfo};
