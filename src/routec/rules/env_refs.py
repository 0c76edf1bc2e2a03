"""Finding ${VAR} references in string values, shared by RC302 and RC303."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..syntax import Scalar

VALID_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")
# `$${...}` is a literal; `${...}` a reference; `${` with no `}` unterminated.
REFERENCE = re.compile(r"\$\$\{[^}]*\}?|\$\{([^}$]*)(\}?)")
BARE_REFERENCE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class EnvReference(NamedTuple):
    scalar: Scalar
    start: int  # within the scalar's value
    end: int
    name: str
    closed: bool

    @property
    def valid(self) -> bool:
        return self.closed and bool(VALID_NAME.fullmatch(self.name))


def env_references(strings: Iterable[Scalar]) -> Iterator[EnvReference]:
    for scalar in strings:
        value = scalar.value
        assert isinstance(value, str)
        if "$" not in value:
            continue
        for match in REFERENCE.finditer(value):
            if match.group(0).startswith("$$"):
                continue
            yield EnvReference(scalar, match.start(), match.end(), match.group(1), bool(match.group(2)))
