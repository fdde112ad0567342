"""Zero-determinant strategies: memory-one rules that fix a linear relation between scores.

Each is the memory-one vector of :func:`.classic.zero_determinant` for a
slope ``s``, baseline ``l`` and scale ``phi``: it enforces
``s (pi_X - l) = pi_Y - l`` between its own long-run score pi_X and the
opponent's pi_Y. Extortioners have ``l = P`` (or 1) and ``s < 1``;
generous ones ``l = R``; ``s = 0`` sets the opponent's score to ``l``
whatever it does (an equaliser). ZD-Extort-2 and ZD-GTFT-2 are in
:mod:`.classic`.
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies.builtin._sources import AXELROD_PYTHON
from ipd.strategies.builtin.classic import zero_determinant
from ipd.strategies.registry import strategy

PRESS_DYSON = (
    "W. H. Press and F. J. Dyson (2012), 'Iterated Prisoner's Dilemma contains strategies "
    "that dominate any evolutionary opponent', PNAS 109:10409-10413"
)
KUHN = (
    "S. Kuhn (2017), 'Prisoner's Dilemma', The Stanford Encyclopedia of Philosophy "
    "(Spring 2017), section on zero-determinant strategies"
)
ROEMHELD = (
    "L. Roemheld (2013), 'Evolutionary extortion and mischief: zero determinant strategies "
    "in iterated 2x2 games', arXiv:1308.2576"
)
HILBE = (
    "the (l, s, phi) parametrisation of C. Hilbe, M. A. Nowak and A. Traulsen (2013), PLoS "
    "ONE 8:e77886, eq. 14"
)
TAGS = ("zero_determinant", "press_dyson")
BOUNDS = {"phi": (0.0, 1.0), "s": (-1.0, 1.0)}


def _zd(id, name, description, source, phi, s, baseline, axelrod_name, aliases=(), tags=()):
    def build(game: Game, phi: float = phi, s: float = s, baseline: float = baseline):
        return zero_determinant(game, phi, s, baseline)

    build.__doc__ = (
        f"phi = {phi:.6g}, s = {s:.6g}, l = {baseline:g} in {HILBE}. The baseline is fixed "
        "(not taken from the game), as in Axelrod-Python."
    )
    strategy(
        id,
        name,
        aliases=aliases,
        description=description,
        source=source,
        memory_depth=1,
        stochastic=True,
        uses_payoffs=True,
        tags=(*TAGS, *tags),
        params=BOUNDS,
        axelrod_name=axelrod_name,
    )(build)
    return build


zd_extort_2_v2 = _zd(
    "zd_extort_2_v2",
    "ZD-Extort-2 v2",
    "Extortioner with baseline 1 and slope 1/2: the opponent's surplus over 1 is half its "
    "own (probabilities 7/8, 7/16, 3/8, 0 for the usual payoffs).",
    f"{KUHN} (EXTORT-2); {PRESS_DYSON}",
    1 / 8,
    0.5,
    1.0,
    "ZD-Extort-2 v2",
)
zd_extort_3 = _zd(
    "zd_extort_3",
    "ZD-Extort-3",
    "Extortioner with extortion factor 3: the opponent's surplus over 1 is a third of its "
    "own (probabilities 11/13, 1/2, 7/26, 0 for the usual payoffs).",
    f"{PRESS_DYSON} (their example with chi = 3)",
    3 / 26,
    1 / 3,
    1.0,
    "ZD-Extort3",
)
zd_extort_4 = _zd(
    "zd_extort_4",
    "ZD-Extort-4",
    "Extortioner with extortion factor 4: the opponent's surplus over 1 is a quarter of its "
    "own (probabilities 11/17, 0, 8/17, 0 for the usual payoffs).",
    f"M. Harper's rule in {AXELROD_PYTHON}, after {PRESS_DYSON}",
    4 / 17,
    0.25,
    1.0,
    "ZD-Extort-4",
)
zd_extortion = _zd(
    "zd_extortion",
    "ZD-Extortion",
    "Extortioner with baseline 1, slope 1/10 and phi = 1/5 (probabilities 0.64, 0.18, "
    "0.28, 0 for the usual payoffs).",
    ROEMHELD,
    0.2,
    0.1,
    1.0,
    "ZD-Extortion",
)
zd_mischief = _zd(
    "zd_mischief",
    "ZD-Mischief",
    "Equaliser that holds the opponent's long-run score at 1, the punishment payoff "
    "(probabilities 0.8, 0.6, 0.1, 0 for the usual payoffs).",
    ROEMHELD,
    0.1,
    0.0,
    1.0,
    "ZD-Mischief",
)
zd_gen_2 = _zd(
    "zd_gen_2",
    "ZD-GEN-2",
    "Generous zero-determinant rule with baseline 3 and slope 1/2: its shortfall below 3 "
    "is twice the opponent's (probabilities 1, 9/16, 1/2, 1/8 for the usual payoffs).",
    f"{KUHN} (GEN-2)",
    1 / 8,
    0.5,
    3.0,
    "ZD-GEN-2",
)
zd_set_2 = _zd(
    "zd_set_2",
    "ZD-SET-2",
    "Equaliser that holds the opponent's long-run score at 2 (probabilities 3/4, 1/4, 1/2, "
    "1/4 for the usual payoffs).",
    f"{KUHN} (SET-2)",
    1 / 4,
    0.0,
    2.0,
    "ZD-SET-2",
)
