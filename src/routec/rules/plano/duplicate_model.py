from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...dialects.plano import Entry
from ..base import Context, Rule, advice
from .common import data, earlier, line_of


class DuplicateModel(Rule):
    """
    ## What it does
    Reports a model provider that repeats an earlier one's model
    (`openai/gpt-4o` twice), model id (`openai/gpt-4o` and
    `azure_openai/gpt-4o` share the id `gpt-4o`) or name, and a wildcard
    (`openai/*`) written twice.

    ## Why is this bad?
    Clients name a model by its name, its `provider/model_id` or its bare
    model id, so each must be unique: Plano refuses to start ("Duplicate
    model name", "Duplicate model_id", "Duplicate model_provider name"). Of
    two identical wildcards, Plano silently keeps the last.

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {model: openai/gpt-4o, access_key: $OPENAI_API_KEY, default: true}
      - model: azure_openai/gpt-4o
        access_key: $AZURE_API_KEY
        base_url: https://example.openai.azure.com
    ```

    ## Fix
    Remove the repeated entry, or give the model a different id: deploy the
    Azure model under another deployment name, such as
    `azure_openai/gpt-4o-eu`.
    """

    code = "RC503"
    name = "duplicate-model"
    severity = Severity.ERROR
    summary = "Two model providers share a model, a model id or a name."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        keys: dict[str, tuple[Entry, str]] = {}  # model strings and model ids, as planoai collects them
        names: dict[str, Entry] = {}
        wildcards: dict[str, Entry] = {}
        for entry in data(ctx).entries:
            model = str(entry.model.value)
            if entry.wildcard:
                first_wildcard = wildcards.setdefault(model, entry)
                if first_wildcard is not entry:
                    line = line_of(ctx, first_wildcard.model)
                    yield self.repeated(
                        ctx,
                        entry,
                        first_wildcard,
                        f"wildcard '{model}' is already declared at line {line}; Plano keeps only the last",
                    )
                continue
            found = keys.get(model) or (keys.get(entry.model_id) if entry.model_id else None)
            name = names.get(entry.label)
            if model in keys:
                first, what = keys[model]
                where = "" if what == "model" else f" (as the model id of '{first.model.value}')"
                line = line_of(ctx, first.model)
                yield self.repeated(ctx, entry, first, f"model '{model}' is already declared{where} at line {line}")
            elif found is not None:
                first, what = found
                line = line_of(ctx, first.model)
                shared = (
                    f"model id '{entry.model_id}' of '{model}' is already used by '{first.model.value}' (line {line})"
                )
                message = f"{shared}: clients may name a model by its id alone, so Plano requires unique ids"
                yield self.repeated(ctx, entry, first, message)
            elif name is not None:
                message = f"name '{entry.label}' is already used by the model provider at line {line_of(ctx, name.key)}"
                yield self.repeated(ctx, entry, name, message)
            keys.setdefault(model, (entry, "model"))
            if entry.model_id:
                keys.setdefault(entry.model_id, (entry, "id"))
            names.setdefault(entry.label, entry)

    def repeated(self, ctx: Context, entry: Entry, first: Entry, message: str) -> Diagnostic:
        node = entry.name if entry.name is not None and not message.startswith(("model", "wildcard")) else entry.model
        related = earlier(first.key, "first declared here")
        fix = advice("remove this entry, or make its model, model id and name unique")
        return self.at(ctx, node, message, related=related, fix=fix)
