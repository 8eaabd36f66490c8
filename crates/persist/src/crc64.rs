//! CRC-64 as Redis computes it for RDB files and DUMP payloads: the Jones polynomial
//! (0xad93d23594c935a9), reflected input and output, initial value 0, no final xor.

/// The Jones polynomial, bit-reversed for the reflected (least significant bit first) form.
const POLY_REFLECTED: u64 = 0x95ac_9329_ac4b_c9b5;

/// One entry per byte value: the CRC of that byte alone, shifted through eight rounds.
const TABLE: [u64; 256] = build_table();

const fn build_table() -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u64;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ POLY_REFLECTED
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
}

/// Continues `crc` over `bytes` (start from 0), as Redis's `crc64(crc, s, l)`.
pub fn crc64(mut crc: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        crc = TABLE[((crc ^ b as u64) & 0xff) as usize] ^ (crc >> 8);
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::crc64;

    #[test]
    fn check_value_of_the_standard_test_vector() {
        assert_eq!(crc64(0, b"123456789"), 0xe9c6_d914_c4b8_d9ca);
    }

    #[test]
    fn continuing_equals_one_pass() {
        let whole = crc64(0, b"hello world");
        assert_eq!(crc64(crc64(0, b"hello "), b"world"), whole);
        assert_eq!(crc64(0, b""), 0);
    }
}
