from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...dialects.plano import Named
from ..base import Context, Rule, advice
from .common import data, earlier, line_of


class DuplicateAgentId(Rule):
    """
    ## What it does
    Reports an agent or filter whose `id` an earlier agent or filter already
    has (agents and filters share one set of ids).

    ## Why is this bad?
    Listeners refer to agents and filters by id, so a repeated id is
    ambiguous; Plano refuses to start: "Duplicate agent id".

    ## Example
    ```yaml
    version: v0.4.0
    agents:
      - {id: rag_agent, url: http://localhost:10505}
    filters:
      - {id: rag_agent, url: http://localhost:10501}
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
    ```

    ## Fix
    Give every agent and filter its own id.
    """

    code = "RC513"
    name = "duplicate-agent-id"
    severity = Severity.ERROR
    summary = "Two agents or filters have the same id."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        seen: dict[str, Named] = {}
        for named in data(ctx).named:
            first = seen.setdefault(str(named.id.value), named)
            if first is named:
                continue
            message = (
                f"{named.kind} id '{named.id.value}' is already used by the {first.kind} at line {line_of(ctx, first.id)}; "
                "agents and filters share one set of ids"
            )
            yield self.at(
                ctx, named.id, message, related=earlier(first.id, "first used here"), fix=advice("rename one of them")
            )
