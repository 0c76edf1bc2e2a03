from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...dialects.tokenpak import RouteEntry
from ...routing import normalise_keyword
from ...syntax import Scalar
from ..base import Context, Rule, advice
from ..patterns.shadowing import analyse
from .common import keyword_routes, line_of


class DuplicateKeyword(Rule):
    """
    ## What it does
    Reports a keyword that two TokenPak routes share (ignoring case and
    spacing, as matching does), at the later route, and a keyword listed
    twice in one route. A route all of whose keywords one earlier route has
    is reported once, as never selected. In TokenPak configs this rule
    reports what RC401 and RC402 report elsewhere.

    ## Why is this bad?
    The recipe resolves conflicts by "longest/most specific match wins". A
    shared keyword is the same match for both routes, so the tie is real and
    is decided by order: the route listed first gets every request that
    matches only this keyword, and the other route never does. Which route
    was meant is not written anywhere.

    ## Example
    ```yaml
    routing:
      routes:
        - name: code
          keywords: [refactor, debug]
          preferred_model: openai:gpt-4o
          fallback_model: anthropic:claude-3-5-haiku-latest
        - name: incidents
          keywords: [outage, debug]
          preferred_model: anthropic:claude-3-5-sonnet-latest
          fallback_model: openai:gpt-4o
        - name: default
          preferred_model: openai:gpt-4o-mini
          fallback_model: anthropic:claude-3-5-haiku-latest
    ```

    ## Fix
    Keep the keyword in the one route it belongs to. To send some of its
    requests elsewhere, give that route a longer phrase (`debug production`),
    which wins over the shorter keyword by longest match.
    """

    code = "RC702"
    name = "duplicate-keyword"
    severity = Severity.WARNING
    summary = "Two routes share a keyword; the tie is decided by order."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.config is not None
        matchers = ctx.config.matchers
        # Routes an earlier route always wins over, by entry: the route that wins.
        shadowed = {id(matchers[order].node): matchers[shadow.by].name for order, shadow in analyse(ctx.config).shadowed.items()}
        first: dict[str, tuple[RouteEntry, Scalar]] = {}
        for entry in keyword_routes(ctx):
            if id(entry.node) in shadowed and entry.keywords:
                yield self.never_selected(ctx, entry, shadowed[id(entry.node)])
            for keyword in entry.keywords:
                word = normalise_keyword(str(keyword.value))
                if not word:
                    continue  # RC701's
                if word not in first:
                    first[word] = (entry, keyword)
                    continue
                owner, earlier = first[word]
                if owner is not entry and (id(entry.node) in shadowed or owner.name_value == entry.name_value):
                    continue  # reported above, or one route under one name (RC705's)
                yield self.diagnose(ctx, entry, keyword, owner, earlier)

    def never_selected(self, ctx: Context, entry: RouteEntry, winner: str | None) -> Diagnostic:
        message = (
            f"route {entry.label} is never selected: every keyword of it is also a keyword of route '{winner}', "
            "which is listed first and wins every tie"
        )
        fix = advice(f"give route {entry.label} keywords of its own, remove the shared ones from '{winner}', or remove it")
        return self.at(ctx, entry.keywords[0], message, fix=fix)

    def diagnose(self, ctx: Context, entry: RouteEntry, keyword: Scalar, owner: RouteEntry, earlier: Scalar) -> Diagnostic:
        where = f"line {line_of(ctx, earlier)}"
        if owner is entry:
            message = f"keyword '{keyword.value}' is listed twice in route {entry.label} (first on {where})"
            related = (Related(earlier.start, earlier.end, "listed here first"),)
            return self.at(ctx, keyword, message, related=related, fix=advice("remove one of the two"))
        message = (
            f"keyword '{keyword.value}' is also a keyword of route {owner.label} ({where}): the same match for both, "
            f"so the tie is decided by order and {owner.label}, listed first, wins; route {entry.label} never gets "
            "a request by this keyword"
        )
        related = (Related(earlier.start, earlier.end, f"{owner.label} has it first and wins the tie"),)
        fix = advice(f"keep it in one route; a longer phrase in route {entry.label} would win by longest match")
        return self.at(ctx, keyword, message, related=related, fix=fix)
