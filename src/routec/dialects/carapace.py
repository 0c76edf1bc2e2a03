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
    return Field(Str(secret=True, nullable=True, doc=doc), doc=doc)


def _text(doc: str) -> Field:
    return Field(Str(doc=doc), doc=doc)


def _opaque(doc: str) -> Field:
    """A setting routec passes over (not about routing): documented for editors, not checked."""
    return Field(Anything(doc=doc), doc=doc)


def _int(doc: str, minimum: int = 1, maximum: int | None = None) -> Field:
    return Field(Int(minimum=minimum, maximum=maximum), doc=doc)


def _flag(doc: str) -> Field:
    return Field(Bool(), doc=doc)


ROUTE = Obj(
    what="a route (a mapping with a `model`)",
    doc="A named backend: the model its requests go to.",
    fields={
        "model": Field(Str(), required=True, doc="The `provider:model` this route sends requests to, e.g. `anthropic:claude-opus-4-6`."),
        "label": _text("A human-readable label shown in status output."),
    },
    misplaced={"fallbacks": "Carapace routes have no fallbacks; the routec format has them"},
)
AGENT_SETTINGS = {
    "route": _text("A route id from `routes`; wins over `model` when both are set."),
    "model": _text("A `provider:model` string, used when no route is set."),
    "system": _opaque("The agent's system prompt."),
    "maxTurns": _int("Most tool-use turns per request (default 25)."),
    "maxTokens": _int("Most output tokens per response (default 8192)."),
    "temperature": Field(Num(minimum=0), doc="Sampling temperature."),
    "deliver": _opaque("Where replies are delivered."),
    "tools": _opaque("Tools the agent may call."),
    "toolPolicy": _opaque("Which tools need approval."),
    "exfiltrationGuard": _opaque("Blocks tool calls that would send data out."),
    "promptGuard": _opaque("Checks prompts for injection attempts."),
    "outputSanitizer": _opaque("Cleans model output before delivery."),
    "sandbox": _opaque("Process sandbox for tools."),
    "classifier": _opaque("Request classifier settings."),
    "identity": _opaque("Name, description and avatar."),
}
AGENT_MISPLACED = {
    "max_turns": "Carapace spells it `maxTurns`",
    "max_tokens": "Carapace spells it `maxTokens`",
    "processSandbox": "Carapace calls it `sandbox`",
}
DEFAULTS = Obj(
    what="agent defaults (a mapping)",
    doc="Settings every agent inherits unless it sets its own.",
    fields={
        **AGENT_SETTINGS,
        "maxConcurrent": _int("Most requests handled at once (default 4)."),
        "timeoutSeconds": _int("Request timeout in seconds (default 300)."),
        "contextTokens": _int("Context window budget in tokens (default 200000)."),
        "thinkingDefault": _opaque("Extended thinking by default: off, or a level."),
        "verboseDefault": _opaque("Verbose replies by default."),
        "blockStreamingDefault": _opaque("Stream replies in blocks by default."),
        "subagents": _opaque("Limits for sub-agents."),
        "compaction": _opaque("How long conversations are compacted."),
        "contextPruning": _opaque("How old context is pruned."),
        "heartbeat": _opaque("Periodic heartbeat runs."),
    },
    misplaced={**AGENT_MISPLACED, "timeout": "Carapace reads `agents.defaults.timeoutSeconds`"},
)
AGENT = Obj(
    what="an agent (a mapping with an `id`)",
    doc="One agent and the route or model it uses.",
    fields={"id": _text("The agent's id."), "default": _flag("Use this agent when a request names none."), **AGENT_SETTINGS},
    misplaced=AGENT_MISPLACED,
)
AGENTS = Obj(
    what="a mapping with `defaults` and `list`",
    doc="Agents: defaults for all, and a list of agents with their own settings.",
    fields={
        "defaults": Field(DEFAULTS, doc="Settings every agent inherits."),
        "list": Field(ListOf(items=AGENT, what="a list of agents"), doc="The agents."),
        "promptGuard": _opaque("Prompt-injection checks for all agents."),
        "outputSanitizer": _opaque("Output cleaning for all agents."),
    },
)
AUTH = Obj(
    doc="How clients authenticate to the gateway.",
    fields={
        "mode": Field(
            Str(
                choices=("none", "local", "token", "password"),
                choice_docs={
                    "none": "No authentication; only for loopback.",
                    "local": "Trust local connections.",
                    "token": "A bearer token (`token`).",
                    "password": "A password (`password`), sent as the bearer token.",
                },
            ),
            doc="Authentication mode.",
        ),
        "token": _secret("Gateway token; write `${CARAPACE_GATEWAY_TOKEN}`, never the token."),
        "password": _secret("Gateway password; write an environment reference, never the password."),
        "allowTailscale": _flag("Accept verified Tailscale identities."),
        "profiles": _opaque("Stored credential profiles."),
    },
)
HOOKS = Obj(
    doc="Inbound webhooks.",
    fields={
        "enabled": _flag("Serve webhooks."),
        "path": _text("Base path, default `/hooks`; must not be `/`."),
        "token": _secret("Hooks token; write an environment reference."),
        "maxBodyBytes": _int("Largest accepted body (default 262144)."),
        "mappings": _opaque("Which hooks map to which agents."),
        "gmail": _opaque("Gmail push settings."),
        "internal": _opaque("Internal hooks."),
    },
)
IPV4 = r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV6 = r"[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"
BIND = Str(
    check=_check_bind,
    doc="use loopback, lan, auto, tailnet or an IP address",
    json_schema={"anyOf": [{"enum": list(BIND_MODES)}, {"pattern": f"^{IPV4}$"}, {"pattern": f"^{IPV6}$"}]},
    choice_docs={
        "loopback": "Listen on 127.0.0.1 only (the default).",
        "lan": "Listen on the local network.",
        "auto": "Listen on all interfaces.",
        "tailnet": "Listen on the Tailscale interface.",
    },
)
GATEWAY = Obj(
    doc="The gateway's listener, authentication and hooks.",
    fields={
        "bind": Field(BIND, doc="Where the gateway listens: loopback, lan, auto, tailnet or an IP address."),
        "port": _int("TCP port, default 18789.", 1, 65535),
        "auth": Field(AUTH, doc="How clients authenticate."),
        "hooks": Field(HOOKS, doc="Inbound webhooks."),
        "reload": Field(
            Obj(
                fields={
                    "mode": Field(
                        Str(
                            choices=("hot", "hybrid", "off"),
                            lenient=True,
                            choice_docs={
                                "hot": "Apply config changes without a restart.",
                                "hybrid": "Apply what can be applied hot, restart for the rest (default).",
                                "off": "Never reload.",
                            },
                        ),
                        doc="How config changes are applied.",
                    ),
                    "debounceMs": _int("Wait after a change before reloading (default 300)."),
                },
                doc="Config reloading.",
            ),
            doc="Config reloading.",
        ),
        "ws": _opaque("WebSocket rate limits."),
        "controlUi": _opaque("The control UI."),
        "tls": _opaque("TLS certificates."),
        "mtls": _opaque("Mutual TLS between nodes."),
        "tailscale": _opaque("Tailscale serve or funnel."),
        "remote": _opaque("Connections to remote gateways."),
        "trustedProxies": _opaque("Proxies whose forwarded headers are trusted."),
        "openai": _opaque("OpenAI-compatible endpoints the gateway serves."),
        "mode": _opaque("Gateway mode."),
        "http": _opaque("HTTP endpoint settings."),
        "nodes": _opaque("Node pairing."),
    },
)


