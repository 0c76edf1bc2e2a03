"""No input makes routec crash: bad bytes always become diagnostics."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routec.check import check_bytes, check_text
from routec.diagnostics import Severity
from routec.rules import BY_CODE

from .conftest import ROOT

EXAMPLES = sorted(path for path in (ROOT / "examples").rglob("*.*"))
MEASURE = ROOT / "benchmarks" / "measure_child.py"
TIME_LIMIT_S = 30.0  # the slowest case (50,000 routes in one cycle) takes about 3 s
MEMORY_LIMIT_MB = 300  # the largest case (50,000 routes) peaks near 175 MB

_LAUGHS = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(9)
)


def _alias_chain(length: int) -> bytes:
    chain = "".join(f"  a{i}: a{i + 1}\n" for i in range(length))
    return f"routes:\n  r: {{model: 'ollama:m'}}\naliases:\n{chain}  a{length}: r\n".encode()


def _one_fallback_cycle(size: int) -> bytes:
    routes = "".join(f"  r{i}: {{model: 'ollama:m{i}', fallbacks: [r{(i + 1) % size}]}}\n" for i in range(size))
    return f"routes:\n{routes}".encode()


_MERGED_ROUTES = b"""\
x-base: &base
  model: 'ollama:llama3'
  fallbacks: [local]
routes:
  local: {model: 'ollama:qwen3'}
  fast:
    <<: *base
    description: merged from x-base
  strong:
    <<: [*base, {model: 1}]
"""

# Explicit keys win over merged ones, and the diagnostic points at the explicit one.
_MERGE_OVERRIDDEN = b"""\
routes:
  local: &base {model: "ollama:qwen3", fallbacks: [spare]}
  spare: {model: "ollama:llama3"}
  fast: {<<: *base, model: 1}
"""

_SHARED_ANCHOR = b"""\
routes:
  cheap: &cheap {model: 'ollama:qwen3', fallbacks: [strong]}
  strong: {model: 'ollama:llama3', fallbacks: [cheap]}
  copy: *cheap
