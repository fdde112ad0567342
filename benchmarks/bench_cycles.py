"""Long matches with and without cycle detection, in one process, and the ratio.

Cycle detection (``ipd.engine.cycles``) plays a pair of deterministic data
strategies (memory-one, finite-state machines, lookup tables, cyclers; no
noise) until the pair's joint state repeats and computes the rest of the
match from one period. Each scenario is played by ``Tournament.play()``
with detection on (the default) and off (``cycles.detection(enabled=False)``,
every turn played), both after an untimed warm-up, runs interleaved, best of
``--runs`` (wall clock and CPU time of the process, all threads); the results
must be identical, bit for bit. The scenarios:

* ``classic, 10^6 turns``: the classic collection (14 strategies: 9
  deterministic data ones, Gradual, 4 stochastic), one repetition of
  ``--turns`` (10^6) moves. Only the 45 pairs of data strategies are
  detected; the stochastic pairs and Gradual's still play every move.
* ``classic, w = 0.999``: the same field, match lengths geometric with
  continuation 0.999 (mean 1000 moves), ``--reps`` (1000) repetitions.
  Deterministic pairs are already played once per block, at their longest
  length, so detection saves only those templates' moves.
* ``classic data strategies``, both settings: the 9 deterministic data
  strategies of the classic collection alone.
* ``library data strategies``: every registered deterministic data strategy
  (77 today: FSMs, lookup tables, memory-one rules, cyclers), one repetition
  of ``--library-turns`` (10^5) moves.

Usage
-----
    python benchmarks/bench_cycles.py              # about a minute or two
    python benchmarks/bench_cycles.py --runs 5 --turns 1000000 --library-turns 1000000
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def classic_data(ipd) -> list[str]:
    """The classic collection's deterministic data strategies."""
    return [i for i in ipd.collection("classic") if i in library_data(ipd)]


def library_data(ipd) -> list[str]:
    """Every registered strategy that cycle detection plays (against another such)."""
    from ipd.engine import cycles
    from ipd.strategies import all_strategies

    game = ipd.Game()
    out = []
    for info in all_strategies():
        try:
            behaviour = info.behaviour(game)
        except Exception:  # a strategy that needs parameters
            continue
        if behaviour.step in cycles._FAMILIES and not behaviour.stochastic:
            out.append(info.id)
    return out


def timed(tournament, runs: int) -> dict:
    """Best wall and CPU seconds, turns and results, detection on and off, runs interleaved."""
    from ipd.engine import cycles
    from ipd.engine import layout as L

    out = {}
    for enabled in (True, False):
        with cycles.detection(enabled=enabled):
            tournament.play(progress=False)  # warm
        out[enabled] = {"wall": [], "cpu": []}
    for _ in range(runs):
        for enabled in (True, False):
            with cycles.detection(enabled=enabled):
                c0, t0 = time.process_time(), time.perf_counter()
                results = tournament.play(progress=False)
                out[enabled]["wall"].append(time.perf_counter() - t0)
                out[enabled]["cpu"].append(time.process_time() - c0)
            out[enabled]["results"] = results
            out[enabled]["turns"] = int(results.pair_counts[:, L.TURNS].sum())
    return out


def same(a, b) -> bool:
    """Whether two results hold the same totals, bit for bit."""
    fields = ("pair_scores", "pair_rate_shift", "pair_rates", "pair_rate_squares")
    fields += ("pair_counts", "strategy_rep_scores", "strategy_rep_turns")
    return all(getattr(a, f).tobytes() == getattr(b, f).tobytes() for f in fields)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs each way [5]")
    parser.add_argument("--turns", type=int, default=1_000_000, help="fixed length [10^6]")
    parser.add_argument("--reps", type=int, default=1000, help="repetitions at w=0.999 [1000]")
    parser.add_argument("--library-turns", type=int, default=100_000, help="[10^5]")
    args = parser.parse_args(argv)
    import numba

    import ipd

    print(
        f"{os.cpu_count()} cores, numba {numba.__version__} ({numba.config.NUMBA_NUM_THREADS} "
        f"threads), load average {os.getloadavg()[0]:.2f}; best of {args.runs}, "
        "detection on vs off in one process",
        flush=True,
    )
    classic = list(ipd.collection("classic"))
    data = classic_data(ipd)
    library = library_data(ipd)
    fixed = {"turns": args.turns, "repetitions": 1}
    geometric = {"continuation": 0.999, "repetitions": args.reps}
    scenarios = [
        (f"classic ({len(classic)}), {args.turns:,} turns", classic, fixed),
        (f"classic ({len(classic)}), w = 0.999 x {args.reps}", classic, geometric),
        (f"classic data ({len(data)}), {args.turns:,} turns", data, fixed),
        (f"classic data ({len(data)}), w = 0.999 x {args.reps}", data, geometric),
        (
            f"library data ({len(library)}), {args.library_turns:,} turns",
            library,
            {"turns": args.library_turns, "repetitions": 1},
        ),
    ]
    failures = 0
    for label, ids, settings in scenarios:
        tournament = ipd.Tournament(ids, seed=1, **settings)
        got = timed(tournament, args.runs)
        on, off = got[True], got[False]
        agree = on["turns"] == off["turns"] and same(on["results"], off["results"])
        failures += not agree
        on_wall, off_wall = min(on["wall"]), min(off["wall"])
        on_cpu, off_cpu = min(on["cpu"]), min(off["cpu"])
        print(
            f"{label:<38} {on['turns'] / 1e6:9.1f} M moves: detection off {off_wall:7.3f} s "
            f"(CPU {off_cpu:7.3f}), on {on_wall:7.3f} s (CPU {on_cpu:7.3f}): "
            f"{off_wall / on_wall:6.1f}x wall, {off_cpu / on_cpu:6.1f}x CPU"
            f"{'' if agree else '  RESULTS DIFFER'}",
            flush=True,
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
