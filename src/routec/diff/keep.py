"""How to keep clients that name a renamed route or alias working, in the new config's own dialect.

The advice goes where the name would be kept: the new file. A dialect with
aliases gets a snippet of its own alias mechanism (routec's `aliases`,
LiteLLM's `router_settings.model_group_alias`, Plano's `model_aliases`),
aimed where that gateway wants it (LiteLLM and Plano follow one step only, so
at the model group or the model, not at another alias). One without aliases
gets a copy of the route under its old name where that works. When the old
name cannot be written in the new dialect at all (routec's and Carapace's
names are lowercase letters, digits and hyphens, so `openai/gpt-5.2`, a
Plano or LiteLLM model name, is none), the advice says so and that clients
must switch to the new name.
"""

from __future__ import annotations

import re

from ..dialects.base import ROUTE_NAMES
from .side import Side

ROUTE_ID = re.compile(ROUTE_NAMES["key_pattern"])
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
GATEWAYS = {"carapace": "Carapace", "tokenpak": "TokenPak", "multiroute": "MultiRoute"}


def keep_name(side: Side, old: str, new: str) -> str:
    """Advice for clients that name ``old``, now ``new`` in ``side`` (the new config)."""
    dialect = side.dialect
    keeping = f"to keep clients that name '{old}' working"
    if dialect in ("routec", "carapace") and not ROUTE_ID.fullmatch(old):
        what = "routec's alias names" if dialect == "routec" else "Carapace has no aliases, and its route ids"
        return (
            f"'{old}' cannot be kept as a name: {what} start with a lowercase letter and have only lowercase "
            f"letters, digits and hyphens; clients that name '{old}' must switch to '{new}'"
        )
    if dialect == "routec":
        json5 = side.config is not None and side.config.document.format == "json5"
        value = _json_string(new) if json5 else _quoted(new)  # JSON5 values are never bare
        return f"add `aliases: {{{_quoted(old)}: {value}}}` {keeping}"
    if dialect == "litellm":  # model_group_alias resolves one step: aim at the model group (RC604)
        group = _route_of(side, new)
        return f"add `router_settings: {{model_group_alias: {{{_quoted(old)}: {_quoted(group)}}}}}` {keeping}"
    if dialect == "plano":  # an alias target must be a declared model or model id (RC510)
        model = _model_of(side, new)
        if model is None:
            return f"Plano aliases target a model, and '{new}' lands on none: clients that name '{old}' must switch to '{new}'"
        return f"add `model_aliases: {{{_quoted(old)}: {{target: {_quoted(model)}}}}}` {keeping}"
    if dialect == "tokenpak":
        return (
            f"TokenPak has no aliases and picks routes by keyword, so a copy of route '{new}' named '{old}' would "
            f"never be chosen (RC702 with its keywords, RC704 without): clients that name '{old}' must switch to '{new}'"
        )
    gateway = GATEWAYS.get(dialect or "", dialect or "this")
    return f"{gateway} configs have no aliases: add a copy of route '{new}' named '{old}' {keeping}, or switch every client to '{new}'"


def _route_of(side: Side, name: str) -> str:
    """The route a name lands on (itself for a route)."""
    alias = side.table["aliases"].get(name)
    route = alias.get("route") if alias is not None else None
    return str(route) if route else name


def _model_of(side: Side, name: str) -> str | None:
    """The model string the route a name lands on is written with."""
    route = side.config.routes.get(_route_of(side, name)) if side.config is not None else None
    return str(route.model.value) if route is not None and route.model is not None else None


def _quoted(name: str) -> str:
    """A name as a key in YAML flow style or JSON5, or a value in YAML: bare when it can be."""
    if IDENTIFIER.fullmatch(name):
        return name
    return _json_string(name)


def _json_string(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
