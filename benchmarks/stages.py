"""Where the time of one check goes: each stage of the pipeline timed on its own.

Runs the same steps as ``routec.check.check_text`` (parse, lower, scan for
secrets, each rule) one at a time on a generated config, with the cyclic GC
paused as the real check does, and prints the median of several runs per
stage with its share of the total. A measurement for finding what to optimise,
not a test.

Usage: python benchmarks/stages.py [--routes 10000] [--format yaml] [--repeat 5] [--top 8]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable

from generate import FORMATS, generate

from routec import dialects
from routec.check import FileReport, _run, check_text
from routec.ir import Config, string_scalars
from routec.rules import RULES, Context, Options
from routec.secrets import find_secrets
from routec.syntax import Document, parse
from routec.syntax.source import Source


def timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def stages(text: str, fmt: str) -> dict[str, float]:
    """Seconds per stage for one check of ``text``."""
    times: dict[str, float] = {}
    gc.disable()
    try:
        times["parse"], document = timed(lambda: parse(Source(f"bench.{fmt}", text), fmt))
        assert isinstance(document, Document)
        times["lower (with schema validation)"], config = timed(lambda: dialects.lower(document, None, None))
        assert isinstance(config, Config)
        strings = list(string_scalars(document))
        times["secret scan"], secrets = timed(lambda: find_secrets(document, config, strings))
        context = Context(document, config, Options(), secrets, strings)
        report = FileReport(document, config, secrets)
        for rule in RULES:
            if not rule.dialects or config.dialect in rule.dialects:
                times[f"rule {rule.code} {rule.name}"], _ = timed(lambda: _run(rule, context, report))
    finally:
        gc.enable()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--routes", type=int, default=10_000)
    parser.add_argument("--format", choices=FORMATS, default="yaml")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=8, help="stages to list; the rest are summed")
    args = parser.parse_args(argv)
    text = generate(args.routes, args.format)
    check_text(text, f"bench.{args.format}")  # warm-up: lazy imports, first-call costs
    runs = [stages(text, args.format) for _ in range(args.repeat)]
    median = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    total = sum(median.values())
    rules = sum(seconds for name, seconds in median.items() if name.startswith("rule "))
    print(f"{args.routes:,} routes of {args.format.upper()}: {total * 1000:.0f} ms in all (median of {args.repeat})")
    ranked = sorted(median.items(), key=lambda item: -item[1])
    for name, seconds in ranked[: args.top]:
        print(f"  {name:<45} {seconds * 1000:7.0f} ms  {seconds / total:4.0%}")
    rest = sum(seconds for _, seconds in ranked[args.top :])
    print(f"  {'everything else':<45} {rest * 1000:7.0f} ms  {rest / total:4.0%}")
    print(f"  {'(all rules together)':<45} {rules * 1000:7.0f} ms  {rules / total:4.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
