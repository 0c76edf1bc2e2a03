from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...ir import Alias, Reference
from ...ir.graph import Resolver
from ..base import Context, Rule, advice, replacement


class ChainedAlias(Rule):
    """
    ## What it does
    Reports a `model_group_alias` whose target is another alias rather than
    a `model_name`.

    ## Why is this bad?
    LiteLLM resolves `model_group_alias` one step only: a request for the
    first alias becomes a request for the second alias's *name*, which is no
    model group, and fails with "no deployments" (routec's own format
    follows chains; LiteLLM does not).

    ## Example
    ```yaml
    model_list:
      - model_name: claude-sonnet
        litellm_params: {model: anthropic/claude-sonnet-4-5, api_key: os.environ/ANTHROPIC_API_KEY}
    router_settings:
      model_group_alias:
        smart: claude-sonnet
        default: smart
    ```

    ## Fix
    Point the alias at the `model_name` the chain ends on (`default:
    claude-sonnet`); the fix does this when the chain ends on one.
    """

    code = "RC604"
    name = "chained-alias"
    severity = Severity.ERROR
    summary = "An alias names another alias; LiteLLM resolves aliases one step only."
    dialects = ("litellm",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        resolver = Resolver(config)
        for alias in config.aliases.values():
            target = alias.target
            if not isinstance(target, Reference) or target.value in config.routes:
                continue
            other = config.aliases.get(target.value)
            if other is not None and not resolver.resolve(alias.name).cycle:  # a loop is RC103's
                yield self.diagnose(ctx, alias, target, other, resolver)

    def diagnose(self, ctx: Context, alias: Alias, target: Reference, other: Alias, resolver: Resolver) -> Diagnostic:
        message = (
            f"alias '{alias.name}' points to alias '{target.value}': LiteLLM resolves model_group_alias one step, "
            f"so requests for '{alias.name}' look for a model group named '{target.value}' and fail"
        )
        related = (Related(other.key.start, other.key.end, f"'{target.value}' is an alias"),)
        landed = resolver.resolve(alias.name).route
        if landed is None:
            return self.at(ctx, target.name, message, related=related, fix=advice("point it at a model_name"))
        edit = ctx.replace_value(target.name, landed)
        fix = replacement(f"point it at '{landed}', where the chain ends", edit, safe=True)
        return self.at(ctx, target.name, message, related=related, fix=fix)
