"""Names in generated code: route and agent names as identifiers, file names in comments.

Names like ``fast-model`` or ``plano.summarize.v1`` are legal route names but
not identifiers. Stubs key their maps by the names themselves (string
literals), and also offer one constant per name, ``FAST_MODEL``. Two names
that map to one constant are a build error, never silently merged.

The config's file name goes into comments and docstrings (``# ... from
full.json5``). A file name may hold anything but ``/`` and NUL, so a name that
is not plain is shown quoted and escaped: it can never end the comment or the
string it sits in.
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Callable
from typing import NamedTuple

from ..syntax import Scalar


class Collision(NamedTuple):
    identifier: str
    first: tuple[str, Scalar]
    second: tuple[str, Scalar]


def identifier(name: str) -> str:
    """``fast-model`` -> ``FAST_MODEL``; ``4o`` -> ``N_4O``."""
    upper = re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").upper()
    if not upper:
        upper = "NAME"
    if upper[0].isdigit():
        upper = "N_" + upper
    if keyword.iskeyword(upper):
        upper += "_"
    return upper


def identifiers(names: list[tuple[str, Scalar]]) -> tuple[dict[str, str], list[Collision]]:
    """A constant per name, and every pair of names that would share one."""
    chosen: dict[str, str] = {}
    owners: dict[str, tuple[str, Scalar]] = {}
    collisions: list[Collision] = []
    for name, key in names:
        constant = identifier(name)
        if constant in owners:
            collisions.append(Collision(constant, owners[constant], (name, key)))
            continue
        owners[constant] = (name, key)
        chosen[name] = constant
    return chosen, collisions


# Shown as is: no white space, quote or backslash (anything else is quoted).
_PLAIN_FILE = re.compile(r"[^\s\"'\\]+")


def file_label(name: str) -> str:
    """A file name for a comment or docstring in generated code: as is when plain, else quoted.

    The quoted form is a double-quoted string literal that JSON and TypeScript
    read back as the name (Python too, but for a character beyond the BMP that
    is not printable, which it reads as its surrogate pair). Within it every
    quote and backslash is escaped, and so is every character that is not
    printable: line breaks of any kind (``\\n``, U+2028, NEL), controls, bidi
    overrides, lone surrogates. ``*/`` is written ``*\\u002f``, so it cannot
    end a ``/* */`` comment.
    """
    if name.isprintable() and _PLAIN_FILE.fullmatch(name) and "*/" not in name:
        return name
    return printable(json.dumps(name, ensure_ascii=False)).replace("*/", "*\\u002f")


def printable(text: str, keep: str = "", escape: Callable[[str], str] | None = None) -> str:
    """JSON text with each character that is not printable (but those in `keep`) as a ``\\u`` escape.

    json.dumps escapes only the ASCII controls; U+2028, NEL, bidi overrides
    and lone surrogates stay, and a line-oriented reader or a UTF-8 writer
    trips on them. Outside its strings JSON text is ASCII, so only strings change.
    """
    escape = escape or _escaped
    return "".join(char if char.isprintable() or char in keep else escape(char) for char in text)


def yaml_escaped(char: str) -> str:
    """A YAML double-quoted escape: ``\\U`` beyond the BMP (YAML has no surrogate pairs), and U+FFFD for
    a lone surrogate, which no YAML (or UTF-8) text can hold."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "\\ufffd"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: a surrogate pair, the one form JSON, Python and TypeScript share
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
