from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ..base import Context, Rule, advice, quoted_list
from .common import text_of, unique_preferences
from .words import VAGUE, content_words

# Fewer content words than this is a label, not a description.
MIN_CONTENT_WORDS = 2


def vagueness(description: str) -> str | None:
    """Why a description is not noun-centric, or None when it is."""
    content = content_words(description)
    if len(content) < MIN_CONTENT_WORDS:
        return f"it has {len(content)} content word(s); a description needs at least {MIN_CONTENT_WORDS}"
    vague = [word for word in content if word in VAGUE]
    specific = len(content) - len(vague)
    if specific == 0:
        return f"every word is a verb, a qualifier or a catch-all ({quoted_list(dict.fromkeys(vague), 6)}), none names a subject"
    if specific < len(vague):
        return f"most of its words are verbs, qualifiers or catch-alls ({quoted_list(dict.fromkeys(vague), 6)}), few name a subject"
    return None


class DescriptionWithoutNouns(Rule):
    """
    ## What it does
    Reports a preference description that names too few things. Its content
    words are its words without function words (`the`, `to`, `and`, ...);
    each is *vague* when it is a catch-all (`anything`, `everything`,
    `stuff`, `things`, `misc`, `various`, `general`), a qualifier (`related`,
    `regarding`, `closely`, `mostly`, `simple`, `new`, `good`), or a form of a
    verb of asking or handling (`handle`, `help`, `do`, `make`, `solve`,
    `explain`, `write`, `generate`, `answer`, ...); the others are
    noun-like. Reported when there are fewer than 2 content words, or fewer
    noun-like words than vague ones. Nouns made from verbs
    (`generation`, `translation`) are noun-like. The lists are in
    `routec/rules/patterns/words.py` and in docs/patterns.md.

    ## Why is this bad?
    Plano's best practice, "Nouns Descriptor: Preference-based routers
    perform better with noun-centric descriptors, as they offer more stable
    and semantically rich signals for matching." Its bad example is
    "anything closely related to mathematics".

    ## Example
    ```yaml
    routes:
      reasoner: {model: "openai:o3"}
    preferences:
      - name: math
        kind: domain
        description: anything closely related to mathematics
        route: reasoner
    ```

    ## Fix
    Name the subjects and the kinds of request: "solving, explaining math
    problems, concepts", "code snippets, functions and libraries".
    """

    code = "RC412"
    name = "description-without-nouns"
    severity = Severity.WARNING
    summary = "A preference's description is not noun-centric."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        for preference, _ in unique_preferences(config):
            description = text_of(preference.description)
            if description is None or preference.description is None:
                continue
            reason = vagueness(description)
            if reason is not None:
                message = f"the description of preference '{preference.name.value}' is not noun-centric: {reason}"
                fix = advice("name the subjects and kinds of request, e.g. 'math problems, proofs and equations'")
                yield self.at(ctx, preference.description, message, fix=fix)
