from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...dialects.tokenpak import Degradation
from ...suggest import suggest
from ..base import Context, Rule, advice, did_you_mean, replacement
from .common import routing_of

MAX_SHOWN = 12
MAX_RELATED = 25
# The recipe: degrade "at 80-90% budget"; "at 50% budget (degrades too early)" is its pitfall.
EARLY_BELOW_PCT = 80


class DegradationCycle(Rule):
    """
    ## What it does
    Reports models in TokenPak's `cost_aware_routing.degradation_map` that
    degrade into each other in a loop, showing the whole cycle
    (`gpt-4 -> gpt-3.5-turbo -> gpt-4`) and where each step is written. A
    model written bare and with its provider is the same model.

    ## Why is this bad?
    Degrading is meant to end at a cheaper model. In a loop, a model is
    swapped for one that is swapped back: a router that follows the map
    never stops, one that applies it once may "degrade" to the more
    expensive model.

    ## Example
    ```yaml
    routing:
      routes:
        - name: default
          preferred_model: openai:gpt-4o
          fallback_model: openai:gpt-4o-mini
    cost_aware_routing:
      degradation_map:
        openai:gpt-4o: openai:gpt-4o-mini
        openai:gpt-4o-mini: openai:gpt-4o
    ```

    ## Fix
    Remove the entry that leads back: the cheapest model of a chain has no
    entry of its own.
    """

    code = "RC709"
    name = "degradation-cycle"
    severity = Severity.ERROR
    summary = "Degradation map entries loop."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        steps: dict[str, Degradation] = {}
        for step in routing_of(ctx).degradations:
            if not step.model.malformed:
                steps.setdefault(step.model.resolved, step)
        done: set[str] = set()
        for start in steps:
            path: list[str] = []
            position: dict[str, int] = {}
            current = start
            while current in steps and current not in done:
                if current in position:
                    yield self.diagnose(ctx, [steps[model] for model in path[position[current] :]])
                    break
                position[current] = len(path)
                path.append(current)
                current = steps[current].cheaper.resolved
            done.update(path)

    def diagnose(self, ctx: Context, cycle: list[Degradation]) -> Diagnostic:
        names = [str(step.model.written.value) for step in cycle] + [str(cycle[0].model.written.value)]
        if len(names) > MAX_SHOWN:
            names = names[: MAX_SHOWN - 1] + [f"... {len(names) - MAX_SHOWN} more ..."] + names[-1:]
        related = [
            Related(step.cheaper.written.start, step.cheaper.written.end, f"'{step.model.written.value}' degrades to '{step.cheaper.written.value}'")
            for step in cycle[:MAX_RELATED]
        ]
        closing = cycle[-1]
        message = f"degradation cycle: {' -> '.join(names)}"
        if len(cycle) == 1:
            fix = advice(f"remove the entry for '{closing.model.written.value}': a model does not degrade to itself")
        else:
            fix = advice(f"remove the entry for '{closing.model.written.value}', or another of the {len(cycle)} entries in the loop")
        return self.at(ctx, closing.cheaper.written, message, related=related, fix=fix)


class EarlyDegradation(Rule):
    """
    ## What it does
    Reports a TokenPak `degrade_above_budget_pct` below 80, while
    cost-aware routing is enabled.

    ## Why is this bad?
    The recipe: "Degrade conservatively — downgrade to a cheaper model only
    when the budget is genuinely tight, not early, to avoid hurting
    quality." Its earlier version names the pitfall: degrading at 50% of the
    budget "degrades too early, bad user experience"; 80-90% leaves room to
    recover.

    ## Example
    ```yaml
    routing:
      routes:
        - name: default
          preferred_model: openai:gpt-4o
          fallback_model: openai:gpt-4o-mini
    cost_aware_routing:
      enabled: true
      degrade_above_budget_pct: 50
      degradation_map:
        openai:gpt-4o: openai:gpt-4o-mini
    ```

    ## Fix
    Degrade at 80-90% of the budget.
    """

    code = "RC710"
    name = "early-degradation"
    severity = Severity.WARNING
    summary = "Cost-aware degradation starts early in the budget."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        routing = routing_of(ctx)
        threshold = routing.threshold
        if threshold is None or not routing.degrading:
            return
        value = threshold.value
        assert isinstance(value, (int, float))
        if value >= EARLY_BELOW_PCT:
            return
        message = (
            f"degradation starts at {value}% of the budget: models are swapped for cheaper ones while "
            f"{100 - value:g}% of it is left"
        )
        yield self.at(ctx, threshold, message, fix=advice("degrade at 80-90% of the budget, as TokenPak's recipe advises"))


class UnusedDegradation(Rule):
    """
    ## What it does
    Reports a TokenPak `degradation_map` entry for a model that no route
    uses (as preferred or fallback model) and no other entry degrades to,
    with the closest model that is used.

    ## Why is this bad?
    The entry never applies: a misspelt model (`gpt4` for `gpt-4`) leaves the
    route's real model undegraded, and the budget overruns though the config
    looks cost-aware.

    ## Example
    ```yaml
    routing:
      routes:
        - name: default
          preferred_model: openai:gpt-4o
          fallback_model: openai:gpt-4o-mini
    cost_aware_routing:
      degradation_map:
        openai:gpt4o: openai:gpt-4o-mini
    ```

    ## Fix
    Name the model exactly as the routes do, or remove the entry.
    """

    code = "RC711"
    name = "unused-degradation"
    severity = Severity.WARNING
    summary = "A degradation map entry applies to no model a route uses."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        routing = routing_of(ctx)
        routed = [model for entry in routing.routes for model in (entry.preferred, entry.fallback) if model is not None]
        if not routed:
            return
        used = {model.resolved for model in routed} | {step.cheaper.resolved for step in routing.degradations}
        written = sorted({str(model.written.value) for model in routed})
        for step in routing.degradations:
            model = step.model
            if model.resolved in used or model.malformed:
                continue
            message = f"degradation_map entry '{model.written.value}' applies to no model a route uses, so it never takes effect"
            suggestions = suggest(str(model.written.value), written)
            if suggestions:
                message += f"; {did_you_mean(suggestions)}"
                fix = replacement(f"replace with '{suggestions[0]}'", ctx.replace_value(model.written, suggestions[0]), safe=False)
            else:
                fix = advice("name a model that a route uses, or remove the entry")
            yield self.at(ctx, model.written, message, fix=fix)
