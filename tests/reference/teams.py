"""Naive twin of the team family's step (ipd/strategies/families/team.py).

Written from the family's description: every member is played by its own
family twin, on a list of its own proposals and the opponent's moves; the
running scores are summed again from the start every turn, and each rule is
applied as stated (sort for the ensemble, a cumulative sum for the mixer).
Only the parameter layout is read from the compiled family, as a fact.
"""

from __future__ import annotations

from ipd.strategies.families.team import HEADER
from tests.reference.strategies import TWINS, twin

C, D = 0, 1
MEMBER_TWINS = ("memory_one_step", "fsm_step", "table_step", "hmm_step", "ann_step", "cycler_step")
RULES = ("majority", "minority", "winner", "ensemble", "mixer", "hunter")


def decode(params):
    """(rule, nice, argument, member (kind, params) pairs, mixer weights) from the vector."""
    n, rule, nice, arg = int(params[0]), RULES[int(params[1])], params[2] > 0, int(params[3])
    at = HEADER
    kinds = [int(k) for k in params[at : at + n]]
    bounds = [int(b) for b in params[at + n : at + 2 * n + 1]]
    weights = params[at + 5 * n + 2 : at + 6 * n + 2]
    members = [(kinds[i], params[bounds[i] : bounds[i + 1]]) for i in range(n)]
    return rule, nice, arg, members, weights


@twin("team_step")
def team(params, stream):
    rule, nice, arg, members, weights = decode(list(params))
    players = [TWINS[MEMBER_TWINS[kind]](list(p), stream) for kind, p in members]
    proposed = [[] for _ in players]  # each member's own past moves: its proposals

    def score(i, opp, payoffs):
        R, S, T, P = payoffs
        table = {(C, C): R, (C, D): S, (D, C): T, (D, D): P}
        total = 0.0
        for mine, theirs in zip(proposed[i], opp, strict=True):
            total += table[(mine, theirs)]
        return total

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        votes = []
        for i, player in enumerate(players):
            votes.append(
                player(turn, list(proposed[i]), list(opp), length, payoffs, own_score, opp_score)
            )
        scores = [score(i, opp, payoffs) for i in range(len(players))]
        if rule == "majority":
            action = D if votes.count(D) > votes.count(C) else C
        elif rule == "minority":
            action = D if votes.count(D) < votes.count(C) else C
        elif rule == "winner":
            best = max(scores)
            action = (
                C if any(v == C for v, s in zip(votes, scores, strict=True) if s == best) else D
            )
        elif rule == "ensemble":
            ranked = sorted(((s, i) for i, s in enumerate(scores)), reverse=True)[:arg]
            pick = 0 if arg == 1 else int(stream.uniform() * arg)
            action = votes[ranked[pick][1]]
        elif rule == "mixer":
            if arg >= 0:
                action = votes[arg]
            else:
                # The first member whose cumulative weight exceeds u; the last one with a
                # positive weight if rounding leaves u above the total.
                u = stream.uniform()
                total = 0.0
                for w, v in zip(weights, votes, strict=True):
                    if w > 0:
                        action = v
                        total += w
                        if u < total:
                            break
        else:
            if D in votes:
                action = D
            elif turn > arg:
                action = opp[-1]
            else:
                action = C
        if nice and D not in opp:
            action = C
        for i, v in enumerate(votes):
            proposed[i].append(v)
        return action

    return move
