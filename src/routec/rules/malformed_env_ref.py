from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..secrets import is_env_reference
from ..syntax import Scalar
from .base import Context, Rule, advice, replacement
from .env_refs import BARE_REFERENCE, VALID_NAME, EnvReference, env_references


class MalformedEnvRef(Rule):
    """
    ## What it does
    Reports environment references that will not be substituted: `${lower}`
    (only uppercase letters, digits and `_` are), `${VAR:-default}`
    (no default syntax), an unterminated `${VAR`, and a credential written
    `$VAR` where `${VAR}` is required.

    ## Why is this bad?
    The reference stays in the value literally: the gateway sends
    `${anthropic_key}` as the API key and every request fails with 401.

    ## Example
    ```json5
    { "anthropic": { "apiKey": "$ANTHROPIC_API_KEY" }, "openai": { "apiKey": "${openai_key}" } }
    ```

    ## Fix
    Write `${NAME}` with an uppercase name: `${ANTHROPIC_API_KEY}`. To keep a
    literal `${...}` in a value, write `$${...}`.
    """

    code = "RC303"
    name = "malformed-env-ref"
    severity = Severity.ERROR
    summary = "An environment reference is malformed and will not be substituted."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if ctx.config is not None and ctx.config.conventions.env_syntax == "os.environ/VAR":
            return  # LiteLLM substitutes no `${...}`: its own rule (RC605) reports references it will not read
        for reference in env_references(ctx.strings):
            if not reference.valid:
                yield self.diagnose(ctx, reference)
        # `$VAR` is how Plano writes references; elsewhere a credential `$VAR` is taken literally.
        if ctx.config is not None and ctx.config.conventions.env_syntax == "${VAR}":
            for credential in ctx.config.credentials:
                yield from self.bare_reference(ctx, credential.value, credential.path)

    def diagnose(self, ctx: Context, reference: EnvReference) -> Diagnostic:
        start, end = ctx.value_span(reference.scalar, reference.start, reference.end)
        name = reference.name
        value = str(reference.scalar.value)
        written = value[reference.start : reference.end]
        if not reference.closed:
            return self.report(ctx, start, end, f"unterminated environment reference '{written}': add '}}'")
        if any(operator in name for operator in (":-", ":=", ":?", ":+")):
            message = f"'{written}' is not substituted: default values are not supported, only ${{NAME}}"
            return self.report(ctx, start, end, message, fix=advice("set the variable instead of giving a default"))
        message = f"'{written}' is not substituted: variable names are uppercase letters, digits and '_'"
        upper = name.strip().upper()
        if VALID_NAME.fullmatch(upper):
            fixed = value[: reference.start] + f"${{{upper}}}" + value[reference.end :]
            edit = ctx.replace_value(reference.scalar, fixed)
            return self.report(ctx, start, end, message, fix=replacement(f"use '${{{upper}}}'", edit, safe=False))
        return self.report(ctx, start, end, message, fix=advice("write ${NAME} with an uppercase NAME"))

    def bare_reference(self, ctx: Context, scalar: Scalar, path: str) -> Iterator[Diagnostic]:
        value = scalar.value
        if not isinstance(value, str) or not is_env_reference(value) or "${" in value:
            return
        match = BARE_REFERENCE.fullmatch(value.strip())
        if match is None:
            return
        name = match.group(1)
        fixed = f"${{{name.upper()}}}"
        message = f"'{value.strip()}' in `{path}` is taken literally: environment references are written '{fixed}'"
        edit = ctx.replace_value(scalar, fixed)
        yield self.at(ctx, scalar, message, fix=replacement(f"use '{fixed}'", edit, safe=name.isupper()))
