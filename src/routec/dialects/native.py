"""routec's own format: Carapace's routing part plus aliases, fallbacks and providers.

See docs/format.md for the full description and an example.
"""

from __future__ import annotations

from ..catalog import PROVIDERS, needs_credentials
from ..ir import Alias, Budget, Config, Conventions, Matcher, ModelRef, Preference, Provider, RefKind, Reference, Route, Strategy
from ..syntax import Document, Mapping, Scalar, Sequence
from .base import ROUTE_NAMES, Dialect, list_at, lower_agents, lower_routes, mapping_at, string_at
from .schema import Field, Int, ListOf, MapOf, Num, Obj, OneOf, Str, key_path

NAME = Str(doc="A route or alias name.")
MODEL = Str(doc="A `provider:model` string.")

STRATEGY_KINDS = {
    "single": "Send every request to the route's model (the default).",
    "failover": "Try the route's model, then its fallbacks in order, when a call fails in a way listed in `on`.",
    "cascade": "Try the cheap model first; escalate to the next model in `models` when the named `check` fails.",
    "parallel": "Call every model at once; the named `scorer` picks the answer returned.",
    "loadbalance": "Spread requests over the models by `weights`.",
}
FAILOVER_WORDS = {
    "rate_limit": "HTTP 429: the provider is rate limiting.",
    "timeout": "The call timed out.",
    "server_error": "Any HTTP 5xx from the provider.",
}
STRATEGY = Obj(
    what="a strategy (a kind, or a mapping with `kind`)",
    doc="How the route uses its models.",
    fields={
        "kind": Field(Str(choices=tuple(STRATEGY_KINDS), choice_docs=STRATEGY_KINDS), required=True, doc="The strategy."),
        "models": Field(
            ListOf(items=MODEL, what="a list of `provider:model` strings"),
            doc="The models after the route's own `model`, in order: escalation steps (cascade), the other "
            "models called (parallel), the other models load is spread over (loadbalance).",
        ),
        "on": Field(
            ListOf(
                items=OneOf(
                    options=(
                        Int(minimum=400, maximum=599, doc="An HTTP error status code, 400 to 599."),
                        Str(choices=tuple(FAILOVER_WORDS), choice_docs=FAILOVER_WORDS, doc="A kind of failure."),
                    ),
                    doc="An HTTP error status code (400-599), or rate_limit, timeout or server_error.",
                ),
                what="a list of HTTP status codes or failure kinds",
            ),
            doc="failover: what makes the route fail over (default: rate_limit, timeout, server_error).",
        ),
        "check": Field(Str(), doc="cascade: the name of the check an answer must pass, or the next model is tried."),
        "scorer": Field(Str(), doc="parallel: the name of the scorer that picks the best answer."),
        "weights": Field(
            ListOf(items=Num(minimum=0, doc="A weight, 0 or more."), what="a list of numbers"),
            doc="loadbalance: one weight per model, the route's own `model` first.",
        ),
    },
)

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
        "strategy": Field(
            OneOf(options=(Str(choices=tuple(STRATEGY_KINDS), choice_docs=STRATEGY_KINDS), STRATEGY)),
            doc="How the route uses its models: single (default), failover, cascade, parallel or loadbalance.",
        ),
    },
)
RULE = Obj(
    what="a rule (a mapping with `route` and one of `keywords`, `regex`, `intent`)",
    doc="A matcher that sends a request to a route.",
    fields={
        "name": Field(Str(), doc="The rule's name, shown by `routec route`."),
        "route": Field(NAME, required=True, doc="The route (or alias) a matching request goes to."),
        "keywords": Field(
            ListOf(items=Str(doc="A keyword or phrase."), what="a list of keywords"),
            doc="Matches when the request contains one of these words or phrases (whole words, any case).",
        ),
        "regex": Field(Str(), doc="Matches when this regular expression finds a match (any case)."),
        "intent": Field(Str(), doc="Matches when the caller's intent label is exactly this."),
        "priority": Field(Int(), doc="Higher wins; default 0. Ties go to the longest match, then to the earlier rule."),
    },
)
RULES = Obj(
    what="a mapping with `match` and `default`",
    doc="Rules that pick a route for a request's text.",
    fields={
        "match": Field(ListOf(items=RULE, what="a list of rules"), doc="The rules, in order."),
        "default": Field(NAME, doc="The route for a request no rule matches."),
    },
)
PREFERENCE = Obj(
    what="a preference (a mapping with `name`, `description` and `route`)",
    doc="A route described for a preference router (Arch-Router style).",
    fields={
        "name": Field(Str(), required=True, doc="A short name that agrees with the description."),
        "description": Field(Str(), required=True, doc="What requests belong here: specific, noun-centric, not overlapping others."),
        "route": Field(NAME, required=True, doc="The route these requests go to."),
        "kind": Field(
            Str(choices=("domain", "action"), choice_docs={"domain": "A topic: legal, healthcare, programming.", "action": "A task: summarize, translate, generate code."}),
            doc="Whether this is a domain or an action (inferred from the name when absent).",
        ),
    },
)
BUDGET = Obj(
    what="a mapping with `degrade_above_budget_pct` and `degrade`",
    doc="Cost-aware degradation to cheaper models.",
    fields={
        "degrade_above_budget_pct": Field(
            Num(minimum=0, maximum=100, doc="Percent of budget, 0 to 100."), doc="Degrade once this share of the budget is spent (0-100)."
        ),
        "degrade": Field(
            MapOf(values=MODEL, what="a mapping of `provider:model` to `provider:model`", doc="The cheaper model to use instead."),
            doc="Which model to use instead of which, once degrading.",
        ),
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
        "rules": Field(RULES, doc="Keyword, regex and intent rules that pick a route for a request's text."),
        "preferences": Field(
            ListOf(items=PREFERENCE, what="a list of preferences"),
            doc="Routes described for a preference router such as Arch-Router.",
        ),
        "budget": Field(BUDGET, doc="Cost-aware degradation to cheaper models."),
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
        routes = mapping_at(root, "routes")
        lower_routes(routes, config, with_fallbacks=True, more=self.lower_strategy)
        self.lower_aliases(mapping_at(root, "aliases"), config)
        lower_agents(mapping_at(root, "agents"), config)
        self.lower_providers(mapping_at(root, "providers"), config)
        self.lower_rules(mapping_at(root, "rules"), config)
        self.lower_preferences(list_at(root, "preferences"), config)
        self.lower_budget(mapping_at(root, "budget"), config)

    def lower_strategy(self, route: Route, route_path: str, config: Config) -> None:
        body = route.node
        written = body.get("strategy") if isinstance(body, Mapping) else None
        if written is None:
            return
        settings = written if isinstance(written, Mapping) else None
        kind = string_at(settings, "kind") if settings is not None else written
        if not (isinstance(kind, Scalar) and isinstance(kind.value, str)):
            return
        strategy = Strategy(kind.value, written)
        path = f"{route_path}.strategy"
        strategy.models = [route.model] if route.model is not None else []
        for index, item in enumerate(_strings(list_at(settings, "models"))):
            ref = ModelRef(item, f"{path}.models[{index}]", route.name)
            strategy.models.append(ref)
            if kind.value in ("cascade", "parallel", "loadbalance"):
                route.extra_models.append(ref)  # models the route really calls
            else:
                config.other_models.append(ref)  # still checked, but not part of the chain (RC415 warns)
        strategy.failover_on = [item for item in (list_at(settings, "on") or []) if isinstance(item, Scalar)]
        strategy.check = string_at(settings, "check")
        strategy.scorer = string_at(settings, "scorer")
        strategy.weights = [item for item in (list_at(settings, "weights") or []) if isinstance(item, Scalar)]
        route.strategy = strategy

    def lower_rules(self, rules: Mapping | None, config: Config) -> None:
        if rules is None:
            return
        default = string_at(rules, "default")
        if default is not None:
            config.default_route = Reference(default, RefKind.RULE_ROUTE, "rules.default")
        for index, entry in enumerate((list_at(rules, "match") or Sequence([], 0, 0)).items):
            if not isinstance(entry, Mapping):
                continue
            path = f"rules.match[{index}]"
            route = string_at(entry, "route")
            name = string_at(entry, "name")
            owner = str(name.value) if name else None
            reference = Reference(route, RefKind.RULE_ROUTE, f"{path}.route", owner) if route else None
            for kind, key in (("keyword", "keywords"), ("regex", "regex"), ("intent", "intent")):
                written = entry.get(key)
                if written is None:
                    continue
                patterns = _strings(written) if isinstance(written, Sequence) else _strings(Sequence([written], 0, 0))
                matcher = Matcher(kind, patterns, reference, entry, str(name.value) if name else f"rule {index + 1}")
                priority = entry.get("priority")
                matcher.priority = priority.value if isinstance(priority, Scalar) and isinstance(priority.value, int) and not isinstance(priority.value, bool) else None
                config.matchers.append(matcher)

    def lower_preferences(self, preferences: Sequence | None, config: Config) -> None:
        for index, entry in enumerate((preferences or Sequence([], 0, 0)).items):
            name = string_at(entry, "name")
            if name is None:
                continue
            route = string_at(entry, "route")
            path = f"preferences[{index}]"
            reference = Reference(route, RefKind.RULE_ROUTE, f"{path}.route", str(name.value)) if route else None
            preference = Preference(name, string_at(entry, "description"), reference, entry)
            preference.kind = string_at(entry, "kind")
            config.preferences.append(preference)

    def lower_budget(self, budget: Mapping | None, config: Config) -> None:
        if budget is None:
            return
        lowered = Budget(budget)
        threshold = budget.get("degrade_above_budget_pct")
        lowered.threshold = threshold if isinstance(threshold, Scalar) else None
        for pair in mapping_at(budget, "degrade") or ():
            target = pair.value
            if isinstance(pair.key, Scalar) and isinstance(target, Scalar) and isinstance(target.value, str):
                path = key_path("budget.degrade", pair.name)
                lowered.degradation.append((ModelRef(pair.key, path), ModelRef(target, path)))
        config.budget = lowered

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


def _strings(items: Sequence | None) -> list[Scalar]:
    return [item for item in (items.items if items is not None else []) if isinstance(item, Scalar) and isinstance(item.value, str)]
