"""Tests for routec's JSON5 reader.

The ``json5`` package (a slow but careful implementation of the spec) is the
oracle for values: on hand-written documents covering the whole spec and on
generated ones, ``read_json5(text)[0].to_python()`` must equal
``json5.loads(text)``, and the two must accept and reject the same texts.

Where the json5 package departs from the spec, the test says so and follows
the spec (see ``_normalize_oracle`` and ``SPEC_DISAGREEMENTS``).
"""

from __future__ import annotations

import math
import time
import unicodedata
from typing import Any

import json5
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routec.syntax.json5 import read_json5
from routec.syntax.problems import MAX_DEPTH, ParseError, Related, SyntaxProblem
from routec.syntax.tree import Mapping, Node, Scalar, Sequence

# --- Comparing with the oracle ------------------------------------------------


def _join_surrogate_pairs(text: str) -> str:
    """Combine UTF-16 surrogate pairs into characters; leave lone halves alone."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _normalize_oracle(value: Any) -> Any:
    """json5.loads's result as the spec reads the same text.

    Spec disagreement: json5.loads('"\\uD83D\\uDE00"') returns two lone
    surrogates. JSON5 strings are ECMAScript 5.1 string literals (spec.json5.org
    §5), and ES5.1 §8.4 defines a string as a sequence of UTF-16 code units, so
    that escape pair is the single character U+1F600 (RFC 8259 §7 says the same
    of JSON, and Python's json module decodes it so). read_json5 combines pairs.
    """
    if isinstance(value, str):
        return _join_surrogate_pairs(value)
    if isinstance(value, list):
        return [_normalize_oracle(item) for item in value]
    if isinstance(value, dict):
        return {_normalize_oracle(key): _normalize_oracle(item) for key, item in value.items()}
    return value


def _same(left: Any, right: Any) -> bool:
    """Deep equality that also checks types (1 vs 1.0 vs True) and treats NaN as equal."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float):
        if math.isnan(left) or math.isnan(right):
            return math.isnan(left) and math.isnan(right)
        return left == right and math.copysign(1, left) == math.copysign(1, right)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[key], right[key]) for key in left)
    return bool(left == right)


def _ours(text: str) -> Any:
    return read_json5(text)[0].to_python()


def _oracle(text: str) -> Any:
    return _normalize_oracle(json5.loads(text))


def _assert_agrees_with_oracle(text: str) -> None:
    """Both accept with the same value, or both reject."""
    try:
        expected = _oracle(text)
    except ValueError:  # json5.loads's only error, also from its float() and int() calls
        with pytest.raises(ParseError):
            read_json5(text)
        return
    try:
        actual = _ours(text)
    except ParseError as error:
        if _is_identifier_escape_disagreement(error):
            return
        raise AssertionError(f"json5 accepts {text!r} as {expected!r}; read_json5 says {error.message}") from None
    assert _same(actual, expected), (text, actual, expected)


def _is_identifier_escape_disagreement(error: ParseError) -> bool:
    """Spec disagreement: json5.loads('{\\u0030a: 1}') returns {'0a': 1}.

    JSON5 unquoted keys are ECMAScript 5.1 IdentifierNames (spec.json5.org §3),
    and ES5.1 §7.6 says "A UnicodeEscapeSequence cannot be used to put a
    character into an IdentifierName that would otherwise be illegal". The
    json5 package accepts any \\uXXXX there; read_json5 rejects the illegal ones.
    """
    return "is not allowed in an unquoted key" in error.message


# --- The spec, case by case ---------------------------------------------------

