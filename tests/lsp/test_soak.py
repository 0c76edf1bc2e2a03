"""The language server stays up: one `routec lsp` process against thousands of random operations.

Random incremental and full edits (unicode, astral characters, every kind of line break, ranges
past the end and reversed), opens, re-opens, closes and changes of closed documents, and requests
at valid and invalid positions, to unknown methods and with params of the wrong shape. Every
request must be answered (a result, or the JSON-RPC error it deserves), the server's text must
stay the client's, the process must never exit, and its memory must level off.

A failure prints its seed; ROUTEC_SOAK_SEED=<seed> replays it, ROUTEC_SOAK_OPERATIONS=<n> runs longer.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import re
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.client import JsonRPCClient
from pygls.exceptions import JsonRpcException
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES

from routec.check import check_text
from routec.rules import Options
from routec.syntax import Source

from ..conftest import ROOT
from .conftest import SERVER
from .helpers import diagnostics_for

SEED = int(os.environ.get("ROUTEC_SOAK_SEED", "20240917"))
OPERATIONS = int(os.environ.get("ROUTEC_SOAK_OPERATIONS", "4000"))
WARM_UP = OPERATIONS // 4  # memory is measured from here: caches and imports have filled by then
BATCH = 40  # operations between waits for the batch's answers
ANSWER_TIMEOUT = 30.0  # seconds a batch may take to be answered before the test fails instead of hanging
RSS_GROWTH_LIMIT_KB = 16 * 1024  # seen: under 5 MB (caches fill with what the edits make)

INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
ENCODING = "utf-16"  # VS Code's: astral characters take two units, so a position can split one

DOCUMENTS = {
    "basic.yaml": "examples/routec/basic.yaml",
    "full.json5": "examples/routec/full.json5",
    "carapace.json5": "examples/carapace/carapace.json5",
    "proxy.yaml": "examples/litellm/proxy.yaml",
    "agents.yaml": "examples/plano/agents.yaml",
    "models-and-providers.yaml": "examples/multiroute/models-and-providers.yaml",
}
# These get only typing inside words (and undo to the original), so features have names to find; the
# others get everything.
STEADY = {"basic.yaml", "full.json5", "agents.yaml"}
LANGUAGES = {".yaml": "yaml", ".json5": "json5"}
# What random edits insert: mostly what keeps a document readable (letters in names and values, unicode,
# astral characters), else syntax of both formats and text that is hard on positions and line counting.
WORD_FRAGMENTS = ["a", "route", "x1", "_", "é", "日本語", "𝐀", "𝒳", "e\u0301"]  # 𝐀 and 𝒳: astral letters
FRAGMENTS = WORD_FRAGMENTS + [
    "-", "😀", "𝄞", "\u200d", "model", ":", ": ", "  ", "- ", "{", "}", "[", "]", ",", "'", '"', "#", "//", "/*", "*/",
    "\n", "\n", "\r\n", "\r", "\t", "\ufeff", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x00", "\ud83d",
    "ollama:llama3", "openai/gpt-4o", "&a", "*a", "<<: *a", "!!str", "---\n", "...", "%YAML 1.2\n",
    "${OPENAI_API_KEY}", "routes:\n  r: {model: 'ollama:x'}\n",
]  # fmt: skip
WORD = re.compile(r"[A-Za-z][\w.:/-]*")
POSITION_METHODS = {
    types.TEXT_DOCUMENT_HOVER,
    types.TEXT_DOCUMENT_DEFINITION,
    types.TEXT_DOCUMENT_REFERENCES,
    types.TEXT_DOCUMENT_COMPLETION,
}
FEATURES = {
    types.TEXT_DOCUMENT_HOVER,
    types.TEXT_DOCUMENT_DEFINITION,
    types.TEXT_DOCUMENT_REFERENCES,
    types.TEXT_DOCUMENT_DOCUMENT_SYMBOL,
    types.TEXT_DOCUMENT_COMPLETION,
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.TEXT_DOCUMENT_DIAGNOSTIC,
}
NEVER_OPENED = ["file:///workspace/soak/never.yaml", "untitled:Untitled-1", "file:///workspace/soak/a%20b.json5"]


def uri_for(name: str) -> str:
    return f"file:///workspace/soak/{name}"


class SoakClient(LanguageClient):
    """pytest-lsp's client, keeping the server's standard error to inspect instead of forwarding it."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.stderr_lines: list[str] = []

    async def start_io(self, cmd: str, *args: Any, **kwargs: Any) -> None:
        await JsonRPCClient.start_io(self, cmd, *args, **kwargs)
        self._stderr_forwarder = asyncio.create_task(self._keep_stderr())

    async def _keep_stderr(self) -> None:
        assert self._server is not None and self._server.stderr is not None
        while line := await self._server.stderr.readline():
            self.stderr_lines.append(line.decode("utf-8", "replace"))

    @property
    def pid(self) -> int:
        assert self._server is not None
        return self._server.pid


