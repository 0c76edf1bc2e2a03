from __future__ import annotations

import math
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..syntax import Mapping, Node, Scalar, Sequence
from .base import Context, Rule, advice


class Yaml11Scalar(Rule):
    """
    ## What it does
    For gateways that read YAML with PyYAML (YAML 1.1: Plano, LiteLLM),
    reports an unquoted value that YAML 1.1 and YAML 1.2 read differently:
    `yes`/`no`/`on`/`off` (booleans in 1.1, strings in 1.2), `0755` (octal
    493 in 1.1), `1:30` (sexagesimal 90 in 1.1), `2024-05-13` (a date in
    1.1). routec reads the value as the gateway does, and says so.

    ## Why is this bad?
    The gateway and every other tool (editors, linters, your own scripts on
    YAML 1.2) disagree about the value: `on` in a model name or a key becomes
    `True`, a version `0755` becomes `493`.

    ## Example
    ```yaml
    model_list:
      - model_name: fast
        litellm_params: {model: openai/gpt-4o-mini, rpm: 0100}
    ```

    ## Fix
    Quote the value if you mean the text (`'on'`, `"0755"`); write
    `true`/`false` or a plain number if you mean those.
    """

    code = "RC007"
    name = "yaml-1-1-scalar"
    severity = Severity.WARNING
    summary = "An unquoted YAML value means something else to a YAML 1.1 gateway."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        if config.conventions.yaml_version != "1.1" or ctx.document.format != "yaml":
            return
        from ..syntax.yaml import Timestamp, resolve_plain, resolve_plain_11  # loaded only for YAML files
        for scalar in _plain_scalars(ctx.document.root):
            text = scalar.text
            assert text is not None
            old, new = resolve_plain_11(text), resolve_plain(text)
            if _same(old, new) and not isinstance(old, Timestamp):
                continue
            gateway = config.conventions.gateway or config.dialect.capitalize()
            message = f"`{text}` is {_describe(old)} to {gateway} (YAML 1.1) but {_describe(new)} under YAML 1.2"
            hint = f"quote it ('{text}') if you mean the text; write the value unambiguously otherwise"
            yield self.at(ctx, scalar, message, fix=advice(hint))


def _plain_scalars(root: Node | None) -> Iterator[Scalar]:
    stack: list[Node] = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Scalar):
            if node.text is not None:
                yield node
        elif isinstance(node, Mapping):
            for pair in reversed(node.pairs):
                stack.extend((pair.value, pair.key))
        elif isinstance(node, Sequence):
            stack.extend(reversed(node.items))


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def _describe(value: object) -> str:
    from ..syntax.yaml import Timestamp

    if isinstance(value, Timestamp):
        return "a date"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the string '{value}'"
