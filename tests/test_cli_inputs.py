"""The commands that read one config (or one cases file): what they accept, and how they name it.

In process through `routec.cli.main`, so the many cases stay cheap; test_routing_cli.py and
test_cli.py run the real process.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from routec.cli import main

from .conftest import ROOT

KEYWORDS = "examples/routec/keyword-rules.yaml"
BASIC = "examples/routec/basic.yaml"
ONE_CASE = "cases:\n  - input: derive the equation\n    expect_route: math\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit:  # a config with errors ends the command this way
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


ONE_CONFIG_COMMANDS = {
    "build": ["build", "{path}", "--out", "{tmp}/out"],
    "graph": ["graph", "{path}"],
    "convert": ["convert", "{path}"],
    "route": ["route", "{path}", "some text"],
    "explain": ["explain", "{path}", "fast"],
    "test (config)": ["test", "{path}", "examples/routec/keyword-rules.cases.yaml"],
    "test (cases)": ["test", KEYWORDS, "{path}"],
    "diff (old)": ["diff", "{path}", BASIC],
    "diff (new)": ["diff", BASIC, "{path}"],
}


def command(name: str, path: str, tmp_path: Path) -> list[str]:
    return [part.format(path=path, tmp=tmp_path) for part in ONE_CONFIG_COMMANDS[name]]


@pytest.mark.parametrize("name", ONE_CONFIG_COMMANDS)
def test_a_directory_is_refused_where_one_file_is_read(name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, *command(name, "examples/routec", tmp_path))
    assert code == 2 and out == ""
    verb = name.split()[0]
    assert err.startswith(f"routec: error: examples/routec is a directory; routec {verb} ")
    assert "(`routec check` takes directories)" in err
    assert not (tmp_path / "out").exists()  # build wrote nothing


@pytest.mark.parametrize("name", ONE_CONFIG_COMMANDS)
def test_an_empty_directory_is_refused_too(name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, *command(name, str(empty), tmp_path))
    assert code == 2 and f"{empty} is a directory" in err  # was StopIteration, reported as a routec bug


@pytest.mark.parametrize("name", ONE_CONFIG_COMMANDS)
def test_a_missing_file_is_a_usage_error(name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, *command(name, "no/such.yaml", tmp_path))
    assert (code, out, err) == (2, "", "routec: error: no such file or directory: no/such.yaml\n")


def test_check_still_takes_directories(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--color", "never", "examples/routec")
    assert code == 0 and "All checks passed" in out


BROKEN = "routes:\n  fast: {model: 'gemini:gemini-2.5-flash'}\nagents:\n  defaults: {route: fsat}\n"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["route", "-", "x"], "<stdin>:4:21"),
        (["explain", "-", "fast"], "<stdin>:4:21"),
        (["build", "-", "--out", "unused"], "<stdin>:4:21"),
        (["graph", "-"], "<stdin>:4:21"),
        (["convert", "-"], "routec: note: <stdin> has 1 error(s)"),
    ],
)
def test_standard_input_is_named_as_check_names_it(
    args: list[str], shown: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin(monkeypatch, BROKEN)
    _, out, err = run(capsys, *args)
    assert shown in out + err and "-:4:21" not in out + err and "note: - has" not in err
    stdin(monkeypatch, BROKEN)
    _, check, _ = run(capsys, "check", "-")
    assert "<stdin>:4:21" in check


def test_standard_input_names_the_built_table_source(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stdin(monkeypatch, (ROOT / BASIC).read_text())
    code, _, _ = run(capsys, "build", "-", "--out", str(tmp_path), "--target", "table")
    assert code == 0
    assert json.loads((tmp_path / "routing_table.json").read_text())["source"]["file"] == "<stdin>"


def test_a_cases_file_from_standard_input_is_named_in_failures(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, ONE_CASE.replace("math", "code"))
    code, out, _ = run(capsys, "test", KEYWORDS, "-")
    assert code == 1 and out.startswith("FAIL <stdin>:2: 'derive the equation' should reach route 'code'")


@pytest.mark.parametrize("args", [["test", "-", "-"], ["diff", "-", "-"], ["diff", BASIC, "-", "--cases", "-"]])
def test_standard_input_is_read_once(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, (ROOT / BASIC).read_text())
    code, _, err = run(capsys, *args)
    assert code == 2 and "only one input can be standard input (-)" in err


def test_route_text_and_json_give_the_same_one_based_character(capsys: pytest.CaptureFixture[str]) -> None:
    _, text, _ = run(capsys, "route", KEYWORDS, "derive the equation")
    _, as_json, _ = run(capsys, "route", "--json", KEYWORDS, "derive the equation")
    assert "(keyword 'equation' at character 12, priority 0)" in text  # "derive the " is 11 characters
    assert json.loads(as_json)["matched"] == {"kind": "keyword", "text": "equation", "character": 12}


def test_route_counts_characters_of_the_text_as_given(capsys: pytest.CaptureFixture[str]) -> None:
    # "İ".lower() is two code points: the match is found in the lowercased text, but reported in the text.
    _, text, _ = run(capsys, "route", KEYWORDS, "İİ equation")
    _, as_json, _ = run(capsys, "route", "--json", KEYWORDS, "İİ equation")
    assert "'equation' at character 4," in text
    assert json.loads(as_json)["matched"]["character"] == 4


def test_route_json_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    reasons = {}
    for config, text, intent in [
        (KEYWORDS, "derive the equation", []),
        ("examples/routec/classifier.yaml", "hello", []),
        ("examples/routec/classifier.yaml", "x", ["--intent", "code"]),
        (BASIC, "hello", []),
    ]:
        _, out, _ = run(capsys, "route", "--json", config, text, *intent)
        document = json.loads(out)
        reasons[(config, text)] = document["reason"]
        if intent:
            assert document["matched"] == {"kind": "intent", "text": "code", "character": None}
    assert list(reasons.values()) == ["rule", "default", "rule", "no rules"]


def test_route_on_a_config_without_rules_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "route", BASIC, "hello")
    assert code == 0
    assert out.splitlines() == [
        f"no rules: {BASIC} has no rules, so a request's text does not pick its route",
        "a request goes where its agent sends it; agents without a route or model of their own use the defaults: route 'fast'",
    ]


def test_route_without_rules_or_defaults(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "bare.yaml"
    config.write_text("routes:\n  fast: {model: 'ollama:llama3'}\n")
    _, out, _ = run(capsys, "route", str(config), "hello")
    assert out.splitlines()[1] == "a request goes where its agent sends it; there are no defaults: the gateway's own default applies"


def test_route_with_rules_but_no_default(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "rules.yaml"
    config.write_text("routes:\n  fast: {model: 'ollama:llama3'}\nagents:\n  defaults: {model: 'ollama:llama3'}\nrules:\n  match:\n    - {keywords: [hi], route: fast}\n")
    _, out, _ = run(capsys, "route", str(config), "hello")
    assert out.splitlines() == [
        "no rule matches and there is no default route",
        "a request goes where its agent sends it; agents without a route or model of their own use the defaults: model ollama:llama3",
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "1:1", "no cases: the file is empty"),
        ("# nothing yet\n", "1:1", "no cases: the file is empty"),
        ("cases: []\n", "1:8", "no cases: the list is empty"),
        ("[]\n", "1:1", "no cases: the list is empty"),
        ("cases:\n", "1:1", "no cases: `cases` is empty"),
        ("{cases: {}}", "1:9", "expected a list of cases"),
    ],
)
def test_a_cases_file_with_no_cases_is_a_positioned_usage_error(
    text: str, where: str, message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(text)
    code, out, err = run(capsys, "test", KEYWORDS, str(cases))
    assert code == 2 and out == ""
    assert err.startswith(f"routec: error: invalid cases file: {cases}:{where}: {message}"), err


def test_an_expected_route_the_config_does_not_define_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(ONE_CASE + "  - input: derive the equation\n    expect_route: mathh\n  - input: hi\n    expect_route: nosuchroute\n")
    code, out, _ = run(capsys, "test", KEYWORDS, str(cases))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"FAIL {cases}:4: expects route 'mathh', which the config does not define; did you mean 'math'?"
    assert lines[1] == f"FAIL {cases}:6: expects route 'nosuchroute', which the config does not define"
    assert lines[-1] == "1 of 3 cases passed, 2 failed."


def test_an_expected_alias_counts_as_defined(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("- input: plan the quarter\n  expect_route: deep-think\n")
    code, out, _ = run(capsys, "test", "examples/routec/full.json5", str(cases))
    assert "does not define" not in out
    assert code == 1 and out.startswith(f"FAIL {cases}:1: 'plan the quarter' should reach route 'deep-think'")


def test_build_into_a_path_that_is_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "generated"
    out.write_text("not a directory")
    code, _, err = run(capsys, "build", BASIC, "--out", str(out))
    assert code == 2 and f"--out {out} is a file" in err and "Errno" not in err
    assert out.read_text() == "not a directory"


def test_a_file_named_twice_is_checked_once(capsys: pytest.CaptureFixture[str]) -> None:
    """Named, found again in its directory, and named by another path to it: one file, one report."""
    bad = "tests/cases/RC101-unknown-route/fail-agent-route.yaml"
    other = "tests/cases/RC101-unknown-route/../RC101-unknown-route/fail-agent-route.yaml"
    code, out, _ = run(capsys, "check", "--output-format", "concise", bad, other, "tests/cases/RC101-unknown-route")
    assert code == 1
    assert sum("fail-agent-route.yaml" in line and "RC101" in line for line in out.splitlines()) == 1, out


@pytest.mark.parametrize(
    "args, message",
    [
        (("check", "--stdin-filename", "x.yaml", BASIC), "--stdin-filename names standard input"),
        (("rule", "--all", "RC101"), "give either --all or a rule (RC101)"),
    ],
)
def test_an_option_that_would_be_ignored_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err


def test_a_named_file_is_checked_though_a_directory_before_it_skipped_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Directory search skips files that are not routing configs; naming one still checks it."""
    notes = tmp_path / "notes.yaml"
    notes.write_text("title: not a routing config\n")
    code, out, _ = run(capsys, "check", "--output-format", "concise", str(tmp_path), str(notes))
    assert code == 1 and "notes.yaml:1:1: RC003" in out, out


def test_check_reads_standard_input_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "-", "-")
    assert code == 2 and "only one input can be standard input" in err
