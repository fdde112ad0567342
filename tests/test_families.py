"""The generic families, user registration, the registry and the ``ID:NAME=VALUE`` syntax."""

from __future__ import annotations

import numpy as np
import pytest

import ipd
from ipd import FiniteStateMachine, Game, IpdError, MemoryOne
from ipd.core.players import parse_player
from ipd.strategies import all_strategies, collection, collections, get, registry

GRUDGER_ROWS = [(0, "C", 0, "C"), (0, "D", 1, "D"), (1, "C", 1, "D"), (1, "D", 1, "D")]

# --------------------------------------------------------------------------- MemoryOne


@pytest.mark.parametrize("field", ["cc", "cd", "dc", "dd", "first"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, r"must be a probability in \[0, 1\], got 1.5"),
        (-0.1, r"must be a probability in \[0, 1\], got -0.1"),
        (float("nan"), r"must be a probability in \[0, 1\], got nan"),
        (float("inf"), r"must be a probability in \[0, 1\], got inf"),
        ("often", r"must be a probability, got 'often'"),
        (None, r"must be a probability, got None"),
    ],
)
def test_memory_one_refuses_a_value_that_is_not_a_probability(field, value, message):
    vector = {"cc": 1, "cd": 0, "dc": 1, "dd": 0, "first": 1, field: value}
    with pytest.raises(IpdError, match=f"^{field} {message}$"):
        MemoryOne(**vector)


def test_memory_one_behaviour_is_its_vector_in_declared_order():
    shape = MemoryOne("0.9", 0.25, 1, 0, first=0.5)
    behaviour = shape.behaviour()
    assert behaviour.params.tolist() == [0.9, 0.25, 1.0, 0.0, 0.5]
    assert behaviour.params.dtype == np.float64
    assert behaviour.stochastic


def test_memory_one_with_certain_probabilities_is_deterministic():
    assert MemoryOne(1, 0, 0, 1, first=0).behaviour().stochastic is False
    assert MemoryOne(1, 0, 0, 1, first=0.5).behaviour().stochastic is True


# --------------------------------------------------------------------------- FiniteStateMachine


@pytest.mark.parametrize(
    ("rows", "kwargs", "message"),
    [
        ([], {}, "needs at least one transition"),
        ([(0, "C", 0)], {}, r"transition \[0, 'C', 0\] must have 4 entries"),
        ([(0, "C", 0, "C", 1)], {}, "must have 4 entries"),
        (
            [(0, "C", 0, "C"), (0, "D", 0, "D"), (2, "C", 0, "C"), (2, "D", 0, "D")],
            {},
            r"states must be numbered 0..n-1, got \[0, 2\]",
        ),
        ([(0, "C", 1, "C"), (0, "D", 0, "D")], {}, "from state 0 goes to unknown state 1"),
        ([(0, "C", -1, "C"), (0, "D", 0, "D")], {}, "goes to unknown state -1"),
        (
            [(0, "C", 0, "C"), (0, "C", 0, "D"), (0, "D", 0, "D")],
            {},
            "state 0 has two transitions for opponent move C",
        ),
        (
            [(0, "C", 1, "C"), (0, "D", 1, "D"), (1, "C", 0, "C")],
            {},
            "state 1 has no transition for opponent move D",
        ),
        (GRUDGER_ROWS, {"initial_state": 2}, r"initial state 2 is not one of 0..1"),
        (GRUDGER_ROWS, {"initial_state": -1}, r"initial state -1 is not one of 0..1"),
        ([(0, "C", 0, "X"), (0, "D", 0, "D")], {}, "a move must be 'C' or 'D', got 'X'"),
        ([(0, "Q", 0, "C"), (0, "D", 0, "D")], {}, "a move must be 'C' or 'D', got 'Q'"),
        ([(0, "C", 0, 2), (0, "D", 0, "D")], {}, "a move must be 'C' or 'D', got 2"),
        ([(0, "C", 0, True), (0, "D", 0, "D")], {}, "a move must be 'C' or 'D', got True"),
    ],
)
def test_finite_state_machine_refuses_an_invalid_table(rows, kwargs, message):
    with pytest.raises(IpdError, match=message):
        FiniteStateMachine(rows, **kwargs)


def test_finite_state_machine_refuses_a_bad_first_move_when_built():
    with pytest.raises(IpdError, match="a move must be 'C' or 'D', got 'X'"):
        FiniteStateMachine(GRUDGER_ROWS, first_move="X")


