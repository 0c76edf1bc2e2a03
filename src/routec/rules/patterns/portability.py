"""Where a regex that Python compiles reads differently, or not at all, in JavaScript.

The Python stub compiles a rule's regex with ``re.IGNORECASE | re.ASCII``;
the TypeScript stub with ``new RegExp(pattern, "iu")``. The ``u`` flag makes
JavaScript strict: an escaped character that is not syntax (`\\-` outside a
class, `\\#`, `\\:`), a lone `{`, `}` or `]` is a SyntaxError, so the stub
fails to load. One linear scan finds each construct below.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Problem(NamedTuple):
    start: int
    end: int
    message: str
    error: bool  # False for a difference in reading only (non-ASCII letters)


# Characters JavaScript (flag u) lets a backslash escape: its syntax characters and `/`; in a class also `-`.
JS_ESCAPABLE = frozenset("^$\\.*+?()[]{}|/")
JS_CLASS_ESCAPABLE = JS_ESCAPABLE | {"-"}
PYTHON_ONLY_ESCAPES = {
    "A": "\\A (start of text) is Python's; JavaScript has no \\A: use ^",
    "Z": "\\Z (end of text) is Python's; JavaScript has no \\Z: use $",
    "z": "\\z (end of text) is Python's; JavaScript has no \\z: use $",
    "a": "\\a (bell) is Python's; JavaScript has no \\a: write \\x07",
    "U": "\\U (an 8-digit code point) is Python's; JavaScript rejects it: write the character itself",
    "N": "\\N{...} (a named character) is Python's; JavaScript rejects it: write the character itself",
}
GROUPS = (
    (
        "(?P<",
        "(?P<name>...) is Python's named group; JavaScript writes (?<name>...), which Python rejects: use a plain group (...)",
    ),
    ("(?P=", "(?P=name) is Python's backreference; JavaScript rejects it: use a numbered one (\\1)"),
    ("(?P>", "(?P>name) is not a group in JavaScript"),
    ("(?#", "(?#...) is a Python comment; JavaScript rejects it: remove it"),
    ("(?>", "(?>...) is an atomic group (Python 3.11+); JavaScript rejects it: use a plain group (?:...)"),
    ("(?(", "(?(1)...) is a Python conditional; JavaScript rejects it: use an alternation"),
)
# Python reads \0 followed by digits, and three octal digits, as an octal escape; JavaScript as a backreference or not at all.
OCTAL = re.compile(r"\\(?:0[0-7]{1,2}|[0-3][0-7]{2}|0(?=[89]))")
LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
QUANTIFIERS = ("*", "+", "?", "{")
INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]*(?:-[imsx]*)?[:)]")
QUANTIFIER = re.compile(r"\{(\d*)(,\d*)?\}")


def problems(pattern: str) -> list[Problem]:
    """Each construct that is not portable, in order; a non-ASCII letter once however often it appears."""
    found: list[Problem] = []
    letters: set[str] = set()
    for problem in _scan(pattern):
        if not problem.error:
            if pattern[problem.start] in letters:
                continue
            letters.add(pattern[problem.start])
        found.append(problem)
    return found


def _scan(pattern: str) -> list[Problem]:
    found: list[Problem] = []
    index, size = 0, len(pattern)
    in_class, class_body = False, -1
    groups: list[bool] = []  # per open group: whether it is a lookaround
    while index < size:
        char = pattern[index]
        if char == "\\":
            found += _escape(pattern, index, in_class)
            index += 2
            continue
        if in_class:
            if char == "]" and index == class_body:
                found.append(
                    Problem(
                        index,
                        index + 1,
                        "a ']' first in a class is a literal in Python but ends an empty class in JavaScript: write \\]",
                        True,
                    )
                )
            elif char == "]":
                in_class = False
            found += _letter(pattern, index)
            index += 1
            continue
        if char == "[":
            in_class = True
            class_body = index + 2 if pattern.startswith("[^", index) else index + 1
            index = class_body
            continue
        if char == "(" and pattern.startswith("(?", index):
            found += _group(pattern, index)
            groups.append(pattern.startswith(LOOKAROUNDS, index))
            index += 2
            continue
        if char == "(":
            groups.append(False)
        elif char == ")" and groups and groups.pop() and pattern[index + 1 : index + 2] in QUANTIFIERS:
            message = (
                "a quantifier on a lookaround is accepted by Python but a SyntaxError in JavaScript (flag u): remove it"
            )
            found.append(Problem(index + 1, index + 2, message, True))
        if char in "*+?":
            found += _possessive(pattern, index + 1)
        elif char == "{":
            step = _brace(pattern, index, found)
            index += step
            continue
        elif char in "}]":
            found.append(
                Problem(
                    index,
                    index + 1,
                    f"a lone '{char}' is a literal in Python but a SyntaxError in JavaScript (flag u): write \\{char}",
                    True,
                )
            )
        found += _letter(pattern, index)
        index += 1
    return found


def _escape(pattern: str, index: int, in_class: bool) -> list[Problem]:
    if index + 1 >= len(pattern):
        return []  # a trailing backslash does not compile
    char = pattern[index + 1]
    if char in PYTHON_ONLY_ESCAPES:
        end = pattern.find("}", index) + 1 if char == "N" else index + 2
        return [Problem(index, max(end, index + 2), PYTHON_ONLY_ESCAPES[char], True)]
    octal = OCTAL.match(pattern, index)
    if octal is not None or (char in "123456789" and in_class):
        end = octal.end() if octal is not None else index + 2
        message = (
            f"{pattern[index:end]} is an octal escape in Python and a SyntaxError in JavaScript (flag u): write \\xHH"
        )
        return [Problem(index, end, message, True)]
    if char.isascii() and char.isalnum():
        return []
    allowed = JS_CLASS_ESCAPABLE if in_class else JS_ESCAPABLE
    if char not in allowed:
        shown = "a space" if char == " " else f"'{char}'"
        return [
            Problem(
                index,
                index + 2,
                f"escaping {shown} is fine in Python but a SyntaxError in JavaScript (flag u): write it without the backslash",
                True,
            )
        ]
    return []


def _group(pattern: str, index: int) -> list[Problem]:
    for opening, message in GROUPS:
        if pattern.startswith(opening, index):
            return [Problem(index, index + len(opening), message, True)]
    flags = INLINE_FLAGS.match(pattern, index)
    if flags is not None and flags.end() - index > 3:
        message = "inline flags like (?i) are Python's; JavaScript rejects them (and the stubs already ignore case)"
        return [Problem(index, flags.end(), message, True)]
    return []


def _possessive(pattern: str, after: int) -> list[Problem]:
    if pattern[after : after + 1] == "+":
        message = (
            "a possessive quantifier (*+, ++, ?+, {n}+) is Python 3.11+'s; JavaScript rejects it: drop the last '+'"
        )
        return [Problem(after - 1, after + 1, message, True)]
    return []


def _brace(pattern: str, index: int, found: list[Problem]) -> int:
    """Check a `{` outside a class; return how many characters it takes."""
    quantifier = QUANTIFIER.match(pattern, index)
    if quantifier is not None and quantifier.group(1):
        found += _possessive(pattern, quantifier.end())
        return quantifier.end() - index
    if quantifier is not None and quantifier.group(2):
        low = quantifier.group(0).replace("{,", "{0,")
        found.append(
            Problem(
                index,
                quantifier.end(),
                f"'{quantifier.group(0)}' repeats in Python but is a SyntaxError in JavaScript (flag u): write '{low}'",
                True,
            )
        )
        return quantifier.end() - index
    found.append(
        Problem(
            index,
            index + 1,
            "a lone '{' is a literal in Python but a SyntaxError in JavaScript (flag u): write \\{",
            True,
        )
    )
    return 1


def _letter(pattern: str, index: int) -> list[Problem]:
    char = pattern[index]
    if char.isascii() or char.lower() == char.upper():
        return []
    message = (
        f"'{char}' is not ASCII: Python (re.ASCII) matches it only in this case, JavaScript (flag i) in any case; "
        "write both cases in a class"
    )
    return [Problem(index, index + 1, message, False)]
