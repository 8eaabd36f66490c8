#!/usr/bin/env bash
# User-space instructions per request (callgrind's Ir), ringkv (1 shard) vs redis-server: the
# stable figure, unlike throughput it barely moves between runs or machines.
#
#   bench/callgrind.sh
#   REQUESTS=50000 CLIENTS=1 PIPELINES="1 16" bench/callgrind.sh
#   RINGKV_BIN=/usr/bin/redis-server bench/callgrind.sh   # A/A run: redis on both sides
#
# Environment (defaults): REQUESTS=20000 CLIENTS="1 50" KEYSPACE=10000 PIPELINES="1 16"
# SERVER_CPU=0 CLIENT_CPU=1 SKIP_BUILD=0 RINGKV_BIN REDIS_BIN
# RINGKV_ARGS="--spin-before-park-us 0" (extra ringkv directives).
#
# Each figure comes from separate server processes under valgrind, each ended by SHUTDOWN NOSAVE
# so that callgrind writes its totals at a normal exit:
#   baseline   start, one PING, shutdown                        -> Ir_0
#   set        start, REQUESTS SET, shutdown                    -> Ir_s
#   set+get    start, REQUESTS SET, REQUESTS GET, shutdown      -> Ir_sg
# SET/req = (Ir_s - Ir_0) / REQUESTS, GET/req = (Ir_sg - Ir_s) / REQUESTS. GET thus runs on the
# keyspace the SETs filled (KEYSPACE is small enough that most GETs hit). Connection setup of
# the benchmark's clients is included in the per-request figure (it is a few per mille).
#
# Why two client counts: valgrind slows the server ~50x but not redis-benchmark, so with 50
# clients many requests are waiting at every loop turn and the per-turn cost (polling, io_uring
# submission, timers) is shared by many; natively it is not. One client makes every request a
# full loop turn whatever the slowdown: the figure to compare. 50 clients shows the batched path.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# An idle shard spins before it parks; under callgrind every spin iteration is counted, which
# would add idle time to the per-request figure. Count work only, unless told otherwise.
export RINGKV_ARGS="${RINGKV_ARGS---spin-before-park-us 0}"

requests=${REQUESTS:-20000}
clients_list=${CLIENTS:-1 50}
keyspace=${KEYSPACE:-10000}
pipelines=${PIPELINES:-1 16}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
out_dir="$bench_root/bench/out/callgrind"
raw="$bench_root/bench/out/callgrind-raw.tsv"
invocation=$(invocation callgrind.sh RINGKV_ARGS REQUESTS CLIENTS KEYSPACE PIPELINES SERVER_CPU \
    CLIENT_CPU SKIP_BUILD RINGKV_BIN REDIS_BIN -- "$@")

need_tool valgrind valgrind
need_tool redis-benchmark redis-tools
need_tool redis-server redis-server
need_tool taskset util-linux
build_ringkv
[[ -x $(ringkv_bin) ]] || { echo "bench: $(ringkv_bin) not found; build it first" >&2; exit 1; }
rm -rf "$out_dir"
mkdir -p "$out_dir"

current_port="" current_pid=""
trap 'stop_child; [[ -z $current_pid ]] || stop_server "$current_port" "$current_pid"' EXIT
trap 'exit 130' INT TERM

# Runs one server of KIND under callgrind through a workload, shuts it down, and sets $run_ir to
# its total Ir. (A global, not $(...): a subshell would hide the server's pid from the EXIT trap.)
# WORKLOAD: "baseline", or a list of TEST:PIPELINE steps such as "set:16 get:16"; the global
# $clients sets the connection count.
callgrind_run() {
    local kind=$1 name=$2 workload=$3 argv step total
    run_ir=""
    current_port=$(free_port)
    mapfile -t argv < <(server_argv "$kind" "$current_port")
    taskset -c "$server_cpu" valgrind --tool=callgrind --callgrind-out-file="$out_dir/$name.%p" \
        --log-file="$out_dir/$name.valgrind.log" "${argv[@]}" >"$out_dir/$name.server.log" 2>&1 &
    current_pid=$!
    READY_TRIES=600 wait_ready "$current_port" "$current_pid" || {
        echo "bench: $kind under valgrind did not come up; see $out_dir/$name.valgrind.log" >&2
        tail -20 "$out_dir/$name.valgrind.log" >&2
        exit 1
    }
    for step in $workload; do
        [[ $step == baseline ]] && continue
        run_interruptible taskset -c "$client_cpu" redis-benchmark -p "$current_port" \
            -t "${step%%:*}" -n "$requests" -c "$clients" -r "$keyspace" -P "${step##*:}" -q \
            >>"$out_dir/$name.benchmark.log" 2>&1
    done
    redis-cli -p "$current_port" shutdown nosave >/dev/null 2>&1 || true
    wait_exit_long "$current_pid" || {
        echo "bench: $kind did not exit after SHUTDOWN; killing it (callgrind output lost)" >&2
        stop_server "$current_port" "$current_pid"
        exit 1
    }
    current_pid=""
    total=$(total_ir "$name")
    [[ -n $total ]] || { echo "bench: no callgrind totals for $name" >&2; exit 1; }
    echo "bench: $name: $total Ir" >&2
    run_ir=$total
}

# Under valgrind a clean exit (writing the profile) can take many seconds.
wait_exit_long() {
    local pid=$1
    for _ in $(seq 1 600); do
        if ! alive "$pid"; then
            wait "$pid" 2>/dev/null || true
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# Sum of the "totals:" (or "summary:") lines of every profile file of one run (one per thread
# or dump, should any be split).
total_ir() {
    local files=("$out_dir/$1".[0-9]*)
    [[ -e ${files[0]} ]] || return 0
    awk '/^totals:/ { t += $2; seen = 1 } /^summary:/ { s += $2 }
         END { if (seen) print t; else if (s) print s }' "${files[@]}"
}

: >"$raw"
for kind in ringkv redis; do
    clients=1
    callgrind_run "$kind" "$kind-baseline" baseline
    baseline=$run_ir
    for clients in $clients_list; do
        for pipeline in $pipelines; do
            name="$kind-c$clients-p$pipeline"
            callgrind_run "$kind" "$name-set" "set:$pipeline"
            set_ir=$run_ir
            callgrind_run "$kind" "$name-setget" "set:$pipeline get:$pipeline"
            set_get_ir=$run_ir
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" set "$clients" "$pipeline" \
                "$requests" "$set_ir" "$baseline" >>"$raw"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" get "$clients" "$pipeline" \
                "$requests" "$set_get_ir" "$set_ir" >>"$raw"
        done
    done
done

report=$(python3 "$bench_root/bench/summarize.py" callgrind "$raw")
echo
echo "$report"
result=$(result_path callgrind)
{
    echo "# ringkv vs redis-server: instructions per request (callgrind)"
    echo
    machine_facts
    echo "- valgrind: $(valgrind --version)"
    echo "- command: \`$invocation\`"
    echo "- load: \`redis-benchmark -t set|get -n $requests -c CLIENTS -r $keyspace" \
        "-P PIPELINE\`; GET runs after the SETs of the same process;" \
        "servers under \`taskset -c $server_cpu\`"
    echo
    echo "$report"
    echo
    echo "<details><summary>Raw totals</summary>"
    echo
    echo '```'
    echo -e "server\ttest\tclients\tpipeline\trequests\tIr\tIr_subtracted"
    cat "$raw"
    echo '```'
    echo "</details>"
} >"$result"
echo
echo "bench: written to ${result#"$bench_root"/}"
