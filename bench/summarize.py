#!/usr/bin/env python3
"""Turns the raw TSV that bench/compare.sh and bench/callgrind.sh write into markdown tables.

  summarize.py compare RAW.tsv    rows: run server test pipeline rps p99_ms user_us sys_us
  summarize.py callgrind RAW.tsv  rows: server test clients pipeline requests ir ir_subtracted
  summarize.py xshard RAW.tsv     rows: run server workload rps p99_ms cpu_us local remote multi
"""
import statistics
import sys
from collections import defaultdict


def read_rows(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def spread_pct(values):
    """Largest distance from the median, in percent of it: how much the runs disagree."""
    mid = statistics.median(values)
    return 100 * max(abs(v - mid) for v in values) / mid if mid else 0.0


def cpu(cell):
    """CPU per request as "total (user+sys)", medians of each taken separately."""
    return f"{cell[3]:.2f} ({cell[4]:.2f}+{cell[5]:.2f})"


def compare(path):
    groups = defaultdict(lambda: defaultdict(list))
    order = []
    for _run, server, test, pipeline, rps, p99, user, sys_ in read_rows(path):
        key = (test.upper(), int(pipeline))
        if key not in order:
            order.append(key)
        groups[key][server].append((float(rps), float(p99), float(user), float(sys_)))
    lines = [
        "| test | pipeline | ringkv rps | redis rps | ringkv/redis | ringkv p99 ms | redis p99 ms"
        " | ringkv CPU µs/req (user+sys) | redis CPU µs/req (user+sys) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in order:
        cells = {}
        for server in ("ringkv", "redis"):
            runs = groups[key][server]
            rps = [r[0] for r in runs]
            cells[server] = (
                statistics.median(rps),
                spread_pct(rps),
                statistics.median(r[1] for r in runs),
                statistics.median(r[2] + r[3] for r in runs),
                statistics.median(r[2] for r in runs),
                statistics.median(r[3] for r in runs),
            )
        k, r = cells["ringkv"], cells["redis"]
        ratio = k[0] / r[0] if r[0] else float("nan")
        lines.append(
            f"| {key[0]} | {key[1]} | {k[0]:,.0f} (±{k[1]:.0f}%) | {r[0]:,.0f} (±{r[1]:.0f}%)"
            f" | {ratio:.2f} | {k[2]:.3f} | {r[2]:.3f} | {cpu(k)} | {cpu(r)} |"
        )
    runs = len(next(iter(next(iter(groups.values())).values()))) if groups else 0
    lines.append("")
    lines.append(
        f"Medians of {runs} runs; ± is the largest distance of a run from the median. CPU is the"
        " server's utime and stime from /proc/PID/stat over the run (all threads of the process,"
        " io_uring's iou-wrk/iou-sqp workers included; 10 ms ticks), divided by the request count."
    )
    return "\n".join(lines)


def callgrind(path):
    rows = {}
    order = []
    for server, test, clients, pipeline, requests, ir, baseline in read_rows(path):
        key = (test.upper(), int(clients), int(pipeline))
        if key not in order:
            order.append(key)
        rows[(key, server)] = (int(requests), int(ir), int(baseline))
    lines = [
        "| test | clients | pipeline | ringkv Ir/req | redis Ir/req | ringkv/redis |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key in order:
        per_req = {}
        for server in ("ringkv", "redis"):
            requests, ir, baseline = rows.get((key, server), (0, 0, 0))
            per_req[server] = (ir - baseline) / requests if requests else float("nan")
        k, r = per_req["ringkv"], per_req["redis"]
        ratio = k / r if r else float("nan")
        lines.append(f"| {key[0]} | {key[1]} | {key[2]} | {k:,.0f} | {r:,.0f} | {ratio:.2f} |")
    lines.append("")
    lines.append(
        "Ir: user-space instructions executed by the server process (all threads). SET: a run"
        " of SETs minus a run that only starts, answers one PING and shuts down; GET: a run of"
        " the same SETs then GETs minus the SET-only run; each divided by the request count. With"
        " 1 client every request is a whole event-loop turn; with 50, valgrind's slowdown lets"
        " requests pile up, so per-turn costs are shared and the figure is optimistic."
    )
    return "\n".join(lines)


def shares(runs):
    """Shares of commands by path, summed over runs: local, one remote shard, several shards."""
    local, remote, multi = (sum(int(r[i]) for r in runs) for i in (3, 4, 5))
    total = local + remote + multi
    if not total:
        return "- | - | -"
    return " | ".join(f"{100 * n / total:.1f} %" for n in (local, remote, multi))


def xshard(path):
    groups = defaultdict(lambda: defaultdict(list))
    order = []
    for _run, server, workload, rps, p99, cpu_us, local, remote, multi in read_rows(path):
        if workload not in order:
            order.append(workload)
        row = (float(rps), float(p99), float(cpu_us), local, remote, multi)
        groups[workload][server].append(row)
    lines = [
        "| workload | ringkv rps | redis rps | ringkv/redis | ringkv p99 ms | redis p99 ms"
        " | ringkv CPU µs/req | redis CPU µs/req"
        " | ringkv local | one remote shard | multi-shard |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for workload in order:
        cells = {}
        for server in ("ringkv", "redis"):
            runs = groups[workload][server]
            rps = [r[0] for r in runs]
            cells[server] = (
                statistics.median(rps),
                spread_pct(rps),
                statistics.median(r[1] for r in runs),
                statistics.median(r[2] for r in runs),
            )
        k, r = cells["ringkv"], cells["redis"]
        ratio = k[0] / r[0] if r[0] else float("nan")
        lines.append(
            f"| {workload} | {k[0]:,.0f} (±{k[1]:.0f}%) | {r[0]:,.0f} (±{r[1]:.0f}%)"
            f" | {ratio:.2f} | {k[2]:.3f} | {r[2]:.3f} | {k[3]:.2f} | {r[3]:.2f}"
            f" | {shares(groups[workload]['ringkv'])} |"
        )
    runs = len(next(iter(next(iter(groups.values())).values()))) if groups else 0
    lines.append("")
    lines.append(
        f"Medians of {runs} runs; ± is the largest distance of a run from the median. CPU is the"
        " server process's utime+stime (all threads) over the run divided by the request count."
        " Command"
        " shares come from INFO ringkv before and after each run, summed over runs: local ran"
        " on the shard owning the connection (the fast path), one remote shard was forwarded"
        " to the single shard owning its keys, multi-shard spanned shards."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    modes = {"compare": compare, "callgrind": callgrind, "xshard": xshard}
    if len(sys.argv) != 3 or sys.argv[1] not in modes:
        sys.exit(__doc__)
    print(modes[sys.argv[1]](sys.argv[2]))
