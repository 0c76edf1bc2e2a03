"""What the TokenPak rules share: the dialect's extension, and lines for messages."""

from __future__ import annotations

from ...dialects.tokenpak import RouteEntry, TokenPakRouting, tokenpak_routing
from ...syntax import Node
from ..base import Context


def routing_of(ctx: Context) -> TokenPakRouting:
    assert ctx.config is not None
    return tokenpak_routing(ctx.config)


def keyword_routes(ctx: Context) -> list[RouteEntry]:
    """The routes keyword routing picks from: none when `routing.enabled: false` turns it off."""
    assert ctx.config is not None
    return [] if ctx.config.rules_off is not None else tokenpak_routing(ctx.config).routes


def line_of(ctx: Context, node: Node) -> int:
    return ctx.source.position(node.start).line


__all__ = ["keyword_routes", "line_of", "routing_of"]
