"""Carapace gateway configs (``carapace.json5``).

Facts from Carapace's own validator and docs (puremachinery/carapace:
``src/config/schema.rs``, ``src/config/routes.rs``, ``src/model_names.rs``,
``docs/protocol/config-reference.md``): route ids match
``^[a-z][a-z0-9-]*$``; a route is ``{model, label}``; unknown top-level keys
are warnings; ``route`` beats ``model`` on one agent; ``gemini:`` models read
the ``google`` block; only uppercase ``${VAR}`` is substituted.
"""

from __future__ import annotations

from ..catalog import CARAPACE_PROVIDERS
from ..ir import Config, Conventions, Provider, RefKind, Reference
from ..syntax import Document, Mapping, Scalar
from .base import ROUTE_NAMES, Dialect, list_at, lower_agents, lower_routes, mapping_at, string_at
from .schema import Anything, Bool, Field, Int, ListOf, MapOf, Num, Obj, Str

BIND_MODES = ("loopback", "lan", "auto", "tailnet")


def _check_bind(value: str) -> str | None:
    if value in BIND_MODES:
        return None
    import ipaddress  # only for a bind that is not a named mode

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return f"'{value}' is neither one of {', '.join(BIND_MODES)} nor an IP address"
    return None


def _secret(doc: str) -> Field:
    return Field(Str(secret=True, nullable=True), doc=doc)


def _text(doc: str) -> Field:
    return Field(Str(), doc=doc)


ANY = Field(Anything())
ROUTE = Obj(
    what="a route (a mapping with a `model`)",
    fields={
        "model": Field(Str(), required=True, doc="The `provider:model` this route sends requests to."),
        "label": _text("A human-readable label."),
    },
    misplaced={"fallbacks": "Carapace routes have no fallbacks; the routec format has them"},
)
AGENT_SETTINGS = {
    "route": _text("Named route from `routes`; wins over `model`."),
    "model": _text("A `provider:model` string, used when no route is set."),
    "system": ANY,
    "maxTurns": Field(Int(minimum=1)),
    "maxTokens": Field(Int(minimum=1)),
    "temperature": Field(Num(minimum=0)),
    "deliver": ANY,
    "tools": ANY,
    "toolPolicy": ANY,
    "exfiltrationGuard": ANY,
    "promptGuard": ANY,
    "outputSanitizer": ANY,
    "sandbox": ANY,
    "classifier": ANY,
    "identity": ANY,
}
AGENT_MISPLACED = {
    "max_turns": "Carapace spells it `maxTurns`",
    "max_tokens": "Carapace spells it `maxTokens`",
    "processSandbox": "Carapace calls it `sandbox`",
}
DEFAULTS = Obj(
    what="agent defaults (a mapping)",
    fields={
        **AGENT_SETTINGS,
        "maxConcurrent": Field(Int(minimum=1)),
        "timeoutSeconds": Field(Int(minimum=1)),
        "contextTokens": Field(Int(minimum=1)),
        "thinkingDefault": ANY,
        "verboseDefault": ANY,
        "blockStreamingDefault": ANY,
        "subagents": ANY,
        "compaction": ANY,
        "contextPruning": ANY,
        "heartbeat": ANY,
    },
    misplaced={**AGENT_MISPLACED, "timeout": "Carapace reads `agents.defaults.timeoutSeconds`"},
)
AGENT = Obj(
    what="an agent (a mapping with an `id`)",
    fields={"id": _text("The agent's id."), "default": Field(Bool()), **AGENT_SETTINGS},
    misplaced=AGENT_MISPLACED,
)
AGENTS = Obj(
    what="a mapping with `defaults` and `list`",
    fields={
        "defaults": Field(DEFAULTS),
        "list": Field(ListOf(items=AGENT, what="a list of agents")),
        "promptGuard": ANY,
        "outputSanitizer": ANY,
    },
)
AUTH = Obj(
    fields={
        "mode": Field(Str(choices=("none", "local", "token", "password"))),
        "token": _secret("Gateway token; use `${CARAPACE_GATEWAY_TOKEN}`."),
        "password": _secret("Gateway password; use an environment reference."),
        "allowTailscale": Field(Bool()),
        "profiles": ANY,
    }
)
HOOKS = Obj(
    fields={
        "enabled": Field(Bool()),
        "path": _text("Base path, default /hooks."),
        "token": _secret("Hooks token."),
        "maxBodyBytes": Field(Int(minimum=1)),
        "mappings": ANY,
        "gmail": ANY,
        "internal": ANY,
    }
)
GATEWAY = Obj(
    fields={
        "bind": Field(
            Str(check=_check_bind, doc="use loopback, lan, auto, tailnet or an IP address"),
            doc="Where the gateway listens: loopback, lan, auto, tailnet or an IP address.",
        ),
        "port": Field(Int(minimum=1, maximum=65535), doc="TCP port, default 18789."),
        "auth": Field(AUTH),
        "hooks": Field(HOOKS),
        "reload": Field(
            Obj(fields={"mode": Field(Str(choices=("hot", "hybrid", "off"), lenient=True)), "debounceMs": Field(Int(minimum=1))})
        ),
        **{name: ANY for name in ("ws", "controlUi", "tls", "mtls", "tailscale", "remote", "trustedProxies", "openai", "mode", "http", "nodes")},
    }
)


def _provider_block(*keys: str, secrets: tuple[str, ...] = ("apiKey",)) -> Field:
    fields = {key: _text(key) for key in keys}
    fields.update({key: _secret(key) for key in secrets})
    return Field(Obj(fields=fields))


