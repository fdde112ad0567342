"""The classic strategies, as data for the memory-one and finite-state families."""

from __future__ import annotations

from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.strategies.families import FiniteStateMachine, MemoryOne
from ipd.strategies.registry import strategy

PROBABILITY = (0.0, 1.0)


@strategy(
    "allc",
    "Cooperator",
    aliases=("cooperator", "all_c"),
    description="Always co-operates.",
    source="Axelrod (1984), The Evolution of Cooperation",
    memory_depth=0,
    tags=("classic", "axelrod_1984"),
    axelrod_name="Cooperator",
)
def allc(game: Game) -> MemoryOne:
    return MemoryOne(1, 1, 1, 1, first=1)


@strategy(
    "alld",
    "Defector",
    aliases=("defector", "all_d"),
    description="Always defects.",
    source="Axelrod (1984), The Evolution of Cooperation",
    memory_depth=0,
    tags=("classic", "axelrod_1984"),
    axelrod_name="Defector",
)
def alld(game: Game) -> MemoryOne:
    return MemoryOne(0, 0, 0, 0, first=0)


@strategy(
    "random",
    "Random",
    description="Co-operates with probability p on every move, regardless of history.",
    source="Axelrod (1980a), 'Effective Choice in the Prisoner's Dilemma' (the RANDOM rule)",
    memory_depth=0,
    stochastic=True,
    tags=("classic", "axelrod_1980_first"),
    axelrod_name="Random",
    params={"p": PROBABILITY},
)
def random_(game: Game, p: float = 0.5) -> MemoryOne:
    return MemoryOne(p, p, p, p, first=p)


@strategy(
    "tft",
    "Tit For Tat",
    aliases=("tit_for_tat", "titfortat"),
    description="Co-operates first, then repeats the opponent's previous move.",
    source="Anatol Rapoport's entry; Axelrod (1980a)",
    memory_depth=1,
    tags=("classic", "axelrod_1980_first"),
    axelrod_name="Tit For Tat",
)
def tft(game: Game) -> MemoryOne:
    return MemoryOne(1, 0, 1, 0, first=1)


@strategy(
    "stft",
    "Suspicious Tit For Tat",
    aliases=("suspicious_tit_for_tat",),
    description="Defects first, then repeats the opponent's previous move.",
    source="Beaufils, Delahaye and Mathieu (1997)",
    memory_depth=1,
    tags=("classic", "beaufils_1997"),
    axelrod_name="Suspicious Tit For Tat",
)
def stft(game: Game) -> MemoryOne:
    return MemoryOne(1, 0, 1, 0, first=0)


@strategy(
    "wsls",
    "Win-Stay Lose-Shift",
    aliases=("pavlov", "win_stay_lose_shift"),
    description=(
        "Co-operates first; repeats its last move after a good payoff (R or T) "
        "and switches after a bad one (S or P)."
    ),
    source="Nowak and Sigmund (1993), Nature 364:56-58",
    memory_depth=1,
    tags=("classic", "nowak_sigmund"),
    axelrod_name="Win-Stay Lose-Shift",
)
def wsls(game: Game) -> MemoryOne:
    return MemoryOne(1, 0, 0, 1, first=1)


def default_generosity(game: Game) -> float:
    """Nowak and Sigmund's generosity: min(1 - (T-R)/(R-S), (R-P)/(T-P))."""
    return min(1 - (game.T - game.R) / (game.R - game.S), (game.R - game.P) / (game.T - game.P))


@strategy(
    "gtft",
    "Generous Tit For Tat",
    aliases=("generous_tit_for_tat",),
    description=(
        "Tit for tat that forgives a defection with probability g; by default "
        "g = min(1 - (T-R)/(R-S), (R-P)/(T-P)), 1/3 for the usual payoffs."
    ),
    source="Nowak and Sigmund (1992), Nature 355:250-253",
    memory_depth=1,
    stochastic=True,
    uses_payoffs=True,
    tags=("classic", "nowak_sigmund"),
    axelrod_name="GTFT",
    params={"generosity": PROBABILITY},
)
def gtft(game: Game, generosity: float | None = None) -> MemoryOne:
    g = default_generosity(game) if generosity is None else generosity
    if not 0.0 <= g <= 1.0:
        raise IpdError(
            f"gtft's default generosity is {g:g} for payoffs {game}; give generosity in [0, 1]"
        )
    return MemoryOne(1, g, 1, g, first=1)


@strategy(
    "alternator",
    "Alternator",
    description="Co-operates first, then alternates D, C, D, C, ... whatever the opponent does.",
    source="Axelrod-Python's Alternator; a standard test opponent",
    memory_depth=1,
    tags=("classic", "axelrod_python"),
    axelrod_name="Alternator",
)
def alternator(game: Game) -> MemoryOne:
    return MemoryOne(0, 0, 1, 1, first=1)