def make_soak_client() -> SoakClient:
    client = SoakClient()
    for method, handler in DEFAULT_CLIENT_FEATURES.items():
        client.feature(method)(handler)
    client.feature(types.CLIENT_REGISTER_CAPABILITY)(accept_registration)
    return client


def accept_registration(client: LanguageClient, params: types.RegistrationParams) -> None:
    """VS Code's capabilities include registering file watchers; it accepts them, as any editor that says so does."""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_soak_client))
async def soak_client(lsp_client: SoakClient) -> AsyncIterator[None]:
    params = types.InitializeParams(
        capabilities=client_capabilities("visual_studio_code"),
        initialization_options={"debounceMs": 0, "checkAllFiles": True},
    )
    result = await lsp_client.initialize_session(params)
    assert str(result.capabilities.position_encoding or "utf-16") == ENCODING
    yield
    await stop_server(lsp_client)


async def stop_server(client: SoakClient) -> None:
    """Shut the server down if the test did not get that far; kill it if it will not go, so teardown cannot hang."""
    server = client._server
    if server is None or server.returncode is not None:
        return
    try:
        await asyncio.wait_for(client.shutdown_session(), 10)
    except Exception:  # a server that cannot shut down must still not outlive the test
        pass
    if server.returncode is None:
        server.kill()


def send_raw(
    client: LanguageClient, msg_id: str, method: Any, params: Any, omit_params: bool = False
) -> asyncio.Future[Any]:
    """A request as raw JSON, whatever its shape, answered through the client's usual bookkeeping."""
    future: Future[Any] = Future()
    client.protocol._request_futures[msg_id] = future
    message: dict[str, Any] = {"jsonrpc": "2.0", "id": msg_id, "method": method}
    if not omit_params:
        message["params"] = params
    client.protocol._send_data(message)
    return asyncio.wrap_future(future)


def send_body(client: LanguageClient, body: bytes) -> None:
    """A message whose body is not a JSON-RPC object at all."""
    assert client.protocol.writer is not None
    client.protocol.writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))


# --- the client's side of the documents --------------------------------------


@dataclass
class Document:
    name: str
    text: str  # what the client holds, also while closed (it is what a re-open sends)
    version: int = 0
    is_open: bool = False
    names: list[str] = field(default_factory=list)  # route and alias names of the original, to point at

    @property
    def uri(self) -> str:
        return uri_for(self.name)

    @property
    def language(self) -> str:
        return LANGUAGES[os.path.splitext(self.name)[1]]


def apply_edit(text: str, range_: types.Range, new_text: str) -> str:
    """An incremental change as the LSP reference client applies it: positions clamp, a reversed range is swapped."""
    source = Source("x", text)
    start = source.lsp_offset(range_.start.line, range_.start.character, ENCODING)
    end = source.lsp_offset(range_.end.line, range_.end.character, ENCODING)
    start, end = min(start, end), max(start, end)
    return text[:start] + new_text + text[end:]


