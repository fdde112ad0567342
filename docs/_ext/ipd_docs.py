"""Sphinx extension of the ipd docs: reference pages generated from the package itself.

At ``config-inited`` it writes, under ``docs/`` (git-ignored, rewritten only when
their text changes):

* ``reference/modules/``: one page per layer of ``ipd`` (``ipd.core``, ``ipd.engine``,
  ...) with a section per public module (found by walking the package, so a new
  module appears on the next build), each an ``automodule`` of its own members;
  names that ``ipd.__all__`` exports are documented once, at the top level, and
  linked from their module;
* ``_generated/strategies.md``: the strategy catalogue. If
  ``docs/make_strategies.py`` exists it is run first (it writes
  ``docs/strategies.md``); that page is used when present, otherwise one
  table made from the registry.

Directives (MyST: ```` ```{ipd-settings} ````):

* ``ipd-api``: an autodoc entry for every name of ``ipd.__all__``;
* ``ipd-settings``: every tournament setting (:func:`ipd.core.settings.options`);
* ``ipd-spec-schema``: every key of a tournament spec (:func:`ipd.core.spec.schema`);
* ``ipd-families``: the data families user TOML files can use, with their keys;
* ``ipd-transformers``: the strategy transformers (``tft|noisy:p=0.05``).

It also teaches autodoc to document numba-compiled functions (the step helpers
in :mod:`ipd.engine.random`) from their Python source, and resolves the
cross-references docstrings write from where they stand (``Game``,
``ipd.core.results.Results``, ``ipd.strategies.families.MemoryOne``) to where the
docs document them.
"""

from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.ext.autodoc import FunctionDocumenter
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

DOCS = Path(__file__).resolve().parent.parent
MODULES_DIR = DOCS / "reference" / "modules"
GENERATED = DOCS / "_generated"
SKIPPED_PACKAGES = ("ipd.cli",)
"""Documented by sphinx-click from the click commands, not as Python modules."""


