"""Benchmark the language server: time from `didChange` to `publishDiagnostics`.

A measurement, not a test: nothing here fails on a threshold, and the exit
status does not depend on the budgets. `routec lsp` runs as a subprocess (the
venv's console script next to ``sys.executable``), driven over stdio by a real
LSP client, pygls 2.x's ``LanguageClient``. The server is initialized with
``{"debounceMs": 0}``, so the figures exclude the debounce an editor would
add (150 ms by default).

For each input, a fresh server:
1. opens the document and waits for its first diagnostics;
2. "description" edit: N one-character edits inside a route's description,
   alternating between a changed and the original character, so the text
   stays valid and the diagnostics stay the same;
3. "ref typo" edit: N edits that alternately append an `x` to a fallback's
   route reference and delete it again. They are reported as two series,
   "ref typo: add" (the version gains one diagnostic, an unknown route with
   did-you-mean suggestions) and "ref typo: fix" (back to clean), because the
   two cost different amounts and a median over both would mean neither;
4. reads the server's peak RSS (VmHWM in /proc/<pid>/status) and shuts down.

Each edit is one incremental `didChange`, sent after the previous version's
diagnostics arrived (plus a short pause). Its latency runs from just before
the notification is sent to the arrival of `publishDiagnostics` for exactly
that document version. If the first edit of a kind shows that N edits would
take longer than --series-budget, fewer are made (reported in the notes).
Next to it, the same text is checked in this process with
``routec.check.check_text`` (warm, after a ``gc.collect()``), which shows how
much of the latency is checking and how much is the server around it.

Usage: python benchmarks/lsp_latency.py [--sizes 1000,10000] [--formats yaml,json5] [--edits 30]
                                        [--pause-ms 50] [--series-budget 60] [--out-dir benchmarks/results]
See benchmarks/README.md ("Language server").
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from generate import Format, generate
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.protocol import LanguageServerProtocol

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "routec" / "full.json5"
SMALL_ROUTES: dict[Format, int] = {"yaml": 10, "json5": 7}  # about 50 lines each: 49 and 52
LANGUAGE_IDS: dict[Format, str] = {"yaml": "yaml", "json5": "json5"}
BUSY_NOTE_PCT = 10.0  # note an input during which other processes used this much CPU
IN_PROCESS_BUDGET_S = 10.0  # per series: stop the in-process runs once they took this long
WAIT_NOTE_MS = 2.0  # note a server that waited this long per edit (median) for a CPU
DECODE_NOTE_MS = 5.0  # note client-side decoding of the diagnostics from this much

# Budgets from the issue: median latency, debounce excluded.
BUDGETS = (
    {"name": "50-line file", "group": "small", "median_ms": 20.0},
    {"name": "1,000 routes", "group": "routes-1000", "median_ms": 150.0},
)


@dataclass
class Input:
    name: str  # file name, as the server sees it in the URI
    group: str  # what the budgets refer to: "small", "example", "routes-1000", ...
    fmt: Format
    text: str
    routes: int | None
    note: str = ""

    @property
    def lines(self) -> int:
        return self.text.count("\n")

    @property
    def kib(self) -> float:
        return len(self.text.encode()) / 1024


@dataclass
class Series:
    """One kind of edit on one input: a latency per document version."""

    edit: str
    latencies_ms: list[float] = field(default_factory=list)
    diagnostics: list[int] = field(default_factory=list)  # count published for each version
    expected: list[int] = field(default_factory=list)
    check_text_ms: list[float] = field(default_factory=list)  # in-process, same texts
    # Until the client's handler ran: adds pygls decoding the diagnostics into lsprotocol objects.
    handled_ms: list[float] = field(default_factory=list)
    # From the server's /proc/<pid>/task/*/schedstat over each edit: time it ran on a CPU, and time it
    # was ready to run but waited for one (other processes' load shows up there, not in its CPU time).
    server_cpu_ms: list[float] = field(default_factory=list)
    server_wait_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        values = self.latencies_ms
        if not values:
            return {"n": 0}
        return {
            "n": len(values),
            "median_ms": statistics.median(values),
            "p90_ms": percentile(values, 90),
            "max_ms": max(values),
            "first_ms": values[0],
            "check_text_median_ms": statistics.median(self.check_text_ms) if self.check_text_ms else None,
            "handled_median_ms": statistics.median(self.handled_ms) if self.handled_ms else None,
            "server_cpu_median_ms": statistics.median(self.server_cpu_ms) if self.server_cpu_ms else None,
            "server_wait_median_ms": statistics.median(self.server_wait_ms) if self.server_wait_ms else None,
            "diagnostics_as_expected": self.diagnostics == self.expected,
            "diagnostic_counts": sorted(set(self.diagnostics)),
        }


@dataclass
class Result:
    input: Input
    open_ms: float | None = None
    open_diagnostics: int | None = None
    series: list[Series] = field(default_factory=list)
    peak_rss_mb: float | None = None
    server_stderr: str = ""
    error: str = ""
    capped: dict[str, int] = field(default_factory=dict)  # edit kind -> edits made, when under --edits
    other_cpu_pct: float | None = None  # CPU used by other processes while this input ran, % of all CPUs


def percentile(values: list[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


# --- Edits --------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with new_text (positions in the current text)."""

    start: int
    end: int
    new_text: str


