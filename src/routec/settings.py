"""Project configuration: `[tool.routec]` in pyproject.toml, or a routec.toml.

The nearest one above a checked file applies (walking up from its
directory; a pyproject.toml without `[tool.routec]` is passed over). It can
select and ignore rules by code or prefix, change severities, set the
dialect and `env-check`, and override any of these for files matching a
glob. A configuration that is itself wrong is reported with its own position
and stops the run (exit 2): a silently ignored setting is how suppressed
errors reach production.

A file routec cannot read (RC001: invalid YAML or JSON5, not UTF-8, nested
too deep, over the size limit) was not checked at all, so it is always
reported, as an error, whatever select, ignore, severity or a suppression
comment says (ruff does the same for syntax errors): otherwise `ignore =
["RC0"]` would pass a config no gateway can load. Naming RC001 itself in
`ignore` or `severity` is a configuration error.

    [tool.routec]
    select = ["RC"]             # codes or prefixes; default: every rule
    ignore = ["RC204"]
    dialect = "carapace"        # for files whose first line or $schema does not say
    env-check = true

    [tool.routec.severity]
    RC106 = "error"

    [tool.routec.per-file."legacy/**/*.yaml"]
    ignore = ["RC201"]
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any

from .diagnostics import Severity

FILE_NAMES = ("routec.toml", "pyproject.toml")
# Codes that mean the file was not checked at all; no setting or comment silences or softens them.
ALWAYS_REPORTED = frozenset({"RC001"})
UNCHECKED = "a file that does not read was not checked, so it is always an error"
TOP_LEVEL_OPTIONS = ("select", "ignore", "severity", "dialect", "env-check", "per-file")
PER_FILE_OPTIONS = ("select", "ignore", "severity", "dialect", "env-check")


class ConfigError(Exception):
    """A project configuration routec cannot use, with where it is wrong."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{_shown(path)}:{line}:{column}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message


class Rules:
    """Which rules run on a file, and at which severity."""

    __slots__ = ("ignore", "select", "severity")

    def __init__(
        self,
        select: tuple[str, ...] = ("RC",),
        ignore: tuple[str, ...] = (),
        severity: dict[str, Severity] | None = None,
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.severity = severity or {}

    def enabled(self, code: str) -> bool:
        """The most specific matching prefix decides, as in ruff; ignore wins a tie."""
        if code in ALWAYS_REPORTED:
            return True
        selected = max((len(prefix) for prefix in self.select if code.startswith(prefix)), default=-1)
        ignored = max((len(prefix) for prefix in self.ignore if code.startswith(prefix)), default=-1)
        return selected > ignored

    def severity_of(self, code: str, default: Severity) -> Severity:
        return default if code in ALWAYS_REPORTED else self.severity.get(code, default)


class FileSettings:
    """Everything the project configuration says about one file."""

    __slots__ = ("config_path", "dialect", "env_check", "rules")

    def __init__(
        self,
        rules: Rules | None = None,
        dialect: str | None = None,
        env_check: bool = False,
        config_path: str | None = None,
    ) -> None:
        self.rules = rules or Rules()
        self.dialect = dialect
        self.env_check = env_check
        self.config_path = config_path


class ProjectConfig:
    """A parsed configuration file, ready to answer for any file below it."""

    def __init__(self, path: str, base: FileSettings, overrides: list[tuple[re.Pattern[str], dict[str, Any]]]) -> None:
        self.path = path
        self.directory = os.path.dirname(os.path.abspath(path))
        self.base = base
        self.overrides = overrides

    def for_file(self, file_path: str) -> FileSettings:
        relative = os.path.relpath(os.path.abspath(file_path), self.directory).replace(os.sep, "/")
        rules = self.base.rules
        settings = FileSettings(Rules(rules.select, rules.ignore, dict(rules.severity)), self.base.dialect, self.base.env_check, self.path)
        for pattern, options in self.overrides:
            if pattern.fullmatch(relative):
                _apply(settings, options)
        return settings


def _apply(settings: FileSettings, options: dict[str, Any]) -> None:
    if "select" in options:
        settings.rules.select = options["select"]
    if "ignore" in options:
        settings.rules.ignore = settings.rules.ignore + options["ignore"]
    settings.rules.severity.update(options.get("severity", {}))
    if "dialect" in options:
        settings.dialect = options["dialect"]
    if "env-check" in options:
        settings.env_check = options["env-check"]


class Finder:
    """Finds and caches the configuration that applies to each directory."""

    def __init__(self) -> None:
        self._by_directory: dict[str, ProjectConfig | None] = {}

    def for_file(self, file_path: str | None) -> FileSettings:
        directory = os.path.dirname(os.path.abspath(file_path)) if file_path else os.getcwd()
        config = self._find(directory)
        return config.for_file(file_path or os.path.join(directory, "-")) if config else FileSettings()

    def _find(self, directory: str) -> ProjectConfig | None:
        walked: list[str] = []
        found: ProjectConfig | None = None
        current = directory
        while True:
            if current in self._by_directory:
                found = self._by_directory[current]
                break
            walked.append(current)
            found = _config_in(current)
            if found is not None:
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for step in walked:
            self._by_directory[step] = found
        return found


def _config_in(directory: str) -> ProjectConfig | None:
    for name in FILE_NAMES:
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            config = load(path)
            if config is not None:
                return config
    return None


def load(path: str) -> ProjectConfig | None:
    """Parse a routec.toml, or the [tool.routec] table of a pyproject.toml (None if it has none)."""
    import tomllib

    try:
        with open(path, "rb") as file:
            data = file.read()
        text = data.decode("utf-8")
        document = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, 1, 1, f"cannot read the configuration: {error}") from None
    except tomllib.TOMLDecodeError as error:
        line, column = _toml_error_position(str(error))
        raise ConfigError(path, line, column, f"invalid TOML: {str(error).split(' (at')[0]}") from None
    locate = _Locator(path, text)
    if os.path.basename(path) == "pyproject.toml":
        tool = document.get("tool", {})
        if "routec" not in tool:
            return None
        table, prefix = tool["routec"], "tool.routec"
    else:
        table, prefix = document, ""
    if not isinstance(table, dict):
        raise locate.error(prefix or "routec", "", f"`{prefix}` must be a table")
    return _parse(path, table, prefix, locate)