SPEC_CASES = {
    # Objects and arrays
    "empty object": "{}",
    "empty array": "[]",
    "nested": '{"a": {"b": [1, [2, [3]], {"c": {}}]}}',
    "object trailing comma": "{a: 1, b: 2,}",
    "array trailing comma": "[1, 2,]",
    "nested trailing commas": "[[1,], {a: [],},]",
    "duplicate keys keep the last": '{"a": 1, "b": 2, a: 3}',
    # Unquoted keys: ES5.1 IdentifierNames, reserved words included
    "identifier keys": "{a: 1, _b: 2, $c: 3, d4: 5, $: 6, _: 7}",
    "reserved word keys": "{if: 1, null: 2, true: 3, class: 4, Infinity: 5, NaN: 6}",
    "unicode letter keys": "{ñame: 1, 日本: 2, Ωmega: 3, ǅx: 4, ʰa: 5, Ⅻ: 6}",
    "combining marks and connectors in keys": "{a\u0301: 1, b\u0903: 2, c\u0663: 3, d\u203f: 4}",
    "zero width joiners in keys": "{a\u200cb: 1, c\u200dd: 2}",
    "escaped identifier keys": "{\\u0061b: 1, c\\u0064: 2, \\u00f1: 3}",
    "astral letter key": "{\U0001d400: 1}",
    "quoted keys": '{"a b": 1, \'c-d\': 2, "": 3}',
    # Strings
    "double quoted": '"hello"',
    "single quoted": "'hello'",
    "quotes inside": '["it\'s", \'say "hi"\', \'it\\\'s\', "\\"q\\""]',
    "single char escapes": r'"\b\f\n\r\t\v\0\\\/"',
    "nul before non-digit": r'"\0a"',
    "hex escapes": r'"\x41\x7e\xff\xA0"',
    "unicode escapes": r'"\u0041\u00e9\u4e2d\uFFFF"',
    "surrogate pair escape": r'"\uD83D\uDE00"',
    "lone surrogate escape": r'"\uD83D x"',
    "identity escapes": r'"\a\c\d\q\z\A\$\ \é"',
    "line continuation LF": '"ab\\\ncd"',
    "line continuation CRLF": '"ab\\\r\ncd"',
    "line continuation CR": '"ab\\\rcd"',
    "line continuation LS PS": '"ab\\\u2028cd\\\u2029ef"',
    "unescaped LS PS": '"a\u2028b\u2029c"',
    "control chars and tabs": '"a\tb\x00c\x1f"',
    "non-BMP literal": '"😀 ∑"',
    "empty strings": "['', \"\"]",
    # Numbers
    "integers": "[0, 1, -1, +1, 123456789, -0, +0]",
    "big integer": "123456789012345678901234567890",
    "hex": "[0x0, 0xFF, 0Xff, -0x1F, +0xdecaf, 0xC0FFEEC0FFEEC0FFEEC0FFEE]",
    "fractions": "[1.5, -1.5, .5, -.5, +.5, 5., -5., 0.0, -0.0, 0.]",
    "exponents": "[1e3, 1E3, 1e+3, 1e-3, -1.5e-3, .5e1, 5.e1, 0e0, 1e05, 1e400]",
    "infinity and nan": "[Infinity, -Infinity, +Infinity, NaN, -NaN, +NaN]",
    # Literals
    "literals": "[true, false, null]",
    # Comments and whitespace
    "line comments": "// head\n{// a\na: 1, // b\n} // tail",
    "block comments": "/* head */{/* a */a/* b */:/* c */1/* d */,/* e */}/* tail */",
    "comment only lines": "/*\n * multi\n * line\n */\n[1]",
    "comment with stars": "/** a ** b **/ 1",
    "line comment at end without newline": "1 // done",
    "line comment ended by LS": "[1 // x\u2028, 2]",
    "whitespace kinds": "\t\x0b\x0c \xa0\ufeff\u2028\u2029\u1680\u2000\u200a\u202f\u205f\u3000[1]\r\n",
    "crlf document": "{\r\n  a: 1,\r\n  b: [2, 3],\r\n}\r\n",
    # Any value at the root
    "root number": " 42 ",
    "root string": "'x'",
    "root null": "/* nothing */ null",
    "root float": "-.5e-3",
}


@pytest.mark.parametrize("text", SPEC_CASES.values(), ids=SPEC_CASES.keys())
def test_spec_case_matches_oracle(text: str) -> None:
    expected = _oracle(text)
    assert _same(_ours(text), expected), (_ours(text), expected)


