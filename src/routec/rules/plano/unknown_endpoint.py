from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule
from .common import data, served_ids, unknown_id_fix


class UnknownEndpoint(Rule):
    """
    ## What it does
    Reports a prompt target whose `endpoint.name` is neither a key under
    `endpoints` nor the id of an agent or filter with a URL.

    ## Why is this bad?
    Plano has no cluster to call and refuses to start: "Unknown endpoint
    ..., please add it in endpoints section".

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: prompt, name: prompts, port: 10000}]
    endpoints:
      weather_api: {endpoint: api.weather.example:443, protocol: https}
    prompt_targets:
      - name: get_weather
        description: current weather for a city
        endpoint: {name: wheather_api, path: /weather}
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
    ```

    ## Fix
    Name a key under `endpoints`, or add the endpoint there.
    """

    code = "RC514"
    name = "unknown-endpoint"
    severity = Severity.ERROR
    summary = "A prompt target calls an endpoint that is not declared."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        plano = data(ctx)
        refs = [ref for ref in plano.id_refs if ref.kind == "endpoint"]
        if not refs:
            return
        known = list(dict.fromkeys([*plano.endpoints, *served_ids(plano)]))
        for ref in refs:
            if ref.id.value in known:
                continue
            note, fix = unknown_id_fix(ctx, ref.id, known, "endpoints", "endpoints")
            yield self.at(ctx, ref.id, f"unknown endpoint '{ref.id.value}' in `{ref.path}`; {note}", fix=fix)
