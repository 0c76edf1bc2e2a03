"""The routec language server (pygls 2.x over stdio): the check pipeline, inline.

Every feature reads the same report `routec check` would print for the
buffer's text, so the editor and the CLI never disagree. Checks run on open
and save at once, and on change after a short debounce per document, so a
burst of keystrokes costs one check. Nothing a client sends can stop the
server: each handler answers with what it can, or with nothing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Generator
from concurrent.futures import Future
from typing import Any, TypeVar
from urllib.parse import unquote, urlparse

import cattrs
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import JsonRPCNotification, JsonRPCRequestMessage, LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from .. import __version__
from ..check import FileReport, check_text
from ..dialects import DIALECTS, detect
from ..ir import Agent, ModelRef, Reference
from ..rules import Options
from ..secrets import scrub
from ..settings import ALWAYS_REPORTED, ConfigError, FileSettings, Finder
from ..suppress import Strings
from ..syntax import Scalar, Source
from . import complete, convert, navigate

logger = logging.getLogger(__name__)
Result = TypeVar("Result")

DEFAULT_DEBOUNCE_SECONDS = 0.15
# A syntax error cannot be silenced (the file does not read), nor can a suppression's own problems.
UNSUPPRESSIBLE = ALWAYS_REPORTED | {"RC900", "RC901"}
LANGUAGE_FORMATS = {"yaml": "yaml", "json5": "json5", "json": "json5", "jsonc": "json5"}


class Settings:
    """What a client may set: in initializationOptions or the `routec` configuration section."""

    __slots__ = ("dialect", "env_check", "debounce", "all_files")

    def __init__(self) -> None:
        self.dialect: str | None = None
        self.env_check = False
        self.debounce = DEFAULT_DEBOUNCE_SECONDS
        # Editors send every YAML and JSON file; by default only routing configs get diagnostics.
        self.all_files = False

    def update(self, values: Any) -> list[str]:
        """Apply known settings; return complaints about the rest, for the log."""
        if not isinstance(values, dict):
            return [] if values is None else [f"settings must be an object, got {type(values).__name__}"]
        complaints: list[str] = []
        dialect = values.get("dialect")
        if dialect in (None, "", "auto"):
            self.dialect = None  # detect each file's dialect
        elif isinstance(dialect, str) and dialect in DIALECTS:
            self.dialect = dialect
        else:
            complaints.append(f"unknown dialect {dialect!r}; known: {', '.join(DIALECTS)}")
        if isinstance(values.get("envCheck"), bool):
            self.env_check = values["envCheck"]
        if isinstance(values.get("checkAllFiles"), bool):
            self.all_files = values["checkAllFiles"]
        debounce = values.get("debounceMs")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            self.debounce = debounce / 1000
        return complaints


class OpenDocument:
    __slots__ = ("uri", "language", "report", "version", "good", "pending", "checked_at")

    def __init__(self, uri: str, language: str) -> None:
        self.uri = uri
        self.language = language
        self.report: FileReport | None = None
        self.version: int | None = None  # the version `report` was checked at
        self.good: FileReport | None = None  # the last report of a readable document
        self.pending: asyncio.Task[None] | None = None
        self.checked_at = 0.0


class Unreadable:
    """A message that cannot be read as its method says: a request gets ``error`` as its answer."""

    __slots__ = ("id", "error")

    def __init__(self, id: object, error: JsonRpcException) -> None:
        self.id = id
        self.error = error


class RoutecProtocol(LanguageServerProtocol):
    """pygls' protocol, repaired where a client's mistakes or a long session hurt it.

    A request whose params do not fit its method is answered with InvalidParams (InvalidRequest if
    it names no method): pygls logged a traceback and dropped it, so the client waited forever.
    Incremental changes are applied as LSP defines them, and pygls no longer keeps every
    notification it handled.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" not in data or ("id" in data and "method" not in data):  # inside a message, or a response
            return super().structure_message(data)
        method = data.get("method")
        if not isinstance(method, str):
            error = JsonRpcInvalidRequest(f"Invalid Request: no method name in {data!r:.100}")
            return Unreadable(data.get("id"), error)
        message_type = self.get_message_type(method)
        if message_type is None:  # a method pygls does not know of: answered or ignored later, params or not
            message_type = JsonRPCRequestMessage if "id" in data else JsonRPCNotification
            data.setdefault("params", None)
        try:
            return self._converter.structure(data, message_type)
        except Exception as error:  # the params do not fit: say where, instead of a traceback
            problem = "; ".join(cattrs.transform_error(error))
            return Unreadable(data.get("id"), JsonRpcInvalidParams(f"Invalid params for {method}: {problem}"))

    @lsp_method(types.SHUTDOWN)
    def lsp_shutdown(self, *args: Any) -> Generator[Any, Any, None]:
        """pygls' own, but cancelling the requests still waiting for the client (a file-watcher registration)
        over a copy: a cancelled one leaves the dictionary at once, and pygls' loop over it failed the shutdown."""
        if (user_handler := self.fm.features.get(types.SHUTDOWN)) is not None:
            yield user_handler, args, None
        current_id = self.msg_id
        for msg_id, future in list(self._request_futures.items()):
            if msg_id != current_id and not future.done():
                future.cancel()
        self._shutdown = True
        return None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Generator[Any, Any, None]:
        """Apply changes as the editor made them, then run the server's handler.

        pygls splits lines at \\f, \\v, \\x85 and \\u2028 too, and clamps a character past the end
        of a line to one past or one before the line's end, so its copy of the text drifted from the
        editor's; and it failed on a change to a document that is not open.
        """
        uri = params.text_document.uri
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            logger.warning("routec: change to %s, which is not open", uri)
            return
        encoding = str(self.workspace.position_encoding or "utf-16")
        text = document.source
        for change in params.content_changes:
            text = apply_change(text, change, encoding)
        whole = types.TextDocumentContentChangeWholeDocument(text=text)
        self.workspace.update_text_document(params.text_document, whole)
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    def _check_handler_result(self, future: Future[Any]) -> None:
        """After a notification's handler: pygls files the future of every one it runs as a generator or
        coroutine (didOpen, didChange, didClose, ...) with the requests in flight and never takes it out,
        so memory grew with every keystroke. A finished future there is one nobody waits for."""
        super()._check_handler_result(future)
        for msg_id in [key for key, pending in self._request_futures.items() if pending.done()]:
            del self._request_futures[msg_id]

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Unreadable):
            logger.warning("routec: %s", message.error.message)
            if isinstance(message.id, (str, int)) and not isinstance(message.id, bool):  # a request: it gets an answer
                self._send_response(message.id, error=message.error.to_response_error())
        elif isinstance(message, (dict, list, str, int, float, bool)) or message is None:  # JSON, but no JSON-RPC
            logger.warning("routec: ignoring a message that is not JSON-RPC: %.100r", message)
        else:
            super().handle_message(message)


