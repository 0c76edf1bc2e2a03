from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice, quoted_list
from .common import data, served_ids


class OrchestratorEndpoint(Rule):
    """
    ## What it does
    Reports `overrides.use_agent_orchestrator: true` in a config that does
    not have exactly one endpoint (agents and filters with a URL count as
    endpoints too).

    ## Why is this bad?
    The orchestrator is that single endpoint. Plano refuses to start:
    "Please provide agent orchestrator in the endpoints section" with none,
    "Please provide single agent orchestrator" with several.

    ## Example
    ```yaml
    version: v0.3.0
    listeners: [{type: prompt, name: prompts, port: 10000}]
    overrides: {use_agent_orchestrator: true}
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
    ```

    ## Fix
    Declare the orchestrator as the one entry under `endpoints`, or turn
    `use_agent_orchestrator` off.
    """

    code = "RC519"
    name = "orchestrator-endpoint"
    severity = Severity.ERROR
    summary = "use_agent_orchestrator needs exactly one endpoint."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        if plano.orchestrator is None:
            return
        endpoints = list(dict.fromkeys([*plano.endpoints, *served_ids(plano)]))
        if len(endpoints) == 1:
            return
        if not endpoints:
            message = "`use_agent_orchestrator` is on, but there is no endpoint to be the orchestrator"
        else:
            listed = quoted_list(endpoints)
            message = f"`use_agent_orchestrator` is on, but there are {len(endpoints)} endpoints ({listed}); Plano needs exactly one"
        yield self.at(
            ctx,
            plano.orchestrator,
            message,
            fix=advice("declare the orchestrator as the only endpoint, or set it to false"),
        )
