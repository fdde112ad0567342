"""Every code example of the documentation and of the docstrings runs here.

* **Docstrings**: the doctests of every module of ``ipd`` (``ELLIPSIS`` and
  ``NORMALIZE_WHITESPACE`` on), from the repository root, each module in a
  scratch registry so examples may register strategies.
* **Pages** (``docs/**/*.md`` and ``README.md``): ```` ```python ```` blocks run
  in order, one namespace per page, in a scratch registry, from a temporary
  folder holding links to ``tournaments/`` and ``strategies/``; ```` ```pycon ````
  blocks run as doctests in the same namespace, so their printed output is
  checked; in ```` ```console ````/```` ```bash ```` blocks every ``ipd ...``
  command is parsed by click itself (the command, its options and their types),
  not run (in a console block with ``$`` prompts, only the prompted lines are
  commands). A console block right after ``<!-- check output -->`` is run
  instead, each ``$ ipd ...`` command through click's test runner, and what it
  prints to stdout must match the lines that follow it (whitespace
  normalised). A block right after ``<!-- not run: REASON -->`` is skipped; the
  reason is required. A block right after ``<!-- needs: MODULE -->`` runs when
  that optional module is installed (the docs extra installs them for CI). A
  block right after ``<!-- from: PATH -->`` shows (part of) a file of the
  repository, which other examples load: its text must be in that file.

The harness is tested too: a failing snippet, a wrong output and an unknown
option each fail it.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import importlib.util
import os
import pkgutil
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

import ipd
from ipd.engine import _assemble, api
from ipd.strategies import registry

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GENERATED = ("_build", "_generated", "reference/modules")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
NOT_RUN = re.compile(r"^<!--\s*not run:(?P<reason>.*?)-->\s*$")
CHECK_OUTPUT = re.compile(r"^<!--\s*check output\s*-->\s*$")
NEEDS = re.compile(r"^<!--\s*needs:\s*(?P<module>[\w.]+)\s*-->\s*$")
FROM_FILE = re.compile(r"^<!--\s*from:\s*(?P<path>[\w./-]+)\s*-->\s*$")
RUN_LANGUAGES = {"python", "py"}
DOCTEST_LANGUAGES = {"pycon"}
SHELL_LANGUAGES = {"console", "bash", "sh", "shell"}


DOCS_GROUPS = (
    "families",
    "ipd.strategies.builtin.gradual",
    "ipd.strategies.builtin.axelrod_first",
    "ipd.strategies.builtin.axelrod_second",
)
"""Kernel groups of ``tests/conftest.py`` whose strategies the examples play: the same
kernels as those strategies' own tests compile, so the suite compiles them once."""
DOCS_PLAYERS = ("alld|initial:n=3,move=0", "tft|noisy:p=0.05")
"""Players the examples play that no group holds (transformed ones), in one more kernel."""
WHAT_IF = ("tft",)
"""Strategies whose what-if twins the examples play (``results.principles(strategies=...)``)."""


def docs_steps() -> list:
    """The step functions of :data:`DOCS_PLAYERS` and of the twins of :data:`WHAT_IF`, with
    the data families' steps."""
    from ipd.analysis.principles.whatif import CHANGES
    from ipd.core.players import parse_player
    from ipd.strategies import families

    twins = [f"{s}|{c.layer}" for s in WHAT_IF for changes in CHANGES.values() for c in changes]
    steps = [parse_player(p).behaviour(ipd.Game()).step for p in [*DOCS_PLAYERS, *twins]]
    return [*steps, families.memory_one_step, families.fsm_step]


@pytest.fixture(scope="module", autouse=True)
def warm_kernel():
    """The kernels the examples play, so that they compile none of their own.

    The kernels of :data:`DOCS_GROUPS` and one for :data:`DOCS_PLAYERS` and the
    twins of :data:`WHAT_IF`; a page
    whose lineup no kernel covers fails :func:`test_page_examples_run` (keep
    lineups within a group, or add the players here).
    """
    from tests.conftest import warm_group

    for group in DOCS_GROUPS:
        warm_group(group)
    api.kernels(docs_steps())


# --------------------------------------------------------------------------- reading pages


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int
    """Line number (1-based) of the block's first line of code."""
    language: str
    code: str
    skip_reason: str | None
    check_output: bool = False
    needs: str | None = None
    from_file: str | None = None
    """The repository file the block quotes (``<!-- from: PATH -->``)."""


