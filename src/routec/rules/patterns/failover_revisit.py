from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from ...diagnostics import Diagnostic, Related, Severity
from ...ir import Config, ModelRef, Reference, Route
from ...ir.graph import FallbackGraph, Resolver, fallback_graph, own_models
from ..base import Context, Rule, advice
from .common import covered
from .strategy_models import NEEDS

# Repeated models named in one message; the rest are counted.
MAX_SHOWN = 4


class Step(NamedTuple):
    model: ModelRef  # where the model is written
    route: str | None  # the route whose model it is; None for a fallback alias that names a model


class Revisit(NamedTuple):
    where: ModelRef | Reference  # the own model or the fallback that brings the model back
    route: str  # the route whose chain it is
    repeated: list[tuple[Step, Step]]  # (first time, again)


class FailoverRevisitsModel(Rule):
    """
    ## What it does
    Reports a route whose failover chain tries a model it has already tried.
    A route's chain is its own models (its `model`, its other models, its
    fallback models), then the chain of each fallback in order, through
    aliases, each model once. The diagnostic is at the place that brings the
    model back: an own model listed twice, or the fallback whose chain
    repeats a model tried before it, with where the model was first. A
    repeat is the same `provider:model` string written in two places; a
    route reached by two fallbacks (`a -> [b, c]`, `b -> [c]`) is the same
    step, not a repeat. Each repeat is reported once, at the route where the
    two paths meet (routes that fall back to it are not reported again).
    Deployments of one model group (the same model string twice in LiteLLM)
    are not repeats; fallbacks into a cycle are RC104's and not followed. In
    TokenPak configs RC707 reports this, in MultiRoute configs RC804.

    ## Why is this bad?
    A failover step to a model that already failed is the same call again:
    a rate limit or an outage of that model fails it the same way, so the
    chain is shorter than it looks, and the time spent on the retry is lost.

    ## Example
    ```yaml
    routes:
      strong:
        model: anthropic:claude-opus-4-6
        fallbacks: [backup]
      backup:
        model: anthropic:claude-opus-4-6
    ```

    ## Fix
    Fall back to a different model, ideally from another provider, and
    remove steps that only repeat an earlier model.
    """

    code = "RC406"
    name = "failover-revisits-model"
    severity = Severity.WARNING
    summary = "A route's failover chain tries a model it already tried."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        if covered(ctx, self.code) or not config.routes:
            return
        for revisit in Chains(config, ctx.resolver, lambda: ctx.fallback_graph).revisits():
            yield self.diagnose(ctx, revisit)

    def diagnose(self, ctx: Context, revisit: Revisit) -> Diagnostic:
        where = revisit.where
        first, again = revisit.repeated[0]
        related = [Related(first.model.text.start, first.model.text.end, f"'{first.model.value}' is tried here first")]
        if isinstance(where, ModelRef):
            message = f"route '{revisit.route}' lists '{where.value}' twice among its own models: the second is the same call again"
            return self.at(
                ctx, where.text, message, related=related, fix=advice("remove the repeat, or list a different model")
            )
        if len(revisit.repeated) == 1:
            message = f"fallback '{where.value}' of route '{revisit.route}' tries '{first.model.value}' again, {origin(first)}"
        else:
            shown = [f"'{step.model.value}' ({origin(step)})" for step, _ in revisit.repeated[:MAX_SHOWN]]
            if len(revisit.repeated) > MAX_SHOWN:
                shown.append(f"{len(revisit.repeated) - MAX_SHOWN} more")
            listed = f"{', '.join(shown[:-1])} and {shown[-1]}"
            count = len(revisit.repeated)
            message = f"fallback '{where.value}' of route '{revisit.route}' tries {count} models again: {listed}"
        related.append(
            Related(again.model.text.start, again.model.text.end, f"'{again.model.value}' is tried again here")
        )
        fix = advice("fall back to a different model, ideally from another provider, or remove this step")
        return self.at(ctx, where.name, message, related=related, fix=fix)


def origin(step: Step) -> str:
    return f"tried first by route '{step.route}'" if step.route is not None else "tried first through a fallback alias"


