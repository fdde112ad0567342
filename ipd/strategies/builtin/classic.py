"""The classic strategies, as data for the memory-one and finite-state families."""

from __future__ import annotations

from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.strategies import catalogue
from ipd.strategies.families import FiniteStateMachine, MemoryOne

PROBABILITY = (0.0, 1.0)


def random_(game: Game, p: float = 0.5) -> MemoryOne:
    return MemoryOne(p, p, p, p, first=p)


def default_generosity(game: Game) -> float:
    """Nowak and Sigmund's generosity: min(1 - (T-R)/(R-S), (R-P)/(T-P))."""
    return min(1 - (game.T - game.R) / (game.R - game.S), (game.R - game.P) / (game.T - game.P))


def gtft(game: Game, generosity: float | None = None) -> MemoryOne:
    g = default_generosity(game) if generosity is None else generosity
    if not 0.0 <= g <= 1.0:
        raise IpdError(
            f"gtft's default generosity is {g:g} for payoffs {game}; give generosity in [0, 1]"
        )
    return MemoryOne(1, g, 1, g, first=1)


def grudger(game: Game) -> FiniteStateMachine:
    return FiniteStateMachine(
        [(0, "C", 0, "C"), (0, "D", 1, "D"), (1, "C", 1, "D"), (1, "D", 1, "D")]
    )


def tf2t(game: Game) -> FiniteStateMachine:
    # State 1: the opponent's last move was D.
    return FiniteStateMachine(
        [(0, "C", 0, "C"), (0, "D", 1, "C"), (1, "C", 0, "C"), (1, "D", 1, "D")]
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


def extort2(game: Game, phi: float = 1 / 9, s: float = 0.5) -> MemoryOne:
    return zero_determinant(game, phi, s, baseline=game.P)


def zdgtft2(game: Game, phi: float = 0.25, s: float = 0.5) -> MemoryOne:
    return zero_determinant(game, phi, s, baseline=game.R)


catalogue.register(__name__)