def _provider_block(doc: str, *keys: tuple[str, str], secrets: tuple[tuple[str, str], ...] = ()) -> Field:
    fields = {key: _text(text) for key, text in keys}
    fields.update({key: _secret(text) for key, text in secrets})
    return Field(Obj(fields=fields, doc=doc), doc=doc)


API_KEY = ("apiKey", "The API key; write an environment reference such as `${ANTHROPIC_API_KEY}`, never the key.")
BASE_URL = ("baseUrl", "An endpoint to use instead of the provider's default.")
AUTH_PROFILE = ("authProfile", "A stored OAuth profile to use instead of an API key.")

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

# Top-level settings Carapace knows that are not about routing: passed over, documented for editors.
OTHER_TOP_LEVEL = {
    "meta": "Config metadata.",
    "env": "Environment variables set for the gateway, and `env.vars`.",
    "wizard": "Setup wizard state.",
    "diagnostics": "Diagnostics and telemetry.",
    "logging": "Log level and format.",
    "update": "Update checks.",
    "browser": "Browser tool settings.",
    "ui": "User interface settings.",
    "auth": "Credential profiles.",
    "models": "Model catalog overrides.",
    "nodeHost": "Node host settings.",
    "tools": "Tool settings.",
    "bindings": "Channel-to-agent bindings.",
    "broadcast": "Broadcast messages.",
    "audio": "Audio input and output.",
    "media": "Media fetching and storage.",
    "messages": "Message handling.",
    "commands": "Slash commands.",
    "approvals": "Approval prompts.",
    "session": "Session settings.",
    "sessions": "Session store.",
    "cron": "Scheduled runs; `entries[].payload.route` names a route.",
    "web": "Web tool settings.",
    "channels": "Chat channels.",
    "discovery": "Service discovery.",
    "canvasHost": "Canvas host.",
    "talk": "Voice talk mode.",
    "usage": "Usage tracking.",
    "plugins": "Plugins.",
    "signal": "Signal channel.",
    "telegram": "Telegram channel.",
    "discord": "Discord channel.",
    "slack": "Slack channel.",
    "matrix": "Matrix channel.",
    "classifier": "Request classifier.",
    "filesystem": "Filesystem tool roots.",
    "skills": "Agent skills.",
}

