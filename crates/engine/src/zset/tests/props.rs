//! Random operation sequences against the model, with tiny and default encoding limits and
//! with tiny and standard tree nodes.

use proptest::prelude::*;

use super::model::Model;
use super::{assert_same, scan_all, tiny_limits, with_shape};
use crate::limits::EncodingLimits;
use crate::zset::tree::Shape;
use crate::zset::{LexBound, ScoreBound, ZSetValue};

#[derive(Debug, Clone)]
enum Op {
    Insert(Vec<u8>, f64),
    Remove(Vec<u8>),
    RemoveRange(usize, usize),
    Rank(Vec<u8>),
    GetByRank(usize),
    ScoreBounds(f64, bool, f64, bool),
    LexBounds(LexBound, LexBound),
    Visit(usize, usize, bool),
    Scan(usize),
    Random(u64),
}

/// Members from a small pool (so that updates and removals hit), some integer-like, some
/// empty, some longer than the compact limits.
fn member() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => (0u32..300).prop_map(|i| format!("m{i}").into_bytes()),
        2 => (-20i32..200).prop_map(|i| i.to_string().into_bytes()),
        1 => Just(Vec::new()),
        1 => (0usize..4, 10usize..90).prop_map(|(c, n)| vec![b'a' + c as u8; n]),
        1 => proptest::collection::vec(any::<u8>(), 0..6),
    ]
}

/// Scores with many ties, both zeros, infinities and arbitrary values.
fn score() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => (-4i32..5).prop_map(f64::from),
        1 => Just(-0.0),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        2 => any::<f64>().prop_filter("no NaN", |x| !x.is_nan()),
        1 => (-100i32..100).prop_map(|i| f64::from(i) / 8.0),
    ]
}

fn lex_bound() -> impl Strategy<Value = LexBound> {
    prop_oneof![
        1 => Just(LexBound::Min),
        1 => Just(LexBound::Max),
        3 => member().prop_map(LexBound::Inclusive),
        3 => member().prop_map(LexBound::Exclusive),
    ]
}

fn op(fixed_score: Option<f64>) -> impl Strategy<Value = Op> {
    let insert_score = match fixed_score {
        Some(x) => Just(x).boxed(),
        None => score().boxed(),
    };
    prop_oneof![
        12 => (member(), insert_score).prop_map(|(m, s)| Op::Insert(m, s)),
        3 => member().prop_map(Op::Remove),
        1 => (0usize..400, 0usize..12).prop_map(|(a, n)| Op::RemoveRange(a, a + n)),
        2 => member().prop_map(Op::Rank),
        2 => (0usize..400).prop_map(Op::GetByRank),
        2 => (score(), any::<bool>(), score(), any::<bool>())
            .prop_map(|(a, ax, b, bx)| Op::ScoreBounds(a, ax, b, bx)),
        2 => (lex_bound(), lex_bound()).prop_map(|(a, b)| Op::LexBounds(a, b)),
        2 => (0usize..400, 0usize..400, any::<bool>()).prop_map(|(a, b, r)| Op::Visit(a, b, r)),
        1 => (1usize..20).prop_map(Op::Scan),
        1 => any::<u64>().prop_map(Op::Random),
    ]
}

fn bound(x: f64, exclusive: bool) -> ScoreBound {
    if exclusive {
        ScoreBound::Exclusive(x)
    } else {
        ScoreBound::Inclusive(x)
    }
}

