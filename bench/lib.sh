# Shared helpers for bench/*.sh: ports, server start/stop, machine facts. Sourced, not run.
# shellcheck shell=bash

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# The command line that ran a script, with the knobs (environment variables named after the
# script) that were set: "RUNS='5' bench/compare.sh".
# Usage: invocation SCRIPT VAR... -- ARGS...
invocation() {
    local script=$1 var line=""
    shift
    while [[ $# -gt 0 && $1 != -- ]]; do
        var=$1
        shift
        [[ -z ${!var+set} ]] || line+="$var='${!var}' "
    done
    [[ $# -eq 0 ]] || shift
    echo "${line}bench/$script${*:+ $*}"
}

# Installs the Debian packages that provide the named commands, when a command is missing.
# Usage: need_tool COMMAND PACKAGE
need_tool() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "bench: $1 missing; installing Debian package $2" >&2
    if [[ $(id -u) -eq 0 ]]; then
        apt-get install -y "$2" >&2 || { apt-get update >&2 && apt-get install -y "$2" >&2; }
    else
        sudo apt-get install -y "$2" >&2
    fi
    command -v "$1" >/dev/null 2>&1 || { echo "bench: cannot install $2" >&2; exit 1; }
}

# Builds the release binary unless RINGKV_BIN points elsewhere or SKIP_BUILD=1.
build_ringkv() {
    if [[ -n "${RINGKV_BIN:-}" || "${SKIP_BUILD:-0}" == 1 ]]; then
        return 0
    fi
    echo "bench: cargo build --release -p ringkv" >&2
    (cd "$bench_root" && cargo build --release -p ringkv >&2) || {
        echo "bench: release build failed; SKIP_BUILD=1 measures the existing binary" >&2
        exit 1
    }
}

# The ringkv binary under test. RINGKV_BIN=/usr/bin/redis-server gives an A/A run (redis on both
# sides), which shows the noise floor of the method.
ringkv_bin() {
    echo "${RINGKV_BIN:-$bench_root/target/release/ringkv}"
}

# Prints the command line (one word per line) that starts a server of KIND on PORT.
# KIND is ringkv or redis; ringkv gets SHARDS shards (default 1). Neither persists anything:
# the figures are for the in-memory path. RINGKV_ARGS adds ringkv-only directives.
# Usage: server_argv KIND PORT [SHARDS]
server_argv() {
    local kind=$1 port=$2 shards=${3:-1} bin
    if [[ $kind == ringkv ]]; then
        bin=$(ringkv_bin)
        printf '%s\n' "$bin" --port "$port" --bind 127.0.0.1
        if [[ $(basename "$bin") != redis-server ]]; then
            printf '%s\n' --shards "$shards"
            # ringkv refuses to run as root without it; benchmark machines often are root.
            [[ $(id -u) -ne 0 ]] || printf '%s\n' --allow-root yes
            # Extra ringkv directives, split on blanks (e.g. "--spin-before-park-us 0").
            # shellcheck disable=SC2086
            [[ -z ${RINGKV_ARGS:-} ]] || printf '%s\n' ${RINGKV_ARGS}
        fi
    else
        printf '%s\n' "${REDIS_BIN:-redis-server}" --port "$port" --bind 127.0.0.1
    fi
    printf '%s\n' --save '' --appendonly no
}

# Waits until a server answers PING on PORT: READY_TRIES (default 200) tries, 0.1 s apart.
wait_ready() {
    local port=$1 pid=$2
    for _ in $(seq 1 "${READY_TRIES:-200}"); do
        if [[ $(redis-cli -p "$port" ping 2>/dev/null) == PONG ]]; then
            return 0
        fi
        alive "$pid" || { echo "bench: server on port $port died" >&2; return 1; }
        sleep 0.1
    done
    echo "bench: server on port $port did not answer PING" >&2
    return 1
}

# Asks the server to exit (SHUTDOWN NOSAVE), then SIGTERM, then SIGKILL, 10 s apart; reaps it.
stop_server() {
    local port=$1 pid=$2
    alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
    for signal in TERM KILL; do
        wait_exit "$pid" && return 0
        echo "bench: server $pid still up; sending SIG$signal" >&2
        kill -s "$signal" "$pid" 2>/dev/null || true
    done
    wait_exit "$pid"
}

# Waits up to 10 s for PID to exit; reaps it when it is our child.
wait_exit() {
    local pid=$1
    for _ in $(seq 1 100); do
        if ! alive "$pid"; then
            wait "$pid" 2>/dev/null || true
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# /proc/PID/stat fields after the command name, which may itself hold spaces: field 1 is the
# state, 12 utime, 13 stime (both summed over all threads, in clock ticks).
stat_fields() {
    sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null
}

# Whether PID runs (a zombie, exited but not yet reaped, does not).
alive() {
    local state
    state=$(stat_fields "$1" | cut -d' ' -f1)
    [[ -n $state && $state != Z ]]
}

# Runs a command in the background and waits for it: bash runs a trap only once the foreground
# command ends, so without this SIGTERM would wait for a whole benchmark run.
bench_child=""
run_interruptible() {
    local rc=0
    "$@" &
    bench_child=$!
    wait "$bench_child" || rc=$?
    bench_child=""
    return "$rc"
}

# Stops the command run_interruptible is waiting for, if any (for EXIT traps).
stop_child() {
    [[ -z $bench_child ]] || kill "$bench_child" 2>/dev/null || true
}

# User and system CPU time of a process (all its threads), in clock ticks: "USER SYS".
cpu_ticks() {
    stat_fields "$1" | awk '{ print $12, $13 }'
}

# One markdown paragraph describing the machine and the commit.
machine_facts() {
    local model commit
    model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    commit=$(cd "$bench_root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ -n $(cd "$bench_root" && git status --porcelain 2>/dev/null | head -1) ]]; then
        commit="$commit (working tree has uncommitted changes)"
    fi
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(nproc) CPUs, ${model:-unknown model}, kernel $(uname -r)"
    echo "- commit: $commit"
    echo "- ringkv: $(ringkv_bin); redis: $(${REDIS_BIN:-redis-server} --version | head -1)"
}

# A results file path under bench/results/ that does not overwrite an earlier one; "-aa" marks
# an A/A run (redis-server standing in for ringkv).
result_path() {
    local name=$1 dir="$bench_root/bench/results" path n=2
    [[ $(basename "$(ringkv_bin)") != redis-server ]] || name="$name-aa"
    mkdir -p "$dir"
    path="$dir/$(date +%F)-$name.md"
    while [[ -e $path ]]; do
        path="$dir/$(date +%F)-$name-$n.md"
        n=$((n + 1))
    done
    echo "$path"
}
