"""Rules about routing patterns (RC4xx): keyword/regex/intent rules, strategies, preferences, budgets.

They read the IR's matchers, strategies, preferences and budget, so they apply
to every dialect that has them (routec's own format, TokenPak's keyword routes).
"""

from __future__ import annotations

from ..base import Rule

RULES: tuple[Rule, ...] = ()
