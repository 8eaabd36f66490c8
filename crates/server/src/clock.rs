//! Cheap timing for per-command statistics.
//!
//! Two clock reads per command add up: through the vDSO they cost about as much as running a
//! GET. On x86-64 the time-stamp counter is read instead (Redis's monotonic clock does the
//! same), calibrated once against the OS clock.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

static TICKS_PER_US: OnceLock<f64> = OnceLock::new();

/// A monotonic tick count.
#[inline]
pub fn ticks() -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: RDTSC has no preconditions; it only reads the time-stamp counter.
        unsafe { core::arch::x86_64::_rdtsc() }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_nanos() as u64
    }
}

/// Calibrates the tick rate (about 2 ms); called once at start-up.
pub fn calibrate() {
    TICKS_PER_US.get_or_init(|| {
        if !cfg!(target_arch = "x86_64") {
            return 1000.0;
        }
        let (t0, i0) = (ticks(), Instant::now());
        std::thread::sleep(Duration::from_millis(2));
        let (t1, elapsed) = (ticks(), i0.elapsed());
        ((t1 - t0) as f64 / elapsed.as_secs_f64() / 1e6).max(1.0)
    });
}

/// Microseconds since `start` (a [`ticks`] reading).
#[inline]
pub fn elapsed_us(start: u64) -> u64 {
    let per_us = *TICKS_PER_US.get().unwrap_or(&1000.0);
    (ticks().saturating_sub(start) as f64 / per_us) as u64
}
