"""Each kind of quick fix is offered for its diagnostic, edits exactly what it says, and the server then sees it fixed."""

from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient

from .helpers import change_document, diagnostics_for, open_document, uri_for
from .test_features import apply

# An emoji before each fix on its line: the edits' ranges must be in the client's position encoding.
YAML = """providers:
  anthropic: {apiKey: '${ANTHROPIC_API_KEY}'}
routes:
  bare: {description: "😀", model: claude-opus-4-6}
  typo: {description: "😀", model: antrhopic:claude-opus-4-6}
  slash: {description: "😀", model: anthropic/claude-opus-4-6}
agents:
  list:
    - {id: "😀", route: slahs}
"""
JSON5 = """{
  "providers": { "anthropic": { "apiKey": "${ANTHROPIC_API_KEY}" } },
  "routes": {
    "bare": { "description": "😀", "model": "claude-opus-4-6" },
    "typo": { "description": "😀", "model": "antrhopic:claude-opus-4-6" },
    "slash": { "description": "😀", "model": "anthropic/claude-opus-4-6" },
  },
  "agents": { "list": [ { "id": "😀", "route": "slahs" } ] },
}
"""
# Per file: code, the text before and after its fix, and whether the fix is safe (offered as preferred).
FIXES = {
    "fixes.yaml": [
        ("RC201", "model: claude-opus-4-6", 'model: "anthropic:claude-opus-4-6"', True),  # the inferred provider
        ("RC202", "model: antrhopic:claude-opus-4-6", 'model: "anthropic:claude-opus-4-6"', False),  # the suggested provider
        ("RC203", "model: anthropic/claude-opus-4-6", 'model: "anthropic:claude-opus-4-6"', True),  # slash to colon
        ("RC101", "route: slahs", "route: slash", False),  # the suggested route
    ],
    "fixes.json5": [
        ("RC201", '"model": "claude-opus-4-6"', '"model": "anthropic:claude-opus-4-6"', True),
        ("RC202", '"model": "antrhopic:claude-opus-4-6"', '"model": "anthropic:claude-opus-4-6"', False),
        ("RC203", '"model": "anthropic/claude-opus-4-6"', '"model": "anthropic:claude-opus-4-6"', True),
        ("RC101", '"route": "slahs"', '"route": "slash"', False),
    ],
}


async def fix(client: LanguageClient, name: str, code: str) -> types.CodeAction:
    """The one quick fix (not the suppression) the server offers for the published ``code`` diagnostic."""
    [diagnostic] = [d for d in client.diagnostics[uri_for(name)] if d.code == code]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri_for(name)),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]),
        )
    )
    fixes = [
        action
        for action in actions or []
        if isinstance(action, types.CodeAction)
        and not action.title.startswith("Suppress")
        and action.diagnostics
        and action.diagnostics[0].code == code
    ]
    assert len(fixes) == 1, f"{name} {code}: {actions}"
    assert fixes[0].kind == types.CodeActionKind.QuickFix
    # The suppression is offered beside it (its own test is in test_features).
    assert any(isinstance(a, types.CodeAction) and a.title == f"Suppress {code} on this line" for a in actions or [])
    return fixes[0]


async def test_each_kind_of_quick_fix(client: LanguageClient) -> None:
    encoding = client.position_encoding  # type: ignore[attr-defined]
    for name, text in (("fixes.yaml", YAML), ("fixes.json5", JSON5)):
        uri = uri_for(name)
        published = await open_document(client, name, text)
        assert {d.code for d in published} == {code for code, *_ in FIXES[name]}
        for version, (code, before, after, safe) in enumerate(FIXES[name], start=2):
            action = await fix(client, name, code)
            assert bool(action.is_preferred) is safe, action.title
            assert action.edit is not None and action.edit.changes is not None
            assert text.count(before) == 1
            fixed = apply(text, list(action.edit.changes[uri]), encoding)
            assert fixed == text.replace(before, after), action.title
            text = fixed
            change_document(client, uri, version, text)
            remaining = {d.code for d in await diagnostics_for(client, uri, version=version)}
            assert code not in remaining
        assert list(client.diagnostics[uri]) == []  # all four applied: the config is clean
