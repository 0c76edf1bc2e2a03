"""Rules for TokenPak configs only (RC7xx). Each rule sets ``dialects = ("tokenpak",)``."""

from __future__ import annotations

from ..base import Rule

RULES: tuple[Rule, ...] = ()
