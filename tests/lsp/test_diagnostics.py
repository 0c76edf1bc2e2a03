"""Diagnostics in the editor are the CLI's: same codes, messages, severities and ranges."""

from __future__ import annotations

import random
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from routec.check import check_text
from routec.syntax import Source

from ..conftest import ROOT
from .helpers import as_lsp, cli_json, diagnostics_for, from_lsp, open_document, uri_for

CASES = sorted(
    path
    for folder in ("tests/cases", "examples")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".yaml", ".yml", ".json5", ".json")
    and path.name != "options.json"
    and not path.name.endswith(".cases.yaml")  # `routec test` cases, not routing configs
)


def editor_text(path: Path) -> str | None:
    """What an editor would hold for a file: UTF-8 text without a BOM, or None if it is not text."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None


TEXT_CASES = [path for path in CASES if editor_text(path) is not None and "RC302" not in str(path)]


async def test_diagnostics_equal_the_cli_on_every_case(client: LanguageClient) -> None:
    encoding = client.position_encoding  # type: ignore[attr-defined]
    expected_by_file = cli_json([path.relative_to(ROOT) for path in TEXT_CASES])
    for path in TEXT_CASES:
        text = editor_text(path)
        assert text is not None
        published = await open_document(client, path.name, text)
        source = Source(path.name, text)
        expected = [as_lsp(d, source, encoding) for d in expected_by_file[str(path.relative_to(ROOT))]]
        assert sorted(map(from_lsp, published), key=str) == sorted(expected, key=str), path.name
    assert client.error is None


async def test_related_locations_code_and_doc_link(client: LanguageClient) -> None:
    text = "routes:\n  fast: {model: 'ollama:a'}\naliases:\n  a: b\n  b: a\n"
    [cycle] = [d for d in await open_document(client, "cycle.yaml", text) if d.code == "RC103"]
    assert cycle.code_description is not None and cycle.code_description.href.endswith("/rc103")
    assert cycle.related_information is not None and len(cycle.related_information) == 2
    assert {info.location.range.start.line for info in cycle.related_information} == {3, 4}


async def test_utf16_ranges_after_an_emoji(client: LanguageClient) -> None:
    text = 'routes:\n  fast: {model: "ollama:x", description: "😀"}\nagents:\n  defaults: {route: "😀😀fsat"}\n'
    [unknown] = [d for d in await open_document(client, "emoji.yaml", text) if d.code == "RC101"]
    line = text.splitlines()[3]
    start = line.index('"😀😀fsat"')
    units = {"utf-16": 2, "utf-8": 4, "utf-32": 1}[client.position_encoding]  # type: ignore[attr-defined]
    assert unknown.range.start.character == start
    assert unknown.range.end.character == start + 2 + 4 + 2 * units  # quotes, 'fsat', two emoji


async def test_incremental_edits(client: LanguageClient) -> None:
    text = "routes:\n  fast:\n    model: gemini:gemini-2.5-flash\nagents:\n  defaults:\n    route: fsat\n"
    uri = uri_for("edits.yaml")
    first = await open_document(client, "edits.yaml", text)
    assert "RC101" in {d.code for d in first}
    # Fix the typo in two small edits, as a user would type them.
    edits = [
        (types.Range(start=types.Position(line=5, character=12), end=types.Position(line=5, character=14)), "as"),
        (types.Range(start=types.Position(line=2, character=11), end=types.Position(line=2, character=11)), ""),
    ]
    for version, (range_, new_text) in enumerate(edits, start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=range_, text=new_text)],
            )
        )
    final = await diagnostics_for(client, uri, version=3)
    assert "RC101" not in {d.code for d in final}
    expected_text = text.replace("route: fsat", "route: fast")
    assert [from_lsp(d) for d in final] == expected_lsp(expected_text, "edits.yaml", client)


def expected_lsp(text: str, name: str, client: LanguageClient) -> list[tuple[object, ...]]:
    """What the CLI's engine reports for text, in this client's encoding, as from_lsp shows it."""
    encoding = client.position_encoding  # type: ignore[attr-defined]
    report = check_text(text, name)
    source = report.document.source
    return [
        (
            d.code,
            d.message,
            {"error": 1, "warning": 2, "info": 3}[d.severity.value],
            source.lsp_position(d.start, encoding),
            source.lsp_position(d.end, encoding),
        )
        for d in report.diagnostics
    ]


async def test_half_typed_document_reports_rc001_and_recovers(client: LanguageClient) -> None:
    uri = uri_for("typing.json5")
    await open_document(client, "typing.json5", '{ "routes": { "fast": { "model": "ollama:llama3" } } }')
    broken = '{ "routes": { "fast": { "model": "ollama:lla'
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=broken)],
        )
    )
    [syntax] = await diagnostics_for(client, uri, version=2)
    assert syntax.code == "RC001"
    assert syntax.range.start.line == 0
    # The server still answers requests while the file is broken.
    assert await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=5))
    ) is None
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=broken + 'ma3" } } }')],
        )
    )
    assert list(await diagnostics_for(client, uri, version=3)) == []


async def test_closing_clears_diagnostics(client: LanguageClient) -> None:
    uri = uri_for("closing.yaml")
    assert await open_document(client, "closing.yaml", "routes:\n  a: {model: llama3}\n")
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []


async def test_pull_diagnostics_match_push(client: LanguageClient) -> None:
    text = (ROOT / "tests/cases/multi/several-mistakes.yaml").read_text()
    pushed = await open_document(client, "several.yaml", text)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri_for("several.yaml")))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert [from_lsp(d) for d in report.items] == [from_lsp(d) for d in pushed]


async def test_a_burst_of_random_edits(client: LanguageClient) -> None:
    """200 edits sent at once: no server error, and the last diagnostics match the CLI on the final text."""
    generator = random.Random(2)
    text = (ROOT / "examples/routec/full.json5").read_text()
    uri = uri_for("burst.json5")
    await open_document(client, "burst.json5", text)
    alphabet = list('abcdefgh{}[]:,"\'/ \n-') + ["route", "model", "😀"]
    for version in range(2, 202):
        source = Source("burst.json5", text)
        start = generator.randrange(len(text) + 1)
        end = min(len(text), start + generator.randrange(4))
        new_text = "".join(generator.choice(alphabet) for _ in range(generator.randrange(3)))
        begin = source.lsp_position(start, client.position_encoding)  # type: ignore[attr-defined]
        finish = source.lsp_position(end, client.position_encoding)  # type: ignore[attr-defined]
        text = text[:start] + new_text + text[end:]
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=types.Position(line=begin[0], character=begin[1]),
                                          end=types.Position(line=finish[0], character=finish[1])),
                        text=new_text,
                    )
                ],
            )
        )
    final = await diagnostics_for(client, uri, version=201)
    assert [from_lsp(d) for d in final] == expected_lsp(text, "burst.json5", client)
    assert client.error is None
