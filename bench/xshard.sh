#!/usr/bin/env bash
# Cross-shard throughput: ringkv with 2 shards against redis-server on the same machine, runs
# interleaved. Workloads: MSET and MGET of 10 random keys (nearly always spanning both shards)
# and pipelined single-key SET and GET; for ringkv, the share of commands that ran locally on
# the connection's shard (the fast path), on one remote shard, or across shards, from INFO ringkv.
#
#   bench/xshard.sh                        # defaults below
#   RUNS=5 REQUESTS=200000 bench/xshard.sh
#   RINGKV_BIN=/usr/bin/redis-server bench/xshard.sh   # A/A run: redis on both sides
#
# Environment (defaults): RUNS=3 REQUESTS=100000 CLIENTS=50 KEYSPACE=100000 SHARDS=2
# WORKLOADS="mset10 mget10 set_p16 get_p16" RINGKV_CPUS=0,1 REDIS_CPUS=0 CLIENT_CPU=1
# SKIP_BUILD=0 RINGKV_BIN REDIS_BIN RINGKV_ARGS.
# redis-server executes commands on one thread, so one CPU is all it can use; ringkv gets one
# CPU per shard. On a 2-CPU machine the load generator shares CLIENT_CPU with a ringkv shard
# (and not with redis): the report says so next to the figures.
# Prints a markdown table and writes it, with machine, commit and command, to
# bench/results/<date>-xshard.md. Server logs and raw figures go to bench/out/ (git-ignored).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=${RUNS:-3}
requests=${REQUESTS:-100000}
clients=${CLIENTS:-50}
keyspace=${KEYSPACE:-100000}
shards=${SHARDS:-2}
workloads=${WORKLOADS:-mset10 mget10 set_p16 get_p16}
ringkv_cpus=${RINGKV_CPUS:-0,1}
redis_cpus=${REDIS_CPUS:-0}
client_cpu=${CLIENT_CPU:-1}
clk_tck=$(getconf CLK_TCK)
out_dir="$bench_root/bench/out"
raw="$out_dir/xshard-raw.tsv"
raw_header="run\tserver\tworkload\trps\tp99_ms\tcpu_us_per_req\tlocal\tremote\tmulti_shard"
invocation=$(invocation xshard.sh RINGKV_ARGS RUNS REQUESTS CLIENTS KEYSPACE SHARDS WORKLOADS \
    RINGKV_CPUS REDIS_CPUS CLIENT_CPU SKIP_BUILD RINGKV_BIN REDIS_BIN -- "$@")

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
    local kind=$1 cpus=$2 argv
    port[$kind]=$(free_port)
    mapfile -t argv < <(server_argv "$kind" "${port[$kind]}" "$shards")
    taskset -c "$cpus" "${argv[@]}" >"$out_dir/xshard-$kind.log" 2>&1 &
    pid[$kind]=$!
    wait_ready "${port[$kind]}" "${pid[$kind]}"
    echo "bench: $kind pid ${pid[$kind]} port ${port[$kind]} cpus $cpus: ${argv[*]}" >&2
}

# The redis-benchmark arguments (one per line) of a workload. __rand_int__ is replaced by an
# independent random number in 0..KEYSPACE for every occurrence in every request.
workload_args() {
    local i
    case $1 in
        mset10)
            echo MSET
            for i in $(seq 1 10); do printf '%s\n' key:__rand_int__ v; done
            ;;
        mget10)
            echo MGET
            for i in $(seq 1 10); do echo key:__rand_int__; done
            ;;
        set_p16) printf '%s\n' -P 16 -t set ;;
        get_p16) printf '%s\n' -P 16 -t get ;;
        *) echo "bench: unknown workload $1" >&2; return 1 ;;
    esac
}

