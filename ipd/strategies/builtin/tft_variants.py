"""Named variants of tit for tat: harder, softer, noise-aware, adaptive and end-game ones.

Rules that read only the opponent's moves and keep bounded counters are
finite-state machines grown by :func:`._builders.machine`; memory-one rules
are :class:`MemoryOne` vectors; the rest are compiled steps. Every rule
carries the exact Axelrod-Python 4.14 name of the same rule; where ipd reads
the published description differently, the docstring says so.
"""

from __future__ import annotations

import numpy as np

from ipd.core.game import Game
from ipd.engine.random import bernoulli
from ipd.strategies.builtin._builders import RecentMoves, machine, whole_number
from ipd.strategies.builtin._sources import AXELROD_PYTHON, LESSWRONG, PD_2017, PRISON
from ipd.strategies.families import FiniteStateMachine, MemoryOne
from ipd.strategies.registry import step, strategy

TAGS = ("tit_for_tat_variants",)


# --------------------------------------------------------------------------- memory-one variants


@strategy(
    "anti_tft",
    "Anti Tit For Tat",
    aliases=("anti_tit_for_tat", "psycho"),
    description="Co-operates first, then plays the opposite of the opponent's previous move.",
    source=(
        "C. Hilbe, M. A. Nowak and A. Traulsen (2013), 'Adaptive dynamics of extortion and "
        "compliance', PLoS ONE 8:e77886; as Psycho in D. Ashlock, E.-Y. Kim and W. Ashlock "
        "(2009), IEEE Trans. Comput. Intell. AI Games 1:154-167"
    ),
    memory_depth=1,
    tags=(*TAGS, "ashlock"),
    axelrod_name="Anti Tit For Tat",
)
def anti_tft(game: Game) -> MemoryOne:
    return MemoryOne(0, 1, 0, 1, first=1)


@strategy(
    "bully",
    "Bully",
    aliases=("reverse_tft", "reverse_tit_for_tat"),
    description="Defects first, then plays the opposite of the opponent's previous move.",
    source=(
        "J. H. Nachbar (1992), 'Evolution in the finitely repeated prisoner's dilemma', "
        "J. Econ. Behav. Organ. 19:307-326 (Reverse Tit For Tat)"
    ),
    memory_depth=1,
    tags=TAGS,
    axelrod_name="Bully",
)
def bully(game: Game) -> MemoryOne:
    return MemoryOne(0, 1, 0, 1, first=0)


@strategy(
    "burn_both_ends",
    "Burn Both Ends",
    aliases=("bbe",),
    description=(
        "Tit for tat that, after the opponent co-operates, co-operates only with probability 0.9."
    ),
    source=(
        "L. Marinoff (1992), 'Maximizing expected utilities in the prisoner's dilemma', "
        "J. Conflict Resolution 36:183-216"
    ),
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Burn Both Ends",
)
def burn_both_ends(game: Game) -> MemoryOne:
    return MemoryOne(0.9, 0, 0.9, 0, first=1)


# --------------------------------------------------------------------------- machines


def _window_machine(depth: int, defects) -> FiniteStateMachine:
    """Co-operate first, then defect when ``defects(window)`` holds for the
    opponent's last ``depth`` moves (fewer at the start of the game)."""

    def rule(window: str, last: str) -> tuple[str, str]:
        window = (window + last)[-depth:]
        return window, "D" if defects(window) else "C"

    return machine("C", "", rule)


@strategy(
    "hard_tft",
    "Hard Tit For Tat",
    aliases=("hard_tit_for_tat",),
    description="Co-operates first; defects if the opponent defected on any of its last 3 moves.",
    source=PD_2017,
    memory_depth=3,
    tags=TAGS,
    axelrod_name="Hard Tit For Tat",
)
def hard_tft(game: Game) -> FiniteStateMachine:
    return _window_machine(3, lambda window: "D" in window)


