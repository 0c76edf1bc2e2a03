"""The benchmark's generated configs are what the benchmark claims: clean
(every tool does its full work, no early exit), detected as the intended
dialect without a hint, and buildable."""

from __future__ import annotations

import sys

import pytest

from routec.build import build
from routec.check import check_text

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import DIALECT_WRITERS, FORMATS, generate, generate_dialect  # noqa: E402

SIZES = (1, 2, 3, 10, 400)
INPUTS = [("routec", fmt) for fmt in FORMATS] + [(dialect, DIALECT_WRITERS[dialect][0]) for dialect in DIALECT_WRITERS]


def text_for(dialect: str, fmt: str, routes: int) -> str:
    return generate(routes, fmt) if dialect == "routec" else generate_dialect(routes, dialect)[0]  # type: ignore[arg-type]


@pytest.mark.parametrize("routes", SIZES)
@pytest.mark.parametrize(("dialect", "fmt"), INPUTS)
def test_generated_configs_check_clean_as_their_dialect(dialect: str, fmt: str, routes: int) -> None:
    report = check_text(text_for(dialect, fmt, routes), f"bench.{fmt}")
    assert [(d.code, d.message) for d in report.diagnostics] == []
    assert report.config is not None and report.config.dialect == dialect


@pytest.mark.parametrize(("dialect", "fmt"), INPUTS)
def test_generated_configs_build(dialect: str, fmt: str) -> None:
    result = build(text_for(dialect, fmt, 50).encode(), f"bench.{fmt}", ("table", "python", "typescript"))
    assert set(result.artifacts) == {"table", "python", "typescript"}
    assert "route-48" in result.artifacts["table"] or "route_48" in result.artifacts["table"]
