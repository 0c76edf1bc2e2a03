"""Rules for MultiRoute configs only (RC8xx). Each rule sets ``dialects = ("multiroute",)``."""

from __future__ import annotations

from ..base import Rule

RULES: tuple[Rule, ...] = ()