@strategy(
    "hard_tf2t",
    "Hard Tit For Two Tats",
    aliases=("hard_tit_for_two_tats",),
    description=(
        "Co-operates first; defects if the opponent defected twice in a row within its "
        "last 3 moves."
    ),
    source=(
        "A. J. Stewart and J. B. Plotkin (2012), 'Extortion and cooperation in the "
        "Prisoner's Dilemma', PNAS 109:10134-10135 (Hard TF2T)"
    ),
    memory_depth=3,
    tags=(*TAGS, "stewart_plotkin"),
    axelrod_name="Hard Tit For 2 Tats",
)
def hard_tf2t(game: Game) -> FiniteStateMachine:
    return _window_machine(3, lambda window: "DD" in window)


@strategy(
    "spiteful_tft",
    "Spiteful Tit For Tat",
    aliases=("spiteful_tit_for_tat",),
    description=(
        "Tit for tat until the opponent defects twice in a row; then defects for the rest "
        "of the game."
    ),
    source=PRISON,
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Spiteful Tit For Tat",
)
def spiteful_tft(game: Game) -> FiniteStateMachine:
    # State: (opponent's previous move, grudge held).
    def rule(state, last):
        before, grudge = state
        grudge = grudge or (before == "D" and last == "D")
        return (last, grudge), "D" if grudge else last

    return machine("C", ("C", False), rule)


@strategy(
    "n_tits_for_m_tats",
    "N Tit(s) For M Tat(s)",
    aliases=("ntitsformtats",),
    description=(
        "Answers every run of M consecutive defections by the opponent with N defections "
        "(by default N = 3, M = 2); otherwise co-operates."
    ),
    source=f"M. Harper's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    params={"n": (0, 50), "m": (0, 50)},
    axelrod_name="N Tit(s) For M Tat(s)",
)
def n_tits_for_m_tats(game: Game, n: float = 3, m: float = 2) -> FiniteStateMachine:
    """N tits for M tats (Axelrod-Python, by Marc Harper).

    On every move, if the opponent's last M moves were all defections (always
    true when M = 0), the count of defections still to play is set to N; the
    rule then defects while that count is positive (counting it down) and
    co-operates otherwise. (1, 1) is tit for tat, (1, 2) tit for two tats,
    (2, 1) two tits for tat; N = 0 always co-operates and M = 0 (with N > 0)
    always defects.

    Memory depth: a defection at move t needs a run of M defections ending
    within the last N moves, so the rule reads N + M - 1 moves back (4 for
    the defaults), not max(N, M) as Axelrod-Python declares; it is declared
    unbounded here because it depends on the parameters.
    """
    n_, m_ = whole_number("n", n, 0, 50), whole_number("m", m, 0, 50)

    def decide(owed: int, run: int) -> tuple[int, str]:
        if run >= m_:
            owed = n_
        if owed > 0:
            return owed - 1, "D"
        return owed, "C"

    def rule(state, last):
        owed, run = state
        run = min(run + 1, m_) if last == "D" else 0
        owed, action = decide(owed, run)
        return (owed, run), action

    owed, first = decide(0, 0)
    return machine(first, (owed, 0), rule)


# --------------------------------------------------------------------------- recent-move tables


@strategy(
    "slow_tf2t2",
    "Slow Tit For Two Tats 2",
    aliases=("slow_tit_for_two_tats_2",),
    description=(
        "Co-operates twice; then copies the opponent's move if it played the same move "
        "twice in a row, and otherwise repeats its own last move."
    ),
    source=PRISON,
    memory_depth=2,
    tags=TAGS,
    axelrod_name="Slow Tit For Two Tats 2",
)
def slow_tf2t2(game: Game) -> RecentMoves:
    return RecentMoves(
        1, 2, lambda mine, theirs: theirs[1] if theirs[0] == theirs[1] else mine[0], ("C", "C")
    )


# --------------------------------------------------------------------------- compiled rules


