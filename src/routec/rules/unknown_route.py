from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Fix, Severity
from ..ir import Reference, RefKind
from .base import Context, Rule, advice, did_you_mean, quoted_list, replacement

# References that must name a route (or an alias of one); fallbacks and alias
# targets are RC102's.
ROUTE_REFERENCES = (RefKind.AGENT_ROUTE, RefKind.DEFAULT_ROUTE, RefKind.OTHER_ROUTE, RefKind.RULE_ROUTE)
LIST_DEFINED_UP_TO = 10


class UnknownRoute(Rule):
    """
    ## What it does
    Reports an agent, the agent defaults or another setting that names a
    route which is not defined, with the closest defined name.

    ## Why is this bad?
    Carapace refuses to start ("unknown route"), and gateways that resolve
    routes lazily fail every request that reaches the agent.

    ## Example
    ```json5
    {
      "routes": { "fast": { "model": "gemini:gemini-2.5-flash" } },
      "agents": { "defaults": { "route": "fsat" } }
    }
    ```

    ## Fix
    Use a name defined under `routes` (or `aliases`), exactly as written there.
    """

    code = "RC101"
    name = "unknown-route"
    severity = Severity.ERROR
    summary = "A reference names a route that is not defined."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        names = config.names()
        for reference in config.references():
            if reference.kind in ROUTE_REFERENCES and reference.value not in names:
                yield self.diagnose(ctx, reference, names)

    def diagnose(self, ctx: Context, reference: Reference, names: set[str]) -> Diagnostic:
        message = f"unknown route '{reference.value}' in `{reference.path}`"
        note, fix = fix_for_unknown_name(ctx, reference, names)
        return self.at(ctx, reference.name, f"{message}; {note}", fix=fix)


def fix_for_unknown_name(ctx: Context, reference: Reference, names: set[str]) -> tuple[str, Fix]:
    """A note for the message and a fix: an edit to the closest name, else the defined names."""
    # An alias cannot usefully point at itself: leave it out of the candidates.
    if reference.kind is RefKind.ALIAS_TARGET:
        names = names - {reference.owner or ""}
    suggestions = [name for name in ctx.name_suggester.suggest(reference.value) if name in names]
    if suggestions:
        edit = ctx.replace_value(reference.name, suggestions[0])
        return did_you_mean(suggestions), replacement(f"replace with '{suggestions[0]}'", edit, safe=False)
    if not names:
        note = "no routes are defined"
        return note, advice("define it under a top-level `routes` section")
    if len(names) <= LIST_DEFINED_UP_TO:
        note = f"defined names are {quoted_list(sorted(names), LIST_DEFINED_UP_TO)}"
        return note, advice("use one of the defined names, or define this one")
    note = f"none of the {len(names)} defined names is close"
    return note, advice("check the spelling against the names under `routes` and `aliases`")
