"""Hidden-Markov-model strategies trained by evolution (Harper et al. 2017), as HMM-family data.

Memory depth: Axelrod-Python 4.14 declares Evolved HMM 5's memory depth as
5; its hidden state can stay put for arbitrarily long (state 0 keeps itself
while the opponent co-operates), so two histories that agree on their last
five rounds can leave it in different states. We declare it unbounded.
"""

from __future__ import annotations

from ipd.strategies import catalogue

catalogue.register(__name__)