def _parse(path: str, table: dict[str, Any], prefix: str, locate: _Locator) -> ProjectConfig:
    _check_keys(table, TOP_LEVEL_OPTIONS, prefix, locate)
    base = FileSettings(config_path=path)
    _apply(base, _options(table, prefix, locate))
    overrides: list[tuple[re.Pattern[str], dict[str, Any]]] = []
    per_file = table.get("per-file", {})
    if not isinstance(per_file, dict):
        raise locate.error(prefix, "per-file", "`per-file` must be a table of globs, e.g. [tool.routec.per-file.\"legacy/*.yaml\"]")
    for glob, options in per_file.items():
        where = f"{prefix}.per-file" if prefix else "per-file"
        if not isinstance(options, dict):
            raise locate.error(where, glob, f"`per-file.\"{glob}\"` must be a table of options")
        _check_keys(options, PER_FILE_OPTIONS, f'{where}."{glob}"', locate)
        overrides.append((glob_pattern(glob), _options(options, f'{where}."{glob}"', locate)))
    return ProjectConfig(path, base, overrides)


def _options(table: dict[str, Any], prefix: str, locate: _Locator) -> dict[str, Any]:
    from .dialects import DIALECTS

    options: dict[str, Any] = {}
    if "select" in table:
        options["select"] = _codes(table["select"], prefix, "select", locate)
    if "ignore" in table:
        options["ignore"] = _codes(table["ignore"], prefix, "ignore", locate)
    if "severity" in table:
        options["severity"] = _severities(table["severity"], prefix, locate)
    if "dialect" in table:
        if table["dialect"] not in DIALECTS:
            raise locate.error(prefix, "dialect", f"unknown dialect {table['dialect']!r}; known: {', '.join(DIALECTS)}")
        options["dialect"] = table["dialect"]
    if "env-check" in table:
        if not isinstance(table["env-check"], bool):
            raise locate.error(prefix, "env-check", "`env-check` must be true or false")
        options["env-check"] = table["env-check"]
    return options


