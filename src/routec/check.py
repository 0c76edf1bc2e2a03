"""The check pipeline, shared by the CLI and the language server.

bytes or text -> Document (syntax) -> Config (dialect front-end) -> rules ->
diagnostics, sorted and with every secret masked.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from . import dialects
from .diagnostics import Applicability, Diagnostic, Fix, Related, clip
from .ir import Config, string_scalars
from . import suppress
from .rules import BY_CODE, RULES, Context, Options, Rule
from .settings import FileSettings
from .secrets import Secret, find_in_text, find_secrets, scrub
from .syntax import Document, Source, detect_format, load, parse


class InternalError(NamedTuple):
    """A rule that crashed: reported as a routec bug, never as the user's."""

    rule: str
    path: str
    detail: str


class FileReport:
    """Everything routec found in one file."""

    __slots__ = ("document", "config", "diagnostics", "secrets", "internal_errors")

    def __init__(self, document: Document, config: Config | None, secrets: list[Secret]) -> None:
        self.document = document
        self.config = config
        self.diagnostics: list[Diagnostic] = []
        self.secrets = secrets
        self.internal_errors: list[InternalError] = []

    @property
    def path(self) -> str:
        return self.document.source.path


def check_document(
    document: Document,
    options: Options | None = None,
    dialect: str | None = None,
    settings: FileSettings | None = None,
) -> FileReport:
    """Check one document. ``dialect`` is an override (--dialect); ``settings`` come from the project config."""
    settings = settings or FileSettings()
    options = options or Options()
    if settings.env_check and not options.env_check:
        options = Options(env_check=True, environ=options.environ)
    with paused_gc():
        return _check(document, options, dialect, settings)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Parsing and checking build many objects and free few: the cyclic collector
    would only slow them down, more the larger the file (each full collection
    walks everything built so far). Nested uses are fine."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            # Everything built is in the youngest generation: the next young collections would walk all of it,
            # a cost that grows faster than the file. Move it to the oldest one instead (unfreeze puts frozen
            # objects there), where only a full collection looks, as it would at last anyway.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _check(document: Document, options: Options, dialect: str | None, settings: FileSettings) -> FileReport:
    config = dialects.lower(document, dialect, settings.dialect) if document.readable else None
    strings = list(string_scalars(document)) if document.readable else []
    # A file that does not parse still has its provider keys masked in code frames.
    secrets = find_secrets(document, config, strings) if document.readable else find_in_text(document.source.text)
    context = Context(document, config, options, secrets, strings)
    report = FileReport(document, config, secrets)
    for rule in RULES:
        if (rule.needs_config and config is None) or not settings.rules.enabled(rule.code):
            continue
        if rule.dialects and (config is None or config.dialect not in rule.dialects):
            continue
        _run(rule, context, report)
    _suppress(report, context, settings)
    for diagnostic in report.diagnostics:
        diagnostic.severity = settings.rules.severity_of(diagnostic.code, diagnostic.severity)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def _suppress(report: FileReport, context: Context, settings: FileSettings) -> None:
    """Apply inline suppressions, then report the ones that silence nothing (RC900) or everything (RC901)."""
    if not context.document.readable:
        return  # no rule ran, so every suppression would look unused, and --fix would remove them
    found = suppress.in_force(context.document)
    if not found:
        return
    outcome = suppress.apply(report.diagnostics, found)
    report.diagnostics = outcome.kept
    extra: list[Diagnostic] = []
    unused, blanket = BY_CODE["RC900"], BY_CODE["RC901"]
    for suppression in found:
        used_codes = [d.code for d in outcome.silenced.get(suppression.start, [])]
        if suppression.misplaced:
            if settings.rules.enabled("RC900"):
                extra.append(unused.misplaced(context, suppression.start, suppression.end))  # type: ignore[attr-defined]
            continue
        if suppression.codes is None:
            if settings.rules.enabled("RC901"):
                extra.append(
                    blanket.blanket(context, suppression.start, suppression.end, used_codes, suppression.whole_file)  # type: ignore[attr-defined]
                )
            continue
        if not settings.rules.enabled("RC900"):
            continue
        pending = [
            (code, span)
            for code, span in zip(suppression.codes, suppression.code_spans)
            if code not in used_codes and (code not in BY_CODE or settings.rules.enabled(code))
        ]
        # Every code unused (or none written): one report for the whole comment, unless its one code
        # is not a rule code (that says more).
        if len(pending) == len(suppression.codes) and (len(pending) != 1 or pending[0][0] in BY_CODE):
            message = "suppression silences nothing on this line" if not suppression.whole_file else "file-wide suppression silences nothing"
            whole = unused.unused_comment(context, suppression.start, suppression.end, message, suppression.codes)  # type: ignore[attr-defined]
            extra.append(whole)
        else:
            comment = (suppression.start, suppression.end) if len(suppression.codes) == 1 else None
            live = suppress.reachable(suppression, outcome.kept)  # a misspelt code is corrected only to one of these
            extra += [unused.unused_code(context, start, end, code, comment, live) for code, (start, end) in pending]  # type: ignore[attr-defined]
    report.diagnostics += extra


def _run(rule: Rule, context: Context, report: FileReport) -> None:
    try:
        found = [_masked(diagnostic, context.secrets) for diagnostic in rule.check(context)]
        report.diagnostics.extend(found)
    except Exception:  # a bug in routec must not hide the other rules' findings
        import traceback

        detail = traceback.format_exc(limit=-3)
        report.internal_errors.append(InternalError(rule.code, report.path, detail))


def _masked(diagnostic: Diagnostic, secrets: list[Secret]) -> Diagnostic:
    """Messages without secrets and without megabyte-long quoted values; no edit that would print a secret."""
    diagnostic.message = clip(scrub(diagnostic.message, secrets))
    if diagnostic.related:
        diagnostic.related = tuple(Related(r.start, r.end, scrub(r.message, secrets)) for r in diagnostic.related)
    if diagnostic.fix is not None:
        fix = diagnostic.fix
        edits, applicability = fix.edits, fix.applicability
        if secrets and any(secret.value in edit.content for edit in edits for secret in secrets):
            # JSON, SARIF and the editor show edits: a fix that rewrites a secret stays advice.
            edits, applicability = (), Applicability.DISPLAY
        diagnostic.fix = Fix(clip(scrub(fix.message, secrets)), edits, applicability)
    return diagnostic


def check_text(
    text: str,
    path: str,
    options: Options | None = None,
    dialect: str | None = None,
    fmt: str | None = None,
    settings: FileSettings | None = None,
) -> FileReport:
    """Check text already in memory (an editor buffer, standard input)."""
    source = Source(path, text.removeprefix("\ufeff"))
    with paused_gc():
        document = parse(source, fmt or detect_format(path, text))
        return check_document(document, options, dialect, settings)


def check_bytes(
    data: bytes,
    path: str,
    options: Options | None = None,
    dialect: str | None = None,
    fmt: str | None = None,
    settings: FileSettings | None = None,
) -> FileReport:
    with paused_gc():
        return check_document(load(path, data, fmt), options, dialect, settings)
