"""Inline suppressions: `# routec: ignore[RC101]` (YAML) or `// routec: ignore[RC101]` (JSON5).

At the end of a line, a suppression silences the listed codes on that line;
`routec: ignore-file[RC204]` silences them in the whole file. A bare
`routec: ignore` silences everything on its line, and is itself reported
(RC901) so that every silence names what it silences. A suppression, or a
code in one, that silences nothing is reported too (RC900), so they do not
outlive the problems they were written for. A file that does not read (RC001)
is reported whatever a suppression says (see settings.ALWAYS_REPORTED).

Spaces may stand before the bracket, `routec: ignore [RC101]`, as mypy allows in
`type: ignore [code]`: the codes are still the codes, never a bare `ignore`.
`ignore-file` counts only on a line of its own; written after other text it
silences nothing and is reported (RC900), as ruff warns about a `noqa` it
cannot honour rather than guessing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

from .diagnostics import Diagnostic
from .settings import ALWAYS_REPORTED
from .syntax import Document, Mapping, Node, Scalar, Sequence, Source

# A comment marker preceded by whitespace or the start of a line (a `#` inside a
# YAML plain scalar such as `a#b` is not a comment).
_COMMENT = {"yaml": r"#", "json5": r"//"}
_DIRECTIVE = r"(?:^|(?<=\s))(?:{marker})[ \t]*routec:[ \t]*(ignore-file|ignore)\b(?:[ \t]*\[([^\]\n]*)\])?"


class Suppression(NamedTuple):
    start: int  # the comment's span in the source
    end: int
    line: int  # the line it silences (1-based)
    whole_file: bool
    codes: tuple[str, ...] | None  # None: a bare `ignore`
    code_spans: tuple[tuple[int, int], ...]  # where each code is written
    # An `ignore-file` after other text on its line: it silences nothing.
    misplaced: bool = False


def find(source: Source, fmt: str) -> list[Suppression]:
    text = source.text
    if "routec:" not in text:
        return []
    pattern = re.compile(_DIRECTIVE.format(marker=_COMMENT.get(fmt, "#")), re.MULTILINE)
    found = []
    for match in pattern.finditer(text):
        codes, spans = _codes(match)
        line = source.position(match.start()).line
        whole_file = match.group(1) == "ignore-file"
        misplaced = whole_file and bool(text[source.line_starts[line - 1] : match.start()].strip())
        found.append(Suppression(match.start(), match.end(), line, whole_file, codes, spans, misplaced))
    return found


def _codes(match: re.Match[str]) -> tuple[tuple[str, ...] | None, tuple[tuple[int, int], ...]]:
    if match.group(2) is None:
        return None, ()
    base = match.start(2)
    items = [(item.group(0), base + item.start(), base + item.end()) for item in re.finditer(r"[^,\s]+", match.group(2))]
    return tuple(code for code, _, _ in items), tuple((start, end) for _, start, end in items)


class Outcome(NamedTuple):
    kept: list[Diagnostic]
    silenced: dict[int, list[Diagnostic]]  # by the start of the suppression that silenced them


def apply(diagnostics: list[Diagnostic], suppressions: list[Suppression]) -> Outcome:
    """Drop the diagnostics that a suppression covers; remember which suppression silenced each."""
    suppressions = [s for s in suppressions if not s.misplaced]
    if not suppressions:
        return Outcome(diagnostics, {})
    by_line: dict[int, list[Suppression]] = {}
    whole_file = [s for s in suppressions if s.whole_file]
    for suppression in suppressions:
        if not suppression.whole_file:
            by_line.setdefault(suppression.line, []).append(suppression)
    kept: list[Diagnostic] = []
    silenced: dict[int, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.code in ALWAYS_REPORTED:  # the file was not checked: nothing silences that
            kept.append(diagnostic)
            continue
        line = diagnostic.source.position(diagnostic.start).line
        covering = _covering(diagnostic.code, by_line.get(line, []) + whole_file)
        if covering is None:
            kept.append(diagnostic)
        else:
            silenced.setdefault(covering.start, []).append(diagnostic)
    return Outcome(kept, silenced)


def reachable(suppression: Suppression, diagnostics: list[Diagnostic]) -> set[str]:
    """The codes of the diagnostics a suppression is placed to silence: on its line, or anywhere for `ignore-file`."""
    if suppression.whole_file:
        return {diagnostic.code for diagnostic in diagnostics}
    return {d.code for d in diagnostics if d.source.position(d.start).line == suppression.line}


def _covering(code: str, candidates: list[Suppression]) -> Suppression | None:
    for suppression in candidates:
        if suppression.codes is None or code in suppression.codes:
            return suppression
    return None


class Strings:
    """Where a document's strings lie, keys and values: `# routec: ignore` inside a quoted or block
    string is the string's text, not a comment, and a comment cannot be added at a place inside one."""

    def __init__(self, root: Node | None, text: str) -> None:
        spans = []
        for scalar in _strings(root):
            start, end = scalar.start, scalar.end
            if scalar.style in ("|", ">"):
                # Its text starts on the line after the header (which can hold a comment) and runs to the
                # end of its last line: a comment added there would be text too.
                header_end = _LINE_BREAK.search(text, start)
                start = header_end.end() if header_end else end
                if end > start and text[end - 1] not in "\r\n":
                    tail = _LINE_BREAK.search(text, end)
                    end = (tail.start() if tail else len(text)) + 1
            spans.append((start, end))
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def contain(self, offset: int, strictly: bool = False) -> bool:
        """Whether the character at ``offset`` is in a string; ``strictly``: whether text inserted at
        ``offset`` would be (inserting just before or after a quoted string is outside it)."""
        index = bisect.bisect_right(self.starts, offset - 1 if strictly else offset) - 1
        return index >= 0 and offset < self.spans[index][1]

    def comments(self, found: list[Suppression]) -> list[Suppression]:
        return [item for item in found if not self.contain(item.start)]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def in_force(document: Document) -> list[Suppression]:
    """The document's suppressions that are comments, not text inside a string."""
    found = find(document.source, document.format)
    return Strings(document.root, document.source.text).comments(found) if found else found


def _strings(root: Node | None) -> Iterator[Scalar]:
    """Every string scalar, keys included; a node shared through YAML aliases once."""
    stack: list[Node] = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Scalar):
            if isinstance(node.value, str):
                yield node
        elif isinstance(node, Mapping):
            for pair in node.pairs:
                stack += (pair.key, pair.value)
        elif isinstance(node, Sequence):
            stack += node.items
