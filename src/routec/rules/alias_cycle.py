from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Related, Severity
from ..ir import Reference
from ..ir.graph import alias_cycles
from .base import Context, Rule, advice

# A cycle of thousands of aliases is reported in full in the message's count,
# but only this many edges are listed as related locations.
MAX_RELATED = 25


class AliasCycle(Rule):
    """
    ## What it does
    Reports aliases that point at each other in a loop, showing the whole
    cycle (`a -> b -> c -> a`) and where each step is written.

    ## Why is this bad?
    A name in the loop never reaches a model: a gateway that follows it hangs
    or fails every request that uses any alias in the cycle.

    ## Example
    ```yaml
    aliases:
      reasoning: deep
      deep: thinking
      thinking: reasoning
    ```

    ## Fix
    Point one alias of the cycle at a route or a `provider:model`.
    """

    code = "RC103"
    name = "alias-cycle"
    severity = Severity.ERROR
    summary = "Aliases point at each other in a loop."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        for cycle in alias_cycles(config):
            first = min(cycle, key=lambda name: config.aliases[name].key.start)
            turn = cycle.index(first)
            cycle = cycle[turn:] + cycle[:turn]
            shown = " -> ".join(cycle + [cycle[0]])
            message = f"alias cycle: {shown}"
            related = []
            for name in cycle[:MAX_RELATED]:
                target = config.aliases[name].target
                assert isinstance(target, Reference)
                related.append(Related(target.name.start, target.name.end, f"'{name}' points to '{target.value}'"))
            primary = config.aliases[first].target
            assert isinstance(primary, Reference)
            fix = advice(f"point one of {len(cycle)} aliases in the cycle at a route or a provider:model")
            yield self.at(ctx, primary.name, message, related=related, fix=fix)
