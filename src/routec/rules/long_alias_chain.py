from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..ir import ModelRef, Reference
from ..ir.graph import Resolver, alias_chain_lengths
from .base import Context, Rule, replacement

# Longer chains than this are reported. Real configs chain two or three
# aliases (`deep-think -> reasoning -> strong`); far longer chains are
# generated or left over from renames.
MAX_CHAIN = 8
SHOWN_STEPS = 4


class LongAliasChain(Rule):
    """
    ## What it does
    Reports an alias that reaches its route or model only through more than
    eight aliases, and offers to point it there directly.

    ## Why is this bad?
    Every reader, and every gateway that resolves aliases at request time,
    has to follow the whole chain. Chains this long are left over from renames
    or generated, and hide where a name really goes.

    ## Example
    ```yaml
    routes:
      strong: {model: "anthropic:claude-opus-4-6"}
    aliases:
      a1: a2
      a2: a3
      a3: a4
      a4: a5
      a5: a6
      a6: a7
      a7: a8
      a8: a9
      a9: strong
    ```

    ## Fix
    Point the alias at the route or model at the end of the chain.
    """

    code = "RC107"
    name = "long-alias-chain"
    severity = Severity.WARNING
    summary = "An alias reaches its route through more than eight aliases."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        lengths = alias_chain_lengths(config)
        pointed_at = {alias.target.value for alias in config.aliases.values() if isinstance(alias.target, Reference)}
        resolver = Resolver(config)
        for name, length in lengths.items():
            # Only the head of a chain: the aliases behind it are the same chain.
            if length <= MAX_CHAIN or name in pointed_at:
                continue
            target = config.aliases[name].target
            assert isinstance(target, Reference)
            landing = resolver.resolve(name)
            end = landing.route or (landing.model.value if isinstance(landing.model, ModelRef) else None)
            if end is None:  # the chain ends in an undefined name: RC102's
                continue
            steps = resolver.path(name)
            shown = " -> ".join(steps[:SHOWN_STEPS]) + f" -> ... {len(steps) - SHOWN_STEPS - 1:,} more ... -> {end}"
            message = f"alias '{name}' takes {length:,} hops to reach '{end}': {shown}"
            edit = ctx.replace_value(target.name, end)
            yield self.at(ctx, target.name, message, fix=replacement(f"point '{name}' at '{end}'", edit, safe=True))
