"""What the fuzzers run: seeds, mutations, and the properties routec must keep.

A fuzz input becomes a `Case`: a file name, an optional `--dialect`, the
bytes of a config, and an editor session (a position encoding, incremental
edits, requests at positions). `plan` makes a case from a `Chooser` (atheris's
FuzzedDataProvider, or hypothesis) by picking a seed and mutating it; `exercise`
runs routec on it and fails with an AssertionError when a property breaks:

* checking gives diagnostics, never an exception (no internal errors either),
  and every span and fix edit lies inside the text;
* a fix never turns a file that parsed into one that does not, whether it is
  applied alone (an editor's quick fix) or with the others (`--fix`);
* re-checking after a fix never reports the same code, with a fix, again
  where the fix wrote (the fix did not fix it), and `--fix` on a fixed file
  changes nothing;
* the language server's copy of a document after incremental edits is the
  text the editor has, and every range it answers lies inside the document.

Any other exception escapes, so the fuzzer reports it as a crash.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar, Union

from routec.check import FileReport, check_bytes, check_text
from routec.diagnostics import Applicability, Diagnostic
from routec.dialects import DIALECTS
from routec.fix import apply_edits, choose, fix_bytes
from routec.report import FORMATS, reporter
from routec.syntax import Mapping, Node, Scalar, Sequence as SequenceNode, Source, load

ROOT = Path(__file__).resolve().parent.parent
SEED_DIRS = ("examples", "tests/cases", "tests/golden", "tests/fixes", "tests/dialects")
CONFIG_SUFFIXES = (".yaml", ".yml", ".json5", ".json")
REGRESSIONS = ROOT / "fuzz" / "regressions"
ENCODINGS = ("utf-16", "utf-8", "utf-32")
NAMES = ("config.yaml", "config.yml", "config.json5", "config.json", "carapace.json5", "plano_config.yaml", "stdin")
QUERIES = ("hover", "definition", "references", "completion", "actions")
MAX_FIXES_ALONE = 12  # per case: each is one more check
T = TypeVar("T")


# --- cases ------------------------------------------------------------------------


@dataclass(frozen=True)
class LspEdit:
    """An incremental change. Lines and columns are taken modulo the document as it is then."""

    line: int
    column: int
    lines: int  # how many lines the replaced range spans (0: within one line)
    end_column: int
    text: str


@dataclass(frozen=True)
class Query:
    kind: str  # one of QUERIES
    line: int
    column: int


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    dialect: str | None = None
    encoding: str = "utf-16"
    report_format: str = "text"
    edits: tuple[LspEdit, ...] = ()
    queries: tuple[Query, ...] = ()
    about: str = field(default="", compare=False)

    def to_json(self) -> str:
        """The case as a regression file (fuzz/regressions/*.json)."""
        try:
            body: dict[str, Any] = {"text": self.data.decode("utf-8")}
        except UnicodeDecodeError:
            body = {"base64": base64.b64encode(self.data).decode()}
        value = {
            "about": self.about,
            "name": self.name,
            "dialect": self.dialect,
            "encoding": self.encoding,
            "report_format": self.report_format,
            **body,
            "edits": [[e.line, e.column, e.lines, e.end_column, e.text] for e in self.edits],
            "queries": [[q.kind, q.line, q.column] for q in self.queries],
        }
        lines = [f" {json.dumps(key)}: {json.dumps(item, ensure_ascii=False)}" for key, item in value.items()]
        return "{\n" + ",\n".join(lines) + "\n}\n"

    @staticmethod
    def from_json(text: str) -> Case:
        value = json.loads(text)
        data = value["text"].encode("utf-8") if "text" in value else base64.b64decode(value["base64"])
        return Case(
            name=value["name"],
            data=data,
            dialect=value.get("dialect"),
            encoding=value.get("encoding", "utf-16"),
            report_format=value.get("report_format", "text"),
            edits=tuple(LspEdit(*edit) for edit in value.get("edits", [])),
            queries=tuple(Query(*query) for query in value.get("queries", [])),
            about=value.get("about", ""),
        )


def seed_files() -> list[Path]:
    """Every example and test config: the mutations start from these."""
    paths = [
        path
        for folder in SEED_DIRS
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in CONFIG_SUFFIXES
    ]
    return sorted(paths)


def regression_files() -> list[Path]:
    return sorted(REGRESSIONS.glob("*.json")) if REGRESSIONS.is_dir() else []


def load_seeds() -> list[Case]:
    """File seeds first, then the regression cases, each with its editor session."""
    seeds = [Case(path.name, path.read_bytes()) for path in seed_files()]
    return seeds + [Case.from_json(path.read_text(encoding="utf-8")) for path in regression_files()]


# --- choices ----------------------------------------------------------------------


class Chooser(Protocol):
    """Where a fuzzer's decisions come from. Exhausted input answers 0, False and empty."""

    def number(self, low: int, high: int) -> int: ...

    def flag(self) -> bool: ...

    def raw(self, most: int) -> bytes: ...

    def string(self, most: int) -> str: ...


def pick(chooser: Chooser, items: Sequence[T]) -> T:
    return items[chooser.number(0, len(items) - 1)]


class FdpChooser:
    """Decisions from atheris.FuzzedDataProvider."""

    def __init__(self, provider: Any) -> None:
        self.provider = provider

    def number(self, low: int, high: int) -> int:
        return int(self.provider.ConsumeIntInRange(low, high))

    def flag(self) -> bool:
        return bool(self.provider.ConsumeBool())

    def raw(self, most: int) -> bytes:
        return bytes(self.provider.ConsumeBytes(self.number(0, most)))

    def string(self, most: int) -> str:
        return str(self.provider.ConsumeUnicodeNoSurrogates(self.number(0, most)))


# --- mutations --------------------------------------------------------------------

TOKENS = (
    b"{", b"}", b"[", b"]", b":", b",", b": ", b"- ", b"\n", b"\r\n", b"\r", b"\t", b"  ", b'"', b"'", b"\\",
    b"#", b"//", b"/*", b"*/", b"&a ", b"*a", b"!!str ", b"!!python/name:os.system ", b"<<: ", b"? ", b"|\n", b">-\n",
    b"---\n", b"...\n", b"%YAML 1.1\n", b"${", b"${A}", b"$A", b"os.environ/A", b"anthropic:", b"openai/", b"/", b"*",
    "😀".encode(), "\u2028".encode(), "\u0085".encode(), b"\x0c", b"\x0b", b"\x00", b"\xff", b"\xef\xbb\xbf",
    b"Infinity", b"-Infinity", b"NaN", b"0x1F", b"+.5", b"1e999", b".inf", b"yes", b"on", b"0755", b"1:30", b"~",
    b"null", b"true", b"# routec: ignore[RC101]", b"# routec: ignore", b"// routec: ignore[RC201, RC999]",
    b"# routec: ignore-file[RC204]", b"# routec: dialect=litellm\n", b"// routec: dialect=carapace\n",
    b"# routec: dialect=nope\n", b"sk-ant-api03-" + b"A" * 40, b'"\\ud800"', b'"\\uD83D\\uDE00"',
)
SCALARS: tuple[object, ...] = (
    None, True, False, 0, -1, 7, 2**70, 1.5, float("inf"), float("nan"), "", " ", "x" * 300, "anthropic:claude-sonnet-4-6",
    "anthropic/claude", "claude-haiku-4-5", "gpt-4o", "a : b", "${OPENAI_API_KEY}", "$OPENAI_API_KEY", "${",
    "os.environ/OPENAI_API_KEY", "sk-ant-api03-" + "B" * 40, "😀", "line\nbreak", "yes", "0755", "*", "openai/*",
    "http://localhost:11434", "(?P<x>[", "fast", "strong", "default", "\ud800", "a\udfffb",
)
# What an editor may insert beyond random text: a lone surrogate reaches the server from a UTF-16 buffer.
EDIT_TEXTS = ("\ud800", "x\udc00", "\r", "\r\n", "\n", "\u2028", "\x0c", "😀", "\t", "")


