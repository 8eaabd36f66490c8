//! RESP2/RESP3 replies as raw frames, decoded values and redis-cli-like text.

pub mod frame;
pub mod render;
pub mod value;
