"""Quick fixes, navigation, hover, symbols, completion and settings, through a real client."""

from __future__ import annotations


from lsprotocol import types
from pytest_lsp import LanguageClient

from routec.check import check_text
from routec.syntax import Source

from ..conftest import ROOT
from .helpers import open_document, uri_for
from .test_diagnostics import TEXT_CASES, editor_text

FULL = (ROOT / "examples/routec/full.json5").read_text()


def apply(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    source = Source("x", text)
    spans = [
        (
            source.lsp_offset(edit.range.start.line, edit.range.start.character, encoding),
            source.lsp_offset(edit.range.end.line, edit.range.end.character, encoding),
            edit.new_text,
        )
        for edit in edits
    ]
    for start, end, new_text in sorted(spans, reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


def position_of(text: str, needle: str, encoding: str, shift: int = 1) -> types.Position:
    line, character = Source("x", text).lsp_position(text.index(needle) + shift, encoding)
    return types.Position(line=line, character=character)


async def test_every_quick_fix_applies_and_rechecks_clean(client: LanguageClient) -> None:
    encoding = client.position_encoding  # type: ignore[attr-defined]
    applied = 0
    for path in TEXT_CASES:
        text = editor_text(path)
        assert text is not None
        published = await open_document(client, path.name, text)
        for diagnostic in published:
            actions = await client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri_for(path.name)),
                    range=diagnostic.range,
                    context=types.CodeActionContext(diagnostics=[diagnostic]),
                )
            )
            for action in actions or []:
                assert isinstance(action, types.CodeAction) and action.kind == types.CodeActionKind.QuickFix
                if action.diagnostics and (
                    action.diagnostics[0].range != diagnostic.range or action.diagnostics[0].code != diagnostic.code
                ):
                    continue  # a fix for another diagnostic in the same range
                assert action.edit is not None and action.edit.changes is not None
                fixed = apply(text, list(action.edit.changes[uri_for(path.name)]), encoding)
                after = check_text(fixed, path.name)
                start = Source(path.name, text).lsp_offset(diagnostic.range.start.line, diagnostic.range.start.character, encoding)
                still = [d for d in after.diagnostics if d.code == diagnostic.code and d.start == start]
                assert not still, f"{path.name}: fixing {diagnostic.code} left {still}"
                applied += 1
    assert applied >= 20  # every case with an edit was exercised


async def test_definition_references_and_hover(client: LanguageClient) -> None:
    encoding = client.position_encoding  # type: ignore[attr-defined]
    uri = uri_for("full.json5")
    await open_document(client, "full.json5", FULL)
    document = types.TextDocumentIdentifier(uri=uri)
    on_reference = position_of(FULL, 'route: "deep-think"', encoding, shift=len('route: "'))

    location = await client.text_document_definition_async(types.DefinitionParams(text_document=document, position=on_reference))
    assert isinstance(location, types.Location)
    assert location.range.start == position_of(FULL, '"deep-think": "reasoning"', encoding, shift=0)

    hover = await client.text_document_hover_async(types.HoverParams(text_document=document, position=on_reference))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "deep-think → reasoning → strong → anthropic:claude-opus-4-6" in hover.contents.value
    assert "Failover chain: `anthropic:claude-opus-4-6` → `openai:gpt-5`" in hover.contents.value

    on_definition = position_of(FULL, "    strong: {", encoding, shift=4)
    found = await client.text_document_references_async(
        types.ReferenceParams(text_document=document, position=on_definition, context=types.ReferenceContext(include_declaration=True))
    )
    assert found is not None
    lines = sorted(item.range.start.line for item in found)
    expected = sorted(
        Source("x", FULL).lsp_position(index, encoding)[0]
        for index in (FULL.index("    strong: {") + 4, FULL.index('reasoning: "strong"') + len('reasoning: '))
    )
    assert lines == expected


async def test_document_symbols_outline_routes_aliases_and_agents(client: LanguageClient) -> None:
    await open_document(client, "full.json5", FULL)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri_for("full.json5")))
    )
    assert symbols is not None
    names = [symbol.name for symbol in symbols]
    assert names == [
        "fast", "fast-backup", "strong", "strong-backup", "private",
        "reasoning", "deep-think", "summarize", "embeddings",
        "planner", "redactor", "coder",
    ]


async def complete_at(client: LanguageClient, name: str, text: str) -> list[str]:
    encoding = client.position_encoding  # type: ignore[attr-defined]
    await open_document(client, name, text)
    line, character = Source(name, text).lsp_position(len(text), encoding)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri_for(name)),
            position=types.Position(line=line, character=character),
        )
    )
    assert isinstance(result, types.CompletionList)
    return [item.label for item in result.items]


