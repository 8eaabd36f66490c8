//! LZF, the compression RDB files use for long strings.
//!
//! [`compress`] makes the same choices as the liblzf 3.6 build in Redis (a 2^16-slot hash of
//! three-byte prefixes, "very fast" mode, no reference to the first input byte, the same output
//! bound checks; no later version's refusal of matches in the last four bytes), so that
//! ringkv's files and DUMP payloads carry the bytes Redis 7.0's would. Redis leaves its hash
//! table uninitialised, so a stale slot can, rarely, make it choose another (equally valid)
//! match; ringkv's table starts empty.

/// Bits of the hash table index.
const HLOG: u32 = 16;
/// Slots in the hash table.
const HSIZE: usize = 1 << HLOG;
/// Longest literal run.
const MAX_LIT: usize = 1 << 5;
/// Farthest back a reference reaches.
const MAX_OFF: usize = 1 << 13;
/// Longest back reference.
const MAX_REF: usize = (1 << 8) + (1 << 3);

/// The table slot of the three bytes folded into `h`.
fn slot(h: u32) -> usize {
    ((h >> (3 * 8 - HLOG)).wrapping_sub(h.wrapping_mul(5)) & (HSIZE as u32 - 1)) as usize
}

/// Compresses `input` into at most `out_len` bytes (give or take the final literal header, as
/// the C code allows); `None` when it does not fit, which Redis takes as "store it raw".
pub fn compress(input: &[u8], out_len: usize) -> Option<Vec<u8>> {
    let n = input.len();
    if n == 0 || out_len == 0 {
        return None;
    }
    let mut out = vec![0u8; out_len + 4];
    // Positions of the last occurrence of each hashed prefix; 0 doubles as "none", since
    // the first input byte is never referenced.
    let mut table = vec![0usize; HSIZE];
    let (mut ip, mut op, mut lit) = (0usize, 1usize, 0usize);
    let mut hval = (u32::from(input[0]) << 8) | u32::from(input.get(1).copied().unwrap_or(0));
    while ip + 2 < n {
        hval = (hval << 8) | u32::from(input[ip + 2]);
        let at = slot(hval);
        let r = table[at];
        table[at] = ip;
        let off = ip.wrapping_sub(r).wrapping_sub(1);
        if r > 0 && r < ip && off < MAX_OFF && input[r..r + 3] == input[ip..ip + 3] {
            out[op - lit - 1] = (lit as u8).wrapping_sub(1);
            if lit == 0 {
                op -= 1;
            }
            if op + 3 + 1 >= out_len {
                return None;
            }
            let len = match_length(input, r, ip) - 2;
            ip += 1;
            if len < 7 {
                out[op] = ((off >> 8) + (len << 5)) as u8;
                op += 1;
            } else {
                out[op] = ((off >> 8) + (7 << 5)) as u8;
                out[op + 1] = (len - 7) as u8;
                op += 2;
            }
            out[op] = off as u8;
            op += 2;
            lit = 0;
            ip += len + 1;
            if ip + 2 >= n {
                break;
            }
            // Hash the two positions just before the new one, as "very fast" mode does.
            ip -= 2;
            hval = (u32::from(input[ip]) << 8) | u32::from(input[ip + 1]);
            for _ in 0..2 {
                hval = (hval << 8) | u32::from(input[ip + 2]);
                table[slot(hval)] = ip;
                ip += 1;
            }
        } else {
            if op >= out_len {
                return None;
            }
            push_literal(&mut out, &mut op, &mut lit, input[ip]);
            ip += 1;
        }
    }
    if op + 3 > out_len {
        return None;
    }
    while ip < n {
        push_literal(&mut out, &mut op, &mut lit, input[ip]);
        ip += 1;
    }
    out[op - lit - 1] = (lit as u8).wrapping_sub(1);
    if lit == 0 {
        op -= 1;
    }
    out.truncate(op);
    Some(out)
}

/// Bytes that match between `r` and `ip` (at least 3), measured as liblzf does: sixteen
/// unchecked steps while far from the end, then up to its limit.
fn match_length(input: &[u8], r: usize, ip: usize) -> usize {
    let maxlen = (input.len() - ip - 2).min(MAX_REF);
    let mut len = 2;
    if maxlen > 16 {
        for _ in 0..16 {
            len += 1;
            if input[r + len] != input[ip + len] {
                return len;
            }
        }
    }
    loop {
        len += 1;
        if !(len < maxlen && input[r + len] == input[ip + len]) {
            return len;
        }
    }
}

/// Appends one literal byte, closing the run when it is full.
fn push_literal(out: &mut [u8], op: &mut usize, lit: &mut usize, byte: u8) {
    *lit += 1;
    out[*op] = byte;
    *op += 1;
    if *lit == MAX_LIT {
        out[*op - *lit - 1] = (*lit - 1) as u8;
        *lit = 0;
        *op += 1;
    }
}

/// Decompresses `input`, which must expand to exactly `expected_len` bytes.
pub fn decompress(input: &[u8], expected_len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(expected_len);
    let mut ip = 0;
    while ip < input.len() {
        let ctrl = usize::from(input[ip]);
        ip += 1;
        if ctrl < MAX_LIT {
            let run = input.get(ip..ip + ctrl + 1)?;
            if out.len() + run.len() > expected_len {
                return None;
            }
            out.extend_from_slice(run);
            ip += ctrl + 1;
            continue;
        }
        let mut len = ctrl >> 5;
        if len == 7 {
            len += usize::from(*input.get(ip)?);
            ip += 1;
        }
        let low = usize::from(*input.get(ip)?);
        ip += 1;
        let back = ((ctrl & 0x1f) << 8) + low + 1;
        let start = out.len().checked_sub(back)?;
        if out.len() + len + 2 > expected_len {
            return None;
        }
        // Byte by byte: the reference may overlap what it produces (runs).
        for i in 0..len + 2 {
            let byte = out[start + i];
            out.push(byte);
        }
    }
    (out.len() == expected_len).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repetitive_input_shrinks_and_comes_back() {
        let input = b"abcabcabcabcabcabcabcabcabcabcabcabcabcabc".repeat(3);
        let packed = compress(&input, input.len() - 4).expect("compressible");
        assert!(packed.len() < input.len() / 2);
        assert_eq!(decompress(&packed, input.len()).unwrap(), input);
    }

    #[test]
    fn incompressible_input_does_not_fit() {
        let input: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(97) ^ 0x5a).collect();
        assert_eq!(compress(&input, input.len() - 4), None);
    }

    #[test]
    fn corrupt_streams_are_refused() {
        assert_eq!(decompress(&[0x20, 0x05], 10), None); // reference before the start
        assert_eq!(decompress(&[0x05, b'a'], 6), None); // literal runs past the input
        assert_eq!(decompress(&[0x00, b'a'], 2), None); // too short
    }

    proptest! {
        #[test]
        fn round_trip(input in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), any::<u8>()], 1..3000)) {
            if let Some(packed) = compress(&input, input.len() + 64) {
                prop_assert_eq!(decompress(&packed, input.len()).unwrap(), input);
            }
        }
    }
}
