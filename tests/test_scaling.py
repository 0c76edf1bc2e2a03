"""No quadratic pass: 4x the input costs about 4x the time, never about 16x.

Each shape stresses one pass that could go quadratic: did-you-mean over
thousands of names, cycle detection, alias chains, duplicate detection, rule
shadowing. Times are the best of three in one process (a ratio, so the
machine's speed cancels out); the bound is generous (8x for 4x the input).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import pytest

from routec.build import build
from routec.check import check_text

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import DIALECT_WRITERS, generate, generate_dialect  # noqa: E402

SMALL, LARGE = 1500, 6000
LIMIT = 8.0


def generated(size: int) -> str:
    return generate(size, "yaml")


def unknown_references(size: int) -> str:
    routes = "".join(f"  route-{i}: {{model: 'ollama:m{i}'}}\n" for i in range(size))
    agents = "".join(f"    - {{id: agent-{i}, route: rotue-{i}}}\n" for i in range(size))
    return f"routes:\n{routes}agents:\n  list:\n{agents}"


def unrelated_references(size: int) -> str:
    routes = "".join(f"  route-{i}: {{model: 'ollama:m{i}'}}\n" for i in range(size))
    agents = "".join(f"    - {{id: agent-{i}, route: zz{i}qq}}\n" for i in range(size))
    return f"routes:\n{routes}agents:\n  list:\n{agents}"


def one_fallback_cycle(size: int) -> str:
    return "routes:\n" + "".join(f"  r{i}: {{model: 'ollama:m{i}', fallbacks: [r{(i + 1) % size}]}}\n" for i in range(size))


def alias_chain(size: int) -> str:
    aliases = "".join(f"  a{i}: a{i + 1}\n" for i in range(size)) + f"  a{size}: r\n"
    return f"routes:\n  r: {{model: 'ollama:m'}}\naliases:\n{aliases}"


def duplicate_keys(size: int) -> str:
    return "routes:\n" + "".join(f"  same: {{model: 'ollama:m{i}'}}\n" for i in range(size))


def overlapping_rules(size: int) -> str:
    rules = "".join(f"    - {{name: r{i}, keywords: [word{i % 50}, term{i}], route: r}}\n" for i in range(size))
    return f"routes:\n  r: {{model: 'ollama:m'}}\nrules:\n  default: r\n  match:\n{rules}"


def litellm_fallbacks(size: int) -> str:
    """Every model group falls back to the next: one `fallbacks` entry per group."""
    groups = "".join(f"  - {{model_name: g{i}, litellm_params: {{model: ollama/m{i}}}}}\n" for i in range(size))
    fallbacks = "".join(f"    - {{g{i}: [g{i + 1}]}}\n" for i in range(size - 1))
    return f"model_list:\n{groups}router_settings:\n  fallbacks:\n{fallbacks}"


def dialect_shape(dialect: str) -> Callable[[int], str]:
    return lambda size: generate_dialect(size, dialect)[0]


SHAPES: dict[str, Callable[[int], str]] = {
    "generated": generated,
    "unknown-references": unknown_references,
    "unrelated-references": unrelated_references,
    "one-fallback-cycle": one_fallback_cycle,
    "alias-chain": alias_chain,
    "duplicate-keys": duplicate_keys,
    "overlapping-rules": overlapping_rules,
    "litellm-fallbacks": litellm_fallbacks,
    **{dialect: dialect_shape(dialect) for dialect in DIALECT_WRITERS},
}
SUFFIXES = {dialect: suffix for dialect, (suffix, _) in DIALECT_WRITERS.items()}
NAMES = {"litellm-fallbacks": "litellm.yaml"}
# A pass that rebuilt the set of all names for every fallback hid under 8x at 1,500 -> 6,000 groups.
SIZES = {"litellm-fallbacks": (3000, 12000)}


def best_of_three(work: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize("shape", SHAPES)
def test_check_scales_linearly(shape: str) -> None:
    small_size, large_size = SIZES.get(shape, (SMALL, LARGE))
    small, large = SHAPES[shape](small_size), SHAPES[shape](large_size)
    name = NAMES.get(shape, f"c.{SUFFIXES.get(shape, 'yaml')}")
    ratio = best_of_three(lambda: check_text(large, name)) / best_of_three(lambda: check_text(small, name))
    assert ratio < LIMIT, f"{shape}: {large_size // small_size}x the input took {ratio:.1f}x the time"


def test_build_scales_linearly() -> None:
    small, large = generated(SMALL).encode(), generated(LARGE).encode()
    targets = ("table", "python", "typescript")
    ratio = best_of_three(lambda: build(large, "c.yaml", targets)) / best_of_three(lambda: build(small, "c.yaml", targets))
    assert ratio < LIMIT, f"build: {LARGE // SMALL}x the input took {ratio:.1f}x the time"
