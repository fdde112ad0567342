"""Citations and tags shared by the rules of Axelrod's second tournament (no compiled code)."""

from __future__ import annotations

TAG = ("axelrod_1980_second",)
PAPER = "R. Axelrod (1980b), 'More Effective Choice in the Prisoner's Dilemma', JCR 24(3):379-403"
TOUREXEC = "Axelrod's Fortran of the rules (Axelrod-Python/TourExec, src/strategies/)"


_UPPER_CASE_FILES = {"K59R", "K73R", "K74R", "K75R", "K92R"}


def source(entry: str, author: str, rank: int) -> str:
    """The ``source`` of one rule: its author, entry code and published rank, and where it is."""
    code = entry.upper()
    file = code if code in _UPPER_CASE_FILES else code.lower()
    return f"{author}'s entry {code} (rank {rank} of 63): {PAPER}; code: {file}.f in {TOUREXEC}"
