"""Applying fixes: `routec check --fix` (safe fixes), `--unsafe-fixes` (also the guesses).

Fixes are edits to the text by span, so everything outside an edit (comments,
key order, quoting, indentation, line endings, a byte-order mark) stays byte
for byte. Each pass applies every non-overlapping fix, then the file is
checked again, until nothing more applies. A pass that would leave the file
unreadable is dropped: a fix never breaks a file that parsed.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from .check import FileReport, check_text
from .diagnostics import Applicability, Diagnostic, Edit
from .rules import Options
from .secrets import Secret, scrub
from .settings import FileSettings

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
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        report = check_text(data.decode("utf-8", "replace"), path, options, dialect, settings=settings)
        return FixResult(data, data, 0, report, tuple(report.secrets))
    applied = 0
    report = check_text(text, path, options, dialect, settings=settings)
    original = report.secrets
    for _ in range(MAX_PASSES):
        chosen = choose(report.diagnostics, unsafe)
        if not chosen:
            break
        candidate = apply_edits(text, [edit for diagnostic in chosen for edit in diagnostic.fix.edits])  # type: ignore[union-attr]
        after = check_text(candidate, path, options, dialect, settings=settings)
        if report.document.readable and not after.document.readable:
            break  # never trade a readable file for a broken one
        text, report, applied = candidate, after, applied + len(chosen)
    return FixResult(data, bom + text.encode("utf-8"), applied, report, (*original, *report.secrets))


def unified_diff(path: str, before: bytes, after: bytes, secrets: tuple[Secret, ...] = ()) -> str:
    """The change as a unified diff; lines that hold a secret show it masked (for reading, not for `patch`)."""
    import difflib

    masked = list(secrets)
    old = [scrub(line, masked) for line in before.decode("utf-8", "replace").splitlines(keepends=True)]
    new = [scrub(line, masked) for line in after.decode("utf-8", "replace").splitlines(keepends=True)]
    shown = path.lstrip("/")
    lines = difflib.unified_diff(old, new, fromfile=f"a/{shown}", tofile=f"b/{shown}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
