"""The ``routec`` command: a thin shell over the check pipeline.

Exit codes: 0 no errors, 1 problems found (errors, or warnings with
``--strict``), 2 usage error, unreadable path or a routec bug.

Built on argparse rather than click: routec runs on every commit and every
CI job, and click's import alone (about 25 ms: it pulls in inspect, uuid and
datetime) would make a cold ``routec check`` slower than yamllint on the same
file. Everything a command needs is imported inside that command.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from . import __version__
from .report import FORMATS as OUTPUT_FORMATS

if TYPE_CHECKING:
    from .build import BuildResult
    from .emit.names import Collision
    from .settings import Finder
    from .syntax import Source

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
CONFIG_SUFFIXES = (".json5", ".json", ".yaml", ".yml")
SKIPPED_DIRECTORIES = {"node_modules", "__pycache__", "venv", "site-packages"}
# The same names as routec.dialects.DIALECTS (a test keeps them equal), without importing them for --help.
DIALECT_NAMES = ("routec", "carapace", "plano", "litellm", "tokenpak", "multiroute")
# routec.emit.TARGETS (a test keeps them equal).
BUILD_TARGETS = ("table", "python", "typescript", "litellm", "plano")
# How standard input (-) is named in every message and output, by every command.
STDIN_NAME = "<stdin>"


class UsageError(Exception):
    """Bad arguments or an unreadable path: exit 2 with one line on stderr."""


class _Formatter(argparse.HelpFormatter):
    """argparse's own, told the terminal width: finding it itself imports shutil (with zlib, bz2 and lzma),
    3 ms of every cold `routec check`, since argparse builds a formatter for each argument it adds."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """As shutil.get_terminal_size: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``command`` only that command's part: building all ten costs a cold
    `routec check` about 4 ms. Usage errors and `routec --help` use the whole one."""
    parser = _Parser(
        prog="routec",
        description=(
            "A compiler and linter for LLM routing configs: routec's own format and the configs of "
            "Carapace, Plano, LiteLLM, TokenPak and MultiRoute, in JSON5 or YAML."
        ),
        epilog="Run `routec COMMAND --help` for a command's options.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"routec {__version__}")
    # Each command's parser is a _Parser too (add_subparsers makes its parser's class), typed as argparse's.
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", required=True),
    )
    for name, add in COMMANDS.items():
        if command is None or name == command:
            add(commands)
    return parser


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="check routing configs and report every problem",
        description=(
            "Check routing configs: files, directories (searched for .yaml, .yml, .json5 and .json "
            "routing configs), or - for standard input. Exit 0 when no errors are found, 1 when "
            "some are, 2 on a usage error."
        ),
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    check.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        help="how to print diagnostics (default: text; github when GITHUB_ACTIONS=true)",
    )
    check.add_argument(
        "--output-file",
        metavar="PATH",
        help="write the report to PATH; the terminal still gets a one-line summary",
    )
    check.add_argument("--dialect", choices=DIALECT_NAMES, help="read every file as this dialect instead of detecting it")
    check.add_argument("--env-check", action="store_true", help="also report ${VAR} references whose variable is unset (RC302)")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output; auto means on a terminal unless NO_COLOR is set (default: auto)",
    )
    check.add_argument("--stdin-filename", default=STDIN_NAME, help="name to report for input read from -")
    check.add_argument(
        "--skip-unrecognized",
        action="store_true",
        help="skip named files that are not routing configs, as directory search does (for pre-commit)",
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="apply safe fixes in place (keeping everything else byte for byte), then report what remains",
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply fixes that guess (did-you-mean); alone, implies --fix",
    )
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and write nothing")
    check.set_defaults(run=run_check)


def _add_build(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser(
        "build",
        help="build a resolved routing table, typed Python and TypeScript clients, or gateway configs",
        description=(
            "Build a config that checks clean into a resolved routing table (routing_table.json) and "
            "client stubs (routes.py, routes.ts) in which a wrong route name is a type error, or, with "
            "--target litellm or plano, into a LiteLLM or Plano gateway config (what the gateway cannot "
            "express is reported as a warning and listed in the file). A config with errors is not built: "
            "its diagnostics are printed and routec exits 1. Unchanged files are not rewritten; each "
            "changed file is replaced atomically."
        ),
    )
    build.add_argument("config", metavar="CONFIG", help="the routing config to build")
    build.add_argument("--out", required=True, metavar="DIR", help="directory for the artifacts (created if missing)")
    build.add_argument(
        "--target",
        action="append",
        choices=BUILD_TARGETS,
        help="what to build; repeat for several (default: table, python and typescript)",
    )
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if any artifact on disk is stale")
    build.add_argument("--table-name", default="routing_table.json", metavar="NAME", help="file name of the table")
    build.add_argument("--python-name", default="routes.py", metavar="NAME", help="file name of the Python stub")
    build.add_argument("--typescript-name", default="routes.ts", metavar="NAME", help="file name of the TypeScript stub")
    build.add_argument("--litellm-name", default="litellm_config.yaml", metavar="NAME", help="file name of the LiteLLM config")
    build.add_argument("--plano-name", default="plano_config.yaml", metavar="NAME", help="file name of the Plano config")
    build.add_argument(
        "--strict", action="store_true", help="exit 1 and write nothing when a gateway target leaves something out"
    )
    build.add_argument("--dialect", choices=DIALECT_NAMES, help="read the config as this dialect instead of detecting it")
    build.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour diagnostics (default: auto)")
    build.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    from .build import build
    from .write import OutputError, current, output_path, write_if_changed
    from .report import reporter

    targets = tuple(dict.fromkeys(args.target or ("table", "python", "typescript")))
    names = {
        "table": args.table_name,
        "python": args.python_name,
        "typescript": args.typescript_name,
        "litellm": args.litellm_name,
        "plano": args.plano_name,
    }
    name, data = _one_input(args.config, "build")
    result = build(data, name, targets, _environment(), args.dialect, _settings_for(args.config))
    if not result.ok:
        if result.has_errors:
            sys.stdout.write(reporter("text")([result.report], _use_color(args.color)))
        for collision in result.collisions:
            print(_collision_message(result.report.document.source, collision), file=sys.stderr)
        source = result.report.document.source
        for problem in result.unresolvable:
            where = source.position(problem.node.start)
            print(f"routec: build error: {source.path}:{where.line}:{where.column}: {problem.message}", file=sys.stderr)
        return EXIT_PROBLEMS
    if result.left_out:
        _print_left_out(result, args.color)
        if args.strict:
            return EXIT_PROBLEMS
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        raise UsageError(f"--out {args.out} is a file; it names the directory the artifacts go in")
    try:
        if not args.check:
            os.makedirs(args.out, exist_ok=True)
        paths = {target: output_path(args.out, names[target]) for target in targets}
    except (OutputError, OSError) as error:
        raise UsageError(str(error)) from None
    if args.check:
        stale = [paths[t] for t in targets if current(paths[t]) != result.artifacts[t].encode("utf-8")]
        for path in stale:
            print(f"stale: {path}" + ("" if os.path.exists(path) else " (missing)"))
        if not stale:
            print(f"up to date: {', '.join(paths[t] for t in targets)}")
        return EXIT_PROBLEMS if stale else EXIT_CLEAN
    for target in targets:
        written = write_if_changed(paths[target], result.artifacts[target].encode("utf-8"))
        print(f"{'wrote' if written else 'unchanged'}: {paths[target]}")
    return EXIT_CLEAN


def _print_left_out(result: BuildResult, color: str) -> None:
    """What a gateway target leaves out: warnings with code frames, as `check` prints them."""
    from .check import FileReport
    from .report import reporter

    shown = FileReport(result.report.document, result.report.config, result.report.secrets)
    shown.diagnostics = result.left_out
    sys.stdout.write(reporter("text")([shown], _use_color(color)))


def _collision_message(source: Source, collision: Collision) -> str:
    (first, first_key), (second, second_key) = collision.first, collision.second
    where = source.position(second_key.start)
    earlier = source.position(first_key.start)
    return (
        f"routec: build error: {source.path}:{where.line}:{where.column}: '{second}' and '{first}' "
        f"(line {earlier.line}) would both become the constant {collision.identifier} in the generated stubs; "
        "rename one"
    )


def _add_rule(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rule = commands.add_parser(
        "rule",
        help="explain a rule",
        description="Explain a rule: `routec rule RC101` or `routec rule unknown-route`; `--all` lists every rule.",
    )
    rule.add_argument("code", nargs="?", help="a rule code or name")
    rule.add_argument("--all", dest="show_all", action="store_true", help="list every rule")
    rule.set_defaults(run=run_rule)


def run_check(args: argparse.Namespace) -> int:
    from .check import FileReport, check_bytes
    from .diagnostics import Severity
    from .report import reporter
    from .rules import Options

    from .settings import ConfigError, Finder

    options = Options(env_check=args.env_check, environ=dict(os.environ))
    paths = tuple(args.paths) or (".",)
    reports: list[FileReport] = []
    finder = Finder()
    fixing = args.fix or args.diff or args.unsafe_fixes
    _stdin_once(*paths)
    if args.stdin_filename != STDIN_NAME and "-" not in paths:
        raise UsageError("--stdin-filename names standard input: give - as a path too")
    if fixing and "-" in paths and not args.diff:
        raise UsageError("--fix cannot write back to standard input; use --diff to see the fixes")
    diffs: list[str] = []
    fixed_count = 0
    for path, data in _inputs(paths, args.stdin_filename, finder, args.skip_unrecognized):
        try:
            settings = finder.for_file(None if path == args.stdin_filename and "-" in paths else path)
        except ConfigError as error:
            raise UsageError(f"invalid configuration: {error}") from None
        if not fixing:
            reports.append(check_bytes(data, path, options, args.dialect, settings=settings))
            continue
        from .fix import fix_bytes, unified_diff  # only when fixing: a plain check starts faster without them
        from .write import write_if_changed

        result = fix_bytes(data, path, args.unsafe_fixes, options, args.dialect, settings)
        reports.append(result.report)
        fixed_count += result.applied
        if result.fixed != data:
            if args.diff:
                diffs.append(unified_diff(path, data, result.fixed, result.secrets))
            else:
                write_if_changed(path, result.fixed)
    if args.diff:
        sys.stdout.write("".join(diffs))
        return EXIT_PROBLEMS if diffs else EXIT_CLEAN
    if not reports:
        print(f"routec: warning: no routing configs found in {', '.join(paths)}", file=sys.stderr)
    output_format = args.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if output_format not in OUTPUT_FORMATS:
        output_format = "text"
    rendered = reporter(output_format, args.strict)(reports, _use_color(args.color) and args.output_file is None)
    if args.output_file is None:
        sys.stdout.write(rendered)
    else:
        _write_report(args.output_file, rendered)
        from .report.text import summary_line

        print(summary_line(reports))
    if fixing and fixed_count:
        print(f"Fixed {fixed_count} problem{'' if fixed_count == 1 else 's'}.", file=sys.stderr)
    internal = [crash for report in reports for crash in report.internal_errors]
    for crash in internal:
        print(f"routec: internal error: rule {crash.rule} failed on {crash.path}; this is a bug in routec", file=sys.stderr)
        if os.environ.get("ROUTEC_DEBUG"):
            print(crash.detail, file=sys.stderr)
    if internal:
        return EXIT_ERROR
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    found = any(d.severity in failing for report in reports for d in report.diagnostics)
    return EXIT_PROBLEMS if found else EXIT_CLEAN


def _write_report(path: str, content: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", errors="backslashreplace") as file:
            file.write(content)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _inputs(
    paths: tuple[str, ...], stdin_filename: str, finder: Finder | None = None, skip_unrecognized: bool = False
) -> Iterator[tuple[str, bytes]]:
    """(name shown, bytes) for each file to check, once however often it is named; directories are searched."""
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            yield stdin_filename, sys.stdin.buffer.read()
        elif os.path.isdir(path):
            for found in _search(path):
                if os.path.realpath(found) in seen:
                    continue
                data = _read(found)
                if _is_routing_config(found, data, finder):
                    seen.add(os.path.realpath(found))
                    yield found, data
        elif os.path.exists(path):
            if os.path.realpath(path) in seen:
                continue
            seen.add(os.path.realpath(path))
            data = _read(path)
            if not skip_unrecognized or _is_routing_config(path, data, finder):
                yield path, data
        else:
            raise UsageError(f"no such file or directory: {path}")


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None


def _one_input(path: str, command: str, takes: str = "takes one config file") -> tuple[str, bytes]:
    """(name shown, bytes) of the one file a command reads. A directory holds many configs, and
    taking the first found would build or route some file the user did not name: it is refused."""
    if os.path.isdir(path):
        raise UsageError(f"{path} is a directory; routec {command} {takes} (`routec check` takes directories)")
    return next(_inputs((path,), STDIN_NAME))


def _stdin_once(*paths: str) -> None:
    """Standard input can be read once: a second - would read nothing."""
    if paths.count("-") > 1:
        raise UsageError("only one input can be standard input (-)")


def _search(directory: str) -> Iterator[str]:
    for root, directories, files in os.walk(directory):
        directories[:] = sorted(d for d in directories if not d.startswith(".") and d not in SKIPPED_DIRECTORIES)
        for name in sorted(files):
            if name.endswith(CONFIG_SUFFIXES):
                yield os.path.join(root, name)


def _is_routing_config(path: str, data: bytes, finder: Finder | None) -> bool:
    """Whether a file found by directory search is a routing config routec can check."""
    from . import dialects
    from .settings import ConfigError
    from .syntax import load

    try:
        default = finder.for_file(path).dialect if finder is not None else None
    except ConfigError as error:
        raise UsageError(f"invalid configuration: {error}") from None
    document = load(path, data)
    return dialects.detect(document, None, default).recognised or dialects.nearly_recognised(document)


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def run_rule(args: argparse.Namespace) -> int:
    from .rules import BY_CODE, RULES
    from .suggest import suggest

    if args.show_all and args.code is not None:
        raise UsageError(f"--all lists every rule; give either --all or a rule ({args.code}), not both")
    if args.show_all or args.code is None:
        for known in RULES:
            print(f"{known.code}  {known.name:<26} {known.severity!s:<8} {known.summary}")
        return EXIT_CLEAN
    code = args.code
    wanted = code.upper() if re.fullmatch(r"(?i)rc\d+", code) else code
    found = BY_CODE.get(wanted) or next((r for r in RULES if r.name == code), None)
    if found is None:
        hint = suggest(code, [r.code for r in RULES] + [r.name for r in RULES], 1)
        extra = f"; did you mean '{hint[0]}'?" if hint else "; `routec rule --all` lists them"
        raise UsageError(f"no rule '{code}'{extra}")
    print(f"# {found.code} {found.name} ({found.severity})\n\n{found.summary}\n\n{found.doc()}")
    return EXIT_CLEAN


def _add_convert(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    convert = commands.add_parser(
        "convert",
        help="rewrite a gateway's config in routec's own format",
        description=(
            "Convert a config of any dialect to routec's own format: routes, aliases, fallbacks, agents and "
            "providers carry over; everything else is listed, with its line, in a comment at the top."
        ),
    )
    convert.add_argument("config", metavar="CONFIG", help="the config to convert")
    convert.add_argument("--to", choices=("routec",), default="routec", help="the format to write (default: routec)")
    convert.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of standard output")
    convert.add_argument("--dialect", choices=DIALECT_NAMES, help="read the config as this dialect instead of detecting it")
    convert.set_defaults(run=run_convert)


def run_convert(args: argparse.Namespace) -> int:
    from .diagnostics import Severity
    from .emit.convert import convert
    from .report import reporter

    name, data = _one_input(args.config, "convert")
    report = _check_config_file(name, data, args.config, args.dialect)
    if report.config is None or not report.config.lowered:
        sys.stdout.write(reporter("text")([report], _use_color("auto")))
        return EXIT_PROBLEMS
    result = convert(report.config)
    if args.output:
        _write_report(args.output, result.text)
    else:
        sys.stdout.write(result.text)
    errors = sum(1 for d in report.diagnostics if d.severity is Severity.ERROR)
    if errors:
        print(f"routec: note: {name} has {errors} error(s); `routec check` it before relying on the conversion", file=sys.stderr)
    if result.dropped:
        print(f"routec: {len(result.dropped)} setting(s) not carried over; they are listed at the top of the result", file=sys.stderr)
    return EXIT_CLEAN


def _add_route(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    route = commands.add_parser(
        "route",
        help="show which route a request's text goes to, and why",
        description="Show which rule matches a request, why (the keyword or match and where), the route, its model and failover chain.",
    )
    route.add_argument("config", metavar="CONFIG", help="a routing config with rules (routec's `rules`, TokenPak's keyword routes)")
    route.add_argument("text", metavar="TEXT", help="the request text")
    route.add_argument("--intent", help="the intent label a classifier gave the request")
    route.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: route, model, rule, matched (kind, text, character: from 1, as the text output counts), "
        "chain, path, reason (rule, default, no match or no rules)",
    )
    route.add_argument("--dialect", choices=DIALECT_NAMES, help="read the config as this dialect instead of detecting it")
    route.set_defaults(run=run_route)


def _checked_config(path: str, dialect: str | None, command: str, takes: str = "takes one config file") -> Any:
    """A config that checks without errors, or the diagnostics and exit 1 (as build does)."""
    from .diagnostics import Severity
    from .report import reporter

    name, data = _one_input(path, command, takes)
    report = _check_config_file(name, data, path, dialect)
    if report.config is None or any(d.severity is Severity.ERROR for d in report.diagnostics):
        sys.stdout.write(reporter("text")([report], _use_color("auto")))
        raise SystemExit(EXIT_PROBLEMS)
    return report.config


def _masker(config: Any) -> Any:
    """Models come from the config as written: where RC301 is silenced, a key pasted into one is printed masked."""
    from .secrets import find_secrets, scrub

    secrets = find_secrets(config.document, config)
    return lambda text: scrub(text, secrets)


def run_route(args: argparse.Namespace) -> int:
    import json

    from .routing import route_request

    config = _checked_config(args.config, args.dialect, "route")
    masked = _masker(config)
    routed = route_request(config, args.text, args.intent)
    if args.json:
        print(masked(json.dumps(_route_document(config, routed), ensure_ascii=False)))
        return EXIT_CLEAN
    for line in describe_routing(config, routed):
        print(masked(line))
    return EXIT_CLEAN


def _route_document(config: Any, routed: Any) -> dict[str, Any]:
    """`routec route --json`. `character` counts as the text output does: code points from 1."""
    found = routed.selection.match
    matched = None
    if found is not None:
        character = None if found.position < 0 else found.position + 1  # an intent is not in the text
        matched = {"kind": found.rule.kind, "text": found.matched, "character": character}
    return {
        "route": routed.route or routed.name,
        "model": routed.model,
        "rule": found.rule.name if found else None,
        "matched": matched,
        "chain": routed.chain,
        "path": routed.path,
        "reason": _reason(config, routed),
    }


def _reason(config: Any, routed: Any) -> str:
    """Why the request goes where it goes: a rule, the default route, no rule matched, no rules at all."""
    if routed.selection.match is not None:
        return "rule"
    if routed.name is not None:
        return "default"
    return "no match" if config.matchers else "no rules"


def describe_routing(config: Any, routed: Any) -> list[str]:
    found = routed.selection.match
    if routed.name is None:
        if config.matchers:
            return ["no rule matches and there is no default route", _without_rules(config)]
        path = config.document.source.path
        if config.rules_off is not None:
            line = config.document.source.position(config.rules_off.start).line
            why = f"routing is turned off at {path}:{line} (enabled: false)"
            return [f"no rules: {why}, so a request's text does not pick its route", _without_rules(config)]
        return [f"no rules: {path} has no rules, so a request's text does not pick its route", _without_rules(config)]
    if found is None:
        why = "no rule matches: the default route"
    elif found.rule.kind == "intent":
        why = f"rule '{found.rule.name}' (intent '{found.matched}')"
    else:
        what = "keyword" if found.rule.kind == "keyword" else "regex match"
        why = f"rule '{found.rule.name}' ({what} '{found.matched}' at character {found.position + 1}, priority {found.rule.priority})"
    lines = [f"route: {routed.route or routed.name}  <- {why}"]
    if len(routed.path) > 1:
        lines.append(f"via:   {' -> '.join(routed.path)}")
    lines.append(f"model: {routed.model}")
    if len(routed.chain) > 1:
        lines.append(f"chain: {' -> '.join(routed.chain)}")
    others = routed.selection.matches[1:]
    if others:
        lines.append("also matched: " + ", ".join(f"'{m.rule.name}' (priority {m.rule.priority}, '{m.matched}')" for m in others))
    return lines


def _without_rules(config: Any) -> str:
    """Where a request goes when the rules give it no route: where its agent, or the defaults, send it (as explain says)."""
    defaults = config.defaults
    lead = "a request goes where its agent sends it; "
    if defaults is not None and defaults.route is not None:
        return lead + f"agents without a route or model of their own use the defaults: route '{defaults.route.value}'"
    if defaults is not None and defaults.model is not None:
        return lead + f"agents without a route or model of their own use the defaults: model {defaults.model.value}"
    return lead + "there are no defaults: the gateway's own default applies"


def _add_explain(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    explain = commands.add_parser(
        "explain",
        help="trace an agent, alias or route to its final model, step by step",
        description="Trace an agent, alias or route to the model it ends up using, step by step, with its failover chain.",
    )
    explain.add_argument("config", metavar="CONFIG", help="the routing config")
    explain.add_argument("name", metavar="NAME", help="an agent id, an alias or a route")
    explain.add_argument("--dialect", choices=DIALECT_NAMES, help="read the config as this dialect instead of detecting it")
    explain.set_defaults(run=run_explain)


def run_explain(args: argparse.Namespace) -> int:
    from .explain import explain, names
    from .suggest import suggest

    config = _checked_config(args.config, args.dialect, "explain")
    lines = explain(config, args.name)
    if lines is None:
        hint = suggest(args.name, names(config), 1)
        raise UsageError(f"no agent, alias or route named '{args.name}'" + (f"; did you mean '{hint[0]}'?" if hint else ""))
    print(_masker(config)("\n".join(lines)))
    return EXIT_CLEAN


def _add_test(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    test = commands.add_parser(
        "test",
        help="check that requests route where a cases file says they must",
        description=(
            "Run a cases file (YAML or JSON5: a list of {input, expect_route, expect_model?, intent?}) against "
            "the config's rules. Exit 1 if any case routes elsewhere, with the explanation."
        ),
    )
    test.add_argument("config", metavar="CONFIG", help="the routing config")
    test.add_argument("cases", metavar="CASES", help="the cases file")
    test.add_argument("--dialect", choices=DIALECT_NAMES, help="read the config as this dialect instead of detecting it")
    test.set_defaults(run=run_test)


def run_test(args: argparse.Namespace) -> int:
    from .cases import CaseError, read_cases, run

    _stdin_once(args.config, args.cases)
    takes = "takes one config file and one cases file"
    config = _checked_config(args.config, args.dialect, "test", takes)
    name, data = _one_input(args.cases, "test", takes)
    try:
        cases = read_cases(name, data)
    except CaseError as error:
        raise UsageError(f"invalid cases file: {error}") from None
    outcomes = run(config, cases)
    masked = _masker(config)
    failed = [outcome for outcome in outcomes if not outcome.passed]
    for outcome in failed:
        case = outcome.case
        undefined = _undefined_route(config, case.expect_route)
        if undefined is not None:
            print(masked(f"FAIL {name}:{case.line}: {undefined}"))
            continue
        expected = f"route '{case.expect_route}'" if case.expect_route else "no route"
        if case.expect_model:
            expected += f" with model {case.expect_model}"
        print(masked(f"FAIL {name}:{case.line}: {case.input!r} should reach {expected}"))
        print(masked("\n".join("     " + line for line in describe_routing(config, outcome.routed))))
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} cases passed" + (f", {len(failed)} failed." if failed else "."))
    return EXIT_PROBLEMS if failed else EXIT_CLEAN


def _undefined_route(config: Any, expected: str | None) -> str | None:
    """Why a case cannot pass when it expects a route or alias the config does not define (a typo, or a
    route renamed or removed), rather than reporting it as a request that went elsewhere."""
    from .suggest import suggest

    defined = [*config.routes, *config.aliases]
    if expected is None or expected in defined:
        return None
    hint = suggest(expected, defined, 1)
    return f"expects route '{expected}', which the config does not define" + (f"; did you mean '{hint[0]}'?" if hint else "")


def _add_graph(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    graph = commands.add_parser(
        "graph",
        help="draw the routing graph as Mermaid, Graphviz DOT or SVG",
        description=(
            "Draw the resolved routing graph: agents and the defaults, rules and preferences, aliases, routes "
            "and models, with numbered fallbacks and degradations. Cycles are red, routes nothing leads to "
            "dashed. A config with errors is still drawn (so a cycle can be seen); its diagnostics go to "
            "standard error and routec exits 1."
        ),
    )
    graph.add_argument("config", metavar="CONFIG", help="the routing config to draw")
    graph.add_argument(
        "--format",
        choices=("mermaid", "dot", "svg"),
        default="mermaid",
        help="mermaid (renders in GitHub markdown), dot (Graphviz), or svg (runs Graphviz's `dot`) (default: mermaid)",
    )
    graph.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of standard output")
    graph.add_argument("--dialect", choices=DIALECT_NAMES, help="read the config as this dialect instead of detecting it")
    graph.set_defaults(run=run_graph)


GRAPHVIZ_MISSING = (
    "--format svg runs Graphviz's `dot` program, which is not on PATH; install Graphviz "
    "(apt install graphviz, brew install graphviz, or choco install graphviz) or use --format dot, "
    "which needs nothing installed"
)


def run_graph(args: argparse.Namespace) -> int:
    import shutil

    from .diagnostics import Severity
    from .emit.graph import dot, mermaid
    from .report import reporter

    graphviz = shutil.which("dot") if args.format == "svg" else None
    if args.format == "svg" and graphviz is None:
        raise UsageError(GRAPHVIZ_MISSING)
    name, data = _one_input(args.config, "graph")
    report = _check_config_file(name, data, args.config, args.dialect)
    if report.config is None or not report.config.lowered:
        sys.stderr.write(reporter("text")([report], False))
        return EXIT_PROBLEMS
    broken = any(d.severity is Severity.ERROR for d in report.diagnostics)
    table = _graph_table(report, name, data, broken)
    text = mermaid(table) if args.format == "mermaid" else dot(table)
    if graphviz is not None:
        text = _svg(graphviz, text)
    if args.output:
        _write_report(args.output, text)
    else:
        sys.stdout.write(text)
    if broken:
        sys.stderr.write(reporter("text")([report], False))
        print("routec: the config has errors; the graph shows it as written, with what cannot be resolved marked", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_CLEAN


def _graph_table(report: Any, path: str, data: bytes, broken: bool) -> dict[str, Any]:
    """The resolved table, or for a config that does not resolve (errors, a model from the
    environment) one built without resolving; either way with every secret masked."""
    from .build import _masked
    from .resolve import Unresolvable, resolve
    from .resolve.lenient import lenient_table

    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    table = None
    if not broken:
        try:
            table = resolve(report.config, name, data)
        except Unresolvable as problem:
            print(f"routec: note: {problem.message}; drawn without it", file=sys.stderr)
    if table is None:
        table = lenient_table(report.config, name)
    return _masked(table, report.secrets) if report.secrets else table


def _svg(graphviz: str, text: str) -> str:
    import subprocess

    try:
        done = subprocess.run([graphviz, "-Tsvg"], input=text.encode("utf-8"), capture_output=True, check=False)
    except OSError as error:
        raise UsageError(f"cannot run {graphviz}: {error.strerror or error}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"Graphviz's dot failed (exit {done.returncode}): {detail}")
    return done.stdout.decode("utf-8", "replace")


def _add_diff(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="compare two configs (any dialects) and classify each change: breaking, behavioural or safe",
        description=(
            "Compare two routing configs at the level of the resolved routing table and classify each change: "
            "breaking (a route, alias or agent clients name was removed or renamed), behavioural (requests land "
            "on another model, failover chain or route, including for the requests in the new config's "
            "`routec test` cases) or safe (additions, descriptions). Exit 1 when a change of the --fail-on class "
            "or worse is found, or when either config does not check clean; 2 on a usage error."
        ),
    )
    diff.add_argument("paths", nargs="+", metavar="CONFIG", help="OLD NEW, or only NEW with --against")
    diff.add_argument("--against", metavar="REF", help="read the old version of NEW from git at REF (a branch, tag or commit)")
    diff.add_argument(
        "--output-format",
        choices=("text", "json", "github", "markdown"),
        help="text (default; github when GITHUB_ACTIONS=true), json, github annotations, or markdown for a PR comment",
    )
    diff.add_argument(
        "--fail-on",
        choices=("breaking", "behavioural", "any"),
        default="breaking",
        help="the mildest class of change that makes routec exit 1 (default: breaking)",
    )
    diff.add_argument(
        "--cases",
        action="append",
        metavar="FILE",
        help="a `routec test` cases file whose requests both configs route; repeat for several "
        "(default: NEW's own, NAME.cases.yaml beside NAME.yaml)",
    )
    diff.add_argument("--old-dialect", choices=DIALECT_NAMES, help="read OLD as this dialect instead of detecting it")
    diff.add_argument("--new-dialect", choices=DIALECT_NAMES, help="read NEW as this dialect instead of detecting it")
    diff.set_defaults(run=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from .diff import Broken, Class, absent, diff, load
    from .diff.render import RENDERERS
    from .report import reporter

    old_path, new_path = _diff_paths(args)
    _stdin_once(old_path, new_path, *(args.cases or ()))
    new_settings = _settings_for(new_path)
    options = _environment()
    new = load("new", *_diff_input(new_path), args.new_dialect, new_settings, options)
    if args.against is None:
        old = load("old", *_diff_input(old_path), args.old_dialect, _settings_for(old_path), options)
    else:
        from .diff.git import GitError, read_at

        try:
            version = read_at(args.against, new_path)
        except GitError as error:
            raise UsageError(str(error)) from None
        old_path = version.name
        if version.data is None:
            print(f"routec: note: {new_path} is not in {args.against}: everything in it is new", file=sys.stderr)
            old = absent("old", version.name)
        else:
            old = load("old", version.data, version.name, args.old_dialect, new_settings, options)
    output_format = args.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    broken = [side for side in (old, new) if isinstance(side, Broken)]
    for side in broken:  # as annotations on GitHub; never into a JSON consumer's input
        stream = sys.stderr if output_format == "json" else sys.stdout
        stream.write(reporter("github" if output_format == "github" else "text")([side.report], _use_color("auto")))
        for problem in side.problems():
            print(f"routec: build error: {problem}", file=sys.stderr)
    if broken:
        names = " and ".join(side.report.path for side in broken)
        print(f"routec: error: {names} must check clean before a diff means anything; fix the errors above first", file=sys.stderr)
        return EXIT_PROBLEMS
    assert not isinstance(old, Broken) and not isinstance(new, Broken)
    result = diff(old, new, _diff_cases(args.cases, new_path))
    sys.stdout.write(RENDERERS[output_format](result))
    fail_on = {"breaking": Class.BREAKING, "behavioural": Class.BEHAVIOURAL, "any": Class.SAFE}[args.fail_on]
    return EXIT_PROBLEMS if result.fails(fail_on) else EXIT_CLEAN


def _diff_paths(args: argparse.Namespace) -> tuple[str, str]:
    """(OLD, NEW); OLD is empty with --against."""
    if args.against is not None:
        if len(args.paths) != 1:
            raise UsageError("with --against, give only the new config: `routec diff --against REF NEW`")
        if args.paths[0] == "-":
            raise UsageError("--against reads the old version from git, so NEW must be a file, not standard input")
        return "", args.paths[0]
    if len(args.paths) != 2:
        raise UsageError("give the old and the new config (`routec diff OLD NEW`), or `routec diff --against REF NEW`")
    return args.paths[0], args.paths[1]


def _diff_input(path: str) -> tuple[bytes, str]:
    """(bytes, name shown) of one config file."""
    name, data = _one_input(path, "diff", "compares two config files")
    return data, name


def _environment() -> Any:
    """Options for a command that reads one config: the process's environment, for the project's env-check."""
    from .rules import Options

    return Options(environ=dict(os.environ))


def _check_config_file(name: str, data: bytes, path: str, dialect: str | None) -> Any:
    """A config checked as `routec check` checks it: this environment, the project configuration above ``path``."""
    from .check import check_bytes

    return check_bytes(data, name, _environment(), dialect, settings=_settings_for(path))


def _settings_for(path: str) -> Any:
    from .settings import ConfigError, Finder

    try:
        return Finder().for_file(None if path == "-" else path)
    except ConfigError as error:
        raise UsageError(f"invalid configuration: {error}") from None


def _diff_cases(given: list[str] | None, new_path: str) -> list[tuple[str, list[Any]]]:
    """The cases files to route: those given, or the new config's own (NAME.cases.yaml beside it)."""
    from .cases import CaseError, read_cases
    from .diff import cases_beside

    paths = given if given is not None else ([] if new_path == "-" else cases_beside(new_path))
    files = []
    for path in paths:
        name, data = _one_input(path, "diff", "takes cases files")
        try:
            files.append((name, read_cases(name, data)))
        except CaseError as error:
            raise UsageError(f"invalid cases file: {error}") from None
    return files


