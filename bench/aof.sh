#!/usr/bin/env bash
# AOF write throughput: SET with appendfsync always and everysec, ringkv (1 shard) against
# redis-server with the same setting, same run, both pinned to one CPU, redis-benchmark on the
# other. Runs interleaved; medians and ringkv/redis ratios reported.
#
#   bench/aof.sh
#   RUNS=5 REQUESTS=20000 CLIENTS="1 16 64" bench/aof.sh
#
# Environment (defaults): RUNS=3 REQUESTS=20000 CLIENTS="1 50" POLICIES="always everysec"
# SERVER_CPU=0 CLIENT_CPU=1 SHARDS=1 SKIP_BUILD=0 RINGKV_BIN REDIS_BIN.
# The AOF directories live under bench/out/aof-* (git-ignored) and are removed at the end.
# fdatasync on a VM may not reach stable media; the ratio is what compares (shared/GLOMMIO.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=${RUNS:-3}
requests=${REQUESTS:-20000}
clients_list=${CLIENTS:-1 50}
policies=${POLICIES:-always everysec}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
shards=${SHARDS:-1}
out_dir="$bench_root/bench/out"
raw="$out_dir/aof-raw.tsv"
invocation=$(invocation aof.sh RUNS REQUESTS CLIENTS POLICIES SERVER_CPU CLIENT_CPU SHARDS \
    SKIP_BUILD RINGKV_BIN REDIS_BIN -- "$@")

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
    rm -rf "$out_dir"/aof-ringkv "$out_dir"/aof-redis
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
    local kind=$1 policy=$2 argv dir="$out_dir/aof-$1"
    rm -rf "$dir" && mkdir -p "$dir"
    port[$kind]=$(free_port)
    mapfile -t argv < <(server_argv "$kind" "${port[$kind]}" "$shards")
    argv+=(--dir "$dir" --appendonly yes --appendfsync "$policy")
    taskset -c "$server_cpu" "${argv[@]}" >"$out_dir/aof-$kind.log" 2>&1 &
    pid[$kind]=$!
    wait_ready "${port[$kind]}" "${pid[$kind]}"
}

stop_both() {
    for kind in ringkv redis; do
        stop_server "${port[$kind]}" "${pid[$kind]}"
        unset "pid[$kind]"
    done
}

echo -e "run\tpolicy\tclients\tserver\trps\tp99_ms" >"$raw"
for policy in $policies; do
    for run in $(seq 1 "$runs"); do
        order="ringkv redis"
        ((run % 2 == 0)) && order="redis ringkv"
        for clients in $clients_list; do
            for kind in $order; do
                # A fresh server and an empty log for every measurement: the log's size is
                # the same for both at the start of each run.
                start_server "$kind" "$policy"
                run_interruptible taskset -c "$client_cpu" redis-benchmark -p "${port[$kind]}" \
                    -t set -n "$requests" -c "$clients" -r 100000 --csv >"$out_dir/last.csv"
                tail -n 1 "$out_dir/last.csv" | awk -F'"' -v r="$run" -v p="$policy" \
                    -v c="$clients" -v k="$kind" '{ printf "%s\t%s\t%s\t%s\t%s\t%s\n",
                    r, p, c, k, $4, $14 }' | tee -a "$raw" >&2
                stop_server "${port[$kind]}" "${pid[$kind]}"
                unset "pid[$kind]"
            done
        done
    done
done

report=$(python3 - "$raw" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
keys = sorted({(r["policy"], int(r["clients"])) for r in rows}, key=lambda k: (k[0], k[1]))
print("| appendfsync | clients | ringkv SET/s | redis SET/s | ringkv / redis | ringkv p99 ms | redis p99 ms |")
print("|---|---|---|---|---|---|---|")
for policy, clients in keys:
    def med(server, field):
        vals = [float(r[field]) for r in rows
                if r["policy"] == policy and int(r["clients"]) == clients and r["server"] == server]
        return statistics.median(vals)
    ours, theirs = med("ringkv", "rps"), med("redis", "rps")
    print(f"| {policy} | {clients} | {ours:,.0f} | {theirs:,.0f} | {ours / theirs:.2f} | "
          f"{med('ringkv', 'p99_ms'):.2f} | {med('redis', 'p99_ms'):.2f} |")
PY
)
path=$(result_path aof)
{
    echo "# AOF write throughput"
    echo
    machine_facts
    echo "- command: \`$invocation\`"
    echo "- $runs interleaved runs, medians; $requests SETs per run, keys random in 100,000;"
    echo "  both servers on CPU $server_cpu with a fresh empty log per run, redis-benchmark on CPU $client_cpu"
    echo
    echo "$report"
} >"$path"
echo "$report"
echo "bench: wrote $path" >&2
