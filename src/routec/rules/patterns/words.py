"""Word lists and a small stemmer for the keyword and preference rules (RC403, RC410-RC413).

The lists are data, kept here in one place so the rule docs and
docs/patterns.md can describe them exactly. Everything is lowercase English;
words of other languages are never in a list, so they count as specific
(content, noun-like) words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Function words: they carry no topic. Removed before any comparison of descriptions.
STOP_WORDS = frozenset(
    "a about above after again against all also am an and any are as at be been before being below between both but "
    "by can could did do does doing down during each etc few for from further had has have having he her here hers "
    "him his how i if in into is it its itself just me more most my no nor not of off on once only or other others "
    "our ours out over own same she should so some such than that the their theirs them then there these they this "
    "those through to too under until up upon us very via was we were what when where which while who whom why will "
    "with within without would you your yours".split()
)

# Words in most requests to an assistant, whatever they are about: as a keyword they match everything.
GREETING_WORDS = frozenset(
    "hi hello hey hiya greetings thanks thank thx cheers ok okay yes yeah sure bye goodbye".split()
)
REQUEST_WORDS = frozenset(
    "answer answers ask asking assist assistance assistant can could explain get give help helping info information "
    "make need please pls query question questions request show something task tell thing things use user want "
    "what write".split()
)
# Keywords of all-ASCII text shorter than this match unrelated requests ("ai" in "ai-generated", "go" in "let's go").
MIN_KEYWORD_LENGTH = 3

# Words that describe no subject in a preference description: catch-alls, qualifiers,
# and the verbs of asking for something. The rest of the content words are noun-like.
VAGUE_WORDS = frozenset(
    "anything everything something nothing stuff thing things whatever misc miscellaneous various general generic "
    "related relating regarding concerning around like kind kinds type types sort sorts lot lots many much "
    "good bad better best great nice "
    "closely mostly mainly basically generally usually typically simply really quickly easily especially primarily "
    "possibly probably directly specifically mostly".split()
)
VAGUE_VERBS = (
    "handle help do make get use answer ask assist deal work respond reply provide give take solve explain understand "
    "write generate create produce build summarize translate analyze analyse review debug fix improve optimize "
    "process manage perform complete tackle address cover include involve relate need want support"
).split()

# Names made of one of these words (or its noun, by stem) are actions, not domains (RC413).
ACTION_WORDS = (
    "summarize summary summarization translate translation generate generation write rewrite explain explanation "
    "solve debug review edit proofread classify classification extract extraction answer analyze analyse analysis "
    "compare comparison convert conversion fix refactor optimize optimization draft brainstorm plan schedule "
    "search find understand create creation compose reason correct correction check complete completion "
    "outline paraphrase critique grade rank recommend recommendation"
).split()

WORD = re.compile(r"[^\W_]+")
# Where a camelCase name turns to a new word: `mathProblems`.
HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

# Suffixes the stemmer strips, longest first; at most one, and only when 3 letters stay.
SUFFIXES = (
    "izations", "isations", "ization", "isation", "ations", "ation", "izing", "ising", "ings", "ions",
    "ies", "ing", "ion", "ize", "ise", "ate", "ied", "ed", "es", "s",
)  # fmt: skip
DOUBLED = re.compile(r"([bdfgmnprt])\1$")


def inflections(verb: str) -> set[str]:
    """The forms of a regular verb: help, helps, helped, helping (and debugging, planned)."""
    stem = verb.removesuffix("e")
    forms = {verb, verb + "s", verb + "es", stem + "ing", stem + "ed", verb + "d"}
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnpt]$", verb):
        forms |= {verb + verb[-1] + "ing", verb + verb[-1] + "ed"}
    return forms


VAGUE = VAGUE_WORDS | frozenset(form for verb in VAGUE_VERBS for form in inflections(verb))


def words(text: str) -> list[str]:
    """The lowercase words of a text, without numbers."""
    return [word for word in WORD.findall(text.lower()) if not word.isdigit()]


def content_words(text: str) -> list[str]:
    """The words of a text that are not function words."""
    return [word for word in words(text) if word not in STOP_WORDS]


def name_words(name: str) -> list[str]:
    """The content words of a name: `quadratic_equation`, `code-review`, `mathProblems`."""
    return content_words(HUMP.sub(" ", name))


def stem(word: str) -> str:
    """A crude stem: one suffix off, a final e or y off, a doubled consonant undone.

    `equations` and `equation` -> `equ`, `coding` and `code` -> `cod`,
    `summarize`, `summary` and `summarization` -> `summar`, `debugging` -> `debug`.
    """
    word = word.lower()
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] in "ey":
        word = word[:-1]
    return DOUBLED.sub(r"\1", word) if len(word) > 4 else word


def stems(items: Iterable[str]) -> set[str]:
    return {stem(item) for item in items}


def related_stems(a: str, b: str) -> bool:
    """Same stem, or one a prefix of the other with at least 4 letters (`math`, `mathematics`)."""
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= 4 and longer.startswith(shorter)


ACTION_STEMS = frozenset(stem(word) for word in ACTION_WORDS)
