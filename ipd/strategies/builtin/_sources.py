"""Citations shared by the built-in modules of named strategies."""

AXELROD_PYTHON = (
    "the Axelrod-Python library (V. Knight et al. (2016), 'An open framework for the "
    "reproducible study of the iterated prisoner's dilemma', J. Open Research Software 4:e35)"
)
"""Where a rule was first published when its author contributed it to Axelrod-Python."""
