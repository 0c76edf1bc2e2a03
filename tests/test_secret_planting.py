"""Secret planting: known secrets in every credential position of every dialect, and none in any output.

For each dialect a shipped example is loaded and a distinct, known secret is
planted in every credential position. The positions are derived from the
dialect's schema (every ``Str(secret=True)`` field, through mappings and
lists), so a credential field added later is covered without touching this
file; LiteLLM's ``environment_variables`` (secret by name, not by schema) are
added by hand. The secrets cover an Anthropic key, an OpenAI project key, a
Google API key, an AWS access key id, an AWS secret access key and a generic
high-entropy token. Provider-shaped keys are also planted where no credential
belongs (a route description, a header value, a base URL, a keyword), where
routec must still find them.

RC301 must fire at each planted secret, exactly (line and column of its
start and end), and no output may show one: every ``routec check`` format
(stdout and stderr, with and without colour, ``--output-file``, ``--diff``,
``--fix``), ``convert``, ``route``, ``explain``, ``test``, ``build``, every
file they write, and every message the language server sends.

What counts as a leak, precisely: a secret is its public format prefix
(``sk-ant-api03-``, ``sk-proj-``, ``AIza``, ``AKIA``, or nothing) and a random
body. An output leaks it when it contains any 8 consecutive characters of the
body, in any case (keywords reach the routing table lowercased). The masked
form (``sk-ant-…Ab12``: a known prefix, an ellipsis, the last 4 characters)
shows at most 4 characters of the body, so it never matches, while any longer
fragment of the body, anywhere, does. (The prefix alone is no leak: routec's
own rule documentation shows ``sk-ant-api03-`` too.)

``routec build`` refuses a config with errors and then writes nothing, so for
the build "every artifact" is checked twice: a planted config must leave the
output directory missing, and a clean config (every credential position an
environment reference; the pasted keys kept, silenced with
``routec: ignore-file[RC301]``) must build, name only variables as
credentials, and show none of the pasted keys in any artifact, nor in what
``explain``, ``route``, ``test`` and ``convert`` print for it.

A file that does not parse has no known credential fields, only key shapes:
its provider keys must still be masked (the text format quotes the line).
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import string
from collections.abc import AsyncIterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import json5
import pytest
import pytest_lsp
import yaml
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from routec.check import FileReport, check_text
from routec.cli import main
from routec.dialects import DIALECTS
from routec.dialects.schema import ListOf, MapOf, Obj, OneOf, Spec, Str, key_path
from routec.report import FORMATS
from routec.secrets import mask
from routec.syntax import Source

from .conftest import ROOT
from .lsp.conftest import SERVER, make_client
from .lsp.helpers import open_document, uri_for

# One shipped example per dialect; a new dialect must name its own here.
BASES = {
    "routec": "examples/routec/full.json5",
    "carapace": "examples/carapace/carapace.json5",
    "plano": "examples/plano/llm-routing.yaml",
    "litellm": "examples/litellm/proxy.yaml",
    "tokenpak": "examples/tokenpak/model-catalog.yaml",
    "multiroute": "examples/multiroute/explicit-providers.json5",
}

# (kind, public prefix, body length, body alphabet)
ALNUM = string.ascii_letters + string.digits
KINDS = (
    ("anthropic", "sk-ant-api03-", 80, ALNUM),
    ("openai", "sk-proj-", 48, ALNUM),
    ("google", "AIza", 35, ALNUM),
    ("aws-access-key", "AKIA", 16, string.ascii_uppercase + string.digits),
    ("aws-secret-key", "", 40, ALNUM + "+/"),
    ("generic", "", 32, ALNUM),
)
KEY_SHAPED = KINDS[:4]  # found anywhere, not only in credential fields
# YAML writes a quote and a backslash as they are (JSON5 would escape them, hiding the secret from a
# plain search): passwords with them probe every output that quotes or escapes a value.
KINDS_IN_YAML = (*KINDS[:-1], ("generic", "", 32, ALNUM + '"\\'))
LEAK_RUN = 8

Path_ = tuple[str | int, ...]
# In a credential pattern: any key of a mapping, any item of a list.
EACH_KEY, EACH_ITEM = "<key>", "<item>"
Pattern = tuple[str, ...]


class Planted(NamedTuple):
    secret: str
    prefix: str  # the public part: a leak must show more than this
    kind: str
    path: Path_
    credential: bool


class PlantedConfig(NamedTuple):
    dialect: str
    name: str
    text: str
    planted: list[Planted]


def make_secret(kind: tuple[str, str, int, str], seed: str) -> Planted:
    name, prefix, length, alphabet = kind
    stream = b""
    counter = 0
    while len(stream) < length:
        stream += hashlib.sha256(f"{seed}/{counter}".encode()).digest()
        counter += 1
    body = "".join(alphabet[byte % len(alphabet)] for byte in stream[:length])
    return Planted(prefix + body, prefix, name, (), False)


def leaked_runs(output: str, planted: list[Planted]) -> list[str]:
    """The first run of LEAK_RUN characters of each planted secret's body that ``output`` contains, in any case."""
    found = []
    folded = output.lower()
    for item in planted:
        for start in range(len(item.prefix), len(item.secret) - LEAK_RUN + 1):
            run = item.secret[start : start + LEAK_RUN]
            if run.lower() in folded:
                found.append(f"{item.kind} at {format_path(item.path)}: {run!r}")
                break
    return found