def byte_mutation(data: bytes, chooser: Chooser, seeds: Sequence[Case]) -> bytes:
    """One structure-blind change: flip, insert, delete, duplicate, splice, line endings."""
    kind = chooser.number(0, 7)
    at = chooser.number(0, len(data))
    if kind == 0 and data:  # flip one bit
        at = min(at, len(data) - 1)
        return data[:at] + bytes([data[at] ^ (1 << chooser.number(0, 7))]) + data[at + 1 :]
    if kind == 1:
        return data[:at] + pick(chooser, TOKENS) + data[at:]
    if kind == 2:
        return data[:at] + chooser.raw(8) + data[at:]
    if kind == 3:  # delete a run
        return data[:at] + data[at + chooser.number(1, 64) :]
    if kind == 4:  # duplicate a run somewhere else
        run = data[at : at + chooser.number(1, 128)]
        to = chooser.number(0, len(data))
        return data[:to] + run + data[to:]
    if kind == 5:  # splice in a run of another seed
        other = pick(chooser, seeds).data
        start = chooser.number(0, len(other))
        return data[:at] + other[start : start + chooser.number(1, 256)] + data[at + chooser.number(0, 64) :]
    if kind == 6:  # the same file with other line endings
        ending = pick(chooser, (b"\r\n", b"\r", b"\n"))
        return re.sub(rb"\r\n|\r|\n", ending, data)
    return b"\xef\xbb\xbf" + data if not data.startswith(b"\xef\xbb\xbf") else data[3:]


