"""Every rule is documented the same way, and the docs follow the registry."""

from __future__ import annotations

import re

import pytest

from routec.diagnostics import Severity
from routec.rules import BY_CODE, RULES
from routec.rules.reference import markdown

from .conftest import ROOT, compare_golden

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Fix")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_metadata(rule: object) -> None:
    assert re.fullmatch(r"RC\d{3}", rule.code)  # type: ignore[attr-defined]
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.name)  # type: ignore[attr-defined]
    assert isinstance(rule.severity, Severity)  # type: ignore[attr-defined]
    assert rule.summary.endswith(".")  # type: ignore[attr-defined]
    doc = rule.doc()  # type: ignore[attr-defined]
    positions = [doc.find(section) for section in SECTIONS]
    assert all(position >= 0 for position in positions), f"{rule.code} lacks a doc section"  # type: ignore[attr-defined]
    assert positions == sorted(positions), "doc sections out of order"


def test_codes_and_names_are_unique() -> None:
    assert len(BY_CODE) == len(RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_rule_reference_is_current() -> None:
    compare_golden(ROOT / "docs" / "rules.md", markdown())


def example_of(rule: object) -> tuple[str, str]:
    """The fenced code block under a rule's '## Example' heading, and its language."""
    doc = rule.doc()  # type: ignore[attr-defined]
    section = doc.split("## Example", 1)[1].split("## Fix", 1)[0]
    match = re.search(r"```(\w+)\n(.*?)```", section, re.DOTALL)
    assert match, f"{rule.code} example has no fenced code block"  # type: ignore[attr-defined]
    return match.group(1), match.group(2)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_example_triggers_the_rule(rule: object) -> None:
    from routec.check import check_text
    from routec.rules import Options

    language, text = example_of(rule)
    assert language in ("yaml", "json5")
    options = Options(env_check=True, environ={})
    report = check_text(text, f"example.{language}", options)
    codes = {diagnostic.code for diagnostic in report.diagnostics}
    assert rule.code in codes, f"{rule.code}'s example reports {sorted(codes)}"  # type: ignore[attr-defined]
