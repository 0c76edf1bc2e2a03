"""No input makes routec crash: bad bytes always become diagnostics."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routec.check import check_bytes, check_text

from .conftest import ROOT

EXAMPLES = sorted(path for path in (ROOT / "examples").rglob("*.*"))

HOSTILE = {
    "deep-json5": ("deep.json5", b"[" * 100_000),
    "deep-yaml-flow": ("deep.yaml", b"a: " + b"[" * 100_000),
    "deep-yaml-block": ("deep.yaml", "".join(f"{' ' * i}k{i}:\n" for i in range(400)).encode()),
    "binary": ("garbage.yaml", bytes(range(256)) * 64),
    "invalid-utf8": ("bad.json5", b'{"routes": {"\xc3\x28": {}}}'),
    "utf16": ("wide.yaml", "routes: {}\n".encode("utf-16")),
    "nul": ("nul.json5", b'{"routes": {"a\x00": {}}}'),
    "empty-json5": ("empty.json5", b""),
    "empty-yaml": ("empty.yaml", b""),
    "only-bom": ("bom.yaml", b"\xef\xbb\xbf"),
    "alias-bomb": (
        "laughs.yaml",
        b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(9)
        )
        + b"routes: *j\n",
    ),
    "python-object": ("tag.yaml", b"routes: !!python/object/apply:os.system ['echo pwned']\n"),
    "complex-key": ("key.yaml", b"? [a, b]\n: c\nroutes: {}\n"),
    "tab-indent": ("tabs.yaml", b"routes:\n\tfast: {}\n"),
    "crlf": ("crlf.json5", b'{\r\n "routes": {\r\n  "fast": {"model": 3}\r\n }\r\n}\r\n'),
    "huge-number": ("num.json5", b'{"routes": {"a": {"model": 1' + b"0" * 5000 + b"}}}"),
    "long-line": ("line.json5", b'{"routes": {"a": {"model": "' + b"x" * 1_000_000 + b'"}}}'),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_diagnostics_not_a_crash(name: str) -> None:
    path, data = HOSTILE[name]
    result = subprocess.run(
        [sys.executable, "-m", "routec", "check", "--output-format", "concise", "-", "--stdin-filename", path],
        input=data,
        capture_output=True,
        timeout=60,
    )
    assert b"Traceback" not in result.stderr
    assert result.stderr == b"", result.stderr
    assert result.returncode == 1, result.stdout
    assert b": RC" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) < 2000  # long values are clipped


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