# Commands run so far by path, summed over shards: "LOCAL REMOTE MULTI". From INFO ringkv's
# shardN lines (commands=, remote_commands=, multi_shard_commands=); zeros for redis-server.
path_counters() {
    redis-cli -p "$1" info ringkv | tr -d '\r' | awk -F'[:,=]' '
        /^shard[0-9]+:/ {
            for (i = 2; i < NF; i += 2) { v[$i] += $(i + 1) }
        }
        END {
            printf "%d %d %d\n", v["commands"] - v["remote_commands"] - v["multi_shard_commands"],
                v["remote_commands"], v["multi_shard_commands"]
        }'
}

# One redis-benchmark run; appends a row of $raw_header to $raw.
measure() {
    local run=$1 kind=$2 workload=$3 args user0 sys0 user1 sys1 before after csv
    mapfile -t args < <(workload_args "$workload")
    read -r user0 sys0 < <(cpu_ticks "${pid[$kind]}")
    before=$(path_counters "${port[$kind]}")
    # Options must precede a custom command: redis-benchmark reads every later word as part of it.
    run_interruptible taskset -c "$client_cpu" redis-benchmark -p "${port[$kind]}" \
        -n "$requests" -c "$clients" -r "$keyspace" --csv "${args[@]}" >"$out_dir/last.csv"
    after=$(path_counters "${port[$kind]}")
    read -r user1 sys1 < <(cpu_ticks "${pid[$kind]}")
    csv=$(cat "$out_dir/last.csv")
    # --csv prints a header, then "TEST","rps","avg","min","p50","p95","p99","max" (ms).
    echo "$csv" | tail -n 1 | awk -F'"' -v run="$run" -v kind="$kind" -v w="$workload" \
        -v cpu=$((user1 + sys1 - user0 - sys0)) -v us_per_tick=$((1000000 / clk_tck)) \
        -v n="$requests" -v before="$before" -v after="$after" \
        'NR == 1 { split(before, b, " "); split(after, a, " ")
                   printf "%s\t%s\t%s\t%s\t%s\t%.3f\t%d\t%d\t%d\n", run, kind, w, $4, $14,
                   cpu * us_per_tick / n, a[1] - b[1], a[2] - b[2], a[3] - b[3] }' \
        | tee -a "$raw" >&2
}

start_server ringkv "$ringkv_cpus"
start_server redis "$redis_cpus"
: >"$raw"
# Fill most of the keyspace first, so that MGET and GET runs see the same hit rate everywhere.
for kind in ringkv redis; do
    run_interruptible taskset -c "$client_cpu" redis-benchmark -p "${port[$kind]}" -t set \
        -n $((keyspace * 3)) -c "$clients" -r "$keyspace" -P 16 -q >/dev/null
done
echo -e "$raw_header" >&2
for run in $(seq 1 "$runs"); do
    # Alternate which server goes first, so that neither always runs on a warmer machine.
    order="ringkv redis"
    ((run % 2 == 0)) && order="redis ringkv"
    for workload in $workloads; do
        for kind in $order; do
            measure "$run" "$kind" "$workload"
        done
    done
done

report=$(python3 "$bench_root/bench/summarize.py" xshard "$raw")
echo
echo "$report"
result=$(result_path xshard)
{
    echo "# ringkv ($shards shards) vs redis-server: cross-shard and pipelined throughput"
    echo
    machine_facts
    echo "- command: \`$invocation\`"
    echo "- load: \`taskset -c $client_cpu redis-benchmark -n $requests -c $clients" \
        "-r $keyspace --csv WORKLOAD\`; ringkv under \`taskset -c $ringkv_cpus\`" \
        "(\`--shards $shards\`), redis-server under \`taskset -c $redis_cpus\`;" \
        "$runs interleaved runs, medians shown"
    echo "- workloads: mset10 = \`MSET key:__rand_int__ v\` x10, mget10 =" \
        "\`MGET key:__rand_int__\` x10 (pipeline 1); set_p16, get_p16 = \`-t set|get -P 16\`"
    echo "- caveat: redis-server runs commands on one thread, so it uses one CPU whatever its" \
        "mask; the load generator shares CPU $client_cpu with a ringkv shard, not with redis."
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
