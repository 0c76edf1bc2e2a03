"""Dialect front-ends, and how a file's dialect is decided.

In order: ``--dialect``; a ``# routec: dialect=NAME`` (or ``//``) comment on
the first line; a ``$schema`` naming ``NAME.schema.json``; the shape of the
file (a top-level ``gateway`` key, or the name ``carapace.json5``, means
Carapace); otherwise routec's own format. A file that is not in routec's own
format either is told so, with the dialect its top-level keys come nearest to.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..catalog import PROVIDERS
from ..ir import Config
from ..ir.findings import InvalidValue, MissingKey, UnknownKey
from ..suggest import Suggester, suggest
from ..syntax import Document, Mapping, Scalar, Source, parse
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
    config.recognised = detection.recognised
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
    if detection.reason == "default" and isinstance(document.root, Mapping):
        _explain_unrecognised(document.root, config)
    return config


def _explain_unrecognised(root: Mapping, config: Config) -> None:
    """No dialect claimed the file and it has keys routec's own format lacks: the missing
    `routes` says the format was a guess, and names the dialect the keys come nearest to."""
    native = DIALECTS[DEFAULT].schema.fields
    foreign = [pair.name for pair in root.pairs if isinstance(pair.key, Scalar) and pair.name not in native]
    if not foreign:
        return  # only routec's own keys: a routec config without `routes`, nothing to explain
    matches = _foreign_keys(foreign)
    nearest = _nearest_dialect(matches)
    why = "no dialect was recognised, so the file was read as routec's own format"
    comment = f"`{'#' if config.document.format == 'yaml' else '//'} routec: dialect=NAME` on the first line"
    note = f"add 'routes', or name the dialect with `--dialect NAME` or {comment} (NAME: {', '.join(DIALECTS)})"
    if nearest is not None:
        dialect, key, match = nearest
        title = dialect.summary.split()[0]  # "LiteLLM proxy config.yaml" -> "LiteLLM"
        why += f"; '{key}' looks like {title}'s '{match}'" if key != match else f"; '{key}' is a {title} key"
        named = f"pass `--dialect {dialect.name}` or put {comment.replace('NAME', dialect.name)}"
        rename = f"rename '{key}' to '{match}', or " if key != match else ""
        note = f"if this is a {title} config, {rename}{named}"
    misspelt = {name: key for name, key in matches.items() if name != key}
    for index, finding in enumerate(config.findings):
        if isinstance(finding, MissingKey) and finding.path == "" and finding.key == "routes":
            config.findings[index] = finding._replace(why=why, note=note)
        elif isinstance(finding, UnknownKey) and finding.path == "" and finding.key in misspelt:
            if isinstance(finding.node, Scalar) and _claimed_after_rename(
                config.document, finding.node, misspelt[finding.key]
            ):
                # A misspelt gateway key whose right spelling gets the file recognised: offer that spelling.
                config.findings[index] = finding._replace(allowed=(*finding.allowed, misspelt[finding.key]))


# A model string with a provider routec knows, e.g. `anthropic:claude-x` or `openai/gpt-4o`.
_MODEL_STRING = re.compile(r"(?<![\w.-])(?:" + "|".join(sorted(map(re.escape, PROVIDERS), key=len, reverse=True)) + r")[:/][\w.]")


def nearly_recognised(document: Document) -> bool:
    """Whether a file no dialect claims would be claimed with one top-level key spelt right
    (`rotes`, `model_lst`): a routing config with a typo, not some other YAML or JSON file."""
    if not isinstance(document.root, Mapping) or not _MODEL_STRING.search(document.source.text):
        return False  # no `provider:model` or `provider/model` anywhere: not a routing config (Alertmanager's `route`)
    nearest = Suggester({key for dialect in DIALECTS.values() for key in dialect.schema.fields})
    for pair in document.root.pairs:
        if isinstance(pair.key, Scalar) and (match := nearest.best(pair.name)) is not None and match != pair.name:
            if _claimed_after_rename(document, pair.key, match):
                return True
    return False


def _claimed_after_rename(document: Document, key: Scalar, name: str) -> bool:
    """Whether some dialect would claim the file were ``key`` spelt ``name`` (a rename that
    leaves the file read as routec's own format would only swap one unknown key for another)."""
    text = document.source.text
    renamed = parse(Source(document.source.path, text[: key.start] + name + text[key.end :]), document.format)
    return renamed.readable and _by_shape(renamed).recognised


def _foreign_keys(names: list[str]) -> dict[str, str]:
    """Each name that is, or is close to, another dialect's top-level key: name -> that key.
    A name close to one of routec's own keys is a misspelling of it, not a sign of a dialect."""
    native = DIALECTS[DEFAULT].schema.fields
    known = {key for dialect in DIALECTS.values() for key in dialect.schema.fields if key not in native}
    nearest = Suggester(known)
    matches: dict[str, str] = {}
    for name in names:
        match = name if name in known else None if suggest(name, native) else nearest.best(name)
        if match is not None:
            matches[name] = match
    return matches


def _nearest_dialect(matches: dict[str, str]) -> tuple[Dialect, str, str] | None:
    """The one dialect owning most of the matched keys (none on a tie), with one of its matches
    to show, a misspelt one first: (dialect, the file's key, the dialect's key)."""
    owned = {
        dialect.name: [(name, key) for name, key in matches.items() if key in dialect.schema.fields]
        for dialect in DIALECTS.values()
        if dialect.name != DEFAULT
    }
    counts = sorted((len(found) for found in owned.values()), reverse=True)
    if counts[0] == 0 or counts[0] == counts[1]:
        return None  # nothing matched, or `models` alone could be Carapace's or TokenPak's
    best = max(owned, key=lambda name: len(owned[name]))
    name, key = min(owned[best], key=lambda pair: pair[0] == pair[1])
    return DIALECTS[best], name, key


__all__ = ["DIALECTS", "Detection", "Dialect", "detect", "lower"]
