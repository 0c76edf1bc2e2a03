"""The ``routec`` command: a thin shell over the check pipeline.

Exit codes: 0 no errors, 1 problems found (errors, or warnings with
``--strict``), 2 usage error, unreadable path or a routec bug.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import click

from . import __version__

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
CONFIG_SUFFIXES = (".json5", ".json", ".yaml", ".yml")
SKIPPED_DIRECTORIES = {"node_modules", "__pycache__", "venv", "site-packages"}
# An unreadable file found by directory search is checked if it mentions these.
_ROUTING_HINT = re.compile(r"""(?:^|[\s{,])["']?(?:routes|gateway)["']?\s*:|routec:""")


class UsageError(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"routec: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="routec")
def main() -> None:
    """routec: a compiler and linter for LLM routing configs.

    Checks Carapace and routec routing configs (JSON5 or YAML) for unknown
    routes, bare model names, alias and fallback cycles, secrets and more,
    reporting every problem with its position and a fix.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--output-format",
    type=click.Choice(["text", "concise", "json"]),
    default="text",
    show_default=True,
    help="How to print diagnostics.",
)
@click.option("--dialect", type=click.Choice(["routec", "carapace"]), help="Read every file as this dialect.")
@click.option("--env-check", is_flag=True, help="Also report ${VAR} references whose variable is unset (RC302).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour text output; auto means on a terminal unless NO_COLOR is set.",
)
@click.option("--stdin-filename", default="<stdin>", help="Name to report for input read from '-'.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    dialect: str | None,
    env_check: bool,
    strict: bool,
    color: str,
    stdin_filename: str,
) -> None:
    """Check routing configs: files, directories (searched for configs), or - for standard input."""
    from .check import FileReport, check_bytes
    from .diagnostics import Severity
    from .report import REPORTERS
    from .rules import Options

    options = Options(env_check=env_check, environ=dict(os.environ))
    reports: list[FileReport] = []
    for path, data in _inputs(paths or (".",), stdin_filename):
        reports.append(check_bytes(data, path, options, dialect))
    if not reports:
        click.echo(f"routec: warning: no routing configs found in {', '.join(paths or ('.',))}", err=True)
    colored = _use_color(color)
    click.echo(REPORTERS[output_format](reports, colored), nl=False, color=colored)
    internal = [error for report in reports for error in report.internal_errors]
    for error in internal:
        click.echo(f"routec: internal error: rule {error.rule} failed on {error.path}; this is a bug in routec", err=True)
        if os.environ.get("ROUTEC_DEBUG"):
            click.echo(error.detail, err=True)
    if internal:
        sys.exit(EXIT_ERROR)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    found = any(d.severity in failing for report in reports for d in report.diagnostics)
    sys.exit(EXIT_PROBLEMS if found else EXIT_CLEAN)


def _inputs(paths: tuple[str, ...], stdin_filename: str) -> Iterator[tuple[str, bytes]]:
    """(name shown, bytes) for each file to check; directories are searched."""
    for path in paths:
        if path == "-":
            yield stdin_filename, sys.stdin.buffer.read()
            continue
        target = Path(path)
        if target.is_dir():
            for found in _search(target):
                data = _read(found)
                if _is_routing_config(str(found), data):
                    yield str(found), data
        elif target.exists():
            yield path, _read(target)
        else:
            raise UsageError(f"no such file or directory: {path}")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None


def _search(directory: Path) -> Iterator[Path]:
    for root, directories, files in os.walk(directory):
        directories[:] = sorted(d for d in directories if not d.startswith(".") and d not in SKIPPED_DIRECTORIES)
        for name in sorted(files):
            if name.endswith(CONFIG_SUFFIXES):
                yield Path(root) / name


def _is_routing_config(path: str, data: bytes) -> bool:
    """Whether a file found by directory search is a routing config routec can check."""
    from . import dialects
    from .syntax import load

    document = load(path, data)
    if document.readable:
        return dialects.detect(document).recognised
    return bool(_ROUTING_HINT.search(document.source.text))


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@main.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
def rule(code: str | None, show_all: bool) -> None:
    """Explain a rule: `routec rule RC101` (or its name, `routec rule unknown-route`)."""
    from .rules import BY_CODE, RULES
    from .suggest import suggest

    if show_all or code is None:
        for known in RULES:
            click.echo(f"{known.code}  {known.name:<26} {known.severity!s:<8} {known.summary}")
        return
    wanted = code.upper() if re.fullmatch(r"(?i)rc\d+", code) else code
    found = BY_CODE.get(wanted) or next((r for r in RULES if r.name == code), None)
    if found is None:
        hint = suggest(code, [r.code for r in RULES] + [r.name for r in RULES], 1)
        extra = f"; did you mean '{hint[0]}'?" if hint else "; `routec rule --all` lists them"
        raise UsageError(f"no rule '{code}'{extra}")
    click.echo(f"# {found.code} {found.name} ({found.severity})\n\n{found.summary}\n\n{found.doc()}")


def run() -> None:
    """Entry point: turns any crash into a short message and exit 2, never a traceback."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # a bug: say so briefly; ROUTEC_DEBUG=1 shows the traceback
        click.echo(f"routec: internal error: {type(error).__name__}: {error}; this is a bug in routec", err=True)
        if os.environ.get("ROUTEC_DEBUG"):
            traceback.print_exc()
        sys.exit(EXIT_ERROR)
