from __future__ import annotations

from collections.abc import Iterator

from ..catalog import env_var_for
from ..diagnostics import Diagnostic, Severity
from ..secrets import ENV_VARS, Secret
from .base import Context, Rule, advice, replacement


KEY_NAMES = {
    "anthropic": "an Anthropic API key",
    "openai": "an OpenAI API key",
    "gemini": "a Google API key",
    "bedrock": "an AWS access key",
    "url-password": "a password in a URL",
}


class LiteralSecret(Rule):
    """
    ## What it does
    Reports an API key, token or password written into the config instead of
    an environment reference: any value of a credential field (`apiKey`,
    `token`, `password`, ...) that is not `${VAR}`, any string anywhere
    shaped like an Anthropic, OpenAI, Google or AWS key, and the password of
    a URL (`https://user:password@host`). routec never prints the secret:
    messages, code frames and built files show a masked form such as
    `sk-ant-…4f2a`.

    ## Why is this bad?
    Config files get committed, copied into tickets and printed in CI logs.
    A key in one is a leaked key; rotating it is the only remedy.

    ## Example
    ```json5
    // routec: dialect=carapace
    { "anthropic": { "apiKey": "sk-ant-api03-Zx8kQ2vLmN4pR7sT1uW3yA5bC6dE-4f2a" } }
    ```

    ## Fix
    Move the key to the environment and reference it:
    `"apiKey": "${ANTHROPIC_API_KEY}"`. Then rotate the key that was written
    down.
    """

    code = "RC301"
    name = "literal-secret"
    severity = Severity.ERROR
    summary = "A secret is written into the config."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for secret in ctx.secrets:
            yield self.diagnose(ctx, secret)

    def diagnose(self, ctx: Context, secret: Secret) -> Diagnostic:
        where = f"`{secret.path}`" if secret.path else "a string value"
        what = "a credential" if secret.kind == "credential" else KEY_NAMES.get(secret.kind, "an API key")
        message = f"{what} is written literally in {where} ('{secret.masked}'); keep secrets in the environment"
        if secret.kind == "url-password":
            # Not every gateway expands a reference inside a URL (LiteLLM's os.environ/ takes a whole value).
            fix = advice("move the password, or the whole URL, to the environment, then change the password")
            return self.report(ctx, secret.start, secret.end, message, fix=fix)
        variable = self.variable_for(ctx, secret)
        whole_value = secret.value == secret.node.value
        if whole_value:
            reference = ctx.env_reference(variable)
            edit = ctx.replace_value(secret.node, reference)
            fix = replacement(f"reference {reference} instead, then rotate the exposed key", edit, safe=False)
        else:
            fix = replacement(
                f"move the key to {variable} and reference it, then rotate it",
                ctx.replace_value(secret.node, str(secret.node.value).replace(secret.value, ctx.env_reference(variable))),
                safe=False,
            )
        return self.report(ctx, secret.start, secret.end, message, fix=fix)

    @staticmethod
    def variable_for(ctx: Context, secret: Secret) -> str:
        if secret.kind in ENV_VARS:
            return ENV_VARS[secret.kind]
        path = secret.path or ""
        if ctx.config is not None:
            for secret_path, variable in ctx.config.conventions.secret_variables:
                if secret_path == path:
                    return variable
        head = path.split(".")[0]
        if head == "providers" and "." in path:
            return ctx.config.conventions.env_var_for(path.split(".")[1]) if ctx.config else env_var_for(path.split(".")[1])
        if ctx.config is not None:
            for provider, credential_path in ctx.config.conventions.credential_paths:
                if credential_path.split(".")[0] == head:
                    return ctx.config.conventions.env_var_for(provider)
        leaf = path.rsplit(".", 1)[-1] if path else "secret"
        return "_".join(part.upper() for part in (head, leaf) if part) or "SECRET"
