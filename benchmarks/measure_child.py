"""Run one command; print its wall time (s), peak RSS (KiB) and exit code.

Usage: python -I -S benchmarks/measure_child.py LOG COMMAND [ARG...]

Why a separate, tiny process: the ru_maxrss that wait4 reports for a child
is at least the peak RSS of the address space it was spawned from (Linux
folds the old address space's high-water mark into the process at exec).
Spawned straight from the benchmark runner, every tool would seem to use at
least as much memory as the runner. This launcher imports nothing beyond
builtins (run it with -I -S), so that floor stays at a few MiB, below any
Python program's own peak, and wait4's figure is the tool's own.

The command's standard output and error go to LOG; standard input is empty.
"""

import os
import sys
import time


def main() -> None:
    log, argv = sys.argv[1], sys.argv[2:]
    output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    empty = os.open(os.devnull, os.O_RDONLY)
    actions = [(os.POSIX_SPAWN_DUP2, empty, 0), (os.POSIX_SPAWN_DUP2, output, 1), (os.POSIX_SPAWN_DUP2, output, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    maxrss_kb = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    print(f"{wall!r} {maxrss_kb} {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    main()
