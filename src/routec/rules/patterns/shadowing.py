"""Which rules another rule always beats (RC401), from indexes of keywords, regexes and intents.

Matching is src/routec/routing.py's: highest priority, then longest match,
then file order. Rule B is *shadowed* by rule A when, for every request B
matches, A matches too and wins:

* keyword rules: for each keyword of B, either A has the same keyword and A
  wins ties (higher priority, or the same priority and earlier in the file:
  A's longest keyword found is then at least as long as B's), or A has
  higher priority and a keyword made of whole words of B's keyword
  (`learning` in `machine learning`: wherever the phrase is, the word is);
* regex rules: A has the same regular expression (which compiles) and wins ties;
* intent rules: every intent label of B is one of A's, and A wins ties.

Candidates come from dictionaries of keywords (each run of whole words of
a phrase looked up too), regexes and intents: only the rules that have the
rule's rarest pattern, best first, until one covers every pattern. The work
grows with the number of patterns and candidates tried, not with pairs of
rules.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from typing import NamedTuple

from ...ir import Config, Matcher
from ...routing import REGEX_FLAGS, normalise_keyword
from ...syntax import Scalar
from .common import priority


class Shadow(NamedTuple):
    by: int  # the rule that always wins, by position in config.matchers
    pairs: list[tuple[str, str]]  # keyword rules: each keyword of the shadowed rule and the winner's keyword it meets


class Analysis(NamedTuple):
    keywords: list[dict[str, Scalar]]  # per rule: its normalised keywords, each where first written
    by_keyword: dict[str, list[int]]  # keyword -> the keyword rules that have it, in file order
    shadowed: dict[int, Shadow]


def keywords_of(matcher: Matcher) -> dict[str, Scalar]:
    found: dict[str, Scalar] = {}
    if matcher.kind == "keyword":
        for scalar in matcher.patterns:
            keyword = normalise_keyword(str(scalar.value))
            if keyword:
                found.setdefault(keyword, scalar)
    return found


def runs(keyword: str) -> list[str]:
    """The keyword, then every shorter run of its whole words, longest first."""
    parts = keyword.split(" ")
    found = [keyword]
    for size in range(len(parts) - 1, 0, -1):
        found += [" ".join(parts[start : start + size]) for start in range(len(parts) - size + 1)]
    return found


def analyse(config: Config) -> Analysis:
    matchers = config.matchers
    keywords = [keywords_of(matcher) for matcher in matchers]
    by_keyword: dict[str, list[int]] = {}
    for order, found in enumerate(keywords):
        for keyword in found:
            by_keyword.setdefault(keyword, []).append(order)
    labels = [set(_labels(matcher)) for matcher in matchers]
    by_label: dict[str, list[int]] = {}  # "kind:regex or intent" -> rules, in file order
    for order, matcher in enumerate(matchers):
        for label in sorted(labels[order]):
            by_label.setdefault(f"{matcher.kind}:{label}", []).append(order)
    rank = Ranking(matchers)
    shadowed: dict[int, Shadow] = {}
    for order, matcher in enumerate(matchers):
        if matcher.kind == "keyword":
            shadow = _keyword_shadow(order, rank, keywords, by_keyword)
        else:
            shadow = _exact_shadow(order, rank, labels, by_label)
        if shadow is not None:
            shadowed[order] = shadow
    return Analysis(keywords, by_keyword, shadowed)


class Ranking:
    """Rules in the order they win ties (highest priority, then file order), and index lists sorted so."""

    def __init__(self, matchers: list[Matcher]) -> None:
        self.matchers = matchers
        self._sorted: dict[str, list[int]] = {}

    def key(self, order: int) -> tuple[int, int]:
        return (-priority(self.matchers[order]), order)

    def ranked(self, index: dict[str, list[int]], pattern: str) -> list[int]:
        """The rules listed for a pattern, best first (sorted once per pattern and index)."""
        key = f"{id(index)}:{pattern}"
        found = self._sorted.get(key)
        if found is None:
            found = self._sorted[key] = sorted(index.get(pattern, ()), key=self.key)
        return found

    def candidates(self, index: dict[str, list[int]], patterns: list[str], order: int) -> Iterator[int]:
        """Rules that could win every tie against `order`, best first; the rest (and itself) are cut off."""
        limit = self.key(order)
        seen: set[int] = set()
        lists = [self.ranked(index, pattern) for pattern in patterns]
        for other in heapq.merge(*lists, key=self.key):
            if self.key(other) >= limit:
                return  # from here on: itself, later rules of its priority, and lower priorities
            if other not in seen:
                seen.add(other)
                yield other


def _keyword_shadow(
    order: int, rank: Ranking, keywords: list[dict[str, Scalar]], by_keyword: dict[str, list[int]]
) -> Shadow | None:
    """The best rule that beats this keyword rule on every request it matches, or None.

    Candidates are the rules that have its rarest keyword (or, with a higher
    priority, a run of that keyword's words), best first; the first one that
    wins over every keyword is the answer.
    """
    own = keywords[order]
    if not own:
        return None
    phrases = {keyword: runs(keyword) for keyword in own}
    rarest = min(own, key=lambda keyword: sum(len(by_keyword.get(run, ())) for run in phrases[keyword]))
    for other in rank.candidates(by_keyword, phrases[rarest], order):
        pairs = _covered(order, other, rank.matchers, keywords[other], phrases)
        if pairs is not None:
            return Shadow(other, pairs)
    return None


def _covered(
    order: int, other: int, matchers: list[Matcher], theirs: dict[str, Scalar], phrases: dict[str, list[str]]
) -> list[tuple[str, str]] | None:
    """For each keyword of rule `order`, the keyword of `other` that wins over it; None if one has none."""
    higher = priority(matchers[other]) > priority(matchers[order])
    pairs: list[tuple[str, str]] = []
    for keyword, candidates in phrases.items():
        if higher:
            found = next((run for run in candidates if run in theirs), None)
        else:
            found = keyword if keyword in theirs else None
        if found is None:
            return None
        pairs.append((keyword, found))
    return pairs


def _exact_shadow(order: int, rank: Ranking, labels: list[set[str]], by_label: dict[str, list[int]]) -> Shadow | None:
    """The best regex or intent rule that has every pattern of this one and wins ties, or None."""
    own = labels[order]
    if not own:
        return None
    kind = rank.matchers[order].kind
    rarest = min(own, key=lambda label: len(by_label[f"{kind}:{label}"]))
    for other in rank.candidates(by_label, [f"{kind}:{rarest}"], order):
        if own <= labels[other]:
            return Shadow(other, [])
    return None


def _labels(matcher: Matcher) -> list[str]:
    """What a regex or intent rule matches on: its regex (when it compiles), or its intent labels."""
    values = [str(scalar.value) for scalar in matcher.patterns]
    if matcher.kind == "keyword":
        return []
    if matcher.kind != "regex":
        return values
    if not values:
        return []
    try:
        re.compile(values[0], REGEX_FLAGS)
    except re.error:
        return []  # RC408's
    return values[:1]  # routing reads a regex rule's first pattern
