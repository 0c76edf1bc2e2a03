from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...routing import REGEX_FLAGS
from ...syntax import Scalar
from ..base import Context, Rule, advice
from .common import label
from .portability import problems

# Problems reported per regex; the rest are found once the first are fixed.
MAX_PER_REGEX = 5


def compile_error(pattern: str) -> re.error | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FutureWarning for a possible set operation: compiles the same
        try:
            re.compile(pattern, REGEX_FLAGS)
        except re.error as error:
            return error
    return None


class InvalidRegex(Rule):
    """
    ## What it does
    Reports a rule's regex that does not compile with Python's `re` (flags
    `IGNORECASE | ASCII`, as routing uses), or that uses syntax JavaScript's
    `RegExp` (flags `iu`, as the TypeScript stub uses) rejects or reads
    differently: named groups and backreferences `(?P<name>...)`,
    `(?P=name)`; inline flags `(?i)`; comments `(?#...)`; atomic groups
    `(?>...)`; conditionals `(?(1)...)`; possessive quantifiers `*+`, `++`,
    `?+`, `{n}+`; the escapes `\\A`, `\\Z`, `\\z`, `\\a`, `\\U`, `\\N{...}`
    and octal escapes (`\\01`, `\\101`); a quantifier on a lookaround
    (`(?=a)*`); escaping a character that is not regex syntax
    (`\\-` outside a class, `\\#`, `\\:`, `\\ `); a lone `{`, `}` or `]`,
    `{,n}`, and a `]` first in a class. These are errors. A non-ASCII letter
    is a warning: Python matches it in its own case only, JavaScript in any
    case. Not reported, because nearly every regex has them, but read
    differently on some texts: `$` (Python also matches before a final
    newline), `.` (JavaScript does not match `\\r`), `\\B` (Python never
    matches it in an empty text), and `k`, `s`, `\\w`, `\\b` (JavaScript's
    `iu` also matches the Kelvin sign and the long s). `\\s` and `\\S` agree:
    the TypeScript stub spells them out as ASCII whitespace.

    ## Why is this bad?
    A regex that does not compile fails the check, the build and the Python
    stub's import. One that only Python reads makes the TypeScript stub throw
    a SyntaxError when it loads, or send the same request elsewhere: the
    client and the gateway would disagree on the route.

    ## Example
    ```yaml
    routes:
      code: {model: "anthropic:claude-sonnet-4-6"}
      general: {model: "gemini:gemini-2.5-flash"}
    rules:
      default: general
      match:
        - {name: tickets, regex: '(?P<id>JIRA\\-\\d+)', route: code}
    ```

    ## Fix
    Write the portable form the message gives: `(...)` for a named group,
    `\\1` for a named backreference, `^` and `$` for `\\A` and `\\Z`, the
    character itself instead of an unneeded escape.
    """

    code = "RC408"
    name = "invalid-regex"
    severity = Severity.ERROR
    summary = "A rule's regex does not compile, or Python and JavaScript read it differently."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        for order, matcher in enumerate(config.matchers):
            if matcher.kind != "regex":
                continue
            for scalar in matcher.patterns:
                yield from self.check_pattern(ctx, scalar, label(matcher, order))

    def check_pattern(self, ctx: Context, scalar: Scalar, rule: str) -> Iterator[Diagnostic]:
        pattern = str(scalar.value)
        error = compile_error(pattern)
        if error is not None:
            position = error.pos if error.pos is not None else 0
            start, end = ctx.value_span(scalar, position, min(position + 1, len(pattern)))
            message = f"the regex of {rule} does not compile: {error.msg} (at character {position + 1})"
            yield self.report(
                ctx,
                start,
                end,
                message,
                fix=advice("fix the regex; routing reads it with Python's re, ignoring ASCII case"),
            )
            return
        for problem in problems(pattern)[:MAX_PER_REGEX]:
            start, end = ctx.value_span(scalar, problem.start, problem.end)
            message = f"the regex of {rule}: {problem.message}"
            severity = Severity.ERROR if problem.error else Severity.WARNING
            yield self.report(
                ctx,
                start,
                end,
                message,
                severity=severity,
                fix=advice("write it so Python and JavaScript read it alike"),
            )
