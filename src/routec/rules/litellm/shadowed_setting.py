from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ..base import Context, Rule, advice
from .common import data_of


class ShadowedSetting(Rule):
    """
    ## What it does
    Reports a setting LiteLLM ignores because another one takes precedence:
    a `litellm_settings` key (`fallbacks`, `context_window_fallbacks`,
    `content_policy_fallbacks`, `default_fallbacks`, `max_fallbacks`,
    `num_retries`, `allowed_fails`) that `router_settings` also sets, and a
    second fallbacks entry for a group that already has one.

    ## Why is this bad?
    Only one of the two is in effect, and the config does not say which:
    the router reads `router_settings` first, and uses the first
    `{model_name: [...]}` entry that matches a group. Edits to the ignored
    one change nothing.

    ## Example
    ```yaml
    model_list:
      - {model_name: gpt-4o, litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}}
      - {model_name: claude, litellm_params: {model: anthropic/claude-haiku-4-5, api_key: os.environ/ANTHROPIC_KEY}}
    router_settings:
      num_retries: 2
      fallbacks:
        - gpt-4o: [claude]
        - gpt-4o: [claude]
    litellm_settings:
      num_retries: 5
    ```

    ## Fix
    Keep one: merge the fallbacks of a group into its first entry, and set
    shared settings in `router_settings` only.
    """

    code = "RC606"
    name = "shadowed-setting"
    severity = Severity.WARNING
    summary = "A setting is ignored because another one takes precedence."
    dialects = ("litellm",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for shadowed in data_of(ctx).shadowed:
            message = f"`{shadowed.path}` is ignored: {shadowed.reason}"
            related = (Related(shadowed.winner.start, shadowed.winner.end, "this one is used"),)
            if shadowed.path.startswith("litellm_settings."):
                fix = advice(f"remove it, or set the value in `router_settings.{shadowed.ignored.value}`")
            else:
                fix = advice(f"merge its fallbacks into the first entry for '{shadowed.ignored.value}'")
            yield self.at(ctx, shadowed.ignored, message, related=related, fix=fix)
