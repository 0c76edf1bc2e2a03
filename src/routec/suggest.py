"""Did-you-mean: the closest known names to a mistyped one.

An index of names by their single-character deletions finds every name within
one edit in constant time, however many names there are. Only when nothing is
that close does a bounded Damerau-Levenshtein pass over names of similar length
look for those within two edits, and that pass has a fixed budget per
vocabulary. Building the index is linear, and it is built only when a name is
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

    # Comparisons one vocabulary may spend on two-edit scans, summed over every
    # word it is asked about. A config with thousands of mistyped references
    # would otherwise cost names x references; past the budget only the
    # constant-time one-edit lookup runs, so checking stays linear.
    SCAN_BUDGET = 20_000

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        self._by_deletion: dict[str, set[str]] | None = None
        self._by_length: dict[int, list[str]] | None = None
        self._folded = {name.lower(): name for name in self.names}
        self._budget = self.SCAN_BUDGET
        self._answers: dict[tuple[str, int], list[str]] = {}

    def _index(self) -> dict[str, set[str]]:
        if self._by_deletion is None:
            index: dict[str, set[str]] = {}
            for name in self.names:
                for variant in _deletions(name.lower()):
                    index.setdefault(variant, set()).add(name)
            self._by_deletion = index
        return self._by_deletion

    def _similar_lengths(self, length: int, spread: int) -> list[str]:
        if self._by_length is None:
            self._by_length = {}
            for name in self.names:
                self._by_length.setdefault(len(name), []).append(name)
        return [name for size in range(length - spread, length + spread + 1) for name in self._by_length.get(size, ())]

    def _candidates(self, folded: str, max_distance: int) -> set[str]:
        index = self._index()
        candidates: set[str] = set()
        for variant in _deletions(folded):
            candidates.update(index.get(variant, ()))
        if max_distance > 1 and not candidates - {self._folded.get(folded)}:
            nearby = self._similar_lengths(len(folded), max_distance)
            if len(nearby) <= self._budget:
                self._budget -= len(nearby)
                candidates.update(nearby)
        return candidates

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` names closest to ``word``, best first."""
        if not word or not self.names:
            return []
        if (word, limit) not in self._answers:
            self._answers[word, limit] = self._suggest(word, limit)
        return self._answers[word, limit]

    def _suggest(self, word: str, limit: int) -> list[str]:
        folded = word.lower()
        if folded in self._folded and self._folded[folded] != word:
            return [self._folded[folded]]
        max_distance = max(1, len(word) // 3)
        scored = []
        for name in self._candidates(folded, max_distance):
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
