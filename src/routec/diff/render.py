"""A diff as text, JSON, GitHub workflow commands or a Markdown pull-request comment.

Every format lists the changes in the diff's order (breaking first, then by
position) and is deterministic: the same two configs give the same bytes.

JSON (version 1)::

    {
      "version": 1,
      "old": {"file": "origin/main:routes.yaml", "dialect": "routec"},
      "new": {"file": "routes.yaml", "dialect": "routec"},
      "changes": [
        {"class": "breaking", "kind": "route-renamed", "name": "fast",
         "message": "route 'fast' was renamed to 'quick' ...",
         "file": "routes.yaml", "side": "new", "line": 7, "column": 3,
         "suggestion": "add `aliases: {fast: quick}` to keep clients that name 'fast' working"}
      ],
      "summary": {"breaking": 1, "behavioural": 0, "safe": 0}
    }

``side`` says which file ``file``, ``line`` and ``column`` point into:
``new`` for everything that exists in the new config, ``old`` for what was
removed. ``dialect`` is null for an old file that did not exist. ``kind`` is
one of the kinds in ``routec.diff.classify.KINDS``; ``suggestion`` is null
when there is none.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..report.github import escape_data, escape_property
from .model import CLASSES, Change, Class, DiffResult

FORMAT_VERSION = 1
GITHUB_COMMANDS = {Class.BREAKING: "error", Class.BEHAVIOURAL: "warning", Class.SAFE: "notice"}


def summary_line(result: DiffResult) -> str:
    if not result.changes:
        return f"No routing changes from {result.old.file} to {result.new.file}."
    counts = ", ".join(f"{result.count(cls)} {cls}" for cls in CLASSES)
    noun = "change" if len(result.changes) == 1 else "changes"
    return f"{len(result.changes)} {noun} from {result.old.file} to {result.new.file}: {counts}."


def render_text(result: DiffResult) -> str:
    lines = []
    for change in result.changes:
        where = change.where
        lines.append(f"{where.file}:{where.line}:{where.column}: [{change.cls}] {change.message}")
        if change.suggestion:
            lines.append(f"    help: {change.suggestion}")
    if lines:
        lines.append("")
    lines.append(summary_line(result))
    return "".join(line + "\n" for line in lines)


def change_json(change: Change) -> dict[str, Any]:
    return {
        "class": str(change.cls),
        "kind": change.kind,
        "name": change.name,
        "message": change.message,
        "file": change.where.file,
        "side": change.where.side,
        "line": change.where.line,
        "column": change.where.column,
        "suggestion": change.suggestion,
    }


def render_json(result: DiffResult) -> str:
    document = {
        "version": FORMAT_VERSION,
        "old": {"file": result.old.file, "dialect": result.old.dialect},
        "new": {"file": result.new.file, "dialect": result.new.dialect},
        "changes": [change_json(change) for change in result.changes],
        "summary": {str(cls): result.count(cls) for cls in CLASSES},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_github(result: DiffResult) -> str:
    """Annotations on the new file; a removal has no line there, so it annotates the file and names the old place."""
    lines = []
    for change in result.changes:
        where = change.where
        properties: dict[str, object] = {"file": result.new.file.replace("\\", "/")}
        text = change.message
        if where.side == "new":
            properties.update(line=where.line, col=where.column)
        else:
            text += f" (it was at {where.file}:{where.line}:{where.column})"
        properties["title"] = f"routec diff: {change.cls} ({change.kind})"
        if change.suggestion:
            text += f"\nhelp: {change.suggestion}"
        listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
        lines.append(f"::{GITHUB_COMMANDS[change.cls]} {listed}::{escape_data(text)}")
    return "".join(line + "\n" for line in lines)


def render_markdown(result: DiffResult) -> str:
    """A pull-request comment: the counts, a table of changes, and the changed part of the new graph."""
    counts = ", ".join(f"{result.count(cls)} {cls}" for cls in CLASSES)
    lines = [f"### routec diff: {counts if result.changes else 'no routing changes'}", ""]
    lines.append(f"`{result.old.file}` ({result.old.dialect or 'absent'}) → `{result.new.file}` ({result.new.dialect})")
    if not result.changes:
        return "\n".join(lines) + "\n"
    lines += ["", "| class | change | where |", "|---|---|---|"]
    for change in result.changes:
        text = _cell(change.message)
        if change.suggestion:
            text += f"<br>**help:** {_cell(change.suggestion)}"
        where = change.where
        place = f"`{_cell(where.file)}:{where.line}:{where.column}`" + (" (removed)" if where.side == "old" else "")
        lines.append(f"| **{change.cls}** | {text} | {place} |")
    lines += _graph(result)
    return "\n".join(lines) + "\n"


def _graph(result: DiffResult) -> list[str]:
    focus = {node for change in result.changes for node in change.nodes if _in_graph(result.table, node)}
    if not focus:
        return []
    heading = ["", "#### The changed part of the new routing", ""]
    drawn = _mermaid()
    if drawn is None:  # no graph emitter in this build: name the changed parts instead
        return heading + ["Changed: " + ", ".join(f"`{_cell(name)}`" for name in sorted(focus))]
    return heading + ["```mermaid", drawn(result.table, focus=focus).rstrip("\n"), "```"]


def _in_graph(table: dict[str, Any], name: str) -> bool:
    return name in table["routes"] or name in table["aliases"] or name in table["agents"]


def _mermaid() -> Callable[..., str] | None:
    try:
        from ..emit.graph import mermaid
    except ImportError:
        return None
    return mermaid


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: no pipe ends the cell, no `<` opens HTML.

    Inside `code spans` only the pipe needs escaping (GitHub's tables split on it first).
    """
    parts = text.replace("\n", " ").split("`")
    for index, part in enumerate(parts):
        if index % 2 == 0:
            part = part.replace("\\", "\\\\").replace("<", "&lt;")
        parts[index] = part.replace("|", "\\|")
    return "`".join(parts)


RENDERERS: dict[str, Callable[[DiffResult], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "markdown": render_markdown,
}
FORMATS = tuple(RENDERERS)