class Map:
    """A mapping that keeps every pair, duplicate keys included, so they can be written out again."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[tuple[object, Value]]) -> None:
        self.pairs = pairs

    def copy(self) -> Map:
        return Map([(key, deep_copy(value)) for key, value in self.pairs])


Value = Union[Map, list[Any], str, int, float, bool, None]


def deep_copy(value: Value) -> Value:
    if isinstance(value, Map):
        return value.copy()
    if isinstance(value, list):
        return [deep_copy(item) for item in value]
    return value


def to_value(node: Node) -> Value:
    if isinstance(node, Mapping):
        return Map([(pair.key.value if isinstance(pair.key, Scalar) else pair.name, to_value(pair.value)) for pair in node.pairs])
    if isinstance(node, SequenceNode):
        return [to_value(item) for item in node.items]
    assert isinstance(node, Scalar)
    value: Value = node.value
    return value


def parse_value(case: Case) -> Value | None:
    document = load(case.name, case.data)
    return to_value(document.root) if document.root is not None else None


def slots(value: Value) -> list[tuple[Map | list[Any], int]]:
    """Every place a value sits: (container, index), depth-first, without recursion."""
    found: list[tuple[Map | list[Any], int]] = []
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, Map):
            found += [(current, index) for index in range(len(current.pairs))]
            stack += [child for _, child in current.pairs]
        elif isinstance(current, list):
            found += [(current, index) for index in range(len(current))]
            stack += current
    return found


def get(container: Map | list[Any], index: int) -> Value:
    if isinstance(container, Map):
        return container.pairs[index][1]
    item: Value = container[index]
    return item


def put(container: Map | list[Any], index: int, value: Value) -> None:
    if isinstance(container, Map):
        container.pairs[index] = (container.pairs[index][0], value)
    else:
        container[index] = value


def vocabulary(seeds: Sequence[Case]) -> tuple[list[object], list[object]]:
    """The keys and string values the seeds use: renames and swaps draw on them."""
    keys: set[object] = set()
    strings: set[object] = set()
    for seed in seeds:
        root = parse_value(seed)
        for container, index in slots(root):
            if isinstance(container, Map):
                key = container.pairs[index][0]
                if isinstance(key, str):
                    keys.add(key)
            item = get(container, index)
            if isinstance(item, str) and len(item) < 80:
                strings.add(item)
    return sorted(keys, key=str), sorted(strings, key=str)


def renamed(key: object, chooser: Chooser, keys: Sequence[object]) -> object:
    kind = chooser.number(0, 5)
    text = str(key)
    at = chooser.number(0, len(text))
    if kind == 0:
        return pick(chooser, keys) if keys else text
    if kind == 1:  # a typo: drop a character
        return text[:at] + text[at + 1 :]
    if kind == 2:  # a typo: swap two characters
        return text[:at] + text[at + 1 : at + 2] + text[at : at + 1] + text[at + 2 :]
    if kind == 3:
        return text.upper() if chooser.flag() else text + pick(chooser, ("s", "_", "-", " ", "😀"))
    if kind == 4:
        return pick(chooser, (1, True, None, 1.5, "", "<<", "$schema"))
    return chooser.string(12)


def swapped(value: Value, chooser: Chooser, strings: Sequence[object]) -> Value:
    """A value of another type (or another string the seeds use)."""
    kind = chooser.number(0, 4)
    if kind == 0:
        return pick(chooser, SCALARS)  # type: ignore[return-value]
    if kind == 1:
        return pick(chooser, strings) if strings else ""  # type: ignore[return-value]
    if kind == 2:
        return [] if chooser.flag() else Map([])
    if kind == 3:
        return str(value) if not isinstance(value, str) else (len(value) if chooser.flag() else [value])
    return chooser.string(16)


def tree_mutation(root: Value, chooser: Chooser, seeds: Sequence[Case], words: tuple[list[object], list[object]]) -> Value:
    """One change to the tree: rename a key, swap a value's type, duplicate, delete, nest deeper, graft."""
    places = slots(root)
    if not places:
        return swapped(root, chooser, words[1])
    container, index = pick(chooser, places)
    kind = chooser.number(0, 6)
    if kind == 0 and isinstance(container, Map):
        key, value = container.pairs[index]
        container.pairs[index] = (renamed(key, chooser, words[0]), value)
    elif kind == 1:
        put(container, index, swapped(get(container, index), chooser, words[1]))
    elif kind == 2:  # a duplicate key, or a repeated item
        copy = deep_copy(get(container, index))
        at = chooser.number(0, len(container.pairs) if isinstance(container, Map) else len(container))
        if isinstance(container, Map):
            container.pairs.insert(at, (container.pairs[index][0], copy))
        else:
            container.insert(at, copy)
    elif kind == 3:
        if isinstance(container, Map):
            del container.pairs[index]
        else:
            del container[index]
    elif kind == 4:  # nested one level deeper
        value = get(container, index)
        key = container.pairs[index][0] if isinstance(container, Map) else pick(chooser, words[0] or ["x"])
        put(container, index, [value] if chooser.flag() else Map([(key, value)]))
    elif kind == 5:  # a subtree from another seed
        other = parse_value(pick(chooser, seeds))
        other_places = slots(other)
        put(container, index, deep_copy(get(*pick(chooser, other_places))) if other_places else other)
    else:  # a copy of a node moved elsewhere in the same tree
        target, at = pick(chooser, places)
        put(target, at, deep_copy(get(container, index)))
    return root


