from __future__ import annotations

import re
from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, replacement
from .common import data

BRACED = re.compile(r"\s*\$\{([A-Za-z_][A-Za-z0-9_]*)\}\s*")


class AccessKeyBraces(Rule):
    """
    ## What it does
    Reports an `access_key` written `${NAME}` instead of `$NAME`.

    ## Why is this bad?
    `planoai up` collects the variables a config needs by removing the
    leading `$` from each access key, so it looks for a variable named
    `{OPENAI_API_KEY}`, finds none, and refuses to start with "missing
    keys", even though OPENAI_API_KEY is set.

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {model: openai/gpt-4o, access_key: "${OPENAI_API_KEY}", default: true}
    ```

    ## Fix
    Write `access_key: $OPENAI_API_KEY` (a safe fix).
    """

    code = "RC517"
    name = "access-key-braces"
    severity = Severity.ERROR
    summary = "An access_key is written ${VAR} where Plano needs $VAR."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for entry in data(ctx).entries:
            key = entry.access_key
            match = BRACED.fullmatch(str(key.value)) if key is not None else None
            if key is None or match is None:
                continue
            fixed = f"${match.group(1)}"
            message = (
                f"`{entry.path}.access_key` is '{key.value}': `planoai up` strips only the '$' and looks for a variable "
                f"named '{{{match.group(1)}}}'; write '{fixed}'"
            )
            yield self.at(
                ctx, key, message, fix=replacement(f"use '{fixed}'", ctx.replace_value(key, fixed), safe=True)
            )
