"""A real LSP client (pytest-lsp) driving `routec lsp` over stdio, as VS Code and Neovim."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES

PROFILES = ["visual_studio_code", "neovim"]
SERVER = [sys.executable, "-m", "routec", "lsp"]
# For the `idle` server: one variable known to be set, whatever the machine's environment.
SET_VARIABLE = "ROUTEC_LSP_TEST_SET"


def make_client() -> LanguageClient:
    """pytest-lsp's test client, also recording each diagnostics push (and its version) and each configuration request."""
    client = LanguageClient(converter_factory=default_converter)
    client.diagnostic_versions = {}  # type: ignore[attr-defined]
    client.published = 0  # type: ignore[attr-defined]
    client.publications = {}  # type: ignore[attr-defined]  # uri -> the version of every push for it, in order
    client.configuration_requests = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]  # what the server registered, as editors record it

    def publish_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.diagnostic_versions[params.uri] = params.version  # type: ignore[attr-defined]
        client.published += 1  # type: ignore[attr-defined]
        client.publications.setdefault(params.uri, []).append(params.version)  # type: ignore[attr-defined]

    answer_configuration = DEFAULT_CLIENT_FEATURES[types.WORKSPACE_CONFIGURATION]

    def configuration(client: LanguageClient, params: types.ConfigurationParams) -> Any:
        client.configuration_requests.append(params)  # type: ignore[attr-defined]
        return answer_configuration(client, params)

    def register_capability(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish_diagnostics,
        types.WORKSPACE_CONFIGURATION: configuration,
        types.CLIENT_REGISTER_CAPABILITY: register_capability,
    }
    for method, handler in features.items():
        client.feature(method)(handler)
    return client


async def start_session(
    client: LanguageClient, capabilities: types.ClientCapabilities, options: dict[str, object]
) -> types.InitializeResult:
    """Initialize the server with ``options`` and note the position encoding it chose."""
    params = types.InitializeParams(capabilities=capabilities, initialization_options=options)
    result = await client.initialize_session(params)
    client.position_encoding = str(result.capabilities.position_encoding or "utf-16")  # type: ignore[attr-defined]
    return result


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client), params=PROFILES)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    # No debounce, and every file checked: compare with the CLI on every case.
    await start_session(lsp_client, client_capabilities(request.param), {"debounceMs": 0, "checkAllFiles": True})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=SERVER, client_factory=make_client, server_env={**os.environ, SET_VARIABLE: "set"}
    ),
    params=PROFILES,
)
async def idle(lsp_client: LanguageClient, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """A server not yet initialized: the test starts it (helpers.start) with the settings it is about."""
    lsp_client.profile = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()  # does nothing if the test never initialized it
