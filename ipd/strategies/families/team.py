"""The team family: one strategy made of a team of data-family strategies and a rule.

Every turn each member proposes a move, as if it were playing the match on
its own, and the team's *rule* turns the proposals into the move it plays
(Axelrod-Python's meta players, after K. Langner and M. Harper):

* ``majority``: defect when more members propose D than C (a tie co-operates);
* ``minority``: defect when fewer members propose D than C (a tie co-operates);
* ``winner``: follow the members with the highest running score; co-operate
  if any of them proposes C;
* ``ensemble``: follow one of the ``top`` members with the highest running
  scores, chosen uniformly at random each turn (ties in score ranked by the
  later member first);
* ``mixer``: follow one member drawn each turn with probabilities ``weights``;
* ``hunter``: defect if any member proposes D; otherwise co-operate, except
  that after the first ``tft_after`` turns it plays tit for tat.

``nice = true`` adds, for any rule, that the team never defects before the
opponent has defected once.

What a member sees. A member's own past moves are *its proposals*, not the
moves the team played (as Axelrod-Python keeps a history per member); the
opponent's moves are the moves actually played, after noise. A member's
running score adds, each turn, the payoff its proposal would have earned
against the opponent's move.

Members are data-family strategies (memory-one, finite-state machine, lookup
table, Gambler, memory-n, hidden Markov model, neural network, cycler): a
registered id such as ``"tft"`` or ``"random:p=0.3"``, or a family instance.
The one compiled step, :func:`team_step`, plays each member's rule from the
member's parameters and its own part of the 32 memory slots. Code strategies
cannot join (their steps are not known to the team), nor can teams.

Memory. Members use their family's slots (a machine 1, a network 17, the
others none). The team keeps the last turn's proposals of every member as the
bits of one slot (two for teams of more than 52), when a member reads its own
last move or the rule keeps scores; a table that reads more than one of its own
moves gets a slot of its own with its recent proposals. Then one slot per
member for the scores, and one for ``nice``. The total must fit in the 32
slots: :class:`Team` says so when it does not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numba import njit

from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.engine.random import uniform
from ipd.strategies.families.ann import N_FEATURES, ann_step
from ipd.strategies.families.base import FAMILIES, Declared, family, whole
from ipd.strategies.families.cycler import cycler_move, cycler_step
from ipd.strategies.families.fsm import fsm_move, fsm_step
from ipd.strategies.families.hmm import hmm_step
from ipd.strategies.families.lookup_table import table_move, table_step
from ipd.strategies.families.memory_one import memory_one_move, memory_one_step
from ipd.strategies.registry import Behaviour, register_step
from ipd.strategies.transformers import STRATEGY_SLOTS

RULES = ("majority", "minority", "winner", "ensemble", "mixer", "hunter")
"""The rules, in the order of their integer codes."""
SCORING = ("winner", "ensemble")
"""Rules that follow the members' running scores."""

MEMBER_STEPS = (memory_one_step, fsm_step, table_step, hmm_step, ann_step, cycler_step)
"""The steps a member may play; a member's *kind* is its step's index here."""
MEMBER_SLOTS = (0, 1, 0, 1, N_FEATURES, 0)
"""Memory slots each kind uses (from each family step's docstring; tested)."""
MAX_MEMBERS = 60
"""Proposals are bits of one 64-bit integer."""

# Compile time and speed. The team plays its members' rules itself, from their parameters
# in its own vector: the memory-one, machine, table and cycler rules through the helpers
# their family steps play too (``memory_one_move``, ``fsm_move``, ``table_move``,
# ``cycler_move``), inlined once each, so a member reads its own past moves (its proposals)
# as bits the team keeps, and nothing is sliced or lent. A team's turn costs about 40% less
# (13-58%) than calling the family steps did (benchmarks/README.md). The two large
# rules (hidden Markov model, network) are called, compiled once each as functions:
# inlined into the kernel at each call they made a team kernel take about 90 s to compile.
_hmm = njit(inline="never")(hmm_step.py_func)
_ann = njit(inline="never")(ann_step.py_func)

# Layout of the parameter vector (n members).
N, RULE, NICE, ARG, SCORES, FLAG, LAST = range(7)
HEADER = 7
# Then: kinds[n], param bounds[n + 1], memory bounds[n + 1], windows[n],
# history slots[n] (-1: none), mixer weights[n] (summing to 1), the members' parameter vectors.
CHUNK = 52
"""Proposals a memory slot holds as bits: a float64 holds whole numbers below 2**53 exactly."""


