"""Raw engine throughput of ipd, in turns per second, at 1 and 2 threads.

Each thread count runs in its own subprocess (``NUMBA_NUM_THREADS`` is read
once, when numba starts), which plays these round robins (200 turns a match,
self-play on, as ``ipd.Tournament`` does by default):

* ``memory-one det.``: the deterministic memory-one built-ins (allc, alld,
  tft, stft, wsls, alternator), many repetitions, no noise;
* ``memory-one det., noise``: the same with noise 0.05;
* ``classic``: the mixed ``classic`` collection (stochastic and
  longer-memory strategies too), no noise;
* ``classic, noise``: the same with noise 0.05;
* ``classic, misperception``: the same with misperception 0.05 (each player sees
  the other's moves wrongly; a kernel variant compiled only for this).

What is timed is ``Tournament.play()`` (engine plus the O(pairs) result
assembly), after an untimed warm-up that loads (or compiles) the kernels.
Turns are counted as pairs x repetitions x turns, pairs including self-play;
the worker checks that count against the turn counters the engine returns.
Each scenario is timed ``--runs`` times: the best run is the headline (other
engineers' jobs share the two cores, and only add time), the median is shown
beside it.

Wall-clock throughput on a shared 2-core machine mostly measures the other
jobs, so the CPU time of the worker (``time.process_time``, all its threads)
is recorded too: "per CPU-s" is turns per second of CPU the engine actually
got, which moves less under load (though caches and the hypervisor are
shared too). With 2 threads it also shows the parallel
overhead (spinning and waiting at block barriers count as CPU time), and
threads x per-CPU-s is what the wall clock would show on an idle machine.

Usage
-----
    python benchmarks/bench_engine.py            # about a minute
    python benchmarks/bench_engine.py --quick    # a few seconds per thread count
    python benchmarks/bench_engine.py --threads 1,2 --runs 7 --scale 2

Target: >= 100 million turns/s for deterministic memory-one strategies on
this 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

TURNS = 200
TARGET = 100e6
MEMORY_ONE = ["allc", "alld", "tft", "stft", "wsls", "alternator"]

# name, strategies (None = the classic collection), noise, repetitions (full, quick),
# misperception
SCENARIOS = [
    ("memory-one det.", MEMORY_ONE, 0.0, 20000, 2000, 0.0),
    ("memory-one det., noise 0.05", MEMORY_ONE, 0.05, 10000, 1000, 0.0),
    ("classic", None, 0.0, 2000, 200, 0.0),
    ("classic, noise 0.05", None, 0.05, 2000, 200, 0.0),
    ("classic, misperception 0.05", None, 0.0, 2000, 200, 0.05),
]


def _turns_played(results) -> int | None:
    """Turns the engine says it played (sum of per-pair turn counters), if exposed."""
    try:
        from ipd.engine.layout import TURNS as TURNS_FIELD

        return int(results.pair_counts[:, TURNS_FIELD].sum())
    except (ImportError, AttributeError, IndexError):
        return None


def worker(args: argparse.Namespace) -> None:
    """Run in the subprocess: time every scenario and print one JSON line."""
    import ipd

    out = {"threads": None, "scenarios": []}
    import numba

    out["threads"] = numba.config.NUMBA_NUM_THREADS
    for name, ids, noise, reps_full, reps_quick, misperception in SCENARIOS:
        # Misperception only when played (the other scenarios run on an ipd without it too).
        errors = {"noise": noise} | ({"misperception": misperception} if misperception else {})
        ids = list(ids) if ids is not None else list(ipd.collection("classic"))
        reps = max(1, int((reps_quick if args.quick else reps_full) * args.scale))
        n = len(ids)
        pairs = n * (n + 1) // 2
        turns = pairs * reps * TURNS

        # Warm-up: loads the cached kernels (or compiles them after a code change).
        t0 = time.perf_counter()
        ipd.Tournament(ids, turns=TURNS, repetitions=2, seed=1, **errors).play(progress=False)
        warmup = time.perf_counter() - t0

        times = []
        cpu = []
        played = None
        for run in range(args.runs):
            game = ipd.Tournament(ids, turns=TURNS, repetitions=reps, seed=1 + run, **errors)
            c0 = time.process_time()
            t0 = time.perf_counter()
            results = game.play(progress=False)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            played = _turns_played(results)
        if played is not None and played != turns:
            raise SystemExit(f"{name}: engine reports {played} turns, expected {turns}")
        out["scenarios"].append(
            {
                "name": name,
                "strategies": n,
                "pairs": pairs,
                "repetitions": reps,
                "turns": turns,
                "warmup_s": warmup,
                "times_s": times,
                "cpu_s": cpu,
                "checked": played is not None,
            }
        )
    print("RESULT " + json.dumps(out), flush=True)


def run_worker(threads: int, args: argparse.Namespace) -> dict:
    env = dict(os.environ, NUMBA_NUM_THREADS=str(threads))
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", "--runs", str(args.runs)]
    cmd += ["--scale", str(args.scale)] + (["--quick"] if args.quick else [])
    load_before = os.getloadavg()[0]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"worker with {threads} thread(s) failed")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    data = json.loads(line[len("RESULT ") :])
    data["load_before"] = load_before
    data["load_after"] = os.getloadavg()[0]
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10x fewer repetitions")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per scenario [5]")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply repetitions [1]")
    parser.add_argument("--threads", default="1,2", help="thread counts to run [1,2]")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    import platform

    print(f"ipd engine throughput; python {platform.python_version()}, {os.cpu_count()} cpus")
    print(f"each scenario: warm-up, then {args.runs} timed runs of Tournament.play(); ")
    print("M turns/s as best (median); load = 1-minute load average before/after\n")
    by_threads = {}
    for threads in [int(x) for x in args.threads.split(",")]:
        data = run_worker(threads, args)
        by_threads[threads] = data
        print(
            f"NUMBA_NUM_THREADS={threads} (numba reports {data['threads']}), "
            f"load {data['load_before']:.2f} -> {data['load_after']:.2f}"
        )
        for s in data["scenarios"]:
            best = s["turns"] / min(s["times_s"])
            median = s["turns"] / statistics.median(s["times_s"])
            s["best"], s["median"] = best, median
            s["cpu_best"] = s["turns"] / min(s["cpu_s"])
            s["cpu_median"] = s["turns"] / statistics.median(s["cpu_s"])
            print(
                f"  {s['name']:<28} {s['strategies']:>3} str. {s['pairs']:>4} pairs "
                f"x {s['repetitions']:>6} reps = {s['turns'] / 1e6:6.1f} M turns: "
                f"wall {best / 1e6:6.1f} ({median / 1e6:5.1f}); "
                f"per CPU-s {s['cpu_best'] / 1e6:6.1f} ({s['cpu_median'] / 1e6:5.1f})  "
                f"[warm-up {s['warmup_s']:.1f} s]"
            )
        print()

    if 1 in by_threads and 2 in by_threads:
        print("2-thread / 1-thread: wall-clock ratio (best; median), CPU efficiency of 2 threads")
        for one, two in zip(by_threads[1]["scenarios"], by_threads[2]["scenarios"], strict=True):
            print(
                f"  {one['name']:<28} {two['best'] / one['best']:5.2f}x ; "
                f"{two['median'] / one['median']:5.2f}x   "
                f"efficiency {two['cpu_best'] / one['cpu_best']:6.1%}"
            )
        print()
    top = max(by_threads)
    det = by_threads[top]["scenarios"][0]
    verdict = "met" if det["best"] >= TARGET else "MISSED"
    print(
        f"target >= {TARGET / 1e6:.0f} M turns/s, deterministic memory-one, {top} threads: "
        f"wall {det['best'] / 1e6:.1f} M turns/s (best) -> {verdict}"
    )
    idle = top * det["cpu_best"]
    print(
        f"  idle-machine estimate ({top} threads x per-CPU-s best): {idle / 1e6:.1f} M turns/s "
        f"-> {'would be met' if idle >= TARGET else 'would be MISSED'}"
    )


if __name__ == "__main__":
    main()
