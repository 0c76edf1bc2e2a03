"""Plano (katanemo) gateway configs: ``config.yaml`` / ``plano_config.yaml``.

Facts from Plano's own validator (the ``planoai`` package 0.4.39:
``config_generator.py``, ``utils.py``, ``data/plano_config_schema.yaml``) and
its gateway (``crates/common/src/llm_providers.rs``):

* a model provider is named by ``provider/model_id`` (split at the first
  ``/``; ``provider/*`` is a wildcard), or by its ``name`` when it has one;
  clients may also name it by the bare ``model_id``;
* ``azure_openai``, ``ollama``, ``qwen``, ``amazon_bedrock`` and ``plano``
  need ``base_url``; any other unsupported prefix needs ``base_url`` and
  ``provider_interface``;
* ``model_aliases`` targets must be a declared model or model id;
* ``llm_providers`` is the deprecated spelling of ``model_providers``, and the
  object form of ``listeners`` the deprecated form of the list;
* PyYAML reads the file (YAML 1.1), and ``$VAR`` is substituted.

How this maps to the IR: every non-wildcard provider entry is a route named by
its ``name`` or else its ``model`` string; wildcards are models only (no
client can name ``openai/*`` itself); ``model_aliases`` are aliases, and so
are the other names a client may send for a model (its ``provider/model_id``
when it has a ``name``, and its bare model id); the ``default: true`` entry
is ``config.defaults``; routing preferences are
``config.preferences``. What only Plano rules need (listeners, agents,
filters, endpoints, the entries themselves) is a :class:`PlanoData` in
``config.extension``.
"""

from __future__ import annotations

from typing import Any

from ..catalog import env_var_for
from ..ir import Agent, Alias, Config, Conventions, ModelRef, Preference, Provider, Reference, RefKind, Route
from ..ir.findings import InvalidValue, MissingKey, WrongType
from ..syntax import Document, Mapping, Node, Pair, Scalar, Sequence
from .base import Dialect, list_at, mapping_at, string_at
from .schema import Anything, Bool, Field, Int, ListOf, MapOf, Num, Obj, OneOf, Str, Validator, key_path

# planoai's SUPPORTED_PROVIDERS_WITH_BASE_URL: these cannot be reached without one.
NEEDS_BASE_URL = ("azure_openai", "ollama", "qwen", "amazon_bedrock", "plano")
# planoai's SUPPORTED_PROVIDERS_WITHOUT_BASE_URL.
HOSTED = (
    "deepseek",
    "groq",
    "mistral",
    "openai",
    "xiaomi",
    "gemini",
    "anthropic",
    "together_ai",
    "xai",
    "moonshotai",
    "zhipu",
    "chatgpt",
    "digitalocean",
    "vercel",
    "openrouter",
    "edenai",
)
SUPPORTED = frozenset(HOSTED + NEEDS_BASE_URL)
# Providers that need no access key: local servers, Plano's own models, and ChatGPT
# (Plano forwards the client's ChatGPT login when no key is given).
KEYLESS = frozenset(("ollama", "plano", "chatgpt"))
INTERFACES = (
    "plano",
    "deepseek",
    "groq",
    "mistral",
    "openai",
    "xiaomi",
    "gemini",
    "chatgpt",
    "digitalocean",
    "vercel",
    "openrouter",
    "edenai",
    "moonshotai",
)
VERSIONS = {
    "v0.1": "The first config version.",
    "v0.1.0": "The first config version.",
    "0.1-beta": "The beta config version.",
    "0.2.0": "Version 0.2.0.",
    "v0.3.0": "Version 0.3.0: inline `routing_preferences` under model providers.",
    "v0.4.0": "Version 0.4.0: top-level `routing_preferences` with `models`.",
}
# A URL Plano can turn into a cluster: an http or https scheme and a host (urlparse lowercases the scheme).
HTTP_URL = r"[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+.*"
# planoai expands `$VAR` in the tracing endpoint first, then wants http:// with no path.
TRACING_URL = r"|.*\$.*|[Hh][Tt][Tt][Pp]://[^/?#\s]*/?(?:[?#].*)?"


def _text(doc: str) -> Field:
    return Field(Str(doc=doc), doc=doc)


def _flag(doc: str) -> Field:
    return Field(Bool(doc=doc), doc=doc)


def _int(doc: str, minimum: int | None = None, maximum: int | None = None) -> Field:
    return Field(Int(minimum=minimum, maximum=maximum, doc=doc), doc=doc)


def _strings(doc: str, what: str) -> Field:
    return Field(ListOf(items=Str(doc=what), what=f"a list of {what.lower().rstrip('.')}s"), doc=doc)


def _choice(doc: str, choices: dict[str, str], **options: Any) -> Field:
    return Field(Str(choices=tuple(choices), choice_docs=choices, doc=doc, **options), doc=doc)


