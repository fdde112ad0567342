"""Choosing strategies by their metadata: ``Registry.select`` and ``ipd strategies`` filters.

(a) Each filter keeps exactly the strategies its metadata says, and they combine.
(b) The command prints the same selection, as a table or JSON, and refuses bad
    input in one line.
(c) Collections are derived from tags, and every strategy citing a well-known
    source carries its tag (ipd/strategies/sources.py).
"""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from ipd import IpdError
from ipd.cli.main import main
from ipd.strategies import all_strategies, collections, registry
from ipd.strategies.sources import SOURCE_TAGS, source_tags_cited


def ids(infos) -> set[str]:
    return {s.id for s in infos}


# --------------------------------------------------------------------------- (a) select


def test_no_filter_selects_everything_in_registration_order():
    assert [s.id for s in registry.select()] == [s.id for s in all_strategies()]


def test_stochastic_and_deterministic_split_the_registry():
    stochastic = ids(registry.select(stochastic=True))
    deterministic = ids(registry.select(stochastic=False))
    assert stochastic == {s.id for s in all_strategies() if s.stochastic}
    assert stochastic | deterministic == ids(all_strategies()) and not stochastic & deterministic
    assert {"random", "gtft"} <= stochastic and {"tft", "grudger"} <= deterministic


def test_memory_depth_keeps_declared_depths_at_most_n_and_inf_the_unbounded():
    assert ids(registry.select(memory_depth=0)) >= {"allc", "alld", "random"}
    one = ids(registry.select(memory_depth=1))
    assert one == {
        s.id for s in all_strategies() if s.memory_depth is not None and s.memory_depth <= 1
    }
    assert "tf2t" not in one and "tf2t" in ids(registry.select(memory_depth=2))
    unbounded = ids(registry.select(memory_depth=math.inf))
    assert unbounded == {s.id for s in all_strategies() if s.memory_depth is None}
    assert "grudger" in unbounded and "tft" not in unbounded


def test_search_looks_in_every_text_field_ignoring_case():
    assert "tft" in ids(registry.select(search="TIT FOR TAT"))  # the name
    assert "wsls" in ids(registry.select(search="pavlov"))  # an alias
    assert "gtft" in ids(registry.select(search="nature 355"))  # the source
    assert "evolved_lookerup_2_2_2" in ids(registry.select(search="EvolvedLookerUp2_2_2"))
    assert "alld" in ids(registry.select(search="always defects"))  # the description
    found = registry.select(search="langner")
    assert found and all("Langner" in s.source for s in found)


def test_filters_combine():
    chosen = registry.select(collection="classic", stochastic=False, memory_depth=1)
    assert chosen
    assert all("classic" in s.tags and not s.stochastic and s.memory_depth <= 1 for s in chosen)
    assert ids(chosen) >= {"tft", "wsls", "allc"}
    assert ids(registry.select(collection="meta", stochastic=False)) == {
        "meta_hunter",
        "meta_hunter_aggressive",
        "meta_winner_deterministic",
    }
    assert registry.select(search="harper", memory_depth=0) == []


@pytest.mark.parametrize(
    "filters, message",
    [
        ({"collection": "clasic"}, "did you mean 'classic'"),
        ({"memory_depth": -1}, "memory depth must be a whole number >= 0 or 'inf', got -1"),
        ({"memory_depth": 1.5}, "memory depth must be a whole number"),
        ({"search": "  "}, "the search word is empty"),
    ],
)
def test_bad_filters_are_refused(filters, message):
    with pytest.raises(IpdError, match=message.replace("(", r"\(")):
        registry.select(**filters)


# --------------------------------------------------------------------------- (b) the command


def run(*args):
    return CliRunner().invoke(main, ["strategies", *args])


def listed(*args) -> list[str]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return [s["id"] for s in json.loads(result.stdout)]


@pytest.mark.parametrize(
    "args, filters",
    [
        (("--stochastic",), {"stochastic": True}),
        (("--deterministic", "--memory-depth", "2"), {"stochastic": False, "memory_depth": 2}),
        (("--memory-depth", "inf"), {"memory_depth": math.inf}),
        (
            ("--search", "Ashlock", "--collection", "fsm"),
            {"search": "Ashlock", "collection": "fsm"},
        ),
        (("--collection", "meta", "--stochastic"), {"collection": "meta", "stochastic": True}),
    ],
)
def test_the_command_lists_what_select_selects(args, filters):
    expected = [s.id for s in registry.select(**filters)]
    assert expected
    assert listed(*args) == expected
    table = run(*args).output
    assert all(f"\n{sid} " in table for sid in expected)


def test_an_empty_selection_says_so():
    assert listed("--search", "no such word anywhere") == []
    result = run("--search", "no such word anywhere")
    assert result.exit_code == 0 and "No strategy passes these filters." in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (("--stochastic", "--deterministic"), "--stochastic and --deterministic exclude"),
        (("--memory-depth", "-2"), "memory depth must be a whole number >= 0 or 'inf', got -2"),
        (("--memory-depth", "two"), "--memory-depth must be a whole number >= 0 or 'inf'"),
        (("--collection", "nonsense"), "unknown collection 'nonsense'"),
        (("--contract", "--stochastic"), "--contract lists no strategies, so it takes no filter"),
        (("--collections", "--search", "tit"), "--collections lists no strategies"),
        (("--search", " "), "the search word is empty"),
    ],
)
def test_bad_filters_get_one_line_errors(args, message):
    result = run(*args)
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.output


# --------------------------------------------------------------------------- (c) collections


def test_collections_are_derived_from_tags():
    groups = collections()
    tags = {t for s in all_strategies() for t in s.tags}
    assert tags <= set(groups)
    for tag in tags:
        assert groups[tag] == [s.id for s in all_strategies() if tag in s.tags]


def test_every_strategy_citing_a_well_known_source_carries_its_tag():
    missing = {
        s.id: tag
        for s in all_strategies()
        for tag in source_tags_cited(s.source)
        if tag not in s.tags
    }
    assert not missing, f"add these source tags: {missing}"


def test_the_source_patterns_recognise_their_citations():
    cited = {
        tag: {s.id for s in all_strategies() if SOURCE_TAGS[tag].cited_in(s.source)}
        for tag in SOURCE_TAGS
    }
    assert {"tft", "joss", "anonymous", "tideman_chieruzzi"} <= cited["axelrod_1980_first"]
    assert not {"tf2t", "grudger", "random"} & cited["axelrod_1980_first"]
    assert cited["press_dyson"] == {"extort2"}
    assert cited["stewart_plotkin"] == {"extort2", "zdgtft2"}
    assert {"wsls", "gtft"} <= cited["nowak_sigmund"]
    assert "evolved_ann" in cited["harper_2017"] and "tf1" not in cited["harper_2017"]
    assert "tf1" in cited["knight_2018"]
    assert cited["axelrod_python"] == set()  # given by hand only
    assert "meta_winner" in collections()["axelrod_python"]
