"""The lesson page's build time from a warm cache, and its size.

    python benchmarks/bench_lesson.py            # defaults: ipd lesson --out ...
    python benchmarks/bench_lesson.py --runs 3   # more timed runs
    python benchmarks/bench_lesson.py --quick    # --repetitions 5 --grid-repetitions 5

One untimed ``ipd lesson`` first loads (or compiles) every kernel the page
needs into ``IPD_CACHE_DIR``; each timed run is then a fresh ``ipd lesson``
process, so its wall time is what a teacher waits for (start-up included).
CPU time is the child's user + system time (two cores: it can exceed the
wall time). Prints wall and CPU seconds of every run, the page's bytes and
the target (under 60 s warm, under 3 MB).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WALL_TARGET = 60.0
SIZE_TARGET = 3_000_000


def build(out: Path, extra: list[str]) -> tuple[float, float]:
    """One ``ipd lesson`` in a subprocess: (wall seconds, CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "ipd.cli.main", "lesson", "--out", str(out), "--force"]
    subprocess.run([*command, *extra], check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="timed builds [2]")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args(argv)
    extra = ["--repetitions", "5", "--grid-repetitions", "5"] if args.quick else []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "lesson.html"
        wall, _ = build(out, extra)
        print(f"warm-up (loads or compiles the kernels): {wall:.1f} s")
        walls = []
        for k in range(args.runs):
            wall, cpu = build(out, extra)
            walls.append(wall)
            print(f"run {k + 1}: {wall:.1f} s wall, {cpu:.1f} s CPU")
        size = out.stat().st_size
    print(
        f"ipd lesson {' '.join(extra) or '(defaults)'}: best {min(walls):.1f} s warm "
        f"(target < {WALL_TARGET:.0f} s), page {size / 1e6:.2f} MB "
        f"(target < {SIZE_TARGET / 1e6:.0f} MB); IPD_CACHE_DIR={os.environ.get('IPD_CACHE_DIR')}"
    )


if __name__ == "__main__":
    main()