INLINE_PREFERENCE = Obj(
    what="a routing preference (a mapping with `name` and `description`)",
    doc="A task this model is preferred for (deprecated here: declare preferences at the top level).",
    fields={
        "name": Field(Str(), required=True, doc="A short name for the task, agreeing with its description."),
        "description": Field(Str(), required=True, doc="What requests of this kind look like, for the router model."),
    },
)
MODEL_PROVIDER = Obj(
    what="a model provider (a mapping with `model`)",
    doc="One model Plano can send requests to.",
    fields={
        "model": Field(
            Str(doc="`provider/model_id`, or `provider/*` for every model of a provider."),
            required=True,
            doc="`provider/model_id` (e.g. `openai/gpt-4o`), or `provider/*` for every model of that provider.",
        ),
        "name": _text("A name clients may use for this model; defaults to the `model` string."),
        "access_key": Field(
            Str(secret=True, doc="The API key as an environment reference: `$OPENAI_API_KEY`."),
            doc="The API key, as an environment reference such as `$OPENAI_API_KEY`; never the key itself.",
        ),
        "default": _flag("Use this model when a request names none (at most one provider)."),
        "base_url": Field(
            Str(pattern=HTTP_URL, pattern_help="write an http:// or https:// URL with a host", doc="The endpoint URL."),
            doc=(
                "The endpoint, an http:// or https:// URL; required for azure_openai, ollama, qwen, "
                "amazon_bedrock, plano and custom providers."
            ),
        ),
        "passthrough_auth": _flag("Forward the client's Authorization header instead of using `access_key`."),
        "http_host": _text("The Host header to send upstream."),
        "provider_interface": _choice(
            "The API a custom provider speaks; only for providers Plano does not know.",
            {name: f"Speaks the {name} API." for name in INTERFACES},
        ),
        "headers": Field(
            MapOf(values=Str(doc="A header value."), what="a mapping of header names to values"),
            doc="Extra headers sent with upstream requests.",
        ),
        "routing_preferences": Field(
            ListOf(items=INLINE_PREFERENCE, what="a list of routing preferences"),
            doc="Deprecated: tasks this model is preferred for; use the top-level `routing_preferences`.",
        ),
    },
    misplaced={
        "api_key": "Plano calls it `access_key`",
        "api_base": "Plano calls it `base_url`",
        "provider": "write the provider in `model`, as `provider/model_id`",
        "fallbacks": "Plano has no per-model fallbacks; list candidates in a top-level routing preference's `models`",
    },
)
PROVIDER_LIST = ListOf(items=MODEL_PROVIDER, what="a list of model providers")
LISTENER_AGENT = Obj(
    what="a listener agent (a mapping with `id` and `description`)",
    doc="An agent this listener's router may send requests to.",
    fields={
        "id": Field(Str(), required=True, doc="The id of an agent declared under `agents`."),
        "description": Field(Str(), required=True, doc="What the agent does, for the router model."),
        "default": _flag("Send requests here when the router picks no agent."),
        "input_filters": _strings(
            "Filters (ids from `filters` or `agents`) applied before this agent.", "A filter id."
        ),
    },
    misplaced={"filter_chain": "Plano calls it `input_filters`"},
)
LISTENER = Obj(
    what="a listener (a mapping with `type` and `name`)",
    doc="A port Plano listens on, and what it serves there.",
    fields={
        "type": Field(
            Str(
                choices=("model", "prompt", "agent"),
                choice_docs={
                    "model": "An OpenAI-compatible LLM gateway over the model providers.",
                    "prompt": "Prompt targets (function calling).",
                    "agent": "An agent router over `agents`.",
                },
            ),
            required=True,
            doc="What this listener serves: model, prompt or agent.",
        ),
        "name": Field(Str(), required=True, doc="The listener's name."),
        "port": _int("The TCP port."),
        "address": _text("The address to bind, e.g. 0.0.0.0."),
        "timeout": _text("Request timeout, e.g. `30s`."),
        "router": _choice(
            "The router an agent listener uses.", {"plano_orchestrator_v1": "Plano's orchestrator model."}
        ),
        "max_retries": _int("Retries on upstream failure."),
        "agents": Field(
            ListOf(items=LISTENER_AGENT, what="a list of agents"), doc="The agents an agent listener routes to."
        ),
        "input_filters": _strings("Filters applied to requests, by id.", "A filter id."),
        "output_filters": _strings("Filters applied to responses, by id.", "A filter id."),
    },
    misplaced={
        "model_providers": "declare model providers at the top level; Plano attaches them to the `type: model` listener",
        "filter_chain": "Plano calls it `input_filters`",
    },
)
LEGACY_LISTENER = Obj(
    what="a legacy listener (a mapping)",
    doc="One side of the deprecated object form of `listeners`.",
    fields={
        "address": _text("The address to bind."),
        "port": _int("The TCP port."),
        "message_format": _choice("The API format.", {"openai": "OpenAI-compatible requests."}),
        "timeout": _text("Request timeout, e.g. `30s`."),
    },
)
LEGACY_LISTENERS = Obj(
    what="a mapping with `ingress_traffic` and `egress_traffic`",
    doc="Deprecated: the listeners as an object; use the list form.",
    fields={
        "ingress_traffic": Field(LEGACY_LISTENER, doc="The prompt listener (port 10000 by default)."),
        "egress_traffic": Field(LEGACY_LISTENER, doc="The model listener (port 12000 by default)."),
    },
)
AGENT = Obj(
    what="an agent (a mapping with `id` and `url`)",
    doc="An HTTP agent Plano can route to.",
    fields={
        "id": Field(Str(), required=True, doc="The agent's id, used by listeners."),
        "url": Field(Str(), required=True, doc="Where the agent is served."),
    },
)
FILTER = Obj(
    what="a filter (a mapping with `id` and `url`)",
    doc="A filter applied to requests or responses.",
    fields={
        "id": Field(Str(), required=True, doc="The filter's id, used by listeners."),
        "url": Field(Str(), required=True, doc="Where the filter is served."),
        "type": _choice(
            "How Plano calls the filter.", {"mcp": "As an MCP tool (the default).", "http": "As a plain HTTP endpoint."}
        ),
        "transport": _choice("The MCP transport.", {"streamable-http": "Streamable HTTP (the default)."}),
        "tool": _text("The MCP tool to call; defaults to the filter id."),
    },
)
ENDPOINT = Obj(
    what="an endpoint (a mapping with `endpoint`)",
    doc="A service prompt targets call.",
    fields={
        "endpoint": Field(Str(), required=True, doc="`host` or `host:port`."),
        "connect_timeout": _text("Connection timeout, e.g. `0.005s`."),
        "protocol": _choice("The protocol.", {"http": "Plain HTTP.", "https": "HTTPS."}),
        "http_host": _text("The Host header to send."),
        "prefix_affinity": _flag("Hash requests to replicas by prompt prefix, to reuse their KV cache."),
    },
)
SCALAR_VALUE = OneOf(options=(Str(), Int(), Bool()), doc="A string, an integer or a boolean.")
PARAMETER = Obj(
    what="a parameter (a mapping with `name`, `description` and `type`)",
    doc="A parameter Plano extracts from the prompt.",
    fields={
        "name": Field(Str(), required=True, doc="The parameter's name."),
        "description": Field(Str(), required=True, doc="What the parameter is."),
        "type": Field(Str(), required=True, doc="Its type: str, int, bool, ..."),
        "required": _flag("Whether the prompt must supply it."),
        "default": Field(SCALAR_VALUE, doc="The value when the prompt gives none."),
        "enum": Field(ListOf(items=SCALAR_VALUE, what="a list of values"), doc="The allowed values."),
        "in_path": _flag("Put the value in the endpoint path."),
        "format": _text("A format hint, e.g. `City, State`."),
    },
)
PROMPT_TARGET = Obj(
    what="a prompt target (a mapping with `name` and `description`)",
    doc="A function Plano can call for a prompt.",
    fields={
        "name": Field(Str(), required=True, doc="The target's name."),
        "description": Field(Str(), required=True, doc="What the target does, for intent matching."),
        "default": _flag("Use this target for prompts no other target matches."),
        "auto_llm_dispatch_on_response": _flag("Send the endpoint's response to the default LLM."),
        "parameters": Field(ListOf(items=PARAMETER, what="a list of parameters"), doc="The parameters to extract."),
        "endpoint": Field(
            Obj(
                what="an endpoint call (a mapping with `name` and `path`)",
                doc="Which endpoint to call, and how.",
                fields={
                    "name": Field(Str(), required=True, doc="An endpoint from `endpoints` (or an agent id)."),
                    "path": Field(Str(), required=True, doc="The request path."),
                    "http_method": _choice("The method.", {"GET": "GET.", "POST": "POST."}),
                    "http_headers": Field(
                        MapOf(values=Str(doc="A header value."), what="a mapping of header names to values"),
                        doc="Headers to send; `$VAR` is substituted.",
                    ),
                },
            ),
            doc="The endpoint to call.",
        ),
        "system_prompt": _text("A system prompt for this target."),
    },
)
RATELIMIT = Obj(
    what="a rate limit (a mapping with `model`, `selector` and `limit`)",
    doc="A token budget per model and request selector.",
    fields={
        "model": Field(Str(), required=True, doc="A declared model."),
        "selector": Field(
            Obj(
                what="a selector (a mapping with `key` and `value`)",
                doc="The request header that identifies who is limited.",
                fields={
                    "key": Field(Str(), required=True, doc="The header name."),
                    "value": Field(Str(), required=True, doc="The header value; `*` for any."),
                },
            ),
            required=True,
            doc="Who the limit applies to.",
        ),
        "limit": Field(
            Obj(
                what="a limit (a mapping with `tokens` and `unit`)",
                doc="How many tokens per unit of time.",
                fields={
                    "tokens": Field(Int(), required=True, doc="Tokens allowed per unit."),
                    "unit": Field(Str(), required=True, doc="minute, hour or day."),
                },
            ),
            required=True,
            doc="The limit.",
        ),
    },
)
EXPORTER = Obj(
    what="an exporter (a mapping with `type`, `url` and `api_key`)",
    doc="Where LLM spans are exported.",
    fields={
        "type": Field(
            Str(choices=("posthog",), choice_docs={"posthog": "PostHog AI observability."}),
            required=True,
            doc="The exporter.",
        ),
        "url": Field(Str(), required=True, doc="The PostHog host."),
        "api_key": Field(Str(secret=True), required=True, doc="The PostHog project key, as `$POSTHOG_API_KEY`."),
        "distinct_id_header": _text("The request header used as the distinct id."),
        "capture_messages": _flag("Include the user message."),
    },
)
TRACING = Obj(
    doc="OpenTelemetry tracing.",
    fields={
        "random_sampling": _int("Percentage of requests traced."),
        "trace_arch_internal": _flag("Trace Plano's internal spans."),
        "opentracing_grpc_endpoint": Field(
            Str(pattern=TRACING_URL, pattern_help="write http://host:port with no path", doc="The collector."),
            doc="The OpenTelemetry collector: http://host:port, with no path.",
        ),
        "span_attributes": Field(
            Obj(
                doc="Attributes added to spans.",
                fields={
                    "header_prefixes": _strings(
                        "Request headers with these prefixes become attributes.", "A header prefix."
                    ),
                    "static": Field(
                        MapOf(values=Str(doc="An attribute value."), what="a mapping of attribute names to values"),
                        doc="Attributes added to every span.",
                    ),
                },
            ),
            doc="Attributes added to spans.",
        ),
        "exporters": Field(
            ListOf(items=EXPORTER, what="a list of exporters"), doc="Export destinations for LLM spans."
        ),
    },
)
ROUTING = Obj(
    doc="Model affinity and switching.",
    fields={
        "llm_provider": _text("Legacy: the provider of the routing model."),
        "model": _text("Legacy: the routing model."),
        "session_ttl_seconds": _int("How long a pinned session lasts (default 600).", 1),
        "session_max_entries": _int("Most pinned sessions kept (default and limit 10000).", 1, 10000),
        "session_cache": Field(
            Obj(
                doc="Where pinned sessions are stored.",
                fields={
                    "type": _choice(
                        "The backend.", {"memory": "In process (the default).", "redis": "Redis, shared by replicas."}
                    ),
                    "url": _text("The Redis URL; required for redis."),
                    "tenant_header": _text("A header whose value scopes the cache keys."),
                },
            ),
            doc="Where pinned sessions are stored.",
        ),
        "routing_budget": Field(
            Obj(
                what="a routing budget (a mapping with `max_switch_spend_pct`)",
                doc="A per-session cost gate on switching models.",
                fields={
                    "max_switch_spend_pct": Field(
                        Num(minimum=0, maximum=100, doc="0 to 100."),
                        required=True,
                        doc="Most extra spend on switching, as a percentage of never switching (0-100).",
                    ),
                    "replenish_on_rebind": _flag("Reset the totals when a cold session rebinds."),
                    "cache_read_discount": Field(
                        Num(minimum=0, maximum=1, doc="0 to 1."),
                        doc="Cached input price as a share of the input price (0-1).",
                    ),
                    "record_counterfactual": _flag("Record the switch a veto prevented, in traces."),
                },
            ),
            doc="A per-session cost gate on switching models.",
        ),
        "route_on_user_only": _flag("Route only on user turns; replay the last decision otherwise."),
    },
)
TOP_PREFERENCE = Obj(
    what="a routing preference (a mapping with `name`, `description` and `models`)",
    doc="A task category and the models that serve it, best first.",
    fields={
        "name": Field(Str(), required=True, doc="A short name for the task, agreeing with its description."),
        "description": Field(Str(), required=True, doc="What requests of this kind look like, for the router model."),
        "models": Field(
            ListOf(
                items=Str(doc="A declared model."),
                what="a list of models",
                json_schema={
                    "type": "array",
                    "items": {"description": "A declared model.", "type": "string"},
                    "minItems": 1,
                },
            ),
            required=True,
            doc="Declared models for this task, primary first; the rest are tried on 429 or 5xx.",
        ),
        "selection_policy": Field(
            Obj(
                what="a selection policy (a mapping with `prefer`)",
                doc="How the router reorders the models.",
                fields={
                    "prefer": Field(
                        Str(
                            choices=("cheapest", "fastest", "none"),
                            choice_docs={
                                "cheapest": "Cheapest first (needs a cost source).",
                                "fastest": "Fastest first (needs a latency source).",
                                "none": "As listed.",
                            },
                        ),
                        required=True,
                        doc="cheapest, fastest or none.",
                    ),
                },
            ),
            doc="How the router reorders the models.",
        ),
    },
)
COST_SOURCE = Obj(
    what="a cost source",
    doc="A pricing catalog.",
    fields={
        "type": Field(Str(choices=("cost",), choice_docs={"cost": "A pricing catalog."}), required=True, doc="`cost`."),
        "provider": Field(
            Str(
                choices=("digitalocean", "models.dev"),
                choice_docs={"digitalocean": "DigitalOcean's GenAI catalog.", "models.dev": "The models.dev catalog."},
            ),
            required=True,
            doc="The catalog.",
        ),
        "url": _text("Override the catalog URL."),
        "refresh_interval": _int("Refresh interval in seconds.", 1),
        "model_aliases": Field(
            MapOf(values=Str(doc="A Plano model name."), what="a mapping of catalog keys to model names"),
            doc="Catalog keys mapped to Plano model names.",
        ),
    },
)
LATENCY_SOURCE = Obj(
    what="a latency source",
    doc="A Prometheus latency query.",
    fields={
        "type": Field(
            Str(choices=("latency",), choice_docs={"latency": "A latency query."}), required=True, doc="`latency`."
        ),
        "provider": Field(
            Str(choices=("prometheus",), choice_docs={"prometheus": "Prometheus."}),
            required=True,
            doc="The metrics store.",
        ),
        "url": Field(Str(), required=True, doc="The Prometheus URL."),
        "query": Field(Str(), required=True, doc="The PromQL query, one value per model."),
        "refresh_interval": _int("Refresh interval in seconds.", 1),
    },
)
METRICS_SOURCES = {"cost": COST_SOURCE, "latency": LATENCY_SOURCE}