/// Applies `op` to both and compares the answers. Lexical bounds are compared only when
/// `lex` (every score equal), the one case their contract covers.
fn step(set: &mut ZSetValue, model: &mut Model, op: &Op, limits: &EncodingLimits, lex: bool) {
    match op {
        Op::Insert(m, s) => assert_eq!(set.insert(m, *s, limits), model.insert(m, *s, limits)),
        Op::Remove(m) => assert_eq!(set.remove(m), model.remove(m)),
        Op::RemoveRange(a, b) => assert_eq!(set.remove_range(*a, *b), model.remove_range(*a, *b)),
        Op::Rank(m) => assert_eq!(set.rank(m), model.rank(m)),
        Op::GetByRank(r) => assert_eq!(set.get_by_rank(*r), model.get_by_rank(*r)),
        Op::ScoreBounds(a, ax, b, bx) => {
            assert_eq!(
                set.score_rank_start(bound(*a, *ax)),
                model.score_rank_start(bound(*a, *ax))
            );
            assert_eq!(
                set.score_rank_end(bound(*b, *bx)),
                model.score_rank_end(bound(*b, *bx))
            );
        }
        Op::LexBounds(a, b) if lex => {
            assert_eq!(set.lex_rank_start(a), model.lex_rank_start(a));
            assert_eq!(set.lex_rank_end(b), model.lex_rank_end(b));
        }
        Op::LexBounds(a, b) => {
            // Outside the contract: only that nothing breaks.
            let _ = (set.lex_rank_start(a), set.lex_rank_end(b));
        }
        Op::Visit(a, b, rev) => {
            let (mut got, mut want) = (Vec::new(), Vec::new());
            set.visit_range(*a, *b, *rev, |m, s| got.push((m.to_vec(), s.to_bits())));
            model.visit_range(*a, *b, *rev, |m, s| want.push((m.to_vec(), s.to_bits())));
            assert_eq!(got, want, "visit_range({a}, {b}, {rev})");
        }
        Op::Scan(count) => {
            let want: std::collections::BTreeSet<Vec<u8>> =
                model.iter().map(|(m, _)| m.to_vec()).collect();
            assert_eq!(scan_all(set, *count), want);
        }
        Op::Random(seed) => assert_eq!(set.random(*seed), model.random(*seed)),
    }
    assert_eq!(set.len(), model.len());
    for probe in [0, set.len() / 2, set.len().saturating_sub(1)] {
        assert_eq!(set.get_by_rank(probe), model.get_by_rank(probe));
    }
}

fn run(ops: &[Op], limits: &EncodingLimits, shape: Shape, lex: bool) {
    with_shape(shape, || {
        let mut set = ZSetValue::new();
        let mut model = Model::new();
        for op in ops {
            step(&mut set, &mut model, op, limits, lex);
            set.check();
        }
        assert_same(&set, &model);
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn tiny_limits_tiny_nodes(ops in proptest::collection::vec(op(None), 1..400)) {
        run(&ops, &tiny_limits(), Shape::TINY, false);
    }

    #[test]
    fn default_limits_tiny_nodes(ops in proptest::collection::vec(op(None), 1..400)) {
        run(&ops, &EncodingLimits::default(), Shape::TINY, false);
    }

    #[test]
    fn tiny_limits_standard_nodes(ops in proptest::collection::vec(op(None), 1..400)) {
        run(&ops, &tiny_limits(), Shape::STANDARD, false);
    }

    #[test]
    fn lex_with_equal_scores(
        fixed in prop_oneof![Just(0.0), Just(-0.0), Just(2.5)],
        ops in proptest::collection::vec(op(Some(0.0)), 1..300),
        tiny in any::<bool>(),
    ) {
        // Every insertion uses `fixed` (ties everywhere), so lexical ranges are meaningful.
        let ops: Vec<Op> = ops
            .into_iter()
            .map(|op| match op {
                Op::Insert(m, _) => Op::Insert(m, fixed),
                other => other,
            })
            .collect();
        let limits = if tiny { tiny_limits() } else { EncodingLimits::default() };
        run(&ops, &limits, Shape::TINY, true);
    }

    #[test]
    fn remove_ranges_in_deep_trees(
        n in 1usize..600,
        cuts in proptest::collection::vec((0usize..600, 0usize..200), 1..8),
    ) {
        with_shape(Shape::TINY, || {
            let limits = tiny_limits();
            let mut set = ZSetValue::new();
            let mut model = Model::new();
            for i in 0..n {
                let m = format!("k{:05}", (i * 7919) % 1000);
                let s = f64::from(((i * 31) % 17) as u32);
                assert_eq!(set.insert(m.as_bytes(), s, &limits), model.insert(m.as_bytes(), s, &limits));
            }
            for (a, len) in cuts {
                assert_eq!(set.remove_range(a, a + len), model.remove_range(a, a + len));
                assert_same(&set, &model);
            }
        });
    }
}
