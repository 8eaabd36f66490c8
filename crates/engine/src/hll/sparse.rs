//! The sparse form: after the header, opcodes covering the registers in order.
//! ZERO `00xxxxxx`: 1..64 zero registers. XZERO `01xxxxxx yyyyyyyy`: 1..16384 zero registers.
//! VAL `1vvvvvxx`: 1..4 registers of value 1..32. The opcodes of a valid HyperLogLog cover
//! exactly 16384 registers; bytes past that (APPEND) make it corrupt for counting.

use super::{dense, Corrupt, DENSE_LEN, ENCODING_AT, HEADER_LEN, REGISTERS, SPARSE_VAL_MAX};

const ZERO_MAX: usize = 64;
const VAL_MAX_LEN: usize = 4;
/// How many opcodes after a change are checked for mergeable neighbours (as Redis).
const MERGE_SCAN: usize = 5;

/// One decoded opcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    /// A run of zero registers (ZERO or XZERO).
    Zeros(usize),
    /// A run of registers holding one value.
    Val(u8, usize),
}

impl Op {
    fn span(self) -> usize {
        match self {
            Op::Zeros(len) | Op::Val(_, len) => len,
        }
    }
}

/// The opcode at `pos` and its byte length; a cut-off XZERO reads a zero second byte, as
/// Redis reads its string terminator.
pub(super) fn op_at(bytes: &[u8], pos: usize) -> (Op, usize) {
    let byte = bytes.get(pos).copied().unwrap_or(0);
    if byte & 0x80 != 0 {
        let value = ((byte >> 2) & 0x1f) + 1;
        (Op::Val(value, usize::from(byte & 0x03) + 1), 1)
    } else if byte & 0x40 != 0 {
        let low = usize::from(bytes.get(pos + 1).copied().unwrap_or(0));
        ((Op::Zeros(((usize::from(byte & 0x3f) << 8) | low) + 1)), 2)
    } else {
        (Op::Zeros(usize::from(byte & 0x3f) + 1), 1)
    }
}

/// Appends the opcode for a run of `len` (1..=16384) zero registers.
pub(super) fn push_zeros(out: &mut Vec<u8>, len: usize) {
    let code = len - 1;
    if len > ZERO_MAX {
        out.push(0x40 | ((code >> 8) as u8 & 0x3f));
        out.push((code & 0xff) as u8);
    } else {
        out.push(code as u8);
    }
}

/// A VAL opcode: `len` (1..=4) registers of `value` (1..=32).
fn val(value: u8, len: usize) -> u8 {
    0x80 | ((value - 1) << 2) | ((len - 1) as u8)
}

/// What [`raise`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Raised {
    /// The register already held as much.
    Unchanged,
    /// The register changed in place.
    Updated,
    /// The value or the grown size does not fit the sparse form: convert and retry dense.
    NeedsDense,
}

/// Raises register `index` to `value` in a sparse HyperLogLog whose new length may not
/// exceed `max_bytes`. `Corrupt` when no opcode covers `index`.
pub(super) fn raise(
    bytes: &mut Vec<u8>,
    index: usize,
    value: u8,
    max_bytes: usize,
) -> Result<Raised, Corrupt> {
    if value > SPARSE_VAL_MAX {
        return Ok(Raised::NeedsDense);
    }
    let end = bytes.len();
    let (mut pos, mut first, mut prev) = (HEADER_LEN, 0usize, None);
    let (op, op_len) = loop {
        if pos >= end {
            return Err(Corrupt);
        }
        let (op, op_len) = op_at(bytes, pos);
        if index < first + op.span() {
            break (op, op_len);
        }
        prev = Some(pos);
        pos += op_len;
        first += op.span();
    };
    let replacement = match op {
        Op::Val(old, _) if old >= value => return Ok(Raised::Unchanged),
        Op::Val(_, 1) | Op::Zeros(1) if op_len == 1 => vec![val(value, 1)],
        _ => split(op, first, index, value),
    };
    let delta = replacement.len() as isize - op_len as isize;
    if delta > 0 && end + delta as usize > max_bytes {
        return Ok(Raised::NeedsDense);
    }
    let new_len = (end as isize + delta) as usize;
    let tail = bytes.split_off((pos + op_len).min(end));
    bytes.truncate(pos);
    bytes.extend_from_slice(&replacement);
    bytes.extend_from_slice(&tail);
    // A cut-off XZERO at the very end loses a byte here, exactly as in Redis.
    bytes.truncate(new_len);
    merge_neighbours(bytes, prev.unwrap_or(HEADER_LEN));
    super::invalidate_cache(bytes);
    Ok(Raised::Updated)
}

