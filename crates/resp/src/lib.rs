//! RESP2/RESP3: request parsing and reply encoding.
//!
//! Architecture Invariants: this crate does no I/O, knows no runtime, and depends on no other
//! crate of ours. The request parser works in place over the caller's read buffer and reports
//! argument positions, so the hot path allocates nothing per command. Replies are a plain value
//! model ([`Reply`]) that only the connection encodes, choosing RESP2 or RESP3 at that moment.

mod encode;
mod error;
mod reply;
mod request;

pub use encode::{encode, format_double, write_bulk, write_int, Protocol};
pub use error::ProtocolError;
pub use reply::{InlineBulk, Reply, ReplyError, INLINE_BULK_MAX};
pub use request::{ArgSpan, Parsed, RequestLimits, RequestParser};
