"""`routec convert --to routec`: any dialect's config, in routec's own format.

A migration path: routes, aliases, fallbacks, agents and providers carry
over (names made into valid route ids, `provider/model` written as
`provider:model`, provider names mapped to routec's, credentials kept as
environment references). Everything else in the source is listed in a
comment at the top of the result, with its line, instead of being dropped.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from .. import __version__, env
from ..dialects.base import fix_route_id
from ..ir import Config, ModelRef, Reference
from ..ir.models import ModelForm, parse_model
from ..secrets import Secret, find_secrets, scrub
from ..syntax import Mapping, Node, Scalar, Sequence

# Provider names other gateways use, as routec writes them.
PROVIDER_NAMES = {
    "azure_openai": "azure",
    "azure_ai": "azure",
    "amazon_bedrock": "bedrock",
    "vertex_ai": "vertex",
    "vertex_ai_beta": "vertex",
    "together_ai": "together",
    "fireworks_ai": "fireworks",
    "ollama_chat": "ollama",
    "google": "gemini",
    "mistralai": "mistral",
}


class Dropped(NamedTuple):
    path: str
    line: int
    value: str


class Conversion(NamedTuple):
    text: str
    dropped: list[Dropped]
    renamed: dict[str, str]  # source name -> route id, where they differ


def convert(config: Config) -> Conversion:
    secrets = find_secrets(config.document, config)
    names = _route_ids(config)
    routes, added = _routes(config, names)
    lines = _header(config, dropped := _dropped(config, secrets))
    lines += _providers(config)
    lines += ["routes:"] + routes + added
    lines += _aliases(config, names)
    lines += _agents(config, names)
    renamed = {old: new for old, new in names.items() if old != new}
    # Descriptions, base URLs and models are copied as written: a key pasted into one is masked.
    return Conversion(scrub("\n".join(lines) + "\n", secrets), dropped, renamed)


def _route_ids(config: Config) -> dict[str, str]:
    """A valid, unique route id for every route and alias name."""
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for name in [*config.routes, *config.aliases]:
        base = fix_route_id(name)
        candidate, counter = base, 2
        while candidate in taken:
            candidate, counter = f"{base}-{counter}", counter + 1
        taken.add(candidate)
        ids[name] = candidate
    return ids


def model_string(config: Config, ref: ModelRef) -> str:
    """`openai/gpt-4o` (or any dialect's spelling) as routec's `openai:gpt-4o`."""
    parsed = parse_model(ref.value, config.conventions)
    if parsed.form is not ModelForm.QUALIFIED or parsed.provider is None:
        return ref.value
    provider = PROVIDER_NAMES.get(parsed.provider, parsed.provider)
    return f"{provider}:{parsed.model}"


def _routes(config: Config, names: dict[str, str]) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    model_routes: dict[str, str] = {}  # routes made for fallback models, by model string
    added: list[str] = []
    for name, route in config.routes.items():
        lines.append(f"  {_key(names[name])}:")
        if route.model is not None:
            lines.append(f"    model: {_value(model_string(config, route.model))}")
        if route.description:
            lines.append(f"    description: {_value(route.description)}")
        # The failover order a gateway uses: the route's other deployments and fallback models, then its
        # fallback routes. routec's fallbacks are routes, so each such model gets a route of its own.
        fallbacks: list[str] = []
        for model in route.extra_models + route.fallback_models:
            target = model_string(config, model)
            if target not in model_routes:
                model_routes[target] = _unique(fix_route_id(target.split(":", 1)[-1]), names, model_routes)
                added += [f"  {_key(model_routes[target])}:", f"    model: {_value(target)}"]
            fallbacks.append(model_routes[target])
        fallbacks += [names.get(ref.value, ref.value) for ref in route.fallbacks]
        if fallbacks:
            lines.append(f"    fallbacks: [{', '.join(_value(item) for item in fallbacks)}]")
    return lines, added


def _unique(base: str, names: dict[str, str], made: dict[str, str]) -> str:
    taken = set(names.values()) | set(made.values())
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def _aliases(config: Config, names: dict[str, str]) -> list[str]:
    if not config.aliases:
        return []
    lines = ["aliases:"]
    for name, alias in config.aliases.items():
        target = alias.target
        if isinstance(target, Reference):
            written = names.get(target.value, target.value)
        else:
            written = model_string(config, target)
        lines.append(f"  {_key(names[name])}: {_value(written)}")
    return lines


def _agents(config: Config, names: dict[str, str]) -> list[str]:
    if config.defaults is None and not config.agents:
        return []
    lines = ["agents:"]
    defaults = config.defaults
    if defaults is not None and (defaults.route or defaults.model):
        lines.append("  defaults:")
        lines += _choice(config, defaults.route, defaults.model, names, "    ")
    listed = [agent for agent in config.agents if agent.id is not None]
    if listed:
        lines.append("  list:")
        for agent in listed:
            assert agent.id is not None
            lines.append(f"    - id: {_value(str(agent.id.value))}")
            lines += _choice(config, agent.route, agent.model, names, "      ")
    return lines


def _choice(config: Config, route: Reference | None, model: ModelRef | None, names: dict[str, str], indent: str) -> list[str]:
    if route is not None:
        return [f"{indent}route: {_value(names.get(route.value, route.value))}"]
    if model is not None:
        return [f"{indent}model: {_value(model_string(config, model))}"]
    return []


def _providers(config: Config) -> list[str]:
    blocks: dict[str, list[str]] = {}
    for provider in config.providers.values():
        name = PROVIDER_NAMES.get(provider.name, provider.name)
        lines = blocks.setdefault(name, [])
        for credential in config.credentials:
            if credential.path.startswith(provider.path + "."):
                found = env.names(str(credential.value.value), config.conventions.env_syntax)
                variable = found[0] if found else None
                if variable and not any(line.startswith("    apiKey") for line in lines):
                    lines.append(f"    apiKey: {_value('${' + variable + '}')}")
        if provider.base_url is not None and not any(line.startswith("    baseUrl") for line in lines):
            lines.append(f"    baseUrl: {_value(str(provider.base_url.value))}")
    if not blocks:
        return []
    out = ["providers:"]
    for name, lines in blocks.items():
        if lines:
            out += [f"  {_key(name)}:", *lines]
        else:
            out.append(f"  {_key(name)}: {{}}")
    return out


def _header(config: Config, dropped: list[Dropped]) -> list[str]:
    source = config.document.source.path.replace("\\", "/").rsplit("/", 1)[-1]
    lines = [f"# Converted from {source} ({config.dialect}) by routec {__version__}: `routec convert --to routec`."]
    if dropped:
        lines.append("# Not carried over (routec's format has no place for these; review them by hand):")
        lines += [f"#   line {item.line}: {item.path} = {_shorten(item.value)}" for item in dropped]
    return lines


def _dropped(config: Config, secrets: list[Secret]) -> list[Dropped]:
    """Every value in the source that the routing model did not take in (secrets masked)."""
    used = _used_nodes(config)
    source = config.document.source
    found: list[Dropped] = []
    for path, node in _leaves(config.document.root, ""):
        if id(node) not in used:
            found.append(Dropped(path or "(root)", source.position(node.start).line, _preview(node, secrets)))
    return found


def _used_nodes(config: Config) -> set[int]:
    used: set[int] = set()

    def take(node: Node | None) -> None:
        if node is not None:
            used.add(id(node))

    for route in config.routes.values():
        take(route.key)
        for ref in [route.model, *route.extra_models, *route.fallback_models]:
            take(ref.text if ref is not None else None)
        for fallback in route.fallbacks:
            take(fallback.name)
        if route.description is not None and isinstance(route.node, Mapping):
            take(route.node.get("description") or route.node.get("label"))
    for alias in config.aliases.values():
        take(alias.key)
        take(alias.target.name if isinstance(alias.target, Reference) else alias.target.text)
    for agent in config.all_agents():
        take(agent.id)
        take(agent.route.name if agent.route is not None else None)
        take(agent.model.text if agent.model is not None else None)
    for provider in config.providers.values():
        take(provider.key)
        take(provider.base_url)
        for credential in config.credentials:
            if credential.path.startswith(provider.path + "."):
                take(credential.value)
    for ref in config.other_models:
        take(ref.text)
    return used


def _leaves(node: Node | None, path: str) -> list[tuple[str, Node]]:
    """Scalar values (and empty collections) with their paths, without recursion."""
    found: list[tuple[str, Node]] = []
    stack: list[tuple[str, Node]] = [(path, node)] if node is not None else []
    while stack:
        here, current = stack.pop()
        if isinstance(current, Mapping):
            if not current.pairs:
                found.append((here, current))
            for pair in reversed(current.pairs):
                stack.append((f"{here}.{pair.name}" if here else pair.name, pair.value))
        elif isinstance(current, Sequence):
            if not current.items:
                found.append((here, current))
            stack.extend((f"{here}[{index}]", item) for index, item in reversed(list(enumerate(current.items))))
        else:
            found.append((here, current))
    return found


def _preview(node: Node, secrets: list[Secret]) -> str:
    """The value, masked before it is quoted (quoting escapes what a mask must find); shortened later."""
    if isinstance(node, Scalar):
        value = scrub(node.value, secrets) if isinstance(node.value, str) else node.value
        return json.dumps(value, ensure_ascii=False, default=str)
    return "{}" if isinstance(node, Mapping) else "[]"


_PLAIN = re.compile(r"[A-Za-z_][\w.-]*")


def _key(name: str) -> str:
    return name if _PLAIN.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def _value(text: str) -> str:
    """A YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _shorten(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
