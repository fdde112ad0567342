"""Measure the 1980 reproduction: the figures quoted in docs/axelrod-1980.md.

Run from the repository root:

    python docs/measure_1980.py                 # both specs, 1000 repetitions, 1000 seeds
    python docs/measure_1980.py --seeds 100     # quicker

For each spec it prints the long-run comparison (1000 repetitions, the spec's
seed) and the distribution of the two summary figures and of tit for tat's rank
over independent seeds of the published set-up (5 repetitions each).
"""

from __future__ import annotations

import argparse

import numpy as np

import ipd
from ipd.analysis.reproduction import compare_with_published, published_table
from ipd.core.spec import load_spec
from ipd.report.text import published_comparison

SPECS = ("tournaments/axelrod-1980-first-appendix.toml", "tournaments/axelrod-1980-first.toml")


def play(spec: str, repetitions: int, seed: int):
    return ipd.Tournament.from_spec(spec, repetitions=repetitions, seed=seed).play()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1000, help="seeds of the 5-repetition set-up")
    parser.add_argument("--repetitions", type=int, default=1000, help="long-run repetitions")
    args = parser.parse_args()
    published = published_table("axelrod_1980_first")
    for spec in SPECS:
        seed = int(load_spec(spec).get("seed", 1))
        results = play(spec, args.repetitions, seed)
        table, figures = compare_with_published(results.summary(), published)
        print(f"== {spec}: {args.repetitions} repetitions, seed {seed}")
        print(published_comparison(table, figures))
        rho, mad, tft_rank = [], [], []
        for s in range(1, args.seeds + 1):
            table, figures = compare_with_published(play(spec, 5, s).summary(), published)
            rho.append(figures["spearman"])
            mad.append(figures["mean_abs_diff"])
            tft_rank.append(int(table.set_index("strategy").loc["tft", "rank"]))
        rho, mad, tft_rank = np.array(rho), np.array(mad), np.array(tft_rank)
        q = [5, 50, 95]
        print(f"   5 repetitions over {args.seeds} seeds (5% / median / 95%):")
        print("   Spearman " + " / ".join(f"{v:.3f}" for v in np.percentile(rho, q)), end="")
        print(f" (at least 0.95 in {100 * np.mean(rho >= 0.95):.1f}% of seeds)")
        print("   mean abs diff " + " / ".join(f"{v:.1f}" for v in np.percentile(mad, q)), end="")
        print(f" (at most 15 in {100 * np.mean(mad <= 15):.1f}% of seeds)")
        ranks = ", ".join(
            f"{k}: {100 * np.mean(tft_rank == k):.1f}%" for k in sorted(set(tft_rank.tolist()))
        )
        print(f"   tit for tat's rank: {ranks}")


if __name__ == "__main__":
    main()
