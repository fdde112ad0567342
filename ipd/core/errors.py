"""The one exception type users see: a message worth printing on one line."""


class IpdError(ValueError):
    """Invalid input or settings; the message is a complete one-line explanation.

    Every expected failure (an unknown strategy, a malformed spec, noise outside
    [0, 1], payoffs that are not a dilemma) raises it; the command line prints
    its message as a one-line error. It is a :class:`ValueError`.

    Examples
    --------
    >>> import ipd
    >>> try:
    ...     ipd.Game(R=1, S=0, T=5, P=3)
    ... except ipd.IpdError as error:
    ...     print(error)
    payoffs R=1, S=0, T=5, P=3 are not a Prisoner's Dilemma (need T > R > P > S ...
    """