# --- writing a tree out again ------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z_][\w./@-]*(:[\w./@*-]+)?")
_YAML_WORDS = re.compile(r"(?i)(true|false|null|yes|no|on|off|y|n|~)")
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


def yaml_scalar(value: object, flow: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        return ".nan" if value != value else ".inf" if value == float("inf") else "-.inf" if value == -float("inf") else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _YAML_WORDS.fullmatch(text) and not (flow and ":" in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def yaml_block(value: Value) -> list[str]:
    if isinstance(value, Map) and value.pairs:
        lines = []
        for key, item in value.pairs:
            head = yaml_scalar(key, False) + ":"
            if isinstance(item, (Map, list)) and (item.pairs if isinstance(item, Map) else item):
                lines += [head] + ["  " + line for line in yaml_block(item)]
            else:
                lines.append(head + " " + yaml_inline(item))
        return lines
    if isinstance(value, list) and value:
        lines = []
        for item in value:
            inner = yaml_block(item)
            lines += ["- " + inner[0]] + ["  " + line for line in inner[1:]]
        return lines
    return [yaml_inline(value)]


def yaml_inline(value: Value) -> str:
    if isinstance(value, Map):
        return "{" + ", ".join(f"{yaml_scalar(key, True)}: {yaml_inline(item)}" for key, item in value.pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_inline(item) for item in value) + "]"
    return yaml_scalar(value, True)


class Json5Style:
    def __init__(self, chooser: Chooser, strict_json: bool) -> None:
        self.json = strict_json
        self.bare_keys = not strict_json and chooser.flag()
        self.single_quotes = not strict_json and chooser.flag()
        self.trailing_commas = not strict_json and chooser.flag()
        self.comments = not strict_json and chooser.flag()
        self.indent = chooser.number(0, 2)
        self.ascii = chooser.flag()  # \uXXXX escapes for everything else, astral characters as surrogate pairs


def json5_scalar(value: object, style: Json5Style) -> str:
    if isinstance(value, float) and (value != value or value in (float("inf"), -float("inf"))):
        if style.json:
            return "null"
        return "NaN" if value != value else "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, str) and style.single_quotes:
        return "'" + json.dumps(value, ensure_ascii=style.ascii)[1:-1].replace('\\"', '"').replace("'", "\\'") + "'"
    return json.dumps(value, ensure_ascii=style.ascii)


def json5_key(key: object, style: Json5Style) -> str:
    text = key if isinstance(key, str) else json.dumps(key)
    if style.bare_keys and _IDENTIFIER.fullmatch(text):
        return text
    return json5_scalar(text, style)


def json5_text(value: Value, style: Json5Style, depth: int = 0) -> str:
    pad = "\n" + " " * (style.indent * (depth + 1)) if style.indent else ""
    close = "\n" + " " * (style.indent * depth) if style.indent else ""
    comma = "," if style.trailing_commas else ""
    if isinstance(value, Map):
        if not value.pairs:
            return "{}"
        items = [f"{json5_key(key, style)}: {json5_text(item, style, depth + 1)}" for key, item in value.pairs]
        note = "// fuzz" + pad if style.comments and pad else ("/* fuzz */ " if style.comments else "")
        return "{" + pad + note + ("," + (pad or " ")).join(items) + comma + close + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[" + pad + ("," + (pad or " ")).join(json5_text(item, style, depth + 1) for item in value) + comma + close + "]"
    return json5_scalar(value, style)


def serialised(root: Value, chooser: Chooser) -> tuple[bytes, str]:
    """The tree as YAML (block or flow), JSON or JSON5; and the suffix that format goes by."""
    kind = chooser.number(0, 3)
    if kind == 0:
        return ("\n".join(yaml_block(root)) + "\n").encode("utf-8", "surrogatepass"), ".yaml"
    if kind == 1:
        return (yaml_inline(root) + "\n").encode("utf-8", "surrogatepass"), ".yaml"
    style = Json5Style(chooser, strict_json=kind == 2)
    return (json5_text(root, style) + "\n").encode("utf-8", "surrogatepass"), ".json" if kind == 2 else ".json5"


# --- plans ------------------------------------------------------------------------


class Seeds:
    """The seeds and their vocabulary, read once per process."""

    def __init__(self, cases: list[Case]) -> None:
        self.cases = cases
        self._words: tuple[list[object], list[object]] | None = None

    @property
    def words(self) -> tuple[list[object], list[object]]:
        if self._words is None:
            self._words = vocabulary(self.cases)
        return self._words


def plan(chooser: Chooser, seeds: Seeds) -> Case:
    """A seed and its mutations. With nothing left to choose from, the seed as it is."""
    case = pick(chooser, seeds.cases)
    data, suffix = case.data, None
    for _ in range(chooser.number(0, 3)):
        if chooser.flag():
            root = parse_value(replace(case, data=data, name=Path(case.name).stem + suffix if suffix else case.name))
            if root is not None:
                root = tree_mutation(root, chooser, seeds.cases, seeds.words)
                data, suffix = serialised(root, chooser)
                continue
        data = byte_mutation(data, chooser, seeds.cases)
    name = case.name
    choice = chooser.number(0, len(NAMES))
    if choice:
        name = NAMES[choice - 1]
    elif suffix:
        name = Path(name).stem + suffix
    choice = chooser.number(0, len(DIALECTS))
    dialect = case.dialect if choice == 0 else list(DIALECTS)[choice - 1]
    if chooser.flag():  # another editor session
        edits = tuple(
            LspEdit(chooser.number(0, 1 << 16), chooser.number(0, 1 << 16), chooser.number(0, 2), chooser.number(0, 1 << 16), edit_text(chooser))
            for _ in range(chooser.number(0, 4))
        )
        queries = tuple(
            Query(pick(chooser, QUERIES), chooser.number(0, 1 << 16), chooser.number(0, 1 << 16)) for _ in range(chooser.number(1, 4))
        )
        case = replace(case, encoding=pick(chooser, ENCODINGS), edits=edits, queries=queries)
    report_format = pick(chooser, FORMATS) if chooser.flag() else case.report_format
    return replace(case, name=name, data=data, dialect=dialect, report_format=report_format, about="")


def edit_text(chooser: Chooser) -> str:
    kind = chooser.number(0, 2)
    if kind == 0:
        return chooser.string(12)
    if kind == 1:
        return pick(chooser, EDIT_TEXTS)
    return pick(chooser, TOKENS).decode("utf-8", "replace")


# --- properties -------------------------------------------------------------------


def exercise(case: Case) -> None:
    """Run routec on a case; an AssertionError names the property that broke."""
    report = check_bytes(case.data, case.name, dialect=case.dialect)
    assert_sound(report, case)
    reporter(case.report_format)([report], False)
    if not is_text(report):
        return  # bytes that are not UTF-8 text: nothing for fixes or an editor to work on
    check_fixer(case, report)
    check_editor(case)


def is_text(report: FileReport) -> bool:
    return not any(problem.message.startswith(("invalid UTF-8", "file is")) for problem in report.document.problems)


def assert_sound(report: FileReport, case: Case) -> None:
    assert not report.internal_errors, f"internal errors on {case.name}: {report.internal_errors}"
    size = len(report.document.source.text)
    for diagnostic in report.diagnostics:
        assert re.fullmatch(r"RC\d{3}", diagnostic.code) and diagnostic.message, diagnostic
        assert 0 <= diagnostic.start <= diagnostic.end <= size, f"span outside the text: {diagnostic}"
        named = re.match(r"character U\+([0-9A-F]{4,6}) ", diagnostic.message)
        if named:  # a character YAML does not allow: the span is that character
            found = report.document.source.text[diagnostic.start : diagnostic.start + 1]
            assert found == chr(int(named.group(1), 16)), f"{diagnostic} points at {found!r}"
        if diagnostic.fix is not None:
            edits = sorted(diagnostic.fix.edits, key=lambda edit: edit.start)
            assert all(0 <= edit.start <= edit.end <= size for edit in edits), f"fix outside the text: {diagnostic}"
            assert all(a.end <= b.start for a, b in zip(edits, edits[1:])), f"a fix's own edits overlap: {diagnostic}"


def fixable(report: FileReport, unsafe: bool) -> list[Diagnostic]:
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    return [d for d in report.diagnostics if d.fix is not None and d.fix.edits and d.fix.applicability in allowed]


def written_spans(edits: Sequence[Any]) -> list[tuple[int, int]]:
    """Where each edit's new text lies in the edited text."""
    spans, shift = [], 0
    for edit in sorted(edits, key=lambda edit: edit.start):
        start = edit.start + shift
        spans.append((start, start + len(edit.content)))
        shift += len(edit.content) - (edit.end - edit.start)
    return spans


def check_fixer(case: Case, report: FileReport) -> None:
    check_fixes_alone(case, report)
    for unsafe in (False, True):
        check_fix_all(case, report, unsafe)


def check_fixes_alone(case: Case, report: FileReport) -> None:
    """Each fix applied by itself, as an editor's quick fix does."""
    text = report.document.source.text
    for diagnostic in fixable(report, unsafe=True)[:MAX_FIXES_ALONE]:
        assert diagnostic.fix is not None
        edits = list(diagnostic.fix.edits)
        after = check_text(apply_edits(text, edits), case.name, dialect=case.dialect)
        assert not after.internal_errors, f"internal errors after fixing {diagnostic}: {after.internal_errors}"
        if report.document.readable:
            assert after.document.readable, f"the fix of {diagnostic} ({edits}) breaks the file: {after.document.problems}"
        spans = written_spans(edits)
        again = [
            d for d in fixable(after, unsafe=True)
            if d.code == diagnostic.code and any(d.start <= end and start <= d.end for start, end in spans)
        ]
        assert not again, f"fixing {diagnostic} ({edits}) yields {again} again"


def check_fix_all(case: Case, report: FileReport, unsafe: bool) -> None:
    """`routec check --fix` (and --unsafe-fixes): a file that parsed still parses, and fixing is done in one go."""
    text = report.document.source.text
    chosen = choose(report.diagnostics, unsafe)
    if chosen and report.document.readable:
        together = apply_edits(text, [edit for d in chosen if d.fix is not None for edit in d.fix.edits])
        after = check_text(together, case.name, dialect=case.dialect)
        assert after.document.readable, f"fixes {chosen} applied together break the file: {after.document.problems}"
    result = fix_bytes(case.data, case.name, unsafe, dialect=case.dialect)
    assert not result.report.internal_errors, result.report.internal_errors
    if report.document.readable:
        assert check_bytes(result.fixed, case.name, dialect=case.dialect).document.readable, "--fix broke the file"
    if result.applied:
        again = fix_bytes(result.fixed, case.name, unsafe, dialect=case.dialect)
        assert again.fixed == result.fixed, f"--fix is not done after one run: it fixes {again.applied} more"


# --- the language server ------------------------------------------------------------


@contextmanager
def strict_server() -> Iterator[Any]:
    """A RoutecServer with a workspace and no client; its handlers let exceptions out."""
    from lsprotocol import types
    from pygls.workspace import Workspace

    from routec.lsp import server as lsp

    def strict(server: Any, what: str, work: Any, fallback: Any) -> Any:
        return work()

    global _SERVER
    if _SERVER is None:
        _SERVER = lsp.RoutecServer()
    saved = lsp.guarded
    lsp.guarded = strict
    try:
        yield _SERVER, lsp, types, Workspace
    finally:
        lsp.guarded = saved


_SERVER: Any = None


def check_editor(case: Case) -> None:
    """Open the case in the language server, edit it as an editor would, and ask it things."""
    with strict_server() as (ls, lsp, types, Workspace):
        encoding = case.encoding
        # As pygls does on `initialize`: a new workspace, then routec's own initialize handler.
        ls.protocol._workspace = Workspace(None, types.TextDocumentSyncKind.Incremental, [], encoding)
        ls.open.clear()
        ls.settings = lsp.Settings()
        lsp.initialize(ls, types.InitializeParams(capabilities=types.ClientCapabilities()))
        ls.settings.dialect = case.dialect
        ls.settings.all_files = True
        uri = "untitled:" + case.name
        language = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".json5": "json5"}.get(Path(case.name).suffix, "plaintext")
        text = case.data.decode("utf-8", "replace").removeprefix("\ufeff")
        ls.workspace.put_text_document(types.TextDocumentItem(uri=uri, language_id=language, version=0, text=text))
        state = lsp.OpenDocument(uri, language)
        ls.open[uri] = state
        for version, edit in enumerate(case.edits, start=1):
            text, change = editor_change(text, edit, encoding, types)
            identifier = types.VersionedTextDocumentIdentifier(uri=uri, version=version)
            params = types.DidChangeTextDocumentParams(text_document=identifier, content_changes=[change])
            for _ in ls.protocol.lsp_text_document__did_change(params):
                pass  # what pygls does on didChange; the handler it yields would only schedule a check
            held = ls.workspace.get_text_document(uri).source
            assert held == text, f"the server's copy differs after {edit}: {held!r} != {text!r}"
            assert_inside([ls.diagnostics(state)], text, encoding)
        source = Source(case.name, text)
        whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=source.line_count, character=0))
        document = types.TextDocumentIdentifier(uri=uri)
        answers = [
            ls.diagnostics(state),
            lsp.document_symbols(ls, types.DocumentSymbolParams(text_document=document)),
            lsp.code_actions(ls, types.CodeActionParams(text_document=document, range=whole, context=types.CodeActionContext(diagnostics=[]))),
        ]
        for query in case.queries:
            offset, position = editor_place(text, query.line, query.column, encoding, types)
            assert source.lsp_offset(position.line, position.character, encoding) == offset, (position, offset)
            assert source.lsp_position(offset, encoding) == (position.line, position.character), (position, offset)
            answers.append(ask(ls, lsp, types, document, query.kind, position))
        assert_inside(answers, text, encoding)


