from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ...diagnostics import Diagnostic, Fix, Severity
from ...dialects.litellm import ENV_PREFIX
from ...syntax import Mapping, Node, Scalar, Sequence
from ..base import Context, Rule, advice, replacement

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# The `${NAME}` RC303 accepts as well formed; the malformed ones are RC303's to report.
UPPER_NAME = r"[A-Z_][A-Z0-9_]*"
# Spellings of an environment reference that LiteLLM takes literally, when they are the whole value.
WHOLE_VALUE = re.compile(
    rf"\$\{{(?P<braced>{UPPER_NAME})\}}|\$(?P<bare>{NAME})"
    rf"|os\.environ\.(?P<dotted>{NAME})|os\.environ\[\s*['\"]?(?P<indexed>{NAME})['\"]?\s*\]"
    rf"|os\.getenv\(\s*['\"](?P<call>{NAME})['\"]\s*\)"
)
# How each spelling is named in messages (the value itself may be masked as a secret).
SHAPES = {
    "braced": "${NAME}",
    "bare": "$NAME",
    "dotted": "os.environ.NAME",
    "indexed": "os.environ[NAME]",
    "call": "os.getenv(NAME)",
}
# `${NAME}` inside a longer value: never substituted. (Malformed `${...}` is RC303's.)
EMBEDDED = re.compile(rf"(?<!\$)\$\{{({UPPER_NAME})\}}")


class Value(NamedTuple):
    scalar: Scalar
    key: str | None  # the mapping key it is the value of; None for a list item, "" for the whole document


class UnresolvedEnvRef(Rule):
    """
    ## What it does
    Reports an environment reference LiteLLM will not resolve. LiteLLM
    replaces a value only when it is a string in a mapping that *starts*
    with `os.environ/`: `${OPENAI_API_KEY}`, `$OPENAI_API_KEY`,
    `os.environ.OPENAI_API_KEY` and `os.getenv("OPENAI_API_KEY")` are sent
    as written, and so are `os.environ/` after other text or a leading
    space, an `os.environ/` list item, and `os.environ/` naming no variable.

    ## Why is this bad?
    The reference itself becomes the value: the provider receives the text
    `${OPENAI_API_KEY}` as the API key and answers every request with 401,
    or the proxy connects to a database URL that is a variable name.

    ## Example
    ```yaml
    model_list:
      - model_name: gpt-4o
        litellm_params:
          model: openai/gpt-4o
          api_key: ${OPENAI_API_KEY}
    ```

    ## Fix
    Write the whole value as `os.environ/NAME` (the fix does this when the
    whole value is one reference). To build a value from a variable and
    other text, set the whole value in the environment.
    """

    code = "RC605"
    name = "unresolved-env-ref"
    severity = Severity.ERROR
    summary = "An environment reference LiteLLM does not resolve is sent as written."
    dialects = ("litellm",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for value in string_values(ctx.document.root):
            found = self.diagnose(ctx, value)
            if found is not None:
                yield found

    def diagnose(self, ctx: Context, value: Value) -> Diagnostic | None:
        text = str(value.scalar.value)
        stripped = text.strip()
        if value.key is not None and value.key.endswith("_ref"):
            return None  # secret pointers (`*_ref`) are kept as written on purpose
        if stripped.startswith(ENV_PREFIX):
            return self.prefixed(ctx, value, text, stripped)
        whole = WHOLE_VALUE.fullmatch(stripped)
        if whole is not None:
            shape, name = next((shape, group) for shape, group in whole.groupdict().items() if group)
            message = (
                f"`{SHAPES[shape]}` is not resolved: LiteLLM substitutes only `{ENV_PREFIX}NAME`, "
                f"so this value is sent as written"
            )
            return self.at(ctx, value.scalar, message, fix=self.use(ctx, value.scalar, name))
        if ENV_PREFIX in text:
            message = f"`{ENV_PREFIX}` in the middle of a value is not resolved: only a value that starts with it is"
            fix = advice("set the whole value in the environment and reference it")
            return self.at(ctx, value.scalar, message, fix=fix)
        embedded = EMBEDDED.search(text)
        if embedded is not None:
            start, end = ctx.value_span(value.scalar, embedded.start(), embedded.end())
            message = f"'{embedded.group(0)}' is not substituted: LiteLLM has no `${{...}}` references"
            fix = advice(f"set the whole value in the environment and write `{ENV_PREFIX}NAME`")
            return self.report(ctx, start, end, message, fix=fix)
        return None

    def prefixed(self, ctx: Context, value: Value, text: str, stripped: str) -> Diagnostic | None:
        name = stripped[len(ENV_PREFIX) :]
        if value.key is None:
            message = f"'{stripped}' is a list item: LiteLLM resolves `{ENV_PREFIX}` only for values in a mapping"
            fix = advice(f"write the value itself, or move the setting to a mapping value (`key: {ENV_PREFIX}NAME`)")
            return self.at(ctx, value.scalar, message, fix=fix)
        if not name:
            message = f"'{stripped}' names no environment variable: LiteLLM resolves it to nothing"
            return self.at(ctx, value.scalar, message, fix=advice(f"write `{ENV_PREFIX}NAME` with a variable name"))
        if text != stripped:
            message = f"'{text}' is not resolved as `{stripped}`: LiteLLM keeps the spaces around the reference"
            return self.at(ctx, value.scalar, message, fix=self.use(ctx, value.scalar, name))
        return None

    @staticmethod
    def use(ctx: Context, scalar: Scalar, name: str) -> Fix:
        fixed = f"{ENV_PREFIX}{name}"
        return replacement(f"use '{fixed}'", ctx.replace_value(scalar, fixed), safe=True)


def string_values(root: Node | None) -> Iterator[Value]:
    """Every string value with the key it belongs to, without recursion; shared (aliased) nodes once."""
    stack: list[tuple[Node, str | None]] = [(root, "")] if root is not None else []
    seen: set[int] = set()
    while stack:
        node, key = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Scalar):
            if isinstance(node.value, str):
                yield Value(node, key)
        elif isinstance(node, Mapping):
            stack.extend((pair.value, pair.name) for pair in reversed(node.pairs))
        elif isinstance(node, Sequence):
            stack.extend((item, None) for item in reversed(node.items))
