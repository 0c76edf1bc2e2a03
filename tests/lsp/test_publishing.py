"""When diagnostics are pushed: once per burst of changes (the debounce), on every change without it, and on save."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from .conftest import start_session
from .helpers import (
    change_document,
    diagnostics_for,
    from_lsp,
    open_document,
    publications,
    start,
    uri_for,
    wait_for_publications,
)
from .test_diagnostics import expected_lsp

DEBOUNCE = 0.3  # seconds: keystrokes closer than this are one burst
KEYSTROKE = 0.02  # seconds between keystrokes in a burst: far less than the debounce, but not all at once
START = "routes:\n  fast: {model: 'ollama:a'}\n  strong: {model: "


def typed(word: str) -> list[str]:
    """The document after each keystroke of ``word`` typed as the last route's model."""
    return [f"{START}{word[:length]}}}\n" for length in range(1, len(word) + 1)]


async def type_slowly(client: LanguageClient, uri: str, keystrokes: list[str], pause: float) -> int:
    """Send each text as the next version, ``pause`` seconds apart; return the last version."""
    for version, text in enumerate(keystrokes, start=2):
        change_document(client, uri, version, text)
        await asyncio.sleep(pause)
    return len(keystrokes) + 1


async def test_a_burst_publishes_once_and_saving_publishes_at_once(idle: LanguageClient) -> None:
    await start(idle, {"checkAllFiles": True, "debounceMs": DEBOUNCE * 1000})
    uri = uri_for("burst.yaml")
    await open_document(idle, "burst.yaml", START + "x}\n")
    assert publications(idle, uri) == [1]  # opening publishes at once
    last = await a_burst_publishes_once(idle, uri)
    await saving_publishes_at_once(idle, uri, last + 1)


async def a_burst_publishes_once(client: LanguageClient, uri: str) -> int:
    keystrokes = typed("llama3-instruct")  # every version has a different RC201 message
    last = await type_slowly(client, uri, keystrokes, KEYSTROKE)
    final = await diagnostics_for(client, uri, version=last)
    assert [from_lsp(d) for d in final] == expected_lsp(keystrokes[-1], "burst.yaml", client)
    assert any("'llama3-instruct'" in d.message for d in final)
    await asyncio.sleep(DEBOUNCE * 2)  # a second, late push would have come by now
    assert publications(client, uri) == [1, last]
    return last


async def saving_publishes_at_once(client: LanguageClient, uri: str, version: int) -> None:
    """With a long debounce, a change waits; saving publishes it at once, and saving again publishes again."""
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"routec": {"debounceMs": 10_000}}))
    before = await wait_for_publications(client, uri, 3)  # new settings: open documents are checked again
    text = START + "llama3}\n"
    change_document(client, uri, version, text)
    await asyncio.sleep(0.5)
    assert publications(client, uri) == before  # held back: ten seconds to go
    document = types.TextDocumentIdentifier(uri=uri)
    for count in (1, 2):
        client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=document))
        await wait_for_publications(client, uri, len(before) + count, timeout=5)  # well before the debounce fires
        assert publications(client, uri) == before + [version] * count
        assert [from_lsp(d) for d in client.diagnostics[uri]] == expected_lsp(text, "burst.yaml", client)


async def test_without_debounce_every_change_publishes(client: LanguageClient) -> None:
    uri = uri_for("each.yaml")
    await open_document(client, "each.yaml", START + "x}\n")
    keystrokes = typed("llama")
    # Closer together than the default debounce (150 ms), so only debounceMs 0 (the fixture's) checks each.
    last = await type_slowly(client, uri, keystrokes, 0.1)
    final = await diagnostics_for(client, uri, version=last)
    assert [from_lsp(d) for d in final] == expected_lsp(keystrokes[-1], "each.yaml", client)
    assert publications(client, uri) == list(range(1, last + 1))


def open_on_disk(client: LanguageClient, path: Path, text: str) -> str:
    """Open a YAML file in a project folder (the project configuration beside it applies); its URI."""
    uri = path.as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    return uri


async def test_saving_the_project_configuration_rechecks_open_files(client: LanguageClient, tmp_path: Path) -> None:
    settings = tmp_path / "routec.toml"
    settings.write_text('[severity]\nRC201 = "info"\n')
    uri = open_on_disk(client, tmp_path / "routing.yaml", "routes:\n  a: {model: llama3}\n")
    [bare] = await diagnostics_for(client, uri)
    assert bare.code == "RC201" and bare.severity == types.DiagnosticSeverity.Information
    settings.write_text('[severity]\nRC201 = "warning"\n')
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=settings.as_uri())))
    await wait_for_publications(client, uri, 2)
    [again] = client.diagnostics[uri]
    assert again.code == "RC201" and again.severity == types.DiagnosticSeverity.Warning


async def test_a_project_configuration_changed_on_disk_rechecks_open_files(idle: LanguageClient, tmp_path: Path) -> None:
    """Edited outside the editor (a git checkout, another tool): the server asks to be told, and re-reads it."""
    capabilities = client_capabilities(idle.profile)  # type: ignore[attr-defined]
    assert capabilities.workspace is not None
    capabilities.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
    await start_session(idle, capabilities, {"debounceMs": 0})

    async def registered() -> None:
        while not idle.registrations:  # type: ignore[attr-defined]
            await asyncio.sleep(0.01)

    await asyncio.wait_for(registered(), 20)
    [registration] = idle.registrations  # type: ignore[attr-defined]
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    watchers = registration.register_options["watchers"]
    assert [watcher["globPattern"] for watcher in watchers] == ["**/pyproject.toml", "**/routec.toml"]

    settings = tmp_path / "routec.toml"
    settings.write_text('ignore = ["RC201"]\n')
    uri = open_on_disk(idle, tmp_path / "routing.yaml", "routes:\n  a: {model: llama3}\n")
    assert await diagnostics_for(idle, uri) == []
    settings.write_text("ignore = []\n")
    change = types.FileEvent(uri=settings.as_uri(), type=types.FileChangeType.Changed)
    idle.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[change]))
    await wait_for_publications(idle, uri, 2)
    assert [d.code for d in idle.diagnostics[uri]] == ["RC201"]
