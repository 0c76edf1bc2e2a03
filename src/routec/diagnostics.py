"""Diagnostics: what a rule found, where, and how to fix it.

Spans are offsets into the source text (see ``routec.syntax.source``);
reporters turn them into lines and columns for whoever reads them.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

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


class Edit(NamedTuple):
    """Replace the text between two offsets."""

    start: int
    end: int
    content: str


class Fix(NamedTuple):
    message: str
    edits: tuple[Edit, ...] = ()
    applicability: Applicability = Applicability.DISPLAY


class Related(NamedTuple):
    start: int
    end: int
    message: str


class Diagnostic:
    """One problem at one span of one source, with an optional fix."""

    __slots__ = ("code", "name", "severity", "message", "source", "start", "end", "related", "fix")

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        source: Source,
        start: int,
        end: int,
        related: tuple[Related, ...] = (),
        fix: Fix | None = None,
    ) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.source = source
        self.start = start
        self.end = end
        self.related = related
        self.fix = fix

    def __repr__(self) -> str:
        return f"Diagnostic({self.code}, {self.start}-{self.end}, {self.message!r})"

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
