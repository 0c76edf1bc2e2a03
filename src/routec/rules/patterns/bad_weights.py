from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...syntax import Scalar, Sequence
from ..base import Context, Rule, advice
from .common import models_known, option


def number(scalar: Scalar) -> float | None:
    value = scalar.value
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


class BadWeights(Rule):
    """
    ## What it does
    Reports the `weights` of a `loadbalance` strategy when their count
    differs from the number of models (the route's `model` first, then each
    of `strategy.models`), or when they sum to zero. Weights that are not
    numbers or are negative are RC004's and RC006's; a missing `model`, or
    `models` that is not a list of strings, is RC005's or RC004's.

    ## Why is this bad?
    Weights are matched to models by position: with one too few, a model
    gets no weight (gateways differ: some skip it, some fail); with one too
    many, the intended split is not the one applied. Weights that sum to
    zero send no request anywhere.

    ## Example
    ```yaml
    routes:
      chat:
        model: openai:gpt-4o
        strategy:
          kind: loadbalance
          models: [azure:gpt-4o, openai:gpt-4.1]
          weights: [3, 1]
    ```

    ## Fix
    Write one weight per model, in the same order, with at least one above
    zero; leave `weights` out to split the load evenly.
    """

    code = "RC405"
    name = "bad-weights"
    severity = Severity.ERROR
    summary = "Loadbalance weights do not match the models or sum to zero."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        for name, route in config.routes.items():
            strategy = route.strategy
            pair = option(strategy.node, "weights") if strategy is not None else None
            if (
                strategy is None
                or strategy.kind != "loadbalance"
                or pair is None
                or not isinstance(pair.value, Sequence)
                or not models_known(route)
            ):
                continue
            weights = pair.value.items
            models = len(strategy.models)
            if len(weights) != models:
                listed = ", ".join(f"'{model.value}'" for model in strategy.models)
                message = f"route '{name}' has {len(weights)} weight(s) for {models} model(s) ({listed}): weights go to models by position"
                yield self.at(
                    ctx, pair.value, message, fix=advice(f"write {models} weights, the route's own model first")
                )
                continue
            values = [number(item) if isinstance(item, Scalar) else None for item in weights]
            if weights and all(value is not None for value in values) and sum(v for v in values if v is not None) == 0:
                message = f"the weights of route '{name}' sum to 0: no model gets a request"
                yield self.at(ctx, pair.value, message, fix=advice("give at least one model a weight above 0"))
