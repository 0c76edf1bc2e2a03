from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...ir import ModelRef
from ..base import Context, Rule, advice
from .common import covered

MAX_SHOWN = 12
MAX_RELATED = 25

Step = tuple[ModelRef, ModelRef]  # (model, its cheaper replacement), as written


def cycles(degradation: list[Step]) -> list[list[Step]]:
    """Each loop of the map once, from the entry written first; a model degraded to itself is a loop of one."""
    steps: dict[str, Step] = {}
    written: dict[str, int] = {}
    for index, step in enumerate(degradation):
        steps.setdefault(step[0].value, step)
        written.setdefault(step[0].value, index)
    found: list[list[Step]] = []
    done: set[str] = set()
    for start in steps:
        path: list[str] = []
        position: dict[str, int] = {}
        current = start
        while current in steps and current not in done:
            if current in position:
                loop = path[position[current] :]
                turn = loop.index(min(loop, key=written.__getitem__))
                found.append([steps[model] for model in loop[turn:] + loop[:turn]])
                break
            position[current] = len(path)
            path.append(current)
            current = steps[current][1].value
        done.update(path)
    return found


class DegradationCycle(Rule):
    """
    ## What it does
    Reports models in the budget's degradation map that degrade into each
    other in a loop, showing the whole cycle (`a -> b -> a`) and where each
    step is written, and a model degraded to itself. Models are compared as
    written. In TokenPak configs, RC709 reports this.

    ## Why is this bad?
    Degrading is meant to end at a cheaper model. In a loop a model is
    swapped for one that is swapped back: a router that follows the map
    never stops, and one that applies it once may "degrade" to the more
    expensive model. A model degraded to itself saves nothing.

    ## Example
    ```yaml
    routes:
      strong: {model: "anthropic:claude-opus-4-6"}
    budget:
      degrade_above_budget_pct: 80
      degrade:
        anthropic:claude-opus-4-6: anthropic:claude-sonnet-4-6
        anthropic:claude-sonnet-4-6: anthropic:claude-opus-4-6
    ```

    ## Fix
    Remove the entry that leads back: the cheapest model of a chain has no
    entry of its own.
    """

    code = "RC414"
    name = "budget-degradation-cycle"
    severity = Severity.ERROR
    summary = "The budget's degradation map loops."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        if config.budget is None or covered(ctx, self.code):
            return
        for cycle in cycles(config.budget.degradation):
            yield self.diagnose(ctx, cycle)

    def diagnose(self, ctx: Context, cycle: list[Step]) -> Diagnostic:
        first, cheaper = cycle[0]
        if len(cycle) == 1:
            message = f"'{first.value}' degrades to itself: degrading saves nothing"
            return self.at(ctx, cheaper.text, message, fix=advice("name a cheaper model, or remove the entry"))
        names = [before.value for before, _ in cycle] + [first.value]
        if len(names) > MAX_SHOWN:
            names = names[: MAX_SHOWN - 1] + [f"... {len(names) - MAX_SHOWN} more ..."] + names[-1:]
        related = [
            Related(after.text.start, after.text.end, f"'{before.value}' degrades to '{after.value}'")
            for before, after in cycle[:MAX_RELATED]
        ]
        fix = advice(f"remove the entry that leads back to '{first.value}': the cheapest model of a chain has no entry")
        return self.at(ctx, cycle[-1][1].text, f"degradation cycle: {' -> '.join(names)}", related=related, fix=fix)
