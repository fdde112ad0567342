"""The kernel assembler: generated source, cache keys and pruning of old kernels."""

import os

from ipd.engine import _assemble
from ipd.strategies.registry import steps


def test_every_step_is_called_directly_in_the_turn_loop():
    text, _ = _assemble._source(steps())
    assert "step_dispatch(" not in text
    for k in range(len(steps())):
        assert f"a = 1 if _step_{k}(" in text and f"b = 1 if _step_{k}(" in text


def test_cache_key_changes_with_the_set_of_steps():
    everything = steps()
    _, full = _assemble._source(everything)
    _, fewer = _assemble._source(everything[:-1])
    _, again = _assemble._source(everything)
    assert full == again != fewer


def test_prune_keeps_the_most_recently_used(tmp_path):
    (tmp_path / "__pycache__").mkdir()
    for k in range(15):
        kernel = tmp_path / f"ipd_kernel_{k:02d}.py"
        kernel.write_text("")
        (tmp_path / "__pycache__" / f"ipd_kernel_{k:02d}.play_block-1.py311.nbi").write_text("")
        marker = kernel.with_suffix(".used")
        marker.write_text("")
        os.utime(marker, (1000 + k, 1000 + k))
    _assemble._prune(tmp_path, keep=tmp_path / "ipd_kernel_00.py")
    left = sorted(p.name for p in tmp_path.glob("ipd_kernel_*.py"))
    # The 12 most recently used stay, and so does the one being written.
    assert left == ["ipd_kernel_00.py"] + [f"ipd_kernel_{k:02d}.py" for k in range(3, 15)]
    assert not list(tmp_path.glob("__pycache__/ipd_kernel_01.*"))
    assert list(tmp_path.glob("__pycache__/ipd_kernel_03.*"))
