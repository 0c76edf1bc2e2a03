"""Finding secrets written into a config, and masking them everywhere.

A secret is found in two ways: a credential field (``apiKey``, ``token``, ...)
holding anything but an environment reference, or any string that contains a
provider key by its well-known shape. Every reporter masks these spans, so no
output shows a secret even when the rule that reports them is switched off.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .ir import Config, string_scalars
from .syntax import Document, Scalar
from .syntax.tree import value_span

# (kind, pattern, prefix kept when masking), most specific first.
KEY_PATTERNS = (
    ("anthropic", re.compile(r"sk-ant-[A-Za-z0-9_\-]{16,}"), "sk-ant-"),
    ("openai", re.compile(r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"), "sk-"),
    ("gemini", re.compile(r"AIza[0-9A-Za-z_\-]{35}"), "AIza"),
    ("bedrock", re.compile(r"(?:AKIA|ASIA)[0-9A-Z]{16}"), "AKIA"),
    # The password of `scheme://user:password@host` (group 1: the secret is the password alone).
    ("url-password", re.compile(r"://[^/\s:@]*:([^/\s@]+)@"), ""),
)
ENV_VARS = {
    "anthropic": "ANTHROPIC_API_KEY",
    "openai": "OPENAI_API_KEY",
    "gemini": "GOOGLE_API_KEY",
    "bedrock": "AWS_ACCESS_KEY_ID",
}


class Secret(NamedTuple):
    node: Scalar
    start: int  # span of the secret itself in the source
    end: int
    value: str
    kind: str  # a provider name, or "credential" for a credential field
    path: str | None = None

    @property
    def masked(self) -> str:
        return mask(self.value)


def mask(value: str) -> str:
    """``sk-ant-api03-...4f2a`` -> ``sk-ant-…4f2a``: a known prefix and the last four."""
    prefix = next((keep for _, pattern, keep in KEY_PATTERNS if value.startswith(keep)), "")
    if len(value) >= 16:
        return f"{prefix}…{value[-4:]}"
    return f"{prefix}…" if prefix else "…"


def is_env_reference(value: str) -> bool:
    """Whether a credential value defers to the environment (well-formed or not)."""
    stripped = value.strip()
    return stripped.startswith(("$", "os.environ/")) or "${" in stripped


# A string can hold a provider key only if it contains one of these; most strings are skipped.
_KEY_MARKERS = ("sk-", "AIza", "AKIA", "ASIA", "://")


def find_secrets(document: Document, config: Config | None, strings: list[Scalar] | None = None) -> list[Secret]:
    found: dict[tuple[int, int], Secret] = {}
    if config is not None:
        for credential in config.credentials:
            value = credential.value.value
            if isinstance(value, str) and value.strip() and not is_env_reference(value):
                start, end = value_span(document.source.text, credential.value, 0, len(value))
                found[(start, end)] = Secret(credential.value, start, end, value, "credential", credential.path)
    for scalar in strings if strings is not None else string_scalars(document):
        value = scalar.value
        assert isinstance(value, str)
        if not any(marker in value for marker in _KEY_MARKERS):
            continue
        for kind, pattern, _ in KEY_PATTERNS:
            for match in pattern.finditer(value):
                secret, (first, last) = _secret_of(match)
                if secret is None:
                    continue
                start, end = value_span(document.source.text, scalar, first, last)
                if not any(s <= start and end <= e for s, e in found):
                    found[(start, end)] = Secret(scalar, start, end, secret, kind)
    return sorted(found.values(), key=lambda secret: secret.start)


def _secret_of(match: re.Match[str]) -> tuple[str | None, tuple[int, int]]:
    """The secret a key pattern found, and its span: a pattern with a group keeps the secret in it.
    A URL's password that is an environment reference (`${PROXY_PASSWORD}`) is none."""
    group = 1 if match.re.groups else 0
    secret = match.group(group)
    return (None if group and is_env_reference(secret) else secret), match.span(group)


def find_in_text(text: str) -> list[Secret]:
    """Provider keys in a file that does not parse: no credential field is known there, but key shapes are."""
    if not any(marker in text for marker in _KEY_MARKERS):
        return []
    matches = sorted(
        (span[0], -span[1], kind, secret)
        for kind, pattern, _ in KEY_PATTERNS
        for secret, span in map(_secret_of, pattern.finditer(text))
        if secret is not None
    )
    found: list[Secret] = []
    reach = -1
    for start, negative_end, kind, value in matches:  # by start, longest first: skip a match inside one kept
        if -negative_end <= reach:
            continue
        reach = -negative_end
        found.append(Secret(Scalar(value, start, reach), start, reach, value, kind))
    return found


def scrub(text: str, secrets: list[Secret]) -> str:
    """Replace every secret value in a message with its masked form."""
    for secret in secrets:
        if secret.value in text:
            text = text.replace(secret.value, secret.masked)
    return text