REJECTED_BY_BOTH = {
    "empty": "",
    "only whitespace": "  \n ",
    "only a comment": "// nothing",
    "unterminated block comment": "[1] /* x",
    "unterminated string": '"abc',
    "line break in string": '"a\nb"',
    "carriage return in string": "'a\rb'",
    "octal-like escape": r'"\1"',
    "nul before digit": r'"\01"',
    "short hex escape": r'"\x4"',
    "short unicode escape": r'"\u12"',
    "leading zero": "01",
    "leading zeros with fraction": "00.5",
    "bare dot": ".",
    "exponent without digits": "1e",
    "exponent sign without digits": "1e+",
    "hex without digits": "0x",
    "hex fraction": "0x1.5",
    "sign alone": "-",
    "space after sign": "- 1",
    "double sign": "+-1",
    "number then letter": "1a",
    "two dots": "1.2.3",
    "missing comma": "[1 2]",
    "double comma": "[1,,]",
    "elision": "[1,,2]",
    "leading comma": "[,1]",
    "comma only": "[,]",
    "empty object comma": "{,}",
    "missing colon": "{a 1}",
    "missing value": "{a:}",
    "key with dash": "{a-b: 1}",
    "number key": "{1: 2}",
    "unclosed array": "[1, 2",
    "unclosed object": "{a: 1",
    "extra closer": "[1]]",
    "trailing garbage": "{} x",
    "two values": "1 2",
    "unquoted string value": "{a: hello}",
    "python literal": "True",
    "undefined": "undefined",
    "single slash": "1 / 2",
    "hash comment": "# no\n1",
    "bad escape in key": "{a\\x41: 1}",
}


@pytest.mark.parametrize("text", REJECTED_BY_BOTH.values(), ids=REJECTED_BY_BOTH.keys())
def test_rejected_by_both(text: str) -> None:
    with pytest.raises(ValueError):
        json5.loads(text)
    with pytest.raises(ParseError):
        read_json5(text)


SPEC_DISAGREEMENTS = {
    # (text, what read_json5 returns or None if it rejects, what json5.loads returns)
    "surrogate pair": ('"\\uD83D\\uDE00"', "\U0001f600", "\ud83d\ude00"),
    "surrogate pair key": ("{'\\uD83D\\uDE00': 1}", {"\U0001f600": 1}, {"\ud83d\ude00": 1}),
    "escaped digit starts a key": ("{\\u0030a: 1}", None, {"0a": 1}),
    "escaped dash in a key": ("{a\\u002db: 1}", None, {"a-b": 1}),
    "escaped surrogate in a key": ("{\\uD835\\uDC00: 1}", None, {"\ud835\udc00": 1}),
}


@pytest.mark.parametrize("case", SPEC_DISAGREEMENTS.values(), ids=SPEC_DISAGREEMENTS.keys())
def test_spec_disagreements_with_json5_package(case: tuple[str, Any, Any]) -> None:
    """See _normalize_oracle and _is_identifier_escape_disagreement for the spec."""
    text, ours, theirs = case
    assert json5.loads(text) == theirs
    if ours is None:
        with pytest.raises(ParseError, match="is not allowed in an unquoted key"):
            read_json5(text)
    else:
        assert _ours(text) == ours


