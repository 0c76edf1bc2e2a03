from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...ir.graph import Resolver
from ..base import Context, Rule, advice, quoted_list
from .common import covered, label, priority, span, target
from .shadowing import Shadow, analyse


class ShadowedRule(Rule):
    """
    ## What it does
    Reports a rule that can never be selected, because another rule matches
    every request it matches and wins (routing: highest `priority`, then
    longest match, then the earlier rule). Rule B is shadowed by rule A when:

    * keyword rules: each keyword of B is also a keyword of A, and A has a
      higher priority or the same priority and comes first; or A has a higher
      priority and, for each keyword of B, a keyword made of whole words of it
      (`learning` shadows `machine learning`);
    * regex rules: A has the same regular expression, and a higher priority
      or the same priority and comes first;
    * intent rules: every intent label of B is one of A's, and A wins ties.

    The diagnostic points at B's patterns; A is the related location. In
    TokenPak configs, RC702 reports each keyword a route shares instead.

    ## Why is this bad?
    The rule is dead: its route never gets a request through it. Usually a
    later, more specific rule was meant to win over a general one and needs
    a higher priority, or two rules were merged and one was left behind.

    ## Example
    ```yaml
    routes:
      code: {model: "anthropic:claude-sonnet-4-6"}
      python: {model: "openai:gpt-5"}
      general: {model: "gemini:gemini-2.5-flash"}
    rules:
      default: general
      match:
        - {name: code, keywords: [python, rust, golang], route: code}
        - {name: python, keywords: [python], route: python}
    ```

    ## Fix
    Give the rule a higher priority than the one that wins over it, move its
    keywords out of the other rule, or remove it.
    """

    code = "RC401"
    name = "shadowed-rule"
    severity = Severity.WARNING
    summary = "A rule can never be selected: another rule always wins over it."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        if len(config.matchers) < 2 or covered(ctx, self.code):
            return
        resolver = Resolver(config)
        matchers = config.matchers
        for order, shadow in sorted(analyse(config).shadowed.items()):
            loser, winner = matchers[order], matchers[shadow.by]
            message = f"{label(loser, order)} can never be selected: {self.reason(order, shadow, ctx)}"
            if target(loser, resolver) == target(winner, resolver):
                message += f" (both go to route '{target(winner, resolver)}')"
            start, end = span(winner)
            related = [Related(start, end, f"{label(winner, shadow.by)} wins here")]
            fix = advice(self.advice(order, shadow, ctx))
            yield self.report(ctx, *span(loser), message, related=related, fix=fix)

    def reason(self, order: int, shadow: Shadow, ctx: Context) -> str:
        assert ctx.config is not None
        matchers = ctx.config.matchers
        loser, winner = matchers[order], matchers[shadow.by]
        other = label(winner, shadow.by)
        mine, theirs = priority(loser), priority(winner)
        wins = (
            f"has a higher priority ({theirs} > {mine})"
            if theirs > mine
            else f"comes first at the same priority ({mine})"
        )
        if loser.kind == "regex":
            return f"{other} has the same regex and {wins}"
        if loser.kind == "intent":
            return f"{other} has the same intent and {wins}"
        inside = [(keyword, word) for keyword, word in shadow.pairs if keyword != word]
        if not inside:
            return f"every keyword of it is also a keyword of {other}, which {wins}"
        example = f"'{inside[0][1]}' is a word of '{inside[0][0]}'"
        return f"each keyword of it is, or contains, a keyword of {other} ({example}), which {wins}"

    def advice(self, order: int, shadow: Shadow, ctx: Context) -> str:
        assert ctx.config is not None
        winner = ctx.config.matchers[shadow.by]
        if ctx.config.matchers[order].kind == "keyword":
            shared = quoted_list(dict.fromkeys(theirs for _, theirs in shadow.pairs), 4)
            return f"give it a priority above {priority(winner)}, remove {shared} from {label(winner, shadow.by)}, or remove this rule"
        return f"give it a priority above {priority(winner)}, or remove it"
