"""The classifier: each kind of change has one class, and failover chains are compared here.

A kind is breaking when code that names something stops compiling or finding
it (the generated stubs list every route, alias and agent); behavioural when
the names stay but a request lands elsewhere; safe when nothing a client sees
changes, or only grows.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from .model import Class

KINDS: dict[str, tuple[Class, str]] = {
    "route-removed": (Class.BREAKING, "a route clients can name was removed"),
    "route-renamed": (Class.BREAKING, "a route was removed and another with the same target added"),
    "alias-removed": (Class.BREAKING, "an alias clients can name was removed"),
    "alias-renamed": (Class.BREAKING, "an alias was removed and another landing on the same target added"),
    "agent-removed": (Class.BREAKING, "an agent the stubs name was removed"),
    "agent-route-removed": (Class.BREAKING, "an agent lost its own route"),
    "route-model-changed": (Class.BEHAVIOURAL, "a route sends requests to another model or provider"),
    "failover-step-lost": (Class.BEHAVIOURAL, "a failover chain lost a step"),
    "failover-order-changed": (Class.BEHAVIOURAL, "a failover chain tries its steps in another order"),
    "failover-step-inserted": (Class.BEHAVIOURAL, "a failover chain tries a new step before its old ones"),
    "strategy-changed": (Class.BEHAVIOURAL, "a route uses its models differently"),
    "alias-target-changed": (Class.BEHAVIOURAL, "a name now lands on another route or model"),
    "agent-target-changed": (Class.BEHAVIOURAL, "an agent now uses another route or model"),
    "defaults-target-changed": (Class.BEHAVIOURAL, "agents without their own choice use another route or model"),
    "rule-removed": (Class.BEHAVIOURAL, "a routing rule was removed"),
    "rule-route-changed": (Class.BEHAVIOURAL, "a routing rule sends requests to another route"),
    "rule-changed": (Class.BEHAVIOURAL, "a routing rule matches other requests"),
    "default-route-changed": (Class.BEHAVIOURAL, "requests no rule matches go elsewhere"),
    "default-route-removed": (Class.BEHAVIOURAL, "requests no rule matches have no route any more"),
    "case-route-changed": (Class.BEHAVIOURAL, "a request from the `routec test` cases lands elsewhere"),
    "preference-removed": (Class.BEHAVIOURAL, "a routing preference was removed"),
    "preference-changed": (Class.BEHAVIOURAL, "a routing preference's route or description changed"),
    "budget-changed": (Class.BEHAVIOURAL, "the budget degrades other models or at another threshold"),
    "provider-endpoint-changed": (Class.BEHAVIOURAL, "a provider's base URL changed"),
    "route-added": (Class.SAFE, "a route was added"),
    "alias-added": (Class.SAFE, "an alias was added"),
    "agent-added": (Class.SAFE, "an agent was added"),
    "rule-added": (Class.SAFE, "a routing rule was added"),
    "rule-renamed": (Class.SAFE, "a routing rule has a new name; it matches the same requests and sends them to the same route"),
    "default-route-added": (Class.SAFE, "requests no rule matches now have a route"),
    "preference-added": (Class.SAFE, "a routing preference was added"),
    "failover-step-added": (Class.SAFE, "a failover chain gained a last step"),
    "route-became-alias": (Class.SAFE, "a route became an alias with the same target"),
    "alias-became-route": (Class.SAFE, "an alias became a route with the same target"),
    "description-changed": (Class.SAFE, "a route's description or label changed"),
}


def class_of(kind: str) -> Class:
    return KINDS[kind][0]


def chain_kind(old: Sequence[Hashable], new: Sequence[Hashable]) -> str | None:
    """How a failover chain (after its first model) changed, or None if it did not.

    Losing a step is the worst (a failure that was caught is no longer);
    then the same steps in another order; a new step tried before old ones
    changes which answers come back; a step added at the end only catches
    failures that were not caught before.
    """
    if old == new:
        return None
    if any(step not in new for step in old):
        return "failover-step-lost"
    kept = [step for step in new if step in old]
    if kept != list(old):
        return "failover-order-changed"
    if list(new[: len(old)]) == list(old):
        return "failover-step-added"
    return "failover-step-inserted"
