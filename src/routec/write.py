"""Writing artifacts safely: all or nothing, only inside the output directory.

Each file is written to a temporary file beside it and renamed over the old
one, so a crash leaves either the old complete file or the new complete one.
A file whose content would not change is not touched (its mtime stays), so
build tools that watch timestamps see no change either.
"""

from __future__ import annotations

import os
import tempfile


class OutputError(Exception):
    """An output name or directory routec refuses to write to."""


def output_path(out_dir: str, name: str) -> str:
    """The path for an artifact, refusing anything that could land outside ``out_dir``."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or os.path.isabs(name) or "\0" in name:
        raise OutputError(f"output name {name!r} must be a plain file name, without directories")
    path = os.path.join(out_dir, name)
    if os.path.islink(path):
        raise OutputError(f"{path} is a symbolic link; routec does not write through links")
    if os.path.realpath(os.path.dirname(path)) != os.path.realpath(out_dir):
        raise OutputError(f"{path} would be written outside {out_dir}")
    return path


def _remove_leftovers(directory: str, name: str) -> None:
    """Temporary files a killed earlier run left behind for this artifact."""
    prefix = "." + name + "."
    try:
        entries = os.listdir(directory)
    except OSError:
        return
    for entry in entries:
        if entry.startswith(prefix) and entry.endswith(".tmp"):
            try:
                os.unlink(os.path.join(directory, entry))
            except OSError:
                pass


def current(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None


def write_if_changed(path: str, content: bytes) -> bool:
    """Write ``content`` atomically unless the file already holds it; True if written."""
    directory = os.path.dirname(path) or "."
    _remove_leftovers(directory, os.path.basename(path))
    if current(path) == content:
        return False
    handle, temporary = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True
