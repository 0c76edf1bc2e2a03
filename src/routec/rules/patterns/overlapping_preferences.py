from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...ir import Preference
from ..base import Context, Rule, advice, quoted_list
from .common import text_of, unique_preferences
from .words import content_words, stem

# Jaccard similarity of two descriptions' word stems at or above which they overlap.
THRESHOLD = 0.6


def stemmed(text: str) -> dict[str, str]:
    """Each content word's stem, and the word as first written, in order."""
    found: dict[str, str] = {}
    for word in content_words(text):
        found.setdefault(stem(word), word)
    return found


class OverlappingPreferences(Rule):
    """
    ## What it does
    Reports two preferences whose descriptions say mostly the same thing: the
    Jaccard similarity of their sets of content words (function words
    removed, each word stemmed) is 0.6 or more, that is, at least 60% of the
    distinct words of the two together are in both. Reported at the later
    preference. Preferences that go to the same routes are not compared.

    ## Why is this bad?
    Plano's best practice: make descriptions "specific, unambiguous, and
    minimizing overlap between routes. The Router performs better when it
    can clearly distinguish between different types of requests." With two
    near-identical descriptions, which model answers is a coin toss.

    ## Example
    ```yaml
    routes:
      coder: {model: "anthropic:claude-sonnet-4-6"}
      fast: {model: "openai:gpt-4o-mini"}
    preferences:
      - name: programming
        kind: domain
        description: programming languages, code snippets and libraries
        route: coder
      - name: code snippets
        kind: domain
        description: short code snippets, programming languages and libraries
        route: fast
    ```

    ## Fix
    Say what sets each apart (the language, the size of the task, the
    domain), or merge them into one preference.
    """

    code = "RC411"
    name = "overlapping-preferences"
    severity = Severity.WARNING
    summary = "Two preferences' descriptions overlap heavily."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        entries = [
            (preference, routes, stemmed(text))
            for preference, routes in unique_preferences(config)
            if (text := text_of(preference.description)) is not None
        ]
        by_stem: dict[str, list[int]] = {}
        for index, (_, _, stems) in enumerate(entries):
            for item in stems:
                by_stem.setdefault(item, []).append(index)
        for index, (preference, routes, stems) in enumerate(entries):
            shared: dict[int, int] = {}  # earlier preference -> stems in common
            for item in stems:
                for other in by_stem[item]:
                    if other < index:
                        shared[other] = shared.get(other, 0) + 1
            for other, common in sorted(shared.items()):
                earlier, earlier_routes, earlier_stems = entries[other]
                similarity = common / len(stems.keys() | earlier_stems.keys())
                if similarity >= THRESHOLD and (routes != earlier_routes or not routes):
                    words = [word for item, word in stems.items() if item in earlier_stems]
                    yield self.diagnose(ctx, preference, earlier, words, similarity)
                    break

    def diagnose(
        self, ctx: Context, preference: Preference, earlier: Preference, common: list[str], similarity: float
    ) -> Diagnostic:
        assert preference.description is not None and earlier.description is not None
        message = (
            f"the description of preference '{preference.name.value}' overlaps that of '{earlier.name.value}': "
            f"{round(similarity * 100)}% of their words are shared ({quoted_list(common, 6)})"
        )
        related = [
            Related(earlier.description.start, earlier.description.end, f"the description of '{earlier.name.value}'")
        ]
        fix = advice("say what sets the two apart, or merge them into one preference")
        return self.at(ctx, preference.description, message, related=related, fix=fix)
