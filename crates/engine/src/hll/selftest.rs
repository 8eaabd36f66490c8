//! PFSELFTEST: checks the register packing and that sparse and dense forms agree and
//! estimate within the expected error, as Redis's self test does (on fewer elements).

use super::{dense, REGISTERS};

/// Elements added in the estimate test.
const ELEMENTS: u64 = 100_000;
/// Standard error of the estimator with 16384 registers: 1.04 / sqrt(m).
const STANDARD_ERROR: f64 = 0.008125;

/// Runs the self test; the error names the first failed check.
pub fn self_test() -> Result<(), String> {
    check_packing()?;
    check_estimates()
}

/// Writes pseudo-random values to every register of a dense array and reads them back.
fn check_packing() -> Result<(), String> {
    let mut packed = vec![0u8; super::DENSE_LEN - super::HEADER_LEN];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for round in 0..4 {
        let mut expected = Vec::with_capacity(REGISTERS);
        for index in 0..REGISTERS {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let value = (seed % 64) as u8;
            dense::set(&mut packed, index, value);
            expected.push(value);
        }
        for (index, value) in expected.iter().enumerate() {
            if dense::get(&packed, index) != *value {
                return Err(format!("Register error at index {index} (round {round})"));
            }
        }
    }
    Ok(())
}

/// Adds the same elements to a sparse (promoted along the way) and a dense HyperLogLog; at
/// checkpoints both must give the same count, within a few standard errors of the truth.
fn check_estimates() -> Result<(), String> {
    let mut sparse = super::empty();
    let mut dense = super::empty();
    super::to_dense(&mut dense).map_err(|_| "Sparse to dense conversion failed".to_string())?;
    let mut checkpoint = 1u64;
    for n in 1..=ELEMENTS {
        let element = n.to_le_bytes();
        let added_sparse = super::add(&mut sparse, &element, 3000).is_ok();
        let added_dense = super::add(&mut dense, &element, 3000).is_ok();
        if !added_sparse || !added_dense {
            return Err(format!("Adding element {n} failed"));
        }
        if n != checkpoint {
            continue;
        }
        checkpoint *= 10;
        let from_sparse = super::count(&sparse).map_err(|_| "Corrupt sparse".to_string())?;
        let from_dense = super::count(&dense).map_err(|_| "Corrupt dense".to_string())?;
        if from_sparse != from_dense {
            return Err(format!(
                "Sparse and dense differ at {n}: {from_sparse} vs {from_dense}"
            ));
        }
        let bound = if n < 10 { 0.0 } else { 5.0 * STANDARD_ERROR };
        let error = (from_dense as f64 - n as f64).abs() / n as f64;
        if error > bound + f64::EPSILON && (from_dense as f64 - n as f64).abs() > 1.0 {
            return Err(format!(
                "Approximation error at {n}: {from_dense} (error {error})"
            ));
        }
    }
    Ok(())
}
