"""What the LiteLLM rules share: the dialect's extension, and lines for messages."""

from __future__ import annotations

from ...dialects.litellm import LiteLLMData, litellm_data
from ...syntax import Node
from ..base import Context


def data_of(ctx: Context) -> LiteLLMData:
    assert ctx.config is not None
    return litellm_data(ctx.config)


def line_of(ctx: Context, node: Node) -> int:
    return ctx.source.position(node.start).line


__all__ = ["data_of", "line_of"]
