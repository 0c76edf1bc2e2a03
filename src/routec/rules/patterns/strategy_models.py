from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import kind_node, models_known

# What each strategy does with a second model, for the message.
NEEDS = {
    "cascade": "a cascade escalates from a cheaper model to the next one",
    "parallel": "a parallel strategy picks the best of several answers",
    "loadbalance": "a loadbalance strategy spreads requests over several models",
}


class StrategyNeedsModels(Rule):
    """
    ## What it does
    Reports a `cascade`, `parallel` or `loadbalance` strategy whose models
    (the route's `model` and the strategy's `models`) are fewer than two
    different `provider:model` strings. A route without `model`, or with
    `models` that is not a list of strings, is left to RC005 and RC004.

    ## Why is this bad?
    With one model there is nothing to escalate to, nothing to pick from and
    nothing to spread load over: the strategy is `single` in disguise, and
    the cost or reliability it was written for does not happen.

    ## Example
    ```yaml
    routes:
      extract:
        model: gemini:gemini-2.5-flash
        strategy: {kind: cascade, check: valid_json}
    ```

    ## Fix
    List the other models under `strategy.models` (escalation steps, the
    models to compare, the deployments to share load), or use `single`.
    """

    code = "RC404"
    name = "strategy-needs-models"
    severity = Severity.ERROR
    summary = "A cascade, parallel or loadbalance strategy has only one model."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        for name, route in config.routes.items():
            strategy = route.strategy
            if strategy is None or strategy.kind not in NEEDS or not models_known(route):
                continue  # a missing model or unreadable `models` is RC005's or RC004's
            distinct = list(dict.fromkeys(model.value for model in strategy.models))
            if len(distinct) >= 2:
                continue
            shown = f"'{distinct[0]}'"
            twice = " (listed more than once)" if len(strategy.models) > 1 else ""
            message = (
                f"{strategy.kind} strategy of route '{name}' has only one model, {shown}{twice}: {NEEDS[strategy.kind]}"
            )
            fix = advice("list the other models under `strategy.models`, or use `strategy: single`")
            yield self.at(ctx, kind_node(strategy.node), message, fix=fix)
