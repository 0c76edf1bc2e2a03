"""routec build: a schema-valid, byte-identical table and stubs that real type checkers accept."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import jsonschema
import pytest
import yaml

from routec.build import build
from routec.check import check_bytes
from routec.emit import RENDERERS, Stubs, gateway_emitters, plan_constants, render_python, render_typescript
from routec.emit.convert import convert
from routec.emit.names import file_label, identifier
from routec.resolve import resolve

from .conftest import EXAMPLE_CONFIGS, ROOT

EXAMPLES = EXAMPLE_CONFIGS
TABLE_SCHEMA = json.loads((ROOT / "schemas" / "routing-table.schema.json").read_text())


def routec(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "routec", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_examples_build_a_schema_valid_table(path: Path) -> None:
    result = build(path.read_bytes(), str(path), ("table", "python", "typescript"))
    assert result.ok, [d.message for d in result.report.diagnostics]
    table = json.loads(result.artifacts["table"])
    jsonschema.validate(table, TABLE_SCHEMA)
    again = build(path.read_bytes(), str(path), ("table", "python", "typescript"))
    assert again.artifacts == result.artifacts  # byte-identical for the same input


def test_table_resolves_chains_aliases_and_agents() -> None:
    path = ROOT / "examples" / "routec" / "full.json5"
    table = json.loads(build(path.read_bytes(), str(path), ("table",)).artifacts["table"])
    strong = table["routes"]["strong"]
    assert [step["target"] for step in strong["chain"]] == [
        "anthropic:claude-opus-4-6",
        "openai:gpt-5",
        "gemini:gemini-2.5-flash",
        "openai:gpt-4o-mini",
    ]
    assert table["aliases"]["deep-think"]["resolution"] == "deep-think -> reasoning -> strong"
    assert table["aliases"]["embeddings"]["route"] is None
    assert table["agents"]["planner"]["route"] == "strong"
    assert table["agents"]["planner"]["reason"] == "agent route"
    assert table["agents"]["coder"]["reason"] == "agent model"
    assert table["defaults"]["reason"] == "defaults route"
    assert table["providers"]["anthropic"]["credentials"] == ["ANTHROPIC_API_KEY"]
    assert table["source"]["sha256"] == __import__("hashlib").sha256(path.read_bytes()).hexdigest()


def test_agent_without_choice_inherits_the_defaults() -> None:
    path = ROOT / "examples" / "carapace" / "per-agent-route.json5"
    table = json.loads(build(path.read_bytes(), str(path), ("table",)).artifacts["table"])
    assert table["agents"]["assistant"]["reason"] == "defaults (defaults route)"
    assert table["agents"]["assistant"]["route"] == "fast"
    assert table["agents"]["researcher"]["route"] == "strong"


def test_build_writes_all_three_and_rewrites_nothing_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = routec("build", "examples/routec/full.json5", "--out", str(out))
    assert first.returncode == 0, first.stderr
    names = sorted(path.name for path in out.iterdir())
    assert names == ["routes.py", "routes.ts", "routing_table.json"]
    times = {path.name: path.stat().st_mtime_ns for path in out.iterdir()}
    contents = {path.name: path.read_bytes() for path in out.iterdir()}
    second = routec("build", "examples/routec/full.json5", "--out", str(out))
    assert second.stdout.count("unchanged:") == 3
    assert {path.name: path.stat().st_mtime_ns for path in out.iterdir()} == times
    assert {path.name: path.read_bytes() for path in out.iterdir()} == contents


def test_targets_and_names_are_selectable(tmp_path: Path) -> None:
    result = routec(
        "build", "examples/routec/basic.yaml", "--out", str(tmp_path), "--target", "python", "--python-name", "llm_routes.py"
    )
    assert result.returncode == 0, result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["llm_routes.py"]


def test_a_config_with_errors_is_not_built(tmp_path: Path) -> None:
    result = routec("build", "tests/cases/RC101-unknown-route/fail-agent-route.yaml", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "RC101" in result.stdout
    assert not (tmp_path / "out").exists()


def test_check_catches_a_stale_stub_an_edited_table_and_a_missing_file(tmp_path: Path) -> None:
    args = ("build", "examples/routec/full.json5", "--out", str(tmp_path))
    assert routec(*args).returncode == 0
    fresh = routec(*args, "--check")
    assert fresh.returncode == 0 and "up to date" in fresh.stdout
    (tmp_path / "routes.py").write_text((tmp_path / "routes.py").read_text().replace("gpt-5", "gpt-4"))
    table = json.loads((tmp_path / "routing_table.json").read_text())
    table["routes"]["fast"]["model"] = "edited"
    (tmp_path / "routing_table.json").write_text(json.dumps(table, indent=2))
    (tmp_path / "routes.ts").unlink()
    stale = routec(*args, "--check")
    assert stale.returncode == 1
    assert stale.stdout.splitlines() == [
        f"stale: {tmp_path / 'routing_table.json'}",
        f"stale: {tmp_path / 'routes.py'}",
        f"stale: {tmp_path / 'routes.ts'} (missing)",
    ]
    assert not (tmp_path / "routes.ts").exists()  # --check writes nothing


@pytest.mark.parametrize("name", ["../escape.py", "/tmp/abs.py", "sub/dir.py", ".."])
def test_output_names_cannot_leave_the_output_directory(tmp_path: Path, name: str) -> None:
    result = routec("build", "examples/routec/basic.yaml", "--out", str(tmp_path), "--python-name", name)
    assert result.returncode == 2
    assert "plain file name" in result.stderr


def test_symlinked_outputs_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text("keep me\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "routes.py").symlink_to(outside)
    result = routec("build", "examples/routec/basic.yaml", "--out", str(out))
    assert result.returncode == 2
    assert "symbolic link" in result.stderr
    assert outside.read_text() == "keep me\n"


def test_names_that_collide_as_constants_are_a_build_error(tmp_path: Path) -> None:
    config = tmp_path / "collide.yaml"
    config.write_text("routes:\n  fast: {model: 'ollama:a'}\n  fast-: {model: 'ollama:b'}\n")
    result = routec("build", str(config), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "collide.yaml:3:3: 'fast-' and 'fast' (line 2) would both become the constant FAST" in result.stderr


@pytest.mark.parametrize(
    ("name", "constant"),
    [("fast", "FAST"), ("fast-model", "FAST_MODEL"), ("plano.summarize.v1", "PLANO_SUMMARIZE_V1"), ("4o", "N_4O"), ("-", "NAME")],
)
def test_identifier_mapping(name: str, constant: str) -> None:
    assert identifier(name) == constant


# --- the config's file name in generated comments and docstrings -------------------------

# A file name may hold anything but `/` and NUL: each of these would end the docstring,
# comment or line it is pasted into, or hide what it says.
HOSTILE_FILES = [
    'x"""y.yaml',
    'it\'s "quoted".yaml',
    'ends in a quote"',
    "back\\slash\\N{x}\\u12\\.yaml",
    "new\nline\r.yaml",
    "a*/b /*c.yaml",
    "ls\u2028ps\u2029nel\x85.yaml",
    "emoji😀 名前.yaml",
    "ctl\x07\x1b\x7f bidi\u202e zwsp\u200b.yaml",
    "tag\U000e0001.yaml",
]
# All of them at once: its Python stub also goes through mypy and pyright.
MIXED_FILE = 'x"""\\N{\n*/😀\u2028\x07.yaml'
BASIC = ROOT / "examples" / "routec" / "basic.yaml"


