"""A real LSP client (pytest-lsp) driving `routec lsp` over stdio, as VS Code and Neovim."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES

PROFILES = ["visual_studio_code", "neovim"]
SERVER = [sys.executable, "-m", "routec", "lsp"]


def make_client() -> LanguageClient:
    """pytest-lsp's test client, also recording which document version each diagnostics push is for."""
    client = LanguageClient(converter_factory=default_converter)
    client.diagnostic_versions = {}  # type: ignore[attr-defined]
    client.published = 0  # type: ignore[attr-defined]

    def publish_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.diagnostic_versions[params.uri] = params.version  # type: ignore[attr-defined]
        client.published += 1  # type: ignore[attr-defined]

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish_diagnostics}
    for method, handler in features.items():
        client.feature(method)(handler)
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client), params=PROFILES)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    params = types.InitializeParams(
        capabilities=client_capabilities(request.param),
        initialization_options={"debounceMs": 0, "checkAllFiles": True},  # compare with the CLI on every case
    )
    result = await lsp_client.initialize_session(params)
    lsp_client.position_encoding = str(result.capabilities.position_encoding or "utf-16")  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()
