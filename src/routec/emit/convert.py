"""`routec convert --to routec`: any dialect's config, in routec's own format.

A migration path. What the routing model holds carries over: providers,
routes (their strategies; other deployments and fallback models as fallback
routes of their own), aliases, agents, keyword/regex/intent rules and their
default, preferences and a budget, in the source's order (names made into
valid route ids, `provider/model` written as `provider:model`, provider names
mapped to routec's, credentials kept as environment references). Everything
else in the source is listed in a comment at the top of the result, with its
line and why, instead of being dropped.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import NamedTuple

from .. import __version__, env, suppress
from ..catalog import PROVIDERS, needs_credentials
from ..dialects.base import fix_route_id, string_at
from ..ir import Agent, Config, Matcher, ModelRef, Preference, Reference, Route
from ..ir.models import ModelForm, parse_model
from ..secrets import Secret, find_secrets, scrub
from ..syntax import Mapping, Node, Scalar, Sequence
from .names import file_label

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

# Why a setting is listed rather than converted. The general one claims nothing about routec's format:
# a gateway's settings, per-deployment parameters and the like are simply not part of its routing model.
UNREAD = "not part of the routing routec converts; review them by hand"
TURNED_OFF = "turned off in the source with `enabled: false`, and routec's format has no switch to turn it off"
NO_ROUTE = "preferences for models no route serves; routec's preferences name routes"
KEYLESS = (
    "the source gives them credentials routec's `apiKey` cannot hold (each caller's own key, forwarded,"
    " or a setting listed below), so RC204 reports them"
)
WILDCARD = "wildcard models such as `openai/*`; no equivalent in routec's format, where a route names one model"


class Dropped(NamedTuple):
    path: str
    line: int
    value: str
    reason: str = UNREAD


class Conversion(NamedTuple):
    text: str
    dropped: list[Dropped]
    renamed: dict[str, str]  # source name -> route id, where they differ
    # Providers routec's format does not know (custom endpoints): kept as written, reported by RC202.
    unknown_providers: tuple[str, ...] = ()
    # Providers the source gives credentials that routec's `apiKey` cannot hold (a caller's own key forwarded):
    # written without a key, reported by RC204.
    keyless_providers: tuple[str, ...] = ()


def convert(config: Config) -> Conversion:
    secrets = find_secrets(config.document, config)
    writer = _Writer(config)
    body = writer.write()
    dropped = _dropped(config, writer.used, writer.reasons, secrets)
    renamed = {old: new for old, new in writer.names.items() if old != new}
    unknown = tuple(sorted(writer.unknown))
    keyless = tuple(writer.keyless)
    # Descriptions, keywords, base URLs and models are copied as written: a key pasted into one is masked.
    text = "\n".join(_header(config, dropped, unknown, keyless) + body) + "\n"
    return Conversion(scrub(text, secrets), dropped, renamed, unknown, keyless)


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


Span = tuple[int, int]


class _Writer:
    """Writes each section a line at a time. Each line names the source nodes it carries: they are not
    listed as dropped, and a suppression comment on their line in the source goes on it too."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.names = _route_ids(config)
        self.used: set[Span] = set()
        self.reasons: dict[Span, str] = {}  # a subtree left out on purpose, and why
        self.model_routes: dict[str, str] = {}  # routes made for fallback models, by model string
        self.made: set[str] = set()  # routes made for preferences that name several models
        self.unknown: set[str] = set()  # providers routec does not know, as written
        self.keyless: list[str] = []  # providers configured in the source with no key to write
        self.models: set[str] = set()  # every model written
        # Only the suppressions that are in force: comments (not text in a string), `ignore-file` on a line of its own.
        found = suppress.in_force(config.document)
        self.file_suppressions = [item for item in found if item.whole_file and not item.misplaced]
        self.suppressions = {item.line: item for item in found if not item.whole_file}

    def write(self) -> list[str]:
        self._dialect_settings()
        lines = [
            *[_suppression(item) for item in self.file_suppressions],
            *self._schema(),
            *self._providers(),
        ]
        routes = self._routes()
        preferences, made = self._preferences()  # after the routes: a route made for a preference takes a free name
        lines += [*routes, *made, *self._aliases(), *self._agents(), *self._rules(), *preferences, *self._budget()]
        self._wildcards()
        if self.config.dialect == "tokenpak":
            self._tokenpak_catalog()
        return lines

    def line(self, text: str, *nodes: Node | None) -> str:
        """`text`, carrying `nodes`: with the suppressions written on their lines, if any."""
        self.take(*nodes)
        source = self.config.document.source
        lines = sorted({source.position(node.start).line for node in nodes if node is not None} & set(self.suppressions))
        codes: list[str] = []
        for number in lines:
            silences = self.suppressions[number].codes
            if silences is None:
                return f"{text}  {_suppression(self.suppressions[number])}"
            codes += [code for code in silences if code not in codes]
        return f"{text}  # routec: ignore[{', '.join(codes)}]" if codes else text

    def take(self, *nodes: Node | None) -> None:
        for node in nodes:
            if node is not None:
                self.used.add((node.start, node.end))

    def leave_out(self, node: Node, reason: str) -> None:
        self.reasons[(node.start, node.end)] = reason

    def name(self, reference: Reference) -> str:
        return self.names.get(reference.value, reference.value)

    def model(self, ref: ModelRef) -> str:
        written = model_string(self.config, ref)
        self.models.add(written)
        provider, separator, _ = written.partition(":")
        if separator:
            self.provider(provider)
        return written

    def provider(self, name: str) -> str:
        if name not in PROVIDERS:
            self.unknown.add(name)
        return name

    # --- sections ------------------------------------------------------------------

    def _schema(self) -> list[str]:
        """A routec file's own `$schema` (another dialect's names that dialect's schema)."""
        schema = string_at(self.config.root, "$schema") if self.config.dialect == "routec" else None
        return [self.line(f"$schema: {_value(str(schema.value))}", schema)] if schema is not None else []

    def _providers(self) -> list[str]:
        config = self.config
        keys: dict[str, Node] = {}  # routec's provider name -> the first `provider.key`
        api_keys: dict[str, tuple[str, Scalar]] = {}  # -> the variable its key names, and where
        urls: dict[str, Scalar] = {}
        configured: set[str] = set()  # with credentials in the source, whether or not a key can be written
        for provider in config.providers.values():
            name = self.provider(PROVIDER_NAMES.get(provider.name, provider.name))
            keys.setdefault(name, provider.key)
            if provider.configured:
                configured.add(name)
            for credential in config.credentials:
                found = env.names(str(credential.value.value), config.conventions.env_syntax)
                if provider.owns(credential) and found and name not in api_keys:
                    api_keys[name] = (found[0], credential.value)
            if provider.base_url is not None:
                urls.setdefault(name, provider.base_url)
        # Another entry's reference to a variable a provider's `apiKey` already names is carried by it.
        variables = {variable for variable, _ in api_keys.values()}
        for credential in config.credentials:
            found = env.names(str(credential.value.value), config.conventions.env_syntax)
            if found and set(found) <= variables:
                self.take(credential.value)
        self.take(*[provider.key for provider in config.providers.values()])
        self.keyless = [name for name in keys if name in configured and name not in api_keys and name in PROVIDERS and needs_credentials(name)]
        lines = []
        for name, key in keys.items():
            settings = []
            if name in api_keys:
                variable, node = api_keys[name]
                settings.append(self.line(f"    apiKey: {_value('${' + variable + '}')}", node))
            if name in urls:
                settings.append(self.line(f"    baseUrl: {_value(str(urls[name].value))}", urls[name]))
            lines += [self.line(f"  {_key(name)}:", key), *settings] if settings else [self.line(f"  {_key(name)}: {{}}", key)]
        return ["providers:", *lines] if lines else []

    def _routes(self) -> list[str]:
        lines: list[str] = []
        added: list[str] = []
        for name, route in self.config.routes.items():
            # Not through line(): a suppression beside a route written on one line is for its model.
            self.take(route.key)
            lines.append(f"  {_key(self.names[name])}:")
            if route.model is not None:
                lines.append(self.line(f"    model: {_value(self.model(route.model))}", route.model.text))
            if route.description is not None and isinstance(route.node, Mapping):
                written = route.node.get("description") or route.node.get("label")
                lines.append(self.line(f"    description: {_value(route.description)}", written))
            fallbacks, carried, made = self._fallbacks(route)
            self.take(route.node.get("fallbacks") if isinstance(route.node, Mapping) else None)  # `[]` says nothing
            added += made
            if fallbacks:
                lines.append(self.line(f"    fallbacks: {_flow([_value(item) for item in fallbacks])}", *carried))
            lines += self._strategy(route)
        return ["routes:", *lines, *added] if lines or added else ["routes: {}"]

    def _fallbacks(self, route: Route) -> tuple[list[str], list[Node], list[str]]:
        """The failover order a gateway uses: the route's other deployments and fallback models, then its
        fallback routes. routec's fallbacks are routes, so each such model gets a route of its own."""
        in_strategy = {id(model) for model in route.strategy.models} if route.strategy is not None else set()
        fallbacks: list[str] = []
        carried: list[Node] = []
        made: list[str] = []
        tried = {self.model(route.model)} if route.model is not None else set()
        for model in route.extra_models + route.fallback_models:
            if id(model) in in_strategy:
                continue  # a strategy's model: written with the strategy
            target = self.model(model)
            carried.append(model.text)
            if target in tried:
                continue  # another deployment of a model the route already tries: nothing to add
            tried.add(target)
            if target not in self.model_routes:
                self.model_routes[target] = self._unique(fix_route_id(target.split(":", 1)[-1]))
                made += [f"  {_key(self.model_routes[target])}:", self.line(f"    model: {_value(target)}", model.text)]
            fallbacks.append(self.model_routes[target])
        fallbacks += [self.name(reference) for reference in route.fallbacks]
        carried += [reference.name for reference in route.fallbacks]
        return fallbacks, carried, made

    def _unique(self, base: str) -> str:
        taken = set(self.names.values()) | set(self.model_routes.values()) | self.made
        candidate, counter = base, 2
        while candidate in taken:
            candidate, counter = f"{base}-{counter}", counter + 1
        return candidate

    def _strategy(self, route: Route) -> list[str]:
        strategy = route.strategy
        if strategy is None:
            return []
        written = strategy.node
        if not isinstance(written, Mapping):  # `strategy: single`
            return [self.line(f"    strategy: {_value(strategy.kind)}", written)]
        lines = ["    strategy:", self.line(f"      kind: {_value(strategy.kind)}", written.get("kind"))]
        self.take(written.get("models"), written.get("on"), written.get("weights"))  # written, if only as []
        # The route's own model is the strategy's first; `models` lists the others.
        models = [model for model in strategy.models if model is not route.model]
        if models or "models" in written:
            text = _flow([_value(self.model(model)) for model in models])
            lines.append(self.line(f"      models: {text}", *[model.text for model in models]))
        if strategy.failover_on or "on" in written:
            lines.append(self.line(f"      on: {_flow([_scalar(item.value) for item in strategy.failover_on])}", *strategy.failover_on))
        for key, option in (("check", strategy.check), ("scorer", strategy.scorer)):
            if option is not None:
                lines.append(self.line(f"      {key}: {_value(str(option.value))}", option))
        if strategy.weights or "weights" in written:
            lines.append(self.line(f"      weights: {_flow([_scalar(item.value) for item in strategy.weights])}", *strategy.weights))
        return lines

    def _aliases(self) -> list[str]:
        if not self.config.aliases:
            return []
        lines = ["aliases:"]
        for name, alias in self.config.aliases.items():
            target = alias.target
            if isinstance(target, Reference):
                written, node = self.name(target), target.name
            else:
                written, node = self.model(target), target.text
            lines.append(self.line(f"  {_key(self.names[name])}: {_value(written)}", alias.key, node))
        return lines

    def _agents(self) -> list[str]:
        config = self.config
        lines = []
        defaults = config.defaults
        if defaults is not None and (defaults.route or defaults.model):
            lines += ["  defaults:", *self._choice(defaults, "    ")]
        listed = [agent for agent in config.agents if agent.id is not None]
        if listed:
            lines.append("  list:")
        for agent in listed:
            assert agent.id is not None
            lines.append(self.line(f"    - id: {_value(str(agent.id.value))}", agent.id))
            lines += self._choice(agent, "      ")
            description = string_at(agent.node, "description")
            if description is not None:
                lines.append(self.line(f"      description: {_value(str(description.value))}", description))
        return ["agents:", *lines] if lines else []

    def _choice(self, agent: Agent, indent: str) -> list[str]:
        lines: list[str] = []
        if agent.route is not None:
            lines.append(self.line(f"{indent}route: {_value(self.name(agent.route))}", agent.route.name))
        # A model beside a route is ignored (RC106 says so); kept, so the converted file says the same.
        if agent.model is not None:
            lines.append(self.line(f"{indent}model: {_value(self.model(agent.model))}", agent.model.text))
        return lines

    def _rules(self) -> list[str]:
        config = self.config
        if not _routing(config):
            from ..dialects.tokenpak import tokenpak_routing

            for route in tokenpak_routing(config).routes:  # the keywords that would pick each route
                keywords = route.node.get("keywords")
                if keywords is not None:
                    self.leave_out(keywords, TURNED_OFF)
            return []
        if not config.matchers and config.default_route is None:
            return []
        lines = ["rules:"]
        if config.default_route is not None:
            default = config.default_route
            lines.append(self.line(f"  default: {_value(self.name(default))}", default.name))
        entries = _entries(config.matchers)
        if entries:
            lines.append("  match:")
        for index, entry in enumerate(entries):
            lines += self._rule(index, entry)
        return lines

    def _rule(self, index: int, matchers: list[Matcher]) -> list[str]:
        """One entry of `rules.match`: a rule written with more than one matcher keeps them all (RC409)."""
        first = matchers[0]
        node = first.node if isinstance(first.node, Mapping) else None
        fields: list[str] = []
        # An unnamed rule is called `rule N` by its position; a name is written where that would differ.
        if first.name is not None and first.name != f"rule {index + 1}":
            fields.append(self.line(f"name: {_value(first.name)}", node.get("name") if node else None))
        else:
            self.take(node.get("name") if node else None)
        for matcher in matchers:
            patterns = [str(pattern.value) for pattern in matcher.patterns]
            if matcher.kind == "keyword":
                self.take(node.get("keywords") if node else None)  # an empty list too
                fields.append(self.line(f"keywords: {_flow([_value(pattern) for pattern in patterns])}", *matcher.patterns))
            elif patterns:
                fields.append(self.line(f"{matcher.kind}: {_value(patterns[0])}", *matcher.patterns))
        route = self._rule_route(first)
        if route is not None:
            fields.append(route)
        if first.priority is not None:
            fields.append(self.line(f"priority: {first.priority}", node.get("priority") if node else None))
        return [f"    {'-' if position == 0 else ' '} {field}" for position, field in enumerate(fields)] or ["    - {}"]

    def _rule_route(self, matcher: Matcher) -> str | None:
        if matcher.route is not None:
            return self.line(f"route: {_value(self.name(matcher.route))}", matcher.route.name)
        # A rule that belongs to its route (TokenPak's keyword routes) is named after it.
        if matcher.name is not None and matcher.name in self.config.routes:
            return f"route: {_value(self.names[matcher.name])}"
        return None

    def _preferences(self) -> tuple[list[str], list[str]]:
        """One preference per preference in the source, and the routes made for them.

        Plano's preference lists its models, primary first, the others tried on 429 or 5xx; the IR has one
        preference per model, and routec's names one route. A preference of one model names its route; one
        of several names a route made for it: the first model, falling back to the others' routes in order.
        The models' own routes stay as they were (Plano fails over only for the preference).
        """
        lines: list[str] = []
        made: list[str] = []
        for group in _grouped(self.config.preferences):
            first = group[0]
            references = list({reference.value: reference for p in group if (reference := p.route) is not None}.values())
            if len(references) < len(group):
                models = first.node.get("models") if isinstance(first.node, Mapping) else None
                self.leave_out(models or first.node, NO_ROUTE)  # the models not served, if some are
            if not references:
                continue
            route, lines_made = self._preference_route(str(first.name.value), references)
            made += lines_made
            lines.append(self.line(f"  - name: {_value(str(first.name.value))}", first.name))
            if first.kind is not None:
                lines.append(self.line(f"    kind: {_value(str(first.kind.value))}", first.kind))
            if first.description is not None:
                lines.append(self.line(f"    description: {_value(str(first.description.value))}", first.description))
            lines.append(self.line(f"    route: {_value(route)}", *[reference.name for reference in references]))
        return (["preferences:", *lines] if lines else []), made

    def _preference_route(self, name: str, references: list[Reference]) -> tuple[str, list[str]]:
        """The route a preference names, and the lines of a route made for it when it names several."""
        model = self._route_model(references[0].value)
        if len(references) == 1 or model is None:
            return self.name(references[0]), []
        route = self._unique(fix_route_id(name))
        self.made.add(route)
        fallbacks = _flow([_value(self.name(reference)) for reference in references[1:]])
        return route, [f"  {_key(route)}:", f"    model: {_value(self.model(model))}", f"    fallbacks: {fallbacks}"]

    def _route_model(self, name: str) -> ModelRef | None:
        """The model a name's route sends to first, through aliases."""
        seen: set[str] = set()
        while name in self.config.aliases and name not in seen:
            seen.add(name)
            target = self.config.aliases[name].target
            if isinstance(target, ModelRef):
                return target
            name = target.value
        route = self.config.routes.get(name)
        return route.model if route is not None else None

    def _budget(self) -> list[str]:
        budget = self.config.budget
        if not _degrading(self.config):
            section = self.config.root.get("cost_aware_routing") if isinstance(self.config.root, Mapping) else None
            if section is not None:
                self.leave_out(section, TURNED_OFF)
            return []
        if budget is None:
            return []
        lines = []
        if budget.threshold is not None:
            lines.append(self.line(f"  degrade_above_budget_pct: {_scalar(budget.threshold.value)}", budget.threshold))
        if budget.degradation:
            lines.append("  degrade:")
        for before, after in budget.degradation:
            lines.append(self.line(f"    {_key(self.model(before))}: {_value(self.model(after))}", before.text, after.text))
        return ["budget:", *lines] if lines else ["budget: {}"]

    def _wildcards(self) -> None:
        """Models that stand for a family (`openai/*`): listed, though a provider block came from one."""
        for ref in self.config.other_models:
            if "*" in ref.value:
                self.used.discard((ref.text.start, ref.text.end))
                self.leave_out(ref.text, WILDCARD)

    def _tokenpak_catalog(self) -> None:
        """TokenPak names a bare model's provider in its `models` catalog, and a provider's type beside
        it: both are in the `provider:model` strings and provider names written."""
        root = self.config.root
        catalog = root.get("models") if isinstance(root, Mapping) else None
        for pair in catalog if isinstance(catalog, Mapping) else ():
            provider = string_at(pair.value, "provider")
            if provider is not None and f"{PROVIDER_NAMES.get(str(provider.value), provider.value)}:{pair.name}" in self.models:
                self.take(provider)
        providers = root.get("providers") if isinstance(root, Mapping) else None
        for pair in providers if isinstance(providers, Mapping) else ():
            kind = string_at(pair.value, "type")
            if kind is not None and kind.value == pair.name and pair.name in self.config.providers:
                self.take(kind)

    def _dialect_settings(self) -> None:
        """Settings a dialect spells apart from the element they belong to, carried with it."""
        from ..dialects.litellm import litellm_data

        config = self.config
        if config.dialect == "routec":
            # An empty section or provider block says nothing the converted file does not say.
            self.take(*[node for path, node, _ in _leaves(config.root, {}) if not isinstance(node, Scalar) and _EMPTY_OK.fullmatch(path)])
        if config.dialect == "litellm":
            # Every deployment of a model group names the group; the group is the route.
            for name in [item.name for item in litellm_data(config).deployments if item.name is not None]:
                if str(name.value) in config.routes:
                    self.take(name)
                elif "*" in str(name.value):
                    self.leave_out(name, WILDCARD)
            # Each deployment's copy of the endpoint its provider's `baseUrl` carries (all of them share it).
            for provider in config.providers.values():
                for deployment in litellm_data(config).deployments if provider.base_url is not None else ():
                    if f"{deployment.path}.litellm_params." in provider.scopes:
                        self.take(string_at(deployment.params, "api_base"))
        defaults = config.defaults
        if config.dialect == "plano" and defaults is not None and isinstance(defaults.node, Mapping):
            self.take(defaults.node.get("default"))  # `default: true`: the agents' defaults
        if config.dialect == "tokenpak":
            for section in ("routing", "cost_aware_routing"):
                switch = _switch(config, section)
                if switch is not None and switch.value is not False:
                    self.take(switch)  # on: what it turns on is carried
                elif switch is not None:
                    self.leave_out(switch, TURNED_OFF)


