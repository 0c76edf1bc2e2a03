"""Builds are all or nothing: SIGKILL `routec build` at random moments, 100 times in a row;
every artifact on disk is always the old complete file or the new complete file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from routec.build import build

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402  (the benchmark's config generator)

TARGETS = ("table", "python", "typescript")
NAMES = {"table": "routing_table.json", "python": "routes.py", "typescript": "routes.ts"}


def test_killed_builds_leave_old_or_new_files_only(tmp_path: Path) -> None:
    configs = []
    for index, routes in enumerate((1500, 1600)):
        config = tmp_path / f"config-{index}.yaml"
        config.write_text(generate(routes, "yaml"))
        artifacts = build(config.read_bytes(), config.name, TARGETS).artifacts
        configs.append((config, {NAMES[t]: artifacts[t].encode() for t in TARGETS}))
    out = tmp_path / "out"
    # Both configs share a file name in the table ("config-N.yaml" differs), so every file differs between them.
    allowed = {name: {contents[name] for _, contents in configs} for name in NAMES.values()}
    generator = random.Random(11)
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "routec", "build", str(configs[0][0]), "--out", str(out)], check=True)
    full = time.monotonic() - start
    kills = 0
    for _ in range(100):
        config, _ = configs[generator.randrange(2)]
        process = subprocess.Popen([sys.executable, "-m", "routec", "build", str(config), "--out", str(out)])
        time.sleep(generator.uniform(0, full * 1.2))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        for name in NAMES.values():
            assert (out / name).read_bytes() in allowed[name], f"{name} is neither the old nor the new file"
        leftovers = [entry for entry in os.listdir(out) if entry.endswith(".tmp")]
        assert len(leftovers) <= len(NAMES)  # at most one per artifact, and the next run removes it
    assert kills >= 50, f"only {kills} of 100 runs were killed mid-build: the delays are too long"
    subprocess.run([sys.executable, "-m", "routec", "build", str(configs[0][0]), "--out", str(out)], check=True)
    assert sorted(os.listdir(out)) == sorted(NAMES.values())  # a clean run clears what killed runs left
