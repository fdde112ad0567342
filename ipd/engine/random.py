"""Counter-based random streams for compiled code.

Every match derives its own streams from the master seed and the match's
identity (repetition, row strategy, column strategy), so a draw never depends
on which thread, chunk or machine plays the match. A stream is a one-element
``uint64`` array holding a SplitMix64 counter; step functions receive their
own stream and call :func:`uniform` or :func:`bernoulli` on it.

These functions are compiled with numba and may be called from user step
functions.
"""

import numpy as np
from numba import njit

_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_TWO_POW_MINUS_53 = 1.0 / 9007199254740992.0


@njit(cache=True, inline="always")
def mix64(z):
    """SplitMix64's finaliser: a bijective scramble of a 64-bit word."""
    z = np.uint64(z)
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@njit(cache=True, inline="always")
def next_u64(rng):
    """Advance the stream ``rng`` (a one-element uint64 array) and return 64 random bits."""
    rng[0] = rng[0] + _GAMMA
    return mix64(rng[0])


@njit(cache=True, inline="always")
def uniform(rng):
    """A float uniform on [0, 1) drawn from the stream ``rng``."""
    return np.float64(next_u64(rng) >> _S11) * _TWO_POW_MINUS_53


@njit(cache=True, inline="always")
def bernoulli(rng, p):
    """True with probability ``p``; draws nothing when ``p`` is 0 or 1.

    Not drawing for certain outcomes keeps deterministic strategies from
    consuming their stream, so adding a certain branch to a rule does not
    shift every later draw.
    """
    if p >= 1.0:
        return True
    if p <= 0.0:
        return False
    return uniform(rng) < p


@njit(cache=True, inline="always")
def match_key(seed, rep, row, col):
    """The 64-bit key of one match, from the master seed and the match's identity."""
    h = mix64(np.uint64(seed))
    h = mix64(h ^ np.uint64(rep))
    h = mix64(h ^ np.uint64(row))
    return mix64(h ^ np.uint64(col))


@njit(cache=True, inline="always")
def stream_seed(key, stream):
    """The starting counter of stream number ``stream`` of a match."""
    return mix64(key ^ np.uint64(stream))