# Where routec's format allows an empty mapping or list (paths as `_leaves` writes them).
_EMPTY_OK = re.compile(r"providers(\.[^.]+)?|routes|aliases|agents(\.defaults|\.list)?|rules(\.match)?|preferences|budget(\.degrade)?")


def _suppression(item: suppress.Suppression) -> str:
    directive = "ignore-file" if item.whole_file else "ignore"
    return f"# routec: {directive}[{', '.join(item.codes)}]" if item.codes is not None else f"# routec: {directive}"


def _switch(config: Config, section: str) -> Scalar | None:
    """TokenPak's `routing.enabled` or `cost_aware_routing.enabled`."""
    from ..dialects.tokenpak import switch_of

    block = config.root.get(section) if isinstance(config.root, Mapping) else None
    return switch_of(block) if isinstance(block, Mapping) else None


def _routing(config: Config) -> bool:
    """False when TokenPak's keyword routing is turned off: its keywords and default route then pick nothing."""
    return config.rules_off is None


def _degrading(config: Config) -> bool:
    """False when TokenPak's cost-aware degradation is turned off (as its dialect read it)."""
    from ..dialects.tokenpak import tokenpak_routing

    return tokenpak_routing(config).degrading


def _grouped(preferences: Iterable[Preference]) -> list[list[Preference]]:
    """Preferences grouped by the entry they were written in (Plano's lists one per model), in order."""
    groups: dict[int, list[Preference]] = {}
    for preference in preferences:
        groups.setdefault(id(preference.node), []).append(preference)
    return list(groups.values())


