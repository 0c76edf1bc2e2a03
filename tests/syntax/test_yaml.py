"""The YAML reader: exact spans, YAML 1.2 scalars, and what it refuses."""

from __future__ import annotations

import math

import pytest

from routec.syntax import Mapping, Scalar, Sequence, Source, parse
from routec.syntax.problems import MAX_DEPTH
from routec.syntax.yaml import read_yaml, resolve_plain


def spans(text: str, node: object) -> str:
    return text[node.start : node.end]  # type: ignore[attr-defined]


def test_spans_of_keys_values_and_items() -> None:
    text = "routes:\n  fast:\n    model: 'gemini:gemini-2.5-flash'\n    fallbacks: [strong, \"local\"]\n"
    root, problems, _ = read_yaml(text)
    assert problems == []
    assert isinstance(root, Mapping)
    routes = root.get("routes")
    assert isinstance(routes, Mapping)
    pair = routes.pairs[0]
    assert spans(text, pair.key) == "fast"
    body = pair.value
    assert isinstance(body, Mapping)
    model = body.get("model")
    assert isinstance(model, Scalar) and model.style == "'"
    assert spans(text, model) == "'gemini:gemini-2.5-flash'"
    fallbacks = body.get("fallbacks")
    assert isinstance(fallbacks, Sequence)
    assert [spans(text, item) for item in fallbacks] == ["strong", '"local"']
    assert spans(text, fallbacks) == '[strong, "local"]'
    # A block mapping ends with its last value, not at the next token.
    assert spans(text, body).endswith('"local"]')


def test_offsets_count_code_points_after_an_emoji() -> None:
    text = "a: \"😀\"\nroutes: {fast: {model: 'x'}}\n"
    source = Source("x.yaml", text)
    root = read_yaml(text).root
    key = root.get("routes").pairs[0].key  # type: ignore[union-attr]
    assert spans(text, key) == "fast"
    position = source.position(key.start)
    assert (position.line, position.column) == (2, 10)
    assert source.utf16_position(text.index("😀") + 1) == (0, 6)  # the emoji is two UTF-16 units


def test_crlf_line_endings() -> None:
    text = "routes:\r\n  fast:\r\n    model: x\r\n"
    source = Source("x.yaml", text)
    root = read_yaml(text).root
    model = root.get("routes").get("fast").get("model")  # type: ignore[union-attr]
    assert spans(text, model) == "x"
    assert source.position(model.start) == source.position(text.index("x"))
    assert (source.position(model.start).line, source.position(model.start).column) == (3, 12)


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("yes", "yes"),  # YAML 1.1 booleans stay strings under 1.2
        ("no", "no"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("0755", 755),  # not octal in 1.2
        ("1:30", "1:30"),  # not sexagesimal in 1.2
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("gemini:gemini-2.5-flash", "gemini:gemini-2.5-flash"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(plain: str, value: object) -> None:
    assert resolve_plain(plain) == value


def test_nan() -> None:
    assert math.isnan(resolve_plain(".nan"))  # type: ignore[arg-type]


def test_quoted_scalars_stay_strings() -> None:
    root = read_yaml("a: '42'\nb: \"true\"\nc: 42\n").root
    assert root.to_python() == {"a": "42", "b": "true", "c": 42}


def test_colon_inside_a_flow_scalar_is_yaml_1_2() -> None:
    root = read_yaml("routes: {fast: {model: ollama:llama3}}\n").root
    assert root.to_python() == {"routes": {"fast": {"model": "ollama:llama3"}}}


def test_duplicate_keys_point_at_both_copies() -> None:
    text = "a: 1\nb: 2\na: 3\n"
    root, problems, _ = read_yaml(text)
    assert [(p.kind, p.start, p.end) for p in problems] == [("duplicate-key", 10, 11)]
    assert (problems[0].related[0].start, problems[0].related[0].end) == (0, 1)
    assert root.get("a").value == 3  # type: ignore[union-attr]


def test_anchors_aliases_and_merge_keys() -> None:
    text = "base: &base {model: 'x', fallbacks: [a]}\nfast:\n  <<: *base\n  model: 'y'\nsame: *base\n"
    root, problems, _ = read_yaml(text)
    assert problems == []
    assert root.to_python() == {
        "base": {"model": "x", "fallbacks": ["a"]},
        "fast": {"model": "y", "fallbacks": ["a"]},
        "same": {"model": "x", "fallbacks": ["a"]},
    }
    assert root.get("same") is root.get("base")  # shared, never copied


def test_undefined_alias_is_a_syntax_error() -> None:
    document = parse(Source("x.yaml", "a: *nowhere\n"), "yaml")
    assert document.root is None
    assert "refers to no anchor" in document.problems[0].message


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        name, previous = chr(97 + index), chr(96 + index)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    document = parse(Source("bomb.yaml", "\n".join(lines) + "\n"), "yaml")
    assert document.root is None
    assert "alias bomb" in document.problems[0].message


def test_python_tags_are_reported_not_constructed() -> None:
    root, problems, _ = read_yaml("a: !!python/object/apply:os.system ['true']\nb: !!str 42\n")
    assert [p.kind for p in problems] == ["unsupported-tag"]
    assert "!!python/object/apply:os.system" in problems[0].message
    assert root.get("b").value == "42"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["a: " + "[" * (MAX_DEPTH + 5), "".join(f"{' ' * i}k{i}:\n" for i in range(MAX_DEPTH + 5))])
def test_nesting_limit(text: str) -> None:
    document = parse(Source("deep.yaml", text), "yaml")
    assert document.root is None
    assert f"deeper than {MAX_DEPTH}" in document.problems[0].message


@pytest.mark.parametrize(
    ("text", "offset", "fragment"),
    [
        ("a: b: c\n", 4, "mapping values are not allowed"),
        ("a:\n\tb: c\n", 3, "tabs"),
        ("a: [1, 2\n", 9, "flow sequence"),
        ("a: 'open\n", 9, "quoted scalar"),
        ("a: 1\n---\nb: 2\n", 5, "one YAML document"),
    ],
)
def test_syntax_errors_have_positions(text: str, offset: int, fragment: str) -> None:
    document = parse(Source("x.yaml", text), "yaml")
    assert document.root is None
    problem = document.problems[0]
    assert fragment in problem.message
    assert problem.start == offset


def test_empty_document_is_null() -> None:
    root, problems, _ = read_yaml("# only a comment\n")
    assert isinstance(root, Scalar) and root.value is None and problems == []


def test_only_an_alias_makes_the_tree_share_nodes() -> None:
    assert read_yaml("a: &x {k: v}\nb: *x\n").shares_nodes
    assert not read_yaml("a: &x {k: v}\nb: {k: v}\n").shares_nodes
