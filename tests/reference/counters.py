"""Naive per-match counters, recomputed from the two move lists by their definitions."""

from ipd.engine import layout as L


def reference_counts(a: list[int], b: list[int]) -> dict[int, int]:
    n = len(a)
    out = {f: 0 for f in range(L.N_MATCH_FIELDS)}
    for t in range(n):
        out[2 * a[t] + b[t]] += 1
    for t in range(1, n):
        out[L.PREV + 2 * a[t - 1] + b[t - 1]] += 1
        if a[t] == 0:
            out[L.COOP_AFTER_A + 2 * a[t - 1] + b[t - 1]] += 1
        if b[t] == 0:
            out[L.COOP_AFTER_B + 2 * b[t - 1] + a[t - 1]] += 1
    for t in range(n - 1):
        # An unprovoked defection: the other side had not defected on the move before.
        if b[t] == 1 and (t == 0 or a[t - 1] == 0):
            out[L.PROVOCATIONS_BY_B] += 1
            out[L.A_RETALIATED] += a[t + 1] == 1
        if a[t] == 1 and (t == 0 or b[t - 1] == 0):
            out[L.PROVOCATIONS_BY_A] += 1
            out[L.B_RETALIATED] += b[t + 1] == 1
        if t > 0 and b[t - 1] == 1 and b[t] == 0:
            out[L.RETURNS_BY_B] += 1
            out[L.A_FORGAVE] += a[t + 1] == 0
        if t > 0 and a[t - 1] == 1 and a[t] == 0:
            out[L.RETURNS_BY_A] += 1
            out[L.B_FORGAVE] += b[t + 1] == 0
    out[L.TURNS] = n
    out[L.FIRST_DEFECTION_A] = a.index(1) if 1 in a else -1
    out[L.FIRST_DEFECTION_B] = b.index(1) if 1 in b else -1
    return out
