"""Generate, cache and load the compiled kernel module of a set of step functions.

numba freezes the functions a kernel calls into its compiled code, and its
on-disk cache notices only edits to the kernel's own file. So each set of
step functions (a tournament's lineup, canonically ordered) gets a generated
module of its own, named by a hash of everything it is built from (the
template, the engine modules it imports, each step function's source file as
imported, the versions of ipd and numba): its compiled code is reused exactly
when nothing changed, and a lineup compiles only the steps that play in it.

The module is generated from ``_kernel_template.py`` by an AST rewrite: each
statement ``x = step_dispatch(kind, *args)`` becomes an if/elif chain of direct
calls ``_step_k(*args)``, one per step of the set, inlined into the turn loop
or compiled out of line as :mod:`ipd.engine._steps` decides. A lineup that
plays misperception gets a variant of its own, with the template's
``MISPERCEIVE = False`` written ``True`` (a constant the compiler folds), so
kernels that do not need the perception branches do not carry them.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import inspect
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from ipd._version import __version__
from ipd.engine import _steps
from ipd.engine.constants import KEEP_KERNELS

_TEMPLATE = Path(__file__).with_name("_kernel_template.py")
_PLACEHOLDER = "ipd.engine._dispatch_placeholder"
_DISPATCH = "step_dispatch"
_PREFIX = "ipd_kernel_"
"""Generated kernel modules are named this and their key."""
_ENTRY = "play_block"
"""The one kernel of a generated module that the engine calls."""

_FLAG = "MISPERCEIVE"
"""The template's compile-time switch of the misperception branches."""

HELPERS = ("constants.py", "layout.py", "random.py", "_match_parts.py")
"""The engine modules whose code compiled code may inline: their text goes into its keys."""

_loaded: dict[tuple, ModuleType] = {}
"""Kernel modules loaded in this process, by (canonical step tuple, misperceives)."""
_SOURCES: dict[str, bytes] = {}
"""Each source file a kernel depends on, as first read (at import, see :func:`remember_source`)."""


def cache_dir() -> Path:
    """Where generated kernels and their compiled code are kept.

    ``IPD_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/ipd`` or ``~/.cache/ipd``;
    a per-user folder in the temporary directory when those are not writable.
    """
    configured = os.environ.get("IPD_CACHE_DIR")
    if configured:
        candidates = [Path(configured)]
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        candidates = [Path(base) / "ipd"]
    candidates.append(Path(tempfile.gettempdir()) / f"ipd-cache-{os.getuid()}")
    for path in candidates:
        try:
            path.mkdir(parents=True, exist_ok=True)
            probe = path / f".probe-{os.getpid()}"
            probe.write_text("")
            probe.unlink()
            return path
        except OSError:
            continue
    raise OSError("no writable folder for ipd's compiled kernels; set IPD_CACHE_DIR")


def remember_source(func) -> None:
    """Fingerprint the files of ``func``'s code now, while it is being imported.

    The kernel's cache key must describe the code this process compiles; a
    file edited after import must not lend its new text to the old code's
    cache entry.
    """
    for path in step_sources(func):
        _source_digest(path)


def step_sources(func) -> tuple[str, ...]:
    """The files a step's compiled code comes from: the one defining it, then those of the
    compiled functions and ipd modules its module uses (shared helpers such as
    ``builtin/_moves.py``, inlined into the step), so that editing a helper changes the key
    of every kernel and out-of-line step that compiled it in."""
    func = getattr(func, "py_func", func)
    own = inspect.getsourcefile(func) or ""
    found = dict.fromkeys([own])
    for value in getattr(func, "__globals__", {}).values():
        if hasattr(value, "py_func"):
            # What inspect.getsourcefile gives for a function, without its checks: this runs
            # for every global of the module of every step registered (hundreds each).
            path = getattr(getattr(value.py_func, "__code__", None), "co_filename", None)
        elif isinstance(value, ModuleType) and value.__name__.startswith("ipd."):
            path = getattr(value, "__file__", None)
        else:
            continue
        if path:
            found.setdefault(path)
    return tuple(found)


