"""Reporters: diagnostics to text for people and machines.

A reporter takes the reports of every checked file and returns the whole
output as a string. Reporters never see a secret: code frames mask the
secret spans each file report lists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..check import FileReport

Reporter = Callable[[list["FileReport"], bool], str]

# Imported on use: a run prints one format, and json is not free to import.
_MODULES = {
    "text": "text",
    "concise": "concise",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
}
FORMATS = tuple(_MODULES)


# Formats that say pass or fail themselves: under --strict a warning fails, as it fails the run.
_PASS_OR_FAIL = {"junit"}


def reporter(name: str, strict: bool = False) -> Reporter:
    module = import_module(f"{__name__}.{_MODULES[name]}")
    render = getattr(module, f"render_{name}")
    if strict and name in _PASS_OR_FAIL:
        return partial(render, strict=True)
    return render  # type: ignore[no-any-return]


__all__ = ["FORMATS", "Reporter", "reporter"]