def position(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def original(name: str) -> Document:
    text = (ROOT / DOCUMENTS[name]).read_text(encoding="utf-8")
    config = check_text(text, name).config
    assert config is not None and config.routes, name
    return Document(name, text, names=sorted({*config.routes, *config.aliases}))


def expected_diagnostics(name: str, text: str) -> list[tuple[Any, ...]]:
    """What `routec check` finds in the client's text, in LSP terms."""
    report = check_text(text, name, Options(environ=dict(os.environ)))
    # The checked source, not the client's text: they differ only by a leading BOM, which the check drops as
    # `routec check` does (a known limit: after one, characters on the first line are counted without it).
    source = report.document.source
    return sorted(
        (d.code, source.lsp_position(d.start, ENCODING), source.lsp_position(d.end, ENCODING))
        for d in report.diagnostics
    )


def published(items: Sequence[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return sorted(
        (d.code, (d.range.start.line, d.range.start.character), (d.range.end.line, d.range.end.character))
        for d in items
    )


# --- the soak ------------------------------------------------------------------


@dataclass
class Pending:
    label: str
    answer: asyncio.Future[Any]
    error_code: int | None = None  # the JSON-RPC error the request deserves; None: a result
    check: Callable[[Any], None] | None = None
    method: str = ""


@dataclass
class Soak:
    client: SoakClient
    rng: random.Random
    documents: list[Document]
    pending: list[Pending] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)  # answers with something in them, by method
    unparsable_bodies: int = 0
    ids: itertools.count[int] = field(default_factory=itertools.count)

    # -- sending ----------------------------------------------------------------

    def request(self, label: str, method: str, params: Any, check: Callable[[Any], None] | None = None) -> None:
        """A well-formed request, sent now (in order with the notifications before it)."""
        answer = asyncio.wrap_future(self.client.protocol.send_request(method, params))
        self.pending.append(Pending(label, answer, None, check, method))

    def raw_request(
        self, label: str, method: Any, params: Any, error_code: int | None, omit_params: bool = False
    ) -> None:
        answer = send_raw(self.client, f"soak-{next(self.ids)}", method, params, omit_params)
        self.pending.append(Pending(label, answer, error_code))

    def raw_notification(self, method: Any, params: Any) -> None:
        self.client.protocol._send_data({"jsonrpc": "2.0", "method": method, "params": params})

    def raw_body(self, body: bytes) -> None:
        send_body(self.client, body)

    async def settle(self) -> None:
        """Wait for every request sent so far; each must be answered, as it deserves."""
        batch, self.pending = self.pending, []
        if not batch:
            return
        _, waiting = await asyncio.wait([p.answer for p in batch], timeout=ANSWER_TIMEOUT)
        unanswered = [p.label for p in batch if p.answer in waiting]
        assert not unanswered, f"seed {SEED}: no answer within {ANSWER_TIMEOUT}s to {unanswered[:10]}"
        for pending in batch:
            self.judge(pending)

    def judge(self, pending: Pending) -> None:
        error = pending.answer.exception()
        if pending.error_code is None:
            assert error is None, f"seed {SEED}: {pending.label} was answered with an error: {error!r}"
            if pending.check is not None:
                try:
                    pending.check(pending.answer.result())
                except AssertionError as failure:
                    raise AssertionError(f"{pending.label}: {failure}") from None
            if has_content(pending.answer.result()):
                self.found[pending.method] = self.found.get(pending.method, 0) + 1
        else:
            assert isinstance(error, JsonRpcException), f"seed {SEED}: {pending.label} got {pending.answer!r}"
            assert error.code == pending.error_code, f"seed {SEED}: {pending.label} got {error.code} {error.message}"

    # -- choosing ---------------------------------------------------------------

    def step(self) -> None:
        operations: list[tuple[int, Callable[[], None]]] = [
            (30, self.edit),
            (3, self.wild_edit),
            (6, self.replace_all),
            (3, self.open),
            (3, self.close),
            (2, self.change_closed),
            (1, self.save),
            (24, self.feature_request),
            (3, self.unknown_method),
            (5, self.wrong_params),
            (2, self.noise),
        ]
        weights, actions = zip(*operations)
        action = self.rng.choices(actions, weights)[0]
        self.counts[action.__name__] = self.counts.get(action.__name__, 0) + 1
        action()

    def document(self, is_open: bool | None = True) -> Document | None:
        candidates = [d for d in self.documents if is_open is None or d.is_open == is_open]
        return self.rng.choice(candidates) if candidates else None

    def random_text(self, fragments: list[str] = FRAGMENTS) -> str:
        return "".join(self.rng.choice(fragments) for _ in range(self.rng.randint(0, 6)))

    def typed_range(self, text: str) -> types.Range:
        """What typing does: mostly short spans, so documents keep their size and their shape."""
        source = Source("x", text)
        start = self.rng.randint(0, len(text))
        end = min(len(text), start + self.rng.choice([0, 0, 0, 1, 1, 2, 3, 8, 30]))
        (start_line, start_character), (end_line, end_character) = (
            source.lsp_position(start, ENCODING),
            source.lsp_position(end, ENCODING),
        )
        return types.Range(start=position(start_line, start_character), end=position(end_line, end_character))

    def name_position(self, document: Document) -> types.Position:
        """A position on a route or alias name, where it is defined or used, if the text still has one."""
        text = document.text
        found = [
            (match.start(), match.end()) for name in document.names for match in re.finditer(re.escape(name), text)
        ]
        if not found:
            return self.word_position(text)
        start, end = self.rng.choice(found)
        line, character = Source("x", text).lsp_position(self.rng.randint(start, end), ENCODING)
        return position(line, character)

    def word_position(self, text: str) -> types.Position:
        """A position inside a word (a key, a name, a model): where hover, definition and completion find things."""
        words = [match.span() for match in WORD.finditer(text)]
        if not words:
            return self.valid_position(text)
        start, end = self.rng.choice(words)
        line, character = Source("x", text).lsp_position(self.rng.randint(start + 1, end), ENCODING)
        return position(line, character)

    def valid_position(self, text: str) -> types.Position:
        line, character = Source("x", text).lsp_position(self.rng.randint(0, len(text)), ENCODING)
        return position(line, character)

    def any_position(self, text: str) -> types.Position:
        """A position in the text, or past the end of a line or of the document, or inside a surrogate pair."""
        source = Source("x", text)
        kind = self.rng.randrange(8)
        if kind == 0:
            line = self.rng.randrange(source.line_count)
            length = sum(2 if ord(char) > 0xFFFF else 1 for char in source.line_text(line + 1))
            return position(line, length + self.rng.choice([1, 1, 2, 500]))
        if kind == 1:
            return position(source.line_count + self.rng.randint(0, 1000), self.rng.randint(0, 1000))
        if kind == 2:
            return position(2**31 - 1, 2**31 - 1)  # the largest uinteger
        if kind == 3 and (astral := [i for i, char in enumerate(text) if ord(char) > 0xFFFF]):
            line, character = source.lsp_position(self.rng.choice(astral), ENCODING)
            return position(line, character + 1)
        return self.word_position(text) if kind >= 5 else self.valid_position(text)

    # -- notifications ----------------------------------------------------------

    def change(self, document: Document, changes: list[types.TextDocumentContentChangeEvent]) -> None:
        document.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=document.uri, version=document.version),
                content_changes=changes,
            )
        )

    def edit(self, wild: bool = False) -> None:
        document = self.document()
        if document is None:
            return self.open()
        changes: list[types.TextDocumentContentChangeEvent] = []
        steady = document.name in STEADY
        for _ in range(self.rng.choice([1, 1, 1, 2, 3])):  # several changes in one notification apply in order
            if wild and not steady:
                range_ = types.Range(start=self.any_position(document.text), end=self.any_position(document.text))
                new_text = self.random_text()
            elif steady or self.rng.random() < 0.8:  # typing inside a word: the document stays readable
                at = self.word_position(document.text)
                range_, new_text = types.Range(start=at, end=at), self.random_text(WORD_FRAGMENTS)
            else:
                range_, new_text = self.typed_range(document.text), self.random_text()
            document.text = apply_edit(document.text, range_, new_text)
            changes.append(types.TextDocumentContentChangePartial(range=range_, text=new_text))
        self.change(document, changes)

    def wild_edit(self) -> None:
        self.edit(wild=True)

    def replace_all(self) -> None:
        document = self.document()
        if document is None:
            return self.open()
        original = (ROOT / DOCUMENTS[document.name]).read_text(encoding="utf-8")
        if document.name in STEADY:
            document.text = original
        else:
            document.text = self.rng.choice([original, original, original + self.random_text(), self.random_text(), ""])
        self.change(document, [types.TextDocumentContentChangeWholeDocument(text=document.text)])

    def open(self) -> None:
        document = self.rng.choice(self.documents)  # an open one is re-opened: a client bug to survive
        document.version += self.rng.randint(1, 3)
        document.is_open = True
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=document.uri, language_id=document.language, version=document.version, text=document.text
                )
            )
        )

    def close(self) -> None:
        document = self.document(is_open=None)
        uri = document.uri if document is not None and self.rng.random() < 0.8 else self.rng.choice(NEVER_OPENED)
        if document is not None and uri == document.uri:
            document.is_open = False
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    def change_closed(self) -> None:
        """A change to a document the server does not hold: nothing to apply it to."""
        document = self.document(is_open=False)
        uri = document.uri if document is not None else self.rng.choice(NEVER_OPENED)
        range_ = types.Range(start=position(0, 0), end=position(0, 1))
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=10_000),
                content_changes=[types.TextDocumentContentChangePartial(range=range_, text="x")],
            )
        )

    def save(self) -> None:
        document = self.document(is_open=None)
        assert document is not None
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=document.uri))
        )

    def noise(self) -> None:
        """Notifications the server must shrug off."""
        kind = self.rng.randrange(5)
        if kind == 0:
            self.raw_notification("routec/noSuchNotification", {"x": 1})
        elif kind == 1:
            self.raw_notification("$/cancelRequest", {"id": f"never-sent-{self.rng.randrange(1000)}"})
        elif kind == 2:
            self.raw_notification("textDocument/didChange", {"textDocument": {"uri": 5}, "contentChanges": "x"})
        elif kind == 3:
            self.raw_notification("textDocument/didOpen", {"textDocument": {"uri": uri_for("x.yaml")}})
        else:
            body = self.rng.choice([b"{not json", b"[]", b"null", b'"text"', b"{}", b'{"jsonrpc": "2.0"}'])
            self.unparsable_bodies += body == b"{not json"  # pygls logs a traceback for it, and can do nothing else
            self.raw_body(body)

    # -- requests ---------------------------------------------------------------

    def feature_request(self) -> None:
        document = self.document(is_open=None)
        assert document is not None
        text = document.text
        uri = document.uri if self.rng.random() < 0.95 else self.rng.choice(NEVER_OPENED)
        held = document.is_open and uri == document.uri
        identifier = types.TextDocumentIdentifier(uri=uri)
        at = self.name_position(document) if self.rng.random() < 0.5 else self.any_position(text)
        label = f"{document.name}@v{document.version}"
        # A range in an answer must lie inside the text the request was about.
        inside = in_text(text) if held else no_ranges
        if self.rng.random() < 1 / 8:  # a feature the server does not offer
            params = {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}}
            self.raw_request(f"formatting {label}", types.TEXT_DOCUMENT_FORMATTING, params, METHOD_NOT_FOUND)
            return
        trigger = self.rng.choice([None, *"\"':[ "])
        completion_context = types.CompletionContext(
            trigger_kind=types.CompletionTriggerKind.TriggerCharacter
            if trigger
            else types.CompletionTriggerKind.Invoked,
            trigger_character=trigger,
        )
        reference_context = types.ReferenceContext(include_declaration=self.rng.random() < 0.5)
        action_range = types.Range(start=at, end=self.any_position(text))  # may be reversed or past the end
        action_context = types.CodeActionContext(diagnostics=[])
        features: list[tuple[str, Any, Callable[[Any], None]]] = [
            (
                types.TEXT_DOCUMENT_HOVER,
                types.HoverParams(text_document=identifier, position=at),
                checked(types.Hover, inside),
            ),
            (
                types.TEXT_DOCUMENT_DEFINITION,
                types.DefinitionParams(text_document=identifier, position=at),
                checked(types.Location, inside),
            ),
            (
                types.TEXT_DOCUMENT_REFERENCES,
                types.ReferenceParams(text_document=identifier, position=at, context=reference_context),
                checked(SEQUENCE, inside),
            ),
            (
                types.TEXT_DOCUMENT_DOCUMENT_SYMBOL,
                types.DocumentSymbolParams(text_document=identifier),
                checked(SEQUENCE, inside),
            ),
            (
                types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionParams(text_document=identifier, position=at, context=completion_context),
                checked(types.CompletionList, inside),
            ),
            (
                types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionParams(text_document=identifier, range=action_range, context=action_context),
                checked(SEQUENCE, inside),
            ),
            (
                types.TEXT_DOCUMENT_DIAGNOSTIC,
                types.DocumentDiagnosticParams(text_document=identifier),
                same_diagnostics(document) if held else empty_report,
            ),
        ]
        method, params, check = self.rng.choice(features)
        self.request(f"{method} {label} {params}", method, params, check)

    def unknown_method(self) -> None:
        method: Any = self.rng.choice(
            ["routec/noSuchRequest", "$/noSuchRequest", "textDocument/noSuchFeature", "", "Initialize", 5]
        )
        params = {"textDocument": {"uri": uri_for("basic.yaml")}}
        error_code = METHOD_NOT_FOUND if isinstance(method, str) else INVALID_REQUEST
        self.raw_request(f"unknown method {method!r}", method, params, error_code, omit_params=self.rng.random() < 0.3)

    def wrong_params(self) -> None:
        uri = uri_for(self.rng.choice(self.documents).name)
        method = self.rng.choice(
            [
                types.TEXT_DOCUMENT_HOVER,
                types.TEXT_DOCUMENT_DEFINITION,
                types.TEXT_DOCUMENT_REFERENCES,
                types.TEXT_DOCUMENT_COMPLETION,
                types.TEXT_DOCUMENT_CODE_ACTION,
                types.TEXT_DOCUMENT_DOCUMENT_SYMBOL,
                types.TEXT_DOCUMENT_DIAGNOSTIC,
            ]
        )
        shapes: list[Any] = [
            None,
            [],
            "text",
            42,
            {},
            {"textDocument": {"url": uri}, "position": {"line": 0, "character": 0}},
            {"textDocument": uri, "position": [0, 0]},
        ]
        if method in POSITION_METHODS:  # a well-formed document with a position that is not one
            shapes += [
                {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}},
                {"textDocument": {"uri": uri}, "position": {"line": "one", "character": 0}},
                {"textDocument": {"uri": uri}, "position": {"line": 2**40, "character": 0}},
                {"textDocument": {"uri": uri}},
            ]
        if method == types.TEXT_DOCUMENT_CODE_ACTION:
            shapes.append(
                {"textDocument": {"uri": uri}, "range": {"start": {"line": 0}}, "context": {"diagnostics": []}}
            )
        shape_index = self.rng.randrange(len(shapes) + 1)
        omit = shape_index == len(shapes)
        params = None if omit else shapes[shape_index]
        self.raw_request(f"{method} with params {params!r}", method, params, INVALID_PARAMS, omit_params=omit)