def position(text: str, offset: int) -> types.Position:
    # All inputs are ASCII, so UTF-16 code units equal characters.
    line = text.count("\n", 0, offset)
    return types.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


def apply(text: str, edit: Edit) -> str:
    return text[: edit.start] + edit.new_text + text[edit.end :]


def near_middle(pattern: str, text: str) -> re.Match[str]:
    """The first match at or after the middle of the text, else the last one."""
    matches = list(re.finditer(pattern, text))
    if not matches:
        raise ValueError(f"no match for {pattern!r}")
    middle = len(text) // 2
    return next((m for m in matches if m.start() >= middle), matches[-1])


def description_edits(text: str, count: int) -> list[Edit]:
    """Flip the first character of a description and back: always valid, same diagnostics."""
    at = near_middle(r'description:\s*"', text).end()
    original = text[at]
    other = "x" if original != "x" else "y"
    return [Edit(at, at + 1, other if i % 2 == 0 else original) for i in range(count)]


def typo_edits(text: str, count: int) -> list[Edit]:
    """Append `x` to a fallback reference (unknown route), then delete it again."""
    match = near_middle(r'fallbacks:\s*\[\s*"?[A-Za-z0-9_.-]+', text)
    at = match.end()
    return [Edit(at, at, "x") if i % 2 == 0 else Edit(at, at + 1, "") for i in range(count)]


# --- The client ---------------------------------------------------------------


class Reply(NamedTuple):
    latency_ms: float  # until the diagnostics arrived
    handled_ms: float  # until the client's handler ran (after pygls decoded them)
    diagnostics: int
    server_cpu_ms: float | None
    server_wait_ms: float | None


class TimedProtocol(LanguageServerProtocol):
    """Notes when each `publishDiagnostics` message was read, before pygls decodes it.

    pygls reads a whole message body, then parses it with `json.loads` using
    `structure_message` as the object hook, which turns every JSON object into
    lsprotocol classes (for thousands of diagnostics that takes a while). The
    first hook call of a message comes right after its body was read, so that
    is its arrival time. An editor's own decoding is not what is measured.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._reading: float | None = None
        self.arrivals: dict[tuple[str, int | None], float] = {}

    def structure_message(self, data: dict[str, Any]) -> Any:
        if self._reading is None:
            self._reading = time.perf_counter()
        return super().structure_message(data)

    def handle_message(self, message: Any) -> None:
        arrived, self._reading = self._reading, None
        if getattr(message, "method", None) == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS and arrived is not None:
            params = message.params
            self.arrivals[(params.uri, params.version)] = arrived
        super().handle_message(message)


class Client(LanguageClient):
    """pygls's client, keeping the errors it would otherwise only log (a message it could not decode)."""

    def __init__(self) -> None:
        super().__init__("routec-lsp-benchmark", "1", protocol_cls=TimedProtocol)
        self.errors: list[str] = []

    def report_server_error(self, error: Exception, source: Any) -> None:
        self.errors.append(f"[client] {getattr(source, '__name__', source)}: {error!r}")