def _check_keys(table: dict[str, Any], allowed: tuple[str, ...], prefix: str, locate: _Locator) -> None:
    from .suggest import suggest

    for key in table:
        if key not in allowed:
            hint = suggest(key, allowed, 1)
            extra = f"; did you mean `{hint[0]}`?" if hint else f"; options are {', '.join(allowed)}"
            raise locate.error(prefix, key, f"unknown option `{key}`{extra}")


def _codes(value: Any, prefix: str, key: str, locate: _Locator) -> tuple[str, ...]:
    from .rules import BY_CODE
    from .suggest import suggest

    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise locate.error(prefix, key, f"`{key}` must be a list of rule codes or prefixes, e.g. [\"RC1\", \"RC301\"]")
    for code in value:
        if not any(known.startswith(code) for known in BY_CODE) or not code.startswith("RC"):
            hint = suggest(code, BY_CODE, 1)
            extra = f"; did you mean {hint[0]}?" if hint else ""
            raise locate.error(prefix, key, f"`{code}` in `{key}` is no rule code or prefix{extra}", needle=code)
        if key == "ignore" and code in ALWAYS_REPORTED:
            raise locate.error(prefix, key, f"`{code}` cannot be ignored: {UNCHECKED}", needle=code)
    return tuple(value)


def _severities(value: Any, prefix: str, locate: _Locator) -> dict[str, Severity]:
    from .rules import BY_CODE

    where = f"{prefix}.severity" if prefix else "severity"
    if not isinstance(value, dict):
        raise locate.error(prefix, "severity", "`severity` must be a table: RC204 = \"error\"")
    severities: dict[str, Severity] = {}
    for code, level in value.items():
        if code not in BY_CODE:
            raise locate.error(where, code, f"`{code}` is not a rule code (`routec rule --all` lists them)")
        if code in ALWAYS_REPORTED:
            raise locate.error(where, code, f"the severity of {code} cannot be changed: {UNCHECKED}")
        if level not in ("error", "warning", "info"):
            raise locate.error(where, code, f"severity of {code} must be \"error\", \"warning\" or \"info\", not {level!r}")
        severities[code] = Severity(level)
    return severities


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A glob relative to the configuration's directory: `*` within a folder, `**` across folders."""
    parts: list[str] = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif glob.startswith("**", index):
            parts.append(".*")
            index += 2
        elif glob[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif glob[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(glob[index]))
            index += 1
    return re.compile("".join(parts))


class _Locator:
    """Finds where a table or key is written, for positioned errors (tomllib gives no positions)."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def error(self, table: str, key: str, message: str, needle: str | None = None) -> ConfigError:
        line, column = self.position(table, key, needle)
        return ConfigError(self.path, line, column, message)

    def position(self, table: str, key: str, needle: str | None) -> tuple[int, int]:
        start = self._table_line(table)
        section = self._section(start)
        if needle is not None:
            quoted = re.compile(rf"""["']{re.escape(needle)}["']""")
            for index in section:
                found = quoted.search(self.lines[index])
                if found:
                    return index + 1, found.start() + 1
        for index in section:
            text = self.lines[index]
            if key and re.match(rf"""\s*["']?{re.escape(key)}["']?\s*=""", text):
                return index + 1, len(text) - len(text.lstrip()) + 1
        return start + 1, 1

    def _section(self, start: int) -> Iterable[int]:
        """The lines of a table: from its header to the next header."""
        for index in range(start, len(self.lines)):
            if index > start and self.lines[index].lstrip().startswith("["):
                return
            yield index

    def _table_line(self, table: str) -> int:
        if not table:
            return 0
        header = re.compile(r"\s*\[+\s*" + r"\s*\.\s*".join(_table_parts(table)) + r"\s*\]+")
        for index, text in enumerate(self.lines):
            if header.match(text):
                return index
        parent = table.rsplit(".", 1)[0] if "." in table else ""
        return self._table_line(parent) if parent != table else 0


def _table_parts(table: str) -> list[str]:
    parts = re.findall(r'"[^"]*"|[^.]+', table)
    return [re.escape(part) if not part.startswith('"') else r'"?' + re.escape(part.strip('"')) + r'"?' for part in parts]


def _shown(path: str) -> str:
    """A path as users would type it: relative to the working directory when below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _toml_error_position(message: str) -> tuple[int, int]:
    match = re.search(r"at line (\d+), column (\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (1, 1)
