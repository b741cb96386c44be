"""The complexity helper (tests/complexity.py) itself: it fails a quadratic cost and passes a
linear one, noise and all, and pays for one large run when the cost is linear."""

from __future__ import annotations

import pytest

from complexity import assert_linear


def counting(seconds_for):
    """A cost function that reports `seconds_for(n)` and records each size it is asked for."""
    asked: list[int] = []

    def cost(size: int) -> float:
        asked.append(size)
        return seconds_for(size, len(asked))

    return cost, asked


def test_a_linear_cost_passes_with_one_run_of_the_larger_size() -> None:
    cost, asked = counting(lambda n, _: n * 1e-6)
    assert_linear(cost, 100_000)
    assert asked.count(400_000) == 1


def test_a_quadratic_cost_fails_after_every_try() -> None:
    cost, asked = counting(lambda n, _: (n / 100_000) ** 2 * 0.1)
    with pytest.raises(AssertionError, match="16.0x the work"):
        assert_linear(cost, 100_000)
    assert asked.count(400_000) == 3


def test_a_slow_first_run_of_the_larger_size_is_tried_again() -> None:
    # The first large run is slowed (a busy moment); the next one is not.
    cost, asked = counting(lambda n, call: n * 1e-6 * (10 if n == 400_000 and call <= 5 else 1))
    assert_linear(cost, 100_000)
    assert asked.count(400_000) == 2


def test_a_noisy_small_run_does_not_raise_the_bound() -> None:
    # One of the small runs is slowed ten times: the cheapest counts, so a quadratic still fails.
    cost, _ = counting(lambda n, call: (n / 100_000) ** 2 * 0.1 * (10 if call == 2 else 1))
    with pytest.raises(AssertionError):
        assert_linear(cost, 100_000)


def test_sizes_grow_until_a_run_is_long_enough() -> None:
    cost, asked = counting(lambda n, _: n * 1e-8)
    assert_linear(cost, 1_000, at_least=0.05)
    assert max(asked) == 4 * 8_192_000 and 8_192_000 * 1e-8 >= 0.05