def artifacts_named(name: str) -> dict[str, str]:
    """Every artifact of basic.yaml, and its conversion, as if the file were called `name`."""
    data = BASIC.read_bytes()
    report = check_bytes(data, name)
    assert report.config is not None
    table = resolve(report.config, name, data)  # the name as given: build() would cut it at a backslash
    stubs = plan_constants(report.config)
    texts = {target: render(table, stubs) for target, render in RENDERERS.items()}
    texts |= {target: emit(table, report.config).text for target, emit in gateway_emitters().items()}
    texts["convert"] = convert(report.config).text
    return texts


@pytest.mark.parametrize("name", ["basic.yaml", "名前 😀.json5", *HOSTILE_FILES, MIXED_FILE], ids=ascii)
def test_file_label_is_plain_or_a_string_literal_that_cannot_end_a_comment(name: str) -> None:
    label = file_label(name)
    if label == name:
        assert " " not in name and '"' not in name and "\\" not in name
        return
    assert label.isprintable() and "*/" not in label
    assert json.loads(label) == name
    astral = any(ord(char) > 0xFFFF and not char.isprintable() for char in name)  # escaped as a surrogate pair
    assert ast.literal_eval(label) == name or astral


@pytest.mark.parametrize("name", [*HOSTILE_FILES, MIXED_FILE], ids=ascii)
def test_a_hostile_file_name_changes_nothing_but_its_label(name: str) -> None:
    plain = artifacts_named("basic.yaml")
    texts = artifacts_named(name)
    label = file_label(name)
    assert label != name
    for target, text in texts.items():
        text.encode("utf-8")  # writable
        # No line break other than \n (U+2028 ends a TypeScript `//` comment, NEL a YAML one).
        assert text.splitlines() == text.split("\n")[:-1], target
        cut = target == "convert" and ("/" in name or "\\" in name)  # convert reads a path: it shows the last part
        if target != "table" and not cut:
            assert label in text and text.replace(label, "basic.yaml") == plain[target], target
    table = json.loads(texts["table"])
    assert table["source"]["file"] == name
    jsonschema.validate(table, TABLE_SCHEMA)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an invalid escape such as \N{x} is a SyntaxWarning, soon an error
        module = ast.parse(texts["python"])
    assert ast.get_docstring(module, clean=False).startswith(f"Routes of {label}, generated by routec")  # type: ignore[union-attr]
    for target in ("litellm", "plano", "convert"):
        assert yaml.safe_load(texts[target]) == yaml.safe_load(plain[target]), target