def _entries(matchers: Iterable[Matcher]) -> list[list[Matcher]]:
    """Matchers grouped by the rule they were written in, in order."""
    entries: list[list[Matcher]] = []
    for matcher in matchers:
        if entries and entries[-1][0].node is matcher.node:
            entries[-1].append(matcher)
        else:
            entries.append([matcher])
    return entries


def _header(config: Config, dropped: list[Dropped], unknown: tuple[str, ...], keyless: tuple[str, ...]) -> list[str]:
    source = file_label(config.document.source.path.replace("\\", "/").rsplit("/", 1)[-1])
    lines = [f"# Converted from {source} ({config.dialect}) by routec {__version__}: `routec convert --to routec`."]
    if unknown:
        names = ", ".join(f"'{name}'" for name in unknown)
        lines.append(f"# Kept as written, though routec's format has no such provider (RC202 reports them): {names}.")
    if keyless:
        names = ", ".join(f"'{name}'" for name in keyless)
        lines.append(f"# No key written for {names}: {KEYLESS}.")
    for reason in dict.fromkeys(item.reason for item in dropped):
        lines.append(f"# Not carried over ({reason}):")
        lines += [f"#   line {item.line}: {item.path} = {_shorten(item.value)}" for item in dropped if item.reason == reason]
    return lines


