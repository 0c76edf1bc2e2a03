"""The build pipeline: check, resolve, render each artifact.

Nothing is built from a config with errors. The result is text per artifact;
writing it (or comparing it with what is on disk) is the caller's choice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from .check import FileReport, check_bytes, paused_gc
from .diagnostics import Diagnostic, Severity
from .emit import RENDERERS, STUB_TARGETS, gateway_emitters, plan_constants
from .emit.names import Collision
from .resolve import Unresolvable, resolve
from .rules import Options
from .secrets import Secret
from .settings import FileSettings

if TYPE_CHECKING:
    from .emit.gateway import LeftOut


class BuildResult(NamedTuple):
    report: FileReport
    # target -> text; empty when the config has errors or names collide
    artifacts: dict[str, str]
    collisions: list[Collision]
    unresolvable: list[Unresolvable] = []
    # What a gateway target leaves out (RB0xx warnings, at their place in the source); the artifacts are built.
    left_out: list[Diagnostic] = []

    @property
    def ok(self) -> bool:
        return not self.has_errors and not self.collisions and not self.unresolvable

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.report.diagnostics) or bool(self.report.internal_errors)


def build(
    data: bytes,
    path: str,
    targets: tuple[str, ...],
    options: Options | None = None,
    dialect: str | None = None,
    settings: FileSettings | None = None,
) -> BuildResult:
    """Check the config as `routec check` would (``settings``: the project config's for this file), then build it."""
    with paused_gc():
        return _build(data, path, targets, options, dialect, settings)


def _build(
    data: bytes,
    path: str,
    targets: tuple[str, ...],
    options: Options | None,
    dialect: str | None,
    settings: FileSettings | None,
) -> BuildResult:
    report = check_bytes(data, path, options, dialect, settings=settings)
    empty = BuildResult(report, {}, [])
    if empty.has_errors or report.config is None:
        return empty
    stubs = plan_constants(report.config)
    if stubs.collisions and any(target in STUB_TARGETS for target in targets):
        return BuildResult(report, {}, stubs.collisions)
    try:
        table = resolve(report.config, _file_name(path), data)
    except Unresolvable as problem:
        return BuildResult(report, {}, [], [problem])
    if report.secrets:  # only where RC301 is silenced: a key pasted into a description or base URL
        table = _masked(table, report.secrets)
    artifacts: dict[str, str] = {}
    left_out: list[Diagnostic] = []
    for target in targets:
        if target in RENDERERS:
            artifacts[target] = RENDERERS[target](table, stubs)
            continue
        emitted = gateway_emitters()[target](table, report.config)
        artifacts[target] = emitted.text
        left_out += [_left_out(item, report) for item in emitted.left_out]
    return BuildResult(report, artifacts, [], [], left_out)


def _left_out(item: LeftOut, report: FileReport) -> Diagnostic:
    from .emit.gateway import CODES

    source = report.document.source
    return Diagnostic(item.code, CODES[item.code], Severity.WARNING, item.message, source, item.node.start, item.node.end)


def _masked(value: Any, secrets: list[Secret]) -> Any:
    """The table with every secret masked, so no artifact carries one (the table nests a few levels only).

    Any case: keywords reach the table lowercased.
    """
    if isinstance(value, str):
        for secret in secrets:
            if secret.value.lower() in value.lower():
                value = re.sub(re.escape(secret.value), secret.masked, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {_masked(key, secrets): _masked(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item, secrets) for item in value]
    return value


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
