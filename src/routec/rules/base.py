"""The rule interface and what every rule can ask of the config being checked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import ClassVar

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from ..ir import Config, ModelRef, string_scalars
from ..ir.graph import FallbackGraph, Resolver, fallback_graph
from ..ir.models import ParsedModel, parse_model
from ..secrets import Secret
from ..suggest import Suggester
from ..syntax import Document, Node, Scalar, Sequence
from ..syntax import Mapping as MappingNode
from ..syntax.source import Source
from ..syntax.tree import value_span


class Options:
    """Settings that change what rules check."""

    __slots__ = ("env_check", "environ")

    def __init__(self, env_check: bool = False, environ: Mapping[str, str] | None = None) -> None:
        self.env_check = env_check
        self.environ = environ if environ is not None else {}


class Context:
    """One file being checked: its document, its IR, and shared lookups."""

    def __init__(
        self,
        document: Document,
        config: Config | None,
        options: Options,
        secrets: list[Secret],
        strings: list[Scalar] | None = None,
    ) -> None:
        self.document = document
        self.config = config
        self.options = options
        self.secrets = secrets
        self.strings = strings if strings is not None else list(string_scalars(document))
        self._models: dict[str, ParsedModel] = {}

    @property
    def source(self) -> Source:
        return self.document.source

    @property
    def json_like(self) -> bool:
        return self.document.format == "json5"

    @cached_property
    def resolver(self) -> Resolver:
        assert self.config is not None
        return Resolver(self.config)

    @cached_property
    def fallback_graph(self) -> FallbackGraph:
        assert self.config is not None
        return fallback_graph(self.config, self.resolver)

    @cached_property
    def name_suggester(self) -> Suggester:
        assert self.config is not None
        return Suggester(self.config.names())

    def parsed(self, ref: ModelRef) -> ParsedModel:
        # By the string, not the place: a large config writes a few model strings thousands of times.
        value = ref.value
        found = self._models.get(value)
        if found is None:
            assert self.config is not None
            found = self._models[value] = parse_model(value, self.config.conventions)
        return found

    def env_reference(self, variable: str) -> str:
        """An environment reference as the config's dialect writes it: `${VAR}`, `$VAR`, `os.environ/VAR`."""
        return self.config.conventions.env_reference(variable) if self.config is not None else f"${{{variable}}}"

    def value_span(self, scalar: Scalar, start: int, end: int) -> tuple[int, int]:
        """Offsets of ``scalar.value[start:end]``, or the whole token if escapes hide them."""
        return value_span(self.document.source.text, scalar, start, end)

    def replace_value(self, scalar: Scalar, new_value: str) -> Edit:
        """An edit that rewrites a string token, keeping its quoting style."""
        token = self.token_for(scalar, new_value)
        if scalar.style in ("|", ">"):
            # A block scalar's span runs to the start of the next line: keep its line breaks, or that line joins this one.
            ending = _BLOCK_ENDING.search(self.source.text, scalar.start, scalar.end)
            token += ending.group(0) if ending is not None else ""
        return Edit(scalar.start, scalar.end, token)

    def token_for(self, scalar: Scalar, value: str) -> str:
        """``value`` written as the token ``scalar`` is, so the edit changes nothing else."""
        style = scalar.style
        if self.json_like and _SURROGATE.search(value):
            import json

            return json.dumps(value)  # half a character (from a "\ud800" escape) can only be written escaped
        if style == "'" and "\n" not in value:
            if self.json_like:
                return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
            return "'" + value.replace("'", "''") + "'"
        if style == '"' or not _is_safe_plain(value, self.json_like) or self._in_yaml_flow(scalar, value):
            import json  # only when a fix is built

            return json.dumps(value, ensure_ascii=False)
        return value

    def _in_yaml_flow(self, scalar: Scalar, value: str) -> bool:
        """A plain `a:b` inside `{...}` or `[...]` is valid YAML 1.2, but YAML 1.1 loaders reject it."""
        if self.json_like or ":" not in value:
            return False
        after = self.source.text[scalar.end : scalar.end + 80].lstrip(" \t")
        return after[:1] in (",", "}", "]")


_SURROGATE = re.compile("[\ud800-\udfff]")
_BLOCK_ENDING = re.compile(r"(?:\r\n|\r|\n)\s*\Z")
_YAML_PLAIN = re.compile(r"[A-Za-z_$][\w$./@-]*(?::[\w$./@-]+)*")
_JSON5_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


def _is_safe_plain(value: str, json_like: bool) -> bool:
    """Whether a string can be written unquoted and still read as that string."""
    if json_like:
        return bool(_JSON5_IDENTIFIER.fullmatch(value))
    from ..syntax.yaml import resolve_plain

    return bool(_YAML_PLAIN.fullmatch(value)) and resolve_plain(value) == value


class Rule:
    """A check with a stable code. Subclasses set the class attributes and ``check``.

    The class docstring is the rule's documentation, in sections: *What it
    does*, *Why is this bad?*, *Example*, *Fix*.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    # Whether the rule needs a readable document lowered to the IR.
    needs_config: ClassVar[bool] = True
    # The dialects the rule is for; empty for every dialect (rules about the common model).
    dialects: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def doc(cls) -> str:
        import inspect  # docs are read by `routec rule`, not by checks

        return inspect.cleandoc(cls.__doc__ or "")

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def report(
        self,
        ctx: Context,
        start: int,
        end: int,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            source=ctx.source,
            start=start,
            end=end,
            related=tuple(related),
            fix=fix,
        )

    def at(self, ctx: Context, node: Node, message: str, **kwargs: object) -> Diagnostic:
        return self.report(ctx, node.start, node.end, message, **kwargs)  # type: ignore[arg-type]


def advice(message: str) -> Fix:
    return Fix(message, (), Applicability.DISPLAY)


def replacement(message: str, edit: Edit, safe: bool) -> Fix:
    return Fix(message, (edit,), Applicability.SAFE if safe else Applicability.UNSAFE)


def rename(ctx: Context, key: Scalar, name: str, message: str, safe: bool) -> Fix:
    """A fix that renames a mapping key to ``name``; only advice when that mapping already
    has ``name``, as the rename would write the key twice (and loaders keep only one)."""
    mapping = mapping_of(ctx.document.root, key)
    if mapping is not None and name in mapping:
        return advice(f"{message} after removing the '{name}' already set here, or remove this key")
    return replacement(message, ctx.replace_value(key, name), safe)


def mapping_of(root: Node | None, key: Node) -> MappingNode | None:
    """The mapping ``key`` is a key of, found by walking down to its offset."""
    node = root
    while isinstance(node, (MappingNode, Sequence)):
        if isinstance(node, MappingNode):
            if any(pair.key is key for pair in node.pairs):
                return node
            children = [child for pair in node.pairs for child in (pair.key, pair.value)]
        else:
            children = node.items
        node = next((child for child in children if child.start <= key.start < child.end), None)
    return None


def quoted_list(names: Iterable[str], limit: int = 8) -> str:
    """'a', 'b', 'c' (and 4 more)."""
    names = list(names)
    shown = ", ".join(f"'{name}'" for name in names[:limit])
    if len(names) > limit:
        shown += f" (and {len(names) - limit} more)"
    return shown


def did_you_mean(suggestions: list[str]) -> str:
    if not suggestions:
        return ""
    if len(suggestions) == 1:
        return f"did you mean '{suggestions[0]}'?"
    return f"did you mean one of {quoted_list(suggestions)}?"

