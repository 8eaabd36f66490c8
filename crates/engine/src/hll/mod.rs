//! HyperLogLog strings in Redis's byte layout: a 16-byte header (`HYLL`, the encoding, three
//! unused bytes, the cached cardinality) followed by 16384 six-bit registers, either packed
//! (dense) or run-length coded (sparse). Everything works on the string's bytes so GET, DUMP
//! and replication see exactly what Redis would store.

mod dense;
mod estimate;
mod murmur;
mod selftest;
mod sparse;
#[cfg(test)]
mod tests;

pub use estimate::count_registers;
pub use murmur::{murmur64a, HLL_SEED};
pub use selftest::self_test;

/// Number of registers (2^14).
pub const REGISTERS: usize = 1 << PRECISION;
/// Bits of the hash that pick the register.
const PRECISION: u32 = 14;
/// Hash bits left to count the run of zeros in.
const RUN_BITS: u32 = 64 - PRECISION;
/// Header size in bytes.
pub const HEADER_LEN: usize = 16;
/// Byte length of a dense HyperLogLog.
pub const DENSE_LEN: usize = HEADER_LEN + (REGISTERS * 6).div_ceil(8);
/// The largest register value the sparse form can hold.
pub const SPARSE_VAL_MAX: u8 = 32;

const MAGIC: &[u8; 4] = b"HYLL";
const ENCODING_AT: usize = 4;
const CARD_AT: usize = 8;
/// Top bit of the cardinality's last byte: the cached value is stale.
const CACHE_STALE: u8 = 0x80;

/// The two stored encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// 16384 packed six-bit registers.
    Dense,
    /// Run-length opcodes (ZERO, XZERO, VAL).
    Sparse,
}

impl Encoding {
    /// The name PFDEBUG ENCODING answers.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Dense => "dense",
            Encoding::Sparse => "sparse",
        }
    }
}

/// The registers of a HyperLogLog do not add up: Redis's "Corrupted HLL object".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrupt;

/// The encoding of `bytes` when they pass Redis's HyperLogLog check (magic, known encoding,
/// exact dense length); `None` when the string is not a HyperLogLog.
pub fn encoding_of(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < HEADER_LEN || !bytes.starts_with(MAGIC) {
        return None;
    }
    match bytes[ENCODING_AT] {
        0 if bytes.len() == DENSE_LEN => Some(Encoding::Dense),
        1 => Some(Encoding::Sparse),
        _ => None,
    }
}

/// A new, empty HyperLogLog: sparse, one XZERO covering every register, cached count 0.
pub fn empty() -> Vec<u8> {
    let mut bytes = vec![0u8; HEADER_LEN];
    bytes[..4].copy_from_slice(MAGIC);
    bytes[ENCODING_AT] = 1;
    sparse::push_zeros(&mut bytes, REGISTERS);
    bytes
}

/// The register an element lands in and the value it proposes there (the position of the
/// first set bit in the rest of its hash, 1-based; at most 51).
pub fn register_of(element: &[u8]) -> (usize, u8) {
    let hash = murmur64a(element, HLL_SEED);
    let index = (hash as usize) & (REGISTERS - 1);
    // A sentinel bit bounds the run so the value never exceeds RUN_BITS + 1.
    let rest = (hash >> PRECISION) | (1u64 << RUN_BITS);
    (index, rest.trailing_zeros() as u8 + 1)
}

/// Adds `element`; `Ok(true)` when a register grew. The cache is left to the caller.
pub fn add(bytes: &mut Vec<u8>, element: &[u8], sparse_max_bytes: usize) -> Result<bool, Corrupt> {
    let (index, value) = register_of(element);
    raise_register(bytes, index, value, sparse_max_bytes)
}