/// The opcodes replacing `op` (starting at register `first`) once `index` holds `value`:
/// the part before, the single register, the part after.
fn split(op: Op, first: usize, index: usize, value: u8) -> Vec<u8> {
    let last = first + op.span() - 1;
    let mut out = Vec::with_capacity(5);
    let run = |out: &mut Vec<u8>, len: usize| match op {
        Op::Zeros(_) => push_zeros(out, len),
        Op::Val(old, _) => out.push(val(old, len)),
    };
    if index != first {
        run(&mut out, index - first);
    }
    out.push(val(value, 1));
    if index != last {
        run(&mut out, last - index);
    }
    out
}

/// Joins adjacent VAL opcodes of equal value, scanning a few opcodes from `pos`.
fn merge_neighbours(bytes: &mut Vec<u8>, mut pos: usize) {
    let mut scans = MERGE_SCAN;
    while pos < bytes.len() && scans > 0 {
        scans -= 1;
        let (op, op_len) = op_at(bytes, pos);
        let Op::Val(value, len) = op else {
            pos += op_len;
            continue;
        };
        if pos + 1 < bytes.len() {
            if let (Op::Val(next_value, next_len), _) = op_at(bytes, pos + 1) {
                if next_value == value && len + next_len <= VAL_MAX_LEN {
                    bytes[pos + 1] = val(value, len + next_len);
                    bytes.remove(pos);
                    continue;
                }
            }
        }
        pos += 1;
    }
}

/// The dense copy of a sparse HyperLogLog (header kept, encoding switched).
pub(super) fn to_dense(bytes: &[u8]) -> Result<Vec<u8>, Corrupt> {
    let mut out = vec![0u8; DENSE_LEN];
    out[..HEADER_LEN].copy_from_slice(bytes.get(..HEADER_LEN).ok_or(Corrupt)?);
    out[ENCODING_AT] = 0;
    let packed = &mut out[HEADER_LEN..];
    walk(bytes, |index, value| dense::set(packed, index, value))?;
    Ok(out)
}

/// Counts registers per value.
pub(super) fn histogram(bytes: &[u8], histogram: &mut [u32; 64]) -> Result<(), Corrupt> {
    // Unlike merging, counting adds up every opcode (no overflow stop) before checking.
    let (mut pos, mut covered) = (HEADER_LEN, 0usize);
    while pos < bytes.len() {
        let (op, op_len) = op_at(bytes, pos);
        let value = match op {
            Op::Zeros(_) => 0,
            Op::Val(value, _) => value,
        };
        histogram[usize::from(value)] += op.span() as u32;
        covered += op.span();
        pos += op_len;
    }
    if covered == REGISTERS {
        Ok(())
    } else {
        Err(Corrupt)
    }
}

/// Raises each of `max` to the matching register.
pub(super) fn merge_into(max: &mut [u8], bytes: &[u8]) -> Result<(), Corrupt> {
    walk(bytes, |index, value| {
        if let Some(slot) = max.get_mut(index) {
            *slot = (*slot).max(value);
        }
    })
}

/// Calls `visit` for every non-zero register; `Corrupt` unless the opcodes cover exactly
/// the registers (any run past the end stops the walk: the CVE-2025-32023 fix the oracle
/// carries).
fn walk(bytes: &[u8], mut visit: impl FnMut(usize, u8)) -> Result<(), Corrupt> {
    let (mut pos, mut index) = (HEADER_LEN, 0usize);
    while pos < bytes.len() {
        let (op, op_len) = op_at(bytes, pos);
        if index + op.span() > REGISTERS {
            return Err(Corrupt);
        }
        if let Op::Val(value, len) = op {
            (index..index + len).for_each(|i| visit(i, value));
        }
        index += op.span();
        pos += op_len;
    }
    if index == REGISTERS {
        Ok(())
    } else {
        Err(Corrupt)
    }
}

/// PFDEBUG DECODE: `z:len`, `Z:len`, `v:value,len` separated by spaces.
pub(super) fn decode(bytes: &[u8]) -> String {
    let mut parts = Vec::new();
    let mut pos = HEADER_LEN;
    while pos < bytes.len() {
        let (op, op_len) = op_at(bytes, pos);
        parts.push(match (op, op_len) {
            (Op::Zeros(len), 1) => format!("z:{len}"),
            (Op::Zeros(len), _) => format!("Z:{len}"),
            (Op::Val(value, len), _) => format!("v:{value},{len}"),
        });
        pos += op_len;
    }
    parts.join(" ")
}
