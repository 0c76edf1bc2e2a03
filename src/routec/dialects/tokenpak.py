"""TokenPak's use-case routing: `routing.routes` picked by keywords, and cost-aware degradation.

The shape is TokenPak's recipe "Model Routing by Use Case"
(tokenpak/docs, docs/recipes/04-model-routing-by-use-case.md), which calls the
block illustrative: `routing: {enabled, routes: [{name, keywords,
preferred_model, fallback_model}]}` and a top-level `cost_aware_routing:
{enabled, degrade_above_budget_pct, degradation_map}`. The recipe's earlier
version (tokenpak/tokenpak, same path) also had `providers: {name: {type,
api_key}}` and a `models:` catalog naming each model's provider; both are read.

How routec reads it (see docs/dialects/tokenpak.md):

* A request goes to the route whose keyword it matches; the longest matching
  keyword wins and a real tie goes to the route listed first (the recipe's
  "longest/most specific match wins"). The first route without keywords is
  the default, for requests that match none.
* Models are written bare, as in the recipe (`gpt-4`). A model listed under
  `models` has that entry's provider; any other bare model has the provider
  its name implies (`gpt-*` is OpenAI), which RC708 reports as a warning.
  `provider:model` is accepted as written.
* Without a `providers` block TokenPak forwards each caller's own API key (the
  recipe's requests carry `x-api-key`), so no provider lacks credentials.
"""

from __future__ import annotations

from typing import NamedTuple

from ..catalog import PROVIDERS
from ..ir import Budget, Config, Conventions, Matcher, ModelRef, Provider, RefKind, Reference, Route
from ..ir.models import ModelForm, parse_model
from ..syntax import Document, Mapping, Scalar, Sequence
from .base import Dialect, list_at, mapping_at, string_at
from .schema import Bool, Field, ListOf, MapOf, Num, Obj, Str, key_path

PROVIDER_DOCS = {name: f"The {name} API." for name in PROVIDERS}
PROVIDER_NAME = Str(choices=tuple(PROVIDERS), choice_docs=PROVIDER_DOCS)
MODEL = Str(doc="A model: bare as in the recipe (`gpt-4`), or `provider:model`.")

