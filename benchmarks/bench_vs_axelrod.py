"""Whole-tournament throughput of ipd against Axelrod-Python, on the same tournament.

The tournament: the built-in strategies the two libraries share (below),
200 turns a match, no noise, standard payoffs (3, 0, 5, 1), every strategy
also meeting its twin (Axelrod-Python always plays self-interactions;
ipd's ``self_play=True`` does the same), so both sides play
n (n + 1) / 2 = 105 matches a repetition.

Axelrod-Python side: ``axelrod.Tournament(players, turns=200,
repetitions=R, seed=1).play(progress_bar=False)`` with ``processes=None``
(its default: serial, one core) unless ``--axelrod-processes`` says
otherwise. The time is the whole call: playing the matches, writing them to
its temporary CSV file and building the ``ResultSet`` with dask (reported
separately too). Turns are counted from the ResultSet's match lengths. Its
import (torch included) is not timed.

ipd side: ``ipd.Tournament(ids, turns=200, repetitions=R, seed=1).play()``
followed by ``summary()`` and ``payoff_matrix()`` (so both sides end with a
ranked table and a payoff matrix), timed after an untimed warm-up that loads
or compiles the kernels; the one-time compile is excluded. Run at
``NUMBA_NUM_THREADS`` = 1 and 2 (one subprocess each). Three sizes: the same R
as Axelrod-Python (end to end, fixed costs included), issue 15's target size
(``--target-reps``, 1000 repetitions: at least 2000x Axelrod-Python's rate) and
R x ``--ipd-scale`` (long enough to time the engine's steady state). Best of ``--runs`` (median
shown too). Turns are counted as pairs x R x 200 and checked against the
engine's own turn counters.

Both sides' CPU time is recorded too (``time.process_time`` of the worker:
Axelrod-Python's ResultSet is built by dask's single-threaded scheduler, in
process), since the wall clock of a shared machine mostly measures the other
jobs; turns per CPU-second moves less under load.

Behaviour check: the two payoff matrices (mean score per turn of row against
column) must agree: exactly for pairs of deterministic strategies, within
5 standard errors for pairs with a stochastic member.

Axelrod-Python (the ``bench`` extra) pulls in torch and CUDA wheels
(about 6 GB) and a newer setuptools, so it lives in its own virtual
environment, ``benchmarks/.venv`` (git-ignored by ``benchmarks/.gitignore``),
made by ``--setup``. ``--axelrod-python`` (or ``AXELROD_PYTHON``) points at
another interpreter that has it.

Usage
-----
    python benchmarks/bench_vs_axelrod.py --setup          # once: make benchmarks/.venv
    python benchmarks/bench_vs_axelrod.py                  # R = 60: about a minute
    python benchmarks/bench_vs_axelrod.py --quick          # R = 10
    python benchmarks/bench_vs_axelrod.py --repetitions 50 --axelrod-processes 2
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TURNS = 200
HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"

# (ipd id, Axelrod-Python class, stochastic). Defaults agree: Random p = 0.5; GTFT's
# generosity min(1 - (T-R)/(R-S), (R-P)/(T-P)) = 1/3; ZD-Extort-2 (phi 1/9, s 1/2) and
# ZD-GTFT-2 (phi 1/4, s 1/2); all co-operate first except Suspicious TFT and Defector.
# Gradual: ipd's and Axelrod-Python's ``Gradual`` (not ``OriginalGradual``) are the same
# rule (n counts every defection of the opponent; punish n - 1 more times, calm twice);
# the payoff-matrix check below confirms it.
SHARED = [
    ("allc", "Cooperator", False),
    ("alld", "Defector", False),
    ("random", "Random", True),
    ("tft", "TitForTat", False),
    ("stft", "SuspiciousTitForTat", False),
    ("wsls", "WinStayLoseShift", False),
    ("gtft", "GTFT", True),
    ("alternator", "Alternator", False),
    ("grudger", "Grudger", False),
    ("tf2t", "TitFor2Tats", False),
    ("2tft", "TwoTitsForTat", False),
    ("extort2", "ZDExtort2", True),
    ("zdgtft2", "ZDGTFT2", True),
    ("gradual", "Gradual", False),
]


# ------------------------------------------------------------------ workers (subprocesses)
def axelrod_worker(args: argparse.Namespace) -> None:
    """Run under Axelrod-Python's interpreter: one timed tournament, one JSON line."""
    t0 = time.perf_counter()
    import axelrod as axl
    import axelrod.tournament as axl_tournament

    import_s = time.perf_counter() - t0
    players = [getattr(axl, cls)() for _, cls, _ in SHARED]
    build = {}
    result_set = axl_tournament.ResultSet

    def timed_result_set(*a, **k):
        start = time.perf_counter()
        out = result_set(*a, **k)
        build["s"] = time.perf_counter() - start
        return out

    axl_tournament.ResultSet = timed_result_set
    game = axl.Tournament(players, turns=TURNS, repetitions=args.repetitions, seed=1)
    c0 = time.process_time()
    t0 = time.perf_counter()
    results = game.play(progress_bar=False, processes=args.axelrod_processes)
    total = time.perf_counter() - t0
    cpu = time.process_time() - c0
    n = len(players)
    turns = 0
    for lengths in results.match_lengths:  # one n x n matrix per repetition
        turns += sum(lengths[i][j] for i in range(n) for j in range(i, n))
    out = {
        "version": axl.__version__,
        "python": sys.version.split()[0],
        "import_s": import_s,
        "total_s": total,
        "cpu_s": cpu,
        "results_s": build.get("s", 0.0),
        "matches": game.num_interactions,
        "turns": int(turns),
        "names": [str(p) for p in players],
        "payoff_matrix": [[float(x) for x in row] for row in results.payoff_matrix],
    }
    print("RESULT " + json.dumps(out), flush=True)