def test_an_undecodable_byte_in_the_file_name_does_not_stop_the_build() -> None:
    # Python passes a byte that is not UTF-8 on as a lone surrogate, which no UTF-8 file can hold.
    result = build(BASIC.read_bytes(), "/tmp/sur\udcffx.yaml", ("table", "python", "typescript", "litellm", "plano"))
    assert result.ok
    for text in result.artifacts.values():
        text.encode("utf-8")
    assert json.loads(result.artifacts["table"])["source"]["file"] == "sur\ufffdx.yaml"
    assert "\\udcff" in convert(check_bytes(BASIC.read_bytes(), "sur\udcffx.yaml").config).text.splitlines()[0]  # type: ignore[arg-type]


# --- the stubs under real type checkers -------------------------------------------------

ODD_NAMES = ["plano.summarize.v1", "fast-model", "4o", "名前", 'quote"d']


def odd_table() -> dict[str, object]:
    """A table whose names are legal in other dialects but not identifiers."""
    step = {"provider": "openai", "model": "gpt-4o", "target": "openai:gpt-4o"}
    return {
        "source": {"file": "odd.yaml"},
        "generator": {"version": "test"},
        "routes": {name: {**step, "chain": [step]} for name in ODD_NAMES},
        "aliases": {},
        "agents": {"agent.one": {"route": "fast-model", "reason": "agent route", **step}},
    }


def odd_stubs() -> Stubs:
    return Stubs([(name, identifier(name)) for name in ODD_NAMES], [("agent.one", "AGENT_ONE")], [])


GOOD_PY = '''
from {package}.routes import ROUTES, Routes, chain_for, model_for, route_for
assert model_for({name}).count(":") >= 1
assert isinstance(chain_for(Routes.{constant}), tuple)
assert ROUTES[{name}].chain
print(route_for)
'''
BAD_PY = '''
from {package}.routes import model_for
model_for("fsat")
'''
GOOD_TS = '''
import {{ ROUTES, Routes, chainFor, modelFor }} from "./routes";
const model: string = modelFor({name});
const chain: readonly string[] = chainFor(Routes.{constant});
console.log(model, chain, ROUTES[{name}].chain.length);
'''
BAD_TS = '''
import {{ modelFor }} from "./routes";
modelFor("fsat");
'''