def has_content(answer: Any) -> bool:
    if isinstance(answer, types.CompletionList):
        return bool(answer.items)
    if isinstance(answer, types.RelatedFullDocumentDiagnosticReport):
        return bool(answer.items)
    return bool(answer) if isinstance(answer, SEQUENCE) else answer is not None


def in_text(text: str) -> Callable[[Any], None]:
    """Every range anywhere in an answer lies inside ``text`` (lines and characters in UTF-16 units)."""
    source = Source("x", text)

    def check(answer: Any) -> None:
        for range_ in ranges_in(answer):
            for end in (range_.start, range_.end):
                assert end.line < source.line_count, f"seed {SEED}: {range_} is past the last line"
                line = source.line_text(end.line + 1)
                assert end.character <= len(line) + sum(ord(c) > 0xFFFF for c in line), (
                    f"seed {SEED}: {range_} is past line {line!r}"
                )

    return check


def no_ranges(answer: Any) -> None:
    assert not list(ranges_in(answer)), f"seed {SEED}: an answer about a document the server does not hold: {answer}"


def ranges_in(value: Any) -> list[types.Range]:
    if isinstance(value, types.Range):
        return [value]
    if isinstance(value, (list, tuple)):
        return [r for item in value for r in ranges_in(item)]
    if hasattr(value, "__attrs_attrs__"):
        return [r for attribute in value.__attrs_attrs__ for r in ranges_in(getattr(value, attribute.name))]
    return []


