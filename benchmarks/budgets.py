"""The performance budgets (issue 8), judged on one run's figures.

Every verdict compares numbers from the same run: routec against a reference
tool measured alongside it, or routec at one size against routec at another.
A verdict is "holds", "fails" or "not measured" (that part of the run was
skipped or failed); run.py prints them at the top of its report.
"""

from __future__ import annotations

import statistics
from typing import Any

SMALL_VS_YAMLLINT = 1.0  # routec check time / yamllint time, at most
SMALL_VS_SCHEMA = 0.5  # routec check time / check-jsonschema time: at least 2x faster
YAML_VS_COMPOSE = 2.0  # check_text / ruamel C compose, 10,000 routes
JSON5_VS_LOADS = 1 / 20  # check_text / json5.loads: at least 20x faster
SCALING_BASE = 1_000  # routes the scaling budget starts from
SCALING_SLACK = 1.2  # 10x the routes may cost 12x the time
MEMORY_ROUTES = 10_000
MEMORY_MB = 200.0

Verdict = dict[str, Any]


def evaluate(report: dict[str, Any]) -> list[Verdict]:
    verdicts = [*small_file(report["files"]), imports(report.get("imports"))]
    verdicts += reference_ratios(report["in_process"])
    verdicts += scaling(report["in_process"])
    verdicts += lsp_scaling(report.get("lsp"))
    verdicts.append(memory(report["files"]))
    verdicts += lsp_latency(report.get("lsp"))
    return verdicts


def verdict(name: str, holds: bool | None, detail: str) -> Verdict:
    status = "not measured" if holds is None else ("holds" if holds else "fails")
    return {"budget": name, "status": status, "detail": detail}


def _median(record: dict[str, Any], tool: str) -> float | None:
    measured = record["tools"].get(tool)
    return measured["median_s"] if measured else None


def small_file(files: list[dict[str, Any]]) -> list[Verdict]:
    small = files[0]
    routec = _median(small, "routec")
    out = []
    for tool, limit, claim in (
        ("yamllint", SMALL_VS_YAMLLINT, "not slower than yamllint"),
        ("check-jsonschema", SMALL_VS_SCHEMA, "at least 2x faster than check-jsonschema"),
    ):
        other = _median(small, tool)
        name = f"cold `routec check` of {small['name']} ({small['lines']} lines): {claim}"
        if not routec or not other:
            out.append(verdict(name, None, f"{tool} was not measured"))
            continue
        ratio = routec / other
        out.append(verdict(name, ratio <= limit, f"{routec:.3f} s vs {other:.3f} s: {ratio:.2f}x its time"))
    return out


def imports(found: dict[str, Any] | None) -> Verdict:
    name = "`routec check` imports no build or language-server module (pygls, lsprotocol, jinja2, ...)"
    if not found or found["exit_code"] not in (0, 1):
        return verdict(name, None, "python -X importtime did not run")
    detail = f"{found['modules']} modules imported; forbidden ones: {', '.join(found['forbidden']) or 'none'}"
    return verdict(name, not found["forbidden"], detail)


def reference_ratios(result: dict[str, Any]) -> list[Verdict]:
    out = []
    for fmt, key, reference, limit, claim in (
        ("yaml", "ruamel_compose", "ruamel.yaml's C composer", YAML_VS_COMPOSE, "within 2x of"),
        ("json5", "json5_loads", "json5.loads", JSON5_VS_LOADS, "at least 20x faster than"),
    ):
        part = result.get(fmt, {}) if "error" not in result else {}
        routes = part.get("routes")
        name = f"{routes or '10,000'}-route {fmt.upper()}: check {claim} {reference}"
        check, other = part.get("routec_check_text", {}).get("median_s"), part.get(key, {}).get("median_s")
        if not check or not other:
            out.append(verdict(name, None, "in-process measurement missing"))
            continue
        ratio = check / other
        comparison = f"{ratio:.2f}x its time" if ratio >= 0.1 else f"{other / check:.1f}x faster"
        detail = f"check_text {check:.3f} s, {reference} {other:.3f} s: {comparison}"
        out.append(verdict(name, ratio <= limit, detail))
    return out


