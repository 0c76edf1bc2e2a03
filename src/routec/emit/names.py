"""Route and agent names as identifiers for generated constants.

Names like ``fast-model`` or ``plano.summarize.v1`` are legal route names but
not identifiers. Stubs key their maps by the names themselves (string
literals), and also offer one constant per name, ``FAST_MODEL``. Two names
that map to one constant are a build error, never silently merged.
"""

from __future__ import annotations

import keyword
import re
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