SEQUENCE = (list, tuple)  # the client reads JSON arrays as either


def checked(kind: type | tuple[type, ...], inner: Callable[[Any], None]) -> Callable[[Any], None]:
    def check(answer: Any) -> None:
        assert answer is None or isinstance(answer, kind), f"seed {SEED}: expected {kind} or null, got {answer!r}"
        inner(answer)

    return check


def same_diagnostics(document: Document) -> Callable[[Any], None]:
    """The server's diagnostics are those of the client's text: the server applied every edit as the client did."""
    name, text = document.name, document.text

    def check(answer: Any) -> None:
        assert isinstance(answer, types.RelatedFullDocumentDiagnosticReport)
        assert published(answer.items) == expected_diagnostics(name, text), (
            f"seed {SEED}: server and client texts differ"
        )

    return check


def empty_report(answer: Any) -> None:
    assert isinstance(answer, types.RelatedFullDocumentDiagnosticReport) and not answer.items


def assert_quiet_stderr(lines: list[str], unparsable_bodies: int) -> None:
    """The server logs one line for what a client got wrong; a traceback only for a body that is not JSON (pygls')."""
    tracebacks = [index for index, line in enumerate(lines) if "Traceback (most recent call last)" in line]
    unexpected = [index for index in tracebacks if index == 0 or lines[index - 1].strip() != "Unable to handle message"]
    context = "".join(lines[unexpected[0] - 1 : unexpected[0] + 40]) if unexpected else ""
    assert not unexpected, f"seed {SEED}: a traceback on the server's stderr:\n{context}"
    assert len(tracebacks) <= unparsable_bodies, (
        f"seed {SEED}: {len(tracebacks)} tracebacks for {unparsable_bodies} bad bodies"
    )
    errors = [line for line in lines if line.startswith("routec: error while")]
    assert not errors, f"seed {SEED}: {errors[:5]}"


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


