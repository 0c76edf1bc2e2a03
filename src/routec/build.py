"""The build pipeline: check, resolve, render each artifact.

Nothing is built from a config with errors. The result is text per artifact;
writing it (or comparing it with what is on disk) is the caller's choice.
"""

from __future__ import annotations

from typing import NamedTuple

from .check import FileReport, check_bytes
from .diagnostics import Severity
from .emit import RENDERERS, plan_constants
from .emit.names import Collision
from .resolve import Unresolvable, resolve
from .rules import Options


class BuildResult(NamedTuple):
    report: FileReport
    # target -> text; empty when the config has errors or names collide
    artifacts: dict[str, str]
    collisions: list[Collision]
    unresolvable: list[Unresolvable] = []

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
) -> BuildResult:
    report = check_bytes(data, path, options, dialect)
    empty = BuildResult(report, {}, [])
    if empty.has_errors or report.config is None:
        return empty
    stubs = plan_constants(report.config)
    if stubs.collisions and any(target != "table" for target in targets):
        return BuildResult(report, {}, stubs.collisions)
    try:
        table = resolve(report.config, _file_name(path), data)
    except Unresolvable as problem:
        return BuildResult(report, {}, [], [problem])
    return BuildResult(report, {target: RENDERERS[target](table, stubs) for target in targets}, [])


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