def assert_no_leak(what: str, output: str, planted: list[Planted]) -> None:
    leaks = leaked_runs(output, planted)
    assert not leaks, f"{what} shows planted secrets: {leaks[:5]}"


def format_path(path: Path_) -> str:
    text = ""
    for step in path:
        text = f"{text}[{step}]" if isinstance(step, int) else key_path(text, step)
    return text


# --- where credentials go ---------------------------------------------------------


def credential_patterns(spec: Spec) -> list[Pattern]:
    """Paths to every ``Str(secret=True)`` field, with EACH_KEY and EACH_ITEM for a mapping's keys and a list's items."""
    found: list[Pattern] = []
    stack: list[tuple[Spec, Pattern, frozenset[int]]] = [(spec, (), frozenset())]
    while stack:
        current, path, seen = stack.pop()
        if id(current) in seen:
            continue  # a recursive spec
        seen = seen | {id(current)}
        if isinstance(current, OneOf):
            stack.extend((option, path, seen) for option in current.options)
        elif isinstance(current, Obj):
            stack.extend((field.spec, (*path, key), seen) for key, field in current.fields.items())
        elif isinstance(current, MapOf):
            stack.append((current.values, (*path, EACH_KEY), seen))
        elif isinstance(current, ListOf):
            stack.append((current.items, (*path, EACH_ITEM), seen))
        elif isinstance(current, Str) and current.secret:
            found.append(path)
    return sorted(found)


# Credentials a dialect finds by name rather than by schema.
BY_NAME = {"litellm": [("environment_variables", "PLANTED_SERVICE_API_KEY")]}


class Paste(NamedTuple):
    """A provider key pasted where no credential belongs: the same key at each path, in ``template``."""

    paths: tuple[Path_, ...]
    template: str
    builds: bool = True  # False: an error besides RC301 (a malformed model), so not in the config that builds


