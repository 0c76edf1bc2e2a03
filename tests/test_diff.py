"""`routec diff`: data-driven cases under tests/diff/<case>/, and --against with real git repositories.

Each case folder holds ``old.<ext>`` and ``new.<ext>`` (a ``new.cases.yaml``
beside the new one is found as `routec diff` finds it), ``case.json`` written
by hand (every kind of change the case must report, with its class, the exit
code, and extra arguments), and the golden outputs ``expected.txt`` and
``expected.json``; ``mixed`` also pins ``expected.github`` and ``expected.md``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import json5
import pytest
import yaml

from routec.check import check_bytes, check_text
from routec.cli import main
from routec.diff import Class, Side, diff, load, render
from routec.diff.classify import KINDS, chain_kind

from .conftest import EXAMPLE_CONFIGS, ROOT, compare_golden

CASES = ROOT / "tests" / "diff"
CASE_NAMES = sorted(path.name for path in CASES.iterdir() if (path / "case.json").exists())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def configs(folder: Path) -> tuple[str, str]:
    found = {path.stem: path.name for path in folder.iterdir() if path.stem in ("old", "new") and path.name != "case.json"}
    return found["old"], found["new"]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = CASES / name
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    case = json.loads((folder / "case.json").read_text())
    old, new = configs(folder)
    extra = case.get("args", [])
    code, text, _ = run(capsys, "diff", old, new, *extra)
    compare_golden(folder / "expected.txt", text)
    json_code, document, _ = run(capsys, "diff", old, new, "--output-format", "json", *extra)
    compare_golden(folder / "expected.json", document)
    reported = {change["kind"]: change["class"] for change in json.loads(document)["changes"]}
    assert reported == case["changes"]
    assert code == json_code == case["exit"]


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("abc", "abc", None),
        ("abc", "ab", "failover-step-lost"),
        ("abc", "acb", "failover-order-changed"),
        ("abc", "abcd", "failover-step-added"),
        ("abc", "adbc", "failover-step-inserted"),
        ("abc", "bad", "failover-step-lost"),  # losing a step outweighs the rest
    ],
)
def test_chain_kind(old: str, new: str, kind: str | None) -> None:
    assert chain_kind(list(old), list(new)) == kind
    assert kind is None or kind in KINDS


def test_every_kind_is_pinned_by_a_case() -> None:
    covered = {kind for name in CASE_NAMES for kind in json.loads((CASES / name / "case.json").read_text())["changes"]}
    assert set(KINDS) - covered == set()


@pytest.mark.parametrize("path", EXAMPLE_CONFIGS, ids=lambda path: str(path.relative_to(ROOT / "examples")))
def test_every_example_against_itself_has_no_changes(path: Path) -> None:
    data = path.read_bytes()
    old, new = load("old", data, path.name, None, None), load("new", data, path.name, None, None)
    assert isinstance(old, Side) and isinstance(new, Side), check_bytes(data, path.name).diagnostics
    assert diff(old, new).changes == []


RENAMES = ("route-renamed", "alias-renamed")
RENAME_CASES = [name for name in CASE_NAMES if set(RENAMES) & set(json.loads((CASES / name / "case.json").read_text())["changes"])]


@pytest.mark.parametrize("name", RENAME_CASES)
def test_rename_advice_checks_clean_when_applied(name: str) -> None:
    """Each rename's advice, done to the new config as it says: the config checks as clean as before and the
    old name works again (the diff no longer breaks it). Advice that the name cannot be kept is right: keeping
    it the obvious way (an alias, or a copy of the route) makes the config report a problem it did not have."""
    folder = CASES / name
    old_file, new_file = (folder / file for file in configs(folder))
    old, new = _loaded("old", old_file), _loaded("new", new_file)
    data = _read(new_file)
    clean = _codes(new_file.name, _written(data, new_file), new.dialect)
    advised = [change for change in diff(old, new).changes if change.kind in RENAMES]
    assert advised
    for change in advised:
        assert change.suggestion is not None
        was, now = change.name, change.nodes[0]
        patched = copy.deepcopy(data)
        if "must switch to" in change.suggestion:
            assert change.suggestion.endswith(f"clients that name '{was}' must switch to '{now}'")
            _keep_anyway(patched, new.dialect, was, now)
            assert _codes(new_file.name, _written(patched, new_file), new.dialect) - clean, change.suggestion
            continue
        snippet = re.fullmatch(r"add `(.+)` to keep clients that name '.+' working", change.suggestion)
        if snippet is not None:
            _merge(patched, yaml.safe_load(snippet.group(1)))
        else:  # a gateway without aliases: a copy of the route under the old name
            copied = re.match(r".+: add a copy of route '(.+)' named '(.+)' to keep", change.suggestion)
            assert copied is not None and copied.groups() == (now, was), change.suggestion
            patched["routes"][was] = copy.deepcopy(patched["routes"][now])
        text = _written(patched, new_file)
        assert _codes(new_file.name, text, new.dialect) - clean == Counter(), (change.suggestion, text)
        again = load("new", text.encode(), new_file.name, new.dialect, None)
        assert isinstance(again, Side)
        breaking = [(c.kind, c.name) for c in diff(old, again).changes if c.cls is Class.BREAKING]
        assert not any(item == was for _, item in breaking), (change.suggestion, breaking)


def _loaded(role: str, path: Path) -> Side:
    side = load(role, path.read_bytes(), path.name, None, None)
    assert isinstance(side, Side)
    return side


def _read(path: Path) -> Any:
    return json5.loads(path.read_text()) if path.suffix == ".json5" else yaml.safe_load(path.read_text())


def _written(data: Any, path: Path) -> str:
    return json.dumps(data, indent=2) if path.suffix == ".json5" else yaml.safe_dump(data, sort_keys=False)


def _codes(name: str, text: str, dialect: str | None) -> Counter[str]:
    return Counter(d.code for d in check_text(text, name, dialect=dialect).diagnostics)


def _merge(into: dict[str, Any], snippet: dict[str, Any]) -> None:
    """The snippet added to the config: mappings merged key by key, as a person pastes it into what is there."""
    for key, value in snippet.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            assert key not in into, key  # the advice never overwrites a setting
            into[key] = value


def _keep_anyway(data: dict[str, Any], dialect: str | None, was: str, now: str) -> None:
    """The old name kept the obvious way, against the advice."""
    if dialect == "routec":
        data.setdefault("aliases", {})[was] = now
    elif dialect == "tokenpak":
        routes = data["routing"]["routes"]
        routes.append({**next(route for route in routes if route["name"] == now), "name": was})
    else:
        data["routes"][was] = copy.deepcopy(data["routes"][now])


def renamed_everything(size: int, prefix: str) -> bytes:
    """Every route with the same model (the worst case for telling renames), fallbacks, aliases, agents and rules."""
    routes = "".join(
        f"  {prefix}{i}: {{model: 'openai:gpt-4o'" + (f", fallbacks: [{prefix}{i + 1}]" if i % 10 and i + 1 < size else "") + "}\n"
        for i in range(size)
    )
    aliases = "".join(f"  a{i}: {prefix}{i}\n" for i in range(0, size, 10))
    agents = "".join(f"    - {{id: agent{i}, route: a{i}}}\n" for i in range(0, size, 10))
    rules = "".join(f"    - {{name: rule{i}, keywords: [word{i}], route: {prefix}{i}}}\n" for i in range(0, size, 10))
    text = f"providers:\n  openai: {{apiKey: '${{OPENAI_API_KEY}}'}}\nroutes:\n{routes}aliases:\n{aliases}agents:\n  list:\n{agents}"
    return (text + f"rules:\n  default: {prefix}0\n  match:\n{rules}").encode()


def test_diff_is_linear() -> None:
    """4x the routes costs about 4x the time (best of three, a generous 8x bound), every route renamed."""
    seconds = {}
    for size in (1000, 4000):
        old, new = load("old", renamed_everything(size, "r"), "old.yaml", None, None), load("new", renamed_everything(size, "s"), "new.yaml", None, None)
        assert isinstance(old, Side) and isinstance(new, Side)
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            result = diff(old, new)
            timings.append(time.perf_counter() - start)
        assert [change.kind for change in result.changes] == ["route-renamed"] * size
        seconds[size] = min(timings)
    assert seconds[4000] < 8 * seconds[1000], seconds


def test_github_is_the_default_on_github_actions(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "route-removed")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(capsys, "diff", "old.yaml", "new.yaml")[1].startswith("::error file=new.yaml,title=")


def test_github_and_markdown(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "mixed")
    code, github, _ = run(capsys, "diff", "old.json5", "new.json5", "--output-format", "github")
    assert code == 1
    compare_golden(CASES / "mixed" / "expected.github", github)
    lines = github.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 3 + ["::warning"] * 2 + ["::notice"]
    # A removal has no line in the new file: it annotates the file and says where it was.
    assert lines[1].startswith("::error file=new.json5,title=") and "(it was at old.json5:29:5)" in lines[1]
    code, markdown, _ = run(capsys, "diff", "old.json5", "new.json5", "--output-format", "markdown")
    compare_golden(CASES / "mixed" / "expected.md", markdown)
    assert markdown.startswith("### routec diff: 3 breaking, 2 behavioural, 1 safe\n")
    graph = markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "secret" in graph and "reviewer" in graph and "planner" not in graph  # only the changed part


def test_markdown_without_a_graph_emitter_lists_the_changed_names(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES / "mixed")
    monkeypatch.setattr(render, "_mermaid", lambda: None)
    _, markdown, _ = run(capsys, "diff", "old.json5", "new.json5", "--output-format", "markdown")
    assert "```mermaid" not in markdown
    assert "Changed: `fast-backup`, `reviewer`, `secret`, `strong`" in markdown


def test_markdown_cells_cannot_break_the_table() -> None:
    assert render._cell("a|b <x> `c|d <e>` \\(") == "a\\|b &lt;x> `c\\|d <e>` \\\\("


def test_fail_on(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "additions")
    assert run(capsys, "diff", "old.yaml", "new.yaml", "--fail-on", "behavioural")[0] == 0
    assert run(capsys, "diff", "old.yaml", "new.yaml", "--fail-on", "any")[0] == 1
    monkeypatch.chdir(CASES / "route-model-changed")
    assert run(capsys, "diff", "old.yaml", "new.yaml")[0] == 0
    assert run(capsys, "diff", "old.yaml", "new.yaml", "--fail-on", "behavioural")[0] == 1


def test_cases_given_explicitly_replace_the_ones_beside_the_config(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(CASES / "case-route-changed")
    quiet = tmp_path / "other.cases.yaml"
    quiet.write_text("- input: what is the derivative of x\n  expect_route: math\n")
    code, text, _ = run(capsys, "diff", "old.yaml", "new.yaml", "--cases", str(quiet), "--fail-on", "behavioural")
    assert code == 0 and "case-route" not in text and "request '" not in text
    broken = tmp_path / "broken.cases.yaml"
    broken.write_text("- {input: hello, expected: x}\n")
    code, _, err = run(capsys, "diff", "old.yaml", "new.yaml", "--cases", str(broken))
    assert code == 2 and "invalid cases file" in err and "unknown key `expected`" in err


def test_a_config_with_errors_is_not_diffed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = CASES / "route-removed" / "old.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("route: reasoning", "route: reasonnig"))
    code, out, err = run(capsys, "diff", str(good), str(bad))
    assert code == 1
    assert "RC101" in out and "reasonnig" in out
    assert f"{bad} must check clean before a diff means anything" in err
    code, out, err = run(capsys, "diff", str(good), str(bad), "--output-format", "json")
    assert code == 1 and out == "" and "RC101" in err  # no diagnostics where a JSON document is expected
    code, out, err = run(capsys, "diff", str(good), str(bad), "--output-format", "github")
    assert code == 1 and out.startswith(f"::error file={bad},line=")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml", "new.yaml"], "no such file or directory: missing.yaml"),
        (["new.yaml"], "give the old and the new config"),
        (["--against", "HEAD", "old.yaml", "new.yaml"], "with --against, give only the new config"),
        ([".", "new.yaml"], ". is a directory; routec diff compares two config files"),
    ],
)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "route-removed")
    code, _, err = run(capsys, "diff", *args)
    assert code == 2 and message in err


def test_a_key_pasted_where_rc301_is_silenced_is_masked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    key = "sk-proj-AbCdEf0123456789AbCdEf0123456789AbCdEf01"
    old = tmp_path / "old.yaml"
    old.write_text(
        "providers:\n  openai:\n    apiKey: ${OPENAI_API_KEY}\n"
        f"    baseUrl: https://proxy.example.com/v1?key={key}  # routec: ignore[RC301]\n"
        "routes:\n  fast: {model: openai:gpt-4o}\n"
    )
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text().replace("proxy.example.com", "proxy2.example.com"))
    for output_format in ("text", "json", "github", "markdown"):
        code, out, _ = run(capsys, "diff", str(old), str(new), "--output-format", output_format)
        assert code == 0 and "proxy2.example.com/v1?key=sk-…Ef01" in out
        assert key[8:16] not in out


# --against: a real repository in a temporary folder.


def git(repo: Path, *args: str) -> None:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=environment)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit has config/routes.yaml; the working tree then removes a route."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "routes.yaml").write_text((CASES / "route-removed" / "old.yaml").read_text())
    git(tmp_path, "add", "config/routes.yaml")
    git(tmp_path, "commit", "-q", "-m", "first")
    (tmp_path / "config" / "routes.yaml").write_text((CASES / "route-removed" / "new.yaml").read_text())
    return tmp_path


def test_against_reads_the_old_version_from_git(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "config")  # the path is taken relative to the repository's root, wherever routec runs
    code, text, _ = run(capsys, "diff", "--against", "main", "routes.yaml")
    assert code == 1
    assert text.splitlines()[0] == "main:config/routes.yaml:16:3: [breaking] route 'legacy' was removed; clients that name it break (the generated stubs no longer have it)"
    assert text.splitlines()[-1] == "1 change from main:config/routes.yaml to routes.yaml: 1 breaking, 0 behavioural, 0 safe."
    monkeypatch.chdir(ROOT)
    code, document, _ = run(capsys, "diff", "--against", "HEAD", str(repo / "config" / "routes.yaml"), "--output-format", "json")
    assert code == 1 and json.loads(document)["old"] == {"file": "HEAD:config/routes.yaml", "dialect": "routec"}


def test_against_a_file_not_in_the_revision_is_all_new(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    (repo / "added.yaml").write_text((CASES / "route-removed" / "new.yaml").read_text())
    code, document, err = run(capsys, "diff", "--against", "main", "added.yaml", "--output-format", "json")
    assert code == 0
    assert "added.yaml is not in main: everything in it is new" in err
    result = json.loads(document)
    assert result["old"] == {"file": "main:added.yaml", "dialect": None}
    assert {change["kind"] for change in result["changes"]} == {"route-added", "alias-added", "agent-added"}
    assert result["summary"] == {"breaking": 0, "behavioural": 0, "safe": 7}  # 3 routes, 2 aliases, 2 agents


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("no-such-branch", "unknown git revision 'no-such-branch'"),
        ("--output=x", "'--output=x' is not a git revision"),
    ],
)
def test_against_a_bad_revision_is_a_usage_error(
    ref: str, message: str, repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, _, err = run(capsys, "diff", f"--against={ref}", "config/routes.yaml")
    assert code == 2 and message in err


def test_against_outside_a_repository_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # never find a repository above the temporary folder
    config = tmp_path / "routes.yaml"
    config.write_text((CASES / "route-removed" / "new.yaml").read_text())
    code, _, err = run(capsys, "diff", "--against", "main", str(config))
    assert code == 2 and "is not in a git repository" in err


@pytest.mark.parametrize("new_name", ["fb2", "fast-backup-2"])
def test_rename_advice_for_a_json5_config_is_json5(new_name: str) -> None:
    """Pasted into the JSON5 file as it reads, the advice parses there: JSON5 has no bare string values."""
    old_text = (ROOT / "examples" / "routec" / "full.json5").read_text(encoding="utf-8")
    new_text = old_text.replace('"fast-backup"', json.dumps(new_name))
    old, new = load("old", old_text.encode(), "old.json5", None, None), load("new", new_text.encode(), "new.json5", None, None)
    assert isinstance(old, Side) and isinstance(new, Side)
    [change] = [change for change in diff(old, new).changes if change.kind == "route-renamed"]
    snippet = re.fullmatch(r"add `aliases: (.+)` to keep clients that name 'fast-backup' working", change.suggestion or "")
    assert snippet is not None, change.suggestion
    assert json5.loads(snippet.group(1)) == {"fast-backup": new_name}
    entry = snippet.group(1)[1:-1]  # into the aliases the file has
    patched = new_text.replace("aliases: {", f"aliases: {{\n    {entry},", 1)
    assert patched != new_text
    assert check_text(patched, "new.json5").diagnostics == check_text(new_text, "new.json5").diagnostics == []