def test_finite_state_machine_bad_first_move_is_refused_at_the_latest_by_behaviour():
    with pytest.raises(IpdError, match="a move must be 'C' or 'D', got 'X'"):
        FiniteStateMachine(GRUDGER_ROWS, first_move="X").behaviour()


@pytest.mark.parametrize(
    ("rows", "kwargs"),
    [
        ([("a", "C", 0, "C"), ("a", "D", 0, "D")], {}),
        ([(0, "C", 0.5, "C"), (0, "D", 0, "D")], {}),
        ([(0.5, "C", 0, "C"), (0.5, "D", 0, "D")], {}),
        ([(None, "C", 0, "C"), (None, "D", 0, "D")], {}),
        (GRUDGER_ROWS, {"initial_state": "x"}),
    ],
    ids=["state-letter", "next-state-fraction", "state-fraction", "state-none", "initial-letter"],
)
def test_finite_state_machine_refuses_a_state_that_is_not_a_whole_number(rows, kwargs):
    with pytest.raises(IpdError, match="state"):
        FiniteStateMachine(rows, **kwargs)


def test_finite_state_machine_reads_moves_in_any_spelling_and_rows_in_any_order():
    spelled = FiniteStateMachine(
        [(1, 1, 1, "d"), (0, 0, 0, "c"), (1, "c", 1, 1), (0, "D", 1, "D")], first_move=0
    )
    assert (
        spelled.behaviour().params.tolist()
        == FiniteStateMachine(GRUDGER_ROWS).behaviour().params.tolist()
    )


def test_finite_state_machine_behaviour_lays_out_its_table():
    behaviour = FiniteStateMachine(GRUDGER_ROWS, initial_state=1, first_move="D").behaviour()
    # n_states, initial state, first move, then (next, move) per (state, opponent move).
    assert behaviour.params.tolist() == [2, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1]
    assert behaviour.stochastic is False


# --------------------------------------------------------------------------- user strategies


def test_user_builder_is_registered_with_parameters_from_its_signature(scratch_registry):
    @ipd.strategy(
        "user_forgiver",
        "User Forgiver",
        description="TFT that forgives with probability forgive.",
        memory_depth=1,
        stochastic=True,
        params={"forgive": (0.0, 1.0)},
        tags=("user_tests",),
    )
    def user_forgiver(game, forgive=0.25):
        """Forgiving tit for tat."""
        return MemoryOne(1, forgive, 1, forgive)

    info = get("user_forgiver")
    assert (info.name, info.doc) == ("User Forgiver", "Forgiving tit for tat.")
    assert [(p.name, p.default, p.low, p.high) for p in info.params] == [("forgive", 0.25, 0, 1)]
    assert info.behaviour(Game()).params.tolist() == [1, 0.25, 1, 0.25, 1]
    assert collection("user_tests") == ["user_forgiver"]
    assert "user_forgiver" in collection("stochastic")
    # Parameter values at the extremes make it a known rule.
    assert ipd.play_match("user_forgiver:forgive=1", "alld", turns=6).move_strings[0] == "CCCCCC"
    moves = ipd.play_match("user_forgiver:forgive=0", "alternator", turns=6).move_strings
    assert moves == ("CCDCDC", "CDCDCD")
    with pytest.raises(IpdError, match=r"forgive of 'user_forgiver' must be in \[0, 1\], got 2"):
        parse_player("user_forgiver:forgive=2")


def test_user_machine_builder_plays_its_table(scratch_registry):
    ipd.strategy("user_grim", "User Grim", description="Grudger again.", memory_depth=None)(
        lambda game: FiniteStateMachine(GRUDGER_ROWS)
    )
    assert ipd.play_match("user_grim", "alternator", turns=6).move_strings == (
        "CCDDDD",
        "CDCDCD",
    )


