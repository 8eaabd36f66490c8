//! Bank transfers: MULTI; DECRBY from x; INCRBY to x; EXEC between accounts on different
//! shards, while checkers read every account at once, with MGET and with a MULTI of GETs. Money
//! is never created or destroyed, so every snapshot must add up to the opening total.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use testkit::random::prng::SplitMix64;
use testkit::{Client, Value};

use super::{command, join, mget_ints, spread_keys, stored_int, transaction, Target};

const ACCOUNTS: usize = 8;
const OPENING_BALANCE: i64 = 1_000;
const MOVERS: usize = 6;
const RUN_FOR: Duration = Duration::from_millis(1_500);
/// Far below what any server does in `RUN_FOR`; only a stalled one falls short.
const MIN_TRANSFERS: usize = 100;
const MIN_SNAPSHOTS: usize = 20;

/// Runs the transfers and checkers until the deadline, then checks the final balances.
pub fn run(target: Target) {
    let accounts = spread_keys("bank:", ACCOUNTS, target.shards);
    let mut setup = target.client();
    for account in &accounts {
        let reply = setup.call(&["SET", account, &OPENING_BALANCE.to_string()]);
        assert_eq!(reply.expect("SET"), Value::Simple(b"OK".to_vec()));
    }
    let total = ACCOUNTS as i64 * OPENING_BALANCE;
    let deadline = Instant::now() + RUN_FOR;
    let transfers = AtomicUsize::new(0);
    let (mget_snapshots, exec_snapshots) = thread::scope(|scope| {
        for mover in 0..MOVERS {
            let (accounts, transfers) = (&accounts, &transfers);
            scope.spawn(move || {
                let done = move_money(target.client(), accounts, mover as u64, deadline);
                transfers.fetch_add(done, Ordering::Relaxed);
            });
        }
        let by_mget = scope.spawn(|| {
            check_until(target, deadline, total, |client| {
                mget_ints(client, &accounts)
            })
        });
        let by_exec = scope.spawn(|| {
            check_until(target, deadline, total, |client| {
                read_in_transaction(client, &accounts)
            })
        });
        (join(by_mget), join(by_exec))
    });
    let balances = mget_ints(&mut setup, &accounts);
    assert_eq!(balances.iter().sum::<i64>(), total, "final {balances:?}");
    let transfers = transfers.into_inner();
    eprintln!(
        "{transfers} transfers, {mget_snapshots} MGET and {exec_snapshots} EXEC snapshots, \
         final {balances:?}"
    );
    assert!(transfers >= MIN_TRANSFERS, "only {transfers} transfers");
    assert!(
        mget_snapshots >= MIN_SNAPSHOTS,
        "only {mget_snapshots} MGETs"
    );
    assert!(
        exec_snapshots >= MIN_SNAPSHOTS,
        "only {exec_snapshots} EXECs"
    );
}

/// Transfers random amounts between random pairs of accounts until the deadline; returns how
/// many transfers ran.
fn move_money(mut client: Client, accounts: &[String], seed: u64, deadline: Instant) -> usize {
    let mut rng = SplitMix64::new(seed);
    let mut done = 0;
    while Instant::now() < deadline {
        let from = rng.below(accounts.len());
        // Any other account: with neighbours on different shards, most pairs span shards.
        let to = (from + 1 + rng.below(accounts.len() - 1)) % accounts.len();
        let amount = (1 + rng.below(50)).to_string();
        let exec = transaction(
            &mut client,
            &[
                command(&["DECRBY", &accounts[from], &amount]),
                command(&["INCRBY", &accounts[to], &amount]),
            ],
        );
        let results = exec
            .as_items()
            .unwrap_or_else(|| panic!("EXEC without WATCH answered {exec:?}"));
        assert!(
            results.iter().all(|r| r.as_int().is_some()),
            "transfer results {results:?}"
        );
        done += 1;
    }
    done
}

/// Reads every account inside one MULTI/EXEC.
fn read_in_transaction(client: &mut Client, accounts: &[String]) -> Vec<i64> {
    let gets: Vec<Vec<String>> = accounts.iter().map(|a| command(&["GET", a])).collect();
    let exec = transaction(client, &gets);
    let results = exec
        .as_items()
        .unwrap_or_else(|| panic!("EXEC without WATCH answered {exec:?}"));
    results.iter().map(stored_int).collect()
}

/// Takes snapshots with `read` until the deadline, checking each sums to `total`; returns how
/// many it took (at least one).
fn check_until(
    target: Target,
    deadline: Instant,
    total: i64,
    read: impl Fn(&mut Client) -> Vec<i64>,
) -> usize {
    let mut client = target.client();
    let mut snapshots = 0;
    loop {
        let balances = read(&mut client);
        let sum: i64 = balances.iter().sum();
        assert_eq!(sum, total, "snapshot {snapshots} is torn: {balances:?}");
        snapshots += 1;
        if Instant::now() >= deadline {
            return snapshots;
        }
    }
}
