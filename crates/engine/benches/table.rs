//! `KeyTable` against hashbrown (the std `HashMap` algorithm) on 1M keys: lookups that hit and
//! miss, building from empty, and removing then re-inserting. Both use foldhash, so the
//! comparison is of table layouts, not hash functions.
//!
//! Run with `cargo bench -p engine --bench table`.

use std::hint::black_box;

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use engine::KeyTable;

/// Keys in the measured tables.
const KEYS: usize = 1_000_000;

/// Keys touched per measured iteration.
const BATCH: usize = 10_000;

/// A value about the size of a keyspace entry.
type Value = [u64; 6];

type Baseline = hashbrown::HashMap<Bytes, Value, foldhash::quality::RandomState>;

fn keys(prefix: &str, n: usize) -> Vec<Bytes> {
    (0..n)
        .map(|i| Bytes::from(format!("{prefix}:{i:08}")))
        .collect()
}

/// The keys in a fixed pseudo-random order, so lookups do not walk memory in insertion order.
fn shuffled(keys: &[Bytes]) -> Vec<Bytes> {
    let mut out = keys.to_vec();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for i in (1..out.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        out.swap(i, (state >> 33) as usize % (i + 1));
    }
    out
}

/// The next batch of `keys`, cycling through all of them across iterations.
fn batch<'a>(keys: &'a [Bytes], round: &mut usize) -> &'a [Bytes] {
    let start = (*round * BATCH) % (keys.len() - BATCH);
    *round += 1;
    &keys[start..start + BATCH]
}

fn lookups(c: &mut Criterion) {
    let present = keys("key", KEYS);
    let order = shuffled(&present);
    let absent = keys("miss", KEYS);
    let mut table: KeyTable<Bytes, Value> = KeyTable::new();
    let mut baseline = Baseline::default();
    for k in &present {
        table.insert(k.clone(), [1; 6]);
        baseline.insert(k.clone(), [1; 6]);
    }
    let mut group = c.benchmark_group("lookup_1m");
    group.throughput(Throughput::Elements(BATCH as u64));
    let mut round = 0;
    group.bench_function("keytable_hit", |b| {
        b.iter(|| {
            batch(&order, &mut round)
                .iter()
                .for_each(|k| _ = black_box(table.get(k)))
        })
    });
    group.bench_function("hashbrown_hit", |b| {
        b.iter(|| {
            batch(&order, &mut round)
                .iter()
                .for_each(|k| _ = black_box(baseline.get(k)))
        })
    });
    group.bench_function("keytable_miss", |b| {
        b.iter(|| {
            batch(&absent, &mut round)
                .iter()
                .for_each(|k| _ = black_box(table.get(k)))
        })
    });
    group.bench_function("hashbrown_miss", |b| {
        b.iter(|| {
            batch(&absent, &mut round)
                .iter()
                .for_each(|k| _ = black_box(baseline.get(k)))
        })
    });
    group.bench_function("keytable_remove_insert", |b| {
        b.iter(|| {
            for k in batch(&order, &mut round) {
                let (k, v) = table.remove(k).expect("present");
                table.insert(k, v);
            }
        })
    });
    group.bench_function("hashbrown_remove_insert", |b| {
        b.iter(|| {
            for k in batch(&order, &mut round) {
                let (k, v) = baseline.remove_entry(k).expect("present");
                baseline.insert(k, v);
            }
        })
    });
    group.finish();
}

fn building(c: &mut Criterion) {
    let present = keys("key", KEYS);
    let mut group = c.benchmark_group("insert_1m");
    group
        .sample_size(10)
        .throughput(Throughput::Elements(KEYS as u64));
    group.bench_function("keytable", |b| {
        b.iter_batched(
            || present.clone(),
            |keys| {
                let mut table: KeyTable<Bytes, Value> = KeyTable::new();
                keys.into_iter().for_each(|k| _ = table.insert(k, [1; 6]));
                table
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("hashbrown", |b| {
        b.iter_batched(
            || present.clone(),
            |keys| {
                let mut table = Baseline::default();
                keys.into_iter().for_each(|k| _ = table.insert(k, [1; 6]));
                table
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn scanning(c: &mut Criterion) {
    let mut table: KeyTable<Bytes, Value> = KeyTable::new();
    keys("key", KEYS)
        .into_iter()
        .for_each(|k| _ = table.insert(k, [1; 6]));
    let mut group = c.benchmark_group("scan_1m");
    group
        .sample_size(10)
        .throughput(Throughput::Elements(KEYS as u64));
    group.bench_function("keytable_count_10", |b| {
        b.iter(|| {
            let (mut cursor, mut seen) = (0, 0u64);
            loop {
                cursor = table.scan(cursor, 10, |_, v| seen += v[0]);
                if cursor == 0 {
                    return seen;
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, lookups, building, scanning);
criterion_main!(benches);