/// Raises register `index` to `value` when that is higher; `Ok(true)` when it changed. A
/// sparse HyperLogLog turns dense when the value or the new size does not fit sparse.
pub fn raise_register(
    bytes: &mut Vec<u8>,
    index: usize,
    value: u8,
    sparse_max_bytes: usize,
) -> Result<bool, Corrupt> {
    if value == 0 {
        return Ok(false);
    }
    match encoding_of(bytes) {
        Some(Encoding::Dense) => Ok(dense::raise(registers_mut(bytes), index, value)),
        Some(Encoding::Sparse) => match sparse::raise(bytes, index, value, sparse_max_bytes)? {
            sparse::Raised::Unchanged => Ok(false),
            sparse::Raised::Updated => Ok(true),
            sparse::Raised::NeedsDense => {
                to_dense(bytes)?;
                Ok(dense::raise(registers_mut(bytes), index, value))
            }
        },
        None => Err(Corrupt),
    }
}

/// Converts a sparse HyperLogLog to dense in place, keeping the header (cache included);
/// `Ok(true)` when it converted, `Ok(false)` when it was dense already.
pub fn to_dense(bytes: &mut Vec<u8>) -> Result<bool, Corrupt> {
    if encoding_of(bytes) != Some(Encoding::Sparse) {
        return Ok(false);
    }
    *bytes = sparse::to_dense(bytes)?;
    Ok(true)
}

/// The cached cardinality, when the cache is current.
pub fn cached_count(bytes: &[u8]) -> Option<u64> {
    let card: [u8; 8] = bytes.get(CARD_AT..HEADER_LEN)?.try_into().ok()?;
    (card[7] & CACHE_STALE == 0).then(|| u64::from_le_bytes(card))
}

/// Stores `card` as the cached cardinality (a current cache).
pub fn store_count(bytes: &mut [u8], card: u64) {
    if let Some(slot) = bytes.get_mut(CARD_AT..HEADER_LEN) {
        slot.copy_from_slice(&card.to_le_bytes());
    }
}

/// Marks the cached cardinality stale.
pub fn invalidate_cache(bytes: &mut [u8]) {
    if let Some(last) = bytes.get_mut(HEADER_LEN - 1) {
        *last |= CACHE_STALE;
    }
}

/// The estimated cardinality from the registers (ignoring the cache).
pub fn count(bytes: &[u8]) -> Result<u64, Corrupt> {
    let mut histogram = [0u32; 64];
    match encoding_of(bytes) {
        Some(Encoding::Dense) => dense::histogram(registers(bytes), &mut histogram),
        Some(Encoding::Sparse) => sparse::histogram(bytes, &mut histogram)?,
        None => return Err(Corrupt),
    }
    Ok(estimate::estimate(&histogram))
}

/// Raises each of `max` (one byte per register) to the HyperLogLog's register value.
pub fn merge_into(max: &mut [u8], bytes: &[u8]) -> Result<(), Corrupt> {
    match encoding_of(bytes) {
        Some(Encoding::Dense) => {
            dense::merge_into(max, registers(bytes));
            Ok(())
        }
        Some(Encoding::Sparse) => sparse::merge_into(max, bytes),
        None => Err(Corrupt),
    }
}

/// Every register's value of a dense HyperLogLog (empty for another string).
pub fn dense_registers(bytes: &[u8]) -> Vec<u8> {
    if encoding_of(bytes) != Some(Encoding::Dense) {
        return Vec::new();
    }
    let packed = registers(bytes);
    (0..REGISTERS).map(|i| dense::get(packed, i)).collect()
}

/// PFDEBUG DECODE's listing of a sparse HyperLogLog's opcodes.
pub fn decode(bytes: &[u8]) -> String {
    sparse::decode(bytes)
}

fn registers(bytes: &[u8]) -> &[u8] {
    bytes.get(HEADER_LEN..).unwrap_or(&[])
}

fn registers_mut(bytes: &mut [u8]) -> &mut [u8] {
    bytes.get_mut(HEADER_LEN..).unwrap_or(&mut [])
}
