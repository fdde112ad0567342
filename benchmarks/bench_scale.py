"""Big tournaments: repetitions that cost nothing when nothing is random, and spreading.

* **classic, 1000 repetitions**: the classic collection (14 strategies, 200
  moves) played normally (deterministic pairs once) and with every match
  replayed; the ratio is what playing deterministic pairs once saves.
* **Axelrod's first tournament, many repetitions** (default 1,000,000): the
  15 rules, 200 moves, length told, as ``tournaments/axelrod-1980-first.toml``
  (target: under 30 s).
* **the revisiting study's size**: every registered strategy (272 in the
  study) for 25,000 repetitions of 200 moves is estimated from a reduced run
  (``--showcase-reps``), and the reduced run is played again on a local Dask
  cluster of two workers, whose results must equal the in-process ones bit
  for bit.

Usage
-----
    python benchmarks/bench_scale.py                    # several minutes
    python benchmarks/bench_scale.py --first-reps 100000 --showcase-reps 256
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np


def timed(function):
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def turns(results) -> int:
    from ipd.engine import layout as L

    return int(results.pair_counts[:, L.TURNS].sum())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first-reps", type=int, default=1_000_000)
    parser.add_argument("--showcase-reps", type=int, default=256)
    args = parser.parse_args(argv)
    import ipd
    from ipd.engine import api

    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}", flush=True)

    classic = ipd.Tournament(ipd.collection("classic"), turns=200, repetitions=1000, seed=1)
    classic.play()  # warm
    fast, results = timed(classic.play)
    game = classic.settings.payoffs.payoffs
    slow, _ = timed(
        lambda: api.play_tournament(
            classic.behaviours,
            classic.pairs,
            rep_lengths=classic.rep_lengths,
            reveal_length=False,
            payoffs=game,
            noise=0.0,
            seed=1,
            replay=True,
        )
    )
    print(
        f"classic x 1000: {fast:.2f} s ({turns(results) / fast / 1e6:.0f} M moves/s of play), "
        f"{slow:.2f} s replaying every match: {slow / fast:.1f}x",
        flush=True,
    )

    first = ipd.Tournament.from_spec(
        "tournaments/axelrod-1980-first.toml", repetitions=args.first_reps
    )
    first.play_totals(reps=(0, 1))  # warm
    seconds, results = timed(first.play)
    print(
        f"Axelrod 1980 first x {args.first_reps:,}: {seconds:.1f} s "
        f"({turns(results) / seconds / 1e6:.0f} M moves/s); target under 30 s",
        flush=True,
    )

    everyone = [s.id for s in ipd.strategies.all_strategies()]
    show = ipd.Tournament(everyone, turns=200, repetitions=args.showcase_reps, seed=3)
    show.play_totals(reps=(0, 1))  # warm (compile the whole library's kernel once)
    seconds, here = timed(show.play)
    moves = turns(here)
    per_rep = seconds / args.showcase_reps
    print(
        f"all {len(everyone)} strategies x {args.showcase_reps}: {seconds:.1f} s "
        f"({moves / seconds / 1e6:.0f} M moves/s); 25,000 repetitions: about "
        f"{per_rep * 25_000 / 3600:.1f} h here",
        flush=True,
    )
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        seconds, spread = timed(lambda: show.play(scheduler=cluster.scheduler_address))
    same = all(
        np.array_equal(getattr(here, f), getattr(spread, f))
        for f in ("pair_scores", "pair_rates", "pair_rate_squares", "pair_counts")
    ) and spread.summary().equals(here.summary())
    print(
        f"the same on a 2-worker cluster: {seconds:.1f} s, "
        f"{'bit-identical' if same else 'DIFFERENT'} results",
        flush=True,
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
