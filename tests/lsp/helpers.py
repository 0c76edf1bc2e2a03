"""Opening documents, waiting for diagnostics, and the CLI's answer to compare with."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from routec.syntax import Source

from ..conftest import ROOT

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
