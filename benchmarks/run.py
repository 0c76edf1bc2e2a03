"""Benchmark `routec check` and `routec build` side by side with yamllint and check-jsonschema.

A measurement, not a test: nothing here passes or fails on a threshold. Every
tool runs on the same files, as separate cold processes, interleaved
(routec check, routec build, yamllint, check-jsonschema, routec check, ...) so
that machine noise lands on all of them alike; the ratios are only meaningful
because they come from one run on one machine. Each run of `routec build`
writes into a fresh, empty directory, so it always renders and writes all
three artifacts (a rebuild into the same directory skips unchanged files).

Usage: python benchmarks/run.py [--sizes 10,100,1000,10000] [--repeat 5] [--cell-budget 15]
                                [--bytecode cached|as-is] [--out-dir benchmarks/results]
See benchmarks/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from budgets import budget_lines, evaluate
from generate import DIALECT_WRITERS, FORMATS, Format, generate, generate_dialect

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMAS = ROOT / "schemas"
EXAMPLE = ROOT / "examples" / "routec" / "basic.yaml"
SCRIPTS = ("routec", "yamllint", "check-jsonschema")  # console scripts to find
# What is measured on each file, in round order. "routec" is `routec check`.
TOOLS = ("routec", "routec build", "yamllint", "check-jsonschema")
ARTIFACTS = ("routing_table.json", "routes.py", "routes.ts")  # what `routec build` writes by default
OUT_DIR = "{fresh-out-dir}"  # stands for a new empty directory, made for each run
# From the issue that asked for the build benchmark: "A config with 10,000
# routes builds all three artifacts in under 3 s". Reported, never enforced.
BUILD_TARGET_ROUTES = 10_000
BUILD_TARGET_S = 3.0
ABSENT = "examples/routec/basic.yaml is absent"
OUTPUT_TAIL = 600  # characters of a failing command's output kept in the report
SCALING_FROM = 1_000  # the scaling budget compares sizes from this many routes up


# --- Data ---------------------------------------------------------------------


@dataclass
class Case:
    """One input file."""

    name: str
    path: Path
    fmt: Format
    routes: int | None
    size_bytes: int
    lines: int
    note: str = ""
    dialect: str = "routec"

    @property
    def schema(self) -> Path:
        return SCHEMAS / f"{self.dialect}.schema.json"


@dataclass
class Run:
    wall_s: float
    maxrss_kb: int
    exit_code: int
    artifacts: int | None = None  # `routec build` only: how many of ARTIFACTS the run left in its directory


@dataclass
class Measurement:
    """All runs of one tool on one file."""

    tool: str
    argv: list[str]
    runs: list[Run] = field(default_factory=list)
    output_tail: str = ""  # kept when a run exits non-zero, to say why

    @property
    def median_s(self) -> float | None:
        return statistics.median(r.wall_s for r in self.runs) if self.runs else None

    @property
    def peak_mb(self) -> float | None:
        return max(r.maxrss_kb for r in self.runs) / 1024 if self.runs else None

    @property
    def exit_codes(self) -> list[int]:
        return sorted({r.exit_code for r in self.runs})

    @property
    def max_s(self) -> float | None:
        return max(r.wall_s for r in self.runs) if self.runs else None

    @property
    def short_artifacts(self) -> list[int]:
        """Artifact counts of build runs that left fewer than all of ARTIFACTS."""
        return sorted({r.artifacts for r in self.runs if r.artifacts is not None and r.artifacts < len(ARTIFACTS)})


# One table row: a file and each tool's measurement on it.
Row = tuple[Case, dict[str, Measurement]]


# --- Spawning and measuring one process -------------------------------------------


@dataclass
class Launcher:
    """Starts commands the same way for every tool: same environment, same launcher."""

    logs: Path
    env: dict[str, str]
    scratch: Path  # where build output directories are made

    def run(self, argv: list[str], log_name: str) -> tuple[Run, str]:
        """Run argv as a cold process: wall time, its own peak RSS, exit code, output tail.

        An OUT_DIR argument is replaced by a new empty directory under scratch,
        made before the run and deleted after it, both outside the timing; the
        run records how many of ARTIFACTS it left there.
        """
        if OUT_DIR not in argv:
            return self._spawn(argv, log_name)
        out = Path(tempfile.mkdtemp(prefix="build-", dir=self.scratch))
        try:
            run, tail = self._spawn([str(out) if arg == OUT_DIR else arg for arg in argv], log_name)
            run.artifacts = sum((out / name).is_file() for name in ARTIFACTS)
        finally:
            shutil.rmtree(out, ignore_errors=True)
        return run, tail

    def _spawn(self, argv: list[str], log_name: str) -> tuple[Run, str]:
        """The measuring happens in measure_child.py, a tiny launcher process,
        not here: see its docstring for why peak RSS is only exact that way.
        """
        log = self.logs / log_name
        launcher = [sys.executable, "-I", "-S", str(HERE / "measure_child.py"), str(log), *argv]
        done = subprocess.run(launcher, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=self.env)
        if done.returncode != 0:
            raise RuntimeError(f"cannot run {argv[0]}: {done.stderr.strip()[-OUTPUT_TAIL:]}")
        wall, maxrss_kb, exit_code = done.stdout.split()
        tail = log.read_text(encoding="utf-8", errors="replace")[-OUTPUT_TAIL:]
        return Run(float(wall), int(maxrss_kb), int(exit_code)), tail


def child_env(bytecode: str, cache: Path) -> dict[str, str]:
    """The tools' environment.

    "cached" (the default) runs every tool from compiled bytecode, as after a
    pip install. An editable checkout with PYTHONDONTWRITEBYTECODE=1 has no
    .pyc for routec, so each cold run would recompile it from source while
    yamllint and check-jsonschema load theirs. A private PYTHONPYCACHEPREFIX,
    filled by the warm-up round, treats all tools alike.
    "as-is" keeps the caller's environment untouched.
    """
    env = dict(os.environ)
    if bytecode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def planned_runs(first_s: float, repeat: int, budget_s: float) -> int:
    """How many runs a tool gets on a file: --repeat, fewer if one run is slow."""
    if first_s <= 0 or math.isinf(budget_s):
        return repeat
    return max(1, min(repeat, int(budget_s // first_s)))


def measure_case(
    case: Case, commands: dict[str, list[str]], repeat: int, budget_s: float, launcher: Launcher
) -> list[Measurement]:
    """Interleaved rounds: each round runs every tool once, in a fixed order."""
    results = [Measurement(tool, argv) for tool, argv in commands.items()]
    planned = {m.tool: repeat for m in results}
    for round_number in range(repeat):
        for measurement in results:
            if len(measurement.runs) >= planned[measurement.tool]:
                continue
            log_name = f"{case.name}.{measurement.tool.replace(' ', '-')}.log"
            run, tail = launcher.run(measurement.argv, log_name)
            measurement.runs.append(run)
            if run.exit_code != 0 and not measurement.output_tail:
                measurement.output_tail = tail
            if round_number == 0:
                planned[measurement.tool] = planned_runs(run.wall_s, repeat, budget_s)
    return results


def rss_floor_kb(launcher: Launcher) -> int | None:
    """Peak RSS reported for /bin/true spawned the same way: the smallest number possible."""
    true = shutil.which("true")
    return launcher.run([true], "true.log")[0].maxrss_kb if true else None


def crosscheck_rss(measurement: Measurement | None, launcher: Launcher) -> dict[str, Any] | None:
    """One more run under /usr/bin/time -f %M, to confirm the wait4 figures."""
    gnu_time = Path("/usr/bin/time")
    if measurement is None or not gnu_time.exists():
        return None
    marker = "MAXRSS_KB="
    _, text = launcher.run([str(gnu_time), "-f", f"{marker}%M", *measurement.argv], "crosscheck.log")
    lines = [line for line in text.splitlines() if line.startswith(marker)]
    return {
        "argv": measurement.argv,
        "usr_bin_time_maxrss_kb": int(lines[-1].removeprefix(marker)) if lines else None,
        "wait4_maxrss_kb": [run.maxrss_kb for run in measurement.runs],
    }


# --- Inputs and commands ----------------------------------------------------------


def find_tools() -> dict[str, str | None]:
    """The tools' console scripts: the venv's bin dir first (the brief's routec), then PATH."""
    bin_dir = Path(sys.executable).parent
    found: dict[str, str | None] = {}
    for tool in SCRIPTS:
        local = bin_dir / tool
        found[tool] = str(local) if local.exists() else shutil.which(tool)
    return found


def write_case(
    directory: Path, name: str, fmt: Format, text: str, routes: int | None, note: str = "", dialect: str = "routec"
) -> Case:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return Case(name, path, fmt, routes, path.stat().st_size, len(text.splitlines()), note, dialect)


def prepare_cases(directory: Path, sizes: list[int], dialect_sizes: list[int]) -> tuple[list[Case], str]:
    """The small case first (the shipped example if present), then every size in both formats,
    then each gateway dialect at dialect_sizes."""
    cases: list[Case] = []
    if EXAMPLE.exists():
        text = EXAMPLE.read_text(encoding="utf-8")
        cases.append(write_case(directory, "basic.yaml", "yaml", text, count_routes(text), "shipped example"))
        small_note = "small case: the shipped examples/routec/basic.yaml"
    elif 10 in sizes:
        small_note = f"{ABSENT}; the small case is the generated 10-route file routes-10.yaml"
    else:
        cases.append(write_case(directory, "small-10.yaml", "yaml", generate(10, "yaml"), 10, "generated"))
        small_note = f"{ABSENT}; the small case is a generated 10-route file, small-10.yaml"
    for size in sizes:
        for fmt in FORMATS:
            cases.append(write_case(directory, f"routes-{size}.{fmt}", fmt, generate(size, fmt), size))
    for size in dialect_sizes:
        for dialect in DIALECT_WRITERS:
            text, suffix = generate_dialect(size, dialect)
            name = f"{dialect}-{size}.{suffix}"
            cases.append(write_case(directory, name, suffix, text, size, dialect=dialect))
    return cases, small_note


def count_routes(text: str) -> int | None:
    # PyYAML comes with yamllint; it is only used to describe the example.
    try:
        import yaml  # type: ignore[import-untyped]  # no stubs installed; only safe_load is used

        routes = yaml.safe_load(text).get("routes")
        return len(routes) if isinstance(routes, dict) else None
    except Exception:
        return None


def commands_for(case: Case, tools: dict[str, str | None], reference_max: int) -> dict[str, list[str]]:
    """What runs on a file. The reference tools skip files above reference_max routes:
    at 50,000 routes they take minutes per run, and the budgets compare at 10,000."""
    commands: dict[str, list[str]] = {}
    if tools["routec"]:
        commands["routec"] = [tools["routec"], "check", str(case.path)]
        commands["routec build"] = [tools["routec"], "build", str(case.path), "--out", OUT_DIR]
    if (case.routes or 0) > reference_max:
        return commands
    if tools["yamllint"] and case.fmt == "yaml":
        commands["yamllint"] = [tools["yamllint"], "-d", "relaxed", str(case.path)]
    if tools["check-jsonschema"]:
        commands["check-jsonschema"] = [tools["check-jsonschema"], "--schemafile", str(case.schema), str(case.path)]
    return commands


def warm_up(cases: list[Case], tools: dict[str, str | None], launcher: Launcher, reference_max: int) -> None:
    # One untimed run of each tool on the first file of each format, so that
    # no timed run pays for reading site-packages from a cold disk or for
    # compiling bytecode: the timings are of cold *processes*.
    for fmt in FORMATS:
        first = next((case for case in cases if case.fmt == fmt), None)
        for argv in commands_for(first, tools, reference_max).values() if first else ():
            launcher.run(argv, "warm-up.log")


# --- In-process ratios ------------------------------------------------------------


def in_process(cases: list[Case], repeat: int, env: dict[str, str], reference_max: int) -> dict[str, Any]:
    """Run benchmarks/inprocess.py in its own interpreter: the references on the largest YAML and
    JSON5 files up to reference_max routes, and the scaling series from 1,000 routes up."""
    generated = [case for case in cases if case.name.startswith("routes-")]
    within = [case for case in generated if (case.routes or 0) <= reference_max] or generated
    largest = {fmt: max((c for c in within if c.fmt == fmt), key=lambda c: c.routes or 0) for fmt in FORMATS}
    argv = [sys.executable, str(HERE / "inprocess.py"), "--yaml", str(largest["yaml"].path)]
    argv += ["--json5", str(largest["json5"].path), "--repeat", str(repeat)]
    for case in generated:
        if (case.routes or 0) >= SCALING_FROM:
            argv += ["--scale", str(case.path)]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=HERE, env=env)
    if done.returncode != 0:
        return {"error": f"inprocess.py exited {done.returncode}: {done.stderr[-OUTPUT_TAIL:]}"}
    result: dict[str, Any] = json.loads(done.stdout)
    result["yaml"]["routes"] = largest["yaml"].routes
    result["json5"]["routes"] = largest["json5"].routes
    by_path = {str(case.path): case for case in generated}
    for entry in result["scaling"]:
        case = by_path[entry["file"]]
        entry.update(name=case.name, fmt=case.fmt, routes=case.routes)
    return result


