from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Related, Severity
from ..base import Context, Rule, advice
from .common import text_of, unique_preferences
from .words import content_words, name_words, related_stems, stem


class PreferenceNameMismatch(Rule):
    """
    ## What it does
    Reports a preference whose name shares no word with its description.
    The name is split into words at spaces, `_`, `-` and camelCase humps;
    function words (`and`, `of`, ...) and numbers are left out. A name word
    agrees with a description word when their stems are equal (a crude
    stemmer: `equations` and `equation`, `coding` and `code`) or one stem
    starts the other and has at least 4 letters (`math`, `mathematics`).

    ## Why is this bad?
    Plano's best practice, "Consistent Naming: Route names should align with
    their descriptions". A preference router reads both: a name that says
    one thing and a description that says another blur the route, and
    whoever maintains the config trusts the name.

    ## Example
    ```yaml
    routes:
      reasoner: {model: "openai:o3"}
    preferences:
      - name: math
        kind: domain
        description: handle solving quadratic equations
        route: reasoner
    ```

    ## Fix
    Rename the preference after what its description says
    (`quadratic_equation` for "solving quadratic equations"), or describe
    what the name says.
    """

    code = "RC410"
    name = "preference-name-mismatch"
    severity = Severity.WARNING
    summary = "A preference's name and description share no word."

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        config = ctx.config
        assert config is not None
        for preference, _ in unique_preferences(config):
            name, description = text_of(preference.name), text_of(preference.description)
            if name is None or description is None or preference.description is None:
                continue
            named = [stem(word) for word in name_words(name)]
            described = [stem(word) for word in content_words(description)]
            if not named or not described:
                continue
            if any(related_stems(a, b) for a in named for b in described):
                continue
            message = f"preference '{name}': no word of its name appears in its description ('{description}')"
            related = [Related(preference.description.start, preference.description.end, "the description")]
            fix = advice("name the preference after what its description says, or describe what the name says")
            yield self.at(ctx, preference.name, message, related=related, fix=fix)
