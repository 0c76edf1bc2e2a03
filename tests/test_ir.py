"""Name resolution, cycle detection, model strings and did-you-mean, in isolation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routec.catalog import CARAPACE_PROVIDERS, PROVIDERS
from routec.check import check_text
from routec.ir import Config, Conventions, string_scalars
from routec.ir.graph import Resolver, alias_cycles, fallback_cycles
from routec.ir.models import ModelForm, parse_model
from routec.suggest import Suggester, edit_distance
from routec.syntax import Source, parse


def lower(text: str) -> Config:
    config = check_text(text, "config.yaml").config
    assert config is not None
    return config


def test_resolver_follows_aliases_to_routes_and_models() -> None:
    config = lower(
        "routes:\n  strong: {model: 'anthropic:claude-opus-4-6'}\n"
        "aliases:\n  reasoning: strong\n  deep: reasoning\n  embed: 'openai:text-embedding-3-small'\n  lost: nowhere\n"
    )
    resolver = Resolver(config)
    assert resolver.resolve("deep").route == "strong"
    assert resolver.path("deep") == ["deep", "reasoning", "strong"]
    assert resolver.resolve("embed").model is not None
    assert resolver.resolve("lost").missing == "nowhere"


def test_alias_cycles_are_found_once_each() -> None:
    config = lower("routes:\n  r: {model: 'ollama:x'}\naliases:\n  a: b\n  b: a\n  c: a\n  d: d\n  e: r\n")
    assert sorted(sorted(cycle) for cycle in alias_cycles(config)) == [["a", "b"], ["d"]]
    assert Resolver(config).resolve("c").cycle


def test_fallback_cycles_through_aliases() -> None:
    config = lower(
        "routes:\n"
        "  a: {model: 'ollama:a', fallbacks: [b]}\n"
        "  b: {model: 'ollama:b', fallbacks: [via]}\n"
        "  c: {model: 'ollama:c', fallbacks: [a]}\n"
        "aliases:\n  via: c\n"
    )
    [cycle] = fallback_cycles(config)
    assert [edge.source for edge in cycle] == ["a", "b", "c"]
    assert cycle[1].reference.value == "via"


@pytest.mark.parametrize(
    ("text", "form", "provider", "model"),
    [
        ("anthropic:claude-opus-4-6", ModelForm.QUALIFIED, "anthropic", "claude-opus-4-6"),
        ("ollama:llama3:8b", ModelForm.QUALIFIED, "ollama", "llama3:8b"),
        ("anthropic.claude-3-haiku-20240307-v1:0", ModelForm.QUALIFIED, "bedrock", "anthropic.claude-3-haiku-20240307-v1:0"),
        ("claude-opus-4-6", ModelForm.BARE, None, "claude-opus-4-6"),
        ("anthropic/claude-opus-4-6", ModelForm.MALFORMED, "anthropic", "claude-opus-4-6"),
        ("anthropic : claude", ModelForm.MALFORMED, "anthropic", "claude"),
        ("anthropic:", ModelForm.MALFORMED, "anthropic", ""),
        ("", ModelForm.MALFORMED, None, ""),
    ],
)
def test_parse_model(text: str, form: ModelForm, provider: str | None, model: str) -> None:
    parsed = parse_model(text, Conventions(CARAPACE_PROVIDERS, dotted_ids_are_bedrock=True))
    assert (parsed.form, parsed.provider, parsed.model) == (form, provider, model)


@pytest.mark.parametrize(
    ("bare", "providers"),
    [
        ("claude-opus-4-6", ("anthropic",)),
        ("gpt-4o", ("openai",)),
        ("o3", ("openai",)),
        ("o4-mini", ("openai",)),
        ("chatgpt-4o-latest", ("openai",)),
        ("gemini-2.5-flash", ("gemini",)),
        ("llama3", ("ollama",)),
        ("mistral-large", ("ollama", "mistral")),  # two fit: the fix is not automatic
        ("my-model", ()),
    ],
)
def test_bare_names_infer_their_provider(bare: str, providers: tuple[str, ...]) -> None:
    parsed = parse_model(bare, Conventions(frozenset(PROVIDERS)))
    assert parsed.form is ModelForm.BARE
    assert parsed.candidates == providers


@pytest.mark.parametrize(
    ("word", "names", "expected"),
    [
        ("fsat", ["fast", "strong"], ["fast"]),  # transposition
        ("stronk", ["fast", "strong"], ["strong"]),
        ("Fast", ["fast"], ["fast"]),  # case only
        ("antropic", sorted(PROVIDERS), ["anthropic"]),
        ("list", ["fast"], []),  # too far to be a typo
    ],
)
def test_suggestions(word: str, names: list[str], expected: list[str]) -> None:
    assert Suggester(names).suggest(word)[: len(expected) or 1] == expected


def test_suggestions_among_many_names() -> None:
    names = [f"route-{index}" for index in range(50_000)]
    suggester = Suggester(names)
    assert suggester.suggest("route-4999x")[0] == "route-4999"
    assert suggester.suggest("rout-12345")[0] == "route-12345"


def every_close_name(word: str, names: list[str], limit: int) -> list[str]:
    """Did-you-mean the slow way: every name compared with the word."""
    folded = word.lower()
    differently_cased = sorted(name for name in set(names) if name.lower() == folded and name != word)
    if differently_cased:
        return differently_cased[:1]
    max_distance = max(1, len(word) // 3)
    distances = {name: edit_distance(folded, name.lower(), max_distance) for name in set(names) if name != word}
    close = sorted((distance, name) for name, distance in distances.items() if distance <= 1)
    if not close:
        close = sorted((distance, name) for name, distance in distances.items() if distance <= max_distance)
    return [name for _, name in close[:limit]]


NAMES = st.lists(st.text(alphabet="abcXY-1", min_size=1, max_size=7), max_size=25)


@pytest.mark.parametrize("spelled_out", [True, False], ids=["lookups", "deletion-index"])
@given(names=NAMES, words=st.lists(st.text(alphabet="abcxY-12", min_size=1, max_size=8), min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_both_ways_of_finding_close_names_agree_with_comparing_every_name(
    spelled_out: bool, names: list[str], words: list[str]
) -> None:
    """Spelling out a word's one-edit neighbours and indexing the names by their deletions find the same names."""
    suggester = Suggester(names)
    suggester.LOOKUPS_PER_INDEX_ENTRY = 10**9 if spelled_out else 0
    for word in words:
        assert suggester.suggest(word) == every_close_name(word, names, 3), word


