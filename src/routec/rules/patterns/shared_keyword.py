from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...ir.graph import Resolver
from ..base import Context, Rule, advice
from .common import covered, label, priority, target
from .shadowing import analyse


class SharedKeyword(Rule):
    """
    ## What it does
    Reports a keyword (compared as matching does: any case, any spacing) that
    two rules at the same priority both list, at the later rule. When it is
    the longest keyword found in a request, both rules match with the same
    length and the rule that comes first in the file wins. Not reported:
    rules at different priorities (the priority decides, as written), rules
    that go to the same route, and a rule RC401 already reports as never
    selected. In TokenPak configs, RC702 reports this.

    ## Why is this bad?
    Which route gets the request is decided by the order of the rules, which
    nobody reading one rule sees; moving a rule silently reroutes traffic.

    ## Example
    ```yaml
    routes:
      code: {model: "anthropic:claude-sonnet-4-6"}
      incidents: {model: "openai:gpt-5"}
      general: {model: "gemini:gemini-2.5-flash"}
    rules:
      default: general
      match:
        - {name: code, keywords: [refactor, debug], route: code}
        - {name: incidents, keywords: [outage, debug], route: incidents}
    ```

    ## Fix
    Keep the keyword in the one rule it belongs to; give the other rule a
    longer phrase (`debug production`), which wins by length, or set the
    priorities so the intended rule wins.
    """

    code = "RC402"
    name = "shared-keyword"
    severity = Severity.WARNING
    summary = "Two rules at the same priority share a keyword; the earlier rule wins the tie."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        if len(config.matchers) < 2 or covered(ctx, self.code):
            return
        analysis = analyse(config)
        resolver = Resolver(config)
        matchers = config.matchers
        for keyword, owners in analysis.by_keyword.items():
            first_at: dict[int, int] = {}  # priority -> the first rule with this keyword
            for order in owners:
                winner = first_at.setdefault(priority(matchers[order]), order)
                if winner == order or order in analysis.shadowed or winner in analysis.shadowed:
                    continue
                if target(matchers[order], resolver) == target(matchers[winner], resolver):
                    continue
                scalar, earlier = analysis.keywords[order][keyword], analysis.keywords[winner][keyword]
                first, later = label(matchers[winner], winner), label(matchers[order], order)
                message = (
                    f"keyword '{keyword}' of {later} is also a keyword of {first} at the same priority "
                    f"({priority(matchers[order])}): when it is the longest match, both match equally long and "
                    f"{first} wins because it comes first in the file"
                )
                related = [Related(earlier.start, earlier.end, f"{first} has it first and wins the tie")]
                fix = advice(f"keep '{keyword}' in one rule, use a longer phrase in {later}, or set the priorities")
                yield self.at(ctx, scalar, message, related=related, fix=fix)