def pages() -> list[Path]:
    found = [ROOT / "README.md"]
    for path in sorted(DOCS.rglob("*.md")):
        relative = path.relative_to(DOCS).as_posix()
        if not relative.startswith(GENERATED):
            found.append(path)
    return found


def blocks(path: Path, text: str | None = None) -> list[Block]:
    """The fenced code blocks of a Markdown page (MyST directives ```{...} excluded)."""
    lines = (path.read_text() if text is None else text).splitlines()
    out: list[Block] = []
    k = 0
    while k < len(lines):
        opening = re.match(r"^(\s*)(`{3,}|~{3,})\s*([^`\s]*)", lines[k])
        if not opening:
            k += 1
            continue
        indent, fence, info = opening.groups()
        end = k + 1
        while end < len(lines) and not re.match(
            rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[end]
        ):
            end += 1
        previous = next((lines[j] for j in range(k - 1, -1, -1) if lines[j].strip()), "")
        marker = NOT_RUN.match(previous.strip())
        if not info.startswith("{"):
            code = "\n".join(line[len(indent) :] for line in lines[k + 1 : end])
            reason = marker.group("reason").strip() if marker else None
            check = bool(CHECK_OUTPUT.match(previous.strip()))
            needs = NEEDS.match(previous.strip())
            module = needs.group("module") if needs else None
            quoted = FROM_FILE.match(previous.strip())
            source = quoted.group("path") if quoted else None
            out.append(Block(path, k + 2, info.lower(), code, reason, check, module, source))
        k = end + 1
    return out


def page_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


# --------------------------------------------------------------------------- running blocks


def run_python(block: Block, namespace: dict, workdir: Path) -> None:
    """Run a block as a file whose line numbers are the page's (tracebacks point at the page)."""
    source = workdir / f"{page_id(block.page).replace('/', '__')}.L{block.line}.py"
    source.write_text("\n" * (block.line - 1) + block.code + "\n")
    exec(compile(source.read_text(), str(source), "exec"), namespace)


def run_pycon(block: Block, namespace: dict) -> None:
    name = f"{page_id(block.page)}:{block.line}"
    test = doctest.DocTestParser().get_doctest(
        block.code, namespace, name, str(block.page), block.line - 1
    )
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    result = runner.run(test, out=report.append, clear_globs=False)
    if result.failed:
        pytest.fail("".join(report), pytrace=False)


def shell_commands(code: str) -> list[list[str]]:
    """The ``ipd ...`` commands of a shell block, as argument lists (prompts, pipes cut)."""
    joined = re.sub(r"\\\n\s*", " ", code)
    prompted = any(line.startswith("$ ") for line in joined.splitlines())
    commands = []
    for line in joined.splitlines():
        line = line.strip()
        if line.startswith("$ "):
            line = line[2:]
        elif prompted or not line or line.startswith("#"):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        segment: list[str] = []
        for token in [*lexer, ";"]:
            if token in {"&&", "||", "|", ";", ">", ">>", "2>", "&"}:
                if segment and segment[0] == "ipd":
                    commands.append(segment[1:])
                segment = [] if token not in {">", ">>"} else ["(redirect)"]
            else:
                segment.append(token)
    return commands


def parse_cli(args: list[str]) -> None:
    """Parse an ``ipd`` command line the way click would before running it."""
    from ipd.cli.main import main

    def resolve(command: click.Command, name: str, rest: list[str], parent) -> None:
        ctx = command.make_context(name, rest, parent=parent)
        with ctx:
            if isinstance(command, click.Group):
                remaining = [*getattr(ctx, "_protected_args", []), *ctx.args]
                if not remaining:
                    return
                sub_name, sub, sub_rest = command.resolve_command(ctx, remaining)
                resolve(sub, sub_name, sub_rest, ctx)

    with contextlib.suppress(click.exceptions.Exit):  # --help, --version
        resolve(main, "ipd", list(args), None)


