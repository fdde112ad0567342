"""The small-mutation limit: which strategy a population spends its time in.

When mutations are rare, a mutant's lineage has fixed or died out before
the next mutant appears, so the population is almost always monomorphic
and jumps between monomorphic states (Fudenberg and Imhof 2006, J. Econ.
Theory 131: 251). From the state "all B" a mutant A appears with
probability ``M[B, A]`` (``1 / (k - 1)`` for uniform mutation) and takes
over with probability ``rho(A, B)``; the embedded Markov chain over the k
monomorphic states has

    T[B, A] = M[B, A] rho(A, B)  (A != B),   T[B, B] = 1 - sum of the rest,

and its stationary distribution is the fraction of time spent in each
state in the limit of small mutation rates (the rate itself only scales
time). :func:`stationary_sweep` follows it as the continuation probability
w or the noise varies, with exact payoffs (:mod:`ipd.analysis.exact`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.populations.settings import MoranSettings, check_mutation_matrix
from ipd.core.errors import IpdError
from ipd.core.jsonio import plain

SWEEP_AXES = ("w", "noise")


@dataclass
class Stationary:
    """The small-mutation limit of a pool.

    Attributes
    ----------
    distribution : long-run share of time in each monomorphic state (sums to 1).
    transitions : the embedded chain's transition matrix (rows: from).
    fixation : the fixation probabilities it was built from (rows: mutants).
    """

    distribution: pd.Series
    transitions: pd.DataFrame
    fixation: pd.DataFrame

    @property
    def most_abundant(self) -> str:
        return str(self.distribution.idxmax())

    def _repr_html_(self) -> str:
        """For Jupyter: each monomorphic state's share of time, largest first."""
        from ipd.core.display import html_table

        order = self.distribution.sort_values(ascending=False)
        frame = pd.DataFrame({"strategy": order.index.astype(str), "share": order.to_numpy()})
        caption = (
            "Small-mutation limit (Fudenberg and Imhof 2006): share of time in each "
            f"monomorphic state; most abundant: {self.most_abundant}"
        )
        return html_table(frame, caption, kind="stationary", digits=4)

    def to_dict(self) -> dict[str, Any]:
        return plain(
            {
                "distribution": {k: float(v) for k, v in self.distribution.items()},
                "most_abundant": self.most_abundant,
                "transitions": self.transitions.to_dict(orient="index"),
            }
        )


def stationary(fixation: Any, mutation_matrix: Any = None) -> Stationary:
    """The stationary distribution of the embedded chain over monomorphic states.

    Parameters
    ----------
    fixation : a :class:`~.fixation.FixationResult` or a square DataFrame of
        fixation probabilities (rows: mutant, columns: resident).
    mutation_matrix : where mutants go (rows: resident; sum 1, diagonal 0);
        uniform over the other strategies by default.
    """
    rho = getattr(fixation, "probability", fixation)
    if not isinstance(rho, pd.DataFrame) or rho.shape[0] != rho.shape[1]:
        raise IpdError("give fixation probabilities as a square table (mutant x resident)")
    labels = [str(x) for x in rho.columns]
    k = len(labels)
    if k < 2:
        raise IpdError("the small-mutation limit needs at least two strategies")
    values = rho.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise IpdError("some fixation probabilities are unknown (no finished runs)")
    if mutation_matrix is None:
        mutation = np.full((k, k), 1.0 / (k - 1))
        np.fill_diagonal(mutation, 0.0)
    else:
        mutation = np.asarray(check_mutation_matrix(mutation_matrix))
        if mutation.shape != (k, k):
            raise IpdError(f"the mutation matrix must be {k} x {k}, got {mutation.shape}")
    # From resident b to mutant a: a mutant a arises, then fixes in a population of b.
    transitions = mutation * values.T
    np.fill_diagonal(transitions, 0.0)
    np.fill_diagonal(transitions, 1.0 - transitions.sum(axis=1))
    distribution = _stationary_vector(transitions)
    index = pd.Index(labels, name="from")
    return Stationary(
        pd.Series(distribution, index=pd.Index(labels, name="strategy"), name="share"),
        pd.DataFrame(transitions, index=index, columns=pd.Index(labels, name="to")),
        rho,
    )


def _stationary_vector(transitions: np.ndarray) -> np.ndarray:
    """pi T = pi, sum(pi) = 1: the balance equations with one replaced by the normalisation."""
    k = len(transitions)
    system = transitions.T - np.eye(k)
    system[-1] = 1.0
    rhs = np.zeros(k)
    rhs[-1] = 1.0
    try:
        pi = np.linalg.solve(system, rhs)
    except np.linalg.LinAlgError:
        pi = np.linalg.lstsq(system, rhs, rcond=None)[0]
    pi = np.clip(pi, 0.0, None)
    return pi / pi.sum()


def stationary_sweep(
    strategies: Sequence,
    n: int,
    axis: str,
    values: Sequence[float],
    *,
    w: float | None = None,
    noise: float = 0.0,
    game=None,
    settings: MoranSettings | None = None,
    fallback: str | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """The small-mutation limit as w or the noise varies (exact payoffs, exact fixation).

    Parameters
    ----------
    strategies : the pool.
    n : population size.
    axis : ``"w"`` (continuation probability) or ``"noise"``.
    values : the values of that axis.
    w, noise : the other axis's fixed value (``w`` required when sweeping noise).
    game : payoffs (default 3, 0, 5, 1).
    settings : process, intensity, fitness (well mixed).
    fallback : passed to :func:`ipd.analysis.exact.exact_analysis`.

    Returns
    -------
    DataFrame with columns ``w``, ``noise``, ``strategy``, ``share``, ``most_abundant``.
    """
    from ipd.analysis.exact import exact_payoffs
    from ipd.analysis.populations.fixation import fixation_matrix

    if axis not in SWEEP_AXES:
        raise IpdError(f"the sweep axis must be w or noise, got {axis!r}")
    if axis == "noise" and w is None:
        raise IpdError("a noise sweep needs a fixed w")
    settings = (settings or MoranSettings()).updated(**overrides)
    rows = []
    for value in values:
        here_w = float(value) if axis == "w" else w
        here_noise = float(value) if axis == "noise" else noise
        table = exact_payoffs(
            strategies,
            here_w,
            noise=here_noise,
            game=game,
            fallback=fallback,
            seed=settings.seed,
        )
        limit = stationary(fixation_matrix(table, n, settings, method="exact"))
        for label, share in limit.distribution.items():
            rows.append(
                {
                    "w": here_w,
                    "noise": here_noise,
                    "strategy": label,
                    "share": float(share),
                    "most_abundant": label == limit.most_abundant,
                }
            )
    return pd.DataFrame(rows)