@strategy(
    "grudger",
    "Grudger",
    aliases=("grim_trigger", "grim"),
    description="Co-operates until the opponent defects once, then defects for ever.",
    source="James W. Friedman (1971); the FRIEDMAN rule of Axelrod (1980a)",
    memory_depth=None,
    tags=("classic",),
    axelrod_name="Grudger",
)
def grudger(game: Game) -> FiniteStateMachine:
    return FiniteStateMachine(
        [(0, "C", 0, "C"), (0, "D", 1, "D"), (1, "C", 1, "D"), (1, "D", 1, "D")]
    )


@strategy(
    "tf2t",
    "Tit For Two Tats",
    aliases=("tit_for_two_tats",),
    description="Co-operates unless the opponent defected on both of the last two moves.",
    source="Axelrod (1980a): the rule that would have won the first tournament",
    memory_depth=2,
    tags=("classic",),
    axelrod_name="Tit For 2 Tats",
)
def tf2t(game: Game) -> FiniteStateMachine:
    # State 1: the opponent's last move was D.
    return FiniteStateMachine(
        [(0, "C", 0, "C"), (0, "D", 1, "C"), (1, "C", 0, "C"), (1, "D", 1, "D")]
    )


@strategy(
    "2tft",
    "Two Tits For Tat",
    aliases=("two_tits_for_tat",),
    description="Defects twice after each defection: defects if the opponent defected "
    "on either of the last two moves.",
    source="Axelrod (1984), The Evolution of Cooperation",
    memory_depth=2,
    tags=("classic", "axelrod_1984"),
    axelrod_name="Two Tits For Tat",
)
def two_tits_for_tat(game: Game) -> FiniteStateMachine:
    # State 1: the opponent's last move was D; state 2: the one before it was.
    return FiniteStateMachine(
        [
            (0, "C", 0, "C"),
            (0, "D", 1, "D"),
            (1, "C", 2, "D"),
            (1, "D", 1, "D"),
            (2, "C", 0, "C"),
            (2, "D", 1, "D"),
        ]
    )


def zero_determinant(game: Game, phi: float, s: float, baseline: float) -> MemoryOne:
    """Stewart and Plotkin's parametrisation of a zero-determinant strategy.

    With baseline ``l``, slope ``s`` and scale ``phi``, the probabilities of
    co-operating after CC, CD, DC, DD are ``1 - phi (1 - s)(R - l)``,
    ``1 - phi (s (l - S) + T - l)``, ``phi (s (T - l) + l - S)`` and
    ``phi (1 - s)(l - P)``. They enforce ``s (pi_X - l) = pi_Y - l`` between
    the long-run scores of this player (X) and its opponent (Y), whatever Y does.
    """
    R, S, T, P = game.payoffs
    p = (
        1 - phi * (1 - s) * (R - baseline),
        1 - phi * (s * (baseline - S) + (T - baseline)),
        phi * (s * (T - baseline) + (baseline - S)),
        phi * (1 - s) * (baseline - P),
    )
    if not all(-1e-12 <= v <= 1 + 1e-12 for v in p):
        raise IpdError(
            f"zero-determinant parameters phi={phi:g}, s={s:g} give probabilities outside [0, 1] "
            f"for payoffs {game}; choose a smaller phi"
        )
    cc, cd, dc, dd = (min(1.0, max(0.0, v)) for v in p)
    return MemoryOne(cc, cd, dc, dd, first=1)


@strategy(
    "extort2",
    "ZD-Extort-2",
    aliases=("zd_extort_2",),
    description="Zero-determinant extortioner: its surplus over P is twice the opponent's "
    "(probabilities 8/9, 1/2, 1/3, 0 for the usual payoffs).",
    source="Press and Dyson (2012), PNAS 109:10409; Stewart and Plotkin (2012), PNAS 109:10134",
    memory_depth=1,
    stochastic=True,
    uses_payoffs=True,
    tags=("classic", "zero_determinant", "press_dyson", "stewart_plotkin"),
    axelrod_name="ZD-Extort-2",
    params={"phi": (0.0, 1.0), "s": (0.0, 1.0)},
)
def extort2(game: Game, phi: float = 1 / 9, s: float = 0.5) -> MemoryOne:
    return zero_determinant(game, phi, s, baseline=game.P)


@strategy(
    "zdgtft2",
    "ZD-GTFT-2",
    aliases=("zd_gtft_2",),
    description="Generous zero-determinant strategy: its own shortfall below R is twice "
    "the opponent's (probabilities 1, 1/8, 1, 1/4 for the usual payoffs).",
    source="Stewart and Plotkin (2012), PNAS 109:10134",
    memory_depth=1,
    stochastic=True,
    uses_payoffs=True,
    tags=("classic", "zero_determinant", "stewart_plotkin"),
    axelrod_name="ZD-GTFT-2",
    params={"phi": (0.0, 1.0), "s": (0.0, 1.0)},
)
def zdgtft2(game: Game, phi: float = 0.25, s: float = 0.5) -> MemoryOne:
    return zero_determinant(game, phi, s, baseline=game.R)