ROUTE = Obj(
    what="a route (a mapping with `name` and `preferred_model`)",
    doc="A use case: the keywords that select it and the models that serve it.",
    fields={
        "name": Field(Str(), required=True, doc="The route's name, unique among the routes."),
        "keywords": Field(
            ListOf(items=Str(doc="A word or phrase that signals this use case."), what="a list of keywords", nullable=True),
            doc="Words or phrases that select this route (whole words, any case); the longest match wins. "
            "Leave it out for the default route.",
        ),
        "preferred_model": Field(MODEL, required=True, doc="The model this route sends requests to."),
        "fallback_model": Field(
            Str(nullable=True, doc=MODEL.doc),
            doc="The model to use when the preferred one is unavailable.",
        ),
    },
    misplaced={
        "model": "TokenPak calls it `preferred_model`",
        "fallback": "TokenPak calls it `fallback_model`",
        "fallbacks": "TokenPak takes one `fallback_model`",
        "fallback_models": "TokenPak takes one `fallback_model`",
    },
)
ROUTING = Obj(
    what="a mapping with `enabled` and `routes`",
    doc="Use-case routing: requests go to the route whose keywords they match.",
    fields={
        "enabled": Field(Bool(), doc="Route requests by keyword."),
        "routes": Field(
            ListOf(items=ROUTE, what="a list of routes"),
            required=True,
            doc="The routes, in priority order for ties; one without keywords is the default.",
        ),
    },
    misplaced={"cost_aware_routing": "`cost_aware_routing` is a top-level key, beside `routing`"},
)
COST_AWARE = Obj(
    what="a mapping with `enabled`, `degrade_above_budget_pct` and `degradation_map`",
    doc="Swap models for cheaper ones once most of the budget is spent.",
    fields={
        "enabled": Field(Bool(), doc="Degrade models when the budget is tight."),
        "degrade_above_budget_pct": Field(
            Num(minimum=0, maximum=100, doc="Percent of the budget, 0 to 100."),
            doc="Degrade once this share of the daily budget is spent (0-100; the recipe advises 80-90).",
        ),
        "degradation_map": Field(
            MapOf(values=Str(doc="The cheaper model to use instead."), what="a mapping of models to cheaper models", key_kind="model"),
            doc="Which cheaper model replaces which model while degrading.",
        ),
    },
)
PROVIDER = Obj(
    what="a provider (a mapping with `type` and `api_key`)",
    doc="A provider TokenPak calls with its own key.",
    unknown="warning",
    fields={
        "type": Field(PROVIDER_NAME, doc="Which API the provider speaks."),
        "api_key": Field(Str(secret=True), doc="The API key, as an environment reference such as `${OPENAI_API_KEY}`."),
    },
)
CATALOG_ENTRY = Obj(
    what="a model entry (a mapping with `provider`)",
    doc="A model: its provider and prices.",
    unknown="warning",
    fields={
        "provider": Field(PROVIDER_NAME, doc="The provider that serves this model."),
        "cost_per_1k_input": Field(Num(minimum=0, doc="Price, 0 or more."), doc="Price per 1,000 input tokens."),
        "cost_per_1k_output": Field(Num(minimum=0, doc="Price, 0 or more."), doc="Price per 1,000 output tokens."),
    },
)
SCHEMA = Obj(
    what="a TokenPak config (a mapping with `routing`)",
    doc="TokenPak use-case routing config",
    unknown="warning",
    fields={
        "routing": Field(ROUTING, required=True, doc="Use-case routing: keywords to routes, routes to models."),
        "cost_aware_routing": Field(COST_AWARE, doc="Cost-aware degradation to cheaper models."),
        "providers": Field(
            MapOf(values=PROVIDER, what="a mapping of provider names to providers", key_kind="provider name"),
            doc="Providers and their keys. Without it, TokenPak forwards each caller's own key.",
        ),
        "models": Field(
            MapOf(values=CATALOG_ENTRY, what="a mapping of model names to models", key_kind="model"),
            doc="The model catalog: which provider serves each bare model name.",
        ),
        "$schema": Field(Str(), doc="JSON Schema for editors; `tokenpak.schema.json` also selects this dialect in routec."),
    },
)


class ModelName(NamedTuple):
    """A model as written, and the `provider:model` it stands for."""

    written: Scalar
    path: str
    # `provider:model` when the provider is known, else the model as written.
    resolved: str
    # The provider was inferred from the model's name, not given by the config (RC708).
    inferred: bool = False
    # Malformed strings are RC203's alone.
    malformed: bool = False


class RouteEntry(NamedTuple):
    """One item of `routing.routes`, as written (duplicates and all)."""

    position: int  # in `routing.routes`
    node: Mapping
    name: Scalar | None
    keywords: list[Scalar]
    preferred: ModelName | None
    fallback: ModelName | None

    @property
    def path(self) -> str:
        return f"routing.routes[{self.position}]"

    @property
    def label(self) -> str:
        return f"'{self.name.value}'" if self.name is not None else f"`{self.path}`"

    @property
    def name_value(self) -> str | None:
        return str(self.name.value) if self.name is not None else None


class Degradation(NamedTuple):
    model: ModelName
    cheaper: ModelName


