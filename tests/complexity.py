"""How a test holds a complexity (linear, not quadratic) without a clock budget.

A test never asserts how many seconds something takes: the machine may be busy with other
work (two cores shared by several runs), and a budget is a benchmark's to measure
(benchmarks/, `make bench`). What a test can hold is the *shape* of the cost: `factor` times
the input costs about `factor` times the work, not `factor` squared. Measured as a ratio in
one process, what else the machine does slows both sizes alike; made robust by

- CPU time of this process (`time.process_time`), so waiting for a core does not count;
- sizes grown until the smaller run is long enough that a collector's pause or a cache miss
  is small against it (`at_least` seconds);
- the two sizes measured in turn, and the cheapest run of each kept (noise only ever adds
  time); a round again only while the larger size is over the bound, so a linear cost pays
  for one round and a quadratic one still gets `repeats` rounds to show it is not;
- a bound with headroom: linear is `factor`, quadratic `factor`², the bound `headroom` x factor
  sits well between them.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def cpu_seconds(work: Callable[[], object]) -> float:
    """The CPU time this process spends in `work()`."""
    started = time.process_time()
    work()
    return time.process_time() - started


def assert_linear(
    cost: Callable[[int], float],
    size: int,
    *,
    factor: int = 4,
    repeats: int = 3,
    at_least: float = 0.05,
    most_size: int | None = None,
    headroom: float = 2.0,
) -> tuple[float, float]:
    """Fail unless `cost(factor * n)` is under `headroom * factor * cost(n)`.

    `cost(n)` does the work for an input of size n and returns the CPU seconds it took (see
    `cpu_seconds`). `size` is the smallest n tried: it is doubled, up to `most_size`, until one
    run takes `at_least` seconds. Returns (small, large), the cheapest run of each size."""
    cost(max(1, size // factor))  # warm up: imports, compiled patterns, caches of the first call
    small = cost(size)
    while small < at_least and (most_size is None or size * 2 <= most_size):
        size *= 2
        small = cost(size)
    # Rounds of the two sizes in turn (what else the machine does slows both alike), until the
    # cheapest large run is under the bound or `repeats` rounds have not brought it there: a
    # linear cost pays for one round, a quadratic one gets every round to show it is not.
    large = bound = float("inf")
    for _ in range(repeats):
        small = min(small, cost(size))
        large = min(large, cost(size * factor))
        bound = headroom * factor * max(small, at_least)
        if large < bound:
            break
    assert large < bound, (
        f"{factor}x the input ({size:,} -> {size * factor:,}) cost {large / max(small, 1e-9):.1f}x the work "
        f"({small:.3f} s -> {large:.3f} s of CPU; best of {repeats}); linear would be {factor}x, "
        f"the bound is {headroom * factor:g}x"
    )
    return small, large


def assert_costs_at_most(work: Callable[[], object], times: float, reference: Callable[[], object]) -> None:
    """Fail if `work()` costs more than `times` the CPU time of `reference()` (a known, bounded
    job, such as loading the seed article), measured in the same process. A run over the bound
    is run twice more and the cheapest counts: a collector's pause is not the input's cost."""
    spent = cpu_seconds(work)
    if spent <= times * _reference_cost(reference):
        return
    spent = min(spent, cpu_seconds(work), cpu_seconds(work))
    bound = times * _reference_cost(reference, again=True)
    assert spent <= bound, (
        f"{spent:.3f} s of CPU, more than {times:g}x the reference job ({bound / times:.3f} s)"
    )


_references: dict[Callable[[], object], float] = {}


def _reference_cost(reference: Callable[[], object], again: bool = False) -> float:
    if reference not in _references or again:
        reference()  # warm up
        _references[reference] = min(cpu_seconds(reference) for _ in range(3))
    return _references[reference]
