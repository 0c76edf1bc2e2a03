"""Offsets to lines and columns (code points) and to LSP's UTF-16 positions."""

from __future__ import annotations

import pytest

from routec.syntax import Position, Source, decode


def test_lines_break_at_lf_crlf_and_cr() -> None:
    source = Source("x", "a\nbc\r\nd\re")
    assert source.line_starts == [0, 2, 6, 8]
    assert [source.line_text(line) for line in range(1, 5)] == ["a", "bc", "d", "e"]
    assert source.position(7) == Position(3, 2)
    assert source.position(9).line == 4


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_an_offset_inside_a_crlf_is_the_end_of_its_line_in_lsp(encoding: str) -> None:
    source = Source("x", "a\n%Y\r\n.1\n")
    assert [source.lsp_position(offset, encoding) for offset in (4, 5, 6, 7)] == [(1, 2), (1, 2), (2, 0), (2, 1)]


def test_columns_count_code_points() -> None:
    source = Source("x", "é😀x")
    assert source.position(2).column == 3


def test_utf16_round_trip() -> None:
    text = "name: 😀 fast\nsecond: line"
    source = Source("x", text)
    offset = text.index("fast")
    assert source.utf16_position(offset) == (0, 9)
    assert source.offset_from_utf16(0, 9) == offset
    assert source.offset_from_utf16(5, 0) == len(text)  # past the end: clamped


@pytest.mark.parametrize(
    ("data", "text", "problem"),
    [
        (b"\xef\xbb\xbfa: 1", "a: 1", None),
        (b"a: \xff", "a: \ufffd", "invalid UTF-8"),
        ("a: 1".encode("utf-16"), "a: 1", "UTF-16"),
    ],
)
def test_decode(data: bytes, text: str, problem: str | None) -> None:
    decoded, found = decode(data)
    assert decoded == text
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found.message