"""

# name: (file name, contents, the first diagnostic as "line:col: CODE")
HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "deep-json5": ("deep.json5", lambda: b"[" * 100_000, "1:257: RC001"),
    "deep-json5-objects": ("deep.json5", lambda: b'{"a":' * 100_000, "1:1281: RC001"),
    "deep-yaml-flow": ("deep.yaml", lambda: b"a: " + b"[" * 100_000, "1:259: RC001"),
    "deep-yaml-flow-mappings": ("deep.yaml", lambda: b"a: " + b"{b: " * 100_000, "1:1024: RC001"),
    # Block nesting needs an indent per level: 100,000 levels would be 5 GB, so the
    # depth limit is shown on 400 levels, well past it.
    "deep-yaml-block": ("deep.yaml", lambda: "".join(f"{' ' * i}k{i}:\n" for i in range(400)).encode(), "257:257: RC001"),
    "too-big": ("big.yaml", lambda: b"routes: {}\n" + b"#" * (16 << 20), "1:1: RC001"),
    "binary": ("garbage.yaml", lambda: bytes(range(256)) * 64, "3:115: RC001"),
    "invalid-utf8": ("bad.json5", lambda: b'{"routes": {"\xc3\x28": {}}}', "1:14: RC001"),
    "utf16": ("wide.yaml", lambda: "routes: {}\n".encode("utf-16"), "1:1: RC001"),
    "nul": ("nul.json5", lambda: b'{"routes": {"a\x00": {}}}', "1:13: RC006"),
    "empty-json5": ("empty.json5", lambda: b"", "1:1: RC001"),
    "empty-yaml": ("empty.yaml", lambda: b"", "1:1: RC004"),
    "only-bom": ("bom.yaml", lambda: b"\xef\xbb\xbf", "1:1: RC004"),
    "alias-bomb": ("laughs.yaml", lambda: _LAUGHS + b"routes: *j\n", "6:4: RC001"),
    "python-object": ("tag.yaml", lambda: b"routes: !!python/object/apply:os.system ['echo pwned']\n", "1:9: RC004"),
    "complex-key": ("key.yaml", lambda: b"? [a, b]\n: c\nroutes: {}\n", "1:3: RC004"),
    "tab-indent": ("tabs.yaml", lambda: b"routes:\n\tfast: {}\n", "2:1: RC001"),
    "crlf": ("crlf.json5", lambda: b'{\r\n "routes": {\r\n  "fast": {"model": 3}\r\n }\r\n}\r\n', "3:21: RC004"),
    "huge-number": ("num.json5", lambda: b'{"routes": {"a": {"model": 1' + b"0" * 5000 + b"}}}", "1:28: RC001"),
    "long-line-json5": ("line.json5", lambda: b'{"routes": {"a": {"model": "' + b"x" * 1_000_000 + b'"}}}', "1:28: RC201"),
    "long-line-yaml": ("line.yaml", lambda: b"routes: {a: {model: '" + b"x" * 1_000_000 + b"'}}\n", "1:21: RC201"),
    "alias-chain-10k": ("chain.yaml", lambda: _alias_chain(10_000), "4:7: RC107"),
    "fallback-cycle-50k": ("cycle.yaml", lambda: _one_fallback_cycle(50_000), "50001:48: RC104"),
    "merge-keys": ("merge.yaml", lambda: _MERGED_ROUTES, "1:1: RC003"),
    "merge-key-overridden": ("override.yaml", lambda: _MERGE_OVERRIDDEN, "4:28: RC004"),
    "merge-key-not-a-mapping": ("scalar.yaml", lambda: b"routes:\n  odd: {<<: 3, model: 'ollama:m'}\n", "2:13: RC004"),
    "anchor-shared-by-routes": ("anchors.yaml", lambda: _SHARED_ANCHOR, "3:48: RC104"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_diagnostics_not_a_crash(name: str, tmp_path: Path) -> None:
    file_name, contents, expected = HOSTILE[name]
    config = tmp_path / file_name
    config.write_bytes(contents())
    log = tmp_path / "output.txt"
    command = [sys.executable, "-m", "routec", "check", "--output-format", "concise", str(config)]
    measured = subprocess.run(
        [sys.executable, "-I", "-S", str(MEASURE), str(log), *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S * 2,
        check=True,
    )
    wall_s, peak_kb, exit_code = measured.stdout.split()
    output = log.read_text(errors="replace")
    assert "Traceback" not in output
    code = expected.split()[-1]
    assert int(exit_code) == (1 if BY_CODE[code].severity is Severity.ERROR else 0), output[:2000]
    first = output.splitlines()[0]
    assert first.startswith(f"{config}:{expected} "), first[:300]
    assert max(len(line) for line in output.splitlines()) < 2000  # long values are clipped
    assert float(wall_s) < TIME_LIMIT_S
    assert int(peak_kb) < MEMORY_LIMIT_MB * 1024


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), suffix=st.sampled_from(["yaml", "json5"]))
def test_random_bytes_never_crash(data: bytes, suffix: str) -> None:
    report = check_bytes(data, f"fuzz.{suffix}")
    assert not report.internal_errors


def _mutations(text: str) -> st.SearchStrategy[str]:
    """Structure-blind mutations of a real config: deletions, insertions, duplications."""
    position = st.integers(min_value=0, max_value=len(text))
    insert = st.tuples(position, st.text(alphabet="{}[]:,'\"#/\\\n -$*&!|>", max_size=4)).map(
        lambda edit: text[: edit[0]] + edit[1] + text[edit[0] :]
    )
    delete = st.tuples(position, position).map(lambda span: text[: min(span)] + text[max(span) :])
    duplicate = st.tuples(position, position).map(lambda span: text[: max(span)] + text[min(span) : max(span)] + text[max(span) :])
    return st.one_of(insert, delete, duplicate)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_mutated_examples_never_crash(path: object) -> None:
    text = path.read_text()  # type: ignore[attr-defined]

    @settings(max_examples=60, deadline=None)
    @given(mutated=_mutations(text))
    def run(mutated: str) -> None:
        report = check_text(mutated, path.name)  # type: ignore[attr-defined]
        assert not report.internal_errors, report.internal_errors

    run()
