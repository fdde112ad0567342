"""Output files: checked before a run starts, written atomically after it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ipd.core.errors import IpdError


def check_output_path(path: str | Path, *, force: bool, suffixes: tuple[str, ...]) -> Path:
    """Validate an output path up front, so a long run never fails at the end.

    Refuses unknown suffixes, missing or unwritable folders, and existing
    files unless ``force``.
    """
    path = Path(path).expanduser()
    if path.suffix not in suffixes:
        raise IpdError(f"output {path} must end in {', '.join(suffixes)}")
    if path.is_dir():
        raise IpdError(f"output {path} is a folder")
    if path.exists() and not force:
        raise IpdError(f"output {path} already exists; use --force to overwrite it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise IpdError(f"cannot write {path}: folder {folder} does not exist")
    try:
        # A real probe: permission bits say nothing for root or read-only mounts.
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        raise IpdError(f"cannot write {path}: folder {folder} is not writable") from None
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    An interrupted write leaves the old file (or none), never half a file.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise IpdError(f"cannot write {path}: {exc.strerror}") from None
    with replacing(tmp, path), os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def replacing(tmp: str, path: Path) -> Iterator[None]:
    """Rename the file ``tmp`` onto ``path`` once the block has written it; remove it on failure.

    mkstemp makes the file private (0600); it gets the permissions a plain
    open() would give, per the user's umask, before the rename.
    """
    try:
        yield
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
