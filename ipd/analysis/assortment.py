"""Like-mindedness: assortative matching, the chance r of meeting one's own kind.

Under assortment r a player meets a member of its own strategy with
probability r and, with probability 1 - r, a member drawn as before (at
random from the population, or among its neighbours on a graph). Its
expected payoff is then ``r * A[a, a] + (1 - r) * (its payoff as before)``,
which is exactly the payoff against the population of the *assorted table*

    A_r[a, b] = (1 - r) * A[a, b] + r * A[a, a],

because the added term is the same for every opponent (so any average over
opponents adds ``r * A[a, a]``). The ecology (replicator dynamic), the Moran
process (well mixed or on graphs) and the exact fixation probabilities all
take assortment this way, through the table (Eshel and Cavalli-Sforza 1982,
"Assortment of encounters and evolution of cooperativeness", PNAS 79: 1331;
Grafen 1979, Animal Behaviour 27: 905). In a finite population "its own
kind" means its strategy, even for a lone mutant (its kin, say, or the
people it chooses to deal with, play as it does).

Closed forms (checked against the simulations in the tests): in the
donation game (a co-operator pays c for the other to get b) co-operation
spreads under assortment iff ``r > c / b`` (Hamilton's rule, Hamilton 1964,
J. Theor. Biol. 7: 1); tit for tat against always-defect in matches of
continuation probability w (payoffs per move, per-match totals over the
expected length) wins iff ``r > r*`` of :func:`tft_alld_threshold`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ipd.core.values import check_probability


def check_assortment(value) -> float:
    """An assortment r in [0, 1], or a one-line error."""
    return check_probability("assortment", value)


def assorted(table, r: float):
    """The payoff table under assortment r (a DataFrame or a square array; same type back).

    ``r = 0`` returns the table itself, untouched (bit-identical results).
    """
    r = check_assortment(r)
    if r == 0.0:
        return table
    values = table.to_numpy(dtype=float) if isinstance(table, pd.DataFrame) else np.asarray(table)
    out = (1.0 - r) * values + r * np.diag(values)[:, None]
    if isinstance(table, pd.DataFrame):
        return pd.DataFrame(out, index=table.index, columns=table.columns)
    return out


def donation_table(b: float, c: float) -> pd.DataFrame:
    """The one-shot donation game between an unconditional co-operator and a defector.

    A co-operator pays c > 0 so that its partner gets b > c: C against C gets
    b - c, C against D gets -c, D against C gets b, D against D gets 0.
    """
    return pd.DataFrame(
        [[b - c, -c], [b, 0.0]],
        index=pd.Index(["C", "D"], name="row"),
        columns=pd.Index(["C", "D"], name="column"),
    )


def hamilton_threshold(b: float, c: float) -> float:
    """The assortment above which co-operators beat defectors in the donation game: c / b."""
    return c / b


def tft_alld_threshold(w: float, payoffs=(3.0, 0.0, 5.0, 1.0)) -> float:
    """The assortment r above which tit for tat earns more than always-defect, whatever their
    shares, in matches that go on with probability w (expected payoffs per move).

    Per move: TFT against TFT gets R, ALLD against ALLD P, TFT against ALLD
    ``(1 - w) S + w P`` and ALLD against TFT ``(1 - w) T + w P``. Under
    assortment r, with x the share of TFT, TFT's payoff minus ALLD's is
    ``r (R - P) + (1 - r) (x (R - (1 - w) T - w P) - (1 - x) (1 - w) (P - S))``:
    at r = 0 TFT can invade only when w >= (T - R) / (T - P) and the share is
    high enough; TFT wins at every share (including a lone invader, x -> 0)
    iff ``r (R - P) > (1 - r) (1 - w) (P - S)`` and the same at x -> 1, i.e.
    ``r > max(a, b) / (R - P + max(a, b))`` with ``a = (1 - w)(P - S)`` and
    ``b = (1 - w) T + w P - R``. Returns 0 when no assortment is needed.
    """
    R, S, T, P = (float(v) for v in payoffs)
    rare = (1.0 - w) * (P - S)  # what TFT loses to ALLD when it is rare
    common = (1.0 - w) * T + w * P - R  # what ALLD gains over TFT when TFT is common
    worst = max(rare, common)
    if worst <= 0.0:
        return 0.0
    return worst / (R - P + worst)