def _dropped(config: Config, used: set[Span], reasons: dict[Span, str], secrets: list[Secret]) -> list[Dropped]:
    """Every value in the source that the conversion did not carry (secrets masked), and why."""
    source = config.document.source
    found: list[Dropped] = []
    for path, node, reason in _leaves(config.document.root, reasons):
        if (node.start, node.end) not in used:
            found.append(Dropped(path or "(root)", source.position(node.start).line, _preview(node, secrets), reason))
    return found


def _leaves(node: Node | None, reasons: dict[Span, str]) -> list[tuple[str, Node, str]]:
    """Scalar values (and empty collections) with their paths and the reason of the nearest enclosing
    node left out on purpose, without recursion."""
    found: list[tuple[str, Node, str]] = []
    stack: list[tuple[str, Node, str]] = [("", node, UNREAD)] if node is not None else []
    while stack:
        here, current, inherited = stack.pop()
        reason = reasons.get((current.start, current.end), inherited)
        if isinstance(current, Mapping):
            if not current.pairs:
                found.append((here, current, reason))
            for pair in reversed(current.pairs):
                stack.append((f"{here}.{pair.name}" if here else pair.name, pair.value, reason))
        elif isinstance(current, Sequence):
            if not current.items:
                found.append((here, current, reason))
            stack.extend((f"{here}[{index}]", item, reason) for index, item in reversed(list(enumerate(current.items))))
        else:
            found.append((here, current, reason))
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
    """A YAML scalar: plain when that reads back as the same string; single-quoted when it has a backslash
    (a regex reads as written) and nothing a single-quoted scalar cannot hold; else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n"):
        return text
    if "\\" in text and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _scalar(value: object) -> str:
    """Any scalar value as YAML that reads back as the same value."""
    if isinstance(value, str):
        return _value(value)
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    return json.dumps(value)


def _flow(items: list[str]) -> str:
    return f"[{', '.join(items)}]"


def _shorten(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