# --------------------------------------------------------------------------- helpers


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it (keeps Sphinx's rebuilds incremental)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def top_level() -> dict[str, str]:
    """``{"ipd.core.results.Results": "ipd.Results", ...}`` for every name in ``ipd.__all__``."""
    import ipd

    out = {}
    for name in ipd.__all__:
        obj = getattr(ipd, name)
        module = getattr(obj, "__module__", None)
        if module and hasattr(obj, "__qualname__"):
            out[f"{module}.{obj.__qualname__}"] = f"ipd.{name}"
    return out


def public_modules() -> list[str]:
    """Every public module of ``ipd`` (no part of its dotted name starting with ``_``)."""
    import ipd

    names = ["ipd"]
    for info in pkgutil.walk_packages(ipd.__path__, "ipd."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts):
            continue
        if info.name.startswith(SKIPPED_PACKAGES):
            continue
        names.append(info.name)
    return sorted(names)


def role_of(obj) -> str:
    return "class" if inspect.isclass(obj) else "func"


# --------------------------------------------------------------------------- module pages


def module_section(name: str, exported: dict[str, str], level: int) -> list[str]:
    """One module: a heading, its docstring and its own documented members."""
    module = importlib.import_module(name)
    here = {
        attr: exported[f"{name}.{attr}"]
        for attr, obj in vars(module).items()
        if f"{name}.{attr}" in exported and getattr(obj, "__module__", None) == name
    }
    lines = ["#" * level + f" `{name}`", "", "```{eval-rst}", f".. automodule:: {name}"]
    lines += ["   :members:", "   :ignore-module-all:"]
    if here:
        lines.append("   :exclude-members: " + ", ".join(here))
    lines += ["```", ""]
    if here:
        links = ", ".join(
            f"{{py:{role_of(getattr(module, attr))}}}`{top}`" for attr, top in here.items()
        )
        lines += [f"Defined here and documented with the top-level names: {links}.", ""]
    return lines


def layer_page(layer: str, modules: list[str], exported: dict[str, str]) -> str:
    """The page of one layer (``ipd.core``, ...): every module in it, one section each."""
    lines = [f"# `{layer}`", ""]
    for i, name in enumerate(modules):
        lines += module_section(name, exported, 1 if i == 0 else 2)[2 if i == 0 else 0 :]
    return "\n".join(lines)


def layers() -> dict[str, list[str]]:
    """Public modules grouped by layer (``ipd.core``, ``ipd.engine``, ...), package first."""
    out: dict[str, list[str]] = {}
    for name in public_modules():
        if name == "ipd":
            continue
        out.setdefault(".".join(name.split(".")[:2]), []).append(name)
    return out


def modules_index(groups: dict[str, list[str]]) -> str:
    lines = [
        "# Modules",
        "",
        "Every public module of the package, from its docstrings, one page per layer",
        "(generated at build time by walking the package, so a new module appears here by",
        "itself). The names of `ipd.__all__` are documented in",
        "[the `ipd` namespace](../ipd.md) and linked from the module that defines them.",
        "",
        "| module | what it does |",
        "|---|---|",
    ]
    for layer, names in groups.items():
        for name in names:
            doc = inspect.getdoc(importlib.import_module(name)) or ""
            summary = doc.strip().splitlines()[0] if doc.strip() else ""
            anchor = "" if name == layer else "#" + name.replace(".", "")
            lines.append(f"| [`{name}`]({layer}.md{anchor}) | {cell(summary)} |")
    lines += ["", "```{toctree}", ":hidden:", ":maxdepth: 1", "", *groups, "```", ""]
    return "\n".join(lines)


def write_module_pages() -> None:
    exported = top_level()
    groups = layers()
    wanted = {f"{layer}.md" for layer in groups} | {"index.md"}
    MODULES_DIR.mkdir(parents=True, exist_ok=True)
    for old in MODULES_DIR.glob("*.md"):
        if old.name not in wanted:
            old.unlink()
    for layer, names in groups.items():
        write_if_changed(MODULES_DIR / f"{layer}.md", layer_page(layer, names, exported))
    write_if_changed(MODULES_DIR / "index.md", modules_index(groups))


# --------------------------------------------------------------------------- strategy catalogue


def catalogue_from_registry() -> str:
    """The registered strategies as one table (used when there is no ``make_strategies.py``)."""
    from ipd.strategies import all_strategies

    strategies = all_strategies()
    lines = [
        f"{len(strategies)} strategies, in registration order. *memory*: the declared memory",
        "depth (∞: unbounded); *SLP*: **S** stochastic, **L** uses the match length, **P**",
        "uses the payoffs.",
        "",
        "| id | name | what it does | memory | SLP | source |",
        "|---|---|---|---|---|---|",
    ]
    for info in strategies:
        memory = "∞" if info.memory_depth is None else str(info.memory_depth)
        flags = [("S", info.stochastic), ("L", info.uses_length), ("P", info.uses_payoffs)]
        cells = [
            f"`{info.id}`",
            info.name,
            info.description,
            memory,
            "".join(letter for letter, on in flags if on) or "—",
            info.source,
        ]
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def write_catalogue() -> None:
    generator = DOCS / "make_strategies.py"
    if generator.is_file():
        subprocess.run([sys.executable, str(generator)], cwd=DOCS.parent, check=True)
    page = DOCS / "strategies.md"
    if page.is_file():
        text = page.read_text()
        # Drop the page's own title: reference/strategies.md gives one.
        body = text.split("\n", 1)[1] if text.startswith("# ") else text
    else:
        body = catalogue_from_registry()
    write_if_changed(GENERATED / "strategies.md", body)


def generate(app, config) -> None:
    write_module_pages()
    write_catalogue()


# --------------------------------------------------------------------------- directives


class MystDirective(SphinxDirective):
    """A directive that writes MyST text and parses it in place."""

    has_content = False

    def markdown(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        source = self.get_source_info()[0]
        self.state.nested_parse(StringList(self.markdown(), source=source), 0, container)
        return container.children


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


class ApiDirective(MystDirective):
    """An autodoc entry for every name in ``ipd.__all__``, in its order."""

    def markdown(self) -> list[str]:
        import ipd

        lines: list[str] = []
        for name in ipd.__all__:
            obj = getattr(ipd, name)
            if name == "__version__":
                lines += [
                    "```{py:data} ipd.__version__",
                    ":type: str",
                    "",
                    "The package version (also `ipd --version`); results record it in their",
                    "`config` as `ipd_version`. Example: `ipd.__version__` is",
                    f"`{ipd.__version__!r}` in this build.",
                    "```",
                    "",
                ]
            elif inspect.isclass(obj):
                lines += ["```{eval-rst}", f".. autoclass:: ipd.{name}", "   :members:", "```"]
            else:
                lines += ["```{eval-rst}", f".. autofunction:: ipd.{name}", "```", ""]
        return lines


def _type_names(types) -> str:
    names = {"int": "integer", "float": "float", "str": "string", "bool": "boolean"}
    names |= {"list": "array", "dict": "table"}
    return " or ".join(names.get(t.__name__, t.__name__) for t in types)


def _default(value) -> str:
    from ipd.core.game import Game

    if value is None:
        return "—"
    if isinstance(value, Game):
        return f"`{','.join(f'{v:g}' for v in value.payoffs)}`"
    return f"`{value!r}`"


class SettingsDirective(MystDirective):
    """Every setting of :class:`ipd.core.settings.Settings`: CLI flag, TOML key, default."""

    def markdown(self) -> list[str]:
        from ipd.core import settings as S

        defaults = S.defaults()
        lines = [
            "| setting (Python and TOML) | command line | TOML type | default | meaning |",
            "|---|---|---|---|---|",
        ]
        for name, option in S.options().items():
            flag = " / ".join(f"`{f}`" for f in option.flag.split("/"))
            toml = _type_names(option.toml) if option.toml else "— (not in specs)"
            meaning = option.help
            if option.choices:
                meaning = f"one of {', '.join(repr(c) for c in option.choices)} {meaning}"
            lines.append(
                f"| `{name}` | {flag} | {toml} | {_default(defaults[name])} | {cell(meaning)} |"
            )
        return lines


class SchemaDirective(MystDirective):
    """Every key a tournament spec may hold (:func:`ipd.core.spec.schema`)."""

    def markdown(self) -> list[str]:
        from ipd.core import settings as S
        from ipd.core.spec import LINEUP_KEYS, schema

        defaults = S.defaults()
        lines = ["| key | TOML type | default | meaning |", "|---|---|---|---|"]
        for key, (types, meaning) in schema().items():
            default = "—" if key in LINEUP_KEYS else _default(defaults[key])
            lines.append(f"| `{key}` | {_type_names(types)} | {default} | {cell(meaning)} |")
        return lines


class FamiliesDirective(MystDirective):
    """The data families a user TOML file can name, with their own keys."""

    def markdown(self) -> list[str]:
        from ipd.strategies.families.base import FAMILIES

        lines = ["| `family =` | class | its keys | what it is |", "|---|---|---|---|"]
        for name, cls in FAMILIES.items():
            doc = (inspect.getdoc(cls) or "").splitlines()
            keys = ", ".join(f"`{k}`" for k in sorted(cls.TOML_KEYS))
            path = f"{cls.__module__}.{cls.__qualname__}"
            exported = top_level().get(path, path)
            lines.append(
                f"| `{name}` | {{py:class}}`~{exported}` | {keys} | {cell(doc[0] if doc else '')} |"
            )
        return lines


def _bounds(param) -> str:
    low, high = param.low, param.high
    if low == -math.inf and high == math.inf:
        return f"`{param.name}={param.default:g}`"
    return f"`{param.name}={param.default:g}` ({low:g} to {high:g})"


class TransformersDirective(MystDirective):
    """Every strategy transformer (``ID|NAME:K=V``), with its parameters and source."""

    def markdown(self) -> list[str]:
        from ipd.strategies.transformers import all_transformers

        lines = ["| `\\|NAME` | parameters (default, range) | what it does | source |"]
        lines.append("|---|---|---|---|")
        for t in all_transformers():
            params = ", ".join(_bounds(p) for p in t.params) or "—"
            cells = [f"`{t.name}`", params, cell(t.description), cell(t.source)]
            lines.append("| " + " | ".join(cells) + " |")
        return lines


# --------------------------------------------------------------------------- numba functions


class CompiledFunctionDocumenter(FunctionDocumenter):
    """Document a numba ``@njit`` function like the Python function it compiles."""

    objtype = "compiledfunction"
    directivetype = "function"
    priority = FunctionDocumenter.priority + 1

    @classmethod
    def can_document_member(cls, member, membername, isattr, parent) -> bool:
        return hasattr(member, "py_func") and inspect.isfunction(member.py_func)

    def format_args(self, **kwargs) -> str:
        signature = inspect.signature(self.object.py_func)
        return str(signature.replace(return_annotation=inspect.Signature.empty))

    def get_doc(self):
        doc = inspect.getdoc(self.object.py_func) or ""
        return [[*doc.splitlines(), ""]] if doc else []


# --------------------------------------------------------------------------- cross-references


_MISSING = object()


def _locate(name: str):
    """The Python object a dotted name of ``ipd`` denotes, or None.

    Modules are imported by their full name first (``pydoc.locate`` would take
    the function ``ipd.analysis.principles.report`` for the module of that name).
    """
    if not name.startswith("ipd"):
        return None
    parts = name.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for attr in parts[k:]:
            obj = getattr(obj, attr, _MISSING)
            if obj is _MISSING:
                return None
        return obj
    return None


def _canonical(obj) -> str | None:
    module, qualname = getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)
    return f"{module}.{qualname}" if module and qualname else None


def _candidates(
    target: str, module: str | None, cls: str | None, objects, parent: bool = True
) -> list[str]:
    """Documented names a cross-reference may mean, most likely first.

    A reference written in a docstring names an object where it is defined
    (``ipd.core.results.Results``), where it is re-exported
    (``ipd.strategies.families.MemoryOne``) or as the docstring's module sees it
    (``Game``, ``IpdError``); each is mapped to where the docs document it.
    """
    exported = top_level()
    aliases = sorted(exported.items(), key=lambda kv: -len(kv[0]))

    def alias(name: str) -> list[str]:
        out = [name]
        for canonical, top in aliases:
            if name == canonical or name.startswith(canonical + "."):
                out.insert(0, top + name[len(canonical) :])
        return out

    def via_python(name: str) -> list[str]:
        obj = _locate(name)
        canonical = _canonical(obj) if obj is not None else None
        return alias(canonical) if canonical else []

    contexts = []
    if module == "ipd" and cls:
        real = _canonical(getattr(importlib.import_module("ipd"), cls.split(".")[0], None))
        if real:
            contexts.append(real.rsplit(".", 1)[0])
    elif module == "ipd":  # a top-level function: any of the modules ipd exports from
        contexts += sorted({name.rsplit(".", 1)[0] for name in exported})
    elif module:
        contexts.append(module)
    out = alias(target) + via_python(target)
    for context in contexts:
        out += alias(f"{context}.{target}") + via_python(f"{context}.{target}")
    suffix = [name for name in objects if name.endswith("." + target)]
    if len(suffix) == 1:
        out += suffix
    # An undocumented constant (no doc comment) is linked to its module's section.
    for name in [target, *(f"{context}.{target}" for context in contexts)]:
        if _locate(name) is not None and "." in name:
            out.append(name.rsplit(".", 1)[0])
    # A dataclass field (no class attribute to document) is linked to its class.
    if parent and "." in target:
        out += _candidates(target.rsplit(".", 1)[0], module, cls, objects, parent=False)
    return out


def resolve_missing(app, env, node, contnode):
    """Resolve a Python reference Sphinx could not, through :func:`_candidates`."""
    if node.get("refdomain") != "py":
        return None
    from sphinx.util.nodes import make_refnode

    objects = env.get_domain("py").objects
    found = _candidates(node["reftarget"], node.get("py:module"), node.get("py:class"), objects)
    for name in found:
        if name in objects:
            entry = objects[name]
            return make_refnode(
                app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name
            )
    return None


def _relative_target(target: str, module: str | None) -> str | None:
    """``grid`` written as ``:mod:`.grid``` in ``ipd.report.lesson.interactive``, read as
    a relative import would read it: ``ipd.report.lesson.grid``."""
    if not module:
        return None
    try:
        is_package = hasattr(importlib.import_module(module), "__path__")
    except ImportError:
        return None
    package = module if is_package else module.rpartition(".")[0]
    return f"{package}.{target}" if package else None


class RelativeReferences(SphinxPostTransform):
    """Resolve ``:mod:`.grid``` the way a relative import would, before Sphinx's own
    search (which takes every ``*.grid`` and warns that the target is ambiguous)."""

    default_priority = 5  # before sphinx.transforms.post_transforms.ReferencesResolver (10)

    def run(self, **kwargs) -> None:
        objects = self.env.get_domain("py").objects
        for node in self.document.findall(addnodes.pending_xref):
            # Sphinx strips the leading dot of ``.name`` and marks the node refspecific.
            if node.get("refdomain") != "py" or not node.get("refspecific"):
                continue
            meant = _relative_target(node["reftarget"], node.get("py:module"))
            if meant and meant in objects:
                node["reftarget"] = meant
                node["refspecific"] = False


def _numpydoc_template_once() -> None:
    """Compile numpydoc's Jinja template once, not once per docstring (half the build time).

    numpydoc builds a new Jinja environment for every docstring it renders; this
    keeps one per builder. Left alone if numpydoc's internals are not as expected.
    """
    from numpydoc import docscrape_sphinx as ds
    from numpydoc import numpydoc as nd

    needed = ("get_doc_object_orig", "SphinxClassDoc", "SphinxFunctionDoc", "SphinxObjDoc")
    if not all(hasattr(ds, n) for n in needed) or not hasattr(nd, "get_doc_object"):
        return
    templates: dict[int, object] = {}

    def get_doc_object(obj, what=None, doc=None, config=None, builder=None):
        config = {} if config is None else config
        if id(builder) not in templates:
            dirs = [str(Path(ds.__file__).parent / "templates")]
            if builder is not None:
                loader = ds.BuiltinTemplateLoader()
                loader.init(builder, dirs=dirs)
            else:
                loader = ds.FileSystemLoader(dirs)
            env = ds.SandboxedEnvironment(loader=loader)
            templates[id(builder)] = env.get_template("numpydoc_docstring.rst")
        config["template"] = templates[id(builder)]
        return ds.get_doc_object_orig(
            obj,
            what=what,
            doc=doc,
            config=config,
            class_doc=ds.SphinxClassDoc,
            func_doc=ds.SphinxFunctionDoc,
            obj_doc=ds.SphinxObjDoc,
        )

    nd.get_doc_object = get_doc_object


def setup(app):
    _numpydoc_template_once()
    app.connect("config-inited", generate)
    app.connect("missing-reference", resolve_missing)
    app.add_post_transform(RelativeReferences)
    app.add_autodocumenter(CompiledFunctionDocumenter)
    app.add_directive("ipd-api", ApiDirective)
    app.add_directive("ipd-settings", SettingsDirective)
    app.add_directive("ipd-spec-schema", SchemaDirective)
    app.add_directive("ipd-families", FamiliesDirective)
    app.add_directive("ipd-transformers", TransformersDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
