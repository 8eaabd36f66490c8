//! A counting global allocator, so INFO's `used_memory` is real, not estimated.
//!
//! Each thread adds to its own counter slot with a plain load and store (no locked
//! instruction on the allocation path); `used_bytes` sums the slots. Memory freed by another
//! thread than the one that allocated it makes single slots go negative; the sum is exact.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicIsize, AtomicU64, AtomicUsize, Ordering};

const SLOTS: usize = 256;

static COUNTERS: [AtomicIsize; SLOTS] = [const { AtomicIsize::new(0) }; SLOTS];
static NEXT_SLOT: AtomicUsize = AtomicUsize::new(1);
static PEAK: AtomicU64 = AtomicU64::new(0);
static STARTUP: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// The system allocator, counting live bytes.
pub struct CountingAlloc;

#[inline]
fn add(delta: isize) {
    let slot = SLOT
        .try_with(|s| {
            let mut slot = s.get();
            if slot == usize::MAX {
                slot = NEXT_SLOT.fetch_add(1, Ordering::Relaxed);
                s.set(slot);
            }
            slot
        })
        .unwrap_or(0);
    if slot == 0 || slot >= SLOTS {
        // Threads past the slot table (or being torn down) share slot 0 atomically.
        COUNTERS[0].fetch_add(delta, Ordering::Relaxed);
    } else {
        let counter = &COUNTERS[slot];
        counter.store(counter.load(Ordering::Relaxed) + delta, Ordering::Relaxed);
    }
}

// SAFETY: defers every operation to the system allocator unchanged; only counts sizes.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        add(-(layout.size() as isize));
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        p
    }
}

/// Live bytes allocated through [`CountingAlloc`] (0 when it is not the global allocator).
pub fn used_bytes() -> u64 {
    let total: isize = COUNTERS.iter().map(|c| c.load(Ordering::Relaxed)).sum();
    let used = total.max(0) as u64;
    PEAK.fetch_max(used, Ordering::Relaxed);
    used
}

/// The highest `used_bytes` seen.
pub fn peak_bytes() -> u64 {
    PEAK.load(Ordering::Relaxed)
}

/// Records the current usage as the start-up baseline (INFO `used_memory_startup`).
pub fn mark_startup() {
    STARTUP.store(used_bytes(), Ordering::Relaxed);
}

/// Usage at start-up.
pub fn startup_bytes() -> u64 {
    STARTUP.load(Ordering::Relaxed)
}
