"""Validation of the numeric settings shared by matches, tournaments and the CLI."""

from __future__ import annotations

import secrets

from ipd.core.errors import IpdError

MAX_SEED = 2**63 - 1


def check_turns(turns) -> int:
    if isinstance(turns, bool) or not isinstance(turns, int) or turns < 1:
        raise IpdError(f"turns must be a whole number of at least 1, got {turns!r}")
    return turns


def check_repetitions(repetitions) -> int:
    if isinstance(repetitions, bool) or not isinstance(repetitions, int) or repetitions < 1:
        raise IpdError(f"repetitions must be a whole number of at least 1, got {repetitions!r}")
    return repetitions


def check_noise(noise) -> float:
    try:
        value = float(noise)
    except (TypeError, ValueError):
        raise IpdError(f"noise must be a probability in [0, 1], got {noise!r}") from None
    if not 0.0 <= value <= 1.0:
        raise IpdError(f"noise must be a probability in [0, 1], got {noise!r}")
    return value


def check_seed(seed) -> int:
    """A seed in [0, 2**63 - 1]; ``None`` draws a fresh one (recorded in results)."""
    if seed is None:
        return secrets.randbelow(MAX_SEED)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise IpdError(f"seed must be a whole number in [0, 2**63 - 1], got {seed!r}")
    return seed


def check_probability_open(name: str, value) -> float:
    """A continuation probability or discount factor: strictly between 0 and 1."""
    try:
        w = float(value)
    except (TypeError, ValueError):
        raise IpdError(f"{name} must be a number in (0, 1), got {value!r}") from None
    if not 0.0 < w < 1.0:
        raise IpdError(f"{name} must be strictly between 0 and 1, got {value!r}")
    return w


def check_lengths(lengths) -> list[int]:
    """A list of match lengths (each a whole number >= 1), e.g. Axelrod's 63,77,151,156,308."""
    if isinstance(lengths, str):
        parts = [p.strip() for p in lengths.split(",") if p.strip()]
        try:
            lengths = [int(p) for p in parts]
        except ValueError:
            raise IpdError(
                f"lengths must be whole numbers separated by commas, got {lengths!r}"
            ) from None
    values = list(lengths)
    if not values:
        raise IpdError("lengths must list at least one match length")
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise IpdError(f"each match length must be a whole number >= 1, got {v!r}")
    return values
