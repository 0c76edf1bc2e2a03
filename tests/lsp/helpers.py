"""Opening documents, waiting for diagnostics, and the CLI's answer to compare with."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from routec.syntax import Source

from ..conftest import ROOT
from .conftest import start_session

LANGUAGES = {".yaml": "yaml", ".yml": "yaml", ".json5": "json5", ".json": "json"}


def uri_for(name: str) -> str:
    return f"file:///workspace/{name}"


async def open_document(client: LanguageClient, name: str, text: str, version: int = 1) -> list[types.Diagnostic]:
    uri = uri_for(name)
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=LANGUAGES[Path(name).suffix], version=version, text=text)
        )
    )
    return await diagnostics_for(client, uri)


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, timeout: float = 20) -> list[types.Diagnostic]:
    """Wait until the server has published diagnostics for ``uri`` (at ``version``, if given)."""

    async def published() -> list[types.Diagnostic]:
        while True:
            if uri in client.diagnostics and (version is None or client.diagnostic_versions.get(uri) == version):  # type: ignore[attr-defined]
                return list(client.diagnostics[uri])
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(published(), timeout)


async def start(
    client: LanguageClient, options: dict[str, object], settings: dict[str, object] | None = None, can_pull: bool = True
) -> None:
    """Initialize an `idle` server with ``options``; ``settings`` is what the client answers when asked for `routec`.

    A client that can be asked is asked once the server is initialized; this waits until that answer
    has been read, so the test's first document is checked with the settings it chose.
    """
    capabilities = client_capabilities(client.profile)  # type: ignore[attr-defined]
    if not can_pull:
        assert capabilities.workspace is not None
        capabilities.workspace.configuration = False
    if settings is not None:
        client.set_configuration(settings, section="routec")
    await start_session(client, capabilities, options)
    if not can_pull:
        return

    async def asked() -> None:
        while not client.configuration_requests:  # type: ignore[attr-defined]
            await asyncio.sleep(0.01)

    await asyncio.wait_for(asked(), 20)
    # A round trip: the server has read the answer, sent before this request, by the time this one is answered.
    nowhere = types.TextDocumentIdentifier(uri=uri_for("never-opened.yaml"))
    await client.text_document_hover_async(types.HoverParams(text_document=nowhere, position=types.Position(line=0, character=0)))


def change_document(client: LanguageClient, uri: str, version: int, text: str) -> None:
    """Replace the whole text of an open document, as version ``version``."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def publications(client: LanguageClient, uri: str) -> list[int | None]:
    """The version of every diagnostics push for ``uri`` so far, in order."""
    return list(client.publications.get(uri, []))  # type: ignore[attr-defined]


async def wait_for_publications(client: LanguageClient, uri: str, count: int, timeout: float = 20) -> list[int | None]:
    """Wait until ``uri`` has had ``count`` diagnostics pushes in all; return their versions."""

    async def enough() -> list[int | None]:
        while len(publications(client, uri)) < count:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return publications(client, uri)

    return await asyncio.wait_for(enough(), timeout)


def cli_json(paths: list[Path]) -> dict[str, list[dict[str, object]]]:
    """`routec check --output-format json` on many files at once, grouped by file."""
    result = subprocess.run(
        [sys.executable, "-m", "routec", "check", "--output-format", "json", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    grouped: dict[str, list[dict[str, object]]] = {str(path): [] for path in paths}
    for diagnostic in json.loads(result.stdout)["diagnostics"]:
        grouped[diagnostic["file"]].append(diagnostic)  # type: ignore[index]
    return grouped


def as_lsp(diagnostic: dict[str, object], source: Source, encoding: str) -> tuple[object, ...]:
    """A CLI JSON diagnostic as (code, message, severity, range) in LSP terms."""
    start, end = diagnostic["start"], diagnostic["end"]
    begin = source.lsp_position(source.offset(start["line"], start["column"]), encoding)  # type: ignore[index]
    finish = source.lsp_position(source.offset(end["line"], end["column"]), encoding)  # type: ignore[index]
    severity = {"error": 1, "warning": 2, "info": 3}[diagnostic["severity"]]  # type: ignore[index]
    return (diagnostic["code"], diagnostic["message"], severity, begin, finish)


def from_lsp(diagnostic: types.Diagnostic) -> tuple[object, ...]:
    range_ = diagnostic.range
    return (
        diagnostic.code,
        diagnostic.message,
        int(diagnostic.severity or 0),
        (range_.start.line, range_.start.character),
        (range_.end.line, range_.end.character),
    )
