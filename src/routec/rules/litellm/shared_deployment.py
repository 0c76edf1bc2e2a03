from __future__ import annotations

import json
from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...dialects.litellm import Deployment
from ..base import Context, Rule, advice
from .common import data_of, line_of

# Settings that size or order a deployment without making it a different one.
LOAD_SETTINGS = frozenset(
    ("rpm", "tpm", "itpm", "otpm", "rpd", "tpd", "weight", "order", "max_parallel_requests", "timeout")
    + ("stream_timeout", "max_retries", "num_retries", "cooldown_time")
)
INFO_LABELS = frozenset(("id", "description", "display_name"))


class SharedDeployment(Rule):
    """
    ## What it does
    Reports a deployment that is the same deployment as one in another
    model group: the same `litellm_params.model` with the same settings
    (credentials, endpoint, request parameters, `model_info`), differing at
    most in rate limits, weights and timeouts. Several entries with one
    `model_name` are load balancing and are not reported.

    ## Why is this bad?
    Two group names for one deployment is usually a copy-paste slip: the
    second group was meant to be a different model, or a second name for
    the first. As two groups, they keep separate rate-limit counters and
    cooldowns for the same provider quota, and a fallback from one to the
    other retries the very deployment that just failed.

    ## Example
    ```yaml
    model_list:
      - model_name: gpt-4o
        litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
      - model_name: gpt-4o-mini
        litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
    ```

    ## Fix
    Point the second group at the model it was meant to use. To give a
    group a second name, remove the copy and add
    `router_settings.model_group_alias: {second-name: first-name}`.
    """

    code = "RC603"
    name = "shared-deployment"
    severity = Severity.WARNING
    summary = "Two model groups have the same deployment."
    dialects = ("litellm",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        first: dict[str, Deployment] = {}
        reported: set[tuple[str, str]] = set()
        for deployment in data_of(ctx).deployments:
            if deployment.name is None or deployment.model is None or "*" in str(deployment.name.value):
                continue
            key = signature(deployment)
            earlier = first.setdefault(key, deployment)
            group, other = str(deployment.name.value), str(earlier.name.value)  # type: ignore[union-attr]
            if group != other and (other, group) not in reported:
                reported.add((other, group))
                yield self.diagnose(ctx, deployment, earlier)

    def diagnose(self, ctx: Context, deployment: Deployment, earlier: Deployment) -> Diagnostic:
        assert deployment.model is not None and earlier.model is not None and earlier.name is not None
        group, other = deployment.name.value if deployment.name else "", earlier.name.value
        message = (
            f"group '{group}' has the same deployment ('{deployment.model.value}') as group '{other}' "
            f"(line {line_of(ctx, earlier.model)}): one provider model under two group names"
        )
        related = (Related(earlier.model.start, earlier.model.end, f"the same deployment in '{other}'"),)
        fix = advice(
            f"point '{group}' at the model it was meant to use, or remove this entry and add "
            f"`router_settings.model_group_alias: {{{group}: {other}}}`"
        )
        return self.at(ctx, deployment.model, message, related=related, fix=fix)


def signature(deployment: Deployment) -> str:
    """What makes a deployment itself: its params and model_info, without load settings and labels."""
    params = deployment.params.to_python() if deployment.params is not None else {}
    info = deployment.info.to_python() if deployment.info is not None else {}
    assert isinstance(params, dict) and isinstance(info, dict)
    kept = {str(key): value for key, value in params.items() if key not in LOAD_SETTINGS}
    labels = {str(key): value for key, value in info.items() if key not in INFO_LABELS}
    return json.dumps([kept, labels], sort_keys=True, default=str)