# The editor's side is written apart from routec's Source, so that each checks the other.
_BREAK = re.compile(r"\r\n|\r|\n")


def editor_place(text: str, line: int, column: int, encoding: str, types: Any) -> tuple[int, Any]:
    """A position an editor may send, the line and the character in it chosen modulo the text: its offset and Position."""
    starts = [0] + [match.end() for match in _BREAK.finditer(text)]
    line %= len(starts)
    start = starts[line]
    end = starts[line + 1] - len(_BREAK.search(text, start).group()) if line + 1 < len(starts) else len(text)  # type: ignore[union-attr]
    offset = start + column % (end - start + 1)
    return offset, types.Position(line=line, character=units(text[start:offset], encoding))


def editor_change(text: str, edit: LspEdit, encoding: str, types: Any) -> tuple[str, Any]:
    """An incremental change as an editor makes it: the new text, and the change it sends."""
    begin, start = editor_place(text, edit.line, edit.column, encoding, types)
    last_line = len(_BREAK.findall(text))
    finish, end = editor_place(text, min(start.line + edit.lines, last_line), edit.end_column, encoding, types)
    if finish < begin:
        (begin, start), (finish, end) = (finish, end), (begin, start)
    change = types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text=edit.text)
    return text[:begin] + edit.text + text[finish:], change


