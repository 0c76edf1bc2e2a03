from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...dialects.plano import NEEDS_BASE_URL, SUPPORTED, Entry
from ..base import Context, Rule, advice
from .common import data

EXAMPLE_URLS = {
    "azure_openai": "https://<resource>.openai.azure.com",
    "ollama": "http://localhost:11434",
    "qwen": "https://dashscope-intl.aliyuncs.com",
    "amazon_bedrock": "https://bedrock-runtime.<region>.amazonaws.com",
    "plano": "http://localhost:8000",
}


class MissingProviderSetting(Rule):
    """
    ## What it does
    Reports a model provider without the settings Plano needs to reach it:
    `base_url` for `azure_openai`, `ollama`, `qwen`, `amazon_bedrock` and
    `plano` models, and both `base_url` and `provider_interface` for a
    custom provider (a prefix Plano does not know, such as `my_llm/llama3`).

    ## Why is this bad?
    Plano cannot tell where to send the requests and refuses to start:
    "Provider 'ollama' requires 'base_url' to be set", "Must provide
    base_url and provider_interface for unsupported provider".

    ## Example
    ```yaml
    version: v0.4.0
    listeners: [{type: model, name: llm, port: 12000}]
    model_providers:
      - {model: ollama/llama3.1, default: true}
      - {model: my_llm/llama3.2, provider_interface: openai}
    ```

    ## Fix
    Add `base_url` (an `http://` or `https://` URL); for a custom provider
    also `provider_interface`, the API it speaks (usually `openai`).
    """

    code = "RC507"
    name = "missing-provider-setting"
    severity = Severity.ERROR
    summary = "A model provider lacks the base_url or provider_interface Plano needs."
    dialects = ("plano",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for entry in data(ctx).entries:
            if entry.provider in NEEDS_BASE_URL and entry.base_url is None:
                url = EXAMPLE_URLS.get(entry.provider, "https://...")
                message = f"'{entry.model.value}' has no `base_url`; Plano needs one for {entry.provider} models"
                yield self.at(ctx, entry.model, message, fix=advice(f"add `base_url: {url}`"))
            elif entry.provider not in SUPPORTED and (entry.base_url is None) != (entry.interface is None):
                yield self.custom(ctx, entry)

    def custom(self, ctx: Context, entry: Entry) -> Diagnostic:
        missing = "base_url" if entry.base_url is None else "provider_interface"
        message = (
            f"'{entry.model.value}' names a provider Plano does not know ('{entry.provider}') and has no `{missing}`; "
            "a custom provider needs both `base_url` and `provider_interface`"
        )
        hint = (
            "add `base_url: http://host:port`"
            if missing == "base_url"
            else "add `provider_interface: openai` (the API it speaks)"
        )
        return self.at(ctx, entry.model, message, fix=advice(hint))