def test_every_space_separator_is_whitespace() -> None:
    """The reader's whitespace list must cover Unicode category Zs."""
    separators = [chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Zs"]
    for char in separators + ["\t", "\x0b", "\x0c", "\ufeff", "\n", "\r", "\u2028", "\u2029"]:
        text = f"{char}[{char}1{char},{char}]{char}"
        assert _same(_ours(text), [1]), hex(ord(char))
    for char in ["\u180e", "\u200b", "\x85", "\x1c"]:  # look like spaces, are not JSON5 whitespace
        with pytest.raises(ParseError):
            read_json5(f"{char}1")
        with pytest.raises(ValueError):
            json5.loads(f"{char}1")


def test_value_types() -> None:
    values = _ours("[1, 1.0, 1e0, 0x1, Infinity, NaN, true, null, '1']")
    assert [type(value) for value in values] == [int, float, float, int, float, float, bool, type(None), str]
    assert math.copysign(1, _ours("-NaN")) == -1.0
    assert math.copysign(1, _ours("-0.0")) == -1.0


def test_too_many_digits_is_a_parse_error() -> None:
    # int() refuses more than sys.get_int_max_str_digits() digits (4300 by default)
    with pytest.raises(ParseError, match="too long"):
        read_json5("1" * 5000)
    assert _ours("1." + "1" * 5000) == pytest.approx(1.1111111)


# --- Positions ------------------------------------------------------------------


def _span(node: Node) -> tuple[int, int]:
    return node.start, node.end


def test_positions_of_keys_and_values() -> None:
    text = '{"a": 1, b: \'x\', "c": [true, null]}'
    root = read_json5(text)[0]
    assert isinstance(root, Mapping)
    assert _span(root) == (0, 35)
    a, b, c = root.pairs
    assert isinstance(a.key, Scalar) and isinstance(b.key, Scalar) and isinstance(c.key, Scalar)
    assert (_span(a.key), a.key.style, a.key.value) == ((1, 4), '"', "a")
    assert (_span(a.value), text[1:4]) == ((6, 7), '"a"')
    assert (_span(b.key), b.key.style, b.key.value) == ((9, 10), None, "b")
    assert isinstance(b.value, Scalar)
    assert (_span(b.value), b.value.style, text[12:15]) == ((12, 15), "'", "'x'")
    assert (_span(c.key), c.key.style) == ((17, 20), '"')
    assert isinstance(c.value, Sequence)
    assert _span(c.value) == (22, 34)
    assert [_span(item) for item in c.value] == [(23, 27), (29, 33)]
    assert all(isinstance(item, Scalar) and item.style is None for item in c.value)


def test_positions_count_code_points_after_an_emoji() -> None:
    text = '["😀", "é", 5, {"k😀": "v"}]'
    root = read_json5(text)[0]
    assert isinstance(root, Sequence)
    emoji, accent, five, mapping = root.items
    assert _span(emoji) == (1, 4)  # the emoji is one code point
    assert _span(accent) == (6, 9)
    assert _span(five) == (11, 12)
    assert isinstance(mapping, Mapping)
    assert _span(mapping) == (14, 25)
    (pair,) = mapping.pairs
    assert (_span(pair.key), _span(pair.value)) == ((15, 19), (21, 24))
    assert text[21:24] == '"v"'


def test_positions_after_crlf_and_comments() -> None:
    text = '// head\r\n{\r\n  a: 1, /* c */\r\n  "b": "two",\r\n}\r\n'
    root = read_json5(text)[0]
    assert isinstance(root, Mapping)
    assert _span(root) == (9, 45)
    a, b = root.pairs
    assert _span(a.key) == (14, 15) and text[14] == "a"
    assert _span(a.value) == (17, 18) and text[17] == "1"
    assert _span(b.key) == (31, 34) and text[31:34] == '"b"'
    assert _span(b.value) == (36, 41) and text[36:41] == '"two"'


def test_positions_in_nested_structures() -> None:
    text = '{"a": {"b": [1, {"c": null}, []]}}'
    root = read_json5(text)[0]
    assert isinstance(root, Mapping)
    inner = root.get("a")
    assert isinstance(inner, Mapping) and _span(inner) == (6, 33)
    items = inner.get("b")
    assert isinstance(items, Sequence) and _span(items) == (12, 32)
    one, deepest, empty = items.items
    assert _span(one) == (13, 14)
    assert isinstance(deepest, Mapping) and _span(deepest) == (16, 27)
    (pair,) = deepest.pairs
    assert (_span(pair.key), _span(pair.value)) == ((17, 20), (22, 26))
    assert _span(empty) == (29, 31)


def test_positions_of_escaped_strings_and_unicode_keys() -> None:
    text = '{ñ\\u00e9: \'\\u0041\\n\', "k\\"": 0x1F}'
    root = read_json5(text)[0]
    assert isinstance(root, Mapping)
    first, second = root.pairs
    assert (_span(first.key), first.name) == ((1, 8), "ñé")
    assert isinstance(first.value, Scalar)
    assert (_span(first.value), first.value.value) == ((10, 20), "A\n")
    assert (_span(second.key), second.name) == ((22, 27), 'k"')
    assert isinstance(second.value, Scalar)
    assert (_span(second.value), second.value.value) == ((29, 33), 31)


def test_root_scalar_position() -> None:
    root = read_json5("  /* c */ -Infinity // end")[0]
    assert isinstance(root, Scalar)
    assert (_span(root), root.value, root.style) == ((10, 19), -math.inf, None)


ERRORS = [
    # (text, message, start, end)
    ('{"a": "abc', "unterminated string", 6, 10),
    ('["ab\n", 1]', "unterminated string: a line break inside a string must be escaped", 1, 4),
    ("[1 2]", "expected ',' or ']' after an element, found '2'", 3, 4),
    ('{"a": 1 "b": 2}', "expected ',' or '}' after a member, found '\"'", 8, 9),
    ("{a: 1 x}", "expected ',' or '}' after a member, found 'x'", 6, 7),
    (r'["\1"]', "invalid escape '\\1'", 2, 4),
    (r'"ok\x4g"', "invalid escape '\\x': expected 2 hex digits", 3, 5),
    (r'"\01"', "invalid escape '\\01'", 1, 4),
    ("[01]", "invalid number '01': leading zeros are not allowed", 1, 3),
    ("[1.2.3]", "invalid number '1.2.3'", 1, 6),
    ("[1] /* open", "unterminated block comment: expected '*/'", 4, 11),
    ("{} x", "expected the end of input after the value, found 'x'", 3, 4),
    ("[1,,]", "trailing comma is allowed once, found ','", 3, 4),
    ("{a: 1,,}", "trailing comma is allowed once, found ','", 6, 7),
    ("[1,,2]", "expected a value or ']', found ','", 3, 4),
    ("[,]", "expected a value or ']', found ','", 1, 2),
    ("{a-b: 1}", "unquoted key must be an identifier, found '-'; put the key in quotes", 2, 3),
    ("{-a: 1}", "unquoted key must be an identifier, found '-'; put the key in quotes", 1, 2),
    ("{\\u0030: 1}", "escape '\\u0030' is not allowed in an unquoted key", 1, 7),
    ("{a 1}", "expected ':' after the key, found '1'", 3, 4),
    ("{a: hello}", "expected a value, found 'hello'; strings must be in quotes", 4, 9),
    ("[}", "expected a value or ']', found '}'", 1, 2),
    ("", "unexpected end of input: expected a value", 0, 0),
    ("  // only a comment\n", "unexpected end of input: expected a value", 20, 20),
    ('{"a": [1, ', "unexpected end of input: expected a value or ']'", 10, 10),
    ('{"a": 1', "unexpected end of input: expected ',' or '}' after a member", 7, 7),
    ("{a", "unexpected end of input: expected ':' after the key", 2, 2),
    ("-", "unexpected end of input: expected a number after '-'", 1, 1),
    ("[\x01]", "expected a value or ']', found U+0001", 1, 2),
]


@pytest.mark.parametrize(("text", "message", "start", "end"), ERRORS, ids=[case[1][:40] for case in ERRORS])
def test_error_message_and_offset(text: str, message: str, start: int, end: int) -> None:
    with pytest.raises(ParseError) as caught:
        read_json5(text)
    assert (caught.value.message, caught.value.start, caught.value.end) == (message, start, end)
    assert str(caught.value) == message


# --- Duplicate keys -------------------------------------------------------------


def test_duplicate_keys_are_reported_against_the_first() -> None:
    text = '{"a": 1, b: 2, a: 3, \'a\': 4, "\\u0061": 5}'
    root, problems, _ = read_json5(text)
    first = Related(1, 4, "'a' first defined here")
    assert problems == [
        SyntaxProblem("duplicate-key", 15, 16, "duplicate key 'a'", (first,)),
        SyntaxProblem("duplicate-key", 21, 24, "duplicate key 'a'", (first,)),
        SyntaxProblem("duplicate-key", 29, 37, "duplicate key 'a'", (first,)),
    ]
    assert isinstance(root, Mapping)
    assert [pair.name for pair in root.pairs] == ["a", "b", "a", "a", "a"]
    assert root.to_python() == {"a": 5, "b": 2}
    last = root.get("a")
    assert isinstance(last, Scalar) and last.value == 5


def test_duplicates_are_per_object() -> None:
    problems = read_json5('{"a": {"a": 1}, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}').problems
    assert problems == []
    problems = read_json5('{"x": {"a": 1, "a": 2}}').problems
    assert [(problem.start, problem.end) for problem in problems] == [(15, 18)]
    assert problems[0].related == (Related(7, 10, "'a' first defined here"),)


# --- Hostile input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("opener", "width"),
    [("[", 1), ('{"a":', 5), ("[{a:", None)],
    ids=["arrays", "objects", "mixed"],
)
def test_deep_nesting_is_refused_quickly(opener: str, width: int | None) -> None:
    text = opener * 100_000
    began = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        read_json5(text)
    assert time.perf_counter() - began < 1.0
    assert caught.value.message == f"nesting is deeper than {MAX_DEPTH} levels"
    assert text[caught.value.start] in "[{"
    if width is not None:
        assert caught.value.start == MAX_DEPTH * width


