"""Paths as a CI service links them: relative to the checked-out repository.

GitLab's Code Quality, GitHub's annotations and code scanning all read a
relative path as relative to the repository, wherever routec ran. So paths
are made relative to the CI job's checkout (the variable each service sets),
else to the git work tree around the current directory, else to it; a file
outside that root keeps the path it was given.
"""

from __future__ import annotations

import os


def checkout_root(variable: str) -> str:
    """The CI job's checkout ($variable), else the git work tree we are in, else here."""
    here = os.getcwd()
    if os.environ.get(variable):
        return os.path.abspath(os.environ[variable])
    directory = here
    while not os.path.exists(os.path.join(directory, ".git")):  # a directory, or a file in a worktree
        parent = os.path.dirname(directory)
        if parent == directory:
            return here
        directory = parent
    return directory


def report_path(path: str, root: str) -> str:
    """Relative to the repository root when the file is beneath it, with forward slashes."""
    if path != "-" and not path.startswith("<"):  # standard input has no place in the repository
        for resolve in (os.path.abspath, os.path.realpath):  # by the path given, then through symlinks
            try:
                relative = os.path.relpath(resolve(path), resolve(root))
            except ValueError:  # another drive, on Windows
                break
            if relative != ".." and not relative.startswith(".." + os.sep) and not os.path.isabs(relative):
                path = relative
                break
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path
