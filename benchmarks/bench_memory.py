"""Peak memory, wall time and throughput of a large ipd tournament.

The tournament: 100 distinct entrants (every built-in strategy, then
``random:p=k/100`` and ``gtft:generosity=k/100`` instances until there are
100), 200 turns, 1000 repetitions, self-play on: 5050 pairs, 1.01 billion
turns. Moves are not kept (the default).

It runs in a fresh subprocess, so the peak resident set size
(``ru_maxrss``, read by the parent with ``os.wait4``) is the whole process:
interpreter, numpy, numba, pandas, the loaded kernels and the tournament.
Inside, the worker also reports the resident size after the imports and a
one-repetition warm-up (the baseline), and the peak of Python-level
allocations (numpy arrays included) during the big tournament by
``tracemalloc``. Before that, an untimed subprocess plays a one-repetition
tournament of the same entrants so the kernels are compiled and cached and
the measured process only loads them (its own peak is shown: it is the
compile's cost when the cache was cold).

Usage
-----
    python benchmarks/bench_memory.py                    # about a minute
    python benchmarks/bench_memory.py --repetitions 100  # quicker
    python benchmarks/bench_memory.py --quick            # 100 repetitions

Target: peak under 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

N_STRATEGIES = 100
TURNS = 200
GIB = 1 << 30


def entrants(n: int = N_STRATEGIES) -> list[str]:
    """``n`` distinct entrants: the built-ins, then parameterised random and gtft."""
    import ipd
    from ipd.core.players import parse_player

    try:
        names = list(ipd.collection("all"))
    except Exception:
        from ipd.strategies import all_strategies

        names = [s.id for s in all_strategies()]
    names = names[:n]
    labels = {parse_player(x).label for x in names}
    extra = []
    for k in range(1, 100):
        for text in (f"random:p={k / 100:g}", f"gtft:generosity={k / 100:g}"):
            label = parse_player(text).label
            if label not in labels:
                labels.add(label)
                extra.append(text)
    return names + extra[: n - len(names)]


def rss_bytes() -> int:
    """Current resident set size of this process."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def worker(args: argparse.Namespace) -> None:
    """Run in the measured subprocess: warm up, then one big tournament."""
    import resource
    import tracemalloc

    import ipd

    ids = entrants()
    ipd.Tournament(ids, turns=TURNS, repetitions=1, seed=1).play(progress=False)
    if args.warmup_only:
        print("RESULT " + json.dumps({"strategies": len(ids)}), flush=True)
        return
    baseline = rss_bytes()
    baseline_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    game = ipd.Tournament(ids, turns=TURNS, repetitions=args.repetitions, seed=1)
    tracemalloc.start()
    c0 = time.process_time()
    t0 = time.perf_counter()
    results = game.play(progress=False)
    play_s = time.perf_counter() - t0
    play_cpu_s = time.process_time() - c0
    summary = results.summary()
    results.payoff_matrix()
    total_s = time.perf_counter() - t0
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(ids)
    out = {
        "strategies": n,
        "distinct": len(set(summary["strategy"])),
        "pairs": n * (n + 1) // 2,
        "turns": n * (n + 1) // 2 * args.repetitions * TURNS,
        "play_s": play_s,
        "play_cpu_s": play_cpu_s,
        "total_s": total_s,
        "baseline_rss": baseline,
        "baseline_peak": baseline_peak,
        "traced_peak": traced_peak,
        "final_rss": rss_bytes(),
        "self_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    print("RESULT " + json.dumps(out), flush=True)


def run(args: argparse.Namespace, warmup_only: bool) -> tuple[dict, int, float]:
    """Run the worker; return its result, its peak RSS (bytes) and its wall time."""
    cmd = [sys.executable, os.path.abspath(__file__), "--worker"]
    cmd += ["--repetitions", str(args.repetitions)]
    if warmup_only:
        cmd.append("--warmup-only")
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        sys.stderr.write(stdout[-3000:] + stderr[-3000:])
        raise SystemExit("worker failed")
    line = next(x for x in stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :]), usage.ru_maxrss * 1024, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repetitions", type=int, default=None, help="[1000; --quick 100]")
    parser.add_argument("--quick", action="store_true", help="100 repetitions")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warmup-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repetitions is None:
        args.repetitions = 100 if args.quick else 1000
    if args.worker:
        worker(args)
        return

    mib = 1 << 20
    _, warm_peak, warm_wall = run(args, warmup_only=True)
    print(
        f"warm-up process (loads or compiles kernels, 1 repetition): {warm_wall:.1f} s, "
        f"peak RSS {warm_peak / mib:.0f} MiB"
    )
    load = os.getloadavg()[0]
    data, peak, wall = run(args, warmup_only=False)
    threads = os.environ.get("NUMBA_NUM_THREADS", "default (all cores)")
    print(
        f"\ntournament: {data['strategies']} strategies ({data['distinct']} distinct), "
        f"{data['pairs']} pairs, {TURNS} turns, {args.repetitions} repetitions, "
        f"self-play: {data['turns'] / 1e9:.3f} billion turns; NUMBA_NUM_THREADS {threads}; "
        f"load before {load:.2f}"
    )
    print(f"  play():                  {data['play_s']:8.2f} s")
    print(f"  play() + summary + matrix{data['total_s']:8.2f} s")
    print(f"  throughput:              {data['turns'] / data['play_s'] / 1e6:8.1f} M turns/s")
    print(
        f"  CPU time of play():      {data['play_cpu_s']:8.2f} s = "
        f"{data['turns'] / data['play_cpu_s'] / 1e6:.1f} M turns per CPU-s"
    )
    print(f"  process wall time:       {wall:8.2f} s (imports and warm-up included)")
    print("memory:")
    print(f"  RSS after imports and warm-up:       {data['baseline_rss'] / mib:8.0f} MiB")
    print(
        f"  peak Python/numpy allocations while playing (tracemalloc): "
        f"{data['traced_peak'] / mib:.1f} MiB"
    )
    print(f"  RSS at the end:                      {data['final_rss'] / mib:8.0f} MiB")
    print(f"  peak RSS of the process (wait4):     {peak / mib:8.0f} MiB")
    verdict = "met" if peak < GIB else "MISSED"
    print(f"target: peak under 1 GiB: {peak / mib:.0f} MiB -> {verdict}")


if __name__ == "__main__":
    main()
