"""What the gateway targets (`routec build --target litellm|plano`) share.

A gateway config is emitted from the resolved table (values, secrets already
masked) and the config it came from (positions, and the structure the table
flattens: a route's strategy, its deployments, its fallback models). What a
gateway cannot express is never dropped silently: each such thing is a
:class:`LeftOut` with the node it sits at in the source, which the build turns
into a warning (codes RB001-RB011, kept apart from the RC rules because they
depend on the target, not on the config) and the emitted file lists in its
header comment.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from .. import __version__
from ..ir import Agent, Config, ModelRef, Route
from ..ir.models import ModelForm, parse_model
from ..syntax import Mapping, Node, Sequence
from .convert import PROVIDER_NAMES
from .names import file_label, printable, yaml_escaped

# Build diagnostics: code -> name. Warnings: the artifact is still written, with what is missing listed in it.
CODES = {
    "RB001": "target-no-agents",
    "RB002": "target-no-rules",
    "RB003": "target-no-strategy",
    "RB004": "target-no-budget",
    "RB005": "target-unknown-provider",
    "RB006": "target-no-fallback-models",
    "RB007": "target-no-fallbacks",
    "RB008": "target-no-preferences",
    "RB009": "target-one-model-per-name",
    "RB010": "target-dropped-reference",
    "RB011": "target-no-default",
}


class LeftOut(NamedTuple):
    """Something in the source a gateway config cannot say, and where it is."""

    code: str
    message: str
    node: Node


class Emitted(NamedTuple):
    text: str
    left_out: list[LeftOut]


class Comment(NamedTuple):
    """A comment line written before a sequence item."""

    text: str
    item: Any


def gateway_provider(provider: str, known: frozenset[str], extra: dict[str, str] | None = None) -> str | None:
    """The gateway's name for a provider in the table (named as the source dialect names it), or None.

    A name the gateway knows is kept (LiteLLM's `ollama_chat` stays); otherwise
    it goes through routec's name (`together_ai` -> `together`) to the
    gateway's (`together` -> `together_ai`), the inverse of what `convert` reads.
    """
    if provider in known:
        return provider
    ours = PROVIDER_NAMES.get(provider, provider)
    if ours in known:
        return ours
    for theirs, mapped in [*PROVIDER_NAMES.items(), *(extra or {}).items()]:
        if mapped == ours and theirs in known:
            return theirs
    return None


def credential(table: dict[str, Any], provider: str) -> str | None:
    """The first credential variable the source declares for a provider (names only, never values)."""
    variables = table["providers"].get(provider, {}).get("credentials", [])
    return str(variables[0]) if variables else None


def base_url(table: dict[str, Any], provider: str) -> str | None:
    url = table["providers"].get(provider, {}).get("base_url")
    return str(url) if url is not None else None


def split_model(config: Config, text: str) -> tuple[str, str] | None:
    """A model string as the source writes it, as (provider, model)."""
    parsed = parse_model(text, config.conventions)
    if parsed.form is not ModelForm.QUALIFIED or parsed.provider is None:
        return None
    return parsed.provider, parsed.model


def anchor(node: Node) -> Node:
    """Where to point for a whole block: its first key (a mapping), its first item (a list), or itself."""
    if isinstance(node, Mapping) and node.pairs:
        return node.pairs[0].key
    if isinstance(node, Sequence) and node.items:
        return node.items[0]
    return node


def agent_anchor(agent: Agent) -> Node:
    if agent.id is not None:
        return agent.id
    if agent.route is not None:
        return agent.route.name
    if agent.model is not None:
        return agent.model.text
    return anchor(agent.node)


def describe_agent(agent: Agent) -> str:
    uses = f"route '{agent.route.value}'" if agent.route is not None else None
    uses = uses or (f"model '{agent.model.value}'" if agent.model is not None else "the defaults")
    return f"{agent.label} ({uses})"


def rules_left_out(config: Config, gateway: str, keep_default: bool = False) -> list[LeftOut]:
    found = []
    for matcher in config.matchers:
        name = f"rule '{matcher.name}'" if matcher.name else f"a {matcher.kind} rule"
        found.append(LeftOut("RB002", f"{gateway} has no keyword, regex or intent rules: {name} is left out", anchor(matcher.node)))
    if config.default_route is not None and not keep_default:
        message = f"{gateway} has no rules: the rules' default route '{config.default_route.value}' is left out"
        found.append(LeftOut("RB002", message, config.default_route.name))
    return found


def budget_left_out(config: Config, gateway: str) -> list[LeftOut]:
    if config.budget is None:
        return []
    return [LeftOut("RB004", f"{gateway} has no cost-aware degradation: the budget is left out", anchor(config.budget.node))]


def fallback_model_left_out(route: Route, model: ModelRef, why: str) -> LeftOut:
    return LeftOut("RB006", f"{why}: fallback model '{model.value}' of route '{route.name}' is left out", model.text)


def header(table: dict[str, Any], config: Config, gateway: str, target: str, left_out: list[LeftOut]) -> list[str]:
    source = config.document.source
    generated = f"# {gateway} config generated by routec {__version__} from {file_label(table['source']['file'])}"
    lines = [f"{generated} (`routec build --target {target}`); edit the source, not this file."]
    if left_out:
        lines.append(f"# Left out ({gateway} cannot express these; `routec build` reports each with its position):")
        for item in left_out:
            lines.append(f"#   line {source.position(item.node.start).line}: {one_line(item.message)} [{item.code}]")
    return lines


def in_source_order(left_out: list[LeftOut]) -> list[LeftOut]:
    return sorted(left_out, key=lambda item: (item.node.start, item.code, item.message))


# --- A small YAML writer: block style, flow lists of scalars, every scalar read back as written ---------------

# Plain scalars that PyYAML (YAML 1.1) and YAML 1.2 both read back as the same string.
_PLAIN = re.compile(r"[A-Za-z_$][A-Za-z0-9_.$/\-]*")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML11_WORDS:
        return text
    # A JSON string is a YAML double-quoted scalar, once what is not printable (which YAML may not hold
    # raw, or PyYAML reads as a line break) is escaped as YAML writes it.
    return printable(json.dumps(text, ensure_ascii=False), escape=yaml_escaped)


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def yaml_text(comments: list[str], document: dict[str, Any]) -> str:
    """The header comments, then each top-level section, a blank line between them."""
    sections = ["\n".join(comments)] + ["\n".join(yaml_lines({key: value})) for key, value in document.items()]
    return "\n\n".join(sections) + "\n"


def yaml_lines(value: dict[str, Any], indent: str = "") -> list[str]:
    lines: list[str] = []
    for key, item in value.items():
        lines += _entry(f"{indent}{scalar(key)}:", item, indent)
    return lines


def _entry(opening: str, item: Any, indent: str) -> list[str]:
    if isinstance(item, dict):
        return [f"{opening} {{}}"] if not item else [opening, *yaml_lines(item, indent + "  ")]
    if isinstance(item, list):
        if all(not isinstance(element, (dict, list, Comment)) for element in item):
            return [f"{opening} [{', '.join(scalar(element) for element in item)}]"]
        return [opening, *_sequence(item, indent + "  ")]
    return [f"{opening} {scalar(item)}"]


def _sequence(items: list[Any], indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, Comment):
            lines.append(f"{indent}# {one_line(item.text)}")
            item = item.item
        if isinstance(item, dict) and item:
            inner = yaml_lines(item, indent + "  ")
            lines += [f"{indent}- {inner[0][len(indent) + 2:]}", *inner[1:]]
        else:
            lines += _entry(f"{indent}-", item, indent)
    return lines
