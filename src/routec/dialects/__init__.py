"""Dialect front-ends, and how a file's dialect is decided.

In order: ``--dialect``; a ``# routec: dialect=NAME`` (or ``//``) comment on
the first line; a ``$schema`` naming ``NAME.schema.json``; the shape of the
file (a top-level ``gateway`` key, or the name ``carapace.json5``, means
Carapace); otherwise routec's own format.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..ir import Config
from ..ir.findings import InvalidValue
from ..syntax import Document, Mapping, Scalar
from .base import Dialect
from .carapace import Carapace
from .litellm import LiteLLM
from .multiroute import MultiRoute
from .native import Native
from .plano import Plano
from .tokenpak import TokenPak

DEFAULT = "routec"
# Shape detection asks each dialect in this order; routec's own format is the fallback.
DIALECTS: dict[str, Dialect] = {
    dialect.name: dialect for dialect in (Native(), Carapace(), Plano(), LiteLLM(), TokenPak(), MultiRoute())
}

_DIRECTIVE = re.compile(r"[ \t]*(?:#|//)[ \t]*routec:[ \t]*dialect[ \t]*=[ \t]*([\w.-]*)")
_SCHEMA_NAME = re.compile(r"([\w-]+)\.schema\.json")
# A top-level key by its text: at the start of a line (YAML) or after `{` (JSON5).
_GATEWAY_KEY = re.compile(r"""(?:^|\{)\s*["']?gateway["']?\s*:""", re.MULTILINE)
_ROUTES_KEY = re.compile(r"""(?:^|\{)\s*["']?routes["']?\s*:""", re.MULTILINE)


class Detection(NamedTuple):
    dialect: Dialect
    # How it was decided: "option", "comment", "$schema", "config", "shape" or "default".
    reason: str
    # A directive naming no dialect: (start, end, name).
    unknown: tuple[int, int, str] | None = None
    # Whether the file itself says it is a routing config (by a comment, $schema or its shape).
    recognised: bool = True


def detect(document: Document, override: str | None = None, default: str | None = None) -> Detection:
    """``override`` is --dialect; ``default`` is the project configuration's dialect."""
    if override:
        # The option decides the dialect; whether the file is a routing config at all is still its own say.
        return Detection(DIALECTS[override], "option", recognised=detect(document, None, default).recognised)
    directive = _DIRECTIVE.match(document.source.text)
    if directive:
        name = directive.group(1)
        if name in DIALECTS:
            return Detection(DIALECTS[name], "comment")
        shape = _by_shape(document)
        return Detection(shape.dialect, shape.reason, (directive.start(1), directive.end(1), name), True)
    root = document.root
    if root is None:
        shape = _by_text(document)
    else:
        schema = root.get("$schema") if isinstance(root, Mapping) else None
        if isinstance(schema, Scalar) and isinstance(schema.value, str):
            found = _SCHEMA_NAME.search(schema.value)
            if found and found.group(1) in DIALECTS:
                return Detection(DIALECTS[found.group(1)], "$schema")
        shape = _by_shape(document)
    if default and shape.reason != "$schema":
        return Detection(DIALECTS[default], "config", recognised=shape.recognised)
    return shape


def _by_text(document: Document) -> Detection:
    """A file that does not parse (yet): judge by its text, for editors mid-edit."""
    text = document.source.text
    schema = re.search(r"""["']?\$schema["']?\s*:\s*["']?[^"'\s]*?([\w-]+)\.schema\.json""", text)
    if schema and schema.group(1) in DIALECTS:
        return Detection(DIALECTS[schema.group(1)], "$schema")
    if _GATEWAY_KEY.search(text) or document.source.path.replace("\\", "/").endswith("carapace.json5"):
        return Detection(DIALECTS["carapace"], "shape")
    native = bool(_ROUTES_KEY.search(text))
    return Detection(DIALECTS[DEFAULT], "shape" if native else "default", recognised=native)


def _by_shape(document: Document) -> Detection:
    for dialect in DIALECTS.values():
        if dialect.name != DEFAULT and dialect.looks_like(document, document.source.path):
            return Detection(dialect, "shape")
    native = DIALECTS[DEFAULT]
    if native.looks_like(document, document.source.path):
        return Detection(native, "shape")
    return Detection(native, "default", recognised=False)


def lower(document: Document, override: str | None = None, default: str | None = None) -> Config:
    """Detect the dialect of a readable document and lower it to the IR."""
    detection = detect(document, override, default)
    config = detection.dialect.lower(document)
    if detection.unknown is not None:
        start, end, name = detection.unknown
        config.findings.append(
            InvalidValue(
                Scalar(name, start, end),
                "dialect",
                f"unknown dialect '{name}' in the first-line comment",
                allowed=tuple(DIALECTS),
            )
        )
    return config


__all__ = ["DIALECTS", "Detection", "Dialect", "detect", "lower"]
