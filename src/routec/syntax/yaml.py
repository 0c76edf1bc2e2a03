"""YAML text to a positioned tree, through libyaml's event stream.

We read ruamel.yaml's C parser event by event and build the tree ourselves
instead of composing nodes: it is several times faster than ruamel's composer
(no Python resolver call per scalar), it keeps the stack in our hands (no
recursion, so deep nesting is a diagnostic, not a crash), and it lets us see
duplicate keys, aliases and tags as they go by.

Plain scalars are typed with the YAML 1.2 core schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from .problems import DEPTH_HINT, MAX_DEPTH, ParseError, Related, SyntaxProblem
from .tree import Mapping, Node, Pair, Scalar, Sequence, Tree, shared

try:  # libyaml through ruamel.yaml.clib, a declared dependency on CPython
    from _ruamel_yaml import CParser as _CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - elsewhere, ruamel's pure-Python parser reads everything
    _CParser = None

# Expanded size beyond which aliases are refused (a "billion laughs" bomb).
MAX_EXPANDED_NODES = 1_000_000

_TAG = "tag:yaml.org,2002:"
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# Only plain scalars starting with one of these can be anything but a string.
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")


def resolve_plain(text: str) -> str | int | float | bool | None:
    """The YAML 1.2 core schema value of a plain (unquoted) scalar."""
    if text and text[0] not in _MAYBE_TYPED:
        return text
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text, 16) if text.startswith("0x") else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    match = _INF.fullmatch(text)
    if match:
        return float(match.group(1) + "inf")
    if _NAN.fullmatch(text):
        return float("nan")
    return text


# YAML 1.1 as PyYAML reads it (Plano and LiteLLM load configs with PyYAML).
_BOOL_11 = {word: True for word in ("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")}
_BOOL_11.update({word: False for word in ("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")})
_INT_11 = re.compile(
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
)
_FLOAT_11 = re.compile(
    r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# A date alone has two-digit month and day (2024-05-03); one digit is allowed only with a
# time after it (2024-5-3 10:00:00). `2024-5-3` alone is a string to PyYAML.
_TIMESTAMP_11 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)


class Timestamp(str):
    """A plain scalar YAML 1.1 reads as a date: kept as its text, marked so rules can say so."""


def resolve_plain_11(text: str) -> str | int | float | bool | None:
    """The value PyYAML (YAML 1.1) gives a plain scalar."""
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL_11:
        return _BOOL_11[text]
    if _INT_11.fullmatch(text):
        digits = text.replace("_", "")
        # `0b_` and `0x_` match the pattern but have no digits: PyYAML fails on them; keep the text.
        return _int_11(digits) if digits.lstrip("+-") not in ("0b", "0x") else text
    if _FLOAT_11.fullmatch(text):
        return _float_11(text.replace("_", ""))
    if _TIMESTAMP_11.fullmatch(text):
        return Timestamp(text)
    return text


def _int_11(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    if body.startswith("0b"):
        return sign * int(body[2:], 2)
    if body.startswith("0x"):
        return sign * int(body[2:], 16)
    if ":" in body:
        return sign * _sexagesimal(body)
    if len(body) > 1 and body.startswith("0"):
        return sign * int(body, 8)
    return sign * int(body)


def _float_11(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    if ":" in text:
        sign = -1.0 if text.startswith("-") else 1.0
        whole, _, fraction = text.lstrip("+-").partition(".")
        return sign * (_sexagesimal(whole) + float("0." + (fraction or "0")))
    return float(text)


def _sexagesimal(text: str) -> int:
    value = 0
    for part in text.split(":"):
        value = value * 60 + int(part)
    return value


def read_as_yaml_11(root: Node, shares_nodes: bool = True) -> None:
    """Give every plain scalar the value YAML 1.1 (PyYAML) reads, in place, for gateways that use it.
    ``shares_nodes``: whether an alias put a node in two places (``Document.shares_nodes``); only
    then must the walk remember what it has seen, or a nest of aliases would be walked exponentially."""
    stack: list[Node] = [root]
    seen: set[int] | None = set() if shares_nodes else None
    while stack:
        node = stack.pop()
        if seen is not None:
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, Scalar):
            if node.text is not None:
                node.value = resolve_plain_11(node.text)
        elif isinstance(node, Mapping):
            for pair in node.pairs:
                stack.append(pair.key)
                stack.append(pair.value)
                pair.forget_name()  # keys may have changed type (`on:` is True in YAML 1.1)
            node._index = None
        elif isinstance(node, Sequence):
            stack.extend(node.items)


class _Frame:
    """A collection being built: its node, its children so far, and its size."""

    __slots__ = ("node", "anchor", "flow", "key", "size", "seen", "merges")

    def __init__(self, node: Mapping | Sequence, anchor: str | None, flow: bool) -> None:
        self.node = node
        self.anchor = anchor
        self.flow = flow
        self.key: Node | None = None
        self.size = 1
        self.seen: dict[str, Node] = {}
        self.merges: list[Node] = []


class _Builder:
    def __init__(self) -> None:
        self.problems: list[SyntaxProblem] = []
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.stack: list[_Frame] = []
        self.root: Node | None = None
        self.documents = 0
        self.shares_nodes = False  # an alias put a node in a second place

    def build(self, events: Iterator[Any]) -> Node:
        handlers = {
            ScalarEvent: self.scalar,
            AliasEvent: self.alias,
            MappingStartEvent: self.start_mapping,
            SequenceStartEvent: self.start_sequence,
            MappingEndEvent: self.end_collection,
            SequenceEndEvent: self.end_collection,
            DocumentStartEvent: self.document,
        }
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
        if self.root is None:  # an empty stream is a null document
            return Scalar(None, 0, 0)
        return self.root

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise ParseError(
                "a routing config is one YAML document; found a second one",
                event.start_mark.index,
                event.end_mark.index,
                hint="remove the '---' and what follows, or split the documents into two files",
            )

    def scalar(self, event: Any) -> None:
        start, end = event.start_mark.index, event.end_mark.index
        style = event.style or None
        text = shared(event.value)
        plain = None
        if event.tag is not None and event.tag != "!":
            value = self.tagged_value(event.tag, text, style, start, end)
        elif style is None:
            value = resolve_plain(text)
            plain = text
        else:
            value = text
        self.attach(Scalar(value, start, end, style, plain), 1, event.anchor)

    def tagged_value(self, tag: str, text: str, style: str | None, start: int, end: int) -> Any:
        name = tag[len(_TAG) :] if tag.startswith(_TAG) else None
        if name == "str":
            return text
        if name in ("int", "float", "bool", "null"):
            return resolve_plain(text)
        self.unsupported_tag(tag, start, end)
        return text

    def unsupported_tag(self, tag: str, start: int, end: int) -> None:
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        self.problems.append(
            SyntaxProblem(
                "unsupported-tag",
                start,
                end,
                f"YAML tag '{shown}' is not supported here: routing configs hold plain "
                "strings, numbers, booleans, lists and mappings; remove the tag",
            )
        )

    def alias(self, event: Any) -> None:
        anchored = self.anchors.get(event.anchor)
        if anchored is None:
            raise ParseError(
                f"alias '*{event.anchor}' refers to no anchor defined before it",
                event.start_mark.index,
                event.end_mark.index,
            )
        node, size = anchored
        self.shares_nodes = True
        self.attach(node, size, None)

    def start_mapping(self, event: Any) -> None:
        self.push(Mapping([], event.start_mark.index, event.end_mark.index), event)

    def start_sequence(self, event: Any) -> None:
        self.push(Sequence([], event.start_mark.index, event.end_mark.index), event)

    def push(self, node: Mapping | Sequence, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise ParseError(f"nesting is deeper than {MAX_DEPTH} levels", node.start, hint=DEPTH_HINT)
        expected = "map" if isinstance(node, Mapping) else "seq"
        if event.tag is not None and event.tag not in ("!", _TAG + expected):
            self.unsupported_tag(event.tag, node.start, event.end_mark.index)
        self.stack.append(_Frame(node, event.anchor, bool(event.flow_style)))

    def end_collection(self, event: Any) -> None:
        frame = self.stack.pop()
        node = frame.node
        if frame.flow:
            node.end = event.end_mark.index
        else:
            node.end = self.block_end(node)
        if frame.merges and isinstance(node, Mapping):
            self.apply_merges(node, frame)
        self.attach(node, frame.size, frame.anchor)

    @staticmethod
    def block_end(node: Mapping | Sequence) -> int:
        """A block collection ends where its last child ends, not at the next token."""
        if isinstance(node, Mapping):
            return node.pairs[-1].value.end if node.pairs else node.end
        return node.items[-1].end if node.items else node.end

    def attach(self, node: Node, size: int, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (node, size)
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        frame.size += size
        if frame.size > MAX_EXPANDED_NODES:
            raise ParseError(
                f"aliases expand this document beyond {MAX_EXPANDED_NODES:,} nodes "
                "(an alias bomb?); routec refuses to expand it",
                node.start,
                node.end,
                hint="write the repeated parts out, or reuse anchors less deeply",
            )
        container = frame.node
        if isinstance(container, Sequence):
            container.items.append(node)
        elif frame.key is None:
            frame.key = node
        else:
            key, frame.key = frame.key, None
            self.add_pair(frame, container, key, node)

    def add_pair(self, frame: _Frame, mapping: Mapping, key: Node, value: Node) -> None:
        if isinstance(key, Scalar) and key.style is None and key.value == "<<":
            frame.merges.append(value)
            return
        pair = Pair(key, value)
        name = pair.name
        first = frame.seen.get(name)
        if first is None:
            frame.seen[name] = key
        elif isinstance(key, Scalar):
            self.problems.append(
                SyntaxProblem(
                    "duplicate-key",
                    key.start,
                    key.end,
                    f"duplicate key '{name}'",
                    (Related(first.start, first.end, f"'{name}' first defined here"),),
                )
            )
        mapping.pairs.append(pair)

    def apply_merges(self, mapping: Mapping, frame: _Frame) -> None:
        """YAML merge keys (`<<: *base`): explicit keys win, then earlier merges."""
        for source in frame.merges:
            sources = source.items if isinstance(source, Sequence) else [source]
            for merged in sources:
                if not isinstance(merged, Mapping):
                    self.problems.append(
                        SyntaxProblem(
                            "unsupported-tag",
                            merged.start,
                            merged.end,
                            "a merge key ('<<') takes a mapping or a list of mappings",
                        )
                    )
                    continue
                for pair in merged:
                    if pair.name not in frame.seen:
                        frame.seen[pair.name] = pair.key
                        mapping.pairs.append(pair)


def read_yaml(text: str) -> Tree:
    """Parse one YAML document. Raises ParseError at the first fatal error."""
    try:
        if _CParser is not None:
            return _read(text, _c_events(text))
    except MarkedYAMLError as error:
        if error.problem != "found unexpected ':'":
            raise _parse_error(error, text) from None
    # libyaml follows YAML 1.1, which forbids `{model: ollama:llama3}`; YAML 1.2
    # allows a ':' inside a flow scalar. Only then, use ruamel's (slower) 1.2 parser.
    # It is also the parser where the C extension is missing.
    try:
        return _read(text, YAML(typ="safe", pure=True).parse(text))
    except MarkedYAMLError as error:
        raise _parse_error(error, text) from None


def _read(text: str, events: Iterator[Any]) -> Tree:
    builder = _Builder()
    try:
        root = builder.build(events)
    except ReaderError as error:
        raise ParseError(_reader_message(error), error.position) from None
    except MarkedYAMLError:
        raise
    except YAMLError as error:  # any other libyaml complaint, without a mark
        raise ParseError(str(error).split("\n")[0], 0) from None
    return Tree(root, builder.problems, builder.shares_nodes)


def _c_events(text: str) -> Iterator[Any]:
    try:
        get_event = _CParser(text).get_event
    except UnicodeEncodeError as error:  # a lone surrogate, as an editor's buffer may hold: YAML does not allow it
        raise ReaderError("", error.start, ord(text[error.start]), "utf-8", "special characters are not allowed") from None
    while True:
        try:
            event = get_event()
        except ReaderError as error:
            # libyaml reads the UTF-8 bytes, so its reader errors count bytes; routec's offsets count code points.
            error.position = len(text.encode("utf-8")[: error.position].decode("utf-8", "ignore"))
            raise
        yield event
        if type(event) is StreamEndEvent:
            return


def _parse_error(error: MarkedYAMLError, text: str) -> ParseError:
    mark = error.problem_mark or error.context_mark
    offset = mark.index if mark is not None else 0
    problem = error.problem or error.context or "invalid YAML"
    message = problem
    if error.context and error.problem:
        message = f"{problem} ({error.context})"
    hint = ""
    if text[offset : offset + 1] == "\t":
        message += "; YAML does not allow tabs for indentation"
        hint = "indent with spaces"
    return ParseError(message, offset, hint=hint)


def _reader_message(error: ReaderError) -> str:
    character = error.character
    if isinstance(character, int):
        return f"character U+{character:04X} is not allowed in YAML ({error.reason})"
    return f"invalid input: {error.reason}"