@strategy(
    "adaptive_tft",
    "Adaptive Tit For Tat",
    aliases=("atft",),
    description=(
        "Keeps a running image of the opponent's co-operativeness, moved a fraction "
        "'rate' towards 1 after each co-operation and towards 0 after each defection; "
        "co-operates while the image is at least 1/2."
    ),
    source=(
        "E. Tzafestas (2000), 'Toward adaptive cooperative behavior', From Animals to "
        "Animats 6 (SAB 2000), vol. 2, 334-340"
    ),
    memory_depth=None,
    tags=TAGS,
    params={"rate": (0.5, 0.0, 1.0)},
    axelrod_name="Adaptive Tit For Tat",
)
@step
def adaptive_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Adaptive tit for tat, basic model.

    world starts at 1/2; after each move of the opponent it becomes
    world + rate (1 - world) (co-operation) or world - rate world (defection);
    co-operate when world >= 1/2. memory[0] holds world.

    Axelrod-Python starts world at ``rate`` instead of 1/2; the two agree
    for the default rate 1/2 (Tzafestas's starting value is 1/2, and any
    value >= 1/2 gives the same first moves).
    """
    if turn == 0:
        memory[0] = 0.5
        return 0
    rate = params[0]
    if opp[turn - 1] == 0:
        memory[0] += rate * (1.0 - memory[0])
    else:
        memory[0] -= rate * memory[0]
    return 0 if memory[0] >= 0.5 else 1


_CT_INTENDED = 0  # the move it chose last turn (before noise)
_CT_CONTRITE = 1  # 1 while it owes the opponent a co-operation


@strategy(
    "contrite_tft",
    "Contrite Tit For Tat",
    aliases=("ctft", "contrite_tit_for_tat"),
    description=(
        "Tit for tat that, when noise turned its co-operation into a defection against a "
        "co-operator, accepts the opponent's retaliation: it co-operates once it has "
        "managed to co-operate again."
    ),
    source=(
        "J. Wu and R. Axelrod (1995), 'How to cope with noise in the iterated prisoner's "
        "dilemma', J. Conflict Resolution 39:183-189 (after R. Sugden (1986) and R. Boyd (1989))"
    ),
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Contrite Tit For Tat",
)
@step
def contrite_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Contrite tit for tat, as Axelrod-Python reads Wu and Axelrod (1995).

    Without noise it is tit for tat. It becomes contrite when its previous
    move came out as D although it chose C (noise) while the opponent played
    C. While contrite, once its own previous move came out as C it
    co-operates whatever the opponent did (taking the punishment) and stops
    being contrite; otherwise it plays tit for tat.

    Memory depth is unbounded: being contrite depends on which of its moves
    noise flipped, which the history does not show (memory[0] keeps the move
    it chose).
    """
    if turn == 0:
        memory[_CT_INTENDED] = 0
        return 0
    mine = own[turn - 1]
    if memory[_CT_CONTRITE] == 1 and mine == 0:
        memory[_CT_CONTRITE] = 0
        memory[_CT_INTENDED] = 0
        return 0
    if memory[_CT_INTENDED] != mine and mine == 1 and opp[turn - 1] == 0:
        memory[_CT_CONTRITE] = 1
    move = np.int64(opp[turn - 1])
    memory[_CT_INTENDED] = move
    return move


@strategy(
    "dynamic_2tft",
    "Dynamic Two Tits For Tat",
    aliases=("dynamic_two_tits_for_tat",),
    description=(
        "Co-operates unless the opponent defected on either of its last two moves; then "
        "co-operates with probability equal to the opponent's co-operation rate so far."
    ),
    source=f"G. Garrett-Grossman's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Dynamic Two Tits For Tat",
)
@step
def dynamic_2tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] counts the opponent's co-operations."""
    if turn == 0:
        return 0
    if opp[turn - 1] == 0:
        memory[0] += 1
    if opp[turn - 1] == 1 or (turn >= 2 and opp[turn - 2] == 1):
        return 0 if bernoulli(rng, memory[0] / turn) else 1
    return 0


