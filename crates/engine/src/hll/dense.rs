//! The dense form: 16384 six-bit registers packed little-endian, register `i` starting at
//! bit `6 * i`. The last register ends inside the last byte, so the byte after it is never
//! needed (Redis reads its string terminator there).

use super::REGISTERS;

const MASK: u32 = 0x3f;

/// Register `index`'s value.
pub(super) fn get(packed: &[u8], index: usize) -> u8 {
    let bit = index * 6;
    let (byte, shift) = (bit / 8, (bit % 8) as u32);
    let low = u32::from(packed.get(byte).copied().unwrap_or(0));
    let high = u32::from(packed.get(byte + 1).copied().unwrap_or(0));
    (((low >> shift) | (high << (8 - shift))) & MASK) as u8
}

/// Sets register `index` to `value` (six bits).
pub(super) fn set(packed: &mut [u8], index: usize, value: u8) {
    let bit = index * 6;
    let (byte, shift) = (bit / 8, (bit % 8) as u32);
    let value = u32::from(value) & MASK;
    if let Some(low) = packed.get_mut(byte) {
        *low = ((u32::from(*low) & !(MASK << shift)) | (value << shift)) as u8;
    }
    if shift > 2 {
        if let Some(high) = packed.get_mut(byte + 1) {
            let spill = 8 - shift;
            *high = ((u32::from(*high) & !(MASK >> spill)) | (value >> spill)) as u8;
        }
    }
}

/// Raises register `index` to `value` when higher; whether it changed.
pub(super) fn raise(packed: &mut [u8], index: usize, value: u8) -> bool {
    if index >= REGISTERS || get(packed, index) >= value {
        return false;
    }
    set(packed, index, value);
    true
}

/// Counts registers per value.
pub(super) fn histogram(packed: &[u8], histogram: &mut [u32; 64]) {
    for index in 0..REGISTERS {
        histogram[usize::from(get(packed, index))] += 1;
    }
}

/// Raises each of `max` to the matching register.
pub(super) fn merge_into(max: &mut [u8], packed: &[u8]) {
    for (index, slot) in max.iter_mut().enumerate().take(REGISTERS) {
        *slot = (*slot).max(get(packed, index));
    }
}
