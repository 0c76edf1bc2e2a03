"""`--against REF`: the old version of a file, read from git.

The path is taken relative to the root of the repository the file is in, and
read with `git cat-file` (the bytes as committed, no filters). A file that is
not in REF is reported as absent (the caller treats the whole new config as
added); a revision git does not know, no repository, or no git at all is a
usage error.
"""

from __future__ import annotations

import os
import subprocess
from typing import NamedTuple


class GitError(Exception):
    """Git cannot answer: no repository, an unknown revision, no git."""


class Version(NamedTuple):
    name: str  # REF:path, as git writes it
    data: bytes | None  # None: the file is not in REF


def read_at(ref: str, path: str) -> Version:
    if not ref or ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git revision")
    directory = os.path.dirname(os.path.abspath(path))
    found = _git(directory, "rev-parse", "--show-toplevel")
    if found is None:
        raise GitError(f"{path} is not in a git repository, so --against cannot read its old version")
    top = found.decode().strip()
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(top)).replace(os.sep, "/")
    if _git(directory, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
        raise GitError(f"unknown git revision '{ref}' (is it fetched? `git fetch` it, or name a branch, tag or commit)")
    name = f"{ref}:{relative}"
    if _git(top, "cat-file", "-e", name) is None:
        return Version(name, None)
    data = _git(top, "cat-file", "blob", name)
    if data is None:
        raise GitError(f"git cannot read {name}")
    return Version(name, data)


def _git(directory: str, *arguments: str) -> bytes | None:
    """Git's output, or None when it fails."""
    try:
        done = subprocess.run(["git", "-C", directory, *arguments], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed, so --against cannot read the old version") from None
    return done.stdout if done.returncode == 0 else None
