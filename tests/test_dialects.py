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


@pytest.mark.parametrize(
    ("text", "path", "override", "recognised"),
    [
        ('{"routes": {}}', "config.json5", None, True),
        ('{"name": "app"}', "package.json", None, False),
        ('{"name": "app"}', "package.json", "routec", False),  # the option picks the dialect, not the file's say
        ("name: ci\non: push\n", "ci.yml", None, False),
    ],
)
def test_the_config_keeps_whether_the_file_says_it_is_a_routing_config(
    text: str, path: str, override: str | None, recognised: bool
) -> None:
    config = check_text(text, path, dialect=override).config
    assert config is not None
    document = parse(Source(path, text), "json5" if path.endswith(("json5", "json")) else "yaml")
    assert config.recognised is recognised is detect(document).recognised


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


LITELLM_TYPO = "model_lst:\n  - model_name: gpt-4o\n    litellm_params: {model: openai/gpt-4o}\n"


def missing_routes(text: str, **kwargs: object) -> str:
    report = check_text(text, "config.yaml", **kwargs)  # type: ignore[arg-type]
    [diagnostic] = [d for d in report.diagnostics if d.code == "RC005"]
    return diagnostic.message


def test_a_file_no_dialect_recognises_says_so_and_names_the_nearest() -> None:
    message = missing_routes(LITELLM_TYPO)
    assert "no dialect was recognised" in message
    assert "'model_lst' looks like LiteLLM's 'model_list'" in message


def test_the_rename_offered_for_a_misspelt_gateway_key_gets_the_file_recognised() -> None:
    report = check_text(LITELLM_TYPO, "config.yaml")
    [rename] = [d.fix for d in report.diagnostics if d.code == "RC003" and d.fix is not None and d.fix.edits]
    [edit] = rename.edits
    fixed = LITELLM_TYPO[: edit.start] + edit.content + LITELLM_TYPO[edit.end :]
    assert check_text(fixed, "config.yaml").config.dialect == "litellm"  # type: ignore[union-attr]


def test_no_such_explanation_when_the_dialect_was_named_or_the_keys_are_routecs() -> None:
    from routec.settings import FileSettings

    assert "recognised" not in missing_routes(LITELLM_TYPO, dialect="routec")
    assert "recognised" not in missing_routes(LITELLM_TYPO, settings=FileSettings(dialect="routec"))
    assert "recognised" not in missing_routes("aliases:\n  quick: fast\n")


def test_the_pre_commit_hook_description_names_every_dialect() -> None:
    import re

    from routec.dialects import DIALECTS

    from .conftest import ROOT

    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    found = re.search(r"- id: routec-check\n(?:  .*\n)*?  description: (.*)", hooks)
    assert found is not None
    assert [name for name in DIALECTS if name not in found.group(1).lower()] == []