def _growth(times: dict[int, float], what: str) -> Verdict:
    """Time at each size against the time at SCALING_BASE, per route."""
    name = f"{what}: 10x the routes costs at most 12x the time, from {SCALING_BASE:,} routes up"
    base = times.get(SCALING_BASE)
    larger = sorted(size for size in times if size > SCALING_BASE)
    if not base or not larger:
        return verdict(name, None, f"needs {SCALING_BASE:,} routes and a larger size")
    parts, holds = [], True
    for size in larger:
        factor = size / SCALING_BASE
        ratio = times[size] / base
        holds &= ratio <= factor * SCALING_SLACK
        parts.append(f"{size:,} routes: {ratio:.1f}x the time for {factor:g}x the routes (limit {factor * SCALING_SLACK:g}x)")
    return verdict(name, holds, "; ".join(parts))


def scaling(result: dict[str, Any]) -> list[Verdict]:
    out = []
    for operation, label in (("check_text", "check"), ("build", "build")):
        for fmt in ("yaml", "json5"):
            times = {
                entry["routes"]: entry[operation]["median_s"]
                for entry in result.get("scaling", [])
                if entry["fmt"] == fmt and entry[operation].get("median_s")
            }
            out.append(_growth(times, f"{label}, {fmt.upper()} (in-process)"))
    return out


def _lsp_series(lsp: dict[str, Any] | None) -> dict[tuple[str, str], dict[int, float]]:
    """(format, edit kind) -> routes -> median latency in seconds, for the generated inputs."""
    series: dict[tuple[str, str], dict[int, float]] = {}
    if not lsp or "error" in lsp:
        return series
    for result in lsp["json"]["results"]:
        item = result["input"]
        if not item["group"].startswith("routes-") or result.get("error"):
            continue
        for one in result["series"]:
            if one["latencies_ms"]:
                median_s = statistics.median(one["latencies_ms"]) / 1000
                series.setdefault((item["fmt"], one["edit"]), {})[item["routes"]] = median_s
    return series


def lsp_scaling(lsp: dict[str, Any] | None) -> list[Verdict]:
    series = _lsp_series(lsp)
    if not series:
        return [verdict("language server: 10x the routes costs at most 12x the latency", None, "no LSP run")]
    return [_growth(times, f"language server, {fmt.upper()}, {edit} edits") for (fmt, edit), times in sorted(series.items())]


def memory(files: list[dict[str, Any]]) -> Verdict:
    name = f"peak RSS for {MEMORY_ROUTES:,} routes under {MEMORY_MB:g} MB (check and build)"
    peaks = [
        (f"{record['name']} {tool}", record["tools"][tool]["peak_mb"])
        for record in files
        if record["routes"] == MEMORY_ROUTES and record["name"].startswith("routes-")
        for tool in ("routec", "routec build")
        if record["tools"].get(tool, {}).get("peak_mb")
    ]
    if not peaks:
        return verdict(name, None, f"no {MEMORY_ROUTES:,}-route file measured")
    detail = "; ".join(f"{label} {peak:.0f} MB" for label, peak in peaks)
    return verdict(name, all(peak < MEMORY_MB for _, peak in peaks), detail)


def lsp_latency(lsp: dict[str, Any] | None) -> list[Verdict]:
    if not lsp or "error" in lsp:
        return [verdict("language server latency", None, "no LSP run")]
    out = []
    for budget in lsp["json"]["verdicts"]:
        name = f"language server: median didChange -> diagnostics under {budget['median_ms']:g} ms, {budget['name']}"
        cells = "; ".join(f"{file} {edit} {median:.1f} ms" for file, edit, median in budget["cells"] if median is not None)
        holds = None if budget["status"] == "not measured" else budget["status"] == "holds"
        out.append(verdict(name, holds, cells))
    return out


def budget_lines(verdicts: list[Verdict]) -> list[str]:
    lines = ["| budget | verdict | measured |", "|---|---|---|"]
    lines += [f"| {v['budget']} | **{v['status']}** | {v['detail']} |" for v in verdicts]
    failing = [v for v in verdicts if v["status"] != "holds"]
    summary = "Every budget holds in this run." if not failing else f"{len(failing)} of {len(verdicts)} budgets do not hold in this run."
    return [*lines, "", summary]
