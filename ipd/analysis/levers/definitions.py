"""The levers: what each changes in a tournament, its default range, and its closed form.

Each lever is one rule of the game that whoever sets the rules can change
(Axelrod 1984, The Evolution of Cooperation, ch. 7, "How to promote
cooperation": enlarge the shadow of the future, change the payoffs, teach
reciprocity, improve recognition abilities; ch. 3 and 8 on clusters of
co-operators that meet each other):

``w``
    the shadow of the future: the probability that a match goes on after
    each move (geometric match lengths, mean 1 / (1 - w)).
``length``
    how many moves a match has (fixed; told to the players only when the
    baseline tells them its length).
``T``, ``S``
    the pay-off structure: the temptation to defect against a co-operator,
    and the sucker's payoff of a co-operator against a defector; every value
    keeps a Prisoner's Dilemma (T > R > P > S and 2R > T + S).
``misperception``
    recognition: the probability that a player sees one of the other's
    moves wrongly (the payoffs follow the real moves).
``noise``
    the probability that a move comes out other than intended.
``assortment``
    like-mindedness: the probability r that a player meets its own kind
    rather than a random member (:mod:`ipd.analysis.assortment`); it changes
    who meets whom, not the matches.

Closed forms, for tit for tat (TFT) against always-defect (ALLD) under the
baseline's payoffs, are drawn beside the simulated effects: TFT resists ALLD
when ``w >= (T - R) / (T - P)`` (Axelrod and Hamilton 1981, Science 211:
1390), which read for T is ``T <= (R - w P) / (1 - w)``; TFT also resists the
alternator when ``w >= (T - R) / (R - S)``, read for S as
``S <= R - (T - R) / w``; and assortment lets TFT win at every share when
``r > r*`` (:func:`ipd.analysis.assortment.tft_alld_threshold`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ipd.analysis.assortment import check_assortment, tft_alld_threshold
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.settings import Settings, check_misperception, check_noise, check_turns
from ipd.core.values import check_probability_open

LEVERS = ("w", "length", "T", "S", "misperception", "noise", "assortment")


@dataclass(frozen=True)
class Lever:
    """One lever: its name, what it is in a few words, in plain words, and its source."""

    name: str
    title: str
    plain: str
    source: str


LEVER_INFO = {
    "w": Lever(
        "w",
        "the shadow of the future (continuation probability w)",
        "how likely the players are to meet again after each move",
        "Axelrod 1984, ch. 7 ('enlarge the shadow of the future'); Axelrod and Hamilton 1981",
    ),
    "length": Lever(
        "length",
        "match length (moves; told to the players only if the baseline tells them)",
        "how many times the same two players deal with each other",
        "Axelrod 1984, ch. 7 ('make the interactions more durable')",
    ),
    "T": Lever(
        "T",
        "the temptation payoff T",
        "how much a player gains by cheating someone who co-operates",
        "Axelrod 1984, ch. 7 ('change the payoffs'); Rapoport and Chammah 1965",
    ),
    "S": Lever(
        "S",
        "the sucker's payoff S",
        "how badly a co-operator fares when the other cheats",
        "Axelrod 1984, ch. 7 ('change the payoffs')",
    ),
    "misperception": Lever(
        "misperception",
        "misperception (recognition error)",
        "how often people cannot tell who co-operated and who defected",
        "Axelrod 1984, ch. 7 ('improve recognition abilities'); Boyd 1989, J. Theor. Biol. "
        "136: 47 (misperception against misimplementation); Wu and Axelrod 1995, "
        "J. Conflict Resolution 39: 183",
    ),
    "noise": Lever(
        "noise",
        "noise (implementation error)",
        "how often people do other than they meant to",
        "Bendor, Kramer and Stout 1991, J. Conflict Resolution 35: 691; Molander 1985, "
        "J. Conflict Resolution 29: 611; Wu and Axelrod 1995",
    ),
    "assortment": Lever(
        "assortment",
        "assortment r (like-mindedness)",
        "how often co-operators can deal with their own kind",
        "Axelrod 1984, ch. 3 and 8 (clusters of co-operators); Eshel and Cavalli-Sforza 1982, "
        "PNAS 79: 1331; Hamilton 1964",
    ),
}

_ROUND = 6
_PROBABILITIES = (0.0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)


def check_lever(name: str) -> str:
    if name not in LEVERS:
        raise IpdError(f"unknown lever {name!r}; levers: {', '.join(LEVERS)}")
    return name


def equivalent_w(settings: Settings) -> float:
    """The baseline's shadow of the future: its continuation probability, or for fixed
    lengths the w whose mean length matches, ``1 - 1 / (mean length)``."""
    if settings.continuation is not None:
        return settings.continuation
    mean = sum(settings.rep_lengths()) / settings.repetitions
    return 1.0 - 1.0 / mean if mean > 1 else 0.0


def baseline_value(name: str, settings: Settings, assortment: float) -> float | None:
    """The lever's value at the baseline (``None``: the baseline is not on this lever's axis,
    such as w for a baseline of fixed lengths)."""
    s = settings
    if name == "w":
        return s.continuation
    if name == "length":
        return float(s.turns) if s.continuation is None and s.lengths is None else None
    if name in ("T", "S"):
        return float(getattr(s.payoffs, name))
    if name == "assortment":
        return assortment
    return float(getattr(s, name))


def default_values(name: str, settings: Settings, assortment: float = 0.0) -> list[float]:
    """The values a lever takes by default (the baseline's own among them)."""
    R, S, T, P = settings.payoffs.payoffs
    if name == "w":
        values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]
    elif name == "length":
        values = [1, 2, 3, 5, 10, 20, 50, 100, 200]
    elif name == "T":
        high = 2 * R - S
        values = [R + (high - R) * k / 10 for k in range(1, 10)]
    elif name == "S":
        high = min(P, 2 * R - T)
        low = S - 2 * (high - S)
        values = [low + (high - low) * k / 12 for k in range(0, 12)]
    elif name == "assortment":
        values = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0]
    else:
        values = list(_PROBABILITIES)
    here = baseline_value(name, settings, assortment)
    if here is not None:
        values.append(here)
    return check_values(name, values, settings)


