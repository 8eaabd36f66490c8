//! Redis's listpack byte format, as `engine::listpack` implements it, with parse errors in
//! this crate's terms.

pub use engine::listpack::{Element, Listpack as ListpackWriter};

use crate::error::RdbError;

/// The elements of a listpack, checking its structure.
pub fn parse(lp: &[u8]) -> Result<Vec<Element<'_>>, RdbError> {
    engine::listpack::parse(lp).map_err(|m| RdbError::corrupt(format!("listpack: {}", m.0)))
}
