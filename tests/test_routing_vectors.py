"""Shared routing vectors: the CLI, the Python stub and the TypeScript stub pick the same routes.

tests/routing/<set>.yaml is a rule set; <set>.inputs.json its requests (text and,
sometimes, an intent label); <set>.expected.json the route each request selects
(pinned; regenerate with ROUTEC_UPDATE_GOLDEN=1 and review). Ties, priorities,
shadowed rules, regexes, intents, phrases, Unicode and aliases are all in there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from routec.build import build
from routec.check import check_bytes
from routec.routing import route_request

from .conftest import ROOT, compare_golden
from .stub_tools import NODE_DECLARATIONS, import_stub, run_typescript

VECTORS = ROOT / "tests" / "routing"
SETS = sorted(path.stem for path in VECTORS.glob("*.yaml"))


def inputs(name: str) -> list[dict[str, str]]:
    return json.loads((VECTORS / f"{name}.inputs.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def expected(name: str) -> list[str | None]:
    return json.loads((VECTORS / f"{name}.expected.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_there_are_enough_vectors() -> None:
    count = sum(len(inputs(name)) for name in SETS)
    assert count >= 200
    assert len(SETS) >= 6
    assert f"; {count} shared test\nvectors keep the three in agreement" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SETS)
def test_engine_matches_the_pinned_routes(name: str) -> None:
    path = VECTORS / f"{name}.yaml"
    config = check_bytes(path.read_bytes(), str(path)).config
    assert config is not None
    selected = [route_request(config, item["text"], item.get("intent")).name for item in inputs(name)]
    compare_golden(VECTORS / f"{name}.expected.json", json.dumps(selected, ensure_ascii=False, indent=1) + "\n")


@pytest.mark.parametrize("name", SETS)
def test_cli_agrees(name: str, tmp_path: Path) -> None:
    """`routec test` with every vector as a case: the CLI routes each request to the pinned route."""
    cases = [
        {"input": item["text"], "expect_route": route, **({"intent": item["intent"]} if "intent" in item else {})}
        for item, route in zip(inputs(name), expected(name))
    ]
    cases_file = tmp_path / "cases.json5"
    cases_file.write_text(json.dumps({"cases": cases}, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "routec", "test", str(VECTORS / f"{name}.yaml"), str(cases_file)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", SETS)
def test_python_stub_agrees(name: str, tmp_path: Path) -> None:
    path = VECTORS / f"{name}.yaml"
    stub = build(path.read_bytes(), str(path), ("python",)).artifacts["python"]
    module = import_stub(stub, tmp_path / f"routes_{name.replace('-', '_')}.py")
    selected = [module.select_route(item["text"], item.get("intent")) for item in inputs(name)]
    assert selected == expected(name)


SELECT = (
    'import { selectRoute } from "./routes";\n'
    + NODE_DECLARATIONS
    + "const fs = require(\"fs\");\n"
    "const items: { text: string; intent?: string }[] = JSON.parse(fs.readFileSync(process.argv[2], \"utf8\"));\n"
    "console.log(JSON.stringify(items.map((item) => selectRoute(item.text, item.intent))));\n"
)


def test_typescript_stubs_agree(node_bin: Path, tmp_path: Path) -> None:
    """Every rule set's routes.ts, compiled by tsc and run by node over the same inputs."""
    programs: dict[str, tuple[str, str]] = {}
    for name in SETS:
        path = VECTORS / f"{name}.yaml"
        programs[name] = (build(path.read_bytes(), str(path), ("typescript",)).artifacts["typescript"], SELECT)
    outputs = run_typescript(node_bin, tmp_path, programs, {name: [str(VECTORS / f"{name}.inputs.json")] for name in SETS})
    for name in SETS:
        assert json.loads(outputs[name]) == expected(name), name
