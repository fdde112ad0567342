"""Named memory-one rules: fixed probabilities of co-operating after CC, CD, DC and DD.

Zero-determinant memory-one rules are in :mod:`.zero_determinant`, the
classic ones (tit for tat, WSLS, GTFT, ...) in :mod:`.classic`.
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies.builtin._sources import AXELROD_PYTHON, BERG_2015, LI_2011, PD_2017, PRISON
from ipd.strategies.families import MemoryOne
from ipd.strategies.registry import strategy

TAGS = ("memory_one_rules",)
PROBABILITY = (0.0, 1.0)


@strategy(
    "firm_but_fair",
    "Firm But Fair",
    description=(
        "Co-operates except after being suckered (C against D); after mutual defection it "
        "co-operates with probability 2/3."
    ),
    source=(
        "M. R. Frean (1994), 'The prisoner's dilemma without synchrony', Proc. R. Soc. B 257:75-79"
    ),
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Firm But Fair",
)
def firm_but_fair(game: Game) -> MemoryOne:
    return MemoryOne(1, 0, 1, 2 / 3, first=1)


@strategy(
    "stochastic_cooperator",
    "Stochastic Cooperator",
    description=(
        "The evolved memory-one rule (0.935, 0.229, 0.266, 0.42) that outcompetes "
        "zero-determinant extortioners in evolving populations."
    ),
    source=(
        "C. Adami and A. Hintze (2013), 'Evolutionary instability of zero-determinant "
        "strategies demonstrates that winning is not everything', Nature Communications 4:2193"
    ),
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Stochastic Cooperator",
)
def stochastic_cooperator(game: Game) -> MemoryOne:
    return MemoryOne(0.935, 0.229, 0.266, 0.42, first=1)


@strategy(
    "stochastic_wsls",
    "Stochastic WSLS",
    description=(
        "Win-stay lose-shift that errs with probability ep: co-operates with probability "
        "1 - ep after CC or DD and ep after CD or DC."
    ),
    source=f"M. Harper's rule in {AXELROD_PYTHON}",
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    params={"ep": PROBABILITY},
    axelrod_name="Stochastic WSLS",
)
def stochastic_wsls(game: Game, ep: float = 0.05) -> MemoryOne:
    return MemoryOne(1 - ep, ep, ep, 1 - ep, first=1)


@strategy(
    "soft_joss",
    "Soft Joss",
    description=(
        "Tit for tat that, after the opponent defects, defects only with probability q "
        "(0.9 by default)."
    ),
    source=PRISON,
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    params={"q": PROBABILITY},
    axelrod_name="Soft Joss",
)
def soft_joss(game: Game, q: float = 0.9) -> MemoryOne:
    return MemoryOne(1, 1 - q, 1, 1 - q, first=1)


@strategy(
    "win_shift_lose_stay",
    "Win-Shift Lose-Stay",
    aliases=("reverse_pavlov", "wshls"),
    description=(
        "Defects first; switches its move after a good payoff (R or T) and repeats it after "
        "a bad one (S or P)."
    ),
    source=LI_2011,
    memory_depth=1,
    tags=TAGS,
    axelrod_name="Win-Shift Lose-Stay",
)
def win_shift_lose_stay(game: Game) -> MemoryOne:
    return MemoryOne(0, 1, 1, 0, first=0)


@strategy(
    "allc_or_alld",
    "ALLC or ALLD",
    aliases=("repeat",),
    description=(
        "Co-operates first with probability 0.6, then repeats its own previous move for ever."
    ),
    source=(
        f"M. Harper's rule in {AXELROD_PYTHON}; as Repeat in E. Akin (2015), 'What you gotta "
        "know to play good in the iterated prisoner's dilemma', Games 6:175-190"
    ),
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    params={"first": PROBABILITY},
    axelrod_name="ALLCorALLD",
)
def allc_or_alld(game: Game, first: float = 0.6) -> MemoryOne:
    return MemoryOne(1, 1, 0, 0, first=first)


@strategy(
    "desperate",
    "Desperate",
    description="Opens at random, then co-operates only after mutual defection.",
    source=BERG_2015,
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Desperate",
)
def desperate(game: Game) -> MemoryOne:
    return MemoryOne(0, 0, 0, 1, first=0.5)


@strategy(
    "hopeless",
    "Hopeless",
    description="Opens at random, then defects only after mutual co-operation.",
    source=BERG_2015,
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Hopeless",
)
def hopeless(game: Game) -> MemoryOne:
    return MemoryOne(0, 1, 1, 1, first=0.5)


@strategy(
    "willing",
    "Willing",
    description="Opens at random, then defects only after mutual defection.",
    source=BERG_2015,
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Willing",
)
def willing(game: Game) -> MemoryOne:
    return MemoryOne(1, 1, 1, 0, first=0.5)


@strategy(
    "negation",
    "Negation",
    description="Opens at random, then plays the opposite of the opponent's previous move.",
    source=PD_2017,
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Negation",
)
def negation(game: Game) -> MemoryOne:
    return MemoryOne(0, 1, 0, 1, first=0.5)


@strategy(
    "appeaser",
    "Appeaser",
    description=(
        "Co-operates first and repeats its move while the opponent co-operates; each "
        "defection of the opponent makes it switch (the same rule as win-stay lose-shift)."
    ),
    source=f"J. Müller's rule in {AXELROD_PYTHON}",
    memory_depth=1,
    tags=TAGS,
    axelrod_name="Appeaser",
)
def appeaser(game: Game) -> MemoryOne:
    """Switching after each opponent's D and staying after each C gives C after CC and
    DD and D after CD and DC: the vector of win-stay lose-shift. Axelrod-Python declares
    unbounded memory; the rule reads the last move only."""
    return MemoryOne(1, 0, 0, 1, first=1)
