"""A tournament of the whole strategy library: compile, speed and memory, beside Axelrod-Python.

The tournament (issue 11): every built-in strategy with its default
parameters, 200 turns, 10 repetitions, self-play on, standard payoffs; played
twice, without noise and with noise 0.05. Every figure comes from a
subprocess:

* **cold compile**: a fresh, empty ``IPD_CACHE_DIR``; import ipd, build the
  tournament, play one repetition (which generates and compiles the kernel of
  every step function in the library). Wall time, CPU time (``getrusage``)
  and the peak resident size (``wait4``) of that process, and where numba
  spent the time (its pipeline passes and LLVM) when numba reports it;
* **warm**: a new process on that cache: the first play loads the compiled
  kernel (the warm "compile"), then the tournament is timed ``--runs`` times
  for each noise level (best and median; CPU time too), and the peak resident
  size of the whole process is read by the parent (``wait4``): the memory a
  tournament of the whole library needs;
* **three fields**, timed the same way in the warm process (their kernel is
  the library's): the whole library; the *ordinary* library, without the
  ``long_run_time`` collection (the teams of ten or more and DBS, slow by
  nature, as Axelrod-Python marks its own); and the *common field*, the
  strategies both libraries have (one ipd strategy for each Axelrod-Python
  4.14 name given as an ``axelrod_name``), leaving out those either library
  marks ``long_run_time``;
* **Axelrod-Python** on the common field. Its pairings are shuffled (seeded;
  n (n + 1) / 2 of them, self-play included) and played in that order, one
  200-turn ``axelrod.Match`` each (players cloned as its tournament does, the
  clone timed with the match), until ``--axelrod-pairs`` have played or
  ``--axelrod-budget`` seconds have passed: a uniform sample, whose mean time
  per match, times the pairings and repetitions, estimates the whole
  tournament's time (standard error printed); ``--axelrod-pairs 0`` plays
  every pairing once (a whole repetition). Only the matches are timed, not
  Axelrod-Python's tournament bookkeeping (its CSV and ResultSet), which
  favours it. Turns per second are compared with ipd's on the same field in
  the same run. Its long-run strategies are left out of that field because
  one match of a meta player there takes half a minute or more (each
  consults a team of about 200 strategies every turn): ``--axelrod-long N``
  times one match of N of them against Tit For Tat beside ipd's.

Targets (issue 11): the whole-library tournament at least 40 M turns/s on
this 2-core machine, peak memory under 1 GiB, one compile, cached.

Axelrod-Python (with torch) must not be a dependency: it is run with another
interpreter, ``--axelrod-python PATH`` or ``AXELROD_PYTHON``, or
``benchmarks/.venv`` (``python benchmarks/bench_vs_axelrod.py --setup``
makes it).

Usage
-----
    python benchmarks/bench_library.py                  # cold compile included
    python benchmarks/bench_library.py --no-cold        # use IPD_CACHE_DIR's kernel
    python benchmarks/bench_library.py --no-axelrod
    python benchmarks/bench_library.py --per-strategy   # also the slowest strategies
    python benchmarks/bench_library.py --quick          # fewer runs and pairs
    python benchmarks/bench_library.py --axelrod-long 3 # + 3 meta players (~10 min)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TURNS = 200
REPETITIONS = 10
NOISES = (0.0, 0.05)
HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
MIB = 1 << 20
GIB = 1 << 30


# ------------------------------------------------------------------ the fields
def library() -> list[str]:
    """Every built-in strategy, in registration order."""
    from ipd.strategies import all_strategies, registry

    return [s.id for s in all_strategies() if s.origin == registry.BUILTIN]


def ordinary() -> list[str]:
    """The library without its ``long_run_time`` collection (slow by nature)."""
    import ipd

    slow = set(ipd.collection("long_run_time"))
    return [i for i in library() if i not in slow]


def common_field() -> list[tuple[str, str]]:
    """(ipd id, Axelrod-Python class) for each Axelrod-Python 4.14 name that ipd gives as an
    ``axelrod_name``, the first ipd strategy naming it, leaving out the strategies either
    library marks ``long_run_time``."""
    from ipd.strategies import all_strategies, registry
    from ipd.strategies.axelrod_python import axelrod_python_strategies

    quick = set(ordinary())
    classes = {a.name: a.class_name for a in axelrod_python_strategies() if not a.long_run_time}
    out: dict[str, tuple[str, str]] = {}
    for s in all_strategies():
        if s.origin == registry.BUILTIN and s.id in quick and s.axelrod_name in classes:
            out.setdefault(s.axelrod_name, (s.id, classes[s.axelrod_name]))
    return list(out.values())


def long_run_field() -> list[tuple[str, str]]:
    """(ipd id, Axelrod-Python class) of the strategies with a name that Axelrod-Python marks
    ``long_run_time``."""
    from ipd.strategies import all_strategies, registry
    from ipd.strategies.axelrod_python import axelrod_python_strategies

    classes = {a.name: a.class_name for a in axelrod_python_strategies() if a.long_run_time}
    out: dict[str, tuple[str, str]] = {}
    for s in all_strategies():
        if s.origin == registry.BUILTIN and s.axelrod_name in classes:
            out.setdefault(s.axelrod_name, (s.id, classes[s.axelrod_name]))
    return list(out.values())


def pairings(n: int) -> int:
    return n * (n + 1) // 2


# ------------------------------------------------------------------ ipd workers
def numba_times(module) -> dict:
    """Where numba spent the compile of the match kernel: its passes and LLVM (seconds)."""
    out: dict = {}
    try:
        dispatcher = module.play_match
        metadata = dispatcher.get_metadata(dispatcher.signatures[0])
    except Exception:  # older numba, or nothing compiled here
        return out
    timers = metadata.get("timers", {})
    out["llvm_s"] = float(timers.get("llvm_lock", 0.0))
    out["compiler_s"] = float(timers.get("compiler_lock", 0.0))
    passes: dict[str, float] = {}
    for pipeline in metadata.get("pipeline_times", {}).values():
        for name, t in pipeline.items():
            label = name.split("_", 1)[1] if "_" in name else name
            passes[label] = passes.get(label, 0.0) + t.init + t.run + t.finalize
    out["passes"] = sorted(passes.items(), key=lambda kv: -kv[1])[:8]
    return out


def compile_worker(args: argparse.Namespace) -> None:
    """Fresh cache: compile the whole library's kernel by playing one repetition."""
    import resource

    t0 = time.perf_counter()
    import ipd
    from ipd.engine import api

    ids = library()
    imported = time.perf_counter() - t0
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    ipd.Tournament(ids, turns=TURNS, repetitions=1, seed=1).play(progress=False)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    module = api.kernels([p.behaviour(ipd.Game()).step for p in _players(ids)])
    out = {
        "strategies": len(ids),
        "steps": len(module.STEP_FUNCTIONS),
        "import_s": imported,
        "compile_s": wall,
        "compile_cpu_s": (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime),
        "numba": numba_times(module),
    }
    print("RESULT " + json.dumps(out), flush=True)


