#!/usr/bin/env bash
# Memory per element of each collection type: ringkv (1 shard) and redis-server loaded with the
# same deterministic datasets in the same run; used_memory from INFO before and after each load.
#
#   bench/memory.sh                          # every dataset
#   DATASETS="zset_1m hash_100k_x10" bench/memory.sh
#
# ringkv's used_memory counts every allocation (a counting allocator); redis's is jemalloc's
# count of allocated bytes. Both exclude fragmentation. Writes bench/results/<date>-memory.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

datasets=${DATASETS:-"strings_1m zset_1m zset_100k_x10 hash_1m hash_100k_x10 list_1m list_100k_x10 set_int_1m set_str_1m set_str_100k_x10"}
out_dir="$bench_root/bench/out"
invocation=$(invocation memory.sh DATASETS SKIP_BUILD RINGKV_BIN REDIS_BIN -- "$@")

need_tool redis-cli redis-tools
need_tool redis-server redis-server
build_ringkv
mkdir -p "$out_dir"

declare -A port pid
cleanup() {
    for kind in "${!pid[@]}"; do
        stop_server "${port[$kind]}" "${pid[$kind]}"
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for kind in ringkv redis; do
    port[$kind]=$(free_port)
    mapfile -t argv < <(server_argv "$kind" "${port[$kind]}")
    "${argv[@]}" >"$out_dir/memory-$kind.log" 2>&1 &
    pid[$kind]=$!
    wait_ready "${port[$kind]}" "${pid[$kind]}"
done

used_memory() {
    redis-cli -p "$1" INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2 }'
}

# Elements and keys each dataset creates (must agree with bench/memload.py).
declare -A elements=(
    [strings_1m]=1000000
    [zset_1m]=1000000 [zset_100k_x10]=1000000 [hash_1m]=1000000 [hash_100k_x10]=1000000
    [list_1m]=1000000 [list_100k_x10]=1000000 [set_int_1m]=1000000 [set_str_1m]=1000000
    [set_str_100k_x10]=1000000
)

table="| dataset | encoding (ringkv / redis) | ringkv bytes/element | redis bytes/element | ratio |
|---|---|---|---|---|"
for dataset in $datasets; do
    declare -A per=() enc=()
    for kind in ringkv redis; do
        p=${port[$kind]}
        redis-cli -p "$p" FLUSHALL >/dev/null
        before=$(used_memory "$p")
        python3 "$bench_root/bench/memload.py" "$dataset" | redis-cli -p "$p" --pipe >/dev/null
        after=$(used_memory "$p")
        key=$(redis-cli -p "$p" RANDOMKEY)
        enc[$kind]=$(redis-cli -p "$p" OBJECT ENCODING "$key")
        per[$kind]=$(python3 -c "print(f'{($after - $before) / ${elements[$dataset]}:.1f}')")
        echo "bench: $dataset $kind: $before -> $after bytes (${per[$kind]}/element)" >&2
    done
    ratio=$(python3 -c "print(f'{${per[ringkv]} / ${per[redis]}:.2f}')")
    table+="
| $dataset | ${enc[ringkv]} / ${enc[redis]} | ${per[ringkv]} | ${per[redis]} | $ratio |"
done

echo "$table"
result=$(result_path memory)
{
    echo "# Memory per element: ringkv vs redis-server"
    echo
    echo "Command: \`$invocation\`"
    echo "Machine: $(nproc) CPUs, $(uname -sr); commit $(git -C "$bench_root" rev-parse --short HEAD)"
    echo "redis: $(redis-server --version | head -1)"
    echo
    echo "$table"
} >"$result"
echo "bench: wrote $result" >&2
