"""Compile time as the library grows: kernels keyed on the lineup, with 300 strategies registered.

Each figure is the wall time of a subprocess (and its CPU time, from
``getrusage``, which other jobs on the machine disturb less):

* **fresh machine**: a clone of the committed tree, a new virtual
  environment, then the README's first command as the README spells it (read
  from README.md: its ``pip install`` from the package index this machine
  uses, then ``ipd tournament tournaments/classic.toml`` with an empty kernel
  cache); ``--no-venv`` leaves this out. The rows below then run this
  checkout's code with that environment's packages, what the README installs
  (with ``--no-venv``, with this process's Python and packages);
* **classic, cold**: ``ipd tournament tournaments/classic.toml --no-progress``
  with an empty kernel cache: generate, compile and play (the engine's
  step-independent parts, ``ipd/engine/_match_parts.py``, compiled once per
  installation, may already be compiled: this is a new lineup's cost; the
  fresh-machine row, from a clone of the committed tree, compiles them too);
* **classic, warm**: the same again on that cache (median of ``--runs``);
* **20 code strategies, cold**: a lineup of 20 compiled step functions (from a
  generated file of 300 synthetic strategies, loaded with ``--strategy-file``)
  in an empty cache;
* **classic, warm, 300 strategies loaded**: the classic spec with the
  300-strategy file loaded but not playing (the kernel must not change);
* **20 code strategies, warm**: the 20-strategy lineup again;
* **20 library code strategies, cold**: 20 of the library's code steps (one
  strategy each, drawn with a fixed seed) in another empty cache: real steps,
  larger than the synthetic ones.

Every row runs in a user's environment: ``PYTHONDONTWRITEBYTECODE``, which this
workplace's machines set and a user's shell does not, is dropped, so Python caches
the bytecode of what it imports as it does for a user.

The synthetic strategies are small rules of the kind the library holds (a
counter in memory, a threshold on the running scores, a random draw for some),
each a distinct step function; the file is written to a temporary folder.

Targets (issue: redesign): fresh machine <= 60 s; a lineup of up to 20 code
strategies compiles in <= 30 s; warm classic < 2 s; all with 300 strategies
in the library.

Usage
-----
    python benchmarks/bench_compile.py             # about 3 minutes
    python benchmarks/bench_compile.py --no-venv   # skip the fresh-install run
    python benchmarks/bench_compile.py --runs 7
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = "tournaments/classic.toml"
N_SYNTHETIC = 300
LINEUP = 20


def synthetic_file(path: Path, n: int = N_SYNTHETIC) -> list[str]:
    """Write ``n`` distinct compiled strategies to ``path``; return their ids."""
    lines = [
        '"""Synthetic strategies for benchmarks/bench_compile.py (generated)."""',
        "import ipd",
        "from ipd.engine.random import uniform",
        "",
    ]
    ids = []
    for k in range(n):
        sid = f"synthetic_{k:03d}"
        ids.append(sid)
        noisy = k % 3 == 0
        lines += [
            f'@ipd.strategy("{sid}", "Synthetic {k}", description="generated", '
            f"memory_depth=None, stochastic={noisy})",
            "@ipd.step",
            f"def {sid}(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, "
            "rng):",
            "    if turn == 0:",
            f"        return {k % 2}",
            "    if opp[turn - 1] == 1:",
            "        memory[0] += 1",
            f"    if memory[0] > {k % 7 + 1}:",
            "        memory[0] = 0",
            "        return 1",
            f"    if own_score + {k % 11} < opp_score:",
            "        return 1",
        ]
        if noisy:
            lines += [f"    if uniform(rng) < {0.01 * (k % 9 + 1):.2f}:", "        return 1"]
        lines += ["    return opp[turn - 1]", ""]
    path.write_text("\n".join(lines))
    return ids


def library_code_ids(n: int = LINEUP, seed: int = 1) -> list[str]:
    """``n`` library strategies with distinct code steps (not data families), drawn with
    ``seed`` from all of them (one strategy per step, sorted by id)."""
    import random

    import ipd
    from ipd.engine import _steps
    from ipd.strategies import registry

    game, by_step = ipd.Game(), {}
    for info in sorted(registry.current().strategies(), key=lambda s: s.id):
        step = info.behaviour(game).step
        if _steps.is_code(step):
            by_step.setdefault(step, info.id)
    return random.Random(seed).sample(sorted(by_step.values()), n)


def timed(command: list[str], env: dict, cwd: Path = ROOT) -> tuple[float, float]:
    """(wall, cpu) seconds of one subprocess; fails loudly if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stdout}\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def user_env(cache: Path) -> dict[str, str]:
    """The environment of a user's shell, with ``cache`` as ipd's kernel cache: without
    this process's virtual environment, ``PYTHONPATH`` and ``PYTHONDONTWRITEBYTECODE``."""
    dropped = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["IPD_CACHE_DIR"] = str(cache)
    return env


