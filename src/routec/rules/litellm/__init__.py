"""Rules for LiteLLM configs only (RC6xx). Each rule sets ``dialects = ("litellm",)``."""

from __future__ import annotations

from ..base import Rule

RULES: tuple[Rule, ...] = ()