async def test_server_survives_thousands_of_random_operations(soak_client: SoakClient) -> None:
    client = soak_client
    print(f"soak seed {SEED}, {OPERATIONS} operations (ROUTEC_SOAK_SEED={SEED} replays)")
    documents = [original(name) for name in DOCUMENTS]
    soak = Soak(client, random.Random(SEED), documents)
    started = time.monotonic()
    rss_after_warm_up = 0
    for index in range(OPERATIONS):
        soak.step()
        if index % BATCH == BATCH - 1:
            await soak.settle()
        if index == WARM_UP:
            await soak.settle()
            rss_after_warm_up = rss_kb(client.pid)
    await soak.settle()
    rss_at_end = rss_kb(client.pid)
    print(
        f"{time.monotonic() - started:.1f}s; {sorted(soak.counts.items())}; RSS {rss_after_warm_up} -> {rss_at_end} kB"
    )
    print(f"answers with content: {sorted(soak.found.items())}; sizes {[len(d.text) for d in documents]}")
    # The soak reached past the empty answers: every feature found something somewhere.
    assert set(soak.found) >= FEATURES, (
        f"seed {SEED}: no feature answered with content for {FEATURES - set(soak.found)}"
    )

    # Still up, and still right: a known broken document gets its diagnostic, pushed and pulled.
    assert client._server is not None and client._server.returncode is None
    cycle = "routes:\n  fast: {model: 'ollama:a'}\naliases:\n  a: b\n  b: a\n"
    uri = uri_for("final-cycle.yaml")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=cycle)
        )
    )
    assert "RC103" in {code for code, _, _ in await pulled(client, uri)}
    assert "RC103" in {d.code for d in await diagnostics_for(client, uri, timeout=ANSWER_TIMEOUT)}

    growth = rss_at_end - rss_after_warm_up
    assert growth < RSS_GROWTH_LIMIT_KB, f"seed {SEED}: RSS grew {rss_after_warm_up} -> {rss_at_end} kB"
    assert_quiet_stderr(client.stderr_lines, soak.unparsable_bodies)
    internal = [m.message for m in client.log_messages if "internal error" in m.message]
    assert not internal, f"seed {SEED}: {internal[:5]}"
    # pygls shows an error for a body that is not JSON; nothing else the soak sent deserves one.
    shown = [m.message for m in client.messages if m.type == types.MessageType.Error]
    assert len(shown) <= soak.unparsable_bodies, f"seed {SEED}: {shown[:5]}"

    await client.shutdown_session()
    assert client._server.returncode == 0