@strategy(
    "alexei",
    "Alexei",
    description="Tit for tat that defects on the last move when it knows the match length.",
    source=f"Alexei's entry in {LESSWRONG}",
    memory_depth=None,
    uses_length=True,
    tags=(*TAGS, "lesswrong_2011"),
    params={"grudge": (0.0, 0.0, 1e9)},
    axelrod_name="Alexei",
)
@step
def tft_endgame(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Tit for tat with an end game (Alexei; Eugine Nier with ``grudge = 5``).

    Co-operate first, then copy the opponent's previous move; once the
    opponent has defected ``grudge`` times in all (``grudge > 0``), defect for
    the rest of the game. On the last move of a match of known length, defect.
    memory[0] counts the opponent's defections.
    """
    if turn >= 1 and opp[turn - 1] == 1:
        memory[0] += 1
    if length >= 0 and turn >= length - 1:
        return 1
    if turn == 0:
        return 0
    if params[0] > 0 and memory[0] >= params[0]:
        return 1
    return np.int64(opp[turn - 1])


strategy(
    "eugine_nier",
    "Eugine Nier",
    description=(
        "Tit for tat until the opponent has defected five times, then always defects; "
        "defects on the last move when it knows the match length."
    ),
    source=f"Eugine Nier's entry in {LESSWRONG}",
    memory_depth=None,
    uses_length=True,
    tags=(*TAGS, "lesswrong_2011"),
    params={"grudge": (5.0, 0.0, 1e9)},
    axelrod_name="EugineNier",
)(tft_endgame)


@strategy(
    "michaelos",
    "Michaelos",
    description=(
        "Tit for tat, except that after its own defection met the opponent's co-operation "
        "it flips a coin: co-operate, or defect for the rest of the game; defects on the "
        "last move when it knows the match length."
    ),
    source=f"Michaelos's entry in {LESSWRONG}",
    memory_depth=None,
    stochastic=True,
    uses_length=True,
    tags=(*TAGS, "lesswrong_2011"),
    axelrod_name="Michaelos",
)
@step
def michaelos(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] is 1 once it has decided to defect for good."""
    if length >= 0 and turn >= length - 1:
        return 1
    if turn == 0:
        return 0
    if memory[0] == 1:
        return 1
    if own[turn - 1] == 1 and opp[turn - 1] == 0:
        if bernoulli(rng, 0.5):
            return 0
        memory[0] = 1
        return 1
    return np.int64(opp[turn - 1])


_OM_RANDOMNESS = 0
_OM_DEADLOCK = 1


@strategy(
    "omega_tft",
    "Omega TFT",
    aliases=("omega_tit_for_tat",),
    description=(
        "Tit for tat that breaks C/D see-saws by co-operating twice once they last long "
        "enough, and defects while a randomness score of the opponent's play is too high."
    ),
    source=(
        "W. Slany and W. Kienreich (2007), 'On some winning strategies for the iterated "
        "prisoner's dilemma', in G. Kendall, X. Yao and S. Y. Chong (eds.), The Iterated "
        "Prisoners' Dilemma: 20 Years On, World Scientific, ch. 8, 171-204"
    ),
    memory_depth=None,
    tags=TAGS,
    params={"deadlock_threshold": (3.0, 0.0, 1e9), "randomness_threshold": (8.0, -1e9, 1e9)},
    axelrod_name="Omega TFT",
)
@step
def omega_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Omega TFT with a deadlock threshold and a randomness threshold (3 and 8).

    C first, tit for tat on move 2. Afterwards, while the deadlock counter is
    below its threshold: the randomness counter goes down by one after two
    co-operations in a row by the opponent, up by one when the opponent
    changed its move, and up by one when its last move differed from ours;
    if the randomness counter has reached its threshold, defect; otherwise play
    tit for tat, counting a change of the opponent's move towards a deadlock
    (and resetting that count when it repeats its move). Once the deadlock
    counter reaches its threshold, co-operate on two moves (the counter is
    then reset). The randomness counter can fall again, so the defection it
    triggers is not for ever (as in Axelrod-Python, which we follow).
    """
    if turn == 0:
        return 0
    last = np.int64(opp[turn - 1])
    if turn == 1:
        return last
    deadlock_threshold = params[0]
    if memory[_OM_DEADLOCK] >= deadlock_threshold:
        if memory[_OM_DEADLOCK] == deadlock_threshold:
            memory[_OM_DEADLOCK] = deadlock_threshold + 1
        else:
            memory[_OM_DEADLOCK] = 0
        return 0
    before = np.int64(opp[turn - 2])
    if before == 0 and last == 0:
        memory[_OM_RANDOMNESS] -= 1
    if before != last:
        memory[_OM_RANDOMNESS] += 1
    if own[turn - 1] != last:
        memory[_OM_RANDOMNESS] += 1
    if memory[_OM_RANDOMNESS] >= params[1]:
        return 1
    if before != last:
        memory[_OM_DEADLOCK] += 1
    else:
        memory[_OM_DEADLOCK] = 0
    return last


_OG_CALMING = 0
_OG_PUNISHING = 1
_OG_COUNT = 2
_OG_LIMIT = 3


@strategy(
    "original_gradual",
    "Original Gradual",
    description=(
        "Co-operates until the opponent defects; its k-th punishment is k defections "
        "followed by two co-operations, and defections during a punishment start nothing."
    ),
    source=(
        "B. Beaufils, J.-P. Delahaye and P. Mathieu (1997), 'Our meeting with gradual, a "
        "good strategy for the iterated prisoner's dilemma', Artificial Life V, 202-209"
    ),
    memory_depth=None,
    tags=(*TAGS, "beaufils_1997"),
    axelrod_name="Original Gradual",
)
@step
def original_gradual(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Gradual as Axelrod-Python's OriginalGradual reads Beaufils et al. (1997).

    The punishment grows with the number of punishments started so far (one
    per defection seen while co-operating), not with the opponent's total of
    defections (that is ipd's ``gradual``, Axelrod-Python's Gradual). A
    punishment is k defections, the first on the move after the defection,
    then two co-operations during which the opponent's moves are ignored.
    """
    if memory[_OG_CALMING] == 1:
        memory[_OG_CALMING] = 0
        return 0
    if memory[_OG_PUNISHING] == 1:
        if memory[_OG_COUNT] < memory[_OG_LIMIT]:
            memory[_OG_COUNT] += 1
            return 1
        memory[_OG_CALMING] = 1
        memory[_OG_PUNISHING] = 0
        memory[_OG_COUNT] = 0
        return 0
    if turn >= 1 and opp[turn - 1] == 1:
        memory[_OG_PUNISHING] = 1
        memory[_OG_COUNT] += 1
        memory[_OG_LIMIT] += 1
        return 1
    return 0


@strategy(
    "random_tft",
    "Random Tit For Tat",
    aliases=("random_tit_for_tat",),
    description=(
        "Co-operates first, then alternates: tit for tat on moves 2, 4, 6, ..., a random "
        "move (C with probability p) on moves 3, 5, 7, ..."
    ),
    source=f"Z. M. Taylor's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    params={"p": (0.5, 0.0, 1.0)},
    axelrod_name="Random Tit for Tat",
)
@step
def random_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Memory depth is unbounded (Axelrod-Python says 1): the move depends on the parity
    of the turn, which the last moves do not reveal."""
    if turn == 0:
        return 0
    if turn % 2 == 1:
        return np.int64(opp[turn - 1])
    return 0 if bernoulli(rng, params[0]) else 1


@strategy(
    "sneaky_tft",
    "Sneaky Tit For Tat",
    aliases=("sneaky_tit_for_tat",),
    description=(
        "Co-operates twice, then defects while the opponent has never defected; once it "
        "has, plays tit for tat but repents (co-operates) when a defection of its own two "
        "moves ago was just answered by one."
    ),
    source=f"K. Langner's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Sneaky Tit For Tat",
)
@step
def sneaky_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] is 1 once the opponent has defected."""
    if turn >= 1 and opp[turn - 1] == 1:
        memory[0] = 1
    if turn < 2:
        return 0
    if memory[0] == 0:
        return 1
    if opp[turn - 1] == 1 and own[turn - 2] == 1:
        return 0
    return np.int64(opp[turn - 1])
