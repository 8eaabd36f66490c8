//! ringkv's configuration: every parameter Redis 7.2's `CONFIG GET *` lists, plus ringkv's own
//! (`shards`, `spin-before-park-us`, `allow-root`), with Redis's names, aliases, bounds,
//! defaults, flags and error texts.
//!
//! Reads redis.conf text ([`Config::apply_file`]) and redis-server style arguments
//! ([`Config::apply_args`]); answers CONFIG GET ([`Config::get`]), CONFIG SET ([`Config::set`])
//! and CONFIG REWRITE ([`Config::rewrite`]); gives the server typed values (`port()`, `bind()`,
//! `maxmemory()`, ...).
//!
//! Architecture Invariants: `config` is pure. It opens no file, changes no directory, binds no
//! socket and knows no runtime: the caller hands it texts (and an [`IncludeLoader`] for
//! `include`), and applies the effects of changed parameters itself. Parameters are data: one
//! entry per parameter in the registry table drives parsing, printing and rewriting.

mod accessors;
mod config;
mod error;
mod file;
mod parse;
pub mod registry;
mod rewrite;
pub mod special;
mod splitargs;
#[cfg(test)]
mod tests;
mod value;

pub use accessors::ProtectedAction;
pub use config::{Config, RenameCommand, SetContext};
pub use error::ConfigError;
pub use file::{args_to_text, IncludeLoader, NoIncludes};
pub use splitargs::{repr, split_args};
pub use value::{ClientClass, OutputLimit, SavePoint};