@pytest.fixture(scope="module")
def stub_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example's stubs, plus names that are not identifiers, each with good and bad usage.

    Also the stubs of a config with a hostile file name, and a routes.ts for each of HOSTILE_FILES.
    """
    root = tmp_path_factory.mktemp("stubs")
    sets: list[tuple[str, str, str, str, str]] = []
    for path in EXAMPLES:
        result = build(path.read_bytes(), str(path), ("python", "typescript"))
        first = next(iter(json.loads(build(path.read_bytes(), str(path), ("table",)).artifacts["table"])["routes"]))
        sets.append((path.stem.replace("-", "_") + "_" + path.parent.name, result.artifacts["python"], result.artifacts["typescript"], first, identifier(first)))
    sets.append(("odd_names", render_python(odd_table(), odd_stubs()), render_typescript(odd_table(), odd_stubs()), "fast-model", "FAST_MODEL"))
    mixed = artifacts_named(MIXED_FILE)
    sets.append(("hostile_file_name", mixed["python"], mixed["typescript"], "fast", "FAST"))
    for package, python, typescript, name, constant in sets:
        folder = root / package
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        (folder / "routes.py").write_text(python, encoding="utf-8")
        (folder / "routes.ts").write_text(typescript, encoding="utf-8")
        quoted = json.dumps(name)
        (folder / "good_usage.py").write_text(GOOD_PY.format(package=package, name=quoted, constant=constant))
        (folder / "bad_usage.py").write_text(BAD_PY.format(package=package))
        (folder / "good_usage.ts").write_text(GOOD_TS.format(name=quoted, constant=constant))
        (folder / "bad_usage.ts").write_text(BAD_TS.format())
    for index, name in enumerate(HOSTILE_FILES):  # each file name's routes.ts must compile too: one tsc run for all
        folder = root / f"hostile_file_{index}"
        folder.mkdir()
        (folder / "routes.ts").write_text(artifacts_named(name)["typescript"], encoding="utf-8")
    return root


def errors_by_file(output: str, root: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in output.splitlines():
        if "error" not in line:
            continue
        for path in root.rglob("*_usage.*"):
            if str(path.relative_to(root)) in line or str(path) in line:
                counts[str(path.relative_to(root))] = counts.get(str(path.relative_to(root)), 0) + 1
        for path in root.rglob("routes.*"):
            if str(path.relative_to(root)) in line or str(path) in line:
                counts[str(path.relative_to(root))] = counts.get(str(path.relative_to(root)), 0) + 1
    return counts


def expected_errors(root: Path, suffix: str) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob(f"bad_usage{suffix}")}


def test_python_stubs_pass_mypy_strict_and_a_wrong_route_fails(stub_tree: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--hide-error-context", "."],
        cwd=stub_tree,
        capture_output=True,
        text=True,
    )
    failing = errors_by_file(result.stdout, stub_tree)
    assert set(failing) == expected_errors(stub_tree, ".py"), result.stdout
    assert "fsat" in result.stdout


def test_python_stubs_pass_pyright_strict_and_a_wrong_route_fails(stub_tree: Path, node_bin: Path) -> None:
    (stub_tree / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11"}))
    result = subprocess.run(
        [str(node_bin / "pyright"), "--pythonpath", sys.executable, "."],
        cwd=stub_tree,
        capture_output=True,
        text=True,
        env={**os.environ, "PYRIGHT_PYTHON_FORCE_VERSION": ""},
    )
    failing = errors_by_file(result.stdout, stub_tree)
    assert set(failing) == expected_errors(stub_tree, ".py"), result.stdout
    assert "fsat" in result.stdout


def test_typescript_stubs_pass_tsc_strict_and_a_wrong_route_fails(stub_tree: Path, node_bin: Path) -> None:
    files = sorted(str(path.relative_to(stub_tree)) for path in stub_tree.rglob("*.ts"))
    result = subprocess.run(
        # The oldest target the README promises, with that target's library (and the DOM's `console` the usage files print with).
        [str(node_bin / "tsc"), "--strict", "--noEmit", "--target", "es2018", "--module", "es2022",
         "--moduleResolution", "bundler", "--lib", "es2018,dom", *files],
        cwd=stub_tree,
        capture_output=True,
        text=True,
    )
    failing = errors_by_file(result.stdout, stub_tree)
    assert set(failing) == expected_errors(stub_tree, ".ts"), result.stdout
    assert "fsat" in result.stdout


def test_python_stub_runs_and_answers() -> None:
    path = ROOT / "examples" / "routec" / "full.json5"
    namespace: dict[str, object] = {}
    exec(compile(build(path.read_bytes(), str(path), ("python",)).artifacts["python"], "routes.py", "exec"), namespace)
    model_for = namespace["model_for"]
    chain_for = namespace["chain_for"]
    route_for = namespace["route_for"]
    assert model_for("deep-think") == "anthropic:claude-opus-4-6"  # type: ignore[operator]
    assert chain_for("fast") == ("gemini:gemini-2.5-flash", "openai:gpt-4o-mini")  # type: ignore[operator]
    assert route_for("coder") is None and route_for("planner") == "strong"  # type: ignore[operator]