# Which block configures each provider, and which keys in it count as credentials.
CREDENTIAL_BLOCKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "anthropic": ("anthropic", ("apiKey", "authProfile")),
    "openai": ("openai", ("apiKey",)),
    "gemini": ("google", ("apiKey", "authProfile")),
    "vertex": ("vertex", ("projectId",)),
    "bedrock": ("bedrock", ("accessKeyId", "region")),
    "venice": ("venice", ("apiKey",)),
    "nearai": ("nearai", ("apiKey",)),
    "codex": ("codex", ("authProfile",)),
    "claude-cli": ("claudeCli", ("enabled",)),
}

KNOWN_TOP_LEVEL = (
    "meta env wizard diagnostics logging update browser ui auth models nodeHost agents tools bindings broadcast "
    "audio media messages commands approvals session cron hooks web channels discovery canvasHost talk gateway "
    "usage plugins anthropic sessions openai codex google providers bedrock venice signal telegram discord slack "
    "matrix classifier vertex filesystem routes nearai claudeCli skills $schema"
).split()

SCHEMA = Obj(
    what="a Carapace config (a mapping)",
    unknown="warning",
    misplaced={"hooks": "Carapace reads hooks only under `gateway.hooks`"},
    fields={
        **{name: ANY for name in KNOWN_TOP_LEVEL if name != "hooks"},
        "$schema": _text("JSON Schema for editors."),
        "gateway": Field(GATEWAY),
        "routes": Field(
            MapOf(values=ROUTE, what="a mapping of route ids to routes", **ROUTE_NAMES),
            doc="Named routes, referenced by agents.",
        ),
        "agents": Field(AGENTS),
        "anthropic": _provider_block("baseUrl", "authProfile"),
        "openai": _provider_block("baseUrl", "httpReferer", "title"),
        "google": _provider_block("baseUrl", "authProfile"),
        "venice": _provider_block("baseUrl"),
        "nearai": _provider_block("baseUrl"),
        "codex": _provider_block("authProfile", secrets=()),
        "vertex": Field(
            Obj(fields={key: ANY for key in ("projectId", "location", "model", "gcloudTokenTimeoutMs", "globalModels")})
        ),
        "bedrock": Field(
            Obj(
                fields={
                    "region": _text("AWS region."),
                    "accessKeyId": _secret("AWS access key id."),
                    "secretAccessKey": _secret("AWS secret access key."),
                    "sessionToken": _secret("AWS session token."),
                    "enabled": Field(Bool()),
                }
            )
        ),
        "claudeCli": Field(Obj(fields={"enabled": Field(Bool())})),
        "providers": Field(
            MapOf(values=Obj(fields={"baseUrl": _text("Base URL."), "apiKey": _secret("API key.")}, unknown="warning"))
        ),
    },
)


class Carapace(Dialect):
    name = "carapace"
    summary = "Carapace gateway config (carapace.json5)"
    schema = SCHEMA
    conventions = Conventions(
        known_providers=CARAPACE_PROVIDERS,
        model_separator=":",
        dotted_ids_are_bedrock=True,
        credential_paths=tuple((provider, f"{block}.{keys[0]}") for provider, (block, keys) in CREDENTIAL_BLOCKS.items()),
        secret_variables=(
            ("gateway.auth.token", "CARAPACE_GATEWAY_TOKEN"),
            ("gateway.auth.password", "CARAPACE_GATEWAY_PASSWORD"),
            ("gateway.hooks.token", "CARAPACE_HOOKS_TOKEN"),
            ("bedrock.secretAccessKey", "AWS_SECRET_ACCESS_KEY"),
            ("bedrock.sessionToken", "AWS_SESSION_TOKEN"),
        ),
    )

    def looks_like(self, document: Document, path: str) -> bool:
        root = document.root
        return path.replace("\\", "/").rsplit("/", 1)[-1] == "carapace.json5" or (
            isinstance(root, Mapping) and "gateway" in root
        )

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        lower_routes(mapping_at(root, "routes"), config, with_fallbacks=False)
        lower_agents(mapping_at(root, "agents"), config)
        self.lower_providers(root, config)
        self.lower_cron(root, config)

    def lower_providers(self, root: Mapping, config: Config) -> None:
        for provider, (block_name, keys) in CREDENTIAL_BLOCKS.items():
            block = mapping_at(root, block_name)
            if block is None:
                continue
            configured = any(_is_set(block.get(key)) for key in keys)
            if _is_false(block.get("enabled")):
                configured = False
            key = root.pair(block_name).key  # type: ignore[union-attr]
            entry = Provider(provider, key, block_name, configured=configured)
            entry.base_url = string_at(block, "baseUrl")
            config.providers[provider] = entry
        providers = mapping_at(root, "providers")
        ollama = providers.pair("ollama") if providers is not None else None
        if ollama is not None:
            url = string_at(ollama.value, "baseUrl")
            config.providers["ollama"] = Provider("ollama", ollama.key, "providers.ollama", base_url=url)

    def lower_cron(self, root: Mapping, config: Config) -> None:
        """Cron payloads name routes too, and Carapace checks them at startup."""
        entries = list_at(mapping_at(root, "cron"), "entries")
        if entries is None:
            return
        for index, entry in enumerate(entries.items):
            route = string_at(mapping_at(entry, "payload"), "route")
            if route is not None:
                path = f"cron.entries[{index}].payload.route"
                config.other_references.append(Reference(route, RefKind.OTHER_ROUTE, path, f"cron entry {index}"))


def _is_set(node: object) -> bool:
    if not isinstance(node, Scalar):
        return node is not None
    return node.value not in (None, "", False)


def _is_false(node: object) -> bool:
    return isinstance(node, Scalar) and node.value is False