# --- Imports and the language server ----------------------------------------------

# Modules only `routec build` or `routec lsp` need; `routec check` must not import them.
BUILD_AND_LSP_MODULES = ("pygls", "lsprotocol", "cattrs", "jinja2", "markupsafe")


def check_imports(env: dict[str, str]) -> dict[str, Any]:
    """Which top-level packages `routec check` imports, read from python -X importtime."""
    target = EXAMPLE if EXAMPLE.exists() else SCHEMAS / "routec.schema.json"
    argv = [sys.executable, "-X", "importtime", "-m", "routec", "check", str(target)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT)
    modules = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    top_level = sorted({module.split(".")[0] for module in modules[1:]})  # the first line is the header
    return {
        "argv": argv,
        "exit_code": done.returncode,
        "modules": len(modules) - 1,
        "forbidden": [name for name in BUILD_AND_LSP_MODULES if name in top_level],
    }


def language_server(args: argparse.Namespace) -> dict[str, Any] | None:
    """Run lsp_latency.py (its own process and servers) and keep its report."""
    if args.skip_lsp or not args.lsp_sizes:
        return None
    progress(f"language-server latency at {args.lsp_sizes} routes (lsp_latency.py)")
    argv = [sys.executable, str(HERE / "lsp_latency.py"), "--sizes", ",".join(map(str, args.lsp_sizes))]
    argv += ["--edits", str(args.lsp_edits), "--out-dir", str(args.out_dir)]
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, text=True, cwd=HERE)
    results = args.out_dir / "lsp_latest.json"
    if done.returncode != 0 or not results.exists():
        return {"error": f"lsp_latency.py exited {done.returncode}"}
    markdown_text = (args.out_dir / "lsp_latest.md").read_text(encoding="utf-8")
    return {"json": json.loads(results.read_text(encoding="utf-8")), "markdown": markdown_text}


