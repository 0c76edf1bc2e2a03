"""How a file's dialect is decided, in the documented order."""

from __future__ import annotations

import pytest

from routec.check import check_text
from routec.dialects import detect
from routec.syntax import Source, parse


def dialect_of(text: str, path: str = "config.json5", override: str | None = None) -> tuple[str, str]:
    document = parse(Source(path, text), "json5" if path.endswith("json5") else "yaml")
    detection = detect(document, override)
    return detection.dialect.name, detection.reason


@pytest.mark.parametrize(
    ("text", "path", "override", "expected"),
    [
        ('{"routes": {}}', "config.json5", None, ("routec", "shape")),
        ('{"gateway": {}}', "config.json5", None, ("carapace", "shape")),
        ('{"routes": {}}', "carapace.json5", None, ("carapace", "shape")),
        ('{"routes": {}}', "deploy/carapace.json5", None, ("carapace", "shape")),
        ('{"gateway": {}}', "config.json5", "routec", ("routec", "option")),
        ('// routec: dialect=carapace\n{"routes": {}}', "config.json5", None, ("carapace", "comment")),
        ('# routec: dialect=routec\ngateway: {}\n', "config.yaml", None, ("routec", "comment")),
        ('{"$schema": "https://routec.dev/schemas/carapace.schema.json", "routes": {}}', "c.json5", None, ("carapace", "$schema")),
        ('{"$schema": "./schemas/routec.schema.json", "gateway": {}}', "c.json5", None, ("routec", "$schema")),
        ('{"$schema": "https://example.com/other.schema.json", "gateway": {}}', "c.json5", None, ("carapace", "shape")),
        ('{"name": "app"}', "package.json", None, ("routec", "default")),
    ],
)
def test_detection_order(text: str, path: str, override: str | None, expected: tuple[str, str]) -> None:
    assert dialect_of(text, path, override) == expected


def test_directive_must_be_on_the_first_line() -> None:
    assert dialect_of('{"routes": {}}\n// routec: dialect=carapace\n') == ("routec", "shape")


def test_unknown_dialect_in_the_directive_is_reported_where_it_is_written() -> None:
    text = "# routec: dialect=tokenpack\nroutes: {fast: {model: 'ollama:llama3'}}\n"
    report = check_text(text, "config.yaml")
    [diagnostic] = [d for d in report.diagnostics if d.code == "RC006"]
    assert diagnostic.start == text.index("tokenpack")
    assert "unknown dialect 'tokenpack'" in diagnostic.message
    assert "did you mean 'tokenpak'?" in diagnostic.message


def test_cli_dialect_choices_are_the_registered_dialects() -> None:
    from routec.cli import DIALECT_NAMES
    from routec.dialects import DIALECTS

    assert DIALECT_NAMES == tuple(DIALECTS)
