from __future__ import annotations

from collections.abc import Iterator

from ..catalog import infer_providers
from ..diagnostics import Diagnostic, Severity
from ..ir import RefKind, Reference
from .base import Context, Rule, replacement
from .unknown_route import fix_for_unknown_name


class UnknownAliasTarget(Rule):
    """
    ## What it does
    Reports an alias, or a route's fallback, that names no route or alias.

    ## Why is this bad?
    The alias resolves to nothing, and the fallback is skipped exactly when
    it is needed: when the primary model is down.

    ## Example
    ```yaml
    routes:
      fast: {model: "gemini:gemini-2.5-flash", fallbacks: [strnog]}
      strong: {model: "anthropic:claude-opus-4-6"}
    aliases:
      reasoning: strong-model
    ```

    ## Fix
    Name a defined route or alias. To point an alias straight at a model,
    write the model as `provider:model`.
    """

    code = "RC102"
    name = "unknown-alias-target"
    severity = Severity.ERROR
    summary = "An alias or fallback names nothing defined."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        names = config.names()
        for reference in config.references():
            if reference.kind in (RefKind.ALIAS_TARGET, RefKind.FALLBACK) and reference.value not in names:
                yield self.diagnose(ctx, reference, names)

    def diagnose(self, ctx: Context, reference: Reference, names: set[str]) -> Diagnostic:
        if reference.kind is RefKind.ALIAS_TARGET:
            message = f"alias '{reference.owner}' points to '{reference.value}', which is not a route or alias"
        else:
            message = f"fallback '{reference.value}' of route '{reference.owner}' is not a route or alias"
        assert ctx.config is not None
        providers = infer_providers(reference.value, ctx.config.conventions.known_providers)
        may_name_model = ctx.config.conventions.aliases_name_models
        if reference.kind is RefKind.ALIAS_TARGET and may_name_model and providers and not ctx.name_suggester.suggest(reference.value):
            model = f"{providers[0]}{ctx.config.conventions.model_separator}{reference.value}"
            note = f"to alias a model, write '{model}'"
            fix = replacement(f"replace with '{model}'", ctx.replace_value(reference.name, model), safe=False)
        else:
            note, fix = fix_for_unknown_name(ctx, reference, names)
        return self.at(ctx, reference.name, f"{message}; {note}", fix=fix)
