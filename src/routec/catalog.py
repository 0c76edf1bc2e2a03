"""What routec knows about model providers, shared by dialects and rules.

Facts only: names, the conventional environment variable for each provider's
key, whether a provider needs credentials at all, and which model-name
families identify it (to infer ``anthropic:`` for a bare ``claude-opus-4-6``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple


class ProviderInfo(NamedTuple):
    name: str
    env_var: str | None = None
    needs_credentials: bool = True
    # Regexes for model names this provider serves under its own naming.
    families: tuple[str, ...] = ()


_PROVIDERS = (
    ProviderInfo("anthropic", "ANTHROPIC_API_KEY", families=(r"claude-",)),
    ProviderInfo(
        "openai",
        "OPENAI_API_KEY",
        families=(r"gpt-", r"chatgpt-", r"o[1345](-|$)", r"text-embedding-", r"dall-e-", r"whisper-", r"tts-"),
    ),
    ProviderInfo("gemini", "GOOGLE_API_KEY", families=(r"gemini-",)),
    ProviderInfo("vertex", "VERTEX_PROJECT_ID"),
    ProviderInfo("bedrock", "AWS_ACCESS_KEY_ID"),
    ProviderInfo(
        "ollama",
        None,
        needs_credentials=False,
        families=(r"llama", r"mistral", r"mixtral", r"qwen", r"phi\d", r"gemma", r"codellama", r"deepseek-r1"),
    ),
    ProviderInfo("codex", None, needs_credentials=False),
    ProviderInfo("claude-cli", None, needs_credentials=False),
    ProviderInfo("nearai", "NEARAI_API_KEY"),
    ProviderInfo("venice", "VENICE_API_KEY"),
    ProviderInfo("azure", "AZURE_OPENAI_API_KEY"),
    ProviderInfo("mistral", "MISTRAL_API_KEY", families=(r"mistral-", r"codestral-", r"ministral-")),
    ProviderInfo("groq", "GROQ_API_KEY"),
    ProviderInfo("deepseek", "DEEPSEEK_API_KEY", families=(r"deepseek-(chat|reasoner|coder)",)),
    ProviderInfo("xai", "XAI_API_KEY", families=(r"grok-",)),
    ProviderInfo("openrouter", "OPENROUTER_API_KEY"),
    ProviderInfo("together", "TOGETHER_API_KEY"),
    ProviderInfo("fireworks", "FIREWORKS_API_KEY"),
    ProviderInfo("cohere", "COHERE_API_KEY", families=(r"command-",)),
)

PROVIDERS: dict[str, ProviderInfo] = {info.name: info for info in _PROVIDERS}

# Carapace's published list of model prefixes.
CARAPACE_PROVIDERS = frozenset(
    ("anthropic", "openai", "gemini", "vertex", "bedrock", "ollama", "codex", "nearai", "venice", "claude-cli")
)

@cache
def _family_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    # Compiled on first use: most checks never meet a bare model name.
    return tuple((re.compile(pattern, re.IGNORECASE), info.name) for info in _PROVIDERS for pattern in info.families)


def infer_providers(model: str, known: frozenset[str]) -> list[str]:
    """Providers among ``known`` whose model families match a bare model name."""
    found: list[str] = []
    for pattern, provider in _family_patterns():
        if provider in known and provider not in found and pattern.match(model):
            found.append(provider)
    return found


def env_var_for(provider: str) -> str:
    info = PROVIDERS.get(provider)
    if info is not None and info.env_var:
        return info.env_var
    return re.sub(r"[^A-Z0-9]+", "_", provider.upper()) + "_API_KEY"


def needs_credentials(provider: str) -> bool:
    info = PROVIDERS.get(provider)
    return info.needs_credentials if info is not None else True
