from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice
from .common import kind_node, option

KINDS = ("single", "failover", "cascade", "parallel", "loadbalance")
# The options each kind of strategy reads (routec's format); any other is ignored.
APPLIES = {
    "models": ("cascade", "parallel", "loadbalance"),
    "on": ("failover",),
    "check": ("cascade",),
    "scorer": ("parallel",),
    "weights": ("loadbalance",),
}
# The option a kind cannot work without, and what it is for.
REQUIRED = {
    "cascade": ("check", "the named check an answer must pass, or the next model is tried"),
    "parallel": ("scorer", "the named scorer that picks the answer returned"),
}
INSTEAD = {
    "models": "a failover strategy tries the route's `fallbacks`, and `models` is for cascade, parallel and loadbalance",
}


class StrategyIncomplete(Rule):
    """
    ## What it does
    Reports a strategy that lacks what its kind needs (an error): a `cascade`
    without `check`, a `parallel` without `scorer`. A `failover` on a route
    with no `fallbacks` (a warning: it behaves as `single`). And an option
    written for another kind (a warning): `models` on `single` or `failover`, `on` other
    than on `failover`, `check` other than on `cascade`, `scorer` other than
    on `parallel`, `weights` other than on `loadbalance`.

    ## Why is this bad?
    A cascade without a check never knows when to escalate, and a parallel
    call without a scorer has no way to pick an answer: the stubs and the
    gateway would each guess. An option of another kind is left out of the
    strategy the routing table and the stubs describe, so the behaviour it
    seems to set does not happen (`weights` on a failover spread no load).

    ## Example
    ```yaml
    routes:
      extract:
        model: gemini:gemini-2.5-flash
        strategy:
          kind: cascade
          models: [anthropic:claude-sonnet-4-6]
    ```

    ## Fix
    Add the missing option (`check: valid_json`, `scorer: judge`), and
    remove options the kind does not read, or change the kind.
    """

    code = "RC415"
    name = "strategy-incomplete"
    severity = Severity.ERROR
    summary = "A strategy lacks the option its kind needs, or sets one its kind ignores."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        for name, route in config.routes.items():
            strategy = route.strategy
            if strategy is None:
                continue
            kind = strategy.kind
            required = REQUIRED.get(kind)
            if required is not None and option(strategy.node, required[0]) is None:
                message = f"{kind} strategy of route '{name}' has no `{required[0]}`: {required[1]}"
                yield self.at(
                    ctx, kind_node(strategy.node), message, fix=advice(f"add `{required[0]}: <name>` to the strategy")
                )
            if kind == "failover" and not route.fallbacks and not route.fallback_models:
                message = f"failover strategy of route '{name}' has no `fallbacks`: there is nothing to fail over to"
                fix = advice("add `fallbacks: [<route>]` to the route, or make the strategy `single`")
                yield self.at(ctx, kind_node(strategy.node), message, fix=fix, severity=Severity.WARNING)
            for key, kinds in APPLIES.items():
                pair = option(strategy.node, key)
                if pair is None or kind in kinds or kind not in KINDS:
                    continue
                why = INSTEAD.get(key) if kind == "failover" else None
                message = f"`{key}` does not apply to a {kind} strategy (route '{name}'): "
                message += why if why else f"it is for {listed(kinds)}"
                fix = advice(f"remove `{key}`, or change the kind")
                yield self.at(ctx, pair.key, message, fix=fix, severity=Severity.WARNING)


def listed(kinds: tuple[str, ...]) -> str:
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"
