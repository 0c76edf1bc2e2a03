from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...routing import normalise_keyword
from ..base import Context, Rule, advice
from .common import keyword_routes

# Words most requests contain whatever they are for: English function words,
# and the generic words of a request to an assistant (the recipe's own example
# of a keyword that "matches everything" is `write`).
STOP_WORDS = frozenset(
    "a about all an and any are as at be but by can could did do does for from had has have he her his how i if in "
    "is it its just me more my no not of on or our she so some than that the their them then there these they this "
    "those to too us very was we were what when where which who why will with would yes you your".split()
)
REQUEST_WORDS = frozenset(
    "answer ask assist assistant get give help info information make need please query question "
    "request show task tell thanks thing use user want write".split()
)
# Shorter keywords are common words ("ok", "so") or abbreviations that turn up in unrelated requests ("ai", "pr").
MIN_LENGTH = 3


def broadness(keyword: str) -> str | None:
    """Why a keyword matches too much, or None when it is specific enough."""
    word = normalise_keyword(keyword)
    if not word:
        return "it is empty and names no use case"
    if word in STOP_WORDS:
        return "a common English word that most requests contain, whatever they are for"
    if word in REQUEST_WORDS:
        return "a word found in most requests to an assistant, whatever they are for"
    if len(word) < MIN_LENGTH:
        return f"keywords shorter than {MIN_LENGTH} characters match unrelated requests"
    return None


class BroadKeyword(Rule):
    """
    ## What it does
    Reports a TokenPak route keyword that matches too much: an English
    function word (`the`, `and`, `how`), a word found in most requests to an
    assistant (`help`, `please`, `write`, `question`), a keyword shorter than
    three characters, or an empty one. The lists are in
    `routec/rules/tokenpak/broad_keyword.py` and in docs/dialects/tokenpak.md.

    ## Why is this bad?
    TokenPak's recipe: "Keep keywords specific — overly broad terms match too
    much." A broad keyword pulls requests of every kind into its route, so
    the strong (or cheap) model of one use case serves all of them.

    ## Example
    ```yaml
    routing:
      routes:
        - name: support
          keywords: [help, refund]
          preferred_model: openai:gpt-4o-mini
          fallback_model: anthropic:claude-3-5-haiku-latest
        - name: default
          preferred_model: openai:gpt-4o-mini
          fallback_model: anthropic:claude-3-5-haiku-latest
    ```

    ## Fix
    Use words or phrases that only this use case's requests contain
    (`refund`, `order status`, `stack trace`), and match them on the system
    prompt rather than on the user's text.
    """

    code = "RC701"
    name = "broad-keyword"
    severity = Severity.WARNING
    summary = "A route keyword matches too many requests."
    dialects = ("tokenpak",)

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for entry in keyword_routes(ctx):
            for keyword in entry.keywords:
                reason = broadness(str(keyword.value))
                if reason is None:
                    continue
                message = f"keyword '{keyword.value}' of route {entry.label} is too broad: {reason}"
                fix = advice("use words or phrases only this use case's requests contain, or remove it")
                yield self.at(ctx, keyword, message, fix=fix)