def test_nesting_up_to_the_limit_is_fine() -> None:
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value = _ours(deepest)
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []
    with pytest.raises(ParseError, match="nesting"):
        read_json5("[" + deepest + "]")


# --- Generated documents ----------------------------------------------------------

GAPS = ["", " ", "  ", "\n", "\t", "\r\n", "\r", "\u2028", "\xa0", "\ufeff", "\u3000", "\x0b\x0c",
        "// note\n", "//\u2029", "/* note */", "/**/", "/* a\n * b */", " /* x */ // y\n "]  # fmt: skip
SINGLE_CHAR_ESCAPES = {"\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\x0b": "v", "\0": "0"}
LINE_CONTINUATIONS = ["\\\n", "\\\r\n", "\\\r", "\\\u2028", "\\\u2029"]
ES5_ID_START = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"}
ES5_ID_PART = ES5_ID_START | {"Mn", "Mc", "Nd", "Pc"}


def _is_es5_identifier(name: str) -> bool:
    """ES5.1 §7.6 IdentifierName, written out independently of the reader."""

    def starts(char: str) -> bool:
        return char in "$_" or unicodedata.category(char) in ES5_ID_START

    def continues(char: str) -> bool:
        return starts(char) or char in "\u200c\u200d" or unicodedata.category(char) in ES5_ID_PART

    return bool(name) and starts(name[0]) and all(continues(char) for char in name[1:])


