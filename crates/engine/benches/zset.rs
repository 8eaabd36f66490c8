//! The large sorted-set encoding on 1M members of 10 bytes with pseudo-random scores:
//! building from empty (insert), ZRANK, select-by-rank, ZSCORE and moving a member (ZADD of an
//! existing member with a new score). Prints heap bytes per member once.
//!
//! Run with `cargo bench -p engine --bench zset`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use engine::{EncodingLimits, ZSetValue};

/// Members in the measured set.
const MEMBERS: usize = 1_000_000;

/// Operations per measured iteration (all but the build).
const BATCH: usize = 10_000;

/// Member `i`: 10 bytes.
fn member(i: usize) -> Vec<u8> {
    format!("m{i:09}").into_bytes()
}

/// A pseudo-random score for member `i` (a fixed permutation, so inserts land all over).
fn score(i: usize) -> f64 {
    ((i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as f64
}

fn build(members: &[Vec<u8>]) -> ZSetValue {
    let limits = EncodingLimits::default();
    let mut set = ZSetValue::new();
    for (i, m) in members.iter().enumerate() {
        set.insert(m, score(i), &limits);
    }
    set
}

fn bench(c: &mut Criterion) {
    let members: Vec<Vec<u8>> = (0..MEMBERS).map(member).collect();
    let set = build(&members);
    eprintln!(
        "zset: {} members, heap_size {} bytes, {:.1} bytes per member",
        set.len(),
        set.heap_size(),
        set.heap_size() as f64 / set.len() as f64
    );
    // Probes in a scattered order, so lookups do not walk memory in insertion order.
    let probes: Vec<&[u8]> = (0..BATCH)
        .map(|i| members[(i * 7919 * 13) % MEMBERS].as_slice())
        .collect();

    let mut group = c.benchmark_group("zset_1m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(MEMBERS as u64));
    group.bench_function("insert_build", |b| b.iter(|| black_box(build(&members))));

    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("rank", |b| {
        b.iter(|| {
            probes
                .iter()
                .map(|m| set.rank(m).unwrap_or(0))
                .sum::<usize>()
        })
    });
    group.bench_function("get_by_rank", |b| {
        b.iter(|| {
            (0..BATCH)
                .map(|i| set.get_by_rank(i * 97).map_or(0, |(m, _)| m.len()))
                .sum::<usize>()
        })
    });
    group.bench_function("score", |b| {
        b.iter(|| probes.iter().filter_map(|m| set.score(m)).sum::<f64>())
    });
    let limits = EncodingLimits::default();
    let mut moving = set.clone();
    let mut round = 0.0;
    group.bench_function("move_member", |b| {
        b.iter(|| {
            round += 1.0;
            for m in &probes {
                moving.insert(m, round, &limits);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
