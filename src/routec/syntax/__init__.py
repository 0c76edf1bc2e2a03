"""Source text to a positioned tree: decoding, format detection, the readers."""

from __future__ import annotations

import codecs

from .problems import MAX_FILE_BYTES, ParseError, SyntaxProblem
from .source import Position, Source
from .tree import Mapping, Node, Pair, Scalar, Sequence

__all__ = [
    "Document",
    "Mapping",
    "Node",
    "Pair",
    "Position",
    "Scalar",
    "Sequence",
    "Source",
    "SyntaxProblem",
    "decode",
    "detect_format",
    "load",
    "parse",
]

FORMATS = ("yaml", "json5")
_EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".json": "json5", ".json5": "json5"}
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class Document:
    """A parsed file: its source, its format, its tree (None if unreadable)."""

    __slots__ = ("source", "format", "root", "problems", "shares_nodes")

    def __init__(
        self,
        source: Source,
        format: str,
        root: Node | None,
        problems: list[SyntaxProblem],
        shares_nodes: bool = False,
    ) -> None:
        self.source = source
        self.format = format
        self.root = root
        self.problems = problems
        self.shares_nodes = shares_nodes  # a YAML alias put a node in two places

    @property
    def readable(self) -> bool:
        return self.root is not None


def decode(data: bytes) -> tuple[str, SyntaxProblem | None]:
    """Bytes to text. UTF-8 only; a UTF-8 BOM is dropped."""
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / (1024 * 1024)
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return "", SyntaxProblem(
            "syntax",
            0,
            0,
            f"file is {size:.1f} MiB; routec reads configs of up to {limit} MiB",
            hint="routing configs are small: check that this is the file you meant",
        )
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            text = data.decode(encoding.replace("-", ""), errors="replace").lstrip("\ufeff")
            return text, SyntaxProblem(
                "syntax", 0, 1, f"file is {encoding}-encoded; routing configs must be UTF-8", hint="re-save the file as UTF-8"
            )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        offset = len(data[: error.start].decode("utf-8"))
        byte = data[error.start]
        return text, SyntaxProblem(
            "syntax",
            offset,
            offset + 1,
            f"invalid UTF-8: byte 0x{byte:02X} at byte offset {error.start} ({error.reason}); "
            "routing configs must be UTF-8 text",
            hint="re-save the file as UTF-8; a stray byte like this often comes from a Latin-1 editor",
        )


def detect_format(path: str, text: str) -> str:
    """'json5' or 'yaml', by extension, else by the first character."""
    dot = path.rfind(".")
    if dot != -1:
        known = _EXTENSIONS.get(path[dot:].lower())
        if known:
            return known
    stripped = text.lstrip()
    return "json5" if stripped[:1] in ("{", "[", "/") else "yaml"


def parse(source: Source, fmt: str) -> Document:
    """Read a source in a given format into a Document; never raises on bad text."""
    if fmt == "json5":
        from .json5 import read_json5 as read
    else:
        from .yaml import read_yaml as read
    try:
        tree = read(source.text)
    except ParseError as error:
        start = min(error.start, len(source.text))
        end = max(start, min(error.end, len(source.text)))
        problem = SyntaxProblem("syntax", start, end, error.message, hint=error.hint)
        return Document(source, fmt, None, [problem])
    return Document(source, fmt, tree.root, tree.problems, tree.shares_nodes)


def load(path: str, data: bytes, fmt: str | None = None) -> Document:
    """Decode and parse the bytes of a file shown to users as ``path``."""
    text, problem = decode(data)
    source = Source(path, text)
    fmt = fmt or detect_format(path, text)
    if problem is not None:
        return Document(source, fmt, None, [problem])
    return parse(source, fmt)
