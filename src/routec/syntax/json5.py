"""Read JSON5 text (https://spec.json5.org/) into routec's positioned tree.

The reader is a small hand-written parser built for speed. Every token is
matched by a compiled regular expression anchored at the current offset
(``pattern.match(text, pos)``), and each token pattern also swallows the
whitespace and comments after the token. So the per-character work happens in
C, and Python runs once per token, never once per character, except on the
rare slow paths (strings with escapes, keys with non-ASCII letters, errors).

Nesting is handled with an explicit stack of open containers instead of
recursion, so hostile input such as 100,000 ``[`` in a row fails with a clean
``ParseError`` rather than a ``RecursionError``.

Values are what the ``json5`` package returns: integers (decimal and hex)
become ``int``; anything with a fraction or an exponent, and ``Infinity`` and
``NaN``, become ``float``. Where that package departs from the spec, this reader
follows the spec: ``"\\uD83D\\uDE00"`` is one character, and a ``\\uXXXX``
escape in an unquoted key must stand for a character allowed in an identifier.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from typing import Final

from .problems import DEPTH_HINT, MAX_DEPTH, ParseError, Related, SyntaxProblem
from .tree import Mapping, Node, Pair, Scalar, Sequence, Tree, shared

__all__ = ["read_json5"]

# --- Lexical grammar ---------------------------------------------------------

# JSON5 whitespace: TAB VT FF SP NBSP BOM, the line terminators LF CR LS PS, and
# every Unicode "Zs" (space separator) character. Zs has been stable since
# Unicode 6.3; a test checks this list against ``unicodedata``.
_SPACE_SEPARATORS: Final = " \xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
_LINE_TERMINATORS: Final = "\n\r\u2028\u2029"
_WHITESPACE: Final = f"\t\x0b\x0c\ufeff{_LINE_TERMINATORS}{_SPACE_SEPARATORS}"

# Whitespace and comments. An unterminated block comment is left unmatched, so
# whatever reads next sees the '/*' and reports it.
_SKIP_PATTERN: Final = rf"(?:[{_WHITESPACE}]+|//[^{_LINE_TERMINATORS}]*|/\*.*?\*/)*"
_SKIP: Final = re.compile(_SKIP_PATTERN, re.DOTALL)


def _token(pattern: str) -> re.Pattern[str]:
    """A token pattern that also consumes the whitespace and comments after it."""
    return re.compile(f"(?:{pattern}){_SKIP_PATTERN}", re.DOTALL)


# The characters that end a value: a comma or a closing bracket.
_PUNCTUATION: Final = _token(r"[,\]}]")

# Strings without escapes, the common case, are read in one match; group 1 is
# the value. Anything else goes to the slow path, which also finds the errors.
_PLAIN_STRING: Final = {
    '"': _token(r'"([^"\\\n\r]*)"'),
    "'": _token(r"'([^'\\\n\r]*)'"),
}
# A member's key and its colon: a plain string in either quote, or an ASCII
# identifier; groups 1, 2 and 3 respectively.
_PLAIN_MEMBER_HEAD: Final = _token(
    rf"""(?:"([^"\\\n\r]*)"|'([^'\\\n\r]*)'|([A-Za-z_$][A-Za-z0-9_$]*)){_SKIP_PATTERN}:"""
)

# A run of ordinary characters inside a string, up to an escape or the end.
# U+2028 and U+2029 are allowed unescaped in JSON5 strings; LF and CR are not.
_STRING_RUN: Final = {
    '"': re.compile(r'[^"\\\n\r]*'),
    "'": re.compile(r"[^'\\\n\r]*"),
}
_ESCAPE: Final = re.compile(
    r"""\\(?:
        (?P<char>[^xu0-9\n\r\u2028\u2029])   # \n, \t, \', or any char as itself
      | x(?P<hex>[0-9A-Fa-f]{2})
      | u(?P<unicode>[0-9A-Fa-f]{4})
      | 0(?![0-9])                           # \0, unless a digit follows
      | (?:\r\n|[\n\r\u2028\u2029])          # a line continuation: adds nothing
    )""",
    re.VERBOSE,
)
_SINGLE_CHAR_ESCAPES: Final = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_SURROGATE_PAIR: Final = re.compile("[\ud800-\udbff][\udc00-\udfff]")

