"""What the readers report about text they could not take as written."""

from __future__ import annotations

from typing import NamedTuple

# Limits that keep hostile input from exhausting the stack or memory.
MAX_DEPTH = 256
MAX_FILE_BYTES = 16 * 1024 * 1024
DEPTH_HINT = "routing configs need a few levels of nesting at most"


class Related(NamedTuple):
    start: int
    end: int
    message: str


class SyntaxProblem(NamedTuple):
    """A problem found while reading text into a tree.

    ``kind`` is ``"syntax"`` when the text cannot be read at all (no tree),
    ``"duplicate-key"`` when a mapping repeats a key, and ``"unsupported-tag"``
    for a YAML tag routec will not construct.
    """

    kind: str
    start: int
    end: int
    message: str
    related: tuple[Related, ...] = ()
    hint: str = ""  # how to put it right, when there is more to say than the message


class ParseError(Exception):
    """Raised inside a reader at the first error it cannot recover from."""

    def __init__(self, message: str, start: int, end: int | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = start + 1 if end is None else end
        self.hint = hint
