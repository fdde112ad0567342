"""Analyses of results and payoff matrices: pure functions behind thin facades."""