def apply_change(text: str, change: types.TextDocumentContentChangeEvent, encoding: str) -> str:
    """The text after one content change, as LSP defines it.

    Lines break at \\n, \\r\\n and \\r only; a position past the end of its line, or of the text, is
    clamped to that end; a reversed range is read from its earlier end, as the reference client does.
    """
    if not isinstance(change, types.TextDocumentContentChangePartial):
        return change.text
    source = Source("", text)
    start = source.lsp_offset(change.range.start.line, change.range.start.character, encoding)
    end = source.lsp_offset(change.range.end.line, change.range.end.character, encoding)
    start, end = min(start, end), max(start, end)
    return text[:start] + change.text + text[end:]


class RoutecServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "routec",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=RoutecProtocol,
        )
        self.settings = Settings()
        self.open: dict[str, OpenDocument] = {}
        self.finder = Finder()

    # --- checking ---------------------------------------------------------------

    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    def check(self, state: OpenDocument) -> FileReport:
        """Check the buffer as it is now, unless that exact version was checked already."""
        document = self.workspace.get_text_document(state.uri)
        if state.report is not None and state.version == document.version:
            return state.report
        options = Options(env_check=self.settings.env_check, environ=dict(os.environ))
        fmt = LANGUAGE_FORMATS.get(state.language)
        project = self.project_settings(state.uri)
        report = check_text(document.source, _file_name(state.uri), options, self.settings.dialect, fmt, project)
        state.report, state.version, state.checked_at = report, document.version, time.monotonic()
        if report.config is not None and report.config.lowered:
            state.good = report
        return report

    def project_settings(self, uri: str) -> FileSettings | None:
        """The project configuration (pyproject.toml / routec.toml) above a file on disk, as the CLI uses it."""
        parsed = urlparse(uri)
        if parsed.scheme != "file":
            return None
        try:
            return self.finder.for_file(unquote(parsed.path))
        except ConfigError as error:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Error, message=f"routec: invalid configuration: {error}")
            )
            return None

    def diagnostics(self, state: OpenDocument) -> list[types.Diagnostic]:
        """The buffer's diagnostics, or none for a file that is not a routing config."""
        report = self.check(state)
        recognised = report.config.recognised if report.config is not None else detect(report.document).recognised
        if not (self.settings.all_files or self.settings.dialect or recognised):
            return []
        encoding = self.encoding()
        return [convert.lsp_diagnostic(d, state.uri, encoding) for d in report.diagnostics]

    def publish(self, state: OpenDocument) -> None:
        diagnostics = self.diagnostics(state)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=state.uri, diagnostics=diagnostics, version=state.version)
        )

    def schedule(self, uri: str, delay: float) -> None:
        state = self.open.get(uri)
        if state is None:
            return
        if state.pending is not None:
            state.pending.cancel()
        state.pending = asyncio.get_running_loop().create_task(self._check_later(state, delay))

    async def _check_later(self, state: OpenDocument, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        if self.open.get(state.uri) is state:
            guarded(self, "publishing diagnostics", lambda: self.publish(state), None)

    def recheck_all(self) -> None:
        for state in self.open.values():
            state.report = None
            self.schedule(state.uri, 0)

    def state(self, uri: str) -> OpenDocument | None:
        return self.open.get(uri)

    def offset(self, state: OpenDocument, position: types.Position) -> int:
        report = self.check(state)
        return report.document.source.lsp_offset(position.line, position.character, self.encoding())


def guarded(server: LanguageServer, what: str, work: Callable[[], Result], fallback: Result) -> Result:
    """Run a handler's work; on a routec bug, log it and answer with ``fallback``."""
    try:
        return work()
    except Exception:  # the server outlives any bug in one request
        logger.exception("routec: error while %s", what)
        server.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=f"routec: internal error while {what}")
        )
        return fallback