# Descriptions, labels, header values, base URLs and keywords reach the routing table, hovers and
# `routec convert`; a key pasted as a model reaches messages' related locations and fix edits.
PASTES: dict[str, list[Paste]] = {
    "routec": [
        Paste((("routes", "fast", "description"),), "Cheap lookups. The old key {key} was rotated."),
        Paste((("providers", "ollama", "baseUrl"),), "http://localhost:11434/?key={key}"),
        Paste((("routes", "fast-backup", "model"), ("routes", "strong-backup", "model")), "openai:{key}"),
        Paste((("aliases", "embeddings"),), "openai/{key}", builds=False),
        Paste((("rules", "match", 0, "keywords", 0),), "{key}"),
    ],
    "carapace": [
        Paste((("routes", "fast", "label"),), "Fast lane ({key})"),
        Paste((("routes", "strong", "model"),), "anthropic/{key}", builds=False),
    ],
    "plano": [Paste((("routing_preferences", 0, "description"),), "deep analysis; staging key {key}")],
    "litellm": [
        Paste((("model_list", 0, "litellm_params", "extra_headers", "X-Upstream-Key"),), "Bearer {key}"),
        Paste((("model_list", 0, "model_info", "description"),), "primary deployment, key {key}"),
    ],
    "tokenpak": [
        Paste((("routing", "routes", 0, "keywords", 6),), "{key}"),
        Paste((("cost_aware_routing", "degradation_map", "gpt-4"),), "openai/{key}", builds=False),
    ],
    "multiroute": [
        Paste((("providers", "mistral", "api_base"),), "https://api.mistral.ai/v1?key={key}"),
        Paste((("limits", "note"),), "billing contact key {key}"),
    ],
}


# Credential positions left out of the config that builds: Plano takes one provider list
# (`model_providers` here), and a tracing exporter needs more than a key.
NOT_BUILT = {"plano": ("llm_providers", "tracing")}


# Rules for routec's example, so that `routec route` and `routec test` print a failover chain (through
# `fast-backup`, where a key is pasted as a model) and a keyword can be a pasted key.
ADDITIONS = {
    "routec": {"rules": {"default": "fast", "match": [{"name": "pasted", "keywords": ["x"], "route": "strong"}]}}
}


def load_base(dialect: str) -> tuple[Any, str]:
    path = ROOT / BASES[dialect]
    text = path.read_text(encoding="utf-8")
    data = json5.loads(text) if path.suffix == ".json5" else yaml.safe_load(text)
    data.update(copy.deepcopy(ADDITIONS.get(dialect, {})))
    return data, path.name


def dump(data: Any, name: str, header: str = "") -> str:
    if name.endswith(".json5"):
        return (f"// {header}\n" if header else "") + json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1 << 20)
    return (f"# {header}\n" if header else "") + body


def concrete_paths(data: Any, pattern: tuple[str | int, ...], names: list[str]) -> list[Path_]:
    """Every place in ``data`` the pattern reaches, creating what is missing (one new entry in an empty mapping or list)."""
    paths: list[Path_] = [()]
    for depth, step in enumerate(pattern):
        following = pattern[depth + 1] if depth + 1 < len(pattern) else None
        next_paths: list[Path_] = []
        for path in paths:
            parent = get(data, path)
            if step == EACH_KEY:
                keys = [key for key, value in parent.items() if isinstance(value, dict)]
                if not keys:
                    keys = [next(name for name in names if name not in parent)]
                    parent[keys[0]] = {}
                next_paths += [(*path, key) for key in keys]
            elif step == EACH_ITEM:
                if not parent:
                    parent.append({})
                next_paths += [(*path, index) for index, item in enumerate(parent) if isinstance(item, dict)]
            else:
                if following is not None and not isinstance(
                    parent[step] if isinstance(step, int) else parent.get(step), (dict, list)
                ):
                    parent[step] = [] if following == EACH_ITEM else {}
                next_paths.append((*path, step))
        paths = next_paths
    return paths