def check_console_output(block: Block) -> int:
    """Run each ``$ ipd ...`` command of a block; its stdout must be the lines after it."""
    from click.testing import CliRunner

    from ipd.cli.main import main

    sessions: list[tuple[str, list[str]]] = []
    for line in block.code.splitlines():
        if line.startswith("$ "):
            sessions.append((line[2:], []))
        elif sessions:
            sessions[-1][1].append(line)
    for command, expected in sessions:
        args = shlex.split(command)
        assert args[0] == "ipd", f"{page_id(block.page)}:{block.line}: not an ipd command"
        result = CliRunner().invoke(main, args[1:])
        got = " ".join(result.stdout.split())
        want = " ".join(" ".join(expected).split())
        where = f"{page_id(block.page)}:{block.line}: {command}"
        if result.exit_code != 0 or got != want:
            pytest.fail(f"{where}\nexpected:\n{chr(10).join(expected)}\ngot:\n{result.output}")
    return len(sessions)


def run_page(path: Path, workdir: Path, text: str | None = None) -> dict[str, int]:
    """Run every block of a page; return how many blocks of each kind ran."""
    counts = {"python": 0, "pycon": 0, "shell": 0, "skipped": 0, "quoted": 0}
    namespace: dict = {"__name__": "ipd_docs_page"}
    for block in blocks(path, text):
        if block.from_file is not None:
            quoted = ROOT / block.from_file
            if not quoted.is_file() or block.code.strip() not in quoted.read_text():
                pytest.fail(f"{page_id(path)}:{block.line}: not the text of {block.from_file}")
            counts["quoted"] += 1
        elif block.skip_reason is not None:
            if not block.skip_reason:
                pytest.fail(f"{page_id(path)}:{block.line}: 'not run' needs a reason")
            counts["skipped"] += 1
        elif block.needs and importlib.util.find_spec(block.needs) is None:
            counts["skipped"] += 1
        elif block.language in RUN_LANGUAGES:
            run_python(block, namespace, workdir)
            counts["python"] += 1
        elif block.language in DOCTEST_LANGUAGES:
            run_pycon(block, namespace)
            counts["pycon"] += 1
        elif block.check_output:
            counts["shell"] += check_console_output(block)
        elif block.language in SHELL_LANGUAGES:
            for args in shell_commands(block.code):
                try:
                    parse_cli(args)
                except click.ClickException as exc:
                    where = f"{page_id(path)}:{block.line}"
                    pytest.fail(f"{where}: ipd {shlex.join(args)}: {exc.format_message()}")
                counts["shell"] += 1
    return counts


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A scratch folder that sees the repository's specs and strategy files, and a registry."""
    for name in ("tournaments", "strategies"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    with registry.scratch():
        yield tmp_path


@contextlib.contextmanager
def no_kernel_of_their_own():
    """Fail if the examples inside loaded a kernel the warmed ones do not cover.

    A kernel holding a strategy an example defines itself cannot be warmed
    beforehand, so it is allowed.
    """
    before = set(_assemble._loaded)
    yield
    # Loaded kernels are keyed by (steps, misperceive).
    compiled = [
        steps
        for steps, misperceive in _assemble._loaded
        if (steps, misperceive) not in before
        and all(s.__module__.startswith("ipd.") for s in steps)
    ]
    names = sorted({f"{s.__module__}.{s.__name__}" for key in compiled for s in key})
    assert not compiled, f"the examples compiled a kernel of their own; warm these: {names}"


@pytest.mark.parametrize("path", pages(), ids=page_id)
def test_page_examples_run(path, workdir):
    with no_kernel_of_their_own():
        run_page(path, workdir)


# --------------------------------------------------------------------------- docstrings


def modules() -> list[str]:
    return ["ipd", *(m.name for m in pkgutil.walk_packages(ipd.__path__, "ipd."))]


def doctests_of(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    found = doctest.DocTestFinder(exclude_empty=True).find(module, name)
    return [t for t in found if t.examples]


DOCTESTED = [m for m in modules() if doctests_of(m)]


@pytest.mark.parametrize("name", DOCTESTED)
def test_docstring_examples_run(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    with registry.scratch(), no_kernel_of_their_own():
        for test in doctests_of(name):
            runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_every_public_name_has_a_numpy_docstring_with_an_example():
    """The reference shows each of ``ipd.__all__`` (docs/reference/ipd.md lists them all)."""
    missing = []
    for name in ipd.__all__:
        if name == "__version__":
            continue
        doc = getattr(ipd, name).__doc__ or ""
        if not re.search(r"^\s*Examples\n\s*-{8}\n", doc, re.M) or ">>>" not in doc:
            missing.append(name)
    assert not missing, f"no numpy-style Examples section: {missing}"
    assert "{ipd-api}" in (DOCS / "reference" / "ipd.md").read_text()


def test_every_public_example_is_collected():
    """The examples of ``ipd.__all__`` are among the doctests run above."""
    run = {t.name for m in DOCTESTED for t in doctests_of(m)}
    for name in ipd.__all__:
        obj = getattr(ipd, name)
        if name != "__version__":
            assert f"{obj.__module__}.{obj.__qualname__}" in run, name


# --------------------------------------------------------------------------- the harness itself


def test_pages_have_examples_to_run(workdir):
    python = sum(1 for p in pages() for b in blocks(p) if b.language in RUN_LANGUAGES)
    shell = sum(1 for p in pages() for b in blocks(p) if b.language in SHELL_LANGUAGES)
    assert python >= 20 and shell >= 10


def test_a_failing_python_example_fails(workdir):
    page = "# Page\n\n```python\nimport ipd\nassert ipd.Game().R == 4\n```\n"
    with pytest.raises(AssertionError):
        run_page(workdir / "page.md", workdir, page)


def test_a_wrong_printed_output_fails(workdir):
    page = "```pycon\n>>> import ipd\n>>> ipd.Game().R\n4.0\n```\n"
    with pytest.raises(pytest.fail.Exception, match="Expected"):
        run_page(workdir / "page.md", workdir, page)


@pytest.mark.parametrize(
    "command",
    [
        "ipd tournament -s tft --turnz 5",
        "ipd tournament -s tft --turns many",
        "ipd sweep run --w-range 0.5:0.9 --no-such-thing",
        "ipd no-such-command",
    ],
)
def test_a_broken_command_example_fails(workdir, command):
    page = f"```console\n$ {command}\n```\n"
    with pytest.raises(pytest.fail.Exception, match="ipd "):
        run_page(workdir / "page.md", workdir, page)


def test_commands_are_parsed_not_run(workdir):
    page = (
        "```bash\n# a comment\nipd tournament -s tft -s alld --turns 5 \\\n"
        "    --repetitions 2 --out results.json && ipd principles results.json --json\n"
        "ipd --version; ipd sweep plot sweeps/x --out x.png > log.txt\n```\n"
    )
    assert run_page(workdir / "page.md", workdir, page)["shell"] == 4
    assert not os.path.exists("results.json")


def test_not_run_blocks_are_skipped_and_need_a_reason(workdir):
    page = "<!-- not run: needs a cluster -->\n```python\nraise SystemExit(1)\n```\n"
    assert run_page(workdir / "page.md", workdir, page)["skipped"] == 1
    with pytest.raises(pytest.fail.Exception, match="needs a reason"):
        run_page(workdir / "page.md", workdir, page.replace("needs a cluster", ""))


def test_checked_console_output_must_match(workdir):
    good = "$ ipd match tft alld --turns 3\ntft   CDD  2\nalld  DDD  7\n"
    good += "3 turns, payoffs R=3, S=0, T=5, P=1, noise 0, seed 0\n"
    page = f"<!-- check output -->\n```console\n{good}```\n"
    assert run_page(workdir / "page.md", workdir, page)["shell"] == 1
    with pytest.raises(pytest.fail.Exception, match="expected"):
        run_page(workdir / "page.md", workdir, page.replace("CDD  2", "CCD  2"))


def test_quoted_blocks_must_be_in_their_file(workdir):
    toml = 'family = "fsm"\ninitial_state = 0\n'
    good = f"<!-- from: strategies/cautious.toml -->\n```toml\n{toml}```\n"
    assert run_page(workdir / "page.md", workdir, good)["quoted"] == 1
    with pytest.raises(pytest.fail.Exception, match="not the text of"):
        run_page(workdir / "page.md", workdir, good.replace('"fsm"', '"memory_one"'))
    with pytest.raises(pytest.fail.Exception, match="not the text of"):
        run_page(workdir / "page.md", workdir, good.replace("cautious", "no_such_file"))


def test_needs_runs_a_block_only_with_its_module(workdir):
    page = "<!-- needs: {} -->\n```python\nassert False\n```\n"
    assert run_page(workdir / "page.md", workdir, page.format("no_such_module_x"))["skipped"] == 1
    with pytest.raises(AssertionError):
        run_page(workdir / "page.md", workdir, page.format("json"))


def test_pycon_blocks_share_the_page_namespace(workdir):
    page = "```python\nx = 2\n```\n\n```pycon\n>>> x * 21\n42\n```\n"
    assert run_page(workdir / "page.md", workdir, page)["pycon"] == 1


# --------------------------------------------------------------------------- generated pages


@pytest.fixture
def docs_ext(monkeypatch, tmp_path):
    """The docs' Sphinx extension, writing into a scratch docs folder."""
    pytest.importorskip("sphinx")
    spec = importlib.util.spec_from_file_location("ipd_docs_ext", DOCS / "_ext" / "ipd_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "DOCS", tmp_path)
    monkeypatch.setattr(module, "GENERATED", tmp_path / "_generated")
    monkeypatch.setattr(module, "MODULES_DIR", tmp_path / "reference" / "modules")
    return module


def test_catalogue_is_the_generators_page_when_there_is_one(docs_ext, tmp_path):
    (tmp_path / "make_strategies.py").write_text(
        "from pathlib import Path\n"
        "page = '# All\\n\\n| id |\\n|---|\\n| tft |\\n'\n"
        "Path(__file__).with_name('strategies.md').write_text(page)\n"
    )
    docs_ext.write_catalogue()
    body = (tmp_path / "_generated" / "strategies.md").read_text()
    assert "| tft |" in body and "# All" not in body


def test_catalogue_from_the_registry_lists_every_strategy(docs_ext, tmp_path):
    docs_ext.write_catalogue()
    body = (tmp_path / "_generated" / "strategies.md").read_text()
    strategies = ipd.strategies.all_strategies()
    assert body.startswith(f"{len(strategies)} strategies")
    for info in strategies:
        assert f"| `{info.id}` | {info.name} |" in body
    assert "| `tideman_chieruzzi` |" in body and "| 1 | — |" in body  # tft: memory 1, no flags
    lines = [line for line in body.splitlines() if line.startswith("| `")]
    assert len(lines) == len(strategies) and all(line.count(" | ") == 5 for line in lines)


def test_module_pages_cover_every_public_module(docs_ext, tmp_path):
    docs_ext.write_module_pages()
    pages = tmp_path / "reference" / "modules"
    text = "".join(p.read_text() for p in pages.glob("*.md"))
    public = [m for m in modules() if not any(p.startswith("_") for p in m.split("."))]
    for name in public:
        if name != "ipd" and not name.startswith("ipd.cli"):
            assert f".. automodule:: {name}\n" in text, name
    core = (pages / "ipd.core.md").read_text()
    assert ":exclude-members: Results" in core and "{py:class}`ipd.Results`" in core


@pytest.mark.parametrize(
    ("target", "module", "cls", "meant"),
    [
        ("ipd.core.results.Results.ecology", None, None, "ipd.Results.ecology"),
        ("Game", "ipd", "Settings", "ipd.Game"),  # as ipd.core.settings sees it
        ("ipd.strategies.families.MemoryOne", None, None, "ipd.MemoryOne"),  # re-exported
        ("IpdError", "ipd.analysis.exact.pairs", None, "ipd.IpdError"),  # imported there
        (
            "measure",
            "ipd.analysis.principles.verdicts",
            None,
            "ipd.analysis.principles.measures.measure",
        ),
        ("STEP_CONTRACT", "ipd", None, "ipd.strategies.registry"),  # undocumented: its module
        (  # a dataclass field: its class
            "ipd.analysis.principles.WhatIfReport.cases",
            None,
            None,
            "ipd.analysis.principles.whatif.WhatIfReport",
        ),
    ],
)
def test_references_resolve_to_where_objects_are_documented(docs_ext, target, module, cls, meant):
    documented = {meant, "ipd.analysis.principles.definitions.Principle.measure"}
    found = [n for n in docs_ext._candidates(target, module, cls, documented) if n in documented]
    assert found[0] == meant


@pytest.mark.parametrize(
    ("target", "module", "meant"),
    [
        ("grid", "ipd.report.lesson.interactive", "ipd.report.lesson.grid"),  # a sibling
        ("moran", "ipd.analysis.populations", "ipd.analysis.populations.moran"),  # in a package
        (
            "payoffs.Matches",
            "ipd.analysis.populations.moran",
            "ipd.analysis.populations.payoffs.Matches",
        ),
    ],
)
def test_relative_references_read_as_relative_imports(docs_ext, target, module, meant):
    assert docs_ext._relative_target(target, module) == meant
