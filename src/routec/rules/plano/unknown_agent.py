from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule
from .common import data, unknown_id_fix


class UnknownAgent(Rule):
    """
    ## What it does
    Reports an agent listener's `agents[].id` that no entry under the
    top-level `agents` (or `filters`) declares.

    ## Why is this bad?
    Plano's validator does not check it, so the gateway starts; but the
    agent has no URL, and every request the router sends to it fails.

    ## Example
    ```yaml
    version: v0.4.0
    agents:
      - {id: weather_agent, url: http://localhost:10510}
    listeners:
      - type: agent
        name: travel
        port: 8001
        agents:
          - {id: wether_agent, description: weather forecasts}
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
    ```

    ## Fix
    Use the id of a declared agent, or declare the agent under `agents` with
    its `url`.
    """

    code = "RC512"
    name = "unknown-agent"
    severity = Severity.WARNING
    summary = "A listener routes to an agent that is not declared."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        known = [str(named.id.value) for named in plano.named]
        for ref in plano.id_refs:
            if ref.kind != "agent" or ref.id.value in known:
                continue
            note, fix = unknown_id_fix(ctx, ref.id, known, "agents and filters", "agents")
            message = (
                f"unknown agent '{ref.id.value}' in `{ref.path}`: it has no URL, so requests routed to it fail; {note}"
            )
            yield self.at(ctx, ref.id, message, fix=fix)
