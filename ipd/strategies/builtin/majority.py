"""Go By Majority: co-operate while the opponent co-operates at least as often as it
defects, over its whole history or over its last few moves."""

from __future__ import annotations

import numpy as np

from ipd.strategies.builtin._sources import AXELROD_PYTHON
from ipd.strategies.registry import step, strategy

TAGS = ("go_by_majority",)
SOURCE = (
    "R. Axelrod (1984), The Evolution of Cooperation (Go By Majority); as Soft and Hard "
    "Majority in S. Mittal and K. Deb (2009), 'Optimal strategies of the iterated "
    "prisoner's dilemma problem for multiple conflicting objectives', IEEE Trans. Evol. "
    "Comput. 13:554-565"
)


@step
def go_by_majority(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (memory, soft). Over the opponent's last ``memory`` moves (all of them when
    ``memory`` is 0): defect when it defected more often than it co-operated; on a tie
    (the first move included) co-operate if ``soft`` and defect otherwise. memory[0]
    counts the opponent's defections in the window, updated as it slides."""
    window = np.int64(params[0])
    if turn >= 1:
        memory[0] += opp[turn - 1]
        if window > 0 and turn - 1 - window >= 0:
            memory[0] -= opp[turn - 1 - window]
    seen = turn if window <= 0 else min(turn, window)
    defections = memory[0]
    cooperations = seen - defections
    if defections > cooperations:
        return 1
    if defections == cooperations:
        return 0 if params[1] == 1 else 1
    return 0


def _majority(window: int, soft: bool) -> None:
    hard = "" if soft else "hard_"
    suffix = f"_{window}" if window else ""
    id = f"{hard}go_by_majority{suffix}"
    name = ("" if soft else "Hard ") + "Go By Majority" + (f" {window}" if window else "")
    over = f"its last {window} moves" if window else "the whole game"
    tie = "co-operating" if soft else "defecting"
    aliases = () if window else (("soft_majority",) if soft else ("hard_majority",))
    # A windowed rule's window is part of its name (and of its memory depth): fixed.
    memory = (float(window), float(window), float(window)) if window else (0.0, 0.0, 1e9)
    strategy(
        id,
        name,
        aliases=aliases,
        description=(
            f"Defects when the opponent has defected more often than co-operated over {over}, "
            f"{tie} on a tie."
        ),
        source=SOURCE if not window else f"K. Langner's rule in {AXELROD_PYTHON}",
        memory_depth=window or None,
        tags=TAGS if window else (*TAGS, "axelrod_1984", "mittal_deb_2009"),
        params={"memory": memory, "soft": (float(soft), 0.0, 1.0)},
        axelrod_name=name,
    )(go_by_majority)


for _soft in (True, False):
    for _window in (0, 5, 10, 20, 40):
        _majority(_window, _soft)