class Session:
    """One `routec lsp` process and a pygls client talking to it over stdio."""

    def __init__(self, command: list[str], timeout_s: float) -> None:
        self.command = command
        self.timeout_s = timeout_s
        self.client = Client()
        self.protocol: TimedProtocol = self.client.protocol  # type: ignore[assignment]
        # (arrival, handler ran, diagnostics published) for each awaited (uri, version)
        self.waiting: dict[tuple[str, int | None], asyncio.Future[tuple[float, float, int]]] = {}
        self.stderr_lines: list[str] = []
        self._stderr_task: asyncio.Task[None] | None = None

        # pygls calls a handler with just the params when its first parameter is not named `ls`.
        # Plain functions: pygls marks handlers with attributes, which bound methods cannot take.
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            handled = time.perf_counter()
            key = (params.uri, params.version)
            arrived = self.protocol.arrivals.pop(key, handled)
            future = self.waiting.pop(key, None)
            if future is not None and not future.done():
                future.set_result((arrived, handled, len(params.diagnostics)))

        def on_log(params: types.LogMessageParams) -> None:
            self.stderr_lines.append(f"[window/logMessage] {params.message}")

        self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(on_diagnostics)

        def on_show(params: types.ShowMessageParams) -> None:
            self.stderr_lines.append(f"[window/showMessage] {params.message}")

        self.client.feature(types.WINDOW_LOG_MESSAGE)(on_log)
        self.client.feature(types.WINDOW_SHOW_MESSAGE)(on_show)

    @property
    def pid(self) -> int:
        assert self.client._server is not None
        return self.client._server.pid

    async def start(self) -> None:
        await self.client.start_io(*self.command)
        server = self.client._server
        if server is not None and server.stderr is not None:
            self._stderr_task = asyncio.create_task(self._drain(server.stderr))
        await asyncio.wait_for(
            self.client.initialize_async(
                types.InitializeParams(
                    process_id=os.getpid(),
                    root_uri=None,
                    capabilities=types.ClientCapabilities(
                        text_document=types.TextDocumentClientCapabilities(
                            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
                            synchronization=types.TextDocumentSyncClientCapabilities(),
                        ),
                    ),
                    initialization_options={"debounceMs": 0},
                )
            ),
            self.timeout_s,
        )
        self.client.initialized(types.InitializedParams())

    async def _drain(self, stream: asyncio.StreamReader) -> None:
        # An unread stderr pipe would block the server once it fills up.
        while line := await stream.readline():
            self.stderr_lines.append(line.decode(errors="replace").rstrip())

    def _expect(self, uri: str, version: int) -> asyncio.Future[tuple[float, float, int]]:
        future: asyncio.Future[tuple[float, float, int]] = asyncio.get_running_loop().create_future()
        self.waiting[(uri, version)] = future
        return future

    async def open(self, uri: str, language: str, text: str) -> tuple[float, int]:
        future = self._expect(uri, 1)
        sent = time.perf_counter()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
            )
        )
        arrived, _, count = await asyncio.wait_for(future, self.timeout_s)
        return (arrived - sent) * 1000, count

    async def change(self, uri: str, version: int, text: str, edit: Edit) -> Reply:
        """Send one edit and wait for the diagnostics of the version it makes."""
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=position(text, edit.start), end=position(text, edit.end)),
            text=edit.new_text,
        )
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[change],
        )
        future = self._expect(uri, version)
        before = self.schedstat()
        sent = time.perf_counter()
        self.client.text_document_did_change(params)
        try:
            arrived, handled, count = await asyncio.wait_for(future, self.timeout_s)
        except TimeoutError:
            self.waiting.pop((uri, version), None)
            raise TimeoutError(f"no publishDiagnostics for version {version} within {self.timeout_s:.0f} s") from None
        after = self.schedstat()
        cpu = wait = None
        if before is not None and after is not None:
            cpu, wait = (after[0] - before[0]) / 1e6, (after[1] - before[1]) / 1e6
        return Reply((arrived - sent) * 1000, (handled - sent) * 1000, count, cpu, wait)

    def schedstat(self) -> tuple[int, int] | None:
        """Nanoseconds the server's threads have run on a CPU, and waited for one, so far."""
        run = wait = 0
        try:
            for task in Path(f"/proc/{self.pid}/task").iterdir():
                fields = (task / "schedstat").read_text().split()
                run, wait = run + int(fields[0]), wait + int(fields[1])
        except (OSError, ValueError, IndexError):
            return None
        return run, wait

    def peak_rss_mb(self) -> float | None:
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(match.group(1)) / 1024 if match else None

    async def stop(self) -> None:
        server = self.client._server
        try:
            if server is not None and server.returncode is None:
                await asyncio.wait_for(self.client.shutdown_async(None), self.timeout_s)
                self.client.exit(None)
                await asyncio.wait_for(server.wait(), self.timeout_s)
        except (TimeoutError, RuntimeError, OSError) as error:
            self.stderr_lines.append(f"[benchmark] shutdown failed ({error!r}); killing the server")
            if server is not None and server.returncode is None:
                server.kill()  # only the server this session started
                await server.wait()
        await asyncio.wait_for(self.client.stop(), self.timeout_s)  # type: ignore[no-untyped-call]
        if self._stderr_task is not None:
            await asyncio.wait_for(self._stderr_task, self.timeout_s)


