"""Where a suppression is a comment, and what removing an unused one removes: cases a data folder cannot
state (the exact text after a fix, whether a directive counted)."""

from __future__ import annotations

import pytest

from routec.check import check_text
from routec.diagnostics import Diagnostic, Edit, Severity
from routec.fix import fix_bytes, one_pass
from routec.lsp.convert import suppress_action
from routec.rules.base import replacement
from routec.suppress import Strings

BASE = 'providers: {anthropic: {apiKey: "${ANTHROPIC_API_KEY}"}}\nroutes:\n  fast:\n    model: anthropic:claude-opus-4-6\n'


def codes(text: str, name: str) -> list[str]:
    return [d.code for d in check_text(text, name).diagnostics]


@pytest.mark.parametrize("indicator", ["|", ">-"])
def test_a_comment_on_a_block_scalars_header_line_is_a_suppression(indicator: str) -> None:
    assert codes(BASE + f"    descriptoin: {indicator}  # routec: ignore[RC003]\n      hello\n", "a.yaml") == []


@pytest.mark.parametrize(
    "text, name",
    [
        (BASE + '  "x # routec: ignore[RC006]":\n    model: anthropic:claude-opus-4-6\n', "key.yaml"),
        ('{routes: {"x // routec: ignore": {model: "ollama:x"}}}\n', "key.json5"),
    ],
)
def test_a_directive_inside_a_quoted_key_is_text(text: str, name: str) -> None:
    found = codes(text, name)
    assert "RC006" in found and "RC900" not in found and "RC901" not in found


@pytest.mark.parametrize(
    "text, name, fixed",
    [
        # Only the directive goes, not the end of the /* */ comment and what follows it.
        (
            '{routes: {fast: {model: "ollama:x"}, /* // routec: ignore[RC101] */ slow: {model: "ollama:y"}}}\n',
            "block.json5",
            '{routes: {fast: {model: "ollama:x"}, /* */ slow: {model: "ollama:y"}}}\n',
        ),
        # Two directives on one line: the unused one goes, the used one stays.
        (
            BASE + "    fallbacks: [nope] # routec: ignore[RC101] # routec: ignore[RC102]\n",
            "two.yaml",
            BASE + "    fallbacks: [nope] # routec: ignore[RC102]\n",
        ),
        # Words after the codes are the comment's, and go with it.
        (BASE + "    description: x  # routec: ignore[RC101] see */ here\n", "words.yaml", BASE + "    description: x\n"),
    ],
)
def test_removing_an_unused_suppression_removes_the_comment_and_nothing_else(text: str, name: str, fixed: str) -> None:
    result = fix_bytes(text.encode(), name)
    assert result.fixed.decode() == fixed


def test_one_fix_that_would_break_the_file_does_not_hold_back_the_others() -> None:
    text = BASE + "  slow: {model: llama3}  # routec: ignore[RC101]\n"
    report = check_text(text, "several.yaml")
    [unused] = [d for d in report.diagnostics if d.code == "RC900"]
    breaking = Diagnostic("RC999", "test", Severity.ERROR, "x", unused.source, 0, 0, fix=replacement("break", Edit(0, 0, "[\n"), safe=True))
    step = one_pass(text, report, [breaking, unused], lambda candidate: check_text(candidate, "several.yaml"))
    assert step is not None
    fixed, _, count = step
    assert count == 1 and fixed == BASE + "  slow: {model: llama3}\n"


def test_ignore_file_on_a_line_of_its_own_counts_with_cr_line_breaks() -> None:
    text = "# routec: ignore-file[RC201]\rroutes:\r  a: {model: llama3}\r"
    assert codes(text, "cr.yaml") == []


def test_suppressions_in_a_file_that_does_not_read_are_left_alone() -> None:
    """No rule ran, so each would look unused: --fix must not strip them while the syntax is broken."""
    text = "routes:\n  a: {model: llama3}  # routec: ignore[RC201]\n  b: [\n"
    assert codes(text, "broken.yaml") == ["RC001"]
    assert fix_bytes(text.encode(), "broken.yaml").fixed.decode() == text


def test_no_suppress_action_for_a_line_that_ends_inside_a_block_scalar() -> None:
    """A comment added at the end of a block scalar's text line would be text: no action is offered there."""
    text = "routes:\n  fast:\n    model: 'ollama:x'\n    description: |\n      first line\n      second line\n"
    report = check_text(text, "d.yaml")
    line_two = text.index("second line")
    diagnostic = Diagnostic("RC201", "test", Severity.WARNING, "x", report.document.source, line_two, line_two + 6)
    strings = Strings(report.document.root, text)
    assert suppress_action(diagnostic, "file:///d.yaml", "utf-16", "yaml", strings) is None
    header = text.index("description")
    on_header = Diagnostic("RC201", "test", Severity.WARNING, "x", report.document.source, header, header + 11)
    assert suppress_action(on_header, "file:///d.yaml", "utf-16", "yaml", strings) is not None