# --- what the soak found, one by one ---------------------------------------------


async def hover_at(client: LanguageClient, uri: str, line: int, character: int) -> object:
    params = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position(line, character))
    return await asyncio.wait_for(client.text_document_hover_async(params), ANSWER_TIMEOUT)


async def pulled(client: LanguageClient, uri: str) -> list[tuple[Any, ...]]:
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    report = await asyncio.wait_for(client.text_document_diagnostic_async(params), ANSWER_TIMEOUT)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    return published(report.items)


async def test_requests_with_params_of_the_wrong_shape_are_answered(soak_client: SoakClient) -> None:
    """pygls dropped a request whose params did not fit its method: the client waited forever."""
    client = soak_client
    uri = uri_for("basic.yaml")
    cases: list[tuple[Any, Any, int]] = [
        (types.TEXT_DOCUMENT_HOVER, "text", INVALID_PARAMS),
        (types.TEXT_DOCUMENT_HOVER, {"textDocument": {"uri": uri}}, INVALID_PARAMS),
        (
            types.TEXT_DOCUMENT_HOVER,
            {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}},
            INVALID_PARAMS,
        ),
        (types.TEXT_DOCUMENT_COMPLETION, None, INVALID_PARAMS),
        (types.INITIALIZE, [], INVALID_PARAMS),
        (5, {}, INVALID_REQUEST),
        ("routec/noSuchRequest", {}, METHOD_NOT_FOUND),
    ]
    for index, (method, params, code) in enumerate(cases):
        with pytest.raises(JsonRpcException) as raised:
            await asyncio.wait_for(send_raw(client, f"bad-{index}", method, params), ANSWER_TIMEOUT)
        assert raised.value.code == code, (method, params)
    # Also without params at all, which JSON-RPC allows.
    with pytest.raises(JsonRpcException) as raised:
        await asyncio.wait_for(
            send_raw(client, "no-params", "routec/noSuchRequest", None, omit_params=True), ANSWER_TIMEOUT
        )
    assert raised.value.code == METHOD_NOT_FOUND
    with pytest.raises(JsonRpcException) as raised:
        await asyncio.wait_for(
            send_raw(client, "hover-no-params", types.TEXT_DOCUMENT_HOVER, None, omit_params=True), ANSWER_TIMEOUT
        )
    assert raised.value.code == INVALID_PARAMS and "$.params" in raised.value.message  # it says what is wrong
    assert await hover_at(client, uri, 0, 0) is None  # and the server goes on answering
    assert_quiet_stderr(client.stderr_lines, 0)


INCREMENTAL_CASES = {
    # name: (text, range as (start line, start character, end line, end character), new text, the editor's result)
    "a line break only LSP knows": ("a\u2028b\nc", (1, 0, 1, 0), "X", "a\u2028b\nXc"),
    "form feed and NEL are no line breaks": ("a\x0cb\x85c\nd", (1, 1, 1, 1), "X", "a\x0cb\x85c\ndX"),
    "past the end of the last line": ("ab", (0, 9, 0, 9), "X", "abX"),
    "one past the end of a line": ("ab\n\ncd", (1, 1, 1, 1), "X", "ab\nX\ncd"),
    "past the end of a CRLF line": ("ab\r\ncd", (0, 3, 0, 3), "X", "abX\r\ncd"),
    "past the last line": ("ab\ncd", (7, 0, 9, 3), "X", "ab\ncdX"),
    "a reversed range": ("abcdef", (0, 4, 0, 1), "X", "aXef"),
    "a reversed range over lines": ("ab\ncd\nef", (2, 1, 0, 1), "", "af"),
    "inside a surrogate pair": ("a😀b", (0, 2, 0, 2), "X", "a😀Xb"),
}


