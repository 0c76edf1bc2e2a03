"""Diagnostics: what a rule found, where, and how to fix it.

Spans are offsets into the source text (see ``routec.syntax.source``);
reporters turn them into lines and columns for whoever reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .syntax.source import Position, Source


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class Applicability(str, Enum):
    """How safe a fix is to apply without a human looking (as in ruff)."""

    SAFE = "safe"  # keeps the meaning the user evidently intended
    UNSAFE = "unsafe"  # a guess, such as a did-you-mean
    DISPLAY = "display"  # advice only; no edits

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text between two offsets."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    message: str
    edits: tuple[Edit, ...] = ()
    applicability: Applicability = Applicability.DISPLAY


@dataclass(frozen=True, slots=True)
class Related:
    start: int
    end: int
    message: str


@dataclass(slots=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    source: Source
    start: int
    end: int
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    # Values a reporter must never print (secrets), whatever it shows.
    redactions: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def start_position(self) -> Position:
        return self.source.position(self.start)

    @property
    def end_position(self) -> Position:
        return self.source.position(self.end)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.source.path, self.start, self.end, self.code)


def count_by_severity(diagnostics: list[Diagnostic]) -> dict[Severity, int]:
    counts = {severity: 0 for severity in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts


# A value quoted in a message ('...' or `...`) longer than this is shortened, so a
# 1 MB string in a config does not become a 1 MB line of output.
MAX_QUOTED = 80
MAX_MESSAGE = 600
_QUOTED = re.compile(r"'([^'\s]{%d,})'|`([^`\s]{%d,})`" % (MAX_QUOTED + 1, MAX_QUOTED + 1))


def clip(message: str) -> str:
    """Shorten long quoted values in a message to their start and end."""

    def shorten(match: re.Match[str]) -> str:
        quote = match.group(0)[0]
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        return f"{quote}{inner[:50]}…{inner[-20:]}{quote}"

    message = _QUOTED.sub(shorten, message)
    if len(message) > MAX_MESSAGE:  # a long value with spaces in it
        message = message[: MAX_MESSAGE - 100] + "…" + message[-99:]
    return message
