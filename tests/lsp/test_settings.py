"""Settings: `envCheck` as `--env-check`, and settings the server asks the client for (`workspace/configuration`)."""

from __future__ import annotations

import os

from lsprotocol import types
from pytest_lsp import LanguageClient

from routec.check import check_text
from routec.rules import Options

from ..test_editors import properties
from .conftest import SET_VARIABLE
from .helpers import from_lsp, open_document, publications, start, uri_for, wait_for_publications

UNSET_VARIABLE = "ROUTEC_LSP_TEST_UNSET"
WITH_VARIABLES = (
    "providers:\n"
    f"  anthropic: {{apiKey: '${{{UNSET_VARIABLE}}}'}}\n"
    f"  openai: {{apiKey: '${{{SET_VARIABLE}}}'}}\n"
    "routes:\n"
    "  fast: {model: 'openai:gpt-5-mini'}\n"
    "  strong: {model: 'anthropic:claude-opus-4-6'}\n"
)
SERVER_ENVIRON = {**os.environ, SET_VARIABLE: "set"}  # the `idle` server's environment


def cli(text: str, name: str, env_check: bool, encoding: str, dialect: str | None = None) -> list[tuple[object, ...]]:
    """What `routec check` (with --env-check, if asked) reports, as from_lsp shows it."""
    report = check_text(text, name, Options(env_check=env_check, environ=SERVER_ENVIRON), dialect)
    source = report.document.source
    severities = {"error": 1, "warning": 2, "info": 3}
    return [
        (d.code, d.message, severities[d.severity.value], source.lsp_position(d.start, encoding), source.lsp_position(d.end, encoding))
        for d in report.diagnostics
    ]


async def test_env_check_reports_unset_variables_only_when_on(idle: LanguageClient) -> None:
    assert UNSET_VARIABLE not in os.environ
    await start(idle, {"debounceMs": 0})
    encoding = idle.position_encoding  # type: ignore[attr-defined]
    uri = uri_for("env.yaml")
    off = await open_document(idle, "env.yaml", WITH_VARIABLES)
    assert "RC302" not in {d.code for d in off}
    assert [from_lsp(d) for d in off] == cli(WITH_VARIABLES, "env.yaml", False, encoding)

    # Pushed with the change notification: every open document is checked again, now with --env-check.
    idle.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"routec": {"envCheck": True}}))
    await wait_for_publications(idle, uri, 2)
    on = idle.diagnostics[uri]
    [unset] = [d for d in on if d.code == "RC302"]  # the variable that is set is not reported
    assert UNSET_VARIABLE in unset.message and unset.severity == types.DiagnosticSeverity.Warning
    line = WITH_VARIABLES.splitlines()[1]
    assert (unset.range.start.line, unset.range.start.character) == (1, line.index("${"))
    assert [from_lsp(d) for d in on] == cli(WITH_VARIABLES, "env.yaml", True, encoding)

    # Pulled: a change notification without the settings makes the server ask for them.
    idle.set_configuration({"envCheck": False}, section="routec")
    asked = len(idle.configuration_requests)  # type: ignore[attr-defined]
    idle.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await wait_for_publications(idle, uri, 3)
    assert len(idle.configuration_requests) == asked + 1  # type: ignore[attr-defined]
    assert [from_lsp(d) for d in idle.diagnostics[uri]] == cli(WITH_VARIABLES, "env.yaml", False, encoding)


async def test_settings_are_asked_for_once_initialized(idle: LanguageClient) -> None:
    # The client's answer overrides what it sent at start.
    await start(idle, {"debounceMs": 0, "envCheck": False}, settings={"envCheck": True, "dialect": "carapace"})
    [request] = idle.configuration_requests  # type: ignore[attr-defined]
    assert [item.section for item in request.items] == ["routec"]
    encoding = idle.position_encoding  # type: ignore[attr-defined]
    published = await open_document(idle, "pulled.yaml", WITH_VARIABLES)
    assert "RC302" in {d.code for d in published}
    # Read as Carapace, which wants credentials in the config (RC204), not as routec's own format.
    assert "RC204" in {d.code for d in published}
    assert [from_lsp(d) for d in published] == cli(WITH_VARIABLES, "pulled.yaml", True, encoding, "carapace")
    assert publications(idle, uri_for("pulled.yaml")) == [1]


async def test_vs_code_defaults_leave_the_dialect_to_detection(idle: LanguageClient) -> None:
    # What VS Code answers for the `routec` section when the user set nothing: the extension's defaults, "auto" too.
    defaults = {key.removeprefix("routec."): spec["default"] for key, spec in properties().items()}
    assert defaults["dialect"] == "auto"
    await start(idle, {"debounceMs": 0}, settings=defaults)
    encoding = idle.position_encoding  # type: ignore[attr-defined]
    published = await open_document(idle, "defaults.yaml", WITH_VARIABLES)
    assert [from_lsp(d) for d in published] == cli(WITH_VARIABLES, "defaults.yaml", False, encoding)


async def test_a_client_that_cannot_answer_is_not_asked(idle: LanguageClient) -> None:
    await start(idle, {"debounceMs": 0}, settings={"envCheck": True}, can_pull=False)
    uri = uri_for("unasked.yaml")
    assert "RC302" not in {d.code for d in await open_document(idle, "unasked.yaml", WITH_VARIABLES)}
    # A change notification without settings: nothing to ask, so it keeps what it had.
    idle.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await wait_for_publications(idle, uri, 2)
    assert "RC302" not in {d.code for d in idle.diagnostics[uri]}
    assert idle.configuration_requests == []  # type: ignore[attr-defined]
