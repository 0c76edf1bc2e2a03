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

    # Editors count columns in UTF-16 code units by default (LSP), or UTF-8/UTF-32 if negotiated.
    def lsp_position(self, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
        """0-based line and character of an offset, in the given encoding's code units."""
        position = self.position(offset)
        start = self.line_starts[position.line - 1]
        # An offset between a \r and its \n is the end of the line, as LSP counts it.
        prefix = self.text[start : min(start + position.column - 1, self.line_end(position.line))]
        return position.line - 1, _units(prefix, encoding)

    def lsp_offset(self, line: int, character: int, encoding: str = "utf-16") -> int:
        """Offset of a 0-based line and character, clamped to the line (and the text)."""
        starts = self.line_starts
        if line < 0:
            return 0
        if line >= len(starts):
            return len(self.text)
        offset = starts[line]
        end = self.line_end(line + 1)
        units = 0
        while offset < end and units < character:
            units += _units(self.text[offset], encoding)
            offset += 1
        return offset

    def utf16_position(self, offset: int) -> tuple[int, int]:
        return self.lsp_position(offset, "utf-16")

    def offset_from_utf16(self, line: int, character: int) -> int:
        return self.lsp_offset(line, character, "utf-16")


def _units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of an LSP position encoding."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