def _metrics_json() -> dict[str, Any]:
    """The published schema: one of the two shapes, by `type` (checked by the dialect when lowering)."""
    from .jsonschema import _spec  # the same rendering the rest of the schema gets

    return {"oneOf": [_spec(spec) for spec in METRICS_SOURCES.values()]}


def _parameter_json() -> dict[str, Any]:
    """A parameter's schema, with its `enum` property as a pattern property.

    Same meaning; but a property *named* `enum` reads, to tools that walk a
    schema without knowing keywords from names, as an `enum` keyword.
    """
    from .jsonschema import _spec

    schema = _spec(PARAMETER)
    schema.pop("description", None)
    properties = dict(schema["properties"])
    schema["properties"] = properties
    schema["patternProperties"] = {"^enum$": properties.pop("enum")}
    return schema


METRICS_SOURCE = Anything(doc="A cost or latency source, by `type`.")
STATE_STORAGE_JSON: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {
            "description": "memory or postgres.",
            "type": "string",
            "enum": ["memory", "postgres"],
            "enumDescriptions": ["In process.", "A PostgreSQL database."],
        },
        "connection_string": {
            "description": "The PostgreSQL connection string; required for postgres. `$VAR` is substituted.",
            "type": "string",
        },
    },
    "required": ["type"],
    "additionalProperties": False,
    "if": {"properties": {"type": {"description": "postgres.", "const": "postgres"}}, "required": ["type"]},
    "then": {"required": ["connection_string"]},
}
STATE_STORAGE = Obj(
    what="a state storage (a mapping with `type`)",
    doc="Where conversation state for /v1/responses is kept.",
    json_schema=STATE_STORAGE_JSON,
    fields={
        "type": Field(
            Str(
                choices=("memory", "postgres"),
                choice_docs={"memory": "In process.", "postgres": "A PostgreSQL database."},
            ),
            required=True,
            doc="memory or postgres.",
        ),
        "connection_string": _text("The PostgreSQL connection string; required for postgres. `$VAR` is substituted."),
    },
)
ON_EXCEPTION = Obj(
    what="a mapping with `message`",
    doc="What to answer when the guard trips.",
    fields={"message": Field(Str(), required=True, doc="The answer.")},
)
JAILBREAK = Obj(
    what="a guard (a mapping with `on_exception`)",
    doc="Jailbreak detection.",
    fields={"on_exception": Field(ON_EXCEPTION, required=True, doc="What to answer when the guard trips.")},
)
PROMPT_GUARDS = Obj(
    doc="Guards applied to prompts.",
    fields={
        "input_guards": Field(
            Obj(
                what="input guards (a mapping with `jailbreak`)",
                doc="Guards applied to incoming prompts.",
                fields={"jailbreak": Field(JAILBREAK, required=True, doc="Jailbreak detection.")},
            ),
            doc="Guards applied to incoming prompts.",
        ),
    },
)
OTHER_OVERRIDES = {
    "prompt_target_intent_matching_threshold": Field(Num(doc="0 to 1."), doc="Threshold for matching a prompt target."),
    "optimize_context_window": _flag("Trim history to fit the model's context window."),
    "use_agent_orchestrator": _flag("Route through the single endpoint as an agent orchestrator."),
    "disable_signals": _flag("Turn off signal analysis of responses."),
    "upstream_connect_timeout": _text("Connect timeout for providers, e.g. `5s`."),
    "upstream_tls_ca_path": _text("The CA bundle for upstream TLS."),
    "llm_routing_model": _text("The router model for routing preferences (default Plano-Orchestrator)."),
    "agent_orchestration_model": _text("The agent orchestrator model (default Plano-Orchestrator)."),
    "orchestrator_model_context_length": _int("The orchestrator's context window (default 8192)."),
}

