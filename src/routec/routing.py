"""Which route a request's text goes to: the rules, compiled and evaluated.

The one definition of matching, which `routec route`, `routec test`, the
routing table and both client stubs follow (the stubs' code mirrors this
file, and shared test vectors keep them in step):

* A **keyword** rule matches when the text contains one of its keywords as a
  whole word or phrase, ignoring case (`pandas` in "Pandas DataFrame", not in
  "pandasql"; whitespace inside a phrase matches any run of ASCII whitespace). Its
  match is its longest keyword found.
* A **regex** rule matches when its regular expression finds a match,
  ignoring ASCII case; `\\w`, `\\d` and `\\b` are ASCII. Its match is the
  matched text.
* An **intent** rule matches when the caller's intent label equals it
  exactly. It counts as longer than any text match.

Among the rules that match, the winner has the highest `priority` (default
0); then the longest match (in characters); then it comes first in the file.
No match: the default route. Lengths and positions count code points.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .ir import Config

WORD_CHARACTERS = "A-Za-z0-9_"
# Whitespace inside a keyword phrase: ASCII only, so Python and JavaScript agree.
SPACES = "[ \\t\\n\\r\\f\\v]+"
# An intent match outranks any text match of equal priority.
INTENT_LENGTH = 1_000_000_000
REGEX_FLAGS = re.IGNORECASE | re.ASCII


class CompiledRule(NamedTuple):
    name: str
    kind: str  # "keyword", "regex" or "intent"
    patterns: tuple[str, ...]  # lowercased keywords; one regex; one intent label
    route: str  # the route or alias name, as written
    priority: int
    order: int  # position in the file, for the last tie-break


class Match(NamedTuple):
    rule: CompiledRule
    matched: str  # the keyword, the matched text, or the intent
    position: int  # where in the text (code points); -1 for an intent
    length: int


class Selection(NamedTuple):
    route: str | None
    match: Match | None  # None: no rule matched, the default applies
    matches: list[Match]  # every rule that matched, best first


class RuleSet(NamedTuple):
    rules: list[CompiledRule]  # in evaluation order: priority, then file order
    default: str | None


def keyword_regex(keyword: str) -> str:
    """The regex a keyword matches as: whole words, any whitespace between them."""
    body = SPACES.join(re.escape(word) for word in keyword.split())
    return rf"(?<![{WORD_CHARACTERS}]){body}(?![{WORD_CHARACTERS}])"


def normalise_keyword(keyword: str) -> str:
    return " ".join(keyword.lower().split())


def compile_rules(config: Config) -> RuleSet:
    compiled: list[CompiledRule] = []
    for order, matcher in enumerate(config.matchers):
        route = matcher.route.value if matcher.route is not None else (matcher.name or "")
        patterns = [str(pattern.value) for pattern in matcher.patterns]
        if matcher.kind == "keyword":
            patterns = list(dict.fromkeys(normalise_keyword(p) for p in patterns if p.strip()))
        name = matcher.name or f"rule {order + 1}"
        compiled.append(CompiledRule(name, matcher.kind, tuple(patterns), route, matcher.priority or 0, order))
    compiled.sort(key=lambda rule: (-rule.priority, rule.order))
    default = config.default_route.value if config.default_route is not None else None
    return RuleSet(compiled, default)


def best_match(rule: CompiledRule, text: str, lowered: str, intent: str | None) -> Match | None:
    if rule.kind == "intent":
        return Match(rule, intent, -1, INTENT_LENGTH) if intent is not None and intent in rule.patterns else None
    if rule.kind == "regex":
        pattern = _compiled(rule.patterns[0]) if rule.patterns else None
        found = pattern.search(text) if pattern is not None else None
        return Match(rule, found.group(0), found.start(), len(found.group(0))) if found else None
    best: Match | None = None
    for keyword in rule.patterns:
        pattern = _compiled(keyword_regex(keyword))
        found = pattern.search(lowered) if pattern is not None else None
        if found and (best is None or len(keyword) > best.length):
            best = Match(rule, keyword, _in_text(text, lowered, found.start()), len(keyword))
    return best


def _in_text(text: str, lowered: str, position: int) -> int:
    """Where a position in the lowercased text falls in the text: lowercasing can lengthen a
    character ('İ' becomes two code points), and positions are reported in the text as given."""
    if len(lowered) == len(text):
        return position
    consumed = 0
    for index, character in enumerate(text):
        if consumed >= position:
            return index
        consumed += len(character.lower())
    return len(text)


def select(rules: RuleSet, text: str, intent: str | None = None) -> Selection:
    lowered = text.lower()
    matches = [found for rule in rules.rules if (found := best_match(rule, text, lowered, intent)) is not None]
    matches.sort(key=lambda found: (-found.rule.priority, -found.length, found.rule.order))
    if not matches:
        return Selection(rules.default, None, [])
    return Selection(matches[0].rule.route, matches[0], matches)


_CACHE: dict[str, re.Pattern[str] | None] = {}


def _compiled(pattern: str) -> re.Pattern[str] | None:
    """The compiled pattern, or None for one that does not compile (RC408 reports it)."""
    if pattern not in _CACHE:
        try:
            _CACHE[pattern] = re.compile(pattern, REGEX_FLAGS)
        except re.error:
            _CACHE[pattern] = None
    return _CACHE[pattern]


class Routed(NamedTuple):
    """Where a request goes, and why: what `routec route` and `routec test` report."""

    name: str | None  # the route or alias the rule (or the default) names
    route: str | None  # the route it lands on
    model: str | None  # the model that route sends to first
    chain: list[str]  # its failover chain
    path: list[str]  # names followed from `name` to `route`
    selection: Selection


def route_request(config: Config, text: str, intent: str | None = None) -> Routed:
    from .ir.graph import Resolver, failover_chain

    selection = select(compile_rules(config), text, intent)
    if selection.route is None:
        return Routed(None, None, None, [], [], selection)
    resolver = Resolver(config)
    landed = resolver.resolve(selection.route)
    path = resolver.path(selection.route)
    if landed.route is not None:
        chain = [model.value for model in failover_chain(config, resolver, landed.route)]
        return Routed(selection.route, landed.route, chain[0] if chain else None, chain, path, selection)
    model = landed.model.value if landed.model is not None else None
    return Routed(selection.route, None, model, [model] if model else [], path, selection)
