//! Seeded random differential runs: generated command sequences sent to ringkv and
//! redis-server in lock step, every reply compared.
//!
//! A seed reproduces a run exactly. On a mismatch the report names the seed, the step and the
//! last commands, already in script syntax, so that the case can be pasted into a `.redis`
//! script under `tests/scripts/` and kept as a regression test.

mod acl_cmds;
pub mod gen;
mod hash_cmds;
mod hll_cmds;
pub mod key_cmds;
mod list_cmds;
pub mod prng;
mod set_cmds;
mod stream_cmds;
mod stream_group_cmds;
pub mod string_cmds;
mod zset_cmds;

use std::collections::VecDeque;

use crate::compare::{replies_match, Compare};
use crate::reply::render::command_line;
use crate::script::runner::{describe_mismatch, Pair};

/// How many preceding commands a mismatch report shows.
pub const HISTORY: usize = 20;

pub use gen::Mix;

/// Runs `steps` generated string and keyspace commands of `seed` on both servers of `pair`,
/// then compares the final contents of every database the run can reach.
pub fn run_seed(seed: u64, steps: usize, pair: &mut Pair, ringkv_name: &str) -> Result<(), String> {
    run_seed_mix(seed, steps, Mix::StringsAndKeys, pair, ringkv_name)
}

/// Runs `steps` generated commands of `mix` and `seed` on both servers of `pair`, then
/// compares the final contents of every database the run can reach.
pub fn run_seed_mix(
    seed: u64,
    steps: usize,
    mix: Mix,
    pair: &mut Pair,
    ringkv_name: &str,
) -> Result<(), String> {
    let mut generator = gen::Generator::with_mix(seed, mix);
    let mut history: VecDeque<String> = VecDeque::with_capacity(HISTORY + 1);
    for step in 0..steps {
        let command = generator.next_command();
        history.push_back(command_line(&command.args));
        if history.len() > HISTORY {
            history.pop_front();
        }
        check(pair, &command.args, command.compare, ringkv_name)
            .map_err(|why| report(seed, step, &history, &why))?;
    }
    final_state(pair, ringkv_name)
        .map_err(|why| report(seed, steps, &history, &format!("final state: {why}")))
}

/// Compares what every database a run can reach holds on both servers of `pair`.
pub fn compare_final_state(pair: &mut Pair, ringkv_name: &str) -> Result<(), String> {
    final_state(pair, ringkv_name)
}

/// Compares what each reachable database holds once the run is over.
fn final_state(pair: &mut Pair, ringkv_name: &str) -> Result<(), String> {
    for db in ["0", "1", "2"] {
        check(pair, &["SELECT", db], Compare::Exact, ringkv_name)?;
        check(pair, &["DBSIZE"], Compare::Exact, ringkv_name)?;
        check(pair, &["KEYS", "*"], Compare::Unordered, ringkv_name)?;
        for key in gen::KEYS {
            check(pair, &["TYPE", key], Compare::Exact, ringkv_name)?;
            let (kind, _) = pair.exchange(&["TYPE", key])?;
            let (read, compare): (&[&str], Compare) = match &kind[..] {
                b"+list\r\n" => (&["LRANGE", key, "0", "-1"], Compare::Exact),
                b"+hash\r\n" => (&["HGETALL", key], Compare::UnorderedPairs),
                b"+set\r\n" => (&["SMEMBERS", key], Compare::Unordered),
                b"+zset\r\n" => (&["ZRANGE", key, "0", "-1", "WITHSCORES"], Compare::Exact),
                b"+stream\r\n" => (&["XRANGE", key, "-", "+"], Compare::Exact),
                _ => (&["GET", key], Compare::Exact),
            };
            check(pair, read, compare, ringkv_name)?;
            if kind == b"+stream\r\n" {
                // Counters, groups, their read counts, lag and pending counts.
                check(pair, &["XLEN", key], Compare::Exact, ringkv_name)?;
                check(pair, &["XINFO", "GROUPS", key], Compare::Exact, ringkv_name)?;
            }
            check(
                pair,
                &["PEXPIRETIME", key],
                Compare::Near(3000),
                ringkv_name,
            )?;
        }
    }
    Ok(())
}

fn check<A: AsRef<[u8]>>(
    pair: &mut Pair,
    args: &[A],
    compare: Compare,
    ringkv_name: &str,
) -> Result<(), String> {
    let (ours, theirs) = pair.exchange(args)?;
    if replies_match(compare, &ours, &theirs) {
        return Ok(());
    }
    let args: Vec<Vec<u8>> = args.iter().map(|a| a.as_ref().to_vec()).collect();
    Err(format!(
        "{}\n{}",
        command_line(&args),
        describe_mismatch(ringkv_name, compare, &ours, &theirs)
    ))
}

fn report(seed: u64, step: usize, history: &VecDeque<String>, why: &str) -> String {
    let lines: Vec<&str> = history.iter().map(String::as_str).collect();
    format!(
        "seed {seed}, step {step}: replies differ\n--- last {} commands (oldest first) ---\n{}\n\
         --- mismatch ---\n{why}",
        lines.len(),
        lines.join("\n")
    )
}