async def test_completion_of_route_names_providers_values_and_keys(client: LanguageClient) -> None:
    base = "routes:\n  fast: {model: 'ollama:a'}\n  strong: {model: 'ollama:b'}\naliases:\n  deep: strong\n"
    assert set(await complete_at(client, "c1.yaml", base + "agents:\n  defaults:\n    route: st")) >= {"fast", "strong", "deep"}
    assert set(await complete_at(client, "c1b.yaml", base + "rules:\n  default: ")) >= {"fast", "strong", "deep"}
    providers = await complete_at(client, "c2.yaml", base + "  other: {model: ")
    assert "anthropic:" in providers and "ollama:" in providers
    keys = await complete_at(client, "c3.yaml", "routes:\n  fast:\n    model: 'ollama:a'\n    fa")
    assert set(keys) == {"model", "fallbacks", "description", "strategy"}
    top = await complete_at(client, "c4.yaml", "ro")
    assert set(top) == {"$schema", "providers", "routes", "aliases", "rules", "preferences", "budget", "agents"}
    modes = await complete_at(client, "c5.json5", '{ "gateway": { "auth": { "mode": "to')
    assert modes == ["none", "local", "token", "password"]
    broken = await complete_at(client, "c6.json5", '{ "routes": { "fast": { "model": "ollama:a" } }, "agents": { "defaults": { "route": "f')
    assert "fast" in broken  # names still come from the last check that could read the file


async def test_settings_choose_the_dialect(client: LanguageClient) -> None:
    text = '{ "routes": { "fast": { "model": "gemini:gemini-2.5-flash" } }, "telemetry": {} }'
    native = await open_document(client, "settings.json5", text)
    assert [d.severity for d in native if d.code == "RC003"] == [types.DiagnosticSeverity.Error]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"routec": {"dialect": "carapace"}})
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    carapace = client.diagnostics[uri_for("settings.json5")]
    assert [d.severity for d in carapace if d.code == "RC003"] == [types.DiagnosticSeverity.Warning]


async def test_bad_requests_do_not_stop_the_server(client: LanguageClient) -> None:
    uri = uri_for("robust.yaml")
    await open_document(client, "robust.yaml", "routes:\n  fast: {model: 'ollama:a'}\n")
    far = types.Position(line=10_000, character=10_000)
    document = types.TextDocumentIdentifier(uri=uri)
    assert await client.text_document_hover_async(types.HoverParams(text_document=document, position=far)) is None
    unknown = types.TextDocumentIdentifier(uri=uri_for("never-opened.yaml"))
    assert await client.text_document_definition_async(types.DefinitionParams(text_document=unknown, position=far)) is None
    assert check_text("x", "x.yaml")  # the client side is fine too
    again = await open_document(client, "after.yaml", "routes:\n  a: {model: llama3}\n")
    assert {d.code for d in again} == {"RC201"}
    assert client.error is None


async def test_files_that_are_not_routing_configs_stay_quiet(client: LanguageClient) -> None:
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"routec": {"checkAllFiles": False}}))
    workflow = "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    assert await open_document(client, "ci.yml", workflow) == []
    assert await open_document(client, "routing.yaml", "routes:\n  a: {model: llama3}\n") != []


async def test_suppress_on_this_line(client: LanguageClient) -> None:
    encoding = client.position_encoding  # type: ignore[attr-defined]
    for name, text in (
        ("suppress.yaml", "routes:\n  a: {model: llama3}\nagents:\n  defaults: {route: b}  # routec: ignore[RC106]\n"),
        ("suppress.json5", '{\n  "routes": { "a": { "model": "llama3" } },\n}\n'),
    ):
        published = await open_document(client, name, text)
        for diagnostic in [d for d in published if d.code not in ("RC001", "RC900", "RC901")]:
            actions = await client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri_for(name)),
                    range=diagnostic.range,
                    context=types.CodeActionContext(diagnostics=[diagnostic]),
                )
            )
            [suppress] = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.title.startswith("Suppress")]
            assert suppress.edit is not None and suppress.edit.changes is not None
            fixed = apply(text, list(suppress.edit.changes[uri_for(name)]), encoding)
            after = [d.code for d in check_text(fixed, name).diagnostics]
            before = [d.code for d in check_text(text, name).diagnostics]
            assert diagnostic.code not in after or after.count(diagnostic.code) < before.count(diagnostic.code), fixed
            assert after.count("RC900") <= before.count("RC900"), fixed  # the new suppression is used


async def test_suppressing_a_block_scalars_diagnostic_comments_its_header_line(client: LanguageClient) -> None:
    """A diagnostic at a block scalar: the comment goes on the `|-` line (a comment there is one), and it works."""
    encoding = client.position_encoding  # type: ignore[attr-defined]
    name = "block.yaml"
    text = "routes:\n  code: {model: 'ollama:x'}\nrules:\n  default: code\n  match:\n    - regex: |-\n        \\#\\d+\n      route: code\n"
    published = await open_document(client, name, text)
    [diagnostic] = [d for d in published if d.code == "RC408"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri_for(name)),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    [suppress] = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.title.startswith("Suppress")]
    assert suppress.edit is not None and suppress.edit.changes is not None
    fixed = apply(text, list(suppress.edit.changes[uri_for(name)]), encoding)
    assert "    - regex: |-  # routec: ignore[RC408]\n" in fixed
    assert [d.code for d in check_text(fixed, name).diagnostics] == []