def ipd_worker(args: argparse.Namespace) -> None:
    """Run under this interpreter with NUMBA_NUM_THREADS set: time ipd, one JSON line."""
    import numba

    import ipd

    ids = [i for i, _, _ in SHARED]
    n = len(ids)
    pairs = n * (n + 1) // 2

    def run(reps: int, seed: int):
        c0 = time.process_time()
        t0 = time.perf_counter()
        game = ipd.Tournament(ids, turns=TURNS, repetitions=reps, seed=seed, self_play=True)
        results = game.play(progress=False)
        results.summary()
        matrix = results.payoff_matrix()
        return time.perf_counter() - t0, time.process_time() - c0, results, matrix

    t0 = time.perf_counter()
    run(2, 1)
    warmup = time.perf_counter() - t0
    out = {"threads": numba.config.NUMBA_NUM_THREADS, "warmup_s": warmup, "sizes": []}
    sizes = sorted({args.repetitions, args.target_reps, args.repetitions * args.ipd_scale})
    for reps in sizes:
        times = []
        cpu = []
        for k in range(args.runs):
            elapsed, cpu_s, results, matrix = run(reps, 1 + k)
            times.append(elapsed)
            cpu.append(cpu_s)
        turns = pairs * reps * TURNS
        try:
            from ipd.engine.layout import TURNS as TURNS_FIELD

            played = int(results.pair_counts[:, TURNS_FIELD].sum())
        except (ImportError, AttributeError, IndexError):
            played = turns
        if played != turns:
            raise SystemExit(f"ipd reports {played} turns played, expected {turns}")
        entry = {"repetitions": reps, "turns": turns, "times_s": times, "cpu_s": cpu}
        entry["payoff_matrix"] = matrix.to_numpy().tolist()
        try:
            entry["payoff_std"] = results.payoff_matrix("std").to_numpy().tolist()
        except Exception:  # older Results without std
            entry["payoff_std"] = None
        out["sizes"].append(entry)
    out["labels"] = ids
    print("RESULT " + json.dumps(out), flush=True)


