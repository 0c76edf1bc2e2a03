"""The rule reference (docs/rules.md), generated from the registry.

Regenerate with ``python -m routec.rules.reference > docs/rules.md``; a test
keeps the committed file in step with the rules.
"""

from __future__ import annotations

from . import RULES


def markdown() -> str:
    lines = [
        "# Rules",
        "",
        "Generated from the rule registry by `python -m routec.rules.reference`;",
        "`routec rule CODE` prints the same text in a terminal.",
        "",
        "| code | name | severity | summary |",
        "|---|---|---|---|",
    ]
    lines += [f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.severity} | {r.summary} |" for r in RULES]
    for rule in RULES:
        body = rule.doc().replace("## ", "### ")
        lines += ["", f"## {rule.code}", "", f"`{rule.name}`, {rule.severity} by default. {rule.summary}", "", body]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