def _add_lsp(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    lsp = commands.add_parser(
        "lsp",
        help="run the language server (LSP over stdio) for editors",
        description=(
            "Run routec's language server over standard input and output: the same diagnostics as "
            "`routec check`, as you type, with quick fixes, hover, go-to-definition, references, "
            "document symbols and completion. Editors start it; see the README for VS Code, Neovim "
            "and Helix."
        ),
    )
    lsp.add_argument("--stdio", action="store_true", help="accepted for clients that pass it; stdio is the only transport")
    lsp.set_defaults(run=run_lsp)


def run_lsp(args: argparse.Namespace) -> int:
    import gc

    gc.enable()  # a long-running process: collect as usual
    from .lsp.server import serve

    serve()
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    named = arguments[0] if arguments and arguments[0] in COMMANDS else None
    args = build_parser(named).parse_args(arguments)
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"routec: error: {error}", file=sys.stderr)
        return EXIT_ERROR


COMMANDS = {
    "check": _add_check,
    "diff": _add_diff,
    "build": _add_build,
    "convert": _add_convert,
    "route": _add_route,
    "explain": _add_explain,
    "test": _add_test,
    "graph": _add_graph,
    "rule": _add_rule,
    "lsp": _add_lsp,
}


def run() -> None:
    """Entry point: turns any crash into a short message and exit 2, never a traceback."""
    import gc

    # A one-shot process: the tree holds no reference cycles, so collection is pure cost.
    gc.disable()
    # A JSON5 escape such as "\ud800" is half a character, which UTF-8 cannot encode: print it as written.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # `routec check ... | head`
        sys.stderr.close()
        code = EXIT_CLEAN
    except Exception as error:  # a bug: say so briefly; ROUTEC_DEBUG=1 shows the traceback
        print(f"routec: internal error: {type(error).__name__}: {error}; this is a bug in routec", file=sys.stderr)
        if os.environ.get("ROUTEC_DEBUG"):
            import traceback

            traceback.print_exc()
        code = EXIT_ERROR
    sys.exit(code)