# ------------------------------------------------------------------ the driver
def _result(cmd: list[str], env: dict | None = None) -> dict:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def axelrod_python(args: argparse.Namespace) -> str:
    """The interpreter that has Axelrod-Python."""
    if args.axelrod_python:
        return args.axelrod_python
    if os.environ.get("AXELROD_PYTHON"):
        return os.environ["AXELROD_PYTHON"]
    venv_python = VENV / "bin" / "python"
    if venv_python.exists():
        return str(venv_python)
    probe = subprocess.run([sys.executable, "-c", "import axelrod"], capture_output=True)
    if probe.returncode == 0:
        return sys.executable
    raise SystemExit(
        "Axelrod-Python not found: run `python benchmarks/bench_vs_axelrod.py --setup` "
        "(makes benchmarks/.venv) or pass --axelrod-python"
    )


def setup() -> None:
    """Make benchmarks/.venv with Axelrod-Python in it."""
    if not (VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "axelrod"], check=True)
    print(f"Axelrod-Python installed in {VENV}")


def check_behaviour(axl: dict, ipd_size: dict, axl_reps: int) -> list[str]:
    """Compare the payoff matrices; return the disagreements."""
    stochastic = [s for _, _, s in SHARED]
    ids = [i for i, _, _ in SHARED]
    mean = ipd_size["payoff_matrix"]
    std = ipd_size["payoff_std"]
    n_ipd = ipd_size["repetitions"]
    problems = []
    worst_z = 0.0
    for i in range(len(ids)):
        for j in range(len(ids)):
            diff = abs(mean[i][j] - axl["payoff_matrix"][i][j])
            if not (stochastic[i] or stochastic[j]):
                if diff > 1e-9:
                    problems.append(f"{ids[i]} v {ids[j]}: deterministic, differs by {diff:.4g}")
                continue
            if std is None:
                continue
            se = std[i][j] * (1 / axl_reps + 1 / n_ipd) ** 0.5
            z = diff / se if se > 0 else (0.0 if diff < 1e-9 else float("inf"))
            worst_z = max(worst_z, z)
            if z > 5:
                problems.append(f"{ids[i]} v {ids[j]}: differs by {diff:.4g} ({z:.1f} s.e.)")
    check_behaviour.worst_z = worst_z
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repetitions", type=int, default=None, help="R [60; --quick 10]")
    parser.add_argument("--quick", action="store_true", help="R = 10, fewer ipd runs")
    parser.add_argument("--ipd-scale", type=int, default=100, help="ipd's long run: R x this")
    parser.add_argument(
        "--target-reps", type=int, default=1000, help="issue 15's target size for ipd [1000]"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed ipd runs per size [5]")
    parser.add_argument("--threads", default="1,2", help="ipd thread counts [1,2]")
    parser.add_argument("--axelrod-processes", type=int, default=None, help="[None: serial]")
    parser.add_argument("--axelrod-python", default=None, help="interpreter with axelrod")
    parser.add_argument("--setup", action="store_true", help="install Axelrod-Python in .venv")
    parser.add_argument("--worker", choices=["ipd", "axelrod"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repetitions is None:
        args.repetitions = 10 if args.quick else 60
    for name in ("repetitions", "target_reps", "ipd_scale", "runs"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.quick:
        args.runs = min(args.runs, 3)
    if args.setup:
        setup()
        return
    if args.worker == "axelrod":
        axelrod_worker(args)
        return
    if args.worker == "ipd":
        ipd_worker(args)
        return

    me = os.path.abspath(__file__)
    common = ["--repetitions", str(args.repetitions)]
    n = len(SHARED)
    print(
        f"Tournament: {n} shared strategies, {n * (n + 1) // 2} matches a repetition "
        f"(self-play included on both sides), {TURNS} turns, no noise"
    )
    print(f"  {', '.join(i for i, _, _ in SHARED)}\n")

    # ipd first: its warm-up may have to compile after a code change.
    ipd_runs = {}
    for threads in [int(x) for x in args.threads.split(",")]:
        env = dict(os.environ, NUMBA_NUM_THREADS=str(threads))
        cmd = [sys.executable, me, "--worker", "ipd", *common]
        cmd += ["--ipd-scale", str(args.ipd_scale), "--runs", str(args.runs)]
        cmd += ["--target-reps", str(args.target_reps)]
        ipd_runs[threads] = _result(cmd, env)

    python = axelrod_python(args)
    cmd = [python, me, "--worker", "axelrod", *common]
    if args.axelrod_processes is not None:
        cmd += ["--axelrod-processes", str(args.axelrod_processes)]
    load = os.getloadavg()[0]
    axl = _result(cmd)
    axl_rate = axl["turns"] / axl["total_s"]
    axl_cpu_rate = axl["turns"] / axl["cpu_s"]
    play_rate = axl["turns"] / (axl["total_s"] - axl["results_s"])
    mode = "serial" if args.axelrod_processes is None else f"processes={args.axelrod_processes}"
    print(
        f"Axelrod-Python {axl['version']} (python {axl['python']}, {mode}), R = {args.repetitions}"
    )
    print(
        f"  {axl['matches']} matches, {axl['turns']:,} turns in {axl['total_s']:.1f} s "
        f"(CPU {axl['cpu_s']:.1f} s; ResultSet {axl['results_s']:.1f} s; import "
        f"{axl['import_s']:.1f} s not counted; load before {load:.2f})"
    )
    print(
        f"  whole tournament: {axl_rate / 1e3:8.1f} k turns/s wall, "
        f"{axl_cpu_rate / 1e3:8.1f} k turns per CPU-s"
    )
    print(f"  matches only:     {play_rate / 1e3:8.1f} k turns/s wall (without the ResultSet)\n")

    print(f"ipd (best of {args.runs}; median in brackets; x = times Axelrod-Python's rate)")
    ratios = []
    for threads, data in ipd_runs.items():
        print(f"  NUMBA_NUM_THREADS={threads}: warm-up (untimed) {data['warmup_s']:.1f} s")
        for size in data["sizes"]:
            best = size["turns"] / min(size["times_s"])
            median = size["turns"] / statistics.median(size["times_s"])
            cpu = size["turns"] / min(size["cpu_s"])
            print(
                f"    R = {size['repetitions']:>6}: {size['turns'] / 1e6:6.1f} M turns, "
                f"{min(size['times_s']):6.3f} s: wall {best / 1e6:6.2f} ({median / 1e6:5.2f}) "
                f"M turns/s = {best / axl_rate:5.0f}x ({median / axl_rate:5.0f}x); "
                f"per CPU-s {cpu / 1e6:6.2f} M = {cpu / axl_cpu_rate:5.0f}x"
            )
            ratios.append((threads, size["repetitions"], best / axl_rate, cpu / axl_cpu_rate))

    print("\nBehaviour check (payoff matrices, ipd's long run against Axelrod-Python):")
    top = ipd_runs[max(ipd_runs)]["sizes"][-1]
    problems = check_behaviour(axl, top, args.repetitions)
    if problems:
        print("  DISAGREEMENTS:\n    " + "\n    ".join(problems))
    else:
        print(
            "  agree: deterministic pairs exactly, stochastic pairs within 5 s.e. "
            f"(largest {check_behaviour.worst_z:.1f} s.e.)"
        )
    print("\nSpeed-up of ipd over Axelrod-Python, whole tournament (wall clock; per CPU-second):")
    for threads, reps, ratio, cpu_ratio in ratios:
        print(f"  ipd {threads} thread(s), R = {reps:>6}: {ratio:7.0f}x ; {cpu_ratio:7.0f}x")
    target = [r for t, reps, r, _ in ratios if reps == args.target_reps]
    if target:
        verdict = "met" if max(target) >= 2000 else "missed"
        print(
            f"\nTarget (issue 15): R = {args.target_reps} at least 2000x Axelrod-Python: "
            f"{max(target):.0f}x, {verdict}"
        )


if __name__ == "__main__":
    main()
