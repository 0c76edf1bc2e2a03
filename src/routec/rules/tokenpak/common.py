"""What the TokenPak rules share: the dialect's extension, and lines for messages."""

from __future__ import annotations

from ...dialects.tokenpak import TokenPakRouting, tokenpak_routing
from ...syntax import Node
from ..base import Context


def routing_of(ctx: Context) -> TokenPakRouting:
    assert ctx.config is not None
    return tokenpak_routing(ctx.config)


def line_of(ctx: Context, node: Node) -> int:
    return ctx.source.position(node.start).line


__all__ = ["line_of", "routing_of"]
