"""What a team costs a turn: each library team against fixed opponents, on one thread.

A team (``ipd.strategies.families.team``) runs every member's step each turn,
so it is the library's most expensive kind of strategy, and the reason the
whole library's tournament is slower than the rest of it
(``bench_library.py``). For each team of the library, and two reference
players measured in the same run (tit for tat alone; a team whose one member
is tit for tat, which is a team's fixed cost), this plays one pairing against
each opponent (``--opponents``, default Always Cooperate and Random): 200
turns, ``--repetitions`` repetitions, no noise, on one thread
(``NUMBA_NUM_THREADS=1``), replayed every repetition (the engine otherwise
plays a deterministic pair once), and reports nanoseconds a turn (best of ``--runs``)
and the ratio to tit for tat against the same opponent.

Usage
-----
    python benchmarks/bench_teams.py                 # about a minute (compiles once)
    python benchmarks/bench_teams.py --quick
    python benchmarks/bench_teams.py --teams meta_majority,meta_winner --runs 5
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import time
from pathlib import Path

os.environ["NUMBA_NUM_THREADS"] = "1"  # before numba starts: one core's cost

TURNS = 200
ONE_MEMBER = "team_of_one_tft"
ONE_MEMBER_TOML = f"""[[strategy]]
id = "{ONE_MEMBER}"
name = "A team of one tit for tat"
description = "A team's fixed cost (bench_teams.py)."
family = "team"
rule = "majority"
members = ["tft"]
"""


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", help="comma-separated team ids [every team of the library]")
    parser.add_argument("--opponents", default="allc,random", help="[allc,random]")
    parser.add_argument("--repetitions", type=positive, default=2000, help="[2000; quick 200]")
    parser.add_argument("--runs", type=positive, default=3, help="timed runs, best shown [3]")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    reps = 200 if args.quick and args.repetitions == 2000 else args.repetitions

    import numpy as np

    import ipd
    from ipd.core.players import parse_player
    from ipd.engine import api
    from ipd.strategies import registry
    from ipd.strategies.families.team import team_step

    game = ipd.Game()
    teams = sorted(
        info.id
        for info in registry.current().strategies()
        if info.behaviour(game).step is team_step
    )
    if args.teams:
        asked = args.teams.split(",")
        unknown = sorted(set(asked) - set(teams))
        if unknown:
            parser.error(f"not teams of the library: {', '.join(unknown)}")
        teams = asked
    opponents = args.opponents.split(",")
    for opponent in opponents:
        try:
            parse_player(opponent)
        except ipd.IpdError as exc:
            parser.error(f"--opponents: {exc}")
    with tempfile.TemporaryDirectory(prefix="ipd-bench-teams-") as folder:
        extra = Path(folder) / "one_member.toml"
        extra.write_text(ONE_MEMBER_TOML)
        ipd.load_strategy_file(extra)  # registered for this process; the file may go

    def cost(player: str, opponent: str) -> float:
        """Nanoseconds a turn of one pairing, replayed every repetition (a deterministic
        pair is otherwise played once), best of the runs; the first run compiles."""
        tournament = ipd.Tournament([player, opponent], turns=TURNS, repetitions=reps, seed=1)
        behaviours = tournament.behaviours
        line = api.lineup(behaviours)
        play = functools.partial(
            api.play_lineup,
            line,
            [b.stochastic for b in behaviours],
            np.array([[0, 1]]),
            rep_lengths=tournament.rep_lengths,
            payoffs=tournament.settings.payoffs.payoffs,
            noise=0.0,
            reveal_length=False,
            seed=1,
            block_reps=reps,
            replay=True,
        )
        play()
        best = float("inf")
        for _ in range(args.runs):
            start = time.perf_counter()
            play()
            best = min(best, time.perf_counter() - start)
        return best / (reps * TURNS) * 1e9

    print(f"one thread, {TURNS} turns, {reps} repetitions, no noise; ns a turn (x tit for tat)")
    print(f"{'':34}" + "".join(f"{'vs ' + o:>22}" for o in opponents))
    baseline = {}
    for player in ["tft", ONE_MEMBER, *teams]:
        row = []
        for opponent in opponents:
            ns = cost(player, opponent)
            baseline.setdefault(opponent, ns)
            row.append(f"{ns:10.1f} ({ns / baseline[opponent]:5.1f}x)")
        print(f"{player:34}" + "".join(f"{cell:>22}" for cell in row), flush=True)


if __name__ == "__main__":
    main()