# Group 1 is the number, 2 a hex integer, 3 Infinity or NaN. A number must not
# run straight into a letter, a digit or another '.': '1a' and '01' are errors.
_NUMBER: Final = _token(
    r"([+-]?(?:(0[xX][0-9A-Fa-f]+)|(Infinity|NaN)"
    r"|(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?))(?![0-9A-Za-z_$.])"
)
# What a malformed number looks like, to quote it whole in a message.
_NUMBER_LIKE: Final = re.compile(r"[+-]?(?:[0-9A-Za-z_$.]|(?<=[eE])[+-])*")
_LEADING_ZERO: Final = re.compile(r"[+-]?0[0-9]")
_NUMBER_START: Final = frozenset("0123456789+-.")

_WORD: Final = _token(r"([A-Za-z_$][A-Za-z0-9_$]*)")
_WORDS: Final[dict[str, bool | float | None]] = {
    "true": True,
    "false": False,
    "null": None,
    "Infinity": float("inf"),
    "NaN": float("nan"),
}

_ASCII_IDENTIFIER: Final = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_IDENTIFIER_ESCAPE: Final = re.compile(r"\\u([0-9A-Fa-f]{4})")
_ID_START_CATEGORIES: Final = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"})
_ID_PART_CATEGORIES: Final = _ID_START_CATEGORIES | {"Mn", "Mc", "Nd", "Pc"}
# After an unquoted key, these (or the end of input, "") end it cleanly, so
# the error is a missing ':'. Anything else reads as more of a key that is not
# an identifier, as in 'a-b'.
_ENDS_A_KEY: Final = frozenset(["", ",", "[", "]", "{", "}", '"', "'", "/"])


def read_json5(text: str) -> Tree:
    """Parse a whole JSON5 document. Raises ParseError(message, start, end) at the first fatal error."""
    reader = _Reader(text)
    # The tree is many small objects that all stay alive, so the cyclic garbage
    # collector's passes while building it find nothing and cost about a third
    # of the time. Pause it while reading; nothing is lost, only deferred.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return Tree(reader.read_document(), reader.problems)
    finally:
        if collecting:
            gc.enable()


# --- Open containers on the explicit stack -----------------------------------


class _OpenArray:
    __slots__ = ("items", "start")

    closer = "]"

    def __init__(self, start: int) -> None:
        self.start = start
        self.items: list[Node] = []

    def add(self, node: Node) -> None:
        self.items.append(node)

    def close(self, end: int) -> Node:
        return Sequence(self.items, self.start, end)


class _OpenObject:
    __slots__ = ("first_keys", "key", "pairs", "start")

    closer = "}"

    def __init__(self, start: int) -> None:
        self.start = start
        self.pairs: list[Pair] = []
        self.key: Scalar = _NO_KEY  # the key awaiting its value
        self.first_keys: dict[str, Scalar] = {}  # to report duplicates

    def add(self, node: Node) -> None:
        self.pairs.append(Pair(self.key, node))

    def close(self, end: int) -> Node:
        return Mapping(self.pairs, self.start, end)


_NO_KEY: Final = Scalar("", -1, -1)
_Open = _OpenArray | _OpenObject