class TokenPakRouting:
    """What the TokenPak rules read beyond the common model."""

    __slots__ = ("routes", "routes_key", "degradations", "threshold", "degrading")

    def __init__(self) -> None:
        self.routes: list[RouteEntry] = []
        self.routes_key: Scalar | None = None  # `routes` under `routing`, where a missing default is reported
        self.degradations: list[Degradation] = []
        self.threshold: Scalar | None = None
        self.degrading = True  # cost_aware_routing.enabled is not false

    def models(self) -> list[ModelName]:
        """Every model name, in file order of kind: routes, then the degradation map."""
        found = [model for entry in self.routes for model in (entry.preferred, entry.fallback) if model is not None]
        return found + [model for step in self.degradations for model in step]

    def keywordless(self) -> list[RouteEntry]:
        return [entry for entry in self.routes if entry.name is not None and not entry.keywords]


def tokenpak_routing(config: Config) -> TokenPakRouting:
    """The extension; empty when the file could not be lowered (its root is not a mapping)."""
    return config.extension if isinstance(config.extension, TokenPakRouting) else TokenPakRouting()


class TokenPak(Dialect):
    name = "tokenpak"
    summary = "TokenPak use-case routing config"
    schema = SCHEMA
    conventions = Conventions(
        gateway="TokenPak",
        known_providers=frozenset(PROVIDERS),
        model_separator=":",
        credential_paths=tuple((name, f"providers.{name}.api_key") for name in PROVIDERS),
    )

    def looks_like(self, document: Document, path: str) -> bool:
        routing = mapping_at(document.root, "routing")
        return routing is not None and list_at(routing, "routes") is not None

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        extension = TokenPakRouting()
        config.extension = extension
        catalog = _catalog(mapping_at(root, "models"))
        routing = mapping_at(root, "routing")
        routes_pair = routing.pair("routes") if routing is not None else None
        if routes_pair is not None and isinstance(routes_pair.key, Scalar):
            extension.routes_key = routes_pair.key
        for index, entry in enumerate(list_at(routing, "routes") or ()):
            if isinstance(entry, Mapping):
                extension.routes.append(self.lower_route(index, entry, catalog, config))
        if _switched_off(routing):
            # TokenPak does not route by keyword then: the routes stay names to call, their keywords pick nothing.
            config.matchers.clear()
            config.default_route = None
            config.rules_off = switch_of(routing)
        self.lower_degradation(mapping_at(root, "cost_aware_routing"), catalog, config, extension)
        self.lower_providers(mapping_at(root, "providers"), config)

    def lower_route(self, index: int, entry: Mapping, catalog: dict[str, str], config: Config) -> RouteEntry:
        path = f"routing.routes[{index}]"
        name = string_at(entry, "name")
        keywords = _strings(list_at(entry, "keywords"))
        preferred = self.model_name(string_at(entry, "preferred_model"), f"{path}.preferred_model", catalog)
        fallback = self.model_name(string_at(entry, "fallback_model"), f"{path}.fallback_model", catalog)
        lowered = RouteEntry(index, entry, name, keywords, preferred, fallback)
        # A repeated name is RC705's; the first route keeps it, as a lookup by name finds the first.
        if name is None or str(name.value) in config.routes:
            return lowered
        route_name = str(name.value)
        route = Route(route_name, name, entry)
        if preferred is not None:
            route.model = _model_ref(preferred, route_name)
        if fallback is not None:
            route.fallback_models.append(_model_ref(fallback, route_name))
        config.routes[route_name] = route
        if keywords:
            config.matchers.append(Matcher("keyword", keywords, None, entry, route_name))
        elif config.default_route is None:
            config.default_route = Reference(name, RefKind.DEFAULT_ROUTE, f"{path}.name", route_name)
        return lowered

    def lower_degradation(
        self, settings: Mapping | None, catalog: dict[str, str], config: Config, extension: TokenPakRouting
    ) -> None:
        if settings is None:
            return
        budget = Budget(settings)
        threshold = settings.get("degrade_above_budget_pct")
        if isinstance(threshold, Scalar) and isinstance(threshold.value, (int, float)) and not isinstance(threshold.value, bool):
            budget.threshold = extension.threshold = threshold
        extension.degrading = not _switched_off(settings)
        for pair in mapping_at(settings, "degradation_map") or ():
            cheaper = pair.value
            if not (isinstance(pair.key, Scalar) and isinstance(cheaper, Scalar) and isinstance(cheaper.value, str)):
                continue
            path = key_path("cost_aware_routing.degradation_map", pair.name)
            key = pair.key if isinstance(pair.key.value, str) else Scalar(pair.name, pair.key.start, pair.key.end, pair.key.style)
            model = self.model_name(key, path, catalog)
            target = self.model_name(cheaper, path, catalog)
            assert model is not None and target is not None
            extension.degradations.append(Degradation(model, target))
            budget.degradation.append((_model_ref(model, None), _model_ref(target, None)))
        if extension.degrading:  # else nothing degrades: the map is checked, not applied
            config.budget = budget

    def lower_providers(self, providers: Mapping | None, config: Config) -> None:
        if providers is None:
            self.forwarded_keys(config)
            return
        for pair in providers:
            configured = string_at(pair.value, "api_key") is not None
            config.providers[pair.name] = Provider(pair.name, pair.key, key_path("providers", pair.name), configured=configured)

    def forwarded_keys(self, config: Config) -> None:
        """Without `providers`, each caller's own key goes upstream: every provider used is configured."""
        for ref in config.model_refs():
            parsed = parse_model(ref.value, self.conventions)
            provider = parsed.provider
            if parsed.form is ModelForm.QUALIFIED and provider in self.conventions.known_providers:
                if provider not in config.providers:
                    config.providers[provider] = Provider(provider, ref.text, "routing", configured=True)

    def model_name(self, written: Scalar | None, path: str, catalog: dict[str, str]) -> ModelName | None:
        """The model and its provider: as written, from the `models` catalog, or inferred from its name."""
        if written is None:
            return None
        text = str(written.value)
        parsed = parse_model(text, self.conventions)
        if parsed.form is not ModelForm.BARE:
            return ModelName(written, path, text, malformed=parsed.form is ModelForm.MALFORMED)
        listed = catalog.get(parsed.model)
        if listed is not None:
            return ModelName(written, path, f"{listed}:{parsed.model}")
        if len(parsed.candidates) == 1:
            return ModelName(written, path, f"{parsed.candidates[0]}:{parsed.model}", inferred=True)
        return ModelName(written, path, text)  # no provider to name: RC201 reports it


