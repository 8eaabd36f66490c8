//! Redis 7's cardinality estimator: Otmar Ertl's improved raw estimator over the register
//! histogram (no bias tables, no linear-counting switch), rounded to the nearest integer.

use super::{REGISTERS, RUN_BITS};

/// 1 / (2 ln 2), the estimator's constant for m -> infinity.
const ALPHA_INF: f64 = 0.721_347_520_444_481_7;

/// The estimate from a histogram of register values (index = value).
pub(super) fn estimate(histogram: &[u32; 64]) -> u64 {
    let m = REGISTERS as f64;
    let q = RUN_BITS as usize;
    let mut z = m * tau((m - f64::from(histogram[q + 1])) / m);
    for value in (1..=q).rev() {
        z += f64::from(histogram[value]);
        z *= 0.5;
    }
    z += m * sigma(f64::from(histogram[0]) / m);
    // An all-zero HyperLogLog gives z = inf and so 0, as in Redis.
    (ALPHA_INF * m * m / z).round() as u64
}

/// The estimate from one byte per register (PFCOUNT of several keys).
pub fn count_registers(registers: &[u8]) -> u64 {
    let mut histogram = [0u32; 64];
    for value in registers {
        histogram[usize::from(*value & 0x3f)] += 1;
    }
    estimate(&histogram)
}

/// sigma(x) = x + sum_k x^(2^k) 2^(k-1), iterated until it stops changing.
fn sigma(mut x: f64) -> f64 {
    if x == 1.0 {
        return f64::INFINITY;
    }
    let mut weight = 1.0;
    let mut z = x;
    loop {
        x *= x;
        let before = z;
        z += x * weight;
        weight += weight;
        if before == z {
            return z;
        }
    }
}

/// tau(x) = (1 - x - sum_k (1 - x^(2^-k))^2 2^-k) / 3, iterated until it stops changing.
fn tau(mut x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        return 0.0;
    }
    let mut weight = 1.0;
    let mut z = 1.0 - x;
    loop {
        x = x.sqrt();
        let before = z;
        weight *= 0.5;
        z -= (1.0 - x).powi(2) * weight;
        if before == z {
            return z / 3.0;
        }
    }
}