def check_values(name: str, values: Sequence[Any], settings: Settings) -> list[float]:
    """The lever's values, checked, rounded, without repeats and in ascending order."""
    check_lever(name)
    out = []
    for value in values:
        if isinstance(value, bool):
            raise IpdError(f"a value of {name} must be a number, got {value!r}")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise IpdError(f"a value of {name} must be a number, got {value!r}") from None
        if not math.isfinite(number):
            raise IpdError(f"a value of {name} must be a finite number, got {value!r}")
        if name == "w":
            number = check_probability_open("w", number)
        elif name == "length":
            if number != int(number):
                raise IpdError(f"a length must be a whole number of moves, got {value!r}")
            number = float(check_turns(int(number)))
        elif name in ("T", "S"):
            apply(name, number, settings)  # raises unless the game stays a dilemma
        elif name == "misperception":
            number = check_misperception(number)
        elif name == "noise":
            number = check_noise(number)
        else:
            number = check_assortment(number)
        out.append(round(number, _ROUND))
    if not out:
        raise IpdError(f"the lever {name} needs at least one value")
    return sorted(set(out))


def apply(name: str, value: float, settings: Settings) -> Settings:
    """The baseline's settings with the lever moved to ``value`` (assortment: unchanged)."""
    s = settings
    if name == "w":
        return dataclasses.replace(
            s, continuation=float(value), lengths=None, reveal_length=False, keep_moves=False
        )
    if name == "length":
        return dataclasses.replace(s, turns=int(value), lengths=None, continuation=None)
    if name in ("T", "S"):
        values = s.payoffs.as_dict() | {name: float(value)}
        R, S, T, P = (values[k] for k in "RSTP")
        if not (T > R > P > S and 2 * R > T + S):
            raise IpdError(
                f"{name} = {value:g} does not keep a Prisoner's Dilemma with R={R:g}, S={S:g}, "
                f"T={T:g}, P={P:g} (need T > R > P > S and 2R > T + S)"
            )
        return dataclasses.replace(s, payoffs=Game(R, S, T, P))
    if name == "misperception":
        return dataclasses.replace(s, misperception=float(value))
    if name == "noise":
        return dataclasses.replace(s, noise=float(value))
    check_lever(name)
    return s


def theory(name: str, settings: Settings) -> dict[str, Any] | None:
    """The closed-form threshold of a lever for TFT against ALLD at the baseline, if any:
    ``{"value", "side" ("above" or "below": where co-operation holds), "rule"}``."""
    R, _, T, P = settings.payoffs.payoffs
    w = equivalent_w(settings)
    if name == "w":
        return {
            "value": (T - R) / (T - P),
            "side": "above",
            "rule": "TFT resists ALLD when w >= (T - R) / (T - P)",
        }
    if name == "T" and 0 < w < 1:
        return {
            "value": (R - w * P) / (1 - w),
            "side": "below",
            "rule": f"TFT resists ALLD when T <= (R - w P) / (1 - w), w = {w:.3g}",
        }
    if name == "S" and 0 < w < 1:
        return {
            "value": R - (T - R) / w,
            "side": "below",
            "rule": f"TFT resists the alternator when S <= R - (T - R) / w, w = {w:.3g}",
        }
    if name == "assortment" and 0 <= w < 1:
        return {
            "value": tft_alld_threshold(w, settings.payoffs.payoffs),
            "side": "above",
            "rule": f"TFT beats ALLD at every share when r > r*, w = {w:.3g}",
        }
    return None
