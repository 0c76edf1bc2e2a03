"""Definition, references, hover and symbols on every shipped example, in every dialect.

Each example's position is chosen from its IR (a reference to an alias if there is one, else any
reference, else a route's own name), and the expected answers come from the routing table `routec
build` would emit, not from the server's navigation code.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from routec.check import check_text
from routec.dialects import DIALECTS
from routec.ir import Config
from routec.resolve import resolve
from routec.syntax import Scalar

from ..conftest import EXAMPLE_CONFIGS, ROOT
from .helpers import open_document, uri_for


def pick(config: Config) -> tuple[str, Scalar]:
    """The name to navigate from and where it is written."""
    references = list(config.references())
    to_alias = [reference for reference in references if reference.value in config.aliases]
    if to_alias or references:
        reference = (to_alias or references)[0]
        return reference.value, reference.name
    name, route = next(iter(config.routes.items()))  # nothing refers to anything (multiroute): a definition
    return name, route.key


Span = tuple[tuple[int, int], tuple[int, int]]


def as_span(range_: types.Range) -> Span:
    return (range_.start.line, range_.start.character), (range_.end.line, range_.end.character)


def key_of(config: Config, name: str) -> Scalar:
    """Where the IR says ``name`` is defined."""
    return config.routes[name].key if name in config.routes else config.aliases[name].key


def expected_hover(table: dict[str, object], name: str) -> list[str]:
    """What a hover on ``name`` must say: the path to the model, and the failover chain if it has one."""
    routes, aliases = table["routes"], table["aliases"]
    assert isinstance(routes, dict) and isinstance(aliases, dict)
    if name in aliases:
        path, route = list(aliases[name]["path"]), aliases[name]["route"]
    else:
        path, route = [name], name
    chain = [step["target"] for step in routes[route]["chain"]]
    lines = [" → ".join([*path, routes[route]["target"]])]
    if len(chain) > 1:
        lines.append("Failover chain: " + " → ".join(f"`{target}`" for target in chain))
    return lines


class Example:
    """One example opened in the server, with what the CLI's engine knows about it."""

    def __init__(self, client: LanguageClient, path: Path) -> None:
        self.client = client
        self.encoding: str = client.position_encoding  # type: ignore[attr-defined]
        self.text = path.read_text(encoding="utf-8")
        self.where = str(path.relative_to(ROOT))
        report = check_text(self.text, path.name)
        assert report.config is not None, self.where
        self.config = report.config
        self.source = report.document.source
        self.table = resolve(self.config, path.name, self.text.encode())
        self.name = f"{path.parent.name}/{path.name}"  # unique across folders; keeps the file name detection reads
        self.document = types.TextDocumentIdentifier(uri=uri_for(self.name))

    def position(self, offset: int) -> types.Position:
        line, character = self.source.lsp_position(offset, self.encoding)
        return types.Position(line=line, character=character)

    def span(self, node: Scalar) -> Span:
        return self.source.lsp_position(node.start, self.encoding), self.source.lsp_position(node.end, self.encoding)

    def written(self, range_: types.Range) -> str:
        """The text a range covers, without the quotes around a JSON5 or YAML string."""
        start = self.source.lsp_offset(range_.start.line, range_.start.character, self.encoding)
        end = self.source.lsp_offset(range_.end.line, range_.end.character, self.encoding)
        return self.text[start:end].strip("\"'")


async def check_definition(example: Example, name: str, at: types.Position) -> None:
    client, where = example.client, example.where
    location = await client.text_document_definition_async(types.DefinitionParams(text_document=example.document, position=at))
    assert isinstance(location, types.Location), where
    assert location.uri == example.document.uri
    assert as_span(location.range) == example.span(key_of(example.config, name)), where
    # A Plano short name (`gpt-4o`) is defined where its provider's full model name is written.
    assert example.written(location.range).endswith(name), where


async def check_hover(example: Example, name: str, at: types.Position) -> None:
    hover = await example.client.text_document_hover_async(types.HoverParams(text_document=example.document, position=at))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent), example.where
    for line in expected_hover(example.table, name):
        assert line in hover.contents.value, f"{example.where}: {line!r} not in {hover.contents.value!r}"


async def check_references(example: Example, name: str, picked: Scalar) -> None:
    """From the definition: the definition and every reference to a name defined there, whichever it uses."""
    config, where = example.config, example.where
    defined = key_of(config, name)
    same_place = {other for other in [*config.routes, *config.aliases] if example.span(key_of(config, other)) == example.span(defined)}
    uses = [reference.name for reference in config.references() if reference.value in same_place]
    assert picked is defined or picked in uses, where  # a reference was picked: it is among the uses
    found = await example.client.text_document_references_async(
        types.ReferenceParams(
            text_document=example.document,
            position=example.position(defined.start + 1),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert found is not None, where
    assert sorted(as_span(item.range) for item in found) == sorted(map(example.span, [defined, *uses])), where
    assert all(any(example.written(item.range).endswith(other) for other in same_place) for item in found), where


async def check_symbols(example: Example) -> None:
    config, where = example.config, example.where
    symbols = await example.client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=example.document))
    assert symbols is not None, where
    outlined = {symbol.name: symbol for symbol in symbols if isinstance(symbol, types.DocumentSymbol)}
    assert set(config.routes) | set(config.aliases) <= set(outlined), where
    for name in [*config.routes, *config.aliases]:
        selected = outlined[name].selection_range
        assert as_span(selected) == example.span(key_of(config, name)), where
        assert example.written(selected).endswith(name), where


async def test_navigation_on_every_example(client: LanguageClient) -> None:
    dialects = set()
    for path in EXAMPLE_CONFIGS:
        example = Example(client, path)
        dialects.add(example.config.dialect)
        await open_document(client, example.name, example.text)
        name, node = pick(example.config)
        at = example.position(node.start + 1)
        await check_definition(example, name, at)
        await check_hover(example, name, at)
        await check_references(example, name, node)
        await check_symbols(example)
    assert dialects == set(DIALECTS)  # every dialect had at least one example
