#!/usr/bin/env bash
# Memory during BGSAVE under write load: ringkv (no fork: per-shard walks with pre-images)
# against redis-server (fork and copy-on-write), same dataset, same writes, same run.
# Memory is the PSS (proportional set size, shared pages split between the processes that map
# them) of the server and its children, sampled every 20 ms; redis's forked child counts.
#
#   bench/bgsave_memory.sh
#   KEYS=1000000 VALUE_SIZE=100 bench/bgsave_memory.sh
#
# Environment (defaults): KEYS=500000 VALUE_SIZE=100 WRITERS=20 SHARDS=2 SERVER_CPUS=0
# CLIENT_CPU=1 SKIP_BUILD=0 RINGKV_BIN REDIS_BIN.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

keys=${KEYS:-500000}
value_size=${VALUE_SIZE:-100}
writers=${WRITERS:-20}
shards=${SHARDS:-2}
server_cpus=${SERVER_CPUS:-0}
client_cpu=${CLIENT_CPU:-1}
out_dir="$bench_root/bench/out"
invocation=$(invocation bgsave_memory.sh KEYS VALUE_SIZE WRITERS SHARDS SERVER_CPUS CLIENT_CPU \
    SKIP_BUILD RINGKV_BIN REDIS_BIN -- "$@")

need_tool redis-benchmark redis-tools
need_tool redis-cli redis-tools
need_tool redis-server redis-server
need_tool taskset util-linux
build_ringkv
mkdir -p "$out_dir"

declare -A port pid
load_pid=""
cleanup() {
    stop_child
    [[ -z $load_pid ]] || kill "$load_pid" 2>/dev/null || true
    for kind in "${!pid[@]}"; do
        stop_server "${port[$kind]}" "${pid[$kind]}"
    done
    rm -rf "$out_dir"/bgsave-ringkv "$out_dir"/bgsave-redis
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
    local kind=$1 argv dir="$out_dir/bgsave-$1"
    rm -rf "$dir" && mkdir -p "$dir"
    port[$kind]=$(free_port)
    mapfile -t argv < <(server_argv "$kind" "${port[$kind]}" "$shards")
    argv+=(--dir "$dir")
    taskset -c "$server_cpus" "${argv[@]}" >"$out_dir/bgsave-$kind.log" 2>&1 &
    pid[$kind]=$!
    wait_ready "${port[$kind]}" "${pid[$kind]}"
}

# PSS in kB of PID and all its descendants.
pss_tree() {
    local total=0 p
    for p in $1 $(pgrep -P "$1" 2>/dev/null || true); do
        local kb
        kb=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
        total=$((total + ${kb:-0}))
    done
    echo "$total"
}

bgsave_running() {
    redis-cli -p "$1" info persistence | tr -d '\r' | grep -q '^rdb_bgsave_in_progress:1'
}

measure() {
    local kind=$1 before peak now started elapsed
    run_interruptible taskset -c "$client_cpu" redis-benchmark -p "${port[$kind]}" -t set \
        -n "$((keys * 2))" -r "$keys" -d "$value_size" -P 32 -c 20 -q >/dev/null
    before=$(pss_tree "${pid[$kind]}")
    # Writes overwrite the same keys for the whole save.
    taskset -c "$client_cpu" redis-benchmark -p "${port[$kind]}" -t set -n 100000000 \
        -r "$keys" -d "$value_size" -c "$writers" -q >/dev/null 2>&1 &
    load_pid=$!
    sleep 1
    before=$(( before > $(pss_tree "${pid[$kind]}") ? before : $(pss_tree "${pid[$kind]}") ))
    peak=$before
    started=$(date +%s%N)
    redis-cli -p "${port[$kind]}" bgsave >/dev/null
    while true; do
        now=$(pss_tree "${pid[$kind]}")
        ((now > peak)) && peak=$now
        bgsave_running "${port[$kind]}" || break
        sleep 0.02
    done
    elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
    kill "$load_pid" 2>/dev/null || true
    wait "$load_pid" 2>/dev/null || true
    load_pid=""
    echo "$kind $before $peak $elapsed"
}

results=()
for kind in ringkv redis; do
    start_server "$kind"
    results+=("$(measure "$kind")")
    stop_server "${port[$kind]}" "${pid[$kind]}"
    unset "pid[$kind]"
done

report=$(printf '%s\n' "${results[@]}" | python3 -c '
import sys
print("| server | PSS before (MB) | peak during BGSAVE (MB) | growth | BGSAVE took (ms) |")
print("|---|---|---|---|---|")
for line in sys.stdin:
    kind, before, peak, ms = line.split()
    before, peak = int(before) / 1024, int(peak) / 1024
    print(f"| {kind} | {before:.1f} | {peak:.1f} | {100 * (peak - before) / before:+.1f}% | {ms} |")
')
path=$(result_path bgsave-memory)
{
    echo "# Memory during BGSAVE under writes"
    echo
    machine_facts
    echo "- command: \`$invocation\`"
    echo "- $keys keys of $value_size bytes (random keys, about 86% distinct), $writers clients"
    echo "  overwriting them during the save; PSS of the server and its children every 20 ms"
    echo
    echo "$report"
} >"$path"
echo "$report"
echo "bench: wrote $path" >&2
