"""Start-up cost of the ``ipd`` command: cold (compiling) and warm (cached kernels).

Measures, each as the wall time of a subprocess, end to end:

* ``ipd tournament tournaments/classic.toml --no-progress`` cold: with
  ``IPD_CACHE_DIR`` set to a fresh temporary folder, so the kernels are
  generated and compiled (once);
* the same command warm: same folder, now cached; ``--runs`` runs, median
  (and best);
* ``ipd --help`` and ``ipd strategies`` (median of ``--runs``);
* ``python -c pass``, the interpreter's own floor.

Each also gets its CPU time (user + system, from ``getrusage`` of the
children), which other engineers' jobs on the same two cores disturb much
less than the wall clock.

Then it breaks a warm start down, in one subprocess on the same cache, into
the steps the command goes through: importing the CLI (click), numpy, numba,
pandas and the rest of ipd; ``scipy.linalg``, which numba imports (to probe
for BLAS) the first time it compiles or loads anything, when scipy is
installed; the rest of that first-use initialisation of numba's CPU target
(it imports numba's own implementation modules); reading the spec;
generating and importing the kernel module; the first ``play()`` (now only
loading the cached machine code and starting numba's thread pool);
a second ``play()`` (the playing itself); the ranked table. What is left of
the command's median wall time is interpreter start-up and exit. Finally the
heaviest imports by ``python -X importtime``.

The temporary cache folder is removed at the end; ``~/.cache/ipd`` is never
touched.

Usage
-----
    python benchmarks/bench_startup.py            # about two minutes (one compile)
    python benchmarks/bench_startup.py --runs 9
    python benchmarks/bench_startup.py --quick    # 3 warm runs

Target: warm ``ipd tournament tournaments/classic.toml`` under 2 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = "tournaments/classic.toml"
TARGET_S = 2.0


def breakdown_worker() -> None:
    """Run in a subprocess (warm cache): time each step of a CLI tournament run."""
    steps = []
    mark = time.perf_counter()

    def step(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        steps.append((name, now - mark))
        mark = now

    import click  # noqa: F401

    import ipd.cli.main as cli

    step("import ipd.cli.main (click)")
    import numpy  # noqa: F401

    step("import numpy")
    import numba  # noqa: F401

    step("import numba")
    import pandas  # noqa: F401

    step("import pandas")
    from ipd.core.tournament import Tournament
    from ipd.engine import api

    step("import ipd.core.tournament, strategies, engine")
    try:
        import scipy.linalg  # noqa: F401

        step("import scipy.linalg (numba's BLAS probe)")
    except ImportError:
        pass
    try:
        from numba.core.registry import cpu_target

        cpu_target.target_context.refresh()
        step("numba target init (loads numba.np.* etc.)")
    except (ImportError, AttributeError):
        pass
    game = Tournament.from_spec(ROOT / SPEC)
    step("read the spec, build the players")
    api.lineup(game.behaviours)
    step("generate + import the kernel module")
    results = game.play(progress=False)
    step("first play() (loads cached machine code)")
    results = game.play(progress=False)
    step("second play() (playing only)")
    with contextlib.redirect_stdout(io.StringIO()):
        printer = getattr(cli, "_print_table", None)
        if printer is not None:
            printer(results)
        else:
            print(results.summary().to_string())
    step("summary and ranked table")
    print("RESULT " + json.dumps(steps), flush=True)


def timed(cmd: list[str], env: dict, runs: int = 1) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) times of ``runs`` runs of ``cmd``.

    Output is discarded; a failure is fatal.
    """
    times, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
            raise SystemExit(f"failed: {' '.join(cmd)}")
    return times, cpus


def import_times(env: dict, top: int = 12) -> list[tuple[str, float]]:
    """Cumulative import time by top-level package, from ``python -X importtime``."""
    code = "import ipd.cli.main, numpy, numba, pandas, ipd.core.tournament, ipd.engine.api"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    totals: dict[str, float] = {}
    pattern = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
    for line in proc.stderr.splitlines():
        m = pattern.match(line)
        if m and len(m.group(3)) == 1:  # imported at the top level, not by another module
            root = m.group(4).split(".")[0]
            totals[root] = totals.get(root, 0.0) + int(m.group(2)) / 1e6
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    return [(name, t) for name, t in ranked if t >= 0.005][:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="warm runs of each command [7]")
    parser.add_argument("--quick", action="store_true", help="3 runs each")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        breakdown_worker()
        return
    runs = 3 if args.quick else args.runs
    ipd_cmd = shutil.which("ipd")
    ipd_cmd = [ipd_cmd] if ipd_cmd else [sys.executable, "-m", "ipd.cli.main"]
    tournament = [*ipd_cmd, "tournament", SPEC, "--no-progress"]

    cache = tempfile.mkdtemp(prefix="ipd-bench-cache-")
    env = dict(os.environ, IPD_CACHE_DIR=cache)
    env.pop("NUMBA_NUM_THREADS", None)
    try:
        print(f"ipd start-up; fresh IPD_CACHE_DIR={cache}; load {os.getloadavg()[0]:.2f}")
        print(f"command: {' '.join(['ipd', *tournament[len(ipd_cmd) :]])} (cwd {ROOT})\n")
        med = statistics.median
        rows = [("ipd tournament ... cold (compiles), 1 run", timed(tournament, env))]
        rows.append(("ipd tournament ... warm", timed(tournament, env, runs)))
        rows.append(("ipd --help", timed([*ipd_cmd, "--help"], env, runs)))
        rows.append(("ipd strategies", timed([*ipd_cmd, "strategies"], env, runs)))
        rows.append(("python -c pass", timed([sys.executable, "-c", "pass"], env, runs)))
        warm = rows[1][1][0]
        print(f"{'what':<44} {'wall median':>11} {'best':>6} {'CPU median':>11}")
        for name, (walls, cpus) in rows:
            print(f"{name:<44} {med(walls):11.2f} {min(walls):6.2f} {med(cpus):11.2f}")
        print(f"(seconds; {runs} runs each; CPU = user + system time of the process)\n")

        runs_steps = []
        for _ in range(runs):
            proc = subprocess.run(
                [sys.executable, os.path.abspath(__file__), "--worker"],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
            runs_steps.append(json.loads(line[len("RESULT ") :]))
        names = [name for name, _ in runs_steps[0]]
        steps = [(n, med([r[k][1] for r in runs_steps])) for k, n in enumerate(names)]
        inside = sum(t for _, t in steps)
        print(f"Warm start broken down (in process, median of {runs} runs per step):")
        for name, t in steps:
            print(f"  {name:<44} {t:6.3f} s  {t / med(warm):6.1%}")
        rest = med(warm) - inside
        label = "interpreter start + exit (median - sum)"
        print(f"  {label:<44} {rest:6.3f} s  {rest / med(warm):6.1%}")
        print(f"  {'= warm median':<44} {med(warm):6.3f} s\n")

        print("Heaviest imports (python -X importtime, cumulative, top level):")
        for name, t in import_times(env):
            print(f"  {name:<20} {t:6.3f} s")
        print()
        verdict = "met" if med(warm) < TARGET_S else "MISSED"
        print(f"target: warm under {TARGET_S:.0f} s: median {med(warm):.2f} s -> {verdict}")
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