SCHEMA = Obj(
    what="a Plano config (a mapping with `version` and `listeners`)",
    doc="Plano (katanemo) gateway config",
    misplaced={
        "providers": "Plano calls it `model_providers`",
        "aliases": "Plano calls it `model_aliases`",
        "model_list": "that is LiteLLM's key; Plano lists models under `model_providers`",
    },
    fields={
        "version": Field(
            Str(choices=tuple(VERSIONS), choice_docs=VERSIONS, doc="The config version."),
            required=True,
            doc="The config version: v0.4.0 for new configs.",
        ),
        "listeners": Field(
            OneOf(options=(ListOf(items=LISTENER, what="a list of listeners"), LEGACY_LISTENERS)),
            required=True,
            doc="Where Plano listens: a list of listeners (the object form is deprecated).",
        ),
        "model_providers": Field(PROVIDER_LIST, doc="The models Plano can route to."),
        "llm_providers": Field(PROVIDER_LIST, doc="Deprecated spelling of `model_providers`."),
        "model_aliases": Field(
            MapOf(
                values=Obj(
                    what="an alias (a mapping with `target`)",
                    doc="What the alias stands for.",
                    fields={
                        "target": Field(
                            Str(), required=True, doc="A declared model (`openai/gpt-4o`) or model id (`gpt-4o`)."
                        )
                    },
                ),
                what="a mapping of alias names to aliases",
            ),
            doc="Names clients may use instead of a model, e.g. `fast-model: {target: gpt-4o-mini}`.",
        ),
        "routing_preferences": Field(
            ListOf(items=TOP_PREFERENCE, what="a list of routing preferences"),
            doc="Task categories for the router model, each with its candidate models.",
        ),
        "agents": Field(ListOf(items=AGENT, what="a list of agents"), doc="HTTP agents agent listeners route to."),
        "filters": Field(ListOf(items=FILTER, what="a list of filters"), doc="Filters listeners apply."),
        "endpoints": Field(
            MapOf(values=ENDPOINT, what="a mapping of endpoint names to endpoints"), doc="Services prompt targets call."
        ),
        "overrides": Field(
            Obj(unknown="allow", doc="Global behaviour overrides.", fields=OTHER_OVERRIDES),
            doc="Global behaviour overrides.",
        ),
        "prompt_caching": Field(
            Obj(
                doc="Provider prompt caching.",
                fields={
                    "enabled": _flag("Turn prompt caching on (default off)."),
                    "session_affinity": _flag("Derive a session key from the prompt prefix."),
                    "inject_cache_control": _flag("Add cache-control markers where providers need them."),
                    "min_prefix_tokens": _int("Skip markers below this many prefix tokens (default 1024).", 1),
                    "session_ttl_seconds": _int("How long a session stays pinned.", 1),
                },
            ),
            doc="Provider prompt caching.",
        ),
        "system_prompt": _text("The default system prompt for prompt targets."),
        "prompt_targets": Field(
            ListOf(items=PROMPT_TARGET, what="a list of prompt targets"), doc="Functions Plano can call."
        ),
        "ratelimits": Field(
            ListOf(items=RATELIMIT, what="a list of rate limits"), doc="Token limits per model and selector."
        ),
        "tracing": Field(TRACING, doc="OpenTelemetry tracing."),
        "mode": _choice("The gateway mode.", {"llm": "LLM gateway.", "prompt": "Prompt gateway."}),
        "routing": Field(ROUTING, doc="Model affinity and switching."),
        "state_storage": Field(STATE_STORAGE, doc="Where conversation state is kept."),
        "prompt_guards": Field(PROMPT_GUARDS, doc="Guards applied to prompts."),
        "model_metrics_sources": Field(
            ListOf(items=METRICS_SOURCE, what="a list of metrics sources"),
            doc="Cost and latency data for `selection_policy`.",
        ),
    },
)


