"""Named memory-one strategies of the literature, as data for the memory-one family.

Vectors are probabilities of co-operating after CC, CD, DC, DD (own move
first), as each source gives them; the first move is C unless stated.
"""

from __future__ import annotations

from ipd.game import Game
from ipd.strategies.families import MemoryOne
from ipd.strategies.registry import strategy

PROBABILITY = (0.0, 1.0)
AXELROD_PYTHON = "vector as in Axelrod-Python 4.14"


@strategy(
    "win_shift_lose_stay",
    "Win-Shift Lose-Stay",
    aliases=("wsls_reverse", "reverse_pavlov"),
    description=(
        "The reverse of win-stay lose-shift: changes its move after a good payoff (R or T) "
        "and keeps it after a bad one (S or P); opens with D."
    ),
    source=(
        "J. Li, P. Hingston and G. Kendall (2011), 'Engineering Design of Strategies for "
        "Winning Iterated Prisoner's Dilemma Competitions', IEEE TCIAIG 3(4):348-360; "
        f"{AXELROD_PYTHON}"
    ),
    memory_depth=1,
    tags=("memory_one_named",),
    axelrod_name="Win-Shift Lose-Stay",
)
def win_shift_lose_stay(game: Game) -> MemoryOne:
    """(0, 1, 1, 0), first move D."""
    return MemoryOne(0, 1, 1, 0, first=0)


@strategy(
    "firm_but_fair",
    "Firm But Fair",
    aliases=("firmbutfair",),
    description=(
        "Co-operates except after being exploited (CD); after mutual defection it "
        "co-operates with probability 2/3."
    ),
    source=(
        "M. R. Frean (1994), 'The Prisoner's Dilemma without Synchrony', Proceedings of the "
        f"Royal Society B 257:75-79; {AXELROD_PYTHON}"
    ),
    memory_depth=1,
    stochastic=True,
    tags=("memory_one_named",),
    axelrod_name="Firm But Fair",
)
def firm_but_fair(game: Game) -> MemoryOne:
    """(1, 0, 1, 2/3), first move C."""
    return MemoryOne(1, 0, 1, 2 / 3, first=1)


@strategy(
    "stochastic_cooperator",
    "Stochastic Cooperator",
    aliases=("stochasticcooperator",),
    description=(
        "An evolved stochastic memory-one rule: co-operates with probabilities 0.935, 0.229, "
        "0.266 and 0.42 after CC, CD, DC and DD."
    ),
    source=(
        "C. Adami and A. Hintze (2013), 'Evolutionary instability of zero-determinant "
        f"strategies demonstrates that winning is not everything', Nature Communications 4:2193; "
        f"{AXELROD_PYTHON}"
    ),
    memory_depth=1,
    stochastic=True,
    tags=("memory_one_named",),
    axelrod_name="Stochastic Cooperator",
)
def stochastic_cooperator(game: Game) -> MemoryOne:
    """(0.935, 0.229, 0.266, 0.42), first move C."""
    return MemoryOne(0.935, 0.229, 0.266, 0.42, first=1)


@strategy(
    "stochastic_wsls",
    "Stochastic WSLS",
    aliases=("stochasticwsls",),
    description=(
        "Win-stay lose-shift that errs with probability ep: co-operates with probability "
        "1 - ep after CC or DD and ep after CD or DC."
    ),
    source=f"Axelrod-Python 4.14's Stochastic WSLS (original name by M. Harper); {AXELROD_PYTHON}",
    memory_depth=1,
    stochastic=True,
    tags=("memory_one_named",),
    params={"ep": PROBABILITY},
    axelrod_name="Stochastic WSLS",
)
def stochastic_wsls(game: Game, ep: float = 0.05) -> MemoryOne:
    """(1 - ep, ep, ep, 1 - ep), first move C; ep = 0.05 by default."""
    return MemoryOne(1 - ep, ep, ep, 1 - ep, first=1)


@strategy(
    "soft_joss",
    "Soft Joss",
    aliases=("softjoss",),
    description=(
        "Tit for tat that forgives a defection with probability 1 - q (q = 0.9): always "
        "co-operates after the opponent co-operates."
    ),
    source=(
        "LIFL (1998), PRISON, the Lille iterated prisoner's dilemma software "
        f"(http://www.lifl.fr/IPD/ipd.frame.html); {AXELROD_PYTHON}"
    ),
    memory_depth=1,
    stochastic=True,
    tags=("memory_one_named",),
    params={"q": PROBABILITY},
    axelrod_name="Soft Joss",
)
def soft_joss(game: Game, q: float = 0.9) -> MemoryOne:
    """(1, 1 - q, 1, 1 - q), first move C."""
    return MemoryOne(1, 1 - q, 1, 1 - q, first=1)


@strategy(
    "allc_or_alld",
    "ALLCorALLD",
    aliases=("allcoralld", "repeat"),
    description=(
        "Repeats its own last move, so it plays all C or all D after a random opening "
        "(C with probability 0.6)."
    ),
    source=(
        "E. Akin (2015), 'What you gotta know to play good in the Iterated Prisoner's "
        "Dilemma', Games 6(3):175-190 ('Repeat'); opening probability as in Axelrod-Python 4.14"
    ),
    memory_depth=1,
    stochastic=True,
    tags=("memory_one_named",),
    axelrod_name="ALLCorALLD",
)
def allc_or_alld(game: Game) -> MemoryOne:
    """(1, 1, 0, 0), first move C with probability 0.6."""
    return MemoryOne(1, 1, 0, 0, first=0.6)
