"""Applying fixes: `routec check --fix` (safe fixes), `--unsafe-fixes` (also the guesses).

Fixes are edits to the text by span, so everything outside an edit (comments,
key order, quoting, indentation, line endings, a byte-order mark) stays byte
for byte. Each pass applies every non-overlapping fix, then the file is
checked again, until nothing more applies. A pass that would leave the file
unreadable, or add a duplicate key, is tried again with its first fix alone,
and dropped if that breaks it too: a fix never breaks a file that parsed. A file that is not UTF-8 as written (or is over the size limit) is
reported as `check` reports it and never rewritten: writing back text decoded
with replacement characters would lose the bytes it could not read.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import NamedTuple

from .check import FileReport, check_bytes, check_text
from .diagnostics import Applicability, Diagnostic, Edit
from .rules import Options
from .secrets import Secret, scrub
from .settings import FileSettings
from .syntax import Document, decode

MAX_PASSES = 10


class FixResult(NamedTuple):
    original: bytes
    fixed: bytes
    applied: int  # how many diagnostics' fixes went in
    report: FileReport  # the check of the fixed text
    secrets: tuple[Secret, ...] = ()  # found in the original or the fixed text, to mask in a diff


def choose(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """The diagnostics whose fixes apply together: applicable, with edits, not overlapping."""
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    chosen: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    for diagnostic in sorted(diagnostics, key=lambda d: (d.start, d.code)):
        fix = diagnostic.fix
        if fix is None or not fix.edits or fix.applicability not in allowed:
            continue
        spans = [(edit.start, edit.end) for edit in fix.edits]
        if any((start < end_taken and start_taken < end) or start == start_taken for start, end in spans for start_taken, end_taken in taken):
            continue
        chosen.append(diagnostic)
        taken += spans
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


def fix_bytes(
    data: bytes,
    path: str,
    unsafe: bool = False,
    options: Options | None = None,
    dialect: str | None = None,
    settings: FileSettings | None = None,
) -> FixResult:
    text, problem = decode(data)
    if problem is not None:  # not UTF-8 as written, or too large: check it as `check` does, write nothing
        report = check_bytes(data, path, options, dialect, settings=settings)
        return FixResult(data, data, 0, report, tuple(report.secrets))
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    applied = 0

    def check(candidate: str) -> FileReport:
        return check_text(candidate, path, options, dialect, settings=settings)

    report = check(text)
    original = report.secrets
    for _ in range(MAX_PASSES):
        chosen = choose(report.diagnostics, unsafe)
        if not chosen:
            break
        step = one_pass(text, report, chosen, check)
        if step is None:
            break
        text, report, count = step
        applied += count
    return FixResult(data, bom + text.encode("utf-8"), applied, report, (*original, *report.secrets))


def one_pass(
    text: str, report: FileReport, chosen: list[Diagnostic], check: Callable[[str], FileReport]
) -> tuple[str, FileReport, int] | None:
    """The chosen fixes applied together; if that breaks the file, the first one alone that does not
    (the next pass sees what it changed), so one bad fix does not hold back the others; None if each
    breaks it. Returns the text, its check, how many went in."""
    for batch in [chosen, *([fix] for fix in chosen)] if len(chosen) > 1 else [chosen]:
        candidate = apply_edits(text, [edit for diagnostic in batch for edit in diagnostic.fix.edits])  # type: ignore[union-attr]
        after = check(candidate)
        if not worse(report.document, after.document):
            return candidate, after, len(batch)
    return None


def worse(before: Document, after: Document) -> bool:
    """Whether fixes broke the file: it no longer parses, or has a duplicate key it did not have
    (two fixes renaming different keys of one mapping to the same name)."""
    if before.readable and not after.readable:
        return True
    return duplicate_keys(after) > duplicate_keys(before)


def duplicate_keys(document: Document) -> int:
    return sum(problem.kind == "duplicate-key" for problem in document.problems)


def unified_diff(path: str, before: bytes, after: bytes, secrets: tuple[Secret, ...] = ()) -> str:
    """The change as a unified diff; lines that hold a secret show it masked (for reading, not for `patch`)."""
    import difflib

    masked = list(secrets)
    old = [scrub(line, masked) for line in before.decode("utf-8", "replace").splitlines(keepends=True)]
    new = [scrub(line, masked) for line in after.decode("utf-8", "replace").splitlines(keepends=True)]
    shown = path.lstrip("/")
    lines = difflib.unified_diff(old, new, fromfile=f"a/{shown}", tofile=f"b/{shown}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
