"""Did-you-mean: the closest known names to a mistyped one.

An index of names by their single-character deletions finds every name within
one edit in constant time, however many names there are; a bounded
Damerau-Levenshtein pass over names of similar length finds those within two
edits. Building the index is linear, and it is built only when a name is
actually unknown.
"""

from __future__ import annotations

from collections.abc import Iterable


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, or ``limit + 1`` once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


class Suggester:
    """Suggests names from a fixed vocabulary."""

    # Above this many names, only the constant-time one-edit lookup runs.
    FULL_SCAN_LIMIT = 2000

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        self._by_deletion: dict[str, set[str]] | None = None
        self._folded = {name.lower(): name for name in self.names}

    def _index(self) -> dict[str, set[str]]:
        if self._by_deletion is None:
            index: dict[str, set[str]] = {}
            for name in self.names:
                for variant in _deletions(name.lower()):
                    index.setdefault(variant, set()).add(name)
            self._by_deletion = index
        return self._by_deletion

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` names closest to ``word``, best first."""
        if not word or not self.names:
            return []
        folded = word.lower()
        if folded in self._folded and self._folded[folded] != word:
            return [self._folded[folded]]
        candidates: set[str] = set()
        index = self._index()
        for variant in _deletions(folded):
            candidates.update(index.get(variant, ()))
        if len(self.names) <= self.FULL_SCAN_LIMIT:
            candidates.update(self.names)
        max_distance = max(1, len(word) // 3)
        scored = []
        for name in candidates:
            if name == word:
                continue
            distance = edit_distance(folded, name.lower(), max_distance)
            if distance <= max_distance:
                scored.append((distance, name))
        scored.sort()
        return [name for _, name in scored[:limit]]

    def best(self, word: str) -> str | None:
        found = self.suggest(word, 1)
        return found[0] if found else None


def suggest(word: str, names: Iterable[str], limit: int = 3) -> list[str]:
    return Suggester(names).suggest(word, limit)
