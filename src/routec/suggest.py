"""Did-you-mean: the closest known names to a mistyped one.

The names within one edit of a word are found without comparing the word
with every name. A few questions are answered by spelling out every string
one edit away from the word (over the vocabulary's alphabet) and looking each
up; that costs the same among 10 names as among 50,000, so an editor asking
about one typo in a large config does not pay for the whole vocabulary. Once
the questions have cost as much as indexing the vocabulary would, the
vocabulary is indexed by its single-character deletions and every further
question is a handful of lookups. Both ways find exactly the names within one
edit. Only when nothing is that close does a bounded Damerau-Levenshtein pass
over names of similar length look for those within two edits, and that pass
has a fixed budget per vocabulary. Everything is linear in the names and the
questions.
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


def one_edit_away(word: str, alphabet: Iterable[str]) -> set[str]:
    """Every string within one edit of ``word``: itself, deletions, adjacent transpositions, substitutions and
    insertions of a character from ``alphabet``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {word}
    variants.update(head + tail[1:] for head, tail in splits if tail)
    variants.update(head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1)
    for char in alphabet:
        variants.update(head + char + tail[1:] for head, tail in splits if tail)
        variants.update(head + char + tail for head, tail in splits)
    return variants


class Suggester:
    """Suggests names from a fixed vocabulary."""

    # Comparisons one vocabulary may spend on two-edit scans, summed over every
    # word it is asked about. A config with thousands of mistyped references
    # would otherwise cost names x references; past the budget only the
    # constant-time one-edit lookup runs, so checking stays linear.
    SCAN_BUDGET = 20_000
    # Strings one vocabulary may spell out per character of its names before it builds the deletion index,
    # whose cost is about one entry per character.
    LOOKUPS_PER_INDEX_ENTRY = 1

    def __init__(self, names: Iterable[str]) -> None:
        self._names = names if isinstance(names, (set, frozenset)) else set(names)
        self._cased: dict[str, list[str]] | None = None
        self._alphabet: frozenset[str] = frozenset()
        self._lookups_left = 0  # strings spelled out before indexing becomes the cheaper way
        self._by_deletion: dict[str, set[str]] | None = None
        self._by_length: dict[int, list[str]] | None = None
        self._budget = self.SCAN_BUDGET
        self._answers: dict[tuple[str, int], list[str]] = {}

    def _names_folding_to(self, folded: str) -> list[str]:
        """The names that are ``folded`` once lowercased."""
        if self._cased is None:
            self._fold()
        assert self._cased is not None
        same = [folded] if folded in self._names else []
        return same + self._cased.get(folded, [])

    def _fold(self) -> None:
        """One pass over the names: those with capitals by their lowercase form, the alphabet, the cost of an index."""
        cased: dict[str, list[str]] = {}
        alphabet: set[str] = set()
        size = 0
        for name in self._names:
            folded = name.lower()
            alphabet.update(folded)
            size += len(folded) + 1
            if folded != name:
                cased.setdefault(folded, []).append(name)
        self._cased, self._alphabet = cased, frozenset(alphabet)
        self._lookups_left = size * self.LOOKUPS_PER_INDEX_ENTRY

    def _within_one_edit(self, folded: str) -> set[str]:
        if self._cased is None:
            self._fold()
        if self._by_deletion is None:
            cost = (2 * len(folded) + 1) * (len(self._alphabet) + 1)
            if cost <= self._lookups_left:
                self._lookups_left -= cost
                return {name for variant in one_edit_away(folded, self._alphabet) for name in self._names_folding_to(variant)}
            self._by_deletion = self._index()
        candidates = {name for variant in _deletions(folded) for name in self._by_deletion.get(variant, ())}
        # Sharing a deletion also pairs some names two edits apart ("xab", "abx"): keep what one edit reaches.
        return {name for name in candidates if edit_distance(folded, name.lower(), 1) <= 1}

    def _index(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = {}
        for name in self._names:
            for variant in _deletions(name.lower()):
                index.setdefault(variant, set()).add(name)
        return index

    def _similar_lengths(self, length: int, spread: int) -> list[str]:
        if self._by_length is None:
            self._by_length = {}
            for name in self._names:
                self._by_length.setdefault(len(name), []).append(name)
        return [name for size in range(length - spread, length + spread + 1) for name in self._by_length.get(size, ())]

    def _candidates(self, word: str, folded: str, max_distance: int) -> set[str]:
        candidates = self._within_one_edit(folded)
        if max_distance > 1 and not candidates - {word}:
            nearby = self._similar_lengths(len(folded), max_distance)
            if len(nearby) <= self._budget:
                self._budget -= len(nearby)
                candidates.update(nearby)
        return candidates

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` names closest to ``word``, best first."""
        if not word or not self._names:
            return []
        if (word, limit) not in self._answers:
            self._answers[word, limit] = self._suggest(word, limit)
        return self._answers[word, limit]

    def _suggest(self, word: str, limit: int) -> list[str]:
        folded = word.lower()
        differently_cased = sorted(name for name in self._names_folding_to(folded) if name != word)
        if differently_cased:
            return differently_cased[:1]
        max_distance = max(1, len(word) // 3)
        scored = []
        for name in self._candidates(word, folded, max_distance):
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