def switch_of(section: Mapping | None) -> Scalar | None:
    """`enabled` on `routing` or `cost_aware_routing`."""
    enabled = section.get("enabled") if section is not None else None
    return enabled if isinstance(enabled, Scalar) else None


def _switched_off(section: Mapping | None) -> bool:
    switch = switch_of(section)
    return switch is not None and switch.value is False


def _model_ref(model: ModelName, owner: str | None) -> ModelRef:
    """The IR's model: the `provider:model` TokenPak resolves, at the span of the model as written.

    A bare name whose provider is known is given to the generic rules (and
    the resolver) qualified, so RC201 does not report a name TokenPak
    resolves; RC708 reports the ones it had to infer.
    """
    written = model.written
    if model.resolved == written.value:
        return ModelRef(written, model.path, owner)
    return ModelRef(Scalar(model.resolved, written.start, written.end, written.style), model.path, owner)


def _catalog(models: Mapping | None) -> dict[str, str]:
    """`models: {gpt-4: {provider: openai}}` as {model: provider}, for known providers only."""
    catalog: dict[str, str] = {}
    for pair in models or ():
        provider = string_at(pair.value, "provider")
        if provider is not None and provider.value in PROVIDERS:
            catalog[pair.name.strip()] = str(provider.value)
    return catalog


def _strings(items: Sequence | None) -> list[Scalar]:
    return [item for item in (items.items if items is not None else []) if isinstance(item, Scalar) and isinstance(item.value, str)]