def _source_digest(path: str) -> bytes:
    text = source_text(path)
    return b"" if text is None else hashlib.sha256(text).digest()


def source_text(path: str) -> bytes | None:
    """The text of a source file as this process first read it (None if there is none)."""
    if path not in _SOURCES and os.path.isfile(path):
        _SOURCES[path] = Path(path).read_bytes()
    return _SOURCES.get(path)


def step_reference(step) -> tuple[str, str]:
    """(module name, function name) of a step function: how a kernel imports it."""
    func = getattr(step, "py_func", step)
    return func.__module__, func.__name__


def canonical(steps: Iterable) -> tuple:
    """The steps without repeats, in a fixed order (by module and name)."""
    return tuple(sorted(dict.fromkeys(steps), key=step_reference))


# --------------------------------------------------------------------------- generation


class _ExpandDispatch(ast.NodeTransformer):
    """``x = step_dispatch(kind, *args)`` -> ``if kind == 0: x = ... elif ...: else: x = 0``;
    the module-level ``MISPERCEIVE = False`` becomes ``True`` in a misperceiving kernel."""

    def __init__(self, n_steps: int, misperceive: bool = False) -> None:
        self.n_steps = n_steps
        self.misperceive = misperceive
        self.expanded = 0
        self.flagged = 0

    def visit_ImportFrom(self, node: ast.ImportFrom):
        return None if node.module == _PLACEHOLDER else node

    def visit_Assign(self, node: ast.Assign):
        if (
            len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == _FLAG
        ):
            self.flagged += 1
            node.value = ast.Constant(bool(self.misperceive))
            return node
        call = node.value
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == _DISPATCH
        ):
            return node
        if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name) or call.keywords:
            raise RuntimeError("step_dispatch must be called as `name = step_dispatch(kind, ...)`")
        self.expanded += 1
        target = node.targets[0].id
        kind, *args = call.args
        chain: list[ast.stmt] = [_assign(target, ast.Constant(0))]
        for k in reversed(range(self.n_steps)):
            chosen = ast.IfExp(
                test=ast.Call(func=ast.Name(f"_step_{k}", ast.Load()), args=args, keywords=[]),
                body=ast.Constant(1),
                orelse=ast.Constant(0),
            )
            test = ast.Compare(left=kind, ops=[ast.Eq()], comparators=[ast.Constant(k)])
            chain = [ast.If(test=test, body=[_assign(target, chosen)], orelse=chain)]
        return chain


def _assign(name: str, value: ast.expr) -> ast.Assign:
    return ast.Assign(targets=[ast.Name(name, ast.Store())], value=value)


def source(steps: tuple, misperceive: bool = False) -> tuple[str, str]:
    """The generated module's text for these (canonically ordered) steps, and its key;
    ``misperceive`` compiles the misperception branches in."""
    refs = [step_reference(s) for s in steps]
    template = _TEMPLATE.read_text()
    tree = ast.parse(template)
    expander = _ExpandDispatch(len(refs), misperceive)
    tree = ast.fix_missing_locations(expander.visit(tree))
    if expander.expanded == 0:  # pragma: no cover - guards the template's one hook
        raise RuntimeError("kernel template has no step_dispatch statement")
    if expander.flagged != 1:  # pragma: no cover - guards the template's switch
        raise RuntimeError(f"kernel template must set {_FLAG} once")
    imports = ["import importlib", "from ipd.engine._steps import out_of_line"]
    for k, ((module, name), inline) in enumerate(zip(refs, _steps.inlined(steps), strict=True)):
        found = f"getattr(importlib.import_module({module!r}), {name!r})"
        imports.append(f"_step_{k} = {found if inline else f'out_of_line({found})'}")
    steps_line = f"STEPS = {tuple(refs)!r}"
    text = "\n".join(
        [
            f"# Generated by ipd {__version__} from ipd/engine/_kernel_template.py. Do not edit.",
            *imports,
            steps_line,
            ast.unparse(tree),
            "",
        ]
    )
    digest = hashlib.sha256()
    import numba

    for part in (__version__, numba.__version__, text):
        digest.update(part.encode())
    engine_dir = Path(__file__).parent
    for helper in (*HELPERS, "_steps.py"):
        digest.update(_source_digest(str(engine_dir / helper)))
    for step in steps:
        while step is not None:  # a transformed step: its own source and every wrapped one's
            for path in step_sources(step):
                digest.update(_source_digest(path))
            step = getattr(step, "ipd_wraps", None)
    return text, digest.hexdigest()[:20]