def _file_name(uri: str) -> str:
    """The name detection and format choice go by: `carapace.json5`, `routes.yaml`."""
    path = unquote(urlparse(uri).path) or uri
    return path.rsplit("/", 1)[-1] or "untitled"


server = RoutecServer()


@server.feature(types.INITIALIZE)
def initialize(ls: RoutecServer, params: types.InitializeParams) -> None:
    for complaint in ls.settings.update(params.initialization_options):
        logger.warning("routec: %s", complaint)


PROJECT_FILES = ("pyproject.toml", "routec.toml")


@server.feature(types.INITIALIZED)
async def initialized(ls: RoutecServer, params: types.InitializedParams) -> None:
    await _pull_configuration(ls)
    await _watch_project_files(ls)


async def _watch_project_files(ls: RoutecServer) -> None:
    """Ask the client to say when a project configuration changes on disk, edited in the editor or not."""
    workspace = ls.client_capabilities.workspace
    watching = workspace.did_change_watched_files if workspace is not None else None
    if watching is None or not watching.dynamic_registration:
        return
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in PROJECT_FILES]
    registration = types.Registration(
        id="routec-project-files",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
    )
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
    except Exception as error:  # a client that refuses still gets the configuration re-read on save
        logger.warning("routec: could not register file watchers: %s", error)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched_files_changed(ls: RoutecServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(change.uri.endswith(PROJECT_FILES) for change in params.changes):
        ls.finder = Finder()  # the project configuration changed: read it again
        ls.recheck_all()


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def configuration_changed(ls: RoutecServer, params: types.DidChangeConfigurationParams) -> None:
    settings = params.settings
    if isinstance(settings, dict) and isinstance(settings.get("routec"), dict):
        ls.settings.update(settings["routec"])
    else:
        await _pull_configuration(ls)
    ls.recheck_all()


async def _pull_configuration(ls: RoutecServer) -> None:
    workspace = ls.client_capabilities.workspace
    if workspace is None or not workspace.configuration:
        return
    try:
        values = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section="routec")])
        )
    except Exception:  # a client that cannot answer keeps the settings it gave at start
        logger.warning("routec: workspace/configuration failed", exc_info=True)
        return
    for complaint in ls.settings.update(values[0] if values else None):
        ls.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=f"routec: {complaint}"))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: RoutecServer, params: types.DidOpenTextDocumentParams) -> None:
    document = params.text_document
    ls.open[document.uri] = OpenDocument(document.uri, document.language_id)
    ls.schedule(document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: RoutecServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.settings.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: RoutecServer, params: types.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri.endswith(PROJECT_FILES):
        ls.finder = Finder()  # the project configuration changed: read it again
        ls.recheck_all()
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: RoutecServer, params: types.DidCloseTextDocumentParams) -> None:
    state = ls.open.pop(params.text_document.uri, None)
    if state is not None and state.pending is not None:
        state.pending.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(identifier="routec", inter_file_dependencies=False, workspace_diagnostics=False),
)
def pull_diagnostics(ls: RoutecServer, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
    def work() -> types.DocumentDiagnosticReport:
        state = ls.state(params.text_document.uri)
        if state is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        items = ls.diagnostics(state)
        return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=str(state.version))

    empty: types.DocumentDiagnosticReport = types.RelatedFullDocumentDiagnosticReport(items=[])
    return guarded(ls, "pulling diagnostics", work, empty)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_actions(ls: RoutecServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    def work() -> list[types.CodeAction] | None:
        state = ls.state(params.text_document.uri)
        if state is None:
            return None
        report = ls.check(state)
        source = report.document.source
        encoding = ls.encoding()
        start = source.lsp_offset(params.range.start.line, params.range.start.character, encoding)
        end = source.lsp_offset(params.range.end.line, params.range.end.character, encoding)
        actions = []
        strings = Strings(report.document.root, source.text)
        for diagnostic in report.diagnostics:
            if diagnostic.start <= end and start <= diagnostic.end:
                action = convert.quick_fix(diagnostic, state.uri, encoding)
                if action is not None:
                    actions.append(action)
                if diagnostic.code not in UNSUPPRESSIBLE:
                    fmt = report.document.format
                    suppression = convert.suppress_action(diagnostic, state.uri, encoding, fmt, strings)
                    if suppression is not None:
                        actions.append(suppression)
        return actions

    return guarded(ls, "listing quick fixes", work, None)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: RoutecServer, params: types.DefinitionParams) -> types.Location | None:
    def work() -> types.Location | None:
        found = _name_at(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        state, config, name = found
        target = navigate.definition_of(config, name.name)
        if target is None:
            return None
        return _location(ls, state, target)

    return guarded(ls, "finding a definition", work, None)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: RoutecServer, params: types.ReferenceParams) -> list[types.Location] | None:
    def work() -> list[types.Location] | None:
        found = _name_at(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        state, config, name = found
        locations = [_location(ls, state, use.name) for use in navigate.uses_of(config, name.name)]
        declared = navigate.definition_of(config, name.name)
        if params.context.include_declaration and declared is not None:
            locations.insert(0, _location(ls, state, declared))
        return locations

    return guarded(ls, "finding references", work, None)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: RoutecServer, params: types.HoverParams) -> types.Hover | None:
    def work() -> types.Hover | None:
        found = _name_at(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        state, config, name = found
        text = scrub(navigate.describe(config, name.name), state.report.secrets if state.report else [])
        range_ = convert.lsp_range(config.document.source, name.node.start, name.node.end, ls.encoding())
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=range_)

    return guarded(ls, "hovering", work, None)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: RoutecServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
    def work() -> list[types.DocumentSymbol] | None:
        state = ls.state(params.text_document.uri)
        if state is None:
            return None
        report = ls.check(state)
        config = report.config
        if config is None:
            return []
        encoding = ls.encoding()
        source = config.document.source

        def symbol(name: str, key: Scalar, end: int, kind: types.SymbolKind, detail: str) -> types.DocumentSymbol:
            return types.DocumentSymbol(
                name=name,
                kind=kind,
                detail=scrub(detail, report.secrets),
                range=convert.lsp_range(source, key.start, max(end, key.end), encoding),
                selection_range=convert.lsp_range(source, key.start, key.end, encoding),
            )

        routes = [
            symbol(name, route.key, route.node.end, types.SymbolKind.Function, route.model.value if route.model else "")
            for name, route in config.routes.items()
        ]
        aliases = [
            symbol(name, alias.key, _target_node(alias.target).end, types.SymbolKind.Constant, f"→ {alias.target.value}")
            for name, alias in config.aliases.items()
        ]
        agents = [
            symbol(str(agent.id.value), agent.id, agent.node.end, types.SymbolKind.Object, _agent_detail(agent))
            for agent in config.agents
            if agent.id is not None
        ]
        return [*routes, *aliases, *agents]

    return guarded(ls, "listing symbols", work, None)


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=['"', "'", ":", " ", "["]),
)
def completion(ls: RoutecServer, params: types.CompletionParams) -> types.CompletionList | None:
    def work() -> types.CompletionList | None:
        state = ls.state(params.text_document.uri)
        if state is None:
            return None
        report = ls.check(state)
        source = report.document.source
        encoding = ls.encoding()
        offset = source.lsp_offset(params.position.line, params.position.character, encoding)
        json_like = report.document.format == "json5"
        place = complete.where(source.text, offset, json_like)
        good = state.good or report
        if good.config is None:  # opened half typed: read what is before the cursor
            good = check_text(complete.repaired(source.text, offset, json_like), _file_name(state.uri))
        dialect = good.config.dialect if good.config is not None else detect(report.document, ls.settings.dialect).dialect.name
        conventions = DIALECTS[dialect].conventions
        names = _names_with_details(good)
        found = complete.candidates(
            place, DIALECTS[dialect].schema, names, sorted(conventions.known_providers), conventions.model_separator
        )
        replace = convert.lsp_range(source, place.word_start, offset, encoding)
        kinds = {
            "name": types.CompletionItemKind.Reference,
            "provider": types.CompletionItemKind.Module,
            "value": types.CompletionItemKind.EnumMember,
            "key": types.CompletionItemKind.Property,
        }
        items = [
            types.CompletionItem(
                label=candidate.label,
                kind=kinds[candidate.kind],
                detail=scrub(candidate.detail, good.secrets) if candidate.detail else None,
                text_edit=types.TextEdit(range=replace, new_text=candidate.label),
            )
            for candidate in found
        ]
        return types.CompletionList(is_incomplete=False, items=items)

    return guarded(ls, "completing", work, None)


