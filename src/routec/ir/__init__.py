"""The routing model every dialect lowers to, and rules read.

Each element keeps the syntax nodes it came from, so a rule can point at the
exact characters of a name, a model string or a reference. Names and values
that a rule may judge are ``Scalar`` nodes (value plus span); lowering keeps
only well-typed values, the shape checks report the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from ..syntax import Document, Mapping, Node, Scalar, Sequence
from .findings import Finding


class RefKind(str, Enum):
    """Where a name that should resolve to a route or alias was written."""

    AGENT_ROUTE = "agent route"
    DEFAULT_ROUTE = "default route"
    FALLBACK = "fallback"
    ALIAS_TARGET = "alias target"
    OTHER_ROUTE = "route reference"

    def __str__(self) -> str:
        return self.value


@dataclass(slots=True)
class Reference:
    """A name written where a route (or an alias of one) is expected."""

    name: Scalar
    kind: RefKind
    path: str  # where it sits, for messages: "agents.list[1].route"
    owner: str | None = None  # the route, alias or agent it belongs to

    @property
    def value(self) -> str:
        return str(self.name.value)


@dataclass(slots=True)
class ModelRef:
    """A model string as written, e.g. ``anthropic:claude-opus-4-6``."""

    text: Scalar
    path: str
    owner: str | None = None

    @property
    def value(self) -> str:
        return str(self.text.value)


@dataclass(slots=True)
class Route:
    name: str
    key: Scalar  # the definition site
    node: Node
    model: ModelRef | None = None
    fallbacks: list[Reference] = field(default_factory=list)
    description: str | None = None


@dataclass(slots=True)
class Alias:
    name: str
    key: Scalar
    target: Reference | ModelRef


@dataclass(slots=True)
class Agent:
    """An agent entry, or the defaults every agent inherits (``id`` None)."""

    id: Scalar | None
    node: Node
    path: str
    route: Reference | None = None
    model: ModelRef | None = None

    @property
    def label(self) -> str:
        return "agents.defaults" if self.id is None else f"agent '{self.id.value}'"


@dataclass(slots=True)
class Credential:
    """A config value that holds a secret or a reference to one."""

    value: Scalar
    path: str
    provider: str | None = None


@dataclass(slots=True)
class Provider:
    name: str
    key: Node  # the key that opens its block, e.g. `google` or `anthropic`
    path: str
    credentials: list[Credential] = field(default_factory=list)
    base_url: Scalar | None = None
    # Configured enough to call: credentials given, or none needed.
    configured: bool = True


@dataclass(frozen=True, slots=True)
class Conventions:
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

    def credential_path(self, provider: str) -> str:
        for name, path in self.credential_paths:
            if name == provider:
                return path
        return f"providers.{provider}.apiKey"


@dataclass(slots=True)
class Config:
    """One routing config, whatever dialect it was written in."""

    dialect: str
    document: Document
    conventions: Conventions
    routes: dict[str, Route] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)
    agents: list[Agent] = field(default_factory=list)
    defaults: Agent | None = None
    providers: dict[str, Provider] = field(default_factory=dict)
    # Other places that name a route (Carapace cron payloads, ...).
    other_references: list[Reference] = field(default_factory=list)
    # Shape problems found while lowering: unknown keys, wrong types, ...
    findings: list[Finding] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)
    # False when the root is not a mapping: nothing could be lowered.
    lowered: bool = True

    @property
    def root(self) -> Node | None:
        return self.document.root

    def all_agents(self) -> Iterator[Agent]:
        if self.defaults is not None:
            yield self.defaults
        yield from self.agents

    def names(self) -> set[str]:
        """Every name a reference may use: routes and aliases."""
        return set(self.routes) | set(self.aliases)

    def references(self) -> Iterator[Reference]:
        """Every place a route or alias is named, in source order of kind."""
        for agent in self.all_agents():
            if agent.route is not None:
                yield agent.route
        yield from self.other_references
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
        for alias in self.aliases.values():
            if isinstance(alias.target, ModelRef):
                yield alias.target
        for agent in self.all_agents():
            if agent.model is not None:
                yield agent.model


def string_scalars(node: Node | None) -> Iterator[Scalar]:
    """Every string value (not key) in a tree, depth first, without recursion."""
    if node is None:
        return
    stack: list[Node] = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
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
