"""In-process timings: routec's check next to the bare parser it competes with.

Run by benchmarks/run.py in a fresh interpreter of its own, so the parsed
trees (hundreds of MB for json5.loads) never inflate the runner's memory,
which would otherwise leak into the child peak-RSS figures (see run.py).
Prints one JSON object on standard output.

- YAML: ruamel.yaml's C composer alone (the least any YAML-based linter must
  do) vs routec's ``check_text`` (parse, lower, run every rule).
- JSON5: the reference ``json5.loads`` (pure Python, slow: timed once) vs
  ``check_text``.

- Scaling (``--scale FILE``, repeatable): ``check_text`` and ``build`` (all
  three artifacts, rendered in memory) on each file, so run.py can compare
  the cost per route across sizes. A slow file gets fewer runs (--scale-budget).

Usage: python benchmarks/inprocess.py --yaml FILE --json5 FILE --repeat 5 [--scale FILE ...]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

Timing = dict[str, Any]


def timed(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, Timing]:
    """Median and raw wall times of each action, run interleaved; or the error one raised.

    Interleaving (a, b, a, b, ...) spreads machine noise over both alike,
    as run.py does for the command-line tools.
    """
    times: dict[str, list[float]] = {name: [] for name in actions}
    errors: dict[str, Timing] = {}
    for _ in range(runs):
        for name, action in actions.items():
            if name not in errors:
                try:
                    times[name].append(_time_once(action))
                except Exception as error:  # an unfinished parser must not stop the benchmark
                    message = f"{type(error).__name__}: {error}"
                    errors[name] = {"error": message, "traceback": traceback.format_exc(limit=-3)}
    result: dict[str, Timing] = {}
    for name, runs_s in times.items():
        timing: Timing = {"times_s": runs_s}
        if name in errors:
            timing.update(errors[name])
        else:
            timing["median_s"] = statistics.median(runs_s)
        result[name] = timing
    return result


def _time_once(action: Callable[[], object]) -> float:
    # Start each run from the same heap: results kept alive from the previous
    # run would make the cyclic GC slower on this one.
    gc.collect()
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def ratio(numerator: Timing, denominator: Timing) -> float | None:
    if "median_s" not in numerator or "median_s" not in denominator:
        return None
    return float(numerator["median_s"]) / float(denominator["median_s"])


def clean_check(text: str, path: str) -> Callable[[], object]:
    """check_text as a callable that also fails loudly if the file is not clean."""
    from routec.check import check_text

    def run() -> object:
        report = check_text(text, path)
        if report.diagnostics or report.internal_errors:
            raise RuntimeError(f"expected a clean check, got {len(report.diagnostics)} diagnostics")
        return report

    return run


def warm_up(fmt: str) -> None:
    # First calls pay for lazy imports (rules, dialects, the reader); time the
    # steady state, which is what an editor or a CI job with many files sees.
    from generate import generate

    from routec.check import check_text

    check_text(generate(10, "yaml" if fmt == "yaml" else "json5"), f"warm.{fmt}")


def yaml_case(path: Path, repeat: int) -> dict[str, Any]:
    from ruamel.yaml import YAML

    text = path.read_text(encoding="utf-8")
    composer = YAML(typ="safe", pure=False)
    warm_up("yaml")
    actions = {"ruamel_compose": lambda: composer.compose(text), "routec_check_text": clean_check(text, "x.yaml")}
    result = timed(actions, repeat)
    return {"file": str(path), **result, "ratio": ratio(result["routec_check_text"], result["ruamel_compose"])}


def json5_case(path: Path, repeat: int) -> dict[str, Any]:
    import json5

    text = path.read_text(encoding="utf-8")
    try:
        warm_up("json5")
    except Exception:  # routec's JSON5 reader may be unfinished: timed() records the error
        pass
    check = timed({"routec_check_text": clean_check(text, "x.json5")}, repeat)["routec_check_text"]
    # json5.loads last and once (it takes many seconds): its large heap would
    # otherwise slow the cyclic GC during routec's runs.
    loads = timed({"json5_loads": lambda: json5.loads(text)}, 1)["json5_loads"]
    return {
        "file": str(path),
        "json5_version": getattr(json5, "__version__", "?"),
        "json5_loads": loads,
        "routec_check_text": check,
        "ratio": ratio(check, loads),
    }


def scale_case(path: Path, repeat: int, budget_s: float) -> dict[str, Any]:
    """Median check_text and build times of one file; fewer runs when one takes long."""
    from routec.build import build

    text = path.read_text(encoding="utf-8")
    data = text.encode()
    targets = ("table", "python", "typescript")
    actions: dict[str, Callable[[], object]] = {
        "check_text": clean_check(text, path.name),
        "build": lambda: build(data, path.name, targets).artifacts or _fail("build wrote nothing"),
    }
    first = timed(actions, 1)
    spent = sum(timing.get("median_s", 0.0) for timing in first.values())
    runs = max(0, min(repeat, int(budget_s // spent) if spent else repeat) - 1)
    more = timed(actions, runs) if runs else {name: {"times_s": []} for name in actions}
    result: dict[str, Any] = {"file": str(path), "bytes": len(data)}
    for name in actions:
        if "error" in first[name]:
            result[name] = first[name]
            continue
        times_s = first[name]["times_s"] + more[name]["times_s"]
        result[name] = {"times_s": times_s, "median_s": statistics.median(times_s)}
    return result


def _fail(message: str) -> object:
    raise RuntimeError(message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="In-process parser vs routec timings (JSON on stdout).")
    parser.add_argument("--yaml", type=Path, required=True)
    parser.add_argument("--json5", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=Path, action="append", default=[], help="a file for the scaling series")
    parser.add_argument("--scale-budget", type=float, default=30.0, help="seconds per scaling file")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"yaml": yaml_case(args.yaml, args.repeat), "json5": json5_case(args.json5, args.repeat)}
    warm_up("yaml")
    result["scaling"] = [scale_case(path, args.repeat, args.scale_budget) for path in args.scale]
    json.dump(result, sys.stdout, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
