"""The engine's tunable constants, in one place.

Kept free of numba so the Python layer can read them without importing the
compiler; the kernels freeze them in as constants when they compile.
"""

MEMORY_SLOTS = 64
"""Size of each player's scratch memory (float64), zeroed at the start of every match: the
first 32 slots are the strategy's (the step contract), the rest its transformers' layers."""

CHUNK = 16
"""Matches per parallel work item of a kernel; buffers are allocated once per item."""

LANES_PER_THREAD = 8
"""A kernel deals its work items round-robin to this many lanes per thread. numba's parallel
loop gives each thread one contiguous run of its iterations, and a tournament's costly
matches are not spread evenly along the job list (a library's teams are its last entrants,
so later rows hold more of their pairs): dealt out contiguously, one thread idled 14% of the
whole library's tournament (benchmarks/README.md)."""


def lanes() -> int:
    """The lanes a kernel call deals its work items to, for numba's current thread count
    (passed in: a kernel that asked numba itself could not be cached)."""
    from numba import get_num_threads

    return LANES_PER_THREAD * get_num_threads()


TURNS_PER_BLOCK = 1 << 22
"""About how many turns one kernel call plays: repetitions are played in blocks this big,
so progress is reported and per-block buffers stay small."""

REP_CHUNK = 128
"""Repetitions whose floating-point sums are added up first, then to the totals: the fixed
order that makes totals the same however repetitions are split among blocks or machines."""

KEEP_KERNELS = 12
"""Generated kernel modules kept in the cache folder; older ones are pruned."""

STREAM_A = 1
"""Stream numbers of a match: the row player's, the column player's, the noise's, the
length's and the misperception's; each is derived from the match's key (see
:mod:`ipd.engine.random`)."""
STREAM_B = 2
STREAM_NOISE = 3
STREAM_LENGTH = 4
STREAM_PERCEPTION = 5

INLINE_CODE_STEPS = 0
"""A lineup with at most this many code steps has them inlined into its kernel; with more,
each is compiled out of line, once, and cached (see :mod:`ipd.engine._steps`). 0: code
steps are always out of line. Measured (benchmarks/README.md, "Out of line without
reference counts"): compiled without reference counting, out-of-line code steps play as
fast as inlined ones or faster (Axelrod's first tournament 10% faster, the classic field
the same) and compile faster (the first tournament's lineup 27 s to 16 s, cold); before,
when each call paid for numba's reference counts, a threshold of 12 kept small lineups
inlined."""
KEEP_STEP_SOURCES = 64
"""Copies of step source files kept in the cache folder (one per file and version); older
ones are pruned with their compiled code."""
