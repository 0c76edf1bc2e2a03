"""What the MultiRoute rules share: the dialect's extension."""

from __future__ import annotations

from ...dialects.multiroute import ModelUse, MultiRouteConfig, multiroute_config
from ..base import Context


def multiroute_of(ctx: Context) -> MultiRouteConfig:
    assert ctx.config is not None
    return multiroute_config(ctx.config)


def usable(use: ModelUse, config: MultiRouteConfig, declared: set[str]) -> bool:
    """Whether a request can reach this model: a declared, enabled provider serves it."""
    return use.provider is not None and use.provider in declared and use.provider not in config.disabled


__all__ = ["multiroute_of", "usable"]