def get(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def put(data: Any, path: Path_, value: Any) -> None:
    """Set the value at ``path``, making the mappings and lists on the way (an index one past the end appends)."""
    parent = data
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        fresh = value if last else [] if isinstance(path[depth + 1], int) else {}
        if isinstance(parent, list) and step == len(parent):
            parent.append(fresh)
        elif last or not isinstance(parent[step] if isinstance(parent, list) else parent.get(step), (dict, list)):
            parent[step] = fresh
        parent = parent[step]


@cache
def credential_positions(dialect: str) -> tuple[Any, list[Path_]]:
    """The example's data, with every credential position the schema (and BY_NAME) names, made concrete."""
    data, _ = load_base(dialect)
    names = [f"planted{index}" for index in range(100)]
    known = sorted(DIALECTS[dialect].conventions.known_providers)
    positions: list[Path_] = []
    for pattern in credential_patterns(DIALECTS[dialect].schema):
        positions += concrete_paths(data, pattern, [*known, *names])
    for path in BY_NAME.get(dialect, []):
        put(data, path, "")
        positions.append(path)
    # Enough positions for every kind of secret: more entries in the first mapping or list of credentials.
    patterns = [
        pattern
        for pattern in credential_patterns(DIALECTS[dialect].schema)
        if EACH_KEY in pattern or EACH_ITEM in pattern
    ]
    while patterns and len(positions) < len(KINDS):
        pattern = patterns[0]
        cut = min(index for index, step in enumerate(pattern) if step in (EACH_KEY, EACH_ITEM))
        parent = get(data, pattern[:cut])
        if isinstance(parent, list):
            parent.append({})
            fresh: str | int = len(parent) - 1
        else:
            fresh = next(name for name in [*known, *names] if name not in parent)
            parent[fresh] = {}
        positions += concrete_paths(data, (*pattern[:cut], fresh, *pattern[cut + 1 :]), names)
    return data, positions


def paste_keys(dialect: str, data: Any, building: bool = False) -> list[Planted]:
    """Put each of the dialect's pastes (those that build, if ``building``) into ``data``, each with a key of its own."""
    planted = []
    for index, paste in enumerate(PASTES[dialect]):
        if building and not paste.builds:
            continue
        key = make_secret(KEY_SHAPED[index % len(KEY_SHAPED)], f"{dialect}/paste/{index}")
        planted.append(key._replace(path=paste.paths[0]))
        for path in paste.paths:
            put(data, path, paste.template.format(key=key.secret))
    return planted


@cache
def planted_config(dialect: str) -> PlantedConfig:
    """The example with a secret in every credential position and every paste."""
    base, positions = credential_positions(dialect)
    data = copy.deepcopy(base)
    planted: list[Planted] = []
    _, name = load_base(dialect)
    kinds = KINDS if name.endswith(".json5") else KINDS_IN_YAML
    for index, path in enumerate(positions):
        secret = make_secret(kinds[index % len(kinds)], f"{dialect}/{index}")
        planted.append(secret._replace(path=path, credential=True))
        put(data, path, secret.secret)
    planted += paste_keys(dialect, data)
    return PlantedConfig(dialect, name, dump(data, name), planted)


@cache
def clean_config(dialect: str) -> PlantedConfig:
    """Every credential an environment reference, the pastes kept and RC301 silenced: a config that builds."""
    _, positions = credential_positions(dialect)
    data, _ = load_base(dialect)  # without the containers made for credentials that stay out
    conventions = DIALECTS[dialect].conventions
    for index, path in enumerate(positions):
        if path[0] not in NOT_BUILT.get(dialect, ()):
            put(data, path, conventions.env_reference(f"PLANTED_VAR_{index}"))
    planted = paste_keys(dialect, data, building=True)
    _, name = load_base(dialect)
    return PlantedConfig(dialect, name, dump(data, name, "routec: ignore-file[RC301]"), planted)


@cache
def planted_report(dialect: str) -> FileReport:
    config = planted_config(dialect)
    return check_text(config.text, config.name)


@cache
def broken_config(dialect: str) -> PlantedConfig:
    """The planted config with a syntax error on the line of its first paste: no tree, so only key shapes are known."""
    config = planted_config(dialect)
    paste = next(item for item in config.planted if not item.credential)
    at = config.text.index(paste.secret)
    line_end = config.text.index("\n", at)
    breakage = " ]]" if config.name.endswith(".json5") else ": broken: [x"
    return config._replace(text=config.text[:line_end] + breakage + config.text[line_end:])


def spans(config: PlantedConfig) -> list[tuple[int, int, int, int]]:
    """(line, column, end line, end column) of every occurrence of every planted secret, found in the text."""
    source = Source(config.name, config.text)
    found = []
    for item in config.planted:
        start = config.text.find(item.secret)
        assert start >= 0, f"{item.kind} at {format_path(item.path)} is not in the text as written"
        while start >= 0:
            first, last = source.position(start), source.position(start + len(item.secret))
            found.append((first.line, first.column, last.line, last.column))
            start = config.text.find(item.secret, start + 1)
    return sorted(found)


def rc301_spans(report: FileReport) -> list[tuple[int, int, int, int]]:
    found = []
    for diagnostic in report.diagnostics:
        if diagnostic.code == "RC301":
            first, last = diagnostic.start_position, diagnostic.end_position
            found.append((first.line, first.column, last.line, last.column))
    return sorted(found)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """`routec ARGV...` in this process (the CLI's own code, without a Python start-up each): exit code, stdout + stderr."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as stop:  # route, explain and test stop this way on a config with errors
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def write(directory: Path, config: PlantedConfig) -> Path:
    path = directory / config.name
    path.write_text(config.text, encoding="utf-8")
    return path


def all_files(directory: Path) -> dict[str, str]:
    return {str(path): path.read_text(encoding="utf-8") for path in sorted(directory.rglob("*")) if path.is_file()}


# --- the tests ------------------------------------------------------------------------


def test_every_dialect_is_planted_and_has_credential_fields() -> None:
    assert set(BASES) == set(DIALECTS) == set(PASTES)
    for dialect in DIALECTS:
        assert credential_patterns(DIALECTS[dialect].schema), f"{dialect}: no Str(secret=True) field in its schema"


@pytest.mark.parametrize("dialect", list(BASES))
def test_rc301_fires_at_every_planted_secret(dialect: str) -> None:
    config = planted_config(dialect)
    report = planted_report(dialect)
    assert report.config is not None and report.config.dialect == dialect
    assert {kind for kind, *_ in KINDS} == {item.kind for item in config.planted if item.credential}
    assert any(not item.credential for item in config.planted)
    assert rc301_spans(report) == spans(config)
    # The schema's credential fields are the ones the dialect lowers as credentials.
    lowered = {credential.path for credential in report.config.credentials}
    missing = [
        format_path(item.path) for item in config.planted if item.credential and format_path(item.path) not in lowered
    ]
    assert not missing


@pytest.mark.parametrize("dialect", list(BASES))
def test_check_shows_no_secret_in_any_format(dialect: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = planted_config(dialect)
    path = str(write(tmp_path, config))
    for output_format in FORMATS:
        for color in ("never", "always"):
            code, output = run_cli(capsys, "check", "--output-format", output_format, "--color", color, path)
            assert code == 1 and output
            assert_no_leak(f"check --output-format {output_format} --color {color}", output, config.planted)
        report_file = tmp_path / f"report.{output_format}"
        code, output = run_cli(
            capsys, "check", "--output-format", output_format, "--output-file", str(report_file), path
        )
        assert_no_leak(
            f"check --output-file ({output_format})", output + report_file.read_text(encoding="utf-8"), config.planted
        )
    if dialect == "routec":  # RC406's related locations quote the model a key was pasted into
        code, output = run_cli(capsys, "check", "--output-format", "json", path)
        assert any(item["code"] == "RC406" and item["related"] for item in json.loads(output)["diagnostics"])


@pytest.mark.parametrize("dialect", list(BASES))
def test_fixes_and_diffs_show_no_secret(dialect: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = planted_config(dialect)
    path = write(tmp_path, config)
    _, output = run_cli(capsys, "check", "--diff", str(path))
    assert_no_leak("check --diff", output, config.planted)
    code, output = run_cli(capsys, "check", "--diff", "--unsafe-fixes", str(path))
    assert code == 1  # there are fixes to show
    assert_no_leak("check --diff --unsafe-fixes", output, config.planted)
    # RC301's unsafe fixes rewrite every credential's line: the diff shows each old line, masked.
    removed = "".join(line for line in output.splitlines(keepends=True) if line.startswith("-"))
    assert all(mask(item.secret) in removed for item in config.planted if item.credential)
    for flags in (["--fix"], ["--fix", "--unsafe-fixes"]):
        _, output = run_cli(capsys, "check", *flags, "--output-format", "json", str(path))
        assert_no_leak(f"check {' '.join(flags)}", output, config.planted)
        path.write_text(config.text, encoding="utf-8")


@pytest.mark.parametrize("dialect", list(BASES))
def test_convert_route_explain_test_and_build_show_no_secret(
    dialect: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = planted_config(dialect)
    path = str(write(tmp_path, config))
    cases = tmp_path / "cases.yaml"
    cases.write_text("- {input: hello, expect_route: nowhere}\n", encoding="utf-8")
    name = next(iter(planted_report(dialect).config.routes))  # type: ignore[union-attr]
    converted = tmp_path / "converted.yaml"
    commands = [
        ["convert", path],
        ["convert", path, "-o", str(converted)],
        ["route", path, "hello"],
        ["route", "--json", path, "hello"],
        ["explain", path, name],
        ["test", path, str(cases)],
    ]
    for argv in commands:
        code, output = run_cli(capsys, *argv)
        assert_no_leak(" ".join(argv[:1] + argv[2:]), output, config.planted)
    assert_no_leak("convert -o", converted.read_text(encoding="utf-8"), config.planted)
    # A config with errors is not built: its diagnostics are printed and nothing is written.
    out = tmp_path / "out"
    code, output = run_cli(capsys, "build", path, "--out", str(out))
    assert code == 1 and "RC301" in output
    assert_no_leak("build", output, config.planted)
    assert not out.exists()


@pytest.mark.parametrize("dialect", list(BASES))
def test_a_file_that_does_not_parse_shows_no_key(
    dialect: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = broken_config(dialect)
    path = str(write(tmp_path, config))
    paste = next(item for item in config.planted if not item.credential)
    line = Source(config.name, config.text).position(config.text.index(paste.secret)).line
    report = check_text(config.text, config.name)
    assert [d.start_position.line for d in report.diagnostics if d.code == "RC001"][:1] == [line]
    shown = [item for item in config.planted if item.kind in {kind for kind, *_ in KEY_SHAPED}]
    for output_format in FORMATS:
        code, output = run_cli(capsys, "check", "--output-format", output_format, path)
        assert code == 1
        assert_no_leak(f"check --output-format {output_format} (unreadable)", output, shown)


@pytest.mark.parametrize("dialect", list(BASES))
def test_a_clean_build_carries_only_variable_names(
    dialect: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = clean_config(dialect)
    path = str(write(tmp_path, config))
    out = tmp_path / "out"
    code, output = run_cli(capsys, "build", path, "--out", str(out))
    assert code == 0, output
    artifacts = all_files(out)
    assert sorted(Path(name).name for name in artifacts) == ["routes.py", "routes.ts", "routing_table.json"]
    for name, text in artifacts.items():
        assert_no_leak(f"build artifact {Path(name).name}", text, config.planted)
    assert_no_leak("build", output, config.planted)
    table = json.loads(artifacts[str(out / "routing_table.json")])
    variables = [name for provider in table["providers"].values() for name in provider["credentials"]]
    assert all(re.fullmatch(r"[A-Z_][A-Z0-9_]*", name) for name in variables), variables
    # The table names a provider's variables: from its own block, or (LiteLLM) from the deployments that use it.
    assert any(name.startswith("PLANTED_VAR_") for name in variables)
    # What reads a clean config prints names and models (where a key may be pasted) masked.
    name = next(iter(check_text(config.text, config.name).config.routes))  # type: ignore[union-attr]
    cases = tmp_path / "cases.yaml"
    cases.write_text("- {input: hello, expect_route: nowhere}\n", encoding="utf-8")
    commands = {
        ("explain", path, name): 0,
        ("route", path, "hello"): 0,
        ("route", "--json", path, "hello"): 0,
        ("test", path, str(cases)): 1,  # the case fails, and the routing it took is explained
        ("convert", path): 0,
    }
    for argv, expected in commands.items():
        code, output = run_cli(capsys, *argv)
        assert code == expected, output
        assert_no_leak(" ".join(argv[:1] + argv[2:]) + " (clean)", output, config.planted)


# --- the language server ------------------------------------------------------------


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def editor(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """One `routec lsp` session, recording every message the server sends, as sent."""
    received: list[str] = []
    structure = lsp_client.protocol.structure_message

    def record(data: dict[str, Any]) -> Any:
        if "jsonrpc" in data:  # a whole message; nested objects pass through here first
            received.append(json.dumps(data, ensure_ascii=False))
        return structure(data)

    lsp_client.protocol.structure_message = record  # type: ignore[method-assign]
    lsp_client.received = received  # type: ignore[attr-defined]
    params = types.InitializeParams(
        capabilities=client_capabilities("visual_studio_code"), initialization_options={"debounceMs": 0}
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def lsp_position(config: PlantedConfig, offset: int) -> types.Position:
    line, character = Source(config.name, config.text).lsp_position(offset, "utf-16")
    return types.Position(line=line, character=character)


def probe_offsets(config: PlantedConfig) -> list[int]:
    """Inside every planted secret, and on every route, alias and reference name (hover and definition answer there)."""
    offsets = [config.text.index(item.secret) + 1 for item in config.planted]
    report = check_text(config.text, config.name)
    if report.config is not None:
        names = [route.key for route in report.config.routes.values()]
        names += [alias.key for alias in report.config.aliases.values()]
        names += [reference.name for reference in report.config.references()]
        offsets += [node.start + 1 for node in names]
    return offsets


async def ask_everything(editor: LanguageClient, uri: str, config: PlantedConfig) -> tuple[int, int]:
    """Every request routec answers, at every probe: how many requests, and how many hovers had something to say."""
    document = types.TextDocumentIdentifier(uri=uri)
    await editor.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=document))
    await editor.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=document))
    whole = types.Range(start=types.Position(line=0, character=0), end=lsp_position(config, len(config.text)))
    await editor.text_document_code_action_async(
        types.CodeActionParams(text_document=document, range=whole, context=types.CodeActionContext(diagnostics=[]))
    )
    offsets = probe_offsets(config)
    hovers = 0
    for offset in offsets:
        at = lsp_position(config, offset)
        hover = await editor.text_document_hover_async(types.HoverParams(text_document=document, position=at))
        hovers += hover is not None
        await editor.text_document_definition_async(types.DefinitionParams(text_document=document, position=at))
        await editor.text_document_references_async(
            types.ReferenceParams(
                text_document=document, position=at, context=types.ReferenceContext(include_declaration=True)
            )
        )
        await editor.text_document_completion_async(types.CompletionParams(text_document=document, position=at))
    return 3 + 4 * len(offsets), hovers


async def test_the_language_server_sends_no_secret(editor: LanguageClient, capfd: pytest.CaptureFixture[str]) -> None:
    planted: list[Planted] = []
    asked = 0
    for dialect in BASES:
        variants = {
            "planted": planted_config(dialect),
            "broken": broken_config(dialect),
            "clean": clean_config(dialect),
        }
        for variant, config in variants.items():
            planted += config.planted
            name = f"{variant}/{config.name}"
            published = await open_document(editor, name, config.text)
            if variant == "planted":
                shown = sorted(
                    (
                        d.range.start.line + 1,
                        d.range.start.character + 1,
                        d.range.end.line + 1,
                        d.range.end.character + 1,
                    )
                    for d in published
                    if d.code == "RC301"
                )
                assert shown == spans(config), f"{dialect}: RC301 in the editor is not where the secrets are"
            requests, hovers = await ask_everything(editor, uri_for(name), config)
            asked += requests
            assert hovers or variant == "broken", f"{dialect}: no hover answered"
    messages: list[str] = editor.received  # type: ignore[attr-defined]
    assert len(messages) > asked  # every answer, and the diagnostics pushed
    assert any('"RC301"' in message and "reference" in message for message in messages), "RC301's quick fixes"
    assert_no_leak("the language server's messages", "\n".join(messages), planted)
    assert_no_leak("the language server's stderr", capfd.readouterr().err, planted)
