"""Rules for Plano configs only (RC5xx). Each rule sets ``dialects = ("plano",)``."""

from __future__ import annotations

from ..base import Rule

RULES: tuple[Rule, ...] = ()