# --- Running ------------------------------------------------------------------


def check_report(text: str, item: Input) -> Any:
    from routec.check import check_text  # type: ignore[import-untyped,unused-ignore]  # no py.typed marker

    return check_text(text, item.name, fmt=item.fmt)


def in_process_ms(text: str, item: Input) -> float:
    gc.collect()
    start = time.perf_counter()
    check_report(text, item)
    return (time.perf_counter() - start) * 1000


async def measure(item: Input, command: list[str], workdir: Path, args: argparse.Namespace) -> Result:
    result = Result(item)
    path = workdir / item.name
    path.write_text(item.text, encoding="utf-8")  # the server does not read it; a real editor's file
    uri = path.as_uri()
    session = Session(command, args.timeout)
    # Each reported series with the text it leaves the document in, for the in-process timing.
    described = Series("description")
    typo_add, typo_fix = Series("ref typo: add"), Series("ref typo: fix")
    probes: dict[str, str] = {}
    try:
        await session.start()
        busy_before = cpu_snapshot(session.pid)
        result.open_ms, result.open_diagnostics = await session.open(uri, LANGUAGE_IDS[item.fmt], item.text)
        text, version = item.text, 1
        kinds = ((description_edits, (described, described)), (typo_edits, (typo_add, typo_fix)))
        for make, (odd, even) in kinds:
            result.series += [odd] if odd is even else [odd, even]
            planned = args.edits
            for i, edit in enumerate(make(text, args.edits)):
                if i >= planned:
                    break
                await asyncio.sleep(args.pause_ms / 1000)
                version += 1
                reply = await session.change(uri, version, text, edit)
                latency = reply.latency_ms
                text = apply(text, edit)
                series = odd if i % 2 == 0 else even
                series.latencies_ms.append(latency)
                series.handled_ms.append(reply.handled_ms)
                series.diagnostics.append(reply.diagnostics)
                if reply.server_cpu_ms is not None and reply.server_wait_ms is not None:
                    series.server_cpu_ms.append(reply.server_cpu_ms)
                    series.server_wait_ms.append(reply.server_wait_ms)
                probes.setdefault(series.edit, text)
                if i == 0:
                    planned = planned_edits(latency / 1000 + args.pause_ms / 1000, args.edits, args.series_budget)
            if planned < args.edits:
                result.capped[odd.edit.split(":")[0]] = planned
            if text != item.text:  # an odd count leaves the edit in; undo it, untimed
                version += 1
                await session.change(uri, version, text, Edit(0, len(text), item.text))
                text = item.text
        result.peak_rss_mb = session.peak_rss_mb()
        result.other_cpu_pct = other_cpu_pct(busy_before, cpu_snapshot(session.pid))
    except Exception as error:  # noqa: BLE001  # record and go on: one input must not end the run
        result.error = f"{type(error).__name__}: {error!r}"
    finally:
        await session.stop()
        result.server_stderr = "\n".join([*session.stderr_lines[-40:], *session.client.errors[-10:]])
    if not result.error:
        # The same texts the server checked, in this process, warm (the server has run them already).
        # What check_text reports is also what the server should have published.
        for series in result.series:
            expected = len(check_report(probes[series.edit], item).diagnostics)
            series.expected = [expected] * len(series.diagnostics)
            runs = min(args.in_process_runs, len(series.latencies_ms))
            while len(series.check_text_ms) < runs and sum(series.check_text_ms) < IN_PROCESS_BUDGET_S * 1000:
                series.check_text_ms.append(in_process_ms(probes[series.edit], item))
    return result


