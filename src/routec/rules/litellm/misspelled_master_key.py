from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...dialects.litellm import MASTER_KEY, MASTER_KEY_ENV
from ...syntax import Scalar
from ..base import Context, Rule, advice, rename
from .common import data_of

CONSEQUENCE = (
    "the proxy gets no master key from this config (older LiteLLM releases then accept every request without a "
    f"key; releases with the master key boot check refuse to start unless {MASTER_KEY_ENV} is set)"
)


class MisspelledMasterKey(Rule):
    """
    ## What it does
    Reports a key meant as `general_settings.master_key` that LiteLLM never
    reads: a misspelling in `general_settings` (`master-key`, `masterkey`,
    `master_kye`, `MASTER_KEY`), or `master_key` written in another section
    (`litellm_settings`, `router_settings`, a misspelled `general_setting`),
    while `general_settings` has no `master_key`. (A top-level `master_key`
    is already an error, RC003, that says where it belongs.)

    ## Why is this bad?
    LiteLLM reads the master key only from `general_settings.master_key`
    (or the `LITELLM_MASTER_KEY` variable) and ignores unknown keys without
    a word. The key is silently dropped: LiteLLM versions before the master
    key boot check run the proxy with no authentication at all, so anyone who
    can reach it spends your provider credits; current versions refuse to
    start, unless `LITELLM_MASTER_KEY` happens to be set.

    ## Example
    ```yaml
    model_list:
      - model_name: gpt-4o
        litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
    general_settings:
      master-key: os.environ/LITELLM_MASTER_KEY
    ```

    ## Fix
    Write it as `master_key` under `general_settings`:
    `general_settings: {master_key: os.environ/LITELLM_MASTER_KEY}`.
    """

    code = "RC601"
    name = "misspelled-master-key"
    severity = Severity.ERROR
    summary = "A master key is written where LiteLLM does not read it; the proxy has none from its config."
    dialects = ("litellm",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for key, section in data_of(ctx).master_key_slips:
            yield self.diagnose(ctx, key, section)

    def diagnose(self, ctx: Context, key: Scalar, section: str) -> Diagnostic:
        if section == "general_settings":
            message = f"`general_settings.{key.value}` is not `{MASTER_KEY}`, so {CONSEQUENCE}"
            fix = rename(ctx, key, MASTER_KEY, f"rename to '{MASTER_KEY}'", safe=False)
            return self.at(ctx, key, message, fix=fix)
        message = (
            f"`{section}.{MASTER_KEY}` is not read: LiteLLM reads it only from `general_settings`, so {CONSEQUENCE}"
        )
        return self.at(ctx, key, message, fix=advice(f"move `{MASTER_KEY}` under `general_settings`"))