# Without numba's reference counting (``_nrt=False``): the step allocates nothing, and in a
# function this branchy numba cannot prune the reference counts of its six array arguments,
# twelve atomic updates a call (about 40% of a team's turn). An allocation added here fails
# to compile rather than leak.
@njit(inline="never", _nrt=False)
def team_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params: header (n, rule, nice, rule argument, first score slot, nice-flag slot, slot of
    the last proposals), then per member its kind, parameter and memory bounds, own-move
    window and history slot (tables that read two or more own moves), the mixer weights,
    then the members' parameter vectors. Members draw from ``rng`` in team order, then the
    rule.
    """
    n = np.int64(params[N])
    rule = np.int64(params[RULE])
    kinds = HEADER
    pbounds = kinds + n
    mbounds = pbounds + n + 1
    windows = mbounds + n + 1
    slots = windows + n
    weights = slots + n
    scores = np.int64(params[SCORES])
    keep = np.int64(params[LAST])  # where the last proposals are kept (-1: not kept)
    theirs = np.int64(opp[turn - 1]) if turn > 0 else np.int64(0)  # the opponent's last move
    before = np.int64(0)  # the members' last proposals, member i in bit i
    if keep >= 0 and turn > 0:
        before = np.int64(memory[keep])
        if n > CHUNK:
            before |= np.int64(memory[keep + 1]) << CHUNK
    proposals = np.int64(0)
    defects = np.int64(0)
    best = -np.inf  # winner: the best running score, and whether one of its holders says C
    best_cooperates = False
    for i in range(n):
        last = (before >> i) & 1  # the member's own last move is its last proposal
        if scores >= 0 and turn > 0:
            memory[scores + i] += payoffs[2 * last + theirs]
        window = np.int64(params[windows + i])  # how many own moves it reads: 0, 1 or plays
        start = np.int64(params[pbounds + i])
        kind = np.int64(params[kinds + i])
        if kind == 0:
            move = memory_one_move(params, start, turn, last, theirs, rng)
        elif kind == 1:
            move = fsm_move(params, start, memory, np.int64(params[mbounds + i]), turn, theirs)
        elif kind == 2:
            if window > 1:  # its last proposals, kept in a slot of its own
                at = np.int64(params[slots + i])
                past = np.int64(memory[at])
                move = table_move(params, start, turn, past, opp, rng)
                memory[at] = ((past << 1) | move) & ((np.int64(1) << window) - 1)
            else:
                own_bits = last if window == 1 else np.int64(0)
                move = table_move(params, start, turn, own_bits, opp, rng)
        elif kind == 5:
            move = cycler_move(params, start, turn)
        else:
            p = params[start : np.int64(params[pbounds + i + 1])]
            m = memory[np.int64(params[mbounds + i]) : np.int64(params[mbounds + i + 1])]
            if kind == 3:
                move = _hmm(turn, own, opp, length, payoffs, own_score, opp_score, p, m, rng)
            else:  # the network reads its own last move: lend it the member's proposal
                at = max(turn - 1, 0)
                played = own[at]
                own[at] = last if turn > 0 else played
                move = _ann(turn, own, opp, length, payoffs, own_score, opp_score, p, m, rng)
                own[at] = played
        proposals |= move << i
        defects += move
        if rule == 2:
            score = memory[scores + i]
            if score > best:
                best, best_cooperates = score, move == 0
            elif score == best and move == 0:
                best_cooperates = True
    if keep >= 0:
        memory[keep] = proposals & ((np.int64(1) << CHUNK) - 1)
        if n > CHUNK:
            memory[keep + 1] = proposals >> CHUNK
    if rule == 0:
        action = 1 if defects > n - defects else 0
    elif rule == 1:
        action = 1 if defects < n - defects else 0
    elif rule == 2:
        action = 0 if best_cooperates else 1
    elif rule == 3:
        top = np.int64(params[ARG])
        pick = np.int64(0) if top == 1 else np.int64(uniform(rng) * top)
        taken = np.int64(0)
        chosen = np.int64(0)
        for _ in range(pick + 1):
            chosen = np.int64(-1)
            for i in range(n):
                if (taken >> i) & 1 == 0 and (
                    chosen < 0 or memory[scores + i] >= memory[scores + chosen]
                ):
                    chosen = i
            taken |= np.int64(1) << chosen
        action = (proposals >> chosen) & 1
    elif rule == 4:
        chosen = np.int64(params[ARG])
        if chosen < 0:
            u = uniform(rng)
            total = 0.0
            for i in range(n):
                w = params[weights + i]
                if w > 0.0:
                    chosen = i  # the last positive weight, should rounding leave u above
                    total += w
                    if u < total:
                        break
        action = (proposals >> chosen) & 1
    else:
        if proposals != 0:
            action = 1
        elif turn > np.int64(params[ARG]):
            action = np.int64(opp[turn - 1])
        else:
            action = 0
    if params[NICE] > 0.0:
        flag = np.int64(params[FLAG])
        if turn > 0 and opp[turn - 1] == 1:
            memory[flag] = 1.0
        if memory[flag] == 0.0:
            action = 0
    return action


register_step(team_step)


@dataclass(frozen=True)
class Member:
    """One member as the team plays it: its kind, parameters and what it costs and reads."""

    label: str
    kind: int
    params: np.ndarray = field(repr=False)
    window: int
    stochastic: bool
    memory_depth: int | None
    uses_payoffs: bool
    uses_length: bool

    @property
    def slots(self) -> int:
        return MEMBER_SLOTS[self.kind]


def _own_window(kind: int, params: np.ndarray) -> int:
    """How many of its own last moves a member reads (0: it reads none of them)."""
    step_ = MEMBER_STEPS[kind]
    if step_ is memory_one_step:
        cc, cd, dc, dd = params[:4]
        return 0 if (cc == dc and cd == dd) else 1
    if step_ is table_step:
        return int(params[0])
    if step_ is ann_step:
        return 1
    return 0


def _kind(behaviour: Behaviour, label: str) -> int:
    if behaviour.step is team_step:
        raise IpdError(f"team member {label!r} is itself a team; teams cannot be nested")
    for kind, candidate in enumerate(MEMBER_STEPS):
        if behaviour.step is candidate:
            return kind
    name = getattr(behaviour.step, "__name__", repr(behaviour.step))
    raise IpdError(
        f"team member {label!r} is a code strategy (step {name}); a team holds only "
        "data-family strategies (memory_one, fsm, lookup_table, gambler, memory_n, hmm, ann, "
        "cycler)"
    )


def _shape_depth(shape: Any) -> int | None:
    depth = getattr(shape, "memory_depth", "unknown")
    if depth != "unknown":
        return depth
    vector = getattr(shape, "vector", None)  # MemoryOne
    if vector is not None:
        return 0 if len(set(vector)) == 1 else 1
    return None  # a finite-state machine, or anything else: not bounded here


def resolve_member(spec: Any, game: Game) -> Member:
    """A member from a registered id (``"tft"``, ``"random:p=0.3"``) or a family instance."""
    if isinstance(spec, str):
        from ipd.core.players import parse_player

        player = parse_player(spec)
        info = player.info
        behaviour = player.behaviour(game)
        kind = _kind(behaviour, spec)
        depth, payoffs, length = info.memory_depth, info.uses_payoffs, info.uses_length
        label = player.label
    elif hasattr(spec, "behaviour") and getattr(type(spec), "FAMILY", None) in FAMILIES:
        label = f"{type(spec).FAMILY} member"
        behaviour = spec.behaviour()
        kind = _kind(behaviour, label)
        depth, payoffs, length = _shape_depth(spec), False, False
    else:
        raise IpdError(f"a team member must be a strategy id or a family instance, got {spec!r}")
    params = np.asarray(behaviour.params, dtype=np.float64)
    return Member(
        label,
        kind,
        params,
        _own_window(kind, params),
        bool(behaviour.stochastic),
        depth,
        payoffs,
        length,
    )


@dataclass(frozen=True)
class Layout:
    """Where the members' memory ends and the team's own slots are (-1: not kept)."""

    member_slots: int
    last_slot: int
    history_slots: tuple[int, ...]
    score_slot: int
    flag_slot: int
    total: int


def layout(members: tuple[Member, ...], rule: str, nice: bool) -> Layout:
    """Assign memory slots; an :class:`IpdError` when they do not fit in 32."""
    scoring = rule in SCORING
    used = member_slots = sum(m.slots for m in members)
    last = -1
    if scoring or any(m.window > 0 for m in members):
        last, used = used, used + math.ceil(len(members) / CHUNK)
    history = []
    for m in members:
        if m.window > 1:
            history.append(used)
            used += 1
        else:
            history.append(-1)
    proposals = used - member_slots
    score = -1
    if scoring:
        score, used = used, used + len(members)
    flag = -1
    if nice:
        flag, used = used, used + 1
    if used > STRATEGY_SLOTS:
        parts = [f"members {member_slots}", f"proposals {proposals}"]
        if scoring:
            parts.append(f"scores {len(members)}")
        if nice:
            parts.append("nice 1")
        raise IpdError(
            f"this team of {len(members)} needs {used} memory slots ({', '.join(parts)})"
            f" but a strategy has {STRATEGY_SLOTS}; use fewer or smaller members"
        )
    return Layout(member_slots, last, tuple(history), score, flag, used)


@family("team", keys=("rule", "members", "weights", "top", "nice", "tft_after"))
@dataclass(frozen=True)
class Team:
    """A team of data-family strategies playing as one (module docstring).

    Parameters
    ----------
    rule : ``"majority"``, ``"minority"``, ``"winner"``, ``"ensemble"``, ``"mixer"``
        or ``"hunter"``.
    members : registered ids (with parameters, ``"random:p=0.3"``) or family
        instances (``MemoryOne(...)``, ``FiniteStateMachine(...)``, ...).
    weights : ``mixer`` only: one non-negative weight per member (uniform if omitted).
    top : ``ensemble`` only: how many of the best scorers to choose among; by
        default Axelrod-Python's ``max(1, int(0.08 * len(members)))``.
    nice : never defect before the opponent has defected.
    tft_after : ``hunter`` only: the number of turns after which, when no
        member proposes D, it plays tit for tat instead of co-operating.
    game : the payoffs the members are built for (default :class:`Game`);
        registered members such as ZD strategies depend on them.
    """

    rule: str
    members: tuple
    weights: tuple | None = None
    top: int | None = None
    nice: bool = False
    tft_after: int = 100
    game: Game | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise IpdError(f"team rule must be one of {', '.join(RULES)}; got {self.rule!r}")
        members = self.members
        if isinstance(members, str) or not isinstance(members, list | tuple):
            raise IpdError("team members must be a list of strategy ids or family instances")
        if not 1 <= len(members) <= MAX_MEMBERS:
            raise IpdError(f"a team has 1 to {MAX_MEMBERS} members, got {len(members)}")
        object.__setattr__(self, "members", tuple(members))
        n = len(members)
        for name, applies in (("weights", "mixer"), ("top", "ensemble")):
            if getattr(self, name) is not None and self.rule != applies:
                raise IpdError(f"{name} applies only to rule {applies!r}, not {self.rule!r}")
        if self.tft_after != 100 and self.rule != "hunter":
            raise IpdError(f"tft_after applies only to rule 'hunter', not {self.rule!r}")
        if self.weights is not None:
            object.__setattr__(self, "weights", _weights(self.weights, n))
        if self.top is not None:
            top = whole(self.top, "top")
            if not 1 <= top <= n:
                raise IpdError(f"top must be between 1 and the team size {n}, got {top}")
            object.__setattr__(self, "top", top)
        object.__setattr__(self, "tft_after", whole(self.tft_after, "tft_after"))
        if self.tft_after < 0:
            raise IpdError(f"tft_after must be at least 0, got {self.tft_after}")
        if not isinstance(self.nice, bool):
            raise IpdError(f"nice must be true or false, got {self.nice!r}")
        resolved = tuple(resolve_member(m, self.game or Game()) for m in self.members)
        object.__setattr__(self, "_resolved", resolved)
        object.__setattr__(self, "_layout", layout(resolved, self.rule, self.nice))

    # ----------------------------------------------------------------- what it is

    def for_game(self, game: Game) -> Team:
        """The same team with its members built for ``game``."""
        return replace(self, game=game)

    @property
    def resolved(self) -> tuple[Member, ...]:
        return self._resolved

    @property
    def slots(self) -> int:
        """Memory slots the team uses (members' and its own)."""
        return self._layout.total

    @property
    def effective_top(self) -> int:
        return self.top if self.top is not None else max(1, int(0.08 * len(self.members)))

    def _mixer_choice(self) -> int:
        """The one member a mixer follows without drawing, or -1 when it draws."""
        weights = self.weights or (1.0,) * len(self.members)
        positive = [i for i, w in enumerate(weights) if w > 0]
        return positive[0] if len(positive) == 1 else -1

    @property
    def stochastic(self) -> bool:
        if any(m.stochastic for m in self.resolved):
            return True
        if self.rule == "mixer":
            return self._mixer_choice() < 0
        return self.rule == "ensemble" and self.effective_top > 1

    @property
    def memory_depth(self) -> int | None:
        """The largest member depth when the team itself keeps nothing; else unbounded.

        The team keeps state when its rule keeps scores or counts turns, with
        ``nice``, and when a member reads its own past moves (they are its
        proposals, which the match history does not show).
        """
        if self.rule in (*SCORING, "hunter") or self.nice:
            return None
        if any(m.window > 0 for m in self.resolved):
            return None
        depths = [m.memory_depth for m in self.resolved]
        return None if any(d is None for d in depths) else max(depths)

    @property
    def uses_payoffs(self) -> bool:
        return self.rule in SCORING or any(m.uses_payoffs for m in self.resolved)

    @property
    def uses_length(self) -> bool:
        return any(m.uses_length for m in self.resolved)

    def classifiers(self) -> dict[str, Any]:
        return {
            "memory_depth": self.memory_depth,
            "stochastic": self.stochastic,
            "uses_payoffs": self.uses_payoffs,
            "uses_length": self.uses_length,
        }

    # ----------------------------------------------------------------- playing it

    def behaviour(self) -> Behaviour:
        members, plan = self.resolved, self._layout
        n = len(members)
        if self.rule == "ensemble":
            arg = self.effective_top
        elif self.rule == "mixer":
            arg = self._mixer_choice()
        elif self.rule == "hunter":
            arg = self.tft_after
        else:
            arg = 0
        header = [
            n,
            RULES.index(self.rule),
            float(self.nice),
            arg,
            plan.score_slot,
            plan.flag_slot,
            plan.last_slot,
        ]
        start = HEADER + 6 * n + 2
        pbounds = [start]
        for m in members:
            pbounds.append(pbounds[-1] + len(m.params))
        mbounds = [0]
        for m in members:
            mbounds.append(mbounds[-1] + m.slots)
        weights = self.weights or (1.0 / n,) * n
        vector = [
            *header,
            *(m.kind for m in members),
            *pbounds,
            *mbounds,
            *(m.window for m in members),
            *plan.history_slots,
            *weights,
        ]
        params = np.concatenate(
            [np.asarray(vector, dtype=np.float64), *(m.params for m in members)]
        )
        return Behaviour(team_step, params, self.stochastic)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``rule``, ``members`` (ids, or inline tables with a ``family``), ``weights``,
        ``top``, ``nice``, ``tft_after``."""
        members = entry.get("members")
        if not isinstance(members, list):
            raise IpdError("'members' must be a list of strategy ids or family tables")
        shape = cls(
            entry.get("rule", ""),
            tuple(_toml_member(m, k) for k, m in enumerate(members)),
            weights=entry.get("weights"),
            top=entry.get("top"),
            nice=entry.get("nice", False),
            tft_after=entry.get("tft_after", 100),
        )
        return Declared(shape, shape.memory_depth, shape.stochastic, shape.uses_payoffs)


def _weights(value: Any, n: int) -> tuple[float, ...]:
    if not isinstance(value, list | tuple) or len(value) != n:
        raise IpdError(f"weights must be a list of {n} numbers, one per member")
    out = []
    for k, w in enumerate(value):
        if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w) or w < 0:
            raise IpdError(f"weights[{k}] must be a non-negative number, got {w!r}")
        out.append(float(w))
    total = sum(out)
    if total <= 0:
        raise IpdError("weights must not all be zero")
    return tuple(w / total for w in out)


def _toml_member(entry: Any, k: int) -> Any:
    if isinstance(entry, str):
        return entry
    if not isinstance(entry, dict):
        raise IpdError(f"members[{k}] must be a strategy id or a table with a 'family'")
    name = entry.get("family")
    if name == "team":
        raise IpdError(f"members[{k}] is a team; teams cannot be nested")
    kind = FAMILIES.get(name) if isinstance(name, str) else None
    if kind is None:
        raise IpdError(f"members[{k}]: family must be one of {', '.join(FAMILIES)}, got {name!r}")
    unknown = set(entry) - {"family"} - kind.TOML_KEYS
    if unknown:
        raise IpdError(f"members[{k}]: unknown key(s) {sorted(unknown)}")
    try:
        return kind.from_toml(entry).shape
    except IpdError as exc:
        raise IpdError(f"members[{k}]: {exc}") from None