def planned_edits(first_s: float, wanted: int, budget_s: float) -> int:
    """How many edits of one kind fit the time budget, judging by the first; even, at least 2."""
    fits = int(budget_s / first_s) if first_s > 0 else wanted
    planned = max(2, min(wanted, fits))
    return planned if planned == wanted or planned % 2 == 0 else planned - 1


def prepare_inputs(sizes: list[int], formats: list[Format], suppress: list[str]) -> list[Input]:
    inputs = [
        Input(f"small-{SMALL_ROUTES[fmt]}.{fmt}", "small", fmt, generate(SMALL_ROUTES[fmt], fmt), SMALL_ROUTES[fmt])
        for fmt in formats
    ]
    if EXAMPLE.exists() and "json5" in formats:
        inputs.append(
            Input(EXAMPLE.name, "example", "json5", EXAMPLE.read_text(encoding="utf-8"), 5, "shipped example")
        )
    for size in sizes:
        inputs += [Input(f"routes-{size}.{fmt}", f"routes-{size}", fmt, generate(size, fmt), size) for fmt in formats]
    if suppress:
        for item in inputs:
            silence(item, suppress)
    return inputs


def silence(item: Input, codes: list[str]) -> None:
    """Append an `ignore-file` suppression for those of ``codes`` the input's text is reported for."""
    found = sorted({d.code for d in check_report(item.text, item).diagnostics} & set(codes))
    if found:
        marker = "#" if item.fmt == "yaml" else "//"
        item.text += f"{marker} routec: ignore-file[{', '.join(found)}]\n"
        item.note = (item.note + "; " if item.note else "") + f"ignore-file[{', '.join(found)}] appended"


def find_routec() -> list[str]:
    script = Path(sys.executable).with_name("routec")
    if not script.exists():
        raise SystemExit(f"no routec console script next to {sys.executable}; activate the venv")
    return [str(script), "lsp"]


