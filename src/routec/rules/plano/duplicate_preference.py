from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...dialects.plano import PreferenceEntry
from ..base import Context, Rule, advice
from .common import data, earlier, line_of


class DuplicatePreference(Rule):
    """
    ## What it does
    Reports a top-level routing preference whose `name` an earlier one
    already has.

    ## Why is this bad?
    The router model picks a preference by name, so two with one name
    cannot be told apart. Plano refuses to start: "Duplicate routing
    preference name".

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
      - {model: anthropic/claude-sonnet-4-5, access_key: $ANTHROPIC_API_KEY}
    routing_preferences:
      - {name: code generation, description: writing new code, models: [anthropic/claude-sonnet-4-5]}
      - {name: code generation, description: explaining code, models: [openai/gpt-4o]}
    ```

    ## Fix
    Give each preference its own name, agreeing with its description; to
    send one kind of request to several models, list them all in one
    preference's `models`.
    """

    code = "RC509"
    name = "duplicate-preference"
    severity = Severity.ERROR
    summary = "Two routing preferences have the same name."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        seen: dict[str, PreferenceEntry] = {}
        for preference in data(ctx).preferences:
            name = str(preference.name.value)
            first = seen.setdefault(name, preference)
            if first is preference:
                continue
            line = line_of(ctx, first.name)
            message = f"routing preference '{name}' is already defined (line {line}); Plano requires unique names"
            related = earlier(first.name, "first defined here")
            fix = advice("rename one, or merge them: one preference can list several `models`")
            yield self.at(ctx, preference.name, message, related=related, fix=fix)