def ask(ls: Any, lsp: Any, types: Any, document: Any, kind: str, position: Any) -> Any:
    if kind == "hover":
        return lsp.hover(ls, types.HoverParams(text_document=document, position=position))
    if kind == "definition":
        return lsp.definition(ls, types.DefinitionParams(text_document=document, position=position))
    if kind == "references":
        context = types.ReferenceContext(include_declaration=True)
        return lsp.references(ls, types.ReferenceParams(text_document=document, position=position, context=context))
    if kind == "completion":
        return lsp.completion(ls, types.CompletionParams(text_document=document, position=position))
    point = types.Range(start=position, end=position)
    context = types.CodeActionContext(diagnostics=[])
    return lsp.code_actions(ls, types.CodeActionParams(text_document=document, range=point, context=context))


def units(text: str, encoding: str) -> int:
    """Length in the code units of a position encoding, by the codecs rather than routec's own count."""
    codec, width = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}[encoding]
    return len(text.encode(codec, "surrogatepass")) // width


def assert_inside(answers: list[Any], text: str, encoding: str) -> None:
    """Every range in the answers lies inside the document, in the client's units."""
    from lsprotocol.converters import get_converter

    source = Source("answer", text)
    widths = [units(source.line_text(line), encoding) for line in range(1, source.line_count + 1)]
    stack: list[Any] = [get_converter().unstructure(answers)]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if set(item) == {"line", "character"}:
                line, character = item["line"], item["character"]
                assert 0 <= line < len(widths) and 0 <= character <= widths[line], f"position {item} outside the document"
            stack += item.values()
        elif isinstance(item, list):
            stack += item
