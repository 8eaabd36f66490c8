#!/usr/bin/env bash
# Side-by-side throughput, p99 latency and server CPU per request: ringkv (1 shard) vs
# redis-server, both pinned to the same core, redis-benchmark pinned to another, runs interleaved.
#
#   bench/compare.sh                       # defaults below
#   RUNS=5 REQUESTS=500000 bench/compare.sh
#   RINGKV_BIN=/usr/bin/redis-server bench/compare.sh   # A/A run: redis on both sides
#
# Environment (defaults): RUNS=3 REQUESTS=200000 CLIENTS=50 KEYSPACE=100000 TESTS="set get"
# PIPELINES="1 16" SERVER_CPU=0 CLIENT_CPU=1 WARMUP=1 SKIP_BUILD=0 RINGKV_BIN REDIS_BIN
# RINGKV_ARGS (extra ringkv directives, e.g. "--spin-before-park-us 0"; default none, so the
# CPU figure includes the idle spinning the default configuration does).
# Prints a markdown table and writes it, with machine, commit and command, to
# bench/results/<date>-compare.md. Server logs and raw figures go to bench/out/ (git-ignored).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=${RUNS:-3}
requests=${REQUESTS:-200000}
clients=${CLIENTS:-50}
keyspace=${KEYSPACE:-100000}
tests=${TESTS:-set get}
pipelines=${PIPELINES:-1 16}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
clk_tck=$(getconf CLK_TCK)
out_dir="$bench_root/bench/out"
raw="$out_dir/compare-raw.tsv"
raw_header="run\tserver\ttest\tpipeline\trps\tp99_ms\tuser_us_per_req\tsys_us_per_req"
invocation=$(invocation compare.sh RINGKV_ARGS RUNS REQUESTS CLIENTS KEYSPACE TESTS PIPELINES \
    SERVER_CPU CLIENT_CPU WARMUP SKIP_BUILD RINGKV_BIN REDIS_BIN -- "$@")

need_tool redis-benchmark redis-tools
need_tool redis-cli redis-tools
need_tool redis-server redis-server
need_tool taskset util-linux
build_ringkv
[[ -x $(ringkv_bin) ]] || { echo "bench: $(ringkv_bin) not found; build it first" >&2; exit 1; }
mkdir -p "$out_dir"

declare -A port pid
cleanup() {
    stop_child
    for kind in "${!pid[@]}"; do
        stop_server "${port[$kind]}" "${pid[$kind]}"
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
    local kind=$1 argv
    port[$kind]=$(free_port)
    mapfile -t argv < <(server_argv "$kind" "${port[$kind]}")
    taskset -c "$server_cpu" "${argv[@]}" >"$out_dir/compare-$kind.log" 2>&1 &
    pid[$kind]=$!
    wait_ready "${port[$kind]}" "${pid[$kind]}"
    echo "bench: $kind pid ${pid[$kind]} port ${port[$kind]}: ${argv[*]}" >&2
}

# CPUs each thread of PID may run on; shows whether a server re-pinned itself past taskset.
thread_affinity() {
    local task
    for task in /proc/"$1"/task/*; do
        printf '%s:%s ' "$(cat "$task/comm")" "$(grep Cpus_allowed_list "$task/status" | cut -f2)"
    done
}

# One redis-benchmark run; appends a row of $raw_header to $raw.
measure() {
    local run=$1 kind=$2 test=$3 pipeline=$4 user0 sys0 user1 sys1 csv
    read -r user0 sys0 < <(cpu_ticks "${pid[$kind]}")
    run_interruptible taskset -c "$client_cpu" redis-benchmark -p "${port[$kind]}" -t "$test" \
        -n "$requests" -c "$clients" -r "$keyspace" -P "$pipeline" --csv >"$out_dir/last.csv"
    csv=$(cat "$out_dir/last.csv")
    read -r user1 sys1 < <(cpu_ticks "${pid[$kind]}")
    # --csv prints a header, then: "SET","rps","avg","min","p50","p95","p99","max" (ms). LRANGE
    # tests print a row for their LPUSH fill first: the measured test is the last row.
    echo "$csv" | tail -n 1 | awk -F'"' -v run="$run" -v kind="$kind" -v test="$test" -v p="$pipeline" \
        -v user=$((user1 - user0)) -v sys=$((sys1 - sys0)) -v us_per_tick=$((1000000 / clk_tck)) \
        -v n="$requests" \
        'NR == 1 { printf "%s\t%s\t%s\t%s\t%s\t%s\t%.3f\t%.3f\n", run, kind, test, p, $4, $14,
                   user * us_per_tick / n, sys * us_per_tick / n }' | tee -a "$raw" >&2
}

start_server ringkv
start_server redis
affinity="ringkv: $(thread_affinity "${pid[ringkv]}")/ redis: $(thread_affinity "${pid[redis]}")"
: >"$raw"
if [[ ${WARMUP:-1} == 1 ]]; then
    # Fill the keyspace first so that every measured GET run sees the same hit rate.
    for kind in ringkv redis; do
        run_interruptible taskset -c "$client_cpu" redis-benchmark -p "${port[$kind]}" -t set \
            -n "$requests" -c "$clients" -r "$keyspace" -P 16 -q >/dev/null
    done
fi
echo -e "$raw_header" >&2
for run in $(seq 1 "$runs"); do
    # Alternate which server goes first, so that neither always runs on a warmer machine.
    order="ringkv redis"
    ((run % 2 == 0)) && order="redis ringkv"
    for test in $tests; do
        for pipeline in $pipelines; do
            for kind in $order; do
                measure "$run" "$kind" "$test" "$pipeline"
            done
        done
    done
done

report=$(python3 "$bench_root/bench/summarize.py" compare "$raw")
echo
echo "$report"
result=$(result_path compare)
{
    echo "# ringkv vs redis-server: throughput, p99, CPU per request"
    echo
    machine_facts
    echo "- command: \`$invocation\`"
    echo "- load: \`taskset -c $client_cpu redis-benchmark -t TEST -n $requests -c $clients" \
        "-r $keyspace -P PIPELINE --csv\`, servers under \`taskset -c $server_cpu\`," \
        "$runs interleaved runs, medians shown"
    echo "- thread affinity: $affinity"
    echo
    echo "$report"
    echo
    echo "<details><summary>Raw runs</summary>"
    echo
    echo '```'
    echo -e "$raw_header"
    cat "$raw"
    echo '```'
    echo "</details>"
} >"$result"
echo
echo "bench: written to ${result#"$bench_root"/}"
