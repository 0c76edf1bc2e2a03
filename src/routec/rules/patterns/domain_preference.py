from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ...ir import Preference
from ..base import Context, Rule, advice, quoted_list
from .common import text_of, unique_preferences
from .words import ACTION_STEMS, name_words, stem


def kind_of(preference: Preference) -> str:
    """`domain` or `action`: as the config says, else inferred from the name."""
    written = text_of(preference.kind)
    if written in ("domain", "action"):
        return written
    name = text_of(preference.name) or ""
    return "action" if any(stem(word) in ACTION_STEMS for word in name_words(name)) else "domain"


class NoDomainPreference(Rule):
    """
    ## What it does
    Reports preferences of which none is a domain (a topic: legal,
    healthcare, programming) rather than an action (a task: summarize,
    translate, generate code). A preference's `kind` says which it is; when
    the config has no `kind`, a name with an action word, a verb or its noun
    (`summarize`, `summary`, `translation`, `code generation`, `debugging`,
    `review`, `creative writing`, `problem solving`, ...), is an action, and
    any other name a domain. The action words are in
    `routec/rules/patterns/words.py` and in docs/patterns.md.

    ## Why is this bad?
    Plano's best practice, "Domain Inclusion: for best user experience, you
    should always include a domain route. This helps the router fall back to
    domain when action is not confidently inferred." With actions only, a
    request whose task is unclear has nowhere sensible to go.

    ## Example
    ```yaml
    routes:
      coder: {model: "anthropic:claude-sonnet-4-6"}
      writer: {model: "anthropic:claude-opus-4-6"}
    preferences:
      - name: code generation
        description: generating new code snippets, functions or boilerplate
        route: coder
      - name: creative writing
        description: creative writing of stories, poems and marketing copy
        route: writer
    ```

    ## Fix
    Add a preference for the domain the actions belong to (`programming`:
    "programming languages, libraries and APIs"), or set `kind: domain` on
    one that is a domain.
    """

    code = "RC413"
    name = "no-domain-preference"
    severity = Severity.WARNING
    summary = "Preferences are all actions; none is a domain to fall back to."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        preferences = [preference for preference, _ in unique_preferences(config)]
        if not preferences or any(kind_of(preference) == "domain" for preference in preferences):
            return
        names = [str(preference.name.value) for preference in preferences]
        message = (
            f"every preference is an action ({quoted_list(names, 6)}); none is a domain for the router to fall back to"
        )
        related = [Related(p.name.start, p.name.end, "an action") for p in preferences[1:]]
        fix = advice(
            "add a preference for the domain these actions belong to, or set `kind: domain` on one that is a domain"
        )
        yield self.at(ctx, preferences[0].name, message, related=related, fix=fix)
