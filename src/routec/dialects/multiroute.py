"""MultiRoute's API routing config: routing profiles over the providers a project enables.

The shape: `{default_model, routes: {name: {primary, fallbacks, timeout_ms}},
limits, providers: {name: {api_key, models, api_base, disabled}}}`. MultiRoute's
guide "Models and Providers" says a provider has "a set of supported models"
and that models are represented "in a normalized way", independent of a
provider's naming; its SDK (multiroute/multiroute-python, `models.yaml`)
resolves a model id without a prefix (`gpt-4o`) to the provider that lists it
and sends the proxy `provider/model` (`openai/gpt-4o`). So a model string is
either:

* a bare, normalized id (`gpt-4o`), served by the providers whose `models`
  list it: the first enabled one in file order is the one routec builds with;
* or `provider/model`, naming the provider outright.

The RC8xx rules report a model no provider serves, an undeclared provider
and a disabled one. The first two stay out of the common model, where they
would be misreported as bare names (RC201) or unconfigured providers (RC204);
a served id enters it as `provider/model`, at the span of the id as written.
"""

from __future__ import annotations

from typing import NamedTuple

from ..ir import Agent, Config, Conventions, ModelRef, Provider, Route
from ..ir.models import ModelForm, parse_model
from ..syntax import Document, Mapping, Scalar, Sequence
from .base import Dialect, list_at, mapping_at, string_at
from .schema import Anything, Bool, Field, Int, ListOf, MapOf, Obj, Str, key_path

# The providers MultiRoute routes to: its SDK's URL registry (`providers.yaml`) and model registry (`models.yaml`).
MULTIROUTE_PROVIDERS = {
    "openai": "OpenAI.",
    "anthropic": "Anthropic.",
    "google": "Google Gemini (Generative Language API).",
    "groq": "Groq.",
    "mistral": "Mistral AI.",
    "cohere": "Cohere.",
    "deepseek": "DeepSeek.",
    "xai": "xAI.",
    "together": "Together AI.",
    "fireworks": "Fireworks AI.",
    "perplexity": "Perplexity.",
    "openrouter": "OpenRouter.",
    "cerebras": "Cerebras.",
    "azure": "Azure OpenAI and Azure AI inference.",
    "meta": "Meta Llama models.",
}
MODEL = Str(doc="A normalized model id that a provider lists under `models` (`gpt-4o`), or `provider/model`.")

ROUTE = Obj(
    what="a route (a mapping with `primary`)",
    doc="A routing profile: the model to call, the models to fail over to, and how long to wait.",
    fields={
        "primary": Field(MODEL, required=True, doc="The model this route calls first."),
        "fallbacks": Field(
            ListOf(items=MODEL, what="a list of models"),
            doc="Models to try, in order, when the primary fails or times out.",
        ),
        "timeout_ms": Field(Int(minimum=1), doc="How long to wait for a model before failing over, in milliseconds (1 or more)."),
    },
    misplaced={
        "model": "MultiRoute calls it `primary`",
        "fallback": "MultiRoute takes a list, `fallbacks`",
        "timeout": "MultiRoute reads `timeout_ms`, in milliseconds",
        "timeoutMs": "MultiRoute spells it `timeout_ms`",
    },
)
PROVIDER = Obj(
    what="a provider (a mapping with `api_key` and `models`)",
    doc="A provider enabled for the project: its key, the models it serves, its endpoint.",
    fields={
        "api_key": Field(Str(secret=True), doc="The provider's API key, as an environment reference such as `${OPENAI_API_KEY}`."),
        "models": Field(
            ListOf(items=Str(doc="A normalized model id."), what="a list of model ids"),
            doc="The models this provider serves for the project, by normalized id.",
        ),
        "api_base": Field(Str(), doc="An endpoint to use instead of the provider's default."),
        "disabled": Field(Bool(), doc="Take the provider out of routing without deleting its settings."),
    },
    misplaced={
        "enabled": "MultiRoute turns a provider off with `disabled: true`",
        "apiKey": "MultiRoute spells it `api_key`",
        "base_url": "MultiRoute calls it `api_base`",
        "baseUrl": "MultiRoute calls it `api_base`",
    },
)
SCHEMA = Obj(
    what="a MultiRoute config (a mapping with `routes` or `default_model`)",
    doc="MultiRoute API routing config",
    fields={
        "default_model": Field(MODEL, doc="The model for requests that name no route."),
        "routes": Field(
            MapOf(values=ROUTE, what="a mapping of route names to routes", key_kind="route name"),
            doc="Routing profiles by name: what applications reference instead of a model.",
        ),
        "limits": Field(Anything(doc="Request and spend limits; routec does not check them."), doc="Request and spend limits; routec does not check them."),
        "providers": Field(
            MapOf(values=PROVIDER, what="a mapping of provider names to providers", key_kind="provider name"),
            doc="The providers enabled for the project, by name (`openai`, `anthropic`, `google`, ...).",
        ),
        "$schema": Field(Str(), doc="JSON Schema for editors; `multiroute.schema.json` also selects this dialect in routec."),
    },
    misplaced={"defaultModel": "MultiRoute spells it `default_model`", "default": "MultiRoute calls it `default_model`"},
)