class Entry:
    """One ``model_providers`` item, as Plano reads it."""

    __slots__ = (
        "node",
        "path",
        "model",
        "name",
        "provider",
        "model_id",
        "wildcard",
        "route",
        "default",
        "base_url",
        "interface",
        "access_key",
        "passthrough",
        "preferences",
    )

    def __init__(self, node: Mapping, path: str, model: Scalar) -> None:
        self.node = node
        self.path = path  # "model_providers[2]"
        self.model = model
        text = str(model.value)
        provider, _, model_id = text.partition("/")
        self.provider = provider.strip()
        self.model_id = model_id
        self.wildcard = "/" in text and text.split("/")[-1].strip() == "*"
        self.name = string_at(node, "name")
        self.route: str | None = None  # the route it became (None for wildcards and duplicates)
        default = node.get("default")
        self.default = default if isinstance(default, Scalar) and default.value is True else None
        self.base_url = string_at(node, "base_url")
        self.interface = string_at(node, "provider_interface")
        self.access_key = string_at(node, "access_key")
        passthrough = node.get("passthrough_auth")
        self.passthrough = passthrough if isinstance(passthrough, Scalar) and passthrough.value is True else None
        self.preferences: list[PreferenceEntry] = []

    @property
    def label(self) -> str:
        """The name clients use: ``name``, else the ``model`` string."""
        return str(self.name.value) if self.name is not None else str(self.model.value)

    @property
    def key(self) -> Scalar:
        return self.name if self.name is not None else self.model