class Chains:
    """Every route's failover chain, each built once from its fallbacks' chains (post-order, no recursion).

    A chain keeps only the models written in more than one place, the only
    ones that can repeat, and shares a fallback's chain until it has to add
    to it: the work is linear in the routes and fallbacks times the number of
    such models, not in the length of every chain.
    """

    def __init__(
        self,
        config: Config,
        resolver: Resolver | None = None,
        graph: Callable[[], FallbackGraph] | None = None,
    ) -> None:
        self.config = config
        self.resolver = resolver or Resolver(config)
        self.repeatable = written_twice(config)
        # Without a model written twice nothing can repeat, and the cycles need not be found.
        if self.repeatable:
            found = graph() if graph is not None else fallback_graph(config, self.resolver)
            self.looping = {name for component in found.looping for name in component}
        else:
            self.looping = set()
        self.steps: dict[str, list[tuple[Reference, str | ModelRef]]] = {}
        self.done: dict[str, dict[str, Step]] = {}
        self.found: list[Revisit] = []

    def revisits(self) -> list[Revisit]:
        if not self.repeatable:
            return []
        for name in self.config.routes:
            if name not in self.done:
                self.chain(name)
        return self.found

    def chain(self, name: str) -> dict[str, Step]:
        if not self.fallbacks(name):  # most routes: nothing to follow
            found = self.done[name] = self.own_chain(name, self.config.routes[name])
            return found
        pending: list[tuple[str, bool]] = [(name, False)]
        while pending:
            route, children_done = pending.pop()
            if route in self.done:
                continue
            if children_done:
                self.done[route] = self.merge(route)
                continue
            pending.append((route, True))
            pending.extend(
                (step, False) for _, step in self.fallbacks(route) if isinstance(step, str) and step not in self.done
            )
        return self.done[name]

    def fallbacks(self, route: str) -> list[tuple[Reference, str | ModelRef]]:
        """Each fallback that leads somewhere outside a cycle: a route, or the model an alias names."""
        fallbacks = self.config.routes[route].fallbacks
        if not fallbacks or route in self.looping:
            return []
        known = self.steps.get(route)
        if known is not None:
            return known
        steps: list[tuple[Reference, str | ModelRef]] = []
        for reference in fallbacks:
            landed = self.resolver.resolve(reference.value)
            if landed.route is not None and landed.route not in self.looping:
                steps.append((reference, landed.route))
            elif landed.model is not None:
                steps.append((reference, landed.model))
        self.steps[route] = steps
        return steps

    def own_chain(self, name: str, route: Route) -> dict[str, Step]:
        """The repeatable models among a route's own, each once; an own model listed twice is a revisit."""
        if not route.extra_models and not route.fallback_models:  # most routes: one model
            model = route.model
            return {model.value: Step(model, name)} if model is not None and model.value in self.repeatable else {}
        strategy_models = {id(model) for model in route.strategy.models} if route.strategy is not None else set()
        deployments = {id(model) for model in route.extra_models if id(model) not in strategy_models}
        chain: dict[str, Step] = {}
        for model in own_models(route):
            if model.value not in self.repeatable:
                continue
            first = chain.get(model.value)
            if first is None:
                chain[model.value] = Step(model, name)
            elif id(model) not in deployments and not one_model_strategy(route):
                self.found.append(Revisit(model, name, [(first, Step(model, name))]))
        return chain

    def merge(self, name: str) -> dict[str, Step]:
        chain = self.own_chain(name, self.config.routes[name])
        shared = False  # whether `chain` is a fallback's own chain, to copy before adding to it
        for reference, step in self.fallbacks(name):
            if isinstance(step, str):
                parts = self.done[step]
            else:
                parts = {step.value: Step(step, None)} if step.value in self.repeatable else {}
            if not chain:
                chain, shared = parts, True
                continue
            # The same written model reached again (a route two fallbacks lead to) is one step, not a repeat.
            repeated = [
                (chain[value], part)
                for value, part in parts.items()
                if value in chain and chain[value].model is not part.model
            ]
            if repeated:
                self.found.append(Revisit(reference, name, repeated))
            added = [(value, part) for value, part in parts.items() if value not in chain]
            if added:
                chain = dict(chain) if shared else chain
                chain.update(added)
                shared = False
        return chain


def written_twice(config: Config) -> set[str]:
    """The model strings written in more than one place a failover chain can reach."""
    places: dict[str, int] = {}
    for route in config.routes.values():
        for model in own_models(route):
            places[model.value] = places.get(model.value, 0) + 1
    for alias in config.aliases.values():
        if isinstance(alias.target, ModelRef):
            places[alias.target.value] = places.get(alias.target.value, 0) + 1
    return {value for value, count in places.items() if count > 1}


def one_model_strategy(route: Route) -> bool:
    """A cascade, parallel or loadbalance strategy of one model repeated: RC404's."""
    strategy = route.strategy
    return strategy is not None and strategy.kind in NEEDS and len({model.value for model in strategy.models}) < 2