def cpu_snapshot(server_pid: int) -> tuple[float, int, int] | None:
    """Wall clock, all CPUs' busy ticks, and the ticks of this process and the server."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in fields[:7])
        ours = sum(_process_ticks(pid) for pid in (os.getpid(), server_pid))
    except (OSError, ValueError):
        return None
    return time.monotonic(), user + nice + system + irq + softirq, ours


def _process_ticks(pid: int) -> int:
    # utime and stime: fields 14 and 15, counted after the parenthesised command name.
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(after_name[11]) + int(after_name[12])


def other_cpu_pct(before: tuple[float, int, int] | None, after: tuple[float, int, int] | None) -> float | None:
    """How busy other processes kept the machine between two snapshots, in % of all CPUs."""
    if before is None or after is None or after[0] <= before[0]:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    others = (after[1] - before[1]) - (after[2] - before[2])
    return max(0.0, 100 * others / ticks / ((after[0] - before[0]) * (os.cpu_count() or 1)))


def checkout() -> dict[str, Any]:
    """The commit measured, and whether src/ differs from it (read-only git commands)."""

    def git(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True, check=False)

    try:
        head = git("rev-parse", "HEAD")
        dirty = git("diff", "--no-ext-diff", "--quiet", "HEAD", "--", "src")
    except OSError:
        return {}
    return {"commit": head.stdout.strip() or None, "src_modified": dirty.returncode == 1}


def machine_load() -> dict[str, Any]:
    try:
        load = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        load = []
    return {"loadavg": [float(x) for x in load], "cpus": os.cpu_count()}


# --- Reporting ----------------------------------------------------------------


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def table(results: list[Result]) -> str:
    head = (
        "| input | lines, KB | edit | diagnostics | n | median ms | p90 ms | max ms | first ms "
        "| server CPU ms | in-process check_text ms | open → diagnostics ms | server peak MB |"
    )
    rows = [head, "|" + "---|" * 13]
    for result in results:
        item = result.input
        size = f"{item.lines}, {item.kib:.1f}"
        if result.error:
            rows.append(f"| {item.name} | {size} | error: {result.error} | | | | | | | | | | |")
            continue
        peak = f"{result.peak_rss_mb:.1f}" if result.peak_rss_mb is not None else "n/a"
        for series in result.series:
            s = series.summary()
            mark = "" if s["diagnostics_as_expected"] else " (unexpected)"
            counts = "/".join(str(c) for c in s["diagnostic_counts"]) + mark
            rows.append(
                f"| {item.name} | {size} | {series.edit} | {counts} | {s['n']} | {fmt_ms(s['median_ms'])} "
                f"| {fmt_ms(s['p90_ms'])} | {fmt_ms(s['max_ms'])} | {fmt_ms(s['first_ms'])} "
                f"| {fmt_ms(s['server_cpu_median_ms'])} | {fmt_ms(s['check_text_median_ms'])} | {fmt_ms(result.open_ms)} | {peak} |"
            )
    return "\n".join(rows)


def verdicts(results: list[Result]) -> list[dict[str, Any]]:
    out = []
    for budget in BUDGETS:
        cells = [
            (result.input.name, series.edit, series.summary().get("median_ms"))
            for result in results
            if result.input.group == budget["group"] and not result.error
            for series in result.series
        ]
        if not cells:
            out.append({**budget, "status": "not measured", "cells": []})
            continue
        failing = [c for c in cells if c[2] is None or c[2] >= budget["median_ms"]]
        status = "holds" if not failing else ("fails" if len(failing) == len(cells) else "partly fails")
        out.append({**budget, "status": status, "cells": [list(c) for c in cells]})
    return out


def verdict_line(verdict: dict[str, Any]) -> str:
    head = f"- budget: median under {verdict['median_ms']:.0f} ms for the {verdict['name']}: {verdict['status']}"
    if not verdict["cells"]:
        return head
    parts = [f"{name} {edit} {fmt_ms(median)} ms" for name, edit, median in verdict["cells"]]
    return f"{head} ({'; '.join(parts)})"


def describe_checkout(checkout: dict[str, Any]) -> str:
    commit = checkout.get("commit")
    if not commit:
        return "an unknown commit"
    return f"{commit[:7]}" + (" with src/ modified" if checkout.get("src_modified") else "")


def report(results: list[Result], meta: dict[str, Any]) -> str:
    lines = [
        "# routec language server latency (measurements, not tests)",
        "",
        (
            f"Run {meta['started']}, {meta['elapsed_s']:.0f} s, routec at {describe_checkout(meta['checkout'])}; "
            f"Python {meta['python']} on {meta['platform']}, "
            f"{meta['load_before']['cpus']} CPUs, load average before the run {meta['load_before']['loadavg']}, "
            f"nice {meta['nice']}. "
            f"`routec lsp` over stdio, pygls {meta['versions']['pygls']} client, `debounceMs: 0` (debounce excluded). "
            f"Latency: just before `didChange` is sent until `publishDiagnostics` for that version arrives; "
            f"one incremental one-character edit at a time, {meta['settings']['pause_ms']} ms apart. "
            "A fresh server per input; peak MB is its VmHWM after all edits."
            " In-process check_text: the same text checked in the benchmark's own process after a gc.collect()."
        ),
        "",
        table(results),
        "",
        *[verdict_line(v) for v in meta["verdicts"]],
    ]
    notes = []
    for result in results:
        if "ignore-file" in result.input.note:
            notes.append(f"- {result.input.name}: {result.input.note}")
        if result.other_cpu_pct is not None and result.other_cpu_pct >= BUSY_NOTE_PCT:
            notes.append(
                f"- {result.input.name}: other processes used {result.other_cpu_pct:.0f} % of the CPUs "
                "while it ran; its figures may be inflated"
            )
        for series in result.series:
            s = series.summary()
            if s.get("server_wait_median_ms") is not None and s["server_wait_median_ms"] >= WAIT_NOTE_MS:
                notes.append(
                    f"- {result.input.name} {series.edit}: the server waited {s['server_wait_median_ms']:.0f} ms "
                    "(median) per edit for a CPU, taken by other processes"
                )
            if s.get("handled_median_ms") is not None and s["handled_median_ms"] - s["median_ms"] >= DECODE_NOTE_MS:
                notes.append(
                    f"- {result.input.name} {series.edit}: the pygls client then took "
                    f"{s['handled_median_ms'] - s['median_ms']:.0f} ms more (median) to decode the diagnostics; "
                    "not counted above"
                )
        for kind, made in result.capped.items():
            notes.append(
                f"- {result.input.name} {kind}: {made} edits instead of {meta['settings']['edits']}, "
                f"to fit --series-budget {meta['settings']['series_budget_s']:.0f} s"
            )
        if result.error:
            notes.append(f"- {result.input.name}: {result.error}")
        for series in result.series:
            if series.diagnostics != series.expected:
                notes.append(
                    f"- {result.input.name} {series.edit}: diagnostics per version {series.diagnostics}, "
                    f"expected {series.expected}"
                )
        if result.server_stderr.strip():
            notes.append(f"- {result.input.name}: server stderr/log:\n\n```\n{result.server_stderr}\n```")
    if notes:
        lines += ["", "Notes:", "", *notes]
    return "\n".join(lines) + "\n"


def to_json(results: list[Result], meta: dict[str, Any]) -> dict[str, Any]:
    out = []
    for result in results:
        item = result.input
        out.append(
            {
                "input": {k: v for k, v in asdict(item).items() if k != "text"}
                | {"lines": item.lines, "kib": item.kib},
                "open_ms": result.open_ms,
                "open_diagnostics": result.open_diagnostics,
                "peak_rss_mb": result.peak_rss_mb,
                "error": result.error,
                "capped": result.capped,
                "other_cpu_pct": result.other_cpu_pct,
                "server_stderr": result.server_stderr,
                "series": [asdict(series) | {"summary": series.summary()} for series in result.series],
            }
        )
    return {**meta, "results": out}


# --- Entry point --------------------------------------------------------------


async def run(args: argparse.Namespace) -> int:
    command = find_routec()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    formats: list[Format] = [f for f in ("yaml", "json5") if f in args.formats.split(",")]
    suppress = [code.strip() for code in args.suppress.split(",") if code.strip()]
    load = machine_load()
    if load["loadavg"] and load["cpus"] and load["loadavg"][0] > 0.5 * load["cpus"]:
        print(f"warning: load average {load['loadavg']} on {load['cpus']} CPUs; timings will be noisy", file=sys.stderr)
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="routec-lsp-bench-") as tmp:
        for item in prepare_inputs(sizes, formats, suppress):
            print(f"{item.name}: {item.lines} lines ...", file=sys.stderr, flush=True)
            run_command = command
            if args.server_profile is not None:  # cProfile writes the file when the server exits
                args.server_profile.mkdir(parents=True, exist_ok=True)
                profile = args.server_profile / f"{item.name}.prof"
                run_command = [sys.executable, "-m", "cProfile", "-o", str(profile), *command]
            result = await measure(item, run_command, Path(tmp), args)
            results.append(result)
    meta: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "elapsed_s": time.perf_counter() - clock,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_before": load,
        "nice": os.nice(0),  # the server inherits it
        "load_after": machine_load(),
        "command": command,
        "versions": {name: metadata.version(name) for name in ("routec", "pygls", "lsprotocol")},
        "checkout": checkout(),
        "settings": {
            "sizes": sizes,
            "formats": formats,
            "edits": args.edits,
            "pause_ms": args.pause_ms,
            "series_budget_s": args.series_budget,
            "in_process_runs": args.in_process_runs,
            "server_profile": str(args.server_profile) if args.server_profile else None,
            "suppress": suppress,
            "initialization_options": {"debounceMs": 0},
        },
    }
    meta["verdicts"] = verdicts(results)
    text = report(results, meta)
    print(text)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "lsp_latest.md").write_text(text, encoding="utf-8")
    (args.out_dir / "lsp_latest.json").write_text(json.dumps(to_json(results, meta), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out_dir / 'lsp_latest.md'} and lsp_latest.json", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000", help="generated route counts, comma-separated")
    parser.add_argument("--formats", default="yaml,json5", help="yaml, json5 or both")
    parser.add_argument("--edits", type=int, default=30, help="edits per kind per input (N)")
    parser.add_argument("--pause-ms", type=float, default=50, help="idle time before each edit")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for one reply")
    parser.add_argument(
        "--series-budget",
        type=float,
        default=60,
        help="seconds one kind of edit may take on one input (fewer edits if slow)",
    )
    parser.add_argument("--in-process-runs", type=int, default=10, help="warm check_text runs per series (0: none)")
    parser.add_argument(
        "--server-profile",
        type=Path,
        metavar="DIR",
        help="run each server under cProfile, writing DIR/<input>.prof (slows the server: diagnosis only)",
    )
    parser.add_argument(
        "--suppress",
        default="",
        metavar="CODES",
        help="append `routec: ignore-file[CODES]` to inputs reported for them (the rules still run)",
    )
    parser.add_argument("--out-dir", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    if args.edits < 1:
        parser.error("--edits must be at least 1")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