class ModelUse(NamedTuple):
    """A model string, where it is used, and which provider serves it."""

    written: Scalar
    path: str
    route: str | None  # the route it belongs to; None for `default_model`
    role: str  # "primary", "fallback" or "default model"
    # The provider named (`provider/model`) or the providers listing the id, in file order.
    providers: tuple[str, ...]
    model: str  # the id without the provider
    form: str  # "listed" (a provider lists it), "bare" (none does), "qualified" (`provider/model`) or "malformed"

    @property
    def provider(self) -> str | None:
        return self.providers[0] if self.providers else None

    @property
    def identity(self) -> str:
        """The model this stands for, to compare uses: `provider/model`, or the text when no provider is known."""
        return f"{self.provider}/{self.model}" if self.provider is not None else str(self.written.value)

    @property
    def label(self) -> str:
        """`primary 'gpt-4o' of route 'chat'`, for messages."""
        where = f" of route '{self.route}'" if self.route is not None else ""
        return f"{self.role} '{self.written.value}'{where}"


class MultiRouteConfig:
    """What the MultiRoute rules read beyond the common model."""

    __slots__ = ("uses", "served", "disabled", "declared")

    def __init__(self) -> None:
        self.uses: list[ModelUse] = []
        # provider -> the model ids its `models` lists (absent: it lists none).
        self.served: dict[str, list[str]] = {}
        self.disabled: set[str] = set()
        self.declared: bool = False  # a `providers` block is there at all


def multiroute_config(config: Config) -> MultiRouteConfig:
    """The extension; empty when the file could not be lowered (its root is not a mapping)."""
    return config.extension if isinstance(config.extension, MultiRouteConfig) else MultiRouteConfig()


