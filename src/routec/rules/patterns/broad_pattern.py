from __future__ import annotations

import re
from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...routing import REGEX_FLAGS, normalise_keyword
from ..base import Context, Rule, advice
from .common import covered, label
from .words import GREETING_WORDS, MIN_KEYWORD_LENGTH, REQUEST_WORDS, STOP_WORDS


def broadness(keyword: str) -> str | None:
    """Why a keyword matches too many requests, or None when it is specific enough."""
    parts = normalise_keyword(keyword).split()
    if not parts:
        return None  # an empty keyword is ignored (RC409)
    if all(part in STOP_WORDS for part in parts):
        return "it is made of common English words that most requests contain"
    if all(part in STOP_WORDS or part in GREETING_WORDS or part in REQUEST_WORDS for part in parts):
        return "it is made of words found in most requests to an assistant, whatever they are about"
    text = " ".join(parts)
    if text.isascii() and len(text) < MIN_KEYWORD_LENGTH:
        return f"a keyword shorter than {MIN_KEYWORD_LENGTH} characters turns up in unrelated requests"
    return None


def matches_everything(pattern: str) -> bool:
    """A regex that matches the empty text matches every request."""
    try:
        return re.compile(pattern, REGEX_FLAGS).search("") is not None
    except re.error:
        return False  # RC408's


class BroadPattern(Rule):
    """
    ## What it does
    Reports a rule keyword that matches far more requests than its route is
    for, and a regex that matches every request. A keyword is too broad when:

    * every word of it is an English function word (`the`, `and`, `how`,
      `what`, `with`, ...);
    * every word of it is a function word, a greeting (`hi`, `hello`,
      `thanks`, `ok`, ...) or a word of asking an assistant for anything
      (`help`, `please`, `question`, `explain`, `write`, `tell`, `need`, ...);
    * it is ASCII and shorter than 3 characters (`ai`, `go`, `ml`); words
      in other scripts are exempt from the length limit.

    A regex is too broad when it matches the empty text (`.*`, `a?`): it then
    matches every request. The word lists are in
    `routec/rules/patterns/words.py` and in docs/patterns.md. In TokenPak
    configs, RC701 reports broad keywords.

    ## Why is this bad?
    TokenPak's recipe: "Keep keywords specific — overly broad terms match too
    much." A broad keyword pulls requests of every kind into one route, and
    with its priority it outranks the rules meant for them.

    ## Example
    ```yaml
    routes:
      support: {model: "openai:gpt-4o-mini"}
      general: {model: "gemini:gemini-2.5-flash"}
    rules:
      default: general
      match:
        - {name: support, keywords: [help, refund], route: support}
    ```

    ## Fix
    Use words or phrases only this route's requests contain (`refund`,
    `order status`, `stack trace`); for a short term, a phrase (`in go`,
    `golang`) or a regex with context.
    """

    code = "RC403"
    name = "broad-pattern"
    severity = Severity.WARNING
    summary = "A rule keyword or regex matches far more requests than its route is for."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        if covered(ctx, self.code):
            return
        for order, matcher in enumerate(config.matchers):
            if matcher.kind == "keyword":
                for keyword in matcher.patterns:
                    reason = broadness(str(keyword.value))
                    if reason is not None:
                        message = f"keyword '{keyword.value}' of {label(matcher, order)} is too broad: {reason}"
                        fix = advice("use words or phrases only this route's requests contain, or remove it")
                        yield self.at(ctx, keyword, message, fix=fix)
            elif matcher.kind == "regex" and matcher.patterns and matches_everything(str(matcher.patterns[0].value)):
                message = f"the regex of {label(matcher, order)} matches the empty text, so it matches every request"
                fix = advice("require at least one character of what this route is for")
                yield self.at(ctx, matcher.patterns[0], message, fix=fix)
