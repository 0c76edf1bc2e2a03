from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...syntax import Mapping, Scalar, Sequence
from ..base import Context, Rule, advice

MATCHERS = ("keywords", "regex", "intent")


class RuleMatcher(Rule):
    """
    ## What it does
    Reports a rule under `rules.match` that has none of `keywords`, `regex`
    and `intent`, or more than one of them, or an empty `keywords` list;
    and, as a warning, a keyword that is empty or only spaces.

    ## Why is this bad?
    A rule without a matcher never matches: its route gets nothing. A rule
    with two is read as two separate rules with the same name, route and
    priority (either one matching is enough), which is rarely what
    `keywords` plus `regex` in one rule was meant to say. An empty keyword
    is ignored.

    ## Example
    ```yaml
    routes:
      code: {model: "anthropic:claude-sonnet-4-6"}
      general: {model: "gemini:gemini-2.5-flash"}
    rules:
      default: general
      match:
        - {name: code, route: code}
    ```

    ## Fix
    Give each rule exactly one of `keywords`, `regex` or `intent`; split a
    rule with two into two rules.
    """

    code = "RC409"
    name = "rule-matcher"
    severity = Severity.ERROR
    summary = "A rule has no matcher, more than one, or an empty keyword list."
    dialects = ("routec",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        root = ctx.config.root if ctx.config is not None else None
        rules = root.get("rules") if isinstance(root, Mapping) else None
        written = rules.get("match") if isinstance(rules, Mapping) else None
        if not isinstance(written, Sequence):
            return
        for index, entry in enumerate(written.items):
            if isinstance(entry, Mapping):
                yield from self.check_rule(ctx, index, entry)

    def check_rule(self, ctx: Context, index: int, entry: Mapping) -> Iterator[Diagnostic]:
        name = entry.get("name")
        shown = (
            f"'{name.value}'"
            if isinstance(name, Scalar) and isinstance(name.value, str)
            else f"{index + 1} (rules.match[{index}])"
        )
        present = [pair for pair in (entry.pair(key) for key in MATCHERS) if pair is not None]
        if not present:
            message = f"rule {shown} has none of `keywords`, `regex`, `intent`: it never matches"
            yield self.at(ctx, entry, message, fix=advice("add one of `keywords`, `regex` or `intent`"))
        for extra in present[1:]:
            message = (
                f"rule {shown} has both `{present[0].name}` and `{extra.name}`: a rule takes one matcher, "
                "and routec reads this as two rules"
            )
            yield self.at(ctx, extra.key, message, fix=advice(f"move `{extra.name}` into a rule of its own"))
        keywords = entry.get("keywords")
        if isinstance(keywords, Sequence) and not keywords.items:
            yield self.at(
                ctx,
                keywords,
                f"rule {shown} has an empty `keywords` list: it never matches",
                fix=advice("list the keywords, or remove the rule"),
            )
        for item in keywords.items if isinstance(keywords, Sequence) else ():
            if isinstance(item, Scalar) and isinstance(item.value, str) and not item.value.strip():
                message = f"rule {shown} has an empty keyword, which is ignored"
                yield self.at(ctx, item, message, fix=advice("remove it"), severity=Severity.WARNING)
