//! Redis's intset byte format: the RDB form of small all-integer sets.
//!
//! Layout: element width in bytes (u32 LE: 2, 4 or 8), count (u32 LE), then the values
//! sorted ascending, each little endian in that width.

use crate::error::RdbError;

/// The intset of `values`, which must be sorted ascending and distinct.
pub fn build(values: &[i64]) -> Vec<u8> {
    let width = values.iter().map(|&v| width_of(v)).max().unwrap_or(2);
    let mut out = Vec::with_capacity(8 + width * values.len());
    out.extend_from_slice(&(width as u32).to_le_bytes());
    out.extend_from_slice(&(values.len() as u32).to_le_bytes());
    for &v in values {
        out.extend_from_slice(&v.to_le_bytes()[..width]);
    }
    out
}

/// Bytes needed to hold `v`.
fn width_of(v: i64) -> usize {
    if i16::try_from(v).is_ok() {
        2
    } else if i32::try_from(v).is_ok() {
        4
    } else {
        8
    }
}

/// The values of an intset, checking its structure and order.
pub fn parse(blob: &[u8]) -> Result<Vec<i64>, RdbError> {
    let bad = |what: &str| RdbError::corrupt(format!("intset: {what}"));
    let header = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(blob.get(at..at + 4)?.try_into().ok()?))
    };
    let (Some(width), Some(count)) = (header(0), header(4)) else {
        return Err(bad("too short"));
    };
    let width = width as usize;
    if ![2, 4, 8].contains(&width) || blob.len() != 8 + width * count as usize {
        return Err(bad("width or size"));
    }
    let values: Vec<i64> = blob[8..]
        .chunks_exact(width)
        .map(|chunk| {
            let mut raw = [0u8; 8];
            raw[..width].copy_from_slice(chunk);
            let shift = 64 - 8 * width as u32;
            (i64::from_le_bytes(raw) << shift) >> shift
        })
        .collect();
    if values.windows(2).any(|w| w[0] >= w[1]) {
        return Err(bad("values out of order"));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_bytes_redis_dumps() {
        // From redis-server 7.0: SADD si 1 2 3, the intset inside DUMP si.
        assert_eq!(
            build(&[1, 2, 3]),
            b"\x02\x00\x00\x00\x03\x00\x00\x00\x01\x00\x02\x00\x03\x00".to_vec()
        );
    }

    #[test]
    fn widths_follow_the_extremes() {
        for values in [vec![-40000, 5], vec![1, i64::MAX], vec![i64::MIN], vec![]] {
            assert_eq!(parse(&build(&values)).unwrap(), values);
        }
        assert_eq!(build(&[-40000])[0], 4);
        assert!(parse(&build(&[2, 1])).is_err());
    }
}