def test_user_compiled_step_gets_its_parameters_in_declaration_order(scratch_registry):
    @ipd.strategy(
        "user_coded",
        "User Coded",
        description="Defects from move k on.",
        memory_depth=None,
        params={"k": (3.0, 0.0, 1000.0), "spare": 0.5},
    )
    @ipd.step
    def user_coded(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
        """Co-operates before move k."""
        return 0 if turn < params[0] else 1

    info = get("user_coded")
    assert [(p.name, p.default) for p in info.params] == [("k", 3.0), ("spare", 0.5)]
    assert parse_player("user_coded:spare=2,k=7").behaviour(Game()).params.tolist() == [7, 2]
    assert info.behaviour(Game()).step is user_coded
    assert user_coded in registry.steps()
    assert info.doc == "Co-operates before move k."


def test_builder_must_take_the_game_first(scratch_registry):
    with pytest.raises(TypeError, match="must take 'game' as its first argument"):
        ipd.strategy("user_bad_builder", "Bad", description="x", memory_depth=0)(
            lambda payoffs: MemoryOne(1, 1, 1, 1)
        )


def test_strategy_decorates_only_builders_and_steps(scratch_registry):
    with pytest.raises(TypeError, match="decorates a builder function or a compiled step"):
        ipd.strategy("user_not_callable", "Bad", description="x", memory_depth=0)(42)


@pytest.mark.parametrize("bad_id", ["Tit-For-Tat", "my strategy", "_private", "", "tft!"])
def test_strategy_id_must_be_snake_case(bad_id):
    with pytest.raises(IpdError, match="must be snake_case"):
        ipd.strategy(bad_id, "Bad", description="x", memory_depth=0)


# --------------------------------------------------------------------------- registry lookups


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("tfft", "tft"), ("grudge", "grudger"), ("cooperater", "allc"), ("paavlov", "wsls")],
)
def test_unknown_id_suggests_the_closest_strategy(typed, suggestion):
    with pytest.raises(IpdError, match=f"unknown strategy '{typed}'; did you mean '{suggestion}'"):
        get(typed)


def test_unknown_id_with_nothing_close_gets_no_suggestion():
    with pytest.raises(IpdError) as caught:
        get("qqqqqqqq")
    assert "did you mean" not in str(caught.value)
    assert "ipd strategies" in str(caught.value)


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("tit_for_tat", "tft"),
        ("Tit-For-Tat", "tft"),
        ("  TFT ", "tft"),
        ("cooperator", "allc"),
        ("defector", "alld"),
        ("pavlov", "wsls"),
        ("grim", "grudger"),
        ("grim_trigger", "grudger"),
        ("generous_tit_for_tat", "gtft"),
        ("two_tits_for_tat", "2tft"),
        ("zd_extort_2", "extort2"),
    ],
)
def test_aliases_resolve_to_the_canonical_strategy(alias, canonical):
    assert get(alias).id == canonical
    assert parse_player(alias).label == canonical


DERIVED = {
    "all": lambda s: True,
    "deterministic": lambda s: not s.stochastic,
    "stochastic": lambda s: s.stochastic,
    "memory_one": lambda s: s.memory_depth is not None and s.memory_depth <= 1,
    "uses_length": lambda s: s.uses_length,
}


@pytest.mark.parametrize("name", sorted(DERIVED))
def test_derived_collection_is_exactly_the_strategies_with_its_classifier(name):
    expected = [s.id for s in all_strategies() if DERIVED[name](s)]
    assert collection(name) == expected


def test_classic_strategies_fall_in_the_right_derived_collections():
    stochastic = {"random", "gtft", "extort2", "zdgtft2"}
    deterministic = {"allc", "alld", "tft", "stft", "wsls", "alternator", "grudger"}
    deterministic |= {"tf2t", "2tft", "gradual"}
    assert stochastic <= set(collection("stochastic"))
    assert deterministic <= set(collection("deterministic"))
    assert not stochastic & set(collection("deterministic"))
    assert {"allc", "alld", "random", "tft", "wsls", "gtft", "extort2"} <= set(
        collection("memory_one")
    )
    assert not {"grudger", "tf2t", "2tft", "gradual"} & set(collection("memory_one"))
    assert stochastic | deterministic <= set(collection("classic"))
    assert set(collection("zero_determinant")) >= {"extort2", "zdgtft2"}


def test_collections_cover_derived_names_then_tags():
    names = list(collections())
    assert names[: len(DERIVED)] == list(DERIVED)
    tags = {tag for s in all_strategies() for tag in s.tags}
    assert set(names[len(DERIVED) :]) == tags - set(DERIVED)


def test_unknown_collection_suggests_the_closest():
    with pytest.raises(IpdError, match="unknown collection 'determinstic'; did you mean"):
        collection("determinstic")


# --------------------------------------------------------------------------- duplicate ids