def _players(ids):
    from ipd.core.players import parse_player

    return [parse_player(i) for i in ids]


def ipd_worker(args: argparse.Namespace) -> None:
    """Warm cache: load the kernel, then time the tournaments."""
    import numba

    import ipd
    from ipd.engine.layout import TURNS as TURNS_FIELD

    ids = library()
    fields = {
        "library": ids,
        "ordinary": ordinary(),
        "common": [i for i, _ in common_field()],
    }
    t0 = time.perf_counter()
    c0 = time.process_time()
    ipd.Tournament(ids, turns=TURNS, repetitions=1, seed=1).play(progress=False)
    load = {"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0}
    out = {"threads": numba.config.NUMBA_NUM_THREADS, "load": load, "fields": {}}
    for field_name, field in fields.items():
        entries = []
        for noise in NOISES:
            walls, cpus = [], []
            for k in range(args.runs):
                c0 = time.process_time()
                t0 = time.perf_counter()
                game = ipd.Tournament(
                    field, turns=TURNS, repetitions=REPETITIONS, seed=1 + k, noise=noise
                )
                results = game.play(progress=False)
                results.summary()
                walls.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
            turns = pairings(len(field)) * REPETITIONS * TURNS
            played = int(results.pair_counts[:, TURNS_FIELD].sum())
            if played != turns:
                raise SystemExit(f"ipd reports {played} turns, expected {turns}")
            entries.append({"noise": noise, "turns": turns, "wall_s": walls, "cpu_s": cpus})
        out["fields"][field_name] = {"strategies": len(field), "runs": entries}
    out["long"] = []
    for sid, _ in long_run_field():
        game = ipd.Tournament(
            [sid, "tft"], pairings=[(0, 1)], turns=TURNS, repetitions=100, seed=1, noise=0.05
        )
        c0 = time.process_time()
        game.play(progress=False)
        out["long"].append((sid, (time.process_time() - c0) / (100 * TURNS)))
    if args.per_strategy:
        out["per_strategy"] = per_strategy(ids)
    print("RESULT " + json.dumps(out), flush=True)


def per_strategy(ids: list[str]) -> list[tuple[str, float]]:
    """CPU ns per turn of each strategy's matches against the whole library (noise 0.05)."""
    import ipd

    players = _players(ids)
    n = len(ids)
    reps = 4
    out = []
    for k in range(n):
        pairs = [(k, j) for j in range(n)]
        game = ipd.Tournament(
            players, pairings=pairs, turns=TURNS, repetitions=reps, seed=1, noise=0.05
        )
        c0 = time.process_time()
        game.play(progress=False)
        out.append((ids[k], (time.process_time() - c0) / (n * reps * TURNS) * 1e9))
    return sorted(out, key=lambda kv: -kv[1])


# ------------------------------------------------------------------ Axelrod-Python worker
def axelrod_worker(args: argparse.Namespace) -> None:
    """Under Axelrod-Python's interpreter: time a random sample of the field's matches."""
    import warnings

    warnings.filterwarnings("ignore")
    t0 = time.perf_counter()
    import axelrod as axl

    imported = time.perf_counter() - t0
    spec = json.loads(Path(args.field_file).read_text())
    players = [getattr(axl, c)() for c in spec["common"]]
    n = len(players)
    order = [(i, j) for i in range(n) for j in range(i, n)]
    random.Random(args.seed).shuffle(order)
    wanted = args.axelrod_pairs or len(order)
    out = {"version": axl.__version__, "import_s": imported, "strategies": n, "noises": []}
    for noise in NOISES:
        times, cpus, turns = [], 0.0, 0
        started = time.perf_counter()
        # A shuffled order's prefix is a uniform sample, whenever the budget stops it.
        for k, (i, j) in enumerate(order[:wanted]):
            if args.axelrod_budget and time.perf_counter() - started > args.axelrod_budget:
                break
            c0 = time.process_time()
            t0 = time.perf_counter()
            match = axl.Match(
                (players[i].clone(), players[j].clone()), turns=TURNS, noise=noise, seed=k + 1
            )
            turns += len(match.play())
            times.append(time.perf_counter() - t0)
            cpus += time.process_time() - c0
        out["noises"].append(
            {"noise": noise, "matches": len(times), "turns": turns, "times_s": times, "cpu_s": cpus}
        )
    out["long"] = []
    for cls in spec["long"][: args.axelrod_long]:
        c0 = time.process_time()
        match = axl.Match((getattr(axl, cls)(), axl.TitForTat()), turns=TURNS, noise=0.05, seed=1)
        match.play()
        out["long"].append((cls, time.process_time() - c0))
    print("RESULT " + json.dumps(out), flush=True)


# ------------------------------------------------------------------ the driver
def run(cmd: list[str], env: dict | None = None) -> tuple[dict, int, float]:
    """Run a worker; its RESULT, its peak resident size (bytes, wait4) and wall time."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write(stdout[-4000:] + stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    line = next(x for x in stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :]), usage.ru_maxrss * 1024, wall


def axelrod_python(args: argparse.Namespace) -> str | None:
    for candidate in (args.axelrod_python, os.environ.get("AXELROD_PYTHON")):
        if candidate:
            return candidate
    venv_python = VENV / "bin" / "python"
    return str(venv_python) if venv_python.exists() else None


def rate(turns: float, seconds: float) -> str:
    return f"{turns / seconds / 1e6:6.1f} M/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="timed ipd runs [5; quick 2]")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold compile")
    parser.add_argument("--no-axelrod", action="store_true", help="skip Axelrod-Python")
    parser.add_argument(
        "--axelrod-pairs", type=int, default=None, help="pairings [0: all; quick 200]"
    )
    parser.add_argument(
        "--axelrod-budget", type=float, default=600.0, help="seconds per noise level [600]"
    )
    parser.add_argument(
        "--axelrod-long",
        type=int,
        default=0,
        help="also time N long-run strategies against TFT (minutes each) [0]",
    )
    parser.add_argument("--axelrod-python", default=None, help="interpreter with axelrod")
    parser.add_argument("--per-strategy", action="store_true", help="the slowest strategies")
    parser.add_argument("--seed", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--worker", choices=["compile", "ipd", "axelrod"], help=argparse.SUPPRESS)
    parser.add_argument("--field-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.runs = args.runs or (2 if args.quick else 5)
    if args.axelrod_pairs is None:
        args.axelrod_pairs = 200 if args.quick else 0
    if args.worker:
        {"compile": compile_worker, "ipd": ipd_worker, "axelrod": axelrod_worker}[args.worker](args)
        return

    me = os.path.abspath(__file__)
    n_library, field = len(library()), common_field()
    print(
        f"Tournament: the whole library, {n_library} strategies, {pairings(n_library)} "
        f"pairings (self-play), {TURNS} turns, {REPETITIONS} repetitions, noise "
        f"{' and '.join(f'{x:g}' for x in NOISES)}; load average {os.getloadavg()[0]:.1f}"
    )
    if not args.no_cold:
        cache = tempfile.mkdtemp(prefix="ipd-bench-library-")
        env = dict(os.environ, IPD_CACHE_DIR=cache)
        try:
            cold, cold_peak, cold_wall = run([sys.executable, me, "--worker", "compile"], env)
            # The warm run uses the cache the cold run filled.
            warm_env = env
            print(
                f"\ncold compile ({cold['steps']} step functions, fresh cache): "
                f"{cold['compile_s']:.0f} s wall, {cold['compile_cpu_s']:.0f} s CPU; "
                f"process {cold_wall:.0f} s, peak RSS {cold_peak / MIB:.0f} MiB"
            )
            numba_info = cold.get("numba", {})
            if numba_info:
                print(
                    f"  numba: compiler lock {numba_info.get('compiler_s', 0):.0f} s, of it "
                    f"LLVM {numba_info.get('llvm_s', 0):.0f} s; slowest passes: "
                    + ", ".join(f"{k} {v:.0f} s" for k, v in numba_info.get("passes", []))
                )
            warm, warm_peak, _ = run(_ipd_cmd(me, args), warm_env)
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    else:
        warm, warm_peak, _ = run(_ipd_cmd(me, args))
    load = warm["load"]
    print(
        f"\nwarm start (cached kernel): first play {load['wall_s']:.1f} s wall, "
        f"{load['cpu_s']:.1f} s CPU; {warm['threads']} threads"
    )
    ipd_rates = {}
    for name, data in warm["fields"].items():
        label = {
            "library": "whole library",
            "ordinary": "ordinary library (no long_run_time)",
            "common": "common field (both libraries, no long_run_time)",
        }[name]
        print(f"ipd, {label}: {data['strategies']} strategies (best of {args.runs}, median)")
        for entry in data["runs"]:
            best, median = min(entry["wall_s"]), statistics.median(entry["wall_s"])
            cpu = min(entry["cpu_s"])
            print(
                f"  noise {entry['noise']:<4g}: {entry['turns'] / 1e6:6.1f} M turns in "
                f"{best:6.2f} s: {rate(entry['turns'], best)} ({rate(entry['turns'], median)}); "
                f"per CPU-s {rate(entry['turns'], cpu)}"
            )
            ipd_rates[(name, entry["noise"])] = (entry["turns"] / best, entry["turns"] / cpu)
    verdict = "met" if warm_peak < GIB else "MISSED"
    print(f"peak RSS of the warm process: {warm_peak / MIB:.0f} MiB (< 1 GiB: {verdict})")
    if "per_strategy" in warm:
        print("slowest strategies (CPU ns per turn of their matches against the library):")
        for sid, ns in warm["per_strategy"][:15]:
            print(f"  {sid:32s} {ns:8.1f}")

    python = None if args.no_axelrod else axelrod_python(args)
    if python is None:
        if not args.no_axelrod:
            print("\nAxelrod-Python not found (--axelrod-python PATH): skipped")
        return
    spec = {"common": [c for _, c in field], "long": [c for _, c in long_run_field()]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(spec, handle)
    try:
        cmd = [python, me, "--worker", "axelrod", "--field-file", handle.name]
        cmd += ["--axelrod-pairs", str(args.axelrod_pairs), "--seed", str(args.seed)]
        cmd += ["--axelrod-budget", str(args.axelrod_budget)]
        cmd += ["--axelrod-long", str(args.axelrod_long)]
        axl, _, _ = run(cmd)
    finally:
        os.unlink(handle.name)
    n = axl["strategies"]
    print(
        f"\nAxelrod-Python {axl['version']}, the common field ({n} strategies, "
        f"{pairings(n)} pairings): pairings drawn at random, one match each (import "
        f"{axl['import_s']:.0f} s not counted):"
    )
    for entry in axl["noises"]:
        times = entry["times_s"]
        mean = statistics.fmean(times)
        se = statistics.stdev(times) / len(times) ** 0.5
        whole = mean * pairings(n) * REPETITIONS
        axl_rate = TURNS / mean
        axl_cpu = entry["turns"] / entry["cpu_s"]
        ipd_wall, ipd_cpu = ipd_rates[("common", entry["noise"])]
        print(
            f"  noise {entry['noise']:<4g}: {entry['matches']} matches, {mean * 1e3:6.2f} ms a "
            f"match (s.e. {se * 1e3:.2f}): {axl_rate / 1e3:6.1f} k turns/s, per CPU-s "
            f"{axl_cpu / 1e3:6.1f} k; the whole tournament about {whole / 60:.0f} min"
        )
        print(
            f"    ipd / Axelrod-Python: {ipd_wall / axl_rate:6.0f}x wall "
            f"(ipd {ipd_wall / 1e6:.1f} M/s, {warm['threads']} threads), "
            f"{ipd_cpu / axl_cpu:6.0f}x per CPU-s"
        )
    if axl["long"]:
        ipd_long = dict((sid, t) for sid, t in warm["long"])
        ids = {c: sid for sid, c in long_run_field()}
        print("long-run strategies, one 200-turn match against Tit For Tat, noise 0.05:")
        for cls, seconds in axl["long"]:
            ours = ipd_long[ids[cls]] * TURNS
            print(
                f"  {cls:24s} Axelrod-Python {seconds:8.2f} s CPU; ipd ({ids[cls]}) "
                f"{ours * 1e6:8.1f} us: {seconds / ours:10.0f}x"
            )


def _ipd_cmd(me: str, args: argparse.Namespace) -> list[str]:
    cmd = [sys.executable, me, "--worker", "ipd", "--runs", str(args.runs)]
    return cmd + (["--per-strategy"] if args.per_strategy else [])


if __name__ == "__main__":
    main()
