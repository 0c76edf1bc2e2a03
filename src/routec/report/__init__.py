"""Reporters: diagnostics to text for people and machines.

A reporter takes the reports of every checked file and returns the whole
output as a string. Reporters never see a secret: code frames mask the
secret spans each file report lists.
"""

from __future__ import annotations

from collections.abc import Callable

from ..check import FileReport
from .concise import render_concise
from .json import render_json
from .text import render_text

Reporter = Callable[[list[FileReport], bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "concise": render_concise,
    "json": render_json,
}

__all__ = ["REPORTERS", "Reporter"]
