"""`routec convert --to routec`: every example, in any dialect, becomes a routec config that
checks clean and routes the same way; what does not carry over is listed, not dropped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from routec.build import build
from routec.check import check_bytes, check_text
from routec.emit.convert import convert, model_string

from .conftest import EXAMPLE_CONFIGS, ROOT

EXAMPLES = EXAMPLE_CONFIGS


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: str(path.relative_to(ROOT / "examples")))
def test_conversion_checks_clean_and_routes_the_same(path: Path) -> None:
    original = check_bytes(path.read_bytes(), str(path))
    assert original.config is not None
    result = convert(original.config)
    converted = check_text(result.text, "converted.yaml")
    assert converted.config is not None and converted.config.dialect == "routec"
    errors = [f"{d.code} {d.message}" for d in converted.diagnostics if d.severity.value == "error"]
    assert errors == [], result.text
    names = {old: result.renamed.get(old, old) for old in [*original.config.routes, *original.config.aliases]}
    source = build(path.read_bytes(), str(path), ("table",))
    target = build(result.text.encode(), "converted.yaml", ("table",))
    import json

    before = json.loads(source.artifacts["table"])["routes"]
    after = json.loads(target.artifacts["table"])["routes"]
    for name, route in before.items():
        mapped = after[names[name]]
        expected_chain = [_normalized(original.config, step["target"]) for step in route["chain"]]
        assert [step["target"] for step in mapped["chain"]] == expected_chain, name


def _normalized(config: object, target: str) -> str:
    from routec.ir import ModelRef
    from routec.syntax import Scalar

    return model_string(config, ModelRef(Scalar(target, 0, 0), "x"))  # type: ignore[arg-type]


def test_carapace_settings_are_listed_not_dropped() -> None:
    path = ROOT / "examples" / "carapace" / "carapace.json5"
    result = convert(check_bytes(path.read_bytes(), str(path)).config)  # type: ignore[arg-type]
    header = [line for line in result.text.splitlines() if line.startswith("#")]
    assert "#   line 4: gateway.bind = \"loopback\"" in header
    assert any("gateway.auth.token" in line for line in header)
    assert "gemini:" in result.text and 'apiKey: "${GOOGLE_API_KEY}"' in result.text  # the google block, as routec's provider


def test_names_that_are_not_route_ids_are_renamed(tmp_path: Path) -> None:
    config = tmp_path / "c.json5"
    config.write_text('// routec: dialect=carapace\n{ "routes": { "fast": { "model": "ollama:llama3" } }, "agents": { "defaults": { "route": "fast" } } }')
    result = subprocess.run([sys.executable, "-m", "routec", "convert", str(config)], capture_output=True, text=True)
    assert result.returncode == 0
    assert "routes:\n  fast:\n    model: \"ollama:llama3\"" in result.stdout
    assert "defaults:\n    route: fast" in result.stdout


def test_unreadable_config_is_not_converted(tmp_path: Path) -> None:
    config = tmp_path / "broken.yaml"
    config.write_text("routes: [\n")
    result = subprocess.run([sys.executable, "-m", "routec", "convert", str(config)], capture_output=True, text=True)
    assert result.returncode == 1 and "RC001" in result.stdout