keys = st.one_of(
    st.text(max_size=6),
    st.from_regex(r"[A-Za-z_$][A-Za-z0-9_$]{0,6}", fullmatch=True),
    st.sampled_from(["ñame", "日本", "a\u0301", "Ω", "x\u200cy", "_\u0663", "if", "null", "Infinity", "a-b", "1a"]),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(),
    st.text(alphabet=st.sampled_from("'\"\\\n\r\t\0\u2028\u2029 a7é😀\x0b\b\f/")),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)


class _Renderer:
    """Writes a Python value as JSON5, choosing among the spec's many spellings."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def choose(self, options: list[str]) -> str:
        return self.draw(st.sampled_from(options))

    def gap(self) -> str:
        return self.choose(GAPS)

    def value(self, value: Any) -> str:
        if value is None or isinstance(value, bool):
            return {None: "null", True: "true", False: "false"}[value]
        if isinstance(value, int):
            return self.integer(value)
        if isinstance(value, float):
            return self.float(value)
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, list):
            return self.container("[", "]", [self.value(item) for item in value])
        members = [f"{self.key(key)}{self.gap()}:{self.gap()}{self.value(item)}" for key, item in value.items()]
        return self.container("{", "}", members)

    def container(self, opener: str, closer: str, parts: list[str]) -> str:
        body = "".join(f"{self.gap()}{part}{self.gap()}," for part in parts)
        if parts and not self.draw(st.booleans()):
            body = body[:-1]  # no trailing comma this time
        return f"{opener}{body}{self.gap()}{closer}"

    def integer(self, value: int) -> str:
        sign = "-" if value < 0 else self.choose(["", "+"])
        if self.draw(st.booleans()):
            digits = self.choose([f"0x{abs(value):x}", f"0X{abs(value):X}"])
        else:
            digits = str(abs(value))
        return sign + digits

    def float(self, value: float) -> str:
        if math.isnan(value):
            return self.choose(["NaN", "+NaN", "-NaN"])
        if math.isinf(value):
            return "-Infinity" if value < 0 else self.choose(["Infinity", "+Infinity"])
        text = repr(value)
        sign = "-" if text.startswith("-") else self.choose(["", "+"])
        digits = text.lstrip("-")
        mantissa, _, exponent = digits.partition("e")
        if mantissa.startswith("0.") and self.draw(st.booleans()):
            mantissa = mantissa[1:]  # .5
        elif mantissa.endswith(".0") and self.draw(st.booleans()):
            mantissa = mantissa[:-1]  # 5.
        if exponent:
            exponent = self.choose(["e", "E"]) + exponent
        elif "." not in mantissa:
            exponent = "e0"  # keep it a float
        return sign + mantissa + exponent

    def string(self, value: str) -> str:
        quote = self.choose(['"', "'"])
        chars = [self.string_char(char, quote) for char in value]
        for index, char in enumerate(chars):
            if char == "\\0" and index + 1 < len(chars) and chars[index + 1][:1].isdigit():
                chars[index] = "\\x00"  # \0 must not be followed by a digit
        if value and self.draw(st.booleans()):
            at = self.draw(st.integers(0, len(chars)))
            chars.insert(at, self.choose(LINE_CONTINUATIONS))
        return quote + "".join(chars) + quote

    def string_char(self, char: str, quote: str) -> str:
        code = ord(char)
        spellings = [] if char in (quote, "\\", "\n", "\r") else [char]
        if char in SINGLE_CHAR_ESCAPES:
            spellings.append("\\" + SINGLE_CHAR_ESCAPES[char])
        elif char not in "bfnrtvxu0123456789\n\r\u2028\u2029":
            spellings.append("\\" + char)  # an identity escape: \a is a, \' is '
        if code < 0x100:
            spellings.append(f"\\x{code:02x}")
        if code < 0x10000:
            spellings.append(f"\\u{code:04X}")
        else:  # a surrogate pair: combined by read_json5, see _normalize_oracle
            high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
            spellings.append(f"\\u{high:04x}\\u{low:04x}")
        return self.choose(spellings)

    def key(self, key: str) -> str:
        if _is_es5_identifier(key) and self.draw(st.booleans()):
            return "".join(self.choose([char, f"\\u{ord(char):04x}"]) if ord(char) < 0x10000 else char for char in key)
        return self.string(key)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, Any]:
    value = draw(values)
    renderer = _Renderer(draw)
    return renderer.gap() + renderer.value(value) + renderer.gap(), value


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_generated_documents_match_the_value_and_the_oracle(document: tuple[str, Any]) -> None:
    text, value = document
    assert _same(_ours(text), value), text
    assert _same(_oracle(text), value), text


@SETTINGS
@given(documents(), st.data())
def test_mutated_documents_are_accepted_or_rejected_like_the_oracle(document: tuple[str, Any], data: Any) -> None:
    text, _ = document
    at = data.draw(st.integers(0, len(text)))
    edit = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    char = data.draw(st.sampled_from(list("{}[]:,'\"\\/*\n +-.0xeE9aI_$é\u2028")))
    if edit == "insert":
        text = text[:at] + char + text[at:]
    elif edit == "delete":
        text = text[:at] + text[at + 1 :]
    else:
        text = text[:at] + char + text[at + 1 :]
    _assert_agrees_with_oracle(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}[]:,'\"\\/*\n\r\t +-.0123xeEuabfnINtrl_$é\u2028\u3000")), max_size=24))
def test_json5_alphabet_soup_agrees_with_the_oracle(text: str) -> None:
    _assert_agrees_with_oracle(text)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_random_text_returns_or_raises_parse_error(text: str) -> None:
    try:
        read_json5(text)
    except ParseError as error:
        assert 0 <= error.start <= error.end <= len(text), (error.start, error.end)


@settings(max_examples=200, deadline=None)
@given(st.binary().map(lambda data: data.decode("latin-1")))
def test_random_latin1_returns_or_raises_parse_error(text: str) -> None:
    try:
        read_json5(text)
    except ParseError:
        pass


# --- Speed ------------------------------------------------------------------------


def _routes_config(count: int) -> str:
    lines = ["// routes\n{routes: {\n"]
    for index in range(count):
        key = f'"route-{index}"' if index % 2 else f"route_{index}"
        lines.append(
            f'  {key}: {{model: "anthropic:claude-x-{index}", \'fallbacks\': ["route-{index + 1}",]}}, /* c */\n'
        )
    lines.append("}}\n")
    return "".join(lines)


def test_much_faster_than_the_json5_package() -> None:
    """A loose guard against regressions: on a 1 MB config the ratio is about 85x."""
    text = _routes_config(150)

    def best_of(read: Any, runs: int) -> float:
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            read(text)
            times.append(time.perf_counter() - began)
        return min(times)

    assert _same(_ours(text), json5.loads(text))
    assert best_of(json5.loads, 2) > 20 * best_of(read_json5, 5)


def test_generator_identifier_rule_agrees_with_the_reader() -> None:
    """The generator quotes exactly the keys the reader would refuse unquoted."""
    for name in ["a", "$", "_x1", "ñ", "a\u0301", "\u0301a", "1a", "a-b", "x\u200c", ""]:
        accepted = True
        try:
            read_json5(f"{{{name}: 1}}")
        except ParseError:
            accepted = False
        assert accepted == _is_es5_identifier(name), name
