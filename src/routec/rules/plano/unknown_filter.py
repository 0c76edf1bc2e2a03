from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule
from .common import data, unknown_id_fix


class UnknownFilter(Rule):
    """
    ## What it does
    Reports a listener's `input_filters` or `output_filters`, or an agent's
    `input_filters`, naming an id that no entry under `filters` or `agents`
    has.

    ## Why is this bad?
    Plano refuses to start ("references input_filters id ... which is not
    defined in agents or filters"); a filter chain that cannot be resolved
    would pass requests through unfiltered.

    ## Example
    ```yaml
    version: v0.4.0
    filters:
      - {id: content_guard, url: http://localhost:10500, type: http}
    listeners:
      - {type: model, name: llm, port: 12000, input_filters: [content_gaurd]}
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
    ```

    ## Fix
    Use the id of a declared filter (or agent), or declare the filter under
    `filters` with its `url`.
    """

    code = "RC511"
    name = "unknown-filter"
    severity = Severity.ERROR
    summary = "A filter id names no declared filter or agent."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        known = [str(named.id.value) for named in plano.named]
        for ref in plano.id_refs:
            if ref.kind != "filter" or ref.id.value in known:
                continue
            note, fix = unknown_id_fix(ctx, ref.id, known, "agents and filters", "filters")
            yield self.at(ctx, ref.id, f"unknown filter '{ref.id.value}' in `{ref.path}`; {note}", fix=fix)
