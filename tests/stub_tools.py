"""Running generated stubs: a Python stub imported, TypeScript stubs compiled by tsc and run by node.

Shared by the routing vectors (which call select_route / selectRoute) and the
stub-data tests (which read ROUTES, RULES and AGENTS back out of the stubs).
"""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from types import ModuleType


def import_stub(source: str, path: Path) -> ModuleType:
    """Write a Python stub to ``path`` and import it as a module of its own."""
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# What a runner may use from node without @types/node.
NODE_DECLARATIONS = (
    'declare const require: (name: string) => { readFileSync(path: string, encoding: string): string };\n'
    "declare const process: { argv: string[] };\n"
)


def run_typescript(node_bin: Path, root: Path, programs: dict[str, tuple[str, str]], args: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Each program's routes.ts and run.ts (importing "./routes"), compiled by one `tsc --strict`, then run.js run by node.

    Returns each program's standard output; tsc or node failing fails the test.
    """
    for name, (routes, runner) in programs.items():
        folder = root / name
        folder.mkdir()
        (folder / "routes.ts").write_text(routes, encoding="utf-8")
        (folder / "run.ts").write_text(runner, encoding="utf-8")
    files = [str(root / name / file) for name in programs for file in ("routes.ts", "run.ts")]
    compiled = subprocess.run(
        [str(node_bin / "tsc"), "--strict", "--target", "es2022", "--module", "commonjs", "--outDir", str(root / "out"),
         "--rootDir", str(root), *files],
        capture_output=True,
        text=True,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    outputs: dict[str, str] = {}
    for name in programs:
        result = subprocess.run(
            ["node", str(root / "out" / name / "run.js"), *(args or {}).get(name, [])], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"
        outputs[name] = result.stdout
    return outputs
