//! Redis ACLs: users with passwords and selectors, the rule language of ACL SETUSER and the
//! ACL file, describing users back as rules (ACL GETUSER / LIST), permission checks and the
//! ACL log.
//!
//! Rules name commands from Redis's whole command table ([`universe`]), including ones ringkv
//! does not serve yet, so that ACL files written for Redis load unchanged and users describe
//! exactly as Redis describes them.

pub mod bits;
pub mod category;
pub mod check;
pub mod command;
pub mod describe;
pub mod error;
pub mod log;
pub mod password;
pub mod selector;
pub mod universe;
pub mod user;
pub mod users;

pub use check::{check, Call, Denial, KeyUse};
pub use error::RuleError;
pub use selector::Selector;
pub use user::User;
pub use users::{SetUserError, Users};

#[cfg(test)]
mod tests;