class PreferenceEntry:
    """A routing preference: top-level (``models`` listed) or inline under one entry."""

    __slots__ = ("name", "description", "node", "path", "models", "owner")

    def __init__(self, name: Scalar, node: Mapping, path: str, owner: Entry | None = None) -> None:
        self.name = name
        self.description = string_at(node, "description")
        self.node = node
        self.path = path
        self.models = [
            item for item in (list_at(node, "models") or []) if isinstance(item, Scalar) and isinstance(item.value, str)
        ]
        self.owner = owner  # the provider entry an inline preference sits under


class Named:
    """An agent, a filter or an endpoint: something listeners and prompt targets refer to by id."""

    __slots__ = ("id", "node", "path", "kind")

    def __init__(self, id: Scalar, node: Node, path: str, kind: str) -> None:
        self.id = id
        self.node = node
        self.path = path
        self.kind = kind  # "agent", "filter" or "endpoint"


class IdRef:
    """An id written where an agent, filter or endpoint is expected."""

    __slots__ = ("id", "path", "kind")

    def __init__(self, id: Scalar, path: str, kind: str) -> None:
        self.id = id
        self.path = path
        self.kind = kind  # "filter", "agent" or "endpoint"


class PlanoData:
    """What Plano rules need beyond the common model."""

    def __init__(self) -> None:
        # The providers list Plano reads, and its key; both keys when both are written.
        self.providers_key: Scalar | None = None
        self.both_keys: tuple[Pair, Pair] | None = None
        self.legacy_providers: Pair | None = None  # `llm_providers`
        self.legacy_listeners: Pair | None = None  # `listeners` as an object
        self.model_listeners: list[tuple[Mapping, Scalar]] = []  # each `type: model` listener and its type value
        self.entries: list[Entry] = []
        self.preferences: list[PreferenceEntry] = []  # top-level
        self.named: list[Named] = []  # agents then filters, in order
        self.endpoints: dict[str, Named] = {}
        self.id_refs: list[IdRef] = []
        self.orchestrator: Scalar | None = None  # `overrides.use_agent_orchestrator: true`
        self.alias_targets: dict[str, Scalar] = {}  # alias name -> its `target` as written

    def model_keys(self) -> dict[str, Entry]:
        """What an alias target may name: each non-wildcard model string and model id, first entry first."""
        keys: dict[str, Entry] = {}
        for entry in self.entries:
            if not entry.wildcard:
                keys.setdefault(str(entry.model.value), entry)
                if entry.model_id:
                    keys.setdefault(entry.model_id, entry)
        return keys


def plano_data(config: Config) -> PlanoData:
    """The Plano data of a lowered Plano config (an empty one for a root that is not a mapping)."""
    data = config.extension
    return data if isinstance(data, PlanoData) else PlanoData()