# --- The reader --------------------------------------------------------------


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[SyntaxProblem] = []

    def read_document(self) -> Node:
        """The main loop: read a value, then what follows it, until the end."""
        text = self.text
        stack: list[_Open] = []
        pos = _skip(text, 0)
        while True:
            # A value starts at pos (all positions here are past whitespace).
            char = text[pos : pos + 1]
            if char == "{" or char == "[":
                node, pos = self._open(pos, stack)
                if node is None:
                    continue  # a non-empty container: read its first value
            else:
                node, pos = self._read_scalar(pos, stack)

            # A value is complete: attach it, and close every container it ends.
            while True:
                if not stack:
                    if pos < len(text):
                        raise self._unexpected(pos, "the end of input after the value")
                    return node
                container = stack[-1]
                container.add(node)
                punctuation = _PUNCTUATION.match(text, pos)
                if punctuation is None:
                    raise self._unexpected_after_value(pos, container)
                char = text[pos]
                if char == ",":
                    pos = punctuation.end()
                    if text[pos : pos + 1] != container.closer:
                        break  # another element or member follows
                    punctuation = _PUNCTUATION.match(text, pos)  # closer after a trailing comma
                    assert punctuation is not None
                elif char != container.closer:
                    raise self._unexpected_after_value(pos, container)
                node = container.close(pos + 1)
                pos = punctuation.end()
                stack.pop()

            # After a comma: the next element, or the next member's key.
            if text[pos : pos + 1] == ",":
                raise self._extra_comma(pos, container)
            if isinstance(container, _OpenObject):
                pos = self._read_member_head(container, pos)

    def _open(self, pos: int, stack: list[_Open]) -> tuple[Node | None, int]:
        """Open the container at pos. An empty one is returned whole, closed."""
        if len(stack) >= MAX_DEPTH:
            raise ParseError(f"nesting is deeper than {MAX_DEPTH} levels", pos, hint=DEPTH_HINT)
        text = self.text
        container: _Open = _OpenObject(pos) if text[pos] == "{" else _OpenArray(pos)
        inside = _skip(text, pos + 1)
        if text[inside : inside + 1] == container.closer:
            return container.close(inside + 1), _skip(text, inside + 1)
        stack.append(container)
        if isinstance(container, _OpenObject):
            return None, self._read_member_head(container, inside)
        return None, inside

    # --- Errors --------------------------------------------------------------

    def _unexpected(self, pos: int, expected: str) -> ParseError:
        """An error for the token at pos, saying what should have been there."""
        text = self.text
        if pos >= len(text):
            return ParseError(f"unexpected end of input: expected {expected}", len(text), len(text))
        if text.startswith("/*", pos):  # the skip patterns stop at a comment with no end
            return ParseError("unterminated block comment: expected '*/'", pos, len(text))
        return ParseError(f"expected {expected}, found {_quote_char(text[pos])}", pos)

    def _unexpected_after_value(self, pos: int, container: _Open) -> ParseError:
        if isinstance(container, _OpenObject):
            return self._unexpected(pos, "',' or '}' after a member")
        return self._unexpected(pos, "',' or ']' after an element")

    def _extra_comma(self, pos: int, container: _Open) -> ParseError:
        """The error for a second comma: trailing, or where a value should be."""
        after = pos
        while self.text[after : after + 1] == ",":
            after = _skip(self.text, after + 1)
        if self.text[after : after + 1] == container.closer:
            return ParseError("trailing comma is allowed once, found ','", pos)
        if isinstance(container, _OpenObject):
            return ParseError("expected a key or '}', found ','", pos)
        return ParseError("expected a value or ']', found ','", pos)

    # --- Scalars -------------------------------------------------------------

    def _read_scalar(self, pos: int, stack: list[_Open]) -> tuple[Scalar, int]:
        """Read a string, number or word (true, false, null, Infinity, NaN)."""
        text = self.text
        char = text[pos : pos + 1]
        if char == '"' or char == "'":
            plain = _PLAIN_STRING[char].match(text, pos)
            if plain is not None:
                return Scalar(shared(plain.group(1)), pos, plain.end(1) + 1, char), plain.end()
            value, end = self._read_escaped_string(pos)
            return Scalar(value, pos, end, char), _skip(text, end)
        if char in _NUMBER_START:
            return self._read_number(pos)
        word = _WORD.match(text, pos)
        if word is not None:
            name = word.group(1)
            if name not in _WORDS:
                raise ParseError(f"expected a value, found '{name}'; strings must be in quotes", pos, word.end(1))
            return Scalar(_WORDS[name], pos, word.end(1)), word.end()
        if stack and isinstance(stack[-1], _OpenArray):
            raise self._unexpected(pos, "a value or ']'")
        raise self._unexpected(pos, "a value")

    def _read_escaped_string(self, start: int) -> tuple[str, int]:
        """The value of the string at start, and the offset past its quote."""
        text = self.text
        quote = text[start]
        run = _STRING_RUN[quote]
        parts: list[str] = []
        pos = start + 1
        while True:
            match = run.match(text, pos)
            assert match is not None  # the run may be empty
            parts.append(match.group())
            pos = match.end()
            char = text[pos : pos + 1]
            if char == quote:
                break
            if char != "\\":  # the end of input, or a line break
                raise self._unterminated_string(start, pos)
            decoded, pos = self._read_escape(start, pos)
            parts.append(decoded)
        value = "".join(parts)
        if _SURROGATE_PAIR.search(value):
            # Per the spec a string is UTF-16 code units, so "\uD83D\uDE00" is
            # one character. (The json5 package leaves the halves apart.)
            value = _SURROGATE_PAIR.sub(_combine_surrogates, value)
        return value, pos + 1

    def _read_escape(self, string_start: int, pos: int) -> tuple[str, int]:
        """Decode the escape sequence whose backslash is at pos."""
        text = self.text
        match = _ESCAPE.match(text, pos)
        if match is None:
            raise self._invalid_escape(string_start, pos)
        kind = match.lastgroup
        if kind == "char":
            char = match.group("char")
            return _SINGLE_CHAR_ESCAPES.get(char, char), match.end()
        if kind == "hex" or kind == "unicode":
            return chr(int(match.group(kind), 16)), match.end()
        if text[pos + 1] == "0":
            return "\0", match.end()
        return "", match.end()  # a line continuation

    def _invalid_escape(self, string_start: int, pos: int) -> ParseError:
        text = self.text
        char = text[pos + 1 : pos + 2]
        if not char:
            return self._unterminated_string(string_start, pos + 1)
        if char == "x":
            return ParseError("invalid escape '\\x': expected 2 hex digits", pos, pos + 2)
        if char == "u":
            return ParseError("invalid escape '\\u': expected 4 hex digits", pos, pos + 2)
        if char == "0":  # \0 and a digit: a legacy octal escape, not JSON5
            return ParseError(f"invalid escape '\\0{text[pos + 2]}'", pos, pos + 3)
        return ParseError(f"invalid escape '\\{char}'", pos, pos + 2)

    def _unterminated_string(self, start: int, pos: int) -> ParseError:
        """Spans from the opening quote to where the string had to end."""
        if pos >= len(self.text):
            return ParseError("unterminated string", start, pos)
        return ParseError("unterminated string: a line break inside a string must be escaped", start, pos)

    def _read_number(self, start: int) -> tuple[Scalar, int]:
        match = _NUMBER.match(self.text, start)
        if match is None:
            raise self._invalid_number(start)
        token, end = match.group(1), match.end(1)
        value: int | float
        if match.group(2) is not None:
            value = int(token, 16)
        elif match.group(3) is not None or "." in token or "e" in token or "E" in token:
            value = float(token)  # float() also reads "-Infinity" and "NaN"
        else:
            try:
                value = int(token)
            except ValueError:  # more digits than sys.get_int_max_str_digits()
                raise ParseError("integer is too long to read", start, end) from None
        return Scalar(value, start, end), match.end()

    def _invalid_number(self, start: int) -> ParseError:
        match = _NUMBER_LIKE.match(self.text, start)
        assert match is not None  # it may match the empty string
        token = match.group()
        if token in ("+", "-"):
            return self._unexpected(start + 1, f"a number after '{token}'")
        end = max(match.end(), start + 1)
        if _LEADING_ZERO.match(token):
            return ParseError(f"invalid number '{token}': leading zeros are not allowed", start, end)
        return ParseError(f"invalid number '{token}'", start, end)

    # --- Keys ----------------------------------------------------------------

    def _read_member_head(self, container: _OpenObject, pos: int) -> int:
        """Read a member's key and its ':'; return where the value starts."""
        head = _PLAIN_MEMBER_HEAD.match(self.text, pos)
        if head is None:
            return self._read_unusual_member_head(container, pos)
        double, single, identifier = head.group(1, 2, 3)
        if identifier is not None:
            key = Scalar(shared(identifier), pos, head.end(3))
        elif double is not None:
            key = Scalar(shared(double), pos, head.end(1) + 1, '"')
        else:
            key = Scalar(shared(single), pos, head.end(2) + 1, "'")
        self._set_key(container, key)
        return head.end()

    def _read_unusual_member_head(self, container: _OpenObject, pos: int) -> int:
        """The slow path: keys with escapes or non-ASCII letters, and errors."""
        text = self.text
        char = text[pos : pos + 1]
        if char == '"' or char == "'":
            name, end = self._read_escaped_string(pos)
            key = Scalar(name, pos, end, char)
        else:
            name, end = self._read_identifier(pos)
            key = Scalar(name, pos, end)
        self._set_key(container, key)
        colon = _skip(text, end)
        if text[colon : colon + 1] != ":":
            raise self._missing_colon(key, colon)
        return _skip(text, colon + 1)

    def _missing_colon(self, key: Scalar, pos: int) -> ParseError:
        text = self.text
        if key.style is None and pos == key.end and text[pos : pos + 1] not in _ENDS_A_KEY:
            # Something like 'a-b': the key goes on, but not as an identifier.
            return ParseError(
                f"unquoted key must be an identifier, found {_quote_char(text[pos])}; put the key in quotes", pos
            )
        return self._unexpected(pos, "':' after the key")

    def _set_key(self, container: _OpenObject, key: Scalar) -> None:
        """Make key the one awaiting a value; report it if it repeats one."""
        container.key = key
        name = key.value
        assert isinstance(name, str)
        first = container.first_keys.setdefault(name, key)
        if first is not key:
            self.problems.append(
                SyntaxProblem(
                    kind="duplicate-key",
                    start=key.start,
                    end=key.end,
                    message=f"duplicate key '{name}'",
                    related=(Related(first.start, first.end, f"'{name}' first defined here"),),
                )
            )

    def _read_identifier(self, start: int) -> tuple[str, int]:
        """An unquoted key: an ECMAScript 5.1 IdentifierName."""
        text = self.text
        match = _ASCII_IDENTIFIER.match(text, start)
        end = match.end() if match is not None else start
        following = text[end : end + 1]
        if following == "\\" or following >= "\x80":
            return self._read_unicode_identifier(start)
        if match is None:
            raise self._not_a_key(start)
        return match.group(), end

    def _read_unicode_identifier(self, start: int) -> tuple[str, int]:
        """The slow path for keys with non-ASCII letters or \\uXXXX escapes."""
        text = self.text
        chars: list[str] = []
        pos = start
        while pos < len(text):
            char, width = text[pos], 1
            if char == "\\":
                escape = _IDENTIFIER_ESCAPE.match(text, pos)
                if escape is None:
                    raise ParseError("invalid escape in a key: expected '\\uXXXX'", pos, pos + 2)
                char, width = chr(int(escape.group(1), 16)), escape.end() - pos
            allowed = _is_identifier_part(char) if chars else _is_identifier_start(char)
            if not allowed:
                if width > 1:  # ES5.1 §7.6: an escape cannot add a disallowed character
                    raise ParseError(
                        f"escape '{text[pos : pos + width]}' is not allowed in an unquoted key",
                        pos,
                        pos + width,
                    )
                break
            chars.append(char)
            pos += width
        if not chars:
            raise self._not_a_key(start)
        return "".join(chars), pos

    def _not_a_key(self, pos: int) -> ParseError:
        char = self.text[pos : pos + 1]
        if not char or char in ",:[]{}/" or _skip(self.text, pos) != pos:
            return self._unexpected(pos, "a key or '}'")
        return ParseError(
            f"unquoted key must be an identifier, found {_quote_char(char)}; put the key in quotes",
            pos,
        )


# --- Helpers -----------------------------------------------------------------


def _skip(text: str, pos: int) -> int:
    """The offset of the next token at or after pos, past whitespace and comments."""
    match = _SKIP.match(text, pos)
    assert match is not None  # _SKIP matches the empty string
    return match.end()


def _is_identifier_start(char: str) -> bool:
    return char == "$" or char == "_" or unicodedata.category(char) in _ID_START_CATEGORIES


def _is_identifier_part(char: str) -> bool:
    return (
        char == "$"
        or char == "\u200c"  # ZERO WIDTH NON-JOINER
        or char == "\u200d"  # ZERO WIDTH JOINER
        or unicodedata.category(char) in _ID_PART_CATEGORIES
    )


def _combine_surrogates(pair: re.Match[str]) -> str:
    high, low = ord(pair.group()[0]), ord(pair.group()[1])
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _quote_char(char: str) -> str:
    """A character as shown in a message: 'x', or U+000A when unprintable."""
    if char == "'":
        return '"\'"'
    if char.isprintable():
        return f"'{char}'"
    return f"U+{ord(char):04X}"