class MultiRoute(Dialect):
    name = "multiroute"
    summary = "MultiRoute API routing config"
    schema = SCHEMA
    conventions = Conventions(
        gateway="MultiRoute",
        known_providers=frozenset(MULTIROUTE_PROVIDERS),
        model_separator="/",
        credential_paths=tuple((name, f"providers.{name}.api_key") for name in MULTIROUTE_PROVIDERS),
    )

    def looks_like(self, document: Document, path: str) -> bool:
        root = document.root
        if not isinstance(root, Mapping):
            return False
        routes = mapping_at(root, "routes")
        return "default_model" in root or any(isinstance(pair.value, Mapping) and "primary" in pair.value for pair in routes or ())

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        extension = MultiRouteConfig()
        config.extension = extension
        self.lower_providers(mapping_at(root, "providers"), config, extension)
        for pair in mapping_at(root, "routes") or ():
            if isinstance(pair.key, Scalar):
                self.lower_route(pair.name, pair.key, pair.value, config, extension)
        default = string_at(root, "default_model")
        if default is not None:
            defaults = Agent(None, default, "default_model")
            defaults.model = self.model_ref(default, "default_model", None, "default model", config, extension)
            config.defaults = defaults

    def lower_providers(self, providers: Mapping | None, config: Config, extension: MultiRouteConfig) -> None:
        if providers is None:
            return
        extension.declared = True
        for pair in providers:
            body = pair.value
            flag = body.get("disabled") if isinstance(body, Mapping) else None
            disabled = isinstance(flag, Scalar) and flag.value is True
            entry = Provider(
                pair.name,
                pair.key,
                key_path("providers", pair.name),
                configured=string_at(body, "api_key") is not None,
                base_url=string_at(body, "api_base"),
                enabled=not disabled,
            )
            config.providers[pair.name] = entry
            extension.served[pair.name] = [str(item.value) for item in _strings(list_at(body, "models"))]
            if disabled:
                extension.disabled.add(pair.name)

    def lower_route(self, name: str, key: Scalar, body: object, config: Config, extension: MultiRouteConfig) -> None:
        if not isinstance(body, Mapping):
            return
        path = key_path("routes", name)
        route = Route(name, key, body)
        primary = string_at(body, "primary")
        if primary is not None:
            route.model = self.model_ref(primary, f"{path}.primary", name, "primary", config, extension)
        for index, item in enumerate(list_at(body, "fallbacks") or ()):
            if not (isinstance(item, Scalar) and isinstance(item.value, str)):
                continue
            ref = self.model_ref(item, f"{path}.fallbacks[{index}]", name, "fallback", config, extension)
            if ref is not None:
                route.fallback_models.append(ref)
        config.routes[name] = route

    def model_ref(
        self, written: Scalar, path: str, route: str | None, role: str, config: Config, extension: MultiRouteConfig
    ) -> ModelRef | None:
        """The model for the common model as `provider/model`, or None when the RC8xx rules own its problem."""
        use = self.model_use(written, path, route, role, extension)
        extension.uses.append(use)
        owner = route if route is not None else "default_model"
        if use.form == "bare":
            return None  # served by no provider: RC803
        if use.form != "listed":
            # An unknown provider is RC202's, a malformed string RC203's; an undeclared one RC802's.
            undeclared = use.form == "qualified" and use.provider in self.conventions.known_providers and use.provider not in config.providers
            return None if undeclared else ModelRef(written, path, owner)
        resolved = f"{use.provider}/{use.model}"
        return ModelRef(Scalar(resolved, written.start, written.end, written.style), path, owner)

    def model_use(self, written: Scalar, path: str, route: str | None, role: str, extension: MultiRouteConfig) -> ModelUse:
        text = str(written.value)
        listing = [name for name, models in extension.served.items() if text in models]
        if listing:
            # Normalized ids win over a prefix reading, so an id such as `meta-llama/Llama-3-70b` stays whole.
            enabled = [name for name in listing if name not in extension.disabled]
            disabled = [name for name in listing if name in extension.disabled]
            return ModelUse(written, path, route, role, tuple(enabled + disabled), text, "listed")
        parsed = parse_model(text, self.conventions)
        if parsed.form is ModelForm.BARE:
            return ModelUse(written, path, route, role, (), parsed.model, "bare")
        providers = (parsed.provider,) if parsed.provider is not None else ()
        form = "qualified" if parsed.form is ModelForm.QUALIFIED else "malformed"
        return ModelUse(written, path, route, role, providers, parsed.model, form)


def _strings(items: Sequence | None) -> list[Scalar]:
    return [item for item in (items.items if items is not None else []) if isinstance(item, Scalar) and isinstance(item.value, str)]