def _name_at(ls: RoutecServer, uri: str, position: types.Position) -> tuple[OpenDocument, Any, navigate.NameAt] | None:
    state = ls.state(uri)
    if state is None:
        return None
    report = ls.check(state)
    config = report.config
    if config is None:
        return None
    offset = ls.offset(state, position)
    found = navigate.name_at(config, offset)
    return (state, config, found) if found is not None else None


def _location(ls: RoutecServer, state: OpenDocument, node: Scalar) -> types.Location:
    report = ls.check(state)
    return types.Location(uri=state.uri, range=convert.lsp_range(report.document.source, node.start, node.end, ls.encoding()))


def _names_with_details(report: FileReport) -> dict[str, str]:
    config = report.config
    if config is None:
        return {}
    names = {name: route.model.value if route.model else "route" for name, route in config.routes.items()}
    names.update({name: f"alias → {alias.target.value}" for name, alias in config.aliases.items()})
    return names


def _target_node(target: Reference | ModelRef) -> Scalar:
    return target.name if isinstance(target, Reference) else target.text


def _agent_detail(agent: Agent) -> str:
    if agent.route is not None:
        return f"route {agent.route.value}"
    if agent.model is not None:
        return agent.model.value
    return "defaults"


def serve() -> None:
    """Run the server over standard input and output until the client exits."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    server.start_io()