SCHEMA = Obj(
    what="a Carapace config (a mapping)",
    unknown="warning",
    misplaced={"hooks": "Carapace reads hooks only under `gateway.hooks`"},
    fields={
        **{name: _opaque(doc) for name, doc in OTHER_TOP_LEVEL.items()},
        "$schema": _text("JSON Schema for editors; `carapace.schema.json` also selects this dialect in routec."),
        "gateway": Field(GATEWAY, doc="The gateway's listener, authentication and hooks."),
        "routes": Field(
            MapOf(values=ROUTE, what="a mapping of route ids to routes", **ROUTE_NAMES),
            doc="Named routes, referenced by agents: define each `provider:model` once.",
        ),
        "agents": Field(AGENTS, doc="Agents and the routes or models they use."),
        "anthropic": _provider_block("Anthropic credentials.", BASE_URL, AUTH_PROFILE, secrets=(API_KEY,)),
        "openai": _provider_block(
            "OpenAI credentials.",
            BASE_URL,
            ("httpReferer", "HTTP-Referer header for OpenAI-compatible routers."),
            ("title", "X-Title header for OpenAI-compatible routers."),
            secrets=(API_KEY,),
        ),
        "google": _provider_block("Google credentials, used by `gemini:` models.", BASE_URL, AUTH_PROFILE, secrets=(API_KEY,)),
        "venice": _provider_block("Venice credentials.", BASE_URL, secrets=(API_KEY,)),
        "nearai": _provider_block("NEAR AI credentials.", BASE_URL, secrets=(API_KEY,)),
        "codex": _provider_block("Codex sign-in.", AUTH_PROFILE),
        "vertex": Field(
            Obj(
                doc="Google Vertex AI project, used by `vertex:` models.",
                fields={
                    "projectId": _opaque("Google Cloud project id."),
                    "location": _opaque("Vertex AI location (default us-central1)."),
                    "model": _opaque("Default Vertex model."),
                    "gcloudTokenTimeoutMs": _opaque("Timeout for gcloud token refresh."),
                    "globalModels": _opaque("Models served from the global endpoint."),
                },
            ),
            doc="Google Vertex AI project, used by `vertex:` models.",
        ),
        "bedrock": Field(
            Obj(
                doc="AWS Bedrock credentials, used by `bedrock:` models and dotted Bedrock model ids.",
                fields={
                    "region": _text("AWS region."),
                    "accessKeyId": _secret("AWS access key id; write `${AWS_ACCESS_KEY_ID}`."),
                    "secretAccessKey": _secret("AWS secret access key; write `${AWS_SECRET_ACCESS_KEY}`."),
                    "sessionToken": _secret("AWS session token; write `${AWS_SESSION_TOKEN}`."),
                    "enabled": _flag("Set false to turn Bedrock off."),
                },
            ),
            doc="AWS Bedrock credentials.",
        ),
        "claudeCli": Field(
            Obj(fields={"enabled": _flag("Serve `claude-cli:` models through the Claude CLI's own login.")}, doc="The Claude CLI provider."),
            doc="The Claude CLI provider.",
        ),
        "providers": Field(
            MapOf(
                values=Obj(fields={"baseUrl": _text(BASE_URL[1]), "apiKey": _secret(API_KEY[1])}, unknown="warning", doc="A provider's endpoint."),
                what="a mapping of provider names to settings",
                doc="Other providers, such as `ollama` with its `baseUrl`.",
            ),
            doc="Other providers, such as `ollama` with its `baseUrl`.",
        ),
    },
)


class Carapace(Dialect):
    name = "carapace"
    summary = "Carapace gateway config (carapace.json5)"
    schema = SCHEMA
    conventions = Conventions(
        gateway="Carapace",
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
