"""Coverage-guided fuzzing of routec with atheris (libFuzzer for Python).

    python fuzz/fuzz_routec.py --make-corpus DIR     # one input per seed: each seed as it is
    python fuzz/fuzz_routec.py [libFuzzer options] DIR [DIR...]
    python fuzz/fuzz_routec.py --show crash-FILE     # the case an input makes, as a regression file

Each input picks a seed (every example and test config, and the regression
cases in fuzz/regressions/), mutates it byte by byte or by its structure,
picks a file name and a dialect, and runs check, the reporters, the fixes and
the language server on it (fuzz/harness.py states the properties). A broken
property or any exception is a crash: libFuzzer writes the input to a
`crash-*` file.
"""

from __future__ import annotations

import pkgutil
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

harness: Any = None
seeds: Any = None


def setup(instrument: bool) -> None:
    """Import routec (instrumented for coverage when fuzzing) and read the seeds."""
    global harness, seeds
    if instrument:
        with atheris.instrument_imports(include=["routec"]):
            import routec

            # Every module now, so that those imported on use (reporters, the server) are instrumented too.
            for module in pkgutil.walk_packages(routec.__path__, "routec."):
                if not module.name.endswith("__main__"):
                    import_module(module.name)
    from fuzz import harness as loaded

    harness = loaded
    seeds = harness.Seeds(harness.load_seeds())


def case_of(data: bytes) -> Any:
    return harness.plan(harness.FdpChooser(atheris.FuzzedDataProvider(data)), seeds)


def test_one_input(data: bytes) -> None:
    harness.exercise(case_of(data))


def seed_input(index: int) -> bytes:
    """An input that replays seed ``index`` unchanged (the provider reads integers from the end)."""
    for data in (bytes([index & 0xFF]), bytes([index & 0xFF, index >> 8])):
        if atheris.FuzzedDataProvider(data).ConsumeIntInRange(0, len(seeds.cases) - 1) == index:
            assert case_of(data) == seeds.cases[index]
            return data
    raise AssertionError(f"no input replays seed {index}")


def make_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(len(seeds.cases)):
        (folder / f"seed-{index:04d}").write_bytes(seed_input(index))
    print(f"wrote {len(seeds.cases)} seed inputs to {folder}")


def main(argv: list[str]) -> None:
    if len(argv) == 3 and argv[1] in ("--make-corpus", "--show"):
        setup(instrument=False)
        if argv[1] == "--make-corpus":
            make_corpus(Path(argv[2]))
        else:
            print(case_of(Path(argv[2]).read_bytes()).to_json(), end="")
        return
    setup(instrument=True)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