class Plano(Dialect):
    name = "plano"
    summary = "Plano (katanemo) gateway config"
    schema = SCHEMA
    conventions = Conventions(
        known_providers=SUPPORTED,
        model_separator="/",
        yaml_version="1.1",
        env_syntax="$VAR",
        aliases_name_models=False,  # a Plano alias must name a declared model
        gateway="Plano",
    )

    def looks_like(self, document: Document, path: str) -> bool:
        """Plano's own keys: a providers list, or `listeners` beside `version`."""
        root = document.root
        if not isinstance(root, Mapping):
            return False
        return "model_providers" in root or "llm_providers" in root or ("listeners" in root and "version" in root)

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        data = PlanoData()
        config.extension = data
        self.check_shapes(root, config)
        self.lower_listeners(root, data)
        entries = self.provider_list(root, data)
        self.lower_entries(entries, config, data)
        self.lower_aliases(mapping_at(root, "model_aliases"), config, data)
        self.lower_model_names(config, data)
        self.lower_preferences(list_at(root, "routing_preferences"), config, data)
        self.lower_ratelimits(list_at(root, "ratelimits"), config, data)
        self.lower_named(root, data)
        self.lower_providers(config, data)

    # --- shapes the declarative schema cannot express ---------------------------------

    def check_shapes(self, root: Mapping, config: Config) -> None:
        """Plano's conditional and discriminated shapes, as the same RC005/RC006 findings."""
        for index, item in enumerate((list_at(root, "model_metrics_sources") or Sequence([], 0, 0)).items):
            path = f"model_metrics_sources[{index}]"
            kind = item.get("type") if isinstance(item, Mapping) else None
            spec = METRICS_SOURCES.get(kind.value) if isinstance(kind, Scalar) and isinstance(kind.value, str) else None
            if not isinstance(item, Mapping):
                config.findings.append(WrongType(item, path, "a cost or latency source (a mapping)"))
            elif spec is not None:
                validator = Validator()
                validator.validate(item, spec, path)
                config.findings.extend(validator.findings)
            elif kind is None:
                config.findings.append(MissingKey(item, path, "type"))
            elif not (isinstance(kind, Scalar) and isinstance(kind.value, str)):
                config.findings.append(WrongType(kind, f"{path}.type", "a string"))
            else:
                problem = f"'{kind.value}' is not allowed"
                config.findings.append(InvalidValue(kind, f"{path}.type", problem, allowed=tuple(METRICS_SOURCES)))
        storage = mapping_at(root, "state_storage")
        kind = string_at(storage, "type")
        if storage is not None and kind is not None and kind.value == "postgres" and "connection_string" not in storage:
            note = "Plano needs a connection string for postgres"
            config.findings.append(MissingKey(storage, "state_storage", "connection_string", note))
        for index, preference in enumerate((list_at(root, "routing_preferences") or Sequence([], 0, 0)).items):
            models = list_at(preference, "models")
            if models is not None and not models.items:
                path = f"routing_preferences[{index}].models"
                config.findings.append(
                    InvalidValue(models, path, "the list of models is empty", "list at least one declared model")
                )

    # --- listeners, agents, filters, endpoints --------------------------------------

    def lower_listeners(self, root: Mapping, data: PlanoData) -> None:
        pair = root.pair("listeners")
        if pair is None:
            return
        if isinstance(pair.value, Mapping):
            data.legacy_listeners = pair
            return
        for index, listener in enumerate(list_at(root, "listeners") or []):
            if not isinstance(listener, Mapping):
                continue
            path = f"listeners[{index}]"
            kind = string_at(listener, "type")
            if kind is not None and kind.value == "model":
                data.model_listeners.append((listener, kind))
            for field in ("input_filters", "output_filters"):
                data.id_refs += _ids(list_at(listener, field), f"{path}.{field}", "filter")
            for position, agent in enumerate(list_at(listener, "agents") or []):
                agent_path = f"{path}.agents[{position}]"
                agent_id = string_at(agent, "id")
                if agent_id is not None:
                    data.id_refs.append(IdRef(agent_id, f"{agent_path}.id", "agent"))
                data.id_refs += _ids(list_at(agent, "input_filters"), f"{agent_path}.input_filters", "filter")

    def lower_named(self, root: Mapping, data: PlanoData) -> None:
        for section, kind in (("agents", "agent"), ("filters", "filter")):
            for index, item in enumerate(list_at(root, section) or []):
                item_id = string_at(item, "id")
                if item_id is not None:
                    data.named.append(Named(item_id, item, f"{section}[{index}]", kind))
        for pair in mapping_at(root, "endpoints") or []:
            if isinstance(pair.key, Scalar):
                data.endpoints[pair.name] = Named(pair.key, pair.value, f"endpoints.{pair.name}", "endpoint")
        for index, target in enumerate(list_at(root, "prompt_targets") or []):
            endpoint = string_at(mapping_at(target, "endpoint"), "name")
            if endpoint is not None:
                data.id_refs.append(IdRef(endpoint, f"prompt_targets[{index}].endpoint.name", "endpoint"))
        orchestrator = mapping_at(root, "overrides")
        flag = orchestrator.get("use_agent_orchestrator") if orchestrator is not None else None
        if isinstance(flag, Scalar) and flag.value is True:
            data.orchestrator = flag

    # --- model providers -----------------------------------------------------------

    def provider_list(self, root: Mapping, data: PlanoData) -> Sequence | None:
        """`model_providers`, or the deprecated `llm_providers` (Plano refuses both at once)."""
        current = root.pair("model_providers")
        legacy = root.pair("llm_providers")
        data.legacy_providers = legacy
        if current is not None and legacy is not None:
            data.both_keys = (current, legacy)
        chosen = current or legacy
        if chosen is None or not isinstance(chosen.key, Scalar):
            return None
        data.providers_key = chosen.key
        return chosen.value if isinstance(chosen.value, Sequence) else None

    def lower_entries(self, entries: Sequence | None, config: Config, data: PlanoData) -> None:
        if entries is None:
            return
        list_key = str(data.providers_key.value) if data.providers_key is not None else "model_providers"
        for index, node in enumerate(entries.items):
            model = string_at(node, "model")
            if model is None or not isinstance(node, Mapping):
                continue
            path = f"{list_key}[{index}]"
            entry = Entry(node, path, model)
            data.entries.append(entry)
            self.lower_entry(entry, config)
            for position, preference in enumerate(list_at(node, "routing_preferences") or []):
                name = string_at(preference, "name")
                if name is not None and isinstance(preference, Mapping):
                    entry.preferences.append(
                        PreferenceEntry(name, preference, f"{path}.routing_preferences[{position}]", entry)
                    )
        for entry in data.entries:
            for inline in entry.preferences:
                self.inline_preference(inline, entry, config)

    def lower_entry(self, entry: Entry, config: Config) -> None:
        ref = ModelRef(entry.model, f"{entry.path}.model", entry.label)
        if entry.wildcard:
            config.other_models.append(ref)  # a family of models, not a name a client can send
            return
        name = entry.label
        if name in config.routes:
            config.other_models.append(ref)  # a duplicate: Plano refuses it, and the first one is the route
            return
        route = Route(name, entry.key, entry.node)
        route.model = ref
        config.routes[name] = route
        entry.route = name
        if entry.default is not None and config.defaults is None:
            defaults = Agent(None, entry.node, entry.path)
            defaults.route = Reference(entry.key, RefKind.DEFAULT_ROUTE, f"{entry.path}.default", "the default model")
            config.defaults = defaults

    def inline_preference(self, inline: PreferenceEntry, entry: Entry, config: Config) -> None:
        route = None
        if entry.route is not None:
            route = Reference(entry.key, RefKind.OTHER_ROUTE, inline.path, str(inline.name.value))
        config.preferences.append(Preference(inline.name, inline.description, route, inline.node))

    def lower_preferences(self, preferences: Sequence | None, config: Config, data: PlanoData) -> None:
        for index, node in enumerate((preferences or Sequence([], 0, 0)).items):
            name = string_at(node, "name")
            if name is None or not isinstance(node, Mapping):
                continue
            preference = PreferenceEntry(name, node, f"routing_preferences[{index}]", None)
            data.preferences.append(preference)
            for position, model in enumerate(preference.models):
                path = f"{preference.path}.models[{position}]"
                reference = self.model_reference(model, path, str(name.value), config, data)
                config.preferences.append(Preference(name, preference.description, reference, node))

    def model_reference(
        self, model: Scalar, path: str, owner: str, config: Config, data: PlanoData
    ) -> Reference | None:
        """A model named in a preference or rate limit, as a reference to its route.

        Plano looks a name up as a provider name, a model string or a model id
        (routes and their model-name aliases here), and last under a wildcard of
        its provider: one a wildcard serves is a model (None here); one nothing
        serves stays a reference, for RC101 to report.
        """
        text = str(model.value)
        if text in config.routes or text in config.aliases:
            return Reference(model, RefKind.OTHER_ROUTE, path, owner)
        provider = text.partition("/")[0]
        if any(entry.wildcard and entry.provider == provider for entry in data.entries) and not text.endswith("/*"):
            config.other_models.append(ModelRef(model, path, owner))
            return None
        if text.endswith("/*"):
            return None  # a wildcard where a model is expected: a Plano rule reports it
        return Reference(model, RefKind.OTHER_ROUTE, path, owner)

    def lower_aliases(self, aliases: Mapping | None, config: Config, data: PlanoData) -> None:
        """`alias: {target}`: Plano wants a declared model string or model id as the target (RC510)."""
        for pair in aliases or []:
            target = string_at(pair.value, "target")
            if not isinstance(pair.key, Scalar) or target is None:
                continue
            path = key_path("model_aliases", pair.name) + ".target"
            data.alias_targets[pair.name] = target
            config.aliases[pair.name] = Alias(
                pair.name, pair.key, Reference(target, RefKind.ALIAS_TARGET, path, pair.name)
            )

    def lower_model_names(self, config: Config, data: PlanoData) -> None:
        """The other names Plano's gateway answers to for a model: its `provider/model_id` and its bare id.

        They are aliases of the model's route (`gpt-4o` -> `openai/gpt-4o`), so alias
        targets and preferences written either way resolve, and the stubs offer them.
        """
        for entry in data.entries:
            if entry.route is None:
                continue
            for name in (str(entry.model.value), entry.model_id):
                if name and name not in config.routes and name not in config.aliases:
                    target = Reference(entry.key, RefKind.ALIAS_TARGET, f"{entry.path}.model", name)
                    config.aliases[name] = Alias(name, entry.model, target)

    def lower_ratelimits(self, ratelimits: Sequence | None, config: Config, data: PlanoData) -> None:
        for index, limit in enumerate((ratelimits or Sequence([], 0, 0)).items):
            model = string_at(limit, "model")
            if model is None:
                continue
            path = f"ratelimits[{index}].model"
            reference = self.model_reference(model, path, f"rate limit {index + 1}", config, data)
            if reference is not None:
                config.other_references.append(reference)

    def lower_providers(self, config: Config, data: PlanoData) -> None:
        """One Provider per prefix; a prefix Plano does not know is a custom provider when it has an endpoint."""
        custom = {
            entry.provider
            for entry in data.entries
            if entry.provider
            and entry.provider not in SUPPORTED
            and (entry.base_url is not None or entry.interface is not None)
        }
        credential_paths: list[tuple[str, str]] = []
        secret_variables: list[tuple[str, str]] = []
        local_keys: set[str] = set()
        for entry in data.entries:
            provider = entry.provider
            if provider not in SUPPORTED and provider not in custom:
                continue  # an unknown prefix: RC202 reports it at the model
            # A custom provider is a server of your own: whether it wants a key is its business.
            configured = (
                entry.access_key is not None
                or entry.passthrough is not None
                or provider in KEYLESS
                or provider in custom
            )
            known = config.providers.get(provider)
            if known is None:
                config.providers[provider] = Provider(
                    provider, entry.model, entry.path, configured=configured, base_url=entry.base_url
                )
                credential_paths.append((provider, f"{entry.path}.access_key"))
            elif configured:
                known.configured = True
            secret_variables.append((f"{entry.path}.access_key", env_var_for(provider)))
            if entry.base_url is not None and str(entry.base_url.value).lower().startswith("http://"):
                local_keys.add(f"{entry.path}.access_key")
        # A key sent in clear text to a local or in-cluster server (`http://`) is a placeholder such as
        # `local-demo-key`, not a provider secret; a key-shaped value is still found anywhere.
        config.credentials = [credential for credential in config.credentials if credential.path not in local_keys]
        config.conventions = config.conventions._replace(
            known_providers=config.conventions.known_providers | frozenset(custom),
            credential_paths=tuple(credential_paths),
            secret_variables=tuple(secret_variables),
        )


def _ids(items: Sequence | None, path: str, kind: str) -> list[IdRef]:
    return [
        IdRef(item, f"{path}[{index}]", kind)
        for index, item in enumerate(items or [])
        if isinstance(item, Scalar) and isinstance(item.value, str)
    ]


# Published schemas the declarative specs cannot produce as they are: computed once the helpers exist.
METRICS_SOURCE.json_schema = _metrics_json()
PARAMETER.json_schema = _parameter_json()

__all__ = ["Entry", "IdRef", "Named", "Plano", "PlanoData", "PreferenceEntry", "plano_data"]
