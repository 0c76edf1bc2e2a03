"""routec's own format: Carapace's routing part plus aliases, fallbacks and providers.

See docs/format.md for the full description and an example.
"""

from __future__ import annotations

from ..catalog import PROVIDERS, needs_credentials
from ..ir import Alias, Config, Conventions, ModelRef, Provider, RefKind, Reference
from ..syntax import Document, Mapping, Scalar
from .base import ROUTE_NAMES, Dialect, lower_agents, lower_routes, mapping_at, string_at
from .schema import Field, ListOf, MapOf, Obj, Str, key_path

NAME = Str(doc="A route or alias name.")

ROUTE = Obj(
    what="a route (a mapping with a `model`)",
    doc="A named route: its model, and the routes to fall back to.",
    fields={
        "model": Field(Str(), required=True, doc="The `provider:model` this route sends requests to."),
        "fallbacks": Field(
            ListOf(items=NAME, what="a list of route or alias names"),
            doc="Routes to try, in order, when this route's model fails.",
        ),
        "description": Field(Str(), doc="What this route is for."),
    },
)
AGENT_CHOICE = {
    "route": Field(Str(), doc="A route or alias name; wins over `model`."),
    "model": Field(Str(), doc="A `provider:model` string, used when no route is set."),
}
AGENT = Obj(
    what="an agent (a mapping with an `id`)",
    doc="One agent and the route or model it uses.",
    fields={
        "id": Field(Str(), required=True, doc="The agent's id."),
        **AGENT_CHOICE,
        "description": Field(Str(), doc="What this agent does."),
    },
)
PROVIDER = Obj(
    what="a provider block (a mapping with `apiKey` and/or `baseUrl`)",
    doc="Credentials and endpoint for one provider.",
    fields={
        "apiKey": Field(Str(secret=True), doc="The API key, always as a `${ENV_VAR}` reference."),
        "baseUrl": Field(Str(), doc="Endpoint to use instead of the provider's default."),
    },
)
SCHEMA = Obj(
    what="a routec config (a mapping with `routes`)",
    fields={
        "$schema": Field(Str(), doc="JSON Schema for editors; also selects the routec dialect."),
        "providers": Field(
            MapOf(values=PROVIDER, what="a mapping of provider names to provider blocks"),
            doc="Credentials and endpoints, by provider name (`anthropic`, `openai`, `gemini`, `ollama`, ...).",
        ),
        "routes": Field(
            MapOf(values=ROUTE, what="a mapping of route names to routes", **{**ROUTE_NAMES, "key_kind": "route name"}),
            required=True,
            doc="Named routes: the names applications and agents use.",
        ),
        "aliases": Field(
            MapOf(values=NAME, what="a mapping of alias names to targets", **{**ROUTE_NAMES, "key_kind": "alias name"}),
            doc="Other names for a route, an alias or a `provider:model`.",
        ),
        "agents": Field(
            Obj(
                what="a mapping with `defaults` and `list`",
                fields={
                    "defaults": Field(
                        Obj(what="agent defaults (a mapping)", fields=AGENT_CHOICE, doc="What every agent uses unless it says otherwise."),
                        doc="What every agent uses unless it says otherwise.",
                    ),
                    "list": Field(ListOf(items=AGENT, what="a list of agents"), doc="The agents, each with an `id`."),
                },
            ),
            doc="Agents and the routes or models they use.",
        ),
    },
)


class Native(Dialect):
    name = "routec"
    summary = "routec's own routing format (routes, aliases, fallbacks, providers, agents)"
    schema = SCHEMA
    conventions = Conventions(known_providers=frozenset(PROVIDERS), model_separator=":")

    def looks_like(self, document: Document, path: str) -> bool:
        root = document.root
        return isinstance(root, Mapping) and "routes" in root

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        lower_routes(mapping_at(root, "routes"), config, with_fallbacks=True)
        self.lower_aliases(mapping_at(root, "aliases"), config)
        lower_agents(mapping_at(root, "agents"), config)
        self.lower_providers(mapping_at(root, "providers"), config)

    def lower_aliases(self, aliases: Mapping | None, config: Config) -> None:
        if aliases is None:
            return
        for pair in aliases:
            target = pair.value
            if not isinstance(pair.key, Scalar) or not (isinstance(target, Scalar) and isinstance(target.value, str)):
                continue
            name = pair.name
            path = key_path("aliases", name)
            # A target with a provider separator is a model; anything else names a route or alias.
            if ":" in target.value or "/" in target.value:
                config.aliases[name] = Alias(name, pair.key, ModelRef(target, path, name))
            else:
                config.aliases[name] = Alias(name, pair.key, Reference(target, RefKind.ALIAS_TARGET, path, name))

    def lower_providers(self, providers: Mapping | None, config: Config) -> None:
        if providers is None:
            return
        for pair in providers:
            block = pair.value
            api_key = string_at(block, "apiKey")
            configured = api_key is not None or not needs_credentials(pair.name)
            entry = Provider(pair.name, pair.key, key_path("providers", pair.name), configured=configured)
            entry.base_url = string_at(block, "baseUrl")
            config.providers[pair.name] = entry
