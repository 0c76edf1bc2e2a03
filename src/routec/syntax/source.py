"""Source text and the positions inside it.

Every position in routec is an *offset*: an index into ``Source.text`` counted
in Unicode code points. Offsets are cheap to carry on every node; lines and
columns are computed only when something is shown to a user. Lines break at
``\\n``, ``\\r\\n`` and ``\\r``, as in the Language Server Protocol.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Position(NamedTuple):
    """A 1-based line and column; the column counts code points."""

    line: int
    column: int


class Source:
    """The decoded text of one file, with a line index built on first use."""

    __slots__ = ("path", "text", "_line_starts")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._line_starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            starts.extend(match.end() for match in _LINE_BREAK.finditer(self.text))
            self._line_starts = starts
        return self._line_starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return Position(index + 1, offset - self.line_starts[index] + 1)

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column, clamped to the text."""
        starts = self.line_starts
        line = max(1, min(line, len(starts)))
        start = starts[line - 1]
        return min(start + max(column, 1) - 1, self.line_end(line))

    def line_end(self, line: int) -> int:
        """Offset just past the last character of ``line``, before its break."""
        starts = self.line_starts
        if line < len(starts):
            end = starts[line]
            if self.text.startswith("\r\n", end - 2) and end - 2 >= starts[line - 1]:
                return end - 2
            return end - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.line_starts[line - 1] : self.line_end(line)]

    # The LSP counts columns in UTF-16 code units by default.
    def utf16_position(self, offset: int) -> tuple[int, int]:
        """0-based line and UTF-16 character of an offset."""
        position = self.position(offset)
        start = self.line_starts[position.line - 1]
        prefix = self.text[start:offset]
        return position.line - 1, len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)

    def offset_from_utf16(self, line: int, character: int) -> int:
        """Offset of a 0-based line and UTF-16 character, clamped to the line."""
        starts = self.line_starts
        if line >= len(starts):
            return len(self.text)
        offset = starts[max(line, 0)]
        end = self.line_end(line + 1)
        units = 0
        while offset < end and units < character:
            units += 2 if ord(self.text[offset]) > 0xFFFF else 1
            offset += 1
        return offset
