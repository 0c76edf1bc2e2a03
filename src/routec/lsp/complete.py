"""Completion: route and alias names, provider prefixes, allowed values, and keys.

While someone types, the file is often broken, so where the cursor is (which
key it belongs to, in which mapping) is read from the text itself: braces and
quotes in JSON5, indentation in YAML. The names and providers on offer come
from the last check that could read the file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..dialects.schema import Obj, Str, spec_at

# The characters of a name or model string being typed.
_WORD = re.compile(r"[\w.$:/@-]*$")
_YAML_KEY = re.compile(r"^(\s*)(-\s+)?([\"']?)([^\s\"'#:{}\[\],][^\"'#:{}\[\]]*?)\3\s*:(?:\s|$)")
_KEY_BEFORE_VALUE = re.compile(r"[\"']?([\w$.-]+)[\"']?\s*:\s*[\"']?$")


class Where(NamedTuple):
    """The cursor's place: the keys leading to it, and whether it is on a key or a value."""

    path: list[str | int]
    on_key: bool
    word_start: int
    word: str


def where(text: str, offset: int, json_like: bool) -> Where:
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    word = _WORD.search(before)
    assert word is not None
    word_start = offset - len(word.group(0))
    prefix = before[: len(before) - len(word.group(0))]
    if json_like:
        path, on_key = _json5_path(text, word_start)
    else:
        path, on_key = _yaml_path(text, line_start, prefix)
    return Where(path, on_key, word_start, word.group(0))


def _yaml_path(text: str, line_start: int, prefix: str) -> tuple[list[str | int], bool]:
    """Parents by indentation: each line above with less indentation opens the cursor's context."""
    content = prefix.lstrip()
    indent = len(prefix) - len(content)
    path: list[str | int] = []
    for line in reversed(text[:line_start].split("\n")[:-1]):
        body = line.lstrip()
        if not body or body.startswith("#"):
            continue
        line_indent = len(line) - len(body)
        if line_indent >= indent:
            continue  # a sibling, or inside one
        match = _YAML_KEY.match(line)
        dash = body.startswith("-")
        if dash and (match is None or not match.group(2) or indent >= line_indent + len(match.group(2))):
            path.insert(0, 0)  # inside a list item; the key on its line, if any, is a sibling
        elif match is not None:
            path.insert(0, match.group(4))
        indent = line_indent
        if indent == 0:
            break
    if content.startswith("-"):
        path.append(0)
        content = content[1:].lstrip()
    flow_list = re.search(r"[\"']?([\w$.-]+)[\"']?\s*:\s*\[[^\]]*$", content)
    if flow_list:
        return path + [flow_list.group(1), 0], False
    own_key = _KEY_BEFORE_VALUE.search(content)
    if own_key:
        return path + [own_key.group(1)], False
    # A bare word on its own line is a key; after a dash it may be a list value too.
    return path, not prefix.lstrip().startswith("-")


def _json5_path(text: str, offset: int) -> tuple[list[str | int], bool]:
    """Open containers up to the cursor, with the key of each, by a quote-aware scan."""
    stack: list[list[str | int]] = []  # per open container: [key it belongs to] or []
    kinds: list[str] = []
    last_string = ""
    expecting_key = False
    tokens = re.compile(r"""//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|[{}\[\]:,]|[\w$.+-]+""", re.S)
    pending_key: str | None = None
    for match in tokens.finditer(text, 0, offset):
        token = match.group(0)
        if token.startswith(("//", "/*")):
            continue
        if token in "{[":
            key: list[str | int] = [pending_key] if pending_key is not None else ([0] if kinds and kinds[-1] == "[" else [])
            stack.append(key)
            kinds.append(token)
            pending_key = None
            expecting_key = token == "{"
        elif token in "}]":
            if stack:
                stack.pop()
                kinds.pop()
            pending_key = None
            expecting_key = False
        elif token == ":":
            pending_key = last_string
            expecting_key = False
        elif token == ",":
            pending_key = None
            expecting_key = bool(kinds) and kinds[-1] == "{"
        else:
            last_string = token.strip("\"'")
            if match.end() == offset:  # the word under the cursor itself
                break
    path = [step for key in stack for step in key]
    if pending_key is not None:
        return path + [pending_key], False
    if kinds and kinds[-1] == "[":
        return path + [0], False
    return path, expecting_key


def repaired(text: str, offset: int, json_like: bool) -> str:
    """The text up to the cursor, closed so that it may parse: for names when a file is half typed."""
    head = text[:offset]
    if not json_like:
        return head[: head.rfind("\n") + 1]  # drop the line being typed
    closers: list[str] = []
    quote = ""
    escaped = False
    for char in head:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "{[":
            closers.append("}" if char == "{" else "]")
        elif char in "}]" and closers:
            closers.pop()
    tail = quote + ("null" if head.rstrip().endswith(":") and not quote else "")
    return head + tail + "".join(reversed(closers))


class Candidate(NamedTuple):
    label: str
    detail: str
    kind: str  # "name", "provider", "value" or "key"


def candidates(
    place: Where,
    schema: Obj,
    names: dict[str, str],
    providers: list[str],
    separator: str,
) -> list[Candidate]:
    """What may go at the cursor: ``names`` maps each route/alias name to a description."""
    path = list(place.path)
    spec = spec_at(schema, path)
    if place.on_key or isinstance(spec, Obj):
        if isinstance(spec, Obj):
            return [Candidate(key, field.doc or field.spec.doc, "key") for key, field in spec.fields.items()]
        return []
    last = path[-1] if path else None
    parent = path[-2] if len(path) > 1 else None
    alias_target = len(path) == 2 and path[0] == "aliases"
    default_route = path == ["rules", "default"]
    found: list[Candidate] = []
    if last == "route" or (parent == "fallbacks" and isinstance(last, int)) or alias_target or default_route:
        found += [Candidate(name, detail, "name") for name, detail in names.items()]
    if (last == "model" or alias_target) and separator not in place.word:
        found += [Candidate(f"{provider}{separator}", f"models served by {provider}", "provider") for provider in providers]
    if isinstance(spec, Str) and (spec.choices or spec.choice_docs):
        for choice in spec.choices or tuple(spec.choice_docs):
            found.append(Candidate(choice, spec.choice_docs.get(choice, spec.doc), "value"))
    return found
