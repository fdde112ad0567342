"""Population models: ipd's Moran process with real matches beside Axelrod-Python's
``MoranProcess``, fixation runs from a payoff table, and a Nowak–May lattice.

1. **Moran process with real matches.** 20 players: the 14 classic strategies
   both libraries share (as in ``bench_vs_axelrod.py``), the first six twice;
   200-turn matches, no noise (``--noise`` for a noisy variant), birth–death,
   fitness proportional to the mean score per turn (Axelrod-Python uses the
   total, the same selection probabilities on a complete graph). Each
   generation every pair plays a fresh match; both libraries play a
   deterministic pair once and reuse it (Axelrod-Python through its
   deterministic cache, ipd through its cache by strategy pair). Both sides
   run ``--generations`` generations (fewer if a run fixes) from the same
   start, ``--axelrod-runs`` runs for Axelrod-Python (seeds 1, 2, ...) and
   ``--ipd-runs`` for ipd, whose runs are then also continued to fixation
   (generations per second over whole runs, when most of them are spent after
   the random strategies died out). Generations per second (wall and per
   CPU-second) and the ratio are printed; the populations that were played
   differ between the two libraries (their random numbers differ), so the
   mean number of matches with a random strategy per generation is printed
   for both sides: the ratio compares like with like only when these agree
   (ten Axelrod-Python runs by default, so that its mean settles), and a
   last ratio compares matches with a random player per CPU-second.
2. **Fixation runs**: 10,000 runs of one mutant in N = 100 (the four
   ordered pairs of TFT and ALLD, exact payoffs at w = 0.9, intensity 0.1,
   2,500 runs each, the two neutral pairs included), from a payoff table.
   Target < 10 s.
3. **Nowak–May**: a 200 x 200 lattice, Moore neighbourhood and
   self-interaction, b = 1.85, 10% defectors, 1000 generations. Target < 10 s.

ipd figures come after an untimed warm-up (compiling or loading kernels),
each thread count in its own subprocess (``NUMBA_NUM_THREADS``).
Axelrod-Python runs with ``/work/scratch/axl-venv/bin/python`` (or
``--axelrod-python``, or ``AXELROD_PYTHON``; see ``bench_vs_axelrod.py`` for
making one); its import is not timed.

Usage
-----
    python benchmarks/bench_populations.py                # about 5-8 minutes
    python benchmarks/bench_populations.py --quick        # fewer runs
    python benchmarks/bench_populations.py --only moran --noise 0.05
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = [
    ("allc", "Cooperator"),
    ("alld", "Defector"),
    ("random", "Random"),
    ("tft", "TitForTat"),
    ("stft", "SuspiciousTitForTat"),
    ("wsls", "WinStayLoseShift"),
    ("gtft", "GTFT"),
    ("alternator", "Alternator"),
    ("grudger", "Grudger"),
    ("tf2t", "TitFor2Tats"),
    ("2tft", "TwoTitsForTat"),
    ("extort2", "ZDExtort2"),
    ("zdgtft2", "ZDGTFT2"),
    ("gradual", "Gradual"),
]
RANDOM_IDS = {"random", "gtft", "extort2", "zdgtft2"}
PLAYERS = 20
TURNS = 200


def lineup() -> list[int]:
    """Indices into SHARED of the 20 players: the 14, then the first six again."""
    return [k % len(SHARED) for k in range(PLAYERS)]


def random_pairs(m: int) -> int:
    """Pairs of the 20 players with at least one of the ``m`` random players in them."""
    rest = PLAYERS - m
    return PLAYERS * (PLAYERS - 1) // 2 - rest * (rest - 1) // 2


# ------------------------------------------------------------------ workers
def axelrod_worker(args) -> None:
    t0 = time.perf_counter()
    import axelrod as axl

    import_s = time.perf_counter() - t0
    names = [cls for _, cls in SHARED]
    runs = []
    for seed in range(1, args.axelrod_runs + 1):
        players = [getattr(axl, names[k])() for k in lineup()]
        process = axl.MoranProcess(players, turns=TURNS, noise=args.noise, seed=seed)
        c0, w0 = time.process_time(), time.perf_counter()
        played = 0
        pairs = 0
        for _ in range(args.generations):
            random_ids = {cls for i, cls in SHARED if i in RANDOM_IDS}
            pairs += random_pairs(sum(type(p).__name__ in random_ids for p in process.players))
            try:
                next(process)
            except StopIteration:
                break
            played += 1
        runs.append(
            {"generations": played, "wall_s": time.perf_counter() - w0,
             "cpu_s": time.process_time() - c0, "random_pairs": pairs}
        )  # fmt: skip
    print("RESULT " + json.dumps({"version": axl.__version__, "import_s": import_s, "runs": runs}))


def ipd_moran_worker(args) -> None:
    import numba
    import numpy as np

    import ipd
    from ipd.analysis.populations import Matches, moran

    ids = [SHARED[k][0] for k in lineup()]
    start = {i: ids.count(i) for i, _ in SHARED}
    pool = Matches(tuple(i for i, _ in SHARED), ipd.Settings(turns=TURNS, noise=args.noise))
    # Warm-up: compile or load every kernel a run uses, the compiled rest of a run included.
    moran(pool, start, runs=2, seed=10**6)

    def timed(generations: int):
        c0, w0 = time.process_time(), time.perf_counter()
        result = moran(pool, start, runs=args.ipd_runs, seed=1, generations=generations)
        return result, time.perf_counter() - w0, time.process_time() - c0

    out = {"threads": numba.config.NUMBA_NUM_THREADS}
    result, wall, cpu = timed(args.generations)
    traj = result.trajectories()
    pairs = 0
    for _, rows in traj.groupby("run"):
        played = rows.iloc[:-1]  # the state before each generation played
        pairs += sum(random_pairs(int(m)) for m in played[sorted(RANDOM_IDS)].sum(axis=1))
    out["first"] = {"generations": int(result.generations.sum()), "wall_s": wall, "cpu_s": cpu,
                    "random_pairs": pairs, "engine_turns": result.engine_turns}  # fmt: skip
    result, wall, cpu = timed(100_000)
    out["whole"] = {
        "generations": int(result.generations.sum()), "wall_s": wall, "cpu_s": cpu,
        "engine_turns": result.engine_turns,
        "fixed": [result.labels[f] if f >= 0 else None for f in result.fixed],
        "mean_generations": float(np.mean(result.generations)),
    }  # fmt: skip
    print("RESULT " + json.dumps(out))


def ipd_kernels_worker(args) -> None:
    import numba

    from ipd.analysis.exact import exact_payoffs
    from ipd.analysis.populations.fixation import fixation_matrix
    from ipd.analysis.populations.spatial import nowak_may_payoffs, spatial

    table = exact_payoffs(["tft", "alld"], 0.9)
    fixation_matrix(table, 10, method="simulate", runs=10, seed=2, intensity=0.1)
    spatial(nowak_may_payoffs(1.85), None, rows=10, generations=5, seed=2)
    out = {"threads": numba.config.NUMBA_NUM_THREADS, "fixation": [], "lattice": []}
    for _ in range(args.runs):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fixation_matrix(table, 100, method="simulate", runs=2500, seed=1,
                                 intensity=0.1)  # fmt: skip
        runs = int(result.finished.to_numpy().sum())
        out["fixation"].append(
            {"wall_s": time.perf_counter() - w0, "cpu_s": time.process_time() - c0,
             "runs": runs, "probability": result.probability.to_numpy().tolist()}
        )  # fmt: skip
    for _ in range(args.runs):
        c0, w0 = time.process_time(), time.perf_counter()
        result = spatial(nowak_may_payoffs(1.85), None, rows=200, generations=1000, seed=1)
        out["lattice"].append(
            {"wall_s": time.perf_counter() - w0, "cpu_s": time.process_time() - c0,
             "final_c": float(result.shares()["C"].iloc[-1])}
        )  # fmt: skip
    print("RESULT " + json.dumps(out))


# ------------------------------------------------------------------ driver
def _result(cmd, env=None) -> dict:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def axelrod_python(args) -> str:
    for candidate in (
        args.axelrod_python,
        os.environ.get("AXELROD_PYTHON"),
        "/work/scratch/axl-venv/bin/python",
        str(HERE / ".venv" / "bin" / "python"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("Axelrod-Python not found: pass --axelrod-python")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=["moran", "kernels"], default=None)
    parser.add_argument("--generations", type=int, default=30, help="per run, side by side [30]")
    parser.add_argument("--axelrod-runs", type=int, default=10)
    parser.add_argument("--ipd-runs", type=int, default=100)
    parser.add_argument("--noise", type=float, default=0.0)
    parser.add_argument("--runs", type=int, default=3, help="timed kernel runs [3]")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--axelrod-python", default=None)
    parser.add_argument("--worker", choices=["axelrod", "moran", "kernels"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.axelrod_runs, args.ipd_runs, args.runs = 1, 20, 1
    if args.worker:
        {"axelrod": axelrod_worker, "moran": ipd_moran_worker, "kernels": ipd_kernels_worker}[
            args.worker
        ](args)
        return
    me = os.path.abspath(__file__)
    common = ["--generations", str(args.generations), "--noise", str(args.noise),
              "--axelrod-runs", str(args.axelrod_runs), "--ipd-runs", str(args.ipd_runs),
              "--runs", str(args.runs)]  # fmt: skip
    threads = [int(x) for x in args.threads.split(",")]
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared)\n")
    if args.only in (None, "moran"):
        moran_section(args, me, common, threads)
    if args.only in (None, "kernels"):
        kernels_section(me, common, threads)


def moran_section(args, me, common, threads) -> None:
    ipd_runs = {}
    for t in threads:
        env = dict(os.environ, NUMBA_NUM_THREADS=str(t))
        ipd_runs[t] = _result([sys.executable, me, "--worker", "moran", *common], env)
    axl = _result([axelrod_python(args), me, "--worker", "axelrod", *common])
    gens = sum(r["generations"] for r in axl["runs"])
    wall = sum(r["wall_s"] for r in axl["runs"])
    cpu = sum(r["cpu_s"] for r in axl["runs"])
    axl_rate, axl_cpu_rate = gens / wall, gens / cpu
    axl_pairs = sum(r["random_pairs"] for r in axl["runs"]) / gens
    print(
        f"1. Moran process, {PLAYERS} players, {TURNS}-turn matches, noise {args.noise:g}, "
        f"first {args.generations} generations from the same start"
    )
    print(
        f"  Axelrod-Python {axl['version']}: {len(axl['runs'])} runs, {gens} generations in "
        f"{wall:.1f} s (CPU {cpu:.1f} s): {axl_rate:.2f} gen/s wall, {axl_cpu_rate:.2f} per "
        f"CPU-s; {axl_pairs:.1f} pairs with a random player per generation"
    )
    for t, data in ipd_runs.items():
        first, whole = data["first"], data["whole"]
        rate = first["generations"] / first["wall_s"]
        cpu_rate = first["generations"] / first["cpu_s"]
        print(
            f"  ipd, {t} thread(s): {args.ipd_runs} runs, {first['generations']} generations in "
            f"{first['wall_s']:.2f} s (CPU {first['cpu_s']:.2f} s): {rate:.0f} gen/s wall = "
            f"{rate / axl_rate:.0f}x, {cpu_rate:.0f} per CPU-s = {cpu_rate / axl_cpu_rate:.0f}x; "
            f"{first['random_pairs'] / first['generations']:.1f} random pairs per generation, "
            f"{first['engine_turns'] / first['generations']:.0f} engine turns per generation"
        )
        # The cost of a generation is about proportional to its matches with a random player
        # (the others are cached on both sides): matches with a random player per CPU-second.
        pairs = first["random_pairs"] / first["generations"]
        print(
            f"    like for like, matches with a random player per CPU-s: "
            f"{cpu_rate * pairs:.0f} against {axl_cpu_rate * axl_pairs:.1f} = "
            f"{cpu_rate * pairs / (axl_cpu_rate * axl_pairs):.0f}x"
        )
        rate = whole["generations"] / whole["wall_s"]
        cpu_rate = whole["generations"] / whole["cpu_s"]
        print(
            f"    whole runs to fixation: {whole['generations']} generations (mean "
            f"{whole['mean_generations']:.0f} per run) in {whole['wall_s']:.2f} s: {rate:.0f} "
            f"gen/s wall = {rate / axl_rate:.0f}x, {cpu_rate:.0f} per CPU-s = "
            f"{cpu_rate / axl_cpu_rate:.0f}x (against Axelrod-Python's first generations)"
        )
    print()


def kernels_section(me, common, threads) -> None:
    print("2. 10,000 fixation runs, N = 100 (TFT/ALLD, 4 ordered pairs x 2,500, exact payoffs "
          "w = 0.9, intensity 0.1); 3. Nowak-May 200 x 200, 1000 generations")  # fmt: skip
    for t in threads:
        env = dict(os.environ, NUMBA_NUM_THREADS=str(t))
        data = _result([sys.executable, me, "--worker", "kernels", *common], env)
        fix = data["fixation"]
        best = min(fix, key=lambda r: r["wall_s"])
        times = ", ".join(f"{r['wall_s']:.2f}" for r in fix)
        p = best["probability"]
        print(
            f"  {t} thread(s): fixation {best['runs']} runs: best {best['wall_s']:.2f} s wall "
            f"(CPU {best['cpu_s']:.2f} s; all {times}); "
            f"rho(tft|alld) {p[0][1]:.4f}, rho(alld|tft) {p[1][0]:.4f}, neutral "
            f"{p[0][0]:.4f} / {p[1][1]:.4f} (1/N = 0.01)"
        )
        lat = data["lattice"]
        best = min(lat, key=lambda r: r["wall_s"])
        times = ", ".join(f"{r['wall_s']:.2f}" for r in lat)
        print(
            f"  {t} thread(s): lattice best {best['wall_s']:.2f} s wall (CPU {best['cpu_s']:.2f} "
            f"s; all {times}); final C share "
            f"{best['final_c']:.3f}"
        )


if __name__ == "__main__":
    main()