def test_alias_that_is_an_existing_id_is_refused(scratch_registry):
    with pytest.raises(IpdError, match="'tft' is already taken by 'tft'"):
        ipd.strategy("user_copycat", "Copycat", aliases=("tft",), description="x", memory_depth=1)(
            lambda game: MemoryOne(1, 0, 1, 0)
        )
    assert get("tft").name == "Tit For Tat"


def test_id_that_is_an_existing_alias_is_refused(scratch_registry):
    with pytest.raises(IpdError, match="'pavlov' is already taken by 'wsls'"):
        ipd.strategy("pavlov", "Pavlov again", description="x", memory_depth=1)(
            lambda game: MemoryOne(1, 0, 0, 1)
        )
    assert get("pavlov").id == "wsls"


def test_registering_an_existing_id_directly_is_refused(scratch_registry):
    with pytest.raises(IpdError, match="already"):
        ipd.strategy("tft", "Fake TFT", description="x", memory_depth=0)(
            lambda game: MemoryOne(0, 0, 0, 0, first=0)
        )
    assert get("tft").name == "Tit For Tat"


def test_strategy_file_reusing_an_existing_id_is_refused(scratch_registry, tmp_path):
    path = tmp_path / "clash.py"
    path.write_text(
        "import ipd\n"
        "@ipd.strategy('tft', 'Fake TFT', description='x', memory_depth=0)\n"
        "def fake(game):\n"
        "    return ipd.MemoryOne(0, 0, 0, 0, first=0)\n"
    )
    with pytest.raises(IpdError, match="'tft' is already registered"):
        ipd.load_strategy_file(path)
    assert get("tft").name == "Tit For Tat"


def test_two_strategy_files_with_the_same_id_are_refused(scratch_registry, tmp_path):
    text = '[[strategy]]\nid = "user_twice"\nfamily = "memory_one"\np = [1, 0, 1, 0]\n'
    (tmp_path / "first.toml").write_text(text)
    (tmp_path / "second.toml").write_text(text)
    assert ipd.load_strategy_file(tmp_path / "first.toml") == ["user_twice"]
    with pytest.raises(IpdError, match="'user_twice' is already registered"):
        ipd.load_strategy_file(tmp_path / "second.toml")
    assert get("user_twice").origin == str((tmp_path / "first.toml").resolve())


# --------------------------------------------------------------------------- ID:NAME=VALUE


def test_parameters_are_read_into_the_behaviour_and_label():
    player = parse_player("random:p=0.3")
    assert player.label == "random:p=0.3"
    assert player.values == (("p", 0.3),)
    assert player.behaviour(Game()).params.tolist() == [0.3] * 5


def test_parameters_tolerate_spaces_and_drop_default_values_from_the_label():
    assert parse_player(" random : p = 0.3 ").label == "random:p=0.3"
    assert parse_player("random:p=0.5").label == "random"
    assert parse_player("random:").label == "random"


def test_several_parameters_are_kept_in_declaration_order():
    player = parse_player("extort2:s=0.25,phi=0.05")
    assert player.label == "extort2:phi=0.05,s=0.25"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("random:q=0.3", r"strategy 'random' has no parameter 'q' \(parameters: p\)"),
        ("tft:p=1", r"strategy 'tft' has no parameter 'p' \(parameters: none\)"),
        ("random:p=1.5", r"parameter p of 'random' must be in \[0, 1\], got 1.5"),
        ("random:p=-0.1", r"parameter p of 'random' must be in \[0, 1\], got -0.1"),
        ("random:p=nan", r"parameter p of 'random' must be in \[0, 1\], got nan"),
        ("gtft:generosity=2", r"parameter generosity of 'gtft' must be in \[0, 1\]"),
        ("random:p=abc", r"parameter p in 'random:p=abc' must be a number, got 'abc'"),
        ("random:p=", r"parameter p in 'random:p=' must be a number, got ''"),
        ("random:p", r"cannot read parameters in 'random:p': write ID:NAME=VALUE"),
        ("random:=0.3", r"cannot read parameters in 'random:=0.3'"),
        ("random:p=0.3,", r"cannot read parameters in 'random:p=0.3,'"),
        ("random:p=0.3;q=1", r"parameter p in .* must be a number, got '0.3;q=1'"),
        ("rnadom:p=0.3", r"unknown strategy 'rnadom'; did you mean 'random'"),
    ],
)
def test_malformed_or_invalid_parameters_are_refused_with_a_clear_message(text, message):
    with pytest.raises(IpdError, match=message):
        parse_player(text)
