from __future__ import annotations

from collections.abc import Iterator

from ..catalog import needs_credentials
from ..diagnostics import Diagnostic, Related, Severity
from ..ir import ModelRef
from ..ir.models import ModelForm
from .base import Context, Rule, advice

MAX_RELATED = 10


class ProviderNotConfigured(Rule):
    """
    ## What it does
    Reports a provider that models use but that no block in the config gives
    credentials to (Carapace's `anthropic.apiKey`, `google.apiKey` for
    `gemini:` models, ...; routec's `providers.<name>.apiKey`). Reported once
    per provider, at its first use. Providers that need no key (such as
    `ollama`) are exempt.

    ## Why is this bad?
    Unless the key happens to be set in the gateway's environment, the first
    request to that route fails with "no API key is configured".

    ## Example
    ```json5
    { "routes": { "fast": { "model": "gemini:gemini-2.5-flash" } } }   // no "google" block
    ```

    ## Fix
    Add the provider's block with its key as an environment reference, e.g.
    `"google": { "apiKey": "${GOOGLE_API_KEY}" }`.
    """

    code = "RC204"
    name = "provider-not-configured"
    severity = Severity.WARNING
    summary = "A model's provider has no credentials block."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        uses: dict[str, list[ModelRef]] = {}
        for ref in config.model_refs():
            parsed = ctx.parsed(ref)
            provider = parsed.provider
            if parsed.form is not ModelForm.QUALIFIED or provider not in config.conventions.known_providers:
                continue
            configured = config.providers.get(provider)
            if needs_credentials(provider) and (configured is None or not configured.configured):
                uses.setdefault(provider, []).append(ref)
        for provider, refs in uses.items():
            first = refs[0]
            path = config.conventions.credential_path(provider)
            variable = config.conventions.env_var_for(provider)
            others = f" and {len(refs) - 1} more" if len(refs) > 1 else ""
            message = (
                f"provider '{provider}' has no credentials in this config (used by `{first.path}`{others}); "
                f"requests fail unless {variable} is set where the gateway runs"
            )
            related = [Related(ref.text.start, ref.text.end, f"also uses '{provider}'") for ref in refs[1 : MAX_RELATED + 1]]
            fix = advice(f'add `{path}: "{ctx.env_reference(variable)}"`')
            yield self.at(ctx, first.text, message, related=related, fix=fix)
