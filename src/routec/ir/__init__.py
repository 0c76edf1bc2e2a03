"""The routing model every dialect lowers to, and rules read.

Each element keeps the syntax nodes it came from, so a rule can point at the
exact characters of a name, a model string or a reference. Names and values
that a rule may judge are ``Scalar`` nodes (value plus span); lowering keeps
only well-typed values, the shape checks report the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import NamedTuple

from ..syntax import Document, Mapping, Node, Scalar, Sequence
from .findings import Finding


class RefKind(str, Enum):
    """Where a name that should resolve to a route or alias was written."""

    AGENT_ROUTE = "agent route"
    DEFAULT_ROUTE = "default route"
    RULE_ROUTE = "rule route"
    FALLBACK = "fallback"
    ALIAS_TARGET = "alias target"
    OTHER_ROUTE = "route reference"

    def __str__(self) -> str:
        return self.value


class Reference:
    """A name written where a route (or an alias of one) is expected."""

    __slots__ = ("name", "value", "kind", "path", "owner")

    def __init__(self, name: Scalar, kind: RefKind, path: str, owner: str | None = None) -> None:
        self.name = name
        # Kept here, not read through ``name``: every rule pass reads it, and the tree is far away in memory.
        self.value = str(name.value)
        self.kind = kind
        self.path = path  # where it sits, for messages: "agents.list[1].route"
        self.owner = owner  # the route, alias or agent it belongs to


class ModelRef:
    """A model string as written, e.g. ``anthropic:claude-opus-4-6``."""

    __slots__ = ("text", "value", "path", "owner")

    def __init__(self, text: Scalar, path: str, owner: str | None = None) -> None:
        self.text = text
        self.value = str(text.value)  # as Reference.value
        self.path = path
        self.owner = owner


class Route:
    """A named route: the model it sends requests to, and where it fails over.

    ``key`` is where the name is defined; for a dialect whose routes are named
    by their model (Plano), it is that model string. ``extra_models`` are more
    deployments that share the load (a LiteLLM model group); ``fallback_models``
    are models tried after the route's own, where a dialect names models rather
    than routes as fallbacks (TokenPak, MultiRoute).
    """

    __slots__ = ("name", "key", "node", "model", "extra_models", "fallbacks", "fallback_models", "description", "strategy")

    def __init__(self, name: str, key: Scalar, node: Node) -> None:
        self.name = name
        self.key = key
        self.node = node
        self.model: ModelRef | None = None
        self.extra_models: list[ModelRef] = []
        self.fallbacks: list[Reference] = []
        self.fallback_models: list[ModelRef] = []
        self.description: str | None = None
        self.strategy: Strategy | None = None


class Strategy:
    """How a route uses its models (routec's format): single, failover, cascade, parallel, loadbalance.

    The strategy's other models are also the route's ``extra_models``, so every
    model rule sees them; here they keep their role.
    """

    __slots__ = ("kind", "node", "models", "failover_on", "check", "scorer", "weights")

    def __init__(self, kind: str, node: Node) -> None:
        self.kind = kind
        self.node = node
        self.models: list[ModelRef] = []  # every model, the route's own first
        self.failover_on: list[Scalar] = []  # status codes or words: rate_limit, timeout, server_error
        self.check: Scalar | None = None  # cascade: the named check that decides to escalate
        self.scorer: Scalar | None = None  # parallel: the named scorer that picks an answer
        self.weights: list[Scalar] = []  # loadbalance: one per model


class Alias:
    __slots__ = ("name", "key", "target")

    def __init__(self, name: str, key: Scalar, target: Reference | ModelRef) -> None:
        self.name = name
        self.key = key
        self.target = target


class Agent:
    """An agent entry, or the defaults every agent inherits (``id`` None)."""

    __slots__ = ("id", "node", "path", "route", "model")

    def __init__(self, id: Scalar | None, node: Node, path: str) -> None:
        self.id = id
        self.node = node
        self.path = path
        self.route: Reference | None = None
        self.model: ModelRef | None = None

    @property
    def label(self) -> str:
        return "agents.defaults" if self.id is None else f"agent '{self.id.value}'"


class Credential:
    """A config value that holds a secret or a reference to one."""

    __slots__ = ("value", "path")

    def __init__(self, value: Scalar, path: str) -> None:
        self.value = value
        self.path = path


class Provider:
    __slots__ = ("name", "key", "path", "base_url", "configured", "enabled", "scopes")

    def __init__(
        self,
        name: str,
        key: Node,
        path: str,
        *,
        configured: bool = True,
        base_url: Scalar | None = None,
        enabled: bool = True,
    ) -> None:
        self.name = name
        self.key = key  # the key that opens its block, e.g. `google` or `anthropic`
        self.path = path
        self.base_url = base_url
        # Configured enough to call: credentials given, or none needed.
        self.configured = configured
        # False when the config turns the provider off (MultiRoute's `disabled: true`).
        self.enabled = enabled
        # Where its credentials are written: its own block, or (LiteLLM) each deployment that uses it.
        self.scopes = [path + "."]

    def owns(self, credential: Credential) -> bool:
        return any(credential.path.startswith(scope) for scope in self.scopes)


class Matcher:
    """A rule that picks a route for a request: by keywords, a regex, or an intent label."""

    __slots__ = ("kind", "patterns", "route", "priority", "node", "name")

    def __init__(self, kind: str, patterns: list[Scalar], route: Reference | None, node: Node, name: str | None = None) -> None:
        self.kind = kind  # "keyword", "regex" or "intent"
        self.patterns = patterns
        self.route = route  # None for a dialect where the matcher belongs to the route itself
        self.priority: int | None = None
        self.node = node
        self.name = name


class Preference:
    """A route described for a preference router (Plano's Arch-Router): a name and a description."""

    __slots__ = ("name", "description", "route", "kind", "node")

    def __init__(self, name: Scalar, description: Scalar | None, route: Reference | None, node: Node) -> None:
        self.name = name
        self.description = description
        self.route = route
        self.kind: Scalar | None = None  # "domain" or "action", when the config says
        self.node = node


class Budget:
    """Cost-aware degradation: above a share of the budget, models are swapped for cheaper ones."""

    __slots__ = ("threshold", "degradation", "node")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.threshold: Scalar | None = None  # percent, 0-100
        self.degradation: list[tuple[ModelRef, ModelRef]] = []  # (model, its cheaper replacement)


class Conventions(NamedTuple):
    """How a dialect writes things, as data rules can use without knowing it."""

    known_providers: frozenset[str]
    model_separator: str = ":"
    # Model ids with a dot before the separator are Bedrock ids, exempt from the prefix check.
    dotted_ids_are_bedrock: bool = False
    # Where a provider's credentials go, for fix hints: provider -> "google.apiKey".
    credential_paths: tuple[tuple[str, str], ...] = ()
    # Conventional variables for secrets that are not provider keys:
    # ("gateway.auth.token", "CARAPACE_GATEWAY_TOKEN").
    secret_variables: tuple[tuple[str, str], ...] = ()
    # How the gateway reads YAML: "1.2", or "1.1" for PyYAML-based gateways (yes/no/on/off are booleans).
    yaml_version: str = "1.2"
    # How an environment reference is written: "${VAR}" (routec, Carapace), "$VAR" (Plano), "os.environ/VAR" (LiteLLM).
    env_syntax: str = "${VAR}"
    # Whether an alias may name a model directly (Plano's aliases must name a declared model).
    aliases_name_models: bool = True
    # The gateway's name, for messages: "LiteLLM", "Plano".
    gateway: str = ""
    # The variable the gateway reads each provider's key from, where it differs from the usual one.
    provider_env: tuple[tuple[str, str], ...] = ()

    def env_var_for(self, provider: str) -> str:
        """The environment variable this gateway reads a provider's key from."""
        from ..catalog import env_var_for

        return dict(self.provider_env).get(provider) or env_var_for(provider)

    def env_reference(self, variable: str) -> str:
        """How this dialect writes a reference to an environment variable."""
        return self.env_syntax.replace("VAR", variable)

    def credential_path(self, provider: str) -> str:
        for name, path in self.credential_paths:
            if name == provider:
                return path
        return f"providers.{provider}.apiKey"


class Config:
    """One routing config, whatever dialect it was written in."""

    __slots__ = (
        "dialect",
        "document",
        "conventions",
        "routes",
        "aliases",
        "agents",
        "defaults",
        "providers",
        "other_references",
        "findings",
        "credentials",
        "lowered",
        "other_models",
        "matchers",
        "default_route",
        "rules_off",
        "preferences",
        "budget",
        "extension",
        "recognised",
    )

    def __init__(self, dialect: str, document: Document, conventions: Conventions) -> None:
        self.dialect = dialect
        self.document = document
        self.conventions = conventions
        self.routes: dict[str, Route] = {}
        self.aliases: dict[str, Alias] = {}
        self.agents: list[Agent] = []
        self.defaults: Agent | None = None
        self.providers: dict[str, Provider] = {}
        # Other places that name a route (Carapace cron payloads, ...) or a model.
        self.other_references: list[Reference] = []
        self.other_models: list[ModelRef] = []
        # Keyword, regex and intent rules that pick a route (TokenPak, routec's `rules`), and the
        # route when none matches.
        self.matchers: list[Matcher] = []
        self.default_route: Reference | None = None
        # The switch that turns rule routing off (TokenPak's `routing.enabled: false`); then there are no matchers.
        self.rules_off: Scalar | None = None
        self.preferences: list[Preference] = []
        self.budget: Budget | None = None
        # What a dialect knows beyond the common model, for its own rules.
        self.extension: object | None = None
        # Shape problems found while lowering: unknown keys, wrong types, ...
        self.findings: list[Finding] = []
        self.credentials: list[Credential] = []
        # False when the root is not a mapping: nothing could be lowered.
        self.lowered = True
        # Whether the file says it is a routing config (a comment, $schema or its shape), whatever
        # dialect it was lowered as: found while detecting the dialect, kept so editors need not ask again.
        self.recognised = True

    @property
    def root(self) -> Node | None:
        return self.document.root

    def all_agents(self) -> Iterator[Agent]:
        if self.defaults is not None:
            yield self.defaults
        yield from self.agents

    def names(self) -> set[str]:
        """Every name a reference may use: routes and aliases. A new set on every call: to ask about
        one name, use ``defines``."""
        return set(self.routes) | set(self.aliases)

    def defines(self, name: str) -> bool:
        """Whether a route or an alias has this name."""
        return name in self.routes or name in self.aliases

    def references(self) -> Iterator[Reference]:
        """Every place a route or alias is named, in source order of kind."""
        for agent in self.all_agents():
            if agent.route is not None:
                yield agent.route
        yield from self.other_references
        for matcher in self.matchers:
            if matcher.route is not None:
                yield matcher.route
        if self.default_route is not None:
            yield self.default_route
        for preference in self.preferences:
            if preference.route is not None:
                yield preference.route
        for route in self.routes.values():
            yield from route.fallbacks
        for alias in self.aliases.values():
            if isinstance(alias.target, Reference):
                yield alias.target

    def model_refs(self) -> Iterator[ModelRef]:
        """Every model string in the config."""
        for route in self.routes.values():
            if route.model is not None:
                yield route.model
            yield from route.extra_models
            yield from route.fallback_models
        yield from self.other_models
        if self.budget is not None:
            for before, after in self.budget.degradation:
                yield before
                yield after
        for alias in self.aliases.values():
            if isinstance(alias.target, ModelRef):
                yield alias.target
        for agent in self.all_agents():
            if agent.model is not None:
                yield agent.model


def string_scalars(document: Document) -> Iterator[Scalar]:
    """Every string value (not key) in a document's tree, depth first, without recursion."""
    if document.root is None:
        return
    stack: list[Node] = [document.root]
    # Only a tree with YAML aliases has nodes in two places; remembering every node of a large file costs.
    seen: set[int] | None = set() if document.shares_nodes else None
    while stack:
        current = stack.pop()
        if seen is not None:
            if id(current) in seen:  # a YAML alias: visit the shared node once
                continue
            seen.add(id(current))
        if isinstance(current, Scalar):
            if isinstance(current.value, str):
                yield current
        elif isinstance(current, Mapping):
            stack.extend(pair.value for pair in reversed(current.pairs))
        elif isinstance(current, Sequence):
            stack.extend(reversed(current.items))
