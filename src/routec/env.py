"""Environment references as each dialect writes them: `${VAR}`, `$VAR` (Plano), `os.environ/VAR` (LiteLLM).

Every dialect also accepts `${VAR}` inside a longer value where its gateway
substitutes it; `os.environ/VAR` is only ever the whole value.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_BRACED = re.compile(r"(?<!\$)\$\{([A-Z_][A-Z0-9_]*)\}")
_BARE = re.compile(r"(?<![\$\w])\$([A-Za-z_][A-Za-z0-9_]*)")
# LiteLLM resolves a value that is exactly `os.environ/NAME`, nothing around it.
_LITELLM = re.compile(r"^os\.environ/([A-Za-z_][A-Za-z0-9_]*)$")


class Found(NamedTuple):
    start: int
    end: int
    name: str


def references(value: str, syntax: str) -> list[Found]:
    """The well-formed references in a value, in the given dialect syntax."""
    if syntax == "os.environ/VAR":
        whole = _LITELLM.match(value)
        return [Found(whole.start(1) - len("os.environ/"), whole.end(1), whole.group(1))] if whole else []
    found = [Found(match.start(), match.end(), match.group(1)) for match in _BRACED.finditer(value)]
    if syntax == "$VAR":
        found += [Found(match.start(), match.end(), match.group(1)) for match in _BARE.finditer(value)]
        found.sort()
    return found


def names(value: str, syntax: str) -> list[str]:
    return [reference.name for reference in references(value, syntax)]