def test_a_few_questions_spell_out_neighbours_and_many_build_the_index() -> None:
    names = [f"route-{index}" for index in range(2000)]
    suggester = Suggester(names)
    assert suggester.suggest("route-12x")[0] == "route-12"
    assert suggester._by_deletion is None  # one question among 2,000 names: no index
    for index in range(2000):
        assert suggester.suggest(f"rotue-{index}")[0] == f"route-{index}"
    assert suggester._by_deletion is not None  # thousands of questions: indexed once, then looked up


def test_two_edit_scans_stop_at_the_budget() -> None:
    names = [f"route-{index:04}" for index in range(1000)]
    suggester = Suggester(names)
    assert suggester.suggest("rotue-01x2")[:1] == ["route-0102"]  # two edits: found by the scan
    for attempt in range(Suggester.SCAN_BUDGET // len(names)):
        suggester.suggest(f"zzzzz-{attempt:04}")
    assert suggester.suggest("rotue-02x3") == []  # budget spent: only one-edit lookups now
    assert suggester.suggest("route-02x3")[:1] == ["route-0203"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &shared {k: one, l: [two]}\nb: *shared\nc: *shared\n", ["one", "two"]),  # visited once
        ("a: {k: one}\nb: {k: one}\n", ["one", "one"]),  # two nodes that are equal are still two
        ('{a: "one", b: ["two", 3, {c: "four"}]}', ["one", "two", "four"]),
    ],
)
def test_string_scalars_visit_each_node_once(text: str, expected: list[str]) -> None:
    document = parse(Source("c.json5" if text.startswith("{") else "c.yaml", text), "json5" if text.startswith("{") else "yaml")
    assert [scalar.value for scalar in string_scalars(document)] == expected


def test_edit_distance_is_bounded() -> None:
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("a" * 10, "b" * 10, 2) == 3  # stops early, reports limit + 1