def readme_first_command() -> tuple[list[str], list[str]]:
    """The README's first set-up command, ``pip ... && ipd ...``, as its two argument
    lists: the fresh-machine row runs what the README tells a new user to run."""
    text = (ROOT / "README.md").read_text()
    found = re.search(r"^# 1\..*\n(.+)$", text, re.MULTILINE)
    if found is None or found.group(1).count("&&") != 1:
        raise SystemExit("README.md: no '# 1.' set-up line followed by 'pip ... && ipd ...'")
    install, run = (shlex.split(part) for part in found.group(1).split("&&"))
    if install[0] != "pip" or run[0] != "ipd":
        raise SystemExit(f"README.md: unexpected first command {found.group(1)!r}")
    return install, run


def ipd(python: str, *args: str) -> list[str]:
    """The ipd command line of this checkout, run by ``python``."""
    return [python, "-m", "ipd.cli.main", *args]


def show(label: str, wall: float, cpu: float, target: str = "") -> None:
    print(f"{label:<64} {wall:7.2f} s wall {cpu:7.2f} s cpu  {target}", flush=True)


def fresh_machine(work: Path) -> str:
    """Time the README's first command on a new virtual environment; return its python."""
    venv = work / "venv"
    env = user_env(work / "fresh-cache")
    install, run = readme_first_command()
    # A clone, so that nothing compiled in this checkout (numba's cache of the engine's
    # shared parts beside their source, ipd/engine/__pycache__) is there to be reused.
    clone = work / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    made = time.perf_counter() - start
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), *install[1:], "-q"],
        env=env,
        cwd=clone,
        capture_output=True,
        text=True,
    )
    if pip.returncode != 0:
        raise SystemExit(f"{' '.join(install)} failed:\n{pip.stderr}")
    installed = time.perf_counter() - start
    command = [str(venv / "bin" / "ipd"), *run[1:], "--no-progress"]
    wall, cpu = timed(command, env, cwd=clone)
    total = installed + wall
    show("fresh machine: python -m venv", made, float("nan"))
    show(f"fresh machine: {' '.join(install)}", installed - made, float("nan"))
    show(f"fresh machine: {' '.join(run)} (compile)", wall, cpu)
    show("fresh machine: venv + the README's first command", total, float("nan"), "target <= 60 s")
    return str(venv / "bin" / "python")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs (median)")
    parser.add_argument("--no-venv", action="store_true", help="skip the fresh-install run")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ipd-bench-compile-"))
    try:
        print(f"load average {os.getloadavg()[0]:.2f}; python {sys.version.split()[0]}")
        # The other rows run this checkout's code with the fresh environment's packages (what
        # the README installs), or with this process's Python under --no-venv.
        python = sys.executable if args.no_venv else fresh_machine(work)
        env = user_env(work / "cache")
        classic = ipd(python, "tournament", SPEC, "--no-progress")
        show("classic, cold (compile + play)", *timed(classic, env))
        warm = [timed(classic, env) for _ in range(args.runs)]
        show(
            f"classic, warm (median of {args.runs})",
            statistics.median(w for w, _ in warm),
            statistics.median(c for _, c in warm),
            "target < 2 s",
        )
        library = work / "synthetic.py"
        ids = synthetic_file(library)
        lineup = [a for sid in ids[:LINEUP] for a in ("-s", sid)]
        play = ["--turns", "200", "--repetitions", "10", "--seed", "1", "--no-progress"]
        loaded = ["--strategy-file", str(library)]
        show(
            f"{LINEUP} code strategies of {N_SYNTHETIC} loaded, cold",
            *timed(ipd(python, "tournament", *lineup, *loaded, *play), env),
            "target <= 30 s",
        )
        warm_library = [timed([*classic, *loaded], env) for _ in range(args.runs)]
        show(
            f"classic, warm, {N_SYNTHETIC} strategies loaded",
            statistics.median(w for w, _ in warm_library),
            statistics.median(c for _, c in warm_library),
            "target < 2 s",
        )
        show(
            f"{LINEUP} code strategies, warm",
            *timed(ipd(python, "tournament", *lineup, *loaded, *play), env),
        )
        real = [a for sid in library_code_ids() for a in ("-s", sid)]
        env_real = user_env(work / "cache-library")
        show(
            f"{LINEUP} library code strategies, cold",
            *timed(ipd(python, "tournament", *real, *play), env_real),
            "target <= 30 s",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