# --- Report -----------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "tool_versions": tool_versions(),
    }


def tool_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    versions: dict[str, str] = {}
    for package in ("routec", "yamllint", "check-jsonschema", "json5", "ruamel.yaml", "ruamel.yaml.clib"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def fmt_s(measurement: Measurement | None, repeat: int) -> str:
    if measurement is None or measurement.median_s is None:
        return "n/a"
    text = f"{measurement.median_s:.3f}"
    if len(measurement.runs) < repeat:
        text += f" (n={len(measurement.runs)})"
    if any(code != 0 for code in measurement.exit_codes):
        text += f" [exit {','.join(map(str, measurement.exit_codes))}]"
    return text


def fmt_ratio(numerator: Measurement | None, denominator: Measurement | None) -> str:
    if not numerator or not denominator or not numerator.median_s or not denominator.median_s:
        return "n/a"
    return f"{numerator.median_s / denominator.median_s:.2f}"


def fmt_mb(measurement: Measurement | None) -> str:
    return f"{measurement.peak_mb:.1f}" if measurement and measurement.peak_mb else "n/a"


def table(rows: list[Row], repeat: int) -> str:
    header = (
        "| file | size (routes, KB) | routec median s | routec peak MB | routec build median s "
        "| routec build peak MB | yamllint median s | check-jsonschema median s "
        "| ratio routec/yamllint | ratio routec/check-jsonschema |"
    )
    lines = [header, "|" + "---|" * 10]
    for case, by_tool in rows:
        routec, build, yamllint, schema = (by_tool.get(tool) for tool in TOOLS)
        size = f"{case.routes if case.routes is not None else '?'}, {case.size_bytes / 1024:.1f}"
        cells = [case.name, size, fmt_s(routec, repeat), fmt_mb(routec), fmt_s(build, repeat), fmt_mb(build)]
        cells += [fmt_s(yamllint, repeat), fmt_s(schema, repeat)]
        cells += [fmt_ratio(routec, yamllint), fmt_ratio(routec, schema)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def build_target(rows: list[Row]) -> dict[str, Any]:
    """Whether every generated BUILD_TARGET_ROUTES-route file built, all artifacts, within BUILD_TARGET_S.

    Judged on the median, the figure the table shows; the slowest run is kept too.
    holds is None when no such file was measured.
    """
    files: dict[str, Any] = {}
    for case, by_tool in rows:
        build = by_tool.get("routec build")
        if case.routes != BUILD_TARGET_ROUTES or not case.name.startswith("routes-") or build is None:
            continue
        complete = build.exit_codes == [0] and not build.short_artifacts
        files[case.name] = {
            "median_s": build.median_s,
            "max_s": build.max_s,
            "runs": len(build.runs),
            "complete": complete,
            "within": complete and build.median_s is not None and build.median_s < BUILD_TARGET_S,
        }
    holds = all(f["within"] for f in files.values()) if files else None
    return {"routes": BUILD_TARGET_ROUTES, "limit_s": BUILD_TARGET_S, "holds": holds, "files": files}


def build_target_line(target: dict[str, Any]) -> str:
    claim = f"{target['routes']:,} routes build all three artifacts in under {target['limit_s']:g} s"
    if target["holds"] is None:
        return f"- build target ({claim}): not measured in this run (no {target['routes']}-route size)"
    parts = []
    for name, f in target["files"].items():
        part = f"{name} median {f['median_s']:.3f} s (slowest of {f['runs']}: {f['max_s']:.3f} s)"
        if not f["complete"]:
            part += ", but not every run exited 0 with all three artifacts written"
        parts.append(part)
    verdict = "holds" if target["holds"] else "does NOT hold"
    return f"- build target ({claim}): {verdict} in this run; " + "; ".join(parts)


def small_case_section(rows: list[Row], repeat: int) -> list[str]:
    """routec check against yamllint and check-jsonschema on the small case, rows[0] (see prepare_cases)."""
    case, by_tool = rows[0]
    routec, yamllint, schema = (by_tool.get(tool) for tool in ("routec", "yamllint", "check-jsonschema"))
    routes = f", {case.routes} routes" if case.routes is not None else ""
    return [
        f"## Small file: {case.name} ({case.lines} lines{routes})",
        "",
        "| tool | median s | ratio routec check/tool |",
        "|---|---|---|",
        f"| routec check | {fmt_s(routec, repeat)} | 1.00 |",
        f"| yamllint -d relaxed | {fmt_s(yamllint, repeat)} | {fmt_ratio(routec, yamllint)} |",
        f"| check-jsonschema | {fmt_s(schema, repeat)} | {fmt_ratio(routec, schema)} |",
        "",
        f"routec check is {fmt_times(routec, yamllint)} yamllint's time, {fmt_times(routec, schema)} check-jsonschema's.",
    ]


def fmt_times(numerator: Measurement | None, denominator: Measurement | None) -> str:
    ratio = fmt_ratio(numerator, denominator)
    return ratio if ratio == "n/a" else f"{ratio}x"


def in_process_lines(result: dict[str, Any]) -> list[str]:
    if "error" in result:
        return [f"- in-process measurement failed: {result['error']}"]
    yaml_part, json5_part = result["yaml"], result["json5"]
    return [
        _in_process_line(f"YAML, {yaml_part['routes']} routes", "ruamel C compose", yaml_part, "ruamel_compose"),
        _in_process_line(f"JSON5, {json5_part['routes']} routes", "json5.loads", json5_part, "json5_loads"),
    ]


def _in_process_line(label: str, reference: str, part: dict[str, Any], key: str) -> str:
    def show(timing: dict[str, Any]) -> str:
        return f"{timing['median_s']:.3f} s" if "median_s" in timing else f"error: {timing['error']}"

    ratio = f"{part['ratio']:.2f}" if part.get("ratio") is not None else "n/a"
    check = show(part["routec_check_text"])
    return f"- {label}: {reference} {show(part[key])}; routec check_text {check}; ratio routec/{reference} = {ratio}"


def crosscheck_line(check: dict[str, Any] | None) -> str:
    if check is None:
        return "no /usr/bin/time to cross-check peak RSS"
    name = Path(check["argv"][-1]).name
    return (
        f"routec on {name}: /usr/bin/time says {check['usr_bin_time_maxrss_kb']} KB, "
        f"wait4 said {check['wait4_maxrss_kb']} KB"
    )


def notes(rows: list[Row]) -> list[str]:
    """Why any command exited non-zero: the tail of its output; and builds that left artifacts out."""
    found: list[str] = []
    for case, by_tool in rows:
        for measurement in by_tool.values():
            if measurement.output_tail:
                tail = " ".join(measurement.output_tail.split())[-300:]
                found.append(f"- {measurement.tool} on {case.name} exited {measurement.exit_codes}: `{tail}`")
            if measurement.short_artifacts:
                found.append(
                    f"- {measurement.tool} on {case.name}: some runs left only {measurement.short_artifacts} "
                    f"of the {len(ARTIFACTS)} artifacts"
                )
    return found


def scaling_lines(result: dict[str, Any]) -> list[str]:
    if "error" in result or not result.get("scaling"):
        return []
    lines = ["| file | routes | check_text median s | µs per route | build median s | µs per route |", "|---|---|---|---|---|---|"]
    for entry in result["scaling"]:
        cells = [entry["name"], f"{entry['routes']:,}"]
        for key in ("check_text", "build"):
            median = entry[key].get("median_s")
            cells += [f"{median:.3f}", f"{median / entry['routes'] * 1e6:.0f}"] if median else ["error", "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return ["## Scaling (in-process, median)", "", *lines, ""]


def lsp_section(lsp: dict[str, Any] | None) -> list[str]:
    if lsp is None:
        return ["## Language server", "", "Not measured in this run (--skip-lsp).", ""]
    if "error" in lsp:
        return ["## Language server", "", f"Failed: {lsp['error']}", ""]
    body = lsp["markdown"].split("\n", 1)[1]  # its own title dropped; see results/lsp_latest.md
    return ["## Language server", body.strip(), ""]


def markdown(report: dict[str, Any], rows: list[Row]) -> str:
    machine, settings = report["machine"], report["settings"]
    lines = [
        "# routec benchmark (measurements, not tests)",
        "",
        f"Run {report['started']}, {report['duration_s']:.0f} s; Python {machine['python']} on {machine['platform']}, "
        f"{machine['cpu_count']} CPUs. Cold processes, interleaved, median of up to {settings['repeat']} runs "
        f"(fewer, shown as n=, when one run exceeds the {settings['cell_budget_s']} s budget). "
        f"Bytecode: {settings['bytecode']}. `routec` is `routec check`; `routec build` writes all three "
        "artifacts into a fresh empty directory on every run. Ratios below 1 mean routec check is faster.",
        "",
        "## Budgets",
        "",
        *budget_lines(report["budgets"]),
        "",
        "## Cold processes",
        "",
        table(rows, settings["repeat"]),
        "",
        build_target_line(report["build_target"]),
        f"- {report['small_case']}",
        f"- peak-RSS floor (/bin/true spawned the same way): {report['rss_floor_kb']} KB; "
        + crosscheck_line(report["rss_crosscheck"]),
        *notes(rows),
        "",
        *small_case_section(rows, settings["repeat"]),
        "",
        "## In-process (steady state, after a warm-up)",
        "",
        *in_process_lines(report["in_process"]),
        "",
        *scaling_lines(report["in_process"]),
        *lsp_section(report["lsp"]),
    ]
    return "\n".join(lines)


# --- Main -------------------------------------------------------------------------


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark routec check and routec build next to yamllint and check-jsonschema."
    )
    parser.add_argument("--sizes", default="10,100,1000,10000,50000", help="route counts, comma-separated")
    parser.add_argument(
        "--dialect-sizes", default="1000", help="route counts for the gateway-dialect files, comma-separated ('' for none)"
    )
    parser.add_argument(
        "--reference-max",
        type=int,
        default=10_000,
        help="largest route count yamllint and check-jsonschema run on (minutes per run above it)",
    )
    parser.add_argument(
        "--lsp-sizes", default="1000,10000,50000", help="route counts for the language-server latency run"
    )
    parser.add_argument("--lsp-edits", type=int, default=20, help="edits per kind per input in the language-server run")
    parser.add_argument("--skip-lsp", action="store_true", help="leave out the language-server latency run")
    parser.add_argument(
        "--update-readme", action="store_true", help="also put the report between the benchmark markers of README.md"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per tool and file; the median is reported")
    parser.add_argument(
        "--cell-budget",
        type=float,
        default=15.0,
        help="seconds one tool may spend on one file; a tool whose first run is slow gets fewer runs "
        "(at least 1). Use 'inf' to always do --repeat runs",
    )
    parser.add_argument(
        "--bytecode",
        choices=("cached", "as-is"),
        default="cached",
        help="cached: every tool runs from compiled bytecode, as after a pip install (default); "
        "as-is: the caller's environment, PYTHONDONTWRITEBYTECODE included",
    )
    parser.add_argument("--out-dir", type=Path, default=HERE / "results", help="where latest.md/latest.json go")
    args = parser.parse_args(argv)
    for option in ("sizes", "dialect_sizes", "lsp_sizes"):
        try:
            values = sorted({int(size) for size in getattr(args, option).split(",") if size.strip()})
        except ValueError:
            parser.error(f"--{option.replace('_', '-')} must be comma-separated integers")
        if values and min(values) < 1:
            parser.error(f"--{option.replace('_', '-')} must be positive")
        setattr(args, option, values)
    if not args.sizes or args.repeat < 1:
        parser.error("--sizes must name at least one size and --repeat must be at least 1")
    return args


def measure_all(
    cases: list[Case], tools: dict[str, str | None], args: argparse.Namespace, launcher: Launcher
) -> list[Row]:
    warm_up(cases, tools, launcher, args.reference_max)
    rows: list[Row] = []
    for case in cases:
        progress(f"measuring {case.name} ({case.size_bytes / 1024:.0f} KB)")
        commands = commands_for(case, tools, args.reference_max)
        results = measure_case(case, commands, args.repeat, args.cell_budget, launcher)
        rows.append((case, {m.tool: m for m in results}))
    return rows


def case_record(case: Case, by_tool: dict[str, Measurement]) -> dict[str, Any]:
    record = {key: value for key, value in asdict(case).items() if key != "path"}
    record["tools"] = {
        tool: {**asdict(m), "median_s": m.median_s, "peak_mb": m.peak_mb, "exit_codes": m.exit_codes}
        for tool, m in by_tool.items()
    }
    return record


def benchmark(args: argparse.Namespace, tools: dict[str, str | None]) -> tuple[dict[str, Any], list[Row]]:
    """Every measurement of one run; the report (for latest.json) and the table rows."""
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="routec-bench-") as temp:
        directory = Path(temp)
        launcher = Launcher(directory / "logs", child_env(args.bytecode, directory / "pycache"), directory / "build")
        launcher.logs.mkdir()
        launcher.scratch.mkdir()
        cases, small_note = prepare_cases(directory, args.sizes, args.dialect_sizes)
        progress(small_note)
        rows = measure_all(cases, tools, args, launcher)
        floor = rss_floor_kb(launcher)
        crosscheck = crosscheck_rss(rows[0][1].get("routec"), launcher)
        progress("in-process measurements (json5.loads of the largest file takes a while)")
        inproc = in_process(cases, args.repeat, launcher.env, args.reference_max)
        imports = check_imports(launcher.env)
    lsp = language_server(args)
    report: dict[str, Any] = {
        "started": dt.datetime.fromtimestamp(started, dt.timezone.utc).isoformat(timespec="seconds"),
        "duration_s": time.time() - started,
        "machine": machine_info(),
        "settings": {
            "sizes": args.sizes,
            "repeat": args.repeat,
            "cell_budget_s": args.cell_budget,
            "bytecode": args.bytecode,
            "dialect_sizes": args.dialect_sizes,
            "reference_max": args.reference_max,
            "lsp_sizes": [] if args.skip_lsp else args.lsp_sizes,
        },
        "tools": tools,
        "small_case": small_note,
        "rss_floor_kb": floor,
        "rss_crosscheck": crosscheck,
        "build_target": build_target(rows),
        "runner_maxrss_kb": _self_maxrss_kb(),
        "files": [case_record(case, by_tool) for case, by_tool in rows],
        "in_process": inproc,
        "imports": imports,
        "lsp": lsp,
    }
    report["budgets"] = evaluate(report)
    return report, rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tools = find_tools()
    if not tools["routec"]:
        progress("routec is not installed next to this Python or on PATH; activate the venv first")
        return 2
    missing = [tool for tool, path in tools.items() if path is None]
    if missing:
        # Every budget is judged against a reference measured in the same run; without them the report says little.
        progress(f"not installed: {', '.join(missing)}; install the references with: pip install -e '.[bench]'")
        return 2
    report, rows = benchmark(args, tools)
    text = markdown(report, rows)
    print(text)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "latest.md").write_text(text, encoding="utf-8")
    (args.out_dir / "latest.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    progress(f"wrote {args.out_dir / 'latest.md'} and {args.out_dir / 'latest.json'}")
    if args.update_readme:
        update_readme(text)
        progress(f"updated {README}")
    return 0


README = ROOT / "README.md"
MARKERS = ("<!-- benchmarks:start -->", "<!-- benchmarks:end -->")


def update_readme(report_text: str) -> None:
    """The report, headings one level down, replaces what is between the README's markers."""
    text = README.read_text(encoding="utf-8")
    start, end = text.index(MARKERS[0]) + len(MARKERS[0]), text.index(MARKERS[1])
    body = report_text.split("\n", 1)[1].replace("\n## ", "\n### ")
    link = "See [benchmarks/README.md](benchmarks/README.md) for how to run them and what each column means."
    README.write_text(f"{text[:start]}\n{body.strip()}\n\n{link}\n{text[end:]}", encoding="utf-8")


def _self_maxrss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    sys.exit(main())