@pytest.mark.parametrize("case", INCREMENTAL_CASES)
def test_apply_change_as_the_editor_does(case: str) -> None:
    from routec.lsp.server import apply_change

    text, (line, character, end_line, end_character), new_text, expected = INCREMENTAL_CASES[case]
    range_ = types.Range(start=position(line, character), end=position(end_line, end_character))
    change = types.TextDocumentContentChangePartial(range=range_, text=new_text)
    assert apply_change(text, change, ENCODING) == expected
    assert apply_edit(text, range_, new_text) == expected  # the soak's model of the editor agrees


async def test_server_text_stays_the_editors_through_odd_changes(soak_client: SoakClient) -> None:
    """pygls split lines at \\u2028, \\x0c, \\x85 ... and clamped past-the-end characters off by one: the server's
    copy of the text drifted from the editor's, and every diagnostic after was in the wrong place."""
    client = soak_client
    uri = uri_for("odd.yaml")
    # LSP lines: 0 the description (with \u2028 and \x85 in it), 1 routes, 2 fast, 3 empty, 4 slow (no line break).
    text = "description: \"a\u2028b\x85c\"\nroutes:\n  fast: {model: 'nope:a'}\n\n  slow: {model: 'nope:b'}"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    edits = [
        ((2, 99, 2, 99), "  # first"),  # past the end of a line: at its end
        ((3, 1, 3, 1), "  # x"),  # one past the end of an empty line: still on it
        ((4, 999, 4, 999), "\n  # end"),  # past the end of the last line, which has no line break
        ((4, 10, 4, 2), "Slow"),  # reversed: replaces "slow: {m"
    ]
    for version, ((line, character, end_line, end_character), new_text) in enumerate(edits, start=2):
        range_ = types.Range(start=position(line, character), end=position(end_line, end_character))
        text = apply_edit(text, range_, new_text)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=range_, text=new_text)],
            )
        )
        expected = expected_diagnostics("odd.yaml", text)
        assert await pulled(client, uri) == expected, f"after edit {version - 1}"
        assert expected, "every step leaves diagnostics whose places tell the texts apart"
    lines = ['description: "a\u2028b\x85c"', "routes:", "  fast: {model: 'nope:a'}  # first", "  # x"]
    assert text == "\n".join([*lines, "  Slowodel: 'nope:b'}", "  # end"])


async def test_change_to_a_document_that_is_not_open_is_ignored(soak_client: SoakClient) -> None:
    """pygls failed on it with a KeyError, shown to the user as an error message."""
    client = soak_client
    uri = uri_for("never-opened.yaml")
    range_ = types.Range(start=position(0, 0), end=position(0, 0))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[types.TextDocumentContentChangePartial(range=range_, text="x")],
        )
    )
    assert await hover_at(client, uri, 0, 0) is None  # answered after the change was handled
    assert not [m.message for m in client.messages if m.type == types.MessageType.Error]
    assert await pulled(client, uri) == []
    assert_quiet_stderr(client.stderr_lines, 0)


async def test_messages_that_are_not_json_rpc_are_ignored_quietly(soak_client: SoakClient) -> None:
    client = soak_client
    for body in (b"[]", b"null", b"{}", b'{"jsonrpc": "2.0"}', b'{"jsonrpc": "2.0", "method": 5}'):
        send_body(client, body)
    assert await hover_at(client, uri_for("x.yaml"), 0, 0) is None
    assert_quiet_stderr(client.stderr_lines, 0)
    assert sum("not JSON-RPC" in line or "no method name" in line for line in client.stderr_lines) == 5


async def test_notifications_do_not_pile_up_in_the_server(soak_client: SoakClient) -> None:
    """pygls kept the future of every didOpen, didChange and didClose it handled: memory grew with every keystroke."""
    client = soak_client
    # A long debounce: no check runs, so what is measured is the handling of the notifications alone.
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"routec": {"debounceMs": 10_000}})
    )
    uri = uri_for("typing.yaml")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text="")
        )
    )

    async def type_characters(count: int, version: int) -> int:
        for _ in range(count):
            version += 1
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=types.Range(start=position(0, 0), end=position(0, 1)), text="a"
                        )
                    ],
                )
            )
            if version % 250 == 0:
                await hover_at(client, uri, 0, 0)  # let the server catch up
        await hover_at(client, uri, 0, 0)
        return version

    version = await type_characters(500, 1)
    before = rss_kb(client.pid)
    await type_characters(4_000, version)
    grown = rss_kb(client.pid) - before
    print(f"RSS grew {grown} kB over 4,000 changes")
    assert grown < 2 * 1024  # pygls' leak was 2 kB a change; 20 kB in all without it