# --------------------------------------------------------------------------- the cache


def is_compiled(module: ModuleType, entry: str = _ENTRY) -> bool:
    """Whether the module's kernel ``entry`` has compiled code in the on-disk cache."""
    stem = Path(module.__file__).stem
    pycache = Path(module.__file__).parent / "__pycache__"
    return any(pycache.glob(f"{stem}.{entry}-*.nbi"))


def _prune(folder: Path, keep: Path, prefix: str = _PREFIX, count: int = KEEP_KERNELS) -> None:
    """Delete all but the ``count`` most recently used generated files named ``prefix*.py``
    (and their compiled code), never ``keep``.

    Every lineup, and every edit of a strategy file, makes a new kernel;
    without pruning the cache would grow for ever. A file's use is recorded
    by a marker beside it (``.used``), else by the file itself.
    """

    def last_used(path: Path) -> float:
        marker = path.with_suffix(".used")
        return (marker if marker.exists() else path).stat().st_mtime

    generated = sorted(folder.glob(f"{prefix}*.py"), key=last_used, reverse=True)
    for old in generated[count:]:
        if old == keep:
            continue
        markers = [old.with_suffix(s) for s in (".used", _steps.LEAN, _steps.COUNTED)]
        for path in [old, *markers, *folder.glob(f"__pycache__/{old.stem}.*")]:
            path.unlink(missing_ok=True)


def publish(path: Path, text: str | bytes, prefix: str, count: int) -> None:
    """Write a generated file into the cache folder unless it holds that text already; then
    prune the folder's older files of its kind (see :func:`_prune`)."""
    data = text.encode() if isinstance(text, str) else text
    if path.exists() and path.read_bytes() == data:
        return
    # Write then rename, so a concurrent process never imports half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    _prune(path.parent, keep=path, prefix=prefix, count=count)


def load(path: Path) -> ModuleType:
    """Import a generated module from the cache folder (under its file's stem)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def loaded_covering(steps: Iterable, misperceive: bool = False) -> ModuleType | None:
    """The smallest kernel loaded in this process that can play all of ``steps`` (and
    misperception, if asked)."""
    wanted = set(steps)
    best = None
    for key, flag in _loaded:
        if flag == misperceive and wanted <= set(key) and (best is None or len(key) < len(best)):
            best = key
    return None if best is None else _loaded[(best, misperceive)]


def kernels(steps: Iterable, misperceive: bool = False) -> ModuleType:
    """The kernel module for a set of step functions; its ``STEPS`` fixes the kinds.

    A kernel already loaded in this process that covers the steps is reused
    (a kernel plays any subset of its steps exactly as a kernel of that subset
    would); otherwise the module of exactly these steps is generated (or found
    in the cache folder) and imported. ``misperceive`` asks for the variant
    that plays misperception (it plays everything else exactly as the other).
    """
    steps = canonical(steps)
    misperceive = bool(misperceive)
    module = loaded_covering(steps, misperceive)
    if module is not None:
        return module
    text, key = source(steps, misperceive)
    path = cache_dir() / f"{_PREFIX}{key}.py"
    publish(path, text, _PREFIX, KEEP_KERNELS)
    # Record the use beside the file: touching the file itself would make numba
    # think its source changed and discard the compiled code.
    path.with_suffix(".used").touch()
    module = load(path)
    module.STEP_FUNCTIONS = steps
    _loaded[(steps, misperceive)] = module
    return module
