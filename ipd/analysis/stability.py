"""Collective stability (Axelrod 1981): can a lone mutant invade a population?

A population of strategy ``i`` resists strategy ``j`` when the invader does no
better against the natives than the natives do among themselves:
``V(j vs i) <= V(i vs i)``. Strategy ``i`` is *collectively stable* in a pool
when no other strategy of the pool can invade it. With discounted payoffs
``V`` (continuation probability ``w``), tit-for-tat is collectively stable
against every strategy exactly when ``w >= max((T-R)/(T-P), (T-R)/(R-S))``
(Axelrod's Proposition 2), the threshold given by :func:`tft_threshold`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ipd.core.errors import IpdError
from ipd.core.game import Game

DEFAULT_TOLERANCE = 1e-9
"""An invader must beat the natives by more than this: at the threshold the
two values are equal in exact arithmetic and differ only by rounding."""


def tft_threshold(game: Game | None = None) -> float:
    """The smallest w at which tit-for-tat is collectively stable.

    ``max((T - R) / (T - P), (T - R) / (R - S))``: the first term keeps
    always-defect out, the second the strategy that alternates D and C.
    2/3 for the default payoffs 3, 0, 5, 1.

    Examples
    --------
    >>> tft_threshold(Game(3, 0, 5, 1))
    0.6666666666666666
    """
    game = game or Game()
    R, S, T, P = game.payoffs
    if not (T > R > P > S):
        raise IpdError(f"the threshold needs T > R > P > S, got {game}")
    return max((T - R) / (T - P), (T - R) / (R - S))


def _check_matrix(payoffs: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(payoffs, pd.DataFrame):
        raise IpdError("payoffs must be a pandas DataFrame (row strategy's payoff vs column)")
    if list(payoffs.index) != list(payoffs.columns):
        raise IpdError("payoffs must list the same strategies, in the same order, as rows/columns")
    if len(payoffs) == 0:
        raise IpdError("payoffs is empty")
    diagonal = np.diag(payoffs.to_numpy(dtype=float))
    if np.isnan(diagonal).any():
        missing = [s for s, v in zip(payoffs.index, diagonal, strict=True) if np.isnan(v)]
        raise IpdError(
            "stability needs each strategy's payoff against its twin (self-play); missing for "
            + ", ".join(map(str, missing))
        )
    return payoffs


def invasions(payoffs: pd.DataFrame, tol: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Every (resident, invader) pair: both payoffs against the resident, and whether it invades.

    Parameters
    ----------
    payoffs : V(row against column), square, with the diagonal (self-play).
    tol : the invader must exceed the resident's payoff by more than this.

    Returns
    -------
    DataFrame with columns ``resident``, ``invader``, ``resident_payoff``
    (V(resident vs resident)), ``invader_payoff`` (V(invader vs resident)),
    ``margin`` (their difference) and ``invades``.
    """
    payoffs = _check_matrix(payoffs)
    labels = np.asarray(list(payoffs.index), dtype=object)
    matrix = payoffs.to_numpy(dtype=float)
    n = len(labels)
    resident, invader = np.nonzero(~np.eye(n, dtype=bool))
    margin = matrix[invader, resident] - matrix[resident, resident]
    return pd.DataFrame(
        {
            "resident": labels[resident],
            "invader": labels[invader],
            "resident_payoff": matrix[resident, resident],
            "invader_payoff": matrix[invader, resident],
            "margin": margin,
            "invades": margin > tol,
        }
    )


def stability(payoffs: pd.DataFrame, tol: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Which strategies are collectively stable against every other strategy of the pool.

    Parameters
    ----------
    payoffs : V(row against column): exact values (:func:`ipd.analysis.exact.exact_payoffs`)
        or a tournament's estimates (:func:`payoff_estimates`). Needs the diagonal.
    tol : an invader must beat the natives by more than this (rounding at the threshold).

    Returns
    -------
    DataFrame, one row per strategy in pool order: ``strategy``,
    ``self_payoff`` (V(i vs i)), ``stable``, ``n_invaders``, ``invaders``
    (comma-separated, strongest first), ``best_invader`` (or ``""``) and
    ``margin`` (how much the best other strategy gains over the natives;
    <= tol when stable; -inf for a pool of one).

    Examples
    --------
    >>> from ipd.analysis.exact import exact_payoffs
    >>> stability(exact_payoffs(["tft", "alld"], 0.9))[["strategy", "stable"]]
      strategy  stable
    0      tft    True
    1     alld    True
    """
    payoffs = _check_matrix(payoffs)
    labels = [str(x) for x in payoffs.index]
    columns = stability_columns(payoffs.to_numpy(dtype=float), labels, tol)
    return pd.DataFrame({"strategy": labels, **columns})


def stability_columns(matrix: np.ndarray, labels, tol: float = DEFAULT_TOLERANCE) -> dict:
    """:func:`stability`'s columns (all but ``strategy``) from a checked square array."""
    n = len(labels)
    # gain[j, i]: what invader j gets against residents i, minus what the residents get.
    gain = matrix - np.diag(matrix)[None, :]
    np.fill_diagonal(gain, -np.inf)
    invaders, best, margins = [], [], []
    for i in range(n):
        column = gain[:, i]
        order = np.argsort(-column, kind="stable")
        succeeding = [labels[j] for j in order if column[j] > tol]
        invaders.append(succeeding)
        best.append(succeeding[0] if succeeding else "")
        margins.append(float(column[order[0]]) if n > 1 else float("-inf"))
    return {
        "self_payoff": np.diag(matrix).copy(),
        "stable": np.array([not x for x in invaders], dtype=bool),
        "n_invaders": np.array([len(x) for x in invaders], dtype=np.int64),
        "invaders": np.array([",".join(x) for x in invaders], dtype=object),
        "best_invader": np.array(best, dtype=object),
        "margin": np.array(margins),
    }


def payoff_estimates(results) -> pd.DataFrame:
    """A tournament's estimate of V(row vs column), for :func:`stability`.

    This is the results' payoff matrix: total points over total moves of each
    ordered pairing (with discounting, the mean normalised match score), a
    consistent estimate of the expected payoff per move also under a
    continuation probability. The diagonal is self-play, NaN without it.
    """
    return results.payoff_matrix()
